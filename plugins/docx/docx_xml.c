/* SPDX-License-Identifier: MIT */
/*
 * The XML emitter of the DOCX writer. Every part goes through libxml2's
 * xmlTextWriter, which does the escaping, wrapped so that the first failure
 * sticks and later calls do nothing: the part writers stay a readable list
 * of elements and check once at the end. Text is sanitised on the way in,
 * because xmlTextWriter escapes markup but happily writes characters that
 * XML 1.0 forbids (C0 controls, U+FFFE), which would make Word refuse the
 * whole package. Also here: relationship targets made into safe URIs.
 */
#include <stdlib.h>
#include <string.h>

#include "docx.h"

/* libxml2's output callback: appends to the part's buffer. */
static int docx_xml_sink(void *ctx, const char *buf, int len) {
  docx_xml *x = ctx;
  if (len < 0) return -1;
  size_t n = (size_t)len;
  if (x->len + n > x->cap) {
    size_t cap = x->cap ? x->cap : 65536;
    while (cap < x->len + n) {
      if (cap > SIZE_MAX / 2) return -1;
      cap *= 2;
    }
    unsigned char *p = realloc(x->data, cap);
    if (!p) return -1;
    x->data = p;
    x->cap = cap;
  }
  memcpy(x->data + x->len, buf, n);
  x->len += n;
  return len;
}

static int docx_xml_noclose(void *ctx) {
  (void)ctx;
  return 0;
}

int docx_xml_open(docx_xml *x, docx_state *st) {
  memset(x, 0, sizeof *x);
  x->st = st;
  xmlOutputBufferPtr out = xmlOutputBufferCreateIO(docx_xml_sink, docx_xml_noclose, x, NULL);
  if (!out) return x->err = DM_ENOMEM;
  x->w = xmlNewTextWriter(out);
  if (!x->w) {
    xmlOutputBufferClose(out);
    return x->err = DM_ENOMEM;
  }
  if (xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", "yes") < 0) x->err = DM_ENOMEM;
  return x->err;
}

int docx_xml_close(docx_xml *x) {
  if (x->w) {
    if (!x->err && xmlTextWriterEndDocument(x->w) < 0) x->err = DM_ENOMEM;
    if (!x->err && xmlTextWriterFlush(x->w) < 0) x->err = DM_ENOMEM;
    xmlFreeTextWriter(x->w);
    x->w = NULL;
  }
  return x->err;
}

void docx_xml_discard(docx_xml *x) {
  if (x->w) xmlFreeTextWriter(x->w);
  x->w = NULL;
  free(x->data);
  x->data = NULL;
  x->len = x->cap = 0;
}

void docx_start(docx_xml *x, const char *name) {
  if (!x->err && xmlTextWriterStartElement(x->w, BAD_CAST name) < 0) x->err = DM_ENOMEM;
}

void docx_end(docx_xml *x) {
  if (!x->err && xmlTextWriterEndElement(x->w) < 0) x->err = DM_ENOMEM;
}

void docx_attr(docx_xml *x, const char *name, const char *value) {
  if (!x->err && xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST value) < 0) x->err = DM_ENOMEM;
}

void docx_attr_int(docx_xml *x, const char *name, long long value) {
  char buf[32];
  snprintf(buf, sizeof buf, "%lld", value);
  docx_attr(x, name, buf);
}

void docx_empty(docx_xml *x, const char *name, const char *a1, const char *v1, const char *a2, const char *v2) {
  docx_start(x, name);
  if (a1) docx_attr(x, a1, v1);
  if (a2) docx_attr(x, a2, v2);
  docx_end(x);
}

/* XML 1.0 section 2.2: the characters a document may hold. */
static int docx_xml_char_ok(uint32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

const char *docx_sanitize(docx_state *st, const char *s, size_t len, dm_pos pos, size_t *out_len) {
  /* Every kept code point is at most as long as its source, and U+FFFD (3
   * bytes) only replaces sequences of at least one byte: 3 * len bounds it. */
  if (len > (SIZE_MAX - 1) / 3) return NULL;
  size_t need = len * 3 + 1;
  if (need > st->scratch_cap) {
    char *p = realloc(st->scratch, need);
    if (!p) return NULL;
    st->scratch = p;
    st->scratch_cap = need;
  }
  size_t o = 0;
  const unsigned char *u = (const unsigned char *)s;
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    int n = dm_utf8_decode(u + i, len - i, &cp);
    int invalid = n < 0;
    if (invalid) {
      cp = 0xFFFD;
      n = 1;
    } else if (!docx_xml_char_ok(cp)) {
      if (st->bad_chars++ == 0) {
        st->first_bad = cp;
        st->bad_pos = pos;
      }
      i += (size_t)n;
      continue;
    }
    if (invalid) {
      o += (size_t)dm_utf8_encode(cp, (unsigned char *)st->scratch + o);
    } else {
      memcpy(st->scratch + o, s + i, (size_t)n);
      o += (size_t)n;
    }
    i += (size_t)n;
  }
  st->scratch[o] = '\0';
  if (out_len) *out_len = o;
  return st->scratch;
}

void docx_text(docx_xml *x, const char *s, size_t len, dm_pos pos) {
  if (x->err) return;
  const char *t = docx_sanitize(x->st, s, len, pos, NULL);
  if (!t) {
    x->err = DM_ENOMEM;
    return;
  }
  if (xmlTextWriterWriteString(x->w, BAD_CAST t) < 0) x->err = DM_ENOMEM;
}

void docx_attr_text(docx_xml *x, const char *name, const char *s) {
  if (x->err) return;
  const char *t = docx_sanitize(x->st, s, strlen(s), dm_pos_offset(DM_NO_OFFSET), NULL);
  if (!t) {
    x->err = DM_ENOMEM;
    return;
  }
  docx_attr(x, name, t);
}

int docx_has_rtl(const char *s, size_t len) {
  const unsigned char *u = (const unsigned char *)s;
  for (size_t i = 0; i < len;) {
    uint32_t c;
    int n = dm_utf8_decode(u + i, len - i, &c);
    if (n < 0) n = 1;
    /* Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic
     * supplements and presentation forms. */
    if ((c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF)) return 1;
    i += (size_t)n;
  }
  return 0;
}

static int docx_xml_is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

char *docx_uri_escape(const char *url) {
  /* libxml2 checks xsd:anyURI by parsing it as a URI; percent-encoding
   * everything outside RFC 3986's unreserved and reserved sets (and a '%'
   * not starting an escape) keeps any target valid while a correct URL
   * passes unchanged. */
  static const char keep[] = "-._~:/?#[]@!$&'()*+,;=";
  size_t len = strlen(url);
  char *out = malloc(len * 3 + 1);
  if (!out) return NULL;
  size_t o = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)url[i];
    int hex2 = i + 2 < len && docx_xml_is_hex(url[i + 1]) && docx_xml_is_hex(url[i + 2]);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c && strchr(keep, c)) ||
        (c == '%' && hex2)) {
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
