/* SPDX-License-Identifier: MIT */
/*
 * Attachments of an AKN source, written back as attachments. The UN's
 * resolutions carry an annex as attachments/attachment/doc name="annex"
 * with a meta of its own (the annex's FRBR identification); the reader keeps
 * that meta as markup on the component div ("akn-meta", akn_read_raw.c),
 * and here it goes back in front of the annex's parts. An annex the
 * un-resolution transform recognised after the operative paragraphs is
 * written the same way, with a meta made as the UN's is (only the
 * identification, named !main/annex) and each of its blocks a paragraph
 * of its own, as S/RES/2611 (2021) has them. Any other component with no
 * such meta (an annex of a .akn package, one made from Markdown) is
 * written as before, where it stands.
 */
#include <string.h>

#include "akn_write.h"

void akn_write_attachments(akn_w *w, const dm_node *const *divs, size_t n) {
  int un_form = w->un_form, hier = w->hier_body;
  /* An attachment is a doc of its own: none of the document's forms. */
  w->un_form = 0;
  w->hier_body = 0;
  akn_open(w, "attachments");
  for (size_t i = 0; i < n && !w->status; i++) {
    const dm_node *div = divs[i];
    const char *name = dm_node_class(div);
    akn_open(w, "attachment");
    const char *eid = dm_node_attr(div, "eId");
    if (eid) akn_eid_attr_kept(w, div, eid);
    akn_open(w, "doc");
    akn_attr(w, "name", name && *name ? name : "attachment");
    const char *meta = dm_node_attr(div, "akn-meta");
    if (meta) {
      akn_open(w, "meta");
      akn_markup(w, meta);
      akn_close(w);
    } else {
      akn_write_attachment_meta(w, name && *name ? name : "attachment");
    }
    w->block_paras = !meta;
    akn_write_parts(w, div);
    w->block_paras = 0;
    akn_close(w);
    akn_close(w);
  }
  akn_close(w);
  w->un_form = un_form;
  w->hier_body = hier;
}
