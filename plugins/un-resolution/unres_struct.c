/* SPDX-License-Identifier: MIT */
/*
 * The structure of a resolution, rebuilt from the flat block sequence: the
 * header lines before the opening formula become the preface (with spans on
 * the body, distribution, session, agenda item, adoption date, report,
 * number and title), the formula and the clauses after it the preamble, the
 * numbered paragraphs with their lettered points the main body, and the
 * closing date and meeting the conclusions. The same facts fill the
 * document's metadata. Unknown blocks stay where they were found.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unres.h"

static int unres_is_struct_text(const unres_state *st, size_t i) { return st->blk[i].kind == UNRES_BODY; }

size_t unres_find_formula(const unres_state *st, int *numbered_after) {
  *numbered_after = 0;
  size_t f = SIZE_MAX;
  int titled = 0;
  for (size_t i = 0; i < st->n; i++) {
    if (!unres_is_struct_text(st, i)) continue;
    const char *s = unres_blk_text(st, i);
    size_t len = st->blk[i].text_len;
    if (f == SIZE_MAX) {
      size_t t;
      if (unres_number_title_len(s, len, &t, 1)) titled = 1;
      /* without its comma the formula is also the body's name in the
       * header: only after the number and title */
      if (!st->blk[i].label[0] && (unres_is_formula(s, len) || (titled && unres_is_formula_bare(s, len)))) f = i;
      continue;
    }
    char lab[16];
    if (st->blk[i].label[0] || unres_para_number(s, len, lab)) {
      *numbered_after = 1;
      break;
    }
  }
  return f;
}

/* ---- spans ------------------------------------------------------------- */

/* Wraps bytes [a, b) of a TEXT node into a span of class cls, splitting the
 * node around it. Returns the span, or NULL when out of memory. */
static dm_node *unres_wrap(unres_state *st, dm_node *text, size_t a, size_t b, const char *cls) {
  const char *s = dm_node_literal(text);
  size_t n = dm_node_literal_len(text);
  dm_node *span = dm_node_new(st->doc, DM_NODE_SPAN);
  dm_node *inner = dm_node_new_text(st->doc, s + a, b - a);
  if (!span || !inner || dm_node_set_class(span, cls) != DM_OK || dm_node_append_child(span, inner) != DM_OK)
    return NULL;
  if (b < n) {
    dm_node *after = dm_node_new_text(st->doc, s + b, n - b);
    if (!after || dm_node_insert_after(text, after) != DM_OK) return NULL;
  }
  if (dm_node_insert_after(text, span) != DM_OK) return NULL;
  if (a == 0)
    dm_node_unlink(text);
  else if (dm_node_set_literal(text, s, a) != DM_OK)
    return NULL;
  return span;
}

typedef enum unres_find {
  UNRES_F_BODY,
  UNRES_F_SESSION,
  UNRES_F_AGENDA,
  UNRES_F_DATE,
  UNRES_F_REPORT,
  UNRES_F_MEETING,
  UNRES_F_COMMITTEE,
  UNRES_F_STATUS
} unres_find;

static int unres_find_report(const char *s, size_t len, size_t *a, size_t *b) {
  for (size_t i = 0; i + 4 < len; i++) {
    if (s[i] != 'A' || s[i + 1] != '/' ||
        (i > 0 && s[i - 1] != ' ' && s[i - 1] != '(' && s[i - 1] != '[' && s[i - 1] != 0x20 &&
         (unsigned char)s[i - 1] < 0x80))
      continue;
    size_t j = i + 2;
    if (!(s[j] >= '0' && s[j] <= '9')) continue;
    while (j < len && ((s[j] >= '0' && s[j] <= '9') || s[j] == '/' || s[j] == '.' || (s[j] >= 'A' && s[j] <= 'Z') ||
                       (s[j] >= 'a' && s[j] <= 'z')))
      j++;
    while (j > i && (s[j - 1] == '.' || s[j - 1] == '/'))
      j--;
    *a = i;
    *b = j;
    return 1;
  }
  return 0;
}

/* The Main Committee whose report the resolution was adopted on (key
 * "committee" of every language: "Third Committee", "第三委员会"). */
