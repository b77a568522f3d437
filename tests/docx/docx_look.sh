#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# How the DOCX looks: the UN profile on the UN's own 75/158 (running heads
# and feet with PAGE/NUMPAGES fields, even and odd pages, US Letter and the
# margins, the masthead, the emphasis of the source's italic spans as w:i
# runs, the Arabic date left to right), pictures embedded from a PNG made
# here (its size known from how it was made), --reference-doc with a
# template made by LibreOffice from a .fodt written here (its page size and
# font known from the .fodt), the docx-check verdict on the seed and on the
# English, French, Arabic and Chinese 75/158 with the footnote counts of the
# source AKN (counted with grep), and byte-identical output.
set -u
: "${DOCMILL:?}" "${DM_SOURCE_DIR:?}" "${DM_SHARED_DIR:?}"
CHECK="$DM_SHARED_DIR/tools/docx-check.sh"
UNXML="$DM_SHARED_DIR/samples-external/unxml"
T="$(mktemp -d "${TMPDIR:-/tmp}/docx-look.XXXXXX")"
trap 'rm -rf "$T"' EXIT
FAILS=0
ok() { echo "ok: $*"; }
fail() {
  echo "FAIL: $*"
  FAILS=$((FAILS + 1))
}
for tool in unzip python3 soffice; do
  command -v "$tool" >/dev/null || {
    echo "SKIP: $tool is not installed"
    exit 77
  }
done
[ -x "$CHECK" ] && [ -d "$UNXML" ] || {
  echo "SKIP: $CHECK or $UNXML not found"
  exit 77
}

# part FILE.docx PART: the part's XML on stdout.
part() { unzip -p "$1" "$(printf '%s' "$2" | sed 's/\[/\\[/g; s/\]/\\]/g')" 2>/dev/null; }
# has NAME FILE.docx PART PATTERN: PATTERN (extended regex) occurs in PART.
has() {
  if part "$2" "$3" | grep -Eq -- "$4"; then ok "$1"; else fail "$1: no /$4/ in $3"; fi
}

# ---- the UN profile on the English 75/158 ---------------------------------
EN="$UNXML/75session_English_75_158_E.xml"
"$DOCMILL" -q "$EN" -M job-number=20-17292 -o "$T/en.docx" || fail "docmill on $EN"
SYMBOL="$(grep -o '<docNumber[^>]*>[^<]*' "$EN" | head -1 | sed 's/.*>//')"
[ "$SYMBOL" = "A/RES/75/158" ] || fail "the source's symbol is '$SYMBOL'"
for p in header1 header2 footer1 footer2; do
  has "$p.xml has its content type" "$T/en.docx" '[Content_Types].xml' "PartName=\"/word/$p.xml\" ContentType=\"[^\"]*\.(header|footer)\+xml\""
  has "$p.xml has its relationship" "$T/en.docx" word/_rels/document.xml.rels "Target=\"$p.xml\""
done
has "even header: the symbol at the left, bold over a rule (RunningHead)" "$T/en.docx" word/header1.xml \
  "RunningHead\"/><w:jc w:val=\"left\"/>.*>$SYMBOL<"
has "odd header: the symbol at the right" "$T/en.docx" word/header2.xml "<w:jc w:val=\"right\"/>.*>$SYMBOL<"
has "RunningHead is bold with a rule below" "$T/en.docx" word/styles.xml \
  'w:styleId="RunningHead">.*<w:pBdr><w:bottom w:val="single"'
for p in footer1 footer2; do
  has "$p: PAGE field" "$T/en.docx" word/$p.xml 'w:fldSimple w:instr=" PAGE "'
  has "$p: NUMPAGES field" "$T/en.docx" word/$p.xml 'w:fldSimple w:instr=" NUMPAGES "'
done
has "even footer: page, then the job number" "$T/en.docx" word/footer1.xml 'NUMPAGES .*<w:tab/>.*20-17292'
has "odd footer: the job number, then the page" "$T/en.docx" word/footer2.xml '20-17292.*<w:tab/>.* PAGE '
has "settings: even and odd headers" "$T/en.docx" word/settings.xml '<w:evenAndOddHeaders/>'
has "section: even/default header and footer references" "$T/en.docx" word/document.xml \
  '<w:sectPr><w:headerReference w:type="even" r:id="rHf0"/><w:headerReference w:type="default" r:id="rHf1"/><w:footerReference w:type="even" r:id="rHf3"/><w:footerReference w:type="default" r:id="rHf4"/>'
