#!/usr/bin/env python3
"""Checks that a tagged PDF's structure tree gives back the page text in reading order.

The structure text is read with poppler (`pdfinfo -struct-text`), the page text with
`pdftotext -raw` (the order of the page content, which is the layout's reading order).
From the page text, the artifacts are taken out: the running header and the footer
(the last two lines of each page, the footer being « Page X / Y »), the table of
contents' dot leaders, and the header rows of a table repeated at the top of a page
(found as a row of TH cells of the structure). What remains must equal the structure
text, whitespace aside. Also checked: the tree has the elements a document of Trame
has (headings, paragraphs; and table cells, TOC lines, list items where the page has
them), and a TH carries a /Scope.

Usage: struct_text_check.py FILE.pdf...   prints one line a problem; exit status 1 if any.
"""
import re
import sys

from pdf_tools import main, run


def parse_struct(text):
    """The structure text as a tree: (type, [children]) with strings as leaves."""
    root = ("#root", [])
    stack = [(-1, root)]
    for line in text.splitlines():
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip(" "))
        body = line.strip()
        while stack and stack[-1][0] >= indent:
            stack.pop()
        parent = stack[-1][1]
        if body.startswith('"') and body.endswith('"') and len(body) >= 2:
            parent[1].append(body[1:-1])
            continue
        if body.startswith("/"):  # an attribute of the element above ("/Scope /Column")
            parent_node = stack[-1][1]
            parent_node[1].append(("@" + body, []))
            continue
        node = (body.split(" ")[0].rstrip(":"), [])
        parent[1].append(node)
        stack.append((indent, node))
    return root


def strings(node):
    for kid in node[1]:
        if isinstance(kid, str):
            yield kid
        else:
            yield from strings(kid)


def elements(node):
    for kid in node[1]:
        if not isinstance(kid, str):
            yield kid
            yield from elements(kid)


def squeeze(s):
    return re.sub(r"\s+", "", s)


def check(path):
    problems = []
    tree = parse_struct(run(["pdfinfo", "-struct-text", path]).decode("utf-8"))
    types = [e[0] for e in elements(tree)]
    if not types or types[0] != "Document":
        problems.append(f"{path}: pas d’élément Document à la racine de la structure")
    if not any(re.fullmatch(r"H[1-6]", t) for t in types):
        problems.append(f"{path}: aucun titre (H1…H6) dans la structure")
    if "P" not in types:
        problems.append(f"{path}: aucun paragraphe (P) dans la structure")
    header_rows = set()
    for e in elements(tree):
        if e[0] == "TR":
            cells = [k for k in e[1] if not isinstance(k, str) and not k[0].startswith("@")]
            if cells and all(c[0] == "TH" for c in cells):
                header_rows.add(squeeze("".join(strings(e))))
    header_rows.discard("")
    struct = squeeze("".join(strings(tree)))

    pages = run(["pdftotext", "-raw", path, "-"]).decode("utf-8").split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    kept = []
    for n, page in enumerate(pages, 1):
        lines = [l for l in page.split("\n") if l.strip()]
        if len(lines) < 2 or not re.fullmatch(rf"Page {n} / {len(pages)}", lines[-1].strip()):
            problems.append(f"{path}: page {n} : pied de page « Page {n} / {len(pages)} » absent en fin de page")
            continue
        body = "\n".join(lines[:-2])  # without the running header and the footer
        body = re.sub(r"(?:\. ){2,}\.?", " ", body)  # dot leaders of the table of contents
        kept.append(body)
    page = squeeze("\n".join(kept))
    if "Table" in types and ("TD" not in types and "TH" not in types):
        problems.append(f"{path}: tableau sans cellule dans la structure")
    for e in elements(tree):
        if e[0] == "TH" and not any(not isinstance(k, str) and k[0].startswith("@/Scope") for k in e[1]):
            problems.append(f"{path}: cellule d’en-tête (TH) sans /Scope")
            break

    # Where a header row stands in the page text (the longest row at a place).
    starts = {}
    for r in sorted(header_rows, key=len):
        k = page.find(r)
        while k >= 0:
            starts[k] = r
            k = page.find(r, k + 1)
    positions = sorted(starts)
    i = j = 0
    p = 0  # index in positions
    while True:
        while p < len(positions) and positions[p] < i:
            p += 1
        k = positions[p] if p < len(positions) else len(page)
        seg = page[i:k]
        if not struct.startswith(seg, j):
            m = next((n for n in range(len(seg)) if j + n >= len(struct) or seg[n] != struct[j + n]), len(seg))
            i, j = i + m, j + m
            problems.append(f"{path}: le texte de la structure diffère de celui des pages au caractère {j} : "
                            f"structure « …{struct[max(0, j - 40):j + 40]}… », page « …{page[max(0, i - 40):i + 40]}… »")
            return problems
        i, j = k, j + len(seg)
        if k == len(page):
            break
        row = starts[k]
        if struct.startswith(row, j):
            j += len(row)  # the row itself, in the structure
        i += len(row)      # else a header row repeated on a new page: an artifact
    if j < len(struct):
        problems.append(f"{path}: la structure a du texte absent des pages : « {struct[j:j + 80]} »")
    return problems


if __name__ == "__main__":
    sys.exit(main(sys.argv, check, __doc__))
