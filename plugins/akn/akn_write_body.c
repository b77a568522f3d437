/* SPDX-License-Identifier: MIT */
/*
 * The body of an Akoma Ntoso document: a resolution's preface, preamble,
 * mainBody and conclusions, or a plain document's mainBody with its headings
 * opened into nested sections; blocks, inlines, spans and footnotes. The
 * schema is strict about where things stand (a hierarchical element holds
 * either content or intro / children / wrapUp; a recital holds at least one
 * block; li is mixed content), so the children of each container are first
 * sorted into runs of blocks, runs of points and other hierarchical units,
 * and each run is then written where the schema allows it. How each model
 * construct is spelled is listed in akn_common.h, for the reader.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "akn_common.h"
#include "akn_write.h"

/* A flat list of nodes: the children of a container with intro and
 * wrap-up divs opened in place. */
typedef struct akn_nodes {
  const dm_node **v;
  size_t n, cap;
} akn_nodes;

typedef enum akn_kind { AKN_BLOCK, AKN_DIV, AKN_POINT, AKN_SECT } akn_kind;

typedef struct akn_item {
  akn_kind kind;
  size_t idx; /* into the akn_nodes */
  size_t end; /* AKN_SECT: the section runs over (idx, end) */
} akn_item;

typedef struct akn_items {
  akn_item *v;
  size_t n;
} akn_items;

static void akn_blocks(akn_w *w, const dm_node *first, int need_one);
static void akn_inlines(akn_w *w, const dm_node *first);
static void akn_hier_div(akn_w *w, const dm_node *div);
static void akn_hier_content(akn_w *w, const akn_nodes *ns, size_t lo, size_t hi);
static void akn_part_eid(akn_w *w, int part);

/* ---- helpers ---- */

static void akn_nodes_push(akn_w *w, akn_nodes *ns, const dm_node *n) {
  if (w->status) return;
  if (ns->n == ns->cap) {
    size_t cap = ns->cap ? ns->cap * 2 : 16;
    const dm_node **p = realloc(ns->v, cap * sizeof *p);
    if (!p) {
      akn_fail(w, DM_ENOMEM);
      return;
    }
    ns->v = p;
    ns->cap = cap;
  }
  ns->v[ns->n++] = n;
}

static int akn_is_role(const dm_node *n, dm_role role) {
  return dm_node_type_of(n) == DM_NODE_DIV && dm_node_role(n) == role;
}

/* Pushes n, or the children of an intro / wrap-up div in its place. */
static void akn_nodes_push_flat(akn_w *w, akn_nodes *ns, const dm_node *n) {
  if (akn_is_role(n, DM_ROLE_INTRO) || akn_is_role(n, DM_ROLE_WRAP_UP)) {
    for (const dm_node *c = dm_node_first_child(n); c; c = dm_node_next(c))
      akn_nodes_push_flat(w, ns, c);
  } else {
    akn_nodes_push(w, ns, n);
  }
}

static void akn_children(akn_w *w, akn_nodes *ns, const dm_node *first) {
  for (const dm_node *c = first; c; c = dm_node_next(c))
    akn_nodes_push_flat(w, ns, c);
}

/* Sorts nodes[lo, hi) into items. Headings open sections only in a plain
 * document: in a resolution they are part of the printed text. */
static akn_items akn_sort(akn_w *w, const akn_nodes *ns, size_t lo, size_t hi) {
  akn_items it = {NULL, 0};
  if (hi <= lo || w->status) return it;
  it.v = calloc(hi - lo, sizeof *it.v);
  if (!it.v) {
    akn_fail(w, DM_ENOMEM);
    return it;
  }
  for (size_t i = lo; i < hi;) {
    const dm_node *n = ns->v[i];
    akn_item *item = &it.v[it.n++];
    item->idx = i;
    if (dm_node_type_of(n) == DM_NODE_HEADING && !w->is_resolution) {
      int level = dm_node_heading_level(n);
      size_t e = i + 1;
      while (e < hi && !(dm_node_type_of(ns->v[e]) == DM_NODE_HEADING && dm_node_heading_level(ns->v[e]) <= level))
        e++;
      item->kind = AKN_SECT;
      item->end = e;
      i = e;
      continue;
    }
    item->kind = akn_is_role(n, DM_ROLE_POINT) ? AKN_POINT : dm_node_type_of(n) == DM_NODE_DIV ? AKN_DIV : AKN_BLOCK;
    i++;
  }
  return it;
}

/* Attributes of a node that AKN has no place for, as dma:{key}; "lang" as
 * xml:lang; ids are regenerated, never copied. skip is a key the caller
 * wrote natively. */
