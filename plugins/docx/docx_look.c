/* SPDX-License-Identifier: MIT */
/*
 * How the DOCX looks: the UN document profile, the default for a
 * recognised resolution, which lays the document out as the United Nations
 * prints it -- the masthead on page 1, the symbol over a rule at the top of
 * every later page and the page as "2/5" with the job number at the foot,
 * left on even pages and right on odd ones; 10 pt Times New Roman on 12 pt
 * lines, justified, in a text block indented from both margins; clauses
 * with a first-line indent and operative numbers at that indent with the
 * following lines back at the block's edge; US Letter for documents of New
 * York, A4 for those of Geneva and Vienna. Also the page and font options
 * (docx.page, docx.font, docx.font-size) that apply to every document.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docx.h"
#include "docx_write_tables.h"

static void docx_look_val(docx_xml *x, const char *name, const char *val) {
  docx_empty(x, name, "w:val", val, NULL, NULL);
}

static void docx_look_on(docx_xml *x, const char *name) { docx_empty(x, name, NULL, NULL, NULL, NULL); }

/* ---- set-up ---------------------------------------------------------------- */

/* Symbol prefixes of bodies whose documents are printed in Geneva or
 * Vienna, on A4 (the Human Rights Council, the economic commission for
 * Europe, UNCTAD, UNODC's commissions); the rest are New York's, on
 * Letter. */
static const char *const docx_look_a4_symbols[] = {"A/HRC/", "ECE/", "TD/", "E/CN.7/", "E/CN.15/", "CCPR/", NULL};

/* The symbol of the document: the metadata's, else the cover page's
 * docNumber span that looks like one ("A/RES/75/158", not "75/158."). */
static const char *docx_look_find_symbol(const dm_doc *doc) {
  const char *s = dm_doc_meta(doc, DM_META_SYMBOL);
  if (s && *s) return s;
  const dm_node *root = dm_doc_root(doc);
  for (const dm_node *d = dm_node_first_child(root); d; d = dm_node_next(d)) {
    if (dm_node_type_of(d) != DM_NODE_DIV) continue;
    for (const dm_node *p = dm_node_first_child(d); p; p = dm_node_next(p)) {
      const dm_node *sp = dm_node_first_child(p);
      if (!sp || dm_node_type_of(sp) != DM_NODE_SPAN || !dm_node_class(sp) || strcmp(dm_node_class(sp), "docNumber"))
        continue;
      const dm_node *t = dm_node_first_child(sp);
      if (!t || dm_node_type_of(t) != DM_NODE_TEXT || dm_node_next(t)) continue;
      const char *lit = dm_node_literal(t);
      size_t len = dm_node_literal_len(t);
      if (len > 2 && len < 64 && memchr(lit, '/', len) && !memchr(lit, ' ', len) && lit[len - 1] != '.' &&
          lit[0] >= 'A' && lit[0] <= 'Z')
        return dm_doc_strndup(dm_node_doc(t), lit, len);
    }
  }
  return NULL;
}

/* "10" or "10.5" points as half-points; 0 when not a size from 4 to 96. */
static int docx_look_parse_size(const char *s) {
  char *end;
  double v = strtod(s, &end);
  if (end == s || *end || v < 4 || v > 96) return 0;
  return (int)(v * 2 + 0.5);
}

