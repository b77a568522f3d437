/* SPDX-License-Identifier: MIT */
/*
 * The Markdown reader: cmark-gfm (with its table, footnote, strikethrough
 * and autolink extensions) parses the text, and this file maps cmark's tree
 * onto docmill's model with one iterative walk. Three things cmark-gfm does
 * not give us are recovered here: footnote markers (cmark overwrites each
 * reference with its own sequence number, so the marker is read back from
 * the source text at the definition's position), definitions that are never
 * referenced (cmark drops them, so the reader parses a second time with a
 * reference to each appended, then keeps them as text with a warning), and
 * <sup>/<sub> (raw HTML inlines around their content, paired per parent and
 * turned into superscript/subscript nodes). Input is checked and cleaned
 * before cmark sees it, so that byte offsets in errors are the user's and
 * source positions stay consistent with the text we scan.
 */
#include <pthread.h>
#include <stdio.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include "markdown.h"

/* Source bytes whose cmark nodes are freed between two returns of free
 * heap pages to the system (see markdown_release). */
#define MARKDOWN_RELEASE_STEP ((size_t)1 << 20)

/* Inputs larger than this are parsed in segments of about this size (see
 * markdown_read_segmented), unless the option "segment" says otherwise. */
#define MARKDOWN_SEGMENT_ABOVE ((size_t)4 << 20)
#define MARKDOWN_SEGMENT_SIZE ((size_t)1 << 20)

static pthread_once_t markdown_once = PTHREAD_ONCE_INIT;

static void markdown_register_extensions(void) { cmark_gfm_core_extensions_ensure_registered(); }

/* The cleaned input: valid UTF-8 without NUL or BOM, and where its lines
 * start (cmark's source positions count lines and bytes in it). buf points
 * into the caller's input when nothing had to be replaced, else at owned. */
typedef struct markdown_src {
  const char *buf;
  char *owned;
  size_t len;
  size_t *lines; /* lines[i]: offset of line i + 1 */
  size_t nlines;
} markdown_src;

/* One open container while walking cmark's tree. A <sup>/<sub> pair opens
 * a frame for the same cmark parent (pseudo), closed by its end tag. */
typedef struct markdown_frame {
  cmark_node *cm;
  dm_node *dm;
} markdown_frame;

typedef struct markdown_def {
  cmark_node *node;
  const char *label;
  dm_node *note;  /* the note made at its first reference */
  uint32_t depth; /* nesting depth of that reference */
  size_t refs;    /* references outside the appended probe paragraph */
  uint32_t line;
} markdown_def;

/* Lines from..from+n-1 of a text cmark parsed are source lines to..; the
 * lines the reader adds around the source map to none (0). */
typedef struct markdown_piece {
  uint32_t from, to, n;
} markdown_piece;

typedef struct markdown_reader {
  dm_ctx *ctx;
  dm_doc *doc;
  markdown_src src;
  uint32_t max_depth;
  uint64_t max_notes, nnotes; /* the notes limit, and notes made so far */
  markdown_frame *frames;
  size_t nframes, capframes;
  cmark_node **pairs; /* scratch stack for pairing <sup> tags */
  size_t cappairs;
  markdown_def *defs;
  size_t ndefs;
  size_t *queue; /* definitions whose note still has to be filled */
  size_t qhead, qlen;
  cmark_node *probe_para; /* the appended paragraph of the second parse */
  size_t released;        /* source bytes converted and freed since the last trim */
  /* segmented parsing (see markdown_read_segmented): how lines of the text
   * cmark parsed map to source lines, and footnote numbers of the current
   * segment to indices of defs */
  int mapped;
  const markdown_piece *pieces;
  size_t npieces;
  const size_t *segmap;
  size_t nsegmap;
} markdown_reader;

/* Markers stored as cmark user data on paired raw-HTML inlines. */
static const char markdown_mark_sup = 's', markdown_mark_sub = 'b', markdown_mark_close = 'c';

/* ---- input ---------------------------------------------------------------- */

static int markdown_grow(void **p, size_t *cap, size_t need, size_t elem) {
  if (need <= *cap) return 0;
  size_t n = *cap ? *cap : 16;
  while (n < need)
    n *= 2;
  void *q = realloc(*p, n * elem);
  if (!q) return -1;
  *p = q;
  *cap = n;
  return 0;
}

/* Checks the input and sets r->src to it: a BOM dropped, NUL and (when
 * lenient) invalid sequences replaced by U+FFFD under the library's policy
 * (dm_utf8_clean), with a warning each. Input that needs no replacement
 * (nearly all of it) is used where it lies, so a large file is not held
 * twice; only the rest is copied. */
static int markdown_clean(markdown_reader *r, const dm_input *in, int lenient) {
  const unsigned char *s = in->data;
  size_t n = in->size, i = 0;
  if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) i = 3;
  if (i == n) {
    r->src.buf = "";
    r->src.len = 0;
    return DM_OK;
  }
  if (dm_utf8_clean_needed(s + i, n - i) == n - i) {
    r->src.buf = (const char *)s + i;
    r->src.len = n - i;
    return DM_OK;
  }
  dm_buf b = DM_BUF_INIT;
  int rc = dm_utf8_clean(r->ctx, s + i, n - i, lenient, i, &b);
  size_t len = 0;
  char *d = rc == DM_OK ? dm_buf_detach(&b, &len) : NULL;
  dm_buf_release(&b);
  if (rc != DM_OK) return rc;
  if (!d) return dm_error(r->ctx, DM_ENOMEM, "out of memory");
  r->src.buf = r->src.owned = d;
  r->src.len = len;
  return DM_OK;
}

/* Where each line of the cleaned text starts, counting lines as cmark
 * does (LF, CRLF, CR). */
static int markdown_index_lines(markdown_reader *r) {
  size_t cap = 0;
  const char *b = r->src.buf;
  size_t n = r->src.len;
  if (markdown_grow((void **)&r->src.lines, &cap, 1, sizeof(size_t)) < 0) goto oom;
  r->src.lines[0] = 0;
  r->src.nlines = 1;
  if (!memchr(b, '\r', n)) {
    /* LF only, the common case: let memchr find them */
    for (const char *p = b, *e = b + n; (p = memchr(p, '\n', (size_t)(e - p))); p++) {
      if (markdown_grow((void **)&r->src.lines, &cap, r->src.nlines + 1, sizeof(size_t)) < 0) goto oom;
      r->src.lines[r->src.nlines++] = (size_t)(p - b) + 1;
    }
    return DM_OK;
  }
  for (size_t i = 0; i < n; i++) {
    if (b[i] == '\n' || (b[i] == '\r' && (i + 1 >= n || b[i + 1] != '\n'))) {
      if (markdown_grow((void **)&r->src.lines, &cap, r->src.nlines + 1, sizeof(size_t)) < 0) goto oom;
      r->src.lines[r->src.nlines++] = i + 1;
    }
  }
  return DM_OK;
oom:
  return dm_error(r->ctx, DM_ENOMEM, "out of memory");
}

/* Byte offset in the cleaned text of cmark's (line, column); columns count
 * bytes from 1. Clamped to the text. */
static size_t markdown_offset(const markdown_reader *r, int line, int col) {
  if (line < 1 || (size_t)line > r->src.nlines) return r->src.len;
  size_t off = r->src.lines[line - 1] + (col > 1 ? (size_t)col - 1 : 0);
  return off > r->src.len ? r->src.len : off;
}

/* The source line of line l of the text cmark parsed, 0 if none. */
static int markdown_line(const markdown_reader *r, int l) {
  if (!r->mapped) return l;
  size_t lo = 0, hi = r->npieces;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if ((uint32_t)l < r->pieces[mid].from)
      hi = mid;
    else
      lo = mid + 1;
  }
  if (lo == 0 || l < 1) return 0;
  const markdown_piece *p = &r->pieces[lo - 1];
  return (uint32_t)l - p->from < p->n ? (int)(p->to + ((uint32_t)l - p->from)) : 0;
}

static int markdown_sline(const markdown_reader *r, cmark_node *cm) {
  return markdown_line(r, cmark_node_get_start_line(cm));
}

static int markdown_eline(const markdown_reader *r, cmark_node *cm) {
  return markdown_line(r, cmark_node_get_end_line(cm));
}

static dm_pos markdown_pos(const markdown_reader *r, cmark_node *cm) {
  int line = markdown_sline(r, cm), col = cmark_node_get_start_column(cm);
  if (line < 1 || (size_t)line > r->src.nlines) return dm_pos_line(0, 0);
  size_t start = r->src.lines[line - 1], end = markdown_offset(r, line, col);
  uint32_t cps = 1;
  for (size_t i = start; i < end; i++)
    if (((unsigned char)r->src.buf[i] & 0xC0) != 0x80) cps++;
  return dm_pos_line((uint32_t)line, cps);
}

