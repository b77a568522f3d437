/* SPDX-License-Identifier: MIT */
/*
 * The DOCX writer: its descriptor, the pre-pass that decides how footnotes
 * are numbered and what language the document is in, and the OPC package.
 * Each part is generated into memory by docx_body.c and docx_parts.c and
 * handed to libzip without a copy; the archive is built in a memory buffer
 * (never in temporary files) and then streamed to the sink. Output is
 * byte-identical for the same input: parts in a fixed order, fixed zip
 * timestamps, and dates that come from SOURCE_DATE_EPOCH when it is set,
 * else from the document's adoption date, else are left out -- never the
 * clock.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <zip.h>

#include "docx.h"

/* ---- language ------------------------------------------------------------------ */

typedef struct docx_lang_def {
  const char *primary, *tag, *ea_font;
  int east_asian, rtl;
} docx_lang_def;

/* Bare tags get the region Word expects; East Asian languages get the font
 * their readers' systems have (fontconfig maps these names to Noto CJK). */
static const docx_lang_def docx_langs[] = {
    {"zh", "zh-CN", "SimSun", 1, 0}, {"ja", "ja-JP", "MS Mincho", 1, 0}, {"ko", "ko-KR", "Batang", 1, 0},
    {"ar", "ar-SA", NULL, 0, 1},     {"he", "he-IL", NULL, 0, 1},        {"fa", "fa-IR", NULL, 0, 1},
    {"ur", "ur-PK", NULL, 0, 1},     {"ps", "ps-AF", NULL, 0, 1},        {"yi", "yi-001", NULL, 0, 1},
    {"en", "en-US", NULL, 0, 0},     {"fr", "fr-FR", NULL, 0, 0},        {"es", "es-ES", NULL, 0, 0},
    {"ru", "ru-RU", NULL, 0, 0},     {"de", "de-DE", NULL, 0, 0},
};

