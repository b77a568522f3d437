/* SPDX-License-Identifier: MIT */
/*
 * What the command lists: the formats with their aliases (--list-formats),
 * reader and writer names one a line as pandoc prints them
 * (--list-input-formats, --list-output-formats), the options a format
 * declares (--list-options FORMAT), and the one-line answer to a format
 * name that is not known, with the nearest name there is.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char *desc_name(dm_plugin_kind k, const void *d) {
  return k == DM_KIND_READER   ? ((const dm_reader *)d)->name
         : k == DM_KIND_WRITER ? ((const dm_writer *)d)->name
                               : ((const dm_transform *)d)->name;
}

static const char *desc_description(dm_plugin_kind k, const void *d) {
  return k == DM_KIND_READER   ? ((const dm_reader *)d)->description
         : k == DM_KIND_WRITER ? ((const dm_writer *)d)->description
                               : ((const dm_transform *)d)->description;
}

static const dm_option_decl *desc_options(dm_plugin_kind k, const void *d) {
  return k == DM_KIND_READER   ? ((const dm_reader *)d)->options
         : k == DM_KIND_WRITER ? ((const dm_writer *)d)->options
                               : ((const dm_transform *)d)->options;
}

static const char *const *desc_extensions(dm_plugin_kind k, const void *d) {
  return k == DM_KIND_READER   ? ((const dm_reader *)d)->extensions
         : k == DM_KIND_WRITER ? ((const dm_writer *)d)->extensions
                               : NULL;
}

void dmc_list_formats(const dm_registry *reg) {
  static const char *const kind[] = {"", "read", "write", "transform"};
  for (int k = DM_KIND_READER; k <= DM_KIND_TRANSFORM; k++) {
    for (size_t i = 0; i < dm_registry_count(reg, (dm_plugin_kind)k); i++) {
      const char *origin = NULL;
      const void *d = dm_registry_at(reg, (dm_plugin_kind)k, i, &origin);
      const char *name = desc_name((dm_plugin_kind)k, d), *desc = desc_description((dm_plugin_kind)k, d);
      const char *const *ext = desc_extensions((dm_plugin_kind)k, d);
      printf("%-16s %-9s ", name, kind[k]);
      for (size_t e = 0; ext && ext[e]; e++)
        printf("%s.%s", e ? " " : "", ext[e]);
      if (!ext || !ext[0]) printf("-");
      printf("  %s", desc ? desc : "");
      const char *alias;
      for (size_t a = 0; (alias = dm_registry_alias(reg, (dm_plugin_kind)k, name, a)); a++)
        printf("%s%s", a ? ", " : " (also: ", alias);
      if (dm_registry_alias(reg, (dm_plugin_kind)k, name, 0)) printf(")");
      if (strcmp(origin, "built-in") != 0) printf(" [plugin: %s]", origin);
      printf("\n");
    }
  }
}

void dmc_list_names(const dm_registry *reg, dm_plugin_kind kind) {
  for (size_t i = 0; i < dm_registry_count(reg, kind); i++)
    printf("%s\n", desc_name(kind, dm_registry_at(reg, kind, i, NULL)));
}

static void list_decls(const char *name, const char *kind, const dm_option_decl *d) {
  static const char *const type[] = {"string", "bool", "int"};
  for (size_t i = 0; d && d[i].name; i++) {
    const char *def = d[i].default_value;
    if (!def) def = d[i].type == DM_OPT_BOOL ? "false" : d[i].type == DM_OPT_INT ? "0" : "";
    char full[128];
    snprintf(full, sizeof full, "%s.%s", name, d[i].name);
    printf("%-20s %-9s %-6s default '%s'  %s\n", full, kind, type[d[i].type <= DM_OPT_INT ? d[i].type : 0], def,
           d[i].description ? d[i].description : "");
  }
}

int dmc_list_options(const dm_registry *reg, const char *name) {
  static const char *const kind[] = {"", "reader", "writer", "transform"};
  int found = 0, any = 0;
  for (int k = DM_KIND_READER; k <= DM_KIND_TRANSFORM; k++) {
    const char *n = dm_registry_resolve(reg, (dm_plugin_kind)k, name);
    if (!n) continue;
    found = 1;
    for (size_t i = 0; i < dm_registry_count(reg, (dm_plugin_kind)k); i++) {
      const void *d = dm_registry_at(reg, (dm_plugin_kind)k, i, NULL);
      if (strcmp(desc_name((dm_plugin_kind)k, d), n) != 0) continue;
      const dm_option_decl *decl = desc_options((dm_plugin_kind)k, d);
      any |= decl && decl[0].name;
      list_decls(n, kind[k], decl);
    }
  }
  if (!found) {
    const char *s = dm_registry_suggest(reg, DM_KIND_READER, name);
    if (!s) s = dm_registry_suggest(reg, DM_KIND_WRITER, name);
    if (!s) s = dm_registry_suggest(reg, DM_KIND_TRANSFORM, name);
    if (s)
      fprintf(stderr, "docmill: no format named '%s'; did you mean '%s'? (see --list-formats)\n", name, s);
    else
      fprintf(stderr, "docmill: no format named '%s' (see --list-formats)\n", name);
    return 2;
  }
  /* Saying so is better than printing nothing, which looks like a fault. */
  if (!any) printf("%s: no options\n", name);
  return 0;
}

const char *dmc_format_name(const dm_registry *reg, dm_plugin_kind kind, const char *name) {
  const char *n = dm_registry_resolve(reg, kind, name);
  if (n) return n;
  const char *what = kind == DM_KIND_READER ? "reader" : kind == DM_KIND_WRITER ? "writer" : "transform";
  const char *s = dm_registry_suggest(reg, kind, name);
  if (s)
    fprintf(stderr, "docmill: no %s named '%s'; did you mean '%s'? (see --list-formats)\n", what, name, s);
  else
    fprintf(stderr, "docmill: no %s named '%s' (see --list-formats)\n", what, name);
  return NULL;
}
