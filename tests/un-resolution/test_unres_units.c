/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the pieces of the un-resolution transform, on hand-made
 * strings and trees: numerals written in words in the six languages, dates,
 * paragraph numbers and point labels, footnote markers, the punctuation and
 * lead-phrase rules that decide whether a page end cut a paragraph, page
 * furniture, language detection, and the probe on small trees built through
 * the API. Every expected value is worked out by hand in the comment or the
 * literal beside it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "docmill/docmill.h"
#include "unres.h"

#define S(x) x, strlen(x)

static void test_numerals(void **state) {
  (void)state;
  assert_int_equal(unres_words_number(UNRES_LANG_EN, S("Seventy-fifth")), 75); /* 70 + 5 */
  assert_int_equal(unres_words_number(UNRES_LANG_EN, S("Sixtieth")), 60);
  assert_int_equal(unres_words_number(UNRES_LANG_EN, S("sixth")), 6);
  assert_int_equal(unres_words_number(UNRES_LANG_EN, S("Seventy-seventh")), 77);
  assert_int_equal(unres_words_number(UNRES_LANG_FR, S("Soixante-quinzième")), 75);   /* 60 + 15 */
  assert_int_equal(unres_words_number(UNRES_LANG_FR, S("quatre-vingt-dixième")), 90); /* 4*20 + 10 */
  assert_int_equal(unres_words_number(UNRES_LANG_FR, S("vingt et unième")), 21);
  assert_int_equal(unres_words_number(UNRES_LANG_ES, S("Septuagésimo quinto")), 75);
  assert_int_equal(unres_words_number(UNRES_LANG_RU, S("Семьдесят пятая")), 75);
  assert_int_equal(unres_words_number(UNRES_LANG_RU, S("пятьдесят шестой")), 56);
  assert_int_equal(unres_words_number(UNRES_LANG_AR, S("الخامسة والسبعون")), 75);
  assert_int_equal(unres_words_number(UNRES_LANG_ZH, S("七十五")), 75);
  assert_int_equal(unres_words_number(UNRES_LANG_ZH, S("十二")), 12);
  assert_int_equal(unres_words_number(UNRES_LANG_ZH, S("一百零三")), 103);
  assert_int_equal(unres_words_number(UNRES_LANG_EN, S("General")), 0);
}

static void test_session(void **state) {
  (void)state;
  size_t a, b;
  const char *zh = "第七十五届会议";
  assert_int_equal(unres_find_session(UNRES_LANG_ZH, S(zh), &a, &b), 75);
  assert_int_equal(a, 0);
  assert_int_equal(b, strlen(zh));
  const char *en = "Seventy-fifth session\nAgenda item 28";
  assert_int_equal(unres_find_session(UNRES_LANG_EN, S(en), &a, &b), 75);
  assert_int_equal(b - a, strlen("Seventy-fifth session"));
  const char *ar = "الدورة الخامسة والسبعون";
  assert_int_equal(unres_find_session(UNRES_LANG_AR, S(ar), &a, &b), 75);
  assert_int_equal(unres_find_session(UNRES_LANG_ES, S("Septuagésimo quinto período de sesiones"), &a, &b), 75);
  assert_int_equal(unres_find_session(UNRES_LANG_RU, S("Семьдесят пятая сессия"), &a, &b), 75);
  assert_int_equal(unres_find_session(UNRES_LANG_FR, S("Soixante-quinzième session"), &a, &b), 75);
  assert_int_equal(unres_find_session(UNRES_LANG_EN, S("at its next session"), &a, &b), 0);
  /* digits between the Chinese words, and a stem's ending taken along */
  assert_int_equal(unres_find_session(UNRES_LANG_ZH, S("第 75 届会议"), &a, &b), 75);
  const char *ru = "Семьдесят пятая сессия\nПункт 28";
  assert_int_equal(unres_find_session(UNRES_LANG_RU, S(ru), &a, &b), 75);
  assert_int_equal(b - a, strlen("Семьдесят пятая сессия"));
}

