/* SPDX-License-Identifier: MIT */
/*
 * What a format plugin is: const descriptors for readers, writers and
 * transforms (FFmpeg's AVInputFormat, libarchive's bidders), the input
 * their hooks receive, declared options, and the manifest a plugin folder
 * exports. It includes the toolkit a plugin is built with: buffer.h (bytes),
 * xml.h (the XML writer), text.h (UTF-8 and the one policy for invalid
 * input), nodemap.h (writer data per note or node), zip.h (safe package
 * reading) and sink.h (where writers write). The descriptors begin with the ABI version so a
 * plugin built as a shared object for another version is refused rather
 * than misread. Built-in formats and third-party formats are written the
 * same way and registered through DM_PLUGIN_DEFINE.
 */
#ifndef DOCMILL_PLUGIN_H
#define DOCMILL_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#include "buffer.h"
#include "ctx.h"
#include "doc.h"
#include "nodemap.h"
#include "sink.h"
#include "status.h"
#include "text.h"
#include "xml.h"
#include "zip.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped whenever a descriptor, hook signature or node enum value changes
 * incompatibly. A plugin records the version it was built against. */
#define DM_PLUGIN_ABI_VERSION 1

/* Probe scores (FFmpeg's AVPROBE_SCORE_*). A tie at the top is ambiguous.
 * The registry adds DM_PROBE_BONUS for a matching extension and again for
 * a matching MIME type, only to a probe that scored above 0, and never
 * beyond DM_PROBE_SCORE_MAX. */
#define DM_PROBE_SCORE_MAX 100      /* the bytes say so beyond doubt */
#define DM_PROBE_SCORE_EXTENSION 50 /* likely from the bytes, not certain */
#define DM_PROBE_SCORE_GENERIC 25   /* any text would do (plain text) */
#define DM_PROBE_BONUS 10           /* extension or MIME type matches */
#define DM_PROBE_SCORE_TRANSFORM 60 /* a transform at or above runs itself */

/* ---- options ------------------------------------------------------------ */

typedef enum dm_option_type {
  DM_OPT_STRING = 0,
  DM_OPT_BOOL, /* true/false/yes/no/1/0/on/off */
  DM_OPT_INT
} dm_option_type;

typedef struct dm_option_decl {
  const char *name; /* "lenient"; set as PLUGIN.NAME=VALUE */
  dm_option_type type;
  const char *default_value; /* as a string; NULL means "" / false / 0 */
  const char *description;   /* one line, for --help of the format */
} dm_option_decl;

/* ---- input -------------------------------------------------------------- */

/* The whole input, in memory. data[size] is always a NUL byte and the probe
 * buffer is followed by at least DM_PROBE_PADDING zero bytes, so a probe or
 * reader may look one byte past the end. */
#define DM_PROBE_PADDING 16
typedef struct dm_input {
  const unsigned char *data;
  size_t size;
  const char *name;      /* file name as given, or NULL for standard input */
  const char *mime_type; /* if known, else NULL */
} dm_input;

/* For streaming readers: the reader will never look at in->data[0..upto)
 * again. When the caller lent the input to this read (dm_ctx_lend_input),
 * the memory of those bytes is given back to the system, so that a
 * reader's peak memory is the document it builds rather than that plus
 * the whole input; for any other input it does nothing. The bytes must not
 * be read afterwards (they may read as zeros). */
void dm_input_release(dm_ctx *ctx, const dm_input *in, size_t upto);
/* Lends in's buffer to the next dm_read on ctx: the caller will not read
 * in->data[0..in->size) after that read returns (but to free it), so the
 * reader may give its memory back with dm_input_release. The buffer must
 * be a whole allocation of the caller's, such as dm_read_file returns. The
 * loan ends when that dm_read returns; a buffer not lent is never touched,
 * whatever its address. */
void dm_ctx_lend_input(dm_ctx *ctx, const dm_input *in);

/* ---- descriptors -------------------------------------------------------- */

