/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the Akoma Ntoso reader on small hand-written documents:
 * each expected tree dump was written from the AKN by hand, following the
 * mapping of docs/MODEL.md and the writer's conventions in
 * plugins/akn/akn_common.h. Also the probe's scores, and the refusals that
 * keep hostile XML harmless (entity declarations, external DTDs, a root
 * that is not akomaNtoso, nesting beyond the limit), each of which must be
 * an error with no document.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "docmill/docmill.h"

#define NS "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
#define OPEN "<akomaNtoso xmlns=\"" NS "\">"
#define OPEN_DM "<akomaNtoso xmlns=\"" NS "\" xmlns:dm=\"urn:docmill:akn:1\">"

#include "dmt_fixture.h"

/* Reads xml with the akn reader (no transforms) and returns the native
 * dump (malloc'd), or NULL when reading failed. */
static char *read_native(fixture *f, const char *xml) {
  dm_ctx_clear_error(f->ctx);
  dm_ctx_clear_diags(f->ctx);
  const dm_reader *r = dm_registry_reader(f->reg, "akn");
  const dm_writer *w = dm_registry_writer(f->reg, "native");
  assert_non_null(r);
  assert_non_null(w);
  size_t len = strlen(xml);
  unsigned char *buf = calloc(1, len + DM_PROBE_PADDING + 1);
  memcpy(buf, xml, len);
  dm_input in = {buf, len, NULL, NULL};
  dm_doc *doc = NULL;
  int rc = dm_read(f->ctx, r, &in, &doc);
  free(buf);
  if (rc != DM_OK) {
    assert_null(doc);
    return NULL;
  }
  assert_int_equal(dm_doc_check(doc, f->ctx), DM_OK);
  dm_sink *s = dm_sink_new_memory();
  assert_int_equal(dm_write(f->ctx, w, doc, s), DM_OK);
  size_t n;
  char *out = strdup(dm_sink_memory_data(s, &n));
  dm_sink_free(s);
  dm_doc_free(doc);
  return out;
}

static void expect_tree(fixture *f, const char *xml, const char *want) {
  char *got = read_native(f, xml);
  if (!got) fail_msg("read failed: %s", dm_ctx_error(f->ctx));
  assert_string_equal(got, want);
  free(got);
}

static void expect_error(fixture *f, const char *xml, int status, const char *fragment) {
  char *got = read_native(f, xml);
  if (got) fail_msg("expected an error, got:\n%s", got);
  assert_int_equal(dm_ctx_error_status(f->ctx), status);
  if (!strstr(dm_ctx_error(f->ctx), fragment)) fail_msg("message '%s' lacks '%s'", dm_ctx_error(f->ctx), fragment);
}

static void test_resolution_structure(void **state) {
  expect_tree(*state,
              OPEN "<statement name=\"resolution\"><meta><identification source=\"#x\"><FRBRWork>"
                   "<FRBRthis value=\"/akn/un/statement/deliberation/un-ga/2020-12-16/75-158/!main\"/>"
                   "<FRBRdate date=\"2020-12-16\" name=\"adoption\"/><FRBRcountry value=\"un\"/>"
                   "<FRBRnumber value=\"75-158\" showAs=\"75/158\"/></FRBRWork><FRBRExpression>"
                   "<FRBRlanguage language=\"zho\"/></FRBRExpression></identification></meta>\n"
                   "  <preface><p><docNumber>75/158</docNumber>. <docTitle>Title</docTitle></p></preface>\n"
                   "  <preamble><formula name=\"enactingFormula\"><p>The General Assembly,</p></formula>\n"
                   "    <recitals><recital><p><i>Recalling</i> its resolution,</p></recital></recitals></preamble>\n"
                   "  <mainBody><paragraph eId=\"para_1\"><num>1.</num><intro><p>Urges States:</p></intro>\n"
                   "    <list><point><num>(a)</num><content><p>to act;</p></content></point></list>"
                   "</paragraph></mainBody>\n"
                   "  <conclusions><p><docDate date=\"2020-12-16\">16 December 2020</docDate></p></conclusions>\n"
                   "</statement></akomaNtoso>",
              "document\n"
              "  meta \"doc-type\" \"resolution\"\n"
              "  meta \"number\" \"75/158\"\n"
              "  meta \"date\" \"2020-12-16\"\n"
              "  meta \"language\" \"zh\"\n"
              "  meta \"country\" \"un\"\n"
              "  meta \"title\" \"Title\"\n"
              "  div role=preface\n"
              "    paragraph\n"
              "      span class=\"docNumber\"\n"
              "        text \"75/158\"\n"
              "      text \". \"\n"
              "      span class=\"docTitle\"\n"
              "        text \"Title\"\n"
              "  div role=preamble\n"
              "    div role=formula\n"
              "      paragraph\n"
              "        text \"The General Assembly,\"\n"
              "    div role=recital\n"
              "      paragraph\n"
              "        emph\n"
              "          text \"Recalling\"\n"
              "        text \" its resolution,\"\n"
              "  div role=main_body\n"
              "    div role=paragraph label=\"1.\"\n"
              "      div role=intro\n"
              "        paragraph\n"
              "          text \"Urges States:\"\n"
              "      div role=point label=\"(a)\"\n"
              "        paragraph\n"
              "          text \"to act;\"\n"
              "  div role=conclusions\n"
              "    paragraph\n"
              "      span class=\"docDate\" @date=\"2020-12-16\"\n"
              "        text \"16 December 2020\"\n");
}