static void akn_node_attrs(akn_w *w, const dm_node *n, const char *skip) {
  for (size_t i = 0; i < dm_node_attr_count(n); i++) {
    const char *k = dm_node_attr_key(n, i), *v = dm_node_attr_value(n, i);
    if (skip && strcmp(k, skip) == 0) continue;
    if (strcmp(k, "eId") == 0) {
      akn_eid_attr_kept(w, n, v);
      continue;
    }
    if (strcmp(k, "wId") == 0 || strcmp(k, "GUID") == 0 || strcmp(k, "content-eId") == 0 ||
        strcmp(k, "list-eId") == 0 || strcmp(k, "akn-meta") == 0)
      continue;
    if (strcmp(k, "lang") == 0)
      akn_attr(w, "xml:lang", v);
    else if (dm_node_type_of(n) == DM_NODE_TABLE_CELL && (strcmp(k, "rowspan") == 0 || strcmp(k, "colspan") == 0))
      akn_attr(w, k, v);
    else if (strcmp(k, "refersTo") == 0 || (strcmp(k, "class") == 0 && dm_node_type_of(n) == DM_NODE_PARAGRAPH))
      akn_attr(w, k, v);
    else
      akn_attr_user(w, k, v);
  }
}

static void akn_num(akn_w *w, const char *label) {
  if (!label) return;
  akn_open(w, "num");
  akn_enter_text(w);
  akn_textz(w, label);
  akn_leave_text(w);
  akn_close(w);
}

static void akn_inline_elem(akn_w *w, const char *name, const dm_node *n) {
  akn_open_inline(w, name);
  akn_node_attrs(w, n, NULL);
  akn_inlines(w, dm_node_first_child(n));
  akn_close_inline(w);
}

char *akn_plain_text(const dm_node *root) {
  size_t len = 0, cap = 64;
  char *s = malloc(cap);
  if (!s) return NULL;
  s[0] = '\0';
  dm_iter *it = dm_iter_new((dm_node *)root);
  if (!it) {
    free(s);
    return NULL;
  }
  dm_event ev;
  int skip = 0; /* inside a note */
  while ((ev = dm_iter_next(it)) != DM_EVENT_DONE) {
    const dm_node *n = dm_iter_node(it);
    dm_node_type t = dm_node_type_of(n);
    if (t == DM_NODE_NOTE) {
      skip += ev == DM_EVENT_ENTER ? 1 : -1;
      continue;
    }
    if (skip || ev != DM_EVENT_ENTER) continue;
    const char *add = NULL;
    size_t alen = 0;
    if (t == DM_NODE_TEXT || t == DM_NODE_CODE)
      add = dm_node_literal(n), alen = dm_node_literal_len(n);
    else if (t == DM_NODE_SOFTBREAK || t == DM_NODE_LINEBREAK)
      add = " ", alen = 1;
    if (!add) continue;
    if (len + alen + 1 > cap) {
      while (len + alen + 1 > cap)
        cap *= 2;
      char *p = realloc(s, cap);
      if (!p) {
        free(s);
        dm_iter_free(it);
        return NULL;
      }
      s = p;
    }
    memcpy(s + len, add, alen);
    len += alen;
    s[len] = '\0';
  }
  dm_iter_free(it);
  return s;
}

/* ---- inlines ---- */

static int akn_in_list(const char *const *list, const char *s) {
  for (; *list; list++)
    if (strcmp(*list, s) == 0) return 1;
  return 0;
}

static void akn_span(akn_w *w, const dm_node *n) {
  const char *cls = dm_node_class(n);
  const char *skip = NULL;
  if (!cls) {
    akn_inline_elem(w, "span", n);
    return;
  }
  int native = akn_in_list(akn_span_elements(), cls);
  /* The UN marks the agenda item as <inline name="agenda item"> and keeps
   * docketNumber for the job number. */
  if (w->un_form && strcmp(cls, "docketNumber") == 0) cls = "agenda item", native = 0;
  const char *date = dm_node_attr(n, "date"), *href = dm_node_attr(n, "href");
  if (strcmp(cls, "docDate") == 0 && !akn_is_iso_date(date)) native = 0;
  if (strcmp(cls, "ref") == 0 && !href) native = 0;
  if (native) {
    akn_open_inline(w, cls);
    if (strcmp(cls, "docDate") == 0)
      akn_attr(w, "date", date), skip = "date";
    else if (strcmp(cls, "ref") == 0) {
      /* A link is <ref href> too: the mark tells the reader this one is
       * the span of a cited document, so neither comes back as the other. */
      akn_attr(w, "href", href), skip = "href";
      akn_attr_dm(w, "node", "span");
    } else if (strcmp(cls, "session") == 0 && dm_node_attr(n, "value"))
      akn_attr(w, "value", dm_node_attr(n, "value")), skip = "value";
  } else {
    akn_open_inline(w, "inline");
    akn_attr(w, "name", cls);
    if (strcmp(cls, "meeting") == 0 && w->event_id[0]) {
      akn_attr_ref(w, "refersTo", w->event_id);
      skip = "refersTo";
    }
  }
  akn_node_attrs(w, n, skip);
  akn_inlines(w, dm_node_first_child(n));
  akn_close_inline(w);
}

