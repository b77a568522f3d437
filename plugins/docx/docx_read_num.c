/* SPDX-License-Identifier: MIT */
/*
 * numbering.xml and the number Word displays. A paragraph's w:numPr names a
 * numbering instance (w:num) and a level; the instance points at an
 * abstract numbering (directly, or through a numbering style's
 * numStyleLink) whose levels give the start value, the format (decimal,
 * lowerLetter, lowerRoman, arabicAbjad... see data/numfmt.tsv) and the text
 * ("%1.", "(%2)", "%1.%2"), and may override a level or its start
 * (w:lvlOverride, w:startOverride). Counters live on the abstract
 * numbering, as in Word: instances that share one continue each other's
 * count unless an instance restarts it. Using a level restarts the levels
 * below it (or as w:lvlRestart says). Links that lead back to where they
 * started are cut with a warning.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docx_read.h"
#include "docx_read_tables.h"

#define DOCX_MAX_NUMS 20000

typedef struct docx_lvl {
  const char *fmt, *text; /* NULL: decimal; "%N." */
  long start;
  signed char restart; /* -1: after any higher level; 0: never; n: after level n */
  unsigned char lgl, set;
} docx_lvl;

typedef struct docx_abs {
  long id;
  docx_lvl lvl[9];
  const char *num_style_link;
  long count[9];
  unsigned char started[9];
} docx_abs;

typedef struct docx_num {
  long id, abs_id;
  docx_lvl over[9];
  unsigned char has_lvl[9], has_start[9], applied;
  long start_over[9];
} docx_num;

/* ---- formats ------------------------------------------------------------- */

/* The k-th space-separated symbol of s into out; its length, 0 if none. */
static size_t docx_symbol(const char *s, size_t k, char *out, size_t size) {
  for (;;) {
    while (*s == ' ')
      s++;
    if (!*s) return 0;
    size_t n = strcspn(s, " ");
    if (k-- == 0) {
      if (n >= size) return 0;
      memcpy(out, s, n);
      out[n] = '\0';
      return n;
    }
    s += n;
  }
}

static size_t docx_symbol_count(const char *s) {
  size_t n = 0;
  char tmp[16];
  while (docx_symbol(s, n, tmp, sizeof tmp))
    n++;
  return n;
}

static void docx_cat(char *out, size_t size, const char *s) {
  size_t n = strlen(out);
  snprintf(out + n, size - n, "%s", s);
}

