/* SPDX-License-Identifier: MIT */
/*
 * What the Markdown writer needs to know about the characters around an
 * emphasis delimiter. CommonMark reads "*" or "_" as opening emphasis only
 * when the run is left-flanking and as closing it only when right-flanking,
 * judged by the character before and after the run: whitespace,
 * punctuation or anything else. So "*Recalling,*also" is no emphasis (a
 * closer after punctuation must be followed by whitespace or punctuation),
 * nor is "x*,y*". The writer looks at what it has written before a
 * delimiter and at the model for what comes after, with these classes,
 * which follow cmark-gfm 0.29 (its whitespace is Unicode Zs plus tab and
 * line ends; its punctuation is ASCII punctuation and Unicode P*, of which
 * the blocks used by the languages docmill meets are listed here).
 */
#include "markdown.h"

int dmi_md_flank_class(uint32_t cp) {
  if (cp == 0 || cp == '\t' || cp == '\n' || cp == '\f' || cp == '\r' || cp == ' ' || cp == 0xA0 || cp == 0x1680 ||
      (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000)
    return DMI_MD_SPACE;
  if (cp < 0x80) {
    int alnum = (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    return cp > ' ' && cp < 0x7F && !alnum ? DMI_MD_PUNCT : DMI_MD_OTHER;
  }
  /* Unicode punctuation (categories Pc Pd Ps Pe Pi Pf Po) of the Latin,
   * Greek, Cyrillic, Arabic, general, CJK and full-width blocks. */
  static const uint32_t ranges[][2] = {
      {0xA1, 0xA1},     {0xA7, 0xA7},     {0xAB, 0xAB},     {0xB6, 0xB7},     {0xBB, 0xBB},     {0xBF, 0xBF},
      {0x37E, 0x37E},   {0x387, 0x387},   {0x55A, 0x55F},   {0x589, 0x58A},   {0x60C, 0x60D},   {0x61B, 0x61B},
      {0x61E, 0x61F},   {0x66A, 0x66D},   {0x6D4, 0x6D4},   {0x2010, 0x2027}, {0x2030, 0x2043}, {0x2045, 0x2051},
      {0x2053, 0x205E}, {0x207D, 0x207E}, {0x208D, 0x208E}, {0x2E00, 0x2E4F}, {0x3001, 0x3003}, {0x3008, 0x3011},
      {0x3014, 0x301F}, {0x3030, 0x3030}, {0x303D, 0x303D}, {0x30A0, 0x30A0}, {0x30FB, 0x30FB}, {0xFE10, 0xFE19},
      {0xFE30, 0xFE52}, {0xFE54, 0xFE61}, {0xFE63, 0xFE63}, {0xFE68, 0xFE68}, {0xFE6A, 0xFE6B}, {0xFF01, 0xFF03},
      {0xFF05, 0xFF0A}, {0xFF0C, 0xFF0F}, {0xFF1A, 0xFF1B}, {0xFF1F, 0xFF20}, {0xFF3B, 0xFF3D}, {0xFF3F, 0xFF3F},
      {0xFF5B, 0xFF5B}, {0xFF5D, 0xFF5D}, {0xFF5F, 0xFF65},
  };
  for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
    if (cp >= ranges[i][0] && cp <= ranges[i][1]) return DMI_MD_PUNCT;
  return DMI_MD_OTHER;
}

uint32_t dmi_md_last_cp(const char *s, size_t len, size_t *start) {
  size_t i = len;
  while (i > 0 && len - i < 4 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
    i--;
  if (i == 0) {
    if (start) *start = len;
    return 0;
  }
  i--;
  uint32_t cp = 0;
  if (dm_utf8_decode((const unsigned char *)s + i, len - i, &cp) <= 0) cp = (unsigned char)s[len - 1];
  if (start) *start = i;
  return cp;
}

size_t dmi_md_space_prefix(const char *s, size_t len) {
  size_t i = 0;
  while (i < len) {
    uint32_t cp;
    int n = dm_utf8_decode((const unsigned char *)s + i, len - i, &cp);
    if (n <= 0 || cp == '\n' || dmi_md_flank_class(cp) != DMI_MD_SPACE) break;
    i += (size_t)n;
  }
  return i;
}

size_t dmi_md_space_suffix(const char *s, size_t len) {
  size_t i = len;
  while (i > 0) {
    size_t start;
    uint32_t cp = dmi_md_last_cp(s, i, &start);
    if (cp == '\n' || dmi_md_flank_class(cp) != DMI_MD_SPACE) break;
    i = start;
  }
  return len - i;
}

/* The first character writing n and what follows it puts out; skip bytes
 * of the literal of skip_node are already written elsewhere. */
uint32_t dmi_md_first_cp(const dm_node *n, const dm_node *skip_node, size_t skip) {
  for (; n; n = dm_node_next(n)) {
    switch (dm_node_type_of(n)) {
    case DM_NODE_TEXT:
    case DM_NODE_RAW_INLINE: {
      size_t off = n == skip_node ? skip : 0, len = dm_node_literal_len(n);
      if (off >= len) continue;
      uint32_t cp;
      if (dm_utf8_decode((const unsigned char *)dm_node_literal(n) + off, len - off, &cp) <= 0) return '?';
      return cp;
    }
    case DM_NODE_SOFTBREAK: return '\n';
    case DM_NODE_SPAN:
      /* written as its content */
      if (dm_node_first_child(n)) return dmi_md_first_cp(dm_node_first_child(n), skip_node, skip);
      continue;
    case DM_NODE_LINEBREAK: return '\\';
    case DM_NODE_CODE: return '`';
    case DM_NODE_IMAGE: return '!';
    case DM_NODE_EMPH:
    case DM_NODE_STRONG: return '*';
    case DM_NODE_STRIKE: return '~';
    default: return '<'; /* links, notes, <sup> and the like open with punctuation */
    }
  }
  return 0;
}

uint32_t dmi_md_next_cp(const dm_node *n) {
  for (const dm_node *p = n; p; p = dm_node_parent(p)) {
    if (dm_node_next(p)) return dmi_md_first_cp(dm_node_next(p), NULL, 0);
    const dm_node *up = dm_node_parent(p);
    if (!up || !dm_node_type_is_inline(dm_node_type_of(up))) return 0;
    if (dm_node_type_of(up) != DM_NODE_SPAN) return '>'; /* its closing mark */
  }
  return 0;
}
