/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Lines of one page. Poppler hands its text over in pieces ("lines" of its
 * own flows) in an order that suits selection, not reading: a footnote's
 * raised number is a piece of its own, listed before the job number of the
 * footer, and the footnote's text after it. Here the pieces that share a
 * baseline and sit side by side become one line, lines are sorted from the
 * top of the page down, and within a line the characters are put in the
 * order of the writing (right to left for Arabic). Characters smaller than
 * most of their line and raised above its baseline are superscripts (the
 * footnote calls), lowered ones subscripts. Each step is a sort or one walk,
 * so a page costs O(n log n) in its characters.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"

void pdf_page_add(pdf_page *pg, const pdf_char *c) {
  if (pg->failed) return;
  if (pg->nchars == pg->capchars) {
    size_t cap = pg->capchars ? pg->capchars * 2 : 1024;
    pdf_char *v = realloc(pg->chars, cap * sizeof *v);
    unsigned char *b = v ? realloc(pg->brk, cap) : NULL;
    if (!v || !b) {
      if (v) pg->chars = v;
      pg->failed = 1;
      return;
    }
    pg->chars = v;
    pg->brk = b;
    pg->capchars = cap;
  }
  pg->chars[pg->nchars] = *c;
  pg->brk[pg->nchars] = 0;
  pg->nchars++;
}

void pdf_page_reset(pdf_page *pg) {
  pg->nchars = 0;
  pg->nlines = 0;
  pg->failed = 0;
  pg->glitches = 0;
}

void pdf_page_release(pdf_page *pg) {
  free(pg->chars);
  free(pg->brk);
  free(pg->lines);
  memset(pg, 0, sizeof *pg);
}

/* ---- fragments ------------------------------------------------------------ */

typedef struct pdf_frag {
  size_t first, n;
  float x1, y1, x2, y2, size;
  size_t line; /* the line it joins */
} pdf_frag;

static float pdf_dominant_size(const pdf_char *c, size_t n) {
  /* sizes in tenths of a point; a line holds few distinct sizes */
  int sizes[8];
  size_t counts[8], ns = 0, best = 0;
  for (size_t i = 0; i < n; i++) {
    if (c[i].space) continue;
    int s = (int)lrintf(c[i].size * 10.0f);
    size_t k = 0;
    while (k < ns && sizes[k] != s)
      k++;
    if (k == ns) {
      if (ns == 8) continue;
      sizes[ns] = s;
      counts[ns++] = 0;
    }
    counts[k]++;
  }
  for (size_t k = 1; k < ns; k++)
    if (counts[k] > counts[best]) best = k;
  return ns ? (float)sizes[best] / 10.0f : (n ? c[0].size : 0.0f);
}

static void pdf_box(const pdf_char *c, size_t n, float *x1, float *y1, float *x2, float *y2) {
  *x1 = *y1 = INFINITY;
  *x2 = *y2 = -INFINITY;
  for (size_t i = 0; i < n; i++) {
    if (c[i].space) continue;
    *x1 = fminf(*x1, c[i].x1);
    *y1 = fminf(*y1, c[i].y1);
    *x2 = fmaxf(*x2, c[i].x2);
    *y2 = fmaxf(*y2, c[i].y2);
  }
}

static int pdf_cmp_frag_y(const void *a, const void *b) {
  const pdf_frag *p = a, *q = b;
  float ya = (p->y1 + p->y2) / 2, yb = (q->y1 + q->y2) / 2;
  return ya < yb ? -1 : ya > yb ? 1 : (p->x1 < q->x1 ? -1 : p->x1 > q->x1);
}

static int pdf_cmp_frag_line(const void *a, const void *b) {
  const pdf_frag *p = a, *q = b;
  if (p->line != q->line) return p->line < q->line ? -1 : 1;
  return p->x1 < q->x1 ? -1 : p->x1 > q->x1;
}

/* Groups fragments (sorted by their middle) into bands of text whose
 * heights overlap by half the smaller one, wherever they are across the
 * page: fr[i].line is set to the band. A footnote's number set apart at the
 * right of a right-to-left line, or a column's line, lands in the band of
 * the line beside it; pdf_split_bands then cuts bands into lines. */