static void docx_write_language(docx_state *st) {
  const char *lang = dm_doc_meta(st->doc, DM_META_LANGUAGE);
  if (!lang || !*lang || strlen(lang) > 35) return;
  for (const char *p = lang; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-')) return;
  st->lang = lang;
  size_t plen = strcspn(lang, "-");
  for (size_t i = 0; i < sizeof docx_langs / sizeof *docx_langs; i++) {
    const docx_lang_def *d = &docx_langs[i];
    if (strlen(d->primary) != plen || strncmp(d->primary, lang, plen) != 0) continue;
    if (!lang[plen]) st->lang = d->tag;
    st->ea_font = d->ea_font;
    st->east_asian = d->east_asian;
    st->rtl = d->rtl;
    if (!strcmp(d->primary, "zh") &&
        (strstr(lang, "Hant") || strstr(lang, "-TW") || strstr(lang, "-HK") || strstr(lang, "-MO")))
      st->ea_font = "PMingLiU";
    break;
  }
}

/* ---- dates --------------------------------------------------------------------- */

/* SOURCE_DATE_EPOCH as broken-down UTC; 0 when unset or not a plain
 * number (reproducible-builds.org says to fail then; a writer deep in a
 * library rather ignores it than refuses to write). */
static int docx_write_epoch(struct tm *out) {
  const char *e = getenv("SOURCE_DATE_EPOCH");
  if (!e || !*e || strlen(e) > 12 || strspn(e, "0123456789") != strlen(e)) return 0;
  time_t t = (time_t)strtoll(e, NULL, 10);
  return gmtime_r(&t, out) != NULL && out->tm_year + 1900 <= 9999;
}

static void docx_write_dates(docx_state *st, struct tm *zip_tm) {
  struct tm tm;
  memset(zip_tm, 0, sizeof *zip_tm);
  zip_tm->tm_year = 80; /* 1980-01-01, the first date a zip entry can hold */
  zip_tm->tm_mday = 1;
  if (docx_write_epoch(&tm)) {
    strftime(st->date, sizeof st->date, "%Y-%m-%dT%H:%M:%SZ", &tm);
    st->have_date = 1;
    if (tm.tm_year >= 80) *zip_tm = tm;
    return;
  }
  const char *d = dm_doc_meta(st->doc, DM_META_DATE);
  if (d && strlen(d) == 10 && d[4] == '-' && d[7] == '-' && strspn(d, "0123456789-") == 10) {
    snprintf(st->date, sizeof st->date, "%sT00:00:00Z", d);
    st->have_date = 1;
  }
}

/* ---- notes ----------------------------------------------------------------------- */

static int docx_write_cmp_node(const void *a, const void *b) {
  uintptr_t x = (uintptr_t)(*(docx_note *const *)a)->node, y = (uintptr_t)(*(docx_note *const *)b)->node;
  return x < y ? -1 : x > y;
}

/* A marker that is a plain decimal number, or -1. */
static long docx_write_marker_number(const char *s) {
  if (!s || !*s || strlen(s) > 9 || strspn(s, "0123456789") != strlen(s)) return -1;
  return strtol(s, NULL, 10);
}

/* Collects the footnotes in document order (a note inside a note is not a
 * footnote: Word has none) and decides how they are numbered. Where the
 * markers run k, k+1, ... (unlabelled notes taking the next number), Word's
 * own numbering from numStart k shows exactly the source's markers and
 * stays live when an editor adds a note. Otherwise every note carries its
 * marker as a custom mark. */
static int docx_write_collect_notes(docx_state *st) {
  dm_iter *it = dm_iter_new(dm_doc_root(st->doc));
  if (!it) return dm_error(st->ctx, DM_ENOMEM, "out of memory");
  size_t cap = 0, nest = 0;
  const dm_node **targets = NULL;
  size_t ntargets = 0, captargets = 0;
  int rc = DM_OK;
  dm_event ev;
  while (rc == DM_OK && (ev = dm_iter_next(it)) != DM_EVENT_DONE) {
    dm_node *n = dm_iter_node(it);
    dm_node_type t = dm_node_type_of(n);
    if (t == DM_NODE_NOTE && ev == DM_EVENT_EXIT) {
      nest--;
    } else if (t == DM_NODE_NOTE && ev == DM_EVENT_ENTER) {
      if (nest++ == 0) {
        if (st->nnotes == cap) {
          cap = cap ? cap * 2 : 64;
          docx_note *p = realloc(st->notes, cap * sizeof *p);
          if (!p) {
            rc = dm_error(st->ctx, DM_ENOMEM, "out of memory");
            break;
          }
          st->notes = p;
        }
        docx_note *note = &st->notes[st->nnotes++];
        memset(note, 0, sizeof *note);
        note->node = n;
        note->id = (int)st->nnotes;
      }
    } else if (t == DM_NODE_NOTE_REF && ev == DM_EVENT_ENTER && nest == 0 && dm_node_note_target(n)) {
      if (ntargets == captargets) {
        captargets = captargets ? captargets * 2 : 16;
        const dm_node **p = realloc(targets, captargets * sizeof *p);
        if (!p) {
          rc = dm_error(st->ctx, DM_ENOMEM, "out of memory");
          break;
        }
        targets = p;
      }
      targets[ntargets++] = dm_node_note_target(n);
    }
  }
  dm_iter_free(it);
  if (rc == DM_OK && st->nnotes > 2147483000u) rc = dm_error(st->ctx, DM_ELIMIT, "too many footnotes for Word");
  if (rc == DM_OK && st->nnotes) {
    st->by_node = malloc(st->nnotes * sizeof *st->by_node);
    st->auto_marks = malloc(st->nnotes * sizeof *st->auto_marks);
    if (!st->by_node || !st->auto_marks) rc = dm_error(st->ctx, DM_ENOMEM, "out of memory");
  }
  if (rc == DM_OK && st->nnotes) {
    for (size_t i = 0; i < st->nnotes; i++)
      st->by_node[i] = &st->notes[i];
    qsort(st->by_node, st->nnotes, sizeof *st->by_node, docx_write_cmp_node);
    for (size_t i = 0; i < ntargets; i++) {
      docx_note *note = docx_note_find(st, targets[i]);
      if (note) note->referenced = 1;
    }
    long first = docx_write_marker_number(dm_node_label(st->notes[0].node));
    st->num_start = first >= 0 ? first : 1;
    for (size_t i = 0; i < st->nnotes && !st->custom_marks; i++) {
      const char *label = dm_node_label(st->notes[i].node);
      long want = st->num_start + (long)i;
      if (label && docx_write_marker_number(label) != want) st->custom_marks = 1;
    }
    for (size_t i = 0; i < st->nnotes; i++) {
      const char *label = dm_node_label(st->notes[i].node);
      snprintf(st->auto_marks[i], sizeof *st->auto_marks, "%zu", i + 1);
      st->notes[i].mark = label && *label ? label : st->auto_marks[i];
    }
  }
  if (!st->nnotes) st->num_start = 1;
  free(targets);
  return rc;
}

/* ---- the package ----------------------------------------------------------------- */

typedef struct docx_part {
  const char *name;
  int (*gen)(docx_state *, docx_xml *);
  docx_xml x;
  int present;
} docx_part;

static int docx_write_doc_rels(docx_state *st, docx_xml *x) { return docx_write_part_rels(st, x, &st->doc_rels, 1); }

static int docx_write_fn_rels(docx_state *st, docx_xml *x) { return docx_write_part_rels(st, x, &st->fn_rels, 0); }

enum {
  DOCX_CT,
  DOCX_RELS,
  DOCX_DOCUMENT,
  DOCX_STYLES,
  DOCX_SETTINGS,
  DOCX_FOOTNOTES,
  DOCX_NUMBERING,
  DOCX_DOC_RELS,
  DOCX_FN_RELS,
  DOCX_CORE,
  DOCX_APP,
  DOCX_NPARTS
};

static int docx_write_zip_error(docx_state *st, zip_error_t *ze, const char *what) {
  int sys = zip_error_code_zip(ze) == ZIP_ER_MEMORY;
  int rc = dm_error(st->ctx, sys ? DM_ENOMEM : DM_EIO, "zip: %s: %s", what, zip_error_strerror(ze));
  zip_error_fini(ze);
  return rc;
}

/* Puts the generated parts into a zip archive in memory and streams it to
 * out. The parts' buffers pass to libzip, which frees them. */
static int docx_write_package(docx_state *st, docx_part *parts, const struct tm *zip_tm, dm_sink *out) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
  if (!src) return docx_write_zip_error(st, &ze, "archive");
  zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
  if (!za) {
    zip_source_free(src);
    return docx_write_zip_error(st, &ze, "archive");
  }
  zip_source_keep(src);
  /* libzip turns the time back into local broken-down time for the DOS
   * fields; mktime of the wanted fields makes them come out as given
   * whatever the time zone. */
  struct tm tm = *zip_tm;
  tm.tm_isdst = -1;
  time_t mtime = mktime(&tm);
  int rc = DM_OK;
  for (int i = 0; i < DOCX_NPARTS && rc == DM_OK; i++) {
    docx_part *p = &parts[i];
    if (!p->present) continue;
    zip_source_t *ps = zip_source_buffer(za, p->x.data, p->x.len, 1);
    if (!ps) {
      rc = docx_write_zip_error(st, zip_get_error(za), p->name);
      break;
    }
    p->x.data = NULL; /* libzip owns it now */
    zip_int64_t idx = zip_file_add(za, p->name, ps, 0);
    if (idx < 0) {
      zip_source_free(ps);
      rc = docx_write_zip_error(st, zip_get_error(za), p->name);
      break;
    }
    if (zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE, DOCX_DEFLATE_LEVEL) < 0 ||
        zip_file_set_mtime(za, (zip_uint64_t)idx, mtime, 0) < 0)
      rc = docx_write_zip_error(st, zip_get_error(za), p->name);
  }
  if (rc != DM_OK) {
    zip_discard(za);
    zip_source_free(src);
    return rc;
  }
  if (zip_close(za) < 0) {
    rc = docx_write_zip_error(st, zip_get_error(za), "writing the archive");
    zip_discard(za);
    zip_source_free(src);
    return rc;
  }
  if (zip_source_open(src) < 0) {
    rc = docx_write_zip_error(st, zip_source_error(src), "reading the archive");
    zip_source_free(src);
    return rc;
  }
  char buf[65536];
  zip_int64_t n;
  while ((n = zip_source_read(src, buf, sizeof buf)) > 0)
    if (dm_sink_write(out, buf, (size_t)n) != DM_OK) break;
  if (n < 0) rc = docx_write_zip_error(st, zip_source_error(src), "reading the archive");
  zip_source_close(src);
  zip_source_free(src);
  if (rc == DM_OK && dm_sink_status(out) != DM_OK)
    rc = dm_error(st->ctx, dm_sink_status(out), "cannot write the output");
  return rc;
}

