#!/bin/sh
# SPDX-License-Identifier: MIT
# Converts an archive of documents on many machines with GNU parallel.
#
#   find archive -name '*.xml' |
#     examples/parallel/convert-archive.sh -S 8/host1,8/host2 -t text -O out -r reports
#
# File names come on standard input, one a line. GNU parallel hands them
# out N at a time (-n, default 20) to `docmill -O OUTDIR --update --report`
# on the machines of -S (parallel's --sshlogin; ':' is this machine), and
# each job writes its own JSON-lines report, REPORTDIR/RUN-JOB.jsonl.
# Outputs are replaced atomically and --update skips those newer than
# their input and than docmill, so after a machine dies, or the run is
# stopped, the same command converts only what is missing. merge-reports.py
# then merges the reports of every run into one line per input.
#
# The machines share the working directory (an NFS mount, say): parallel
# runs each job in the same directory there (--workdir .), so input and
# output paths mean the same everywhere. docmill must be on each machine's
# PATH, or named by $DOCMILL. ssh options (port, key, config) go in
# $PARALLEL_SSH, which GNU parallel reads ("ssh -F my_config").
# Arguments after -- go to docmill (e.g. -- --option text.wrap=72).
set -eu
usage() {
  echo "usage: $0 -S SSHLOGINS -t FORMAT -O OUTDIR -r REPORTDIR [-n FILES_PER_JOB] [-j JOBS_PER_HOST] [-- DOCMILL_OPTION...]" >&2
  exit 2
}
logins="" to="" outdir="" reports="" per_job=20 jobs=""
while getopts S:t:O:r:n:j: opt; do
  case $opt in
  S) logins=$OPTARG ;;
  t) to=$OPTARG ;;
  O) outdir=$OPTARG ;;
  r) reports=$OPTARG ;;
  n) per_job=$OPTARG ;;
  j) jobs=$OPTARG ;;
  *) usage ;;
  esac
done
shift $((OPTIND - 1))
[ -n "$logins" ] && [ -n "$to" ] && [ -n "$outdir" ] && [ -n "$reports" ] || usage
mkdir -p "$outdir" "$reports"
# One name per run, so that a rerun's reports sit beside the first run's
# instead of replacing them; merge-reports.py takes the newest line per
# input.
run=$(date +%Y%m%dT%H%M%S.%N)
# --joblog records which machine ran which job and how it ended;
# --halt never lets the other jobs finish when one fails; the exit status
# is the number of failed jobs (0: every file converted or up to date).
exec parallel --will-cite --sshlogin "$logins" ${jobs:+--jobs "$jobs"} --workdir . -N "$per_job" \
  --halt never --joblog "$reports/$run.joblog" \
  "${DOCMILL:-docmill}" -q -t "$to" -j 1 -O "$outdir" --update --report "$reports/$run-{#}.jsonl" "$@" {}
