/* SPDX-License-Identifier: MIT */
/*
 * The plugin toolkit of the public API: the growable buffer, the XML writer
 * and its one policy for characters XML cannot hold, the UTF-8 policy for
 * readers, the right-to-left tables, warning caps with their summary line,
 * the node map, and the safe ZIP reader (packages built here with libzip,
 * hostile ones included). Expected bytes are written out by hand from the
 * rules in the headers, not copied from the program's output.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <zip.h>

#include "dmt_fixture.h"

/* ---- buffer ---- */

static void test_buf(void **state) {
  (void)state;
  dm_buf b = DM_BUF_INIT;
  assert_int_equal(dm_buf_puts(&b, "world"), DM_OK);
  assert_int_equal(dm_buf_insert(&b, 0, "hello ", 6), DM_OK);
  assert_int_equal(dm_buf_putc(&b, '!'), DM_OK);
  assert_int_equal(dm_buf_printf(&b, " %d%s", 42, "x"), DM_OK);
  assert_string_equal(b.data, "hello world! 42x");
  assert_int_equal(b.len, 16);
  assert_int_equal(dm_buf_insert(&b, 99, "x", 1), DM_EUSAGE);
  dm_buf_truncate(&b, 5);
  assert_string_equal(b.data, "hello");
  /* growth past many doublings keeps every byte */
  for (int i = 0; i < 100000; i++)
    assert_int_equal(dm_buf_append(&b, "0123456789", 10), DM_OK);
  assert_int_equal(b.len, 5 + 1000000);
  assert_memory_equal(b.data + 5 + 999990, "0123456789", 10);
  size_t len;
  char *d = dm_buf_detach(&b, &len);
  assert_int_equal(len, 1000005);
  assert_null(b.data);
  assert_int_equal(b.len, 0);
  free(d);
  /* an empty buffer detaches as "" */
  d = dm_buf_detach(&b, &len);
  assert_string_equal(d, "");
  free(d);
  /* a failed buffer stays failed and detaches as NULL */
  b.status = DM_ENOMEM;
  assert_int_equal(dm_buf_puts(&b, "x"), DM_ENOMEM);
  assert_null(dm_buf_detach(&b, &len));
  assert_int_equal(b.status, DM_OK); /* released */
  dm_buf_release(NULL);
}

/* ---- XML writer ---- */

static char *xml_doc(dm_ctx *ctx, void (*body)(dm_xml *), int *status) {
  dm_sink *s = dm_sink_new_memory();
  dm_xml *x = dm_xml_new(ctx, s);
  assert_non_null(x);
  body(x);
  *status = dm_xml_finish(x);
  dm_xml_free(x);
  size_t len;
  char *out = strdup(dm_sink_memory_data(s, &len));
  dm_sink_free(s);
  return out;
}

static void xml_body_escapes(dm_xml *x) {
  dm_xml_declaration(x, 0);
  dm_xml_start(x, "a");
  dm_xml_attr(x, "v", "<\"&>\t\n\r");
  dm_xml_attr_int(x, "n", -42);
  dm_xml_start(x, "b");
  dm_xml_end(x);
  dm_xml_text(x, "x<y & \"z\"\t\n\r", 12);
  dm_xml_start(x, "c");
  dm_xml_attr_begin(x, "dm", "k");
  dm_xml_attr_value(x, "#", 1);
  dm_xml_attr_value(x, "id", 2);
  dm_xml_attr_end(x);
  dm_xml_text(x, "\xD7\xA9", 2); /* Hebrew shin */
  /* left open: dm_xml_finish closes c and a */
}

static void test_xml_escapes(void **state) {
  fixture *f = *state;
  dm_ctx_clear_diags(f->ctx);
  int st;
  char *out = xml_doc(f->ctx, xml_body_escapes, &st);
  assert_int_equal(st, DM_OK);
  assert_string_equal(out,
                      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<a v=\"&lt;&quot;&amp;&gt;&#9;&#10;&#13;\" n=\"-42\"><b/>x&lt;y &amp; &quot;z&quot;\t\n&#13;"
                      "<c dm:k=\"#id\">\xD7\xA9</c></a>");
  free(out);
  assert_int_equal(dm_ctx_diag_count(f->ctx), 0);
}

