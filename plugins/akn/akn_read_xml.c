/* SPDX-License-Identifier: MIT */
/*
 * The XML side of the Akoma Ntoso reader: libxml2's push parser with SAX2
 * callbacks that feed akn_read_elems.c, the stack of open elements, and the
 * handling of text and whitespace. Safety lives here. The parser runs with
 * XML_PARSE_NONET and without NOENT, DTDLOAD or HUGE; a DOCTYPE naming an
 * external DTD and any entity declaration are refused from the SAX hooks
 * before anything could be loaded or expanded, so neither file:///etc/passwd
 * nor a billion laughs gets past the prolog. Parser errors come from the
 * parser context (xmlCtxtGetLastError) with line and column; nothing is
 * printed, because every message goes through the context's structured
 * error hook. Whitespace follows how AKN is written: indentation between
 * elements is not content; inside a p, a whitespace run that holds a line
 * break becomes a SOFTBREAK and others are kept as they are; leading and
 * trailing whitespace of a block is dropped.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parserInternals.h>

#include "akn_libxml.h"
#include "akn_read.h"

/* Bytes handed to the push parser at a time: small enough that libxml2's
 * own buffer stays small, large enough to be fast. */
#define AKN_CHUNK ((size_t)256 * 1024)

static xmlParserCtxtPtr akn_pctx(const akn_reader *rd) { return (xmlParserCtxtPtr)rd->pctx; }

dm_pos akn_read_pos(const akn_reader *rd) {
  xmlParserCtxtPtr p = akn_pctx(rd);
  if (!p || !p->input) return dm_pos_offset(DM_NO_OFFSET);
  int line = akn_xml.SAX2GetLineNumber(p), col = akn_xml.SAX2GetColumnNumber(p);
  return dm_pos_line(line > 0 ? (uint32_t)line : 0, col > 0 ? (uint32_t)col : 0);
}

int akn_read_fail(akn_reader *rd, int status, const char *fmt, ...) {
  if (rd->status) return rd->status;
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (rd->part)
    rd->status = dm_error_at(rd->ctx, status, akn_read_pos(rd), "%s: %s", rd->part, msg);
  else
    rd->status = dm_error_at(rd->ctx, status, akn_read_pos(rd), "%s", msg);
  if (rd->pctx) akn_xml.StopParser(akn_pctx(rd));
  return rd->status;
}

/* ---- the stack ---------------------------------------------------------- */

int akn_read_push(akn_reader *rd, akn_mode mode, dm_node *node) {
  if (rd->depth >= rd->limits.max_depth)
    return akn_read_fail(rd, DM_ELIMIT, "elements nested deeper than the limit of %u", (unsigned)rd->limits.max_depth);
  if (rd->depth == rd->cap) {
    size_t cap = rd->cap ? rd->cap * 2 : 64;
    akn_frame *s = realloc(rd->stack, cap * sizeof *s);
    if (!s) return akn_read_fail(rd, DM_ENOMEM, "out of memory");
    rd->stack = s;
    rd->cap = cap;
  }
  akn_frame *f = &rd->stack[rd->depth++];
  memset(f, 0, sizeof *f);
  f->mode = mode;
  f->node = node;
  return DM_OK;
}

int akn_read_collect(akn_reader *rd, const char *s, size_t len) {
  if (dm_buf_append(&rd->collect, s, len) != DM_OK) return akn_read_fail(rd, DM_ENOMEM, "out of memory");
  return DM_OK;
}

/* ---- targets ------------------------------------------------------------ */

static int akn_is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* The last inline leaf of a container, descending into inline containers;
 * notes are opaque (their content is blocks). */
static dm_node *akn_last_leaf(dm_node *n) {
  dm_node *c = dm_node_last_child(n);
  while (c) {
    dm_node_type t = dm_node_type_of(c);
    if (t == DM_NODE_NOTE || t == DM_NODE_IMAGE || dm_node_type_is_leaf(t)) return c;
    dm_node *last = dm_node_last_child(c);
    if (!last) return c;
    c = last;
  }
  return NULL;
}

