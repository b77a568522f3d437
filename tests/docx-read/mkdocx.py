#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes small DOCX packages by hand, for the DOCX reader's tests.

  mkdocx.py CASE OUT.docx

Each case is a function below that returns the parts of a package (name ->
bytes) or writes a raw ZIP itself; cases with a name starting "bad-" or
"hostile-" are meant to be refused or read with care. Written with Python's
zipfile, never with docmill, so that the reader is tested on packages its
own writer did not shape.
"""
import sys
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELT = R + "/"

CT = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""

PKG_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="%sofficeDocument" Target="word/document.xml"/>
</Relationships>""" % RELT


def document(body, extra_ns=""):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<w:document xmlns:w="%s" xmlns:r="%s"%s><w:body>%s</w:body></w:document>'
            % (W, R, extra_ns, body))


def rels(items):
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">']
    for rid, typ, target, ext in items:
        out.append('<Relationship Id="%s" Type="%s%s" Target="%s"%s/>'
                   % (rid, RELT, typ, target, ' TargetMode="External"' if ext else ""))
    out.append("</Relationships>")
    return "".join(out)


def package(body, parts=None, doc_rels=()):
    p = {"[Content_Types].xml": CT, "_rels/.rels": PKG_RELS, "word/document.xml": document(body)}
    items = list(doc_rels)
    for name, (typ, text) in (parts or {}).items():
        p["word/" + name] = text
        items.append(("rId%s" % name.split(".")[0], typ, name, False))
    p["word/_rels/document.xml.rels"] = rels(items)
    return p


def para(text, ppr=""):
    return '<w:p>%s<w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % (ppr and "<w:pPr>%s</w:pPr>" % ppr, text)


def numbered(text, num, lvl=0):
    return para(text, '<w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr>' % (lvl, num))


def level(ilvl, fmt, text, start=1, extra=""):
    return ('<w:lvl w:ilvl="%d"><w:start w:val="%d"/><w:numFmt w:val="%s"/><w:lvlText w:val="%s"/>%s</w:lvl>'
            % (ilvl, start, fmt, text, extra))


def numbering(abstracts, nums):
    return '<?xml version="1.0" encoding="UTF-8"?>\n<w:numbering xmlns:w="%s">%s%s</w:numbering>' % (
        W, "".join(abstracts), "".join(nums))


def abstract(aid, levels, extra=""):
    return '<w:abstractNum w:abstractNumId="%d">%s%s</w:abstractNum>' % (aid, extra, "".join(levels))


def num(nid, aid, overrides=""):
    return '<w:num w:numId="%d"><w:abstractNumId w:val="%d"/>%s</w:num>' % (nid, aid, overrides)


# ---- feature cases ----------------------------------------------------------

