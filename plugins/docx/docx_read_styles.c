/* SPDX-License-Identifier: MIT */
/*
 * styles.xml: each style's name, type, basedOn parent, outline level,
 * numbering and run formatting, resolved through its basedOn chain so that
 * a paragraph knows whether it is a heading (by outline level, or by name
 * in any of the six languages of data/styles.tsv), a list paragraph, a
 * quotation or code, and which formatting its runs inherit. A chain that
 * loops (A based on B based on A) is cut where it closes, with a warning:
 * Word refuses such a file, but a reader must not hang on it.
 */
#include <stdlib.h>
#include <string.h>

#include "docx_read.h"
#include "docx_read_tables.h"

#define DOCX_MAX_STYLES 20000

static int docx_style_cmp(const void *a, const void *b) {
  const docx_style *x = a, *y = b;
  int c = strcmp(x->id, y->id);
  return c ? c : (x->type > y->type) - (x->type < y->type);
}

/* ASCII case and spaces do not count: "Heading 1", "heading1". */
static int docx_name_eq(const char *a, const char *b) {
  for (;;) {
    while (*a == ' ')
      a++;
    while (*b == ' ')
      b++;
    if (!*a || !*b) return !*a && !*b;
    int ca = (unsigned char)*a, cb = (unsigned char)*b;
    if (ca >= 'A' && ca <= 'Z') ca += 32;
    if (cb >= 'A' && cb <= 'Z') cb += 32;
    if (ca != cb) return 0;
    a++;
    b++;
  }
}

static void docx_style_classify(docx_style *s) {
  const char *names[2] = {s->name, s->id};
  for (int k = 0; k < 2; k++) {
    if (!names[k]) continue;
    for (size_t i = 0; i < docx_styles_count; i++) {
      if (!docx_name_eq(names[k], docx_styles[i].name)) continue;
      const char *kind = docx_styles[i].kind;
      int level = atoi(docx_styles[i].level);
      if (!strcmp(kind, "heading"))
        s->kind = DOCX_SK_HEADING;
      else if (!strcmp(kind, "title"))
        s->kind = DOCX_SK_TITLE;
      else if (!strcmp(kind, "quote"))
        s->kind = DOCX_SK_QUOTE;
      else if (!strcmp(kind, "code"))
        s->kind = DOCX_SK_CODE;
      else if (!strcmp(kind, "code-char"))
        s->fmt.code = 1;
      else if (!strcmp(kind, "list"))
        s->kind = DOCX_SK_LIST;
      else if (!strcmp(kind, "note-text"))
        s->kind = DOCX_SK_NOTE_TEXT;
      else if (!strcmp(kind, "preface-heading"))
        s->kind = DOCX_SK_PREFACE_HEADING;
      else if (!strcmp(kind, "note-mark"))
        s->kind = DOCX_SK_NOTE_MARK;
      else if (!strcmp(kind, "paragraph"))
        s->kind = DOCX_SK_PLAIN;
      s->level = (unsigned char)(level < 1 ? 1 : level > 6 ? 6 : level);
      return;
    }
  }
}

int docx_read_rpr(docx_x *x, docx_fmt *f, int depth, char *rstyle, size_t rsize) {
  int rc;
  char buf[64];
  while ((rc = docx_x_child(x, depth)) == 1) {
    if (docx_x_ns(x) != DOCX_NS_W) {
      if ((rc = docx_x_skip(x)) != DM_OK) return rc;
      continue;
    }
    const char *n = docx_x_name(x);
    if (!strcmp(n, "b"))
      f->b = (signed char)docx_x_onoff(x);
    else if (!strcmp(n, "i"))
      f->i = (signed char)docx_x_onoff(x);
    else if (!strcmp(n, "strike") || !strcmp(n, "dstrike"))
      f->strike = (signed char)docx_x_onoff(x);
    else if (!strcmp(n, "vanish"))
      f->hidden = (signed char)docx_x_onoff(x);
    else if (!strcmp(n, "rStyle") && rstyle) {
      if (!docx_x_attr(x, DOCX_NS_W, "val", rstyle, rsize)) rstyle[0] = '\0';
    } else if (!strcmp(n, "u")) {
      const char *v = docx_x_attr(x, DOCX_NS_W, "val", buf, sizeof buf);
      f->u = (signed char)(v && strcmp(v, "none") != 0);
    } else if (!strcmp(n, "vertAlign")) {
      const char *v = docx_x_attr(x, DOCX_NS_W, "val", buf, sizeof buf);
      f->sup = (signed char)(v && !strcmp(v, "superscript"));
      f->sub = (signed char)(v && !strcmp(v, "subscript"));
    } else if (!strcmp(n, "rFonts")) {
      const char *v = docx_x_attr(x, DOCX_NS_W, "ascii", buf, sizeof buf);
      /* a monospaced face is how editors mark code in a run */
      if (v && (strstr(v, "Courier") || strstr(v, "Consolas") || strstr(v, "Mono") || strstr(v, "Menlo"))) f->code = 1;
    }
    if ((rc = docx_x_skip(x)) != DM_OK) return rc;
  }
  return rc;
}

