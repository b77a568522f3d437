/* SPDX-License-Identifier: MIT */
/*
 * The language data of the un-resolution transform read back: every value
 * of every data file (plugins/un-resolution/data/<tag>.txt, parsed here
 * independently of the build's generator) must be in the compiled table of
 * its language, in the order written, and nothing else; then the rules that
 * read the tables, on hand-made strings: case beyond Latin-1 ("Žena",
 * "Łódź"), lead words, dates and meetings of German, a language added as a
 * data file only.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "docmill/docmill.h"
#include "unres.h"

#define S(x) x, strlen(x)

/* The key of a data file and the table field holding its values. */
static const char *const *field_of(const unres_lang_data *d, const char *key) {
  static const struct {
    const char *key;
    size_t off;
  } keys[] = {
      {"tag", offsetof(unres_lang_data, tag)},
      {"name", offsetof(unres_lang_data, name)},
      {"word", offsetof(unres_lang_data, word)},
      {"lead", offsetof(unres_lang_data, lead)},
      {"lead-adverb", offsetof(unres_lang_data, lead_adverb)},
      {"lead-suffix", offsetof(unres_lang_data, lead_suffix)},
      {"lead-case", offsetof(unres_lang_data, lead_case)},
      {"formula", offsetof(unres_lang_data, formula)},
      {"body", offsetof(unres_lang_data, body)},
      {"adoption", offsetof(unres_lang_data, adoption)},
      {"month", offsetof(unres_lang_data, month)},
      {"date", offsetof(unres_lang_data, date)},
      {"number-word", offsetof(unres_lang_data, number_word)},
      {"number-unit", offsetof(unres_lang_data, number_unit)},
      {"meeting", offsetof(unres_lang_data, meeting)},
      {"meeting-first", offsetof(unres_lang_data, meeting_first)},
      {"direction", offsetof(unres_lang_data, direction)},
      {"numeral", offsetof(unres_lang_data, numeral)},
      {"numeral-prefix", offsetof(unres_lang_data, numeral_prefix)},
      {"numeral-times", offsetof(unres_lang_data, numeral_times)},
      {"session", offsetof(unres_lang_data, session)},
      {"agenda", offsetof(unres_lang_data, agenda)},
      {"committee", offsetof(unres_lang_data, committee)},
      {"meeting-prefix", offsetof(unres_lang_data, meeting_prefix)},
      {"annex", offsetof(unres_lang_data, annex)},
      {"lead-style", offsetof(unres_lang_data, lead_style)},
      {"lead-before", offsetof(unres_lang_data, lead_before)},
      {"lead-phrase", offsetof(unres_lang_data, lead_phrase)},
      {"lead-more", offsetof(unres_lang_data, lead_more)},
  };
  for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
    if (strcmp(keys[k].key, key) == 0) return *(const char *const *const *)((const char *)d + keys[k].off);
  return NULL;
}

#define NKEYS 29
static const char *const key_names[NKEYS] = {
    "tag",      "name",          "word",           "lead",    "lead-adverb",    "lead-suffix",   "lead-case",
    "formula",  "body",          "adoption",       "month",   "date",           "number-word",   "number-unit",
    "meeting",  "meeting-first", "direction",      "numeral", "numeral-prefix", "numeral-times", "session",
    "agenda",   "committee",     "meeting-prefix", "annex",   "lead-style",     "lead-before",   "lead-phrase",
    "lead-more"};

/* Checks one data file against the table of its language. */
static void check_file(const char *path, const unres_lang_data *d) {
  FILE *f = fopen(path, "r");
  if (!f) fprintf(stderr, "%s: cannot open\n", path);
  assert_non_null(f);
  size_t seen[NKEYS] = {0};
  char line[512];
  while (fgets(line, sizeof line, f)) {
    size_t n = strcspn(line, "\r\n");
    line[n] = '\0';
    while (n && (line[n - 1] == ' ' || line[n - 1] == '\t'))
      line[--n] = '\0';
    char *p = line;
    while (*p == ' ' || *p == '\t')
      p++;
    if (!*p || *p == '#') continue;
    char *colon = strchr(p, ':');
    assert_non_null(colon);
    *colon = '\0';
    char *val = colon + 1;
    while (*val == ' ' || *val == '\t')
      val++;
    size_t k = 0;
    while (k < NKEYS && strcmp(key_names[k], p) != 0)
      k++;
    assert_true(k < NKEYS);
    const char *const *list = field_of(d, p);
    assert_non_null(list);
    /* the next value of this key in the table is this one */
    assert_non_null(list[seen[k]]);
    assert_string_equal(list[seen[k]], val);
    seen[k]++;
  }
  fclose(f);
  /* and the table holds nothing the file does not */
  for (size_t k = 0; k < NKEYS; k++)
    assert_null(field_of(d, key_names[k])[seen[k]]);
}

