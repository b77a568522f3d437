#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# examples/parallel on one machine: 200 files over two ssh "hosts".
#
# An sshd is started on 127.0.0.1, on a free port, with a host key and a
# client key made here for this run; "host1" and "host2" are two names for
# it in an ssh config given to GNU parallel through PARALLEL_SSH. Where
# sshd cannot run, the two hosts are parallel's local ':' login, and the
# output says so.
#
# The 200 inputs are handed out 10 a job in list order, so job 6 gets
# inputs 51-60. Input 57 is a FIFO nobody writes: job 6's docmill converts
# 51-56 and hangs there, like a worker whose machine stalls, and is then
# killed (SIGKILL, by its process id). The first run must leave exactly
# the outputs of 57-60 missing (worked out from the list, not from the
# program) and every other output in place; after 57 becomes a regular
# file, the same command again must convert exactly 57-60, leave the 196
# others untouched (same inode and mtime) and report them up to date; the
# merged report must account for all 200 inputs, each with the SHA-256
# sha256sum gives for its output; the job log must show both hosts.
. "$(dirname "$0")/../cli/lib.sh"
EX="$DM_SOURCE_DIR/examples/parallel"
export HOME=$SCRATCH/home # parallel keeps its state in ~/.parallel
mkdir -p "$HOME"
for tool in parallel ssh ssh-keygen python3; do
  command -v $tool >/dev/null || { fail "$tool is not installed (scripts/install-deps.sh installs it)"; finish; }
done

# ---- 200 inputs ---------------------------------------------------------------
mkdir in
for i in $(seq -w 1 200); do
  printf '# Resolution %s\n\nThe Assembly decides[^1] on item %s.\n\n[^1]: Note of %s.\n' "$i" "$i" "$i" >in/r$i.md
