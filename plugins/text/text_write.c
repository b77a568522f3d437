/* SPDX-License-Identifier: MIT */
/*
 * The plain-text writer, for translators' tools, search indexes and diff
 * tools: the words of the document and its numbering, nothing else.
 * Blocks are separated by a blank line; a numbered paragraph, a point, a
 * list item and a footnote start with their label as printed ("1.",
 * "(a)", "[1]") and their further lines hang under the text after it.
 * Footnotes are collected at the end, in order of first reference, as
 * "[marker] text" with the marker the source gave them (a note without
 * one is numbered); each reference in the text is "[marker]". Text is
 * written as it is: CJK and right-to-left text unchanged, no escaping.
 * text.wrap=N wraps lines at N columns (CJK characters count two and may
 * break anywhere, other text breaks at spaces); the default, 0, writes
 * each paragraph on one line, which suits diff and indexing tools. A link
 * keeps its URL after the text ("text <url>"), a page break is a form
 * feed, as pdftotext writes it. Metadata is not written (the title and
 * symbol of a resolution are in its text); raw content of another format
 * is left out with a warning.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docmill/docmill.h"

/* One note at the end: a note without a marker gets a number, in order
 * of first reference among such notes. */
typedef struct text_note {
  const dm_node *node;
  unsigned long number; /* 0 for a note with a marker */
} text_note;

typedef struct text_writer {
  dm_ctx *ctx;
  dm_sink *out;
  long wrap;       /* columns, 0 for none */
  dm_buf line;     /* inline text of the block being collected */
  dm_buf label;    /* label(s) owed to the next block's first line */
  size_t label_at; /* the indentation the first of them starts at */
  /* Three stacks and a list, kept in dm_bufs as arrays: */
  dm_buf indent;          /* size_t: indentation of each open container */
  dm_buf counters;        /* long: the next number of each open ordered list */
  dm_buf notes;           /* text_note: in order of first reference */
  dm_node_map *note_at;   /* note -> its index in notes, plus one */
  unsigned long unmarked; /* notes numbered so far for lack of a marker */
  int blocks;             /* blocks written so far */
  int in_row;             /* collecting a table row into line */
  int raw_warned;
} text_writer;

/* The number of T in a dm_buf used as an array, and its i-th element. */
#define TEXT_COUNT(b, T) ((b).len / sizeof(T))
#define TEXT_AT(b, T, i) (((T *)(void *)(b).data)[i])

static size_t cur_indent(const text_writer *w) {
  size_t n = TEXT_COUNT(w->indent, size_t);
  return n ? TEXT_AT(w->indent, size_t, n - 1) : 0;
}

static int push_indent(text_writer *w, size_t indent) { return dm_buf_append(&w->indent, &indent, sizeof indent); }

/* Columns a string takes: CJK characters two, combining marks none. */
static size_t text_width(const char *s, size_t n) {
  size_t cols = 0;
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    int k = dm_utf8_decode((const unsigned char *)s + i, n - i, &cp);
    i += k > 0 ? (size_t)k : 1;
    if ((cp >= 0x300 && cp <= 0x36F) || cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F)) continue;
    cols += dm_unicode_is_cjk(cp) ? 2 : 1;
  }
  return cols;
}

static void put_spaces(dm_sink *out, size_t n) {
  static const char sp[] = "                                ";
  for (; n > 32; n -= 32)
    dm_sink_write(out, sp, 32);
  dm_sink_write(out, sp, n);
}

/* Writes one hard line s[0..n): the first output line starts with lead
 * (indentation and labels), the others with hang spaces. Without wrap,
 * the whole line is one output line. */
static void emit_line(text_writer *w, const char *lead, size_t hang, const char *s, size_t n) {
  dm_sink_puts(w->out, lead);
  size_t used = text_width(lead, strlen(lead));
  while (w->wrap > 0 && n > 0) {
    /* Indentation wider than the line leaves room for one word a line. */
    size_t avail = (size_t)w->wrap > used ? (size_t)w->wrap - used : 1;
    /* Longest prefix that fits and ends where a line may break: before
     * a space, or after a CJK character. */
    size_t i = 0, cols = 0, brk = 0, next = 0;
    while (i < n) {
      uint32_t cp;
      int k = dm_utf8_decode((const unsigned char *)s + i, n - i, &cp);
      size_t len = k > 0 ? (size_t)k : 1, c = text_width(s + i, len);
      if (cp == ' ') brk = i, next = i + 1;
      if (cols + c > avail && cp != ' ') break;
      cols += c;
      i += len;
      if (dm_unicode_is_cjk(cp)) brk = i, next = i;
    }
    if (i >= n) break;
    if (!brk) {
      /* A word longer than the line overflows it, whole. */
      const char *sp = memchr(s + i, ' ', n - i);
      if (!sp) break;
      brk = (size_t)(sp - s);
      next = brk + 1;
    }
    dm_sink_write(w->out, s, brk);
    dm_sink_putc(w->out, '\n');
    s += next, n -= next;
    while (n && *s == ' ')
      s++, n--;
    put_spaces(w->out, hang);
    used = hang;
  }
  dm_sink_write(w->out, s, n);
  dm_sink_putc(w->out, '\n');
}

