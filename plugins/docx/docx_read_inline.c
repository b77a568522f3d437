/* SPDX-License-Identifier: MIT */
/*
 * The inside of a paragraph: runs with their formatting (direct, then from
 * the character style; a paragraph style's run formatting is how the
 * paragraph looks, a bold heading, not emphasis in it), text, tabs
 * and breaks, hyperlinks, footnote and endnote references (the note is put
 * where it is first referenced, with its mark: the custom mark that
 * follows a w:customMarkFollows reference, or Word's own number given once
 * the whole body is read), fields (the result Word shows, never the
 * instruction; a NOTEREF field is a second reference to a note, a
 * HYPERLINK field a link), content controls, tracked insertions (kept) and
 * deletions (dropped), and images (a reference to their part: the model
 * carries no media bytes). Formatting nodes are opened and closed as runs
 * change, keeping those that go on, so that "*a **b***" comes back as it
 * went.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docx_read.h"

/* The order in which formatting nodes nest when several open at once. */
static const dm_node_type docx_fmt_types[] = {DM_NODE_STRONG, DM_NODE_EMPH,        DM_NODE_UNDERLINE,
                                              DM_NODE_STRIKE, DM_NODE_SUPERSCRIPT, DM_NODE_SUBSCRIPT};

static int docx_fmt_wants(const docx_fmt *f, int k) {
  switch (k) {
  case 0: return f->b > 0;
  case 1: return f->i > 0;
  case 2: return f->u > 0;
  case 3: return f->strike > 0;
  case 4: return f->sup > 0;
  default: return f->sub > 0;
  }
}

void docx_para_reset(docx_para *p) { p->nopen = 0; }

/* The node text in formatting f goes into, opening and closing formatting
 * nodes as needed; NULL when out of memory. */
static dm_node *docx_para_fmt(docx_rd *rd, docx_para *p, const docx_fmt *f) {
  int keep = 0;
  while (keep < p->nopen && docx_fmt_wants(f, p->open_kind[keep]))
    keep++;
  p->nopen = keep;
  for (int k = 0; k < 6; k++) {
    if (!docx_fmt_wants(f, k)) continue;
    int open = 0;
    for (int j = 0; j < p->nopen; j++)
      open |= p->open_kind[j] == k;
    if (open) continue;
    dm_node *parent = p->nopen ? p->open[p->nopen - 1] : p->root;
    dm_node *n = dm_node_new(rd->doc, docx_fmt_types[k]);
    if (!n || dm_node_append_child(parent, n) != DM_OK) return NULL;
    p->open[p->nopen] = n;
    p->open_kind[p->nopen++] = (unsigned char)k;
  }
  return p->nopen ? p->open[p->nopen - 1] : p->root;
}

static int docx_fields_hide(const docx_rd *rd) {
  for (int i = 0; i < rd->nfld; i++)
    if (!rd->fld[i].result || rd->fld[i].kind == DOCX_FLD_NOTEREF) return 1;
  return 0;
}

/* Appends text in formatting f. */
static int docx_text(docx_rd *rd, docx_para *p, const docx_fmt *f, const char *s, size_t len) {
  if (!len || docx_fields_hide(rd)) return DM_OK;
  if (p->custom) {
    return dm_buf_append(&p->custom_mark, s, len) == DM_OK ? DM_OK : docx_nomem(rd);
  }
  if (p->in_note_mark) return DM_OK;
  if (f->hidden > 0) {
    rd->hidden += len;
    return DM_OK;
  }
  if (p->strip_space) {
    /* one space after a note's own mark; every space at a line's start */
    size_t k = 0;
    while (k < len && s[k] == ' ' && (k == 0 || p->strip_space > 1))
      k++;
    s += k;
    len -= k;
    if (!len) return DM_OK;
    p->strip_space = 0;
  }
  p->at_start = 0;
  if (p->code) return dm_node_append_literal(p->block, s, len) == DM_OK ? DM_OK : docx_nomem(rd);
  docx_fmt lf;
  if (f->u > 0 && dm_node_type_of(p->root) == DM_NODE_LINK) {
    /* links are underlined by their character style, not for emphasis */
    lf = *f;
    lf.u = 0;
    f = &lf;
  }
  dm_node *c = docx_para_fmt(rd, p, f);
  if (!c) return docx_nomem(rd);
  dm_node *last = dm_node_last_child(c);
  dm_node_type want = f->code > 0 ? DM_NODE_CODE : DM_NODE_TEXT;
  if (last && dm_node_type_of(last) == want)
    return dm_node_append_literal(last, s, len) == DM_OK ? DM_OK : docx_nomem(rd);
  dm_node *n = dm_node_new(rd->doc, want);
  if (!n || dm_node_set_literal(n, s, len) != DM_OK || dm_node_append_child(c, n) != DM_OK) return docx_nomem(rd);
  return DM_OK;
}

