/* SPDX-License-Identifier: MIT */
/*
 * Internal interface between the Akoma Ntoso writer's files: the output
 * state (the XML writer into the sink behind a sticky error, the indentation,
 * the eId contexts and the notes already written) and the functions each
 * file provides. akn_write.c holds the descriptors and the package writer,
 * akn_write_xml.c the output primitives and eIds, akn_write_meta.c the
 * <meta> block, akn_write_body.c the document's parts, blocks and inlines.
 */
#ifndef DOCMILL_AKN_WRITE_H
#define DOCMILL_AKN_WRITE_H

#include "docmill/docmill.h"

/* One eId context: the prefix its children take and how many unnumbered
 * children of each kind it has had. */
typedef struct akn_eid_ctx {
  const char *eid; /* in the eId pool; NULL for the document itself */
  struct akn_counter *counters;
  size_t ncounters;
} akn_eid_ctx;

typedef struct akn_w {
  dm_ctx *ctx;
  const dm_doc *doc;
  dm_sink *out;
  dm_xml *x;                /* the markup, into out */
  int tag_has_eid;          /* the element just started has its eId */
  int status;               /* sticky: the first error, DM_OK until then */
  int inline_depth;         /* > 0: inside mixed content, no indentation */
  int depth;                /* element depth for indentation */
  unsigned char *had_child; /* per depth: an indented child was written */
  size_t had_child_cap;
  akn_eid_ctx *eids; /* stack */
  size_t neids, eids_cap;
  struct akn_used *used; /* open-addressing set of eIds written */
  size_t used_n, used_cap;
  struct akn_pool_block *pool; /* where every eId is kept */
  char *eidbuf;                /* scratch for building an eId */
  size_t eidbuf_cap;
  dm_node_map *notes; /* note node -> its eId (in the pool) */
  long auto_notes;    /* notes numbered by the writer so far */
  int is_resolution;
  int hier_body;           /* an act or bill: body instead of mainBody */
  int un_form;             /* a resolution docmill recognised: written as the UN's files are */
  int block_paras;         /* an annex docmill recognised: each block of mainBody a paragraph */
  int package;             /* writing main.xml of a package */
  const char *body_id;     /* the body in IRIs */
  char event_id[80];       /* eId of the plenary meeting's TLCEvent, or "" */
  const dm_node *eid_node; /* the node whose element akn_eid_push_node named */
  /* The source's eIds of the content and list of the div being written. */
  const char *content_eid, *list_eid;
  int bare_points;                 /* the unit being written is a sublist: no list round its points */
  const dm_node *const *part_divs; /* preface, preamble, mainBody, conclusions */
} akn_w;

/* ---- akn_write_xml.c ---- */
int akn_w_init(akn_w *w, dm_ctx *ctx, const dm_doc *doc, dm_sink *out);
/* Hands what is still buffered to the sink; returns the sticky status. */
int akn_w_finish(akn_w *w);
/* Frees everything (without writing what is still buffered). */
void akn_w_free(akn_w *w);
/* Records a status (the first one sticks) and returns the sticky one. */
int akn_fail(akn_w *w, int status);
/* The XML declaration and its newline. */
void akn_declaration(akn_w *w);
/* A block-level element: on its own indented line. */
void akn_open(akn_w *w, const char *name);
void akn_close(akn_w *w);
/* An element inside mixed content: never indented. */
void akn_open_inline(akn_w *w, const char *name);
void akn_close_inline(akn_w *w);
/* Enter or leave mixed content (the children of p, num, heading…). */
void akn_enter_text(akn_w *w);
void akn_leave_text(akn_w *w);
void akn_attr(akn_w *w, const char *name, const char *value);
/* name="#id": a reference to an eId, without building the string. */
void akn_attr_ref(akn_w *w, const char *name, const char *id);
/* dm:{key}: one of docmill's own marks (akn_common.h), never a node's
 * attribute. */
void akn_attr_dm(akn_w *w, const char *key, const char *value);
/* A node's own attribute, in a namespace of its own so that no key, not
 * even "role" or "delim", can meet one of docmill's marks on the same
 * element. */