/* Writes the collected inline text as one block: a blank line before it
 * (after the first), the owed labels on its first line. */
static void flush_block(text_writer *w, int blank_before) {
  if (blank_before && w->blocks) dm_sink_putc(w->out, '\n');
  w->blocks++;
  dm_buf lead = DM_BUF_INIT;
  size_t ind = cur_indent(w);
  for (size_t i = 0; i < (w->label.len ? w->label_at : ind); i++)
    dm_buf_append(&lead, " ", 1);
  if (w->label.len) dm_buf_append(&lead, w->label.data, w->label.len);
  dm_buf_truncate(&w->label, 0);
  const char *s = w->line.data ? w->line.data : "";
  size_t n = w->line.len;
  const char *lead_s = lead.data ? lead.data : "";
  /* A hard line break (DM_NODE_LINEBREAK) starts a new output line under
   * the text, not under the label. */
  do {
    const char *nl = memchr(s, '\n', n);
    size_t k = nl ? (size_t)(nl - s) : n;
    emit_line(w, lead_s, ind, s, k);
    lead_s = "";
    put_spaces(w->out, nl ? ind : 0);
    s += nl ? k + 1 : k;
    n -= nl ? k + 1 : k;
  } while (n);
  if (lead.status != DM_OK) w->line.status = lead.status;
  dm_buf_release(&lead);
  dm_buf_truncate(&w->line, 0);
}

static const char *note_marker(const dm_node *note) {
  const char *m = dm_node_label(note);
  return m && *m ? m : NULL;
}

static int add_note(text_writer *w, const dm_node *note) {
  if (dm_node_map_has(w->note_at, note)) return DM_OK;
  text_note tn = {note, note_marker(note) ? 0 : ++w->unmarked};
  if (dm_buf_append(&w->notes, &tn, sizeof tn) != DM_OK) return DM_ENOMEM;
  return dm_node_map_put(w->note_at, note, (void *)(uintptr_t)TEXT_COUNT(w->notes, text_note));
}

/* "[marker]" of a note into b, or its number when it has no marker. */
static void note_ref(text_writer *w, dm_buf *b, const dm_node *note) {
  const char *m = note_marker(note);
  uintptr_t at = (uintptr_t)dm_node_map_get(w->note_at, note);
  if (m)
    dm_buf_printf(b, "[%s]", m);
  else
    dm_buf_printf(b, "[%lu]", at ? TEXT_AT(w->notes, text_note, at - 1).number : 0UL);
}

/* Inline nodes into w->line. Returns 1 when the node's children are to
 * be skipped (a note: its text goes to the end). */
static int text_inline(text_writer *w, dm_node *n, dm_event ev) {
  dm_node_type t = dm_node_type_of(n);
  if (ev == DM_EVENT_EXIT) {
    const char *url = dm_node_url(n);
    if (t == DM_NODE_LINK && url && *url) {
      /* An autolink's text is its URL: once is enough. */
      char *text = dm_node_text_content(n);
      if (!text || strcmp(text, url) != 0)
        dm_buf_puts(&w->line, " <"), dm_buf_puts(&w->line, url), dm_buf_puts(&w->line, ">");
    }
    if (t == DM_NODE_IMAGE && url && *url)
      dm_buf_puts(&w->line, dm_node_first_child(n) ? " <" : ": "), dm_buf_puts(&w->line, url),
          dm_buf_puts(&w->line, dm_node_first_child(n) ? ">" : "");
    if (t == DM_NODE_IMAGE) dm_buf_puts(&w->line, "]");
    return 0;
  }
  switch (t) {
  case DM_NODE_TEXT:
  case DM_NODE_CODE: dm_buf_append(&w->line, dm_node_literal(n), dm_node_literal_len(n)); break;
  case DM_NODE_SOFTBREAK: dm_buf_append(&w->line, " ", 1); break;
  case DM_NODE_LINEBREAK: dm_buf_append(&w->line, "\n", 1); break;
  case DM_NODE_IMAGE: dm_buf_puts(&w->line, dm_node_first_child(n) ? "[image: " : "[image"); break;
  case DM_NODE_NOTE:
    if (add_note(w, n) != DM_OK) w->line.status = DM_ENOMEM;
    note_ref(w, &w->line, n);
    return 1;
  case DM_NODE_NOTE_REF:
    /* A reference met before its note (in a note at the end, say) puts
     * the note on the list, so the number is the same both times. */
    if (dm_node_note_target(n) && add_note(w, dm_node_note_target(n)) != DM_OK) w->line.status = DM_ENOMEM;
    if (dm_node_note_target(n)) note_ref(w, &w->line, dm_node_note_target(n));
    break;
  case DM_NODE_RAW_INLINE:
    if (!w->raw_warned++)
      dm_warn(w->ctx, DM_DIAG_RAW_DROPPED, dm_node_pos(n), "raw %s content left out of plain text",
              dm_node_label(n) ? dm_node_label(n) : "?");
    break;
  default: break;
  }
  return 0;
}

