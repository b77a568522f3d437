/* SPDX-License-Identifier: MIT */
/*
 * Shared state of the DOCX writer, split by concern across docx_xml.c (the
 * parts' side of the library's XML writer), docx_body.c, docx_para.c and
 * docx_inline.c (document.xml and footnotes.xml: blocks, paragraphs, runs
 * and notes; their own state is in docx_body.h), docx_parts.c (the
 * fixed parts: styles, settings, numbering, properties, content types,
 * relationships) and docx_write.c (the descriptor, the pre-pass over the
 * tree and the OPC package). Nothing here is visible outside the plugin.
 */
#ifndef DOCMILL_DOCX_H
#define DOCMILL_DOCX_H

#include <stddef.h>
#include <stdint.h>

#include "docmill/docmill.h"
#include "docx_custom.h"

/* One XML part being written: a memory dm_xml whose bytes the zip entry
 * later takes (docx_write.c). */
typedef struct docx_xml {
  dm_xml *x;
  int err; /* sticky: DM_OK until the first failure, the dm_xml's or ours */
  struct docx_state *st;
  /* When set, docx_xml_flush_point hands the bytes so far to the zip entry
   * being written (docx_write.c) and the buffer starts again empty. */
  int (*drain)(struct docx_xml *x);
  void *drain_ctx;
} docx_xml;

/* The size at which a streamed part hands its bytes to the zip entry. */
#define DOCX_XML_CHUNK (256 * 1024)
/* Below this many nodes the body and notes are generated whole in the
 * writer's own thread: a producer thread (and the malloc arena glibc gives
 * it) costs more than the overlap it buys on a document that takes a
 * millisecond or two to write, such as a single resolution. */
#define DOCX_THREAD_MIN_NODES 20000

/* A relationship from a part to a hyperlink target. */
typedef struct docx_rels {
  char **targets; /* escaped URIs, malloc'd */
  size_t count, cap;
} docx_rels;

/* One w:num of numbering.xml, made per list node. */
typedef struct docx_list {
  int ordered;
  long start;
  char delim;
  int level;
} docx_list;

/* A note that becomes a w:footnote, in document order. */
typedef struct docx_note {
  const dm_node *node;
  int id;           /* w:id, from 1 */
  int referenced;   /* a DM_NODE_NOTE_REF points to it: needs a bookmark */
  const char *mark; /* the marker shown when custom marks are in use */
} docx_note;

/* A running head or foot: header1-3.xml and footer1-3.xml. */
#define DOCX_HF_SLOTS 6
typedef struct docx_hf {
  int present;
  const char *type; /* w:type: default, even, first */
  char *data;       /* the reference document's part, malloc'd; NULL: ours */
  size_t size;
} docx_hf;

/* A picture embedded as word/media/image<id>.<ext> (docx_media.c). */
typedef struct docx_image {
  unsigned char *data; /* the file's bytes, malloc'd */
  size_t size;
  const char *ext; /* png, jpeg, gif */
  long w, h;       /* pixels */
  int id;          /* from 1 */
  /* An SVG picture, word/media/image<id>.svg beside the PNG above, which
   * is its fallback for readers without SVG (Word's asvg:svgBlip). NULL
   * when the picture is not an SVG. malloc'd. */
  unsigned char *svg;
  size_t svg_size;
} docx_image;

