/* SPDX-License-Identifier: MIT */
/*
 * The language knowledge of the un-resolution transform, as pure functions
 * on UTF-8 strings: which of the six UN languages a text is in, numerals
 * written in words (sessions are printed "Seventy-fifth", "第七十五",
 * "الخامسة والسبعون"), dates in each language's form, operative paragraph
 * numbers and point labels, footnote markers, clause lead phrases and the
 * page furniture that PDF extraction leaves behind. Kept apart from the tree
 * code so that the unit tests can check each rule on hand-made strings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unres.h"

/* ---- small helpers ------------------------------------------------------- */

/* Decodes at s[i]; invalid bytes count as one U+FFFD so scans always move. */
static size_t unres_next(const char *s, size_t len, size_t i, uint32_t *cp) {
  int n = dm_utf8_decode((const unsigned char *)s + i, len - i, cp);
  return n > 0 ? (size_t)n : 1;
}

int unres_is_space_cp(uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' || cp == 0xA0 ||
         cp == 0x3000 || cp == 0x2009 || cp == 0x202F || cp == 0x200F || cp == 0x200E;
}

uint32_t unres_first_cp(const char *s, size_t len) {
  size_t i = 0;
  while (i < len) {
    uint32_t cp;
    i += unres_next(s, len, i, &cp);
    if (!unres_is_space_cp(cp)) return cp;
  }
  return 0;
}

uint32_t unres_last_cp(const char *s, size_t len) {
  while (len > 0) {
    uint32_t cp = dm_utf8_last((const unsigned char *)s, len);
    if (!cp) return 0;
    if (!unres_is_space_cp(cp)) return cp;
    unsigned char out[4];
    int n = dm_utf8_encode(cp, out);
    len -= (n > 0 && (size_t)n <= len) ? (size_t)n : 1;
  }
  return 0;
}

static int unres_is_digit(char c) { return c >= '0' && c <= '9'; }

/* Lowercasing for the scripts whose case matters here: Latin (with the
 * Extended-A letters of Central European names, "Žena", "Łódź"), Greek
 * and Cyrillic. */
static uint32_t unres_lower(uint32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;
  if (cp >= 0x100 && cp <= 0x17F) {
    /* pairs: upper case even, except in 0139-0148 and 0179-017E where
     * the upper case letter is odd; 0130 İ, 0138 ĸ, 0149 ŉ, 017F ſ stand
     * alone */
    if (cp == 0x130) return 'i';
    if (cp == 0x138 || cp == 0x149 || cp == 0x17F) return cp;
    if (cp == 0x178) return 0xFF;
    int odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
    return ((cp & 1) == (uint32_t)odd_upper) ? cp + 1 : cp;
  }
  if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) return cp + 32;
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;
  return cp;
}

int unres_is_upper_cp(uint32_t cp) { return unres_lower(cp) != cp; }

uint32_t unres_fold_cp(uint32_t cp) { return unres_lower(cp); }

static int unres_is_lower_letter(uint32_t cp) {
  if ((cp >= 'a' && cp <= 'z') || (cp >= 0xDF && cp <= 0xFF && cp != 0xF7) || (cp >= 0x430 && cp <= 0x45F) ||
      (cp >= 0x3B1 && cp <= 0x3C9))
    return 1;
  /* Latin Extended-A: a letter that is no one's lowercase is upper */
  return cp >= 0x100 && cp <= 0x17F && !unres_is_upper_cp(cp);
}

int unres_is_letter(uint32_t cp) {
  return unres_is_upper_cp(cp) || unres_is_lower_letter(cp) ||
         (cp >= 0x600 && cp <= 0x6FF && cp != 0x60C && cp != 0x61B && cp != 0x61F) || (cp >= 0x4E00 && cp <= 0x9FFF);
}

/* Lowercases s into out (NUL-terminated, truncated to size). */
static void unres_lower_copy(const char *s, size_t len, char *out, size_t size) {
  size_t i = 0, o = 0;
  while (i < len && o + 5 < size) {
    uint32_t cp;
    i += unres_next(s, len, i, &cp);
    unsigned char e[4];
    int n = dm_utf8_encode(unres_lower(cp), e);
    if (n <= 0) continue;
    memcpy(out + o, e, (size_t)n);
    o += (size_t)n;
  }
  out[o] = '\0';
}

