/* SPDX-License-Identifier: MIT */
/*
 * End-to-end checks of the un-resolution transform on real text: the seed
 * resolution (samples/un-ga-75-158-zh.md, figures counted by hand and with
 * grep, see the comments) and every fixture in tests/fixtures/resolutions/
 * with its .expect file. Each input is read by the reader its extension
 * names, the transform is forced, and the tree is inspected through the
 * public API: notes and their markers and places, recitals, operative
 * paragraphs and points with their labels and parents, rejoined splits,
 * conclusions and metadata.
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

/* ---- a growable string ------------------------------------------------------ */

typedef struct tbuf {
  char *s;
  size_t len, cap;
} tbuf;

static void tbuf_add(tbuf *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    b->cap = (b->len + n + 1) * 2;
    b->s = realloc(b->s, b->cap);
    assert_non_null(b->s);
  }
  memcpy(b->s + b->len, s, n);
  b->len += n;
  b->s[b->len] = '\0';
}

static void tbuf_puts(tbuf *b, const char *s) { tbuf_add(b, s, strlen(s)); }

/* ---- what a converted document holds ------------------------------------------ */

#define MAX_ITEMS 256

typedef struct seen {
  tbuf body;                 /* all text outside notes; soft breaks as spaces */
  size_t note_at[MAX_ITEMS]; /* where in body each note stands */
  tbuf note_text[MAX_ITEMS];
  char note_marker[MAX_ITEMS][16];
  size_t notes;
  size_t recitals;
  tbuf recital_text[MAX_ITEMS];
  char para_label[MAX_ITEMS][24];
  size_t paras;
  char point_label[MAX_ITEMS][24];
  char point_parent[MAX_ITEMS][24];
  size_t points;
  tbuf formula, conclusions, session;
  int preface;
} seen;

static void seen_text(const dm_node *n, tbuf *out, seen *sn, int in_note) {
  for (const dm_node *c = dm_node_first_child(n); c; c = dm_node_next(c)) {
    switch (dm_node_type_of(c)) {
    case DM_NODE_TEXT:
    case DM_NODE_CODE: tbuf_add(out, dm_node_literal(c), dm_node_literal_len(c)); break;
    case DM_NODE_SOFTBREAK: tbuf_puts(out, " "); break;
    case DM_NODE_LINEBREAK: tbuf_puts(out, "\n"); break;
    case DM_NODE_NOTE:
      if (sn && !in_note && sn->notes < MAX_ITEMS) {
        sn->note_at[sn->notes] = out->len;
        const char *m = dm_node_label(c);
        snprintf(sn->note_marker[sn->notes], sizeof sn->note_marker[0], "%s", m ? m : "");
        seen_text(c, &sn->note_text[sn->notes], NULL, 1);
        sn->notes++;
      }
      break;
    case DM_NODE_NOTE_REF: break;
    default:
      if (sn && dm_node_type_of(c) == DM_NODE_SPAN && dm_node_class(c) && !strcmp(dm_node_class(c), "session"))
        seen_text(c, &sn->session, NULL, 1);
      seen_text(c, out, sn, in_note);
      if (dm_node_type_of(c) == DM_NODE_PARAGRAPH || dm_node_type_of(c) == DM_NODE_HEADING) tbuf_puts(out, "\n");
      break;
    }
  }
}