void akn_attr_user(akn_w *w, const char *key, const char *value);
void akn_text(akn_w *w, const char *s, size_t len);
void akn_textz(akn_w *w, const char *s);
/* Markup kept from an AKN source (a meta block, akn_read_raw.c), written
 * as it is on a line of its own: the reader made it well-formed. */
void akn_markup(akn_w *w, const char *xml);
/* An empty element on its own line (block) or inline. */
void akn_empty(akn_w *w, const char *name, const char *attr, const char *value);

/* eIds of the Naming Convention. akn_eid_push makes "{prefix}__{abbr}_{num}"
 * (num from the label as printed, stripped of punctuation, or the ordinal
 * among the context's unnumbered {abbr}s), unique in the document, writes
 * it as the eId attribute of the element just opened, and makes it the new
 * context. The parts of a document (preface, preamble, mainBody,
 * conclusions) take no part in eIds and open no context: para_7, not
 * mainBody__para_7. akn_eid_mark gives the element just opened an eId
 * without making it a prefix (recitals: recs_1, whose recitals are rec_N
 * numbered across the preamble, as AKN4UN writes them).
 * akn_eid_push_doc numbers in the document's context whatever the
 * current one (authorialNote_N across the whole document, as in the OASIS
 * examples). */
const char *akn_eid_push(akn_w *w, const char *abbr, const char *label);
void akn_eid_mark(akn_w *w, const char *abbr);
const char *akn_eid_push_doc(akn_w *w, const char *abbr);
void akn_eid_pop(akn_w *w);
/* The source's eIds (node attribute "eId", from the AKN reader) are kept:
 * akn_eid_keep_all reserves them all before the body is written, so that
 * no made eId takes one; akn_eid_push_node is akn_eid_push for the element
 * of node n, with n's own eId when it has one not yet written;
 * akn_eid_attr_kept writes n's eId on an element that gets no made one. */
void akn_eid_keep_all(akn_w *w, const dm_node *root);
const char *akn_eid_push_node(akn_w *w, const char *abbr, const char *label, const dm_node *n);
const char *akn_eid_push_doc_node(akn_w *w, const char *abbr, const dm_node *n);
/* akn_eid_push with the source's eId kept (NULL: none). */
const char *akn_eid_push_id(akn_w *w, const char *abbr, const char *label, const char *kept);
void akn_eid_attr_kept(akn_w *w, const dm_node *n, const char *eid);
/* Reserves an id used outside the body (TLC references). */
void akn_eid_reserve(akn_w *w, const char *id);
/* Writes v in decimal at out (room for 21 bytes, NUL-terminated);
 * returns the length. */
size_t akn_fmt_long(char *out, long v);
/* The eId given to a note (NULL when not written yet). */
const char *akn_note_eid(akn_w *w, const dm_node *note);
void akn_note_set_eid(akn_w *w, const dm_node *note, const char *eid);

/* ---- akn_write_meta.c ---- */
void akn_write_meta(akn_w *w);
/* The meta of an attachment docmill recognised in a resolution (an
 * annex): its identification only, named name below the resolution's, as
 * the UN's files have it. */
void akn_write_attachment_meta(akn_w *w, const char *name);
/* The document's language as ISO 639-2/T. */
const char *akn_doc_lang(akn_w *w, char buf[4]);

/* ---- akn_write_body.c ---- */
void akn_write_document(akn_w *w);
/* The parts of the document (or of an attachment) under root: coverPage,
 * preface, preamble, mainBody or body, conclusions, attachments. */
void akn_write_parts(akn_w *w, const dm_node *root);

/* ---- akn_write_attach.c ---- */
/* Attachments read from AKN (component divs holding their meta as the
 * attribute "akn-meta"), each as attachment/doc with that meta, and annexes
 * recognised in a resolution, with a meta made for them. */
void akn_write_attachments(akn_w *w, const dm_node *const *divs, size_t n);
/* Plain text of an inline subtree (notes skipped), malloc'd; NULL on
 * out-of-memory. */
char *akn_plain_text(const dm_node *n);

#endif
