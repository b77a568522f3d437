/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What each line of a page is. Lines near the top or bottom edge that hold
 * only a page number, a job number and its date code, a bar code or a
 * document symbol, or that repeat the text of such a line of another page
 * (digits aside), are furniture: left out of the body, reported, and the
 * symbol, job number and date put into the metadata. The footnote area is
 * what lies under a rule of underscores, or, when the rule is drawn rather
 * than typed (LibreOffice), the run of lines at the foot of the page set
 * smaller than the body whose first line opens with a raised number.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pdf.h"

/* The part of the page height, from either edge, where headers, footers and
 * page numbers live. */
#define PDF_BAND 0.11f

static void pdf_fold_digits(const char *s, char *out, size_t size) {
  size_t o = 0;
  for (; *s && o + 1 < size; s++)
    out[o++] = (*s >= '0' && *s <= '9') ? '#' : *s;
  out[o] = '\0';
}

/* Whether the text of a band line repeats one seen on another page. */
static int pdf_repeats(pdf_state *st, const char *text, int page) {
  char f[96];
  pdf_fold_digits(text, f, sizeof f);
  if (strlen(f) < 3) return 0;
  for (size_t i = 0; i < st->nbands; i++)
    if (st->bands[i].page != page && strcmp(st->bands[i].text, f) == 0) return 1;
  if (st->nbands < sizeof st->bands / sizeof st->bands[0]) {
    snprintf(st->bands[st->nbands].text, sizeof st->bands[0].text, "%s", f);
    st->bands[st->nbands++].page = page;
  }
  return 0;
}

static void pdf_meta_once(pdf_state *st, const char *key, const char *value) {
  if (!dm_doc_meta(st->doc, key) && dm_doc_set_meta(st->doc, key, value) != DM_OK) st->failed = 1;
}

/* Symbol, job number, date code and language letter into the metadata. */
static void pdf_furniture_meta(pdf_state *st, const char *s, int top) {
  static const char *const langs[] = {"Aar", "Czh", "Een", "Ffr", "Rru", "Ses", NULL};
  char tok[64];
  int job = 0;
  for (const char *p = s; *p;) {
    while (*p == ' ')
      p++;
    size_t n = strcspn(p, " ");
    if (!n) break;
    snprintf(tok, sizeof tok, "%.*s", (int)(n < 63 ? n : 63), p);
    p += n;
    size_t len = strlen(tok);
    if (len >= 8 && tok[2] == '-' && strspn(tok, "0123456789-") == len) {
      pdf_meta_once(st, "job-number", tok);
      job = 1;
    } else if (job && len == 6 && strspn(tok, "0123456789") == 6) {
      /* the date code of the job number, day month year: 021118 */
      char iso[11];
      snprintf(iso, sizeof iso, "20%.2s-%.2s-%.2s", tok + 4, tok + 2, tok);
      pdf_meta_once(st, "job-date", iso);
    } else if (job && pdf_lang_token(tok, len)) {
      char letter = tok[strspn(tok, "()")];
      for (size_t k = 0; langs[k]; k++)
        if (langs[k][0] == letter) pdf_meta_once(st, DM_META_LANGUAGE, langs[k] + 1);
    } else if (top && strchr(tok, '/') && tok[0] >= 'A' && tok[0] <= 'Z') {
      /* a Security Council symbol goes on with its year: S/RES/2608 (2021) */
      char sym[80];
      const char *q = p + strspn(p, " ");
      size_t m = strcspn(q, " ");
      /* right-to-left text may give its brackets as ")(2021" */
      size_t d = strspn(q, "()");
      if (m == 6 && strspn(q + d, "0123456789") == 4 && strspn(q + d + 4, "()") == 2 - d && memchr(q, '(', 6) &&
          memchr(q, ')', 6)) {
        snprintf(sym, sizeof sym, "%s (%.4s)", tok, q + d);
        p = q + m;
      } else {
        snprintf(sym, sizeof sym, "%s", tok);
      }
      pdf_meta_once(st, DM_META_SYMBOL, sym);
    }
  }
}