static void test_notes(void **state) {
  /* A note in place, a noteRef to it, and a note of meta/notes placed at
   * its first reference with its marker. */
  expect_tree(*state,
              OPEN "<doc name=\"x\"><meta><notes source=\"#x\"><note eId=\"n9\" marker=\"*\"><p>Meta note.</p></note>"
                   "</notes></meta><mainBody><p>One<authorialNote marker=\"1\" eId=\"an_1\"><p>First.</p>"
                   "</authorialNote> two<noteRef href=\"#an_1\" marker=\"1\"/> three<noteRef href=\"#n9\"/></p>"
                   "</mainBody></doc></akomaNtoso>",
              "document\n"
              "  div role=main_body\n"
              "    paragraph\n"
              "      text \"One\"\n"
              "      note marker=\"1\"\n"
              "        paragraph\n"
              "          text \"First.\"\n"
              "      text \" two\"\n"
              "      note_ref marker=\"1\"\n"
              "      text \" three\"\n"
              "      note marker=\"*\"\n"
              "        paragraph\n"
              "          text \"Meta note.\"\n");
}

static void test_sections_and_whitespace(void **state) {
  /* Indentation between elements is no content; a line break inside a p
   * is a soft break; num and heading go to the section's label and first
   * child. */
  expect_tree(*state,
              OPEN
              "<act name=\"a\"><body>\n  <chapter eId=\"c1\">\n    <num> I </num>\n    <heading>General</heading>\n"
              "    <article><num>Art. 1</num><content>\n      <p>\n        Line one\n        line two "
              "<b>bold</b>\n      </p>\n    </content></article>\n  </chapter>\n</body></act></akomaNtoso>",
              "document\n"
              "  div role=main_body\n"
              "    div role=section label=\"I\" class=\"chapter\"\n"
              "      heading level=1\n"
              "        text \"General\"\n"
              "      div role=section label=\"Art. 1\" class=\"article\"\n"
              "        paragraph\n"
              "          text \"Line one\"\n"
              "          softbreak\n"
              "          text \"line two \"\n"
              "          strong\n"
              "            text \"bold\"\n");
}

