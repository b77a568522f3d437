#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Counts, with Python's XML parser, the paragraphs of a DOCX that hold
# text, by direction: right to left (w:bidi on the paragraph or its style,
# through basedOn) or not, in word/document.xml and word/footnotes.xml
# (separators left out). Prints "rtl N" (right to left), "ltr N" (not)
# and "ltr-with-rtl-letters N" (not, though holding a letter of Unicode
# bidirectional class R or AL, by Python's unicodedata). Also makes
# variants of a DOCX whose paragraphs all have a pPr (docmill's):
#   bidi.py count FILE.docx
#   bidi.py para IN OUT TEXT    w:bidi on the first paragraph holding TEXT
#   bidi.py ltr IN OUT TEXT     its w:bidi made w:bidi w:val="0"
#   bidi.py style IN OUT ID     w:bidi in the pPr of paragraph style ID
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
import zipfile

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def on(e):
    return e is not None and e.get(W + "val", "true") not in ("0", "false", "off")


def variant(src, dst, part, pattern, change=lambda s: s + "<w:bidi/>"):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for i in zin.infolist():
            data = zin.read(i.filename)
            if i.filename == part:
                text, n = re.subn(pattern, lambda m: change(m.group(0)), data.decode(), count=1, flags=re.S)
                if n != 1:
                    sys.exit("bidi.py: no match for %s in %s" % (pattern, part))
                data = text.encode()
            zout.writestr(i.filename, data)


def count(path):
    z = zipfile.ZipFile(path)
    styles = {}
    default = None
    if "word/styles.xml" in z.namelist():
        for s in ET.fromstring(z.read("word/styles.xml")).iter(W + "style"):
            b = s.find(W + "pPr/" + W + "bidi")
            based = s.find(W + "basedOn")
            styles[s.get(W + "styleId")] = (None if b is None else on(b), None if based is None else based.get(W + "val"))
            if s.get(W + "type") == "paragraph" and s.get(W + "default") in ("1", "true"):
                default = s.get(W + "styleId")

    def style_bidi(sid, seen=()):
        while sid in styles and sid not in seen:
            b, based = styles[sid]
            if b is not None:
                return b
            seen += (sid,)
            sid = based
        return False

    count = {"rtl": 0, "ltr": 0, "ltr-with-rtl-letters": 0}
    for part in ("word/document.xml", "word/footnotes.xml"):
        if part not in z.namelist():
            continue
        root = ET.fromstring(z.read(part))
        for note in root.iter(W + "footnote"):
            if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                note.clear()
        for p in root.iter(W + "p"):
            text = "".join(t.text or "" for t in p.iter(W + "t"))
            if not text.strip():
                continue
            ppr = p.find(W + "pPr")
            b = None if ppr is None else ppr.find(W + "bidi")
            st = None if ppr is None else ppr.find(W + "pStyle")
            rtl = on(b) if b is not None else style_bidi(st.get(W + "val") if st is not None else default)
            count["rtl" if rtl else "ltr"] += 1
            if not rtl and any(unicodedata.bidirectional(c) in ("R", "AL") for c in text):
                count["ltr-with-rtl-letters"] += 1
    for k, v in count.items():
        print(k, v)


def main():
    if sys.argv[1] == "count":
        count(sys.argv[2])
    elif sys.argv[1] == "para":
        variant(sys.argv[2], sys.argv[3], "word/document.xml",
                r"<w:p><w:pPr>(?=(?:(?!</w:p>).)*?" + re.escape(sys.argv[4]) + ")")
    elif sys.argv[1] == "ltr":
        variant(sys.argv[2], sys.argv[3], "word/document.xml",
                r"<w:p><w:pPr>(?:(?!</w:p>).)*?" + re.escape(sys.argv[4]),
                lambda s: s.replace("<w:bidi/>", '<w:bidi w:val="0"/>', 1))
    elif sys.argv[1] == "style":
        variant(sys.argv[2], sys.argv[3], "word/styles.xml",
                r'w:styleId="%s">(?:(?!</w:style>).)*?<w:pPr>' % re.escape(sys.argv[4]))


if __name__ == "__main__":
    main()
