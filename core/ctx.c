/* SPDX-License-Identifier: MIT */
/*
 * The conversion context: the last error with its formatted message, the
 * list of warnings, plugin options set by the user, limits, and which
 * plugin's hook is running (so that dm_error and dm_option_* need no plugin
 * argument). The library never prints: the CLI reads all of this back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>

#include "internal.h"

/* Codes beyond this many have no cap. */
#define CTX_CODES 64

typedef struct ctx_option {
  char *plugin, *key, *value;
} ctx_option;

typedef struct ctx_diag {
  dm_diag d;
  char *plugin, *file, *message;
} ctx_diag;

struct dm_ctx {
  const dm_registry *reg;
  char *input_name;
  int err_status;
  char *err_msg;
  ctx_diag *diags;
  size_t ndiags, capdiags;
  ctx_diag *infos; /* dm_info: kept apart so warnings keep their count */
  size_t ninfos, capinfos, infos_dropped;
  ctx_option *opts;
  size_t nopts;
  dm_limits limits;
  /* the running hook */
  const char *plugin;
  const dm_option_decl *decls;
  /* warning caps, per dm_diag_code: cap + 1 (0: the default), how many
   * were raised, the summary diagnostic's index + 1, and the codes that
   * dm_warn_once has recorded in the running hook */
  size_t cap[CTX_CODES];
  uint64_t raised[CTX_CODES];
  size_t summary[CTX_CODES];
  uint64_t once;
  /* the buffer lent to the next dm_read (dm_ctx_lend_input): the one input
   * whose memory a streaming reader may hand back (dm_input_release) */
  const unsigned char *own_data;
  size_t own_size;
};

dm_ctx *dm_ctx_new(const dm_registry *reg) {
  dm_ctx *c = calloc(1, sizeof *c);
  if (!c) return NULL;
  c->reg = reg;
  return c;
}

static void free_diag_list(ctx_diag *list, size_t n) {
  for (size_t i = 0; i < n; i++) {
    free(list[i].plugin);
    free(list[i].file);
    free(list[i].message);
  }
}

static void clear_diags(dm_ctx *c) {
  free_diag_list(c->diags, c->ndiags);
  free_diag_list(c->infos, c->ninfos);
  c->ndiags = 0;
  c->ninfos = 0;
  c->infos_dropped = 0;
  memset(c->raised, 0, sizeof c->raised);
  memset(c->summary, 0, sizeof c->summary);
  c->once = 0;
}

void dm_ctx_free(dm_ctx *c) {
  if (!c) return;
  clear_diags(c);
  free(c->diags);
  free(c->infos);
  for (size_t i = 0; i < c->nopts; i++) {
    free(c->opts[i].plugin);
    free(c->opts[i].key);
    free(c->opts[i].value);
  }
  free(c->opts);
  free(c->input_name);
  free(c->err_msg);
  free(c);
}

const dm_registry *dm_ctx_registry(const dm_ctx *c) { return c ? c->reg : NULL; }

static int set_str(char **slot, const char *s) {
  char *p = NULL;
  if (s && !(p = strdup(s))) return DM_ENOMEM;
  free(*slot);
  *slot = p;
  return DM_OK;
}

int dm_ctx_set_input_name(dm_ctx *c, const char *name) { return set_str(&c->input_name, name); }
const char *dm_ctx_input_name(const dm_ctx *c) { return c ? c->input_name : NULL; }

int dm_ctx_error_status(const dm_ctx *c) { return c ? c->err_status : DM_OK; }
const char *dm_ctx_error(const dm_ctx *c) {
  if (!c || c->err_status == DM_OK) return "";
  return c->err_msg ? c->err_msg : dm_status_name(c->err_status);
}
void dm_ctx_clear_error(dm_ctx *c) {
  if (!c) return;
  c->err_status = DM_OK;
  free(c->err_msg);
  c->err_msg = NULL;
}

void dm_ctx_lend_input(dm_ctx *c, const dm_input *in) {
  if (!c) return;
  c->own_data = in ? in->data : NULL;
  c->own_size = in ? in->size : 0;
}

void dm_input_release(dm_ctx *c, const dm_input *in, size_t upto) {
  if (!c || !in || !c->own_data || in->data != c->own_data || upto > c->own_size) return;
  long page = sysconf(_SC_PAGESIZE);
  if (page <= 0) return;
  uintptr_t start = ((uintptr_t)in->data + (uintptr_t)page - 1) & ~((uintptr_t)page - 1);
  uintptr_t end = ((uintptr_t)in->data + upto) & ~((uintptr_t)page - 1);
  /* The pages read as zeros if touched again, and the buffer is still
   * freed whole by its owner: nothing but the memory changes. */
  if (end > start) madvise((void *)start, end - start, MADV_DONTNEED);
}

