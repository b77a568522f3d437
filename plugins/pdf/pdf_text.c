/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Small tests on text that the layout passes share: whether a line at the
 * top or bottom of a page is page furniture (a page number, a job number
 * with its date code, a bar code, a document symbol), ligatures spelt out
 * (the table is generated from data/ligatures.tsv by tables.cmake), the lam-alef ligatures
 * of Arabic words put back in order (rules from data/lamalef.tsv), and
 * which characters end a sentence.
 */
#include <string.h>

#include "pdf.h"
#include "pdf_lamalef.h"
#include "pdf_ligatures.h"

const char *pdf_ligature(uint32_t cp) {
  if (cp < 0xFB00 || cp > 0xFB4F) return NULL;
  for (size_t i = 0; i < sizeof pdf_ligatures / sizeof pdf_ligatures[0]; i++)
    if (pdf_ligatures[i].cp == cp) return pdf_ligatures[i].text;
  return NULL;
}

/* Letters, marks and the tatweel of Arabic words. */
static int pdf_arabic_letter(uint32_t cp) { return (cp >= 0x0621 && cp <= 0x065F) || cp == 0x0670; }

static int pdf_alef(uint32_t cp) { return cp == 0x0627 || cp == 0x0623 || cp == 0x0625 || cp == 0x0622; }

/* The tatweel a justified line stretches words with, and the vowel marks:
 * the rules see the letters only. */
static int pdf_arabic_filler(uint32_t cp) { return cp == 0x0640 || pdf_arabic_mark(cp); }

