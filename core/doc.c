/* SPDX-License-Identifier: MIT */
/*
 * The document model's constructors, accessors and mutators. Every mutator
 * checks containment (cmark's S_can_contain) and refuses cycles, so a
 * plugin cannot build a tree the writers do not expect; dm_doc_check in
 * check.c verifies the same rules over a whole tree after the fact.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "node.h"

dm_doc *dm_doc_new(void) {
  dm_doc *d = calloc(1, sizeof *d);
  if (!d) return NULL;
  dmi_arena_init(&d->arena);
  d->root = dm_node_new(d, DM_NODE_DOCUMENT);
  if (!d->root) {
    dm_doc_free(d);
    return NULL;
  }
  return d;
}

void dm_doc_free(dm_doc *doc) {
  if (!doc) return;
  dmi_arena_release(&doc->arena);
  free(doc->meta);
  free(doc);
}

dm_node *dm_doc_root(const dm_doc *doc) { return doc ? doc->root : NULL; }

void *dm_doc_alloc(dm_doc *doc, size_t size) { return dmi_arena_alloc(&doc->arena, size); }

char *dm_doc_strdup(dm_doc *doc, const char *s) { return s ? dmi_arena_strndup(&doc->arena, s, strlen(s)) : NULL; }

char *dm_doc_strndup(dm_doc *doc, const char *s, size_t len) {
  return dmi_arena_strndup(&doc->arena, s ? s : "", s ? len : 0);
}

/* ---- metadata ---- */

int dm_doc_set_meta(dm_doc *doc, const char *key, const char *value) {
  if (!doc || !key) return DM_EUSAGE;
  doc->checked = 0;
  for (size_t i = 0; i < doc->nmeta; i++) {
    if (strcmp(doc->meta[i].key, key) == 0) {
      if (!value) {
        memmove(doc->meta + i, doc->meta + i + 1, (doc->nmeta - i - 1) * sizeof *doc->meta);
        doc->nmeta--;
        return DM_OK;
      }
      const char *v = dm_doc_strdup(doc, value);
      if (!v) return DM_ENOMEM;
      doc->meta[i].value = v;
      return DM_OK;
    }
  }
  if (!value) return DM_OK;
  if (doc->nmeta == doc->capmeta) {
    size_t cap = doc->capmeta ? doc->capmeta * 2 : 16;
    dmi_meta *m = realloc(doc->meta, cap * sizeof *m);
    if (!m) return DM_ENOMEM;
    doc->meta = m;
    doc->capmeta = cap;
  }
  const char *k = dm_doc_strdup(doc, key), *v = dm_doc_strdup(doc, value);
  if (!k || !v) return DM_ENOMEM;
  doc->meta[doc->nmeta].key = k;
  doc->meta[doc->nmeta].value = v;
  doc->nmeta++;
  return DM_OK;
}

const char *dm_doc_meta(const dm_doc *doc, const char *key) {
  if (!doc || !key) return NULL;
  for (size_t i = 0; i < doc->nmeta; i++)
    if (strcmp(doc->meta[i].key, key) == 0) return doc->meta[i].value;
  return NULL;
}

size_t dm_doc_meta_count(const dm_doc *doc) { return doc ? doc->nmeta : 0; }
const char *dm_doc_meta_key(const dm_doc *doc, size_t i) { return doc && i < doc->nmeta ? doc->meta[i].key : NULL; }
const char *dm_doc_meta_value(const dm_doc *doc, size_t i) { return doc && i < doc->nmeta ? doc->meta[i].value : NULL; }

/* ---- type tables ---- */

