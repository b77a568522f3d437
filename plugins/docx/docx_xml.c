/* SPDX-License-Identifier: MIT */
/*
 * The DOCX writer's side of the library's XML writer (xml.h): each part is
 * a dm_xml in memory, whose first error is mirrored in docx_xml.err after
 * every call so that the part writers stay a readable list of elements
 * and check once at the end. The escaping, the one policy for characters
 * XML cannot hold (U+FFFD, one warning per document) and the note of
 * right-to-left characters for a run's w:rtl are the library's. Also here:
 * relationship targets made into safe URIs.
 */
#include <stdlib.h>
#include <string.h>

#include "docx.h"

static void docx_xml_sync(docx_xml *x) {
  if (!x->err && x->x) x->err = dm_xml_status(x->x);
}

int docx_xml_open(docx_xml *x, docx_state *st) {
  memset(x, 0, sizeof *x);
  x->st = st;
  /* No context: the body and notes may be written by a thread of their
   * own; docx_write.c gives the character warning afterwards. */
  x->x = dm_xml_new(NULL, NULL);
  if (!x->x) return x->err = DM_ENOMEM;
  dm_xml_declaration(x->x, 1);
  docx_xml_sync(x);
  return x->err;
}

int docx_xml_close(docx_xml *x) {
  if (!x->x) return x->err;
  dm_xml_finish(x->x);
  dm_xml_raw(x->x, "\n", 1);
  docx_xml_sync(x);
  return x->err;
}

void docx_xml_discard(docx_xml *x) {
  dm_xml_free(x->x);
  x->x = NULL;
}

void docx_start(docx_xml *x, const char *name) {
  dm_xml_start(x->x, name);
  docx_xml_sync(x);
}

void docx_end(docx_xml *x) {
  if (x->err || !dm_xml_depth(x->x)) return;
  dm_xml_end(x->x);
  docx_xml_sync(x);
}

void docx_attr(docx_xml *x, const char *name, const char *value) {
  dm_xml_attr(x->x, name, value);
  docx_xml_sync(x);
}

void docx_attr_int(docx_xml *x, const char *name, long long value) {
  dm_xml_attr_int(x->x, name, value);
  docx_xml_sync(x);
}

void docx_empty(docx_xml *x, const char *name, const char *a1, const char *v1, const char *a2, const char *v2) {
  docx_start(x, name);
  if (a1) docx_attr(x, a1, v1);
  if (a2) docx_attr(x, a2, v2);
  docx_end(x);
}

void docx_text(docx_xml *x, const char *s, size_t len, dm_pos pos) {
  if (x->err) return;
  dm_xml_set_pos(x->x, pos);
  dm_xml_text(x->x, s, len);
  docx_xml_sync(x);
}

void docx_attr_text(docx_xml *x, const char *name, const char *s) { docx_attr(x, name, s); }

size_t docx_xml_mark(docx_xml *x) { return dm_xml_mark(x->x); }

void docx_xml_flush_point(docx_xml *x) {
  size_t len;
  if (!x->drain || x->err) return;
  dm_xml_data(x->x, &len);
  if (len < DOCX_XML_CHUNK) return;
  int rc = x->drain(x);
  if (rc != DM_OK) x->err = rc;
}

void docx_xml_insert(docx_xml *x, size_t at, const char *s, size_t n) {
  dm_xml_insert(x->x, at, s, n);
  docx_xml_sync(x);
}

static int docx_xml_is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

char *docx_uri_escape(const char *url) {
  /* libxml2 checks xsd:anyURI by parsing it as a URI; percent-encoding
   * everything outside RFC 3986's unreserved and reserved sets (and a '%'
   * not starting an escape) keeps any target valid while a correct URL
   * passes unchanged. */
  static const char keep[] = "-._~:/?#@!$&'()*+,;=";
  size_t len = strlen(url);
  char *out = malloc(len * 3 + 1);
  if (!out) return NULL;
  /* '[' and ']' belong in the authority only (an IPv6 host,
   * "http://[::1]/"): anywhere else they are escaped */
  const char *sep = strstr(url, "://");
  size_t auth0 = sep ? (size_t)(sep - url) + 3 : len, auth1 = auth0;
  while (auth1 < len && !strchr("/?#", url[auth1]))
    auth1++;
  size_t o = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)url[i];
    int hex2 = i + 2 < len && docx_xml_is_hex(url[i + 1]) && docx_xml_is_hex(url[i + 2]);
    int bracket = (c == '[' || c == ']') && i >= auth0 && i < auth1;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c && strchr(keep, c)) ||
        (c == '%' && hex2) || bracket) {
      out[o++] = (char)c;
    } else {
      static const char hx[] = "0123456789ABCDEF";
      out[o++] = '%';
      out[o++] = hx[c >> 4];
      out[o++] = hx[c & 15];
    }
  }
  out[o] = '\0';
  return out;
}

int docx_rels_add(docx_rels *r, const char *url) {
  if (r->count == r->cap) {
    size_t cap = r->cap ? r->cap * 2 : 16;
    char **p = realloc(r->targets, cap * sizeof *p);
    if (!p) return -1;
    r->targets = p;
    r->cap = cap;
  }
  char *t = docx_uri_escape(url);
  if (!t) return -1;
  r->targets[r->count++] = t;
  return (int)r->count;
}

void docx_rels_free(docx_rels *r) {
  for (size_t i = 0; i < r->count; i++)
    free(r->targets[i]);
  free(r->targets);
  memset(r, 0, sizeof *r);
}