typedef struct docx_state {
  dm_ctx *ctx;
  const dm_doc *doc;
  uint32_t max_depth;
  /* language */
  const char *lang;    /* BCP 47 tag for w:lang, region filled in */
  const char *ea_font; /* East Asian font slot, NULL when none */
  int east_asian;      /* the language is Chinese, Japanese or Korean */
  int rtl;             /* the language is written right to left */
  /* notes */
  docx_note *notes;
  size_t nnotes;
  dm_node_map *by_node;   /* note node -> its docx_note, for look-ups */
  int custom_marks;       /* markers do not run k, k+1, ...: w:customMarkFollows */
  long num_start;         /* the first marker when they do */
  char (*auto_marks)[24]; /* generated markers of unlabelled notes */
  /* numbering, relationships */
  docx_list *lists;
  size_t nlists, caplists;
  /* what the pre-pass found, for the parts the zip holds before the body
   * and notes are written: whether numbering.xml and footnotes.xml.rels
   * will exist */
  int has_lists, fn_has_links;
  size_t nnodes; /* nodes in the tree: small documents are written unthreaded */
  docx_rels doc_rels, fn_rels;
  int bookmark_id;
  int have_date;
  char date[32]; /* W3CDTF for docProps/core.xml */
  /* look (docx_look.c): the UN document profile, page and fonts */
  int un;                   /* a recognised resolution laid out as the UN prints it */
  int letter;               /* US Letter, else A4 */
  const char *font;         /* the body font */
  int size;                 /* the body size in half-points */
  const char *symbol, *job; /* running header and footer; NULL when unknown */
  docx_hf hf[DOCX_HF_SLOTS];
  /* the user's template (docx_ref.c), malloc'd; NULL when none */
  char *ref_styles;
  size_t ref_styles_len;
  char *ref_pgsz, *ref_pgmar;
  /* its numbering part, kept whole: its styles name its w:num ids. Ours
   * follow, numbered after its largest ids (num_base, abs_base). */
  char *ref_numbering;
  size_t ref_numbering_len;
  long num_base, abs_base;
  int ref_even_odd, ref_title_pg;
  /* pictures (docx_media.c) */
  docx_image *images;
  size_t nimages, capimages;
  dm_node_map *images_by_node; /* image node -> its id */
  /* document.xml and footnotes.xml as libzip read them (docx_custom.c) */
  docx_digest digest[2];
  int custom_tree; /* the part holds the model's tree (docx.model-part) */
} docx_state;

/* ---- docx_xml.c ---------------------------------------------------------- */
int docx_xml_open(docx_xml *x, docx_state *st);
/* Ends the document and frees the writer; the bytes stay in x->data. */
int docx_xml_close(docx_xml *x);
void docx_xml_discard(docx_xml *x);
void docx_start(docx_xml *x, const char *name);
void docx_end(docx_xml *x);
void docx_attr(docx_xml *x, const char *name, const char *value);
void docx_attr_int(docx_xml *x, const char *name, long long value);
/* An empty element with up to two attributes (names NULL when unused). */
void docx_empty(docx_xml *x, const char *name, const char *a1, const char *v1, const char *a2, const char *v2);
/* Character data, escaped under the library's character policy (xml.h),
 * pos named by its warning; dm_xml_take_rtl(x->x) tells whether it held a
 * strong right-to-left character (Hebrew, Arabic...). */
void docx_text(docx_xml *x, const char *s, size_t len, dm_pos pos);
/* Attribute value from the document, sanitised the same way. */
void docx_attr_text(docx_xml *x, const char *name, const char *s);
/* The buffer offset where content would go next (closing an open start
 * tag first), for docx_xml_insert. */
size_t docx_xml_mark(docx_xml *x);
/* Between paragraphs (never inside a run, whose offsets from
 * docx_xml_mark must stay valid): a streamed part hands over its bytes
 * once it holds DOCX_XML_CHUNK of them. */
void docx_xml_flush_point(docx_xml *x);
/* Inserts n bytes at offset at (from docx_xml_mark), moving what follows. */
void docx_xml_insert(docx_xml *x, size_t at, const char *s, size_t n);
/* A relationship target: the URL percent-encoded to a safe xsd:anyURI.
 * malloc'd; NULL when out of memory. */
char *docx_uri_escape(const char *url);
/* Adds a relationship and returns its number (rId<n>), or -1 on OOM. */
int docx_rels_add(docx_rels *r, const char *url);
void docx_rels_free(docx_rels *r);

/* ---- docx_body.c --------------------------------------------------------- */
int docx_write_document(docx_state *st, docx_xml *x);
int docx_write_footnotes(docx_state *st, docx_xml *x);
/* The note for a DM_NODE_NOTE, or NULL when it is not a footnote. */
docx_note *docx_note_find(docx_state *st, const dm_node *node);

/* ---- docx_parts.c -------------------------------------------------------- */
int docx_write_styles(docx_state *st, docx_xml *x);
int docx_write_settings(docx_state *st, docx_xml *x);
int docx_write_numbering(docx_state *st, docx_xml *x);
int docx_write_content_types(docx_state *st, docx_xml *x);
int docx_write_package_rels(docx_state *st, docx_xml *x);
int docx_write_part_rels(docx_state *st, docx_xml *x, const docx_rels *r, int is_document);
int docx_write_core(docx_state *st, docx_xml *x);
int docx_write_app(docx_state *st, docx_xml *x);
/* sectPr: page size and margins, footnote numbering. */
void docx_write_sectpr(docx_state *st, docx_xml *x);

