/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the Markdown reader. Reader goldens (tests/markdown/golden:
 * input .md and the expected native dump, written by hand from the input
 * and checked line by line) cover the mapping onto the model; the tests
 * below cover what cmark-gfm does not give directly: footnote markers as
 * written in the source, unused, undefined and duplicate definitions,
 * <sup>/<sub>, NUL bytes, invalid UTF-8 with its byte offset, positions,
 * the depth limit, the probe, and pathological inputs (which must finish;
 * their timing belongs in bench/).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "docmill/docmill.h"

#define FFFD "\xef\xbf\xbd"

#include "dmt_fixture.h"

/* Reads len bytes with the Markdown reader (no transforms). */
static int md_read(fixture *f, const char *text, size_t len, int lenient, dm_doc **doc) {
  dm_ctx_clear_diags(f->ctx);
  dm_ctx_clear_error(f->ctx);
  assert_int_equal(dm_ctx_set_option(f->ctx, lenient ? "markdown.lenient=true" : "markdown.lenient=false"), DM_OK);
  const dm_reader *r = dm_registry_reader(f->reg, "markdown");
  assert_non_null(r);
  /* the reader may look one byte past the end: give it the padding */
  unsigned char *buf = calloc(1, len + DM_PROBE_PADDING);
  assert_non_null(buf);
  memcpy(buf, text, len);
  dm_input in = {buf, len, "test.md", NULL};
  int rc = dm_read(f->ctx, r, &in, doc);
  free(buf);
  return rc;
}

static char *native_of(fixture *f, dm_doc *doc) {
  dm_sink *s = dm_sink_new_memory();
  assert_non_null(s);
  assert_int_equal(dm_write(f->ctx, dm_registry_writer(f->reg, "native"), doc, s), DM_OK);
  size_t n;
  char *out = strdup(dm_sink_memory_data(s, &n));
  dm_sink_free(s);
  return out;
}

static char *slurp(const char *path, size_t *len) {
  FILE *fp = fopen(path, "rb");
  if (!fp) fail_msg("cannot open %s", path);
  fseek(fp, 0, SEEK_END);
  long n = ftell(fp);
  fseek(fp, 0, SEEK_SET);
  char *b = malloc((size_t)n + 1);
  assert_non_null(b);
  assert_int_equal(fread(b, 1, (size_t)n, fp), (size_t)n);
  b[n] = 0;
  fclose(fp);
  *len = (size_t)n;
  return b;
}

static size_t count_diags(fixture *f, dm_diag_code code) {
  size_t n = 0;
  for (size_t i = 0; i < dm_ctx_diag_count(f->ctx); i++)
    if (dm_ctx_diag(f->ctx, i)->code == code) n++;
  return n;
}

static const dm_diag *find_diag(fixture *f, dm_diag_code code) {
  for (size_t i = 0; i < dm_ctx_diag_count(f->ctx); i++)
    if (dm_ctx_diag(f->ctx, i)->code == code) return dm_ctx_diag(f->ctx, i);
  return NULL;
}

static void check_golden(fixture *f, const char *name) {
  char path[256];
  size_t len, wlen;
  snprintf(path, sizeof path, "tests/markdown/golden/%s.md", name);
  char *in = slurp(path, &len);
  snprintf(path, sizeof path, "tests/markdown/golden/%s.native", name);
  char *want = slurp(path, &wlen);
  dm_doc *doc = NULL;
  if (md_read(f, in, len, 0, &doc) != DM_OK) fail_msg("%s: %s", name, dm_ctx_error(f->ctx));
  char *got = native_of(f, doc);
  assert_string_equal(got, want);
  free(got);
  free(in);
  free(want);
  dm_doc_free(doc);
}

static void test_golden_blocks(void **state) { check_golden(*state, "blocks"); }
static void test_golden_notes(void **state) { check_golden(*state, "notes"); }
static void test_golden_lists(void **state) { check_golden(*state, "lists"); }

/* notes.md: one undefined reference (the escaped one is quiet), one unused
 * definition, at the positions counted by hand in the file. */