/* Whether s begins with the lowercased word w, compared case-insensitively;
 * returns the byte length in s matched, 0 when not. */
size_t unres_prefix_ci(const char *s, size_t len, const char *w) {
  size_t i = 0, j = 0;
  /* ASCII against ASCII needs no decoding: most words of the data and
   * most bytes of the text are, and most calls fail at the first byte */
  while (i < len && w[j] && !(((unsigned char)s[i] | (unsigned char)w[j]) & 0x80)) {
    unsigned char a = (unsigned char)s[i], b = (unsigned char)w[j];
    if (a >= 'A' && a <= 'Z') a += 32;
    if (b >= 'A' && b <= 'Z') b += 32;
    if (a != b) return 0;
    i++;
    j++;
  }
  if (!w[j]) return i;
  size_t wl = j + strlen(w + j);
  while (j < wl) {
    if (i >= len) return 0;
    uint32_t a, b;
    i += unres_next(s, len, i, &a);
    j += unres_next(w, wl, j, &b);
    if (unres_lower(a) != unres_lower(b)) return 0;
  }
  return i;
}

/* Finds the lowercased needle in s, case-insensitively; SIZE_MAX when none. */
size_t unres_find_ci(const char *s, size_t len, const char *w) {
  /* a word opening with an ASCII letter can only start where that letter
   * is, in either case: the rest is skipped without decoding */
  unsigned char c = (unsigned char)w[0];
  int ascii = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  unsigned char lo = (unsigned char)(c | 0x20), up = (unsigned char)(c & ~0x20);
  /* one whose first letter is not ASCII, even lowercased, cannot start at
   * an ASCII byte */
  uint32_t first = 0;
  if (c >= 0x80) dm_utf8_decode((const unsigned char *)w, strlen(w), &first);
  int beyond = c >= 0x80 && unres_lower(first) >= 0x80;
  for (size_t i = 0; i < len; i++) {
    if (ascii && (unsigned char)s[i] != lo && (unsigned char)s[i] != up) continue;
    if (((unsigned char)s[i] & 0xC0) == 0x80 || (beyond && (unsigned char)s[i] < 0x80)) continue;
    if (unres_prefix_ci(s + i, len - i, w)) return i;
  }
  return SIZE_MAX;
}

size_t unres_skip_spaces(const char *s, size_t len, size_t i) {
  while (i < len) {
    uint32_t cp;
    size_t n = unres_next(s, len, i, &cp);
    if (!unres_is_space_cp(cp)) break;
    i += n;
  }
  return i;
}

/* Reads 1..max ASCII digits at s[i]; the value, or -1 when none. */
long unres_digits(const char *s, size_t len, size_t *i, int max) {
  long v = 0;
  int n = 0;
  while (*i < len && unres_is_digit(s[*i]) && n < max) {
    v = v * 10 + (s[*i] - '0');
    (*i)++;
    n++;
  }
  if (!n || (*i < len && unres_is_digit(s[*i]))) return -1;
  return v;
}

/* ---- languages ----------------------------------------------------------- */

/* Directional controls (U+200E, U+200F, U+202A..U+202E, U+2066..U+2069)
 * that extractors put around runs of right-to-left text are not words:
 * they are dropped so that the words compare and match. */
size_t unres_format_char(const unsigned char *s, size_t len) {
  if (len >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x8E || s[2] == 0x8F || (s[2] >= 0xAA && s[2] <= 0xAE)))
    return 3;
  if (len >= 3 && s[0] == 0xE2 && s[1] == 0x81 && s[2] >= 0xA6 && s[2] <= 0xA9) return 3;
  return 0;
}

size_t unres_next_format_char(const unsigned char *s, size_t len, size_t i) {
  /* every control opens with the byte E2: only there is it worth a look */
  while (i < len) {
    const unsigned char *p = memchr(s + i, 0xE2, len - i);
    if (!p) return len;
    i = (size_t)(p - s);
    if (unres_format_char(s + i, len - i)) return i;
    i++;
  }
  return len;
}

/* ---- numerals in words --------------------------------------------------- */

/* The value of a "numeral" entry ("fifth 5"): the number after its last
 * space; the stem is the text before it. -1 when malformed. */
