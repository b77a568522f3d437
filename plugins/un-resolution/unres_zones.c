/* SPDX-License-Identifier: MIT */
/*
 * Footnote areas in extractor text. Under a rule of underscores, or at the
 * foot of a page where numbers stand alone, the footnotes of a page lie in
 * whatever order the extractor met them: "2", "3" on lines of their own
 * after the texts, "4" before its text, "1" far above beside paragraph 1.
 * This file finds each page's area and pairs numbers with texts: a run of
 * numbers takes the texts that follow it, in order; numbers left over take
 * the texts nobody took. Each definition is then written "N text", in the
 * order of the numbers, for the footnote pass to attach.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unres_lines.h"

#define ln_s ln_text
#define ln_len ln_size

/* A footnote number alone on its line: 1 to 3 digits. */
long ln_number_alone(const char *s, size_t len) {
  if (len == 0 || len > 3) return -1;
  long v = 0;
  for (size_t i = 0; i < len; i++) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v > 0 ? v : -1;
}

/* "12 text": a definition with its number on the same line; not a date. */
static long ln_number_text(const unres_lines *L, const char *s, size_t len) {
  long v;
  size_t m = unres_def_marker(s, len, 1, &v);
  if (!m || unres_unit_after(L->st->lang, s + m, len - m)) return -1;
  /* "3 of the resolution, with respect to": a clause cut after
   * "paragraph" at a page end; a footnote's text opens as a sentence */
  if (unres_starts_lower(s + m, len - m)) return -1;
  char iso[11];
  size_t e, head = len < 48 ? len : 48;
  for (int l = 1; l <= unres_lang_count(); l++)
    if (unres_date_at((unres_lang)l, s, head, 0, iso, &e)) return -1;
  return v;
}

static int ln_ends_period(const char *s, size_t len) {
  uint32_t cp = unres_last_cp(s, len);
  return cp == '.' || cp == 0x3002 || cp == 0x6D4 || cp == ')';
}

static int ln_ends_clause_mark(const char *s, size_t len) {
  return unres_ends_sentence(s, len) || unres_ends_comma(s, len);
}

/* Whether a line can open a footnote's text: a capital, a digit, a symbol
 * ("A/75/289"), or a script without case. Continuation lines of a long
 * footnote open in lower case or with a parenthesis. */
static int ln_def_start(const char *s, size_t len) {
  uint32_t cp = unres_first_cp(s, len);
  if (cp == '(' || cp == '[') return 0;
  /* "1, anexos I y II.": the end of "... resolución" | "1, ..." */
  size_t d = 0;
  while (d < len && s[d] >= '0' && s[d] <= '9')
    d++;
  if (d && d < len && s[d] == ',') return 0;
  return !unres_starts_lower(s, len);
}

/* The footnote area at the foot of a page whose numbers stand alone
 * (count of them: k) and no rule: the last k texts of the page, read
 * upwards; a text runs up while its top line cannot open a footnote. */
/* The foot of a page where each footnote number stands on the line above
 * its text ("1" | "See also ..." | "2" | "See 1995 Review ..." | "Nuclear
 * Weapons, ..." | "3" | ...): each number's text is the lines down to the
 * next number, however they wrap. Taken only when every number has a
 * text of a few lines that ends with its full stop, and nothing but
 * numbers, texts and furniture follows the first number. Returns 1 when
 * the area was read so. */
