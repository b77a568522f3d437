/* SPDX-License-Identifier: MIT */
/*
 * The DOCX reader: the descriptor, the probe, and the package. The package
 * is opened with the library's safe ZIP reader (docmill/zip.h: path rules,
 * bounded inflation and entry count, encrypted or damaged entries
 * refused); the main part is found through the package relationships, and
 * its own relationships name the styles, numbering, settings, notes,
 * headers, footers, images and link targets. Parts are read in the order
 * the body needs them: styles and numbering, then the notes (each note is
 * built whole and put at its first reference), then the body, streamed.
 * What could not be carried (tracked deletions, comments, text boxes,
 * hidden text, merged cells, elements not known) is reported once each at
 * the end, with counts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docmill/zip.h"
#include "docx_read.h"

#define DOCX_REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define DOCX_MAX_RELS 100000

int docx_mem_has(const unsigned char *s, size_t n, const char *what) {
  size_t w = strlen(what);
  for (size_t i = 0; i + w <= n; i++)
    if (s[i] == (unsigned char)what[0] && !memcmp(s + i, what, w)) return 1;
  return 0;
}

static int docx_read_probe(const dm_input *in) {
  if (dm_zip_probe_entry(in->data, in->size, "word/document.xml")) return DM_PROBE_SCORE_MAX;
  /* Writers that stream (sizes in data descriptors) stop the header walk;
   * the part names still show in the first local headers. */
  size_t n = in->size < 65536 ? in->size : 65536;
  if (n > 4 && !memcmp(in->data, "PK\3\4", 4) && docx_mem_has(in->data, n, "[Content_Types].xml") &&
      docx_mem_has(in->data, n, "word/"))
    return 80;
  return 0;
}

const docx_rel *docx_rel_find(const docx_rd *rd, const char *id) {
  for (size_t i = 0; i < rd->nrels; i++)
    if (!strcmp(rd->rels[i].id, id)) return &rd->rels[i];
  return NULL;
}

/* The part a relationship target names, from the folder of its source
 * ("word/"): "media/a.png" -> "word/media/a.png", "../x" -> "x", "/y" -> "y". */
static char *docx_resolve(dm_doc *doc, const char *base, const char *target) {
  char path[1024];
  if (target[0] == '/')
    snprintf(path, sizeof path, "%s", target + 1);
  else
    snprintf(path, sizeof path, "%s%s", base, target);
  /* fold "x/../" and "./" */
  char out[1024];
  size_t o = 0;
  for (const char *s = path; *s;) {
    size_t n = strcspn(s, "/");
    if (n == 2 && s[0] == '.' && s[1] == '.') {
      while (o && out[o - 1] == '/')
        o--;
      while (o && out[o - 1] != '/')
        o--;
    } else if (!(n == 1 && s[0] == '.') && n) {
      if (o + n + 1 >= sizeof out) break;
      memcpy(out + o, s, n);
      o += n;
      if (s[n] == '/') out[o++] = '/';
    }
    s += n + (s[n] == '/');
  }
  return dm_doc_strndup(doc, out, o);
}

