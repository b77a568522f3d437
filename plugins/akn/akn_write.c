/* SPDX-License-Identifier: MIT */
/*
 * The Akoma Ntoso writers: "akn" writes the AKN 3.0 XML of a document, and
 * "akn-package" the .akn package of the Naming Convention, a ZIP archive
 * holding that XML as main.xml. The XML is written straight into the
 * output sink, a buffer at a time (akn_write_xml.c); the package is built in
 * memory with libzip, with fixed timestamps so that the same document
 * always gives the same bytes.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <zip.h>

#include "akn_write.h"

/* Writes the XML of doc into out. */
static int akn_write_xml(dm_ctx *ctx, const dm_doc *doc, dm_sink *out, int package) {
  akn_w w;
  if (akn_w_init(&w, ctx, doc, out) != DM_OK) {
    akn_w_free(&w);
    return dm_error(ctx, DM_ENOMEM, "out of memory");
  }
  w.package = package;
  const char *body = dm_option_str(ctx, "body");
  if (!body || !*body) body = dm_doc_meta(doc, DM_META_BODY_ID);
  w.body_id = body && *body ? body : "un-ga";
  akn_write_document(&w);
  int rc = akn_w_finish(&w);
  akn_w_free(&w);
  if (rc == DM_OK) rc = dm_sink_status(out);
  if (rc != DM_OK && dm_ctx_error_status(ctx) == DM_OK) dm_error(ctx, rc, "writing the AKN XML failed");
  return rc;
}

static int akn_write(dm_ctx *ctx, void *priv, const dm_doc *doc, dm_sink *out) {
  (void)priv;
  return akn_write_xml(ctx, doc, out, 0);
}

static int akn_zip_error(dm_ctx *ctx, zip_error_t *err, const char *what) {
  int rc = dm_error(ctx, DM_EIO, "%s: %s", what, zip_error_strerror(err));
  zip_error_fini(err);
  return rc;
}

/* The package: main.xml, deflated, dated 1980-01-01 00:00 (the DOS epoch;
 * libzip stores local time, and a local midnight round-trips through
 * mktime and localtime in any time zone). */
static int akn_write_package(dm_ctx *ctx, void *priv, const dm_doc *doc, dm_sink *out) {
  (void)priv;
  dm_sink *mem = dm_sink_new_memory();
  if (!mem) return dm_error(ctx, DM_ENOMEM, "out of memory");
  int rc = akn_write_xml(ctx, doc, mem, 1);
  if (rc != DM_OK) {
    dm_sink_free(mem);
    return rc;
  }
  size_t xml_len;
  const char *xml = dm_sink_memory_data(mem, &xml_len);

  zip_error_t err;
  zip_error_init(&err);
  zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &err);
  if (!src) {
    dm_sink_free(mem);
    return akn_zip_error(ctx, &err, "creating the package");
  }
  zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
  if (!za) {
    zip_source_free(src);
    dm_sink_free(mem);
    return akn_zip_error(ctx, &err, "creating the package");
  }
  zip_source_keep(src);
  struct tm tm = {0};
  tm.tm_year = 80;
  tm.tm_mday = 1;
  tm.tm_isdst = -1;
  time_t epoch = mktime(&tm);
  zip_source_t *file = zip_source_buffer(za, xml, xml_len, 0);
  zip_int64_t idx = file ? zip_file_add(za, "main.xml", file, ZIP_FL_ENC_UTF_8) : -1;
  if (idx < 0) {
    if (file) zip_source_free(file);
    rc = dm_error(ctx, DM_EIO, "adding main.xml to the package: %s", zip_strerror(za));
    zip_discard(za);
    zip_source_free(src);
    dm_sink_free(mem);
    return rc;
  }
  if (zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 9) < 0 ||
      zip_file_set_mtime(za, (zip_uint64_t)idx, epoch, 0) < 0) {
    rc = dm_error(ctx, DM_EIO, "setting up main.xml in the package: %s", zip_strerror(za));
    zip_discard(za);
    zip_source_free(src);
    dm_sink_free(mem);
    return rc;
  }
  if (zip_close(za) < 0) {
    rc = dm_error(ctx, DM_EIO, "writing the package: %s", zip_strerror(za));
    zip_discard(za);
    zip_source_free(src);
    dm_sink_free(mem);
    return rc;
  }
  dm_sink_free(mem);

  zip_stat_t st;
  if (zip_source_open(src) < 0) {
    rc = dm_error(ctx, DM_EIO, "reading the package back: %s", zip_error_strerror(zip_source_error(src)));
    zip_source_free(src);
    return rc;
  }
  zip_stat_init(&st);
  if (zip_source_stat(src, &st) < 0 || !(st.valid & ZIP_STAT_SIZE)) {
    rc = dm_error(ctx, DM_EIO, "reading the package back: %s", zip_error_strerror(zip_source_error(src)));
    zip_source_close(src);
    zip_source_free(src);
    return rc;
  }
  char chunk[65536];
  zip_uint64_t left = st.size;
  while (left > 0) {
    zip_int64_t n = zip_source_read(src, chunk, left < sizeof chunk ? left : sizeof chunk);
    if (n <= 0) {
      rc = dm_error(ctx, DM_EIO, "reading the package back: short read");
      break;
    }
    if (dm_sink_write(out, chunk, (size_t)n) != DM_OK) {
      rc = dm_sink_status(out);
      break;
    }
    left -= (zip_uint64_t)n;
  }
  zip_source_close(src);
  zip_source_free(src);
  return rc;
}

static const dm_option_decl akn_options[] = {
    {"body", DM_OPT_STRING, NULL, "body in the IRIs (un-ga, un-sc, …); default: the document's body-id, else un-ga"},
    {NULL, 0, NULL, NULL},
};

static const char *const akn_ext[] = {"xml", NULL};
static const char *const akn_mime[] = {"application/akn+xml", NULL};
static const char *const akn_pkg_ext[] = {"akn", NULL};
static const char *const akn_pkg_mime[] = {"application/akn+zip", NULL};

static const dm_writer akn_writer = {
    .abi_version = DM_PLUGIN_ABI_VERSION,
    .name = "akn",
    .description = "Akoma Ntoso 3.0 XML (OASIS LegalDocML; AKN4UN for UN resolutions)",
    .extensions = akn_ext,
    .mime_types = akn_mime,
    .options = akn_options,
    .write = akn_write,
};

static const dm_writer akn_package_writer = {
    .abi_version = DM_PLUGIN_ABI_VERSION,
    .name = "akn-package",
    .description = "Akoma Ntoso package: a ZIP archive holding main.xml",
    .extensions = akn_pkg_ext,
    .mime_types = akn_pkg_mime,
    .options = akn_options,
    .flags = DM_WRITER_BINARY,
    .write = akn_write_package,
};

static const dm_writer *const akn_writers[] = {&akn_writer, &akn_package_writer, NULL};

DM_PLUGIN_DEFINE(akn_write, NULL, akn_writers, NULL);
