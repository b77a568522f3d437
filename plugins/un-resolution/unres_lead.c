/* SPDX-License-Identifier: MIT */
/*
 * Lead words: the words that open a preambular clause or an operative
 * paragraph ("Recalling also", "Takes note with appreciation", "回顾",
 * "وإذ تشير"), which the United Nations prints in italic (English, French,
 * Spanish, Russian), bold (Chinese) or bold italic (Arabic). Text taken
 * from a PDF has lost that emphasis, so this pass, run once the document is
 * rebuilt into recitals and paragraphs, finds the lead words of each and
 * wraps them in the emphasis of the language (key lead-style of its data
 * file), unless the input has emphasis of its own there. How far the lead
 * words reach is data as well: words before the verb (lead-before:
 * "Also", "Further", "وإذ"), phrases that are one lead (lead-phrase: "Calls
 * upon", "Bearing in mind"), and words after it (lead-more: "also", "with
 * appreciation"). Without a match in the data, the first word is the lead
 * in languages that separate words with spaces; in Chinese, only a phrase
 * of the data is.
 */
#include <string.h>

#include "unres.h"

/* w at the start of s, case-insensitively; with spaced set, only as a
 * whole word (not followed by a letter). The bytes matched, 0 when none. */
static size_t lead_match(const char *s, size_t len, const char *w, int spaced) {
  size_t n = unres_prefix_ci(s, len, w);
  if (!n || !spaced || n == len) return n;
  uint32_t next;
  dm_utf8_decode((const unsigned char *)s + n, len - n, &next);
  return unres_is_letter(next) ? 0 : n;
}

/* The longest value of list id of d at the start of s; 0 when none. */
static size_t lead_longest(const unres_lang_data *d, unres_list_id id, const char *s, size_t len, int spaced) {
  size_t best = 0, k = 0;
  if (!len) return 0;
  /* a value whose first letter is another cannot match, and the lists
   * are long */
  uint32_t c;
  dm_utf8_decode((const unsigned char *)s, len, &c);
  c = unres_fold_cp(c);
  size_t nf;
  const uint32_t *first = unres_list_firsts(d, id, &nf);
  for (const char *const *list = unres_list(d, id); list && *list; list++, k++) {
    if (k < nf && first[k] != UINT32_MAX && first[k] != c) continue;
    size_t n = lead_match(s, len, *list, spaced);
    if (n > best) best = n;
  }
  return best;
}

/* The longest Chinese adverb of the data (lead-adverb) at the start of s. */
static size_t lead_adverb(const unres_lang_data *d, const char *s, size_t len) {
  size_t best = 0;
  for (const char *const *a = d->lead_adverb; *a; a++) {
    size_t n = lead_match(s, len, *a, 0);
    if (n > best) best = n;
  }
  return best;
}

/* The first word of s: letters, with an apostrophe or hyphen inside. */
static size_t lead_first_word(const char *s, size_t len) {
  size_t i = 0, end = 0;
  while (i < len) {
    uint32_t cp;
    int n = dm_utf8_decode((const unsigned char *)s + i, len - i, &cp);
    if (n <= 0) break;
    if (unres_is_letter(cp)) {
      i += (size_t)n;
      end = i;
    } else if ((cp == '-' || cp == '\'' || cp == 0x2019 || cp == 0x640) && end == i && i > 0) {
      i += (size_t)n; /* kept only when a letter follows */
    } else {
      break;
    }
  }
  return end;
}

/* Words of lead-before (and, in Chinese, lead-adverb) at s[p]: p past
 * them, at most three. */
static size_t lead_skip_before(const unres_lang_data *d, const char *s, size_t len, size_t p, int spaced) {
  for (int round = 0; round < 3; round++) {
    size_t n = lead_longest(d, UNRES_L_BEFORE, s + p, len - p, spaced);
    if (!n && !spaced) n = lead_adverb(d, s + p, len - p);
    if (!n || p + n >= len) break;
    p = spaced ? unres_skip_spaces(s, len, p + n) : p + n;
  }
  return p;
}

