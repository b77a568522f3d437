/* SPDX-License-Identifier: MIT */
/*
 * The blocks of document.xml (and of each note, table cell and content
 * control): a paragraph becomes a heading (by outline level or style), a
 * code block, a quotation, a list item or a plain paragraph, from its own
 * properties and its style's resolved chain. Numbered paragraphs whose
 * number the model can carry as it is (decimal "1." or "1)", bullets) make
 * lists, nested by level, continued while the count goes on; any other
 * number ("(a)", "iv.", "1.2", "أ-") is kept exactly as Word displays it, at
 * the start of the paragraph's text, so that it comes out as printed.
 * Tables keep their rows and cells; a cell spanning columns (gridSpan)
 * stands once with its colspan, as the model has it, and a cell merged
 * into the one above (vMerge) stays as an empty cell so that the grid is
 * whole.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docx_read.h"

/* What w:pPr says of a paragraph. */
typedef struct docx_ppr {
  char style[128];
  long num_id;
  int ilvl, outline, bidi, page_before;
  int indented;     /* a left indent of its own */
  int drop_cap;     /* a framed drop cap: the first letters of the next one */
  int beside;       /* a frame aligned to a side: it floats beside the next one */
  int mark_deleted; /* its mark is a tracked deletion: joined to the next */
} docx_ppr;

static int docx_ppr_read(docx_x *x, docx_ppr *pp) {
  int depth = docx_x_depth(x), rc;
  while ((rc = docx_x_child(x, depth)) == 1) {
    const char *n = docx_x_name(x);
    if (docx_x_ns(x) != DOCX_NS_W) {
    } else if (!strcmp(n, "pStyle")) {
      if (!docx_x_attr(x, DOCX_NS_W, "val", pp->style, sizeof pp->style)) pp->style[0] = '\0';
    } else if (!strcmp(n, "outlineLvl")) {
      long v = docx_x_val_long(x, 9);
      pp->outline = (int)(v < 0 || v > 9 ? 9 : v);
    } else if (!strcmp(n, "bidi")) {
      pp->bidi = docx_x_onoff(x);
    } else if (!strcmp(n, "rPr")) {
      /* the paragraph mark's properties: a deleted mark joins paragraphs */
      int d = docx_x_depth(x);
      while ((rc = docx_x_child(x, d)) == 1) {
        if (docx_x_is(x, DOCX_NS_W, "del")) pp->mark_deleted = 1;
        if ((rc = docx_x_skip(x)) != DM_OK) return rc;
      }
      if (rc < 0) return rc;
      continue;
    } else if (!strcmp(n, "framePr")) {
      char buf[16];
      const char *v = docx_x_attr(x, DOCX_NS_W, "dropCap", buf, sizeof buf);
      pp->drop_cap = v && strcmp(v, "none") != 0;
      pp->beside = !pp->drop_cap && docx_x_attr(x, DOCX_NS_W, "xAlign", buf, sizeof buf) != NULL;
    } else if (!strcmp(n, "ind")) {
      char buf[16];
      const char *v = docx_x_attr(x, DOCX_NS_W, "left", buf, sizeof buf);
      if (!v) v = docx_x_attr(x, DOCX_NS_W, "start", buf, sizeof buf);
      pp->indented = v && atol(v) > 0;
    } else if (!strcmp(n, "pageBreakBefore")) {
      pp->page_before = docx_x_onoff(x);
    } else if (!strcmp(n, "numPr")) {
      int d = docx_x_depth(x);
      while ((rc = docx_x_child(x, d)) == 1) {
        if (docx_x_is(x, DOCX_NS_W, "numId")) pp->num_id = docx_x_val_long(x, 0);
        if (docx_x_is(x, DOCX_NS_W, "ilvl")) {
          long v = docx_x_val_long(x, 0);
          pp->ilvl = (int)(v < 0 || v > 8 ? 0 : v);
        }
        if ((rc = docx_x_skip(x)) != DM_OK) return rc;
      }
      if (rc < 0) return rc;
      continue;
    }
    if ((rc = docx_x_skip(x)) != DM_OK) return rc;
  }
  return rc < 0 ? rc : DM_OK;
}

/* ---- containers ------------------------------------------------------------ */

void docx_blocks_close(docx_blocks *bl) {
  bl->nlists = 0;
  bl->quote = NULL;
}