static void test_node_attributes(void **state) {
  /* Node attributes are dma:{key}, so that one named like a mark (role,
   * delim) stands beside the mark; dm:{key} for a key that is not a mark
   * is how docmill wrote them before, and is still read. */
  expect_tree(*state,
              "<akomaNtoso xmlns=\"" NS "\" xmlns:dm=\"urn:docmill:akn:1\" xmlns:dma=\"urn:docmill:akn:attr:1\">"
              "<doc name=\"document\"><mainBody>"
              "<blockContainer dm:role=\"component\" dma:role=\"mine\"><p>boxed</p></blockContainer>"
              "<ol class=\"tight\" dm:delim=\")\" dma:delim=\"d\" dm:old=\"kept\"><li value=\"1\"><p>one</p></li></ol>"
              "</mainBody></doc></akomaNtoso>",
              "document\n"
              "  div role=main_body\n"
              "    div role=component @role=\"mine\"\n"
              "      paragraph\n"
              "        text \"boxed\"\n"
              "    list ordered start=1 delim=\")\" tight @delim=\"d\" @old=\"kept\"\n"
              "      item\n"
              "        paragraph\n"
              "          text \"one\"\n");
}

static void test_docmill_conventions(void **state) {
  /* What the writer emits for a Markdown document (akn_common.h). */
  expect_tree(
      *state,
      OPEN_DM
      "<doc name=\"document\"><meta><proprietary source=\"#docmill\">"
      "<dm:meta key=\"title\" value=\"T\"/><dm:meta key=\"x-free\" value=\"v\"/></proprietary></meta>"
      "<mainBody><section class=\"h1\"><heading>Top</heading>"
      "<hcontainer name=\"blocks\"><content><p>Intro <inline name=\"code\">a  b</inline></p>"
      "<ol class=\"tight\" dm:delim=\")\"><li value=\"3\"><p>three</p></li><li value=\"4\"><p>four</p></li></ol>"
      "<block name=\"code\" dm:info=\"c\">x\n  y\n</block><block name=\"hr\"/>"
      "<blockContainer class=\"blockquote\"><p>quoted</p></blockContainer>"
      "<blockContainer dm:role=\"none\" class=\"box\" xml:lang=\"fr\"><p>boxed</p></blockContainer>"
      "</content></hcontainer>"
      "<section class=\"h2\"><heading>Sub</heading><content><p class=\"h3\">Deep</p></content></section>"
      "</section></mainBody></doc></akomaNtoso>",
      "document\n"
      "  meta \"title\" \"T\"\n"
      "  meta \"x-free\" \"v\"\n"
      "  div role=main_body\n"
      "    heading level=1\n"
      "      text \"Top\"\n"
      "    paragraph\n"
      "      text \"Intro \"\n"
      "      code \"a  b\"\n"
      "    list ordered start=3 delim=\")\" tight\n"
      "      item\n"
      "        paragraph\n"
      "          text \"three\"\n"
      "      item\n"
      "        paragraph\n"
      "          text \"four\"\n"
      "    code_block info=\"c\" \"x\\n  y\\n\"\n"
      "    thematic_break\n"
      "    block_quote\n"
      "      paragraph\n"
      "        text \"quoted\"\n"
      "    div role=none class=\"box\" @lang=\"fr\"\n"
      "      paragraph\n"
      "        text \"boxed\"\n"
      "    heading level=2\n"
      "      text \"Sub\"\n"
      "    heading level=3\n"
      "      text \"Deep\"\n");
}

static void test_unknown_element_warns(void **state) {
  fixture *f = *state;
  expect_tree(f,
              OPEN "<doc name=\"x\"><mainBody><p>a <frobnicate>kept</frobnicate> b</p></mainBody></doc></akomaNtoso>",
              "document\n"
              "  div role=main_body\n"
              "    paragraph\n"
              "      text \"a kept b\"\n");
  assert_int_equal(dm_ctx_diag_count(f->ctx), 1);
  const dm_diag *d = dm_ctx_diag(f->ctx, 0);
  assert_int_equal(d->code, DM_DIAG_UNKNOWN_ELEMENT);
  assert_non_null(strstr(d->message, "<frobnicate>"));
  assert_int_equal(d->pos.line, 1);
}

static void test_ref_symbol_or_link(void **state) {
  /* A ref that is its own href and no URL is a cited symbol (span ref);
   * anything else is a link. */
  expect_tree(*state,
              OPEN "<doc name=\"x\"><mainBody><p><ref href=\"A/75/471\">A/75/471</ref> "
                   "<ref href=\"https://un.org\">UN</ref></p></mainBody></doc></akomaNtoso>",
              "document\n"
              "  div role=main_body\n"
              "    paragraph\n"
              "      span class=\"ref\" @href=\"A/75/471\"\n"
              "        text \"A/75/471\"\n"
              "      text \" \"\n"
              "      link url=\"https://un.org\"\n"
              "        text \"UN\"\n");
}