/* A .rels part: every relationship, targets resolved from base. */
static int docx_rels_read(docx_rd *rd, const char *part, const unsigned char *data, size_t len, const char *base,
                          docx_rel **out, size_t *nout) {
  docx_x x;
  int rc = docx_x_open(&x, rd, part, data, len);
  if (rc != DM_OK) return rc;
  size_t cap = 0;
  rc = docx_x_child(&x, -1);
  while (rc == 1 && (rc = docx_x_child(&x, 0)) == 1) {
    char id[256], type[512], target[1024], mode[32];
    if (!docx_x_is(&x, DOCX_NS_REL, "Relationship") || !docx_x_attr(&x, DOCX_NS_OTHER, "Id", id, sizeof id) ||
        !docx_x_attr(&x, DOCX_NS_OTHER, "Target", target, sizeof target)) {
      rc = docx_x_skip(&x) == DM_OK ? 1 : rd->status;
      continue;
    }
    if (!docx_x_attr(&x, DOCX_NS_OTHER, "Type", type, sizeof type)) type[0] = '\0';
    int ext = docx_x_attr(&x, DOCX_NS_OTHER, "TargetMode", mode, sizeof mode) && !strcmp(mode, "External");
    if (*nout == DOCX_MAX_RELS) {
      rc = rd->status = dm_error(rd->ctx, DM_ELIMIT, "%s: more than %d relationships", part, DOCX_MAX_RELS);
      break;
    }
    if (*nout == cap) {
      cap = cap ? cap * 2 : 32;
      docx_rel *p = realloc(*out, cap * sizeof *p);
      if (!p) {
        rc = docx_nomem(rd);
        break;
      }
      *out = p;
    }
    docx_rel *r = &(*out)[(*nout)++];
    const char *t = strncmp(type, DOCX_REL_NS, strlen(DOCX_REL_NS)) ? type : type + strlen(DOCX_REL_NS);
    r->id = dm_doc_strdup(rd->doc, id);
    r->type = dm_doc_strdup(rd->doc, t);
    r->external = ext;
    r->target = ext ? dm_doc_strdup(rd->doc, target) : docx_resolve(rd->doc, base, target);
    if (!r->id || !r->type || !r->target) {
      rc = docx_nomem(rd);
      break;
    }
    rc = docx_x_skip(&x) == DM_OK ? 1 : rd->status;
  }
  docx_x_close(&x);
  return rc < 0 ? rc : DM_OK;
}

/* Extracts a part by name; *data NULL (and DM_OK) when there is none. */
static int docx_part(docx_rd *rd, dm_zip *zip, const char *name, unsigned char **data, size_t *len) {
  *data = NULL;
  *len = 0;
  long i = dm_zip_find(zip, name);
  if (i < 0) return DM_OK;
  int rc = dm_zip_extract(rd->ctx, zip, (size_t)i, data, len);
  if (rc != DM_OK) rd->status = rc;
  return rc;
}

typedef int (*docx_part_fn)(docx_rd *rd, const unsigned char *data, size_t len);

/* Loads the relationships of a part (links and images in it are resolved
 * through its own .rels) as the current ones. */
static int docx_part_rels(docx_rd *rd, dm_zip *zip, const char *part) {
  free(rd->rels);
  rd->rels = NULL;
  rd->nrels = 0;
  const char *slash = strrchr(part, '/');
  size_t blen = slash ? (size_t)(slash - part + 1) : 0;
  char base[512], rels[1100];
  snprintf(base, sizeof base, "%.*s", (int)(blen < sizeof base ? blen : 0), part);
  snprintf(rels, sizeof rels, "%s_rels/%s.rels", base, part + blen);
  unsigned char *data = NULL;
  size_t len = 0;
  int rc = docx_part(rd, zip, rels, &data, &len);
  if (rc == DM_OK && data) rc = docx_rels_read(rd, rels, data, len, base, &rd->rels, &rd->nrels);
  free(data);
  return rc;
}

/* Reads a part with its relationships. */
static int docx_read_part(docx_rd *rd, dm_zip *zip, const char *name, docx_part_fn fn) {
  unsigned char *data = NULL;
  size_t len = 0;
  int rc = docx_part_rels(rd, zip, name);
  if (rc == DM_OK) rc = docx_part(rd, zip, name, &data, &len);
  rd->part = name;
  if (rc == DM_OK && data)
    rc = fn(rd, data, len);
  else if (rc == DM_OK && !data && !strcmp(name, rd->main))
    rc = rd->status = dm_error(rd->ctx, DM_EFORMAT, "no %s in the package: not a Word document", name);
  free(data);
  return rc;
}

/* Reads the part of the first relationship of the main part of that type. */
static int docx_read_rel_part(docx_rd *rd, dm_zip *zip, const char *type, docx_part_fn fn) {
  for (size_t i = 0; i < rd->nmrels; i++)
    if (!strcmp(rd->mrels[i].type, type) && !rd->mrels[i].external)
      return docx_read_part(rd, zip, rd->mrels[i].target, fn);
  return DM_OK;
}

