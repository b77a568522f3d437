/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the DOCX writer on documents built through the API, so
 * that each expectation follows from the tree the test made by hand: the
 * paragraphs and styles of a resolution, footnote numbering in its three
 * cases and the second reference to a note, lists, tables, links, code,
 * languages and direction, reproducibility and dates, and hostile trees
 * (control characters, deep nesting, 10^5 notes, nothing at all). Every
 * package is also validated against the ECMA-376 schemas when they are
 * available.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "docx_testlib.h"

/* ---- building trees ----------------------------------------------------------- */

static dm_node *add(dm_node *parent, dm_node_type t) {
  dm_node *n = dm_node_new(dm_node_doc(parent), t);
  assert_non_null(n);
  assert_int_equal(dm_node_append_child(parent, n), DM_OK);
  return n;
}

static dm_node *text(dm_node *parent, const char *s) {
  dm_node *n = dm_node_new_text(dm_node_doc(parent), s, strlen(s));
  assert_int_equal(dm_node_append_child(parent, n), DM_OK);
  return n;
}

static dm_node *para(dm_node *parent, const char *s) {
  dm_node *p = add(parent, DM_NODE_PARAGRAPH);
  if (s) text(p, s);
  return p;
}

static dm_node *mkdiv(dm_node *parent, dm_role role, const char *label) {
  dm_node *d = dm_node_new_div(dm_node_doc(parent), role, label);
  assert_int_equal(dm_node_append_child(parent, d), DM_OK);
  return d;
}

static dm_node *note(dm_node *parent, const char *label, const char *body) {
  dm_node *n = add(parent, DM_NODE_NOTE);
  if (label) assert_int_equal(dm_node_set_label(n, label), DM_OK);
  para(n, body);
  return n;
}

static void assert_valid(const docx_out *o) {
  int v = tdocx_schema_valid(o);
  if (v < 0) {
    /* Visible in the test log: the schema part of the check did not run. */
    fprintf(stderr, "SKIP schema check: DM_OOXML_SCHEMAS not set or unreadable\n");
    return;
  }
  assert_int_equal(v, 1);
}

static void assert_str(xmlDocPtr d, const char *xpath, const char *want) {
  char *s = tdocx_str(d, xpath);
  if (strcmp(s, want) != 0) fprintf(stderr, "%s: got \"%s\", want \"%s\"\n", xpath, s, want);
  assert_string_equal(s, want);
  free(s);
}

#define NUM(d, x) ((long)tdocx_num((d), (x)))

/* ---- a resolution --------------------------------------------------------------- */