/* ---- cmark ---------------------------------------------------------------- */

/* A parser with footnotes and the extensions docmill reads (tables,
 * strikethrough, autolinks); NULL when out of memory. */
static cmark_parser *markdown_parser_new(void) {
  pthread_once(&markdown_once, markdown_register_extensions);
  cmark_parser *p = dmi_md_parser_new(CMARK_OPT_FOOTNOTES);
  if (!p) return NULL;
  static const char *const exts[] = {"table", "strikethrough", "autolink"};
  for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
    cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);
    if (e) cmark_parser_attach_syntax_extension(p, e);
  }
  return p;
}

/* Parses text followed by more (more_len may be 0): cmark reads its input
 * in pieces as if it were one, so an appended tail needs no copy of the
 * whole text. */
static cmark_node *markdown_parse(const char *text, size_t len, const char *more, size_t more_len) {
  cmark_parser *p = markdown_parser_new();
  if (!p) return NULL;
  dmi_md_feed(p, text, len);
  if (more_len) dmi_md_feed(p, more, more_len);
  return dmi_md_finish(p);
}

static const char *markdown_ext_type(cmark_node *cm) {
  cmark_node_type t = cmark_node_get_type(cm);
  if (t == CMARK_NODE_DOCUMENT || (t >= CMARK_NODE_BLOCK_QUOTE && t <= CMARK_NODE_FOOTNOTE_DEFINITION) ||
      (t >= CMARK_NODE_TEXT && t <= CMARK_NODE_FOOTNOTE_REFERENCE))
    return NULL;
  const char *s = cmark_node_get_type_string(cm);
  return s ? s : "";
}

/* ---- footnote labels ------------------------------------------------------ */

/* The marker of a definition, read back from the source: cmark places the
 * definition's start just after "[^label]:" and its spaces. */
static const char *markdown_def_label(markdown_reader *r, cmark_node *def) {
  int line = markdown_sline(r, def);
  if (line < 1 || (size_t)line > r->src.nlines) return NULL;
  size_t ls = r->src.lines[line - 1];
  size_t q = markdown_offset(r, line, cmark_node_get_start_column(def));
  const char *b = r->src.buf;
  while (q > ls && (b[q - 1] == ' ' || b[q - 1] == '\t' || b[q - 1] == '\n' || b[q - 1] == '\r'))
    q--;
  if (q < ls + 5 || b[q - 1] != ':' || b[q - 2] != ']') return NULL;
  size_t end = q - 2, k = end;
  while (k > ls + 1 && !(b[k - 2] == '[' && b[k - 1] == '^'))
    k--;
  if (k <= ls + 1 || k >= end) return NULL;
  return dm_doc_strndup(r->doc, b + k, end - k);
}

/* ---- building ------------------------------------------------------------- */

static int markdown_push(markdown_reader *r, cmark_node *cm, dm_node *dm, uint32_t base) {
  if (base + r->nframes + 1 > r->max_depth)
    return dm_error_at(r->ctx, DM_ELIMIT, markdown_pos(r, cm), "nesting deeper than the limit of %u levels",
                       r->max_depth);
  if (markdown_grow((void **)&r->frames, &r->capframes, r->nframes + 1, sizeof *r->frames) < 0)
    return dm_error(r->ctx, DM_ENOMEM, "out of memory");
  r->frames[r->nframes++] = (markdown_frame){cm, dm};
  return DM_OK;
}

/* Appends child under parent; inlines put directly in a table cell go into
 * the cell's one paragraph. */
static int markdown_append(markdown_reader *r, dm_node *parent, dm_node *child) {
  if (!child) return dm_error(r->ctx, DM_ENOMEM, "out of memory");
  if (dm_node_type_of(parent) == DM_NODE_TABLE_CELL && dm_node_type_is_inline(dm_node_type_of(child))) {
    dm_node *p = dm_node_last_child(parent);
    if (!p || dm_node_type_of(p) != DM_NODE_PARAGRAPH) {
      p = dm_node_new(r->doc, DM_NODE_PARAGRAPH);
      if (!p || dm_node_append_child(parent, p) != DM_OK) return dm_error(r->ctx, DM_ENOMEM, "out of memory");
    }
    parent = p;
  }
  if (dm_node_append_child(parent, child) != DM_OK)
    return dm_error(r->ctx, DM_EINTERNAL, "cannot put a %s in a %s", dm_node_type_name(dm_node_type_of(child)),
                    dm_node_type_name(dm_node_type_of(parent)));
  return DM_OK;
}

static int markdown_html_tag(const char *lit) {
  if (!lit) return 0;
  if (strcasecmp(lit, "<sup>") == 0) return 1;
  if (strcasecmp(lit, "<sub>") == 0) return 2;
  if (strcasecmp(lit, "</sup>") == 0) return -1;
  if (strcasecmp(lit, "</sub>") == 0) return -2;
  return 0;
}

/* Pairs <sup>…</sup> and <sub>…</sub> among the children of one inline
 * container, marking both ends through cmark's user data. Pairs nest; an
 * end tag closes the nearest open tag of its kind, and tags it skips stay
 * raw HTML. */
static int markdown_pair_tags(markdown_reader *r, cmark_node *parent) {
  size_t n = 0;
  for (cmark_node *c = cmark_node_first_child(parent); c; c = cmark_node_next(c)) {
    if (cmark_node_get_type(c) != CMARK_NODE_HTML_INLINE) continue;
    int k = markdown_html_tag(cmark_node_get_literal(c));
    if (k > 0) {
      if (markdown_grow((void **)&r->pairs, &r->cappairs, n + 1, sizeof *r->pairs) < 0)
        return dm_error(r->ctx, DM_ENOMEM, "out of memory");
      r->pairs[n++] = c;
    } else if (k < 0) {
      size_t j = n;
      while (j > 0 && markdown_html_tag(cmark_node_get_literal(r->pairs[j - 1])) != -k)
        j--;
      if (j == 0) continue;
      cmark_node_set_user_data(r->pairs[j - 1], (void *)(k == -1 ? &markdown_mark_sup : &markdown_mark_sub));
      cmark_node_set_user_data(c, (void *)&markdown_mark_close);
      n = j - 1;
    }
  }
  return DM_OK;
}

/* Warns about "[^x]" left as text: a reference to a note never defined.
 * Only where the source has it unescaped, so "\[^x]" stays quiet. */
static int markdown_check_undefined(markdown_reader *r, cmark_node *cm, const char *lit) {
  const char *p = strstr(lit, "[^");
  if (!p) return DM_OK;
  int line = markdown_sline(r, cm), el = markdown_eline(r, cm);
  if (line < 1 || el != line) return DM_OK;
  size_t a = markdown_offset(r, line, cmark_node_get_start_column(cm));
  size_t b = markdown_offset(r, line, cmark_node_get_end_column(cm) + 1);
  const char *s = r->src.buf;
  for (size_t i = a; i + 3 < b; i++) {
    if (s[i] != '[' || s[i + 1] != '^' || (i > 0 && s[i - 1] == '\\')) continue;
    size_t k = i + 2;
    while (k < b && s[k] != ']' && s[k] != ' ' && s[k] != '\t' && s[k] != '[')
      k++;
    if (k >= b || s[k] != ']' || k == i + 2) continue;
    dm_pos pos = markdown_pos(r, cm);
    for (size_t j = a; j < i; j++)
      if (((unsigned char)s[j] & 0xC0) != 0x80) pos.column++;
    if (dm_warn(r->ctx, DM_DIAG_NOTE_UNDEFINED, pos, "footnote [^%.*s] is referenced but never defined",
                (int)(k - i - 2), s + i + 2) != DM_OK)
      return DM_ENOMEM;
  }
  return DM_OK;
}

static int markdown_enqueue(markdown_reader *r, size_t idx) {
  /* each definition is queued at most once, so ndefs slots suffice */
  r->queue[r->qlen++] = idx;
  return DM_OK;
}

/* cmark-gfm 0.29 can hand back a literal that is not valid UTF-8 even from
 * valid input (a footnote reference broken over lines whose label holds a
 * multi-byte character comes back cut inside that character). The model
 * only holds valid UTF-8: such bytes become U+FFFD, with a warning. */
