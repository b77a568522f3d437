/* SPDX-License-Identifier: MIT */
/*
 * The run-time library loader of dynlib.h: the one place docmill calls
 * dlopen for a library a plugin uses (the registry's dlopen of plugin
 * modules is another matter). Every dm_dynlib is loaded under one lock,
 * held by the library: pthread_once cannot carry the descriptor to its
 * routine, and a lock per descriptor would put pthread types into the
 * public header. Loading happens a handful of times per process, so the
 * lock is never contended in a way that matters.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "docmill/dynlib.h"

static pthread_mutex_t dynlib_lock = PTHREAD_MUTEX_INITIALIZER;

/* Opens the library and fills the table; sets lib->state and lib->error.
 * Called with dynlib_lock held. */
static void dynlib_open(dm_dynlib *lib) {
  /* RTLD_LOCAL: the library's symbols stay out of the global scope, where
   * a plugin loaded later could otherwise bind to them by accident. */
  void *h = dlopen(lib->soname, ((lib->flags & DM_DYNLIB_LAZY) ? RTLD_LAZY : RTLD_NOW) | RTLD_LOCAL);
  if (!h) {
    const char *e = dlerror();
    snprintf(lib->error, sizeof lib->error, "%s", e ? e : "unknown error");
    lib->state = -1;
    return;
  }
  for (size_t i = 0; i < lib->nsymbols; i++) {
    void *sym = dlsym(h, lib->symbols[i].name);
    if (!sym) {
      snprintf(lib->error, sizeof lib->error, "%s: no symbol %s", lib->soname, lib->symbols[i].name);
      /* nothing was published: the half-filled table is the caller's
       * storage, but no caller reads it before a DM_OK */
      dlclose(h);
      lib->state = -1;
      return;
    }
    /* POSIX guarantees that a function pointer has the size and
     * representation of void *; the copy avoids converting an object
     * pointer to a function pointer, which ISO C leaves undefined. */
    memcpy((char *)lib->table + lib->symbols[i].offset, &sym, sizeof sym);
  }
  if (lib->on_load) lib->on_load(lib->table);
  lib->state = 1;
}

int dm_dynlib_load(dm_ctx *ctx, dm_dynlib *lib) {
  if (!lib || !lib->soname || !lib->table || (!lib->symbols && lib->nsymbols))
    return dm_error(ctx, DM_EUSAGE, "dm_dynlib_load: an incomplete library description");
  for (size_t i = 0; i < lib->nsymbols; i++)
    if (!lib->symbols[i].name || lib->symbols[i].offset > lib->table_size ||
        lib->table_size - lib->symbols[i].offset < sizeof(void *))
      return dm_error(ctx, DM_EUSAGE, "dm_dynlib_load: symbol %zu of %s lies outside its table", i, lib->soname);
  pthread_mutex_lock(&dynlib_lock);
  if (!lib->state) dynlib_open(lib);
  int state = lib->state;
  pthread_mutex_unlock(&dynlib_lock);
  if (state > 0) return DM_OK;
  return dm_error(ctx, DM_EUNSUPPORTED, "%s needs %s (%s), which could not be loaded: %s",
                  lib->purpose ? lib->purpose : "this conversion", lib->name ? lib->name : lib->soname, lib->soname,
                  lib->error);
}
