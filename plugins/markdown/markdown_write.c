/* SPDX-License-Identifier: MIT */
/*
 * The Markdown writer: CommonMark + GFM that cmark-gfm reads back to the same
 * document. It walks the tree once with the ENTER/EXIT iterator, keeping a
 * line prefix for containers ("> ", list indentation) and writing newlines
 * lazily, as cmark's own renderer does, so that a block knows whether it
 * starts a line. Text is never re-wrapped and escaped only where Markdown
 * would otherwise read it differently. Footnotes are written as [^marker]
 * with the source's marker and their definitions at the end, in order of
 * first reference. Choices a reader of the output should know:
 *  - page breaks cannot be expressed; they are omitted with one warning;
 *  - metadata is not written (CommonMark has no place for it);
 *  - a div with role paragraph/point and a numeric label ("1.") becomes an
 *    item of an ordered list, so that operative paragraphs read back as one
 *    list; any other label (a point's "(a)", a section's "SEC. 2.") is
 *    written before the div's first paragraph or heading;
 *  - code blocks are always fenced (an indented block after a list would
 *    join the list);
 *  - raw content of formats other than HTML is dropped with a warning;
 *  - GFM tables have no cell spans: a cell spanning rows or columns is
 *    written at its first place and the places it covers are empty cells,
 *    so that every cell stays in its column, with one warning.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "markdown.h"

/* Output is handed to the sink in pieces of about this size. */
#define MARKDOWN_SEND_SIZE ((size_t)64 * 1024)

typedef struct markdown_note {
  const dm_node *node;
  const char *label; /* as written, after unique-ifying */
} markdown_note;

typedef struct markdown_writer {
  dm_ctx *ctx;
  dm_sink *sink;
  dm_buf out;    /* output not yet handed to the sink */
  uint64_t sent; /* bytes handed to the sink */
  int sink_rc;   /* the sink's first error */
  dm_buf prefix;
  size_t *saved;          /* prefix lengths of open containers */
  const dm_node **owners; /* the container that pushed each */
  size_t nsaved, capsaved;
  const dm_node *alt_list; /* a list written with the other bullet/delimiter */
  const dm_node *dl_node;  /* the last list whose delimiter was chosen */
  char dl_delim;
  char **owned; /* labels made up for notes */
  size_t nowned;
  char *delims; /* emphasis delimiters of open emph/strong */
  size_t ndelims, capdelims;
  /* Emphasis and the characters around it (markdown_flank.c): leading
   * blanks of skip_node already written before an opener, and the next
   * character to write as an entity after a closer. */
  const dm_node *skip_node;
  size_t skip;
  int entity_next;
  int need;          /* newlines owed before the next output: 0, 1 or 2 */
  int line_started;  /* the prefix of the current line has been written */
  int begin_content; /* nothing of the current line's content written yet */
  int after_marker;  /* a container marker was just written: next block follows on its line */
  int in_table, in_atx;
  int list_sig;              /* marker of the list that just ended, to keep the next apart */
  const dm_node *label_para; /* paragraph to start with a div's label */
  const char *label_text;
  markdown_note *notes; /* every note, in document order */
  size_t nnotes;
  dm_node_map *note_at;  /* note -> its entry in notes */
  const dm_node **queue; /* notes to define, in order of first reference */
  size_t qlen;
  size_t page_breaks, raw_dropped;
  const dm_node *cols_table; /* the table whose widest row is cols_n cells */
  size_t cols_n;
  /* The table being written on its grid (table.h): GFM has no cell spans,
   * so a spanning cell is written at its first place and the other places
   * it covers as empty cells, keeping every cell in its column. */
  dm_table_grid grid;
  size_t grid_row, grid_col, spans_lost;
} markdown_writer;

/* ---- output --------------------------------------------------------------- */

/* Hands the buffered output to the sink, so that the whole of a large
 * document is never held in memory (AKN -> Markdown of a 30 MB file would
 * otherwise keep its output twice over: buffer and doubling slack). */
static void markdown_send(markdown_writer *w) {
  if (w->out.len == 0 || w->out.status) return;
  if (w->sink_rc == DM_OK) w->sink_rc = dm_sink_write(w->sink, w->out.data, w->out.len);
  w->sent += w->out.len;
  w->out.len = 0;
}

static void markdown_out(markdown_writer *w, const char *s, size_t n) {
  if (!n) return; /* s may then be NULL, which memcpy may not be given */
  dm_buf *b = &w->out;
  if (b->len + n < b->cap) {
    /* the common case, without the growth checks; out needs no NUL */
    memcpy(b->data + b->len, s, n);
    b->len += n;
  } else {
    dm_buf_append(b, s, n);
  }
  if (b->len >= MARKDOWN_SEND_SIZE) markdown_send(w);
}

/* Whether anything has been written yet. */
static int markdown_any_output(const markdown_writer *w) { return w->sent > 0 || w->out.len > 0; }

static void markdown_flush(markdown_writer *w) {
  if (w->need && markdown_any_output(w)) {
    markdown_out(w, "\n", 1);
    if (w->need > 1) {
      size_t n = w->prefix.len;
      while (n > 0 && w->prefix.data[n - 1] == ' ')
        n--;
      markdown_out(w, w->prefix.data, n);
      markdown_out(w, "\n", 1);
    }
    w->line_started = 0;
  }
  w->need = 0;
  if (!w->line_started) {
    markdown_out(w, w->prefix.data, w->prefix.len);
    w->line_started = 1;
    w->begin_content = 1;
  }
}

/* Writes s as is (after any owed newlines and the line's prefix). */
static void markdown_lit(markdown_writer *w, const char *s, size_t n) {
  markdown_flush(w);
  markdown_out(w, s, n);
  if (n) w->begin_content = 0;
  w->entity_next = 0;
}

/* A character as a numeric entity: cmark-gfm reads it back as itself, and
 * the "&" or ";" beside a delimiter counts as punctuation there. */
static void markdown_entity(markdown_writer *w, uint32_t cp) {
  char e[16];
  markdown_lit(w, e, (size_t)snprintf(e, sizeof e, "&#x%X;", (unsigned)cp));
}

static void markdown_puts(markdown_writer *w, const char *s) { markdown_lit(w, s, strlen(s)); }

static void markdown_cr(markdown_writer *w, int n) {
  if (w->need < n) w->need = n;
}

/* Adds to the prefix of the following lines, until owner's exit; the
 * content right after a marker counts as the start of a line. */
static void markdown_push_prefix(markdown_writer *w, const char *s, size_t n, const dm_node *owner) {
  size_t cap = w->capsaved;
  if (w->nsaved + 1 > cap) {
    cap = cap ? cap * 2 : 32;
    size_t *p = realloc(w->saved, cap * sizeof *p);
    const dm_node **o = p ? realloc(w->owners, cap * sizeof *o) : NULL;
    if (p) w->saved = p;
    if (!p || !o) {
      w->out.status = DM_ENOMEM;
      return;
    }
    w->owners = o;
    w->capsaved = cap;
  }
  w->owners[w->nsaved] = owner;
  w->saved[w->nsaved++] = w->prefix.len;
  dm_buf_append(&w->prefix, s, n);
  w->after_marker = 1;
  w->begin_content = 1;
}

