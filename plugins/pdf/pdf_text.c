/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Small tests on text that the layout passes share: whether a line at the
 * top or bottom of a page is page furniture (a page number, a job number
 * with its date code, a bar code, a document symbol), ligatures spelt out
 * (the table is generated from data/ligatures.tsv), which characters are
 * written right to left, and which end a sentence.
 */
#include <string.h>

#include "pdf.h"
#include "pdf_ligatures.h"

const char *pdf_ligature(uint32_t cp) {
  if (cp < 0xFB00 || cp > 0xFB4F) return NULL;
  for (size_t i = 0; i < sizeof pdf_ligatures / sizeof pdf_ligatures[0]; i++)
    if (pdf_ligatures[i].cp == cp) return pdf_ligatures[i].text;
  return NULL;
}

int pdf_is_rtl(uint32_t cp) {
  return (cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF);
}

int pdf_ends_sentence(uint32_t cp) {
  return cp == '.' || cp == ';' || cp == ':' || cp == '!' || cp == '?' || cp == 0x3002 || cp == 0xFF1B ||
         cp == 0xFF1A || cp == 0x061B || cp == 0x061F;
}

static int pdf_digit(char c) { return c >= '0' && c <= '9'; }
static int pdf_upper(char c) { return c >= 'A' && c <= 'Z'; }

static size_t pdf_span(const char *s, size_t n, int (*f)(char)) {
  size_t i = 0;
  while (i < n && f(s[i]))
    i++;
  return i;
}

/* One token of furniture: "12", "2/5", "18-18142", "(E)", "021118",
 * "*1818142*", "A/RES/73/7", "S/RES/2608", "(2021)", "Page", "-". */
static int pdf_furniture_token(const char *s, size_t n) {
  size_t d = pdf_span(s, n, pdf_digit);
  if (d == n && n <= 6) return 1; /* page number or date code */
  if (d && d < n && s[d] == '/' && pdf_span(s + d + 1, n - d - 1, pdf_digit) == n - d - 1) return 1; /* 2/5 */
  if (d == 2 && n >= 8 && s[2] == '-' && pdf_span(s + 3, n - 3, pdf_digit) == n - 3) return 1;       /* 18-18142 */
  if (n >= 3 && s[0] == '(' && s[n - 1] == ')') {
    if (n == 3 && pdf_upper(s[1])) return 1; /* (E): the language version */
    if (pdf_span(s + 1, n - 2, pdf_digit) == n - 2) return 1;
  }
  if (n >= 3 && s[0] == '*' && s[n - 1] == '*') return 1; /* bar code text */
  if (n == 1 && (s[0] == '-' || s[0] == '|')) return 1;
  if ((n == 4 && memcmp(s, "Page", 4) == 0) || (n == 2 && memcmp(s, "of", 2) == 0)) return 1;
  /* a symbol: capitals, then parts after slashes */
  size_t u = pdf_span(s, n, pdf_upper);
  if (u >= 1 && u <= 6 && u < n && s[u] == '/' && n - u > 1) {
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
