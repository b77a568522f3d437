/* SPDX-License-Identifier: MIT */
/*
 * The document model: a small, closed tree of opaque nodes owned by the
 * document's arena. Readers build it, transforms rewrite it, writers walk it.
 * Nodes and strings are freed with the document, never one by one, so a
 * reader's error path cannot leak. Structure only some formats care about
 * (the parts of a UN resolution, numbered paragraphs and their sub-items,
 * the sections of a statute) is carried by the generic DM_NODE_DIV with a
 * typed role and a number label as printed; writers that have no use for a
 * role render the content. A footnote is an inline DM_NODE_NOTE holding
 * blocks at the place of its first reference, with the marker the source
 * gave it; a later reference to the same note is a DM_NODE_NOTE_REF.
 */
#ifndef DOCMILL_DOC_H
#define DOCMILL_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct dm_doc dm_doc;
typedef struct dm_node dm_node;

/* Node types. The set is closed; the numeric values are part of the ABI. */
typedef enum dm_node_type {
  DM_NODE_NONE = 0,
  /* blocks */
  DM_NODE_DOCUMENT = 1,   /* the root; holds blocks */
  DM_NODE_PARAGRAPH,      /* holds inlines */
  DM_NODE_HEADING,        /* holds inlines; level 1..6 */
  DM_NODE_BLOCK_QUOTE,    /* holds blocks */
  DM_NODE_LIST,           /* holds items; ordered or bullet, start, tight */
  DM_NODE_ITEM,           /* holds blocks */
  DM_NODE_CODE_BLOCK,     /* leaf: literal text, info string */
  DM_NODE_RAW_BLOCK,      /* leaf: literal in the format named by "format" */
  DM_NODE_THEMATIC_BREAK, /* leaf */
  DM_NODE_PAGE_BREAK,     /* leaf: a page ended here in the source */
  DM_NODE_TABLE,          /* holds rows */
  DM_NODE_TABLE_ROW,      /* holds cells; header flag */
  DM_NODE_TABLE_CELL,     /* holds blocks; alignment */
  DM_NODE_DIV,            /* holds blocks; role, label, class */
  /* inlines */
  DM_NODE_TEXT = 32, /* leaf: literal */
  DM_NODE_SOFTBREAK, /* leaf: a line break the source wrapped */
  DM_NODE_LINEBREAK, /* leaf: a hard line break */
  DM_NODE_EMPH,      /* holds inlines */
  DM_NODE_STRONG,
  DM_NODE_STRIKE,
  DM_NODE_UNDERLINE,
  DM_NODE_SUPERSCRIPT,
  DM_NODE_SUBSCRIPT,
  DM_NODE_CODE,       /* leaf: literal */
  DM_NODE_LINK,       /* holds inlines; url, title */
  DM_NODE_IMAGE,      /* holds inlines (the alternative text); url, title */
  DM_NODE_RAW_INLINE, /* leaf: literal in the format named by "format" */
  DM_NODE_SPAN,       /* holds inlines; class names what it is */
  DM_NODE_NOTE,       /* holds blocks; marker; at its first reference */
  DM_NODE_NOTE_REF    /* leaf: a further reference to a DM_NODE_NOTE */
} dm_node_type;

/* Roles of a DM_NODE_DIV. Values are part of the ABI; new roles are only
 * appended. Writers that do not know a role render its children. */
typedef enum dm_role {
  DM_ROLE_NONE = 0,    /* a generic container (pandoc's Div) */
  DM_ROLE_PREFACE,     /* the front matter: body, symbol, session, title */
  DM_ROLE_PREAMBLE,    /* formula and preambular clauses */
  DM_ROLE_FORMULA,     /* "The General Assembly," */
  DM_ROLE_RECITAL,     /* one preambular clause */
  DM_ROLE_MAIN_BODY,   /* the operative part */
  DM_ROLE_PARAGRAPH,   /* a numbered operative paragraph; label "1." */
  DM_ROLE_POINT,       /* a sub-item of a paragraph or point; label "(a)" */
  DM_ROLE_CONCLUSIONS, /* closing date, meeting, signatures */
  DM_ROLE_SECTION,     /* a hierarchical unit (article, chapter, section,
                          part...); class gives its kind; may start with a
                          DM_NODE_HEADING */
  DM_ROLE_COMPONENT,   /* an attached component (annex, schedule) */
  DM_ROLE_INTRO,       /* text before a list of points */
  DM_ROLE_WRAP_UP      /* text after a list of points */
} dm_role;

/* Names of roles ("preamble") and node types ("paragraph"); static. */
const char *dm_role_name(dm_role role);
const char *dm_node_type_name(dm_node_type type);
int dm_node_type_is_block(dm_node_type type);
int dm_node_type_is_inline(dm_node_type type);

typedef enum dm_align { DM_ALIGN_NONE = 0, DM_ALIGN_LEFT, DM_ALIGN_CENTER, DM_ALIGN_RIGHT } dm_align;

/* ---- documents ---------------------------------------------------------- */