static int docx_append(docx_rd *rd, dm_node *parent, dm_node *n) {
  if (!n) return docx_nomem(rd);
  if (dm_node_append_child(parent, n) != DM_OK && !rd->status)
    rd->status = dm_error(rd->ctx, DM_EINTERNAL, "%s: a %s cannot go into a %s", rd->part,
                          dm_node_type_name(dm_node_type_of(n)), dm_node_type_name(dm_node_type_of(parent)));
  return rd->status;
}

/* A paragraph framed to one side of the page (the symbol at the end of a
 * masthead's first line) floats beside the paragraph that follows it, which
 * Word anchors it to: read as a page is read, it comes after that
 * paragraph's line, whichever the direction of the page. */
static int docx_float_beside(docx_rd *rd, const docx_ppr *pp, dm_node *block) {
  if (!block) return DM_OK;
  if (pp->beside) {
    rd->beside = block;
    return DM_OK;
  }
  dm_node *f = rd->beside;
  rd->beside = NULL;
  if (!f || dm_node_parent(f) != dm_node_parent(block)) return DM_OK;
  dm_node_unlink(f);
  if (dm_node_insert_after(block, f) != DM_OK)
    return rd->status = dm_error(rd->ctx, DM_EINTERNAL, "%s: a framed paragraph could not be moved", rd->part);
  return DM_OK;
}

/* The blocks of the text boxes anchored in the paragraph just read go
 * after it (or at the end of parent when it was dropped as empty); a box
 * inside a box waits for the outer paragraph. */
static int docx_boxes_place(docx_rd *rd, dm_node *parent, dm_node *after) {
  if (!rd->boxes || rd->in_box) return DM_OK;
  dm_node *c;
  while ((c = dm_node_first_child(rd->boxes)) != NULL) {
    dm_node_unlink(c);
    int rc = after ? dm_node_insert_after(after, c) : dm_node_append_child(parent, c);
    if (rc != DM_OK)
      return rd->status = dm_error(rd->ctx, DM_EINTERNAL, "%s: a text box's content could not be placed", rd->part);
    after = c;
  }
  return DM_OK;
}

/* Where a plain block goes: lists and quotes end. */
static dm_node *docx_at_plain(docx_blocks *bl) {
  docx_blocks_close(bl);
  return bl->parent;
}

static dm_node *docx_at_quote(docx_rd *rd, docx_blocks *bl) {
  bl->nlists = 0;
  if (!bl->quote) {
    dm_node *q = dm_node_new(rd->doc, DM_NODE_BLOCK_QUOTE);
    if (docx_append(rd, bl->parent, q) != DM_OK) return NULL;
    bl->quote = q;
  }
  return bl->quote;
}

/* A new item for a numbered paragraph at level ilvl: in the open list of
 * that level when the paragraph continues it, else in a new list (nested
 * in the open item of the level above, if any). */
static dm_node *docx_at_item(docx_rd *rd, docx_blocks *bl, long num_id, int ilvl, const docx_numbered *nb) {
  bl->quote = NULL;
  while (bl->nlists && bl->lists[bl->nlists - 1].ilvl > ilvl)
    bl->nlists--;
  docx_open_list *top = bl->nlists ? &bl->lists[bl->nlists - 1] : NULL;
  if (top && top->ilvl == ilvl) {
    int same = top->kind == nb->kind && top->num_id == num_id && top->delim == nb->delim &&
               (nb->kind == DOCX_NF_BULLET || top->next == nb->value);
    if (!same) {
      bl->nlists--;
      top = bl->nlists ? &bl->lists[bl->nlists - 1] : NULL;
    }
  }
  if (!top || top->ilvl < ilvl) {
    if (bl->nlists == 10) bl->nlists--; /* deeper than Word's nine levels: flatten */
    dm_node *parent = top ? top->item : bl->parent;
    dm_node *list = dm_node_new(rd->doc, DM_NODE_LIST);
    if (!list || docx_append(rd, parent, list) != DM_OK) return NULL;
    int ordered = nb->kind != DOCX_NF_BULLET;
    if (dm_node_set_list(list, ordered, ordered ? nb->value : 1, 1, ordered ? nb->delim : '-') != DM_OK) {
      docx_nomem(rd);
      return NULL;
    }
    top = &bl->lists[bl->nlists++];
    top->list = list;
    top->ilvl = ilvl;
    top->num_id = num_id;
    top->kind = nb->kind;
    top->delim = nb->delim;
  }
  top->next = nb->value + 1;
  top->item = dm_node_new(rd->doc, DM_NODE_ITEM);
  if (docx_append(rd, top->list, top->item) != DM_OK) return NULL;
  return top->item;
}

