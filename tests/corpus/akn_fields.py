# SPDX-License-Identifier: MIT
"""What a resolution is made of, read from an Akoma Ntoso file, and the
comparison of two of them field by field.

The corpus test reads the United Nations' own AKN4UN files and the AKN that
docmill writes after a round trip through DOCX, PDF and a text extractor, and
compares what matters to a reader of a resolution: the symbol, session and
dates, the preambular clauses, the operative paragraph numbers, the numbers of
their sub-items, the footnotes (marker and text) and the text of every clause.
Both vocabularies are read: AKN4UN's preamble/container and docmill's
preamble/recitals/recital, paragraph/num/content and authorialNote in both.
Texts are compared without whitespace (CJK has none; extractors add and drop
it), without hyphens (extractors drop U+2011 at line ends and keep '-' there),
without bidirectional controls and without the tatweel with which justified
Arabic lines are stretched."""

import re
import unicodedata
import xml.etree.ElementTree as ET

HYPHENS_SPACES = re.compile("[\\s\u00ad\u2010\u2011\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u0640-]+")
SYMBOL = re.compile(r"^[AS]/RES/\S.*$")


def norm(text):
    """The comparable form of a text: NFKC, no whitespace, hyphens or controls."""
    return HYPHENS_SPACES.sub("", unicodedata.normalize("NFKC", text or ""))


def local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def children(elem, name):
    return [c for c in elem if local(c.tag) == name]


def first(elem, name):
    """The first descendant named NAME (any namespace), or None."""
    if elem is None:
        return None
    for e in elem.iter():
        if local(e.tag) == name:
            return e
    return None


def text_of(elem, skip=("authorialNote",), skip_elems=()):
    """The text of ELEM without the elements named in SKIP (footnotes) nor the
    elements in SKIP_ELEMS (a paragraph's own number)."""
    out = []

    def walk(e):
        if local(e.tag) in skip or e in skip_elems:
            return
        if "authorialNote" in skip and local(e.tag) == "sup" and (e.text or "").strip() in ("(", ")"):
            return  # the parentheses of an Arabic note call, (1), go with the note
        out.append(e.text or "")
        for c in e:
            walk(c)
            out.append(c.tail or "")

    walk(elem)
    return "".join(out)


def notes_in(elem):
    """(marker, normalised text) of every footnote under ELEM, in order."""
    return [(n.get("marker", "").strip(), norm(text_of(n, skip=())))
            for n in elem.iter() if local(n.tag) == "authorialNote"]


def sub_items(para):
    """The numbers of the numbered sub-items of a paragraph, nested ones
    included, in document order."""
    nums = []
    for e in para.iter():
        if e is para or local(e.tag) in ("num", "authorialNote"):
            continue
        num = children(e, "num")
        if num:
            nums.append(label(text_of(num[0])))
    return nums


NUM_LABEL = re.compile(r"^\s*(\d+)\s*(?:\.|-|\u2013)\s")
CLAUSE_END = re.compile("[,;\u060c\u061b\uff0c\uff1b]\\s*$")
SUB_LABEL = re.compile(r"^\s*\(?([a-z]{1,3}|[ivx]{1,5})\)\s")


def label(text):
    """The core of a number label: '1.', '1 -' and '(a)' become '1', '1', 'a'."""
    return re.sub(r"[\W_]+", "", text)


def paragraphs(body):
    """The operative paragraphs of a mainBody as [num, sub-items, text], and
    the unnumbered paragraphs that come before the first numbered one (the
    UN's own files hold some preambular clauses there).

    The UN's files do not always mark numbers up: some Arabic resolutions
    write '1 -' at the start of the text, and sub-items '(a)' are often
    unnumbered paragraphs of their own. Both are read as what they are, so
    that the structure compared is the resolution's, not its markup's."""
    paras, before = [], []
    if body is None:
        return paras, before
    for e in body.iter():
        if local(e.tag) != "paragraph":
            continue
        num = children(e, "num")
        heads = [h for h in e if local(h.tag) in ("subheading", "heading")]
        raw = text_of(e, skip_elems=tuple(num[:1]) + tuple(heads))
        if num:
            paras.append([label(text_of(num[0])), sub_items(e), norm(raw)])
            continue
        m = NUM_LABEL.match(raw)
        s = SUB_LABEL.match(raw)
        if m:
            paras.append([m.group(1), sub_items(e), norm(raw[m.end():])])
        elif s and paras:
            paras[-1][1].append(s.group(1))
            paras[-1][2] += norm(raw)
        elif CLAUSE_END.search(raw) and not paras:
            before.append(norm(raw))
        elif len(raw.strip()) > 120 or CLAUSE_END.search(raw) or raw.strip().endswith("."):
            paras.append(["", sub_items(e), norm(raw)])
        # what is left is a heading ("Annex", "Measures")
    return paras, before


