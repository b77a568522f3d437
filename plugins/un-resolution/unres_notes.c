/* SPDX-License-Identifier: MIT */
/*
 * Footnotes. A PDF extractor leaves each footnote's text as a paragraph at
 * the bottom of its page, opening with its marker, and the reference as a
 * superscript (or, from pdftotext, as digits glued to the word before). This
 * file pairs them and moves each definition into a DM_NODE_NOTE at its
 * reference, keeping the marker as the note's label. Pairing rests on two
 * facts of UN documents: markers increase through the document, and a
 * page's definitions belong to that page's references; so one forward walk
 * over definitions and references, both in reading order, pairs them, and
 * glued digits that are really numbers ("Goal 8", "A/75/471") are simply
 * never chosen. Whatever stays unpaired stays as text, with a warning.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unres.h"

typedef struct unres_ref {
  dm_node *node;   /* the SUPERSCRIPT, or the TEXT holding the digits */
  size_t off, len; /* the marker's bytes in a TEXT literal; len 0 for a node */
  long value;
  int page;
  int strong; /* 1 a superscript or [^N]; 0 digits glued in text; -1 spaced;
               * -2 glued to a number, the last resort */
  size_t blk;
  dm_node *note; /* the note it becomes, once paired */
} unres_ref;

typedef struct unres_def {
  dm_node *para;  /* the paragraph holding it */
  dm_node *start; /* its first inline (the marker) */
  long value;
  int page;
  size_t blk;
  size_t ref;  /* the paired reference, or SIZE_MAX */
  size_t mlen; /* the marker's bytes when read as the line pass wrote it */
} unres_def;

typedef struct unres_notes_state {
  unres_state *st;
  unres_ref *refs;
  size_t nrefs, capr;
  unres_def *defs;
  size_t ndefs, capd;
  int failed;
  int shift; /* page ends crossed so far inside the block being read */
} unres_notes_state;

static void *unres_grow(void *p, size_t *cap, size_t n, size_t size, int *failed) {
  if (n < *cap) return p;
  size_t c = *cap ? *cap * 2 : 64;
  void *q = realloc(p, c * size);
  if (!q) {
    *failed = 1;
    return p;
  }
  *cap = c;
  return q;
}

/* The number inside a superscript node, or -1. */
static long unres_sup_value(const dm_node *sup) {
  unres_buf t = {0};
  unres_node_text(sup, &t);
  long v = -1;
  if (t.len > 0 && t.len <= 4 && strspn(t.data, "0123456789") == t.len) v = strtol(t.data, NULL, 10);
  unres_buf_release(&t);
  return v;
}

/* ---- definitions ---------------------------------------------------------- */

static void unres_add_def(unres_notes_state *ns, size_t blk, dm_node *para, dm_node *start, long value) {
  ns->defs = unres_grow(ns->defs, &ns->capd, ns->ndefs, sizeof *ns->defs, &ns->failed);
  if (ns->failed) return;
  unres_def *d = &ns->defs[ns->ndefs++];
  d->para = para;
  d->start = start;
  d->value = value;
  d->page = ns->st->blk[blk].page;
  d->blk = blk;
  d->ref = SIZE_MAX;
  d->mlen = 0;
}

/* The line pass writes each footnote it pairs as "N text", one to a
 * paragraph, even when the text opens with a number ("3 2000 Review
 * Conference ..."), which unres_def_marker declines: at the start of such
 * a paragraph the number and its space are the marker. Returns the
 * marker's bytes and its value, 0 when the paragraph is not the line
 * pass's or does not open so. */
static size_t unres_pass_marker(const unres_state *st, const dm_node *para, const dm_node *c, long *value) {
  if (c != dm_node_first_child(para) || dm_node_type_of(c) != DM_NODE_TEXT || !st->lines_done) return 0;
  int mine = 0;
  for (size_t k = 0; k < st->ndefs && !mine; k++)
    mine = st->defs[k] == para;
  const char *s = dm_node_literal(c);
  size_t len = dm_node_literal_len(c), i = 0;
  long v = mine ? unres_digits(s, len, &i, 3) : -1;
  if (v <= 0 || i + 1 >= len || s[i] != ' ') return 0;
  *value = v;
  return i + 1;
}

