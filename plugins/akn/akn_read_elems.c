/* SPDX-License-Identifier: MIT */
/*
 * What each Akoma Ntoso element becomes in the document model. The parts of
 * a resolution (preface, preamble with its formula and recitals, mainBody,
 * conclusions) become the DIV roles the resolution recogniser produces, so
 * that AKN written from a recognised resolution reads back to the same
 * tree; hierarchical units (article, section, chapter, hcontainer, ...) are
 * DIV sections whose class is the element name and whose label is the num;
 * list/point, intro and wrapUp keep their roles; semantic inlines
 * (docNumber, docDate, session, ...) are spans of that class. Wrapper
 * elements that carry no meaning of their own (content, list, recitals)
 * leave no node. Elements the reader does not know keep their text in place
 * and draw a warning naming them. A block element met where only inlines
 * can go (a quotedStructure inside a mod, a p inside a p) is read as inline
 * content after a line break rather than dropped.
 */
#include <stdlib.h>
#include <string.h>

#include "akn_read.h"

typedef enum akn_kind {
  K_UNKNOWN = 0,
  K_ROOT,    /* akomaNtoso */
  K_DOCTYPE, /* act, bill, doc, statement, ... */
  K_META,
  K_PREFACE,
  K_PREAMBLE,
  K_FORMULA,
  K_RECITAL,
  K_MAINBODY, /* mainBody, body, judgmentBody, ... */
  K_CONCLUSIONS,
  K_HIER,        /* article, section, chapter, hcontainer, ...: DIV section */
  K_PARAGRAPH,   /* operative paragraph in a resolution, else a section */
  K_POINT,       /* point, item, indent, alinea */
  K_INTRO,       /* intro, listIntroduction */
  K_WRAPUP,      /* wrapUp, listWrapUp */
  K_DIV,         /* containers without a role: DIV class = name */
  K_COMPONENT,   /* attachment, component, annex */
  K_TRANSPARENT, /* content, list, recitals, attachments, ... */
  K_NUM,
  K_HEADING, /* heading, subheading */
  K_P,       /* p, block, tocItem */
  K_UL,
  K_OL,
  K_LI,
  K_TABLE,
  K_TR,
  K_TH,
  K_TD,
  K_CAPTION,
  K_QUOTE, /* quotedStructure, embeddedStructure */
  K_B,
  K_I,
  K_U,
  K_SUP,
  K_SUB,
  K_DEL,
  K_SPAN,  /* semantic inline: SPAN class = element name */
  K_NAMED, /* inline / span: SPAN class = @name or @class */
  K_LINK,  /* a, ref, rref, mref, dref */
  K_NOTE,  /* authorialNote */
  K_NOTEREF,
  K_BR, /* br, eol */
  K_EOP,
  K_IMG,
  K_SKIP,     /* silently ignored (no text content to lose) */
  K_META_NOTE /* meta/notes/note: set by akn_read_meta.c */
} akn_kind;

typedef struct akn_elem {
  const char *name;
  unsigned char kind;
} akn_elem;

/* Sorted by name (strcmp) for bsearch. */
static const akn_elem akn_elems[] = {
    {"a", K_LINK},
    {"abbr", K_SPAN},
    {"act", K_DOCTYPE},
    {"adjournment", K_DIV},
    {"administrationOfOath", K_DIV},
    {"affectedDocument", K_SPAN},
    {"akomaNtoso", K_ROOT},
    {"alinea", K_POINT},
    {"amendment", K_DOCTYPE},
    {"amendmentBody", K_MAINBODY},
    {"amendmentContent", K_DIV},
    {"amendmentHeading", K_DIV},
    {"amendmentJustification", K_DIV},
    {"amendmentList", K_DOCTYPE},
    {"amendmentReference", K_DIV},
    {"annex", K_COMPONENT},
    {"answer", K_DIV},
    {"argument", K_SPAN},
    {"arguments", K_DIV},
    {"article", K_HIER},
    {"attachment", K_COMPONENT},
    {"attachmentOf", K_SPAN},
    {"attachments", K_TRANSPARENT},
    {"authorialNote", K_NOTE},
    {"b", K_B},
    {"background", K_DIV},
    {"bill", K_DOCTYPE},
    {"block", K_P},
    {"blockContainer", K_DIV},
    {"blockList", K_DIV},
    {"body", K_MAINBODY},
    {"book", K_HIER},
    {"br", K_BR},
    {"caption", K_CAPTION},
    {"change", K_SPAN},
    {"chapter", K_HIER},
    {"citation", K_DIV},
    {"citations", K_TRANSPARENT},
    {"clause", K_HIER},
    {"collectionBody", K_MAINBODY},
    {"communication", K_DIV},
    {"component", K_COMPONENT},
    {"componentRef", K_SKIP},
    {"components", K_TRANSPARENT},
    {"concept", K_SPAN},
    {"conclusions", K_CONCLUSIONS},
    {"container", K_DIV},
    {"content", K_TRANSPARENT},
    {"courtType", K_SPAN},
    {"coverPage", K_DIV},
    {"crossHeading", K_P},
    {"date", K_SPAN},
    {"debate", K_DOCTYPE},
    {"debateBody", K_MAINBODY},
    {"debateReport", K_DOCTYPE},
    {"debateSection", K_HIER},
    {"decision", K_DIV},
    {"declarationOfVote", K_DIV},
    {"decoration", K_SPAN},
    {"def", K_SPAN},
    {"del", K_DEL},
    {"destination", K_SPAN},
    {"div", K_DIV},
    {"division", K_HIER},
    {"doc", K_DOCTYPE},
    {"docAuthority", K_SPAN},
    {"docCommittee", K_SPAN},
    {"docDate", K_SPAN},
    {"docIntroducer", K_SPAN},
    {"docJurisdiction", K_SPAN},
    {"docNumber", K_SPAN},
    {"docProponent", K_SPAN},
    {"docPurpose", K_SPAN},
    {"docStage", K_SPAN},
    {"docStatus", K_SPAN},
    {"docTitle", K_SPAN},
    {"docType", K_SPAN},
    {"docketNumber", K_SPAN},
    {"documentCollection", K_DOCTYPE},
    {"documentRef", K_SKIP},
    {"dref", K_LINK},
    {"embeddedStructure", K_QUOTE},
    {"embeddedText", K_SPAN},
    {"entity", K_SPAN},
    {"eol", K_BR},
    {"eop", K_EOP},
    {"event", K_SPAN},
    {"fillIn", K_SPAN},
    {"formula", K_FORMULA},
    {"from", K_SPAN},
    {"hcontainer", K_HIER},
    {"header", K_DIV},
    {"heading", K_HEADING},
    {"i", K_I},
    {"img", K_IMG},
    {"indent", K_POINT},
    {"inline", K_NAMED},
    {"ins", K_SPAN},
    {"interstitial", K_DIV},
    {"intro", K_INTRO},
    {"introduction", K_DIV},
    {"item", K_POINT},
    {"judge", K_SPAN},
    {"judgment", K_DOCTYPE},
    {"judgmentBody", K_MAINBODY},
    {"lawyer", K_SPAN},
    {"legislature", K_SPAN},
    {"level", K_HIER},
    {"li", K_LI},
    {"list", K_TRANSPARENT},
    {"listIntroduction", K_INTRO},
    {"listWrapUp", K_WRAPUP},
    {"location", K_SPAN},
    {"longTitle", K_DIV},
    {"mainBody", K_MAINBODY},
    {"meta", K_META},
    {"mmod", K_SPAN},
    {"mod", K_SPAN},
    {"motivation", K_DIV},
    {"mref", K_LINK},
    {"narrative", K_DIV},
    {"neutralCitation", K_SPAN},
    {"new", K_SPAN},
    {"noteRef", K_NOTEREF},
    {"num", K_NUM},
    {"object", K_SPAN},
    {"officialGazette", K_DOCTYPE},
    {"ol", K_OL},
    {"old", K_SPAN},
    {"omissis", K_SPAN},
    {"opinion", K_DIV},
    {"organization", K_SPAN},
    {"other", K_DIV},
    {"outcome", K_SPAN},
    {"p", K_P},
    {"paragraph", K_PARAGRAPH},
    {"part", K_HIER},
    {"party", K_SPAN},
    {"person", K_SPAN},
    {"placeholder", K_SPAN},
    {"point", K_POINT},
    {"portion", K_DOCTYPE},
    {"portionBody", K_MAINBODY},
    {"preamble", K_PREAMBLE},
    {"preface", K_PREFACE},
    {"process", K_SPAN},
    {"proviso", K_HIER},
    {"quantity", K_SPAN},
    {"question", K_DIV},
    {"quotedStructure", K_QUOTE},
    {"quotedText", K_SPAN},
    {"recital", K_RECITAL},
    {"recitals", K_TRANSPARENT},
    {"recordedTime", K_SPAN},
    {"ref", K_LINK},
    {"relatedDocument", K_SPAN},
    {"remark", K_SPAN},
    {"remedies", K_DIV},
    {"role", K_SPAN},
    {"rref", K_LINK},
    {"rule", K_HIER},
    {"scene", K_DIV},
    {"section", K_HIER},
    {"session", K_SPAN},
    {"shortTitle", K_SPAN},
    {"signature", K_SPAN},
    {"span", K_NAMED},
    {"speech", K_DIV},
    {"statement", K_DOCTYPE},
    {"sub", K_SUB},
    {"subFlow", K_TRANSPARENT},
    {"subchapter", K_HIER},
    {"subclause", K_HIER},
    {"subdivision", K_HIER},
    {"subheading", K_HEADING},
    {"sublist", K_POINT}, /* a point of class sublist holding points */
    {"subparagraph", K_HIER},
    {"subpart", K_HIER},
    {"subrule", K_HIER},
    {"subsection", K_HIER},
    {"subtitle", K_HIER},
    {"summary", K_DIV},
    {"sup", K_SUP},
    {"table", K_TABLE},
    {"tblock", K_HIER},
    {"td", K_TD},
    {"term", K_SPAN},
    {"th", K_TH},
    {"time", K_SPAN},
    {"title", K_HIER},
    {"toc", K_DIV},
    {"tocItem", K_P},
    {"tome", K_HIER},
    {"tr", K_TR},
    {"transitional", K_HIER},
    {"u", K_U},
    {"ul", K_UL},
    {"vote", K_SPAN},
    {"wrapUp", K_WRAPUP},
};

