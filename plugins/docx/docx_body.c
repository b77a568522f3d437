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
 * a container starts with something else. Inline nodes become runs whose
 * properties accumulate from their inline ancestors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
  int pend_page;
  int pend_outline; /* a preface heading's level, kept as w:outlineLvl */
  /* whether the last block written in the current container was a table */
  int last_table;
  int title_tab;  /* UN profile: the break after a resolution's number is a tab */
  int pend_frame; /* the next paragraph is a frame at the right margin */
  uint64_t paras;
} docx_body;

static const char *const docx_heading_styles[] = {"Heading1", "Heading2", "Heading3",
                                                  "Heading4", "Heading5", "Heading6"};

static int docx_body_blocks(docx_body *b, const dm_node *parent, const docx_blk *blk);
static int docx_body_block(docx_body *b, const dm_node *n, const docx_blk *blk);
static int docx_body_inlines(docx_body *b, const dm_node *parent, docx_fmt fmt);

docx_note *docx_note_find(docx_state *st, const dm_node *node) { return dm_node_map_get(st->by_node, node); }

/* The marker a reader sees for a note: the source's, or Word's number. */
static const char *docx_body_mark(docx_state *st, const docx_note *n, char buf[24]) {
  if (st->custom_marks) return n->mark;
  snprintf(buf, 24, "%ld", st->num_start + (long)n->id - 1);
  return buf;
}

static int docx_body_enter(docx_body *b, const dm_node *n) {
  if (++b->depth > b->st->max_depth)
    return dm_error_at(b->st->ctx, DM_ELIMIT, dm_node_pos(n), "document nested deeper than %u levels",
                       (unsigned)b->st->max_depth);
  return DM_OK;
}

/* ---- runs ------------------------------------------------------------------ */

static void docx_body_rpr(docx_body *b, const docx_fmt *f, const char *rstyle, int rtl) {
  docx_xml *x = b->x;
  if (!rstyle && f->code) rstyle = "VerbatimChar";
  if (!rstyle && f->link) rstyle = "Hyperlink";
  if (!rstyle && !f->bold && !f->italic && !f->strike && !f->underline && !f->vert && !rtl) return;
  docx_start(x, "w:rPr");
  if (rstyle) docx_empty(x, "w:rStyle", "w:val", rstyle, NULL, NULL);
  if (f->bold) {
    docx_empty(x, "w:b", NULL, NULL, NULL, NULL);
    docx_empty(x, "w:bCs", NULL, NULL, NULL, NULL);
  }
  if (f->italic) {
    docx_empty(x, "w:i", NULL, NULL, NULL, NULL);
    docx_empty(x, "w:iCs", NULL, NULL, NULL, NULL);
  }
  if (f->strike) docx_empty(x, "w:strike", NULL, NULL, NULL, NULL);
  if (f->underline) docx_empty(x, "w:u", "w:val", "single", NULL, NULL);
  if (f->vert) docx_empty(x, "w:vertAlign", "w:val", f->vert > 0 ? "superscript" : "subscript", NULL, NULL);
  if (rtl) docx_empty(x, "w:rtl", NULL, NULL, NULL, NULL);
  docx_end(x);
}

/* The characters of a run: tabs and line feeds become w:tab and w:br,
 * because inside w:t Word would show them as spaces. */
static void docx_body_chars(docx_body *b, const char *s, size_t len, dm_pos pos) {
  docx_xml *x = b->x;
  size_t start = 0;
  for (size_t i = 0; i <= len; i++) {
    char c = i < len ? s[i] : '\0';
    if (i < len && c != '\t' && c != '\n' && c != '\r') continue;
    if (i > start) {
      docx_start(x, "w:t");
      docx_attr(x, "xml:space", "preserve");
      docx_text(x, s + start, i - start, pos);
      docx_end(x);
    }
    if (c == '\t')
      docx_empty(x, "w:tab", NULL, NULL, NULL, NULL);
    else if (c == '\n')
      docx_empty(x, "w:br", NULL, NULL, NULL, NULL);
    start = i + 1;
  }
}

