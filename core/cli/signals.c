/* SPDX-License-Identifier: MIT */
/*
 * What the command does when the system or the user stops it. A conversion
 * killed by SIGTERM, SIGINT or SIGHUP, or stopped by its CPU-time budget
 * (--limit time=, SIGXCPU), removes the named temporary output files that
 * are not yet in place, so that nothing is left but complete outputs (an
 * O_TMPFILE needs no such care: it disappears with the process, even after
 * SIGKILL). A reader that closes the pipe early (`docmill ... | head`)
 * makes writes fail with EPIPE instead of killing the process silently, so
 * that the usual I/O error (exit status 3) names what happened.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "cli.h"

/* The message for SIGXCPU, made before any signal can arrive: a handler may
 * not format. */
static char cpu_message[160];
static size_t cpu_message_len;

static void on_stop(int sig) {
  int saved = errno;
  dm_sink_remove_temporaries();
  if (sig == SIGXCPU) {
    ssize_t n = write(STDERR_FILENO, cpu_message, cpu_message_len);
    (void)n;
    _exit(1);
  }
  /* Die of the same signal, so that the parent sees how we ended. */
  signal(sig, SIG_DFL);
  raise(sig);
  errno = saved;
}

int dmc_signals_install(const dmc_opts *o) {
  signal(SIGPIPE, SIG_IGN);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_stop;
  sigemptyset(&sa.sa_mask);
  static const int stops[] = {SIGTERM, SIGINT, SIGHUP, SIGXCPU};
  for (size_t i = 0; i < sizeof stops / sizeof *stops; i++)
    sigaddset(&sa.sa_mask, stops[i]);
  for (size_t i = 0; i < sizeof stops / sizeof *stops; i++) {
    struct sigaction old;
    /* A signal the caller chose to ignore (nohup) stays ignored. */
    if (sigaction(stops[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN && stops[i] != SIGXCPU) continue;
    sigaction(stops[i], &sa, NULL);
  }
  if (!o->cpu_seconds) return 0;
  int n = snprintf(cpu_message, sizeof cpu_message,
                   "docmill: stopped after %lu s of CPU time, the limit; raise --limit time\n", o->cpu_seconds);
  cpu_message_len = n > 0 && (size_t)n < sizeof cpu_message ? (size_t)n : 0;
  /* The soft limit sends SIGXCPU; the hard one, a little later, SIGKILL in
   * case the handler could not run. A lower limit set by the caller stays. */
  struct rlimit rl;
  if (getrlimit(RLIMIT_CPU, &rl) != 0) return -1;
  rlim_t want = (rlim_t)o->cpu_seconds;
  if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur <= want) return 0;
  if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max <= want) return 0;
  rl.rlim_cur = want;
  if (rl.rlim_max == RLIM_INFINITY || rl.rlim_max > want + 5) rl.rlim_max = want + 5;
  if (setrlimit(RLIMIT_CPU, &rl) != 0) {
    fprintf(stderr, "docmill: cannot set the CPU time limit: %s\n", strerror(errno));
    return -1;
  }
  return 0;
}