static int unres_find_committee(const char *s, size_t len, size_t *a, size_t *b) {
  for (int l = 1; l <= unres_lang_count(); l++)
    for (const char *const *c = unres_lang_info((unres_lang)l)->committee; *c; c++) {
      size_t at = unres_find_ci(s, len, *c);
      if (at == SIZE_MAX) continue;
      *a = at;
      *b = at + unres_prefix_ci(s + at, len - at, *c);
      return 1;
    }
  return 0;
}

static int unres_find_status(const char *s, size_t len, size_t *a, size_t *b) {
  for (size_t i = 0; i + 6 < len; i++) {
    if (memcmp(s + i, "Distr.", 6) != 0) continue;
    size_t j = i + 6;
    while (j < len && (s[j] == ':' || s[j] == ' '))
      j++;
    size_t e = j;
    while (e < len && s[e] != ' ' && s[e] != '\n' && s[e] != '\t')
      e++;
    if (e == j) return 0;
    *a = j;
    *b = e;
    return 1;
  }
  return 0;
}

/* Runs finder f on s in the document's language, then in the others (the
 * Chinese seed prints its distribution date in English). */
static int unres_run_find(unres_state *st, unres_find f, const char *s, size_t len, size_t *a, size_t *b,
                          char iso[11]) {
  switch (f) {
  case UNRES_F_BODY: return unres_find_body(s, len, a, b);
  case UNRES_F_AGENDA: return unres_find_agenda(s, len, a, b);
  case UNRES_F_REPORT: return unres_find_report(s, len, a, b);
  case UNRES_F_MEETING: return unres_find_meeting(s, len, a, b);
  case UNRES_F_COMMITTEE: return unres_find_committee(s, len, a, b);
  case UNRES_F_STATUS: return unres_find_status(s, len, a, b);
  case UNRES_F_SESSION:
  case UNRES_F_DATE:
    for (int l = 0; l <= unres_lang_count(); l++) {
      unres_lang lang = l == 0 ? st->lang : (unres_lang)l;
      if (l && lang == st->lang) continue;
      int v = f == UNRES_F_SESSION ? unres_find_session(lang, s, len, a, b) : unres_find_date(lang, s, len, iso, a, b);
      if (v) return v;
    }
    return 0;
  }
  return 0;
}

/* Finds f in the TEXT nodes of block node n and wraps the first match in a
 * span. Returns the finder's value (0 when not found); the span in *span. */
static int unres_span_find(unres_state *st, dm_node *n, unres_find f, const char *cls, char iso[11], dm_node **span) {
  for (dm_node *c = dm_node_first_child(n); c; c = dm_node_next(c)) {
    dm_node_type t = dm_node_type_of(c);
    if (t == DM_NODE_NOTE || t == DM_NODE_NOTE_REF || t == DM_NODE_SPAN) continue;
    if (t != DM_NODE_TEXT) {
      int v = unres_span_find(st, c, f, cls, iso, span);
      if (v) return v;
      continue;
    }
    size_t a, b;
    int v = unres_run_find(st, f, dm_node_literal(c), dm_node_literal_len(c), &a, &b, iso);
    if (!v) continue;
    *span = unres_wrap(st, c, a, b, cls);
    if (!*span) st->failed = 1;
    return v;
  }
  return 0;
}

/* The literal of a span's text, for metadata. */
static const char *unres_span_text(const dm_node *span) {
  const dm_node *c = span ? dm_node_first_child(span) : NULL;
  return c ? dm_node_literal(c) : "";
}

/* Sets a metadata value with runs of spaces inside CJK text removed ("大 会"
 * is the heading's letter-spacing) and line breaks made spaces. */
