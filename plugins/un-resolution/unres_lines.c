/* SPDX-License-Identifier: MIT */
/*
 * Text as PDF extractors leave it, put back into paragraphs. pdftotext
 * (default and -layout) and PyMuPDF give one line per printed line, often
 * with no blank line between paragraphs, page furniture (running headers,
 * page numbers, job numbers, print dates, bar codes, image names) wherever
 * the page put it, and footnote definitions under a rule of underscores with
 * their numbers sometimes on lines of their own and out of order. This pass
 * runs before everything else on a tree made only of plain-text paragraphs
 * and page breaks (what the text reader makes): it takes the furniture out
 * (each piece reported as information), turns each footnote area into one
 * "N text" paragraph per definition, splits the lines into paragraphs where
 * a clause or numbered paragraph starts, and marks page ends with page
 * breaks, so that the rest of the transform sees what it sees in
 * well-formed input. Lines are never rewritten beyond spaces: every word
 * of the input is either kept or reported as furniture.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unres_lines.h"

static const char *ln_s(const unres_lines *L, size_t i) { return dm_node_literal(L->l[i].text); }
static size_t ln_len(const unres_lines *L, size_t i) { return dm_node_literal_len(L->l[i].text); }

/* The columns a line fills: ideographs and full-width marks are two, so
 * that a Chinese line compares with one holding dates and symbols. */
static size_t ln_cols(const char *s, size_t len) {
  size_t n = 0;
  for (size_t i = 0; i < len;) {
    /* ASCII, most of any line, is one column a byte: eight at a time */
    uint64_t x;
    if (i + 8 <= len && (memcpy(&x, s + i, 8), !(x & UINT64_C(0x8080808080808080)))) {
      n += 8;
      i += 8;
      continue;
    }
    if ((unsigned char)s[i] < 0x80) {
      n++;
      i++;
      continue;
    }
    uint32_t cp;
    int k = dm_utf8_decode((const unsigned char *)s + i, len - i, &cp);
    if (k <= 0) {
      i++;
      n++;
      continue;
    }
    n += dm_unicode_is_cjk(cp) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF60) ? 2 : 1;
    i += (size_t)k;
  }
  return n;
}

static size_t ln_cps(const char *s, size_t len) {
  /* eight bytes at a time: a continuation byte has its top bit set and
   * the next one clear, which x & ~(x << 1) keeps at bit 7 of each byte */
  size_t cont = 0, i = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t x;
    memcpy(&x, s + i, 8);
    x = (x & ~(x << 1)) & UINT64_C(0x8080808080808080);
    cont += (size_t)(((x >> 7) * UINT64_C(0x0101010101010101)) >> 56);
  }
  for (; i < len; i++)
    cont += ((unsigned char)s[i] & 0xC0) == 0x80;
  return len - cont;
}

/* ---- collecting ---------------------------------------------------------- */

/* Only a tree of plain paragraphs (text and soft breaks) and page breaks
 * is extractor text; anything else (Markdown with emphasis, lists, HTML)
 * is left to the block rules. */
static int ln_eligible(const dm_doc *doc) {
  int paras = 0;
  for (const dm_node *c = dm_node_first_child(dm_doc_root(doc)); c; c = dm_node_next(c)) {
    dm_node_type t = dm_node_type_of(c);
    if (t == DM_NODE_PAGE_BREAK || t == DM_NODE_THEMATIC_BREAK) continue;
    if (t != DM_NODE_PARAGRAPH) return 0;
    for (const dm_node *k = dm_node_first_child(c); k; k = dm_node_next(k))
      if (dm_node_type_of(k) != DM_NODE_TEXT && dm_node_type_of(k) != DM_NODE_SOFTBREAK) return 0;
    paras++;
  }
  return paras > 0;
}

static int ln_push(unres_lines *L, dm_node *text, int para_start, int page) {
  if (L->n == L->cap) {
    size_t cap = L->cap ? L->cap * 2 : 256;
    unres_line *p = realloc(L->l, cap * sizeof *p);
    if (!p) return DM_ENOMEM;
    L->l = p;
    L->cap = cap;
  }
  unres_line *ln = &L->l[L->n++];
  memset(ln, 0, sizeof *ln);
  ln->text = text;
  ln->para_start = para_start;
  ln->page = page;
  dm_pos p = dm_node_pos(text);
  ln->indent = p.column > 0 ? (int)p.column - 1 : 0;
  return DM_OK;
}

/* pdftotext gives the number of an Arabic operative paragraph, "1 -",
 * in visual order inside a left-to-right embedding at the line's start:
 * RLE LRE " - 1" PDF, the text glued after it. The length of that prefix
 * (0 when the line does not open so), and the number's digits in
 * [*d, *e). */
static size_t ln_visual_number(const unsigned char *s, size_t len, size_t *d, size_t *e) {
  static const unsigned char rle[] = {0xE2, 0x80, 0xAB}, lre[] = {0xE2, 0x80, 0xAA}, pdf[] = {0xE2, 0x80, 0xAC};
  size_t i = 0;
  if (len >= 3 && !memcmp(s, rle, 3)) i = 3;
  if (i + 3 > len || memcmp(s + i, lre, 3)) return 0;
  i += 3;
  while (i < len && s[i] == ' ')
    i++;
  if (i >= len || s[i] != '-') return 0;
  i++;
  while (i < len && s[i] == ' ')
    i++;
  *d = i;
  while (i < len && s[i] >= '0' && s[i] <= '9' && i < *d + 3)
    i++;
  *e = i;
  if (*e == *d || i + 3 > len || memcmp(s + i, pdf, 3)) return 0;
  return i + 3;
}