static int akn_elem_cmp(const void *key, const void *e) {
  return strcmp((const char *)key, ((const akn_elem *)e)->name);
}

static akn_kind akn_lookup(const char *name) {
  const akn_elem *e =
      bsearch(name, akn_elems, sizeof akn_elems / sizeof akn_elems[0], sizeof akn_elems[0], akn_elem_cmp);
  return e ? (akn_kind)e->kind : K_UNKNOWN;
}

/* Whether akn_start_special may read the element otherwise than its kind
 * says (its attributes decide). */
static int akn_is_special(const char *name, akn_kind kind) {
  static const char *const names[] = {"section",   "p",    "hcontainer", "blockContainer", "block", "inline",
                                      "blockList", "item", NULL};
  if (kind == K_INTRO || kind == K_WRAPUP) return 1;
  for (size_t i = 0; names[i]; i++)
    if (strcmp(names[i], name) == 0) return 1;
  return 0;
}

/* The kind of an element and whether it is special, through rd->kinds
 * (the name is libxml2's interned copy, so its address is its identity);
 * a full cache falls back to the sorted table. */
static akn_kind akn_kind_of(akn_reader *rd, const char *name, int *special) {
  size_t mask = AKN_KIND_CACHE - 1, i = ((uintptr_t)name >> 3) & mask;
  for (size_t probes = 0; probes < AKN_KIND_CACHE / 2; probes++, i = (i + 1) & mask) {
    if (rd->kinds[i].name == name) {
      *special = rd->kinds[i].special;
      return (akn_kind)rd->kinds[i].kind;
    }
    if (!rd->kinds[i].name) {
      akn_kind kind = akn_lookup(name);
      rd->kinds[i].name = name;
      rd->kinds[i].kind = (unsigned char)kind;
      rd->kinds[i].special = (unsigned char)(*special = akn_is_special(name, kind));
      return kind;
    }
  }
  akn_kind kind = akn_lookup(name);
  *special = akn_is_special(name, kind);
  return kind;
}

/* An attribute value copied into the arena. Without entity substitution
 * (which the reader never turns on) libxml2's SAX2 hands over each '&' of
 * an attribute value as the five bytes "&#38;", for a tree builder to
 * re-parse; every "&#38;" is therefore one '&' of the value, and a literal
 * "&#38;" in the source arrives as "&#38;#38;". */
static char *akn_attr_value(akn_reader *rd, const unsigned char *b, const unsigned char *e) {
  size_t len = (size_t)(e - b);
  char *s = dm_doc_strndup(rd->doc, (const char *)b, len);
  if (!s) {
    akn_read_fail(rd, DM_ENOMEM, "out of memory");
    return NULL;
  }
  if (!memchr(s, '&', len)) return s;
  char *o = s;
  for (const char *p = s; *p;) {
    if (strncmp(p, "&#38;", 5) == 0)
      *o++ = '&', p += 5;
    else
      *o++ = *p++;
  }
  *o = '\0';
  return s;
}

/* The same value in rd->scratch, for a caller whose setter copies it
 * anyway (dm_node_set_attr): an arena copy would be held to the end for
 * nothing. Lives until the next call. */
static const char *akn_attr_value_tmp(akn_reader *rd, const unsigned char *b, const unsigned char *e) {
  size_t len = (size_t)(e - b);
  if (len + 1 > rd->scratch_cap) {
    size_t cap = rd->scratch_cap ? rd->scratch_cap : 256;
    while (cap < len + 1)
      cap *= 2;
    char *p = realloc(rd->scratch, cap);
    if (!p) {
      akn_read_fail(rd, DM_ENOMEM, "out of memory");
      return NULL;
    }
    rd->scratch = p;
    rd->scratch_cap = cap;
  }
  char *o = rd->scratch;
  for (const unsigned char *p = b; p < e;) {
    if (e - p >= 5 && memcmp(p, "&#38;", 5) == 0)
      *o++ = '&', p += 5;
    else
      *o++ = (char)*p++;
  }
  *o = '\0';
  return rd->scratch;
}

const char *akn_read_attr(akn_reader *rd, const akn_attrs *a, const char *name) {
  int want_xml = strncmp(name, "xml:", 4) == 0;
  const char *local = want_xml ? name + 4 : name;
  for (int i = 0; i < a->n; i++) {
    const unsigned char **v = a->v + 5 * i;
    if (strcmp((const char *)v[0], local) != 0) continue;
    if (want_xml != (v[1] && strcmp((const char *)v[1], "xml") == 0)) continue;
    if (!want_xml && v[2]) continue; /* an attribute of another namespace */
    return akn_attr_value(rd, v[3], v[4]);
  }
  return NULL;
}

const char *akn_read_attr_dm(akn_reader *rd, const akn_attrs *a, const char *name) {
  for (int i = 0; i < a->n; i++) {
    const unsigned char **v = a->v + 5 * i;
    if (!v[2] || strcmp((const char *)v[2], AKN_DOCMILL_NS) != 0 || strcmp((const char *)v[0], name) != 0) continue;
    return akn_attr_value(rd, v[3], v[4]);
  }
  return NULL;
}

/* dm:* attributes that say how to read the element rather than being an
 * attribute of the node. */
static int akn_dm_structural(const char *key) {
  static const char *const keys[] = {"role", "delim", "info", "format", "auto", "node", NULL};
  for (size_t i = 0; keys[i]; i++)
    if (strcmp(keys[i], key) == 0) return 1;
  return 0;
}

/* Copies the node attributes docmill wrote as dma:{key} (and, as it wrote
 * them before, dm:{key} for a key that is not one of its marks), xml:lang
 * as "lang", and the element's own eId and refersTo, onto node: the writer
 * keeps the source's eIds, so that links into the document keep their
 * targets, and its references to the TLCs of meta. */
static int akn_copy_attrs(akn_reader *rd, dm_node *node, const akn_attrs *a) {
  for (int i = 0; a && i < a->n && !rd->status; i++) {
    const unsigned char **v = a->v + 5 * i;
    const char *key = (const char *)v[0];
    int dm = v[2] && strcmp((const char *)v[2], AKN_DOCMILL_NS) == 0 && !akn_dm_structural(key);
    int user = v[2] && strcmp((const char *)v[2], AKN_DOCMILL_ATTR_NS) == 0;
    int lang = v[1] && strcmp((const char *)v[1], "xml") == 0 && strcmp(key, "lang") == 0;
    int own = !v[2] && (strcmp(key, "eId") == 0 || strcmp(key, "refersTo") == 0);
    if (!dm && !user && !lang && !own) continue;
    const char *val = akn_attr_value_tmp(rd, v[3], v[4]);
    if (!val) return rd->status;
    if (dm_node_set_attr(node, key, val) != DM_OK) return akn_read_fail(rd, DM_ENOMEM, "out of memory");
  }
  return rd->status;
}

static dm_role akn_role_by_name(const char *name) {
  for (int r = DM_ROLE_NONE; r <= DM_ROLE_WRAP_UP; r++)
    if (strcmp(dm_role_name((dm_role)r), name) == 0) return (dm_role)r;
  return DM_ROLE_NONE;
}

/* AKN 3.0 in the OASIS namespace and its drafts (WD17, CSD13, ...), and the
 * pre-OASIS 1.0/2.0 namespaces. */
static int akn_ns_known(const char *uri) {
  if (!uri) return 0;
  return strncmp(uri, "http://docs.oasis-open.org/legaldocml/ns/akn/3.0", 48) == 0 ||
         strncmp(uri, "http://www.akomantoso.org/", 26) == 0;
}

static int akn_set_attr(akn_reader *rd, dm_node *n, const char *key, const char *value) {
  if (value && dm_node_set_attr(n, key, value) != DM_OK) return akn_read_fail(rd, DM_ENOMEM, "out of memory");
  return rd->status;
}