static void unres_meta(unres_state *st, const char *key, const char *s, size_t len) {
  dm_buf b = DM_BUF_INIT;
  size_t i = 0;
  while (i < len && (s[i] == ' ' || s[i] == '\n'))
    i++;
  while (len > i && (s[len - 1] == ' ' || s[len - 1] == '\n'))
    len--;
  uint32_t prev = 0;
  while (i < len) {
    uint32_t cp;
    int n = dm_utf8_decode((const unsigned char *)s + i, len - i, &cp);
    if (n <= 0) n = 1;
    if (cp == ' ' || cp == '\n') {
      size_t j = i;
      while (j < len && (s[j] == ' ' || s[j] == '\n'))
        j++;
      uint32_t next = unres_first_cp(s + j, len - j);
      if (!(dm_unicode_is_cjk(prev) && dm_unicode_is_cjk(next))) dm_buf_append(&b, " ", 1);
      i = j;
      continue;
    }
    dm_buf_append(&b, s + i, (size_t)n);
    prev = cp;
    i += (size_t)n;
  }
  if (b.status || dm_doc_set_meta(st->doc, key, b.data ? b.data : "") != DM_OK) st->failed = 1;
  dm_buf_release(&b);
}

/* "75/158. Title" (or "75/158 - Title"): the byte length of the number,
 * and the start of the title; 0 when the text does not open that way. */
size_t unres_number_title_len(const char *s, size_t len, size_t *title, int alone) {
  size_t i = 0;
  while (i < len && s[i] == ' ')
    i++;
  size_t b = i;
  while (i < len && s[i] >= '0' && s[i] <= '9')
    i++;
  if (i == b || i - b > 3 || i >= len || s[i] != '/') return 0;
  i++;
  size_t c = i;
  while (i < len && s[i] >= '0' && s[i] <= '9')
    i++;
  if (i == c || i - c > 4) return 0;
  size_t end = i;
  while (i < len && s[i] == ' ')
    i++;
  if (i < len && (s[i] == '.' || s[i] == '-'))
    i++;
  else if (i + 3 <= len && memcmp(s + i, "\xe2\x80\x93", 3) == 0)
    i += 3;
  else
    return 0;
  while (i < len && (s[i] == ' ' || s[i] == '\n'))
    i++;
  if (i >= len && !alone) return 0;
  *title = i;
  return end;
}

/* "75/158. Title": the number and title into the metadata (the number
 * also into number), and spans on them. Returns 1 when block n opened so. */
static int unres_preface_title(unres_state *st, dm_node *n, const char *s, size_t len, char *number,
                               size_t number_size) {
  size_t title;
  size_t numlen = unres_number_title_len(s, len, &title, 0);
  if (!numlen) return 0;
  size_t nb = 0;
  while (s[nb] == ' ')
    nb++;
  snprintf(number, number_size, "%.*s", (int)(numlen - nb), s + nb);
  unres_meta(st, DM_META_NUMBER, number, strlen(number));
  unres_meta(st, DM_META_TITLE, s + title, len - title);
  /* spans when the first TEXT node holds the number and the title's start */
  dm_node *t = dm_node_first_child(n);
  if (t && dm_node_type_of(t) == DM_NODE_TEXT && dm_node_literal_len(t) > title) {
    dm_node *num = unres_wrap(st, t, nb, numlen, "docNumber");
    dm_node *rest = num ? dm_node_next(num) : NULL;
    if (rest && dm_node_type_of(rest) == DM_NODE_TEXT) {
      size_t off = title - numlen;
      dm_node *ts = unres_wrap(st, rest, off, dm_node_literal_len(rest), "docTitle");
      /* a title wrapped over lines: the following inlines belong too */
      while (ts && dm_node_next(ts))
        dm_node_append_child(ts, dm_node_next(ts));
    }
  }
  return 1;
}

