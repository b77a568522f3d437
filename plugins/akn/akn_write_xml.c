/* SPDX-License-Identifier: MIT */
/*
 * Output primitives of the Akoma Ntoso writer, over the library's XML
 * writer (xml.h: escaping, the one policy for characters XML cannot hold,
 * the sticky status): the indentation, which is only between element-only
 * content, never inside mixed content, where it would add whitespace to
 * the text of a paragraph; and the eIds of the Naming Convention, kept
 * unique in the document, with the eId each note got (a node map).
 */
#include "akn_write.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "akn_common.h"

struct akn_counter {
  const char *abbr; /* static strings only */
  long n;
};

struct akn_pool_block {
  struct akn_pool_block *next;
  size_t used, cap;
  char data[];
};

int akn_fail(akn_w *w, int status) {
  if (w->status == DM_OK && status != DM_OK) {
    w->status = status;
    if (w->x) dm_xml_fail(w->x, status);
    if (status == DM_ENOMEM)
      dm_error(w->ctx, DM_ENOMEM, "out of memory");
    else if (dm_ctx_error_status(w->ctx) == DM_OK)
      dm_error(w->ctx, status, "writing the XML failed");
  }
  return w->status;
}

/* The XML writer's first error becomes the writer's. */
static void akn_sync(akn_w *w) {
  if (!w->status) w->status = dm_xml_status(w->x);
}

int akn_w_init(akn_w *w, dm_ctx *ctx, const dm_doc *doc, dm_sink *out) {
  memset(w, 0, sizeof *w);
  w->ctx = ctx;
  w->doc = doc;
  w->out = out;
  w->x = dm_xml_new(ctx, out);
  if (!w->x) return akn_fail(w, DM_ENOMEM);
  return DM_OK;
}

int akn_w_finish(akn_w *w) {
  if (w->x) dm_xml_finish(w->x);
  akn_sync(w);
  return w->status;
}

void akn_w_free(akn_w *w) {
  dm_xml_free(w->x);
  free(w->had_child);
  while (w->neids)
    akn_eid_pop(w);
  free(w->eids);
  free(w->used);
  dm_node_map_free(w->notes);
  free(w->eidbuf);
  while (w->pool) {
    struct akn_pool_block *b = w->pool;
    w->pool = b->next;
    free(b);
  }
  memset(w, 0, sizeof *w);
}

/* ---- indentation ---- */

static void akn_newline(akn_w *w) {
  static const char nl_spaces[] = "\n                                                                ";
  if (w->status) return;
  /* Deep trees are indented no further than 32 levels: the bytes would
   * grow with the square of the depth otherwise. */
  int n = w->depth > 32 ? 32 : w->depth;
  dm_xml_raw(w->x, nl_spaces, 1 + 2 * (size_t)n);
}

static void akn_mark_child(akn_w *w) {
  size_t d = (size_t)w->depth;
  if (d + 2 > w->had_child_cap) {
    size_t cap = w->had_child_cap ? w->had_child_cap * 2 : 64;
    while (cap < d + 2)
      cap *= 2;
    unsigned char *p = realloc(w->had_child, cap);
    if (!p) {
      akn_fail(w, DM_ENOMEM);
      return;
    }
    memset(p + w->had_child_cap, 0, cap - w->had_child_cap);
    w->had_child = p;
    w->had_child_cap = cap;
  }
  w->had_child[d] = 1;
  w->had_child[d + 1] = 0;
}

/* ---- elements ---- */

void akn_declaration(akn_w *w) { dm_xml_declaration(w->x, 0); }

void akn_open(akn_w *w, const char *name) {
  if (w->status) return;
  if (w->inline_depth == 0) {
    akn_mark_child(w);
    /* The XML declaration already ended its line. */
    if (w->depth > 0) akn_newline(w);
  }
  dm_xml_start(w->x, name);
  akn_sync(w);
  w->tag_has_eid = 0;
  w->depth++;
}

void akn_close(akn_w *w) {
  if (w->status) return;
  w->depth--;
  if (w->inline_depth == 0 && w->had_child && (size_t)w->depth + 1 < w->had_child_cap && w->had_child[w->depth + 1]) {
    akn_newline(w);
    w->had_child[w->depth + 1] = 0;
  }
  dm_xml_end(w->x);
  akn_sync(w);
}

void akn_open_inline(akn_w *w, const char *name) {
  if (w->status) return;
  dm_xml_start(w->x, name);
  akn_sync(w);
  w->tag_has_eid = 0;
  w->depth++;
}

