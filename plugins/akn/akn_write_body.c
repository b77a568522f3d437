/* SPDX-License-Identifier: MIT */
/*
 * The hierarchy of an Akoma Ntoso body: a plain document's mainBody with
 * its headings opened into nested sections, and hierarchical units
 * (sections, paragraphs, points). The schema is strict about where things
 * stand (a hierarchical element holds either content or intro / children /
 * wrapUp; a recital holds at least one block; li is mixed content), so the
 * children of each container are first sorted into runs of blocks, runs of
 * points and other hierarchical units, and each run is then written where
 * the schema allows it. How each model construct is spelled is listed in
 * akn_common.h, for the reader. Blocks are in akn_write_block.c, inlines in
 * akn_write_inline.c, the parts of a resolution in akn_write_parts.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "akn_common.h"
#include "akn_write_body.h"

static void akn_hier_div(akn_w *w, const dm_node *div);
static void akn_hier_content(akn_w *w, const akn_nodes *ns, size_t lo, size_t hi);

/* ---- helpers ---- */

void akn_nodes_push(akn_w *w, akn_nodes *ns, const dm_node *n) {
  if (w->status) return;
  if (ns->n == ns->cap) {
    size_t cap = ns->cap ? ns->cap * 2 : 16;
    const dm_node **p = realloc(ns->v, cap * sizeof *p);
    if (!p) {
      akn_fail(w, DM_ENOMEM);
      return;
    }
    ns->v = p;
    ns->cap = cap;
  }
  ns->v[ns->n++] = n;
}

int akn_is_role(const dm_node *n, dm_role role) { return dm_node_type_of(n) == DM_NODE_DIV && dm_node_role(n) == role; }

/* Pushes n, or the children of an intro / wrap-up div in its place. */
void akn_nodes_push_flat(akn_w *w, akn_nodes *ns, const dm_node *n) {
  if (akn_is_role(n, DM_ROLE_INTRO) || akn_is_role(n, DM_ROLE_WRAP_UP)) {
    for (const dm_node *c = dm_node_first_child(n); c; c = dm_node_next(c))
      akn_nodes_push_flat(w, ns, c);
  } else {
    akn_nodes_push(w, ns, n);
  }
}

void akn_children(akn_w *w, akn_nodes *ns, const dm_node *first) {
  for (const dm_node *c = first; c; c = dm_node_next(c))
    akn_nodes_push_flat(w, ns, c);
}

/* Sorts nodes[lo, hi) into items. Headings open sections only in a plain
 * document: in a resolution they are part of the printed text. */
static akn_items akn_sort(akn_w *w, const akn_nodes *ns, size_t lo, size_t hi) {
  akn_items it = {NULL, 0};
  if (hi <= lo || w->status) return it;
  it.v = calloc(hi - lo, sizeof *it.v);
  if (!it.v) {
    akn_fail(w, DM_ENOMEM);
    return it;
  }
  for (size_t i = lo; i < hi;) {
    const dm_node *n = ns->v[i];
    akn_item *item = &it.v[it.n++];
    item->idx = i;
    if (dm_node_type_of(n) == DM_NODE_HEADING && !w->is_resolution) {
      int level = dm_node_heading_level(n);
      size_t e = i + 1;
      while (e < hi && !(dm_node_type_of(ns->v[e]) == DM_NODE_HEADING && dm_node_heading_level(ns->v[e]) <= level))
        e++;
      item->kind = AKN_SECT;
      item->end = e;
      i = e;
      continue;
    }
    item->kind = akn_is_role(n, DM_ROLE_POINT) ? AKN_POINT : dm_node_type_of(n) == DM_NODE_DIV ? AKN_DIV : AKN_BLOCK;
    i++;
  }
  return it;
}

/* Attributes of a node that AKN has no place for, as dma:{key}; "lang" as
 * xml:lang; ids are regenerated, never copied. skip is a key the caller
 * wrote natively. */
