/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the AKN writers on trees built through the API: a small
 * resolution and a document holding every node type are written, parsed
 * back with libxml2, validated against the official schema (DM_AKN_SCHEMA)
 * and queried with XPath for what the writer promises: the FRBR
 * identification, eIds of the Naming Convention and their uniqueness, note
 * markers and references, spans as AKN elements, characters XML cannot
 * hold, byte-identical output, and the package's main.xml.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <zip.h>

#include "akn_common.h"
#include "docmill/docmill.h"

static xmlSchemaPtr schema;

static int setup(void **state) {
  (void)state;
  xmlInitParser();
  const char *path = getenv("DM_AKN_SCHEMA");
  FILE *f = path ? fopen(path, "rb") : NULL;
  if (f) {
    fclose(f);
    xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(path);
    schema = xmlSchemaParse(pc);
    xmlSchemaFreeParserCtxt(pc);
  }
  if (!schema) fprintf(stderr, "note: no AKN schema (DM_AKN_SCHEMA); schema checks skipped\n");
  return 0;
}

static int teardown(void **state) {
  (void)state;
  xmlSchemaFree(schema);
  return 0;
}

/* ---- building trees ---- */

static dm_node *add(dm_node *parent, dm_node *child) {
  assert_non_null(child);
  assert_int_equal(dm_node_append_child(parent, child), DM_OK);
  return child;
}

static dm_node *text(dm_doc *d, const char *s) { return dm_node_new_text(d, s, strlen(s)); }

static dm_node *para(dm_doc *d, dm_node *parent, const char *s) {
  dm_node *p = add(parent, dm_node_new(d, DM_NODE_PARAGRAPH));
  if (s) add(p, text(d, s));
  return p;
}

static dm_node *span(dm_doc *d, dm_node *parent, const char *cls, const char *s, const char *k, const char *v) {
  dm_node *sp = add(parent, dm_node_new(d, DM_NODE_SPAN));
  dm_node_set_class(sp, cls);
  if (k) dm_node_set_attr(sp, k, v);
  add(sp, text(d, s));
  return sp;
}

static dm_node *note(dm_doc *d, dm_node *parent, const char *marker, const char *s) {
  dm_node *n = add(parent, dm_node_new(d, DM_NODE_NOTE));
  if (marker) dm_node_set_label(n, marker);
  para(d, n, s);
  return n;
}

static dm_doc *resolution(void) {
  dm_doc *d = dm_doc_new();
  dm_node *root = dm_doc_root(d);
  dm_doc_set_meta(d, DM_META_DOC_TYPE, "resolution");
  dm_doc_set_meta(d, DM_META_NUMBER, "75/158");
  dm_doc_set_meta(d, DM_META_LANGUAGE, "en");
  dm_doc_set_meta(d, DM_META_DATE, "2020-12-16");
  dm_doc_set_meta(d, DM_META_MEETING, "46");
  dm_doc_set_meta(d, "x-free", "kept");
  dm_node *preface = add(root, dm_node_new_div(d, DM_ROLE_PREFACE, NULL));
  dm_node *p = para(d, preface, NULL);
  span(d, p, "docNumber", "75/158", NULL, NULL);
  add(p, text(d, ". "));
  span(d, p, "docTitle", "Trafficking", NULL, NULL);
  p = para(d, preface, "Item ");
  span(d, p, "docketNumber", "28", "value", "28");
  /* A cited symbol and a link that looks the same: both are <ref href>. */
  p = para(d, preface, "Report ");
  span(d, p, "ref", "A/75/471", "href", "A/75/471");
  add(p, text(d, " "));
  dm_node *link = add(p, dm_node_new(d, DM_NODE_LINK));
  dm_node_set_url(link, "A/75/471");
  add(link, text(d, "A/75/471"));
  dm_node *pre = add(root, dm_node_new_div(d, DM_ROLE_PREAMBLE, NULL));
  para(d, add(pre, dm_node_new_div(d, DM_ROLE_FORMULA, NULL)), "The General Assembly,");
  dm_node *first_note = NULL;
  for (int i = 0; i < 3; i++) {
    dm_node *r = add(pre, dm_node_new_div(d, DM_ROLE_RECITAL, NULL));
    p = para(d, r, "Recalling");
    if (i == 1) first_note = note(d, p, "1", "Treaty Series.");
  }
  dm_node *body = add(root, dm_node_new_div(d, DM_ROLE_MAIN_BODY, NULL));
  para(d, add(body, dm_node_new_div(d, DM_ROLE_PARAGRAPH, "1.")), "Welcomes");
  dm_node *p2 = add(body, dm_node_new_div(d, DM_ROLE_PARAGRAPH, "2."));
  p = para(d, p2, "Urges:");
  dm_node *ref = add(p, dm_node_new(d, DM_NODE_NOTE_REF));
  dm_node_set_label(ref, "1");
  dm_node_set_note_target(ref, first_note);
  const char *labels[] = {"(a)", "(b)"};
  for (int i = 0; i < 2; i++) {
    dm_node *pt = add(p2, dm_node_new_div(d, DM_ROLE_POINT, labels[i]));
    p = para(d, pt, "to act");
    if (i == 1) note(d, p, NULL, "Unmarked note.");
  }
  dm_node *concl = add(root, dm_node_new_div(d, DM_ROLE_CONCLUSIONS, NULL));
  p = para(d, concl, NULL);
  span(d, p, "meeting", "46th plenary meeting", "value", "46");
  p = para(d, concl, NULL);
  span(d, p, "docDate", "16 December 2020", "date", "2020-12-16");
  return d;
}

