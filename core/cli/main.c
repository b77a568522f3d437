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
#include <time.h>
#include <unistd.h>

#include "cli.h"

static void usage(FILE *f) {
  fputs("usage: docmill [-f FROM] [-t TO] [-o OUTPUT] [--option FORMAT.KEY=VALUE]... [INPUT | -]\n"
        "       docmill -t TO -O OUTDIR [-j N] [--update] [--report FILE] FILE... (or names on standard input)\n"
        "       docmill --list-formats | --list-options FORMAT | --help | --version\n"
        "\n"
        "  -f, --from FORMAT        input format (default: detected from the bytes)\n"
        "  -t, --to FORMAT          output format (default: from the extension of -o)\n"
        "  -o, --output FILE        output file (default: standard output)\n"
        "  -O, --output-dir DIR     batch mode: convert each FILE into DIR\n"
        "  -j, --jobs N             batch mode: convert N files at a time\n"
        "      --update             skip outputs newer than their input and than docmill\n"
        "      --report FILE        one JSON line per file: status, warnings, time, SHA-256\n"
        "      --option F.KEY=VAL   set an option of format F (repeatable)\n"
        "      --reference-doc FILE the styles, page and headers of a .docx (docx.reference-doc)\n"
        "      --list-options F     the options of format F\n"
        "  -M, --metadata KEY[=VAL] set metadata, over the document's own (repeatable)\n"
        "      --metadata-file FILE metadata the document does not set (YAML or JSON)\n"
        "  -s, --standalone         accepted: every output is a complete document\n"
        "      --sandbox            accepted: docmill reads nothing but its input\n"
        "  -r, --read, -w, --write, --fail-if-warnings\n"
        "                           pandoc's names for -f, -t and --strict\n"
        "      --transform NAME     run a transform whatever its probe says (repeatable)\n"
        "      --no-transform NAME  never run a transform; 'all' turns off detection\n"
        "      --plugin FILE        load a plugin shared object (repeatable)\n"
        "      --limit KEY=VALUE    change a limit: input-size=BYTES (K, M, G suffixes),\n"
        "                           depth=LEVELS, notes=COUNT, memory=BYTES,\n"
        "                           time=SECONDS of CPU (repeatable)\n"
        "      --list-formats       list readers, writers and transforms, with aliases\n"
        "      --list-input-formats, --list-output-formats\n"
        "                           reader or writer names, one a line\n"
        "      --sync               make each output durable (fsync) before replacing\n"
        "                           the old file; outputs are atomic either way\n"
        "  -q, --quiet              do not print warnings\n"
        "  -v, --verbose            also say what was removed as page furniture and\n"
        "                           which transforms ran\n"
        "      --log FILE           write every diagnostic to FILE as JSON lines\n"
        "      --strict             treat warnings (plugin loading included) as errors\n"
        "  -h, --help               this text\n"
        "  -V, --version            the version\n"
        "\n"
        "Exit status: 0 success, 1 the input could not be converted, 2 usage error,\n"
        "3 input/output error. See docmill(1).\n",
        f);
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
  dm_ctx_lend_input(ctx, &in); /* only freed below: a reader may give its pages back */
  if (rc == DM_OK) rc = dm_read(ctx, r, &in, &doc);
  free(data);
  if (rc == DM_OK && o->strict) rc = dm_ctx_fail_on_warnings(ctx);
  dm_transform_choice tc = {o->force, o->disable};
  if (rc == DM_OK) rc = dm_transform_doc(ctx, doc, &tc);
  if (rc == DM_OK && o->strict) rc = dm_ctx_fail_on_warnings(ctx);
  if (rc == DM_OK && dmc_meta_apply(&o->meta, doc) != DM_OK) rc = dm_error(ctx, DM_ENOMEM, "out of memory");
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

/* Everything main parses, beyond the options the conversion itself reads. */
typedef struct cli {
  dmc_opts o;
  const char **options, **plugins;
  size_t noptions, nplugins, nforce, ndisable;
  enum { LIST_NONE, LIST_FORMATS, LIST_INPUT, LIST_OUTPUT } list;
  const char *list_options, *log_path, *report_path;
  char **owned; /* strings made here (canonical option names), freed at the end */
  size_t nowned;
  int nomem;
} cli;

enum {
  OPT_OPTION = 256,
  OPT_TRANSFORM,
  OPT_NO_TRANSFORM,
  OPT_PLUGIN,
  OPT_LIST,
  OPT_LIST_INPUT,
  OPT_LIST_OUTPUT,
  OPT_LIST_OPTIONS,
  OPT_STRICT,
  OPT_LIMIT,
  OPT_SYNC,
  OPT_METADATA_FILE,
  OPT_LOG,
  OPT_UPDATE,
  OPT_REPORT,
  OPT_SANDBOX,
  OPT_REFERENCE_DOC
};

static const struct option longopts[] = {
    {"from", required_argument, NULL, 'f'},
    {"read", required_argument, NULL, 'f'},
    {"to", required_argument, NULL, 't'},
    {"write", required_argument, NULL, 't'},
    {"output", required_argument, NULL, 'o'},
    {"output-dir", required_argument, NULL, 'O'},
    {"jobs", required_argument, NULL, 'j'},
    {"option", required_argument, NULL, OPT_OPTION},
    {"transform", required_argument, NULL, OPT_TRANSFORM},
    {"no-transform", required_argument, NULL, OPT_NO_TRANSFORM},
    {"plugin", required_argument, NULL, OPT_PLUGIN},
    {"limit", required_argument, NULL, OPT_LIMIT},
    {"list-formats", no_argument, NULL, OPT_LIST},
    {"list-input-formats", no_argument, NULL, OPT_LIST_INPUT},
    {"list-output-formats", no_argument, NULL, OPT_LIST_OUTPUT},
    {"list-options", required_argument, NULL, OPT_LIST_OPTIONS},
    {"metadata", required_argument, NULL, 'M'},
    {"metadata-file", required_argument, NULL, OPT_METADATA_FILE},
    {"standalone", no_argument, NULL, 's'},
    {"quiet", no_argument, NULL, 'q'},
    {"verbose", no_argument, NULL, 'v'},
    {"log", required_argument, NULL, OPT_LOG},
    {"strict", no_argument, NULL, OPT_STRICT},
    {"fail-if-warnings", no_argument, NULL, OPT_STRICT},
    {"sandbox", no_argument, NULL, OPT_SANDBOX},
    {"reference-doc", required_argument, NULL, OPT_REFERENCE_DOC},
    {"sync", no_argument, NULL, OPT_SYNC},
    {"update", no_argument, NULL, OPT_UPDATE},
    {"report", required_argument, NULL, OPT_REPORT},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

/* One option of the command line. Returns -1 to go on, or the exit status
 * to stop with. */
static int take_option(cli *c, int opt, char **argv) {
  dmc_opts *o = &c->o;
  switch (opt) {
  case 'f':
  case 'r': o->from = optarg; break;
  case 't':
  case 'w': o->to = optarg; break;
  case 'o': o->output = optarg; break;
  case 'O': o->outdir = optarg; break;
  case 'j': {
    char *end;
    long j = strtol(optarg, &end, 10);
    if (*end || j < 1 || j > 256) {
      fprintf(stderr, "docmill: -j wants a number of jobs from 1 to 256, not '%s'\n", optarg);
      return 2;
    }
    o->jobs = (int)j;
    break;
  }
  case OPT_OPTION: c->nomem |= add_name(&c->options, &c->noptions, optarg); break;
  case OPT_REFERENCE_DOC: { /* pandoc's spelling of --option docx.reference-doc=FILE */
    char *s = malloc(strlen(optarg) + sizeof "docx.reference-doc=");
    char **v = s ? realloc(c->owned, (c->nowned + 1) * sizeof *v) : NULL;
    if (!v) {
      free(s);
      c->nomem = 1;
      break;
    }
    sprintf(s, "docx.reference-doc=%s", optarg);
    c->owned = v;
    c->owned[c->nowned++] = s;
    c->nomem |= add_name(&c->options, &c->noptions, s);
    break;
  }
  case OPT_TRANSFORM: c->nomem |= add_name(&o->force, &c->nforce, optarg); break;
  case OPT_NO_TRANSFORM: c->nomem |= add_name(&o->disable, &c->ndisable, optarg); break;
  case OPT_PLUGIN: c->nomem |= add_name(&c->plugins, &c->nplugins, optarg); break;
  case OPT_LIMIT: {
    int k = dmc_limit_option(o, optarg);
    return k < 0 || (k > 0 && parse_limit(&o->limits, optarg) != 0) ? 2 : -1;
  }
  case 'M': return dmc_meta_add(&o->meta, optarg) != 0 ? 2 : -1;
  case OPT_METADATA_FILE: {
    int status = dmc_meta_load(&o->meta, optarg);
    return status ? status : -1;
  }
  case 's': break;         /* every output of docmill is a complete document */
  case OPT_SANDBOX: break; /* no reader or writer opens files or the network */
  case OPT_LIST: c->list = LIST_FORMATS; break;
  case OPT_LIST_INPUT: c->list = LIST_INPUT; break;
  case OPT_LIST_OUTPUT: c->list = LIST_OUTPUT; break;
  case OPT_LIST_OPTIONS: c->list_options = optarg; break;
  case 'q': o->quiet = 1; break;
  case 'v': o->verbose = 1; break;
  case OPT_LOG: c->log_path = optarg; break;
  case OPT_STRICT: o->strict = 1; break;
  case OPT_SYNC: o->sync = 1; break;
  case OPT_UPDATE: o->update = 1; break;
  case OPT_REPORT: c->report_path = optarg; break;
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
  return -1;
}

/* Opens --log or --report FILE for writing ("-" is standard error for a
 * log: standard output may carry the document). NULL after printing. */
static FILE *open_jsonl(const char *path, const char *what) {
  if (strcmp(path, "-") == 0) return stderr;
  FILE *f = fopen(path, "w");
  if (!f) fprintf(stderr, "docmill: cannot open the %s '%s': %s\n", what, path, strerror(errno));
  return f;
}

/* Parses the command line. Returns -1 to go on, or the exit status. */
static int parse_args(cli *c, int argc, char **argv) {
  int opt, status;
  /* getopt's own messages carry the full path of the program and would be
   * followed by the whole usage text; one line naming the option is what a
   * script's log needs. */
  opterr = 0;
  while ((opt = getopt_long(argc, argv, ":f:r:t:w:o:O:j:M:sqvhV", longopts, NULL)) != -1)
    if ((status = take_option(c, opt, argv)) >= 0) return status;
  if (c->nomem) {
    fprintf(stderr, "docmill: out of memory\n");
    return 1;
  }
  if (c->log_path && !(c->o.log = open_jsonl(c->log_path, "log"))) return 3;
  if (c->report_path && !(c->o.report = open_jsonl(c->report_path, "report"))) return 3;
  return -1;
}

/* A bare file name given to --plugin is a file in the current directory,
 * as for any other file argument; dlopen would look for it on the
 * library path instead. */
static const char *plugin_path(cli *c, const char *name) {
  if (strchr(name, '/') || access(name, F_OK) != 0) return name;
  char *p = malloc(strlen(name) + 3);
  char **v = p ? realloc(c->owned, (c->nowned + 1) * sizeof *v) : NULL;
  if (!v) {
    free(p);
    return name;
  }
  sprintf(p, "./%s", name);
  c->owned = v;
  return c->owned[c->nowned++] = p;
}

/* Loads DOCMILL_PLUGIN_PATH, the installed plugin directory and --plugin
 * files. A plugin that cannot be loaded is a warning (hidden by -q), and
 * under --strict an error. Returns -1 to go on, or the exit status. */
static int load_plugins(cli *c, dm_registry *reg, dm_ctx *ctx) {
  dm_registry_load_path(reg, getenv("DOCMILL_PLUGIN_PATH"), ctx);
  char *plugin_dir = installed_plugin_dir();
  if (plugin_dir) dm_registry_load_path(reg, plugin_dir, ctx);
  free(plugin_dir);
  for (size_t i = 0; i < c->nplugins; i++) {
    if (dm_registry_load_plugin(reg, plugin_path(c, c->plugins[i]), ctx) != DM_OK) {
      dm_warn(ctx, DM_DIAG_PLUGIN, dm_pos_offset(DM_NO_OFFSET), "%s", dm_ctx_error(ctx));
      dm_ctx_clear_error(ctx);
    }
  }
  int rc = c->o.strict ? dm_ctx_fail_on_warnings(ctx) : DM_OK;
  dmc_print_diags(&c->o, ctx, rc);
  return rc == DM_OK ? -1 : dmc_fail(&c->o, ctx, rc);
}

/* Rewrites each --option FORMAT.KEY=VALUE onto the registered name of
 * FORMAT ("md.lenient" is "markdown.lenient"). A name that is no format
 * is left for dm_ctx_set_option to refuse. */
static int canonical_options(cli *c, const dm_registry *reg) {
  for (size_t i = 0; i < c->noptions; i++) {
    const char *dot = strchr(c->options[i], '.');
    if (!dot) continue;
    char *fmt = strndup(c->options[i], (size_t)(dot - c->options[i]));
    if (!fmt) return -1;
    const char *n = dm_registry_resolve(reg, DM_KIND_READER, fmt);
    if (!n) n = dm_registry_resolve(reg, DM_KIND_WRITER, fmt);
    if (!n) n = dm_registry_resolve(reg, DM_KIND_TRANSFORM, fmt);
    free(fmt);
    if (!n || strncmp(n, c->options[i], (size_t)(dot - c->options[i])) == 0) continue;
    char *s = malloc(strlen(n) + strlen(dot) + 1);
    char **v = s ? realloc(c->owned, (c->nowned + 1) * sizeof *v) : NULL;
    if (!v) {
      free(s);
      return -1;
    }
    sprintf(s, "%s%s", n, dot);
    c->owned = v;
    c->options[i] = c->owned[c->nowned++] = s;
  }
  return 0;
}

/* Settles the reader (-f), the writer (-t or the extension of -o), the
 * options and the transform names before any input is read, so that a
 * typo is a usage error however large or broken the input. Returns -1 to
 * go on, or the exit status. */
static int check_names(cli *c, dm_ctx *ctx, const dm_writer **w) {
  const dm_registry *reg = dm_ctx_registry(ctx);
  dmc_opts *o = &c->o;
  if (o->from && !(o->from = dmc_format_name(reg, DM_KIND_READER, o->from))) return 2;
  if (o->to && !(o->to = dmc_format_name(reg, DM_KIND_WRITER, o->to))) return 2;
  if (canonical_options(c, reg) != 0) {
    fprintf(stderr, "docmill: out of memory\n");
    return 1;
  }
  int rc = DM_OK;
  for (size_t i = 0; i < c->noptions && rc == DM_OK; i++)
    rc = dm_ctx_set_option(ctx, c->options[i]);
  o->options = c->options;
  if (rc == DM_OK && o->to) {
    *w = dm_registry_writer(reg, o->to);
  } else if (rc == DM_OK && o->output) {
    *w = dm_registry_writer_for_path(reg, o->output);
    if (!*w) rc = dm_error(ctx, DM_EUSAGE, "cannot tell the output format from '%s'; name it with -t", o->output);
  } else if (rc == DM_OK) {
    rc = dm_error(ctx, DM_EUSAGE, "name the output format with -t (see --list-formats)");
  }
  for (size_t i = 0; rc == DM_OK && o->force && o->force[i]; i++)
    if (!dm_registry_transform(reg, o->force[i])) rc = dm_error(ctx, DM_EUSAGE, "no transform named '%s'", o->force[i]);
  for (size_t i = 0; rc == DM_OK && o->disable && o->disable[i]; i++)
    if (strcmp(o->disable[i], "all") != 0 && !dm_registry_transform(reg, o->disable[i]))
      rc = dm_error(ctx, DM_EUSAGE, "no transform named '%s'", o->disable[i]);
  return rc == DM_OK ? -1 : dmc_fail(o, ctx, rc);
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* One input to one output (or standard output). Returns the exit status. */
static int convert_single(cli *c, dm_ctx *ctx, const dm_writer *w, int nargs, char **args) {
  const dmc_opts *o = &c->o;
  if (nargs > 1) {
    fprintf(stderr, "docmill: one input at a time (or use -O DIR for many)\n");
    return 2;
  }
  const char *input = nargs ? args[0] : "-";
  int to_stdout = !o->output || strcmp(o->output, "-") == 0;
  if ((w->flags & DM_WRITER_BINARY) && to_stdout && isatty(STDOUT_FILENO)) {
    fprintf(stderr, "docmill: refusing to write %s (a binary format) to a terminal; use -o FILE\n", w->name);
    return 2;
  }
  if (o->update && !to_stdout && strcmp(input, "-") != 0 && dmc_up_to_date(input, o->output)) {
    dmc_report(o, input, o->output, "up-to-date", 0, 0, 0.0, NULL);
    return 0;
  }
  double t0 = now();
  int rc = dmc_convert_one(o, ctx, input, o->output, w);
  size_t warnings = dmc_print_diags(o, ctx, rc);
  int status = rc == DM_OK ? 0 : dmc_fail(o, ctx, rc);
  dmc_report(o, input, rc == DM_OK && !to_stdout ? o->output : NULL, rc == DM_OK ? "converted" : "failed", status,
             warnings, now() - t0, rc == DM_OK ? NULL : dm_ctx_error(ctx));
  return status;
}

/* Lists, or converts once the formats are settled. Returns the exit status. */
static int run(cli *c, dm_registry *reg, dm_ctx *ctx, int nargs, char **args) {
  int status = load_plugins(c, reg, ctx);
  if (status >= 0) return status;
  if (c->list_options) return dmc_list_options(reg, c->list_options);
  if (c->list == LIST_FORMATS) dmc_list_formats(reg);
  if (c->list == LIST_INPUT) dmc_list_names(reg, DM_KIND_READER);
  if (c->list == LIST_OUTPUT) dmc_list_names(reg, DM_KIND_WRITER);
  if (c->list != LIST_NONE) return 0;
  const dm_writer *w = NULL;
  if ((status = check_names(c, ctx, &w)) >= 0) return status;
  if (c->o.outdir) return dmc_batch(&c->o, ctx, w, nargs, args);
  return convert_single(c, ctx, w, nargs, args);
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
  cli c;
  memset(&c, 0, sizeof c);
  c.o.jobs = 1;
  int status = parse_args(&c, argc, argv);
  /* With a file-size limit (ulimit -f) the kernel would kill us mid-write
   * and leave the temporary output behind; ignored, the write fails with
   * EFBIG, which the sink reports as an I/O error and cleans up after. */
  signal(SIGXFSZ, SIG_IGN);
  if (status < 0 && dmc_signals_install(&c.o) != 0) status = 1;
  dm_registry *reg = NULL;
  dm_ctx *ctx = NULL;
  if (status < 0) {
    reg = dm_registry_new_builtin();
    ctx = reg ? dm_ctx_new(reg) : NULL;
    if (!ctx) fprintf(stderr, "docmill: out of memory\n");
    status = ctx ? -1 : 1;
  }
  if (status < 0) {
    dm_ctx_set_limits(ctx, &c.o.limits);
    status = run(&c, reg, ctx, argc - optind, argv + optind);
  }
  dm_ctx_free(ctx);
  dm_registry_free(reg);
  if (c.o.log && c.o.log != stderr) fclose(c.o.log);
  if (c.o.report && c.o.report != stderr && fclose(c.o.report) != 0 && status == 0) {
    fprintf(stderr, "docmill: cannot write the report '%s'\n", c.report_path);
    status = 3;
  }
  for (size_t i = 0; i < c.nowned; i++)
    free(c.owned[i]);
  free(c.owned);
  free(c.options);
  free(c.plugins);
  free(c.o.force);
  free(c.o.disable);
  dmc_meta_free(&c.o.meta);
  return status;
}
