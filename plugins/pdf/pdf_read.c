/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The PDF reader: the module's descriptor, its probe, and the one file that
 * talks to poppler-glib. It opens the document from the bytes docmill read
 * (no copy), and for each page takes poppler's text, the box of every
 * character and the runs of font name and size, turns them into pdf_char
 * records and hands the page to the layout passes; the page's poppler
 * objects are freed before the next one is read, so memory follows one page
 * plus the document being built. An encrypted file that needs a password,
 * a damaged one, and one without any text (a scan) each end in one error;
 * what poppler itself complains about is caught through its log domain and
 * becomes warnings, never printed raw. GLib stays in this file: nothing of
 * it reaches the document model.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"
#include "pdf_poppler.h"

/* At most this many of poppler's messages are shown one by one. */
#define PDF_MAX_POPPLER_MSGS 5

/* What poppler logged during the conversion running on this thread (it
 * logs from inside the calls this file makes, on the same thread): kept,
 * not printed, and given to the user as warnings after a successful read,
 * or as the reason in the error of a failed one. */
typedef struct pdf_log_buf {
  char msg[PDF_MAX_POPPLER_MSGS][200];
  size_t n, total;
} pdf_log_buf;

static _Thread_local pdf_log_buf *pdf_current_log;

void pdf_poppler_log(const gchar *domain, GLogLevelFlags level, const gchar *msg, gpointer data);
void pdf_poppler_log(const gchar *domain, GLogLevelFlags level, const gchar *msg, gpointer data) {
  (void)domain, (void)level, (void)data;
  pdf_log_buf *b = pdf_current_log;
  if (!b) return; /* outside a conversion: nobody to tell, and never stderr */
  b->total++;
  for (size_t i = 0; i < b->n; i++)
    if (strncmp(b->msg[i], msg ? msg : "?", sizeof b->msg[i] - 1) == 0) return;
  if (b->n < PDF_MAX_POPPLER_MSGS) snprintf(b->msg[b->n++], sizeof b->msg[0], "%s", msg ? msg : "?");
}

/* The first thing poppler said, as the reason of an error ("" if none). */
static const char *pdf_why(char *buf, size_t size) {
  pdf_log_buf *b = pdf_current_log;
  if (!b || !b->n) return "";
  snprintf(buf, size, " (poppler: %s)", b->msg[0]);
  return buf;
}

/* ---- probe ----------------------------------------------------------------- */

/* "%PDF-" opens the file; readers accept up to 1 KiB of junk before it. */
static int pdf_probe(const dm_input *in) {
  size_t n = in->size < 1024 ? in->size : 1024;
  for (size_t i = 0; i + 5 <= n; i++)
    if (memcmp(in->data + i, "%PDF-", 5) == 0) return i == 0 ? DM_PROBE_SCORE_MAX : 90;
  return 0;
}

/* ---- one page -------------------------------------------------------------- */

static uint8_t pdf_font_style(const char *name) {
  uint8_t st = 0;
  char low[256];
  size_t n = 0;
  for (; name && name[n] && n + 1 < sizeof low; n++)
    low[n] = (name[n] >= 'A' && name[n] <= 'Z') ? (char)(name[n] - 'A' + 'a') : name[n];
  low[n] = '\0';
  if (strstr(low, "bold") || strstr(low, "black") || strstr(low, "heavy") || strstr(low, "demi")) st |= PDF_ST_BOLD;
  if (strstr(low, "italic") || strstr(low, "oblique") || strstr(low, "slant")) st |= PDF_ST_ITALIC;
  if (strstr(low, "barcode") || strstr(low, "3of9") || strstr(low, "3 of 9") || strstr(low, "code39"))
    st |= PDF_ST_BARCODE;
  return st;
}

/* Fills pg from poppler's text, character boxes and attribute runs. */
/* A character of the first selection, for finding it again in the second. */
typedef struct pdf_key {
  float x1, y1;
  uint32_t cp;
} pdf_key;

static int pdf_cmp_key(const void *a, const void *b) {
  const pdf_key *p = a, *q = b;
  if (p->y1 != q->y1) return p->y1 < q->y1 ? -1 : 1;
  if (p->x1 != q->x1) return p->x1 < q->x1 ? -1 : 1;
  return p->cp < q->cp ? -1 : p->cp > q->cp;
}

