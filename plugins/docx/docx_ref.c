/* SPDX-License-Identifier: MIT */
/*
 * The user's template (docx.reference-doc, the CLI's --reference-doc, as
 * pandoc users know it): its styles, numbering, page size and margins, and
 * running heads and feet are used, and ours fill only what it lacks -- a
 * style id it does not define is appended to its styles part, our lists'
 * numberings to its numbering part, after its own ids. The template is
 * opened with the library's safe ZIP reader (zip.h) and read as text: the
 * parts are WordprocessingML as Word and LibreOffice write them, with the
 * usual w: and r: prefixes; what cannot be found that way is not taken,
 * and a warning says so, rather than a half-understood part being copied.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docx.h"

#define DOCX_REF_MAX (64u * 1024 * 1024)

unsigned char *docx_read_file(const char *path, size_t max, size_t *size) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  unsigned char *buf = NULL;
  size_t len = 0, cap = 0;
  int bad = 0;
  for (;;) {
    if (len + 1 >= cap) {
      cap = cap ? cap * 2 : 65536;
      unsigned char *p = cap > max + 2 ? NULL : realloc(buf, cap);
      if (!p) {
        bad = 1;
        break;
      }
      buf = p;
    }
    size_t k = fread(buf + len, 1, cap - len - 1, f);
    len += k;
    if (k == 0) break;
  }
  bad = bad || ferror(f) || len > max;
  fclose(f);
  if (bad) {
    free(buf);
    return NULL;
  }
  buf[len] = 0;
  *size = len;
  return buf;
}

/* An entry as a NUL-terminated string, or NULL (with DM_OK) when absent. */
static int docx_ref_entry(docx_state *st, dm_zip *z, const char *name, char **out, size_t *len) {
  *out = NULL;
  *len = 0;
  long i = dm_zip_find(z, name);
  if (i < 0) return DM_OK;
  unsigned char *d;
  int rc = dm_zip_extract(st->ctx, z, (size_t)i, &d, len);
  if (rc == DM_OK) *out = (char *)d;
  return rc;
}

/* The element starting at p (up to its "/>"), copied, when it is one
 * empty element with nothing odd inside; NULL otherwise. */
static char *docx_ref_empty_elem(const char *p, const char *limit) {
  const char *e = strstr(p, "/>");
  if (!e || e > limit) return NULL;
  for (const char *q = p + 1; q < e; q++)
    if (*q == '<' || *q == '>') return NULL;
  size_t n = (size_t)(e + 2 - p);
  char *c = malloc(n + 1);
  if (!c) return NULL;
  memcpy(c, p, n);
  c[n] = 0;
  return c;
}

/* The value of attribute name (with its '="') inside [p, e), or NULL. */
static int docx_ref_attr(const char *p, const char *e, const char *name, char *buf, size_t size) {
  const char *a = strstr(p, name);
  if (!a || a > e) return 0;
  a += strlen(name);
  const char *q = strchr(a, '"');
  if (!q || q > e || (size_t)(q - a) >= size) return 0;
  memcpy(buf, a, (size_t)(q - a));
  buf[q - a] = 0;
  return 1;
}

/* The part name a relationship of document.xml points to. */
static int docx_ref_target(const char *rels, const char *id, char *buf, size_t size) {
  char pat[96];
  snprintf(pat, sizeof pat, "Id=\"%s\"", id);
  const char *a = rels ? strstr(rels, pat) : NULL;
  if (!a) return 0;
  const char *s = a;
  while (s > rels && *s != '<')
    s--;
  const char *e = strchr(a, '>');
  char target[128];
  if (!e || !docx_ref_attr(s, e, "Target=\"", target, sizeof target)) return 0;
  const char *t = target[0] == '/' ? target + 1 : target;
  snprintf(buf, size, "%s%s", target[0] == '/' ? "" : "word/", t);
  return !strstr(buf, "..");
}

