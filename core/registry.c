/* SPDX-License-Identifier: MIT */
/*
 * The format registry: readers, writers and transforms from the built-in
 * table the build generates and from shared objects loaded at run time, with
 * libarchive-style bidding to detect an input's format. Probes are pure;
 * the extension and MIME type of the input only raise a score, so a Markdown
 * file called .txt is still detected as Markdown.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

typedef struct reg_entry {
  const void *desc;
  const char *origin; /* owned by the registry (origins list) */
} reg_entry;

typedef struct reg_list {
  reg_entry *v;
  size_t n, cap;
} reg_list;

struct dm_registry {
  reg_list readers, writers, transforms;
  char **origins;
  size_t norigins;
  void **handles;
  size_t nhandles;
};

dm_registry *dm_registry_new(void) { return calloc(1, sizeof(dm_registry)); }

dm_registry *dm_registry_new_builtin(void) {
  dm_registry *r = dm_registry_new();
  if (!r) return NULL;
  for (size_t i = 0; dmi_builtin_plugins[i]; i++) {
    if (dm_registry_add(r, dmi_builtin_plugins[i], "built-in", NULL) != DM_OK) {
      /* The built-in table is checked by the tests; a clash here is a
       * serious programmer error, not something a user can cause. */
      dm_registry_free(r);
      return NULL;
    }
  }
  return r;
}

void dm_registry_free(dm_registry *r) {
  if (!r) return;
  free(r->readers.v);
  free(r->writers.v);
  free(r->transforms.v);
  for (size_t i = 0; i < r->norigins; i++)
    free(r->origins[i]);
  free(r->origins);
  for (size_t i = 0; i < r->nhandles; i++)
    dlclose(r->handles[i]);
  free(r->handles);
  free(r);
}

static reg_list *list_of(dm_registry *r, dm_plugin_kind k) {
  return k == DM_KIND_READER ? &r->readers : k == DM_KIND_WRITER ? &r->writers : &r->transforms;
}

static const char *desc_name(dm_plugin_kind k, const void *d) {
  return k == DM_KIND_READER   ? ((const dm_reader *)d)->name
         : k == DM_KIND_WRITER ? ((const dm_writer *)d)->name
                               : ((const dm_transform *)d)->name;
}

static unsigned desc_abi(dm_plugin_kind k, const void *d) {
  return k == DM_KIND_READER   ? ((const dm_reader *)d)->abi_version
         : k == DM_KIND_WRITER ? ((const dm_writer *)d)->abi_version
                               : ((const dm_transform *)d)->abi_version;
}

static int find(const reg_list *l, dm_plugin_kind k, const char *name) {
  for (size_t i = 0; i < l->n; i++)
    if (strcmp(desc_name(k, l->v[i].desc), name) == 0) return (int)i;
  return -1;
}

