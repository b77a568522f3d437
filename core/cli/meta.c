/* SPDX-License-Identifier: MIT */
/*
 * Metadata from the command line, as pandoc users give it: -M KEY=VALUE
 * (a key alone means "true") overrides what the document says;
 * --metadata-file FILE fills in only what the document does not say. The
 * file is the flat part of YAML that metadata needs ("key: value" lines,
 * quoted or not, comments, "---" and "..." markers) or a flat JSON object
 * of strings, numbers and booleans. Anything nested is refused with the
 * file and line, rather than half understood. pandoc's "lang" is docmill's
 * "language".
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int meta_push(dmc_meta *m, const char *k, size_t klen, const char *v, size_t vlen, int override) {
  if (klen == 4 && strncmp(k, "lang", 4) == 0) k = DM_META_LANGUAGE, klen = strlen(DM_META_LANGUAGE);
  char **nk = realloc(m->keys, (m->n + 1) * sizeof *nk);
  if (nk) m->keys = nk;
  char **nv = realloc(m->values, (m->n + 1) * sizeof *nv);
  if (nv) m->values = nv;
  int *no = realloc(m->override, (m->n + 1) * sizeof *no);
  if (no) m->override = no;
  if (!nk || !nv || !no) return -1;
  m->keys[m->n] = strndup(k, klen);
  m->values[m->n] = strndup(v, vlen);
  m->override[m->n] = override;
  if (!m->keys[m->n] || !m->values[m->n]) {
    free(m->keys[m->n]);
    free(m->values[m->n]);
    return -1;
  }
  m->n++;
  return 0;
}

/* Keys are what every writer can carry as a name: letters, digits, '-',
 * '_' and '.'; values are UTF-8 (the tree checker refuses anything else). */
static int valid_key(const char *k, size_t len) {
  if (!len) return 0;
  for (size_t i = 0; i < len; i++)
    if (!isalnum((unsigned char)k[i]) && k[i] != '-' && k[i] != '_' && k[i] != '.') return 0;
  return 1;
}

int dmc_meta_add(dmc_meta *m, const char *arg) {
  const char *eq = strchr(arg, '=');
  if (!eq) eq = strchr(arg, ':'); /* pandoc accepts KEY:VALUE too */
  size_t klen = eq ? (size_t)(eq - arg) : strlen(arg);
  const char *v = eq ? eq + 1 : "true";
  if (!valid_key(arg, klen)) {
    fprintf(stderr, "docmill: -M wants KEY=VALUE with a key of letters, digits, '-', '_' or '.', not '%s'\n", arg);
    return -1;
  }
  if (dm_utf8_validate((const unsigned char *)v, strlen(v)) != strlen(v)) {
    fprintf(stderr, "docmill: -M %.*s: the value is not valid UTF-8\n", (int)klen, arg);
    return -1;
  }
  if (meta_push(m, arg, klen, v, strlen(v), 1) != 0) {
    fprintf(stderr, "docmill: out of memory\n");
    return -1;
  }
  return 0;
}

static const char *skip_ws(const char *p) {
  while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
    p++;
  return p;
}

/* One JSON string at p (after its opening quote) into out (at least as
 * long as the input); the end quote's successor in *end, NULL when bad.
 * Escapes of the basic plane only: metadata needs no surrogate pairs. */
static char *json_string(const char *p, const char **end) {
  char *out = malloc(strlen(p) + 1), *o = out;
  if (!out) return NULL;
  for (; *p && *p != '"'; p++) {
    if (*p != '\\') {
      *o++ = *p;
      continue;
    }
    p++;
    const char *plain = strchr("\"\\/bfnrt", *p);
    if (plain && *p) {
      static const char map[] = "\"\\/\b\f\n\r\t";
      *o++ = map[plain - "\"\\/bfnrt"];
    } else if (*p == 'u' && isxdigit((unsigned char)p[1]) && isxdigit((unsigned char)p[2]) &&
               isxdigit((unsigned char)p[3]) && isxdigit((unsigned char)p[4])) {
      unsigned char buf[4];
      uint32_t cp = (uint32_t)strtoul((char[]){p[1], p[2], p[3], p[4], 0}, NULL, 16);
      int n = cp ? dm_utf8_encode(cp, buf) : 0; /* U+0000 would cut the string */
      if (!n) break;
      memcpy(o, buf, (size_t)n);
      o += n;
      p += 4;
    } else {
      break;
    }
  }
  *o = '\0';
  *end = *p == '"' ? p + 1 : NULL;
  return out;
}

/* A JSON value that metadata can hold: a string, a number, true, false. */
static char *json_scalar(const char *p, const char **end) {
  if (*p == '"') return json_string(p + 1, end);
  size_t n = strspn(p, "+-0123456789.eE");
  if (!n && strncmp(p, "true", 4) == 0) n = 4;
  if (!n && strncmp(p, "false", 5) == 0) n = 5;
  *end = n ? p + n : NULL;
  return n ? strndup(p, n) : NULL;
}

