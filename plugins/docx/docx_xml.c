/* SPDX-License-Identifier: MIT */
/*
 * The XML emitter of the DOCX writer: markup written straight into a
 * growable buffer, with a sticky error so that the part writers stay a
 * readable list of elements and check once at the end. Element and
 * attribute names are constants of this plugin and need no escaping; every
 * value and every character of text is escaped here, and text from the
 * document is sanitised in the same pass (XML 1.0 forbids C0 controls and
 * U+FFFE/U+FFFF, which would make Word refuse the whole package; invalid
 * UTF-8 becomes U+FFFD), which also notes right-to-left characters for the
 * run's w:rtl. The bytes are those libxml2's xmlTextWriter wrote before
 * (same declaration, escapes, empty-element form and final newline), which
 * it replaced on the hot path because its per-call overhead was half the
 * writer's time. Also here: relationship targets made into safe URIs.
 */
#include <stdlib.h>
#include <string.h>

#include "docx.h"

/* Makes room for n more bytes; false (and the sticky error) when out of
 * memory. */
static int docx_xml_reserve(docx_xml *x, size_t n) {
  if (x->err) return 0;
  if (n <= x->cap - x->len) return 1;
  size_t cap = x->cap ? x->cap : 65536;
  while (cap - x->len < n) {
    if (cap > SIZE_MAX / 2) {
      x->err = DM_ENOMEM;
      return 0;
    }
    cap *= 2;
  }
  unsigned char *p = realloc(x->data, cap);
  if (!p) {
    x->err = DM_ENOMEM;
    return 0;
  }
  x->data = p;
  x->cap = cap;
  return 1;
}

static void docx_xml_put(docx_xml *x, const char *s, size_t n) {
  if (!docx_xml_reserve(x, n)) return;
  memcpy(x->data + x->len, s, n);
  x->len += n;
}

#define DOCX_XML_LIT(x, lit) docx_xml_put((x), (lit), sizeof(lit) - 1)

/* Ends a start tag that is still open, because content follows. */
static void docx_xml_content(docx_xml *x) {
  if (!x->open) return;
  x->open = 0;
  if (docx_xml_reserve(x, 1)) x->data[x->len++] = '>';
}

