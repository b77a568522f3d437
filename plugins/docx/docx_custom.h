/* SPDX-License-Identifier: MIT */
/*
 * What the DOCX writer (docx_custom.c) and reader (docx_read_custom.c)
 * share about docmill's custom XML part: its names, its namespace and the
 * digest that tells the reader whether document.xml and footnotes.xml are
 * still the bytes the writer wrote next to it.
 */
#ifndef DOCMILL_DOCX_CUSTOM_H
#define DOCMILL_DOCX_CUSTOM_H

#include <stddef.h>
#include <stdint.h>

#include "docmill/doc.h"

/* The namespace of the part's elements; its version is in the URI, so a
 * later layout is a different namespace that this reader ignores. */
#define DOCX_CUSTOM_NS "urn:docmill:model:1"
#define DOCX_CUSTOM_ITEM "customXml/item1.xml"
#define DOCX_CUSTOM_ITEM_PROPS "customXml/itemProps1.xml"
#define DOCX_CUSTOM_ITEM_RELS "customXml/_rels/item1.xml.rels"

/* "dm:paragraph"... by node type; NULL for values that are no type. */
#define DOCX_CUSTOM_NTYPES (DM_NODE_NOTE_REF + 1)
extern const char *const docx_custom_names[DOCX_CUSTOM_NTYPES];

/* FNV-1a (64 bits) of a part's bytes and their count: not a defence
 * against forgery (anyone may rewrite both), only the sign that no other
 * program saved the package since docmill wrote it. */
typedef struct docx_digest {
  uint64_t hash;
  uint64_t size;
} docx_digest;

void docx_digest_init(docx_digest *d);
void docx_digest_add(docx_digest *d, const void *data, size_t len);
/* "hash-size" in hexadecimal and decimal, into buf (size >= 40). */
void docx_digest_format(const docx_digest *d, char *buf, size_t size);

#endif
