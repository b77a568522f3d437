/* SPDX-License-Identifier: MIT */
/*
 * The Akoma Ntoso reader's descriptor, probe and entry point. The probe
 * bids from the bytes alone: the root element <akomaNtoso> in an AKN
 * namespace (OASIS 3.0, its drafts, or the 1.0/2.0 akomantoso.org ones) is
 * certain; <akomaNtoso> in an unknown namespace is likely; a ZIP archive
 * with a main.xml entry is a .akn package. Reading dispatches on the same
 * bytes, never on the file name: a package goes to akn_read_zip.c, anything
 * else to the XML parser of akn_read_xml.c.
 */
#include <stdlib.h>
#include <string.h>

#include "akn_libxml.h"
#include "akn_read.h"

/* ---- probing ------------------------------------------------------------ */

static const unsigned char *akn_skip_ws(const unsigned char *p, const unsigned char *end) {
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
    p++;
  return p;
}

/* Skips "<?...?>", "<!--...-->" and "<!DOCTYPE ...>" (with an internal
 * subset); returns the position after, or NULL when p starts none of them
 * or it does not end in the window. */
static const unsigned char *akn_skip_misc(const unsigned char *p, const unsigned char *end) {
  size_t n = (size_t)(end - p);
  if (n >= 2 && p[0] == '<' && p[1] == '?') {
    for (const unsigned char *q = p + 2; q + 1 < end; q++)
      if (q[0] == '?' && q[1] == '>') return q + 2;
    return NULL;
  }
  if (n >= 4 && memcmp(p, "<!--", 4) == 0) {
    for (const unsigned char *q = p + 4; q + 2 < end; q++)
      if (q[0] == '-' && q[1] == '-' && q[2] == '>') return q + 3;
    return NULL;
  }
  if (n >= 9 && memcmp(p, "<!DOCTYPE", 9) == 0) {
    int bracket = 0;
    unsigned char quote = 0;
    for (const unsigned char *q = p + 9; q < end; q++) {
      if (quote) {
        if (*q == quote) quote = 0;
      } else if (*q == '"' || *q == '\'') {
        quote = *q;
      } else if (*q == '[') {
        bracket++;
      } else if (*q == ']') {
        bracket--;
      } else if (*q == '>' && bracket <= 0) {
        return q + 1;
      }
    }
    return NULL;
  }
  return NULL;
}

static int akn_probe(const dm_input *in) {
  const unsigned char *p = in->data;
  size_t size = in->size < 65536 ? in->size : 65536;
  const unsigned char *end = p + size;
  if (akn_zip_probe(in->data, in->size)) return DM_PROBE_SCORE_MAX;
  if (size >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) p += 3;
  for (;;) {
    p = akn_skip_ws(p, end);
    if (p >= end || *p != '<') return 0;
    const unsigned char *q = akn_skip_misc(p, end);
    if (!q) break;
    p = q;
  }
  /* The root's start tag: its name, then its attributes up to '>'. */
  const unsigned char *name = ++p;
  while (p < end && *p != '>' && *p != '/' && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
    p++;
  const unsigned char *colon = memchr(name, ':', (size_t)(p - name));
  const unsigned char *local = colon ? colon + 1 : name;
  if ((size_t)(p - local) != 10 || memcmp(local, "akomaNtoso", 10) != 0) return 0;
  const unsigned char *tag_end = memchr(p, '>', (size_t)(end - p));
  if (!tag_end) tag_end = end;
  static const char *const known[] = {"http://docs.oasis-open.org/legaldocml/ns/akn/3.0", "http://www.akomantoso.org/"};
  for (size_t k = 0; k < sizeof known / sizeof known[0]; k++) {
    size_t kl = strlen(known[k]);
    for (const unsigned char *s = p; s + kl <= tag_end; s++)
      if (memcmp(s, known[k], kl) == 0) return DM_PROBE_SCORE_MAX;
  }
  /* The right root in a namespace we do not know: likely, not certain. */
  return DM_PROBE_SCORE_EXTENSION;
}

/* ---- reading ------------------------------------------------------------ */

static int akn_read(dm_ctx *ctx, void *priv, const dm_input *in, dm_doc *doc) {
  (void)priv;
  int rc = akn_libxml_load(ctx);
  if (rc != DM_OK) return rc;
  akn_reader rd;
  memset(&rd, 0, sizeof rd);
  rd.ctx = ctx;
  rd.doc = doc;
  rd.limits = dm_ctx_limits(ctx);
  if (in->size > rd.limits.max_input_bytes)
    return dm_error(ctx, DM_ELIMIT, "input of %zu bytes is larger than the limit of %llu", in->size,
                    (unsigned long long)rd.limits.max_input_bytes);
  if (in->size > (size_t)INT32_MAX)
    return dm_error(ctx, DM_ELIMIT, "input of %zu bytes is larger than the XML parser takes", in->size);
  if (akn_zip_probe(in->data, in->size) || (in->size >= 4 && memcmp(in->data, "PK\3\4", 4) == 0))
    rc = akn_read_zip(&rd, in->data, in->size);
  else {
    rd.in = in;
    rc = akn_read_xml(&rd, in->data, in->size, dm_doc_root(doc));
  }
  /* A resolution without meta, or whose dm:meta lacks doc-type: the key
   * goes last, so the name of the statement is never lost. */
  if (rc == DM_OK && rd.doc_resolution && !dm_doc_meta(doc, DM_META_DOC_TYPE))
    rc = dm_doc_set_meta(doc, DM_META_DOC_TYPE, "resolution") == DM_OK ? DM_OK
                                                                       : dm_error(ctx, DM_ENOMEM, "out of memory");
  if (rc == DM_OK) rc = akn_meta_from_body(&rd);
  if (rc == DM_OK) rc = akn_notes_finish(&rd);
  akn_notes_free(&rd);
  free(rd.stack);
  dm_buf_release(&rd.text);
  free(rd.raw);
  dm_buf_release(&rd.collect);
  free(rd.scratch);
  free(rd.eids);
  return rc;
}

static const char *const akn_extensions[] = {"xml", "akn", NULL};
static const char *const akn_mime_types[] = {"application/akn+xml", "application/akn+zip", NULL};

static const dm_reader akn_reader_desc = {
    .abi_version = DM_PLUGIN_ABI_VERSION,
    .name = "akn",
    .description = "Akoma Ntoso 3.0 / AKN4UN XML (OASIS and draft namespaces) and .akn packages",
    .extensions = akn_extensions,
    .mime_types = akn_mime_types,
    .probe = akn_probe,
    .read = akn_read,
};

static const dm_reader *const akn_readers[] = {&akn_reader_desc, NULL};

DM_PLUGIN_DEFINE(akn_read, akn_readers, NULL, NULL);
