/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The functions of pdf_poppler.h, described for libdocmill's run-time
 * loader (docmill/dynlib.h), which opens poppler-glib by the shared-object
 * name of the library the build compiled against (DM_POPPLER_GLIB_SONAME,
 * found by CMakeLists.txt), once per process. GLib's functions are found
 * through the same handle: poppler-glib depends on GLib, and dlsym searches
 * a library's dependencies too. The poppler log handler is installed when
 * the library is loaded, before any document is opened.
 */
#include <stddef.h>

#include "pdf_poppler.h"

#ifndef DM_POPPLER_GLIB_SONAME
#error "the build defines DM_POPPLER_GLIB_SONAME (plugins/pdf/CMakeLists.txt)"
#endif

pdf_poppler pdf_pop;

#define PDF_SYM(prefix, f) DM_DYNLIB_SYMBOL(pdf_poppler, f, prefix #f)
static const dm_dynlib_symbol pdf_poppler_syms[] = {
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

static void pdf_poppler_init(void *table) {
  ((pdf_poppler *)table)
      ->log_set_handler("Poppler", (GLogLevelFlags)(G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION),
                        pdf_poppler_log, NULL);
}

static dm_dynlib pdf_poppler_lib = {
    .name = "poppler-glib",
    .soname = DM_POPPLER_GLIB_SONAME,
    .purpose = "reading PDF",
    .symbols = pdf_poppler_syms,
    .nsymbols = sizeof pdf_poppler_syms / sizeof pdf_poppler_syms[0],
    .table = &pdf_pop,
    .table_size = sizeof pdf_pop,
    .on_load = pdf_poppler_init,
    /* of poppler's thousands of functions the reader calls a few dozen */
    .flags = DM_DYNLIB_LAZY,
};

int pdf_poppler_load(dm_ctx *ctx) { return dm_dynlib_load(ctx, &pdf_poppler_lib); }