static void test_ref_marked_by_docmill(void **state) {
  /* In AKN from docmill the dm:node mark decides: the cited symbol is the
   * span, the same-looking unmarked ref is a Markdown link. */
  expect_tree(*state,
              OPEN_DM "<doc name=\"x\"><mainBody><p><ref href=\"A/75/471\" dm:node=\"span\">A/75/471</ref> "
                      "<ref href=\"A/75/471\">A/75/471</ref></p></mainBody></doc></akomaNtoso>",
              "document\n"
              "  div role=main_body\n"
              "    paragraph\n"
              "      span class=\"ref\" @href=\"A/75/471\"\n"
              "        text \"A/75/471\"\n"
              "      text \" \"\n"
              "      link url=\"A/75/471\"\n"
              "        text \"A/75/471\"\n");
}

static void test_ampersand_in_attributes(void **state) {
  /* libxml2 hands '&' in attribute values over as "&#38;" when entities
   * are not substituted; the model must get the '&' itself, and a literal
   * "&#38;" (written &amp;#38;) must stay literal. */
  expect_tree(*state,
              OPEN "<doc name=\"x\"><mainBody><p><ref href=\"https://e.org/?a=1&amp;b=2&#38;c=3\">q</ref> "
                   "<ref href=\"https://e.org/?x=&amp;#38;\">r</ref></p></mainBody></doc></akomaNtoso>",
              "document\n"
              "  div role=main_body\n"
              "    paragraph\n"
              "      link url=\"https://e.org/?a=1&b=2&c=3\"\n"
              "        text \"q\"\n"
              "      text \" \"\n"
              "      link url=\"https://e.org/?x=&#38;\"\n"
              "        text \"r\"\n");
}

static void test_docmill_metadata_order(void **state) {
  /* docmill's proprietary block is the whole metadata, in its order: the
   * statement's name does not put doc-type first, and an empty block means
   * no metadata, whatever placeholders the identification holds. */
  expect_tree(*state,
              OPEN_DM
              "<statement name=\"resolution\"><meta><identification source=\"#docmill\"><FRBRWork>"
              "<FRBRdate date=\"2020-12-16\" name=\"adoption\"/><FRBRnumber value=\"75-158\" showAs=\"75/158\"/>"
              "</FRBRWork></identification><proprietary source=\"#docmill\">"
              "<dm:meta key=\"title\" value=\"T\"/><dm:meta key=\"doc-type\" value=\"resolution\"/>"
              "</proprietary></meta><mainBody><p>x</p></mainBody></statement></akomaNtoso>",
              "document\n"
              "  meta \"title\" \"T\"\n"
              "  meta \"doc-type\" \"resolution\"\n"
              "  div role=main_body\n"
              "    paragraph\n"
              "      text \"x\"\n");
  expect_tree(*state,
              OPEN_DM "<doc name=\"document\"><meta><identification source=\"#docmill\"><FRBRWork>"
                      "<FRBRdate date=\"0001-01-01\" name=\"unknown\"/><FRBRcountry value=\"zz\"/>"
                      "<FRBRnumber value=\"nn\"/></FRBRWork></identification><proprietary source=\"#docmill\"/>"
                      "</meta><mainBody><p>x</p></mainBody></doc></akomaNtoso>",
              "document\n"
              "  div role=main_body\n"
              "    paragraph\n"
              "      text \"x\"\n");
}

static void test_draft_namespace(void **state) {
  expect_tree(*state,
              "<akomaNtoso xmlns=\"http://www.akomantoso.org/2.0\"><doc name=\"x\"><mainBody><p>old</p></mainBody>"
              "</doc></akomaNtoso>",
              "document\n"
              "  div role=main_body\n"
              "    paragraph\n"
              "      text \"old\"\n");
}

