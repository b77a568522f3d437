/* SPDX-License-Identifier: MIT */
/*
 * The safe ZIP reader of zip.h, over libzip 1.7 opened from memory. All
 * checks are made on the central directory at open time, so a reader
 * learns that a package is refused before it has built anything from it;
 * extraction then reads one byte past each declared size to catch an
 * entry that holds more than it says.
 */
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "internal.h"

/* Below this an entry may inflate as much as it likes. */
#define ZIP_RATIO_FLOOR ((zip_uint64_t)1 << 20)
/* All the entries together: at most this many times the package, beyond a
 * floor. Without it, a thousand entries each just under ZIP_RATIO_FLOOR
 * made a gigabyte of XML from 175 KB, which a reader then parsed. */
#define ZIP_PACKAGE_RATIO 100
#define ZIP_PACKAGE_FLOOR ((uint64_t)16 << 20)

typedef struct zip_entry {
  const char *name; /* libzip's, lives as long as the archive */
  uint64_t size;
} zip_entry;

struct dm_zip {
  zip_t *za;
  zip_entry *entries;
  size_t count;
};

int dm_zip_probe_entry(const unsigned char *data, size_t size, const char *name) {
  size_t want = strlen(name), off = 0;
  for (int n = 0; n < 64 && off + 30 <= size; n++) {
    const unsigned char *h = data + off;
    if (memcmp(h, "PK\3\4", 4) != 0) return 0;
    size_t flags = (size_t)h[6] | (size_t)h[7] << 8;
    size_t csize = (size_t)h[18] | (size_t)h[19] << 8 | (size_t)h[20] << 16 | (size_t)h[21] << 24;
    size_t nlen = (size_t)h[26] | (size_t)h[27] << 8;
    size_t elen = (size_t)h[28] | (size_t)h[29] << 8;
    if (off + 30 + nlen > size) return 0;
    if (nlen == want && memcmp(h + 30, name, want) == 0) return 1;
    /* Sizes given only in a data descriptor: the walk cannot go on. */
    if (flags & 8u) return 0;
    off += 30 + nlen + elen + csize;
  }
  return 0;
}

/* Why an entry name is refused, or NULL when it is fine. */
static const char *zip_bad_name(const char *name) {
  if (!*name) return "an empty name";
  if (name[0] == '/' || name[0] == '\\') return "an absolute path";
  if (((name[0] >= 'A' && name[0] <= 'Z') || (name[0] >= 'a' && name[0] <= 'z')) && name[1] == ':')
    return "a drive letter";
  if (strchr(name, '\\')) return "a backslash";
  for (const char *p = name; *p;) {
    const char *e = strchr(p, '/');
    size_t n = e ? (size_t)(e - p) : strlen(p);
    if (n == 2 && p[0] == '.' && p[1] == '.') return "a '..' component";
    if (!e) break;
    p = e + 1;
  }
  return NULL;
}

static int zip_name_cmp(const void *a, const void *b) {
  return strcmp(((const zip_entry *)a)->name, ((const zip_entry *)b)->name);
}

/* One entry's checks; total is the uncompressed size so far. */
static int zip_check_entry(dm_ctx *ctx, zip_t *za, zip_uint64_t i, uint64_t max_total, uint64_t *total, zip_entry *e) {
  zip_stat_t st;
  if (zip_stat_index(za, i, 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME) || !(st.valid & ZIP_STAT_SIZE) ||
      !(st.valid & ZIP_STAT_COMP_SIZE))
    return dm_error(ctx, DM_EFORMAT, "package entry %llu cannot be read: %s", (unsigned long long)i, zip_strerror(za));
  const char *why = zip_bad_name(st.name);
  if (why) return dm_error(ctx, DM_EFORMAT, "package entry '%s' refused: its name has %s", st.name, why);
  if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
    return dm_error(ctx, DM_EFORMAT, "package entry '%s' refused: it is encrypted", st.name);
  if (st.size > ZIP_RATIO_FLOOR && st.size / (st.comp_size ? st.comp_size : 1) > DM_ZIP_MAX_RATIO)
    return dm_error(ctx, DM_ELIMIT,
                    "package entry '%s' refused: it would inflate from %llu to %llu bytes, more than %d "
                    "times (a decompression bomb?)",
                    st.name, (unsigned long long)st.comp_size, (unsigned long long)st.size, DM_ZIP_MAX_RATIO);
  *total += st.size;
  if (*total > max_total || st.size > (zip_uint64_t)INT32_MAX)
    return dm_error(ctx, DM_ELIMIT, "package refused: its entries inflate to more than %llu bytes (at '%s')",
                    (unsigned long long)max_total, st.name);
  e->name = st.name;
  e->size = st.size;
  return DM_OK;
}

