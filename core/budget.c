/* SPDX-License-Identifier: MIT */
/*
 * The memory budget of the conversion running on this thread (see
 * include/docmill/budget.h). Thread-local because the allocators that
 * charge it (cmark-gfm's cmark_mem, the arena) are given no context, and a
 * batch runs one conversion per worker thread.
 */
#include "internal.h"

typedef struct budget {
  uint64_t limit;
  uint64_t used;
  int active; /* inside dm_read, a transform or dm_write: charges count */
  int exceeded;
} budget;

static _Thread_local budget cur;

/* 64 times the input, but never less than this. */
#define BUDGET_FLOOR ((uint64_t)2 << 30)

uint64_t dmi_budget_default(uint64_t max_memory, size_t input_size) {
  if (max_memory) return max_memory;
  uint64_t b = (uint64_t)input_size > UINT64_MAX / 64 ? UINT64_MAX : (uint64_t)input_size * 64;
  return b > BUDGET_FLOOR ? b : BUDGET_FLOOR;
}

void dmi_budget_begin(uint64_t limit) {
  cur.limit = limit;
  cur.used = 0;
}

void dmi_budget_enter(uint64_t max_memory) {
  if (!cur.limit) cur.limit = dmi_budget_default(max_memory, 0);
  cur.active = 1;
  cur.exceeded = 0;
}

void dmi_budget_leave(void) { cur.active = 0; }

int dm_budget_charge(size_t n) {
  if (!cur.active) return DM_OK;
  if (n > cur.limit - (cur.used < cur.limit ? cur.used : cur.limit)) {
    cur.exceeded = 1;
    return DM_ELIMIT;
  }
  cur.used += n;
  return DM_OK;
}

void dm_budget_release(size_t n) {
  if (cur.active) cur.used = n < cur.used ? cur.used - n : 0;
}

int dm_budget_exceeded(void) { return cur.exceeded; }

uint64_t dm_budget_limit(void) { return cur.active ? cur.limit : 0; }

int dmi_budget_error(dm_ctx *ctx) {
  dm_ctx_clear_error(ctx);
  return dm_error(ctx, DM_ELIMIT, "needs more than %llu MiB; raise --limit memory",
                  (unsigned long long)((cur.limit + (1u << 20) - 1) >> 20));
}