static void xml_body_bad(dm_xml *x) {
  dm_xml_start(x, "p");
  /* U+0001, U+FFFF, a lone continuation byte, U+000B in an attribute */
  dm_xml_attr(x, "t", "a\x0b");
  dm_xml_text(x, "1\x01 2\xEF\xBF\xBF 3\x80", 10);
  dm_xml_end(x);
}

static void test_xml_forbidden_chars(void **state) {
  fixture *f = *state;
  dm_ctx_clear_diags(f->ctx);
  int st;
  char *out = xml_doc(f->ctx, xml_body_bad, &st);
  assert_int_equal(st, DM_OK);
  assert_string_equal(out, "<p t=\"a\xEF\xBF\xBD\">1\xEF\xBF\xBD 2\xEF\xBF\xBD 3\xEF\xBF\xBD</p>");
  free(out);
  /* one warning for the document, counting all four */
  assert_int_equal(dm_ctx_diag_count(f->ctx), 1);
  const dm_diag *d = dm_ctx_diag(f->ctx, 0);
  assert_int_equal(d->code, DM_DIAG_INVALID_CHAR);
  assert_non_null(strstr(d->message, "4 characters"));
  assert_non_null(strstr(d->message, "U+000B"));
  /* a second part of the same document does not warn again */
  out = xml_doc(f->ctx, xml_body_bad, &st);
  free(out);
  assert_int_equal(dm_ctx_diag_count(f->ctx), 1);
}

static void test_xml_misuse(void **state) {
  fixture *f = *state;
  dm_xml *x = dm_xml_new(NULL, NULL);
  dm_xml_start(x, "a");
  dm_xml_text(x, "t", 1);
  dm_xml_attr(x, "late", "v"); /* after content: a bug of the caller */
  assert_int_equal(dm_xml_status(x), DM_EINTERNAL);
  dm_xml_free(x);
  x = dm_xml_new(f->ctx, NULL);
  dm_xml_end(x); /* nothing open */
  assert_int_equal(dm_xml_status(x), DM_EINTERNAL);
  assert_int_equal(dm_ctx_error_status(f->ctx), DM_EINTERNAL);
  dm_ctx_clear_error(f->ctx);
  dm_xml_free(x);
  dm_xml_free(NULL);
}

static void test_xml_memory(void **state) {
  (void)state;
  dm_xml *x = dm_xml_new(NULL, NULL);
  dm_xml_start(x, "r");
  size_t at = dm_xml_mark(x);
  dm_xml_text(x, "\xD8\xB3", 2); /* Arabic seen */
  assert_int_equal(dm_xml_take_rtl(x), 1);
  assert_int_equal(dm_xml_take_rtl(x), 0);
  dm_xml_insert(x, at, "<i/>", 4);
  dm_xml_end(x);
  size_t len;
  assert_string_equal(dm_xml_data(x, &len), "<r><i/>\xD8\xB3</r>");
  char *d = dm_xml_take(x, &len);
  assert_int_equal(len, 13); /* 3 + 4 + 2 + 4 */
  free(d);
  dm_xml_raw(x, "\n", 1);
  assert_string_equal(dm_xml_data(x, &len), "\n");
  assert_int_equal(dm_xml_finish(x), DM_OK);
  dm_xml_free(x);
  /* a long text through a sink-backed writer arrives whole */
  dm_sink *s = dm_sink_new_memory();
  x = dm_xml_new(NULL, s);
  size_t n = 3 * DM_XML_CHUNK + 7;
  char *big = malloc(n);
  memset(big, '&', n);
  dm_xml_start(x, "b");
  dm_xml_text(x, big, n);
  assert_int_equal(dm_xml_finish(x), DM_OK);
  const char *o = dm_sink_memory_data(s, &len);
  assert_int_equal(len, 3 + 5 * n + 4);
  assert_memory_equal(o + 3 + 5 * (n - 1), "&amp;</b>", 9);
  free(big);
  dm_xml_free(x);
  dm_sink_free(s);
  assert_int_equal(dm_xml_char_ok(0x9), 1);
  assert_int_equal(dm_xml_char_ok(0x1), 0);
  assert_int_equal(dm_xml_char_ok(0xFFFE), 0);
  assert_int_equal(dm_xml_char_ok(0x10000), 1);
}

