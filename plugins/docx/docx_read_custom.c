/* SPDX-License-Identifier: MIT */
/*
 * docmill's custom XML part read back (the writer's side is docx_custom.c).
 * It holds the document's metadata and the model's tree as docmill wrote
 * them: the eIds, classes, spans, cover page and meta blocks of Akoma
 * Ntoso that Word has no place for. The tree is taken, instead of the one
 * the body would give, only while document.xml and footnotes.xml are the
 * bytes the writer wrote beside it (the digests on the part's root): once
 * another program has saved the package, its text may have been edited,
 * so the body is read as from any Word document, with a warning, and only
 * the metadata is taken from the part (for the keys the package itself
 * does not give). A part that is not ours (another namespace) is ignored;
 * a tree that breaks the model's rules is not taken, with a warning.
 * The option docx.docmill-part (all, metadata, none) chooses what is
 * taken; tests of the body reader itself use none.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "docmill/zip.h"
#include "docx_custom.h"
#include "docx_read.h"

/* A further reference to a note, resolved once every note is read. */
typedef struct docx_cu_ref {
  dm_node *ref;
  long id;
} docx_cu_ref;

typedef struct docx_cu {
  docx_rd *rd;
  docx_x x;
  dm_node **notes; /* by ordinal - 1 */
  size_t nnotes, capnotes;
  docx_cu_ref *refs;
  size_t nrefs, caprefs;
  const char *why; /* why the tree is not taken; NULL while it may be */
  char now[2][48]; /* digests of document.xml and footnotes.xml */
  int digested;
} docx_cu;

/* Returned through the tree's recursion when the tree cannot be taken
 * (cu->why says why); the metadata read before it stays. */
#define DOCX_CU_REFUSED 1

static dm_node_type docx_cu_type(const char *name) {
  for (int t = 0; t < DOCX_CUSTOM_NTYPES; t++)
    if (docx_custom_names[t] && !strcmp(docx_custom_names[t] + 3, name)) return (dm_node_type)t;
  return DM_NODE_NONE;
}

static int docx_cu_refuse(docx_cu *cu, const char *why) {
  if (!cu->why) cu->why = why;
  return DOCX_CU_REFUSED;
}

static int docx_cu_push(void **v, size_t *n, size_t *cap, size_t size) {
  if (*n < *cap) return DM_OK;
  size_t nc = *cap ? *cap * 2 : 64;
  void *p = realloc(*v, nc * size);
  if (!p) return DM_ENOMEM;
  *v = p;
  *cap = nc;
  return DM_OK;
}

static int docx_cu_long(const char *s, long *out) {
  char *end;
  if (!s || !*s) return 0;
  *out = strtol(s, &end, 10);
  return !*end;
}

/* The node's own fields, from the attributes of its element. */
static int docx_cu_fields(docx_cu *cu, dm_node *n, dm_node_type t) {
  docx_x *x = &cu->x;
  const char *v;
  long k;
  int rc = DM_OK;
  if (t == DM_NODE_DIV && (v = docx_x_attr_dup(x, "role"))) {
    int r = 0;
    while (r <= DM_ROLE_WRAP_UP && strcmp(dm_role_name((dm_role)r), v))
      r++;
    if (r > DM_ROLE_WRAP_UP) return docx_cu_refuse(cu, "a division of an unknown role");
    rc = dm_node_set_role(n, (dm_role)r);
  }
  if (rc == DM_OK && (v = docx_x_attr_dup(x, "label"))) rc = dm_node_set_label(n, v);
  if (rc == DM_OK && (v = docx_x_attr_dup(x, "class"))) rc = dm_node_set_class(n, v);
  if (rc == DM_OK && t == DM_NODE_HEADING)
    rc = docx_cu_long(docx_x_attr_dup(x, "level"), &k) ? dm_node_set_heading_level(n, (int)k) : DM_EINTERNAL;
  if (rc == DM_OK && t == DM_NODE_LIST) {
    long ord = 0, start = 1, tight = 1;
    const char *delim = docx_x_attr_dup(x, "delim");
    docx_cu_long(docx_x_attr_dup(x, "ordered"), &ord);
    docx_cu_long(docx_x_attr_dup(x, "start"), &start);
    docx_cu_long(docx_x_attr_dup(x, "tight"), &tight);
    rc = dm_node_set_list(n, ord != 0, start, tight != 0, delim && *delim != ' ' ? *delim : 0);
  }
  if (rc == DM_OK && t == DM_NODE_TABLE_ROW && docx_cu_long(docx_x_attr_dup(x, "header"), &k))
    rc = dm_node_set_row_header(n, k != 0);
  if (rc == DM_OK && t == DM_NODE_TABLE_CELL && (v = docx_x_attr_dup(x, "align")))
    rc = dm_node_set_cell_align(n, !strcmp(v, "left")     ? DM_ALIGN_LEFT
                                   : !strcmp(v, "center") ? DM_ALIGN_CENTER
                                   : !strcmp(v, "right")  ? DM_ALIGN_RIGHT
                                                          : DM_ALIGN_NONE);
  if (rc == DM_OK && (t == DM_NODE_LINK || t == DM_NODE_IMAGE)) {
    if ((v = docx_x_attr_dup(x, "url"))) rc = dm_node_set_url(n, v);
    if (rc == DM_OK && (v = docx_x_attr_dup(x, "title"))) rc = dm_node_set_title(n, v);
  }
  if (rc == DM_OK && t == DM_NODE_NOTE) {
    if (!docx_cu_long(docx_x_attr_dup(x, "id"), &k) || k != (long)cu->nnotes + 1)
      return docx_cu_refuse(cu, "notes numbered out of order");
    if (docx_cu_push((void **)&cu->notes, &cu->nnotes, &cu->capnotes, sizeof *cu->notes)) return DM_ENOMEM;
    cu->notes[cu->nnotes++] = n;
  }
  if (rc == DM_OK && t == DM_NODE_NOTE_REF) {
    if (!docx_cu_long(docx_x_attr_dup(x, "ref"), &k)) return docx_cu_refuse(cu, "a note reference to no note");
    if (docx_cu_push((void **)&cu->refs, &cu->nrefs, &cu->caprefs, sizeof *cu->refs)) return DM_ENOMEM;
    cu->refs[cu->nrefs++] = (docx_cu_ref){n, k};
  }
  if (cu->rd->status) return cu->rd->status;
  return rc == DM_OK ? DM_OK : rc == DM_ENOMEM ? rc : docx_cu_refuse(cu, "a node with fields its type has not");
}