/* The agenda items of A/RES/75/158 in the six languages, as its official
 * files print them, and of a German translation (A/RES/80/...: 11). */
static void test_agenda(void **state) {
  (void)state;
  size_t a, b;
  static const char *const items[] = {"البند 28 من جدول الأعمال", "议程项目28",
                                      "Agenda item 28",           "Point 28 de l’ordre du jour",
                                      "Пункт 28 повестки дня",    "Tema 28 del programa"};
  for (size_t k = 0; k < sizeof items / sizeof items[0]; k++) {
    assert_int_equal(unres_find_agenda(S(items[k]), &a, &b), 28);
    assert_int_equal(a, 0);
    assert_int_equal(b, strlen(items[k])); /* the words after the number too */
  }
  assert_int_equal(unres_find_agenda(S("Tagesordnungspunkt 11"), &a, &b), 11);
  /* the short words need their tail, or ordinary prose would match */
  assert_int_equal(unres_find_agenda(S("the point 3 of the report"), &a, &b), 0);
  assert_int_equal(unres_find_agenda(S("el tema 5 es"), &a, &b), 0);
  /* the meeting with its Chinese ordinal word ("第46次全体会议", 75/158) */
  const char *zh = "2020年12月16日第46次全体会议";
  assert_int_equal(unres_find_meeting(S(zh), &a, &b), 46);
  assert_int_equal(a, strlen("2020年12月16日"));
  assert_int_equal(b, strlen(zh));
  assert_int_equal(unres_find_meeting(S("46th plenary meeting"), &a, &b), 46);
}

static void test_dates(void **state) {
  (void)state;
  char iso[11];
  size_t a, b;
  assert_true(unres_find_date(UNRES_LANG_ZH, S("2020 年 12 月 16 日大会决议"), iso, &a, &b));
  assert_string_equal(iso, "2020-12-16");
  assert_int_equal(a, 0);
  assert_true(unres_find_date(UNRES_LANG_EN, S("adopted on 16 December 2020"), iso, &a, &b));
  assert_string_equal(iso, "2020-12-16");
  assert_int_equal(a, strlen("adopted on "));
  assert_true(unres_find_date(UNRES_LANG_FR, S("le 1er décembre 2020"), iso, &a, &b));
  assert_string_equal(iso, "2020-12-01");
  assert_true(unres_find_date(UNRES_LANG_ES, S("el 16 de diciembre de 2020"), iso, &a, &b));
  assert_string_equal(iso, "2020-12-16");
  assert_true(unres_find_date(UNRES_LANG_RU, S("16 декабря 2020 года"), iso, &a, &b));
  assert_string_equal(iso, "2020-12-16");
  assert_int_equal(b, strlen("16 декабря 2020 года"));
  assert_true(unres_find_date(UNRES_LANG_AR, S("16 كانون الأول/ديسمبر 2020"), iso, &a, &b));
  assert_string_equal(iso, "2020-12-16");
  assert_false(unres_find_date(UNRES_LANG_EN, S("vol. 2225, No. 39574"), iso, &a, &b));
  assert_false(unres_find_date(UNRES_LANG_EN, S("32 December 2020"), iso, &a, &b));
}

