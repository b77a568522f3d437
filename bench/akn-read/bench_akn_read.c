/* SPDX-License-Identifier: MIT */
/*
 * The AKN reader against libxml2's own SAX parse of the same bytes: per
 * file, N rounds of each, alternating, in one process (no start-up, no
 * writer): (a) libxml2's push parser with SAX2 callbacks that do nothing,
 * fed in the reader's 256 KiB chunks with the reader's options, and (b)
 * dm_read with the akn reader, which builds the whole model. Prints the
 * median of each and their ratio; the target is a ratio of at most
 * 1.5. Exit status 3 when a file is over it.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>

#include "docmill/docmill.h"

#define CHUNK ((size_t)256 * 1024)

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void on_start(void *u, const xmlChar *l, const xmlChar *p, const xmlChar *uri, int nn, const xmlChar **ns,
                     int na, int nd, const xmlChar **a) {
  (void)u, (void)l, (void)p, (void)uri, (void)nn, (void)ns, (void)na, (void)nd, (void)a;
}
static void on_end(void *u, const xmlChar *l, const xmlChar *p, const xmlChar *uri) {
  (void)u, (void)l, (void)p, (void)uri;
}
static void on_chars(void *u, const xmlChar *c, int n) { (void)u, (void)c, (void)n; }

static int sax_parse(const unsigned char *data, size_t size) {
  xmlSAXHandler sax;
  memset(&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = on_start;
  sax.endElementNs = on_end;
  sax.characters = on_chars;
  sax.cdataBlock = on_chars;
  size_t first = size < 4 ? size : 4;
  xmlParserCtxtPtr p = xmlCreatePushParserCtxt(&sax, NULL, (const char *)data, (int)first, NULL);
  if (!p) return -1;
  xmlCtxtUseOptions(p, XML_PARSE_NONET | XML_PARSE_NOCDATA);
  int rc = 0;
  for (size_t off = first; off < size && !rc; off += CHUNK) {
    size_t n = size - off < CHUNK ? size - off : CHUNK;
    rc = xmlParseChunk(p, (const char *)data + off, (int)n, 0);
  }
  if (!rc) rc = xmlParseChunk(p, NULL, 0, 1);
  if (p->myDoc) xmlFreeDoc(p->myDoc);
  xmlFreeParserCtxt(p);
  return rc;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: bench_akn_read ROUNDS FILE...\n");
    return 2;
  }
  int rounds = atoi(argv[1]);
  if (rounds < 1) rounds = 1;
  dm_registry *reg = dm_registry_new_builtin();
  dm_ctx *ctx = dm_ctx_new(reg);
  const dm_reader *r = dm_registry_reader(reg, "akn");
  double *ts = malloc(sizeof *ts * (size_t)rounds), *td = malloc(sizeof *td * (size_t)rounds);
  if (!r || !ts || !td) {
    fprintf(stderr, "bench_akn_read: no akn reader built in, or out of memory\n");
    return 1;
  }
  int over = 0;
  printf("%-48s %10s %10s %10s %6s\n", "file", "bytes", "SAX ms", "read ms", "ratio");
  for (int f = 2; f < argc; f++) {
    unsigned char *data;
    size_t size;
    if (dm_read_file(ctx, argv[f], &data, &size) != DM_OK) {
      fprintf(stderr, "bench_akn_read: %s\n", dm_ctx_error(ctx));
      return 1;
    }
    /* A copy the context does not own: the reader hands back the pages of
     * an input read by dm_read_file on its context, which a second round
     * would then read as zeros. */
    unsigned char *copy = malloc(size + DM_PROBE_PADDING);
    if (!copy) return 1;
    memcpy(copy, data, size);
    memset(copy + size, 0, DM_PROBE_PADDING);
    free(data);
    data = copy;
    dm_input in = {data, size, argv[f], NULL};
    for (int i = 0; i < rounds; i++) {
      double t0 = now();
      if (sax_parse(data, size) != 0) {
        fprintf(stderr, "bench_akn_read: %s: libxml2 could not parse it\n", argv[f]);
        return 1;
      }
      double t1 = now();
      dm_doc *doc = NULL;
      if (dm_read(ctx, r, &in, &doc) != DM_OK) {
        fprintf(stderr, "bench_akn_read: %s\n", dm_ctx_error(ctx));
        return 1;
      }
      double t2 = now();
      dm_doc_free(doc);
      dm_ctx_clear_diags(ctx);
      ts[i] = t1 - t0;
      td[i] = t2 - t1;
    }
    qsort(ts, (size_t)rounds, sizeof *ts, cmp);
    qsort(td, (size_t)rounds, sizeof *td, cmp);
    double sax = ts[rounds / 2], dm = td[rounds / 2];
    const char *base = strrchr(argv[f], '/');
    printf("%-48.48s %10zu %10.3f %10.3f %6.2f%s\n", base ? base + 1 : argv[f], size, sax * 1e3, dm * 1e3, dm / sax,
           dm / sax > 1.5 ? "  OVER 1.5" : "");
    over |= dm / sax > 1.5;
    free(data);
  }
  free(ts);
  free(td);
  dm_ctx_free(ctx);
  dm_registry_free(reg);
  return over ? 3 : 0;
}