static void unres_preface(unres_state *st, size_t end, char *number, size_t number_size) {
  char iso[11];
  dm_node *span = NULL;
  int have_body = 0, have_status = 0, have_session = 0, have_agenda = 0, have_ddate = 0, have_adopt = 0,
      have_report = 0, have_title = 0, want_agenda_title = 0;
  for (size_t i = 0; i < end && !st->failed; i++) {
    if (st->blk[i].kind != UNRES_BODY) continue;
    dm_node *n = st->blk[i].node;
    const char *s = unres_blk_text(st, i);
    size_t len = st->blk[i].text_len;
    int used = 0;
    if (want_agenda_title) {
      want_agenda_title = 0;
      size_t a, b;
      if (!unres_find_date(st->lang, s, len, iso, &a, &b) && !unres_is_adoption_line(s, len)) {
        unres_meta(st, DM_META_AGENDA_TITLE, s, len);
        continue;
      }
    }
    if (!have_body && unres_span_find(st, n, UNRES_F_BODY, "docAuthority", iso, &span)) {
      have_body = used = 1;
      unres_meta(st, DM_META_BODY, unres_span_text(span), strlen(unres_span_text(span)));
    }
    if (!have_status && unres_span_find(st, n, UNRES_F_STATUS, "docStatus", iso, &span)) {
      have_status = used = 1;
      unres_meta(st, DM_META_DISTRIBUTION, unres_span_text(span), strlen(unres_span_text(span)));
    }
    if (!have_session) {
      int v = unres_span_find(st, n, UNRES_F_SESSION, "session", iso, &span);
      if (v) {
        char num[16];
        snprintf(num, sizeof num, "%d", v);
        have_session = used = 1;
        if (dm_node_set_attr(span, "value", num) != DM_OK) st->failed = 1;
        unres_meta(st, DM_META_SESSION, num, strlen(num));
      }
    }
    if (!have_agenda) {
      int v = unres_span_find(st, n, UNRES_F_AGENDA, "docketNumber", iso, &span);
      if (v) {
        char num[16];
        snprintf(num, sizeof num, "%d", v);
        have_agenda = used = 1;
        if (dm_node_set_attr(span, "value", num) != DM_OK) st->failed = 1;
        unres_meta(st, DM_META_AGENDA_ITEM, num, strlen(num));
        /* the title is the rest of the block, or the next block */
        size_t a, b;
        const char *nl = unres_find_agenda(s, len, &a, &b) ? memchr(s + b, '\n', len - b) : NULL;
        if (nl) {
          const char *e = memchr(nl + 1, '\n', len - (size_t)(nl + 1 - s));
          unres_meta(st, DM_META_AGENDA_TITLE, nl + 1, (size_t)((e ? e : s + len) - (nl + 1)));
        } else
          want_agenda_title = 1;
      }
    }
    if (!have_adopt && unres_is_adoption_line(s, len)) {
      size_t a, b;
      if (unres_span_find(st, n, UNRES_F_DATE, "docDate", iso, &span)) {
        have_adopt = used = 1;
        if (dm_node_set_attr(span, "date", iso) != DM_OK) st->failed = 1;
        unres_meta(st, DM_META_DATE, iso, strlen(iso));
      } else if (unres_run_find(st, UNRES_F_DATE, s, len, &a, &b, iso)) {
        /* a date cut by a line break ("le 15" / "novembre 2021") spans two
         * text nodes: the metadata still gets it */
        have_adopt = used = 1;
        unres_meta(st, DM_META_DATE, iso, strlen(iso));
      }
    } else if (!have_ddate && !have_adopt && !have_title) {
      if (unres_span_find(st, n, UNRES_F_DATE, "docDate", iso, &span)) {
        have_ddate = used = 1;
        if (dm_node_set_attr(span, "date", iso) != DM_OK) st->failed = 1;
        unres_meta(st, DM_META_DISTRIBUTION_DATE, iso, strlen(iso));
      }
    }
    if (!have_report && memchr(s, '[', len)) {
      if (unres_span_find(st, n, UNRES_F_REPORT, "ref", iso, &span)) {
        have_report = used = 1;
        const char *r = unres_span_text(span);
        if (dm_node_set_attr(span, "href", r) != DM_OK) st->failed = 1;
        unres_meta(st, DM_META_REPORT, r, strlen(r));
        unres_span_find(st, n, UNRES_F_COMMITTEE, "docProponent", iso, &span);
      }
    }
    if (!have_title && !used) have_title = unres_preface_title(st, n, s, len, number, number_size);
  }
}

/* ---- the parts --------------------------------------------------------- */

/* Removes a printed number or point label from the paragraph's first TEXT
 * node; the div's label carries it now. */
static void unres_strip_prefix(unres_state *st, dm_node *para, size_t n) {
  dm_node *t = dm_node_first_child(para);
  if (!t || dm_node_type_of(t) != DM_NODE_TEXT || dm_node_literal_len(t) < n) return;
  if (dm_node_set_literal(t, dm_node_literal(t) + n, dm_node_literal_len(t) - n) != DM_OK) st->failed = 1;
}

