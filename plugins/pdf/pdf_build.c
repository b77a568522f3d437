/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Blocks of the document from the classified lines of each page. A line
 * opens a new paragraph when the space above it is wider than the page's
 * line spacing, when it is indented past the line before (a first-line
 * indent), when its first word would have fitted at the end of the line
 * before (that line ended short of the measure: the paragraph ended there),
 * or when its size or its being a heading differs. Lines set larger than
 * the body, or wholly in bold, are headings. A paragraph that fills the
 * last line of a page and goes on unindented at the top of the next is one
 * paragraph; the page break follows it. Lines are joined by a soft break,
 * with nothing between two CJK characters, and with nothing after a hyphen
 * that ends a line before a lowercase letter ("post-" "conflict": the
 * hyphen is kept, because UN documents are not hyphenated automatically).
 * Each footnote definition becomes a note at its call.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_build.h"

void pdf_state_release(pdf_state *st) {
  free(st->notes);
  st->notes = NULL;
}

/* ---- joining lines ---------------------------------------------------------- */

uint32_t pdf_last_cp(const pdf_page *pg, const pdf_line *l, size_t back) {
  for (size_t i = l->n; i-- > 0;) {
    const pdf_char *c = &pg->chars[l->first + i];
    /* a call ending the line is not what the next line joins to */
    if (c->space || c->vpos == PDF_V_SUP) continue;
    if (back-- == 0) return c->cp;
  }
  return 0;
}

const pdf_char *pdf_first_char(const pdf_page *pg, const pdf_line *l) {
  for (size_t i = 0; i < l->n; i++)
    if (!pg->chars[l->first + i].space) return &pg->chars[l->first + i];
  return NULL;
}

static int pdf_is_lower(uint32_t cp) { return (cp >= 'a' && cp <= 'z') || (cp >= 0xDF && cp <= 0x24F && cp != 0xF7); }

/* A line ending in a hyphen before a lowercase letter joins the next one
 * without a space: the space Word justified in before the hyphen ("post -")
 * goes, and a soft hyphen (U+00AD) goes too. */
static int pdf_trim_hyphen(pdf_state *st, dm_node *para, uint32_t hyphen) {
  dm_node *tail = dm_node_last_child(para);
  if (!tail || dm_node_type_of(tail) != DM_NODE_TEXT) return DM_OK;
  size_t n = dm_node_literal_len(tail);
  size_t hy = hyphen == 0xAD ? 2 : hyphen == 0x2010 ? 3 : 1;
  if (n < hy) return DM_OK;
  char *s = dm_doc_strndup(st->doc, dm_node_literal(tail), n);
  if (!s) return DM_ENOMEM;
  char mark[4];
  memcpy(mark, s + n - hy, hy);
  size_t keep = n - hy;
  if (keep > 0 && s[keep - 1] == ' ') keep--;
  if (hyphen == 0xAD) hy = 0;
  memcpy(s + keep, mark, hy);
  return dm_node_set_literal(tail, s, keep + hy) == DM_OK ? DM_OK : DM_ENOMEM;
}

/* What goes between the paragraph so far, ending in last, and a line
 * opening with first. */
int pdf_join(pdf_state *st, dm_node *para, uint32_t last, uint32_t first) {
  if ((last == '-' || last == 0x2010 || last == 0xAD) && pdf_is_lower(first)) return pdf_trim_hyphen(st, para, last);
  if (dm_unicode_is_cjk(last) && dm_unicode_is_cjk(first)) return DM_OK;
  /* Chinese and Japanese text wraps anywhere, inside a number too:
   * "1897(200" "9)" */
  if (st->cjk > st->latin && last >= '0' && last <= '9' && first >= '0' && first <= '9') return DM_OK;
  dm_node *sb = dm_node_new(st->doc, DM_NODE_SOFTBREAK);
  return sb && dm_node_append_child(para, sb) == DM_OK ? DM_OK : DM_ENOMEM;
}

/* ---- footnotes ---------------------------------------------------------------- */

