/* SPDX-License-Identifier: MIT */
/*
 * Shared between the command's files: the parsed options and the one-file
 * conversion that both the single and the batch mode run.
 */
#ifndef DOCMILL_CLI_H
#define DOCMILL_CLI_H

#include <stdio.h>

#include "docmill/docmill.h"

/* Metadata given on the command line: -M pairs (which override the
 * document's own) and --metadata-file pairs (which do not). */
typedef struct dmc_meta {
  char **keys, **values;
  int *override; /* 1 for -M, 0 for a metadata file */
  size_t n;
} dmc_meta;

typedef struct dmc_opts {
  const char *from, *to, *output, *outdir;
  const char **force, **disable; /* NULL-terminated */
  const char **options;          /* FORMAT.KEY=VALUE, NULL-terminated */
  int quiet, strict, jobs;
  int verbose;      /* also print information (dm_info): furniture removed, transforms */
  int sync;         /* --sync: outputs made durable before success */
  int defer_sync;   /* batch mode: no fsync per file, one syncfs at the end */
  int update;       /* --update: skip outputs newer than input and program */
  dm_limits limits; /* from --limit; 0 fields keep the library's defaults */
  unsigned long cpu_seconds; /* --limit time=: CPU time of the command, 0 for none */
  dmc_meta meta;
  FILE *log;    /* --log: every diagnostic as a JSON line, or NULL */
  FILE *report; /* --report: one JSON line per file, or NULL */
} dmc_opts;

/* Converts input ("-" for standard input) to output (NULL or "-" for
 * standard output) with writer w. Returns a dm_status; the message is on
 * ctx. Warnings stay on ctx for the caller to print. */
int dmc_convert_one(const dmc_opts *o, dm_ctx *ctx, const char *input, const char *output, const dm_writer *w);
int dmc_exit_code(int status);
/* Prints (as -q and --verbose say) and logs (--log) the diagnostics on
 * ctx, then clears them; status is the conversion's. Returns the number
 * of warnings among them (informational diagnostics do not count). */
size_t dmc_print_diags(const dmc_opts *o, dm_ctx *ctx, int status);
/* Prints (and logs) the error on ctx; returns the exit status for it. */
int dmc_fail(const dmc_opts *o, dm_ctx *ctx, int status);
/* Batch mode (-O): returns the exit status. */
/* --limit memory= and time= (limits.c): 0 parsed into o, 1 not one of
 * these keys, -1 a bad value (the message printed). */
int dmc_limit_option(dmc_opts *o, const char *arg);
/* Cleans up after TERM, INT, HUP and the CPU limit, turns SIGPIPE into
 * EPIPE, and sets the CPU limit of o (signals.c). -1 if that failed. */
int dmc_signals_install(const dmc_opts *o);
int dmc_batch(const dmc_opts *o, dm_ctx *ctx, const dm_writer *w, int nfiles, char **files);

/* --update: whether output exists and is newer than both input and the
 * program (the docmill executable and libdocmill). */
int dmc_up_to_date(const char *input, const char *output);
/* --report: one JSON line for one input. status is "converted",
 * "up-to-date" or "failed"; output NULL when there is none; the SHA-256
 * of the output file is computed here. The caller serialises calls. */
void dmc_report(const dmc_opts *o, const char *input, const char *output, const char *status, int exit_code,
                size_t warnings, double seconds, const char *error);
/* Writes s as a JSON string, quotes included. */
void dmc_json_string(FILE *f, const char *s);

/* Metadata (meta.c). dmc_meta_add parses one -M KEY[=VALUE] (no value
 * means "true", as in pandoc) and returns -1 after printing the error on
 * bad input; dmc_meta_load reads a --metadata-file (flat YAML "key: value"
 * lines or a flat JSON object) and returns 0 or the exit status after
 * printing the error (2 for bad content, 3 when it cannot be read).
 * dmc_meta_apply sets them on doc. */
int dmc_meta_add(dmc_meta *m, const char *arg);
int dmc_meta_load(dmc_meta *m, const char *path);
int dmc_meta_apply(const dmc_meta *m, dm_doc *doc);
void dmc_meta_free(dmc_meta *m);

/* Listings (lists.c): --list-formats (with aliases), --list-input-formats
 * and --list-output-formats (names, one a line), --list-options FORMAT
 * (returns the exit status: 2 when there is no such format). */
void dmc_list_formats(const dm_registry *reg);
void dmc_list_names(const dm_registry *reg, dm_plugin_kind kind);
int dmc_list_options(const dm_registry *reg, const char *name);
/* The registered name for a user's format name (aliases, any case), or
 * NULL after printing "no KIND named ..." with the nearest name. */
const char *dmc_format_name(const dm_registry *reg, dm_plugin_kind kind, const char *name);

#endif
