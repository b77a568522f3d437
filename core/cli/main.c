/* SPDX-License-Identifier: MIT */
/*
 * The docmill command: a thin shell around the library in the manner of
 * pandoc. It parses arguments, loads plugins, picks the reader (by -f or by
 * probing) and the writer (by -t or the extension of -o), runs the pipeline
 * and maps the library's status to the documented exit codes: 0 success,
 * 1 the input could not be converted, 2 usage error, 3 I/O error.
 */
#include <errno.h>
#include <getopt.h>
#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#endif
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static void usage(FILE *f) {
  fputs("usage: docmill [-f FROM] [-t TO] [-o OUTPUT] [--option FORMAT.KEY=VALUE]... [INPUT | -]\n"
        "       docmill -t TO -O OUTDIR [-j N] FILE... (or file names on standard input)\n"
        "       docmill --list-formats | --help | --version\n"
        "\n"
        "  -f, --from FORMAT        input format (default: detected from the bytes)\n"
        "  -t, --to FORMAT          output format (default: from the extension of -o)\n"
        "  -o, --output FILE        output file (default: standard output)\n"
        "  -O, --output-dir DIR     batch mode: convert each FILE into DIR\n"
        "  -j, --jobs N             batch mode: convert N files at a time\n"
        "      --option F.KEY=VAL   set an option of format F (repeatable)\n"
        "      --transform NAME     run a transform whatever its probe says (repeatable)\n"
        "      --no-transform NAME  never run a transform; 'all' turns off detection\n"
        "      --plugin FILE        load a plugin shared object (repeatable)\n"
        "      --limit KEY=VALUE    change a limit: input-size=BYTES (K, M, G suffixes),\n"
        "                           depth=LEVELS, notes=COUNT, memory=BYTES,\n"
        "                           time=SECONDS of CPU (repeatable)\n"
        "      --list-formats       list readers, writers and transforms\n"
        "      --sync               make each output durable (fsync) before replacing\n"
        "                           the old file; outputs are atomic either way\n"
        "  -q, --quiet              do not print warnings\n"
        "      --strict             treat warnings as errors\n"
        "  -h, --help               this text\n"
        "  -V, --version            the version\n"
        "\n"
        "Exit status: 0 success, 1 the input could not be converted, 2 usage error,\n"
        "3 input/output error. See docmill(1).\n",
        f);
}

int dmc_exit_code(int status) {
  switch (status) {
  case DM_OK: return 0;
  case DM_EUSAGE: return 2;
  case DM_EIO: return 3;
  default: return 1;
  }
}

void dmc_print_diags(const dmc_opts *o, dm_ctx *ctx, int status) {
  /* Under --strict the first warning is the error message itself: print
   * it once, as the error. */
  size_t first = o->strict && status == DM_EFORMAT && dm_ctx_error_status(ctx) == DM_EFORMAT &&
                         strstr(dm_ctx_error(ctx), "--strict: ")
                     ? 1
                     : 0;
  if (!o->quiet) {
    for (size_t i = first; i < dm_ctx_diag_count(ctx); i++) {
      char line[2048];
      dm_diag_format(dm_ctx_diag(ctx, i), line, sizeof line);
      fprintf(stderr, "docmill: %s\n", line);
    }
  }
  dm_ctx_clear_diags(ctx);
}

int dmc_fail(dm_ctx *ctx, int status) {
  fprintf(stderr, "docmill: %s\n", dm_ctx_error(ctx));
  return dmc_exit_code(status);
}

/* The deepest nesting --limit allows: writers and the tree checker walk
 * the tree, and some writers recurse, so a depth the stack cannot hold
 * would turn a clean limit error into a crash. */
#define DMC_MAX_DEPTH 10000

/* Parses one --limit KEY=VALUE into *l; prints the error and returns -1 on
 * a bad key or value. */