static void markdown_pop_prefix(markdown_writer *w, const dm_node *owner) {
  if (w->nsaved == 0 || w->owners[w->nsaved - 1] != owner) return;
  w->prefix.len = w->saved[--w->nsaved];
  if (w->prefix.data) w->prefix.data[w->prefix.len] = 0;
  w->after_marker = 0;
}

/* Lines of a code or HTML block, each with the prefix (a blank line gets
 * the prefix without its trailing spaces). */
static void markdown_lines(markdown_writer *w, const char *s, size_t n, int first_on_new_line) {
  size_t i = 0;
  for (;;) {
    const char *nl = memchr(s + i, '\n', n - i);
    size_t end = nl ? (size_t)(nl - s) : n;
    if (i > 0 || first_on_new_line) markdown_cr(w, 1);
    if (end > i) {
      markdown_lit(w, s + i, end - i);
    } else {
      /* an empty line: the prefix without trailing spaces */
      if (w->need && markdown_any_output(w)) markdown_out(w, "\n", 1);
      w->need = 0;
      size_t k = w->prefix.len;
      while (k > 0 && w->prefix.data[k - 1] == ' ')
        k--;
      markdown_out(w, w->prefix.data, k);
      w->line_started = 1;
    }
    if (!nl) break;
    i = end + 1;
  }
}

/* ---- text escaping -------------------------------------------------------- */

static int markdown_is_punct(unsigned char c) {
  return (c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e);
}

static int markdown_is_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Bytes that may need an escape in text (and NUL, which strchr over the
 * old list of them also stopped at): anything else is copied in runs. */
static const unsigned char markdown_special[256] = {
    [0] = 1,   ['\\'] = 1, ['`'] = 1, ['*'] = 1, ['['] = 1, [']'] = 1, ['<'] = 1,  ['~'] = 1,
    ['_'] = 1, ['&'] = 1,  ['|'] = 1, ['!'] = 1, ['#'] = 1, [' '] = 1, ['\n'] = 1, [':'] = 1,
};

/* Writes text escaped so that cmark-gfm reads it back as the same text: the
 * characters that open inline syntax always, the ones that open blocks only
 * at the start of a line. next is the following sibling (a '!' before a
 * link would make an image). */
static void markdown_text(markdown_writer *w, const char *s, size_t n, const dm_node *next) {
  size_t i = 0;
  uint32_t cp;
  int len;
  if (w->entity_next && n && (len = dm_utf8_decode((const unsigned char *)s, n, &cp)) > 0 &&
      dmi_md_flank_class(cp) == DMI_MD_OTHER) {
    /* after a closer that needs punctuation or a blank next */
    markdown_entity(w, cp);
    i = (size_t)len;
  }
  w->entity_next = 0;
  while (i < n) {
    unsigned char c = (unsigned char)s[i];
    if (c == '\n') {
      if (w->in_table || w->in_atx) {
        markdown_lit(w, " ", 1);
      } else {
        markdown_cr(w, 1);
      }
      i++;
      continue;
    }
    markdown_flush(w);
    if (w->begin_content) {
      /* block starts: headings, quotes, list items, breaks, setext lines */
      if (c == '#' || c == '>' || c == '-' || c == '+' || c == '=' || c == '_') {
        markdown_out(w, "\\", 1);
        markdown_out(w, (const char *)&s[i], 1);
        w->begin_content = 0;
        i++;
        continue;
      }
      if (c >= '0' && c <= '9') {
        size_t k = i;
        while (k < n && k - i < 10 && s[k] >= '0' && s[k] <= '9')
          k++;
        if (k - i <= 9 && k < n && (s[k] == '.' || s[k] == ')') &&
            (k + 1 == n || s[k + 1] == ' ' || s[k + 1] == '\t' || s[k + 1] == '\n')) {
          markdown_out(w, s + i, k - i);
          markdown_out(w, "\\", 1);
          markdown_out(w, s + k, 1);
          w->begin_content = 0;
          i = k + 1;
          continue;
        }
      }
      if ((c == ' ' || c == '\t') && !w->in_table) {
        /* leading blanks would be stripped or start code: keep as an entity */
        markdown_out(w, c == ' ' ? "&#32;" : "&#9;", c == ' ' ? 5 : 4);
        w->begin_content = 0;
        i++;
        continue;
      }
    }
    w->begin_content = 0;
    int esc = 0;
    switch (c) {
    case '\\': esc = i + 1 == n || markdown_is_punct((unsigned char)s[i + 1]) || s[i + 1] == '\n'; break;
    case '`':
    case '*':
    case '[':
    case ']':
    case '<':
    case '~': esc = 1; break;
    case '_':
      esc = !(i > 0 && i + 1 < n && markdown_is_alnum((unsigned char)s[i - 1]) &&
              markdown_is_alnum((unsigned char)s[i + 1]));
      break;
    case '&': esc = i + 1 < n && (markdown_is_alnum((unsigned char)s[i + 1]) || s[i + 1] == '#'); break;
    case '|': esc = w->in_table; break;
    case '!': esc = i + 1 == n && next && dm_node_type_of(next) == DM_NODE_LINK; break;
    case '#': esc = w->in_atx && i + 1 == n && !next; break;
    case ':':
      /* "scheme://" in text the source did not link: keep the autolink
       * extension from linking it now */
      esc = i > 0 && i + 2 < n && s[i + 1] == '/' && s[i + 2] == '/' && markdown_is_alnum((unsigned char)s[i - 1]);
      break;
    case ' ':
      /* trailing blanks before a line end would be stripped or break the line */
      if (i + 1 < n && s[i + 1] == '\n' && !w->in_table) {
        markdown_out(w, "&#32;", 5);
        i++;
        continue;
      }
      break;
    default: break;
    }
    if (esc) markdown_out(w, "\\", 1);
    /* copy a run of ordinary bytes at once */
    size_t k = i + 1;
    if (!esc && c != '\\')
      while (k < n && !markdown_special[(unsigned char)s[k]])
        k++;
    markdown_out(w, s + i, k - i);
    i = k;
  }
}

/* ---- inline helpers ------------------------------------------------------- */