/* Pushes a frame that leaves no node: its content goes where the parent's
 * would. A block wrapper starts no paragraph of its own, but content after
 * it must not run on into the paragraph before it. */
static int akn_push_transparent(akn_reader *rd, akn_kind kind) {
  akn_frame *f = akn_read_top(rd);
  akn_mode mode = f ? f->mode : AKN_M_BLOCK;
  dm_node *node = f ? f->node : NULL;
  if (f && mode == AKN_M_BLOCK && f->implicit && dm_node_type_of(f->implicit) == DM_NODE_PARAGRAPH) {
    akn_read_trim_trailing(f->implicit);
    f->implicit = NULL;
  }
  if (akn_read_push(rd, mode, node) != DM_OK) return rd->status;
  akn_read_top(rd)->kind = (unsigned char)kind;
  return DM_OK;
}

/* A block element read where only inlines go: a line break separates it
 * from what came before, and its content follows inline. */
static int akn_push_demoted(akn_reader *rd, akn_kind kind) {
  akn_frame *f = akn_read_top(rd);
  if (f && f->mode == AKN_M_INLINE && f->node && !rd->inline_empty) {
    akn_read_trim_trailing(f->node);
    dm_node *br = akn_read_new(rd, DM_NODE_LINEBREAK);
    if (!br || akn_read_append(rd, f->node, br) != DM_OK) return rd->status;
    rd->inline_empty = 1;
  }
  return akn_push_transparent(rd, kind);
}

/* Opens a block node: in the block target, or demoted when only inlines
 * can go here; a node the target cannot hold (an li outside a list)
 * becomes a plain DIV instead. mode is how the new node holds content. */
static int akn_open_block(akn_reader *rd, akn_kind kind, dm_node *node, akn_mode mode) {
  dm_node *target = akn_read_block_target(rd, dm_node_type_of(node));
  if (!target) {
    if (rd->status) return rd->status;
    akn_frame *f = akn_read_top(rd);
    if (f && f->mode == AKN_M_BLOCK && f->node) {
      dm_node *div = dm_node_new_div(rd->doc, DM_ROLE_NONE, NULL);
      dm_node *holder = akn_read_block_target(rd, DM_NODE_DIV);
      if (!div || !holder) return rd->status ? rd->status : akn_push_transparent(rd, kind);
      if (akn_read_append(rd, holder, div) != DM_OK) return rd->status;
      node = div;
      mode = AKN_M_BLOCK;
    } else {
      return akn_push_demoted(rd, kind);
    }
  } else if (akn_read_append(rd, target, node) != DM_OK) {
    return rd->status;
  }
  dm_node_set_pos(node, akn_read_pos(rd));
  if (akn_read_push(rd, mode, node) != DM_OK) return rd->status;
  akn_frame *nf = akn_read_top(rd);
  nf->kind = (unsigned char)kind;
  nf->created = node;
  nf->is_div = dm_node_type_of(node) == DM_NODE_DIV;
  if (mode == AKN_M_INLINE) rd->inline_empty = 1;
  return DM_OK;
}

static int akn_open_div(akn_reader *rd, akn_kind kind, dm_role role, const char *cls, const akn_attrs *a) {
  dm_node *div = dm_node_new_div(rd->doc, role, NULL);
  if (!div) return akn_read_fail(rd, DM_ENOMEM, "out of memory");
  if (cls && dm_node_set_class(div, cls) != DM_OK) return akn_read_fail(rd, DM_ENOMEM, "out of memory");
  if (akn_copy_attrs(rd, div, a) != DM_OK) return rd->status;
  int rc = akn_open_block(rd, kind, div, AKN_M_BLOCK);
  if (rc == DM_OK && role == DM_ROLE_SECTION && akn_read_top(rd)->created == div) rd->sections_open++;
  return rc;
}

/* Opens an inline node in the inline target. */
static int akn_open_inline(akn_reader *rd, akn_kind kind, dm_node *node) {
  dm_node *target = akn_read_inline_target(rd);
  if (!target) return rd->status ? rd->status : akn_push_transparent(rd, kind);
  if (akn_read_append(rd, target, node) != DM_OK) return rd->status;
  if (akn_read_push(rd, AKN_M_INLINE, node) != DM_OK) return rd->status;
  akn_frame *nf = akn_read_top(rd);
  nf->kind = (unsigned char)kind;
  nf->created = node;
  return DM_OK;
}

static int akn_inline_leaf(akn_reader *rd, dm_node *leaf) {
  dm_node *target = akn_read_inline_target(rd);
  if (target && akn_read_append(rd, target, leaf) != DM_OK) return rd->status;
  rd->inline_empty = 0;
  if (akn_read_push(rd, AKN_M_SKIP, NULL) != DM_OK) return rd->status;
  return DM_OK;
}

static int akn_unknown(akn_reader *rd, const char *name, const char *uri) {
  /* One warning per occurrence up to a cap, so that a document made of
   * foreign markup cannot fill memory with diagnostics. */
  if (rd->unknown_warned < 100) {
    dm_pos pos = akn_read_pos(rd);
    if (dm_warn(rd->ctx, DM_DIAG_UNKNOWN_ELEMENT, pos, "%s%sunknown element <%s>%s%s at line %u: its text is kept",
                rd->part ? rd->part : "", rd->part ? ": " : "", name, uri ? " in namespace " : "", uri ? uri : "",
                (unsigned)pos.line) != DM_OK)
      return akn_read_fail(rd, DM_ENOMEM, "out of memory");
  } else if (rd->unknown_warned == 100) {
    dm_warn(rd->ctx, DM_DIAG_UNKNOWN_ELEMENT, akn_read_pos(rd), "further unknown elements are not reported");
  }
  rd->unknown_warned++;
  return akn_push_transparent(rd, K_UNKNOWN);
}

/* "h1".."h6" -> 1..6, else 0: how docmill marks heading levels. */
static int akn_hn(const char *cls) {
  return cls && cls[0] == 'h' && cls[1] >= '1' && cls[1] <= '6' && !cls[2] ? cls[1] - '0' : 0;
}

static int akn_has_word(const char *s, const char *w) {
  size_t n = strlen(w);
  for (const char *p = s; p && (p = strstr(p, w)) != NULL; p += n)
    if ((p == s || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' ')) return 1;
  return 0;
}

/* A code or raw literal: its text is taken exactly, whitespace and all. */
static int akn_open_literal(akn_reader *rd, dm_node *node, int block) {
  rd->collect.len = 0;
  if (block) {
    dm_node *target = akn_read_block_target(rd, dm_node_type_of(node));
    if (!target) {
      /* A code block inside a p: read as inline code. */
      if (rd->status) return rd->status;
      dm_node_type t = dm_node_type_of(node) == DM_NODE_CODE_BLOCK ? DM_NODE_CODE : DM_NODE_RAW_INLINE;
      dm_node *in = akn_read_new(rd, t);
      if (!in) return rd->status;
      if (dm_node_label(node)) dm_node_set_label(in, dm_node_label(node));
      return akn_open_literal(rd, in, 0);
    }
    if (akn_read_append(rd, target, node) != DM_OK) return rd->status;
  } else {
    dm_node *target = akn_read_inline_target(rd);
    if (!target) return rd->status ? rd->status : akn_read_push(rd, AKN_M_SKIP, NULL);
    if (akn_read_append(rd, target, node) != DM_OK) return rd->status;
    rd->inline_empty = 0;
  }
  if (akn_read_push(rd, AKN_M_COLLECT, NULL) != DM_OK) return rd->status;
  akn_frame *nf = akn_read_top(rd);
  nf->flags = AKN_F_LITERAL;
  nf->created = node;
  return DM_OK;
}

static int akn_leaf_block(akn_reader *rd, dm_node_type t) {
  dm_node *target = akn_read_block_target(rd, t);
  if (target) {
    dm_node *n = akn_read_new(rd, t);
    if (!n || akn_read_append(rd, target, n) != DM_OK) return rd->status;
  }
  return akn_read_push(rd, AKN_M_SKIP, NULL);
}

/* Elements whose meaning depends on their attributes: docmill's own
 * conventions (akn_common.h) and the generic hcontainer/block/inline.
 * Returns 1 when handled (the status is in rd->status). */
