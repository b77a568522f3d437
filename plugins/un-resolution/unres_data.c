/* SPDX-License-Identifier: MIT */
/*
 * The language knowledge that is data: the tables generated from
 * data/<tag>.txt (lead words, formulas, the body's names, the adoption
 * line, month names and date grammar, words that tell Latin-script
 * languages apart), and the functions that read them. Adding a language
 * is adding a data file: nothing here names a language.
 */
#include <pthread.h>
#include <string.h>

#include "unres.h"

#include "unres_lang_data.inc"

int unres_lang_count(void) { return (int)unres_lang_table_count; }

const unres_lang_data *unres_lang_info(unres_lang lang) {
  if ((int)lang < 1 || (size_t)lang > unres_lang_table_count) return NULL;
  return &unres_lang_table[(int)lang - 1];
}

const char *unres_lang_tag(unres_lang lang) {
  const unres_lang_data *d = unres_lang_info(lang);
  return d && d->tag[0] ? d->tag[0] : NULL;
}

/* The first letter of each month's name, lowercased, language by
 * language: dates are looked for after many numbers of a text, and a name
 * is only worth comparing where its first letter is. Built once from the
 * tables; a language or month beyond the bounds is compared in full. */
enum { UNRES_MONTHS_MAX = 48, UNRES_LANGS_MAX = 64 };
static uint32_t unres_month_first[UNRES_LANGS_MAX][UNRES_MONTHS_MAX];
static pthread_once_t unres_index_once = PTHREAD_ONCE_INIT;
/* Bit l-1 of unres_vote_index[n][c]: language l has a frequent word of n
 * bytes opening with the ASCII letter 'a' + c (any case); most words of a
 * text are no frequent word of any language. Languages beyond the bounds
 * and words opening otherwise set every bit. */
static uint64_t unres_vote_index[9][26];
/* The first letter, lowercased, of each value of the lists of
 * unres_list_id, language by language; UINT32_MAX: not known. */
enum { UNRES_LIST_LANGS = 16, UNRES_LIST_MAX = 128 };
static uint32_t unres_list_first_tab[UNRES_LIST_LANGS][UNRES_L_COUNT][UNRES_LIST_MAX];

const char *const *unres_list(const unres_lang_data *d, unres_list_id id) {
  switch (id) {
  case UNRES_L_LEAD: return d->lead;
  case UNRES_L_BEFORE: return d->lead_before;
  case UNRES_L_PHRASE: return d->lead_phrase;
  case UNRES_L_MORE: return d->lead_more;
  default: return NULL;
  }
}

static void unres_list_init(void) {
  for (size_t l = 0; l < UNRES_LIST_LANGS; l++)
    for (int id = 0; id < UNRES_L_COUNT; id++) {
      const char *const *v = l < unres_lang_table_count ? unres_list(&unres_lang_table[l], (unres_list_id)id) : NULL;
      for (size_t k = 0; k < UNRES_LIST_MAX; k++) {
        uint32_t cp = UINT32_MAX;
        if (v && *v && (*v)[0]) {
          dm_utf8_decode((const unsigned char *)*v, strlen(*v), &cp);
          cp = unres_fold_cp(cp);
        }
        unres_list_first_tab[l][id][k] = cp;
        if (v && *v)
          v++;
        else
          v = NULL;
      }
    }
}

static void unres_index_init(void) {
  unres_list_init();
  for (size_t l = 0; l < unres_lang_table_count; l++)
    for (const char *const *w = unres_lang_table[l].word; *w; w++) {
      size_t n = strlen(*w);
      unsigned char c = (unsigned char)((*w)[0] | 0x20);
      for (int k = 0; k < 26 && n <= 8; k++)
        if (l >= UNRES_LANGS_MAX || !(c >= 'a' && c <= 'z') || c == 'a' + k)
          unres_vote_index[n][k] |= l >= UNRES_LANGS_MAX ? ~(uint64_t)0 : (uint64_t)1 << l;
    }
  for (size_t l = 0; l < unres_lang_table_count && l < UNRES_LANGS_MAX; l++) {
    size_t m = 0;
    for (const char *const *t = unres_lang_table[l].month; *t && m < UNRES_MONTHS_MAX; t++, m++) {
      const char *name = strchr(*t, ' ');
      uint32_t cp = UINT32_MAX;
      if (name && name[1]) dm_utf8_decode((const unsigned char *)name + 1, strlen(name + 1), &cp);
      unres_month_first[l][m] = cp == UINT32_MAX ? cp : unres_fold_cp(cp);
    }
  }
}