static int ln_clean(dm_node *t) {
  const unsigned char *s = (const unsigned char *)dm_node_literal(t);
  size_t len = dm_node_literal_len(t), i = 0, d, de;
  size_t vis = ln_visual_number(s, len, &d, &de);
  if (vis) {
    /* the same characters in reading order: "1 - " and the text */
    unres_buf b = {0};
    unres_buf_add(&b, (const char *)s + d, de - d);
    unres_buf_add(&b, " - ", 3);
    unres_buf_add(&b, (const char *)s + vis, len - vis);
    int rc = b.status ? DM_ENOMEM : dm_node_set_literal(t, b.data, b.len);
    unres_buf_release(&b);
    if (rc != DM_OK) return rc;
    s = (const unsigned char *)dm_node_literal(t);
    len = dm_node_literal_len(t);
  }
  i = unres_next_format_char(s, len, 0);
  if (i == len) return DM_OK;
  unres_buf b = {0};
  unres_buf_add(&b, (const char *)s, i);
  while (i < len) {
    i += unres_format_char(s + i, len - i);
    size_t next = unres_next_format_char(s, len, i);
    unres_buf_add(&b, (const char *)s + i, next - i);
    i = next;
  }
  /* trimmed again: a control may have stood at either end */
  size_t a = 0, e = b.len;
  while (a < e && b.data[a] == ' ')
    a++;
  while (e > a && b.data[e - 1] == ' ')
    e--;
  int rc = b.status ? DM_ENOMEM : dm_node_set_literal(t, b.data ? b.data + a : "", e - a);
  unres_buf_release(&b);
  return rc;
}

static int ln_collect(unres_lines *L) {
  dm_node *root = dm_doc_root(L->st->doc);
  int page = 0;
  for (dm_node *c = dm_node_first_child(root); c; c = dm_node_next(c)) {
    if (dm_node_type_of(c) != DM_NODE_PARAGRAPH) {
      if (L->nbreaks == L->capb) {
        size_t cap = L->capb ? L->capb * 2 : 16;
        dm_node **b = realloc(L->breaks, cap * sizeof *b);
        if (!b) return DM_ENOMEM;
        L->breaks = b;
        L->capb = cap;
      }
      L->breaks[L->nbreaks++] = c;
      page++;
      L->has_ff = 1;
      continue;
    }
    int first = 1;
    for (dm_node *k = dm_node_first_child(c); k; k = dm_node_next(k)) {
      if (dm_node_type_of(k) != DM_NODE_TEXT) continue;
      if (ln_push(L, k, first, page) != DM_OK) return DM_ENOMEM;
      first = 0;
    }
  }
  L->pages = page + 1;
  return DM_OK;
}

/* ---- furniture ------------------------------------------------------------- */

void ln_report(unres_lines *L, size_t i, const char *s, size_t len) {
  unres_furniture_info(L->st, dm_node_pos(L->l[i].text), s, len);
}

/* A rule of underscores: the line above the footnotes. */
static int ln_is_rule(const char *s, size_t len) {
  size_t u = 0;
  for (size_t i = 0; i < len; i++) {
    if (s[i] == '_')
      u++;
    else if (s[i] != ' ')
      return 0;
  }
  return u >= 5;
}

/* Spaces collapsed and trimmed, for comparing a line with the title. */
static void ln_squash(const char *s, size_t len, unres_buf *out) {
  unres_buf_clear(out);
  int space = 0;
  for (size_t i = 0; i < len; i++) {
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
      space = out->len > 0;
      continue;
    }
    if (space) unres_buf_add(out, " ", 1);
    space = 0;
    unres_buf_add(out, s + i, 1);
  }
}

/* Whether the first bytes of s (six at most) occur in the title. */
static int ln_head_in_title(const unres_lines *L, const char *s, size_t len) {
  size_t head = len < 6 ? len : 6;
  if (!head) return 1;
  for (size_t i = 0; i + head <= L->title_len; i++) {
    const char *p = memchr(L->title + i, s[0], L->title_len - head + 1 - i);
    if (!p) return 0;
    i = (size_t)(p - L->title);
    if (memcmp(p, s, head) == 0) return 1;
  }
  return 0;
}

/* Whether s is a piece of the title at word boundaries: a running header
 * wraps the title elsewhere than page 1 does. */
static int ln_title_piece_min(const unres_lines *L, const char *s, size_t len, size_t min) {
  if (!L->title || len < min || len > L->title_len + 64) return 0;
  /* most lines are not in the title: their first bytes are not in it */
  if (!ln_head_in_title(L, s, len)) return 0;
  unres_buf b = {0};
  ln_squash(s, len, &b);
  int found = 0;
  if (b.data && b.len >= min) {
    const char *t = L->title;
    /* Chinese titles wrap anywhere, even inside a word */
    int cjk = dm_unicode_is_cjk(unres_first_cp(b.data, b.len));
    for (size_t i = 0; i + b.len <= L->title_len && !found; i++) {
      if (memcmp(t + i, b.data, b.len) != 0) continue;
      int left = i == 0 || t[i - 1] == ' ' || cjk;
      int right = i + b.len == L->title_len || t[i + b.len] == ' ' || cjk;
      found = left && right;
    }
  }
  unres_buf_release(&b);
  return found;
}

/* Whether s holds a document symbol other than the document's own: a
 * footnote that cites one ("6 A/75/289.") is never furniture. */
static int ln_foreign_symbol(const unres_lines *L, const char *s, size_t len) {
  for (size_t i = 0; i + 2 < len; i++) {
    if (!(s[i] >= 'A' && s[i] <= 'Z' && s[i + 1] == '/') || (i > 0 && s[i - 1] != ' ')) continue;
    size_t e = i;
    while (e < len && s[e] != ' ' && s[e] != '(')
      e++;
    while (e > i && s[e - 1] == '.')
      e--;
    if (L->symbol[0]) {
      if (strlen(L->symbol) != e - i || memcmp(L->symbol, s + i, e - i) != 0) return 1;
    } else if (!(e - i > 6 && (memcmp(s + i, "A/RES/", 6) == 0 || memcmp(s + i, "S/RES/", 6) == 0)))
      return 1;
    i = e;
  }
  return 0;
}