static int akn_start_special(akn_reader *rd, const char *name, akn_kind kind, const akn_attrs *a) {
  akn_frame *f = akn_read_top(rd);
  if (kind == K_HIER && strcmp(name, "section") == 0) {
    int n = akn_hn(akn_read_attr(rd, a, "class"));
    if (!n) return 0;
    /* A Markdown heading's section: the heading carries the level. */
    int prev = rd->hlevel;
    if (akn_push_transparent(rd, K_TRANSPARENT) == DM_OK) {
      akn_frame *nf = akn_read_top(rd);
      nf->flags |= AKN_F_HLEVEL;
      nf->level = prev;
      rd->hlevel = n;
    }
    return 1;
  }
  if (kind == K_P && strcmp(name, "p") == 0) {
    int n = akn_hn(akn_read_attr(rd, a, "class"));
    if (!n) return 0;
    dm_node *h = akn_read_new(rd, DM_NODE_HEADING);
    if (h && dm_node_set_heading_level(h, n) == DM_OK && akn_copy_attrs(rd, h, a) == DM_OK)
      akn_open_block(rd, K_HEADING, h, AKN_M_INLINE);
    return 1;
  }
  if (strcmp(name, "hcontainer") == 0) {
    const char *nm = akn_read_attr(rd, a, "name");
    if (nm && strcmp(nm, "blocks") == 0 && rd->docmill) {
      akn_push_transparent(rd, K_TRANSPARENT);
      return 1;
    }
    /* docmill's div of a role that has no AKN element of its own, where a
     * hierarchical unit stands (a component among paragraphs). */
    const char *role = rd->docmill ? akn_read_attr_dm(rd, a, "role") : NULL;
    if (role && akn_role_by_name(role) != DM_ROLE_NONE) {
      akn_open_div(rd, K_HIER, akn_role_by_name(role), akn_read_attr(rd, a, "class"), a);
      return 1;
    }
    if (akn_open_div(rd, K_HIER, DM_ROLE_SECTION, nm && *nm ? nm : name, a) == DM_OK && !rd->docmill && nm &&
        akn_read_top(rd)->is_div)
      akn_set_attr(rd, akn_read_top(rd)->created, "name", nm);
    return 1;
  }
  if (kind == K_INTRO || kind == K_WRAPUP) {
    const char *role = akn_read_attr_dm(rd, a, "role");
    if (role)
      akn_open_div(rd, kind, akn_role_by_name(role), akn_read_attr(rd, a, "class"), a);
    else if (rd->docmill && !akn_read_attr(rd, a, "eId"))
      akn_push_transparent(rd, K_TRANSPARENT); /* the leading blocks of their parent */
    else
      return 0; /* one with an eId is the source's own, kept */
    return 1;
  }
  if (strcmp(name, "blockContainer") == 0) {
    const char *role = akn_read_attr_dm(rd, a, "role");
    const char *cls = akn_read_attr(rd, a, "class");
    if (role) {
      akn_open_div(rd, K_DIV, akn_role_by_name(role), cls, a);
    } else if (cls && strcmp(cls, "blockquote") == 0) {
      dm_node *q = akn_read_new(rd, DM_NODE_BLOCK_QUOTE);
      if (q && akn_copy_attrs(rd, q, a) == DM_OK) akn_open_block(rd, K_QUOTE, q, AKN_M_BLOCK);
    } else {
      akn_open_div(rd, K_DIV, DM_ROLE_NONE, cls ? cls : name, a);
    }
    return 1;
  }
  if (strcmp(name, "block") == 0) {
    const char *nm = akn_read_attr(rd, a, "name");
    if (!nm) return 0;
    if (strcmp(nm, "code") == 0 || strcmp(nm, "raw") == 0) {
      int code = nm[0] == 'c';
      dm_node *n = akn_read_new(rd, code ? DM_NODE_CODE_BLOCK : DM_NODE_RAW_BLOCK);
      const char *lab = akn_read_attr_dm(rd, a, code ? "info" : "format");
      if (n && lab) dm_node_set_label(n, lab);
      if (n && akn_copy_attrs(rd, n, a) == DM_OK) akn_open_literal(rd, n, 1);
      return 1;
    }
    if (strcmp(nm, "hr") == 0) return akn_leaf_block(rd, DM_NODE_THEMATIC_BREAK), 1;
    if (strcmp(nm, "pagebreak") == 0) return akn_leaf_block(rd, DM_NODE_PAGE_BREAK), 1;
    return 0;
  }
  if (strcmp(name, "inline") == 0) {
    const char *nm = akn_read_attr(rd, a, "name");
    if (!nm || (strcmp(nm, "code") != 0 && strcmp(nm, "raw") != 0)) return 0;
    int code = nm[0] == 'c';
    dm_node *n = akn_read_new(rd, code ? DM_NODE_CODE : DM_NODE_RAW_INLINE);
    const char *lab = code ? NULL : akn_read_attr_dm(rd, a, "format");
    if (n && lab) dm_node_set_label(n, lab);
    if (n && akn_copy_attrs(rd, n, a) == DM_OK) akn_open_literal(rd, n, 0);
    return 1;
  }
  if (strcmp(name, "blockList") == 0) {
    const char *cls = akn_read_attr(rd, a, "class");
    int ordered = akn_has_word(cls, "ordered");
    if (!rd->docmill || (!ordered && !akn_has_word(cls, "bullet"))) return 0;
    /* docmill's list whose items hold more than a paragraph each. */
    dm_node *l = akn_read_new(rd, DM_NODE_LIST);
    const char *delim = akn_read_attr_dm(rd, a, "delim");
    if (l)
      dm_node_set_list(l, ordered, 1, !akn_has_word(cls, "loose"), delim && *delim ? delim[0] : ordered ? '.' : '-');
    if (l && akn_copy_attrs(rd, l, a) == DM_OK) akn_open_block(rd, K_UL, l, AKN_M_BLOCK);
    return 1;
  }
  if (kind == K_POINT && strcmp(name, "item") == 0 && f->node && dm_node_type_of(f->node) == DM_NODE_LIST) {
    dm_node *it = akn_read_new(rd, DM_NODE_ITEM);
    if (it && akn_copy_attrs(rd, it, a) == DM_OK) akn_open_block(rd, K_LI, it, AKN_M_BLOCK);
    return 1;
  }
  return 0;
}

/* Enters the eId whose hash is h into rd->eids, warning when it was seen
 * before in this file: hand-made AKN often has duplicates, and they break
 * the schema and any noteRef to them. */
static int akn_eid_insert(akn_reader *rd, uint64_t h, const char *text, int len, dm_pos pos) {
  if ((rd->eids_count + 1) * 2 > rd->eids_cap) {
    size_t cap = rd->eids_cap ? rd->eids_cap * 2 : 256;
    uint64_t *t = calloc(cap, sizeof *t);
    if (!t) return akn_read_fail(rd, DM_ENOMEM, "out of memory");
    for (size_t i = 0; i < rd->eids_cap; i++) {
      if (!rd->eids[i]) continue;
      size_t j = (size_t)rd->eids[i] & (cap - 1);
      while (t[j])
        j = (j + 1) & (cap - 1);
      t[j] = rd->eids[i];
    }
    free(rd->eids);
    rd->eids = t;
    rd->eids_cap = cap;
  }
  size_t mask = rd->eids_cap - 1, i = (size_t)h & mask;
  for (; rd->eids[i]; i = (i + 1) & mask) {
    if (rd->eids[i] != h) continue;
    if (rd->dup_warned++ < 100 && dm_warn(rd->ctx, DM_DIAG_STRUCTURE, pos, "%s%sduplicate eId '%.*s'",
                                          rd->part ? rd->part : "", rd->part ? ": " : "", len, text) != DM_OK)
      return akn_read_fail(rd, DM_ENOMEM, "out of memory");
    return DM_OK;
  }
  rd->eids[i] = h;
  rd->eids_count++;
  return DM_OK;
}

int akn_read_eid_flush(akn_reader *rd) {
  if (!rd->eid_pending || rd->status) return rd->status;
  uint64_t h = rd->eid_pending;
  rd->eid_pending = 0;
  return akn_eid_insert(rd, h, rd->eid_pending_text, rd->eid_pending_len, rd->eid_pending_pos);
}

/* The eId of an element goes into the table one eId late: on a large
 * document the table outgrows the cache and a lookup is a miss, so the
 * slot of this one is fetched now and looked at when the next eId comes
 * (akn_read_eid_flush does the last one at the end of the file). */
static int akn_check_eid(akn_reader *rd, const akn_attrs *a) {
  const unsigned char *v = NULL, *e = NULL;
  for (int i = 0; i < a->n; i++)
    if (!a->v[5 * i + 2] && strcmp((const char *)a->v[5 * i], "eId") == 0) {
      v = a->v[5 * i + 3];
      e = a->v[5 * i + 4];
    }
  if (!v) return DM_OK;
  uint64_t h = 1469598103934665603ull;
  for (const unsigned char *p = v; p < e; p++)
    h = (h ^ *p) * 1099511628211ull;
  if (!h) h = 1;
  if (akn_read_eid_flush(rd) != DM_OK) return rd->status;
  rd->eid_pending = h;
  size_t n = (size_t)(e - v) < sizeof rd->eid_pending_text ? (size_t)(e - v) : sizeof rd->eid_pending_text;
  memcpy(rd->eid_pending_text, v, n);
  rd->eid_pending_len = (int)n;
  rd->eid_pending_pos = akn_read_pos(rd);
  if (rd->eids_cap) __builtin_prefetch(&rd->eids[(size_t)h & (rd->eids_cap - 1)]);
  return DM_OK;
}

