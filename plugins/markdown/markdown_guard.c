/* SPDX-License-Identifier: MIT */
/*
 * Refuses, before cmark-gfm sees them, the inputs on which Debian 12's
 * cmark-gfm (0.29.0.gfm.6, without the upstream fixes of 0.29.0.gfm.7 and
 * later) takes time quadratic in a few hundred kilobytes, or memory out of
 * all proportion: '![[]()' repeated 40,000 times took 14 s, a header row of
 * 200,000 pipes 14 s (each cell is appended at the end of a linked list),
 * 'http://a' followed by 200,000 ')' 8 s (the autolink extension counts
 * the parentheses again for each one it trims), and a table of 2000 columns
 * by 2000 rows of 12 KB 1.4 GB (each row is padded to the header's width).
 * Each bound below is far beyond what a real document holds and keeps the
 * library's worst case to well under a second per megabyte.
 *
 * Open brackets are counted per paragraph, the unit of cmark's inline
 * parser. Paragraphs are told apart by the lines that cannot
 * continue one (blank lines, bullets, ATX headings, an ordered item that
 * is sure to start one); any doubt counts the line into the same paragraph,
 * so an attacker can only make the guard stricter, never blind.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "markdown.h"

/* When a link closes, cmark-gfm's inline parser walks back over the
 * brackets still open in the paragraph to deactivate them, stopping only at
 * one it deactivated before; image openers ('![') never stop it, so
 * '![[]()' repeated 40,000 times took 14 s. The guard replays that walk on
 * the brackets and counts its steps, at most this many plus
 * GUARD_STEPS_PER_BYTE per byte of input. */
#define GUARD_BASE_STEPS 1000000
#define GUARD_STEPS_PER_BYTE 16
/* Cells of one table row: cmark-gfm appends each at the end of a list. */
#define GUARD_MAX_COLUMNS 256
/* Columns times rows of all the tables, beyond one per byte of input: a
 * cell costs cmark-gfm some 360 bytes and 2 microseconds, and each row is
 * padded to the header's width, so that rows of a single byte could make
 * hundreds of cells each. */
#define GUARD_BASE_CELLS 100000
/* Consecutive ')': cmark-gfm counts the parentheses of a URL again for each
 * one it trims: 50,000 took 1.4 s, and 250 cost some 30,000 steps, half a
 * second per megabyte of such URLs. */
#define GUARD_MAX_PARENS 250

typedef struct guard_line {
  const char *s, *end; /* after the block quote markers and the indent */
  size_t indent;       /* of what follows the block quote markers */
  unsigned quotes;     /* '>' markers */
} guard_line;

static int guard_blank(const char *s, const char *e) {
  for (; s < e; s++)
    if (*s != ' ' && *s != '\t') return 0;
  return 1;
}

static void guard_split(const char *s, const char *e, guard_line *l) {
  l->quotes = 0;
  for (;;) {
    const char *p = s;
    size_t ind = 0;
    while (p < e && (*p == ' ' || *p == '\t') && ind < 4)
      ind += *p++ == '\t' ? 4 : 1;
    if (ind < 4 && p < e && *p == '>') {
      l->quotes++;
      s = p + 1;
      if (s < e && *s == ' ') s++;
      continue;
    }
    l->s = p;
    l->end = e;
    l->indent = ind;
    while (l->s < e && (*l->s == ' ' || *l->s == '\t')) {
      l->indent += *l->s == '\t' ? 4 : 1;
      l->s++;
    }
    return;
  }
}

/* A list item marker at the start of l followed by content: 1 bullet, 2
 * ordered (*num its number, *width the marker's), 0 none. */
static int guard_item(const guard_line *l, unsigned long *num, size_t *width) {
  const char *p = l->s;
  if (l->indent > 3 || p >= l->end) return 0;
  int kind = 0;
  if (*p == '-' || *p == '*' || *p == '+') {
    p++;
    kind = 1;
  } else {
    unsigned long n = 0;
    int digits = 0;
    while (p < l->end && *p >= '0' && *p <= '9' && digits < 9) {
      n = n * 10 + (unsigned long)(*p++ - '0');
      digits++;
    }
    if (!digits || p >= l->end || (*p != '.' && *p != ')')) return 0;
    p++;
    *num = n;
    kind = 2;
  }
  if (p >= l->end || (*p != ' ' && *p != '\t') || guard_blank(p, l->end)) return 0;
  *width = (size_t)(p - l->s) + 1;
  return kind;
}

