/* SPDX-License-Identifier: MIT */
/*
 * docmill's custom XML part (customXml/item1.xml, with its properties part
 * and the relationship from document.xml): what Word has no place for.
 * Akoma Ntoso gives a resolution eIds, classes on spans and blocks, a
 * cover page, its document type and name, and whole meta blocks (FRBR
 * identification, references, workflow, classification, proprietary...);
 * Word would keep none of it, and a DOCX read back would give an AKN file
 * made up again from the text. So the part holds the document's metadata,
 * every key in order, and the model's tree as it was written: every node
 * with its type, role, label, class, attributes and literal. Word keeps
 * custom XML parts through its edits without reading them. The root
 * carries the digest of document.xml and footnotes.xml as the package
 * holds them: the reader takes the tree only while they are unchanged,
 * and the metadata in any case (docx_read_custom.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "docx.h"
#include "docx_custom.h"

void docx_digest_init(docx_digest *d) {
  d->hash = 14695981039346656037ull;
  d->size = 0;
}

void docx_digest_add(docx_digest *d, const void *data, size_t len) {
  const unsigned char *p = data;
  uint64_t h = d->hash;
  for (size_t i = 0; i < len; i++) {
    h ^= p[i];
    h *= 1099511628211ull;
  }
  d->hash = h;
  d->size += len;
}

void docx_digest_format(const docx_digest *d, char *buf, size_t size) {
  snprintf(buf, size, "%016llx-%llu", (unsigned long long)d->hash, (unsigned long long)d->size);
}

/* Element names: the model's names of node types in our namespace (the
 * XML writer keeps a pointer to the name until the element ends). */
const char *const docx_custom_names[DOCX_CUSTOM_NTYPES] = {
    [DM_NODE_DOCUMENT] = "dm:document",
    [DM_NODE_PARAGRAPH] = "dm:paragraph",
    [DM_NODE_HEADING] = "dm:heading",
    [DM_NODE_BLOCK_QUOTE] = "dm:block_quote",
    [DM_NODE_LIST] = "dm:list",
    [DM_NODE_ITEM] = "dm:item",
    [DM_NODE_CODE_BLOCK] = "dm:code_block",
    [DM_NODE_RAW_BLOCK] = "dm:raw_block",
    [DM_NODE_THEMATIC_BREAK] = "dm:thematic_break",
    [DM_NODE_PAGE_BREAK] = "dm:page_break",
    [DM_NODE_TABLE] = "dm:table",
    [DM_NODE_TABLE_ROW] = "dm:table_row",
    [DM_NODE_TABLE_CELL] = "dm:table_cell",
    [DM_NODE_DIV] = "dm:div",
    [DM_NODE_TEXT] = "dm:text",
    [DM_NODE_SOFTBREAK] = "dm:softbreak",
    [DM_NODE_LINEBREAK] = "dm:linebreak",
    [DM_NODE_EMPH] = "dm:emph",
    [DM_NODE_STRONG] = "dm:strong",
    [DM_NODE_STRIKE] = "dm:strike",
    [DM_NODE_UNDERLINE] = "dm:underline",
    [DM_NODE_SUPERSCRIPT] = "dm:superscript",
    [DM_NODE_SUBSCRIPT] = "dm:subscript",
    [DM_NODE_CODE] = "dm:code",
    [DM_NODE_LINK] = "dm:link",
    [DM_NODE_IMAGE] = "dm:image",
    [DM_NODE_RAW_INLINE] = "dm:raw_inline",
    [DM_NODE_SPAN] = "dm:span",
    [DM_NODE_NOTE] = "dm:note",
    [DM_NODE_NOTE_REF] = "dm:note_ref",
};

/* The deepest tree the part holds (dm:model is one more level). */
#define DOCX_CUSTOM_MAX_DEPTH 200

static const char *const docx_custom_align[] = {"", "left", "center", "right"};

