/* SPDX-License-Identifier: MIT */
/*
 * The memory budget of a conversion. dm_read starts it (dm_limits'
 * max_memory, by default 64 times the input or 2 GiB, whichever is larger)
 * and dm_write keeps charging it; the document's arena charges every chunk,
 * and a plugin charges what its libraries allocate through the hooks they
 * offer (cmark-gfm's cmark_mem, for one). A reader or writer that fails once
 * the budget is exceeded fails with DM_ELIMIT and the message "needs more
 * than N MiB; raise --limit memory", whatever it said itself. The budget
 * belongs to the thread running the conversion: a batch's workers each
 * have their own.
 */
#ifndef DOCMILL_BUDGET_H
#define DOCMILL_BUDGET_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Charges n bytes to the budget of the conversion running on this thread.
 * DM_OK, or DM_ELIMIT when they would take it past its limit: the bytes are
 * then not charged, the budget is marked exceeded and the caller should
 * fail (an allocator returns NULL). Outside dm_read and dm_write there is
 * no budget and every charge succeeds. */
int dm_budget_charge(size_t n);
/* Gives back n bytes charged before (freed memory). */
void dm_budget_release(size_t n);
/* Whether a charge was refused since the conversion began (this thread). */
int dm_budget_exceeded(void);
/* The limit in force on this thread, in bytes; 0 outside a conversion. */
uint64_t dm_budget_limit(void);

#ifdef __cplusplus
}
#endif
#endif