static void akn_note(akn_w *w, const dm_node *n) {
  const char *label = dm_node_label(n);
  char num[32];
  if (!label) {
    akn_fmt_long(num, ++w->auto_notes);
    label = num;
  }
  akn_open_inline(w, "authorialNote");
  akn_attr(w, "marker", label);
  akn_attr(w, "placement", "bottom");
  const char *eid = akn_eid_push_doc_node(w, "authorialNote", n);
  akn_note_set_eid(w, n, eid);
  if (label == num) akn_attr_dm(w, "auto", "true");
  akn_node_attrs(w, n, NULL);
  akn_blocks(w, dm_node_first_child(n), 1);
  akn_eid_pop(w);
  akn_close_inline(w);
}

static void akn_inline(akn_w *w, const dm_node *n) {
  switch (dm_node_type_of(n)) {
  case DM_NODE_TEXT: akn_text(w, dm_node_literal(n), dm_node_literal_len(n)); break;
  case DM_NODE_SOFTBREAK: akn_text(w, "\n", 1); break;
  case DM_NODE_LINEBREAK:
    akn_open_inline(w, "br");
    akn_close_inline(w);
    break;
  case DM_NODE_EMPH: akn_inline_elem(w, "i", n); break;
  case DM_NODE_STRONG: akn_inline_elem(w, "b", n); break;
  case DM_NODE_UNDERLINE: akn_inline_elem(w, "u", n); break;
  case DM_NODE_SUPERSCRIPT: akn_inline_elem(w, "sup", n); break;
  case DM_NODE_SUBSCRIPT: akn_inline_elem(w, "sub", n); break;
  case DM_NODE_STRIKE: akn_inline_elem(w, "del", n); break;
  case DM_NODE_CODE:
  case DM_NODE_RAW_INLINE:
    akn_open_inline(w, "inline");
    akn_attr(w, "name", dm_node_type_of(n) == DM_NODE_CODE ? "code" : "raw");
    if (dm_node_type_of(n) == DM_NODE_RAW_INLINE) akn_attr_dm(w, "format", dm_node_label(n));
    akn_node_attrs(w, n, NULL);
    akn_text(w, dm_node_literal(n), dm_node_literal_len(n));
    akn_close_inline(w);
    break;
  case DM_NODE_LINK:
    akn_open_inline(w, "ref");
    akn_attr(w, "href", dm_node_url(n));
    if (*dm_node_title(n)) akn_attr(w, "title", dm_node_title(n));
    akn_node_attrs(w, n, NULL);
    akn_inlines(w, dm_node_first_child(n));
    akn_close_inline(w);
    break;
  case DM_NODE_IMAGE: {
    char *alt = akn_plain_text(n);
    if (!alt) akn_fail(w, DM_ENOMEM);
    akn_open_inline(w, "img");
    akn_attr(w, "src", dm_node_url(n));
    if (alt && *alt) akn_attr(w, "alt", alt);
    if (*dm_node_title(n)) akn_attr(w, "title", dm_node_title(n));
    akn_node_attrs(w, n, NULL);
    akn_close_inline(w);
    free(alt);
    break;
  }
  case DM_NODE_SPAN: akn_span(w, n); break;
  case DM_NODE_NOTE: akn_note(w, n); break;
  case DM_NODE_NOTE_REF: {
    const dm_node *target = dm_node_note_target(n);
    const char *eid = target ? akn_note_eid(w, target) : NULL;
    if (!eid) {
      /* dm_doc_check guarantees a target; a reference before its note is
       * the one case left, and AKN cannot point forward to an eId yet
       * unwritten any better than we can. */
      if (dm_warn(w->ctx, DM_DIAG_UNSUPPORTED, dm_node_pos(n), "note reference before its note; kept as text") != DM_OK)
        akn_fail(w, DM_ENOMEM);
      akn_textz(w, dm_node_label(n));
      break;
    }
    akn_open_inline(w, "noteRef");
    akn_attr_ref(w, "href", eid);
    akn_attr(w, "marker", dm_node_label(n) ? dm_node_label(n) : dm_node_label(target));
    akn_close_inline(w);
    break;
  }
  default:
    /* A block where inlines belong: dm_doc_check refuses such trees. */
    akn_fail(w,
             dm_error(w->ctx, DM_EINTERNAL, "block node %s in inline content", dm_node_type_name(dm_node_type_of(n))));
    break;
  }
}

static void akn_inlines(akn_w *w, const dm_node *first) {
  for (const dm_node *n = first; n && !w->status; n = dm_node_next(n))
    akn_inline(w, n);
}

