/* SPDX-License-Identifier: MIT */
/*
 * Format names as users type them. People arrive from pandoc, from file
 * extensions and from the UN's own vocabulary, and type "md", "gfm",
 * "Markdown", "txt", "xml" or "akn4un" for formats registered as
 * "markdown", "text" and "akn". This file maps those names onto the
 * registered ones (case-insensitively), lists the aliases of a format for
 * --list-formats, and finds the nearest name for a misspelling, so that an
 * unknown name is answered with "did you mean". It uses the registry's
 * public interface only.
 *
 * The alias table is here rather than in each plugin's descriptor because
 * the descriptor has no field for it and adding one changes the plugin
 * ABI; a registered name always wins over an alias, so a plugin that
 * registers a format called "xml" takes that name from the table.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

typedef struct name_alias {
  const char *alias;
  const char *name;
} name_alias;

/* pandoc's names for its Markdown variants, the extensions users type
 * after -t, and the AKN profile the UN publishes in. */
static const name_alias aliases[] = {
    {"md", "markdown"}, {"gfm", "markdown"}, {"commonmark", "markdown"}, {"txt", "text"},
    {"plain", "text"},  {"xml", "akn"},      {"akn4un", "akn"},          {NULL, NULL},
};

static const char *name_at(const dm_registry *reg, dm_plugin_kind kind, size_t i) {
  const void *d = dm_registry_at(reg, kind, i, NULL);
  if (!d) return NULL;
  return kind == DM_KIND_READER   ? ((const dm_reader *)d)->name
         : kind == DM_KIND_WRITER ? ((const dm_writer *)d)->name
                                  : ((const dm_transform *)d)->name;
}

/* The registered name equal to name ignoring case, or NULL. */
static const char *registered(const dm_registry *reg, dm_plugin_kind kind, const char *name) {
  size_t n = dm_registry_count(reg, kind);
  for (size_t i = 0; i < n; i++)
    if (strcmp(name_at(reg, kind, i), name) == 0) return name_at(reg, kind, i);
  for (size_t i = 0; i < n; i++)
    if (strcasecmp(name_at(reg, kind, i), name) == 0) return name_at(reg, kind, i);
  return NULL;
}

const char *dm_registry_resolve(const dm_registry *reg, dm_plugin_kind kind, const char *name) {
  if (!reg || !name || !*name) return NULL;
  const char *r = registered(reg, kind, name);
  if (r) return r;
  for (size_t i = 0; aliases[i].alias; i++)
    if (strcasecmp(aliases[i].alias, name) == 0) return registered(reg, kind, aliases[i].name);
  return NULL;
}

const char *dm_registry_alias(const dm_registry *reg, dm_plugin_kind kind, const char *name, size_t i) {
  if (!reg || !name) return NULL;
  for (size_t k = 0; aliases[k].alias; k++) {
    /* An alias shadowed by a registered format of that name is not one. */
    if (strcmp(aliases[k].name, name) != 0 || registered(reg, kind, aliases[k].alias)) continue;
    if (!registered(reg, kind, name)) return NULL;
    if (i-- == 0) return aliases[k].alias;
  }
  return NULL;
}

/* Levenshtein distance between a and b ignoring ASCII case, or a value
 * above limit as soon as it is sure to exceed it. Names are short: a
 * longer one is not a misspelling of a format name. */
static size_t distance(const char *a, const char *b, size_t limit) {
  size_t la = strlen(a), lb = strlen(b);
  if (la > 64 || lb > 64) return limit + 1;
  if ((la > lb ? la - lb : lb - la) > limit) return limit + 1;
  size_t row[65];
  for (size_t j = 0; j <= lb; j++)
    row[j] = j;
  for (size_t i = 1; i <= la; i++) {
    size_t diag = row[0], best = row[0] = i;
    for (size_t j = 1; j <= lb; j++) {
      size_t up = row[j];
      int same = (a[i - 1] | 0x20) == (b[j - 1] | 0x20);
      size_t v = diag + (same ? 0 : 1);
      if (up + 1 < v) v = up + 1;
      if (row[j - 1] + 1 < v) v = row[j - 1] + 1;
      row[j] = v;
      diag = up;
      if (v < best) best = v;
    }
    if (best > limit) return limit + 1;
  }
  return row[lb];
}

const char *dm_registry_suggest(const dm_registry *reg, dm_plugin_kind kind, const char *name) {
  if (!reg || !name || !*name) return NULL;
  /* One edit for a name of up to three letters ("mdx" is near "md", but
   * "ab" is not a misspelling of "akn"), two for a longer one. */
  size_t limit = strlen(name) <= 3 ? 1 : 2, best = limit + 1;
  const char *found = NULL;
  size_t n = dm_registry_count(reg, kind);
  for (size_t i = 0; i < n; i++) {
    size_t d = distance(name, name_at(reg, kind, i), limit);
    if (d < best) best = d, found = name_at(reg, kind, i);
  }
  for (size_t i = 0; aliases[i].alias; i++) {
    if (!registered(reg, kind, aliases[i].name)) continue;
    size_t d = distance(name, aliases[i].alias, limit);
    if (d < best) best = d, found = aliases[i].alias;
  }
  return found;
}