/* Drops the spaces that end the text before a line break or the end of
 * the paragraph: Word shows none there, Markdown would keep them. */
void docx_trim_end(docx_para *p) {
  dm_node *c = p->nopen ? p->open[p->nopen - 1] : p->root;
  dm_node *last = dm_node_last_child(c);
  if (!last || dm_node_type_of(last) != DM_NODE_TEXT) return;
  size_t n = dm_node_literal_len(last);
  const char *s = dm_node_literal(last);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
    n--;
  if (!n)
    dm_node_unlink(last);
  else if (n < dm_node_literal_len(last))
    dm_node_set_literal(last, s, n); /* shorter: no allocation that can fail */
}

static int docx_leaf(docx_rd *rd, docx_para *p, const docx_fmt *f, dm_node_type t) {
  if (docx_fields_hide(rd) || p->custom || p->in_note_mark) return DM_OK;
  if (p->code) return dm_node_append_literal(p->block, "\n", 1) == DM_OK ? DM_OK : docx_nomem(rd);
  if (t == DM_NODE_LINEBREAK) {
    docx_trim_end(p);
    p->strip_space = 2;
  }
  dm_node *c = docx_para_fmt(rd, p, f);
  dm_node *n = c ? dm_node_new(rd->doc, t) : NULL;
  if (!n || dm_node_append_child(c, n) != DM_OK) return docx_nomem(rd);
  p->at_start = 0;
  return DM_OK;
}

/* ---- notes ----------------------------------------------------------------- */

static docx_note *docx_note_find(docx_notes *ns, long id) {
  size_t lo = 0, hi = ns->n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (ns->v[mid].id == id) return &ns->v[mid];
    if (ns->v[mid].id < id)
      lo = mid + 1;
    else
      hi = mid;
  }
  return NULL;
}

static int docx_mark_push(docx_rd *rd, dm_node *node, int endnote, long ordinal) {
  if (rd->nmarks == rd->capmarks) {
    size_t cap = rd->capmarks ? rd->capmarks * 2 : 64;
    docx_auto_mark *m = realloc(rd->marks, cap * sizeof *m);
    if (!m) return docx_nomem(rd);
    rd->marks = m;
    rd->capmarks = cap;
  }
  rd->marks[rd->nmarks++] = (docx_auto_mark){node, endnote, ordinal};
  return DM_OK;
}

