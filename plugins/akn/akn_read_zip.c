/* SPDX-License-Identifier: MIT */
/*
 * .akn packages (the Naming Convention's ZIP of main.xml, further
 * components and a media/ folder), opened with libzip from memory. A
 * package is hostile input like any other, so every entry is checked
 * before anything is extracted: names with "..", absolute paths, drive
 * letters or backslashes, duplicate names, encrypted entries, more entries
 * than anyone writes, and decompression bombs (a total uncompressed size
 * beyond the input limit, or an entry that inflates more than AKN_MAX_RATIO
 * times) are refused with an error naming the entry. While extracting, an
 * entry whose data does not match its declared size or CRC is refused too.
 * main.xml is read into the document; every other XML file outside media/
 * becomes a DIV role component after it; media files are listed in one
 * warning, since no writer carries them yet.
 */
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "akn_read.h"

#define AKN_MAX_ENTRIES 10000
/* XML compresses well, but not by three orders of magnitude. */
#define AKN_MAX_RATIO 200
/* Below this an entry may inflate as much as it likes. */
#define AKN_RATIO_FLOOR ((zip_uint64_t)1 << 20)

int akn_zip_probe(const unsigned char *data, size_t size) {
  /* Walk the local file headers looking for main.xml. */
  size_t off = 0;
  for (int n = 0; n < 64 && off + 30 <= size; n++) {
    const unsigned char *h = data + off;
    if (memcmp(h, "PK\3\4", 4) != 0) return 0;
    size_t flags = (size_t)h[6] | (size_t)h[7] << 8;
    size_t csize = (size_t)h[18] | (size_t)h[19] << 8 | (size_t)h[20] << 16 | (size_t)h[21] << 24;
    size_t nlen = (size_t)h[26] | (size_t)h[27] << 8;
    size_t elen = (size_t)h[28] | (size_t)h[29] << 8;
    if (off + 30 + nlen > size) return 0;
    if (nlen == 8 && memcmp(h + 30, "main.xml", 8) == 0) return 1;
    /* Sizes given only in a data descriptor: the walk cannot go on. */
    if (flags & 8u) return 0;
    off += 30 + nlen + elen + csize;
  }
  return 0;
}

