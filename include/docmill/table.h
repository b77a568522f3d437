/* SPDX-License-Identifier: MIT */
/*
 * The grid of a table: where each cell stands once the cells spanning rows
 * or columns ("rowspan" / "colspan" attributes, see doc.h) are laid out as
 * HTML lays them out. A writer whose format has no spans (GFM), or spells
 * them per grid place (DOCX's gridSpan and vMerge), needs to know which
 * cell covers which place; one layout here keeps them from disagreeing.
 */
#ifndef DOCMILL_TABLE_H
#define DOCMILL_TABLE_H

#include <stddef.h>

#include "doc.h"
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct dm_table_grid {
  size_t rows, cols;
  /* rows * cols places, row by row: the cell covering each (borrowed from
   * the document), or NULL where no cell does (a short row). */
  const dm_node **at;
  size_t spans; /* cells that span more than one place */
} dm_table_grid;

/* Lays out table (a TABLE node) into grid. A span runs at most to the last
 * row and to 1000 columns, as in HTML; a span that finds its places taken
 * stops short. DM_OK; DM_EUSAGE when table is not a TABLE; DM_ELIMIT when
 * the grid would have more than 2^22 places (the spans are then the
 * writer's to drop, with a warning); DM_ENOMEM. On failure grid is empty.
 * A table whose rows hold no cell has rows and no columns.
 * Release with dm_table_grid_release. */
int dm_table_grid_make(const dm_node *table, dm_table_grid *grid);
/* Frees what grid holds and empties it. NULL-safe. */
void dm_table_grid_release(dm_table_grid *grid);
/* The cell at row r, column c (NULL outside the grid or where none is). */
const dm_node *dm_table_grid_cell(const dm_table_grid *grid, size_t r, size_t c);
/* Whether (r, c) is the first row and column of the cell there. */
int dm_table_grid_is_origin(const dm_table_grid *grid, size_t r, size_t c);
/* How many rows (or, with cols set, columns) the cell at its origin (r, c)
 * covers in the grid: 1 for an unspanned cell, 0 where no cell is. */
size_t dm_table_grid_span(const dm_table_grid *grid, size_t r, size_t c, int cols);

#ifdef __cplusplus
}
#endif

#endif
