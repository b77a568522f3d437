/* SPDX-License-Identifier: MIT */
/*
 * One XML part of a DOCX package, read with libxml2's pull reader
 * (xmlTextReader) straight from memory, so that no tree of a large
 * document.xml is ever built. Every part is hostile input and parsed under
 * the same rules: no network, no DTD loaded, no entity substituted, and a
 * part that declares a DOCTYPE at all is refused (Word never writes one,
 * and it is where XXE and entity bombs live). libxml2 is opened at run
 * time (docx_libxml.c); its errors are taken from the reader's own
 * handler, never printed.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docx_custom.h"
#include "docx_read.h"

static const char *const docx_ns_uris[DOCX_NS_COUNT][2] = {
    [DOCX_NS_W] = {"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                   "http://purl.oclc.org/ooxml/wordprocessingml/main"},
    [DOCX_NS_R] = {"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                   "http://purl.oclc.org/ooxml/officeDocument/relationships"},
    [DOCX_NS_WP] = {"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
                    "http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing"},
    [DOCX_NS_A] = {"http://schemas.openxmlformats.org/drawingml/2006/main",
                   "http://purl.oclc.org/ooxml/drawingml/main"},
    [DOCX_NS_MC] = {"http://schemas.openxmlformats.org/markup-compatibility/2006", NULL},
    [DOCX_NS_REL] = {"http://schemas.openxmlformats.org/package/2006/relationships", NULL},
    [DOCX_NS_CP] = {"http://schemas.openxmlformats.org/package/2006/metadata/core-properties", NULL},
    [DOCX_NS_DC] = {"http://purl.org/dc/elements/1.1/", NULL},
    [DOCX_NS_DCT] = {"http://purl.org/dc/terms/", NULL},
    [DOCX_NS_V] = {"urn:schemas-microsoft-com:vml", NULL},
    [DOCX_NS_DM] = {DOCX_CUSTOM_NS, NULL},
};

static void docx_x_error(void *arg, xmlErrorPtr e) {
  docx_x *x = arg;
  if (x->err[0] || !e) return;
  if (e->level < XML_ERR_ERROR) return;
  snprintf(x->err, sizeof x->err, "%s", e->message ? e->message : "malformed XML");
  size_t n = strlen(x->err);
  while (n && (x->err[n - 1] == '\n' || x->err[n - 1] == ' '))
    x->err[--n] = '\0';
  x->err_line = e->line;
  x->err_col = e->int2;
}

int docx_x_open(docx_x *x, docx_rd *rd, const char *part, const unsigned char *data, size_t len) {
  memset(x, 0, sizeof *x);
  x->rd = rd;
  x->part = part;
  rd->part = part;
  if (len > INT_MAX) return rd->status = dm_error(rd->ctx, DM_ELIMIT, "%s: larger than libxml2 can read", part);
  /* No XML_PARSE_NOENT (entities stay references), no DTDLOAD, no HUGE. */
  x->r = docx_lx.ReaderForMemory((const char *)data, (int)len, part, NULL,
                                 XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!x->r) return docx_nomem(rd);
  docx_lx.TextReaderSetStructuredErrorHandler(x->r, docx_x_error, x);
  return DM_OK;
}

void docx_x_close(docx_x *x) {
  if (x->r) docx_lx.FreeTextReader(x->r);
  x->r = NULL;
}

dm_pos docx_x_pos(docx_x *x) {
  int line = docx_lx.TextReaderGetParserLineNumber(x->r);
  int col = docx_lx.TextReaderGetParserColumnNumber(x->r);
  return dm_pos_line(line > 0 ? (uint32_t)line : 0, col > 0 ? (uint32_t)col : 0);
}

