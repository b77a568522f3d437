#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Writes a deterministic Akoma Ntoso resolution of about the requested size
# (default 20 MiB) to standard output: a preface, a preamble of recitals
# and a mainBody of numbered paragraphs with lettered points, inline
# emphasis and an authorialNote every third paragraph, shaped like the AKN
# of a UN resolution. The text is the seed resolution's own (the
# samples/un-ga-75-158-zh.md of this repository, given as the second
# argument), cycled, so the proportion of text to markup is a real one.
# No randomness: the same arguments give the same bytes.
import html
import re
import sys

target = int(sys.argv[1]) if len(sys.argv) > 1 else 20 * 1024 * 1024
seed = sys.argv[2] if len(sys.argv) > 2 else "samples/un-ga-75-158-zh.md"
texts = []
for line in open(seed, encoding="utf-8"):
    line = re.sub(r"<sup>\d+</sup>|\*\*", "", line.strip())
    line = re.sub(r"^\d+\.\s*", "", line)
    if len(line) > 40 and not line.startswith(("<sup>", "#", "[")):
        texts.append(html.escape(line, quote=False))

def sentence(i, n):
    t = texts[(i * 7 + n) % len(texts)]
    return t[: n * 6]

out = sys.stdout
head = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">\n'
        '  <statement name="resolution" contains="originalVersion">\n'
        '    <meta>\n      <identification source="#bench">\n        <FRBRWork>\n'
        '          <FRBRthis value="/akn/un/statement/deliberation/un-ga/2020-12-16/75-999/!main"/>\n'
        '          <FRBRuri value="/akn/un/statement/deliberation/un-ga/2020-12-16/75-999"/>\n'
        '          <FRBRdate date="2020-12-16" name="adoption"/>\n'
        '          <FRBRauthor href="#un-ga"/>\n          <FRBRcountry value="un"/>\n'
        '          <FRBRnumber value="75-999" showAs="75/999"/>\n        </FRBRWork>\n'
        '        <FRBRExpression>\n          <FRBRthis value="/akn/un/statement/deliberation/un-ga/2020-12-16/75-999/eng@/!main"/>\n'
        '          <FRBRuri value="/akn/un/statement/deliberation/un-ga/2020-12-16/75-999/eng@"/>\n'
        '          <FRBRdate date="2020-12-16" name="adoption"/>\n          <FRBRauthor href="#un-ga"/>\n'
        '          <FRBRlanguage language="eng"/>\n        </FRBRExpression>\n'
        '      </identification>\n    </meta>\n'
        '    <preface>\n      <p><docNumber>75/999</docNumber>. <docTitle>Benchmark resolution</docTitle></p>\n    </preface>\n'
        '    <preamble>\n      <formula name="enactingFormula"><p>The General Assembly,</p></formula>\n      <recitals>\n')
out.write(head)
size = len(head.encode())
for r in range(1, 41):
    s = '        <recital eId="preamble__recital_%d"><p><i>Recalling</i> %s,</p></recital>\n' % (r, sentence(r, 40))
    out.write(s)
    size += len(s.encode())
s = '      </recitals>\n    </preamble>\n    <mainBody>\n'
out.write(s)
size += len(s.encode())
tail = ('    </mainBody>\n    <conclusions><p><docDate date="2020-12-16">16 December 2020</docDate></p></conclusions>\n'
        '  </statement>\n</akomaNtoso>\n')
p = 0
while size + len(tail) < target:
    p += 1
    note = ''
    if p % 3 == 0:
        note = ('<authorialNote marker="%d" placement="bottom" eId="para_%d__authorialNote_1">'
                '<p>See %s.</p></authorialNote>' % (p, p, sentence(p, 8)))
    s = ('      <paragraph eId="para_%d">\n        <num>%d.</num>\n        <intro><p><b>Urges</b> %s%s;</p></intro>\n'
         '        <list eId="para_%d__list_1">\n' % (p, p, sentence(p, 30), note, p))
    for k, letter in enumerate("abc"):
        s += ('          <point eId="para_%d__list_1__point_%s"><num>(%s)</num><content><p>%s;</p></content></point>\n'
              % (p, letter, letter, sentence(p + k, 18)))
    s += '        </list>\n      </paragraph>\n'
    out.write(s)
    size += len(s.encode())
out.write(tail)