static int pdf_bands(pdf_frag *fr, size_t nf) {
  float *band = malloc(2 * (nf + 1) * sizeof *band);
  if (!band) return 0;
  size_t nb = 0;
  for (size_t i = 0; i < nf; i++) {
    size_t at = SIZE_MAX;
    for (size_t k = nb; k-- > 0 && nb - k <= 8;) {
      float ov = fminf(band[2 * k + 1], fr[i].y2) - fmaxf(band[2 * k], fr[i].y1);
      float h = fminf(band[2 * k + 1] - band[2 * k], fr[i].y2 - fr[i].y1);
      if (h > 0 && ov >= 0.5f * h) {
        at = k;
        break;
      }
    }
    if (at == SIZE_MAX) {
      at = nb++;
      band[2 * at] = fr[i].y1;
      band[2 * at + 1] = fr[i].y2;
    } else {
      band[2 * at] = fminf(band[2 * at], fr[i].y1);
      band[2 * at + 1] = fmaxf(band[2 * at + 1], fr[i].y2);
    }
    fr[i].line = at;
  }
  free(band);
  qsort(fr, nf, sizeof *fr, pdf_cmp_frag_line);
  return 1;
}

static int pdf_line_grow(pdf_page *pg);

/* Cuts each band (its fragments sorted left to right) into lines where the
 * gap is wider than three times the size: the two sides of a masthead, or
 * columns. fr[i].line becomes the line. */
static int pdf_split_bands(pdf_page *pg, pdf_frag *fr, size_t nf) {
  size_t band = SIZE_MAX;
  for (size_t i = 0; i < nf; i++) {
    pdf_line *l = pg->nlines ? &pg->lines[pg->nlines - 1] : NULL;
    if (!l || fr[i].line != band || fr[i].x1 - l->x2 > 3.0f * fmaxf(l->size, fr[i].size)) {
      if (!pdf_line_grow(pg)) return 0;
      l = &pg->lines[pg->nlines++];
      memset(l, 0, sizeof *l);
      l->x1 = fr[i].x1, l->y1 = fr[i].y1, l->x2 = fr[i].x2, l->y2 = fr[i].y2;
      l->size = fr[i].size;
    } else {
      l->x1 = fminf(l->x1, fr[i].x1), l->y1 = fminf(l->y1, fr[i].y1);
      l->x2 = fmaxf(l->x2, fr[i].x2), l->y2 = fmaxf(l->y2, fr[i].y2);
      l->size = fmaxf(l->size, fr[i].size);
    }
    band = fr[i].line;
    fr[i].line = pg->nlines - 1;
  }
  return 1;
}

static size_t pdf_split_frags(const pdf_page *pg, pdf_frag *fr) {
  size_t nf = 0, start = 0;
  for (size_t i = 0; i < pg->nchars; i++) {
    /* poppler lists the words of Latin text inside right-to-left text from
     * the right: a word that goes on to the left of the one before it
     * starts a fragment of its own, which pdf_order_frags puts in place */
    const pdf_char *c = pg->chars;
    int back = i + 2 < pg->nchars && c[i + 1].space && !c[i].space && !c[i + 2].space && !dm_unicode_is_rtl(c[i].cp) &&
               !dm_unicode_is_rtl(c[i + 2].cp) && c[i + 2].x2 <= c[i].x1 + 0.5f;
    back |= i + 1 < pg->nchars && !c[i].space && !c[i + 1].space && !dm_unicode_is_rtl(c[i].cp) &&
            !dm_unicode_is_rtl(c[i + 1].cp) && c[i + 1].x2 <= c[i].x1 + 0.5f && c[i + 1].x1 < c[i].x1 - c[i].size;
    /* a space poppler spans from one end of the line to the other: the
     * number of a right-to-left paragraph ("1-" at the right margin)
     * listed after the line's last word */
    back |= c[i].space && fabsf(c[i].x2 - c[i].x1) > 6.0f * c[i].size;
    /* two characters of different lines that poppler ran together (the
     * "4." of a paragraph listed before the end of the line under it) */
    if (i + 1 < pg->nchars && !c[i].space && !c[i + 1].space) {
      float m0 = (c[i].y1 + c[i].y2) / 2, m1 = (c[i + 1].y1 + c[i + 1].y2) / 2;
      back |= (m1 < c[i].y1 || m1 > c[i].y2) && (m0 < c[i + 1].y1 || m0 > c[i + 1].y2);
    }
    if (!pg->brk[i] && i + 1 < pg->nchars && !back) continue;
    pdf_frag f = {.first = start, .n = i + 1 - start};
    start = i + 1;
    pdf_box(pg->chars + f.first, f.n, &f.x1, &f.y1, &f.x2, &f.y2);
    if (!isfinite(f.x1)) continue; /* only spaces */
    f.size = pdf_dominant_size(pg->chars + f.first, f.n);
    fr[nf++] = f;
  }
  return nf;
}

