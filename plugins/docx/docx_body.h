/* SPDX-License-Identifier: MIT */
/*
 * The state shared by the files that write word/document.xml and
 * word/footnotes.xml: docx_inline.c (runs, notes, links, pictures),
 * docx_para.c (paragraph properties, what is pending for the next
 * paragraph, paragraphs, the cover page, code) and docx_body.c (tables,
 * lists, divisions, the two parts). Nothing here is visible outside the
 * plugin.
 */
#ifndef DOCMILL_DOCX_BODY_H
#define DOCMILL_DOCX_BODY_H

#include "docx.h"

/* Run formatting inherited from inline ancestors. */
typedef struct docx_fmt {
  unsigned char bold, italic, strike, underline, code, link;
  signed char vert; /* 1 superscript, -1 subscript */
} docx_fmt;

/* Paragraph context inherited from block ancestors. */
typedef struct docx_blk {
  const char *style; /* paragraph style; NULL is Normal */
  int quote;         /* block-quote depth */
  int list_depth;    /* list nesting */
  int op_level;      /* 1 in an operative paragraph, +1 per point level */
  int preface;
  int rtl;
  dm_align align; /* in a table cell */
} docx_blk;

typedef struct docx_body {
  docx_state *st;
  docx_xml *x;
  docx_rels *rels;
  int in_notes; /* writing footnotes.xml */
  uint32_t depth;
  /* what the next paragraph must carry */
  const char *pend_label;
  int pend_label_space; /* a space, not a tab, after the label (no hanging indent) */
  int pend_num, pend_lvl;
  const docx_note *pend_mark;
  /* The note's text opens with an empty "()" where its source's number
   * stood (UN Arabic documents print the mark as "(1)"; their XML keeps
   * the brackets and loses the number): the w:footnoteRef written at the
   * start of the note stands in that place, so those bytes of that text
   * node are not written. Not "(" w:footnoteRef ")": LibreOffice draws a
   * footnote's number at the start of its text whatever runs surround
   * w:footnoteRef, which would read "1()"; nor a custom mark "(1)", which
   * LibreOffice 7.4 shows twice. The body keeps the source's "(" and ")"
   * around the reference. */
  const dm_node *paren_text;
  size_t paren_skip;
  int pend_page;
  int pend_outline; /* a preface heading's level, kept as w:outlineLvl */
  /* whether the last block written in the current container was a table */
  int last_table;
  int title_tab;  /* UN profile: the break after a resolution's number is a tab */
  int pend_frame; /* the next paragraph is a frame at the right margin */
  uint64_t paras;
} docx_body;

/* What a paragraph is for, in docx_out_p_open: text, or a rule (a
 * thematic break). */
enum { DOCX_P_TEXT, DOCX_P_RULE };

/* One level deeper: an error past the limit of nesting (st->max_depth). */
int docx_out_enter(docx_body *b, const dm_node *n);
/* w:rPr of a run: its character style, the inherited formatting, w:rtl. */
void docx_out_rpr(docx_body *b, const docx_fmt *f, const char *rstyle, int rtl);
/* The w:t (and w:tab, w:br) of text inside an open w:r. */
void docx_out_chars(docx_body *b, const char *s, size_t len, dm_pos pos);
/* A whole run: properties and text; w:rtl added when the text needs it. */
void docx_out_run(docx_body *b, const docx_fmt *f, const char *rstyle, const char *s, size_t len, dm_pos pos);
/* The runs of the inline children of parent. */
int docx_out_inlines(docx_body *b, const dm_node *parent, docx_fmt fmt);
/* Opens a w:p and writes what was pending for it. */
void docx_out_p_open(docx_body *b, const docx_blk *blk, const char *style, int kind);
/* Closes the w:p; a streamed part may hand its bytes on here. */
void docx_out_p_close(docx_body *b);
/* An empty paragraph for whatever is still pending (a number, label, mark). */
void docx_out_flush(docx_body *b, const docx_blk *blk, const char *style);
/* Whether a span of class cls lies in n (up to 64 levels down). */
int docx_out_has_class(const dm_node *n, const char *cls, int depth);
/* A paragraph of the tree as one w:p of the given style. */
int docx_out_paragraph(docx_body *b, const dm_node *n, const docx_blk *blk, const char *style);
/* The cover page (a preface div): one w:p per line, the masthead styles.
 * recognised: a recogniser's preface rather than an AKN cover page; its
 * lines the masthead does not hold are written as the preface's. */
int docx_out_cover(docx_body *b, const dm_node *n, const docx_blk *blk, int recognised);
/* A code block: one w:p per line, in the code style. */
int docx_out_code(docx_body *b, const dm_node *n, const docx_blk *blk);
/* One block node and what it holds. */
int docx_out_block(docx_body *b, const dm_node *n, const docx_blk *blk);
/* The block children of parent, in order. */
int docx_out_blocks(docx_body *b, const dm_node *parent, const docx_blk *blk);

#endif
