/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the Markdown writer: trees built through the API and the
 * exact Markdown expected for them (written by hand from the CommonMark
 * rules), and round trips where cmark-gfm is the judge: Markdown read and
 * written again is a fixpoint after one pass, reads back to the same tree,
 * and renders to the same HTML as the input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include "docmill/docmill.h"

#include "dmt_fixture.h"

static char *write_as(fixture *f, const char *writer, dm_doc *doc) {
  dm_sink *s = dm_sink_new_memory();
  assert_non_null(s);
  int rc = dm_write(f->ctx, dm_registry_writer(f->reg, writer), doc, s);
  if (rc != DM_OK) fail_msg("write: %s", dm_ctx_error(f->ctx));
  size_t n;
  char *out = strdup(dm_sink_memory_data(s, &n));
  dm_sink_free(s);
  return out;
}

static dm_doc *read_md(fixture *f, const char *text) {
  size_t len = strlen(text);
  unsigned char *buf = calloc(1, len + DM_PROBE_PADDING);
  assert_non_null(buf);
  memcpy(buf, text, len);
  dm_input in = {buf, len, "t.md", NULL};
  dm_doc *doc = NULL;
  int rc = dm_read(f->ctx, dm_registry_reader(f->reg, "markdown"), &in, &doc);
  free(buf);
  if (rc != DM_OK) fail_msg("read: %s", dm_ctx_error(f->ctx));
  return doc;
}

static dm_node *add(dm_node *parent, dm_node_type t) {
  dm_node *n = dm_node_new(dm_node_doc(parent), t);
  assert_non_null(n);
  assert_int_equal(dm_node_append_child(parent, n), DM_OK);
  return n;
}

static dm_node *add_text(dm_node *parent, const char *s) {
  dm_node *n = dm_node_new_text(dm_node_doc(parent), s, strlen(s));
  assert_non_null(n);
  assert_int_equal(dm_node_append_child(parent, n), DM_OK);
  return n;
}

static dm_node *add_para(dm_node *parent, const char *s) {
  dm_node *p = add(parent, DM_NODE_PARAGRAPH);
  add_text(p, s);
  return p;
}

static size_t count_diags(fixture *f, dm_diag_code code) {
  size_t n = 0;
  for (size_t i = 0; i < dm_ctx_diag_count(f->ctx); i++)
    if (dm_ctx_diag(f->ctx, i)->code == code) n++;
  return n;
}

/* Text that would start a block, or open inline syntax, is escaped; the
 * rest is written as is, CJK and soft breaks included. */
static void test_escaping(void **state) {
  fixture *f = *state;
  dm_doc *doc = dm_doc_new();
  dm_node *root = dm_doc_root(doc);
  add_para(root, "1. not a list");
  add_para(root, "# not a heading");
  add_para(root, "*a* _b_ snake_case [c] <d> `e` a\\b ~f~ &amp; 2*3");
  dm_node *p = add_para(root, "中文");
  add(p, DM_NODE_SOFTBREAK);
  add_text(p, "- 文字");
  char *out = write_as(f, "markdown", doc);
  assert_string_equal(out, "1\\. not a list\n"
                           "\n"
                           "\\# not a heading\n"
                           "\n"
                           "\\*a\\* \\_b\\_ snake_case \\[c\\] \\<d> \\`e\\` a\\b \\~f\\~ \\&amp; 2\\*3\n"
                           "\n"
                           "中文\n"
                           "\\- 文字\n");
  /* and it reads back to the same text */
  dm_doc *back = read_md(f, out);
  char *n1 = write_as(f, "native", doc), *n2 = write_as(f, "native", back);
  assert_string_equal(n1, n2);
  free(n1);
  free(n2);
  free(out);
  dm_doc_free(back);
  dm_doc_free(doc);
}

