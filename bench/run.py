#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""docmill's benchmark suite (`make bench`). Generates inputs with gen.py,
times whole processes over repeated runs (median and min-max wall time, peak
resident memory of each run from wait4), and prints each figure beside
pandoc's, measured in the same run, with the ratio: absolute times on a
shared machine are noise, ratios are the figure. Also measures the limit the
pipeline cannot beat: cmark-gfm parsing the same input plus zlib deflating
docmill's own XML parts at the level docmill uses.

usage: run.py DOCMILL [--smoke] [--work DIR]

DM_DOCX_DEFLATE_LEVEL overrides the deflate level of the limit, which is
otherwise read from plugins/docx/docx.h (DOCX_DEFLATE_LEVEL) so that the
limit deflates at the level the writer uses.
"""
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def run_once(cmd, stdin=None, stdout=None):
    """Wall time and peak RSS (bytes) of one process."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=stdin, stdout=stdout or subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    err = p.stderr.read().decode("utf-8", "replace")
    p.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {code}: {err[:300]}")
    return wall, ru.ru_maxrss * 1024


def measure(cmd, runs, shell=False):
    """Median, min, max wall time and the largest peak RSS over runs."""
    times, peak = [], 0
    for _ in range(runs):
        if shell:
            t0 = time.perf_counter()
            subprocess.run(cmd, shell=True, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times.append(time.perf_counter() - t0)
        else:
            w, m = run_once(cmd)
            times.append(w)
            peak = max(peak, m)
    return statistics.median(times), min(times), max(times), peak


def measure_pair(cmd_a, cmd_b, runs):
    """measure() of two commands with their runs alternating, so that a
    change in the machine's load falls on both alike; cmd_b may be None."""
    ta, tb, pa, pb = [], [], 0, 0
    for _ in range(runs):
        w, m = run_once(cmd_a)
        ta.append(w)
        pa = max(pa, m)
        if cmd_b:
            w, m = run_once(cmd_b)
            tb.append(w)
            pb = max(pb, m)
    a = (statistics.median(ta), min(ta), max(ta), pa)
    b = (statistics.median(tb), min(tb), max(tb), pb) if cmd_b else None
    return a, b


def fmt_t(m):
    med, lo, hi, _ = m
    return f"{med:.3f}s ({lo:.3f}-{hi:.3f})"


def deflate_seconds(docx, level, runs):
    """zlib deflating the XML parts docmill wrote, at docmill's level."""
    with zipfile.ZipFile(docx) as z:
        parts = [z.read(n) for n in z.namelist() if n.endswith(".xml") or n.endswith(".rels")]
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        for data in parts:
            c = zlib.compressobj(level, zlib.DEFLATED, -15)
            c.compress(data)
            c.flush()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), sum(len(p) for p in parts)