static int akn_start_root(akn_reader *rd, const char *name, const char *uri) {
  if (strcmp(name, "akomaNtoso") != 0 || !akn_ns_known(uri)) {
    if (strcmp(name, "akomaNtoso") == 0 && !uri) {
      dm_warn(rd->ctx, DM_DIAG_OTHER, akn_read_pos(rd), "<akomaNtoso> has no namespace; read as Akoma Ntoso 3.0");
    } else {
      return akn_read_fail(rd, DM_EFORMAT,
                           "not an Akoma Ntoso document: the root element is <%s>%s%s, not <akomaNtoso> in an "
                           "Akoma Ntoso namespace",
                           name, uri ? " in namespace " : "", uri ? uri : "");
    }
  }
  rd->seen_root = 1;
  rd->ns = uri;
  return akn_push_transparent(rd, K_ROOT);
}

static int akn_start_num(akn_reader *rd) {
  akn_frame *f = akn_read_top(rd);
  dm_node *div = NULL;
  if (f && f->is_div && f->created && !dm_node_label(f->created)) div = f->created;
  int item = f && f->created && dm_node_type_of(f->created) == DM_NODE_ITEM && !dm_node_first_child(f->created);
  rd->collect.len = 0;
  if (akn_read_push(rd, AKN_M_COLLECT, NULL) != DM_OK) return rd->status;
  akn_frame *nf = akn_read_top(rd);
  nf->kind = K_NUM;
  nf->created = item ? f->created : div;
  if (item) nf->flags = AKN_F_ITEM_NUM;
  return DM_OK;
}

/* The collected text trimmed in place, in rd->collect: whoever keeps it
 * (dm_node_set_label, dm_node_new_text) copies it, so a copy in the
 * document's arena as well would only be memory held to the end. Lives
 * until the next collection. */
