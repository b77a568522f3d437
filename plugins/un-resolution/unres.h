/* SPDX-License-Identifier: MIT */
/*
 * What the files of the un-resolution transform share. unres_lang.c holds
 * the pure text tests (language from script and words, numerals written in
 * words, dates, labels, footnote markers, lead phrases, page furniture) that
 * the unit tests call directly; unres_notes.c finds footnote definitions and
 * references and moves each definition into a note; unres_struct.c rebuilds
 * the document into preface, preamble, main body and conclusions and fills
 * the metadata; unres_plugin.c holds the probe, the apply hook and the
 * descriptor. Nothing here is public API.
 */
#ifndef DOCMILL_PLUGIN_UNRES_H
#define DOCMILL_PLUGIN_UNRES_H

#include <stddef.h>
#include <stdint.h>

#include "docmill/docmill.h"

/* ---- languages ------------------------------------------------------- */

typedef enum unres_lang {
  UNRES_LANG_UNKNOWN = 0,
  UNRES_LANG_ZH,
  UNRES_LANG_EN,
  UNRES_LANG_FR,
  UNRES_LANG_ES,
  UNRES_LANG_RU,
  UNRES_LANG_AR
  /* languages beyond the six come from data files only: their values
   * follow, up to unres_lang_count() */
} unres_lang;

/* ---- language data (data/<tag>.txt, compiled by gen_lang.cmake) ------- */

/* Each field is a NULL-terminated list of the values of one key of the
 * data file, in the order written (docs/LANGUAGES.md). */
typedef struct unres_lang_data {
  const char *const *tag;
  const char *const *name;
  const char *const *word;
  const char *const *lead;
  const char *const *lead_adverb;
  const char *const *lead_suffix;
  const char *const *lead_case;
  const char *const *formula;
  const char *const *body;
  const char *const *adoption;
  const char *const *month;
  const char *const *date;
  const char *const *number_word;
  const char *const *number_unit;
  const char *const *meeting;
  const char *const *meeting_first;
  const char *const *direction;
  const char *const *numeral;
  const char *const *numeral_prefix;
  const char *const *numeral_times;
  const char *const *session;
  const char *const *agenda;
  const char *const *committee;
  const char *const *meeting_prefix;
  const char *const *annex;
  const char *const *lead_style;
  const char *const *lead_before;
  const char *const *lead_phrase;
  const char *const *lead_more;
} unres_lang_data;

extern const unres_lang_data unres_lang_table[];
extern const size_t unres_lang_table_count;

/* The lists of a language's data that are compared at every line or
 * clause, for unres_list_first. */
typedef enum unres_list_id { UNRES_L_LEAD, UNRES_L_BEFORE, UNRES_L_PHRASE, UNRES_L_MORE, UNRES_L_COUNT } unres_list_id;
/* The list of language d named by id. */
const char *const *unres_list(const unres_lang_data *d, unres_list_id id);
/* The first letter, lowercased, of each value of list id of language d
 * (UINT32_MAX for a value without one), built once per process: a value
 * whose first letter is not that of a text cannot match it (see
 * unres_prefix_ci). *n receives how many values the array covers; NULL
 * for a language beyond the table's bounds. */
const uint32_t *unres_list_firsts(const unres_lang_data *d, unres_list_id id, size_t *n);

/* The number of languages known (the six, then those of further data
 * files): valid unres_lang values are 1 .. unres_lang_count(). */
int unres_lang_count(void);
/* The data of a language, NULL for UNRES_LANG_UNKNOWN or out of range. */
const unres_lang_data *unres_lang_info(unres_lang lang);

/* Votes on whether right-to-left text (languages whose data says
 * "direction: rtl") came in visual order, as some PDF extractors give it:
 * adds to *logical the occurrences in s of the language's lead words,
 * formulas and body names as written, and to *visual those of the same
 * read backwards ("ذإ" for "إذ"). Tatweel and directional controls are
 * left out. The language with the most backward words in *lang (unchanged
 * when none). */
void unres_visual_votes(const char *s, size_t len, size_t *logical, size_t *visual, unres_lang *lang);
/* Whether the votes say visual order: backward words several times, and
 * well over the words as written. */
int unres_is_visual(size_t logical, size_t visual);