/* The document's symbol: the first "A/RES/..." or "S/RES/..." line. */
static void ln_find_symbol(unres_lines *L) {
  for (size_t i = 0; i < L->n && i < 80; i++) {
    const char *s = ln_s(L, i);
    size_t len = ln_len(L, i);
    for (size_t k = 0; k + 6 < len; k++) {
      if ((s[k] != 'A' && s[k] != 'S') || memcmp(s + k + 1, "/RES/", 5) != 0 || (k > 0 && s[k - 1] != ' ')) continue;
      size_t e = k;
      while (e < len && s[e] != ' ' && s[e] != '(')
        e++;
      if (e - k < sizeof L->symbol) {
        memcpy(L->symbol, s + k, e - k);
        L->symbol[e - k] = '\0';
        return;
      }
    }
  }
}

static int ln_title_piece(const unres_lines *L, const char *s, size_t len) { return ln_title_piece_min(L, s, len, 8); }

/* One segment of a line (a -layout line holds several, far apart). */
static int ln_segment_furniture(const unres_lines *L, const char *s, size_t len, int in_preface) {
  if (unres_is_furniture(s, len) && !ln_foreign_symbol(L, s, len)) {
    /* the symbol at the head of page 1 is the preface's, not furniture */
    if (in_preface && unres_first_cp(s, len) == 'A') return 0;
    if (in_preface && unres_first_cp(s, len) == 'S') return 0;
    return 1;
  }
  return !in_preface && ln_title_piece(L, s, len);
}

/* The end of the run of spaces at s[i] when it is a -layout column gap. */
static size_t ln_gap(const char *s, size_t len, size_t i) {
  size_t j = i;
  while (j < len && s[j] == ' ')
    j++;
  return j - i >= 4 && j < len ? j : 0;
}

/* Whether the line has a -layout column gap. */
static int ln_has_gap(const char *s, size_t len) {
  for (size_t i = 0; i < len; i++)
    if (s[i] == ' ' && ln_gap(s, len, i)) return 1;
  return 0;
}

/* Whether every segment of the line is furniture. */
static int ln_all_furniture(const unres_lines *L, const char *s, size_t len, int in_preface) {
  size_t b = 0;
  int segs = 0;
  while (b < len) {
    size_t e = b, g = 0;
    while (e < len && !(s[e] == ' ' && (g = ln_gap(s, len, e)) != 0))
      e++;
    if (!ln_segment_furniture(L, s + b, e - b, in_preface)) return 0;
    segs++;
    b = e < len ? g : len;
  }
  return segs > 0;
}

/* Whether the line is furniture without counting pieces of the title. */
static int ln_all_furniture_plain(const unres_lines *L, const char *s, size_t len) {
  size_t b = 0;
  int segs = 0;
  while (b < len) {
    size_t e = b, g = 0;
    while (e < len && !(s[e] == ' ' && (g = ln_gap(s, len, e)) != 0))
      e++;
    if (!(unres_is_furniture(s + b, e - b) && !ln_foreign_symbol(L, s + b, e - b))) return 0;
    segs++;
    b = e < len ? g : len;
  }
  return segs > 0;
}

/* An image's file name that a converter left at the start of a line
 * ("logo-un.jpg General Assembly"): its length with the following space. */
static size_t ln_image_name(const char *s, size_t len) {
  static const char *const ext[] = {".jpg", ".jpeg", ".png", ".gif", ".emf", ".wmf", ".tif", ".bmp", NULL};
  /* a file name: letters, digits, '-', '_' up to the extension, which may
   * run straight into the next word ("logo-un.jpgالجمعية") */
  size_t e = 0;
  while (e < len && e < 64 &&
         ((s[e] >= 'a' && s[e] <= 'z') || (s[e] >= 'A' && s[e] <= 'Z') || (s[e] >= '0' && s[e] <= '9') || s[e] == '-' ||
          s[e] == '_'))
    e++;
  if (!e) return 0;
  for (size_t k = 0; ext[k]; k++) {
    size_t n = strlen(ext[k]);
    if (e + n > len || memcmp(s + e, ext[k], n) != 0) continue;
    size_t end = e + n;
    if (end < len && s[end] >= 'a' && s[end] <= 'z') continue;
    while (end < len && s[end] == ' ')
      end++;
    return end;
  }
  return 0;
}

/* The title as printed on page 1, for running headers elsewhere: the text
 * after "73/8." up to the formula. */
static void ln_find_title(unres_lines *L) {
  size_t end = L->formula == SIZE_MAX ? (L->n < 60 ? L->n : 60) : L->formula;
  for (size_t i = 0; i < end; i++) {
    const char *s = ln_s(L, i);
    size_t len = ln_len(L, i), k = 0;
    while (k < len && s[k] == ' ')
      k++;
    size_t d = k;
    while (k < len && s[k] >= '0' && s[k] <= '9')
      k++;
    if (k == d || k - d > 3 || k >= len || s[k] != '/') continue;
    k++;
    d = k;
    while (k < len && s[k] >= '0' && s[k] <= '9')
      k++;
    if (k == d) continue;
    while (k < len && (s[k] == '.' || s[k] == ' ' || s[k] == '-'))
      k++;
    unres_buf all = {0}, one = {0};
    if (k < len) unres_buf_add(&all, s + k, len - k);
    for (size_t j = i + 1; j < end; j++) {
      if (L->l[j].kind != LN_TEXT) continue;
      if (all.len && !(dm_unicode_is_cjk(unres_last_cp(all.data, all.len)) &&
                       dm_unicode_is_cjk(unres_first_cp(ln_s(L, j), ln_len(L, j)))))
        unres_buf_add(&all, " ", 1);
      unres_buf_add(&all, ln_s(L, j), ln_len(L, j));
    }
    ln_squash(all.data ? all.data : "", all.len, &L->title_buf);
    unres_buf_release(&all);
    unres_buf_release(&one);
    if (L->title_buf.len >= 8) {
      L->title = L->title_buf.data;
      L->title_len = L->title_buf.len;
    }
    return;
  }
}

static void ln_squeeze(unres_lines *L, size_t i);