/* ---- writing and querying ---- */

static char *write_doc(const dm_doc *doc, const char *writer, size_t *len, dm_ctx **ctx_out) {
  dm_registry *reg = dm_registry_new_builtin();
  dm_ctx *ctx = dm_ctx_new(reg);
  const dm_writer *w = dm_registry_writer(reg, writer);
  assert_non_null(w);
  dm_sink *sink = dm_sink_new_memory();
  int rc = dm_write(ctx, w, doc, sink);
  if (rc != DM_OK) fprintf(stderr, "%s\n", dm_ctx_error(ctx));
  assert_int_equal(rc, DM_OK);
  const char *data = dm_sink_memory_data(sink, len);
  char *copy = malloc(*len + 1);
  memcpy(copy, data, *len + 1);
  dm_sink_free(sink);
  if (ctx_out) {
    *ctx_out = ctx;
  } else {
    dm_ctx_free(ctx);
    dm_registry_free(reg);
  }
  return copy;
}

static xmlDocPtr parse_valid(const char *xml, size_t len) {
  xmlParserCtxtPtr pc = xmlNewParserCtxt();
  xmlDocPtr doc = xmlCtxtReadMemory(pc, xml, (int)len, "akn.xml", NULL, XML_PARSE_NONET);
  xmlFreeParserCtxt(pc);
  assert_non_null(doc);
  if (schema) {
    xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
    int rc = xmlSchemaValidateDoc(vc, doc);
    xmlSchemaFreeValidCtxt(vc);
    if (rc != 0) fprintf(stderr, "%s\n", xml);
    assert_int_equal(rc, 0);
  }
  return doc;
}

/* The XPath result as a string (a node set: its count). */
static char *xp(xmlDocPtr doc, const char *expr) {
  static char buf[512];
  xmlXPathContextPtr x = xmlXPathNewContext(doc);
  xmlXPathRegisterNs(x, BAD_CAST "a", BAD_CAST AKN_NS);
  xmlXPathRegisterNs(x, BAD_CAST "dm", BAD_CAST AKN_DOCMILL_NS);
  xmlXPathRegisterNs(x, BAD_CAST "dma", BAD_CAST AKN_DOCMILL_ATTR_NS);
  xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST expr, x);
  assert_non_null(r);
  if (r->type == XPATH_NODESET) {
    snprintf(buf, sizeof buf, "%d", r->nodesetval ? r->nodesetval->nodeNr : 0);
  } else {
    xmlChar *s = xmlXPathCastToString(r);
    snprintf(buf, sizeof buf, "%s", (const char *)s);
    xmlFree(s);
  }
  xmlXPathFreeObject(r);
  xmlXPathFreeContext(x);
  return buf;
}

