/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * poppler-glib, opened on the reader's first use rather than linked. A
 * docmill command loads every installed plugin at start-up; linked, this
 * module would bring poppler, cairo, GLib and GIO into every run, Markdown
 * to DOCX included, and binding their symbols costs more than reading a
 * short PDF. Opened lazily, only a PDF pays for them. The table holds the
 * functions pdf_read.c calls, under their own names; the types and macros
 * come from the headers, which the build finds for the library it opens.
 */
#ifndef DOCMILL_PLUGIN_PDF_POPPLER_H
#define DOCMILL_PLUGIN_PDF_POPPLER_H

#include <glib.h>
#include <poppler.h>

#include <docmill/docmill.h>

typedef struct pdf_poppler {
  PopplerDocument *(*document_new_from_bytes)(GBytes *, const char *, GError **);
  int (*document_get_n_pages)(PopplerDocument *);
  PopplerPage *(*document_get_page)(PopplerDocument *, int);
  void (*page_get_size)(PopplerPage *, double *, double *);
  char *(*page_get_text_for_area)(PopplerPage *, PopplerRectangle *);
  gboolean (*page_get_text_layout_for_area)(PopplerPage *, PopplerRectangle *, PopplerRectangle **, guint *);
  GList *(*page_get_text_attributes_for_area)(PopplerPage *, PopplerRectangle *);
  void (*page_free_text_attributes)(GList *);
  GList *(*page_get_image_mapping)(PopplerPage *);
  void (*page_free_image_mapping)(GList *);
  GQuark (*error_quark)(void);
  guint (*log_set_handler)(const gchar *, GLogLevelFlags, GLogFunc, gpointer);
  GBytes *(*bytes_new_static)(gconstpointer, gsize);
  void (*bytes_unref)(GBytes *);
  void (*object_unref)(gpointer);
  void (*error_free)(GError *);
  void (*free)(gpointer);
} pdf_poppler;

/* The loaded functions; valid after pdf_poppler_load returned DM_OK. */
extern pdf_poppler pdf_pop;

/* Opens poppler-glib once per process through dm_dynlib_load (it stays
 * open: GLib keeps global state). DM_OK, or DM_EUNSUPPORTED with a message
 * naming the library. */
int pdf_poppler_load(dm_ctx *ctx);

#endif