static int ln_zone_stacked(unres_lines *L, size_t b, size_t e, int zone, size_t k) {
  size_t first = SIZE_MAX, nums = 0;
  for (size_t i = b; i < e && first == SIZE_MAX; i++)
    if (L->l[i].kind == LN_DEF_NUM && L->l[i].zone == zone) first = i;
  if (first == SIZE_MAX) return 0;
  size_t lines = 0, last_text = SIZE_MAX;
  for (size_t i = first; i < e; i++) {
    int kind = L->l[i].kind;
    if (kind == LN_FURN || kind == LN_NUMBER) continue;
    if (kind == LN_DEF_NUM && L->l[i].zone == zone) {
      if (nums && (lines == 0 || !ln_ends_period(ln_s(L, last_text), ln_len(L, last_text)))) return 0;
      nums++;
      lines = 0;
      continue;
    }
    if (kind != LN_TEXT || ++lines > 8) return 0;
    last_text = i;
  }
  if (nums != k || lines == 0 || !ln_ends_period(ln_s(L, last_text), ln_len(L, last_text))) return 0;
  int start = 0;
  for (size_t i = first; i < e; i++) {
    unres_line *z = &L->l[i];
    if (z->kind == LN_DEF_NUM) start = 1;
    if (z->kind != LN_TEXT) continue;
    z->kind = LN_DEF_TEXT;
    z->zone = zone;
    z->chunk_start = start;
    start = 0;
  }
  return 1;
}

static void ln_zone_tail(unres_lines *L, size_t b, size_t e, int zone, size_t k) {
  if (ln_zone_stacked(L, b, e, zone, k)) return;
  size_t chunks = 0;
  int open = 0; /* the chunk being read may run further up */
  for (size_t t = e; t-- > b;) {
    unres_line *z = &L->l[t];
    if (z->kind == LN_FURN || z->kind == LN_RULE || z->kind == LN_NUMBER || z->kind == LN_DEF_NUM) continue;
    if (z->kind != LN_TEXT || (L->formula != SIZE_MAX && t <= L->formula)) break;
    const char *s = ln_s(L, t);
    size_t len = ln_len(L, t);
    /* inside a footnote a line may end with a comma ("1995 (...), chap. I,
     * résolution 1," | "annexes I et II."): taken when the chunk's top
     * line cannot open a footnote */
    if (open && !ln_ends_period(s, len)) {
      int comma = ln_ends_clause_mark(s, len);
      /* the line above the chunk's top: part of it only if the top line
       * could not open a footnote */
      size_t top = t + 1;
      while (top < e && L->l[top].zone != zone)
        top++;
      /* a footnote ends with its full stop: while texts are still
       * wanted, an unfinished line above a chunk is its first line,
       * whatever case the chunk's top line opens with ("... 1 August
       * 2012–31" | "July 2013 (S/INF/68).") */
      /* or the line under a number, a footnote's first line, right above
       * the chunk ("11" | "S/PRST/..., 1 August 2013–31" | "July 2014
       * (S/INF/69).") */
      size_t above = t;
      while (above > b && L->l[above - 1].kind == LN_FURN)
        above--;
      int numbered = above > b && L->l[above - 1].kind == LN_DEF_NUM && L->l[above - 1].zone == zone;
      int wrapped = !comma && (chunks < k || (top == t + 1 && numbered));
      if (top < e && (!ln_def_start(ln_s(L, top), ln_len(L, top)) || wrapped)) {
        L->l[top].chunk_start = 0;
        z->kind = LN_DEF_TEXT;
        z->zone = zone;
        z->chunk_start = 1;
        continue;
      }
    }
    open = 0;
    if (chunks == k || !ln_ends_period(s, len)) break;
    z->kind = LN_DEF_TEXT;
    z->zone = zone;
    z->chunk_start = 1;
    chunks++;
    open = ln_number_text(L, s, len) <= 0;
  }
}

/* The lines after a rule, to the page end; without form feeds the area
 * ends at furniture, or at the first line after a finished definition
 * that does not open with a number. */
static size_t ln_zone_rule(unres_lines *L, size_t r, size_t e, int zone, long *next) {
  int last_done = 0, numbered = 0, alone = 0;
  size_t texts = 0;
  for (size_t j = r + 1; j < e; j++) {
    unres_line *z = &L->l[j];
    if (z->kind == LN_FURN) {
      if (!L->has_ff && (last_done || j > r + 1)) break;
      continue;
    }
    if (z->kind == LN_RULE) continue;
    if (z->kind != LN_TEXT && z->kind != LN_NUMBER) break;
    const char *s = ln_s(L, j);
    size_t len = ln_len(L, j);
    long v = ln_number_alone(s, len), w = ln_number_text(L, s, len);
    /* PyMuPDF's "N text" definitions end where a line opens without a
     * number after a finished one: the body goes on below them */
    if (!L->has_ff && numbered && !alone && last_done && v < 0 && w < 0) break;
    if (w > 0) numbered = 1;
    z->zone = zone;
    if (v > 0) {
      alone = 1;
      z->kind = LN_DEF_NUM;
      if (v >= *next) *next = v + 1;
      last_done = 0;
      continue;
    }
    z->kind = LN_DEF_TEXT;
    texts++;
    if (w > 0 && w >= *next) *next = w + 1;
    last_done = ln_ends_period(s, len);
  }
  return texts;
}