/* ---- lines ------------------------------------------------------------------ */

static int pdf_line_grow(pdf_page *pg) {
  if (pg->nlines < pg->caplines) return 1;
  size_t cap = pg->caplines ? pg->caplines * 2 : 64;
  pdf_line *v = realloc(pg->lines, cap * sizeof *v);
  if (!v) return pg->failed = 1, 0;
  pg->lines = v;
  pg->caplines = cap;
  return 1;
}

static int pdf_cmp_line(const void *a, const void *b) {
  const pdf_line *p = a, *q = b;
  float tol = 0.3f * fminf(p->size, q->size);
  if (fabsf(p->bottom - q->bottom) > tol) return p->bottom < q->bottom ? -1 : 1;
  /* side by side: from the right when either is right to left (a
   * footnote's number set apart at the right of its Arabic text) */
  if (p->rtl || q->rtl) return p->x2 > q->x2 ? -1 : p->x2 < q->x2;
  return p->x1 < q->x1 ? -1 : p->x1 > q->x1;
}

static int pdf_cmp_float(const void *a, const void *b) {
  float x = *(const float *)a, y = *(const float *)b;
  return x < y ? -1 : x > y;
}

/* Justified text stretches the spaces of a line alike; a "space" much
 * narrower than the others on its line is a kerning gap poppler took for
 * one ("Amer ica") and is marked spurious (space = 2). */
/* The gap between two characters that follow each other in reading order:
 * right to left when either is a right-to-left letter, left to right when
 * both are other letters, else in the direction of the line. */
static float pdf_gap(const pdf_char *a, const pdf_char *b, int rtl) {
  if (dm_unicode_is_rtl(a->cp) || dm_unicode_is_rtl(b->cp))
    rtl = 1;
  else if (a->cp >= 'A' && b->cp >= 'A')
    rtl = 0;
  return rtl ? a->x1 - b->x2 : b->x1 - a->x2;
}

/* A raised lowercase letter after a letter: the "o" of "no", the "e" of
 * "1e", an ordinal written the French or Spanish way, never a call. */
static int pdf_ordinal(const pdf_char *a, const pdf_char *b) {
  int letter = (a->cp >= 'A' && a->cp <= 'Z') || (a->cp >= 'a' && a->cp <= 'z') || (a->cp >= '0' && a->cp <= '9');
  return letter && b->vpos == PDF_V_SUP && b->cp >= 'a' && b->cp <= 'z';
}

static void pdf_line_spaces(pdf_char *c, size_t n, float size, int rtl) {
  float w[64];
  size_t nw = 0;
  for (size_t i = 1; i + 1 < n && nw < 64; i++)
    if (c[i].space) w[nw++] = pdf_gap(&c[i - 1], &c[i + 1], rtl);
  if (nw < 3) return;
  qsort(w, nw, sizeof *w, pdf_cmp_float);
  float med = w[nw / 2];
  for (size_t i = 1; i + 1 < n; i++) {
    float gap = pdf_gap(&c[i - 1], &c[i + 1], rtl);
    /* A narrow space is a kerning gap ("Amer ica") where the font stays
     * the same; where it changes (italic lead words, then roman) it is a
     * word's end, however narrow the italic's overhang makes it. Between a
     * letter and a raised one ("n" "o" of "no 111") poppler puts a space
     * for the change of size in a gap of almost nothing. A vowel mark has
     * no width of its own: no gap to measure beside it. */
    int narrow = gap < 0.5f * med && gap < 0.2f * size;
    int same = c[i - 1].vpos == c[i + 1].vpos && c[i - 1].style == c[i + 1].style;
    if (c[i].space && !c[i - 1].space && !c[i + 1].space && !pdf_arabic_mark(c[i - 1].cp) && narrow &&
        (same || gap < 0.1f * size || pdf_ordinal(&c[i - 1], &c[i + 1])))
      c[i].space = 2;
  }
}

/* Marks superscripts and subscripts, and finds the line's size, baseline
 * and direction. */
