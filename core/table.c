/* SPDX-License-Identifier: MIT */
/*
 * The table grid of table.h: HTML's table layout reduced to what the model
 * holds. Each cell takes the first free place of its row, then every place
 * of its rowspan x colspan block that is still free. Run twice: once to
 * count the columns, once to fill the places.
 */
#include <stdlib.h>
#include <string.h>

#include "docmill/table.h"
#include "internal.h"

#define GRID_MAX_PLACES ((size_t)1 << 22)
#define GRID_MAX_COLSPAN 1000

static size_t grid_span_attr(const dm_node *cell, const char *key, size_t max) {
  const char *v = dm_node_attr(cell, key);
  size_t n = 0;
  for (; v && *v >= '0' && *v <= '9' && n <= max; v++)
    n = n * 10 + (size_t)(*v - '0');
  if (n < 1) n = 1;
  return n > max ? max : n;
}

/* busy[c]: the first row at which column c is free again; grown as
 * cells reach further right (rowspans from above push a row's cells to
 * the right, so no single row tells the width). With at set, fills it
 * (cols columns). Returns the number of columns used, or 0 when out of
 * memory or past the limit (*rc says which). */
static size_t grid_layout(const dm_node *table, size_t rows, const dm_node **at, size_t cols, size_t *spans, int *rc) {
  size_t used = 0, r = 0, nbusy = 0, *busy = NULL;
  for (const dm_node *row = dm_node_first_child(table); row; row = dm_node_next(row), r++) {
    size_t c = 0;
    for (const dm_node *cell = dm_node_first_child(row); cell; cell = dm_node_next(cell)) {
      size_t rs = grid_span_attr(cell, "rowspan", rows - r), cs = grid_span_attr(cell, "colspan", GRID_MAX_COLSPAN);
      while (c < nbusy && busy[c] > r)
        c++;
      if (c + cs > nbusy) {
        size_t want = nbusy ? nbusy : 16;
        while (want < c + cs)
          want *= 2;
        size_t *nb = want <= GRID_MAX_PLACES ? realloc(busy, want * sizeof *nb) : NULL;
        if (!nb) {
          free(busy);
          *rc = want <= GRID_MAX_PLACES ? DM_ENOMEM : DM_ELIMIT;
          return 0;
        }
        memset(nb + nbusy, 0, (want - nbusy) * sizeof *nb);
        busy = nb;
        nbusy = want;
      }
      if (spans && (rs > 1 || cs > 1)) (*spans)++;
      for (size_t k = 0; k < cs && busy[c] <= r; k++, c++) {
        busy[c] = r + rs;
        for (size_t i = 0; at && i < rs && c < cols; i++)
          at[(r + i) * cols + c] = cell;
        if (c + 1 > used) used = c + 1;
      }
    }
  }
  free(busy);
  return used;
}

int dm_table_grid_make(const dm_node *table, dm_table_grid *grid) {
  memset(grid, 0, sizeof *grid);
  if (!table || dm_node_type_of(table) != DM_NODE_TABLE) return DM_EUSAGE;
  size_t rows = 0;
  for (const dm_node *row = dm_node_first_child(table); row; row = dm_node_next(row))
    rows++;
  int rc = DM_OK;
  size_t cols = rows ? grid_layout(table, rows, NULL, 0, NULL, &rc) : 0;
  if (rc != DM_OK) return rc;
  grid->rows = rows;
  if (!cols) return DM_OK; /* rows without cells */
  const dm_node **at = rows <= GRID_MAX_PLACES / cols ? calloc(rows * cols, sizeof *at) : NULL;
  if (at) grid_layout(table, rows, at, cols, &grid->spans, &rc);
  if (!at || rc != DM_OK) {
    free(at);
    memset(grid, 0, sizeof *grid);
    return rc != DM_OK ? rc : rows <= GRID_MAX_PLACES / cols ? DM_ENOMEM : DM_ELIMIT;
  }
  grid->cols = cols;
  grid->at = at;
  return DM_OK;
}

void dm_table_grid_release(dm_table_grid *grid) {
  if (!grid) return;
  free(grid->at);
  memset(grid, 0, sizeof *grid);
}

const dm_node *dm_table_grid_cell(const dm_table_grid *g, size_t r, size_t c) {
  return g && r < g->rows && c < g->cols ? g->at[r * g->cols + c] : NULL;
}

int dm_table_grid_is_origin(const dm_table_grid *g, size_t r, size_t c) {
  const dm_node *cell = dm_table_grid_cell(g, r, c);
  return cell && (r == 0 || dm_table_grid_cell(g, r - 1, c) != cell) &&
         (c == 0 || dm_table_grid_cell(g, r, c - 1) != cell);
}

size_t dm_table_grid_span(const dm_table_grid *g, size_t r, size_t c, int cols) {
  const dm_node *cell = dm_table_grid_cell(g, r, c);
  size_t n = 0;
  while (cell && dm_table_grid_cell(g, cols ? r : r + n, cols ? c + n : c) == cell)
    n++;
  return n;
}
