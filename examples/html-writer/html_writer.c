/* SPDX-License-Identifier: MIT */
/*
 * The HTML writer, docmill's worked example of a third-party plugin: it is
 * built out of tree against the installed headers and loaded as a shared
 * object. It writes one standalone HTML page with a small embedded
 * stylesheet: the parts of a resolution (preface, preamble, recitals,
 * operative paragraphs and their points, conclusions) as elements with
 * semantic classes, numbers exactly as printed, footnotes gathered into a
 * numbered list at the end under the markers the source gave them, with
 * links from every reference to its note and back. The markup is kept to
 * the HTML 4 element set and to XML syntax, so that the page is both HTML5
 * and well-formed XML, and parses without a single error in libxml2 2.9's
 * HTML parser (which knows no <section> or <main>; DPUB-ARIA roles carry
 * that meaning instead).
 *
 * It is built on the toolkit of the public API, as every built-in writer
 * is: the markup goes through the XML writer (docmill/xml.h), which escapes
 * text and gives the one policy for characters XML cannot hold (U+FFFD and
 * one warning per document); notes are found through a node map
 * (docmill/nodemap.h); the direction of the page comes from the library's
 * table of right-to-left languages (dm_lang_is_rtl).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <docmill/docmill.h>

/* strdup is POSIX, not C11; a plugin built with -std=c11 has its own. */
static char *html_strdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  return d ? memcpy(d, s, n) : NULL;
}

/* ---- private state ------------------------------------------------------ */

typedef struct html_note {
  const dm_node *note;
  unsigned nrefs; /* references seen so far, the note's own included */
  char *marker;   /* as printed: the source's, or our number if none */
} html_note;

/* Allocated and zeroed by the core (priv_size); html_cleanup frees what
 * the hooks allocated, whether write succeeded or not. */
typedef struct html_state {
  html_note *notes; /* in order of first reference */
  size_t nnotes, capnotes;
  dm_node_map *index; /* note -> its place in notes, plus one */
  char **ids;         /* element ids given out, so that none is given twice */
  size_t nids, capids;
  int oom;
} html_state;

static void html_cleanup(void *priv) {
  html_state *st = priv;
  for (size_t i = 0; i < st->nnotes; i++)
    free(st->notes[i].marker);
  free(st->notes);
  dm_node_map_free(st->index);
  for (size_t i = 0; i < st->nids; i++)
    free(st->ids[i]);
  free(st->ids);
}

/* The note's entry, created at its first reference (normally the note
 * itself; a NOTE_REF that comes first is handled the same way). NULL only
 * when out of memory. */
static html_note *html_note_of(html_state *st, const dm_node *note) {
  if (!st->index && !(st->index = dm_node_map_new())) return NULL;
  /* the value is the place plus one, so that no value is NULL */
  uintptr_t at = (uintptr_t)dm_node_map_get(st->index, note);
  if (at) return &st->notes[at - 1];
  if (st->nnotes == st->capnotes) {
    size_t cap = st->capnotes ? st->capnotes * 2 : 32;
    html_note *v = realloc(st->notes, cap * sizeof *v);
    if (!v) return NULL;
    st->notes = v;
    st->capnotes = cap;
  }
  const char *label = dm_node_label(note);
  char buf[24];
  if (!label || !*label) {
    /* Only notes without a marker are numbered: by their place in the
     * list of notes, which no other note of the page shares. */
    snprintf(buf, sizeof buf, "%zu", st->nnotes + 1);
    label = buf;
  }
  html_note *hn = &st->notes[st->nnotes];
  hn->note = note;
  hn->nrefs = 0;
  if (!(hn->marker = html_strdup(label))) return NULL;
  if (dm_node_map_put(st->index, note, (void *)(uintptr_t)(st->nnotes + 1)) != DM_OK) {
    free(hn->marker);
    return NULL;
  }
  st->nnotes++;
  return hn;
}

/* Turns a label as printed ("2 bis.", "(a)") into an id fragment ("2-bis",
 * "a"): ASCII letters and digits kept, every other run one hyphen. */
static void html_slug(char *out, size_t size, const char *s) {
  size_t n = 0;
  int dash = 0;
  for (; s && *s && n + 2 < size; s++) {
    unsigned char c = (unsigned char)*s;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      if (dash && n) out[n++] = '-';
      out[n++] = (char)c;
      dash = 0;
    } else {
      dash = 1;
    }
  }
  out[n] = '\0';
}

