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

typedef struct unres_numword {
  const char *stem; /* lowercase; matched as a prefix of a word */
  int value;
} unres_numword;

/* Longest stem first within each table is not required: the longest match
 * is chosen at run time, so "sixth" (6) beats "sixt" (60) and "sixteenth"
 * beats both. */
static const unres_numword unres_words_en[] = {
    {"first", 1},     {"one", 1},       {"second", 2},    {"two", 2},      {"third", 3},      {"three", 3},
    {"fourth", 4},    {"four", 4},      {"fifth", 5},     {"five", 5},     {"sixth", 6},      {"six", 6},
    {"seventh", 7},   {"seven", 7},     {"eighth", 8},    {"eight", 8},    {"ninth", 9},      {"nine", 9},
    {"tenth", 10},    {"ten", 10},      {"eleventh", 11}, {"eleven", 11},  {"twelfth", 12},   {"twelve", 12},
    {"thirteen", 13}, {"fourteen", 14}, {"fifteen", 15},  {"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18},
    {"nineteen", 19}, {"twent", 20},    {"thirt", 30},    {"fort", 40},    {"fift", 50},      {"sixt", 60},
    {"sevent", 70},   {"eightie", 80},  {"eighty", 80},   {"ninet", 90},   {"hundred", 100},  {NULL, 0}};

static const unres_numword unres_words_fr[] = {
    {"premi", 1},     {"unième", 1},   {"un", 1},     {"deux", 2},   {"second", 2}, {"trois", 3},
    {"quatr", 4},     {"cinqu", 5},    {"cinq", 5},   {"six", 6},    {"sept", 7},   {"huit", 8},
    {"neuf", 9},      {"neuv", 9},     {"dix", 10},   {"onz", 11},   {"douz", 12},  {"treiz", 13},
    {"quatorz", 14},  {"quinz", 15},   {"seiz", 16},  {"vingt", 20}, {"trent", 30}, {"quarant", 40},
    {"cinquant", 50}, {"soixant", 60}, {"cent", 100}, {"et", 0},     {NULL, 0}};

static const unres_numword unres_words_es[] = {
    {"primer", 1},       {"segund", 2},        {"tercer", 3},     {"cuart", 4},        {"quint", 5},
    {"sext", 6},         {"séptim", 7},        {"sétim", 7},      {"octav", 8},        {"noven", 9},
    {"décim", 10},       {"undécim", 11},      {"duodécim", 12},  {"vigésim", 20},     {"trigésim", 30},
    {"cuadragésim", 40}, {"quincuagésim", 50}, {"sexagésim", 60}, {"septuagésim", 70}, {"octogésim", 80},
    {"nonagésim", 90},   {"centésim", 100},    {NULL, 0}};

static const unres_numword unres_words_ru[] = {
    {"перв", 1},       {"втор", 2},         {"трет", 3},         {"четвёрт", 4},      {"четверт", 4},
    {"пят", 5},        {"шест", 6},         {"седьм", 7},        {"восьм", 8},        {"девят", 9},
    {"десят", 10},     {"одиннадцат", 11},  {"двенадцат", 12},   {"тринадцат", 13},   {"четырнадцат", 14},
    {"пятнадцат", 15}, {"шестнадцат", 16},  {"семнадцат", 17},   {"восемнадцат", 18}, {"девятнадцат", 19},
    {"двадцат", 20},   {"двадцать", 20},    {"тридцат", 30},     {"тридцать", 30},    {"сорок", 40},
    {"пятьдесят", 50}, {"пятидесят", 50},   {"шестьдесят", 60},  {"шестидесят", 60},  {"семьдесят", 70},
    {"семидесят", 70}, {"восемьдесят", 80}, {"восьмидесят", 80}, {"девяност", 90},    {"сотая", 100},
    {NULL, 0}};

/* Arabic words are matched after the article and the conjunction are
 * stripped: "والسبعون" -> "سبعون". */
static const unres_numword unres_words_ar[] = {
    {"أول", 1},     {"حادي", 1},    {"ثاني", 2},    {"ثالث", 3},    {"رابع", 4},    {"خامس", 5},
    {"سادس", 6},    {"سابع", 7},    {"ثامن", 8},    {"تاسع", 9},    {"عاشر", 10},   {"عشر", 10},
    {"عشرون", 20},  {"عشرين", 20},  {"ثلاثون", 30}, {"ثلاثين", 30}, {"أربعون", 40}, {"أربعين", 40},
    {"خمسون", 50},  {"خمسين", 50},  {"ستون", 60},   {"ستين", 60},   {"سبعون", 70},  {"سبعين", 70},
    {"ثمانون", 80}, {"ثمانين", 80}, {"تسعون", 90},  {"تسعين", 90},  {NULL, 0}};

/* Chinese numerals up to the hundreds: 七十五, 一百零三, 十二. */
static int unres_words_zh(const char *s, size_t len) {
  static const char *const digits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  int total = 0, cur = 0, any = 0;
  size_t i = 0;
  while (i < len) {
    uint32_t cp;
    size_t n = unres_next(s, len, i, &cp);
    int d = -1;
    for (int k = 0; k < 10; k++)
      if (n == strlen(digits[k]) && memcmp(s + i, digits[k], n) == 0) d = k;
    if (cp == 0x4E24) d = 2; /* 两 */
    if (d >= 0)
      cur = d;
    else if (cp == 0x5341) { /* 十 */
      total += (cur ? cur : 1) * 10;
      cur = 0;
    } else if (cp == 0x767E) { /* 百 */
      total += (cur ? cur : 1) * 100;
      cur = 0;
    } else if (!unres_is_space_cp(cp))
      return 0;
    any = 1;
    i += n;
  }
  return any ? total + cur : 0;
}

/* Strips the Arabic conjunction و and the article ال from a word. */
static void unres_ar_strip(const char **w, size_t *n) {
  static const char waw[] = "و", al[] = "ال";
  if (*n > 2 * strlen(waw) && memcmp(*w, waw, strlen(waw)) == 0 && memcmp(*w + 2, al, strlen(al)) == 0) {
    *w += strlen(waw);
    *n -= strlen(waw);
  }
  if (*n > strlen(al) && memcmp(*w, al, strlen(al)) == 0) {
    *w += strlen(al);
    *n -= strlen(al);
  }
}

int unres_words_number(unres_lang lang, const char *s, size_t len) {
  const unres_numword *table = NULL;
  switch (lang) {
  case UNRES_LANG_ZH: return unres_words_zh(s, len);
  case UNRES_LANG_EN: table = unres_words_en; break;
  case UNRES_LANG_FR: table = unres_words_fr; break;
  case UNRES_LANG_ES: table = unres_words_es; break;
  case UNRES_LANG_RU: table = unres_words_ru; break;
  case UNRES_LANG_AR: table = unres_words_ar; break;
  default: return 0;
  }
  int total = 0, prev = 0, words = 0;
  size_t i = 0;
  while (i < len) {
    /* a word runs to a space or a hyphen */
    size_t start = i;
    while (i < len && s[i] != ' ' && s[i] != '-' && s[i] != '\n' && s[i] != '\t')
      i++;
    const char *w = s + start;
    size_t n = i - start;
    while (i < len && (s[i] == ' ' || s[i] == '-' || s[i] == '\n' || s[i] == '\t'))
      i++;
    if (!n) continue;
    char low[64];
    if (lang == UNRES_LANG_AR) unres_ar_strip(&w, &n);
    unres_lower_copy(w, n, low, sizeof low);
    size_t best = 0;
    int value = -1;
    for (const unres_numword *t = table; t->stem; t++) {
      size_t sl = strlen(t->stem);
      if (sl > best && strncmp(low, t->stem, sl) == 0) {
        best = sl;
        value = t->value;
      }
    }
    if (value < 0) return 0;
    /* quatre-vingt(s) is four twenties; cent after a digit multiplies */
    if ((value == 20 || value == 100) && prev > 0 && prev < 10)
      total += prev * value - prev;
    else
      total += value;
    prev = value;
    words++;
  }
  return words ? total : 0;
}

/* Byte ranges of words before or after a keyword, for the session phrase. */
int unres_find_session(unres_lang lang, const char *s, size_t len, size_t *start, size_t *end) {
  if (lang == UNRES_LANG_ZH) {
    size_t k = unres_find_ci(s, len, "届会议");
    if (k == SIZE_MAX) return 0;
    /* the last 第 before it, at most a few numerals away */
    size_t from = k > 40 ? k - 40 : 0, di = SIZE_MAX;
    for (size_t i = from; i + 3 <= k; i++)
      if (memcmp(s + i, "第", 3) == 0) di = i;
    if (di == SIZE_MAX) return 0;
    size_t j = unres_skip_spaces(s, k, di + 3);
    int v = 0;
    if (j < k && unres_is_digit(s[j])) {
      long d = unres_digits(s, k, &j, 3);
      v = d > 0 && unres_skip_spaces(s, k, j) == k ? (int)d : 0;
    } else
      v = unres_words_zh(s + di + 3, k - di - 3);
    if (!v) return 0;
    *start = di;
    *end = k + strlen("届会议");
    return v;
  }
  static const struct {
    unres_lang lang;
    const char *kw;
    int words_after; /* the numeral follows the keyword */
  } kws[] = {{UNRES_LANG_EN, "session", 0},
             {UNRES_LANG_FR, "session", 0},
             {UNRES_LANG_ES, "período de sesiones", 0},
             {UNRES_LANG_RU, "сесси", 0},
             {UNRES_LANG_AR, "الدورة", 1}};
  for (size_t k = 0; k < sizeof kws / sizeof kws[0]; k++) {
    if (kws[k].lang != lang) continue;
    size_t at = unres_find_ci(s, len, kws[k].kw);
    if (at == SIZE_MAX) continue;
    size_t kwlen = unres_prefix_ci(s + at, len - at, kws[k].kw);
    if (kws[k].words_after) {
      size_t b = unres_skip_spaces(s, len, at + kwlen), e = b;
      /* up to three words, as long as they read as a numeral */
      int best = 0;
      size_t best_end = b, p = b;
      for (int w = 0; w < 3 && p < len; w++) {
        while (p < len && s[p] != ' ' && s[p] != '\n' && s[p] != ',' && s[p] != '.')
          p++;
        int v = unres_words_number(lang, s + b, p - b);
        if (v) {
          best = v;
          best_end = p;
        }
        while (p < len && s[p] == ' ')
          p++;
      }
      e = best_end;
      if (!best) continue;
      *start = at;
      *end = e;
      return best;
    }
    /* the words before the keyword, back to the line start or a stop */
    size_t b = at;
    while (b > 0 && (s[b - 1] == ' '))
      b--;
    size_t e = b;
    int best = 0;
    size_t best_start = b;
    for (int w = 0; w < 3 && b > 0; w++) {
      while (b > 0 && s[b - 1] != ' ' && s[b - 1] != '\n')
        b--;
      int v = unres_words_number(lang, s + b, e - b);
      if (v) {
        best = v;
        best_start = b;
      }
      while (b > 0 && s[b - 1] == ' ')
        b--;
    }
    if (!best) continue;
    *start = best_start;
    *end = at + kwlen;
    /* "сессия"/"сессии": take the word's ending too */
    while (*end < len && (unsigned char)s[*end] >= 0x80 && unres_is_letter(unres_first_cp(s + *end, len - *end)))
      *end += unres_next(s, len, *end, &(uint32_t){0});
    return best;
  }
  return 0;
}

/* ---- header phrases ------------------------------------------------------ */

/* Finds one of the phrases, each followed (or preceded, when the number
 * comes first) by a number; returns the number. */
int unres_find_agenda(const char *s, size_t len, size_t *start, size_t *end) {
  static const char *const before[] = {"议程项目", "agenda item", "tema", "пункт", "البند", "point", NULL};
  for (size_t k = 0; before[k]; k++) {
    size_t at = unres_find_ci(s, len, before[k]);
    if (at == SIZE_MAX) continue;
    size_t i = unres_skip_spaces(s, len, at + unres_prefix_ci(s + at, len - at, before[k]));
    long v = unres_digits(s, len, &i, 4);
    if (v <= 0) continue;
    /* "Point 28 de l'ordre du jour", "Tema 28 del programa", "Пункт 28
     * повестки дня", "البند 28 من جدول الأعمال": the tail belongs too */
    static const char *const tails[] = {" de l'ordre du jour", " de l’ordre du jour", " del programa",
                                        " повестки дня",       " من جدول الأعمال",    NULL};
    int tailed = 0;
    for (size_t t = 0; tails[t]; t++) {
      size_t n = unres_prefix_ci(s + i, len - i, tails[t]);
      if (n) {
        i += n;
        tailed = 1;
        break;
      }
    }
    /* the short words need their tail, or they match ordinary prose */
    if ((k >= 2) && !tailed) continue;
    *start = at;
    *end = i;
    return (int)v;
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
  /* A/RES/75/158, A/75/L.40 */
  if (j + 2 < len && s[j] >= 'A' && s[j] <= 'Z' && s[j + 1] == '/') {
    while (j < len && s[j] != ' ' && s[j] != '\t' && s[j] != '\n') {
      char c = s[j++];
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' || c == '.')) return 0;
    }
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