void dmi_ctx_enter(dm_ctx *c, const char *plugin, const dm_option_decl *opts) {
  c->once = 0; /* a hook is one document: dm_warn_once starts again */
  c->plugin = plugin;
  c->decls = opts;
}
void dmi_ctx_leave(dm_ctx *c) {
  c->plugin = NULL;
  c->decls = NULL;
}

dm_pos dm_pos_offset(uint64_t off) {
  dm_pos p = {0, 0, off};
  return p;
}
dm_pos dm_pos_line(uint32_t line, uint32_t col) {
  dm_pos p = {line, col, DM_NO_OFFSET};
  return p;
}

/* "FILE:LINE:COL: " or "FILE: byte N: " or "FILE: " */
static void format_where(dm_buf *b, const char *file, dm_pos pos) {
  if (file) dm_buf_puts(b, file);
  if (pos.line) {
    dm_buf_printf(b, "%s%u", file ? ":" : "line ", pos.line);
    if (pos.column) dm_buf_printf(b, ":%u", pos.column);
    dm_buf_puts(b, ": ");
  } else if (pos.offset != DM_NO_OFFSET) {
    dm_buf_printf(b, "%sbyte %llu: ", file ? ": " : "", (unsigned long long)pos.offset);
  } else if (file) {
    dm_buf_puts(b, ": ");
  }
}

int dm_verror_at(dm_ctx *c, int status, dm_pos pos, const char *fmt, va_list ap) {
  if (!c) return status;
  if (status == DM_OK) status = DM_EINTERNAL;
  dm_buf b;
  dm_buf_init(&b);
  format_where(&b, c->input_name, pos);
  if (c->plugin) dm_buf_printf(&b, "%s: ", c->plugin);
  dm_buf_vprintf(&b, fmt, ap);
  char *msg = dm_buf_detach(&b, NULL);
  free(c->err_msg);
  c->err_msg = msg; /* NULL when out of memory: dm_ctx_error falls back */
  c->err_status = status;
  return status;
}

int dm_error_at(dm_ctx *c, int status, dm_pos pos, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int rc = dm_verror_at(c, status, pos, fmt, ap);
  va_end(ap);
  return rc;
}

int dm_error(dm_ctx *c, int status, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int rc = dm_verror_at(c, status, dm_pos_offset(DM_NO_OFFSET), fmt, ap);
  va_end(ap);
  return rc;
}

/* Appends one diagnostic to a list (warnings or information), filled in
 * from the running hook; takes ownership of message. NULL when out of
 * memory. */
static ctx_diag *push_diag(dm_ctx *c, ctx_diag **list, size_t *n, size_t *cap, dm_severity sev, dm_diag_code code,
                           dm_pos pos, char *message) {
  if (!message) return NULL;
  if (*n == *cap) {
    size_t ncap = *cap ? *cap * 2 : 16;
    ctx_diag *d = realloc(*list, ncap * sizeof *d);
    if (!d) {
      free(message);
      return NULL;
    }
    *list = d;
    *cap = ncap;
  }
  ctx_diag *d = &(*list)[*n];
  memset(d, 0, sizeof *d);
  d->message = message;
  d->plugin = strdup(c->plugin ? c->plugin : "docmill");
  d->file = c->input_name ? strdup(c->input_name) : NULL;
  if (!d->plugin || (c->input_name && !d->file)) {
    free(d->message);
    free(d->plugin);
    free(d->file);
    return NULL;
  }
  d->d.code = code;
  d->d.plugin = d->plugin;
  d->d.file = d->file;
  d->d.pos = pos;
  d->d.message = d->message;
  d->d.severity = sev;
  (*n)++;
  return d;
}

static ctx_diag *ctx_diag_add(dm_ctx *c, dm_diag_code code, dm_pos pos, char *message) {
  return push_diag(c, &c->diags, &c->ndiags, &c->capdiags, DM_SEV_WARNING, code, pos, message);
}

/* "4211" as "4,211". */
static void ctx_thousands(char *out, size_t size, uint64_t v) {
  char digits[24];
  int n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)v), o = 0;
  for (int i = 0; i < n && (size_t)o + 2 < size; i++) {
    if (i && (n - i) % 3 == 0) out[o++] = ',';
    out[o++] = digits[i];
  }
  out[o] = '\0';
}