/* An element whose content is the inlines of n. */
static void akn_text_block(akn_w *w, const char *name, const char *cls, const dm_node *n) {
  akn_open(w, name);
  if (cls) akn_attr(w, "class", cls);
  akn_node_attrs(w, n, NULL);
  akn_enter_text(w);
  akn_inlines(w, dm_node_first_child(n));
  akn_leave_text(w);
  akn_close(w);
}

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
static void akn_blocks(akn_w *w, const dm_node *first, int need_one) {
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

static void akn_block_range(akn_w *w, const akn_nodes *ns, size_t lo, size_t hi) {
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

static void akn_wrapped_blocks(akn_w *w, const char *name, const akn_nodes *ns, size_t lo, size_t hi) {
  akn_open(w, name);
  /* The eId of the intro or wrap-up div these blocks came from. */
  const dm_node *from = hi > lo ? dm_node_parent(ns->v[lo]) : NULL;
  if (from && (akn_is_role(from, DM_ROLE_INTRO) || akn_is_role(from, DM_ROLE_WRAP_UP)) && dm_node_attr(from, "eId"))
    akn_eid_attr_kept(w, from, dm_node_attr(from, "eId"));
  akn_block_range(w, ns, lo, hi);
  akn_close(w);
}

/* ---- hierarchy ---- */

/* The AKN element and eId abbreviation of a section div's class. */
static const char *akn_section_element(const char *cls, const char **abbr) {
  static const char *const map[][2] = {
      {"article", "art"},
      {"chapter", "chp"},
      {"section", "sec"},
      {"subsection", "subsec"},
      {"part", "part"},
      {"subpart", "subpart"},
      {"clause", "cl"},
      {"subclause", "subcl"},
      {"division", "dvs"},
      {"subdivision", "subdvs"},
      {"subchapter", "subchp"},
      {"paragraph", "para"},
      {"subparagraph", "subpara"},
      {"title", "title"},
      {"subtitle", "subtitle"},
      {"book", "book"},
      {"tome", "tome"},
      {"alinea", "al"},
      {"indent", "indent"},
      {"rule", "rule"},
      {"subrule", "subrule"},
      {"proviso", "proviso"},
      {"level", "level"},
      {"transitional", "transitional"},
  };
  for (size_t i = 0; cls && i < sizeof map / sizeof map[0]; i++)
    if (strcmp(map[i][0], cls) == 0) return *abbr = map[i][1], map[i][0];
  *abbr = "hcontainer";
  return "hcontainer";
}

static void akn_sect(akn_w *w, const akn_nodes *ns, size_t idx, size_t end) {
  const dm_node *h = ns->v[idx];
  char cls[24] = "h";
  akn_fmt_long(cls + 1, dm_node_heading_level(h));
  akn_open(w, "section");
  akn_eid_push(w, "sec", NULL);
  akn_attr(w, "class", cls);
  akn_text_block(w, "heading", NULL, h);
  akn_hier_content(w, ns, idx + 1, end);
  akn_eid_pop(w);
  akn_close(w);
}

/* A run of points as one list, with the blocks before it as intro and the
 * blocks after it as wrap-up. */
static void akn_point_list(akn_w *w, const akn_nodes *ns, const akn_items *it, size_t intro_lo, size_t intro_hi,
                           size_t p_lo, size_t p_hi, size_t wrap_lo, size_t wrap_hi, const char *kept) {
  akn_open(w, "list");
  akn_eid_push_id(w, "list", NULL, kept);
  if (intro_hi > intro_lo) akn_wrapped_blocks(w, "intro", ns, it->v[intro_lo].idx, it->v[intro_hi - 1].idx + 1);
  for (size_t k = p_lo; k < p_hi; k++)
    akn_hier_div(w, ns->v[it->v[k].idx]);
  if (wrap_hi > wrap_lo) akn_wrapped_blocks(w, "wrapUp", ns, it->v[wrap_lo].idx, it->v[wrap_hi - 1].idx + 1);
  akn_eid_pop(w);
  akn_close(w);
}

static void akn_hier_item(akn_w *w, const akn_nodes *ns, const akn_item *item) {
  if (item->kind == AKN_SECT)
    akn_sect(w, ns, item->idx, item->end);
  else
    akn_hier_div(w, ns->v[item->idx]);
}

static size_t akn_run_end(const akn_items *it, size_t i, akn_kind kind) {
  while (i < it->n && it->v[i].kind == kind)
    i++;
  return i;
}

/* The children of a hierarchical element, after its num and heading:
 * content when they are all blocks, else intro, units and wrapUp. */
static void akn_hier_content(akn_w *w, const akn_nodes *ns, size_t lo, size_t hi) {
  /* The source's eIds of this unit's content and list, once. */
  const char *content_eid = w->content_eid, *list_eid = w->list_eid;
  int bare = w->bare_points;
  w->content_eid = w->list_eid = NULL;
  w->bare_points = 0;
  akn_items it = akn_sort(w, ns, lo, hi);
  size_t n = it.n;
  if (akn_run_end(&it, 0, AKN_BLOCK) == n) {
    akn_open(w, "content");
    if (content_eid) akn_eid_attr_kept(w, NULL, content_eid);
    akn_block_range(w, ns, lo, hi);
    akn_close(w);
    free(it.v);
    return;
  }
  size_t i = 0;
  size_t lead = akn_run_end(&it, 0, AKN_BLOCK);
  if (lead > 0 && it.v[lead].kind != AKN_POINT) {
    akn_wrapped_blocks(w, "intro", ns, it.v[0].idx, it.v[lead - 1].idx + 1);
    i = lead;
  }
  while (i < n && !w->status) {
    if (it.v[i].kind == AKN_BLOCK) {
      size_t j = akn_run_end(&it, i, AKN_BLOCK);
      if (j < n && it.v[j].kind == AKN_POINT) {
        /* Blocks just before points introduce them (runs after points were
         * taken as the list's wrap-up). */
        size_t q = akn_run_end(&it, j, AKN_POINT);
        size_t r = akn_run_end(&it, q, AKN_BLOCK);
        akn_point_list(w, ns, &it, i, j, j, q, q, r, list_eid);
        list_eid = NULL;
        i = r;
        continue;
      }
      const char *name = j == n ? "wrapUp" : NULL;
      if (name) {
        akn_wrapped_blocks(w, name, ns, it.v[i].idx, it.v[j - 1].idx + 1);
      } else {
        /* Blocks between two units: the schema has no place for them but
         * inside a unit of their own. */
        akn_open(w, "hcontainer");
        akn_eid_push(w, "hcontainer", NULL);
        akn_attr(w, "name", "blocks");
        akn_open(w, "content");
        akn_block_range(w, ns, it.v[i].idx, it.v[j - 1].idx + 1);
        akn_close(w);
        akn_eid_pop(w);
        akn_close(w);
      }
      i = j;
    } else if (it.v[i].kind == AKN_POINT && bare) {
      /* A sublist holds its points itself. */
      akn_hier_div(w, ns->v[it.v[i].idx]);
      i++;
    } else if (it.v[i].kind == AKN_POINT) {
      size_t q = akn_run_end(&it, i, AKN_POINT);
      size_t r = akn_run_end(&it, q, AKN_BLOCK);
      akn_point_list(w, ns, &it, i, i, i, q, q, r, list_eid);
      list_eid = NULL;
      i = r;
    } else {
      akn_hier_item(w, ns, &it.v[i]);
      i++;
    }
  }
  free(it.v);
}

static void akn_hier_div(akn_w *w, const dm_node *div) {
  dm_role role = dm_node_role(div);
  const char *cls = dm_node_class(div);
  const char *name, *abbr, *hname = NULL;
  switch (role) {
  case DM_ROLE_PARAGRAPH: name = "paragraph", abbr = "para"; break;
  case DM_ROLE_POINT:
    /* The UN's sublist: points standing in a list beside its points. */
    if (cls && strcmp(cls, "sublist") == 0 && !dm_node_label(div))
      name = "sublist", abbr = "sublist", cls = NULL;
    else
      name = "point", abbr = "point";
    break;
  case DM_ROLE_SECTION:
    name = akn_section_element(cls, &abbr);
    if (strcmp(name, "hcontainer") == 0) hname = cls ? cls : "section";
    break;
  default:
    name = "hcontainer", abbr = "hcontainer";
    hname = role == DM_ROLE_NONE ? "div" : dm_role_name(role);
    break;
  }
  akn_open(w, name);
  akn_eid_push_node(w, abbr, dm_node_label(div), div);
  if (hname) akn_attr(w, "name", hname);
  if (cls && !(hname && strcmp(hname, cls) == 0) && !(role == DM_ROLE_SECTION && strcmp(name, cls) == 0))
    akn_attr(w, "class", cls);
  if (role != DM_ROLE_NONE && strcmp(name, "hcontainer") == 0 && role != DM_ROLE_SECTION)
    akn_attr_dm(w, "role", dm_role_name(role));
  akn_node_attrs(w, div, NULL);
  akn_num(w, dm_node_label(div));
  const dm_node *first = dm_node_first_child(div);
  if (role == DM_ROLE_SECTION && first && dm_node_type_of(first) == DM_NODE_HEADING) {
    akn_text_block(w, "heading", NULL, first);
    first = dm_node_next(first);
  }
  akn_nodes ns = {NULL, 0, 0};
  akn_children(w, &ns, first);
  w->content_eid = dm_node_attr(div, "content-eId");
  w->list_eid = dm_node_attr(div, "list-eId");
  w->bare_points = strcmp(name, "sublist") == 0;
  akn_hier_content(w, &ns, 0, ns.n);
  free(ns.v);
  akn_eid_pop(w);
  akn_close(w);
}

/* mainBody takes blocks and units side by side; points still go in lists.
 * The body of an act or bill takes units only: blocks there go in a unit
 * of their own. */
/* Blocks where only units may stand, as a unit of their own; need_one: an
 * empty one still holds the p the schema wants. */
static void akn_blocks_unit(akn_w *w, const akn_nodes *ns, size_t lo, size_t hi) {
  akn_open(w, "hcontainer");
  akn_eid_push(w, "hcontainer", NULL);
  akn_attr(w, "name", "blocks");
  akn_open(w, "content");
  akn_block_range(w, ns, lo, hi);
  if (hi <= lo) akn_empty(w, "p", NULL, NULL);
  akn_close(w);
  akn_eid_pop(w);
  akn_close(w);
}

static void akn_main_body(akn_w *w, const akn_nodes *ns) {
  akn_open(w, w->hier_body ? "body" : "mainBody");
  akn_part_eid(w, 2);
  akn_items it = akn_sort(w, ns, 0, ns->n);
  for (size_t i = 0; i < it.n && !w->status;) {
    if (it.v[i].kind == AKN_POINT) {
      size_t q = akn_run_end(&it, i, AKN_POINT);
      akn_point_list(w, ns, &it, i, i, i, q, q, q, NULL);
      i = q;
    } else if (it.v[i].kind == AKN_BLOCK && w->hier_body) {
      size_t j = akn_run_end(&it, i, AKN_BLOCK);
      akn_blocks_unit(w, ns, it.v[i].idx, it.v[j - 1].idx + 1);
      i = j;
    } else if (it.v[i].kind == AKN_BLOCK) {
      akn_block_range(w, ns, it.v[i].idx, it.v[i].idx + 1);
      i++;
    } else {
      akn_hier_item(w, ns, &it.v[i]);
      i++;
    }
  }
  if (it.n == 0 && w->hier_body)
    akn_blocks_unit(w, ns, 0, 0);
  else if (it.n == 0)
    akn_empty(w, "p", NULL, NULL);
  free(it.v);
  akn_close(w);
}

/* ---- the parts of a resolution ---- */

/* The source's eId of a part (preface, preamble, mainBody, conclusions),
 * from the first div of that part. */
static void akn_part_eid(akn_w *w, int part) {
  const dm_node *div = w->part_divs ? w->part_divs[part] : NULL;
  const char *eid = div ? dm_node_attr(div, "eId") : NULL;
  if (eid) akn_eid_attr_kept(w, div, eid);
}

/* A div read from the UN's <container name="…"> (one preambular clause,
 * named after its lead words), written back as such where the schema has
 * containers: directly in preface, preamble, conclusions and coverPage. */
static int akn_is_container(const dm_node *n) {
  return dm_node_type_of(n) == DM_NODE_DIV && (dm_node_role(n) == DM_ROLE_NONE || dm_node_role(n) == DM_ROLE_RECITAL) &&
         dm_node_class(n) && strcmp(dm_node_class(n), "container") == 0 && dm_node_attr(n, "name") &&
         *dm_node_attr(n, "name");
}

static void akn_container(akn_w *w, const dm_node *div) {
  akn_open(w, "container");
  akn_eid_push_node(w, "container", NULL, div);
  akn_attr(w, "name", dm_node_attr(div, "name"));
  akn_node_attrs(w, div, "name");
  akn_blocks(w, dm_node_first_child(div), 1);
  akn_eid_pop(w);
  akn_close(w);
}

/* The blocks of a part, containers kept. */
static void akn_part_range(akn_w *w, const akn_nodes *ns, size_t lo, size_t hi) {
  for (size_t i = lo; i < hi && !w->status; i++) {
    if (akn_is_container(ns->v[i]))
      akn_container(w, ns->v[i]);
    else
      akn_block_range(w, ns, i, i + 1);
  }
}

static int akn_is_cover(const dm_node *n) {
  return akn_is_role(n, DM_ROLE_PREFACE) && dm_node_class(n) && strcmp(dm_node_class(n), "coverPage") == 0;
}

/* In a recognised resolution's preface, where the masthead ends: at the
 * last block holding the docNumber ("75/158. Title"), which with what
 * follows is the preface; 0 when there is no such split. */
static size_t akn_masthead_end(const akn_nodes *ns) {
  size_t end = 0;
  for (size_t i = 0; i < ns->n; i++) {
    dm_iter *it = dm_iter_new((dm_node *)ns->v[i]);
    if (!it) return 0;
    dm_event ev;
    while ((ev = dm_iter_next(it)) != DM_EVENT_DONE) {
      const dm_node *c = dm_iter_node(it);
      if (ev == DM_EVENT_ENTER && dm_node_type_of(c) == DM_NODE_SPAN && dm_node_class(c) &&
          strcmp(dm_node_class(c), "docNumber") == 0)
        end = i;
    }
    dm_iter_free(it);
  }
  return end;
}

/* The first k blocks of the preface as the coverPage (the masthead). */
static void akn_cover_range(akn_w *w, const akn_nodes *ns, size_t k) {
  akn_open(w, "coverPage");
  akn_eid_push(w, "coverPage", NULL);
  akn_part_range(w, ns, 0, k);
  akn_eid_pop(w);
  akn_close(w);
}

static void akn_cover(akn_w *w, const dm_node *div) {
  akn_nodes ns = {NULL, 0, 0};
  akn_children(w, &ns, dm_node_first_child(div));
  akn_open(w, "coverPage");
  akn_eid_push_node(w, "coverPage", NULL, div);
  akn_node_attrs(w, div, NULL);
  akn_part_range(w, &ns, 0, ns.n);
  akn_eid_pop(w);
  akn_close(w);
  free(ns.v);
}

static void akn_formula(akn_w *w, const dm_node *div) {
  akn_open(w, "formula");
  akn_eid_push_node(w, "formula", NULL, div);
  akn_attr(w, "name", "enactingFormula");
  akn_node_attrs(w, div, NULL);
  akn_blocks(w, dm_node_first_child(div), 0);
  akn_eid_pop(w);
  akn_close(w);
}

/* The lead words of a preambular clause: its first paragraph's opening
 * emphasis ("Recalling", "Reaffirming also"), without the punctuation
 * after them; NULL when it opens with none. malloc'd. */
static char *akn_lead_words(const dm_node *clause) {
  const dm_node *p = dm_node_first_child(clause);
  const dm_node *first = p && dm_node_type_of(p) == DM_NODE_PARAGRAPH ? dm_node_first_child(p) : NULL;
  if (!first || (dm_node_type_of(first) != DM_NODE_EMPH && dm_node_type_of(first) != DM_NODE_STRONG)) return NULL;
  char *t = akn_plain_text(first);
  if (!t) return NULL;
  size_t n = strlen(t);
  while (n && strchr(" \t,;:", t[n - 1]))
    n--;
  t[n] = '\0';
  if (!n) {
    free(t);
    return NULL;
  }
  return t;
}

/* A preambular clause as the UN writes it: <container name="{lead
 * words}" eId="container_{k}">, k its place in the preamble after the
 * formula (formula_1, container_2, ...). A clause read from such a
 * container keeps its name and eId. */
static void akn_clause(akn_w *w, const dm_node *n, size_t k) {
  if (akn_is_container(n)) {
    akn_container(w, n);
    return;
  }
  char *lead = akn_lead_words(n);
  char num[32];
  akn_fmt_long(num, (long)k);
  akn_open(w, "container");
  akn_eid_push_id(w, "container", num, dm_node_attr(n, "eId"));
  akn_attr(w, "name", lead ? lead : "recital");
  free(lead);
  akn_node_attrs(w, n, "name");
  akn_blocks(w, dm_node_first_child(n), 1);
  akn_eid_pop(w);
  akn_close(w);
}

static void akn_preface(akn_w *w, const akn_nodes *ns) {
  akn_open(w, "preface");
  akn_part_eid(w, 0);
  for (size_t i = 0; i < ns->n && !w->status; i++) {
    if (akn_is_role(ns->v[i], DM_ROLE_FORMULA))
      akn_formula(w, ns->v[i]);
    else
      akn_part_range(w, ns, i, i + 1);
  }
  if (ns->n == 0) akn_empty(w, "p", NULL, NULL);
  akn_close(w);
}

static void akn_preamble(akn_w *w, const akn_nodes *ns) {
  akn_open(w, "preamble");
  akn_part_eid(w, 1);
  int open = 0;
  for (size_t i = 0; i < ns->n && !w->status; i++) {
    const dm_node *n = ns->v[i];
    /* A numbered clause stays a recital: a container has no num. */
    if (akn_is_role(n, DM_ROLE_RECITAL) && ((w->un_form && !dm_node_label(n)) || akn_is_container(n))) {
      if (open) akn_close(w), open = 0;
      akn_clause(w, n, i + 1);
      continue;
    }
    if (akn_is_role(n, DM_ROLE_RECITAL)) {
      if (!open) {
        akn_open(w, "recitals");
        akn_eid_mark(w, "recs");
        open = 1;
      }
      akn_open(w, "recital");
      akn_eid_push_node(w, "rec", dm_node_label(n), n);
      akn_node_attrs(w, n, NULL);
      akn_num(w, dm_node_label(n));
      akn_blocks(w, dm_node_first_child(n), 1);
      akn_eid_pop(w);
      akn_close(w);
      continue;
    }
    if (open) {
      akn_close(w);
      open = 0;
    }
    if (akn_is_role(n, DM_ROLE_FORMULA))
      akn_formula(w, n);
    else
      akn_part_range(w, ns, i, i + 1);
  }
  if (open) akn_close(w);
  if (ns->n == 0) akn_empty(w, "p", NULL, NULL);
  akn_close(w);
}

static void akn_conclusions(akn_w *w, const akn_nodes *ns) {
  akn_open(w, "conclusions");
  akn_part_eid(w, 3);
  akn_part_range(w, ns, 0, ns->n);
  if (ns->n == 0) akn_empty(w, "p", NULL, NULL);
  akn_close(w);
}

static int akn_part_of(const dm_node *n) {
  if (dm_node_type_of(n) != DM_NODE_DIV) return -1;
  switch (dm_node_role(n)) {
  case DM_ROLE_PREFACE: return 0;
  case DM_ROLE_PREAMBLE: return 1;
  case DM_ROLE_MAIN_BODY: return 2;
  case DM_ROLE_CONCLUSIONS: return 3;
  default: return -1;
  }
}

/* The top level of a document, sorted into the four parts; a document with
 * no part divs is all mainBody. The parts only move forward, so the order
 * of the source survives: anything outside a part div, or a part div out
 * of order, joins the part being written. statement and doc share AKN's
 * openStructure, so a plain document read from AKN gets its preface and
 * mainBody back as such rather than as an hcontainer inside mainBody. */
void akn_write_parts(akn_w *w, const dm_node *root) {
  akn_nodes parts[4] = {{NULL, 0, 0}, {NULL, 0, 0}, {NULL, 0, 0}, {NULL, 0, 0}};
  akn_nodes attached = {NULL, 0, 0};
  int front = 0;
  for (const dm_node *n = dm_node_first_child(root); n; n = dm_node_next(n))
    if (akn_part_of(n) == 0 || akn_part_of(n) == 1) front = 1;
  int cur = front ? 0 : 2;
  const dm_node *cover = NULL;
  const dm_node *part_div[4] = {NULL, NULL, NULL, NULL};
  for (const dm_node *n = dm_node_first_child(root); n; n = dm_node_next(n)) {
    if (akn_is_role(n, DM_ROLE_COMPONENT) && dm_node_attr(n, "akn-meta")) {
      /* An attachment read from AKN, with its own meta: written back as
       * one (akn_write_attach.c). */
      akn_nodes_push(w, &attached, n);
      continue;
    }
    if (!cover && cur == 0 && akn_is_cover(n)) {
      /* The masthead of a UN document: its coverPage, before the preface. */
      cover = n;
      continue;
    }
    int p = akn_part_of(n);
    if (p >= cur) {
      cur = p;
      if (!part_div[p]) part_div[p] = n;
      akn_children(w, &parts[p], dm_node_first_child(n));
    } else {
      akn_nodes_push_flat(w, &parts[cur], n);
    }
  }
  if (cover) akn_cover(w, cover);
  size_t cover_end = !cover && w->un_form ? akn_masthead_end(&parts[0]) : 0;
  if (cover_end) akn_cover_range(w, &parts[0], cover_end);
  w->part_divs = part_div;
  if (parts[0].n > cover_end) {
    akn_nodes rest = {parts[0].v + cover_end, parts[0].n - cover_end, 0};
    akn_preface(w, &rest);
  }
  if (parts[1].n) akn_preamble(w, &parts[1]);
  akn_main_body(w, &parts[2]);
  if (parts[3].n) akn_conclusions(w, &parts[3]);
  w->part_divs = NULL;
  if (attached.n) akn_write_attachments(w, attached.v, attached.n);
  for (int i = 0; i < 4; i++)
    free(parts[i].v);
  free(attached.v);
}

/* The document element: the one an AKN source had (act, bill, doc,
 * statement, with its name), else statement for a resolution and doc for
 * anything else. A type whose structure the writer does not build
 * (judgment, debate, ...) becomes doc with that name, and says so. */
static const char *akn_doc_element(akn_w *w, const char **name) {
  const dm_doc *doc = w->doc;
  const char *type = dm_doc_meta(doc, DM_META_DOC_TYPE);
  const char *el = dm_doc_meta(doc, "akn:type"), *nm = dm_doc_meta(doc, "akn:name");
  w->is_resolution = type && strcmp(type, "resolution") == 0;
  *name = w->is_resolution ? "resolution" : type && *type ? type : "document";
  w->un_form = w->is_resolution && !el;
  if (!el) return w->is_resolution ? "statement" : "doc";
  if (nm && *nm) *name = nm;
  static const char *const open[] = {"doc", "statement", "debateReport"};
  for (size_t i = 0; i < sizeof open / sizeof open[0]; i++)
    if (strcmp(el, open[i]) == 0) return open[i];
  if (strcmp(el, "act") == 0 || strcmp(el, "bill") == 0) {
    w->hier_body = 1;
    return el[0] == 'a' ? "act" : "bill";
  }
  if (!nm || !*nm) *name = el;
  if (dm_warn(w->ctx, DM_DIAG_UNSUPPORTED, dm_pos_offset(DM_NO_OFFSET),
              "AKN document type <%s> written as <doc name=\"%s\">: its own structure is not built", el,
              *name) != DM_OK)
    akn_fail(w, DM_ENOMEM);
  return "doc";
}

void akn_write_document(akn_w *w) {
  const dm_doc *doc = w->doc;
  const char *name;
  const char *el = akn_doc_element(w, &name);
  akn_declaration(w);
  akn_open(w, "akomaNtoso");
  akn_attr(w, "xmlns", AKN_NS);
  akn_attr(w, "xmlns:dm", AKN_DOCMILL_NS);
  akn_attr(w, "xmlns:" AKN_DOCMILL_ATTR_PREFIX, AKN_DOCMILL_ATTR_NS);
  akn_open(w, el);
  akn_attr(w, "name", name);
  akn_attr(w, "contains", "originalVersion");
  akn_eid_keep_all(w, dm_doc_root(doc));
  akn_write_meta(w);
  akn_write_parts(w, dm_doc_root(doc));
  akn_close(w);
  akn_close(w);
  /* The file ends with a newline, as xmlTextWriter's output did. */
  akn_textz(w, "\n");
}
