/* SPDX-License-Identifier: MIT */
/*
 * Private to the Akoma Ntoso reader: the state one read shares between its
 * files. akn_read_xml.c drives libxml2's SAX parser and keeps the stack of
 * open elements; akn_read_elems.c decides what each AKN element becomes in
 * the document model; akn_read_meta.c turns meta/identification into
 * metadata and keeps the notes of meta/notes for their references;
 * akn_read_zip.c opens .akn packages. No tree of the XML is ever built: each
 * element goes straight into the model as it is parsed, which is what keeps
 * peak memory near the size of the model itself.
 */
#ifndef DOCMILL_AKN_READ_H
#define DOCMILL_AKN_READ_H

#include <stddef.h>
#include <stdint.h>

#include "akn_common.h"
#include "docmill/docmill.h"

/* How the content of an open element is handled. */
typedef enum akn_mode {
  AKN_M_BLOCK = 0, /* node holds blocks: text opens an implicit paragraph */
  AKN_M_INLINE,    /* node holds inlines */
  AKN_M_COLLECT,   /* text is gathered into rd->collect (num) */
  AKN_M_META,      /* inside meta: akn_meta_start decides */
  AKN_M_SKIP       /* the whole subtree is ignored */
} akn_mode;

typedef struct akn_frame {
  akn_mode mode;
  unsigned char kind;               /* akn_kind of the element (akn_read_elems.c) */
  unsigned char is_div;             /* node is a DIV this element created */
  unsigned char th_cells, td_cells; /* a table row: kinds of cells seen */
  unsigned char flags;              /* AKN_F_* */
  int level;                        /* heading level in force before this element */
  dm_node *node;                    /* where the content goes; NULL when none */
  dm_node *implicit;                /* the implicit paragraph/row/cell/item open in node */
  dm_node *created;                 /* the node this element created (for its end) */
} akn_frame;

/* Frame flags. */
#define AKN_F_ITEM_NUM 1u /* num: the number of a list item, not a label */
#define AKN_F_LITERAL 2u  /* collect: the text is a code/raw literal */
#define AKN_F_HLEVEL 4u   /* the element set rd->hlevel */

/* One note by eId, for noteRef and meta/notes. */
typedef struct akn_note_slot {
  const char *eid; /* in the document's arena; NULL when the slot is free */
  size_t hash;     /* of eid, so that growing the table reads no string */
  dm_node *note;
  int placed; /* attached to the tree (from meta/notes: at first ref) */
} akn_note_slot;

/* Slots of the element-kind cache (a power of two, above the number of
 * element names a document uses). */
#define AKN_KIND_CACHE 256

typedef struct akn_reader {
  dm_ctx *ctx;
  const dm_input *in; /* the input, whose fed bytes are handed back */
  dm_doc *doc;
  dm_limits limits;
  void *pctx;       /* xmlParserCtxtPtr of the file being parsed */
  const char *part; /* name of the package entry being parsed, or NULL */
  int status;       /* first error; once set every callback returns */
  /* The first fatal error the parser reported: later ones follow from it. */
  char xml_error[256];
  dm_pos xml_error_pos;
  int xml_error_code;

  akn_frame *stack;
  size_t depth, cap;

  /* Element kinds by name, keyed by the address libxml2 interned the name
   * at in its dictionary: one file's parser hands out the same address for
   * the same name, so after the first start tag of each name no string is
   * compared. Cleared for each parser. */
  struct {
    const char *name;
    unsigned char kind, special;
  } kinds[AKN_KIND_CACHE];

  /* Text waiting to be placed, so whitespace can be judged as a whole. */
  dm_buf text;
  /* The num (or other gathered text) being collected. */
  dm_buf collect;
  /* An attribute value on its way to a setter that copies it. */
  char *scratch;
  size_t scratch_cap;
  /* No visible content yet in the innermost inline container: leading
   * whitespace is dropped there. */
  int inline_empty;

  /* Per file. */
  int seen_root;
  const char *ns;    /* namespace URI of the root (libxml2's dict) */
  int doc_elements;  /* document-type elements open (act, doc, ...) */
  int sections_open; /* DIV sections open: heading levels */
  int meta_read;     /* identification already taken from a meta */
  int in_frbr;       /* 'W', 'E', 'M' or 0 */
  int resolution;    /* this file is a statement name="resolution":
                        its paragraphs are operative paragraphs */
  int docmill;       /* written by docmill: the root declares its namespace */
  int hlevel;        /* heading level from an enclosing section class="hN" */
  int dm_meta_seen;  /* metadata came from proprietary dm:meta */
  /* FRBR values, applied at the end of meta unless dm:meta gave them. */
  const char *frbr_number, *frbr_date, *frbr_lang, *frbr_country;
  unsigned unknown_warned; /* unknown-element warnings given in this file */
  int subset;              /* the DOCTYPE has an internal subset: refused at the root */
  unsigned dup_warned;     /* duplicate-eId warnings given in this file */
  /* Hashes of the eIds seen in this file (open addressing, 0 = free): a
   * hash, not the string, keeps the memory small on large documents. */
  uint64_t *eids;
  size_t eids_cap, eids_count;
  /* The last eId met, not yet in eids (akn_read_eid_flush): its hash,
   * its text (cut for the message) and where it was. */
  uint64_t eid_pending;
  char eid_pending_text[120];
  int eid_pending_len;
  dm_pos eid_pending_pos;

  /* Notes by eId (open addressing, power-of-two size). */
  akn_note_slot *notes;
  size_t notes_cap, notes_count;
  uint64_t notes_total; /* NOTE nodes made, against limits.max_notes */

  /* The document itself (main.xml of a package) is a resolution: set
   * once, never by a component, and what gives the doc-type. */
  int doc_resolution;

  /* TLCs of meta/references: eId -> showAs, for FRBRauthor. */
  const char *author_ref; /* href of FRBRWork/FRBRauthor, in the arena */

  /* A meta block being kept as markup (akn_read_raw.c): raw_begin asks
   * the SAX layer to start with the element just opened, raw_depth is the
   * stack depth of that element while it is open (0: none). */
  int raw_begin, raw_tag_open;
  dm_node *raw_node;  /* the component whose meta is being kept, or NULL */
  dm_node *component; /* the component div of the attachment being read */
  size_t raw_depth;
  char *raw;
  size_t raw_len, raw_cap;
} akn_reader;