void akn_close_inline(akn_w *w) {
  if (w->status) return;
  w->depth--;
  dm_xml_end(w->x);
  akn_sync(w);
}

void akn_enter_text(akn_w *w) { w->inline_depth++; }
void akn_leave_text(akn_w *w) { w->inline_depth--; }

/* ---- text ---- */

void akn_text(akn_w *w, const char *s, size_t len) {
  if (w->status || len == 0) return;
  dm_xml_text(w->x, s, len);
  akn_sync(w);
}

void akn_textz(akn_w *w, const char *s) {
  if (s) akn_text(w, s, strlen(s));
}

/* ' prefix:name="' and the escaped value; an attribute after content is a
 * bug of this writer (DM_EINTERNAL from the XML writer). */
static void akn_attr_parts(akn_w *w, const char *prefix, const char *name, const char *value) {
  if (w->status || !value) return;
  dm_xml_attr_begin(w->x, prefix, name);
  dm_xml_attr_value(w->x, value, strlen(value));
  dm_xml_attr_end(w->x);
  akn_sync(w);
}

void akn_attr(akn_w *w, const char *name, const char *value) {
  if (strcmp(name, "eId") == 0) w->tag_has_eid = 1;
  akn_attr_parts(w, NULL, name, value);
}

void akn_attr_ref(akn_w *w, const char *name, const char *id) {
  if (w->status || !id) return;
  dm_xml_attr_begin(w->x, NULL, name);
  dm_xml_attr_value(w->x, "#", 1);
  dm_xml_attr_value(w->x, id, strlen(id));
  dm_xml_attr_end(w->x);
  akn_sync(w);
}

/* Whether key can follow "dm:" as an XML name. */
static int akn_is_ncname(const char *key) {
  if (!key || !*key) return 0;
  for (const char *p = key; *p; p++) {
    char c = *p;
    int alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    int more = (c >= '0' && c <= '9') || c == '-' || c == '.';
    if (!alpha && !(more && p != key)) return 0;
  }
  return 1;
}

/* Writes {prefix}:{key}, or warns and leaves it out when key cannot be the
 * local part of an XML name. */
static void akn_attr_prefixed(akn_w *w, const char *prefix, const char *key, const char *value) {
  if (w->status || !value) return;
  if (!akn_is_ncname(key)) {
    if (dm_warn(w->ctx, DM_DIAG_UNSUPPORTED, dm_pos_offset(DM_NO_OFFSET), "attribute '%s' is not an XML name; left out",
                key) != DM_OK)
      akn_fail(w, DM_ENOMEM);
    return;
  }
  akn_attr_parts(w, prefix, key, value);
}

void akn_attr_dm(akn_w *w, const char *key, const char *value) { akn_attr_prefixed(w, "dm", key, value); }

void akn_attr_user(akn_w *w, const char *key, const char *value) {
  akn_attr_prefixed(w, AKN_DOCMILL_ATTR_PREFIX, key, value);
}

void akn_markup(akn_w *w, const char *xml) {
  if (w->status) return;
  akn_mark_child(w);
  akn_newline(w);
  dm_xml_raw(w->x, xml, strlen(xml));
  akn_sync(w);
}

void akn_empty(akn_w *w, const char *name, const char *attr, const char *value) {
  akn_open(w, name);
  if (attr) akn_attr(w, attr, value);
  akn_close(w);
}

/* ---- eIds ---- */

/* Every eId lives in a pool of large blocks, freed with the writer: a
 * document has an eId for nearly every element, and a malloc'd copy of
 * each (one for the set, one for the context stack) cost more than the
 * ids themselves. */

static char *akn_pool_dup(akn_w *w, const char *s, size_t len) {
  struct akn_pool_block *b = w->pool;
  if (!b || b->cap - b->used < len + 1) {
    size_t cap = len + 1 > 65536 ? len + 1 : 65536;
    b = malloc(sizeof *b + cap);
    if (!b) {
      akn_fail(w, DM_ENOMEM);
      return NULL;
    }
    b->next = w->pool;
    b->used = 0;
    b->cap = cap;
    w->pool = b;
  }
  char *p = b->data + b->used;
  memcpy(p, s, len);
  p[len] = '\0';
  b->used += len + 1;
  return p;
}

static uint64_t akn_hash(const void *p, size_t n) {
  const unsigned char *s = p;
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; i++)
    h = (h ^ s[i]) * 1099511628211ull;
  return h;
}

