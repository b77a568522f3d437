/* SPDX-License-Identifier: MIT */
/*
 * How the command reports: warnings and errors on standard error, one line
 * each (none with -q but the error), and with --log FILE every diagnostic,
 * the error included, as one JSON object per line, so that a script
 * collecting thousands of conversions reads fields rather than parsing
 * messages. Exit codes are mapped here too.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

int dmc_exit_code(int status) {
  switch (status) {
  case DM_OK: return 0;
  case DM_EUSAGE: return 2;
  case DM_EIO: return 3;
  default: return 1;
  }
}

void dmc_json_string(FILE *f, const char *s) {
  fputc('"', f);
  for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
    if (*p == '"' || *p == '\\')
      fprintf(f, "\\%c", *p);
    else if (*p == '\n')
      fputs("\\n", f);
    else if (*p == '\t')
      fputs("\\t", f);
    else if (*p < 0x20 || *p == 0x7f)
      fprintf(f, "\\u%04x", *p);
    else
      fputc(*p, f); /* UTF-8 passes through: JSON is UTF-8 */
  }
  fputc('"', f);
}

/* One diagnostic as a JSON line: severity, code, plugin, file, line,
 * column, byte offset (where known) and the message. */
static void log_diag(FILE *f, const char *severity, const dm_diag *d) {
  fprintf(f, "{\"severity\":\"%s\",\"code\":", severity);
  dmc_json_string(f, dm_diag_code_name(d->code));
  fputs(",\"plugin\":", f);
  dmc_json_string(f, d->plugin ? d->plugin : "docmill");
  fputs(",\"file\":", f);
  if (d->file)
    dmc_json_string(f, d->file);
  else
    fputs("null", f);
  if (d->pos.line) fprintf(f, ",\"line\":%u,\"column\":%u", (unsigned)d->pos.line, (unsigned)d->pos.column);
  if (d->pos.offset != DM_NO_OFFSET) fprintf(f, ",\"offset\":%llu", (unsigned long long)d->pos.offset);
  fputs(",\"message\":", f);
  dmc_json_string(f, d->message);
  fputs("}\n", f);
}

/* Warning lines printed for one conversion at most. */
#define DMC_MAX_SHOWN_WARNINGS 300

size_t dmc_print_diags(const dmc_opts *o, dm_ctx *ctx, int status) {
  /* Under --strict the first warning is the error message itself: print
   * it once, as the error. */
  size_t first = o->strict && status == DM_EFORMAT && dm_ctx_error_status(ctx) == DM_EFORMAT &&
                         strstr(dm_ctx_error(ctx), "--strict: ")
                     ? 1
                     : 0;
  /* Information (dm_info) is printed with --verbose only, and logged
   * always: a log is read by a program, which can filter. */
  for (size_t i = 0; i < dm_ctx_info_count(ctx); i++) {
    const dm_diag *d = dm_ctx_info(ctx, i);
    if (o->log) log_diag(o->log, "info", d);
    if (!o->verbose) continue;
    char line[2048];
    dm_diag_format(d, line, sizeof line);
    fprintf(stderr, "docmill: %s\n", line);
  }
  if (o->verbose && dm_ctx_info_dropped(ctx))
    fprintf(stderr, "docmill: info: ... and %zu more items of information\n", dm_ctx_info_dropped(ctx));
  size_t n = dm_ctx_diag_count(ctx), shown = 0;
  for (size_t i = 0; i < n; i++) {
    const dm_diag *d = dm_ctx_diag(ctx, i);
    if (o->log && i >= first) log_diag(o->log, "warning", d);
    if (o->quiet || i < first) continue;
    /* The library caps each kind of warning; this caps them all, so that
     * a file that has a little of everything still gives a readable
     * screen (the log keeps every one). */
    if (++shown > DMC_MAX_SHOWN_WARNINGS) continue;
    char line[2048];
    dm_diag_format(d, line, sizeof line);
    fprintf(stderr, "docmill: %s\n", line);
  }
  if (shown > DMC_MAX_SHOWN_WARNINGS)
    fprintf(stderr, "docmill: ... and %zu more warnings%s\n", shown - DMC_MAX_SHOWN_WARNINGS,
            o->log ? " (all in the log)" : " (--log keeps them all)");
  if (o->log) fflush(o->log);
  dm_ctx_clear_diags(ctx);
  return n;
}

int dmc_fail(const dmc_opts *o, dm_ctx *ctx, int status) {
  fprintf(stderr, "docmill: %s\n", dm_ctx_error(ctx));
  if (o && o->log) {
    fputs("{\"severity\":\"error\",\"status\":", o->log);
    dmc_json_string(o->log, dm_status_name(status));
    fputs(",\"file\":", o->log);
    if (dm_ctx_input_name(ctx))
      dmc_json_string(o->log, dm_ctx_input_name(ctx));
    else
      fputs("null", o->log);
    fputs(",\"message\":", o->log);
    dmc_json_string(o->log, dm_ctx_error(ctx));
    fputs("}\n", o->log);
    fflush(o->log);
  }
  return dmc_exit_code(status);
}
