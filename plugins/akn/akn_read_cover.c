/* SPDX-License-Identifier: MIT */
/*
 * The metadata a UN document shows on its masthead rather than in its FRBR
 * identification, taken from the tree once it is read: the symbol, the
 * issuing body, distribution and its date, session, agenda item and its
 * title and the originating report from the coverPage; the number and the
 * real title from the preface (the coverPage's docTitle is "Resolution
 * adopted by the General Assembly on …", not the title); the body of the
 * IRIs, the job number and the plenary meeting from the meta blocks kept
 * as markup. These are the keys the resolution recogniser sets from text,
 * so DOCX properties and every other writer see the same metadata whichever
 * way the resolution came in. A key already set is left as it is, except
 * the title, which the preface's docTitle replaces. Nothing is done for a
 * file docmill wrote: its metadata came back whole from proprietary.
 */
#include <string.h>

#include "akn_read.h"

static const dm_node *akn_find_span(const dm_node *top, const char *cls, int last) {
  const dm_node *found = NULL;
  dm_iter *it = dm_iter_new((dm_node *)top);
  if (!it) return NULL;
  dm_event ev;
  while ((ev = dm_iter_next(it)) != DM_EVENT_DONE) {
    const dm_node *n = dm_iter_node(it);
    if (ev != DM_EVENT_ENTER || dm_node_type_of(n) != DM_NODE_SPAN || !dm_node_class(n)) continue;
    if (strcmp(dm_node_class(n), cls) != 0) continue;
    found = n;
    if (!last) break;
  }
  dm_iter_free(it);
  return found;
}

/* The text of a span, whitespace at both ends and then any of the bytes of
 * strip at the end removed; in the document's arena. */
static char *akn_span_text(const dm_node *span, const char *strip) {
  char *t = span ? dm_node_text_content(span) : NULL;
  if (!t) return NULL;
  while (*t == ' ' || *t == '\t' || *t == '\n')
    t++;
  size_t n = strlen(t);
  while (n && (strchr(" \t\n", t[n - 1]) || (strip && strchr(strip, t[n - 1]))))
    n--;
  t[n] = '\0';
  return t;
}

static int akn_set(dm_doc *doc, const char *key, const char *value, int replace) {
  if (!value || !*value || (!replace && dm_doc_meta(doc, key))) return DM_OK;
  return dm_doc_set_meta(doc, key, value);
}

/* The text in kept markup between the first occurrence of after and the
 * next byte of stop, copied into buf ("" when absent). */
static const char *akn_markup_find(const dm_doc *doc, const char *key, const char *after, const char *stop, char *buf,
                                   size_t cap) {
  const char *xml = dm_doc_meta(doc, key);
  const char *p = xml ? strstr(xml, after) : NULL;
  buf[0] = '\0';
  if (!p) return buf;
  p += strlen(after);
  size_t n = strcspn(p, stop);
  if (n >= cap) n = cap - 1;
  memcpy(buf, p, n);
  buf[n] = '\0';
  return buf;
}