static const char *markdown_valid_literal(markdown_reader *r, cmark_node *cm, const char *lit) {
  size_t len = strlen(lit);
  size_t bad = dm_utf8_validate((const unsigned char *)lit, len);
  if (bad == len) return lit;
  char *fixed = dm_doc_alloc(r->doc, len * 3 + 1);
  if (!fixed) return NULL;
  size_t o = 0;
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    int n = dm_utf8_decode((const unsigned char *)lit + i, len - i, &cp);
    if (n > 0) {
      memcpy(fixed + o, lit + i, (size_t)n);
      o += (size_t)n;
      i += (size_t)n;
    } else {
      memcpy(fixed + o, "\xEF\xBF\xBD", 3);
      o += 3;
      i++;
    }
  }
  fixed[o] = '\0';
  dm_warn(r->ctx, DM_DIAG_ENCODING, markdown_pos(r, cm),
          "the Markdown parser gave invalid UTF-8 at byte %zu of a text; replaced by U+FFFD", bad);
  return fixed;
}

static int markdown_footnote_ref(markdown_reader *r, cmark_node *cm, dm_node *parent, uint32_t depth) {
  const char *lit = cmark_node_get_literal(cm);
  char *end = NULL;
  unsigned long ix = lit ? strtoul(lit, &end, 10) : 0;
  if (r->segmap) ix = ix >= 1 && ix <= r->nsegmap ? r->segmap[ix - 1] + 1 : 0;
  if (ix < 1 || ix > r->ndefs) {
    /* not a number cmark gave: keep the source text */
    size_t a = markdown_offset(r, markdown_sline(r, cm), cmark_node_get_start_column(cm));
    size_t b = markdown_offset(r, markdown_eline(r, cm), cmark_node_get_end_column(cm) + 1);
    /* cmark's columns for a reference broken over lines can fall inside a
     * character (seen with a U+FFFD that replaced a NUL): widen the slice
     * to whole characters so the text stays valid UTF-8. */
    while (a > 0 && ((unsigned char)r->src.buf[a] & 0xC0) == 0x80)
      a--;
    while (b < r->src.len && ((unsigned char)r->src.buf[b] & 0xC0) == 0x80)
      b++;
    return markdown_append(r, parent, dm_node_new_text(r->doc, r->src.buf + a, b > a ? b - a : 0));
  }
  markdown_def *d = &r->defs[ix - 1];
  if (!d->note) {
    if (r->max_notes && ++r->nnotes > r->max_notes)
      return dm_error_at(r->ctx, DM_ELIMIT, markdown_pos(r, cm), "more notes than the limit of %llu",
                         (unsigned long long)r->max_notes);
    dm_node *note = dm_node_new(r->doc, DM_NODE_NOTE);
    if (!note || dm_node_set_label(note, d->label) != DM_OK) return dm_error(r->ctx, DM_ENOMEM, "out of memory");
    d->note = note;
    d->depth = depth;
    int rc = markdown_append(r, parent, note);
    if (rc != DM_OK) return rc;
    return markdown_enqueue(r, ix - 1);
  }
  dm_node *ref = dm_node_new(r->doc, DM_NODE_NOTE_REF);
  if (!ref || dm_node_set_label(ref, d->label) != DM_OK || dm_node_set_note_target(ref, d->note) != DM_OK)
    return dm_error(r->ctx, DM_ENOMEM, "out of memory");
  return markdown_append(r, parent, ref);
}

/* The docmill node for one cmark node entered; NULL *out for nodes that add
 * nothing of their own (handled here). */
/* ---- one cmark node to one docmill node ------------------------------------
 * Each helper makes the node for its kind of cmark node in *n and returns
 * DM_OK, or an error (recorded); DM_OK with *n NULL means the cmark node
 * was fully handled (merged, skipped with a warning, or a pseudo frame). */

static void markdown_cell_align(cmark_node *cm, dm_node *n) {
  cmark_node *row = cmark_node_parent(cm), *table = row ? cmark_node_parent(row) : NULL;
  if (!table) return;
  size_t col = 0;
  for (cmark_node *c = cmark_node_previous(cm); c; c = cmark_node_previous(c))
    col++;
  uint16_t ncols = cmark_gfm_extensions_get_table_columns(table);
  uint8_t *al = cmark_gfm_extensions_get_table_alignments(table);
  if (al && col < ncols)
    dm_node_set_cell_align(n, al[col] == 'l'   ? DM_ALIGN_LEFT
                              : al[col] == 'c' ? DM_ALIGN_CENTER
                              : al[col] == 'r' ? DM_ALIGN_RIGHT
                                               : DM_ALIGN_NONE);
}

/* The nodes of cmark-gfm's extensions: tables and strikethrough. */
static int markdown_convert_ext(markdown_reader *r, cmark_node *cm, const char *ext, dm_node **n) {
  dm_doc *doc = r->doc;
  if (strcmp(ext, "table") == 0) {
    *n = dm_node_new(doc, DM_NODE_TABLE);
  } else if (strcmp(ext, "table_row") == 0 || strcmp(ext, "table_header") == 0) {
    *n = dm_node_new(doc, DM_NODE_TABLE_ROW);
    if (*n) dm_node_set_row_header(*n, strcmp(ext, "table_header") == 0);
  } else if (strcmp(ext, "table_cell") == 0) {
    *n = dm_node_new(doc, DM_NODE_TABLE_CELL);
    if (*n) markdown_cell_align(cm, *n);
  } else if (strcmp(ext, "strikethrough") == 0) {
    *n = dm_node_new(doc, DM_NODE_STRIKE);
  } else {
    return dm_warn(r->ctx, DM_DIAG_UNKNOWN_ELEMENT, markdown_pos(r, cm), "cmark node '%s' skipped", ext);
  }
  return *n ? DM_OK : dm_error(r->ctx, DM_ENOMEM, "out of memory");
}

static dm_node *markdown_new_list(markdown_reader *r, cmark_node *cm) {
  dm_node *n = dm_node_new(r->doc, DM_NODE_LIST);
  if (!n) return NULL;
  int ordered = cmark_node_get_list_type(cm) == CMARK_ORDERED_LIST;
  char delim = '.';
  if (ordered) {
    delim = cmark_node_get_list_delim(cm) == CMARK_PAREN_DELIM ? ')' : '.';
  } else {
    /* cmark keeps the bullet character only in the source */
    size_t o = markdown_offset(r, markdown_sline(r, cm), cmark_node_get_start_column(cm));
    while (o < r->src.len && (r->src.buf[o] == ' ' || r->src.buf[o] == '\t' || r->src.buf[o] == '>'))
      o++;
    delim = o < r->src.len && (r->src.buf[o] == '*' || r->src.buf[o] == '+') ? r->src.buf[o] : '-';
  }
  int start = cmark_node_get_list_start(cm);
  dm_node_set_list(n, ordered, start < 0 ? 0 : start, cmark_node_get_list_tight(cm), delim);
  return n;
}

/* A node holding cmark's literal: code, code block (label: the fence's
 * info string), raw HTML (label "html"). NULL when out of memory. */
static dm_node *markdown_new_literal(dm_doc *doc, dm_node_type t, cmark_node *cm, const char *label) {
  const char *lit = cmark_node_get_literal(cm);
  dm_node *n = dm_node_new(doc, t);
  if (n && (dm_node_set_literal(n, lit ? lit : "", lit ? strlen(lit) : 0) != DM_OK ||
            (label && *label && dm_node_set_label(n, label) != DM_OK)))
    n = NULL;
  return n;
}

static int markdown_convert_html(markdown_reader *r, cmark_node *cm, dm_node *parent, uint32_t depth, dm_node **n) {
  void *mark = cmark_node_get_user_data(cm);
  if (mark == &markdown_mark_close) {
    /* closes the innermost pseudo frame, which is its own <sup>/<sub> */
    if (r->nframes > 1 && r->frames[r->nframes - 1].cm == cmark_node_parent(cm)) r->nframes--;
    return DM_OK;
  }
  if (mark == &markdown_mark_sup || mark == &markdown_mark_sub) {
    dm_node *s = dm_node_new(r->doc, mark == &markdown_mark_sup ? DM_NODE_SUPERSCRIPT : DM_NODE_SUBSCRIPT);
    int rc = markdown_append(r, parent, s);
    if (rc != DM_OK) return rc;
    return markdown_push(r, cmark_node_parent(cm), s, depth);
  }
  int block = cmark_node_get_type(cm) == CMARK_NODE_HTML_BLOCK;
  *n = markdown_new_literal(r->doc, block ? DM_NODE_RAW_BLOCK : DM_NODE_RAW_INLINE, cm, "html");
  return *n ? DM_OK : dm_error(r->ctx, DM_ENOMEM, "out of memory");
}

