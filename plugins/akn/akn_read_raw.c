/* SPDX-License-Identifier: MIT */
/*
 * The blocks of <meta> the model has no place for, kept as the markup they
 * are. The UN's files carry classification keywords, the workflow of the
 * draft, the voting analysis, the TLC references the body points to and
 * the presentation of the first page; other producers carry lifecycles,
 * temporal data and proprietary blocks of their own. Each such block of the
 * document's own meta is written back out of the SAX events as XML (its
 * namespaces declared where they are used, text and attributes escaped) and
 * stored in the metadata under "akn:meta:{element}", blocks of one name
 * concatenated in their order; the AKN writer puts them back where the
 * schema wants them. The identification is kept the same way, so that the
 * document's identity (FRBR IRIs, dates, authors) is written back as it was
 * instead of being made up again. What docmill wrote itself is not kept: it
 * is made afresh from the metadata it came from.
 */
#include <stdlib.h>
#include <string.h>

#include "akn_read.h"

/* Meta blocks kept as markup, in the order the schema lists them. */
static const char *const akn_raw_blocks[] = {
    "identification", "publication",  "classification", "lifecycle",   "workflow",
    "analysis",       "temporalData", "references",     "proprietary", "presentation",
};

int akn_raw_wanted(akn_reader *rd, const char *name, const char *src) {
  /* The meta of an attachment inside the document goes, whole, to its
   * component div. */
  rd->raw_node = NULL;
  if (rd->part) return 0;
  if (rd->meta_read) {
    if (!rd->component || rd->doc_elements < 2) return 0;
    rd->raw_node = rd->component;
    return 1;
  }
  /* docmill's own blocks are made again from the metadata they hold. */
  if (src && strcmp(src, "#docmill") == 0) return 0;
  /* docmill's publication goes with its identification: kept only when
   * the identification was the source's own. */
  if (rd->docmill && strcmp(name, "publication") == 0 && !dm_doc_meta(rd->doc, "akn:meta:identification")) return 0;
  for (size_t i = 0; i < sizeof akn_raw_blocks / sizeof akn_raw_blocks[0]; i++)
    if (strcmp(akn_raw_blocks[i], name) == 0) return 1;
  return 0;
}

static int akn_raw_put(akn_reader *rd, const char *s, size_t n) {
  if (rd->status) return rd->status;
  if (rd->raw_len + n + 1 > rd->raw_cap) {
    size_t cap = rd->raw_cap ? rd->raw_cap : 1024;
    while (cap < rd->raw_len + n + 1)
      cap *= 2;
    char *p = realloc(rd->raw, cap);
    if (!p) return akn_read_fail(rd, DM_ENOMEM, "out of memory");
    rd->raw = p;
    rd->raw_cap = cap;
  }
  memcpy(rd->raw + rd->raw_len, s, n);
  rd->raw_len += n;
  rd->raw[rd->raw_len] = '\0';
  return DM_OK;
}

static int akn_raw_putz(akn_reader *rd, const char *s) { return akn_raw_put(rd, s, strlen(s)); }

/* Text or an attribute value, escaped. In attribute values libxml2's SAX2
 * hands each '&' over as "&#38;" (akn_read_elems.c), which is one '&'. */
static int akn_raw_escaped(akn_reader *rd, const char *s, size_t n, int attr) {
  size_t run = 0;
  for (size_t i = 0; i < n; i++) {
    const char *rep = NULL;
    size_t skip = 1;
    switch (s[i]) {
    case '&':
      rep = "&amp;";
      if (attr && n - i >= 5 && memcmp(s + i, "&#38;", 5) == 0) skip = 5;
      break;
    case '<': rep = "&lt;"; break;
    case '>': rep = "&gt;"; break;
    case '"': rep = attr ? "&quot;" : NULL; break;
    case '\t': rep = attr ? "&#9;" : NULL; break;
    case '\n': rep = attr ? "&#10;" : NULL; break;
    case '\r': rep = "&#13;"; break;
    default: break;
    }
    if (!rep) continue;
    akn_raw_put(rd, s + run, i - run);
    akn_raw_putz(rd, rep);
    i += skip - 1;
    run = i + 1;
  }
  return akn_raw_put(rd, s + run, n - run);
}

static void akn_raw_end_tag(akn_reader *rd) {
  if (rd->raw_tag_open) {
    akn_raw_put(rd, ">", 1);
    rd->raw_tag_open = 0;
  }
}

static void akn_raw_qname(akn_reader *rd, const char *prefix, const char *local) {
  if (prefix) {
    akn_raw_putz(rd, prefix);
    akn_raw_put(rd, ":", 1);
  }
  akn_raw_putz(rd, local);
}

