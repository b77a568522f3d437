/* SPDX-License-Identifier: MIT */
/*
 * The text of the DOCX package: word/document.xml and word/footnotes.xml.
 * WordprocessingML has no nested blocks, so the tree is flattened into one
 * w:p per paragraph whose properties carry what the ancestors meant: the
 * style of a resolution's part, the indentation of quotes, lists and
 * operative sub-items, list numbering, direction. What an ancestor must put
 * on the first paragraph inside it (a list item's number, an operative
 * paragraph's label "1.", a footnote's own mark) is kept "pending" in the
 * writer and taken by the next paragraph written, so it is never lost when
 * a container starts with something else (docx_para.c). Inline nodes become
 * runs whose properties accumulate from their inline ancestors
 * (docx_inline.c). Here: tables, lists, divisions and the two parts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docx_body.h"

static const char *const docx_heading_styles[] = {"Heading1", "Heading2", "Heading3",
                                                  "Heading4", "Heading5", "Heading6"};

/* ---- tables ---------------------------------------------------------------- */

/* One w:tc at row r, grid column c of g: a cell's content at its first
 * row, an empty continuation of it below (w:vMerge), an empty cell where
 * none stands; a cell spanning columns takes them in one w:tc
 * (w:gridSpan). Returns the columns it took. */
static size_t docx_body_cell(docx_body *b, const dm_table_grid *g, size_t r, size_t c, const docx_blk *blk, int *rc) {
  docx_xml *x = b->x;
  const dm_node *cell = dm_table_grid_cell(g, r, c);
  size_t cs = cell ? dm_table_grid_span(g, r, c, 1) : 1;
  int below = cell && r > 0 && dm_table_grid_cell(g, r - 1, c) == cell;
  docx_start(x, "w:tc");
  docx_start(x, "w:tcPr");
  docx_empty(x, "w:tcW", "w:w", "0", "w:type", "auto");
  if (cs > 1) {
    docx_start(x, "w:gridSpan");
    docx_attr_int(x, "w:val", (long)cs);
    docx_end(x);
  }
  if (below)
    docx_empty(x, "w:vMerge", NULL, NULL, NULL, NULL);
  else if (cell && dm_table_grid_span(g, r, c, 0) > 1)
    docx_empty(x, "w:vMerge", "w:val", "restart", NULL, NULL);
  docx_end(x);
  docx_blk cb = *blk;
  cb.quote = cb.list_depth = cb.op_level = 0;
  cb.style = b->in_notes ? blk->style : "Compact";
  uint64_t before = b->paras;
  if (cell && !below) {
    cb.align = dm_node_cell_align(cell);
    *rc = docx_out_blocks(b, cell, &cb);
  }
  /* Word wants every cell to end with a paragraph. */
  if (*rc == DM_OK && (b->paras == before || b->last_table)) {
    docx_out_p_open(b, &cb, cb.style, DOCX_P_TEXT);
    docx_out_p_close(b);
  }
  docx_end(x);
  return cs;
}

static void docx_body_table_props(docx_xml *x, const docx_blk *blk, size_t ncols) {
  long width = 9000 / (long)ncols;
  if (width < 20) width = 20;
  docx_start(x, "w:tblPr");
  docx_empty(x, "w:tblStyle", "w:val", "Table", NULL, NULL);
  if (blk->rtl) docx_empty(x, "w:bidiVisual", NULL, NULL, NULL, NULL);
  docx_empty(x, "w:tblW", "w:w", "0", "w:type", "auto");
  docx_start(x, "w:tblLook");
  docx_attr(x, "w:firstRow", "1");
  docx_attr(x, "w:lastRow", "0");
  docx_attr(x, "w:firstColumn", "0");
  docx_attr(x, "w:lastColumn", "0");
  docx_attr(x, "w:noHBand", "1");
  docx_attr(x, "w:noVBand", "1");
  docx_end(x);
  docx_end(x);
  docx_start(x, "w:tblGrid");
  for (size_t i = 0; i < ncols; i++) {
    docx_start(x, "w:gridCol");
    docx_attr_int(x, "w:w", width);
    docx_end(x);
  }
  docx_end(x);
}

/* The table laid out on its grid (table.h), so that cells spanning rows
 * or columns stay over the places they cover and the cells after them in
 * their own columns. */