/* Checks every entry and fills z->entries, then refuses duplicates. */
static int zip_check(dm_ctx *ctx, dm_zip *z, size_t size) {
  uint64_t total = 0, max_total = dm_ctx_limits(ctx).max_input_bytes;
  for (size_t i = 0; i < z->count; i++) {
    int rc = zip_check_entry(ctx, z->za, i, max_total, &total, &z->entries[i]);
    if (rc != DM_OK) return rc;
  }
  if (total > ZIP_PACKAGE_FLOOR && total / (size ? size : 1) >= ZIP_PACKAGE_RATIO)
    return dm_error(ctx, DM_ELIMIT,
                    "package refused: its entries inflate to %llu bytes, more than %d times its %zu (a decompression "
                    "bomb?)",
                    (unsigned long long)total, ZIP_PACKAGE_RATIO, size);
  zip_entry *sorted = malloc(z->count * sizeof *sorted + 1);
  if (!sorted) return dm_error(ctx, DM_ENOMEM, "out of memory");
  if (z->count) memcpy(sorted, z->entries, z->count * sizeof *sorted);
  qsort(sorted, z->count, sizeof *sorted, zip_name_cmp);
  for (size_t i = 1; i < z->count; i++) {
    if (strcmp(sorted[i - 1].name, sorted[i].name) == 0) {
      int rc = dm_error(ctx, DM_EFORMAT, "package refused: the entry '%s' appears twice", sorted[i].name);
      free(sorted);
      return rc;
    }
  }
  free(sorted);
  return DM_OK;
}

int dm_zip_open(dm_ctx *ctx, const unsigned char *data, size_t size, dm_zip **out) {
  *out = NULL;
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(data, size, 0, &ze);
  if (!src) {
    zip_error_fini(&ze);
    return dm_error(ctx, DM_ENOMEM, "out of memory opening the package");
  }
  zip_t *za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
  if (!za) {
    int rc = dm_error(ctx, DM_EFORMAT, "not a readable ZIP package: %s", zip_error_strerror(&ze));
    zip_source_free(src);
    zip_error_fini(&ze);
    return rc;
  }
  zip_error_fini(&ze);
  zip_int64_t n = zip_get_num_entries(za, 0);
  if (n < 0 || n > DM_ZIP_MAX_ENTRIES) {
    zip_discard(za);
    return dm_error(ctx, DM_ELIMIT, "package refused: %lld entries, more than %d", (long long)n, DM_ZIP_MAX_ENTRIES);
  }
  dm_zip *z = calloc(1, sizeof *z);
  zip_entry *entries = calloc((size_t)n + 1, sizeof *entries);
  if (!z || !entries) {
    free(z);
    free(entries);
    zip_discard(za);
    return dm_error(ctx, DM_ENOMEM, "out of memory");
  }
  z->za = za;
  z->entries = entries;
  z->count = (size_t)n;
  int rc = zip_check(ctx, z, size);
  if (rc != DM_OK) {
    dm_zip_close(z);
    return rc;
  }
  *out = z;
  return DM_OK;
}

void dm_zip_close(dm_zip *z) {
  if (!z) return;
  zip_discard(z->za); /* also frees the source */
  free(z->entries);
  free(z);
}

size_t dm_zip_count(const dm_zip *z) { return z ? z->count : 0; }
const char *dm_zip_name(const dm_zip *z, size_t i) { return z && i < z->count ? z->entries[i].name : NULL; }
uint64_t dm_zip_size(const dm_zip *z, size_t i) { return z && i < z->count ? z->entries[i].size : 0; }

long dm_zip_find(const dm_zip *z, const char *name) {
  for (size_t i = 0; z && i < z->count; i++)
    if (strcmp(z->entries[i].name, name) == 0) return (long)i;
  return -1;
}

int dm_zip_extract(dm_ctx *ctx, dm_zip *z, size_t i, unsigned char **data, size_t *size) {
  *data = NULL;
  if (size) *size = 0;
  if (!z || i >= z->count) return dm_error(ctx, DM_EUSAGE, "no package entry %zu", i);
  const zip_entry *e = &z->entries[i];
  unsigned char *buf = malloc((size_t)e->size + 1);
  if (!buf) return dm_error(ctx, DM_ENOMEM, "out of memory extracting %s", e->name);
  zip_file_t *zf = zip_fopen_index(z->za, i, 0);
  if (!zf) {
    free(buf);
    return dm_error(ctx, DM_EFORMAT, "package entry %s cannot be opened: %s", e->name, zip_strerror(z->za));
  }
  uint64_t got = 0;
  for (;;) {
    /* One byte of room past the declared size shows an entry that holds
     * more than it says; libzip checks the CRC at the end of the data. */
    zip_int64_t n = zip_fread(zf, buf + got, e->size + 1 - got);
    if (n < 0) {
      int rc = dm_error(ctx, DM_EFORMAT, "package entry %s is damaged: %s", e->name, zip_file_strerror(zf));
      zip_fclose(zf);
      free(buf);
      return rc;
    }
    if (n == 0) break;
    got += (uint64_t)n;
    if (got > e->size) break;
  }
  zip_fclose(zf);
  if (got != e->size) {
    free(buf);
    return dm_error(ctx, DM_EFORMAT, "package entry %s holds %llu bytes but declares %llu: refused", e->name,
                    (unsigned long long)got, (unsigned long long)e->size);
  }
  buf[got] = '\0';
  *data = buf;
  if (size) *size = (size_t)got;
  return DM_OK;
}
