/* SPDX-License-Identifier: MIT */
/*
 * Output sinks. Writers never open files; they write here. The file sink is
 * atomic: bytes go to a temporary file in the target's directory, which is
 * fsynced and renamed over the target only by dm_sink_commit, so a failed
 * conversion never leaves a truncated file or clobbers an existing one.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

typedef enum { SINK_MEMORY, SINK_STREAM, SINK_FILE } sink_kind;

struct dm_sink {
  sink_kind kind;
  int status;
  int err; /* errno of the first failure */
  uint64_t written;
  dm_buf mem;
  FILE *fp;
  char *path, *tmp;
  char *target; /* the resolved path when path is a symbolic link */
  int owns_fp;  /* a stream the sink opened itself (a FIFO, a device) */
  int committed;
  int no_fsync; /* the caller syncs many files at once (batch mode) */
};

int dm_sink_write(dm_sink *s, const void *data, size_t len) {
  if (!s) return DM_EIO;
  if (s->status != DM_OK) return s->status;
  if (!len) return DM_OK;
  if (s->kind == SINK_MEMORY) {
    if (dm_buf_append(&s->mem, data, len) != DM_OK) return s->status = DM_ENOMEM;
  } else if (fwrite(data, 1, len, s->fp) != len) {
    s->err = errno ? errno : EIO;
    return s->status = DM_EIO;
  }
  s->written += len;
  return DM_OK;
}

int dm_sink_puts(dm_sink *s, const char *str) { return dm_sink_write(s, str, strlen(str)); }

int dm_sink_putc(dm_sink *s, int c) {
  char ch = (char)c;
  return dm_sink_write(s, &ch, 1);
}

int dm_sink_printf(dm_sink *s, const char *fmt, ...) {
  char small[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0) return s->status = DM_EIO;
  if ((size_t)n < sizeof small) return dm_sink_write(s, small, (size_t)n);
  char *big = malloc((size_t)n + 1);
  if (!big) return s->status = DM_ENOMEM;
  va_start(ap, fmt);
  vsnprintf(big, (size_t)n + 1, fmt, ap);
  va_end(ap);
  int rc = dm_sink_write(s, big, (size_t)n);
  free(big);
  return rc;
}

int dm_sink_status(const dm_sink *s) { return s ? s->status : DM_EIO; }
uint64_t dm_sink_written(const dm_sink *s) { return s ? s->written : 0; }

dm_sink *dm_sink_new_memory(void) {
  dm_sink *s = calloc(1, sizeof *s);
  if (s) s->kind = SINK_MEMORY;
  return s;
}

const char *dm_sink_memory_data(const dm_sink *s, size_t *len) {
  if (!s || s->kind != SINK_MEMORY) return NULL;
  if (len) *len = s->mem.len;
  return s->mem.data ? s->mem.data : "";
}

dm_sink *dm_sink_new_stream(void *file) {
  dm_sink *s = calloc(1, sizeof *s);
  if (!s) return NULL;
  s->kind = SINK_STREAM;
  s->fp = file;
  return s;
}

/* A FIFO, a terminal or a device such as /dev/null or /dev/stdout cannot be
 * replaced atomically, and renaming a temporary file over it would replace
 * the device itself (for root, /dev/null for the whole system): such a
 * target is opened and written in place, as a shell redirection would. */
static dm_sink *sink_new_special(dm_sink *s, const char *path, dm_ctx *ctx) {
  int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0 || !(s->fp = fdopen(fd, "wb"))) {
    int e = errno;
    if (fd >= 0) close(fd);
    dm_sink_free(s);
    dm_error(ctx, DM_EIO, "cannot write '%s': %s", path, strerror(e));
    return NULL;
  }
  s->kind = SINK_STREAM;
  s->owns_fp = 1;
  return s;
}

/* umask can only be read by setting it: done once, so that batch workers
 * creating files at the same time never see (or apply) the 0 set while
 * another reads it. */
static mode_t sink_umask;
static pthread_once_t sink_umask_once = PTHREAD_ONCE_INIT;
static void sink_read_umask(void) {
  sink_umask = umask(0);
  umask(sink_umask);
}

