/* SPDX-License-Identifier: MIT */
/*
 * The runs of word/document.xml and word/footnotes.xml: inline nodes become
 * runs whose properties accumulate from their inline ancestors; a note
 * becomes a w:footnoteReference (a second reference to it a NOTEREF field),
 * a link a w:hyperlink, a picture a w:drawing or its placeholder.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docx_body.h"

docx_note *docx_note_find(docx_state *st, const dm_node *node) { return dm_node_map_get(st->by_node, node); }

/* The marker a reader sees for a note: the source's, or Word's number. */
static const char *docx_body_mark(docx_state *st, const docx_note *n, char buf[24]) {
  if (st->custom_marks) return n->mark;
  snprintf(buf, 24, "%ld", st->num_start + (long)n->id - 1);
  return buf;
}

int docx_out_enter(docx_body *b, const dm_node *n) {
  if (++b->depth > b->st->max_depth)
    return dm_error_at(b->st->ctx, DM_ELIMIT, dm_node_pos(n), "document nested deeper than %u levels",
                       (unsigned)b->st->max_depth);
  return DM_OK;
}

/* ---- runs ------------------------------------------------------------------ */

void docx_out_rpr(docx_body *b, const docx_fmt *f, const char *rstyle, int rtl) {
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
void docx_out_chars(docx_body *b, const char *s, size_t len, dm_pos pos) {
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
void docx_out_run(docx_body *b, const docx_fmt *f, const char *rstyle, const char *s, size_t len, dm_pos pos) {
  if (!len) return;
  docx_xml *x = b->x;
  docx_start(x, "w:r");
  size_t before = docx_xml_mark(x);
  docx_out_rpr(b, f, rstyle, 0);
  size_t after = docx_xml_mark(x);
  dm_xml_take_rtl(x->x);
  docx_out_chars(b, s, len, pos);
  if (dm_xml_take_rtl(x->x) && !x->err) {
    static const char rtl_in[] = "<w:rtl/>", rtl_own[] = "<w:rPr><w:rtl/></w:rPr>", rpr_end[] = "</w:rPr>";
    if (after > before)
      docx_xml_insert(x, after - (sizeof rpr_end - 1), rtl_in, sizeof rtl_in - 1);
    else
      docx_xml_insert(x, after, rtl_own, sizeof rtl_own - 1);
  }
  docx_end(x);
}

/* The text node at the start (or end) of an inline, looking into spans
 * and emphasis: "会议" ends the meeting span that a date span follows. */
static const dm_node *docx_body_edge_text(const dm_node *n, int last) {
  for (int d = 0; n && d < 64; d++) {
    if (dm_node_type_of(n) == DM_NODE_TEXT) return n;
    if (dm_node_type_is_leaf(dm_node_type_of(n)) || dm_node_type_of(n) == DM_NODE_NOTE) return NULL;
    n = last ? dm_node_last_child(n) : dm_node_first_child(n);
  }
  return NULL;
}

/* A soft break joins wrapped lines: a space, except between CJK
 * characters, which a reader of Chinese or Japanese expects to touch. */
static int docx_body_soft_is_space(const dm_node *n) {
  const dm_node *p = docx_body_edge_text(dm_node_prev(n), 1), *q = docx_body_edge_text(dm_node_next(n), 0);
  if (p && dm_unicode_is_cjk(dm_utf8_last((const unsigned char *)dm_node_literal(p), dm_node_literal_len(p)))) return 0;
  if (q && dm_node_literal_len(q)) {
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
  docx_out_rpr(b, &plain, "FootnoteReference", 0);
  docx_start(x, "w:footnoteReference");
  if (b->st->custom_marks) docx_attr(x, "w:customMarkFollows", "1");
  docx_attr_int(x, "w:id", note->id);
  docx_end(x);
  if (b->st->custom_marks) docx_out_chars(b, note->mark, strlen(note->mark), dm_node_pos(note->node));
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
  docx_out_run(b, &plain, "FootnoteReference", mark, strlen(mark), dm_pos_offset(DM_NO_OFFSET));
  docx_body_field_char(x, "end");
}

/* A marker shown as superscript text, where no real reference can be. */
static void docx_body_mark_text(docx_body *b, const docx_fmt *f, const char *mark, const dm_node *n) {
  docx_fmt sup = *f;
  sup.vert = 1;
  docx_out_run(b, &sup, NULL, mark, strlen(mark), dm_node_pos(n));
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
  docx_out_run(b, f, NULL, " [", 2, dm_node_pos(n));
  docx_out_run(b, f, NULL, text, strlen(text), dm_node_pos(n));
  docx_out_run(b, f, NULL, "]", 1, dm_node_pos(n));
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
  if (f.link || !*url) return docx_out_inlines(b, n, f);
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
  int rc = docx_out_inlines(b, n, f);
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
  docx_out_run(b, &f, NULL, "[", 1, dm_node_pos(n));
  docx_out_run(b, &f, NULL, what, strlen(what), dm_node_pos(n));
  docx_out_run(b, &f, NULL, "]", 1, dm_node_pos(n));
  return rc;
}

/* Whether n is the ". " between a resolution's number span and its title
 * ("75/158" ". " "Trafficking ..."). */
static int docx_body_title_dot(const dm_node *n) {
  const dm_node *p = dm_node_prev(n), *t = dm_node_next(n);
  return p && dm_node_type_of(p) == DM_NODE_SPAN && dm_node_class(p) && !strcmp(dm_node_class(p), "docNumber") && t &&
         dm_node_type_of(t) == DM_NODE_SPAN && dm_node_class(t) && !strcmp(dm_node_class(t), "docTitle") &&
         dm_node_literal_len(n) == 2 && !memcmp(dm_node_literal(n), ". ", 2);
}

static int docx_body_inline(docx_body *b, const dm_node *n, docx_fmt f) {
  docx_state *st = b->st;
  int rc = docx_out_enter(b, n);
  if (rc != DM_OK) return rc;
  switch (dm_node_type_of(n)) {
  case DM_NODE_TEXT: {
    size_t skip = n == b->paren_text ? b->paren_skip : 0;
    if (b->title_tab && docx_body_title_dot(n)) {
      /* "75/158" then ". " as a recogniser leaves them: the number and its
       * point hang before the title as in the UN's own cover page. */
      docx_out_run(b, &f, NULL, ".", 1, dm_node_pos(n));
      docx_out_run(b, &f, NULL, "\t", 1, dm_node_pos(n));
      b->title_tab = 0;
      skip = 2;
    } else if (b->title_tab) {
      size_t k = docx_look_title_number(st->doc, dm_node_literal(n) + skip, dm_node_literal_len(n) - skip);
      if (k) {
        docx_out_run(b, &f, NULL, dm_node_literal(n) + skip, k, dm_node_pos(n));
        docx_out_run(b, &f, NULL, "\t", 1, dm_node_pos(n));
        b->title_tab = 0;
        skip += k + 1;
      }
    }
    docx_out_run(b, &f, NULL, dm_node_literal(n) + skip, dm_node_literal_len(n) - skip, dm_node_pos(n));
    break;
  }
  case DM_NODE_SOFTBREAK:
    if (b->title_tab) {
      /* "75/158." hangs before the title, at the block's edge */
      docx_out_run(b, &f, NULL, "\t", 1, dm_node_pos(n));
      b->title_tab = 0;
    } else if (docx_body_soft_is_space(n)) {
      docx_out_run(b, &f, NULL, " ", 1, dm_node_pos(n));
    }
    break;
  case DM_NODE_LINEBREAK:
    docx_start(b->x, "w:r");
    docx_empty(b->x, "w:br", NULL, NULL, NULL, NULL);
    docx_end(b->x);
    break;
  case DM_NODE_EMPH:
    f.italic = 1;
    rc = docx_out_inlines(b, n, f);
    break;
  case DM_NODE_STRONG:
    f.bold = 1;
    rc = docx_out_inlines(b, n, f);
    break;
  case DM_NODE_STRIKE:
    f.strike = 1;
    rc = docx_out_inlines(b, n, f);
    break;
  case DM_NODE_UNDERLINE:
    f.underline = 1;
    rc = docx_out_inlines(b, n, f);
    break;
  case DM_NODE_SUPERSCRIPT:
    f.vert = 1;
    rc = docx_out_inlines(b, n, f);
    break;
  case DM_NODE_SUBSCRIPT:
    f.vert = -1;
    rc = docx_out_inlines(b, n, f);
    break;
  case DM_NODE_SPAN: {
    /* Emphasis the source gave as a class (UN XML's span class="italic"). */
    const char *cls = dm_node_class(n);
    if (cls && !strcmp(cls, "italic")) f.italic = 1;
    if (cls && !strcmp(cls, "bold")) f.bold = 1;
    if (cls && !strcmp(cls, "underline")) f.underline = 1;
    rc = docx_out_inlines(b, n, f);
    break;
  }
  case DM_NODE_CODE:
    f.code = 1;
    docx_out_run(b, &f, NULL, dm_node_literal(n), dm_node_literal_len(n), dm_node_pos(n));
    break;
  case DM_NODE_LINK: rc = docx_body_link(b, n, f); break;
  case DM_NODE_IMAGE: rc = docx_body_image(b, n, f); break;
  case DM_NODE_RAW_INLINE:
    rc = dm_warn(st->ctx, DM_DIAG_UNSUPPORTED, dm_node_pos(n), "raw %s kept as text",
                 dm_node_label(n) ? dm_node_label(n) : "inline");
    f.code = 1;
    docx_out_run(b, &f, NULL, dm_node_literal(n), dm_node_literal_len(n), dm_node_pos(n));
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

int docx_out_inlines(docx_body *b, const dm_node *parent, docx_fmt fmt) {
  for (const dm_node *c = dm_node_first_child(parent); c; c = dm_node_next(c)) {
    int rc = docx_body_inline(b, c, fmt);
    if (rc != DM_OK) return rc;
    if (b->x->err) return b->x->err;
  }
  return DM_OK;
}