static void seen_walk(const dm_node *n, seen *sn, const char *parent_label) {
  for (const dm_node *c = dm_node_first_child(n); c; c = dm_node_next(c)) {
    if (dm_node_type_of(c) != DM_NODE_DIV) continue;
    const char *label = dm_node_label(c) ? dm_node_label(c) : "";
    switch (dm_node_role(c)) {
    case DM_ROLE_PREFACE: sn->preface = 1; break;
    case DM_ROLE_FORMULA: seen_text(c, &sn->formula, NULL, 1); break;
    case DM_ROLE_CONCLUSIONS: seen_text(c, &sn->conclusions, NULL, 1); break;
    case DM_ROLE_RECITAL:
      if (sn->recitals < MAX_ITEMS) seen_text(c, &sn->recital_text[sn->recitals], NULL, 1);
      sn->recitals++;
      break;
    case DM_ROLE_PARAGRAPH:
      if (sn->paras < MAX_ITEMS) snprintf(sn->para_label[sn->paras], 24, "%s", label);
      sn->paras++;
      break;
    case DM_ROLE_POINT:
      if (sn->points < MAX_ITEMS) {
        snprintf(sn->point_label[sn->points], 24, "%s", label);
        snprintf(sn->point_parent[sn->points], 24, "%s", parent_label);
      }
      sn->points++;
      break;
    default: break;
    }
    seen_walk(c, sn, label);
  }
}

static void seen_free(seen *sn) {
  free(sn->body.s);
  for (size_t i = 0; i < MAX_ITEMS; i++)
    free(sn->note_text[i].s), free(sn->recital_text[i].s);
  free(sn->formula.s);
  free(sn->conclusions.s);
  free(sn->session.s);
}

/* Reads path with the reader its extension names, forces the transform. */
static dm_doc *convert(dm_ctx *ctx, const char *path) {
  const char *ext = strrchr(path, '.');
  const char *reader = ext && !strcmp(ext, ".txt") ? "text" : "markdown";
  const dm_reader *r = dm_registry_reader(dm_ctx_registry(ctx), reader);
  if (!r) return NULL;
  unsigned char *data;
  size_t size;
  assert_int_equal(dm_read_file(ctx, path, &data, &size), DM_OK);
  dm_input in = {data, size, path, NULL};
  dm_doc *doc = NULL;
  assert_int_equal(dm_read(ctx, r, &in, &doc), DM_OK);
  free(data);
  const char *force[] = {"un-resolution", NULL};
  dm_transform_choice tc = {force, NULL};
  assert_int_equal(dm_transform_doc(ctx, doc, &tc), DM_OK);
  return doc;
}

/* ---- the .expect files ------------------------------------------------------ */

typedef struct expect {
  char *keys[128];
  char *values[128];
  size_t n;
} expect;

/* Every key a .expect file may hold: the metadata checked against the
 * document's, then the structure checks below. A key not here is an error,
 * so that a misspelt key cannot silently drop its check. */
static const char *const expect_meta_keys[] = {
    "language",    "number",       "symbol", "session", "date",  "distribution", "distribution-date",
    "agenda-item", "agenda-title", "report", "meeting", "title", "body",         "body-id",
    NULL};
static const char *const expect_other_keys[] = {
    "session-text",     "formula", "footnotes",    "footnote-markers", "recitals", "recital-leads", "operative",
    "operative-labels", "points",  "point-labels", "point-parents",    "joined",   "conclusions",   NULL};

/* note-N, N a number from 1 */
static int expect_note_key(const char *k) {
  if (strncmp(k, "note-", 5) || !k[5] || k[5] == '0') return 0;
  return strspn(k + 5, "0123456789") == strlen(k + 5);
}

static int expect_known_key(const char *k) {
  for (size_t i = 0; expect_meta_keys[i]; i++)
    if (!strcmp(k, expect_meta_keys[i])) return 1;
  for (size_t i = 0; expect_other_keys[i]; i++)
    if (!strcmp(k, expect_other_keys[i])) return 1;
  return expect_note_key(k);
}

/* Loads "key: value" lines; blank lines and "#" comments are skipped. An
 * unknown or repeated key, a line that is neither, a line too long for the
 * buffer or more keys than the table holds fails the test, naming the file
 * and line. */