/* The BCP 47 tag of a language ("zh"), or NULL for UNRES_LANG_UNKNOWN. */
const char *unres_lang_tag(unres_lang lang);
/* The language of a sample of UTF-8 text, from the script most of its
 * letters are written in and, for Latin script, from frequent words. */
unres_lang unres_detect_language(const char *s, size_t len);

/* ---- growable strings: the library's dm_buf ------------------------------ */

/* The line, zone and note passes name the buffer by these short names;
 * they are the toolkit's dm_buf and its calls, nothing more. An append
 * that fails leaves the buffer's status at DM_ENOMEM (sticky), which the
 * callers check once at the end. */
typedef dm_buf unres_buf;

static inline void unres_buf_clear(dm_buf *b) { dm_buf_truncate(b, 0); }
static inline void unres_buf_release(dm_buf *b) { dm_buf_release(b); }
static inline void unres_buf_add(dm_buf *b, const char *s, size_t len) { (void)dm_buf_append(b, s, len); }

/* ---- pure text tests -------------------------------------------------- */

/* Reads an ordinal or cardinal number written in words ("Seventy-fifth",
 * "soixante-quinzième", "septuagésimo quinto", "семьдесят пятая",
 * "الخامسة والسبعون", "七十五"). Returns the number, or 0 when some word is
 * not a numeral of the language. */
int unres_words_number(unres_lang lang, const char *s, size_t len);
/* Finds the session phrase in s ("第七十五届会议", "Seventy-fifth session",
 * ...). Returns the session number (0 when none) and the phrase's byte
 * range in *start, *end. */
int unres_find_session(unres_lang lang, const char *s, size_t len, size_t *start, size_t *end);
/* Finds the first date in s written the language's way; writes it as ISO
 * YYYY-MM-DD into iso (11 bytes) and its byte range into *start, *end.
 * Returns 1 when found. */
int unres_find_date(unres_lang lang, const char *s, size_t len, char iso[11], size_t *start, size_t *end);
/* The same, only for a date that starts at s[b] (a digit); the end in
 * *end. */
int unres_date_at(unres_lang lang, const char *s, size_t len, size_t b, char iso[11], size_t *end);
/* The agenda item ("议程项目 28", "Agenda item 28", "Point 28 de l'ordre du
 * jour", ...): its number, 0 when none; range in *start, *end. */
int unres_find_agenda(const char *s, size_t len, size_t *start, size_t *end);
/* The plenary meeting ("第 46 次全体会议", "46th plenary meeting", ...):
 * its number, 0 when none; range in *start, *end. */
int unres_find_meeting(const char *s, size_t len, size_t *start, size_t *end);
/* The same, only for the phrase of a number written at s[b] ("46th
 * plenary meeting"): the number, 0 when none. */
int unres_meeting_at(const char *s, size_t len, size_t b, size_t *start, size_t *end);
/* The issuing body's name in any of the six languages; 1 when found. */
int unres_find_body(const char *s, size_t len, size_t *start, size_t *end);
/* Whether s (trimmed) is the opening formula ("The General Assembly,"). */
int unres_is_formula(const char *s, size_t len);
/* The same without the closing comma ("The General Assembly" alone on its
 * line, before "Adopts the declaration annexed ..."). */
int unres_is_formula_bare(const char *s, size_t len);
/* Whether s (after a number and spaces) opens with a unit of the
 * language's data ("日", "per cent", "million"): then the number is a
 * quantity, never a footnote's. */
int unres_unit_after(unres_lang lang, const char *s, size_t len);
/* Whether a line opens a clause with a lead word of the language
 * ("Recalling", "Reaffirming", "напоминая", "回顾"): stricter than
 * unres_starts_lead, for text where nothing else marks the clause. */
int unres_lead_line(unres_lang lang, const char *s, size_t len);
/* Whether s (trimmed) is the heading of an annex in any language
 * ("Annex", "Annexe A", "附件二"): the word, then at most a short label. */
int unres_is_annex_heading(const char *s, size_t len);
/* Whether s holds the adoption line ("Resolution adopted by ..."). */
int unres_is_adoption_line(const char *s, size_t len);
/* "75/158. Title": the byte length of the number, the title's start in
 * *title; 0 when s does not open that way. With alone set, "75/158."
 * with nothing after it counts too (*title is then len). */
