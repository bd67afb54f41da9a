// The C surface of libxml2 that TidingsWeb uses: the HTML parser, the XML reader and tree,
// URI resolution and the error and entity-loader hooks. Only TidingsWeb imports this module.
#ifndef TIDINGS_CLIBXML2_SHIM_H
#define TIDINGS_CLIBXML2_SHIM_H

// Debian's libxml2 is built with ICU, so encoding.h would pull in the system's ICU headers,
// whose `UErrorCode` then clashes with the copy inside Foundation (`_FoundationICU`) in any
// Swift file that imports both: a clean build fails. Tidings never touches the ICU members
// (only the ICU converter pointers at the end of `xmlCharEncodingHandler`, which Swift sees
// only by pointer), so the headers are read as if libxml2 had no ICU.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/entities.h>
#include <libxml/xmlerror.h>
#include <libxml/encoding.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlreader.h>

// xmlFree is a global function pointer, which Swift 6 rejects as shared mutable state.
static inline void tidings_xml_free(void *pointer) { xmlFree(pointer); }

#endif
