#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Lists C functions longer than a limit (default 120 lines, the house
ceiling), counted from the line of the opening brace to the closing one.
A function starts where a '{' opens at file level after a ')' (so struct,
enum and initializer braces are not functions). Comments, strings and
character literals are blanked first so their braces do not count.

usage: scripts/long-functions.py [--max N] [DIR_OR_FILE...]
Exit status 1 when a function is over the limit, 0 otherwise."""
import os
import re
import sys


def blank(src):
    """Comments, strings and char literals replaced by spaces (newlines kept)."""
    pat = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)
    return pat.sub(lambda m: re.sub(r'[^\n]', ' ', m.group(0)), src)


def functions(path):
    src = blank(open(path, encoding='utf-8', errors='replace').read())
    # preprocessor lines may hold unbalanced braces in macros: drop them
    src = re.sub(r'^[ \t]*#(?:[^\n]*\\\n)*[^\n]*', lambda m: re.sub(r'[^\n]', ' ', m.group(0)), src, flags=re.M)
    depth, start, name = 0, None, None
    for i, c in enumerate(src):
        if c == '{':
            if depth == 0:
                head = src[max(0, i - 400):i].rstrip()
                if head.endswith(')'):
                    m = re.findall(r'([A-Za-z_]\w*)\s*\(', head)
                    name = m[0] if m else '?'
                    # the name is the last identifier before the parameter list
                    k = head.rfind('(')
                    depth_p = 0
                    for j in range(len(head) - 1, -1, -1):
                        if head[j] == ')':
                            depth_p += 1
                        elif head[j] == '(':
                            depth_p -= 1
                            if depth_p == 0:
                                k = j
                                break
                    mm = re.search(r'([A-Za-z_]\w*)\s*$', head[:k])
                    name = mm.group(1) if mm else name
                    start = src.count('\n', 0, i) + 1
                else:
                    start = None
            depth += 1
        elif c == '}':
            depth -= 1
            if depth == 0 and start is not None:
                end = src.count('\n', 0, i) + 1
                yield name, start, end
                start = None


def main(argv):
    limit = 120
    if argv[:1] == ['--max']:
        limit = int(argv[1])
        argv = argv[2:]
    roots = argv or ['.']
    over = []
    for root in roots:
        paths = [root] if os.path.isfile(root) else [
            os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f.endswith(('.c', '.h'))]
        for p in sorted(paths):
            for name, a, b in functions(p):
                if b - a + 1 > limit:
                    over.append((b - a + 1, p, a, name))
    for n, p, a, name in sorted(over, reverse=True):
        print(f'{p}:{a}: {name}: {n} lines')
    return 1 if over else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