const uint32_t *unres_list_firsts(const unres_lang_data *d, unres_list_id id, size_t *n) {
  size_t l = (size_t)(d - unres_lang_table);
  *n = 0;
  if (l >= UNRES_LIST_LANGS || id >= UNRES_L_COUNT) return NULL;
  pthread_once(&unres_index_once, unres_index_init);
  *n = UNRES_LIST_MAX;
  return unres_list_first_tab[l][id];
}

/* ---- detection -------------------------------------------------------------- */

/* The Latin-script language whose frequent words (key "word") occur most
 * often in s; English when none does. */
static unres_lang unres_latin_vote(const char *s, size_t len) {
  size_t votes[64] = {0};
  pthread_once(&unres_index_once, unres_index_init);
  int n = unres_lang_count() < 64 ? unres_lang_count() : 63;
  size_t i = 0;
  while (i < len) {
    while (i < len && !((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
      i++;
    size_t b = i;
    while (i < len && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
      i++;
    if (i == b || i - b > 8 || (i < len && (unsigned char)s[i] >= 0x80)) continue;
    /* the token is ASCII letters: a word that opens with another letter
     * cannot match, and most do */
    unsigned char c0 = (unsigned char)(s[b] | 0x20);
    if (!unres_vote_index[i - b][c0 - 'a']) continue;
    for (int l = 1; l <= n; l++)
      for (const char *const *w = unres_lang_info((unres_lang)l)->word; *w; w++)
        if ((((unsigned char)(*w)[0] | 0x20) == c0 || (unsigned char)(*w)[0] >= 0x80) && strlen(*w) == i - b &&
            unres_prefix_ci(s + b, i - b, *w) == i - b)
          votes[l]++;
  }
  unres_lang best = UNRES_LANG_EN;
  for (int l = 1; l <= n; l++)
    if (votes[l] > votes[best]) best = (unres_lang)l;
  return best;
}

unres_lang unres_detect_language(const char *s, size_t len) {
  size_t han = 0, arabic = 0, cyr = 0, latin = 0;
  for (size_t i = 0; i < len;) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) { /* most of any text: no decoding */
      latin += (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
      i++;
      continue;
    }
    uint32_t cp;
    int n = dm_utf8_decode((const unsigned char *)s + i, len - i, &cp);
    i += n > 0 ? (size_t)n : 1;
    if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF))
      han++;
    else if (cp >= 0x600 && cp <= 0x6FF)
      arabic++;
    else if (cp >= 0x400 && cp <= 0x4FF)
      cyr++;
    else if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0x24F))
      latin++;
  }
  /* Chinese text carries Latin symbols and dates, so Han wins once it is a
   * real share of the letters; one Han character counts for two Latin. */
  if (han * 4 > latin && han >= arabic && han >= cyr) return han ? UNRES_LANG_ZH : UNRES_LANG_UNKNOWN;
  if (arabic > cyr && arabic * 2 > latin) return UNRES_LANG_AR;
  if (cyr * 2 > latin) return UNRES_LANG_RU;
  if (!latin) return UNRES_LANG_UNKNOWN;
  return unres_latin_vote(s, len);
}

/* ---- visual order ------------------------------------------------------------ */

/* s without tatweel (U+0640) and directional controls, into b. */
static void unres_rtl_clean(const char *s, size_t len, dm_buf *b) {
  size_t run = 0; /* the start of the bytes kept since the last one left out */
  for (size_t i = 0; i < len;) {
    size_t n = unres_format_char((const unsigned char *)s + i, len - i);
    if (!n && i + 1 < len && (unsigned char)s[i] == 0xD9 && (unsigned char)s[i + 1] == 0x80) n = 2;
    if (!n) {
      i++;
      continue;
    }
    dm_buf_append(b, s + run, i - run);
    i += n;
    run = i;
  }
  dm_buf_append(b, s + run, len - run);
}

/* w with its code points in reverse order, into out (cap bytes); 0 when
 * it does not fit. */
static size_t unres_reverse(const char *w, char *out, size_t cap) {
  size_t len = strlen(w);
  if (len >= cap) return 0;
  size_t o = len;
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    int n = dm_utf8_decode((const unsigned char *)w + i, len - i, &cp);
    if (n <= 0) n = 1;
    o -= (size_t)n;
    memcpy(out + o, w + i, (size_t)n);
    i += (size_t)n;
  }
  out[len] = '\0';
  return len;
}