void akn_node_attrs(akn_w *w, const dm_node *n, const char *skip) {
  for (size_t i = 0; i < dm_node_attr_count(n); i++) {
    const char *k = dm_node_attr_key(n, i), *v = dm_node_attr_value(n, i);
    if (skip && strcmp(k, skip) == 0) continue;
    if (strcmp(k, "eId") == 0) {
      akn_eid_attr_kept(w, n, v);
      continue;
    }
    if (strcmp(k, "wId") == 0 || strcmp(k, "GUID") == 0 || strcmp(k, "content-eId") == 0 ||
        strcmp(k, "list-eId") == 0 || strcmp(k, "akn-meta") == 0)
      continue;
    if (strcmp(k, "lang") == 0)
      akn_attr(w, "xml:lang", v);
    else if (dm_node_type_of(n) == DM_NODE_TABLE_CELL && (strcmp(k, "rowspan") == 0 || strcmp(k, "colspan") == 0))
      akn_attr(w, k, v);
    else if (strcmp(k, "refersTo") == 0 || (strcmp(k, "class") == 0 && dm_node_type_of(n) == DM_NODE_PARAGRAPH))
      akn_attr(w, k, v);
    else
      akn_attr_user(w, k, v);
  }
}

void akn_num(akn_w *w, const char *label) {
  if (!label) return;
  akn_open(w, "num");
  akn_enter_text(w);
  akn_textz(w, label);
  akn_leave_text(w);
  akn_close(w);
}

void akn_inline_elem(akn_w *w, const char *name, const dm_node *n) {
  akn_open_inline(w, name);
  akn_node_attrs(w, n, NULL);
  akn_inlines(w, dm_node_first_child(n));
  akn_close_inline(w);
}

/* ---- hierarchy ---- */

/* The AKN element and eId abbreviation of a section div's class. */
static const char *akn_section_element(const char *cls, const char **abbr) {
  static const char *const map[][2] = {
      {"article", "art"},
      {"chapter", "chp"},
      {"section", "sec"},
      {"subsection", "subsec"},
      {"part", "part"},
      {"subpart", "subpart"},
      {"clause", "cl"},
      {"subclause", "subcl"},
      {"division", "dvs"},
      {"subdivision", "subdvs"},
      {"subchapter", "subchp"},
      {"paragraph", "para"},
      {"subparagraph", "subpara"},
      {"title", "title"},
      {"subtitle", "subtitle"},
      {"book", "book"},
      {"tome", "tome"},
      {"alinea", "al"},
      {"indent", "indent"},
      {"rule", "rule"},
      {"subrule", "subrule"},
      {"proviso", "proviso"},
      {"level", "level"},
      {"transitional", "transitional"},
  };
  for (size_t i = 0; cls && i < sizeof map / sizeof map[0]; i++)
    if (strcmp(map[i][0], cls) == 0) return *abbr = map[i][1], map[i][0];
  *abbr = "hcontainer";
  return "hcontainer";
}

static void akn_sect(akn_w *w, const akn_nodes *ns, size_t idx, size_t end) {
  const dm_node *h = ns->v[idx];
  char cls[24] = "h";
  akn_fmt_long(cls + 1, dm_node_heading_level(h));
  akn_open(w, "section");
  akn_eid_push(w, "sec", NULL);
  akn_attr(w, "class", cls);
  akn_text_block(w, "heading", NULL, h);
  akn_hier_content(w, ns, idx + 1, end);
  akn_eid_pop(w);
  akn_close(w);
}

/* A run of points as one list, with the blocks before it as intro and the
 * blocks after it as wrap-up. */
static void akn_point_list(akn_w *w, const akn_nodes *ns, const akn_items *it, size_t intro_lo, size_t intro_hi,
                           size_t p_lo, size_t p_hi, size_t wrap_lo, size_t wrap_hi, const char *kept) {
  akn_open(w, "list");
  akn_eid_push_id(w, "list", NULL, kept);
  if (intro_hi > intro_lo) akn_wrapped_blocks(w, "intro", ns, it->v[intro_lo].idx, it->v[intro_hi - 1].idx + 1);
  for (size_t k = p_lo; k < p_hi; k++)
    akn_hier_div(w, ns->v[it->v[k].idx]);
  if (wrap_hi > wrap_lo) akn_wrapped_blocks(w, "wrapUp", ns, it->v[wrap_lo].idx, it->v[wrap_hi - 1].idx + 1);
  akn_eid_pop(w);
  akn_close(w);
}