static int pdf_def_push(pdf_build *b, const char *marker, size_t mlen, size_t line, size_t from) {
  if (b->ndefs == b->capdefs) {
    size_t cap = b->capdefs ? b->capdefs * 2 : 16;
    pdf_def *d = realloc(b->defs, cap * sizeof *d);
    if (!d) return DM_ENOMEM;
    b->defs = d;
    b->capdefs = cap;
  }
  pdf_def *d = &b->defs[b->ndefs++];
  memset(d, 0, sizeof *d);
  if (mlen >= sizeof d->marker) mlen = sizeof d->marker - 1;
  memcpy(d->marker, marker, mlen);
  d->line = d->last = line;
  d->from = from;
  return DM_OK;
}

/* The raised marker opening line l, into marker; the index after it. */
static size_t pdf_line_marker(const pdf_page *pg, const pdf_line *l, char *marker, size_t size, int *brackets) {
  size_t i = 0, o = 0;
  const pdf_char *c = pg->chars + l->first;
  /* Arabic prints markers as "(1)" with only the digits raised, and its
   * logical order may put the brackets on either side */
  *brackets = 0;
  while (i < l->n && (c[i].space || ((c[i].cp == '(' || c[i].cp == ')') && c[i].vpos != PDF_V_SUP))) {
    *brackets |= !c[i].space;
    i++;
  }
  while (i < l->n && c[i].vpos == PDF_V_SUP && !c[i].space) {
    unsigned char u[4];
    int k = dm_utf8_encode(c[i].cp, u);
    if (k > 0 && o + (size_t)k < size) memcpy(marker + o, u, (size_t)k), o += (size_t)k;
    i++;
  }
  marker[o] = '\0';
  while (o && i < l->n && (c[i].space || c[i].cp == '(' || c[i].cp == ')')) {
    *brackets |= !c[i].space;
    i++;
  }
  return o ? i : 0;
}

/* Continues the last note of the previous page with line l. */
static int pdf_note_continues(pdf_build *b, size_t li) {
  pdf_state *st = b->st;
  dm_node *para = st->last_note_para;
  if (!para) return DM_OK;
  dm_node *sb = dm_node_new(st->doc, DM_NODE_SOFTBREAK);
  if (!sb || dm_node_append_child(para, sb) != DM_OK) return DM_ENOMEM;
  b->allow_calls = 0;
  return pdf_inline_line(b, para, b->pg, &b->pg->lines[li], 0);
}

int pdf_collect_defs(pdf_build *b) {
  const pdf_page *pg = b->pg;
  char marker[16];
  for (size_t i = 0; i < pg->nlines; i++) {
    if (pg->lines[i].kind != PDF_L_NOTE) continue;
    int brackets;
    size_t from = pdf_line_marker(pg, &pg->lines[i], marker, sizeof marker, &brackets);
    if (from) {
      if (pdf_def_push(b, marker, strlen(marker), i, from) != DM_OK) return DM_ENOMEM;
      b->defs[b->ndefs - 1].brackets = brackets;
    } else if (b->ndefs) {
      b->defs[b->ndefs - 1].last = i;
    } else {
      int rc = pdf_note_continues(b, i);
      if (rc != DM_OK) return rc;
    }
  }
  return DM_OK;
}