static int parse_limit(dm_limits *l, const char *arg) {
  const char *eq = strchr(arg, '=');
  const char *v = eq ? eq + 1 : "";
  char *end = NULL;
  unsigned long long n = 0;
  if (*v >= '0' && *v <= '9') {
    errno = 0;
    n = strtoull(v, &end, 10);
    if (errno) end = NULL;
  }
  size_t klen = eq ? (size_t)(eq - arg) : strlen(arg);
  if (klen == 10 && strncmp(arg, "input-size", klen) == 0) {
    unsigned shift = 0;
    if (end && (*end == 'K' || *end == 'k'))
      shift = 10;
    else if (end && *end == 'M')
      shift = 20;
    else if (end && *end == 'G')
      shift = 30;
    if (shift) end++;
    if (end && !*end && n >= 1 && n <= (UINT64_MAX >> shift)) {
      l->max_input_bytes = (uint64_t)n << shift;
      return 0;
    }
    fprintf(stderr, "docmill: --limit input-size wants a number of bytes (K, M, G suffixes), not '%s'\n", v);
  } else if (klen == 5 && strncmp(arg, "depth", klen) == 0) {
    if (end && !*end && n >= 1 && n <= DMC_MAX_DEPTH) {
      l->max_depth = (uint32_t)n;
      return 0;
    }
    fprintf(stderr, "docmill: --limit depth wants a number of levels from 1 to %d, not '%s'\n", DMC_MAX_DEPTH, v);
  } else if (klen == 5 && strncmp(arg, "notes", klen) == 0) {
    if (end && !*end && n >= 1) {
      l->max_notes = (uint64_t)n;
      return 0;
    }
    fprintf(stderr, "docmill: --limit notes wants a number of notes, not '%s'\n", v);
  } else {
    fprintf(
        stderr,
        "docmill: --limit wants input-size=BYTES, depth=LEVELS, notes=COUNT, memory=BYTES or time=SECONDS, not '%s'\n",
        arg);
  }
  return -1;
}

static int add_name(const char ***list, size_t *n, const char *name) {
  const char **l = realloc(*list, (*n + 2) * sizeof *l);
  if (!l) return -1;
  l[(*n)++] = name;
  l[*n] = NULL;
  *list = l;
  return 0;
}

static void print_list(const char *const *l) {
  for (size_t i = 0; l && l[i]; i++)
    printf("%s.%s", i ? " " : "", l[i]);
}

static void list_formats(const dm_registry *reg) {
  static const char *const kind[] = {"", "read", "write", "transform"};
  for (int k = DM_KIND_READER; k <= DM_KIND_TRANSFORM; k++) {
    for (size_t i = 0; i < dm_registry_count(reg, (dm_plugin_kind)k); i++) {
      const char *origin = NULL;
      const void *d = dm_registry_at(reg, (dm_plugin_kind)k, i, &origin);
      const char *name, *desc;
      const char *const *ext = NULL;
      if (k == DM_KIND_READER) {
        name = ((const dm_reader *)d)->name;
        desc = ((const dm_reader *)d)->description;
        ext = ((const dm_reader *)d)->extensions;
      } else if (k == DM_KIND_WRITER) {
        name = ((const dm_writer *)d)->name;
        desc = ((const dm_writer *)d)->description;
        ext = ((const dm_writer *)d)->extensions;
      } else {
        name = ((const dm_transform *)d)->name;
        desc = ((const dm_transform *)d)->description;
      }
      printf("%-16s %-9s ", name, kind[k]);
      if (ext && ext[0])
        print_list(ext);
      else
        printf("-");
      printf("  %s", desc ? desc : "");
      if (strcmp(origin, "built-in") != 0) printf(" [plugin: %s]", origin);
      printf("\n");
    }
  }
}