static void test_labels(void **state) {
  (void)state;
  char lab[24];
  assert_int_equal(unres_para_number(S("1. Takes note"), lab), 3);
  assert_string_equal(lab, "1.");
  assert_int_equal(unres_para_number(S("2 bis. Decides"), lab), 7);
  assert_string_equal(lab, "2 bis.");
  assert_int_equal(unres_para_number(S("4 - تحث"), lab), 4);
  assert_string_equal(lab, "4 -");
  assert_int_equal(unres_para_number(S("46-е пленарное"), lab), 0);
  assert_int_equal(unres_para_number(S("8.7 Alliance"), lab), 0);
  assert_int_equal(unres_para_number(S("2020 年"), lab), 0);
  assert_int_equal(unres_point_label(S("(a) To provide"), lab), 4);
  assert_string_equal(lab, "(a)");
  assert_int_equal(unres_point_label(S("ii) Accès"), lab), 4);
  assert_string_equal(lab, "ii)");
  assert_true(unres_point_label(S("(б) обеспечить"), lab) > 0);
  assert_string_equal(lab, "(б)");
  assert_true(unres_point_label(S("㈠ 适当"), lab) > 0);
  assert_string_equal(lab, "㈠");
  assert_true(unres_point_label(S("’1‘ الرعاية"), lab) > 0);
  assert_string_equal(lab, "’1‘");
  assert_int_equal(unres_point_label(S("(COVID-19) pandemic"), lab), 0);
  assert_int_equal(unres_point_label(S("(the) word"), lab), 0);
  /* nesting kinds: (i) after (h) is a letter, after (b) a roman numeral */
  assert_int_equal(unres_point_kind("(i)", "(h)"), 'a');
  assert_int_equal(unres_point_kind("(i)", "(b)"), 'i');
  assert_int_equal(unres_point_kind("(c)", "(b)"), 'a');
  assert_int_equal(unres_point_kind("(а)", NULL), 'c');
}

static void test_markers(void **state) {
  (void)state;
  long v = 0;
  assert_int_equal(unres_def_marker(S("¹² Ibid."), 0, &v), strlen("¹² "));
  assert_int_equal(v, 12);
  assert_int_equal(unres_def_marker(S("12 Ibid."), 0, &v), 0); /* bare numbers need plain-text rules */
  assert_int_equal(unres_def_marker(S("12 Ibid."), 1, &v), 3);
  assert_int_equal(v, 12);
  assert_int_equal(unres_def_marker(S("4 - تحث"), 1, &v), 0);
  assert_int_equal(unres_def_marker(S("2020 12"), 1, &v), 0);
  assert_int_equal(unres_def_marker(S("3 联合国"), 1, &v), 2);
}

static void test_splits(void **state) {
  (void)state;
  assert_true(unres_ends_sentence(S("活动；")));
  assert_true(unres_ends_sentence(S("effectively; ")));
  assert_false(unres_ends_sentence(S("《任择议定")));
  assert_false(unres_ends_sentence(S("合作，")));
  assert_true(unres_ends_comma(S("合作，")));
  assert_true(unres_ends_comma(S("women,")));
  assert_true(unres_ends_comma(S("النساء،")));
  assert_true(unres_starts_lower(S("protect the rights")));
  assert_false(unres_starts_lower(S("Recalling")));
  assert_true(unres_starts_lower(S("«мер")));
  assert_true(unres_starts_lead(UNRES_LANG_ZH, S("又认识到需要")));
  assert_true(unres_starts_lead(UNRES_LANG_ZH, S("回顾具体")));
  assert_false(unres_starts_lead(UNRES_LANG_ZH, S("包括尽可能")));
  assert_false(unres_starts_lead(UNRES_LANG_ZH, S("地保护")));
  assert_true(unres_starts_lead(UNRES_LANG_RU, S("напоминая обо всех")));
  assert_false(unres_starts_lead(UNRES_LANG_RU, S("лучше защищать права")));
  assert_true(unres_starts_lead(UNRES_LANG_AR, S("وإذ تسلم")));
  assert_true(unres_is_formula(S("The General Assembly,")));
  assert_true(unres_is_formula(S("大会,")));
  assert_true(unres_is_formula(S("L’Assemblée générale,")));
  assert_false(unres_is_formula(S("The General Assembly decides")));
}

static void test_furniture(void **state) {
  (void)state;
  assert_true(unres_is_furniture(S("A/RES/75/158")));
  assert_true(unres_is_furniture(S("2/11")));
  assert_true(unres_is_furniture(S("20-17524")));
  assert_true(unres_is_furniture(S("20-17524 (E)")));
  assert_true(unres_is_furniture(S("*2017524*")));
  assert_true(unres_is_furniture(S("3/4 A/RES/75/158")));
  assert_false(unres_is_furniture(S("11/4")));       /* page beyond the count */
  assert_false(unres_is_furniture(S("A/75/289。"))); /* a footnote's text */
  assert_false(unres_is_furniture(S("2020")));
  assert_false(unres_is_furniture(S("Trafficking in women")));
  /* the Security Council's running head, as S/RES/2611 (2021) prints it */
  assert_true(unres_is_furniture(S("S/RES/2611 (2021)")));
  assert_true(unres_is_furniture(S("S/RES/2611(2021)")));
  assert_false(unres_is_furniture(S("S/RES/2611 (2021) decides")));
}

