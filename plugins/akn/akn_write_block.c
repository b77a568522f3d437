/* SPDX-License-Identifier: MIT */
/*
 * The blocks of an Akoma Ntoso body: paragraphs, headings inside content,
 * lists (as AKN's ul/ol or, when items hold more than a paragraph, as a
 * blockList), tables with their cell spans, block quotes, code and raw
 * blocks, and divs that stand among blocks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "akn_common.h"
#include "akn_write_body.h"

/* ---- blocks ---- */

/* Whether a list can be ul / ol: li holds only p, ul and ol. */
static int akn_list_is_simple(const dm_node *list) {
  for (const dm_node *item = dm_node_first_child(list); item; item = dm_node_next(item))
    for (const dm_node *c = dm_node_first_child(item); c; c = dm_node_next(c)) {
      dm_node_type t = dm_node_type_of(c);
      if (t == DM_NODE_LIST ? !akn_list_is_simple(c) : t != DM_NODE_PARAGRAPH) return 0;
    }
  return 1;
}

/* The delimiter of a list when it is not the default ('.' after a
 * number, '-' as a bullet). */
static void akn_list_delim(akn_w *w, int ordered, char delim) {
  if (delim && delim != (ordered ? '.' : '-')) {
    char d[2] = {delim, 0};
    akn_attr_dm(w, "delim", d);
  }
}

static void akn_list(akn_w *w, const dm_node *list) {
  int ordered = dm_node_list_ordered(list);
  long number = dm_node_list_start(list);
  char delim = dm_node_list_delim(list);
  const char *tight = dm_node_list_tight(list) ? "tight" : "loose";
  if (akn_list_is_simple(list)) {
    const char *name = ordered ? "ol" : "ul";
    akn_open(w, name);
    akn_eid_push_node(w, name, NULL, list);
    akn_attr(w, "class", tight);
    akn_list_delim(w, ordered, delim);
    akn_node_attrs(w, list, NULL);
    for (const dm_node *item = dm_node_first_child(list); item && !w->status; item = dm_node_next(item)) {
      /* li is mixed content: indentation there would be text. */
      akn_open(w, "li");
      if (ordered) {
        char v[32];
        akn_fmt_long(v, number++);
        akn_attr(w, "value", v);
      }
      akn_node_attrs(w, item, NULL);
      akn_enter_text(w);
      for (const dm_node *c = dm_node_first_child(item); c; c = dm_node_next(c)) {
        if (dm_node_type_of(c) == DM_NODE_LIST)
          akn_list(w, c);
        else
          akn_text_block(w, "p", NULL, c);
      }
      akn_leave_text(w);
      akn_close(w);
    }
    akn_eid_pop(w);
    akn_close(w);
    return;
  }
  char cls[32];
  snprintf(cls, sizeof cls, "%s %s", ordered ? "ordered" : "bullet", tight);
  akn_open(w, "blockList");
  akn_eid_push_node(w, "list", NULL, list);
  akn_attr(w, "class", cls);
  akn_list_delim(w, ordered, delim);
  akn_node_attrs(w, list, NULL);
  for (const dm_node *item = dm_node_first_child(list); item && !w->status; item = dm_node_next(item)) {
    akn_open(w, "item");
    akn_eid_push_node(w, "item", NULL, item);
    akn_node_attrs(w, item, NULL);
    if (ordered) {
      char v[40];
      size_t vl = akn_fmt_long(v, number++);
      v[vl] = delim ? delim : '.';
      v[vl + 1] = '\0';
      akn_num(w, v);
    }
    akn_blocks(w, dm_node_first_child(item), 1);
    akn_eid_pop(w);
    akn_close(w);
  }
  akn_eid_pop(w);
  akn_close(w);
}

static void akn_table(akn_w *w, const dm_node *table) {
  if (!dm_node_first_child(table)) {
    if (dm_warn(w->ctx, DM_DIAG_UNSUPPORTED, dm_node_pos(table), "table without rows left out") != DM_OK)
      akn_fail(w, DM_ENOMEM);
    return;
  }
  akn_open(w, "table");
  akn_eid_push_node(w, "table", NULL, table);
  akn_node_attrs(w, table, NULL);
  for (const dm_node *row = dm_node_first_child(table); row && !w->status; row = dm_node_next(row)) {
    const char *cell_name = dm_node_row_is_header(row) ? "th" : "td";
    akn_open(w, "tr");
    akn_node_attrs(w, row, NULL);
    if (!dm_node_first_child(row)) akn_empty(w, "td", NULL, NULL);
    for (const dm_node *cell = dm_node_first_child(row); cell && !w->status; cell = dm_node_next(cell)) {
      static const char *const aligns[] = {NULL, "left", "center", "right"};
      dm_align a = dm_node_cell_align(cell);
      akn_open(w, cell_name);
      if (a > DM_ALIGN_NONE && a <= DM_ALIGN_RIGHT) akn_attr(w, "class", aligns[a]);
      akn_node_attrs(w, cell, NULL);
      akn_blocks(w, dm_node_first_child(cell), 0);
      akn_close(w);
    }
    akn_close(w);
  }
  akn_eid_pop(w);
  akn_close(w);
}

