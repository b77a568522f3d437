#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Checks docmill's plain-text output against its source, by means of its
own: the source is read here with Python's XML parser (Akoma Ntoso) or as
Markdown / plain text with regular expressions, never through docmill.

  check_text.py words SOURCE OUTPUT
      the words of OUTPUT are the words of SOURCE: the same count of each
      word (a CJK character counts as one word), with what plain text adds
      on purpose taken into account: each footnote marker twice (at the
      reference and before the note) and a link's URL after its text.
  check_text.py numbers OUTPUT LABEL...
      every LABEL starts a line of OUTPUT (after indentation), in order.
  check_text.py markers OUTPUT MARKER...
      each note marker M appears as "[M]" in the text and starts one line
      "[M] ..." of the notes at the end, as often as it is given.
  check_text.py akn SOURCE OUTPUT
      all three for an AKN file: labels from its <num> elements, markers
      from its <authorialNote marker="..."> elements.

Prints one line per problem and exits 1 if there was any.
"""
import collections
import html
import re
import sys
import xml.etree.ElementTree as ET

CJK = re.compile("([\u1100-\u11ff\u2e80-\u2fdf\u3040-\u30ff\u3100-\u31ff\u3190-\u319f"
                 "\u3200-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff])")


def words(text):
    """Word counts: runs of letters and digits; each CJK character alone."""
    return collections.Counter(re.findall(r"\w+", CJK.sub(r" \1 ", text)))


# AKN elements whose text runs on with the text around them; every other
# element is a block, and ends a word.
INLINE = {"a", "abbr", "b", "date", "docAuthority", "docDate", "docketNumber", "docNumber", "docProponent",
          "docStatus", "docTitle", "docType", "entity", "event", "i", "inline", "location", "organization",
          "person", "ref", "role", "session", "span", "sub", "sup", "term", "u", "img", "authorialNote",
          "noteRef", "def", "concept", "object", "quantity", "time", "mref", "rref", "vote", "legislature"}


def local(tag):
    return tag.rsplit("}", 1)[-1]


def akn_text(el, out, notes):
    """The text of el as docmill's model has it; notes' text goes to notes."""
    tag = local(el.tag)
    if tag == "meta":
        return
    block = tag not in INLINE
    if block:
        out.append(" ")
    if tag == "authorialNote":
        marker = el.get("marker", "")
        out.append("[%s]" % marker)
        body = []
        for child in el:
            akn_text(child, body, notes)
            body.append(child.tail or "")
        notes.append((marker, (el.text or "") + "".join(body)))
        return
    if tag == "img":
        out.append("[image: %s]" % el.get("src", ""))
    out.append(el.text or "")
    for child in el:
        akn_text(child, out, notes)
        out.append(child.tail or "")
    if tag == "a" and el.get("href"):
        inner = "".join(el.itertext())
        if inner.strip() != el.get("href"):
            out.append(" <%s>" % el.get("href"))
    if block:
        out.append(" ")


def akn_source(path):
    root = ET.parse(path).getroot()
    doc = next(iter(root))  # <statement>, <act>, <doc>...
    out, notes = [], []
    akn_text(doc, out, notes)
    text = "".join(out) + " " + " ".join("[%s] %s" % n for n in notes)
    labels = [" ".join("".join(n.itertext()).split()) for n in doc.iter() if local(n.tag) == "num"]
    return text, [l for l in labels if l], [m for m, _ in notes]


def plain_source(path):
    """Markdown or plain text: tags and entities out, footnote labels as
    plain text writes them ([^1] is [1])."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r"</?[A-Za-z][A-Za-z0-9]*(\s[^>]*)?/?>", "", text)
    return html.unescape(text)


def compare_words(src_text, out_text, what):
    want, got = words(src_text), words(out_text)
    bad = [(w, want[w], got[w]) for w in sorted(set(want) | set(got)) if want[w] != got[w]]
    for w, a, b in bad[:20]:
        print("%s: word %r: %d in the source, %d in the text" % (what, w, a, b))
    total_want, total_got = sum(want.values()), sum(got.values())
    print("%s: %d words in the source, %d in the text" % (what, total_want, total_got))
    return not bad


def check_numbers(out_text, labels, what):
    starts = [l.strip() for l in out_text.split("\n")]
    i, ok = 0, True
    for label in labels:
        while i < len(starts) and not starts[i].startswith(label + " ") and starts[i] != label:
            i += 1
        if i == len(starts):
            print("%s: no line starts with the label %r (in order)" % (what, label))
            ok = False
            i = 0
        else:
            i += 1
    print("%s: %d labels checked" % (what, len(labels)))
    return ok


def check_markers(out_text, markers, what):
    ok = True
    lines = out_text.split("\n")
    for m, k in collections.Counter(markers).items():
        ref = "[%s]" % m
        defs = sum(1 for l in lines if l.startswith(ref + " ") or l == ref)
        if defs != k or out_text.count(ref) < 2 * k:
            print("%s: marker %s: %d notes in the source, %d note lines and %d mentions in the text"
                  % (what, ref, k, defs, out_text.count(ref)))
            ok = False
    print("%s: %d markers checked" % (what, len(markers)))
    return ok


def main(argv):
    mode = argv[1]
    if mode == "words":
        with open(argv[3], encoding="utf-8") as f:
            out = f.read()
        ok = compare_words(plain_source(argv[2]), out, argv[2])
    elif mode == "akn":
        text, labels, markers = akn_source(argv[2])
        with open(argv[3], encoding="utf-8") as f:
            out = f.read()
        ok = compare_words(text, out, argv[2])
        ok = check_numbers(out, labels, argv[2]) and ok
        ok = check_markers(out, markers, argv[2]) and ok
    else:
        with open(argv[2], encoding="utf-8") as f:
            out = f.read()
        check = check_numbers if mode == "numbers" else check_markers
        ok = check(out, argv[3:], argv[2])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