static int pdf_is_barcode(const pdf_page *pg, const pdf_line *l) {
  size_t bc = 0, other = 0;
  for (size_t i = 0; i < l->n; i++) {
    const pdf_char *c = &pg->chars[l->first + i];
    if (c->space) continue;
    if (c->style & PDF_ST_BARCODE)
      bc++;
    else
      other++;
  }
  return bc > 0 && other == 0;
}

static int pdf_has_sup(const pdf_page *pg, const pdf_line *l) {
  for (size_t i = 0; i < l->n; i++)
    if (pg->chars[l->first + i].vpos == PDF_V_SUP) return 1;
  return 0;
}

/* Whether line i stands apart from the body, by more than the space
 * between two lines of a paragraph, on the side of the body (below a
 * header, above a footer): the first line of the body text of a page can
 * repeat a line of another page's head ("20. Demande aux ..." and "36.
 * Demande aux ...", digits aside) but runs on with its paragraph. */
static int pdf_set_apart(const pdf_page *pg, size_t i, int top) {
  const pdf_line *l = &pg->lines[i];
  if (top) return i + 1 >= pg->nlines || pg->lines[i + 1].y1 - l->y2 > 0.5f * l->size;
  return i == 0 || l->y1 - pg->lines[i - 1].y2 > 0.5f * l->size;
}

static void pdf_find_furniture(pdf_state *st, pdf_page *pg, float body) {
  char text[256];
  for (size_t i = 0; i < pg->nlines; i++) {
    pdf_line *l = &pg->lines[i];
    int top = l->y2<PDF_BAND * pg->height, bottom = l->y1>(1 - PDF_BAND) * pg->height;
    if (!top && !bottom) continue;
    size_t len = pdf_line_text(pg, l, text, sizeof text);
    const char *what = NULL;
    if (pdf_is_barcode(pg, l))
      what = "bar code";
    else if (!pdf_has_sup(pg, l) && pdf_is_furniture_text(text, len))
      what = top ? "running header" : "running footer";
    else if (!pdf_has_sup(pg, l) && pdf_set_apart(pg, i, top) && pdf_repeats(st, text, pg->index))
      what = top ? "running header" : "running footer";
    else if (top && pg->index > 0 && l->size < 0.95f * body)
      what = "running header"; /* set smaller than the body, above it */
    if (!what) continue;
    l->kind = PDF_L_FURNITURE;
    st->furniture++;
    if (strcmp(what, "bar code") != 0) pdf_furniture_meta(st, text, top);
    if (dm_info(st->ctx, DM_DIAG_FURNITURE, dm_pos_offset(DM_NO_OFFSET), "page %d: %s \"%s\" left out", pg->index + 1,
                what, text) != DM_OK)
      st->failed = 1;
  }
}

static int pdf_is_rule(const pdf_page *pg, const pdf_line *l) {
  size_t rule = 0;
  for (size_t i = 0; i < l->n; i++) {
    uint32_t cp = pg->chars[l->first + i].cp;
    if (cp == '_' || cp == 0x2014 || cp == 0x2015 || cp == 0x2500)
      rule++;
    else if (!pg->chars[l->first + i].space)
      return 0;
  }
  return rule >= 3;
}

/* Whether l opens with a raised marker; brackets before it, on the
 * baseline, are the Arabic way of writing one: "(1)". */
static int pdf_opens_with_sup(const pdf_page *pg, const pdf_line *l) {
  for (size_t i = 0; i < l->n; i++) {
    const pdf_char *c = &pg->chars[l->first + i];
    if (c->space || ((c->cp == '(' || c->cp == ')') && c->vpos != PDF_V_SUP)) continue;
    return c->vpos == PDF_V_SUP;
  }
  return 0;
}