/* Whether a run is right to left is learnt while its text is escaped, so
 * the text is read once: the run's properties are written without w:rtl,
 * and when the text turns out to hold a right-to-left character, w:rtl (in
 * the w:rPr there is, or in one of its own) is inserted where it belongs,
 * after the properties and before the text. */
static void docx_body_run(docx_body *b, const docx_fmt *f, const char *rstyle, const char *s, size_t len, dm_pos pos) {
  if (!len) return;
  docx_xml *x = b->x;
  docx_start(x, "w:r");
  size_t before = docx_xml_mark(x);
  docx_body_rpr(b, f, rstyle, 0);
  size_t after = docx_xml_mark(x);
  dm_xml_take_rtl(x->x);
  docx_body_chars(b, s, len, pos);
  if (dm_xml_take_rtl(x->x) && !x->err) {
    static const char rtl_in[] = "<w:rtl/>", rtl_own[] = "<w:rPr><w:rtl/></w:rPr>", rpr_end[] = "</w:rPr>";
    if (after > before)
      docx_xml_insert(x, after - (sizeof rpr_end - 1), rtl_in, sizeof rtl_in - 1);
    else
      docx_xml_insert(x, after, rtl_own, sizeof rtl_own - 1);
  }
  docx_end(x);
}

/* A soft break joins wrapped lines: a space, except between CJK
 * characters, which a reader of Chinese or Japanese expects to touch. */
static int docx_body_soft_is_space(const dm_node *n) {
  const dm_node *p = dm_node_prev(n), *q = dm_node_next(n);
  if (p && dm_node_type_of(p) == DM_NODE_TEXT &&
      dm_unicode_is_cjk(dm_utf8_last((const unsigned char *)dm_node_literal(p), dm_node_literal_len(p))))
    return 0;
  if (q && dm_node_type_of(q) == DM_NODE_TEXT && dm_node_literal_len(q)) {
    uint32_t cp;
    if (dm_utf8_decode((const unsigned char *)dm_node_literal(q), dm_node_literal_len(q), &cp) > 0 &&
        dm_unicode_is_cjk(cp))
      return 0;
  }
  return 1;
}

/* ---- notes ----------------------------------------------------------------- */

static void docx_body_note_ref(docx_body *b, const docx_fmt *f, const docx_note *note) {
  docx_xml *x = b->x;
  char name[32];
  int bm = -1;
  if (note->referenced) {
    bm = b->st->bookmark_id++;
    snprintf(name, sizeof name, "_RefNote%d", note->id);
    docx_start(x, "w:bookmarkStart");
    docx_attr_int(x, "w:id", bm);
    docx_attr(x, "w:name", name);
    docx_end(x);
  }
  docx_fmt plain = {0};
  plain.link = f->link;
  docx_start(x, "w:r");
  docx_body_rpr(b, &plain, "FootnoteReference", 0);
  docx_start(x, "w:footnoteReference");
  if (b->st->custom_marks) docx_attr(x, "w:customMarkFollows", "1");
  docx_attr_int(x, "w:id", note->id);
  docx_end(x);
  if (b->st->custom_marks) docx_body_chars(b, note->mark, strlen(note->mark), dm_node_pos(note->node));
  docx_end(x);
  if (bm >= 0) {
    docx_start(x, "w:bookmarkEnd");
    docx_attr_int(x, "w:id", bm);
    docx_end(x);
  }
}

static void docx_body_field_char(docx_xml *x, const char *type) {
  docx_start(x, "w:r");
  docx_empty(x, "w:fldChar", "w:fldCharType", type, NULL, NULL);
  docx_end(x);
}

/* A second reference to a note. Two w:footnoteReference with one id are
 * invalid in Word, and a second w:footnote would duplicate the note, so the
 * reference is what Word itself inserts as a cross-reference to a footnote:
 * a NOTEREF field to a bookmark around the first reference, with \f to show
 * it in the footnote-reference style. Its cached result is the marker, so it
 * reads right before any field update. */