int docx_look_setup(docx_state *st) {
  const dm_doc *doc = st->doc;
  const char *profile = dm_option_str(st->ctx, "profile");
  const char *type = dm_doc_meta(doc, DM_META_DOC_TYPE);
  const char *country = dm_doc_meta(doc, DM_META_COUNTRY);
  const char *body = dm_doc_meta(doc, DM_META_BODY_ID);
  int recognised =
      type && !strcmp(type, "resolution") && ((country && !strcmp(country, "un")) || (body && !strncmp(body, "un", 2)));
  /* A template of the user's is the look they want: the UN's only when
   * asked for. */
  if (!strcmp(profile, "un"))
    st->un = 1;
  else if (!strcmp(profile, "auto"))
    st->un = recognised && !*dm_option_str(st->ctx, "reference-doc");
  else if (strcmp(profile, "plain"))
    return dm_error(st->ctx, DM_EUSAGE, "option docx.profile: '%s' is not auto, un or plain", profile);
  st->symbol = docx_look_find_symbol(doc);
  const char *job = dm_doc_meta(doc, "job-number");
  st->job = job && *job ? job : NULL;
  const char *page = dm_option_str(st->ctx, "page");
  if (!strcmp(page, "letter")) {
    st->letter = 1;
  } else if (!strcmp(page, "auto")) {
    st->letter = st->un;
    for (const char *const *p = docx_look_a4_symbols; st->letter && st->symbol && *p; p++)
      if (!strncmp(st->symbol, *p, strlen(*p))) st->letter = 0;
  } else if (strcmp(page, "a4")) {
    return dm_error(st->ctx, DM_EUSAGE, "option docx.page: '%s' is not letter, a4 or auto", page);
  }
  if (st->un) {
    st->hf[0] = (docx_hf){1, "even", NULL, 0};
    st->hf[1] = (docx_hf){1, "default", NULL, 0};
    st->hf[3] = (docx_hf){1, "even", NULL, 0};
    st->hf[4] = (docx_hf){1, "default", NULL, 0};
  }
  const char *font = dm_option_str(st->ctx, "font");
  st->font = *font ? font : "Times New Roman";
  const char *size = dm_option_str(st->ctx, "font-size");
  st->size = st->un ? 20 : 24;
  if (*size && !(st->size = docx_look_parse_size(size)))
    return dm_error(st->ctx, DM_EUSAGE, "option docx.font-size: '%s' is not a size in points from 4 to 96", size);
  return DM_OK;
}

long docx_look_text_width(const docx_state *st) {
  return st->un ? (st->letter ? 12240 : 11906) - 2 * 1200 : (st->letter ? 12240 : 11906) - 2 * 1440;
}

/* ---- styles ---------------------------------------------------------------- */

/* The styles themselves are data: data/un-styles.tsv, compiled into
 * docx_un_styles by write_tables.cmake. */

int docx_look_style_skip(const docx_state *st, const char *id) {
  if (!st->un) return 0;
  for (size_t i = 0; i < docx_un_styles_count; i++)
    if (!strcmp(docx_un_styles[i].id, id)) return 1;
  return 0;
}

static void docx_look_border(docx_xml *x, const char *side, int sz) {
  docx_start(x, side);
  docx_attr(x, "w:val", "single");
  docx_attr_int(x, "w:sz", sz);
  docx_attr(x, "w:space", "1");
  docx_attr(x, "w:color", "auto");
  docx_end(x);
}

static void docx_look_ppr(docx_state *st, docx_xml *x, const docx_un_style *s) {
  docx_start(x, "w:pPr");
  if (s->keep_next) docx_look_on(x, "w:keepNext");
  if (s->border) {
    docx_start(x, "w:pBdr");
    if (s->border == 2)
      docx_look_border(x, "w:top", 6);
    else
      docx_look_border(x, "w:bottom", s->border == 3 ? 12 : 4);
    docx_end(x);
  }
  if (s->tab) {
    docx_start(x, "w:tabs");
    docx_start(x, "w:tab");
    docx_attr(x, "w:val", s->tab < 0 ? "right" : "left");
    docx_attr_int(x, "w:pos", s->tab < 0 ? docx_look_text_width(st) : s->tab);
    docx_end(x);
    docx_end(x);
  }
  /* The running heads and feet, and the distribution block, are left to
   * right whatever the language: they hold the symbol, numbers and dates. */
  if (st->rtl && strncmp(s->id, "Running", 7) && strcmp(s->id, "MastheadDistr"))
    docx_look_on(x, "w:bidi");
  else if (st->rtl)
    docx_look_val(x, "w:bidi", "0"); /* Normal is right to left */
  docx_start(x, "w:spacing");
  if (s->before >= 0) docx_attr_int(x, "w:before", s->before);
  if (s->after >= 0) docx_attr_int(x, "w:after", s->after);
  docx_end(x);
  docx_start(x, "w:ind");
  docx_attr_int(x, "w:left", s->left);
  docx_attr_int(x, "w:right", s->right);
  if (s->hang) docx_attr_int(x, "w:hanging", s->hang);
  if (s->first) docx_attr_int(x, "w:firstLine", s->first);
  docx_end(x);
  if (s->jc) docx_look_val(x, "w:jc", s->jc);
  docx_end(x);
}