static const char *const type_names[] = {
    [DM_NODE_NONE] = "none",
    [DM_NODE_DOCUMENT] = "document",
    [DM_NODE_PARAGRAPH] = "paragraph",
    [DM_NODE_HEADING] = "heading",
    [DM_NODE_BLOCK_QUOTE] = "block_quote",
    [DM_NODE_LIST] = "list",
    [DM_NODE_ITEM] = "item",
    [DM_NODE_CODE_BLOCK] = "code_block",
    [DM_NODE_RAW_BLOCK] = "raw_block",
    [DM_NODE_THEMATIC_BREAK] = "thematic_break",
    [DM_NODE_PAGE_BREAK] = "page_break",
    [DM_NODE_TABLE] = "table",
    [DM_NODE_TABLE_ROW] = "table_row",
    [DM_NODE_TABLE_CELL] = "table_cell",
    [DM_NODE_DIV] = "div",
    [DM_NODE_TEXT] = "text",
    [DM_NODE_SOFTBREAK] = "softbreak",
    [DM_NODE_LINEBREAK] = "linebreak",
    [DM_NODE_EMPH] = "emph",
    [DM_NODE_STRONG] = "strong",
    [DM_NODE_STRIKE] = "strike",
    [DM_NODE_UNDERLINE] = "underline",
    [DM_NODE_SUPERSCRIPT] = "superscript",
    [DM_NODE_SUBSCRIPT] = "subscript",
    [DM_NODE_CODE] = "code",
    [DM_NODE_LINK] = "link",
    [DM_NODE_IMAGE] = "image",
    [DM_NODE_RAW_INLINE] = "raw_inline",
    [DM_NODE_SPAN] = "span",
    [DM_NODE_NOTE] = "note",
    [DM_NODE_NOTE_REF] = "note_ref",
};

const char *dm_node_type_name(dm_node_type t) {
  if ((unsigned)t < sizeof type_names / sizeof *type_names && type_names[t]) return type_names[t];
  return "unknown";
}

int dm_node_type_is_block(dm_node_type t) { return t >= DM_NODE_DOCUMENT && t <= DM_NODE_DIV; }
int dm_node_type_is_inline(dm_node_type t) { return t >= DM_NODE_TEXT && t <= DM_NODE_NOTE_REF; }

int dm_node_type_is_leaf(dm_node_type t) {
  switch (t) {
  case DM_NODE_CODE_BLOCK:
  case DM_NODE_RAW_BLOCK:
  case DM_NODE_THEMATIC_BREAK:
  case DM_NODE_PAGE_BREAK:
  case DM_NODE_TEXT:
  case DM_NODE_SOFTBREAK:
  case DM_NODE_LINEBREAK:
  case DM_NODE_CODE:
  case DM_NODE_RAW_INLINE:
  case DM_NODE_NOTE_REF: return 1;
  default: return 0;
  }
}

static const char *const role_names[] = {
    [DM_ROLE_NONE] = "none",           [DM_ROLE_PREFACE] = "preface",     [DM_ROLE_PREAMBLE] = "preamble",
    [DM_ROLE_FORMULA] = "formula",     [DM_ROLE_RECITAL] = "recital",     [DM_ROLE_MAIN_BODY] = "main_body",
    [DM_ROLE_PARAGRAPH] = "paragraph", [DM_ROLE_POINT] = "point",         [DM_ROLE_CONCLUSIONS] = "conclusions",
    [DM_ROLE_SECTION] = "section",     [DM_ROLE_COMPONENT] = "component", [DM_ROLE_INTRO] = "intro",
    [DM_ROLE_WRAP_UP] = "wrap_up",
};

const char *dm_role_name(dm_role r) {
  if ((unsigned)r < sizeof role_names / sizeof *role_names && role_names[r]) return role_names[r];
  return "unknown";
}

/* ---- containment ---- */

static int is_block_content(dm_node_type c) {
  return dm_node_type_is_block(c) && c != DM_NODE_DOCUMENT && c != DM_NODE_ITEM && c != DM_NODE_TABLE_ROW &&
         c != DM_NODE_TABLE_CELL;
}