/* Puts a note (or a further reference to it) at the reference. */
static int docx_note_ref(docx_rd *rd, docx_x *x, docx_para *p, const docx_fmt *f, int endnote) {
  char buf[32];
  const char *v = docx_x_attr(x, DOCX_NS_W, "id", buf, sizeof buf);
  long id = v ? atol(v) : -1;
  v = docx_x_attr(x, DOCX_NS_W, "customMarkFollows", buf, sizeof buf);
  int custom = v && (!strcmp(v, "1") || !strcmp(v, "true") || !strcmp(v, "on"));
  docx_note *note = docx_note_find(endnote ? &rd->end : &rd->foot, id);
  if (!note || rd->in_note) {
    return dm_warn(rd->ctx, DM_DIAG_NOTE_UNDEFINED, docx_x_pos(x), "%s: a reference to %s %ld, which %s", x->part,
                   endnote ? "endnote" : "footnote", id,
                   rd->in_note ? "is inside a note (Word has none there): dropped" : "is not defined: dropped");
  }
  docx_fmt plain = *f;
  plain.sup = plain.sub = 0;
  dm_node *c = docx_para_fmt(rd, p, &plain);
  dm_node *n = note->used ? dm_node_new(rd->doc, DM_NODE_NOTE_REF) : note->node;
  if (!c || !n) return docx_nomem(rd);
  if (note->used && dm_node_set_note_target(n, note->node) != DM_OK) return docx_nomem(rd);
  dm_node_set_pos(n, docx_x_pos(x));
  if (dm_node_append_child(c, n) != DM_OK) return docx_nomem(rd);
  note->used = 1;
  /* a bookmark open around this reference names it for NOTEREF fields */
  for (size_t i = 0; i < rd->nbm; i++)
    if (rd->bm[i].open && !rd->bm[i].note) rd->bm[i].note = note;
  p->at_start = 0;
  if (custom) {
    p->custom = note;
    p->custom_node = n;
    dm_buf_truncate(&p->custom_mark, 0);
    return DM_OK;
  }
  if (dm_node_type_of(n) == DM_NODE_NOTE_REF) return docx_mark_push(rd, n, endnote, -1);
  docx_notes *ns = endnote ? &rd->end : &rd->foot;
  return docx_mark_push(rd, n, endnote, ns->next++);
}

/* The text after a w:customMarkFollows reference, up to the end of the
 * run that holds it, is the note's mark. */
static int docx_custom_done(docx_rd *rd, docx_para *p, int force) {
  if (!p->custom || (!p->custom_mark.len && !force)) return DM_OK;
  const char *m = p->custom_mark.len ? p->custom_mark.data : "*";
  size_t n = p->custom_mark.len ? p->custom_mark.len : 1;
  while (n && *m == ' ')
    m++, n--;
  while (n && m[n - 1] == ' ')
    n--;
  char *label = dm_doc_strndup(rd->doc, m, n);
  p->custom = NULL;
  if (!label || dm_node_set_label(p->custom_node, label) != DM_OK) return docx_nomem(rd);
  return DM_OK;
}

/* ---- fields ---------------------------------------------------------------- */

/* The first word of a field instruction and, for NOTEREF and HYPERLINK,
 * its argument (quotes removed). */
static void docx_field_parse(const char *instr, char *kw, size_t kwsize, char *arg, size_t argsize, int *anchor) {
  const char *s = instr;
  while (*s == ' ')
    s++;
  size_t n = strcspn(s, " ");
  snprintf(kw, kwsize, "%.*s", (int)n, s);
  s += n;
  *anchor = 0;
  arg[0] = '\0';
  for (;;) {
    while (*s == ' ')
      s++;
    if (s[0] == '\\') {
      if (s[1] == 'l') *anchor = 1;
      s += s[1] ? 2 : 1;
      continue;
    }
    if (!*s) return;
    if (*s == '"') {
      const char *e = strchr(s + 1, '"');
      size_t len = e ? (size_t)(e - s - 1) : strlen(s + 1);
      snprintf(arg, argsize, "%.*s", (int)len, s + 1);
    } else {
      snprintf(arg, argsize, "%.*s", (int)strcspn(s, " "), s);
    }
    return;
  }
}

/* w:fldChar separate: what the result of the field becomes. */
static int docx_field_separate(docx_rd *rd, docx_para *p, docx_field *fl, const docx_fmt *f) {
  fl->result = 1;
  fl->instr[fl->instr_len < sizeof fl->instr ? fl->instr_len : sizeof fl->instr - 1] = '\0';
  char kw[32], arg[sizeof fl->instr];
  int anchor;
  docx_field_parse(fl->instr, kw, sizeof kw, arg, sizeof arg, &anchor);
  if (!strcmp(kw, "NOTEREF")) {
    for (size_t i = 0; i < rd->nbm; i++) {
      if (strcmp(rd->bm[i].name, arg) || !rd->bm[i].note) continue;
      docx_fmt plain = *f;
      plain.sup = plain.sub = 0;
      dm_node *c = docx_para_fmt(rd, p, &plain);
      dm_node *n = c ? dm_node_new(rd->doc, DM_NODE_NOTE_REF) : NULL;
      if (!n || dm_node_set_note_target(n, rd->bm[i].note->node) != DM_OK || dm_node_append_child(c, n) != DM_OK)
        return docx_nomem(rd);
      fl->kind = DOCX_FLD_NOTEREF;
      return docx_mark_push(rd, n, 0, -1);
    }
  } else if (!strcmp(kw, "HYPERLINK") && arg[0] && !p->code) {
    docx_para_reset(p);
    dm_node *link = dm_node_new(rd->doc, DM_NODE_LINK);
    char url[sizeof arg + 1];
    snprintf(url, sizeof url, "%s%s", anchor ? "#" : "", arg);
    if (!link || dm_node_set_url(link, url) != DM_OK || dm_node_append_child(p->root, link) != DM_OK)
      return docx_nomem(rd);
    fl->kind = DOCX_FLD_HYPERLINK;
    fl->saved_root = p->root;
    p->root = link;
  }
  return DM_OK;
}