/* A new empty document (a DM_NODE_DOCUMENT root). NULL when out of memory. */
dm_doc *dm_doc_new(void);
/* Frees the document with every node and string it owns. NULL-safe. */
void dm_doc_free(dm_doc *doc);
/* The root node; lives as long as the document. */
dm_node *dm_doc_root(const dm_doc *doc);

/* Allocates from the document's arena; freed with the document. NULL when
 * out of memory. dm_doc_strndup copies len bytes and appends a NUL. */
void *dm_doc_alloc(dm_doc *doc, size_t size);
char *dm_doc_strdup(dm_doc *doc, const char *s);
char *dm_doc_strndup(dm_doc *doc, const char *s, size_t len);

/* ---- metadata ----------------------------------------------------------- */

/* Well-known metadata keys. Values are UTF-8 strings; dates are ISO 8601
 * (YYYY-MM-DD), the language a BCP 47 tag ("zh", "en", "ar"). Any other key
 * is free-form and carried by the writers that can. */
#define DM_META_TITLE "title"             /* "贩运妇女和女童" */
#define DM_META_LANGUAGE "language"       /* "zh" */
#define DM_META_DOC_TYPE "doc-type"       /* "resolution" */
#define DM_META_NUMBER "number"           /* "75/158" */
#define DM_META_SYMBOL "symbol"           /* "A/RES/75/158" */
#define DM_META_BODY "body"               /* "大会" as printed */
#define DM_META_BODY_ID "body-id"         /* "un-ga" */
#define DM_META_SESSION "session"         /* "75" */
#define DM_META_AGENDA_ITEM "agenda-item" /* "28" */
#define DM_META_AGENDA_TITLE "agenda-title"
#define DM_META_DATE "date"                           /* adoption date, ISO */
#define DM_META_DISTRIBUTION "distribution"           /* "General" */
#define DM_META_DISTRIBUTION_DATE "distribution-date" /* ISO */
#define DM_META_REPORT "report"                       /* "A/75/471" */
#define DM_META_MEETING "meeting"                     /* "46" (plenary meeting number) */
#define DM_META_AUTHOR "author"
#define DM_META_COUNTRY "country" /* "un" */

/* Sets key to a copy of value (NULL removes it). DM_OK or DM_ENOMEM. */
int dm_doc_set_meta(dm_doc *doc, const char *key, const char *value);
/* The value, or NULL; lives until the key is set again or the doc freed. */
const char *dm_doc_meta(const dm_doc *doc, const char *key);
/* Metadata in the order keys were first set; i < count. */
size_t dm_doc_meta_count(const dm_doc *doc);
const char *dm_doc_meta_key(const dm_doc *doc, size_t i);
const char *dm_doc_meta_value(const dm_doc *doc, size_t i);

/* ---- nodes -------------------------------------------------------------- */

/* A new detached node of the document; NULL when out of memory or type is
 * not a node type. Lives as long as the document. */
dm_node *dm_node_new(dm_doc *doc, dm_node_type type);
/* Shorthands: a text node holding a copy of len bytes of s; a DIV. */
dm_node *dm_node_new_text(dm_doc *doc, const char *s, size_t len);
dm_node *dm_node_new_div(dm_doc *doc, dm_role role, const char *label);

dm_node_type dm_node_type_of(const dm_node *node);
dm_doc *dm_node_doc(const dm_node *node);

/* Tree links; NULL where there is none. */
dm_node *dm_node_parent(const dm_node *node);
dm_node *dm_node_first_child(const dm_node *node);
dm_node *dm_node_last_child(const dm_node *node);
dm_node *dm_node_next(const dm_node *node);
dm_node *dm_node_prev(const dm_node *node);

/* Whether parent may hold a child of this type (cmark's S_can_contain). */
int dm_node_can_contain(const dm_node *parent, dm_node_type child);

/* Mutators. Each checks containment and that no cycle is made, and returns
 * DM_OK or DM_EINTERNAL (leaving the tree unchanged). A child that is
 * attached elsewhere is unlinked first. */
int dm_node_append_child(dm_node *parent, dm_node *child);
int dm_node_prepend_child(dm_node *parent, dm_node *child);
int dm_node_insert_before(dm_node *sibling, dm_node *node);
int dm_node_insert_after(dm_node *sibling, dm_node *node);
/* Detaches node (with its subtree) from its parent; it stays owned by the
 * document and may be attached again. */
void dm_node_unlink(dm_node *node);
/* Moves every child of from to the end of to (containment checked). */
int dm_node_move_children(dm_node *to, dm_node *from);

/* Source position, for diagnostics. */
void dm_node_set_pos(dm_node *node, dm_pos pos);
dm_pos dm_node_pos(const dm_node *node);

/* The literal of TEXT, CODE, CODE_BLOCK, RAW_BLOCK, RAW_INLINE nodes;
 * "" for others. Setters copy; getters' strings live until the next set. */
