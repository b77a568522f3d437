/* SPDX-License-Identifier: MIT */
/*
 * How much the un-resolution transform costs next to the reader: reads a
 * file N times in process with its reader and times the reads, then times
 * the transform on N fresh copies of the tree (each copy read untimed), and
 * prints both totals and the ratio. The target is a transform that
 * adds less than the reader's own time.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "docmill/docmill.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: bench_unres FILE [ROUNDS]\n");
    return 2;
  }
  int rounds = argc > 2 ? atoi(argv[2]) : 200;
  dm_registry *reg = dm_registry_new_builtin();
  dm_ctx *ctx = dm_ctx_new(reg);
  const char *ext = strrchr(argv[1], '.');
  const dm_reader *r = dm_registry_reader(reg, ext && !strcmp(ext, ".txt") ? "text" : "markdown");
  const dm_transform *t = dm_registry_transform(reg, "un-resolution");
  unsigned char *data;
  size_t size;
  if (!r || !t || dm_read_file(ctx, argv[1], &data, &size) != DM_OK) {
    fprintf(stderr, "bench_unres: cannot set up: %s\n", dm_ctx_error(ctx));
    return 1;
  }
  dm_input in = {data, size, argv[1], NULL};
  double read_s = 0, xform_s = 0;
  for (int i = 0; i < rounds; i++) {
    dm_doc *doc = NULL;
    double t0 = now();
    if (dm_read(ctx, r, &in, &doc) != DM_OK) return 1;
    double t1 = now();
    if (dm_transform_run(ctx, t, doc) != DM_OK) return 1;
    double t2 = now();
    read_s += t1 - t0;
    xform_s += t2 - t1;
    dm_doc_free(doc);
    dm_ctx_clear_diags(ctx);
  }
  printf("%s: %zu bytes, %d rounds\n", argv[1], size, rounds);
  printf("reader    %.3f ms per run\n", read_s * 1e3 / rounds);
  printf("transform %.3f ms per run\n", xform_s * 1e3 / rounds);
  printf("transform/reader %.2f\n", xform_s / read_s);
  free(data);
  dm_ctx_free(ctx);
  dm_registry_free(reg);
  return xform_s < read_s ? 0 : 3;
}
