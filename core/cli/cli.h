/* SPDX-License-Identifier: MIT */
/*
 * Shared between the command's files: the parsed options and the one-file
 * conversion that both the single and the batch mode run.
 */
#ifndef DOCMILL_CLI_H
#define DOCMILL_CLI_H

#include "docmill/docmill.h"

typedef struct dmc_opts {
  const char *from, *to, *output, *outdir;
  const char **force, **disable; /* NULL-terminated */
  const char **options;          /* FORMAT.KEY=VALUE, NULL-terminated */
  int quiet, strict, jobs;
  int sync;         /* --sync: outputs made durable before success */
  int defer_sync;   /* batch mode: no fsync per file, one syncfs at the end */
  dm_limits limits; /* from --limit; 0 fields keep the library's defaults */
  unsigned long cpu_seconds; /* --limit time=: CPU time of the command, 0 for none */
} dmc_opts;

/* Converts input ("-" for standard input) to output (NULL or "-" for
 * standard output) with writer w. Returns a dm_status; the message is on
 * ctx. Warnings stay on ctx for the caller to print. */
int dmc_convert_one(const dmc_opts *o, dm_ctx *ctx, const char *input, const char *output, const dm_writer *w);
int dmc_exit_code(int status);
/* Prints and clears the warnings on ctx; status is the conversion's. */
void dmc_print_diags(const dmc_opts *o, dm_ctx *ctx, int status);
int dmc_fail(dm_ctx *ctx, int status);
/* Batch mode (-O): returns the exit status. */
/* --limit memory= and time= (limits.c): 0 parsed into o, 1 not one of
 * these keys, -1 a bad value (the message printed). */
int dmc_limit_option(dmc_opts *o, const char *arg);
/* Cleans up after TERM, INT, HUP and the CPU limit, turns SIGPIPE into
 * EPIPE, and sets the CPU limit of o (signals.c). -1 if that failed. */
int dmc_signals_install(const dmc_opts *o);
int dmc_batch(const dmc_opts *o, dm_ctx *ctx, const dm_writer *w, int nfiles, char **files);

#endif
