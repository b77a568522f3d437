/* SPDX-License-Identifier: MIT */
/*
 * Tables the Akoma Ntoso writer and reader share: ISO 639-1 <-> ISO 639-2/T
 * language codes (AKN's FRBRlanguage uses the three-letter terminology
 * codes), the span classes that are AKN inline elements, and a date check.
 * See akn_common.h for the conventions both sides follow.
 */
#include "akn_common.h"

#include <string.h>

/* Two-letter code, terminology code, bibliographic code where it differs.
 * The six UN languages first; then the languages of the EU, the Council of
 * Europe and the larger national legislatures that publish AKN. */
static const char *const akn_langs[][3] = {
    {"ar", "ara", NULL},  {"zh", "zho", "chi"}, {"en", "eng", NULL},  {"fr", "fra", "fre"}, {"ru", "rus", NULL},
    {"es", "spa", NULL},  {"de", "deu", "ger"}, {"it", "ita", NULL},  {"pt", "por", NULL},  {"nl", "nld", "dut"},
    {"ja", "jpn", NULL},  {"ko", "kor", NULL},  {"pl", "pol", NULL},  {"sv", "swe", NULL},  {"da", "dan", NULL},
    {"fi", "fin", NULL},  {"nb", "nob", NULL},  {"nn", "nno", NULL},  {"no", "nor", NULL},  {"el", "ell", "gre"},
    {"tr", "tur", NULL},  {"he", "heb", NULL},  {"hi", "hin", NULL},  {"cs", "ces", "cze"}, {"sk", "slk", "slo"},
    {"sl", "slv", NULL},  {"hu", "hun", NULL},  {"ro", "ron", "rum"}, {"uk", "ukr", NULL},  {"bg", "bul", NULL},
    {"hr", "hrv", NULL},  {"sr", "srp", NULL},  {"bs", "bos", NULL},  {"mk", "mkd", "mac"}, {"sq", "sqi", "alb"},
    {"et", "est", NULL},  {"lv", "lav", NULL},  {"lt", "lit", NULL},  {"ga", "gle", NULL},  {"mt", "mlt", NULL},
    {"cy", "cym", "wel"}, {"is", "isl", "ice"}, {"eu", "eus", "baq"}, {"ca", "cat", NULL},  {"gl", "glg", NULL},
    {"lb", "ltz", NULL},  {"fa", "fas", "per"}, {"ur", "urd", NULL},  {"bn", "ben", NULL},  {"ta", "tam", NULL},
    {"id", "ind", NULL},  {"ms", "msa", "may"}, {"th", "tha", NULL},  {"vi", "vie", NULL},  {"sw", "swa", NULL},
    {"af", "afr", NULL},  {"zu", "zul", NULL},  {"xh", "xho", NULL},  {"am", "amh", NULL},  {"hy", "hye", "arm"},
    {"ka", "kat", "geo"}, {"az", "aze", NULL},  {"kk", "kaz", NULL},  {"uz", "uzb", NULL},  {"mn", "mon", NULL},
    {"my", "mya", "bur"}, {"km", "khm", NULL},  {"ne", "nep", NULL},  {"si", "sin", NULL},  {"tl", "tgl", NULL},
    {"la", "lat", NULL},  {"eo", "epo", NULL},
};
#define AKN_NLANGS (sizeof akn_langs / sizeof akn_langs[0])

static char akn_lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c; }
static int akn_is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

const char *akn_lang_to_639_2(const char *tag, char buf[4]) {
  size_t n = 0;
  while (tag && akn_is_alpha(tag[n]) && n < 4)
    n++;
  if (!tag || (tag[n] != '\0' && tag[n] != '-' && tag[n] != '_')) return "und";
  if (n == 2) {
    char two[3] = {akn_lower(tag[0]), akn_lower(tag[1]), 0};
    for (size_t i = 0; i < AKN_NLANGS; i++)
      if (strcmp(akn_langs[i][0], two) == 0) return akn_langs[i][1];
    return "und";
  }
  if (n == 3) {
    for (size_t i = 0; i < 3; i++)
      buf[i] = akn_lower(tag[i]);
    buf[3] = '\0';
    /* A bibliographic code is given as its terminology twin. */
    for (size_t i = 0; i < AKN_NLANGS; i++)
      if (akn_langs[i][2] && strcmp(akn_langs[i][2], buf) == 0) return akn_langs[i][1];
    return buf;
  }
  return "und";
}

const char *akn_lang_to_639_1(const char *code) {
  if (!code || strlen(code) != 3) return NULL;
  char c[4] = {akn_lower(code[0]), akn_lower(code[1]), akn_lower(code[2]), 0};
  for (size_t i = 0; i < AKN_NLANGS; i++)
    if (strcmp(akn_langs[i][1], c) == 0 || (akn_langs[i][2] && strcmp(akn_langs[i][2], c) == 0)) return akn_langs[i][0];
  return NULL;
}

/* Inline elements of type "inline" (optional attributes only, or the ones
 * the writer checks itself: docDate's date, ref's href). */
static const char *const akn_spans[] = {
    "docAuthority", "docNumber",       "docTitle",    "docDate",    "session",      "docStatus",
    "docketNumber", "docProponent",    "docType",     "docPurpose", "docCommittee", "docIntroducer",
    "docStage",     "docJurisdiction", "legislature", "shortTitle", "ref",          NULL,
};

const char *const *akn_span_elements(void) { return akn_spans; }

int akn_is_iso_date(const char *s) {
  if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return 0;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return 0;
  int year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  int month = (s[5] - '0') * 10 + (s[6] - '0');
  int day = (s[8] - '0') * 10 + (s[9] - '0');
  /* xsd:date knows the length of each month: an impossible day would make
   * the document invalid, not just odd. */
  static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year == 0 || month < 1 || month > 12 || day < 1 || day > mdays[month - 1]) return 0;
  int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return !(month == 2 && day == 29 && !leap);
}