static void test_hostile(void **state) {
  fixture *f = *state;
  expect_error(f,
               "<?xml version=\"1.0\"?><!DOCTYPE akomaNtoso [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>" OPEN
               "<doc name=\"x\"><mainBody><p>&b;</p></mainBody></doc></akomaNtoso>",
               DM_EFORMAT, "declares the entity 'a'");
  expect_error(f,
               "<!DOCTYPE akomaNtoso [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" OPEN
               "<doc name=\"x\"><mainBody><p>&x;</p></mainBody></doc></akomaNtoso>",
               DM_EFORMAT, "declares the entity 'x'");
  expect_error(f,
               "<!DOCTYPE akomaNtoso PUBLIC \"-//X//DTD AKN//EN\" \"http://example.org/akn.dtd\">" OPEN
               "<doc name=\"x\"/></akomaNtoso>",
               DM_EFORMAT, "external DTD");
  expect_error(f, "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>", DM_EFORMAT,
               "not an Akoma Ntoso document");
  expect_error(f, OPEN "<doc name=\"x\"><mainBody><p>cut", DM_EFORMAT, "still open");
  expect_error(f, OPEN "<doc name=\"x\"><mainBody><p>&nbsp;</p></mainBody></doc></akomaNtoso>", DM_EFORMAT, "nbsp");
  /* Nesting beyond the context's limit. */
  dm_limits lim = {0, 50, 0, 0};
  dm_ctx_set_limits(f->ctx, &lim);
  char deep[4096] = OPEN "<doc name=\"x\"><mainBody>";
  for (int i = 0; i < 60; i++)
    strcat(deep, "<blockContainer>");
  expect_error(f, deep, DM_ELIMIT, "nested deeper");
  dm_limits def = {0, 0, 0, 0};
  dm_ctx_set_limits(f->ctx, &def);
}

static int probe(fixture *f, const char *bytes, size_t len) {
  unsigned char *buf = calloc(1, len + DM_PROBE_PADDING + 1);
  memcpy(buf, bytes, len);
  dm_input in = {buf, len, NULL, NULL};
  int score = 0;
  const dm_reader *r = dm_registry_detect(f->reg, &in, &score, f->ctx);
  int ours = r && strcmp(r->name, "akn") == 0;
  free(buf);
  return ours ? score : -1;
}

static void test_probe(void **state) {
  fixture *f = *state;
  const char *a = "<?xml version=\"1.0\"?>\n<!-- c -->\n" OPEN "<doc name=\"x\"/></akomaNtoso>";
  assert_int_equal(probe(f, a, strlen(a)), 100);
  const char *b = "<an:akomaNtoso xmlns:an=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0/WD17\"/>";
  assert_int_equal(probe(f, b, strlen(b)), 100);
  const char *c = "<html><body>akomaNtoso</body></html>";
  assert_int_equal(probe(f, c, strlen(c)), -1);
  /* A stored ZIP whose first entry is main.xml. */
  static const char zip[] = "PK\3\4\x0a\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x08\0\0\0main.xml";
  assert_int_equal(probe(f, zip, sizeof zip - 1), 100);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_resolution_structure, setup, teardown),
      cmocka_unit_test_setup_teardown(test_notes, setup, teardown),
      cmocka_unit_test_setup_teardown(test_node_attributes, setup, teardown),
      cmocka_unit_test_setup_teardown(test_sections_and_whitespace, setup, teardown),
      cmocka_unit_test_setup_teardown(test_docmill_conventions, setup, teardown),
      cmocka_unit_test_setup_teardown(test_unknown_element_warns, setup, teardown),
      cmocka_unit_test_setup_teardown(test_ref_symbol_or_link, setup, teardown),
      cmocka_unit_test_setup_teardown(test_ref_marked_by_docmill, setup, teardown),
      cmocka_unit_test_setup_teardown(test_ampersand_in_attributes, setup, teardown),
      cmocka_unit_test_setup_teardown(test_docmill_metadata_order, setup, teardown),
      cmocka_unit_test_setup_teardown(test_draft_namespace, setup, teardown),
      cmocka_unit_test_setup_teardown(test_hostile, setup, teardown),
      cmocka_unit_test_setup_teardown(test_probe, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