/* "N text" lines opening with the next footnote's number: the fixture
 * style, and PyMuPDF's, where number and text share a line. */
static size_t ln_zone_numbered(unres_lines *L, size_t i, size_t e, int zone, long *next) {
  int last_done = 0;
  size_t j = i;
  for (; j < e; j++) {
    unres_line *z = &L->l[j];
    if (z->kind == LN_FURN) {
      if (!L->has_ff) break;
      continue;
    }
    if (z->kind != LN_TEXT && z->kind != LN_NUMBER) break;
    const char *s = ln_s(L, j);
    size_t len = ln_len(L, j);
    long v = ln_number_alone(s, len), w = ln_number_text(L, s, len);
    if (last_done && v < 0 && w < 0) {
      if (!L->has_ff) break;
      /* with form feeds the area runs to the page end, unless body text
       * comes back (a clause or paragraph after it) */
      if (ln_ends_clause_mark(s, len) && !ln_ends_period(s, len)) break;
    }
    z->zone = zone;
    z->kind = v > 0 ? LN_DEF_NUM : LN_DEF_TEXT;
    if (v >= *next) *next = v + 1;
    if (w >= *next) *next = w + 1;
    last_done = v > 0 ? 0 : ln_ends_period(s, len);
  }
  return j;
}

/* Whether footnote number v stands in [r, e), alone or opening its text. */
static int ln_numbered_below(const unres_lines *L, size_t r, size_t e, long v) {
  for (size_t j = r + 1; j < e; j++) {
    if (L->l[j].kind == LN_FURN) continue;
    const char *s = ln_s(L, j);
    size_t len = ln_len(L, j);
    if (ln_number_alone(s, len) == v || ln_number_text(L, s, len) == v) return 1;
  }
  return 0;
}

/* The pages: those of the form feeds, or, without them, the stretches
 * between runs of furniture. */
static void ln_pages(unres_lines *L) {
  if (L->has_ff) return;
  int page = 0, in_run = 0;
  for (size_t i = 0; i < L->n; i++) {
    int furn = L->l[i].kind == LN_FURN;
    if (furn && !in_run && i > 0) page++;
    in_run = furn;
    L->l[i].page = page;
  }
}

