/* SPDX-License-Identifier: MIT */
/*
 * The ENTER/EXIT iterator over a subtree (cmark's cmark_iter): the only
 * traversal a writer needs, and iterative, so a deeply nested document
 * cannot exhaust the C stack of a writer that uses it.
 */
#include <stdlib.h>

#include "node.h"

struct dm_iter {
  dm_node *root;
  dm_node *cur;
  dm_event ev;
  dm_node *next;
  dm_event next_ev;
};

dm_iter *dm_iter_new(dm_node *root) {
  if (!root) return NULL;
  dm_iter *it = calloc(1, sizeof *it);
  if (!it) return NULL;
  it->root = root;
  it->next = root;
  it->next_ev = DM_EVENT_ENTER;
  return it;
}

void dm_iter_free(dm_iter *it) { free(it); }

/* Sets the successor of (n, ev) as the next step. */
static void iter_advance(dm_iter *it, dm_node *n, dm_event ev) {
  if (ev == DM_EVENT_ENTER && !dm_node_type_is_leaf(n->type)) {
    it->next = n->first ? n->first : n;
    it->next_ev = n->first ? DM_EVENT_ENTER : DM_EVENT_EXIT;
  } else if (n == it->root) {
    it->next = NULL;
    it->next_ev = DM_EVENT_DONE;
  } else if (n->next) {
    it->next = n->next;
    it->next_ev = DM_EVENT_ENTER;
  } else if (n->parent) {
    it->next = n->parent;
    it->next_ev = DM_EVENT_EXIT;
  } else {
    it->next = NULL;
    it->next_ev = DM_EVENT_DONE;
  }
}

dm_event dm_iter_next(dm_iter *it) {
  if (!it) return DM_EVENT_DONE;
  dm_node *n = it->next;
  dm_event ev = it->next_ev;
  if (ev == DM_EVENT_DONE || !n) {
    it->ev = DM_EVENT_DONE;
    it->cur = NULL;
    return DM_EVENT_DONE;
  }
  it->cur = n;
  it->ev = ev;
  iter_advance(it, n, ev);
  return ev;
}

dm_node *dm_iter_node(const dm_iter *it) { return it ? it->cur : NULL; }

void dm_iter_reset(dm_iter *it, dm_node *node, dm_event ev) {
  if (!it || !node) return;
  it->cur = node;
  it->ev = ev;
  iter_advance(it, node, ev);
}