static void test_resolution(void **state) {
  (void)state;
  dm_doc *doc = dm_doc_new();
  dm_node *root = dm_doc_root(doc);
  assert_int_equal(dm_doc_set_meta(doc, DM_META_LANGUAGE, "zh"), DM_OK);
  assert_int_equal(dm_doc_set_meta(doc, DM_META_TITLE, "贩运妇女和女童"), DM_OK);
  dm_node *pre = mkdiv(root, DM_ROLE_PREFACE, NULL);
  text(add(pre, DM_NODE_HEADING), "大 会");
  dm_node *tp = add(pre, DM_NODE_HEADING);
  dm_node *span = add(tp, DM_NODE_SPAN);
  dm_node_set_class(span, "docTitle");
  text(span, "75/158. 贩运妇女和女童");
  dm_node *pa = mkdiv(root, DM_ROLE_PREAMBLE, NULL);
  para(mkdiv(pa, DM_ROLE_FORMULA, NULL), "大会，");
  para(mkdiv(pa, DM_ROLE_RECITAL, NULL), "再次强烈谴责贩运人口，");
  para(mkdiv(pa, DM_ROLE_RECITAL, NULL), "回顾所有国际公约，");
  dm_node *mb = mkdiv(root, DM_ROLE_MAIN_BODY, NULL);
  para(mkdiv(mb, DM_ROLE_PARAGRAPH, "1."), "注意到秘书长的报告；");
  dm_node *op2 = mkdiv(mb, DM_ROLE_PARAGRAPH, "2.");
  para(op2, "促请各国政府：");
  para(mkdiv(op2, DM_ROLE_POINT, "(a)"), "加强措施；");
  para(mkdiv(op2, DM_ROLE_POINT, "(b)"), "提供保护；");
  para(mkdiv(root, DM_ROLE_CONCLUSIONS, NULL), "2020 年 12 月 16 日");

  docx_out o = tdocx_write(doc);
  assert_int_equal(o.status, DM_OK);
  assert_valid(&o);
  xmlDocPtr d = tdocx_xml(&o, "word/document.xml");
  assert_non_null(d);
  /* 2 preface + 1 formula + 2 recitals + 2 operative + 2 points + 1 */
  assert_int_equal(NUM(d, "count(//w:p)"), 10);
  assert_int_equal(NUM(d, "count(//w:pStyle[@w:val='PrefaceHeading'])"), 1);
  assert_int_equal(NUM(d, "count(//w:pStyle[@w:val='ResolutionTitle'])"), 1);
  assert_int_equal(NUM(d, "count(//w:pStyle[@w:val='Formula'])"), 1);
  assert_int_equal(NUM(d, "count(//w:pStyle[@w:val='Preamble'])"), 2);
  assert_int_equal(NUM(d, "count(//w:pStyle[@w:val='Operative'])"), 2);
  assert_int_equal(NUM(d, "count(//w:pStyle[@w:val='OperativePoint'])"), 2);
  assert_int_equal(NUM(d, "count(//w:pStyle[@w:val='Conclusions'])"), 1);
  /* the number as printed, then a tab, then the text */
  assert_str(d, "//w:p[w:pPr/w:pStyle/@w:val='Operative'][2]/w:r[1]/w:t", "2.");
  assert_int_equal(NUM(d, "count(//w:p[w:pPr/w:pStyle/@w:val='Operative'][2]/w:r[1]/w:tab)"), 1);
  assert_str(d, "//w:p[w:pPr/w:pStyle/@w:val='Operative'][2]/w:r[2]/w:t", "促请各国政府：");
  /* sub-items one level further: label at 1 cm, text at 2 cm */
  assert_str(d, "//w:p[w:pPr/w:pStyle/@w:val='OperativePoint'][1]/w:r[1]/w:t", "(a)");
  assert_str(d, "//w:p[w:pPr/w:pStyle/@w:val='OperativePoint'][1]/w:pPr/w:ind/@w:left", "1134");
  assert_str(d, "//w:p[w:pPr/w:pStyle/@w:val='OperativePoint'][1]/w:pPr/w:ind/@w:hanging", "567");
  xmlFreeDoc(d);
  xmlDocPtr s = tdocx_xml(&o, "word/styles.xml");
  assert_str(s, "//w:rPrDefault//w:rFonts/@w:eastAsia", "SimSun");
  assert_str(s, "//w:rPrDefault//w:lang/@w:eastAsia", "zh-CN");
  assert_str(s, "//w:style[@w:styleId='Operative']/w:pPr/w:ind/@w:hanging", "567");
  assert_str(s, "//w:style[@w:styleId='Preamble']/w:pPr/w:ind/@w:firstLine", "567");
  xmlFreeDoc(s);
  xmlDocPtr c = tdocx_xml(&o, "docProps/core.xml");
  assert_str(c, "//dc:title", "贩运妇女和女童");
  assert_str(c, "//dc:language", "zh");
  xmlFreeDoc(c);
  tdocx_free(&o);
  dm_doc_free(doc);
}

/* ---- footnotes --------------------------------------------------------------------- */

