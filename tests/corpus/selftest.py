# SPDX-License-Identifier: MIT
"""Checks of the corpus tests' own machinery, so that their tables can be
trusted: the field reader agrees with counts taken from the raw XML by
other means, every kind of damage to a resolution is caught in the field it
belongs to and only there, the lost-text check finds a missing word and
forgives furniture, and the furniture is deterministic and recorded. Runs
in a second, without LibreOffice."""

import copy
import os
import re
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import akn_fields as A  # noqa: E402
import corpuslib as lib  # noqa: E402
import furniture  # noqa: E402

FAILS = []


def check(cond, what):
    print(("ok: " if cond else "FAIL: ") + what)
    if not cond:
        FAILS.append(what)


def counts_by_regex(env):
    """Footnotes and preambular containers counted with regular expressions
    over the raw files, against the field reader, on the whole corpus."""
    src = os.path.join(env.shared, "samples-external", "unxml")
    names = lib.listed(os.path.join(os.path.dirname(__file__), "files.txt"), src)
    bad = []
    for n in names:
        raw = open(os.path.join(src, n), encoding="utf-8").read()
        f = A.read(os.path.join(src, n))
        notes = len(re.findall(r"<authorialNote\b", raw))
        containers = len(re.findall(r"<container\b", raw))
        nums = len(re.findall(r"<num>\s*\d+\.\s*</num>", raw.split("<attachments")[0]))
        if len(f["notes"]) != notes or f["preamble"] < containers or \
                len([x for x in f["operative"] if x]) < nums:
            bad.append(n)
    check(not bad, "field reader agrees with regex counts on %d files %s" % (len(names), bad[:3]))


def damage(env):
    """One change per field to a real resolution, each caught where it belongs."""
    src = os.path.join(env.shared, "samples-external", "unxml", "75session_English_75_158_E.xml")
    tree = ET.parse(src)
    want = A.read(src)
    check((want["preamble"], len(want["operative"]), len(want["notes"])) == (38, 52, 34),
          "75/158 E: 38 preambular clauses, 52 paragraphs, 34 notes (grep -o ... | wc -l)")

    def mutated(fn):
        t = copy.deepcopy(tree)
        fn(t.getroot())
        with tempfile.NamedTemporaryFile("wb", suffix=".xml", delete=False) as f:
            t.write(f, encoding="utf-8")
        got = A.read(f.name)
        os.unlink(f.name)
        return set(A.compare(want, got))

    def find(root, name, i=0):
        return [e for e in root.iter() if A.local(e.tag) == name][i]

    def drop_word(root):
        p = find(find(root, "paragraph", 3), "p")
        p.text = (p.text or "") + "extra "

    def renumber(root):
        find(root, "num", 4).text = "9."

    def remarker(root):
        find(root, "authorialNote", 2).set("marker", "x")

    def note_text(root):
        p = find(find(root, "authorialNote", 5), "p")
        p.text = "changed"

    def drop_clause(root):
        pre = find(root, "preamble")
        pre.remove(find(pre, "container", 2))

    def symbol(root):
        find(root, "docNumber").text = "A/RES/75/159"

    def session(root):
        find(root, "session").set("value", "76")

    check(mutated(drop_word) == {"text"}, "a changed word in a paragraph: text only")
    check(mutated(renumber) == {"operative"}, "a changed number: operative only")
    check(mutated(remarker) == {"notemarks"}, "a changed note marker: notemarks only")
    check(mutated(note_text) == {"notetexts"}, "a changed note text: notetexts only")
    check(mutated(drop_clause) == {"preamble", "text"}, "a lost clause: preamble and text")
    check(mutated(symbol) == {"symbol"}, "a changed symbol: symbol only")
    check(mutated(session) == {"session"}, "a changed session: session only")


