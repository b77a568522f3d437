/* SPDX-License-Identifier: MIT */
/*
 * The document as the transform sees it: a flat sequence of blocks in
 * reading order (lists opened up into their items' paragraphs, because an
 * extractor's page breaks cut one list of operative paragraphs into several),
 * each with its plain text and the page it sits on. Pages end at "---", at a
 * page break, or after a block of footnote definitions; page numbers and
 * running headers are furniture. Paragraphs that a page end cut in two are
 * joined here. Every pass is one walk over the blocks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unres.h"

void unres_state_release(unres_state *st) {
  free(st->defs);
  st->defs = NULL;
  st->ndefs = st->capdefs = 0;
  free(st->blk);
  st->blk = NULL;
  st->n = st->cap = 0;
  unres_buf_release(&st->text);
}

static unres_blk *unres_push(unres_state *st, dm_node *node, unres_kind kind, int depth) {
  if (st->n == st->cap) {
    size_t cap = st->cap ? st->cap * 2 : 64;
    unres_blk *b = realloc(st->blk, cap * sizeof *b);
    if (!b) {
      st->failed = 1;
      return NULL;
    }
    st->blk = b;
    st->cap = cap;
  }
  unres_blk *b = &st->blk[st->n++];
  memset(b, 0, sizeof *b);
  b->node = node;
  b->kind = kind;
  b->depth = depth;
  return b;
}

void unres_node_text(const dm_node *n, unres_buf *b) {
  /* an explicit stack would be faster, but inline nesting is shallow and
   * bounded by the reader's depth limit */
  for (const dm_node *c = dm_node_first_child(n); c; c = dm_node_next(c)) {
    switch (dm_node_type_of(c)) {
    case DM_NODE_TEXT:
    case DM_NODE_CODE: unres_buf_add(b, dm_node_literal(c), dm_node_literal_len(c)); break;
    case DM_NODE_SOFTBREAK:
    case DM_NODE_LINEBREAK: unres_buf_add(b, "\n", 1); break;
    case DM_NODE_NOTE:
    case DM_NODE_NOTE_REF: break;
    default: unres_node_text(c, b); break;
    }
  }
}

void unres_retext(unres_state *st, size_t i) {
  unres_blk *b = &st->blk[i];
  b->text = st->text.len;
  unres_node_text(b->node, &st->text);
  b->text_len = st->text.len - b->text;
}

const char *unres_blk_text(const unres_state *st, size_t i) {
  return st->text.data ? st->text.data + st->blk[i].text : "";
}

static void unres_flatten_into(unres_state *st, dm_node *parent, int depth) {
  for (dm_node *c = dm_node_first_child(parent); c && !st->failed; c = dm_node_next(c)) {
    dm_node_type t = dm_node_type_of(c);
    if (t == DM_NODE_PARAGRAPH || t == DM_NODE_HEADING) {
      unres_push(st, c, UNRES_BODY, depth);
    } else if (t == DM_NODE_THEMATIC_BREAK || t == DM_NODE_PAGE_BREAK) {
      unres_push(st, c, UNRES_BREAK, depth);
    } else if (t == DM_NODE_LIST && depth < 8) {
      long num = dm_node_list_start(c);
      int ordered = dm_node_list_ordered(c);
      for (dm_node *item = dm_node_first_child(c); item && !st->failed; item = dm_node_next(item), num++) {
        size_t first = st->n;
        unres_flatten_into(st, item, depth + 1);
        /* the item's number belongs to its first paragraph */
        if (ordered && first < st->n && dm_node_type_of(st->blk[first].node) == DM_NODE_PARAGRAPH &&
            dm_node_parent(st->blk[first].node) == item && num >= 0 && num < 100000)
          snprintf(st->blk[first].label, sizeof st->blk[first].label, "%ld%c", num,
                   dm_node_list_delim(c) == ')' ? ')' : '.');
      }
    } else {
      unres_push(st, c, UNRES_OTHER, depth);
    }
  }
}

int unres_flatten(unres_state *st) {
  unres_flatten_into(st, dm_doc_root(st->doc), 0);
  for (size_t i = 0; i < st->n; i++)
    if (st->blk[i].kind == UNRES_BODY) unres_retext(st, i);
  if (st->failed || st->text.status) return dm_error(st->ctx, DM_ENOMEM, "out of memory");
  return DM_OK;
}

int unres_mark_def(unres_state *st, dm_node *para) {
  if (st->ndefs == st->capdefs) {
    size_t cap = st->capdefs ? st->capdefs * 2 : 32;
    dm_node **d = realloc(st->defs, cap * sizeof *d);
    if (!d) return DM_ENOMEM;
    st->defs = d;
    st->capdefs = cap;
  }
  st->defs[st->ndefs++] = para;
  return DM_OK;
}