/* The element x is on, a node of the tree, with what it holds, appended to
 * parent. */
static int docx_cu_node(docx_cu *cu, dm_node *parent, uint32_t level) {
  docx_x *x = &cu->x;
  dm_node_type t = docx_x_ns(x) == DOCX_NS_DM ? docx_cu_type(docx_x_name(x)) : DM_NODE_NONE;
  if (t == DM_NODE_NONE || t == DM_NODE_DOCUMENT) return docx_cu_refuse(cu, "an element that is no node");
  if (level > cu->rd->max_depth) return docx_cu_refuse(cu, "a tree deeper than the limit");
  dm_node *n = dm_node_new(cu->rd->doc, t);
  if (!n) return DM_ENOMEM;
  int rc = docx_cu_fields(cu, n, t);
  if (rc != DM_OK) return rc;
  if (dm_node_append_child(parent, n) != DM_OK) return docx_cu_refuse(cu, "a node where the model allows none");
  if (docx_x_empty(x)) return DM_OK;
  int depth = docx_x_depth(x);
  for (;;) {
    rc = docx_x_step(x);
    if (rc <= 0) return rc == 0 ? docx_bad(cu->rd, x, "the part ends inside an element") : rc;
    int ty = docx_x_type(x);
    if (ty == XML_READER_TYPE_END_ELEMENT && docx_x_depth(x) == depth) return DM_OK;
    if (ty == XML_READER_TYPE_ELEMENT && docx_x_is(x, DOCX_NS_DM, "attr")) {
      const char *k = docx_x_attr_dup(x, "key"), *v = docx_x_attr_dup(x, "value");
      if (!k || !v) return cu->rd->status ? cu->rd->status : docx_cu_refuse(cu, "an attribute without key or value");
      if (dm_node_set_attr(n, k, v) != DM_OK) return DM_ENOMEM;
      if ((rc = docx_x_skip(x)) != DM_OK) return rc;
    } else if (ty == XML_READER_TYPE_ELEMENT) {
      if ((rc = docx_cu_node(cu, n, level + 1)) != DM_OK) return rc;
    } else if (ty == XML_READER_TYPE_TEXT || ty == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
               ty == XML_READER_TYPE_WHITESPACE || ty == XML_READER_TYPE_CDATA) {
      const char *v = docx_x_value(x);
      if (t == DM_NODE_TEXT || t == DM_NODE_CODE || t == DM_NODE_CODE_BLOCK || t == DM_NODE_RAW_BLOCK ||
          t == DM_NODE_RAW_INLINE) {
        if (dm_node_append_literal(n, v, strlen(v)) != DM_OK) return DM_ENOMEM;
      } else if (v[strspn(v, " \t\r\n")]) {
        return docx_cu_refuse(cu, "text in a node that holds none");
      }
    }
  }
}

