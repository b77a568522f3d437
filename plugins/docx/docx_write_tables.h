/* SPDX-License-Identifier: MIT */
/*
 * The table the build makes from the DOCX writer's data file
 * data/un-styles.tsv (write_tables.cmake): the paragraph styles of the UN
 * document profile, which docx_look.c writes into styles.xml.
 */
#ifndef DOCMILL_DOCX_WRITE_TABLES_H
#define DOCMILL_DOCX_WRITE_TABLES_H

#include <stddef.h>

typedef struct docx_un_style {
  const char *id, *name, *next; /* next NULL: none */
  int before, after;            /* spacing, twips; -1 none */
  int left, right, first, hang; /* indentation, twips */
  const char *jc;               /* NULL: none */
  int bold, italic, size;       /* size in half-points, 0: the body's */
  int keep_next;
  int tab;    /* a tab stop (twips), 0 none; -1 a right tab at the text width */
  int border; /* 1 a rule below, 2 a rule above, 3 a heavy rule below */
} docx_un_style;

extern const docx_un_style docx_un_styles[];
extern const size_t docx_un_styles_count;

#endif