void akn_read_trim_trailing(dm_node *container) {
  for (;;) {
    dm_node *c = akn_last_leaf(container);
    if (!c || c == container) return;
    dm_node_type t = dm_node_type_of(c);
    if (t == DM_NODE_SOFTBREAK || t == DM_NODE_LINEBREAK) {
      dm_node_unlink(c);
      continue;
    }
    if (t == DM_NODE_TEXT) {
      const char *s = dm_node_literal(c);
      size_t len = dm_node_literal_len(c), n = len;
      while (n && akn_is_ws(s[n - 1]))
        n--;
      if (n == 0) {
        dm_node_unlink(c);
        continue;
      }
      if (n < len) dm_node_set_literal(c, s, n);
      return;
    }
    /* An empty inline container (an empty <b/>) stays: it is markup the
     * source had, and removing it would not make text trailing. */
    return;
  }
}

/* Closes the implicit paragraph (or row/cell/item) open in frame f. */
static void akn_close_implicit(akn_frame *f) {
  if (f->implicit && dm_node_type_of(f->implicit) == DM_NODE_PARAGRAPH) akn_read_trim_trailing(f->implicit);
  f->implicit = NULL;
}

dm_node *akn_read_new(akn_reader *rd, dm_node_type t) {
  dm_node *n = dm_node_new(rd->doc, t);
  if (!n) akn_read_fail(rd, DM_ENOMEM, "out of memory");
  return n;
}

int akn_read_append(akn_reader *rd, dm_node *parent, dm_node *child) {
  if (dm_node_append_child(parent, child) != DM_OK)
    return akn_read_fail(rd, DM_EINTERNAL, "cannot place a %s in a %s", dm_node_type_name(dm_node_type_of(child)),
                         dm_node_type_name(dm_node_type_of(parent)));
  return DM_OK;
}

/* In a table, list or row, content needs the wrapper the model requires;
 * wrappers are implicit and shared by consecutive content. */
static dm_node *akn_wrap_for(akn_reader *rd, akn_frame *f, dm_node *node, dm_node_type want) {
  dm_node_type t = dm_node_type_of(node);
  dm_node_type wrap;
  if (t == DM_NODE_TABLE)
    wrap = DM_NODE_TABLE_ROW;
  else if (t == DM_NODE_TABLE_ROW)
    wrap = DM_NODE_TABLE_CELL;
  else if (t == DM_NODE_LIST)
    wrap = DM_NODE_ITEM;
  else
    return NULL;
  if (wrap == want) return node;
  dm_node *w = NULL;
  if (f->implicit && dm_node_parent(f->implicit) == node && dm_node_type_of(f->implicit) == wrap) {
    w = f->implicit;
  } else {
    w = akn_read_new(rd, wrap);
    if (!w || akn_read_append(rd, node, w) != DM_OK) return NULL;
    f->implicit = w;
  }
  if (wrap == DM_NODE_TABLE_ROW) {
    /* A row holds cells: one implicit cell inside the implicit row. */
    dm_node *cell = dm_node_last_child(w);
    if (!cell) {
      cell = akn_read_new(rd, DM_NODE_TABLE_CELL);
      if (!cell || akn_read_append(rd, w, cell) != DM_OK) return NULL;
    }
    return want == DM_NODE_TABLE_CELL ? w : cell;
  }
  return w;
}

dm_node *akn_read_block_target(akn_reader *rd, dm_node_type type) {
  akn_frame *f = akn_read_top(rd);
  if (!f || rd->status) return NULL;
  if (f->mode != AKN_M_BLOCK || !f->node) return NULL;
  dm_node *node = f->node;
  if (dm_node_can_contain(node, type)) {
    akn_close_implicit(f);
    return node;
  }
  dm_node_type t = dm_node_type_of(node);
  if (t == DM_NODE_TABLE || t == DM_NODE_TABLE_ROW || t == DM_NODE_LIST) {
    if (f->implicit && dm_node_type_of(f->implicit) == DM_NODE_PARAGRAPH) akn_close_implicit(f);
    dm_node *w = akn_wrap_for(rd, f, node, type);
    if (w && dm_node_type_of(w) == DM_NODE_TABLE_ROW && type != DM_NODE_TABLE_CELL) w = dm_node_last_child(w);
    return w && dm_node_can_contain(w, type) ? w : NULL;
  }
  return NULL;
}