/* Occurrences of w in s at the start of a word (the lead words, formulas
 * and names counted open words, read either way), not overlapping. */
static size_t unres_count(const char *s, size_t len, const char *w, size_t wl) {
  size_t c = 0, i = 0;
  while (wl > 1 && i + wl <= len) {
    /* found by its second byte: the first is shared by every letter of a
     * script (D8, D9 in Arabic), the second far less often */
    const char *q = memchr(s + i + 1, w[1], len - i - wl + 1);
    if (!q) break;
    const char *p = q - 1;
    i = (size_t)(p - s);
    if (p[0] == w[0] && (i == 0 || (unsigned char)p[-1] <= ' ' || p[-1] == '(' || p[-1] == '[') &&
        memcmp(p, w, wl) == 0) {
      c++;
      i += wl;
    } else
      i++;
  }
  return c;
}

/* Whether s may hold right-to-left letters: UTF-8 lead bytes of U+0580 to
 * U+07FF (Hebrew, Arabic, Syriac, Thaana, NKo) or of the presentation
 * forms (U+FB00 to U+FEFF: 0xEF, then 0xAC to 0xBB; not the full-width
 * forms of Chinese text, 0xEF 0xBC). Text without any, most of it,
 * casts no vote, and costs no scan of every word of the data. */
static int unres_may_be_rtl(const char *s, size_t len) {
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if ((c >= 0xD6 && c <= 0xDF) ||
        (c == 0xEF && i + 1 < len && (unsigned char)s[i + 1] >= 0xAC && (unsigned char)s[i + 1] <= 0xBB))
      return 1;
  }
  return 0;
}

void unres_visual_votes(const char *s, size_t len, size_t *logical, size_t *visual, unres_lang *lang) {
  if (!unres_may_be_rtl(s, len)) return;
  dm_buf b = DM_BUF_INIT;
  unres_rtl_clean(s, len, &b);
  size_t best = 0;
  for (int l = 1; l <= unres_lang_count() && b.data && !b.status; l++) {
    const unres_lang_data *d = unres_lang_info((unres_lang)l);
    if (!d->direction[0] || strcmp(d->direction[0], "rtl") != 0) continue;
    const char *const *lists[] = {d->lead, d->formula, d->body};
    size_t back = 0;
    for (size_t k = 0; k < 3; k++)
      for (const char *const *w = lists[k]; *w; w++) {
        char r[128];
        size_t wl = unres_reverse(*w, r, sizeof r);
        /* one letter read backwards is itself */
        if (wl < 3 || strcmp(r, *w) == 0) continue;
        *logical += unres_count(b.data, b.len, *w, wl);
        size_t v = unres_count(b.data, b.len, r, wl);
        *visual += v;
        back += v;
      }
    if (back > best) {
      best = back;
      *lang = (unres_lang)l;
    }
  }
  dm_buf_release(&b);
}

int unres_is_visual(size_t logical, size_t visual) { return visual >= 3 && visual > 2 * logical; }

/* ---- phrases ------------------------------------------------------------------ */

/* Whether w (as printed in the data) opens s as a whole word or phrase. */
static size_t unres_word_at(const char *s, size_t len, const char *w, int whole) {
  size_t n = unres_prefix_ci(s, len, w);
  if (!n || !whole || n == len) return n;
  uint32_t next = unres_first_cp(s + n, len - n);
  if (unres_is_space_cp((uint32_t)(unsigned char)s[n]) || next == ',' || next == ':' || next == ';') return n;
  return unres_is_letter(next) ? 0 : n;
}