static void assert_eids_unique(xmlDocPtr doc) {
  /* Every eId differs from every eId after it. */
  assert_string_equal(xp(doc, "count(//@eId[. = following::*/@eId or . = ../descendant::*/@eId])"), "0");
}

/* ---- tests ---- */

static void test_resolution(void **state) {
  (void)state;
  dm_doc *d = resolution();
  size_t len;
  char *xml = write_doc(d, "akn", &len, NULL);
  xmlDocPtr doc = parse_valid(xml, len);
  assert_string_equal(xp(doc, "string(/a:akomaNtoso/a:statement/@name)"), "resolution");
  assert_string_equal(xp(doc, "string(//a:FRBRWork/a:FRBRthis/@value)"),
                      "/akn/un/statement/deliberation/unga/2020-12-16/75-158/!main/");
  assert_string_equal(xp(doc, "string(//a:FRBRExpression/a:FRBRthis/@value)"),
                      "/akn/un/statement/deliberation/unga/2020-12-16/75-158/eng@!main/");
  assert_string_equal(xp(doc, "string(//a:FRBRnumber/@showAs)"), "75/158");
  assert_string_equal(xp(doc, "string(//a:FRBRlanguage/@language)"), "eng");
  assert_string_equal(xp(doc, "string(//a:preamble/a:formula/@name)"), "enactingFormula");
  /* Preambular clauses as the UN writes them: a container each, named
   * after its lead words ("recital" when it opens with no emphasis). */
  assert_string_equal(xp(doc, "count(//a:preamble/a:container)"), "3");
  assert_string_equal(xp(doc, "string(//a:preamble/a:container[1]/@name)"), "recital");
  /* eIds as the UN's files have them, counted by hand on the tree above:
   * the parts (preface, preamble, mainBody) take none, the formula and
   * containers are numbered together across the preamble (formula_1,
   * container_2, ...), notes across the document (authorialNote_N). */
  assert_string_equal(xp(doc, "count(//a:preface/@eId | //a:preamble/@eId | //a:mainBody/@eId)"), "0");
  assert_string_equal(xp(doc, "string(//a:preamble/a:formula/@eId)"), "formula_1");
  assert_string_equal(xp(doc, "string(//a:preamble/a:container[1]/@eId)"), "container_2");
  assert_string_equal(xp(doc, "string(//a:preamble/a:container[2]/@eId)"), "container_3");
  assert_string_equal(xp(doc, "string(//a:preamble/a:container[3]/@eId)"), "container_4");
  assert_string_equal(xp(doc, "string(//a:paragraph[1]/@eId)"), "para_1");
  assert_string_equal(xp(doc, "string(//a:paragraph[2]/@eId)"), "para_2");
  assert_string_equal(xp(doc, "string(//a:paragraph[2]/a:num)"), "2.");
  assert_string_equal(xp(doc, "string(//a:paragraph[2]/a:list/a:intro/a:p)"), "Urges:");
  assert_string_equal(xp(doc, "string(//a:paragraph[2]/a:list/@eId)"), "para_2__list_1");
  assert_string_equal(xp(doc, "string(//a:point[1]/@eId)"), "para_2__list_1__point_a");
  assert_string_equal(xp(doc, "string(//a:point[2]/@eId)"), "para_2__list_1__point_b");
  assert_string_equal(xp(doc, "string(//a:point[1]/a:content/a:p)"), "to act");
  assert_string_equal(xp(doc, "string(//a:preamble/a:container[2]//a:authorialNote/@eId)"), "authorialNote_1");
  assert_string_equal(xp(doc, "string(//a:preamble/a:container[2]//a:authorialNote/@marker)"), "1");
  assert_string_equal(xp(doc, "string(//a:preamble/a:container[2]//a:authorialNote/@placement)"), "bottom");
  /* The second reference points at the note, which is written once. */
  assert_string_equal(xp(doc, "string(//a:noteRef/@href)"), "#authorialNote_1");
  assert_string_equal(xp(doc, "count(//a:authorialNote)"), "2");
  /* A note without a marker is numbered by the writer, and says so. */
  assert_string_equal(xp(doc, "string(//a:point[2]//a:authorialNote/@marker)"), "1");
  assert_string_equal(xp(doc, "string(//a:point[2]//a:authorialNote/@dm:auto)"), "true");
  assert_string_equal(xp(doc, "string(//a:point[2]//a:authorialNote/@eId)"), "authorialNote_2");
  assert_string_equal(xp(doc, "string(//a:preface//a:docNumber)"), "75/158");
  /* The agenda item as the UN marks it; docketNumber is its job number. */
  assert_string_equal(xp(doc, "string(//a:preface//a:inline[@name='agenda item']/@dma:value)"), "28");
  assert_string_equal(xp(doc, "count(//a:docketNumber)"), "0");
  assert_string_equal(xp(doc, "string(//a:conclusions//a:docDate/@date)"), "2020-12-16");
  assert_string_equal(xp(doc, "string(//a:conclusions//a:inline[@name='meeting']/@refersTo)"), "#plenary-meeting-46");
  assert_string_equal(xp(doc, "string(//a:TLCEvent/@eId)"), "plenary-meeting-46");
  /* Only the span is marked, so the reader tells the two apart. */
  assert_string_equal(xp(doc, "count(//a:preface//a:ref[@href='A/75/471'])"), "2");
  assert_string_equal(xp(doc, "count(//a:preface//a:ref[@dm:node='span'])"), "1");
  assert_string_equal(xp(doc, "string(//a:preface//a:p[a:ref]/a:ref[1]/@dm:node)"), "span");
  assert_string_equal(xp(doc, "count(//a:preface//a:p[a:ref]/a:ref[2]/@dm:node)"), "0");
  assert_string_equal(xp(doc, "string(//a:proprietary/dm:meta[@key='x-free']/@value)"), "kept");
  assert_eids_unique(doc);
  xmlFreeDoc(doc);
  /* Deterministic: the same tree gives the same bytes. */
  size_t len2;
  char *again = write_doc(d, "akn", &len2, NULL);
  assert_int_equal(len, len2);
  assert_memory_equal(xml, again, len);
  free(again);
  free(xml);
  dm_doc_free(d);
}

