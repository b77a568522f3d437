# SPDX-License-Identifier: MIT
"""The UN's own AKN4UN files, read by docmill and written back as AKN.

For every file named in unxml.list (resolutions of the General Assembly and
the Security Council as the UN publishes them, in the shared samples
folder): docmill -f akn -t akn, then the output is validated against the
OASIS schema with xmllint, and the source and the output are both counted
here, with Python's own XML parser, never with docmill: authorialNote, num,
emphasis (span/inline classes italic, bold, underline, and i, b, u: one
mark per class word, with the text it covers), table cell spans
(rowspan/colspan), words of text outside meta (and the text itself, with
whitespace collapsed), the meta blocks (classification, workflow, ...), and
the identity: the document element and its name, the FRBR IRIs, dates,
authors, country, number and language of the work, expression and
manifestation; that docmill's AKN read and written again gives the same
bytes; and, written as DOCX, the title, symbol and italic / bold text.
The italic / bold text of the Markdown, as cmark-gfm reads it, against
the source's. Prints one line per file and fails on any difference. A
listed file missing from a shared folder that exists is a failure, not a
skip: the list is the corpus.

The same runs over AKN from other producers (producers.list: the OASIS
examples, AKN4UN-style files from a third party).

Usage: akn_corpus.py LIST [--checks=valid,ident,...]
(environment: DOCMILL, DM_SHARED_DIR, DM_AKN_SCHEMA). --checks names what
fails the run (default: everything, as for the UN's files); the rest is
still measured and printed as NOT ASSERTED.
LIST names files by their path under the shared samples-external folder.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

# Differences known and written down, each with its reason: a listed one
# is reported as KNOWN GAP instead of failing; one that no longer occurs
# fails, so that the list shrinks with the product.
KNOWN_GAPS = {}

EMPH_CLASSES = ("italic", "bold", "underline")
ALL_CHECKS = ("valid", "ident", "meta", "notes", "nums", "emph", "spans", "words", "text", "eids", "links", "docx",
              "fixpoint", "markdown")
DEFAULT_CHECKS = list(ALL_CHECKS)
EMPH_ELEMENTS = {"i": "italic", "b": "bold", "u": "underline"}


def local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def norm(s):
    return " ".join((s or "").split())


# Elements inside running text: their boundaries are not word boundaries.
# Every other element (p, num, authorialNote, td, br, eol, ...) separates
# words.
INLINE = set("""i b u span inline sup sub a ref mref rref dref docNumber docTitle docDate docAuthority docStatus
docProponent docType docPurpose docCommittee docIntroducer docStage docJurisdiction session docketNumber shortTitle
organization location event date person role term def abbr del ins noteRef img eop quantity time entity
concept object process signature judge lawyer party legislature affectedDocument relatedDocument change fillIn
omissis placeholder decoration vote outcome argument remark recordedTime quotedText embeddedText courtType
neutralCitation mod mmod new old from destination""".split())


def text_outside_meta(root):
    """The words of every text node of the document, meta excluded."""
    out = []

    def walk(e):
        name = local(e.tag)
        if name == "meta":
            out.append(e.tail or "")
            return
        sep = "" if name in INLINE else " "
        out.append(sep + (e.text or ""))
        for c in e:
            walk(c)
        out.append(sep + (e.tail or ""))

    walk(root)
    return " ".join("".join(out).split())


def emphasis(root):
    """(kind, text) for every emphasis mark, in document order."""
    marks = []
    for e in root.iter():
        name = local(e.tag)
        kinds = []
        if name in EMPH_ELEMENTS:
            kinds = [EMPH_ELEMENTS[name]]
        elif name in ("span", "inline"):
            words = ((e.get("class") or "") + " " + (e.get("name") or "")).split()
            kinds = [k for k in EMPH_CLASSES if k in words]
        for k in kinds:
            marks.append((k, norm("".join(e.itertext()))))
    return sorted(marks)


def cell_spans(root):
    return [(e.get("rowspan") or "1", e.get("colspan") or "1") for e in root.iter()
            if local(e.tag) in ("td", "th") and (e.get("rowspan") or e.get("colspan"))]


def identity(doc):
    """The document element, its name and the FRBR identification."""
    ident = {"type": local(doc.tag), "name": doc.get("name")}
    meta = next((c for c in doc if local(c.tag) == "meta"), None)
    idn = next((c for c in meta if local(c.tag) == "identification"), None) if meta is not None else None
    if idn is None:
        return ident
    for level in idn:
        lv = local(level.tag)[4]  # W, E, M
        for e in level:
            n = local(e.tag)[4:]
            for a in ("value", "date", "name", "href", "as", "language", "showAs"):
                if e.get(a) is not None:
                    key = "%s.%s.%s" % (lv, n, a)
                    ident[key] = ident[key] + "|" + e.get(a) if key in ident else e.get(a)
    return ident


def meta_blocks(doc):
    """(element, number of elements) of every block of every meta: the
    document's and its attachments'."""
    return [(local(c.tag), len(list(c.iter()))) for meta in doc.iter() if local(meta.tag) == "meta" for c in meta
            if not (local(c.tag) == "proprietary" and c.get("source") == "#docmill")]


def eids(doc):
    """eId -> element name for every element outside meta."""
    out = {}

    def walk(e):
        if local(e.tag) == "meta":
            return
        if e.get("eId") is not None:
            out.setdefault(e.get("eId"), local(e.tag))
        for c in e:
            walk(c)

    walk(doc)
    return out


def internal_links(doc):
    """The targets of href="#..." outside meta."""
    return [e.get("href")[1:] for e in doc.iter() if (e.get("href") or "").startswith("#")
            and local(e.tag) not in ("TLCOrganization", "TLCTerm", "TLCRole", "TLCConcept", "TLCPerson")]


def count(path):
    root = ET.parse(path).getroot()
    doc = next(iter(root))
    words = text_outside_meta(root)
    return {
        "eids": eids(doc),
        "meta_eids": set(e.get("eId") for m in doc.iter() if local(m.tag) == "meta" for e in m.iter()
                         if e.get("eId")),
        "links": internal_links(doc),
        "notes": sum(1 for e in root.iter() if local(e.tag) == "authorialNote"),
        "nums": sum(1 for e in root.iter() if local(e.tag) == "num"),
        "emph": emphasis(root),
        "spans": cell_spans(root),
        "words": len(words.split()),
        "text": words,
        "ident": identity(doc),
        "meta": meta_blocks(doc),
    }


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DC = "{http://purl.org/dc/elements/1.1/}"


def styled_chars(root, kind):
    """Non-space characters of the source inside emphasis of a kind,
    counted once however many marks cover them."""
    total = 0

    def walk(e, inside):
        nonlocal total
        name = local(e.tag)
        if name == "meta":
            return
        words = ((e.get("class") or "") + " " + (e.get("name") or "")).split() if name in ("span", "inline") else []
        here = inside or EMPH_ELEMENTS.get(name) == kind or kind in words
        if here:
            total += len("".join((e.text or "").split()))
        for c in e:
            walk(c, here)
            if here:
                total += len("".join((c.tail or "").split()))

    walk(root, False)
    return total


def docx_styled_chars(parts, kind):
    tag = W + ("i" if kind == "italic" else "b")
    total = 0
    for part in parts:
        for r in part.iter(W + "r"):
            rpr = r.find(W + "rPr")
            on = rpr is not None and rpr.find(tag) is not None and rpr.find(tag).get(W + "val") not in ("0", "false")
            if on:
                total += sum(len("".join((t.text or "").split())) for t in r.iter(W + "t"))
    return total


def docx_check(docmill, src, out):
    """The DOCX of the source: title, symbol and the italic / bold text."""
    import zipfile
    r = subprocess.run([docmill, "-q", "-f", "akn", "-t", "docx", src, "-o", out], stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        return ["DOCX: docmill exit %d: %s" % (r.returncode, r.stderr.strip()[:200])]
    root = ET.parse(src).getroot()
    doc = next(iter(root))
    titles = {}
    for p in doc:
        for e in p.iter():
            if local(p.tag) in ("coverPage", "preface") and local(e.tag) == "docTitle" and norm("".join(e.itertext())):
                titles.setdefault(local(p.tag), norm("".join(e.itertext())))
    cover = next((p for p in doc if local(p.tag) == "coverPage"), None)
    symbol = next((norm("".join(e.itertext())) for e in cover.iter() if local(e.tag) == "docNumber"), None) \
        if cover is not None else None
    want_title = titles.get("preface") or titles.get("coverPage")
    with zipfile.ZipFile(out) as z:
        core = ET.fromstring(z.read("docProps/core.xml"))
        parts = [ET.fromstring(z.read(n)) for n in ("word/document.xml", "word/footnotes.xml") if n in z.namelist()]
    problems = []
    got_title = norm(core.findtext(DC + "title"))
    got_symbol = norm(core.findtext(DC + "identifier"))
    if want_title and got_title != want_title:
        problems.append("DOCX title %r, the source's is %r" % (got_title, want_title))
    if symbol and got_symbol != symbol:
        problems.append("DOCX symbol %r, the source's is %r" % (got_symbol, symbol))
    for kind in ("italic", "bold"):
        want, got = styled_chars(root, kind), docx_styled_chars(parts, kind)
        if want != got:
            problems.append("DOCX %s characters %d, the source has %d" % (kind, got, want))
    return problems


CM = "{http://commonmark.org/xml/1.0}"


def markdown_check(docmill, src, out):
    """The Markdown of the source, parsed by cmark-gfm (not by docmill):
    the italic and bold text it finds against the source's."""
    r = subprocess.run([docmill, "-q", "-f", "akn", "-t", "markdown", src, "-o", out], stderr=subprocess.PIPE)
    if r.returncode != 0:
        return ["Markdown: docmill exit %d" % r.returncode]
    x = subprocess.run(["cmark-gfm", "--extension", "footnotes", "--extension", "table", "--to", "xml", out],
                       capture_output=True, text=True).stdout
    # cmark-gfm 0.29 names footnote nodes "<unknown>" in its XML.
    x = x.replace("<<unknown> />", "").replace("<<unknown>>", "<fn>").replace("</<unknown>>", "</fn>")
    root = ET.fromstring(x)
    problems = []
    for kind, tag in (("italic", CM + "emph"), ("bold", CM + "strong")):
        got = 0

        def walk(e, inside):
            nonlocal got
            here = inside or e.tag == tag
            if here and e.tag in (CM + "text", CM + "code"):
                got += len("".join((e.text or "").split()))
            for c in e:
                walk(c, here)

        walk(root, False)
        want = styled_chars(ET.parse(src).getroot(), kind)
        if got != want:
            problems.append("Markdown %s characters %d (cmark-gfm), the source has %d" % (kind, got, want))
    return problems