const char *dm_node_literal(const dm_node *node);
size_t dm_node_literal_len(const dm_node *node);
int dm_node_set_literal(dm_node *node, const char *s, size_t len);
/* Appends len bytes to the literal (amortised, for readers building text). */
int dm_node_append_literal(dm_node *node, const char *s, size_t len);

/* HEADING level 1..6. */
int dm_node_heading_level(const dm_node *node);
int dm_node_set_heading_level(dm_node *node, int level);

/* LIST: ordered or bullet, the start number, tight or loose, the delimiter
 * of an ordered list ('.' or ')') and the bullet character ('-', '*', '+'). */
int dm_node_list_ordered(const dm_node *node);
long dm_node_list_start(const dm_node *node);
int dm_node_list_tight(const dm_node *node);
char dm_node_list_delim(const dm_node *node);
int dm_node_set_list(dm_node *node, int ordered, long start, int tight, char delim);

/* TABLE_ROW: header row or not. TABLE_CELL: alignment. */
int dm_node_row_is_header(const dm_node *node);
int dm_node_set_row_header(dm_node *node, int is_header);
dm_align dm_node_cell_align(const dm_node *node);
int dm_node_set_cell_align(dm_node *node, dm_align align);

/* LINK and IMAGE: the URL and title ("" when none). */
const char *dm_node_url(const dm_node *node);
const char *dm_node_title(const dm_node *node);
int dm_node_set_url(dm_node *node, const char *url);
int dm_node_set_title(dm_node *node, const char *title);

/* DIV: role and label (the number as printed: "1.", "(a)", "2 bis."). */
dm_role dm_node_role(const dm_node *node);
int dm_node_set_role(dm_node *node, dm_role role);
/* The label of a DIV, the marker of a NOTE or NOTE_REF, the info string of
 * a CODE_BLOCK, the format of RAW_BLOCK / RAW_INLINE ("html"), or NULL. */
const char *dm_node_label(const dm_node *node);
int dm_node_set_label(dm_node *node, const char *label);

/* DIV and SPAN: a class naming what the node is, open-ended ("article",
 * "docNumber", "docDate", "session"); NULL when none. */
const char *dm_node_class(const dm_node *node);
int dm_node_set_class(dm_node *node, const char *cls);

/* NOTE_REF: the note it refers to (borrowed, owned by the document), or
 * NULL for any other node. dm_node_set_note_target sets it: DM_OK, or
 * DM_EINTERNAL (a misuse) when ref is not a NOTE_REF or note is not a NOTE
 * of the same document. */
dm_node *dm_node_note_target(const dm_node *ref);
int dm_node_set_note_target(dm_node *ref, dm_node *note);

/* Free attributes on any node (pandoc's Attr): "date" on a docDate span,
 * "lang" and "dir" on a div, "eId" from AKN. Setting NULL removes it.
 * A TABLE_CELL spanning rows or columns has "rowspan" / "colspan" (decimal,
 * as in HTML): it stands once, in its first row and column, and the rows
 * below hold no cell for the places it covers. */
int dm_node_set_attr(dm_node *node, const char *key, const char *value);
const char *dm_node_attr(const dm_node *node, const char *key);
size_t dm_node_attr_count(const dm_node *node);
const char *dm_node_attr_key(const dm_node *node, size_t i);
const char *dm_node_attr_value(const dm_node *node, size_t i);

/* ---- traversal ---------------------------------------------------------- */

/* cmark's ENTER/EXIT iterator: each container is seen on entry and on exit,
 * each leaf once (as ENTER). The tree must not change while iterating,
 * except that the current node's subtree may be changed on EXIT.
 * dm_iter_reset(it, node, ev) makes (node, ev) the current step, as cmark's
 * cmark_iter_reset does: the next dm_iter_next returns the step after it
 * (so resetting to (node, EXIT) does not report that EXIT again). */
typedef enum dm_event { DM_EVENT_DONE = 0, DM_EVENT_ENTER, DM_EVENT_EXIT } dm_event;
typedef struct dm_iter dm_iter;

dm_iter *dm_iter_new(dm_node *root); /* NULL when out of memory */
void dm_iter_free(dm_iter *it);      /* NULL-safe */
dm_event dm_iter_next(dm_iter *it);
dm_node *dm_iter_node(const dm_iter *it);
void dm_iter_reset(dm_iter *it, dm_node *node, dm_event ev);
/* Whether a node type is a leaf (never has children). */
int dm_node_type_is_leaf(dm_node_type type);

/* ---- checking ----------------------------------------------------------- */

/* Checks every invariant of the tree (links, containment, note references,
 * levels, UTF-8 of every string). DM_OK, or DM_EINTERNAL with a message on
 * ctx naming the first offending node. ctx may be NULL. */
int dm_doc_check(const dm_doc *doc, dm_ctx *ctx);

/* ---- text helpers for plugins ------------------------------------------- */

/* Appends the text content of node's subtree (TEXT and CODE literals,
 * softbreaks as a space, linebreaks as "\n"; notes skipped) to a new string
 * in the document's arena. NULL when out of memory. */
char *dm_node_text_content(const dm_node *node);

#ifdef __cplusplus
}
#endif
#endif