static dm_node *unres_div(unres_state *st, dm_node *parent, dm_role role, const char *label) {
  dm_node *d = dm_node_new_div(st->doc, role, label);
  if (!d || dm_node_append_child(parent, d) != DM_OK) {
    st->failed = 1;
    return NULL;
  }
  return d;
}

static void unres_move(unres_state *st, dm_node *parent, dm_node *n) {
  if (!parent || dm_node_append_child(parent, n) != DM_OK) st->failed = 1;
}

/* The first numbered paragraph after the formula (st->n when none). */
static size_t unres_first_numbered(const unres_state *st, size_t formula) {
  for (size_t i = formula + 1; i < st->n; i++) {
    if (st->blk[i].kind != UNRES_BODY) continue;
    char lab[16];
    if (st->blk[i].label[0] || unres_para_number(unres_blk_text(st, i), st->blk[i].text_len, lab)) return i;
  }
  return st->n;
}

/* Whether the first line of block i is an annex heading (the line pass
 * may have joined the heading to the text under it). */
static int unres_annex_line(const unres_state *st, size_t i) {
  const char *s = unres_blk_text(st, i);
  const char *nl = memchr(s, '\n', st->blk[i].text_len);
  return unres_is_annex_heading(s, nl ? (size_t)(nl - s) : st->blk[i].text_len);
}

/* The heading of an annex after the operative paragraphs ("Annex",
 * "Annexe A"): its block, st->n when there is none. */
static size_t unres_find_annex(const unres_state *st, size_t first_num) {
  for (size_t i = first_num + 1; i < st->n; i++) {
    const unres_blk *b = &st->blk[i];
    if (b->kind == UNRES_BODY && !b->label[0] && unres_annex_line(st, i)) return i;
  }
  return st->n;
}

/* A heading over the operative part ("Measures" in S/RES/2611 (2021)):
 * short lines without a clause's closing punctuation just before the first
 * numbered paragraph, after a clause that ended with a comma. They belong
 * to the main body, not the preamble. Returns where the main body starts. */
static size_t unres_operative_start(const unres_state *st, size_t formula, size_t first_num) {
  size_t start = first_num;
  for (size_t i = first_num; i-- > formula + 1;) {
    const unres_blk *b = &st->blk[i];
    if (b->kind == UNRES_GONE || b->kind == UNRES_BREAK || b->kind == UNRES_FURNITURE || b->kind == UNRES_DEF) continue;
    const char *s = unres_blk_text(st, i);
    if (b->kind != UNRES_BODY || b->text_len > 120 || memchr(s, '\n', b->text_len)) break;
    if (unres_ends_comma(s, b->text_len) || unres_ends_sentence(s, b->text_len) || unres_starts_lower(s, b->text_len))
      break;
    start = i;
  }
  /* only a heading after a clause: a preamble of one unpunctuated line is
   * still a preamble */
  for (size_t i = start; i-- > formula + 1;) {
    const unres_blk *b = &st->blk[i];
    if (b->kind != UNRES_BODY) continue;
    return unres_ends_comma(unres_blk_text(st, i), b->text_len) ? start : first_num;
  }
  return first_num;
}

/* The conclusions: the closing lines (meeting, date) after the last
 * paragraph, before end (an annex, or the end). Returns their first
 * block, end when there are none. */
static size_t unres_find_conclusions(const unres_state *st, size_t first_num, size_t end) {
  size_t concl = end;
  for (size_t i = end; i-- > first_num + 1;) {
    const unres_blk *b = &st->blk[i];
    if (b->kind == UNRES_GONE || b->kind == UNRES_BREAK || b->kind == UNRES_FURNITURE) continue;
    if (b->kind != UNRES_BODY || b->label[0]) break;
    const char *s = unres_blk_text(st, i);
    char iso[11], lab[24];
    size_t a, e;
    if (unres_para_number(s, b->text_len, lab) || unres_point_label(s, b->text_len, lab)) break;
    int ok = unres_find_meeting(s, b->text_len, &a, &e) > 0;
    for (int l = 1; !ok && l <= unres_lang_count(); l++)
      ok = unres_find_date((unres_lang)l, s, b->text_len, iso, &a, &e);
    if (!ok) break;
    concl = i;
  }
  return concl;
}

