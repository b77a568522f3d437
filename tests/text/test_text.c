/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the plain-text reader. Each input is small enough to check
 * by eye: the expected native dumps were written from the input bytes by
 * hand, the byte offsets and columns counted by hand, and the U+FFFD
 * substitutions of lenient mode follow Unicode's "maximal subpart" practice,
 * which is what Python's bytes.decode("utf-8", "replace") implements (the
 * expectations were cross-checked against it). Pathological inputs (a 2 MB
 * line, 10^6 lines) check the shape of the result, not timings.
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

/* Converts len bytes of text to the native dump; returns the status. */
static int to_native(fixture *f, const char *in, size_t len, int lenient, char **out) {
  dm_ctx_clear_diags(f->ctx);
  dm_ctx_clear_error(f->ctx);
  assert_int_equal(dm_ctx_set_option(f->ctx, lenient ? "text.lenient=true" : "text.lenient=false"), DM_OK);
  size_t n = 0;
  return dm_convert_memory(f->ctx, "text", "native", in, len, out, &n);
}

static void expect_dump(fixture *f, const char *in, size_t len, int lenient, const char *want) {
  char *out = NULL;
  int rc = to_native(f, in, len, lenient, &out);
  if (rc != DM_OK) fail_msg("conversion failed: %s", dm_ctx_error(f->ctx));
  assert_string_equal(out, want);
  free(out);
}

#define DUMP(in, want) expect_dump(f, in, sizeof in - 1, 0, want)

static void test_paragraphs_and_line_ends(void **state) {
  fixture *f = *state;
  /* CRLF, trailing spaces, a whitespace-only line as the separator. */
  DUMP("Hello\r\nworld  \r\n \t \r\nagain\r\n", "document\n"
                                                "  paragraph\n"
                                                "    text \"Hello\"\n"
                                                "    softbreak\n"
                                                "    text \"world\"\n"
                                                "  paragraph\n"
                                                "    text \"again\"\n");
  /* A BOM, bare CRs, no final line end, indentation trimmed. */
  DUMP("\xef\xbb\xbfone\r  two\r\rthree", "document\n"
                                          "  paragraph\n"
                                          "    text \"one\"\n"
                                          "    softbreak\n"
                                          "    text \"two\"\n"
                                          "  paragraph\n"
                                          "    text \"three\"\n");
  /* Several blank lines make one break; a BOM in the middle is text. */
  DUMP("a\n\n\n\nb\xef\xbb\xbf\n", "document\n"
                                   "  paragraph\n"
                                   "    text \"a\"\n"
                                   "  paragraph\n"
                                   "    text \"b\xef\xbb\xbf\"\n");
}

static void test_cjk_joins(void **state) {
  fixture *f = *state;
  /* Between two CJK characters nothing is inserted: the lines stay
   * separate text nodes with no softbreak between them. */
  DUMP("大会，\n再次强烈谴责\n", "document\n"
                                 "  paragraph\n"
                                 "    text \"大会，\"\n"
                                 "    text \"再次强烈谴责\"\n");
  /* CJK next to Latin or digits is joined with a softbreak. */
  DUMP("中文\nEnglish\n日本\n2020 年\n12 月\n", "document\n"
                                                "  paragraph\n"
                                                "    text \"中文\"\n"
                                                "    softbreak\n"
                                                "    text \"English\"\n"
                                                "    softbreak\n"
                                                "    text \"日本\"\n"
                                                "    softbreak\n"
                                                "    text \"2020 年\"\n"
                                                "    softbreak\n"
                                                "    text \"12 月\"\n");
  /* U+3000 IDEOGRAPHIC SPACE indents and pads lines, and a line of it
   * alone is blank. */
  DUMP("\xe3\x80\x80\xe3\x80\x80大会\xe3\x80\x80\n\xe3\x80\x80\n决议\n", "document\n"
                                                                         "  paragraph\n"
                                                                         "    text \"大会\"\n"
                                                                         "  paragraph\n"
                                                                         "    text \"决议\"\n");
}