size_t unres_number_title_len(const char *s, size_t len, size_t *title, int alone);

/* An operative paragraph number at the start of s ("1. ", "2 bis. ",
 * "3 - "): its length in bytes including the following spaces, and the
 * label as printed ("1.", "2 bis.") in label (at most 16 bytes); 0 when
 * none. */
size_t unres_para_number(const char *s, size_t len, char label[16]);
/* A point label at the start of s ("(a) ", "(iv) ", "(б) ", "a) "):
 * the length consumed and the label as printed ("(a)"); 0 when none. */
size_t unres_point_label(const char *s, size_t len, char label[24]);
/* The kind of a point label, for nesting: 'a' for Latin letters, 'i' for
 * roman numerals, '1' for digits, 'c' for Cyrillic, 'r' for Arabic
 * letters. prev_kind_label is the label of the latest point of the
 * letter kind, so that "(i)" after "(h)" is read as a letter. */
char unres_point_kind(const char *label, const char *prev_letter);

/* A footnote marker at the start of s: Unicode superscript digits ("¹²"),
 * or, when bare is set, a plain number followed by a space ("12 Ibid.").
 * Returns the bytes consumed (marker and following spaces) and the marker
 * value in *value; 0 when none. */
size_t unres_def_marker(const char *s, size_t len, int bare, long *value);

/* Whether the text ends a sentence (。；：.;:!? ؛ ...), and whether it ends
 * with a clause comma (，,،、). Trailing spaces are ignored. */
int unres_ends_sentence(const char *s, size_t len);
int unres_ends_comma(const char *s, size_t len);
/* Whether s opens with a known lead phrase of a clause ("Recalling",
 * "回顾", "إذ", "Reconociendo"...), for plain text where emphasis is lost. */
int unres_starts_lead(unres_lang lang, const char *s, size_t len);
/* Whether the first letter of s is lowercase (Latin, Cyrillic, Greek). */
int unres_starts_lower(const char *s, size_t len);
/* Whether a line is page furniture: a symbol (A/RES/75/158), a page
 * number ("2/11", "12"), a job number ("20-17524", "20-17524 (E)"), a
 * bar code ("*2017524*") or several of these. */
int unres_is_furniture(const char *s, size_t len);

/* Shared string helpers (unres_lang.c). unres_prefix_ci: the bytes of s
 * that match w at its start, case-insensitively, 0 when none;
 * unres_find_ci: where w first occurs in s, SIZE_MAX when not;
 * unres_digits: 1..max digits at s[*i] (moved past), -1 when none. */
size_t unres_prefix_ci(const char *s, size_t len, const char *w);
size_t unres_find_ci(const char *s, size_t len, const char *w);
size_t unres_skip_spaces(const char *s, size_t len, size_t i);
long unres_digits(const char *s, size_t len, size_t *i, int max);
int unres_is_letter(uint32_t cp);
/* Whether cp is an upper-case letter (Latin incl. Extended-A, Greek,
 * Cyrillic). */
int unres_is_upper_cp(uint32_t cp);
/* cp lowercased as unres_prefix_ci compares it (the same scripts). */
uint32_t unres_fold_cp(uint32_t cp);

/* The bytes of a directional control at s (0 when none):
 * extractor formatting, not words. */
size_t unres_format_char(const unsigned char *s, size_t len);
/* Where the next directional control at or after s[i] is; len when none. */
size_t unres_next_format_char(const unsigned char *s, size_t len, size_t i);

/* The first code point of s after spaces, and the last before trailing
 * spaces (0 when none). */
uint32_t unres_first_cp(const char *s, size_t len);
uint32_t unres_last_cp(const char *s, size_t len);
int unres_is_space_cp(uint32_t cp);

/* ---- the document as a sequence of blocks --------------------------------- */

typedef enum unres_kind {
  UNRES_BODY = 0,  /* a paragraph or heading of the text */
  UNRES_DEF,       /* a paragraph of footnote definitions */
  UNRES_BREAK,     /* "---" or a page break */
  UNRES_FURNITURE, /* a page number, running header or footer */
  UNRES_OTHER,     /* any other block (table, code, quote): kept as is */
  UNRES_GONE       /* joined into an earlier paragraph, or moved away */
} unres_kind;