/* One w:headerReference or w:footerReference of the template's section. */
static int docx_ref_hf(docx_state *st, dm_zip *z, const char *rels, const char *p, const char *end, int footer,
                       int *count) {
  char type[16] = "default", id[64], part[160];
  if (!docx_ref_attr(p, end, "r:id=\"", id, sizeof id) || !docx_ref_target(rels, id, part, sizeof part))
    return dm_warn(st->ctx, DM_DIAG_UNSUPPORTED, dm_pos_offset(DM_NO_OFFSET),
                   "reference document: a %s whose part cannot be found is not used", footer ? "footer" : "header");
  docx_ref_attr(p, end, "w:type=\"", type, sizeof type);
  static const char *const types[] = {"default", "even", "first"};
  const char *t = NULL;
  for (int k = 0; k < 3; k++)
    if (!strcmp(type, types[k])) t = types[k];
  char prels[200];
  const char *slash = strrchr(part, '/');
  snprintf(prels, sizeof prels, "%.*s_rels/%s.rels", (int)(slash - part + 1), part, slash + 1);
  if (!t || *count >= 3 || dm_zip_find(z, prels) >= 0)
    return dm_warn(st->ctx, DM_DIAG_UNSUPPORTED, dm_pos_offset(DM_NO_OFFSET),
                   "reference document: %s is not used (it has pictures or links of its own, or is one too many)",
                   part);
  docx_hf *h = &st->hf[(footer ? 3 : 0) + (*count)++];
  int rc = docx_ref_entry(st, z, part, &h->data, &h->size);
  if (rc != DM_OK || !h->data) {
    (*count)--;
    return rc;
  }
  h->present = 1;
  h->type = t;
  return DM_OK;
}

/* The last section's page set-up and running heads and feet. */
static int docx_ref_section(docx_state *st, dm_zip *z, const char *doc, const char *rels) {
  const char *s = NULL;
  for (const char *p = doc; (p = strstr(p, "<w:sectPr")); p++)
    s = p;
  const char *e = s ? strstr(s, "</w:sectPr>") : NULL;
  if (!e) return DM_OK;
  const char *p = strstr(s, "<w:pgSz");
  if (p && p < e) st->ref_pgsz = docx_ref_empty_elem(p, e);
  p = strstr(s, "<w:pgMar");
  if (p && p < e) st->ref_pgmar = docx_ref_empty_elem(p, e);
  p = strstr(s, "<w:titlePg");
  st->ref_title_pg = p && p < e;
  int nh = 0, nf = 0, rc = DM_OK, cleared = 0;
  for (p = s; rc == DM_OK && (p = strstr(p, "Reference ")) && p < e; p++) {
    int footer = p - s >= 9 && !strncmp(p - 9, "<w:footer", 9);
    int header = p - s >= 9 && !strncmp(p - 9, "<w:header", 9);
    if (!footer && !header) continue;
    if (!cleared) {
      /* the template's running heads and feet replace ours */
      memset(st->hf, 0, sizeof st->hf);
      cleared = 1;
    }
    const char *end = strchr(p, '>');
    if (!end || end > e) break;
    rc = docx_ref_hf(st, z, rels, p, end, footer, footer ? &nf : &nh);
  }
  return rc;
}

/* Writes a part of the template after our declaration, without its own
 * declaration and without the markup-compatibility attribute of its root
 * (mc:Ignorable="w14"), which ECMA-376's schemas do not allow there; the
 * extensions it names are ones Word 2010 and later know. */
int docx_ref_copy(docx_xml *x, const char *d, size_t len) {
  const char *end = d + len;
  if (!strncmp(d, "<?xml", 5) && strstr(d, "?>")) d = strstr(d, "?>") + 2;
  const char *root_end = strchr(d, '>');
  const char *mc = strstr(d, " mc:Ignorable=\"");
  const char *q = mc && root_end && mc < root_end ? strchr(mc + 15, '"') : NULL;
  if (q && q < root_end) {
    dm_xml_raw(x->x, d, (size_t)(mc - d));
    d = q + 1;
  }
  dm_xml_raw(x->x, d, (size_t)(end - d));
  return dm_xml_status(x->x);
}

/* The largest number after each occurrence of pat in s (0 if none). */
static long docx_ref_max_id(const char *s, const char *pat) {
  long max = 0;
  for (const char *p = s; (p = strstr(p, pat)); p++) {
    char *end;
    long v = strtol(p + strlen(pat), &end, 10);
    if (*end == '"' && v > max && v < 1000000) max = v;
  }
  return max;
}

/* The first occurrence of pat in [s, end), or NULL: our parts' bytes are
 * not NUL-terminated. */
static const char *docx_ref_find(const char *s, const char *end, const char *pat) {
  size_t n = strlen(pat);
  for (const char *p = s; p && (size_t)(end - p) >= n; p++) {
    p = memchr(p, pat[0], (size_t)(end - p));
    if (!p || (size_t)(end - p) < n) return NULL;
    if (!memcmp(p, pat, n)) return p;
  }
  return NULL;
}