/* Symbols as the official files print them (docNumber of S/RES/2611 (2021)
 * and S/RES/2608 (2021), preface of A/RES/75/158), and as extractors
 * leave them: without the space, or with pdftotext's directional controls
 * and the bracket of a right-to-left line reversed. */
static void test_symbol(void **state) {
  (void)state;
  char sym[48];
  assert_int_equal(unres_find_symbol(S("S/RES/2611 (2021)"), sym, sizeof sym), 1);
  assert_string_equal(sym, "S/RES/2611 (2021)");
  assert_true(unres_find_symbol(S("S/RES/2611(2021)"), sym, sizeof sym));
  assert_string_equal(sym, "S/RES/2611 (2021)");
  assert_true(unres_find_symbol(S("\u202b)\u202aS/RES/2608 (2021\u202c\u202c"), sym, sizeof sym));
  assert_string_equal(sym, "S/RES/2608 (2021)");
  /* poppler's order of the brackets on a right-to-left line */
  assert_true(unres_find_symbol(S("S/RES/2608 )(2021"), sym, sizeof sym));
  assert_string_equal(sym, "S/RES/2608 (2021)");
  assert_int_equal(unres_find_symbol(S("3/4 A/RES/75/158"), sym, sizeof sym), 5);
  assert_string_equal(sym, "A/RES/75/158");
  assert_int_equal(unres_find_symbol(S("see S/RES/ and A/RES/"), sym, sizeof sym), 0);
  assert_int_equal(unres_find_symbol(S("S/PRST/2010/16"), sym, sizeof sym), 0);
}

/* Annex headings as the Council's resolutions print them ("Annex" in
 * S/RES/2611 (2021), "Annexe A" to "Annexe C" in S/RES/2607 (2021)). */
static void test_annex_heading(void **state) {
  (void)state;
  assert_true(unres_is_annex_heading(S("Annex")));
  assert_true(unres_is_annex_heading(S("Annexe A")));
  assert_true(unres_is_annex_heading(S("  Annex II ")));
  assert_false(unres_is_annex_heading(S("Annex (p), as part of its regular")));
  assert_false(unres_is_annex_heading(S("Annexes to the report")));
  assert_false(unres_is_annex_heading(S("Decides to remain seized of the matter.")));
}

/* Arabic as PyMuPDF gives it, in visual order: the formula and lead words
 * of A/RES/75/158 read backwards. The same words as written are not. */
static void test_visual_order(void **state) {
  (void)state;
  const char *visual = "\u0629\u0645\u0627\u0639\u0644\u0627 \u0629\u064a\u0639\u0645\u062c\u0644\u0627 "
                       "\u0646\u0625\u060c\n\u0631\u064a\u0634\u062a \u0630\u0625\n"
                       "\u062f\u0643\u0624\u062a \u0630\u0625\u0648\n";
  const char *logical = "\u0625\u0646 \u0627\u0644\u062c\u0645\u0639\u064a\u0629 "
                        "\u0627\u0644\u0639\u0627\u0645\u0629\u060c\n\u0625\u0630 \u062a\u0634\u064a\u0631\n"
                        "\u0648\u0625\u0630 \u062a\u0624\u0643\u062f\n";
  size_t lo = 0, vi = 0;
  unres_lang lang = UNRES_LANG_UNKNOWN;
  unres_visual_votes(S(visual), &lo, &vi, &lang);
  assert_int_equal(lo, 0);
  assert_true(vi >= 3);
  assert_int_equal(lang, UNRES_LANG_AR);
  assert_true(unres_is_visual(lo, vi));
  lo = vi = 0;
  unres_visual_votes(S(logical), &lo, &vi, &lang);
  assert_int_equal(vi, 0);
  assert_true(lo >= 3);
  assert_false(unres_is_visual(lo, vi));
  /* tatweel inside a backward word does not hide it */
  lo = vi = 0;
  unres_visual_votes(S("\u0630\u0640\u0625 \u0630\u0625 \u0630\u0625"), &lo, &vi, &lang);
  assert_int_equal(vi, 3);
  /* Latin text has no right-to-left words either way */
  lo = vi = 0;
  unres_visual_votes(S("The General Assembly, Recalling"), &lo, &vi, &lang);
  assert_int_equal(lo + vi, 0);
}

