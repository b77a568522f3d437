#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Makes variants of a DOCX docmill wrote, to test how its reader treats
# docmill's custom XML part (customXml/item1.xml):
#   edit IN OUT OLD NEW   replaces OLD by NEW in word/document.xml, as an
#                         editor would: the part's digests no longer match
#   tree IN OUT XML       replaces the part's dm:document by XML, with the
#                         digests left matching (FNV-1a 64 of each part,
#                         computed here as the writer does), so that the
#                         reader does try the tree
#   keywords AKN          prints how many keyword elements AKN's meta has
import re
import sys
import xml.etree.ElementTree as ET
import zipfile

PART = "customXml/item1.xml"


def fnv(data):
    h = 14695981039346656037
    for b in data:
        h = ((h ^ b) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return "%016x-%d" % (h, len(data))


def rewrite(src, dst, change):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        parts = {i.filename: zin.read(i.filename) for i in zin.infolist()}
        change(parts)
        for name, data in parts.items():
            zout.writestr(name, data)


def main():
    mode = sys.argv[1]
    if mode == "keywords":
        print(sum(1 for e in ET.parse(sys.argv[2]).iter() if e.tag.split("}")[-1] == "keyword"))
        return 0
    src, dst = sys.argv[2], sys.argv[3]
    if mode == "edit":
        def change(parts):
            doc = parts["word/document.xml"].decode()
            if sys.argv[4] not in doc:
                sys.exit("custompart.py: %r not in document.xml" % sys.argv[4])
            parts["word/document.xml"] = doc.replace(sys.argv[4], sys.argv[5], 1).encode()
    else:
        def change(parts):
            item = parts[PART].decode()
            # the root keeps its digests, which are checked against the parts
            assert fnv(parts["word/document.xml"]) in item
            item = re.sub(r"<dm:document>.*</dm:document>", lambda m: sys.argv[4], item, flags=re.S)
            parts[PART] = item.encode()
    rewrite(src, dst, change)
    return 0


if __name__ == "__main__":
    sys.exit(main())
