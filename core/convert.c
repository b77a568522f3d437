/* SPDX-License-Identifier: MIT */
/*
 * The conversion pipeline: read a file, run a reader into a new document,
 * run the transforms that apply, check the tree, run a writer into a sink.
 * Each step brackets the plugin's hook with dmi_ctx_enter/leave so that its
 * messages name it and dm_option_* finds its options.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

static int read_fd(dm_ctx *ctx, int fd, const char *shown, uint64_t limit, unsigned char **data, size_t *size) {
  size_t cap = 64 * 1024, len = 0;
  unsigned char *buf = malloc(cap + DM_PROBE_PADDING);
  if (!buf) return dm_error(ctx, DM_ENOMEM, "out of memory reading %s", shown);
  for (;;) {
    if (cap - len < 4096) {
      if (cap > SIZE_MAX / 2 - DM_PROBE_PADDING) {
        free(buf);
        return dm_error(ctx, DM_ELIMIT, "%s is too large", shown);
      }
      unsigned char *nb = realloc(buf, cap * 2 + DM_PROBE_PADDING);
      if (!nb) {
        free(buf);
        return dm_error(ctx, DM_ENOMEM, "out of memory reading %s", shown);
      }
      buf = nb;
      cap *= 2;
    }
    ssize_t n = read(fd, buf + len, cap - len);
    if (n < 0) {
      if (errno == EINTR) continue;
      int e = errno;
      free(buf);
      return dm_error(ctx, DM_EIO, "cannot read %s: %s", shown, strerror(e));
    }
    if (n == 0) break;
    len += (size_t)n;
    if (len > limit) {
      free(buf);
      return dm_error(ctx, DM_ELIMIT, "%s is larger than the input limit of %llu bytes", shown,
                      (unsigned long long)limit);
    }
  }
  memset(buf + len, 0, DM_PROBE_PADDING);
  *data = buf;
  *size = len;
  return DM_OK;
}

int dm_read_file(dm_ctx *ctx, const char *path, unsigned char **data, size_t *size) {
  *data = NULL;
  *size = 0;
  dm_limits lim = dm_ctx_limits(ctx);
  int fd = 0, rc;
  char shown[4096 + 8];
  if (!path || strcmp(path, "-") == 0) {
    snprintf(shown, sizeof shown, "standard input");
  } else {
    snprintf(shown, sizeof shown, "'%s'", path);
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      int e = errno;
      return dm_error(ctx, DM_EIO, "cannot open %s: %s", shown, strerror(e));
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
      close(fd);
      return dm_error(ctx, DM_EIO, "cannot read %s: it is a directory", shown);
    }
  }
  /* The messages here already name the file; do not prefix it twice. */
  char *saved = ctx && dm_ctx_input_name(ctx) ? strdup(dm_ctx_input_name(ctx)) : NULL;
  if (ctx) dm_ctx_set_input_name(ctx, NULL);
  rc = read_fd(ctx, fd, shown, lim.max_input_bytes, data, size);
  if (fd > 0) close(fd);
  if (rc == DM_OK && *size == 0) {
    free(*data);
    *data = NULL;
    rc = dm_error(ctx, DM_EFORMAT, "%s is empty (0 bytes)", shown);
  }
  if (ctx) dm_ctx_set_input_name(ctx, saved);
  free(saved);
  return rc;
}

int dm_read(dm_ctx *ctx, const dm_reader *reader, const dm_input *in, dm_doc **out) {
  *out = NULL;
  dm_doc *doc = dm_doc_new();
  if (!doc) {
    dm_ctx_lend_input(ctx, NULL);
    return dm_error(ctx, DM_ENOMEM, "out of memory");
  }
  void *priv = NULL;
  if (reader->priv_size && !(priv = calloc(1, reader->priv_size))) {
    dm_doc_free(doc);
    dm_ctx_lend_input(ctx, NULL);
    return dm_error(ctx, DM_ENOMEM, "out of memory");
  }
  dmi_ctx_enter(ctx, reader->name, reader->options);
  dm_limits lim = dm_ctx_limits(ctx);
  dmi_budget_begin(dmi_budget_default(lim.max_memory, in->size));
  dmi_budget_enter(lim.max_memory);
  int rc = reader->read(ctx, priv, in, doc);
  dm_ctx_lend_input(ctx, NULL); /* a loan is for one read */
  if (reader->cleanup) reader->cleanup(priv);
  /* Whatever a reader says once its memory ran out ("out of memory", or a
   * parser's own words), the budget is the cause to report. */
  if (rc != DM_OK && dm_budget_exceeded()) rc = dmi_budget_error(ctx);
  if (rc != DM_OK && dm_ctx_error_status(ctx) == DM_OK)
    dm_error(ctx, rc, "reader failed without a message (%s)", dm_status_name(rc));
  dmi_budget_leave();
  dmi_ctx_leave(ctx);
  free(priv);
  if (rc == DM_OK) rc = dm_doc_check(doc, ctx);
  if (rc != DM_OK) {
    dm_doc_free(doc);
    return rc;
  }
  *out = doc;
  return DM_OK;
}

int dm_transform_run(dm_ctx *ctx, const dm_transform *t, dm_doc *doc) {
  void *priv = NULL;
  if (t->priv_size && !(priv = calloc(1, t->priv_size))) return dm_error(ctx, DM_ENOMEM, "out of memory");
  dmi_ctx_enter(ctx, t->name, t->options);
  dmi_budget_enter(dm_ctx_limits(ctx).max_memory);
  int rc = t->apply(ctx, priv, doc);
  if (t->cleanup) t->cleanup(priv);
  if (rc != DM_OK && dm_budget_exceeded()) rc = dmi_budget_error(ctx);
  dmi_budget_leave();
  if (rc != DM_OK && dm_ctx_error_status(ctx) == DM_OK)
    dm_error(ctx, rc, "transform failed without a message (%s)", dm_status_name(rc));
  dmi_ctx_leave(ctx);
  free(priv);
  if (rc == DM_OK) rc = dmi_doc_check_if_changed(doc, ctx);
  return rc;
}

