/* SPDX-License-Identifier: MIT */
/*
 * The XML writer every plugin that writes XML uses (DOCX parts, Akoma
 * Ntoso, any third-party format): markup written straight into a buffer,
 * handed to a sink as it fills or kept in memory, behind a sticky status
 * so that a writer reads as the list of elements it writes and checks once
 * at the end. Element and attribute names are the caller's constants and
 * are written as given; every value and every character of text is
 * escaped here (in text < > & " and CR; in attributes tab and line ends
 * too, which attribute-value normalisation would otherwise turn into
 * spaces), the bytes xmlTextWriter of libxml2 2.9 writes.
 *
 * One policy for characters XML 1.0 cannot hold (C0 controls but tab, line
 * feed and carriage return; U+FFFE, U+FFFF; bytes that are not UTF-8, one
 * by one): each is written as U+FFFD, and a document that had any gets one
 * DM_DIAG_INVALID_CHAR warning (dm_warn_once: one per document, however
 * many parts) naming how many and the first, in every format alike, so
 * that one document gives the same text whatever XML format it goes to.
 */
#ifndef DOCMILL_XML_H
#define DOCMILL_XML_H

#include <stddef.h>
#include <stdint.h>

#include "ctx.h"
#include "sink.h"
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct dm_xml dm_xml;

/* Bytes a sink-backed writer gathers before each dm_sink_write. */
#define DM_XML_CHUNK 65536

/* A writer onto out (borrowed; it must outlive the writer), or, when out is
 * NULL, into memory (dm_xml_data, dm_xml_take). Errors are recorded on ctx
 * (borrowed) and the character warning is given by dm_xml_finish; with ctx
 * NULL (a writer run in a thread of its own, since a context belongs to
 * one thread) neither is, and the caller gives the warning with
 * dm_xml_report from the context's thread. NULL when out of memory. */
dm_xml *dm_xml_new(dm_ctx *ctx, dm_sink *out);
/* Frees the writer and any bytes it still holds. NULL-safe. */
void dm_xml_free(dm_xml *x);

/* The first error (DM_OK while none): DM_ENOMEM; DM_EIO from the sink;
 * DM_EINTERNAL for a misuse by the caller (an attribute outside a start
 * tag, an end without a start, an insertion into a sink-backed writer). */
int dm_xml_status(const dm_xml *x);
/* Records status as the writer's error unless it already has one; returns
 * the writer's status. For a caller's own failure midway through a part. */
int dm_xml_fail(dm_xml *x, int status);

/* <?xml version="1.0" encoding="UTF-8"?> (with standalone="yes" when
 * standalone is set) and a line feed. */
void dm_xml_declaration(dm_xml *x, int standalone);
/* A start tag "<name", left open for attributes. name is borrowed until
 * the matching dm_xml_end. */
void dm_xml_start(dm_xml *x, const char *name);
/* "/>" when nothing was written since the start tag, else "</name>". */
void dm_xml_end(dm_xml *x);
/* The number of open elements. */
size_t dm_xml_depth(const dm_xml *x);
/* An attribute of the open start tag: name="value" (value escaped, under
 * the character policy; a NULL value writes nothing). */
void dm_xml_attr(dm_xml *x, const char *name, const char *value);
void dm_xml_attr_int(dm_xml *x, const char *name, long long value);
/* An attribute written in pieces: ' prefix:name="' (prefix may be NULL),
 * then any number of value pieces, escaped, then the closing quote. */
void dm_xml_attr_begin(dm_xml *x, const char *prefix, const char *name);
void dm_xml_attr_value(dm_xml *x, const char *s, size_t len);
void dm_xml_attr_end(dm_xml *x);
/* Character data: len bytes of s, escaped, under the character policy. */
void dm_xml_text(dm_xml *x, const char *s, size_t len);
/* Bytes written as they are, after ending an open start tag: indentation,
 * or markup the caller knows to be well-formed. */
void dm_xml_raw(dm_xml *x, const char *s, size_t len);
/* The position the character warning names (default: none). */
void dm_xml_set_pos(dm_xml *x, dm_pos pos);
/* Whether text or attribute values written since the last call held a
 * strong right-to-left character (dm_unicode_is_rtl); clears the flag. */
int dm_xml_take_rtl(dm_xml *x);
/* How many characters the policy replaced so far. */
uint64_t dm_xml_replaced(const dm_xml *x);

/* Ends every open element, hands what is left to the sink (a memory writer
 * keeps it) and, when the writer has a context, gives the character
 * warning. Returns the status. */
int dm_xml_finish(dm_xml *x);
/* Gives the character warning on ctx if the writer replaced any character
 * (once per document, with dm_warn_once). DM_OK or DM_ENOMEM. */
int dm_xml_report(const dm_xml *x, dm_ctx *ctx);

/* ---- memory writers ---- */
/* The offset where content goes next (ending an open start tag first), for
 * dm_xml_insert. */
size_t dm_xml_mark(dm_xml *x);
/* Inserts n bytes as they are at offset at (from dm_xml_mark), moving what
 * follows. */
void dm_xml_insert(dm_xml *x, size_t at, const char *s, size_t n);
/* The bytes so far: borrowed until the next call on x. */
const char *dm_xml_data(const dm_xml *x, size_t *len);
/* Takes the bytes so far (the caller owns them and frees them with free())
 * and goes on writing into an empty buffer; offsets from dm_xml_mark are
 * then void. NULL with *len 0 when there were none or on error. */
char *dm_xml_take(dm_xml *x, size_t *len);

/* XML 1.0 section 2.2: whether a document may hold the character cp. */
int dm_xml_char_ok(uint32_t cp);

#ifdef __cplusplus
}
#endif
#endif
