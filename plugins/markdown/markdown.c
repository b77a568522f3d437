/* SPDX-License-Identifier: MIT */
/*
 * The Markdown plugin's descriptors: one reader and one writer, both named
 * "markdown", registered with DM_PLUGIN_DEFINE. The hooks live in
 * markdown_probe.c, markdown_read.c and markdown_write.c.
 */
#include "markdown.h"

static const char *const markdown_extensions[] = {"md", "markdown", NULL};
static const char *const markdown_write_extensions[] = {"md", NULL};
static const char *const markdown_mime_types[] = {"text/markdown", NULL};

static const dm_option_decl markdown_read_options[] = {
    {"lenient", DM_OPT_BOOL, "false", "replace invalid UTF-8 by U+FFFD with a warning instead of failing"},
    {"segment", DM_OPT_INT, "-1",
     "parse in pieces of about this many bytes (0: never; -1: 1 MiB pieces for inputs over 4 MiB); same tree"},
    {NULL, DM_OPT_STRING, NULL, NULL},
};

static const dm_reader markdown_reader = {
    .abi_version = DM_PLUGIN_ABI_VERSION,
    .name = "markdown",
    .description = "CommonMark with GitHub tables, footnotes, strikethrough and autolinks (cmark-gfm)",
    .extensions = markdown_extensions,
    .mime_types = markdown_mime_types,
    .options = markdown_read_options,
    .probe = dmi_markdown_probe,
    .read = dmi_markdown_read,
};

static const dm_writer markdown_writer = {
    .abi_version = DM_PLUGIN_ABI_VERSION,
    .name = "markdown",
    .description = "CommonMark with GitHub tables and footnotes, read back unchanged by cmark-gfm",
    .extensions = markdown_write_extensions,
    .mime_types = markdown_mime_types,
    .write = dmi_markdown_write,
};

static const dm_reader *const markdown_readers[] = {&markdown_reader, NULL};
static const dm_writer *const markdown_writers[] = {&markdown_writer, NULL};

DM_PLUGIN_DEFINE(markdown, markdown_readers, markdown_writers, NULL);