/* A warning past its cap: counted in the code's summary line. */
static int ctx_suppress(dm_ctx *c, dm_diag_code code) {
  size_t cap = c->cap[code] ? c->cap[code] - 1 : DM_WARN_CAP_DEFAULT;
  uint64_t more = c->raised[code] - cap;
  if (!c->summary[code]) {
    /* Room for the longest count; rewritten in place as it grows. */
    char *msg = calloc(1, 64);
    if (!ctx_diag_add(c, code, dm_pos_offset(DM_NO_OFFSET), msg)) return DM_ENOMEM;
    c->summary[code] = c->ndiags;
  }
  char n[32];
  ctx_thousands(n, sizeof n, more);
  snprintf(c->diags[c->summary[code] - 1].message, 64, "... and %s more like this", n);
  return DM_OK;
}

static int ctx_vwarn(dm_ctx *c, dm_diag_code code, dm_pos pos, const char *fmt, va_list ap) DM_PRINTF(4, 0);
static int ctx_vwarn(dm_ctx *c, dm_diag_code code, dm_pos pos, const char *fmt, va_list ap) {
  if ((unsigned)code < CTX_CODES) {
    size_t cap = c->cap[code] ? c->cap[code] - 1 : DM_WARN_CAP_DEFAULT;
    if (++c->raised[code] > cap && cap) return ctx_suppress(c, code);
  }
  dm_buf b = DM_BUF_INIT;
  dm_buf_vprintf(&b, fmt, ap);
  return ctx_diag_add(c, code, pos, dm_buf_detach(&b, NULL)) ? DM_OK : DM_ENOMEM;
}

int dm_warn(dm_ctx *c, dm_diag_code code, dm_pos pos, const char *fmt, ...) {
  if (!c) return DM_OK;
  va_list ap;
  va_start(ap, fmt);
  int rc = ctx_vwarn(c, code, pos, fmt, ap);
  va_end(ap);
  return rc;
}

int dm_info(dm_ctx *c, dm_diag_code code, dm_pos pos, const char *fmt, ...) {
  if (!c) return DM_OK;
  if (c->ninfos >= DM_INFO_KEEP) {
    c->infos_dropped++;
    return DM_OK;
  }
  dm_buf b = DM_BUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  dm_buf_vprintf(&b, fmt, ap);
  va_end(ap);
  char *msg = dm_buf_detach(&b, NULL);
  return push_diag(c, &c->infos, &c->ninfos, &c->capinfos, DM_SEV_INFO, code, pos, msg) ? DM_OK : DM_ENOMEM;
}

int dm_warn_once(dm_ctx *c, dm_diag_code code, dm_pos pos, const char *fmt, ...) {
  if (!c) return DM_OK;
  uint64_t bit = (unsigned)code < 64 ? (uint64_t)1 << code : 0;
  if (c->once & bit) return DM_OK;
  va_list ap;
  va_start(ap, fmt);
  int rc = ctx_vwarn(c, code, pos, fmt, ap);
  va_end(ap);
  if (rc == DM_OK) c->once |= bit;
  return rc;
}

int dm_ctx_set_warn_cap(dm_ctx *c, dm_diag_code code, size_t cap) {
  if (!c || (unsigned)code >= CTX_CODES || cap == SIZE_MAX) return DM_EUSAGE;
  c->cap[code] = cap + 1;
  return DM_OK;
}

uint64_t dm_ctx_warn_suppressed(const dm_ctx *c, dm_diag_code code) {
  if (!c || (unsigned)code >= CTX_CODES) return 0;
  size_t cap = c->cap[code] ? c->cap[code] - 1 : DM_WARN_CAP_DEFAULT;
  return cap && c->raised[code] > cap ? c->raised[code] - cap : 0;
}

size_t dm_ctx_diag_count(const dm_ctx *c) { return c ? c->ndiags : 0; }
const dm_diag *dm_ctx_diag(const dm_ctx *c, size_t i) { return c && i < c->ndiags ? &c->diags[i].d : NULL; }
size_t dm_ctx_info_count(const dm_ctx *c) { return c ? c->ninfos : 0; }
const dm_diag *dm_ctx_info(const dm_ctx *c, size_t i) { return c && i < c->ninfos ? &c->infos[i].d : NULL; }
size_t dm_ctx_info_dropped(const dm_ctx *c) { return c ? c->infos_dropped : 0; }
void dm_ctx_clear_diags(dm_ctx *c) {
  if (c) clear_diags(c);
}

