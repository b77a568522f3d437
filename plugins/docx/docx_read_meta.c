/* SPDX-License-Identifier: MIT */
/*
 * What a DOCX says about itself rather than in its body: docProps/core.xml
 * (title, author, language, identifier, subject) into the document's
 * metadata; settings.xml (how footnotes and endnotes are numbered); and
 * the headers and footers, which are page furniture: their text is not
 * part of the document, but a UN document's header carries its symbol
 * ("A/RES/75/158") and its footer the job number ("20-17284 (C)"), which
 * go into the metadata. Each piece of furniture left out is reported as
 * information (DM_DIAG_FURNITURE), so nothing goes silently.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docx_read.h"

static int docx_meta_set(docx_rd *rd, const char *key, const char *value, int overwrite) {
  size_t n = strlen(value);
  while (n && (value[n - 1] == ' ' || value[n - 1] == '\n' || value[n - 1] == '\t'))
    n--;
  while (n && (*value == ' ' || *value == '\n' || *value == '\t'))
    value++, n--;
  if (!n || (!overwrite && dm_doc_meta(rd->doc, key))) return DM_OK;
  char *v = dm_doc_strndup(rd->doc, value, n);
  if (!v || dm_doc_set_meta(rd->doc, key, v) != DM_OK) return docx_nomem(rd);
  return DM_OK;
}

int docx_meta_core(docx_rd *rd, const unsigned char *data, size_t len) {
  docx_x x;
  int rc = docx_x_open(&x, rd, "docProps/core.xml", data, len);
  if (rc != DM_OK) return rc;
  rc = docx_x_child(&x, -1);
  while (rc == 1 && (rc = docx_x_child(&x, 0)) == 1) {
    int ns = docx_x_ns(&x);
    const char *n = docx_x_name(&x), *key = NULL;
    if (ns == DOCX_NS_DC && !strcmp(n, "title"))
      key = DM_META_TITLE;
    else if (ns == DOCX_NS_DC && !strcmp(n, "creator"))
      key = DM_META_AUTHOR;
    else if (ns == DOCX_NS_DC && !strcmp(n, "language"))
      key = DM_META_LANGUAGE;
    else if (ns == DOCX_NS_DC && !strcmp(n, "identifier"))
      key = DM_META_SYMBOL;
    else if (ns == DOCX_NS_DC && !strcmp(n, "subject"))
      key = "subject";
    if (!key) {
      rc = docx_x_skip(&x) == DM_OK ? 1 : rd->status;
      continue;
    }
    dm_buf_truncate(&rd->text, 0);
    if ((rc = docx_x_text(&x, &rd->text, 4096)) != DM_OK) break;
    rc = docx_meta_set(rd, key, rd->text.data ? rd->text.data : "", 0);
    if (rc == DM_OK) rc = 1;
  }
  docx_x_close(&x);
  return rc < 0 ? rc : DM_OK;
}

static int docx_note_pr(docx_x *x, docx_notes *ns) {
  int depth = docx_x_depth(x), rc;
  while ((rc = docx_x_child(x, depth)) == 1) {
    if (docx_x_is(x, DOCX_NS_W, "numFmt")) {
      if (!docx_x_attr(x, DOCX_NS_W, "val", ns->fmt, sizeof ns->fmt)) ns->fmt[0] = '\0';
    } else if (docx_x_is(x, DOCX_NS_W, "numStart")) {
      long v = docx_x_val_long(x, 1);
      ns->start = v < 0 || v > 1000000 ? 1 : v;
    }
    if ((rc = docx_x_skip(x)) != DM_OK) return rc;
  }
  return rc < 0 ? rc : DM_OK;
}

int docx_meta_settings(docx_rd *rd, const unsigned char *data, size_t len) {
  docx_x x;
  int rc = docx_x_open(&x, rd, "word/settings.xml", data, len);
  if (rc != DM_OK) return rc;
  rc = docx_x_child(&x, -1);
  while (rc == 1 && (rc = docx_x_child(&x, 0)) == 1) {
    if (docx_x_is(&x, DOCX_NS_W, "footnotePr"))
      rc = docx_note_pr(&x, &rd->foot);
    else if (docx_x_is(&x, DOCX_NS_W, "endnotePr"))
      rc = docx_note_pr(&x, &rd->end);
    else
      rc = docx_x_skip(&x);
    if (rc == DM_OK) rc = 1;
  }
  docx_x_close(&x);
  return rc < 0 ? rc : DM_OK;
}

/* "A/RES/75/158", "S/RES/2608 (2021)", "E/CN.6/2021/L.3": capitals, then a
 * slash, then capitals, digits and the punctuation symbols use. */
