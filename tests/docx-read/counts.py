#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Counts what a document holds, from docmill's tree or from pandoc's.

  counts.py native FILE.native   docmill -t native output
  counts.py json FILE.json       pandoc -t json output
  counts.py numbers FILE.native  paragraphs with headings, notes, numbers
                                 (numbered items of ordered lists and
                                 labelled parts such as operative
                                 paragraphs) and table cells

Prints one line: paragraphs (pandoc's Para and Plain; docmill's paragraph,
heading excluded), headings, notes (each note once), list items and table
cells, the figures the DOCX corpus tests compare.
"""
import json
import sys


def native(path):
    c = {"para": 0, "head": 0, "note": 0, "item": 0, "cell": 0}
    key = {"paragraph": "para", "heading": "head", "note": "note", "item": "item", "table_cell": "cell"}
    for line in open(path, encoding="utf-8"):
        w = line.split()
        if w and w[0] in key:
            c[key[w[0]]] += 1
    return c


def walk(x, c):
    if isinstance(x, dict):
        t = x.get("t")
        if t in ("Para", "Plain"):
            c["para"] += 1
        elif t == "Header":
            c["head"] += 1
        elif t == "Note":
            c["note"] += 1
        elif t in ("OrderedList", "BulletList"):
            items = x["c"][1] if t == "OrderedList" else x["c"]
            c["item"] += len(items)
        elif t == "Table":
            # pandoc-types 1.22: [attr, caption, colspecs, head, bodies, foot];
            # a row is [attr, cells]
            _, _, _, head, bodies, foot = x["c"]
            rows = head[1] + foot[1]
            for b in bodies:
                rows += b[2] + b[3]
            c["cell"] += sum(len(r[1]) for r in rows)
        for v in x.values():
            walk(v, c)
    elif isinstance(x, list):
        # pandoc < 2.10 tables: no Cell objects; rows are lists of cells
        for v in x:
            walk(v, c)


def pandoc(path):
    c = {"para": 0, "head": 0, "note": 0, "item": 0, "cell": 0}
    doc = json.load(open(path, encoding="utf-8"))
    walk(doc["blocks"], c)
    return c


def numbers(path):
    c = {"paras": 0, "notes": 0, "numbers": 0, "cells": 0}
    ordered = []
    for line in open(path, encoding="utf-8"):
        depth = len(line) - len(line.lstrip())
        w = line.split()
        if not w:
            continue
        while ordered and ordered[-1][0] >= depth:
            ordered.pop()
        if w[0] in ("paragraph", "heading"):
            c["paras"] += 1
        elif w[0] == "note":
            c["notes"] += 1
        elif w[0] == "table_cell":
            c["cells"] += 1
        elif w[0] == "div" and " label=" in line:
            c["numbers"] += 1
        elif w[0] == "list":
            ordered.append((depth, w[1] == "ordered"))
        elif w[0] == "item" and ordered and ordered[-1][1]:
            c["numbers"] += 1
    return c


if sys.argv[1] == "numbers":
    c = numbers(sys.argv[2])
    print(" ".join("%s=%d" % (k, v) for k, v in c.items()))
    sys.exit(0)
c = native(sys.argv[2]) if sys.argv[1] == "native" else pandoc(sys.argv[2])
print(" ".join("%s=%d" % (k, c[k]) for k in ("para", "head", "note", "item", "cell")))
