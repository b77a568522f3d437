/* SPDX-License-Identifier: MIT */
/*
 * The XML writer of xml.h. Text is escaped in one pass over runs: printable
 * ASCII and the common three-byte characters are copied in blocks without
 * decoding, and only what is left (markup characters, controls, other
 * multi-byte sequences) is looked at one by one. That loop is the hot path
 * of the DOCX and Akoma Ntoso writers, which is why it writes into room
 * reserved once per call rather than through dm_buf_append per byte.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct dm_xml {
  dm_ctx *ctx;
  dm_sink *out;
  dm_buf buf;
  int status;
  int open; /* a start tag still takes attributes */
  int rtl;  /* a right-to-left character since dm_xml_take_rtl */
  const char **stack;
  size_t depth, stack_cap;
  dm_pos pos, bad_pos;
  uint64_t bad;
  uint32_t first_bad; /* the first character replaced */
  int first_is_byte;  /* ... a byte that is not UTF-8 */
};

int dm_xml_char_ok(uint32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

dm_xml *dm_xml_new(dm_ctx *ctx, dm_sink *out) {
  dm_xml *x = calloc(1, sizeof *x);
  if (!x) return NULL;
  x->ctx = ctx;
  x->out = out;
  x->pos = dm_pos_offset(DM_NO_OFFSET);
  if (dm_buf_reserve(&x->buf, DM_XML_CHUNK) != DM_OK) {
    free(x);
    return NULL;
  }
  return x;
}

void dm_xml_free(dm_xml *x) {
  if (!x) return;
  dm_buf_release(&x->buf);
  free(x->stack);
  free(x);
}

int dm_xml_status(const dm_xml *x) { return x->status; }

int dm_xml_fail(dm_xml *x, int status) {
  if (x->status || status == DM_OK) return x->status;
  x->status = status;
  if (!x->ctx || dm_ctx_error_status(x->ctx) != DM_OK) return status;
  if (status == DM_ENOMEM)
    dm_error(x->ctx, status, "out of memory writing XML");
  else if (status == DM_EINTERNAL)
    dm_error(x->ctx, status, "XML written out of order (an attribute after content or an end without a start)");
  else
    dm_error(x->ctx, status, "writing the XML failed (%s)", dm_status_name(status));
  return status;
}

/* Hands the bytes gathered to the sink. */
static void xml_flush(dm_xml *x) {
  if (!x->out || !x->buf.len || x->status) return;
  if (dm_sink_write(x->out, x->buf.data, x->buf.len) != DM_OK) dm_xml_fail(x, DM_EIO);
  x->buf.len = 0;
}

/* Room for n more bytes at x->buf.data + x->buf.len; 0 on failure. */
static int xml_room(dm_xml *x, size_t n) {
  if (x->status) return 0;
  if (n < x->buf.cap - x->buf.len) return 1;
  if (x->out && x->buf.len) {
    xml_flush(x);
    if (x->status) return 0;
    if (n < x->buf.cap) return 1;
  }
  if (dm_buf_reserve(&x->buf, n) != DM_OK) return dm_xml_fail(x, DM_ENOMEM), 0;
  return 1;
}

static void xml_put(dm_xml *x, const char *s, size_t n) {
  if (!xml_room(x, n)) return;
  memcpy(x->buf.data + x->buf.len, s, n);
  x->buf.len += n;
}

#define XML_LIT(x, lit) xml_put((x), (lit), sizeof(lit) - 1)

/* Ends a start tag that is still open, because content follows. */
static void xml_content(dm_xml *x) {
  if (!x->open) return;
  x->open = 0;
  xml_put(x, ">", 1);
}

void dm_xml_declaration(dm_xml *x, int standalone) {
  if (standalone)
    XML_LIT(x, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
  else
    XML_LIT(x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
}

void dm_xml_start(dm_xml *x, const char *name) {
  if (x->status) return;
  if (x->depth == x->stack_cap) {
    size_t cap = x->stack_cap ? x->stack_cap * 2 : 64;
    const char **p = realloc(x->stack, cap * sizeof *p);
    if (!p) {
      dm_xml_fail(x, DM_ENOMEM);
      return;
    }
    x->stack = p;
    x->stack_cap = cap;
  }
  xml_content(x);
  size_t n = strlen(name);
  if (!xml_room(x, n + 1)) return;
  char *o = x->buf.data + x->buf.len;
  o[0] = '<';
  memcpy(o + 1, name, n);
  x->buf.len += n + 1;
  x->stack[x->depth++] = name;
  x->open = 1;
}

void dm_xml_end(dm_xml *x) {
  if (x->status) return;
  if (!x->depth) {
    dm_xml_fail(x, DM_EINTERNAL);
    return;
  }
  const char *name = x->stack[--x->depth];
  if (x->open) {
    x->open = 0;
    XML_LIT(x, "/>");
    return;
  }
  size_t n = strlen(name);
  if (!xml_room(x, n + 3)) return;
  char *o = x->buf.data + x->buf.len;
  o[0] = '<';
  o[1] = '/';
  memcpy(o + 2, name, n);
  o[n + 2] = '>';
  x->buf.len += n + 3;
}

size_t dm_xml_depth(const dm_xml *x) { return x->depth; }

/* Printable ASCII that is copied as it is in text and attributes alike. */
static int xml_plain(unsigned char b) { return b >= 0x20 && b < 0x80 && b != '<' && b != '>' && b != '&' && b != '"'; }

static void xml_replace(dm_xml *x, char **o, uint32_t what, int is_byte) {
  if (x->bad++ == 0) {
    x->first_bad = what;
    x->first_is_byte = is_byte;
    x->bad_pos = x->pos;
  }
  memcpy(*o, "\xEF\xBF\xBD", 3);
  *o += 3;
}

/* Escapes s into room reserved for the worst case (six bytes for one). */
static void xml_escape(dm_xml *x, const char *s, size_t len, int attr) {
  if (len > (SIZE_MAX - 16) / 6) {
    dm_xml_fail(x, DM_ENOMEM);
    return;
  }
  if (!xml_room(x, len * 6)) return;
  const unsigned char *p = (const unsigned char *)s;
  char *o = x->buf.data + x->buf.len;
  size_t i = 0;
  while (i < len) {
    size_t run = i;
    while (run < len && xml_plain(p[run]))
      run++;
    /* The usual non-ASCII character, three bytes (CJK among them): valid
     * without decoding when the lead byte is neither E0 (overlongs), ED
     * (surrogates) nor EF (U+FFFE, U+FFFF), and never right to left. */
    while (run + 2 < len && p[run] >= 0xE1 && p[run] <= 0xEE && p[run] != 0xED && (p[run + 1] & 0xC0) == 0x80 &&
           (p[run + 2] & 0xC0) == 0x80) {
      run += 3;
      while (run < len && xml_plain(p[run]))
        run++;
    }
    if (run > i) {
      memcpy(o, s + i, run - i);
      o += run - i;
      i = run;
      continue;
    }
    unsigned char c = p[i];
    const char *e = NULL;
    size_t en = 0;
    switch (c) {
    case '<': e = "&lt;", en = 4; break;
    case '>': e = "&gt;", en = 4; break;
    case '&': e = "&amp;", en = 5; break;
    case '"': e = "&quot;", en = 6; break;
    case '\r': e = "&#13;", en = 5; break;
    case '\n': e = attr ? "&#10;" : "\n", en = attr ? 5 : 1; break;
    case '\t': e = attr ? "&#9;" : "\t", en = attr ? 4 : 1; break;
    default: break;
    }
    if (e) {
      memcpy(o, e, en);
      o += en;
      i++;
      continue;
    }
    if (c < 0x80) { /* a C0 control XML cannot hold */
      xml_replace(x, &o, c, 0);
      i++;
      continue;
    }
    uint32_t cp;
    int n = dm_utf8_decode(p + i, len - i, &cp);
    if (n < 0) {
      xml_replace(x, &o, c, 1);
      i++;
    } else if (cp == 0xFFFE || cp == 0xFFFF) {
      xml_replace(x, &o, cp, 0);
      i += (size_t)n;
    } else {
      if (dm_unicode_is_rtl(cp)) x->rtl = 1;
      memcpy(o, s + i, (size_t)n);
      o += n;
      i += (size_t)n;
    }
  }
  x->buf.len = (size_t)(o - x->buf.data);
}

void dm_xml_text(dm_xml *x, const char *s, size_t len) {
  if (x->status || !len) return;
  xml_content(x);
  xml_escape(x, s, len, 0);
}

/* An attribute outside a start tag would be a bug of the caller: it fails
 * the writer rather than producing markup that is not XML. */
void dm_xml_attr_begin(dm_xml *x, const char *prefix, const char *name) {
  if (x->status) return;
  if (!x->open) {
    dm_xml_fail(x, DM_EINTERNAL);
    return;
  }
  size_t pn = prefix ? strlen(prefix) : 0, n = strlen(name);
  if (!xml_room(x, pn + n + 4)) return;
  char *o = x->buf.data + x->buf.len;
  *o++ = ' ';
  if (pn) {
    memcpy(o, prefix, pn);
    o += pn;
    *o++ = ':';
  }
  memcpy(o, name, n);
  o += n;
  *o++ = '=';
  *o++ = '"';
  x->buf.len = (size_t)(o - x->buf.data);
}

void dm_xml_attr_value(dm_xml *x, const char *s, size_t len) {
  if (x->status || !len) return;
  xml_escape(x, s, len, 1);
}

void dm_xml_attr_end(dm_xml *x) { xml_put(x, "\"", 1); }

void dm_xml_attr(dm_xml *x, const char *name, const char *value) {
  if (x->status || !value) return;
  dm_xml_attr_begin(x, NULL, name);
  dm_xml_attr_value(x, value, strlen(value));
  dm_xml_attr_end(x);
}

void dm_xml_attr_int(dm_xml *x, const char *name, long long value) {
  char buf[24], *p = buf + sizeof buf;
  unsigned long long v = value < 0 ? 0ULL - (unsigned long long)value : (unsigned long long)value;
  do
    *--p = (char)('0' + v % 10);
  while (v /= 10);
  if (value < 0) *--p = '-';
  dm_xml_attr_begin(x, NULL, name);
  xml_put(x, p, (size_t)(buf + sizeof buf - p));
  dm_xml_attr_end(x);
}

void dm_xml_raw(dm_xml *x, const char *s, size_t len) {
  if (x->status) return;
  xml_content(x);
  xml_put(x, s, len);
}

void dm_xml_set_pos(dm_xml *x, dm_pos pos) { x->pos = pos; }

int dm_xml_take_rtl(dm_xml *x) {
  int r = x->rtl;
  x->rtl = 0;
  return r;
}

uint64_t dm_xml_replaced(const dm_xml *x) { return x->bad; }

int dm_xml_report(const dm_xml *x, dm_ctx *ctx) {
  if (!x->bad || !ctx) return DM_OK;
  char what[32];
  if (x->first_is_byte)
    snprintf(what, sizeof what, "the byte 0x%02X", (unsigned)x->first_bad);
  else
    snprintf(what, sizeof what, "U+%04X", (unsigned)x->first_bad);
  return dm_warn_once(ctx, DM_DIAG_INVALID_CHAR, x->bad_pos,
                      "%llu character%s XML cannot hold written as U+FFFD (the first: %s)", (unsigned long long)x->bad,
                      x->bad == 1 ? "" : "s", what);
}

int dm_xml_finish(dm_xml *x) {
  while (x->depth && !x->status)
    dm_xml_end(x);
  xml_flush(x);
  if (x->ctx && dm_xml_report(x, x->ctx) != DM_OK) dm_xml_fail(x, DM_ENOMEM);
  return x->status;
}

size_t dm_xml_mark(dm_xml *x) {
  xml_content(x);
  return x->buf.len;
}

void dm_xml_insert(dm_xml *x, size_t at, const char *s, size_t n) {
  if (x->status) return;
  if (x->out || at > x->buf.len) {
    dm_xml_fail(x, DM_EINTERNAL);
    return;
  }
  if (dm_buf_insert(&x->buf, at, s, n) != DM_OK) dm_xml_fail(x, DM_ENOMEM);
}

const char *dm_xml_data(const dm_xml *x, size_t *len) {
  if (len) *len = x->buf.len;
  if (!x->buf.data) return "";
  /* The room for the NUL is always reserved; the writer itself does not
   * keep it there while it writes. */
  x->buf.data[x->buf.len] = '\0';
  return x->buf.data;
}

char *dm_xml_take(dm_xml *x, size_t *len) {
  *len = 0;
  if (x->status || !x->buf.len) return NULL;
  x->buf.data[x->buf.len] = '\0';
  char *d = dm_buf_detach(&x->buf, len);
  if (dm_buf_reserve(&x->buf, DM_XML_CHUNK) != DM_OK) dm_xml_fail(x, DM_ENOMEM);
  return d;
}