static void test_tables_read_back(void **state) {
  (void)state;
  const char *src = getenv("DM_SOURCE_DIR");
  /* the six UN languages first, in the order of enum unres_lang; German is
   * a data file only */
  static const char *const tags[] = {"zh", "en", "fr", "es", "ru", "ar", "de"};
  assert_int_equal(unres_lang_count(), 7);
  for (int l = 1; l <= unres_lang_count(); l++) {
    const unres_lang_data *d = unres_lang_info((unres_lang)l);
    assert_non_null(d);
    assert_string_equal(unres_lang_tag((unres_lang)l), tags[l - 1]);
    char path[1024];
    snprintf(path, sizeof path, "%s/plugins/un-resolution/data/%s.txt", src ? src : ".", tags[l - 1]);
    check_file(path, d);
  }
  assert_null(unres_lang_info(UNRES_LANG_UNKNOWN));
  assert_null(unres_lang_info((unres_lang)8));
}

static void test_case(void **state) {
  (void)state;
  /* Ž U+017D, ž U+017E, Ł U+0141, ł U+0142: Latin Extended-A pairs where
   * the capital is odd (0139-0148, 0179-017E) */
  assert_false(unres_starts_lower(S("Žena")));
  assert_true(unres_starts_lower(S("žena")));
  assert_false(unres_starts_lower(S("Łódź")));
  assert_true(unres_starts_lower(S("łódź")));
  assert_true(unres_is_upper_cp(0x17D));
  assert_false(unres_is_upper_cp(0x17E));
  assert_true(unres_is_upper_cp(0x141));
  assert_false(unres_is_upper_cp(0x142));
  /* Č U+010C (even capital), č U+010D; Ω U+03A9, ω U+03C9; Ж U+0416 */
  assert_true(unres_is_upper_cp(0x10C));
  assert_false(unres_is_upper_cp(0x10D));
  assert_true(unres_is_upper_cp(0x3A9));
  assert_false(unres_is_upper_cp(0x3C9));
  assert_true(unres_is_upper_cp(0x416));
  assert_true(unres_starts_lower(S("ωμέγα")));
  /* case-insensitive lookups go beyond Latin-1 too */
  assert_int_equal(unres_prefix_ci(S("ŽENA i"), "žena"), strlen("ŽENA"));
}

static void test_german(void **state) {
  (void)state;
  unres_lang de = UNRES_LANG_UNKNOWN;
  for (int l = 1; l <= unres_lang_count(); l++)
    if (strcmp(unres_lang_tag((unres_lang)l), "de") == 0) de = (unres_lang)l;
  assert_int_not_equal(de, UNRES_LANG_UNKNOWN);
  assert_int_equal(unres_detect_language(S("unter Hinweis auf die Erklärung des Indischen Ozeans und der Resolution")),
                   de);
  assert_true(unres_is_formula(S("Die Generalversammlung,")));
  assert_true(unres_lead_line(de, S("unter Hinweis auf ihre Resolution 79/17")));
  assert_true(unres_lead_line(de, S("feststellend, dass")));      /* the -end participle */
  assert_false(unres_lead_line(de, S("der Staaten der Region"))); /* a continuation */
  char iso[11];
  size_t a, e;
  assert_true(unres_find_date(de, S("verabschiedet am 1. Dezember 2025"), iso, &a, &e));
  assert_string_equal(iso, "2025-12-01");
  assert_int_equal(a, strlen("verabschiedet am "));
  assert_int_equal(e, strlen("verabschiedet am 1. Dezember 2025"));
  assert_int_equal(unres_find_meeting(S("52. Plenarsitzung"), &a, &e), 52);
  /* neither the meeting nor a date opens an operative paragraph */
  char lab[16];
  assert_int_equal(unres_para_number(S("52. Plenarsitzung"), lab), 0);
  assert_int_equal(unres_para_number(S("25. Februar 2003 in Kuala Lumpur"), lab), 0);
  assert_int_not_equal(unres_para_number(S("5. beschließt, den Punkt"), lab), 0);
  assert_string_equal(lab, "5.");
}

