/* SPDX-License-Identifier: MIT */
/*
 * Shared state of the DOCX reader, split by concern: docx_read.c (the
 * descriptor, the probe, the package and the order in which parts are
 * read), docx_read_xml.c (libxml2's pull reader over one part, with the
 * rules every part is parsed under), docx_read_styles.c (styles.xml and
 * basedOn chains), docx_read_num.c (numbering.xml and the number Word
 * displays), docx_read_body.c (blocks: paragraphs, lists, quotes, code,
 * tables), docx_read_inline.c (runs, fields, links, notes at their
 * references) and docx_read_meta.c (core properties, settings, headers
 * and footers). Nothing here is visible outside the plugin.
 */
#ifndef DOCMILL_DOCX_READ_H
#define DOCMILL_DOCX_READ_H

#include <stddef.h>
#include <stdint.h>

#include "docx_libxml.h"
#include "docmill/buffer.h"
#include "docmill/docmill.h"
#include "docmill/zip.h"

/* ---- one XML part ------------------------------------------------------- */

/* Namespaces the reader tells apart (transitional and strict OOXML alike). */
enum {
  DOCX_NS_OTHER = 0,
  DOCX_NS_W,   /* wordprocessingml main */
  DOCX_NS_R,   /* relationships (attributes r:id, r:embed) */
  DOCX_NS_WP,  /* drawingml wordprocessing (wp:docPr) */
  DOCX_NS_A,   /* drawingml main (a:blip) */
  DOCX_NS_MC,  /* markup compatibility */
  DOCX_NS_REL, /* package relationships */
  DOCX_NS_CP,  /* core properties */
  DOCX_NS_DC,  /* Dublin Core elements */
  DOCX_NS_DCT, /* Dublin Core terms */
  DOCX_NS_V,   /* VML (w:pict images) */
  DOCX_NS_DM,  /* docmill's own custom XML part */
  DOCX_NS_COUNT
};

struct docx_rd;

typedef struct docx_x {
  struct docx_rd *rd;
  xmlTextReaderPtr r;
  const char *part;                      /* "word/document.xml" */
  const xmlChar *ns_seen[DOCX_NS_COUNT]; /* interned URIs met so far */
  char err[240];                         /* the parser's first error */
  int err_line, err_col;
} docx_x;

/* Opens a part held in memory (which must outlive the reader). DM_OK or an
 * error recorded on the context. */
int docx_x_open(docx_x *x, struct docx_rd *rd, const char *part, const unsigned char *data, size_t len);
void docx_x_close(docx_x *x);
/* Moves to the next child element of the element at depth (the element
 * the caller is on). 1: on a child element; 0: the parent ended (the
 * reader is on its end, or on the parent itself when it was empty);
 * negative: an error, recorded. */
int docx_x_child(docx_x *x, int depth);
/* Moves to the next element inside the element at depth, at any depth
 * below it, in document order; 1, 0 at its end, or an error. */
int docx_x_descend(docx_x *x, int depth);
/* Moves to the end of the current element, skipping what it holds. */
int docx_x_skip(docx_x *x);
/* The current element's namespace (DOCX_NS_*), local name and depth. */
int docx_x_ns(docx_x *x);
const char *docx_x_name(docx_x *x);
int docx_x_depth(docx_x *x);
int docx_x_empty(docx_x *x);
/* Whether the current element is ns:name. */
int docx_x_is(docx_x *x, int ns, const char *name);
/* Copies the value of attribute ns:name of the current element into buf
 * (cut to size - 1 bytes); NULL when it is absent. */
const char *docx_x_attr(docx_x *x, int ns, const char *name, char *buf, size_t size);
/* The w:val attribute as a number, or def when absent or not a number. */
long docx_x_val_long(docx_x *x, long def);
/* On/off properties (<w:b/>, <w:b w:val="false"/>): 1 or 0. */
int docx_x_onoff(docx_x *x);
/* Appends the text the current element holds (all of it, to its end) to
 * buf; cut at limit bytes. */
int docx_x_text(docx_x *x, dm_buf *buf, size_t limit);
/* One step of the pull reader, under the rules of every part (no DOCTYPE,
 * no entity): 1, 0 at the end of the part, or an error, recorded. Then the
 * node's type (XML_READER_TYPE_*), and the value of a text node. */
int docx_x_step(docx_x *x);
int docx_x_type(docx_x *x);
const char *docx_x_value(docx_x *x);
/* The attribute name (in no namespace) of the current element, copied into
 * the document's arena, whole; NULL when it is absent or out of memory
 * (then recorded). */
const char *docx_x_attr_dup(docx_x *x, const char *name);
/* The line of the current node, for positions. */
dm_pos docx_x_pos(docx_x *x);

/* ---- styles ------------------------------------------------------------- */

/* Run formatting: each flag -1 unset (inherit), 0 off, 1 on. */
typedef struct docx_fmt {
  signed char b, i, u, strike, sup, sub, code, hidden;
} docx_fmt;