static void test_inlines(void **state) {
  fixture *f = *state;
  dm_doc *doc = dm_doc_new();
  dm_node *p = add(dm_doc_root(doc), DM_NODE_PARAGRAPH);
  dm_node *c = add(p, DM_NODE_CODE);
  dm_node_set_literal(c, "a`b", 3);
  add_text(p, " ");
  c = add(p, DM_NODE_CODE);
  dm_node_set_literal(c, "`x", 2);
  add_text(p, " H");
  add_text(add(p, DM_NODE_SUBSCRIPT), "2");
  add_text(p, "O x");
  add_text(add(p, DM_NODE_SUPERSCRIPT), "2");
  add_text(add(p, DM_NODE_UNDERLINE), "u");
  dm_node *l = add(p, DM_NODE_LINK);
  dm_node_set_url(l, "https://un.org");
  add_text(l, "https://un.org");
  l = add(p, DM_NODE_LINK);
  dm_node_set_url(l, "a b(c)");
  dm_node_set_title(l, "say \"hi\"");
  add_text(l, "t");
  dm_node *strong = add(p, DM_NODE_STRONG);
  add_text(add(strong, DM_NODE_EMPH), "se");
  add(p, DM_NODE_LINEBREAK);
  dm_node *img = add(p, DM_NODE_IMAGE);
  dm_node_set_url(img, "i.png");
  add_text(img, "alt");
  char *out = write_as(f, "markdown", doc);
  assert_string_equal(out, "``a`b`` `` `x `` H<sub>2</sub>O x<sup>2</sup><u>u</u><https://un.org>"
                           "[t](<a b(c)> \"say \\\"hi\\\"\")**_se_**\\\n![alt](i.png)\n");
  dm_doc *back = read_md(f, out);
  char *again = write_as(f, "markdown", back);
  assert_string_equal(out, again);
  free(again);
  free(out);
  dm_doc_free(back);
  dm_doc_free(doc);
}

/* Operative paragraphs as divs labelled "1.", "2.": one ordered list when
 * read back; a point "(a)" inside is written with its label. */
static void test_numbered_divs(void **state) {
  fixture *f = *state;
  dm_doc *doc = dm_doc_new();
  dm_node *body = dm_node_new_div(doc, DM_ROLE_MAIN_BODY, NULL);
  dm_node_append_child(dm_doc_root(doc), body);
  for (int i = 1; i <= 3; i++) {
    char label[8];
    snprintf(label, sizeof label, "%d.", i);
    dm_node *d = dm_node_new_div(doc, DM_ROLE_PARAGRAPH, label);
    dm_node_append_child(body, d);
    dm_node *p = add_para(d, "text");
    dm_node *note = add(p, DM_NODE_NOTE);
    char m[8];
    snprintf(m, sizeof m, "%d", i);
    dm_node_set_label(note, m);
    add_para(note, "note");
    if (i == 2) {
      dm_node *pt = dm_node_new_div(doc, DM_ROLE_POINT, "(a)");
      dm_node_append_child(d, pt);
      add_para(pt, "point");
    }
  }
  char *out = write_as(f, "markdown", doc);
  assert_string_equal(out, "1. text[^1]\n"
                           "\n"
                           "2. text[^2]\n"
                           "\n"
                           "   (a) point\n"
                           "\n"
                           "3. text[^3]\n"
                           "\n"
                           "[^1]: note\n"
                           "\n"
                           "[^2]: note\n"
                           "\n"
                           "[^3]: note\n");
  dm_doc *back = read_md(f, out);
  dm_node *list = dm_node_first_child(dm_doc_root(back));
  assert_int_equal(dm_node_type_of(list), DM_NODE_LIST);
  assert_null(dm_node_next(list));
  size_t items = 0;
  for (dm_node *i = dm_node_first_child(list); i; i = dm_node_next(i))
    items++;
  assert_int_equal(items, 3);
  free(out);
  dm_doc_free(back);
  dm_doc_free(doc);
}

/* Markers as in the source; a second reference writes the same marker;
 * two different notes with one marker are told apart; notes without a
 * marker are numbered; multi-block notes are indented. */
