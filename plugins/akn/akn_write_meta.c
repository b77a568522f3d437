/* SPDX-License-Identifier: MIT */
/*
 * The <meta> block of the Akoma Ntoso writer: FRBR identification with the
 * IRIs of the Naming Convention (/akn/un/statement/deliberation/{body}/
 * {date}/{number}/{lang}@/!main for a resolution, as the AKN4UN guidelines
 * use), publication, the TLC references the identification and the body
 * point to, and every metadata key of the document in proprietary, so that
 * a reader gives back exactly what was written. Nothing here depends on the
 * clock or the machine: the same document gives the same bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "akn_common.h"
#include "akn_write.h"

const char *akn_doc_lang(akn_w *w, char buf[4]) {
  const char *tag = dm_doc_meta(w->doc, DM_META_LANGUAGE);
  return tag ? akn_lang_to_639_2(tag, buf) : "und";
}

/* An IRI component: letters, digits, '-', '_' and '.' kept, '/' and spaces
 * as '-', the rest dropped; def when nothing is left. */
static void akn_iri_part(const char *s, const char *def, char *out, size_t cap) {
  size_t o = 0;
  for (; s && *s && o + 1 < cap; s++) {
    char c = *s;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')
      out[o++] = c;
    else if ((c == '/' || c == ' ') && o > 0 && out[o - 1] != '-')
      out[o++] = '-';
  }
  while (o > 0 && out[o - 1] == '-')
    o--;
  out[o] = '\0';
  if (o == 0) snprintf(out, cap, "%s", def);
}

static void akn_empty_attrs(akn_w *w, const char *name, const char *a1, const char *v1, const char *a2,
                            const char *v2) {
  akn_open(w, name);
  if (a1 && v1) akn_attr(w, a1, v1);
  if (a2 && v2) akn_attr(w, a2, v2);
  akn_close(w);
}

/* The first span of class cls, for its text as printed. */
static const dm_node *akn_find_span(const dm_doc *doc, const char *cls) {
  const dm_node *n = dm_doc_root(doc);
  while (n) {
    if (dm_node_type_of(n) == DM_NODE_SPAN && dm_node_class(n) && strcmp(dm_node_class(n), cls) == 0) return n;
    const dm_node *next = dm_node_first_child(n);
    if (!next) {
      while (n && !dm_node_next(n))
        n = dm_node_parent(n);
      if (n) next = dm_node_next(n);
    }
    n = next;
  }
  return NULL;
}

/* Reserves every eId="…" of kept markup, so that the body's eIds never
 * repeat one of its TLC entries. */
static void akn_reserve_markup_eids(akn_w *w, const char *xml) {
  char id[256];
  for (const char *p = xml; (p = strstr(p, " eId=\"")) != NULL;) {
    p += 6;
    size_t n = strcspn(p, "\"");
    if (n < sizeof id) {
      memcpy(id, p, n);
      id[n] = '\0';
      akn_eid_reserve(w, id);
    }
    p += n;
  }
}

/* Writes the meta block kept from an AKN source under "akn:meta:{name}"
 * (akn_read_raw.c); 1 when there was one. */
static int akn_kept_block(akn_w *w, const char *name) {
  char key[64];
  snprintf(key, sizeof key, "akn:meta:%s", name);
  const char *xml = dm_doc_meta(w->doc, key);
  if (!xml || !*xml) return 0;
  akn_reserve_markup_eids(w, xml);
  akn_markup(w, xml);
  return 1;
}

/* Keys the AKN itself carries (the kept meta blocks, the document
 * element's type and name): not repeated in proprietary. */
static int akn_is_kept_key(const char *key) { return strncmp(key, "akn:", 4) == 0; }

static void akn_frbr_core(akn_w *w, const char *this_iri, const char *uri, const char *date, const char *date_name,
                          const char *author, const char *as) {
  akn_empty_attrs(w, "FRBRthis", "value", this_iri, NULL, NULL);
  akn_empty_attrs(w, "FRBRuri", "value", uri, NULL, NULL);
  akn_empty_attrs(w, "FRBRdate", "date", date, "name", date_name);
  akn_empty_attrs(w, "FRBRauthor", "href", author, "as", as);
}

/* What the parts of <meta> share: the IRI pieces and names worked out once
 * from the document's metadata. */
typedef struct akn_meta_ids {
  int res;
  const char *lang, *num_meta, *symbol, *date, *ddate, *wdate, *wdate_name, *meeting;
  char lbuf[4], body[64], number[128], country[32], work[512], author[80], event[80];
} akn_meta_ids;

