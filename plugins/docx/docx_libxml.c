/* SPDX-License-Identifier: MIT */
/*
 * The DOCX reader's libxml2 table (docx_libxml.h), described for the
 * toolkit's loader, by the shared-object name the build found for the
 * libxml2 whose headers it compiled against (DM_LIBXML2_SONAME).
 */
#include <stddef.h>

#include "docmill/dynlib.h"
#include "docx_libxml.h"

#ifndef DM_LIBXML2_SONAME
#error "the build defines DM_LIBXML2_SONAME (plugins/docx/CMakeLists.txt)"
#endif

docx_libxml docx_lx;

#define DOCX_SYM(f) DM_DYNLIB_SYMBOL(docx_libxml, f, "xml" #f)
static const dm_dynlib_symbol docx_libxml_syms[] = {
    DOCX_SYM(InitParser),
    DOCX_SYM(ReaderForMemory),
    DOCX_SYM(FreeTextReader),
    DOCX_SYM(TextReaderRead),
    DOCX_SYM(TextReaderNodeType),
    DOCX_SYM(TextReaderDepth),
    DOCX_SYM(TextReaderIsEmptyElement),
    DOCX_SYM(TextReaderConstLocalName),
    DOCX_SYM(TextReaderConstNamespaceUri),
    DOCX_SYM(TextReaderConstValue),
    DOCX_SYM(TextReaderMoveToNextAttribute),
    DOCX_SYM(TextReaderMoveToElement),
    DOCX_SYM(TextReaderSetStructuredErrorHandler),
    DOCX_SYM(TextReaderGetParserLineNumber),
    DOCX_SYM(TextReaderGetParserColumnNumber),
};

/* libxml2's global set-up, before any parse. The AKN reader's table runs
 * it too: the loader runs every on_load under one lock, and xmlInitParser
 * does nothing the second time. */
static void docx_libxml_init(void *table) { ((docx_libxml *)table)->InitParser(); }

static dm_dynlib docx_libxml_lib = {
    .name = "libxml2",
    .soname = DM_LIBXML2_SONAME,
    .purpose = "reading XML",
    .symbols = docx_libxml_syms,
    .nsymbols = sizeof docx_libxml_syms / sizeof docx_libxml_syms[0],
    .table = &docx_lx,
    .table_size = sizeof docx_lx,
    .on_load = docx_libxml_init,
};

int docx_libxml_load(dm_ctx *ctx) { return dm_dynlib_load(ctx, &docx_libxml_lib); }
