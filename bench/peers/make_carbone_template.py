#!/usr/bin/env python3
"""Turns the contract ODT Trame wrote into a Carbone template and its data, so
that Carbone produces the same contract document (issue 5 d).

Every table with at least MIN_ROWS body rows (the communes, the funding lines,
the payment schedule...) becomes a Carbone loop: its body rows are replaced by
two rows of tags ({d.tN[i].cK} and {d.tN[i+1].cK}, Carbone's repetition
syntax), a trailing "Total" row is kept as it is, and the rows' cell texts go
to the data. The CPTS name becomes {d.cpts}. Everything else (the articles,
headings, styles, header and footer) is the contract's own text, so Carbone's
output reads like Trame's, page for page.

Usage: make_carbone_template.py TRAME.odt CPTS_NAME OUT_TEMPLATE.odt OUT_DATA.json
"""
import html
import json
import re
import sys
import zipfile

MIN_ROWS = 5

src, cpts, out_odt, out_json = sys.argv[1:5]
with zipfile.ZipFile(src) as z:
    parts = {i.filename: (i, z.read(i.filename)) for i in z.infolist()}
content = parts["content.xml"][1].decode("utf-8")

ROW = re.compile(r"<table:table-row\b.*?</table:table-row>", re.S)
CELL = re.compile(r"<table:table-cell\b[^>]*?(?:/>|>.*?</table:table-cell>)", re.S)


def cell_text(cell):
    # One line per paragraph, tags removed, entities decoded: the text Carbone will print.
    paras = re.findall(r"<text:p\b[^>]*?(?:/>|>(.*?)</text:p>)", cell, re.S)
    return "\n".join(html.unescape(re.sub(r"<[^>]+>", "", p)) for p in paras)


def tag_cell(cell, tag):
    # The cell with its first paragraph's style, holding only the tag.
    open_cell = re.match(r"<table:table-cell\b[^>]*?>", cell).group(0)
    style = re.search(r'<text:p\b[^>]*?text:style-name="([^"]+)"', cell)
    style_attr = f' text:style-name="{style.group(1)}"' if style else ""
    return f"{open_cell}<text:p{style_attr}>{tag}</text:p></table:table-cell>"


data = {"cpts": cpts}
out = []
pos = 0
n = 0
for m in re.finditer(r"<table:table\b[^>]*>.*?</table:table>", content, re.S):
    table = m.group(0)
    head_end = table.find("</table:table-header-rows>")
    body_start = head_end + len("</table:table-header-rows>") if head_end >= 0 else table.find("<table:table-row")
    rows = list(ROW.finditer(table, body_start))
    tail = []
    if rows and cell_text(CELL.findall(rows[-1].group(0))[0]).startswith("Total"):
        tail = [rows.pop()]
    if len(rows) < MIN_ROWS:
        continue
    n += 1
    key = f"t{n}"
    data[key] = []
    for r in rows:
        cells = CELL.findall(r.group(0))
        data[key].append({f"c{k}": cell_text(c) for k, c in enumerate(cells)})
    first = rows[0].group(0)
    open_row = re.match(r"<table:table-row\b[^>]*>", first).group(0)
    cells = CELL.findall(first)

    def loop_row(index):
        return open_row + "".join(tag_cell(c, f"{{d.{key}[{index}].c{k}}}") for k, c in enumerate(cells)) + "</table:table-row>"

    new_table = table[: rows[0].start()] + loop_row("i") + loop_row("i+1") + table[rows[-1].end():]
    out.append(content[pos: m.start()])
    out.append(new_table)
    pos = m.end()
out.append(content[pos:])
content = "".join(out).replace(html.escape(cpts, quote=False), "{d.cpts}")

with zipfile.ZipFile(out_odt, "w") as z:
    for name, (info, raw) in parts.items():
        body = content.encode("utf-8") if name == "content.xml" else raw
        z.writestr(info, body, compress_type=zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED)
with open(out_json, "w", encoding="utf-8") as f:
    json.dump(data, f, ensure_ascii=False)
print(f"{n} tables turned into loops, {sum(len(v) for k, v in data.items() if k != 'cpts')} rows of data")
