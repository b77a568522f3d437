/* SPDX-License-Identifier: MIT */
/*
 * The un-resolution transform: recognises a United Nations General Assembly
 * resolution in whatever a reader made of it (the Markdown-like extraction
 * of a PDF, or pdftotext's plain text) and rewrites the tree the way a
 * careful editor would: footnotes moved to their references, paragraphs cut
 * by page ends joined, page furniture removed, and the parts marked as
 * docs/MODEL.md describes. The probe only fires when the body's name, a
 * resolution number, the opening formula and numbered paragraphs are all
 * there; a document forced through it that has no formula followed by
 * numbered paragraphs is left exactly as it was, with a warning.
 */
#include <stdlib.h>
#include <string.h>

#include "unres.h"

/* ---- probe ---------------------------------------------------------------- */

typedef struct unres_probe_state {
  int body, number, formula, numbered;
  size_t blocks;
  size_t logical, visual; /* right-to-left words as written and backwards */
  dm_buf text;
} unres_probe_state;

static void unres_probe_clean_line(unres_probe_state *ps, const char *s, size_t len, int in_list);

/* One line (or one whole paragraph) of text, without the directional
 * controls an extractor put around right-to-left runs. */
static void unres_probe_line(unres_probe_state *ps, const char *s, size_t len, int in_list) {
  size_t i = 0;
  while (i < len && !unres_format_char((const unsigned char *)s + i, len - i))
    i++;
  if (i == len) {
    unres_probe_clean_line(ps, s, len, in_list);
    return;
  }
  dm_buf b = DM_BUF_INIT;
  for (i = 0; i < len;) {
    size_t n = unres_format_char((const unsigned char *)s + i, len - i);
    if (!n) dm_buf_append(&b, s + i, 1);
    i += n ? n : 1;
  }
  if (!b.status && b.data) unres_probe_clean_line(ps, b.data, b.len, in_list);
  dm_buf_release(&b);
}

static void unres_probe_clean_line(unres_probe_state *ps, const char *s, size_t len, int in_list) {
  size_t a, b;
  char lab[16];
  while (len && (*s == ' ' || *s == '\n')) {
    s++;
    len--;
  }
  if (!ps->formula) {
    if (unres_is_formula(s, len)) {
      ps->formula = 1;
      /* the formula names the body ("إن مجلس الأمن،"), which a reader may
       * have scrambled in the masthead */
      if (unres_find_body(s, len, &a, &b)) ps->body = 1;
      return;
    }
    if (unres_find_body(s, len, &a, &b)) ps->body = 1;
    size_t t;
    if (unres_number_title_len(s, len, &t, 1)) ps->number = 1;
    if (unres_find_ci(s, len, "A/RES/") != SIZE_MAX || unres_find_ci(s, len, "S/RES/") != SIZE_MAX) ps->number = 1;
  } else if (!in_list) {
    /* "1. Decides" or, from an extractor, "1." alone on its line */
    size_t d = 0;
    while (d < len && d < 4 && s[d] >= '0' && s[d] <= '9')
      d++;
    if (unres_para_number(s, len, lab) || (d && d + 1 == len && s[d] == '.')) ps->numbered++;
  }
}

static void unres_probe_block(unres_probe_state *ps, const dm_node *n, int in_list) {
  dm_node_type t = dm_node_type_of(n);
  if (ps->blocks++ > 4000) return;
  if (t == DM_NODE_LIST) {
    if (dm_node_list_ordered(n) && ps->formula) {
      for (const dm_node *it = dm_node_first_child(n); it; it = dm_node_next(it))
        ps->numbered++;
    }
    for (const dm_node *it = dm_node_first_child(n); it; it = dm_node_next(it))
      for (const dm_node *c = dm_node_first_child(it); c; c = dm_node_next(c))
        unres_probe_block(ps, c, 1);
    return;
  }
  if (t != DM_NODE_PARAGRAPH && t != DM_NODE_HEADING) return;
  dm_buf_truncate(&ps->text, 0);
  unres_node_text(n, &ps->text);
  if (ps->text.status || !ps->text.data) return;
  unres_probe_line(ps, ps->text.data, ps->text.len, in_list);
  /* a few dozen words tell the reading order */
  unres_lang rtl = UNRES_LANG_UNKNOWN;
  if (ps->logical + ps->visual < 32) unres_visual_votes(ps->text.data, ps->text.len, &ps->logical, &ps->visual, &rtl);
  /* extractor text holds a whole page in one paragraph: its lines too */
  int lines = 0;
  for (const dm_node *c = dm_node_first_child(n); c && lines < 4000; c = dm_node_next(c), lines++)
    if (dm_node_type_of(c) == DM_NODE_TEXT && dm_node_next(dm_node_first_child(n)))
      unres_probe_line(ps, dm_node_literal(c), dm_node_literal_len(c), in_list);
}