/* The marker value opening the line that starts at node c, or -1. */
static long unres_line_marker(const unres_state *st, const dm_node *c) {
  if (dm_node_type_of(c) == DM_NODE_SUPERSCRIPT) return unres_sup_value(c);
  if (dm_node_type_of(c) != DM_NODE_TEXT) return -1;
  long v;
  return unres_def_marker(dm_node_literal(c), dm_node_literal_len(c), st->bare, &v) ? v : -1;
}

/* A definition paragraph may hold several definitions, one per line (the
 * plain-text reader keeps a footnote block together): a new one starts at
 * a line opening with the next marker; any other line continues the one
 * before, which is how a definition wrapped over two lines stays one. */
static void unres_collect_defs(unres_notes_state *ns, size_t blk) {
  dm_node *para = ns->st->blk[blk].node;
  long last = -1;
  int line_start = 1;
  for (dm_node *c = dm_node_first_child(para); c; c = dm_node_next(c)) {
    dm_node_type t = dm_node_type_of(c);
    if (t == DM_NODE_SOFTBREAK || t == DM_NODE_LINEBREAK) {
      line_start = 1;
      continue;
    }
    /* the plain-text reader joins CJK lines with no break between them */
    dm_node *prev = dm_node_prev(c);
    if (prev && t == DM_NODE_TEXT && dm_node_type_of(prev) == DM_NODE_TEXT) line_start = 1;
    if (line_start) {
      long v = unres_line_marker(ns->st, c), pv;
      size_t m = v < 0 ? unres_pass_marker(ns->st, para, c, &pv) : 0;
      if (m) v = pv;
      if (v >= 0 && (last < 0 || v == last + 1 || (!ns->st->bare && v > last))) {
        unres_add_def(ns, blk, para, c, v);
        if (m && !ns->failed) ns->defs[ns->ndefs - 1].mlen = m;
        last = v;
      }
    }
    line_start = 0;
  }
}

/* ---- references ----------------------------------------------------------- */

static void unres_add_ref(unres_notes_state *ns, size_t blk, dm_node *node, size_t off, size_t len, long value,
                          int strong) {
  ns->refs = unres_grow(ns->refs, &ns->capr, ns->nrefs, sizeof *ns->refs, &ns->failed);
  if (ns->failed) return;
  unres_ref *r = &ns->refs[ns->nrefs++];
  memset(r, 0, sizeof *r);
  r->node = node;
  r->off = off;
  r->len = len;
  r->value = value;
  r->page = ns->st->blk[blk].page + ns->shift;
  r->strong = strong;
  r->blk = blk;
}

static int unres_is_closing_punct(uint32_t cp) {
  static const uint32_t p[] = {',',    '.',    ';',    ':',    ')',    ']',    '"',    '\'',   0x201D, 0x2019, 0xBB,
                               0x300B, 0x300D, 0xFF09, 0x3001, 0xFF0C, 0x3002, 0xFF1B, 0xFF1A, 0x60C,  0x61B,  0};
  for (size_t i = 0; p[i]; i++)
    if (p[i] == cp) return 1;
  return 0;
}

static int unres_is_han(uint32_t cp) { return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF); }

static int unres_is_word_cp(uint32_t cp) {
  return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
         (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x400 && cp <= 0x4FF) ||
         (cp >= 0x621 && cp <= 0x64A);
}

/* The code point before byte a of s, looking into the previous TEXT
 * sibling when a is 0; 0 when there is none (a line start). */
