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

/* The validator's fast paths (eight ASCII bytes at a time, three-byte
 * sequences inline) against the plain definition: decode one character
 * after another until one fails. Random strings built from pieces that
 * sit on every boundary (ASCII, CJK, E0/ED edge cases, four-byte forms,
 * stray continuation bytes, cut sequences), so that the fast paths meet
 * each kind of neighbour at every alignment. */
static size_t reference_validate(const unsigned char *s, size_t len) {
  size_t i = 0;
  while (i < len) {
    uint32_t cp;
    int n = dm_utf8_decode(s + i, len - i, &cp);
    if (n < 0) return i;
    i += (size_t)n;
  }
  return len;
}

static void test_validate_matches_decoder(void **state) {
  (void)state;
  static const char *const pieces[] = {
      "a",
      "abcdefgh",
      "\xe5\xa4\xa7",
      "\xe0\xa0\x80",
      "\xe0\x9f\xbf",
      "\xed\x9f\xbf",
      "\xed\xa0\x80",
      "\xef\xbf\xbf",
      "\xc2\x80",
      "\xdf\xbf",
      "\xc1\xbf",
      "\xf0\x90\x80\x80",
      "\xf4\x8f\xbf\xbf",
      "\xf4\x90\x80\x80",
      "\x80",
      "\xbf",
      "\xe5\xa4",
      "\xe5",
      "\xf0\x9f\x98",
      "\xff",
      "\n",
  };
  const size_t npieces = sizeof pieces / sizeof pieces[0];
  uint32_t seed = 12345;
  unsigned char buf[64];
  for (int round = 0; round < 200000; round++) {
    size_t len = 0;
    while (len < 40) {
      seed = seed * 1103515245u + 12345u;
      /* mostly valid pieces, now and then a broken one */
      size_t k = (seed >> 16) % (round % 4 ? 4 : npieces);
      size_t pl = strlen(pieces[k]);
      memcpy(buf + len, pieces[k], pl);
      len += pl;
      if ((seed >> 8) % 7 == 0) break;
    }
    assert_int_equal(dm_utf8_validate(buf, len), reference_validate(buf, len));
    /* every prefix too: a sequence cut by the end of the input */
    size_t cut = (seed >> 4) % (len + 1);
    assert_int_equal(dm_utf8_validate(buf, cut), reference_validate(buf, cut));
  }
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
      cmocka_unit_test(test_validate_matches_decoder),
      cmocka_unit_test(test_encode_roundtrip),
      cmocka_unit_test(test_cjk),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