void docx_look_styles(docx_state *st, docx_xml *x) {
  if (!st->un) return;
  for (size_t i = 0; i < docx_un_styles_count; i++) {
    const docx_un_style *s = &docx_un_styles[i];
    docx_start(x, "w:style");
    docx_attr(x, "w:type", "paragraph");
    docx_attr(x, "w:styleId", s->id);
    docx_look_val(x, "w:name", s->name);
    docx_look_val(x, "w:basedOn", "Normal");
    if (s->next) docx_look_val(x, "w:next", s->next);
    docx_look_on(x, "w:qFormat");
    docx_look_ppr(st, x, s);
    if (s->bold || s->italic || s->size) {
      docx_start(x, "w:rPr");
      if (s->bold) {
        docx_look_on(x, "w:b");
        docx_look_on(x, "w:bCs");
      }
      if (s->italic) {
        docx_look_on(x, "w:i");
        docx_look_on(x, "w:iCs");
      }
      if (s->size) {
        docx_start(x, "w:sz");
        docx_attr_int(x, "w:val", s->size);
        docx_end(x);
        docx_start(x, "w:szCs");
        docx_attr_int(x, "w:val", s->size);
        docx_end(x);
      }
      docx_end(x);
    }
    docx_end(x);
  }
}

/* ---- the masthead ---------------------------------------------------------- */

/* The class of the first span of a paragraph (looking inside a wrapper
 * such as "upperLeft"), skipping an image and the break after it. */
static const char *docx_look_first_class(const dm_node *para) {
  const dm_node *c = dm_node_first_child(para);
  while (c && (dm_node_type_of(c) == DM_NODE_IMAGE || dm_node_type_of(c) == DM_NODE_SOFTBREAK))
    c = dm_node_next(c);
  for (int depth = 0; c && depth < 3; depth++) {
    if (dm_node_type_of(c) != DM_NODE_SPAN || !dm_node_class(c)) return NULL;
    const char *cls = dm_node_class(c);
    const dm_node *in = dm_node_first_child(c);
    if (strcmp(cls, "upperLeft") || !in || dm_node_type_of(in) != DM_NODE_SPAN) return cls;
    c = in;
  }
  return NULL;
}

/* The masthead's lines by the class the reader gave them (the AKN
 * reader's names for UN XML, which the recogniser also uses). */
static const struct {
  const char *cls, *style;
} docx_look_cover_map[] = {
    {"docNumber", "MastheadLine"},   {"docStatus", "MastheadDistr"},    {"docDate", "MastheadDistr"},
    {"session", "MastheadSession"},  {"agenda item", "MastheadLine"},   {"agenda item name", "MastheadLine"},
    {"docTitle", "AdoptionHeading"}, {"docProponent", "CommitteeLine"}, {"docAuthority", "MastheadBody"},
};

/* Whether the paragraph holds, anywhere but in a note, a span of class
 * cls. */
static int docx_look_holds(const dm_node *n, const char *cls, int depth) {
  if (depth > 8) return 0;
  for (const dm_node *c = dm_node_first_child(n); c; c = dm_node_next(c)) {
    int t = dm_node_type_of(c);
    if (t == DM_NODE_SPAN && dm_node_class(c) && !strcmp(dm_node_class(c), cls)) return 1;
    if (t != DM_NODE_NOTE && !dm_node_type_is_leaf(t) && docx_look_holds(c, cls, depth + 1)) return 1;
  }
  return 0;
}