CLAUSE_TAGS = ("container", "recital", "blockContainer")


def preamble_clauses(pre):
    """The texts of the preambular clauses: AKN4UN's container, docmill's
    recital, or a blockContainer (docmill's AKN reader keeps AKN4UN's
    containers as such), the innermost of them when they nest."""
    if pre is None:
        return []
    out = []
    for c in pre.iter():
        if local(c.tag) in CLAUSE_TAGS and not any(
                local(d.tag) in CLAUSE_TAGS for d in c.iter() if d is not c):
            out.append(norm(text_of(c)))
    return out


def meta_values(root):
    """docmill's proprietary key/value metadata (empty for AKN4UN files)."""
    vals = {}
    for e in root.iter():
        if local(e.tag) == "meta" and e.get("key") is not None:
            vals.setdefault(e.get("key"), e.get("value", ""))
    return vals


def find_symbol(root, doc, kv):
    cands = [text_of(e) for e in doc.iter() if local(e.tag) == "docNumber"]
    pub = first(root, "publication")
    if pub is not None:
        cands.append(pub.get("name", ""))
    cands.append(kv.get("symbol", ""))
    for c in cands:
        c = " ".join(c.split())
        if SYMBOL.match(c):
            return c.replace(" ", "")
    return ""


def preface_title(doc):
    """The resolution's title: the docTitle of the preface beside its number
    (AKN4UN's cover page has another, "Resolution adopted by ...")."""
    pre = next((c for c in doc if local(c.tag) == "preface"), None)
    for p in (pre.iter() if pre is not None else []):
        if any(local(c.tag) == "docNumber" for c in p):
            t = next((c for c in p if local(c.tag) == "docTitle"), None)
            if t is not None:
                return text_of(t)
    return ""


def find_dates(root, doc, kv):
    # The adoption date as the document prints it, else the work's date
    # (one of the UN's files has 0001-01-01 there).
    adopted = next((d.get("date", "") for d in doc.iter() if local(d.tag) == "docDate"
                    and d.get("refersTo") == "#adoptionDate"), "")
    work = first(root, "FRBRWork")
    for d in (work if work is not None and not adopted else []):
        if local(d.tag) == "FRBRdate" and d.get("name") == "adoption":
            adopted = d.get("date", "")
    issued = ""
    cover = first(doc, "coverPage")
    for d in (cover.iter() if cover is not None else []):
        if local(d.tag) == "docDate" and d.get("refersTo") == "#dateOfIssuance":
            issued = d.get("date", "")
    if not issued:
        pub = first(root, "publication")
        issued = kv.get("distribution-date") or (pub.get("date", "") if pub is not None else "")
    return adopted + " " + issued


def read(path):
    """The fields of the resolution in the AKN file PATH, as a dict."""
    root = ET.parse(path).getroot()
    doc = next((c for c in root if local(c.tag) != "components"), root)
    kv = meta_values(root)
    session = first(doc, "session")
    body = next((c for c in doc if local(c.tag) == "mainBody"), None)
    annex = [p for a in doc.iter() if local(a.tag) == "attachment"
             for p in paragraphs(first(a, "mainBody"))[0]]
    paras, before = paragraphs(body)
    pre = preamble_clauses(first(doc, "preamble")) + before
    fields = {
        "symbol": find_symbol(root, doc, kv),
        "title": norm(kv.get("title") or preface_title(doc)),
        "session": (session.get("value", "") if session is not None else kv.get("session", "")),
        "dates": find_dates(root, doc, kv),
        "preamble": len(pre),
        "operative": [p[0] for p in paras],
        "subitems": [p[1] for p in paras],
        "notes": notes_in(doc),
        "calls": [n.get("marker", "").strip() for n in doc.iter()
                  if local(n.tag) in ("authorialNote", "noteRef")],
        "annex": [(p[0], p[2]) for p in annex],
        "text": pre + [p[2] for p in paras],
    }
    return fields