static int html_id_taken(const html_state *st, const char *id) {
  for (size_t i = 0; i < st->nids; i++)
    if (strcmp(st->ids[i], id) == 0) return 1;
  return 0;
}

/* Records id (made unique with "-2", "-3"... if a later annex reuses a
 * number) and writes the final one into id. A linear search is enough:
 * ids go only to numbered paragraphs and points. */
static int html_claim_id(html_state *st, char *id, size_t size) {
  if (html_id_taken(st, id)) {
    size_t len = strlen(id);
    for (unsigned k = 2; k < 100000; k++) {
      snprintf(id + len, size - len, "-%u", k);
      if (!html_id_taken(st, id)) break;
    }
  }
  if (st->nids == st->capids) {
    size_t cap = st->capids ? st->capids * 2 : 64;
    char **v = realloc(st->ids, cap * sizeof *v);
    if (!v) return -1;
    st->ids = v;
    st->capids = cap;
  }
  if (!(st->ids[st->nids] = html_strdup(id))) return -1;
  st->nids++;
  return 0;
}

/* ---- escaping ----------------------------------------------------------- */

/* Markup the writer knows to be well-formed, as it is. */
static void html_puts(dm_xml *x, const char *s) { dm_xml_raw(x, s, strlen(s)); }

static void html_putc(dm_xml *x, char c) { dm_xml_raw(x, &c, 1); }

/* Formatted markup; only numbers and the writer's own names go through
 * here, so a line of 256 bytes is room enough. */