static uint32_t unres_cp_before(const dm_node *text, const char *s, size_t a, size_t *before_len) {
  if (a > 0) {
    uint32_t cp = dm_utf8_last((const unsigned char *)s, a);
    unsigned char e[4];
    *before_len = (size_t)dm_utf8_encode(cp, e);
    return cp;
  }
  const dm_node *p = dm_node_prev(text);
  *before_len = 0;
  if (!p || dm_node_type_of(p) != DM_NODE_TEXT) return 0;
  return dm_utf8_last((const unsigned char *)dm_node_literal(p), dm_node_literal_len(p));
}

/* Whether digits s[a, b) glued to the text before are a footnote
 * reference in plain text: "Convention1 and", "公约》1", "Development,11". */
static int unres_glued_ref(const dm_node *text, const char *s, size_t len, size_t a, size_t b) {
  if (b - a > 3 || s[a] == '0') return 0;
  uint32_t next = 0;
  if (b < len) dm_utf8_decode((const unsigned char *)s + b, len - b, &next);
  if (next && ((next >= '0' && next <= '9') || unres_is_word_cp(next) || next == '/' || next == '-' ||
               (next == '.' && b + 1 < len && s[b + 1] >= '0' && s[b + 1] <= '9')))
    return 0;
  size_t pl;
  uint32_t prev = unres_cp_before(text, s, a, &pl);
  if (!prev) return 0;
  if (unres_is_han(prev)) return !unres_is_han(next);
  if (unres_is_word_cp(prev)) {
    /* "G20", "A4": a word of one letter is a name, not a word with a mark */
    size_t pl2;
    uint32_t prev2 = a >= pl ? unres_cp_before(text, s, a - pl, &pl2) : 0;
    return unres_is_word_cp(prev2);
  }
  if (unres_is_closing_punct(prev)) {
    size_t pl2;
    uint32_t prev2 = a >= pl ? unres_cp_before(text, s, a - pl, &pl2) : 0;
    int digit_before = prev2 >= '0' && prev2 <= '9';
    if (prev == '.' && digit_before) return 0; /* "8.7" */
    /* "A/75/L.26/Add.1": a symbol's part, not a call */
    if (prev == '.' || prev == '/') {
      size_t w = a;
      while (w > 0 && s[w - 1] != ' ' && s[w - 1] != '(')
        w--;
      if (memchr(s + w, '/', a - w)) return 0;
    }
    if (prev == ',' && digit_before && b - a == 3) return 0; /* "1,000" */
    return 1;
  }
  return 0;
}

/* Whether digits s[a, b) standing apart are a footnote call as PDF
 * extractors leave it ("Criminal Court 1 reaffirms", "Agreement, 3 which",
 * "thereto, 5"): after a word or a closing mark and a space, before a
 * space, a closing mark or the line end, and not the number of what the
 * word before names ("paragraph 3", "resolution 72/4"). */
static int unres_spaced_ref(const unres_state *st, const dm_node *text, const char *s, size_t len, size_t a, size_t b) {
  if (b - a > 3 || s[a] == '0' || a < 2 || s[a - 1] != ' ') return 0;
  if (b < len && !(s[b] == ' ' || s[b] == ',' || s[b] == ';' || s[b] == ')' || (s[b] == '.' && b + 1 == len))) return 0;
  size_t pl;
  uint32_t prev = unres_cp_before(text, s, a - 1, &pl);
  int year = a >= 6 && prev >= '0' && prev <= '9' && (a == 6 || s[a - 6] == ' ');
  if (!(unres_is_word_cp(prev) || unres_is_han(prev) || unres_is_closing_punct(prev) || prev == 0x201D || year))
    return 0;
  /* the word before: a number's noun is listed in the language data */
  size_t e = a - 1, w = e;
  while (w > 0 && s[w - 1] != ' ')
    w--;
  const unres_lang_data *d = unres_lang_info(st->lang);
  for (const char *const *n = d ? d->number_word : NULL; n && *n; n++)
    if (strlen(*n) == e - w && unres_prefix_ci(s + w, e - w, *n) == e - w) return 0;
  /* "1, 2 and 3", "47/19, 48/16": a number in a list; a year before it
   * ("of 12 February 2013 9 in which") or a symbol closed by a mark
   * ("2017/18; 4") is the call's word */
  size_t digits = 0;
  while (w + digits < e && s[w + digits] >= '0' && s[w + digits] <= '9')
    digits++;
  int word_is_year = digits == 4 && (e - w == 4 || (e - w == 5 && s[e - 1] == ','));
  if (digits && !word_is_year && (digits == e - w ? digits <= 3 : s[e - 1] == ',')) return 0;
  /* "11 月 1 日", "5 per cent": a quantity, not a call */
  if (unres_unit_after(st->lang, s + b, len - b)) return 0;
  /* "on 1 November 2018": a date, not a call */
  char iso[11];
  size_t de;
  if (unres_date_at(st->lang, s + a, len - a < 40 ? len - a : 40, 0, iso, &de)) return 0;
  return 1;
}

