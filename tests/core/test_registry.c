/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the registry, probing, options and diagnostics: ABI checks,
 * name clashes and overrides, ties at the top reported as ambiguous, the
 * extension raising but never deciding a score, options checked against the
 * plugin's declarations, and messages carrying file and position.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "docmill/docmill.h"

static int probe_a(const dm_input *in) { return in->size && in->data[0] == 'A' ? 40 : 0; }
static int probe_b(const dm_input *in) { return in->size && in->data[0] == 'A' ? 40 : 5; }
static int read_nop(dm_ctx *ctx, void *priv, const dm_input *in, dm_doc *doc) {
  (void)priv, (void)in, (void)doc;
  if (dm_option_bool(ctx, "fail")) return dm_error_at(ctx, DM_EFORMAT, dm_pos_line(3, 7), "bad %s", "thing");
  return dm_warn(ctx, DM_DIAG_OTHER, dm_pos_offset(12), "level=%lld", dm_option_int(ctx, "level"));
}
static int write_nop(dm_ctx *ctx, void *priv, const dm_doc *doc, dm_sink *out) {
  (void)ctx, (void)priv, (void)doc;
  return dm_sink_puts(out, "ok");
}

static const char *const ext_a[] = {"aaa", NULL};
static const dm_option_decl opts_a[] = {
    {"fail", DM_OPT_BOOL, "false", "fail on purpose"},
    {"level", DM_OPT_INT, "4", "a number"},
    {NULL, 0, NULL, NULL},
};
static const dm_reader reader_a = {.abi_version = DM_PLUGIN_ABI_VERSION,
                                   .name = "fmt-a",
                                   .extensions = ext_a,
                                   .options = opts_a,
                                   .probe = probe_a,
                                   .read = read_nop};
static const dm_reader reader_b = {
    .abi_version = DM_PLUGIN_ABI_VERSION, .name = "fmt-b", .probe = probe_b, .read = read_nop};
static const dm_reader reader_old = {.abi_version = 999, .name = "old", .read = read_nop};
static const dm_writer writer_a = {
    .abi_version = DM_PLUGIN_ABI_VERSION, .name = "fmt-a", .extensions = ext_a, .write = write_nop};

static const dm_reader *const readers_ab[] = {&reader_a, &reader_b, NULL};
static const dm_reader *const readers_a[] = {&reader_a, NULL};
static const dm_reader *const readers_old[] = {&reader_old, NULL};
static const dm_writer *const writers_a[] = {&writer_a, NULL};

static void test_builtin_table(void **state) {
  (void)state;
  dm_registry *r = dm_registry_new_builtin();
  assert_non_null(r);
  assert_non_null(dm_registry_writer(r, "native"));
  dm_registry_free(r);
}

static void test_add_and_clash(void **state) {
  (void)state;
  dm_registry *r = dm_registry_new();
  dm_ctx *ctx = dm_ctx_new(r);
  dm_plugin_manifest m = DM_PLUGIN_MANIFEST_INIT(ab, readers_ab, writers_a, NULL);
  assert_int_equal(dm_registry_add(r, &m, "built-in", ctx), DM_OK);
  assert_int_equal(dm_registry_count(r, DM_KIND_READER), 2);
  /* the same names again: refused whole */
  dm_plugin_manifest m2 = DM_PLUGIN_MANIFEST_INIT(a2, readers_a, NULL, NULL);
  assert_int_equal(dm_registry_add(r, &m2, "x.so", ctx), DM_EUSAGE);
  assert_non_null(strstr(dm_ctx_error(ctx), "clashes"));
  /* unless it overrides: then a warning */
  m2.overrides_builtin = 1;
  assert_int_equal(dm_registry_add(r, &m2, "x.so", ctx), DM_OK);
  assert_int_equal(dm_ctx_diag_count(ctx), 1);
  assert_int_equal(dm_ctx_diag(ctx, 0)->code, DM_DIAG_PLUGIN);
  const char *origin;
  dm_registry_at(r, DM_KIND_READER, 0, &origin);
  assert_string_equal(origin, "x.so");
  /* another ABI: both versions named */
  dm_plugin_manifest m3 = DM_PLUGIN_MANIFEST_INIT(old, readers_old, NULL, NULL);
  assert_int_equal(dm_registry_add(r, &m3, "old.so", ctx), DM_EABI);
  assert_non_null(strstr(dm_ctx_error(ctx), "999"));
  assert_non_null(strstr(dm_ctx_error(ctx), "version 1"));
  dm_ctx_free(ctx);
  dm_registry_free(r);
}