static void test_footnotes_in_order(void **state) {
  (void)state;
  dm_doc *doc = dm_doc_new();
  dm_node *p = para(dm_doc_root(doc), "公约");
  note(p, "1", "联合国，《条约汇编》，第 2225 卷。");
  text(p, "议定书");
  note(p, "2", "同上，第 2237 卷。");
  note(para(dm_doc_root(doc), "x"), "3", "同上，第 2241 卷。");
  docx_out o = tdocx_write(doc);
  assert_int_equal(o.status, DM_OK);
  assert_valid(&o);
  xmlDocPtr d = tdocx_xml(&o, "word/document.xml");
  assert_int_equal(NUM(d, "count(//w:footnoteReference)"), 3);
  assert_int_equal(NUM(d, "count(//w:footnoteReference[@w:customMarkFollows])"), 0);
  assert_int_equal(NUM(d, "count(//w:r[w:rPr/w:rStyle/@w:val='FootnoteReference']/w:footnoteReference)"), 3);
  assert_str(d, "(//w:footnoteReference)[2]/@w:id", "2");
  xmlFreeDoc(d);
  xmlDocPtr f = tdocx_xml(&o, "word/footnotes.xml");
  assert_str(f, "/w:footnotes/w:footnote[1]/@w:type", "separator");
  assert_str(f, "/w:footnotes/w:footnote[2]/@w:type", "continuationSeparator");
  assert_int_equal(NUM(f, "count(/w:footnotes/w:footnote[not(@w:type)])"), 3);
  assert_int_equal(NUM(f, "count(//w:footnote[not(@w:type)]/w:p[1][w:pPr/w:pStyle/@w:val='FootnoteText']"
                          "[w:r[1]/w:footnoteRef])"),
                   3);
  assert_str(f, "//w:footnote[@w:id='2']", " 同上，第 2237 卷。");
  xmlFreeDoc(f);
  xmlDocPtr s = tdocx_xml(&o, "word/settings.xml");
  assert_int_equal(NUM(s, "count(//w:numStart)"), 0);
  assert_int_equal(NUM(s, "count(//w:footnotePr/w:footnote)"), 2);
  xmlFreeDoc(s);
  tdocx_free(&o);
  dm_doc_free(doc);
}

static void test_footnotes_start_12(void **state) {
  (void)state;
  dm_doc *doc = dm_doc_new();
  dm_node *p = para(dm_doc_root(doc), "a");
  note(p, "12", "twelve");
  note(p, "13", "thirteen");
  docx_out o = tdocx_write(doc);
  assert_int_equal(o.status, DM_OK);
  assert_valid(&o);
  xmlDocPtr s = tdocx_xml(&o, "word/settings.xml");
  assert_str(s, "//w:footnotePr/w:numStart/@w:val", "12");
  xmlFreeDoc(s);
  xmlDocPtr d = tdocx_xml(&o, "word/document.xml");
  assert_str(d, "//w:sectPr/w:footnotePr/w:numStart/@w:val", "12");
  assert_int_equal(NUM(d, "count(//w:footnoteReference[@w:customMarkFollows])"), 0);
  xmlFreeDoc(d);
  tdocx_free(&o);
  dm_doc_free(doc);
}

static void test_footnotes_custom_marks(void **state) {
  (void)state;
  dm_doc *doc = dm_doc_new();
  dm_node *p = para(dm_doc_root(doc), "a");
  note(p, "*", "star");
  note(p, "a", "letter");
  note(p, NULL, "unlabelled: numbered by its place");
  docx_out o = tdocx_write(doc);
  assert_int_equal(o.status, DM_OK);
  assert_valid(&o);
  xmlDocPtr d = tdocx_xml(&o, "word/document.xml");
  assert_int_equal(NUM(d, "count(//w:footnoteReference[@w:customMarkFollows='1'])"), 3);
  assert_str(d, "//w:r[w:footnoteReference/@w:id='1']/w:t", "*");
  assert_str(d, "//w:r[w:footnoteReference/@w:id='2']/w:t", "a");
  assert_str(d, "//w:r[w:footnoteReference/@w:id='3']/w:t", "3");
  xmlFreeDoc(d);
  xmlDocPtr f = tdocx_xml(&o, "word/footnotes.xml");
  assert_int_equal(NUM(f, "count(//w:footnoteRef)"), 0);
  assert_str(f, "//w:footnote[@w:id='1']/w:p[1]/w:r[1]/w:t", "*");
  xmlFreeDoc(f);
  tdocx_free(&o);
  dm_doc_free(doc);
}