/* ---- paragraphs ------------------------------------------------------------- */

typedef struct docx_pkind {
  dm_node_type type;
  int level;
  int quote, code, title, indented;
  long num_id;
  int ilvl;
} docx_pkind;

static void docx_pkind_of(docx_rd *rd, const docx_ppr *pp, const docx_style *s, docx_pkind *k) {
  memset(k, 0, sizeof *k);
  k->type = DM_NODE_PARAGRAPH;
  k->num_id = pp->num_id >= 0 ? pp->num_id : s && s->num_id > 0 ? s->num_id : 0;
  k->ilvl = pp->ilvl >= 0 ? pp->ilvl : s && s->ilvl >= 0 ? s->ilvl : 0;
  int outline = pp->outline >= 0 ? pp->outline : -1;
  k->indented = pp->indented;
  if (rd->in_note) return;
  if (outline >= 0 && outline < 6) {
    k->type = DM_NODE_HEADING;
    k->level = outline + 1;
    return;
  }
  if (!s || outline == 9) return;
  switch (s->kind) {
  case DOCX_SK_HEADING:
    k->type = DM_NODE_HEADING;
    k->level = s->level;
    break;
  case DOCX_SK_TITLE:
    k->type = DM_NODE_HEADING;
    k->level = 1;
    k->title = 1;
    break;
  case DOCX_SK_PREFACE_HEADING:
    k->type = DM_NODE_HEADING;
    k->level = s->level ? s->level : 2;
    break;
  case DOCX_SK_QUOTE: k->quote = 1; break;
  case DOCX_SK_CODE: k->code = 1; break;
  default: break;
  }
}

/* The container a paragraph goes into, and the number to print before its
 * text when the model cannot carry it as a list. */
static dm_node *docx_para_place(docx_rd *rd, docx_blocks *bl, const docx_pkind *k, const docx_style *s, char *label,
                                size_t size) {
  label[0] = '\0';
  docx_numbered nb;
  int numbered = k->num_id > 0 && docx_num_next(rd, k->num_id, k->ilvl, &nb);
  if (k->num_id > 0 && !numbered) rd->num_missing++;
  if (numbered && nb.kind != DOCX_NF_NONE) {
    int simple = nb.kind == DOCX_NF_BULLET || nb.delim;
    if (simple && k->type == DM_NODE_PARAGRAPH && !k->code) return docx_at_item(rd, bl, k->num_id, k->ilvl, &nb);
    snprintf(label, size, "%s", nb.label);
    /* inside an open list of a higher level: part of its item */
    for (int i = bl->nlists; i-- > 0;)
      if (bl->lists[i].ilvl < k->ilvl && k->type == DM_NODE_PARAGRAPH) {
        bl->nlists = i + 1;
        return bl->lists[i].item;
      }
    return docx_at_plain(bl);
  }
  if (k->quote) return docx_at_quote(rd, bl);
  /* a list paragraph without a number, or one indented, continues the
   * open item */
  if (((s && s->kind == DOCX_SK_LIST) || k->indented) && bl->nlists && k->type == DM_NODE_PARAGRAPH)
    return bl->lists[bl->nlists - 1].item;
  return docx_at_plain(bl);
}

/* A paragraph holding nothing (Word's spacing paragraphs) is dropped. */
static int docx_para_empty(const dm_node *n) {
  for (const dm_node *c = dm_node_first_child(n); c; c = dm_node_next(c)) {
    if (dm_node_type_of(c) != DM_NODE_TEXT) return 0;
    const char *s = dm_node_literal(c);
    if (s[strspn(s, " \t")]) return 0;
  }
  return 1;
}

/* Where the source's page ended. Inside a list or a table there is no
 * block boundary to keep it at, and the page end is layout, not text. */
static int docx_page_break(docx_rd *rd, dm_node *parent) {
  if (rd->in_note || !dm_node_can_contain(parent, DM_NODE_PAGE_BREAK)) return DM_OK;
  return docx_append(rd, parent, dm_node_new(rd->doc, DM_NODE_PAGE_BREAK));
}

