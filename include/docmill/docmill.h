/* SPDX-License-Identifier: MIT */
/*
 * docmill: convert documents between formats through plugins. This umbrella
 * header includes the whole public API, one header per object: status.h
 * (status codes and diagnostics), ctx.h (the context: errors, warning caps,
 * options), doc.h (the document model), plugin.h (writing a format),
 * registry.h (finding formats), convert.h (the pipeline), and the toolkit
 * plugins are built with: sink.h (output), buffer.h (growable bytes),
 * xml.h (the XML writer), text.h (UTF-8 and its policy), nodemap.h (data
 * per node), zip.h (safe package reading) and dynlib.h (libraries opened
 * at run time).
 */
#ifndef DOCMILL_DOCMILL_H
#define DOCMILL_DOCMILL_H

#include "budget.h"
#include "buffer.h"
#include "convert.h"
#include "ctx.h"
#include "doc.h"
#include "dynlib.h"
#include "nodemap.h"
#include "plugin.h"
#include "registry.h"
#include "sink.h"
#include "status.h"
#include "table.h"
#include "text.h"
#include "xml.h"
#include "zip.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DOCMILL_VERSION_MAJOR 0
#define DOCMILL_VERSION_MINOR 1
#define DOCMILL_VERSION_PATCH 0
#define DOCMILL_VERSION_STRING "0.1.0"

/* The library's version string; may differ from the header's when linked
 * dynamically against another build. */
const char *dm_version(void);

#ifdef __cplusplus
}
#endif
#endif