static int guard_heading(const guard_line *l) {
  const char *p = l->s;
  int n = 0;
  while (p < l->end && *p == '#' && n < 7) {
    p++;
    n++;
  }
  return l->indent <= 3 && n >= 1 && n <= 6 && (p == l->end || *p == ' ' || *p == '\t');
}

/* Cells of a table row: its unescaped pipes, less a leading and a trailing
 * one, plus one. */
static size_t guard_cells(const guard_line *l) {
  size_t pipes = 0;
  const char *last = NULL;
  for (const char *p = l->s; p < l->end; p++) {
    if (*p == '\\' && p + 1 < l->end) {
      p++;
      continue;
    }
    if (*p == '|') pipes++;
    if (*p != ' ' && *p != '\t') last = p;
  }
  size_t cells = pipes + 1;
  if (l->s < l->end && *l->s == '|' && cells > 1) cells--;
  if (last && *last == '|' && last != l->s && cells > 1) cells--;
  return cells;
}

/* A table's delimiter row: pipes, dashes, colons and blanks, with a pipe
 * and a dash. */
static int guard_delimiter(const guard_line *l) {
  int pipe = 0, dash = 0;
  for (const char *p = l->s; p < l->end; p++) {
    if (*p == '|')
      pipe = 1;
    else if (*p == '-')
      dash = 1;
    else if (*p != ':' && *p != ' ' && *p != '\t')
      return 0;
  }
  return pipe && dash;
}

typedef struct guard {
  dm_ctx *ctx;
  const char *buf;
  /* the open brackets of the paragraph: for each, the index of the nearest
   * link opener ('[' not after '!') at or below it, plus one (0: none) */
  size_t *below, nopen, capopen;
  size_t walked; /* openers below this height were walked over last time */
  uint64_t steps, max_steps;
  int item;          /* the previous line began a list item for sure */
  unsigned quotes;   /* its block quote markers */
  size_t content;    /* and the indent of its content */
  size_t table_cols; /* 0, or the columns of the open table */
  uint64_t cells;    /* columns times rows of the tables so far */
  uint64_t max_cells;
  guard_line prev;
  int have_prev;
} guard;

static int guard_fail(guard *g, uint32_t line, const char *at, const char *what, unsigned long limit) {
  const char *start = at;
  while (start > g->buf && start[-1] != '\n' && start[-1] != '\r')
    start--;
  uint32_t col = 1;
  for (const char *p = start; p < at; p++)
    if (((unsigned char)*p & 0xC0) != 0x80) col++;
  return dm_error_at(g->ctx, DM_ELIMIT, dm_pos_line(line, col),
                     "%s than the limit of %lu (cmark-gfm would take time or memory out of proportion)", what, limit);
}

static int guard_push(guard *g, int image) {
  if (g->nopen == g->capopen) {
    size_t cap = g->capopen ? g->capopen * 2 : 256;
    size_t *nb = realloc(g->below, cap * sizeof *nb);
    if (!nb) return dm_error(g->ctx, DM_ENOMEM, "out of memory");
    g->below = nb;
    g->capopen = cap;
  }
  size_t prev = g->nopen ? g->below[g->nopen - 1] : 0;
  g->below[g->nopen] = image ? prev : g->nopen + 1;
  g->nopen++;
  return DM_OK;
}

/* A ']' closes the nearest opener; if that was a link, the walk goes down
 * to the topmost link opener it already walked over (every link opener
 * below the last walk's height is inactive). */
static void guard_close(guard *g) {
  if (!g->nopen) return;
  size_t top = --g->nopen;
  int link = g->below[top] == top + 1;
  if (g->walked > g->nopen) g->walked = g->nopen;
  if (!link) return;
  size_t stop = g->walked ? g->below[g->walked - 1] : 0;
  g->steps += g->nopen - stop;
  g->walked = g->nopen;
}

/* The bytes guard_inline looks at: backslash, brackets, ')'. */
static const unsigned char guard_special[256] = {['\\'] = 1, ['['] = 1, [']'] = 1, [')'] = 1};

/* Brackets and parentheses of one line, which starts a paragraph if fresh
 * (escaped brackets do not count; any other doubt counts). */