/* A line the PDF reader found in bold or italic is that emphasis around
 * what the recogniser marked: the emphasis wrapping the whole line. */
static const dm_node *docx_look_unwrap(const dm_node *para) {
  const dm_node *c = dm_node_first_child(para);
  if (c && !dm_node_next(c) && (dm_node_type_of(c) == DM_NODE_STRONG || dm_node_type_of(c) == DM_NODE_EMPH)) return c;
  return para;
}

/* The first text of a line, through its emphasis. */
static const dm_node *docx_look_first_text(const dm_node *n) {
  const dm_node *c = dm_node_first_child(n);
  while (c && (dm_node_type_of(c) == DM_NODE_STRONG || dm_node_type_of(c) == DM_NODE_EMPH))
    c = dm_node_first_child(c);
  return c && dm_node_type_of(c) == DM_NODE_TEXT ? c : NULL;
}

size_t docx_look_title_number(const dm_doc *doc, const char *s, size_t len) {
  const char *num = dm_doc_meta(doc, DM_META_NUMBER);
  size_t n = num ? strlen(num) : 0;
  if (!n || len < n + 2 || memcmp(s, num, n) || s[n] != '.' || s[n + 1] != ' ') return 0;
  return n + 1;
}

/* Whether the line is nothing but the text of metadata key (the symbol,
 * the agenda item's title), as the recogniser leaves such lines. */
static int docx_look_is_meta(const dm_doc *doc, const dm_node *para, const char *key) {
  const char *v = dm_doc_meta(doc, key);
  const dm_node *t = para ? dm_node_first_child(para) : NULL;
  if (!v || !*v || !t || dm_node_type_of(t) != DM_NODE_TEXT || dm_node_next(t)) return 0;
  return dm_node_literal_len(t) == strlen(v) && !memcmp(dm_node_literal(t), v, strlen(v));
}

/* The masthead's lines of a preface that a recogniser made from text,
 * Markdown or PDF: the spans it marks (the body, the distribution, the
 * session, the agenda item, the dates, the committee) and the lines that
 * are the text of its metadata (the title's line by its number). The issue date stands alone on its line;
 * the adoption date sits inside the adoption heading. The line with the
 * title is left to the preface's ResolutionTitle. */
static const char *docx_look_line_style(const dm_doc *doc, const dm_node *para, const dm_node *prev) {
  if (docx_look_holds(para, "docTitle", 0)) return NULL;
  const dm_node *next = dm_node_next(para), *t = docx_look_first_text(para);
  int first = !prev, before_symbol = docx_look_is_meta(doc, next, DM_META_SYMBOL);
  /* "73/7. Report of ..." as one line of bold text */
  if (t && docx_look_title_number(doc, dm_node_literal(t), dm_node_literal_len(t))) return "ResolutionTitle";
  const char *cls = docx_look_first_class(docx_look_unwrap(para));
  const char *next_cls = next ? docx_look_first_class(docx_look_unwrap(next)) : NULL;
  if (cls && !strcmp(cls, "docAuthority")) return first && before_symbol ? "MastheadOrg" : "MastheadBody";
  if (docx_look_holds(para, "docStatus", 0)) return "MastheadDistr";
  if (cls && !strcmp(cls, "docDate") && !dm_node_next(dm_node_first_child(para))) return "MastheadDistr";
  if (docx_look_holds(para, "docDate", 0)) return "AdoptionHeading";
  if (cls && !strcmp(cls, "session")) return "MastheadSession";
  if (cls && !strcmp(cls, "docketNumber")) return "MastheadLine";
  if (docx_look_holds(para, "docProponent", 0)) return "CommitteeLine";
  /* "[without reference to a Main Committee (...)]" names none, but
   * follows the adoption heading in its brackets. */
  if (prev && docx_look_holds(prev, "docDate", 0) && dm_node_next(dm_node_first_child(prev)) && t &&
      dm_node_literal_len(t) && dm_node_literal(t)[0] == '[')
    return "CommitteeLine";
  if (docx_look_is_meta(doc, para, DM_META_SYMBOL) || docx_look_is_meta(doc, para, DM_META_AGENDA_TITLE))
    return "MastheadLine";
  /* "United Nations", first and followed by the symbol, has no span of
   * its own: the recogniser keeps it as the line it read. */
  if (first && !cls && (before_symbol || (next_cls && !strcmp(next_cls, "docAuthority")))) return "MastheadOrg";
  return NULL;
}