static void akn_hier_item(akn_w *w, const akn_nodes *ns, const akn_item *item) {
  if (item->kind == AKN_SECT)
    akn_sect(w, ns, item->idx, item->end);
  else
    akn_hier_div(w, ns->v[item->idx]);
}

static size_t akn_run_end(const akn_items *it, size_t i, akn_kind kind) {
  while (i < it->n && it->v[i].kind == kind)
    i++;
  return i;
}

/* The children of a hierarchical element, after its num and heading:
 * content when they are all blocks, else intro, units and wrapUp. */
static void akn_hier_content(akn_w *w, const akn_nodes *ns, size_t lo, size_t hi) {
  /* The source's eIds of this unit's content and list, once. */
  const char *content_eid = w->content_eid, *list_eid = w->list_eid;
  int bare = w->bare_points;
  w->content_eid = w->list_eid = NULL;
  w->bare_points = 0;
  akn_items it = akn_sort(w, ns, lo, hi);
  size_t n = it.n;
  if (akn_run_end(&it, 0, AKN_BLOCK) == n) {
    akn_open(w, "content");
    if (content_eid) akn_eid_attr_kept(w, NULL, content_eid);
    akn_block_range(w, ns, lo, hi);
    akn_close(w);
    free(it.v);
    return;
  }
  size_t i = 0;
  size_t lead = akn_run_end(&it, 0, AKN_BLOCK);
  if (lead > 0 && it.v[lead].kind != AKN_POINT) {
    akn_wrapped_blocks(w, "intro", ns, it.v[0].idx, it.v[lead - 1].idx + 1);
    i = lead;
  }
  while (i < n && !w->status) {
    if (it.v[i].kind == AKN_BLOCK) {
      size_t j = akn_run_end(&it, i, AKN_BLOCK);
      if (j < n && it.v[j].kind == AKN_POINT) {
        /* Blocks just before points introduce them (runs after points were
         * taken as the list's wrap-up). */
        size_t q = akn_run_end(&it, j, AKN_POINT);
        size_t r = akn_run_end(&it, q, AKN_BLOCK);
        akn_point_list(w, ns, &it, i, j, j, q, q, r, list_eid);
        list_eid = NULL;
        i = r;
        continue;
      }
      const char *name = j == n ? "wrapUp" : NULL;
      if (name) {
        akn_wrapped_blocks(w, name, ns, it.v[i].idx, it.v[j - 1].idx + 1);
      } else {
        /* Blocks between two units: the schema has no place for them but
         * inside a unit of their own. */
        akn_open(w, "hcontainer");
        akn_eid_push(w, "hcontainer", NULL);
        akn_attr(w, "name", "blocks");
        akn_open(w, "content");
        akn_block_range(w, ns, it.v[i].idx, it.v[j - 1].idx + 1);
        akn_close(w);
        akn_eid_pop(w);
        akn_close(w);
      }
      i = j;
    } else if (it.v[i].kind == AKN_POINT && bare) {
      /* A sublist holds its points itself. */
      akn_hier_div(w, ns->v[it.v[i].idx]);
      i++;
    } else if (it.v[i].kind == AKN_POINT) {
      size_t q = akn_run_end(&it, i, AKN_POINT);
      size_t r = akn_run_end(&it, q, AKN_BLOCK);
      akn_point_list(w, ns, &it, i, i, i, q, q, r, list_eid);
      list_eid = NULL;
      i = r;
    } else {
      akn_hier_item(w, ns, &it.v[i]);
      i++;
    }
  }
  free(it.v);
}