static void test_form_feeds(void **state) {
  fixture *f = *state;
  /* As pdftotext writes it: each page ends with a form feed, the next
   * page's first line follows it directly. The last one is dropped. */
  DUMP("page one\n\fpage two\ncontinued\n\f", "document\n"
                                              "  paragraph\n"
                                              "    text \"page one\"\n"
                                              "  page_break\n"
                                              "  paragraph\n"
                                              "    text \"page two\"\n"
                                              "    softbreak\n"
                                              "    text \"continued\"\n");
  /* A form feed ends the paragraph even mid-line; an empty page gives two
   * breaks; leading ones are dropped. */
  DUMP("\f\fa\fb\f\fc", "document\n"
                        "  paragraph\n"
                        "    text \"a\"\n"
                        "  page_break\n"
                        "  paragraph\n"
                        "    text \"b\"\n"
                        "  page_break\n"
                        "  page_break\n"
                        "  paragraph\n"
                        "    text \"c\"\n");
}

/* Finds the n-th node (0-based) of a type in document order. */
static dm_node *nth(dm_doc *doc, dm_node_type type, int n) {
  dm_iter *it = dm_iter_new(dm_doc_root(doc));
  dm_node *found = NULL;
  dm_event ev;
  while (!found && (ev = dm_iter_next(it)) != DM_EVENT_DONE)
    if (ev == DM_EVENT_ENTER && dm_node_type_of(dm_iter_node(it)) == type && n-- == 0) found = dm_iter_node(it);
  dm_iter_free(it);
  return found;
}

static dm_doc *read_doc(fixture *f, const char *in, size_t len, int *rc) {
  unsigned char *buf = calloc(1, len + DM_PROBE_PADDING);
  assert_non_null(buf);
  memcpy(buf, in, len);
  dm_input inp = {buf, len, NULL, NULL};
  dm_doc *doc = NULL;
  dm_ctx_clear_diags(f->ctx);
  dm_ctx_clear_error(f->ctx);
  *rc = dm_read(f->ctx, dm_registry_reader(f->reg, "text"), &inp, &doc);
  free(buf);
  return doc;
}

static void assert_pos(const dm_node *n, uint32_t line, uint32_t col, uint64_t off) {
  assert_non_null(n);
  dm_pos p = dm_node_pos(n);
  assert_int_equal(p.line, line);
  assert_int_equal(p.column, col);
  assert_int_equal(p.offset, off);
}

static void test_positions(void **state) {
  fixture *f = *state;
  int rc;
  /* Bytes: BOM 0-2, 'x' 3, LF 4, LF 5, ' ' 6, ' ' 7, 'y' 8, LF 9,
   * '大' 10-12, 'z' 13, FF 14, 'w' 15. Columns count code points. */
  static const char in[] = "\xef\xbb\xbfx\n\n  y\n大z\fw";
  dm_doc *doc = read_doc(f, in, sizeof in - 1, &rc);
  assert_int_equal(rc, DM_OK);
  assert_pos(nth(doc, DM_NODE_PARAGRAPH, 0), 1, 1, 3);
  assert_pos(nth(doc, DM_NODE_PARAGRAPH, 1), 3, 3, 8);
  assert_pos(nth(doc, DM_NODE_TEXT, 2), 4, 1, 10); /* the line "大z" */
  assert_pos(nth(doc, DM_NODE_PAGE_BREAK, 0), 4, 3, 14);
  assert_pos(nth(doc, DM_NODE_PARAGRAPH, 2), 4, 4, 15);
  dm_doc_free(doc);
}

/* The error for invalid UTF-8 names the byte offset of the bad byte. */
static void expect_error(fixture *f, const char *in, size_t len, const char *want) {
  char *out = NULL;
  int rc = to_native(f, in, len, 0, &out);
  assert_int_equal(rc, DM_EFORMAT);
  assert_null(out);
  const char *msg = dm_ctx_error(f->ctx);
  if (!strstr(msg, want)) fail_msg("message '%s' lacks '%s'", msg, want);
  assert_null(strchr(msg, '\n'));
}

#define ERR(in, want) expect_error(f, in, sizeof in - 1, want)