/* Furniture is information, not a warning: the text was not the
 * document's, but the user may want to check what went. */
void unres_furniture_info(unres_state *st, dm_pos pos, const char *s, size_t len) {
  st->furniture++;
  if (!st->symbol[0]) unres_find_symbol(s, len, st->symbol, sizeof st->symbol);
  dm_info(st->ctx, DM_DIAG_FURNITURE, pos, "removed as page furniture: \"%.*s\"", (int)(len < 200 ? len : 200), s);
}

/* ---- definitions and furniture ------------------------------------------ */

/* A paragraph that opens with a footnote marker: a superscript node
 * holding a number, Unicode superscript digits, or (plain text) a bare
 * number. */
static int unres_opens_with_marker(const unres_state *st, size_t i, int bare) {
  const unres_blk *b = &st->blk[i];
  if (dm_node_type_of(b->node) != DM_NODE_PARAGRAPH || b->label[0]) return 0;
  dm_node *first = dm_node_first_child(b->node);
  if (first && dm_node_type_of(first) == DM_NODE_SUPERSCRIPT) {
    unres_buf t = {0};
    unres_node_text(first, &t);
    int ok = t.len > 0 && t.len <= 4 && strspn(t.data, "0123456789") == t.len;
    unres_buf_release(&t);
    return ok;
  }
  long v;
  const char *s = unres_blk_text(st, i);
  if (!unres_def_marker(s, b->text_len, bare, &v)) return 0;
  /* "16 December 2020" opening the closing lines is a date, not note 16 */
  char iso[11];
  size_t e;
  size_t head = b->text_len < 48 ? b->text_len : 48; /* a date at the start is short */
  for (int l = 1; bare && l <= unres_lang_count(); l++)
    if (unres_date_at((unres_lang)l, s, head, 0, iso, &e)) return 0;
  return 1;
}

/* Whether any footnote marker in the document is explicit (a superscript
 * node or superscript digits); if none is, the plain-text rules apply. */
static int unres_has_explicit_markers(const unres_state *st) {
  for (size_t i = 0; i < st->n; i++)
    if (st->blk[i].kind == UNRES_BODY && unres_opens_with_marker(st, i, 0)) return 1;
  return 0;
}

/* Whether every line of a block is furniture. */
static int unres_all_furniture(const char *s, size_t len) {
  size_t b = 0;
  int lines = 0;
  while (b < len) {
    const char *nl = memchr(s + b, '\n', len - b);
    size_t e = nl ? (size_t)(nl - s) : len;
    if (!unres_is_furniture(s + b, e - b)) return 0;
    lines++;
    b = e + 1;
  }
  return lines > 0;
}

