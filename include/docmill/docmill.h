/* SPDX-License-Identifier: MIT */
/*
 * docmill: convert documents between formats through plugins. This umbrella
 * header includes the whole public API; see status.h (errors and
 * diagnostics), doc.h (the document model), plugin.h (writing a format),
 * registry.h (finding formats) and convert.h (the pipeline).
 */
#ifndef DOCMILL_DOCMILL_H
#define DOCMILL_DOCMILL_H

#include "budget.h"
#include "convert.h"
#include "doc.h"
#include "plugin.h"
#include "registry.h"
#include "status.h"

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
