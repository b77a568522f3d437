/* SPDX-License-Identifier: MIT */
/*
 * Output sinks. Writers never open files; they write here. The file sink is
 * atomic: bytes go to a temporary file in the target's directory, which is
 * put in place only by dm_sink_commit, so a failed conversion never leaves
 * a truncated file or clobbers an existing one. Where the file system
 * allows, the temporary is an O_TMPFILE, which has no name until it is
 * linked into place, so that even a SIGKILL leaves nothing behind; else it
 * is a named file that dm_sink_remove_temporaries, called from a signal
 * handler, removes.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
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
  char *path, *tmp; /* tmp: the named temporary, NULL for an O_TMPFILE */
  char *target;     /* the resolved path when path is a symbolic link */
  int slot;         /* the temporary's slot in sink_names, or -1 */
  int owns_fp;      /* a stream the sink opened itself (a FIFO, a device) */
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

/* ---- named temporaries, for a signal handler ------------------------------
 * A signal handler may call nothing that locks or allocates, so the names of
 * the live temporaries sit in fixed slots it can read with atomic loads
 * alone: a slot is free (0), being filled or emptied (1), or live (2). */
#define SINK_SLOTS 512
static char sink_names[SINK_SLOTS][PATH_MAX];
static atomic_int sink_state[SINK_SLOTS];

static int sink_track(const char *name) {
  if (strlen(name) >= PATH_MAX) return -1;
  for (int i = 0; i < SINK_SLOTS; i++) {
    int expect = 0;
    if (!atomic_compare_exchange_strong(&sink_state[i], &expect, 1)) continue;
    memcpy(sink_names[i], name, strlen(name) + 1);
    atomic_store(&sink_state[i], 2);
    return i;
  }
  return -1; /* more than SINK_SLOTS at once: still removed, but not on a signal */
}

static void sink_untrack(dm_sink *s) {
  if (s->slot < 0) return;
  atomic_store(&sink_state[s->slot], 1);
  sink_names[s->slot][0] = '\0';
  atomic_store(&sink_state[s->slot], 0);
  s->slot = -1;
}

void dm_sink_remove_temporaries(void) {
  for (int i = 0; i < SINK_SLOTS; i++)
    if (atomic_load(&sink_state[i]) == 2) unlink(sink_names[i]);
}

/* "DIR/BASE.tmp-" for where = "DIR/BASE", with BASE cut (at a character
 * boundary) so that the name with its 6-character suffix still fits in
 * NAME_MAX bytes: the target itself may be up to NAME_MAX long. */
static char *sink_tmp_prefix(const char *where) {
  const char *slash = strrchr(where, '/');
  const char *base = slash ? slash + 1 : where;
  size_t dirlen = (size_t)(base - where), blen = strlen(base);
  const size_t room = NAME_MAX - sizeof ".tmp-XXXXXX" + 1;
  if (blen > room) {
    blen = room;
    while (blen > 0 && ((unsigned char)base[blen] & 0xC0) == 0x80)
      blen--;
  }
  char *p = malloc(dirlen + blen + sizeof ".tmp-XXXXXX");
  if (p) snprintf(p, dirlen + blen + sizeof ".tmp-XXXXXX", "%.*s%.*s.tmp-", (int)dirlen, where, (int)blen, base);
  return p;
}

/* An O_TMPFILE in the directory of where, or -1 where the kernel or the file
 * system cannot make one, or /proc (needed to link it) is missing. */
static int sink_open_anonymous(const char *where) {
#ifdef O_TMPFILE
  if (access("/proc/self/fd", X_OK) != 0) return -1;
  const char *slash = strrchr(where, '/');
  char *dir = slash ? strndup(where, slash == where ? 1 : (size_t)(slash - where)) : strdup(".");
  if (!dir) return -1;
  int fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
  free(dir);
  return fd;
#else
  (void)where;
  return -1;
#endif
}

