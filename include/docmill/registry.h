/* SPDX-License-Identifier: MIT */
/*
 * The format registry: an object (not a global) listing readers, writers and
 * transforms, built from the table of built-in plugins that the build
 * generates, plus plugins loaded as shared objects. It answers "which reader
 * for these bytes" by asking every reader's probe (libarchive's bidding) and
 * treats a tie at the top as ambiguous rather than picking one.
 */
#ifndef DOCMILL_REGISTRY_H
#define DOCMILL_REGISTRY_H

#include "plugin.h"
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum dm_plugin_kind { DM_KIND_READER = 1, DM_KIND_WRITER = 2, DM_KIND_TRANSFORM = 3 } dm_plugin_kind;

/* An empty registry, or one holding every built-in plugin. NULL only when
 * out of memory. */
dm_registry *dm_registry_new(void);
dm_registry *dm_registry_new_builtin(void);
void dm_registry_free(dm_registry *reg); /* NULL-safe; unloads plugins */

/* Adds every descriptor of a manifest. origin says where it came from
 * ("built-in" or a file path; copied). Checks ABI versions and names; a
 * name already taken is DM_EUSAGE unless the manifest overrides built-ins,
 * in which case the new format replaces the old one and a warning is
 * recorded on ctx. ctx may be NULL (then messages are lost). */
int dm_registry_add(dm_registry *reg, const dm_plugin_manifest *m, const char *origin, dm_ctx *ctx);

/* Loads a shared object and adds its manifest. DM_EIO when it cannot be
 * opened (dlerror in the message), DM_EABI for another ABI version (both
 * versions in the message), DM_EFORMAT when it exports no entry. */
int dm_registry_load_plugin(dm_registry *reg, const char *path, dm_ctx *ctx);
/* Loads every "*.so" of each directory of a colon-separated list. A plugin
 * that fails gives a DM_DIAG_PLUGIN warning on ctx and the rest go on.
 * Missing directories are skipped silently. Returns DM_OK or DM_ENOMEM. */
int dm_registry_load_path(dm_registry *reg, const char *dirs, dm_ctx *ctx);

/* Look-ups by exact name; NULL when absent. Descriptors live as long as
 * the registry. */
const dm_reader *dm_registry_reader(const dm_registry *reg, const char *name);
const dm_writer *dm_registry_writer(const dm_registry *reg, const char *name);
const dm_transform *dm_registry_transform(const dm_registry *reg, const char *name);

/* Enumeration in registration order; i < count. origin: "built-in" or the
 * path of the shared object. */
size_t dm_registry_count(const dm_registry *reg, dm_plugin_kind kind);
const void *dm_registry_at(const dm_registry *reg, dm_plugin_kind kind, size_t i, const char **origin);

/* The writer whose extension matches the file name's ("out.docx"); NULL
 * when none does. */
const dm_writer *dm_registry_writer_for_path(const dm_registry *reg, const char *path);

/* Probing. Scores every reader: its probe on the bytes (0..100), plus 10
 * when the input's extension and 10 when its MIME type is the reader's, but
 * only for a probe that scored above 0 (the name never decides alone).
 * Returns the best reader and its score in *score; NULL when none scored
 * above 0, or when two readers tie at the top (the message on ctx then
 * names both and asks for -f). */
const dm_reader *dm_registry_detect(const dm_registry *reg, const dm_input *in, int *score, dm_ctx *ctx);

/* Names as users type them. dm_registry_resolve gives the registered name
 * a user's name stands for in that kind: the name itself in any case
 * ("Markdown"), or an alias from other tools ("md", "gfm", "commonmark",
 * "plain", "txt", "xml", "akn4un"), when a format of that name and kind is
 * registered; NULL when none is. A registered name wins over an alias.
 * dm_registry_alias gives the i-th alias of the registered format name
 * (NULL past the last). dm_registry_suggest gives the registered name or
 * alias nearest to a misspelt one (one edit for names of up to three
 * letters, two beyond), or NULL. The strings are static or live as long
 * as the registry. */
const char *dm_registry_resolve(const dm_registry *reg, dm_plugin_kind kind, const char *name);
const char *dm_registry_alias(const dm_registry *reg, dm_plugin_kind kind, const char *name, size_t i);
const char *dm_registry_suggest(const dm_registry *reg, dm_plugin_kind kind, const char *name);

#ifdef __cplusplus
}
#endif
#endif