/* The code point at text[*off], which is moved past it. */
static uint32_t pdf_next_cp(const char *text, size_t len, size_t *off) {
  uint32_t cp;
  int n = dm_utf8_decode((const unsigned char *)text + *off, len - *off, &cp);
  *off += n > 0 ? (size_t)n : 1;
  return cp;
}

/* Whether cp is a directional embedding mark poppler wraps runs in. */
static int pdf_bidi_mark(uint32_t cp) { return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069); }

/* poppler gives the letters of a right-to-left word in reading order but
 * their boxes in the order of the page, left to right: within each such
 * word (a run of characters, one at least right-to-left, whose boxes
 * follow each other without a gap) the boxes are turned round, so that
 * each letter gets its own. Left as they are when out of memory. */
static void pdf_rtl_boxes(const char *text, size_t len, PopplerRectangle *rects, guint nrects) {
  uint32_t *cp = malloc(nrects * sizeof *cp);
  if (!cp) return;
  size_t n = 0, off = 0;
  while (n < nrects && off < len) {
    uint32_t c = pdf_next_cp(text, len, &off);
    if (!pdf_bidi_mark(c)) cp[n++] = c;
  }
  for (size_t a = 0; a < n;) {
    size_t b = a;
    int rtl = 0, joined = 1;
    while (b < n && cp[b] != ' ' && cp[b] != '\n') {
      rtl |= dm_unicode_is_rtl(cp[b]);
      if (b > a && fabs(rects[b].x1 - rects[b - 1].x2) > 0.5) joined = 0;
      b++;
    }
    for (size_t i = a, j = b ? b - 1 : 0; rtl && joined && i < j; i++, j--) {
      PopplerRectangle t = rects[i];
      rects[i] = rects[j];
      rects[j] = t;
    }
    a = b + 1;
  }
  free(cp);
}

/* Adds to pg the characters poppler selects in area, leaving out those
 * keys (sorted, nkeys of them) says an earlier selection already gave. */
static void pdf_load_area(PopplerPage *page, PopplerRectangle *area, pdf_page *pg, const pdf_key *keys, size_t nkeys) {
  gchar *text = pdf_pop.page_get_text_for_area(page, area);
  PopplerRectangle *rects = NULL;
  guint nrects = 0;
  if (!text || !pdf_pop.page_get_text_layout_for_area(page, area, &rects, &nrects)) nrects = 0;
  size_t len = text ? strlen(text) : 0, off = 0;
  if (nrects) pdf_rtl_boxes(text, len, rects, nrects);
  GList *attrs = nrects ? pdf_pop.page_get_text_attributes_for_area(page, area) : NULL;
  GList *a = attrs;
  uint8_t style = 0;
  const PopplerTextAttributes *cur = NULL;
  for (guint i = 0; i < nrects && off < len && !pg->failed; i++) {
    uint32_t cp = pdf_next_cp(text, len, &off);
    /* poppler wraps right-to-left runs of its text in embedding marks
     * that have no box of their own: they take no rectangle */
    while (off < len && pdf_bidi_mark(cp))
      cp = pdf_next_cp(text, len, &off);
    if (pdf_bidi_mark(cp)) break;
    if (cp == '\n') {
      if (pg->nchars) pg->brk[pg->nchars - 1] = 1;
      continue;
    }
    while (a && ((const PopplerTextAttributes *)a->data)->end_index < (gint)i)
      a = a->next;
    if (a && a->data != cur) {
      cur = a->data;
      style = pdf_font_style(cur->font_name);
    }
    pdf_char c = {.cp = cp,
                  .x1 = (float)rects[i].x1,
                  .y1 = (float)rects[i].y1,
                  .x2 = (float)rects[i].x2,
                  .y2 = (float)rects[i].y2,
                  .size = cur ? (float)cur->font_size : (float)(rects[i].y2 - rects[i].y1),
                  .style = style,
                  .space = cp == ' ' || cp == 0x3000};
    pdf_key k = {c.x1, c.y1, c.cp};
    if (nkeys && bsearch(&k, keys, nkeys, sizeof k, pdf_cmp_key)) continue;
    pdf_page_add(pg, &c);
  }
  pdf_pop.page_free_text_attributes(attrs);
  pdf_pop.free(rects);
  pdf_pop.free(text);
}

