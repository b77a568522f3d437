/* SPDX-License-Identifier: MIT */
/*
 * Plugins that docmill must refuse or accept with a warning, one per build
 * of this file (plugin_sdk.sh picks the case with -D): a manifest built for
 * ABI version 999, a descriptor built for 999 in an otherwise current
 * manifest, a writer named like the built-in "native" without and with
 * overrides_builtin, and a shared object with no entry symbol at all. The
 * manifests are written by hand, as a plugin from another docmill release
 * would have them, instead of through DM_PLUGIN_DEFINE.
 */
#include <docmill/docmill.h>

__attribute__((visibility("default"))) const dm_plugin_manifest *docmill_plugin_entry(void);

#if !defined(CASE_NO_ENTRY)
static int bad_write(dm_ctx *ctx, void *priv, const dm_doc *doc, dm_sink *out) {
  (void)ctx, (void)priv, (void)doc;
  return dm_sink_puts(out, "written by the overriding plugin\n");
}
#endif

#if defined(CASE_ABI_MANIFEST)
static const dm_writer bad_writer = {.abi_version = DM_PLUGIN_ABI_VERSION, .name = "abi-manifest", .write = bad_write};
static const dm_writer *const bad_writers[] = {&bad_writer, NULL};
static const dm_plugin_manifest bad_manifest = {999, "abi-manifest", NULL, bad_writers, NULL, 0};
#elif defined(CASE_ABI_DESCRIPTOR)
static const dm_writer bad_writer = {.abi_version = 999, .name = "abi-descriptor", .write = bad_write};
static const dm_writer *const bad_writers[] = {&bad_writer, NULL};
static const dm_plugin_manifest bad_manifest = {DM_PLUGIN_ABI_VERSION, "abi-descriptor", NULL, bad_writers, NULL, 0};
#elif defined(CASE_CLASH) || defined(CASE_OVERRIDE)
static const dm_writer bad_writer = {.abi_version = DM_PLUGIN_ABI_VERSION,
                                     .name = "native",
                                     .description = "a replacement for the built-in native writer",
                                     .write = bad_write};
static const dm_writer *const bad_writers[] = {&bad_writer, NULL};
#ifdef CASE_OVERRIDE
static const dm_plugin_manifest bad_manifest = {DM_PLUGIN_ABI_VERSION, "override", NULL, bad_writers, NULL, 1};
#else
static const dm_plugin_manifest bad_manifest = {DM_PLUGIN_ABI_VERSION, "clash", NULL, bad_writers, NULL, 0};
#endif
#endif

#if defined(CASE_NO_ENTRY)
/* A well-formed shared object, but not a plugin: it exports another name. */
__attribute__((visibility("default"))) int not_a_plugin(void);
int not_a_plugin(void) { return 42; }
#else
const dm_plugin_manifest *docmill_plugin_entry(void) { return &bad_manifest; }
#endif