static int markdown_convert_text(markdown_reader *r, cmark_node *cm, dm_node *parent, dm_node **n) {
  const char *lit = cmark_node_get_literal(cm);
  if (!lit) lit = "";
  if (!(lit = markdown_valid_literal(r, cm, lit))) return dm_error(r->ctx, DM_ENOMEM, "out of memory");
  int rc = markdown_check_undefined(r, cm, lit);
  if (rc != DM_OK) return rc;
  /* cmark splits text at brackets and entities; keep one node */
  dm_node *host = parent;
  if (dm_node_type_of(host) == DM_NODE_TABLE_CELL && dm_node_last_child(host)) host = dm_node_last_child(host);
  dm_node *last = dm_node_last_child(host);
  if (last && dm_node_type_of(last) == DM_NODE_TEXT) {
    if (dm_node_append_literal(last, lit, strlen(lit)) != DM_OK) return dm_error(r->ctx, DM_ENOMEM, "out of memory");
    return DM_OK;
  }
  *n = dm_node_new_text(r->doc, lit, strlen(lit));
  return *n ? DM_OK : dm_error(r->ctx, DM_ENOMEM, "out of memory");
}

static dm_node *markdown_new_link(dm_doc *doc, cmark_node *cm) {
  dm_node *n = dm_node_new(doc, cmark_node_get_type(cm) == CMARK_NODE_LINK ? DM_NODE_LINK : DM_NODE_IMAGE);
  const char *url = cmark_node_get_url(cm), *title = cmark_node_get_title(cm);
  if (n && (dm_node_set_url(n, url ? url : "") != DM_OK || dm_node_set_title(n, title ? title : "") != DM_OK)) n = NULL;
  return n;
}

/* The nodes of CommonMark itself. */
static int markdown_convert_core(markdown_reader *r, cmark_node *cm, dm_node *parent, uint32_t depth, dm_node **n) {
  dm_doc *doc = r->doc;
  switch (cmark_node_get_type(cm)) {
  case CMARK_NODE_BLOCK_QUOTE: *n = dm_node_new(doc, DM_NODE_BLOCK_QUOTE); break;
  case CMARK_NODE_LIST: *n = markdown_new_list(r, cm); break;
  case CMARK_NODE_ITEM: *n = dm_node_new(doc, DM_NODE_ITEM); break;
  case CMARK_NODE_CODE_BLOCK:
    *n = markdown_new_literal(doc, DM_NODE_CODE_BLOCK, cm, cmark_node_get_fence_info(cm));
    break;
  case CMARK_NODE_HTML_BLOCK:
  case CMARK_NODE_HTML_INLINE: return markdown_convert_html(r, cm, parent, depth, n);
  case CMARK_NODE_PARAGRAPH: *n = dm_node_new(doc, DM_NODE_PARAGRAPH); break;
  case CMARK_NODE_HEADING:
    *n = dm_node_new(doc, DM_NODE_HEADING);
    if (*n) dm_node_set_heading_level(*n, cmark_node_get_heading_level(cm));
    break;
  case CMARK_NODE_THEMATIC_BREAK: *n = dm_node_new(doc, DM_NODE_THEMATIC_BREAK); break;
  case CMARK_NODE_TEXT: return markdown_convert_text(r, cm, parent, n);
  case CMARK_NODE_SOFTBREAK: *n = dm_node_new(doc, DM_NODE_SOFTBREAK); break;
  case CMARK_NODE_LINEBREAK: *n = dm_node_new(doc, DM_NODE_LINEBREAK); break;
  case CMARK_NODE_CODE: *n = markdown_new_literal(doc, DM_NODE_CODE, cm, NULL); break;
  case CMARK_NODE_EMPH: *n = dm_node_new(doc, DM_NODE_EMPH); break;
  case CMARK_NODE_STRONG: *n = dm_node_new(doc, DM_NODE_STRONG); break;
  case CMARK_NODE_LINK:
  case CMARK_NODE_IMAGE: *n = markdown_new_link(doc, cm); break;
  case CMARK_NODE_FOOTNOTE_REFERENCE: return markdown_footnote_ref(r, cm, parent, depth + (uint32_t)r->nframes);
  default:
    return dm_warn(r->ctx, DM_DIAG_UNKNOWN_ELEMENT, markdown_pos(r, cm), "cmark node '%s' skipped",
                   cmark_node_get_type_string(cm));
  }
  return *n ? DM_OK : dm_error(r->ctx, DM_ENOMEM, "out of memory");
}

/* Whether a node made here takes the children of its cmark node. */
static int markdown_is_container(const dm_node *n) {
  switch (dm_node_type_of(n)) {
  case DM_NODE_CODE_BLOCK:
  case DM_NODE_RAW_BLOCK:
  case DM_NODE_RAW_INLINE:
  case DM_NODE_THEMATIC_BREAK:
  case DM_NODE_TEXT:
  case DM_NODE_SOFTBREAK:
  case DM_NODE_LINEBREAK:
  case DM_NODE_CODE: return 0;
  default: return 1;
  }
}

static int markdown_convert(markdown_reader *r, cmark_node *cm, dm_node *parent, uint32_t depth, dm_node **out,
                            int *container) {
  dm_node *n = NULL;
  *out = NULL;
  *container = 0;
  const char *ext = markdown_ext_type(cm);
  int rc = ext ? markdown_convert_ext(r, cm, ext, &n) : markdown_convert_core(r, cm, parent, depth, &n);
  if (rc != DM_OK || !n) return rc;
  *container = markdown_is_container(n);
  if (dm_node_type_is_block(dm_node_type_of(n))) dm_node_set_pos(n, markdown_pos(r, cm));
  rc = markdown_append(r, parent, n);
  if (rc != DM_OK) return rc;
  *out = n;
  return DM_OK;
}

/* Converts cmark node top and everything under it, below the frames the
 * caller has open, iteratively (cmark's iterator), so that depth is bounded
 * by the limit and not by the stack. */
static int markdown_walk(markdown_reader *r, cmark_node *top, uint32_t base) {
  cmark_iter *it = cmark_iter_new(top);
  if (!it) return dm_error(r->ctx, DM_ENOMEM, "out of memory");
  int rc = DM_OK;
  cmark_event_type ev;
  while (rc == DM_OK && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
    cmark_node *cm = cmark_iter_get_node(it);
    if (ev == CMARK_EVENT_EXIT) {
      while (r->nframes > 0 && r->frames[r->nframes - 1].cm == cm)
        r->nframes--;
      continue;
    }
    if (r->nframes == 0) break;
    dm_node *parent = r->frames[r->nframes - 1].dm, *n = NULL;
    int container = 0;
    rc = markdown_convert(r, cm, parent, base, &n, &container);
    if (rc != DM_OK) break;
    if (container && n) {
      rc = markdown_push(r, cm, n, base);
      if (rc == DM_OK) rc = markdown_pair_tags(r, cm);
    } else if (!n && cmark_node_first_child(cm) && cmark_node_get_type(cm) != CMARK_NODE_FOOTNOTE_REFERENCE) {
      /* skipped: do not descend */
      cmark_iter_reset(it, cm, CMARK_EVENT_EXIT);
    }
  }
  cmark_iter_free(it);
  return rc;
}

/* Frees cmark node cm, converted, and now and then gives the freed heap
 * pages back. cmark's thousands of small nodes live in malloc's main heap,
 * where docmill's arena (large chunks, mapped apart) cannot reuse them, so
 * without the trim the process would keep the whole of cmark's tree
 * resident next to docmill's. glibc only; elsewhere the pages are merely
 * reused by later small allocations. */