static void unres_scan_text(unres_notes_state *ns, size_t blk, dm_node *text) {
  static const uint32_t sup[10] = {0x2070, 0xB9, 0xB2, 0xB3, 0x2074, 0x2075, 0x2076, 0x2077, 0x2078, 0x2079};
  const char *s = dm_node_literal(text);
  size_t len = dm_node_literal_len(text);
  size_t i = 0;
  /* Bytes that can start a reference: '[' of "[^1]", the lead bytes of
   * superscript digits, and digits when plain text glues them to words.
   * Everything else is skipped in a tight loop. */
  /* 1: starts a reference in any text; 2: only in plain text (a digit). */
  static const unsigned char starts[256] = {
      ['['] = 1, [0xC2] = 1, [0xE2] = 1, ['0'] = 2, ['1'] = 2, ['2'] = 2, ['3'] = 2,
      ['4'] = 2, ['5'] = 2,  ['6'] = 2,  ['7'] = 2, ['8'] = 2, ['9'] = 2};
  const unsigned char mask = ns->st->bare ? 3 : 1;
  const unsigned char *u = (const unsigned char *)s;
  while (i < len && !ns->failed) {
    while (i < len && !(starts[u[i]] & mask))
      i++;
    if (i >= len) break;
    unsigned char c = (unsigned char)s[i];
    if (c == '[' && i + 3 < len && s[i + 1] == '^') {
      size_t j = i + 2;
      long v = 0;
      while (j < len && s[j] >= '0' && s[j] <= '9' && j < i + 7)
        v = v * 10 + (s[j++] - '0');
      if (j > i + 2 && j < len && s[j] == ']') {
        unres_add_ref(ns, blk, text, i, j + 1 - i, v, 1);
        i = j + 1;
        continue;
      }
    }
    if (c >= 0x80 && c != 0xC2 && c != 0xE2) {
      /* Superscript digits are U+00B9, U+00B2, U+00B3 (lead byte C2) and
       * U+2070..U+2079 (lead byte E2): any other character is skipped whole
       * without decoding, which is most of a Chinese or Arabic text. */
      size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
      i += n < len - i ? n : len - i;
      continue;
    }
    if (c >= 0x80) {
      uint32_t cp;
      int n = dm_utf8_decode((const unsigned char *)s + i, len - i, &cp);
      if (n <= 0) {
        i++;
        continue;
      }
      size_t j = i;
      long v = 0;
      int digits = 0;
      for (;;) {
        uint32_t d;
        int m = j < len ? dm_utf8_decode((const unsigned char *)s + j, len - j, &d) : -1;
        int k = -1;
        for (int q = 0; m > 0 && q < 10; q++)
          if (sup[q] == d) k = q;
        if (k < 0 || digits == 4) break;
        v = v * 10 + k;
        digits++;
        j += (size_t)m;
      }
      if (digits) {
        unres_add_ref(ns, blk, text, i, j - i, v, 1);
        i = j;
      } else
        i += (size_t)n;
      continue;
    }
    if (ns->st->bare && c >= '0' && c <= '9' && (i == 0 || s[i - 1] < '0' || s[i - 1] > '9')) {
      size_t j = i;
      long v = 0;
      /* A run longer than any marker still ends where it ends, but its
       * value stops growing: no overflow, and no marker matches it. */
      while (j < len && s[j] >= '0' && s[j] <= '9') {
        v = v < 100000000 ? v * 10 + (s[j] - '0') : 1000000000;
        j++;
      }
      if (unres_glued_ref(text, s, len, i, j))
        unres_add_ref(ns, blk, text, i, j - i, v, 0);
      else if ((j - i == 5 || j - i == 6) && (s[i] == '1' || s[i] == '2') && (s[i + 1] == '9' || s[i + 1] == '0') &&
               s[i + 4] != '0' && (j == len || !unres_is_word_cp((unsigned char)s[j])) &&
               (i == 0 || s[i - 1] == ' ' || s[i - 1] == '-' || (i >= 3 && !memcmp(s + i - 3, "\xe2\x80\x93", 3)))) {
        /* a call glued to a year ("Tagung 19926,": 1992 and note 6; the
         * end of a period, "2015-20302,": 2030 and note 2); taken only if
         * a definition on the page wants it */
        long t = 0;
        for (size_t q = i + 4; q < j; q++)
          t = t * 10 + (s[q] - '0');
        unres_add_ref(ns, blk, text, i + 4, j - i - 4, t, -1);
      } else if (unres_spaced_ref(ns->st, text, s, len, i, j))
        unres_add_ref(ns, blk, text, i, j - i, v, -1);
      else if (j - i >= 2 && j - i <= 4 && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '/') &&
               (j == len || s[j] == ',' || s[j] == ';' || s[j] == ' ' || s[j] == ')')) {
        /* the last resort: a call glued to a number ("nos 5 et 164,": 16
         * and note 4), for a definition nothing else on its page claims */
        for (size_t q = j - 1; q + 2 >= j && q > i; q--) {
          if (s[q] == '0') continue;
          long t = 0;
          for (size_t r = q; r < j; r++)
            t = t * 10 + (s[r] - '0');
          unres_add_ref(ns, blk, text, q, j - q, t, -2);
        }
      }
      i = j;
      continue;
    }
    i++;
  }
}