typedef struct unres_blk {
  dm_node *node; /* the block itself (a list item's paragraph, not the item) */
  unres_kind kind;
  int page;              /* pages count from 0; see unres_assign_pages */
  int depth;             /* nesting of lists around it */
  char label[16];        /* the number an ordered list gave it ("7."), or "" */
  size_t text, text_len; /* its plain text, an offset into state.text */
  int dirty;             /* its text changed; recomputed after a pass */
} unres_blk;

typedef struct unres_state {
  dm_ctx *ctx;
  dm_doc *doc;
  unres_blk *blk;
  size_t n, cap;
  dm_buf text; /* every block's text, one after another */
  unres_lang lang;
  int bare;       /* plain-text conventions: bare-number footnotes */
  int failed;     /* out of memory somewhere */
  int visual;     /* right-to-left text in visual order: left alone */
  int lines_done; /* the line pass rebuilt the paragraphs (unres_lines.c) */
  size_t formula; /* the block of the opening formula, SIZE_MAX before it is known */
  dm_node **defs; /* footnote definitions the line pass found */
  size_t ndefs, capdefs;
  size_t furniture; /* pieces of page furniture removed */
  char symbol[48];  /* the first symbol seen in the furniture removed, "" before */
  /* the first TEXT of each line that carries a paragraph or footnote on
   * over a page end (unres_lines.c; in the document's arena): a call
   * after it is on the next page */
  dm_node **cross;
  size_t ncross;
} unres_state;

/* unres_lines.c: puts extractor text (one line per printed line, no blank
 * lines, furniture anywhere, footnotes under a rule) back into paragraphs,
 * page breaks and footnote definitions. Leaves any other tree alone. */
int unres_lines_pass(unres_state *st);
/* Records para as a footnote definition paragraph. DM_OK or DM_ENOMEM. */
int unres_mark_def(unres_state *st, dm_node *para);
/* Reports text [s, s+len) removed as page furniture at pos. */
void unres_furniture_info(unres_state *st, dm_pos pos, const char *s, size_t len);

/* unres_tree.c */
void unres_state_release(unres_state *st);
/* Lists the blocks of the document (lists flattened into their items'
 * blocks) and computes each block's text. DM_OK or DM_ENOMEM. */
int unres_flatten(unres_state *st);
/* Appends the plain text of n (notes left out, line breaks as '\n'). */
void unres_node_text(const dm_node *n, dm_buf *b);
/* Recomputes the text of block i after its content changed. */
void unres_retext(unres_state *st, size_t i);
const char *unres_blk_text(const unres_state *st, size_t i);
/* Finds page breaks, footnote definitions and page furniture, and gives
 * every block its page. */
void unres_classify(unres_state *st);
/* Re-joins paragraphs that a page end cut in two, from block from on. */
int unres_join_splits(unres_state *st, size_t from);

/* unres_notes.c: moves every footnote definition into a note at its
 * reference; unmatched ones stay as text with a warning. */
int unres_notes(unres_state *st);

/* unres_lead.c: the lead words opening s, a clause's text ("Takes note
 * with appreciation of ..."), as the language's data reaches them: 1 with
 * their byte range in *start, *end; 0 when the language marks none
 * (no lead-style) or none is found. */
int unres_lead_extent(unres_lang lang, const char *s, size_t len, size_t *start, size_t *end);
/* Wraps the lead words of every recital and operative paragraph in the
 * language's emphasis, where the input has none of its own there. DM_OK or
 * DM_ENOMEM. */
int unres_lead_words(unres_state *st);

/* unres_struct.c: where the formula is (SIZE_MAX when none) and whether a
 * numbered paragraph follows it; the tree is not changed. */
size_t unres_find_formula(const unres_state *st, int *numbered_after);
/* The document symbol in s ("A/RES/75/158", "S/RES/2611 (2021)", also
 * "S/RES/2611(2021)" and a right-to-left line's reversed brackets), written
 * the UN's way into out; returns its start + 1 in s, 0 when none. */
size_t unres_find_symbol(const char *s, size_t len, char *out, size_t cap);
/* Rebuilds the document into preface, preamble, main body and
 * conclusions, and sets the metadata. */
int unres_structure(unres_state *st, size_t formula);

#endif