static void test_notes(void **state) {
  fixture *f = *state;
  dm_doc *doc = dm_doc_new();
  dm_node *p = add(dm_doc_root(doc), DM_NODE_PARAGRAPH);
  dm_node *a = add(p, DM_NODE_NOTE);
  dm_node_set_label(a, "*");
  add_para(a, "star");
  add_para(a, "more");
  dm_node *b = add(p, DM_NODE_NOTE);
  dm_node_set_label(b, "*");
  add_para(b, "other star");
  dm_node *c = add(p, DM_NODE_NOTE);
  add_para(c, "unlabelled");
  dm_node *r = add(p, DM_NODE_NOTE_REF);
  dm_node_set_note_target(r, a);
  dm_node_set_label(r, "*");
  dm_ctx_clear_diags(f->ctx);
  char *out = write_as(f, "markdown", doc);
  assert_string_equal(out, "[^*][^*-2][^1][^*]\n"
                           "\n"
                           "[^*]: star\n"
                           "\n"
                           "    more\n"
                           "\n"
                           "[^*-2]: other star\n"
                           "\n"
                           "[^1]: unlabelled\n");
  assert_int_equal(count_diags(f, DM_DIAG_NOTE_DUPLICATE), 1);
  dm_doc *back = read_md(f, out);
  char *again = write_as(f, "markdown", back);
  assert_string_equal(out, again);
  free(again);
  free(out);
  dm_doc_free(back);
  dm_doc_free(doc);
}

static void test_dropped_and_omitted(void **state) {
  fixture *f = *state;
  dm_doc *doc = dm_doc_new();
  dm_node *root = dm_doc_root(doc);
  add_para(root, "a");
  add(root, DM_NODE_PAGE_BREAK);
  dm_node *p = add_para(root, "b");
  dm_node *raw = add(p, DM_NODE_RAW_INLINE);
  dm_node_set_label(raw, "latex");
  dm_node_set_literal(raw, "\\x", 2);
  raw = add(root, DM_NODE_RAW_BLOCK);
  dm_node_set_label(raw, "html");
  dm_node_set_literal(raw, "<div>\n</div>\n", 13);
  dm_ctx_clear_diags(f->ctx);
  char *out = write_as(f, "markdown", doc);
  assert_string_equal(out, "a\n\nb\n\n<div>\n</div>\n");
  assert_int_equal(count_diags(f, DM_DIAG_UNSUPPORTED), 1);
  assert_int_equal(count_diags(f, DM_DIAG_RAW_DROPPED), 1);
  free(out);
  dm_doc_free(doc);
}

/* ---- round trips judged by cmark-gfm ---------------------------------- */

static char *html_of(const char *md) {
  cmark_gfm_core_extensions_ensure_registered();
  cmark_parser *p = cmark_parser_new(CMARK_OPT_FOOTNOTES);
  static const char *const exts[] = {"table", "strikethrough", "autolink"};
  for (size_t i = 0; i < 3; i++)
    cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension(exts[i]));
  cmark_parser_feed(p, md, strlen(md));
  cmark_node *doc = cmark_parser_finish(p);
  char *html = cmark_render_html(doc, CMARK_OPT_FOOTNOTES, cmark_parser_get_syntax_extensions(p));
  cmark_node_free(doc);
  cmark_parser_free(p);
  return html;
}

static void check_roundtrip(fixture *f, const char *md) {
  dm_doc *d1 = read_md(f, md);
  char *o1 = write_as(f, "markdown", d1);
  dm_doc *d2 = read_md(f, o1);
  char *o2 = write_as(f, "markdown", d2);
  if (strcmp(o1, o2) != 0) fail_msg("not a fixpoint:\n--- input\n%s--- pass 1\n%s--- pass 2\n%s", md, o1, o2);
  char *n1 = write_as(f, "native", d1), *n2 = write_as(f, "native", d2);
  if (strcmp(n1, n2) != 0) fail_msg("tree changed:\n--- input\n%s--- output\n%s", md, o1);
  char *h1 = html_of(md), *h2 = html_of(o1);
  if (strcmp(h1, h2) != 0)
    fail_msg("HTML differs:\n--- input\n%s--- output\n%s--- html in\n%s--- html out\n%s", md, o1, h1, h2);
  free(h1);
  free(h2);
  free(n1);
  free(n2);
  free(o1);
  free(o2);
  dm_doc_free(d1);
  dm_doc_free(d2);
}