/* Reading order through the inlines of a block; notes already made (from
 * "[^1]" in Markdown) are left alone. */
static void unres_collect_refs(unres_notes_state *ns, size_t blk, dm_node *n) {
  for (dm_node *c = dm_node_first_child(n); c && !ns->failed; c = dm_node_next(c)) {
    switch (dm_node_type_of(c)) {
    case DM_NODE_SUPERSCRIPT: {
      long v = unres_sup_value(c);
      if (v >= 0)
        unres_add_ref(ns, blk, c, 0, 0, v, 1);
      else
        unres_collect_refs(ns, blk, c);
      break;
    }
    case DM_NODE_TEXT:
      /* a clause carried on over a page end: its calls after the end are
       * the next page's */
      for (size_t k = 0; k < ns->st->ncross; k++)
        if (ns->st->cross[k] == c) ns->shift++;
      unres_scan_text(ns, blk, c);
      break;
    case DM_NODE_NOTE:
    case DM_NODE_NOTE_REF:
    case DM_NODE_CODE: break;
    default: unres_collect_refs(ns, blk, c); break;
    }
  }
}

/* ---- pairing ---------------------------------------------------------- */

static void unres_pair(unres_notes_state *ns) {
  size_t ptr = 0;
  for (size_t k = 0; k < ns->ndefs; k++) {
    unres_def *d = &ns->defs[k];
    /* references two pages back can no longer be anyone's */
    while (ptr < ns->nrefs && ns->refs[ptr].page + 1 < d->page)
      ptr++;
    /* on the definition's page first, a call that cannot be anything
     * else (a superscript, digits glued to a word) before one standing
     * apart */
    size_t same = SIZE_MAX, any = SIZE_MAX;
    for (size_t j = ptr; j < ns->nrefs && ns->refs[j].page <= d->page; j++) {
      if (ns->refs[j].value != d->value || ns->refs[j].note) continue;
      if (ns->refs[j].strong > -2 && (any == SIZE_MAX || ns->refs[j].strong > ns->refs[any].strong)) any = j;
      if (ns->refs[j].page == d->page && (same == SIZE_MAX || ns->refs[j].strong > ns->refs[same].strong)) same = j;
    }
    size_t j = same != SIZE_MAX ? same : any;
    if (j == SIZE_MAX) continue;
    d->ref = j;
    ns->refs[j].note = (dm_node *)1; /* claimed; the real note comes later */
    ptr = j + 1;
  }
}