/* One step of the reader; 1, 0 at the end of the part, or an error. */
static int docx_x_read(docx_x *x) {
  docx_rd *rd = x->rd;
  if (rd->status) return rd->status;
  int rc = docx_lx.TextReaderRead(x->r);
  if (rc == 1) {
    int t = docx_lx.TextReaderNodeType(x->r);
    if (t == XML_READER_TYPE_DOCUMENT_TYPE)
      return docx_bad(rd, x, "a DOCTYPE declaration: refused (DOCX parts have none; it is how entity attacks begin)");
    if (t == XML_READER_TYPE_ENTITY_REFERENCE)
      return docx_bad(rd, x, "an entity reference: refused (DOCX parts use none)");
    return 1;
  }
  if (rc == 0 && !x->err[0]) return 0;
  dm_pos pos = dm_pos_line(x->err_line > 0 ? (uint32_t)x->err_line : 0, x->err_col > 0 ? (uint32_t)x->err_col : 0);
  return rd->status = dm_error_at(rd->ctx, DM_EFORMAT, pos, "%s: not well-formed XML: %s", x->part,
                                  x->err[0] ? x->err : "the parser stopped");
}

int docx_x_step(docx_x *x) { return docx_x_read(x); }
int docx_x_type(docx_x *x) { return docx_lx.TextReaderNodeType(x->r); }
const char *docx_x_value(docx_x *x) {
  const xmlChar *v = docx_lx.TextReaderConstValue(x->r);
  return v ? (const char *)v : "";
}

const char *docx_x_attr_dup(docx_x *x, const char *name) {
  const char *found = NULL;
  while (!found && docx_lx.TextReaderMoveToNextAttribute(x->r) == 1) {
    const char *ln = (const char *)docx_lx.TextReaderConstLocalName(x->r);
    if (!ln || strcmp(ln, name) || docx_lx.TextReaderConstNamespaceUri(x->r)) continue;
    const char *v = (const char *)docx_lx.TextReaderConstValue(x->r);
    found = dm_doc_strdup(x->rd->doc, v ? v : "");
    if (!found) docx_nomem(x->rd);
  }
  docx_lx.TextReaderMoveToElement(x->r);
  return found;
}

int docx_x_depth(docx_x *x) { return docx_lx.TextReaderDepth(x->r); }
int docx_x_empty(docx_x *x) { return docx_lx.TextReaderIsEmptyElement(x->r) == 1; }
const char *docx_x_name(docx_x *x) {
  const xmlChar *n = docx_lx.TextReaderConstLocalName(x->r);
  return n ? (const char *)n : "";
}

static int docx_x_ns_of(docx_x *x, const xmlChar *uri) {
  if (!uri) return DOCX_NS_OTHER;
  /* The URIs are interned in the reader's dictionary: after the first
   * string comparison a pointer comparison does. */
  for (int i = 1; i < DOCX_NS_COUNT; i++)
    if (x->ns_seen[i] == uri) return i;
  for (int i = 1; i < DOCX_NS_COUNT; i++)
    for (int k = 0; k < 2; k++)
      if (docx_ns_uris[i][k] && !strcmp((const char *)uri, docx_ns_uris[i][k])) {
        x->ns_seen[i] = uri;
        return i;
      }
  return DOCX_NS_OTHER;
}

int docx_x_ns(docx_x *x) { return docx_x_ns_of(x, docx_lx.TextReaderConstNamespaceUri(x->r)); }

int docx_x_is(docx_x *x, int ns, const char *name) { return docx_x_ns(x) == ns && !strcmp(docx_x_name(x), name); }

int docx_x_child(docx_x *x, int depth) {
  if (docx_lx.TextReaderDepth(x->r) == depth && docx_lx.TextReaderNodeType(x->r) == XML_READER_TYPE_ELEMENT &&
      docx_x_empty(x))
    return 0;
  for (;;) {
    int rc = docx_x_read(x);
    if (rc <= 0) {
      if (rc == 0) return docx_bad(x->rd, x, "the part ends inside an element");
      return rc;
    }
    int t = docx_lx.TextReaderNodeType(x->r);
    int d = docx_lx.TextReaderDepth(x->r);
    if (t == XML_READER_TYPE_END_ELEMENT && d == depth) return 0;
    if (t == XML_READER_TYPE_ELEMENT && d == depth + 1) return 1;
  }
}