static void test_every_node_type(void **state) {
  (void)state;
  dm_doc *d = dm_doc_new();
  dm_node *root = dm_doc_root(d);
  dm_doc_set_meta(d, DM_META_LANGUAGE, "fr-CA");
  dm_node *h = add(root, dm_node_new(d, DM_NODE_HEADING));
  dm_node_set_heading_level(h, 2);
  add(h, text(d, "Title"));
  dm_node *p = para(d, root, "a ");
  static const dm_node_type inl[] = {DM_NODE_EMPH,      DM_NODE_STRONG,      DM_NODE_STRIKE,
                                     DM_NODE_UNDERLINE, DM_NODE_SUPERSCRIPT, DM_NODE_SUBSCRIPT};
  for (size_t i = 0; i < sizeof inl / sizeof inl[0]; i++)
    add(add(p, dm_node_new(d, inl[i])), text(d, "x"));
  add(p, dm_node_new(d, DM_NODE_SOFTBREAK));
  add(p, dm_node_new(d, DM_NODE_LINEBREAK));
  dm_node *code = add(p, dm_node_new(d, DM_NODE_CODE));
  dm_node_set_literal(code, "x<y", 3);
  dm_node *link = add(p, dm_node_new(d, DM_NODE_LINK));
  dm_node_set_url(link, "https://example.org/a?b=1&c=2");
  add(link, text(d, "link"));
  dm_node *img = add(p, dm_node_new(d, DM_NODE_IMAGE));
  dm_node_set_url(img, "media/x.png");
  add(img, text(d, "alt"));
  dm_node *raw = add(p, dm_node_new(d, DM_NODE_RAW_INLINE));
  dm_node_set_label(raw, "html");
  dm_node_set_literal(raw, "<br>", 4);
  add(p, text(d, "bell\a here"));
  span(d, p, "unknownClass", "u", "k", "v");
  span(d, p, "docDate", "someday", "date", "not a date");
  add(root, dm_node_new(d, DM_NODE_THEMATIC_BREAK));
  add(root, dm_node_new(d, DM_NODE_PAGE_BREAK));
  dm_node *cb = add(root, dm_node_new(d, DM_NODE_CODE_BLOCK));
  dm_node_set_literal(cb, "a\n  b\n", 6);
  dm_node_set_label(cb, "c");
  dm_node *q = add(root, dm_node_new(d, DM_NODE_BLOCK_QUOTE));
  para(d, q, "quoted");
  dm_node *ol = add(root, dm_node_new(d, DM_NODE_LIST));
  dm_node_set_list(ol, 1, 3, 1, ')');
  for (int i = 0; i < 2; i++)
    para(d, add(ol, dm_node_new(d, DM_NODE_ITEM)), "item");
  dm_node *star = add(root, dm_node_new(d, DM_NODE_LIST));
  dm_node_set_list(star, 0, 1, 1, '*');
  para(d, add(star, dm_node_new(d, DM_NODE_ITEM)), "starred");
  dm_node *bl = add(root, dm_node_new(d, DM_NODE_LIST));
  dm_node_set_list(bl, 0, 1, 0, '-');
  dm_node *it = add(bl, dm_node_new(d, DM_NODE_ITEM));
  add(it, dm_node_new(d, DM_NODE_CODE_BLOCK));
  dm_node *t = add(root, dm_node_new(d, DM_NODE_TABLE));
  dm_node *row = add(t, dm_node_new(d, DM_NODE_TABLE_ROW));
  dm_node_set_row_header(row, 1);
  dm_node *cell = add(row, dm_node_new(d, DM_NODE_TABLE_CELL));
  dm_node_set_cell_align(cell, DM_ALIGN_RIGHT);
  para(d, cell, "h");
  dm_node *art = add(root, dm_node_new_div(d, DM_ROLE_SECTION, "1"));
  dm_node_set_class(art, "article");
  para(d, art, "article text");
  dm_node *h3 = add(root, dm_node_new(d, DM_NODE_HEADING));
  dm_node_set_heading_level(h3, 3);
  add(h3, text(d, "Deeper"));
  dm_node *div = add(root, dm_node_new_div(d, DM_ROLE_NONE, NULL));
  dm_node_set_attr(div, "lang", "en");
  para(d, div, "in a div");

  dm_ctx *ctx;
  size_t len;
  char *xml = write_doc(d, "akn", &len, &ctx);
  xmlDocPtr doc = parse_valid(xml, len);
  assert_string_equal(xp(doc, "string(/a:akomaNtoso/a:doc/@name)"), "document");
  assert_string_equal(xp(doc, "string(//a:FRBRlanguage/@language)"), "fra");
  assert_string_equal(xp(doc, "string(//a:section[@class='h2']/a:heading)"), "Title");
  assert_string_equal(xp(doc, "count(//a:section[@class='h2']/a:section[@class='h3'])"), "1");
  assert_string_equal(xp(doc, "count(//a:p/a:i | //a:p/a:b | //a:p/a:del | //a:p/a:u | //a:p/a:sup | //a:p/a:sub)"),
                      "6");
  assert_string_equal(xp(doc, "string(//a:inline[@name='code'])"), "x<y");
  assert_string_equal(xp(doc, "string(//a:ref/@href)"), "https://example.org/a?b=1&c=2");
  assert_string_equal(xp(doc, "string(//a:img/@alt)"), "alt");
  assert_string_equal(xp(doc, "string(//a:inline[@name='unknownClass']/@dma:k)"), "v");
  assert_string_equal(xp(doc, "string(//a:inline[@name='docDate']/@dma:date)"), "not a date");
  assert_string_equal(xp(doc, "string(//a:block[@name='code'])"), "a\n  b\n");
  assert_string_equal(xp(doc, "string(//a:block[@name='code']/@dm:info)"), "c");
  assert_string_equal(xp(doc, "string(//a:ol/a:li[2]/@value)"), "4");
  assert_string_equal(xp(doc, "string(//a:ol/@dm:delim)"), ")");
  assert_string_equal(xp(doc, "string(//a:blockList/@class)"), "bullet loose");
  /* The bullet is kept when it is not the default '-'. */
  assert_string_equal(xp(doc, "string(//a:ul/@dm:delim)"), "*");
  assert_string_equal(xp(doc, "count(//a:blockList/@dm:delim)"), "0");
  assert_string_equal(xp(doc, "string(//a:th/@class)"), "right");
  assert_string_equal(xp(doc, "string(//a:article/a:num)"), "1");
  assert_string_equal(xp(doc, "string(//a:blockContainer[@class='blockquote']/a:p)"), "quoted");
  assert_string_equal(xp(doc, "string(//*[@xml:lang='en']//a:p)"), "in a div");
  /* BEL cannot stand in XML 1.0: it is U+FFFD, with one warning. */
  assert_non_null(strstr(xml, "bell\xEF\xBF\xBD here"));
  int warned = 0;
  for (size_t i = 0; i < dm_ctx_diag_count(ctx); i++)
    if (dm_ctx_diag(ctx, i)->code == DM_DIAG_INVALID_CHAR) warned++;
  assert_int_equal(warned, 1);
  assert_eids_unique(doc);
  xmlFreeDoc(doc);
  free(xml);
  const dm_registry *reg = dm_ctx_registry(ctx);
  dm_ctx_free(ctx);
  dm_registry_free((dm_registry *)reg);
  dm_doc_free(d);
}