static void docx_body_second_ref(docx_body *b, const docx_fmt *f, const docx_note *note) {
  docx_xml *x = b->x;
  char buf[24], instr[64];
  const char *mark = docx_body_mark(b->st, note, buf);
  snprintf(instr, sizeof instr, " NOTEREF _RefNote%d \\f \\h ", note->id);
  docx_body_field_char(x, "begin");
  docx_start(x, "w:r");
  docx_start(x, "w:instrText");
  docx_attr(x, "xml:space", "preserve");
  docx_text(x, instr, strlen(instr), dm_pos_offset(DM_NO_OFFSET));
  docx_end(x);
  docx_end(x);
  docx_body_field_char(x, "separate");
  docx_fmt plain = {0};
  plain.link = f->link;
  docx_body_run(b, &plain, "FootnoteReference", mark, strlen(mark), dm_pos_offset(DM_NO_OFFSET));
  docx_body_field_char(x, "end");
}

/* A marker shown as superscript text, where no real reference can be. */
static void docx_body_mark_text(docx_body *b, const docx_fmt *f, const char *mark, const dm_node *n) {
  docx_fmt sup = *f;
  sup.vert = 1;
  docx_body_run(b, &sup, NULL, mark, strlen(mark), dm_node_pos(n));
}

static int docx_body_note(docx_body *b, const dm_node *n, const docx_fmt *f) {
  docx_state *st = b->st;
  const docx_note *note = b->in_notes ? NULL : docx_note_find(st, n);
  if (note) {
    docx_body_note_ref(b, f, note);
    return DM_OK;
  }
  /* A note inside a note: Word has no footnotes in footnotes. Keep its
   * marker and text inline, in brackets, and say so. */
  const char *label = dm_node_label(n) ? dm_node_label(n) : "*";
  docx_body_mark_text(b, f, label, n);
  char *text = dm_node_text_content(n);
  if (!text) return dm_error(st->ctx, DM_ENOMEM, "out of memory");
  docx_body_run(b, f, NULL, " [", 2, dm_node_pos(n));
  docx_body_run(b, f, NULL, text, strlen(text), dm_node_pos(n));
  docx_body_run(b, f, NULL, "]", 1, dm_node_pos(n));
  return dm_warn(st->ctx, DM_DIAG_UNSUPPORTED, dm_node_pos(n),
                 "a footnote inside a footnote is kept as bracketed text after its marker");
}

static int docx_body_note_ref_node(docx_body *b, const dm_node *n, const docx_fmt *f) {
  const dm_node *target = dm_node_note_target(n);
  docx_note *note = target ? docx_note_find(b->st, target) : NULL;
  if (note && !b->in_notes) {
    docx_body_second_ref(b, f, note);
    return DM_OK;
  }
  char buf[24];
  const char *mark = note ? docx_body_mark(b->st, note, buf) : dm_node_label(n);
  docx_body_mark_text(b, f, mark ? mark : "*", n);
  if (note) return DM_OK; /* in a footnote: the marker says it all */
  return dm_warn(b->st->ctx, DM_DIAG_UNSUPPORTED, dm_node_pos(n),
                 "a reference to a note that is not a footnote is kept as its marker");
}

/* ---- inlines --------------------------------------------------------------- */

static int docx_body_link(docx_body *b, const dm_node *n, docx_fmt f) {
  docx_xml *x = b->x;
  const char *url = dm_node_url(n);
  if (f.link || !*url) return docx_body_inlines(b, n, f);
  docx_start(x, "w:hyperlink");
  if (url[0] == '#') {
    docx_attr_text(x, "w:anchor", url + 1);
  } else {
    int id = docx_rels_add(b->rels, url);
    if (id < 0) return dm_error(b->st->ctx, DM_ENOMEM, "out of memory");
    char rid[32];
    snprintf(rid, sizeof rid, "rLink%d", id);
    docx_attr(x, "r:id", rid);
  }
  if (*dm_node_title(n)) docx_attr_text(x, "w:tooltip", dm_node_title(n));
  f.link = 1;
  int rc = docx_body_inlines(b, n, f);
  docx_end(x);
  return rc;
}

