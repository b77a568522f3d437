/* SPDX-License-Identifier: MIT */
/*
 * The DOCX writer's data file read back: every row of
 * plugins/docx/data/un-styles.tsv, parsed here on its own, equals the C
 * table the build made from it (write_tables.cmake), lengths evaluated with
 * the UN's block indent (0.88 in, 1267 twips) and first-line indent
 * (0.33 in, 475 twips). Run from the source directory (ctest does).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "docx.h"
#include "docx_write_tables.h"

/* "block+2*first", "-1", "7200": a sum of terms, each n, a name, n*name. */
static long eval_length(const char *s) {
  long sum = 0;
  while (*s) {
    char *end;
    long k = strtol(s, &end, 10), unit = 1;
    if (end == s) k = 1; /* a name alone */
    s = end;
    if (*s == '*') s++;
    if (!strncmp(s, "block", 5)) {
      unit = 1267;
      s += 5;
    } else if (!strncmp(s, "first", 5)) {
      unit = 475;
      s += 5;
    }
    sum += k * unit;
    if (*s == '+') s++;
  }
  return sum;
}

static const char *text_or_null(const char *s) { return strcmp(s, "-") ? s : NULL; }

static void assert_str_or_null(const char *want, const char *got) {
  if (!want)
    assert_null(got);
  else
    assert_string_equal(want, got);
}

static void test_un_styles_read_back(void **state) {
  (void)state;
  FILE *f = fopen("plugins/docx/data/un-styles.tsv", "r");
  assert_non_null(f);
  char line[1024];
  size_t row = 0;
  while (fgets(line, sizeof line, f)) {
    line[strcspn(line, "\n")] = 0;
    if (line[0] == '#' || !line[0]) continue;
    char *col[16];
    size_t n = 0;
    for (char *p = line, *tab; n < 16; p = tab + 1) {
      col[n++] = p;
      if (!(tab = strchr(p, '\t'))) break;
      *tab = 0;
    }
    assert_int_equal(n, 16);
    assert_true(row < docx_un_styles_count);
    const docx_un_style *s = &docx_un_styles[row++];
    assert_string_equal(col[0], s->id);
    assert_string_equal(col[1], s->name);
    assert_str_or_null(text_or_null(col[2]), s->next);
    assert_str_or_null(text_or_null(col[9]), s->jc);
    const int got[] = {s->before, s->after,  s->left, s->right,     s->first, s->hang,
                       s->bold,   s->italic, s->size, s->keep_next, s->tab,   s->border};
    const int cols[] = {3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15};
    for (size_t i = 0; i < sizeof cols / sizeof *cols; i++)
      assert_int_equal(eval_length(col[cols[i]]), got[i]);
  }
  fclose(f);
  assert_int_equal(row, docx_un_styles_count);
}

/* Values counted by hand from the UN's layout, not from the table: the
 * operative paragraph's number sits at the block's edge plus two clause
 * indents (1267 + 2 * 475), footnotes are 8.5 pt. */
static void test_un_styles_known_values(void **state) {
  (void)state;
  int seen = 0;
  for (size_t i = 0; i < docx_un_styles_count; i++) {
    const docx_un_style *s = &docx_un_styles[i];
    if (!strcmp(s->id, "Operative")) {
      assert_int_equal(s->tab, 2217);
      assert_int_equal(s->first, 475);
      assert_string_equal(s->jc, "both");
      seen++;
    } else if (!strcmp(s->id, "FootnoteText")) {
      assert_int_equal(s->size, 17);
      seen++;
    } else if (!strcmp(s->id, "RunningFoot")) {
      assert_null(s->jc);
      assert_int_equal(s->tab, -1);
      seen++;
    }
  }
  assert_int_equal(seen, 3);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_un_styles_read_back),
      cmocka_unit_test(test_un_styles_known_values),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