static void markdown_release(markdown_reader *r, cmark_node *cm) {
  size_t a = markdown_offset(r, markdown_sline(r, cm), 1);
  size_t b = markdown_offset(r, markdown_eline(r, cm) + 1, 1);
  cmark_node_free(cm);
  r->released += b > a ? b - a : 0;
  if (r->released < MARKDOWN_RELEASE_STEP) return;
  r->released = 0;
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

/* Builds the children of cmark node root under target, one child at a
 * time, and frees each child once converted, so that cmark's
 * tree shrinks while docmill's grows and the two never both exist whole
 * (cmark's nodes and buffers take several times the input). At the top of
 * the document, footnote definitions and the appended probe paragraph are
 * skipped and left in place: notes are filled from the queue. */
static int markdown_build(markdown_reader *r, cmark_node *root, dm_node *target, uint32_t base) {
  r->nframes = 0;
  int rc = markdown_push(r, root, target, base);
  if (rc == DM_OK) rc = markdown_pair_tags(r, root);
  int top = cmark_node_get_type(root) == CMARK_NODE_DOCUMENT;
  cmark_node *next;
  for (cmark_node *c = cmark_node_first_child(root); rc == DM_OK && c; c = next) {
    next = cmark_node_next(c);
    if (top && (cmark_node_get_type(c) == CMARK_NODE_FOOTNOTE_DEFINITION || c == r->probe_para)) continue;
    rc = markdown_walk(r, c, base);
    markdown_release(r, c);
  }
  return rc;
}

/* ---- footnote definitions ----------------------------------------------- */

/* Lists cmark's definitions (appended at the end of the document in the
 * order of their numbers) with their markers, and counts the references to
 * each outside the probe paragraph. */
static int markdown_collect_defs(markdown_reader *r, cmark_node *doc) {
  size_t n = 0;
  for (cmark_node *c = cmark_node_first_child(doc); c; c = cmark_node_next(c))
    if (cmark_node_get_type(c) == CMARK_NODE_FOOTNOTE_DEFINITION) n++;
  r->ndefs = n;
  if (!n) return DM_OK;
  r->defs = calloc(n, sizeof *r->defs);
  r->queue = calloc(n, sizeof *r->queue);
  if (!r->defs || !r->queue) return dm_error(r->ctx, DM_ENOMEM, "out of memory");
  size_t i = 0;
  for (cmark_node *c = cmark_node_first_child(doc); c; c = cmark_node_next(c)) {
    if (cmark_node_get_type(c) != CMARK_NODE_FOOTNOTE_DEFINITION) continue;
    markdown_def *d = &r->defs[i++];
    d->node = c;
    d->line = (uint32_t)markdown_sline(r, c);
    d->label = markdown_def_label(r, c);
    if (!d->label) {
      char num[32];
      snprintf(num, sizeof num, "%zu", i);
      d->label = dm_doc_strdup(r->doc, num);
      if (!d->label) return dm_error(r->ctx, DM_ENOMEM, "out of memory");
    }
  }
  cmark_iter *it = cmark_iter_new(doc);
  if (!it) return dm_error(r->ctx, DM_ENOMEM, "out of memory");
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
    cmark_node *cm = cmark_iter_get_node(it);
    if (ev != CMARK_EVENT_ENTER) continue;
    if (cm == r->probe_para) {
      cmark_iter_reset(it, cm, CMARK_EVENT_EXIT);
      continue;
    }
    if (cmark_node_get_type(cm) != CMARK_NODE_FOOTNOTE_REFERENCE) continue;
    const char *lit = cmark_node_get_literal(cm);
    unsigned long ix = lit ? strtoul(lit, NULL, 10) : 0;
    if (ix >= 1 && ix <= n) r->defs[ix - 1].refs++;
  }
  cmark_iter_free(it);
  return DM_OK;
}

/* A definition candidate in the source: "[^label]:" at the start of a line
 * after container markers. */
typedef struct markdown_cand {
  const char *label;
  size_t len;
  uint32_t line;
} markdown_cand;

static int markdown_cand_cmp(const void *a, const void *b) {
  const markdown_cand *x = a, *y = b;
  size_t n = x->len < y->len ? x->len : y->len;
  int c = memcmp(x->label, y->label, n);
  if (c) return c;
  if (x->len != y->len) return x->len < y->len ? -1 : 1;
  return x->line < y->line ? -1 : x->line > y->line;
}

static int markdown_label_cmp(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int markdown_scan_cands(markdown_reader *r, markdown_cand **out, size_t *nout) {
  size_t cap = 0, n = 0;
  markdown_cand *c = NULL;
  const char *b = r->src.buf;
  for (size_t l = 0; l < r->src.nlines; l++) {
    size_t i = r->src.lines[l], end = l + 1 < r->src.nlines ? r->src.lines[l + 1] : r->src.len;
    while (i < end && strchr(" \t>-+*0123456789.)", b[i]) && b[i])
      i++;
    if (i + 4 >= end || b[i] != '[' || b[i + 1] != '^') continue;
    size_t k = i + 2;
    while (k < end && b[k] != ']' && b[k] != ' ' && b[k] != '\t' && b[k] != '\n' && b[k] != '\r' && b[k] != '[')
      k++;
    if (k == i + 2 || k + 1 >= end || b[k] != ']' || b[k + 1] != ':') continue;
    if (markdown_grow((void **)&c, &cap, n + 1, sizeof *c) < 0) {
      free(c);
      return dm_error(r->ctx, DM_ENOMEM, "out of memory");
    }
    c[n++] = (markdown_cand){b + i + 2, k - i - 2, (uint32_t)l + 1};
  }
  *out = c;
  *nout = n;
  return DM_OK;
}

/* Which candidate labels have no definition in cmark's tree: those cmark
 * dropped as unreferenced (or that are not definitions at all). Also warns
 * about a marker defined twice. Returns the text of a paragraph referring
 * to each, to append for the second parse, or NULL when none. */
static int markdown_unused_probe(markdown_reader *r, char **probe, size_t *probe_len) {
  *probe = NULL;
  *probe_len = 0;
  markdown_cand *c = NULL;
  size_t nc = 0;
  int rc = markdown_scan_cands(r, &c, &nc);
  if (rc != DM_OK || nc == 0) return rc;
  qsort(c, nc, sizeof *c, markdown_cand_cmp);
  const char **used = r->ndefs ? malloc(r->ndefs * sizeof *used) : NULL;
  if (r->ndefs && !used) {
    free(c);
    return dm_error(r->ctx, DM_ENOMEM, "out of memory");
  }
  for (size_t i = 0; i < r->ndefs; i++)
    used[i] = r->defs[i].label;
  if (r->ndefs) qsort(used, r->ndefs, sizeof *used, markdown_label_cmp);
  size_t u = 0;
  dm_buf p = DM_BUF_INIT;
  for (size_t i = 0; i < nc && rc == DM_OK; i++) {
    int dup = i > 0 && markdown_cand_cmp(&c[i - 1], &c[i]) != 0 && c[i - 1].len == c[i].len &&
              memcmp(c[i - 1].label, c[i].label, c[i].len) == 0;
    if (dup) {
      if (dm_warn(r->ctx, DM_DIAG_NOTE_DUPLICATE, dm_pos_line(c[i].line, 1),
                  "footnote [^%.*s] is defined again; the first definition is kept", (int)c[i].len,
                  c[i].label) != DM_OK)
        rc = DM_ENOMEM;
      continue;
    }
    while (u < r->ndefs && (strncmp(used[u], c[i].label, c[i].len) < 0 ||
                            (strncmp(used[u], c[i].label, c[i].len) == 0 && strlen(used[u]) < c[i].len)))
      u++;
    if (u < r->ndefs && strlen(used[u]) == c[i].len && memcmp(used[u], c[i].label, c[i].len) == 0) continue;
    if (p.len == 0) dm_buf_puts(&p, "\n\n");
    dm_buf_puts(&p, "[^");
    dm_buf_append(&p, c[i].label, c[i].len);
    dm_buf_puts(&p, "] ");
  }
  free(used);
  free(c);
  if (rc != DM_OK || p.len == 0) {
    dm_buf_release(&p);
    return rc;
  }
  dm_buf_putc(&p, '\n');
  if (!(*probe = dm_buf_detach(&p, probe_len))) return dm_error(r->ctx, DM_ENOMEM, "out of memory");
  return DM_OK;
}

/* Keeps a definition nobody refers to as text at its place in the
 * document: "[^x]: " then its content, with a warning. */
static int markdown_keep_unused(markdown_reader *r, markdown_def *d, dm_node **cursor) {
  dm_node *root = dm_doc_root(r->doc);
  dm_node *holder = dm_node_new(r->doc, DM_NODE_DIV);
  if (!holder) return dm_error(r->ctx, DM_ENOMEM, "out of memory");
  int rc = markdown_build(r, d->node, holder, 1);
  markdown_release(r, d->node);
  d->node = NULL;
  if (rc != DM_OK) return rc;
  dm_node *first = dm_node_first_child(holder);
  if (!first || dm_node_type_of(first) != DM_NODE_PARAGRAPH) {
    first = dm_node_new(r->doc, DM_NODE_PARAGRAPH);
    if (!first || dm_node_prepend_child(holder, first) != DM_OK) return dm_error(r->ctx, DM_ENOMEM, "out of memory");
  }
  dm_pos pos = dm_pos_line(d->line, 1);
  dm_node_set_pos(first, pos);
  char *head = malloc(strlen(d->label) + 8);
  if (!head) return dm_error(r->ctx, DM_ENOMEM, "out of memory");
  /* no space after the colon when nothing follows: a paragraph's trailing
   * blanks would not survive a round trip */
  int hl = snprintf(head, strlen(d->label) + 8, dm_node_first_child(first) ? "[^%s]: " : "[^%s]:", d->label);
  dm_node *t = dm_node_new_text(r->doc, head, (size_t)hl);
  free(head);
  if (!t || dm_node_prepend_child(first, t) != DM_OK) return dm_error(r->ctx, DM_ENOMEM, "out of memory");
  if (dm_node_next(t) && dm_node_type_of(dm_node_next(t)) == DM_NODE_TEXT) {
    dm_node *nx = dm_node_next(t);
    if (dm_node_append_literal(t, dm_node_literal(nx), dm_node_literal_len(nx)) != DM_OK)
      return dm_error(r->ctx, DM_ENOMEM, "out of memory");
    dm_node_unlink(nx);
  }
  /* place the blocks before the first top-level block that starts later */
  while (*cursor && dm_node_pos(*cursor).line <= d->line)
    *cursor = dm_node_next(*cursor);
  while ((first = dm_node_first_child(holder))) {
    rc = *cursor ? dm_node_insert_before(*cursor, first) : dm_node_append_child(root, first);
    if (rc != DM_OK) return dm_error(r->ctx, DM_EINTERNAL, "cannot place an unused footnote");
  }
  if (dm_warn(r->ctx, DM_DIAG_NOTE_UNUSED, pos, "footnote [^%s] is defined but never referenced; kept as text",
              d->label) != DM_OK)
    return DM_ENOMEM;
  return DM_OK;
}

static int markdown_drain_queue(markdown_reader *r) {
  while (r->qhead < r->qlen) {
    markdown_def *d = &r->defs[r->queue[r->qhead++]];
    int rc = markdown_build(r, d->node, d->note, d->depth);
    /* nothing looks at a definition once its note is built */
    markdown_release(r, d->node);
    d->node = NULL;
    if (rc != DM_OK) return rc;
  }
  return DM_OK;
}

static int markdown_def_line_cmp(const void *a, const void *b) {
  const markdown_def *x = *(markdown_def *const *)a, *y = *(markdown_def *const *)b;
  return x->line < y->line ? -1 : x->line > y->line;
}

/* ---- the hook ------------------------------------------------------------- */

static int markdown_finish_notes(markdown_reader *r);
/* ---- segmented parsing ----------------------------------------------------- */

/* Lines of s[0, n) as cmark counts them (LF, CRLF or CR end one; a last
 * line without an end counts too). */
static uint32_t markdown_count_lines(const char *s, size_t n, int *open_end) {
  uint32_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= n || s[i + 1] != '\n'))) k++;
  *open_end = n > 0 && s[n - 1] != '\n' && s[n - 1] != '\r';
  return k + (uint32_t)*open_end;
}