def validate(schema, files):
    """The files xmllint does not find valid against the schema."""
    bad = set()
    for i in range(0, len(files), 40):
        chunk = files[i:i + 40]
        r = subprocess.run(["xmllint", "--noout", "--nonet", "--schema", schema] + chunk,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for line in r.stderr.splitlines():
            m = re.match(r"(.*) fails to validate$", line)
            if m:
                bad.add(m.group(1))
    return bad


def first_difference(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return "at character %d: %r vs %r" % (i, a[max(0, i - 30):i + 30], b[max(0, i - 30):i + 30])
    return "lengths %d vs %d" % (len(a), len(b))


def main():
    docmill = os.environ["DOCMILL"]
    shared = os.environ.get("DM_SHARED_DIR", "../shared")
    schema = os.environ.get("DM_AKN_SCHEMA", "")
    folder = os.path.join(shared, "samples-external")
    if not os.path.isdir(shared):
        print("no shared samples directory %s: skipped" % shared)
        return 77
    if not os.path.isfile(schema):
        print("no AKN schema (%s): skipped" % schema)
        return 77
    names = [l.strip() for l in open(sys.argv[1], encoding="utf-8") if l.strip() and not l.startswith("#")]
    checks = set(DEFAULT_CHECKS)
    for arg in sys.argv[2:]:
        if arg.startswith("--checks="):
            checks = set(arg[9:].split(","))
    print("asserted: %s" % ", ".join(c for c in ALL_CHECKS if c in checks))
    fail = 0
    tmp = tempfile.mkdtemp()
    outs = {}
    for name in names:
        # A path under tests/ is one of this repository's own fixtures.
        src = os.path.join(os.environ.get("DM_SOURCE_DIR", "."), name) if name.startswith("tests/") \
            else os.path.join(folder, name)
        if not os.path.isfile(src):
            print("FAIL %s: listed but missing from %s" % (name, folder))
            fail = 1
            continue
        out = os.path.join(tmp, name.replace("/", "_"))
        r = subprocess.run([docmill, "-q", "-f", "akn", "-t", "akn", src, "-o", out],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if r.returncode != 0:
            print("FAIL %s: docmill exit %d: %s" % (name, r.returncode, r.stderr.strip()[:300]))
            fail = 1
            continue
        outs[name] = (src, out)
    invalid = validate(schema, [o for _, o in outs.values()]) if outs else set()
    cols = ("notes", "nums", "emph", "spans", "words")
    print("%-46s %-5s %-9s %-9s %-11s %-7s %-13s %-5s %-5s %-5s %-9s" %
          ("file", "valid", "notes", "nums", "emphasis", "spans", "words", "text", "ident", "meta", "eIds"))
    totals = {c: [0, 0] for c in cols}
    for name, (src, out) in outs.items():
        s, o = count(src), count(out)
        problems, unasserted = [], []

        def add(cat, what):
            (problems if cat in checks else unasserted).append(what)

        if out in invalid:
            add("valid", "not schema-valid")
        cells = []
        for c in cols:
            sv = len(s[c]) if isinstance(s[c], list) else s[c]
            ov = len(o[c]) if isinstance(o[c], list) else o[c]
            totals[c][0] += sv
            totals[c][1] += ov
            cells.append("%d/%d" % (sv, ov))
            if s[c] != o[c]:
                add(c, "%s differ" % c + (" e.g. %r" % sorted(set(s[c]) ^ set(o[c]))[:3] if c == "emph" else ""))
        text_ok = s["text"] == o["text"]
        if not text_ok:
            add("text", "text differs " + first_difference(s["text"], o["text"]))
        ident_bad = [k for k in sorted(set(s["ident"]) | set(o["ident"])) if s["ident"].get(k) != o["ident"].get(k)]
        if ident_bad:
            add("ident", "identity: " + ", ".join("%s %r->%r" % (k, s["ident"].get(k), o["ident"].get(k))
                                                      for k in ident_bad[:4]))
        # Every element the source named keeps its eId and its element;
        # every internal link of the output lands on an eId of the output.
        lost = sorted(k for k, v in s["eids"].items() if o["eids"].get(k) != v)
        gaps = []

        def problem(kind, what):
            if (name, kind) in KNOWN_GAPS:
                gaps.append((kind, what))
            else:
                add(kind, what)

        if lost:
            problem("eids", "%d eIds not kept, e.g. %s" % (len(lost), ", ".join(
                "%s (%s -> %s)" % (k, s["eids"][k], o["eids"].get(k)) for k in lost[:3])))
        # (a link the source already left dangling is the source's)
        was = set(t for t in s["links"] if t not in s["eids"] and t not in s["meta_eids"])
        dangling = sorted(set(t for t in o["links"] if t not in o["eids"] and t not in o["meta_eids"]) - was)
        if dangling:
            add("links", "links to missing eIds: %s" % ", ".join(dangling[:3]))
        meta_ok = s["meta"] == o["meta"]
        if not meta_ok:
            problem("meta", "meta blocks %r -> %r" % ([m for m, _ in s["meta"]], [m for m, _ in o["meta"]]))
        for kind in ("eids", "meta"):
            if (name, kind) in KNOWN_GAPS and kind not in [g[0] for g in gaps]:
                problems.append("known gap (%s) no longer occurs: remove it from KNOWN_GAPS" % kind)
        print("%-46s %-5s %-9s %-9s %-11s %-7s %-13s %-5s %-5s %-5s %-9s" %
              (name.split("/")[-1][:46], "no" if out in invalid else "yes", cells[0], cells[1], cells[2], cells[3], cells[4],
               "ok" if text_ok else "DIFF", "ok" if not ident_bad else "DIFF", "ok" if meta_ok else "DIFF",
               "%d/%d" % (len(s["eids"]) - len(lost), len(s["eids"]))))
        # Read again and written again, docmill's AKN gives the same bytes.
        again = out + ".again.xml"
        r = subprocess.run([docmill, "-q", "-f", "akn", "-t", "akn", out, "-o", again], stderr=subprocess.PIPE)
        if r.returncode != 0 or open(out, "rb").read() != open(again, "rb").read():
            add("fixpoint", "AKN -> AKN is not a fixpoint after the first pass")
        docx_problems = docx_check(docmill, src, out + ".docx")
        for what in docx_problems:
            add("docx", what)
        if "markdown" in checks and not shutil.which("cmark-gfm"):
            add("markdown", "no cmark-gfm to read the Markdown with (scripts/install-deps.sh installs it)")
        elif shutil.which("cmark-gfm"):
            for what in markdown_check(docmill, src, out + ".md"):
                add("markdown", what)
        print("  DOCX title, symbol, italic and bold text: %s" % ("ok" if not docx_problems else "DIFF"))
        for kind, what in gaps:
            print("  KNOWN GAP %s (%s)" % (what, KNOWN_GAPS[(name, kind)]))
        if unasserted:
            print("  NOT ASSERTED for this corpus: " + "; ".join(unasserted))
        if problems:
            print("  FAIL " + "; ".join(problems))
            fail = 1
    print("%-46s %-5s %s" % ("total (source/output)", "", "  ".join(
        "%s %d/%d" % (c, totals[c][0], totals[c][1]) for c in cols)))
    print("%d files, %d schema-invalid outputs" % (len(outs), len(invalid)))
    return 1 if fail else 0


if __name__ == "__main__":
    sys.exit(main())
