/* SPDX-License-Identifier: MIT */
/*
 * The parts of an Akoma Ntoso document and its document element: for a
 * resolution, the coverPage (masthead), preface (number and title),
 * preamble (formula and one container per clause, named after its lead
 * words), mainBody and conclusions, in the form of the UN's own files; for
 * any other document, the element and name its source had.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "akn_common.h"
#include "akn_write_body.h"

/* ---- the parts of a resolution ---- */

/* The source's eId of a part (preface, preamble, mainBody, conclusions),
 * from the first div of that part. */
void akn_part_eid(akn_w *w, int part) {
  const dm_node *div = w->part_divs ? w->part_divs[part] : NULL;
  const char *eid = div ? dm_node_attr(div, "eId") : NULL;
  if (eid) akn_eid_attr_kept(w, div, eid);
}

/* A div read from the UN's <container name="…"> (one preambular clause,
 * named after its lead words), written back as such where the schema has
 * containers: directly in preface, preamble, conclusions and coverPage. */
static int akn_is_container(const dm_node *n) {
  return dm_node_type_of(n) == DM_NODE_DIV && (dm_node_role(n) == DM_ROLE_NONE || dm_node_role(n) == DM_ROLE_RECITAL) &&
         dm_node_class(n) && strcmp(dm_node_class(n), "container") == 0 && dm_node_attr(n, "name") &&
         *dm_node_attr(n, "name");
}

static void akn_container(akn_w *w, const dm_node *div) {
  akn_open(w, "container");
  akn_eid_push_node(w, "container", NULL, div);
  akn_attr(w, "name", dm_node_attr(div, "name"));
  akn_node_attrs(w, div, "name");
  akn_blocks(w, dm_node_first_child(div), 1);
  akn_eid_pop(w);
  akn_close(w);
}

/* The blocks of a part, containers kept. */
static void akn_part_range(akn_w *w, const akn_nodes *ns, size_t lo, size_t hi) {
  for (size_t i = lo; i < hi && !w->status; i++) {
    if (akn_is_container(ns->v[i]))
      akn_container(w, ns->v[i]);
    else
      akn_block_range(w, ns, i, i + 1);
  }
}

static int akn_is_cover(const dm_node *n) {
  return akn_is_role(n, DM_ROLE_PREFACE) && dm_node_class(n) && strcmp(dm_node_class(n), "coverPage") == 0;
}

/* In a recognised resolution's preface, where the masthead ends: at the
 * last block holding the docNumber ("75/158. Title"), which with what
 * follows is the preface; 0 when there is no such split. */
static size_t akn_masthead_end(const akn_nodes *ns) {
  size_t end = 0;
  for (size_t i = 0; i < ns->n; i++) {
    dm_iter *it = dm_iter_new((dm_node *)ns->v[i]);
    if (!it) return 0;
    dm_event ev;
    while ((ev = dm_iter_next(it)) != DM_EVENT_DONE) {
      const dm_node *c = dm_iter_node(it);
      if (ev == DM_EVENT_ENTER && dm_node_type_of(c) == DM_NODE_SPAN && dm_node_class(c) &&
          strcmp(dm_node_class(c), "docNumber") == 0)
        end = i;
    }
    dm_iter_free(it);
  }
  return end;
}

/* The first k blocks of the preface as the coverPage (the masthead). */
static void akn_cover_range(akn_w *w, const akn_nodes *ns, size_t k) {
  akn_open(w, "coverPage");
  akn_eid_push(w, "coverPage", NULL);
  akn_part_range(w, ns, 0, k);
  akn_eid_pop(w);
  akn_close(w);
}

static void akn_cover(akn_w *w, const dm_node *div) {
  akn_nodes ns = {NULL, 0, 0};
  akn_children(w, &ns, dm_node_first_child(div));
  akn_open(w, "coverPage");
  akn_eid_push_node(w, "coverPage", NULL, div);
  akn_node_attrs(w, div, NULL);
  akn_part_range(w, &ns, 0, ns.n);
  akn_eid_pop(w);
  akn_close(w);
  free(ns.v);
}

static void akn_formula(akn_w *w, const dm_node *div) {
  akn_open(w, "formula");
  akn_eid_push_node(w, "formula", NULL, div);
  akn_attr(w, "name", "enactingFormula");
  akn_node_attrs(w, div, NULL);
  akn_blocks(w, dm_node_first_child(div), 0);
  akn_eid_pop(w);
  akn_close(w);
}

/* The lead words of a preambular clause: its first paragraph's opening
 * emphasis ("Recalling", "Reaffirming also"), without the punctuation
 * after them; NULL when it opens with none. malloc'd. */
