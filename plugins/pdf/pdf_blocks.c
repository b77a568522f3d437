/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Paragraphs and headings of a page, from its body lines (pdf_build.c says
 * how they are told apart). The measures are the page's own: its left and
 * right margins are where most body lines begin and end, its line spacing
 * the median distance between the baselines of body lines that follow each
 * other. A page break is put in before the first block that begins on a
 * new page, one per page ended, so that a paragraph continued over a page
 * stays whole and the break follows it.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_build.h"

typedef struct pdf_measure {
  float left, right, pitch, body;
} pdf_measure;

static int pdf_cmp_float(const void *a, const void *b) {
  float x = *(const float *)a, y = *(const float *)b;
  return x < y ? -1 : x > y;
}

static int pdf_body_sized(const pdf_line *l, float body) { return fabsf(l->size - body) < 0.1f * body; }

static void pdf_measure_page(const pdf_page *pg, float body, pdf_measure *m) {
  m->left = INFINITY;
  m->right = -INFINITY;
  m->pitch = 0;
  m->body = body;
  float *p = malloc((pg->nlines + 1) * sizeof *p);
  size_t np = 0;
  const pdf_line *prev = NULL;
  for (size_t i = 0; i < pg->nlines; i++) {
    const pdf_line *l = &pg->lines[i];
    if (l->kind != PDF_L_BODY || !pdf_body_sized(l, body)) continue;
    m->left = fminf(m->left, l->x1);
    m->right = fmaxf(m->right, l->x2);
    if (prev && p && l->bottom > prev->bottom) p[np++] = l->bottom - prev->bottom;
    prev = l;
  }
  if (np) {
    qsort(p, np, sizeof *p, pdf_cmp_float);
    m->pitch = p[np / 2];
  }
  free(p);
}

/* Headings are set larger than the body, or wholly in bold. */
static int pdf_heading_level(const pdf_page *pg, const pdf_line *l, float body) {
  float r = body > 0 ? l->size / body : 1;
  if (r >= 1.8f) return 1;
  if (r >= 1.3f) return 2;
  if (r >= 1.1f) return 3;
  size_t bold = 0, other = 0;
  for (size_t i = 0; i < l->n; i++) {
    const pdf_char *c = &pg->chars[l->first + i];
    if (c->space || c->vpos != PDF_V_BASE) continue;
    if (c->style & PDF_ST_BOLD)
      bold++;
    else
      other++;
  }
  return bold > 0 && other == 0 && bold < 200 ? 4 : 0;
}

/* The width of the first word of a line. */
static float pdf_first_word(const pdf_page *pg, const pdf_line *l) {
  const pdf_char *c = pg->chars + l->first;
  size_t i = 0;
  while (i < l->n && c[i].space)
    i++;
  size_t b = i;
  /* CJK text breaks anywhere: its first "word" is one character */
  while (i < l->n && !c[i].space && !(i > b && dm_unicode_is_cjk(c[i - 1].cp)))
    i++;
  return i > b ? fabsf(c[i - 1].x2 - c[b].x1) : 0;
}

/* Whether l follows prev at the line spacing, in the same size. */
static int pdf_next_line(const pdf_line *prev, const pdf_line *l, const pdf_measure *m) {
  if (fabsf(l->size - prev->size) > 0.1f * l->size) return 0;
  float pitch = m->pitch > 0 && pdf_body_sized(l, m->body) ? m->pitch : 1.2f * l->size;
  return l->bottom - prev->bottom <= 1.3f * pitch && l->bottom > prev->bottom;
}

/* How far l starts inside the page's margin (from the right in
 * right-to-left text). */
static float pdf_indent(const pdf_line *l, const pdf_measure *m) { return l->rtl ? m->right - l->x2 : l->x1 - m->left; }

/* Whether line l goes on with the paragraph whose last line is prev, both
 * on this page; next is the body line after l, or NULL. */
static int pdf_continues(const pdf_page *pg, const pdf_line *prev, const pdf_line *l, const pdf_line *next, int heading,
                         const pdf_measure *m) {
  if (!pdf_next_line(prev, l, m)) return 0;
  if (heading) return 1;
  /* a first-line indent; in right-to-left text, from the right */
  if (l->rtl ? l->x2 < prev->x2 - 0.8f * l->size : l->x1 > prev->x1 + 0.8f * l->size) return 0;
  /* indented as far as the line before (a one-line paragraph that filled
   * the measure), with the next line back at the margin: a first line */
  if (next && pdf_indent(l, m) > 0.8f * l->size && pdf_indent(next, m) < 0.5f * l->size && next->rtl == l->rtl &&
      pdf_next_line(l, next, m))
    return 0;
  /* the first word would have fitted on the line before */
  float room = l->rtl ? prev->x1 - m->left : m->right - prev->x2;
  if (room > pdf_first_word(pg, l) + 0.5f * l->size) return 0;
  return 1;
}

