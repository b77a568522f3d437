/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the document model: containment rules, cycles, links after
 * every mutator, note references, metadata, the arena under load, the
 * iterator's order and the tree checker catching what it must.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "docmill/docmill.h"

static void test_containment(void **state) {
  (void)state;
  dm_doc *d = dm_doc_new();
  dm_node *root = dm_doc_root(d);
  dm_node *p = dm_node_new(d, DM_NODE_PARAGRAPH);
  dm_node *t = dm_node_new_text(d, "x", 1);
  dm_node *item = dm_node_new(d, DM_NODE_ITEM);
  dm_node *list = dm_node_new(d, DM_NODE_LIST);
  /* text cannot sit in the document, a paragraph cannot hold a paragraph,
   * an item belongs only in a list */
  assert_int_equal(dm_node_append_child(root, t), DM_EINTERNAL);
  assert_int_equal(dm_node_append_child(root, item), DM_EINTERNAL);
  assert_int_equal(dm_node_append_child(root, p), DM_OK);
  assert_int_equal(dm_node_append_child(p, dm_node_new(d, DM_NODE_PARAGRAPH)), DM_EINTERNAL);
  assert_int_equal(dm_node_append_child(p, t), DM_OK);
  assert_int_equal(dm_node_append_child(list, item), DM_OK);
  assert_int_equal(dm_node_append_child(root, list), DM_OK);
  /* a note is an inline that holds blocks */
  dm_node *note = dm_node_new(d, DM_NODE_NOTE);
  assert_int_equal(dm_node_append_child(p, note), DM_OK);
  assert_int_equal(dm_node_append_child(note, dm_node_new_text(d, "y", 1)), DM_EINTERNAL);
  assert_int_equal(dm_node_append_child(note, dm_node_new(d, DM_NODE_PARAGRAPH)), DM_OK);
  /* leaves hold nothing */
  assert_int_equal(dm_node_append_child(t, dm_node_new_text(d, "z", 1)), DM_EINTERNAL);
  assert_int_equal(dm_doc_check(d, NULL), DM_OK);
  dm_doc_free(d);
}

static void test_cycles_and_links(void **state) {
  (void)state;
  dm_doc *d = dm_doc_new();
  dm_node *q1 = dm_node_new(d, DM_NODE_BLOCK_QUOTE), *q2 = dm_node_new(d, DM_NODE_BLOCK_QUOTE);
  assert_int_equal(dm_node_append_child(dm_doc_root(d), q1), DM_OK);
  assert_int_equal(dm_node_append_child(q1, q2), DM_OK);
  assert_int_equal(dm_node_append_child(q2, q1), DM_EINTERNAL); /* cycle */
  assert_int_equal(dm_node_append_child(q1, q1), DM_EINTERNAL);
  dm_node *a = dm_node_new(d, DM_NODE_PARAGRAPH), *b = dm_node_new(d, DM_NODE_PARAGRAPH),
          *c = dm_node_new(d, DM_NODE_PARAGRAPH);
  assert_int_equal(dm_node_append_child(q2, b), DM_OK);
  assert_int_equal(dm_node_insert_before(b, a), DM_OK);
  assert_int_equal(dm_node_insert_after(b, c), DM_OK);
  assert_ptr_equal(dm_node_first_child(q2), a);
  assert_ptr_equal(dm_node_last_child(q2), c);
  assert_ptr_equal(dm_node_next(a), b);
  assert_ptr_equal(dm_node_prev(c), b);
  dm_node_unlink(b);
  assert_ptr_equal(dm_node_next(a), c);
  assert_ptr_equal(dm_node_prev(c), a);
  assert_null(dm_node_parent(b));
  /* moving children keeps order */
  dm_node *div = dm_node_new_div(d, DM_ROLE_PREAMBLE, NULL);
  assert_int_equal(dm_node_append_child(dm_doc_root(d), div), DM_OK);
  assert_int_equal(dm_node_move_children(div, q2), DM_OK);
  assert_null(dm_node_first_child(q2));
  assert_ptr_equal(dm_node_first_child(div), a);
  assert_ptr_equal(dm_node_last_child(div), c);
  assert_int_equal(dm_doc_check(d, NULL), DM_OK);
  dm_doc_free(d);
}