/* A named temporary beside where, tracked for the signal handler. The
 * name is tracked before the file is made (open with O_EXCL), never
 * after: a signal between the two would otherwise leave a file nobody
 * removes (seen with -j 2 under load). Until open succeeds the handler may
 * unlink a name that does not exist yet, which is harmless; a name taken
 * already is left to its owner only if no signal comes in that instant,
 * and with 62^6 names beside one target that is the smaller risk. */
static int sink_open_named(dm_sink *s, const char *where) {
  static const char abc[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  char *prefix = sink_tmp_prefix(where);
  if (!prefix) return -1;
  size_t n = strlen(prefix) + 7;
  s->tmp = malloc(n);
  int fd = -1;
  for (int tries = 0; s->tmp && fd < 0 && tries < 100; tries++) {
    unsigned char r[6];
    if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r)
      for (size_t i = 0; i < sizeof r; i++)
        r[i] = (unsigned char)(rand() ^ getpid());
    char suffix[7];
    for (size_t i = 0; i < sizeof r; i++)
      suffix[i] = abc[r[i] % (sizeof abc - 1)];
    suffix[6] = '\0';
    snprintf(s->tmp, n, "%s%s", prefix, suffix);
    s->slot = sink_track(s->tmp);
    /* 0666 less the umask, the mode a plain open gives */
    fd = open(s->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0) {
      int e = errno;
      sink_untrack(s);
      errno = e;
      if (e != EEXIST) break;
    }
  }
  free(prefix);
  if (fd < 0) {
    free(s->tmp);
    s->tmp = NULL;
  }
  return fd;
}

/* Checks that path may be replaced; 0, or -1 with the error on ctx. */
static int sink_check_target(const char *path, const struct stat *st, int exists, dm_ctx *ctx) {
  /* A symbolic link to nothing: renaming over it would replace the link
   * with a file, and following it could create a file wherever the link
   * points. Refused, as GNU cp refuses to write through one. */
  struct stat lst;
  if (!exists && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
    dm_error(ctx, DM_EIO, "cannot write '%s': it is a symbolic link to a file that does not exist", path);
    return -1;
  }
  if (exists && S_ISDIR(st->st_mode)) {
    dm_error(ctx, DM_EIO, "cannot write '%s': it is a directory", path);
    return -1;
  }
  /* The rename would replace a write-protected file even where opening it
   * for writing is refused, and even root should not overwrite a file
   * somebody made read-only on purpose. */
  if (exists && S_ISREG(st->st_mode) && (st->st_mode & 0222) == 0) {
    dm_error(ctx, DM_EIO, "cannot write '%s': it is read-only", path);
    return -1;
  }
  if (exists && S_ISREG(st->st_mode) && faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) != 0) {
    int e = errno;
    dm_error(ctx, DM_EIO, "cannot write '%s': %s", path, strerror(e));
    return -1;
  }
  return 0;
}