static int unres_numeral_entry(const char *e, size_t *stem_len) {
  const char *sp = strrchr(e, ' ');
  if (!sp || sp == e) return -1;
  int v = 0;
  for (const char *q = sp + 1; *q; q++) {
    if (*q < '0' || *q > '9' || v > 100000) return -1;
    v = v * 10 + (*q - '0');
  }
  *stem_len = (size_t)(sp - e);
  return v;
}

/* The value of the numeral word w (lowercase), the longest stem of the
 * language that begins it ("sixth" 6 beats "sixt" 60); -1 when none. */
static int unres_numeral_value(const unres_lang_data *d, const char *w) {
  size_t best = 0;
  int value = -1;
  for (const char *const *e = d->numeral; *e; e++) {
    size_t sl;
    int v = unres_numeral_entry(*e, &sl);
    if (v >= 0 && sl > best && strncmp(w, *e, sl) == 0) {
      best = sl;
      value = v;
    }
  }
  return value;
}

/* Whether v is a value that multiplies the unit before it (key
 * "numeral-times": "quatre-vingts", "七十", "one hundred"). */
static int unres_numeral_times(const unres_lang_data *d, int v) {
  for (const char *const *t = d->numeral_times; *t; t++)
    if (atoi(*t) == v) return 1;
  return 0;
}

/* The end of the numeral word at s[i]: a space or hyphen ends it, and an
 * ideograph is a word of its own ("七十五" is three words). */
static size_t unres_numeral_word_end(const char *s, size_t len, size_t i) {
  uint32_t cp;
  size_t n = unres_next(s, len, i, &cp);
  if (dm_unicode_is_cjk(cp)) return i + n;
  while (i < len && s[i] != ' ' && s[i] != '-' && s[i] != '\n' && s[i] != '\t') {
    n = unres_next(s, len, i, &cp);
    if (dm_unicode_is_cjk(cp)) break;
    i += n;
  }
  return i;
}

int unres_words_number(unres_lang lang, const char *s, size_t len) {
  const unres_lang_data *d = unres_lang_info(lang);
  if (!d || !d->numeral[0]) return 0;
  int total = 0, prev = 0, words = 0;
  size_t i = 0;
  while (i < len) {
    size_t start = i;
    i = unres_numeral_word_end(s, len, i);
    const char *w = s + start;
    size_t n = i - start;
    while (i < len && (s[i] == ' ' || s[i] == '-' || s[i] == '\n' || s[i] == '\t'))
      i++;
    if (!n) continue;
    /* the article and conjunction before a word ("والسبعون" -> "سبعون") */
    for (const char *const *p = d->numeral_prefix; *p; p++) {
      size_t pl = strlen(*p);
      if (n > pl && memcmp(w, *p, pl) == 0) {
        w += pl;
        n -= pl;
        break;
      }
    }
    char low[64];
    unres_lower_copy(w, n, low, sizeof low);
    int value = unres_numeral_value(d, low);
    if (value < 0) return 0;
    if (unres_numeral_times(d, value) && prev > 0 && prev < 10)
      total += prev * value - prev;
    else
      total += value;
    prev = value;
    words++;
  }
  return words ? total : 0;
}

/* ---- phrases around a number ---------------------------------------------- */

/* Splits a pattern "agenda item N", "第N届会议" at its N: the text before
 * and after it, without the spaces next to the N. 0 when it has no N. */
static int unres_split_n(const char *pat, char *before, char *after, size_t cap) {
  const char *n = pat;
  while ((n = strchr(n, 'N')) != NULL) {
    /* N alone: not a letter of a word */
    int alone = (n == pat || n[-1] == ' ' || (unsigned char)n[-1] >= 0x80) &&
                (!n[1] || n[1] == ' ' || (unsigned char)n[1] >= 0x80);
    if (alone) break;
    n++;
  }
  if (!n || (size_t)(n - pat) >= cap || strlen(n + 1) >= cap) return 0;
  size_t b = (size_t)(n - pat);
  while (b && pat[b - 1] == ' ')
    b--;
  memcpy(before, pat, b);
  before[b] = '\0';
  const char *a = n + 1;
  while (*a == ' ')
    a++;
  snprintf(after, cap, "%s", a);
  return 1;
}

