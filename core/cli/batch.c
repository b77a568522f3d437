/* SPDX-License-Identifier: MIT */
/*
 * Batch mode: `docmill -t FORMAT -O OUTDIR FILE...` (or names on standard
 * input) converts many files in one process, N at a time with -j. Each
 * worker has its own context over the shared, read-only registry. A bad
 * file is reported and skipped; the exit status is that of the worst
 * failure, so a script can tell that something failed.
 *
 * With --update an output newer than its input and than docmill is left
 * as it is, so that a batch killed halfway and run again converts only
 * what is missing; --report writes one JSON line per file as it is done.
 *
 * Durability: every output replaces its file atomically. With --sync a
 * single conversion fsyncs its output before the rename, but a thousand
 * fsyncs, each waiting for the disk, cost more than the conversions
 * themselves, so a batch renames each output into place without one and
 * makes them all durable with one syncfs of the output directory's file
 * system before it reports success; if that fails, the batch fails.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

typedef struct batch {
  const dmc_opts *o;
  const dm_writer *w;
  const dm_registry *reg;
  char **files;
  size_t nfiles;
  size_t *first; /* first[i] < i: files[i] has the output of files[first[i]] */
  size_t next, done, failed, skipped;
  int worst;
  int progress; /* standard error is a terminal */
  struct timespec start;
  pthread_mutex_t lock;
} batch;

/* OUTDIR/<base name without its extension>.<writer's first extension> */
static char *output_path(const char *outdir, const char *input, const dm_writer *w) {
  const char *base = strrchr(input, '/');
  base = base ? base + 1 : input;
  const char *dot = strrchr(base, '.');
  size_t blen = dot && dot != base ? (size_t)(dot - base) : strlen(base);
  const char *ext = w->extensions && w->extensions[0] ? w->extensions[0] : w->name;
  size_t n = strlen(outdir) + blen + strlen(ext) + 3;
  char *p = malloc(n);
  if (p) snprintf(p, n, "%s/%.*s.%s", outdir, (int)blen, base, ext);
  return p;
}

typedef struct batch_out {
  char *path;
  size_t i;
} batch_out;

