/* SPDX-License-Identifier: MIT */
/*
 * The inlines of an Akoma Ntoso body: text, emphasis, links, the model's
 * spans (semantic inlines such as docNumber, or docmill's own classes),
 * footnotes as authorialNote with the source's marker, and the plain text
 * of an inline subtree that the parts use for names and titles.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "akn_common.h"
#include "akn_write_body.h"

char *akn_plain_text(const dm_node *root) {
  size_t len = 0, cap = 64;
  char *s = malloc(cap);
  if (!s) return NULL;
  s[0] = '\0';
  dm_iter *it = dm_iter_new((dm_node *)root);
  if (!it) {
    free(s);
    return NULL;
  }
  dm_event ev;
  int skip = 0; /* inside a note */
  while ((ev = dm_iter_next(it)) != DM_EVENT_DONE) {
    const dm_node *n = dm_iter_node(it);
    dm_node_type t = dm_node_type_of(n);
    if (t == DM_NODE_NOTE) {
      skip += ev == DM_EVENT_ENTER ? 1 : -1;
      continue;
    }
    if (skip || ev != DM_EVENT_ENTER) continue;
    const char *add = NULL;
    size_t alen = 0;
    if (t == DM_NODE_TEXT || t == DM_NODE_CODE)
      add = dm_node_literal(n), alen = dm_node_literal_len(n);
    else if (t == DM_NODE_SOFTBREAK || t == DM_NODE_LINEBREAK)
      add = " ", alen = 1;
    if (!add) continue;
    if (len + alen + 1 > cap) {
      while (len + alen + 1 > cap)
        cap *= 2;
      char *p = realloc(s, cap);
      if (!p) {
        free(s);
        dm_iter_free(it);
        return NULL;
      }
      s = p;
    }
    memcpy(s + len, add, alen);
    len += alen;
    s[len] = '\0';
  }
  dm_iter_free(it);
  return s;
}

/* ---- inlines ---- */

static int akn_in_list(const char *const *list, const char *s) {
  for (; *list; list++)
    if (strcmp(*list, s) == 0) return 1;
  return 0;
}

static void akn_span(akn_w *w, const dm_node *n) {
  const char *cls = dm_node_class(n);
  const char *skip = NULL;
  if (!cls) {
    akn_inline_elem(w, "span", n);
    return;
  }
  int native = akn_in_list(akn_span_elements(), cls);
  /* The UN marks the agenda item as <inline name="agenda item"> and keeps
   * docketNumber for the job number. */
  if (w->un_form && strcmp(cls, "docketNumber") == 0) cls = "agenda item", native = 0;
  const char *date = dm_node_attr(n, "date"), *href = dm_node_attr(n, "href");
  if (strcmp(cls, "docDate") == 0 && !akn_is_iso_date(date)) native = 0;
  if (strcmp(cls, "ref") == 0 && !href) native = 0;
  if (native) {
    akn_open_inline(w, cls);
    if (strcmp(cls, "docDate") == 0)
      akn_attr(w, "date", date), skip = "date";
    else if (strcmp(cls, "ref") == 0) {
      /* A link is <ref href> too: the mark tells the reader this one is
       * the span of a cited document, so neither comes back as the other. */
      akn_attr(w, "href", href), skip = "href";
      akn_attr_dm(w, "node", "span");
    } else if (strcmp(cls, "session") == 0 && dm_node_attr(n, "value"))
      akn_attr(w, "value", dm_node_attr(n, "value")), skip = "value";
  } else {
    akn_open_inline(w, "inline");
    akn_attr(w, "name", cls);
    if (strcmp(cls, "meeting") == 0 && w->event_id[0]) {
      akn_attr_ref(w, "refersTo", w->event_id);
      skip = "refersTo";
    }
  }
  akn_node_attrs(w, n, skip);
  akn_inlines(w, dm_node_first_child(n));
  akn_close_inline(w);
}

static void akn_note(akn_w *w, const dm_node *n) {
  const char *label = dm_node_label(n);
  char num[32];
  if (!label) {
    akn_fmt_long(num, ++w->auto_notes);
    label = num;
  }
  akn_open_inline(w, "authorialNote");
  akn_attr(w, "marker", label);
  akn_attr(w, "placement", "bottom");
  const char *eid = akn_eid_push_doc_node(w, "authorialNote", n);
  akn_note_set_eid(w, n, eid);
  if (label == num) akn_attr_dm(w, "auto", "true");
  akn_node_attrs(w, n, NULL);
  akn_blocks(w, dm_node_first_child(n), 1);
  akn_eid_pop(w);
  akn_close_inline(w);
}

