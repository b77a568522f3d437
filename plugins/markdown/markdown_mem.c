/* SPDX-License-Identifier: MIT */
/*
 * cmark-gfm's allocator, charged to the conversion's memory budget. cmark
 * aborts the process when an allocation fails, so a refused charge cannot
 * simply return NULL: while a parser runs (dmi_md_feed, dmi_md_finish) it
 * jumps back out of the library instead, and the parser is abandoned, never
 * touched again. To free what it held, every block cmark allocates is on a
 * list of this thread's, and dmi_md_sweep frees what is left on it once the
 * reader has let go of its finished trees. Outside a parse (a getter that
 * copies a string), a refused charge still allocates: the budget is marked
 * exceeded and the reader fails at its next allocation of its own.
 */
#include <setjmp.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "markdown.h"

typedef struct md_block {
  struct md_block *prev, *next;
  size_t size;
} md_block;

/* The header keeps the payload as aligned as malloc's own. */
#define MD_HDR ((sizeof(md_block) + alignof(max_align_t) - 1) & ~(alignof(max_align_t) - 1))

typedef struct md_state {
  md_block head; /* circular list of live blocks */
  jmp_buf *jump; /* set while a parser runs */
  int poisoned;  /* a parse was abandoned: blocks to sweep, parsers dead */
} md_state;

static _Thread_local md_state md;

static void md_link(md_block *b) {
  if (!md.head.next) md.head.next = md.head.prev = &md.head;
  b->next = md.head.next;
  b->prev = &md.head;
  md.head.next->prev = b;
  md.head.next = b;
}

static void md_unlink(md_block *b) {
  b->prev->next = b->next;
  b->next->prev = b->prev;
}

/* The budget refused, or malloc failed: out of the parse if there is one. */
static void md_refused(void) {
  if (md.jump) {
    md.poisoned = 1;
    longjmp(*md.jump, 1);
  }
}

static void *md_calloc(size_t n, size_t size) {
  if (size && n > (SIZE_MAX - MD_HDR) / size) abort(); /* cmark never asks this */
  size_t bytes = n * size;
  if (dm_budget_charge(bytes + MD_HDR) != DM_OK) md_refused();
  md_block *b = calloc(1, MD_HDR + bytes);
  if (!b) {
    dm_budget_release(bytes + MD_HDR);
    md_refused();
    return NULL; /* cmark reports it and aborts: nothing else to do */
  }
  b->size = bytes;
  md_link(b);
  return (char *)b + MD_HDR;
}

static void *md_realloc(void *p, size_t size) {
  if (!p) return md_calloc(1, size);
  if (size > SIZE_MAX - MD_HDR) abort();
  md_block *b = (md_block *)((char *)p - MD_HDR);
  size_t old = b->size;
  if (size > old && dm_budget_charge(size - old) != DM_OK) md_refused();
  md_unlink(b);
  md_block *nb = realloc(b, MD_HDR + size);
  if (!nb) {
    md_link(b);
    if (size > old) dm_budget_release(size - old);
    md_refused();
    return NULL;
  }
  if (size < old) dm_budget_release(old - size);
  nb->size = size;
  md_link(nb);
  return (char *)nb + MD_HDR;
}

static void md_free(void *p) {
  if (!p) return;
  md_block *b = (md_block *)((char *)p - MD_HDR);
  md_unlink(b);
  dm_budget_release(b->size + MD_HDR);
  free(b);
}

static cmark_mem md_mem = {md_calloc, md_realloc, md_free};

cmark_parser *dmi_md_parser_new(int options) {
  if (md.poisoned) return NULL;
  return cmark_parser_new_with_mem(options, &md_mem);
}

void dmi_md_feed(cmark_parser *p, const char *s, size_t len) {
  if (md.poisoned || !p) return;
  jmp_buf jb;
  if (setjmp(jb) == 0) {
    md.jump = &jb;
    cmark_parser_feed(p, s, len);
  }
  md.jump = NULL;
}

/* Written apart from dmi_md_finish so that no local of the caller is
 * modified between setjmp and longjmp. */
static cmark_node *md_finish(cmark_parser *p) {
  cmark_node *volatile doc = NULL;
  jmp_buf jb;
  if (setjmp(jb) == 0) {
    md.jump = &jb;
    doc = cmark_parser_finish(p);
  }
  md.jump = NULL;
  return doc;
}

cmark_node *dmi_md_finish(cmark_parser *p) {
  if (md.poisoned || !p) return NULL;
  cmark_node *doc = md_finish(p);
  if (md.poisoned) return NULL;
  cmark_parser_free(p);
  return doc;
}

void dmi_md_parser_free(cmark_parser *p) {
  if (p && !md.poisoned) cmark_parser_free(p);
}

int dmi_md_sweep(void) {
  int was = md.poisoned;
  if (was && md.head.next) {
    while (md.head.next != &md.head) {
      md_block *b = md.head.next;
      md_unlink(b);
      free(b);
    }
  }
  md.poisoned = 0;
  return was;
}
