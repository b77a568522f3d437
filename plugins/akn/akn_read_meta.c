/* SPDX-License-Identifier: MIT */
/*
 * The meta block of an Akoma Ntoso document, read into the document's
 * metadata, and the table of notes by eId. When docmill wrote the document,
 * meta/proprietary holds every metadata key of the original in order
 * (dm:meta key value) and is taken as it is, so a round trip keeps keys the
 * FRBR identification has no place for. Otherwise the FRBR identification
 * gives the number (FRBRnumber's showAs, or its value), the date, the
 * country and the language (ISO 639-2 turned into BCP 47). Notes of
 * meta/notes are built detached and placed at their first noteRef; the
 * ones never referenced are reported. The language table is the one in
 * akn_common.c, shared with the writer.
 */
#include <stdlib.h>
#include <string.h>

#include "akn_common.h"
#include "akn_read.h"

const char *akn_lang_to_bcp47(const char *s) {
  const char *two = akn_lang_to_639_1(s);
  return two ? two : s;
}

static int akn_set_meta(akn_reader *rd, const char *key, const char *value) {
  if (value && dm_doc_set_meta(rd->doc, key, value) != DM_OK) return akn_read_fail(rd, DM_ENOMEM, "out of memory");
  return rd->status;
}

static int akn_meta_push(akn_reader *rd, akn_mode mode) { return akn_read_push(rd, mode, NULL); }

int akn_meta_start(akn_reader *rd, const char *name, const char *uri, const akn_attrs *a) {
  int own = uri && rd->ns && strcmp(uri, rd->ns) == 0;
  if (uri && strcmp(uri, AKN_DOCMILL_NS) == 0 && strcmp(name, "meta") == 0) {
    /* The original metadata, in its order. */
    const char *key = akn_read_attr(rd, a, "key"), *value = akn_read_attr(rd, a, "value");
    if (!rd->meta_read && !rd->part && key && value) {
      rd->dm_meta_seen = 1;
      akn_set_meta(rd, key, value);
    }
    return akn_meta_push(rd, AKN_M_SKIP);
  }
  if (!own && (uri || rd->ns)) return akn_meta_push(rd, AKN_M_SKIP);
  /* The frame of meta itself is the only one in meta mode with a kind: a
   * child of it may be kept as markup (akn_read_raw.c), and is read on as
   * before besides. */
  akn_frame *top = akn_read_top(rd);
  if (top && top->kind && akn_raw_wanted(rd, name, akn_read_attr(rd, a, "source"))) rd->raw_begin = 1;
  if (strcmp(name, "identification") == 0)
    return akn_meta_push(rd, rd->meta_read || rd->part ? AKN_M_SKIP : AKN_M_META);
  if (strcmp(name, "proprietary") == 0 || strcmp(name, "notes") == 0) {
    /* docmill's proprietary block is the whole metadata, even when it is
     * empty: the FRBR placeholders of an undated, unnumbered document
     * must not come back as a number and a date. */
    if (name[0] == 'p' && rd->docmill && !rd->meta_read && !rd->part) {
      const char *src = akn_read_attr(rd, a, "source");
      if (src && strcmp(src, "#docmill") == 0) rd->dm_meta_seen = 1;
    }
    return akn_meta_push(rd, AKN_M_META);
  }
  if (strcmp(name, "FRBRWork") == 0 || strcmp(name, "FRBRExpression") == 0 || strcmp(name, "FRBRManifestation") == 0) {
    rd->in_frbr = name[4];
    return akn_meta_push(rd, AKN_M_META);
  }
  if (strcmp(name, "note") == 0) {
    /* A note told once in meta and placed at its references. */
    if (++rd->notes_total > rd->limits.max_notes)
      return akn_read_fail(rd, DM_ELIMIT, "more notes than the limit of %llu",
                           (unsigned long long)rd->limits.max_notes);
    dm_node *note = dm_node_new(rd->doc, DM_NODE_NOTE);
    if (!note) return akn_read_fail(rd, DM_ENOMEM, "out of memory");
    const char *marker = akn_read_attr(rd, a, "marker");
    if (marker) dm_node_set_label(note, marker);
    dm_node_set_pos(note, akn_read_pos(rd));
    const char *eid = akn_read_attr(rd, a, "eId");
    if (!eid) eid = akn_read_attr(rd, a, "id");
    if (eid && akn_notes_put(rd, eid, note, 0) != DM_OK) return rd->status;
    if (akn_read_push(rd, AKN_M_BLOCK, note) != DM_OK) return rd->status;
    rd->inline_empty = 1;
    return DM_OK;
  }
  if (rd->in_frbr == 'W') {
    if (strcmp(name, "FRBRnumber") == 0) {
      const char *v = akn_read_attr(rd, a, "showAs");
      if (!v || !*v) v = akn_read_attr(rd, a, "value");
      rd->frbr_number = v;
    } else if (strcmp(name, "FRBRdate") == 0) {
      rd->frbr_date = akn_read_attr(rd, a, "date");
    } else if (strcmp(name, "FRBRcountry") == 0) {
      rd->frbr_country = akn_read_attr(rd, a, "value");
    }
  } else if (rd->in_frbr == 'E' && strcmp(name, "FRBRlanguage") == 0) {
    rd->frbr_lang = akn_read_attr(rd, a, "language");
  }
  return akn_meta_push(rd, AKN_M_SKIP);
}

