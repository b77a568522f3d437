/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the DOCX reader's tables and number formats: every row of
 * the data files (plugins/docx/data/) read back from the compiled tables,
 * and the numbers Word displays in each format, each expected value
 * worked out by hand from the format's definition (ECMA-376 Part 1,
 * 17.18.59 ST_NumberFormat) rather than taken from the code's output.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "docx_custom.h"
#include "docx_read.h"
#include "docx_read_tables.h"

static void test_styles_table(void **state) {
  (void)state;
  static const char *const kinds[] = {"heading", "title",     "quote",           "code",      "code-char",
                                      "list",    "note-text", "preface-heading", "note-mark", "paragraph"};
  assert_true(docx_styles_count >= 60);
  int headings_zh = 0, headings_ar = 0;
  for (size_t i = 0; i < docx_styles_count; i++) {
    int known = 0;
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
      known |= !strcmp(docx_styles[i].kind, kinds[k]);
    assert_true(known);
    int level = atoi(docx_styles[i].level);
    assert_true(level >= 0 && level <= 6);
    if (!strcmp(docx_styles[i].kind, "heading")) assert_true(level >= 1);
    headings_zh += !strncmp(docx_styles[i].name, "\xe6\xa0\x87\xe9\xa2\x98 ", 7);                  /* "标题 " */
    headings_ar += !strncmp(docx_styles[i].name, "\xd8\xb9\xd9\x86\xd9\x88\xd8\xa7\xd9\x86 ", 11); /* "عنوان " */
  }
  assert_int_equal(headings_zh, 9);
  assert_int_equal(headings_ar, 9);
}

static void test_numfmt_table(void **state) {
  (void)state;
  static const char *const methods[] = {"decimal", "digits", "alpha", "roman", "table", "counting", "bullet", "none"};
  for (size_t i = 0; i < docx_numfmts_count; i++) {
    int known = 0;
    for (size_t k = 0; k < sizeof methods / sizeof methods[0]; k++)
      known |= !strcmp(docx_numfmts[i].method, methods[k]);
    assert_true(known);
    /* symbols are counted by spaces: a method that needs them has them */
    size_t n = 0;
    for (const char *p = docx_numfmts[i].symbols; *p; p++)
      n += *p == ' ';
    if (!strcmp(docx_numfmts[i].method, "digits")) assert_int_equal(n + 1, 10);
    if (!strcmp(docx_numfmts[i].method, "roman")) assert_int_equal(n + 1, 7);
    if (!strcmp(docx_numfmts[i].method, "counting")) assert_int_equal(n + 1, 13);
  }
}

static void expect(const char *fmt, long n, const char *want, int kind) {
  char out[64];
  assert_int_equal(docx_num_format(fmt, n, out, sizeof out), kind);
  assert_string_equal(out, want);
}