# US Letter is 8.5 x 11 in = 12240 x 15840 twips; the UN's side margins 1200.
has "section: US Letter" "$T/en.docx" word/document.xml '<w:pgSz w:w="12240" w:h="15840"/>'
has "section: margins" "$T/en.docx" word/document.xml '<w:pgMar w:top="1440" w:right="1200" w:bottom="1440" w:left="1200"'
has "section: page 1 without running head" "$T/en.docx" word/document.xml '<w:titlePg/>'
has "10 pt body on 12 pt lines" "$T/en.docx" word/styles.xml '<w:sz w:val="20"/>.*<w:spacing w:after="120" w:line="240" w:lineRule="exact"/>'
has "masthead: the symbol in a frame at the right of the organisation's line" "$T/en.docx" word/document.xml \
  'MastheadSymbolLine"/><w:framePr w:wrap="around" w:vAnchor="text" w:hAnchor="margin" w:xAlign="right" w:y="1"/>.*A/RES/75/158</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="MastheadOrg"/>.*United Nations'
has "masthead: the resolution number hangs before the title" "$T/en.docx" word/document.xml \
  'ResolutionTitle"/>.*75/158\.</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t xml:space="preserve">Trafficking'
has "operative paragraphs: number at the first-line indent" "$T/en.docx" word/styles.xml \
  'w:styleId="Operative">.*<w:ind w:left="1267" w:right="1267" w:firstLine="475"/>'

# Every italic span of the source (those in notes too) is italic text of
# the output.
python3 - "$EN" "$T/en.docx" <<'EOF' || FAILS=$((FAILS + 1))
import re, sys, zipfile, xml.etree.ElementTree as ET
AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
def text(e):
    out = [e.text or ""]
    for c in e:
        if c.tag != AKN + "authorialNote":
            out.append(text(c))
        out.append(c.tail or "")
    return "".join(out)
src = [" ".join(text(s).split()) for s in ET.parse(sys.argv[1]).iter(AKN + "span") if s.get("class") == "italic"]
z = zipfile.ZipFile(sys.argv[2])
segs = []
for p in [p for part in ("word/document.xml", "word/footnotes.xml") for p in ET.fromstring(z.read(part)).iter(W + "p")]:
    cur = ""
    for r in p.iter(W + "r"):
        rpr = r.find(W + "rPr")
        t = "".join(x.text or "" for x in r.iter(W + "t"))
        if rpr is not None and rpr.find(W + "i") is not None:
            cur += t
        elif t:
            segs.append(cur); cur = ""
    segs.append(cur)
out = "|".join(" ".join(s.split()) for s in segs)
missing = [s for s in src if s and s not in out]
print(("ok" if not missing else "FAIL") + ": %d italic spans in the source, %d not italic in the DOCX %s" % (len(src), len(missing), missing[:3]))
sys.exit(1 if missing else 0)
EOF

# ---- Arabic: the Latin date is a left-to-right paragraph -------------------
AR="$UNXML/75session_Arabic_75_158_A.xml"
"$DOCMILL" -q "$AR" -o "$T/ar.docx" || fail "docmill on $AR"
has "Arabic: '23 December 2020' in a left-to-right paragraph" "$T/ar.docx" word/document.xml \
  '<w:bidi w:val="0"/>[^>]*>(<[^>]*>)*<w:t xml:space="preserve">23 December 2020<'
has "Arabic: Arabic runs right to left" "$T/ar.docx" word/document.xml '<w:rtl/></w:rPr><w:t xml:space="preserve">الجمعية العامة'