/* A label to sort and look up, ASCII case folded as cmark folds labels of
 * that alphabet. */
typedef struct markdown_lab {
  const char *s;
  size_t n, idx;
} markdown_lab;

static int markdown_lab_cmp(const void *a, const void *b) {
  const markdown_lab *x = a, *y = b;
  int c = strncasecmp(x->s, y->s, x->n < y->n ? x->n : y->n);
  if (c) return c;
  return x->n < y->n ? -1 : x->n > y->n;
}

/* What segmented parsing keeps between the parses. */
typedef struct markdown_seg {
  const dmi_md_scan *sc;
  dm_buf prefix; /* the link reference definitions, fed before every segment */
  uint32_t prefix_lines;
  markdown_piece *pieces; /* of the definitions' parse */
  size_t npieces;
  markdown_lab *by_label; /* r->defs sorted by label */
  size_t *stubs, *segmap, *stamp;
  dm_buf stub_text; /* the stub definitions of one segment */
} markdown_seg;

/* The definition whose label equals s[0, n) but for ASCII case, or -1. */
static long markdown_find_def(const markdown_reader *r, const markdown_seg *g, const char *s, size_t n) {
  size_t lo = 0, hi = r->ndefs;
  markdown_lab key = {s, n, 0};
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int c = markdown_lab_cmp(&g->by_label[mid], &key);
    if (c == 0) return (long)g->by_label[mid].idx;
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return -1;
}

static cmark_node *markdown_parser_done(cmark_parser *p) { return dmi_md_finish(p); }

/* The link reference definitions, gathered into g->prefix (fed before every
 * segment). *usable = 0 when they do not parse as definitions alone, or
 * could come near cmark's cap on what references expand to. */
static int markdown_seg_refdefs(markdown_reader *r, markdown_seg *g, int *usable) {
  const dmi_md_scan *sc = g->sc;
  const char *b = r->src.buf;
  dm_buf *pre = &g->prefix;
  *usable = 0;
  for (size_t i = 0; i < sc->n; i++) {
    size_t end = i + 1 < sc->n ? sc->chunks[i + 1].off : r->src.len;
    if (sc->chunks[i].kind != DMI_MD_REFDEF) continue;
    dm_buf_append(pre, b + sc->chunks[i].off, end - sc->chunks[i].off);
    if (b[end - 1] != '\n' && b[end - 1] != '\r') dm_buf_putc(pre, '\n');
  }
  if (pre->len) dm_buf_putc(pre, '\n');
  if (pre->status != DM_OK) goto oom; /* sticky: one check for every append */
  if (pre->len) {
    int oe;
    g->prefix_lines = markdown_count_lines(pre->data, pre->len, &oe);
    /* cmark caps what references may expand to by the input size (at
     * least 100,000 bytes); stay clear of the cap in every parse */
    size_t brackets = 0;
    for (size_t i = 0; i < r->src.len; i++)
      brackets += b[i] == ']';
    if (brackets * pre->len > 100000) return DM_OK;
    cmark_parser *p = markdown_parser_new();
    if (!p) goto oom;
    dmi_md_feed(p, pre->data, pre->len);
    cmark_node *d = markdown_parser_done(p);
    if (!d) goto oom;
    int empty = cmark_node_first_child(d) == NULL;
    cmark_node_free(d);
    if (!empty) return DM_OK;
  }
  *usable = 1;
  return DM_OK;
oom:
  return dm_error(r->ctx, DM_ENOMEM, "out of memory");
}

/* Feeds every footnote definition to p, in order, recording in g->pieces
 * where each lands, and then the probe paragraph referring to each ("[^a]
 * [^b] ..."), which keeps cmark from dropping them. *line is the line the
 * next input lands on. DM_OK or DM_ENOMEM (nothing recorded on the ctx). */
static int markdown_seg_feed_notes(markdown_reader *r, markdown_seg *g, cmark_parser *p, uint32_t *line) {
  const dmi_md_scan *sc = g->sc;
  const char *b = r->src.buf;
  dm_buf probe = DM_BUF_INIT;
  dm_buf_putc(&probe, '\n');
  for (size_t i = 0; i < sc->n; i++) {
    const dmi_md_chunk *c = &sc->chunks[i];
    if (c->kind != DMI_MD_NOTE) continue;
    size_t end = i + 1 < sc->n ? sc->chunks[i + 1].off : r->src.len;
    int oe;
    uint32_t k = markdown_count_lines(b + c->off, end - c->off, &oe);
    dmi_md_feed(p, b + c->off, end - c->off);
    if (oe) dmi_md_feed(p, "\n", 1);
    g->pieces[g->npieces++] = (markdown_piece){*line, c->line, k};
    *line += k;
    dm_buf_puts(&probe, "[^");
    dm_buf_append(&probe, b + c->off + 2, c->label_len);
    dm_buf_puts(&probe, "] ");
  }
  dm_buf_putc(&probe, '\n');
  int rc = probe.status;
  if (rc == DM_OK) dmi_md_feed(p, probe.data, probe.len);
  dm_buf_release(&probe);
  return rc;
}

/* Whether the nnotes footnote definitions have distinct labels, each the
 * label of exactly one collected definition that nothing refers to yet;
 * fills g->by_label, sorted for markdown_find_def. */
static int markdown_seg_labels(markdown_reader *r, markdown_seg *g, size_t nnotes, int *usable) {
  const dmi_md_scan *sc = g->sc;
  const char *b = r->src.buf;
  *usable = 0;
  markdown_lab *nc = malloc(nnotes * sizeof *nc);
  if (!nc) goto oom;
  size_t k = 0, distinct = 0;
  for (size_t i = 0; i < sc->n; i++)
    if (sc->chunks[i].kind == DMI_MD_NOTE)
      nc[k++] = (markdown_lab){b + sc->chunks[i].off + 2, sc->chunks[i].label_len, i};
  qsort(nc, nnotes, sizeof *nc, markdown_lab_cmp);
  for (size_t i = 0; i < nnotes; i++)
    distinct += i == 0 || markdown_lab_cmp(&nc[i - 1], &nc[i]) != 0;
  free(nc);
  if (distinct != r->ndefs) return DM_OK;
  g->by_label = malloc(r->ndefs * sizeof *g->by_label);
  if (!g->by_label) goto oom;
  for (size_t i = 0; i < r->ndefs; i++) {
    if (!r->defs[i].label || r->defs[i].refs) return DM_OK;
    g->by_label[i] = (markdown_lab){r->defs[i].label, strlen(r->defs[i].label), i};
  }
  qsort(g->by_label, r->ndefs, sizeof *g->by_label, markdown_lab_cmp);
  for (size_t i = 0; i + 1 < r->ndefs; i++)
    if (markdown_lab_cmp(&g->by_label[i], &g->by_label[i + 1]) == 0) return DM_OK;
  *usable = 1;
  return DM_OK;
oom:
  return dm_error(r->ctx, DM_ENOMEM, "out of memory");
}