enum docx_style_kind {
  DOCX_SK_BODY = 0,
  DOCX_SK_HEADING, /* level in docx_style.level */
  DOCX_SK_TITLE,
  DOCX_SK_QUOTE,
  DOCX_SK_CODE,
  DOCX_SK_LIST,            /* a list paragraph without numbering of its own */
  DOCX_SK_NOTE_TEXT,       /* footnote / endnote text */
  DOCX_SK_PREFACE_HEADING, /* docmill's own preface headings */
  DOCX_SK_NOTE_MARK,       /* the character style of note marks */
  DOCX_SK_PLAIN            /* never a heading by the style's outline level */
};

typedef struct docx_style {
  const char *id, *name, *based_on;
  char type;           /* 'p' paragraph, 'c' character, 't' table, 'n' numbering */
  signed char outline; /* -1 unset, 0..9 (w:outlineLvl) */
  signed char ilvl;    /* -1 unset */
  signed char bidi;    /* -1 unset, 0 left to right, 1 right to left */
  long num_id;         /* -1 unset, 0 numbering off */
  docx_fmt fmt;
  unsigned char kind, level;
  unsigned char state; /* 0 unresolved, 1 resolving, 2 resolved */
} docx_style;

int docx_styles_read(struct docx_rd *rd, const unsigned char *data, size_t len);
/* Reads a w:rPr (of a style or a run) at depth into f, and the character
 * style (w:rStyle) into rstyle when it is not NULL. */
int docx_read_rpr(docx_x *x, docx_fmt *f, int depth, char *rstyle, size_t rsize);
/* The style of that id and type ('p', 'c', 'n'), resolved; NULL if none. */
const docx_style *docx_style_find(struct docx_rd *rd, const char *id, char type);
/* The default paragraph style, or NULL. */
const docx_style *docx_style_default(struct docx_rd *rd);

/* ---- numbering ---------------------------------------------------------- */

enum docx_numfmt_kind { DOCX_NF_DECIMAL = 0, DOCX_NF_BULLET, DOCX_NF_NONE, DOCX_NF_OTHER };

int docx_num_read(struct docx_rd *rd, const unsigned char *data, size_t len);
/* Counts one paragraph numbered (num_id, ilvl) and gives the number Word
 * displays for it in label (NUL-terminated, "" for none), whether the
 * level is a bullet, decimal or other, its counter value and whether its
 * text is exactly "%N." / "%N)" (delim '.' or ')', else 0). Returns 0 when
 * the paragraph is not numbered after all (numId 0 or unknown). */
typedef struct docx_numbered {
  char label[64];
  int kind;
  long value;
  char delim;
} docx_numbered;
int docx_num_next(struct docx_rd *rd, long num_id, int ilvl, docx_numbered *out);
/* Formats n in Word's format named fmt into out (size > 16); returns the
 * format's kind. Used for footnote and endnote marks too. */
int docx_num_format(const char *fmt, long n, char *out, size_t size);

/* ---- notes -------------------------------------------------------------- */

typedef struct docx_note {
  long id;
  dm_node *node; /* DM_NODE_NOTE, detached until its first reference */
  int used;
} docx_note;

typedef struct docx_notes {
  docx_note *v;
  size_t n, cap;
  char fmt[32]; /* numFmt of the automatic marks */
  long start;   /* numStart */
  long next;    /* automatic marks given so far */
} docx_notes;

/* A note or reference whose mark is Word's automatic number, labelled once
 * the body (and the section's numbering settings) are known. */
typedef struct docx_auto_mark {
  dm_node *node;
  int endnote;
  long ordinal;
} docx_auto_mark;

int docx_notes_read(struct docx_rd *rd, int endnotes, const unsigned char *data, size_t len);

/* ---- the reader --------------------------------------------------------- */

/* A relationship of document.xml: id -> target part or URL. */
typedef struct docx_rel {
  const char *id, *target, *type;
  int external;
} docx_rel;

/* Open lists of one block container. */
typedef struct docx_open_list {
  dm_node *list, *item;
  int ilvl;
  long num_id, next;
  int kind;
  char delim;
} docx_open_list;

typedef struct docx_blocks {
  dm_node *parent;
  dm_node *quote; /* the block quote consecutive quote paragraphs go into */
  docx_open_list lists[10];
  int nlists;
} docx_blocks;

/* One level of an open complex field (w:fldChar). */
typedef struct docx_field {
  int result;          /* past w:fldChar separate */
  int kind;            /* DOCX_FLD_* */
  dm_node *saved_root; /* HYPERLINK: where inlines went before its link */
  char instr[256];
  size_t instr_len;
} docx_field;

enum { DOCX_FLD_OTHER = 0, DOCX_FLD_HYPERLINK, DOCX_FLD_NOTEREF };