/* ---- text policy and tables ---- */

static void test_utf8_clean(void **state) {
  fixture *f = *state;
  dm_ctx_clear_diags(f->ctx);
  dm_buf b = DM_BUF_INIT;
  /* E0 80 is an overlong start: one U+FFFD for E0, one for 80 (maximal
   * subparts); F0 9F 98 cut short is one U+FFFD; NUL is one. */
  static const unsigned char in[] = "ok\n\xE0\x80x\xF0\x9F\x98y\0z";
  size_t n = sizeof in - 1;
  assert_int_equal(dm_utf8_clean_needed(in, n), 3);
  assert_int_equal(dm_utf8_clean(f->ctx, in, n, 0, 0, &b), DM_EFORMAT);
  assert_non_null(strstr(dm_ctx_error(f->ctx), "byte 3: invalid UTF-8 at line 2, column 1: an overlong encoding"));
  dm_ctx_clear_error(f->ctx);
  dm_buf_release(&b);
  assert_int_equal(dm_utf8_clean(f->ctx, in, n, 1, 100, &b), DM_OK);
  assert_int_equal(b.len, 3 + 3 + 3 + 1 + 3 + 1 + 3 + 1);
  assert_memory_equal(b.data, "ok\n\xEF\xBF\xBD\xEF\xBF\xBDx\xEF\xBF\xBDy\xEF\xBF\xBDz", b.len);
  assert_int_equal(dm_ctx_diag_count(f->ctx), 4);
  const dm_diag *d = dm_ctx_diag(f->ctx, 0);
  assert_int_equal(d->code, DM_DIAG_ENCODING);
  assert_int_equal(d->pos.line, 2);
  assert_int_equal(d->pos.column, 1);
  assert_int_equal(d->pos.offset, 103);
  assert_int_equal(dm_ctx_diag(f->ctx, 3)->code, DM_DIAG_NUL_BYTE);
  dm_buf_release(&b);
  const char *why;
  assert_int_equal(dm_utf8_invalid_len((const unsigned char *)"\xED\xA0\x80", 3, &why), 1);
  assert_string_equal(why, "a UTF-16 surrogate");
  assert_int_equal(dm_utf8_invalid_len((const unsigned char *)"\xE2\x82x", 3, &why), 2);
  assert_string_equal(why, "an incomplete sequence");
  assert_int_equal(dm_utf8_invalid_len((const unsigned char *)"\xE2\x82", 2, &why), 2);
  assert_string_equal(why, "a sequence cut short by the end of the input");
  dm_ctx_clear_diags(f->ctx);
}

static void test_rtl(void **state) {
  (void)state;
  assert_true(dm_lang_is_rtl("ar"));
  assert_true(dm_lang_is_rtl("he-IL"));
  assert_true(dm_lang_is_rtl("FA"));
  assert_true(dm_lang_is_rtl("ckb"));
  assert_false(dm_lang_is_rtl("en"));
  assert_false(dm_lang_is_rtl("arn")); /* Mapudungun, not Arabic */
  assert_false(dm_lang_is_rtl(""));
  assert_false(dm_lang_is_rtl(NULL));
  assert_true(dm_unicode_is_rtl(0x05D0));  /* Hebrew alef */
  assert_true(dm_unicode_is_rtl(0x0627));  /* Arabic alef */
  assert_true(dm_unicode_is_rtl(0xFEFC));  /* Arabic presentation form */
  assert_false(dm_unicode_is_rtl(0x0041)); /* A */
  assert_false(dm_unicode_is_rtl(0x4E00)); /* CJK */
}