/* The text of lines [i, j) joined as one (no space inside CJK text). */
static void ln_join_run(const unres_lines *L, size_t i, size_t j, unres_buf *b) {
  unres_buf_clear(b);
  for (size_t k = i; k < j; k++) {
    const char *s = ln_s(L, k);
    size_t len = ln_len(L, k);
    if (b->len && !(dm_unicode_is_cjk(unres_last_cp(b->data, b->len)) && dm_unicode_is_cjk(unres_first_cp(s, len))))
      unres_buf_add(b, " ", 1);
    unres_buf_add(b, s, len);
  }
}

static int ln_furn_kind(int kind) { return kind == LN_FURN || kind == LN_NUMBER || kind == LN_RULE; }

/* Whether line j, a -layout line of segments far apart, holds only
 * furniture and words that finish the title begun by lines [i, j). */
static int ln_title_tail(const unres_lines *L, size_t i, size_t j, unres_buf *b) {
  const char *s = ln_s(L, j);
  size_t len = ln_len(L, j), at = 0;
  if (!ln_has_gap(s, len)) return 0;
  ln_join_run(L, i, j, b);
  int words = 0;
  while (at < len) {
    size_t e = at, g = 0;
    while (e < len && !(s[e] == ' ' && (g = ln_gap(s, len, e)) != 0))
      e++;
    if (!(unres_is_furniture(s + at, e - at) && !ln_foreign_symbol(L, s + at, e - at))) {
      unres_buf_add(b, " ", 1);
      unres_buf_add(b, s + at, e - at);
      words = 1;
    }
    at = e < len ? g : len;
  }
  return words && b->data && ln_title_piece(L, b->data, b->len);
}

/* Running headers: a run of up to four lines that together are a piece of
 * the title (wrapped elsewhere than on page 1, even inside a Chinese
 * word), beside other furniture or at a page's edge. The body may name the
 * title's subject on a line of its own, so a piece alone in the text
 * stays. */
static void ln_running_titles(unres_lines *L) {
  size_t from = L->formula == SIZE_MAX ? L->n : L->formula + 1;
  unres_buf b = {0};
  for (size_t i = from; i < L->n; i++) {
    if (L->l[i].kind != LN_TEXT) continue;
    /* every run from line i opens with its first bytes: when they are not
     * in the title, no run is joined and compared */
    if (!L->title || (ln_len(L, i) >= 6 && !ln_head_in_title(L, ln_s(L, i), ln_len(L, i)))) continue;
    size_t best = 0;
    for (size_t j = i + 1; j <= L->n && j <= i + 4; j++) {
      if (L->l[j - 1].kind != LN_TEXT || L->l[j - 1].page != L->l[i].page) break;
      ln_join_run(L, i, j, &b);
      if (b.data && ln_title_piece(L, b.data, b.len)) best = j;
    }
    if (!best) continue;
    /* -layout: the title's last words beside the symbol on the next
     * line ("A/RES/79/6      Court") */
    if (best < L->n && L->l[best].kind == LN_TEXT && L->l[best].page == L->l[i].page && ln_title_tail(L, i, best, &b))
      best++;
    int before = i == 0 || L->l[i - 1].page != L->l[i].page || ln_furn_kind(L->l[i - 1].kind);
    int after = best == L->n || L->l[best].page != L->l[i].page || ln_furn_kind(L->l[best].kind);
    if (!before && !after) continue;
    for (size_t k = i; k < best; k++) {
      L->l[k].kind = LN_FURN;
      ln_report(L, k, ln_s(L, k), ln_len(L, k));
    }
    i = best - 1;
  }
  unres_buf_release(&b);
}

static void ln_furniture(unres_lines *L) {
  for (size_t i = 0; i < L->n; i++) {
    const char *s = ln_s(L, i);
    size_t len = ln_len(L, i);
    int pre = L->formula == SIZE_MAX || i < L->formula;
    size_t img = ln_image_name(s, len);
    if (img) {
      ln_report(L, i, s, img);
      if (dm_node_set_literal(L->l[i].text, s + img, len - img) != DM_OK) L->st->failed = 1;
      s = ln_s(L, i);
      len = ln_len(L, i);
      if (!len) {
        L->l[i].kind = LN_FURN;
        continue;
      }
    }
    if (!pre && ln_number_alone(s, len) > 0) {
      L->l[i].kind = LN_NUMBER;
    } else if (ln_is_rule(s, len)) {
      L->l[i].kind = LN_RULE;
      ln_report(L, i, s, len);
    } else if (ln_all_furniture_plain(L, s, len) && !(pre && !unres_is_furniture(s, len))) {
      /* symbols, page and job numbers, print dates, bar codes (page 1's
       * symbol stays in the preface) */
      if (!pre || !ln_segment_furniture(L, s, len, 1)) {
        if (!(pre && (unres_first_cp(s, len) == 'A' || unres_first_cp(s, len) == 'S'))) {
          L->l[i].kind = LN_FURN;
          ln_report(L, i, s, len);
        }
      } else {
        L->l[i].kind = LN_FURN;
        ln_report(L, i, s, len);
      }
    } else if (!pre && ln_has_gap(s, len) && ln_all_furniture(L, s, len, 0)) {
      /* a -layout line holding the symbol and a piece of the title */
      L->l[i].kind = LN_FURN;
      ln_report(L, i, s, len);
    }
  }
  ln_running_titles(L);
  for (size_t i = 0; i < L->n; i++)
    if (L->l[i].kind == LN_TEXT) ln_squeeze(L, i);
}

/* ---- footnote areas -------------------------------------------------------- */

/* ---- building ------------------------------------------------------------ */

void ln_close(ln_out *o) { o->para = NULL; }

static int ln_double_space(const char *s, size_t len) {
  for (size_t i = 0; i + 1 < len; i++)
    if (s[i] == ' ' && s[i + 1] == ' ') return 1;
  return 0;
}

void ln_page_break(ln_out *o) {
  unres_lines *L = o->L;
  dm_node *root = dm_doc_root(L->st->doc);
  dm_node *pb = o->brk < L->nbreaks ? L->breaks[o->brk++] : dm_node_new(L->st->doc, DM_NODE_PAGE_BREAK);
  if (!pb || dm_node_append_child(root, pb) != DM_OK) L->st->failed = 1;
  ln_close(o);
}