/* The numeral in words of up to three words before s[at] (back to a line
 * start); its value, and where it starts in *from. */
static int unres_numeral_before(unres_lang lang, const char *s, size_t at, size_t *from) {
  size_t b = at;
  while (b > 0 && s[b - 1] == ' ')
    b--;
  size_t e = b;
  int best = 0;
  for (int w = 0; w < 3 && b > 0; w++) {
    while (b > 0 && s[b - 1] != ' ' && s[b - 1] != '\n')
      b--;
    int v = unres_words_number(lang, s + b, e - b);
    if (v) {
      best = v;
      *from = b;
    }
    while (b > 0 && s[b - 1] == ' ')
      b--;
  }
  return best;
}

/* The numeral in words of up to three words from s[b]; its value, and
 * where it ends in *to. */
static int unres_numeral_after(unres_lang lang, const char *s, size_t len, size_t b, size_t *to) {
  int best = 0;
  size_t p = b;
  for (int w = 0; w < 3 && p < len; w++) {
    while (p < len && s[p] != ' ' && s[p] != '\n' && s[p] != ',' && s[p] != '.')
      p++;
    int v = unres_words_number(lang, s + b, p - b);
    if (v) {
      best = v;
      *to = p;
    }
    while (p < len && s[p] == ' ')
      p++;
  }
  return best;
}

/* The number between a and k: digits, or a numeral in words. */
static int unres_numeral_between(unres_lang lang, const char *s, size_t a, size_t k) {
  size_t j = unres_skip_spaces(s, k, a);
  if (j < k && unres_is_digit(s[j])) {
    long d = unres_digits(s, k, &j, 3);
    return d > 0 && unres_skip_spaces(s, k, j) == k ? (int)d : 0;
  }
  return unres_words_number(lang, s + j, k - j);
}

/* One session pattern: "N session" (numeral before), "الدورة N" (after),
 * "第N届会议" (between). */
static int unres_session_pattern(unres_lang lang, const char *pat, const char *s, size_t len, size_t *start,
                                 size_t *end) {
  char before[64], after[64];
  if (!unres_split_n(pat, before, after, sizeof before)) return 0;
  if (!after[0]) {
    size_t at = before[0] ? unres_find_ci(s, len, before) : SIZE_MAX;
    if (at == SIZE_MAX) return 0;
    size_t kl = unres_prefix_ci(s + at, len - at, before);
    int v = unres_numeral_after(lang, s, len, unres_skip_spaces(s, len, at + kl), end);
    if (v) *start = at;
    return v;
  }
  size_t k = unres_find_ci(s, len, after);
  if (k == SIZE_MAX) return 0;
  size_t e = k + unres_prefix_ci(s + k, len - k, after);
  int v = 0;
  if (before[0]) {
    /* the last opening word before it, a few numerals away */
    size_t bl = strlen(before), from = k > 40 ? k - 40 : 0, di = SIZE_MAX;
    for (size_t i = from; i + bl <= k; i++)
      if (memcmp(s + i, before, bl) == 0) di = i;
    if (di == SIZE_MAX) return 0;
    v = unres_numeral_between(lang, s, di + bl, k);
    *start = di;
  } else {
    v = unres_numeral_before(lang, s, k, start);
    /* a keyword that is a word's stem ("сесси"): the ending belongs too */
    while (v && e < len && (unsigned char)s[e] >= 0x80 && unres_is_letter(unres_first_cp(s + e, len - e)) &&
           !dm_unicode_is_cjk(unres_first_cp(s + e, len - e)))
      e += unres_next(s, len, e, &(uint32_t){0});
  }
  if (v) *end = e;
  return v;
}

int unres_find_session(unres_lang lang, const char *s, size_t len, size_t *start, size_t *end) {
  const unres_lang_data *d = unres_lang_info(lang);
  for (const char *const *p = d ? d->session : NULL; p && *p; p++) {
    int v = unres_session_pattern(lang, *p, s, len, start, end);
    if (v) return v;
  }
  return 0;
}

/* ---- header phrases ------------------------------------------------------ */

/* One agenda pattern at every place its opening words occur: the number
 * after them, and the words after the number when the pattern has any. */