static int docx_fld_char(docx_rd *rd, docx_x *x, docx_para *p, const docx_fmt *f) {
  char buf[16];
  const char *t = docx_x_attr(x, DOCX_NS_W, "fldCharType", buf, sizeof buf);
  if (!t) return DM_OK;
  if (!strcmp(t, "begin")) {
    if (rd->nfld == 8) {
      rd->fld_overflow++;
      return DM_OK;
    }
    memset(&rd->fld[rd->nfld++], 0, sizeof rd->fld[0]);
  } else if (!strcmp(t, "separate")) {
    if (!rd->fld_overflow && rd->nfld) return docx_field_separate(rd, p, &rd->fld[rd->nfld - 1], f);
  } else if (!strcmp(t, "end")) {
    if (rd->fld_overflow) {
      rd->fld_overflow--;
    } else if (rd->nfld) {
      docx_field *fl = &rd->fld[--rd->nfld];
      if (fl->kind == DOCX_FLD_HYPERLINK && fl->saved_root) {
        docx_para_reset(p);
        p->root = fl->saved_root;
      }
    }
  }
  return DM_OK;
}

static int docx_instr_text(docx_rd *rd, docx_x *x) {
  if (!rd->nfld || rd->fld_overflow) return docx_x_skip(x);
  docx_field *fl = &rd->fld[rd->nfld - 1];
  dm_buf_truncate(&rd->text, 0);
  int rc = docx_x_text(x, &rd->text, sizeof fl->instr);
  if (rc != DM_OK || fl->result) return rc;
  size_t room = sizeof fl->instr - 1 - fl->instr_len;
  size_t n = rd->text.len < room ? rd->text.len : room;
  memcpy(fl->instr + fl->instr_len, rd->text.data ? rd->text.data : "", n);
  fl->instr_len += n;
  fl->instr[fl->instr_len] = '\0';
  return DM_OK;
}

/* ---- images ----------------------------------------------------------------- */

/* A text box's content (LibreOffice makes one of a framed paragraph, Word
 * documents hold them in drawings): its blocks are read into a holding div
 * and placed after the paragraph that anchors the box (docx_boxes_place),
 * so that no text is lost and the reading order follows the page. */
static int docx_textbox(docx_rd *rd, docx_x *x) {
  if (!rd->boxes && !(rd->boxes = dm_node_new(rd->doc, DM_NODE_DIV))) return docx_nomem(rd);
  docx_blocks bl;
  memset(&bl, 0, sizeof bl);
  bl.parent = rd->boxes;
  rd->in_box++;
  int rc = docx_body_blocks(rd, x, &bl, docx_x_depth(x));
  docx_blocks_close(&bl);
  rd->in_box--;
  return rc;
}

/* w:drawing, w:pict, w:object: an image node naming its part, with the
 * description as alternative text; a text box's blocks follow the
 * paragraph (docx_textbox). */
