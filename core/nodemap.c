/* SPDX-License-Identifier: MIT */
/*
 * The node map of nodemap.h: open addressing over node addresses, kept at
 * most half full, so a look-up is one or two probes whatever the number of
 * notes a document has.
 */
#include <stdint.h>
#include <stdlib.h>

#include "internal.h"

typedef struct map_slot {
  const dm_node *node;
  void *value;
} map_slot;

struct dm_node_map {
  map_slot *slots;
  size_t count, cap; /* cap: 0 or a power of two */
};

dm_node_map *dm_node_map_new(void) { return calloc(1, sizeof(dm_node_map)); }

void dm_node_map_free(dm_node_map *m) {
  if (!m) return;
  free(m->slots);
  free(m);
}

/* Nodes are 16-aligned arena blocks: drop the low bits, then mix. */
static size_t map_hash(const dm_node *n, size_t cap) {
  uint64_t h = (uint64_t)(uintptr_t)n >> 4;
  h *= 0x9E3779B97F4A7C15ull;
  return (size_t)(h >> 17) & (cap - 1);
}

static map_slot *map_find(const dm_node_map *m, const dm_node *n) {
  if (!m || !m->cap || !n) return NULL;
  for (size_t i = map_hash(n, m->cap);; i = (i + 1) & (m->cap - 1)) {
    if (m->slots[i].node == n) return &m->slots[i];
    if (!m->slots[i].node) return NULL;
  }
}

static int map_grow(dm_node_map *m) {
  size_t cap = m->cap ? m->cap * 2 : 64;
  if (cap > SIZE_MAX / sizeof(map_slot)) return DM_ENOMEM;
  map_slot *s = calloc(cap, sizeof *s);
  if (!s) return DM_ENOMEM;
  for (size_t i = 0; i < m->cap; i++) {
    if (!m->slots[i].node) continue;
    size_t j = map_hash(m->slots[i].node, cap);
    while (s[j].node)
      j = (j + 1) & (cap - 1);
    s[j] = m->slots[i];
  }
  free(m->slots);
  m->slots = s;
  m->cap = cap;
  return DM_OK;
}

int dm_node_map_put(dm_node_map *m, const dm_node *n, void *value) {
  if (!m || !n) return DM_EUSAGE;
  map_slot *hit = map_find(m, n);
  if (hit) {
    hit->value = value;
    return DM_OK;
  }
  if ((m->count + 1) * 2 > m->cap && map_grow(m) != DM_OK) return DM_ENOMEM;
  size_t i = map_hash(n, m->cap);
  while (m->slots[i].node)
    i = (i + 1) & (m->cap - 1);
  m->slots[i].node = n;
  m->slots[i].value = value;
  m->count++;
  return DM_OK;
}

void *dm_node_map_get(const dm_node_map *m, const dm_node *n) {
  map_slot *s = map_find(m, n);
  return s ? s->value : NULL;
}

int dm_node_map_has(const dm_node_map *m, const dm_node *n) { return map_find(m, n) != NULL; }

size_t dm_node_map_count(const dm_node_map *m) { return m ? m->count : 0; }