static const char *const diag_names[] = {
    [DM_DIAG_OTHER] = "other",
    [DM_DIAG_ENCODING] = "encoding",
    [DM_DIAG_NUL_BYTE] = "nul-byte",
    [DM_DIAG_INVALID_CHAR] = "invalid-char",
    [DM_DIAG_NOTE_UNDEFINED] = "note-undefined",
    [DM_DIAG_NOTE_UNUSED] = "note-unused",
    [DM_DIAG_NOTE_DUPLICATE] = "note-duplicate",
    [DM_DIAG_UNSUPPORTED] = "unsupported",
    [DM_DIAG_RAW_DROPPED] = "raw-content",
    [DM_DIAG_UNKNOWN_ELEMENT] = "unknown-element",
    [DM_DIAG_STRUCTURE] = "structure",
    [DM_DIAG_LIMIT] = "limit",
    [DM_DIAG_PLUGIN] = "plugin",
    [DM_DIAG_MEDIA] = "media",
    [DM_DIAG_FURNITURE] = "furniture",
    [DM_DIAG_TRANSFORM] = "transform",
};

const char *dm_diag_code_name(dm_diag_code code) {
  if ((unsigned)code < sizeof diag_names / sizeof *diag_names && diag_names[code]) return diag_names[code];
  return "other";
}

int dm_diag_format(const dm_diag *d, char *buf, size_t size) {
  dm_buf b;
  dm_buf_init(&b);
  format_where(&b, d->file, d->pos);
  dm_buf_puts(&b, d->severity == DM_SEV_INFO ? "info: " : "warning: ");
  /* Warnings raised outside any plugin need no name: the CLI already says
   * "docmill:". */
  if (d->plugin && strcmp(d->plugin, "docmill") != 0) dm_buf_printf(&b, "%s: ", d->plugin);
  dm_buf_printf(&b, "%s [%s]", d->message ? d->message : "", dm_diag_code_name(d->code));
  int n = b.status ? -1 : (int)b.len;
  if (size) {
    size_t k = b.status ? 0 : (b.len < size - 1 ? b.len : size - 1);
    if (k) memcpy(buf, b.data, k);
    buf[k] = '\0';
  }
  dm_buf_release(&b);
  return n;
}

const char *dm_status_name(int s) {
  switch (s) {
  case DM_OK: return "success";
  case DM_ENOMEM: return "out of memory";
  case DM_EFORMAT: return "format error";
  case DM_EIO: return "input/output error";
  case DM_EUSAGE: return "usage error";
  case DM_ELIMIT: return "limit exceeded";
  case DM_EUNSUPPORTED: return "unsupported content";
  case DM_EABI: return "plugin ABI mismatch";
  case DM_EINTERNAL: return "internal error";
  default: return "unknown error";
  }
}

/* ---- options ---- */

static const dm_option_decl *find_decl(const dm_option_decl *decls, const char *key) {
  for (const dm_option_decl *d = decls; d && d->name; d++)
    if (strcmp(d->name, key) == 0) return d;
  return NULL;
}

/* Finds the declaration of PLUGIN.KEY among readers, writers and transforms
 * of that name. *known says whether any format of that name exists. */
static const dm_option_decl *lookup_decl(const dm_registry *reg, const char *plugin, const char *key, int *known) {
  *known = 0;
  if (!reg) return NULL;
  const dm_reader *r = dm_registry_reader(reg, plugin);
  const dm_writer *w = dm_registry_writer(reg, plugin);
  const dm_transform *t = dm_registry_transform(reg, plugin);
  const dm_option_decl *d = NULL;
  if (r) *known = 1, d = find_decl(r->options, key);
  if (!d && w) *known = 1, d = find_decl(w->options, key);
  if (!d && t) *known = 1, d = find_decl(t->options, key);
  return d;
}

static int parse_bool(const char *v, int *out) {
  static const char *const yes[] = {"1", "true", "yes", "on"};
  static const char *const no[] = {"0", "false", "no", "off"};
  for (size_t i = 0; i < 4; i++) {
    if (strcasecmp(v, yes[i]) == 0) return *out = 1, 1;
    if (strcasecmp(v, no[i]) == 0) return *out = 0, 1;
  }
  return 0;
}

static int parse_int(const char *v, long long *out) {
  char *end;
  if (!*v) return 0;
  long long x = strtoll(v, &end, 10);
  if (*end) return 0;
  *out = x;
  return 1;
}

