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

static void test_input_release(void **state) {
  (void)state;
  /* A streaming reader hands back the bytes it has fed on: only for a
   * buffer docmill read itself, and never beyond what it said. */
  char path[300];
  snprintf(path, sizeof path, "%s/in.txt", dir);
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  for (int i = 0; i < 5 * 4096; i++)
    fputc('x', f);
  fclose(f);
  dm_registry *r = dm_registry_new();
  dm_ctx *ctx = dm_ctx_new(r);
  unsigned char *data;
  size_t size;
  assert_int_equal(dm_read_file(ctx, path, &data, &size), DM_OK);
  dm_input in = {data, size, path, NULL};
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
  dm_ctx_free(ctx);
  dm_registry_free(r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_commit_and_abort), cmocka_unit_test(test_refusals),
      cmocka_unit_test(test_memory_sink),      cmocka_unit_test(test_full_disk_is_sticky),
      cmocka_unit_test(test_input_release),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