static void expect_load(expect *e, const char *path) {
  memset(e, 0, sizeof *e);
  FILE *f = fopen(path, "r");
  if (!f) fail_msg("%s: cannot open the expectations", path);
  char line[4096];
  unsigned lineno = 0;
  while (fgets(line, sizeof line, f)) {
    lineno++;
    size_t len = strcspn(line, "\n");
    if (!line[len] && !feof(f)) fail_msg("%s:%u: line longer than %zu bytes", path, lineno, sizeof line - 2);
    line[len] = '\0';
    if (line[0] == '#' || line[strspn(line, " \t")] == '\0') continue;
    char *colon = strstr(line, ": ");
    if (!colon) fail_msg("%s:%u: not a \"key: value\" line: %s", path, lineno, line);
    *colon = '\0';
    if (!expect_known_key(line)) fail_msg("%s:%u: unknown key \"%s\"", path, lineno, line);
    for (size_t i = 0; i < e->n; i++)
      if (!strcmp(e->keys[i], line)) fail_msg("%s:%u: key \"%s\" given twice", path, lineno, line);
    if (e->n == sizeof e->keys / sizeof e->keys[0]) fail_msg("%s:%u: more than %zu keys", path, lineno, e->n);
    e->keys[e->n] = strdup(line);
    e->values[e->n] = strdup(colon + 2);
    assert_non_null(e->keys[e->n]);
    assert_non_null(e->values[e->n]);
    e->n++;
  }
  fclose(f);
}

static const char *expect_get(const expect *e, const char *key) {
  for (size_t i = 0; i < e->n; i++)
    if (!strcmp(e->keys[i], key)) return e->values[i];
  return NULL;
}

static void expect_free(expect *e) {
  for (size_t i = 0; i < e->n; i++)
    free(e->keys[i]), free(e->values[i]);
}

/* Splits "a | b | c" in place. */
static size_t split_list(char *s, const char *sep, char **out, size_t max) {
  size_t n = 0;
  size_t sl = strlen(sep);
  while (s && *s && n < max) {
    out[n++] = s;
    char *p = strstr(s, sep);
    if (!p) break;
    *p = '\0';
    s = p + sl;
  }
  return n;
}

static void trim_right(tbuf *b, size_t *len) {
  while (*len > 0 && (b->s[*len - 1] == ' ' || b->s[*len - 1] == '\n'))
    (*len)--;
}

/* Whether haystack[0, len) ends with needle, ignoring trailing spaces. */
static int ends_with(tbuf *b, size_t len, const char *needle) {
  trim_right(b, &len);
  size_t n = strlen(needle);
  while (n > 0 && needle[n - 1] == ' ')
    n--;
  return len >= n && memcmp(b->s + len - n, needle, n) == 0;
}

static const char *skip_spaces(const char *s) {
  while (*s == ' ' || *s == '\n')
    s++;
  return s;
}

/* ---- checks ---------------------------------------------------------------- */

