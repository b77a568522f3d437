#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# The pdf reader's two targets, measured on the real UN PDFs:
#   time:   reading a PDF costs at most 1.5x what pdftotext takes on the same
#           file (poppler's own extraction is the limit): the median CPU
#           time (user + system) of `docmill -f pdf -t native --no-transform all FILE`
#           against `pdftotext FILE OUT`, alternating, over RUNS runs each
#           (the full conversion to AKN is shown beside, for information),
#           and once on the 50- and 500-page PDFs below, where the fixed
#           cost of loading poppler-glib (cairo, GLib, GIO: some 6 ms that
#           pdftotext, linked to plain poppler, does not pay) weighs less;
#   memory: on a 500-page PDF (A_RES_73_7-EN.pdf repeated 100 times with
#           qpdf) peak RSS grows with the document docmill builds, not with
#           the pages poppler has read: the growth from 50 to 500 pages per
#           page, against the size of the model per page (the native dump's
#           bytes per page, a fair measure of the text it holds).
# Usage: bench/pdf/bench.py BUILD_DIR [RUNS]
# Needs pdftotext (poppler-utils), qpdf and /usr/bin/time (package "time").
import os
import resource
import shutil
import subprocess
import sys
import tempfile

build = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 20
docmill = os.path.join(build, "docmill")
env = dict(os.environ, DOCMILL_PLUGIN_PATH=os.path.join(build, "modules"))
here = os.path.dirname(os.path.abspath(__file__))
shared = os.environ.get("DM_SHARED_DIR", os.path.join(here, "..", "..", "..", "shared"))
pdfdir = os.path.join(shared, "samples-external", "pdf")


def timed(cmd):
    """CPU time (user + system) and peak RSS (KiB) of one process. CPU time,
    not wall time: on a shared machine the wall time of a 0.1 s process is
    mostly waiting for a core."""
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    if status != 0:
        sys.exit("failed: %s" % " ".join(cmd))
    return ru.ru_utime + ru.ru_stime, ru.ru_maxrss


def median(v):
    v = sorted(v)
    return v[len(v) // 2]


def speed(pdf, tmp):
    ours, theirs, full = [], [], []
    for _ in range(runs):
        ours.append(timed([docmill, "-q", "-f", "pdf", "-t", "native", "--no-transform", "all", pdf,
                           "-o", os.path.join(tmp, "out.native")])[0])
        theirs.append(timed(["pdftotext", pdf, os.path.join(tmp, "out.txt")])[0])
        full.append(timed([docmill, "-q", pdf, "-t", "akn", "-o", os.path.join(tmp, "out.xml")])[0])
    r = median(ours) / median(theirs)
    print("%-22s read %.1f ms CPU (%.1f-%.1f), pdftotext %.1f ms: %.2fx (target <= 1.5x); to AKN %.1f ms"
          % (os.path.basename(pdf), 1000 * median(ours), 1000 * min(ours), 1000 * max(ours),
             1000 * median(theirs), r, 1000 * median(full)))
    return r


def memory(tmp):
    src = os.path.join(pdfdir, "A_RES_73_7-EN.pdf")
    rows = []
    for copies in (10, 100):
        big = os.path.join(tmp, "big%d.pdf" % copies)
        subprocess.run(["qpdf", "--empty", "--pages"] + [src] * copies + ["--", big], check=True)
        out = os.path.join(tmp, "big.native")
        wall, kb = timed([docmill, "-q", "-f", "pdf", "-t", "native", "--no-transform", "all", big, "-o", out])
        twall, tkb = timed(["pdftotext", big, os.path.join(tmp, "big.txt")])
        rows.append((copies * 5, kb, os.path.getsize(out), wall, tkb))
        print("%3d pages: peak RSS %6d KiB, pdftotext %6d KiB, model dump %7d bytes, %.2f s CPU, pdftotext %.2f s: "
              "%.2fx" % (copies * 5, kb, tkb, os.path.getsize(out), wall, twall, wall / twall))
    (p1, k1, d1, _, t1), (p2, k2, d2, _, t2) = rows
    per_page = (k2 - k1) * 1024 / (p2 - p1)
    model = (d2 - d1) / (p2 - p1)
    poppler = (t2 - t1) * 1024 / (p2 - p1)
    print("growth 50 -> 500 pages: %.1f KiB per page; pdftotext's own %.1f KiB per page (poppler's objects of "
          "the file); the model dump %.1f KiB per page; docmill beyond pdftotext: %.1fx the dump"
          % (per_page / 1024, poppler / 1024, model / 1024, (per_page - poppler) / model))
    return per_page / model


tmp = tempfile.mkdtemp()
try:
    worst = max(speed(os.path.join(pdfdir, f), tmp) for f in ("A_RES_73_7-EN.pdf", "A_RES_73_8-EN.pdf"))
    ratio = memory(tmp)
finally:
    shutil.rmtree(tmp)
print("time: %s (worst %.2fx)" % ("ok" if worst <= 1.5 else "OVER TARGET", worst))
