/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The Arabic text repairs of the pdf reader (plugins/pdf/pdf_text.c): the
 * lam-alef ligature poppler reverses put back by the rules of
 * data/lamalef.tsv, words without a ligature left alone, digits a font
 * maps glyphs to dropped from inside words, a tanween set apart joined,
 * furniture whose brackets right-to-left text gave in another order.
 * The expected words are standard Arabic spelling; each input is what
 * poppler gives for it (every lam before an alef turned round).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "pdf.h"

/* The line of text s as characters, in reading order. */
static size_t chars_of(const char *s, pdf_char *c, size_t cap) {
  size_t n = 0, off = 0, len = strlen(s);
  while (off < len && n < cap) {
    uint32_t cp;
    int k = dm_utf8_decode((const unsigned char *)s + off, len - off, &cp);
    assert_true(k > 0);
    memset(&c[n], 0, sizeof c[n]);
    c[n].cp = cp;
    c[n].space = cp == ' ';
    n++;
    off += (size_t)k;
  }
  return n;
}

static void text_of(const pdf_char *c, size_t n, char *out) {
  size_t o = 0;
  for (size_t i = 0; i < n; i++) {
    if (c[i].space == 2) continue;
    o += (size_t)dm_utf8_encode(c[i].cp, (unsigned char *)out + o);
  }
  out[o] = '\0';
}

static void check_fix(const char *poppler, const char *want) {
  pdf_char c[256];
  char got[1024];
  size_t n = chars_of(poppler, c, 256);
  pdf_lamalef_fix(c, n);
  text_of(c, n, got);
  assert_string_equal(got, want);
}

static void test_article_before_alef(void **state) {
  (void)state;
  check_fix("األمم المتحدة", "الأمم المتحدة");
  check_fix("االقتصادية اإلقليمي اآلخرين", "الاقتصادية الإقليمي الآخرين");
  check_fix("إال", "إلا");
  check_fix("لألمم", "للأمم");
}

static void test_words_of_the_ligature(void **state) {
  (void)state;
  check_fix("ال وال", "لا ولا");
  check_fix("خالل السالم ونزع السالح", "خلال السلام ونزع السلاح");
  check_fix("وإذ تالحظ", "وإذ تلاحظ");
  check_fix("ألن إلعطاء الستخدام", "لأن لإعطاء لاستخدام");
  check_fix("دليالً عمالً", "دليلاً عملاً");
  check_fix("البروتوكوالت", "البروتوكولات");
}

static void test_words_left_alone(void **state) {
  (void)state;
  /* the article, a hamza before a lam, an alef before a lam */
  const char *same[] = {"الجمعية العامة", "مسألة", "رسالة", "إلى", "ألف", "الأعمال", "مجال", "باللغة", NULL};
  for (size_t i = 0; same[i]; i++)
    check_fix(same[i], same[i]);
}

static void test_clean(void **state) {
  (void)state;
  pdf_char c[64];
  char got[256];
  size_t n = chars_of("وإذ تش77ير وفقا ً 58/43 تحيBBط A/78/409", c, 64);
  assert_int_equal(pdf_arabic_clean(c, &n), 4);
  text_of(c, n, got);
  assert_string_equal(got, "وإذ تشير وفقاً 58/43 تحيط A/78/409");
  /* kasra then shadda, as poppler gives them, become shadda then kasra */
  n = chars_of("ويهد\u0650\u0651د", c, 64);
  assert_int_equal(pdf_arabic_clean(c, &n), 0);
  text_of(c, n, got);
  assert_string_equal(got, "ويهد\u0651\u0650د");
}

/* Furniture as right-to-left text gives it: the brackets in another order. */
static void test_furniture_brackets(void **state) {
  (void)state;
  const char *yes[] = {"S/RES/2608 )(2021", "S/RES/2608 (2021)", "S/RES/2608(2021)",
                       "21-18256 )(A",      "21-18256 (A)",      NULL};
  const char *no[] = {"S/RES/2608 )(20a1", "21-18256 )(AB", "(2021) تشير", NULL};
  for (size_t i = 0; yes[i]; i++)
    assert_true(pdf_is_furniture_text(yes[i], strlen(yes[i])));
  for (size_t i = 0; no[i]; i++)
    assert_false(pdf_is_furniture_text(no[i], strlen(no[i])));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_article_before_alef), cmocka_unit_test(test_words_of_the_ligature),
      cmocka_unit_test(test_words_left_alone),    cmocka_unit_test(test_clean),
      cmocka_unit_test(test_furniture_brackets),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