static void test_note_warnings(void **state) {
  fixture *f = *state;
  size_t len;
  char *in = slurp("tests/markdown/golden/notes.md", &len);
  dm_doc *doc = NULL;
  assert_int_equal(md_read(f, in, len, 0, &doc), DM_OK);
  assert_int_equal(count_diags(f, DM_DIAG_NOTE_UNDEFINED), 1);
  const dm_diag *d = find_diag(f, DM_DIAG_NOTE_UNDEFINED);
  assert_int_equal(d->pos.line, 1);
  assert_int_equal(d->pos.column, 39);
  assert_non_null(strstr(d->message, "[^nope]"));
  assert_int_equal(count_diags(f, DM_DIAG_NOTE_UNUSED), 1);
  d = find_diag(f, DM_DIAG_NOTE_UNUSED);
  assert_int_equal(d->pos.line, 12);
  assert_non_null(strstr(d->message, "lost"));
  assert_int_equal(count_diags(f, DM_DIAG_NOTE_DUPLICATE), 0);
  dm_doc_free(doc);
  free(in);
}

static void test_note_duplicate_definition(void **state) {
  fixture *f = *state;
  const char *in = "x[^a]\n\n[^a]: one\n\n[^a]: two\n";
  dm_doc *doc = NULL;
  assert_int_equal(md_read(f, in, strlen(in), 0, &doc), DM_OK);
  assert_int_equal(count_diags(f, DM_DIAG_NOTE_DUPLICATE), 1);
  assert_int_equal(find_diag(f, DM_DIAG_NOTE_DUPLICATE)->pos.line, 5);
  char *got = native_of(f, doc);
  assert_string_equal(got, "document\n"
                           "  paragraph\n"
                           "    text \"x\"\n"
                           "    note marker=\"a\"\n"
                           "      paragraph\n"
                           "        text \"one\"\n");
  free(got);
  dm_doc_free(doc);
}

/* Markers cmark-gfm would renumber: letters, big numbers, out of order;
 * a definition inside a block quote; a note referring to another. */
static void test_note_markers_kept(void **state) {
  fixture *f = *state;
  const char *in = "b[^z] a[^100] c[^z]\n\n> [^100]: hundred[^in]\n\n[^z]: zed\n\n[^in]: inner\n";
  dm_doc *doc = NULL;
  assert_int_equal(md_read(f, in, strlen(in), 0, &doc), DM_OK);
  assert_int_equal(dm_ctx_diag_count(f->ctx), 0);
  char *got = native_of(f, doc);
  assert_string_equal(got, "document\n"
                           "  paragraph\n"
                           "    text \"b\"\n"
                           "    note marker=\"z\"\n"
                           "      paragraph\n"
                           "        text \"zed\"\n"
                           "    text \" a\"\n"
                           "    note marker=\"100\"\n"
                           "      paragraph\n"
                           "        text \"hundred\"\n"
                           "        note marker=\"in\"\n"
                           "          paragraph\n"
                           "            text \"inner\"\n"
                           "    text \" c\"\n"
                           "    note_ref marker=\"z\"\n"
                           "  block_quote\n");
  free(got);
  dm_doc_free(doc);
}

/* The seed's form: <sup>1</sup> directly after CJK text, nested pairs, a
 * closing tag without an opening one. */
static void test_sup_sub(void **state) {
  fixture *f = *state;
  const char *in = "公约》<sup>1</sup>及<SUB>x<sup>2</sup></SUB>, y</sup>\n";
  dm_doc *doc = NULL;
  assert_int_equal(md_read(f, in, strlen(in), 0, &doc), DM_OK);
  char *got = native_of(f, doc);
  assert_string_equal(got, "document\n"
                           "  paragraph\n"
                           "    text \"公约》\"\n"
                           "    superscript\n"
                           "      text \"1\"\n"
                           "    text \"及\"\n"
                           "    subscript\n"
                           "      text \"x\"\n"
                           "      superscript\n"
                           "        text \"2\"\n"
                           "    text \", y\"\n"
                           "    raw_inline format=\"html\" \"</sup>\"\n");
  free(got);
  dm_doc_free(doc);
}

