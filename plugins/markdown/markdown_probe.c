/* SPDX-License-Identifier: MIT */
/*
 * The Markdown reader's probe. Any UTF-8 text is valid Markdown, so the
 * probe bids only on evidence a person wrote Markdown on purpose: ATX
 * headings, footnote references, <sup> markers, strong emphasis, list
 * markers, fenced code, inline links and table delimiter rows. Each kind of
 * evidence found in the first 64 KiB raises the score; text with none stays
 * below the plain-text reader's generic bid, and binary or invalid UTF-8
 * scores 0. The UN seed (named .txt) has headings, <sup> and ** everywhere.
 */
#include <string.h>

#include "markdown.h"

#define MARKDOWN_PROBE_WINDOW (64u * 1024u)

enum {
  MD_EV_HEADING = 1 << 0,
  MD_EV_FOOTNOTE = 1 << 1,
  MD_EV_SUP = 1 << 2,
  MD_EV_STRONG = 1 << 3,
  MD_EV_LIST = 1 << 4,
  MD_EV_FENCE = 1 << 5,
  MD_EV_LINK = 1 << 6,
  MD_EV_TABLE = 1 << 7
};

/* Evidence found at the start of one line (after up to three spaces). */
static unsigned markdown_probe_line(const unsigned char *s, size_t len) {
  size_t i = 0;
  while (i < len && i < 3 && s[i] == ' ')
    i++;
  s += i;
  len -= i;
  if (len == 0) return 0;
  if (s[0] == '#') {
    size_t n = 0;
    while (n < len && s[n] == '#')
      n++;
    if (n <= 6 && n < len && (s[n] == ' ' || s[n] == '\t')) return MD_EV_HEADING;
    return 0;
  }
  if (len >= 3 && (memcmp(s, "```", 3) == 0 || memcmp(s, "~~~", 3) == 0)) return MD_EV_FENCE;
  if ((s[0] == '-' || s[0] == '*' || s[0] == '+') && len > 1 && s[1] == ' ') return MD_EV_LIST;
  if (s[0] >= '0' && s[0] <= '9') {
    size_t n = 0;
    while (n < len && n < 9 && s[n] >= '0' && s[n] <= '9')
      n++;
    if (n + 1 < len && (s[n] == '.' || s[n] == ')') && s[n + 1] == ' ') return MD_EV_LIST;
    return 0;
  }
  if (s[0] == '|' || (s[0] == ':' && len > 1 && s[1] == '-')) {
    /* a delimiter row: only | - : and spaces, with at least one run of --- */
    int dashes = 0, other = 0;
    for (size_t k = 0; k < len; k++) {
      if (s[k] == '-')
        dashes++;
      else if (s[k] != '|' && s[k] != ':' && s[k] != ' ' && s[k] != '\t' && s[k] != '\r')
        other = 1;
    }
    if (dashes >= 3 && !other) return MD_EV_TABLE;
  }
  return 0;
}

/* Evidence anywhere in a line. */
static unsigned markdown_probe_inline(const unsigned char *s, size_t len) {
  unsigned ev = 0;
  for (size_t i = 0; i + 1 < len; i++) {
    if (s[i] == '[' && s[i + 1] == '^')
      ev |= MD_EV_FOOTNOTE;
    else if (s[i] == '<' && i + 4 < len && (memcmp(s + i, "<sup>", 5) == 0 || memcmp(s + i, "<sub>", 5) == 0))
      ev |= MD_EV_SUP;
    else if (s[i] == '*' && s[i + 1] == '*' && i + 2 < len && s[i + 2] != ' ' && s[i + 2] != '*') {
      const unsigned char *end = (const unsigned char *)memchr(s + i + 2, '*', len - i - 2);
      if (end && (size_t)(end - s) + 1 < len && end[1] == '*' && end[-1] != ' ') ev |= MD_EV_STRONG;
    } else if (s[i] == ']' && s[i + 1] == '(')
      ev |= MD_EV_LINK;
  }
  return ev;
}

int dmi_markdown_probe(const dm_input *in) {
  size_t len = in->size < MARKDOWN_PROBE_WINDOW ? in->size : MARKDOWN_PROBE_WINDOW;
  const unsigned char *s = in->data;
  if (len == 0) return 0;
  /* Binary or not UTF-8: not ours. A sequence cut by the window is fine. */
  if (memchr(s, 0, len)) return 0;
  size_t bad = dm_utf8_validate(s, len);
  if (bad < len && (len == in->size || len - bad >= 4)) return 0;
  unsigned ev = 0;
  size_t start = 0;
  while (start < len) {
    const unsigned char *nl = (const unsigned char *)memchr(s + start, '\n', len - start);
    size_t end = nl ? (size_t)(nl - s) : len;
    ev |= markdown_probe_line(s + start, end - start);
    ev |= markdown_probe_inline(s + start, end - start);
    start = end + 1;
  }
  static const int weight[] = {25, 20, 20, 10, 10, 15, 10, 15};
  int score = 0, kinds = 0;
  for (unsigned b = 0; b < 8; b++)
    if (ev & (1u << b)) {
      score += weight[b];
      kinds++;
    }
  if (kinds == 0) return 5; /* valid Markdown, but nothing says it is meant as such */
  if (kinds == 1 && (ev & (MD_EV_LIST | MD_EV_STRONG)))
    score = 20; /* a dash list alone is plain text too */
  else
    score += 20;
  return score > 80 ? 80 : score;
}