static void test_leads(void **state) {
  (void)state;
  assert_true(unres_lead_line(UNRES_LANG_EN, S("Recalling its resolution 72/3"))); /* -ing */
  assert_true(unres_lead_line(UNRES_LANG_EN, S("Deeply concerned about")));        /* listed */
  assert_false(unres_lead_line(UNRES_LANG_EN, S("recalling its resolution")));     /* lower case */
  assert_false(unres_lead_line(UNRES_LANG_EN, S("United Nations and the Court"))); /* no lead */
  assert_true(unres_lead_line(UNRES_LANG_FR, S("Rappelant sa résolution")));       /* -ant */
  assert_true(unres_lead_line(UNRES_LANG_ES, S("Reconociendo la importancia")));   /* -endo */
  assert_true(unres_lead_line(UNRES_LANG_RU, S("напоминая о своей резолюции")));   /* listed */
  assert_false(unres_lead_line(UNRES_LANG_RU, S("нарушение прав человека")));
  assert_true(unres_lead_line(UNRES_LANG_ZH, S("又回顾其以往"))); /* adverb + verb */
  assert_true(unres_lead_line(UNRES_LANG_AR, S("وإذ تشير إلى")));
  /* units after a number make a quantity */
  assert_true(unres_unit_after(UNRES_LANG_ZH, S(" 日第 54/54 N 号")));
  assert_true(unres_unit_after(UNRES_LANG_EN, S(" per cent of")));
  assert_false(unres_unit_after(UNRES_LANG_EN, S(" reaffirms the purposes")));
}

/* The lead words' extent (issue 16). Each expected span is printed so in
 * the UN's AKN files (samples-external/unxml, <span class="italic">,
 * "bold", "bold italic"; found with grep): "Takes note with appreciation"
 * and "Bearing in mind" in the English 75/158, "Also encourages" and
 * "Recalling also" in the English 75/15, "Se félicitant également" in the
 * French 75/158, "Acogiendo con beneplácito" in the Spanish
 * 75/158, "с удовлетворением принимает к сведению" in the Russian 75/158,
 * "又表示赞赏地注意到" in the Chinese 75/158, "وإذ تشير أيضا" in the Arabic
 * 75/51. */
static void expect_lead(unres_lang lang, const char *s, const char *want) {
  size_t a = 0, e = 0;
  int found = unres_lead_extent(lang, s, strlen(s), &a, &e);
  if (!want) {
    assert_false(found);
    return;
  }
  assert_true(found);
  if (e - a != strlen(want) || memcmp(s + a, want, e - a) != 0)
    fprintf(stderr, "lead of \"%s\": \"%.*s\"\n", s, (int)(e - a), s + a);
  assert_int_equal(e - a, strlen(want));
  assert_memory_equal(s + a, want, e - a);
}

static void test_lead_extent(void **state) {
  (void)state;
  expect_lead(UNRES_LANG_EN, "Takes note with appreciation of the report", "Takes note with appreciation");
  expect_lead(UNRES_LANG_EN, "Also encourages States to", "Also encourages");
  expect_lead(UNRES_LANG_EN, "Recalling also its resolution", "Recalling also");
  expect_lead(UNRES_LANG_EN, "Bearing in mind that", "Bearing in mind");
  expect_lead(UNRES_LANG_EN, "  Decides, in this regard,", "Decides"); /* spaces before, comma after */
  expect_lead(UNRES_LANG_FR, "Se félicitant également de l’adoption", "Se félicitant également");
  expect_lead(UNRES_LANG_ES, "Acogiendo con beneplácito la aprobación", "Acogiendo con beneplácito");
  expect_lead(UNRES_LANG_RU, "с удовлетворением принимает к сведению доклад", "с удовлетворением принимает к сведению");
  expect_lead(UNRES_LANG_ZH, "又表示赞赏地注意到已有会员国", "又表示赞赏地注意到");
  expect_lead(UNRES_LANG_ZH, "回顾具体针对", "回顾");
  expect_lead(UNRES_LANG_ZH, "具体针对贩运", NULL); /* no lead of the data: none guessed */
  expect_lead(UNRES_LANG_AR, "وإذ تشير أيضا إلى قرارها", "وإذ تشير أيضا");
  expect_lead(UNRES_LANG_EN, "", NULL);
  /* German, a language of data only: "sowie unter Hinweis" in the German
   * 80/13 */
  for (int l = 1; l <= unres_lang_count(); l++)
    if (strcmp(unres_lang_tag((unres_lang)l), "de") == 0)
      expect_lead((unres_lang)l, "sowie unter Hinweis auf ihre Resolution", "sowie unter Hinweis");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_tables_read_back), cmocka_unit_test(test_case),
      cmocka_unit_test(test_german),           cmocka_unit_test(test_leads),
      cmocka_unit_test(test_lead_extent),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