static const char *akn_collected_trimmed(akn_reader *rd) {
  if (!rd->collect.data) return "";
  char *s = rd->collect.data;
  size_t len = rd->collect.len;
  while (len && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
    s++, len--;
  while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' || s[len - 1] == '\r'))
    len--;
  s[len] = '\0';
  return s;
}

static int akn_end_num(akn_reader *rd, akn_frame *f) {
  const char *label = akn_collected_trimmed(rd);
  rd->collect.len = 0;
  rd->depth--;
  if (f->flags & AKN_F_ITEM_NUM) {
    /* The printed number of a list item: the first gives the start. */
    dm_node *list = dm_node_parent(f->created);
    if (list && dm_node_list_ordered(list) && dm_node_first_child(list) == f->created) {
      long st = strtol(label, NULL, 10);
      dm_node_set_list(list, 1, st < 0 ? 0 : st, dm_node_list_tight(list), dm_node_list_delim(list));
    }
    return DM_OK;
  }
  if (f->created) {
    if (dm_node_set_label(f->created, label) != DM_OK) return akn_read_fail(rd, DM_ENOMEM, "out of memory");
    return DM_OK;
  }
  /* A num with no unit to number (inside quoted text, or a second num):
   * kept as a span in the text. */
  if (!*label) return DM_OK;
  dm_node *target = akn_read_inline_target(rd);
  if (!target) return rd->status;
  dm_node *span = akn_read_new(rd, DM_NODE_SPAN);
  dm_node *t = dm_node_new_text(rd->doc, label, strlen(label));
  if (!span || !t) return akn_read_fail(rd, DM_ENOMEM, "out of memory");
  dm_node_set_class(span, "num");
  if (!rd->inline_empty) {
    dm_node *sp = dm_node_new_text(rd->doc, " ", 1);
    if (!sp || akn_read_append(rd, target, sp) != DM_OK) return rd->status;
  }
  if (akn_read_append(rd, span, t) != DM_OK || akn_read_append(rd, target, span) != DM_OK) return rd->status;
  dm_node *sp = dm_node_new_text(rd->doc, " ", 1);
  if (!sp || akn_read_append(rd, target, sp) != DM_OK) return rd->status;
  rd->inline_empty = 0;
  return DM_OK;
}

static int akn_start_heading(akn_reader *rd, akn_kind kind, const char *name) {
  int level = rd->hlevel ? rd->hlevel : rd->sections_open < 1 ? 1 : rd->sections_open > 6 ? 6 : rd->sections_open;
  if (strcmp(name, "subheading") == 0 && level < 6) level++;
  dm_node *h = akn_read_new(rd, DM_NODE_HEADING);
  if (!h) return rd->status;
  dm_node_set_heading_level(h, level);
  return akn_open_block(rd, kind, h, AKN_M_INLINE);
}

static int akn_start_note(akn_reader *rd, const akn_attrs *a) {
  if (++rd->notes_total > rd->limits.max_notes)
    return akn_read_fail(rd, DM_ELIMIT, "more notes than the limit of %llu", (unsigned long long)rd->limits.max_notes);
  dm_node *note = akn_read_new(rd, DM_NODE_NOTE);
  if (!note) return rd->status;
  const char *marker = akn_read_attr(rd, a, "marker");
  const char *autonum = akn_read_attr_dm(rd, a, "auto");
  /* docmill numbered a note the source gave no marker: it stays without. */
  if (autonum && strcmp(autonum, "true") == 0) marker = NULL;
  if (marker && dm_node_set_label(note, marker) != DM_OK) return akn_read_fail(rd, DM_ENOMEM, "out of memory");
  dm_node_set_pos(note, akn_read_pos(rd));
  if (akn_copy_attrs(rd, note, a) != DM_OK) return rd->status;
  const char *eid = akn_read_attr(rd, a, "eId");
  if (!eid) eid = akn_read_attr(rd, a, "id");
  if (eid && akn_notes_put(rd, eid, note, 1) != DM_OK) return rd->status;
  dm_node *target = akn_read_inline_target(rd);
  if (!target) {
    if (rd->status) return rd->status;
    /* Nowhere inline to put it (directly in a table row): skipped loudly. */
    dm_warn(rd->ctx, DM_DIAG_STRUCTURE, akn_read_pos(rd), "authorialNote where no text can be; dropped");
    return akn_read_push(rd, AKN_M_SKIP, NULL);
  }
  if (akn_read_append(rd, target, note) != DM_OK) return rd->status;
  if (akn_read_push(rd, AKN_M_BLOCK, note) != DM_OK) return rd->status;
  akn_frame *nf = akn_read_top(rd);
  nf->kind = K_NOTE;
  nf->created = note;
  return DM_OK;
}

static int akn_start_noteref(akn_reader *rd, const akn_attrs *a) {
  const char *href = akn_read_attr(rd, a, "href");
  const char *marker = akn_read_attr(rd, a, "marker");
  const char *id = href && href[0] == '#' ? href + 1 : href;
  akn_note_slot *slot = id ? akn_notes_get(rd, id) : NULL;
  dm_node *leaf;
  if (slot && !slot->placed) {
    leaf = slot->note;
    slot->placed = 1;
    if (!dm_node_label(leaf) && marker) dm_node_set_label(leaf, marker);
  } else if (slot) {
    leaf = akn_read_new(rd, DM_NODE_NOTE_REF);
    if (!leaf) return rd->status;
    dm_node_set_note_target(leaf, slot->note);
    const char *l = dm_node_label(slot->note);
    dm_node_set_label(leaf, l ? l : marker);
  } else {
    dm_warn(rd->ctx, DM_DIAG_NOTE_UNDEFINED, akn_read_pos(rd), "noteRef to '%s', which is not a note of this document",
            href ? href : "");
    if (!marker) return akn_read_push(rd, AKN_M_SKIP, NULL);
    leaf = akn_read_new(rd, DM_NODE_SUPERSCRIPT);
    dm_node *t = dm_node_new_text(rd->doc, marker, strlen(marker));
    if (!leaf || !t || akn_read_append(rd, leaf, t) != DM_OK)
      return rd->status ? rd->status : akn_read_fail(rd, DM_ENOMEM, "out of memory");
  }
  return akn_inline_leaf(rd, leaf);
}

/* The UN marks emphasis as <span class="italic">, "bold", "bold italic"
 * (AKN4UN's presentation classes) where AKN has i, b and u: such a span is
 * the model's emphasis, strong or underline, nested when the class names
 * several, so that every writer shows it. Returns 1 when cls was one. */
static int akn_start_styled_span(akn_reader *rd, const char *cls, const akn_attrs *a) {
  static const char *const words[] = {"bold", "italic", "underline"};
  static const dm_node_type types[] = {DM_NODE_STRONG, DM_NODE_EMPH, DM_NODE_UNDERLINE};
  size_t found = 0, total = 0;
  for (const char *p = cls; p && *p;) {
    size_t n = strcspn(p, " \t");
    total += n > 0;
    for (size_t i = 0; i < 3; i++)
      if (n == strlen(words[i]) && strncmp(p, words[i], n) == 0) found++;
    p += n;
    p += strspn(p, " \t");
  }
  if (!found || found != total) return 0;
  dm_node *outer = NULL, *inner = NULL;
  for (size_t i = 0; i < 3; i++) {
    if (!akn_has_word(cls, words[i])) continue;
    dm_node *n = akn_read_new(rd, types[i]);
    if (!n) return 1;
    if (inner && akn_read_append(rd, inner, n) != DM_OK) return 1;
    if (!outer) outer = n;
    inner = n;
  }
  if (akn_copy_attrs(rd, outer, a) != DM_OK || akn_open_inline(rd, K_I, outer) != DM_OK) return 1;
  akn_frame *nf = akn_read_top(rd);
  if (nf->created == outer) nf->node = inner;
  return 1;
}

static int akn_start_doctype(akn_reader *rd, const char *name, const akn_attrs *a) {
  const char *docname = akn_read_attr(rd, a, "name");
  akn_frame *f = akn_read_top(rd);
  rd->doc_elements++;
  /* A file's outermost document element says how its paragraphs read,
   * for main.xml and for each component alike. */
  if (rd->doc_elements == 1)
    rd->resolution = strcmp(name, "statement") == 0 && docname && strcmp(docname, "resolution") == 0;
  if (rd->doc_elements == 1 && !rd->part) {
    /* The document's type and name as its producer gave them (act
     * "publicLaw", statement "decision"), for the writer. */
    if (dm_doc_set_meta(rd->doc, "akn:type", name) != DM_OK ||
        (docname && dm_doc_set_meta(rd->doc, "akn:name", docname) != DM_OK))
      return akn_read_fail(rd, DM_ENOMEM, "out of memory");
    /* Only noted here: the doc-type key is set where the metadata is
     * read (proprietary's dm:meta in its own order, else after the FRBR
     * block), so that metadata keeps the order the writer gave it and AKN
     * -> AKN is a fixpoint. */
    rd->doc_resolution = rd->resolution;
  } else if (f && f->node && dm_node_type_of(f->node) == DM_NODE_DIV && dm_node_role(f->node) == DM_ROLE_COMPONENT &&
             (rd->component = f->node) != NULL && !dm_node_class(f->node)) {
    /* The kind of an attachment is the name of the document inside it. */
    dm_node_set_class(f->node, docname ? docname : name);
  }
  return akn_push_transparent(rd, K_DOCTYPE);
}

/* ---- one handler per kind of element -------------------------------------
 * Each starts an element of the model namespace whose kind akn_lookup gave,
 * after the eId check; they share a signature so that akn_elem_start is a
 * look-up in akn_start_table rather than one long switch. */

typedef int (*akn_start_fn)(akn_reader *rd, const char *name, akn_kind kind, const akn_attrs *a);

static int akn_h_unknown(akn_reader *rd, const char *name, akn_kind kind, const akn_attrs *a) {
  (void)kind, (void)a;
  return akn_unknown(rd, name, NULL);
}

static int akn_h_doctype(akn_reader *rd, const char *name, akn_kind kind, const akn_attrs *a) {
  (void)kind;
  return akn_start_doctype(rd, name, a);
}

static int akn_h_meta(akn_reader *rd, const char *name, akn_kind kind, const akn_attrs *a) {
  (void)name, (void)kind, (void)a;
  if (akn_read_push(rd, AKN_M_META, NULL) != DM_OK) return rd->status;
  akn_read_top(rd)->kind = K_META;
  return DM_OK;
}

/* The containers that become a DIV with a role. */
static int akn_h_div(akn_reader *rd, const char *name, akn_kind kind, const akn_attrs *a) {
  static const dm_role roles[] = {
      [K_PREFACE] = DM_ROLE_PREFACE,     [K_PREAMBLE] = DM_ROLE_PREAMBLE,   [K_FORMULA] = DM_ROLE_FORMULA,
      [K_RECITAL] = DM_ROLE_RECITAL,     [K_MAINBODY] = DM_ROLE_MAIN_BODY,  [K_CONCLUSIONS] = DM_ROLE_CONCLUSIONS,
      [K_HIER] = DM_ROLE_SECTION,        [K_PARAGRAPH] = DM_ROLE_PARAGRAPH, [K_POINT] = DM_ROLE_POINT,
      [K_INTRO] = DM_ROLE_INTRO,         [K_WRAPUP] = DM_ROLE_WRAP_UP,      [K_DIV] = DM_ROLE_NONE,
      [K_COMPONENT] = DM_ROLE_COMPONENT,
  };
  const char *cls = NULL;
  if (kind == K_PARAGRAPH && !rd->resolution) return akn_open_div(rd, K_HIER, DM_ROLE_SECTION, name, a);
  if (kind == K_HIER || kind == K_DIV) cls = name;
  if (kind == K_POINT && strcmp(name, "point") != 0) cls = name;
  if (kind == K_COMPONENT && strcmp(name, "annex") == 0) cls = "annex";
  dm_role role = roles[kind];
  if (kind == K_DIV) {
    /* The UN's coverPage is the masthead, which the model holds as the
     * preface; in a preamble, its container is a preambular clause. */
    akn_frame *f = akn_read_top(rd);
    if (strcmp(name, "coverPage") == 0) role = DM_ROLE_PREFACE;
    if (strcmp(name, "container") == 0 && f->node && dm_node_type_of(f->node) == DM_NODE_DIV &&
        dm_node_role(f->node) == DM_ROLE_PREAMBLE)
      role = DM_ROLE_RECITAL;
  }
  if (akn_open_div(rd, kind, role, cls, a) != DM_OK) return rd->status;
  /* A container is named after its lead words. */
  akn_frame *nf = akn_read_top(rd);
  if (kind == K_DIV && nf->is_div && nf->created) akn_set_attr(rd, nf->created, "name", akn_read_attr(rd, a, "name"));
  return rd->status;
}

static int akn_h_transparent(akn_reader *rd, const char *name, akn_kind kind, const akn_attrs *a) {
  /* The eId of a wrapper that leaves no node (a paragraph's content or
   * list) goes on the div it wraps the children of, for the writer. */
  akn_frame *f = akn_read_top(rd);
  if ((strcmp(name, "content") == 0 || strcmp(name, "list") == 0) && f->node &&
      dm_node_type_of(f->node) == DM_NODE_DIV) {
    const char *eid = akn_read_attr(rd, a, "eId");
    if (eid && akn_set_attr(rd, f->node, name[0] == 'c' ? "content-eId" : "list-eId", eid) != DM_OK) return rd->status;
  }
  return akn_push_transparent(rd, kind);
}

static int akn_h_num(akn_reader *rd, const char *name, akn_kind kind, const akn_attrs *a) {
  (void)name, (void)kind, (void)a;
  return akn_start_num(rd);
}

static int akn_h_heading(akn_reader *rd, const char *name, akn_kind kind, const akn_attrs *a) {
  (void)a;
  return akn_start_heading(rd, kind, name);
}

static int akn_h_p(akn_reader *rd, const char *name, akn_kind kind, const akn_attrs *a) {
  (void)name;
  dm_node *p = akn_read_new(rd, DM_NODE_PARAGRAPH);
  if (!p || akn_copy_attrs(rd, p, a) != DM_OK) return rd->status;
  if (strcmp(name, "p") == 0 && akn_set_attr(rd, p, "class", akn_read_attr(rd, a, "class")) != DM_OK) return rd->status;
  return akn_open_block(rd, kind, p, AKN_M_INLINE);
}

static int akn_h_list(akn_reader *rd, const char *name, akn_kind kind, const akn_attrs *a) {
  (void)name;
  dm_node *l = akn_read_new(rd, DM_NODE_LIST);
  if (!l) return rd->status;
  const char *start = kind == K_OL ? akn_read_attr(rd, a, "start") : NULL;
  const char *cls = akn_read_attr(rd, a, "class");
  const char *delim = akn_read_attr_dm(rd, a, "delim");
  long st = start ? strtol(start, NULL, 10) : 1;
  char d = delim && *delim ? delim[0] : kind == K_OL ? '.' : '-';
  dm_node_set_list(l, kind == K_OL, st < 0 ? 1 : st, !akn_has_word(cls, "loose"), d);
  if (akn_copy_attrs(rd, l, a) != DM_OK) return rd->status;
  return akn_open_block(rd, kind, l, AKN_M_BLOCK);
}

static int akn_h_li(akn_reader *rd, const char *name, akn_kind kind, const akn_attrs *a) {
  (void)name;
  akn_frame *f = akn_read_top(rd);
  dm_node *it = akn_read_new(rd, DM_NODE_ITEM);
  if (!it) return rd->status;
  /* An ordered list starts at its first item's number. */
  const char *value = akn_read_attr(rd, a, "value");
  if (value && f->node && dm_node_type_of(f->node) == DM_NODE_LIST && !dm_node_first_child(f->node) &&
      dm_node_list_ordered(f->node)) {
    long st = strtol(value, NULL, 10);
    dm_node_set_list(f->node, 1, st < 0 ? 0 : st, dm_node_list_tight(f->node), dm_node_list_delim(f->node));
  }
  if (akn_copy_attrs(rd, it, a) != DM_OK) return rd->status;
  return akn_open_block(rd, kind, it, AKN_M_BLOCK);
}

/* Table, row and block quote: a block of their own type, no attributes. */
static int akn_h_plain_block(akn_reader *rd, const char *name, akn_kind kind, const akn_attrs *a) {
  (void)name, (void)a;
  dm_node_type t = kind == K_TABLE ? DM_NODE_TABLE : kind == K_TR ? DM_NODE_TABLE_ROW : DM_NODE_BLOCK_QUOTE;
  dm_node *n = akn_read_new(rd, t);
  return n ? akn_open_block(rd, kind, n, AKN_M_BLOCK) : rd->status;
}

static int akn_h_cell(akn_reader *rd, const char *name, akn_kind kind, const akn_attrs *a) {
  (void)name;
  akn_frame *f = akn_read_top(rd);
  if (f->node && dm_node_type_of(f->node) == DM_NODE_TABLE_ROW) {
    if (kind == K_TH)
      f->th_cells = 1;
    else
      f->td_cells = 1;
  }
  dm_node *c = akn_read_new(rd, DM_NODE_TABLE_CELL);
  if (!c) return rd->status;
  const char *cls = akn_read_attr(rd, a, "class");
  if (akn_has_word(cls, "left"))
    dm_node_set_cell_align(c, DM_ALIGN_LEFT);
  else if (akn_has_word(cls, "center"))
    dm_node_set_cell_align(c, DM_ALIGN_CENTER);
  else if (akn_has_word(cls, "right"))
    dm_node_set_cell_align(c, DM_ALIGN_RIGHT);
  /* Spans as HTML has them: the cell stands once, at its first row and
   * column (doc.h). */
  if (akn_set_attr(rd, c, "rowspan", akn_read_attr(rd, a, "rowspan")) != DM_OK ||
      akn_set_attr(rd, c, "colspan", akn_read_attr(rd, a, "colspan")) != DM_OK || akn_copy_attrs(rd, c, a) != DM_OK)
    return rd->status;
  return akn_open_block(rd, kind, c, AKN_M_BLOCK);
}

static int akn_h_caption(akn_reader *rd, const char *name, akn_kind kind, const akn_attrs *a) {
  (void)name, (void)kind, (void)a;
  akn_frame *f = akn_read_top(rd);
  dm_node *p = akn_read_new(rd, DM_NODE_PARAGRAPH);
  if (!p) return rd->status;
  if (f->mode == AKN_M_BLOCK && f->node && dm_node_type_of(f->node) == DM_NODE_TABLE) {
    if (dm_node_insert_before(f->node, p) != DM_OK) return akn_read_fail(rd, DM_EINTERNAL, "caption misplaced");
    if (akn_read_push(rd, AKN_M_INLINE, p) != DM_OK) return rd->status;
    akn_read_top(rd)->kind = K_CAPTION;
    akn_read_top(rd)->created = p;
    rd->inline_empty = 1;
    return DM_OK;
  }
  return akn_open_block(rd, K_P, p, AKN_M_INLINE);
}

static int akn_h_format(akn_reader *rd, const char *name, akn_kind kind, const akn_attrs *a) {
  (void)name;
  static const dm_node_type types[] = {DM_NODE_STRONG,      DM_NODE_EMPH,      DM_NODE_UNDERLINE,
                                       DM_NODE_SUPERSCRIPT, DM_NODE_SUBSCRIPT, DM_NODE_STRIKE};
  dm_node *n = akn_read_new(rd, types[kind - K_B]);
  if (!n || akn_copy_attrs(rd, n, a) != DM_OK) return rd->status;
  return akn_open_inline(rd, kind, n);
}

static int akn_h_span(akn_reader *rd, const char *name, akn_kind kind, const akn_attrs *a) {
  dm_node *n = akn_read_new(rd, DM_NODE_SPAN);
  if (!n) return rd->status;
  const char *cls = name;
  if (kind == K_NAMED) cls = akn_read_attr(rd, a, strcmp(name, "inline") == 0 ? "name" : "class");
  if (kind == K_NAMED && name[0] == 's' && akn_start_styled_span(rd, cls, a)) return rd->status;
  if (cls) dm_node_set_class(n, cls);
  static const char *const keep[] = {"date", "value", "href", "time"};
  for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++)
    akn_set_attr(rd, n, keep[i], akn_read_attr(rd, a, keep[i]));
  akn_copy_attrs(rd, n, a);
  if (rd->status) return rd->status;
  return akn_open_inline(rd, kind, n);
}