static void test_duplicate_labels_and_depth(void **state) {
  (void)state;
  dm_doc *d = dm_doc_new();
  dm_doc_set_meta(d, DM_META_DOC_TYPE, "resolution");
  dm_node *body = add(dm_doc_root(d), dm_node_new_div(d, DM_ROLE_MAIN_BODY, NULL));
  /* Printed twice with the same number, and once with none. */
  para(d, add(body, dm_node_new_div(d, DM_ROLE_PARAGRAPH, "1.")), "a");
  para(d, add(body, dm_node_new_div(d, DM_ROLE_PARAGRAPH, "1.")), "b");
  para(d, add(body, dm_node_new_div(d, DM_ROLE_PARAGRAPH, NULL)), "c");
  /* Blocks between units, and points nested 60 deep (libxml2 reads 256 levels without XML_PARSE_HUGE, and each point
   * takes a list and a point). */
  para(d, body, "between");
  dm_node *cur = add(body, dm_node_new_div(d, DM_ROLE_PARAGRAPH, "3."));
  for (int i = 0; i < 60; i++)
    cur = add(cur, dm_node_new_div(d, DM_ROLE_POINT, "(a)"));
  para(d, cur, "deep");
  size_t len;
  char *xml = write_doc(d, "akn", &len, NULL);
  xmlDocPtr doc = parse_valid(xml, len);
  assert_string_equal(xp(doc, "string(//a:paragraph[1]/@eId)"), "para_1");
  assert_string_equal(xp(doc, "string(//a:paragraph[2]/@eId)"), "para_1-2");
  assert_string_equal(xp(doc, "string(//a:paragraph[3]/@eId)"), "para_1-3");
  assert_string_equal(xp(doc, "count(//a:point)"), "60");
  assert_eids_unique(doc);
  xmlFreeDoc(doc);
  free(xml);
  dm_doc_free(d);
}