/* dm:document: the tree, under a detached division until it is whole. */
static int docx_cu_tree(docx_cu *cu, dm_node **out) {
  docx_x *x = &cu->x;
  dm_node *top = dm_node_new_div(cu->rd->doc, DM_ROLE_NONE, NULL);
  if (!top) return DM_ENOMEM;
  int rc, depth = docx_x_depth(x);
  while ((rc = docx_x_child(x, depth)) == 1) {
    if (docx_x_is(x, DOCX_NS_DM, "attr")) {
      /* the root's own attributes */
      const char *k = docx_x_attr_dup(x, "key"), *v = docx_x_attr_dup(x, "value");
      if (k && v && dm_node_set_attr(dm_doc_root(cu->rd->doc), k, v) != DM_OK) return DM_ENOMEM;
      rc = docx_x_skip(x);
    } else {
      rc = docx_cu_node(cu, top, 1);
    }
    if (rc != DM_OK) return rc;
  }
  if (rc < 0) return rc;
  for (size_t i = 0; i < cu->nrefs; i++) {
    long id = cu->refs[i].id;
    if (id < 1 || (size_t)id > cu->nnotes || dm_node_set_note_target(cu->refs[i].ref, cu->notes[id - 1]) != DM_OK)
      return docx_cu_refuse(cu, "a note reference to no note");
  }
  *out = top;
  return DM_OK;
}

/* The digest of a part as the package holds it now ("" when absent). */
static int docx_cu_digest(docx_rd *rd, dm_zip *zip, const char *part, char *out, size_t size) {
  docx_digest d;
  docx_digest_init(&d);
  long i = part ? dm_zip_find(zip, part) : -1;
  if (i >= 0) {
    unsigned char *data = NULL;
    size_t len = 0;
    int rc = dm_zip_extract(rd->ctx, zip, (size_t)i, &data, &len);
    if (rc != DM_OK) return rd->status = rc;
    docx_digest_add(&d, data, len);
    free(data);
  }
  docx_digest_format(&d, out, size);
  return DM_OK;
}

/* The digests of document.xml and footnotes.xml as the package holds
 * them, taken before the part is in memory (each part is whole in memory
 * while it is hashed). */
static int docx_cu_digests(docx_cu *cu, dm_zip *zip) {
  docx_rd *rd = cu->rd;
  const char *fn = NULL;
  for (size_t i = 0; i < rd->nmrels; i++)
    if (!strcmp(rd->mrels[i].type, "footnotes") && !rd->mrels[i].external) fn = rd->mrels[i].target;
  int rc = docx_cu_digest(rd, zip, rd->main, cu->now[0], sizeof cu->now[0]);
  if (rc == DM_OK) rc = docx_cu_digest(rd, zip, fn, cu->now[1], sizeof cu->now[1]);
  cu->digested = rc == DM_OK;
  return rc;
}

/* Whether document.xml and footnotes.xml are still what the writer wrote
 * beside the part (the digests on its root, which x is on). */
static int docx_cu_unchanged(docx_cu *cu) {
  const char *doc = docx_x_attr_dup(&cu->x, "document"), *notes = docx_x_attr_dup(&cu->x, "footnotes");
  return doc && notes && !strcmp(doc, cu->now[0]) && !strcmp(notes, cu->now[1]);
}

/* Reads one custom XML part: its metadata into rd->cmeta, its tree into
 * *tree when wanted and the body is unchanged. Not ours: nothing. */
static int docx_cu_part(docx_cu *cu, const char *part, const unsigned char *data, size_t len, int want_tree,
                        dm_node **tree) {
  docx_rd *rd = cu->rd;
  docx_x *x = &cu->x;
  int rc = docx_x_open(x, rd, part, data, len);
  if (rc != DM_OK) return rc;
  rc = docx_x_child(x, -1);
  if (rc != 1 || !docx_x_is(x, DOCX_NS_DM, "model")) {
    docx_x_close(x);
    return rc < 0 ? rc : DM_OK;
  }
  rc = rd->status;
  if (rc == DM_OK && want_tree && !docx_cu_unchanged(cu))
    cu->why = "document.xml or footnotes.xml changed since docmill wrote the package (saved by another program?)";
  dm_buf text;
  dm_buf_init(&text);
  while (rc == DM_OK && (rc = docx_x_child(x, 0)) == 1) {
    if (docx_x_is(x, DOCX_NS_DM, "meta")) {
      const char *key = docx_x_attr_dup(x, "key");
      dm_buf_truncate(&text, 0);
      rc = docx_x_text(x, &text, SIZE_MAX);
      if (rc != DM_OK || !key) continue;
      rc = docx_cu_push((void **)&rd->cmeta, &rd->ncmeta, &rd->capcmeta, 2 * sizeof *rd->cmeta);
      const char *v = rc == DM_OK ? dm_doc_strndup(rd->doc, text.data ? text.data : "", text.len) : NULL;
      if (!v) rc = docx_nomem(rd);
      if (rc == DM_OK) {
        rd->cmeta[2 * rd->ncmeta] = key;
        rd->cmeta[2 * rd->ncmeta++ + 1] = v;
      }
    } else if (docx_x_is(x, DOCX_NS_DM, "document") && want_tree && !cu->why) {
      rc = docx_cu_tree(cu, tree);
      if (rc == DOCX_CU_REFUSED) rc = DM_OK;
      if (rc == DM_OK && cu->why) break;
    } else {
      rc = docx_x_skip(x);
    }
  }
  dm_buf_release(&text);
  docx_x_close(x);
  if (rc == DM_ENOMEM) rc = docx_nomem(rd);
  return rc < 0 ? rc : DM_OK;
}