/* A container's label and the indentation of its content. */
static int text_enter_container(text_writer *w, dm_node *n) {
  dm_node_type t = dm_node_type_of(n);
  size_t ind = cur_indent(w), lw = w->label.len ? text_width(w->label.data, w->label.len) : 0;
  const char *label = NULL;
  char num[32];
  if (t == DM_NODE_DIV && dm_node_label(n) && *dm_node_label(n)) {
    label = dm_node_label(n);
  } else if (t == DM_NODE_LIST) {
    long start = dm_node_list_start(n);
    if (dm_buf_append(&w->counters, &start, sizeof start) != DM_OK) return DM_ENOMEM;
  } else if (t == DM_NODE_ITEM && dm_node_parent(n) && TEXT_COUNT(w->counters, long)) {
    const dm_node *list = dm_node_parent(n);
    if (dm_node_list_ordered(list)) {
      snprintf(num, sizeof num, "%ld%c", TEXT_AT(w->counters, long, TEXT_COUNT(w->counters, long) - 1)++,
               dm_node_list_delim(list) ? dm_node_list_delim(list) : '.');
      label = num;
    } else {
      label = "-";
    }
  } else if (t == DM_NODE_BLOCK_QUOTE) {
    ind += 4;
  }
  if (t == DM_NODE_NOTE) ind = lw; /* the root of a note at the end, under its "[marker] " */
  if (label) {
    if (!w->label.len) w->label_at = ind;
    dm_buf_puts(&w->label, label);
    dm_buf_append(&w->label, " ", 1);
    ind += lw + text_width(label, strlen(label)) + 1;
  }
  return push_indent(w, ind);
}

static void text_code_block(text_writer *w, dm_node *n) {
  if (w->blocks) dm_sink_putc(w->out, '\n');
  w->blocks++;
  const char *s = dm_node_literal(n);
  size_t len = dm_node_literal_len(n), ind = cur_indent(w) + 4;
  while (len) {
    const char *nl = memchr(s, '\n', len);
    size_t k = nl ? (size_t)(nl - s) + 1 : len;
    put_spaces(w->out, ind);
    dm_sink_write(w->out, s, k);
    if (!nl) dm_sink_putc(w->out, '\n');
    s += k, len -= k;
  }
}