/* The dump of a tree by the native writer, malloc'd. */
static char *native_dump(const dm_doc *d) {
  size_t len;
  return write_doc(d, "native", &len, NULL);
}

/* Node attributes named like docmill's own marks (dm:role, dm:delim,
 * dm:info, dm:format, dm:auto, dm:node) once made one element carry the
 * same attribute twice, which is not XML. They now live in a namespace of
 * their own: the output is well-formed and valid, each mark and each
 * attribute keeps its value, and the AKN reads back to the same tree. */
static void test_attrs_named_like_marks(void **state) {
  (void)state;
  dm_doc *d = dm_doc_new();
  /* In a main_body div, as the reader gives back AKN's mainBody. */
  dm_node *root = add(dm_doc_root(d), dm_node_new_div(d, DM_ROLE_MAIN_BODY, NULL));
  dm_node *comp = add(root, dm_node_new_div(d, DM_ROLE_COMPONENT, NULL));
  dm_node_set_attr(comp, "role", "user-role");
  para(d, comp, "in a component");
  dm_node *q = add(root, dm_node_new(d, DM_NODE_BLOCK_QUOTE));
  dm_node *box = add(q, dm_node_new_div(d, DM_ROLE_COMPONENT, NULL));
  dm_node_set_attr(box, "role", "boxed-role");
  para(d, box, "in a box");
  dm_node *ol = add(root, dm_node_new(d, DM_NODE_LIST));
  dm_node_set_list(ol, 1, 1, 1, ')');
  dm_node_set_attr(ol, "delim", "user-delim");
  para(d, add(ol, dm_node_new(d, DM_NODE_ITEM)), "item");
  dm_node *cb = add(root, dm_node_new(d, DM_NODE_CODE_BLOCK));
  dm_node_set_literal(cb, "x\n", 2);
  dm_node_set_label(cb, "c");
  dm_node_set_attr(cb, "info", "user-info");
  dm_node *rb = add(root, dm_node_new(d, DM_NODE_RAW_BLOCK));
  dm_node_set_literal(rb, "<hr>\n", 5);
  dm_node_set_label(rb, "html");
  dm_node_set_attr(rb, "format", "user-format");
  dm_node *p = para(d, root, "See ");
  dm_node *ref = span(d, p, "ref", "A/75/471", "href", "A/75/471");
  dm_node_set_attr(ref, "node", "user-node");
  dm_node *n = note(d, p, NULL, "Unmarked.");
  dm_node_set_attr(n, "auto", "user-auto");
  assert_int_equal(dm_doc_check(d, NULL), DM_OK);

  size_t len;
  dm_ctx *ctx;
  char *xml = write_doc(d, "akn", &len, &ctx);
  xmlDocPtr doc = parse_valid(xml, len);
  assert_string_equal(xp(doc, "string(//a:hcontainer[@name='component']/@dm:role)"), "component");
  assert_string_equal(xp(doc, "string(//a:hcontainer[@name='component']/@dma:role)"), "user-role");
  assert_string_equal(xp(doc, "string(//a:blockContainer[@dm:role]/@dm:role)"), "component");
  assert_string_equal(xp(doc, "string(//a:blockContainer[@dm:role]/@dma:role)"), "boxed-role");
  assert_string_equal(xp(doc, "string(//a:ol/@dm:delim)"), ")");
  assert_string_equal(xp(doc, "string(//a:ol/@dma:delim)"), "user-delim");
  assert_string_equal(xp(doc, "string(//a:block[@name='code']/@dm:info)"), "c");
  assert_string_equal(xp(doc, "string(//a:block[@name='code']/@dma:info)"), "user-info");
  assert_string_equal(xp(doc, "string(//a:block[@name='raw']/@dm:format)"), "html");
  assert_string_equal(xp(doc, "string(//a:block[@name='raw']/@dma:format)"), "user-format");
  assert_string_equal(xp(doc, "string(//a:ref/@dm:node)"), "span");
  assert_string_equal(xp(doc, "string(//a:ref/@dma:node)"), "user-node");
  assert_string_equal(xp(doc, "string(//a:authorialNote/@dm:auto)"), "true");
  assert_string_equal(xp(doc, "string(//a:authorialNote/@dma:auto)"), "user-auto");
  xmlFreeDoc(doc);

  /* Read back, when the reader is built: the same tree. */
  const dm_reader *r = dm_registry_reader(dm_ctx_registry(ctx), "akn");
  if (r) {
    unsigned char *buf = calloc(1, len + DM_PROBE_PADDING + 1);
    assert_non_null(buf);
    memcpy(buf, xml, len);
    dm_input in = {buf, len, NULL, NULL};
    dm_doc *back = NULL;
    assert_int_equal(dm_read(ctx, r, &in, &back), DM_OK);
    free(buf);
    /* The eIds the writer made come back as the nodes' own (so that a
     * second write keeps them); apart from them and the document
     * element's type and name, the same tree. */
    dm_iter *it = dm_iter_new(dm_doc_root(back));
    assert_non_null(it);
    int eids = 0;
    while (dm_iter_next(it) != DM_EVENT_DONE)
      if (dm_node_attr(dm_iter_node(it), "eId")) eids++, dm_node_set_attr(dm_iter_node(it), "eId", NULL);
    dm_iter_free(it);
    assert_int_equal(eids, 5);
    /* So do the document element and its name. */
    assert_string_equal(dm_doc_meta(back, "akn:type"), "doc");
    assert_string_equal(dm_doc_meta(back, "akn:name"), "document");
    dm_doc_set_meta(back, "akn:type", NULL);
    dm_doc_set_meta(back, "akn:name", NULL);
    char *want = native_dump(d), *got = native_dump(back);
    assert_string_equal(got, want);
    free(want);
    free(got);
    dm_doc_free(back);
  }
  free(xml);
  const dm_registry *reg = dm_ctx_registry(ctx);
  dm_ctx_free(ctx);
  dm_registry_free((dm_registry *)reg);
  dm_doc_free(d);
}