dm_node *akn_read_inline_target(akn_reader *rd) {
  akn_frame *f = akn_read_top(rd);
  if (!f || rd->status || !f->node) return NULL;
  if (f->mode == AKN_M_INLINE) return f->node;
  if (f->mode != AKN_M_BLOCK) return NULL;
  if (f->implicit && dm_node_type_of(f->implicit) == DM_NODE_PARAGRAPH) return f->implicit;
  dm_node *holder = akn_read_block_target(rd, DM_NODE_PARAGRAPH);
  if (!holder) return NULL;
  dm_node *p = akn_read_new(rd, DM_NODE_PARAGRAPH);
  if (!p || akn_read_append(rd, holder, p) != DM_OK) return NULL;
  dm_node_set_pos(p, akn_read_pos(rd));
  f->implicit = p;
  rd->inline_empty = 1;
  return p;
}

/* ---- text --------------------------------------------------------------- */

static int akn_emit_text(akn_reader *rd, dm_node *target, const char *s, size_t n) {
  if (!n) return DM_OK;
  dm_node *last = dm_node_last_child(target);
  if (last && dm_node_type_of(last) == DM_NODE_TEXT) {
    if (dm_node_append_literal(last, s, n) != DM_OK) return akn_read_fail(rd, DM_ENOMEM, "out of memory");
    return DM_OK;
  }
  dm_node *t = dm_node_new_text(rd->doc, s, n);
  if (!t) return akn_read_fail(rd, DM_ENOMEM, "out of memory");
  return akn_read_append(rd, target, t);
}

int akn_read_flush_text(akn_reader *rd) {
  if (rd->status || !rd->text.len) {
    rd->text.len = 0;
    return rd->status;
  }
  const char *s = rd->text.data;
  size_t len = rd->text.len, i = 0;
  akn_frame *f = akn_read_top(rd);
  int all_ws = 1;
  for (size_t k = 0; k < len; k++)
    if (!akn_is_ws(s[k])) {
      all_ws = 0;
      break;
    }
  /* Indentation between blocks is not content. */
  if (all_ws && (!f || f->mode != AKN_M_INLINE) &&
      !(f && f->implicit && dm_node_type_of(f->implicit) == DM_NODE_PARAGRAPH)) {
    rd->text.len = 0;
    return DM_OK;
  }
  dm_node *target = akn_read_inline_target(rd);
  if (!target) {
    rd->text.len = 0;
    if (rd->status) return rd->status;
    if (!all_ws) {
      /* Text where the model cannot hold it (between table rows): kept
       * in a paragraph is impossible here, so it is reported. */
      dm_warn(rd->ctx, DM_DIAG_STRUCTURE, akn_read_pos(rd), "text outside any paragraph or cell dropped");
    }
    return DM_OK;
  }
  /* Runs of text without a line break become one TEXT node each (one
   * allocation of the exact size); a whitespace run holding a line break
   * becomes a SOFTBREAK. */
  while (i < len && !rd->status) {
    if (rd->inline_empty) {
      while (i < len && akn_is_ws(s[i]))
        i++;
      if (i == len) break;
    }
    /* The first whitespace run holding a line break is the one around the
     * first '\n': found with memchr rather than byte by byte. */
    size_t seg_end = len, next = len;
    const char *nl = memchr(s + i, '\n', len - i);
    if (nl) {
      size_t k = (size_t)(nl - s), b = k, e = k;
      while (b > i && akn_is_ws(s[b - 1]))
        b--;
      while (e < len && akn_is_ws(s[e]))
        e++;
      seg_end = b;
      next = e;
    }
    if (seg_end > i) {
      akn_emit_text(rd, target, s + i, seg_end - i);
      rd->inline_empty = 0;
    }
    if (next > seg_end && !rd->inline_empty) {
      dm_node *b = akn_read_new(rd, DM_NODE_SOFTBREAK);
      if (b) akn_read_append(rd, target, b);
    }
    i = next;
  }
  rd->text.len = 0;
  return rd->status;
}

