/* SPDX-License-Identifier: MIT */
/*
 * What the files of the AKN writer's body (akn_write_body.c, _block.c,
 * _inline.c, _parts.c) share: the flat node lists the hierarchy is sorted
 * from, and the functions one of them writes for the others. Every
 * function records failure on the writer's sticky status (akn_fail) and
 * does nothing once it is set.
 */
#ifndef DOCMILL_AKN_WRITE_BODY_H
#define DOCMILL_AKN_WRITE_BODY_H

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

/* ---- akn_write_body.c: lists of nodes and the hierarchy ---- */

/* Appends n to ns (realloc'd; the caller frees ns->v). */
void akn_nodes_push(akn_w *w, akn_nodes *ns, const dm_node *n);
/* Appends n, or the children of an intro / wrap-up div in its place. */
void akn_nodes_push_flat(akn_w *w, akn_nodes *ns, const dm_node *n);
/* Appends first and its next siblings, flattened as above. */
void akn_children(akn_w *w, akn_nodes *ns, const dm_node *first);
/* Whether n is a DIV of the role. */
int akn_is_role(const dm_node *n, dm_role role);
/* Attributes of a node that AKN has no place for, as dma:{key}; skip is a
 * key the caller wrote natively. */
void akn_node_attrs(akn_w *w, const dm_node *n, const char *skip);
/* A num element holding label (nothing for NULL). */
void akn_num(akn_w *w, const char *label);
/* mainBody from the nodes of a plain document or of a resolution. */
void akn_main_body(akn_w *w, const akn_nodes *ns);

/* ---- akn_write_inline.c ---- */

void akn_inline(akn_w *w, const dm_node *n);
/* first and its next siblings. */
void akn_inlines(akn_w *w, const dm_node *first);
/* An inline element name around the children of n, with n's attributes. */
void akn_inline_elem(akn_w *w, const char *name, const dm_node *n);
/* A block of text (p, heading, ...) of class cls holding n's inlines. */
void akn_text_block(akn_w *w, const char *name, const char *cls, const dm_node *n);

/* ---- akn_write_block.c ---- */

/* first and its next siblings as blocks; need_one writes an empty p when
 * there is none, where the schema wants one. */
void akn_blocks(akn_w *w, const dm_node *first, int need_one);
/* ns->v[lo, hi) as blocks. */
void akn_block_range(akn_w *w, const akn_nodes *ns, size_t lo, size_t hi);
/* ns->v[lo, hi) as blocks inside an element name (content, intro, ...). */
void akn_wrapped_blocks(akn_w *w, const char *name, const akn_nodes *ns, size_t lo, size_t hi);

/* ---- akn_write_parts.c ---- */

/* The eId the source gave to a part (preface, preamble, ...), kept. */
void akn_part_eid(akn_w *w, int part);

#endif
