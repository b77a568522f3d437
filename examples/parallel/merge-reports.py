#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Merges the JSON-lines reports of docmill runs (docmill --report, as
convert-archive.sh writes them) into one line per input: the line of the
newest run that reports it (files are taken in name order, which is run
order for convert-archive.sh's names). Writes the merged report to
standard output and a summary to standard error:

    merge-reports.py reports/*.jsonl > report.jsonl
    merge-reports.py --inputs list.txt reports/*.jsonl > report.jsonl

With --inputs, every file named in the list (one a line) must be in the
reports. Exits 1 when an input is missing from the reports or its newest
status is "failed"; 0 when every input is converted or up to date.
"""
import collections
import json
import sys


def main(argv):
    inputs = None
    if len(argv) > 2 and argv[1] == "--inputs":
        with open(argv[2], encoding="utf-8") as f:
            inputs = [line.rstrip("\n") for line in f if line.strip()]
        argv = argv[2:]
    merged = collections.OrderedDict()
    for path in sorted(argv[1:]):
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                try:
                    entry = json.loads(line)
                except ValueError:
                    # A worker killed while writing leaves at most one
                    # partial line; its file is redone by --update.
                    print("%s:%d: not a whole JSON line, ignored" % (path, n), file=sys.stderr)
                    continue
                merged.pop(entry["input"], None)
                merged[entry["input"]] = entry
    for entry in merged.values():
        print(json.dumps(entry, ensure_ascii=False))
    status = collections.Counter(e["status"] for e in merged.values())
    missing = [i for i in inputs if i not in merged] if inputs is not None else []
    print("merged: %d inputs: %s; %d not in any report"
          % (len(merged), ", ".join("%d %s" % (n, s) for s, n in sorted(status.items())), len(missing)),
          file=sys.stderr)
    for name in missing[:20]:
        print("not in any report: %s" % name, file=sys.stderr)
    return 1 if missing or status["failed"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