static void markdown_code_span(markdown_writer *w, const char *s, size_t n) {
  /* the shortest run of backticks that does not occur in the code */
  size_t maxrun = 0, run = 0;
  unsigned char seen[64] = {0};
  for (size_t i = 0; i <= n; i++) {
    if (i < n && s[i] == '`') {
      run++;
    } else if (run) {
      if (run < sizeof seen) seen[run] = 1;
      if (run > maxrun) maxrun = run;
      run = 0;
    }
  }
  size_t ticks = 1;
  while (ticks < sizeof seen && seen[ticks])
    ticks++;
  if (ticks >= sizeof seen) ticks = maxrun + 1;
  int allspace = 1;
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ') allspace = 0;
  int pad = n > 0 && (s[0] == '`' || s[n - 1] == '`' || (!allspace && s[0] == ' ' && s[n - 1] == ' '));
  for (size_t i = 0; i < ticks; i++)
    markdown_lit(w, "`", 1);
  if (pad) markdown_lit(w, " ", 1);
  size_t start = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '\n' || (s[i] == '|' && w->in_table)) {
      markdown_lit(w, s + start, i - start);
      markdown_lit(w, s[i] == '\n' ? " " : "\\|", s[i] == '\n' ? 1 : 2);
      start = i + 1;
    }
  }
  markdown_lit(w, s + start, n - start);
  if (pad) markdown_lit(w, " ", 1);
  for (size_t i = 0; i < ticks; i++)
    markdown_lit(w, "`", 1);
}

/* A link destination: bare when it can be, else in <…>. */
static void markdown_dest(markdown_writer *w, const char *u) {
  size_t n = strlen(u);
  int bare = n > 0 && u[0] != '<';
  for (size_t i = 0; i < n && bare; i++)
    if ((unsigned char)u[i] <= 0x20 || u[i] == 0x7f) bare = 0;
  if (!bare) markdown_lit(w, "<", 1);
  for (size_t i = 0; i < n; i++) {
    char c = u[i];
    if (c == '\n') {
      markdown_lit(w, "%0A", 3);
      continue;
    }
    int esc = c == '\\' || (bare && (c == '(' || c == ')')) || (!bare && (c == '<' || c == '>')) ||
              (c == '&' && i + 1 < n && (markdown_is_alnum((unsigned char)u[i + 1]) || u[i + 1] == '#'));
    if (esc) markdown_lit(w, "\\", 1);
    markdown_lit(w, &u[i], 1);
  }
  if (!bare) markdown_lit(w, ">", 1);
}

static void markdown_link_tail(markdown_writer *w, const dm_node *n) {
  markdown_lit(w, "](", 2);
  markdown_dest(w, dm_node_url(n));
  const char *t = dm_node_title(n);
  if (t && *t) {
    markdown_lit(w, " \"", 2);
    for (size_t i = 0; t[i]; i++) {
      if (t[i] == '"' || t[i] == '\\' ||
          (t[i] == '&' && (markdown_is_alnum((unsigned char)t[i + 1]) || t[i + 1] == '#')))
        markdown_lit(w, "\\", 1);
      if (t[i] == '\n') {
        markdown_cr(w, 1);
        continue;
      }
      markdown_lit(w, &t[i], 1);
    }
    markdown_lit(w, "\"", 1);
  }
  markdown_lit(w, ")", 1);
}

/* Whether a link can be written as <url> (its text is its URL, or the
 * address of a mailto: URL); 1 for URL, 2 for e-mail. */
static int markdown_autolink_kind(const dm_node *n) {
  const dm_node *c = dm_node_first_child(n);
  if (!c || dm_node_next(c) || dm_node_type_of(c) != DM_NODE_TEXT) return 0;
  const char *text = dm_node_literal(c), *url = dm_node_url(n);
  /* cmark reads entities in <…> differently in the text and the URL */
  for (const char *p = text; *p; p++)
    if ((unsigned char)*p <= 0x20 || *p == '<' || *p == '>' || *p == '\\' || *p == '&') return 0;
  if (strcmp(text, url) == 0) {
    /* scheme: 2-32 of [A-Za-z0-9+.-] starting with a letter, then ':' */
    size_t k = 0;
    if (!((url[0] >= 'a' && url[0] <= 'z') || (url[0] >= 'A' && url[0] <= 'Z'))) return 0;
    while (url[k] && (markdown_is_alnum((unsigned char)url[k]) || url[k] == '+' || url[k] == '.' || url[k] == '-'))
      k++;
    return k >= 2 && k <= 32 && url[k] == ':' ? 1 : 0;
  }
  if (strncmp(url, "mailto:", 7) == 0 && strcmp(url + 7, text) == 0 && strchr(text, '@')) return 2;
  return 0;
}

/* ---- notes ---------------------------------------------------------------- */

static const char *markdown_note_label(const markdown_writer *w, const dm_node *note) {
  const markdown_note *f = dm_node_map_get(w->note_at, note);
  return f ? f->label : "?";
}

/* A marker usable as a footnote label: no blanks, brackets or backslash. */
static int markdown_label_ok(const char *s) {
  if (!s || !*s || strlen(s) > 500) return 0;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++)
    if (*p <= 0x20 || *p == '[' || *p == ']' || *p == '\\' || *p == 0x7f) return 0;
  return 1;
}

typedef struct markdown_key {
  char *folded;
  size_t idx;
} markdown_key;

static int markdown_key_cmp(const void *a, const void *b) {
  const markdown_key *x = a, *y = b;
  int c = strcmp(x->folded, y->folded);
  return c ? c : (x->idx < y->idx ? -1 : x->idx > y->idx);
}

static char *markdown_fold(const char *s) {
  size_t n = strlen(s);
  char *f = malloc(n + 1);
  if (!f) return NULL;
  for (size_t i = 0; i <= n; i++)
    f[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
  return f;
}

static int markdown_key_taken(const markdown_key *keys, size_t n, const char *folded) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = strcmp(keys[mid].folded, folded);
    if (c == 0) return 1;
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return 0;
}

/* Adds label (a copy) to the labels the writer owns and gives it to note i. */
static int markdown_own_label(markdown_writer *w, size_t i, const char *label) {
  char *copy = malloc(strlen(label) + 1);
  char **grown = copy ? realloc(w->owned, (w->nowned + 1) * sizeof *grown) : NULL;
  if (!grown) {
    free(copy);
    return DM_ENOMEM;
  }
  w->owned = grown;
  strcpy(copy, label);
  w->owned[w->nowned++] = copy;
  w->notes[i].label = copy;
  return DM_OK;
}

/* Writes into buf the first "BASE-K" (K from *k up, *k left past it) or, with
 * base NULL, the first number from *k up that no marker in keys takes. */
static int markdown_free_label(const markdown_key *keys, size_t nk, const char *base, unsigned long *k, char *buf,
                               size_t size) {
  for (;; (*k)++) {
    if (base)
      snprintf(buf, size, "%s-%lu", base, *k);
    else
      snprintf(buf, size, "%lu", *k);
    char *f = markdown_fold(buf);
    if (!f) return DM_ENOMEM;
    int taken = markdown_key_taken(keys, nk, f);
    free(f);
    if (!taken) break;
  }
  (*k)++;
  return DM_OK;
}

