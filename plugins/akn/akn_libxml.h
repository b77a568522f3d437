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
#include <libxml/xmlreader.h>

#include "docmill/docmill.h"

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
  /* the pull reader, for the DOCX reader (plugins/docx/docx_read_xml.c) */
  __typeof__(&xmlReaderForMemory) ReaderForMemory;
  __typeof__(&xmlFreeTextReader) FreeTextReader;
  __typeof__(&xmlTextReaderRead) TextReaderRead;
  __typeof__(&xmlTextReaderNodeType) TextReaderNodeType;
  __typeof__(&xmlTextReaderDepth) TextReaderDepth;
  __typeof__(&xmlTextReaderIsEmptyElement) TextReaderIsEmptyElement;
  __typeof__(&xmlTextReaderConstLocalName) TextReaderConstLocalName;
  __typeof__(&xmlTextReaderConstNamespaceUri) TextReaderConstNamespaceUri;
  __typeof__(&xmlTextReaderConstValue) TextReaderConstValue;
  __typeof__(&xmlTextReaderMoveToNextAttribute) TextReaderMoveToNextAttribute;
  __typeof__(&xmlTextReaderMoveToElement) TextReaderMoveToElement;
  __typeof__(&xmlTextReaderSetStructuredErrorHandler) TextReaderSetStructuredErrorHandler;
  __typeof__(&xmlTextReaderGetParserLineNumber) TextReaderGetParserLineNumber;
  __typeof__(&xmlTextReaderGetParserColumnNumber) TextReaderGetParserColumnNumber;
} akn_libxml;

/* Valid once akn_libxml_load() has returned DM_OK. */
extern akn_libxml akn_xml;

/* Loads libxml2 and initialises its parser, once per process; later calls
 * only return the first one's outcome. On failure reports on ctx why (the
 * library's name and the loader's message) and returns DM_EUNSUPPORTED. */
int akn_libxml_load(dm_ctx *ctx);

#endif
