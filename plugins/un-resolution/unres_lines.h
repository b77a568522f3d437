/* SPDX-License-Identifier: MIT */
/*
 * What the line pass (unres_lines.c) and its footnote areas
 * (unres_zones.c) share: the lines of extractor text with what each one
 * was found to be. Private to the un-resolution transform.
 */
#ifndef DOCMILL_PLUGIN_UNRES_LINES_H
#define DOCMILL_PLUGIN_UNRES_LINES_H

#include "unres.h"

/* LN_NUMBER: a number alone, a page number or a footnote's number; the
 * footnote areas decide which. LN_CALL: a footnote call the extractor
 * put on a line of its own, above the line it belongs to. */
enum { LN_TEXT = 0, LN_FURN, LN_RULE, LN_DEF_NUM, LN_DEF_TEXT, LN_NUMBER, LN_CALL };

typedef struct unres_line {
  dm_node *text;
  int indent;     /* columns before the first character */
  int para_start; /* a blank line (or a page break) came before */
  int page;
  int kind;
  int zone;        /* in a footnote area: its number, from 1 */
  int chunk_start; /* the first line of a footnote's text (areas read upwards) */
  /* whether the text at memo (memo_len bytes) is a label alone, and the
   * paragraph number it opens with: each line is asked many times */
  const char *memo;
  size_t memo_len;
  int alone;
  long value;
} unres_line;

typedef struct unres_lines {
  unres_state *st;
  unres_line *l;
  size_t n, cap;
  dm_node **breaks; /* the page breaks of the input, reused */
  size_t nbreaks, capb;
  int has_ff, layout, pages;
  size_t formula; /* the line of the formula, or SIZE_MAX */
  int width;      /* a full line, in code points */
  const char *title;
  size_t title_len;
  char symbol[48]; /* the document's own symbol, "A/RES/73/7" */
  unres_buf title_buf;
} unres_lines;

typedef struct ln_out {
  unres_lines *L;
  dm_node *para;    /* the open paragraph */
  size_t last;      /* its last line */
  int page;         /* the page of the last thing placed */
  size_t brk;       /* input page breaks used so far */
  long next_num;    /* the operative paragraph number that comes next */
  dm_node *body;    /* the last paragraph of the body, even once closed */
  size_t body_last; /* its last line */
  dm_node *def;     /* the last footnote definition written, and its line */
  size_t def_last;
} ln_out;

/* Lines: text, length. */
static inline const char *ln_text(const unres_lines *L, size_t i) { return dm_node_literal(L->l[i].text); }
static inline size_t ln_size(const unres_lines *L, size_t i) { return dm_node_literal_len(L->l[i].text); }

/* unres_lines.c */
void ln_report(unres_lines *L, size_t i, const char *s, size_t len);
void ln_close(ln_out *o);
void ln_add(ln_out *o, size_t i, int fresh);
void ln_page_break(ln_out *o);
/* Records line i as carrying text on over a page end. */
void ln_cross(ln_out *o, size_t i);

/* unres_zones.c: a footnote number alone on its line (1 to 3 digits), or
 * -1; marks the footnote areas (zone) of every page; emits the
 * definitions of area zone, whose lines lie in [from, to). */
long ln_number_alone(const char *s, size_t len);
void ln_zones(unres_lines *L);
void ln_emit_zone(ln_out *o, size_t from, size_t to, int zone);

#endif