static void test_nul_byte(void **state) {
  fixture *f = *state;
  const char in[] = "a\0b\n";
  dm_doc *doc = NULL;
  assert_int_equal(md_read(f, in, sizeof in - 1, 0, &doc), DM_OK);
  assert_int_equal(count_diags(f, DM_DIAG_NUL_BYTE), 1);
  assert_int_equal(find_diag(f, DM_DIAG_NUL_BYTE)->pos.offset, 1);
  char *got = native_of(f, doc);
  assert_string_equal(got, "document\n  paragraph\n    text \"a" FFFD "b\"\n");
  free(got);
  dm_doc_free(doc);
}

static void test_invalid_utf8(void **state) {
  fixture *f = *state;
  const char in[] = "# ok\n\nab\xff"
                    "cd\n";
  dm_doc *doc = NULL;
  /* "# ok\n\nab" is 8 bytes: the bad byte is at offset 8 */
  assert_int_equal(md_read(f, in, sizeof in - 1, 0, &doc), DM_EFORMAT);
  assert_null(doc);
  assert_non_null(strstr(dm_ctx_error(f->ctx), "byte 8: markdown: invalid UTF-8 at line 3, column 3"));
  assert_int_equal(md_read(f, in, sizeof in - 1, 1, &doc), DM_OK);
  assert_int_equal(count_diags(f, DM_DIAG_ENCODING), 1);
  assert_int_equal(find_diag(f, DM_DIAG_ENCODING)->pos.offset, 8);
  char *got = native_of(f, doc);
  assert_string_equal(got, "document\n  heading level=1\n    text \"ok\"\n  paragraph\n    text \"ab" FFFD "cd\"\n");
  free(got);
  dm_doc_free(doc);
}

/* Line and column (in code points) of blocks, and a BOM that is skipped. */
static void test_positions(void **state) {
  fixture *f = *state;
  const char *in = "\xef\xbb\xbftext\n\n- 中文\n\n  > 引用\n";
  dm_doc *doc = NULL;
  assert_int_equal(md_read(f, in, strlen(in), 0, &doc), DM_OK);
  dm_node *p = dm_node_first_child(dm_doc_root(doc));
  assert_int_equal(dm_node_pos(p).line, 1);
  assert_int_equal(dm_node_pos(p).column, 1);
  dm_node *list = dm_node_next(p);
  assert_int_equal(dm_node_pos(list).line, 3);
  dm_node *item = dm_node_first_child(list);
  dm_node *quote = dm_node_last_child(item);
  assert_int_equal(dm_node_type_of(quote), DM_NODE_BLOCK_QUOTE);
  assert_int_equal(dm_node_pos(quote).line, 5);
  assert_int_equal(dm_node_pos(quote).column, 3);
  dm_node *qp = dm_node_first_child(quote);
  assert_int_equal(dm_node_pos(qp).column, 5);
  dm_doc_free(doc);
}

static void test_depth_limit(void **state) {
  fixture *f = *state;
  dm_limits lim = {0, 10, 0, 0};
  dm_ctx_set_limits(f->ctx, &lim);
  const char *deep = "> > > > > > > > > > > > x\n"; /* 12 quotes + paragraph */
  const char *shallow = "> > > > > x\n";
  dm_doc *doc = NULL;
  assert_int_equal(md_read(f, deep, strlen(deep), 0, &doc), DM_ELIMIT);
  assert_non_null(strstr(dm_ctx_error(f->ctx), "limit of 10"));
  assert_int_equal(md_read(f, shallow, strlen(shallow), 0, &doc), DM_OK);
  dm_doc_free(doc);
  dm_limits dflt = {0, 0, 0, 0};
  dm_ctx_set_limits(f->ctx, &dflt);
}

static char *repeat(const char *unit, size_t times, const char *tail) {
  size_t u = strlen(unit), t = strlen(tail);
  char *s = malloc(u * times + t + 1);
  assert_non_null(s);
  for (size_t i = 0; i < times; i++)
    memcpy(s + i * u, unit, u);
  memcpy(s + u * times, tail, t + 1);
  return s;
}

/* Pathological inputs finish with a tree or a clear limit error. */
static void test_pathological_nesting(void **state) {
  fixture *f = *state;
  const char *units[] = {"> ", ">", "- ", "1. ", "*", "[", "<sup>"};
  for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
    char *s = repeat(units[i], 10000, "x\n");
    dm_doc *doc = NULL;
    int rc = md_read(f, s, strlen(s), 0, &doc);
    if (rc != DM_OK && rc != DM_ELIMIT) fail_msg("unit '%s': %s", units[i], dm_ctx_error(f->ctx));
    if (rc == DM_OK) assert_int_equal(dm_doc_check(doc, f->ctx), DM_OK);
    dm_doc_free(doc);
    free(s);
  }
}

