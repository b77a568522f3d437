#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Lead words of recognised resolutions against the United Nations' own files.
The inputs are plain text with every emphasis lost: the fixtures of
tests/fixtures/resolutions/ (<lang>-txt.txt and <lang>-raw.txt, resolution
75/158 as pdftotext and other extractors leave it, a text close to the final
one), and the UN's own AKN of 75/158 in the language
($DM_SHARED_DIR/samples-external/unxml/75session_<Language>_75_158_<X>.xml;
for German, which has no 75/158, its 80/13) written out as plain text by
docmill's text writer. Each goes through docmill to AKN; every preambular
clause and operative paragraph found again in the UN's file (matched on the
first 40 letters of its text, spaces ignored) must open with the same lead
words as the UN's <span>, in the same style: italic in English, French,
Spanish and Russian, bold in Chinese, bold italic in Arabic, italic in
German, as the UN's files print them. From the UN's own text every clause
must be found. Prints one line per input.

Usage: lead-words.py [DOCMILL [FIXTURE_DIR [SHARED_DIR]]] (defaults: $DOCMILL,
$DM_SOURCE_DIR/tests/fixtures/resolutions, $DM_SHARED_DIR or ../shared)
"""
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

# language, the UN's file, whether fixtures of 75/158 exist for it
LANGS = [("en", "75session_English_75_158_E.xml", True), ("fr", "75session_French_75_158_F.xml", True),
         ("es", "75session_Spanish_75_158_S.xml", True), ("ru", "75session_Russian_75_158_R.xml", True),
         ("zh", "75session_Chinese_75_158_C.xml", True), ("ar", "75session_Arabic_75_158_A.xml", True),
         ("de", "80session_German_A_RES_80_13-2519806G.xml", False)]
# clauses of each fixture that must be found in the UN's file (counted by
# hand: the fixtures' text differs from the final one in most clauses): a
# floor, so that a change that stops matching cannot pass unnoticed
MIN_MATCHED = 3
UN_STYLE = {"italic": "i", "bold": "b", "bold italic": "bi"}
# Where the UN's 75/158 departs from its own practice, the lead the UN
# prints everywhere else is expected instead, and the departure printed:
# (language, the UN's lead here) -> (why, the lead expected, its style).
UN_IRREGULAR = {
    ("es", "Toma nota de"): ("the preposition is italic here only; the UN's files print 'Toma nota' "
                             "7 times elsewhere", "Toma nota", "i"),
    ("ru", "с удовлетворением"): ("the verb is upright here only; the UN's files print "
                                  "'с удовлетворением отмечает' and '... отмечая' whole 12 times",
                                  "с удовлетворением отмечает", "i"),
}


def local(tag):
    return tag.rsplit("}", 1)[-1]


def text_of(e):
    """The text of e without footnotes."""
    s = e.text or ""
    for k in e:
        if local(k.tag) != "authorialNote":
            s += text_of(k)
        s += k.tail or ""
    return s


def key(s):
    # a footnote call left in the text ("[12]", the text writer's), or the
    # brackets an Arabic call stands in, are not the clause's words
    s = re.sub(r"\s+", "", s)
    s = re.sub(r"\[\d+\]", "", s).replace("()", "")
    s = re.sub(r"^[\d.\-–]*", "", s)  # an Arabic "1 -" inside the text
    return s[:40]


def clauses(path, un):
    """(key, lead, style) for every preambular clause and operative
    paragraph of an AKN file; lead and style are None without a lead."""
    root = ET.parse(path).getroot()
    out = []
    for part, unit in (("preamble", "container"), ("mainBody", "paragraph")):
        for sec in root.iter():
            if local(sec.tag) != part:
                continue
            for u in sec.iter():
                if local(u.tag) != unit:
                    continue
                ps = [p for p in u.iter() if local(p.tag) == "p"]
                if not ps:
                    continue
                p = ps[0]
                lead = style = None
                kids = list(p)
                if kids and re.fullmatch(r"[\s\d.\-–]*", p.text or ""):
                    k = kids[0]
                    if un and local(k.tag) == "span" and k.get("class") in UN_STYLE:
                        style = UN_STYLE[k.get("class")]
                    elif not un and local(k.tag) in ("i", "b"):
                        inner = list(k)
                        style = local(k.tag)
                        if style == "b" and len(inner) == 1 and local(inner[0].tag) == "i" \
                                and not (k.text or "").strip() and not (inner[0].tail or "").strip():
                            style = "bi"
                    if style:
                        lead = re.sub(r"\s+", " ", "".join(k.itertext())).strip().rstrip(",，")
                out.append((key(text_of(p)), lead, style))
    return out


def check(docmill, src, out, un, name, floor):
    """Converts src and compares its leads with un; 1 on failure."""
    r = subprocess.run([docmill, "-q", "-f", "text", "-t", "akn", src, "-o", out],
                       capture_output=True, text=True)
    if r.returncode != 0:
        print("FAIL: %s: docmill status %d: %s" % (src, r.returncode, r.stderr.strip()))
        return 1
    fail = matched = right = 0
    for k, lead, style in clauses(out, False):
        if k not in un:
            continue
        matched += 1
        if (lead, style) == un[k]:
            right += 1
        elif (lead, style) == UN_IRREGULAR.get((name.split("-")[0], un[k][0]), (None, None))[1:]:
            print("%s: clause %s...: lead %r where the UN prints %r: %s"
                  % (name, k[:20], lead, un[k][0], UN_IRREGULAR[(name.split("-")[0], un[k][0])][0]))
            right += 1
        else:
            print("FAIL: %s: clause %s...: lead %r (%s), the UN prints %r (%s)"
                  % (name, k[:20], lead, style, un[k][0], un[k][1]))
            fail = 1
    print("%s: %d clauses found in the UN's file, %d with its lead words and style" % (name, matched, right))
    if matched < floor:
        print("FAIL: %s: only %d clauses found in the UN's file (at least %d expected)" % (name, matched, floor))
        fail = 1
    return fail


def main():
    args = sys.argv[1:] + [None] * 3
    docmill = args[0] or os.environ.get("DOCMILL")
    fixtures = args[1] or os.path.join(os.environ.get("DM_SOURCE_DIR", "."), "tests", "fixtures", "resolutions")
    shared = args[2] or os.environ.get("DM_SHARED_DIR", "../shared")
    if not docmill:
        print(__doc__)
        return 2
    unxml = os.path.join(shared, "samples-external", "unxml")
    fail = 0
    with tempfile.TemporaryDirectory() as tmp:
        for tag, un_file, fixtured in LANGS:
            un_path = os.path.join(unxml, un_file)
            if not os.path.exists(un_path):
                print("FAIL: %s is missing" % un_path)
                return 1
            un_all = clauses(un_path, True)
            un = {k: (lead, style) for k, lead, style in un_all if lead}
            plain = os.path.join(tmp, "%s-un.txt" % tag)
            r = subprocess.run([docmill, "-q", "-f", "akn", "-t", "text", un_path, "-o", plain],
                               capture_output=True, text=True)
            if r.returncode != 0:
                print("FAIL: %s to text: docmill status %d: %s" % (un_path, r.returncode, r.stderr.strip()))
                fail = 1
                continue
            for kind in ("txt", "raw", "un") if fixtured else ("un",):
                src = plain if kind == "un" else os.path.join(fixtures, "%s-%s.txt" % (tag, kind))
                fail |= check(docmill, src, os.path.join(tmp, "%s-%s.xml" % (tag, kind)), un,
                              "%s-%s" % (tag, kind), len(un) if kind == "un" else MIN_MATCHED)
    return fail


if __name__ == "__main__":
    sys.exit(main())