static int unres_agenda_pattern(const char *pat, const char *s, size_t len, size_t *start, size_t *end) {
  char before[64], after[64];
  if (!unres_split_n(pat, before, after, sizeof before) || !before[0]) return 0;
  for (size_t from = 0; from < len;) {
    size_t at = unres_find_ci(s + from, len - from, before);
    if (at == SIZE_MAX) return 0;
    at += from;
    from = at + 1;
    size_t i = unres_skip_spaces(s, len, at + unres_prefix_ci(s + at, len - at, before));
    long v = unres_digits(s, len, &i, 4);
    if (v <= 0) continue;
    if (after[0]) {
      size_t j = unres_skip_spaces(s, len, i), n = unres_prefix_ci(s + j, len - j, after);
      if (!n) continue;
      i = j + n;
    }
    *start = at;
    *end = i;
    return (int)v;
  }
  return 0;
}

int unres_find_agenda(const char *s, size_t len, size_t *start, size_t *end) {
  for (int l = 1; l <= unres_lang_count(); l++)
    for (const char *const *p = unres_lang_info((unres_lang)l)->agenda; *p; p++) {
      int v = unres_agenda_pattern(*p, s, len, start, end);
      if (v) return v;
    }
  return 0;
}

/* ---- labels and markers ---------------------------------------------------- */

/* "52. Plenarsitzung" and "25. Februar 2003" open like paragraph 52 and
 * 25: the meeting and a date are read first. */
static int unres_number_is_phrase(const char *s, size_t len) {
  size_t a, e;
  char iso[11];
  size_t head = len < 48 ? len : 48;
  /* only a phrase at the start counts: the phrases are looked for there
   * alone, not along the whole line */
  if (unres_meeting_at(s, head, 0, &a, &e)) return 1;
  for (int l = 1; l <= unres_lang_count(); l++)
    if (unres_date_at((unres_lang)l, s, head, 0, iso, &e)) return 1;
  return 0;
}

size_t unres_para_number(const char *s, size_t len, char label[16]) {
  size_t i = 0;
  long v = unres_digits(s, len, &i, 3);
  if (v <= 0) return 0;
  size_t numlen = i;
  static const char *const latin[] = {" bis", " ter", " quater", NULL};
  for (size_t k = 0; latin[k]; k++) {
    size_t n = strlen(latin[k]);
    if (i + n <= len && memcmp(s + i, latin[k], n) == 0) {
      i += n;
      numlen = i;
      break;
    }
  }
  size_t j = i;
  while (j < len && s[j] == ' ')
    j++;
  char delim = 0;
  if (j < len && (s[j] == '.' || s[j] == '-')) delim = s[j];
  if (!delim) return 0;
  size_t after = j + 1;
  /* "1.5" or "2020-2021" are not paragraph numbers */
  if (after >= len) return 0;
  if (s[after] != ' ' && s[after] != '\t' && !(after + 1 < len && memcmp(s + after, "\xc2\xa0", 2) == 0)) return 0;
  size_t lablen = (delim == '-') ? j + 1 : numlen + 1;
  if (lablen >= 16) return 0;
  memcpy(label, s, numlen);
  if (delim == '-')
    memcpy(label, s, lablen);
  else
    label[numlen] = '.';
  label[lablen] = '\0';
  /* read last: only what opens like a number pays for the phrases */
  if (unres_number_is_phrase(s, len)) return 0;
  return unres_skip_spaces(s, len, after);
}

static int unres_is_roman(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!strchr("ivxlc", s[i])) return 0;
  return n > 0;
}

