/* SPDX-License-Identifier: MIT */
/*
 * UTF-8 decoding and validation (strict: no overlong forms, no surrogates,
 * nothing above U+10FFFF) and the CJK test that decides whether wrapped
 * lines are joined with or without a space. Shared by every plain-text path.
 */
#include "internal.h"

int dm_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp) {
  *cp = 0xFFFD;
  if (!len) return -1;
  unsigned c = s[0];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  int n;
  uint32_t v, min;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
    v = c & 0x1F;
    min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    v = c & 0x0F;
    min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    v = c & 0x07;
    min = 0x10000;
  } else {
    return -1;
  }
  if (len < (size_t)n) return -1;
  for (int i = 1; i < n; i++) {
    if ((s[i] & 0xC0) != 0x80) return -1;
    v = (v << 6) | (s[i] & 0x3F);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return -1;
  *cp = v;
  return n;
}

int dm_utf8_encode(uint32_t cp, unsigned char out[4]) {
  if (cp < 0x80) {
    out[0] = (unsigned char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (unsigned char)(0xC0 | (cp >> 6));
    out[1] = (unsigned char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
  if (cp < 0x10000) {
    out[0] = (unsigned char)(0xE0 | (cp >> 12));
    out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (unsigned char)(0x80 | (cp & 0x3F));
    return 3;
  }
  if (cp <= 0x10FFFF) {
    out[0] = (unsigned char)(0xF0 | (cp >> 18));
    out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
  }
  return 0;
}

size_t dm_utf8_validate(const unsigned char *s, size_t len) {
  size_t i = 0;
  for (;;) {
    /* ASCII runs dominate Latin text; skip them eight bytes at a time. */
    while (i + 8 <= len) {
      uint64_t w;
      __builtin_memcpy(&w, s + i, 8);
      if (w & 0x8080808080808080ull) break;
      i += 8;
    }
    while (i < len && s[i] < 0x80)
      i++;
    if (i >= len) return len;
    /* Then the run of non-ASCII characters, in a loop of its own so that a
     * Chinese or Russian text does not try the ASCII test before every
     * character. Three-byte sequences (all of CJK) are checked inline: E0
     * must not be overlong, ED must not encode a surrogate. */
    while (i < len && s[i] >= 0x80) {
      unsigned c = s[i];
      if (c >= 0xE0 && c <= 0xEF && len - i >= 3 && (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80 &&
          (c != 0xE0 || s[i + 1] >= 0xA0) && (c != 0xED || s[i + 1] < 0xA0)) {
        i += 3;
        continue;
      }
      uint32_t cp;
      int n = dm_utf8_decode(s + i, len - i, &cp);
      if (n < 0) return i;
      i += (size_t)n;
    }
  }
}

uint32_t dm_utf8_last(const unsigned char *s, size_t len) {
  if (!len) return 0;
  size_t i = len - 1;
  while (i > 0 && (s[i] & 0xC0) == 0x80 && len - i < 4)
    i--;
  uint32_t cp;
  if (dm_utf8_decode(s + i, len - i, &cp) != (int)(len - i)) return 0xFFFD;
  return cp;
}

int dm_unicode_is_cjk(uint32_t cp) {
  return (cp >= 0x1100 && cp <= 0x11FF) || /* Hangul Jamo */
         (cp >= 0x2E80 && cp <= 0x2FDF) || /* CJK radicals */
         (cp >= 0x3000 && cp <= 0x303F) || /* CJK symbols and punctuation */
         (cp >= 0x3040 && cp <= 0x30FF) || /* Hiragana, Katakana */
         (cp >= 0x3100 && cp <= 0x31FF) || /* Bopomofo, Hangul compat., Kanbun */
         (cp >= 0x3200 && cp <= 0x4DBF) || /* enclosed, compat., Ext. A */
         (cp >= 0x4E00 && cp <= 0x9FFF) || /* CJK unified ideographs */
         (cp >= 0xA960 && cp <= 0xA97F) || /* Hangul Jamo Ext. A */
         (cp >= 0xAC00 && cp <= 0xD7FF) || /* Hangul syllables */
         (cp >= 0xF900 && cp <= 0xFAFF) || /* compatibility ideographs */
         (cp >= 0xFE30 && cp <= 0xFE4F) || /* compatibility forms */
         (cp >= 0xFF00 && cp <= 0xFFEF) || /* half- and full-width forms */
         (cp >= 0x20000 && cp <= 0x3FFFF); /* supplementary ideographs */
}