done
ls in/*.md >list.txt
rm in/r057.md && mkfifo in/r057.md

# ---- two ssh hosts ----------------------------------------------------------------
SSHD_PID=""
stop_sshd() { [ -n "$SSHD_PID" ] && kill "$SSHD_PID" 2>/dev/null; }
trap 'stop_sshd; chmod -R u+rwX "$SCRATCH" 2>/dev/null; rm -rf "$SCRATCH"' EXIT
start_sshd() {
  local sshd=/usr/sbin/sshd d=$SCRATCH/ssh
  [ -x $sshd ] || { echo "no $sshd"; return 1; }
  mkdir -p "$d" && chmod 700 "$d"
  ssh-keygen -q -t ed25519 -N '' -f "$d/host_key" && ssh-keygen -q -t ed25519 -N '' -f "$d/id" || return 1
  cp "$d/id.pub" "$d/authorized_keys"
  PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  cat >"$d/sshd_config" <<CFG
ListenAddress 127.0.0.1
Port $PORT
HostKey $d/host_key
AuthorizedKeysFile $d/authorized_keys
PidFile $d/sshd.pid
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
MaxStartups 50
MaxSessions 50
CFG
  # The privilege separation directory sshd wants when started as root
  # (the service's unit creates it; no service runs here).
  [ "$(id -u)" = 0 ] && [ ! -d /run/sshd ] && mkdir -p /run/sshd && chmod 755 /run/sshd
  $sshd -D -f "$d/sshd_config" -E "$d/sshd.log" &
  SSHD_PID=$!
  printf '[127.0.0.1]:%s %s\n' "$PORT" "$(cut -d' ' -f1,2 "$d/host_key.pub")" >"$d/known_hosts"
  cat >"$d/ssh_config" <<CFG
Host host1 host2
  HostName 127.0.0.1
  Port $PORT
  User $(id -un)
  IdentityFile $d/id
  IdentitiesOnly yes
  UserKnownHostsFile $d/known_hosts
  StrictHostKeyChecking yes
  BatchMode yes
  LogLevel ERROR
CFG
  export PARALLEL_SSH="ssh -F $d/ssh_config"
  for _ in $(seq 50); do
    ssh -F "$d/ssh_config" host1 true 2>/dev/null && return 0
    sleep 0.1
  done
  echo "sshd did not answer: $(cat "$d/sshd.log")"
  return 1
}
if start_sshd >sshd.out 2>&1; then
  LOGINS=2/host1,2/host2
  echo "hosts: host1 and host2, an sshd on 127.0.0.1:$PORT"
else
  stop_sshd
  SSHD_PID=""
  LOGINS=2/:,2/:
  echo "NOTE: sshd cannot run here ($(tail -1 sshd.out)); the two hosts are parallel's local ':' login"
fi

# ---- run 1, with one worker killed midway -------------------------------------------
export DOCMILL
convert() { "$EX/convert-archive.sh" -S "$LOGINS" -t native -O out -r reports -n 10 -- "$@" <list.txt; }
convert >run1.out 2>&1 &
RUN1=$!
# The docmill that holds the FIFO: found by the FIFO in its arguments,
# once it has converted the files before it.
victim=""
for _ in $(seq 600); do
  for p in /proc/[0-9]*; do
    # (a process may end between the glob and the read)
    { tr '\0' ' ' <"$p/cmdline"; } 2>/dev/null | grep -q "docmill.*in/r057.md" || continue
    { tr '\0' '\n' <"$p/cmdline"; } 2>/dev/null | head -1 | grep -q docmill || continue
    victim=${p#/proc/}
  done
  [ -n "$victim" ] && [ -e out/r056.native ] && break
  victim=""
  sleep 0.1
done
if [ -z "$victim" ]; then
  fail "no docmill ever held in/r057.md; run 1: $(cat run1.out)"
  kill "$RUN1" 2>/dev/null
  finish
fi
kill -KILL "$victim"
wait "$RUN1"
echo "run 1: parallel exited with $? (failed jobs); killed docmill $victim in the middle of job 6"

# Outputs: all but 57-60 (job 6 after the FIFO).
missing=$(for f in $(cat list.txt); do b=$(basename "$f" .md); [ -e "out/$b.native" ] || echo "$b"; done | tr '\n' ' ')
[ "$missing" = "r057 r058 r059 r060 " ] && ok "run 1: 196 outputs, missing exactly r057-r060" ||
  fail "run 1: missing outputs '$missing'"
ls out | grep -q '\.tmp-' && fail "run 1 left a temporary file: $(ls out | grep tmp)"
for b in r051 r056; do
  grep -q "\"input\":\"in/$b.md\".*\"status\":\"converted\"" reports/*.jsonl && ok "run 1: the killed job reported $b" ||
    fail "run 1: no report line for $b"
done
hosts=$(awk -F'\t' 'NR > 1 { print $2 }' reports/*.joblog | sort | uniq -c | awk '{ print $2 "=" $1 }' | tr '\n' ' ')
echo "run 1: jobs per host: $hosts"
case $LOGINS in
*host1*) echo "$hosts" | grep -q host1 && echo "$hosts" | grep -q host2 && ok "run 1: both hosts ran jobs" ||
  fail "run 1: jobs per host '$hosts'" ;;
esac

# ---- run 2: the same command converts what is missing ------------------------------
rm in/r057.md
printf '# Resolution 057\n\nThe Assembly decides[^1] on item 057.\n\n[^1]: Note of 057.\n' >in/r057.md
for f in out/*.native; do stat -c '%n %i %Y.%y' "$f"; done | sort >before.txt
sleep 1 # so that a file rewritten now would show a new mtime
convert >run2.out 2>&1
status=$?
[ "$status" = 0 ] && ok "run 2: every job succeeded" || fail "run 2: parallel exited with $status: $(cat run2.out)"
new=$(ls -t reports/*.joblog | head -1)
run2=${new%.joblog}
converted=$(cat "$run2"-*.jsonl | grep '"status":"converted"' | sed 's/.*"input":"in\/\([^"]*\)\.md".*/\1/' | sort | tr '\n' ' ')
uptodate=$(cat "$run2"-*.jsonl | grep -c '"status":"up-to-date"')
[ "$converted" = "r057 r058 r059 r060 " ] && ok "run 2 converted exactly r057-r060" || fail "run 2 converted '$converted'"
[ "$uptodate" = 196 ] && ok "run 2: 196 up to date" || fail "run 2: $uptodate up to date"
for f in out/*.native; do stat -c '%n %i %Y.%y' "$f"; done | sort >after.txt
changed=$(comm -23 before.txt after.txt | wc -l)
[ "$changed" = 0 ] && ok "run 2 left the 196 earlier outputs untouched" || fail "run 2 changed $changed earlier outputs"

# ---- the merged report ---------------------------------------------------------------
if "$EX/merge-reports.py" --inputs list.txt reports/*.jsonl >merged.jsonl 2>merge.err; then
  ok "merged report: $(cat merge.err)"
else
  fail "merge: $(cat merge.err)"
fi
python3 - list.txt merged.jsonl <<'PY' >verify.out 2>&1 && ok "merged report: 200 inputs, each output's SHA-256 right" || fail "$(cat verify.out)"
import hashlib, json, sys
names = [l.strip() for l in open(sys.argv[1]) if l.strip()]
merged = {e["input"]: e for e in map(json.loads, open(sys.argv[2]))}
assert sorted(merged) == sorted(names) and len(names) == 200, (len(merged), len(names))
for e in merged.values():
    assert e["status"] in ("converted", "up-to-date"), e
    assert e["sha256"] == hashlib.sha256(open(e["output"], "rb").read()).hexdigest(), e
PY
# One hash checked against sha256sum, the tool of record.
line=$(grep -h '"input":"in/r123.md"' "$run2"-*.jsonl)
[ "$(echo "$line" | sed 's/.*"sha256":"\([0-9a-f]*\)".*/\1/')" = "$(sha256sum out/r123.native | cut -d' ' -f1)" ] &&
  ok "sha256sum agrees with the report" || fail "sha256 of out/r123.native: $line"
finish
