/* SPDX-License-Identifier: MIT */
/*
 * The table grid of table.h: cells spanning rows and columns laid out as
 * HTML lays them out. The expected grids are drawn by hand from HTML's
 * table model (each cell takes the first free place of its row).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "docmill/docmill.h"

static dm_node *cell(dm_node *row, const char *rs, const char *cs) {
  dm_node *c = dm_node_new(dm_node_doc(row), DM_NODE_TABLE_CELL);
  assert_non_null(c);
  if (rs) assert_int_equal(dm_node_set_attr(c, "rowspan", rs), DM_OK);
  if (cs) assert_int_equal(dm_node_set_attr(c, "colspan", cs), DM_OK);
  assert_int_equal(dm_node_append_child(row, c), DM_OK);
  return c;
}

static dm_node *row(dm_node *table) {
  dm_node *r = dm_node_new(dm_node_doc(table), DM_NODE_TABLE_ROW);
  assert_non_null(r);
  assert_int_equal(dm_node_append_child(table, r), DM_OK);
  return r;
}

/* Letters name the cells; '.' is a place no cell covers. */
static void check(const dm_table_grid *g, const char *const *want, const dm_node *const *cells) {
  for (size_t r = 0; r < g->rows; r++)
    for (size_t c = 0; c < g->cols; c++) {
      const dm_node *at = dm_table_grid_cell(g, r, c);
      char got = '.';
      for (size_t i = 0; cells[i]; i++)
        if (cells[i] == at) got = (char)('A' + i);
      if (got != want[r][c]) fail_msg("row %zu column %zu: %c, want %c", r, c, got, want[r][c]);
    }
}

static void test_spans(void **state) {
  (void)state;
  dm_doc *doc = dm_doc_new();
  dm_node *t = dm_node_new(doc, DM_NODE_TABLE);
  assert_int_equal(dm_node_append_child(dm_doc_root(doc), t), DM_OK);
  const dm_node *cells[8];
  dm_node *r = row(t);
  cells[0] = cell(r, "2", NULL);
  cells[1] = cell(r, NULL, "2");
  r = row(t);
  cells[2] = cell(r, NULL, NULL);
  cells[3] = cell(r, NULL, NULL);
  r = row(t);
  cells[4] = cell(r, NULL, "3");
  r = row(t);
  cells[5] = cell(r, "9", "x"); /* rowspan past the end, colspan not a number */
  cells[6] = NULL;
  dm_table_grid g;
  assert_int_equal(dm_table_grid_make(t, &g), DM_OK);
  assert_int_equal(g.rows, 4);
  assert_int_equal(g.cols, 3);
  assert_int_equal(g.spans, 3);
  static const char *const want[] = {"ABB", "ACD", "EEE", "F.."};
  check(&g, want, cells);
  assert_true(dm_table_grid_is_origin(&g, 0, 0));
  assert_false(dm_table_grid_is_origin(&g, 1, 0));
  assert_false(dm_table_grid_is_origin(&g, 0, 2));
  assert_false(dm_table_grid_is_origin(&g, 3, 1));
  assert_int_equal(dm_table_grid_span(&g, 0, 0, 0), 2);
  assert_int_equal(dm_table_grid_span(&g, 0, 1, 1), 2);
  assert_int_equal(dm_table_grid_span(&g, 2, 0, 1), 3);
  assert_int_equal(dm_table_grid_span(&g, 3, 0, 0), 1);
  dm_table_grid_release(&g);
  assert_null(g.at);
  dm_doc_free(doc);
}

/* Rowspans from above push a later row's cells to the right, beyond any
 * one row's own width. */
static void test_pushed_right(void **state) {
  (void)state;
  dm_doc *doc = dm_doc_new();
  dm_node *t = dm_node_new(doc, DM_NODE_TABLE);
  assert_int_equal(dm_node_append_child(dm_doc_root(doc), t), DM_OK);
  const dm_node *cells[6];
  cells[0] = cell(row(t), "3", NULL);
  cells[1] = cell(row(t), "2", NULL);
  dm_node *r = row(t);
  cells[2] = cell(r, NULL, NULL);
  cells[3] = cell(r, NULL, NULL);
  cells[4] = NULL;
  dm_table_grid g;
  assert_int_equal(dm_table_grid_make(t, &g), DM_OK);
  assert_int_equal(g.cols, 4);
  static const char *const want[] = {"A...", "AB..", "ABCD"};
  check(&g, want, cells);
  dm_table_grid_release(&g);
  assert_int_equal(dm_table_grid_make(dm_doc_root(doc), &g), DM_EUSAGE);
  dm_doc_free(doc);
}

/* A hostile span cannot make the grid huge: colspan is cut at 1000 and the
 * grid at 2^22 places. */
static void test_limits(void **state) {
  (void)state;
  dm_doc *doc = dm_doc_new();
  dm_node *t = dm_node_new(doc, DM_NODE_TABLE);
  assert_int_equal(dm_node_append_child(dm_doc_root(doc), t), DM_OK);
  cell(row(t), NULL, "99999999999999999999999");
  dm_table_grid g;
  assert_int_equal(dm_table_grid_make(t, &g), DM_OK);
  assert_int_equal(g.cols, 1000);
  dm_table_grid_release(&g);
  for (int i = 0; i < 5000; i++)
    cell(row(t), NULL, "1000");
  assert_int_equal(dm_table_grid_make(t, &g), DM_ELIMIT);
  assert_null(g.at);
  dm_doc_free(doc);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_spans),
      cmocka_unit_test(test_pushed_right),
      cmocka_unit_test(test_limits),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