static void test_notes_and_props(void **state) {
  (void)state;
  dm_doc *d = dm_doc_new();
  dm_node *p = dm_node_new(d, DM_NODE_PARAGRAPH);
  dm_node_append_child(dm_doc_root(d), p);
  dm_node *note = dm_node_new(d, DM_NODE_NOTE);
  dm_node_set_label(note, "12");
  dm_node_append_child(p, note);
  dm_node *ref = dm_node_new(d, DM_NODE_NOTE_REF);
  dm_node_append_child(p, ref);
  /* a dangling reference is caught by the checker */
  assert_int_equal(dm_doc_check(d, NULL), DM_EINTERNAL);
  assert_int_equal(dm_node_set_note_target(ref, p), DM_EINTERNAL);
  assert_int_equal(dm_node_set_note_target(ref, note), DM_OK);
  assert_string_equal(dm_node_label(ref), "12");
  assert_ptr_equal(dm_node_note_target(ref), note);
  assert_int_equal(dm_doc_check(d, NULL), DM_OK);

  dm_node *h = dm_node_new(d, DM_NODE_HEADING);
  assert_int_equal(dm_node_set_heading_level(h, 7), DM_EINTERNAL);
  assert_int_equal(dm_node_set_heading_level(h, 3), DM_OK);
  assert_int_equal(dm_node_heading_level(h), 3);
  dm_node *div = dm_node_new_div(d, DM_ROLE_PARAGRAPH, "2 bis.");
  assert_int_equal(dm_node_role(div), DM_ROLE_PARAGRAPH);
  assert_string_equal(dm_node_label(div), "2 bis.");
  assert_int_equal(dm_node_set_attr(div, "eId", "para_2bis"), DM_OK);
  assert_int_equal(dm_node_set_attr(div, "eId", "para_3"), DM_OK);
  assert_int_equal(dm_node_attr_count(div), 1);
  assert_string_equal(dm_node_attr(div, "eId"), "para_3");
  assert_int_equal(dm_node_set_attr(div, "eId", NULL), DM_OK);
  assert_null(dm_node_attr(div, "eId"));

  assert_int_equal(dm_doc_set_meta(d, DM_META_LANGUAGE, "zh"), DM_OK);
  assert_int_equal(dm_doc_set_meta(d, DM_META_NUMBER, "75/158"), DM_OK);
  assert_int_equal(dm_doc_set_meta(d, DM_META_LANGUAGE, "en"), DM_OK);
  assert_int_equal(dm_doc_meta_count(d), 2);
  assert_string_equal(dm_doc_meta(d, "language"), "en");
  assert_string_equal(dm_doc_meta_key(d, 1), "number");
  dm_doc_free(d);
}

static void test_literal_growth(void **state) {
  (void)state;
  dm_doc *d = dm_doc_new();
  dm_node *t = dm_node_new(d, DM_NODE_TEXT);
  for (int i = 0; i < 100000; i++)
    assert_int_equal(dm_node_append_literal(t, "ab", 2), DM_OK);
  assert_int_equal(dm_node_literal_len(t), 200000);
  assert_int_equal(strlen(dm_node_literal(t)), 200000);
  assert_memory_equal(dm_node_literal(t) + 199998, "ab", 2);
  /* a literal cannot be set on a paragraph */
  assert_int_equal(dm_node_set_literal(dm_node_new(d, DM_NODE_PARAGRAPH), "x", 1), DM_EINTERNAL);
  /* invalid UTF-8 in a literal is caught */
  dm_node *p = dm_node_new(d, DM_NODE_PARAGRAPH);
  dm_node_append_child(dm_doc_root(d), p);
  dm_node_append_child(p, dm_node_new_text(d, "\xff", 1));
  assert_int_equal(dm_doc_check(d, NULL), DM_EINTERNAL);
  dm_doc_free(d);
}

