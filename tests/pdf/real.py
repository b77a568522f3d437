#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# The two real UN PDFs (../shared/samples-external/pdf) read by the pdf
# module, checked against what was counted and copied by hand from the PDFs
# (their SOURCES.md gives the counts): preambular clauses with their italic
# lead words as emphasis, operative paragraph numbers, footnote markers and
# texts, the two later references to earlier notes of 73/7, symbol and
# dates. A second check owes nothing to docmill's own reading: every line
# pdftotext -layout prints for the body and the footnotes (furniture left
# aside) must be found in docmill's text, whitespace ignored, so no clause
# text is lost or garbled. The AKN written must validate against the
# official schema when xmllint and the schema are there.
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

DOCMILL = os.environ["DOCMILL"]
SHARED = os.environ.get("DM_SHARED_DIR", "../shared")
SCHEMA = os.environ.get("DM_AKN_SCHEMA", "")
AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
ENV = dict(os.environ, DOCMILL_PLUGIN_PATH=os.environ["DM_MODULE_DIR"])

EXPECT = {
    "A_RES_73_7-EN.pdf": {
        "leads": ["Recalling", "Recalling also", "Recognizing", "Reiterating", "Emphasizing", "Convinced",
                  "Acknowledging", "Recalling", "Expressing its appreciation", "Acknowledging", "Noting",
                  "Welcoming", "Stressing"],
        "operative": 28,
        "notes": [("1", "United Nations, Treaty Series, vol. 2187, No. 38544."),
                  ("2", "A/58/874 and A/58/874/Add.1."),
                  ("3", "Articles 10 and 13 of the Relationship Agreement."),
                  ("4", "A/73/334."),
                  ("5", "United Nations, Treaty Series, vol. 2271, No. 40446."),
                  ("6", "Article 2, paragraph 3, of the Relationship Agreement."),
                  ("7", "A/67/828 S/2013/210, annex."),
                  ("8", "A/73/335."),
                  ("9", "S/PRST/2013/2; see Resolutions and Decisions of the Security Council, "
                        "1 August 2012\u201331 July 2013 (S/INF/68).")],
        "refs": ["1", "2"],
        "meta": {"symbol": "A/RES/73/7", "date": "2018-10-29", "job-number": "18-18142",
                 "job-date": "2018-11-02", "number": "73/7"},
        # running headers and how often their text is in the document itself
        "headers": {"A/RES/73/7": 0},
        "pages": 5,
    },
    "A_RES_73_8-EN.pdf": {
        "leads": ["Determined", "Reaffirming", "Recalling", "Concerned", "Taking note", "Recalling",
                  "Recalling also", "Concerned"],
        "operative": 5,
        "notes": [("1", "A/73/85.")],
        "refs": [],
        "meta": {"symbol": "A/RES/73/8", "date": "2018-11-01", "job-number": "18-18418",
                 "job-date": "2018-11-07", "number": "73/8"},
        # the running header of page 2 is the title, which the title and
        # paragraph 5 hold too
        "headers": {"A/RES/73/8": 0, "Necessity of ending the economic, commercial and financial embargo": 2,
                    "imposed by the United States of America against Cuba": 2},
        "pages": 2,
    },
}

failures = 0


def check(cond, what):
    global failures
    if not cond:
        failures += 1
        print("FAIL:", what)


def text_of(e, skip_notes=True):
    """Text of an AKN element, notes left out."""
    out = [e.text or ""]
    for c in e:
        if not (skip_notes and c.tag == AKN + "authorialNote"):
            out.append(text_of(c, skip_notes))
        out.append(c.tail or "")
    return "".join(out)


def squash(s):
    return re.sub(r"\s+", "", s)


def run(args):
    p = subprocess.run([DOCMILL] + args, capture_output=True, env=ENV, timeout=120)
    check(p.returncode == 0, "docmill %s: exit %d: %s" % (" ".join(args), p.returncode, p.stderr.decode()[:300]))
    return p.stdout.decode("utf-8")


def furniture(seg, headers):
    return (seg in headers or re.fullmatch(r"[\d/()E* -]+|_+|\d{2}-\d{5}( \(E\))?", seg) is not None)