static void test_language(void **state) {
  (void)state;
  assert_int_equal(unres_detect_language(S("大会, 回顾 A/75/471 2020 年")), UNRES_LANG_ZH);
  assert_int_equal(unres_detect_language(S("The General Assembly, recalling the resolutions of the Council")),
                   UNRES_LANG_EN);
  assert_int_equal(unres_detect_language(S("L’Assemblée générale, rappelant les résolutions et décisions des")),
                   UNRES_LANG_FR);
  assert_int_equal(unres_detect_language(S("La Asamblea General, recordando las resoluciones y los informes del")),
                   UNRES_LANG_ES);
  assert_int_equal(unres_detect_language(S("Генеральная Ассамблея, напоминая")), UNRES_LANG_RU);
  assert_int_equal(unres_detect_language(S("إن الجمعية العامة، إذ تشير")), UNRES_LANG_AR);
  assert_string_equal(unres_lang_tag(UNRES_LANG_AR), "ar");
}

/* A paragraph holding one text node. */
static dm_node *para(dm_doc *doc, const char *text) {
  dm_node *p = dm_node_new(doc, DM_NODE_PARAGRAPH);
  assert_int_equal(dm_node_append_child(p, dm_node_new_text(doc, S(text))), DM_OK);
  assert_int_equal(dm_node_append_child(dm_doc_root(doc), p), DM_OK);
  return p;
}

static const dm_transform *transform(dm_registry *reg) {
  const dm_transform *t = dm_registry_transform(reg, "un-resolution");
  assert_non_null(t);
  return t;
}

/* A tree built by hand: header, formula, a clause, two paragraphs, and a
 * definition after a page break whose reference is a superscript. */