static int docx_read_footnotes(docx_rd *rd, const unsigned char *d, size_t n) { return docx_notes_read(rd, 0, d, n); }
static int docx_read_endnotes(docx_rd *rd, const unsigned char *d, size_t n) { return docx_notes_read(rd, 1, d, n); }
static int docx_read_furniture_part(docx_rd *rd, const unsigned char *d, size_t n) {
  return docx_meta_furniture(rd, rd->part, d, n);
}

static int docx_read_furniture(docx_rd *rd, dm_zip *zip) {
  for (size_t i = 0; i < rd->nmrels && !rd->status; i++) {
    const docx_rel *r = &rd->mrels[i];
    if ((strcmp(r->type, "header") && strcmp(r->type, "footer")) || r->external) continue;
    int rc = docx_read_part(rd, zip, r->target, docx_read_furniture_part);
    if (rc != DM_OK) return rc;
  }
  return DM_OK;
}

/* The main part, from the package relationships (or where Word puts it),
 * and the folder its own relationships are resolved from. */
static int docx_main_part(docx_rd *rd, dm_zip *zip, char *main, size_t size, const char **core) {
  unsigned char *data;
  size_t len;
  docx_rel *rels = NULL;
  size_t n = 0;
  int rc = docx_part(rd, zip, "_rels/.rels", &data, &len);
  if (rc == DM_OK && data) rc = docx_rels_read(rd, "_rels/.rels", data, len, "", &rels, &n);
  free(data);
  snprintf(main, size, "word/document.xml");
  *core = "docProps/core.xml";
  for (size_t i = 0; rc == DM_OK && i < n; i++) {
    if (!strcmp(rels[i].type, "officeDocument")) snprintf(main, size, "%s", rels[i].target);
    if (strstr(rels[i].type, "/core-properties")) *core = rels[i].target;
  }
  free(rels);
  return rc;
}

/* The document's language when docProps/core.xml gives none: the default
 * language of its runs (styles.xml), the right-to-left one when most
 * paragraphs are right to left (w:bidi). */
static int docx_language(docx_rd *rd) {
  if (dm_doc_meta(rd->doc, DM_META_LANGUAGE)) return DM_OK;
  const char *l = rd->bidi_paras * 2 > rd->paras && rd->lang[2][0] ? rd->lang[2] : rd->lang[0];
  if (!*l) return DM_OK;
  return dm_doc_set_meta(rd->doc, DM_META_LANGUAGE, l) == DM_OK ? DM_OK : docx_nomem(rd);
}

/* Whether the paragraph's own text (not its notes') holds a strong
 * right-to-left character; 0 too when out of memory (nothing is said). */
static int docx_has_rtl(dm_node *para) {
  dm_iter *it = dm_iter_new(para);
  int found = 0;
  dm_event ev;
  while (it && !found && (ev = dm_iter_next(it)) != DM_EVENT_DONE) {
    dm_node *n = dm_iter_node(it);
    if (ev == DM_EVENT_ENTER && dm_node_type_of(n) == DM_NODE_NOTE) {
      dm_iter_reset(it, n, DM_EVENT_EXIT);
      continue;
    }
    if (dm_node_type_of(n) != DM_NODE_TEXT) continue;
    const unsigned char *s = (const unsigned char *)dm_node_literal(n);
    size_t len = dm_node_literal_len(n), i = 0;
    uint32_t cp;
    for (int k; !found && i < len && (k = dm_utf8_decode(s + i, len - i, &cp)) > 0; i += (size_t)k)
      found = dm_unicode_is_rtl(cp);
  }
  dm_iter_free(it);
  return found;
}

/* Paragraph direction. Each right-to-left paragraph was read with "dir"
 * rtl; once the document's language (and so its direction) is known, the
 * paragraphs that go its way drop theirs and, in a right-to-left
 * document, those that do not get "dir" ltr: only a paragraph against the
 * document's direction says so, as the language says the rest. A line
 * with no right-to-left letter at all (a symbol, a date) is left to right
 * in any document, as docmill's writer makes it, and says nothing. */