int unres_lead_line(unres_lang lang, const char *s, size_t len) {
  const unres_lang_data *d = unres_lang_info(lang);
  if (!d) return 0;
  size_t b = 0;
  while (b < len && unres_is_space_cp((uint32_t)(unsigned char)s[b]))
    b++;
  s += b;
  len -= b;
  uint32_t first = unres_first_cp(s, len);
  int upper = d->lead_case[0] && strcmp(d->lead_case[0], "upper") == 0;
  if (upper && !unres_is_upper_cp(first)) return 0;
  /* adverbs first ("又回顾"), up to three */
  for (int round = 0; round < 3; round++) {
    int moved = 0;
    for (const char *const *a = d->lead_adverb; *a && !moved; a++) {
      size_t n = strlen(*a);
      if (len > n && memcmp(s, *a, n) == 0) {
        s += n;
        len -= n;
        moved = 1;
      }
    }
    if (!moved) break;
  }
  int spaced = !dm_unicode_is_cjk(unres_first_cp(s, len));
  uint32_t c = UINT32_MAX - 1; /* no letter: no value may match */
  if (len) {
    dm_utf8_decode((const unsigned char *)s, len, &c);
    c = unres_fold_cp(c);
  }
  size_t k = 0, nf;
  const uint32_t *firsts = unres_list_firsts(d, UNRES_L_LEAD, &nf);
  for (const char *const *w = d->lead; *w; w++, k++)
    if ((k >= nf || firsts[k] == UINT32_MAX || firsts[k] == c) && unres_word_at(s, len, *w, spaced)) return 1;
  /* the first word's ending: a participle or gerund */
  size_t e = 0;
  while (e < len && !unres_is_space_cp((uint32_t)(unsigned char)s[e]) && s[e] != ',')
    e++;
  for (const char *const *x = d->lead_suffix; *x; x++) {
    size_t n = strlen(*x);
    if (e > n + 2 && memcmp(s + e - n, *x, n) == 0) return 1;
  }
  return 0;
}

int unres_starts_lead(unres_lang lang, const char *s, size_t len) {
  const unres_lang_data *d = unres_lang_info(lang);
  /* Where clauses open with a capital, the capital is what tells a new
   * clause from a continuation (lower case). */
  if (d && d->lead_case[0] && strcmp(d->lead_case[0], "upper") == 0) return unres_is_upper_cp(unres_first_cp(s, len));
  return unres_lead_line(lang, s, len);
}

/* s with trailing spaces and one closing mark c taken off, when it ends
 * with one of marks; the remaining length, or 0 when it does not. */
static size_t unres_strip_end(const char *s, size_t len, const uint32_t *marks) {
  while (len > 0 && unres_is_space_cp(dm_utf8_last((const unsigned char *)s, len)))
    len--;
  uint32_t last = dm_utf8_last((const unsigned char *)s, len);
  for (size_t k = 0; marks[k]; k++) {
    if (marks[k] != last) continue;
    unsigned char out[4];
    len -= (size_t)dm_utf8_encode(last, out);
    while (len > 0 && unres_is_space_cp(dm_utf8_last((const unsigned char *)s, len)))
      len--;
    return len;
  }
  return 0;
}

static int unres_is_any_formula(const char *s, size_t len) {
  size_t b = 0;
  while (b < len && unres_is_space_cp(unres_first_cp(s + b, len - b)) && s[b] == ' ')
    b++;
  for (int l = 1; l <= unres_lang_count(); l++)
    for (const char *const *f = unres_lang_info((unres_lang)l)->formula; *f; f++)
      if (unres_prefix_ci(s + b, len - b, *f) == len - b) return 1;
  return 0;
}

int unres_is_formula(const char *s, size_t len) {
  static const uint32_t marks[] = {',', 0xFF0C, 0x60C, ':', 0xFF1A, 0};
  size_t e = unres_strip_end(s, len, marks);
  return e && unres_is_any_formula(s, e);
}

int unres_is_formula_bare(const char *s, size_t len) {
  while (len > 0 && s[len - 1] == ' ')
    len--;
  return len && unres_is_any_formula(s, len);
}

int unres_find_body(const char *s, size_t len, size_t *start, size_t *end) {
  for (int l = 1; l <= unres_lang_count(); l++)
    for (const char *const *b = unres_lang_info((unres_lang)l)->body; *b; b++) {
      size_t at = unres_find_ci(s, len, *b);
      if (at == SIZE_MAX) continue;
      *start = at;
      *end = at + unres_prefix_ci(s + at, len - at, *b);
      return 1;
    }
  return 0;
}

int unres_is_annex_heading(const char *s, size_t len) {
  size_t b = unres_skip_spaces(s, len, 0);
  while (len > b && unres_is_space_cp(unres_last_cp(s + b, len - b)) && (unsigned char)s[len - 1] < 0x80)
    len--;
  for (int l = 1; l <= unres_lang_count(); l++)
    for (const char *const *a = unres_lang_info((unres_lang)l)->annex; *a; a++) {
      size_t n = unres_prefix_ci(s + b, len - b, *a);
      if (!n) continue;
      size_t i = b + n;
      if (i == len) return 1;
      /* "Annexe A", "Annex II", "附件二": a label of a few characters */
      int cjk = dm_unicode_is_cjk(unres_first_cp(s + i, len - i));
      if (!cjk && s[i] != ' ') continue;
      size_t j = unres_skip_spaces(s, len, i), cps = 0;
      while (j < len && cps < 5 && !unres_is_space_cp(unres_first_cp(s + j, len - j))) {
        uint32_t cp;
        int k = dm_utf8_decode((const unsigned char *)s + j, len - j, &cp);
        j += k > 0 ? (size_t)k : 1;
        cps++;
      }
      if (j == len && cps <= 4) return 1;
    }
  return 0;
}