/* The node's own fields, as attributes of its element. */
static void docx_custom_fields(docx_xml *x, const dm_node *n, const dm_node_map *notes) {
  char num[32];
  dm_node_type t = dm_node_type_of(n);
  if (t == DM_NODE_DIV) docx_attr(x, "role", dm_role_name(dm_node_role(n)));
  if (dm_node_label(n)) docx_attr_text(x, "label", dm_node_label(n));
  if ((t == DM_NODE_DIV || t == DM_NODE_SPAN) && dm_node_class(n)) docx_attr_text(x, "class", dm_node_class(n));
  if (t == DM_NODE_HEADING) docx_attr_int(x, "level", dm_node_heading_level(n));
  if (t == DM_NODE_LIST) {
    docx_attr_int(x, "ordered", dm_node_list_ordered(n));
    docx_attr_int(x, "start", dm_node_list_start(n));
    docx_attr_int(x, "tight", dm_node_list_tight(n));
    snprintf(num, sizeof num, "%c", dm_node_list_delim(n) ? dm_node_list_delim(n) : ' ');
    docx_attr(x, "delim", num);
  }
  if (t == DM_NODE_TABLE_ROW && dm_node_row_is_header(n)) docx_attr_int(x, "header", 1);
  if (t == DM_NODE_TABLE_CELL && dm_node_cell_align(n) != DM_ALIGN_NONE)
    docx_attr(x, "align", docx_custom_align[dm_node_cell_align(n) & 3]);
  if (t == DM_NODE_LINK || t == DM_NODE_IMAGE) {
    docx_attr_text(x, "url", dm_node_url(n));
    if (*dm_node_title(n)) docx_attr_text(x, "title", dm_node_title(n));
  }
  if (t == DM_NODE_NOTE) docx_attr_int(x, "id", (long long)(uintptr_t)dm_node_map_get(notes, n));
  if (t == DM_NODE_NOTE_REF) {
    const dm_node *to = dm_node_note_target(n);
    docx_attr_int(x, "ref", to ? (long long)(uintptr_t)dm_node_map_get(notes, to) : 0);
  }
}

/* One node's start tag, fields, free attributes and literal; its children
 * follow and docx_end closes it. */
static void docx_custom_node(docx_xml *x, const dm_node *n, const dm_node_map *notes) {
  docx_start(x, docx_custom_names[dm_node_type_of(n)]);
  docx_custom_fields(x, n, notes);
  for (size_t i = 0; i < dm_node_attr_count(n); i++) {
    docx_start(x, "dm:attr");
    docx_attr_text(x, "key", dm_node_attr_key(n, i));
    docx_attr_text(x, "value", dm_node_attr_value(n, i));
    docx_end(x);
  }
  if (dm_node_literal_len(n)) docx_text(x, dm_node_literal(n), dm_node_literal_len(n), dm_node_pos(n));
}

/* Every note in document order gets an ordinal (from 1) that its further
 * references name; *depth is the tree's depth. */
static int docx_custom_number_notes(dm_node *root, dm_node_map *notes, size_t *depth) {
  dm_iter *it = dm_iter_new(root);
  if (!it) return DM_ENOMEM;
  uintptr_t k = 0;
  size_t d = 0;
  int rc = DM_OK;
  dm_event ev;
  *depth = 0;
  while (rc == DM_OK && (ev = dm_iter_next(it)) != DM_EVENT_DONE) {
    dm_node *n = dm_iter_node(it);
    if (ev == DM_EVENT_EXIT) d--;
    if (ev != DM_EVENT_ENTER) continue;
    if (!dm_node_type_is_leaf(dm_node_type_of(n)) && ++d > *depth) *depth = d;
    if (dm_node_type_of(n) == DM_NODE_NOTE) rc = dm_node_map_put(notes, n, (void *)++k);
  }
  dm_iter_free(it);
  return rc;
}

