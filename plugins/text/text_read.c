/* SPDX-License-Identifier: MIT */
/*
 * The plain-text reader: UTF-8 (an optional BOM is dropped) with LF, CRLF or
 * CR line ends, split into paragraphs at blank lines, as pdftotext and most
 * editors write it. It keeps the line structure that a later recogniser
 * (the UN-resolution transform) needs to see: every source line becomes its
 * own TEXT node, carrying the line's position, and lines of one paragraph
 * are joined by a SOFTBREAK, except between two CJK characters, where the
 * two TEXT nodes simply follow each other. Adjacent text nodes render as
 * their concatenation in every writer, so a CJK join renders as nothing,
 * while a softbreak renders as a space or a newline as the output format
 * wants; a transform still finds each line start at a TEXT node boundary.
 * A form feed (pdftotext's page end) ends the paragraph and becomes a
 * PAGE_BREAK; form feeds before the first text and after the last are
 * dropped, because a page break with nothing on one side of it only adds
 * an empty page. Lines that hold
 * only spaces, tabs, vertical tabs or U+3000 IDEOGRAPHIC SPACE are blank,
 * and those characters are trimmed from both ends of every line. Invalid
 * UTF-8 is an error naming its byte offset, unless text.lenient is set:
 * then each maximal ill-formed subsequence (Unicode's "best practice" for
 * U+FFFD substitution) becomes one U+FFFD with a warning. NUL bytes become
 * U+FFFD with a warning, as CommonMark does. One pass, linear in the input.
 */
#include <stdint.h>
#include <string.h>

#include "docmill/docmill.h"

typedef struct text_state {
  dm_ctx *ctx;
  dm_doc *doc;
  const unsigned char *data;
  size_t size;
  int lenient;
  dm_node *para;    /* the open paragraph, or NULL after a blank line */
  uint32_t last_cp; /* the last code point of the paragraph so far */
  uint32_t line;    /* current line, from 1 */
  int seen_text;
} text_state;

/* ---- probing ------------------------------------------------------------ */

/* Looks at the first 64 KiB: clean UTF-8 text scores GENERIC (any text
 * would do, so every more specific reader wins), text with a few control
 * bytes or invalid sequences less, and data in which control bytes, NULs
 * or invalid sequences are common is binary and scores 0. */
static int text_probe(const dm_input *in) {
  size_t n = in->size < 65536 ? in->size : 65536;
  const unsigned char *s = in->data;
  size_t ctrl = 0, bad = 0, i = 0;
  if (!n) return 0;
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b) || c == 0x7f) ctrl++;
      i++;
      continue;
    }
    uint32_t cp;
    int len = dm_utf8_decode(s + i, n - i, &cp);
    if (len > 0) {
      i += (size_t)len;
      continue;
    }
    /* A sequence cut by the end of the sample is not evidence. */
    if (n < in->size && n - i < 4) break;
    bad++;
    i++;
  }
  /* A stray bad byte in a short file is still text, and the reader's
   * error then says where it is; binary data has them in numbers. */
  if ((ctrl > 8 && ctrl * 10 > n) || (bad > 8 && bad * 10 > n)) return 0;
  if (bad) return 10;
  if (ctrl) return 15;
  return DM_PROBE_SCORE_GENERIC;
}

/* ---- decoding helpers --------------------------------------------------- */

/* Bytes of the trimmable space at s (before end), or 0. */
static size_t text_space_at(const unsigned char *s, const unsigned char *end) {
  if (s >= end) return 0;
  if (*s == ' ' || *s == '\t' || *s == '\v') return 1;
  if (end - s >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) return 3;
  return 0;
}

/* Bytes of the trimmable space ending at end (after start), or 0. */
static size_t text_space_before(const unsigned char *start, const unsigned char *end) {
  if (end <= start) return 0;
  unsigned char c = end[-1];
  if (c == ' ' || c == '\t' || c == '\v') return 1;
  if (end - start >= 3 && end[-3] == 0xE3 && end[-2] == 0x80 && end[-1] == 0x80) return 3;
  return 0;
}

