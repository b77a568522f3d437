/* SPDX-License-Identifier: MIT */
/*
 * Text helpers for plugins: UTF-8 decoding and validation, the one policy
 * every reader applies to input that is not valid UTF-8 (or holds NUL
 * bytes), and the character and language tables writers need (CJK for
 * line joining, right to left for direction).
 */
#ifndef DOCMILL_TEXT_H
#define DOCMILL_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "buffer.h"
#include "ctx.h"
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Decodes one code point at s (at most len bytes). Returns its length in
 * bytes (1..4) and stores it in *cp; on invalid or overlong sequences,
 * surrogates or truncation returns -1 (and *cp = 0xFFFD). */
int dm_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);
/* Encodes cp into out (4 bytes room); returns the length or 0 if invalid. */
int dm_utf8_encode(uint32_t cp, unsigned char out[4]);
/* The offset of the first invalid byte, or len when s is valid UTF-8. */
size_t dm_utf8_validate(const unsigned char *s, size_t len);
/* The last code point ending at s + len (0 when none). */
uint32_t dm_utf8_last(const unsigned char *s, size_t len);
/* Han, Hiragana, Katakana, Hangul, CJK punctuation and full-width forms:
 * where wrapped lines join without a space. */
int dm_unicode_is_cjk(uint32_t cp);

/* Strong right-to-left characters: Hebrew, Arabic, Syriac, Thaana, NKo,
 * Samaritan, Mandaic, the Arabic supplements and presentation forms. */
int dm_unicode_is_rtl(uint32_t cp);
/* Whether a language (a BCP 47 tag such as "ar", "he-IL", "fa-Arab"; its
 * primary subtag decides, in any case) is written right to left: the one
 * table docmill has (Arabic, Hebrew, Persian, Urdu, Pashto, Yiddish,
 * Sindhi, Dhivehi, Uyghur, Central Kurdish, Syriac). 0 for NULL. */
int dm_lang_is_rtl(const char *lang);

/* ---- the one policy for bytes that are not UTF-8 text ------------------
 * Readers of text formats take their input through dm_utf8_clean: a NUL
 * byte becomes U+FFFD with a DM_DIAG_NUL_BYTE warning; an ill-formed
 * sequence is an error (DM_EFORMAT at its byte offset, naming line, column
 * and byte) unless
 * the reader runs leniently, when each maximal ill-formed subpart (Unicode
 * chapter 3, "U+FFFD substitution of maximal subparts", as browsers and
 * cmark do) becomes one U+FFFD with a DM_DIAG_ENCODING warning. A flood of
 * either is summarised by the context's warning caps (ctx.h). */

/* The offset of the first byte dm_utf8_clean would change (an ill-formed
 * sequence or a NUL byte), or len when s can be used as it is. */
size_t dm_utf8_clean_needed(const unsigned char *s, size_t len);
/* The length (1..3) of the maximal ill-formed subpart at s, which must not
 * start a valid sequence; *why (when why is not NULL) gets a short English
 * reason ("an overlong encoding"), static storage. */
size_t dm_utf8_invalid_len(const unsigned char *s, size_t len, const char **why);
/* Appends s to out under the policy above. Positions in messages count
 * lines and columns (code points) from the start of s, and bytes from
 * base. Returns DM_OK; DM_EFORMAT (recorded on ctx) for ill-formed input
 * when lenient is 0, with out holding the bytes before it; DM_ENOMEM when
 * out or a warning cannot grow. */
int dm_utf8_clean(dm_ctx *ctx, const unsigned char *s, size_t len, int lenient, uint64_t base, dm_buf *out);

#ifdef __cplusplus
}
#endif
#endif