static int docx_body_table(docx_body *b, const dm_node *n, const docx_blk *blk) {
  docx_xml *x = b->x;
  dm_table_grid g;
  int rc = dm_table_grid_make(n, &g);
  if (rc == DM_ENOMEM) return dm_error(b->st->ctx, DM_ENOMEM, "out of memory");
  if (rc != DM_OK)
    return dm_warn(b->st->ctx, DM_DIAG_UNSUPPORTED, dm_node_pos(n),
                   "a table whose cell spans make a grid of more than 2^22 places is left out");
  if (!g.rows) return dm_warn(b->st->ctx, DM_DIAG_UNSUPPORTED, dm_node_pos(n), "a table without rows is left out");
  docx_out_flush(b, blk, blk->style);
  docx_start(x, "w:tbl");
  docx_body_table_props(x, blk, g.cols ? g.cols : 1);
  const dm_node *r = dm_node_first_child(n);
  for (size_t ri = 0; ri < g.rows && rc == DM_OK; ri++, r = dm_node_next(r)) {
    docx_start(x, "w:tr");
    if (dm_node_row_is_header(r)) {
      docx_start(x, "w:trPr");
      docx_empty(x, "w:tblHeader", NULL, NULL, NULL, NULL);
      docx_end(x);
    }
    for (size_t c = 0; c < (g.cols ? g.cols : 1) && rc == DM_OK;)
      c += docx_body_cell(b, &g, ri, c, blk, &rc);
    docx_end(x);
  }
  dm_table_grid_release(&g);
  if (rc != DM_OK) return rc;
  docx_end(x);
  b->last_table = 1;
  return x->err;
}

/* ---- blocks ---------------------------------------------------------------- */

static int docx_body_list(docx_body *b, const dm_node *n, const docx_blk *blk) {
  docx_state *st = b->st;
  if (st->nlists == st->caplists) {
    size_t cap = st->caplists ? st->caplists * 2 : 16;
    docx_list *p = realloc(st->lists, cap * sizeof *p);
    if (!p) return dm_error(st->ctx, DM_ENOMEM, "out of memory");
    st->lists = p;
    st->caplists = cap;
  }
  docx_list *l = &st->lists[st->nlists++];
  l->ordered = dm_node_list_ordered(n);
  l->start = dm_node_list_start(n);
  l->delim = dm_node_list_delim(n);
  l->level = blk->list_depth > 8 ? 8 : blk->list_depth;
  if (l->ordered && (l->start < 0 || l->start > 32767)) {
    int rc = dm_warn(st->ctx, DM_DIAG_UNSUPPORTED, dm_node_pos(n),
                     "list start %ld is outside what Word numbers; starting at 1", l->start);
    if (rc != DM_OK) return rc;
    l->start = 1;
  }
  int num = (int)st->nlists;
  /* Nested lists grow st->lists while the items are written: keep the
   * level, not a pointer into the table. */
  int level = l->level;
  docx_blk ib = *blk;
  ib.list_depth++;
  if (!b->in_notes) ib.style = "ListParagraph";
  for (const dm_node *item = dm_node_first_child(n); item; item = dm_node_next(item)) {
    docx_out_flush(b, blk, ib.style);
    b->pend_num = num;
    b->pend_lvl = level;
    int rc = docx_out_blocks(b, item, &ib);
    if (rc != DM_OK) return rc;
    if (b->pend_num == num) docx_out_flush(b, &ib, ib.style);
  }
  return DM_OK;
}