static void akn_meta_ids_make(akn_w *w, akn_meta_ids *m) {
  const dm_doc *doc = w->doc;
  int res = m->res = w->is_resolution;
  m->lang = akn_doc_lang(w, m->lbuf);
  m->num_meta = dm_doc_meta(doc, DM_META_NUMBER);
  m->symbol = dm_doc_meta(doc, DM_META_SYMBOL);
  akn_iri_part(m->num_meta ? m->num_meta : m->symbol, "nn", m->number, sizeof m->number);
  akn_iri_part(w->body_id, "un-ga", m->body, sizeof m->body);
  /* The UN's IRIs name the bodies unga and unsc (its files, not the
   * AKN4UN guidelines' un-ga: plugins/akn/README.md). */
  if (res && strcmp(m->body, "un-ga") == 0) snprintf(m->body, sizeof m->body, "unga");
  if (res && strcmp(m->body, "un-sc") == 0) snprintf(m->body, sizeof m->body, "unsc");
  akn_iri_part(dm_doc_meta(doc, DM_META_COUNTRY), res ? "un" : "zz", m->country, sizeof m->country);
  m->date = dm_doc_meta(doc, DM_META_DATE);
  m->ddate = dm_doc_meta(doc, DM_META_DISTRIBUTION_DATE);
  if (!akn_is_iso_date(m->date)) m->date = akn_is_iso_date(m->ddate) ? m->ddate : NULL;
  /* A work needs a date; an undated one gets a date no real document has,
   * named as such, rather than the day it happened to be converted. */
  m->wdate = m->date ? m->date : "0001-01-01";
  m->wdate_name = m->date ? (res ? "adoption" : "work") : "unknown";
  m->meeting = dm_doc_meta(doc, DM_META_MEETING);
  m->event[0] = '\0';
  if (res && m->meeting) {
    char mt[48];
    akn_iri_part(m->meeting, "", mt, sizeof mt);
    if (*mt) snprintf(m->event, sizeof m->event, "plenary-meeting-%s", mt);
  }
  if (res)
    snprintf(m->work, sizeof m->work, "/akn/%s/statement/deliberation/%s/%s/%s", m->country, m->body, m->wdate,
             m->number);
  else
    snprintf(m->work, sizeof m->work, "/akn/%s/doc/%s/%s", m->country, m->wdate, m->number);
  snprintf(m->author, sizeof m->author, "#%s", res ? m->body : "author");
}

/* The identification docmill makes for a document it recognised. A
 * resolution's IRIs are spelt as in the UN's files: the work and expression
 * end with '/', the expression's this is {lang}@!main/. An attachment of a
 * resolution (comp, "annex") is named as the UN names its annexes: this is
 * {work}/!main/annex, {lang}@!main/annex and {lang}@/!main/annex.xml, the
 * uris those of the resolution, and the work carries no number or name. */
static void akn_meta_identification(akn_w *w, const akn_meta_ids *m, const char *comp) {
  const dm_doc *doc = w->doc;
  int res = m->res;
  char buf[600], buf2[600];
  const char *role = res ? "#author-role" : NULL;
  const char *sub = comp ? comp : "";
  akn_open(w, "identification");
  akn_attr(w, "source", "#docmill");

  akn_open(w, "FRBRWork");
  snprintf(buf, sizeof buf, res ? "%s/!main/%s" : "%s/!main", m->work, sub);
  snprintf(buf2, sizeof buf2, res ? "%s/" : "%s", m->work);
  akn_frbr_core(w, buf, buf2, m->wdate, m->wdate_name, m->author, role);
  akn_empty_attrs(w, "FRBRcountry", "value", m->country, NULL, NULL);
  if (res && !comp) akn_empty_attrs(w, "FRBRsubtype", "value", "deliberation", NULL, NULL);
  if (!comp) akn_empty_attrs(w, "FRBRnumber", "value", m->number, "showAs", m->num_meta ? m->num_meta : m->symbol);
  if (!comp && dm_doc_meta(doc, DM_META_TITLE))
    akn_empty_attrs(w, "FRBRname", "value", dm_doc_meta(doc, DM_META_TITLE), NULL, NULL);
  akn_close(w);

  akn_open(w, "FRBRExpression");
  snprintf(buf, sizeof buf, res ? "%s/%s@!main/%s" : "%s/%s@/!main", m->work, m->lang, sub);
  snprintf(buf2, sizeof buf2, res ? "%s/%s@/" : "%s/%s@", m->work, m->lang);
  /* The expression of a resolution is the text published on the day of
   * its distribution. */
  int pub = res && akn_is_iso_date(m->ddate);
  akn_frbr_core(w, buf, buf2, pub ? m->ddate : m->wdate, pub ? "publication" : m->wdate_name, m->author, role);
  akn_empty_attrs(w, "FRBRlanguage", "language", m->lang, NULL, NULL);
  akn_close(w);

  akn_open(w, "FRBRManifestation");
  if (comp)
    snprintf(buf, sizeof buf, "%s/%s@/!main/%s.xml", m->work, m->lang, comp);
  else
    snprintf(buf, sizeof buf, "%s/%s@/!main.xml", m->work, m->lang);
  snprintf(buf2, sizeof buf2, "%s/%s@.%s", m->work, m->lang, w->package ? "akn" : "xml");
  akn_frbr_core(w, buf, buf2, m->wdate, m->wdate_name, "#docmill", NULL);
  akn_close(w);
  akn_close(w); /* identification */
}

