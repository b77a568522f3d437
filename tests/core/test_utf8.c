/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the UTF-8 helpers: the strict decoder refuses overlong
 * forms, surrogates and values past U+10FFFF; validation reports the offset
 * of the first bad byte; the CJK test covers the ranges that join without a
 * space.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "docmill/docmill.h"

#define U(s) ((const unsigned char *)(s))

static void test_decode(void **state) {
  (void)state;
  uint32_t cp;
  assert_int_equal(dm_utf8_decode(U("A"), 1, &cp), 1);
  assert_int_equal(cp, 'A');
  assert_int_equal(dm_utf8_decode(U("\xe5\xa4\xa7"), 3, &cp), 3); /* 大 */
  assert_int_equal(cp, 0x5927);
  assert_int_equal(dm_utf8_decode(U("\xf0\x9f\x98\x80"), 4, &cp), 4);
  assert_int_equal(cp, 0x1F600);
  assert_int_equal(dm_utf8_decode(U("\xc0\xaf"), 2, &cp), -1);         /* overlong '/' */
  assert_int_equal(dm_utf8_decode(U("\xe0\x80\xaf"), 3, &cp), -1);     /* overlong */
  assert_int_equal(dm_utf8_decode(U("\xed\xa0\x80"), 3, &cp), -1);     /* surrogate */
  assert_int_equal(dm_utf8_decode(U("\xf4\x90\x80\x80"), 4, &cp), -1); /* > U+10FFFF */
  assert_int_equal(dm_utf8_decode(U("\xe5\xa4"), 2, &cp), -1);         /* truncated */
  assert_int_equal(cp, 0xFFFD);
}

static void test_validate(void **state) {
  (void)state;
  const char *ok = "plain ASCII text that is longer than eight bytes, and 中文";
  assert_int_equal(dm_utf8_validate(U(ok), strlen(ok)), strlen(ok));
  const char *bad = "0123456789abcdef\xff tail";
  assert_int_equal(dm_utf8_validate(U(bad), strlen(bad)), 16);
  assert_int_equal(dm_utf8_validate(U("\x80"), 1), 0);
  assert_int_equal(dm_utf8_validate(U("ab\xe5\xa4"), 4), 2);
  /* the inline three-byte path refuses what the decoder refuses */
  assert_int_equal(dm_utf8_validate(U("x\xe0\x80\xaf"), 4), 1);                        /* overlong */
  assert_int_equal(dm_utf8_validate(U("\xe4\xb8\xad\xed\xa0\x80"), 6), 3);             /* surrogate */
  assert_int_equal(dm_utf8_validate(U("\xe4\xb8\xad\xe4\x41\xad"), 6), 3);             /* bad continuation */
  assert_int_equal(dm_utf8_validate(U("\xe0\xa0\x80\xed\x9f\xbf\xef\xbf\xbf"), 9), 9); /* edges */
}

static void test_encode_roundtrip(void **state) {
  (void)state;
  unsigned char b[4];
  uint32_t cps[] = {0x24, 0xA2, 0x20AC, 0x10348, 0x10FFFF};
  for (size_t i = 0; i < sizeof cps / sizeof *cps; i++) {
    int n = dm_utf8_encode(cps[i], b);
    assert_true(n > 0);
    uint32_t back;
    assert_int_equal(dm_utf8_decode(b, (size_t)n, &back), n);
    assert_int_equal(back, cps[i]);
  }
  assert_int_equal(dm_utf8_encode(0xD800, b), 0);
  assert_int_equal(dm_utf8_encode(0x110000, b), 0);
  assert_int_equal(dm_utf8_last(U("ab\xe5\xa4\xa7"), 5), 0x5927);
  assert_int_equal(dm_utf8_last(U("ab"), 2), 'b');
}

static void test_cjk(void **state) {
  (void)state;
  assert_true(dm_unicode_is_cjk(0x4E2D)); /* 中 */
  assert_true(dm_unicode_is_cjk(0x3002)); /* 。 */
  assert_true(dm_unicode_is_cjk(0xFF0C)); /* ， */
  assert_true(dm_unicode_is_cjk(0xAC00)); /* 가 */
  assert_false(dm_unicode_is_cjk('a'));
  assert_false(dm_unicode_is_cjk(0x0627)); /* Arabic alef */
  assert_false(dm_unicode_is_cjk(0x0416)); /* Cyrillic Zhe */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_decode),
      cmocka_unit_test(test_validate),
      cmocka_unit_test(test_encode_roundtrip),
      cmocka_unit_test(test_cjk),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
