/* SPDX-License-Identifier: MIT */
/*
 * The growable byte buffer of buffer.h. Capacity doubles, so appending n
 * bytes in any number of calls costs O(n); a NUL byte is kept after the
 * data so that text can be handed to C string functions without a copy.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void dm_buf_init(dm_buf *b) { memset(b, 0, sizeof *b); }

void dm_buf_release(dm_buf *b) {
  if (!b) return;
  free(b->data);
  memset(b, 0, sizeof *b);
}

int dm_buf_reserve(dm_buf *b, size_t extra) {
  if (b->status) return b->status;
  if (extra > SIZE_MAX - b->len - 1) return b->status = DM_ENOMEM;
  size_t need = b->len + extra + 1;
  if (need <= b->cap) return DM_OK;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < need)
    cap = cap > SIZE_MAX / 2 ? need : cap * 2;
  char *p = realloc(b->data, cap);
  if (!p) return b->status = DM_ENOMEM;
  b->data = p;
  b->cap = cap;
  return DM_OK;
}

int dm_buf_append(dm_buf *b, const void *data, size_t len) {
  if (dm_buf_reserve(b, len) != DM_OK) return DM_ENOMEM;
  if (len) memcpy(b->data + b->len, data, len);
  b->len += len;
  b->data[b->len] = '\0';
  return DM_OK;
}

int dm_buf_puts(dm_buf *b, const char *s) { return dm_buf_append(b, s, strlen(s)); }

int dm_buf_putc(dm_buf *b, int c) {
  char ch = (char)c;
  return dm_buf_append(b, &ch, 1);
}

int dm_buf_vprintf(dm_buf *b, const char *fmt, va_list ap) {
  va_list aq;
  va_copy(aq, ap);
  int n = vsnprintf(NULL, 0, fmt, aq);
  va_end(aq);
  if (n < 0) return DM_EINTERNAL;
  if (dm_buf_reserve(b, (size_t)n) != DM_OK) return DM_ENOMEM;
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  b->len += (size_t)n;
  return DM_OK;
}

int dm_buf_printf(dm_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int rc = dm_buf_vprintf(b, fmt, ap);
  va_end(ap);
  return rc;
}

int dm_buf_insert(dm_buf *b, size_t at, const void *data, size_t len) {
  if (b->status) return b->status;
  if (at > b->len) return DM_EUSAGE;
  if (dm_buf_reserve(b, len) != DM_OK) return DM_ENOMEM;
  memmove(b->data + at + len, b->data + at, b->len - at);
  if (len) memcpy(b->data + at, data, len);
  b->len += len;
  b->data[b->len] = '\0';
  return DM_OK;
}

void dm_buf_truncate(dm_buf *b, size_t len) {
  if (len >= b->len) return;
  b->len = len;
  b->data[len] = '\0';
}

char *dm_buf_detach(dm_buf *b, size_t *len) {
  if (len) *len = 0;
  if (b->status) {
    dm_buf_release(b);
    return NULL;
  }
  if (!b->data && dm_buf_append(b, "", 0) != DM_OK) return NULL;
  char *d = b->data;
  if (len) *len = b->len;
  memset(b, 0, sizeof *b);
  return d;
}