/* ---- SAX callbacks ------------------------------------------------------ */

/* After the DOCTYPE, so that an entity or <!ATTLIST> in it is refused with
 * its own message first. */
static int akn_refuse_subset(akn_reader *rd, const xmlChar *root) {
  return akn_read_fail(rd, DM_EFORMAT,
                       "refused: the DOCTYPE of <%s> has an internal subset; AKN declares nothing there, and "
                       "the default attributes it may declare are copied into every element",
                       root ? (const char *)root : "?");
}

static void akn_sax_start(void *user, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                          int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
                          const xmlChar **attributes) {
  (void)prefix;
  (void)nb_defaulted;
  akn_reader *rd = user;
  if (rd->status) return;
  if (rd->subset && !rd->seen_root && akn_refuse_subset(rd, localname) != DM_OK) return;
  if (!rd->seen_root)
    for (int i = 0; i < nb_namespaces; i++)
      if (namespaces[2 * i + 1] && strcmp((const char *)namespaces[2 * i + 1], AKN_DOCMILL_NS) == 0) rd->docmill = 1;
  akn_frame *f = akn_read_top(rd);
  if (rd->raw_depth)
    akn_raw_open(rd, (const char *)localname, (const char *)prefix, (const char *)uri, nb_attributes, attributes);
  if (f && f->mode == AKN_M_SKIP) {
    akn_read_push(rd, AKN_M_SKIP, NULL);
    return;
  }
  if (akn_read_flush_text(rd) != DM_OK) return;
  akn_attrs a = {attributes, nb_attributes};
  akn_elem_start(rd, (const char *)localname, (const char *)uri, &a);
  if (rd->raw_begin && !rd->status) {
    rd->raw_begin = 0;
    rd->raw_depth = rd->depth;
    rd->raw_len = 0;
    akn_raw_open(rd, (const char *)localname, (const char *)prefix, (const char *)uri, nb_attributes, attributes);
  }
}

static void akn_sax_end(void *user, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri) {
  akn_reader *rd = user;
  if (rd->status || !rd->depth) return;
  if (rd->raw_depth) {
    akn_raw_close(rd, (const char *)localname, (const char *)prefix, (const char *)uri);
    if (rd->depth == rd->raw_depth && akn_raw_finish(rd, (const char *)localname) != DM_OK) return;
  }
  akn_frame *f = akn_read_top(rd);
  if (f->mode != AKN_M_SKIP && akn_read_flush_text(rd) != DM_OK) return;
  akn_elem_end(rd);
}

static void akn_sax_chars(void *user, const xmlChar *ch, int len) {
  akn_reader *rd = user;
  if (rd->status || !rd->depth || len <= 0) return;
  akn_frame *f = akn_read_top(rd);
  if (rd->raw_depth) akn_raw_text(rd, (const char *)ch, (size_t)len);
  switch (f->mode) {
  case AKN_M_SKIP:
  case AKN_M_META: return;
  case AKN_M_COLLECT: akn_read_collect(rd, (const char *)ch, (size_t)len); return;
  default:
    if (dm_buf_append(&rd->text, ch, (size_t)len) != DM_OK) akn_read_fail(rd, DM_ENOMEM, "out of memory");
  }
}

static void akn_sax_internal_subset(void *user, const xmlChar *name, const xmlChar *external_id,
                                    const xmlChar *system_id) {
  akn_reader *rd = user;
  if (external_id || system_id) {
    akn_read_fail(rd, DM_EFORMAT,
                  "refused: the DOCTYPE of <%s> references an external DTD (%s%s%s); "
                  "AKN needs none, and loading one could reach the network or local files",
                  name ? (const char *)name : "?", external_id ? "PUBLIC " : "SYSTEM ",
                  external_id ? (const char *)external_id : "", system_id ? (const char *)system_id : "");
    return;
  }
  /* libxml2 calls this with its input at the '[' of an internal subset, if
   * there is one. Whatever the subset declares is refused: an <!ATTLIST>
   * default is copied into every element it names (1 MB of them reached
   * 2 GB), and AKN documents declare nothing. */
  xmlParserCtxtPtr p = akn_pctx(rd);
  if (p && p->input && p->input->cur && *p->input->cur == '[') rd->subset = 1;
}

