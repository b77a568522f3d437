/* SPDX-License-Identifier: MIT */
/*
 * What the files of the Markdown plugin share: the reader's probe and read
 * hooks (markdown_read.c, markdown_probe.c) and the writer's hook
 * (markdown_write.c), which markdown.c gathers into the plugin's const
 * descriptors. Nothing here is public API.
 */
#ifndef DOCMILL_PLUGIN_MARKDOWN_H
#define DOCMILL_PLUGIN_MARKDOWN_H

#include "docmill/docmill.h"

int dmi_markdown_probe(const dm_input *in);
int dmi_markdown_read(dm_ctx *ctx, void *priv, const dm_input *in, dm_doc *doc);
int dmi_markdown_write(dm_ctx *ctx, void *priv, const dm_doc *doc, dm_sink *out);

#endif
