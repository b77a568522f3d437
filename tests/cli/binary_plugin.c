/* SPDX-License-Identifier: MIT */
/*
 * A plugin built as a shared object for the CLI tests: one writer, "testbin",
 * flagged as binary, so that the refusal to write a binary format to a
 * terminal can be tested before any real binary writer exists, and so that
 * loading a plugin with --plugin is exercised end to end. It writes a fixed
 * marker and calls nothing else, so it needs no symbols from the library.
 */
#include "docmill/docmill.h"

static int testbin_write(dm_ctx *ctx, void *priv, const dm_doc *doc, dm_sink *out) {
  (void)ctx, (void)priv, (void)doc, (void)out;
  return DM_OK;
}

static const char *const testbin_extensions[] = {"testbin", NULL};

static const dm_writer testbin_writer = {
    .abi_version = DM_PLUGIN_ABI_VERSION,
    .name = "testbin",
    .description = "a binary writer that writes nothing, for tests",
    .extensions = testbin_extensions,
    .flags = DM_WRITER_BINARY,
    .write = testbin_write,
};

static const dm_writer *const testbin_writers[] = {&testbin_writer, NULL};

DM_PLUGIN_DEFINE(testbin, NULL, testbin_writers, NULL);
