/* SPDX-License-Identifier: MIT */
/*
 * How much the un-resolution transform costs next to the reader, file by
 * file: each file is read ROUNDS times in process with its reader (text
 * for .txt, Markdown otherwise) and the transform is run on every tree
 * read. Both are timed in CPU time of the thread, so that other processes
 * on a busy machine do not count, and the median of the rounds is
 * reported (the first round, which pays for cold caches, is left out).
 * One line per file with both medians and their ratio, then the totals.
 * The target is a transform that costs no more than the reader.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "docmill/docmill.h"

static double cpu_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Times one file; 0 on success with the medians in *rd and *tr (seconds). */
static int bench_file(dm_registry *reg, dm_ctx *ctx, const char *path, int rounds, double *rd, double *tr,
                      size_t *bytes) {
  const char *ext = strrchr(path, '.');
  const dm_reader *r = dm_registry_reader(reg, ext && !strcmp(ext, ".txt") ? "text" : "markdown");
  const dm_transform *t = dm_registry_transform(reg, "un-resolution");
  unsigned char *data;
  size_t size;
  if (!r || !t || dm_read_file(ctx, path, &data, &size) != DM_OK) {
    fprintf(stderr, "bench_unres: %s: %s\n", path, dm_ctx_error(ctx));
    return 1;
  }
  double *rt = malloc(sizeof(double) * (size_t)rounds * 2);
  if (!rt) return 1;
  double *tt = rt + rounds;
  dm_input in = {data, size, path, NULL};
  int rc = 0;
  for (int i = 0; i <= rounds && !rc; i++) {
    dm_doc *doc = NULL;
    double t0 = cpu_now();
    if (dm_read(ctx, r, &in, &doc) != DM_OK) rc = 1;
    double t1 = cpu_now();
    if (!rc && dm_transform_run(ctx, t, doc) != DM_OK) rc = 1;
    double t2 = cpu_now();
    if (i > 0) {
      rt[i - 1] = t1 - t0;
      tt[i - 1] = t2 - t1;
    }
    dm_doc_free(doc);
    dm_ctx_clear_diags(ctx);
  }
  if (rc) fprintf(stderr, "bench_unres: %s: %s\n", path, dm_ctx_error(ctx));
  *rd = median(rt, rounds);
  *tr = median(tt, rounds);
  *bytes = size;
  free(rt);
  free(data);
  return rc;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: bench_unres ROUNDS FILE...\n");
    return 2;
  }
  int rounds = atoi(argv[1]);
  if (rounds < 1) rounds = 1;
  dm_registry *reg = dm_registry_new_builtin();
  dm_ctx *ctx = dm_ctx_new(reg);
  double sum_r = 0, sum_t = 0;
  int rc = 0, over = 0;
  printf("%-58s %8s %10s %10s %7s\n", "file", "bytes", "reader ms", "xform ms", "ratio");
  for (int a = 2; a < argc; a++) {
    double rd, tr;
    size_t bytes;
    if (bench_file(reg, ctx, argv[a], rounds, &rd, &tr, &bytes)) {
      rc = 1;
      continue;
    }
    /* the file's name and its folder's: the rest is the same for all */
    const char *name = argv[a];
    int slashes = 0;
    for (const char *p = argv[a] + strlen(argv[a]); p > argv[a]; p--)
      if (p[-1] == '/' && ++slashes == 2) {
        name = p;
        break;
      }
    printf("%-58s %8zu %10.3f %10.3f %7.2f\n", name, bytes, rd * 1e3, tr * 1e3, tr / rd);
    sum_r += rd;
    sum_t += tr;
    over += tr > rd;
  }
  printf("%-58s %8s %10.3f %10.3f %7.2f\n", "total (sum of medians)", "", sum_r * 1e3, sum_t * 1e3,
         sum_r > 0 ? sum_t / sum_r : 0);
  printf("files where the transform costs more than the reader: %d\n", over);
  dm_ctx_free(ctx);
  dm_registry_free(reg);
  if (rc) return rc;
  return sum_t <= sum_r ? 0 : 3;
}
