/* SPDX-License-Identifier: MIT */
/*
 * A map from nodes to a writer's own data, for the one document being
 * written: which footnote number, eId or label a note got, which notes are
 * referenced, without a field in the node (a writer gets the document
 * const, and each writer wants different data). Keys are node addresses,
 * compared as addresses; nothing of the node is read.
 */
#ifndef DOCMILL_NODEMAP_H
#define DOCMILL_NODEMAP_H

#include <stddef.h>

#include "doc.h"
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct dm_node_map dm_node_map;

/* An empty map; NULL when out of memory. */
dm_node_map *dm_node_map_new(void);
/* Frees the map; the values are the caller's and are not freed. NULL-safe. */
void dm_node_map_free(dm_node_map *map);
/* Maps node (not NULL) to value, replacing any earlier value. The map
 * borrows neither. DM_OK, DM_ENOMEM (the map is unchanged), or DM_EUSAGE
 * for a NULL node. */
int dm_node_map_put(dm_node_map *map, const dm_node *node, void *value);
/* The value of node, or NULL when it has none (or map is NULL). */
void *dm_node_map_get(const dm_node_map *map, const dm_node *node);
/* Whether node has a value (which may itself be NULL). */
int dm_node_map_has(const dm_node_map *map, const dm_node *node);
/* How many nodes have a value. */
size_t dm_node_map_count(const dm_node_map *map);

#ifdef __cplusplus
}
#endif
#endif