static int akn_meta_from_cover(dm_doc *doc, const dm_node *cover) {
  const dm_node *s;
  const char *title = dm_doc_meta(doc, DM_META_TITLE);
  if (!title || !*title) {
    /* The first docTitle that says something: the Security Council's
     * "Resolution 2611 (2021)" (some files leave it empty, then the
     * adoption line is all the title there is). */
    dm_iter *it = dm_iter_new((dm_node *)cover);
    if (!it) return DM_ENOMEM;
    dm_event ev;
    while ((ev = dm_iter_next(it)) != DM_EVENT_DONE) {
      const dm_node *n = dm_iter_node(it);
      if (ev != DM_EVENT_ENTER || dm_node_type_of(n) != DM_NODE_SPAN || !dm_node_class(n) ||
          strcmp(dm_node_class(n), "docTitle") != 0)
        continue;
      char *t = akn_span_text(n, NULL);
      if (t && *t) {
        if (dm_doc_set_meta(doc, DM_META_TITLE, t) != DM_OK) {
          dm_iter_free(it);
          return DM_ENOMEM;
        }
        break;
      }
    }
    dm_iter_free(it);
  }
  int rc = akn_set(doc, DM_META_SYMBOL, akn_span_text(akn_find_span(cover, "docNumber", 0), NULL), 0);
  if (rc == DM_OK) rc = akn_set(doc, DM_META_BODY, akn_span_text(akn_find_span(cover, "docAuthority", 1), NULL), 0);
  char *status = akn_span_text(akn_find_span(cover, "docStatus", 0), NULL);
  if (status && strchr(status, ':')) {
    /* "Distr.: General" */
    status = strchr(status, ':') + 1;
    while (*status == ' ')
      status++;
  }
  if (rc == DM_OK) rc = akn_set(doc, DM_META_DISTRIBUTION, status, 0);
  s = akn_find_span(cover, "docDate", 0);
  if (rc == DM_OK && s && akn_is_iso_date(dm_node_attr(s, "date")))
    rc = akn_set(doc, DM_META_DISTRIBUTION_DATE, dm_node_attr(s, "date"), 0);
  s = akn_find_span(cover, "session", 0);
  if (rc == DM_OK && s) rc = akn_set(doc, DM_META_SESSION, dm_node_attr(s, "value"), 0);
  /* "Agenda item 28", "议程项目 28": the number as printed. */
  char *item = akn_span_text(akn_find_span(cover, "agenda item", 0), NULL);
  while (item && *item && !(*item >= '0' && *item <= '9'))
    item++;
  if (rc == DM_OK) rc = akn_set(doc, DM_META_AGENDA_ITEM, item, 0);
  if (rc == DM_OK)
    rc = akn_set(doc, DM_META_AGENDA_TITLE, akn_span_text(akn_find_span(cover, "agenda item name", 0), NULL), 0);
  /* "A/75/471, para. 80", "A/75/471，第80段": the report's symbol. */
  char *report = akn_span_text(akn_find_span(cover, "originating document", 0), NULL);
  if (report) {
    size_t n = strcspn(report, ", ");
    for (size_t i = 0; i < n; i++)
      if ((unsigned char)report[i] >= 0x80) n = i; /* "，第80段" */
    report[n] = '\0';
  }
  if (rc == DM_OK) rc = akn_set(doc, DM_META_REPORT, report, 0);
  return rc;
}

static int akn_meta_from_markup(dm_doc *doc) {
  char buf[128];
  /* /akn/un/statement/deliberation/unga/…: the body as the UN's IRIs name it. */
  int rc = akn_set(doc, DM_META_BODY_ID,
                   akn_markup_find(doc, "akn:meta:identification", "/deliberation/", "/\"", buf, sizeof buf), 0);
  if (rc == DM_OK)
    rc = akn_set(
        doc, "job-number",
        akn_markup_find(doc, "akn:meta:presentation", "refersTo=\"#publicationJobNumber\">", "<", buf, sizeof buf), 0);
  /* <step outcome="adopted" as="A/75/PV.46">: the plenary meeting. */
  if (rc == DM_OK && *akn_markup_find(doc, "akn:meta:workflow", "outcome=\"adopted\" as=\"", "\"", buf, sizeof buf)) {
    const char *pv = strstr(buf, "PV.");
    if (pv) rc = akn_set(doc, DM_META_MEETING, pv + 3, 0);
  }
  return rc;
}

int akn_meta_from_body(akn_reader *rd) {
  if (rd->dm_meta_seen || rd->status) return rd->status;
  dm_doc *doc = rd->doc;
  const dm_node *cover = NULL, *preface = NULL;
  for (const dm_node *n = dm_node_first_child(dm_doc_root(doc)); n; n = dm_node_next(n)) {
    if (dm_node_type_of(n) != DM_NODE_DIV || dm_node_role(n) != DM_ROLE_PREFACE) continue;
    const char *cls = dm_node_class(n);
    if (cls && strcmp(cls, "coverPage") == 0) {
      if (!cover) cover = n;
    } else if (!preface) {
      preface = n;
    }
  }
  int rc = DM_OK;
  if (preface) {
    rc = akn_set(doc, DM_META_TITLE, akn_span_text(akn_find_span(preface, "docTitle", 0), NULL), 1);
    if (rc == DM_OK) rc = akn_set(doc, DM_META_NUMBER, akn_span_text(akn_find_span(preface, "docNumber", 0), ". "), 0);
  }
  if (rc == DM_OK && cover) rc = akn_meta_from_cover(doc, cover);
  if (rc == DM_OK) rc = akn_meta_from_markup(doc);
  if (rc != DM_OK) return akn_read_fail(rd, DM_ENOMEM, "out of memory");
  return DM_OK;
}
