# SPDX-License-Identifier: MIT
"""The pieces the corpus tests share: where things are, the text extractors,
running docmill, the no-lost-text and no-silent-failure checks, the table
per language and extraction style, and the floors of expected.tsv."""

import collections
import os
import re
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET

import akn_fields

SKIP = 77
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # kana and ideographs, not punctuation
ARABIC = "\u0620-\u065f\u066e-\u06d3\u06d5\u06fa-\u06fc\u0670\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc"  # letters and marks
# A word: a CJK character, a run of Arabic letters, a run of other letters
# or a run of digits (so that a note call glued to a word, "Women4", is two
# words, whichever side glues it, and so is Latin glued to Arabic once the
# directional controls between them are gone).
TOKEN = re.compile("[%s]|[%s]+|[^\\W\\d_%s%s]+|\\d+" % (CJK, ARABIC, CJK, ARABIC))
# directional controls, and the tatweel a justified Arabic line stretches with
BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u0640]")
FITZ_LOCK = threading.Lock()
CONVERT_SECONDS = 120  # a hang is a failure; under the sanitizers a conversion takes < 1 s


def die(msg):
    print("FAIL: " + msg)
    sys.exit(1)


class Env:
    pass


def environment():
    """DOCMILL, the shared directory (a visible skip when it is absent: it
    cannot exist everywhere), the build directory and the PDF cache."""
    env = Env()
    env.docmill = os.path.abspath(os.environ.get("DOCMILL", "build/docmill"))
    env.binary = os.path.abspath(os.environ.get("DM_BINARY_DIR") or "build")
    shared = os.environ.get("DM_SHARED_DIR") or os.path.join(os.path.dirname(__file__), "../../../shared")
    env.shared = os.path.abspath(shared)
    if not os.path.isdir(env.shared):
        print("SKIP: the shared directory %s is absent (DM_SHARED_DIR)" % env.shared)
        sys.exit(SKIP)
    env.cache = os.path.abspath(os.environ.get("DM_CORPUS_CACHE") or os.path.join(env.binary, "corpus-cache"))
    # docmill's loadable modules (the pdf reader) are built into <build>/modules
    modules = os.environ.get("DM_MODULE_DIR") or os.path.join(env.binary, "modules")
    if os.path.isdir(modules) and not os.environ.get("DOCMILL_PLUGIN_PATH"):
        os.environ["DOCMILL_PLUGIN_PATH"] = modules
    if not os.access(env.docmill, os.X_OK):
        die("DOCMILL %s is not executable" % env.docmill)
    env.verbose = "--verbose" in subprocess.run([env.docmill, "--help"], capture_output=True,
                                                text=True).stdout
    return env


def listed(path, directory):
    """The file names of the committed list PATH; each must be in DIRECTORY."""
    with open(path, encoding="utf-8") as f:
        names = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    missing = [n for n in names if not os.path.exists(os.path.join(directory, n))]
    if missing:
        die("%d listed files missing from %s: %s" % (len(missing), directory, ", ".join(missing[:5])))
    return names


def listed_paths(names, directory):
    """NAMES, each of which must be in DIRECTORY."""
    missing = [n for n in names if not os.path.exists(os.path.join(directory, n))]
    if missing:
        die("missing from %s: %s" % (directory, ", ".join(missing)))
    return names


def styles(arg, docmill):
    """The extraction styles asked for (comma-separated); "pdf", docmill's
    own reader, is left out, visibly, when docmill has none."""
    out = [s for s in arg.split(",") if s]
    unknown = [s for s in out if s not in ("pdftotext", "layout", "pymupdf", "pdf")]
    if unknown:
        die("unknown styles %s" % unknown)
    listed = subprocess.run([docmill, "--list-formats"], capture_output=True, text=True).stdout
    if "pdf" in out and not any(l.split()[:2] == ["pdf", "read"] for l in listed.splitlines()):
        print("SKIP style pdf: docmill has no pdf reader (docmill --list-formats)")
        out.remove("pdf")
    return out