/* ---- akn_read_xml.c ----------------------------------------------------- */

/* Parses one AKN XML document from memory into the model, under parent
 * (the document root, or a component DIV of a package). DM_OK or an error
 * recorded on rd->ctx. */
int akn_read_xml(akn_reader *rd, const unsigned char *data, size_t size, dm_node *parent);
/* The position of the parser now, for diagnostics. */
dm_pos akn_read_pos(const akn_reader *rd);
/* Records an error (once), stops the parser and returns the status. */
int akn_read_fail(akn_reader *rd, int status, const char *fmt, ...) DM_PRINTF(3, 4);
/* Places pending text in the current inline target. */
int akn_read_flush_text(akn_reader *rd);
/* The node inlines go into now (opening an implicit paragraph when the
 * open element holds blocks), or NULL after an error. */
dm_node *akn_read_inline_target(akn_reader *rd);
/* The node a block goes into now, or NULL when the open element holds
 * inlines (the block is then read as inline content). Closes an implicit
 * paragraph first. */
dm_node *akn_read_block_target(akn_reader *rd, dm_node_type type);
/* Ends an inline container: trailing whitespace and breaks are trimmed. */
void akn_read_trim_trailing(dm_node *container);
/* Pushes a frame; DM_OK or an error (depth limit, memory). */
int akn_read_push(akn_reader *rd, akn_mode mode, dm_node *node);
static inline akn_frame *akn_read_top(akn_reader *rd) { return rd->depth ? &rd->stack[rd->depth - 1] : NULL; }
/* A new node of the document, or NULL with an out-of-memory error
 * recorded. */
dm_node *akn_read_new(akn_reader *rd, dm_node_type t);
/* Appends child to parent; DM_OK, or an error naming both types when the
 * model does not let parent hold child. */
int akn_read_append(akn_reader *rd, dm_node *parent, dm_node *child);
/* Appends bytes to rd->collect. */
int akn_read_collect(akn_reader *rd, const char *s, size_t len);

/* ---- akn_read_elems.c --------------------------------------------------- */

/* SAX2 attributes as libxml2 passes them: 5 pointers per attribute. */
typedef struct akn_attrs {
  const unsigned char **v;
  int n;
} akn_attrs;

/* The value of attribute name (no namespace, or xml: for "lang") copied
 * into the arena, or NULL when absent. */
const char *akn_read_attr(akn_reader *rd, const akn_attrs *a, const char *name);

/* The value of dm:name, copied into the arena, or NULL. */
const char *akn_read_attr_dm(akn_reader *rd, const akn_attrs *a, const char *name);

/* Checks the last eId met against the earlier ones (see akn_check_eid). */
int akn_read_eid_flush(akn_reader *rd);
int akn_elem_start(akn_reader *rd, const char *name, const char *uri, const akn_attrs *a);
int akn_elem_end(akn_reader *rd);

/* ---- akn_read_meta.c ---------------------------------------------------- */

/* An element inside meta (mode AKN_M_META). */
int akn_meta_start(akn_reader *rd, const char *name, const char *uri, const akn_attrs *a);
/* Called when the outermost meta ends. */
int akn_meta_end(akn_reader *rd);
/* The BCP 47 tag for an ISO 639-2/T or 639-2/B code ("zho" -> "zh");
 * anything else unchanged. Static storage or s itself. */
const char *akn_lang_to_bcp47(const char *s);
/* Notes by eId. */
int akn_notes_put(akn_reader *rd, const char *eid, dm_node *note, int placed);
akn_note_slot *akn_notes_get(akn_reader *rd, const char *eid);
/* Warns about notes of meta/notes never referenced. */
int akn_notes_finish(akn_reader *rd);
void akn_notes_free(akn_reader *rd);

/* ---- akn_read_raw.c ----------------------------------------------------- */

/* Whether a child of the document's meta named name (with its source
 * attribute, or NULL) is kept as markup in the metadata. */
int akn_raw_wanted(akn_reader *rd, const char *name, const char *src);
/* The events of the kept block, as the SAX layer sees them. */
void akn_raw_open(akn_reader *rd, const char *local, const char *prefix, const char *uri, int nattrs,
                  const unsigned char **attrs);
void akn_raw_close(akn_reader *rd, const char *local, const char *prefix, const char *uri);
void akn_raw_text(akn_reader *rd, const char *s, size_t n);
/* Stores the block ended as metadata "akn:meta:{local}". */
int akn_raw_finish(akn_reader *rd, const char *local);

/* ---- akn_read_cover.c --------------------------------------------------- */

/* Metadata from the masthead (coverPage), the preface and the kept meta
 * blocks of a document docmill did not write. DM_OK or an error. */
int akn_meta_from_body(akn_reader *rd);

/* ---- akn_read_zip.c ----------------------------------------------------- */

/* Whether data looks like a ZIP archive holding main.xml. */
int akn_zip_probe(const unsigned char *data, size_t size);
/* Reads a .akn package: main.xml, then every other component. */
int akn_read_zip(akn_reader *rd, const unsigned char *data, size_t size);

#endif