static int names_have(const char *const *names, const char *name) {
  for (size_t i = 0; names && names[i]; i++)
    if (strcmp(names[i], name) == 0) return 1;
  return 0;
}

int dm_transform_doc(dm_ctx *ctx, dm_doc *doc, const dm_transform_choice *tc) {
  const dm_registry *reg = dm_ctx_registry(ctx);
  const char *const *force = tc ? tc->force : NULL;
  const char *const *disable = tc ? tc->disable : NULL;
  for (size_t i = 0; force && force[i]; i++)
    if (!dm_registry_transform(reg, force[i])) return dm_error(ctx, DM_EUSAGE, "no transform named '%s'", force[i]);
  for (size_t i = 0; disable && disable[i]; i++)
    if (strcmp(disable[i], "all") != 0 && !dm_registry_transform(reg, disable[i]))
      return dm_error(ctx, DM_EUSAGE, "no transform named '%s'", disable[i]);
  int all_off = names_have(disable, "all");
  size_t n = dm_registry_count(reg, DM_KIND_TRANSFORM);
  for (size_t i = 0; i < n; i++) {
    const dm_transform *t = dm_registry_at(reg, DM_KIND_TRANSFORM, i, NULL);
    int forced = names_have(force, t->name), run = forced, score = -1;
    int off = all_off || names_have(disable, t->name);
    if (!run && !off && t->probe) run = (score = t->probe(doc)) >= DM_PROBE_SCORE_TRANSFORM;
    /* Say what happened either way, so that a transform that did not run
     * is visible (--verbose) rather than silent. */
    if (forced)
      dm_info(ctx, DM_DIAG_TRANSFORM, dm_pos_offset(DM_NO_OFFSET), "transform %s: run as asked", t->name);
    else if (off)
      dm_info(ctx, DM_DIAG_TRANSFORM, dm_pos_offset(DM_NO_OFFSET), "transform %s: turned off", t->name);
    else if (score >= 0)
      dm_info(ctx, DM_DIAG_TRANSFORM, dm_pos_offset(DM_NO_OFFSET), "transform %s: %s (probe score %d, runs at %d)",
              t->name, run ? "ran" : "did not run", score, DM_PROBE_SCORE_TRANSFORM);
    if (!run) continue;
    int rc = dm_transform_run(ctx, t, doc);
    if (rc != DM_OK) return rc;
  }
  return DM_OK;
}

int dm_write(dm_ctx *ctx, const dm_writer *w, const dm_doc *doc, dm_sink *out) {
  int rc = dmi_doc_check_if_changed(doc, ctx);
  if (rc != DM_OK) return rc;
  void *priv = NULL;
  if (w->priv_size && !(priv = calloc(1, w->priv_size))) return dm_error(ctx, DM_ENOMEM, "out of memory");
  dmi_ctx_enter(ctx, w->name, w->options);
  dmi_budget_enter(dm_ctx_limits(ctx).max_memory);
  rc = w->write(ctx, priv, doc, out);
  if (w->cleanup) w->cleanup(priv);
  if (rc != DM_OK && dm_budget_exceeded()) rc = dmi_budget_error(ctx);
  dmi_budget_leave();
  if (rc == DM_OK && dm_sink_status(out) != DM_OK) rc = dm_sink_status(out);
  if (rc != DM_OK && dm_ctx_error_status(ctx) == DM_OK) dm_error(ctx, rc, "writing failed (%s)", dm_status_name(rc));
  dmi_ctx_leave(ctx);
  free(priv);
  return rc;
}

int dm_convert_memory(dm_ctx *ctx, const char *from, const char *to, const void *data, size_t size, char **out_data,
                      size_t *out_size) {
  *out_data = NULL;
  if (out_size) *out_size = 0;
  const dm_registry *reg = dm_ctx_registry(ctx);
  const dm_reader *r = dm_registry_reader(reg, from);
  const dm_writer *w = dm_registry_writer(reg, to);
  if (!r) return dm_error(ctx, DM_EUSAGE, "no reader named '%s'", from);
  if (!w) return dm_error(ctx, DM_EUSAGE, "no writer named '%s'", to);
  unsigned char *buf = malloc(size + DM_PROBE_PADDING);
  if (!buf) return dm_error(ctx, DM_ENOMEM, "out of memory");
  if (size) memcpy(buf, data, size);
  memset(buf + size, 0, DM_PROBE_PADDING);
  dm_input in = {buf, size, NULL, NULL};
  dm_doc *doc = NULL;
  int rc = dm_read(ctx, r, &in, &doc);
  if (rc == DM_OK) rc = dm_transform_doc(ctx, doc, NULL);
  dm_sink *s = NULL;
  if (rc == DM_OK && !(s = dm_sink_new_memory())) rc = dm_error(ctx, DM_ENOMEM, "out of memory");
  if (rc == DM_OK) rc = dm_write(ctx, w, doc, s);
  if (rc == DM_OK) {
    size_t len;
    const char *p = dm_sink_memory_data(s, &len);
    if (!(*out_data = malloc(len + 1)))
      rc = dm_error(ctx, DM_ENOMEM, "out of memory");
    else {
      memcpy(*out_data, p, len);
      (*out_data)[len] = '\0';
      if (out_size) *out_size = len;
    }
  }
  dm_sink_free(s);
  dm_doc_free(doc);
  free(buf);
  return rc;
}

const char *dm_version(void) { return DOCMILL_VERSION_STRING; }