size_t unres_point_label(const char *s, size_t len, char label[24]) {
  size_t i = 0;
  uint32_t cp0;
  size_t n0 = len ? unres_next(s, len, 0, &cp0) : 0;
  /* Chinese roman sub-points "㈠" and Arabic ones "’1‘" */
  if (n0 && cp0 >= 0x3220 && cp0 <= 0x3229) {
    memcpy(label, s, n0);
    label[n0] = '\0';
    return unres_skip_spaces(s, len, n0);
  }
  if (n0 && cp0 == 0x2019) {
    size_t j = n0;
    while (j < len && j < n0 + 2 && unres_is_digit(s[j]))
      j++;
    uint32_t cp1 = 0;
    if (j > n0 && j < len) {
      size_t n1 = unres_next(s, len, j, &cp1);
      if (cp1 == 0x2018) {
        memcpy(label, s, j + n1);
        label[j + n1] = '\0';
        return unres_skip_spaces(s, len, j + n1);
      }
    }
    return 0;
  }
  int paren = 0;
  if (i < len && s[i] == '(') {
    paren = 1;
    i++;
  }
  size_t b = i;
  int letters = 0, kind = 0; /* 1 latin, 2 digits, 3 other script */
  while (i < len && letters < 6) {
    uint32_t cp;
    size_t n = unres_next(s, len, i, &cp);
    int k = (cp >= 'a' && cp <= 'z')                                         ? 1
            : (cp >= '0' && cp <= '9')                                       ? 2
            : ((cp >= 0x430 && cp <= 0x44F) || (cp >= 0x621 && cp <= 0x64A)) ? 3
                                                                             : 0;
    if (!k || (kind && k != kind)) break;
    kind = k;
    i += n;
    letters++;
  }
  if (!letters || i >= len || s[i] != ')') return 0;
  /* a word in parentheses is not a label: one letter, a roman numeral or
   * a number of up to two digits only */
  if (kind == 1 && letters > 1 && !unres_is_roman(s + b, i - b) && !(letters == 2 && s[b] == s[b + 1])) return 0;
  if (kind == 2 && letters > 2) return 0;
  if (kind == 3 && letters > 1) return 0;
  if (!paren && kind != 1 && kind != 3) return 0;
  i++;
  if (i < len && s[i] != ' ' && s[i] != '\t') return 0;
  if (i >= 24) return 0;
  memcpy(label, s, i);
  label[i] = '\0';
  return unres_skip_spaces(s, len, i);
}

char unres_point_kind(const char *label, const char *prev_letter) {
  const char *p = label;
  if (*p == '(') p++;
  unsigned char c = (unsigned char)*p;
  if (c >= '0' && c <= '9') return '1';
  if (c >= 0x80) {
    uint32_t cp;
    dm_utf8_decode((const unsigned char *)label, strlen(label), &cp);
    if ((cp >= 0x3220 && cp <= 0x3229) || cp == 0x2019) return 'i';
    dm_utf8_decode((const unsigned char *)p, strlen(p), &cp);
    return (cp >= 0x430 && cp <= 0x44F) ? 'c' : 'r';
  }
  size_t n = strcspn(p, ")");
  if (unres_is_roman(p, n)) {
    /* (i), (v), (x) continue a letter sequence that reached (h), (u), (w) */
    if (n == 1 && prev_letter) {
      const char *q = prev_letter + (*prev_letter == '(');
      if (q[1] == ')' && q[0] + 1 == p[0]) return 'a';
    }
    return 'i';
  }
  return 'a';
}

size_t unres_def_marker(const char *s, size_t len, int bare, long *value) {
  /* "[^12]: text", a Markdown definition the reader could not pair */
  if (len > 5 && s[0] == '[' && s[1] == '^') {
    size_t j = 2;
    long v = 0;
    while (j < len && j < 6 && s[j] >= '0' && s[j] <= '9')
      v = v * 10 + (s[j++] - '0');
    if (j > 2 && j + 1 < len && s[j] == ']' && s[j + 1] == ':') {
      *value = v;
      return unres_skip_spaces(s, len, j + 2);
    }
  }
  static const uint32_t sup[10] = {0x2070, 0xB9, 0xB2, 0xB3, 0x2074, 0x2075, 0x2076, 0x2077, 0x2078, 0x2079};
  size_t i = 0;
  long v = 0;
  int n = 0;
  while (i < len && n < 4) {
    uint32_t cp;
    size_t k = unres_next(s, len, i, &cp);
    int d = -1;
    for (int j = 0; j < 10; j++)
      if (sup[j] == cp) d = j;
    if (d < 0) break;
    v = v * 10 + d;
    i += k;
    n++;
  }
  if (n) {
    *value = v;
    return unres_skip_spaces(s, len, i);
  }
  if (!bare) return 0;
  i = 0;
  v = unres_digits(s, len, &i, 3);
  if (v <= 0 || i >= len || (s[i] != ' ' && s[i] != '\t')) return 0;
  size_t j = unres_skip_spaces(s, len, i);
  uint32_t next = unres_first_cp(s + j, len - j);
  /* "12 Ibid.", "3 联合国", "(" or a quote: text; not another number, and
   * not "4 - " (an Arabic operative paragraph) */
  if (!next || (next >= '0' && next <= '9') || next == '-' || next == 0x2013 || next == '.') return 0;
  *value = v;
  return j;
}

