// The C surface of libxml2 that TidingsWeb uses: the HTML parser, the XML reader and tree,
// URI resolution and the error and entity-loader hooks. Only TidingsWeb imports this module.
#ifndef TIDINGS_CLIBXML2_SHIM_H
#define TIDINGS_CLIBXML2_SHIM_H

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