static void check_fixture(const char *input, const char *expect_path) {
  dm_registry *reg = dm_registry_new_builtin();
  dm_ctx *ctx = dm_ctx_new(reg);
  dm_doc *doc = convert(ctx, input);
  if (!doc) {
    dm_ctx_free(ctx);
    dm_registry_free(reg);
    print_message("no reader for %s\n", input);
    skip();
  }
  expect e;
  expect_load(&e, expect_path);
  seen sn;
  memset(&sn, 0, sizeof sn);
  seen_text(dm_doc_root(doc), &sn.body, &sn, 0);
  seen_walk(dm_doc_root(doc), &sn, "");
  print_message("checking %s\n", input);

  const char *const *meta = expect_meta_keys;
  for (size_t k = 0; meta[k]; k++) {
    const char *want = expect_get(&e, meta[k]);
    if (!want) continue;
    const char *got = dm_doc_meta(doc, meta[k]);
    if (!got || strcmp(got, want))
      print_message("%s: meta %s: want \"%s\" got \"%s\"\n", input, meta[k], want, got ? got : "(none)");
    assert_non_null(got);
    assert_string_equal(got, want);
  }
  assert_string_equal(dm_doc_meta(doc, DM_META_DOC_TYPE), "resolution");
  assert_true(sn.preface);

  const char *v;
  if ((v = expect_get(&e, "footnotes"))) assert_int_equal(sn.notes, strtoul(v, NULL, 10));
  if ((v = expect_get(&e, "footnote-markers"))) {
    tbuf got = {0};
    for (size_t i = 0; i < sn.notes; i++) {
      if (i) tbuf_puts(&got, " ");
      tbuf_puts(&got, sn.note_marker[i]);
    }
    assert_string_equal(got.s ? got.s : "", v);
    free(got.s);
  }
  /* each note-N: the words right before the note, and its text's start */
  for (size_t i = 0; i < e.n; i++) {
    if (strncmp(e.keys[i], "note-", 5)) continue;
    long n = strtol(e.keys[i] + 5, NULL, 10);
    char *val = strdup(e.values[i]);
    char *arrow = strstr(val, " => ");
    assert_non_null(arrow);
    *arrow = '\0';
    size_t k = 0;
    char marker[16];
    snprintf(marker, sizeof marker, "%ld", n);
    while (k < sn.notes && strcmp(sn.note_marker[k], marker))
      k++;
    assert_true(k < sn.notes);
    if (!ends_with(&sn.body, sn.note_at[k], val)) print_message("%s: note %ld not after \"%s\"\n", input, n, val);
    assert_true(ends_with(&sn.body, sn.note_at[k], val));
    const char *text = skip_spaces(sn.note_text[k].s ? sn.note_text[k].s : "");
    if (strncmp(text, arrow + 4, strlen(arrow + 4)))
      print_message("%s: note %ld text \"%.40s\" want \"%s\"\n", input, n, text, arrow + 4);
    assert_memory_equal(text, arrow + 4, strlen(arrow + 4));
    free(val);
  }
  /* no footnote text is left in the body */
  for (size_t k = 0; k < sn.notes; k++) {
    const char *text = skip_spaces(sn.note_text[k].s ? sn.note_text[k].s : "");
    char head[64];
    snprintf(head, sizeof head, "%s", text);
    if (strlen(head) >= 12) assert_null(strstr(sn.body.s, head));
  }
  if ((v = expect_get(&e, "recitals"))) assert_int_equal(sn.recitals, strtoul(v, NULL, 10));
  if ((v = expect_get(&e, "recital-leads"))) {
    char *copy = strdup(v), *items[MAX_ITEMS];
    size_t n = split_list(copy, " | ", items, MAX_ITEMS);
    assert_int_equal(n, sn.recitals);
    for (size_t i = 0; i < n; i++) {
      const char *t = skip_spaces(sn.recital_text[i].s ? sn.recital_text[i].s : "");
      if (strncmp(t, items[i], strlen(items[i])))
        print_message("%s: recital %zu \"%.30s\" want \"%s\"\n", input, i + 1, t, items[i]);
      assert_memory_equal(t, items[i], strlen(items[i]));
    }
    free(copy);
  }
  if ((v = expect_get(&e, "operative"))) assert_int_equal(sn.paras, strtoul(v, NULL, 10));
  if ((v = expect_get(&e, "operative-labels"))) {
    char *copy = strdup(v), *items[MAX_ITEMS];
    size_t n = split_list(copy, " | ", items, MAX_ITEMS);
    assert_int_equal(n, sn.paras);
    for (size_t i = 0; i < n; i++)
      assert_string_equal(sn.para_label[i], items[i]);
    free(copy);
  }
  if ((v = expect_get(&e, "points"))) assert_int_equal(sn.points, strtoul(v, NULL, 10));
  if ((v = expect_get(&e, "point-labels"))) {
    char *copy = strdup(v), *items[MAX_ITEMS];
    size_t n = split_list(copy, " | ", items, MAX_ITEMS);
    assert_int_equal(n, sn.points);
    for (size_t i = 0; i < n; i++)
      assert_string_equal(sn.point_label[i], items[i]);
    free(copy);
  }
  if ((v = expect_get(&e, "point-parents"))) {
    char *copy = strdup(v), *items[MAX_ITEMS];
    size_t n = split_list(copy, " | ", items, MAX_ITEMS);
    assert_int_equal(n, sn.points);
    for (size_t i = 0; i < n; i++) {
      char want[64];
      snprintf(want, sizeof want, "%s > %s", sn.point_parent[i], sn.point_label[i]);
      assert_string_equal(want, items[i]);
    }
    free(copy);
  }
  if ((v = expect_get(&e, "joined"))) {
    char *copy = strdup(v), *items[MAX_ITEMS];
    size_t n = split_list(copy, " | ", items, MAX_ITEMS);
    for (size_t i = 0; i < n; i++) {
      if (!strstr(sn.body.s, items[i])) print_message("%s: \"%s\" not joined\n", input, items[i]);
      assert_non_null(strstr(sn.body.s, items[i]));
    }
    free(copy);
  }
  if ((v = expect_get(&e, "formula"))) {
    size_t len = sn.formula.len;
    trim_right(&sn.formula, &len);
    assert_int_equal(len, strlen(v));
    assert_memory_equal(sn.formula.s, v, len);
  }
  if ((v = expect_get(&e, "conclusions"))) {
    char *copy = strdup(v), *items[MAX_ITEMS];
    size_t n = split_list(copy, " | ", items, MAX_ITEMS);
    const char *at = sn.conclusions.s ? sn.conclusions.s : "";
    for (size_t i = 0; i < n; i++) {
      const char *p = strstr(at, items[i]);
      assert_non_null(p);
      at = p + strlen(items[i]);
    }
    free(copy);
  }
  if ((v = expect_get(&e, "session-text"))) assert_string_equal(sn.session.s ? sn.session.s : "", v);
  seen_free(&sn);
  expect_free(&e);
  dm_doc_free(doc);
  dm_ctx_free(ctx);
  dm_registry_free(reg);
}