/* The page's characters. poppler's text is a selection from one corner of
 * the page to the other, and where right-to-left text is laid out the
 * selection from the top left misses lines that the one from the top right
 * holds, and the other way round: such a page is read both ways and the
 * union kept. Returns whether the two selections differed. */
static int pdf_load_page(PopplerPage *page, pdf_page *pg) {
  PopplerRectangle area = {0, 0, pg->width, pg->height};
  pdf_load_area(page, &area, pg, NULL, 0);
  size_t n = pg->nchars, rtl = 0;
  for (size_t i = 0; i < n; i++)
    rtl += dm_unicode_is_rtl(pg->chars[i].cp) ? 1 : 0;
  if (!rtl || pg->failed) return 0;
  pdf_key *keys = malloc(n * sizeof *keys);
  if (!keys) {
    pg->failed = 1;
    return 0;
  }
  for (size_t i = 0; i < n; i++)
    keys[i] = (pdf_key){pg->chars[i].x1, pg->chars[i].y1, pg->chars[i].cp};
  qsort(keys, n, sizeof *keys, pdf_cmp_key);
  if (n) pg->brk[n - 1] = 1;
  PopplerRectangle back = {pg->width, 0, 0, pg->height};
  pdf_load_area(page, &back, pg, keys, n);
  free(keys);
  return pg->nchars != n;
}

static int pdf_has_images(PopplerPage *page) {
  GList *m = pdf_pop.page_get_image_mapping(page);
  int any = m != NULL;
  pdf_pop.page_free_image_mapping(m);
  return any;
}

static int pdf_do_page(pdf_state *st, PopplerDocument *pd, int i, pdf_page *pg, int *images) {
  PopplerPage *page = pdf_pop.document_get_page(pd, i);
  char why[256];
  if (!page)
    return dm_error(st->ctx, DM_EFORMAT, "damaged PDF: page %d cannot be read%s", i + 1, pdf_why(why, sizeof why));
  double w = 0, h = 0;
  pdf_pop.page_get_size(page, &w, &h);
  long long max = dm_option_int(st->ctx, "max-page-size");
  if (w > (double)max || h > (double)max) {
    pdf_pop.object_unref(page);
    return dm_error(st->ctx, DM_ELIMIT, "page %d is %.0f x %.0f pt, larger than %lld pt (--option pdf.max-page-size)",
                    i + 1, w, h, max);
  }
  pdf_page_reset(pg);
  pg->width = (float)w;
  pg->height = (float)h;
  pg->index = i;
  st->rtl_pages += pdf_load_page(page, pg);
  if (!pg->nchars && pdf_has_images(page)) (*images)++;
  pdf_pop.object_unref(page);
  if (pg->failed) return dm_error(st->ctx, DM_ENOMEM, "out of memory");
  /* which script the text is in, for joining lines (pdf_join) */
  for (size_t k = 0; k < pg->nchars; k++) {
    uint32_t cp = pg->chars[k].cp;
    if (dm_unicode_is_cjk(cp))
      st->cjk++;
    else if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z'))
      st->latin++;
  }
  pdf_lines_build(pg);
  if (pg->failed) return dm_error(st->ctx, DM_ENOMEM, "out of memory");
  st->glitches += pg->glitches;
  pdf_page_classify(st, pg);
  if (st->failed || pdf_build_page(st, pg) != DM_OK) return dm_error(st->ctx, DM_ENOMEM, "out of memory");
  return DM_OK;
}

/* ---- the document ------------------------------------------------------------- */

static int pdf_open_error(pdf_state *st, GError *err) {
  int enc = err && err->domain == pdf_pop.error_quark() && err->code == POPPLER_ERROR_ENCRYPTED;
  char why[256];
  int rc = enc ? dm_error(st->ctx, DM_EFORMAT, "encrypted PDF: it needs a password; decrypt it first")
               : dm_error(st->ctx, DM_EFORMAT, "damaged PDF: %s%s", err && err->message ? err->message : "unreadable",
                          pdf_why(why, sizeof why));
  if (err) pdf_pop.error_free(err);
  return rc;
}