/* Skips spaces and the directional controls an extractor puts around
 * right-to-left runs ("‫)‪S/RES/2608 (2021‬‬"). */
static size_t unres_skip_format(const char *s, size_t len, size_t i) {
  for (;;) {
    size_t n = i < len ? unres_format_char((const unsigned char *)s + i, len - i) : 0;
    if (n)
      i += n;
    else if (i < len && s[i] == ' ')
      i++;
    else
      return i;
  }
}

size_t unres_find_symbol(const char *s, size_t len, char *out, size_t cap) {
  for (size_t k = 0; k + 7 < len; k++) {
    if ((s[k] != 'A' && s[k] != 'S') || memcmp(s + k + 1, "/RES/", 5) != 0) continue;
    if (k > 0 && ((s[k - 1] >= 'A' && s[k - 1] <= 'Z') || (s[k - 1] >= 'a' && s[k - 1] <= 'z'))) continue;
    size_t e = k + 6;
    if (s[k] == 'A') {
      /* A/RES/75/158: session and number */
      while (e < len && ((s[e] >= '0' && s[e] <= '9') || s[e] == '/'))
        e++;
      while (e > k + 6 && s[e - 1] == '/')
        e--;
      if (e == k + 6 || e - k >= cap) continue;
      snprintf(out, cap, "%.*s", (int)(e - k), s + k);
      return k + 1;
    }
    /* S/RES/2611 (2021): the number, then the year in brackets, which a
     * right-to-left line may print reversed or without its brackets */
    long num = unres_digits(s, len, &e, 5);
    if (num <= 0) continue;
    e = unres_skip_format(s, len, e);
    /* "(2021)", ")2021(" or ")(2021": the brackets in any order */
    for (int b = 0; b < 2 && e < len && (s[e] == '(' || s[e] == ')'); b++)
      e = unres_skip_format(s, len, e + 1);
    long year = unres_digits(s, len, &e, 4);
    if (year >= 1946 && year <= 2199)
      snprintf(out, cap, "S/RES/%ld (%ld)", num, year);
    else
      snprintf(out, cap, "S/RES/%ld", num);
    return k + 1;
  }
  return 0;
}

/* The symbol, from the preface or the running heads ("A/RES/75/158",
 * "S/RES/2611 (2021)"), else from the number before the title; sets the
 * symbol, number and issuing body's metadata. Returns 1 when found. */
static int unres_set_symbol(unres_state *st, size_t formula, const char *number) {
  char symbol[48] = "";
  for (size_t i = 0; i < st->n && !symbol[0]; i++) {
    if (st->blk[i].kind != UNRES_FURNITURE && (st->blk[i].kind != UNRES_BODY || i >= formula)) continue;
    unres_find_symbol(unres_blk_text(st, i), st->blk[i].text_len, symbol, sizeof symbol);
  }
  /* the running heads the line pass took away */
  if (!symbol[0] && st->symbol[0]) snprintf(symbol, sizeof symbol, "%s", st->symbol);
  if (!symbol[0] && number[0]) snprintf(symbol, sizeof symbol, "A/RES/%s", number);
  if (!symbol[0]) return 0;
  unres_meta(st, DM_META_SYMBOL, symbol, strlen(symbol));
  /* a Security Council resolution is numbered "2611 (2021)" */
  if (symbol[0] == 'S' && !number[0]) unres_meta(st, DM_META_NUMBER, symbol + 6, strlen(symbol + 6));
  if (dm_doc_set_meta(st->doc, DM_META_BODY_ID, symbol[0] == 'S' ? "un-sc" : "un-ga") != DM_OK) st->failed = 1;
  return 1;
}

/* Where the operative part is being built: the paragraph and the open
 * points, innermost last. */
typedef struct unres_ops {
  dm_node *main_body, *para;
  dm_node *points[8];
  char kinds[8];
  int depth;
  char prev_letter[24];
} unres_ops;

/* A lettered (or roman, or numbered) point: nested under the latest
 * point of another kind, beside the latest of its own. */