/* Labels for the notes that cannot keep their marker, unique by
 * construction: the later notes sharing a marker (keys sorted by folded
 * marker, then document order) count on from 2 within their group, skipping
 * any marker already in use ([^1], [^1-2], [^1-3]); a "-K" suffix of digits
 * cannot be confused with another group's, and notes whose marker cannot be
 * a label get plain numbers, which contain no '-'. */
static int markdown_relabel(markdown_writer *w, const markdown_key *keys, size_t nk, const unsigned char *keep) {
  char buf[600];
  int rc = DM_OK;
  unsigned long k = 2;
  for (size_t i = 0; rc == DM_OK && i < nk; i++) {
    if (keep[keys[i].idx]) {
      k = 2;
      continue;
    }
    const char *base = w->notes[keys[i].idx].label;
    rc = markdown_free_label(keys, nk, base, &k, buf, sizeof buf);
    if (rc == DM_OK) rc = markdown_own_label(w, keys[i].idx, buf);
    if (rc == DM_OK &&
        dm_warn(w->ctx, DM_DIAG_NOTE_DUPLICATE, dm_node_pos(w->notes[keys[i].idx].node),
                "two notes share the marker '%s'; the later one is written as [^%s]", base, buf) != DM_OK)
      rc = DM_ENOMEM;
  }
  unsigned long next_number = 1;
  for (size_t i = 0; rc == DM_OK && i < w->nnotes; i++) {
    if (keep[i] || markdown_label_ok(w->notes[i].label)) continue;
    rc = markdown_free_label(keys, nk, NULL, &next_number, buf, sizeof buf);
    if (rc == DM_OK) rc = markdown_own_label(w, i, buf);
  }
  return rc;
}

/* Gives every note the label it is written with: its marker, unless the
 * marker cannot be a label or another note already has it (cmark matches
 * labels case-insensitively); then a number or "marker-K". */
static int markdown_collect_notes(markdown_writer *w, const dm_doc *doc) {
  dm_iter *it = dm_iter_new(dm_doc_root(doc));
  if (!it) return DM_ENOMEM;
  size_t cap = 0;
  dm_event ev;
  while ((ev = dm_iter_next(it)) != DM_EVENT_DONE) {
    dm_node *n = dm_iter_node(it);
    if (ev != DM_EVENT_ENTER || dm_node_type_of(n) != DM_NODE_NOTE) continue;
    if (w->nnotes == cap) {
      cap = cap ? cap * 2 : 64;
      markdown_note *p = realloc(w->notes, cap * sizeof *p);
      if (!p) {
        dm_iter_free(it);
        return DM_ENOMEM;
      }
      w->notes = p;
    }
    w->notes[w->nnotes++] = (markdown_note){n, dm_node_label(n)};
  }
  dm_iter_free(it);
  if (!w->nnotes) return DM_OK;
  markdown_key *keys = calloc(w->nnotes, sizeof *keys);
  if (!keys) return DM_ENOMEM;
  size_t nk = 0;
  int rc = DM_OK;
  for (size_t i = 0; i < w->nnotes; i++) {
    if (!markdown_label_ok(w->notes[i].label)) continue;
    if (!(keys[nk].folded = markdown_fold(w->notes[i].label))) {
      rc = DM_ENOMEM;
      break;
    }
    keys[nk++].idx = i;
  }
  if (rc == DM_OK) qsort(keys, nk, sizeof *keys, markdown_key_cmp);
  /* the first note (in document order) with a label keeps it */
  unsigned char *keep = calloc(w->nnotes, 1);
  if (!keep) rc = DM_ENOMEM;
  for (size_t i = 0; rc == DM_OK && i < nk; i++)
    if (i == 0 || strcmp(keys[i - 1].folded, keys[i].folded) != 0) keep[keys[i].idx] = 1;
  if (rc == DM_OK) rc = markdown_relabel(w, keys, nk, keep);
  for (size_t i = 0; i < nk; i++)
    free(keys[i].folded);
  free(keys);
  free(keep);
  /* the notes array no longer grows: its entries can be the map's values */
  if (rc == DM_OK && !(w->note_at = dm_node_map_new())) rc = DM_ENOMEM;
  for (size_t i = 0; rc == DM_OK && i < w->nnotes; i++)
    rc = dm_node_map_put(w->note_at, w->notes[i].node, &w->notes[i]);
  if (rc != DM_OK) return rc;
  w->queue = calloc(w->nnotes, sizeof *w->queue);
  if (!w->queue) rc = DM_ENOMEM;
  return rc;
}

/* ---- blocks --------------------------------------------------------------- */

/* Whether blocks inside this node's item are separated by a single newline. */
static int markdown_in_tight_item(const dm_node *n) {
  const dm_node *p = dm_node_parent(n);
  while (p && dm_node_type_of(p) == DM_NODE_DIV && !dm_node_label(p))
    p = dm_node_parent(p);
  if (!p || dm_node_type_of(p) != DM_NODE_ITEM) return 0;
  const dm_node *l = dm_node_parent(p);
  return l && dm_node_list_tight(l);
}

/* Starts a block: on the marker's line if one was just written, else after
 * a blank line (a newline in a tight list item). */
static void markdown_block_start(markdown_writer *w, const dm_node *n) {
  if (w->after_marker) {
    w->after_marker = 0;
    return;
  }
  if (markdown_any_output(w) || w->line_started) markdown_cr(w, markdown_in_tight_item(n) ? 1 : 2);
}

/* A numeric label "12." / "3)" that can be written as an ordered-list
 * marker; its number in *num. */
static int markdown_numeric_label(const char *l, long *num, char *delim) {
  if (!l) return 0;
  size_t k = 0;
  while (l[k] >= '0' && l[k] <= '9')
    k++;
  if (k == 0 || k > 9 || (l[k] != '.' && l[k] != ')') || l[k + 1]) return 0;
  *num = strtol(l, NULL, 10);
  *delim = l[k];
  return 1;
}

static int markdown_div_is_item(const dm_node *n, long *num, char *delim) {
  dm_role r = dm_node_role(n);
  return dm_node_type_of(n) == DM_NODE_DIV && (r == DM_ROLE_PARAGRAPH || r == DM_ROLE_POINT) &&
         markdown_numeric_label(dm_node_label(n), num, delim);
}