/* The lead itself at s: the longest phrase or lead word of the data, or
 * the first word where words are spaced; 0 when none. */
static size_t lead_base(const unres_lang_data *d, const char *s, size_t len, int spaced) {
  size_t n = lead_longest(d, UNRES_L_PHRASE, s, len, spaced);
  size_t w = lead_longest(d, UNRES_L_LEAD, s, len, spaced);
  if (w > n) n = w;
  if (spaced) {
    w = lead_first_word(s, len);
    if (w > n) n = w;
  }
  return n;
}

int unres_lead_extent(unres_lang lang, const char *s, size_t len, size_t *start, size_t *end) {
  const unres_lang_data *d = unres_lang_info(lang);
  if (!d || !d->lead_style[0]) return 0;
  size_t b = unres_skip_spaces(s, len, 0);
  if (b == len) return 0;
  int spaced = !dm_unicode_is_cjk(unres_first_cp(s + b, len - b));
  size_t p = lead_skip_before(d, s, len, b, spaced);
  size_t n = lead_base(d, s + p, len - p, spaced);
  /* a word of lead-before can be the lead itself ("表示" alone) */
  if (!n && p != b) n = lead_base(d, s + (p = b), len - b, spaced);
  if (!n) return 0;
  size_t e = p + n;
  /* a word cut by digits ("تش77ير", a footnote number an extractor put
   * inside it) is no word of the data: nothing is marked */
  if (spaced && e < len && s[e] >= '0' && s[e] <= '9') return 0;
  for (int round = 0; round < 3; round++) {
    size_t q = spaced ? unres_skip_spaces(s, len, e) : e;
    size_t m = lead_longest(d, UNRES_L_MORE, s + q, len - q, spaced);
    if (!m) break;
    e = q + m;
  }
  *start = b;
  *end = e;
  return 1;
}

/* ---- the tree ------------------------------------------------------------ */

static size_t lead_node_len(const dm_node *n) {
  return dm_node_type_of(n) == DM_NODE_TEXT ? dm_node_literal_len(n) : 1;
}

/* Cuts text node t at byte k: t keeps [0, k), the new node after it holds
 * the rest. The new node, NULL when out of memory. */
static dm_node *lead_split(dm_doc *doc, dm_node *t, size_t k) {
  const char *s = dm_node_literal(t);
  size_t len = dm_node_literal_len(t);
  dm_node *rest = dm_node_new_text(doc, s + k, len - k);
  if (!rest || dm_node_insert_after(t, rest) != DM_OK) return NULL;
  dm_node_set_pos(rest, dm_node_pos(t));
  /* s stays valid: literals live in the document's arena */
  return dm_node_set_literal(t, s, k) == DM_OK ? rest : NULL;
}

/* The wrapper of the language's style: "emphasis", "strong" or "strong
 * emphasis" (bold italic); *inner receives the node the words go into. */
static dm_node *lead_wrapper(dm_doc *doc, const char *style, dm_node **inner) {
  int strong = strstr(style, "strong") != NULL, emph = strstr(style, "emphasis") != NULL;
  dm_node *outer = dm_node_new(doc, strong ? DM_NODE_STRONG : DM_NODE_EMPH);
  *inner = outer;
  if (outer && strong && emph) {
    *inner = dm_node_new(doc, DM_NODE_EMPH);
    if (!*inner || dm_node_append_child(outer, *inner) != DM_OK) return NULL;
  }
  return outer;
}