static int docx_image(docx_rd *rd, docx_x *x, docx_para *p, const docx_fmt *f) {
  char rid[128] = "", descr[512] = "", buf[512];
  int depth = docx_x_depth(x), rc, textbox = 0;
  while ((rc = docx_x_descend(x, depth)) == 1) {
    const char *n = docx_x_name(x);
    int ns = docx_x_ns(x);
    if (ns == DOCX_NS_WP && !strcmp(n, "docPr")) {
      const char *v = docx_x_attr(x, DOCX_NS_OTHER, "descr", buf, sizeof buf);
      if (!v || !*v) v = docx_x_attr(x, DOCX_NS_OTHER, "title", buf, sizeof buf);
      if (v) snprintf(descr, sizeof descr, "%s", v);
    } else if ((ns == DOCX_NS_A && !strcmp(n, "blip")) || (ns == DOCX_NS_V && !strcmp(n, "imagedata"))) {
      const char *v = docx_x_attr(x, DOCX_NS_R, ns == DOCX_NS_A ? "embed" : "id", buf, sizeof buf);
      if (v && !rid[0]) snprintf(rid, sizeof rid, "%s", v);
    } else if (ns == DOCX_NS_W && !strcmp(n, "txbxContent")) {
      textbox = 1;
      if ((rc = docx_textbox(rd, x)) != DM_OK) return rc;
    }
  }
  if (rc < 0) return rc;
  if (textbox) rd->textboxes++;
  const docx_rel *rel = rid[0] ? docx_rel_find(rd, rid) : NULL;
  if (!rel) return DM_OK;
  rd->images++;
  dm_node *c = docx_para_fmt(rd, p, f);
  dm_node *img = c ? dm_node_new(rd->doc, DM_NODE_IMAGE) : NULL;
  if (!img || dm_node_set_url(img, rel->target) != DM_OK || dm_node_append_child(c, img) != DM_OK)
    return docx_nomem(rd);
  if (descr[0]) {
    dm_node *t = dm_node_new_text(rd->doc, descr, strlen(descr));
    if (!t || dm_node_append_child(img, t) != DM_OK) return docx_nomem(rd);
  }
  p->at_start = 0;
  return DM_OK;
}

/* ---- runs ------------------------------------------------------------------- */

static void docx_fmt_fill(docx_fmt *f, const docx_fmt *from) {
  signed char *a = &f->b;
  const signed char *b = &from->b;
  for (size_t i = 0; i < sizeof *f; i++)
    if (a[i] < 0) a[i] = b[i];
}

/* w:sym: a character by code; Symbol-font characters sit at U+F0xx. */
static int docx_sym(docx_rd *rd, docx_x *x, docx_para *p, const docx_fmt *f) {
  char buf[16];
  const char *v = docx_x_attr(x, DOCX_NS_W, "char", buf, sizeof buf);
  unsigned long cp = v ? strtoul(v, NULL, 16) : 0;
  if (cp >= 0xF000 && cp <= 0xF0FF) cp -= 0xF000;
  unsigned char u[4];
  int n = cp >= 0x20 ? dm_utf8_encode((uint32_t)cp, u) : 0;
  return n ? docx_text(rd, p, f, (const char *)u, (size_t)n) : DM_OK;
}

static int docx_break(docx_rd *rd, docx_x *x, docx_para *p, const docx_fmt *f) {
  char buf[32];
  const char *v = docx_x_attr(x, DOCX_NS_W, "type", buf, sizeof buf);
  if (v && !strcmp(v, "page")) {
    p->page_break = 1;
    return DM_OK;
  }
  if (v && !strcmp(v, "column")) return DM_OK;
  return docx_leaf(rd, p, f, DM_NODE_LINEBREAK);
}