static void markdown_code_block(markdown_writer *w, const dm_node *n) {
  const char *lit = dm_node_literal(n), *info = dm_node_label(n);
  size_t len = dm_node_literal_len(n);
  char fc = info && strchr(info, '`') ? '~' : '`';
  size_t run = 0, maxrun = 0;
  for (size_t i = 0; i < len; i++) {
    run = lit[i] == fc ? run + 1 : 0;
    if (run > maxrun) maxrun = run;
  }
  size_t fence = maxrun >= 3 ? maxrun + 1 : 3;
  char f[64];
  if (fence >= sizeof f) fence = sizeof f - 1;
  memset(f, fc, fence);
  markdown_lit(w, f, fence);
  if (info && *info) {
    for (const char *p = info; *p; p++) {
      if (*p == '\n') continue;
      if (*p == '\\' || (*p == '&' && (markdown_is_alnum((unsigned char)p[1]) || p[1] == '#')))
        markdown_lit(w, "\\", 1);
      markdown_lit(w, p, 1);
    }
  }
  if (len && lit[len - 1] == '\n') len--;
  if (dm_node_literal_len(n) > 0) markdown_lines(w, lit, len, 1);
  markdown_cr(w, 1);
  markdown_lit(w, f, fence);
}

/* ---- the walk ------------------------------------------------------------- */

static int markdown_push_delim(markdown_writer *w, char c) {
  if (w->ndelims + 1 > w->capdelims) {
    size_t cap = w->capdelims ? w->capdelims * 2 : 32;
    char *p = realloc(w->delims, cap);
    if (!p) return DM_ENOMEM;
    w->delims = p;
    w->capdelims = cap;
  }
  w->delims[w->ndelims++] = c;
  return DM_OK;
}

/* '*' for emphasis and strong, '_' where '*' would run into the
 * delimiter of the enclosing emphasis ("***" reads back nested the other
 * way round). */
static char markdown_emph_char(const markdown_writer *w, const dm_node *n) {
  const dm_node *p = dm_node_parent(n);
  dm_node_type pt = p ? dm_node_type_of(p) : DM_NODE_NONE;
  if ((pt == DM_NODE_EMPH || pt == DM_NODE_STRONG) && w->ndelims && w->delims[w->ndelims - 1] == '*' &&
      (!dm_node_prev(n) || !dm_node_next(n)))
    return '_';
  return '*';
}

static int markdown_list_sig(int ordered, char delim) { return ordered ? 256 + delim : delim; }

static char markdown_own_delim(const dm_node *l) {
  int ordered = dm_node_list_ordered(l);
  char d = dm_node_list_delim(l);
  if (ordered) return d == ')' ? ')' : '.';
  return d == '*' || d == '+' ? d : '-';
}

/* The bullet or delimiter a list is written with: its own, or the other
 * one when the block before is a list of the same kind, which it would
 * otherwise join. */
static char markdown_list_delim(markdown_writer *w, const dm_node *l) {
  if (l == w->dl_node) return w->dl_delim;
  int ordered = dm_node_list_ordered(l);
  char d = markdown_own_delim(l);
  const dm_node *prev = dm_node_prev(l);
  /* lists are written in order, so the one before was the last computed */
  int alt =
      w->alt_list == l || (prev && dm_node_type_of(prev) == DM_NODE_LIST && dm_node_list_ordered(prev) == ordered &&
                           (prev == w->dl_node ? w->dl_delim : markdown_own_delim(prev)) == d);
  if (alt) d = ordered ? (d == '.' ? ')' : '.') : (d == '-' ? '*' : '-');
  w->dl_node = l;
  w->dl_delim = d;
  return d;
}

/* ---- entering a node: one function per kind that needs more than a line */

/* A div's label waiting to start its first paragraph or heading. */
static void markdown_label_text(markdown_writer *w, const dm_node *n, int space) {
  if (w->label_para != n) return;
  markdown_flush(w);
  markdown_text(w, w->label_text, strlen(w->label_text), NULL);
  if (space) markdown_lit(w, " ", 1);
  w->label_para = NULL;
}

static int markdown_enter_paragraph(markdown_writer *w, const dm_node *n) {
  if (w->in_table) {
    if (dm_node_prev(n)) markdown_lit(w, " ", 1);
    return DM_OK;
  }
  markdown_block_start(w, n);
  markdown_label_text(w, n, 1);
  return DM_OK;
}

static int markdown_enter_heading(markdown_writer *w, const dm_node *n) {
  markdown_block_start(w, n);
  int lvl = dm_node_heading_level(n);
  int multiline = 0;
  for (const dm_node *c = dm_node_first_child(n); c; c = dm_node_next(c))
    if (dm_node_type_of(c) == DM_NODE_SOFTBREAK || dm_node_type_of(c) == DM_NODE_LINEBREAK) multiline = 1;
  if (!(multiline && lvl <= 2)) { /* else setext, underlined on exit */
    w->in_atx = 1;
    markdown_lit(w, "######", (size_t)(lvl < 1 ? 1 : lvl > 6 ? 6 : lvl));
    if (dm_node_first_child(n) || w->label_para == n) markdown_lit(w, " ", 1);
  }
  markdown_label_text(w, n, dm_node_first_child(n) != NULL);
  return DM_OK;
}

/* A list item's marker, and the prefix of its continuation lines. */
static void markdown_marker(markdown_writer *w, const dm_node *n, const char *marker) {
  size_t ml = strlen(marker);
  markdown_lit(w, marker, dm_node_first_child(n) ? ml : ml - 1);
  char spaces[32];
  memset(spaces, ' ', ml);
  markdown_push_prefix(w, spaces, ml, n);
}

static int markdown_enter_item(markdown_writer *w, const dm_node *n) {
  const dm_node *l = dm_node_parent(n);
  char d = markdown_list_delim(w, l);
  char marker[32];
  if (dm_node_list_ordered(l)) {
    long num = dm_node_list_start(l);
    for (const dm_node *p = dm_node_prev(n); p; p = dm_node_prev(p))
      num++;
    snprintf(marker, sizeof marker, "%ld%c ", num, d);
  } else {
    snprintf(marker, sizeof marker, "%c ", d);
  }
  if (dm_node_prev(n)) markdown_cr(w, dm_node_list_tight(l) ? 1 : 2);
  markdown_marker(w, n, marker);
  return DM_OK;
}

static int markdown_enter_div(markdown_writer *w, const dm_node *n) {
  long num;
  char delim;
  if (markdown_div_is_item(n, &num, &delim)) {
    long pnum;
    char pdelim;
    const dm_node *prev = dm_node_prev(n);
    int cont = prev && markdown_div_is_item(prev, &pnum, &pdelim) && pdelim == delim && pnum + 1 == num;
    if (cont || w->list_sig != markdown_list_sig(1, delim)) {
      markdown_block_start(w, n);
      char marker[32];
      snprintf(marker, sizeof marker, "%ld%c ", num, delim);
      markdown_marker(w, n, marker);
      return DM_OK;
    }
  }
  const char *label = dm_node_label(n);
  if (!label || !*label) return DM_OK;
  /* Any labelled div (an article's "SEC. 2.", a point's "(a)") keeps its
   * number as text at the start of its first paragraph or heading:
   * Markdown has no other place for it, and dropping it loses what the
   * source printed. */
  const dm_node *first = dm_node_first_child(n);
  if (first && (dm_node_type_of(first) == DM_NODE_PARAGRAPH || dm_node_type_of(first) == DM_NODE_HEADING)) {
    w->label_para = first;
    w->label_text = label;
  } else {
    markdown_block_start(w, n);
    markdown_flush(w);
    markdown_text(w, label, strlen(label), NULL);
  }
  return DM_OK;
}