/* ---- punctuation and lead phrases ------------------------------------------ */

int unres_ends_sentence(const char *s, size_t len) {
  uint32_t cp = unres_last_cp(s, len);
  return cp == '.' || cp == ';' || cp == ':' || cp == '!' || cp == '?' || cp == 0x3002 || cp == 0xFF1B ||
         cp == 0xFF1A || cp == 0xFF01 || cp == 0xFF1F || cp == 0x61B || cp == 0x61F || cp == 0x6D4;
}

int unres_ends_comma(const char *s, size_t len) {
  uint32_t cp = unres_last_cp(s, len);
  return cp == ',' || cp == 0xFF0C || cp == 0x3001 || cp == 0x60C;
}

int unres_starts_lower(const char *s, size_t len) {
  size_t i = 0;
  while (i < len) {
    uint32_t cp;
    i += unres_next(s, len, i, &cp);
    if (unres_is_lower_letter(cp)) return 1;
    if (unres_is_upper_cp(cp) || (cp >= '0' && cp <= '9') || unres_is_letter(cp)) return 0;
  }
  return 0;
}

/* ---- page furniture -------------------------------------------------------- */

/* One furniture token at s[i]; its length, 0 when it is none. */
static size_t unres_furniture_token(const char *s, size_t len, size_t i) {
  size_t j = i;
  /* A/RES/75/158, A/75/L.40, S/RES/2611 (2021) */
  if (j + 2 < len && s[j] >= 'A' && s[j] <= 'Z' && s[j + 1] == '/') {
    while (j < len && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' && s[j] != '(') {
      char c = s[j++];
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' || c == '.')) return 0;
    }
    /* the Security Council's year in brackets, with or without a space */
    size_t y = j < len && s[j] == ' ' ? j + 1 : j;
    if (y + 6 <= len && s[y] == '(' && s[y + 5] == ')' && unres_is_digit(s[y + 1]) && unres_is_digit(s[y + 2]) &&
        unres_is_digit(s[y + 3]) && unres_is_digit(s[y + 4]))
      j = y + 6;
    return j - i;
  }
  /* *2017524* */
  if (s[j] == '*') {
    j++;
    while (j < len && unres_is_digit(s[j]))
      j++;
    return (j > i + 2 && j < len && s[j] == '*') ? j + 1 - i : 0;
  }
  /* (E), (C), (F), (S), (R), (A): the job number's language */
  if (s[j] == '(' && j + 2 < len && s[j + 1] >= 'A' && s[j + 1] <= 'Z' && s[j + 2] == ')') return 3;
  if (!unres_is_digit(s[j])) return 0;
  long a = unres_digits(s, len, &j, 6);
  if (a < 0) return 0;
  if (j < len && (s[j] == '/' || s[j] == '-')) {
    char sep = s[j++];
    long b = unres_digits(s, len, &j, 6);
    if (b < 0) return 0;
    /* page "2/11" (page not beyond the count) or job "20-17524" */
    if (sep == '/' && (a > b || a == 0)) return 0;
    if (sep == '-' && (j - i) < 7) return 0;
    return j - i;
  }
  /* the print date "071118" (day, month, year) */
  if (j - i == 6) {
    int dd = (s[i] - '0') * 10 + (s[i + 1] - '0'), mm = (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
    return dd >= 1 && dd <= 31 && mm >= 1 && mm <= 12 ? 6 : 0;
  }
  /* a bare page number */
  return (j - i) <= 3 ? j - i : 0;
}

int unres_is_furniture(const char *s, size_t len) {
  size_t i = unres_skip_spaces(s, len, 0);
  int tokens = 0;
  while (i < len) {
    size_t n = unres_furniture_token(s, len, i);
    if (!n) return 0;
    if (i + n < len && s[i + n] != ' ' && s[i + n] != '\t' && s[i + n] != '\n') {
      if (s[i + n] != '(') return 0;
    }
    tokens++;
    i = unres_skip_spaces(s, len, i + n);
  }
  return tokens > 0;
}
