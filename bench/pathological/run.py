#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Doubling bench of the pathological inputs (docs/LIMITS.md).

Each kind of input that once made docmill or a library it uses take
quadratic time or memory is generated at a size N and at 2N (and 4N), and
converted; the table gives, for each, the time (wall, whole process), the
peak resident set, the exit status and the first line docmill printed (the
fastest of three runs, and the largest peak: on a shared machine the
fastest run is the one least disturbed by the others). For
every doubling the time may grow at most 2.5 times and the peak memory at
most 2.5 times (linear, with room for noise); times under 50 ms count as
50 ms, since below that a process start dominates. Exit status 1 when a
doubling breaks either bound.

usage: run.py DOCMILL [--work DIR] [--scale K]
"""
import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"


def akn(body, doctype=""):
    return ('<?xml version="1.0"?>\n' + doctype + '<akomaNtoso xmlns="%s"><doc name="x"><mainBody>' % NS + body +
            "</mainBody></doc></akomaNtoso>\n")


def notes_akn(n):
    p = "".join('t<authorialNote marker="1" placement="bottom"><p>note %d</p></authorialNote> ' % i for i in range(n))
    return akn("<p>" + p + "</p>")


# name, generator of the input for a size unit n, file suffix, docmill arguments
KINDS = [
    ("md table rows -> markdown", lambda n: "|a|b|\n|-|-|\n" + "|x|y|\n" * (20000 * n), "md",
     ["-f", "markdown", "-t", "markdown"]),
    ("'![[]()' x100 paragraphs -> native", lambda n: ("![[]()" * 100 + "\n\n") * (400 * n), "md",
     ["-f", "markdown", "-t", "native"]),
    ("'![[]()' x 40,000n (refused)", lambda n: "![[]()" * (40000 * n) + "\n", "md", ["-f", "markdown", "-t", "native"]),
    ("header of 200,000n pipes (refused)", lambda n: "|" * (200000 * n) + "\n|-|\n", "md",
     ["-f", "markdown", "-t", "native"]),
    ("'http://a' + 200,000n ')' (refused)", lambda n: "http://a" + ")" * (200000 * n) + "\n", "md",
     ["-f", "markdown", "-t", "native"]),
    ("URLs with 250 ')' -> native", lambda n: ("http://a" + ")" * 250 + "\n") * (1000 * n), "md",
     ["-f", "markdown", "-t", "native"]),
    ("nested links '['^n x '](u)'^n", lambda n: "[" * (10000 * n) + "x" + "](u)" * (10000 * n) + "\n", "md",
     ["-f", "markdown", "-t", "native"]),
    ("100 x 250n table -> docx", lambda n: ("|" + "a|" * 100 + "\n") + "|" + "-|" * 100 + "\n" +
     ("|" + "a|" * 100 + "\n") * (250 * n), "md",
     ["-f", "markdown", "-t", "docx"]),
    ("2000 x 2000n table (refused)", lambda n: "|" + "a|" * 2000 + "\n|" + "-|" * 2000 + "\n" + "a\n" * (2000 * n),
     "md", ["-f", "markdown", "-t", "native"]),
    ("form feeds 'a\\f' x 500,000n -> native", lambda n: "a\f" * (500000 * n), "txt", ["-f", "text", "-t", "native"]),
    ("1000n notes marked 1 -> markdown", lambda n: notes_akn(1000 * n), "xml", ["-f", "akn", "-t", "markdown"]),
    ("ATTLIST defaults on 50,000n <p> (refused)",
     lambda n: akn("<p>t</p>" * (50000 * n),
                   "<!DOCTYPE akomaNtoso [<!ATTLIST p " + " ".join('a%d CDATA "%s"' % (i, "x" * 100) for i in range(100)) +
                   ">]>\n"), "xml", ["-f", "akn", "-t", "native"]),
    ("10^5 n attributes (refused)", lambda n: akn("<p " + " ".join('a%d="v"' % i for i in range(100000 * n)) + ">t</p>"),
     "xml", ["-f", "akn", "-t", "native"]),
    ("elements of 1000 attributes x 100n", lambda n: akn(("<p " + " ".join('a%d="v"' % i for i in range(1000)) +
                                                           ">t</p>") * (100 * n)), "xml", ["-f", "akn", "-t", "native"]),
]


def run(docmill, args, path, out):
    t0 = time.monotonic()
    p = subprocess.Popen([docmill] + args + ["-o", out, path], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    err = p.stderr.read().decode("utf-8", "replace")
    p.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    first = err.splitlines()[0] if err else ""
    return wall, ru.ru_maxrss, code, first


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("docmill")
    ap.add_argument("--work", default=None)
    ap.add_argument("--scale", type=int, default=1, help="multiplies every size unit")
    a = ap.parse_args()
    docmill = os.path.abspath(a.docmill)
    work = a.work or tempfile.mkdtemp(prefix="docmill-bench-")
    os.makedirs(work, exist_ok=True)
    bad = 0
    print("%-42s %3s %10s %8s %9s %4s  %s" % ("input", "n", "bytes", "time s", "peak MiB", "exit", "message"))
    for name, gen, ext, args in KINDS:
        prev = None
        for n in (1, 2, 4):
            n *= a.scale
            path = os.path.join(work, "in." + ext)
            with open(path, "w") as f:
                f.write(gen(n))
            size = os.path.getsize(path)
            out = os.path.join(work, "out")
            runs = [run(docmill, args, path, out) for _ in range(3)]
            wall = min(r[0] for r in runs)
            rss = max(r[1] for r in runs)
            _, _, code, msg = runs[0]
            note = ""
            if prev:
                tr = max(wall, 0.05) / max(prev[0], 0.05)
                mr = rss / prev[1]
                ok = tr <= 2.5 and mr <= 2.5 and code in (0, 1, 2, 3)
                note = "  x%.2f time, x%.2f memory%s" % (tr, mr, "" if ok else "  FAIL")
                bad += not ok
            print("%-42s %3d %10d %8.3f %9.1f %4d  %s%s" % (name if n == a.scale else "", n, size, wall, rss / 1024,
                                                               code, msg[:110], note))
            prev = (wall, rss)
            if os.path.exists(out):
                os.unlink(out)
        sys.stdout.flush()
    print("%d doubling(s) over the bounds" % bad)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
