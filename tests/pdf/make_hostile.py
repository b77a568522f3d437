#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Writes the hostile PDFs the pdf reader is tested against into DIR, each
# built object by object with a correct cross-reference table (so that what
# is wrong with it is only what its name says):
#   text.pdf       one page of text in a standard font: the control case
#   scan.pdf       one page holding only an image, like a scan
#   loop.pdf       a page tree whose Kids point back at the tree itself
#   empty10k.pdf   10,000 empty pages
#   huge.pdf       one page a million points wide and high, with text
#   notounicode.pdf text in a font with its own glyph names and no ToUnicode
#   truncated.pdf  text.pdf cut in the middle of its content stream
# Usage: make_hostile.py DIR
import os
import sys
import zlib


def pdf(objects, root=1):
    """objects: list of bytes, object i+1 each; returns the whole file."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def stream(data, extra=b""):
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


TEXT = b"BT /F1 12 Tf 72 700 Td (The General Assembly, recalling its resolutions,) Tj ET"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def text_pdf(media=b"[0 0 612 792]", content=TEXT):
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox " + media +
        b" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        stream(content),
        FONT,
    ])


def scan_pdf():
    w = h = 64
    pixels = zlib.compress(bytes((x ^ y) & 0xFF for y in range(h) for x in range(w)))
    img = stream(pixels, b"/Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray "
                 b"/BitsPerComponent 8 /Filter /FlateDecode ")
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        stream(b"q 500 0 0 700 56 46 cm /Im1 Do Q"),
        img,
    ])


def loop_pdf():
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
    ])


def empty_pdf(n):
    kids = b" ".join(b"%d 0 R" % (i + 3) for i in range(n))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n]
    objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"] * n
    return pdf(objs)


def notounicode_pdf():
    # A composite font addressed by glyph id (Identity-H) with neither a
    # ToUnicode map nor a known character collection: the codes say nothing
    # about the characters. Beside it, a line in a standard font.
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> /Contents 4 0 R >>",
        stream(b"BT /F2 12 Tf 72 720 Td (Readable line.) Tj ET "
               b"BT /F1 12 Tf 72 700 Td <0001000200030004> Tj ET"),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /NoMap /Encoding /Identity-H /DescendantFonts [7 0 R] >>",
        FONT,
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NoMap /CIDSystemInfo "
        b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 600 >>",
    ])


def main():
    d = sys.argv[1]
    os.makedirs(d, exist_ok=True)
    files = {
        "text.pdf": text_pdf(),
        "scan.pdf": scan_pdf(),
        "loop.pdf": loop_pdf(),
        "empty10k.pdf": empty_pdf(10000),
        "huge.pdf": text_pdf(b"[0 0 1000000 1000000]",
                             b"BT /F1 12 Tf 72 999000 Td (Text on a huge page.) Tj ET"),
        "notounicode.pdf": notounicode_pdf(),
    }
    t = files["text.pdf"]
    files["truncated.pdf"] = t[:t.index(b"(The General") + 20]
    for name, data in files.items():
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)


main()