/* The set of eIds written. Each entry also remembers the next "-k"
 * suffix to try for its id: ids are never removed, so every suffix below
 * it is taken for good, and the n-th duplicate of an id costs one probe
 * rather than n (the 20 MiB bench input holds 2,769 resolutions, each
 * with its own para_1). */
struct akn_used {
  const char *id; /* in the pool; NULL: empty slot */
  uint64_t hash;
  size_t len;
  long next; /* next suffix to try, 2 at first */
};

static struct akn_used *akn_used_find(const akn_w *w, const char *id, size_t len, uint64_t h) {
  if (!w->used_cap) return NULL;
  size_t mask = w->used_cap - 1;
  for (size_t i = h & mask; w->used[i].id; i = (i + 1) & mask)
    if (w->used[i].hash == h && w->used[i].len == len && memcmp(w->used[i].id, id, len) == 0) return &w->used[i];
  return NULL;
}

/* Adds id (copied into the pool) and returns the copy, or NULL after an
 * error. The caller has checked that it is not in the set. */
static const char *akn_used_add(akn_w *w, const char *id, size_t len, uint64_t h) {
  if ((w->used_n + 1) * 2 > w->used_cap) {
    size_t cap = w->used_cap ? w->used_cap * 2 : 256;
    struct akn_used *t = calloc(cap, sizeof *t);
    if (!t) {
      akn_fail(w, DM_ENOMEM);
      return NULL;
    }
    for (size_t i = 0; i < w->used_cap; i++) {
      if (!w->used[i].id) continue;
      size_t j = w->used[i].hash & (cap - 1);
      while (t[j].id)
        j = (j + 1) & (cap - 1);
      t[j] = w->used[i];
    }
    free(w->used);
    w->used = t;
    w->used_cap = cap;
  }
  const char *copy = akn_pool_dup(w, id, len);
  if (!copy) return NULL;
  size_t mask = w->used_cap - 1;
  size_t i = h & mask;
  while (w->used[i].id)
    i = (i + 1) & mask;
  w->used[i].id = copy;
  w->used[i].hash = h;
  w->used[i].len = len;
  w->used[i].next = 2;
  w->used_n++;
  return copy;
}

void akn_eid_reserve(akn_w *w, const char *id) {
  size_t len = strlen(id);
  uint64_t h = akn_hash(id, len);
  if (w->status || akn_used_find(w, id, len, h)) return;
  akn_used_add(w, id, len, h);
}

/* Keeps the letters and digits of a label as printed ("1." -> "1",
 * "(a)" -> "a", "2 bis." -> "2bis"); non-ASCII letters are kept, ASCII and
 * CJK punctuation and spaces dropped. */