static int type_can_contain(dm_node_type p, dm_node_type c) {
  switch (p) {
  case DM_NODE_DOCUMENT:
  case DM_NODE_BLOCK_QUOTE:
  case DM_NODE_ITEM:
  case DM_NODE_DIV:
  case DM_NODE_NOTE:
  case DM_NODE_TABLE_CELL: return is_block_content(c);
  case DM_NODE_LIST: return c == DM_NODE_ITEM;
  case DM_NODE_TABLE: return c == DM_NODE_TABLE_ROW;
  case DM_NODE_TABLE_ROW: return c == DM_NODE_TABLE_CELL;
  case DM_NODE_PARAGRAPH:
  case DM_NODE_HEADING:
  case DM_NODE_EMPH:
  case DM_NODE_STRONG:
  case DM_NODE_STRIKE:
  case DM_NODE_UNDERLINE:
  case DM_NODE_SUPERSCRIPT:
  case DM_NODE_SUBSCRIPT:
  case DM_NODE_LINK:
  case DM_NODE_IMAGE:
  case DM_NODE_SPAN: return dm_node_type_is_inline(c);
  default: return 0;
  }
}

int dm_node_can_contain(const dm_node *parent, dm_node_type child) {
  return parent && type_can_contain(parent->type, child);
}

/* ---- nodes ---- */

/* Every mutator marks the document as changed, so that the pipeline need
 * not check again a tree nobody touched since the last dm_doc_check. */
static void dmi_touch(dm_node *n) {
  if (n) n->doc->checked = 0;
}

/* Only some types use the type-specific union at the end of the node; the
 * others (text, paragraphs, emphasis, breaks: most nodes of a document) are
 * allocated without it. Every access to the union is guarded by the type. */
static size_t node_size(dm_node_type t) {
  switch (t) {
  case DM_NODE_HEADING:
  case DM_NODE_LIST:
  case DM_NODE_TABLE_ROW:
  case DM_NODE_TABLE_CELL:
  case DM_NODE_LINK:
  case DM_NODE_IMAGE:
  case DM_NODE_DIV:
  case DM_NODE_SPAN:
  case DM_NODE_NOTE:
  case DM_NODE_NOTE_REF: return sizeof(dm_node);
  default: return offsetof(dm_node, u);
  }
}

dm_node *dm_node_new(dm_doc *doc, dm_node_type type) {
  if (!doc || (!dm_node_type_is_block(type) && !dm_node_type_is_inline(type))) return NULL;
  dm_node *n = dmi_arena_alloc(&doc->arena, node_size(type));
  if (!n) return NULL;
  n->doc = doc;
  n->type = type;
  n->pos.offset = DM_NO_OFFSET;
  if (type == DM_NODE_HEADING) n->u.heading.level = 1;
  if (type == DM_NODE_LIST) {
    n->u.list.start = 1;
    n->u.list.delim = '.';
    n->u.list.tight = 1;
  }
  return n;
}

dm_node *dm_node_new_text(dm_doc *doc, const char *s, size_t len) {
  dm_node *n = dm_node_new(doc, DM_NODE_TEXT);
  if (n && dm_node_set_literal(n, s, len) != DM_OK) return NULL;
  return n;
}

dm_node *dm_node_new_div(dm_doc *doc, dm_role role, const char *label) {
  dm_node *n = dm_node_new(doc, DM_NODE_DIV);
  if (!n) return NULL;
  n->u.div.role = role;
  if (label && dm_node_set_label(n, label) != DM_OK) return NULL;
  return n;
}

dm_node_type dm_node_type_of(const dm_node *n) { return n ? (dm_node_type)n->type : DM_NODE_NONE; }
dm_doc *dm_node_doc(const dm_node *n) { return n ? n->doc : NULL; }
dm_node *dm_node_parent(const dm_node *n) { return n ? n->parent : NULL; }
dm_node *dm_node_first_child(const dm_node *n) { return n ? n->first : NULL; }
dm_node *dm_node_last_child(const dm_node *n) { return n ? n->last : NULL; }
dm_node *dm_node_next(const dm_node *n) { return n ? n->next : NULL; }
dm_node *dm_node_prev(const dm_node *n) { return n ? n->prev : NULL; }

