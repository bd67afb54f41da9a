// The C surface of the system's libcrypto (OpenSSL 3) that TidingsCore uses: SHA-256 through
// the EVP digest functions. Only TidingsCore's SHA256.swift imports this module.
#ifndef TIDINGS_CCRYPTO_SHIM_H
#define TIDINGS_CCRYPTO_SHIM_H

#include <openssl/evp.h>

#endif