# ---- pictures -------------------------------------------------------------
python3 - "$T/badge.png" <<'EOF'
import struct, sys, zlib
w, h = 40, 20
raw = b"".join(b"\0" + b"\xff\0\0" * w for _ in range(h))
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                              + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
EOF
printf '# Badges\n\nA badge ![the badge](badge.png) and a lost one ![lost](missing.png).\n' >"$T/pic.md"
"$DOCMILL" "$T/pic.md" -o "$T/pic.docx" 2>"$T/pic.err" || fail "docmill on pic.md"
if unzip -l "$T/pic.docx" | grep -q ' word/media/image1.png$'; then ok "image part"; else fail "no word/media/image1.png"; fi
if cmp -s <(part "$T/pic.docx" word/media/image1.png) "$T/badge.png"; then ok "image bytes"; else fail "image bytes differ"; fi
has "image relationship" "$T/pic.docx" word/_rels/document.xml.rels 'Id="rImg1" Type="[^"]*/image" Target="media/image1.png"'
has "image content type" "$T/pic.docx" '[Content_Types].xml' '<Default Extension="png" ContentType="image/png"/>'
# 40 x 20 px at 96 dpi: 9525 EMU a pixel.
has "image size from its header" "$T/pic.docx" word/document.xml '<wp:extent cx="381000" cy="190500"/>.*r:embed="rImg1"'
has "the missing picture's placeholder" "$T/pic.docx" word/document.xml '>\[</w:t>.*>lost</w:t>.*>\]</w:t>'
if grep -q 'missing.png cannot be read' "$T/pic.err" && [ "$(grep -c 'image' "$T/pic.err")" = 1 ]; then
  ok "one warning, for the missing picture"
else
  fail "warnings: $(cat "$T/pic.err")"
fi
# An SVG with the PNG of the same name beside it (badge.png from above):
# both embedded, the PNG the fallback; an SVG alone: a placeholder.
mkdir "$T/svg"
cp "$T/badge.png" "$T/svg/badge.png"
printf '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="red"/></svg>\n' >"$T/svg/badge.svg"
cp "$T/svg/badge.svg" "$T/svg/alone.svg"
printf 'A badge ![the badge](badge.svg) and ![alone](alone.svg).\n' >"$T/svg/pic.md"
"$DOCMILL" "$T/svg/pic.md" -o "$T/svg.docx" 2>"$T/svg.err" || fail "docmill on svg/pic.md"
if cmp -s <(part "$T/svg.docx" word/media/image1.svg) "$T/svg/badge.svg" &&
  cmp -s <(part "$T/svg.docx" word/media/image1.png) "$T/svg/badge.png"; then
  ok "SVG and its PNG fallback embedded"
else
  fail "SVG or PNG bytes differ: $(unzip -l "$T/svg.docx" | grep media)"
fi
has "SVG relationship" "$T/svg.docx" word/_rels/document.xml.rels 'Id="rImg1s" Type="[^"]*/image" Target="media/image1.svg"'
has "SVG content type" "$T/svg.docx" '[Content_Types].xml' '<Default Extension="svg" ContentType="image/svg\+xml"/>'
has "PNG in the blip, SVG in its svgBlip extension, sized from the PNG" "$T/svg.docx" word/document.xml \
  '<wp:extent cx="381000" cy="190500"/>.*<a:blip r:embed="rImg1"><a:extLst><a:ext uri="\{96DAC541-7B7A-43D3-8B79-37D633B846F1\}"><asvg:svgBlip [^>]*r:embed="rImg1s"/>'
has "the lone SVG's placeholder" "$T/svg.docx" word/document.xml '>\[</w:t>.*>alone</w:t>.*>\]</w:t>'
if grep -q 'alone.svg is an SVG picture without a PNG' "$T/svg.err" && [ "$(grep -c 'image' "$T/svg.err")" = 1 ]; then
  ok "one warning, for the lone SVG"
else
  fail "SVG warnings: $(cat "$T/svg.err")"
fi
out="$("$CHECK" "$T/svg.docx" 2>&1)"
if echo "$out" | grep -q '^verdict: ok'; then ok "SVG output: docx-check ok"; else fail "SVG output: $(echo "$out" | grep failed_checks)"; fi

# ---- link targets: brackets only in an IPv6 host -----------------------------
# A bracket elsewhere in a target is not a valid xsd:anyURI, which the
# relationship schema asks for: escaped, while an IPv6 host keeps its own.
printf '[a](http://[::1]:80/x[1]) and [b](https://example.org/p?q=[2])\n' >"$T/brackets.md"
"$DOCMILL" -q "$T/brackets.md" -o "$T/brackets.docx"
has "brackets escaped outside the host" "$T/brackets.docx" word/_rels/document.xml.rels \
  'Target="http://\[::1\]:80/x%5B1%5D".*Target="https://example.org/p\?q=%5B2%5D"'
