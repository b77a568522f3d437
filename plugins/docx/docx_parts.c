/* SPDX-License-Identifier: MIT */
/*
 * The fixed parts of the DOCX package: styles (with the language and font
 * slots that make Chinese render in a CJK font and Arabic right to left,
 * and the named styles of a resolution's parts), settings (footnote
 * numbering), numbering (one w:num per list), content types, relationships
 * and the document properties. Elements are written in the order the
 * ECMA-376 schemas require, which Word enforces.
 */
#include <stdio.h>
#include <string.h>

#include "docx.h"

#define DOCX_CT_BASE "application/vnd.openxmlformats-officedocument."
#define DOCX_MONO_FONT "Courier New"

static void docx_parts_on(docx_xml *x, const char *name) { docx_empty(x, name, NULL, NULL, NULL, NULL); }

static void docx_parts_val(docx_xml *x, const char *name, const char *val) {
  docx_empty(x, name, "w:val", val, NULL, NULL);
}

/* ---- styles ------------------------------------------------------------------ */

typedef struct docx_style_def {
  const char *type, *id, *name, *based_on, *next;
  int qformat;
  /* paragraph properties */
  int keep_next, outline; /* outline: 1..9, 0 none */
  int before, after;      /* spacing in twips; -1 none */
  int left, hanging, first_line;
  const char *jc;
  /* run properties */
  int bold, italic, size; /* size in half-points, 0 none */
  const char *font, *vert, *color;
  int underline;
} docx_style_def;

static void docx_parts_style(docx_state *st, docx_xml *x, const docx_style_def *s) {
  docx_start(x, "w:style");
  docx_attr(x, "w:type", s->type);
  docx_attr(x, "w:styleId", s->id);
  docx_parts_val(x, "w:name", s->name);
  if (s->based_on) docx_parts_val(x, "w:basedOn", s->based_on);
  if (s->next) docx_parts_val(x, "w:next", s->next);
  if (s->qformat) docx_parts_on(x, "w:qFormat");
  int ppr = !strcmp(s->type, "paragraph");
  if (ppr) {
    docx_start(x, "w:pPr");
    if (s->keep_next) docx_parts_on(x, "w:keepNext");
    if (st->rtl) docx_parts_on(x, "w:bidi");
    if (s->before >= 0 || s->after >= 0) {
      docx_start(x, "w:spacing");
      if (s->before >= 0) docx_attr_int(x, "w:before", s->before);
      if (s->after >= 0) docx_attr_int(x, "w:after", s->after);
      docx_end(x);
    }
    if (s->left || s->hanging || s->first_line) {
      docx_start(x, "w:ind");
      docx_attr_int(x, "w:left", s->left);
      if (s->hanging) docx_attr_int(x, "w:hanging", s->hanging);
      if (s->first_line) docx_attr_int(x, "w:firstLine", s->first_line);
      docx_end(x);
    }
    if (s->jc) docx_parts_val(x, "w:jc", s->jc);
    if (s->outline) {
      char lvl[16];
      snprintf(lvl, sizeof lvl, "%d", s->outline - 1);
      docx_parts_val(x, "w:outlineLvl", lvl);
    }
    docx_end(x);
  }
  if (s->bold || s->italic || s->size || s->font || s->vert || s->color || s->underline) {
    docx_start(x, "w:rPr");
    if (s->font) {
      docx_start(x, "w:rFonts");
      docx_attr(x, "w:ascii", s->font);
      docx_attr(x, "w:hAnsi", s->font);
      docx_attr(x, "w:cs", s->font);
      docx_end(x);
    }
    if (s->bold) {
      docx_parts_on(x, "w:b");
      docx_parts_on(x, "w:bCs");
    }
    if (s->italic) {
      docx_parts_on(x, "w:i");
      docx_parts_on(x, "w:iCs");
    }
    if (s->color) docx_parts_val(x, "w:color", s->color);
    if (s->size) {
      char sz[16];
      snprintf(sz, sizeof sz, "%d", s->size);
      docx_parts_val(x, "w:sz", sz);
      docx_parts_val(x, "w:szCs", sz);
    }
    if (s->underline) docx_parts_val(x, "w:u", "single");
    if (s->vert) docx_parts_val(x, "w:vertAlign", s->vert);
    docx_end(x);
  }
  docx_end(x);
}