static void test_invalid_utf8_strict(void **state) {
  fixture *f = *state;
  ERR("\xff"
      "abc",
      "byte 0: text: invalid UTF-8 at line 1, column 1: a byte that never occurs in UTF-8 (byte 0xff)");
  ERR("ab\ncd\x80"
      "ef",
      "byte 5: text: invalid UTF-8 at line 2, column 3: a continuation byte without a lead byte");
  ERR("abc\xe5\xa4", "byte 3: text: invalid UTF-8 at line 1, column 4: a sequence cut short by the end of the input");
  ERR("abc\xe5\xa4\n", "byte 3: text: invalid UTF-8 at line 1, column 4: an incomplete sequence");
  ERR("\xc0\xaf", "byte 0: text: invalid UTF-8 at line 1, column 1: an overlong encoding (byte 0xc0)");
  ERR("x\xe0\x80\xaf", "byte 1: text: invalid UTF-8 at line 1, column 2: an overlong encoding (byte 0xe0)");
  ERR("x\xf0\x80\x80\xaf", "byte 1: text: invalid UTF-8 at line 1, column 2: an overlong encoding (byte 0xf0)");
  ERR("大\xed\xa0\x80", "byte 3: text: invalid UTF-8 at line 1, column 2: a UTF-16 surrogate (byte 0xed)");
  ERR("\xf4\x90\x80\x80", "byte 0: text: invalid UTF-8 at line 1, column 1: a code point above U+10FFFF");
  ERR("\xef\xbb\xbf\xfe", "byte 3: text: invalid UTF-8 at line 1, column 1:");
  ERR("", "empty");
  ERR(" \t\r\n\xe3\x80\x80\n\f\v\r\n", "only whitespace");
}

static void test_invalid_utf8_lenient(void **state) {
  fixture *f = *state;
  /* Python: b'a\xc0\xafb'.decode('utf-8', 'replace') == 'a\ufffd\ufffdb', and so on. */
  static const char in[] = "a\xc0\xaf"
                           "b\n\xed\xa0\x80\n\xe5\xa4x\n\xf0\x9f\x98\x80\x80z\n\xf0\x9f\x98";
  expect_dump(f, in, sizeof in - 1, 1,
              "document\n"
              "  paragraph\n"
              "    text \"a" FFFD FFFD "b\"\n"
              "    softbreak\n"
              "    text \"" FFFD FFFD FFFD "\"\n"
              "    softbreak\n"
              "    text \"" FFFD "x\"\n"
              "    softbreak\n"
              "    text \"\xf0\x9f\x98\x80" FFFD "z\"\n"
              "    softbreak\n"
              "    text \"" FFFD "\"\n");
  /* One warning per replacement, each with the offset of its first byte:
   * 1, 2 | 5, 6, 7 | 9 | 17 | 20. */
  static const uint64_t offsets[] = {1, 2, 5, 6, 7, 9, 17, 20};
  assert_int_equal(dm_ctx_diag_count(f->ctx), 8);
  for (size_t i = 0; i < 8; i++) {
    const dm_diag *d = dm_ctx_diag(f->ctx, i);
    assert_int_equal(d->code, DM_DIAG_ENCODING);
    assert_int_equal(d->pos.offset, offsets[i]);
  }
}

static void test_nul_bytes(void **state) {
  fixture *f = *state;
  static const char in[] = "a\0b\n\0";
  expect_dump(f, in, sizeof in - 1, 0,
              "document\n"
              "  paragraph\n"
              "    text \"a" FFFD "b\"\n"
              "    softbreak\n"
              "    text \"" FFFD "\"\n");
  assert_int_equal(dm_ctx_diag_count(f->ctx), 2);
  const dm_diag *d = dm_ctx_diag(f->ctx, 0);
  assert_int_equal(d->code, DM_DIAG_NUL_BYTE);
  assert_int_equal(d->pos.line, 1);
  assert_int_equal(d->pos.column, 2);
  assert_int_equal(d->pos.offset, 1);
  d = dm_ctx_diag(f->ctx, 1);
  assert_int_equal(d->pos.line, 2);
  assert_int_equal(d->pos.column, 1);
  assert_int_equal(d->pos.offset, 4);
}

static void test_warning_cap(void **state) {
  fixture *f = *state;
  /* 1000 NULs: 100 warnings with positions (the context's default cap),
   * then the summary line that counts the rest. */
  char in[1002];
  memset(in, 0, sizeof in);
  in[0] = 'x';
  in[1001] = 'y';
  char *out = NULL;
  assert_int_equal(to_native(f, in, sizeof in, 0, &out), DM_OK);
  free(out);
  assert_int_equal(dm_ctx_diag_count(f->ctx), 101);
  const dm_diag *last = dm_ctx_diag(f->ctx, 100);
  assert_int_equal(last->code, DM_DIAG_NUL_BYTE);
  assert_string_equal(last->message, "... and 900 more like this");
  assert_int_equal(dm_ctx_warn_suppressed(f->ctx, DM_DIAG_NUL_BYTE), 900);
}