static int pdf_pages(pdf_state *st, PopplerDocument *pd) {
  int n = pdf_pop.document_get_n_pages(pd);
  long long max = dm_option_int(st->ctx, "max-pages");
  if (n <= 0) return dm_error(st->ctx, DM_EFORMAT, "damaged PDF: no pages");
  if (n > max)
    return dm_error(st->ctx, DM_ELIMIT, "the PDF has %d pages, more than %lld (--option pdf.max-pages)", n, max);
  pdf_page pg;
  memset(&pg, 0, sizeof pg);
  int images = 0, rc = DM_OK;
  for (int i = 0; i < n && rc == DM_OK; i++)
    rc = pdf_do_page(st, pd, i, &pg, &images);
  pdf_page_release(&pg);
  if (rc != DM_OK) return rc;
  if (!dm_node_first_child(dm_doc_root(st->doc)) && !st->nnotes) {
    if (images)
      return dm_error(st->ctx, DM_EFORMAT, "no text layer; run OCR first (%d of %d pages hold only images)", images, n);
    return dm_error(st->ctx, DM_EFORMAT, "no text on any of its %d pages", n);
  }
  if (st->rtl_pages &&
      dm_warn(st->ctx, DM_DIAG_OTHER, dm_pos_offset(DM_NO_OFFSET),
              "right-to-left text: on %zu pages poppler's selection of the text depends on its direction; both were "
              "read and joined, and text neither held would be missing",
              st->rtl_pages) != DM_OK)
    return DM_ENOMEM;
  if (st->glitches && dm_warn(st->ctx, DM_DIAG_OTHER, dm_pos_offset(DM_NO_OFFSET),
                              "%zu Latin letters or digits inside Arabic words left out: glyphs the font maps to them",
                              st->glitches) != DM_OK)
    return DM_ENOMEM;
  return pdf_build_finish(st);
}

static int pdf_read(dm_ctx *ctx, void *priv, const dm_input *in, dm_doc *doc) {
  (void)priv;
  int loaded = pdf_poppler_load(ctx);
  if (loaded != DM_OK) return loaded;
  pdf_state st;
  memset(&st, 0, sizeof st);
  st.ctx = ctx;
  st.doc = doc;
  pdf_log_buf log;
  memset(&log, 0, sizeof log);
  pdf_current_log = &log;
  GBytes *bytes = pdf_pop.bytes_new_static(in->data, in->size);
  GError *err = NULL;
  PopplerDocument *pd = pdf_pop.document_new_from_bytes(bytes, NULL, &err);
  int rc = pd ? pdf_pages(&st, pd) : pdf_open_error(&st, err);
  if (pd) pdf_pop.object_unref(pd);
  pdf_pop.bytes_unref(bytes);
  pdf_current_log = NULL;
  for (size_t i = 0; rc == DM_OK && i < log.n; i++)
    rc = dm_warn(ctx, DM_DIAG_OTHER, dm_pos_offset(DM_NO_OFFSET), "poppler: %s", log.msg[i]);
  if (rc == DM_OK && log.total > log.n)
    rc = dm_warn(ctx, DM_DIAG_OTHER, dm_pos_offset(DM_NO_OFFSET), "poppler: %zu messages in all", log.total);
  pdf_state_release(&st);
  return rc;
}

static const char *const pdf_extensions[] = {"pdf", NULL};
static const char *const pdf_mime_types[] = {"application/pdf", NULL};
static const dm_option_decl pdf_options[] = {
    {"max-pages", DM_OPT_INT, "50000", "refuse documents with more pages than this"},
    {"max-page-size", DM_OPT_INT, "14400", "refuse pages wider or taller than this many points (PDF's own limit)"},
    {NULL, DM_OPT_STRING, NULL, NULL},
};

static const dm_reader pdf_reader = {
    .abi_version = DM_PLUGIN_ABI_VERSION,
    .name = "pdf",
    .description = "PDF with a text layer, read with its layout (poppler; GPL-2.0-or-later module)",
    .extensions = pdf_extensions,
    .mime_types = pdf_mime_types,
    .options = pdf_options,
    .probe = pdf_probe,
    .read = pdf_read,
};

static const dm_reader *const pdf_readers[] = {&pdf_reader, NULL};

DM_PLUGIN_DEFINE(pdf, pdf_readers, NULL, NULL);