static char *akn_lead_words(const dm_node *clause) {
  const dm_node *p = dm_node_first_child(clause);
  const dm_node *first = p && dm_node_type_of(p) == DM_NODE_PARAGRAPH ? dm_node_first_child(p) : NULL;
  if (!first || (dm_node_type_of(first) != DM_NODE_EMPH && dm_node_type_of(first) != DM_NODE_STRONG)) return NULL;
  char *t = akn_plain_text(first);
  if (!t) return NULL;
  size_t n = strlen(t);
  while (n && strchr(" \t,;:", t[n - 1]))
    n--;
  t[n] = '\0';
  if (!n) {
    free(t);
    return NULL;
  }
  return t;
}

/* A preambular clause as the UN writes it: <container name="{lead
 * words}" eId="container_{k}">, k its place in the preamble after the
 * formula (formula_1, container_2, ...). A clause read from such a
 * container keeps its name and eId. */
static void akn_clause(akn_w *w, const dm_node *n, size_t k) {
  if (akn_is_container(n)) {
    akn_container(w, n);
    return;
  }
  char *lead = akn_lead_words(n);
  char num[32];
  akn_fmt_long(num, (long)k);
  akn_open(w, "container");
  akn_eid_push_id(w, "container", num, dm_node_attr(n, "eId"));
  akn_attr(w, "name", lead ? lead : "recital");
  free(lead);
  akn_node_attrs(w, n, "name");
  akn_blocks(w, dm_node_first_child(n), 1);
  akn_eid_pop(w);
  akn_close(w);
}

static void akn_preface(akn_w *w, const akn_nodes *ns) {
  akn_open(w, "preface");
  akn_part_eid(w, 0);
  for (size_t i = 0; i < ns->n && !w->status; i++) {
    if (akn_is_role(ns->v[i], DM_ROLE_FORMULA))
      akn_formula(w, ns->v[i]);
    else
      akn_part_range(w, ns, i, i + 1);
  }
  if (ns->n == 0) akn_empty(w, "p", NULL, NULL);
  akn_close(w);
}

static void akn_preamble(akn_w *w, const akn_nodes *ns) {
  akn_open(w, "preamble");
  akn_part_eid(w, 1);
  int open = 0;
  for (size_t i = 0; i < ns->n && !w->status; i++) {
    const dm_node *n = ns->v[i];
    /* A numbered clause stays a recital: a container has no num. */
    if (akn_is_role(n, DM_ROLE_RECITAL) && ((w->un_form && !dm_node_label(n)) || akn_is_container(n))) {
      if (open) akn_close(w), open = 0;
      akn_clause(w, n, i + 1);
      continue;
    }
    if (akn_is_role(n, DM_ROLE_RECITAL)) {
      if (!open) {
        akn_open(w, "recitals");
        akn_eid_mark(w, "recs");
        open = 1;
      }
      akn_open(w, "recital");
      akn_eid_push_node(w, "rec", dm_node_label(n), n);
      akn_node_attrs(w, n, NULL);
      akn_num(w, dm_node_label(n));
      akn_blocks(w, dm_node_first_child(n), 1);
      akn_eid_pop(w);
      akn_close(w);
      continue;
    }
    if (open) {
      akn_close(w);
      open = 0;
    }
    if (akn_is_role(n, DM_ROLE_FORMULA))
      akn_formula(w, n);
    else
      akn_part_range(w, ns, i, i + 1);
  }
  if (open) akn_close(w);
  if (ns->n == 0) akn_empty(w, "p", NULL, NULL);
  akn_close(w);
}

static void akn_conclusions(akn_w *w, const akn_nodes *ns) {
  akn_open(w, "conclusions");
  akn_part_eid(w, 3);
  akn_part_range(w, ns, 0, ns->n);
  if (ns->n == 0) akn_empty(w, "p", NULL, NULL);
  akn_close(w);
}

static int akn_part_of(const dm_node *n) {
  if (dm_node_type_of(n) != DM_NODE_DIV) return -1;
  switch (dm_node_role(n)) {
  case DM_ROLE_PREFACE: return 0;
  case DM_ROLE_PREAMBLE: return 1;
  case DM_ROLE_MAIN_BODY: return 2;
  case DM_ROLE_CONCLUSIONS: return 3;
  default: return -1;
  }
}

/* An annex the un-resolution transform recognised: the UN's files make it
 * an attachment, not a part of mainBody. */
static int akn_is_un_annex(const akn_w *w, const dm_node *n) {
  return w->un_form && dm_node_class(n) && strcmp(dm_node_class(n), "annex") == 0;
}

/* The top level of a document, sorted into the four parts; a document with
 * no part divs is all mainBody. The parts only move forward, so the order
 * of the source survives: anything outside a part div, or a part div out
 * of order, joins the part being written. statement and doc share AKN's
 * openStructure, so a plain document read from AKN gets its preface and
 * mainBody back as such rather than as an hcontainer inside mainBody. */