static int load_json(dmc_meta *m, const char *path, const char *text) {
  const char *p = skip_ws(text) + 1, *end = NULL;
  for (p = skip_ws(p); *p != '}'; p = skip_ws(p)) {
    char *k = NULL, *v = NULL;
    int ok = *p == '"' && (k = json_string(p + 1, &end)) && end;
    if (ok) p = skip_ws(end);
    ok = ok && *p == ':' && (v = json_scalar(skip_ws(p + 1), &end)) && end;
    ok = ok && valid_key(k, strlen(k)) && meta_push(m, k, strlen(k), v, strlen(v), 0) == 0;
    free(k);
    free(v);
    if (!ok) {
      fprintf(stderr, "docmill: %s: byte %zu: expected \"key\": string, number or boolean (nothing nested)\n", path,
              (size_t)(p - text));
      return -1;
    }
    p = skip_ws(end);
    if (*p == ',') {
      p = skip_ws(p + 1);
    } else if (*p != '}') {
      fprintf(stderr, "docmill: %s: byte %zu: expected ',' or '}'\n", path, (size_t)(p - text));
      return -1;
    }
  }
  if (*skip_ws(p + 1)) {
    fprintf(stderr, "docmill: %s: byte %zu: text after the JSON object\n", path, (size_t)(p + 1 - text));
    return -1;
  }
  return 0;
}

/* One "key: value" line; returns 0, or -1 for a line that is not one. */
static int yaml_line(dmc_meta *m, char *line) {
  char *colon = strchr(line, ':');
  if (!colon || colon == line) return -1;
  size_t klen = (size_t)(colon - line);
  char *v = colon + 1, *e = v + strlen(v);
  while (*v == ' ' || *v == '\t')
    v++;
  while (e > v && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
    *--e = '\0';
  /* A value on the next lines (a list, a map, a block scalar) is nested. */
  if (!*v || *v == '|' || *v == '>' || *v == '[' || *v == '{' || *v == '-' || !valid_key(line, klen)) return -1;
  if ((*v == '"' || *v == '\'') && e - v >= 2 && e[-1] == *v) {
    v++;
    *--e = '\0';
  } else {
    char *hash = strstr(v, " #");
    if (hash) *hash = '\0';
  }
  return meta_push(m, line, klen, v, strlen(v), 0);
}

static int load_yaml(dmc_meta *m, const char *path, char *text) {
  unsigned lineno = 0;
  for (char *line = text, *next; line; line = next) {
    next = strchr(line, '\n');
    if (next) *next++ = '\0';
    lineno++;
    const char *t = skip_ws(line);
    if (!*t || *t == '#' || strncmp(line, "---", 3) == 0 || strncmp(line, "...", 3) == 0) continue;
    if (line[0] == ' ' || line[0] == '\t' || yaml_line(m, line) != 0) {
      fprintf(stderr, "docmill: %s:%u: expected 'key: value' (nothing nested, no lists)\n", path, lineno);
      return -1;
    }
  }
  return 0;
}

int dmc_meta_load(dmc_meta *m, const char *path) {
  dm_registry *reg = dm_registry_new();
  dm_ctx *ctx = reg ? dm_ctx_new(reg) : NULL;
  unsigned char *data = NULL;
  size_t size = 0;
  int rc = ctx ? dm_read_file(ctx, path, &data, &size) : DM_ENOMEM;
  if (rc != DM_OK) fprintf(stderr, "docmill: %s\n", ctx ? dm_ctx_error(ctx) : "out of memory");
  dm_ctx_free(ctx);
  dm_registry_free(reg);
  if (rc != DM_OK) return dmc_exit_code(rc);
  const char *text = (const char *)data;
  if (dm_utf8_validate(data, size) != size || strlen(text) != size) {
    fprintf(stderr, "docmill: %s: not UTF-8 text\n", path);
    free(data);
    return 2;
  }
  if (strncmp(text, "\xEF\xBB\xBF", 3) == 0) text += 3;
  int r = *skip_ws(text) == '{' ? load_json(m, path, text) : load_yaml(m, path, (char *)text);
  free(data);
  return r == 0 ? 0 : 2;
}

int dmc_meta_apply(const dmc_meta *m, dm_doc *doc) {
  for (size_t i = 0; i < m->n; i++) {
    if (!m->override[i] && dm_doc_meta(doc, m->keys[i])) continue;
    if (dm_doc_set_meta(doc, m->keys[i], m->values[i]) != DM_OK) return DM_ENOMEM;
  }
  return DM_OK;
}

void dmc_meta_free(dmc_meta *m) {
  for (size_t i = 0; i < m->n; i++) {
    free(m->keys[i]);
    free(m->values[i]);
  }
  free(m->keys);
  free(m->values);
  free(m->override);
  memset(m, 0, sizeof *m);
}