out="$("$CHECK" "$T/brackets.docx" 2>&1)"
if echo "$out" | grep -q '^verdict: ok'; then ok "bracketed targets: docx-check ok"; else fail "bracketed targets: $(echo "$out" | grep failed_checks)"; fi

# ---- --reference-doc with a LibreOffice template ---------------------------
# A5 (14.8 x 21 cm = 8391 x 11906 twips), DejaVu Sans Mono 9 pt, a header,
# headings numbered I., II. (an outline numbering: LibreOffice writes it to
# numbering.xml, its Heading 1 style naming it by w:numId).
cat >"$T/tpl.fodt" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:font-face-decls><style:font-face style:name="DejaVu Sans Mono" svg:font-family="'DejaVu Sans Mono'"/></office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph"><style:text-properties style:font-name="DejaVu Sans Mono" fo:font-size="9pt"/></style:default-style>
  <style:style style:name="Standard" style:family="paragraph"><style:text-properties style:font-name="DejaVu Sans Mono" fo:font-size="9pt"/></style:style>
  <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:default-outline-level="1"/>
  <text:outline-style style:name="Outline"><text:outline-level-style text:level="1" style:num-format="I" style:num-suffix="."/></text:outline-style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="14.8cm" fo:page-height="21cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="1.8cm" fo:margin-right="1.8cm"/><style:header-style><style:header-footer-properties fo:min-height="0.5cm"/></style:header-style></style:page-layout>
 </office:automatic-styles>
 <office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"><style:header><text:p text:style-name="Standard">TEMPLATE HEADER</text:p></style:header></style:master-page></office:master-styles>
 <office:body><office:text><text:p text:style-name="Standard">x</text:p></office:text></office:body>
</office:document>
EOF
(cd "$T" && HOME="$T" timeout 120 soffice --headless --convert-to docx tpl.fodt >/dev/null 2>&1)
if [ ! -s "$T/tpl.docx" ]; then
  fail "LibreOffice made no template"
else
  SEED="$DM_SOURCE_DIR/samples/un-ga-75-158-zh.md"
  "$DOCMILL" -q "$SEED" --reference-doc "$T/tpl.docx" -o "$T/ref.docx" || fail "docmill --reference-doc"
  has "reference: the template's page size" "$T/ref.docx" word/document.xml '<w:pgSz w:w="8391" w:h="11906"/>'
  has "reference: the template's font" "$T/ref.docx" word/styles.xml '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="DejaVu Sans Mono"'
  has "reference: ours fill what it lacks" "$T/ref.docx" word/styles.xml 'w:styleId="Operative"'
  has "reference: the template's header" "$T/ref.docx" word/header1.xml 'TEMPLATE HEADER'
  out="$("$CHECK" --expect-footnotes 34 "$T/ref.docx" 2>&1)"
  if echo "$out" | grep -q '^verdict: ok'; then ok "reference output: docx-check ok"; else fail "reference output: $(echo "$out" | grep failed_checks)"; fi
  # The template's numbering with a document that has lists of its own
  # (tests/docx/data/generic.md: 7 list items in 4 lists, 2 of them ordered,
  # counted by hand; 2 notes).
  "$DOCMILL" -q "$DM_SOURCE_DIR/tests/docx/data/generic.md" --reference-doc "$T/tpl.docx" -o "$T/refnum.docx" ||
    fail "docmill --reference-doc on generic.md"
  part "$T/tpl.docx" word/numbering.xml >"$T/tpl-num.xml"
  part "$T/tpl.docx" word/styles.xml >"$T/tpl-styles.xml"
  part "$T/refnum.docx" word/numbering.xml >"$T/num.xml"
  part "$T/refnum.docx" word/styles.xml >"$T/styles.xml"
  part "$T/refnum.docx" word/document.xml >"$T/doc.xml"
  if /usr/bin/python3 - "$T" <<'PY'; then ok "reference: the template's numbering kept, its Heading 1 numbered I., ours after its ids"; else fail "reference: numbering (above)"; fi
import sys, xml.etree.ElementTree as ET
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
t = sys.argv[1]
def load(n): return ET.parse(t + "/" + n).getroot()
def nums(root):
    return {n.get(W + "numId"): n.find(W + "abstractNumId").get(W + "val") for n in root.iter(W + "num")}