/* Any declaration of an internal subset (in case libxml2 reaches one
 * without the check above). */
static void akn_sax_attribute_decl(void *user, const xmlChar *elem, const xmlChar *fullname, int type, int def,
                                   const xmlChar *default_value, xmlEnumerationPtr tree) {
  (void)fullname;
  (void)type;
  (void)def;
  (void)default_value;
  akn_reader *rd = user;
  if (tree) akn_xml.FreeEnumeration(tree);
  akn_read_fail(rd, DM_EFORMAT,
                "refused: the DOCTYPE has an internal subset (<!ATTLIST %s>); AKN declares nothing there, and "
                "the default attributes it may declare are copied into every element",
                elem ? (const char *)elem : "?");
}

static void akn_sax_entity_decl(void *user, const xmlChar *name, int type, const xmlChar *public_id,
                                const xmlChar *system_id, xmlChar *content) {
  (void)type;
  (void)public_id;
  (void)content;
  akn_reader *rd = user;
  akn_read_fail(rd, DM_EFORMAT,
                "refused: the DOCTYPE declares the entity '%s'%s; entities can read local files or expand "
                "without bound, and AKN does not use them",
                name ? (const char *)name : "?", system_id ? " pointing outside the document" : "");
}

static void akn_sax_unparsed_entity(void *user, const xmlChar *name, const xmlChar *public_id, const xmlChar *system_id,
                                    const xmlChar *notation) {
  (void)public_id;
  (void)system_id;
  (void)notation;
  akn_sax_entity_decl(user, name, 0, NULL, NULL, NULL);
}

static xmlEntityPtr akn_sax_get_entity(void *user, const xmlChar *name) {
  (void)user;
  /* Only the five predefined entities exist; the parser resolves those
   * before asking, so anything else is undeclared. */
  return akn_xml.GetPredefinedEntity(name);
}

/* Errors reach the context through here, never stderr. Fatal ones are
 * reported after xmlParseChunk from xmlCtxtGetLastError; warnings and
 * recoverable errors (a namespace oddity) become warnings. */
static void akn_sax_serror(void *user, xmlErrorPtr err) {
  akn_reader *rd = user;
  if (!err || rd->status) return;
  if (err->level == XML_ERR_FATAL) {
    if (!rd->xml_error[0]) {
      snprintf(rd->xml_error, sizeof rd->xml_error, "%s", err->message ? err->message : "not well-formed XML");
      rd->xml_error_pos = dm_pos_line(err->line > 0 ? (uint32_t)err->line : 0, err->int2 > 0 ? (uint32_t)err->int2 : 0);
      rd->xml_error_code = err->code;
    }
    return;
  }
  char msg[300];
  snprintf(msg, sizeof msg, "%s", err->message ? err->message : "XML problem");
  size_t n = strlen(msg);
  while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
    msg[--n] = '\0';
  dm_warn(rd->ctx, DM_DIAG_OTHER,
          dm_pos_line(err->line > 0 ? (uint32_t)err->line : 0, err->int2 > 0 ? (uint32_t)err->int2 : 0), "%s%sXML: %s",
          rd->part ? rd->part : "", rd->part ? ": " : "", msg);
}