static int docx_paragraph(docx_rd *rd, docx_x *x, docx_blocks *bl, int first_in_note) {
  docx_ppr pp;
  memset(&pp, 0, sizeof pp);
  pp.num_id = -1;
  pp.ilvl = pp.outline = pp.bidi = -1;
  dm_pos pos = docx_x_pos(x);
  int depth = docx_x_depth(x), rc = docx_x_child(x, depth), pending = 0, ended = rc == 0;
  if (rc == 1 && docx_x_is(x, DOCX_NS_W, "pPr")) {
    if ((rc = docx_ppr_read(x, &pp)) != DM_OK) return rc;
  } else if (rc == 1) {
    pending = 1;
  } else if (rc < 0) {
    return rc;
  }
  const docx_style *s = pp.style[0] ? docx_style_find(rd, pp.style, 'p') : NULL;
  if (!s) s = docx_style_default(rd);
  docx_pkind k;
  docx_pkind_of(rd, &pp, s, &k);
  rd->paras++;
  /* the paragraph's own w:bidi, else its style's */
  int rtl = pp.bidi >= 0 ? pp.bidi : s && s->bidi > 0;
  if (rtl) rd->bidi_paras++;
  char label[64];
  dm_node *parent = docx_para_place(rd, bl, &k, s, label, sizeof label);
  if (!parent) return docx_nomem(rd);
  if (pp.page_before && (rc = docx_page_break(rd, parent)) != DM_OK) return rc;
  /* a link field left open by the paragraph before ends with it: its
   * link cannot take this paragraph's text */
  for (int i = 0; i < rd->nfld; i++)
    if (rd->fld[i].kind == DOCX_FLD_HYPERLINK) {
      rd->fld[i].kind = DOCX_FLD_OTHER;
      rd->fld[i].saved_root = NULL;
    }
  docx_para p;
  memset(&p, 0, sizeof p);
  p.block = dm_node_new(rd->doc, k.code ? DM_NODE_CODE_BLOCK : k.type);
  if (!p.block) return docx_nomem(rd);
  dm_node_set_pos(p.block, pos);
  /* the direction is the document's unless docx_directions says otherwise */
  if (rtl && dm_node_set_attr(p.block, "dir", "rtl") != DM_OK) return docx_nomem(rd);
  if (k.type == DM_NODE_HEADING && dm_node_set_heading_level(p.block, k.level) != DM_OK) return docx_nomem(rd);
  p.root = p.block;
  p.code = k.code;
  p.title_tab = s && s->id && !strcmp(s->id, "ResolutionTitle");
  if (rd->drop_cap && !k.code) {
    if (dm_node_move_children(p.block, rd->drop_cap) != DM_OK) return docx_nomem(rd);
    rd->drop_cap = NULL;
  }
  p.at_start = first_in_note;
  p.strip_space = dm_node_first_child(p.block) ? 0 : 2;
  if (label[0]) {
    size_t n = strlen(label);
    label[n] = ' ';
    if (k.code) {
      if (dm_node_append_literal(p.block, label, n + 1) != DM_OK) return docx_nomem(rd);
    } else {
      dm_node *t = dm_node_new_text(rd->doc, label, n + 1);
      if (!t || dm_node_append_child(p.block, t) != DM_OK) return docx_nomem(rd);
    }
  }
  rc = DM_OK;
  if (!ended && pending) rc = docx_inline_one(rd, x, &p, s);
  if (!ended && rc == DM_OK) rc = docx_inline_children(rd, x, &p, s, depth);
  if (rc == DM_OK && p.custom) rc = docx_inline_custom_end(rd, &p);
  if (!k.code) {
    docx_para_reset(&p);
    docx_trim_end(&p);
  }
  dm_buf_release(&p.custom_mark);
  if (rc != DM_OK) return rc;
  if ((pp.drop_cap || pp.mark_deleted) && !k.code && !rd->in_note) {
    /* Word frames the first letter of a paragraph as a paragraph of its
     * own, and a paragraph whose mark is a tracked deletion runs on into
     * the next: either way its text goes to the start of the next one,
     * which gives the properties (those are its mark's) */
    if (pp.mark_deleted) rd->deletions++;
    rd->drop_cap = p.block;
    return DM_OK;
  }
  /* an empty paragraph is dropped, unless it is all a numbered item has */
  int keep =
      !docx_para_empty(p.block) || (dm_node_type_of(parent) == DM_NODE_ITEM && dm_node_first_child(parent) == NULL);
  if (keep && !k.code && (rc = docx_append(rd, parent, p.block)) != DM_OK) return rc;
  if (k.code && (rc = docx_append(rd, parent, p.block)) != DM_OK) return rc;
  if ((rc = docx_float_beside(rd, &pp, keep || k.code ? p.block : NULL)) != DM_OK) return rc;
  if ((rc = docx_boxes_place(rd, parent, keep || k.code ? p.block : NULL)) != DM_OK) return rc;
  if (k.title && keep && !dm_doc_meta(rd->doc, DM_META_TITLE)) {
    char *t = dm_node_text_content(p.block);
    if (!t) return docx_nomem(rd);
    if (*t && dm_doc_set_meta(rd->doc, DM_META_TITLE, t) != DM_OK) return docx_nomem(rd);
  }
  if (p.page_break) return docx_page_break(rd, parent);
  return DM_OK;
}