void akn_write_parts(akn_w *w, const dm_node *root) {
  akn_nodes parts[4] = {{NULL, 0, 0}, {NULL, 0, 0}, {NULL, 0, 0}, {NULL, 0, 0}};
  akn_nodes attached = {NULL, 0, 0};
  int front = 0;
  for (const dm_node *n = dm_node_first_child(root); n; n = dm_node_next(n))
    if (akn_part_of(n) == 0 || akn_part_of(n) == 1) front = 1;
  int cur = front ? 0 : 2;
  const dm_node *cover = NULL;
  const dm_node *part_div[4] = {NULL, NULL, NULL, NULL};
  for (const dm_node *n = dm_node_first_child(root); n; n = dm_node_next(n)) {
    if (akn_is_role(n, DM_ROLE_COMPONENT) && (dm_node_attr(n, "akn-meta") || akn_is_un_annex(w, n))) {
      /* An attachment read from AKN, with its own meta, or an annex of a
       * recognised resolution: written as one (akn_write_attach.c). */
      akn_nodes_push(w, &attached, n);
      continue;
    }
    if (!cover && cur == 0 && akn_is_cover(n)) {
      /* The masthead of a UN document: its coverPage, before the preface. */
      cover = n;
      continue;
    }
    int p = akn_part_of(n);
    if (p >= cur) {
      cur = p;
      if (!part_div[p]) part_div[p] = n;
      akn_children(w, &parts[p], dm_node_first_child(n));
    } else {
      akn_nodes_push_flat(w, &parts[cur], n);
    }
  }
  if (cover) akn_cover(w, cover);
  size_t cover_end = !cover && w->un_form ? akn_masthead_end(&parts[0]) : 0;
  if (cover_end) akn_cover_range(w, &parts[0], cover_end);
  w->part_divs = part_div;
  if (parts[0].n > cover_end) {
    akn_nodes rest = {parts[0].v + cover_end, parts[0].n - cover_end, 0};
    akn_preface(w, &rest);
  }
  if (parts[1].n) akn_preamble(w, &parts[1]);
  akn_main_body(w, &parts[2]);
  if (parts[3].n) akn_conclusions(w, &parts[3]);
  w->part_divs = NULL;
  if (attached.n) akn_write_attachments(w, attached.v, attached.n);
  for (int i = 0; i < 4; i++)
    free(parts[i].v);
  free(attached.v);
}

/* The document element: the one an AKN source had (act, bill, doc,
 * statement, with its name), else statement for a resolution and doc for
 * anything else. A type whose structure the writer does not build
 * (judgment, debate, ...) becomes doc with that name, and says so. */
static const char *akn_doc_element(akn_w *w, const char **name) {
  const dm_doc *doc = w->doc;
  const char *type = dm_doc_meta(doc, DM_META_DOC_TYPE);
  const char *el = dm_doc_meta(doc, "akn:type"), *nm = dm_doc_meta(doc, "akn:name");
  w->is_resolution = type && strcmp(type, "resolution") == 0;
  *name = w->is_resolution ? "resolution" : type && *type ? type : "document";
  w->un_form = w->is_resolution && !el;
  if (!el) return w->is_resolution ? "statement" : "doc";
  if (nm && *nm) *name = nm;
  static const char *const open[] = {"doc", "statement", "debateReport"};
  for (size_t i = 0; i < sizeof open / sizeof open[0]; i++)
    if (strcmp(el, open[i]) == 0) return open[i];
  if (strcmp(el, "act") == 0 || strcmp(el, "bill") == 0) {
    w->hier_body = 1;
    return el[0] == 'a' ? "act" : "bill";
  }
  if (!nm || !*nm) *name = el;
  if (dm_warn(w->ctx, DM_DIAG_UNSUPPORTED, dm_pos_offset(DM_NO_OFFSET),
              "AKN document type <%s> written as <doc name=\"%s\">: its own structure is not built", el,
              *name) != DM_OK)
    akn_fail(w, DM_ENOMEM);
  return "doc";
}

void akn_write_document(akn_w *w) {
  const dm_doc *doc = w->doc;
  const char *name;
  const char *el = akn_doc_element(w, &name);
  akn_declaration(w);
  akn_open(w, "akomaNtoso");
  akn_attr(w, "xmlns", AKN_NS);
  akn_attr(w, "xmlns:dm", AKN_DOCMILL_NS);
  akn_attr(w, "xmlns:" AKN_DOCMILL_ATTR_PREFIX, AKN_DOCMILL_ATTR_NS);
  akn_open(w, el);
  akn_attr(w, "name", name);
  akn_attr(w, "contains", "originalVersion");
  akn_eid_keep_all(w, dm_doc_root(doc));
  akn_write_meta(w);
  akn_write_parts(w, dm_doc_root(doc));
  akn_close(w);
  akn_close(w);
  /* The file ends with a newline, as xmlTextWriter's output did. */
  akn_textz(w, "\n");
}
