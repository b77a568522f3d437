/* SPDX-License-Identifier: MIT */
/*
 * The layout of documents and nodes, shared by the model's implementation
 * files (doc.c, iter.c, check.c) and nobody else: everything outside the
 * core reaches nodes through the functions of docmill/doc.h, which is what
 * lets the layout change without breaking plugins.
 */
#ifndef DOCMILL_CORE_NODE_H
#define DOCMILL_CORE_NODE_H

#include "internal.h"

typedef struct dmi_attr {
  struct dmi_attr *next;
  const char *key;
  const char *value;
} dmi_attr;

struct dm_node {
  dm_doc *doc;
  dm_node *parent, *first, *last, *next, *prev;
  char *lit;         /* literal (TEXT, CODE, CODE_BLOCK, RAW_*) */
  uint32_t lit_len;  /* literals are capped below 2 GiB */
  uint8_t type;      /* dm_node_type */
  uint8_t lit_shift; /* 0: lit holds lit_len + 1 bytes; k: it holds 1 << k */
  const char *label; /* DIV label, NOTE marker, code info, raw format */
  dmi_attr *attrs;
  dm_pos pos;
  /* The layout is packed to 112 bytes: nodes are most of a large
   * document's memory. The class of a DIV or SPAN lives in the union. */
  union {
    struct {
      int level;
    } heading;
    struct {
      long start;
      char delim;
      unsigned char ordered, tight;
    } list;
    struct {
      int header;
    } row;
    struct {
      dm_align align;
    } cell;
    struct {
      const char *url, *title;
    } link;
    struct {
      const char *cls;
      dm_role role;
    } div; /* DIV, and SPAN (class only) */
    struct {
      dm_node *target; /* NOTE_REF */
      size_t refs;     /* NOTE: how many NOTE_REFs */
    } note;
  } u;
};

typedef struct dmi_meta {
  const char *key;
  const char *value;
} dmi_meta;

struct dm_doc {
  dmi_arena arena;
  dm_node *root;
  dmi_meta *meta;
  size_t nmeta, capmeta;
  int checked; /* dm_doc_check passed and nothing changed since */
};

#endif
