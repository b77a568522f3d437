/* SPDX-License-Identifier: MIT */
/*
 * Status codes, positions and diagnostics. Every fallible call in docmill
 * returns DM_OK or a negative dm_status (docs/ERRORS.md says which code
 * means what); the human-readable message (plugin name, file, line, column
 * or byte offset) is kept on the dm_ctx that was passed in (ctx.h).
 * Warnings are typed diagnostics with positions, collected on the context
 * in the order they were raised; the library never prints them. Including
 * this header also includes ctx.h, as it did before the context had a
 * header of its own.
 */
#ifndef DOCMILL_STATUS_H
#define DOCMILL_STATUS_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define DM_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define DM_PRINTF(f, a)
#endif

typedef enum dm_status {
  DM_OK = 0,
  DM_ENOMEM = -1,       /* out of memory */
  DM_EFORMAT = -2,      /* the input is not valid for the format */
  DM_EIO = -3,          /* reading or writing a file failed */
  DM_EUSAGE = -4,       /* bad argument: unknown format, option, value */
  DM_ELIMIT = -5,       /* a documented limit was exceeded */
  DM_EUNSUPPORTED = -6, /* the document holds what the writer cannot carry */
  DM_EABI = -7,         /* a plugin built for another ABI version */
  DM_EINTERNAL = -8     /* a broken invariant: a bug in docmill or a plugin */
} dm_status;

/* A short English name for a status ("format error"); static storage. */
const char *dm_status_name(int status);

/* Where in the input something was found. Unknown fields are 0; line and
 * column count from 1, the column in Unicode code points, the byte offset
 * from 0 (DM_NO_OFFSET when unknown). */
#define DM_NO_OFFSET ((uint64_t)-1)
typedef struct dm_pos {
  uint32_t line;
  uint32_t column;
  uint64_t offset;
} dm_pos;

/* A position with only a byte offset; a position with line and column. */
dm_pos dm_pos_offset(uint64_t offset);
dm_pos dm_pos_line(uint32_t line, uint32_t column);

/* Typed diagnostics. New codes are only ever appended. */
typedef enum dm_diag_code {
  DM_DIAG_OTHER = 0,
  DM_DIAG_ENCODING,        /* invalid UTF-8 replaced (lenient mode) */
  DM_DIAG_NUL_BYTE,        /* U+0000 replaced by U+FFFD */
  DM_DIAG_INVALID_CHAR,    /* a character the output cannot hold */
  DM_DIAG_NOTE_UNDEFINED,  /* a reference to a note that is not defined */
  DM_DIAG_NOTE_UNUSED,     /* a note defined but never referenced */
  DM_DIAG_NOTE_DUPLICATE,  /* two definitions with the same marker */
  DM_DIAG_UNSUPPORTED,     /* content the writer cannot carry, kept as text */
  DM_DIAG_RAW_DROPPED,     /* raw content of another format */
  DM_DIAG_UNKNOWN_ELEMENT, /* an element of the input the reader does not know */
  DM_DIAG_STRUCTURE,       /* a structure that looks wrong (recognisers) */
  DM_DIAG_LIMIT,           /* content cut to stay within a limit */
  DM_DIAG_PLUGIN,          /* a plugin that could not be loaded */
  DM_DIAG_MEDIA,           /* media files a writer cannot carry */
  DM_DIAG_FURNITURE,       /* info: text removed as page furniture (headers, page numbers) */
  DM_DIAG_TRANSFORM        /* info: a transform ran, or was probed and did not run */
} dm_diag_code;

/* How serious a diagnostic is. Warnings say that something of the input
 * could not be carried as it was; --strict turns the first into an error.
 * Information says what a step did that a user may want to check (text
 * taken out as page furniture, a transform that ran or did not): never an
 * error, shown by the command only with --verbose. */
typedef enum dm_severity { DM_SEV_WARNING = 0, DM_SEV_INFO } dm_severity;

/* A short stable name for a code ("note-unused"); static storage. */
const char *dm_diag_code_name(dm_diag_code code);

typedef struct dm_diag {
  dm_diag_code code;
  const char *plugin; /* the plugin that raised it, or "docmill" */
  const char *file;   /* the input's name, or NULL */
  dm_pos pos;
  const char *message; /* without position or plugin: see dm_diag_format */
  dm_severity severity;
} dm_diag;

typedef struct dm_ctx dm_ctx;
typedef struct dm_registry dm_registry;

/* Records a warning. Returns DM_OK, or DM_ENOMEM when it could not be
 * stored (the warning is then lost and the caller should stop). */
int dm_warn(dm_ctx *ctx, dm_diag_code code, dm_pos pos, const char *fmt, ...) DM_PRINTF(4, 5);

/* Records information (severity DM_SEV_INFO): what a step did that the user
 * may want to check, such as each piece of text a recogniser removed as
 * page furniture. Kept apart from the warnings: it is never counted by
 * dm_ctx_diag_count nor made an error by --strict. At most
 * DM_INFO_KEEP items are kept per context; later ones are only counted
 * (dm_ctx_info_dropped). Returns DM_OK, or DM_ENOMEM when it could not be
 * stored. */
#define DM_INFO_KEEP 10000
int dm_info(dm_ctx *ctx, dm_diag_code code, dm_pos pos, const char *fmt, ...) DM_PRINTF(4, 5);

/* The warnings recorded so far, oldest first. The pointer lives until the
 * next dm_warn or dm_ctx_clear_diags on this context. */
size_t dm_ctx_diag_count(const dm_ctx *ctx);
const dm_diag *dm_ctx_diag(const dm_ctx *ctx, size_t i);
/* The information recorded so far, oldest first, and how many items were
 * counted but not kept past DM_INFO_KEEP. The pointer lives until the next
 * dm_info or dm_ctx_clear_diags on this context. */
size_t dm_ctx_info_count(const dm_ctx *ctx);
const dm_diag *dm_ctx_info(const dm_ctx *ctx, size_t i);
size_t dm_ctx_info_dropped(const dm_ctx *ctx);
/* Forgets the warnings and the information. */
void dm_ctx_clear_diags(dm_ctx *ctx);

/* Formats a diagnostic as one line "FILE:LINE:COL: warning: PLUGIN: message
 * [code]" ("info:" for information) into buf (always NUL-terminated when
 * size > 0). Returns the length it needed, like snprintf. */
int dm_diag_format(const dm_diag *d, char *buf, size_t size);

#ifdef __cplusplus
}
#endif
#include "ctx.h" /* the context API lived here before ctx.h */
#endif
