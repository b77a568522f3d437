/* SPDX-License-Identifier: MIT */
/*
 * The conversion context (dm_ctx): the registry used for conversions, the
 * last error and its message, the warnings recorded so far with their
 * per-kind caps, and the plugin options the user set. One context per
 * thread; every fallible call takes one, so that errors are values with a
 * message kept here, never printed by the library.
 */
#ifndef DOCMILL_CTX_H
#define DOCMILL_CTX_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A context: the registry used for conversions, options, diagnostics and
 * the last error. Borrows the registry, which must outlive the context.
 * Returns NULL only when out of memory. One context per thread. */
dm_ctx *dm_ctx_new(const dm_registry *reg);
void dm_ctx_free(dm_ctx *ctx); /* NULL-safe */
const dm_registry *dm_ctx_registry(const dm_ctx *ctx);

/* The name of the input being processed, used in messages. The string is
 * copied: DM_OK or DM_ENOMEM. NULL clears it. */
int dm_ctx_set_input_name(dm_ctx *ctx, const char *name);
const char *dm_ctx_input_name(const dm_ctx *ctx);

/* The last error: its status (DM_OK if none) and its message, already
 * formatted as "FILE:LINE:COL: PLUGIN: what" where those are known. The
 * string lives until the next error or dm_ctx_clear_error. */
int dm_ctx_error_status(const dm_ctx *ctx);
const char *dm_ctx_error(const dm_ctx *ctx);
void dm_ctx_clear_error(dm_ctx *ctx);

/* Records an error on ctx and returns status, so that a hook can write
 * `return dm_error(ctx, DM_EFORMAT, "...")`. The message names the current
 * plugin and the current input. dm_error_at adds a position. */
int dm_error(dm_ctx *ctx, int status, const char *fmt, ...) DM_PRINTF(3, 4);
int dm_error_at(dm_ctx *ctx, int status, dm_pos pos, const char *fmt, ...) DM_PRINTF(4, 5);
int dm_verror_at(dm_ctx *ctx, int status, dm_pos pos, const char *fmt, va_list ap) DM_PRINTF(4, 0);

/* ---- warning caps -------------------------------------------------------
 * A kind of warning (a dm_diag_code) is recorded at most a cap of times
 * per context; past it dm_warn records nothing but counts, and one summary
 * warning of the same code, after the last one kept, says "... and 4,211
 * more like this". Caps and counts start again with dm_ctx_clear_diags. */
#define DM_WARN_CAP_DEFAULT 100
/* Sets the cap of code (0: no cap). DM_OK, or DM_EUSAGE for a code out of
 * range. */
int dm_ctx_set_warn_cap(dm_ctx *ctx, dm_diag_code code, size_t cap);
/* How many warnings of code were not recorded because of the cap. */
uint64_t dm_ctx_warn_suppressed(const dm_ctx *ctx, dm_diag_code code);

/* Records a warning like dm_warn, unless the running hook (one read, one
 * write, one transform: one document) has already recorded one of this code
 * through dm_warn_once. DM_OK (also when nothing was recorded) or
 * DM_ENOMEM. */
int dm_warn_once(dm_ctx *ctx, dm_diag_code code, dm_pos pos, const char *fmt, ...) DM_PRINTF(4, 5);

/* Sets a plugin option from "PLUGIN.KEY=VALUE" (or PLUGIN.KEY and VALUE).
 * The plugin must exist and declare the key, and the value must suit the
 * declared type; otherwise DM_EUSAGE with a message naming the plugin. */
int dm_ctx_set_option(dm_ctx *ctx, const char *assignment);
int dm_ctx_set_option_kv(dm_ctx *ctx, const char *plugin, const char *key, const char *value);

/* Inside a plugin hook: the value of one of the running plugin's declared
 * options, or its declared default. The string lives as long as ctx. */
const char *dm_option_str(dm_ctx *ctx, const char *key);
int dm_option_bool(dm_ctx *ctx, const char *key);
long long dm_option_int(dm_ctx *ctx, const char *key);

#ifdef __cplusplus
}
#endif
#endif