int pdf_arabic_mark(uint32_t cp) { return (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670; }

/* Whether rule matches the letters w[0..n) at i; its length into *len. */
static int pdf_rule_match(const char *rule, pdf_char *const *w, size_t n, size_t i, size_t *len) {
  size_t r = strlen(rule), off = 0, k = 0;
  if (rule[0] == '^') {
    if (i) return 0;
    off = 1;
  }
  int end = r > off && rule[r - 1] == '$';
  if (end) r--;
  while (off < r) {
    uint32_t cp;
    int m = dm_utf8_decode((const unsigned char *)rule + off, r - off, &cp);
    if (m <= 0 || i + k >= n || w[i + k]->cp != cp) return 0;
    off += (size_t)m;
    k++;
  }
  if (end && i + k != n) return 0;
  *len = k;
  return 1;
}

/* One word, its letters w[0..n): at each letter the first rule that matches
 * rewrites the letters in place; the next match may start at its last
 * letter. */
static void pdf_lamalef_word(pdf_char *const *w, size_t n) {
  const size_t nrules = sizeof pdf_lamalef_rules / sizeof pdf_lamalef_rules[0];
  for (size_t i = 0; i < n; i++) {
    size_t len = 0, r = 0;
    while (r < nrules && !pdf_rule_match(pdf_lamalef_rules[r].from, w, n, i, &len))
      r++;
    if (r == nrules) continue;
    const char *to = pdf_lamalef_rules[r].to;
    size_t off = 0, tl = strlen(to);
    for (size_t k = 0; k < len && off < tl; k++) {
      int m = dm_utf8_decode((const unsigned char *)to + off, tl - off, &w[i + k]->cp);
      off += m > 0 ? (size_t)m : 1;
    }
    if (len > 2) i += len - 2;
  }
}

static int pdf_ascii_alnum(uint32_t cp) {
  return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z');
}

size_t pdf_arabic_clean(pdf_char *c, size_t *n) {
  size_t o = 0, dropped = 0;
  for (size_t i = 0; i < *n; i++) {
    /* Latin letters or digits inside an Arabic word: glyphs of a bold
     * Arabic font mapped to "7" or "B" (LibreOffice's PDFs), never text */
    if (pdf_ascii_alnum(c[i].cp) && c[i].vpos == PDF_V_BASE && o && pdf_arabic_letter(c[o - 1].cp) &&
        !pdf_arabic_filler(c[o - 1].cp)) {
      size_t e = i;
      while (e < *n && pdf_ascii_alnum(c[e].cp))
        e++;
      if (e < *n && pdf_arabic_letter(c[e].cp) && !pdf_arabic_filler(c[e].cp)) {
        dropped += e - i;
        i = e - 1;
        continue;
      }
    }
    c[o++] = c[i];
  }
  *n = o;
  /* a shadda with a vowel: the shadda first, as Arabic is typed (the same
   * text, canonically; poppler gives the vowel first) */
  for (size_t i = 1; i < o; i++)
    if (c[i].cp == 0x0651 && c[i - 1].cp >= 0x064B && c[i - 1].cp <= 0x0650) {
      uint32_t t = c[i].cp;
      c[i].cp = c[i - 1].cp;
      c[i - 1].cp = t;
    }
  /* a space before a vowel mark, or beside a tatweel, is a gap within a
   * word (a tanween set apart, a stretched word) */
  for (size_t i = 0; i + 1 < o; i++)
    if (c[i].space && ((i && c[i - 1].cp == 0x0640) || c[i + 1].cp == 0x0640 ||
                       (pdf_arabic_filler(c[i + 1].cp) && c[i + 1].cp != 0x0640)))
      c[i].space = 2;
  return dropped;
}

void pdf_lamalef_fix(pdf_char *c, size_t n) {
  pdf_char *w[64]; /* the letters of a word; longer ones are not words */
  for (size_t i = 0; i < n;) {
    size_t nw = 0, e = i;
    int pair = 0;
    /* a space taken out (2) is no end of a word; a gap poppler put no
     * space in is */
    for (; e < n && (pdf_arabic_letter(c[e].cp) || (e > i && c[e].space == 2)) && !(e > i && c[e].gap_before); e++) {
      /* the tanween of a word's end ("دليلاً") is part of some rules */
      if ((pdf_arabic_filler(c[e].cp) && c[e].cp != 0x064B) || c[e].space == 2) continue;
      pair |= nw && pdf_alef(w[nw - 1]->cp) && c[e].cp == 0x0644;
      if (nw < 64) w[nw] = &c[e];
      nw++;
    }
    if (pair && nw <= 64) pdf_lamalef_word(w, nw);
    i = e > i ? e : i + 1;
  }
}

int pdf_ends_sentence(uint32_t cp) {
  return cp == '.' || cp == ';' || cp == ':' || cp == '!' || cp == '?' || cp == 0x3002 || cp == 0xFF1B ||
         cp == 0xFF1A || cp == 0x061B || cp == 0x061F;
}

static int pdf_digit(char c) { return c >= '0' && c <= '9'; }
static int pdf_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int pdf_bracket(char c) { return c == '(' || c == ')'; }

static size_t pdf_span(const char *s, size_t n, int (*f)(char)) {
  size_t i = 0;
  while (i < n && f(s[i]))
    i++;
  return i;
}

int pdf_lang_token(const char *s, size_t n) {
  /* right-to-left text may give the brackets in any order: ")(A" */
  if (n != 3) return 0;
  int open = 0, close = 0, upper = 0;
  for (size_t i = 0; i < 3; i++) {
    open += s[i] == '(';
    close += s[i] == ')';
    upper += pdf_upper(s[i]);
  }
  return open == 1 && close == 1 && upper == 1;
}

/* One token of furniture: "12", "2/5", "18-18142", "(E)", "021118",
 * "*1818142*", "A/RES/73/7", "S/RES/2608", "(2021)", "Page", "-". */
static int pdf_furniture_token(const char *s, size_t n) {
  size_t d = pdf_span(s, n, pdf_digit);
  if (d == n && n <= 6) return 1; /* page number or date code */
  if (d && d < n && s[d] == '/' && pdf_span(s + d + 1, n - d - 1, pdf_digit) == n - d - 1) return 1; /* 2/5 */
  if (d == 2 && n >= 8 && s[2] == '-' && pdf_span(s + 3, n - 3, pdf_digit) == n - 3) return 1;       /* 18-18142 */
  if (pdf_lang_token(s, n)) return 1; /* (E): the language version */
  /* "(2021)", or ")(2021" as right-to-left text may give it */
  if (n >= 3 && memchr(s, '(', n) && memchr(s, ')', n)) {
    size_t a = pdf_span(s, n, pdf_bracket), nd = pdf_span(s + a, n - a, pdf_digit);
    if (nd && pdf_span(s + a + nd, n - a - nd, pdf_bracket) == n - a - nd && n - nd == 2) return 1;
  }
  if (n >= 3 && s[0] == '*' && s[n - 1] == '*') return 1; /* bar code text */
  if (n == 1 && (s[0] == '-' || s[0] == '|')) return 1;
  if ((n == 4 && memcmp(s, "Page", 4) == 0) || (n == 2 && memcmp(s, "of", 2) == 0)) return 1;
  /* a symbol: capitals, then parts after slashes */
  size_t u = pdf_span(s, n, pdf_upper);
  if (u >= 1 && u <= 6 && u < n && s[u] == '/' && n - u > 1) {
    /* with a Security Council year written on: S/RES/2608(2021) */
    if (n - u > 7 && s[n - 6] == '(' && s[n - 1] == ')' && pdf_span(s + n - 5, 4, pdf_digit) == 4) n -= 6;
    for (size_t i = u; i < n; i++)
      if (!(pdf_upper(s[i]) || pdf_digit(s[i]) || s[i] == '/' || s[i] == '.' || s[i] == '-' ||
            (s[i] >= 'a' && s[i] <= 'z')))
        return 0;
    return 1;
  }
  return 0;
}

int pdf_is_furniture_text(const char *s, size_t len) {
  size_t i = 0, tokens = 0;
  while (i < len) {
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
      i++;
    size_t b = i;
    while (i < len && s[i] != ' ' && s[i] != '\t')
      i++;
    if (i == b) break;
    if (!pdf_furniture_token(s + b, i - b)) return 0;
    tokens++;
  }
  return tokens > 0;
}
