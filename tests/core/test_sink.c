/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of output sinks: the atomic file sink leaves no file and no
 * temporary behind when not committed, never clobbers an existing file on
 * failure, keeps the existing file's mode, and refuses a directory; the
 * memory sink collects bytes; a failed write is sticky.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "docmill/docmill.h"

static char dir[256];

static int setup(void **state) {
  (void)state;
  snprintf(dir, sizeof dir, "%s/dm-sink-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
  return mkdtemp(dir) ? 0 : -1;
}

static int count_entries(void) {
  DIR *d = opendir(dir);
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)))
    if (e->d_name[0] != '.') n++;
  closedir(d);
  return n;
}

static void slurp(const char *path, char *buf, size_t size) {
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  size_t n = fread(buf, 1, size - 1, f);
  buf[n] = '\0';
  fclose(f);
}

static int teardown(void **state) {
  (void)state;
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  return system(cmd) == 0 ? 0 : -1;
}

static void test_commit_and_abort(void **state) {
  (void)state;
  char path[300], buf[64];
  snprintf(path, sizeof path, "%s/out.md", dir);
  dm_sink *s = dm_sink_new_file(path, NULL);
  assert_non_null(s);
  dm_sink_puts(s, "half");
  /* not there until committed */
  assert_int_equal(access(path, F_OK), -1);
  dm_sink_free(s);
  assert_int_equal(count_entries(), 0); /* temporary removed, no output */

  s = dm_sink_new_file(path, NULL);
  dm_sink_printf(s, "%s %d", "whole", 42);
  assert_int_equal(dm_sink_commit(s, NULL), DM_OK);
  dm_sink_free(s);
  slurp(path, buf, sizeof buf);
  assert_string_equal(buf, "whole 42");
  assert_int_equal(count_entries(), 1);

  /* a failed run leaves the existing file byte-identical */
  chmod(path, 0640);
  s = dm_sink_new_file(path, NULL);
  dm_sink_puts(s, "garbage");
  dm_sink_free(s);
  slurp(path, buf, sizeof buf);
  assert_string_equal(buf, "whole 42");
  assert_int_equal(count_entries(), 1);

  /* a committed replacement keeps the old file's mode */
  s = dm_sink_new_file(path, NULL);
  dm_sink_puts(s, "new");
  assert_int_equal(dm_sink_commit(s, NULL), DM_OK);
  dm_sink_free(s);
  struct stat st;
  assert_int_equal(stat(path, &st), 0);
  assert_int_equal(st.st_mode & 0777, 0640);
  slurp(path, buf, sizeof buf);
  assert_string_equal(buf, "new");
}

static void test_refusals(void **state) {
  (void)state;
  dm_registry *r = dm_registry_new();
  dm_ctx *ctx = dm_ctx_new(r);
  assert_null(dm_sink_new_file(dir, ctx));
  assert_int_equal(dm_ctx_error_status(ctx), DM_EIO);
  assert_non_null(strstr(dm_ctx_error(ctx), "is a directory"));
  char path[300];
  snprintf(path, sizeof path, "%s/missing/out.md", dir);
  assert_null(dm_sink_new_file(path, ctx));
  assert_non_null(strstr(dm_ctx_error(ctx), "No such file or directory"));
  assert_non_null(strstr(dm_ctx_error(ctx), "missing/out.md"));
  dm_ctx_free(ctx);
  dm_registry_free(r);
}

