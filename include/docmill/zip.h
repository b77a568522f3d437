/* SPDX-License-Identifier: MIT */
/*
 * Safe reading of ZIP packages held in memory (.akn packages, DOCX, any
 * OPC or ODF format), for every package reader. A package is hostile input
 * like any other, so dm_zip_open checks every entry before anything is
 * extracted and refuses, with an error naming the entry: names with a ".."
 * component, absolute paths, drive letters or backslashes; duplicate names;
 * encrypted entries; more than DM_ZIP_MAX_ENTRIES entries; decompression
 * bombs (entries that inflate to more than the context's max_input_bytes
 * in all, or one entry past 1 MiB that inflates more than DM_ZIP_MAX_RATIO
 * times). dm_zip_extract refuses an entry whose data is damaged or does not
 * match its declared size or CRC.
 */
#ifndef DOCMILL_ZIP_H
#define DOCMILL_ZIP_H

#include <stddef.h>
#include <stdint.h>

#include "ctx.h"
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DM_ZIP_MAX_ENTRIES 10000
/* XML compresses well, but not by three orders of magnitude. */
#define DM_ZIP_MAX_RATIO 200

typedef struct dm_zip dm_zip;

/* Opens the package data[0..size) (borrowed: it must outlive the dm_zip)
 * and checks every entry as above. DM_OK with *out set; otherwise *out is
 * NULL and the error is recorded on ctx: DM_EFORMAT (not a ZIP, a refused
 * or unreadable entry), DM_ELIMIT (too many entries, a bomb) or DM_ENOMEM.
 * A package with no entries opens, with dm_zip_count 0. */
int dm_zip_open(dm_ctx *ctx, const unsigned char *data, size_t size, dm_zip **out);
/* Closes the package. NULL-safe. */
void dm_zip_close(dm_zip *zip);
/* The number of entries, and an entry's name (borrowed until dm_zip_close)
 * and declared uncompressed size; i must be below dm_zip_count (NULL and 0
 * otherwise). */
size_t dm_zip_count(const dm_zip *zip);
const char *dm_zip_name(const dm_zip *zip, size_t i);
uint64_t dm_zip_size(const dm_zip *zip, size_t i);
/* The index of the entry named name, or -1 when there is none. */
long dm_zip_find(const dm_zip *zip, const char *name);
/* Extracts entry i into a malloc'd buffer of its declared size plus a NUL
 * byte; the caller takes ownership and frees it. DM_OK; DM_EFORMAT when the
 * entry is damaged or holds other than it declares; DM_ENOMEM; DM_EUSAGE
 * for an index out of range; each recorded on ctx. *data is NULL on error. */
int dm_zip_extract(dm_ctx *ctx, dm_zip *zip, size_t i, unsigned char **data, size_t *size);

/* For probes: whether the local file headers at the start of data (a ZIP
 * as written by most tools) name an entry called name, looking at no more
 * than 64 headers. Pure; 1 or 0. */
int dm_zip_probe_entry(const unsigned char *data, size_t size, const char *name);

#ifdef __cplusplus
}
#endif
#endif
