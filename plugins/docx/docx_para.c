/* SPDX-License-Identifier: MIT */
/*
 * The paragraphs of word/document.xml and word/footnotes.xml: w:pPr from
 * what the ancestors meant (style, indentation of quotes, lists and
 * operative sub-items, numbering, direction), and what an ancestor must put
 * on the first paragraph inside it (a list item's number, an operative
 * paragraph's label "1.", a footnote's own mark), kept pending and taken by
 * the next paragraph written, so that it is never lost when a container
 * starts with something else. Also the cover page's lines and code blocks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docx_body.h"

/* ---- paragraphs ------------------------------------------------------------ */

/* w:pPr, in the schema's order. Indentation is written out in full when an
 * ancestor (quote, list, operative level) moves the paragraph, so that the
 * paragraph reads right even where styles and numbering disagree. */
static void docx_body_ppr(docx_body *b, const docx_blk *blk, const char *style, int kind) {
  docx_xml *x = b->x;
  int quote = blk->quote > 10 ? 10 : blk->quote;
  int lists = blk->list_depth > 9 ? 9 : blk->list_depth;
  int ops = blk->op_level > 10 ? 10 : blk->op_level;
  long left = (long)quote * DOCX_INDENT + (long)lists * 720 + (long)ops * DOCX_INDENT;
  long hanging = 0, first = 0;
  int numbered = b->pend_num > 0;
  if (numbered) hanging = 360;
  int hung = b->pend_label && !b->pend_label_space;
  if (hung && ops) hanging = DOCX_INDENT;
  int ind = quote || lists || ops > 1 || (ops == 1 && !hung);
  if (b->st->un && !b->in_notes) {
    /* The UN's block: numbers at a first-line indent of one step per
     * level, following lines back at the block's edge. The styles say so
     * for the first two levels; deeper ones and quotes say it here. */
    left = DOCX_UN_BLOCK + (long)quote * DOCX_INDENT + (long)lists * 720;
    hanging = numbered ? 360 : 0;
    first = ops && !numbered ? (long)ops * DOCX_UN_FIRST : 0;
    ind = quote || lists || ops > 2;
  }
  docx_start(x, "w:pPr");
  if (style) docx_empty(x, "w:pStyle", "w:val", style, NULL, NULL);
  if (b->pend_frame) {
    docx_start(x, "w:framePr");
    docx_attr(x, "w:wrap", "around");
    docx_attr(x, "w:vAnchor", "text");
    docx_attr(x, "w:hAnchor", "margin");
    /* at the far end of the line: the left in a right-to-left document */
    docx_attr(x, "w:xAlign", b->st->rtl ? "left" : "right");
    docx_attr(x, "w:y", "1");
    docx_end(x);
    b->pend_frame = 0;
  }
  if (numbered) {
    char lvl[16], id[24];
    snprintf(lvl, sizeof lvl, "%d", b->pend_lvl);
    snprintf(id, sizeof id, "%ld", b->st->num_base + b->pend_num); /* after a template's own */
    docx_start(x, "w:numPr");
    docx_empty(x, "w:ilvl", "w:val", lvl, NULL, NULL);
    docx_empty(x, "w:numId", "w:val", id, NULL, NULL);
    docx_end(x);
  }
  if (kind == DOCX_P_RULE) {
    docx_start(x, "w:pBdr");
    docx_start(x, "w:bottom");
    docx_attr(x, "w:val", "single");
    docx_attr(x, "w:sz", "6");
    docx_attr(x, "w:space", "1");
    docx_attr(x, "w:color", "auto");
    docx_end(x);
    docx_end(x);
  }
  if (blk->rtl)
    docx_empty(x, "w:bidi", NULL, NULL, NULL, NULL);
  else if (b->st->rtl)
    docx_empty(x, "w:bidi", "w:val", "0", NULL, NULL); /* the styles say right to left */
  if (ind) {
    docx_start(x, "w:ind");
    docx_attr_int(x, "w:left", left);
    if (first)
      docx_attr_int(x, "w:firstLine", first);
    else
      docx_attr_int(x, "w:hanging", hanging);
    docx_end(x);
  }
  if (blk->align != DM_ALIGN_NONE) {
    const char *jc = blk->align == DM_ALIGN_CENTER ? "center" : blk->align == DM_ALIGN_RIGHT ? "right" : "left";
    docx_empty(x, "w:jc", "w:val", jc, NULL, NULL);
  }
  if (b->pend_outline) {
    char lvl[16];
    snprintf(lvl, sizeof lvl, "%d", b->pend_outline - 1);
    docx_empty(x, "w:outlineLvl", "w:val", lvl, NULL, NULL);
    b->pend_outline = 0;
  }
  docx_end(x);
}