static void test_tree(void **state) {
  (void)state;
  dm_registry *reg = dm_registry_new_builtin();
  dm_ctx *ctx = dm_ctx_new(reg);
  dm_doc *doc = dm_doc_new();
  para(doc, "General Assembly");
  para(doc, "75/158. Trafficking in women and girls");
  para(doc, "The General Assembly,");
  dm_node *rec = para(doc, "Recalling the Convention");
  dm_node *sup = dm_node_new(doc, DM_NODE_SUPERSCRIPT);
  assert_int_equal(dm_node_append_child(sup, dm_node_new_text(doc, S("1"))), DM_OK);
  assert_int_equal(dm_node_append_child(rec, sup), DM_OK);
  assert_int_equal(dm_node_append_child(rec, dm_node_new_text(doc, S(" and the Protocol"))), DM_OK);
  assert_int_equal(dm_node_append_child(dm_doc_root(doc), dm_node_new(doc, DM_NODE_PAGE_BREAK)), DM_OK);
  dm_node *def = dm_node_new(doc, DM_NODE_PARAGRAPH);
  dm_node *dsup = dm_node_new(doc, DM_NODE_SUPERSCRIPT);
  assert_int_equal(dm_node_append_child(dsup, dm_node_new_text(doc, S("1"))), DM_OK);
  assert_int_equal(dm_node_append_child(def, dsup), DM_OK);
  assert_int_equal(dm_node_append_child(def, dm_node_new_text(doc, S(" United Nations, Treaty Series."))), DM_OK);
  assert_int_equal(dm_node_append_child(dm_doc_root(doc), def), DM_OK);
  para(doc, "thereto,");
  para(doc, "1. Takes note;");
  para(doc, "2. Decides.");
  assert_true(transform(reg)->probe(doc) >= DM_PROBE_SCORE_TRANSFORM);
  assert_int_equal(dm_transform_run(ctx, transform(reg), doc), DM_OK);
  /* preface, preamble, main body; the split clause joined, the note in it */
  dm_node *pre = dm_node_first_child(dm_doc_root(doc));
  assert_int_equal(dm_node_role(pre), DM_ROLE_PREFACE);
  dm_node *amble = dm_node_next(pre);
  assert_int_equal(dm_node_role(amble), DM_ROLE_PREAMBLE);
  dm_node *recital = dm_node_next(dm_node_first_child(amble));
  assert_int_equal(dm_node_role(recital), DM_ROLE_RECITAL);
  assert_null(dm_node_next(recital)); /* "thereto," was joined */
  dm_node *p = dm_node_first_child(recital);
  /* the lead word, without emphasis in the input, gets English italics */
  dm_node *lead = dm_node_first_child(p);
  assert_int_equal(dm_node_type_of(lead), DM_NODE_EMPH);
  assert_string_equal(dm_node_literal(dm_node_first_child(lead)), "Recalling");
  assert_string_equal(dm_node_literal(dm_node_next(lead)), " the Convention");
  dm_node *note = dm_node_next(dm_node_next(lead));
  assert_int_equal(dm_node_type_of(note), DM_NODE_NOTE);
  assert_string_equal(dm_node_label(note), "1");
  dm_node *main = dm_node_next(amble);
  assert_int_equal(dm_node_role(main), DM_ROLE_MAIN_BODY);
  assert_string_equal(dm_node_label(dm_node_first_child(main)), "1.");
  assert_string_equal(dm_doc_meta(doc, DM_META_SYMBOL), "A/RES/75/158");
  assert_string_equal(dm_doc_meta(doc, DM_META_LANGUAGE), "en");
  dm_doc_free(doc);
  dm_ctx_free(ctx);
  dm_registry_free(reg);
}

static size_t count_diag(dm_ctx *ctx, dm_diag_code code, const char *words) {
  size_t n = 0;
  for (size_t i = 0; i < dm_ctx_diag_count(ctx); i++)
    n += dm_ctx_diag(ctx, i)->code == code && strstr(dm_ctx_diag(ctx, i)->message, words) != NULL;
  return n;
}

/* A Security Council resolution, its masthead as S/RES/2611 (2021) prints
 * it: the symbol, the Council's IRI body, the date, two preambular clauses
 * and two operative paragraphs, and no warning. */
static void test_security_council(void **state) {
  (void)state;
  dm_registry *reg = dm_registry_new_builtin();
  dm_ctx *ctx = dm_ctx_new(reg);
  dm_doc *doc = dm_doc_new();
  para(doc, "Security Council");
  para(doc, "S/RES/2611 (2021)");
  para(doc, "Distr.: General");
  para(doc, "17 December 2021");
  para(doc, "Resolution 2611 (2021)");
  para(doc, "Adopted by the Security Council at its 8935th meeting, on 17 December 2021");
  para(doc, "The Security Council,");
  para(doc, "Recalling its previous resolutions on international terrorism,");
  para(doc, "Reaffirming its strong commitment to the sovereignty of Afghanistan,");
  para(doc, "1. Decides that all States shall take the measures;");
  para(doc, "2. Decides to remain actively seized of the matter.");
  assert_true(transform(reg)->probe(doc) >= DM_PROBE_SCORE_TRANSFORM);
  assert_int_equal(dm_transform_run(ctx, transform(reg), doc), DM_OK);
  assert_string_equal(dm_doc_meta(doc, DM_META_SYMBOL), "S/RES/2611 (2021)");
  assert_string_equal(dm_doc_meta(doc, DM_META_BODY_ID), "un-sc");
  assert_string_equal(dm_doc_meta(doc, DM_META_DISTRIBUTION_DATE), "2021-12-17");
  dm_node *amble = dm_node_next(dm_node_first_child(dm_doc_root(doc)));
  assert_int_equal(dm_node_role(amble), DM_ROLE_PREAMBLE);
  size_t recitals = 0;
  for (dm_node *c = dm_node_first_child(amble); c; c = dm_node_next(c))
    recitals += dm_node_role(c) == DM_ROLE_RECITAL;
  assert_int_equal(recitals, 2);
  dm_node *main = dm_node_next(amble);
  assert_string_equal(dm_node_label(dm_node_first_child(main)), "1.");
  assert_string_equal(dm_node_label(dm_node_next(dm_node_first_child(main))), "2.");
  assert_int_equal(count_diag(ctx, DM_DIAG_STRUCTURE, ""), 0);
  dm_doc_free(doc);
  dm_ctx_free(ctx);
  dm_registry_free(reg);
}

