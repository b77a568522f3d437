/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The inlines of one line: runs of characters that share a style become
 * text inside emphasis (an italic font), strong emphasis (a bold one) or
 * both; raised runs become footnote calls when the page's footnote area
 * defines their marker, further references when an earlier page did, and
 * superscripts otherwise; lowered runs subscripts. A space takes the style
 * of its neighbours when both have it, so "Recalling also" is one emphasis
 * and the space after it is plain. Ligatures are spelt out; characters a
 * font gives no Unicode value for become U+FFFD and are counted, so that
 * the reader can say so once.
 */
#include <string.h>

#include "pdf_build.h"

/* The run key of a character: style bits and vertical position. */
static unsigned pdf_key(const pdf_char *c) {
  unsigned st = c->style & (PDF_ST_BOLD | PDF_ST_ITALIC);
  return st | (unsigned)c->vpos << 4;
}

/* A space's key: its neighbours' when they share one, else plain. */
static unsigned pdf_space_key(const pdf_char *c, size_t i, size_t n) {
  if (i == 0 || i + 1 >= n) return 0;
  unsigned a = pdf_key(&c[i - 1]), b = pdf_key(&c[i + 1]);
  return a == b ? a : 0;
}

static int pdf_is_bad_cp(uint32_t cp) {
  return cp == 0xFFFD || (cp < 0x20 && cp != '\t') || (cp >= 0x7F && cp < 0xA0) || (cp >= 0xE000 && cp <= 0xF8FF) ||
         (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF;
}

/* Appends the UTF-8 of characters [a, b) of c to buf, spelling out
 * ligatures and dropping a space between two CJK characters. */
static void pdf_run_text(pdf_build *b, const pdf_char *c, size_t a, size_t e, size_t n, dm_buf *buf) {
  for (size_t i = a; i < e; i++) {
    uint32_t cp = c[i].cp;
    if (i > a && c[i].gap_before && buf->len && buf->data[buf->len - 1] != ' ') dm_buf_append(buf, " ", 1);
    if (c[i].space == 2) continue;
    if (c[i].space || cp == '\t' || cp == 0xA0) {
      /* no spaces in CJK text, nor between it and a footnote call */
      if (i > 0 && i + 1 < n && (dm_unicode_is_cjk(c[i - 1].cp) || c[i - 1].vpos == PDF_V_SUP) &&
          (dm_unicode_is_cjk(c[i + 1].cp) || c[i + 1].vpos == PDF_V_SUP) &&
          (dm_unicode_is_cjk(c[i - 1].cp) || dm_unicode_is_cjk(c[i + 1].cp)))
        continue;
      if (buf->len && buf->data[buf->len - 1] == ' ') continue;
      dm_buf_append(buf, cp == 0xA0 ? "\xC2\xA0" : " ", cp == 0xA0 ? 2 : 1);
      continue;
    }
    const char *lig = pdf_ligature(cp);
    if (lig) {
      dm_buf_append(buf, lig, strlen(lig));
      continue;
    }
    if (pdf_is_bad_cp(cp)) {
      b->st->unmapped++;
      cp = 0xFFFD;
    }
    unsigned char u[4];
    int k = dm_utf8_encode(cp, u);
    dm_buf_append(buf, (const char *)u, (size_t)k);
  }
  /* the gap before the next run is this run's trailing space */
  if (e < n && c[e].gap_before && buf->len && buf->data[buf->len - 1] != ' ') dm_buf_append(buf, " ", 1);
}

/* A text node holding buf, wrapped as the style bits say. */
static dm_node *pdf_styled(pdf_build *b, unsigned key, const dm_buf *buf) {
  dm_doc *doc = b->st->doc;
  dm_node *t = dm_node_new_text(doc, buf->data ? buf->data : "", buf->len);
  if (!t) return NULL;
  if (key & PDF_ST_ITALIC) {
    dm_node *e = dm_node_new(doc, DM_NODE_EMPH);
    if (!e || dm_node_append_child(e, t) != DM_OK) return NULL;
    t = e;
  }
  if (key & PDF_ST_BOLD) {
    dm_node *s = dm_node_new(doc, DM_NODE_STRONG);
    if (!s || dm_node_append_child(s, t) != DM_OK) return NULL;
    t = s;
  }
  return t;
}

/* Drops the space a text node ends with: the gap before a raised call is
 * kerning, not a space ("Court,2"). */
static int pdf_trim_before_call(pdf_build *b, dm_node *parent) {
  dm_node *last = dm_node_last_child(parent);
  size_t ln = last && dm_node_type_of(last) == DM_NODE_TEXT ? dm_node_literal_len(last) : 0;
  if (!ln || dm_node_literal(last)[ln - 1] != ' ') return DM_OK;
  char *t = dm_doc_strndup(b->st->doc, dm_node_literal(last), ln - 1);
  return t && dm_node_set_literal(last, t, ln - 1) == DM_OK ? DM_OK : DM_ENOMEM;
}

/* A raised run as footnote calls: one call, or several side by side ("9 10",
 * "3,4") when every one of them has a note. DM_OK when added, 1 when the
 * run is not calls, or DM_ENOMEM. */
static int pdf_calls(pdf_build *b, dm_node *parent, const char *s, size_t len) {
  dm_node *notes[8];
  size_t n = 0, i = 0;
  while (i < len) {
    while (i < len && (s[i] == ' ' || s[i] == ','))
      i++;
    size_t start = i;
    while (i < len && s[i] != ' ' && s[i] != ',')
      i++;
    if (i == start) break;
    if (n == 8 || !(notes[n] = pdf_note_call(b, s + start, i - start))) return b->failed ? DM_ENOMEM : 1;
    n++;
  }
  if (!n) return 1;
  if (pdf_trim_before_call(b, parent) != DM_OK) return DM_ENOMEM;
  for (size_t k = 0; k < n; k++)
    if (dm_node_append_child(parent, notes[k]) != DM_OK) return DM_ENOMEM;
  return DM_OK;
}

/* Appends one run to parent: a note, a reference, a super- or subscript,
 * or styled text (merged into the last node when it has the same style). */
static int pdf_add_run(pdf_build *b, dm_node *parent, unsigned key, const dm_buf *buf) {
  unsigned vpos = key >> 4;
  if (!buf->len) return DM_OK;
  if (vpos == PDF_V_SUP && b->allow_calls) {
    int rc = pdf_calls(b, parent, buf->data, buf->len);
    if (rc != 1) return rc;
  }
  if (vpos == PDF_V_SUP || vpos == PDF_V_SUB) {
    dm_node *w = dm_node_new(b->st->doc, vpos == PDF_V_SUP ? DM_NODE_SUPERSCRIPT : DM_NODE_SUBSCRIPT);
    dm_node *t = pdf_styled(b, key & 0xF, buf);
    if (!w || !t || dm_node_append_child(w, t) != DM_OK || dm_node_append_child(parent, w) != DM_OK) return DM_ENOMEM;
    return DM_OK;
  }
  dm_node *last = dm_node_last_child(parent);
  if (key == 0 && last && dm_node_type_of(last) == DM_NODE_TEXT)
    return dm_node_append_literal(last, buf->data, buf->len) == DM_OK ? DM_OK : DM_ENOMEM;
  dm_node *t = pdf_styled(b, key, buf);
  if (!t || dm_node_append_child(parent, t) != DM_OK) return DM_ENOMEM;
  return DM_OK;
}

int pdf_inline_line(pdf_build *b, dm_node *parent, const pdf_page *pg, const pdf_line *l, size_t from) {
  const pdf_char *c = pg->chars + l->first;
  size_t n = l->n;
  dm_buf buf = DM_BUF_INIT;
  unsigned cur = 0;
  int rc = DM_OK;
  size_t i = from;
  while (i < n && c[i].space)
    i++;
  for (size_t start = i; i <= n && rc == DM_OK; i++) {
    unsigned k = i < n ? (c[i].space ? pdf_space_key(c, i, n) : pdf_key(&c[i])) : ~0u;
    if (i < n && c[i].style & PDF_ST_BARCODE) k = 0;
    if (i > start && k == cur) continue;
    if (i > start) {
      buf.len = 0;
      pdf_run_text(b, c, start, i, n, &buf);
      if (buf.status != DM_OK) rc = DM_ENOMEM;
      if (rc == DM_OK) rc = pdf_add_run(b, parent, cur, &buf);
    }
    start = i;
    cur = k;
  }
  dm_buf_release(&buf);
  return rc;
}