/* pandoc#4647: a note referenced twice must stay one note. */
static void test_second_reference(void **state) {
  (void)state;
  dm_doc *doc = dm_doc_new();
  dm_node *p = para(dm_doc_root(doc), "first");
  dm_node *n = note(p, "1", "the note");
  dm_node *p2 = para(dm_doc_root(doc), "again");
  dm_node *ref = add(p2, DM_NODE_NOTE_REF);
  assert_int_equal(dm_node_set_note_target(ref, n), DM_OK);
  dm_node_set_label(ref, "1");
  docx_out o = tdocx_write(doc);
  assert_int_equal(o.status, DM_OK);
  assert_valid(&o);
  xmlDocPtr d = tdocx_xml(&o, "word/document.xml");
  assert_int_equal(NUM(d, "count(//w:footnoteReference)"), 1);
  assert_str(d, "//w:bookmarkStart/@w:name", "_RefNote1");
  assert_int_equal(NUM(d, "count(//w:p[2]//w:instrText[contains(., 'NOTEREF _RefNote1')])"), 1);
  assert_str(d, "//w:p[2]/w:r[w:rPr/w:rStyle/@w:val='FootnoteReference']/w:t", "1");
  xmlFreeDoc(d);
  xmlDocPtr f = tdocx_xml(&o, "word/footnotes.xml");
  assert_int_equal(NUM(f, "count(//w:footnote[not(@w:type)])"), 1);
  xmlFreeDoc(f);
  tdocx_free(&o);
  dm_doc_free(doc);
}

static void test_note_in_note(void **state) {
  (void)state;
  dm_doc *doc = dm_doc_new();
  dm_node *n = note(para(dm_doc_root(doc), "x"), "1", "outer ");
  note(dm_node_first_child(n), "2", "inner");
  docx_out o = tdocx_write(doc);
  assert_int_equal(o.status, DM_OK);
  assert_valid(&o);
  assert_int_equal(tdocx_warnings(&o, DM_DIAG_UNSUPPORTED), 1);
  xmlDocPtr f = tdocx_xml(&o, "word/footnotes.xml");
  assert_int_equal(NUM(f, "count(//w:footnote[not(@w:type)])"), 1);
  assert_int_equal(NUM(f, "count(//w:footnote[contains(., 'inner')])"), 1);
  xmlFreeDoc(f);
  tdocx_free(&o);
  dm_doc_free(doc);
}

/* ---- generic documents ---------------------------------------------------------------- */

static void test_lists(void **state) {
  (void)state;
  dm_doc *doc = dm_doc_new();
  dm_node *ol = add(dm_doc_root(doc), DM_NODE_LIST);
  dm_node_set_list(ol, 1, 3, 1, ')');
  para(add(ol, DM_NODE_ITEM), "three");
  dm_node *it = add(ol, DM_NODE_ITEM);
  para(it, "four");
  dm_node *ul = add(it, DM_NODE_LIST);
  dm_node_set_list(ul, 0, 1, 1, '-');
  para(add(ul, DM_NODE_ITEM), "bullet");
  add(ul, DM_NODE_ITEM); /* an empty item keeps its bullet */
  docx_out o = tdocx_write(doc);
  assert_int_equal(o.status, DM_OK);
  assert_valid(&o);
  xmlDocPtr d = tdocx_xml(&o, "word/document.xml");
  assert_int_equal(NUM(d, "count(//w:p)"), 4);
  assert_int_equal(NUM(d, "count(//w:p[w:pPr/w:numPr/w:numId/@w:val='1'])"), 2);
  assert_int_equal(NUM(d, "count(//w:p[w:pPr/w:numPr/w:numId/@w:val='2'][w:pPr/w:numPr/w:ilvl/@w:val='1'])"), 2);
  xmlFreeDoc(d);
  xmlDocPtr n = tdocx_xml(&o, "word/numbering.xml");
  assert_non_null(n);
  assert_str(n, "//w:abstractNum[@w:abstractNumId='1']/w:lvl[@w:ilvl='0']/w:start/@w:val", "3");
  assert_str(n, "//w:abstractNum[@w:abstractNumId='1']/w:lvl[@w:ilvl='0']/w:lvlText/@w:val", "%1)");
  assert_str(n, "//w:abstractNum[@w:abstractNumId='2']/w:lvl[@w:ilvl='1']/w:numFmt/@w:val", "bullet");
  assert_int_equal(NUM(n, "count(//w:num)"), 2);
  xmlFreeDoc(n);
  xmlDocPtr ct = tdocx_xml(&o, "[Content_Types].xml");
  assert_int_equal(NUM(ct, "count(//ct:Override[@PartName='/word/numbering.xml'])"), 1);
  xmlFreeDoc(ct);
  tdocx_free(&o);
  dm_doc_free(doc);
}