int akn_meta_end(akn_reader *rd) {
  rd->in_frbr = 0;
  if (rd->meta_read || rd->part) return rd->status;
  rd->meta_read = 1;
  if (rd->dm_meta_seen) return rd->status;
  if (rd->doc_resolution) akn_set_meta(rd, DM_META_DOC_TYPE, "resolution");
  akn_set_meta(rd, DM_META_NUMBER, rd->frbr_number);
  akn_set_meta(rd, DM_META_DATE, rd->frbr_date);
  if (rd->frbr_lang) {
    const char *l = akn_lang_to_bcp47(rd->frbr_lang);
    akn_set_meta(rd, DM_META_LANGUAGE, l);
  }
  akn_set_meta(rd, DM_META_COUNTRY, rd->frbr_country);
  return rd->status;
}

/* ---- notes by eId ------------------------------------------------------- */

static size_t akn_hash(const char *s) {
  size_t h = 1469598103934665603ull & SIZE_MAX;
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * (size_t)1099511628211ull;
  return h;
}

akn_note_slot *akn_notes_get(akn_reader *rd, const char *eid) {
  if (!rd->notes_cap || !eid) return NULL;
  size_t mask = rd->notes_cap - 1;
  size_t h = akn_hash(eid);
  for (size_t i = h & mask; rd->notes[i].eid; i = (i + 1) & mask)
    if (rd->notes[i].hash == h && strcmp(rd->notes[i].eid, eid) == 0) return &rd->notes[i];
  return NULL;
}

int akn_notes_put(akn_reader *rd, const char *eid, dm_node *note, int placed) {
  akn_note_slot *old = akn_notes_get(rd, eid);
  if (old) {
    /* Duplicate eIds are common in hand-made AKN; the first note keeps
     * the id, the second is still read where it stands. */
    dm_warn(rd->ctx, DM_DIAG_NOTE_DUPLICATE, akn_read_pos(rd), "a second note with the eId '%s'", eid);
    return rd->status;
  }
  if ((rd->notes_count + 1) * 2 > rd->notes_cap) {
    size_t cap = rd->notes_cap ? rd->notes_cap * 2 : 64;
    akn_note_slot *t = calloc(cap, sizeof *t);
    if (!t) return akn_read_fail(rd, DM_ENOMEM, "out of memory");
    for (size_t i = 0; i < rd->notes_cap; i++) {
      if (!rd->notes[i].eid) continue;
      size_t j = rd->notes[i].hash & (cap - 1);
      while (t[j].eid)
        j = (j + 1) & (cap - 1);
      t[j] = rd->notes[i];
    }
    free(rd->notes);
    rd->notes = t;
    rd->notes_cap = cap;
  }
  size_t h = akn_hash(eid), mask = rd->notes_cap - 1, i = h & mask;
  while (rd->notes[i].eid)
    i = (i + 1) & mask;
  rd->notes[i].hash = h;
  rd->notes[i].eid = eid;
  rd->notes[i].note = note;
  rd->notes[i].placed = placed;
  rd->notes_count++;
  return DM_OK;
}

int akn_notes_finish(akn_reader *rd) {
  for (size_t i = 0; i < rd->notes_cap && !rd->status; i++) {
    akn_note_slot *s = &rd->notes[i];
    if (s->eid && !s->placed) {
      const char *l = dm_node_label(s->note);
      if (dm_warn(rd->ctx, DM_DIAG_NOTE_UNUSED, dm_node_pos(s->note),
                  "note '%s'%s%s%s in meta/notes is never referenced", s->eid, l ? " (marker " : "", l ? l : "",
                  l ? ")" : "") != DM_OK)
        return akn_read_fail(rd, DM_ENOMEM, "out of memory");
    }
  }
  return rd->status;
}

void akn_notes_free(akn_reader *rd) {
  free(rd->notes);
  rd->notes = NULL;
  rd->notes_cap = rd->notes_count = 0;
}