static void test_memory_sink(void **state) {
  (void)state;
  dm_sink *s = dm_sink_new_memory();
  for (int i = 0; i < 1000; i++)
    dm_sink_printf(s, "%04d", i);
  size_t n;
  const char *p = dm_sink_memory_data(s, &n);
  assert_int_equal(n, 4000);
  assert_memory_equal(p + 3996, "0999", 4);
  assert_int_equal(dm_sink_written(s), 4000);
  /* a long formatted string takes the large path */
  char big[1000];
  memset(big, 'x', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  dm_sink_printf(s, "%s", big);
  dm_sink_memory_data(s, &n);
  assert_int_equal(n, 4999);
  dm_sink_free(s);
}

static void test_full_disk_is_sticky(void **state) {
  (void)state;
  FILE *f = fopen("/dev/full", "wb");
  if (!f) skip();
  setvbuf(f, NULL, _IONBF, 0);
  dm_sink *s = dm_sink_new_stream(f);
  assert_int_equal(dm_sink_puts(s, "x"), DM_EIO);
  assert_int_equal(dm_sink_puts(s, "y"), DM_EIO);
  assert_int_equal(dm_sink_status(s), DM_EIO);
  assert_int_equal(dm_sink_commit(s, NULL), DM_EIO);
  dm_sink_free(s);
  fclose(f);
}

/* A file of n bytes of 'x' in the test directory; its path in path. */
static void write_x_file(char *path, size_t size, size_t n) {
  snprintf(path, size, "%s/in.txt", dir);
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  for (size_t i = 0; i < n; i++)
    fputc('x', f);
  fclose(f);
}

static void test_input_release(void **state) {
  (void)state;
  /* A streaming reader hands back the bytes it has fed on: only for a
   * buffer lent to the read in progress, and never beyond what it said. */
  char path[300];
  write_x_file(path, sizeof path, 5 * 4096);
  dm_registry *r = dm_registry_new();
  dm_ctx *ctx = dm_ctx_new(r);
  unsigned char *data;
  size_t size;
  assert_int_equal(dm_read_file(ctx, path, &data, &size), DM_OK);
  dm_input in = {data, size, path, NULL};
  dm_ctx_lend_input(ctx, &in);
  dm_input_release(ctx, &in, 3 * 4096);
  for (size_t i = 3 * 4096 + 4096; i < size; i++)
    assert_int_equal(data[i], 'x');
  /* a caller's own buffer is never touched */
  unsigned char *mine = malloc(5 * 4096);
  memset(mine, 'y', 5 * 4096);
  dm_input other = {mine, 5 * 4096, NULL, NULL};
  dm_input_release(ctx, &other, 5 * 4096);
  for (size_t i = 0; i < 5 * 4096; i++)
    assert_int_equal(mine[i], 'y');
  /* nor past the input's end */
  dm_input_release(ctx, &in, size + 1);
  assert_int_equal(data[size - 1], 'x');
  free(mine);
  free(data);
  unlink(path);
  dm_ctx_free(ctx);
  dm_registry_free(r);
}

/* The bug this guards against: the context trusted any input whose address
 * was that of the last buffer dm_read_file returned. A buffer dm_read_file
 * gave is the caller's, to reuse as it likes (or to free, and get the same
 * address back from malloc); reading it as an Akoma Ntoso document must not
 * zero its pages. */
static void test_input_release_needs_a_loan(void **state) {
  (void)state;
  dm_registry *reg = dm_registry_new_builtin();
  dm_ctx *ctx = dm_ctx_new(reg);
  char path[300];
  size_t n = 64 * 1024;
  write_x_file(path, sizeof path, n);
  unsigned char *data;
  size_t size;
  assert_int_equal(dm_read_file(ctx, path, &data, &size), DM_OK);
  unlink(path);
  /* The caller's own document, written over the buffer it owns. */
  static const char head[] = "<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\"><doc "
                             "name=\"x\"><mainBody><p>";
  static const char tail[] = "</p></mainBody></doc></akomaNtoso>";
  memcpy(data, head, sizeof head - 1);
  memset(data + sizeof head - 1, 'a', n - (sizeof head - 1) - (sizeof tail - 1));
  memcpy(data + n - (sizeof tail - 1), tail, sizeof tail - 1);
  unsigned char *copy = malloc(n);
  memcpy(copy, data, n);
  dm_input in = {data, n, NULL, NULL};
  dm_doc *doc = NULL;
  assert_int_equal(dm_read(ctx, dm_registry_reader(reg, "akn"), &in, &doc), DM_OK);
  dm_doc_free(doc);
  size_t lost = 0;
  for (size_t i = 0; i < n; i++)
    lost += data[i] != copy[i];
  assert_int_equal(lost, 0);
  /* Lent, the same read may give the memory back: the loan is what allows
   * it, and it ends with that read. */
  dm_ctx_lend_input(ctx, &in);
  assert_int_equal(dm_read(ctx, dm_registry_reader(reg, "akn"), &in, &doc), DM_OK);
  dm_doc_free(doc);
  memcpy(data, copy, n);
  assert_int_equal(dm_read(ctx, dm_registry_reader(reg, "akn"), &in, &doc), DM_OK);
  dm_doc_free(doc);
  assert_memory_equal(data, copy, n);
  free(copy);
  free(data);
  dm_ctx_free(ctx);
  dm_registry_free(reg);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_commit_and_abort), cmocka_unit_test(test_refusals),
      cmocka_unit_test(test_memory_sink),      cmocka_unit_test(test_full_disk_is_sticky),
      cmocka_unit_test(test_input_release),    cmocka_unit_test(test_input_release_needs_a_loan),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