static void akn_meta_tlc(akn_w *w, const char *tag, const char *eid, const char *href, const char *show) {
  akn_open(w, tag);
  akn_attr(w, "eId", eid);
  akn_attr(w, "href", href);
  akn_attr(w, "showAs", show);
  akn_close(w);
}

/* The plenary meeting that adopted a resolution, as the UN's files name it. */
static void akn_meta_event(akn_w *w, const akn_meta_ids *m) {
  const dm_doc *doc = w->doc;
  const dm_node *span = akn_find_span(doc, "meeting");
  char *shown = span ? akn_plain_text(span) : NULL;
  char fallback[80], s[32], buf[600];
  snprintf(fallback, sizeof fallback, "Plenary meeting %s", m->meeting);
  akn_iri_part(dm_doc_meta(doc, DM_META_SESSION), "", s, sizeof s);
  snprintf(buf, sizeof buf, "/akn/ontology/events/un/%s/%s%s%s", m->body, s, *s ? "/" : "", m->event);
  akn_meta_tlc(w, "TLCEvent", m->event, buf, shown && *shown ? shown : fallback);
  free(shown);
}

static void akn_meta_references(akn_w *w, const akn_meta_ids *m) {
  const dm_doc *doc = w->doc;
  char buf[600];
  akn_open(w, "references");
  akn_attr(w, "source", "#docmill");
  if (m->res) {
    const char *printed = dm_doc_meta(doc, DM_META_BODY);
    const char *show = printed ? printed : strcmp(m->body, "un-ga") == 0 ? "General Assembly" : m->body;
    snprintf(buf, sizeof buf, "/akn/ontology/organizations/un/%s", m->body);
    akn_meta_tlc(w, "TLCOrganization", m->body, buf, show);
  } else {
    const char *a = dm_doc_meta(doc, DM_META_AUTHOR);
    akn_meta_tlc(w, "TLCOrganization", "author", "/akn/ontology/organizations/author", a ? a : "Unknown");
  }
  akn_meta_tlc(w, "TLCOrganization", "docmill", "/akn/ontology/organizations/docmill", "docmill");
  if (m->res) akn_meta_tlc(w, "TLCRole", "author-role", "/akn/ontology/roles/author", "Author");
  if (*m->event) akn_meta_event(w, m);
  akn_close(w); /* references */
}

/* Written even when empty: it tells the reader that this is all the
 * metadata there is, so that the placeholders of the identification
 * (number "nn", date 0001-01-01) are not read back as real values. */
static void akn_meta_proprietary(akn_w *w) {
  const dm_doc *doc = w->doc;
  akn_open(w, "proprietary");
  akn_attr(w, "source", "#docmill");
  for (size_t i = 0; i < dm_doc_meta_count(doc); i++) {
    if (akn_is_kept_key(dm_doc_meta_key(doc, i))) continue;
    akn_open(w, "dm:meta");
    akn_attr(w, "key", dm_doc_meta_key(doc, i));
    akn_attr(w, "value", dm_doc_meta_value(doc, i));
    akn_close(w);
  }
  akn_close(w);
}

void akn_write_meta(akn_w *w) {
  akn_meta_ids m;
  akn_meta_ids_make(w, &m);
  akn_eid_reserve(w, m.res ? m.body : "author");
  akn_eid_reserve(w, "docmill");
  if (m.res) akn_eid_reserve(w, "author-role");
  if (*m.event) akn_eid_reserve(w, m.event);
  snprintf(w->event_id, sizeof w->event_id, "%s", m.event);

  akn_open(w, "meta");
  /* The identity of a document read from AKN is its own, written back as
   * it came; only a document docmill recognised gets one made here. */
  int kept = akn_kept_block(w, "identification");
  if (kept) w->event_id[0] = '\0';
  if (!kept) akn_meta_identification(w, &m, NULL);

  if (!akn_kept_block(w, "publication") && m.date && !kept) {
    const char *pub = akn_is_iso_date(m.ddate) ? m.ddate : m.date;
    const char *name = m.symbol ? m.symbol : m.num_meta ? m.num_meta : "publication";
    akn_open(w, "publication");
    akn_attr(w, "date", pub);
    akn_attr(w, "name", name);
    akn_attr(w, "showAs", name);
    akn_close(w);
  }

  static const char *const middle[] = {"classification", "lifecycle", "workflow", "analysis", "temporalData"};
  for (size_t i = 0; i < sizeof middle / sizeof middle[0]; i++)
    akn_kept_block(w, middle[i]);
  akn_kept_block(w, "references");
  if (!kept) akn_meta_references(w, &m);
  akn_meta_proprietary(w);
  akn_kept_block(w, "proprietary");
  akn_kept_block(w, "presentation");
  akn_close(w); /* meta */
}

void akn_write_attachment_meta(akn_w *w, const char *name) {
  akn_meta_ids m;
  akn_meta_ids_make(w, &m);
  akn_open(w, "meta");
  akn_meta_identification(w, &m, name);
  akn_close(w);
}