static int unres_probe(const dm_doc *doc) {
  unres_probe_state ps;
  memset(&ps, 0, sizeof ps);
  for (const dm_node *c = dm_node_first_child(dm_doc_root(doc)); c && ps.blocks <= 4000; c = dm_node_next(c))
    unres_probe_block(&ps, c, 0);
  dm_buf_release(&ps.text);
  /* The body, a number or symbol and the formula make a UN document: the
   * transform runs, and says what it cannot find rather than keep quiet.
   * Two of them are a document about a resolution. */
  /* Text in visual order hides the formula and the body's name: the
   * transform runs to say so rather than pass it on in silence. */
  if (!(ps.body && ps.number && ps.formula) && unres_is_visual(ps.logical, ps.visual)) return 60;
  if (!(ps.body && ps.number && ps.formula)) return 15 * (ps.body + ps.number + ps.formula);
  return ps.numbered >= 2 ? 100 : 70;
}

/* ---- apply ---------------------------------------------------------------- */

/* Right-to-left text that came in visual order (PyMuPDF gives Arabic so)
 * cannot be read: its words are backwards. Says so and sets st->visual;
 * the document is then left as it was, so nothing is lost. */
static int unres_check_visual(unres_state *st) {
  size_t logical = 0, visual = 0;
  unres_lang lang = UNRES_LANG_UNKNOWN;
  unres_visual_votes(st->text.data ? st->text.data : "", st->text.len < 16384 ? st->text.len : 16384, &logical, &visual,
                     &lang);
  if (!unres_is_visual(logical, visual)) return DM_OK;
  st->visual = 1;
  const char *name = unres_lang_info(lang) ? unres_lang_info(lang)->name[0] : NULL;
  return dm_warn(st->ctx, DM_DIAG_STRUCTURE, dm_pos_offset(DM_NO_OFFSET),
                 "%s (%s) text appears to be in visual order: %zu of its lead words, formulas and body names "
                 "read backwards, %zu as written; the structure cannot be recognised and the text is left as it "
                 "was (extract it in logical order, as pdftotext does)",
                 name ? name : "right-to-left", unres_lang_tag(lang) ? unres_lang_tag(lang) : "?", visual, logical);
}

static int unres_apply(dm_ctx *ctx, void *priv, dm_doc *doc) {
  (void)priv;
  unres_state st;
  memset(&st, 0, sizeof st);
  st.formula = SIZE_MAX;
  st.ctx = ctx;
  st.doc = doc;
  int rc = unres_flatten(&st);
  if (rc != DM_OK) goto out;
  /* the first pages tell the language as well as the whole */
  st.lang = unres_detect_language(st.text.data ? st.text.data : "", st.text.len < 16384 ? st.text.len : 16384);
  if ((rc = unres_check_visual(&st)) != DM_OK || st.visual) goto out;
  /* extractor text: lines back into paragraphs, furniture out; then the
   * blocks are listed again */
  if ((rc = unres_lines_pass(&st)) != DM_OK) goto out;
  if (st.lines_done) {
    unres_lang lang = st.lang;
    free(st.blk);
    st.blk = NULL;
    st.n = st.cap = 0;
    dm_buf_release(&st.text);
    if ((rc = unres_flatten(&st)) != DM_OK) goto out;
    st.lang = lang;
  }
  unres_classify(&st);
  int numbered = 0;
  size_t formula = unres_find_formula(&st, &numbered);
  /* The probe saw a UN document: say what is missing rather than keep
   * quiet, and leave the text as it was (nothing is lost). */
  if (formula == SIZE_MAX) {
    rc = dm_warn(ctx, DM_DIAG_STRUCTURE, dm_pos_offset(DM_NO_OFFSET),
                 "no opening formula followed by numbered paragraphs: not a resolution, left unchanged");
    goto out;
  }
  if (!numbered) {
    const char *f = unres_blk_text(&st, formula);
    size_t fl = st.blk[formula].text_len;
    rc = dm_warn(ctx, DM_DIAG_STRUCTURE, dm_node_pos(st.blk[formula].node),
                 "no operative paragraphs found after \"%.*s\": structure not recognised, kept as plain paragraphs",
                 (int)(fl < 80 ? fl : 80), f);
    goto out;
  }
  st.formula = formula;
  if ((rc = unres_notes(&st)) != DM_OK) goto out;
  if ((rc = unres_join_splits(&st, formula + 1)) != DM_OK) goto out;
  if ((rc = unres_structure(&st, formula)) != DM_OK) goto out;
  if ((rc = unres_lead_words(&st)) != DM_OK) goto out;
  if (unres_lang_tag(st.lang) && dm_doc_set_meta(doc, DM_META_LANGUAGE, unres_lang_tag(st.lang)) != DM_OK)
    rc = dm_error(ctx, DM_ENOMEM, "out of memory");
out:
  unres_state_release(&st);
  return rc;
}

static const dm_transform unres_transform = {
    .abi_version = DM_PLUGIN_ABI_VERSION,
    .name = "un-resolution",
    .description = "recognise a UN resolution: footnotes, page splits, preface, preamble, paragraphs",
    .probe = unres_probe,
    .apply = unres_apply,
};

static const dm_transform *const unres_transforms[] = {&unres_transform, NULL};

DM_PLUGIN_DEFINE(un_resolution, NULL, NULL, unres_transforms);
