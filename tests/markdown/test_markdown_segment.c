/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the Markdown reader's cut finder (markdown_segment.c) on
 * hand-written cases: where a text may be cut (lines at column 0 after a
 * blank line) and where it must not (list items, indented lines, inside
 * fenced code and HTML comments that run past blank lines, after a fence
 * opened inside a container), how pieces are classified (footnote and link
 * reference definitions), and when segmentation is refused. That the cuts
 * give the whole-text tree is checked by segment-identity.sh.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../plugins/markdown/markdown.h"

/* The first lines of the pieces of text, as "1,3,5", and the scan. */
static void cuts(const char *text, char *out, size_t cap, dmi_md_scan *sc) {
  assert_int_equal(dmi_markdown_scan(text, strlen(text), sc), 0);
  size_t len = 0;
  out[0] = 0;
  for (size_t i = 0; i < sc->n; i++)
    len += (size_t)snprintf(out + len, cap - len, i ? ",%u" : "%u", (unsigned)sc->chunks[i].line);
}

static void expect(const char *text, const char *want, int ok) {
  char got[256];
  dmi_md_scan sc;
  cuts(text, got, sizeof got, &sc);
  assert_string_equal(got, want);
  assert_int_equal(sc.ok, ok);
  free(sc.chunks);
}

static void test_paragraphs(void **state) {
  (void)state;
  expect("a\n\nb\nc\n\n# d\n", "1,3,6", 1);
  expect("a\n\n\n\nb", "1,5", 1);
  expect("a\r\n\r\nb\r\rc\n", "1,3,5", 1);
}

static void test_lists_and_indent(void **state) {
  (void)state;
  /* list items after a blank line continue the list; indented lines
   * continue an item or are code */
  expect("- a\n\n- b\n\n  c\n\n1. x\n\n2) y\n\n    code\n\nend\n", "1,13", 1);
  /* "-" or "*" not followed by a space is no marker */
  expect("a\n\n*em*\n\n-1\n", "1,3,5", 1);
  /* lazy continuation: no blank line, no cut */
  expect("> a\nb\n\nc\n", "1,4", 1);
}

static void test_quotes(void **state) {
  (void)state;
  expect("> a\n>\n> > b\n\n> c\n\nd\n", "1,5,7", 1);
}

static void test_fences(void **state) {
  (void)state;
  expect("```\na\n\nb\n```\n\nc\n", "1,7", 1);
  expect("~~~~ x\n\nb\n~~~\n\nc\n~~~~\n\nd\n", "1,9", 1);
  /* a backtick fence's info may not hold a backtick: a paragraph */
  expect("``` a`b\n\nc\n", "1,3", 1);
  /* never closed: no cut after it */
  expect("```\n\na\n", "1", 1);
  /* opened inside a list item: its end cannot be told, no later cut */
  expect("- a\n  ```\n\nb\n\n```\n\nc\n", "1", 1);
}

static void test_html(void **state) {
  (void)state;
  expect("<!--\n\na\n\n-->\n\nb\n", "1,7", 1);
  expect("<pre>\n\na\n</PRE>\n\nb\n", "1,6", 1);
  expect("<!-- a -->\n\nb\n", "1,3", 1);
  expect("<?php\n\nx\n?>\n\n<!DOCTYPE html>\n\n<![CDATA[\n\n]]>\n\nz\n", "1,6,8,12", 1);
  /* HTML of type 6 ends at a blank line */
  expect("<div>\n\na\n", "1,3", 1);
}

static void test_definitions(void **state) {
  (void)state;
  char got[256];
  dmi_md_scan sc;
  cuts("a[^1]\n\n[^1]: note\n\n    more\n\n[x]: /u\n[y]: /v\n\nb\n", got, sizeof got, &sc);
  assert_string_equal(got, "1,3,7,10");
  assert_int_equal(sc.ok, 1);
  assert_int_equal(sc.chunks[1].kind, DMI_MD_NOTE);
  assert_int_equal(sc.chunks[1].label_len, 1);
  assert_int_equal(sc.chunks[2].kind, DMI_MD_REFDEF);
  assert_int_equal(sc.chunks[3].kind, DMI_MD_PLAIN);
  free(sc.chunks);
  /* definitions elsewhere than at the start of a piece: refused */
  expect("- [^1]: a\n", "1", 0);
  expect("> [x]: /u\n\nb\n", "1,3", 0);
  expect("```\n[^1]: a\n```\n", "1", 0);
  /* a note with a second definition or reference inside: refused */
  expect("[^1]: a [^2]\n", "1", 0);
  /* labels the reader could not match by ASCII case folding: refused */
  expect("a[^é]\n", "1", 0);
  expect("[^a\\b]: x\n", "1", 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_paragraphs), cmocka_unit_test(test_lists_and_indent),
      cmocka_unit_test(test_quotes),     cmocka_unit_test(test_fences),
      cmocka_unit_test(test_html),       cmocka_unit_test(test_definitions),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