/* The first w:num element in [s, end) (not w:numFmt, w:numPr or
 * w:numPicBullet), or NULL. */
static const char *docx_ref_first_num(const char *s, const char *end) {
  for (const char *p = s; (p = docx_ref_find(p, end, "<w:num")); p++)
    if (end - p > 6 && (p[6] == ' ' || p[6] == '>')) return p;
  return NULL;
}

/* LibreOffice writes a level's w:pStyle before its w:numFmt, where
 * CT_Lvl has it after (start, numFmt, lvlRestart, pStyle, ...): the two
 * empty elements trade places, in the buffer. */
static int docx_ref_fix_lvl_order(docx_state *st, char *u) {
  for (char *p = u; (p = strstr(p, "<w:pStyle ")); p++) {
    char *pe = strstr(p, "/>");
    if (!pe || memchr(p + 1, '<', (size_t)(pe - p - 1)) || strncmp(pe + 2, "<w:numFmt ", 10)) continue;
    char *n = pe + 2, *ne = strstr(n, "/>");
    if (!ne || memchr(n + 1, '<', (size_t)(ne - n - 1))) continue;
    size_t a = (size_t)(n - p), b = (size_t)(ne + 2 - n);
    char *tmp = malloc(a);
    if (!tmp) return dm_error(st->ctx, DM_ENOMEM, "out of memory");
    memcpy(tmp, p, a);
    memmove(p, n, b);
    memcpy(p + b, tmp, a);
    free(tmp);
  }
  return DM_OK;
}

static int docx_ref_load_numbering(docx_state *st, dm_zip *z, const char *path) {
  int rc = docx_ref_entry(st, z, "word/numbering.xml", &st->ref_numbering, &st->ref_numbering_len);
  if (rc != DM_OK || !st->ref_numbering) return rc;
  const char *why = NULL;
  if (!strstr(st->ref_numbering, "xmlns:w=\"" DOCX_NS_W "\"") || !strstr(st->ref_numbering, "</w:numbering>"))
    why = "is not in the usual form";
  else if (dm_zip_find(z, "word/_rels/numbering.xml.rels") >= 0)
    why = "has pictures of its own";
  if (why) {
    free(st->ref_numbering);
    st->ref_numbering = NULL;
    return dm_warn(st->ctx, DM_DIAG_UNSUPPORTED, dm_pos_offset(DM_NO_OFFSET),
                   "reference document %s: its numbering %s; docmill's is used", path, why);
  }
  st->num_base = 0;
  const char *uend = st->ref_numbering + st->ref_numbering_len;
  for (const char *p = st->ref_numbering; (p = docx_ref_first_num(p, uend)); p++) {
    char *end;
    const char *a = strstr(p, "w:numId=\"");
    const char *e = strchr(p, '>');
    if (!a || !e || a > e) continue;
    long v = strtol(a + strlen("w:numId=\""), &end, 10);
    if (*end == '"' && v > st->num_base && v < 1000000) st->num_base = v;
  }
  /* abstract ids may start at 0 */
  st->abs_base = docx_ref_max_id(st->ref_numbering, "w:abstractNumId=\"") + 1;
  return docx_ref_fix_lvl_order(st, st->ref_numbering);
}

int docx_ref_numbering(docx_state *st, docx_xml *x, const char *ours, size_t len) {
  const char *u = st->ref_numbering, *uend = u + st->ref_numbering_len, *close = NULL;
  for (const char *p = u; (p = docx_ref_find(p, uend, "</w:numbering>")); p++)
    close = p;
  const char *end = ours + len;
  const char *our_close = docx_ref_find(ours, end, "</w:numbering>");
  if (!close) return dm_error(st->ctx, DM_EINTERNAL, "a numbering part without its end");
  if (!our_close) return docx_ref_copy(x, u, st->ref_numbering_len); /* no lists of ours: an empty element */
  const char *our_num = docx_ref_first_num(ours, our_close);
  if (!our_num) our_num = our_close;
  const char *our_abs = docx_ref_find(ours, our_num, "<w:abstractNum ");
  if (!our_abs) our_abs = our_num;
  /* all abstract numberings come before the numberings (CT_Numbering) */
  const char *num = docx_ref_first_num(u, close);
  if (!num) num = close;
  /* and the numberings before Word's w:numIdMacAtCleanup, which ends it */
  const char *tail = docx_ref_find(num, close, "<w:numIdMacAtCleanup");
  if (!tail) tail = close;
  docx_ref_copy(x, u, (size_t)(num - u));
  dm_xml_raw(x->x, our_abs, (size_t)(our_num - our_abs));
  dm_xml_raw(x->x, num, (size_t)(tail - num));
  dm_xml_raw(x->x, our_num, (size_t)(our_close - our_num));
  dm_xml_raw(x->x, tail, (size_t)(uend - tail));
  return dm_xml_status(x->x);
}