def case_numbering():
    """Operative paragraphs 1.-3. with points (a)-(b) under 1. and (i)-(ii)
    under (b); a second list restarted at 5 by startOverride; Arabic abjad
    letters; roman upper; a composite "%1.%2"."""
    abs0 = abstract(0, [level(0, "decimal", "%1."), level(1, "lowerLetter", "(%2)"), level(2, "lowerRoman", "(%3)")])
    abs1 = abstract(1, [level(0, "arabicAbjad", "%1-"), level(1, "upperRoman", "%2.")])
    abs2 = abstract(2, [level(0, "decimal", "%1."), level(1, "decimal", "%1.%2")])
    nums = [num(1, 0), num(2, 0, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride>'),
            num(3, 1), num(4, 2)]
    body = "".join([
        numbered("first", 1), numbered("point a", 1, 1), numbered("point b", 1, 1), numbered("sub i", 1, 2),
        numbered("sub ii", 1, 2), numbered("second", 1), numbered("point a again", 1, 1), numbered("third", 1),
        para("between"),
        numbered("fifth", 2), numbered("sixth", 2),
        numbered("alif", 3), numbered("ba", 3), numbered("jim", 3), numbered("roman one", 3, 1),
        numbered("roman two", 3, 1), numbered("dal", 3),
        numbered("one", 4), numbered("one one", 4, 1), numbered("one two", 4, 1),
    ])
    return package(body, {"numbering.xml": ("numbering", numbering([abs0, abs1, abs2], nums))})


def case_numbering_unknown():
    """A number format the reader does not know (spelt-out numbers)."""
    nb = numbering([abstract(0, [level(0, "cardinalText", "%1:")])], [num(1, 0)])
    return package(numbered("one", 1) + numbered("two", 1), {"numbering.xml": ("numbering", nb)})


def notes_part(kind, notes):
    tag = kind[:-1]
    items = ['<w:%s w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:%s>' % (tag, tag)]
    for nid, text, mark in notes:
        ref = ('<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:t>%s</w:t></w:r>' % mark) if mark \
            else "<w:r><w:%sRef/></w:r>" % tag
        items.append('<w:%s w:id="%d"><w:p>%s<w:r><w:t xml:space="preserve"> %s</w:t></w:r></w:p></w:%s>'
                     % (tag, nid, ref, text, tag))
    return '<?xml version="1.0" encoding="UTF-8"?>\n<w:%s xmlns:w="%s">%s</w:%s>' % (kind, W, "".join(items), kind)


STYLES = """<?xml version="1.0" encoding="UTF-8"?>
<w:styles xmlns:w="%s">
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Titre1"><w:name w:val="Titre 1"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Z2"><w:name w:val="标题 2"/></w:style>
<w:style w:type="paragraph" w:styleId="Deep"><w:name w:val="Deep"/><w:basedOn w:val="Titre1"/></w:style>
<w:style w:type="paragraph" w:styleId="Outline"><w:name w:val="Outline"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Q"><w:name w:val="Quote"/></w:style>
<w:style w:type="paragraph" w:styleId="Code"><w:name w:val="Source Code"/></w:style>
<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
</w:styles>""" % W


def case_features():
    """Headings by style name (French, Chinese, through basedOn, by outline
    level), a quote, code, runs, notes with Word's and custom marks, a second
    reference through NOTEREF, tracked changes, a comment, fields, a table
    with merged cells, a hyperlink and a content control."""
    r = lambda t, rpr="": '<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r>' % (rpr and "<w:rPr>%s</w:rPr>" % rpr, t)
    fref = lambda i, custom="": ('<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference%s w:id="%d"/>%s</w:r>'
                                 % (' w:customMarkFollows="1"' if custom else "", i, "<w:t>%s</w:t>" % custom if custom else ""))
    body = "".join([
        para("Chapter", '<w:pStyle w:val="Titre1"/>'),
        para("Section", '<w:pStyle w:val="Z2"/>'),
        para("Inherited", '<w:pStyle w:val="Deep"/>'),
        para("By outline", '<w:pStyle w:val="Outline"/>'),
        '<w:p>' + r("plain ") + r("bold", "<w:b/>") + r(" ") + r("italic", "<w:i/>") + r(" ") +
        r("under", '<w:u w:val="single"/>') + r(" ") + r("struck", "<w:strike/>") + r(" x") +
        r("2", '<w:vertAlign w:val="superscript"/>') + r(" H") + r("2", '<w:vertAlign w:val="subscript"/>') +
        r("O ") + r("strong style", '<w:rStyle w:val="Strong"/>') + r(" hidden", "<w:vanish/>") + "</w:p>",
        para("quoted", '<w:pStyle w:val="Q"/>'),
        '<w:p><w:pPr><w:pStyle w:val="Code"/></w:pPr>' + r("int x;") + '<w:r><w:br/></w:r>' + r("x++;") + "</w:p>",
        '<w:p>' + r("Noted") + '<w:bookmarkStart w:id="0" w:name="_Ref1"/>' + fref(1) + '<w:bookmarkEnd w:id="0"/>' +
        r(" and starred") + fref(2, "*") + r(" and again") +
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> NOTEREF _Ref1 \\f \\h </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + r(".") + fref(3) + "</w:p>",
        '<w:p>' + r("kept ") + '<w:ins w:id="1" w:author="a"><w:r><w:t xml:space="preserve">inserted </w:t></w:r></w:ins>' +
        '<w:del w:id="2" w:author="a"><w:r><w:delText>deleted </w:delText></w:r></w:del>' +
        '<w:commentRangeStart w:id="3"/>' + r("commented") + '<w:commentRangeEnd w:id="3"/>' +
        '<w:r><w:commentReference w:id="3"/></w:r>' + "</w:p>",
        '<w:p>' + r("Page ") + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>' +
        r(" and ") + '<w:fldSimple w:instr=" DATE "><w:r><w:t>1 May</w:t></w:r></w:fldSimple>' + "</w:p>",
        '<w:p>' + r("see ") + '<w:hyperlink r:id="rLink"><w:r><w:t>the site</w:t></w:r></w:hyperlink>' + r(" and ") +
        '<w:hyperlink w:anchor="top"><w:r><w:t>the top</w:t></w:r></w:hyperlink>' + "</w:p>",
        '<w:sdt><w:sdtPr/><w:sdtContent>' + para("in a control") + '</w:sdtContent></w:sdt>',
        '<w:tbl><w:tblPr/><w:tblGrid/>'
        '<w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>' + para("wide") + '</w:tc>'
        '<w:tc>' + para("c") + '</w:tc></w:tr>'
        '<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>' + para("tall") + '</w:tc><w:tc>' + para("e") +
        '</w:tc><w:tc>' + para("f") + '</w:tc></w:tr>'
        '<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc>' + para("h") + '</w:tc><w:tc>' + para("i") +
        '</w:tc></w:tr></w:tbl>',
    ])
    return package(body, {
        "styles.xml": ("styles", STYLES),
        "footnotes.xml": ("footnotes", notes_part("footnotes", [(1, "First note.", ""), (2, "Starred note.", "*"),
                                                                (3, "Second numbered.", "")])),
    }, doc_rels=[("rLink", "hyperlink", "https://example.org/", True)])


def case_furniture():
    """A UN-style header (the symbol) and footer (the job number and a PAGE
    field), core properties, and an endnote (lower roman by default)."""
    hdr = ('<?xml version="1.0"?><w:hdr xmlns:w="%s"><w:p><w:r><w:t>A/RES/75/158</w:t></w:r></w:p></w:hdr>' % W)
    ftr = ('<?xml version="1.0"?><w:ftr xmlns:w="%s"><w:p><w:r><w:t>20-17284 (E)</w:t></w:r><w:r><w:tab/></w:r>'
           '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
           '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
           '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>' % W)
    body = ('<w:p><w:r><w:t>Text with an endnote</w:t></w:r><w:r><w:endnoteReference w:id="1"/></w:r>'
            '<w:r><w:t xml:space="preserve"> and another</w:t></w:r><w:r><w:endnoteReference w:id="2"/></w:r></w:p>')
    p = package(body, {"header1.xml": ("header", hdr), "footer1.xml": ("footer", ftr),
                       "endnotes.xml": ("endnotes", notes_part("endnotes", [(1, "An endnote.", ""),
                                                                            (2, "Another.", "")]))})
    p["docProps/core.xml"] = ('<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/'
                              'package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
                              '<dc:title>Trafficking in women and girls</dc:title><dc:creator>Drafting Unit</dc:creator>'
                              '<dc:language>en</dc:language></cp:coreProperties>')
    p["_rels/.rels"] = p["_rels/.rels"].replace("</Relationships>", '<Relationship Id="rId2" Type="http://schemas.'
                                                 'openxmlformats.org/package/2006/relationships/metadata/core-'
                                                 'properties" Target="docProps/core.xml"/></Relationships>')
    return p


# ---- hostile cases ------------------------------------------------------------

def case_hostile_runs():
    """10^5 runs in one paragraph."""
    runs = "".join('<w:r><w:t>w%d </w:t></w:r>' % i for i in range(100000))
    return package("<w:p>%s</w:p>" % runs)


def case_hostile_numbering_loop():
    """Numbering whose abstract refers to itself through a numbering style."""
    styles = ('<?xml version="1.0"?><w:styles xmlns:w="%s"><w:style w:type="numbering" w:styleId="L">'
              '<w:name w:val="L"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>' % W)
    nb = numbering([abstract(0, [level(0, "decimal", "%1.")], '<w:numStyleLink w:val="L"/>')], [num(1, 0)])
    return package(numbered("looped", 1) + numbered("again", 1),
                   {"styles.xml": ("styles", styles), "numbering.xml": ("numbering", nb)})


def case_hostile_style_loop():
    """A basedOn chain that closes on itself, and a chain of 5,000 styles."""
    st = ['<w:style w:type="paragraph" w:styleId="A"><w:name w:val="A"/><w:basedOn w:val="B"/></w:style>',
          '<w:style w:type="paragraph" w:styleId="B"><w:name w:val="heading 2"/><w:basedOn w:val="C"/></w:style>',
          '<w:style w:type="paragraph" w:styleId="C"><w:name w:val="C"/><w:basedOn w:val="A"/></w:style>']
    for i in range(5000):
        st.append('<w:style w:type="paragraph" w:styleId="S%d"><w:name w:val="S%d"/><w:basedOn w:val="S%d"/></w:style>'
                  % (i, i, i + 1))
    styles = '<?xml version="1.0"?><w:styles xmlns:w="%s">%s</w:styles>' % (W, "".join(st))
    return package(para("looped", '<w:pStyle w:val="A"/>') + para("deep", '<w:pStyle w:val="S0"/>'),
                   {"styles.xml": ("styles", styles)})


XXE = '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
LAUGH = ('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
         '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>\n')


def xxe_in(part):
    def make():
        p = package(para("body"), {"styles.xml": ("styles", STYLES),
                                   "footnotes.xml": ("footnotes", notes_part("footnotes", []))})
        name = {"document": "word/document.xml", "styles": "word/styles.xml", "footnotes": "word/footnotes.xml",
                "rels": "word/_rels/document.xml.rels", "pkgrels": "_rels/.rels"}[part]
        text = p[name].split("\n", 1)[1] if p[name].startswith("<?xml") else p[name]
        if part == "document":
            text = text.replace('<w:t xml:space="preserve">body</w:t>', "<w:t>&xxe;</w:t>")
        p[name] = XXE + text
        return p
    return make


def case_hostile_laughs():
    p = package(para("body"))
    p["word/document.xml"] = LAUGH + document('<w:p><w:r><w:t>&d;&d;&d;</w:t></w:r></w:p>').split("\n", 1)[1]
    return p


def case_missing_document():
    p = package(para("x"))
    del p["word/document.xml"]
    return p


def case_missing_parts():
    """Relationships to styles, numbering and notes that are not there."""
    p = package(numbered("numbered", 1) + '<w:p><w:r><w:footnoteReference w:id="5"/></w:r></w:p>')
    p["word/_rels/document.xml.rels"] = rels([("r1", "styles", "styles.xml", False), ("r2", "numbering", "numbering.xml", False),
                                              ("r3", "footnotes", "footnotes.xml", False)])
    return p


def case_not_xml():
    p = package(para("x"))
    p["word/document.xml"] = "<w:document><w:body><w:p>"
    return p


CASES = {
    "numbering": case_numbering,
    "features": case_features,
    "furniture": case_furniture,
    "numbering-unknown": case_numbering_unknown,
    "hostile-runs": case_hostile_runs,
    "hostile-numbering-loop": case_hostile_numbering_loop,
    "hostile-style-loop": case_hostile_style_loop,
    "hostile-laughs": case_hostile_laughs,
    "bad-missing-document": case_missing_document,
    "missing-parts": case_missing_parts,
    "bad-not-xml": case_not_xml,
}
for _p in ("document", "styles", "footnotes", "rels", "pkgrels"):
    CASES["bad-xxe-" + _p] = xxe_in(_p)


def write_raw(case, out):
    """ZIP-level attacks, written entry by entry."""
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        base = package(para("x"))
        for name, text in base.items():
            if case == "bad-zip-slip" and name == "word/document.xml":
                z.writestr("../../evil.xml", text)
            z.writestr(name, text)
        if case == "bad-bomb":
            # 300 MiB of zeros: beyond the inflation ratio and the input limit
            zi = zipfile.ZipInfo("word/media/bomb.bin")
            zi.compress_type = zipfile.ZIP_DEFLATED
            with z.open(zi, "w", force_zip64=True) as f:
                block = b"\0" * (1 << 20)
                for _ in range(300):
                    f.write(block)
        if case == "bad-many-entries":
            for i in range(10001):
                z.writestr("word/media/e%d.bin" % i, b"")


def main():
    case, out = sys.argv[1], sys.argv[2]
    if case in ("bad-zip-slip", "bad-bomb", "bad-many-entries"):
        write_raw(case, out)
        return
    parts = CASES[case]()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text.encode("utf-8") if isinstance(text, str) else text)


main()
