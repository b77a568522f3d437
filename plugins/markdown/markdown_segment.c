/* SPDX-License-Identifier: MIT */
/*
 * Where a large Markdown input may be cut so that cmark-gfm can parse it
 * piece by piece and give exactly the tree of the whole: before a line at
 * column 0 that follows a blank line, is not a list marker and lies in no
 * top-level fenced code or HTML block of types 1-5. At such a line every
 * container of CommonMark (block quote, list item, footnote definition,
 * table) is closed, so what follows parses the same on its own. The scan is
 * conservative: once a fence or HTML block might have opened inside a
 * container (where its end cannot be told from the lines alone), no later
 * cut is offered. It also classifies each piece (footnote definition, link
 * reference definitions, other) and refuses segmentation outright when a
 * definition lies anywhere else, since definitions apply document-wide.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "markdown.h"

static int seg_blank(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') return 0;
  return 1;
}

/* Columns of leading white space (tab to the next multiple of 4) and the
 * offset of the first other byte. */
static size_t seg_indent(const char *s, size_t n, size_t *first) {
  size_t col = 0, i = 0;
  for (; i < n && (s[i] == ' ' || s[i] == '\t'); i++)
    col = s[i] == '\t' ? (col + 4) / 4 * 4 : col + 1;
  *first = i;
  return col;
}

/* A list item marker at s: "-", "+", "*" or 1-9 digits and "." or ")",
 * followed by white space or the end of the line. */
static int seg_list_marker(const char *s, size_t n) {
  size_t i = 0;
  if (n > 0 && (s[0] == '-' || s[0] == '+' || s[0] == '*')) {
    i = 1;
  } else {
    while (i < n && i < 10 && s[i] >= '0' && s[i] <= '9')
      i++;
    if (i == 0 || i > 9 || i >= n || (s[i] != '.' && s[i] != ')')) return 0;
    i++;
  }
  return i >= n || s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r';
}

/* Opening fence at s (after the indent): its character and length, 0 if
 * none. A backtick fence's info string may not hold a backtick. */
static size_t seg_fence(const char *s, size_t n, char *fc) {
  if (n < 3 || (s[0] != '`' && s[0] != '~')) return 0;
  size_t k = 0;
  while (k < n && s[k] == s[0])
    k++;
  if (k < 3) return 0;
  if (s[0] == '`' && memchr(s + k, '`', n - k)) return 0;
  *fc = s[0];
  return k;
}

static int seg_has(const char *s, size_t n, const char *needle, int nocase) {
  size_t m = strlen(needle);
  for (size_t i = 0; i + m <= n; i++)
    if (nocase ? strncasecmp(s + i, needle, m) == 0 : memcmp(s + i, needle, m) == 0) return 1;
  return 0;
}

/* HTML block types 1-5 (the ones that run past blank lines) starting at s:
 * the end marker, or NULL. */
static const char *seg_html(const char *s, size_t n) {
  static const char *const t1[] = {"pre", "script", "style", "textarea"};
  static const char *const e1[] = {"</pre>", "</script>", "</style>", "</textarea>"};
  if (n < 2 || s[0] != '<') return NULL;
  for (size_t k = 0; k < 4; k++) {
    size_t m = strlen(t1[k]);
    if (n >= m + 1 && strncasecmp(s + 1, t1[k], m) == 0 &&
        (n == m + 1 || s[m + 1] == ' ' || s[m + 1] == '\t' || s[m + 1] == '>' || s[m + 1] == '\n' || s[m + 1] == '\r'))
      return e1[k];
  }
  if (n >= 4 && memcmp(s, "<!--", 4) == 0) return "-->";
  if (s[1] == '?') return "?>";
  if (n >= 9 && memcmp(s, "<![CDATA[", 9) == 0) return "]]>";
  if (n >= 3 && s[1] == '!' && ((s[2] >= 'A' && s[2] <= 'Z') || (s[2] >= 'a' && s[2] <= 'z'))) return ">";
  return NULL;
}

/* The label of "[^label]:" opening a line, if it is one the reader can
 * match by ASCII case folding alone (printable ASCII, no brackets,
 * backslash or space); 0 otherwise. */
static size_t seg_note_label(const char *s, size_t n) {
  if (n < 5 || s[0] != '[' || s[1] != '^') return 0;
  size_t k = 2;
  while (k < n && s[k] != ']') {
    unsigned char c = (unsigned char)s[k];
    if (c <= ' ' || c >= 0x7F || c == '[' || c == '\\') return 0;
    k++;
  }
  if (k == 2 || k + 1 >= n || s[k + 1] != ':') return 0;
  return k - 2;
}

static int seg_add(dmi_md_scan *sc, size_t *cap, size_t off, uint32_t line) {
  if (sc->n == *cap) {
    size_t nc = *cap ? *cap * 2 : 64;
    dmi_md_chunk *p = realloc(sc->chunks, nc * sizeof *p);
    if (!p) return -1;
    sc->chunks = p;
    *cap = nc;
  }
  sc->chunks[sc->n++] = (dmi_md_chunk){off, line, DMI_MD_PLAIN, 0};
  return 0;
}

