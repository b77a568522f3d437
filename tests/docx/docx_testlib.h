/* SPDX-License-Identifier: MIT */
/*
 * Helpers for the DOCX writer's unit tests: write a document built through
 * the API into memory, open the package with libzip, parse one part with
 * libxml2 and ask XPath questions of it, and validate every part against
 * the ECMA-376 schemas (DM_OOXML_SCHEMAS) the way tools/docx-check.sh does.
 * The tests look at the XML the package holds, never at zip bytes.
 */
#ifndef DOCMILL_TEST_DOCX_TESTLIB_H
#define DOCMILL_TEST_DOCX_TESTLIB_H

#include <stddef.h>

#include <libxml/tree.h>

#include "docmill/docmill.h"

typedef struct docx_out {
  char *data; /* the .docx bytes, malloc'd */
  size_t len;
  int status;  /* what dm_write returned */
  dm_ctx *ctx; /* kept for its warnings */
  dm_registry *reg;
} docx_out;

/* Writes doc as DOCX. */
docx_out tdocx_write(const dm_doc *doc);
void tdocx_free(docx_out *o);
/* How many warnings of this code the write raised. */
size_t tdocx_warnings(const docx_out *o, dm_diag_code code);
/* One part's bytes (malloc'd, NUL-terminated) or NULL when absent. */
char *tdocx_part(const docx_out *o, const char *name, size_t *len);
/* One part parsed; NULL when absent or not well-formed. */
xmlDocPtr tdocx_xml(const docx_out *o, const char *name);
/* XPath with the prefixes w, r, cp, dc, dcterms, ct, rel bound. */
double tdocx_num(xmlDocPtr doc, const char *xpath);
/* The string value (malloc'd). */
char *tdocx_str(xmlDocPtr doc, const char *xpath);
/* Every XML part valid against its schema: 1; invalid: 0; -1 when the
 * schemas are not available (the caller skips visibly). */
int tdocx_schema_valid(const docx_out *o);

#endif
