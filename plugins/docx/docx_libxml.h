/* SPDX-License-Identifier: MIT */
/*
 * The libxml2 functions of the DOCX reader: its pull reader, opened on the
 * reader's first use through the toolkit's loader (docmill/dynlib.h)
 * rather than linked, as the AKN reader opens its SAX parser: libxml2
 * brings ICU and the C++ runtime with it, whose loading every docmill
 * process would otherwise pay. The pointer types are taken from libxml2's
 * own declarations, so the table follows the headers it is built against.
 */
#ifndef DOCMILL_DOCX_LIBXML_H
#define DOCMILL_DOCX_LIBXML_H

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#include "docmill/docmill.h"

typedef struct docx_libxml {
  __typeof__(&xmlInitParser) InitParser;
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
} docx_libxml;

/* Valid once docx_libxml_load() has returned DM_OK. */
extern docx_libxml docx_lx;

/* Loads libxml2 and initialises its parser, once per process:
 * DM_OK, or DM_EUNSUPPORTED with a message on ctx naming the library. */
int docx_libxml_load(dm_ctx *ctx);

#endif
