/* SPDX-License-Identifier: MIT */
/*
 * The cmocka group fixture most unit tests share: a registry of the
 * built-in formats and a context over it, made in the group's setup and
 * freed in its teardown. Header-only so each test executable stays one
 * source file.
 */
#ifndef DOCMILL_TESTS_DMT_FIXTURE_H
#define DOCMILL_TESTS_DMT_FIXTURE_H

#include <stdlib.h>

#include "docmill/docmill.h"

typedef struct fixture {
  dm_registry *reg;
  dm_ctx *ctx;
} fixture;

static inline int setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  if (!f) return -1;
  f->reg = dm_registry_new_builtin();
  f->ctx = f->reg ? dm_ctx_new(f->reg) : NULL;
  *state = f;
  return f->ctx ? 0 : -1;
}

static inline int teardown(void **state) {
  fixture *f = *state;
  dm_ctx_free(f->ctx);
  dm_registry_free(f->reg);
  free(f);
  return 0;
}

#endif