void dm_node_unlink(dm_node *n) {
  dmi_touch(n);
  if (!n) return;
  if (n->prev) n->prev->next = n->next;
  if (n->next) n->next->prev = n->prev;
  if (n->parent) {
    if (n->parent->first == n) n->parent->first = n->next;
    if (n->parent->last == n) n->parent->last = n->prev;
  }
  n->parent = n->prev = n->next = NULL;
}

/* Whether anc is node or one of its ancestors: attaching anc under node
 * would make a cycle. */
static int is_ancestor_or_self(const dm_node *anc, const dm_node *node) {
  /* A node without children is nobody's ancestor: readers build trees top
   * down, so this keeps appending O(1) however deep the tree is. */
  if (!anc->first) return anc == node;
  for (const dm_node *p = node; p; p = p->parent)
    if (p == anc) return 1;
  return 0;
}

static int can_attach(const dm_node *parent, const dm_node *child) {
  return parent && child && parent->doc == child->doc && child->type != DM_NODE_DOCUMENT &&
         type_can_contain(parent->type, child->type) && !is_ancestor_or_self(child, parent);
}

int dm_node_append_child(dm_node *parent, dm_node *child) {
  dmi_touch(parent);
  if (!can_attach(parent, child)) return DM_EINTERNAL;
  dm_node_unlink(child);
  child->parent = parent;
  child->prev = parent->last;
  if (parent->last)
    parent->last->next = child;
  else
    parent->first = child;
  parent->last = child;
  return DM_OK;
}

int dm_node_prepend_child(dm_node *parent, dm_node *child) {
  dmi_touch(parent);
  if (!can_attach(parent, child)) return DM_EINTERNAL;
  dm_node_unlink(child);
  child->parent = parent;
  child->next = parent->first;
  if (parent->first)
    parent->first->prev = child;
  else
    parent->last = child;
  parent->first = child;
  return DM_OK;
}

int dm_node_insert_before(dm_node *sib, dm_node *node) {
  dmi_touch(sib);
  if (!sib || !node || sib == node || !can_attach(sib->parent, node)) return DM_EINTERNAL;
  dm_node_unlink(node);
  node->parent = sib->parent;
  node->next = sib;
  node->prev = sib->prev;
  if (sib->prev)
    sib->prev->next = node;
  else
    sib->parent->first = node;
  sib->prev = node;
  return DM_OK;
}

int dm_node_insert_after(dm_node *sib, dm_node *node) {
  dmi_touch(sib);
  if (!sib || !node || sib == node || !can_attach(sib->parent, node)) return DM_EINTERNAL;
  dm_node_unlink(node);
  node->parent = sib->parent;
  node->prev = sib;
  node->next = sib->next;
  if (sib->next)
    sib->next->prev = node;
  else
    sib->parent->last = node;
  sib->next = node;
  return DM_OK;
}

int dm_node_move_children(dm_node *to, dm_node *from) {
  dmi_touch(to);
  if (!to || !from) return DM_EINTERNAL;
  for (dm_node *c = from->first; c; c = c->next)
    if (!can_attach(to, c) || c == to) return DM_EINTERNAL;
  dm_node *c = from->first;
  while (c) {
    dm_node *n = c->next;
    int rc = dm_node_append_child(to, c);
    if (rc != DM_OK) return rc;
    c = n;
  }
  return DM_OK;
}

void dm_node_set_pos(dm_node *n, dm_pos pos) {
  if (n) n->pos = pos;
}
dm_pos dm_node_pos(const dm_node *n) {
  dm_pos none = {0, 0, DM_NO_OFFSET};
  return n ? n->pos : none;
}