int unres_is_adoption_line(const char *s, size_t len) {
  for (int l = 1; l <= unres_lang_count(); l++)
    for (const char *const *a = unres_lang_info((unres_lang)l)->adoption; *a; a++)
      if (unres_find_ci(s, len, *a) != SIZE_MAX) return 1;
  return 0;
}

int unres_unit_after(unres_lang lang, const char *s, size_t len) {
  const unres_lang_data *d = unres_lang_info(lang);
  size_t b = unres_skip_spaces(s, len, 0);
  for (const char *const *u = d ? d->number_unit : NULL; u && *u; u++)
    if (unres_word_at(s + b, len - b, *u, !dm_unicode_is_cjk(unres_first_cp(*u, strlen(*u))))) return 1;
  return 0;
}

/* ---- dates ---------------------------------------------------------------- */

/* The month named at s[i] (longest match, "12 December" in the data); its
 * number, and *i past it. */
static int unres_month_at(const unres_lang_data *d, const char *s, size_t len, size_t *i) {
  size_t best = 0, l = (size_t)(d - unres_lang_table), k = 0;
  int m = 0;
  pthread_once(&unres_index_once, unres_index_init);
  /* UINT32_MAX marks a name that cannot match: c is never that */
  uint32_t c = UINT32_MAX - 1;
  if (*i < len) {
    dm_utf8_decode((const unsigned char *)s + *i, len - *i, &c);
    c = unres_fold_cp(c);
  }
  for (const char *const *t = d->month; *t; t++, k++) {
    if (l < UNRES_LANGS_MAX && k < UNRES_MONTHS_MAX && unres_month_first[l][k] != c) continue;
    const char *name = strchr(*t, ' ');
    if (!name) continue;
    size_t n = unres_prefix_ci(s + *i, len - *i, name + 1);
    if (n > best) {
      best = n;
      m = 0;
      for (const char *q = *t; *q >= '0' && *q <= '9'; q++)
        m = m * 10 + (*q - '0');
    }
  }
  *i += best;
  return m;
}

/* Matches the date grammar pat ("D M Y", "D de M de Y", "Y 年 N 月 D 日",
 * "D. M Y") at s[b]: D the day, M the month's name, N its number, Y the
 * year; a space in the pattern matches any run of spaces (or none); other
 * characters match themselves. */
static int unres_date_pattern(const unres_lang_data *d, const char *pat, const char *s, size_t len, size_t b,
                              long ymd[3], size_t *end) {
  size_t i = b;
  ymd[0] = ymd[1] = ymd[2] = -1;
  for (const char *p = pat; *p; p++) {
    if (*p == ' ') {
      i = unres_skip_spaces(s, len, i);
      continue;
    }
    if (*p == 'D' || *p == 'Y') {
      long v = unres_digits(s, len, &i, *p == 'D' ? 2 : 4);
      if (v < 0) return 0;
      ymd[*p == 'D' ? 2 : 0] = v;
      continue;
    }
    if (*p == 'N') {
      ymd[1] = unres_digits(s, len, &i, 2);
      if (ymd[1] < 0) return 0;
      continue;
    }
    if (*p == 'M') {
      ymd[1] = unres_month_at(d, s, len, &i);
      if (!ymd[1]) return 0;
      continue;
    }
    /* a literal: one character of the pattern, as UTF-8 */
    size_t n = 1;
    while (p[n] && ((unsigned char)p[n] & 0xC0) == 0x80)
      n++;
    if (i + n > len || memcmp(s + i, p, n) != 0) return 0;
    i += n;
    p += n - 1;
  }
  *end = i;
  return 1;
}