static void test_table_link_code_quote(void **state) {
  (void)state;
  dm_doc *doc = dm_doc_new();
  dm_node *root = dm_doc_root(doc);
  dm_node *t = add(root, DM_NODE_TABLE);
  dm_node *r1 = add(t, DM_NODE_TABLE_ROW);
  dm_node_set_row_header(r1, 1);
  para(add(r1, DM_NODE_TABLE_CELL), "h1");
  dm_node *c2 = add(r1, DM_NODE_TABLE_CELL);
  dm_node_set_cell_align(c2, DM_ALIGN_RIGHT);
  para(c2, "h2");
  dm_node *r2 = add(t, DM_NODE_TABLE_ROW);
  para(add(r2, DM_NODE_TABLE_CELL), "only one cell");
  dm_node *p = para(root, "see ");
  dm_node *a = add(p, DM_NODE_LINK);
  dm_node_set_url(a, "https://example.org/a b?q=<x>");
  text(a, "here");
  dm_node *strong = add(p, DM_NODE_STRONG);
  text(add(strong, DM_NODE_EMPH), "bold italic");
  text(add(p, DM_NODE_SUPERSCRIPT), "2");
  text(add(p, DM_NODE_STRIKE), "gone");
  dm_node *code = add(root, DM_NODE_CODE_BLOCK);
  const char *src = "int x;\n\tx = 1;\n";
  dm_node_set_literal(code, src, strlen(src));
  dm_node *q1 = add(root, DM_NODE_BLOCK_QUOTE);
  para(add(q1, DM_NODE_BLOCK_QUOTE), "nested quote");
  docx_out o = tdocx_write(doc);
  assert_int_equal(o.status, DM_OK);
  assert_valid(&o);
  xmlDocPtr d = tdocx_xml(&o, "word/document.xml");
  assert_int_equal(NUM(d, "count(//w:tbl)"), 1);
  assert_int_equal(NUM(d, "count(//w:tc)"), 4); /* the short row is padded */
  assert_int_equal(NUM(d, "count(//w:tc[not(w:p)])"), 0);
  assert_int_equal(NUM(d, "count(//w:tr[w:trPr/w:tblHeader])"), 1);
  assert_str(d, "//w:tc[2]/w:p/w:pPr/w:jc/@w:val", "right");
  assert_str(d, "//w:hyperlink/w:r/w:t", "here");
  assert_int_equal(NUM(d, "count(//w:r[w:rPr/w:b][w:rPr/w:i])"), 1);
  assert_int_equal(NUM(d, "count(//w:r[w:rPr/w:vertAlign/@w:val='superscript'])"), 1);
  assert_int_equal(NUM(d, "count(//w:r[w:rPr/w:strike])"), 1);
  assert_int_equal(NUM(d, "count(//w:p[w:pPr/w:pStyle/@w:val='SourceCode'])"), 1);
  assert_int_equal(NUM(d, "count(//w:p[w:pPr/w:pStyle/@w:val='SourceCode']//w:br)"), 1);
  assert_int_equal(NUM(d, "count(//w:p[w:pPr/w:pStyle/@w:val='SourceCode']//w:tab)"), 1);
  assert_str(d, "//w:p[w:pPr/w:pStyle/@w:val='Quote']/w:pPr/w:ind/@w:left", "1134");
  char *rid = tdocx_str(d, "string(//w:hyperlink/@r:id)");
  xmlFreeDoc(d);
  xmlDocPtr r = tdocx_xml(&o, "word/_rels/document.xml.rels");
  char xp[128];
  snprintf(xp, sizeof xp, "//rel:Relationship[@Id='%s']/@Target", rid);
  assert_str(r, xp, "https://example.org/a%20b?q=%3Cx%3E");
  snprintf(xp, sizeof xp, "//rel:Relationship[@Id='%s']/@TargetMode", rid);
  assert_str(r, xp, "External");
  free(rid);
  xmlFreeDoc(r);
  tdocx_free(&o);
  dm_doc_free(doc);
}

