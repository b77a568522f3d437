/* SPDX-License-Identifier: MIT */
/*
 * What the files of the Markdown plugin share: the reader's probe and read
 * hooks (markdown_read.c, markdown_probe.c) and the writer's hook
 * (markdown_write.c), which markdown.c gathers into the plugin's const
 * descriptors. Nothing here is public API.
 */
#ifndef DOCMILL_PLUGIN_MARKDOWN_H
#define DOCMILL_PLUGIN_MARKDOWN_H

#include <cmark-gfm.h>

#include "docmill/docmill.h"

int dmi_markdown_probe(const dm_input *in);
/* markdown_front.c: reads YAML front matter ("---" ... "---" at the top)
 * into doc's metadata. When there is one, *blanked (malloc'd, the caller
 * frees it) is a copy of the input with the block turned into blank lines,
 * for the parser; otherwise NULL. DM_OK, or DM_ENOMEM. */
int dmi_markdown_front_matter(dm_ctx *ctx, dm_doc *doc, const dm_input *in, unsigned char **blanked);
/* The metadata key holding the front matter block as written ("---" to
 * "---", without the final line end). */
#define DMI_MARKDOWN_FRONT_MATTER "markdown-front-matter"

int dmi_markdown_read(dm_ctx *ctx, void *priv, const dm_input *in, dm_doc *doc);
/* Pieces of a Markdown text between the places where it may be cut
 * (markdown_segment.c). Piece i runs from chunks[i].off to the next
 * piece's offset (or the end); chunks[0] starts at 0. */
enum { DMI_MD_PLAIN, DMI_MD_NOTE, DMI_MD_REFDEF };

typedef struct dmi_md_chunk {
  size_t off;
  uint32_t line;      /* its first line, counted from 1 as cmark does */
  uint8_t kind;       /* DMI_MD_PLAIN, _NOTE ("[^x]:" and its content), _REFDEF */
  uint32_t label_len; /* DMI_MD_NOTE: the label's length, from off + 2 */
} dmi_md_chunk;

typedef struct dmi_md_scan {
  dmi_md_chunk *chunks; /* malloc'ed; the caller frees it */
  size_t n;
  int ok;          /* 0: a definition sits where pieces could not share it */
  const char *why; /* when not ok, a static string saying why */
  int eof_open;    /* the text may end inside a fence or HTML block */
} dmi_md_scan;

/* Scans s for the places a parse may be cut. Returns 0, or -1 when out of
 * memory (sc->chunks then still to be freed). */
int dmi_markdown_scan(const char *s, size_t len, dmi_md_scan *sc);

/* Refuses (DM_ELIMIT, with the line) input on which cmark-gfm would take
 * time or memory out of proportion to its size (markdown_guard.c). */
int dmi_markdown_guard(dm_ctx *ctx, const char *s, size_t len);

/* cmark-gfm parsers whose memory is charged to the conversion's budget
 * (markdown_mem.c). Once a charge is refused inside dmi_md_feed or
 * dmi_md_finish, the parse is abandoned: every later call of these does
 * nothing (NULL for a parser or a tree) until dmi_md_sweep, which the reader
 * calls last, after freeing its trees, to free what the abandoned parser
 * held; it returns whether that happened. */
cmark_parser *dmi_md_parser_new(int options);
void dmi_md_feed(cmark_parser *p, const char *s, size_t len);
cmark_node *dmi_md_finish(cmark_parser *p); /* and frees p */
void dmi_md_parser_free(cmark_parser *p);
int dmi_md_sweep(void);

int dmi_markdown_write(dm_ctx *ctx, void *priv, const dm_doc *doc, dm_sink *out);

/* Around emphasis delimiters (markdown_flank.c): the flanking class of a
 * code point as cmark-gfm judges it (0, the edge of a line, is a space). */
enum { DMI_MD_OTHER, DMI_MD_SPACE, DMI_MD_PUNCT };
int dmi_md_flank_class(uint32_t cp);
/* The last code point of s[0, len) and where it starts (0 when empty). */
uint32_t dmi_md_last_cp(const char *s, size_t len, size_t *start);
/* Bytes of flanking whitespace (no line end) at the start / end of s. */
size_t dmi_md_space_prefix(const char *s, size_t len);
size_t dmi_md_space_suffix(const char *s, size_t len);
/* The first code point the writer puts out for n and its next siblings
 * (0 when none: the end of the block); the first skip bytes of the literal
 * of skip_node do not count. */
uint32_t dmi_md_first_cp(const dm_node *n, const dm_node *skip_node, size_t skip);
/* The first code point after n and its closing mark. */
uint32_t dmi_md_next_cp(const dm_node *n);

#endif