def extra(path):
    """What furniture is made of: the title, the formula, the note texts."""
    root = ET.parse(path).getroot()
    pre = akn_fields.first(root, "preface")
    title = akn_fields.first(pre, "docTitle")
    formula = akn_fields.first(root, "formula")
    return {
        "title": akn_fields.text_of(title) if title is not None else "",
        "formula": akn_fields.norm(akn_fields.text_of(formula))[:12] if formula is not None else "",
        "notes": [t for _, t in akn_fields.notes_in(root)],
        "note_words": [w for n in root.iter() if akn_fields.local(n.tag) == "authorialNote"
                       for w in tokens(akn_fields.text_of(n, skip=()))],
    }


def extract(pdf, style):
    """The pages of PDF as lists of lines, as STYLE extracts them."""
    if style == "pymupdf":
        with FITZ_LOCK:
            import fitz  # Debian's python3-fitz, for /usr/bin/python3
            with fitz.open(pdf) as doc:
                return [p.get_text().split("\n") for p in doc]
    cmd = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if style == "layout" else []) + [pdf, "-"]
    out = subprocess.run(cmd, capture_output=True, check=True).stdout.decode("utf-8")
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [p.split("\n") for p in pages]


class Result:
    pass


def convert(env, path, fmt, base, inserted, words=None):
    """docmill -f FMT -t akn on PATH into BASE.xml; the exit status, standard
    error, and the furniture that was put into the input. The words the
    output must hold are those of PATH, or WORDS for a PDF (no extractor's
    text is a fair measure of a PDF reader: pdftotext joins and drops
    hyphens, PyMuPDF gives Arabic in visual order)."""
    r = Result()
    r.input, r.output, r.inserted, r.fmt = path, base + ".xml", inserted, fmt
    if words is not None:
        r.input = base + ".words.txt"
        with open(r.input, "w", encoding="utf-8") as f:
            f.write(words)
    cmd = [env.docmill, "-f", fmt, "-t", "akn"] + (["--verbose"] if env.verbose else []) \
        + [path, "-o", r.output]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, errors="replace", timeout=CONVERT_SECONDS)
        r.status, r.stderr = p.returncode, p.stderr
    except subprocess.TimeoutExpired:
        r.status, r.stderr = -1, "docmill did not finish in %d s" % CONVERT_SECONDS
    with open(base + ".err", "w", encoding="utf-8") as f:
        f.write(p.stderr)
    return r


def tokens(text):
    return TOKEN.findall(BIDI.sub("", text))


def reported_furniture(stderr):
    """The words docmill says it removed: the quoted text of its furniture
    reports (--verbose), and the numbers of footnote definitions it warns it
    dropped ("footnote number 12 stands alone ...; dropped")."""
    words = []
    for line in stderr.splitlines():
        if "[furniture]" in line:
            quoted = re.findall(r"[\"\u201c]([^\"\u201d]*)[\"\u201d]", line)
            words += tokens(" ".join(quoted) if quoted else line)
        words += re.findall(r"footnote number (\w+) .*dropped", line)
    return words


def lost_words(r):
    """The words of docmill's input, furniture left out, missing from its
    output (as a multiset: a word twice in the input must be there twice).
    A footnote's marker stands for its call and its definition number; a
    call glued to a number ("1993" and call "3" extracted as "19933") is the
    number and the call."""
    with open(r.input, encoding="utf-8", errors="replace") as f:
        have = collections.Counter(tokens(f.read()))
    have.subtract(tokens("\n".join(r.inserted)))
    have.subtract(reported_furniture(r.stderr))
    got = collections.Counter(tokens(akn_fields.body_text(r.output)))
    markers = akn_fields.note_markers(r.output)
    for m in markers:
        got.update(tokens(m))
    lost = []
    for w, c in sorted(have.items()):
        missing = c - got.get(w, 0)
        while missing > 0 and w.isdigit():
            split = next((k for k in range(1, len(w)) if w[k:] in markers and got[w[:k]] > have[w[:k]]), 0)
            if not split:
                break
            got[w[:split]] -= 1
            missing -= 1
        if missing > 0:
            lost.append(w)
    return lost