static int docx_body_div(docx_body *b, const dm_node *n, const docx_blk *blk) {
  docx_blk db = *blk;
  const char *dir = dm_node_attr(n, "dir");
  if (dir && !strcmp(dir, "rtl"))
    db.rtl = 1;
  else if (dir && !strcmp(dir, "ltr"))
    db.rtl = 0;
  int labelled = 0;
  const char *cls = dm_node_class(n);
  if (b->st->un && !b->in_notes && cls && !strcmp(cls, "coverPage")) return docx_out_cover(b, n, &db, 0);
  if (b->st->un && !b->in_notes && !cls && dm_node_role(n) == DM_ROLE_PREFACE) {
    db.style = "PrefaceLine";
    db.preface = 1;
    return docx_out_cover(b, n, &db, 1);
  }
  switch (dm_node_role(n)) {
  case DM_ROLE_PREFACE:
    db.style = "PrefaceLine";
    db.preface = 1;
    break;
  case DM_ROLE_PREAMBLE: db.style = "Preamble"; break;
  case DM_ROLE_FORMULA: db.style = "Formula"; break;
  case DM_ROLE_RECITAL: db.style = "Preamble"; break;
  case DM_ROLE_MAIN_BODY: db.style = NULL; break;
  case DM_ROLE_PARAGRAPH:
    db.style = "Operative";
    db.op_level = blk->op_level + 1;
    labelled = 1;
    break;
  case DM_ROLE_POINT:
    db.style = "OperativePoint";
    db.op_level = blk->op_level ? blk->op_level + 1 : 2;
    labelled = 1;
    break;
  case DM_ROLE_CONCLUSIONS: db.style = "Conclusions"; break;
  default: break;
  }
  /* Any other labelled div (an article's "SEC. 2.", a recital's "b)") keeps
   * its number as printed too, followed by a space: only operative
   * paragraphs and points hang their text at an indent after a tab. */
  int spaced = !labelled;
  if (!labelled && dm_node_label(n) && *dm_node_label(n)) labelled = 1;
  if (labelled && dm_node_label(n) && *dm_node_label(n)) {
    docx_out_flush(b, blk, blk->style);
    b->pend_label = dm_node_label(n);
    b->pend_label_space = spaced;
  }
  int rc = docx_out_blocks(b, n, &db);
  if (rc == DM_OK && labelled && b->pend_label == dm_node_label(n)) docx_out_flush(b, &db, db.style);
  return rc;
}

int docx_out_block(docx_body *b, const dm_node *n, const docx_blk *blk) {
  docx_state *st = b->st;
  int rc = docx_out_enter(b, n);
  if (rc != DM_OK) return rc;
  switch (dm_node_type_of(n)) {
  case DM_NODE_PARAGRAPH: {
    const char *style = blk->style;
    if (blk->preface && docx_out_has_class(n, "docTitle", 0)) style = "ResolutionTitle";
    rc = docx_out_paragraph(b, n, blk, style);
    break;
  }
  case DM_NODE_HEADING: {
    int level = dm_node_heading_level(n);
    if (level < 1) level = 1;
    if (level > 6) level = 6;
    const char *style = docx_heading_styles[level - 1];
    if (blk->preface) {
      style = docx_out_has_class(n, "docTitle", 0) ? "ResolutionTitle" : "PrefaceHeading";
      /* the style is shared with paragraphs: the level tells a reader (and
       * Word's navigation) that this one is a heading */
      b->pend_outline = level;
    }
    rc = docx_out_paragraph(b, n, blk, style);
    break;
  }
  case DM_NODE_BLOCK_QUOTE: {
    docx_blk qb = *blk;
    qb.quote++;
    if (!b->in_notes && !blk->list_depth) qb.style = "Quote";
    rc = docx_out_blocks(b, n, &qb);
    break;
  }
  case DM_NODE_LIST: rc = docx_body_list(b, n, blk); break;
  case DM_NODE_ITEM: rc = docx_out_blocks(b, n, blk); break;
  case DM_NODE_CODE_BLOCK: rc = docx_out_code(b, n, blk); break;
  case DM_NODE_RAW_BLOCK:
    rc = dm_warn(st->ctx, DM_DIAG_UNSUPPORTED, dm_node_pos(n), "raw %s block kept as text",
                 dm_node_label(n) ? dm_node_label(n) : "");
    if (rc == DM_OK) rc = docx_out_code(b, n, blk);
    break;
  case DM_NODE_THEMATIC_BREAK:
    docx_out_p_open(b, blk, blk->style, DOCX_P_RULE);
    docx_out_p_close(b);
    break;
  case DM_NODE_PAGE_BREAK: b->pend_page = 1; break;
  case DM_NODE_TABLE: rc = docx_body_table(b, n, blk); break;
  case DM_NODE_DIV: rc = docx_body_div(b, n, blk); break;
  default:
    rc = dm_error_at(st->ctx, DM_EINTERNAL, dm_node_pos(n), "%s where a block was expected",
                     dm_node_type_name(dm_node_type_of(n)));
    break;
  }
  b->depth--;
  if (rc == DM_OK) rc = b->x->err;
  return rc;
}