/* Moves the inlines of definition k into a new paragraph inside a note. */
static dm_node *unres_make_note(unres_notes_state *ns, size_t k) {
  unres_state *st = ns->st;
  unres_def *d = &ns->defs[k];
  dm_node *end = (k + 1 < ns->ndefs && ns->defs[k + 1].para == d->para) ? ns->defs[k + 1].start : NULL;
  dm_node *note = dm_node_new(st->doc, DM_NODE_NOTE);
  dm_node *p = dm_node_new(st->doc, DM_NODE_PARAGRAPH);
  char label[24];
  snprintf(label, sizeof label, "%ld", d->value);
  if (!note || !p || dm_node_set_label(note, label) != DM_OK || dm_node_append_child(note, p) != DM_OK) return NULL;
  dm_node_set_pos(p, dm_node_pos(d->para));
  dm_node *c = d->start;
  while (c && c != end) {
    dm_node *next = dm_node_next(c);
    if (dm_node_append_child(p, c) != DM_OK) return NULL;
    c = next;
  }
  /* the line break that separated it from the next definition */
  dm_node *tail = dm_node_last_child(p);
  while (tail && (dm_node_type_of(tail) == DM_NODE_SOFTBREAK || dm_node_type_of(tail) == DM_NODE_LINEBREAK)) {
    dm_node_unlink(tail);
    tail = dm_node_last_child(p);
  }
  /* strip the marker */
  dm_node *first = dm_node_first_child(p);
  if (first && dm_node_type_of(first) == DM_NODE_SUPERSCRIPT) {
    dm_node_unlink(first);
    first = dm_node_first_child(p);
    if (first && dm_node_type_of(first) == DM_NODE_TEXT) {
      const char *s = dm_node_literal(first);
      size_t n = dm_node_literal_len(first), b = 0;
      while (b < n && (s[b] == ' ' || s[b] == '\t'))
        b++;
      if (b && dm_node_set_literal(first, s + b, n - b) != DM_OK) return NULL;
    }
  } else if (first && dm_node_type_of(first) == DM_NODE_TEXT) {
    long v;
    const char *s = dm_node_literal(first);
    size_t n = dm_node_literal_len(first);
    size_t m = d->mlen ? d->mlen : unres_def_marker(s, n, 1, &v);
    if (m && dm_node_set_literal(first, s + m, n - m) != DM_OK) return NULL;
  }
  return note;
}

/* Puts the note where reference r is: in place of a superscript node, or
 * into the TEXT node, which is split around the marker. */
static int unres_place(unres_state *st, unres_ref *r, dm_node *node) {
  if (!r->len) {
    if (dm_node_insert_before(r->node, node) != DM_OK) return DM_EINTERNAL;
    dm_node_unlink(r->node);
    return DM_OK;
  }
  const char *s = dm_node_literal(r->node);
  size_t n = dm_node_literal_len(r->node);
  /* a call standing apart ("Court 1 reaffirms") takes its space with it,
   * so the text reads "Court" + note + " reaffirms" */
  if (r->strong == -1 && r->off > 0 && s[r->off - 1] == ' ') {
    r->off--;
    r->len++;
  }
  if (r->off + r->len < n) {
    dm_node *after = dm_node_new_text(st->doc, s + r->off + r->len, n - r->off - r->len);
    if (!after || dm_node_insert_after(r->node, after) != DM_OK) return DM_ENOMEM;
  }
  if (dm_node_insert_after(r->node, node) != DM_OK) return DM_EINTERNAL;
  if (r->off == 0)
    dm_node_unlink(r->node);
  else if (dm_node_set_literal(r->node, s, r->off) != DM_OK)
    return DM_ENOMEM;
  return DM_OK;
}