/* ---- warning caps ---- */

static void test_warn_caps(void **state) {
  fixture *f = *state;
  dm_ctx_clear_diags(f->ctx);
  for (int i = 0; i < 4311; i++)
    assert_int_equal(dm_warn(f->ctx, DM_DIAG_UNKNOWN_ELEMENT, dm_pos_offset((uint64_t)i), "element %d", i), DM_OK);
  assert_int_equal(dm_warn(f->ctx, DM_DIAG_STRUCTURE, dm_pos_offset(0), "another kind"), DM_OK);
  /* 100 kept, one summary, one of the other kind */
  assert_int_equal(dm_ctx_diag_count(f->ctx), 102);
  assert_string_equal(dm_ctx_diag(f->ctx, 99)->message, "element 99");
  assert_string_equal(dm_ctx_diag(f->ctx, 100)->message, "... and 4,211 more like this");
  assert_int_equal(dm_ctx_diag(f->ctx, 100)->code, DM_DIAG_UNKNOWN_ELEMENT);
  assert_int_equal(dm_ctx_warn_suppressed(f->ctx, DM_DIAG_UNKNOWN_ELEMENT), 4211);
  char line[200];
  dm_diag_format(dm_ctx_diag(f->ctx, 100), line, sizeof line);
  assert_non_null(strstr(line, "... and 4,211 more like this [unknown-element]"));
  /* a cap of its own, and none at all */
  dm_ctx_clear_diags(f->ctx);
  assert_int_equal(dm_ctx_set_warn_cap(f->ctx, DM_DIAG_LIMIT, 2), DM_OK);
  assert_int_equal(dm_ctx_set_warn_cap(f->ctx, DM_DIAG_MEDIA, 0), DM_OK);
  for (int i = 0; i < 300; i++) {
    dm_warn(f->ctx, DM_DIAG_LIMIT, dm_pos_offset(0), "l");
    dm_warn(f->ctx, DM_DIAG_MEDIA, dm_pos_offset(0), "m");
  }
  assert_int_equal(dm_ctx_diag_count(f->ctx), 2 + 1 + 300);
  assert_int_equal(dm_ctx_warn_suppressed(f->ctx, DM_DIAG_LIMIT), 298);
  assert_int_equal(dm_ctx_set_warn_cap(f->ctx, (dm_diag_code)999, 1), DM_EUSAGE);
  dm_ctx_set_warn_cap(f->ctx, DM_DIAG_LIMIT, DM_WARN_CAP_DEFAULT);
  dm_ctx_set_warn_cap(f->ctx, DM_DIAG_MEDIA, DM_WARN_CAP_DEFAULT);
  /* dm_warn_once: once until the diagnostics are cleared */
  dm_ctx_clear_diags(f->ctx);
  dm_warn_once(f->ctx, DM_DIAG_OTHER, dm_pos_offset(0), "first");
  dm_warn_once(f->ctx, DM_DIAG_OTHER, dm_pos_offset(0), "second");
  assert_int_equal(dm_ctx_diag_count(f->ctx), 1);
  dm_ctx_clear_diags(f->ctx);
}

/* ---- node map ---- */