static int has_literal(dm_node_type t) {
  return t == DM_NODE_TEXT || t == DM_NODE_CODE || t == DM_NODE_CODE_BLOCK || t == DM_NODE_RAW_BLOCK ||
         t == DM_NODE_RAW_INLINE;
}

const char *dm_node_literal(const dm_node *n) { return n && n->lit ? n->lit : ""; }
size_t dm_node_literal_len(const dm_node *n) { return n && n->lit ? n->lit_len : 0; }

int dm_node_set_literal(dm_node *n, const char *s, size_t len) {
  dmi_touch(n);
  if (!n || !has_literal(n->type)) return DM_EINTERNAL;
  if (!s) len = 0;
  if (len >= INT32_MAX / 2) return DM_ENOMEM;
  char *p = dmi_arena_strndup(&n->doc->arena, s ? s : "", len);
  if (!p) return DM_ENOMEM;
  n->lit = p;
  n->lit_len = (uint32_t)len;
  n->lit_shift = 0;
  return DM_OK;
}

int dm_node_append_literal(dm_node *n, const char *s, size_t len) {
  dmi_touch(n);
  if (!n || !has_literal(n->type)) return DM_EINTERNAL;
  if (!len) return n->lit ? DM_OK : dm_node_set_literal(n, "", 0);
  size_t room = n->lit_shift ? ((size_t)1 << n->lit_shift) - 1 : n->lit_len;
  if (n->lit && room - n->lit_len >= len) {
    memcpy(n->lit + n->lit_len, s, len);
    n->lit_len += (uint32_t)len;
    n->lit[n->lit_len] = '\0';
    return DM_OK;
  }
  size_t need = (size_t)n->lit_len + len;
  if (len >= INT32_MAX / 2 || need >= INT32_MAX / 2) return DM_ENOMEM;
  /* Capacity doubles (a power of two, so that one byte records it): many
   * appends to one literal stay linear, and the arena wastes at most half. */
  unsigned shift = 4;
  while (((size_t)1 << shift) - 1 < need * 2)
    shift++;
  char *p = dmi_arena_alloc(&n->doc->arena, (size_t)1 << shift);
  if (!p) return DM_ENOMEM;
  if (n->lit_len) memcpy(p, n->lit, n->lit_len);
  memcpy(p + n->lit_len, s, len);
  n->lit = p;
  n->lit_len = (uint32_t)need;
  n->lit_shift = (uint8_t)shift;
  n->lit[n->lit_len] = '\0';
  return DM_OK;
}

int dm_node_heading_level(const dm_node *n) { return n && n->type == DM_NODE_HEADING ? n->u.heading.level : 0; }
int dm_node_set_heading_level(dm_node *n, int level) {
  dmi_touch(n);
  if (!n || n->type != DM_NODE_HEADING || level < 1 || level > 6) return DM_EINTERNAL;
  n->u.heading.level = level;
  return DM_OK;
}

int dm_node_list_ordered(const dm_node *n) { return n && n->type == DM_NODE_LIST && n->u.list.ordered; }
long dm_node_list_start(const dm_node *n) { return n && n->type == DM_NODE_LIST ? n->u.list.start : 0; }
int dm_node_list_tight(const dm_node *n) { return n && n->type == DM_NODE_LIST && n->u.list.tight; }
char dm_node_list_delim(const dm_node *n) { return n && n->type == DM_NODE_LIST ? n->u.list.delim : 0; }
int dm_node_set_list(dm_node *n, int ordered, long start, int tight, char delim) {
  dmi_touch(n);
  if (!n || n->type != DM_NODE_LIST || start < 0) return DM_EINTERNAL;
  n->u.list.ordered = ordered != 0;
  n->u.list.start = start;
  n->u.list.tight = tight != 0;
  n->u.list.delim = delim ? delim : (ordered ? '.' : '-');
  return DM_OK;
}