/* ---- tables ----------------------------------------------------------------- */

static int docx_cell(docx_rd *rd, docx_x *x, dm_node *row) {
  int depth = docx_x_depth(x), rc, span = 1, merged = 0;
  dm_node *cell = dm_node_new(rd->doc, DM_NODE_TABLE_CELL);
  if ((rc = docx_append(rd, row, cell)) != DM_OK) return rc;
  docx_blocks bl;
  memset(&bl, 0, sizeof bl);
  bl.parent = cell;
  while ((rc = docx_x_child(x, depth)) == 1) {
    if (docx_x_is(x, DOCX_NS_W, "tcPr")) {
      int d = docx_x_depth(x);
      while ((rc = docx_x_child(x, d)) == 1) {
        if (docx_x_is(x, DOCX_NS_W, "gridSpan")) {
          long v = docx_x_val_long(x, 1);
          span = (int)(v < 1 ? 1 : v > 64 ? 64 : v);
        } else if (docx_x_is(x, DOCX_NS_W, "vMerge")) {
          char buf[16];
          const char *v = docx_x_attr(x, DOCX_NS_W, "val", buf, sizeof buf);
          merged = !v || strcmp(v, "restart") != 0;
        }
        if ((rc = docx_x_skip(x)) != DM_OK) return rc;
      }
      if (rc < 0) return rc;
      continue;
    }
    if ((rc = docx_block_one(rd, x, &bl)) != DM_OK) return rc;
  }
  if (rc < 0) return rc;
  if (merged) {
    rd->merged++;
    if (dm_node_set_attr(cell, "merged", "up") != DM_OK) return docx_nomem(rd);
  }
  if (span > 1) {
    char v[16];
    snprintf(v, sizeof v, "%d", span);
    if (dm_node_set_attr(cell, "colspan", v) != DM_OK) return docx_nomem(rd);
  }
  return DM_OK;
}

/* The children of a row, or of a content control inside one. */
static int docx_row_children(docx_rd *rd, docx_x *x, dm_node *row, int depth) {
  int rc;
  while ((rc = docx_x_child(x, depth)) == 1) {
    if (docx_x_is(x, DOCX_NS_W, "tc")) {
      rc = docx_cell(rd, x, row);
    } else if (docx_x_is(x, DOCX_NS_W, "trPr")) {
      int d = docx_x_depth(x);
      while ((rc = docx_x_child(x, d)) == 1) {
        if (docx_x_is(x, DOCX_NS_W, "tblHeader") && docx_x_onoff(x) && dm_node_set_row_header(row, 1) != DM_OK)
          return docx_nomem(rd);
        if ((rc = docx_x_skip(x)) != DM_OK) return rc;
      }
      if (rc < 0) return rc;
      rc = DM_OK;
    } else if (docx_x_is(x, DOCX_NS_W, "sdt") || docx_x_is(x, DOCX_NS_W, "sdtContent") ||
               docx_x_is(x, DOCX_NS_W, "customXml")) {
      rc = docx_row_children(rd, x, row, docx_x_depth(x));
    } else {
      rc = docx_x_skip(x);
    }
    if (rc != DM_OK) return rc;
  }
  return rc < 0 ? rc : DM_OK;
}