/* The one parse of all nnotes footnote definitions, into *defs_doc, with
 * the probe paragraph after them; *usable = 0 when cmark saw anything but
 * the definitions and that one paragraph, or the labels do not match. */
static int markdown_seg_notes(markdown_reader *r, markdown_seg *g, size_t nnotes, cmark_node **defs_doc, int *usable) {
  *usable = 0;
  cmark_parser *p = markdown_parser_new();
  g->pieces = calloc(nnotes, sizeof *g->pieces);
  if (!p || !g->pieces) {
    if (p) dmi_md_parser_free(p);
    return dm_error(r->ctx, DM_ENOMEM, "out of memory");
  }
  if (g->prefix.len) dmi_md_feed(p, g->prefix.data, g->prefix.len);
  uint32_t line = g->prefix_lines + 1;
  if (markdown_seg_feed_notes(r, g, p, &line) != DM_OK) {
    dmi_md_parser_free(p);
    return dm_error(r->ctx, DM_ENOMEM, "out of memory");
  }
  *defs_doc = markdown_parser_done(p);
  if (!*defs_doc) return dm_error(r->ctx, DM_ENOMEM, "out of memory");
  /* exactly one paragraph (the probe) besides the definitions */
  size_t others = 0;
  cmark_node *para = NULL;
  for (cmark_node *c = cmark_node_first_child(*defs_doc); c; c = cmark_node_next(c)) {
    if (cmark_node_get_type(c) == CMARK_NODE_FOOTNOTE_DEFINITION) continue;
    others++;
    para = c;
  }
  if (others != 1 || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH ||
      (uint32_t)cmark_node_get_start_line(para) != line + 1)
    return DM_OK;
  r->mapped = 1;
  r->pieces = g->pieces;
  r->npieces = g->npieces;
  r->probe_para = para;
  int rc = markdown_collect_defs(r, *defs_doc);
  if (rc != DM_OK) return rc;
  return markdown_seg_labels(r, g, nnotes, usable);
}

/* The link reference definitions, and the one parse of all footnote
 * definitions (with a paragraph referring to each, so that cmark keeps
 * them all). Returns DM_OK with *ok = 0, having emitted nothing, when the
 * pieces are not what the scan took them for. */
static int markdown_seg_defs(markdown_reader *r, markdown_seg *g, cmark_node **defs_doc, int *ok) {
  const dmi_md_scan *sc = g->sc;
  size_t nnotes = 0;
  int usable, rc;
  *ok = 0;
  for (size_t i = 0; i < sc->n; i++)
    nnotes += sc->chunks[i].kind == DMI_MD_NOTE;
  if ((rc = markdown_seg_refdefs(r, g, &usable)) != DM_OK || !usable) return rc;
  if (nnotes && ((rc = markdown_seg_notes(r, g, nnotes, defs_doc, &usable)) != DM_OK || !usable)) return rc;
  /* every "[^x]:" the whole-text reader would look at is one of these */
  markdown_cand *cands = NULL;
  size_t nc = 0;
  if ((rc = markdown_scan_cands(r, &cands, &nc)) != DM_OK) return rc;
  for (size_t i = 0; i < nc; i++) {
    long d = r->ndefs ? markdown_find_def(r, g, cands[i].label, cands[i].len) : -1;
    if (d < 0 || strlen(r->defs[d].label) != cands[i].len ||
        memcmp(r->defs[d].label, cands[i].label, cands[i].len) != 0) {
      free(cands);
      return DM_OK;
    }
  }
  free(cands);
  *ok = 1;
  return DM_OK;
}

/* Parses and builds the pieces [first, last) of the scan as one segment. */
static int markdown_seg_one(markdown_reader *r, markdown_seg *g, size_t first, size_t last, size_t segno) {
  const dmi_md_scan *sc = g->sc;
  const char *b = r->src.buf;
  size_t a = sc->chunks[first].off, z = last < sc->n ? sc->chunks[last].off : r->src.len;
  /* a stub definition for each note this stretch may refer to, so that
   * cmark makes references of them as it would with the whole text */
  size_t nstubs = 0;
  dm_buf *stub = &g->stub_text;
  dm_buf_truncate(stub, 0);
  if (r->ndefs) {
    for (const char *p = b + a, *e = b + z; (p = memchr(p, '[', (size_t)(e - p))); p++) {
      if (p + 1 >= e || p[1] != '^') continue;
      const char *q = p + 2, *k = q;
      while (k < e && *k != ']' && *k != '\n' && *k != '\r')
        k++;
      if (k >= e || *k != ']') continue;
      while (q < k && (*q == ' ' || *q == '\t'))
        q++;
      const char *t = k;
      while (t > q && (t[-1] == ' ' || t[-1] == '\t'))
        t--;
      long d = markdown_find_def(r, g, q, (size_t)(t - q));
      if (d < 0 || g->stamp[d] == segno) continue;
      g->stamp[d] = segno;
      g->stubs[nstubs++] = (size_t)d;
      dm_buf_puts(stub, "[^");
      dm_buf_puts(stub, r->defs[d].label);
      dm_buf_puts(stub, "]: x\n\n");
    }
  }
  if (stub->status != DM_OK) return dm_error(r->ctx, DM_ENOMEM, "out of memory");
  cmark_parser *p = markdown_parser_new();
  if (!p) return dm_error(r->ctx, DM_ENOMEM, "out of memory");
  if (g->prefix.len) dmi_md_feed(p, g->prefix.data, g->prefix.len);
  if (stub->len) dmi_md_feed(p, stub->data, stub->len);
  dmi_md_feed(p, b + a, z - a);
  cmark_node *doc = markdown_parser_done(p);
  if (!doc) return dm_error(r->ctx, DM_ENOMEM, "out of memory");
  uint32_t stub0 = g->prefix_lines + 1, from = stub0 + 2 * (uint32_t)nstubs;
  markdown_piece piece = {from, sc->chunks[first].line, UINT32_MAX - from};
  r->mapped = 1;
  r->pieces = &piece;
  r->npieces = 1;
  /* cmark's numbers of this parse, in order, to definitions of the text */
  size_t nmap = 0;
  int rc = DM_OK;
  for (cmark_node *c = cmark_node_first_child(doc); c; c = cmark_node_next(c)) {
    if (cmark_node_get_type(c) != CMARK_NODE_FOOTNOTE_DEFINITION) continue;
    uint32_t l = (uint32_t)cmark_node_get_start_line(c);
    long d = -1;
    if (l >= stub0 && l < from) {
      d = (long)g->stubs[(l - stub0) / 2];
    } else {
      const char *lab = markdown_def_label(r, c);
      if (lab) d = markdown_find_def(r, g, lab, strlen(lab));
    }
    if (d < 0) {
      rc = dm_error(r->ctx, DM_EINTERNAL, "footnote definition of a segment not found");
      break;
    }
    g->segmap[nmap++] = (size_t)d;
  }
  r->segmap = g->segmap;
  r->nsegmap = nmap;
  if (rc == DM_OK && nmap) {
    /* count references as the whole-text reader does */
    cmark_iter *it = cmark_iter_new(doc);
    if (!it) rc = dm_error(r->ctx, DM_ENOMEM, "out of memory");
    cmark_event_type ev;
    while (rc == DM_OK && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
      cmark_node *cm = cmark_iter_get_node(it);
      if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(cm) != CMARK_NODE_FOOTNOTE_REFERENCE) continue;
      const char *lit = cmark_node_get_literal(cm);
      unsigned long ix = lit ? strtoul(lit, NULL, 10) : 0;
      if (ix >= 1 && ix <= nmap) r->defs[g->segmap[ix - 1]].refs++;
    }
    cmark_iter_free(it);
  }
  if (rc == DM_OK) rc = markdown_build(r, doc, dm_doc_root(r->doc), 0);
  cmark_node_free(doc);
  r->segmap = NULL;
  r->nsegmap = 0;
  r->pieces = NULL;
  r->npieces = 0;
  return rc;
}

/* Reads a large text in segments cut where the scan allows, so that cmark's
 * tree (several times the size of its input) never holds the whole
 * document: the tree built is the whole-text parse's, node for node.
 * Link reference definitions are fed before every segment; footnote
 * definitions are parsed once on their own, and each segment gets a stub
 * definition for every label it refers to, so that cmark makes the same
 * references. Sets *done = 0, having emitted nothing, when the text does
 * not lend itself to it. */
