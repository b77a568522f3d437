/* SPDX-License-Identifier: MIT */
/*
 * The tree checker (cmark's cmark_node_check): verifies links, containment,
 * note references, heading levels and the UTF-8 of every string. The
 * pipeline runs it between a transform and a writer, and the fuzzers run it
 * after every reader, so a plugin that builds a bad tree is caught where it
 * did so rather than in a writer far away.
 */
#include <string.h>

#include "node.h"

static int bad(dm_ctx *ctx, const dm_node *n, const char *what) {
  if (ctx) return dm_error(ctx, DM_EINTERNAL, "invalid document tree: %s node %s", dm_node_type_name(n->type), what);
  return DM_EINTERNAL;
}

static int utf8_ok(const char *s, size_t len) { return !s || dm_utf8_validate((const unsigned char *)s, len) == len; }

static int check_node(const dm_node *n, const dm_doc *doc, dm_ctx *ctx) {
  if (n->doc != doc) return bad(ctx, n, "belongs to another document");
  if (n->parent && !dm_node_can_contain(n->parent, n->type)) {
    if (ctx)
      return dm_error(ctx, DM_EINTERNAL, "invalid document tree: %s inside %s", dm_node_type_name(n->type),
                      dm_node_type_name(n->parent->type));
    return DM_EINTERNAL;
  }
  if (dm_node_type_is_leaf(n->type) && n->first) return bad(ctx, n, "is a leaf with children");
  if (n->first && n->first->prev) return bad(ctx, n, "has a first child with a previous sibling");
  if (n->last && n->last->next) return bad(ctx, n, "has a last child with a next sibling");
  for (const dm_node *c = n->first; c; c = c->next) {
    if (c->parent != n) return bad(ctx, c, "has a wrong parent link");
    if (c->next && c->next->prev != c) return bad(ctx, c, "has a wrong sibling link");
    if (!c->next && n->last != c) return bad(ctx, n, "has a wrong last-child link");
  }
  if (n->type == DM_NODE_HEADING && (n->u.heading.level < 1 || n->u.heading.level > 6))
    return bad(ctx, n, "has a level outside 1..6");
  if (n->type == DM_NODE_NOTE_REF) {
    const dm_node *t = n->u.note.target;
    if (!t || t->type != DM_NODE_NOTE || t->doc != doc) return bad(ctx, n, "does not refer to a note");
  }
  if (!utf8_ok(n->lit, n->lit_len) || (n->label && !utf8_ok(n->label, strlen(n->label))) ||
      (dm_node_class(n) && !utf8_ok(dm_node_class(n), strlen(dm_node_class(n)))))
    return bad(ctx, n, "holds invalid UTF-8");
  if ((n->type == DM_NODE_LINK || n->type == DM_NODE_IMAGE) &&
      ((n->u.link.url && !utf8_ok(n->u.link.url, strlen(n->u.link.url))) ||
       (n->u.link.title && !utf8_ok(n->u.link.title, strlen(n->u.link.title)))))
    return bad(ctx, n, "holds invalid UTF-8");
  for (const dmi_attr *a = n->attrs; a; a = a->next)
    if (!utf8_ok(a->key, strlen(a->key)) || !utf8_ok(a->value, strlen(a->value)))
      return bad(ctx, n, "holds an attribute with invalid UTF-8");
  return DM_OK;
}

int dmi_doc_check_if_changed(const dm_doc *doc, dm_ctx *ctx) {
  return doc && doc->checked ? DM_OK : dm_doc_check(doc, ctx);
}

int dm_doc_check(const dm_doc *doc, dm_ctx *ctx) {
  if (!doc || !doc->root || doc->root->type != DM_NODE_DOCUMENT || doc->root->parent)
    return ctx ? dm_error(ctx, DM_EINTERNAL, "invalid document: no root") : DM_EINTERNAL;
  for (size_t i = 0; i < doc->nmeta; i++)
    if (!utf8_ok(doc->meta[i].key, strlen(doc->meta[i].key)) ||
        !utf8_ok(doc->meta[i].value, strlen(doc->meta[i].value)))
      return ctx ? dm_error(ctx, DM_EINTERNAL, "invalid document: metadata '%s' is not UTF-8", doc->meta[i].key)
                 : DM_EINTERNAL;
  /* Iterative walk: the checker must survive the deepest tree a reader
   * may build. */
  const dm_node *n = doc->root;
  while (n) {
    int rc = check_node(n, doc, ctx);
    if (rc != DM_OK) return rc;
    if (n->first) {
      n = n->first;
      continue;
    }
    while (n && n != doc->root && !n->next)
      n = n->parent;
    if (!n || n == doc->root) break;
    n = n->next;
  }
  ((dm_doc *)doc)->checked = 1;
  return DM_OK;
}