static void docx_roman(long n, const char *sym, char *out, size_t size) {
  static const int val[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
  /* indices into "i v x l c d m" for each value, a pair where subtractive */
  static const signed char a[] = {6, 4, 5, 4, 4, 2, 3, 2, 2, 0, 1, 0, 0};
  static const signed char b[] = {-1, 6, -1, 5, -1, 4, -1, 3, -1, 2, -1, 1, -1};
  char s1[8], s2[8];
  out[0] = '\0';
  for (int i = 0; i < 13; i++)
    while (n >= val[i]) {
      docx_symbol(sym, (size_t)a[i], s1, sizeof s1);
      docx_cat(out, size, s1);
      if (b[i] >= 0) {
        docx_symbol(sym, (size_t)b[i], s2, sizeof s2);
        docx_cat(out, size, s2);
      }
      n -= val[i];
    }
}

/* Chinese counting: 一, 十, 十一, 二十一, 一百〇一, 一千二百三十四. */
static void docx_counting(long n, const char *sym, char *out, size_t size) {
  char d[16];
  out[0] = '\0';
  if (n < 10) {
    docx_symbol(sym, (size_t)n, out, size);
    return;
  }
  static const long unit[] = {1000, 100, 10, 1};
  int zero = 0, started = 0;
  for (int i = 0; i < 4; i++) {
    long digit = n / unit[i] % 10;
    if (!digit) {
      if (started) zero = 1;
      continue;
    }
    if (zero) docx_cat(out, size, (docx_symbol(sym, 0, d, sizeof d), d));
    zero = 0;
    /* "十一", not "一十一", when ten leads */
    if (!(i == 2 && digit == 1 && !started)) docx_cat(out, size, (docx_symbol(sym, (size_t)digit, d, sizeof d), d));
    if (i < 3) docx_cat(out, size, (docx_symbol(sym, (size_t)(12 - i), d, sizeof d), d));
    started = 1;
  }
}

static int docx_numfmt_known(const char *fmt) {
  for (size_t i = 0; i < docx_numfmts_count; i++)
    if (!strcmp(docx_numfmts[i].name, fmt)) return 1;
  return 0;
}

int docx_num_format(const char *fmt, long n, char *out, size_t size) {
  out[0] = '\0';
  const docx_numfmts_row *row = NULL;
  for (size_t i = 0; fmt && i < docx_numfmts_count; i++)
    if (!strcmp(docx_numfmts[i].name, fmt)) row = &docx_numfmts[i];
  const char *m = row ? row->method : "decimal";
  const char *sym = row ? row->symbols : "";
  if (!strcmp(m, "bullet")) return DOCX_NF_BULLET;
  if (!strcmp(m, "none")) return DOCX_NF_NONE;
  int kind = !strcmp(m, "decimal") ? DOCX_NF_DECIMAL : DOCX_NF_OTHER;
  size_t count = docx_symbol_count(sym);
  char s[16];
  if (!strcmp(m, "alpha") && n >= 1 && count) {
    size_t k = (size_t)(n - 1) % count, reps = (size_t)(n - 1) / count + 1;
    docx_symbol(sym, k, s, sizeof s);
    for (size_t r = 0; r < reps && r < 8; r++)
      docx_cat(out, size, s);
  } else if (!strcmp(m, "roman") && n >= 1 && n < 4000) {
    docx_roman(n, sym, out, size);
  } else if (!strcmp(m, "table") && n >= 1 && (size_t)n <= count) {
    docx_symbol(sym, (size_t)n - 1, out, size);
  } else if (!strcmp(m, "digits") && n >= 0 && count == 10) {
    char dec[24];
    snprintf(dec, sizeof dec, "%ld", n);
    for (const char *p = dec; *p; p++)
      docx_cat(out, size, (docx_symbol(sym, (size_t)(*p - '0'), s, sizeof s), s));
  } else if (!strcmp(m, "counting") && n >= 0 && n < 10000 && count == 13) {
    docx_counting(n, sym, out, size);
  } else {
    snprintf(out, size, fmt && !strcmp(fmt, "decimalZero") && n >= 0 && n < 10 ? "0%ld" : "%ld", n);
    if (!row && fmt) kind = DOCX_NF_OTHER;
  }
  return kind;
}

/* ---- reading numbering.xml ----------------------------------------------- */

static int docx_lvl_read(docx_rd *rd, docx_x *x, docx_lvl *l) {
  char buf[256];
  int depth = docx_x_depth(x), rc;
  l->set = 1;
  l->start = 1;
  l->restart = -1;
  while ((rc = docx_x_child(x, depth)) == 1) {
    if (docx_x_ns(x) == DOCX_NS_W) {
      const char *n = docx_x_name(x);
      if (!strcmp(n, "start"))
        l->start = docx_x_val_long(x, 1);
      else if (!strcmp(n, "lvlRestart")) {
        long v = docx_x_val_long(x, -1);
        l->restart = (signed char)(v < 0 || v > 9 ? -1 : v);
      } else if (!strcmp(n, "isLgl"))
        l->lgl = (unsigned char)docx_x_onoff(x);
      else if (!strcmp(n, "numFmt") || !strcmp(n, "lvlText")) {
        const char *v = docx_x_attr(x, DOCX_NS_W, "val", buf, sizeof buf);
        const char *c = v ? dm_doc_strndup(rd->doc, v, strlen(v) > 64 ? 64 : strlen(v)) : NULL;
        if (v && !c) return docx_nomem(rd);
        if (n[0] == 'n')
          l->fmt = c;
        else
          l->text = c;
      }
    }
    if ((rc = docx_x_skip(x)) != DM_OK) return rc;
  }
  return rc;
}

static int docx_level_of(docx_x *x) {
  char buf[16];
  const char *v = docx_x_attr(x, DOCX_NS_W, "ilvl", buf, sizeof buf);
  int l = v ? atoi(v) : 0;
  return l < 0 || l > 8 ? -1 : l;
}

static int docx_abs_read(docx_rd *rd, docx_x *x, docx_abs *a) {
  char buf[256];
  const char *v = docx_x_attr(x, DOCX_NS_W, "abstractNumId", buf, sizeof buf);
  a->id = v ? atol(v) : -1;
  int depth = docx_x_depth(x), rc;
  while ((rc = docx_x_child(x, depth)) == 1) {
    if (docx_x_is(x, DOCX_NS_W, "lvl")) {
      int l = docx_level_of(x);
      if (l >= 0 && (rc = docx_lvl_read(rd, x, &a->lvl[l])) < 0) return rc;
      if (l >= 0) continue;
    } else if (docx_x_is(x, DOCX_NS_W, "numStyleLink")) {
      v = docx_x_attr(x, DOCX_NS_W, "val", buf, sizeof buf);
      if (v && !(a->num_style_link = dm_doc_strdup(rd->doc, v))) return docx_nomem(rd);
    }
    if ((rc = docx_x_skip(x)) != DM_OK) return rc;
  }
  return rc;
}

static int docx_num_one(docx_rd *rd, docx_x *x, docx_num *m) {
  char buf[32];
  const char *v = docx_x_attr(x, DOCX_NS_W, "numId", buf, sizeof buf);
  m->id = v ? atol(v) : -1;
  m->abs_id = -1;
  int depth = docx_x_depth(x), rc;
  while ((rc = docx_x_child(x, depth)) == 1) {
    if (docx_x_is(x, DOCX_NS_W, "abstractNumId")) {
      m->abs_id = docx_x_val_long(x, -1);
    } else if (docx_x_is(x, DOCX_NS_W, "lvlOverride")) {
      int l = docx_level_of(x), d = docx_x_depth(x);
      while (l >= 0 && (rc = docx_x_child(x, d)) == 1) {
        if (docx_x_is(x, DOCX_NS_W, "startOverride")) {
          m->has_start[l] = 1;
          m->start_over[l] = docx_x_val_long(x, 1);
        } else if (docx_x_is(x, DOCX_NS_W, "lvl")) {
          m->has_lvl[l] = 1;
          if ((rc = docx_lvl_read(rd, x, &m->over[l])) < 0) return rc;
          continue;
        }
        if ((rc = docx_x_skip(x)) != DM_OK) return rc;
      }
      if (rc < 0) return rc;
      if (l >= 0) continue;
    }
    if ((rc = docx_x_skip(x)) != DM_OK) return rc;
  }
  return rc;
}

static int docx_cmp_abs(const void *a, const void *b) {
  long x = ((const docx_abs *)a)->id, y = ((const docx_abs *)b)->id;
  return (x > y) - (x < y);
}
static int docx_cmp_num(const void *a, const void *b) {
  long x = ((const docx_num *)a)->id, y = ((const docx_num *)b)->id;
  return (x > y) - (x < y);
}

/* Grows *v (of *n items of size sz) by one zeroed item; NULL when out of
 * memory or past the limit. */
static void *docx_grow(void **v, size_t *n, size_t sz) {
  if (*n >= DOCX_MAX_NUMS) return NULL;
  if ((*n & (*n - 1)) == 0) { /* at 0, 1, 2, 4 ... double */
    void *p = realloc(*v, (*n ? *n * 2 : 1) * sz);
    if (!p) return NULL;
    *v = p;
  }
  void *it = (char *)*v + (*n)++ * sz;
  memset(it, 0, sz);
  return it;
}

int docx_num_read(docx_rd *rd, const unsigned char *data, size_t len) {
  docx_x x;
  int rc = docx_x_open(&x, rd, "word/numbering.xml", data, len);
  if (rc != DM_OK) return rc;
  rc = docx_x_child(&x, -1);
  if (rc == 1 && !docx_x_is(&x, DOCX_NS_W, "numbering")) rc = docx_bad(rd, &x, "the root is not w:numbering");
  while (rc == 1 && (rc = docx_x_child(&x, 0)) == 1) {
    int is_abs = docx_x_is(&x, DOCX_NS_W, "abstractNum"), is_num = docx_x_is(&x, DOCX_NS_W, "num");
    if (!is_abs && !is_num) {
      rc = docx_x_skip(&x) == DM_OK ? 1 : rd->status;
      continue;
    }
    void *it = is_abs ? docx_grow((void **)&rd->abs, &rd->nabs, sizeof(docx_abs))
                      : docx_grow((void **)&rd->nums, &rd->nnums, sizeof(docx_num));
    if (!it) {
      rc = rd->nabs >= DOCX_MAX_NUMS || rd->nnums >= DOCX_MAX_NUMS
               ? (rd->status =
                      dm_error(rd->ctx, DM_ELIMIT, "word/numbering.xml: more than %d numberings", DOCX_MAX_NUMS))
               : docx_nomem(rd);
      break;
    }
    rc = is_abs ? docx_abs_read(rd, &x, it) : docx_num_one(rd, &x, it);
    if (rc == 0) rc = 1;
  }
  docx_x_close(&x);
  if (rc < 0) return rc;
  if (rd->nabs) qsort(rd->abs, rd->nabs, sizeof *rd->abs, docx_cmp_abs);
  if (rd->nnums) qsort(rd->nums, rd->nnums, sizeof *rd->nums, docx_cmp_num);
  return DM_OK;
}

/* ---- counting ------------------------------------------------------------ */

static docx_num *docx_num_find(docx_rd *rd, long id) {
  docx_num key;
  key.id = id;
  return rd->nnums ? bsearch(&key, rd->nums, rd->nnums, sizeof key, docx_cmp_num) : NULL;
}
static docx_abs *docx_abs_find(docx_rd *rd, long id) {
  docx_abs key;
  key.id = id;
  return rd->nabs ? bsearch(&key, rd->abs, rd->nabs, sizeof key, docx_cmp_abs) : NULL;
}

/* The abstract numbering that holds the levels of a, following
 * numStyleLink through numbering styles; a link that comes back is cut. */
static docx_abs *docx_abs_levels(docx_rd *rd, docx_abs *a) {
  docx_abs *seen[8];
  int n = 0;
  while (a && a->num_style_link && n < 8) {
    seen[n++] = a;
    const docx_style *s = docx_style_find(rd, a->num_style_link, 'n');
    docx_num *m = s && s->num_id > 0 ? docx_num_find(rd, s->num_id) : NULL;
    docx_abs *next = m ? docx_abs_find(rd, m->abs_id) : NULL;
    int loop = !next;
    for (int k = 0; k < n && next; k++)
      loop |= seen[k] == next;
    if (loop) {
      if (next &&
          dm_warn(rd->ctx, DM_DIAG_STRUCTURE, dm_pos_offset(DM_NO_OFFSET),
                  "word/numbering.xml: numbering %ld refers to itself through style '%s'; its own levels are used",
                  a->id, a->num_style_link) != DM_OK)
        docx_nomem(rd);
      a->num_style_link = NULL;
      break;
    }
    a = next;
  }
  return a;
}

static void docx_label(const docx_abs *a, const docx_num *m, int ilvl, char *out, size_t size) {
  const docx_lvl *l = m->has_lvl[ilvl] ? &m->over[ilvl] : &a->lvl[ilvl];
  const char *t = l->text ? l->text : "";
  out[0] = '\0';
  for (const char *p = t; *p; p++) {
    if (p[0] == '%' && p[1] >= '1' && p[1] <= '9') {
      int k = p[1] - '1';
      const docx_lvl *lk = m->has_lvl[k] ? &m->over[k] : &a->lvl[k];
      long v = a->started[k] ? a->count[k] : lk->start;
      char num[48];
      docx_num_format(l->lgl && k != ilvl ? "decimal" : lk->fmt, v, num, sizeof num);
      docx_cat(out, size, num);
      p++;
      continue;
    }
    size_t n = strlen(out);
    if (n + 1 < size) {
      out[n] = *p;
      out[n + 1] = '\0';
    }
  }
}

int docx_num_next(docx_rd *rd, long num_id, int ilvl, docx_numbered *out) {
  memset(out, 0, sizeof *out);
  if (num_id <= 0 || ilvl < 0 || ilvl > 8) return 0;
  docx_num *m = docx_num_find(rd, num_id);
  docx_abs *a = m ? docx_abs_levels(rd, docx_abs_find(rd, m->abs_id)) : NULL;
  if (!a) return 0;
  if (!m->applied) {
    /* an instance that overrides a start restarts the count there */
    m->applied = 1;
    for (int l = 0; l < 9; l++)
      if (m->has_start[l]) {
        a->started[l] = 1;
        a->count[l] = m->start_over[l] - 1;
      }
  }
  const docx_lvl *l = m->has_lvl[ilvl] ? &m->over[ilvl] : &a->lvl[ilvl];
  if (!a->started[ilvl]) {
    a->count[ilvl] = l->start;
    a->started[ilvl] = 1;
  } else if (a->count[ilvl] < 1000000000L) {
    a->count[ilvl]++;
  }
  for (int d = ilvl + 1; d < 9; d++) {
    const docx_lvl *ld = m->has_lvl[d] ? &m->over[d] : &a->lvl[d];
    if (ld->restart < 0 || (ld->restart > 0 && ilvl < ld->restart)) a->started[d] = 0;
  }
  char scratch[48];
  out->kind = docx_num_format(l->fmt, a->count[ilvl], scratch, sizeof scratch);
  if (l->fmt && out->kind == DOCX_NF_OTHER && !docx_numfmt_known(l->fmt) && !rd->fmt_unknown++) rd->first_fmt = l->fmt;
  out->value = a->count[ilvl];
  if (out->kind == DOCX_NF_BULLET) {
    snprintf(out->label, sizeof out->label, "%s", l->text ? l->text : "");
    return 1;
  }
  docx_label(a, m, ilvl, out->label, sizeof out->label);
  char plain[8];
  snprintf(plain, sizeof plain, "%%%d", ilvl + 1);
  const char *t = l->text ? l->text : "";
  if (out->kind == DOCX_NF_DECIMAL && !strncmp(t, plain, 2) && (t[2] == '.' || t[2] == ')') && !t[3]) out->delim = t[2];
  return 1;
}