static dm_pos text_pos(uint32_t line, uint32_t column, size_t offset) {
  dm_pos p = {line, column, (uint64_t)offset};
  return p;
}

/* ---- building ----------------------------------------------------------- */

static int text_append(text_state *st, dm_node *t, const unsigned char *s, size_t len) {
  if (!len) return DM_OK;
  int rc = dm_node_literal_len(t) ? dm_node_append_literal(t, (const char *)s, len)
                                  : dm_node_set_literal(t, (const char *)s, len);
  return rc == DM_OK ? DM_OK : dm_error(st->ctx, DM_ENOMEM, "out of memory");
}

static int text_append_node(text_state *st, dm_node *parent, dm_node *n) {
  if (!n) return dm_error(st->ctx, DM_ENOMEM, "out of memory");
  return dm_node_append_child(parent, n);
}

/* Decodes [b, e) into the text node t, replacing NULs (and, when lenient,
 * ill-formed sequences) by U+FFFD. col is the column of b. */
static int text_decode(text_state *st, dm_node *t, size_t b, size_t e, uint32_t col) {
  static const unsigned char fffd[3] = {0xEF, 0xBF, 0xBD};
  const unsigned char *s = st->data;
  size_t run = b, i = b;
  uint32_t cp = 0;
  int rc;
  while (i < e) {
    unsigned char c = s[i];
    if (c && c < 0x80) {
      cp = c;
      i++;
      col++;
      continue;
    }
    int n = c ? dm_utf8_decode(s + i, e - i, &cp) : 0;
    if (n > 0) {
      i += (size_t)n;
      col++;
      continue;
    }
    if ((rc = text_append(st, t, s + run, i - run)) != DM_OK) return rc;
    size_t skip = 1;
    if (!c) {
      if ((rc = dm_warn(st->ctx, DM_DIAG_NUL_BYTE, text_pos(st->line, col, i), "NUL byte (byte %zu) replaced by U+FFFD",
                        i)) != DM_OK)
        return rc;
    } else {
      const char *why = "";
      skip = dm_utf8_invalid_len(s + i, st->size - i, &why);
      if (i + skip > e) skip = e - i;
      if (!st->lenient)
        return dm_error_at(st->ctx, DM_EFORMAT, dm_pos_offset(i),
                           "invalid UTF-8 at line %u, column %u: %s (byte 0x%02x); "
                           "--option text.lenient=true replaces it with U+FFFD",
                           st->line, col, why, c);
      if ((rc = dm_warn(st->ctx, DM_DIAG_ENCODING, dm_pos_offset(i),
                        "invalid UTF-8 at line %u, column %u: %s (byte 0x%02x) replaced by U+FFFD", st->line, col, why,
                        c)) != DM_OK)
        return rc;
    }
    if ((rc = text_append(st, t, fffd, 3)) != DM_OK) return rc;
    cp = 0xFFFD;
    i += skip;
    run = i;
    col++;
  }
  st->last_cp = cp;
  return text_append(st, t, s + run, e - run);
}

/* One line [b, e) (without its end), starting at column col. */
static int text_line(text_state *st, size_t b, size_t e, uint32_t col) {
  const unsigned char *s = st->data;
  size_t n;
  while ((n = text_space_at(s + b, s + e)) != 0) {
    b += n;
    col++;
  }
  while ((n = text_space_before(s + b, s + e)) != 0)
    e -= n;
  if (b == e) {
    st->para = NULL;
    return DM_OK;
  }
  int rc;
  st->seen_text = 1;
  uint32_t first;
  if (!s[b] || dm_utf8_decode(s + b, e - b, &first) < 0) first = 0xFFFD;
  if (!st->para) {
    st->para = dm_node_new(st->doc, DM_NODE_PARAGRAPH);
    if ((rc = text_append_node(st, dm_doc_root(st->doc), st->para)) != DM_OK) return rc;
    dm_node_set_pos(st->para, text_pos(st->line, col, b));
  } else if (!(dm_unicode_is_cjk(st->last_cp) && dm_unicode_is_cjk(first))) {
    if ((rc = text_append_node(st, st->para, dm_node_new(st->doc, DM_NODE_SOFTBREAK))) != DM_OK) return rc;
  }
  dm_node *t = dm_node_new(st->doc, DM_NODE_TEXT);
  if ((rc = text_append_node(st, st->para, t)) != DM_OK) return rc;
  dm_node_set_pos(t, text_pos(st->line, col, b));
  return text_decode(st, t, b, e, col);
}