static int akn_h_link(akn_reader *rd, const char *name, akn_kind kind, const akn_attrs *a) {
  /* docmill marks the ref that is a cited document's span (akn_common.h);
   * an unmarked one is a link. */
  const char *node = akn_read_attr_dm(rd, a, "node");
  if (node && strcmp(node, "span") == 0 && strcmp(name, "ref") == 0) return akn_h_span(rd, name, K_SPAN, a);
  dm_node *n = akn_read_new(rd, DM_NODE_LINK);
  if (!n) return rd->status;
  const char *href = akn_read_attr(rd, a, "href");
  const char *title = akn_read_attr(rd, a, "title");
  dm_node_set_url(n, href ? href : "");
  if (title) dm_node_set_title(n, title);
  if (akn_copy_attrs(rd, n, a) != DM_OK) return rd->status;
  return akn_open_inline(rd, kind, n);
}

static int akn_h_note(akn_reader *rd, const char *name, akn_kind kind, const akn_attrs *a) {
  (void)name;
  return kind == K_NOTE ? akn_start_note(rd, a) : akn_start_noteref(rd, a);
}

static int akn_h_br(akn_reader *rd, const char *name, akn_kind kind, const akn_attrs *a) {
  (void)name, (void)kind, (void)a;
  dm_node *n = akn_read_new(rd, DM_NODE_LINEBREAK);
  if (!n) return rd->status;
  if (akn_read_top(rd)->mode != AKN_M_INLINE) return akn_read_push(rd, AKN_M_SKIP, NULL); /* between blocks */
  return akn_inline_leaf(rd, n);
}

static int akn_h_eop(akn_reader *rd, const char *name, akn_kind kind, const akn_attrs *a) {
  (void)name, (void)kind, (void)a;
  dm_node *target = akn_read_block_target(rd, DM_NODE_PAGE_BREAK);
  if (target) {
    dm_node *pb = akn_read_new(rd, DM_NODE_PAGE_BREAK);
    if (!pb || akn_read_append(rd, target, pb) != DM_OK) return rd->status;
  }
  return akn_read_push(rd, AKN_M_SKIP, NULL);
}

static int akn_h_img(akn_reader *rd, const char *name, akn_kind kind, const akn_attrs *a) {
  (void)name, (void)kind;
  dm_node *n = akn_read_new(rd, DM_NODE_IMAGE);
  if (!n) return rd->status;
  const char *src = akn_read_attr(rd, a, "src");
  const char *alt = akn_read_attr(rd, a, "alt");
  dm_node_set_url(n, src ? src : "");
  if (alt && *alt) {
    dm_node *t = dm_node_new_text(rd->doc, alt, strlen(alt));
    if (!t || akn_read_append(rd, n, t) != DM_OK)
      return rd->status ? rd->status : akn_read_fail(rd, DM_ENOMEM, "out of memory");
  }
  return akn_inline_leaf(rd, n);
}

static int akn_h_skip(akn_reader *rd, const char *name, akn_kind kind, const akn_attrs *a) {
  (void)name, (void)kind, (void)a;
  return akn_read_push(rd, AKN_M_SKIP, NULL);
}

static const akn_start_fn akn_start_table[] = {
    [K_UNKNOWN] = akn_h_unknown,   [K_ROOT] = akn_h_unknown,    [K_DOCTYPE] = akn_h_doctype,
    [K_META] = akn_h_meta,         [K_PREFACE] = akn_h_div,     [K_PREAMBLE] = akn_h_div,
    [K_FORMULA] = akn_h_div,       [K_RECITAL] = akn_h_div,     [K_MAINBODY] = akn_h_div,
    [K_CONCLUSIONS] = akn_h_div,   [K_HIER] = akn_h_div,        [K_PARAGRAPH] = akn_h_div,
    [K_POINT] = akn_h_div,         [K_INTRO] = akn_h_div,       [K_WRAPUP] = akn_h_div,
    [K_DIV] = akn_h_div,           [K_COMPONENT] = akn_h_div,   [K_TRANSPARENT] = akn_h_transparent,
    [K_NUM] = akn_h_num,           [K_HEADING] = akn_h_heading, [K_P] = akn_h_p,
    [K_UL] = akn_h_list,           [K_OL] = akn_h_list,         [K_LI] = akn_h_li,
    [K_TABLE] = akn_h_plain_block, [K_TR] = akn_h_plain_block,  [K_TH] = akn_h_cell,
    [K_TD] = akn_h_cell,           [K_CAPTION] = akn_h_caption, [K_QUOTE] = akn_h_plain_block,
    [K_B] = akn_h_format,          [K_I] = akn_h_format,        [K_U] = akn_h_format,
    [K_SUP] = akn_h_format,        [K_SUB] = akn_h_format,      [K_DEL] = akn_h_format,
    [K_SPAN] = akn_h_span,         [K_NAMED] = akn_h_span,      [K_LINK] = akn_h_link,
    [K_NOTE] = akn_h_note,         [K_NOTEREF] = akn_h_note,    [K_BR] = akn_h_br,
    [K_EOP] = akn_h_eop,           [K_IMG] = akn_h_img,         [K_SKIP] = akn_h_skip,
    [K_META_NOTE] = akn_h_skip,
};