/* Structure found but no symbol: the missing symbol is named in a
 * warning, never passed on in silence. */
static void test_missing_named(void **state) {
  (void)state;
  dm_registry *reg = dm_registry_new_builtin();
  dm_ctx *ctx = dm_ctx_new(reg);
  dm_doc *doc = dm_doc_new();
  para(doc, "Security Council");
  para(doc, "Distr.: General");
  para(doc, "The Security Council,");
  para(doc, "its previous resolutions on the situation");
  para(doc, "1. Decides;");
  para(doc, "2. Decides to remain seized of the matter.");
  assert_int_equal(dm_transform_run(ctx, transform(reg), doc), DM_OK);
  assert_null(dm_doc_meta(doc, DM_META_SYMBOL));
  assert_int_equal(count_diag(ctx, DM_DIAG_STRUCTURE, "no document symbol"), 1);
  dm_doc_free(doc);
  dm_ctx_free(ctx);
  dm_registry_free(reg);
}

/* Arabic in visual order: the probe lets the transform run, and it warns
 * and leaves the text as it was. */
static void test_visual_document(void **state) {
  (void)state;
  dm_registry *reg = dm_registry_new_builtin();
  dm_ctx *ctx = dm_ctx_new(reg);
  dm_doc *doc = dm_doc_new();
  para(doc, "\u0629\u0645\u0627\u0639\u0644\u0627 \u0629\u064a\u0639\u0645\u062c\u0644\u0627 \u0646\u0625\u060c");
  para(doc, "\u0631\u064a\u0634\u062a \u0630\u0625");
  para(doc, "\u062f\u0643\u0624\u062a \u0630\u0625\u0648");
  para(doc, "- 1");
  assert_true(transform(reg)->probe(doc) >= DM_PROBE_SCORE_TRANSFORM);
  assert_int_equal(dm_transform_run(ctx, transform(reg), doc), DM_OK);
  assert_int_equal(count_diag(ctx, DM_DIAG_STRUCTURE, "visual order"), 1);
  assert_int_equal(dm_node_type_of(dm_node_first_child(dm_doc_root(doc))), DM_NODE_PARAGRAPH);
  assert_int_equal(dm_doc_meta_count(doc), 0);
  dm_doc_free(doc);
  dm_ctx_free(ctx);
  dm_registry_free(reg);
}

/* An unpaired reference and an unpaired definition stay, with warnings. */
static void test_unpaired(void **state) {
  (void)state;
  dm_registry *reg = dm_registry_new_builtin();
  dm_ctx *ctx = dm_ctx_new(reg);
  dm_doc *doc = dm_doc_new();
  para(doc, "General Assembly");
  para(doc, "75/1. Title");
  para(doc, "The General Assembly,");
  para(doc, "Recalling the Charter¹,");
  para(doc, "² An orphan definition.");
  para(doc, "1. Decides;");
  para(doc, "2. Decides again.");
  assert_int_equal(dm_transform_run(ctx, transform(reg), doc), DM_OK);
  int undefined = 0, unused = 0;
  for (size_t i = 0; i < dm_ctx_diag_count(ctx); i++) {
    undefined += dm_ctx_diag(ctx, i)->code == DM_DIAG_NOTE_UNDEFINED;
    unused += dm_ctx_diag(ctx, i)->code == DM_DIAG_NOTE_UNUSED;
  }
  assert_int_equal(undefined, 1);
  assert_int_equal(unused, 1);
  dm_doc_free(doc);
  dm_ctx_free(ctx);
  dm_registry_free(reg);
}