/* Opens a w:p and writes what was pending for it. */
void docx_out_p_open(docx_body *b, const docx_blk *blk, const char *style, int kind) {
  docx_xml *x = b->x;
  if (b->in_notes) style = "FootnoteText";
  docx_start(x, "w:p");
  docx_body_ppr(b, blk, style, kind);
  b->pend_num = 0;
  if (b->pend_page) {
    /* Where the source's page ended: Word's own record of a page boundary
     * at its last layout, which does not force a break in a reflowed
     * document. */
    docx_start(x, "w:r");
    docx_empty(x, "w:lastRenderedPageBreak", NULL, NULL, NULL, NULL);
    docx_end(x);
    b->pend_page = 0;
  }
  if (b->pend_mark) {
    const docx_note *note = b->pend_mark;
    docx_start(x, "w:r");
    docx_fmt none = {0};
    docx_out_rpr(b, &none, "FootnoteReference", 0);
    if (b->st->custom_marks)
      docx_out_chars(b, note->mark, strlen(note->mark), dm_node_pos(note->node));
    else
      docx_empty(x, "w:footnoteRef", NULL, NULL, NULL, NULL);
    docx_end(x);
    /* In place of "()" the source's own tab or space follows. */
    if (!b->paren_text || b->paren_skip == dm_node_literal_len(b->paren_text)) {
      docx_start(x, "w:r");
      docx_start(x, "w:t");
      docx_attr(x, "xml:space", "preserve");
      docx_text(x, " ", 1, dm_pos_offset(DM_NO_OFFSET));
      docx_end(x);
      docx_end(x);
    }
    b->pend_mark = NULL;
  }
  if (b->pend_label) {
    /* The number exactly as printed, then a tab to the hanging indent. */
    docx_start(x, "w:r");
    docx_out_chars(b, b->pend_label, strlen(b->pend_label), dm_pos_offset(DM_NO_OFFSET));
    if (b->pend_label_space) {
      docx_start(x, "w:t");
      docx_attr(x, "xml:space", "preserve");
      docx_text(x, " ", 1, dm_pos_offset(DM_NO_OFFSET));
      docx_end(x);
    } else {
      docx_empty(x, "w:tab", NULL, NULL, NULL, NULL);
    }
    docx_end(x);
    b->pend_label = NULL;
  }
  b->paras++;
  b->last_table = 0;
}

void docx_out_p_close(docx_body *b) {
  docx_end(b->x);
  docx_xml_flush_point(b->x);
}

/* Writes an empty paragraph for whatever is pending, so that a list
 * number, a label or a note mark is never lost to a container that starts
 * with something other than a paragraph (or holds nothing). */
void docx_out_flush(docx_body *b, const docx_blk *blk, const char *style) {
  if (!b->pend_num && !b->pend_label && !b->pend_mark) return;
  docx_out_p_open(b, blk, style, DOCX_P_TEXT);
  docx_out_p_close(b);
}

int docx_out_has_class(const dm_node *n, const char *cls, int depth) {
  if (depth > 64) return 0;
  for (const dm_node *c = dm_node_first_child(n); c; c = dm_node_next(c)) {
    if (dm_node_type_of(c) == DM_NODE_SPAN && dm_node_class(c) && !strcmp(dm_node_class(c), cls)) return 1;
    if (!dm_node_type_is_leaf(dm_node_type_of(c)) && docx_out_has_class(c, cls, depth + 1)) return 1;
  }
  return 0;
}

/* Whether the text under n holds a strong right-to-left character. */
static int docx_body_has_rtl(const dm_node *n, int depth) {
  if (depth > 64) return 1;
  for (const dm_node *c = dm_node_first_child(n); c; c = dm_node_next(c)) {
    if (dm_node_type_of(c) == DM_NODE_TEXT) {
      const unsigned char *s = (const unsigned char *)dm_node_literal(c);
      size_t len = dm_node_literal_len(c), i = 0;
      while (i < len) {
        uint32_t cp;
        int k = dm_utf8_decode(s + i, len - i, &cp);
        if (k <= 0) break;
        if (dm_unicode_is_rtl(cp)) return 1;
        i += (size_t)k;
      }
    } else if (dm_node_type_of(c) != DM_NODE_NOTE && !dm_node_type_is_leaf(dm_node_type_of(c)) &&
               docx_body_has_rtl(c, depth + 1)) {
      return 1;
    }
  }
  return 0;
}