void unres_classify(unres_state *st) {
  st->bare = !unres_has_explicit_markers(st);
  /* the title line ("75/158. Trafficking in women and girls"): later
   * paragraphs holding only the title are running headers */
  const char *title = NULL;
  size_t title_len = 0;
  for (size_t i = 0; i < st->n && i < 64 && !title; i++) {
    if (st->blk[i].kind != UNRES_BODY) continue;
    const char *s = unres_blk_text(st, i);
    size_t len = st->blk[i].text_len, k = 0;
    while (k < len && s[k] >= '0' && s[k] <= '9')
      k++;
    if (!k || k >= len || s[k] != '/') continue;
    k++;
    while (k < len && s[k] >= '0' && s[k] <= '9')
      k++;
    while (k < len && (s[k] == '.' || s[k] == ' ' || s[k] == '-'))
      k++;
    if (k < len && len - k > 3) {
      title = s + k;
      title_len = len - k;
    }
  }
  /* the header before the formula holds the symbol and, as the agenda
   * item's title, often the title itself: neither is a running header */
  size_t formula = SIZE_MAX;
  for (size_t i = 0; i < st->n && formula == SIZE_MAX; i++)
    if (st->blk[i].kind == UNRES_BODY && unres_is_formula(unres_blk_text(st, i), st->blk[i].text_len)) formula = i;
  for (size_t i = 0; i < st->n; i++) {
    unres_blk *b = &st->blk[i];
    if (b->kind != UNRES_BODY) continue;
    int preface = formula != SIZE_MAX && i < formula;
    /* the line pass has taken the furniture out and found the footnotes
     * already; a symbol-only footnote ("1 A/73/85.") must not be taken
     * for furniture here */
    if (st->lines_done) {
      for (size_t k = 0; k < st->ndefs; k++)
        if (st->defs[k] == b->node) b->kind = UNRES_DEF;
      continue;
    }
    uint32_t first = unres_first_cp(unres_blk_text(st, i), b->text_len);
    if (preface && (first == 'A' || first == 'S')) continue;
    if (!preface && title && b->text_len == title_len && unres_blk_text(st, i) != title &&
        memcmp(unres_blk_text(st, i), title, title_len) == 0) {
      b->kind = UNRES_FURNITURE;
      unres_furniture_info(st, dm_node_pos(b->node), unres_blk_text(st, i), b->text_len);
      continue;
    }
    if (b->label[0] == '\0' && unres_all_furniture(unres_blk_text(st, i), b->text_len) &&
        !(dm_node_first_child(b->node) && dm_node_type_of(dm_node_first_child(b->node)) == DM_NODE_SUPERSCRIPT)) {
      b->kind = UNRES_FURNITURE;
      unres_furniture_info(st, dm_node_pos(b->node), unres_blk_text(st, i), b->text_len);
    }
  }
  /* Definitions. Explicit markers say so wherever they are; a bare number
   * only counts in a run of such paragraphs that ends the page, because a
   * body paragraph may start with a number too. */
  for (size_t i = 0; i < st->n; i++) {
    unres_blk *b = &st->blk[i];
    if (b->kind != UNRES_BODY || !unres_opens_with_marker(st, i, st->bare)) continue;
    if (!st->bare) {
      b->kind = UNRES_DEF;
      continue;
    }
    size_t j = i;
    while (j < st->n &&
           (st->blk[j].kind == UNRES_FURNITURE || (st->blk[j].kind == UNRES_BODY && unres_opens_with_marker(st, j, 1))))
      j++;
    if (j == st->n || st->blk[j].kind == UNRES_BREAK) {
      for (size_t k = i; k < j; k++)
        if (st->blk[k].kind == UNRES_BODY) st->blk[k].kind = UNRES_DEF;
    }
    i = j > i ? j - 1 : i;
  }
  /* Pages. A definition block belongs to the page of the text before it,
   * and ends that page; a break ends a page only if text came since the
   * last end, so "---" before a definition block does not count twice. */
  int pg = 0, last_body = 0, seen_body = 0;
  for (size_t i = 0; i < st->n; i++) {
    unres_blk *b = &st->blk[i];
    switch (b->kind) {
    case UNRES_BREAK:
      if (seen_body) pg++;
      seen_body = 0;
      b->page = pg;
      break;
    case UNRES_DEF:
      b->page = last_body;
      if (i + 1 == st->n || st->blk[i + 1].kind != UNRES_DEF) {
        if (seen_body) pg++;
        seen_body = 0;
      }
      break;
    case UNRES_FURNITURE: b->page = pg; break;
    default:
      b->page = pg;
      last_body = pg;
      seen_body = 1;
      break;
    }
  }
}

/* ---- splits ------------------------------------------------------------- */

static int unres_is_cjk_text_end(uint32_t cp) { return cp && dm_unicode_is_cjk(cp); }

/* Whether a paragraph opens with emphasis: the lead phrase of a clause in
 * the Markdown-like extraction. */
static int unres_opens_with_emphasis(const dm_node *p) {
  const dm_node *c = dm_node_first_child(p);
  while (c && dm_node_type_of(c) == DM_NODE_TEXT && unres_first_cp(dm_node_literal(c), dm_node_literal_len(c)) == 0)
    c = dm_node_next(c);
  return c && (dm_node_type_of(c) == DM_NODE_STRONG || dm_node_type_of(c) == DM_NODE_EMPH);
}

/* Whether block n reads as the continuation of the text before it. */
static int unres_continues(const unres_state *st, size_t n, int open_word) {
  const unres_blk *b = &st->blk[n];
  if (b->label[0] || dm_node_type_of(b->node) != DM_NODE_PARAGRAPH) return 0;
  const char *s = unres_blk_text(st, n);
  size_t len = b->text_len;
  char lab[24];
  if (unres_para_number(s, len, lab) || unres_point_label(s, len, lab)) return 0;
  if (unres_opens_with_emphasis(b->node)) return 0;
  uint32_t first = unres_first_cp(s, len);
  /* a number opens the continuation of a list of dates cut by the page
   * ("57/11 of 12 November" | "2002, 58/7 of ...") */
  if (!first || (first >= '0' && first <= '9' && !open_word)) return 0;
  /* a text cut mid-sentence continues whatever case the next word has
   * ("Protocolo" | "Facultativo4, el"); after a clause comma the next
   * paragraph must read as a continuation */
  if (open_word) return 1;
  const unres_lang_data *d = unres_lang_info(st->lang);
  int upper = d && d->lead_case[0] && strcmp(d->lead_case[0], "upper") == 0;
  if (dm_unicode_is_cjk(first) || !upper) return !unres_starts_lead(st->lang, s, len);
  return unres_starts_lower(s, len);
}

/* Moves the inlines of from to the end of to, with a space between unless
 * the join is inside CJK text or after a hyphen. */
