/* SPDX-License-Identifier: MIT */
/*
 * What makes a batch resumable and checkable across machines: --update
 * (an output newer than its input and than the program that would write
 * it is left alone, so a rerun after a killed worker converts only what is
 * missing) and --report (one JSON line per input: status, warnings, time
 * and the SHA-256 of the output, so that reports from many machines can be
 * merged and compared). SHA-256 is FIPS 180-4, written out here because
 * the command has no other use for a crypto library.
 */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* ---- SHA-256 ------------------------------------------------------------ */

typedef struct sha256 {
  uint32_t h[8];
  uint64_t len;
  unsigned char buf[64];
  size_t nbuf;
} sha256;

static const uint32_t sha_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

static uint32_t ror(uint32_t x, unsigned n) { return (x >> n) | (x << (32 - n)); }

static void sha_block(sha256 *s, const unsigned char *p) {
  uint32_t w[64], v[8];
  for (int i = 0; i < 16; i++)
    w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
  for (int i = 16; i < 64; i++) {
    uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  memcpy(v, s->h, sizeof v);
  for (int i = 0; i < 64; i++) {
    uint32_t t1 =
        v[7] + (ror(v[4], 6) ^ ror(v[4], 11) ^ ror(v[4], 25)) + ((v[4] & v[5]) ^ (~v[4] & v[6])) + sha_k[i] + w[i];
    uint32_t t2 = (ror(v[0], 2) ^ ror(v[0], 13) ^ ror(v[0], 22)) + ((v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]));
    memmove(v + 1, v, 7 * sizeof *v);
    v[4] += t1;
    v[0] = t1 + t2;
  }
  for (int i = 0; i < 8; i++)
    s->h[i] += v[i];
}

static void sha_init(sha256 *s) {
  static const uint32_t h0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  memcpy(s->h, h0, sizeof h0);
  s->len = 0;
  s->nbuf = 0;
}

static void sha_update(sha256 *s, const unsigned char *p, size_t n) {
  s->len += n;
  while (n) {
    size_t k = 64 - s->nbuf < n ? 64 - s->nbuf : n;
    memcpy(s->buf + s->nbuf, p, k);
    s->nbuf += k;
    p += k;
    n -= k;
    if (s->nbuf == 64) {
      sha_block(s, s->buf);
      s->nbuf = 0;
    }
  }
}

static void sha_hex(sha256 *s, char out[65]) {
  uint64_t bits = s->len * 8;
  unsigned char pad[72] = {0x80};
  size_t padlen = (s->nbuf < 56 ? 56 : 120) - s->nbuf;
  for (int i = 0; i < 8; i++)
    pad[padlen + (size_t)i] = (unsigned char)(bits >> (56 - 8 * i));
  sha_update(s, pad, padlen + 8);
  for (int i = 0; i < 8; i++)
    snprintf(out + 8 * i, 9, "%08x", (unsigned)s->h[i]);
}

/* The hex SHA-256 of a file's bytes; 0, or -1 when it cannot be read. */
static int sha256_file(const char *path, char out[65]) {
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  sha256 s;
  sha_init(&s);
  unsigned char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0)
    sha_update(&s, buf, n);
  int bad = ferror(f);
  fclose(f);
  if (bad) return -1;
  sha_hex(&s, out);
  return 0;
}

/* ---- --update ----------------------------------------------------------- */

static int newer(const struct stat *a, const struct stat *b) {
  return a->st_mtim.tv_sec > b->st_mtim.tv_sec ||
         (a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec >= b->st_mtim.tv_nsec);
}

int dmc_up_to_date(const char *input, const char *output) {
  struct stat in, out, prog;
  if (stat(output, &out) != 0 || !S_ISREG(out.st_mode) || stat(input, &in) != 0 || !newer(&out, &in)) return 0;
  /* A new docmill may convert differently: its executable and the library
   * that does the work both count. */
  if (stat("/proc/self/exe", &prog) == 0 && !newer(&out, &prog)) return 0;
  Dl_info info;
  void *sym;
  const char *(*fn)(void) = dm_version;
  memcpy(&sym, &fn, sizeof sym);
  if (dladdr(sym, &info) && info.dli_fname && stat(info.dli_fname, &prog) == 0 && !newer(&out, &prog)) return 0;
  return 1;
}

/* ---- --report ----------------------------------------------------------- */

void dmc_report(const dmc_opts *o, const char *input, const char *output, const char *status, int exit_code,
                size_t warnings, double seconds, const char *error) {
  if (!o->report) return;
  FILE *f = o->report;
  char hex[65];
  fputs("{\"input\":", f);
  dmc_json_string(f, input && strcmp(input, "-") != 0 ? input : "<stdin>");
  fputs(",\"output\":", f);
  if (output)
    dmc_json_string(f, output);
  else
    fputs("null", f);
  fprintf(f, ",\"status\":\"%s\",\"exit\":%d,\"warnings\":%zu,\"seconds\":%.6f,\"sha256\":", status, exit_code,
          warnings, seconds);
  if (output && sha256_file(output, hex) == 0)
    fprintf(f, "\"%s\"", hex);
  else
    fputs("null", f);
  if (error) {
    fputs(",\"error\":", f);
    dmc_json_string(f, error);
  }
  fputs("}\n", f);
  /* Each line is whole on disk as soon as its file is done, so that the
   * report of a killed worker still accounts for what it finished. */
  fflush(f);
}