static void unres_place_point(unres_state *st, unres_ops *o, dm_node *node, const char *lab, size_t n) {
  char kind = unres_point_kind(lab, o->prev_letter[0] ? o->prev_letter : NULL);
  int at = o->depth;
  for (int k = o->depth; k-- > 0;)
    if (o->kinds[k] == kind) {
      at = k;
      break;
    }
  if (at == o->depth && o->depth == 8) at = o->depth - 1;
  o->depth = at;
  dm_node *parent = o->depth ? o->points[o->depth - 1] : o->para;
  unres_strip_prefix(st, node, n);
  dm_node *pt = unres_div(st, parent, DM_ROLE_POINT, lab);
  unres_move(st, pt, node);
  o->points[o->depth] = pt;
  o->kinds[o->depth] = kind;
  o->depth++;
  if (kind == 'a') snprintf(o->prev_letter, sizeof o->prev_letter, "%s", lab);
}

/* One block of the operative part: a numbered paragraph, a point, or the
 * continuation of the latest of them. */
static void unres_place_operative(unres_state *st, unres_ops *o, size_t i) {
  unres_blk *b = &st->blk[i];
  const char *s = unres_blk_text(st, i);
  dm_node *current = o->depth ? o->points[o->depth - 1] : o->para ? o->para : o->main_body;
  char lab[24];
  size_t n = 0;
  if (b->kind != UNRES_BODY || dm_node_type_of(b->node) != DM_NODE_PARAGRAPH) {
    unres_move(st, current, b->node);
  } else if (b->label[0] || (n = unres_para_number(s, b->text_len, lab)) > 0) {
    if (!b->label[0]) unres_strip_prefix(st, b->node, n);
    o->para = unres_div(st, o->main_body, DM_ROLE_PARAGRAPH, b->label[0] ? b->label : lab);
    o->depth = 0;
    o->prev_letter[0] = '\0';
    unres_move(st, o->para, b->node);
  } else if (o->para && (n = unres_point_label(s, b->text_len, lab)) > 0) {
    unres_place_point(st, o, b->node, lab, n);
  } else {
    unres_move(st, current, b->node);
  }
}

/* A block of an annex: a heading of its own ("Annexe B") starts over, the
 * rest is numbered paragraphs and points as in the operative part. The
 * annex div is made at the first block. */
static void unres_place_annex(unres_state *st, unres_ops *o, dm_node **annex, size_t i) {
  unres_blk *b = &st->blk[i];
  if (!*annex) {
    *annex = dm_node_new_div(st->doc, DM_ROLE_COMPONENT, NULL);
    if (!*annex || dm_node_set_class(*annex, "annex") != DM_OK) {
      st->failed = 1;
      return;
    }
    o->main_body = *annex;
  }
  if (b->kind == UNRES_BODY && !b->label[0] && unres_annex_line(st, i)) {
    o->para = NULL;
    o->depth = 0;
    unres_move(st, *annex, b->node);
    return;
  }
  unres_place_operative(st, o, i);
}

/* A block of the conclusions: its date and meeting become spans and
 * metadata. */
static void unres_place_conclusion(unres_state *st, dm_node *conclusions, const unres_blk *b) {
  char iso[11];
  dm_node *span = NULL;
  if (b->kind == UNRES_BODY) {
    if (unres_span_find(st, b->node, UNRES_F_DATE, "docDate", iso, &span)) {
      if (dm_node_set_attr(span, "date", iso) != DM_OK) st->failed = 1;
      if (!dm_doc_meta(st->doc, DM_META_DATE)) unres_meta(st, DM_META_DATE, iso, strlen(iso));
    }
    int v = unres_span_find(st, b->node, UNRES_F_MEETING, "meeting", iso, &span);
    if (v) {
      char num[16];
      snprintf(num, sizeof num, "%d", v);
      if (dm_node_set_attr(span, "value", num) != DM_OK) st->failed = 1;
      unres_meta(st, DM_META_MEETING, num, strlen(num));
    }
  }
  unres_move(st, conclusions, b->node);
}

/* Says what the recogniser could not find, so that a resolution whose
 * structure came out incomplete is never passed on in silence. */