/* A document that is not a resolution: the probe stays low and forcing the
 * transform leaves the tree as it was. */
static void test_not_resolution(void **state) {
  (void)state;
  dm_registry *reg = dm_registry_new_builtin();
  dm_ctx *ctx = dm_ctx_new(reg);
  dm_doc *doc = dm_doc_new();
  para(doc, "Installation");
  para(doc, "1. Run make.");
  para(doc, "2. Run make install.");
  assert_true(transform(reg)->probe(doc) < DM_PROBE_SCORE_TRANSFORM);
  assert_int_equal(dm_transform_run(ctx, transform(reg), doc), DM_OK);
  dm_node *first = dm_node_first_child(dm_doc_root(doc));
  assert_int_equal(dm_node_type_of(first), DM_NODE_PARAGRAPH);
  assert_int_equal(dm_doc_meta_count(doc), 0);
  dm_doc_free(doc);
  dm_ctx_free(ctx);
  dm_registry_free(reg);
}

/* Lead words are marked only where the input has no emphasis of its own:
 * a clause whose lead the input already set apart, even after a word in
 * plain text ("Further " before an italic "recalling"), stays as it came;
 * a clause without any gets the language's italics. */
static void test_lead_own_emphasis(void **state) {
  (void)state;
  dm_registry *reg = dm_registry_new_builtin();
  dm_ctx *ctx = dm_ctx_new(reg);
  dm_doc *doc = dm_doc_new();
  para(doc, "General Assembly");
  para(doc, "75/158. Trafficking in women and girls");
  para(doc, "The General Assembly,");
  dm_node *own = para(doc, "Further ");
  dm_node *em = dm_node_new(doc, DM_NODE_EMPH);
  assert_int_equal(dm_node_append_child(em, dm_node_new_text(doc, S("recalling"))), DM_OK);
  assert_int_equal(dm_node_append_child(own, em), DM_OK);
  assert_int_equal(dm_node_append_child(own, dm_node_new_text(doc, S(" the Convention,"))), DM_OK);
  dm_node *plain = para(doc, "1. Decides to remain seized of the matter;");
  para(doc, "2. Requests a report.");
  assert_int_equal(dm_transform_run(ctx, transform(reg), doc), DM_OK);
  /* the input's own emphasis, untouched */
  assert_int_equal(dm_node_type_of(dm_node_first_child(own)), DM_NODE_TEXT);
  assert_string_equal(dm_node_literal(dm_node_first_child(own)), "Further ");
  assert_ptr_equal(dm_node_next(dm_node_first_child(own)), em);
  /* the operative paragraph, moved under its div, gets "Decides" in italics */
  dm_node *lead = dm_node_first_child(plain);
  assert_int_equal(dm_node_type_of(lead), DM_NODE_EMPH);
  assert_string_equal(dm_node_literal(dm_node_first_child(lead)), "Decides");
  assert_string_equal(dm_node_literal(dm_node_next(lead)), " to remain seized of the matter;");
  dm_doc_free(doc);
  dm_ctx_free(ctx);
  dm_registry_free(reg);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_numerals),
      cmocka_unit_test(test_session),
      cmocka_unit_test(test_dates),
      cmocka_unit_test(test_labels),
      cmocka_unit_test(test_markers),
      cmocka_unit_test(test_splits),
      cmocka_unit_test(test_furniture),
      cmocka_unit_test(test_language),
      cmocka_unit_test(test_tree),
      cmocka_unit_test(test_unpaired),
      cmocka_unit_test(test_not_resolution),
      cmocka_unit_test(test_symbol),
      cmocka_unit_test(test_agenda),
      cmocka_unit_test(test_annex_heading),
      cmocka_unit_test(test_visual_order),
      cmocka_unit_test(test_security_council),
      cmocka_unit_test(test_missing_named),
      cmocka_unit_test(test_visual_document),
      cmocka_unit_test(test_lead_own_emphasis),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
