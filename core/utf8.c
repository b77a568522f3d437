/* SPDX-License-Identifier: MIT */
/*
 * UTF-8 decoding and validation (strict: no overlong forms, no surrogates,
 * nothing above U+10FFFF), the one policy for input that is not UTF-8
 * (dm_utf8_clean), and the character and language tables of text.h: CJK,
 * which decides whether wrapped lines join with or without a space, and
 * right to left. Shared by every plain-text path.
 */
#include <ctype.h>
#include <string.h>

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

int dm_unicode_is_rtl(uint32_t c) {
  return (c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF);
}

/* Primary subtags of the languages written right to left, sorted. */
static const char *const utf8_rtl_langs[] = {"ar", "ckb", "dv", "fa", "he", "iw", "ps", "sd", "syr", "ug", "ur", "yi"};

int dm_lang_is_rtl(const char *lang) {
  if (!lang) return 0;
  size_t n = strcspn(lang, "-_");
  char primary[4];
  if (n == 0 || n > 3) return 0;
  for (size_t i = 0; i < n; i++)
    primary[i] = (char)tolower((unsigned char)lang[i]);
  primary[n] = '\0';
  for (size_t i = 0; i < sizeof utf8_rtl_langs / sizeof *utf8_rtl_langs; i++)
    if (strcmp(utf8_rtl_langs[i], primary) == 0) return 1;
  return 0;
}

size_t dm_utf8_clean_needed(const unsigned char *s, size_t len) {
  size_t bad = dm_utf8_validate(s, len);
  const unsigned char *nul = memchr(s, 0, bad);
  return nul ? (size_t)(nul - s) : bad;
}

size_t dm_utf8_invalid_len(const unsigned char *s, size_t len, const char **why) {
  const char *dummy;
  if (!why) why = &dummy;
  unsigned char c = s[0], lo = 0x80, hi = 0xBF;
  if (c < 0x80 || (c >= 0x80 && c <= 0xBF)) {
    *why = "a continuation byte without a lead byte";
    return 1;
  }
  if (c == 0xC0 || c == 0xC1) {
    *why = "an overlong encoding";
    return 1;
  }
  if (c >= 0xF5) {
    *why = "a byte that never occurs in UTF-8";
    return 1;
  }
  size_t need = c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
  *why = "an incomplete sequence";
  if (c == 0xE0)
    lo = 0xA0;
  else if (c == 0xED)
    hi = 0x9F;
  else if (c == 0xF0)
    lo = 0x90;
  else if (c == 0xF4)
    hi = 0x8F;
  if (len > 1 && (s[1] < lo || s[1] > hi) && s[1] >= 0x80 && s[1] <= 0xBF) {
    *why = c == 0xE0 || c == 0xF0 ? "an overlong encoding"
           : c == 0xED            ? "a UTF-16 surrogate"
                                  : "a code point above U+10FFFF";
    return 1;
  }
  size_t k = 1;
  while (k <= need && k < len) {
    unsigned char b = s[k];
    if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) break;
    k++;
  }
  if (k == len) *why = "a sequence cut short by the end of the input";
  return k;
}

int dm_utf8_clean(dm_ctx *ctx, const unsigned char *s, size_t len, int lenient, uint64_t base, dm_buf *out) {
  uint32_t line = 1, col = 1;
  size_t i = 0, run = 0;
  while (i < len) {
    size_t ok = dm_utf8_clean_needed(s + i, len - i);
    /* Lines and columns only matter for the messages: count them over the
     * clean run just passed. */
    for (size_t k = i; k < i + ok; k++) {
      if (s[k] == '\n') {
        line++;
        col = 1;
      } else if ((s[k] & 0xC0) != 0x80) {
        col++;
      }
    }
    i += ok;
    if (i >= len) break;
    if (dm_buf_append(out, s + run, i - run) != DM_OK) return dm_error(ctx, DM_ENOMEM, "out of memory");
    dm_pos pos = {line, col, base + i};
    size_t skip = 1;
    int rc;
    if (s[i] == 0) {
      rc = dm_warn(ctx, DM_DIAG_NUL_BYTE, pos, "NUL byte replaced by U+FFFD");
    } else {
      const char *why;
      skip = dm_utf8_invalid_len(s + i, len - i, &why);
      /* The error names the byte offset first, as every read error does,
       * and says the line and column too. */
      if (!lenient)
        return dm_error_at(ctx, DM_EFORMAT, dm_pos_offset(base + i),
                           "invalid UTF-8 at line %u, column %u: %s (byte 0x%02x); the option lenient=true "
                           "replaces it with U+FFFD",
                           line, col, why, s[i]);
      rc = dm_warn(ctx, DM_DIAG_ENCODING, pos, "invalid UTF-8: %s (byte 0x%02x) replaced by U+FFFD", why, s[i]);
    }
    if (rc != DM_OK || dm_buf_append(out, "\xEF\xBF\xBD", 3) != DM_OK) return dm_error(ctx, DM_ENOMEM, "out of memory");
    i += skip;
    col++;
    run = i;
  }
  if (dm_buf_append(out, s + run, len - run) != DM_OK) return dm_error(ctx, DM_ENOMEM, "out of memory");
  return DM_OK;
}