int dm_ctx_set_option_kv(dm_ctx *c, const char *plugin, const char *key, const char *value) {
  int known;
  const char *saved = c->plugin;
  c->plugin = NULL; /* messages about options name the option, not a hook */
  const dm_option_decl *d = lookup_decl(c->reg, plugin, key, &known);
  int rc = DM_OK;
  if (!known)
    rc = dm_error(c, DM_EUSAGE, "option %s.%s: no format named '%s'", plugin, key, plugin);
  else if (!d)
    rc = dm_error(c, DM_EUSAGE, "option %s.%s: format '%s' has no option '%s'", plugin, key, plugin, key);
  else if (d->type == DM_OPT_BOOL) {
    int b;
    if (!parse_bool(value, &b))
      rc = dm_error(c, DM_EUSAGE, "option %s.%s: '%s' is not true or false", plugin, key, value);
  } else if (d->type == DM_OPT_INT) {
    long long x;
    if (!parse_int(value, &x)) rc = dm_error(c, DM_EUSAGE, "option %s.%s: '%s' is not an integer", plugin, key, value);
  }
  c->plugin = saved;
  if (rc != DM_OK) return rc;
  for (size_t i = 0; i < c->nopts; i++)
    if (strcmp(c->opts[i].plugin, plugin) == 0 && strcmp(c->opts[i].key, key) == 0)
      return set_str(&c->opts[i].value, value);
  ctx_option *o = realloc(c->opts, (c->nopts + 1) * sizeof *o);
  if (!o) return DM_ENOMEM;
  c->opts = o;
  o = &c->opts[c->nopts];
  o->plugin = strdup(plugin);
  o->key = strdup(key);
  o->value = strdup(value);
  if (!o->plugin || !o->key || !o->value) {
    free(o->plugin);
    free(o->key);
    free(o->value);
    return DM_ENOMEM;
  }
  c->nopts++;
  return DM_OK;
}

int dm_ctx_set_option(dm_ctx *c, const char *assignment) {
  const char *dot = strchr(assignment, '.');
  const char *eq = strchr(assignment, '=');
  if (!dot || !eq || dot > eq || dot == assignment || eq == dot + 1)
    return dm_error(c, DM_EUSAGE, "option '%s': expected FORMAT.KEY=VALUE", assignment);
  char *plugin = strndup(assignment, (size_t)(dot - assignment));
  char *key = strndup(dot + 1, (size_t)(eq - dot - 1));
  int rc = (plugin && key) ? dm_ctx_set_option_kv(c, plugin, key, eq + 1) : DM_ENOMEM;
  free(plugin);
  free(key);
  return rc;
}

const char *dm_option_str(dm_ctx *c, const char *key) {
  if (!c || !c->plugin) return "";
  for (size_t i = 0; i < c->nopts; i++)
    if (strcmp(c->opts[i].plugin, c->plugin) == 0 && strcmp(c->opts[i].key, key) == 0) return c->opts[i].value;
  const dm_option_decl *d = find_decl(c->decls, key);
  return d && d->default_value ? d->default_value : "";
}

int dm_option_bool(dm_ctx *c, const char *key) {
  int b = 0;
  return parse_bool(dm_option_str(c, key), &b) ? b : 0;
}

long long dm_option_int(dm_ctx *c, const char *key) {
  long long x = 0;
  return parse_int(dm_option_str(c, key), &x) ? x : 0;
}

void dm_ctx_set_limits(dm_ctx *c, const dm_limits *l) {
  if (c && l) c->limits = *l;
}

dm_limits dm_ctx_limits(const dm_ctx *c) {
  dm_limits l = {0, 0, 0, 0};
  if (c) l = c->limits;
  if (!l.max_input_bytes) l.max_input_bytes = (uint64_t)1 << 30;
  if (!l.max_depth) l.max_depth = 1000;
  if (!l.max_notes) l.max_notes = 1000000;
  return l;
}

int dm_ctx_fail_on_warnings(dm_ctx *c) {
  if (!c || !c->ndiags) return DM_OK;
  char line[1024];
  dm_diag_format(&c->diags[0].d, line, sizeof line);
  const char *saved = c->plugin;
  char *saved_in = c->input_name;
  c->plugin = NULL;
  c->input_name = NULL; /* the formatted warning already names the file */
  int rc = dm_error(c, DM_EFORMAT, "--strict: %s", line);
  c->plugin = saved;
  c->input_name = saved_in;
  return rc;
}