static int akn_parser_error(akn_reader *rd) {
  if (rd->status) return rd->status;
  xmlParserCtxtPtr p = akn_pctx(rd);
  xmlErrorPtr e = akn_xml.CtxtGetLastError(p);
  char msg[300];
  dm_pos pos;
  int code;
  if (rd->xml_error[0]) {
    snprintf(msg, sizeof msg, "%s", rd->xml_error);
    pos = rd->xml_error_pos;
    code = rd->xml_error_code;
  } else {
    snprintf(msg, sizeof msg, "%s", e && e->message ? e->message : "not well-formed XML");
    pos = e ? dm_pos_line(e->line > 0 ? (uint32_t)e->line : 0, e->int2 > 0 ? (uint32_t)e->int2 : 0) : akn_read_pos(rd);
    code = e ? e->code : 0;
  }
  size_t n = strlen(msg);
  while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
    msg[--n] = '\0';
  /* An error is one line: libxml2 puts details ("Bytes: 0xFF ...") on a
   * line of their own. */
  for (size_t i = 0; i < n; i++)
    if (msg[i] == '\n' || msg[i] == '\r') msg[i] = i + 1 < n && msg[i + 1] == ' ' ? ';' : ' ';
  int st = code == XML_ERR_NO_MEMORY ? DM_ENOMEM : DM_EFORMAT;
  if (code == XML_ERR_DOCUMENT_END && rd->depth > 1) {
    /* libxml2's push parser words a cut-off document as extra content. */
    snprintf(msg, sizeof msg, "the document ends with %zu element%s still open (truncated?)", rd->depth - 1,
             rd->depth == 2 ? "" : "s");
  }
  if (rd->part)
    rd->status = dm_error_at(rd->ctx, st, pos, "%s: not well-formed XML: %s", rd->part, msg);
  else
    rd->status = dm_error_at(rd->ctx, st, pos, "not well-formed XML: %s", msg);
  return rd->status;
}

/* Attributes of one element: libxml2 2.9 checks each new attribute against
 * all the earlier ones, so that 10^5 on one element took 4 s and 2 x 10^5
 * 25 s. An AKN element has a dozen at most. */
#define AKN_MAX_ATTRIBUTES 1000

/* Skips from i past the first occurrence of end. */
static size_t akn_skip_past(const unsigned char *d, size_t i, size_t size, const char *end) {
  size_t n = strlen(end);
  while (i < size) {
    const unsigned char *c = memchr(d + i, end[0], size - i);
    if (!c) return size;
    i = (size_t)(c - d);
    if (size - i >= n && memcmp(d + i, end, n) == 0) return i + n;
    i++;
  }
  return size;
}

/* The line of byte offset at, counted only when an error needs it. */
static uint32_t akn_line_at(const unsigned char *d, size_t at) {
  uint32_t line = 1;
  for (const unsigned char *p = d, *e = d + at; (p = memchr(p, '\n', (size_t)(e - p))) != NULL; p++)
    line++;
  return line;
}

/* Counts the attributes of each start tag (each '=' outside a quoted value)
 * before libxml2 sees the bytes: its own count would come too late. Text
 * between tags is skipped with memchr, which keeps this pass a small part
 * of the parse. */
static int akn_check_attributes(akn_reader *rd, const unsigned char *d, size_t size) {
  for (size_t i = 0; i < size;) {
    const unsigned char *lt = memchr(d + i, '<', size - i);
    if (!lt) break;
    i = (size_t)(lt - d);
    if (size - i >= 4 && memcmp(d + i, "<!--", 4) == 0) {
      i = akn_skip_past(d, i + 4, size, "-->");
      continue;
    }
    if (size - i >= 9 && memcmp(d + i, "<![CDATA[", 9) == 0) {
      i = akn_skip_past(d, i + 9, size, "]]>");
      continue;
    }
    if (size - i >= 2 && (d[i + 1] == '?' || d[i + 1] == '!')) {
      i += 2;
      continue;
    }
    size_t attrs = 0, start = i;
    unsigned char quote = 0;
    for (i++; i < size && (quote || d[i] != '>'); i++) {
      if (quote) {
        if (d[i] == quote) quote = 0;
      } else if (d[i] == '"' || d[i] == '\'') {
        quote = d[i];
      } else if (d[i] == '=' && ++attrs > AKN_MAX_ATTRIBUTES) {
        return rd->status = dm_error_at(rd->ctx, DM_ELIMIT, dm_pos_line(akn_line_at(d, start), 0),
                                        "%s%srefused: an element with more than %d attributes (the limit)",
                                        rd->part ? rd->part : "", rd->part ? ": " : "", AKN_MAX_ATTRIBUTES);
      }
    }
  }
  return DM_OK;
}