/* Whether two paths name the same existing file. */
static int same_file(const char *a, const char *b) {
  struct stat sa, sb;
  return a && b && stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int dmc_convert_one(const dmc_opts *o, dm_ctx *ctx, const char *input, const char *output, const dm_writer *w) {
  dm_ctx_set_input_name(ctx, NULL);
  if (output && input && strcmp(input, "-") != 0 && same_file(input, output))
    return dm_error(ctx, DM_EUSAGE, "refusing to overwrite the input '%s' with the output", input);
  /* dm_read_file's messages name the file themselves; with the input name
   * set as well, they would name it twice ("d: cannot read 'd': ..."). */
  unsigned char *data = NULL;
  size_t size = 0;
  int rc = dm_read_file(ctx, input, &data, &size);
  if (rc != DM_OK) return rc;
  dm_ctx_set_input_name(ctx, input && strcmp(input, "-") != 0 ? input : "<stdin>");
  const dm_registry *reg = dm_ctx_registry(ctx);
  dm_input in = {data, size, input && strcmp(input, "-") != 0 ? input : NULL, NULL};
  const dm_reader *r = NULL;
  if (o->from) {
    r = dm_registry_reader(reg, o->from);
    if (!r) rc = dm_error(ctx, DM_EUSAGE, "no reader named '%s' (see --list-formats)", o->from);
  } else {
    int score = 0;
    r = dm_registry_detect(reg, &in, &score, ctx);
    if (!r) rc = dm_ctx_error_status(ctx);
  }
  dm_doc *doc = NULL;
  if (rc == DM_OK) rc = dm_read(ctx, r, &in, &doc);
  free(data);
  if (rc == DM_OK && o->strict) rc = dm_ctx_fail_on_warnings(ctx);
  dm_transform_choice tc = {o->force, o->disable};
  if (rc == DM_OK) rc = dm_transform_doc(ctx, doc, &tc);
  if (rc == DM_OK && o->strict) rc = dm_ctx_fail_on_warnings(ctx);
  dm_sink *sink = NULL;
  if (rc == DM_OK) {
    if (output && strcmp(output, "-") != 0)
      sink = dm_sink_new_file(output, ctx);
    else
      sink = dm_sink_new_stream(stdout);
    /* Outputs are always replaced atomically (temporary file + rename), so
     * a failed run never leaves a truncated file; waiting for the disk as
     * well is what --sync asks for. A batch syncs once at the end instead. */
    if (sink) dm_sink_set_fsync(sink, o->sync && !o->defer_sync);
    if (!sink && dm_ctx_error_status(ctx) == DM_OK) dm_error(ctx, DM_ENOMEM, "out of memory");
    if (!sink) rc = dm_ctx_error_status(ctx);
  }
  if (rc == DM_OK) rc = dm_write(ctx, w, doc, sink);
  /* When the sink itself failed (disk full, file too large), dm_write only
   * knows "writing failed"; the sink's report names the output and the
   * reason, and for a file removes the temporary. */
  if (rc != DM_OK && sink && dm_sink_status(sink) == DM_EIO) rc = dm_sink_commit(sink, ctx);
  if (rc == DM_OK && o->strict) rc = dm_ctx_fail_on_warnings(ctx);
  if (rc == DM_OK) rc = dm_sink_commit(sink, ctx);
  dm_sink_free(sink);
  dm_doc_free(doc);
  return rc;
}

/* The installed plugin directory: DM_PLUGIN_DIR as given by the build when
 * absolute, else relative to the directory holding this executable. NULL
 * when it cannot be found. The caller frees. */
static char *installed_plugin_dir(void) {
  if (DM_PLUGIN_DIR[0] == '/') return strdup(DM_PLUGIN_DIR);
  char exe[4096];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0) return NULL;
  exe[n] = '\0';
  char *slash = strrchr(exe, '/');
  if (!slash) return NULL;
  *slash = '\0';
  size_t len = strlen(exe) + strlen(DM_PLUGIN_DIR) + 2;
  char *dir = malloc(len);
  if (dir) snprintf(dir, len, "%s/%s", exe, DM_PLUGIN_DIR);
  return dir;
}

