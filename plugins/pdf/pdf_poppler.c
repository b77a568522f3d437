/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Opens poppler-glib by the shared-object name of the library the build
 * compiled against (DM_POPPLER_GLIB_SONAME, found by CMakeLists.txt), once
 * per process, and looks up the functions of pdf_poppler.h. GLib's
 * functions are found through the same handle: poppler-glib depends on
 * GLib, and dlsym searches a library's dependencies too. The poppler log
 * handler is installed here as well, before any document is opened.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "pdf_poppler.h"

#ifndef DM_POPPLER_GLIB_SONAME
#error "the build defines DM_POPPLER_GLIB_SONAME (plugins/pdf/CMakeLists.txt)"
#endif

pdf_poppler pdf_pop;

static pthread_once_t pdf_poppler_once = PTHREAD_ONCE_INIT;
static char pdf_poppler_error[256]; /* empty when loaded */

#define PDF_SYM(prefix, f)                                                                                             \
  { prefix #f, offsetof(pdf_poppler, f) }
static const struct {
  const char *name;
  size_t offset;
} pdf_poppler_syms[] = {
    PDF_SYM("poppler_", document_new_from_bytes),
    PDF_SYM("poppler_", document_get_n_pages),
    PDF_SYM("poppler_", document_get_page),
    PDF_SYM("poppler_", page_get_size),
    PDF_SYM("poppler_", page_get_text_for_area),
    PDF_SYM("poppler_", page_get_text_layout_for_area),
    PDF_SYM("poppler_", page_get_text_attributes_for_area),
    PDF_SYM("poppler_", page_free_text_attributes),
    PDF_SYM("poppler_", page_get_image_mapping),
    PDF_SYM("poppler_", page_free_image_mapping),
    PDF_SYM("poppler_", error_quark),
    PDF_SYM("g_", log_set_handler),
    PDF_SYM("g_", bytes_new_static),
    PDF_SYM("g_", bytes_unref),
    PDF_SYM("g_", object_unref),
    PDF_SYM("g_", error_free),
    PDF_SYM("g_", free),
};

void pdf_poppler_log(const gchar *domain, GLogLevelFlags level, const gchar *msg, gpointer data);

static void pdf_poppler_open(void) {
  /* RTLD_LAZY: of poppler's thousands of functions the reader calls a few
   * dozen; RTLD_LOCAL keeps them out of the global scope */
  void *h = dlopen(DM_POPPLER_GLIB_SONAME, RTLD_LAZY | RTLD_LOCAL);
  if (!h) {
    const char *e = dlerror();
    snprintf(pdf_poppler_error, sizeof pdf_poppler_error, "%s", e ? e : "unknown error");
    return;
  }
  pdf_poppler t;
  for (size_t i = 0; i < sizeof pdf_poppler_syms / sizeof pdf_poppler_syms[0]; i++) {
    void *sym = dlsym(h, pdf_poppler_syms[i].name);
    if (!sym) {
      snprintf(pdf_poppler_error, sizeof pdf_poppler_error, "%s: no symbol %s", DM_POPPLER_GLIB_SONAME,
               pdf_poppler_syms[i].name);
      dlclose(h);
      return;
    }
    /* POSIX: a function pointer has the representation of void * */
    memcpy((char *)&t + pdf_poppler_syms[i].offset, &sym, sizeof sym);
  }
  t.log_set_handler("Poppler", (GLogLevelFlags)(G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION),
                    pdf_poppler_log, NULL);
  pdf_pop = t;
}

int pdf_poppler_load(dm_ctx *ctx) {
  pthread_once(&pdf_poppler_once, pdf_poppler_open);
  if (!pdf_poppler_error[0]) return DM_OK;
  return dm_error(ctx, DM_EUNSUPPORTED, "reading PDF needs poppler-glib (%s), which could not be loaded: %s",
                  DM_POPPLER_GLIB_SONAME, pdf_poppler_error);
}