static int probe(fixture *f, const char *in, size_t len) {
  unsigned char *buf = calloc(1, len + DM_PROBE_PADDING);
  assert_non_null(buf);
  memcpy(buf, in, len);
  dm_input inp = {buf, len, NULL, NULL};
  int score = dm_registry_reader(f->reg, "text")->probe(&inp);
  free(buf);
  return score;
}

#define PROBE(in) probe(f, in, sizeof in - 1)

static void test_probe(void **state) {
  fixture *f = *state;
  assert_int_equal(PROBE("Plain prose.\n\n大会，\n"), DM_PROBE_SCORE_GENERIC);
  assert_int_equal(PROBE("Latin-1 caf\xe9 au lait\n"), 10);
  assert_int_equal(PROBE("a NUL \0 in text\n"), 15);
  assert_int_equal(PROBE(""), 0);
  /* UTF-16 and other binary data: NULs or control bytes everywhere. */
  assert_int_equal(PROBE("h\0e\0l\0l\0o\0 \0w\0o\0r\0l\0d\0\n\0"), 0);
  assert_int_equal(PROBE("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0"), 0);
  assert_int_equal(PROBE("\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7\xf6\xf5 bytes"), 0);
}

static void test_long_line(void **state) {
  fixture *f = *state;
  size_t n = 2u << 20;
  char *in = malloc(n + 1);
  assert_non_null(in);
  memset(in, 'x', n);
  in[n] = '\n';
  int rc;
  dm_doc *doc = read_doc(f, in, n + 1, &rc);
  assert_int_equal(rc, DM_OK);
  assert_int_equal(dm_node_literal_len(nth(doc, DM_NODE_TEXT, 0)), n);
  dm_doc_free(doc);
  /* Lenient, with a bad byte every other byte: still one pass. */
  for (size_t i = 0; i < n; i += 2)
    in[i] = (char)0xff;
  assert_int_equal(dm_ctx_set_option(f->ctx, "text.lenient=true"), DM_OK);
  doc = read_doc(f, in, n + 1, &rc);
  assert_int_equal(rc, DM_OK);
  assert_int_equal(dm_node_literal_len(nth(doc, DM_NODE_TEXT, 0)), n / 2 * 3 + n / 2);
  assert_int_equal(dm_ctx_diag_count(f->ctx), 101);
  assert_int_equal(dm_ctx_set_option(f->ctx, "text.lenient=false"), DM_OK);
  dm_doc_free(doc);
  free(in);
}

static void test_many_lines(void **state) {
  fixture *f = *state;
  /* 10^6 lines "ab", every second one blank: 500,000 paragraphs. */
  size_t lines = 1000000, n = lines / 2 * 4;
  char *in = malloc(n);
  assert_non_null(in);
  for (size_t i = 0; i < n; i += 4)
    memcpy(in + i, "ab\n\n", 4);
  int rc;
  dm_doc *doc = read_doc(f, in, n, &rc);
  assert_int_equal(rc, DM_OK);
  size_t paras = 0;
  for (dm_node *c = dm_node_first_child(dm_doc_root(doc)); c; c = dm_node_next(c))
    paras++;
  assert_int_equal(paras, lines / 2);
  assert_pos(dm_node_last_child(dm_doc_root(doc)), (uint32_t)lines - 1, 1, n - 4);
  dm_doc_free(doc);
  free(in);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_paragraphs_and_line_ends),
      cmocka_unit_test(test_cjk_joins),
      cmocka_unit_test(test_form_feeds),
      cmocka_unit_test(test_positions),
      cmocka_unit_test(test_invalid_utf8_strict),
      cmocka_unit_test(test_invalid_utf8_lenient),
      cmocka_unit_test(test_nul_bytes),
      cmocka_unit_test(test_warning_cap),
      cmocka_unit_test(test_probe),
      cmocka_unit_test(test_long_line),
      cmocka_unit_test(test_many_lines),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