static int unres_warn_missing(unres_state *st, size_t formula, size_t first_num, int have_symbol, int recitals) {
  int rc = DM_OK;
  dm_pos at = dm_node_pos(st->blk[formula].node);
  if (!have_symbol)
    rc = dm_warn(st->ctx, DM_DIAG_STRUCTURE, at,
                 "no document symbol found (A/RES/..., S/RES/... (year), or a number before the title): "
                 "the symbol is left empty");
  if (rc == DM_OK && !recitals && first_num > formula + 1)
    rc = dm_warn(st->ctx, DM_DIAG_STRUCTURE, at,
                 "no preambular clauses found between the formula and the first operative paragraph");
  return rc;
}

int unres_structure(unres_state *st, size_t formula) {
  dm_node *root = dm_doc_root(st->doc);
  size_t first_num = unres_first_numbered(st, formula);
  size_t annex_at = unres_find_annex(st, first_num);
  size_t concl = unres_find_conclusions(st, first_num, annex_at);
  size_t ops_start = unres_operative_start(st, formula, first_num);
  char number[32] = "";
  unres_preface(st, formula, number, sizeof number);
  int have_symbol = unres_set_symbol(st, formula, number);

  dm_node *preface = dm_node_new_div(st->doc, DM_ROLE_PREFACE, NULL);
  dm_node *preamble = dm_node_new_div(st->doc, DM_ROLE_PREAMBLE, NULL);
  dm_node *main_body = dm_node_new_div(st->doc, DM_ROLE_MAIN_BODY, NULL);
  dm_node *conclusions = dm_node_new_div(st->doc, DM_ROLE_CONCLUSIONS, NULL);
  if (!preface || !preamble || !main_body || !conclusions) return dm_error(st->ctx, DM_ENOMEM, "out of memory");

  dm_node *recital = NULL;
  int recitals = 0;
  unres_ops ops, annex_ops;
  memset(&ops, 0, sizeof ops);
  memset(&annex_ops, 0, sizeof annex_ops);
  ops.main_body = main_body;
  dm_node *annex = NULL;
  for (size_t i = 0; i < st->n && !st->failed; i++) {
    unres_blk *b = &st->blk[i];
    if (b->kind == UNRES_GONE) continue;
    if (b->kind == UNRES_BREAK || b->kind == UNRES_FURNITURE || b->kind == UNRES_DEF) {
      dm_node_unlink(b->node);
      continue;
    }
    if (i < formula) {
      unres_move(st, preface, b->node);
    } else if (i == formula) {
      unres_move(st, unres_div(st, preamble, DM_ROLE_FORMULA, NULL), b->node);
    } else if (i < ops_start) {
      if (b->kind == UNRES_BODY && dm_node_type_of(b->node) == DM_NODE_PARAGRAPH) {
        recital = unres_div(st, preamble, DM_ROLE_RECITAL, NULL);
        recitals++;
      }
      unres_move(st, recital ? recital : preamble, b->node);
    } else if (i < concl) {
      unres_place_operative(st, &ops, i);
    } else if (i < annex_at) {
      unres_place_conclusion(st, conclusions, b);
    } else {
      unres_place_annex(st, &annex_ops, &annex, i);
    }
  }
  /* what is left of the old tree is emptied lists and items */
  dm_node *c = dm_node_first_child(root);
  while (c) {
    dm_node *next = dm_node_next(c);
    dm_node_unlink(c);
    c = next;
  }
  dm_node *parts[] = {preface, preamble, main_body, conclusions, annex};
  for (size_t k = 0; k < 5; k++)
    if (parts[k] && dm_node_first_child(parts[k]) && dm_node_append_child(root, parts[k]) != DM_OK) st->failed = 1;
  if (dm_doc_set_meta(st->doc, DM_META_DOC_TYPE, "resolution") != DM_OK) st->failed = 1;
  if (!have_symbol && dm_doc_set_meta(st->doc, DM_META_BODY_ID, "un-ga") != DM_OK) st->failed = 1;
  if (st->failed) return dm_error(st->ctx, DM_ENOMEM, "out of memory");
  return unres_warn_missing(st, formula, first_num, have_symbol, recitals);
}