static void pdf_line_finish(pdf_page *pg, pdf_line *l) {
  pdf_char *c = pg->chars + l->first;
  l->size = pdf_dominant_size(c, l->n);
  l->bottom = -INFINITY;
  size_t rtl = 0, ltr = 0;
  for (size_t i = 0; i < l->n; i++) {
    if (!c[i].space && fabsf(c[i].size - l->size) < 0.05f) l->bottom = fmaxf(l->bottom, c[i].y2);
    if (dm_unicode_is_rtl(c[i].cp))
      rtl++;
    else if (c[i].cp > 0x40)
      ltr++;
  }
  if (!isfinite(l->bottom)) l->bottom = l->y2;
  for (size_t i = 0; i < l->n; i++) {
    c[i].vpos = PDF_V_BASE;
    if (c[i].space || c[i].size > 0.85f * l->size) continue;
    if (c[i].y2 < l->bottom - 0.2f * l->size)
      c[i].vpos = PDF_V_SUP;
    else if (c[i].y2 > l->bottom + 0.1f * l->size)
      c[i].vpos = PDF_V_SUB;
  }
  l->rtl = rtl > ltr;
  if (rtl) pg->glitches += pdf_arabic_clean(c, &l->n);
  pdf_line_spaces(c, l->n, l->size, l->rtl);
  /* a tab ("1.<tab>Takes") leaves a gap poppler puts no space in */
  for (size_t i = 1; i < l->n; i++) {
    float gap = pdf_gap(&c[i - 1], &c[i], l->rtl);
    c[i].gap_before = !c[i].space && !c[i - 1].space && gap > 0.5f * l->size &&
                      !(dm_unicode_is_cjk(c[i].cp) && dm_unicode_is_cjk(c[i - 1].cp)) && c[i].cp != 0x0640 &&
                      c[i - 1].cp != 0x0640; /* a word stretched with tatweels */
  }
  if (rtl) pdf_lamalef_fix(c, l->n);
}

/* Whether a fragment holds right-to-left letters, or left-to-right ones
 * and none of the other kind. */
static int pdf_frag_dir(const pdf_page *pg, const pdf_frag *f) {
  int r = 0, l = 0;
  for (size_t m = 0; m < f->n; m++) {
    uint32_t cp = pg->chars[f->first + m].cp;
    if (dm_unicode_is_rtl(cp))
      r = 1;
    else if (cp >= 'A')
      l = 1;
  }
  return r ? 1 : l ? -1 : 0;
}

/* Whether a fragment holds a letter or a digit. */
static int pdf_frag_alnum(const pdf_page *pg, const pdf_frag *f) {
  for (size_t m = 0; m < f->n; m++) {
    uint32_t cp = pg->chars[f->first + m].cp;
    if ((cp >= '0' && cp <= '9') || cp >= 'A') return 1;
  }
  return 0;
}

static void pdf_reverse(pdf_frag *f, size_t n) {
  for (size_t a = 0, b = n ? n - 1 : 0; a < b; a++, b--) {
    pdf_frag t = f[a];
    f[a] = f[b];
    f[b] = t;
  }
}

/* Orders the fragments of one line (sorted left to right) for reading: a
 * right-to-left line from the right, except that runs of left-to-right
 * fragments in it (a Latin name in Arabic text) keep their own order. */
static void pdf_order_frags(const pdf_page *pg, pdf_frag *f, size_t n) {
  /* the line's direction is that of most of its letters, not of most of
   * its pieces: one Arabic run beside a symbol ("A/48/42") is Arabic */
  size_t r = 0, l = 0;
  for (size_t k = 0; k < n; k++)
    for (size_t m = 0; m < f[k].n; m++) {
      uint32_t cp = pg->chars[f[k].first + m].cp;
      if (dm_unicode_is_rtl(cp))
        r++;
      else if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z'))
        l++;
    }
  if (r <= l) return;
  pdf_reverse(f, n);
  /* runs of fragments without right-to-left letters holding some Latin
   * ("No. 39574") read left to right */
  for (size_t k = 0; k < n;) {
    size_t e = k;
    int latin = 0;
    while (e < n && pdf_frag_dir(pg, &f[e]) <= 0)
      latin |= pdf_frag_dir(pg, &f[e++]) < 0;
    /* brackets and stops at its ends stay where the right-to-left order
     * put them: "(A/48/42)،", not "A/48/42( )،" */
    size_t a = k, z = e;
    while (a < z && !pdf_frag_alnum(pg, &f[a]))
      a++;
    while (z > a && !pdf_frag_alnum(pg, &f[z - 1]))
      z--;
    if (latin && z - a > 1) pdf_reverse(f + a, z - a);
    k = e > k ? e : k + 1;
  }
}

typedef struct pdf_xkey {
  float x;
  size_t i;
} pdf_xkey;

static int pdf_cmp_xkey(const void *a, const void *b) {
  const pdf_xkey *p = a, *q = b;
  if (p->x != q->x) return p->x < q->x ? -1 : 1;
  return p->i < q->i ? -1 : p->i > q->i;
}