static int docx_directions(docx_rd *rd) {
  if (!rd->bidi_paras) return DM_OK;
  const char *lang = dm_doc_meta(rd->doc, DM_META_LANGUAGE);
  /* without a language nothing else says the document's direction: each
   * right-to-left paragraph keeps its own */
  if (!lang || !dm_lang_is_rtl(lang)) return DM_OK;
  dm_iter *it = dm_iter_new(dm_doc_root(rd->doc));
  if (!it) return docx_nomem(rd);
  int rc = DM_OK;
  dm_event ev;
  while (rc == DM_OK && (ev = dm_iter_next(it)) != DM_EVENT_DONE) {
    dm_node *n = dm_iter_node(it);
    dm_node_type t = dm_node_type_of(n);
    if (ev != DM_EVENT_ENTER || (t != DM_NODE_PARAGRAPH && t != DM_NODE_HEADING && t != DM_NODE_CODE_BLOCK)) continue;
    if (dm_node_attr(n, "dir"))
      rc = dm_node_set_attr(n, "dir", NULL);
    else if (docx_has_rtl(n))
      rc = dm_node_set_attr(n, "dir", "ltr");
  }
  dm_iter_free(it);
  return rc == DM_OK ? DM_OK : docx_nomem(rd);
}

static int docx_read_parts(docx_rd *rd, dm_zip *zip) {
  char main[512];
  const char *core;
  int rc = docx_main_part(rd, zip, main, sizeof main, &core);
  if (rc != DM_OK) return rc;
  rd->main = main;
  rc = docx_part_rels(rd, zip, main);
  /* the main part's relationships name the others */
  rd->mrels = rd->rels;
  rd->nmrels = rd->nrels;
  rd->rels = NULL;
  rd->nrels = 0;
  int done = 0;
  if (rc == DM_OK) rc = docx_custom_read(rd, zip, &done);
  if (done) {
    rd->main = NULL;
    return rc;
  }
  if (rc == DM_OK) rc = docx_read_rel_part(rd, zip, "styles", docx_styles_read);
  if (rc == DM_OK) rc = docx_read_rel_part(rd, zip, "numbering", docx_num_read);
  if (rc == DM_OK) rc = docx_read_rel_part(rd, zip, "settings", docx_meta_settings);
  if (rc == DM_OK) rc = docx_read_rel_part(rd, zip, "footnotes", docx_read_footnotes);
  if (rc == DM_OK) rc = docx_read_rel_part(rd, zip, "endnotes", docx_read_endnotes);
  if (rc == DM_OK) rc = docx_read_part(rd, zip, core, docx_meta_core);
  if (rc == DM_OK) rc = docx_read_furniture(rd, zip);
  if (rc == DM_OK) rc = docx_read_part(rd, zip, main, docx_body_read);
  if (rc == DM_OK) rc = docx_notes_finish(rd);
  if (rc == DM_OK) rc = docx_language(rd);
  if (rc == DM_OK) rc = docx_directions(rd);
  if (rc == DM_OK) rc = docx_custom_meta(rd);
  rd->main = NULL;
  return rc;
}

