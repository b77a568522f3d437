/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the plain-text writer on trees built here, for what no
 * reader produces on demand: notes without a marker (numbered in order of
 * first reference, their references too), a note referenced again through
 * a NOTE_REF (one note, one line at the end), a note inside a note, points
 * nested under a numbered paragraph (hanging under their text), a label
 * with no block under it, page breaks. The expected texts are written out
 * by hand from the rules in text_write.c's opening comment.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "dmt_fixture.h"

static dm_node *para(dm_doc *d, dm_node *parent, const char *text) {
  dm_node *p = dm_node_new(d, DM_NODE_PARAGRAPH);
  dm_node_append_child(p, dm_node_new_text(d, text, strlen(text)));
  dm_node_append_child(parent, p);
  return p;
}

static dm_node *note(dm_doc *d, dm_node *parent, const char *marker, const char *text) {
  dm_node *n = dm_node_new(d, DM_NODE_NOTE);
  if (marker) dm_node_set_label(n, marker);
  para(d, n, text);
  dm_node_append_child(parent, n);
  return n;
}

static void expect_text(fixture *f, const dm_doc *doc, const char *want) {
  const dm_writer *w = dm_registry_writer(f->reg, "text");
  assert_non_null(w);
  dm_sink *s = dm_sink_new_memory();
  assert_int_equal(dm_write(f->ctx, w, doc, s), DM_OK);
  size_t len;
  assert_string_equal(dm_sink_memory_data(s, &len), want);
  dm_sink_free(s);
}

static void notes_without_markers(void **state) {
  fixture *f = *state;
  dm_doc *d = dm_doc_new();
  dm_node *p = para(d, dm_doc_root(d), "One");
  dm_node *a = note(d, p, NULL, "first unmarked");
  dm_node_append_child(p, dm_node_new_text(d, " two", 4));
  note(d, p, "*", "starred");
  dm_node_append_child(p, dm_node_new_text(d, " three", 6));
  dm_node *b = note(d, p, NULL, "second unmarked");
  /* A note in note b, and a second reference to note a. */
  note(d, dm_node_first_child(b), "x", "inner");
  dm_node *ref = dm_node_new(d, DM_NODE_NOTE_REF);
  dm_node_set_note_target(ref, a);
  dm_node_append_child(p, dm_node_new_text(d, " again", 6));
  dm_node_append_child(p, ref);
  expect_text(f, d,
              "One[1] two[*] three[2] again[1]\n"
              "\n"
              "[1] first unmarked\n"
              "\n"
              "[*] starred\n"
              "\n"
              "[2] second unmarked[x]\n"
              "\n"
              "[x] inner\n");
  dm_doc_free(d);
}

static void numbered_paragraphs_and_points(void **state) {
  fixture *f = *state;
  dm_doc *d = dm_doc_new();
  dm_node *body = dm_node_new_div(d, DM_ROLE_MAIN_BODY, NULL);
  dm_node_append_child(dm_doc_root(d), body);
  dm_node *p1 = dm_node_new_div(d, DM_ROLE_PARAGRAPH, "1.");
  dm_node_append_child(body, p1);
  para(d, p1, "Calls upon Governments:");
  dm_node *a = dm_node_new_div(d, DM_ROLE_POINT, "(a)");
  dm_node_append_child(p1, a);
  para(d, a, "To act;");
  dm_node *i = dm_node_new_div(d, DM_ROLE_POINT, "(i)");
  dm_node_append_child(a, i);
  para(d, i, "at once;");
  dm_node_append_child(body, dm_node_new(d, DM_NODE_PAGE_BREAK));
  dm_node *p2 = dm_node_new_div(d, DM_ROLE_PARAGRAPH, "2.");
  dm_node_append_child(body, p2);
  expect_text(f, d,
              "1. Calls upon Governments:\n"
              "\n"
              "   (a) To act;\n"
              "\n"
              "       (i) at once;\n"
              "\f\n"
              "\n"
              "2. \n");
  dm_doc_free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(notes_without_markers),
      cmocka_unit_test(numbered_paragraphs_and_points),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
