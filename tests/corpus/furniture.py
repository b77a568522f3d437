# SPDX-License-Identifier: MIT
"""Page furniture put into text extracted from LibreOffice's PDFs, so that it
is as hard as text extracted from the PDFs the United Nations issues.

LibreOffice's PDF of docmill's DOCX has no running headers, job numbers or
barcodes, and pdftotext finds blank lines between its paragraphs. The UN's
PDFs (see samples-external/pdf, read with pdftotext, pdftotext -layout and
PyMuPDF) have, on every page: the symbol and the title as a running header
(the title wrapped at other places than on page 1), page numbers '2/5', the
job number '18-18142 (E)' with the print date '021118' and the barcode
'*1818142*' on page 1, the job number alone on the other pages, a rule of
underscores above the footnotes, and no blank line between paragraphs.
Each style gets them where that extractor puts them: pdftotext at the page's
end and the next page's start, -layout on lines padded to the right margin
(the symbol sharing a line with the title on left-hand pages), PyMuPDF all
before the page's body (page 1: after the date), and its pages are joined
without form feeds. Everything is drawn from a generator seeded by the file name and the
style, so a run is reproducible."""

import hashlib
import random
import re

LANG_LETTER = {"English": "E", "French": "F", "Spanish": "S", "Russian": "R",
               "Chinese": "C", "Arabic": "A", "German": "G"}
NOTE_MARK = re.compile(r"^\s*(\d{1,3}|[*\u2020\u2021])\s*(\S.*)?$")
RULE = "__________________"


class Furnisher:
    """Furniture for one document: its symbol, title and language, and the
    lines inserted (so that the checks can leave them out)."""

    def __init__(self, name, style, symbol, title, lang, issued, notes, formula="", note_words=()):
        seed = hashlib.sha256(("%s/%s" % (name, style)).encode()).hexdigest()
        self.rng = random.Random(int(seed[:16], 16))
        self.style = style
        self.symbol = symbol or "A/RES/00/0"
        self.title = " ".join((title or "").split())
        # the job number is the document's in every style: from its file name
        digits = re.findall(r"\d{7}", name)
        job = digits[0] if digits else "%07d" % (int(hashlib.sha256(name.encode()).hexdigest()[:8], 16) % 10 ** 7)
        self.job = "%s-%s" % (job[:2], job[2:])
        self.barcode = "*%s*" % job
        self.letter = LANG_LETTER.get(lang, "E")
        y, m, d = (issued or "2020-01-01").split("-")
        self.printed = "%02d%s%s" % (min(28, int(d) + self.rng.randrange(1, 5)), m, y[2:])
        self.notes = notes  # normalised footnote texts, to find the note area
        self.note_words = set(note_words)  # their words, for lines an extractor garbled
        self.formula = formula  # normalised: the cover page keeps its blank lines up to it
        self.inserted = []

    def wrap_title(self):
        """The title as a running header: wrapped at a width drawn for each
        page (the UN's headers are narrower than the cover's title, so they
        break elsewhere); CJK titles break between characters."""
        t = self.title
        if not t:
            return []
        cjk = " " not in t
        width = self.rng.randrange(12, 24) if cjk else self.rng.randrange(35, 75)
        if cjk:
            return [t[i:i + width] for i in range(0, len(t), width)]
        lines = [""]
        for word in t.split(" "):
            if lines[-1] and len(lines[-1]) + 1 + len(word) > width:
                lines.append(word)
            else:
                lines[-1] = (lines[-1] + " " + word).strip()
        return lines

    def add(self, lines):
        self.inserted.extend(l for l in lines if l.strip())
        return lines

    def note_line(self, line, squash, words):
        """Whether LINE is a piece of a footnote: a piece of a known note
        text, or nearly all its words are notes' words (extractors split
        'n\u00ba 27' into 'o' and 'n 27')."""
        key = squash(line)
        if any(key in n for n in self.notes):
            return True
        w = words(line)
        return bool(w) and sum(x in self.note_words for x in w) >= 0.8 * len(w)

    def note_start(self, lines, squash, words):
        """Index of the first line of the footnote area at the end of a page,
        or len(lines) when the page has no footnotes: the trailing lines that
        are note numbers or pieces of notes, from a line with a number on."""
        i, start = len(lines), len(lines)
        while i > 0:
            line = lines[i - 1]
            m = NOTE_MARK.match(line)
            if not squash(line):
                i -= 1
                continue
            if m and (not m.group(2) or self.note_line(m.group(2), squash, words)):
                start = i - 1
            elif not self.note_line(line, squash, words):
                break
            i -= 1
        return start

    def page(self, lines, index, count, squash, words):
        """The lines of page INDEX (0-based) of COUNT with furniture."""
        rng = self.rng
        # no blank lines inside the body, as the UN's PDFs have none; the
        # cover page keeps its own up to the formula
        cover = 0
        if index == 0 and self.formula:
            cover = next((i for i, l in enumerate(lines) if squash(l).startswith(self.formula)), 0)
        lines = lines[:cover] + [l for l in lines[cover:] if l.strip()]
        ns = self.note_start(lines, squash, words)
        body, notes = lines[:ns], lines[ns:]
        if notes:
            notes = self.add([RULE]) + notes
        pageno = "%d/%d" % (index + 1, count)
        head = self.wrap_title()
        if index == 0:
            job = "%s (%s)" % (self.job, self.letter)
            if self.style == "layout":
                foot = [" %s      %s" % (job, self.printed), " " + self.barcode]
            else:
                foot = [job, "", self.printed, "", self.barcode, ""]
            if self.style == "pymupdf":
                # PyMuPDF gives the job number and barcode near the top of page 1
                k = min(len(body), 4 + rng.randrange(3))
                return body[:k] + self.add(foot) + body[k:] + notes
            if notes and self.style == "pdftotext" and rng.random() < 0.5:
                # pdftotext often puts the job number inside the note area
                return body + notes[:2] + self.add(foot[:2]) + notes[2:] + self.add(foot[2:])
            return body + notes + self.add(foot)
        even = index % 2 == 1
        if self.style == "layout":
            pad = " " * (60 + rng.randrange(30))
            if even and head:
                # as pdftotext -layout lays out the UN's left-hand pages: the
                # title on the right, its last line sharing the symbol's line
                top = [pad + h for h in head[:-1]]
                top.append(self.symbol + " " * max(3, len(pad) - len(self.symbol)) + head[-1])
            else:
                top = [pad + h for h in head] + [pad + self.symbol]
            bottom = ["%s%s%s" % (pageno, " " * (90 + rng.randrange(20)), self.job)] if even \
                else ["%s%s%s" % (self.job, " " * (90 + rng.randrange(20)), pageno)]
            return self.add(top + [""]) + body + notes + self.add(bottom)
        top = ([self.symbol] + head) if even else (head + [self.symbol])
        bottom = [pageno, "", self.job, ""] if even else [self.job, "", pageno, ""]
        if self.style == "pymupdf":
            # PyMuPDF gives a page's header and footer before its body
            return self.add(top + bottom) + body + notes
        return self.add(top + [""]) + body + notes + self.add(bottom)


def furnish(pages, furnisher, squash, words):
    """The text of PAGES (lists of lines) with furniture: pages joined by form
    feeds, except for PyMuPDF, whose text has none. SQUASH gives a line's
    comparable form, WORDS its words."""
    out = [furnisher.page(p, i, len(pages), squash, words) for i, p in enumerate(pages)]
    sep = "\n" if furnisher.style == "pymupdf" else "\n\f"
    return sep.join("\n".join(p) for p in out) + "\n"
