#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Markdown as docmill writes it, with soft line breaks undone.

A soft break (a line wrapped inside a paragraph) has no equivalent in DOCX:
the DOCX writer writes it as the space it stands for, or as nothing between
two CJK characters, as a reader of the page would. To compare Markdown that
went through DOCX with Markdown that did not, both are passed through this
normaliser, which joins a paragraph's wrapped lines the same way. Hard
breaks (a line ending in a backslash) and block boundaries are kept.

  mdnorm.py FILE          prints the normalised text
  mdnorm.py --akn FILE    AKN as docmill writes it, its text's line ends
                          undone the same way, the dm:meta lines sorted and
                          the two keys only DOCX has (author, subject) left
                          out: docProps/core.xml gives them, and the
                          metadata that both have comes in another order
  mdnorm.py --facts FILE  prints what the corpus checks compare: the note
                          markers in order of reference, each note's text,
                          the numbers that open paragraphs and list items,
                          and the text with markup and spacing removed
"""
import re
import sys
import unicodedata
import urllib.parse


def cjk(ch):
    return bool(ch) and unicodedata.east_asian_width(ch) in ("W", "F")


BLOCK_START = re.compile(r"^(#{1,6} |[-*+] |\d+[.)] |> |\||\[\^[^\]]+\]: |```|$)")


def joined(lines):
    out = []
    fence = False
    for line in lines:
        if line.lstrip().startswith("```"):
            fence = not fence
            # the DOCX writer has nowhere to keep a code block's info string
            line = line[: line.index("```") + 3]
        if (not fence and out and out[-1].strip() and line.strip() and not out[-1].endswith("\\")
                and not BLOCK_START.match(line.strip()) and not out[-1].lstrip().startswith("```")):
            prev = out[-1].rstrip()
            cur = line.strip()
            sep = "" if cjk(prev[-1:]) or cjk(cur[:1]) else " "
            out[-1] = prev + sep + cur
        else:
            out.append(line)
    return out


SYMBOL_LINE = re.compile(r"^[A-Z]+/RES/[^ ]+( \(\d{4}\))?$")


def facts(text):
    # An image the DOCX writer cannot carry stays as its alternative text,
    # or its name when it has none; a character reference is spacing.
    text = re.sub(r"!\[([^\]]*)\]\(([^)]*)\)", lambda m: m.group(1) or m.group(2), text)
    text = re.sub(r"&#(9|32|160);", " ", text)
    # The DOCX writer puts an image it cannot embed as "[image: NAME]".
    text = re.sub(r"\\?\[image: ([^\]\\]*)\\?\]", lambda m: m.group(1), text)
    # The symbol is the recogniser's to place (a line of its own, the cover
    # page's header, the metadata): it is compared as metadata, not here.
    text = re.sub(r"\**[A-Z]+/RES/[0-9A-Z./-]+( \(\d{4}\))?\**", "", text)
    # A line holding only the document's symbol is page furniture to the
    # resolution recogniser, which runs on what is read from DOCX (and
    # keeps the symbol as metadata) but not on Akoma Ntoso, and which keeps
    # or removes it in text depending on the lines around it.
    lines = [l for l in joined(text.split("\n")) if not SYMBOL_LINE.match(l.strip())]
    body = "\n".join(lines)
    refs = re.findall(r"\[\^([^\]]+)\](?!:)", body)
    notes = {}
    for line in lines:
        m = re.match(r"^\[\^([^\]]+)\]: (.*)$", line)
        if m:
            # link targets as the same URL: percent-encoded or not, escaped
            # or in angle brackets
            t = re.sub(r"\]\((<[^>]*>|(?:\\.|[^)\\])*)\)",
                       lambda u: "](" + urllib.parse.unquote(u.group(1).strip("<>").replace("\\", "")) + ")", m.group(2))
            # an empty "()" opening a note is where a UN Arabic source's
            # number stood: the DOCX writer puts the footnote's number there
            t = re.sub(r"^\s*\\?\(\\?\)", "", t)
            # emphasis is the writer's to choose for cited titles
            notes[m.group(1)] = re.sub(r"[\s*_]+", "", t)
    numbers = []
    for line in lines:
        m = re.match(r"^\s*(\d+\\?[.)]|\\?\([a-z]{1,4}\\?\)|[ivx]+\.)[ \t]", line)
        if m:
            numbers.append(m.group(1).replace("\\", ""))
    plain = re.sub(r"^(\[\^[^\]]+\]: )\s*\\?\(\\?\)", r"\1", body, flags=re.M)  # as for notes above
    plain = re.sub(r"\[\^[^\]]+\]:?", "", plain)
    plain = re.sub(r"\]\((<[^>]*>|(?:\\.|[^)\\])*)\)", "](x)", plain)
    plain = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", plain)
    plain = re.sub(r"\]\([^)]*\)", "", plain)
    plain = re.sub(r"[\s*_`\\#>\[\]|-]|</?(sup|sub|u)>", "", plain)
    return refs, notes, numbers, plain


def akn(text):
    out = []
    for line in text.split("\n"):
        if out and line and not line.lstrip().startswith("<"):
            prev = out[-1]
            sep = "" if cjk(prev[-1:]) or cjk(line[:1]) else " "
            out[-1] = prev + sep + line
        else:
            out.append(line)
    meta = sorted(l for l in out if "<dm:meta " in l and 'key="author"' not in l and 'key="subject"' not in l)
    rest = [l for l in out if "<dm:meta " not in l]
    return "\n".join(meta + rest)


def main():
    if sys.argv[1] == "--akn":
        sys.stdout.write(akn(open(sys.argv[2], encoding="utf-8").read()))
        return
    if sys.argv[1] == "--facts":
        refs, notes, numbers, plain = facts(open(sys.argv[2], encoding="utf-8").read())
        print("refs", " ".join(refs))
        for k in refs:
            if k in notes:
                print("note", k, notes[k])
        print("numbers", " ".join(numbers))
        print("text", plain)
        return
    # a line holding only the symbol: see facts()
    lines = joined(open(sys.argv[1], encoding="utf-8").read().split("\n"))
    out = []
    skip_blank = False
    for line in lines:
        if skip_blank and not line.strip():
            skip_blank = False
            continue
        skip_blank = bool(SYMBOL_LINE.match(line.strip()))
        if not skip_blank:
            out.append(line)
    sys.stdout.write("\n".join(out))


main()