def lost_text():
    work = tempfile.mkdtemp()
    r = lib.Result()
    r.input = os.path.join(work, "in.txt")
    r.output = os.path.join(work, "out.xml")
    with open(r.input, "w", encoding="utf-8") as f:
        f.write("Recalling the Charter 1\n18-18142 (E)\n1 Treaty Series\n大会决议\n")
    with open(r.output, "w", encoding="utf-8") as f:
        f.write('<akomaNtoso><meta><x>Charter</x></meta><p>Recalling the Charter'
                '<authorialNote marker="1"><p>Treaty Series</p></authorialNote> 大会决</p></akomaNtoso>')
    r.inserted, r.stderr = [], ""
    check(lib.lost_words(r) == sorted(["18", "18142", "E", "议"]),
          "lost words: furniture not inserted by the test and a CJK character are found")
    r.inserted = ["18-18142 (E)"]
    check(lib.lost_words(r) == ["议"], "lost words: inserted furniture is forgiven")
    r.stderr = 'docmill: in.txt: info: removed page furniture "议" [furniture]'
    check(lib.lost_words(r) == [], "lost words: furniture docmill reports is forgiven")
    r.stderr = "docmill: in.txt:3:1: warning: footnote number 1 stands alone; dropped as a page mark"
    with open(r.output, "w", encoding="utf-8") as f:
        f.write("<a><p>Recalling the Charter</p><p>Treaty Series 18 18142 E 大会决议</p></a>")
    check(lib.lost_words(r) == ["1"], "lost words: a dropped note number counts once, as warned")
    r.inserted, r.stderr = [], ""
    with open(r.input, "w", encoding="utf-8") as f:
        f.write("its session in 19933 and in 1993\n3 Report.\n")
    with open(r.output, "w", encoding="utf-8") as f:
        f.write('<a><p>its session in 1993<authorialNote marker="3"><p>Report.</p></authorialNote>'
                ' and in 1993</p></a>')
    check(lib.lost_words(r) == [], "lost words: a call glued to a year is the year and the call")
    with open(r.output, "w", encoding="utf-8") as f:
        f.write('<a><p>its session in 1993<authorialNote marker="3"><p>Report.</p></authorialNote>'
                ' and in</p></a>')
    check(lib.lost_words(r) == ["19933"], "lost words: ... but the year is still needed twice")


def furnished():
    pages = [["United Nations", "", "The General Assembly,", "Recalling the Charter,1", "",
              "1", "Treaty Series, vol. 1."], ["Decides to remain seized."]]
    notes = [A.norm("Treaty Series, vol. 1.")]
    texts = {}
    for style in ("pdftotext", "layout", "pymupdf"):
        f = furniture.Furnisher("x_English_A_RES_1_1-1812345E.xml", style, "A/RES/1/1",
                                "Report of the Court", "English", "2018-10-31", notes, A.norm("The General"))
        texts[style] = furniture.furnish(copy.deepcopy(pages), f, A.norm, lib.tokens)
        again = furniture.furnish(copy.deepcopy(pages), furniture.Furnisher(
            "x_English_A_RES_1_1-1812345E.xml", style, "A/RES/1/1", "Report of the Court", "English",
            "2018-10-31", notes, A.norm("The General")), A.norm, lib.tokens)
        lines = texts[style].split("\n")
        check(texts[style] == again, "%s: the same furniture every run" % style)
        check(all(x in texts[style] for x in f.inserted) and any("18-12345 (E)" in x for x in f.inserted),
              "%s: job number inserted and recorded" % style)
        check(lines.index(furniture.RULE) < lines.index("1"), "%s: rule above the footnotes" % style)
        check(("\f" in texts[style]) == (style != "pymupdf"), "%s: form feeds only where the extractor has them" % style)


def truths_match_sources(env):
    """The truth files of the real PDFs hold as many clauses, paragraphs and
    footnotes as samples-external/pdf/SOURCES.md counts by hand."""
    import realpdf
    src = open(os.path.join(env.shared, "samples-external", "pdf", "SOURCES.md"), encoding="utf-8").read()
    found = 0
    pattern = r"(\d+)/(\d+) has (\d+) preambular\s+clauses,\s+(\d+)\s+operative\s+paragraphs\s+and\s+(\d+)\s+footnote"
    for m in re.finditer(pattern, src):
        found += 1
        path = os.path.join(os.path.dirname(__file__), "real", "A_RES_%s_%s-EN.truth" % m.group(1, 2))
        want, _ = realpdf.read_truth(path)
        got = (want["preamble"], len(want["operative"]), len(want["notes"]))
        check(got == tuple(int(x) for x in m.group(3, 4, 5)),
              "%s: %s clauses, paragraphs and notes, as SOURCES.md counts" % (os.path.basename(path), got))
    check(found == 2, "SOURCES.md counts both real PDFs (%d found)" % found)


def main():
    lost_text()
    furnished()
    if FAILS:
        print("%d failed" % len(FAILS))
        return 1
    env = lib.environment()  # skips, visibly, without the shared samples
    counts_by_regex(env)
    damage(env)
    truths_match_sources(env)
    print("%d failed" % len(FAILS))
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main())