/* A picture embedded (docx_media.c), or a visible placeholder, its
 * alternative text or address in brackets (no word of ours added to the
 * text): docx_media_collect warned about those in
 * the body, a picture in a note is reported here. */
static int docx_body_image(docx_body *b, const dm_node *n, docx_fmt f) {
  docx_image *im = b->in_notes ? NULL : docx_media_find(b->st, n);
  char *alt = dm_node_text_content(n);
  if (!alt) return dm_error(b->st->ctx, DM_ENOMEM, "out of memory"); /* in the document's arena */
  if (im) {
    docx_start(b->x, "w:r");
    docx_media_drawing(b->st, b->x, im, alt);
    docx_end(b->x);
    return DM_OK;
  }
  int rc = DM_OK;
  if (b->in_notes)
    rc = dm_warn(b->st->ctx, DM_DIAG_MEDIA, dm_node_pos(n),
                 "image %s in a footnote is not embedded; a placeholder stands in for it", dm_node_url(n));
  const char *what = *alt ? alt : dm_node_url(n);
  docx_body_run(b, &f, NULL, "[", 1, dm_node_pos(n));
  docx_body_run(b, &f, NULL, what, strlen(what), dm_node_pos(n));
  docx_body_run(b, &f, NULL, "]", 1, dm_node_pos(n));
  return rc;
}

static int docx_body_inline(docx_body *b, const dm_node *n, docx_fmt f) {
  docx_state *st = b->st;
  int rc = docx_body_enter(b, n);
  if (rc != DM_OK) return rc;
  switch (dm_node_type_of(n)) {
  case DM_NODE_TEXT: docx_body_run(b, &f, NULL, dm_node_literal(n), dm_node_literal_len(n), dm_node_pos(n)); break;
  case DM_NODE_SOFTBREAK:
    if (b->title_tab) {
      /* "75/158." hangs before the title, at the block's edge */
      docx_body_run(b, &f, NULL, "\t", 1, dm_node_pos(n));
      b->title_tab = 0;
    } else if (docx_body_soft_is_space(n)) {
      docx_body_run(b, &f, NULL, " ", 1, dm_node_pos(n));
    }
    break;
  case DM_NODE_LINEBREAK:
    docx_start(b->x, "w:r");
    docx_empty(b->x, "w:br", NULL, NULL, NULL, NULL);
    docx_end(b->x);
    break;
  case DM_NODE_EMPH:
    f.italic = 1;
    rc = docx_body_inlines(b, n, f);
    break;
  case DM_NODE_STRONG:
    f.bold = 1;
    rc = docx_body_inlines(b, n, f);
    break;
  case DM_NODE_STRIKE:
    f.strike = 1;
    rc = docx_body_inlines(b, n, f);
    break;
  case DM_NODE_UNDERLINE:
    f.underline = 1;
    rc = docx_body_inlines(b, n, f);
    break;
  case DM_NODE_SUPERSCRIPT:
    f.vert = 1;
    rc = docx_body_inlines(b, n, f);
    break;
  case DM_NODE_SUBSCRIPT:
    f.vert = -1;
    rc = docx_body_inlines(b, n, f);
    break;
  case DM_NODE_SPAN: {
    /* Emphasis the source gave as a class (UN XML's span class="italic"). */
    const char *cls = dm_node_class(n);
    if (cls && !strcmp(cls, "italic")) f.italic = 1;
    if (cls && !strcmp(cls, "bold")) f.bold = 1;
    if (cls && !strcmp(cls, "underline")) f.underline = 1;
    rc = docx_body_inlines(b, n, f);
    break;
  }
  case DM_NODE_CODE:
    f.code = 1;
    docx_body_run(b, &f, NULL, dm_node_literal(n), dm_node_literal_len(n), dm_node_pos(n));
    break;
  case DM_NODE_LINK: rc = docx_body_link(b, n, f); break;
  case DM_NODE_IMAGE: rc = docx_body_image(b, n, f); break;
  case DM_NODE_RAW_INLINE:
    rc = dm_warn(st->ctx, DM_DIAG_UNSUPPORTED, dm_node_pos(n), "raw %s kept as text",
                 dm_node_label(n) ? dm_node_label(n) : "inline");
    f.code = 1;
    docx_body_run(b, &f, NULL, dm_node_literal(n), dm_node_literal_len(n), dm_node_pos(n));
    break;
  case DM_NODE_NOTE: rc = docx_body_note(b, n, &f); break;
  case DM_NODE_NOTE_REF: rc = docx_body_note_ref_node(b, n, &f); break;
  default:
    rc = dm_error_at(st->ctx, DM_EINTERNAL, dm_node_pos(n), "%s where an inline was expected",
                     dm_node_type_name(dm_node_type_of(n)));
    break;
  }
  b->depth--;
  return rc;
}