static int text_read(dm_ctx *ctx, void *priv, const dm_input *in, dm_doc *doc) {
  (void)priv;
  text_state st;
  memset(&st, 0, sizeof st);
  st.ctx = ctx;
  st.doc = doc;
  st.data = in->data;
  st.size = in->size;
  st.lenient = dm_option_bool(ctx, "lenient");
  st.line = 1;
  dm_limits lim = dm_ctx_limits(ctx);
  if (in->size > lim.max_input_bytes)
    return dm_error(ctx, DM_ELIMIT, "the input (%zu bytes) is larger than the limit of %llu bytes", in->size,
                    (unsigned long long)lim.max_input_bytes);
  if (!in->size) return dm_error(ctx, DM_EFORMAT, "the input is empty (0 bytes)");
  const unsigned char *s = in->data;
  size_t i = 0, start;
  if (in->size >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) i = 3;
  uint32_t col = 1; /* the column where the current segment starts */
  int rc = DM_OK;
  while (i < in->size && rc == DM_OK) {
    start = i;
    /* Only bytes up to '\r' can end a line; skip the rest cheaply. */
    while (i < in->size && (s[i] > '\r' || (s[i] != '\n' && s[i] != '\r' && s[i] != '\f')))
      i++;
    rc = text_line(&st, start, i, col);
    if (rc != DM_OK || i >= in->size) break;
    if (s[i] == '\f') {
      /* A page ends mid-line: the rest of the line is the next page's
       * start, on the same source line, one column further on. */
      uint32_t c = col;
      for (size_t k = start; k < i; k++)
        if ((s[k] & 0xC0) != 0x80) c++;
      if (st.seen_text) {
        dm_node *pb = dm_node_new(doc, DM_NODE_PAGE_BREAK);
        if ((rc = text_append_node(&st, dm_doc_root(doc), pb)) != DM_OK) break;
        dm_node_set_pos(pb, text_pos(st.line, c, i));
      }
      st.para = NULL;
      col = c + 1;
      i++;
      continue;
    }
    if (s[i] == '\r' && i + 1 < in->size && s[i + 1] == '\n') i++;
    i++;
    st.line++;
    col = 1;
  }
  if (rc != DM_OK) return rc;
  /* Page breaks with no text after them would only add empty pages. */
  dm_node *last;
  while ((last = dm_node_last_child(dm_doc_root(doc))) && dm_node_type_of(last) == DM_NODE_PAGE_BREAK)
    dm_node_unlink(last);
  if (!st.seen_text) return dm_error(ctx, DM_EFORMAT, "the input holds only whitespace, no text");
  return DM_OK;
}

static const char *const text_extensions[] = {"txt", "text", NULL};
static const char *const text_mime_types[] = {"text/plain", NULL};
static const dm_option_decl text_options[] = {
    {"lenient", DM_OPT_BOOL, "false", "replace invalid UTF-8 by U+FFFD with a warning instead of failing"},
    {NULL, 0, NULL, NULL},
};

static const dm_reader text_reader = {
    .abi_version = DM_PLUGIN_ABI_VERSION,
    .name = "text",
    .description = "plain text in UTF-8: paragraphs at blank lines, form feeds as page breaks",
    .extensions = text_extensions,
    .mime_types = text_mime_types,
    .options = text_options,
    .probe = text_probe,
    .read = text_read,
};

static const dm_reader *const text_readers[] = {&text_reader, NULL};

DM_PLUGIN_DEFINE(text, text_readers, NULL, NULL);