static void test_iterator_order(void **state) {
  (void)state;
  dm_doc *d = dm_doc_new();
  dm_node *p = dm_node_new(d, DM_NODE_PARAGRAPH);
  dm_node_append_child(dm_doc_root(d), p);
  dm_node *e = dm_node_new(d, DM_NODE_EMPH);
  dm_node_append_child(p, e);
  dm_node_append_child(e, dm_node_new_text(d, "a", 1));
  dm_node_append_child(p, dm_node_new(d, DM_NODE_SOFTBREAK));
  dm_node_append_child(dm_doc_root(d), dm_node_new(d, DM_NODE_THEMATIC_BREAK));
  const char *expect[] = {"+document",  "+paragraph", "+emph",           "+text",    "-emph",
                          "+softbreak", "-paragraph", "+thematic_break", "-document"};
  dm_iter *it = dm_iter_new(dm_doc_root(d));
  dm_event ev;
  size_t i = 0;
  char got[64];
  while ((ev = dm_iter_next(it)) != DM_EVENT_DONE) {
    assert_true(i < sizeof expect / sizeof *expect);
    snprintf(got, sizeof got, "%c%s", ev == DM_EVENT_ENTER ? '+' : '-',
             dm_node_type_name(dm_node_type_of(dm_iter_node(it))));
    assert_string_equal(got, expect[i]);
    i++;
  }
  assert_int_equal(i, sizeof expect / sizeof *expect);
  dm_iter_free(it);
  char *txt = dm_node_text_content(dm_doc_root(d));
  assert_string_equal(txt, "a \n");
  dm_doc_free(d);
}

static void test_deep_tree_check(void **state) {
  (void)state;
  /* The checker and the iterator are iterative: 100,000 levels of block
   * quotes must not exhaust the stack. */
  dm_doc *d = dm_doc_new();
  dm_node *cur = dm_doc_root(d);
  for (int i = 0; i < 100000; i++) {
    dm_node *q = dm_node_new(d, DM_NODE_BLOCK_QUOTE);
    assert_non_null(q);
    assert_int_equal(dm_node_append_child(cur, q), DM_OK);
    cur = q;
  }
  assert_int_equal(dm_doc_check(d, NULL), DM_OK);
  dm_iter *it = dm_iter_new(dm_doc_root(d));
  size_t n = 0;
  while (dm_iter_next(it) != DM_EVENT_DONE)
    n++;
  assert_int_equal(n, 2 * 100001);
  dm_iter_free(it);
  dm_doc_free(d);
}

static int write_nothing(dm_ctx *ctx, void *priv, const dm_doc *doc, dm_sink *out) {
  (void)ctx, (void)priv, (void)doc;
  return dm_sink_puts(out, "x");
}

static void test_check_after_change(void **state) {
  (void)state;
  /* The pipeline skips the check of a tree that passed it and has not
   * changed; any change since must bring the check back. */
  static const dm_writer w = {.abi_version = DM_PLUGIN_ABI_VERSION, .name = "nothing", .write = write_nothing};
  dm_registry *r = dm_registry_new();
  dm_ctx *ctx = dm_ctx_new(r);
  dm_doc *d = dm_doc_new();
  dm_node *p = dm_node_new(d, DM_NODE_PARAGRAPH);
  dm_node *t = dm_node_new_text(d, "ok", 2);
  dm_node_append_child(dm_doc_root(d), p);
  dm_node_append_child(p, t);
  dm_sink *s = dm_sink_new_memory();
  assert_int_equal(dm_write(ctx, &w, d, s), DM_OK);
  assert_int_equal(dm_node_set_literal(t, "\xc3", 1), DM_OK);
  assert_int_equal(dm_write(ctx, &w, d, s), DM_EINTERNAL);
  assert_non_null(strstr(dm_ctx_error(ctx), "invalid UTF-8"));
  dm_sink_free(s);
  dm_doc_free(d);
  dm_ctx_free(ctx);
  dm_registry_free(r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_containment),        cmocka_unit_test(test_cycles_and_links),
      cmocka_unit_test(test_notes_and_props),    cmocka_unit_test(test_literal_growth),
      cmocka_unit_test(test_iterator_order),     cmocka_unit_test(test_deep_tree_check),
      cmocka_unit_test(test_check_after_change),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