/* One element inside a run. */
static int docx_run_elem(docx_rd *rd, docx_x *x, docx_para *p, const docx_fmt *f) {
  const char *n = docx_x_name(x);
  int ns = docx_x_ns(x), rc;
  if (ns == DOCX_NS_MC && !strcmp(n, "AlternateContent")) {
    /* the fallback is what every consumer understands */
    int d = docx_x_depth(x);
    while ((rc = docx_x_child(x, d)) == 1) {
      if (!docx_x_is(x, DOCX_NS_MC, "Fallback")) {
        if ((rc = docx_x_skip(x)) != DM_OK) return rc;
        continue;
      }
      int fd = docx_x_depth(x);
      while ((rc = docx_x_child(x, fd)) == 1)
        if ((rc = docx_run_elem(rd, x, p, f)) != DM_OK) return rc;
      if (rc < 0) return rc;
    }
    return rc < 0 ? rc : DM_OK;
  }
  if (ns != DOCX_NS_W) return docx_x_skip(x);
  if (!strcmp(n, "t")) {
    dm_buf_truncate(&rd->text, 0);
    if ((rc = docx_x_text(x, &rd->text, (size_t)-1)) != DM_OK) return rc;
    return docx_text(rd, p, f, rd->text.data ? rd->text.data : "", rd->text.len);
  }
  if (!strcmp(n, "tab") && p->title_tab) {
    p->title_tab = 0;
    return docx_text(rd, p, f, " ", 1);
  }
  if (!strcmp(n, "tab") || !strcmp(n, "ptab")) return docx_text(rd, p, f, "\t", 1);
  if (!strcmp(n, "br")) return docx_break(rd, x, p, f);
  if (!strcmp(n, "cr")) return docx_leaf(rd, p, f, DM_NODE_LINEBREAK);
  if (!strcmp(n, "noBreakHyphen")) return docx_text(rd, p, f, "\xe2\x80\x91", 3);
  if (!strcmp(n, "softHyphen")) return docx_text(rd, p, f, "\xc2\xad", 2);
  if (!strcmp(n, "sym")) return docx_sym(rd, x, p, f);
  if (!strcmp(n, "footnoteReference")) return docx_note_ref(rd, x, p, f, 0);
  if (!strcmp(n, "endnoteReference")) return docx_note_ref(rd, x, p, f, 1);
  if (!strcmp(n, "footnoteRef") || !strcmp(n, "endnoteRef")) {
    /* a note's own mark, at the start of its text */
    p->strip_space = 1;
    return docx_x_skip(x);
  }
  if (!strcmp(n, "fldChar")) {
    if ((rc = docx_fld_char(rd, x, p, f)) != DM_OK) return rc;
    return docx_x_skip(x);
  }
  if (!strcmp(n, "instrText")) return docx_instr_text(rd, x);
  if (!strcmp(n, "drawing") || !strcmp(n, "pict") || !strcmp(n, "object")) return docx_image(rd, x, p, f);
  if (!strcmp(n, "delText") || !strcmp(n, "delInstrText")) return docx_x_skip(x);
  if (!strcmp(n, "rPr") || !strcmp(n, "lastRenderedPageBreak") || !strcmp(n, "separator") ||
      !strcmp(n, "continuationSeparator") || !strcmp(n, "annotationRef"))
    return docx_x_skip(x);
  if (!strcmp(n, "commentReference")) {
    rd->comments++;
    return docx_x_skip(x);
  }
  rd->unknown++;
  if (!rd->first_unknown) rd->first_unknown = dm_doc_strdup(rd->doc, n);
  return docx_x_skip(x);
}

static int docx_run(docx_rd *rd, docx_x *x, docx_para *p, const docx_style *ps) {
  docx_fmt f;
  memset(&f, -1, sizeof f);
  char rstyle[128] = "";
  int depth = docx_x_depth(x), rc, first = 1, mark_run = 0;
  while ((rc = docx_x_child(x, depth)) == 1) {
    if (first && docx_x_is(x, DOCX_NS_W, "rPr")) {
      first = 0;
      if ((rc = docx_read_rpr(x, &f, docx_x_depth(x), rstyle, sizeof rstyle)) < 0) return rc;
      const docx_style *cs = rstyle[0] ? docx_style_find(rd, rstyle, 'c') : NULL;
      if (cs) docx_fmt_fill(&f, &cs->fmt);
      /* In a note, runs in the note-mark style before any text are the
       * note's own mark (a custom mark written out as text). */
      mark_run = rd->in_note && p->at_start && cs && cs->kind == DOCX_SK_NOTE_MARK;
      if (mark_run) p->in_note_mark = 1;
      continue;
    }
    first = 0;
    if ((rc = docx_run_elem(rd, x, p, &f)) != DM_OK) return rc;
  }
  if (rc < 0) return rc;
  if (mark_run) {
    p->in_note_mark = 0;
    p->strip_space = 1;
  }
  return docx_custom_done(rd, p, 0);
}