def docx_level():
    """The deflate level the DOCX writer uses, from its header."""
    if "DM_DOCX_DEFLATE_LEVEL" in os.environ:
        return int(os.environ["DM_DOCX_DEFLATE_LEVEL"])
    with open(os.path.join(HERE, "..", "plugins", "docx", "docx.h"), encoding="utf-8") as f:
        m = re.search(r"^#define DOCX_DEFLATE_LEVEL (\d+)", f.read(), re.M)
    if not m:
        sys.exit("run.py: no DOCX_DEFLATE_LEVEL in plugins/docx/docx.h; set DM_DOCX_DEFLATE_LEVEL")
    return int(m.group(1))


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    docmill = os.path.abspath(sys.argv[1])
    smoke = "--smoke" in sys.argv
    work = sys.argv[sys.argv.index("--work") + 1] if "--work" in sys.argv else tempfile.mkdtemp(prefix="dm-bench-")
    work = os.path.abspath(work)
    os.makedirs(work, exist_ok=True)
    level = docx_level()
    pandoc = shutil.which("pandoc")
    cmark = shutil.which("cmark-gfm")
    seed = os.path.join(HERE, "..", "samples", "un-ga-75-158-zh.md")
    formats = subprocess.run([docmill, "--list-formats"], capture_output=True, text=True, check=True).stdout
    have = {(l.split()[0], l.split()[1]) for l in formats.splitlines() if len(l.split()) > 1}
    runs = 1 if smoke else 10
    big_runs = 1 if smoke else 3
    rows = []

    def row(name, ours, theirs, target, better_ratio):
        """A time against pandoc's: the ratio is how many times faster."""
        ratio = (theirs / ours) if (ours and theirs) else None
        met = "-" if ratio is None or better_ratio is None else ("met" if ratio >= better_ratio else "NOT met")
        rows.append((name, ours, theirs, ratio, target, met))

    def cap(name, ours, theirs, target, most):
        """A figure that must stay at most `most` (memory / input, time /
        limit): the ratio column repeats ours, the figure compared."""
        rows.append((name, ours, theirs, ours, target, "met" if ours <= most else "NOT met"))

    out = os.path.join(work, "out")
    os.makedirs(out, exist_ok=True)
    sizes = {"seed": seed}
    if not smoke:
        for label, n in (("2MiB", 2 << 20), ("20MiB", 20 << 20)):
            path = os.path.join(work, f"bench-{label}.md")
            if not os.path.exists(path):
                subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), str(n), path], check=True)
            sizes[label] = path

    # seed -> DOCX, whole process
    if ("docx", "write") in have:
        # A few milliseconds against a few tens: more runs than the large
        # inputs get, alternating, for a stable median.
        d, p = measure_pair([docmill, seed, "-o", os.path.join(out, "seed.docx")],
                            [pandoc, seed, "-o", os.path.join(out, "seed-pandoc.docx")] if pandoc else None,
                            1 if smoke else 30)
        row("seed -> docx (time)", d[0], p[0] if p else None, ">= 15x faster", 15)
        print(f"seed -> docx: docmill {fmt_t(d)}, pandoc {fmt_t(p) if p else 'n/a'}", flush=True)

    timings = {}
    for label in ("2MiB", "20MiB"):
        if label not in sizes or ("docx", "write") not in have:
            continue
        src = sizes[label]
        insize = os.path.getsize(src)
        docx = os.path.join(out, f"{label}.docx")
        d = measure([docmill, src, "-o", docx], big_runs)
        timings[label] = d[0]
        print(f"{label} md -> docx: docmill {fmt_t(d)}, peak {d[3] / 2**20:.0f} MiB", flush=True)
        if label == "20MiB":
            p = measure([pandoc, "-f", "markdown", src, "-o", os.path.join(out, "20-pandoc.docx")], 1) if pandoc else None
            row("20 MiB md -> docx (time)", d[0], p[0] if p else None, ">= 25x faster", 25)
            cap("20 MiB md -> docx (peak memory / input; pandoc's beside)", d[3] / insize,
                p[3] / insize if p else None, "<= 8x input", 8)
            if cmark:
                c = measure([cmark, "--extension", "footnotes", "--extension", "table", src], big_runs)
                z, xml_bytes = deflate_seconds(docx, level, big_runs)
                limit = c[0] + z
                rows.append((f"20 MiB md -> docx / limit (cmark-gfm {c[0]:.2f}s + deflate {xml_bytes >> 20} MiB "
                             f"at level {level} {z:.2f}s)", d[0], limit, d[0] / limit, "<= 1.5x limit",
                             "met" if d[0] <= 1.5 * limit else "NOT met"))
                print(f"limit: cmark-gfm {fmt_t(c)}, deflate {z:.3f}s", flush=True)
    if "2MiB" in timings and "20MiB" in timings:
        r = timings["20MiB"] / timings["2MiB"]
        cap("linearity: 20 MiB time / 2 MiB time", r, None, "<= 11", 11)

    if "20MiB" in sizes and ("akn", "write") in have:
        src = sizes["20MiB"]
        insize = os.path.getsize(src)
        akn = os.path.join(out, "20MiB.xml")
        d = measure([docmill, src, "-t", "akn", "-o", akn], big_runs)
        p = measure([pandoc, "-f", "markdown", "-t", "jats", src, "-o", os.path.join(out, "20-pandoc.jats")], 1) \
            if pandoc else None
        row("20 MiB md -> akn vs pandoc md -> jats (time)", d[0], p[0] if p else None, ">= 25x faster", 25)
        cap("20 MiB md -> akn (peak memory / input; pandoc's jats beside)", d[3] / insize,
            p[3] / insize if p else None, "<= 8x input", 8)
        if ("akn", "read") in have:
            aknsize = os.path.getsize(akn)
            r = measure([docmill, "-f", "akn", akn, "-t", "markdown", "-o", os.path.join(out, "back.md")], big_runs)
            cap(f"akn ({aknsize >> 20} MiB) -> md (peak memory / input)", r[3] / aknsize, None, "<= 4x input", 4)
            print(f"akn -> md: {fmt_t(r)}, peak {r[3] / 2**20:.0f} MiB", flush=True)

    # batch: 1,000 seed-sized files
    if ("docx", "write") in have:
        nfiles = 20 if smoke else 1000
        bdir = os.path.join(work, "batch")
        os.makedirs(bdir, exist_ok=True)
        files = []
        for i in range(nfiles):
            f = os.path.join(bdir, f"r{i:04d}.md")
            if not os.path.exists(f):
                shutil.copyfile(seed, f)
            files.append(f)
        odir = os.path.join(work, "batch-out")
        pdir = os.path.join(work, "batch-pandoc")
        for dname in (odir, pdir):
            os.makedirs(dname, exist_ok=True)
        listing = os.path.join(work, "batch.list")
        with open(listing, "w") as f:
            f.write("\n".join(files) + "\n")
        d = measure(f"{shlex.quote(docmill)} -q -t docx -O {shlex.quote(odir)} -j 2 < {shlex.quote(listing)}", 1 if smoke else 3, shell=True)
        p = measure(f"xargs -P 2 -I{{}} sh -c 'pandoc \"$1\" -o {pdir}/$(basename \"$1\" .md).docx' _ {{}} < {shlex.quote(listing)}",
                    1, shell=True) if pandoc else None
        row(f"batch {nfiles} seed files -> docx, -j 2 vs xargs -P 2 pandoc", d[0], p[0] if p else None,
            ">= 20x faster", 20)

    print()
    print(f"{'figure':<78} {'docmill':>10} {'pandoc/limit':>13} {'ratio':>8}  target          verdict")
    for name, ours, theirs, ratio, target, met in rows:
        o = f"{ours:.3f}" if isinstance(ours, float) else str(ours)
        t = f"{theirs:.3f}" if isinstance(theirs, float) else "-"
        r = f"{ratio:.2f}x" if ratio else "-"
        print(f"{name:<78} {o:>10} {t:>13} {r:>8}  {target:<15} {met}")
    if "--work" not in sys.argv:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