/* The paragraph being filled: formatting nodes open under root. */
typedef struct docx_para {
  dm_node *block; /* the paragraph or heading */
  dm_node *root;  /* where inlines go: block, or a link */
  dm_node *open[8];
  unsigned char open_kind[8];
  int nopen;
  int at_start;         /* nothing but a note's own mark so far */
  int strip_space;      /* 1: drop one leading space (after a note's own
                           mark); 2: every leading space (a line's start) */
  docx_note *custom;    /* a w:customMarkFollows reference waiting for its mark */
  dm_node *custom_node; /* the note or note reference that mark labels */
  dm_buf custom_mark;
  int page_break;   /* a w:br type="page" met */
  int code;         /* a code block: text goes into block's literal */
  int in_note_mark; /* in the leading note-mark runs of a note */
  int title_tab;    /* a ResolutionTitle: its first tab, after "75/158.", is
                       the writer's hang and reads as the space it was */
} docx_para;

typedef struct docx_rd {
  dm_ctx *ctx;
  dm_doc *doc;
  int status;
  uint32_t max_depth;
  const char *part; /* being read, for messages */
  /* package: the relationships of the main part, and of the part being
   * read (each part resolves its r:id through its own) */
  const char *main;
  docx_rel *mrels, *rels;
  size_t nmrels, nrels;
  /* styles */
  docx_style *styles;
  size_t nstyles;
  const docx_style *default_p;
  char lang[3][36]; /* docDefaults' w:lang: w:val, w:eastAsia, w:bidi */
  size_t paras, bidi_paras;
  /* numbering */
  struct docx_abs *abs;
  size_t nabs;
  struct docx_num *nums;
  size_t nnums;
  /* notes */
  docx_notes foot, end;
  docx_auto_mark *marks;
  size_t nmarks, capmarks;
  int in_note; /* reading footnotes.xml / endnotes.xml */
  /* fields */
  docx_field fld[8];
  int nfld, fld_overflow;
  /* bookmarks around a note reference, for NOTEREF fields */
  struct {
    char name[64], id[32];
    docx_note *note;
    int open;
  } * bm;
  size_t nbm, capbm;
  /* counts for the warnings given once, at the end */
  size_t deletions, insertions, comments, images, textboxes, hidden, unknown, merged, num_missing, fmt_unknown;
  const char *first_fmt; /* the first number format not known */
  const char *first_unknown;
  /* scratch */
  dm_buf text;
  int depth;         /* nesting of blocks being read */
  dm_node *drop_cap; /* a drop cap's paragraph, waiting for the next one */
  dm_node *beside;   /* a framed paragraph, read after the next one */
  dm_node *boxes;    /* text boxes' blocks, placed after their anchor paragraph */
  int in_box;        /* > 0 while a text box's blocks are read */
  /* docmill's custom part: its metadata, key and value in turn (arena
   * strings), for the keys the package does not give */
  const char **cmeta;
  size_t ncmeta, capcmeta;
} docx_rd;

/* Whether the n bytes at s hold the string what. */
int docx_mem_has(const unsigned char *s, size_t n, const char *what);
/* Records an out-of-memory error once and returns it. */
int docx_nomem(docx_rd *rd);
/* Records a format error at the current position of x. */
int docx_bad(docx_rd *rd, docx_x *x, const char *fmt, ...) DM_PRINTF(3, 4);
/* The relationship of that id, or NULL. */
const docx_rel *docx_rel_find(const docx_rd *rd, const char *id);

/* Reads the block children of the element at depth into bl. */
int docx_body_blocks(docx_rd *rd, docx_x *x, docx_blocks *bl, int depth);
/* Closes what a block container holds open (lists, quotes). */
void docx_blocks_close(docx_blocks *bl);
/* Reads the document body of document.xml. */
int docx_body_read(docx_rd *rd, const unsigned char *data, size_t len);
/* Reads the runs and inline content of the paragraph-level element x is on
 * (a w:p, or a container inside one) into p. */
int docx_inline_children(docx_rd *rd, docx_x *x, docx_para *p, const docx_style *ps, int depth);
/* The same for the one element x is on. */
int docx_inline_one(docx_rd *rd, docx_x *x, docx_para *p, const docx_style *ps);
/* Gives a custom note mark still waiting at the paragraph's end its text
 * (or "*" when none came). */
int docx_inline_custom_end(docx_rd *rd, docx_para *p);
/* Reads the one block-level element x is on into bl. */
int docx_block_one(docx_rd *rd, docx_x *x, docx_blocks *bl);
/* Drops spaces ending the text so far (before a break, at the end). */
void docx_trim_end(docx_para *p);
/* Closes the formatting nodes open in p. */
void docx_para_reset(docx_para *p);
/* Labels the notes whose marks are Word's numbers. */
int docx_notes_finish(docx_rd *rd);

/* docmill's custom XML part (docx_read_custom.c): *done set when its tree
 * and metadata are the document, else its metadata kept in rd->cmeta for
 * docx_custom_meta, after the rest of the package is read. */
int docx_custom_read(docx_rd *rd, dm_zip *zip, int *done);
int docx_custom_meta(docx_rd *rd);

int docx_meta_core(docx_rd *rd, const unsigned char *data, size_t len);
int docx_meta_settings(docx_rd *rd, const unsigned char *data, size_t len);
int docx_meta_furniture(docx_rd *rd, const char *part, const unsigned char *data, size_t len);

#endif