/* Appends line i to the open paragraph (or a new one). */
void ln_add(ln_out *o, size_t i, int fresh) {
  unres_lines *L = o->L;
  dm_node *t = L->l[i].text;
  if (fresh || !o->para) {
    o->para = dm_node_new(L->st->doc, DM_NODE_PARAGRAPH);
    if (!o->para || dm_node_append_child(dm_doc_root(L->st->doc), o->para) != DM_OK) {
      L->st->failed = 1;
      return;
    }
    dm_node_set_pos(o->para, dm_node_pos(t));
  } else {
    const char *ps = ln_s(L, o->last);
    size_t pl = ln_len(L, o->last);
    uint32_t a = unres_last_cp(ps, pl), b = unres_first_cp(ln_s(L, i), ln_len(L, i));
    if (!(dm_unicode_is_cjk(a) && dm_unicode_is_cjk(b))) {
      dm_node *sb = dm_node_new(L->st->doc, DM_NODE_SOFTBREAK);
      if (!sb || dm_node_append_child(o->para, sb) != DM_OK) L->st->failed = 1;
    }
  }
  if (dm_node_append_child(o->para, t) != DM_OK) L->st->failed = 1;
  o->last = i;
}

/* Runs of spaces (a -layout line's justification and column gaps) made
 * one; words are not touched. */
static void ln_squeeze(unres_lines *L, size_t i) {
  const char *s = ln_s(L, i);
  size_t len = ln_len(L, i);
  if (!ln_double_space(s, len)) return;
  unres_buf b = {0};
  ln_squash(s, len, &b);
  if (b.status || dm_node_set_literal(L->l[i].text, b.data ? b.data : "", b.len) != DM_OK) L->st->failed = 1;
  unres_buf_release(&b);
}

/* A number or label alone on its line ("1.", "(a)") and the text on the
 * next line are one line: "1. Takes note ..."; so are the two halves of
 * a date the adoption line wraps. */
static void ln_add_after_label(ln_out *o, size_t i) {
  unres_lines *L = o->L;
  dm_node *lab = L->l[o->last].text;
  if (dm_node_append_literal(lab, " ", 1) != DM_OK || dm_node_append_literal(lab, ln_s(L, i), ln_len(L, i)) != DM_OK)
    L->st->failed = 1;
  dm_node_set_literal(L->l[i].text, dm_node_literal(lab), dm_node_literal_len(lab));
  o->last = i;
  L->l[i].text = lab;
}

/* The line with a trailing footnote call ("Court, 2", "thereto,5") taken
 * off, for the punctuation test. */
static size_t ln_strip_call(const char *s, size_t len) {
  size_t e = len;
  while (e > 0 && s[e - 1] == ' ')
    e--;
  size_t d = e;
  while (d > 0 && s[d - 1] >= '0' && s[d - 1] <= '9' && e - d < 3)
    d--;
  if (d == e || d == 0) return len;
  size_t k = d;
  while (k > 0 && s[k - 1] == ' ')
    k--;
  if (k == 0) return len;
  uint32_t before = unres_last_cp(s, k);
  if (before == ',' || before == ';' || before == '.' || before == ':' || before == 0xFF0C || before == 0x60C ||
      before == 0x3002 || before == 0xFF1B || before == 0x61B || k < d)
    return k;
  return len;
}

static int ln_ends_clause(const char *s, size_t len) {
  size_t e = ln_strip_call(s, len);
  return unres_ends_sentence(s, e) || unres_ends_comma(s, e);
}

/* A number or label alone: "1.", "(a)", "1 -". */
static int ln_label_alone(const char *s, size_t len) {
  char lab[24];
  size_t n = 0;
  char tmp[64];
  if (len + 2 > sizeof tmp) return 0;
  memcpy(tmp, s, len);
  tmp[len] = ' ';
  tmp[len + 1] = 'x';
  n = unres_para_number(tmp, len + 2, lab);
  if (!n) n = unres_point_label(tmp, len + 2, lab);
  return n == len + 1;
}

static int ln_opens_label(const unres_state *st, const char *s, size_t len) {
  char lab[24];
  if (unres_point_label(s, len, lab)) return 1;
  if (!unres_para_number(s, len, lab)) return 0;
  /* "25. Februar 2003" wrapped onto a line is a date, not paragraph 25 */
  char iso[11];
  size_t e;
  return !unres_date_at(st->lang, s, len < 48 ? len : 48, 0, iso, &e);
}

/* Whether line i starts a paragraph of the body (after the formula). */
/* A heading between paragraphs ("Measures", "Monitoring Team" in Security
 * Council resolutions): a short line without closing punctuation, not in
 * lower case, before a numbered paragraph. */
static const unres_line *ln_memo(unres_lines *L, size_t i);

static int ln_heading(unres_lines *L, size_t i) {
  const char *s = ln_s(L, i);
  size_t len = ln_len(L, i);
  if ((int)ln_cols(s, len) * 10 > L->width * 6 || ln_ends_clause(s, len) || unres_starts_lower(s, len)) return 0;
  uint32_t f = unres_first_cp(s, len);
  if ((f >= '0' && f <= '9') || f == '(' || ln_memo(L, i)->alone || ln_opens_label(L->st, s, len)) return 0;
  for (size_t k = i + 1; k < L->n; k++) {
    if (L->l[k].kind != LN_TEXT) continue;
    return ln_memo(L, k)->alone || ln_opens_label(L->st, ln_s(L, k), ln_len(L, k));
  }
  return 0;
}

/* The number of an operative paragraph opening s ("3." alone or "3. text"),
 * or -1. */
static long ln_para_value(const char *s, size_t len) {
  char lab[16], tmp[64];
  size_t n = len < 60 ? len : 60;
  memcpy(tmp, s, n);
  tmp[n] = ' ';
  tmp[n + 1] = 'x';
  if (!unres_para_number(tmp, n + 2, lab)) return -1;
  return strtol(lab, NULL, 10);
}