/* Puts the characters c[0..n) of a left-to-right line in the order of
 * their middles, ties in their order so far: a piece poppler lists apart
 * that sits inside another ("n" raised "o" "27", a call inside a word)
 * goes back where it is printed. Left as it is when out of memory. */
static void pdf_sort_by_x(pdf_char *c, size_t n) {
  pdf_xkey *k = malloc(n * sizeof *k);
  pdf_char *t = k ? malloc(n * sizeof *t) : NULL;
  if (t) {
    for (size_t i = 0; i < n; i++)
      k[i] = (pdf_xkey){(c[i].x1 + c[i].x2) / 2, i};
    qsort(k, n, sizeof *k, pdf_cmp_xkey);
    for (size_t i = 0; i < n; i++)
      t[i] = c[k[i].i];
    memcpy(c, t, n * sizeof *c);
  }
  free(t);
  free(k);
}

/* Copies the fragments of each line, in order, into out. A gap between
 * two fragments wider than a quarter of the size is a space. */
static size_t pdf_emit_lines(pdf_page *pg, pdf_frag *fr, size_t nf, pdf_char *out) {
  size_t no = 0;
  for (size_t i = 0; i < nf;) {
    size_t j = i;
    while (j < nf && fr[j].line == fr[i].line)
      j++;
    pdf_line *l = &pg->lines[fr[i].line];
    pdf_order_frags(pg, fr + i, j - i);
    l->first = no;
    int inside = 0, ltr_line = 1;
    for (size_t k = i; k < j; k++) {
      const pdf_frag *f = &fr[k], *p = k > i ? &fr[k - 1] : NULL;
      ltr_line &= pdf_frag_dir(pg, f) <= 0;
      /* a smaller piece within the span of the one before */
      inside |= p && f->x1 < p->x2 - 1 && f->x2 <= p->x2 + 1 && f->size < p->size;
      if (p && no > l->first && !out[no - 1].space && !pg->chars[f->first].space) {
        int ltr = pdf_frag_dir(pg, f) <= 0 && pdf_frag_dir(pg, p) <= 0 && f->x1 >= p->x2 - 1;
        float gap = ltr ? f->x1 - p->x2 : p->x1 - f->x2;
        if (gap > 0.25f * fmaxf(f->size, p->size)) {
          out[no] = pg->chars[f->first];
          out[no].cp = ' ';
          out[no].space = 1;
          no++;
        }
      }
      memcpy(out + no, pg->chars + f->first, f->n * sizeof *out);
      no += f->n;
    }
    if (inside && ltr_line) pdf_sort_by_x(out + l->first, no - l->first);
    /* trailing spaces say nothing */
    while (no > l->first && out[no - 1].space)
      no--;
    l->n = no - l->first;
    i = j;
  }
  return no;
}

void pdf_lines_build(pdf_page *pg) {
  pg->nlines = 0;
  if (pg->failed || !pg->nchars) return;
  pdf_frag *fr = malloc(pg->nchars * sizeof *fr);
  /* synthetic spaces between fragments: at most one per fragment */
  pdf_char *out = malloc(2 * pg->nchars * sizeof *out);
  if (!fr || !out) goto fail;
  size_t nf = pdf_split_frags(pg, fr);
  qsort(fr, nf, sizeof *fr, pdf_cmp_frag_y);
  if (!pdf_bands(fr, nf) || !pdf_split_bands(pg, fr, nf)) goto fail;
  pdf_emit_lines(pg, fr, nf, out);
  free(fr);
  free(pg->chars);
  pg->chars = out;
  pg->capchars = 2 * pg->nchars;
  /* brk is no longer meaningful; keep it sized with chars */
  unsigned char *b = realloc(pg->brk, pg->capchars);
  if (!b) {
    pg->failed = 1;
    return;
  }
  pg->brk = b;
  for (size_t i = 0; i < pg->nlines; i++)
    pdf_line_finish(pg, &pg->lines[i]);
  qsort(pg->lines, pg->nlines, sizeof *pg->lines, pdf_cmp_line);
  return;
fail:
  free(fr);
  free(out);
  pg->failed = 1;
}

size_t pdf_line_text(const pdf_page *pg, const pdf_line *l, char *buf, size_t size) {
  size_t o = 0;
  if (!size) return 0;
  for (size_t i = 0; i < l->n; i++) {
    unsigned char u[4];
    int k = dm_utf8_encode(pg->chars[l->first + i].cp, u);
    if (k <= 0 || o + (size_t)k >= size) break;
    memcpy(buf + o, u, (size_t)k);
    o += (size_t)k;
  }
  buf[o] = '\0';
  return o;
}
