/* SPDX-License-Identifier: MIT */
/*
 * What the Akoma Ntoso writer and reader share: the namespaces, the ISO 639
 * language map, and the conventions by which docmill carries in AKN what the
 * document model holds and AKN has no element for, so that Markdown -> AKN
 * -> Markdown loses nothing. This header is kept stable; the writer's owner
 * changes it only by adding. The conventions, as the writer applies them:
 *
 *  - Root: <akomaNtoso xmlns=AKN_NS xmlns:dm=AKN_DOCMILL_NS
 *    xmlns:dma=AKN_DOCMILL_ATTR_NS>. A document with
 *    metadata doc-type "resolution" is <statement name="resolution">; any
 *    other is <doc name="{doc-type or 'document'}">.
 *  - Every metadata key/value is in meta/proprietary[@source="#docmill"] as
 *    <dm:meta key="…" value="…"/>, in the document's order.
 *  - DIV roles: preface, preamble, main_body, conclusions at the top of a
 *    resolution become preface, preamble, mainBody, conclusions; formula ->
 *    formula name="enactingFormula"; runs of recitals -> recitals/recital;
 *    paragraph -> paragraph; runs of points -> list/point; section -> the
 *    AKN element its class names (article, chapter, part, section, …) or
 *    hcontainer name={class}. A div label is <num>. Children of a
 *    hierarchical element go to content, or intro / list / wrapUp; blocks
 *    between two hierarchical children are wrapped in
 *    hcontainer name="blocks" (content only). Explicit intro / wrap_up divs
 *    are written as intro / wrapUp content. Any other div, and any div where
 *    only blocks may stand, is blockContainer with dm:role={role name} (none
 *    for DM_ROLE_NONE) and class={div class}. lang attribute -> xml:lang.
 *  - Headings of a non-resolution document open nested
 *    <section class="hN"> elements (N = heading level) holding <heading>;
 *    a heading anywhere else is <p class="hN">.
 *  - Lists: ul / ol with li (each item's paragraphs as p), class "tight" or
 *    "loose", ol items carry value="{number}", dm:delim=")" when not "."; a
 *    bullet list's bullet as dm:delim="*" or "+" when not "-".
 *    A list whose items hold other blocks is blockList class="bullet|ordered
 *    tight|loose" with item/num.
 *  - Block quote -> blockContainer class="blockquote". Code block ->
 *    block name="code" xml:space="preserve" dm:info={info}. Raw block ->
 *    block name="raw" dm:format={format}. Thematic break -> block
 *    name="hr". Page break -> block name="pagebreak". Table -> table/tr/th|td,
 *    alignment as class="left|center|right".
 *  - Inlines: emph i, strong b, underline u, superscript sup, subscript sub,
 *    strike del, code inline name="code", raw inline name="raw"
 *    dm:format, link ref href (title), image img src alt, soft break a
 *    newline character in the text, line break br.
 *  - Spans: the AKN element named by the class when it is one of
 *    akn_span_elements() and its required attributes are present (docDate
 *    needs an ISO date, ref an href); otherwise inline name={class}; no
 *    class: span. Span attributes AKN has no place for are dma:{key}. A
 *    span of class ref is <ref href dm:node="span">, so that the reader
 *    tells it from a link, which is a ref without dm:node.
 *  - Notes: authorialNote marker={source marker} placement="bottom"
 *    eId=authorialNote_N (numbered across the whole document, with no
 *    prefix) at the reference; a note without a marker gets
 *    the next number and dm:auto="true". A further reference is
 *    noteRef href="#{note eId}" marker=….
 *  - Node attributes with no AKN counterpart are dma:{key} (namespace
 *    AKN_DOCMILL_ATTR_NS), so that they never meet the dm: marks above;
 *    "eId" is the source's own eId, written back where it is still
 *    free (made ones never take a kept one, so links keep their
 *    targets); "wId", "GUID" attributes are not copied (other eIds are
 *    made). The reader also takes dm:{key} for a key that is not
 *    one of the marks, as docmill wrote node attributes before.
 */
#ifndef DOCMILL_AKN_COMMON_H
#define DOCMILL_AKN_COMMON_H

#include <stddef.h>

#define AKN_NS "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
/* docmill's own attributes and metadata, allowed by AKN's ##other
 * wildcards. */
#define AKN_DOCMILL_NS "urn:docmill:akn:1"
/* The attributes of the model's nodes (dm_node_attr), in a namespace of
 * their own: a node attribute named like one of docmill's marks (role,
 * delim, info, format, auto, node) cannot then be written twice on one
 * element. */
#define AKN_DOCMILL_ATTR_NS "urn:docmill:akn:attr:1"
#define AKN_DOCMILL_ATTR_PREFIX "dma"

/* ISO 639-2/T code ("zho") for a BCP 47 tag or ISO 639-1 code ("zh",
 * "zh-Hans", "en-GB"); a tag that already is three letters is returned
 * lower-cased in buf; "und" when unknown. buf needs 4 bytes. */
const char *akn_lang_to_639_2(const char *tag, char buf[4]);
/* ISO 639-1 code ("zh") for an ISO 639-2/T or /B code ("zho", "chi"); NULL
 * when the language has no two-letter code in the table. Static storage. */
const char *akn_lang_to_639_1(const char *code);

/* NULL-terminated list of AKN inline element names a span class maps to one
 * to one. Static storage. */
const char *const *akn_span_elements(void);

/* Whether s is an ISO date YYYY-MM-DD with plausible month and day. */
int akn_is_iso_date(const char *s);

#endif