int akn_elem_start(akn_reader *rd, const char *name, const char *uri, const akn_attrs *a) {
  akn_frame *f = akn_read_top(rd);
  if (!rd->seen_root) return akn_start_root(rd, name, uri);
  if (f->mode == AKN_M_META) return akn_meta_start(rd, name, uri, a);
  if (f->mode == AKN_M_COLLECT) {
    /* Markup inside a num: its text is part of the number. */
    if (strcmp(name, "authorialNote") == 0)
      dm_warn(rd->ctx, DM_DIAG_STRUCTURE, akn_read_pos(rd), "authorialNote inside a num kept as text of the number");
    if (akn_read_push(rd, AKN_M_COLLECT, NULL) != DM_OK) return rd->status;
    akn_read_top(rd)->kind = K_TRANSPARENT;
    return DM_OK;
  }
  /* The namespace URI is interned too: the same address is the same URI. */
  if (uri != rd->ns && (!uri || !rd->ns || strcmp(uri, rd->ns) != 0)) return akn_unknown(rd, name, uri);
  if (akn_check_eid(rd, a) != DM_OK) return rd->status;
  int special = 0;
  akn_kind kind = akn_kind_of(rd, name, &special);
  if (special && akn_start_special(rd, name, kind, a)) return rd->status;
  if ((size_t)kind >= sizeof akn_start_table / sizeof *akn_start_table || !akn_start_table[kind])
    return akn_unknown(rd, name, NULL);
  return akn_start_table[kind](rd, name, kind, a);
}

/* The UN's lead words often take the space after them into the span
 * (<span class="italic">Recalling </span>all): emphasis is of words, and
 * Markdown cannot even close an emphasis after a space (*Recalling *all
 * is no emphasis at all), so whitespace at either end of emphasis or
 * strong text is moved out of it, next to it. */
static int akn_styled_ws_out(akn_reader *rd, dm_node *outer) {
  dm_node *inner = outer;
  while (dm_node_first_child(inner) && dm_node_first_child(inner) == dm_node_last_child(inner) &&
         (dm_node_type_of(dm_node_first_child(inner)) == DM_NODE_EMPH ||
          dm_node_type_of(dm_node_first_child(inner)) == DM_NODE_STRONG))
    inner = dm_node_first_child(inner);
  for (int end = 0; end < 2; end++) {
    dm_node *t = end ? dm_node_last_child(inner) : dm_node_first_child(inner);
    if (!t || dm_node_type_of(t) != DM_NODE_TEXT) continue;
    const char *s = dm_node_literal(t);
    size_t len = dm_node_literal_len(t), n = 0;
    while (n < len && strchr(" \t", end ? s[len - 1 - n] : s[n]))
      n++;
    if (n == 0 || n == len) continue;
    /* Leading whitespace of a block or of a line is no content: dropped,
     * as the reader drops it everywhere else, rather than moved. */
    const dm_node *up = outer;
    while (!end && up && !dm_node_prev(up) && dm_node_parent(up) &&
           dm_node_type_is_inline(dm_node_type_of(dm_node_parent(up))))
      up = dm_node_parent(up);
    const dm_node *before = dm_node_prev(up);
    dm_node_type bt = before ? dm_node_type_of(before) : DM_NODE_NONE;
    if (!end && bt == DM_NODE_TEXT && up == outer) {
      /* One text node before it, as the reader makes text. */
      if (dm_node_append_literal((dm_node *)before, s, n) != DM_OK)
        return akn_read_fail(rd, DM_ENOMEM, "out of memory");
    } else if (end || (before && bt != DM_NODE_SOFTBREAK && bt != DM_NODE_LINEBREAK)) {
      dm_node *ws = dm_node_new_text(rd->doc, end ? s + len - n : s, n);
      if (!ws) return akn_read_fail(rd, DM_ENOMEM, "out of memory");
      if ((end ? dm_node_insert_after(outer, ws) : dm_node_insert_before(outer, ws)) != DM_OK)
        return akn_read_fail(rd, DM_EINTERNAL, "cannot move a space out of emphasis");
    }
    if (end)
      dm_node_set_literal(t, s, len - n);
    else
      dm_node_set_literal(t, s + n, len - n);
  }
  return rd->status;
}

/* AKN writes a link and a cited document symbol alike, <ref href>. In AKN
 * from elsewhere, a ref whose href is not a URL (no scheme, no path or
 * fragment of one) and is exactly its text is a symbol ("A/75/471"): the
 * model's span class ref with its href, as the resolution recogniser makes
 * it. AKN from docmill says which is which (dm:node), so there the guess
 * would only turn a Markdown link [A/75/471](A/75/471) into a span. */
static int akn_ref_as_span(akn_reader *rd, dm_node *link) {
  if (rd->docmill) return DM_OK;
  const char *url = dm_node_url(link);
  if (!*url || url[0] == '#' || url[0] == '/' || url[0] == '.' || *dm_node_title(link)) return DM_OK;
  for (const char *p = url; *p && *p != '/'; p++)
    if (*p == ':') return DM_OK;
  char *text = dm_node_text_content(link);
  if (!text) return akn_read_fail(rd, DM_ENOMEM, "out of memory");
  if (strcmp(text, url) != 0) return DM_OK;
  dm_node *span = akn_read_new(rd, DM_NODE_SPAN);
  if (!span) return rd->status;
  if (dm_node_set_class(span, "ref") != DM_OK || dm_node_set_attr(span, "href", url) != DM_OK)
    return akn_read_fail(rd, DM_ENOMEM, "out of memory");
  for (size_t i = 0; i < dm_node_attr_count(link); i++)
    if (dm_node_set_attr(span, dm_node_attr_key(link, i), dm_node_attr_value(link, i)) != DM_OK)
      return akn_read_fail(rd, DM_ENOMEM, "out of memory");
  if (dm_node_insert_before(link, span) != DM_OK || dm_node_move_children(span, link) != DM_OK)
    return akn_read_fail(rd, DM_EINTERNAL, "cannot turn a ref into a span");
  dm_node_unlink(link);
  return DM_OK;
}

int akn_elem_end(akn_reader *rd) {
  akn_frame *f = akn_read_top(rd);
  if (f->mode == AKN_M_COLLECT && f->kind == K_NUM) return akn_end_num(rd, f);
  if (f->mode == AKN_M_COLLECT && (f->flags & AKN_F_LITERAL)) {
    rd->depth--;
    if (dm_node_set_literal(f->created, rd->collect.data ? rd->collect.data : "", rd->collect.len) != DM_OK)
      return akn_read_fail(rd, DM_ENOMEM, "out of memory");
    rd->collect.len = 0;
    return DM_OK;
  }
  akn_frame done = *f;
  if (done.flags & AKN_F_HLEVEL) rd->hlevel = done.level;
  rd->depth--;
  akn_frame *parent = akn_read_top(rd);
  if (done.mode == AKN_M_BLOCK && done.implicit && dm_node_type_of(done.implicit) == DM_NODE_PARAGRAPH)
    akn_read_trim_trailing(done.implicit);
  switch (done.kind) {
  case K_DOCTYPE: rd->doc_elements--; break;
  case K_META:
    if (parent && parent->mode != AKN_M_META) return akn_meta_end(rd);
    break;
  case K_HIER:
  case K_PARAGRAPH:
    if (done.is_div && done.created && dm_node_role(done.created) == DM_ROLE_SECTION && rd->sections_open > 0)
      rd->sections_open--;
    break;
  case K_TR:
    if (done.created && dm_node_type_of(done.created) == DM_NODE_TABLE_ROW)
      dm_node_set_row_header(done.created, done.th_cells && !done.td_cells);
    break;
  case K_NOTE:
    /* The note is content of the paragraph around it. */
    rd->inline_empty = 0;
    return DM_OK;
  case K_I:
  case K_B:
    if (done.created) return akn_styled_ws_out(rd, done.created);
    break;
  case K_LINK:
    if (done.created) return akn_ref_as_span(rd, done.created);
    break;
  case K_SPAN:
    if (done.created && !rd->part && rd->doc_elements <= 1 && strcmp(dm_node_class(done.created), "docTitle") == 0 &&
        !dm_doc_meta(rd->doc, DM_META_TITLE)) {
      char *t = dm_node_text_content(done.created);
      if (!t || dm_doc_set_meta(rd->doc, DM_META_TITLE, t) != DM_OK)
        return akn_read_fail(rd, DM_ENOMEM, "out of memory");
    }
    break;
  default: break;
  }
  if (done.mode == AKN_M_INLINE && done.created) {
    dm_node_type t = dm_node_type_of(done.created);
    if (t == DM_NODE_PARAGRAPH || t == DM_NODE_HEADING) akn_read_trim_trailing(done.created);
  }
  return rd->status;
}