/* Whether a call right after a comma or semicolon ("Court, 1 and",
 * "Court,1 and") may be a second call of a footnote already placed:
 * digits glued to a word or after a noun are too often numbers to be
 * taken so. */
static int unres_second_call(const unres_ref *r) {
  if ((r->strong != -1 && r->strong != 0) || !r->len || r->off < 2) return 0;
  const char *s = dm_node_literal(r->node);
  size_t k = r->off;
  if (r->strong == -1) {
    if (s[k - 1] != ' ') return 0;
    k--;
  }
  return s[k - 1] == ',' || s[k - 1] == ';';
}

/* Digits in the header lines (agenda items, symbols) are not calls; a
 * superscript there is. */
static void unres_drop_header_refs(unres_notes_state *ns) {
  const unres_state *st = ns->st;
  size_t kept = 0;
  for (size_t j = 0; j < ns->nrefs; j++)
    if (ns->refs[j].strong > 0 || st->formula == SIZE_MAX || ns->refs[j].blk > st->formula)
      ns->refs[kept++] = ns->refs[j];
  ns->nrefs = kept;
}

/* Finds the definitions and calls of every block; Markdown from other
 * tools ("[^N]:" definitions at the end, the calls left in the text as
 * plain digits) is read again as plain text's when nothing else paired. */
static void unres_notes_collect(unres_notes_state *ns) {
  unres_state *st = ns->st;
  for (size_t i = 0; i < st->n && !ns->failed; i++) {
    if (st->blk[i].kind == UNRES_DEF)
      unres_collect_defs(ns, i);
    else if (st->blk[i].kind == UNRES_BODY) {
      ns->shift = 0;
      unres_collect_refs(ns, i, st->blk[i].node);
    }
  }
  unres_drop_header_refs(ns);
  int strong = 0;
  for (size_t j = 0; j < ns->nrefs; j++)
    strong |= ns->refs[j].strong > 0;
  if (st->bare || strong || !ns->ndefs || ns->failed) return;
  st->bare = 1;
  ns->nrefs = 0;
  for (size_t i = 0; i < st->n && !ns->failed; i++)
    if (st->blk[i].kind == UNRES_BODY) {
      ns->shift = 0;
      unres_collect_refs(ns, i, st->blk[i].node);
    }
  unres_drop_header_refs(ns);
}

/* A later reference to a paired marker is a second reference to its
 * note. DM_ENOMEM when a node cannot be made. */
static int unres_second_refs(unres_notes_state *ns) {
  long maxv = 0;
  for (size_t j = 0; j < ns->nrefs; j++)
    if (ns->refs[j].value > maxv && ns->refs[j].value < 100000) maxv = ns->refs[j].value;
  dm_node **by_value = calloc((size_t)maxv + 1, sizeof *by_value);
  if (!by_value) return DM_ENOMEM;
  for (size_t j = 0; j < ns->nrefs; j++) {
    unres_ref *r = &ns->refs[j];
    if (r->note) {
      if (r->value <= maxv) by_value[r->value] = r->note;
    } else if ((r->strong > 0 || unres_second_call(r)) && r->value <= maxv && by_value[r->value]) {
      dm_node *ref = dm_node_new(ns->st->doc, DM_NODE_NOTE_REF);
      if (!ref || dm_node_set_label(ref, dm_node_label(by_value[r->value])) != DM_OK ||
          dm_node_set_note_target(ref, by_value[r->value]) != DM_OK) {
        free(by_value);
        return DM_ENOMEM;
      }
      r->note = ref;
    }
  }
  free(by_value);
  return DM_OK;
}