/* ---- languages -------------------------------------------------------------------- */

static void test_arabic(void **state) {
  (void)state;
  dm_doc *doc = dm_doc_new();
  dm_doc_set_meta(doc, DM_META_LANGUAGE, "ar");
  dm_node *p = para(dm_doc_root(doc), "إن الجمعية العامة، ");
  text(add(p, DM_NODE_EMPH), "A/75/471");
  para(dm_doc_root(doc), "٢٠٢٠");
  docx_out o = tdocx_write(doc);
  assert_int_equal(o.status, DM_OK);
  assert_valid(&o);
  xmlDocPtr d = tdocx_xml(&o, "word/document.xml");
  assert_int_equal(NUM(d, "count(//w:p[w:pPr/w:bidi])"), 2);
  assert_int_equal(NUM(d, "count(//w:p[1]/w:r[1][w:rPr/w:rtl])"), 1);
  assert_int_equal(NUM(d, "count(//w:p[1]/w:r[2][w:rPr/w:rtl])"), 0); /* the Latin symbol */
  xmlFreeDoc(d);
  xmlDocPtr s = tdocx_xml(&o, "word/styles.xml");
  assert_str(s, "//w:rPrDefault//w:lang/@w:bidi", "ar-SA");
  assert_int_equal(NUM(s, "count(//w:style[@w:styleId='Normal']/w:pPr/w:bidi)"), 1);
  xmlFreeDoc(s);
  tdocx_free(&o);
  dm_doc_free(doc);
}

/* UN Arabic XML writes a note's mark as "(1)": a superscript "(" and ")"
 * around the note in the body, and an empty "()" where the number stood at
 * the start of the note's text. The body keeps the brackets; in the note
 * the footnote's own number takes the place of "()", which LibreOffice
 * would otherwise show after the number ("1()"). */
static void test_arabic_bracketed_marks(void **state) {
  (void)state;
  dm_doc *doc = dm_doc_new();
  dm_doc_set_meta(doc, DM_META_LANGUAGE, "ar");
  dm_node *p = para(dm_doc_root(doc), "الاتفاقية");
  text(add(p, DM_NODE_SUPERSCRIPT), "(");
  note(p, "1", "()\tالمرجع نفسه.");
  text(add(p, DM_NODE_SUPERSCRIPT), ")");
  note(p, "2", "(a) not a mark but text");
  docx_out o = tdocx_write(doc);
  assert_int_equal(o.status, DM_OK);
  assert_valid(&o);
  xmlDocPtr d = tdocx_xml(&o, "word/document.xml");
  assert_str(d, "//w:r[following-sibling::w:r[1]/w:footnoteReference/@w:id='1']/w:t", "(");
  assert_str(d, "//w:r[preceding-sibling::w:r[1]/w:footnoteReference/@w:id='1']/w:t", ")");
  xmlFreeDoc(d);
  xmlDocPtr f = tdocx_xml(&o, "word/footnotes.xml");
  /* the number, then the source's tab and text: no "()" and no space of ours */
  assert_int_equal(NUM(f, "count(//w:footnote[@w:id='1']//w:p/w:r[1]/w:footnoteRef)"), 1);
  assert_str(f, "string(//w:footnote[@w:id='1']//w:p)", "المرجع نفسه.");
  assert_int_equal(NUM(f, "count(//w:footnote[@w:id='1']//w:p/w:r[2]/w:tab)"), 1);
  assert_str(f, "string(//w:footnote[@w:id='2']//w:p)", " (a) not a mark but text");
  xmlFreeDoc(f);
  tdocx_free(&o);
  dm_doc_free(doc);
}