static int guard_inline(guard *g, const guard_line *l, uint32_t line, int fresh) {
  size_t run = 0;
  if (fresh) g->nopen = g->walked = 0;
  for (const char *p = l->s; p < l->end; p++) {
    /* most bytes are none of the four that matter: skipped in a tight
     * loop, and they end a run of ')' */
    if (!guard_special[(unsigned char)*p]) {
      while (p + 1 < l->end && !guard_special[(unsigned char)p[1]])
        p++;
      run = 0;
      continue;
    }
    if (*p == '\\' && p + 1 < l->end && p[1] != ')') {
      p++;
      run = 0;
      continue;
    }
    if (*p == '[' && guard_push(g, p > l->s && p[-1] == '!') != DM_OK) return DM_ENOMEM;
    if (*p == ']') {
      guard_close(g);
      if (g->steps > g->max_steps)
        return guard_fail(g, line, p, "brackets left open before links: more steps", (unsigned long)g->max_steps);
    }
    run = *p == ')' ? run + 1 : 0;
    if (run > GUARD_MAX_PARENS) return guard_fail(g, line, p, "a run of more ')'", GUARD_MAX_PARENS);
  }
  return DM_OK;
}

static int guard_table(guard *g, const guard_line *l, uint32_t line) {
  /* outside a table, a line without a pipe is neither a row too wide nor
   * a delimiter row: most lines, spared the count */
  if (!g->table_cols && !memchr(l->s, '|', (size_t)(l->end - l->s))) return DM_OK;
  size_t cells = guard_cells(l);
  if (cells > GUARD_MAX_COLUMNS && (g->table_cols || guard_delimiter(l)))
    return guard_fail(g, line, l->s, "a table row with more cells", GUARD_MAX_COLUMNS);
  if (g->table_cols) {
    g->cells += g->table_cols;
    if (g->cells > g->max_cells)
      return guard_fail(g, line, l->s, "more table cells (columns times rows) in all", (unsigned long)g->max_cells);
  } else if (guard_delimiter(l) && g->have_prev && g->prev.quotes == l->quotes) {
    size_t head = guard_cells(&g->prev);
    if (head > GUARD_MAX_COLUMNS)
      return guard_fail(g, line - 1, g->prev.s, "a table row with more cells", GUARD_MAX_COLUMNS);
    if (head == cells) {
      g->table_cols = cells;
      g->cells += 2 * (uint64_t)cells;
    }
  }
  return DM_OK;
}

static int guard_line_check(guard *g, const char *s, const char *e, uint32_t line) {
  guard_line l;
  guard_split(s, e, &l);
  if (guard_blank(l.s, l.end)) {
    g->nopen = g->walked = 0;
    g->item = 0;
    g->table_cols = 0;
    g->have_prev = 0;
    return DM_OK;
  }
  if (g->table_cols && l.quotes != g->prev.quotes) g->table_cols = 0;
  unsigned long num = 0;
  size_t width = 0;
  int item = guard_item(&l, &num, &width);
  /* An ordered item other than 1 cannot interrupt a paragraph: it starts
   * one only right after an item of the same list. */
  int sure = item == 1 || (item == 2 && num == 1) ||
             (item == 2 && g->item && g->quotes == l.quotes && l.indent < g->content) || guard_heading(&l);
  g->item = item && sure;
  g->quotes = l.quotes;
  g->content = l.indent + width;
  int rc = guard_inline(g, &l, line, sure);
  if (rc == DM_OK) rc = guard_table(g, &l, line);
  g->prev = l;
  g->have_prev = 1;
  return rc;
}

int dmi_markdown_guard(dm_ctx *ctx, const char *s, size_t len) {
  guard g;
  memset(&g, 0, sizeof g);
  g.ctx = ctx;
  g.buf = s;
  g.max_cells = GUARD_BASE_CELLS + (uint64_t)len;
  g.max_steps = GUARD_BASE_STEPS + GUARD_STEPS_PER_BYTE * (uint64_t)len;
  const char *p = s, *end = s + len;
  uint32_t line = 1;
  while (p < end) {
    const char *e = p;
    while (e < end && *e != '\n' && *e != '\r')
      e++;
    int rc = guard_line_check(&g, p, e, line);
    if (rc != DM_OK) {
      free(g.below);
      return rc;
    }
    if (e < end && *e == '\r' && e + 1 < end && e[1] == '\n') e++;
    p = e < end ? e + 1 : e;
    line++;
  }
  free(g.below);
  return DM_OK;
}