static void test_node_map(void **state) {
  (void)state;
  dm_doc *doc = dm_doc_new();
  dm_node_map *m = dm_node_map_new();
  enum { N = 5000 };
  dm_node **nodes = malloc(N * sizeof *nodes);
  for (size_t i = 0; i < N; i++) {
    nodes[i] = dm_node_new_text(doc, "x", 1);
    assert_int_equal(dm_node_map_put(m, nodes[i], (void *)(uintptr_t)(i + 1)), DM_OK);
  }
  assert_int_equal(dm_node_map_put(m, nodes[7], (void *)(uintptr_t)99), DM_OK);
  assert_int_equal(dm_node_map_count(m), N);
  for (size_t i = 0; i < N; i++)
    assert_int_equal((uintptr_t)dm_node_map_get(m, nodes[i]), i == 7 ? 99 : i + 1);
  dm_node *other = dm_node_new_text(doc, "y", 1);
  assert_null(dm_node_map_get(m, other));
  assert_false(dm_node_map_has(m, other));
  assert_int_equal(dm_node_map_put(m, other, NULL), DM_OK);
  assert_true(dm_node_map_has(m, other));
  assert_int_equal(dm_node_map_put(m, NULL, NULL), DM_EUSAGE);
  assert_null(dm_node_map_get(NULL, other));
  free(nodes);
  dm_node_map_free(m);
  dm_node_map_free(NULL);
  dm_doc_free(doc);
}

/* ---- ZIP ---- */

typedef struct zentry {
  const char *name;
  const char *data;
  size_t len;
} zentry;

/* A ZIP of the entries, in memory (libzip writes it). */
static unsigned char *make_zip(const zentry *e, size_t n, size_t *size) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
  zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
  assert_non_null(za);
  zip_source_keep(src);
  for (size_t i = 0; i < n; i++) {
    zip_source_t *s = zip_source_buffer(za, e[i].data, e[i].len, 0);
    assert_true(zip_file_add(za, e[i].name, s, 0) >= 0);
  }
  assert_int_equal(zip_close(za), 0);
  zip_stat_t st;
  assert_int_equal(zip_source_stat(src, &st), 0);
  assert_int_equal(zip_source_open(src), 0);
  unsigned char *buf = malloc(st.size + 1);
  assert_int_equal(zip_source_read(src, buf, st.size), (zip_int64_t)st.size);
  zip_source_close(src);
  zip_source_free(src);
  zip_error_fini(&ze);
  *size = st.size;
  return buf;
}

static void test_zip_read(void **state) {
  fixture *f = *state;
  zentry e[] = {{"main.xml", "<a/>", 4}, {"media/x.png", "PNG", 3}};
  size_t size;
  unsigned char *z = make_zip(e, 2, &size);
  assert_int_equal(dm_zip_probe_entry(z, size, "main.xml"), 1);
  assert_int_equal(dm_zip_probe_entry(z, size, "word/document.xml"), 0);
  dm_zip *zip;
  assert_int_equal(dm_zip_open(f->ctx, z, size, &zip), DM_OK);
  assert_int_equal(dm_zip_count(zip), 2);
  long i = dm_zip_find(zip, "main.xml");
  assert_true(i >= 0);
  assert_int_equal(dm_zip_size(zip, (size_t)i), 4);
  assert_int_equal(dm_zip_find(zip, "nope"), -1);
  assert_null(dm_zip_name(zip, 2));
  unsigned char *data;
  size_t len;
  assert_int_equal(dm_zip_extract(f->ctx, zip, (size_t)i, &data, &len), DM_OK);
  assert_int_equal(len, 4);
  assert_string_equal((char *)data, "<a/>");
  free(data);
  assert_int_equal(dm_zip_extract(f->ctx, zip, 9, &data, &len), DM_EUSAGE);
  assert_null(data);
  dm_ctx_clear_error(f->ctx);
  dm_zip_close(zip);
  dm_zip_close(NULL);
  free(z);
}

static void zip_refused(fixture *f, const zentry *e, size_t n, int status, const char *words) {
  size_t size;
  unsigned char *z = make_zip(e, n, &size);
  dm_zip *zip = (dm_zip *)1;
  assert_int_equal(dm_zip_open(f->ctx, z, size, &zip), status);
  assert_null(zip);
  assert_non_null(strstr(dm_ctx_error(f->ctx), words));
  dm_ctx_clear_error(f->ctx);
  free(z);
}