static char *path_join(const char *a, const char *b) {
  size_t n = strlen(a) + strlen(b) + 2;
  char *p = malloc(n);
  assert_non_null(p);
  snprintf(p, n, "%s/%s", a, b);
  return p;
}

/* The seed: every figure below was counted outside docmill, with
 *   grep -c '^<sup>[0-9]*</sup>' (34 definitions, markers 1..34 in order,
 *   and 34 references in the same order), grep -cE '^[0-9]+\. ' (52
 *   operative paragraphs), and the non-empty, non-definition, non-"---"
 *   lines between "大会," and "1." (39, one of which, "书》…", is the second
 *   half of a cut clause: 38 recitals); the header and closing lines were
 *   read by hand. */
static void test_seed(void **state) {
  (void)state;
  const char *src = getenv("DM_SOURCE_DIR");
  char *input = path_join(src ? src : ".", "samples/un-ga-75-158-zh.md");
  char *exp = path_join(src ? src : ".", "tests/un-resolution/seed.expect");
  check_fixture(input, exp);
  free(input);
  free(exp);
}

/* A Security Council resolution, S/RES/2611 (2021) abridged, as pdftotext
 * leaves it: see sc-en-txt.expect for where each value was checked. */
static void test_security_council(void **state) {
  (void)state;
  const char *src = getenv("DM_SOURCE_DIR");
  char *input = path_join(src ? src : ".", "tests/un-resolution/sc-en-txt.txt");
  char *exp = path_join(src ? src : ".", "tests/un-resolution/sc-en-txt.expect");
  check_fixture(input, exp);
  free(input);
  free(exp);
}