static int docx_write(dm_ctx *ctx, void *priv, const dm_doc *doc, dm_sink *out) {
  (void)priv;
  docx_state st;
  memset(&st, 0, sizeof st);
  st.ctx = ctx;
  st.doc = doc;
  st.max_depth = dm_ctx_limits(ctx).max_depth;
  docx_write_language(&st);
  struct tm zip_tm;
  docx_write_dates(&st, &zip_tm);
  docx_part parts[DOCX_NPARTS] = {
      [DOCX_CT] = {"[Content_Types].xml", docx_write_content_types, {0}, 1},
      [DOCX_RELS] = {"_rels/.rels", docx_write_package_rels, {0}, 1},
      [DOCX_DOCUMENT] = {"word/document.xml", docx_write_document, {0}, 1},
      [DOCX_STYLES] = {"word/styles.xml", docx_write_styles, {0}, 1},
      [DOCX_SETTINGS] = {"word/settings.xml", docx_write_settings, {0}, 1},
      [DOCX_FOOTNOTES] = {"word/footnotes.xml", docx_write_footnotes, {0}, 1},
      [DOCX_NUMBERING] = {"word/numbering.xml", docx_write_numbering, {0}, 0},
      [DOCX_DOC_RELS] = {"word/_rels/document.xml.rels", docx_write_doc_rels, {0}, 1},
      [DOCX_FN_RELS] = {"word/_rels/footnotes.xml.rels", docx_write_fn_rels, {0}, 0},
      [DOCX_CORE] = {"docProps/core.xml", docx_write_core, {0}, 1},
      [DOCX_APP] = {"docProps/app.xml", docx_write_app, {0}, 1},
  };
  /* The body and notes first: they decide whether numbering and the notes'
   * relationships exist, which the content types and relationships list. */
  static const int order[DOCX_NPARTS] = {DOCX_DOCUMENT, DOCX_FOOTNOTES, DOCX_NUMBERING, DOCX_FN_RELS,
                                         DOCX_DOC_RELS, DOCX_CT,        DOCX_RELS,      DOCX_STYLES,
                                         DOCX_SETTINGS, DOCX_CORE,      DOCX_APP};
  int rc = docx_write_collect_notes(&st);
  for (int k = 0; k < DOCX_NPARTS && rc == DM_OK; k++) {
    docx_part *p = &parts[order[k]];
    if (order[k] == DOCX_NUMBERING) p->present = st.nlists > 0;
    if (order[k] == DOCX_FN_RELS) p->present = st.fn_rels.count > 0;
    if (!p->present) continue;
    rc = docx_xml_open(&p->x, &st);
    if (rc == DM_OK) rc = p->gen(&st, &p->x);
    int crc = docx_xml_close(&p->x);
    if (rc == DM_OK) rc = crc;
    if (rc == DM_ENOMEM && dm_ctx_error_status(ctx) == DM_OK)
      rc = dm_error(ctx, DM_ENOMEM, "out of memory writing %s", p->name);
  }
  if (rc == DM_OK && st.bad_chars)
    rc = dm_warn(ctx, DM_DIAG_INVALID_CHAR, st.bad_pos,
                 "dropped %llu character(s) that XML 1.0 forbids (the first U+%04X)", (unsigned long long)st.bad_chars,
                 (unsigned)st.first_bad);
  if (rc == DM_OK) rc = docx_write_package(&st, parts, &zip_tm, out);
  for (int i = 0; i < DOCX_NPARTS; i++)
    docx_xml_discard(&parts[i].x);
  docx_rels_free(&st.doc_rels);
  docx_rels_free(&st.fn_rels);
  free(st.notes);
  free(st.by_node);
  free(st.auto_marks);
  free(st.lists);
  return rc;
}

static const char *const docx_extensions[] = {"docx", NULL};
static const char *const docx_mime_types[] = {"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                              NULL};

static const dm_writer docx_writer = {
    .abi_version = DM_PLUGIN_ABI_VERSION,
    .name = "docx",
    .description = "Word (OOXML) with real footnotes, resolution styles, CJK and right-to-left text",
    .extensions = docx_extensions,
    .mime_types = docx_mime_types,
    .flags = DM_WRITER_BINARY,
    .write = docx_write,
};

static const dm_writer *const docx_writers[] = {&docx_writer, NULL};

DM_PLUGIN_DEFINE(docx, NULL, docx_writers, NULL);