int unres_date_at(unres_lang lang, const char *s, size_t len, size_t b, char iso[11], size_t *end) {
  const unres_lang_data *d = unres_lang_info(lang);
  if (!d || b >= len || s[b] < '0' || s[b] > '9') return 0;
  for (const char *const *pat = d->date; *pat; pat++) {
    long ymd[3];
    size_t e;
    if (!unres_date_pattern(d, *pat, s, len, b, ymd, &e)) continue;
    long y = ymd[0], m = ymd[1], dd = ymd[2];
    if (y < 1900 || y > 2199 || m < 1 || m > 12 || dd < 1 || dd > 31) continue;
    /* trailing spaces the pattern's end may have eaten are not the date's */
    while (e > b && s[e - 1] == ' ')
      e--;
    iso[0] = (char)('0' + y / 1000);
    iso[1] = (char)('0' + y / 100 % 10);
    iso[2] = (char)('0' + y / 10 % 10);
    iso[3] = (char)('0' + y % 10);
    iso[4] = '-';
    iso[5] = (char)('0' + m / 10);
    iso[6] = (char)('0' + m % 10);
    iso[7] = '-';
    iso[8] = (char)('0' + dd / 10);
    iso[9] = (char)('0' + dd % 10);
    iso[10] = '\0';
    *end = e;
    return 1;
  }
  return 0;
}

int unres_find_date(unres_lang lang, const char *s, size_t len, char iso[11], size_t *start, size_t *end) {
  if (!unres_lang_info(lang)) return 0;
  for (size_t b = 0; b < len; b++) {
    if (s[b] < '0' || s[b] > '9' || (b > 0 && s[b - 1] >= '0' && s[b - 1] <= '9')) continue;
    if (unres_date_at(lang, s, len, b, iso, end)) {
      *start = b;
      return 1;
    }
  }
  return 0;
}

/* ---- the meeting ------------------------------------------------------------ */

/* Where the phrase starts when one of the language's meeting prefixes
 * (and perhaps a space) stands just before the number at b. */
static size_t unres_meeting_prefix(const unres_lang_data *d, const char *s, size_t b) {
  for (const char *const *p = d->meeting_prefix; *p; p++) {
    size_t n = strlen(*p), e = b > 0 && s[b - 1] == ' ' ? b - 1 : b;
    if (e >= n && memcmp(s + e - n, *p, n) == 0) return e - n;
    if (b >= n && memcmp(s + b - n, *p, n) == 0) return b - n;
  }
  return b;
}

/* "46th plenary meeting", "46e séance plénière", "第 46 次全体会议",
 * "52. Plenarsitzung" (key "meeting": the words after the number, which
 * may carry an ordinal ending of up to four bytes), "الجلسة العامة 46"
 * (key "meeting-first": the words before it). */
int unres_meeting_at(const char *s, size_t len, size_t b, size_t *start, size_t *end) {
  size_t i = b;
  long v = unres_digits(s, len, &i, 4);
  if (v <= 0) return 0;
  size_t j = i;
  while (j < len && j < i + 4 && s[j] != ' ')
    j++;
  size_t k2 = unres_skip_spaces(s, len, i), j2 = unres_skip_spaces(s, len, j);
  for (int l = 1; l <= unres_lang_count(); l++)
    for (const char *const *m = unres_lang_info((unres_lang)l)->meeting; *m; m++) {
      size_t at = k2, n = unres_prefix_ci(s + k2, len - k2, *m);
      if (!n) {
        at = j2;
        n = unres_prefix_ci(s + j2, len - j2, *m);
      }
      if (!n) continue;
      /* the ordinal word before the number belongs to the phrase
       * (key "meeting-prefix": "第 46 次全体会议") */
      *start = unres_meeting_prefix(unres_lang_info((unres_lang)l), s, b);
      *end = at + n;
      return (int)v;
    }
  return 0;
}

int unres_find_meeting(const char *s, size_t len, size_t *start, size_t *end) {
  for (size_t b = 0; b < len; b++) {
    if (s[b] < '0' || s[b] > '9' || (b > 0 && s[b - 1] >= '0' && s[b - 1] <= '9')) continue;
    int v = unres_meeting_at(s, len, b, start, end);
    if (v) return v;
  }
  for (int l = 1; l <= unres_lang_count(); l++)
    for (const char *const *m = unres_lang_info((unres_lang)l)->meeting_first; *m; m++) {
      size_t at = unres_find_ci(s, len, *m);
      if (at == SIZE_MAX) continue;
      size_t i = unres_skip_spaces(s, len, at + strlen(*m));
      long v = unres_digits(s, len, &i, 4);
      if (v > 0) {
        *start = at;
        *end = i;
        return (int)v;
      }
    }
  return 0;
}