int docx_x_descend(docx_x *x, int depth) {
  if (docx_lx.TextReaderDepth(x->r) == depth && docx_lx.TextReaderNodeType(x->r) == XML_READER_TYPE_ELEMENT &&
      docx_x_empty(x))
    return 0;
  for (;;) {
    int rc = docx_x_read(x);
    if (rc <= 0) return rc == 0 ? docx_bad(x->rd, x, "the part ends inside an element") : rc;
    int t = docx_lx.TextReaderNodeType(x->r);
    int d = docx_lx.TextReaderDepth(x->r);
    if (t == XML_READER_TYPE_END_ELEMENT && d == depth) return 0;
    if (t == XML_READER_TYPE_ELEMENT && d > depth) return 1;
  }
}

int docx_x_skip(docx_x *x) {
  /* on an empty element, or already on an element's end: nothing to skip */
  if (docx_x_empty(x) || docx_lx.TextReaderNodeType(x->r) != XML_READER_TYPE_ELEMENT) return DM_OK;
  int depth = docx_lx.TextReaderDepth(x->r);
  for (;;) {
    int rc = docx_x_read(x);
    if (rc < 0) return rc;
    if (rc == 0) return docx_bad(x->rd, x, "the part ends inside an element");
    if (docx_lx.TextReaderNodeType(x->r) == XML_READER_TYPE_END_ELEMENT && docx_lx.TextReaderDepth(x->r) == depth)
      return DM_OK;
  }
}

const char *docx_x_attr(docx_x *x, int ns, const char *name, char *buf, size_t size) {
  const char *found = NULL;
  while (docx_lx.TextReaderMoveToNextAttribute(x->r) == 1) {
    const char *ln = (const char *)docx_lx.TextReaderConstLocalName(x->r);
    if (!ln || strcmp(ln, name)) continue;
    if (docx_x_ns_of(x, docx_lx.TextReaderConstNamespaceUri(x->r)) != ns) continue;
    const char *v = (const char *)docx_lx.TextReaderConstValue(x->r);
    snprintf(buf, size, "%s", v ? v : "");
    found = buf;
    break;
  }
  docx_lx.TextReaderMoveToElement(x->r);
  return found;
}

long docx_x_val_long(docx_x *x, long def) {
  char buf[32];
  const char *v = docx_x_attr(x, DOCX_NS_W, "val", buf, sizeof buf);
  if (!v) return def;
  char *end;
  long n = strtol(v, &end, 10);
  return end == v || *end ? def : n;
}

int docx_x_onoff(docx_x *x) {
  char buf[16];
  const char *v = docx_x_attr(x, DOCX_NS_W, "val", buf, sizeof buf);
  if (!v) return 1;
  return !(!strcmp(v, "0") || !strcmp(v, "false") || !strcmp(v, "off") || !strcmp(v, "none"));
}

int docx_x_text(docx_x *x, dm_buf *buf, size_t limit) {
  if (docx_x_empty(x)) return DM_OK;
  int depth = docx_lx.TextReaderDepth(x->r);
  for (;;) {
    int rc = docx_x_read(x);
    if (rc < 0) return rc;
    if (rc == 0) return docx_bad(x->rd, x, "the part ends inside an element");
    int t = docx_lx.TextReaderNodeType(x->r);
    if (t == XML_READER_TYPE_END_ELEMENT && docx_lx.TextReaderDepth(x->r) == depth) return DM_OK;
    if (t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA || t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
        t == XML_READER_TYPE_WHITESPACE) {
      const char *v = (const char *)docx_lx.TextReaderConstValue(x->r);
      size_t n = v ? strlen(v) : 0;
      if (buf->len + n > limit) n = buf->len < limit ? limit - buf->len : 0;
      if (n && dm_buf_append(buf, v, n) != DM_OK) return docx_nomem(x->rd);
    }
  }
}

int docx_nomem(docx_rd *rd) {
  if (rd->status) return rd->status;
  return rd->status = dm_error(rd->ctx, DM_ENOMEM, "out of memory");
}

int docx_bad(docx_rd *rd, docx_x *x, const char *fmt, ...) {
  if (rd->status) return rd->status;
  char msg[300];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  dm_pos pos = x && x->r ? docx_x_pos(x) : dm_pos_offset(DM_NO_OFFSET);
  return rd->status = dm_error_at(rd->ctx, DM_EFORMAT, pos, "%s: %s", x ? x->part : rd->part, msg);
}