static void html_printf(dm_xml *x, const char *fmt, ...) DM_PRINTF(2, 3);
static void html_printf(dm_xml *x, const char *fmt, ...) {
  char buf[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (n < 0 || (size_t)n >= sizeof buf)
    dm_xml_fail(x, DM_EINTERNAL);
  else
    dm_xml_raw(x, buf, (size_t)n);
}

/* Text, escaped by the XML writer under its character policy. */
static void html_text(dm_xml *x, const char *s, size_t len) { dm_xml_text(x, s, len); }

static void html_str(dm_xml *x, const char *s) {
  if (s) html_text(x, s, strlen(s));
}

/* Writes ` name="value"`, escaped. The tags are written as markup rather
 * than with dm_xml_start, so the value goes through the text escaping,
 * which escapes the quote as well. */
static void html_attr(dm_xml *x, const char *name, const char *value) {
  html_printf(x, " %s=\"", name);
  html_str(x, value);
  html_putc(x, '"');
}

/* URLs that would run script when clicked are not carried into a page
 * meant for publishing; the link text stays. */
static int html_prefix_nocase(const char *s, const char *prefix) {
  for (; *prefix; s++, prefix++) {
    char c = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
    if (c != *prefix) return 0;
  }
  return 1;
}

static int html_url_safe(const char *url) {
  while (*url && (unsigned char)*url <= ' ')
    url++;
  static const char *const bad[] = {"javascript:", "vbscript:", "data:text/html"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    if (html_prefix_nocase(url, bad[i])) return 0;
  return 1;
}

/* ---- the stylesheet ----------------------------------------------------- */

/* Logical properties (inline-start) so that hanging numbers and rules
 * move to the right in Arabic. No "<" or "&" here: the page stays XML. */
static const char html_css[] =
    "body { margin: 0; background: #eef0f2; color: #1b1b1b;\n"
    "  font: 17px/1.7 \"Noto Serif\", \"Noto Serif CJK SC\", \"Source Han Serif SC\", \"Songti SC\",\n"
    "    SimSun, \"Noto Naskh Arabic\", \"Times New Roman\", serif; }\n"
    ".document { max-width: 46em; margin: 2em auto; padding: 3em 4em 2em; background: #fff;\n"
    "  box-shadow: 0 1px 6px rgba(0, 0, 0, .15); }\n"
    "h1, h2, h3, h4, h5, h6 { line-height: 1.35; margin: 1.3em 0 .6em; }\n"
    "h1 { font-size: 1.55em; text-align: center; }\n"
    "h2 { font-size: 1.3em; } h3 { font-size: 1.15em; }\n"
    "p { margin: .6em 0; }\n"
    "a { color: #1a4f8b; }\n"
    "sup { font-size: .72em; line-height: 0; }\n"
    ".preface { border-bottom: 1px solid #9aa5b1; padding-bottom: 1em; margin-bottom: 1.6em; }\n"
    ".preface p { margin: .25em 0; }\n"
    ".docNumber, .docStatus, .docDate { font-family: \"Noto Sans\", \"Noto Sans CJK SC\", sans-serif; }\n"
    ".formula { margin: 1.4em 0 .8em; }\n"
    ".recital p { text-indent: 2em; }\n"
    ".operative, .point { position: relative; padding-inline-start: 2.6em; }\n"
    ".operative { margin: .9em 0; }\n"
    ".point { margin: .35em 0; }\n"
    ".operative > p, .point > p { margin: .35em 0; }\n"
    ".num { position: absolute; inset-inline-start: 0; color: #1a4f8b; }\n"
    ".conclusions { margin-top: 2.2em; padding-top: .8em; border-top: 1px solid #d5dae0; }\n"
    ".conclusions p { text-align: center; margin: .2em 0; }\n"
    ".operative:target, .point:target, .footnotes li:target { background: #fff4cc; }\n"
    "a.noteref { text-decoration: none; padding: 0 .1em; }\n"
    "a.backref { text-decoration: none; margin-inline-start: .35em; }\n"
    ".footnotes { margin-top: 3em; font-size: .86em; line-height: 1.55; }\n"
    ".footnotes hr { width: 12em; margin: 0 0 1em; margin-inline-start: 0; border: 0;\n"
    "  border-top: 1px solid #7b8794; }\n"
    ".footnotes ol { list-style: none; margin: 0; padding: 0; }\n"
    ".footnotes li { position: relative; padding-inline-start: 2.6em; margin: .3em 0; }\n"
    ".footnotes .marker { position: absolute; inset-inline-start: 0; font-weight: bold; }\n"
    ".footnotes li p { margin: 0 0 .3em; }\n"
    "blockquote { margin: 1em 0; padding-inline-start: 1em; border-inline-start: 3px solid #c5ccd6;\n"
    "  color: #3e4c59; }\n"
    "table { border-collapse: collapse; margin: 1em 0; }\n"
    "th, td { border: 1px solid #b8c0ca; padding: .3em .65em; vertical-align: top; }\n"
    "th { background: #eef2f7; }\n"
    "td p, th p { margin: 0; }\n"
    "pre { background: #f5f7fa; padding: .8em 1em; overflow-x: auto; line-height: 1.45; }\n"
    "code { font-family: \"DejaVu Sans Mono\", \"Noto Sans Mono\", monospace; font-size: .9em; }\n"
    "img { max-width: 100%; }\n"
    ".page-break { display: none; }\n"
    "@media (max-width: 40em) { .document { margin: 0; padding: 1.2em; } }\n"
    "@media print {\n"
    "  body { background: none; } .document { box-shadow: none; margin: 0; padding: 0; max-width: none; }\n"
    "  a { color: inherit; } .page-break { display: block; break-after: page; }\n"
    "}\n";

/* ---- rendering ---------------------------------------------------------- */

typedef struct html_w {
  dm_ctx *ctx;
  html_state *st;
  dm_xml *out;
  int raw_html;           /* option html.raw-html */
  int link_depth;         /* <a> may not nest */
  const dm_node *num_for; /* the block that opens with a pending number */
  const char *num;        /* that number, as printed */
  const char *num_class;  /* "num", or "marker" for a footnote's */
  const dm_node *note;    /* the note whose text is being written */
  int backrefs_done;
} html_w;

/* A BCP 47 tag has letters, digits and hyphens only; anything else is not
 * worth a lang attribute that browsers would ignore anyway. */
static int html_lang_ok(const char *lang) {
  size_t n = 0;
  for (; lang[n]; n++) {
    char c = lang[n];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) return 0;
  }
  return n > 0 && n < 36;
}

static int html_name_ok(const char *s) {
  if (!s || !*s) return 0;
  for (; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
      return 0;
  return 1;
}

/* lang and dir as themselves; the rest as data-* attributes (lower-cased,
 * as HTML requires), so that nothing the reader found is lost. */
static void html_node_attrs(html_w *h, const dm_node *n) {
  for (size_t i = 0; i < dm_node_attr_count(n); i++) {
    const char *k = dm_node_attr_key(n, i), *v = dm_node_attr_value(n, i);
    if (strcmp(k, "lang") == 0) {
      if (html_lang_ok(v)) html_attr(h->out, "lang", v);
    } else if (strcmp(k, "dir") == 0) {
      if (strcmp(v, "ltr") == 0 || strcmp(v, "rtl") == 0 || strcmp(v, "auto") == 0) html_attr(h->out, "dir", v);
    } else if (html_name_ok(k)) {
      html_puts(h->out, " data-");
      for (const char *c = k; *c; c++)
        html_putc(h->out, (char)(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c));
      html_puts(h->out, "=\"");
      html_str(h->out, v);
      html_putc(h->out, '"');
    }
  }
}

static const char *html_role_class(dm_role role) {
  switch (role) {
  case DM_ROLE_PREFACE: return "preface";
  case DM_ROLE_PREAMBLE: return "preamble";
  case DM_ROLE_FORMULA: return "formula";
  case DM_ROLE_RECITAL: return "recital";
  case DM_ROLE_MAIN_BODY: return "main-body";
  case DM_ROLE_PARAGRAPH: return "operative";
  case DM_ROLE_POINT: return "point";
  case DM_ROLE_CONCLUSIONS: return "conclusions";
  case DM_ROLE_SECTION: return "section";
  case DM_ROLE_COMPONENT: return "component";
  case DM_ROLE_INTRO: return "intro";
  case DM_ROLE_WRAP_UP: return "wrap-up";
  default: return NULL;
  }
}

/* The id of a numbered paragraph or point: the numbers of the enclosing
 * paragraphs and points, outermost first ("para-1-a-i"), so that a link
 * to "#para-12" survives re-rendering. */
static int html_div_id(html_w *h, const dm_node *div, char *id, size_t size) {
  const dm_node *chain[16];
  size_t n = 0;
  for (const dm_node *p = div; p && n < sizeof chain / sizeof *chain; p = dm_node_parent(p)) {
    if (dm_node_type_of(p) != DM_NODE_DIV) continue;
    dm_role r = dm_node_role(p);
    if ((r == DM_ROLE_PARAGRAPH || r == DM_ROLE_POINT) && dm_node_label(p)) chain[n++] = p;
  }
  size_t len = (size_t)snprintf(id, size, "para");
  while (n-- > 0 && len + 2 < size) {
    char slug[64];
    html_slug(slug, sizeof slug, dm_node_label(chain[n]));
    if (*slug) len += (size_t)snprintf(id + len, size - len, "-%s", slug);
  }
  return html_claim_id(h->st, id, size);
}

static void html_num(html_w *h) {
  html_printf(h->out, "<span class=\"%s\">", h->num_class);
  html_str(h->out, h->num);
  html_puts(h->out, "</span> ");
  h->num = NULL;
  h->num_for = NULL;
}

static void html_div_open(html_w *h, const dm_node *n) {
  dm_role role = dm_node_role(n);
  const char *rc = html_role_class(role), *cls = dm_node_class(n);
  html_puts(h->out, "<div");
  if (rc || cls) {
    html_puts(h->out, " class=\"");
    html_str(h->out, rc);
    if (rc && cls) html_putc(h->out, ' ');
    html_str(h->out, cls);
    html_putc(h->out, '"');
  }
  const char *label = dm_node_label(n);
  if (label && *label && (role == DM_ROLE_PARAGRAPH || role == DM_ROLE_POINT)) {
    char id[256];
    if (html_div_id(h, n, id, sizeof id) != 0)
      h->st->oom = 1;
    else
      html_attr(h->out, "id", id);
  }
  html_node_attrs(h, n);
  html_puts(h->out, ">\n");
  if (!label || !*label) return;
  const dm_node *first = dm_node_first_child(n);
  dm_node_type ft = first ? dm_node_type_of(first) : DM_NODE_NONE;
  if (role == DM_ROLE_PARAGRAPH || role == DM_ROLE_POINT) {
    /* The number goes inside the first paragraph, so that copying the text
     * copies "1. Text" as printed; CSS hangs it in the margin. */
    h->num = label;
    h->num_class = "num";
    if (ft == DM_NODE_PARAGRAPH)
      h->num_for = first;
    else
      html_num(h);
  } else if (ft != DM_NODE_HEADING) {
    /* A section or annex with a heading carries its number there already. */
    html_puts(h->out, "<p class=\"label\">");
    html_str(h->out, label);
    html_puts(h->out, "</p>\n");
  }
}

/* A tight list's paragraphs are written without <p>, as cmark does. */
static int html_tight_para(const dm_node *p) {
  const dm_node *item = dm_node_parent(p), *list = item ? dm_node_parent(item) : NULL;
  return item && list && dm_node_type_of(item) == DM_NODE_ITEM && dm_node_list_tight(list);
}

static void html_backrefs(html_w *h) {
  html_note *hn = html_note_of(h->st, h->note);
  if (!hn) {
    h->st->oom = 1;
    return;
  }
  size_t idx = (size_t)(hn - h->st->notes) + 1;
  for (unsigned k = 1; k <= hn->nrefs; k++) {
    if (k == 1)
      html_printf(h->out, " <a href=\"#fnref-%zu\" class=\"backref\" role=\"doc-backlink\">\xE2\x86\xA9</a>", idx);
    else
      html_printf(h->out,
                  " <a href=\"#fnref-%zu-%u\" class=\"backref\" role=\"doc-backlink\">\xE2\x86\xA9<sup>%u</sup></a>",
                  idx, k, k);
  }
  h->backrefs_done = 1;
}

/* A reference to note: the note's entry is made at its first reference,
 * later references get ids "fnref-N-2", "fnref-N-3"... so that the note can
 * link back to each of them. */
static void html_noteref(html_w *h, const dm_node *note) {
  html_note *hn = html_note_of(h->st, note);
  if (!hn) {
    h->st->oom = 1;
    return;
  }
  size_t idx = (size_t)(hn - h->st->notes) + 1;
  unsigned k = ++hn->nrefs;
  char id[48];
  if (k == 1)
    snprintf(id, sizeof id, "fnref-%zu", idx);
  else
    snprintf(id, sizeof id, "fnref-%zu-%u", idx, k);
  if (h->link_depth) {
    /* Inside a link another <a> is not allowed: keep the marker and the
     * id for the back link, lose the forward link. */
    html_printf(h->out, "<sup class=\"noteref\" id=\"%s\">", id);
    html_str(h->out, hn->marker);
    html_puts(h->out, "</sup>");
    return;
  }
  html_printf(h->out, "<a href=\"#fn-%zu\" id=\"%s\" class=\"noteref\" role=\"doc-noteref\"><sup>", idx, id);
  html_str(h->out, hn->marker);
  html_puts(h->out, "</sup></a>");
}

static int html_cjk_edge(const dm_node *text, int last) {
  if (!text || dm_node_type_of(text) != DM_NODE_TEXT) return 0;
  const unsigned char *s = (const unsigned char *)dm_node_literal(text);
  size_t len = dm_node_literal_len(text);
  uint32_t cp = 0;
  if (!len) return 0;
  if (last)
    cp = dm_utf8_last(s, len);
  else if (dm_utf8_decode(s, len, &cp) < 0)
    return 0;
  return dm_unicode_is_cjk(cp);
}

static void html_raw(html_w *h, const dm_node *n) {
  const char *fmt = dm_node_label(n);
  if (fmt && strcmp(fmt, "html") == 0 && h->raw_html) {
    dm_xml_raw(h->out, dm_node_literal(n), dm_node_literal_len(n));
    return;
  }
  /* Raw HTML could break the page or carry script: it passes only when
   * asked for. */
  if (dm_warn(h->ctx, DM_DIAG_RAW_DROPPED, dm_node_pos(n), "raw %s content dropped%s", fmt ? fmt : "(unnamed)",
              fmt && strcmp(fmt, "html") == 0 ? " (set html.raw-html=true to keep it)" : "") != DM_OK)
    h->st->oom = 1;
}

static void html_enter(html_w *h, dm_iter *it, dm_node *n) {
  dm_xml *out = h->out;
  switch (dm_node_type_of(n)) {
  case DM_NODE_PARAGRAPH:
    if (!html_tight_para(n)) html_puts(out, "<p>");
    if (h->num_for == n) html_num(h);
    break;
  case DM_NODE_HEADING: html_printf(out, "<h%d>", dm_node_heading_level(n)); break;
  case DM_NODE_BLOCK_QUOTE: html_puts(out, "<blockquote>\n"); break;
  case DM_NODE_LIST:
    if (!dm_node_list_ordered(n))
      html_puts(out, "<ul>\n");
    else if (dm_node_list_start(n) != 1)
      html_printf(out, "<ol start=\"%ld\">\n", dm_node_list_start(n));
    else
      html_puts(out, "<ol>\n");
    break;
  case DM_NODE_ITEM: html_puts(out, "<li>"); break;
  case DM_NODE_CODE_BLOCK: {
    const char *info = dm_node_label(n);
    char lang[64];
    size_t k = 0;
    /* The first word of the info string names the language, by the
     * convention highlighters look for ("language-c"). */
    for (; info && info[k] && info[k] != ' ' && k + 1 < sizeof lang; k++)
      lang[k] = info[k];
    lang[k] = '\0';
    html_puts(out, "<pre><code");
    if (html_name_ok(lang)) html_printf(out, " class=\"language-%s\"", lang);
    html_putc(out, '>');
    html_text(out, dm_node_literal(n), dm_node_literal_len(n));
    html_puts(out, "</code></pre>\n");
    break;
  }
  case DM_NODE_RAW_BLOCK:
  case DM_NODE_RAW_INLINE: html_raw(h, n); break;
  case DM_NODE_THEMATIC_BREAK: html_puts(out, "<hr />\n"); break;
  case DM_NODE_PAGE_BREAK: html_puts(out, "<div class=\"page-break\"></div>\n"); break;
  case DM_NODE_TABLE: html_puts(out, "<table>\n"); break;
  case DM_NODE_TABLE_ROW: {
    /* Runs of header rows go into <thead>, the others into <tbody>. */
    const dm_node *prev = dm_node_prev(n);
    int head = dm_node_row_is_header(n);
    if (!prev || dm_node_row_is_header(prev) != head) html_puts(out, head ? "<thead>\n" : "<tbody>\n");
    html_puts(out, "<tr>");
    break;
  }
  case DM_NODE_TABLE_CELL: {
    const dm_node *row = dm_node_parent(n);
    static const char *const align[] = {NULL, "left", "center", "right"};
    dm_align a = dm_node_cell_align(n);
    html_puts(out, row && dm_node_row_is_header(row) ? "<th" : "<td");
    if (a > DM_ALIGN_NONE && a <= DM_ALIGN_RIGHT) html_printf(out, " style=\"text-align: %s\"", align[a]);
    html_putc(out, '>');
    break;
  }
  case DM_NODE_DIV: html_div_open(h, n); break;
  case DM_NODE_TEXT: html_text(out, dm_node_literal(n), dm_node_literal_len(n)); break;
  case DM_NODE_SOFTBREAK:
    /* Between two CJK characters a wrapped line joins without a space;
     * a newline would show as one. */
    if (!(html_cjk_edge(dm_node_prev(n), 1) && html_cjk_edge(dm_node_next(n), 0))) html_putc(out, '\n');
    break;
  case DM_NODE_LINEBREAK: html_puts(out, "<br />\n"); break;
  case DM_NODE_EMPH: html_puts(out, "<em>"); break;
  case DM_NODE_STRONG: html_puts(out, "<strong>"); break;
  case DM_NODE_STRIKE: html_puts(out, "<del>"); break;
  case DM_NODE_UNDERLINE: html_puts(out, "<u>"); break;
  case DM_NODE_SUPERSCRIPT: html_puts(out, "<sup>"); break;
  case DM_NODE_SUBSCRIPT: html_puts(out, "<sub>"); break;
  case DM_NODE_CODE:
    html_puts(out, "<code>");
    html_text(out, dm_node_literal(n), dm_node_literal_len(n));
    html_puts(out, "</code>");
    break;
  case DM_NODE_LINK:
    if (h->link_depth++ || !html_url_safe(dm_node_url(n))) {
      html_puts(out, "<span class=\"link\">");
      break;
    }
    html_puts(out, "<a");
    html_attr(out, "href", dm_node_url(n));
    if (*dm_node_title(n)) html_attr(out, "title", dm_node_title(n));
    html_putc(out, '>');
    break;
  case DM_NODE_IMAGE: {
    /* The children are the alternative text: written as alt, not again. */
    const char *alt = dm_node_text_content(n);
    if (!alt) h->st->oom = 1;
    html_puts(out, "<img");
    html_attr(out, "src", html_url_safe(dm_node_url(n)) ? dm_node_url(n) : "");
    html_attr(out, "alt", alt ? alt : "");
    if (*dm_node_title(n)) html_attr(out, "title", dm_node_title(n));
    html_puts(out, " />");
    dm_iter_reset(it, n, DM_EVENT_EXIT);
    break;
  }
  case DM_NODE_SPAN: {
    const char *cls = dm_node_class(n);
    html_puts(out, "<span");
    if (cls) html_attr(out, "class", cls);
    html_node_attrs(h, n);
    html_putc(out, '>');
    break;
  }
  case DM_NODE_NOTE:
    /* The note's text goes to the list at the end; here only its mark. */
    html_noteref(h, n);
    dm_iter_reset(it, n, DM_EVENT_EXIT);
    break;
  case DM_NODE_NOTE_REF:
    if (dm_node_note_target(n)) html_noteref(h, dm_node_note_target(n));
    break;
  default: break;
  }
}

static void html_exit(html_w *h, dm_node *n) {
  dm_xml *out = h->out;
  switch (dm_node_type_of(n)) {
  case DM_NODE_PARAGRAPH:
    /* The back links end the last paragraph of a note. */
    if (h->note && dm_node_parent(n) == h->note && !dm_node_next(n)) html_backrefs(h);
    if (!html_tight_para(n)) html_puts(out, "</p>\n");
    break;
  case DM_NODE_HEADING: html_printf(out, "</h%d>\n", dm_node_heading_level(n)); break;
  case DM_NODE_BLOCK_QUOTE: html_puts(out, "</blockquote>\n"); break;
  case DM_NODE_LIST: html_puts(out, dm_node_list_ordered(n) ? "</ol>\n" : "</ul>\n"); break;
  case DM_NODE_ITEM: html_puts(out, "</li>\n"); break;
  case DM_NODE_TABLE: html_puts(out, "</table>\n"); break;
  case DM_NODE_TABLE_ROW: {
    const dm_node *next = dm_node_next(n);
    int head = dm_node_row_is_header(n);
    html_puts(out, "</tr>\n");
    if (!next || dm_node_row_is_header(next) != head) html_puts(out, head ? "</thead>\n" : "</tbody>\n");
    break;
  }
  case DM_NODE_TABLE_CELL: {
    const dm_node *row = dm_node_parent(n);
    html_puts(out, row && dm_node_row_is_header(row) ? "</th>" : "</td>");
    break;
  }
  case DM_NODE_DIV: html_puts(out, "</div>\n"); break;
  case DM_NODE_EMPH: html_puts(out, "</em>"); break;
  case DM_NODE_STRONG: html_puts(out, "</strong>"); break;
  case DM_NODE_STRIKE: html_puts(out, "</del>"); break;
  case DM_NODE_UNDERLINE: html_puts(out, "</u>"); break;
  case DM_NODE_SUPERSCRIPT: html_puts(out, "</sup>"); break;
  case DM_NODE_SUBSCRIPT: html_puts(out, "</sub>"); break;
  case DM_NODE_LINK: html_puts(out, --h->link_depth || !html_url_safe(dm_node_url(n)) ? "</span>" : "</a>"); break;
  case DM_NODE_SPAN: html_puts(out, "</span>"); break;
  default: break;
  }
}

/* Writes the children of root (not root itself) with the ENTER/EXIT
 * iterator, which keeps the C stack flat however deep the tree. */
static int html_children(html_w *h, const dm_node *root) {
  dm_iter *it = dm_iter_new((dm_node *)root);
  if (!it) return DM_ENOMEM;
  dm_event ev;
  while ((ev = dm_iter_next(it)) != DM_EVENT_DONE && !h->st->oom) {
    dm_node *n = dm_iter_node(it);
    if (n == root) continue;
    if (ev == DM_EVENT_ENTER)
      html_enter(h, it, n);
    else
      html_exit(h, n);
  }
  dm_iter_free(it);
  return h->st->oom ? DM_ENOMEM : DM_OK;
}

/* The notes in order of first reference, each under its source marker.
 * The loop reads nnotes afresh: a note inside a note is appended while
 * the outer one is written. */
static int html_footnotes(html_w *h) {
  if (!h->st->nnotes) return DM_OK;
  html_puts(h->out, "<div class=\"footnotes\" role=\"doc-endnotes\">\n<hr />\n<ol>\n");
  for (size_t i = 0; i < h->st->nnotes; i++) {
    const dm_node *note = h->st->notes[i].note;
    html_printf(h->out, "<li id=\"fn-%zu\" role=\"doc-endnote\">", i + 1);
    h->note = note;
    h->backrefs_done = 0;
    h->num = h->st->notes[i].marker;
    h->num_class = "marker";
    const dm_node *first = dm_node_first_child(note);
    if (first && dm_node_type_of(first) == DM_NODE_PARAGRAPH)
      h->num_for = first;
    else
      html_num(h);
    int rc = html_children(h, note);
    if (rc != DM_OK) return rc;
    if (!h->backrefs_done) html_backrefs(h);
    html_puts(h->out, "</li>\n");
  }
  h->note = NULL;
  html_puts(h->out, "</ol>\n</div>\n");
  return h->st->oom ? DM_ENOMEM : DM_OK;
}

static int html_write(dm_ctx *ctx, void *priv, const dm_doc *doc, dm_sink *sink) {
  dm_xml *out = dm_xml_new(ctx, sink);
  if (!out) return dm_error(ctx, DM_ENOMEM, "out of memory");
  html_w h = {.ctx = ctx, .st = priv, .out = out, .raw_html = dm_option_bool(ctx, "raw-html")};
  const dm_node *root = dm_doc_root(doc);
  const char *lang = dm_doc_meta(doc, DM_META_LANGUAGE);
  const char *title = dm_doc_meta(doc, DM_META_TITLE);
  const char *type = dm_doc_meta(doc, DM_META_DOC_TYPE);
  if (lang && !html_lang_ok(lang)) lang = NULL;

  html_puts(out, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"");
  if (lang) {
    html_attr(out, "lang", lang);
    html_attr(out, "xml:lang", lang);
  }
  html_printf(out, " dir=\"%s\">\n<head>\n<meta charset=\"utf-8\" />\n", lang && dm_lang_is_rtl(lang) ? "rtl" : "ltr");
  html_puts(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
  html_puts(out, "<meta name=\"generator\" content=\"docmill html writer\" />\n");
  /* Every metadata key, so that a page can be indexed by symbol or date. */
  for (size_t i = 0; i < dm_doc_meta_count(doc); i++) {
    html_puts(out, "<meta");
    html_attr(out, "name", dm_doc_meta_key(doc, i));
    html_attr(out, "content", dm_doc_meta_value(doc, i));
    html_puts(out, " />\n");
  }
  html_puts(out, "<title>");
  if (title && *title)
    html_str(out, title);
  else if (dm_ctx_input_name(ctx))
    html_str(out, dm_ctx_input_name(ctx));
  else
    html_puts(out, "Document");
  html_puts(out, "</title>\n<style>\n");
  html_puts(out, html_css);
  html_puts(out, "</style>\n</head>\n<body>\n<div class=\"document");
  if (type && html_name_ok(type)) {
    html_putc(out, ' ');
    html_puts(out, type);
  }
  html_puts(out, "\" role=\"main\">\n");

  /* A title the body does not show already opens the page. */
  const dm_node *first = dm_node_first_child(root);
  if (title && *title &&
      !(first && (dm_node_type_of(first) == DM_NODE_HEADING ||
                  (dm_node_type_of(first) == DM_NODE_DIV && dm_node_role(first) == DM_ROLE_PREFACE)))) {
    html_puts(out, "<h1 class=\"title\">");
    html_str(out, title);
    html_puts(out, "</h1>\n");
  }
  int rc = html_children(&h, root);
  if (rc == DM_OK) rc = html_footnotes(&h);
  if (rc != DM_OK) {
    dm_xml_free(out);
    return dm_error(ctx, rc, "out of memory");
  }
  html_puts(out, "</div>\n</body>\n</html>\n");
  /* hands the rest to the sink and gives the character warning, if any */
  rc = dm_xml_finish(out);
  dm_xml_free(out);
  return rc;
}

/* ---- the descriptor ----------------------------------------------------- */

static const char *const html_extensions[] = {"html", "htm", NULL};
static const char *const html_mime_types[] = {"text/html", "application/xhtml+xml", NULL};

static const dm_option_decl html_options[] = {
    {"raw-html", DM_OPT_BOOL, "false", "copy raw HTML from the input into the page (trusted input only)"},
    {NULL, 0, NULL, NULL},
};

static const dm_writer html_writer = {
    .abi_version = DM_PLUGIN_ABI_VERSION,
    .name = "html",
    .description = "standalone HTML5 page: resolution structure, footnotes linked both ways",
    .extensions = html_extensions,
    .mime_types = html_mime_types,
    .options = html_options,
    .priv_size = sizeof(html_state),
    .write = html_write,
    .cleanup = html_cleanup,
};

static const dm_writer *const html_writers[] = {&html_writer, NULL};

DM_PLUGIN_DEFINE(html, NULL, html_writers, NULL);