int docx_custom_read(docx_rd *rd, dm_zip *zip, int *done) {
  *done = 0;
  const char *mode = dm_option_str(rd->ctx, "docmill-part");
  if (strcmp(mode, "all") && strcmp(mode, "metadata") && strcmp(mode, "none"))
    return rd->status = dm_error(rd->ctx, DM_EUSAGE, "docx.docmill-part is '%s': all, metadata or none", mode);
  if (!strcmp(mode, "none")) return DM_OK;
  docx_cu cu;
  memset(&cu, 0, sizeof cu);
  cu.rd = rd;
  dm_node *tree = NULL;
  int rc = DM_OK;
  for (size_t i = 0; i < rd->nmrels && rc == DM_OK && !rd->ncmeta; i++) {
    const docx_rel *r = &rd->mrels[i];
    if (strcmp(r->type, "customXml") || r->external) continue;
    long k = dm_zip_find(zip, r->target);
    unsigned char *data = NULL;
    size_t len = 0;
    if (k < 0 || (rc = dm_zip_extract(rd->ctx, zip, (size_t)k, &data, &len)) != DM_OK) continue;
    if (!docx_mem_has(data, len, DOCX_CUSTOM_NS)) {
      free(data); /* Word's own parts (bibliography, cover page fields) */
      continue;
    }
    if (!cu.digested) {
      free(data);
      if ((rc = docx_cu_digests(&cu, zip)) != DM_OK ||
          (rc = dm_zip_extract(rd->ctx, zip, (size_t)k, &data, &len)) != DM_OK)
        break;
    }
    rc = docx_cu_part(&cu, r->target, data, len, strcmp(mode, "metadata") != 0, &tree);
    free(data);
  }
  if (rc == DM_OK && tree && !cu.why) {
    dm_node *root = dm_doc_root(rd->doc);
    for (size_t i = 0; i < rd->ncmeta && rc == DM_OK; i++)
      rc = dm_doc_set_meta(rd->doc, rd->cmeta[2 * i], rd->cmeta[2 * i + 1]);
    if (rc == DM_OK) rc = dm_node_move_children(root, tree);
    if (rc == DM_OK && dm_doc_check(rd->doc, NULL) == DM_OK) {
      *done = 1;
    } else if (rc == DM_OK) {
      /* the model's own checker has the last word; the body is read */
      rc = dm_node_move_children(tree, root);
      for (size_t i = 0; i < rd->ncmeta && rc == DM_OK; i++)
        rc = dm_doc_set_meta(rd->doc, rd->cmeta[2 * i], NULL);
      cu.why = "a tree that breaks the model's rules";
    }
  }
  if (rc == DM_OK && cu.why)
    rc = dm_warn(rd->ctx, DM_DIAG_OTHER, dm_pos_offset(DM_NO_OFFSET),
                 "docmill's part %s not used: %s; the structure is read from the text, the metadata kept from it",
                 DOCX_CUSTOM_ITEM, cu.why);
  free(cu.notes);
  free(cu.refs);
  if (rc != DM_OK && !rd->status) rc = rc == DM_ENOMEM ? docx_nomem(rd) : (rd->status = rc);
  return rc;
}

int docx_custom_meta(docx_rd *rd) {
  for (size_t i = 0; i < rd->ncmeta; i++)
    if (!dm_doc_meta(rd->doc, rd->cmeta[2 * i]) && dm_doc_set_meta(rd->doc, rd->cmeta[2 * i], rd->cmeta[2 * i + 1]))
      return docx_nomem(rd);
  return DM_OK;
}