int dm_node_row_is_header(const dm_node *n) { return n && n->type == DM_NODE_TABLE_ROW && n->u.row.header; }
int dm_node_set_row_header(dm_node *n, int h) {
  dmi_touch(n);
  if (!n || n->type != DM_NODE_TABLE_ROW) return DM_EINTERNAL;
  n->u.row.header = h != 0;
  return DM_OK;
}
dm_align dm_node_cell_align(const dm_node *n) {
  return n && n->type == DM_NODE_TABLE_CELL ? n->u.cell.align : DM_ALIGN_NONE;
}
int dm_node_set_cell_align(dm_node *n, dm_align a) {
  dmi_touch(n);
  if (!n || n->type != DM_NODE_TABLE_CELL || a < DM_ALIGN_NONE || a > DM_ALIGN_RIGHT) return DM_EINTERNAL;
  n->u.cell.align = a;
  return DM_OK;
}

static int is_linkish(const dm_node *n) { return n && (n->type == DM_NODE_LINK || n->type == DM_NODE_IMAGE); }
const char *dm_node_url(const dm_node *n) { return is_linkish(n) && n->u.link.url ? n->u.link.url : ""; }
const char *dm_node_title(const dm_node *n) { return is_linkish(n) && n->u.link.title ? n->u.link.title : ""; }
int dm_node_set_url(dm_node *n, const char *url) {
  dmi_touch(n);
  if (!is_linkish(n)) return DM_EINTERNAL;
  const char *p = dm_doc_strdup(n->doc, url ? url : "");
  if (!p) return DM_ENOMEM;
  n->u.link.url = p;
  return DM_OK;
}
int dm_node_set_title(dm_node *n, const char *title) {
  dmi_touch(n);
  if (!is_linkish(n)) return DM_EINTERNAL;
  const char *p = dm_doc_strdup(n->doc, title ? title : "");
  if (!p) return DM_ENOMEM;
  n->u.link.title = p;
  return DM_OK;
}

dm_role dm_node_role(const dm_node *n) { return n && n->type == DM_NODE_DIV ? n->u.div.role : DM_ROLE_NONE; }
int dm_node_set_role(dm_node *n, dm_role r) {
  dmi_touch(n);
  if (!n || n->type != DM_NODE_DIV || r < DM_ROLE_NONE || r > DM_ROLE_WRAP_UP) return DM_EINTERNAL;
  n->u.div.role = r;
  return DM_OK;
}

static int has_label(dm_node_type t) {
  return t == DM_NODE_DIV || t == DM_NODE_NOTE || t == DM_NODE_NOTE_REF || t == DM_NODE_CODE_BLOCK ||
         t == DM_NODE_RAW_BLOCK || t == DM_NODE_RAW_INLINE;
}
const char *dm_node_label(const dm_node *n) { return n && has_label(n->type) ? n->label : NULL; }
int dm_node_set_label(dm_node *n, const char *label) {
  dmi_touch(n);
  if (!n || !has_label(n->type)) return DM_EINTERNAL;
  if (!label) {
    n->label = NULL;
    return DM_OK;
  }
  const char *p = dm_doc_strdup(n->doc, label);
  if (!p) return DM_ENOMEM;
  n->label = p;
  return DM_OK;
}

const char *dm_node_class(const dm_node *n) {
  return n && (n->type == DM_NODE_DIV || n->type == DM_NODE_SPAN) ? n->u.div.cls : NULL;
}
int dm_node_set_class(dm_node *n, const char *cls) {
  dmi_touch(n);
  if (!n || (n->type != DM_NODE_DIV && n->type != DM_NODE_SPAN)) return DM_EINTERNAL;
  if (!cls) {
    n->u.div.cls = NULL;
    return DM_OK;
  }
  const char *p = dm_doc_strdup(n->doc, cls);
  if (!p) return DM_ENOMEM;
  n->u.div.cls = p;
  return DM_OK;
}