/* ---- docx_custom.c ------------------------------------------------------ */
/* docmill's custom XML part (the metadata and the model's tree), its
 * properties and its relationships. */
/* Reads docx.model-part into st->custom_tree; DM_EUSAGE for a bad value. */
int docx_custom_setup(docx_state *st);
int docx_write_custom(docx_state *st, docx_xml *x);
int docx_write_custom_props(docx_state *st, docx_xml *x);
int docx_write_custom_rels(docx_state *st, docx_xml *x);

/* ---- docx_look.c -------------------------------------------------------- */
/* Decides the profile, page and fonts from the options and metadata. */
int docx_look_setup(docx_state *st);
/* The UN profile's paragraph and character styles, after the generic ones
 * (a later w:style of the same id is not allowed: these have ids of their
 * own, or replace the generic definition through docx_look_style_skip). */
void docx_look_styles(docx_state *st, docx_xml *x);
int docx_look_style_skip(const docx_state *st, const char *id);
/* Running head or foot slot (0-2 headers, 3-5 footers): the reference
 * document's, or ours (even and odd pages, mirrored). */
int docx_write_hf(docx_state *st, docx_xml *x, int slot);
/* The paragraph style of a line of the cover page, from the class of the
 * span it holds; NULL when it has none of the masthead's. recognised: the
 * line is of a preface a recogniser made from text (no AKN cover page),
 * told by its spans and by the document's metadata. */
const char *docx_look_cover_style(const dm_doc *doc, const dm_node *para, const dm_node *prev, int recognised);
/* The length of "73/7." when s starts with the document's number, a point
 * and a space (the title's line as a PDF gives it); 0 otherwise. */
size_t docx_look_title_number(const dm_doc *doc, const char *s, size_t len);
/* The usable width of the page in twips. */
long docx_look_text_width(const docx_state *st);

/* ---- docx_ref.c --------------------------------------------------------- */
/* Reads the template named by docx.reference-doc, if any: its styles,
 * page size and margins, running heads and feet. */
int docx_ref_load(docx_state *st);
void docx_ref_free(docx_state *st);
/* The numbering part: the template's with our abstract numberings and
 * numberings added after its own; ours is the part docx_write_numbering
 * made (with ids past num_base and abs_base). */
int docx_ref_numbering(docx_state *st, docx_xml *x, const char *ours, size_t len);
/* Copies a part of the template as it is after our XML declaration. */
int docx_ref_copy(docx_xml *x, const char *data, size_t len);
/* The styles part: the template's with ours appended where it lacks
 * them; ours is the part docx_write_styles made. */
int docx_ref_styles(docx_state *st, docx_xml *x, const char *ours, size_t len);
/* A file's bytes, malloc'd and NUL-terminated, at most max; NULL when it
 * cannot be read or is larger. */
unsigned char *docx_read_file(const char *path, size_t max, size_t *size);

/* ---- docx_media.c ------------------------------------------------------- */
/* Reads the pictures of the body the writer can embed; warns for each
 * that it cannot. */
int docx_media_collect(docx_state *st);
/* The embedded picture of an image node, or NULL (a placeholder then). */
docx_image *docx_media_find(docx_state *st, const dm_node *n);
void docx_media_free(docx_state *st);
/* The w:drawing of a picture, inside a w:r. */
void docx_media_drawing(docx_state *st, docx_xml *x, const docx_image *im, const char *alt);

/* Namespaces. */
#define DOCX_NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define DOCX_NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define DOCX_REL_BASE "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

/* The deflate level of every part. libzip's default (0) means level 9,
 * which on this markup costs about three times the time of level 6 for
 * about 5% less output (measured on the 20 MiB benchmark's parts: 0.87 s
 * against 0.32 s, 2.91 MB against 3.08 MB); level 1 is three times faster
 * again but its output is half as large again. Level 6, zlib's own
 * default, is the balance. bench/run.py reads this line to deflate at the
 * same level for its limit. */
#define DOCX_DEFLATE_LEVEL 6

/* Layout units, in twips: one indentation step (1 cm). */
#define DOCX_INDENT 567
/* The UN profile: the text block's indent from each margin, and the
 * first-line indent of clauses, as in the UN's own templates (0.88 in and
 * 0.33 in). */
#define DOCX_UN_BLOCK 1267
#define DOCX_UN_FIRST 475

#endif