static int pdf_open_block(pdf_state *st, int level) {
  dm_node *root = dm_doc_root(st->doc);
  /* no page break before the first block: a break with nothing before it
   * only adds an empty page */
  for (; st->breaks_owed && dm_node_first_child(root); st->breaks_owed--) {
    dm_node *pb = dm_node_new(st->doc, DM_NODE_PAGE_BREAK);
    if (!pb || dm_node_append_child(root, pb) != DM_OK) return DM_ENOMEM;
  }
  st->breaks_owed = 0;
  dm_node *b = dm_node_new(st->doc, level ? DM_NODE_HEADING : DM_NODE_PARAGRAPH);
  if (!b || (level && dm_node_set_heading_level(b, level) != DM_OK) || dm_node_append_child(root, b) != DM_OK)
    return DM_ENOMEM;
  st->para = b;
  st->para_heading = level;
  return DM_OK;
}

static int pdf_body_line(pdf_build *b, const pdf_line *prev, const pdf_line *l, const pdf_line *next,
                         const pdf_measure *m) {
  pdf_state *st = b->st;
  const pdf_page *pg = b->pg;
  int level = pdf_heading_level(pg, l, m->body);
  int cont;
  if (prev) {
    cont = st->para && (level != 0) == (st->para_heading != 0) && pdf_continues(pg, prev, l, next, level, m);
  } else {
    /* the first line of a page: continues only an unfinished paragraph */
    cont = st->para && !level && !st->para_heading && st->para_full &&
           fabsf(l->size - st->para_size) < 0.1f * l->size &&
           (l->rtl ? l->x2 >= m->right - 0.5f * l->size : l->x1 <= m->left + 0.5f * l->size) &&
           !pdf_ends_sentence(st->para_last_cp);
  }
  int rc;
  const pdf_char *fc = pdf_first_char(pg, l);
  if (cont)
    rc = pdf_join(st, st->para, st->para_last_cp, fc ? fc->cp : 0);
  else
    rc = pdf_open_block(st, level);
  if (rc != DM_OK) return rc;
  b->allow_calls = 1;
  if ((rc = pdf_inline_line(b, st->para, pg, l, 0)) != DM_OK) return rc;
  st->para_last_cp = pdf_last_cp(pg, l, 0);
  st->para_size = l->size;
  st->para_full = l->rtl ? l->x1 <= m->left + 1.5f * l->size : l->x2 >= m->right - 1.5f * l->size;
  return DM_OK;
}

int pdf_build_page(pdf_state *st, const pdf_page *pg) {
  pdf_build b;
  memset(&b, 0, sizeof b);
  b.st = st;
  b.pg = pg;
  int rc = pdf_collect_defs(&b);
  pdf_measure m;
  pdf_measure_page(pg, st->body_size, &m);
  const pdf_line *prev = NULL;
  for (size_t i = 0; i < pg->nlines && rc == DM_OK; i++) {
    const pdf_line *l = &pg->lines[i];
    if (l->kind != PDF_L_BODY) continue;
    if (l->attach && st->para) {
      b.allow_calls = 1;
      rc = pdf_inline_line(&b, st->para, pg, l, 0);
      continue;
    }
    const pdf_line *next = NULL;
    for (size_t k = i + 1; k < pg->nlines && !next; k++)
      if (pg->lines[k].kind == PDF_L_BODY && !pg->lines[k].attach) next = &pg->lines[k];
    rc = pdf_body_line(&b, prev, l, next, &m);
    prev = l;
    if (b.failed) rc = DM_ENOMEM;
  }
  if (rc == DM_OK) rc = pdf_orphan_defs(&b);
  free(b.defs);
  st->breaks_owed++;
  return rc;
}

int pdf_build_finish(pdf_state *st) {
  st->para = NULL;
  if (st->unmapped &&
      dm_warn(st->ctx, DM_DIAG_ENCODING, dm_pos_offset(DM_NO_OFFSET),
              "%zu characters have no Unicode value in their font (no ToUnicode map); replaced by U+FFFD",
              st->unmapped) != DM_OK)
    return DM_ENOMEM;
  return DM_OK;
}
