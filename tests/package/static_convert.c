/* SPDX-License-Identifier: MIT */
/*
 * A program a packager's user would write against libdocmill.a: converts
 * a file with the built-in formats (reader and writer named on the command
 * line, transforms by probe) and writes the result to standard output.
 * tests/package/static.sh links it statically twice, with pkg-config's
 * --static flags and with CMake's docmill::docmill_static, and compares
 * what it writes with the docmill command's output.
 */
#include <stdio.h>
#include <stdlib.h>

#include <docmill/docmill.h>

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: static_convert FROM TO FILE\n");
    return 2;
  }
  dm_registry *reg = dm_registry_new_builtin();
  dm_ctx *ctx = reg ? dm_ctx_new(reg) : NULL;
  unsigned char *data = NULL;
  size_t size = 0;
  char *out = NULL;
  size_t out_size = 0;
  int rc = ctx ? dm_read_file(ctx, argv[3], &data, &size) : DM_ENOMEM;
  if (rc == DM_OK) rc = dm_convert_memory(ctx, argv[1], argv[2], data, size, &out, &out_size);
  if (rc == DM_OK && fwrite(out, 1, out_size, stdout) != out_size) rc = DM_EIO;
  if (rc != DM_OK) fprintf(stderr, "static_convert: %s\n", ctx ? dm_ctx_error(ctx) : "out of memory");
  free(out);
  free(data);
  dm_ctx_free(ctx);
  dm_registry_free(reg);
  return rc == DM_OK ? 0 : 1;
}