def ours_text(native):
    """docmill's text from a native dump: the body with note markers in
    place, then the text of the notes."""
    body, notes, note_indent = [], [], None
    for line in native.splitlines():
        indent = len(line) - len(line.lstrip())
        if note_indent is not None and indent <= note_indent:
            note_indent = None
        m = re.match(r'\s*(?:text "(.*)"|(note|note_ref) marker="([^"]*)")$', line)
        if not m:
            continue
        if m.group(1) is not None:
            (notes if note_indent is not None else body).append(m.group(1))
        else:
            (notes if note_indent is not None else body).append(m.group(3))
            if m.group(2) == "note" and note_indent is None:
                note_indent = indent
                notes.append("|")
    return squash("".join(body) + "|" + "".join(notes)).replace('\\"', '"')


def coverage(pdf, native, headers):
    """Every pdftotext line of body and footnotes is in docmill's text."""
    ours = ours_text(native)
    layout = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True).stdout.decode("utf-8")
    missing = 0
    for line in layout.splitlines():
        for seg in re.split(r"\s{3,}", line.strip()):
            if not seg or furniture(seg, headers):
                continue
            if squash(seg) not in ours:
                missing += 1
                print("  not found:", seg)
    return missing


def one(name, exp):
    pdf = os.path.join(SHARED, "samples-external", "pdf", name)
    native = run(["-t", "native", pdf])
    akn_path = os.path.join(os.environ.get("TMPDIR", "/tmp"), "dm-pdf-%d.xml" % os.getpid())
    run(["-t", "akn", "-o", akn_path, pdf])
    root = ET.parse(akn_path).getroot()
    if SCHEMA and os.path.exists(SCHEMA):
        p = subprocess.run(["xmllint", "--noout", "--schema", SCHEMA, akn_path], capture_output=True)
        check(p.returncode == 0, "%s: AKN does not validate: %s" % (name, p.stderr.decode()[:300]))
    os.unlink(akn_path)
    # a preambular clause: a container named after its lead words, as the
    # UN's files write it (a numbered one stays a recital)
    recitals = root.findall(".//" + AKN + "preamble/" + AKN + "container") + root.findall(".//" + AKN + "recital")
    check(len(recitals) == len(exp["leads"]), "%s: %d preambular clauses, expected %d" %
          (name, len(recitals), len(exp["leads"])))
    leads = []
    for r in recitals:
        i = r.find(".//" + AKN + "i")
        leads.append(i.text.strip() if i is not None and i.text else "")
        check(i is not None and text_of(r.find(".//" + AKN + "p")).strip().startswith(i.text or "?"),
              "%s: clause does not open with its lead words in emphasis: %s" % (name, text_of(r)[:60]))
    check(leads == exp["leads"], "%s: lead words %s, expected %s" % (name, leads, exp["leads"]))
    nums = [n.text for n in root.findall(".//" + AKN + "mainBody/" + AKN + "paragraph/" + AKN + "num")]
    want = ["%d." % i for i in range(1, exp["operative"] + 1)]
    check(nums == want, "%s: operative numbers %s, expected 1. to %d." % (name, nums, exp["operative"]))
    notes = [(n.get("marker"), re.sub(r"\s+", " ", text_of(n, False)).strip())
             for n in root.iter(AKN + "authorialNote")]
    check(notes == exp["notes"], "%s: notes %s, expected %s" % (name, notes, exp["notes"]))
    refs = [r.get("marker") for r in root.iter(AKN + "noteRef")]
    check(refs == exp["refs"], "%s: note references %s, expected %s" % (name, refs, exp["refs"]))
    for k, v in exp["meta"].items():
        check(re.search(r'^  meta "%s" "%s"$' % (re.escape(k), re.escape(v)), native, re.M) is not None,
              "%s: metadata %s is not %s" % (name, k, v))
    # the reader's own tree, before the recogniser moves numbers to labels
    raw = run(["-t", "native", "--no-transform", "all", pdf])
    check(raw.count("page_break") == exp["pages"] - 1, "%s: %d page breaks, expected %d" %
          (name, raw.count("page_break"), exp["pages"] - 1))
    missing = coverage(pdf, raw, exp["headers"])
    check(missing == 0, "%s: %d lines of the PDF are not in docmill's text" % (name, missing))
    for h, count in exp["headers"].items():
        got = ours_text(raw).count(squash(h))
        check(got == count, "%s: running header %r: %d times in the text, expected %d" % (name, h, got, count))
    print("%s: %d clauses, %d paragraphs, %d notes, %d references" %
          (name, len(recitals), len(nums), len(notes), len(refs)))


for n, e in EXPECT.items():
    one(n, e)
sys.exit(1 if failures else 0)