/* The rows of a table, or of a content control inside one. */
static int docx_table_children(docx_rd *rd, docx_x *x, dm_node *table, int depth) {
  int rc;
  while ((rc = docx_x_child(x, depth)) == 1) {
    if (docx_x_is(x, DOCX_NS_W, "tr")) {
      dm_node *row = dm_node_new(rd->doc, DM_NODE_TABLE_ROW);
      if ((rc = docx_append(rd, table, row)) == DM_OK) rc = docx_row_children(rd, x, row, docx_x_depth(x));
    } else if (docx_x_is(x, DOCX_NS_W, "sdt") || docx_x_is(x, DOCX_NS_W, "sdtContent") ||
               docx_x_is(x, DOCX_NS_W, "customXml")) {
      rc = docx_table_children(rd, x, table, docx_x_depth(x));
    } else {
      rc = docx_x_skip(x);
    }
    if (rc != DM_OK) return rc;
  }
  return rc < 0 ? rc : DM_OK;
}

/* ---- blocks ----------------------------------------------------------------- */

int docx_block_one(docx_rd *rd, docx_x *x, docx_blocks *bl) {
  const char *n = docx_x_name(x);
  int ns = docx_x_ns(x), rc;
  if (ns == DOCX_NS_W && !strcmp(n, "p")) return docx_paragraph(rd, x, bl, 0);
  if ((uint32_t)++rd->depth > rd->max_depth) {
    return rd->status = dm_error_at(rd->ctx, DM_ELIMIT, docx_x_pos(x), "%s: blocks nested deeper than %u", x->part,
                                    (unsigned)rd->max_depth);
  }
  if (ns == DOCX_NS_W && !strcmp(n, "tbl")) {
    dm_node *t = dm_node_new(rd->doc, DM_NODE_TABLE);
    dm_node_set_pos(t, docx_x_pos(x));
    rc = docx_append(rd, docx_at_plain(bl), t);
    if (rc == DM_OK) rc = docx_table_children(rd, x, t, docx_x_depth(x));
  } else if (ns == DOCX_NS_W && (!strcmp(n, "sdt") || !strcmp(n, "sdtContent") || !strcmp(n, "customXml") ||
                                 !strcmp(n, "ins") || !strcmp(n, "moveTo"))) {
    rc = docx_body_blocks(rd, x, bl, docx_x_depth(x));
  } else if (ns == DOCX_NS_W && (!strcmp(n, "del") || !strcmp(n, "moveFrom"))) {
    rd->deletions++;
    rc = docx_x_skip(x);
  } else if (ns == DOCX_NS_MC && !strcmp(n, "AlternateContent")) {
    int d = docx_x_depth(x);
    while ((rc = docx_x_child(x, d)) == 1) {
      rc = docx_x_is(x, DOCX_NS_MC, "Fallback") ? docx_body_blocks(rd, x, bl, docx_x_depth(x)) : docx_x_skip(x);
      if (rc != DM_OK) break;
    }
    if (rc > 0) rc = DM_OK;
  } else {
    int known = ns == DOCX_NS_W && (!strcmp(n, "sectPr") || !strcmp(n, "bookmarkStart") || !strcmp(n, "bookmarkEnd") ||
                                    !strcmp(n, "proofErr") || !strcmp(n, "permStart") || !strcmp(n, "permEnd") ||
                                    !strcmp(n, "sdtPr") || !strcmp(n, "sdtEndPr") || !strcmp(n, "commentRangeStart") ||
                                    !strcmp(n, "commentRangeEnd") || !strcmp(n, "customXmlPr"));
    if (!known) {
      rd->unknown++;
      if (!rd->first_unknown) rd->first_unknown = dm_doc_strdup(rd->doc, n);
    }
    rc = docx_x_skip(x);
  }
  rd->depth--;
  return rc;
}

int docx_body_blocks(docx_rd *rd, docx_x *x, docx_blocks *bl, int depth) {
  int rc;
  while ((rc = docx_x_child(x, depth)) == 1)
    if ((rc = docx_block_one(rd, x, bl)) != DM_OK) return rc;
  return rc < 0 ? rc : DM_OK;
}