static const char *const fixtures[] = {"zh-md.md",     "zh-txt.txt",      "zh-raw.txt",
                                       "en-md.md",     "en-txt.txt",      "en-raw.txt",
                                       "fr-md.md",     "fr-txt.txt",      "fr-raw.txt",
                                       "es-md.md",     "es-txt.txt",      "es-raw.txt",
                                       "ru-md.md",     "ru-txt.txt",      "ru-raw.txt",
                                       "ar-md.md",     "ar-txt.txt",      "ar-raw.txt",
                                       "en-pages.txt", "en-pages-mu.txt", "ar-pages.txt",
                                       "en-notes.txt", "fr-pages-mu.txt", "zh-pages.txt",
                                       "es-notes.txt", "ru-pages-mu.txt", NULL};

static void test_fixture(void **state) {
  const char *name = *state;
  const char *src = getenv("DM_SOURCE_DIR");
  char *dir = path_join(src ? src : ".", "tests/fixtures/resolutions");
  char *input = path_join(dir, name);
  char base[64];
  snprintf(base, sizeof base, "%.*s.expect", (int)(strrchr(name, '.') - name), name);
  char *exp = path_join(dir, base);
  /* a fixture of the repository that is missing is a failure, not a skip */
  FILE *f = fopen(input, "r");
  if (!f) fprintf(stderr, "%s: missing\n", input);
  assert_non_null(f);
  fclose(f);
  check_fixture(input, exp);
  free(dir), free(input), free(exp);
}

static int set_fixture(void **state, const char *name) {
  *state = (void *)name;
  return 0;
}
#define FIXTURE(i)                                                                                                     \
  static int setup_##i(void **state) { return set_fixture(state, fixtures[i]); }
FIXTURE(0)
FIXTURE(1)
FIXTURE(2)
FIXTURE(3)
FIXTURE(4)
FIXTURE(5)
FIXTURE(6)
FIXTURE(7)
FIXTURE(8)
FIXTURE(9)
FIXTURE(10)
FIXTURE(11)
FIXTURE(12)
FIXTURE(13)
FIXTURE(14)
FIXTURE(15)
FIXTURE(16)
FIXTURE(17)
FIXTURE(18)
FIXTURE(19)
FIXTURE(20)
FIXTURE(21)
FIXTURE(22)
FIXTURE(23)
FIXTURE(24)
FIXTURE(25)

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_seed),
      cmocka_unit_test(test_security_council),
      cmocka_unit_test_setup(test_fixture, setup_0),
      cmocka_unit_test_setup(test_fixture, setup_1),
      cmocka_unit_test_setup(test_fixture, setup_2),
      cmocka_unit_test_setup(test_fixture, setup_3),
      cmocka_unit_test_setup(test_fixture, setup_4),
      cmocka_unit_test_setup(test_fixture, setup_5),
      cmocka_unit_test_setup(test_fixture, setup_6),
      cmocka_unit_test_setup(test_fixture, setup_7),
      cmocka_unit_test_setup(test_fixture, setup_8),
      cmocka_unit_test_setup(test_fixture, setup_9),
      cmocka_unit_test_setup(test_fixture, setup_10),
      cmocka_unit_test_setup(test_fixture, setup_11),
      cmocka_unit_test_setup(test_fixture, setup_12),
      cmocka_unit_test_setup(test_fixture, setup_13),
      cmocka_unit_test_setup(test_fixture, setup_14),
      cmocka_unit_test_setup(test_fixture, setup_15),
      cmocka_unit_test_setup(test_fixture, setup_16),
      cmocka_unit_test_setup(test_fixture, setup_17),
      cmocka_unit_test_setup(test_fixture, setup_18),
      cmocka_unit_test_setup(test_fixture, setup_19),
      cmocka_unit_test_setup(test_fixture, setup_20),
      cmocka_unit_test_setup(test_fixture, setup_21),
      cmocka_unit_test_setup(test_fixture, setup_22),
      cmocka_unit_test_setup(test_fixture, setup_23),
      cmocka_unit_test_setup(test_fixture, setup_24),
      cmocka_unit_test_setup(test_fixture, setup_25),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