/* A div where only blocks may stand. */
static void akn_block_div(akn_w *w, const dm_node *div) {
  dm_role role = dm_node_role(div);
  akn_open(w, "blockContainer");
  akn_eid_push_node(w, "blockContainer", NULL, div);
  if (role != DM_ROLE_NONE) akn_attr_dm(w, "role", dm_role_name(role));
  if (dm_node_class(div)) akn_attr(w, "class", dm_node_class(div));
  akn_node_attrs(w, div, NULL);
  akn_num(w, dm_node_label(div));
  const dm_node *first = dm_node_first_child(div);
  if (role == DM_ROLE_SECTION && first && dm_node_type_of(first) == DM_NODE_HEADING) {
    akn_text_block(w, "heading", NULL, first);
    first = dm_node_next(first);
  }
  akn_blocks(w, first, 1);
  akn_eid_pop(w);
  akn_close(w);
}

static void akn_heading_block(akn_w *w, const dm_node *n) {
  char cls[24] = "h";
  akn_fmt_long(cls + 1, dm_node_heading_level(n));
  akn_text_block(w, "p", cls, n);
}

/* One block in a context that takes blockElements; returns 1 when it wrote
 * an element. */
static int akn_block(akn_w *w, const dm_node *n) {
  switch (dm_node_type_of(n)) {
  case DM_NODE_PARAGRAPH: akn_text_block(w, "p", NULL, n); return 1;
  case DM_NODE_HEADING: akn_heading_block(w, n); return 1;
  case DM_NODE_BLOCK_QUOTE:
    akn_open(w, "blockContainer");
    akn_eid_push_node(w, "blockContainer", NULL, n);
    akn_attr(w, "class", "blockquote");
    akn_node_attrs(w, n, NULL);
    akn_blocks(w, dm_node_first_child(n), 1);
    akn_eid_pop(w);
    akn_close(w);
    return 1;
  case DM_NODE_LIST:
    if (!dm_node_first_child(n)) return 0;
    akn_list(w, n);
    return 1;
  case DM_NODE_CODE_BLOCK:
  case DM_NODE_RAW_BLOCK: {
    int code = dm_node_type_of(n) == DM_NODE_CODE_BLOCK;
    akn_open(w, "block");
    akn_attr(w, "name", code ? "code" : "raw");
    akn_attr(w, "xml:space", "preserve");
    if (dm_node_label(n) && *dm_node_label(n)) akn_attr_dm(w, code ? "info" : "format", dm_node_label(n));
    akn_node_attrs(w, n, NULL);
    akn_enter_text(w);
    akn_text(w, dm_node_literal(n), dm_node_literal_len(n));
    akn_leave_text(w);
    akn_close(w);
    return 1;
  }
  case DM_NODE_THEMATIC_BREAK: akn_empty(w, "block", "name", "hr"); return 1;
  case DM_NODE_PAGE_BREAK: akn_empty(w, "block", "name", "pagebreak"); return 1;
  case DM_NODE_TABLE:
    if (!dm_node_first_child(n)) return akn_table(w, n), 0;
    akn_table(w, n);
    return 1;
  case DM_NODE_DIV: akn_block_div(w, n); return 1;
  default: return 0;
  }
}

/* The blocks from first on; inlines standing where blocks belong (a tree
 * dm_doc_check lets through only in table cells) are wrapped in p. With
 * need_one, an empty container still gets the one block the schema wants. */
void akn_blocks(akn_w *w, const dm_node *first, int need_one) {
  int wrote = 0;
  for (const dm_node *n = first; n && !w->status;) {
    if (dm_node_type_is_inline(dm_node_type_of(n))) {
      akn_open(w, "p");
      akn_enter_text(w);
      for (; n && dm_node_type_is_inline(dm_node_type_of(n)); n = dm_node_next(n))
        akn_inline(w, n);
      akn_leave_text(w);
      akn_close(w);
      wrote = 1;
      continue;
    }
    wrote |= akn_block(w, n);
    n = dm_node_next(n);
  }
  if (need_one && !wrote) akn_empty(w, "p", NULL, NULL);
}

void akn_block_range(akn_w *w, const akn_nodes *ns, size_t lo, size_t hi) {
  for (size_t i = lo; i < hi && !w->status; i++) {
    const dm_node *n = ns->v[i];
    if (dm_node_type_is_inline(dm_node_type_of(n))) {
      akn_open(w, "p");
      akn_enter_text(w);
      akn_inline(w, n);
      akn_leave_text(w);
      akn_close(w);
    } else if (!akn_block(w, n)) {
      akn_empty(w, "p", NULL, NULL);
    }
  }
}

void akn_wrapped_blocks(akn_w *w, const char *name, const akn_nodes *ns, size_t lo, size_t hi) {
  akn_open(w, name);
  /* The eId of the intro or wrap-up div these blocks came from. */
  const dm_node *from = hi > lo ? dm_node_parent(ns->v[lo]) : NULL;
  if (from && (akn_is_role(from, DM_ROLE_INTRO) || akn_is_role(from, DM_ROLE_WRAP_UP)) && dm_node_attr(from, "eId"))
    akn_eid_attr_kept(w, from, dm_node_attr(from, "eId"));
  akn_block_range(w, ns, lo, hi);
  akn_close(w);
}