/* A table style with grid lines and a bold header row, as pandoc's "Table". */
static void docx_parts_table_style(docx_xml *x) {
  static const char *const sides[] = {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"};
  docx_start(x, "w:style");
  docx_attr(x, "w:type", "table");
  docx_attr(x, "w:styleId", "Table");
  docx_parts_val(x, "w:name", "Table");
  docx_start(x, "w:pPr");
  docx_start(x, "w:spacing");
  docx_attr(x, "w:after", "0");
  docx_end(x);
  docx_end(x);
  docx_start(x, "w:tblPr");
  docx_start(x, "w:tblBorders");
  for (size_t i = 0; i < sizeof sides / sizeof *sides; i++) {
    docx_start(x, sides[i]);
    docx_attr(x, "w:val", "single");
    docx_attr(x, "w:sz", "4");
    docx_attr(x, "w:space", "0");
    docx_attr(x, "w:color", "auto");
    docx_end(x);
  }
  docx_end(x);
  docx_start(x, "w:tblCellMar");
  docx_empty(x, "w:left", "w:w", "108", "w:type", "dxa");
  docx_empty(x, "w:right", "w:w", "108", "w:type", "dxa");
  docx_end(x);
  docx_end(x);
  docx_start(x, "w:tblStylePr");
  docx_attr(x, "w:type", "firstRow");
  docx_start(x, "w:rPr");
  docx_parts_on(x, "w:b");
  docx_parts_on(x, "w:bCs");
  docx_end(x);
  docx_end(x);
  docx_end(x);
}

#define P "paragraph"
#define C "character"
/* clang-format off */
static const docx_style_def docx_styles[] = {
    /* type id name basedOn next qFormat keepNext outline before after left hanging firstLine jc
       bold italic size font vert color underline */
    {P, "Heading1", "heading 1", "Normal", "Normal", 1, 1, 1, 360, 120, 0, 0, 0, NULL, 1, 0, 32, NULL, NULL, NULL, 0},
    {P, "Heading2", "heading 2", "Normal", "Normal", 1, 1, 2, 240, 120, 0, 0, 0, NULL, 1, 0, 28, NULL, NULL, NULL, 0},
    {P, "Heading3", "heading 3", "Normal", "Normal", 1, 1, 3, 240, 120, 0, 0, 0, NULL, 1, 0, 26, NULL, NULL, NULL, 0},
    {P, "Heading4", "heading 4", "Normal", "Normal", 1, 1, 4, 240, 120, 0, 0, 0, NULL, 1, 1, 24, NULL, NULL, NULL, 0},
    {P, "Heading5", "heading 5", "Normal", "Normal", 1, 1, 5, 240, 120, 0, 0, 0, NULL, 1, 0, 24, NULL, NULL, NULL, 0},
    {P, "Heading6", "heading 6", "Normal", "Normal", 1, 1, 6, 240, 120, 0, 0, 0, NULL, 0, 1, 24, NULL, NULL, NULL, 0},
    /* the parts of a recognised resolution */
    {P, "PrefaceLine", "Preface Line", "Normal", NULL, 1, 0, 0, -1, 60, 0, 0, 0, NULL, 0, 0, 0, NULL, NULL, NULL, 0},
    {P, "PrefaceHeading", "Preface Heading", "Normal", NULL, 1, 1, 0, 120, 120, 0, 0, 0, NULL, 1, 0, 28, NULL, NULL, NULL, 0},
    {P, "ResolutionTitle", "Resolution Title", "Normal", "Formula", 1, 1, 1, 240, 240, 0, 0, 0, NULL, 1, 0, 28, NULL, NULL, NULL, 0},
    {P, "Formula", "Formula", "Normal", "Preamble", 1, 1, 0, -1, 120, 0, 0, DOCX_INDENT, NULL, 0, 0, 0, NULL, NULL, NULL, 0},
    {P, "Preamble", "Preambular Paragraph", "Normal", "Preamble", 1, 0, 0, -1, 120, 0, 0, DOCX_INDENT, "both", 0, 0, 0, NULL, NULL, NULL, 0},
    {P, "Operative", "Operative Paragraph", "Normal", "Operative", 1, 0, 0, -1, 120, DOCX_INDENT, DOCX_INDENT, 0, "both", 0, 0, 0, NULL, NULL, NULL, 0},
    {P, "OperativePoint", "Operative Sub-item", "Operative", "OperativePoint", 1, 0, 0, -1, 120, 2 * DOCX_INDENT, DOCX_INDENT, 0, "both", 0, 0, 0, NULL, NULL, NULL, 0},
    {P, "Conclusions", "Conclusions", "Normal", "Conclusions", 1, 0, 0, 240, 0, 0, 0, 0, "right", 0, 0, 0, NULL, NULL, NULL, 0},
    /* generic documents */
    {P, "Quote", "Quote", "Normal", NULL, 1, 0, 0, -1, 120, DOCX_INDENT, 0, 0, NULL, 0, 0, 0, NULL, NULL, NULL, 0},
    {P, "ListParagraph", "List Paragraph", "Normal", NULL, 1, 0, 0, -1, 60, 720, 0, 0, NULL, 0, 0, 0, NULL, NULL, NULL, 0},
    {P, "Compact", "Compact", "Normal", NULL, 0, 0, 0, 0, 0, 0, 0, 0, NULL, 0, 0, 0, NULL, NULL, NULL, 0},
    {P, "SourceCode", "Source Code", "Normal", NULL, 0, 0, 0, -1, 120, 0, 0, 0, NULL, 0, 0, 20, DOCX_MONO_FONT, NULL, NULL, 0},
    {P, "FootnoteText", "footnote text", "Normal", NULL, 0, 0, 0, 0, 0, 0, 0, 0, NULL, 0, 0, 20, NULL, NULL, NULL, 0},
    {C, "FootnoteReference", "footnote reference", NULL, NULL, 0, 0, 0, -1, -1, 0, 0, 0, NULL, 0, 0, 0, NULL, "superscript", NULL, 0},
    {C, "Hyperlink", "Hyperlink", NULL, NULL, 0, 0, 0, -1, -1, 0, 0, 0, NULL, 0, 0, 0, NULL, NULL, "0563C1", 1},
    {C, "VerbatimChar", "Verbatim Char", NULL, NULL, 0, 0, 0, -1, -1, 0, 0, 0, NULL, 0, 0, 20, DOCX_MONO_FONT, NULL, NULL, 0},
};
/* clang-format on */
#undef P
#undef C

static int docx_parts_styles(docx_state *st, docx_xml *x) {
  docx_start(x, "w:styles");
  docx_attr(x, "xmlns:w", DOCX_NS_W);
  docx_start(x, "w:docDefaults");
  docx_start(x, "w:rPrDefault");
  docx_start(x, "w:rPr");
  docx_start(x, "w:rFonts");
  docx_attr_text(x, "w:ascii", st->font);
  docx_attr_text(x, "w:hAnsi", st->font);
  if (st->ea_font) docx_attr(x, "w:eastAsia", st->ea_font);
  docx_attr_text(x, "w:cs", st->font);
  docx_end(x);
  docx_start(x, "w:sz");
  docx_attr_int(x, "w:val", st->size);
  docx_end(x);
  docx_start(x, "w:szCs");
  docx_attr_int(x, "w:val", st->size);
  docx_end(x);
  if (st->lang) {
    docx_start(x, "w:lang");
    docx_attr_text(x, "w:val", st->east_asian || st->rtl ? "en-US" : st->lang);
    if (st->east_asian) docx_attr_text(x, "w:eastAsia", st->lang);
    if (st->rtl) docx_attr_text(x, "w:bidi", st->lang);
    docx_end(x);
  }
  docx_end(x);
  docx_end(x);
  docx_start(x, "w:pPrDefault");
  docx_start(x, "w:pPr");
  docx_start(x, "w:spacing");
  docx_attr(x, "w:after", "120");
  if (st->un) {
    /* 10 pt on 12 pt lines, as the UN sets its text */
    docx_attr(x, "w:line", "240");
    docx_attr(x, "w:lineRule", "exact");
  }
  docx_end(x);
  docx_end(x);
  docx_end(x);
  docx_end(x);

  docx_start(x, "w:style");
  docx_attr(x, "w:type", "paragraph");
  docx_attr(x, "w:default", "1");
  docx_attr(x, "w:styleId", "Normal");
  docx_parts_val(x, "w:name", "Normal");
  docx_parts_on(x, "w:qFormat");
  if (st->rtl) {
    docx_start(x, "w:pPr");
    docx_parts_on(x, "w:bidi");
    docx_end(x);
  }
  docx_end(x);
  for (size_t i = 0; i < sizeof docx_styles / sizeof *docx_styles; i++)
    if (!docx_look_style_skip(st, docx_styles[i].id)) docx_parts_style(st, x, &docx_styles[i]);
  docx_look_styles(st, x);
  docx_parts_table_style(x);
  docx_end(x);
  return x->err;
}

int docx_write_styles(docx_state *st, docx_xml *x) {
  if (!st->ref_styles) return docx_parts_styles(st, x);
  docx_xml ours;
  int rc = docx_xml_open(&ours, st);
  if (rc == DM_OK) rc = docx_parts_styles(st, &ours);
  if (rc == DM_OK) rc = docx_xml_close(&ours);
  if (rc == DM_OK) {
    size_t len;
    const char *d = dm_xml_data(ours.x, &len);
    rc = docx_ref_styles(st, x, d, len);
  }
  docx_xml_discard(&ours);
  return rc;
}

/* header1.xml ... footer3.xml for slot 0-5, after prefix. */
static void docx_parts_hf_name(char *buf, size_t size, int slot, const char *prefix) {
  snprintf(buf, size, "%s%s%d.xml", prefix, slot < 3 ? "header" : "footer", slot % 3 + 1);
}

/* ---- settings ------------------------------------------------------------------ */

int docx_write_settings(docx_state *st, docx_xml *x) {
  docx_start(x, "w:settings");
  docx_attr(x, "xmlns:w", DOCX_NS_W);
  docx_empty(x, "w:zoom", "w:percent", "100", NULL, NULL);
  docx_parts_val(x, "w:defaultTabStop", "720");
  if (st->un || st->ref_even_odd) docx_parts_on(x, "w:evenAndOddHeaders");
  if (st->east_asian) docx_parts_val(x, "w:characterSpacingControl", "compressPunctuation");
  docx_start(x, "w:footnotePr");
  if (!st->custom_marks && st->num_start != 1) {
    char n[24];
    snprintf(n, sizeof n, "%ld", st->num_start);
    docx_parts_val(x, "w:numStart", n);
  }
  docx_empty(x, "w:footnote", "w:id", "-1", NULL, NULL);
  docx_empty(x, "w:footnote", "w:id", "0", NULL, NULL);
  docx_end(x);
  docx_start(x, "w:compat");
  docx_start(x, "w:compatSetting");
  docx_attr(x, "w:name", "compatibilityMode");
  docx_attr(x, "w:uri", "http://schemas.microsoft.com/office/word");
  docx_attr(x, "w:val", "15");
  docx_end(x);
  docx_end(x);
  docx_end(x);
  return x->err;
}

static void docx_parts_pgmar(docx_state *st, docx_xml *x);

void docx_write_sectpr(docx_state *st, docx_xml *x) {
  docx_start(x, "w:sectPr");
  /* UN profile: page 1 has the masthead and no running head (w:titlePg
   * with no first-page parts leaves it blank). */
  for (int i = 0; i < DOCX_HF_SLOTS; i++) {
    if (!st->hf[i].present) continue;
    char id[16];
    snprintf(id, sizeof id, "rHf%d", i);
    docx_empty(x, i < 3 ? "w:headerReference" : "w:footerReference", "w:type", st->hf[i].type, "r:id", id);
  }
  if (!st->custom_marks && st->num_start != 1) {
    char n[24];
    snprintf(n, sizeof n, "%ld", st->num_start);
    docx_start(x, "w:footnotePr");
    docx_parts_val(x, "w:numStart", n);
    docx_end(x);
  }
  /* US Letter for New York's documents, A4 for the rest of the world. */
  docx_xml_mark(x); /* closes the start tag before raw markup */
  if (st->ref_pgsz)
    dm_xml_raw(x->x, st->ref_pgsz, strlen(st->ref_pgsz));
  else
    docx_empty(x, "w:pgSz", "w:w", st->letter ? "12240" : "11906", "w:h", st->letter ? "15840" : "16838");
  if (st->ref_pgmar) {
    dm_xml_raw(x->x, st->ref_pgmar, strlen(st->ref_pgmar));
  } else {
    docx_parts_pgmar(st, x);
  }
  if (st->un || st->ref_title_pg) docx_parts_on(x, "w:titlePg");
  if (st->rtl) docx_parts_on(x, "w:bidi");
  docx_end(x);
}

static void docx_parts_pgmar(docx_state *st, docx_xml *x) {
  const char *side = st->un ? "1200" : "1440";
  docx_start(x, "w:pgMar");
  docx_attr(x, "w:top", "1440");
  docx_attr(x, "w:right", side);
  docx_attr(x, "w:bottom", "1440");
  docx_attr(x, "w:left", side);
  docx_attr(x, "w:header", "720");
  docx_attr(x, "w:footer", "720");
  docx_attr(x, "w:gutter", "0");
  docx_end(x);
}

/* ---- numbering ----------------------------------------------------------------- */

static const char *const docx_bullets[] = {"\xE2\x80\xA2", "\xE2\x97\xA6", "\xE2\x96\xAA"};

/* One abstract numbering per list: the list's own start, delimiter and
 * kind at every level, indented by level. */
static int docx_parts_numbering(docx_state *st, docx_xml *x) {
  docx_start(x, "w:numbering");
  docx_attr(x, "xmlns:w", DOCX_NS_W);
  for (size_t i = 0; i < st->nlists && !x->err; i++) {
    const docx_list *l = &st->lists[i];
    docx_start(x, "w:abstractNum");
    docx_attr_int(x, "w:abstractNumId", st->abs_base + (long long)i + 1);
    docx_parts_val(x, "w:multiLevelType", "multilevel");
    for (int lvl = 0; lvl < 9; lvl++) {
      char text[16];
      docx_start(x, "w:lvl");
      docx_attr_int(x, "w:ilvl", lvl);
      docx_start(x, "w:start");
      docx_attr_int(x, "w:val", l->ordered ? l->start : 1);
      docx_end(x);
      docx_parts_val(x, "w:numFmt", l->ordered ? "decimal" : "bullet");
      if (l->ordered)
        snprintf(text, sizeof text, "%%%d%c", lvl + 1, l->delim == ')' ? ')' : '.');
      else
        snprintf(text, sizeof text, "%s", docx_bullets[lvl % 3]);
      docx_parts_val(x, "w:lvlText", text);
      docx_parts_val(x, "w:lvlJc", "left");
      docx_start(x, "w:pPr");
      docx_start(x, "w:ind");
      docx_attr_int(x, "w:left", 720L * (lvl + 1));
      docx_attr_int(x, "w:hanging", 360);
      docx_end(x);
      docx_end(x);
      docx_end(x);
    }
    docx_end(x);
  }
  for (size_t i = 0; i < st->nlists && !x->err; i++) {
    docx_start(x, "w:num");
    docx_attr_int(x, "w:numId", st->num_base + (long long)i + 1);
    docx_start(x, "w:abstractNumId");
    docx_attr_int(x, "w:val", st->abs_base + (long long)i + 1);
    docx_end(x);
    docx_end(x);
  }
  docx_end(x);
  return x->err;
}

/* With a template, its numbering part with ours added (docx_ref.c). */
int docx_write_numbering(docx_state *st, docx_xml *x) {
  if (!st->ref_numbering) return docx_parts_numbering(st, x);
  docx_xml ours;
  int rc = docx_xml_open(&ours, st);
  if (rc == DM_OK) rc = docx_parts_numbering(st, &ours);
  if (rc == DM_OK) rc = docx_xml_close(&ours);
  if (rc == DM_OK) {
    size_t len;
    const char *d = dm_xml_data(ours.x, &len);
    rc = docx_ref_numbering(st, x, d, len);
  }
  docx_xml_discard(&ours);
  return rc;
}

/* ---- package ------------------------------------------------------------------- */

static void docx_parts_override(docx_xml *x, const char *part, const char *type) {
  docx_start(x, "Override");
  docx_attr(x, "PartName", part);
  docx_attr(x, "ContentType", type);
  docx_end(x);
}

int docx_write_content_types(docx_state *st, docx_xml *x) {
  docx_start(x, "Types");
  docx_attr(x, "xmlns", "http://schemas.openxmlformats.org/package/2006/content-types");
  docx_start(x, "Default");
  docx_attr(x, "Extension", "rels");
  docx_attr(x, "ContentType", "application/vnd.openxmlformats-package.relationships+xml");
  docx_end(x);
  docx_start(x, "Default");
  docx_attr(x, "Extension", "xml");
  docx_attr(x, "ContentType", "application/xml");
  docx_end(x);
  static const char *const pictures[] = {"png", "jpeg", "gif", "svg"};
  for (size_t k = 0; k < 4; k++) {
    size_t i = 0;
    while (i < st->nimages && (k == 3 ? !st->images[i].svg : strcmp(st->images[i].ext, pictures[k]) != 0))
      i++;
    if (i == st->nimages) continue;
    char type[16];
    snprintf(type, sizeof type, "image/%s", k == 3 ? "svg+xml" : pictures[k]);
    docx_start(x, "Default");
    docx_attr(x, "Extension", pictures[k]);
    docx_attr(x, "ContentType", type);
    docx_end(x);
  }
  docx_parts_override(x, "/word/document.xml", DOCX_CT_BASE "wordprocessingml.document.main+xml");
  docx_parts_override(x, "/word/styles.xml", DOCX_CT_BASE "wordprocessingml.styles+xml");
  docx_parts_override(x, "/word/settings.xml", DOCX_CT_BASE "wordprocessingml.settings+xml");
  docx_parts_override(x, "/word/footnotes.xml", DOCX_CT_BASE "wordprocessingml.footnotes+xml");
  if (st->has_lists || st->ref_numbering)
    docx_parts_override(x, "/word/numbering.xml", DOCX_CT_BASE "wordprocessingml.numbering+xml");
  for (int i = 0; i < DOCX_HF_SLOTS; i++) {
    if (!st->hf[i].present) continue;
    char part[32];
    docx_parts_hf_name(part, sizeof part, i, "/word/");
    docx_parts_override(
        x, part, i < 3 ? DOCX_CT_BASE "wordprocessingml.header+xml" : DOCX_CT_BASE "wordprocessingml.footer+xml");
  }
  docx_parts_override(x, "/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml");
  docx_parts_override(x, "/docProps/app.xml", DOCX_CT_BASE "extended-properties+xml");
  docx_parts_override(x, "/" DOCX_CUSTOM_ITEM_PROPS, DOCX_CT_BASE "customXmlProperties+xml");
  docx_end(x);
  return x->err;
}

static void docx_parts_rel(docx_xml *x, const char *id, const char *type, const char *target, int external) {
  docx_start(x, "Relationship");
  docx_attr(x, "Id", id);
  docx_attr(x, "Type", type);
  docx_attr(x, "Target", target);
  if (external) docx_attr(x, "TargetMode", "External");
  docx_end(x);
}

int docx_write_package_rels(docx_state *st, docx_xml *x) {
  (void)st;
  docx_start(x, "Relationships");
  docx_attr(x, "xmlns", "http://schemas.openxmlformats.org/package/2006/relationships");
  docx_parts_rel(x, "rId1", DOCX_REL_BASE "officeDocument", "word/document.xml", 0);
  docx_parts_rel(x, "rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                 "docProps/core.xml", 0);
  docx_parts_rel(x, "rId3", DOCX_REL_BASE "extended-properties", "docProps/app.xml", 0);
  docx_end(x);
  return x->err;
}

int docx_write_part_rels(docx_state *st, docx_xml *x, const docx_rels *r, int is_document) {
  docx_start(x, "Relationships");
  docx_attr(x, "xmlns", "http://schemas.openxmlformats.org/package/2006/relationships");
  if (is_document) {
    docx_parts_rel(x, "rId1", DOCX_REL_BASE "styles", "styles.xml", 0);
    docx_parts_rel(x, "rId2", DOCX_REL_BASE "settings", "settings.xml", 0);
    docx_parts_rel(x, "rId3", DOCX_REL_BASE "footnotes", "footnotes.xml", 0);
    if (st->nlists || st->ref_numbering) docx_parts_rel(x, "rId4", DOCX_REL_BASE "numbering", "numbering.xml", 0);
    docx_parts_rel(x, "rCustom1", DOCX_REL_BASE "customXml", "../" DOCX_CUSTOM_ITEM, 0);
    for (int i = 0; i < DOCX_HF_SLOTS; i++) {
      if (!st->hf[i].present) continue;
      char id[16], part[32];
      snprintf(id, sizeof id, "rHf%d", i);
      docx_parts_hf_name(part, sizeof part, i, "");
      docx_parts_rel(x, id, i < 3 ? DOCX_REL_BASE "header" : DOCX_REL_BASE "footer", part, 0);
    }
    for (size_t i = 0; i < st->nimages; i++) {
      char id[32], target[64];
      snprintf(id, sizeof id, "rImg%d", st->images[i].id);
      snprintf(target, sizeof target, "media/image%d.%s", st->images[i].id, st->images[i].ext);
      docx_parts_rel(x, id, DOCX_REL_BASE "image", target, 0);
      if (!st->images[i].svg) continue;
      snprintf(id, sizeof id, "rImg%ds", st->images[i].id);
      snprintf(target, sizeof target, "media/image%d.svg", st->images[i].id);
      docx_parts_rel(x, id, DOCX_REL_BASE "image", target, 0);
    }
  }
  for (size_t i = 0; i < r->count && !x->err; i++) {
    char id[32];
    snprintf(id, sizeof id, "rLink%zu", i + 1);
    docx_parts_rel(x, id, DOCX_REL_BASE "hyperlink", r->targets[i], 1);
  }
  docx_end(x);
  return x->err;
}

static void docx_parts_dc(docx_xml *x, const char *name, const char *value) {
  if (!value || !*value) return;
  docx_start(x, name);
  docx_text(x, value, strlen(value), dm_pos_offset(DM_NO_OFFSET));
  docx_end(x);
}

int docx_write_core(docx_state *st, docx_xml *x) {
  const dm_doc *doc = st->doc;
  docx_start(x, "cp:coreProperties");
  docx_attr(x, "xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
  docx_attr(x, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
  docx_attr(x, "xmlns:dcterms", "http://purl.org/dc/terms/");
  docx_attr(x, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
  docx_parts_dc(x, "dc:title", dm_doc_meta(doc, DM_META_TITLE));
  docx_parts_dc(x, "dc:subject", dm_doc_meta(doc, DM_META_AGENDA_TITLE));
  const char *author = dm_doc_meta(doc, DM_META_AUTHOR);
  docx_parts_dc(x, "dc:creator", author ? author : "docmill");
  docx_parts_dc(x, "dc:identifier", dm_doc_meta(doc, DM_META_SYMBOL));
  docx_parts_dc(x, "dc:language", dm_doc_meta(doc, DM_META_LANGUAGE));
  docx_parts_dc(x, "cp:lastModifiedBy", "docmill");
  if (st->have_date) {
    docx_start(x, "dcterms:created");
    docx_attr(x, "xsi:type", "dcterms:W3CDTF");
    docx_text(x, st->date, strlen(st->date), dm_pos_offset(DM_NO_OFFSET));
    docx_end(x);
    docx_start(x, "dcterms:modified");
    docx_attr(x, "xsi:type", "dcterms:W3CDTF");
    docx_text(x, st->date, strlen(st->date), dm_pos_offset(DM_NO_OFFSET));
    docx_end(x);
  }
  docx_end(x);
  return x->err;
}

int docx_write_app(docx_state *st, docx_xml *x) {
  (void)st;
  docx_start(x, "Properties");
  docx_attr(x, "xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties");
  docx_start(x, "Application");
  docx_text(x, "docmill", 7, dm_pos_offset(DM_NO_OFFSET));
  docx_end(x);
  docx_end(x);
  return x->err;
}