dm_sink *dm_sink_new_file(const char *path, dm_ctx *ctx) {
  struct stat st;
  int exists = stat(path, &st) == 0;
  if (sink_check_target(path, &st, exists, ctx) != 0) return NULL;
  dm_sink *s = calloc(1, sizeof *s);
  if (!s) {
    dm_error(ctx, DM_ENOMEM, "out of memory");
    return NULL;
  }
  s->kind = SINK_FILE;
  s->slot = -1;
  s->path = strdup(path);
  if (!s->path) {
    dm_sink_free(s);
    dm_error(ctx, DM_ENOMEM, "out of memory");
    return NULL;
  }
  if (exists && !S_ISREG(st.st_mode)) return sink_new_special(s, path, ctx);
  /* Through a symbolic link, the file to replace is the one it points to;
   * renaming over the link would turn it into a file of its own. */
  s->target = exists ? realpath(path, NULL) : NULL;
  const char *where = s->target ? s->target : path;
  /* The temporary sits in the target's directory so that the final link or
   * rename is atomic. */
  errno = 0;
  int fd = sink_open_anonymous(where);
  if (fd < 0) fd = sink_open_named(s, where);
  if (fd < 0) {
    int e = errno ? errno : ENOMEM;
    dm_sink_free(s);
    dm_error(ctx, DM_EIO, "cannot write '%s': %s", path, strerror(e));
    return NULL;
  }
  if (exists) fchmod(fd, st.st_mode & 07777);
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

/* Gives the O_TMPFILE of s a name: the target's itself when there is none
 * yet (link never replaces a file, so a file made meanwhile is not
 * clobbered), else a fresh temporary name that the caller renames over the
 * target. 0 or -1 with errno. */
static int sink_link_anonymous(dm_sink *s, const char *dest) {
  char proc[64];
  snprintf(proc, sizeof proc, "/proc/self/fd/%d", fileno(s->fp));
  if (linkat(AT_FDCWD, proc, AT_FDCWD, dest, AT_SYMLINK_FOLLOW) == 0) return 1;
  if (errno != EEXIST) return -1;
  char *prefix = sink_tmp_prefix(dest);
  if (!prefix) return -1;
  size_t n = strlen(prefix) + 7;
  s->tmp = malloc(n);
  for (int tries = 0; s->tmp && tries < 100; tries++) {
    unsigned int r = 0;
    if (getrandom(&r, sizeof r, 0) != (ssize_t)sizeof r) r = (unsigned int)rand() ^ (unsigned int)getpid();
    snprintf(s->tmp, n, "%s%06x", prefix, r & 0xffffffu);
    /* tracked before the name exists, as in sink_open_named */
    s->slot = sink_track(s->tmp);
    if (linkat(AT_FDCWD, proc, AT_FDCWD, s->tmp, AT_SYMLINK_FOLLOW) == 0) {
      free(prefix);
      return 0;
    }
    int e = errno;
    sink_untrack(s);
    errno = e;
    if (e != EEXIST) break;
  }
  int e = s->tmp ? errno : ENOMEM;
  free(prefix);
  free(s->tmp);
  s->tmp = NULL;
  errno = e;
  return -1;
}

/* Makes the rename or link durable: without the directory's fsync, a crash
 * soon after could bring back the old file or no file at all. */
static int sink_sync_dir(const char *dest) {
  const char *slash = strrchr(dest, '/');
  char *dir = slash ? strndup(dest, slash == dest ? 1 : (size_t)(slash - dest)) : strdup(".");
  if (!dir) return -1;
  int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  free(dir);
  if (fd < 0) return -1;
  int rc = fsync(fd) != 0 && errno != EINVAL ? -1 : 0;
  int e = errno;
  close(fd);
  errno = e;
  return rc;
}

/* Puts the finished temporary in place of the target. */
static void sink_put_in_place(dm_sink *s) {
  const char *dest = s->target ? s->target : s->path;
  int linked = 0;
  if (!s->tmp) {
    linked = sink_link_anonymous(s, dest);
    if (linked < 0) {
      s->err = errno;
      s->status = DM_EIO;
      return;
    }
  }
  if (!linked && rename(s->tmp, dest) != 0) {
    s->err = errno;
    s->status = DM_EIO;
    return;
  }
  sink_untrack(s);
  free(s->tmp);
  s->tmp = NULL;
  if (!s->no_fsync && sink_sync_dir(dest) != 0) {
    s->err = errno;
    s->status = DM_EIO;
  }
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
  /* A named temporary is closed first, so that a failing close (a network
   * file system reports some write errors only there) never replaces the
   * target; an O_TMPFILE can only be linked through its open descriptor. */
  int named = s->tmp != NULL;
  if (!named && s->status == DM_OK) sink_put_in_place(s);
  if (fclose(s->fp) != 0 && s->status == DM_OK) {
    s->err = errno;
    s->status = DM_EIO;
  }
  s->fp = NULL;
  if (named && s->status == DM_OK) sink_put_in_place(s);
  if (s->status != DM_OK) {
    if (s->tmp) unlink(s->tmp);
    sink_untrack(s);
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
    sink_untrack(s);
  }
  dm_buf_release(&s->mem);
  free(s->path);
  free(s->tmp);
  free(s->target);
  free(s);
}