static int docx_style_ppr(docx_x *x, docx_style *s, int depth) {
  int rc;
  while ((rc = docx_x_child(x, depth)) == 1) {
    if (docx_x_is(x, DOCX_NS_W, "bidi")) {
      s->bidi = (signed char)docx_x_onoff(x);
    } else if (docx_x_is(x, DOCX_NS_W, "outlineLvl")) {
      long v = docx_x_val_long(x, 9);
      s->outline = (signed char)(v < 0 || v > 9 ? 9 : v);
    } else if (docx_x_is(x, DOCX_NS_W, "numPr")) {
      int d = docx_x_depth(x);
      while ((rc = docx_x_child(x, d)) == 1) {
        if (docx_x_is(x, DOCX_NS_W, "numId")) s->num_id = docx_x_val_long(x, 0);
        if (docx_x_is(x, DOCX_NS_W, "ilvl")) {
          long v = docx_x_val_long(x, 0);
          s->ilvl = (signed char)(v < 0 || v > 8 ? 0 : v);
        }
        if ((rc = docx_x_skip(x)) != DM_OK) return rc;
      }
      if (rc < 0) return rc;
    }
    if ((rc = docx_x_skip(x)) != DM_OK) return rc;
  }
  return rc;
}

static int docx_style_one(docx_rd *rd, docx_x *x, docx_style *s) {
  char buf[256];
  const char *v = docx_x_attr(x, DOCX_NS_W, "styleId", buf, sizeof buf);
  s->id = dm_doc_strdup(rd->doc, v ? v : "");
  v = docx_x_attr(x, DOCX_NS_W, "type", buf, sizeof buf);
  s->type = !v ? 'p' : !strcmp(v, "character") ? 'c' : !strcmp(v, "table") ? 't' : !strcmp(v, "numbering") ? 'n' : 'p';
  v = docx_x_attr(x, DOCX_NS_W, "default", buf, sizeof buf);
  int is_default = v && (!strcmp(v, "1") || !strcmp(v, "true"));
  s->outline = -1;
  s->ilvl = -1;
  s->bidi = -1;
  s->num_id = -1;
  memset(&s->fmt, -1, sizeof s->fmt);
  if (!s->id) return docx_nomem(rd);
  int depth = docx_x_depth(x), rc;
  while ((rc = docx_x_child(x, depth)) == 1) {
    int d = docx_x_depth(x);
    if (docx_x_is(x, DOCX_NS_W, "name") || docx_x_is(x, DOCX_NS_W, "basedOn")) {
      int name = !strcmp(docx_x_name(x), "name");
      v = docx_x_attr(x, DOCX_NS_W, "val", buf, sizeof buf);
      if (v && !(*(name ? &s->name : &s->based_on) = dm_doc_strdup(rd->doc, v))) return docx_nomem(rd);
    } else if (docx_x_is(x, DOCX_NS_W, "pPr")) {
      if ((rc = docx_style_ppr(x, s, d)) < 0) return rc;
      continue;
    } else if (docx_x_is(x, DOCX_NS_W, "rPr")) {
      if ((rc = docx_read_rpr(x, &s->fmt, d, NULL, 0)) < 0) return rc;
      continue;
    }
    if ((rc = docx_x_skip(x)) != DM_OK) return rc;
  }
  if (rc < 0) return rc;
  docx_style_classify(s);
  return is_default && s->type == 'p' ? 1 : 0;
}

/* w:docDefaults: the languages of runs that say none. */
static int docx_doc_defaults(docx_rd *rd, docx_x *x) {
  int rc;
  while ((rc = docx_x_descend(x, 1)) == 1)
    if (docx_x_is(x, DOCX_NS_W, "lang")) {
      static const char *const attrs[3] = {"val", "eastAsia", "bidi"};
      for (int i = 0; i < 3; i++)
        if (!docx_x_attr(x, DOCX_NS_W, attrs[i], rd->lang[i], sizeof rd->lang[i])) rd->lang[i][0] = '\0';
    }
  return rc;
}