/* One warning for each kind of thing that could not be carried. */
static int docx_report(docx_rd *rd) {
  dm_ctx *ctx = rd->ctx;
  dm_pos none = dm_pos_offset(DM_NO_OFFSET);
  int rc = DM_OK;
  if (rd->insertions || rd->deletions)
    rc = dm_warn(ctx, DM_DIAG_OTHER, none, "tracked changes: %zu insertions accepted, %zu deletions dropped",
                 rd->insertions, rd->deletions);
  if (rc == DM_OK && rd->comments) rc = dm_warn(ctx, DM_DIAG_UNSUPPORTED, none, "%zu comments dropped", rd->comments);
  if (rc == DM_OK && rd->images)
    rc = dm_warn(ctx, DM_DIAG_MEDIA, none,
                 "%zu images kept as references to their package parts: the document model carries no image data",
                 rd->images);
  if (rc == DM_OK && rd->textboxes)
    rc = dm_info(ctx, DM_DIAG_OTHER, none, "%zu text boxes read after the paragraphs that anchor them", rd->textboxes);
  if (rc == DM_OK && rd->hidden)
    rc = dm_warn(ctx, DM_DIAG_OTHER, none, "%zu bytes of hidden text (w:vanish) left out, as Word shows them",
                 rd->hidden);
  if (rc == DM_OK && rd->merged)
    rc = dm_warn(ctx, DM_DIAG_UNSUPPORTED, none, "%zu merged table cells kept as empty cells", rd->merged);
  if (rc == DM_OK && rd->num_missing)
    rc = dm_warn(ctx, DM_DIAG_STRUCTURE, none,
                 "%zu paragraphs refer to numbering that numbering.xml does not define: shown without a number",
                 rd->num_missing);
  if (rc == DM_OK && rd->fmt_unknown)
    rc = dm_warn(ctx, DM_DIAG_UNSUPPORTED, none,
                 "%zu numbers in formats not known (the first: %s) shown as decimal numbers", rd->fmt_unknown,
                 rd->first_fmt);
  if (rc == DM_OK && rd->unknown)
    rc = dm_warn(ctx, DM_DIAG_UNKNOWN_ELEMENT, none, "%zu elements not read (the first: w:%s)", rd->unknown,
                 rd->first_unknown ? rd->first_unknown : "?");
  for (int e = 0; e < 2 && rc == DM_OK; e++) {
    docx_notes *ns = e ? &rd->end : &rd->foot;
    size_t unused = 0;
    long first = 0;
    for (size_t i = 0; i < ns->n; i++)
      if (!ns->v[i].used && !unused++) first = ns->v[i].id;
    if (unused)
      rc = dm_warn(ctx, DM_DIAG_NOTE_UNUSED, none, "%zu %s never referenced in the text, dropped (the first: id %ld)",
                   unused, e ? "endnotes" : "footnotes", first);
  }
  return rc == DM_OK ? DM_OK : docx_nomem(rd);
}

static int docx_read_doc(dm_ctx *ctx, void *priv, const dm_input *in, dm_doc *doc) {
  (void)priv;
  int rc = docx_libxml_load(ctx);
  if (rc != DM_OK) return rc;
  docx_rd rd;
  memset(&rd, 0, sizeof rd);
  rd.ctx = ctx;
  rd.doc = doc;
  rd.max_depth = dm_ctx_limits(ctx).max_depth;
  rd.foot.start = rd.end.start = 1;
  dm_zip *zip = NULL;
  rc = dm_zip_open(ctx, in->data, in->size, &zip);
  if (rc == DM_OK) rc = docx_read_parts(&rd, zip);
  if (rc == DM_OK) rc = docx_report(&rd);
  dm_zip_close(zip);
  free(rd.rels);
  free(rd.mrels);
  free(rd.styles);
  free(rd.abs);
  free(rd.nums);
  free(rd.foot.v);
  free(rd.end.v);
  free(rd.marks);
  free(rd.bm);
  free(rd.cmeta);
  dm_buf_release(&rd.text);
  if (rc == DM_OK && rd.status) rc = rd.status;
  return rc;
}

static const char *const docx_read_exts[] = {"docx", "docm", "dotx", NULL};
static const char *const docx_read_mimes[] = {"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                              NULL};

static const dm_option_decl docx_read_options[] = {
    {"docmill-part", DM_OPT_STRING, "all",
     "docmill's own part of a DOCX it wrote: all (its tree while the text is unchanged, and its metadata), "
     "metadata, or none"},
    {NULL, 0, NULL, NULL},
};

const dm_reader docx_reader = {
    .abi_version = DM_PLUGIN_ABI_VERSION,
    .name = "docx",
    .description = "Word documents (DOCX): styles, numbering as displayed, footnotes with their marks",
    .extensions = docx_read_exts,
    .mime_types = docx_read_mimes,
    .options = docx_read_options,
    .probe = docx_read_probe,
    .read = docx_read_doc,
};