def fmt(root, aid, lvl="0"):
    for a in root.iter(W + "abstractNum"):
        if a.get(W + "abstractNumId") == aid:
            for l in a.iter(W + "lvl"):
                if l.get(W + "ilvl") == lvl: return l.find(W + "numFmt").get(W + "val")
def h1_num(styles):
    for s in styles.iter(W + "style"):
        if s.get(W + "styleId") == "Heading1":
            n = s.find(W + "pPr/" + W + "numPr/" + W + "numId")
            return n.get(W + "val") if n is not None else None
bad = []
tn, on = nums(load("tpl-num.xml")), nums(load("num.xml"))
num, styles, doc = load("num.xml"), load("styles.xml"), load("doc.xml")
for k, v in tn.items():
    if on.get(k) != v: bad.append("template num %s -> %s is %s" % (k, v, on.get(k)))
h1 = h1_num(styles)
if h1 is None or fmt(num, on.get(h1)) != "upperRoman": bad.append("Heading 1 numId %s is not upper Roman" % h1)
used = sorted({n.get(W + "val") for n in doc.iter(W + "numId")}, key=int)
if len(used) != 4: bad.append("the document's lists use %s numIds, not 4" % len(used))
for u in used:
    if u in tn: bad.append("our list numId %s is one of the template's" % u)
    if fmt(num, on.get(u)) not in ("decimal", "bullet"): bad.append("our list numId %s: %s" % (u, fmt(num, on.get(u))))
if sum(fmt(num, on.get(u)) == "decimal" for u in used) != 2: bad.append("not 2 ordered lists")
for b in bad: print(b)
sys.exit(1 if bad else 0)
PY
  out="$("$CHECK" --expect-footnotes 2 "$T/refnum.docx" 2>&1)"
  if echo "$out" | grep -q '^verdict: ok'; then ok "reference numbering output: docx-check ok"; else fail "reference numbering output: $(echo "$out" | grep failed_checks)"; fi
  # Word ends its numbering part with w:numIdMacAtCleanup at times: our
  # numberings go before it, as CT_Numbering has it.
  /usr/bin/python3 - "$T/tpl.docx" "$T/tplmac.docx" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as i, zipfile.ZipFile(sys.argv[2], "w") as o:
    for n in i.namelist():
        d = i.read(n)
        if n == "word/numbering.xml": d = d.replace(b"</w:numbering>", b'<w:numIdMacAtCleanup w:val="1"/></w:numbering>')
        o.writestr(n, d)
PY
  "$DOCMILL" -q "$DM_SOURCE_DIR/tests/docx/data/generic.md" --reference-doc "$T/tplmac.docx" -o "$T/refmac.docx" ||
    fail "docmill --reference-doc with w:numIdMacAtCleanup"
  has "reference: our numberings before w:numIdMacAtCleanup" "$T/refmac.docx" word/numbering.xml \
    '<w:num w:numId="[0-9]+"><w:abstractNumId w:val="[0-9]+"/></w:num><w:numIdMacAtCleanup w:val="1"/></w:numbering>'
  # rendered: the heading numbered by the template, our list by ours
  (cd "$T" && HOME="$T" timeout 120 soffice --headless --convert-to pdf refnum.docx >/dev/null 2>&1)
  txt="$(pdftotext "$T/refnum.pdf" - 2>/dev/null)"
  if echo "$txt" | grep -q '^I\. *Generic document' && echo "$txt" | grep -q '^3\. third'; then
    ok "reference numbering rendered: 'I. Generic document' and '3. third'"
  else
    fail "reference numbering rendered: $(echo "$txt" | head -3 | tr '\n' '|')"
  fi
fi