/* Definitions left over stay in the text, their paragraphs body; emptied
 * definition paragraphs go; blocks that gave up a marker or a definition
 * get their text anew. */
static int unres_notes_leftovers(unres_state *st, unres_notes_state *ns) {
  for (size_t k = 0; k < ns->ndefs; k++) {
    unres_def *d = &ns->defs[k];
    if (d->ref != SIZE_MAX) continue;
    dm_warn(st->ctx, DM_DIAG_NOTE_UNUSED, dm_node_pos(d->para),
            "footnote %ld is never referenced on its page; kept as text", d->value);
    st->blk[d->blk].kind = UNRES_BODY;
  }
  for (size_t i = 0; i < st->n; i++) {
    unres_blk *b = &st->blk[i];
    if (b->kind == UNRES_DEF) {
      if (!dm_node_first_child(b->node)) {
        dm_node_unlink(b->node);
        b->kind = UNRES_GONE;
      } else
        b->kind = UNRES_BODY; /* something that was not a definition is left */
    }
  }
  for (size_t j = 0; j < ns->nrefs; j++)
    st->blk[ns->refs[j].blk].dirty = 1;
  for (size_t k = 0; k < ns->ndefs; k++)
    st->blk[ns->defs[k].blk].dirty = 1;
  for (size_t i = 0; i < st->n; i++)
    if (st->blk[i].dirty) {
      if (st->blk[i].kind == UNRES_BODY) unres_retext(st, i);
      st->blk[i].dirty = 0;
    }
  return st->text.status ? dm_error(st->ctx, DM_ENOMEM, "out of memory") : DM_OK;
}

int unres_notes(unres_state *st) {
  unres_notes_state ns = {st, NULL, 0, 0, NULL, 0, 0, 0, 0};
  unres_notes_collect(&ns);
  int rc = DM_OK;
  if (ns.failed) {
    rc = dm_error(st->ctx, DM_ENOMEM, "out of memory");
    goto out;
  }
  unres_pair(&ns);
  /* The notes limit bounds the notes of a document, however they were
   * found: counted before any is made, so that a refused document is not
   * left half-transformed. */
  uint64_t paired = 0, max_notes = dm_ctx_limits(st->ctx).max_notes;
  for (size_t k = 0; k < ns.ndefs; k++)
    if (ns.defs[k].ref != SIZE_MAX && ++paired > max_notes) {
      rc = dm_error_at(st->ctx, DM_ELIMIT, dm_node_pos(ns.defs[k].para), "more notes than the limit of %llu",
                       (unsigned long long)max_notes);
      goto out;
    }
  /* notes first (they take inlines out of definition paragraphs), then
   * references from the last, so that splitting a TEXT node never moves a
   * reference not yet placed */
  for (size_t k = 0; k < ns.ndefs; k++) {
    unres_def *d = &ns.defs[k];
    if (d->ref == SIZE_MAX) continue;
    dm_node *note = unres_make_note(&ns, k);
    if (!note) {
      rc = dm_error(st->ctx, DM_ENOMEM, "out of memory");
      goto out;
    }
    ns.refs[d->ref].note = note;
  }
  if (unres_second_refs(&ns) != DM_OK) {
    rc = dm_error(st->ctx, DM_ENOMEM, "out of memory");
    goto out;
  }
  for (size_t j = ns.nrefs; j-- > 0;) {
    unres_ref *r = &ns.refs[j];
    if (!r->note) {
      if (r->strong > 0)
        dm_warn(st->ctx, DM_DIAG_NOTE_UNDEFINED, dm_node_pos(st->blk[r->blk].node),
                "footnote reference %ld has no definition on its page; kept as text", r->value);
      continue;
    }
    if ((rc = unres_place(st, r, r->note)) != DM_OK) {
      rc = dm_error(st->ctx, rc, "cannot place footnote %ld", r->value);
      goto out;
    }
  }
  rc = unres_notes_leftovers(st, &ns);
out:
  free(ns.refs);
  free(ns.defs);
  return rc;
}