/* ---- reproducibility and dates --------------------------------------------------------- */

static void test_reproducible_and_dates(void **state) {
  (void)state;
  dm_doc *doc = dm_doc_new();
  note(para(dm_doc_root(doc), "text"), "1", "note");
  unsetenv("SOURCE_DATE_EPOCH");
  docx_out a = tdocx_write(doc), b = tdocx_write(doc);
  assert_int_equal(a.len, b.len);
  assert_memory_equal(a.data, b.data, a.len);
  xmlDocPtr c = tdocx_xml(&a, "docProps/core.xml");
  assert_int_equal(NUM(c, "count(//dcterms:created)"), 0); /* no date known: none invented */
  assert_str(c, "//dc:creator", "docmill");
  xmlFreeDoc(c);
  tdocx_free(&a);
  tdocx_free(&b);

  dm_doc_set_meta(doc, DM_META_DATE, "2020-12-16");
  a = tdocx_write(doc);
  c = tdocx_xml(&a, "docProps/core.xml");
  assert_str(c, "//dcterms:created", "2020-12-16T00:00:00Z");
  xmlFreeDoc(c);
  tdocx_free(&a);

  /* date -u -d @1600000000 gives Sun Sep 13 12:26:40 UTC 2020 */
  setenv("SOURCE_DATE_EPOCH", "1600000000", 1);
  a = tdocx_write(doc);
  c = tdocx_xml(&a, "docProps/core.xml");
  assert_str(c, "//dcterms:modified", "2020-09-13T12:26:40Z");
  xmlFreeDoc(c);
  tdocx_free(&a);
  unsetenv("SOURCE_DATE_EPOCH");
  dm_doc_free(doc);
}

/* ---- hostile documents --------------------------------------------------------------- */

static void test_control_characters(void **state) {
  (void)state;
  dm_doc *doc = dm_doc_new();
  /* U+0001, U+000B, U+001F and U+FFFE are not XML characters; the tab is.
   * Each becomes U+FFFD, as in every XML format docmill writes, and the
   * document gets one warning however many parts held them. */
  para(dm_doc_root(doc), "a\x01"
                         "b\x0b"
                         "c\x1f"
                         "d\xef\xbf\xbe"
                         "e\tf<&>\"'");
  dm_doc_set_meta(doc, DM_META_TITLE, "t\x02itle");
  docx_out o = tdocx_write(doc);
  assert_int_equal(o.status, DM_OK);
  assert_valid(&o);
  assert_int_equal(tdocx_warnings(&o, DM_DIAG_INVALID_CHAR), 1);
  xmlDocPtr d = tdocx_xml(&o, "word/document.xml");
  assert_str(d, "string(//w:body/w:p[1])",
             "a\xEF\xBF\xBD"
             "b\xEF\xBF\xBD"
             "c\xEF\xBF\xBD"
             "d\xEF\xBF\xBD"
             "ef<&>\"'");
  assert_int_equal(NUM(d, "count(//w:p[1]//w:tab)"), 1);
  xmlFreeDoc(d);
  xmlDocPtr c = tdocx_xml(&o, "docProps/core.xml");
  assert_str(c, "//dc:title", "t\xEF\xBF\xBDitle");
  xmlFreeDoc(c);
  tdocx_free(&o);
  dm_doc_free(doc);
}