int main(int argc, char **argv) {
#if defined(M_TOP_PAD)
  /* glibc gives the top of the heap back to the kernel as soon as 128 KiB
   * of it are free, and libzip allocates and frees a deflate state of some
   * 270 KiB for every entry of a DOCX: each entry would fault the same
   * pages in again (a quarter of the page faults of converting one
   * resolution). Keeping a few MiB of the heap's top costs a short-lived
   * process nothing. The library leaves malloc alone: it is process-wide. */
  mallopt(M_TOP_PAD, 4 << 20);
#endif
  dmc_opts o;
  memset(&o, 0, sizeof o);
  o.jobs = 1;
  const char **options = NULL, **plugins = NULL;
  size_t noptions = 0, nplugins = 0, nforce = 0, ndisable = 0;
  int list = 0;
  enum { OPT_OPTION = 256, OPT_TRANSFORM, OPT_NO_TRANSFORM, OPT_PLUGIN, OPT_LIST, OPT_STRICT, OPT_LIMIT, OPT_SYNC };
  static const struct option longopts[] = {
      {"from", required_argument, NULL, 'f'},
      {"to", required_argument, NULL, 't'},
      {"output", required_argument, NULL, 'o'},
      {"output-dir", required_argument, NULL, 'O'},
      {"jobs", required_argument, NULL, 'j'},
      {"option", required_argument, NULL, OPT_OPTION},
      {"transform", required_argument, NULL, OPT_TRANSFORM},
      {"no-transform", required_argument, NULL, OPT_NO_TRANSFORM},
      {"plugin", required_argument, NULL, OPT_PLUGIN},
      {"limit", required_argument, NULL, OPT_LIMIT},
      {"list-formats", no_argument, NULL, OPT_LIST},
      {"quiet", no_argument, NULL, 'q'},
      {"strict", no_argument, NULL, OPT_STRICT},
      {"sync", no_argument, NULL, OPT_SYNC},
      {"help", no_argument, NULL, 'h'},
      {"version", no_argument, NULL, 'V'},
      {NULL, 0, NULL, 0},
  };
  int c, bad = 0;
  /* getopt's own messages carry the full path of the program and would be
   * followed by the whole usage text; one line naming the option is what a
   * script's log needs. */
  opterr = 0;
  while ((c = getopt_long(argc, argv, ":f:t:o:O:j:qhV", longopts, NULL)) != -1) {
    switch (c) {
    case 'f': o.from = optarg; break;
    case 't': o.to = optarg; break;
    case 'o': o.output = optarg; break;
    case 'O': o.outdir = optarg; break;
    case 'j': {
      char *end;
      long j = strtol(optarg, &end, 10);
      if (*end || j < 1 || j > 256) {
        fprintf(stderr, "docmill: -j wants a number of jobs from 1 to 256, not '%s'\n", optarg);
        return 2;
      }
      o.jobs = (int)j;
      break;
    }
    case OPT_OPTION: bad |= add_name(&options, &noptions, optarg); break;
    case OPT_TRANSFORM: bad |= add_name(&o.force, &nforce, optarg); break;
    case OPT_NO_TRANSFORM: bad |= add_name(&o.disable, &ndisable, optarg); break;
    case OPT_PLUGIN: bad |= add_name(&plugins, &nplugins, optarg); break;
    case OPT_LIMIT: {
      int k = dmc_limit_option(&o, optarg);
      if (k < 0 || (k > 0 && parse_limit(&o.limits, optarg) != 0)) return 2;
      break;
    }
    case OPT_LIST: list = 1; break;
    case 'q': o.quiet = 1; break;
    case OPT_STRICT: o.strict = 1; break;
    case OPT_SYNC: o.sync = 1; break;
    case 'h': usage(stdout); return 0;
    case 'V': printf("docmill %s (plugin ABI %d)\n", dm_version(), DM_PLUGIN_ABI_VERSION); return 0;
    case ':':
      /* The option was the last argument, so it is argv[optind - 1]. */
      fprintf(stderr, "docmill: option '%s' needs an argument (see docmill --help)\n", argv[optind - 1]);
      return 2;
    default:
      if (optopt)
        fprintf(stderr, "docmill: unknown option '-%c' (see docmill --help)\n", optopt);
      else
        fprintf(stderr, "docmill: unknown option '%s' (see docmill --help)\n", argv[optind - 1]);
      return 2;
    }
  }
  /* With a file-size limit (ulimit -f) the kernel would kill us mid-write
   * and leave the temporary output behind; ignored, the write fails with
   * EFBIG, which the sink reports as an I/O error and cleans up after. */
  signal(SIGXFSZ, SIG_IGN);
  if (dmc_signals_install(&o) != 0) return 1;
  if (bad) {
    fprintf(stderr, "docmill: out of memory\n");
    return 1;
  }
  int rc = DM_OK, status = 0;
  dm_registry *reg = dm_registry_new_builtin();
  dm_ctx *ctx = reg ? dm_ctx_new(reg) : NULL;
  if (!ctx) {
    fprintf(stderr, "docmill: out of memory\n");
    dm_registry_free(reg);
    return 1;
  }
  dm_ctx_set_limits(ctx, &o.limits);
  dm_registry_load_path(reg, getenv("DOCMILL_PLUGIN_PATH"), ctx);
  char *plugin_dir = installed_plugin_dir();
  if (plugin_dir) dm_registry_load_path(reg, plugin_dir, ctx);
  free(plugin_dir);
  for (size_t i = 0; i < nplugins; i++) {
    rc = dm_registry_load_plugin(reg, plugins[i], ctx);
    if (rc != DM_OK) {
      dm_warn(ctx, DM_DIAG_PLUGIN, dm_pos_offset(DM_NO_OFFSET), "%s", dm_ctx_error(ctx));
      dm_ctx_clear_error(ctx);
      rc = DM_OK;
    }
  }
  dmc_print_diags(&o, ctx, DM_OK);
  if (list) {
    list_formats(reg);
    goto done;
  }
  for (size_t i = 0; i < noptions && rc == DM_OK; i++)
    rc = dm_ctx_set_option(ctx, options[i]);
  o.options = options;
  if (rc != DM_OK) {
    status = dmc_fail(ctx, rc);
    goto done;
  }
  const dm_writer *w = NULL;
  if (o.to) {
    w = dm_registry_writer(reg, o.to);
    if (!w) rc = dm_error(ctx, DM_EUSAGE, "no writer named '%s' (see --list-formats)", o.to);
  } else if (o.output) {
    w = dm_registry_writer_for_path(reg, o.output);
    if (!w) rc = dm_error(ctx, DM_EUSAGE, "cannot tell the output format from '%s'; name it with -t", o.output);
  } else {
    rc = dm_error(ctx, DM_EUSAGE, "name the output format with -t (see --list-formats)");
  }
  if (rc == DM_OK && o.from && !dm_registry_reader(reg, o.from))
    rc = dm_error(ctx, DM_EUSAGE, "no reader named '%s' (see --list-formats)", o.from);
  /* Transform names are checked before any input is read, so that a typo
   * is a usage error however large or broken the input. */
  for (size_t i = 0; rc == DM_OK && o.force && o.force[i]; i++)
    if (!dm_registry_transform(reg, o.force[i])) rc = dm_error(ctx, DM_EUSAGE, "no transform named '%s'", o.force[i]);
  for (size_t i = 0; rc == DM_OK && o.disable && o.disable[i]; i++)
    if (strcmp(o.disable[i], "all") != 0 && !dm_registry_transform(reg, o.disable[i]))
      rc = dm_error(ctx, DM_EUSAGE, "no transform named '%s'", o.disable[i]);
  if (rc != DM_OK) {
    status = dmc_fail(ctx, rc);
    goto done;
  }
  if (o.outdir) {
    status = dmc_batch(&o, ctx, w, argc - optind, argv + optind);
    goto done;
  }
  if (argc - optind > 1) {
    fprintf(stderr, "docmill: one input at a time (or use -O DIR for many)\n");
    status = 2;
    goto done;
  }
  const char *input = optind < argc ? argv[optind] : "-";
  if ((w->flags & DM_WRITER_BINARY) && (!o.output || strcmp(o.output, "-") == 0) && isatty(STDOUT_FILENO)) {
    fprintf(stderr, "docmill: refusing to write %s (a binary format) to a terminal; use -o FILE\n", w->name);
    status = 2;
    goto done;
  }
  rc = dmc_convert_one(&o, ctx, input, o.output, w);
  dmc_print_diags(&o, ctx, rc);
  if (rc != DM_OK) status = dmc_fail(ctx, rc);
done:
  dm_ctx_free(ctx);
  dm_registry_free(reg);
  free(options);
  free(plugins);
  free(o.force);
  free(o.disable);
  return status;
}