void ln_zones(unres_lines *L) {
  int zone = 0;
  long next = 1;
  size_t from = L->formula == SIZE_MAX ? 0 : L->formula + 1;
  ln_pages(L);
  for (size_t b = from; b < L->n;) {
    size_t e = b;
    while (e < L->n && L->l[e].page == L->l[b].page)
      e++;
    size_t rule = SIZE_MAX, k = 0;
    for (size_t i = b; i < e; i++) {
      if (L->l[i].kind == LN_RULE && rule == SIZE_MAX) rule = i;
      long v = L->l[i].kind == LN_NUMBER ? ln_number_alone(ln_s(L, i), ln_len(L, i)) : -1;
      if (v >= next && v < next + 15) k++;
    }
    if (rule != SIZE_MAX || k) {
      zone++;
      /* numbers that stand apart anywhere on the page are its footnotes',
       * unless the area under the rule has that number already: then it
       * is the call, raised onto a line of its own */
      for (size_t i = b; i < e; i++) {
        long v = L->l[i].kind == LN_NUMBER ? ln_number_alone(ln_s(L, i), ln_len(L, i)) : -1;
        if (!(v >= next && v < next + 15 && (rule == SIZE_MAX || i < rule))) continue;
        if (rule != SIZE_MAX && ln_numbered_below(L, rule, e, v)) {
          L->l[i].kind = LN_CALL;
          continue;
        }
        L->l[i].kind = LN_DEF_NUM;
        L->l[i].zone = zone;
      }
      long top = next;
      /* pdftotext may put the rule below the texts it stands above
       * ("6", "Article 2, ...", "____"): then the texts are read upwards
       * from the rule */
      if (rule == SIZE_MAX)
        ln_zone_tail(L, b, e, zone, k);
      else if (!ln_zone_rule(L, rule, e, zone, &top) && k)
        ln_zone_tail(L, b, rule, zone, k);
      for (size_t i = b; i < e; i++) {
        long v = L->l[i].kind == LN_DEF_NUM ? ln_number_alone(ln_s(L, i), ln_len(L, i)) : -1;
        if (v >= top) top = v + 1;
      }
      next = top;
    } else {
      for (size_t i = b; i < e; i++) {
        if (L->l[i].kind != LN_TEXT || ln_number_text(L, ln_s(L, i), ln_len(L, i)) != next) continue;
        zone++;
        i = ln_zone_numbered(L, i, e, zone, &next) - 1;
      }
    }
    b = e;
  }
  /* numbers alone outside the footnote areas are page numbers */
  for (size_t i = 0; i < L->n; i++)
    if (L->l[i].kind == LN_NUMBER) {
      L->l[i].kind = LN_FURN;
      ln_report(L, i, ln_s(L, i), ln_len(L, i));
    }
}

/* ---- footnote areas, paired ------------------------------------------------- */

typedef struct ln_chunk {
  size_t first, last; /* lines of its text */
  long value;         /* its number, -1 until paired */
  int lead;           /* the area's first text */
} ln_chunk;

/* The text at the top of a footnote area that no number opens is the end
 * of the footnote the page before left unfinished: it goes on in that
 * footnote's paragraph. */
static int ln_emit_rest(ln_out *o, const ln_chunk *c, dm_node *prev, size_t prev_last) {
  unres_lines *L = o->L;
  if (c->value > 0 || !c->lead || !prev) return 0;
  o->para = prev;
  o->last = prev_last;
  for (size_t k = c->first; k <= c->last; k++)
    if (L->l[k].kind == LN_DEF_TEXT) ln_add(o, k, 0);
  o->def_last = o->last;
  ln_close(o);
  return 1;
}

/* Whether text s at the top of an area is the rest of footnote prev (its
 * last line prev_last): it cannot open a footnote, or prev stopped short
 * of its full stop. */
static int ln_is_rest(const unres_lines *L, const char *s, size_t len, const dm_node *prev, size_t prev_last) {
  if (!prev) return 0;
  return !ln_def_start(s, len) || !ln_ends_period(ln_s(L, prev_last), ln_len(L, prev_last));
}

static void ln_emit_def(ln_out *o, const ln_chunk *c) {
  unres_lines *L = o->L;
  dm_node *t = L->l[c->first].text;
  const char *s = dm_node_literal(t);
  size_t len = dm_node_literal_len(t);
  long v;
  /* "N text" already carries its number; a number from its own line is
   * put in front, as a footnote definition is written */
  if (c->value > 0 && !(unres_def_marker(s, len, 1, &v) && v == c->value)) {
    char num[24];
    int n = snprintf(num, sizeof num, "%ld ", c->value);
    unres_buf b = {0};
    unres_buf_add(&b, num, (size_t)n);
    unres_buf_add(&b, s, len);
    if (b.status || dm_node_set_literal(t, b.data, b.len) != DM_OK) L->st->failed = 1;
    unres_buf_release(&b);
  }
  ln_add(o, c->first, 1);
  for (size_t k = c->first + 1; k <= c->last; k++)
    if (L->l[k].kind == LN_DEF_TEXT) ln_add(o, k, 0);
  if (c->value > 0) {
    if (unres_mark_def(L->st, o->para) != DM_OK) L->st->failed = 1;
    o->def = o->para;
    o->def_last = o->last;
  }
  ln_close(o);
}