static void test_pathological_notes(void **state) {
  fixture *f = *state;
  enum { N = 100000 };
  size_t cap = (size_t)N * 40;
  char *s = malloc(cap);
  assert_non_null(s);
  size_t len = 0;
  for (int i = 0; i < N; i++)
    len += (size_t)snprintf(s + len, cap - len, "w[^%d] ", i);
  len += (size_t)snprintf(s + len, cap - len, "\n\n");
  for (int i = 0; i < N; i++)
    len += (size_t)snprintf(s + len, cap - len, "[^%d]: n%d\n", i, i);
  dm_doc *doc = NULL;
  assert_int_equal(md_read(f, s, len, 0, &doc), DM_OK);
  size_t notes = 0;
  dm_node *para = dm_node_first_child(dm_doc_root(doc));
  for (dm_node *c = dm_node_first_child(para); c; c = dm_node_next(c))
    if (dm_node_type_of(c) == DM_NODE_NOTE) notes++;
  assert_int_equal(notes, N);
  /* the paragraph ends with the last note (its trailing space stripped),
   * whose marker is read back from the source */
  assert_int_equal(dm_node_type_of(dm_node_last_child(para)), DM_NODE_NOTE);
  assert_string_equal(dm_node_label(dm_node_last_child(para)), "99999");
  dm_doc_free(doc);
  free(s);
}

static void test_pathological_long_line(void **state) {
  fixture *f = *state;
  char *s = repeat("word ", 400000, "\n"); /* 2 MB */
  dm_doc *doc = NULL;
  assert_int_equal(md_read(f, s, strlen(s), 0, &doc), DM_OK);
  dm_node *t = dm_node_first_child(dm_node_first_child(dm_doc_root(doc)));
  assert_int_equal(dm_node_literal_len(t), 2000000 - 1); /* the trailing space is stripped */
  dm_doc_free(doc);
  free(s);
}

static void test_probe(void **state) {
  fixture *f = *state;
  const dm_reader *r = dm_registry_reader(f->reg, "markdown");
  const char *shared = getenv("DM_SHARED_DIR");
  size_t len;
  char *seed = slurp("samples/un-ga-75-158-zh.md", &len);
  dm_input in = {(const unsigned char *)seed, len, "seed.txt", NULL};
  assert_true(r->probe(&in) > DM_PROBE_SCORE_GENERIC + 10);
  int score = 0;
  const dm_reader *best = dm_registry_detect(f->reg, &in, &score, f->ctx);
  assert_non_null(best);
  assert_string_equal(best->name, "markdown");
  free(seed);
  (void)shared;
  static const unsigned char bin[] = {'#', ' ', 'a', 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  dm_input b = {bin, 7, NULL, NULL};
  assert_int_equal(r->probe(&b), 0);
  static const char bad[] = "# title\n\xc3\x28 more text here\n\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";
  dm_input c = {(const unsigned char *)bad, 26, NULL, NULL};
  assert_int_equal(r->probe(&c), 0);
  static const char plain[] = "Just some words.\nAnother line.\n\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";
  dm_input p = {(const unsigned char *)plain, 31, NULL, NULL};
  assert_true(r->probe(&p) < DM_PROBE_SCORE_GENERIC);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_golden_blocks),
      cmocka_unit_test(test_golden_notes),
      cmocka_unit_test(test_golden_lists),
      cmocka_unit_test(test_note_warnings),
      cmocka_unit_test(test_note_duplicate_definition),
      cmocka_unit_test(test_note_markers_kept),
      cmocka_unit_test(test_sup_sub),
      cmocka_unit_test(test_nul_byte),
      cmocka_unit_test(test_invalid_utf8),
      cmocka_unit_test(test_positions),
      cmocka_unit_test(test_depth_limit),
      cmocka_unit_test(test_pathological_nesting),
      cmocka_unit_test(test_pathological_notes),
      cmocka_unit_test(test_pathological_long_line),
      cmocka_unit_test(test_probe),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