/* The note of definition d: a NOTE holding one paragraph. */
static dm_node *pdf_def_note(pdf_build *b, pdf_def *d) {
  pdf_state *st = b->st;
  const pdf_page *pg = b->pg;
  dm_node *note = dm_node_new(st->doc, DM_NODE_NOTE);
  dm_node *para = dm_node_new(st->doc, DM_NODE_PARAGRAPH);
  if (!note || !para || dm_node_set_label(note, d->marker) != DM_OK || dm_node_append_child(note, para) != DM_OK)
    return NULL;
  int saved = b->allow_calls;
  b->allow_calls = 0;
  /* the UN's Arabic notes keep the brackets the number is set in: "()" */
  dm_node *br = d->brackets ? dm_node_new_text(st->doc, "() ", 3) : NULL;
  if (d->brackets && (!br || dm_node_append_child(para, br) != DM_OK)) return NULL;
  const pdf_line *prev = NULL;
  for (size_t i = d->line; i <= d->last; i++) {
    const pdf_line *l = &pg->lines[i];
    if (l->kind != PDF_L_NOTE) continue;
    const pdf_char *fc = pdf_first_char(pg, l);
    if (prev && pdf_join(st, para, pdf_last_cp(pg, prev, 0), fc ? fc->cp : 0) != DM_OK) return NULL;
    if (pdf_inline_line(b, para, pg, l, i == d->line ? d->from : 0) != DM_OK) return NULL;
    prev = l;
  }
  b->allow_calls = saved;
  d->used = 1;
  st->last_note_para = para;
  st->note_page = pg->index + 1;
  return note;
}

static int pdf_remember_note(pdf_state *st, dm_node *note) {
  if (st->nnotes == st->capnotes) {
    size_t cap = st->capnotes ? st->capnotes * 2 : 32;
    dm_node **v = realloc(st->notes, cap * sizeof *v);
    if (!v) return DM_ENOMEM;
    st->notes = v;
    st->capnotes = cap;
  }
  st->notes[st->nnotes++] = note;
  return DM_OK;
}

dm_node *pdf_note_call(pdf_build *b, const char *marker, size_t len) {
  pdf_state *st = b->st;
  /* "(1)" calls note 1, as the Arabic text prints it */
  while (len && (*marker == '(' || *marker == ' '))
    marker++, len--;
  while (len && (marker[len - 1] == ')' || marker[len - 1] == ' '))
    len--;
  if (!len) return NULL;
  for (size_t i = 0; i < b->ndefs; i++) {
    pdf_def *d = &b->defs[i];
    if (d->used || strlen(d->marker) != len || memcmp(d->marker, marker, len) != 0) continue;
    dm_node *note = pdf_def_note(b, d);
    if (!note || pdf_remember_note(st, note) != DM_OK) return b->failed = 1, NULL;
    return note;
  }
  /* a later reference to a note of an earlier page; markers are reused
   * only far apart, so the most recent notes are enough to look at */
  for (size_t i = st->nnotes, k = 0; i-- > 0 && k < 4096; k++) {
    const char *m = dm_node_label(st->notes[i]);
    if (!m || strlen(m) != len || memcmp(m, marker, len) != 0) continue;
    dm_node *ref = dm_node_new(st->doc, DM_NODE_NOTE_REF);
    if (!ref || dm_node_set_label(ref, m) != DM_OK || dm_node_set_note_target(ref, st->notes[i]) != DM_OK)
      return b->failed = 1, NULL;
    return ref;
  }
  return NULL;
}

/* Definitions no call on their page asked for stay as paragraphs. */
int pdf_orphan_defs(pdf_build *b) {
  pdf_state *st = b->st;
  for (size_t i = 0; i < b->ndefs; i++) {
    pdf_def *d = &b->defs[i];
    if (d->used) continue;
    if (dm_warn(st->ctx, DM_DIAG_NOTE_UNUSED, dm_pos_offset(DM_NO_OFFSET),
                "page %d: footnote %s has no call on its page; kept as a paragraph", b->pg->index + 1,
                d->marker) != DM_OK)
      return DM_ENOMEM;
    dm_node *note = pdf_def_note(b, d);
    if (!note) return DM_ENOMEM;
    dm_node *para = dm_node_first_child(note);
    dm_node *sup = dm_node_new(st->doc, DM_NODE_SUPERSCRIPT);
    dm_node *t = dm_node_new_text(st->doc, d->marker, strlen(d->marker));
    if (!sup || !t || dm_node_append_child(sup, t) != DM_OK || dm_node_prepend_child(para, sup) != DM_OK ||
        dm_node_append_child(dm_doc_root(st->doc), para) != DM_OK)
      return DM_ENOMEM;
  }
  return DM_OK;
}