static size_t akn_label_part(const char *label, char *out, size_t cap) {
  size_t o = 0;
  size_t len = strlen(label);
  for (size_t i = 0; i < len;) {
    unsigned char b = (unsigned char)label[i];
    if (b < 0x80) {
      /* ASCII, by far the usual label: no decoding needed. */
      int keep = (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
      if (keep && o + 1 < cap) out[o++] = (char)b;
      i++;
      continue;
    }
    uint32_t cp;
    int n = dm_utf8_decode((const unsigned char *)label + i, len - i, &cp);
    if (n <= 0) {
      i++;
      continue;
    }
    int keep = !(cp <= 0xBF || (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
                 (cp >= 0xFF00 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
                 (cp >= 0xFF5B && cp <= 0xFF65) || cp == 0xFEFF || cp == 0xFFFD);
    if (keep && o + (size_t)n < cap) {
      memcpy(out + o, label + i, (size_t)n);
      o += (size_t)n;
    }
    i += (size_t)n;
  }
  out[o] = '\0';
  return o;
}

/* Writes v in decimal at out (room for 21 bytes); returns the length.
 * Called for nearly every element: snprintf's format parsing was the
 * largest single cost of the writer. */
size_t akn_fmt_long(char *out, long v) {
  char tmp[24];
  size_t n = 0;
  unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
  do {
    tmp[n++] = (char)('0' + u % 10);
    u /= 10;
  } while (u);
  size_t o = 0;
  if (v < 0) out[o++] = '-';
  while (n)
    out[o++] = tmp[--n];
  out[o] = '\0';
  return o;
}

static long akn_count(akn_w *w, akn_eid_ctx *c, const char *abbr) {
  for (size_t i = 0; i < c->ncounters; i++)
    if (strcmp(c->counters[i].abbr, abbr) == 0) return ++c->counters[i].n;
  struct akn_counter *p = realloc(c->counters, (c->ncounters + 1) * sizeof *p);
  if (!p) {
    akn_fail(w, DM_ENOMEM);
    return 1;
  }
  c->counters = p;
  c->counters[c->ncounters].abbr = abbr;
  c->counters[c->ncounters].n = 1;
  c->ncounters++;
  return 1;
}

static int akn_eid_stack(akn_w *w, const char *eid) {
  if (w->neids == w->eids_cap) {
    size_t cap = w->eids_cap ? w->eids_cap * 2 : 32;
    akn_eid_ctx *p = realloc(w->eids, cap * sizeof *p);
    if (!p) return DM_ENOMEM;
    w->eids = p;
    w->eids_cap = cap;
  }
  w->eids[w->neids].eid = eid;
  w->eids[w->neids].counters = NULL;
  w->eids[w->neids].ncounters = 0;
  w->neids++;
  return DM_OK;
}

/* Grows the scratch buffer eIds are built in to hold need bytes. */
static char *akn_eid_buf(akn_w *w, size_t need) {
  if (need > w->eidbuf_cap) {
    size_t cap = w->eidbuf_cap ? w->eidbuf_cap : 256;
    while (cap < need)
      cap *= 2;
    char *p = realloc(w->eidbuf, cap);
    if (!p) {
      akn_fail(w, DM_ENOMEM);
      return NULL;
    }
    w->eidbuf = p;
    w->eidbuf_cap = cap;
  }
  return w->eidbuf;
}

/* Makes "{prefix}__{abbr}_{num}" in context c (no prefix in the
 * document's context), unique in the document, and writes it as the eId of
 * the element just opened. Returns it (in the pool, living as long as the
 * writer), or NULL after an error. */
static const char *akn_eid_make(akn_w *w, akn_eid_ctx *c, const char *abbr, const char *label) {
  char num[96];
  size_t nl = label ? akn_label_part(label, num, sizeof num) : 0;
  if (nl == 0) nl = akn_fmt_long(num, akn_count(w, c, abbr));
  const char *prefix = c->eid;
  size_t pl = prefix ? strlen(prefix) : 0, al = strlen(abbr);
  /* room for "__", '_', a "-k" suffix and the NUL */
  char *eid = akn_eid_buf(w, pl + 2 + al + 1 + nl + 24);
  if (!eid) return NULL;
  size_t o = 0;
  if (prefix) {
    memcpy(eid, prefix, pl);
    memcpy(eid + pl, "__", 2);
    o = pl + 2;
  }
  memcpy(eid + o, abbr, al);
  o += al;
  eid[o++] = '_';
  memcpy(eid + o, num, nl);
  o += nl;
  eid[o] = '\0';
  uint64_t h = akn_hash(eid, o);
  struct akn_used *base = akn_used_find(w, eid, o, h);
  size_t len = o;
  if (base) {
    /* Two siblings printed with the same number: the later ones get a
     * suffix that no stripped label can produce, the smallest one free. */
    long k = base->next;
    eid[o] = '-';
    for (;; k++) {
      len = o + 1 + akn_fmt_long(eid + o + 1, k);
      h = akn_hash(eid, len);
      if (!akn_used_find(w, eid, len, h)) break;
    }
    /* Before the add below, which may move the table. */
    base->next = k + 1;
  }
  const char *id = akn_used_add(w, eid, len, h);
  if (id) akn_attr(w, "eId", id);
  return id;
}

/* The context eIds are made in now; the document's own at the bottom of
 * the stack is made on first use. */
static akn_eid_ctx *akn_eid_top(akn_w *w) {
  if (w->status) return NULL;
  if (w->neids == 0 && akn_eid_stack(w, NULL) != DM_OK) {
    akn_fail(w, DM_ENOMEM);
    return NULL;
  }
  return &w->eids[w->neids - 1];
}

static const char *akn_eid_enter(akn_w *w, const char *eid) {
  if (!eid) return NULL;
  if (akn_eid_stack(w, eid) != DM_OK) {
    akn_fail(w, DM_ENOMEM);
    return NULL;
  }
  return eid;
}

const char *akn_eid_push(akn_w *w, const char *abbr, const char *label) {
  akn_eid_ctx *top = akn_eid_top(w);
  return top ? akn_eid_enter(w, akn_eid_make(w, top, abbr, label)) : NULL;
}

void akn_eid_mark(akn_w *w, const char *abbr) {
  akn_eid_ctx *top = akn_eid_top(w);
  if (top) akn_eid_make(w, top, abbr, NULL);
}

const char *akn_eid_push_doc(akn_w *w, const char *abbr) {
  if (!akn_eid_top(w)) return NULL;
  return akn_eid_enter(w, akn_eid_make(w, &w->eids[0], abbr, NULL));
}

/* Whether the source's eId may be written once more: the first element to
 * claim it gets it, a later duplicate gets a made one. Claims are kept in
 * the same set as "#{id}", which no eId can be. */
static int akn_eid_claim(akn_w *w, const char *eid, size_t len) {
  char key[256];
  if (len == 0 || len + 1 >= sizeof key || strpbrk(eid, " \t\n\r#")) return 0;
  key[0] = '#';
  memcpy(key + 1, eid, len);
  uint64_t h = akn_hash(key, len + 1);
  if (akn_used_find(w, key, len + 1, h)) return 0;
  return akn_used_add(w, key, len + 1, h) != NULL;
}

/* The copy of a kept eId in the pool (reserved by akn_eid_keep_all, or
 * added now). */
static const char *akn_eid_kept(akn_w *w, const char *eid, size_t len) {
  uint64_t h = akn_hash(eid, len);
  struct akn_used *u = akn_used_find(w, eid, len, h);
  return u ? u->id : akn_used_add(w, eid, len, h);
}

/* Enters the source's eId kept when it is not written yet; NULL otherwise. */
static const char *akn_eid_push_str(akn_w *w, const char *kept) {
  if (!kept || !akn_eid_top(w) || !akn_eid_claim(w, kept, strlen(kept))) return NULL;
  const char *id = akn_eid_kept(w, kept, strlen(kept));
  if (id) akn_attr(w, "eId", id);
  return akn_eid_enter(w, id);
}

/* Enters n's own eId when it has one not yet written; NULL otherwise. */
static const char *akn_eid_push_kept(akn_w *w, const dm_node *n) {
  w->eid_node = n;
  return akn_eid_push_str(w, n ? dm_node_attr(n, "eId") : NULL);
}

const char *akn_eid_push_id(akn_w *w, const char *abbr, const char *label, const char *kept) {
  const char *id = akn_eid_push_str(w, kept);
  return id ? id : akn_eid_push(w, abbr, label);
}

const char *akn_eid_push_node(akn_w *w, const char *abbr, const char *label, const dm_node *n) {
  const char *id = akn_eid_push_kept(w, n);
  return id ? id : akn_eid_push(w, abbr, label);
}

const char *akn_eid_push_doc_node(akn_w *w, const char *abbr, const dm_node *n) {
  const char *id = akn_eid_push_kept(w, n);
  return id ? id : akn_eid_push_doc(w, abbr);
}

void akn_eid_attr_kept(akn_w *w, const dm_node *n, const char *eid) {
  if (w->tag_has_eid || (n && n == w->eid_node) || !akn_eid_claim(w, eid, strlen(eid))) return;
  const char *id = akn_eid_kept(w, eid, strlen(eid));
  if (id) akn_attr(w, "eId", id);
}

void akn_eid_keep_all(akn_w *w, const dm_node *root) {
  dm_iter *it = dm_iter_new((dm_node *)root);
  if (!it) {
    akn_fail(w, DM_ENOMEM);
    return;
  }
  dm_event ev;
  while ((ev = dm_iter_next(it)) != DM_EVENT_DONE && !w->status) {
    const char *eid = ev == DM_EVENT_ENTER ? dm_node_attr(dm_iter_node(it), "eId") : NULL;
    if (eid && *eid) akn_eid_reserve(w, eid);
  }
  dm_iter_free(it);
}

void akn_eid_pop(akn_w *w) {
  if (!w->neids) return;
  akn_eid_ctx *top = &w->eids[--w->neids];
  free(top->counters);
}

/* ---- notes ---- */

const char *akn_note_eid(akn_w *w, const dm_node *note) { return dm_node_map_get(w->notes, note); }

void akn_note_set_eid(akn_w *w, const dm_node *note, const char *eid) {
  if (w->status || !eid) return;
  if (!w->notes && !(w->notes = dm_node_map_new())) {
    akn_fail(w, DM_ENOMEM);
    return;
  }
  /* The eId lives in the pool, as long as the writer. */
  if (dm_node_map_put(w->notes, note, (void *)(uintptr_t)eid) != DM_OK) akn_fail(w, DM_ENOMEM);
}