int docx_xml_open(docx_xml *x, docx_state *st) {
  memset(x, 0, sizeof *x);
  x->st = st;
  DOCX_XML_LIT(x, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
  return x->err;
}

int docx_xml_close(docx_xml *x) {
  while (x->depth && !x->err)
    docx_end(x);
  DOCX_XML_LIT(x, "\n");
  free(x->stack);
  x->stack = NULL;
  return x->err;
}

void docx_xml_discard(docx_xml *x) {
  free(x->stack);
  x->stack = NULL;
  free(x->data);
  x->data = NULL;
  x->len = x->cap = 0;
}

void docx_start(docx_xml *x, const char *name) {
  if (x->err) return;
  if (x->depth == x->stack_cap) {
    size_t cap = x->stack_cap ? x->stack_cap * 2 : 64;
    const char **p = realloc(x->stack, cap * sizeof *p);
    if (!p) {
      x->err = DM_ENOMEM;
      return;
    }
    x->stack = p;
    x->stack_cap = cap;
  }
  docx_xml_content(x);
  size_t n = strlen(name);
  if (!docx_xml_reserve(x, n + 1)) return;
  x->data[x->len++] = '<';
  memcpy(x->data + x->len, name, n);
  x->len += n;
  x->stack[x->depth++] = name;
  x->open = 1;
}

void docx_end(docx_xml *x) {
  if (x->err || !x->depth) return;
  const char *name = x->stack[--x->depth];
  if (x->open) {
    x->open = 0;
    DOCX_XML_LIT(x, "/>");
  } else {
    size_t n = strlen(name);
    if (!docx_xml_reserve(x, n + 3)) return;
    unsigned char *o = x->data + x->len;
    o[0] = '<';
    o[1] = '/';
    memcpy(o + 2, name, n);
    o[n + 2] = '>';
    x->len += n + 3;
  }
}

/* XML 1.0 section 2.2: the characters a document may hold. */
static int docx_xml_char_ok(uint32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

/* Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic
 * supplements and presentation forms. */
static int docx_xml_is_rtl(uint32_t c) {
  return (c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF);
}

enum { DOCX_ESC_TEXT = 1, DOCX_ESC_ATTR = 2, DOCX_ESC_SANITIZE = 4 };

/* Escapes s into the buffer in one pass: markup characters as xmlTextWriter
 * escaped them (in attributes also tab and line ends, which attribute-value
 * normalisation would otherwise turn into spaces); with DOCX_ESC_SANITIZE,
 * forbidden characters dropped and counted, invalid UTF-8 replaced, and
 * right-to-left characters noted in x->rtl_seen. */
static void docx_xml_escape(docx_xml *x, const char *s, size_t len, int mode, dm_pos pos) {
  /* The longest escape, "&quot;", is six bytes for one. */
  if (len > (SIZE_MAX - 16) / 6) {
    x->err = DM_ENOMEM;
    return;
  }
  if (!docx_xml_reserve(x, len * 6)) return;
  const unsigned char *u = (const unsigned char *)s;
  unsigned char *o = x->data + x->len;
  int attr = mode & DOCX_ESC_ATTR, sanitize = mode & DOCX_ESC_SANITIZE;
  for (size_t i = 0; i < len;) {
    unsigned c = u[i];
    if (c >= 0x80) {
      uint32_t cp;
      int n = sanitize ? dm_utf8_decode(u + i, len - i, &cp) : 1;
      if (!sanitize) {
        *o++ = (unsigned char)c;
      } else if (n < 0) {
        /* U+FFFD for the one byte that does not decode. */
        *o++ = 0xEF;
        *o++ = 0xBF;
        *o++ = 0xBD;
        n = 1;
      } else if (cp == 0xFFFE || cp == 0xFFFF) {
        if (x->st->bad_chars++ == 0) {
          x->st->first_bad = cp;
          x->st->bad_pos = pos;
        }
      } else {
        if (docx_xml_is_rtl(cp)) x->rtl_seen = 1;
        memcpy(o, u + i, (size_t)n);
        o += n;
      }
      i += (size_t)n;
      continue;
    }
    i++;
    if (c >= 0x20 && c != '<' && c != '>' && c != '&' && c != '"') {
      *o++ = (unsigned char)c;
      continue;
    }
    if (sanitize && !docx_xml_char_ok(c)) {
      if (x->st->bad_chars++ == 0) {
        x->st->first_bad = c;
        x->st->bad_pos = pos;
      }
      continue;
    }
    const char *e;
    size_t en;
    switch (c) {
    case '<': e = "&lt;", en = 4; break;
    case '>': e = "&gt;", en = 4; break;
    case '&': e = "&amp;", en = 5; break;
    case '"': e = "&quot;", en = 6; break;
    case '\r': e = "&#13;", en = 5; break;
    case '\t': e = attr ? "&#9;" : "\t", en = attr ? 4 : 1; break;
    case '\n': e = attr ? "&#10;" : "\n", en = attr ? 5 : 1; break;
    default: e = (const char *)&u[i - 1], en = 1; break; /* unsanitised control: as given */
    }
    memcpy(o, e, en);
    o += en;
  }
  x->len = (size_t)(o - x->data);
}

/* An attribute outside a start tag would be a bug of the part writers:
 * it fails the part rather than producing markup that is not XML. */
static int docx_xml_in_tag(docx_xml *x) {
  if (x->err) return 0;
  if (!x->open) x->err = DM_EINTERNAL;
  return !x->err;
}

static void docx_xml_attr_start(docx_xml *x, const char *name) {
  size_t n = strlen(name);
  if (!docx_xml_reserve(x, n + 3)) return;
  unsigned char *o = x->data + x->len;
  o[0] = ' ';
  memcpy(o + 1, name, n);
  o[n + 1] = '=';
  o[n + 2] = '"';
  x->len += n + 3;
}

void docx_attr(docx_xml *x, const char *name, const char *value) {
  if (!docx_xml_in_tag(x)) return;
  docx_xml_attr_start(x, name);
  docx_xml_escape(x, value, strlen(value), DOCX_ESC_ATTR, dm_pos_offset(DM_NO_OFFSET));
  DOCX_XML_LIT(x, "\"");
}

void docx_attr_int(docx_xml *x, const char *name, long long value) {
  if (!docx_xml_in_tag(x)) return;
  char buf[24], *p = buf + sizeof buf;
  unsigned long long v = value < 0 ? 0ULL - (unsigned long long)value : (unsigned long long)value;
  do
    *--p = (char)('0' + v % 10);
  while (v /= 10);
  if (value < 0) *--p = '-';
  docx_xml_attr_start(x, name);
  docx_xml_put(x, p, (size_t)(buf + sizeof buf - p));
  DOCX_XML_LIT(x, "\"");
}

void docx_empty(docx_xml *x, const char *name, const char *a1, const char *v1, const char *a2, const char *v2) {
  docx_start(x, name);
  if (a1) docx_attr(x, a1, v1);
  if (a2) docx_attr(x, a2, v2);
  docx_end(x);
}

void docx_text(docx_xml *x, const char *s, size_t len, dm_pos pos) {
  if (x->err) return;
  docx_xml_content(x);
  docx_xml_escape(x, s, len, DOCX_ESC_TEXT | DOCX_ESC_SANITIZE, pos);
}

void docx_attr_text(docx_xml *x, const char *name, const char *s) {
  if (!docx_xml_in_tag(x)) return;
  docx_xml_attr_start(x, name);
  docx_xml_escape(x, s, strlen(s), DOCX_ESC_ATTR | DOCX_ESC_SANITIZE, dm_pos_offset(DM_NO_OFFSET));
  DOCX_XML_LIT(x, "\"");
}

size_t docx_xml_mark(docx_xml *x) {
  docx_xml_content(x);
  return x->len;
}

void docx_xml_flush_point(docx_xml *x) {
  if (!x->drain || x->err || x->open || x->len < DOCX_XML_CHUNK) return;
  int rc = x->drain(x);
  if (rc != DM_OK) x->err = rc;
}

void docx_xml_insert(docx_xml *x, size_t at, const char *s, size_t n) {
  if (at > x->len || !docx_xml_reserve(x, n)) return;
  memmove(x->data + at + n, x->data + at, x->len - at);
  memcpy(x->data + at, s, n);
  x->len += n;
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
