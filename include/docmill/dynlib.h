/* SPDX-License-Identifier: MIT */
/*
 * Loading a shared library at run time, for plugins that call a large
 * library on one path only (libxml2 for reading XML, poppler-glib for PDF):
 * linked, such a library is loaded and relocated in every docmill process,
 * whatever it converts; opened on first use, only the conversions that need
 * it pay. A plugin describes the library once, as a dm_dynlib holding the
 * shared-object name and a table of symbol names with where each address
 * goes in a struct of function pointers, and calls dm_dynlib_load before
 * every use. The first call, in any thread, opens the library and resolves
 * every symbol; the others only return its outcome. A library is opened
 * once per process and never closed: libraries of this kind keep global
 * state (parser initialisation, GLib's type system) that must outlive every
 * use, and a plugin may be used again at any time.
 *
 *   typedef struct { int (*ParseChunk)(void *, const char *, int, int); } my_fns;
 *   static my_fns my;
 *   static const dm_dynlib_symbol my_syms[] = {DM_DYNLIB_SYMBOL(my_fns, ParseChunk, "xmlParseChunk")};
 *   static dm_dynlib my_lib = {"libxml2", "libxml2.so.2", "reading XML", my_syms, 1, &my, sizeof my};
 *   ...
 *   if ((rc = dm_dynlib_load(ctx, &my_lib)) != DM_OK) return rc;
 *   my.ParseChunk(...);
 */
#ifndef DOCMILL_DYNLIB_H
#define DOCMILL_DYNLIB_H

#include <stddef.h>

#include "ctx.h"
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One function of the library: its symbol name, and the offset in the
 * caller's table of the function pointer that receives its address. */
typedef struct dm_dynlib_symbol {
  const char *name;
  size_t offset;
} dm_dynlib_symbol;

/* The entry for the function pointer FIELD of the table type TYPE, filled
 * from the library's symbol NAME (a string). */
#define DM_DYNLIB_SYMBOL(type, field, name)                                                                            \
  { (name), offsetof(type, field) }

/* Flags. DM_DYNLIB_LAZY resolves the library's own internal references on
 * first call (RTLD_LAZY) rather than all at once: for a library of
 * thousands of functions of which the plugin calls a few. The symbols of
 * the table are resolved at load either way. */
#define DM_DYNLIB_LAZY 1

/* A library to load. The first eight members are the plugin's description
 * (set them in a static initializer; the struct lives as long as the
 * process); the members after them are the loader's and start zeroed. */
typedef struct dm_dynlib {
  const char *name;                /* for people: "libxml2" */
  const char *soname;              /* what dlopen is given: "libxml2.so.2" */
  const char *purpose;             /* what needs it, for the message: "reading XML" */
  const dm_dynlib_symbol *symbols; /* the functions to resolve, all required */
  size_t nsymbols;
  void *table;       /* the caller's struct of function pointers */
  size_t table_size; /* its size in bytes */
  /* Called once, after every symbol resolved and before the table is
   * published, with the filled table: a library's own set-up
   * (xmlInitParser, a log handler). It runs while the loader holds its
   * lock, so it is never run twice nor at the same time as another
   * library's on_load. May be NULL. */
  void (*on_load)(void *table);
  int flags; /* DM_DYNLIB_* */
  /* The loader's: 0 not tried, 1 loaded, -1 failed (with why in error). */
  int state;
  char error[256];
} dm_dynlib;

/* Opens lib->soname and fills lib->table with the address of every symbol
 * in lib->symbols, once per process; later calls return the first call's
 * outcome without trying again. Safe to call from several threads at once:
 * the table is written completely, and on_load run, before any caller
 * sees DM_OK. Returns DM_OK; DM_EUNSUPPORTED, recorded on ctx (when not
 * NULL) as "<purpose> needs <name> (<soname>), which could not be loaded:
 * <why>", where why is dlopen's message or "<soname>: no symbol <symbol>"
 * (the table is then left untouched and the library closed); DM_EUSAGE for
 * a NULL lib or a description without soname, symbols or table, or a
 * symbol whose pointer would lie outside the table. */
int dm_dynlib_load(dm_ctx *ctx, dm_dynlib *lib);

#ifdef __cplusplus
}
#endif
#endif