typedef struct dm_reader {
  unsigned abi_version;          /* DM_PLUGIN_ABI_VERSION */
  const char *name;              /* "markdown": [a-z0-9-]+, unique per kind */
  const char *description;       /* one line */
  const char *const *extensions; /* NULL-terminated, without dot: "md" */
  const char *const *mime_types; /* NULL-terminated */
  const dm_option_decl *options; /* terminated by an entry with name NULL */
  size_t priv_size;              /* private state, zeroed by the core */
  /* Pure: looks only at in->data (at most the first 64 KiB are guaranteed
   * meaningful) and returns 0..DM_PROBE_SCORE_MAX. The core adds the
   * extension and MIME bonuses itself. May be NULL (never detected). */
  int (*probe)(const dm_input *in);
  /* Fills doc (empty on entry) from in. DM_OK or a dm_status with the
   * message recorded by dm_error. On error the core frees doc. */
  int (*read)(dm_ctx *ctx, void *priv, const dm_input *in, dm_doc *doc);
  /* Called after read, whether it succeeded or not; may be NULL. */
  void (*cleanup)(void *priv);
} dm_reader;

#define DM_WRITER_BINARY 1u /* output is not text: refuse a terminal */

typedef struct dm_writer {
  unsigned abi_version;
  const char *name;
  const char *description;
  const char *const *extensions;
  const char *const *mime_types;
  const dm_option_decl *options;
  size_t priv_size;
  unsigned flags; /* DM_WRITER_BINARY */
  /* Writes doc to out. Must not change doc. On error the core discards the
   * sink (an atomic file sink leaves no file). */
  int (*write)(dm_ctx *ctx, void *priv, const dm_doc *doc, dm_sink *out);
  void (*cleanup)(void *priv); /* called after write, always; may be NULL */
} dm_writer;

typedef struct dm_transform {
  unsigned abi_version;
  const char *name;
  const char *description;
  const dm_option_decl *options;
  size_t priv_size;
  /* Pure: how sure (0..100) that the transform applies to doc. At or above
   * DM_PROBE_SCORE_TRANSFORM it runs without being asked. May be NULL
   * (runs only when asked). */
  int (*probe)(const dm_doc *doc);
  /* Rewrites doc in place. On error the conversion stops. */
  int (*apply)(dm_ctx *ctx, void *priv, dm_doc *doc);
  void (*cleanup)(void *priv);
} dm_transform;

/* What one plugin (one folder, or one shared object) exports. */
typedef struct dm_plugin_manifest {
  unsigned abi_version;
  const char *name;                      /* the plugin, e.g. "markdown" */
  const dm_reader *const *readers;       /* NULL-terminated, may be NULL */
  const dm_writer *const *writers;       /* NULL-terminated, may be NULL */
  const dm_transform *const *transforms; /* NULL-terminated, may be NULL */
  /* Set when this plugin deliberately replaces built-in formats of the same
   * names (a warning, not an error). */
  int overrides_builtin;
} dm_plugin_manifest;

/* The symbol a shared-object plugin exports. */
#define DM_PLUGIN_ENTRY_SYMBOL "docmill_plugin_entry"
typedef const dm_plugin_manifest *(*dm_plugin_entry_fn)(void);

/* One macro for both builds (GStreamer's GST_PLUGIN_DEFINE): inside
 * libdocmill (DM_BUILTIN_PLUGIN defined by the build) it defines the
 * manifest the generated table lists; in a shared object it defines the
 * exported entry point. READERS, WRITERS, TRANSFORMS are NULL-terminated
 * arrays of descriptor pointers, or NULL. Both forms end in a declaration
 * that takes the caller's semicolon, so `DM_PLUGIN_DEFINE(...);` compiles
 * under -Wpedantic either way. */
#define DM_PLUGIN_MANIFEST_INIT(NAME, READERS, WRITERS, TRANSFORMS)                                                    \
  { DM_PLUGIN_ABI_VERSION, #NAME, READERS, WRITERS, TRANSFORMS, 0 }
#ifdef DM_BUILTIN_PLUGIN
#define DM_PLUGIN_DEFINE(NAME, READERS, WRITERS, TRANSFORMS)                                                           \
  const dm_plugin_manifest dm_builtin_plugin_##NAME = DM_PLUGIN_MANIFEST_INIT(NAME, READERS, WRITERS, TRANSFORMS)
#else
#define DM_PLUGIN_DEFINE(NAME, READERS, WRITERS, TRANSFORMS)                                                           \
  static const dm_plugin_manifest dm_plugin_manifest_##NAME =                                                          \
      DM_PLUGIN_MANIFEST_INIT(NAME, READERS, WRITERS, TRANSFORMS);                                                     \
  __attribute__((visibility("default"))) const dm_plugin_manifest *docmill_plugin_entry(void);                         \
  const dm_plugin_manifest *docmill_plugin_entry(void) { return &dm_plugin_manifest_##NAME; }                          \
  const dm_plugin_manifest *docmill_plugin_entry(void)
#endif

#ifdef __cplusplus
}
#endif
#endif