static int docx_custom_tree(docx_xml *x, dm_node *root) {
  dm_node_map *notes = dm_node_map_new();
  if (!notes) return x->err = DM_ENOMEM;
  size_t depth;
  int rc = docx_custom_number_notes(root, notes, &depth);
  /* libxml2 reads no deeper than 256 elements (without XML_PARSE_HUGE,
   * which no reader of ours sets): a deeper tree is left out, and the
   * body is what the reader reads */
  if (rc == DM_OK && depth > DOCX_CUSTOM_MAX_DEPTH) {
    dm_node_map_free(notes);
    return x->err;
  }
  dm_iter *it = rc == DM_OK ? dm_iter_new(root) : NULL;
  if (rc == DM_OK && !it) rc = DM_ENOMEM;
  dm_event ev;
  /* the root is dm:document */
  while (rc == DM_OK && !x->err && (ev = dm_iter_next(it)) != DM_EVENT_DONE) {
    const dm_node *n = dm_iter_node(it);
    if (ev == DM_EVENT_ENTER) docx_custom_node(x, n, notes);
    if (ev == DM_EVENT_EXIT || dm_node_type_is_leaf(dm_node_type_of(n))) {
      docx_end(x);
      /* blocks of a large document go to libzip a chunk at a time */
      if (dm_node_type_is_block(dm_node_type_of(n))) docx_xml_flush_point(x);
    }
  }
  dm_iter_free(it);
  dm_node_map_free(notes);
  if (rc != DM_OK && !x->err) x->err = rc;
  return x->err;
}

/* The tree repeats the text, so it doubles the package: it is written
 * where the body cannot carry the model, for a document read from Akoma
 * Ntoso (meta blocks, eIds, span classes, identity: "akn:" metadata).
 * Other documents read back from the body alone with their notes,
 * numbers and text, and get the metadata only. */
int docx_custom_setup(docx_state *st) {
  const char *mode = dm_option_str(st->ctx, "model-part");
  if (!strcmp(mode, "all")) {
    st->custom_tree = 1;
  } else if (!strcmp(mode, "auto")) {
    for (size_t i = 0; i < dm_doc_meta_count(st->doc) && !st->custom_tree; i++)
      st->custom_tree = !strncmp(dm_doc_meta_key(st->doc, i), "akn:", 4);
  } else if (strcmp(mode, "metadata")) {
    return dm_error(st->ctx, DM_EUSAGE, "option docx.model-part: '%s' is not auto, all or metadata", mode);
  }
  return DM_OK;
}

int docx_write_custom(docx_state *st, docx_xml *x) {
  char digest[48];
  docx_start(x, "dm:model");
  docx_attr(x, "xmlns:dm", DOCX_CUSTOM_NS);
  if (st->custom_tree) {
    /* libzip has read document.xml and footnotes.xml whole by now: their
     * entries come before this one */
    docx_digest_format(&st->digest[0], digest, sizeof digest);
    docx_attr(x, "document", digest);
    docx_digest_format(&st->digest[1], digest, sizeof digest);
    docx_attr(x, "footnotes", digest);
  }
  const dm_doc *doc = st->doc;
  for (size_t i = 0; i < dm_doc_meta_count(doc); i++) {
    const char *v = dm_doc_meta_value(doc, i);
    docx_start(x, "dm:meta");
    docx_attr_text(x, "key", dm_doc_meta_key(doc, i));
    docx_text(x, v, strlen(v), dm_pos_offset(DM_NO_OFFSET));
    docx_end(x);
  }
  if (st->custom_tree) docx_custom_tree(x, dm_doc_root(doc));
  docx_end(x);
  return x->err;
}

/* The data store item's properties: an id and the schema it follows, which
 * is how Word tells custom XML parts apart. */
int docx_write_custom_props(docx_state *st, docx_xml *x) {
  (void)st;
  docx_start(x, "ds:datastoreItem");
  docx_attr(x, "ds:itemID", "{6F1D0C52-6D2B-4E5A-9C1F-0D0C4D494C4C}");
  docx_attr(x, "xmlns:ds", "http://schemas.openxmlformats.org/officeDocument/2006/customXml");
  docx_start(x, "ds:schemaRefs");
  docx_empty(x, "ds:schemaRef", "ds:uri", DOCX_CUSTOM_NS, NULL, NULL);
  docx_end(x);
  docx_end(x);
  return x->err;
}

int docx_write_custom_rels(docx_state *st, docx_xml *x) {
  (void)st;
  docx_start(x, "Relationships");
  docx_attr(x, "xmlns", "http://schemas.openxmlformats.org/package/2006/relationships");
  docx_start(x, "Relationship");
  docx_attr(x, "Id", "rId1");
  docx_attr(x, "Type", DOCX_REL_BASE "customXmlProps");
  docx_attr(x, "Target", "itemProps1.xml");
  docx_end(x);
  docx_end(x);
  return x->err;
}
