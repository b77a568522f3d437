/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: one reader (DM_FUZZ_READER, fixed at build time) reads
 * the input; the tree checker must accept what it built; the transforms run
 * (forced when DM_FUZZ_FORCE_TRANSFORM names one); then every writer writes
 * into memory, and what the XML writers produce must be well-formed — for
 * ZIP packages (DOCX, .akn) every XML part of the archive. Any failure here
 * other than a clean error status from the reader is a bug: abort so the
 * fuzzer keeps the input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <zip.h>

#include "docmill/docmill.h"

#ifndef DM_FUZZ_READER
#error "DM_FUZZ_READER must name the reader under test"
#endif

static dm_registry *fuzz_reg;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_quiet(void *ctx, const char *msg, ...) { (void)ctx, (void)msg; }

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc, (void)argv;
  fuzz_reg = dm_registry_new_builtin();
  if (!fuzz_reg) abort();
  xmlInitParser();
  xmlSetGenericErrorFunc(NULL, fuzz_quiet);
  return 0;
}

static void fuzz_check_xml(const char *what, const char *p, size_t n) {
  xmlParserCtxtPtr pc = xmlNewParserCtxt();
  if (!pc) abort();
  xmlDocPtr d = xmlCtxtReadMemory(pc, p, (int)n, what, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!d) {
    fprintf(stderr, "%s: output is not well-formed XML\n", what);
    abort();
  }
  xmlFreeDoc(d);
  xmlFreeParserCtxt(pc);
}

static void fuzz_check_zip(const char *what, const char *p, size_t n) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(p, n, 0, &ze);
  zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
  if (!za) {
    fprintf(stderr, "%s: output is not a readable ZIP archive\n", what);
    abort();
  }
  zip_int64_t entries = zip_get_num_entries(za, 0);
  for (zip_int64_t i = 0; i < entries; i++) {
    const char *name = zip_get_name(za, (zip_uint64_t)i, 0);
    size_t len = name ? strlen(name) : 0;
    if (len < 4 || (strcmp(name + len - 4, ".xml") != 0 && strcmp(name + len - 5, ".rels") != 0)) continue;
    zip_stat_t st;
    if (zip_stat_index(za, (zip_uint64_t)i, 0, &st) != 0) abort();
    char *buf = malloc(st.size + 1);
    zip_file_t *f = zip_fopen_index(za, (zip_uint64_t)i, 0);
    if (!buf || !f || zip_fread(f, buf, st.size) != (zip_int64_t)st.size) abort();
    zip_fclose(f);
    fuzz_check_xml(name, buf, st.size);
    free(buf);
  }
  zip_close(za);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  dm_ctx *ctx = dm_ctx_new(fuzz_reg);
  const dm_reader *r = dm_registry_reader(fuzz_reg, DM_FUZZ_READER);
  if (!ctx || !r) abort();
  unsigned char *buf = malloc(size + DM_PROBE_PADDING);
  if (!buf) abort();
  if (size) memcpy(buf, data, size);
  memset(buf + size, 0, DM_PROBE_PADDING);
  dm_input in = {buf, size, NULL, NULL};
  (void)r->probe;
  if (r->probe) (void)r->probe(&in);
  dm_doc *doc = NULL;
  int rc = dm_read(ctx, r, &in, &doc);
  if (rc == DM_EINTERNAL) {
    fprintf(stderr, "reader built an invalid tree: %s\n", dm_ctx_error(ctx));
    abort();
  }
  if (rc == DM_OK) {
#ifdef DM_FUZZ_FORCE_TRANSFORM
    const char *force[] = {DM_FUZZ_FORCE_TRANSFORM, NULL};
    dm_transform_choice tc = {force, NULL};
#else
    dm_transform_choice tc = {NULL, NULL};
#endif
    rc = dm_transform_doc(ctx, doc, &tc);
    if (rc == DM_EINTERNAL) {
      fprintf(stderr, "transform built an invalid tree: %s\n", dm_ctx_error(ctx));
      abort();
    }
    for (size_t i = 0; rc == DM_OK && i < dm_registry_count(fuzz_reg, DM_KIND_WRITER); i++) {
      const dm_writer *w = dm_registry_at(fuzz_reg, DM_KIND_WRITER, i, NULL);
      dm_sink *s = dm_sink_new_memory();
      if (!s) abort();
      int wrc = dm_write(ctx, w, doc, s);
      if (wrc == DM_EINTERNAL) {
        fprintf(stderr, "writer %s: %s\n", w->name, dm_ctx_error(ctx));
        abort();
      }
      if (wrc == DM_OK) {
        size_t n;
        const char *p = dm_sink_memory_data(s, &n);
        if (strcmp(w->name, "docx") == 0 || strcmp(w->name, "akn-package") == 0) fuzz_check_zip(w->name, p, n);
        else if (strcmp(w->name, "akn") == 0 || strcmp(w->name, "html") == 0) fuzz_check_xml(w->name, p, n);
      }
      dm_ctx_clear_error(ctx);
      dm_sink_free(s);
    }
  }
  dm_doc_free(doc);
  dm_ctx_free(ctx);
  free(buf);
  return 0;
}