static int akn_name_cmp(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Why an entry name is refused, or NULL when it is fine. */
static const char *akn_bad_name(const char *name) {
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

static int akn_zip_refuse(akn_reader *rd, const char *name, const char *why) {
  return rd->status = dm_error(rd->ctx, DM_EFORMAT, "package entry '%s' refused: %s", name, why);
}

/* Extracts entry i into a malloc'd buffer of exactly its declared size. */
static int akn_zip_extract(akn_reader *rd, zip_t *za, zip_uint64_t i, const zip_stat_t *st, unsigned char **out) {
  *out = NULL;
  unsigned char *buf = malloc((size_t)st->size + 1);
  if (!buf) return rd->status = dm_error(rd->ctx, DM_ENOMEM, "out of memory extracting %s", st->name);
  zip_file_t *zf = zip_fopen_index(za, i, 0);
  if (!zf) {
    free(buf);
    return rd->status =
               dm_error(rd->ctx, DM_EFORMAT, "package entry %s cannot be opened: %s", st->name, zip_strerror(za));
  }
  zip_uint64_t got = 0;
  for (;;) {
    /* One byte of room past the declared size shows an entry that holds
     * more than it says. */
    zip_int64_t n = zip_fread(zf, buf + got, st->size + 1 - got);
    if (n < 0) {
      const char *why = zip_file_strerror(zf);
      rd->status = dm_error(rd->ctx, DM_EFORMAT, "package entry %s is damaged: %s", st->name, why);
      zip_fclose(zf);
      free(buf);
      return rd->status;
    }
    if (n == 0) break;
    got += (zip_uint64_t)n;
    if (got > st->size) break;
  }
  zip_fclose(zf);
  if (got != st->size) {
    free(buf);
    return rd->status = dm_error(rd->ctx, DM_EFORMAT, "package entry %s holds %llu bytes but declares %llu: refused",
                                 st->name, (unsigned long long)got, (unsigned long long)st->size);
  }
  buf[got] = '\0';
  *out = buf;
  return DM_OK;
}

static int akn_is_media(const char *name) { return strncmp(name, "media/", 6) == 0; }

static int akn_is_xml(const char *name) {
  size_t n = strlen(name);
  return n > 4 && strcmp(name + n - 4, ".xml") == 0;
}

/* main.xml is the document itself: read with no part name, so that its
 * meta gives the document's metadata and its statement name="resolution"
 * makes the tree a resolution, exactly as the same XML read on its own.
 * Every other component is a part, whose meta is not the document's. */
static int akn_read_entry(akn_reader *rd, zip_t *za, zip_uint64_t i, const zip_stat_t *st, dm_node *parent,
                          int is_main) {
  unsigned char *data;
  if (akn_zip_extract(rd, za, i, st, &data) != DM_OK) return rd->status;
  rd->part = is_main ? NULL : st->name;
  int rc = akn_read_xml(rd, data, (size_t)st->size, parent);
  rd->part = NULL;
  free(data);
  return rc;
}

static int akn_zip_check(akn_reader *rd, zip_t *za, zip_int64_t n, zip_int64_t *main_idx) {
  const char **names = malloc((size_t)n * sizeof *names + 1);
  if (!names) return rd->status = dm_error(rd->ctx, DM_ENOMEM, "out of memory");
  zip_uint64_t total = 0;
  *main_idx = -1;
  for (zip_int64_t i = 0; i < n; i++) {
    zip_stat_t st;
    if (zip_stat_index(za, (zip_uint64_t)i, 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME) ||
        !(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_COMP_SIZE)) {
      free(names);
      return rd->status =
                 dm_error(rd->ctx, DM_EFORMAT, "package entry %lld cannot be read: %s", (long long)i, zip_strerror(za));
    }
    const char *why = akn_bad_name(st.name);
    if (why) {
      free(names);
      rd->status = dm_error(rd->ctx, DM_EFORMAT, "package entry '%s' refused: its name has %s", st.name, why);
      return rd->status;
    }
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
      free(names);
      return akn_zip_refuse(rd, st.name, "it is encrypted");
    }
    if (st.size > AKN_RATIO_FLOOR && st.size / (st.comp_size ? st.comp_size : 1) > AKN_MAX_RATIO) {
      free(names);
      rd->status = dm_error(rd->ctx, DM_ELIMIT,
                            "package entry '%s' refused: it would inflate from %llu to %llu bytes, more than %d "
                            "times (a decompression bomb?)",
                            st.name, (unsigned long long)st.comp_size, (unsigned long long)st.size, AKN_MAX_RATIO);
      return rd->status;
    }
    total += st.size;
    if (total > rd->limits.max_input_bytes || st.size > (zip_uint64_t)INT32_MAX) {
      free(names);
      rd->status =
          dm_error(rd->ctx, DM_ELIMIT, "package refused: its entries inflate to more than %llu bytes (at '%s')",
                   (unsigned long long)rd->limits.max_input_bytes, st.name);
      return rd->status;
    }
    if (strcmp(st.name, "main.xml") == 0) *main_idx = i;
    names[i] = st.name;
  }
  qsort(names, (size_t)n, sizeof *names, akn_name_cmp);
  for (zip_int64_t i = 1; i < n; i++) {
    if (strcmp(names[i - 1], names[i]) == 0) {
      rd->status = dm_error(rd->ctx, DM_EFORMAT, "package refused: the entry '%s' appears twice", names[i]);
      free(names);
      return rd->status;
    }
  }
  free(names);
  if (*main_idx < 0) return rd->status = dm_error(rd->ctx, DM_EFORMAT, "not an Akoma Ntoso package: no main.xml");
  return DM_OK;
}

/* Lists media/ files (and other files no reader takes) in one warning. */
static int akn_zip_media(akn_reader *rd, zip_t *za, zip_int64_t n) {
  size_t len = 0, count = 0;
  char list[1024];
  list[0] = '\0';
  for (zip_int64_t i = 0; i < n; i++) {
    const char *name = zip_get_name(za, (zip_uint64_t)i, 0);
    size_t nl = name ? strlen(name) : 0;
    if (!name || !nl || name[nl - 1] == '/' || (akn_is_xml(name) && !akn_is_media(name))) continue;
    count++;
    if (len + nl + 3 < sizeof list - 8) {
      len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", len ? ", " : "", name);
    } else if (len < sizeof list - 8 && !strstr(list, "...")) {
      len += (size_t)snprintf(list + len, sizeof list - len, ", ...");
    }
  }
  if (count && dm_warn(rd->ctx, DM_DIAG_MEDIA, dm_pos_offset(DM_NO_OFFSET),
                       "the package holds %zu media file%s no writer carries yet: %s", count, count == 1 ? "" : "s",
                       list) != DM_OK)
    return rd->status = dm_error(rd->ctx, DM_ENOMEM, "out of memory");
  return DM_OK;
}

int akn_read_zip(akn_reader *rd, const unsigned char *data, size_t size) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(data, size, 0, &ze);
  if (!src) {
    zip_error_fini(&ze);
    return rd->status = dm_error(rd->ctx, DM_ENOMEM, "out of memory opening the package");
  }
  zip_t *za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
  if (!za) {
    rd->status = dm_error(rd->ctx, DM_EFORMAT, "not a readable ZIP package: %s", zip_error_strerror(&ze));
    zip_source_free(src);
    zip_error_fini(&ze);
    return rd->status;
  }
  zip_error_fini(&ze);
  zip_int64_t n = zip_get_num_entries(za, 0);
  zip_int64_t main_idx = -1;
  if (n <= 0)
    rd->status = dm_error(rd->ctx, DM_EFORMAT, "not an Akoma Ntoso package: the ZIP is empty");
  else if (n > AKN_MAX_ENTRIES)
    rd->status =
        dm_error(rd->ctx, DM_ELIMIT, "package refused: %lld entries, more than %d", (long long)n, AKN_MAX_ENTRIES);
  else
    akn_zip_check(rd, za, n, &main_idx);

  if (!rd->status) {
    zip_stat_t st;
    if (zip_stat_index(za, (zip_uint64_t)main_idx, 0, &st) == 0)
      akn_read_entry(rd, za, (zip_uint64_t)main_idx, &st, dm_doc_root(rd->doc), 1);
    else
      rd->status = dm_error(rd->ctx, DM_EFORMAT, "main.xml cannot be read: %s", zip_strerror(za));
  }
  for (zip_int64_t i = 0; i < n && !rd->status; i++) {
    zip_stat_t st;
    if (i == main_idx || zip_stat_index(za, (zip_uint64_t)i, 0, &st) != 0) continue;
    if (!akn_is_xml(st.name) || akn_is_media(st.name)) continue;
    dm_node *div = dm_node_new_div(rd->doc, DM_ROLE_COMPONENT, NULL);
    if (!div || dm_node_append_child(dm_doc_root(rd->doc), div) != DM_OK ||
        dm_node_set_attr(div, "src", st.name) != DM_OK) {
      rd->status = dm_error(rd->ctx, DM_ENOMEM, "out of memory");
      break;
    }
    rd->doc_elements = 0;
    akn_read_entry(rd, za, (zip_uint64_t)i, &st, div, 0);
  }
  if (!rd->status) akn_zip_media(rd, za, n);
  zip_discard(za); /* also frees src */
  return rd->status;
}