int docx_styles_read(docx_rd *rd, const unsigned char *data, size_t len) {
  docx_x x;
  int rc = docx_x_open(&x, rd, "word/styles.xml", data, len);
  if (rc != DM_OK) return rc;
  size_t cap = 0;
  const char *default_id = NULL;
  rc = docx_x_child(&x, -1);
  if (rc == 1 && !docx_x_is(&x, DOCX_NS_W, "styles")) rc = docx_bad(rd, &x, "the root is not w:styles");
  while (rc == 1 && (rc = docx_x_child(&x, 0)) == 1) {
    if (docx_x_is(&x, DOCX_NS_W, "docDefaults")) {
      rc = docx_doc_defaults(rd, &x) < 0 ? rd->status : 1;
      continue;
    }
    if (!docx_x_is(&x, DOCX_NS_W, "style")) {
      rc = docx_x_skip(&x) == DM_OK ? 1 : rd->status;
      continue;
    }
    if (rd->nstyles == DOCX_MAX_STYLES) {
      rc = rd->status = dm_error(rd->ctx, DM_ELIMIT, "word/styles.xml: more than %d styles", DOCX_MAX_STYLES);
      break;
    }
    if (rd->nstyles == cap) {
      cap = cap ? cap * 2 : 64;
      docx_style *p = realloc(rd->styles, cap * sizeof *p);
      if (!p) {
        rc = docx_nomem(rd);
        break;
      }
      rd->styles = p;
    }
    docx_style *s = &rd->styles[rd->nstyles];
    memset(s, 0, sizeof *s);
    int d = docx_style_one(rd, &x, s);
    if (d < 0) {
      rc = d;
      break;
    }
    if (d == 1) default_id = s->id;
    rd->nstyles++;
    rc = 1;
  }
  docx_x_close(&x);
  if (rc < 0) return rc;
  if (rd->nstyles) qsort(rd->styles, rd->nstyles, sizeof *rd->styles, docx_style_cmp);
  if (default_id) rd->default_p = docx_style_find(rd, default_id, 'p');
  return DM_OK;
}

static docx_style *docx_style_lookup(docx_rd *rd, const char *id, char type) {
  if (!id || !rd->nstyles) return NULL;
  docx_style key;
  key.id = id;
  key.type = type;
  return bsearch(&key, rd->styles, rd->nstyles, sizeof key, docx_style_cmp);
}

static void docx_fmt_inherit(docx_fmt *f, const docx_fmt *from) {
  signed char *a = &f->b;
  const signed char *b = &from->b;
  for (size_t i = 0; i < sizeof *f; i++)
    if (a[i] < 0) a[i] = b[i];
}

/* Fills what s leaves unset from its parent p (already resolved). */
static void docx_style_resolve(docx_style *s, const docx_style *p) {
  if (p) {
    if (s->outline < 0) s->outline = p->outline;
    if (s->num_id < 0) s->num_id = p->num_id;
    if (s->ilvl < 0) s->ilvl = p->ilvl;
    if (s->bidi < 0) s->bidi = p->bidi;
    docx_fmt_inherit(&s->fmt, &p->fmt);
    if (s->kind == DOCX_SK_BODY) {
      s->kind = p->kind;
      s->level = p->level;
    }
  }
  /* a named kind wins over the outline level Word's navigation uses */
  if (s->outline >= 0 && s->outline < 6 && s->kind != DOCX_SK_TITLE && s->kind != DOCX_SK_PREFACE_HEADING &&
      s->kind != DOCX_SK_PLAIN) {
    s->kind = DOCX_SK_HEADING;
    s->level = (unsigned char)(s->outline + 1);
  }
  s->state = 2;
}

/* Resolves s and the unresolved styles it is based on, from the far end of
 * the chain, without recursion (a chain may be thousands long). A loop is
 * cut where it closes: the style met again is taken as having no parent. */
static int docx_style_chain(docx_rd *rd, docx_style *s) {
  size_t n = 0, cap = 0;
  docx_style **chain = NULL, *c = s, *loop = NULL;
  for (; c && c->state != 2; c = docx_style_lookup(rd, c->based_on, c->type)) {
    if (c->state == 1) {
      loop = c;
      break;
    }
    if (n == cap) {
      cap = cap ? cap * 2 : 16;
      docx_style **p = realloc(chain, cap * sizeof *p);
      if (!p) {
        free(chain);
        return docx_nomem(rd);
      }
      chain = p;
    }
    c->state = 1;
    chain[n++] = c;
  }
  int rc = DM_OK;
  if (loop)
    rc = dm_warn(rd->ctx, DM_DIAG_STRUCTURE, dm_pos_offset(DM_NO_OFFSET),
                 "word/styles.xml: style '%s' is based on itself through its basedOn chain; the chain is cut there",
                 loop->id);
  const docx_style *parent = loop ? NULL : c;
  while (n > 0) {
    docx_style *t = chain[--n];
    docx_style_resolve(t, parent);
    parent = t;
  }
  free(chain);
  return rc == DM_OK ? DM_OK : docx_nomem(rd);
}

const docx_style *docx_style_find(docx_rd *rd, const char *id, char type) {
  docx_style *s = docx_style_lookup(rd, id, type);
  if (!s) return NULL;
  if (s->state != 2 && docx_style_chain(rd, s) != DM_OK) return NULL;
  return s;
}

const docx_style *docx_style_default(docx_rd *rd) { return rd->default_p; }
