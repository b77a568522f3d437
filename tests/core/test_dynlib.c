/* SPDX-License-Identifier: MIT */
/*
 * The run-time library loader (docmill/dynlib.h) against the C library's
 * maths library, which every system that runs docmill has: a table filled
 * once and its functions callable, on_load run once whatever the number of
 * callers and threads, and the messages for a library or a symbol that is
 * not there, each naming what was missing. The expected values are those
 * of the maths functions themselves (cos 0 = 1, floor 2.5 = 2).
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "docmill/docmill.h"

typedef struct maths {
  double (*cos)(double);
  double (*floor)(double);
} maths;

static int loads; /* on_load calls, under the loader's lock */
static void count_load(void *table) {
  (void)table;
  loads++;
}

static const dm_dynlib_symbol maths_syms[] = {
    DM_DYNLIB_SYMBOL(maths, cos, "cos"),
    DM_DYNLIB_SYMBOL(maths, floor, "floor"),
};

static maths m;
static dm_dynlib maths_lib = {
    .name = "the maths library",
    .soname = "libm.so.6",
    .purpose = "testing",
    .symbols = maths_syms,
    .nsymbols = 2,
    .table = &m,
    .table_size = sizeof m,
    .on_load = count_load,
};

static void *load_in_thread(void *arg) {
  dm_ctx *ctx = dm_ctx_new(NULL);
  intptr_t rc = dm_dynlib_load(ctx, arg);
  dm_ctx_free(ctx);
  return (void *)rc;
}

static void test_load_once(void **state) {
  (void)state;
  pthread_t th[8];
  for (int i = 0; i < 8; i++)
    assert_int_equal(pthread_create(&th[i], NULL, load_in_thread, &maths_lib), 0);
  for (int i = 0; i < 8; i++) {
    void *rc;
    assert_int_equal(pthread_join(th[i], &rc), 0);
    assert_int_equal((intptr_t)rc, DM_OK);
  }
  assert_int_equal(loads, 1);
  assert_true(m.cos(0.0) == 1.0);
  assert_true(m.floor(2.5) == 2.0);
  assert_int_equal(dm_dynlib_load(NULL, &maths_lib), DM_OK);
  assert_int_equal(loads, 1);
}

static void test_missing_symbol(void **state) {
  (void)state;
  static const dm_dynlib_symbol syms[] = {
      DM_DYNLIB_SYMBOL(maths, cos, "cos"),
      DM_DYNLIB_SYMBOL(maths, floor, "dm_no_such_function"),
  };
  maths t = {NULL, NULL};
  dm_dynlib lib = {"the maths library", "libm.so.6", "testing", syms, 2, &t, sizeof t, NULL, 0, 0, {0}};
  dm_ctx *ctx = dm_ctx_new(NULL);
  assert_int_equal(dm_dynlib_load(ctx, &lib), DM_EUNSUPPORTED);
  assert_string_equal(dm_ctx_error(ctx), "testing needs the maths library (libm.so.6), which could not be loaded: "
                                         "libm.so.6: no symbol dm_no_such_function");
  /* the outcome is kept: the second call says the same without retrying */
  assert_int_equal(dm_dynlib_load(ctx, &lib), DM_EUNSUPPORTED);
  assert_non_null(strstr(dm_ctx_error(ctx), "no symbol dm_no_such_function"));
  dm_ctx_free(ctx);
}

static void test_missing_library(void **state) {
  (void)state;
  maths t;
  dm_dynlib lib = {"nothing", "libdm-not-installed.so.0", "testing", maths_syms, 2, &t, sizeof t, NULL, 0, 0, {0}};
  dm_ctx *ctx = dm_ctx_new(NULL);
  assert_int_equal(dm_dynlib_load(ctx, &lib), DM_EUNSUPPORTED);
  const char *e = dm_ctx_error(ctx);
  assert_non_null(strstr(e, "testing needs nothing (libdm-not-installed.so.0), which could not be loaded: "));
  /* dlopen's own reason follows, naming the file */
  assert_non_null(strstr(e, "libdm-not-installed.so.0: cannot open shared object file"));
  dm_ctx_free(ctx);
}

static void test_bad_description(void **state) {
  (void)state;
  dm_ctx *ctx = dm_ctx_new(NULL);
  assert_int_equal(dm_dynlib_load(ctx, NULL), DM_EUSAGE);
  double small;
  /* the table holds one pointer's room at most: floor's would lie past it */
  dm_dynlib lib = {"m", "libm.so.6", "testing", maths_syms, 2, &small, sizeof small, NULL, 0, 0, {0}};
  assert_int_equal(dm_dynlib_load(ctx, &lib), DM_EUSAGE);
  assert_non_null(strstr(dm_ctx_error(ctx), "symbol 1 of libm.so.6 lies outside its table"));
  dm_ctx_free(ctx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_load_once),
      cmocka_unit_test(test_missing_symbol),
      cmocka_unit_test(test_missing_library),
      cmocka_unit_test(test_bad_description),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