void akn_inline(akn_w *w, const dm_node *n) {
  switch (dm_node_type_of(n)) {
  case DM_NODE_TEXT: akn_text(w, dm_node_literal(n), dm_node_literal_len(n)); break;
  case DM_NODE_SOFTBREAK: akn_text(w, "\n", 1); break;
  case DM_NODE_LINEBREAK:
    akn_open_inline(w, "br");
    akn_close_inline(w);
    break;
  case DM_NODE_EMPH: akn_inline_elem(w, "i", n); break;
  case DM_NODE_STRONG: akn_inline_elem(w, "b", n); break;
  case DM_NODE_UNDERLINE: akn_inline_elem(w, "u", n); break;
  case DM_NODE_SUPERSCRIPT: akn_inline_elem(w, "sup", n); break;
  case DM_NODE_SUBSCRIPT: akn_inline_elem(w, "sub", n); break;
  case DM_NODE_STRIKE: akn_inline_elem(w, "del", n); break;
  case DM_NODE_CODE:
  case DM_NODE_RAW_INLINE:
    akn_open_inline(w, "inline");
    akn_attr(w, "name", dm_node_type_of(n) == DM_NODE_CODE ? "code" : "raw");
    if (dm_node_type_of(n) == DM_NODE_RAW_INLINE) akn_attr_dm(w, "format", dm_node_label(n));
    akn_node_attrs(w, n, NULL);
    akn_text(w, dm_node_literal(n), dm_node_literal_len(n));
    akn_close_inline(w);
    break;
  case DM_NODE_LINK:
    akn_open_inline(w, "ref");
    akn_attr(w, "href", dm_node_url(n));
    if (*dm_node_title(n)) akn_attr(w, "title", dm_node_title(n));
    akn_node_attrs(w, n, NULL);
    akn_inlines(w, dm_node_first_child(n));
    akn_close_inline(w);
    break;
  case DM_NODE_IMAGE: {
    char *alt = akn_plain_text(n);
    if (!alt) akn_fail(w, DM_ENOMEM);
    akn_open_inline(w, "img");
    akn_attr(w, "src", dm_node_url(n));
    if (alt && *alt) akn_attr(w, "alt", alt);
    if (*dm_node_title(n)) akn_attr(w, "title", dm_node_title(n));
    akn_node_attrs(w, n, NULL);
    akn_close_inline(w);
    free(alt);
    break;
  }
  case DM_NODE_SPAN: akn_span(w, n); break;
  case DM_NODE_NOTE: akn_note(w, n); break;
  case DM_NODE_NOTE_REF: {
    const dm_node *target = dm_node_note_target(n);
    const char *eid = target ? akn_note_eid(w, target) : NULL;
    if (!eid) {
      /* dm_doc_check guarantees a target; a reference before its note is
       * the one case left, and AKN cannot point forward to an eId yet
       * unwritten any better than we can. */
      if (dm_warn(w->ctx, DM_DIAG_UNSUPPORTED, dm_node_pos(n), "note reference before its note; kept as text") != DM_OK)
        akn_fail(w, DM_ENOMEM);
      akn_textz(w, dm_node_label(n));
      break;
    }
    akn_open_inline(w, "noteRef");
    akn_attr_ref(w, "href", eid);
    akn_attr(w, "marker", dm_node_label(n) ? dm_node_label(n) : dm_node_label(target));
    akn_close_inline(w);
    break;
  }
  default:
    /* A block where inlines belong: dm_doc_check refuses such trees. */
    akn_fail(w,
             dm_error(w->ctx, DM_EINTERNAL, "block node %s in inline content", dm_node_type_name(dm_node_type_of(n))));
    break;
  }
}

void akn_inlines(akn_w *w, const dm_node *first) {
  for (const dm_node *n = first; n && !w->status; n = dm_node_next(n))
    akn_inline(w, n);
}

/* An element whose content is the inlines of n. */
void akn_text_block(akn_w *w, const char *name, const char *cls, const dm_node *n) {
  akn_open(w, name);
  if (cls) akn_attr(w, "class", cls);
  akn_node_attrs(w, n, NULL);
  akn_enter_text(w);
  akn_inlines(w, dm_node_first_child(n));
  akn_leave_text(w);
  akn_close(w);
}