static void test_zip_hostile(void **state) {
  fixture *f = *state;
  zentry up[] = {{"../evil.xml", "x", 1}};
  zip_refused(f, up, 1, DM_EFORMAT, "'..' component");
  zentry abs[] = {{"/etc/passwd", "x", 1}};
  zip_refused(f, abs, 1, DM_EFORMAT, "an absolute path");
  zentry drive[] = {{"C:/x.xml", "x", 1}};
  zip_refused(f, drive, 1, DM_EFORMAT, "a drive letter");
  zentry bs[] = {{"a\\b.xml", "x", 1}};
  zip_refused(f, bs, 1, DM_EFORMAT, "a backslash");
  /* 8 MiB of zeros deflate to a few KiB: more than 200 times */
  size_t big = (size_t)8 << 20;
  char *zeros = calloc(1, big);
  zentry bomb[] = {{"bomb.xml", zeros, big}};
  zip_refused(f, bomb, 1, DM_ELIMIT, "decompression bomb");
  /* the same, within the ratio, but past a small input limit */
  dm_limits lim = {.max_input_bytes = 1000};
  dm_ctx_set_limits(f->ctx, &lim);
  zentry many[] = {{"a.xml", zeros, 600}, {"b.xml", zeros, 600}};
  zip_refused(f, many, 2, DM_ELIMIT, "more than 1000 bytes");
  dm_limits def = {0};
  dm_ctx_set_limits(f->ctx, &def);
  /* twenty entries of 1 MiB each, none past the per-entry floor, are 20
   * MiB from a package of some tens of KiB: more than 100 times in all */
  zentry twenty[20];
  static const char *const names[20] = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j",
                                        "k", "l", "m", "n", "o", "p", "q", "r", "s", "t"};
  for (int k = 0; k < 20; k++)
    twenty[k] = (zentry){names[k], zeros, (size_t)1 << 20};
  zip_refused(f, twenty, 20, DM_ELIMIT, "more than 100 times its");
  free(zeros);
  /* not a ZIP at all */
  dm_zip *zip;
  assert_int_equal(dm_zip_open(f->ctx, (const unsigned char *)"PK\3\4 nothing", 13, &zip), DM_EFORMAT);
  dm_ctx_clear_error(f->ctx);
}

/* A stored entry whose data was changed after writing: the CRC catches it. */
static void test_zip_damaged(void **state) {
  fixture *f = *state;
  zentry e[] = {{"a.txt", "hello hello hello", 17}};
  size_t size;
  unsigned char *z = make_zip(e, 1, &size);
  unsigned char *p = memmem(z, size, "hello", 5);
  if (!p) { /* deflated: damage the compressed data instead */
    p = z + 30 + 5 + 2;
  }
  p[1] ^= 0x55;
  dm_zip *zip;
  int rc = dm_zip_open(f->ctx, z, size, &zip);
  if (rc == DM_OK) {
    unsigned char *data;
    size_t len;
    assert_int_equal(dm_zip_extract(f->ctx, zip, 0, &data, &len), DM_EFORMAT);
    assert_null(data);
    dm_zip_close(zip);
  }
  assert_int_equal(dm_ctx_error_status(f->ctx), DM_EFORMAT);
  dm_ctx_clear_error(f->ctx);
  free(z);
}

/* The old header names still give what they gave before the split. */
static void test_headers(void **state) {
  (void)state;
  dm_buf b = DM_BUF_INIT;
  assert_int_equal(b.status, DM_OK);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_buf),        cmocka_unit_test(test_xml_escapes), cmocka_unit_test(test_xml_forbidden_chars),
      cmocka_unit_test(test_xml_misuse), cmocka_unit_test(test_xml_memory),  cmocka_unit_test(test_utf8_clean),
      cmocka_unit_test(test_rtl),        cmocka_unit_test(test_warn_caps),   cmocka_unit_test(test_node_map),
      cmocka_unit_test(test_zip_read),   cmocka_unit_test(test_zip_hostile), cmocka_unit_test(test_zip_damaged),
      cmocka_unit_test(test_headers),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