static int docx_bookmark(docx_rd *rd, docx_x *x, int start) {
  char name[64], id[32];
  const char *v = docx_x_attr(x, DOCX_NS_W, "id", id, sizeof id);
  if (!v) return docx_x_skip(x);
  if (!start) {
    for (size_t i = rd->nbm; i-- > 0;)
      if (rd->bm[i].open && !strcmp(rd->bm[i].id, id)) rd->bm[i].open = 0;
    return docx_x_skip(x);
  }
  /* only Word's reference bookmarks can be targets of NOTEREF */
  if (!docx_x_attr(x, DOCX_NS_W, "name", name, sizeof name) || strncmp(name, "_Ref", 4) || rd->nbm >= 100000)
    return docx_x_skip(x);
  if (rd->nbm == rd->capbm) {
    size_t cap = rd->capbm ? rd->capbm * 2 : 16;
    void *b = realloc(rd->bm, cap * sizeof *rd->bm);
    if (!b) return docx_nomem(rd);
    rd->bm = b;
    rd->capbm = cap;
  }
  memset(&rd->bm[rd->nbm], 0, sizeof rd->bm[0]);
  snprintf(rd->bm[rd->nbm].name, sizeof rd->bm[0].name, "%s", name);
  snprintf(rd->bm[rd->nbm].id, sizeof rd->bm[0].id, "%s", id);
  rd->bm[rd->nbm++].open = 1;
  return docx_x_skip(x);
}

static int docx_hyperlink(docx_rd *rd, docx_x *x, docx_para *p, const docx_style *ps) {
  char buf[1024], url[1100] = "";
  const char *v = docx_x_attr(x, DOCX_NS_R, "id", buf, sizeof buf);
  const docx_rel *rel = v ? docx_rel_find(rd, v) : NULL;
  if (rel) snprintf(url, sizeof url, "%s", rel->target);
  v = docx_x_attr(x, DOCX_NS_W, "anchor", buf, sizeof buf);
  if (v) snprintf(url + strlen(url), sizeof url - strlen(url), "#%s", v);
  if (!url[0] || p->code) return docx_inline_children(rd, x, p, ps, docx_x_depth(x));
  docx_para_reset(p);
  dm_node *link = dm_node_new(rd->doc, DM_NODE_LINK);
  if (!link || dm_node_set_url(link, url) != DM_OK || dm_node_append_child(p->root, link) != DM_OK)
    return docx_nomem(rd);
  v = docx_x_attr(x, DOCX_NS_W, "tooltip", buf, sizeof buf);
  if (v && dm_node_set_title(link, v) != DM_OK) return docx_nomem(rd);
  dm_node *saved = p->root;
  p->root = link;
  int rc = docx_inline_children(rd, x, p, ps, docx_x_depth(x));
  docx_para_reset(p);
  p->root = saved;
  return rc;
}

/* w:fldSimple: its runs are the result; the instruction says what of. */
static int docx_fld_simple(docx_rd *rd, docx_x *x, docx_para *p, const docx_style *ps) {
  if (rd->nfld == 8) return docx_inline_children(rd, x, p, ps, docx_x_depth(x));
  docx_field *fl = &rd->fld[rd->nfld++];
  memset(fl, 0, sizeof *fl);
  char buf[sizeof fl->instr];
  const char *v = docx_x_attr(x, DOCX_NS_W, "instr", buf, sizeof buf);
  snprintf(fl->instr, sizeof fl->instr, "%s", v ? v : "");
  fl->instr_len = strlen(fl->instr);
  docx_fmt none;
  memset(&none, -1, sizeof none);
  int rc = docx_field_separate(rd, p, fl, &none);
  if (rc == DM_OK) rc = docx_inline_children(rd, x, p, ps, docx_x_depth(x));
  if (fl->kind == DOCX_FLD_HYPERLINK && fl->saved_root) {
    docx_para_reset(p);
    p->root = fl->saved_root;
  }
  rd->nfld--;
  return rc;
}