/* Writes the subtree at root. */
static int text_walk(text_writer *w, dm_node *root) {
  dm_iter *it = dm_iter_new(root);
  if (!it) return DM_ENOMEM;
  int rc = DM_OK;
  dm_event ev;
  while (rc == DM_OK && (ev = dm_iter_next(it)) != DM_EVENT_DONE) {
    dm_node *n = dm_iter_node(it);
    dm_node_type t = dm_node_type_of(n);
    if (dm_node_type_is_inline(t) && !(t == DM_NODE_NOTE && n == root)) {
      if (text_inline(w, n, ev)) dm_iter_reset(it, n, DM_EVENT_EXIT);
      continue;
    }
    if (t == DM_NODE_PARAGRAPH || t == DM_NODE_HEADING) {
      if (ev == DM_EVENT_EXIT && !w->in_row) flush_block(w, 1);
      if (ev == DM_EVENT_EXIT && w->in_row) dm_buf_append(&w->line, " ", 1);
      continue;
    }
    switch (t) {
    case DM_NODE_CODE_BLOCK: text_code_block(w, n); break;
    case DM_NODE_THEMATIC_BREAK: dm_buf_puts(&w->line, "* * *"), flush_block(w, 1); break;
    case DM_NODE_PAGE_BREAK: dm_sink_puts(w->out, "\f\n"); break;
    case DM_NODE_RAW_BLOCK:
      if (!w->raw_warned++)
        dm_warn(w->ctx, DM_DIAG_RAW_DROPPED, dm_node_pos(n), "raw %s content left out of plain text",
                dm_node_label(n) ? dm_node_label(n) : "?");
      break;
    case DM_NODE_TABLE_ROW:
      /* A row is one line, its cells separated by " | ". */
      w->in_row = ev == DM_EVENT_ENTER;
      if (ev == DM_EVENT_EXIT) {
        while (w->line.len && w->line.data[w->line.len - 1] == ' ')
          dm_buf_truncate(&w->line, w->line.len - 1);
        flush_block(w, dm_node_prev(n) == NULL);
      }
      break;
    case DM_NODE_TABLE_CELL:
      if (ev == DM_EVENT_ENTER && dm_node_prev(n)) dm_buf_puts(&w->line, "| ");
      break;
    case DM_NODE_TABLE: break;
    default:
      if (ev == DM_EVENT_ENTER) {
        rc = text_enter_container(w, n);
      } else {
        if (w->indent.len) dm_buf_truncate(&w->indent, w->indent.len - sizeof(size_t));
        if (t == DM_NODE_LIST && w->counters.len) dm_buf_truncate(&w->counters, w->counters.len - sizeof(long));
        /* A label with no block under it still belongs to the text. */
        if (dm_node_type_of(n) == DM_NODE_DIV && dm_node_label(n) && w->label.len) flush_block(w, 1);
      }
    }
  }
  dm_iter_free(it);
  return rc;
}

static int text_write(dm_ctx *ctx, void *priv, const dm_doc *doc, dm_sink *out) {
  text_writer *w = priv;
  w->ctx = ctx;
  w->out = out;
  w->wrap = (long)dm_option_int(ctx, "wrap");
  if (!(w->note_at = dm_node_map_new())) return dm_error(ctx, DM_ENOMEM, "out of memory");
  if (w->wrap < 0) return dm_error(ctx, DM_EUSAGE, "option text.wrap: %ld is not a number of columns", w->wrap);
  int rc = text_walk(w, dm_doc_root(doc));
  /* Notes at the end, in order of first reference; a note referenced in
   * a note joins the list as it is met. */
  for (size_t i = 0; rc == DM_OK && i < TEXT_COUNT(w->notes, text_note); i++) {
    dm_buf_truncate(&w->label, 0);
    note_ref(w, &w->label, TEXT_AT(w->notes, text_note, i).node);
    dm_buf_append(&w->label, " ", 1);
    w->label_at = 0;
    rc = text_walk(w, (dm_node *)TEXT_AT(w->notes, text_note, i).node);
    dm_buf_truncate(&w->indent, 0);
  }
  if (rc == DM_OK && (w->line.status != DM_OK || w->label.status != DM_OK || w->indent.status != DM_OK)) rc = DM_ENOMEM;
  if (rc == DM_ENOMEM) return dm_error(ctx, DM_ENOMEM, "out of memory");
  return rc != DM_OK ? rc : dm_sink_status(out);
}

static void text_cleanup(void *priv) {
  text_writer *w = priv;
  dm_buf_release(&w->line);
  dm_buf_release(&w->label);
  dm_node_map_free(w->note_at);
  dm_buf_release(&w->counters);
  dm_buf_release(&w->indent);
  dm_buf_release(&w->notes);
}

static const dm_option_decl text_write_options[] = {
    {"wrap", DM_OPT_INT, "0", "wrap lines at this many columns (CJK characters count two); 0: one line a paragraph"},
    {NULL, 0, NULL, NULL},
};
static const char *const text_write_extensions[] = {"txt", "text", NULL};
static const char *const text_write_mime_types[] = {"text/plain", NULL};

static const dm_writer text_writer_desc = {
    .abi_version = DM_PLUGIN_ABI_VERSION,
    .name = "text",
    .description = "plain text: paragraphs with their numbers, footnotes at the end as [marker], optional wrapping",
    .extensions = text_write_extensions,
    .mime_types = text_write_mime_types,
    .options = text_write_options,
    .priv_size = sizeof(text_writer),
    .write = text_write,
    .cleanup = text_cleanup,
};

static const dm_writer *const text_writers[] = {&text_writer_desc, NULL};

/* A manifest of its own: the reader's file declares the plugin's first
 * one, and the two directions are independent. */
DM_PLUGIN_DEFINE(text_out, NULL, text_writers, NULL);