/* Wraps the lead words of paragraph para. */
static int lead_mark(unres_state *st, dm_node *para, const unres_lang_data *d) {
  dm_node *first = dm_node_first_child(para);
  /* emphasis (or a note, a link) of the input's own at the start: kept */
  if (!first || dm_node_type_of(first) != DM_NODE_TEXT) return DM_OK;
  unres_buf b = {0};
  int emph_after = 0; /* the text run ends at emphasis of the input's */
  for (dm_node *c = first; c && b.len < 400; c = dm_node_next(c)) {
    dm_node_type t = dm_node_type_of(c);
    if (t == DM_NODE_TEXT)
      unres_buf_add(&b, dm_node_literal(c), dm_node_literal_len(c));
    else if (t == DM_NODE_SOFTBREAK)
      unres_buf_add(&b, " ", 1);
    else {
      emph_after = t == DM_NODE_EMPH || t == DM_NODE_STRONG;
      break;
    }
  }
  size_t start, end;
  int oom = b.status != DM_OK;
  int found = !oom && b.data && unres_lead_extent(st->lang, b.data, b.len, &start, &end);
  /* lead words that run into the input's own emphasis ("و" before a bold
   * "إذ تشير") are the input's to mark, not ours */
  if (found && emph_after && unres_skip_spaces(b.data, b.len, end) == b.len) found = 0;
  unres_buf_release(&b);
  if (oom) return dm_error(st->ctx, DM_ENOMEM, "out of memory");
  if (!found) return DM_OK;
  /* the node where the lead starts, cut there */
  size_t off = 0;
  dm_node *c = first;
  while (c && start >= off + lead_node_len(c)) {
    off += lead_node_len(c);
    c = dm_node_next(c);
  }
  if (c && start > off) {
    c = lead_split(st->doc, c, start - off);
    off = start;
  }
  /* the node where it ends (always text: the lead ends with a letter) */
  dm_node *last = c;
  while (last && end > off + lead_node_len(last)) {
    off += lead_node_len(last);
    last = dm_node_next(last);
  }
  if (!c || !last) return dm_error(st->ctx, DM_ENOMEM, "out of memory");
  if (end < off + lead_node_len(last) && !lead_split(st->doc, last, end - off))
    return dm_error(st->ctx, DM_ENOMEM, "out of memory");
  dm_node *inner, *outer = lead_wrapper(st->doc, d->lead_style[0], &inner);
  if (!outer || dm_node_insert_before(c, outer) != DM_OK) return dm_error(st->ctx, DM_ENOMEM, "out of memory");
  for (dm_node *n = c;;) {
    dm_node *next = dm_node_next(n);
    dm_node_unlink(n);
    if (dm_node_append_child(inner, n) != DM_OK) return dm_error(st->ctx, DM_ENOMEM, "out of memory");
    if (n == last) break;
    n = next;
  }
  return DM_OK;
}

/* The first paragraph of a clause's div (through an intro before points). */
static dm_node *lead_first_para(dm_node *div) {
  dm_node *c = dm_node_first_child(div);
  while (c && dm_node_type_of(c) == DM_NODE_DIV && dm_node_role(c) == DM_ROLE_INTRO)
    c = dm_node_first_child(c);
  return c && dm_node_type_of(c) == DM_NODE_PARAGRAPH ? c : NULL;
}

int unres_lead_words(unres_state *st) {
  const unres_lang_data *d = unres_lang_info(st->lang);
  if (!d || !d->lead_style[0]) return DM_OK;
  for (dm_node *part = dm_node_first_child(dm_doc_root(st->doc)); part; part = dm_node_next(part)) {
    if (dm_node_type_of(part) != DM_NODE_DIV) continue;
    dm_role want = dm_node_role(part) == DM_ROLE_PREAMBLE    ? DM_ROLE_RECITAL
                   : dm_node_role(part) == DM_ROLE_MAIN_BODY ? DM_ROLE_PARAGRAPH
                                                             : DM_ROLE_NONE;
    if (want == DM_ROLE_NONE) continue;
    for (dm_node *c = dm_node_first_child(part); c; c = dm_node_next(c)) {
      if (dm_node_type_of(c) != DM_NODE_DIV || dm_node_role(c) != want) continue;
      dm_node *para = lead_first_para(c);
      int rc = para ? lead_mark(st, para, d) : DM_OK;
      if (rc != DM_OK) return rc;
    }
  }
  return DM_OK;
}