static int unres_join(unres_state *st, dm_node *to, dm_node *from, uint32_t last, uint32_t first) {
  /* drop leading blanks of the continuation */
  dm_node *c = dm_node_first_child(from);
  while (c && dm_node_type_of(c) == DM_NODE_SOFTBREAK) {
    dm_node *next = dm_node_next(c);
    dm_node_unlink(c);
    c = next;
  }
  int space = !(unres_is_cjk_text_end(last) && unres_is_cjk_text_end(first)) && last != '-' && last != 0x2010;
  /* one TEXT node across the join, so "更好" + "地保护" reads as one word */
  dm_node *tail = dm_node_last_child(to), *head = dm_node_first_child(from);
  if (tail && head && dm_node_type_of(tail) == DM_NODE_TEXT && dm_node_type_of(head) == DM_NODE_TEXT) {
    if ((space && dm_node_append_literal(tail, " ", 1) != DM_OK) ||
        dm_node_append_literal(tail, dm_node_literal(head), dm_node_literal_len(head)) != DM_OK)
      return dm_error(st->ctx, DM_ENOMEM, "out of memory");
    dm_node_unlink(head);
  } else if (space) {
    dm_node *sp = dm_node_new_text(st->doc, " ", 1);
    if (!sp || dm_node_append_child(to, sp) != DM_OK) return dm_error(st->ctx, DM_ENOMEM, "out of memory");
  }
  if (dm_node_move_children(to, from) != DM_OK) return dm_error(st->ctx, DM_EINTERNAL, "cannot join paragraphs");
  dm_node_unlink(from);
  return DM_OK;
}

/* Whether the last word of a and the first words of b make a date. */
static int unres_date_across(const unres_state *st, const char *a, size_t al, const char *b, size_t bl) {
  size_t k = al;
  while (k > 0 && a[k - 1] != ' ' && a[k - 1] != '\n')
    k--;
  if (al - k > 8 || bl == 0) return 0;
  char buf[64];
  size_t n = al - k;
  memcpy(buf, a + k, n);
  buf[n++] = ' ';
  size_t m = bl < sizeof buf - n - 1 ? bl : sizeof buf - n - 1;
  memcpy(buf + n, b, m);
  char iso[11];
  size_t e;
  return unres_date_at(st->lang, buf, n + m, 0, iso, &e) && e > n;
}

int unres_join_splits(unres_state *st, size_t from) {
  size_t prev = SIZE_MAX; /* the last body paragraph */
  int boundary = 0;
  for (size_t i = from; i < st->n; i++) {
    unres_blk *b = &st->blk[i];
    if (b->kind == UNRES_BREAK || b->kind == UNRES_DEF || b->kind == UNRES_FURNITURE || b->kind == UNRES_GONE) {
      boundary = 1;
      continue;
    }
    if (b->kind != UNRES_BODY) {
      prev = SIZE_MAX;
      continue;
    }
    if (prev != SIZE_MAX && dm_node_type_of(st->blk[prev].node) == DM_NODE_PARAGRAPH) {
      const char *ps = unres_blk_text(st, prev);
      size_t pl = st->blk[prev].text_len;
      /* Without a page end between them, only text cut mid-sentence with
       * no punctuation at all is joined; a clause comma needs the page end. */
      int open = !unres_ends_sentence(ps, pl) && (boundary || !unres_ends_comma(ps, pl));
      /* a date cut by the page end: "vom 4." | "Dezember 2023" */
      if (!open && boundary && unres_date_across(st, ps, pl, unres_blk_text(st, i), b->text_len)) open = 2;
      uint32_t last = unres_last_cp(ps, pl);
      /* cut after a word, with a page end between: no punctuation at all,
       * and long enough not to be a heading */
      int open_word =
          boundary && !unres_ends_comma(ps, pl) && pl > 60 && !unres_ends_sentence(ps, pl) && st->lang != UNRES_LANG_ZH;
      if (open && last && (open == 2 || unres_continues(st, i, open_word))) {
        uint32_t first = unres_first_cp(unres_blk_text(st, i), b->text_len);
        int rc = unres_join(st, st->blk[prev].node, b->node, last, first);
        if (rc != DM_OK) return rc;
        b->kind = UNRES_GONE;
        /* the joined paragraph now ends where this one ended */
        st->blk[prev].text = b->text;
        st->blk[prev].text_len = b->text_len;
        st->blk[prev].dirty = 1;
        boundary = 0;
        continue;
      }
    }
    prev = i;
    boundary = 0;
  }
  /* once per joined paragraph, so a chain of joins stays linear */
  for (size_t i = from; i < st->n; i++)
    if (st->blk[i].dirty) {
      unres_retext(st, i);
      st->blk[i].dirty = 0;
    }
  if (st->text.status) return dm_error(st->ctx, DM_ENOMEM, "out of memory");
  return DM_OK;
}
