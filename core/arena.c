/* SPDX-License-Identifier: MIT */
/*
 * The arena every document allocates from. A document's nodes and strings
 * are never freed one by one: the arena is released with the document,
 * which is what keeps a reader's error paths leak-free without any cleanup
 * code of their own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct dmi_arena_chunk {
  dmi_arena_chunk *next;
  size_t size;
  /* payload follows, 16-aligned */
};

#define ARENA_HDR ((sizeof(dmi_arena_chunk) + 15u) & ~(size_t)15u)
#define ARENA_MIN_CHUNK ((size_t)64 * 1024)

void dmi_arena_init(dmi_arena *a) { memset(a, 0, sizeof *a); }

void dmi_arena_release(dmi_arena *a) {
  dmi_arena_chunk *c = a->head;
  while (c) {
    dmi_arena_chunk *n = c->next;
    free(c);
    c = n;
  }
  memset(a, 0, sizeof *a);
}

/* Memory not zeroed: for a caller that writes every byte (a string copy,
 * where zeroing would write a large document's text twice). */
static void *arena_alloc_raw(dmi_arena *a, size_t size) {
  size = (size + 15u) & ~(size_t)15u;
  if (size == 0) size = 16;
  if (!a->head || a->capacity - a->used < size) {
    /* Chunks grow with the arena so a large document needs few mallocs. */
    size_t want = a->total / 2 > ARENA_MIN_CHUNK ? a->total / 2 : ARENA_MIN_CHUNK;
    if (want > (size_t)32 * 1024 * 1024) want = (size_t)32 * 1024 * 1024;
    if (size > want / 4) {
      /* A large block gets a chunk of its own behind the current head, so
       * the free space of the head is not wasted. */
      if (size > SIZE_MAX - ARENA_HDR) return NULL;
      if (dm_budget_charge(ARENA_HDR + size) != DM_OK) return NULL;
      dmi_arena_chunk *c = calloc(1, ARENA_HDR + size);
      if (!c) return NULL;
      c->size = size;
      a->total += size;
      if (a->head) {
        c->next = a->head->next;
        a->head->next = c;
      } else {
        c->next = NULL;
        a->head = c;
        a->used = a->capacity = size;
      }
      return (char *)c + ARENA_HDR;
    }
    if (dm_budget_charge(ARENA_HDR + want) != DM_OK) return NULL;
    dmi_arena_chunk *c = malloc(ARENA_HDR + want);
    if (!c) return NULL;
    c->size = want;
    c->next = a->head;
    a->head = c;
    a->used = 0;
    a->capacity = want;
    a->total += want;
  }
  char *p = (char *)a->head + ARENA_HDR + a->used;
  a->used += size;
  return p;
}

void *dmi_arena_alloc(dmi_arena *a, size_t size) {
  void *p = arena_alloc_raw(a, size);
  if (p) memset(p, 0, size);
  return p;
}

char *dmi_arena_strndup(dmi_arena *a, const char *s, size_t len) {
  if (len == SIZE_MAX) return NULL;
  char *p = arena_alloc_raw(a, len + 1);
  if (!p) return NULL;
  if (len) memcpy(p, s, len);
  p[len] = '\0';
  return p;
}