static void test_formats(void **state) {
  (void)state;
  expect("decimal", 12, "12", DOCX_NF_DECIMAL);
  expect("decimalZero", 7, "07", DOCX_NF_DECIMAL);
  expect("decimalZero", 12, "12", DOCX_NF_DECIMAL);
  expect("lowerLetter", 1, "a", DOCX_NF_OTHER);
  expect("lowerLetter", 26, "z", DOCX_NF_OTHER);
  expect("lowerLetter", 27, "aa", DOCX_NF_OTHER); /* Word repeats the letter */
  expect("upperLetter", 54, "BBB", DOCX_NF_OTHER);
  expect("lowerRoman", 4, "iv", DOCX_NF_OTHER);
  expect("lowerRoman", 9, "ix", DOCX_NF_OTHER);
  expect("upperRoman", 1994, "MCMXCIV", DOCX_NF_OTHER);
  expect("upperRoman", 3999, "MMMCMXCIX", DOCX_NF_OTHER);
  expect("upperRoman", 4000, "4000", DOCX_NF_OTHER);                                    /* past roman: decimal */
  expect("arabicAbjad", 1, "\xd8\xa3", DOCX_NF_OTHER);                                  /* أ */
  expect("arabicAbjad", 4, "\xd8\xaf", DOCX_NF_OTHER);                                  /* د */
  expect("arabicAlpha", 3, "\xd8\xaa", DOCX_NF_OTHER);                                  /* ت */
  expect("russianLower", 10, "\xd0\xba", DOCX_NF_OTHER);                                /* к: no й */
  expect("chineseCounting", 10, "\xe5\x8d\x81", DOCX_NF_OTHER);                         /* 十 */
  expect("chineseCounting", 11, "\xe5\x8d\x81\xe4\xb8\x80", DOCX_NF_OTHER);             /* 十一 */
  expect("chineseCounting", 21, "\xe4\xba\x8c\xe5\x8d\x81\xe4\xb8\x80", DOCX_NF_OTHER); /* 二十一 */
  /* 一百〇一 */
  expect("chineseCounting", 101, "\xe4\xb8\x80\xe7\x99\xbe\xe3\x80\x87\xe4\xb8\x80", DOCX_NF_OTHER);
  /* 一百一十 */
  expect("chineseCounting", 110, "\xe4\xb8\x80\xe7\x99\xbe\xe4\xb8\x80\xe5\x8d\x81", DOCX_NF_OTHER);
  expect("ideographDigital", 305, "\xe4\xb8\x89\xe3\x80\x87\xe4\xba\x94", DOCX_NF_OTHER); /* 三〇五 */
  expect("decimalEnclosedCircle", 3, "\xe2\x91\xa2", DOCX_NF_OTHER);                      /* ③ */
  expect("decimalEnclosedCircle", 25, "25", DOCX_NF_OTHER);                               /* past the table: decimal */
  expect("bullet", 3, "", DOCX_NF_BULLET);
  expect("none", 3, "", DOCX_NF_NONE);
  expect("cardinalText", 3, "3", DOCX_NF_OTHER); /* not known: decimal, said to be other */
  expect(NULL, 5, "5", DOCX_NF_DECIMAL);         /* no w:numFmt: decimal */
}

/* The digest docmill's part records: FNV-1a 64, whose published test
 * vectors these are ("" is the offset basis), fed in pieces as libzip
 * hands the writer its chunks, with the byte count after the dash. */
static void test_digest(void **state) {
  (void)state;
  char out[48];
  docx_digest d;
  docx_digest_init(&d);
  docx_digest_format(&d, out, sizeof out);
  assert_string_equal(out, "cbf29ce484222325-0");
  docx_digest_add(&d, "a", 1);
  docx_digest_format(&d, out, sizeof out);
  assert_string_equal(out, "af63dc4c8601ec8c-1");
  docx_digest_init(&d);
  docx_digest_add(&d, "foo", 3);
  docx_digest_add(&d, "", 0);
  docx_digest_add(&d, "bar", 3);
  docx_digest_format(&d, out, sizeof out);
  assert_string_equal(out, "85944171f73967e8-6");
}

/* Every node type has an element name in docmill's namespace, and the
 * names the reader looks up are the model's own (dm_node_type_name). */
static void test_custom_names(void **state) {
  (void)state;
  for (int t = 0; t < DOCX_CUSTOM_NTYPES; t++) {
    const char *n = docx_custom_names[t];
    if (!dm_node_type_is_block((dm_node_type)t) && !dm_node_type_is_inline((dm_node_type)t)) {
      assert_null(n);
      continue;
    }
    assert_non_null(n);
    assert_memory_equal(n, "dm:", 3);
    assert_string_equal(n + 3, dm_node_type_name((dm_node_type)t));
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_styles_table), cmocka_unit_test(test_numfmt_table), cmocka_unit_test(test_formats),
      cmocka_unit_test(test_digest),       cmocka_unit_test(test_custom_names),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
