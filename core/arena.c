/* SPDX-License-Identifier: MIT */
/*
 * The arena every document allocates from, and the growable buffer used by
 * the core. A document's nodes and strings are never freed one by one: the
 * arena is released with the document, which is what keeps a reader's error
 * paths leak-free without any cleanup code of their own.
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

void *dmi_arena_alloc(dmi_arena *a, size_t size) {
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
  memset(p, 0, size);
  return p;
}

char *dmi_arena_strndup(dmi_arena *a, const char *s, size_t len) {
  if (len == SIZE_MAX) return NULL;
  char *p = dmi_arena_alloc(a, len + 1);
  if (!p) return NULL;
  if (len) memcpy(p, s, len);
  p[len] = '\0';
  return p;
}

void dmi_buf_init(dmi_buf *b) { memset(b, 0, sizeof *b); }

void dmi_buf_release(dmi_buf *b) {
  free(b->data);
  memset(b, 0, sizeof *b);
}

static int buf_reserve(dmi_buf *b, size_t extra) {
  if (b->failed) return DM_ENOMEM;
  if (extra > SIZE_MAX - b->len - 1) {
    b->failed = 1;
    return DM_ENOMEM;
  }
  size_t need = b->len + extra + 1;
  if (need <= b->cap) return DM_OK;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < need)
    cap = cap > SIZE_MAX / 2 ? need : cap * 2;
  char *p = realloc(b->data, cap);
  if (!p) {
    b->failed = 1;
    return DM_ENOMEM;
  }
  b->data = p;
  b->cap = cap;
  return DM_OK;
}

int dmi_buf_append(dmi_buf *b, const void *data, size_t len) {
  if (buf_reserve(b, len) != DM_OK) return DM_ENOMEM;
  if (len) memcpy(b->data + b->len, data, len);
  b->len += len;
  b->data[b->len] = '\0';
  return DM_OK;
}

int dmi_buf_puts(dmi_buf *b, const char *s) { return dmi_buf_append(b, s, strlen(s)); }

int dmi_buf_vprintf(dmi_buf *b, const char *fmt, va_list ap) {
  va_list aq;
  va_copy(aq, ap);
  int n = vsnprintf(NULL, 0, fmt, aq);
  va_end(aq);
  if (n < 0) return DM_EINTERNAL;
  if (buf_reserve(b, (size_t)n) != DM_OK) return DM_ENOMEM;
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  b->len += (size_t)n;
  return DM_OK;
}

int dmi_buf_printf(dmi_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int rc = dmi_buf_vprintf(b, fmt, ap);
  va_end(ap);
  return rc;
}

char *dmi_buf_detach(dmi_buf *b, size_t *len) {
  if (b->failed) return NULL;
  if (!b->data && dmi_buf_append(b, "", 0) != DM_OK) return NULL;
  char *d = b->data;
  if (len) *len = b->len;
  memset(b, 0, sizeof *b);
  return d;
}