static void test_package(void **state) {
  (void)state;
  dm_doc *d = resolution();
  size_t len, len2;
  char *zipped = write_doc(d, "akn-package", &len, NULL);
  char *again = write_doc(d, "akn-package", &len2, NULL);
  assert_int_equal(len, len2);
  assert_memory_equal(zipped, again, len);
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t *src = zip_source_buffer_create(zipped, len, 0, &err);
  zip_t *za = zip_open_from_source(src, ZIP_RDONLY, &err);
  assert_non_null(za);
  assert_int_equal(zip_get_num_entries(za, 0), 1);
  assert_string_equal(zip_get_name(za, 0, 0), "main.xml");
  zip_stat_t st;
  assert_int_equal(zip_stat_index(za, 0, 0, &st), 0);
  char *xml = malloc(st.size + 1);
  zip_file_t *zf = zip_fopen_index(za, 0, 0);
  assert_int_equal(zip_fread(zf, xml, st.size), (zip_int64_t)st.size);
  zip_fclose(zf);
  zip_close(za);
  xmlDocPtr doc = parse_valid(xml, st.size);
  assert_string_equal(xp(doc, "string(//a:FRBRManifestation/a:FRBRuri/@value)"),
                      "/akn/un/statement/deliberation/unga/2020-12-16/75-158/eng@.akn");
  xmlFreeDoc(doc);
  free(xml);
  free(zipped);
  free(again);
  dm_doc_free(d);
}

