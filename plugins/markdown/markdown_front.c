/* SPDX-License-Identifier: MIT */
/*
 * YAML front matter, as tools that turn PDF into Markdown put it at the top
 * ("---", "title: ...", "---"): read into the document's metadata, so that
 * CommonMark never sees it as a thematic break and a heading. Only the
 * simple form is read, one "key: value" per line with plain, single- or
 * double-quoted scalars; a line of any other shape (a list, a nested map, a
 * block scalar) is kept out of the text and reported, never dropped
 * silently. Known keys take docmill's names ("lang" is "language"); any
 * other key is kept under its own name, and the block itself under
 * DMI_MARKDOWN_FRONT_MATTER, for the writer to give back as it was.
 */
#include <stdlib.h>
#include <string.h>

#include "markdown.h"

/* The docmill name of a front matter key, or the key itself. */
static const char *front_key(const char *k) {
  static const char *const alias[][2] = {
      {"lang", DM_META_LANGUAGE}, {"language", DM_META_LANGUAGE}, {"title", DM_META_TITLE},
      {"symbol", DM_META_SYMBOL}, {"document", DM_META_SYMBOL},   {"date", DM_META_DATE},
      {"author", DM_META_AUTHOR}, {"session", DM_META_SESSION},   {"body", DM_META_BODY}};
  for (size_t i = 0; i < sizeof alias / sizeof alias[0]; i++)
    if (strcmp(alias[i][0], k) == 0) return alias[i][1];
  return k;
}

/* The end of the line starting at i (the index of its '\n', or size). */
static size_t front_eol(const unsigned char *s, size_t size, size_t i) {
  while (i < size && s[i] != '\n')
    i++;
  return i;
}

/* Whether line [b, e) is a fence: "---" (or "..." to close), trailing
 * spaces and a CR allowed. */
static int front_fence(const unsigned char *s, size_t b, size_t e, int closing) {
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\r'))
    e--;
  if (e - b != 3) return 0;
  return memcmp(s + b, "---", 3) == 0 || (closing && memcmp(s + b, "...", 3) == 0);
}

/* One "key: value" line; 1 when read, 0 when of another shape. */
static int front_line(dm_ctx *ctx, dm_doc *doc, const unsigned char *s, size_t b, size_t e, int *failed) {
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\r'))
    e--;
  if (b == e || s[b] == '#') return 1; /* blank or a comment */
  size_t k = b;
  while (k < e && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') || (s[k] >= '0' && s[k] <= '9') ||
                   s[k] == '_' || s[k] == '-'))
    k++;
  if (k == b || k + 1 >= e || s[k] != ':' || s[k + 1] != ' ') return 0;
  size_t v = k + 1;
  while (v < e && s[v] == ' ')
    v++;
  if (v < e && (s[v] == '|' || s[v] == '>' || s[v] == '[' || s[v] == '{' || s[v] == '&' || s[v] == '*')) return 0;
  size_t ve = e;
  if (v < e && (s[v] == '"' || s[v] == '\'')) {
    if (ve - v < 2 || s[ve - 1] != s[v]) return 0;
    v++;
    ve--;
  }
  char key[64], *val = malloc(ve - v + 1);
  if (!val || k - b >= sizeof key) {
    free(val);
    return 0;
  }
  for (size_t i = 0; i < k - b; i++)
    key[i] = (char)((s[b + i] >= 'A' && s[b + i] <= 'Z') ? s[b + i] + 32 : s[b + i]);
  key[k - b] = '\0';
  memcpy(val, s + v, ve - v);
  val[ve - v] = '\0';
  if (dm_doc_set_meta(doc, front_key(key), val) != DM_OK) *failed = 1;
  free(val);
  (void)ctx;
  return 1;
}

int dmi_markdown_front_matter(dm_ctx *ctx, dm_doc *doc, const dm_input *in, unsigned char **blanked) {
  *blanked = NULL;
  const unsigned char *s = in->data;
  size_t size = in->size, i = 0;
  if (size >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) i = 3;
  size_t e = front_eol(s, size, i);
  if (!front_fence(s, i, e, 0) || e >= size) return DM_OK;
  /* find the closing fence first: without one this is no front matter */
  size_t close = SIZE_MAX, b = e + 1;
  while (b < size) {
    size_t le = front_eol(s, size, b);
    if (front_fence(s, b, le, 1)) {
      close = b;
      break;
    }
    b = le + 1;
  }
  if (close == SIZE_MAX) return DM_OK;
  /* Invalid UTF-8 inside: not read here, so that the reader's one UTF-8
   * policy (an error, or U+FFFD with --option markdown.lenient) speaks for
   * those bytes, where they are */
  size_t fm_end = front_eol(s, size, close);
  if (dm_utf8_validate(s + i, fm_end - i) != fm_end - i) return DM_OK;
  int failed = 0;
  uint32_t line = 2;
  for (b = e + 1; b < close; line++) {
    size_t le = front_eol(s, size, b);
    if (!front_line(ctx, doc, s, b, le, &failed) &&
        dm_warn(ctx, DM_DIAG_UNSUPPORTED, dm_pos_line(line, 1),
                "front matter line %u is not a 'key: value' line; left out of the metadata: \"%.*s\"", line,
                (int)(le - b < 120 ? le - b : 120), (const char *)s + b) != DM_OK)
      return DM_ENOMEM;
    b = le + 1;
  }
  /* the block as written, so that the Markdown writer gives it back */
  size_t end0 = front_eol(s, size, close);
  char *raw = malloc(end0 - i + 1);
  if (!raw) return dm_error(ctx, DM_ENOMEM, "out of memory");
  memcpy(raw, s + i, end0 - i);
  raw[end0 - i] = '\0';
  if (dm_doc_set_meta(doc, DMI_MARKDOWN_FRONT_MATTER, raw) != DM_OK) failed = 1;
  free(raw);
  if (failed) return dm_error(ctx, DM_ENOMEM, "out of memory");
  /* the block becomes blank lines, so that positions stay those of the
   * file and CommonMark sees nothing there */
  size_t end = front_eol(s, size, close);
  unsigned char *copy = malloc(size + 1);
  if (!copy) return dm_error(ctx, DM_ENOMEM, "out of memory");
  memcpy(copy, s, size);
  copy[size] = '\0';
  for (size_t k = i; k < end; k++)
    if (copy[k] != '\n') copy[k] = ' ';
  *blanked = copy;
  return DM_OK;
}