/* Raw content of another format than HTML is dropped with a warning. */
static int markdown_raw_dropped(markdown_writer *w, const dm_node *n, const char *what) {
  const char *fmt = dm_node_label(n);
  if (!fmt || strcmp(fmt, "html") == 0) return 0;
  w->raw_dropped++;
  if (dm_warn(w->ctx, DM_DIAG_RAW_DROPPED, dm_node_pos(n), "raw %s %s dropped", fmt, what) != DM_OK) return -1;
  return 1;
}

static int markdown_enter_raw_block(markdown_writer *w, const dm_node *n) {
  int dropped = markdown_raw_dropped(w, n, "block");
  if (dropped) return dropped < 0 ? DM_ENOMEM : DM_OK;
  markdown_block_start(w, n);
  size_t len = dm_node_literal_len(n);
  const char *lit = dm_node_literal(n);
  if (len && lit[len - 1] == '\n') len--;
  if (dm_node_literal_len(n) > 0) markdown_lines(w, lit, len, 0);
  return DM_OK;
}

static int markdown_enter_break(markdown_writer *w, dm_node_type t) {
  if (w->in_table || w->in_atx) {
    markdown_lit(w, " ", 1);
    return DM_OK;
  }
  if (t == DM_NODE_LINEBREAK) markdown_lit(w, "\\", 1);
  markdown_cr(w, 1);
  return DM_OK;
}

/* The innermost first (or last) text of emphasis n, through nested
 * emphasis, or NULL. */
static const dm_node *markdown_emph_edge(const dm_node *n, int last) {
  while (n && (dm_node_type_of(n) == DM_NODE_EMPH || dm_node_type_of(n) == DM_NODE_STRONG))
    n = last ? dm_node_last_child(n) : dm_node_first_child(n);
  return n && dm_node_type_of(n) == DM_NODE_TEXT ? n : NULL;
}

/* An opener must be left-flanking: blanks the text starts with go before
 * it (emphasis is of words), a character before it that would make it
 * intraword next to punctuation is written as an entity, and a run of the
 * same character as the closer just written takes the other one ("*a**b*"
 * is one run of two). */
static int markdown_enter_emph(markdown_writer *w, const dm_node *n, dm_node_type t) {
  char c = markdown_emph_char(w, n);
  markdown_flush(w);
  const dm_node *first = markdown_emph_edge(n, 0);
  if (first && first != w->skip_node) {
    size_t k = dmi_md_space_prefix(dm_node_literal(first), dm_node_literal_len(first));
    if (k && k < dm_node_literal_len(first)) {
      markdown_text(w, dm_node_literal(first), k, NULL);
      w->skip_node = first;
      w->skip = k;
    }
  }
  size_t at;
  uint32_t before = w->out.len ? dmi_md_last_cp(w->out.data, w->out.len, &at) : 0;
  if (before == (uint32_t)c) c = c == '*' ? '_' : '*';
  int inner = dmi_md_flank_class(dmi_md_first_cp(dm_node_first_child(n), w->skip_node, w->skip));
  if (before && dmi_md_flank_class(before) == DMI_MD_OTHER && (inner == DMI_MD_PUNCT || c == '_')) {
    w->out.len = at;
    markdown_entity(w, before);
  }
  if (markdown_push_delim(w, c) != DM_OK) return DM_ENOMEM;
  markdown_lit(w, t == DM_NODE_STRONG ? (c == '*' ? "**" : "__") : (c == '*' ? "*" : "_"), t == DM_NODE_STRONG ? 2 : 1);
  return DM_OK;
}

/* A closer must be right-flanking: blanks the text ends with go after it,
 * and when what precedes it is punctuation (or, for "_", anything but a
 * blank) and a letter follows, that letter is written as an entity. */
static void markdown_exit_emph(markdown_writer *w, const dm_node *n) {
  char c = w->ndelims ? w->delims[--w->ndelims] : '*';
  int strong = dm_node_type_of(n) == DM_NODE_STRONG;
  const dm_node *last = markdown_emph_edge(n, 1);
  char blanks[64];
  size_t nb = 0;
  if (last && w->need == 0) {
    nb = dmi_md_space_suffix(dm_node_literal(last), dm_node_literal_len(last));
    if (nb > sizeof blanks || nb >= w->out.len || dmi_md_space_suffix(w->out.data, w->out.len) < nb) nb = 0;
    memcpy(blanks, w->out.data + w->out.len - nb, nb);
    w->out.len -= nb;
  }
  uint32_t before = w->out.len ? dmi_md_last_cp(w->out.data, w->out.len, NULL) : 0;
  int after = nb ? DMI_MD_SPACE : dmi_md_flank_class(dmi_md_next_cp(n)), b = dmi_md_flank_class(before);
  markdown_lit(w, strong ? (c == '*' ? "**" : "__") : (c == '*' ? "*" : "_"), strong ? 2 : 1);
  if (nb) markdown_out(w, blanks, nb);
  w->entity_next = after == DMI_MD_OTHER && (b == DMI_MD_PUNCT || (c == '_' && b == DMI_MD_OTHER));
}

/* Returns 1 when the link was written whole as an autolink. */
static int markdown_enter_link(markdown_writer *w, dm_iter *it, const dm_node *n) {
  int k = markdown_autolink_kind(n);
  if (!k) {
    markdown_lit(w, "[", 1);
    return DM_OK;
  }
  markdown_lit(w, "<", 1);
  markdown_puts(w, k == 1 ? dm_node_url(n) : dm_node_url(n) + 7);
  markdown_lit(w, ">", 1);
  dm_iter_reset(it, (dm_node *)n, DM_EVENT_EXIT);
  /* the EXIT that follows must not write the tail */
  return 1;
}

static int markdown_enter_note(markdown_writer *w, dm_iter *it, const dm_node *n) {
  const dm_node *note = dm_node_type_of(n) == DM_NODE_NOTE ? n : dm_node_note_target(n);
  markdown_lit(w, "[^", 2);
  markdown_puts(w, markdown_note_label(w, note));
  markdown_lit(w, "]", 1);
  if (n != note) return DM_OK;
  w->queue[w->qlen++] = n;
  dm_iter_reset(it, (dm_node *)n, DM_EVENT_EXIT);
  return 1;
}