static int markdown_read_segmented(markdown_reader *r, size_t target, cmark_node **defs_doc, int *done) {
  *done = 0;
  dmi_md_scan sc;
  markdown_seg g;
  memset(&g, 0, sizeof g);
  g.sc = &sc;
  int ok = 0, rc = DM_OK;
  if (dmi_markdown_scan(r->src.buf, r->src.len, &sc) < 0) {
    free(sc.chunks);
    return dm_error(r->ctx, DM_ENOMEM, "out of memory");
  }
  int has_notes = 0;
  for (size_t i = 0; i < sc.n; i++)
    has_notes |= sc.chunks[i].kind == DMI_MD_NOTE;
  if (sc.n < 2 || !sc.ok || (has_notes && sc.eof_open)) goto out;
  rc = markdown_seg_defs(r, &g, defs_doc, &ok);
  if (rc != DM_OK) goto out;
  if (!ok) {
    /* back to the state before: nothing was emitted */
    if (*defs_doc) cmark_node_free(*defs_doc);
    *defs_doc = NULL;
    free(r->defs);
    free(r->queue);
    r->defs = NULL;
    r->queue = NULL;
    r->ndefs = 0;
    r->probe_para = NULL;
    r->mapped = 0;
    r->pieces = NULL;
    r->npieces = 0;
    goto out;
  }
  *done = 1;
  /* the warnings about duplicate definitions, as the whole-text reader
   * gives them; every candidate is a definition, so no probe is needed */
  char *probe = NULL;
  size_t probe_len = 0;
  rc = markdown_unused_probe(r, &probe, &probe_len);
  free(probe);
  if (rc != DM_OK) goto out;
  if (r->ndefs) {
    g.stubs = malloc(r->ndefs * sizeof *g.stubs);
    g.segmap = malloc(r->ndefs * sizeof *g.segmap);
    g.stamp = calloc(r->ndefs, sizeof *g.stamp);
    if (!g.stubs || !g.segmap || !g.stamp) {
      rc = dm_error(r->ctx, DM_ENOMEM, "out of memory");
      goto out;
    }
  }
  size_t segno = 0;
  for (size_t i = 0; i < sc.n && rc == DM_OK;) {
    size_t j = i + 1;
    while (j < sc.n && sc.chunks[j].off - sc.chunks[i].off < target)
      j++;
    rc = markdown_seg_one(r, &g, i, j, ++segno);
    i = j;
  }
  if (rc != DM_OK) goto out;
  r->mapped = 1;
  r->pieces = g.pieces;
  r->npieces = g.npieces;
  rc = markdown_finish_notes(r);
out:
  r->pieces = NULL;
  r->npieces = 0;
  free(sc.chunks);
  dm_buf_release(&g.prefix);
  free(g.pieces);
  free(g.by_label);
  free(g.stubs);
  free(g.segmap);
  free(g.stamp);
  dm_buf_release(&g.stub_text);
  return rc;
}

static int markdown_read_doc(markdown_reader *r, const dm_input *in, cmark_node **cdoc) {
  int rc = markdown_clean(r, in, dm_option_bool(r->ctx, "lenient"));
  if (rc == DM_OK) rc = markdown_index_lines(r);
  if (rc == DM_OK) rc = dmi_markdown_guard(r->ctx, r->src.buf, r->src.len);
  if (rc != DM_OK) return rc;
  long long seg = dm_option_int(r->ctx, "segment");
  if (seg < 0) seg = r->src.len > MARKDOWN_SEGMENT_ABOVE ? MARKDOWN_SEGMENT_SIZE : 0;
  if (seg > 0) {
    int done = 0;
    rc = markdown_read_segmented(r, (size_t)seg, cdoc, &done);
    if (rc != DM_OK || done) return rc;
  }
  *cdoc = markdown_parse(r->src.buf, r->src.len, NULL, 0);
  if (!*cdoc) return dm_error(r->ctx, DM_ENOMEM, "out of memory");
  rc = markdown_collect_defs(r, *cdoc);
  char *probe = NULL;
  size_t probe_len = 0;
  if (rc == DM_OK) rc = markdown_unused_probe(r, &probe, &probe_len);
  if (rc == DM_OK && probe) {
    /* Second parse with a reference to each candidate appended; kept only
     * if the appended text became a paragraph of its own at the end. The
     * first tree is freed before, so that two never coexist, and parsed
     * again in the rare case the second is not kept. */
    cmark_node_free(*cdoc);
    *cdoc = NULL;
    free(r->defs);
    free(r->queue);
    r->defs = NULL;
    r->queue = NULL;
    cmark_node *second = markdown_parse(r->src.buf, r->src.len, probe, probe_len);
    free(probe);
    if (!second) return dm_error(r->ctx, DM_ENOMEM, "out of memory");
    cmark_node *last = cmark_node_last_child(second);
    while (last && cmark_node_get_type(last) == CMARK_NODE_FOOTNOTE_DEFINITION)
      last = cmark_node_previous(last);
    /* the "\n\n" appended adds two line breaks, or one after a lone CR */
    int cr = r->src.len > 0 && r->src.buf[r->src.len - 1] == '\r';
    uint32_t probe_line = (uint32_t)r->src.nlines + (cr ? 1u : 2u);
    if (last && cmark_node_get_type(last) == CMARK_NODE_PARAGRAPH &&
        (uint32_t)cmark_node_get_start_line(last) == probe_line) {
      *cdoc = second;
      r->probe_para = last;
    } else {
      cmark_node_free(second);
      *cdoc = markdown_parse(r->src.buf, r->src.len, NULL, 0);
      if (!*cdoc) return dm_error(r->ctx, DM_ENOMEM, "out of memory");
    }
    rc = markdown_collect_defs(r, *cdoc);
  }
  if (rc != DM_OK) return rc;
  rc = markdown_build(r, *cdoc, dm_doc_root(r->doc), 0);
  if (rc != DM_OK) return rc;
  return markdown_finish_notes(r);
}

/* Fills the notes met so far, then keeps the definitions nobody refers to
 * as text at their places. */
static int markdown_finish_notes(markdown_reader *r) {
  int rc = markdown_drain_queue(r);
  if (rc != DM_OK) return rc;
  /* definitions only the probe paragraph refers to: kept as text */
  size_t nunused = 0;
  for (size_t i = 0; i < r->ndefs; i++)
    if (!r->defs[i].refs && !r->defs[i].note) nunused++;
  if (!nunused) return DM_OK;
  markdown_def **un = malloc(nunused * sizeof *un);
  if (!un) return dm_error(r->ctx, DM_ENOMEM, "out of memory");
  size_t k = 0;
  for (size_t i = 0; i < r->ndefs; i++)
    if (!r->defs[i].refs && !r->defs[i].note) un[k++] = &r->defs[i];
  qsort(un, nunused, sizeof *un, markdown_def_line_cmp);
  dm_node *cursor = dm_node_first_child(dm_doc_root(r->doc));
  for (size_t i = 0; i < nunused && rc == DM_OK; i++) {
    rc = markdown_keep_unused(r, un[i], &cursor);
    if (rc == DM_OK) rc = markdown_drain_queue(r);
  }
  free(un);
  return rc;
}

int dmi_markdown_read(dm_ctx *ctx, void *priv, const dm_input *in, dm_doc *doc) {
  (void)priv;
  markdown_reader r;
  memset(&r, 0, sizeof r);
  r.ctx = ctx;
  r.doc = doc;
  r.max_depth = dm_ctx_limits(ctx).max_depth;
  if (r.max_depth == 0) r.max_depth = 1000;
  r.max_notes = dm_ctx_limits(ctx).max_notes;
  /* A file of nothing but white space is not a document: converting it
   * would silently replace a good output with an empty one (the text
   * reader refuses it too). */
  size_t k = 0;
  while (k < in->size && (in->data[k] == ' ' || in->data[k] == '\t' || in->data[k] == '\n' || in->data[k] == '\r' ||
                          in->data[k] == '\f' || in->data[k] == '\v'))
    k++;
  if (k == in->size) return dm_error(ctx, DM_EFORMAT, "the input holds only white space");
  cmark_node *cdoc = NULL;
  unsigned char *blanked = NULL;
  int rc = dmi_markdown_front_matter(ctx, doc, in, &blanked);
  dm_input body = *in;
  if (blanked) body.data = blanked;
  if (rc == DM_OK) rc = markdown_read_doc(&r, &body, &cdoc);
  free(blanked);
  if (cdoc) cmark_node_free(cdoc);
  dmi_md_sweep();
  free(r.src.owned);
  free(r.src.lines);
  free(r.frames);
  free(r.pairs);
  free(r.defs);
  free(r.queue);
  return rc;
}
