# SPDX-License-Identifier: MIT
"""Table cells spanning rows and columns, from AKN to DOCX and Markdown.

For each AKN file given: the grid of every table is laid out here from the
source's rowspan / colspan, with HTML's rule (each cell takes the first
free place of its row), by Python's own XML parser, never by docmill.
Then docmill writes the file as DOCX and as Markdown, and
  - the DOCX's tables are laid out from their w:gridSpan and w:vMerge
    (a continued cell is the one above it): every place must hold the text
    of the same source cell;
  - the Markdown is parsed by cmark-gfm (not by docmill): every row must
    have as many cells as the grid has columns, each source cell's text in
    its first place and the places it covers empty.
Usage: table_spans.py FILE... (environment: DOCMILL).
"""
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile

AKN_CELLS = ("td", "th")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CM = "{http://commonmark.org/xml/1.0}"


def local(tag):
    return tag.rsplit("}", 1)[-1]


def words(e, skip=("authorialNote",)):
    out = []

    def walk(x):
        if local(x.tag) in skip:
            out.append(x.tail or "")
            return
        out.append(x.text or "")
        for c in x:
            walk(c)
        out.append(x.tail or "")

    out.append(e.text or "")
    for c in e:
        walk(c)
    return " ".join("".join(out).split())


def akn_grids(path):
    """Per table: rows of (cell id, is first place) places, and the texts."""
    grids = []
    for t in ET.parse(path).getroot().iter():
        if local(t.tag) != "table":
            continue
        rows = [r for r in t if local(r.tag) == "tr"]
        taken = {}
        texts = {}
        for ri, r in enumerate(rows):
            c = 0
            for cell in [x for x in r if local(x.tag) in AKN_CELLS]:
                while (ri, c) in taken:
                    c += 1
                rs = min(int(cell.get("rowspan") or 1), len(rows) - ri)
                cs = int(cell.get("colspan") or 1)
                texts[id(cell)] = words(cell)
                for i in range(rs):
                    for k in range(cs):
                        taken[(ri + i, c + k)] = (id(cell), i == 0 and k == 0)
                c += cs
        ncols = max(c for _, c in taken) + 1
        grids.append([[taken.get((ri, c)) for c in range(ncols)] for ri in range(len(rows))])
        grids[-1] = ([[texts[p[0]] if p else None for p in row] for row in grids[-1]],
                     [[bool(p and p[1]) for p in row] for row in grids[-1]])
    return grids


def docx_grids(path):
    """Per table: rows of the text of the cell covering each place."""
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    grids = []
    for tbl in root.iter(W + "tbl"):
        grid = []
        for tr in tbl.findall(W + "tr"):
            row = []
            for tc in tr.findall(W + "tc"):
                pr = tc.find(W + "tcPr")
                span = pr.find(W + "gridSpan") if pr is not None else None
                vm = pr.find(W + "vMerge") if pr is not None else None
                n = int(span.get(W + "val")) if span is not None else 1
                col = len(row)
                if vm is not None and vm.get(W + "val") in (None, "continue"):
                    text = grid[-1][col]  # the cell above goes on
                else:
                    text = " ".join("".join(t.text or "" for t in tc.iter(W + "t")).split())
                row.extend([text] * n)
            grid.append(row)
        grids.append(grid)
    return grids


def markdown_rows(path):
    x = subprocess.run(["cmark-gfm", "--extension", "table", "--extension", "footnotes", "--to", "xml", path],
                       capture_output=True, text=True, check=True).stdout
    x = x.replace("<<unknown> />", "").replace("<<unknown>>", "<fn>").replace("</<unknown>>", "</fn>")
    out = []
    for t in ET.fromstring(x).iter():
        if local(t.tag) != "table":
            continue
        rows = []
        for r in t:
            rows.append([" ".join("".join(e.text or "" for e in c.iter() if local(e.tag) in ("text", "code")
                                          ).split()) for c in r])
        out.append(rows)
    return out


def same(got, want):
    """The text of a place: a note reference after it is written as its
    marker (DOCX) or as a footnote reference (Markdown), digits at the end."""
    if want is None:
        return got == ""
    return got == want or (got.startswith(want) and want != "" and got[len(want):].isdigit())


def main():
    docmill = os.environ["DOCMILL"]
    fail = 0
    tmp = tempfile.mkdtemp()
    for src in sys.argv[1:]:
        want = akn_grids(src)
        if not any(any(any(p is None or not f for p, f in zip(r, fr)) for r, fr in zip(*g)) for g in want):
            print("FAIL %s: no spanning cell in it, so this test would prove nothing" % src)
            fail = 1
        base = os.path.join(tmp, os.path.basename(src))
        for to in ("docx", "markdown"):
            r = subprocess.run([docmill, "-q", "-f", "akn", "-t", to, src, "-o", base + "." + to],
                               stderr=subprocess.PIPE, text=True)
            if r.returncode != 0:
                print("FAIL %s: docmill -t %s exit %d: %s" % (src, to, r.returncode, r.stderr.strip()))
                fail = 1
        got = docx_grids(base + ".docx")
        for i, (texts, _) in enumerate(want):
            # the DOCX writes a note reference as its marker, in the text
            g = got[i] if i < len(got) else None
            ok = g is not None and len(g) == len(texts) and all(
                len(gr) == len(wr) and all(same(x, w) for x, w in zip(gr, wr)) for gr, wr in zip(g, texts))
            print("%s table %d DOCX grid %s" % (os.path.basename(src), i + 1, "ok" if ok else "DIFF"))
            if not ok:
                print("  want %r\n  got  %r" % (texts, g))
                fail = 1
        md = markdown_rows(base + ".markdown")
        for i, (texts, first) in enumerate(want):
            expect = [[t if f else "" for t, f in zip(r, fr)] for r, fr in zip(texts, first)]
            m = md[i] if i < len(md) else None
            ok = m is not None and len(m) == len(expect) and all(
                len(mr) == len(er) and all(same(x, e) for x, e in zip(mr, er))
                for mr, er in zip(m, expect))
            print("%s table %d Markdown columns %s" % (os.path.basename(src), i + 1, "ok" if ok else "DIFF"))
            if not ok:
                print("  want %r\n  got  %r" % (expect, m))
                fail = 1
    return fail


if __name__ == "__main__":
    sys.exit(main())