dm_node *dm_node_note_target(const dm_node *ref) {
  return ref && ref->type == DM_NODE_NOTE_REF ? ref->u.note.target : NULL;
}
int dm_node_set_note_target(dm_node *ref, dm_node *note) {
  dmi_touch(ref);
  if (!ref || ref->type != DM_NODE_NOTE_REF || !note || note->type != DM_NODE_NOTE || note->doc != ref->doc)
    return DM_EINTERNAL;
  if (ref->u.note.target) ref->u.note.target->u.note.refs--;
  ref->u.note.target = note;
  note->u.note.refs++;
  if (!ref->label && note->label) ref->label = note->label;
  return DM_OK;
}

int dm_node_set_attr(dm_node *n, const char *key, const char *value) {
  dmi_touch(n);
  if (!n || !key) return DM_EINTERNAL;
  dmi_attr **pp = &n->attrs;
  for (; *pp; pp = &(*pp)->next) {
    if (strcmp((*pp)->key, key) == 0) {
      if (!value) {
        *pp = (*pp)->next;
        return DM_OK;
      }
      const char *v = dm_doc_strdup(n->doc, value);
      if (!v) return DM_ENOMEM;
      (*pp)->value = v;
      return DM_OK;
    }
  }
  if (!value) return DM_OK;
  dmi_attr *a = dmi_arena_alloc(&n->doc->arena, sizeof *a);
  if (!a) return DM_ENOMEM;
  a->key = dm_doc_strdup(n->doc, key);
  a->value = dm_doc_strdup(n->doc, value);
  if (!a->key || !a->value) return DM_ENOMEM;
  *pp = a;
  return DM_OK;
}

const char *dm_node_attr(const dm_node *n, const char *key) {
  if (!n || !key) return NULL;
  for (const dmi_attr *a = n->attrs; a; a = a->next)
    if (strcmp(a->key, key) == 0) return a->value;
  return NULL;
}

size_t dm_node_attr_count(const dm_node *n) {
  size_t k = 0;
  for (const dmi_attr *a = n ? n->attrs : NULL; a; a = a->next)
    k++;
  return k;
}

static const dmi_attr *attr_at(const dm_node *n, size_t i) {
  const dmi_attr *a = n ? n->attrs : NULL;
  while (a && i--)
    a = a->next;
  return a;
}
const char *dm_node_attr_key(const dm_node *n, size_t i) {
  const dmi_attr *a = attr_at(n, i);
  return a ? a->key : NULL;
}
const char *dm_node_attr_value(const dm_node *n, size_t i) {
  const dmi_attr *a = attr_at(n, i);
  return a ? a->value : NULL;
}

static int text_content(const dm_node *n, dm_buf *b) {
  for (const dm_node *c = n->first; c; c = c->next) {
    switch (c->type) {
    case DM_NODE_TEXT:
    case DM_NODE_CODE: dm_buf_append(b, c->lit ? c->lit : "", c->lit_len); break;
    case DM_NODE_SOFTBREAK: dm_buf_append(b, " ", 1); break;
    case DM_NODE_LINEBREAK: dm_buf_append(b, "\n", 1); break;
    case DM_NODE_NOTE:
    case DM_NODE_NOTE_REF: break;
    default:
      if (!dm_node_type_is_leaf(c->type)) text_content(c, b);
      if (dm_node_type_is_block(c->type) && c->next) dm_buf_append(b, "\n", 1);
    }
  }
  return b->status;
}

char *dm_node_text_content(const dm_node *n) {
  if (!n) return NULL;
  dm_buf b;
  dm_buf_init(&b);
  if (n->type == DM_NODE_TEXT || n->type == DM_NODE_CODE)
    dm_buf_append(&b, n->lit ? n->lit : "", n->lit_len);
  else
    text_content(n, &b);
  char *r = b.status ? NULL : dmi_arena_strndup(&n->doc->arena, b.data ? b.data : "", b.len);
  dm_buf_release(&b);
  return r;
}