static int cmp_out(const void *a, const void *b) {
  const batch_out *x = a, *y = b;
  int c = strcmp(x->path, y->path);
  return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* Two inputs with the same base name (a/x.txt, b/x.txt) have the same
 * output; the later one would silently replace the earlier one's. Marks
 * each such later input with the index of the first. NULL when out of
 * memory. */
static size_t *find_clashes(const batch *b) {
  size_t n = b->nfiles, *first = malloc((n ? n : 1) * sizeof *first);
  batch_out *v = calloc(n ? n : 1, sizeof *v);
  int ok = first && v;
  for (size_t i = 0; ok && i < n; i++) {
    first[i] = i;
    v[i].i = i;
    ok = (v[i].path = output_path(b->o->outdir, b->files[i], b->w)) != NULL;
  }
  if (ok) {
    qsort(v, n, sizeof *v, cmp_out);
    for (size_t k = 1; k < n; k++)
      if (strcmp(v[k].path, v[k - 1].path) == 0) first[v[k].i] = first[v[k - 1].i];
  }
  for (size_t i = 0; v && i < n; i++)
    free(v[i].path);
  free(v);
  if (!ok) {
    free(first);
    return NULL;
  }
  return first;
}

static double elapsed(const struct timespec *t0) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void *worker(void *arg) {
  batch *b = arg;
  dm_ctx *ctx = dm_ctx_new(b->reg);
  if (ctx) dm_ctx_set_limits(ctx, &b->o->limits);
  for (;;) {
    pthread_mutex_lock(&b->lock);
    size_t i = b->next < b->nfiles ? b->next++ : b->nfiles;
    pthread_mutex_unlock(&b->lock);
    if (i >= b->nfiles) break;
    int rc = DM_ENOMEM, skip = 0;
    char *out = output_path(b->o->outdir, b->files[i], b->w);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (ctx && out && b->first[i] != i) {
      dm_ctx_set_input_name(ctx, NULL);
      rc = dm_error(ctx, DM_EUSAGE, "'%s' would overwrite '%s', the output of '%s'; skipped", b->files[i], out,
                    b->files[b->first[i]]);
    } else if (ctx && out && b->o->update && dmc_up_to_date(b->files[i], out)) {
      rc = DM_OK;
      skip = 1;
    } else if (ctx && out) {
      /* Options were validated on the main context; set them again here
       * (cheap) so that each worker's hooks see them. */
      rc = DM_OK;
      for (size_t k = 0; b->o->options && b->o->options[k] && rc == DM_OK; k++)
        rc = dm_ctx_set_option(ctx, b->o->options[k]);
      if (rc == DM_OK) rc = dmc_convert_one(b->o, ctx, b->files[i], out, b->w);
    }
    pthread_mutex_lock(&b->lock);
    size_t warnings = ctx ? dmc_print_diags(b->o, ctx, rc) : 0;
    int code = 0;
    if (rc != DM_OK) {
      if (b->progress) fputs("\r\033[K", stderr);
      if (ctx)
        code = dmc_fail(b->o, ctx, rc);
      else
        fprintf(stderr, "docmill: out of memory\n"), code = 1;
      b->failed++;
      if (code > b->worst) b->worst = code;
    }
    b->skipped += (size_t)skip;
    dmc_report(b->o, b->files[i], rc == DM_OK ? out : NULL,
               skip          ? "up-to-date"
               : rc == DM_OK ? "converted"
                             : "failed",
               code, warnings, skip ? 0.0 : elapsed(&t0),
               rc == DM_OK ? NULL
               : ctx       ? dm_ctx_error(ctx)
                           : "out of memory");
    b->done++;
    if (b->progress) {
      double t = elapsed(&b->start);
      fprintf(stderr, "\r\033[K%zu/%zu files, %.1f/s, %zu errors", b->done, b->nfiles,
              t > 0 ? (double)b->done / t : 0.0, b->failed);
    }
    pthread_mutex_unlock(&b->lock);
    if (ctx) dm_ctx_clear_error(ctx);
    free(out);
  }
  dm_ctx_free(ctx);
  return NULL;
}

/* Makes every file written under dir durable: one syncfs for the whole
 * batch instead of an fsync per output. -1 with errno on failure. */
static int batch_sync(const char *dir) {
  int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return -1;
  int rc = syncfs(fd);
  int e = errno;
  close(fd);
  errno = e;
  return rc;
}

/* Reads file names, one per line, from standard input. */
static char **read_names(size_t *n) {
  char **v = NULL, *line = NULL;
  size_t cap = 0, lcap = 0;
  ssize_t len;
  *n = 0;
  while ((len = getline(&line, &lcap, stdin)) > 0) {
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
      line[--len] = '\0';
    if (!len) continue;
    if (*n == cap) {
      cap = cap ? cap * 2 : 64;
      char **nv = realloc(v, cap * sizeof *nv);
      if (!nv) break;
      v = nv;
    }
    if (!(v[*n] = strdup(line))) break;
    (*n)++;
  }
  free(line);
  return v;
}

int dmc_batch(const dmc_opts *o, dm_ctx *ctx, const dm_writer *w, int nfiles, char **files) {
  struct stat st;
  if (stat(o->outdir, &st) != 0 || !S_ISDIR(st.st_mode)) {
    fprintf(stderr, "docmill: output directory '%s' does not exist\n", o->outdir);
    return 3;
  }
  if (o->output) {
    fprintf(stderr, "docmill: -o and -O cannot be used together\n");
    return 2;
  }
  batch b;
  memset(&b, 0, sizeof b);
  dmc_opts bo = *o;
  bo.defer_sync = 1;
  b.o = &bo;
  b.w = w;
  b.reg = dm_ctx_registry(ctx);
  char **owned = NULL;
  if (nfiles > 0) {
    b.files = files;
    b.nfiles = (size_t)nfiles;
  } else {
    owned = read_names(&b.nfiles);
    b.files = owned;
  }
  if (!(b.first = find_clashes(&b))) {
    fprintf(stderr, "docmill: out of memory\n");
    for (size_t i = 0; owned && i < b.nfiles; i++)
      free(owned[i]);
    free(owned);
    return 1;
  }
  b.progress = isatty(STDERR_FILENO) && !o->quiet;
  pthread_mutex_init(&b.lock, NULL);
  clock_gettime(CLOCK_MONOTONIC, &b.start);
  int jobs = o->jobs < 1 ? 1 : o->jobs;
  if ((size_t)jobs > b.nfiles) jobs = b.nfiles ? (int)b.nfiles : 1;
  pthread_t th[256];
  int started = 0;
  for (int i = 1; i < jobs; i++)
    if (pthread_create(&th[started], NULL, worker, &b) == 0) started++;
  worker(&b);
  for (int i = 0; i < started; i++)
    pthread_join(th[i], NULL);
  if (o->sync && b.done > b.failed && batch_sync(o->outdir) != 0) {
    fprintf(stderr, "%sdocmill: cannot sync the outputs in '%s': %s\n", b.progress ? "\r\033[K" : "", o->outdir,
            strerror(errno));
    if (b.worst < 3) b.worst = 3;
  }
  double t = elapsed(&b.start);
  size_t converted = b.nfiles - b.failed - b.skipped;
  if (!o->quiet && o->update)
    fprintf(stderr, "%sdocmill: %zu %s converted, %zu up to date, %zu failed, in %.2f s\n",
            b.progress ? "\r\033[K" : "", converted, converted == 1 ? "file" : "files", b.skipped, b.failed, t);
  else if (!o->quiet)
    fprintf(stderr, "%sdocmill: %zu %s converted, %zu failed, in %.2f s\n", b.progress ? "\r\033[K" : "", converted,
            converted == 1 ? "file" : "files", b.failed, t);
  pthread_mutex_destroy(&b.lock);
  free(b.first);
  for (size_t i = 0; owned && i < b.nfiles; i++)
    free(owned[i]);
  free(owned);
  return b.worst;
}
