/* SPDX-License-Identifier: MIT */
/*
 * The --limit keys that bound what a conversion may cost rather than what
 * an input may hold: memory=BYTES, the budget of one conversion (the
 * library's; its default is 64 times the input or 2 GiB, whichever is
 * larger), and time=SECONDS, the CPU time of the whole command, which the
 * kernel enforces (see signals.c).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* A count with an optional K, M or G suffix (powers of 1024); 0 if bad. */
static uint64_t limits_bytes(const char *v) {
  if (*v < '0' || *v > '9') return 0;
  char *end;
  errno = 0;
  unsigned long long n = strtoull(v, &end, 10);
  if (errno) return 0;
  unsigned shift = *end == 'K' || *end == 'k' ? 10 : *end == 'M' ? 20 : *end == 'G' ? 30 : 0;
  if (shift) end++;
  if (*end || n > (UINT64_MAX >> shift)) return 0;
  return (uint64_t)n << shift;
}

int dmc_limit_option(dmc_opts *o, const char *arg) {
  if (strncmp(arg, "memory=", 7) == 0) {
    uint64_t n = limits_bytes(arg + 7);
    /* Below 1 MiB not even the libraries' own set-up fits. */
    if (n >= ((uint64_t)1 << 20)) {
      o->limits.max_memory = n;
      return 0;
    }
    fprintf(stderr, "docmill: --limit memory wants a number of bytes of at least 1M (K, M, G suffixes), not '%s'\n",
            arg + 7);
    return -1;
  }
  if (strncmp(arg, "time=", 5) == 0) {
    const char *v = arg + 5;
    char *end = NULL;
    errno = 0;
    unsigned long n = *v >= '0' && *v <= '9' ? strtoul(v, &end, 10) : 0;
    if (end && !*end && !errno && n >= 1 && n <= 1000000000UL) {
      o->cpu_seconds = n;
      return 0;
    }
    fprintf(stderr, "docmill: --limit time wants a number of seconds of CPU time, not '%s'\n", v);
    return -1;
  }
  return 1;
}