int docx_body_read(docx_rd *rd, const unsigned char *data, size_t len) {
  docx_x x;
  int rc = docx_x_open(&x, rd, "word/document.xml", data, len);
  if (rc != DM_OK) return rc;
  rc = docx_x_child(&x, -1);
  if (rc == 1 && !docx_x_is(&x, DOCX_NS_W, "document")) rc = docx_bad(rd, &x, "the root is not w:document");
  int found = 0;
  while (rc == 1 && (rc = docx_x_child(&x, 0)) == 1) {
    if (!docx_x_is(&x, DOCX_NS_W, "body")) {
      rc = docx_x_skip(&x) == DM_OK ? 1 : rd->status;
      continue;
    }
    found = 1;
    docx_blocks bl;
    memset(&bl, 0, sizeof bl);
    bl.parent = dm_doc_root(rd->doc);
    rd->nfld = rd->fld_overflow = 0;
    rc = docx_body_blocks(rd, &x, &bl, 1);
    /* a drop cap or a joined paragraph with nothing after it stays */
    if (rc == DM_OK && rd->drop_cap) rc = docx_append(rd, bl.parent, rd->drop_cap);
    rd->drop_cap = NULL;
    rd->beside = NULL;
    if (rc == DM_OK) rc = docx_boxes_place(rd, bl.parent, NULL);
    if (rc == DM_OK) rc = 1;
  }
  if (rc == 0 && !found) rc = docx_bad(rd, &x, "no w:body");
  docx_x_close(&x);
  return rc < 0 ? rc : DM_OK;
}

/* ---- notes ------------------------------------------------------------------ */

static int docx_cmp_note(const void *a, const void *b) {
  long x = ((const docx_note *)a)->id, y = ((const docx_note *)b)->id;
  return (x > y) - (x < y);
}

static int docx_note_one(docx_rd *rd, docx_x *x, docx_notes *ns) {
  char buf[32];
  const char *v = docx_x_attr(x, DOCX_NS_W, "type", buf, sizeof buf);
  if (v && strcmp(v, "normal") != 0) return docx_x_skip(x); /* separators */
  v = docx_x_attr(x, DOCX_NS_W, "id", buf, sizeof buf);
  if (!v) return docx_x_skip(x);
  if (ns->n == ns->cap) {
    size_t cap = ns->cap ? ns->cap * 2 : 32;
    docx_note *p = realloc(ns->v, cap * sizeof *p);
    if (!p) return docx_nomem(rd);
    ns->v = p;
    ns->cap = cap;
  }
  docx_note *note = &ns->v[ns->n++];
  note->id = atol(v);
  note->used = 0;
  note->node = dm_node_new(rd->doc, DM_NODE_NOTE);
  rd->nfld = rd->fld_overflow = 0; /* a field a note leaves open ends there */
  if (!note->node) return docx_nomem(rd);
  dm_node_set_pos(note->node, docx_x_pos(x));
  docx_blocks bl;
  memset(&bl, 0, sizeof bl);
  bl.parent = note->node;
  int depth = docx_x_depth(x), rc, first = 1;
  while ((rc = docx_x_child(x, depth)) == 1) {
    if (docx_x_is(x, DOCX_NS_W, "p")) {
      rc = docx_paragraph(rd, x, &bl, first);
      first = 0;
    } else {
      rc = docx_block_one(rd, x, &bl);
    }
    if (rc != DM_OK) return rc;
  }
  return rc < 0 ? rc : DM_OK;
}

int docx_notes_read(docx_rd *rd, int endnotes, const unsigned char *data, size_t len) {
  docx_x x;
  const char *part = endnotes ? "word/endnotes.xml" : "word/footnotes.xml";
  docx_notes *ns = endnotes ? &rd->end : &rd->foot;
  int rc = docx_x_open(&x, rd, part, data, len);
  if (rc != DM_OK) return rc;
  rd->in_note = 1;
  rc = docx_x_child(&x, -1);
  const char *root = endnotes ? "endnotes" : "footnotes", *item = endnotes ? "endnote" : "footnote";
  if (rc == 1 && !docx_x_is(&x, DOCX_NS_W, root)) rc = docx_bad(rd, &x, "the root is not w:%s", root);
  while (rc == 1 && (rc = docx_x_child(&x, 0)) == 1) {
    rc = docx_x_is(&x, DOCX_NS_W, item) ? docx_note_one(rd, &x, ns) : docx_x_skip(&x);
    if (rc == DM_OK) rc = 1;
  }
  rd->in_note = 0;
  docx_x_close(&x);
  if (rc < 0) return rc;
  if (ns->n) qsort(ns->v, ns->n, sizeof *ns->v, docx_cmp_note);
  for (size_t i = 1; i < ns->n; i++)
    if (ns->v[i].id == ns->v[i - 1].id)
      return rd->status = dm_error(rd->ctx, DM_EFORMAT, "%s: two notes with id %ld", part, ns->v[i].id);
  return DM_OK;
}
