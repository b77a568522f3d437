/* SPDX-License-Identifier: MIT */
/*
 * A reader plugin for the plugin SDK test, built out of tree like any
 * third-party plugin. It ignores its input except for a first line
 * "lang=TAG" and builds, through the public model API only, a small
 * resolution holding every node type a writer meets: preface, preamble
 * with recitals, numbered operative paragraphs with nested points, notes
 * with the markers "1", "*", "2" (which holds the nested note "a") and one
 * without a marker, a second reference to note "1", conclusions, and an
 * annex with lists, a table, code, quotes, links, an image, raw content and
 * text that needs escaping. plugin_sdk.sh checks the HTML writer's page
 * against what this file builds.
 */
#include <string.h>

#include <docmill/docmill.h>

typedef struct fx {
  dm_doc *doc;
  int failed;
} fx;

static dm_node *fx_node(fx *f, dm_node *parent, dm_node_type type) {
  dm_node *n = dm_node_new(f->doc, type);
  if (!n || (parent && dm_node_append_child(parent, n) != DM_OK)) f->failed = 1;
  return n;
}

static dm_node *fx_text(fx *f, dm_node *parent, const char *s) {
  dm_node *n = dm_node_new_text(f->doc, s, strlen(s));
  if (!n || !parent || dm_node_append_child(parent, n) != DM_OK) f->failed = 1;
  return n;
}

static dm_node *fx_div(fx *f, dm_node *parent, dm_role role, const char *label) {
  dm_node *n = dm_node_new_div(f->doc, role, label);
  if (!n || !parent || dm_node_append_child(parent, n) != DM_OK) f->failed = 1;
  return n;
}

static dm_node *fx_para(fx *f, dm_node *parent, const char *s) {
  dm_node *p = fx_node(f, parent, DM_NODE_PARAGRAPH);
  if (p && s) fx_text(f, p, s);
  return p;
}

/* A note at the place of its reference, holding one paragraph. */
static dm_node *fx_note(fx *f, dm_node *parent, const char *marker, const char *text) {
  dm_node *n = fx_node(f, parent, DM_NODE_NOTE);
  if (n && marker && dm_node_set_label(n, marker) != DM_OK) f->failed = 1;
  if (n) fx_para(f, n, text);
  return n;
}

static dm_node *fx_inline(fx *f, dm_node *parent, dm_node_type type, const char *text) {
  dm_node *n = fx_node(f, parent, type);
  if (n) fx_text(f, n, text);
  return n;
}

static void fx_meta(fx *f, const char *key, const char *value) {
  if (dm_doc_set_meta(f->doc, key, value) != DM_OK) f->failed = 1;
}

static void fx_check(fx *f, int rc) {
  if (rc != DM_OK) f->failed = 1;
}

