# SPDX-License-Identifier: MIT
"""The verdict of the corpus tests: one row per language and extraction
style (documents fully right, and per field the documents where it is
wrong, lost text, silent failures, failed conversions), the log of the first
difference of every document, a line per document in a TSV, and the floors
and ceilings of expected.tsv, which --ratchet moves (floors only up,
ceilings only down)."""

import collections
import os
import xml.etree.ElementTree as ET

import akn_fields
from corpuslib import lost_words


class Report:
    """The table per language and style, and the log of first differences."""

    def __init__(self, base):
        self.base = base
        self.rows = collections.OrderedDict()
        self.log = open(base + ".log", "w", encoding="utf-8")
        self.tsv = open(base + ".tsv", "w", encoding="utf-8")
        self.tsv.write("style\tdocument\tright\tfields wrong\tlost words\tsilent\tstatus\n")
        self.hard = []

    def row(self, lang, style):
        key = (lang, style)
        if key not in self.rows:
            self.rows[key] = {"docs": 0, "right": 0, "lost": 0, "silent": 0, "failed": 0,
                              "bad": collections.Counter()}
        return self.rows[key]

    def add(self, lang, style, name, want, r):
        row = self.row(lang, style)
        row["docs"] += 1
        if r.status < 0 or r.status > 3:
            self.hard.append("%s %s: docmill ended with status %d: %s" % (style, name, r.status, r.stderr[-300:]))
        if r.status != 0 or not os.path.exists(r.output):
            row["failed"] += 1
            self.log.write("%s %s: docmill status %d: %s\n" % (style, name, r.status, r.stderr.strip()[-300:]))
            return
        try:
            got = akn_fields.read(r.output)
        except ET.ParseError as e:
            self.hard.append("%s %s: docmill wrote XML that does not parse: %s" % (style, name, e))
            row["failed"] += 1
            return
        bad = akn_fields.compare(want, got)
        for field in bad:
            row["bad"][field] += 1
        lost = lost_words(r)
        if not bad and not lost:
            row["right"] += 1
        if lost:
            row["lost"] += 1
            self.log.write("%s %s: LOST %d words: %s\n" % (style, name, len(lost), " ".join(lost[:30])))
        warned = "warning" in r.stderr
        unfound = (want["preamble"] and not got["preamble"]) or (want["operative"] and not got["operative"]) \
            or not got["symbol"]
        if unfound and not warned:
            row["silent"] += 1
            self.log.write("%s %s: SILENT: structure not found and no warning\n" % (style, name))
        self.tsv.write("%s\t%s\t%d\t%s\t%d\t%d\t%d\n" % (
            style, name, not bad and not lost, " ".join(f for f in akn_fields.FIELDS if f in bad),
            len(lost), unfound and not warned, r.status))
        if bad:
            fields = [f for f in akn_fields.FIELDS if f in bad]
            self.log.write("%s %s: %d fields wrong (%s); first: %s: %s\n"
                           % (style, name, len(bad), " ".join(fields), fields[0],
                              akn_fields.first_diff(*bad[fields[0]])))
            for f in fields[1:]:
                self.log.write("    %s: %s\n" % (f, akn_fields.first_diff(*bad[f])))

    def table(self):
        fields = akn_fields.FIELDS
        head = "%-14s %-9s %9s " % ("language", "style", "right") + " ".join(
            "%9s" % f[:9] for f in fields) + " %6s %6s %6s" % ("lost", "silent", "failed")
        lines = [head]
        total = collections.OrderedDict()
        for (lang, style), row in self.rows.items():
            t = total.setdefault(("all", style), {"docs": 0, "right": 0, "lost": 0, "silent": 0,
                                                  "failed": 0, "bad": collections.Counter()})
            for k in ("docs", "right", "lost", "silent", "failed"):
                t[k] += row[k]
            t["bad"].update(row["bad"])
        rows = list(self.rows.items()) + (list(total.items()) if len(self.rows) > len(total) else [])
        for (lang, style), row in rows:
            lines.append("%-14s %-9s %4d/%-4d " % (lang, style, row["right"], row["docs"]) + " ".join(
                "%9d" % row["bad"][f] for f in fields) + " %6d %6d %6d" % (row["lost"], row["silent"], row["failed"]))
        return "\n".join(lines)

    def finish(self):
        self.log.close()
        self.tsv.close()
        text = self.table()
        with open(self.base + ".txt", "w", encoding="utf-8") as f:
            f.write(text + "\n")
        print(text)
        print("table: %s.txt; first difference of every document: %s.log; one line a document: %s.tsv"
              % (self.base, self.base, self.base))

    def verdict(self, floors):
        """0 when every assertion holds, 1 otherwise (each failure printed)."""
        fails = list(self.hard)
        for (lang, style), row in self.rows.items():
            if floors is None:
                fails += ["%s/%s: %d documents %s" % (lang, style, row[k], what)
                          for k, what in (("lost", "lost text"), ("silent", "failed silently")) if row[k]]
                continue
            floor, ceilings = floors.get((lang, style), (None, {"lost": 0, "silent": 0}))
            for k, what in (("lost", "lost text"), ("silent", "failed silently")):
                if row[k] > ceilings[k]:
                    fails.append("%s/%s: %d documents %s, more than the %d of expected.tsv"
                                 % (lang, style, row[k], what, ceilings[k]))
                elif row[k] < ceilings[k]:
                    print("note: %s/%s: %d documents %s, fewer than %d: lower it in expected.tsv"
                          % (lang, style, row[k], what, ceilings[k]))
            if floor is None:
                fails.append("%s/%s: no floor in expected.tsv" % (lang, style))
            elif row["right"] < floor:
                fails.append("%s/%s: %d fully right, below the floor %d" % (lang, style, row["right"], floor))
            elif row["right"] > floor:
                print("note: %s/%s: %d fully right, above the floor %d: raise it in expected.tsv"
                      % (lang, style, row["right"], floor))
        for f in fails:
            print("FAIL: " + f)
        return 1 if fails else 0


def floors(path, test):
    """{(language, style): (floor, {"lost": n, "silent": n})} of the rows of
    expected.tsv for TEST: the fully right documents needed, and the
    documents allowed to lose text or fail silently."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.split()
            if len(cols) >= 6 and not line.startswith("#") and cols[0] == test:
                out[(cols[1], cols[2])] = (int(cols[3]), {"lost": int(cols[4]), "silent": int(cols[5])})
    return out


def ratchet(path, test, report):
    """Rewrites the rows of TEST in expected.tsv from REPORT, moving each
    floor only up and each ceiling only down."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f.read().splitlines():
            c = line.split("\t")
            row = report.rows.get((c[1], c[2])) if len(c) >= 6 and c[0] == test else None
            if row:
                c[3] = str(max(int(c[3]), row["right"]))
                c[4] = str(min(int(c[4]), row["lost"]))
                c[5] = str(min(int(c[5]), row["silent"]))
            out.append("\t".join(c))
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print("expected.tsv: rows of %s moved as far as this run allows" % test)
