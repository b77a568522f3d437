#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Compares an Akoma Ntoso file docmill wrote with the official one it came
# from, with Python's own XML parser (not docmill's): the document's type
# and name, every eId in order, the meta blocks (but docmill's own
# proprietary block, source="#docmill"), the FRBR identification, the
# classification keywords, the TLC references, the cover page's text, the
# typed spans of the front matter with what they refer to, and the text
# of the body. Prints what differs; exit 1 when anything does.
# Usage: aknfacts.py OFFICIAL.xml DOCMILL.xml
import sys
import xml.etree.ElementTree as ET

SPANS = ("docNumber", "docTitle", "docDate", "session", "docProponent", "docStatus", "docAuthority", "docType")


def local(e):
    return e.tag.split("}")[-1] if isinstance(e.tag, str) else ""


def squeeze(s):
    return " ".join(s.split())


def facts(path):
    root = ET.parse(path).getroot()
    doc = [c for c in root if isinstance(c.tag, str)][0]
    meta = [c for c in doc if local(c) == "meta"][0]
    ident = [c for c in meta if local(c) == "identification"][0]
    cover = [c for c in doc if local(c) == "coverPage"]
    body = [c for c in doc if local(c) == "body"]
    return {
        "document": (local(doc), doc.get("name")),
        "eIds": [e.get("eId") for e in doc.iter() if e.get("eId")],
        "meta blocks": [local(c) for c in meta if not (local(c) == "proprietary" and c.get("source") == "#docmill")],
        "identification": [(local(e), e.get("value") or e.get("date") or e.get("href") or e.get("language"))
                           for e in ident.iter()],
        "keywords": [(k.get("value"), k.get("href")) for k in meta.iter() if local(k) == "keyword"],
        "references": [(local(e), e.get("eId"), e.get("href")) for e in meta.iter() if local(e).startswith("TLC")],
        "cover page": squeeze("".join(cover[0].itertext())) if cover else None,
        "spans": [(local(e), e.get("refersTo")) for e in doc.iter() if local(e) in SPANS],
        "body text": squeeze("".join(body[0].itertext())) if body else None,
    }


def main():
    want, got = facts(sys.argv[1]), facts(sys.argv[2])
    bad = [k for k in want if want[k] != got[k]]
    for k in bad:
        print("%s differs: %.300s | %.300s" % (k, want[k], got[k]))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