/* Whether the line opens with the plenary meeting ("45e séance
 * plénière"), no-break spaces read as spaces. */
static int ln_meeting_line(const char *s, size_t len) {
  char tmp[96];
  size_t n = 0, a, e;
  for (size_t i = 0; i < len && n < sizeof tmp; i++) {
    if (i + 1 < len && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0) {
      tmp[n++] = ' ';
      i++;
    } else
      tmp[n++] = s[i];
  }
  return unres_find_meeting(tmp, n, &a, &e) && a == 0;
}

/* A lead word and a comma are followed by a small word ("напоминая,
 * что"); a capital after the comma makes a list of names wrapped onto the
 * line ("Stockpiling, Production and Transfer"), though "-ing" makes
 * English lead words. */
static int ln_lead_line(const unres_lines *L, const char *s, size_t len) {
  size_t w = 0;
  while (w < len && s[w] != ' ' && s[w] != ',')
    w++;
  if (w < len && s[w] == ',' && unres_is_upper_cp(unres_first_cp(s + w + 1, len - w - 1))) return 0;
  return unres_lead_line(L->st->lang, s, len);
}

/* ln_label_alone and ln_para_value of line i, read once per text. */
static const unres_line *ln_memo(unres_lines *L, size_t i) {
  unres_line *ln = &L->l[i];
  const char *s = ln_s(L, i);
  size_t len = ln_len(L, i);
  if (ln->memo != s || ln->memo_len != len) {
    ln->memo = s;
    ln->memo_len = len;
    ln->alone = ln_label_alone(s, len);
    ln->value = ln_para_value(s, len);
  }
  return ln;
}

/* ln_lead_line for line i; a short line is read with the lines after
 * it, as PyMuPDF cuts a justified line into its words ("с" |
 * "удовлетворением" | "отмечая," | "что"). */
static int ln_lead_at(const unres_lines *L, size_t i) {
  const char *s = ln_s(L, i);
  size_t len = ln_len(L, i), j = i + 1, got = len;
  if (ln_cps(s, len) >= 16) return ln_lead_line(L, s, len);
  while (j < L->n && j < i + 4 && got < 64 && L->l[j].kind == LN_TEXT && L->l[j].page == L->l[i].page)
    got += ln_len(L, j++);
  if (j == i + 1) return ln_lead_line(L, s, len);
  unres_buf b = {0};
  ln_join_run(L, i, j, &b);
  int lead = b.data && !b.status && ln_lead_line(L, b.data, b.len);
  unres_buf_release(&b);
  return lead;
}

static int ln_starts_para(const ln_out *o, size_t i, int across) {
  unres_lines *L = o->L;
  const unres_line *cur = &L->l[i], *prev = &L->l[o->last];
  const char *s = ln_s(L, i), *ps = ln_s(L, o->last);
  size_t len = ln_len(L, i), pl = ln_len(L, o->last);
  if (ln_memo(L, o->last)->alone) return 0;
  /* a blank line after a page's furniture says nothing of the text */
  if (cur->para_start && !across) return 1;
  int punct = ln_ends_clause(ps, pl) || o->last == L->formula;
  if (ln_heading(L, o->last)) return 1;
  /* an annex's heading ("Annex", "Annexe B") is a line of its own */
  if (unres_is_annex_heading(ps, pl) && !unres_starts_lower(ps, pl)) return 1;
  /* the next paragraph number in sequence starts its paragraph even
   * after a line the extractor left unpunctuated */
  if (ln_memo(L, i)->value == o->next_num && o->next_num > 1) return 1;
  if (!punct) return 0;
  if (ln_heading(L, i) || (unres_is_annex_heading(s, len) && !unres_starts_lower(s, len))) return 1;
  if (ln_memo(L, i)->alone || ln_opens_label(L->st, s, len)) return 1;
  /* the conclusions: "45th plenary meeting", "6 December 2021" */
  size_t e;
  char iso[11];
  if (ln_meeting_line(s, len)) return 1;
  if (unres_date_at(L->st->lang, s, len, 0, iso, &e) && e == len) return 1;
  if (ln_lead_at(L, i)) return 1;
  if (L->layout && cur->indent > prev->indent + 2) return 1;
  /* a line that stops well short of the margin ends its paragraph */
  if ((int)ln_cols(ps, pl) * 10 < L->width * 7) {
    uint32_t f = unres_first_cp(s, len);
    if (!unres_starts_lower(s, len) && !(f >= '0' && f <= '9')) return 1;
  }
  return 0;
}

/* In the preface every printed line is a field of its own, except the
 * adoption line cut before its date, the title after its number, and
 * lines that continue in lower case. */
static int ln_preface_joins(const ln_out *o, size_t i) {
  unres_lines *L = o->L;
  if (!o->para) return 0;
  const char *s = ln_s(L, i), *ps = ln_s(L, o->last);
  size_t len = ln_len(L, i), pl = ln_len(L, o->last);
  char iso[11];
  size_t a, e;
  /* the adoption line cut inside its date ("le 6 décembre" | "2021"):
   * one line again, so that the date reads whole */
  if (unres_is_adoption_line(ps, pl) && !unres_find_date(L->st->lang, ps, pl, iso, &a, &e)) return 2;
  /* the title: from the number line to the formula */
  unres_buf t = {0};
  unres_node_text(o->para, &t);
  size_t title = 0;
  int in_title = t.data && unres_number_title_len(t.data, t.len, &title, 1) > 0;
  unres_buf_release(&t);
  if (in_title) return 1;
  if (unres_first_cp(s, len) == '[' || unres_first_cp(s, len) == '(') return 0;
  /* no field of the header ends with a comma: the agenda item's title
   * wrapped after one ("... the Prohibition of the Use," | "Stockpiling") */
  if (unres_last_cp(ps, pl) == ',') return 1;
  return unres_starts_lower(s, len) && !unres_lead_line(L->st->lang, s, len);
}