static int docx_is_symbol(const char *s) {
  size_t i = 0;
  while (s[i] >= 'A' && s[i] <= 'Z')
    i++;
  if (!i || s[i] != '/' || !s[i + 1]) return 0;
  for (; s[i]; i++)
    if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') || strchr("/.-() ", s[i]))) return 0;
  return 1;
}

/* "20-17284", "20-17284 (C)": the UN's job number, with its language. */
static int docx_is_job(const char *s) {
  for (int i = 0; i < 8; i++)
    if (i == 2 ? s[i] != '-' : !(s[i] >= '0' && s[i] <= '9')) return 0;
  return s[8] == '\0' || s[8] == ' ';
}

static int docx_furniture_line(docx_rd *rd, const char *part, char *s) {
  size_t n = strlen(s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
    s[--n] = '\0';
  while (*s == ' ' || *s == '\t')
    s++;
  if (!*s) return DM_OK;
  int rc = DM_OK;
  if (docx_is_symbol(s)) rc = docx_meta_set(rd, DM_META_SYMBOL, s, 0);
  if (rc == DM_OK && docx_is_job(s)) {
    char job[9];
    memcpy(job, s, 8);
    job[8] = '\0';
    rc = docx_meta_set(rd, "job-number", job, 0);
  }
  if (rc != DM_OK) return rc;
  return dm_info(rd->ctx, DM_DIAG_FURNITURE, dm_pos_offset(DM_NO_OFFSET), "%s: '%s' left out as page furniture", part,
                 s) == DM_OK
             ? DM_OK
             : docx_nomem(rd);
}

int docx_meta_furniture(docx_rd *rd, const char *part, const unsigned char *data, size_t len) {
  docx_x x;
  int rc = docx_x_open(&x, rd, part, data, len);
  if (rc != DM_OK) return rc;
  rc = docx_x_child(&x, -1);
  int depth = 0;
  /* each paragraph's text (w:t only: field codes are w:instrText) */
  while (rc == 1 && (rc = docx_x_descend(&x, depth)) == 1) {
    if (!docx_x_is(&x, DOCX_NS_W, "p")) continue;
    int pd = docx_x_depth(&x);
    dm_buf_truncate(&rd->text, 0);
    while ((rc = docx_x_descend(&x, pd)) == 1) {
      if (docx_x_is(&x, DOCX_NS_W, "t"))
        rc = docx_x_text(&x, &rd->text, 1024);
      else if (docx_x_is(&x, DOCX_NS_W, "tab"))
        rc = dm_buf_append(&rd->text, " ", 1) == DM_OK ? DM_OK : docx_nomem(rd);
      else if (docx_x_is(&x, DOCX_NS_W, "instrText") || docx_x_is(&x, DOCX_NS_W, "delText"))
        rc = docx_x_skip(&x);
      else
        rc = DM_OK;
      if (rc != DM_OK) break;
    }
    if (rc < 0) break;
    if (rd->text.len && (rc = docx_furniture_line(rd, part, rd->text.data)) != DM_OK) break;
    rc = 1;
  }
  docx_x_close(&x);
  return rc < 0 ? rc : DM_OK;
}