int docx_out_blocks(docx_body *b, const dm_node *parent, const docx_blk *blk) {
  for (const dm_node *c = dm_node_first_child(parent); c; c = dm_node_next(c)) {
    int rc = docx_out_block(b, c, blk);
    if (rc != DM_OK) return rc;
  }
  return DM_OK;
}

/* ---- parts ----------------------------------------------------------------- */

static void docx_body_root(docx_xml *x, const char *name) {
  docx_start(x, name);
  docx_attr(x, "xmlns:w", DOCX_NS_W);
  docx_attr(x, "xmlns:r", DOCX_NS_R);
  docx_attr(x, "xmlns:wp", "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing");
}

int docx_write_document(docx_state *st, docx_xml *x) {
  docx_body b = {.st = st, .x = x, .rels = &st->doc_rels};
  docx_blk blk = {.rtl = st->rtl};
  docx_body_root(x, "w:document");
  docx_start(x, "w:body");
  int rc = docx_out_blocks(&b, dm_doc_root(st->doc), &blk);
  if (rc != DM_OK) return rc;
  docx_out_flush(&b, &blk, NULL);
  /* Word will not open a body without a paragraph. */
  if (!b.paras) {
    docx_out_p_open(&b, &blk, NULL, DOCX_P_TEXT);
    docx_out_p_close(&b);
  }
  docx_write_sectpr(st, x);
  docx_end(x);
  docx_end(x);
  return x->err;
}

static void docx_body_separator(docx_xml *x, const char *type, const char *id, const char *what) {
  docx_start(x, "w:footnote");
  docx_attr(x, "w:type", type);
  docx_attr(x, "w:id", id);
  docx_start(x, "w:p");
  docx_start(x, "w:pPr");
  docx_start(x, "w:spacing");
  docx_attr(x, "w:after", "0");
  docx_attr(x, "w:line", "240");
  docx_attr(x, "w:lineRule", "auto");
  docx_end(x);
  docx_end(x);
  docx_start(x, "w:r");
  docx_empty(x, what, NULL, NULL, NULL, NULL);
  docx_end(x);
  docx_end(x);
  docx_end(x);
}

/* The text node a note opens with when it starts with an empty "()" (after
 * spaces), and the length of that opening; NULL otherwise. */
static const dm_node *docx_body_paren_mark(const dm_node *note, size_t *skip) {
  const dm_node *p = dm_node_first_child(note);
  const dm_node *t = p && dm_node_type_of(p) == DM_NODE_PARAGRAPH ? dm_node_first_child(p) : NULL;
  if (!t || dm_node_type_of(t) != DM_NODE_TEXT) return NULL;
  const char *s = dm_node_literal(t);
  size_t len = dm_node_literal_len(t), i = 0;
  while (i < len && (s[i] == ' ' || s[i] == '\t'))
    i++;
  if (len - i < 2 || s[i] != '(' || s[i + 1] != ')') return NULL;
  *skip = i + 2;
  return t;
}

int docx_write_footnotes(docx_state *st, docx_xml *x) {
  docx_body b = {.st = st, .x = x, .rels = &st->fn_rels, .in_notes = 1};
  docx_blk blk = {.rtl = st->rtl, .style = "FootnoteText"};
  docx_body_root(x, "w:footnotes");
  docx_body_separator(x, "separator", "-1", "w:separator");
  docx_body_separator(x, "continuationSeparator", "0", "w:continuationSeparator");
  for (size_t i = 0; i < st->nnotes; i++) {
    const docx_note *note = &st->notes[i];
    docx_start(x, "w:footnote");
    docx_attr_int(x, "w:id", note->id);
    b.pend_mark = note;
    b.paren_text = docx_body_paren_mark(note->node, &b.paren_skip);
    b.paras = 0;
    b.last_table = 0;
    b.depth = 0;
    int rc = docx_out_blocks(&b, note->node, &blk);
    if (rc != DM_OK) return rc;
    docx_out_flush(&b, &blk, blk.style);
    if (b.last_table) {
      docx_out_p_open(&b, &blk, blk.style, DOCX_P_TEXT);
      docx_out_p_close(&b);
    }
    docx_end(x);
    docx_xml_flush_point(x);
    if (x->err) return x->err;
  }
  docx_end(x);
  return x->err;
}