static void test_probe_ties_and_extension(void **state) {
  (void)state;
  dm_registry *r = dm_registry_new();
  dm_ctx *ctx = dm_ctx_new(r);
  dm_plugin_manifest m = DM_PLUGIN_MANIFEST_INIT(ab, readers_ab, NULL, NULL);
  dm_registry_add(r, &m, NULL, ctx);
  unsigned char buf[32] = "A text";
  dm_input in = {buf, 6, "x.txt", NULL};
  int score;
  /* both say 40: ambiguous, both named */
  assert_null(dm_registry_detect(r, &in, &score, ctx));
  assert_non_null(strstr(dm_ctx_error(ctx), "fmt-a"));
  assert_non_null(strstr(dm_ctx_error(ctx), "fmt-b"));
  /* the extension breaks the tie */
  in.name = "x.aaa";
  assert_ptr_equal(dm_registry_detect(r, &in, &score, ctx), &reader_a);
  assert_int_equal(score, 50);
  /* but never decides alone: bytes reader_a rejects go to reader_b */
  buf[0] = 'B';
  assert_ptr_equal(dm_registry_detect(r, &in, &score, ctx), &reader_b);
  assert_int_equal(score, 5);
  dm_ctx_free(ctx);
  dm_registry_free(r);
}

static void test_options_and_messages(void **state) {
  (void)state;
  dm_registry *r = dm_registry_new();
  dm_ctx *ctx = dm_ctx_new(r);
  dm_plugin_manifest m = DM_PLUGIN_MANIFEST_INIT(ab, readers_ab, writers_a, NULL);
  dm_registry_add(r, &m, NULL, ctx);
  assert_int_equal(dm_ctx_set_option(ctx, "nope.x=1"), DM_EUSAGE);
  assert_non_null(strstr(dm_ctx_error(ctx), "no format named 'nope'"));
  assert_int_equal(dm_ctx_set_option(ctx, "fmt-a.colour=red"), DM_EUSAGE);
  assert_non_null(strstr(dm_ctx_error(ctx), "has no option 'colour'"));
  assert_int_equal(dm_ctx_set_option(ctx, "fmt-a.level=abc"), DM_EUSAGE);
  assert_int_equal(dm_ctx_set_option(ctx, "fmt-a.level=9"), DM_OK);
  assert_int_equal(dm_ctx_set_option(ctx, "fmt-a"), DM_EUSAGE);

  dm_ctx_set_input_name(ctx, "in.aaa");
  unsigned char buf[8] = "A";
  dm_input in = {buf, 1, "in.aaa", NULL};
  dm_doc *doc = NULL;
  assert_int_equal(dm_read(ctx, &reader_a, &in, &doc), DM_OK);
  assert_int_equal(dm_ctx_diag_count(ctx), 1);
  char line[256];
  dm_diag_format(dm_ctx_diag(ctx, 0), line, sizeof line);
  assert_string_equal(line, "in.aaa: byte 12: warning: fmt-a: level=9 [other]");
  dm_doc_free(doc);
  assert_int_equal(dm_ctx_fail_on_warnings(ctx), DM_EFORMAT);
  assert_non_null(strstr(dm_ctx_error(ctx), "--strict"));

  assert_int_equal(dm_ctx_set_option(ctx, "fmt-a.fail=yes"), DM_OK);
  assert_int_equal(dm_read(ctx, &reader_a, &in, &doc), DM_EFORMAT);
  assert_null(doc);
  assert_string_equal(dm_ctx_error(ctx), "in.aaa:3:7: fmt-a: bad thing");
  dm_ctx_free(ctx);
  dm_registry_free(r);
}

/* Information is kept apart from warnings: --strict ignores it, it is
 * formatted as "info:", and past DM_INFO_KEEP items it is only counted. */
static void test_info_apart_from_warnings(void **state) {
  (void)state;
  dm_registry *r = dm_registry_new();
  dm_ctx *ctx = dm_ctx_new(r);
  dm_ctx_set_input_name(ctx, "in.txt");
  assert_int_equal(dm_info(ctx, DM_DIAG_FURNITURE, dm_pos_line(40, 1), "removed page number '%s'", "2/5"), DM_OK);
  assert_int_equal(dm_ctx_diag_count(ctx), 0);
  assert_int_equal(dm_ctx_info_count(ctx), 1);
  assert_int_equal(dm_ctx_fail_on_warnings(ctx), DM_OK);
  const dm_diag *d = dm_ctx_info(ctx, 0);
  assert_int_equal(d->severity, DM_SEV_INFO);
  char line[256];
  dm_diag_format(d, line, sizeof line);
  assert_string_equal(line, "in.txt:40:1: info: removed page number '2/5' [furniture]");
  for (int i = 1; i < DM_INFO_KEEP + 5; i++)
    dm_info(ctx, DM_DIAG_TRANSFORM, dm_pos_offset(DM_NO_OFFSET), "x");
  assert_int_equal(dm_ctx_info_count(ctx), DM_INFO_KEEP);
  assert_int_equal(dm_ctx_info_dropped(ctx), 5);
  dm_warn(ctx, DM_DIAG_OTHER, dm_pos_offset(DM_NO_OFFSET), "w");
  assert_int_equal(dm_ctx_diag(ctx, 0)->severity, DM_SEV_WARNING);
  dm_ctx_clear_diags(ctx);
  assert_int_equal(dm_ctx_info_count(ctx), 0);
  assert_int_equal(dm_ctx_info_dropped(ctx), 0);
  dm_ctx_free(ctx);
  dm_registry_free(r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_info_apart_from_warnings),
      cmocka_unit_test(test_builtin_table),
      cmocka_unit_test(test_add_and_clash),
      cmocka_unit_test(test_probe_ties_and_extension),
      cmocka_unit_test(test_options_and_messages),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