static void akn_raw_ns(akn_reader *rd, const char *prefix, const char *uri) {
  akn_raw_putz(rd, prefix ? " xmlns:" : " xmlns");
  if (prefix) akn_raw_putz(rd, prefix);
  akn_raw_putz(rd, "=\"");
  akn_raw_escaped(rd, uri, strlen(uri), 1);
  akn_raw_put(rd, "\"", 1);
}

void akn_raw_open(akn_reader *rd, const char *local, const char *prefix, const char *uri, int nattrs,
                  const unsigned char **attrs) {
  akn_raw_end_tag(rd);
  int own = uri && rd->ns && strcmp(uri, rd->ns) == 0;
  akn_raw_put(rd, "<", 1);
  akn_raw_qname(rd, own ? NULL : prefix, local);
  /* A foreign element declares its namespace itself: the block must stand
   * on its own wherever it is written. */
  if (!own && uri) akn_raw_ns(rd, prefix, uri);
  for (int i = 0; i < nattrs; i++) {
    const unsigned char **v = attrs + 5 * i;
    const char *ap = (const char *)v[1], *au = (const char *)v[2];
    if (!ap || !au || strcmp(ap, "xml") == 0 || (prefix && strcmp(ap, prefix) == 0 && !own)) continue;
    int seen = 0;
    for (int k = 0; k < i && !seen; k++)
      seen = attrs[5 * k + 1] && strcmp((const char *)attrs[5 * k + 1], ap) == 0;
    if (!seen) akn_raw_ns(rd, ap, au);
  }
  for (int i = 0; i < nattrs; i++) {
    const unsigned char **v = attrs + 5 * i;
    akn_raw_put(rd, " ", 1);
    akn_raw_qname(rd, (const char *)v[1], (const char *)v[0]);
    akn_raw_putz(rd, "=\"");
    akn_raw_escaped(rd, (const char *)v[3], (size_t)(v[4] - v[3]), 1);
    akn_raw_put(rd, "\"", 1);
  }
  rd->raw_tag_open = 1;
}

void akn_raw_close(akn_reader *rd, const char *local, const char *prefix, const char *uri) {
  if (rd->raw_tag_open) {
    akn_raw_putz(rd, "/>");
    rd->raw_tag_open = 0;
    return;
  }
  int own = uri && rd->ns && strcmp(uri, rd->ns) == 0;
  akn_raw_putz(rd, "</");
  akn_raw_qname(rd, own ? NULL : prefix, local);
  akn_raw_put(rd, ">", 1);
}

void akn_raw_text(akn_reader *rd, const char *s, size_t n) {
  akn_raw_end_tag(rd);
  akn_raw_escaped(rd, s, n, 0);
}

int akn_raw_finish(akn_reader *rd, const char *local) {
  rd->raw_depth = 0;
  if (rd->status) return rd->status;
  if (rd->raw_node) {
    const char *old = dm_node_attr(rd->raw_node, "akn-meta");
    size_t ol = old ? strlen(old) : 0;
    char *both = malloc(ol + rd->raw_len + 1);
    if (!both) return akn_read_fail(rd, DM_ENOMEM, "out of memory");
    if (ol) memcpy(both, old, ol);
    memcpy(both + ol, rd->raw ? rd->raw : "", rd->raw_len + 1);
    int rc = dm_node_set_attr(rd->raw_node, "akn-meta", both);
    free(both);
    rd->raw_len = 0;
    return rc == DM_OK ? DM_OK : akn_read_fail(rd, DM_ENOMEM, "out of memory");
  }
  char key[64] = "akn:meta:";
  strncat(key, local, sizeof key - strlen(key) - 1);
  const char *old = dm_doc_meta(rd->doc, key);
  int rc;
  if (old) {
    /* Blocks of one name are one value, in their order. */
    size_t ol = strlen(old);
    char *both = malloc(ol + rd->raw_len + 1);
    if (!both) return akn_read_fail(rd, DM_ENOMEM, "out of memory");
    memcpy(both, old, ol);
    memcpy(both + ol, rd->raw, rd->raw_len + 1);
    rc = dm_doc_set_meta(rd->doc, key, both);
    free(both);
  } else {
    rc = dm_doc_set_meta(rd->doc, key, rd->raw ? rd->raw : "");
  }
  rd->raw_len = 0;
  if (rc != DM_OK) return akn_read_fail(rd, DM_ENOMEM, "out of memory");
  return DM_OK;
}