static void test_languages(void **state) {
  (void)state;
  char buf[4];
  static const char *const pairs[][2] = {
      {"zh", "zho"}, {"zh-Hans", "zho"}, {"en", "eng"},  {"fr", "fra"}, {"es", "spa"}, {"ru", "rus"},     {"ar", "ara"},
      {"AR", "ara"}, {"chi", "zho"},     {"deu", "deu"}, {"", "und"},   {"xx", "und"}, {"english", "und"}};
  for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
    assert_string_equal(akn_lang_to_639_2(pairs[i][0], buf), pairs[i][1]);
  assert_string_equal(akn_lang_to_639_1("zho"), "zh");
  assert_string_equal(akn_lang_to_639_1("fre"), "fr");
  assert_null(akn_lang_to_639_1("xyz"));
  assert_true(akn_is_iso_date("2020-12-16"));
  assert_false(akn_is_iso_date("2020-13-16"));
  assert_true(akn_is_iso_date("2020-02-29"));
  assert_false(akn_is_iso_date("2021-02-29"));
  assert_false(akn_is_iso_date("2021-04-31"));
  assert_false(akn_is_iso_date("0000-01-01"));
  assert_false(akn_is_iso_date("16 December 2020"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_resolution),
      cmocka_unit_test(test_every_node_type),
      cmocka_unit_test(test_duplicate_labels_and_depth),
      cmocka_unit_test(test_attrs_named_like_marks),
      cmocka_unit_test(test_package),
      cmocka_unit_test(test_languages),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
