/* SPDX-License-Identifier: MIT */
/*
 * Compiles only if the header names from before the split by object still
 * declare what they declared: the context API through status.h, sinks and
 * UTF-8 helpers through plugin.h. Nothing to run beyond that.
 */
#include "docmill/plugin.h"
#include "docmill/status.h"

int main(void) {
  dm_ctx *(*ctx_new)(const dm_registry *) = dm_ctx_new;
  int (*sink_write)(dm_sink *, const void *, size_t) = dm_sink_write;
  int (*decode)(const unsigned char *, size_t, uint32_t *) = dm_utf8_decode;
  return !(ctx_new && sink_write && decode);
}