int akn_read_xml(akn_reader *rd, const unsigned char *data, size_t size, dm_node *parent) {
  if (akn_check_attributes(rd, data, size) != DM_OK) return rd->status;
  xmlSAXHandler sax;
  memset(&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = akn_sax_start;
  sax.endElementNs = akn_sax_end;
  sax.characters = akn_sax_chars;
  sax.cdataBlock = akn_sax_chars;
  sax.internalSubset = akn_sax_internal_subset;
  sax.attributeDecl = akn_sax_attribute_decl;
  sax.entityDecl = akn_sax_entity_decl;
  sax.unparsedEntityDecl = akn_sax_unparsed_entity;
  sax.getEntity = akn_sax_get_entity;
  sax.getParameterEntity = akn_sax_get_entity;
  sax.serror = akn_sax_serror;

  /* Everything learnt from one file's root and document element starts
   * afresh with the next: an annex of a resolution is not a resolution,
   * and one written by another tool follows none of docmill's marks. */
  rd->seen_root = 0;
  rd->resolution = 0;
  rd->docmill = 0;
  rd->hlevel = 0;
  rd->ns = NULL;
  rd->doc_elements = 0;
  rd->sections_open = 0;
  rd->in_frbr = 0;
  rd->unknown_warned = 0;
  rd->dup_warned = 0;
  rd->eid_pending = 0;
  rd->subset = 0;
  free(rd->eids);
  rd->eids = NULL;
  rd->eids_cap = rd->eids_count = 0;
  rd->depth = 0;
  rd->text.len = 0;
  rd->inline_empty = 1;
  rd->xml_error[0] = '\0';
  rd->raw_begin = 0;
  rd->raw_depth = 0;
  rd->raw_tag_open = 0;
  memset(rd->kinds, 0, sizeof rd->kinds);

  if (akn_read_push(rd, AKN_M_BLOCK, parent) != DM_OK) return rd->status;

  size_t first = size < 4 ? size : 4;
  xmlParserCtxtPtr p = akn_xml.CreatePushParserCtxt(&sax, rd, (const char *)data, (int)first, rd->part);
  if (!p) return akn_read_fail(rd, DM_ENOMEM, "out of memory creating the XML parser");
  rd->pctx = p;
  /* NONET: nothing from the network. No NOENT, DTDLOAD, DTDATTR, DTDVALID
   * or HUGE: no entity substitution, no external subset, libxml2's own
   * limits on depth and text size stay on. */
  akn_xml.CtxtUseOptions(p, XML_PARSE_NONET | XML_PARSE_NOCDATA);
  size_t off = first;
  int rc = 0;
  while (!rd->status && off < size) {
    size_t n = size - off < AKN_CHUNK ? size - off : AKN_CHUNK;
    rc = akn_xml.ParseChunk(p, (const char *)data + off, (int)n, 0);
    off += n;
    /* libxml2 has copied what it needs of the fed bytes: the input's own
     * memory can go, so the peak is the document, not document + input. */
    if (rd->in && data == rd->in->data) dm_input_release(rd->ctx, rd->in, off);
    if (rc && !rd->status) break;
  }
  if (!rd->status && !rc) rc = akn_xml.ParseChunk(p, NULL, 0, 1);
  if (!rd->status && !rc) akn_read_eid_flush(rd);
  if (!rd->status && (rc || !p->wellFormed)) akn_parser_error(rd);
  if (!rd->status && !rd->seen_root) akn_read_fail(rd, DM_EFORMAT, "not an Akoma Ntoso document: no root element");
  /* libxml2 makes a document of its own to hold a DTD's declarations even
   * under SAX; it is the caller's to free. */
  if (p->myDoc) akn_xml.FreeDoc(p->myDoc);
  p->myDoc = NULL;
  akn_xml.FreeParserCtxt(p);
  rd->pctx = NULL;
  rd->depth = 0;
  return rd->status;
}