dm_sink *dm_sink_new_file(const char *path, dm_ctx *ctx) {
  struct stat st;
  int exists = stat(path, &st) == 0;
  /* A symbolic link to nothing: renaming over it would replace the link
   * with a file, and following it could create a file wherever the link
   * points. Refused, as GNU cp refuses to write through one. */
  struct stat lst;
  if (!exists && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
    dm_error(ctx, DM_EIO, "cannot write '%s': it is a symbolic link to a file that does not exist", path);
    return NULL;
  }
  if (exists && S_ISDIR(st.st_mode)) {
    dm_error(ctx, DM_EIO, "cannot write '%s': it is a directory", path);
    return NULL;
  }
  /* The rename would replace a write-protected file even where opening it
   * for writing is refused, and even root should not overwrite a file
   * somebody made read-only on purpose. */
  if (exists && S_ISREG(st.st_mode) && (st.st_mode & 0222) == 0) {
    dm_error(ctx, DM_EIO, "cannot write '%s': it is read-only", path);
    return NULL;
  }
  if (exists && S_ISREG(st.st_mode) && faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) != 0) {
    int e = errno;
    dm_error(ctx, DM_EIO, "cannot write '%s': %s", path, strerror(e));
    return NULL;
  }
  dm_sink *s = calloc(1, sizeof *s);
  if (!s) {
    dm_error(ctx, DM_ENOMEM, "out of memory");
    return NULL;
  }
  s->kind = SINK_FILE;
  s->path = strdup(path);
  if (!s->path) {
    dm_sink_free(s);
    dm_error(ctx, DM_ENOMEM, "out of memory");
    return NULL;
  }
  if (exists && !S_ISREG(st.st_mode)) return sink_new_special(s, path, ctx);
  /* Through a symbolic link, the file to replace is the one it points to;
   * renaming over the link would turn it into a file of its own. */
  char *target = exists ? realpath(path, NULL) : NULL;
  const char *where = target ? target : path;
  size_t n = strlen(where);
  s->target = target;
  s->tmp = malloc(n + 16);
  if (!s->tmp) {
    dm_sink_free(s);
    dm_error(ctx, DM_ENOMEM, "out of memory");
    return NULL;
  }
  /* The temporary file sits in the target's directory so that rename is
   * atomic; its name starts with the target's so a stray one is traceable. */
  snprintf(s->tmp, n + 16, "%s.tmp-XXXXXX", where);
  int fd = mkstemp(s->tmp);
  if (fd < 0) {
    int e = errno;
    free(s->tmp);
    s->tmp = NULL;
    dm_sink_free(s);
    dm_error(ctx, DM_EIO, "cannot write '%s': %s", path, strerror(e));
    return NULL;
  }
  /* mkstemp creates 0600; give the file the mode a plain open would. */
  pthread_once(&sink_umask_once, sink_read_umask);
  mode_t um = sink_umask;
  if (stat(path, &st) == 0)
    fchmod(fd, st.st_mode & 07777);
  else
    fchmod(fd, 0666 & ~um);
  s->fp = fdopen(fd, "wb");
  if (!s->fp) {
    int e = errno;
    close(fd);
    dm_sink_free(s);
    dm_error(ctx, DM_EIO, "cannot write '%s': %s", path, strerror(e));
    return NULL;
  }
  return s;
}

void dm_sink_set_fsync(dm_sink *s, int fsync) {
  if (s) s->no_fsync = !fsync;
}

int dm_sink_commit(dm_sink *s, dm_ctx *ctx) {
  if (!s) return DM_EIO;
  if (s->kind == SINK_MEMORY) return s->status;
  const char *name = s->path ? s->path : "standard output";
  if (s->status == DM_OK && fflush(s->fp) != 0) {
    s->err = errno;
    s->status = DM_EIO;
  }
  if (s->kind == SINK_STREAM) {
    if (s->status != DM_OK && s->path)
      return dm_error(ctx, s->status, "cannot write '%s': %s", name, strerror(s->err ? s->err : EIO));
    if (s->status != DM_OK)
      return dm_error(ctx, s->status, "cannot write %s: %s", name, strerror(s->err ? s->err : EIO));
    return DM_OK;
  }
  if (s->status == DM_OK && !s->no_fsync && fsync(fileno(s->fp)) != 0 && errno != EINVAL) {
    s->err = errno;
    s->status = DM_EIO;
  }
  if (fclose(s->fp) != 0 && s->status == DM_OK) {
    s->err = errno;
    s->status = DM_EIO;
  }
  s->fp = NULL;
  if (s->status == DM_OK && rename(s->tmp, s->target ? s->target : s->path) != 0) {
    s->err = errno;
    s->status = DM_EIO;
  }
  if (s->status != DM_OK) {
    unlink(s->tmp);
    return dm_error(ctx, s->status, "cannot write '%s': %s", name, strerror(s->err ? s->err : EIO));
  }
  s->committed = 1;
  return DM_OK;
}

void dm_sink_free(dm_sink *s) {
  if (!s) return;
  if (s->owns_fp && s->fp) fclose(s->fp);
  if (s->kind == SINK_FILE) {
    if (s->fp) fclose(s->fp);
    if (!s->committed && s->tmp) unlink(s->tmp);
  }
  dm_buf_release(&s->mem);
  free(s->path);
  free(s->tmp);
  free(s->target);
  free(s);
}
