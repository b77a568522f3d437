/* SPDX-License-Identifier: MIT */
/*
 * Prints how the Markdown reader's scan cuts a file ("PIECES OK EOF_OPEN"),
 * for segment-identity.sh to report how many files were actually parsed
 * in more than one segment.
 */
#include <stdio.h>
#include <stdlib.h>

#include "../../plugins/markdown/markdown.h"

int main(int argc, char **argv) {
  if (argc != 2) return 2;
  FILE *f = fopen(argv[1], "rb");
  if (!f) return 1;
  size_t cap = 1 << 16, len = 0, k;
  char *buf = malloc(cap);
  while (buf && (k = fread(buf + len, 1, cap - len, f)) > 0) {
    len += k;
    if (len == cap) buf = realloc(buf, cap *= 2);
  }
  fclose(f);
  if (!buf) return 1;
  dmi_md_scan sc;
  if (dmi_markdown_scan(buf, len, &sc) < 0) return 1;
  printf("%zu %d %d\n", sc.n, sc.ok, sc.eof_open);
  free(sc.chunks);
  free(buf);
  return 0;
}