static void test_roundtrip_cases(void **state) {
  fixture *f = *state;
  static const char *const cases[] = {
      "# H1\n\nSetext\ntwo lines\n===\n\n### H3 ends with \\#\n",
      "- a\n- b\n\n* c\n* d\n\n1. x\n2. y\n\n1) z\n",
      "- tight\n  - nested\n- items\n\n---\n\n- loose\n\n- items\n",
      "> quote\n>\n> - list in quote\n>\n> ```\n> code\n>\n> ```\n",
      "- ```\n  fenced in item\n  ```\n\n      indented\n      code\n",
      "````\n```\nfence in code\n```\n````\n\n~~~ `tick` info\nx\n~~~\n",
      "| a | b | c |\n|:--|:-:|--:|\n| `x\\|y` | **s** | |\n| only |\n",
      "Text[^n] and[^n].\n\n[^n]: A note\n    with lines.\n\n    - and a list\n",
      "<div>\nraw *html*\n</div>\n\ninline <span>x</span> <!-- c -->\n",
      "a  \nb\\\nc\n\nd &copy; &amp;amp; \\* \\_ e\\\\f\n",
      "[link *x*](</a b> 't') ![img](u \"t\") <mail@x.org> www.example.com https://x.org/a_b\n",
      "***strong emph*** **bold *in* bold** *a **b** c*\n",
      "~~strike~~ and ~single~\n",
      "   indented para\n\n2. starts at two\n3. three\n",
      "1. one\n\n   para\n\n   > quote\n2. two\n",
      "\\- not\n\\+ list\n\\# nor\n\\> quote\n",
      "- \n- b\n",
      "Para\n- interrupting list\n",
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
    check_roundtrip(f, cases[i]);
}

/* Emphasis whose edges CommonMark's flanking rules would not read as
 * emphasis if written plainly (lead words of the UN's files): punctuation
 * inside before a letter outside, a letter outside before punctuation
 * inside, two emphases side by side, a no-break space at the end. The
 * expected HTML is what the text means, written by hand; cmark-gfm must
 * read the output to it. */
static void test_emphasis_flanking(void **state) {
  fixture *f = *state;
  dm_doc *doc = dm_doc_new();
  dm_node *p = add(dm_doc_root(doc), DM_NODE_PARAGRAPH);
  add_text(add(p, DM_NODE_EMPH), "Recalling,");
  add_text(p, "also ");
  add_text(add(p, DM_NODE_EMPH), "a");
  add_text(add(p, DM_NODE_EMPH), "b");
  add_text(p, " x");
  add_text(add(p, DM_NODE_STRONG), "\xe9\x87\x8d\xe7\x94\xb3\xef\xbc\x8c"); /* 重申， */
  add_text(p, "\xe5\x85\xb6 y ");                                           /* 其 */
  add_text(add(p, DM_NODE_EMPH), "r\xe2\x80\xaf");                          /* r U+202F */
  add_text(p, "the n");
  add_text(add(add(p, DM_NODE_EMPH), DM_NODE_SUPERSCRIPT), "o");
  dm_node *s = add(p, DM_NODE_STRONG);
  add_text(add(s, DM_NODE_EMPH), "c");
  s = add(p, DM_NODE_STRONG);
  add_text(add(s, DM_NODE_EMPH), "d");
  char *out = write_as(f, "markdown", doc);
  char *html = html_of(out);
  assert_string_equal(
      html, "<p><em>Recalling,</em>also <em>a</em><em>b</em> x<strong>\xe9\x87\x8d\xe7\x94\xb3\xef\xbc\x8c</strong>"
            "\xe5\x85\xb6 y <em>r</em>\xe2\x80\xafthe n<em><!-- raw HTML omitted -->o<!-- raw HTML omitted --></em>"
            "<strong><em>c</em></strong><strong><em>d</em></strong></p>\n");
  free(html);
  free(out);
  dm_doc_free(doc);
}

static void test_roundtrip_seed(void **state) {
  fixture *f = *state;
  FILE *fp = fopen("samples/un-ga-75-158-zh.md", "rb");
  assert_non_null(fp);
  static char buf[1 << 17];
  size_t n = fread(buf, 1, sizeof buf - 1, fp);
  fclose(fp);
  buf[n] = 0;
  check_roundtrip(f, buf);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_escaping),
      cmocka_unit_test(test_inlines),
      cmocka_unit_test(test_numbered_divs),
      cmocka_unit_test(test_notes),
      cmocka_unit_test(test_dropped_and_omitted),
      cmocka_unit_test(test_roundtrip_cases),
      cmocka_unit_test(test_emphasis_flanking),
      cmocka_unit_test(test_roundtrip_seed),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