/* The first body line after a page end (its furniture, its footnotes):
 * a clause cut by the page goes on in the paragraph the page left open,
 * read as if no page end came between. Returns whether the line starts
 * a paragraph of its own; if not, the open paragraph is taken up again. */
static int ln_continue_body(ln_out *o, size_t i) {
  o->para = o->body;
  o->last = o->body_last;
  if (!ln_starts_para(o, i, 1)) {
    if (o->L->l[i].page != o->L->l[o->last].page) ln_cross(o, i);
    return 0;
  }
  ln_close(o);
  return 1;
}

void ln_cross(ln_out *o, size_t i) {
  unres_state *st = o->L->st;
  if (st->cross) st->cross[st->ncross++] = o->L->l[i].text;
}

/* A call on a line of its own ("1" above "... 基本指导方针 ，") goes back
 * into the next body line, where the line has a gap before a closing
 * mark (the call's place), else at the line's end: the digits are kept,
 * the gap's space gives way. */
static void ln_place_call(unres_lines *L, size_t i) {
  size_t j = i + 1;
  while (j < L->n && L->l[j].kind != LN_TEXT)
    j++;
  if (j == L->n) {
    /* nothing to belong to: kept as a line of text */
    L->l[i].kind = LN_TEXT;
    return;
  }
  const char *s = ln_s(L, j), *call = ln_s(L, i);
  size_t len = ln_len(L, j), at = len, cut = len;
  for (size_t k = 0; k + 1 < len && at == len; k++) {
    if (s[k] != ' ') continue;
    uint32_t cp = unres_first_cp(s + k + 1, len - k - 1);
    if (cp == 0xFF0C || cp == 0x3002 || cp == 0xFF1B || cp == 0x3001 || cp == 0xFF1A || cp == ',' || cp == ';')
      at = k, cut = k + 1;
  }
  unres_buf b = {0};
  unres_buf_add(&b, s, at);
  unres_buf_add(&b, call, ln_len(L, i));
  unres_buf_add(&b, s + cut, len - cut);
  if (b.status || dm_node_set_literal(L->l[j].text, b.data, b.len) != DM_OK) L->st->failed = 1;
  unres_buf_release(&b);
  dm_node_unlink(L->l[i].text);
}

/* pdftotext may print the short last line of a Chinese paragraph right
 * after its number, before the line it ends ("2." | "约》；" | "敦促...
 * 批准《公" | "3."): the two lines are put back in reading order. */
static void ln_reorder_tails(unres_lines *L) {
  for (size_t i = L->formula == SIZE_MAX ? L->n : L->formula + 1; i + 3 <= L->n; i++) {
    unres_line *a = &L->l[i + 1], *b = &L->l[i + 2];
    if (L->l[i].kind != LN_TEXT || a->kind != LN_TEXT || b->kind != LN_TEXT || a->page != b->page) continue;
    if (!ln_label_alone(ln_s(L, i), ln_len(L, i))) continue;
    const char *as = ln_s(L, i + 1), *bs = ln_s(L, i + 2);
    size_t al = ln_len(L, i + 1), bl = ln_len(L, i + 2);
    if (!dm_unicode_is_cjk(unres_first_cp(bs, bl)) || !ln_ends_clause(as, al) || ln_ends_clause(bs, bl) ||
        ln_cols(as, al) * 3 > ln_cols(bs, bl))
      continue;
    int next_para = i + 3 == L->n || L->l[i + 3].kind != LN_TEXT || L->l[i + 3].page != b->page ||
                    ln_label_alone(ln_s(L, i + 3), ln_len(L, i + 3)) ||
                    ln_meeting_line(ln_s(L, i + 3), ln_len(L, i + 3));
    if (!next_para) continue;
    unres_line t = *a;
    *a = *b;
    *b = t;
  }
}

static void ln_build(unres_lines *L) {
  dm_node *root = dm_doc_root(L->st->doc);
  dm_node *c = dm_node_first_child(root);
  while (c) {
    dm_node *next = dm_node_next(c);
    dm_node_unlink(c);
    c = next;
  }
  ln_out o = {L, NULL, 0, 0, 0, 1, NULL, 0, NULL, 0};
  /* at most one crossing a line */
  L->st->ncross = 0;
  L->st->cross = dm_doc_alloc(L->st->doc, (L->n + 1) * sizeof *L->st->cross);
  if (!L->st->cross) L->st->failed = 1;
  int furn_run = 0;
  for (size_t i = 0; i < L->n && !L->st->failed; i++) {
    unres_line *ln = &L->l[i];
    if (L->has_ff) {
      while (o.page < ln->page) {
        ln_page_break(&o);
        o.page++;
      }
    }
    if (ln->kind == LN_CALL) {
      ln_place_call(L, i);
      continue;
    }
    if (ln->kind == LN_FURN || ln->kind == LN_RULE) {
      /* without form feeds a run of furniture is where a page ends */
      if (!L->has_ff && !furn_run && o.para && i > L->formula && L->formula != SIZE_MAX) ln_page_break(&o);
      furn_run = 1;
      dm_node_unlink(ln->text);
      continue;
    }
    furn_run = 0;
    if (ln->zone) {
      /* a footnote area's lines may lie apart on the page (a number
       * beside paragraph 1, the texts at the foot): it is written out
       * where its last line is */
      size_t last = i, first = i;
      for (size_t k = i + 1; k < L->n && L->l[k].page == ln->page; k++)
        if (L->l[k].zone == ln->zone) last = k;
      if (last != i) continue;
      while (first > 0 && L->l[first - 1].page == ln->page)
        first--;
      ln_close(&o);
      ln_emit_zone(&o, first, i + 1, ln->zone);
      if (!L->has_ff) ln_page_break(&o);
      continue;
    }
    int fresh, glue = 0;
    if (L->formula == SIZE_MAX || i <= L->formula) {
      int j = i == L->formula ? 0 : ln_preface_joins(&o, i);
      fresh = !j;
      glue = j == 2;
    } else if (!o.para && o.body)
      fresh = ln_continue_body(&o, i);
    else if (i == L->formula + 1 || !o.para)
      fresh = 1;
    else
      fresh = ln_starts_para(&o, i, 0);
    if (!fresh && o.para && (glue || ln_memo(L, o.last)->alone))
      ln_add_after_label(&o, i);
    else
      ln_add(&o, i, fresh);
    if (fresh && L->formula != SIZE_MAX && i > L->formula) {
      long v = ln_memo(L, i)->value;
      if (v > 0) o.next_num = v + 1;
    }
    if (i == L->formula) ln_close(&o);
    if (L->formula != SIZE_MAX && i > L->formula) {
      o.body = o.para;
      o.body_last = o.last;
    }
  }
  while (o.brk < L->nbreaks && L->has_ff && o.page + 1 < L->pages) {
    ln_page_break(&o);
    o.page++;
  }
}