static void akn_hier_div(akn_w *w, const dm_node *div) {
  dm_role role = dm_node_role(div);
  const char *cls = dm_node_class(div);
  const char *name, *abbr, *hname = NULL;
  switch (role) {
  case DM_ROLE_PARAGRAPH: name = "paragraph", abbr = "para"; break;
  case DM_ROLE_POINT:
    /* The UN's sublist: points standing in a list beside its points. */
    if (cls && strcmp(cls, "sublist") == 0 && !dm_node_label(div))
      name = "sublist", abbr = "sublist", cls = NULL;
    else
      name = "point", abbr = "point";
    break;
  case DM_ROLE_SECTION:
    name = akn_section_element(cls, &abbr);
    if (strcmp(name, "hcontainer") == 0) hname = cls ? cls : "section";
    break;
  default:
    name = "hcontainer", abbr = "hcontainer";
    hname = role == DM_ROLE_NONE ? "div" : dm_role_name(role);
    break;
  }
  akn_open(w, name);
  akn_eid_push_node(w, abbr, dm_node_label(div), div);
  if (hname) akn_attr(w, "name", hname);
  if (cls && !(hname && strcmp(hname, cls) == 0) && !(role == DM_ROLE_SECTION && strcmp(name, cls) == 0))
    akn_attr(w, "class", cls);
  if (role != DM_ROLE_NONE && strcmp(name, "hcontainer") == 0 && role != DM_ROLE_SECTION)
    akn_attr_dm(w, "role", dm_role_name(role));
  akn_node_attrs(w, div, NULL);
  akn_num(w, dm_node_label(div));
  const dm_node *first = dm_node_first_child(div);
  if (role == DM_ROLE_SECTION && first && dm_node_type_of(first) == DM_NODE_HEADING) {
    akn_text_block(w, "heading", NULL, first);
    first = dm_node_next(first);
  }
  akn_nodes ns = {NULL, 0, 0};
  akn_children(w, &ns, first);
  w->content_eid = dm_node_attr(div, "content-eId");
  w->list_eid = dm_node_attr(div, "list-eId");
  w->bare_points = strcmp(name, "sublist") == 0;
  akn_hier_content(w, &ns, 0, ns.n);
  free(ns.v);
  akn_eid_pop(w);
  akn_close(w);
}

/* mainBody takes blocks and units side by side; points still go in lists.
 * The body of an act or bill takes units only: blocks there go in a unit
 * of their own. */
/* Blocks where only units may stand, as a unit of their own; need_one: an
 * empty one still holds the p the schema wants. */
static void akn_blocks_unit(akn_w *w, const akn_nodes *ns, size_t lo, size_t hi) {
  akn_open(w, "hcontainer");
  akn_eid_push(w, "hcontainer", NULL);
  akn_attr(w, "name", "blocks");
  akn_open(w, "content");
  akn_block_range(w, ns, lo, hi);
  if (hi <= lo) akn_empty(w, "p", NULL, NULL);
  akn_close(w);
  akn_eid_pop(w);
  akn_close(w);
}

void akn_main_body(akn_w *w, const akn_nodes *ns) {
  akn_open(w, w->hier_body ? "body" : "mainBody");
  akn_part_eid(w, 2);
  akn_items it = akn_sort(w, ns, 0, ns->n);
  for (size_t i = 0; i < it.n && !w->status;) {
    if (it.v[i].kind == AKN_POINT) {
      size_t q = akn_run_end(&it, i, AKN_POINT);
      akn_point_list(w, ns, &it, i, i, i, q, q, q, NULL);
      i = q;
    } else if (it.v[i].kind == AKN_BLOCK && w->hier_body) {
      size_t j = akn_run_end(&it, i, AKN_BLOCK);
      akn_blocks_unit(w, ns, it.v[i].idx, it.v[j - 1].idx + 1);
      i = j;
    } else if (it.v[i].kind == AKN_BLOCK && w->block_paras) {
      /* An annex of the UN's: every block a paragraph, numbered or not. */
      akn_open(w, "paragraph");
      akn_eid_push(w, "para", NULL);
      akn_wrapped_blocks(w, "content", ns, it.v[i].idx, it.v[i].idx + 1);
      akn_eid_pop(w);
      akn_close(w);
      i++;
    } else if (it.v[i].kind == AKN_BLOCK) {
      akn_block_range(w, ns, it.v[i].idx, it.v[i].idx + 1);
      i++;
    } else {
      akn_hier_item(w, ns, &it.v[i]);
      i++;
    }
  }
  if (it.n == 0 && w->hier_body)
    akn_blocks_unit(w, ns, 0, 0);
  else if (it.n == 0)
    akn_empty(w, "p", NULL, NULL);
  free(it.v);
  akn_close(w);
}