/* One child of a paragraph, or of an inline container inside one. */
int docx_inline_one(docx_rd *rd, docx_x *x, docx_para *p, const docx_style *ps) {
  const char *n = docx_x_name(x);
  int ns = docx_x_ns(x), d = docx_x_depth(x);
  if (ns == DOCX_NS_MC && !strcmp(n, "AlternateContent")) {
    docx_fmt f;
    memset(&f, -1, sizeof f);
    return docx_run_elem(rd, x, p, &f);
  }
  if (ns != DOCX_NS_W) return docx_x_skip(x);
  if (!strcmp(n, "r")) return docx_run(rd, x, p, ps);
  if (!strcmp(n, "hyperlink")) return docx_hyperlink(rd, x, p, ps);
  if (!strcmp(n, "fldSimple")) return docx_fld_simple(rd, x, p, ps);
  if (!strcmp(n, "ins") || !strcmp(n, "moveTo")) {
    rd->insertions++;
    return docx_inline_children(rd, x, p, ps, d);
  }
  if (!strcmp(n, "del") || !strcmp(n, "moveFrom")) {
    rd->deletions++;
    return docx_x_skip(x);
  }
  if (!strcmp(n, "sdt")) {
    int rc;
    while ((rc = docx_x_child(x, d)) == 1) {
      if (docx_x_is(x, DOCX_NS_W, "sdtContent"))
        rc = docx_inline_children(rd, x, p, ps, docx_x_depth(x));
      else
        rc = docx_x_skip(x);
      if (rc != DM_OK) return rc;
    }
    return rc < 0 ? rc : DM_OK;
  }
  if (!strcmp(n, "smartTag") || !strcmp(n, "customXml") || !strcmp(n, "dir") || !strcmp(n, "bdo"))
    return docx_inline_children(rd, x, p, ps, d);
  if (!strcmp(n, "bookmarkStart") || !strcmp(n, "bookmarkEnd")) return docx_bookmark(rd, x, n[8] == 'S');
  if (!strcmp(n, "pPr") || !strcmp(n, "proofErr") || !strcmp(n, "commentRangeStart") || !strcmp(n, "commentRangeEnd") ||
      !strcmp(n, "permStart") || !strcmp(n, "permEnd") || !strcmp(n, "rPr") || !strcmp(n, "sdtPr") ||
      !strcmp(n, "sdtEndPr") || !strcmp(n, "customXmlPr") || !strcmp(n, "smartTagPr"))
    return docx_x_skip(x);
  rd->unknown++;
  if (!rd->first_unknown) rd->first_unknown = dm_doc_strdup(rd->doc, n);
  return docx_x_skip(x);
}

int docx_inline_children(docx_rd *rd, docx_x *x, docx_para *p, const docx_style *ps, int depth) {
  int rc;
  while ((rc = docx_x_child(x, depth)) == 1)
    if ((rc = docx_inline_one(rd, x, p, ps)) != DM_OK) return rc;
  return rc < 0 ? rc : DM_OK;
}

int docx_inline_custom_end(docx_rd *rd, docx_para *p) { return docx_custom_done(rd, p, 1); }

/* Labels the notes (and further references) whose marks are Word's own
 * numbers, now that the numbering settings are known. */
int docx_notes_finish(docx_rd *rd) {
  for (int pass = 0; pass < 2; pass++)
    for (size_t i = 0; i < rd->nmarks; i++) {
      docx_auto_mark *m = &rd->marks[i];
      if ((m->ordinal < 0) != pass) continue;
      char label[64];
      if (pass == 0) {
        docx_notes *ns = m->endnote ? &rd->end : &rd->foot;
        docx_num_format(ns->fmt[0]   ? ns->fmt
                        : m->endnote ? "lowerRoman"
                                     : "decimal",
                        ns->start + m->ordinal, label, sizeof label);
      } else {
        const dm_node *t = dm_node_note_target(m->node);
        snprintf(label, sizeof label, "%s", t && dm_node_label(t) ? dm_node_label(t) : "*");
      }
      if (dm_node_set_label(m->node, label) != DM_OK) return docx_nomem(rd);
    }
  return DM_OK;
}