static int valid_name(const char *s) {
  if (!s || !*s) return 0;
  for (; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' || *s == '_')) return 0;
  return 1;
}

static const char *kind_name(dm_plugin_kind k) {
  return k == DM_KIND_READER ? "reader" : k == DM_KIND_WRITER ? "writer" : "transform";
}

/* Checks one group of descriptors before anything is added, so that a bad
 * plugin is refused whole rather than half-registered. */
static int check_group(dm_registry *r, dm_plugin_kind k, const void *const *arr, const dm_plugin_manifest *m,
                       const char *origin, dm_ctx *ctx) {
  for (size_t i = 0; arr && arr[i]; i++) {
    const void *d = arr[i];
    if (desc_abi(k, d) != DM_PLUGIN_ABI_VERSION)
      return dm_error(ctx, DM_EABI, "%s: %s '%s' was built for plugin ABI version %u, this docmill has version %u",
                      origin, kind_name(k), desc_name(k, d) ? desc_name(k, d) : "?", desc_abi(k, d),
                      (unsigned)DM_PLUGIN_ABI_VERSION);
    if (!valid_name(desc_name(k, d)))
      return dm_error(ctx, DM_EFORMAT, "%s: %s name '%s' is not [a-z0-9-_]+", origin, kind_name(k),
                      desc_name(k, d) ? desc_name(k, d) : "(null)");
    if (k == DM_KIND_READER && !((const dm_reader *)d)->read)
      return dm_error(ctx, DM_EFORMAT, "%s: reader '%s' has no read hook", origin, desc_name(k, d));
    if (k == DM_KIND_WRITER && !((const dm_writer *)d)->write)
      return dm_error(ctx, DM_EFORMAT, "%s: writer '%s' has no write hook", origin, desc_name(k, d));
    if (k == DM_KIND_TRANSFORM && !((const dm_transform *)d)->apply)
      return dm_error(ctx, DM_EFORMAT, "%s: transform '%s' has no apply hook", origin, desc_name(k, d));
    int at = find(list_of(r, k), k, desc_name(k, d));
    /* overrides_builtin replaces built-in formats only: two third-party
     * plugins claiming one name is a conflict the user must settle. */
    if (at >= 0 && (!m->overrides_builtin || strcmp(list_of(r, k)->v[at].origin, "built-in") != 0))
      return dm_error(ctx, DM_EUSAGE,
                      "%s: %s '%s' clashes with the one from %s (a plugin that means to replace it sets "
                      "overrides_builtin)",
                      origin, kind_name(k), desc_name(k, d), list_of(r, k)->v[at].origin);
  }
  return DM_OK;
}

static int add_group(dm_registry *r, dm_plugin_kind k, const void *const *arr, const char *origin, dm_ctx *ctx) {
  reg_list *l = list_of(r, k);
  for (size_t i = 0; arr && arr[i]; i++) {
    int at = find(l, k, desc_name(k, arr[i]));
    if (at >= 0) {
      dm_warn(ctx, DM_DIAG_PLUGIN, dm_pos_offset(DM_NO_OFFSET), "%s: %s '%s' overrides the one from %s", origin,
              kind_name(k), desc_name(k, arr[i]), l->v[at].origin);
      l->v[at].desc = arr[i];
      l->v[at].origin = origin;
      continue;
    }
    if (l->n == l->cap) {
      size_t cap = l->cap ? l->cap * 2 : 16;
      reg_entry *v = realloc(l->v, cap * sizeof *v);
      if (!v) return DM_ENOMEM;
      l->v = v;
      l->cap = cap;
    }
    l->v[l->n].desc = arr[i];
    l->v[l->n].origin = origin;
    l->n++;
  }
  return DM_OK;
}

int dm_registry_add(dm_registry *r, const dm_plugin_manifest *m, const char *origin, dm_ctx *ctx) {
  if (!r || !m) return DM_EUSAGE;
  if (!origin) origin = "built-in";
  if (m->abi_version != DM_PLUGIN_ABI_VERSION)
    return dm_error(ctx, DM_EABI, "%s: plugin '%s' was built for plugin ABI version %u, this docmill has version %u",
                    origin, m->name ? m->name : "?", m->abi_version, (unsigned)DM_PLUGIN_ABI_VERSION);
  int rc;
  if ((rc = check_group(r, DM_KIND_READER, (const void *const *)m->readers, m, origin, ctx)) ||
      (rc = check_group(r, DM_KIND_WRITER, (const void *const *)m->writers, m, origin, ctx)) ||
      (rc = check_group(r, DM_KIND_TRANSFORM, (const void *const *)m->transforms, m, origin, ctx)))
    return rc;
  char **o = realloc(r->origins, (r->norigins + 1) * sizeof *o);
  if (!o) return DM_ENOMEM;
  r->origins = o;
  if (!(o[r->norigins] = strdup(origin))) return DM_ENOMEM;
  const char *org = o[r->norigins++];
  if ((rc = add_group(r, DM_KIND_READER, (const void *const *)m->readers, org, ctx)) ||
      (rc = add_group(r, DM_KIND_WRITER, (const void *const *)m->writers, org, ctx)) ||
      (rc = add_group(r, DM_KIND_TRANSFORM, (const void *const *)m->transforms, org, ctx)))
    return rc;
  return DM_OK;
}

int dm_registry_load_plugin(dm_registry *r, const char *path, dm_ctx *ctx) {
  void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    const char *e = dlerror();
    return dm_error(ctx, DM_EIO, "cannot load plugin '%s': %s", path, e ? e : "unknown error");
  }
  dm_plugin_entry_fn entry;
  void *sym = dlsym(h, DM_PLUGIN_ENTRY_SYMBOL);
  memcpy(&entry, &sym, sizeof entry);
  if (!sym) {
    dlclose(h);
    return dm_error(ctx, DM_EFORMAT, "'%s' is not a docmill plugin: it exports no %s", path, DM_PLUGIN_ENTRY_SYMBOL);
  }
  const dm_plugin_manifest *m = entry();
  int rc = m ? dm_registry_add(r, m, path, ctx)
             : dm_error(ctx, DM_EFORMAT, "'%s': %s returned no manifest", path, DM_PLUGIN_ENTRY_SYMBOL);
  if (rc != DM_OK) {
    dlclose(h);
    return rc;
  }
  void **hs = realloc(r->handles, (r->nhandles + 1) * sizeof *hs);
  if (!hs) {
    /* Descriptors of h are registered: keep it loaded, leak the handle. */
    return DM_ENOMEM;
  }
  r->handles = hs;
  hs[r->nhandles++] = h;
  return DM_OK;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int dm_registry_load_path(dm_registry *r, const char *dirs, dm_ctx *ctx) {
  if (!dirs) return DM_OK;
  char *copy = strdup(dirs);
  if (!copy) return DM_ENOMEM;
  char *save = NULL;
  for (char *dir = strtok_r(copy, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
    DIR *d = opendir(dir);
    if (!d) continue;
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
      size_t len = strlen(e->d_name);
      if (len < 4 || strcmp(e->d_name + len - 3, ".so") != 0) continue;
      char **nn = realloc(names, (n + 1) * sizeof *nn);
      if (!nn) break;
      names = nn;
      if (!(names[n] = malloc(strlen(dir) + len + 2))) break;
      sprintf(names[n++], "%s/%s", dir, e->d_name);
    }
    closedir(d);
    /* Sorted, so that which plugin wins an override does not depend on
     * the order the file system lists a directory in. */
    if (n) qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
      int rc = dm_registry_load_plugin(r, names[i], ctx);
      if (rc != DM_OK && rc != DM_ENOMEM) {
        dm_warn(ctx, DM_DIAG_PLUGIN, dm_pos_offset(DM_NO_OFFSET), "%s", dm_ctx_error(ctx));
        dm_ctx_clear_error(ctx);
      }
      free(names[i]);
    }
    free(names);
  }
  free(copy);
  return DM_OK;
}