def note_markers(path):
    """The markers of the AKN file PATH as they stood in the text: a footnote's
    twice (its call and its definition), a second call's (noteRef) once."""
    root = ET.parse(path).getroot()
    out = []
    for n in root.iter():
        if local(n.tag) in ("authorialNote", "noteRef"):
            out += [n.get("marker", "")] * (2 if local(n.tag) == "authorialNote" else 1)
    return out


BLOCKS = {"p", "authorialNote", "num", "heading", "subheading", "br", "eol", "content", "intro",
          "paragraph", "point", "container", "recital", "blockContainer", "formula", "li", "td", "th",
          "docNumber", "docTitle", "docDate", "docStatus", "session", "docAuthority", "noteRef"}


def body_text(path):
    """All the text of the document outside its metadata, footnotes included,
    with a line break where a block or a note starts or ends (a note's text
    must not run into the word it is attached to)."""
    out = []

    def walk(e):
        if local(e.tag) == "meta":
            return
        block = local(e.tag) in BLOCKS
        out.append(("\n" if block else "") + (e.text or ""))
        for c in e:
            walk(c)
            out.append(c.tail or "")
        if block:
            out.append("\n")

    walk(ET.parse(path).getroot())
    return "".join(out)


FIELDS = ("symbol", "title", "session", "dates", "preamble", "operative", "subitems",
          "notemarks", "notetexts", "text", "annex")


def compare(want, got):
    """{field: (wanted, got)} for every field where GOT differs from WANT."""
    bad = {}

    def check(name, w, g):
        if w != g:
            bad[name] = (w, g)

    # A field the original leaves empty is not compared: the German files
    # mark no session up, one Arabic file has the date 0001-01-01.
    check("symbol", want["symbol"], got["symbol"])
    if want["title"]:
        check("title", want["title"], got["title"])
    if want["session"]:
        check("session", want["session"], got["session"])
    dates = [(w, g) for w, g in zip(want["dates"].split(" "), got["dates"].split(" "))
             if w and w != "0001-01-01"]
    check("dates", [w for w, _ in dates], [g for _, g in dates])
    check("preamble", want["preamble"], got["preamble"])
    check("operative", want["operative"], got["operative"])
    check("subitems", want["subitems"], got["subitems"])
    check("notemarks", want["calls"], got["calls"])
    check("notetexts", [t for _, t in want["notes"]], [t for _, t in got["notes"]])
    check("text", want["text"], got["text"])
    check("annex", want["annex"], got["annex"])
    return bad


def first_diff(w, g):
    """A short human-readable account of where W and G first differ."""
    if isinstance(w, list) and isinstance(g, list):
        if len(w) != len(g):
            head = "count %d, want %d" % (len(g), len(w))
        else:
            head = "count %d" % len(w)
        for i, (a, b) in enumerate(zip(w, g)):
            if a != b:
                return "%s; item %d: %s" % (head, i + 1, first_diff(a, b))
        return head
    if isinstance(w, str) and isinstance(g, str) and len(w) + len(g) > 80:
        # long texts: where they part, with some context on either side
        k = next((i for i, (a, b) in enumerate(zip(w, g)) if a != b), min(len(w), len(g)))
        lo = max(0, k - 40)
        return "at character %d: want ...%s[%s]... got ...%s[%s]..." % (
            k, w[lo:k], w[k:k + 40], g[lo:k], g[k:k + 40])
    return "want %s got %s" % (clip(w), clip(g))


def clip(v, n=160):
    s = repr(v)
    return s if len(s) <= n else s[: n - 3] + "..."
