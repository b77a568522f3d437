/* SPDX-License-Identifier: MIT */
/*
 * The libxml2 functions of the AKN reader (see akn_libxml.h for why they
 * are loaded on first use), described for the toolkit's loader
 * (docmill/dynlib.h), which opens the library once per process by the
 * shared-object name the build found for the libxml2 it compiled against,
 * DM_LIBXML2_SONAME, so that the headers and the library agree.
 */
#include <stddef.h>

#include "akn_libxml.h"

#ifndef DM_LIBXML2_SONAME
#error "the build defines DM_LIBXML2_SONAME (plugins/akn/read.cmake)"
#endif

akn_libxml akn_xml;

#define AKN_SYM(f) DM_DYNLIB_SYMBOL(akn_libxml, f, "xml" #f)
static const dm_dynlib_symbol akn_libxml_syms[] = {
    AKN_SYM(InitParser),        AKN_SYM(CreatePushParserCtxt), AKN_SYM(CtxtUseOptions),
    AKN_SYM(ParseChunk),        AKN_SYM(StopParser),           AKN_SYM(CtxtGetLastError),
    AKN_SYM(FreeDoc),           AKN_SYM(FreeParserCtxt),       AKN_SYM(GetPredefinedEntity),
    AKN_SYM(SAX2GetLineNumber), AKN_SYM(SAX2GetColumnNumber),  AKN_SYM(FreeEnumeration),
};

/* libxml2's global set-up, before any parse; the loader runs it once. */
static void akn_libxml_init(void *table) { ((akn_libxml *)table)->InitParser(); }

static dm_dynlib akn_libxml_lib = {
    .name = "libxml2",
    .soname = DM_LIBXML2_SONAME,
    .purpose = "reading XML",
    .symbols = akn_libxml_syms,
    .nsymbols = sizeof akn_libxml_syms / sizeof akn_libxml_syms[0],
    .table = &akn_xml,
    .table_size = sizeof akn_xml,
    .on_load = akn_libxml_init,
};

int akn_libxml_load(dm_ctx *ctx) { return dm_dynlib_load(ctx, &akn_libxml_lib); }
