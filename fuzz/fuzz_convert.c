/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: one reader (DM_FUZZ_READER, fixed at build time) reads
 * the input; the tree checker must accept what it built, and the tree must
 * stay within the nesting limit the reader was given (writers recurse, so a
 * reader that ignores the limit is a stack overflow waiting for a big
 * enough input); the transforms run (forced when DM_FUZZ_FORCE_TRANSFORM
 * names one); then every writer writes into memory. Text writers must
 * produce valid UTF-8, the XML writers well-formed XML, ZIP packages (DOCX,
 * .akn) an archive libzip opens whose XML parts are all well-formed, and
 * the Markdown writer text its own reader reads back. Any failure here other
 * than a clean error status is a bug: abort so the fuzzer keeps the input.
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

/* Transforms add a few levels of structure (preamble, main body, paragraph,
 * point) above what the reader built; anything past this much over the
 * limit was built by a reader that does not count. */
#define FUZZ_DEPTH_SLACK 16

static dm_registry *fuzz_reg;
/* The memory budget of every conversion: DM_FUZZ_BUDGET_MB, which
 * fuzz/run.sh also gives libFuzzer as -rss_limit_mb, so that an input that
 * takes more than its budget without the library stopping it is a
 * finding. */
static dm_limits fuzz_limits;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_quiet(void *ctx, const char *msg, ...) { (void)ctx, (void)msg; }

#ifdef DM_FUZZ_MODULE
/* A reader built as a loadable module (the GPL pdf reader) is linked into
 * its target instead, and registered the way loading it would. */
const dm_plugin_manifest *docmill_plugin_entry(void);
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc, (void)argv;
  fuzz_reg = dm_registry_new_builtin();
  if (!fuzz_reg) abort();
#ifdef DM_FUZZ_MODULE
  if (dm_registry_add(fuzz_reg, docmill_plugin_entry(), DM_FUZZ_MODULE, NULL) != DM_OK) abort();
#endif
  /* A target built for a reader the library was configured without would
   * abort on every input and look like a crash; say so once instead. */
  if (!dm_registry_reader(fuzz_reg, DM_FUZZ_READER)) {
    fprintf(stderr, "no reader named '%s' in this build\n", DM_FUZZ_READER);
    exit(2);
  }
  const char *mb = getenv("DM_FUZZ_BUDGET_MB");
  fuzz_limits.max_memory = (uint64_t)(mb && atoi(mb) > 0 ? atoi(mb) : 2048) << 20;
  xmlInitParser();
  xmlSetGenericErrorFunc(NULL, fuzz_quiet);
  return 0;
}

static void fuzz_fail(const char *what, const char *why) {
  fprintf(stderr, "%s: %s\n", what, why);
  abort();
}

static void fuzz_check_xml(const char *what, const char *p, size_t n) {
  if (n > INT32_MAX) fuzz_fail(what, "output larger than libxml2 can parse");
  xmlParserCtxtPtr pc = xmlNewParserCtxt();
  if (!pc) abort();
  xmlDocPtr d = xmlCtxtReadMemory(pc, p, (int)n, what, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!d) fuzz_fail(what, "output is not well-formed XML");
  xmlFreeDoc(d);
  xmlFreeParserCtxt(pc);
}

static int fuzz_ends_with(const char *s, const char *tail) {
  size_t n = strlen(s), t = strlen(tail);
  return n >= t && strcmp(s + n - t, tail) == 0;
}

static void fuzz_check_zip(const char *what, const char *p, size_t n) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(p, n, 0, &ze);
  if (!src) abort();
  zip_t *za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
  if (!za) fuzz_fail(what, "output is not a readable ZIP archive");
  zip_int64_t entries = zip_get_num_entries(za, 0);
  if (entries <= 0) fuzz_fail(what, "output is an empty ZIP archive");
  for (zip_int64_t i = 0; i < entries; i++) {
    const char *name = zip_get_name(za, (zip_uint64_t)i, 0);
    if (!name) fuzz_fail(what, "archive entry without a name");
    if (!fuzz_ends_with(name, ".xml") && !fuzz_ends_with(name, ".rels")) continue;
    zip_stat_t st;
    if (zip_stat_index(za, (zip_uint64_t)i, 0, &st) != 0) fuzz_fail(name, "cannot stat archive entry");
    char *buf = malloc(st.size + 1);
    zip_file_t *f = zip_fopen_index(za, (zip_uint64_t)i, 0);
    if (!buf || !f || zip_fread(f, buf, st.size) != (zip_int64_t)st.size) fuzz_fail(name, "cannot read archive entry");
    zip_fclose(f);
    fuzz_check_xml(name, buf, st.size);
    free(buf);
  }
  zip_close(za);
}

