/* SPDX-License-Identifier: MIT */
/*
 * The tables the build makes from the DOCX reader's data files: style names
 * it recognises (data/styles.tsv) and Word's number formats with their
 * symbols (data/numfmt.tsv). Every field is a string as written there.
 */
#ifndef DOCMILL_DOCX_READ_TABLES_H
#define DOCMILL_DOCX_READ_TABLES_H

#include <stddef.h>

typedef struct docx_styles_row {
  const char *name, *kind, *level;
} docx_styles_row;

typedef struct docx_numfmts_row {
  const char *name, *method, *symbols;
} docx_numfmts_row;

extern const docx_styles_row docx_styles[];
extern const size_t docx_styles_count;
extern const docx_numfmts_row docx_numfmts[];
extern const size_t docx_numfmts_count;

#endif
