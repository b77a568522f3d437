/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What pdf_build.c (blocks and notes of a page) and pdf_inline.c (the
 * inlines of a line) share: a growable string and the state of building
 * one page, with the footnote definitions its footnote area holds.
 */
#ifndef DOCMILL_PLUGIN_PDF_BUILD_H
#define DOCMILL_PLUGIN_PDF_BUILD_H

#include "pdf.h"

/* One footnote definition of the page: its marker as printed and its lines
 * (the first from the character after the marker). */
struct pdf_def {
  char marker[16];
  size_t line, from; /* first line and the character it starts at */
  size_t last;       /* last line */
  int used;
  int brackets; /* the marker stood in brackets, "(1)", kept as "()" (Arabic) */
};

typedef struct pdf_build {
  pdf_state *st;
  const pdf_page *pg;
  pdf_def *defs;
  size_t ndefs, capdefs;
  int allow_calls; /* raised runs may be footnote calls (body text) */
  int failed;
} pdf_build;

/* The note or reference for a raised run "1": a new NOTE holding the
 * page's definition with that marker, a NOTE_REF to an earlier note with
 * it, or NULL when neither exists (or out of memory: b->failed). */
dm_node *pdf_note_call(pdf_build *b, const char *marker, size_t len);

/* pdf_build.c: what goes between the paragraph so far, ending in the
 * character last, and a line opening with first: a soft break, or nothing
 * (between CJK characters, after a hyphen before a lowercase letter). */
int pdf_join(pdf_state *st, dm_node *para, uint32_t last, uint32_t first);
/* The last character of a line that is not a space (back: how many to
 * skip), 0 when none; its first non-space character, NULL when none. */
uint32_t pdf_last_cp(const pdf_page *pg, const pdf_line *l, size_t back);
const pdf_char *pdf_first_char(const pdf_page *pg, const pdf_line *l);
/* The page's footnote definitions into b->defs; lines continuing the last
 * note of the previous page are added to it. */
int pdf_collect_defs(pdf_build *b);
/* Definitions no call asked for: a warning each, kept as paragraphs. */
int pdf_orphan_defs(pdf_build *b);

/* pdf_inline.c: appends the inlines of characters [from, n) of line l to parent. */
int pdf_inline_line(pdf_build *b, dm_node *parent, const pdf_page *pg, const pdf_line *l, size_t from);

#endif
