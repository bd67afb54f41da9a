import CCrypto

/// SHA-256 (FIPS 180-4) computed by the system's libcrypto (OpenSSL).
///
/// Post ids must be equal on every machine, so they come from a standard hash of the post's
/// normalised content rather than from anything local such as Swift's `Hasher`. libcrypto
/// uses the CPU's SHA instructions where it has them, several times faster than portable
/// code; an import hashes every file and every post. The hasher owns a libcrypto context, so
/// it cannot be copied; ``hash(_:)`` is the one-shot form.
public struct SHA256: ~Copyable {
    private let context: OpaquePointer

    /// SHA-256 fetched once from libcrypto's default provider: a digest named on every call
    /// (`EVP_sha256()`) would be looked up again each time.
    nonisolated(unsafe) private static let algorithm: OpaquePointer = {
        if let fetched = EVP_MD_fetch(nil, "SHA256", nil) { return fetched }
        return EVP_sha256()
    }()

    public init() {
        guard let context = EVP_MD_CTX_new() else { fatalError("libcrypto could not allocate a SHA-256 context") }
        guard EVP_DigestInit_ex2(context, SHA256.algorithm, nil) == 1 else {
            fatalError("libcrypto could not start a SHA-256 digest")
        }
        self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Feeds more bytes.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        if bytes.withContiguousStorageIfAvailable({ update(buffer: $0) }) != nil { return }
        let copy = Array(bytes)
        copy.withUnsafeBufferPointer { update(buffer: $0) }
    }

    /// Feeds contiguous bytes.
    public mutating func update(buffer: UnsafeBufferPointer<UInt8>) {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
        guard EVP_DigestUpdate(context, base, buffer.count) == 1 else {
            fatalError("libcrypto failed a SHA-256 update")
        }
    }

    /// The 32-byte digest; ends the hasher.
    public consuming func finalize() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        let done = out.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(context, $0.baseAddress, nil) }
        guard done == 1 else { fatalError("libcrypto failed to finish a SHA-256 digest") }
        return out
    }

    /// The digest of `bytes` in one call.
    public static func hash(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        if let digest = bytes.withContiguousStorageIfAvailable({ hash(buffer: $0) }) { return digest }
        return Array(bytes).withUnsafeBufferPointer { hash(buffer: $0) }
    }

    /// The digest of contiguous bytes in one call (one libcrypto call, no hasher to keep).
    public static func hash(buffer: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        // libcrypto reads nothing when the count is 0, but wants a pointer all the same.
        let empty: UInt8 = 0
        let done = withUnsafePointer(to: empty) { emptyPointer in
            out.withUnsafeMutableBufferPointer {
                EVP_Digest(
                    buffer.baseAddress ?? emptyPointer, buffer.count, $0.baseAddress, nil, SHA256.algorithm, nil)
            }
        }
        guard done == 1 else { fatalError("libcrypto failed a SHA-256 digest") }
        return out
    }
}
