/* SPDX-License-Identifier: MIT */
/*
 * Output sinks: where writers write. A writer never opens a file; it is
 * given a sink (an atomic file, a stdio stream or memory) whose first error
 * is sticky, so that a writer may check once at the end.
 */
#ifndef DOCMILL_SINK_H
#define DOCMILL_SINK_H

#include <stddef.h>
#include <stdint.h>

#include "ctx.h"
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Writers never open files: they write to a sink. The core makes file sinks
 * atomic (a temporary file renamed into place on success only). */
typedef struct dm_sink dm_sink;

/* Writes len bytes; DM_OK or DM_EIO (the error is recorded on the sink and
 * every later write fails too, so a writer may check once at the end). */
int dm_sink_write(dm_sink *sink, const void *data, size_t len);
int dm_sink_puts(dm_sink *sink, const char *s);
int dm_sink_putc(dm_sink *sink, int c);
int dm_sink_printf(dm_sink *sink, const char *fmt, ...) DM_PRINTF(2, 3);
/* The first error of the sink (DM_OK if none) and bytes written so far. */
int dm_sink_status(const dm_sink *sink);
uint64_t dm_sink_written(const dm_sink *sink);

/* A sink into memory, for tests and embedding. dm_sink_memory_data gives
 * the bytes (NUL-terminated, borrowed until dm_sink_free). */
dm_sink *dm_sink_new_memory(void);
const char *dm_sink_memory_data(const dm_sink *sink, size_t *len);
/* A sink onto an open stdio stream (not closed by dm_sink_free). */
dm_sink *dm_sink_new_stream(void *file /* FILE* */);
/* An atomic file sink: writes to a temporary file beside path, an unnamed
 * O_TMPFILE where the file system has them, else PATH.tmp-XXXXXX (PATH's
 * name shortened to fit); dm_sink_commit flushes, fsyncs and links or
 * renames it over path; dm_sink_free without commit removes the temporary
 * and leaves any existing path untouched. On error returns NULL and
 * records DM_EIO on ctx (which may be NULL). */
dm_sink *dm_sink_new_file(const char *path, dm_ctx *ctx);
/* Removes the named temporary files of every file sink of the process not
 * yet committed. Async-signal-safe (it only calls unlink): for a handler of
 * SIGTERM and the like that is about to end the process. */
void dm_sink_remove_temporaries(void);
/* Whether dm_sink_commit fsyncs a file sink's data before the rename, and
 * its directory after: 1, the default, or 0. The rename stays atomic either
 * way; without the fsync a crash soon after may leave the new file empty. A
 * caller writing many files turns it off and makes them durable at once
 * (syncfs) before it reports success, as docmill's batch mode does. No
 * effect on other sinks. */
void dm_sink_set_fsync(dm_sink *sink, int fsync);
int dm_sink_commit(dm_sink *sink, dm_ctx *ctx);
void dm_sink_free(dm_sink *sink); /* NULL-safe */

#ifdef __cplusplus
}
#endif
#endif