static int ln_chunk_cmp(const void *a, const void *b) {
  long x = ((const ln_chunk *)a)->value, y = ((const ln_chunk *)b)->value;
  if (x < 0) x = 1L << 30;
  if (y < 0) y = 1L << 30;
  return x < y ? -1 : x > y;
}

void ln_emit_zone(ln_out *o, size_t from, size_t to, int zone) {
  unres_lines *L = o->L;
  size_t n = to - from + 1;
  ln_chunk *ch = calloc(n, sizeof *ch);
  long *nums = calloc(n, sizeof *nums);
  size_t *run_at = calloc(n, sizeof *run_at);
  if (!ch || !nums || !run_at) {
    L->st->failed = 1;
    free(ch);
    free(nums);
    free(run_at);
    return;
  }
  size_t nch = 0, nnum = 0;
  dm_node *prev = o->def; /* the page before's last footnote */
  size_t prev_last = o->def_last;
  /* numbers alone wait in a run; the text chunks that follow a run take
   * its numbers in order; numbers left at the end go to the chunks that
   * got none */
  size_t run_start = 0, run_len = 0;
  for (size_t i = from; i < to; i++) {
    unres_line *z = &L->l[i];
    if (z->zone != zone) continue;
    const char *s = ln_s(L, i);
    size_t len = ln_len(L, i);
    if (z->kind == LN_DEF_NUM) {
      if (!run_len) run_start = nnum;
      nums[nnum++] = ln_number_alone(s, len);
      run_len++;
      continue;
    }
    if (z->kind != LN_DEF_TEXT) continue;
    long w = ln_number_text(L, s, len);
    /* a line that cannot open a footnote ("(NPT/CONF.1995/32 ...)",
     * lower case) goes on with the one before, even after a full stop */
    int cont = nch > 0 && !run_len && w < 0 &&
               (z->chunk_start
                    ? 0
                    : !ln_ends_period(ln_s(L, ch[nch - 1].last), ln_len(L, ch[nch - 1].last)) || !ln_def_start(s, len));
    if (nch > 0 && !z->chunk_start && L->l[ch[nch - 1].first].chunk_start) cont = 1;
    if (cont && (w < 0 || ch[nch - 1].value < 0)) {
      ch[nch - 1].last = i;
      continue;
    }
    ch[nch].first = ch[nch].last = i;
    ch[nch].value = w;
    ch[nch].lead = nch == 0;
    /* the rest of the page before's footnote takes no number */
    int rest = nch == 0 && ln_is_rest(L, s, len, prev, prev_last);
    if (w < 0 && run_len && !rest) {
      ch[nch].value = nums[run_start];
      nums[run_start] = -1;
      run_start++;
      run_len--;
    }
    nch++;
  }
  size_t k = 0;
  for (size_t c = 0; c < nch; c++) {
    if (ch[c].value > 0 || (ch[c].lead && ln_is_rest(L, ln_s(L, ch[c].first), ln_len(L, ch[c].first), prev, prev_last)))
      continue;
    while (k < nnum && nums[k] < 0)
      k++;
    if (k < nnum) {
      ch[c].value = nums[k];
      nums[k++] = -1;
    }
  }
  for (size_t q = 0; q < nnum; q++)
    if (nums[q] > 0)
      dm_warn(L->st->ctx, DM_DIAG_NOTE_UNUSED, dm_node_pos(L->l[from].text),
              "footnote number %ld stands alone at the page bottom, with no text; dropped as a page mark", nums[q]);
  qsort(ch, nch, sizeof *ch, ln_chunk_cmp);
  for (size_t c = 0; c < nch; c++)
    if (!ln_emit_rest(o, &ch[c], prev, prev_last)) ln_emit_def(o, &ch[c]);
  /* the lines that held only numbers are gone now: their numbers are in
   * the definitions */
  for (size_t i = from; i < to; i++)
    if (L->l[i].kind == LN_DEF_NUM && L->l[i].zone == zone) dm_node_unlink(L->l[i].text);
  free(ch);
  free(nums);
  free(run_at);
}