int docx_ref_load(docx_state *st) {
  const char *path = dm_option_str(st->ctx, "reference-doc");
  if (!*path) return DM_OK;
  size_t size;
  unsigned char *data = docx_read_file(path, DOCX_REF_MAX, &size);
  if (!data) return dm_error(st->ctx, DM_EIO, "cannot read the reference document %s", path);
  dm_zip *z = NULL;
  int rc = dm_zip_open(st->ctx, data, size, &z);
  char *doc = NULL, *rels = NULL, *settings = NULL;
  size_t len;
  if (rc == DM_OK) rc = docx_ref_entry(st, z, "word/styles.xml", &st->ref_styles, &st->ref_styles_len);
  if (rc == DM_OK) rc = docx_ref_entry(st, z, "word/document.xml", &doc, &len);
  if (rc == DM_OK) rc = docx_ref_entry(st, z, "word/_rels/document.xml.rels", &rels, &len);
  if (rc == DM_OK) rc = docx_ref_entry(st, z, "word/settings.xml", &settings, &len);
  if (rc == DM_OK && !doc) rc = dm_error(st->ctx, DM_EFORMAT, "the reference document %s is not a Word document", path);
  if (rc == DM_OK && st->ref_styles && !strstr(st->ref_styles, "xmlns:w=\"" DOCX_NS_W "\"")) {
    free(st->ref_styles);
    st->ref_styles = NULL;
    rc = dm_warn(st->ctx, DM_DIAG_UNSUPPORTED, dm_pos_offset(DM_NO_OFFSET),
                 "reference document %s: its styles are not in the usual form; docmill's are used", path);
  }
  if (rc == DM_OK) rc = docx_ref_load_numbering(st, z, path);
  if (rc == DM_OK) rc = docx_ref_section(st, z, doc, rels);
  if (rc == DM_OK && settings && strstr(settings, "<w:evenAndOddHeaders")) st->ref_even_odd = 1;
  free(doc);
  free(rels);
  free(settings);
  dm_zip_close(z);
  free(data);
  return rc;
}

void docx_ref_free(docx_state *st) {
  free(st->ref_styles);
  free(st->ref_pgsz);
  free(st->ref_pgmar);
  free(st->ref_numbering);
  for (int i = 0; i < DOCX_HF_SLOTS; i++)
    free(st->hf[i].data);
}

/* Whether the template defines a style of this id. */
static int docx_ref_has_style(const docx_state *st, const char *id, size_t n) {
  char pat[160];
  if (n > 120) return 0;
  snprintf(pat, sizeof pat, "w:styleId=\"%.*s\"", (int)n, id);
  return strstr(st->ref_styles, pat) != NULL;
}

int docx_ref_styles(docx_state *st, docx_xml *x, const char *ours, size_t len) {
  const char *u = st->ref_styles, *close = NULL;
  for (const char *p = u; (p = strstr(p, "</w:styles>")); p++)
    close = p;
  if (!close) {
    /* not a styles part we can add to: ours, whole */
    const char *d = strstr(ours, "?>");
    d = d ? d + 2 : ours;
    dm_xml_raw(x->x, d, len - (size_t)(d - ours));
    return dm_xml_status(x->x);
  }
  docx_ref_copy(x, u, (size_t)(close - u));
  for (const char *p = ours; (p = strstr(p, "<w:style ")) && p < ours + len;) {
    const char *e = strstr(p, "</w:style>");
    if (!e) break;
    e += strlen("</w:style>");
    const char *id = strstr(p, "w:styleId=\"");
    if (id && id < e) {
      id += strlen("w:styleId=\"");
      const char *q = strchr(id, '"');
      if (q && !docx_ref_has_style(st, id, (size_t)(q - id))) dm_xml_raw(x->x, p, (size_t)(e - p));
    }
    p = e;
  }
  dm_xml_raw(x->x, close, strlen(close));
  return dm_xml_status(x->x);
}
