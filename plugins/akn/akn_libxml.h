/* SPDX-License-Identifier: MIT */
/*
 * libxml2, loaded when the AKN reader first runs rather than when
 * libdocmill is. libxml2 brings ICU and the C++ runtime with it, whose
 * loading and relocation cost every docmill process about a millisecond,
 * which is a fifth of converting a whole resolution to DOCX, although only
 * the AKN reader uses it. The reader calls libxml2 through the table
 * akn_xml, filled once by akn_libxml_load(); the pointer types are taken
 * from libxml2's own declarations, so the table follows the headers it is
 * built against.
 */
#ifndef DM_AKN_LIBXML_H
#define DM_AKN_LIBXML_H

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "docmill/docmill.h"
#include "docmill/dynlib.h"

typedef struct akn_libxml {
  __typeof__(&xmlInitParser) InitParser;
  __typeof__(&xmlCreatePushParserCtxt) CreatePushParserCtxt;
  __typeof__(&xmlCtxtUseOptions) CtxtUseOptions;
  __typeof__(&xmlParseChunk) ParseChunk;
  __typeof__(&xmlStopParser) StopParser;
  __typeof__(&xmlCtxtGetLastError) CtxtGetLastError;
  __typeof__(&xmlFreeDoc) FreeDoc;
  __typeof__(&xmlFreeParserCtxt) FreeParserCtxt;
  __typeof__(&xmlGetPredefinedEntity) GetPredefinedEntity;
  __typeof__(&xmlSAX2GetLineNumber) SAX2GetLineNumber;
  __typeof__(&xmlSAX2GetColumnNumber) SAX2GetColumnNumber;
  __typeof__(&xmlFreeEnumeration) FreeEnumeration;
} akn_libxml;

/* Valid once akn_libxml_load() has returned DM_OK. */
extern akn_libxml akn_xml;

/* Loads libxml2 and initialises its parser, once per process, through
 * dm_dynlib_load: DM_OK, or DM_EUNSUPPORTED with a message on ctx naming
 * the library and what was missing. */
int akn_libxml_load(dm_ctx *ctx);

#endif