const dm_reader *dm_registry_reader(const dm_registry *r, const char *name) {
  int i = r && name ? find(&r->readers, DM_KIND_READER, name) : -1;
  return i >= 0 ? r->readers.v[i].desc : NULL;
}
const dm_writer *dm_registry_writer(const dm_registry *r, const char *name) {
  int i = r && name ? find(&r->writers, DM_KIND_WRITER, name) : -1;
  return i >= 0 ? r->writers.v[i].desc : NULL;
}
const dm_transform *dm_registry_transform(const dm_registry *r, const char *name) {
  int i = r && name ? find(&r->transforms, DM_KIND_TRANSFORM, name) : -1;
  return i >= 0 ? r->transforms.v[i].desc : NULL;
}

size_t dm_registry_count(const dm_registry *r, dm_plugin_kind k) { return r ? list_of((dm_registry *)r, k)->n : 0; }

const void *dm_registry_at(const dm_registry *r, dm_plugin_kind k, size_t i, const char **origin) {
  if (!r) return NULL;
  const reg_list *l = list_of((dm_registry *)r, k);
  if (i >= l->n) return NULL;
  if (origin) *origin = l->v[i].origin;
  return l->v[i].desc;
}

static const char *extension_of(const char *path) {
  if (!path) return NULL;
  const char *slash = strrchr(path, '/');
  const char *base = slash ? slash + 1 : path;
  const char *dot = strrchr(base, '.');
  return dot && dot != base ? dot + 1 : NULL;
}

static int list_has(const char *const *list, const char *s) {
  for (size_t i = 0; list && s && list[i]; i++)
    if (strcasecmp(list[i], s) == 0) return 1;
  return 0;
}

const dm_writer *dm_registry_writer_for_path(const dm_registry *r, const char *path) {
  const char *ext = extension_of(path);
  if (!r || !ext) return NULL;
  for (size_t i = 0; i < r->writers.n; i++) {
    const dm_writer *w = r->writers.v[i].desc;
    if (list_has(w->extensions, ext)) return w;
  }
  return NULL;
}

const dm_reader *dm_registry_detect(const dm_registry *r, const dm_input *in, int *score, dm_ctx *ctx) {
  const dm_reader *best = NULL, *tie = NULL;
  int best_score = 0;
  const char *ext = extension_of(in->name);
  for (size_t i = 0; r && i < r->readers.n; i++) {
    const dm_reader *rd = r->readers.v[i].desc;
    if (!rd->probe) continue;
    int s = rd->probe(in);
    if (s < 0) s = 0;
    if (s > DM_PROBE_SCORE_MAX) s = DM_PROBE_SCORE_MAX;
    /* A matching extension or MIME type adds weight only to a reader whose
     * probe already found the bytes plausible, and never beyond what the
     * bytes alone can claim. */
    if (s > 0 && list_has(rd->extensions, ext)) s += DM_PROBE_BONUS;
    if (s > 0 && list_has(rd->mime_types, in->mime_type)) s += DM_PROBE_BONUS;
    if (s > DM_PROBE_SCORE_MAX) s = DM_PROBE_SCORE_MAX;
    if (s > best_score) {
      best = rd;
      best_score = s;
      tie = NULL;
    } else if (s == best_score && s > 0) {
      tie = rd;
    }
  }
  if (score) *score = best_score;
  if (!best) {
    /* The hint names the readers there are: "name it with -f" alone, for a
     * .pdf when no PDF reader is installed, sends the user looking for a
     * format that does not exist. */
    char names[512];
    size_t at = 0;
    int ext_known = 0;
    names[0] = '\0';
    for (size_t i = 0; r && i < r->readers.n; i++) {
      const dm_reader *rd = r->readers.v[i].desc;
      ext_known |= list_has(rd->extensions, ext);
      if (at < sizeof names) at += (size_t)snprintf(names + at, sizeof names - at, "%s%s", i ? ", " : "", rd->name);
    }
    if (ext && !ext_known)
      dm_error(ctx, DM_EFORMAT, "no reader for '.%s' files is installed (readers: %s)", ext, names);
    else
      dm_error(ctx, DM_EFORMAT, "cannot tell the input's format; name it with -f (readers: %s)", names);
    return NULL;
  }
  if (tie) {
    dm_error(ctx, DM_EFORMAT, "the input could be '%s' or '%s' (both score %d); name it with -f", best->name, tie->name,
             best_score);
    return NULL;
  }
  return best;
}
