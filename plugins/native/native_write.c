/* SPDX-License-Identifier: MIT */
/*
 * The native writer: a text dump of the document tree, one node per line,
 * indented by depth, with every property a writer could depend on (roles,
 * labels, note markers, list numbering, attributes) and string literals
 * quoted. It is the canonical form that reader tests compare against (as
 * cmark's XML and pandoc's native are) and a debugging aid for users who
 * want to see what docmill understood of their document.
 */
#include <stdio.h>
#include <string.h>

#include "docmill/docmill.h"

/* Writes s quoted, escaping what would make the dump ambiguous or
 * unreadable; everything else, CJK included, is written as is. */
static void native_quote(dm_sink *out, const char *s, size_t len) {
  dm_sink_putc(out, '"');
  size_t run = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    const char *esc = NULL;
    char buf[8];
    if (c == '"')
      esc = "\\\"";
    else if (c == '\\')
      esc = "\\\\";
    else if (c == '\n')
      esc = "\\n";
    else if (c == '\t')
      esc = "\\t";
    else if (c < 0x20 || c == 0x7f) {
      snprintf(buf, sizeof buf, "\\x%02x", c);
      esc = buf;
    }
    if (esc) {
      dm_sink_write(out, s + run, i - run);
      dm_sink_puts(out, esc);
      run = i + 1;
    }
  }
  dm_sink_write(out, s + run, len - run);
  dm_sink_putc(out, '"');
}

static void native_prop(dm_sink *out, const char *key, const char *value) {
  if (!value) return;
  dm_sink_printf(out, " %s=", key);
  native_quote(out, value, strlen(value));
}

static const char *native_align(dm_align a) {
  switch (a) {
  case DM_ALIGN_LEFT: return "left";
  case DM_ALIGN_CENTER: return "center";
  case DM_ALIGN_RIGHT: return "right";
  default: return NULL;
  }
}

static void native_node(dm_sink *out, const dm_node *n, int depth) {
  for (int i = 0; i < depth; i++)
    dm_sink_puts(out, "  ");
  dm_node_type t = dm_node_type_of(n);
  dm_sink_puts(out, dm_node_type_name(t));
  switch (t) {
  case DM_NODE_HEADING: dm_sink_printf(out, " level=%d", dm_node_heading_level(n)); break;
  case DM_NODE_LIST:
    if (dm_node_list_ordered(n))
      dm_sink_printf(out, " ordered start=%ld delim=\"%c\"", dm_node_list_start(n), dm_node_list_delim(n));
    else
      dm_sink_printf(out, " bullet=\"%c\"", dm_node_list_delim(n));
    dm_sink_puts(out, dm_node_list_tight(n) ? " tight" : " loose");
    break;
  case DM_NODE_TABLE_ROW:
    if (dm_node_row_is_header(n)) dm_sink_puts(out, " header");
    break;
  case DM_NODE_TABLE_CELL:
    if (native_align(dm_node_cell_align(n))) dm_sink_printf(out, " align=%s", native_align(dm_node_cell_align(n)));
    break;
  case DM_NODE_DIV:
    dm_sink_printf(out, " role=%s", dm_role_name(dm_node_role(n)));
    native_prop(out, "label", dm_node_label(n));
    native_prop(out, "class", dm_node_class(n));
    break;
  case DM_NODE_SPAN: native_prop(out, "class", dm_node_class(n)); break;
  case DM_NODE_LINK:
  case DM_NODE_IMAGE:
    native_prop(out, "url", dm_node_url(n));
    if (*dm_node_title(n)) native_prop(out, "title", dm_node_title(n));
    break;
  case DM_NODE_NOTE:
  case DM_NODE_NOTE_REF: native_prop(out, "marker", dm_node_label(n)); break;
  case DM_NODE_CODE_BLOCK: native_prop(out, "info", dm_node_label(n)); break;
  case DM_NODE_RAW_BLOCK:
  case DM_NODE_RAW_INLINE: native_prop(out, "format", dm_node_label(n)); break;
  default: break;
  }
  for (size_t i = 0; i < dm_node_attr_count(n); i++) {
    dm_sink_printf(out, " @%s=", dm_node_attr_key(n, i));
    const char *v = dm_node_attr_value(n, i);
    native_quote(out, v, strlen(v));
  }
  if (t == DM_NODE_TEXT || t == DM_NODE_CODE || t == DM_NODE_CODE_BLOCK || t == DM_NODE_RAW_BLOCK ||
      t == DM_NODE_RAW_INLINE) {
    dm_sink_putc(out, ' ');
    native_quote(out, dm_node_literal(n), dm_node_literal_len(n));
  }
  dm_sink_putc(out, '\n');
}

static int native_write(dm_ctx *ctx, void *priv, const dm_doc *doc, dm_sink *out) {
  (void)priv;
  dm_iter *it = dm_iter_new(dm_doc_root(doc));
  if (!it) return dm_error(ctx, DM_ENOMEM, "out of memory");
  int depth = 0;
  dm_event ev;
  while ((ev = dm_iter_next(it)) != DM_EVENT_DONE) {
    dm_node *n = dm_iter_node(it);
    if (ev == DM_EVENT_EXIT) {
      depth--;
      continue;
    }
    native_node(out, n, depth);
    if (dm_node_type_of(n) == DM_NODE_DOCUMENT) {
      for (size_t i = 0; i < dm_doc_meta_count(doc); i++) {
        dm_sink_puts(out, "  meta ");
        const char *k = dm_doc_meta_key(doc, i), *v = dm_doc_meta_value(doc, i);
        native_quote(out, k, strlen(k));
        dm_sink_putc(out, ' ');
        native_quote(out, v, strlen(v));
        dm_sink_putc(out, '\n');
      }
    }
    if (!dm_node_type_is_leaf(dm_node_type_of(n))) depth++;
  }
  dm_iter_free(it);
  return dm_sink_status(out);
}

static const char *const native_extensions[] = {"native", NULL};

static const dm_writer native_writer = {
    .abi_version = DM_PLUGIN_ABI_VERSION,
    .name = "native",
    .description = "docmill's document tree as indented text, for tests and debugging",
    .extensions = native_extensions,
    .write = native_write,
};

static const dm_writer *const native_writers[] = {&native_writer, NULL};

DM_PLUGIN_DEFINE(native, NULL, native_writers, NULL);