static int markdown_enter_inline(markdown_writer *w, dm_iter *it, const dm_node *n, dm_node_type t) {
  switch (t) {
  case DM_NODE_TEXT: {
    size_t skip = n == w->skip_node ? w->skip : 0;
    markdown_text(w, dm_node_literal(n) + skip, dm_node_literal_len(n) - skip, dm_node_next(n));
    break;
  }
  case DM_NODE_SOFTBREAK:
  case DM_NODE_LINEBREAK: return markdown_enter_break(w, t);
  case DM_NODE_EMPH:
  case DM_NODE_STRONG: return markdown_enter_emph(w, n, t);
  case DM_NODE_STRIKE: markdown_lit(w, "~~", 2); break;
  case DM_NODE_UNDERLINE: markdown_lit(w, "<u>", 3); break;
  case DM_NODE_SUPERSCRIPT: markdown_lit(w, "<sup>", 5); break;
  case DM_NODE_SUBSCRIPT: markdown_lit(w, "<sub>", 5); break;
  case DM_NODE_CODE: markdown_code_span(w, dm_node_literal(n), dm_node_literal_len(n)); break;
  case DM_NODE_LINK: return markdown_enter_link(w, it, n);
  case DM_NODE_IMAGE: markdown_lit(w, "![", 2); break;
  case DM_NODE_RAW_INLINE: {
    int dropped = markdown_raw_dropped(w, n, "inline");
    if (dropped) return dropped < 0 ? DM_ENOMEM : DM_OK;
    markdown_lit(w, dm_node_literal(n), dm_node_literal_len(n));
    break;
  }
  case DM_NODE_NOTE:
  case DM_NODE_NOTE_REF: return markdown_enter_note(w, it, n);
  default: break;
  }
  return DM_OK;
}

static int markdown_enter(markdown_writer *w, dm_iter *it, const dm_node *n) {
  dm_node_type t = dm_node_type_of(n);
  if (dm_node_type_is_block(t) && t != DM_NODE_DIV && t != DM_NODE_LIST && t != DM_NODE_DOCUMENT &&
      t != DM_NODE_TABLE_ROW && t != DM_NODE_TABLE_CELL)
    w->list_sig = 0;
  switch (t) {
  case DM_NODE_DOCUMENT: break;
  case DM_NODE_PARAGRAPH: return markdown_enter_paragraph(w, n);
  case DM_NODE_HEADING: return markdown_enter_heading(w, n);
  case DM_NODE_BLOCK_QUOTE:
    markdown_block_start(w, n);
    markdown_lit(w, dm_node_first_child(n) ? "> " : ">", dm_node_first_child(n) ? 2 : 1);
    markdown_push_prefix(w, "> ", 2, n);
    break;
  case DM_NODE_LIST:
    if (w->list_sig == markdown_list_sig(dm_node_list_ordered(n), markdown_own_delim(n))) w->alt_list = n;
    markdown_block_start(w, n);
    w->list_sig = 0;
    break;
  case DM_NODE_ITEM: return markdown_enter_item(w, n);
  case DM_NODE_DIV: return markdown_enter_div(w, n);
  case DM_NODE_CODE_BLOCK:
    markdown_block_start(w, n);
    markdown_code_block(w, n);
    break;
  case DM_NODE_RAW_BLOCK: return markdown_enter_raw_block(w, n);
  case DM_NODE_THEMATIC_BREAK: {
    /* after a list marker, "* ***" or "- ---" would be one break */
    int marker = w->after_marker;
    markdown_block_start(w, n);
    markdown_lit(w, marker ? "___" : "***", 3);
    break;
  }
  case DM_NODE_PAGE_BREAK: w->page_breaks++; break;
  case DM_NODE_TABLE: {
    markdown_block_start(w, n);
    w->in_table = 1;
    dm_table_grid_release(&w->grid);
    int rc = dm_table_grid_make(n, &w->grid);
    if (rc == DM_ENOMEM) return rc;
    if (rc != DM_OK && dm_warn(w->ctx, DM_DIAG_UNSUPPORTED, dm_node_pos(n),
                               "a table too large to lay out on a grid: its cell spans are ignored") != DM_OK)
      return DM_ENOMEM;
    w->grid_row = 0;
    w->spans_lost += w->grid.spans;
    break;
  }
  case DM_NODE_TABLE_ROW:
    if (dm_node_prev(n)) markdown_cr(w, 1);
    markdown_lit(w, "|", 1);
    w->grid_col = 0;
    break;
  case DM_NODE_TABLE_CELL:
    /* places of this row covered by cells of the rows above */
    while (w->grid.at && w->grid_col < w->grid.cols && dm_table_grid_cell(&w->grid, w->grid_row, w->grid_col) != n) {
      markdown_lit(w, "  |", 3);
      w->grid_col++;
    }
    markdown_lit(w, " ", 1);
    break;
  default: return markdown_enter_inline(w, it, n, t);
  }
  return DM_OK;
}

/* The widest row of a table, counted once per table: counting it again at
 * every row's end made the writer quadratic in the rows (20,000 rows took
 * half a minute). */
static size_t markdown_table_cols(markdown_writer *w, const dm_node *table) {
  if (w->grid.at) return w->grid.cols;
  if (w->cols_table == table) return w->cols_n;
  size_t ncols = 0;
  for (const dm_node *r = dm_node_first_child(table); r; r = dm_node_next(r)) {
    size_t c = 0;
    for (const dm_node *x = dm_node_first_child(r); x; x = dm_node_next(x))
      c++;
    if (c > ncols) ncols = c;
  }
  w->cols_table = table;
  w->cols_n = ncols;
  return ncols;
}

static void markdown_table_row_end(markdown_writer *w, const dm_node *row) {
  size_t ncols = markdown_table_cols(w, dm_node_parent(row)), have = 0;
  for (const dm_node *x = dm_node_first_child(row); x && !w->grid.at; x = dm_node_next(x))
    have++;
  if (w->grid.at) have = w->grid_col;
  w->grid_row++;
  if (ncols == 0) ncols = 1;
  for (size_t i = have; i < ncols; i++)
    markdown_lit(w, " |", 2);
  if (dm_node_prev(row)) return;
  /* the delimiter row follows the first row, with each column's alignment */
  markdown_cr(w, 1);
  markdown_lit(w, "|", 1);
  const dm_node *cell = dm_node_first_child(row);
  for (size_t i = 0; i < ncols; i++) {
    if (w->grid.at) cell = dm_table_grid_cell(&w->grid, 0, i);
    dm_align a = cell ? dm_node_cell_align(cell) : DM_ALIGN_NONE;
    markdown_puts(w, a == DM_ALIGN_LEFT     ? " :-- |"
                     : a == DM_ALIGN_CENTER ? " :-: |"
                     : a == DM_ALIGN_RIGHT  ? " --: |"
                                            : " --- |");
    if (cell && !w->grid.at) cell = dm_node_next(cell);
  }
}

