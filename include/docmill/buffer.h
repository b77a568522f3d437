/* SPDX-License-Identifier: MIT */
/*
 * A growable byte buffer for plugins and the core: the one place docmill
 * grows memory for bytes it builds (markup, text, messages). Failure is
 * sticky, as with the sinks: after the first allocation failure every call
 * returns DM_ENOMEM and changes nothing, so a caller may append a whole
 * part and check once at the end.
 */
#ifndef DOCMILL_BUFFER_H
#define DOCMILL_BUFFER_H

#include <stdarg.h>
#include <stddef.h>

#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The fields may be read (data[0..len) are the bytes so far, and data[len]
 * is a NUL byte once anything was appended); they are changed only through
 * the functions below. A zeroed dm_buf (or DM_BUF_INIT) is an empty one. */
typedef struct dm_buf {
  char *data; /* malloc'd, owned by the buffer; NULL while empty */
  size_t len; /* bytes used */
  size_t cap; /* bytes allocated */
  int status; /* DM_OK, or DM_ENOMEM after an allocation failed */
} dm_buf;

#define DM_BUF_INIT                                                                                                    \
  { NULL, 0, 0, DM_OK }

/* Makes b empty, without freeing anything: for a buffer not yet used. */
void dm_buf_init(dm_buf *b);
/* Frees the bytes and makes b empty again (status DM_OK). NULL-safe. */
void dm_buf_release(dm_buf *b);
/* Makes room for extra more bytes (and the NUL after them) without
 * changing len. DM_OK, or DM_ENOMEM (sticky) when it cannot. */
int dm_buf_reserve(dm_buf *b, size_t extra);
/* Appends len bytes of data (which may be NULL when len is 0). DM_OK or
 * DM_ENOMEM (sticky; nothing appended). */
int dm_buf_append(dm_buf *b, const void *data, size_t len);
/* Appends the string s, a byte, or formatted text; same results. A format
 * error of vsnprintf is DM_EINTERNAL (not sticky). */
int dm_buf_puts(dm_buf *b, const char *s);
int dm_buf_putc(dm_buf *b, int c);
int dm_buf_printf(dm_buf *b, const char *fmt, ...) DM_PRINTF(2, 3);
int dm_buf_vprintf(dm_buf *b, const char *fmt, va_list ap) DM_PRINTF(2, 0);
/* Inserts len bytes at offset at (0..b->len), moving what follows. DM_OK,
 * DM_ENOMEM (sticky), or DM_EUSAGE when at is past the end. */
int dm_buf_insert(dm_buf *b, size_t at, const void *data, size_t len);
/* Shortens the buffer to len bytes (no effect when len >= b->len); keeps
 * the allocation. */
void dm_buf_truncate(dm_buf *b, size_t len);
/* Takes the bytes out of the buffer: returns them NUL-terminated (an empty
 * buffer gives ""), with their length in *len when len is not NULL, and
 * leaves b empty. The caller takes ownership and frees them with free().
 * NULL when the buffer had failed (it is then released) or out of memory. */
char *dm_buf_detach(dm_buf *b, size_t *len);

#ifdef __cplusplus
}
#endif
#endif
