/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the files of the PDF reader module share. pdf_read.c opens the
 * document with poppler-glib and walks its pages (the only file that sees
 * GLib or poppler); pdf_lines.c turns the characters of one page into lines
 * in reading order and tells superscripts from the rest; pdf_page.c sorts
 * those lines into running headers and footers, the body and the footnote
 * area; pdf_build.c makes paragraphs, headings, emphasis and notes of them
 * in the document model. Everything from pdf_lines.c on is plain C over the
 * types below, so that it can be tested and fuzzed without a PDF.
 */
#ifndef DOCMILL_PLUGIN_PDF_H
#define DOCMILL_PLUGIN_PDF_H

#include <stddef.h>
#include <stdint.h>

#include <docmill/docmill.h>

/* Style bits of a character, from its font's name. */
#define PDF_ST_BOLD 1u
#define PDF_ST_ITALIC 2u
#define PDF_ST_BARCODE 4u /* a bar-code font: furniture, never text */

/* Vertical position of a character within its line. */
enum { PDF_V_BASE = 0, PDF_V_SUP, PDF_V_SUB };

typedef struct pdf_char {
  uint32_t cp;
  float x1, y1, x2, y2; /* box, y growing downwards */
  float size;           /* font size in points */
  uint8_t style;        /* PDF_ST_* */
  uint8_t vpos;         /* PDF_V_*, set by pdf_lines_build */
  uint8_t space;        /* 1: a space; 2: a kerning gap taken for one */
  uint8_t gap_before;   /* a wide gap but no space before it: a tab */
} pdf_char;

/* The kind of a line, set by pdf_page_classify. */
typedef enum pdf_line_kind {
  PDF_L_BODY = 0,
  PDF_L_FURNITURE, /* running header or footer, page number, job number */
  PDF_L_SEPARATOR, /* the rule of underscores above the footnotes */
  PDF_L_NOTE       /* a line of the footnote area */
} pdf_line_kind;

typedef struct pdf_line {
  size_t first, n;      /* its characters, pdf_page.chars[first .. first+n) */
  float x1, y1, x2, y2; /* box of its characters */
  float size;           /* the size most of its characters have */
  float bottom;         /* bottom of the characters of that size */
  pdf_line_kind kind;
  int rtl;    /* most letters are right-to-left */
  int attach; /* only a raised call the line above had no room for */
} pdf_line;

/* One page, as pdf_read.c fills it: characters in poppler's order, each
 * poppler line ending where brk[i] is set; then lines (pdf_lines_build). */
typedef struct pdf_page {
  pdf_char *chars;
  size_t nchars, capchars;
  unsigned char *brk; /* brk[i]: a poppler line ends after chars[i] */
  pdf_line *lines;
  size_t nlines, caplines;
  float width, height;
  int index;       /* from 0 */
  int failed;      /* out of memory */
  size_t glitches; /* Latin letters and digits dropped from inside Arabic words */
} pdf_page;

/* Appends a character (cp 0 is a line end). */
void pdf_page_add(pdf_page *pg, const pdf_char *c);
void pdf_page_reset(pdf_page *pg);
void pdf_page_release(pdf_page *pg);

/* pdf_lines.c: groups poppler's line fragments into lines on one baseline,
 * sorted top to bottom, characters in reading order, superscripts and
 * subscripts marked. Out of memory sets pg->failed. */
void pdf_lines_build(pdf_page *pg);
/* The UTF-8 text of a line, spaces included, into buf (NUL-terminated,
 * cut at size). Returns the length written. */
size_t pdf_line_text(const pdf_page *pg, const pdf_line *l, char *buf, size_t size);

/* ---- the reader's state over the whole document ------------------------ */

typedef struct pdf_def pdf_def;

/* A remembered running header or footer: its text with digits folded. */
typedef struct pdf_band_text {
  char text[96];
  int page;
} pdf_band_text;

typedef struct pdf_state {
  dm_ctx *ctx;
  dm_doc *doc;
  const char *name; /* the input's name, for messages */
  float body_size;  /* the size most characters have, pages so far */
  float sizes[32];  /* how many characters of each size, for body_size */
  size_t size_count[32];
  size_t nsizes;
  /* the paragraph being built, possibly continued on the next page */
  dm_node *para;
  uint32_t para_last_cp; /* the last character of its last line */
  float para_size;       /* the size of its last line */
  int para_full;         /* its last line reached the right margin */
  int para_heading;      /* it is a heading */
  size_t breaks_owed;    /* pages ended since the last block began */
  dm_node *last_note_para;
  int note_page; /* 1 + the page of the last note built: where it may go on */
  /* notes by marker, for later references to the same note */
  dm_node **notes;
  size_t nnotes, capnotes;
  pdf_band_text bands[64];
  size_t nbands;
  size_t furniture, unmapped, superscript_orphans;
  size_t rtl_pages;  /* pages read in both directions (pdf_read.c) */
  size_t glitches;   /* Latin letters and digits dropped from inside Arabic words */
  size_t cjk, latin; /* CJK characters and Latin letters read so far */
  int failed;
} pdf_state;

/* pdf_page.c: sets the kind of every line of a page; records furniture
 * (symbol, job number, its date) in the metadata and reports it. */
void pdf_page_classify(pdf_state *st, pdf_page *pg);

/* pdf_build.c: adds a classified page to the document. DM_OK or DM_ENOMEM. */
int pdf_build_page(pdf_state *st, const pdf_page *pg);
/* Ends the document: closes the open paragraph. */
int pdf_build_finish(pdf_state *st);
void pdf_state_release(pdf_state *st);

/* pdf_text.c: small text tests shared by the files above. */
int pdf_is_furniture_text(const char *s, size_t len);
/* Whether s[0..n) is a language letter in brackets, "(E)", in whatever
 * order right-to-left text gave the brackets. */
int pdf_lang_token(const char *s, size_t n);
/* Ligatures (U+FB00..U+FB06) spelt out: the letters, or NULL. */
const char *pdf_ligature(uint32_t cp);
/* Puts back in order the lam-alef ligatures poppler reverses in the Arabic
 * words of c[0..n), a line in reading order with its gaps marked
 * (data/lamalef.tsv). */
void pdf_lamalef_fix(pdf_char *c, size_t n);
/* Arabic text of a line c[0..*n) in reading order: removes Latin letters
 * and digits inside a word (glyphs a font maps to them) and returns how
 * many; marks as no
 * space (2) a space before a vowel mark or beside a tatweel. */
size_t pdf_arabic_clean(pdf_char *c, size_t *n);
/* Arabic vowel marks (they have no width of their own). */
int pdf_arabic_mark(uint32_t cp);
int pdf_ends_sentence(uint32_t cp);

#endif