static int docx_body_inlines(docx_body *b, const dm_node *parent, docx_fmt fmt) {
  for (const dm_node *c = dm_node_first_child(parent); c; c = dm_node_next(c)) {
    int rc = docx_body_inline(b, c, fmt);
    if (rc != DM_OK) return rc;
    if (b->x->err) return b->x->err;
  }
  return DM_OK;
}

/* ---- paragraphs ------------------------------------------------------------ */

enum { DOCX_P_TEXT, DOCX_P_RULE };

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
    char lvl[16], id[16];
    snprintf(lvl, sizeof lvl, "%d", b->pend_lvl);
    snprintf(id, sizeof id, "%d", b->pend_num);
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
static void docx_body_p_open(docx_body *b, const docx_blk *blk, const char *style, int kind) {
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
    docx_body_rpr(b, &none, "FootnoteReference", 0);
    if (b->st->custom_marks)
      docx_body_chars(b, note->mark, strlen(note->mark), dm_node_pos(note->node));
    else
      docx_empty(x, "w:footnoteRef", NULL, NULL, NULL, NULL);
    docx_end(x);
    docx_start(x, "w:r");
    docx_start(x, "w:t");
    docx_attr(x, "xml:space", "preserve");
    docx_text(x, " ", 1, dm_pos_offset(DM_NO_OFFSET));
    docx_end(x);
    docx_end(x);
    b->pend_mark = NULL;
  }
  if (b->pend_label) {
    /* The number exactly as printed, then a tab to the hanging indent. */
    docx_start(x, "w:r");
    docx_body_chars(b, b->pend_label, strlen(b->pend_label), dm_pos_offset(DM_NO_OFFSET));
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

static void docx_body_p_close(docx_body *b) {
  docx_end(b->x);
  docx_xml_flush_point(b->x);
}

/* Writes an empty paragraph for whatever is pending, so that a list
 * number, a label or a note mark is never lost to a container that starts
 * with something other than a paragraph (or holds nothing). */
static void docx_body_flush(docx_body *b, const docx_blk *blk, const char *style) {
  if (!b->pend_num && !b->pend_label && !b->pend_mark) return;
  docx_body_p_open(b, blk, style, DOCX_P_TEXT);
  docx_body_p_close(b);
}

static int docx_body_has_class(const dm_node *n, const char *cls, int depth) {
  if (depth > 64) return 0;
  for (const dm_node *c = dm_node_first_child(n); c; c = dm_node_next(c)) {
    if (dm_node_type_of(c) == DM_NODE_SPAN && dm_node_class(c) && !strcmp(dm_node_class(c), cls)) return 1;
    if (!dm_node_type_is_leaf(dm_node_type_of(c)) && docx_body_has_class(c, cls, depth + 1)) return 1;
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

static int docx_body_paragraph(docx_body *b, const dm_node *n, const docx_blk *blk, const char *style) {
  docx_blk pb = *blk;
  /* A line with no right-to-left letter in a right-to-left document (the
   * date "23 December 2020", the symbol) is a left-to-right paragraph:
   * in a right-to-left one the bidirectional algorithm would put "23"
   * after "December 2020". */
  if (pb.rtl && !docx_body_has_rtl(n, 0)) pb.rtl = 0;
  docx_body_p_open(b, &pb, style, DOCX_P_TEXT);
  docx_fmt f = {0};
  b->title_tab = b->st->un && style && !strcmp(style, "ResolutionTitle") && !b->in_notes;
  int rc = docx_body_inlines(b, n, f);
  b->title_tab = 0;
  docx_body_p_close(b);
  return rc;
}

/* The UN profile's masthead: each line of the cover page in the style of
 * what it holds, the organisation's name and the symbol on one line. */
static int docx_body_cover(docx_body *b, const dm_node *n, const docx_blk *blk) {
  const dm_node *prev = NULL;
  for (const dm_node *c = dm_node_first_child(n); c; prev = c, c = dm_node_next(c)) {
    const char *style = dm_node_type_of(c) == DM_NODE_PARAGRAPH ? docx_look_cover_style(c, prev) : NULL;
    if (!style) {
      int rc = docx_body_block(b, c, blk);
      if (rc != DM_OK) return rc;
      continue;
    }
    const dm_node *next = dm_node_next(c);
    int top = !strcmp(style, "MastheadOrg") && next && dm_node_type_of(next) == DM_NODE_PARAGRAPH &&
              docx_look_cover_style(next, c) && !strcmp(docx_look_cover_style(next, c), "MastheadLine");
    docx_fmt f = {0};
    int rc = DM_OK;
    if (top) {
      /* The symbol at the right end of the organisation's line: a frame
       * anchored to the paragraph that follows it, so that each stays a
       * paragraph of its own for readers of the text. */
      docx_blk sb = *blk;
      if (sb.rtl && !docx_body_has_rtl(next, 0)) sb.rtl = 0;
      b->pend_frame = 1;
      docx_body_p_open(b, &sb, "MastheadSymbolLine", DOCX_P_TEXT);
      rc = docx_body_inlines(b, next, f);
      docx_body_p_close(b);
    }
    docx_blk pb = *blk;
    if (pb.rtl && !docx_body_has_rtl(c, 0)) pb.rtl = 0;
    docx_body_p_open(b, &pb, style, DOCX_P_TEXT);
    if (rc == DM_OK) rc = docx_body_inlines(b, c, f);
    if (top) c = next;
    docx_body_p_close(b);
    if (rc != DM_OK) return rc;
  }
  return DM_OK;
}

/* A code block: one paragraph, lines separated by w:br, so that the
 * paragraph count stays the document's. */
static int docx_body_code(docx_body *b, const dm_node *n, const docx_blk *blk) {
  size_t len = dm_node_literal_len(n);
  const char *s = dm_node_literal(n);
  if (len && s[len - 1] == '\n') len--;
  docx_body_p_open(b, blk, blk->style && b->in_notes ? blk->style : "SourceCode", DOCX_P_TEXT);
  docx_fmt f = {0};
  if (b->in_notes) f.code = 1;
  docx_body_run(b, &f, NULL, s, len, dm_node_pos(n));
  docx_body_p_close(b);
  return DM_OK;
}

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
    *rc = docx_body_blocks(b, cell, &cb);
  }
  /* Word wants every cell to end with a paragraph. */
  if (*rc == DM_OK && (b->paras == before || b->last_table)) {
    docx_body_p_open(b, &cb, cb.style, DOCX_P_TEXT);
    docx_body_p_close(b);
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
  docx_body_flush(b, blk, blk->style);
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
    docx_body_flush(b, blk, ib.style);
    b->pend_num = num;
    b->pend_lvl = level;
    int rc = docx_body_blocks(b, item, &ib);
    if (rc != DM_OK) return rc;
    if (b->pend_num == num) docx_body_flush(b, &ib, ib.style);
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
  if (b->st->un && !b->in_notes && cls && !strcmp(cls, "coverPage")) return docx_body_cover(b, n, &db);
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
    docx_body_flush(b, blk, blk->style);
    b->pend_label = dm_node_label(n);
    b->pend_label_space = spaced;
  }
  int rc = docx_body_blocks(b, n, &db);
  if (rc == DM_OK && labelled && b->pend_label == dm_node_label(n)) docx_body_flush(b, &db, db.style);
  return rc;
}

static int docx_body_block(docx_body *b, const dm_node *n, const docx_blk *blk) {
  docx_state *st = b->st;
  int rc = docx_body_enter(b, n);
  if (rc != DM_OK) return rc;
  switch (dm_node_type_of(n)) {
  case DM_NODE_PARAGRAPH: {
    const char *style = blk->style;
    if (blk->preface && docx_body_has_class(n, "docTitle", 0)) style = "ResolutionTitle";
    rc = docx_body_paragraph(b, n, blk, style);
    break;
  }
  case DM_NODE_HEADING: {
    int level = dm_node_heading_level(n);
    if (level < 1) level = 1;
    if (level > 6) level = 6;
    const char *style = docx_heading_styles[level - 1];
    if (blk->preface) {
      style = docx_body_has_class(n, "docTitle", 0) ? "ResolutionTitle" : "PrefaceHeading";
      /* the style is shared with paragraphs: the level tells a reader (and
       * Word's navigation) that this one is a heading */
      b->pend_outline = level;
    }
    rc = docx_body_paragraph(b, n, blk, style);
    break;
  }
  case DM_NODE_BLOCK_QUOTE: {
    docx_blk qb = *blk;
    qb.quote++;
    if (!b->in_notes && !blk->list_depth) qb.style = "Quote";
    rc = docx_body_blocks(b, n, &qb);
    break;
  }
  case DM_NODE_LIST: rc = docx_body_list(b, n, blk); break;
  case DM_NODE_ITEM: rc = docx_body_blocks(b, n, blk); break;
  case DM_NODE_CODE_BLOCK: rc = docx_body_code(b, n, blk); break;
  case DM_NODE_RAW_BLOCK:
    rc = dm_warn(st->ctx, DM_DIAG_UNSUPPORTED, dm_node_pos(n), "raw %s block kept as text",
                 dm_node_label(n) ? dm_node_label(n) : "");
    if (rc == DM_OK) rc = docx_body_code(b, n, blk);
    break;
  case DM_NODE_THEMATIC_BREAK:
    docx_body_p_open(b, blk, blk->style, DOCX_P_RULE);
    docx_body_p_close(b);
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

static int docx_body_blocks(docx_body *b, const dm_node *parent, const docx_blk *blk) {
  for (const dm_node *c = dm_node_first_child(parent); c; c = dm_node_next(c)) {
    int rc = docx_body_block(b, c, blk);
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
  int rc = docx_body_blocks(&b, dm_doc_root(st->doc), &blk);
  if (rc != DM_OK) return rc;
  docx_body_flush(&b, &blk, NULL);
  /* Word will not open a body without a paragraph. */
  if (!b.paras) {
    docx_body_p_open(&b, &blk, NULL, DOCX_P_TEXT);
    docx_body_p_close(&b);
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
    b.paras = 0;
    b.last_table = 0;
    b.depth = 0;
    int rc = docx_body_blocks(&b, note->node, &blk);
    if (rc != DM_OK) return rc;
    docx_body_flush(&b, &blk, blk.style);
    if (b.last_table) {
      docx_body_p_open(&b, &blk, blk.style, DOCX_P_TEXT);
      docx_body_p_close(&b);
    }
    docx_end(x);
    docx_xml_flush_point(x);
    if (x->err) return x->err;
  }
  docx_end(x);
  return x->err;
}
