# SPDX-License-Identifier: MIT
"""The round-trip corpus test: the United Nations' own AKN4UN files go
through docmill's DOCX, LibreOffice's PDF, three text extractors and page
furniture as the UN's PDFs have it, back through docmill to AKN, and the
result is compared with the original clause by clause (akn_fields.py).

Run by CTest (tests/corpus/CMakeLists.txt) with DOCMILL, DM_SHARED_DIR and
DM_BINARY_DIR set; see README.md for running one language or style. What it
asserts, on the whole corpus: no text lost (every word of docmill's input
that is not furniture is in its output), no silent failure (a resolution
whose structure was not found comes with a warning), and per language and
extraction style at least the number of fully right documents written in
expected.tsv. It prints a table per language and style and writes it, with
the first difference of every document, under the build directory."""

import argparse
import concurrent.futures as cf
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import akn_fields  # noqa: E402
import furniture  # noqa: E402
import corpuslib as lib  # noqa: E402
import report as rep  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def language(name):
    parts = name.split("_")
    return parts[1] if len(parts) > 1 else "?"


def make_docx(docmill, names, src, out, jobs):
    os.makedirs(out, exist_ok=True)
    r = subprocess.run([docmill, "-q", "-t", "docx", "-O", out, "-j", str(jobs)]
                       + [os.path.join(src, n) for n in names],
                       capture_output=True, text=True)
    missing = [n for n in names if not os.path.exists(os.path.join(out, n[:-4] + ".docx"))]
    if r.returncode != 0 or missing:
        lib.die("docmill -t docx failed (status %d) for %s: %s"
                % (r.returncode, missing[:5], r.stderr[-600:]))


def make_pdfs(docx_dir, names, cache, work):
    """The PDF LibreOffice makes of each DOCX, from CACHE when a DOCX with the
    same SHA-256 was converted before; the others in one soffice call."""
    os.makedirs(cache, exist_ok=True)
    pdfs, todo = {}, []
    for n in names:
        d = os.path.join(docx_dir, n[:-4] + ".docx")
        with open(d, "rb") as f:
            key = hashlib.sha256(f.read()).hexdigest()
        pdfs[n] = os.path.join(cache, key + ".pdf")
        if not os.path.exists(pdfs[n]):
            todo.append((n, d))
    if todo:
        if not shutil.which("soffice"):
            lib.die("soffice (LibreOffice) is not installed: run scripts/install-deps.sh")
        out = tempfile.mkdtemp(dir=work, prefix="lo-")
        made = lambda d: os.path.join(out, os.path.basename(d)[:-5] + ".pdf")  # noqa: E731
        for attempt in (1, 2):
            # a second call for what the first did not make: a fresh
            # LibreOffice profile now and then fails its first documents
            left = [d for _, d in todo if not os.path.exists(made(d))]
            if not left:
                break
            cmd = ["soffice", "-env:UserInstallation=file://" + os.path.join(work, "lo-profile"),
                   "--headless", "--norestore", "--convert-to", "pdf", "--outdir", out] + left
            r = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
        for n, d in todo:
            if not os.path.exists(made(d)):
                lib.die("LibreOffice made no PDF of %s (status %d): %s" % (d, r.returncode, r.stderr[-400:]))
            # into the cache under a temporary name first: another run (the
            # sanitizer pass) may read the cache at the same time
            tmp = "%s.%d.tmp" % (pdfs[n], os.getpid())
            shutil.copyfile(made(d), tmp)
            os.replace(tmp, pdfs[n])
        print("LibreOffice: %d PDFs made, %d from the cache" % (len(todo), len(names) - len(todo)))
    else:
        print("LibreOffice: all %d PDFs from the cache %s" % (len(names), cache))
    return pdfs


def furnish_one(name, style, pages, want, extra):
    f = furniture.Furnisher(name, style, want["symbol"], extra["title"], language(name),
                            want["dates"].split(" ")[-1], extra["notes"], extra["formula"],
                            extra["note_words"])
    text = furniture.furnish(pages, f, akn_fields.norm, lib.tokens)
    return text, f.inserted


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--styles", default="pdftotext,layout,pymupdf,pdf",
                    help="comma-separated extraction styles (pdf: docmill's own reader, when there is one)")
    ap.add_argument("--lang", help="only files of this language (English, Arabic, ...)")
    ap.add_argument("--only", help="only files whose name contains this")
    ap.add_argument("--ratchet", action="store_true",
                    help="raise the floors and lower the ceilings of expected.tsv to this run's figures")
    ap.add_argument("--no-floors", action="store_true", help="report, do not check expected.tsv")
    args = ap.parse_args()

    env = lib.environment()
    src = os.path.join(env.shared, "samples-external", "unxml")
    names = lib.listed(os.path.join(HERE, "files.txt"), src)
    if args.lang:
        names = [n for n in names if language(n) == args.lang]
    if args.only:
        names = [n for n in names if args.only in n]
    styles = lib.styles(args.styles, env.docmill)

    work = os.path.join(env.binary, "corpus")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    jobs = os.cpu_count() or 2
    make_docx(env.docmill, names, src, os.path.join(work, "docx"), jobs)
    pdfs = make_pdfs(os.path.join(work, "docx"), names, env.cache, work)

    want, extra = {}, {}
    for n in names:
        want[n] = akn_fields.read(os.path.join(src, n))
        extra[n] = lib.extra(os.path.join(src, n))

    tasks = []
    for style in styles:
        os.makedirs(os.path.join(work, style), exist_ok=True)
        for n in names:
            tasks.append((n, style))

    def run(task):
        n, style = task
        base = os.path.join(work, style, n[:-4])
        if style == "pdf":
            # the words of the original, all in the PDF LibreOffice made
            return lib.convert(env, pdfs[n], "pdf", base, [],
                               words=akn_fields.body_text(os.path.join(src, n)))
        pages = lib.extract(pdfs[n], style)
        text, inserted = furnish_one(n, style, pages, want[n], extra[n])
        with open(base + ".txt", "w", encoding="utf-8") as f:
            f.write(text)
        return lib.convert(env, base + ".txt", "text", base, inserted)

    with cf.ThreadPoolExecutor(max_workers=jobs) as ex:
        results = dict(zip(tasks, ex.map(run, tasks)))

    report = rep.Report(os.path.join(env.binary, "corpus-report"))
    order = ["Arabic", "Chinese", "English", "French", "Russian", "Spanish", "German"]
    for style in styles:
        for n in sorted(names, key=lambda n: (order.index(language(n)) if language(n) in order else 99, n)):
            report.add(language(n), style, n, want[n], results[(n, style)])
    report.finish()
    expected = os.path.join(HERE, "expected.tsv")
    if args.ratchet and not (args.no_floors or args.lang or args.only):
        rep.ratchet(expected, "roundtrip", report)
    floors = rep.floors(expected, "roundtrip")
    return report.verdict(None if args.no_floors or args.lang or args.only else floors)


if __name__ == "__main__":
    sys.exit(main())