static void test_empty_document(void **state) {
  (void)state;
  dm_doc *doc = dm_doc_new();
  docx_out o = tdocx_write(doc);
  assert_int_equal(o.status, DM_OK);
  assert_valid(&o);
  xmlDocPtr d = tdocx_xml(&o, "word/document.xml");
  assert_int_equal(NUM(d, "count(//w:body/w:p)"), 1);
  xmlFreeDoc(d);
  size_t len;
  assert_null(tdocx_part(&o, "word/numbering.xml", &len));
  tdocx_free(&o);
  dm_doc_free(doc);
}

static void test_deep_nesting(void **state) {
  (void)state;
  dm_doc *doc = dm_doc_new();
  dm_node *n = dm_doc_root(doc);
  for (int i = 0; i < 300; i++) {
    dm_node *l = add(n, DM_NODE_LIST);
    dm_node_set_list(l, i % 2, 1, 1, '.');
    n = add(l, DM_NODE_ITEM);
  }
  para(n, "deep");
  docx_out o = tdocx_write(doc);
  assert_int_equal(o.status, DM_OK);
  assert_valid(&o);
  xmlDocPtr d = tdocx_xml(&o, "word/document.xml");
  /* one paragraph per item (299 empty ones keep their numbers); ilvl stops at 8 */
  assert_int_equal(NUM(d, "count(//w:p)"), 300);
  assert_int_equal(NUM(d, "count(//w:ilvl[@w:val > 8])"), 0);
  xmlFreeDoc(d);
  tdocx_free(&o);
  dm_doc_free(doc);

  /* deeper than the context's limit: a clear error, not a crash */
  doc = dm_doc_new();
  n = dm_doc_root(doc);
  for (int i = 0; i < 1500; i++)
    n = add(n, DM_NODE_BLOCK_QUOTE);
  para(n, "too deep");
  o = tdocx_write(doc);
  assert_int_equal(o.status, DM_ELIMIT);
  assert_non_null(strstr(dm_ctx_error(o.ctx), "nested deeper"));
  tdocx_free(&o);
  dm_doc_free(doc);
}

static void test_many_notes(void **state) {
  (void)state;
  enum { N = 100000 };
  dm_doc *doc = dm_doc_new();
  dm_node *p = NULL;
  for (int i = 0; i < N; i++) {
    if (i % 100 == 0) p = para(dm_doc_root(doc), "p");
    char label[16];
    snprintf(label, sizeof label, "%d", i + 1);
    note(p, label, "n");
  }
  docx_out o = tdocx_write(doc);
  assert_int_equal(o.status, DM_OK);
  assert_valid(&o);
  xmlDocPtr d = tdocx_xml(&o, "word/document.xml");
  assert_int_equal(NUM(d, "count(//w:footnoteReference)"), N);
  assert_int_equal(NUM(d, "count(//w:footnoteReference[@w:customMarkFollows])"), 0);
  xmlFreeDoc(d);
  xmlDocPtr f = tdocx_xml(&o, "word/footnotes.xml");
  assert_int_equal(NUM(f, "count(//w:footnote[not(@w:type)])"), N);
  assert_str(f, "//w:footnote[last()]/@w:id", "100000");
  xmlFreeDoc(f);
  tdocx_free(&o);
  dm_doc_free(doc);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_resolution),
      cmocka_unit_test(test_footnotes_in_order),
      cmocka_unit_test(test_footnotes_start_12),
      cmocka_unit_test(test_footnotes_custom_marks),
      cmocka_unit_test(test_second_reference),
      cmocka_unit_test(test_note_in_note),
      cmocka_unit_test(test_lists),
      cmocka_unit_test(test_table_link_code_quote),
      cmocka_unit_test(test_arabic),
      cmocka_unit_test(test_arabic_bracketed_marks),
      cmocka_unit_test(test_reproducible_and_dates),
      cmocka_unit_test(test_control_characters),
      cmocka_unit_test(test_empty_document),
      cmocka_unit_test(test_deep_nesting),
      cmocka_unit_test(test_many_notes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