/* ---- the pass ------------------------------------------------------------ */

static int ln_cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return x < y ? -1 : x > y;
}

/* The k-th smallest of the n widths in w (what w[k] is once w is sorted),
 * by counting: widths are small, and sorting them was a visible cost. */
static int ln_nth(int *w, size_t n, size_t k) {
  int max = 0;
  for (size_t i = 0; i < n; i++)
    if (w[i] > max) max = w[i];
  size_t *count = calloc((size_t)max + 1, sizeof *count);
  if (!count) {
    qsort(w, n, sizeof *w, ln_cmp_int);
    return w[k];
  }
  for (size_t i = 0; i < n; i++)
    count[w[i]]++;
  int v = 0;
  for (size_t seen = 0; v <= max; v++) {
    seen += count[v];
    if (seen > k) break;
  }
  free(count);
  return v;
}

/* A full line: the 80th percentile of line lengths after the formula. */
static void ln_width(unres_lines *L) {
  size_t from = L->formula == SIZE_MAX ? 0 : L->formula + 1, n = 0;
  int *w = malloc((L->n + 1) * sizeof *w);
  if (!w) return;
  int indented = 0;
  for (size_t i = from; i < L->n; i++) {
    if (L->l[i].kind != LN_TEXT) continue;
    w[n++] = (int)ln_cols(ln_s(L, i), ln_len(L, i));
    if (L->l[i].indent > 6) indented++;
  }
  L->width = n ? ln_nth(w, n, n * 8 / 10) : 80;
  L->layout = n && (size_t)indented * 2 > n;
  free(w);
}

/* The formula's line: "The General Assembly," alone (or without its
 * comma when a clause follows). */
/* Line i without directional controls, into b. */
static void ln_clean_copy(const unres_lines *L, size_t i, unres_buf *b) {
  const unsigned char *s = (const unsigned char *)ln_s(L, i);
  size_t len = ln_len(L, i);
  unres_buf_clear(b);
  for (size_t k = 0; k < len;) {
    size_t next = unres_next_format_char(s, len, k);
    unres_buf_add(b, (const char *)s + k, next - k);
    k = next < len ? next + unres_format_char(s + next, len - next) : len;
  }
  if (!b->data) unres_buf_add(b, "", 0);
}

static size_t ln_find_formula(const unres_lines *L) {
  unres_buf b = {0}, nb = {0};
  size_t found = SIZE_MAX;
  for (size_t i = 0; i < L->n && found == SIZE_MAX; i++) {
    ln_clean_copy(L, i, &b);
    if (b.data && unres_is_formula(b.data, b.len)) found = i;
  }
  /* without its comma the formula is also the body's name in the header
   * ("Генеральная Ассамблея"): only after the number and title, and
   * before a clause */
  int numbered = 0;
  for (size_t i = 0; i + 1 < L->n && found == SIZE_MAX; i++) {
    ln_clean_copy(L, i, &b);
    ln_clean_copy(L, i + 1, &nb);
    if (!b.data || !nb.data) break;
    size_t t;
    char lab[24];
    if (unres_number_title_len(b.data, b.len, &t, 1)) numbered = 1;
    if (!numbered || !unres_is_formula_bare(b.data, b.len)) continue;
    if (unres_lead_line(L->st->lang, nb.data, nb.len) || unres_para_number(nb.data, nb.len, lab) ||
        unres_is_upper_cp(unres_first_cp(nb.data, nb.len)))
      found = i;
  }
  unres_buf_release(&b);
  unres_buf_release(&nb);
  return found;
}

/* Drops directional controls from every line, and lines left empty. */
static int ln_clean_all(unres_lines *L) {
  size_t k = 0, formula = L->formula;
  for (size_t i = 0; i < L->n; i++) {
    if (ln_clean(L->l[i].text) != DM_OK) return DM_ENOMEM;
    if (i == L->formula) formula = k;
    if (!dm_node_literal_len(L->l[i].text)) continue;
    L->l[k++] = L->l[i];
  }
  L->n = k;
  L->formula = formula;
  return DM_OK;
}

int unres_lines_pass(unres_state *st) {
  if (!ln_eligible(st->doc)) return DM_OK;
  unres_lines L;
  memset(&L, 0, sizeof L);
  L.st = st;
  L.formula = SIZE_MAX;
  int rc = ln_collect(&L);
  if (rc == DM_OK && L.n > 0) L.formula = ln_find_formula(&L);
  if (rc == DM_OK && L.n > 0 && L.formula != SIZE_MAX) {
    /* without the formula this is no resolution: the tree stays as the
     * reader made it, and the transform says so */
    rc = ln_clean_all(&L);
    ln_find_symbol(&L);
    ln_find_title(&L);
    ln_furniture(&L);
    ln_width(&L);
    ln_zones(&L);
    ln_reorder_tails(&L);
    ln_build(&L);
    st->lines_done = 1;
    if (st->failed) rc = dm_error(st->ctx, DM_ENOMEM, "out of memory");
  } else if (rc != DM_OK)
    rc = dm_error(st->ctx, DM_ENOMEM, "out of memory");
  free(L.l);
  free(L.breaks);
  unres_buf_release(&L.title_buf);
  return rc;
}