static size_t fuzz_depth(const dm_doc *doc) {
  size_t depth = 0, max = 0;
  dm_node *root = dm_doc_root(doc), *n = root;
  while (n) {
    if (depth > max) max = depth;
    if (dm_node_first_child(n)) {
      n = dm_node_first_child(n);
      depth++;
      continue;
    }
    while (n != root && !dm_node_next(n)) {
      n = dm_node_parent(n);
      depth--;
    }
    if (n == root) break;
    n = dm_node_next(n);
  }
  return max;
}

/* The Markdown writer promises text that cmark-gfm reads back; a reader
 * that refuses it (other than for a limit) means the writer escaped badly. */
static void fuzz_reread_markdown(const char *p, size_t n) {
  const dm_reader *r = dm_registry_reader(fuzz_reg, "markdown");
  if (!r) return;
  dm_ctx *ctx = dm_ctx_new(fuzz_reg);
  unsigned char *buf = malloc(n + DM_PROBE_PADDING);
  if (!ctx || !buf) abort();
  dm_ctx_set_limits(ctx, &fuzz_limits);
  memcpy(buf, p, n);
  memset(buf + n, 0, DM_PROBE_PADDING);
  dm_input in = {buf, n, NULL, NULL};
  dm_doc *doc = NULL;
  int rc = dm_read(ctx, r, &in, &doc);
  if (rc != DM_OK && rc != DM_ELIMIT && !(rc == DM_EFORMAT && n == 0)) {
    fprintf(stderr, "markdown writer output read back: %s\n", dm_ctx_error(ctx));
    abort();
  }
  dm_doc_free(doc);
  dm_ctx_free(ctx);
  free(buf);
}

static void fuzz_write_all(dm_ctx *ctx, const dm_doc *doc) {
  for (size_t i = 0; i < dm_registry_count(fuzz_reg, DM_KIND_WRITER); i++) {
    const dm_writer *w = dm_registry_at(fuzz_reg, DM_KIND_WRITER, i, NULL);
    dm_sink *s = dm_sink_new_memory();
    if (!s) abort();
    int rc = dm_write(ctx, w, doc, s);
    if (rc == DM_EINTERNAL) fuzz_fail(w->name, dm_ctx_error(ctx));
    if (rc == DM_OK) {
      size_t n;
      const char *p = dm_sink_memory_data(s, &n);
      if (strcmp(w->name, "docx") == 0 || strcmp(w->name, "akn-package") == 0)
        fuzz_check_zip(w->name, p, n);
      else if (strcmp(w->name, "akn") == 0 || strcmp(w->name, "html") == 0)
        fuzz_check_xml(w->name, p, n);
      if (!(w->flags & DM_WRITER_BINARY) && dm_utf8_validate((const unsigned char *)p, n) != n)
        fuzz_fail(w->name, "text output is not valid UTF-8");
      if (strcmp(w->name, "markdown") == 0) fuzz_reread_markdown(p, n);
    }
    dm_ctx_clear_error(ctx);
    dm_sink_free(s);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  dm_ctx *ctx = dm_ctx_new(fuzz_reg);
  const dm_reader *r = dm_registry_reader(fuzz_reg, DM_FUZZ_READER);
  if (!ctx || !r) abort();
  dm_ctx_set_limits(ctx, &fuzz_limits);
  unsigned char *buf = malloc(size + DM_PROBE_PADDING);
  if (!buf) abort();
  if (size) memcpy(buf, data, size);
  memset(buf + size, 0, DM_PROBE_PADDING);
  dm_input in = {buf, size, NULL, NULL};
  /* The probe sees every input too: it must be pure and stay in bounds. */
  if (r->probe) {
    int score = r->probe(&in);
    if (score < 0 || score > 100) fuzz_fail(r->name, "probe score outside 0..100");
  }
  dm_doc *doc = NULL;
  int rc = dm_read(ctx, r, &in, &doc);
  if (rc == DM_EINTERNAL) fuzz_fail("reader built an invalid tree", dm_ctx_error(ctx));
  if (rc == DM_OK && fuzz_depth(doc) > dm_ctx_limits(ctx).max_depth + FUZZ_DEPTH_SLACK)
    fuzz_fail(r->name, "tree deeper than the nesting limit");
  if (rc == DM_OK) {
#ifdef DM_FUZZ_FORCE_TRANSFORM
    const char *force[] = {DM_FUZZ_FORCE_TRANSFORM, NULL};
    dm_transform_choice tc = {force, NULL};
#else
    dm_transform_choice tc = {NULL, NULL};
#endif
    rc = dm_transform_doc(ctx, doc, &tc);
    if (rc == DM_EINTERNAL) fuzz_fail("transform built an invalid tree", dm_ctx_error(ctx));
    if (rc == DM_OK) fuzz_write_all(ctx, doc);
  }
  dm_doc_free(doc);
  dm_ctx_free(ctx);
  free(buf);
  return 0;
}