/* Classifies the piece [a, b): a footnote definition, link reference
 * definitions, or other text; sets sc->ok = 0 when a definition hides
 * where the reader could not treat it document-wide. */
static void seg_classify(dmi_md_scan *sc, dmi_md_chunk *c, const char *s, size_t b) {
  const char *p = s + c->off;
  size_t n = b - c->off;
  size_t colons = 0, notes = 0;
  for (const char *q = p, *e = p + n; (q = memchr(q, ']', (size_t)(e - q))) && q + 1 < e; q++)
    colons += q[1] == ':';
  for (const char *q = p, *e = p + n; (q = memchr(q, '[', (size_t)(e - q))) && q + 1 < e; q++)
    notes += q[1] == '^';
  if (n >= 2 && p[0] == '[' && p[1] == '^') {
    c->label_len = (uint32_t)seg_note_label(p, n);
    if (c->label_len && colons == 1 && notes == 1) {
      c->kind = DMI_MD_NOTE;
      return;
    }
    sc->ok = 0;
    sc->why = "footnote definition the reader cannot take apart";
    return;
  }
  if (n >= 1 && p[0] == '[' && colons > 0) {
    if (notes) {
      sc->ok = 0;
      sc->why = "footnote syntax among link reference definitions";
      return;
    }
    c->kind = DMI_MD_REFDEF;
    return;
  }
  if (colons) {
    sc->ok = 0;
    sc->why = "\"]:\" outside a definition piece";
    return;
  }
  /* a reference whose label only Unicode folding or unescaping would
   * match to a definition: its stub could not be named safely */
  for (const char *q = p, *e = p + n; notes && (q = memchr(q, '[', (size_t)(e - q))) && q + 1 < e; q++) {
    size_t i = (size_t)(q - p);
    if (p[i + 1] != '^') continue;
    for (size_t k = i + 2; k < n && p[k] != ']' && p[k] != '\n' && p[k] != '\r'; k++) {
      if ((unsigned char)p[k] >= 0x80 || p[k] == '\\') {
        sc->ok = 0;
        sc->why = "footnote reference with a non-ASCII or escaped label";
        return;
      }
    }
  }
}

int dmi_markdown_scan(const char *s, size_t len, dmi_md_scan *sc) {
  memset(sc, 0, sizeof *sc);
  sc->ok = 1;
  size_t cap = 0;
  if (seg_add(sc, &cap, 0, 1) < 0) return -1;
  int prev_blank = 0, unsure = 0, stop = 0;
  char fc = 0;
  size_t flen = 0;
  const char *html_end = NULL;
  uint32_t line = 1;
  int has_cr = memchr(s, '\r', len) != NULL;
  for (size_t a = 0; a < len; line++) {
    /* the line [a, e), its terminator up to b (LF, CRLF or CR) */
    size_t e;
    if (has_cr) {
      e = a;
      while (e < len && s[e] != '\n' && s[e] != '\r')
        e++;
    } else {
      const char *nl = memchr(s + a, '\n', len - a);
      e = nl ? (size_t)(nl - s) : len;
    }
    size_t b = e;
    if (b < len) b += s[b] == '\r' && b + 1 < len && s[b + 1] == '\n' ? 2 : 1;
    const char *p = s + a;
    size_t n = e - a, first;
    size_t ind = seg_indent(p, n, &first);
    int blank = first == n; /* the line holds no terminator */
    if (flen) {
      size_t k = first;
      while (k < n && p[k] == fc)
        k++;
      if (ind <= 3 && k - first >= flen && seg_blank(p + k, n - k)) flen = 0;
      prev_blank = 0;
      a = b;
      continue;
    }
    if (html_end) {
      if (seg_has(p, n, html_end, html_end[0] == '<')) html_end = NULL;
      prev_blank = 0;
      a = b;
      continue;
    }
    if (!blank && prev_blank && !stop && ind == 0 && !seg_list_marker(p, n)) {
      if (seg_add(sc, &cap, a, line) < 0) return -1;
      unsure = 0;
    }
    if (!blank && ind <= 3) {
      const char *q = p + first;
      size_t m = n - first;
      char c = *q;
      char f;
      size_t fl = seg_fence(q, m, &f);
      const char *he = fl ? NULL : seg_html(q, m);
      if (fl || he) {
        /* inside a container its end is the container's: cannot tell */
        if (unsure) {
          stop = 1;
        } else if (fl) {
          fc = f;
          flen = fl;
        } else if (!seg_has(q, m, he, he[0] == '<')) {
          html_end = he;
        }
      }
      if (c == '>' || c == '[' || c == '<' || c == '-' || c == '+' || c == '*' || (c >= '0' && c <= '9')) unsure = 1;
    }
    if (memchr(p, '|', n)) unsure = 1;
    prev_blank = blank;
    a = b;
  }
  sc->eof_open = flen || html_end || stop;
  for (size_t i = 0; i < sc->n; i++)
    seg_classify(sc, &sc->chunks[i], s, i + 1 < sc->n ? sc->chunks[i + 1].off : len);
  return 0;
}