int docx_out_paragraph(docx_body *b, const dm_node *n, const docx_blk *blk, const char *style) {
  docx_blk pb = *blk;
  /* A line with no right-to-left letter in a right-to-left document (the
   * date "23 December 2020", the symbol) is a left-to-right paragraph:
   * in a right-to-left one the bidirectional algorithm would put "23"
   * after "December 2020". */
  if (pb.rtl && !docx_body_has_rtl(n, 0)) pb.rtl = 0;
  docx_out_p_open(b, &pb, style, DOCX_P_TEXT);
  docx_fmt f = {0};
  b->title_tab = b->st->un && style && !strcmp(style, "ResolutionTitle") && !b->in_notes;
  int rc = docx_out_inlines(b, n, f);
  b->title_tab = 0;
  docx_out_p_close(b);
  return rc;
}

/* The UN profile's masthead: each line of the cover page in the style of
 * what it holds, the organisation's name and the symbol on one line. */
int docx_out_cover(docx_body *b, const dm_node *n, const docx_blk *blk, int recognised) {
  const dm_doc *doc = b->st->doc;
  const dm_node *prev = NULL;
  for (const dm_node *c = dm_node_first_child(n); c; prev = c, c = dm_node_next(c)) {
    /* A recognised heading ("## 大 会" in Markdown) keeps its level. */
    int type = dm_node_type_of(c), heading = recognised && type == DM_NODE_HEADING;
    const char *style = type == DM_NODE_PARAGRAPH || heading ? docx_look_cover_style(doc, c, prev, recognised) : NULL;
    if (!style) {
      int rc = docx_out_block(b, c, blk);
      if (rc != DM_OK) return rc;
      continue;
    }
    const dm_node *next = dm_node_next(c);
    const char *next_style =
        next && dm_node_type_of(next) == DM_NODE_PARAGRAPH ? docx_look_cover_style(doc, next, c, recognised) : NULL;
    int top = !strcmp(style, "MastheadOrg") && next_style && !strcmp(next_style, "MastheadLine");
    docx_fmt f = {0};
    int rc = DM_OK;
    if (top) {
      /* The symbol at the right end of the organisation's line: a frame
       * anchored to the paragraph that follows it, so that each stays a
       * paragraph of its own for readers of the text. */
      docx_blk sb = *blk;
      if (sb.rtl && !docx_body_has_rtl(next, 0)) sb.rtl = 0;
      b->pend_frame = 1;
      docx_out_p_open(b, &sb, "MastheadSymbolLine", DOCX_P_TEXT);
      rc = docx_out_inlines(b, next, f);
      docx_out_p_close(b);
    }
    docx_blk pb = *blk;
    if (pb.rtl && !docx_body_has_rtl(c, 0)) pb.rtl = 0;
    if (heading)
      b->pend_outline = dm_node_heading_level(c) < 1 ? 1 : dm_node_heading_level(c) > 6 ? 6 : dm_node_heading_level(c);
    docx_out_p_open(b, &pb, style, DOCX_P_TEXT);
    b->title_tab = !strcmp(style, "ResolutionTitle");
    if (rc == DM_OK) rc = docx_out_inlines(b, c, f);
    b->title_tab = 0;
    if (top) c = next;
    docx_out_p_close(b);
    if (rc != DM_OK) return rc;
  }
  return DM_OK;
}

/* A code block: one paragraph, lines separated by w:br, so that the
 * paragraph count stays the document's. */
int docx_out_code(docx_body *b, const dm_node *n, const docx_blk *blk) {
  size_t len = dm_node_literal_len(n);
  const char *s = dm_node_literal(n);
  if (len && s[len - 1] == '\n') len--;
  docx_out_p_open(b, blk, blk->style && b->in_notes ? blk->style : "SourceCode", DOCX_P_TEXT);
  docx_fmt f = {0};
  if (b->in_notes) f.code = 1;
  docx_out_run(b, &f, NULL, s, len, dm_node_pos(n));
  docx_out_p_close(b);
  return DM_OK;
}