/* The size of the body text: the size that covers most of the pages so far
 * (characters times the square of their size). Counted over the whole
 * document, because a page that is mostly footnotes would otherwise take
 * the footnotes for its body; by area, because on a first page with long
 * footnotes the smaller notes can have more characters than the body. */
static float pdf_body_size(pdf_state *st, const pdf_page *pg) {
  for (size_t i = 0; i < pg->nlines; i++) {
    const pdf_line *l = &pg->lines[i];
    size_t k = 0;
    while (k < st->nsizes && fabsf(st->sizes[k] - l->size) >= 0.05f)
      k++;
    if (k == st->nsizes) {
      if (k == sizeof st->sizes / sizeof st->sizes[0]) continue;
      st->sizes[st->nsizes] = l->size;
      st->size_count[st->nsizes++] = 0;
    }
    float sz = fminf(fabsf(l->size), 1000.0f); /* bounded: a hostile size must not overflow the count */
    st->size_count[k] += (size_t)l->n * (size_t)(sz * sz + 1.0f);
  }
  size_t best = 0;
  for (size_t k = 1; k < st->nsizes; k++)
    if (st->size_count[k] > st->size_count[best]) best = k;
  return st->nsizes ? st->sizes[best] : 0;
}

/* A footnote call that did not fit at the end of its line is set alone,
 * small, at the start of the next: it belongs to the line above. */
static void pdf_find_stray_calls(pdf_page *pg, float body) {
  const pdf_line *prev = NULL;
  for (size_t i = 0; i < pg->nlines; i++) {
    pdf_line *l = &pg->lines[i];
    if (l->kind != PDF_L_BODY) continue;
    size_t k = 0, ok = 1;
    for (size_t j = 0; j < l->n; j++) {
      const pdf_char *c = &pg->chars[l->first + j];
      if (c->space) continue;
      k++;
      ok &= c->size <= 0.85f * body && ((c->cp >= '0' && c->cp <= '9') || c->cp == '*' || c->cp == 0x2020);
    }
    if (prev && ok && k && k <= 4 && prev->size > 0.9f * body && l->bottom - prev->bottom < 1.5f * body) {
      l->attach = 1;
      for (size_t j = 0; j < l->n; j++)
        pg->chars[l->first + j].vpos = PDF_V_SUP;
      continue;
    }
    prev = l;
  }
}

void pdf_page_classify(pdf_state *st, pdf_page *pg) {
  for (size_t i = 0; i < pg->nlines; i++)
    pg->lines[i].kind = PDF_L_BODY;
  float body = pdf_body_size(st, pg);
  pdf_find_furniture(st, pg, body);
  pdf_find_stray_calls(pg, body);
  if (body > 0) st->body_size = body;
  /* a typed rule: everything under it is the footnote area */
  for (size_t i = pg->nlines; i-- > 0;) {
    pdf_line *l = &pg->lines[i];
    if (l->kind != PDF_L_BODY || !pdf_is_rule(pg, l)) continue;
    l->kind = PDF_L_SEPARATOR;
    for (size_t k = i + 1; k < pg->nlines; k++)
      if (pg->lines[k].kind == PDF_L_BODY) pg->lines[k].kind = PDF_L_NOTE;
    return;
  }
  /* a drawn rule: the smaller lines at the foot, from a raised number on */
  size_t top = SIZE_MAX, run = SIZE_MAX;
  for (size_t i = pg->nlines; i-- > 0;) {
    pdf_line *l = &pg->lines[i];
    if (l->kind == PDF_L_FURNITURE) continue;
    if (l->size >= 0.92f * body) break;
    run = i;
    if (pdf_opens_with_sup(pg, l)) top = i;
  }
  /* a note the last page ended in goes on at the head of this page's
   * footnote area, without a marker of its own */
  if (run != SIZE_MAX && st->note_page == pg->index && pg->index > 0) top = run;
  for (size_t k = top; k < pg->nlines; k++)
    if (pg->lines[k].kind == PDF_L_BODY) pg->lines[k].kind = PDF_L_NOTE;
}
