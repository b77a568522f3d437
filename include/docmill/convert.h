/* SPDX-License-Identifier: MIT */
/*
 * The conversion pipeline, pandoc's reader -> AST -> writer split: read the
 * input into a document, run the transforms that apply, check the tree,
 * write it to a sink. The CLI is a thin shell around these calls, and batch
 * conversion calls them once per file.
 */
#ifndef DOCMILL_CONVERT_H
#define DOCMILL_CONVERT_H

#include "doc.h"
#include "plugin.h"
#include "registry.h"
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Limits on what a reader accepts; 0 means the default. Documented in
 * docmill(1); each breach is a DM_ELIMIT error of its own. */
typedef struct dm_limits {
  uint64_t max_input_bytes; /* default 1 GiB */
  uint32_t max_depth;       /* nesting of blocks and inlines; default 1000 */
  uint64_t max_notes;       /* default 1,000,000 */
  uint64_t max_memory;      /* bytes one conversion may hold; default 64 x input, at least 2 GiB */
} dm_limits;

void dm_ctx_set_limits(dm_ctx *ctx, const dm_limits *limits);
/* The limits in force, defaults filled in. */
dm_limits dm_ctx_limits(const dm_ctx *ctx);

/* Reads a whole file ("-" or NULL for standard input) into memory with
 * DM_PROBE_PADDING zero bytes after it. DM_EIO with the file named when it
 * cannot be read (missing, a directory, unreadable), DM_EFORMAT when it is
 * empty, DM_ELIMIT when larger than max_input_bytes. *data is malloc'd and
 * the caller frees it. */
int dm_read_file(dm_ctx *ctx, const char *path, unsigned char **data, size_t *size);

/* Runs reader on in and returns a new document in *out (the caller frees
 * it with dm_doc_free). */
int dm_read(dm_ctx *ctx, const dm_reader *reader, const dm_input *in, dm_doc **out);

/* Transform selection for dm_transform_doc. */
typedef struct dm_transform_choice {
  const char *const *force;   /* names to run whatever their probe says */
  const char *const *disable; /* names never to run; "all" disables probing */
} dm_transform_choice;

/* Runs, in registration order, every transform that is forced or whose
 * probe reaches DM_PROBE_SCORE_TRANSFORM and is not disabled. Unknown names
 * are DM_EUSAGE. */
int dm_transform_doc(dm_ctx *ctx, dm_doc *doc, const dm_transform_choice *tc);
/* Runs one transform. */
int dm_transform_run(dm_ctx *ctx, const dm_transform *t, dm_doc *doc);

/* Checks the tree, then runs writer on doc into out. */
int dm_write(dm_ctx *ctx, const dm_writer *writer, const dm_doc *doc, dm_sink *out);

/* Convenience for tests and embedding: reader and writer by name, transforms
 * by probe, in memory. *out_data is malloc'd (NUL-terminated). */
int dm_convert_memory(dm_ctx *ctx, const char *from, const char *to, const void *data, size_t size, char **out_data,
                      size_t *out_size);

/* Whether --strict should fail now: any warning recorded turns into the
 * error DM_EFORMAT with the first warning as the message. */
int dm_ctx_fail_on_warnings(dm_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif
