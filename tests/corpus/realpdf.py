# SPDX-License-Identifier: MIT
"""The corpus test on the PDFs the United Nations issued: each PDF of
$DM_SHARED_DIR/samples-external/pdf listed in real/*.truth is extracted with
pdftotext, pdftotext -layout and PyMuPDF (and read by docmill's own pdf
reader when there is one), converted by docmill to AKN and compared with the
truth written down from the PDF (real/*.truth: symbol, session, dates, note
calls, every preambular clause and operative paragraph, every footnote, and
the page furniture). The same assertions as roundtrip.py: no lost text, no
silent failure, the floors of expected.tsv (test "real", the PDF's name as
the language)."""

import argparse
import glob
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import akn_fields  # noqa: E402
import corpuslib as lib  # noqa: E402
import report as rep  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def read_truth(path):
    """The fields of a truth file, shaped as akn_fields.read gives them, and
    its furniture lines."""
    want = {"symbol": "", "title": "", "session": "", "dates": "", "preamble": 0, "operative": [],
            "subitems": [], "notes": [], "calls": [], "annex": [], "text": []}
    pre, ops, furniture = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            key, _, rest = line.rstrip("\n").partition("\t")
            if key in ("symbol", "session", "dates"):
                want[key] = rest
            elif key == "title":
                want[key] = akn_fields.norm(rest)
            elif key == "calls":
                want["calls"] = rest.split()
            elif key == "preamble":
                pre.append(akn_fields.norm(rest))
            elif key == "operative":
                num, _, text = rest.partition("\t")
                ops.append((num, akn_fields.norm(text)))
            elif key == "note":
                marker, _, text = rest.partition("\t")
                want["notes"].append((marker, akn_fields.norm(text)))
            elif key == "furniture":
                furniture.append(rest)
            else:
                lib.die("%s: unknown line %r" % (path, key))
    want["symbol"] = want["symbol"].replace(" ", "")
    want["preamble"] = len(pre)
    want["operative"] = [n for n, _ in ops]
    want["subitems"] = [[] for _ in ops]
    want["text"] = pre + [t for _, t in ops]
    return want, furniture


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--styles", default="pdftotext,layout,pymupdf,pdf")
    ap.add_argument("--ratchet", action="store_true",
                    help="raise the floors and lower the ceilings of expected.tsv to this run's figures")
    ap.add_argument("--no-floors", action="store_true")
    args = ap.parse_args()
    env = lib.environment()
    src = os.path.join(env.shared, "samples-external", "pdf")
    truths = sorted(glob.glob(os.path.join(HERE, "real", "*.truth")))
    names = lib.listed_paths([os.path.basename(t)[:-6] + ".pdf" for t in truths], src)
    styles = lib.styles(args.styles, env.docmill)
    work = os.path.join(env.binary, "corpus-real")
    os.makedirs(work, exist_ok=True)
    report = rep.Report(os.path.join(env.binary, "corpus-real-report"))
    for truth, name in zip(truths, names):
        want, furniture = read_truth(truth)
        pdf = os.path.join(src, name)
        for style in styles:
            base = os.path.join(work, "%s.%s" % (name[:-4], style))
            if style == "pdf":
                words = "\n".join("\n".join(p) for p in lib.extract(pdf, "pymupdf"))
                r = lib.convert(env, pdf, "pdf", base, furniture, words=words)
            else:
                pages = lib.extract(pdf, style)
                sep = "\n" if style == "pymupdf" else "\n\f"
                with open(base + ".txt", "w", encoding="utf-8") as f:
                    f.write(sep.join("\n".join(p) for p in pages))
                r = lib.convert(env, base + ".txt", "text", base, furniture)
            report.add(name[:-4], style, name, want, r)
    report.finish()
    expected = os.path.join(HERE, "expected.tsv")
    if args.ratchet and not (args.no_floors):
        rep.ratchet(expected, "real", report)
    floors = rep.floors(expected, "real")
    return report.verdict(None if args.no_floors else floors)


if __name__ == "__main__":
    sys.exit(main())