static void fx_body(fx *f, const char *lang) {
  dm_node *root = dm_doc_root(f->doc);
  fx_meta(f, DM_META_TITLE, "Fixture <one> & \"two\"");
  fx_meta(f, DM_META_LANGUAGE, lang);
  fx_meta(f, DM_META_DOC_TYPE, "resolution");
  fx_meta(f, DM_META_SYMBOL, "A/RES/1/1");

  dm_node *preface = fx_div(f, root, DM_ROLE_PREFACE, NULL);
  dm_node *h = fx_node(f, preface, DM_NODE_HEADING);
  fx_check(f, dm_node_set_heading_level(h, 1));
  fx_text(f, h, "Resolution 1/1");
  dm_node *p = fx_para(f, preface, NULL);
  dm_node *span = fx_inline(f, p, DM_NODE_SPAN, "1/1");
  fx_check(f, dm_node_set_class(span, "docNumber"));
  fx_text(f, p, " adopted on ");
  span = fx_inline(f, p, DM_NODE_SPAN, "16 December 2020");
  fx_check(f, dm_node_set_class(span, "docDate"));
  fx_check(f, dm_node_set_attr(span, "date", "2020-12-16"));

  dm_node *preamble = fx_div(f, root, DM_ROLE_PREAMBLE, NULL);
  fx_para(f, fx_div(f, preamble, DM_ROLE_FORMULA, NULL), "The Assembly,");
  p = fx_para(f, fx_div(f, preamble, DM_ROLE_RECITAL, NULL), NULL);
  fx_inline(f, p, DM_NODE_EMPH, "Recalling");
  fx_text(f, p, " that 5 < 6 & \"q\" 'apos'");
  dm_node *note1 = fx_note(f, p, "1", "First note.");
  fx_text(f, p, ",");
  p = fx_para(f, fx_div(f, preamble, DM_ROLE_RECITAL, NULL), "Noting the star");
  fx_note(f, p, "*", "Star note.");
  fx_text(f, p, ",");

  dm_node *body = fx_div(f, root, DM_ROLE_MAIN_BODY, NULL);
  p = fx_para(f, fx_div(f, body, DM_ROLE_PARAGRAPH, "1."), "Decides");
  dm_node *note2 = fx_note(f, p, "2", "Second note, part one.");
  p = fx_para(f, note2, "Part two");
  fx_note(f, p, "a", "Nested note.");
  fx_text(f, p, ".");
  dm_node *op = fx_div(f, body, DM_ROLE_PARAGRAPH, "2.");
  fx_para(f, op, "Requests:");
  fx_para(f, fx_div(f, op, DM_ROLE_POINT, "(a)"), "first point;");
  dm_node *pb = fx_div(f, op, DM_ROLE_POINT, "(b)");
  fx_para(f, pb, "second point:");
  fx_para(f, fx_div(f, pb, DM_ROLE_POINT, "(i)"), "sub-point.");
  p = fx_para(f, fx_div(f, body, DM_ROLE_PARAGRAPH, "2 bis."), "Refers again");
  dm_node *ref = fx_node(f, p, DM_NODE_NOTE_REF);
  fx_check(f, dm_node_set_note_target(ref, note1));
  fx_check(f, dm_node_set_label(ref, "1"));
  p = fx_para(f, fx_div(f, body, DM_ROLE_PARAGRAPH, "3."), "Unmarked");
  fx_note(f, p, NULL, "A note the source gave no marker.");

  dm_node *concl = fx_div(f, root, DM_ROLE_CONCLUSIONS, NULL);
  p = fx_para(f, concl, NULL);
  span = fx_inline(f, p, DM_NODE_SPAN, "46th plenary meeting");
  fx_check(f, dm_node_set_class(span, "meeting"));
  fx_check(f, dm_node_set_attr(span, "value", "46"));

  dm_node *annex = fx_div(f, root, DM_ROLE_COMPONENT, "Annex");
  fx_check(f, dm_node_set_class(annex, "annex"));
  h = fx_node(f, annex, DM_NODE_HEADING);
  fx_check(f, dm_node_set_heading_level(h, 2));
  fx_text(f, h, "Annex");
  dm_node *list = fx_node(f, annex, DM_NODE_LIST);
  fx_check(f, dm_node_set_list(list, 1, 3, 1, '.'));
  fx_para(f, fx_node(f, list, DM_NODE_ITEM), "three");
  fx_para(f, fx_node(f, list, DM_NODE_ITEM), "four");
  list = fx_node(f, annex, DM_NODE_LIST);
  fx_check(f, dm_node_set_list(list, 0, 1, 0, '-'));
  fx_para(f, fx_node(f, list, DM_NODE_ITEM), "loose item");

  dm_node *table = fx_node(f, annex, DM_NODE_TABLE);
  dm_node *row = fx_node(f, table, DM_NODE_TABLE_ROW);
  fx_check(f, dm_node_set_row_header(row, 1));
  dm_node *cell = fx_node(f, row, DM_NODE_TABLE_CELL);
  fx_check(f, dm_node_set_cell_align(cell, DM_ALIGN_CENTER));
  fx_para(f, cell, "Head");
  fx_para(f, fx_node(f, row, DM_NODE_TABLE_CELL), "Other");
  row = fx_node(f, table, DM_NODE_TABLE_ROW);
  fx_para(f, fx_node(f, row, DM_NODE_TABLE_CELL), "b1");
  fx_para(f, fx_node(f, row, DM_NODE_TABLE_CELL), "b2");

  dm_node *code = fx_node(f, annex, DM_NODE_CODE_BLOCK);
  const char *src = "if (a < b && c > d) {}\n";
  fx_check(f, dm_node_set_literal(code, src, strlen(src)));
  fx_check(f, dm_node_set_label(code, "c extra"));

  dm_node *quote = fx_node(f, annex, DM_NODE_BLOCK_QUOTE);
  p = fx_para(f, quote, NULL);
  dm_node *link = fx_inline(f, p, DM_NODE_LINK, "safe link");
  fx_check(f, dm_node_set_url(link, "https://example.org/?a=1&b=2"));
  fx_check(f, dm_node_set_title(link, "T"));
  fx_text(f, p, " ");
  link = fx_inline(f, p, DM_NODE_LINK, "unsafe link");
  fx_check(f, dm_node_set_url(link, " JavaScript:alert(1)"));
  fx_text(f, p, " ");
  dm_node *img = fx_inline(f, p, DM_NODE_IMAGE, "An <image>");
  fx_check(f, dm_node_set_url(img, "img.png"));

  p = fx_para(f, annex, NULL);
  fx_inline(f, p, DM_NODE_STRONG, "strong");
  fx_inline(f, p, DM_NODE_STRIKE, "struck");
  fx_inline(f, p, DM_NODE_UNDERLINE, "under");
  fx_inline(f, p, DM_NODE_SUPERSCRIPT, "sup");
  fx_inline(f, p, DM_NODE_SUBSCRIPT, "sub");
  code = fx_node(f, p, DM_NODE_CODE);
  fx_check(f, dm_node_set_literal(code, "<x>", 3));
  fx_node(f, p, DM_NODE_LINEBREAK);
  fx_text(f, p, "\xE4\xB8\xAD"); /* 中 */
  fx_node(f, p, DM_NODE_SOFTBREAK);
  fx_text(f, p, "\xE6\x96\x87"); /* 文 */
  dm_node *raw = fx_node(f, p, DM_NODE_RAW_INLINE);
  fx_check(f, dm_node_set_literal(raw, "<b>raw</b>", 10));
  fx_check(f, dm_node_set_label(raw, "html"));
  raw = fx_node(f, annex, DM_NODE_RAW_BLOCK);
  fx_check(f, dm_node_set_literal(raw, "\\relax", 6));
  fx_check(f, dm_node_set_label(raw, "tex"));
  fx_node(f, annex, DM_NODE_THEMATIC_BREAK);
  fx_node(f, annex, DM_NODE_PAGE_BREAK);
}

static int fixture_read(dm_ctx *ctx, void *priv, const dm_input *in, dm_doc *doc) {
  (void)priv;
  char lang[16] = "en";
  if (in->size > 5 && memcmp(in->data, "lang=", 5) == 0) {
    size_t n = 0;
    while (n + 1 < sizeof lang && 5 + n < in->size && in->data[5 + n] != '\n') {
      lang[n] = (char)in->data[5 + n];
      n++;
    }
    lang[n] = '\0';
  }
  fx f = {doc, 0};
  fx_body(&f, lang);
  return f.failed ? dm_error(ctx, DM_ENOMEM, "out of memory") : DM_OK;
}

static const dm_reader fixture_reader = {
    .abi_version = DM_PLUGIN_ABI_VERSION,
    .name = "sdk-fixture",
    .description = "test fixture: a small resolution with every node type",
    .read = fixture_read,
};

static const dm_reader *const fixture_readers[] = {&fixture_reader, NULL};

DM_PLUGIN_DEFINE(sdk_fixture, fixture_readers, NULL, NULL);