static int markdown_exit(markdown_writer *w, const dm_node *n) {
  switch (dm_node_type_of(n)) {
  case DM_NODE_HEADING:
    if (!w->in_atx) {
      markdown_cr(w, 1);
      markdown_lit(w, dm_node_heading_level(n) == 1 ? "===" : "---", 3);
    }
    w->in_atx = 0;
    break;
  case DM_NODE_BLOCK_QUOTE:
  case DM_NODE_ITEM: markdown_pop_prefix(w, n); break;
  case DM_NODE_LIST:
    w->list_sig = markdown_list_sig(dm_node_list_ordered(n), markdown_list_delim(w, n));
    if (w->alt_list == n) w->alt_list = NULL;
    break;
  case DM_NODE_DIV: {
    long num;
    char delim;
    /* a numbered div written as a list item: close it */
    if (markdown_div_is_item(n, &num, &delim) && w->nsaved && w->owners[w->nsaved - 1] == n) {
      markdown_pop_prefix(w, n);
      w->list_sig = markdown_list_sig(1, delim);
    }
    if (w->label_para && dm_node_parent(w->label_para) == n) w->label_para = NULL;
    break;
  }
  case DM_NODE_TABLE:
    w->in_table = 0;
    dm_table_grid_release(&w->grid);
    break;
  case DM_NODE_TABLE_ROW: markdown_table_row_end(w, n); break;
  case DM_NODE_TABLE_CELL: {
    /* the cell, then the further columns it spans, empty */
    size_t span = w->grid.at ? dm_table_grid_span(&w->grid, w->grid_row, w->grid_col, 1) : 1;
    for (size_t i = 0; i < (span ? span : 1); i++)
      markdown_lit(w, i ? "  |" : " |", i ? 3 : 2);
    w->grid_col += span ? span : 1;
    break;
  }
  case DM_NODE_EMPH:
  case DM_NODE_STRONG: markdown_exit_emph(w, n); break;
  case DM_NODE_STRIKE: markdown_lit(w, "~~", 2); break;
  case DM_NODE_UNDERLINE: markdown_lit(w, "</u>", 4); break;
  case DM_NODE_SUPERSCRIPT: markdown_lit(w, "</sup>", 6); break;
  case DM_NODE_SUBSCRIPT: markdown_lit(w, "</sub>", 6); break;
  case DM_NODE_LINK:
  case DM_NODE_IMAGE: markdown_link_tail(w, n); break;
  default: break;
  }
  return DM_OK;
}

/* Writes the children of root (the document, or a note's blocks). */
static int markdown_walk(markdown_writer *w, const dm_node *root) {
  dm_iter *it = dm_iter_new((dm_node *)root);
  if (!it) return DM_ENOMEM;
  const dm_node *skip_exit = NULL;
  int rc = DM_OK;
  dm_event ev;
  while (rc == DM_OK && (ev = dm_iter_next(it)) != DM_EVENT_DONE) {
    dm_node *n = dm_iter_node(it);
    if (n == root) continue;
    /* a block that cannot be written in a table cell: its text only */
    if (w->in_table && ev == DM_EVENT_ENTER && dm_node_type_is_block(dm_node_type_of(n)) &&
        dm_node_type_of(n) != DM_NODE_PARAGRAPH && dm_node_type_of(n) != DM_NODE_TABLE_ROW &&
        dm_node_type_of(n) != DM_NODE_TABLE_CELL) {
      const char *txt = dm_node_text_content(n);
      if (dm_node_prev(n)) markdown_lit(w, " ", 1);
      if (txt) markdown_text(w, txt, strlen(txt), NULL);
      dm_iter_reset(it, n, DM_EVENT_EXIT);
      skip_exit = n;
      continue;
    }
    if (ev == DM_EVENT_ENTER) {
      int r = markdown_enter(w, it, n);
      if (r == 1)
        skip_exit = n;
      else
        rc = r;
    } else if (n == skip_exit) {
      skip_exit = NULL;
    } else {
      rc = markdown_exit(w, n);
    }
  }
  dm_iter_free(it);
  return rc;
}

int dmi_markdown_write(dm_ctx *ctx, void *priv, const dm_doc *doc, dm_sink *out) {
  (void)priv;
  markdown_writer w;
  memset(&w, 0, sizeof w);
  w.ctx = ctx;
  w.sink = out;
  dm_buf_append(&w.prefix, "", 0);
  int rc = markdown_collect_notes(&w, doc);
  /* front matter read from Markdown goes back where it was */
  const char *front = dm_doc_meta(doc, DMI_MARKDOWN_FRONT_MATTER);
  if (rc == DM_OK && front) {
    dm_buf_append(&w.out, front, strlen(front));
    dm_buf_append(&w.out, "\n", 1);
  }
  if (rc == DM_OK) rc = markdown_walk(&w, dm_doc_root(doc));
  /* definitions, in order of first reference; notes met inside a
   * definition are queued behind */
  for (size_t i = 0; rc == DM_OK && i < w.qlen; i++) {
    const dm_node *note = w.queue[i];
    w.list_sig = 0;
    w.after_marker = 0;
    markdown_cr(&w, markdown_any_output(&w) ? 2 : 0);
    markdown_lit(&w, "[^", 2);
    markdown_puts(&w, markdown_note_label(&w, note));
    markdown_lit(&w, "]:", 2);
    if (dm_node_first_child(note)) {
      markdown_lit(&w, " ", 1);
      markdown_push_prefix(&w, "    ", 4, note);
      rc = markdown_walk(&w, note);
      markdown_pop_prefix(&w, note);
    }
  }
  if (rc == DM_OK && markdown_any_output(&w)) dm_buf_append(&w.out, "\n", 1);
  if (rc == DM_OK && w.page_breaks &&
      dm_warn(ctx, DM_DIAG_UNSUPPORTED, dm_pos_offset(DM_NO_OFFSET),
              "%zu page break(s) omitted: Markdown cannot express them", w.page_breaks) != DM_OK)
    rc = DM_ENOMEM;
  if (rc == DM_OK && w.spans_lost &&
      dm_warn(ctx, DM_DIAG_UNSUPPORTED, dm_pos_offset(DM_NO_OFFSET),
              "%zu table cell(s) spanning rows or columns written in their first place only, the places they "
              "cover left empty: Markdown tables have no cell spans",
              w.spans_lost) != DM_OK)
    rc = DM_ENOMEM;
  if (rc == DM_OK && (w.out.status || w.prefix.status)) rc = DM_ENOMEM;
  if (rc == DM_OK) {
    markdown_send(&w);
    rc = w.sink_rc;
  } else if (rc == DM_ENOMEM)
    rc = dm_error(ctx, DM_ENOMEM, "out of memory");
  free(w.out.data);
  free(w.prefix.data);
  free(w.saved);
  free(w.owners);
  for (size_t i = 0; i < w.nowned; i++)
    free(w.owned[i]);
  free(w.owned);
  free(w.delims);
  dm_table_grid_release(&w.grid);
  free(w.notes);
  dm_node_map_free(w.note_at);
  free(w.queue);
  return rc;
}