const char *docx_look_cover_style(const dm_doc *doc, const dm_node *para, const dm_node *prev, int recognised) {
  if (recognised) return docx_look_line_style(doc, para, prev);
  const char *cls = docx_look_first_class(para);
  if (!cls) return NULL;
  /* The organisation's name, first on the page, carries the top line. */
  if (!prev && !strcmp(cls, "docAuthority")) return "MastheadOrg";
  for (size_t i = 0; i < sizeof docx_look_cover_map / sizeof *docx_look_cover_map; i++)
    if (!strcmp(docx_look_cover_map[i].cls, cls)) return docx_look_cover_map[i].style;
  return NULL;
}

/* ---- running heads and feet ------------------------------------------------ */

static void docx_look_root(docx_xml *x, const char *name) {
  docx_start(x, name);
  docx_attr(x, "xmlns:w", DOCX_NS_W);
  docx_attr(x, "xmlns:r", DOCX_NS_R);
}

static void docx_look_run(docx_xml *x, const char *s) {
  docx_start(x, "w:r");
  docx_start(x, "w:t");
  docx_attr(x, "xml:space", "preserve");
  docx_text(x, s, strlen(s), dm_pos_offset(DM_NO_OFFSET));
  docx_end(x);
  docx_end(x);
}

static void docx_look_tab(docx_xml *x) {
  docx_start(x, "w:r");
  docx_look_on(x, "w:tab");
  docx_end(x);
}

/* A field whose result reads right before Word or LibreOffice updates it. */
static void docx_look_field(docx_xml *x, const char *instr, const char *shown) {
  docx_start(x, "w:fldSimple");
  docx_attr(x, "w:instr", instr);
  docx_look_run(x, shown);
  docx_end(x);
}

static void docx_look_ppr_simple(docx_state *st, docx_xml *x, const char *style, const char *jc) {
  docx_start(x, "w:pPr");
  (void)st;
  docx_look_val(x, "w:pStyle", style);
  docx_look_val(x, "w:jc", jc);
  docx_end(x);
}

/* The symbol over a rule: at the left of even pages, the right of odd. */
static int docx_look_header(docx_state *st, docx_xml *x, int odd) {
  docx_look_root(x, "w:hdr");
  docx_start(x, "w:p");
  /* In a right-to-left paragraph "left" is the far end: the header is
   * left to right, as the symbol is. */
  docx_look_ppr_simple(st, x, "RunningHead", odd ? "right" : "left");
  if (st->symbol) docx_look_run(x, st->symbol);
  docx_end(x);
  docx_end(x);
  return x->err;
}

/* "2/5" and the job number, mirrored: the page at the outer edge. */
static int docx_look_footer(docx_state *st, docx_xml *x, int odd) {
  docx_look_root(x, "w:ftr");
  docx_start(x, "w:p");
  docx_look_ppr_simple(st, x, "RunningFoot", "left");
  if (odd && st->job) docx_look_run(x, st->job);
  if (odd) docx_look_tab(x);
  docx_look_field(x, " PAGE ", "1");
  docx_look_run(x, "/");
  docx_look_field(x, " NUMPAGES ", "1");
  if (!odd) {
    docx_look_tab(x);
    if (st->job) docx_look_run(x, st->job);
  }
  docx_end(x);
  docx_end(x);
  return x->err;
}

int docx_write_hf(docx_state *st, docx_xml *x, int slot) {
  const docx_hf *h = &st->hf[slot];
  if (h->data) return docx_ref_copy(x, h->data, h->size);
  int odd = strcmp(h->type, "even") != 0;
  return slot < 3 ? docx_look_header(st, x, odd) : docx_look_footer(st, x, odd);
}