# ---- the masthead of a resolution recognised from text and Markdown --------
# The first paragraphs of document.xml, style and text (a tab as \t, a
# line break as \n), against the lines of the source written out here by
# hand: each line of the preface once, in the masthead's style for what it
# is (the symbol first, in its frame, then the organisation's line it sits
# on).
masthead() { # NAME SOURCE EXPECTED(style<TAB>text lines)
  "$DOCMILL" -q "$2" -o "$T/mast.docx" || fail "docmill on $2"
  if /usr/bin/python3 - "$T/mast.docx" "$3" <<'PY'; then ok "$1: masthead styles and lines"; else fail "$1: masthead"; fi
import re, sys, zipfile
d = zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode()
want = [tuple(l.split("\t", 1)) for l in sys.argv[2].strip("\n").split("\n")]
got = []
for p in re.findall(r"<w:p>.*?</w:p>", d)[: len(want)]:
    st = re.search(r'<w:pStyle w:val="([^"]*)"', p)
    txt = "".join(
        t if t else ("\\t" if tab else "\\n")
        for t, tab, br in re.findall(r"<w:t[^>]*>([^<]*)</w:t>|(<w:tab/>)|(<w:br/>)", p)
    )
    got.append((st.group(1) if st else "", txt))
bad = [(w, g) for w, g in zip(want, got) if w != g]
for w, g in bad:
    print("  want %r\n  got  %r" % (w, g))
sys.exit(1 if bad or len(got) != len(want) else 0)
PY
}
masthead "en-raw.txt" "$DM_SOURCE_DIR/tests/fixtures/resolutions/en-raw.txt" "$(
  cat <<'EOF'
MastheadSymbolLine	A/RES/75/158
MastheadOrg	United Nations
MastheadBody	General Assembly
MastheadDistr	Distr.: General
MastheadDistr	23 December 2020
MastheadSession	Seventy-fifth session
MastheadLine	Agenda item 28
MastheadLine	Advancement of women
AdoptionHeading	Resolution adopted by the General Assembly on 16 December 2020
CommitteeLine	[on the report of the Third Committee (A/75/471, para. 80)]
ResolutionTitle	75/158.\tTrafficking in women and girls
Formula	The General Assembly,
EOF
)"
has "en-raw.txt: the symbol in a frame at the right of the organisation's line" "$T/mast.docx" word/document.xml \
  'MastheadSymbolLine"/><w:framePr w:wrap="around" [^>]*w:xAlign="right"'
masthead "the seed" "$DM_SOURCE_DIR/samples/un-ga-75-158-zh.md" "$(
  cat <<'EOF'
MastheadBody	大 会
MastheadDistr	Distr.: General\n23 December 2020
MastheadSession	第七十五届会议
MastheadLine	议程项目 28
MastheadLine	提高妇女地位
AdoptionHeading	2020 年 12 月 16 日大会决议
CommitteeLine	[根据第三委员会的报告(A/75/471, 第 80 段)通过]
ResolutionTitle	75/158.\t贩运妇女和女童
Formula	大会,
EOF
)"
# The seed's Markdown headings ("## 大 会") stay headings, w:outlineLvl 1
# (level 2), in their masthead styles.
has "seed: the body's line keeps its heading level" "$T/mast.docx" word/document.xml \
  '<w:pStyle w:val="MastheadBody"/><w:outlineLvl w:val="1"/>'

# ---- the checker on the seed and the four languages ------------------------
"$DOCMILL" -q "$DM_SOURCE_DIR/samples/un-ga-75-158-zh.md" -o "$T/seed.docx" || fail "docmill on the seed"
out="$("$CHECK" --expect-footnotes 34 "$T/seed.docx" 2>&1)"
if echo "$out" | grep -q '^verdict: ok'; then ok "seed: docx-check ok (34)"; else fail "seed: $(echo "$out" | grep failed_checks)"; fi
for f in "$EN" "$UNXML/75session_French_75_158_F.xml" "$AR" "$UNXML/75session_Chinese_75_158_C.xml"; do
  n="$(grep -o '<authorialNote' "$f" | wc -l)"
  b="$(basename "$f" .xml)"
  "$DOCMILL" -q "$f" -o "$T/$b.docx" || fail "docmill on $b"
  out="$("$CHECK" --expect-footnotes "$n" "$T/$b.docx" 2>&1)"
  if echo "$out" | grep -q '^verdict: ok'; then ok "$b: docx-check ok ($n)"; else fail "$b: $(echo "$out" | grep failed_checks)"; fi
done

# ---- same input, same bytes ------------------------------------------------
"$DOCMILL" -q "$EN" -M job-number=20-17292 -o "$T/en2.docx"
if cmp -s "$T/en.docx" "$T/en2.docx"; then ok "reproducible"; else fail "two runs differ"; fi

echo "failures: $FAILS"
[ "$FAILS" = 0 ]
