"""PDF/UA-1 clauses on images and form fields (ISO 14289-1 §7.3, §7.18), for
pdfa_check.py, on a file read by its Pdf class (qpdf --json, streams decoded):

  figures   every image XObject drawn outside an artifact is in marked content (an MCID)
            whose parent tree entry is a /Figure element; every Figure element has a
            non-empty /Alt and a Layout attribute /BBox of four numbers
  forms     every widget annotation has a /StructParent whose parent tree entry is a
            /Form element with an /OBJR to that annotation, and its field (the widget
            or a /Parent of it) a non-empty /TU
"""
import re

DELIMITERS = b"()<>[]{}/%"
SPACES = b" \t\r\n\f\x00"


def operations(data):
    """The (operator, operands) of a content stream (§7.8.2); an operand is a name
    ("/Im1"), a dictionary's bytes ("<<…>>") or None (a string, number or bracket)."""
    i, n, operands = 0, len(data), []
    while i < n:
        c = data[i]
        if c in SPACES:
            i += 1
        elif c == 0x25:  # % comment
            while i < n and data[i] not in b"\r\n":
                i += 1
        elif c == 0x28:  # (literal string), nested parentheses and escapes; glyph ids are any bytes
            depth = 0
            while i < n:
                if data[i] == 0x5C:
                    i += 2
                    continue
                depth += {0x28: 1, 0x29: -1}.get(data[i], 0)
                i += 1
                if depth == 0:
                    break
            operands.append(None)
        elif data.startswith(b"<<", i):
            j, depth = i, 0
            while j < n:
                if data.startswith(b"<<", j):
                    depth, j = depth + 1, j + 2
                elif data.startswith(b">>", j):
                    depth, j = depth - 1, j + 2
                    if depth == 0:
                        break
                else:
                    j += 1
            operands.append(data[i:j])
            i = j
        elif c == 0x3C:  # <hex string>
            i = data.find(b">", i) + 1 or n
            operands.append(None)
        elif c in b"[]{}":
            i += 1
        else:
            j = i + 1
            while j < n and data[j] not in SPACES and data[j] not in DELIMITERS:
                j += 1
            token = data[i:j].decode("latin-1")
            i = j
            if c == 0x2F:  # /name
                operands.append(token)
            elif re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)", token) or token in ("true", "false", "null"):
                operands.append(None)
            else:
                yield token, operands
                operands = []


def parent_tree(pdf, root):
    """The parent tree's number tree (§7.9.7) as {key: value}, /Kids followed."""
    out = {}

    def walk(node):
        d = pdf.dict_of(node)
        nums = pdf.obj(d.get("/Nums")) or []
        for k in range(0, len(nums) - 1, 2):
            out[nums[k]] = nums[k + 1]
        for kid in pdf.obj(d.get("/Kids")) or []:
            walk(kid)
    if root.get("/ParentTree"):
        walk(root["/ParentTree"])
    return out


def pages(pdf, catalog):
    """The page dictionaries in order, each with its inherited /Resources."""
    out = []

    def walk(ref, resources):
        d = pdf.dict_of(ref)
        resources = d.get("/Resources", resources)
        if d.get("/Type") == "/Pages":
            for kid in pdf.obj(d.get("/Kids")) or []:
                walk(kid, resources)
        else:
            out.append((d, pdf.dict_of(resources)))
    walk(catalog.get("/Pages"), None)
    return out


def bbox(pdf, element):
    attributes = pdf.obj(element.get("/A"))
    for a in attributes if isinstance(attributes, list) else [attributes]:
        b = pdf.obj(pdf.dict_of(a).get("/BBox"))
        if isinstance(b, list) and len(b) == 4 and all(isinstance(v, (int, float)) for v in b) and b[2] > b[0] \
                and b[3] > b[1]:
            return b
    return None


def check_figures_and_forms(pdf, text):
    """(clause, message) for each problem; text() reads a PDF string of qpdf's JSON."""
    catalog = pdf.dict_of(pdf.trailer.get("/Root"))
    root = pdf.dict_of(catalog.get("/StructTreeRoot"))
    tree = parent_tree(pdf, root)

    for key, o in pdf.objects.items():
        e = o.get("value") if isinstance(o, dict) else None
        if isinstance(e, dict) and e.get("/Type") == "/StructElem" and e.get("/S") == "/Figure":
            key = key.replace("obj:", "")
            if not (text(e.get("/Alt")) or "").strip():
                yield "figures", f"élément Figure {key} sans texte de remplacement /Alt"
            if not bbox(pdf, e):
                yield "figures", f"élément Figure {key} sans attribut /BBox"

    for n, (page, resources) in enumerate(pages(pdf, catalog), 1):
        xobjects = pdf.dict_of(resources.get("/XObject"))
        contents = pdf.obj(page.get("/Contents"))
        data = b"".join(pdf.stream_data(c) or b"" for c in (contents if isinstance(contents, list) else [page.get("/Contents")]))
        mcids = pdf.obj(tree.get(page.get("/StructParents"))) or []
        stack = []  # (tag, MCID or None) of the marked content open
        for op, args in operations(data):
            if op in ("BDC", "BMC") and args and isinstance(args[0], str):
                props = args[1] if len(args) > 1 and isinstance(args[1], bytes) else b""
                mcid = re.search(rb"/MCID\s+(\d+)", props)
                stack.append((args[0][1:], int(mcid.group(1)) if mcid else None))
            elif op == "EMC":
                if stack:
                    stack.pop()
            elif op == "Do" and args and isinstance(args[-1], str):
                name = args[-1]
                if pdf.dict_of(xobjects.get(name)).get("/Subtype") != "/Image":
                    continue
                if any(tag == "Artifact" for tag, _ in stack):
                    continue
                mcid = next((m_ for _, m_ in reversed(stack) if m_ is not None), None)
                if mcid is None or mcid >= len(mcids):
                    yield "figures", f"page {n} : image {name} hors de tout contenu marqué (ni Figure ni artefact)"
                    continue
                element = pdf.dict_of(mcids[mcid])
                if element.get("/S") != "/Figure":
                    yield "figures", f"page {n} : image {name} dans un élément {element.get('/S')} au lieu de Figure"

        for ref in pdf.obj(page.get("/Annots")) or []:
            a = pdf.dict_of(ref)
            if a.get("/Subtype") != "/Widget":
                continue
            name = text(a.get("/T")) or ref
            field, tooltip = a, None
            for _ in range(10):  # the field: the widget itself or one of its parents
                tooltip = tooltip or text(field.get("/TU"))
                if "/Parent" not in field:
                    break
                field = pdf.dict_of(field["/Parent"])
            if not (tooltip or "").strip():
                yield "forms", f"page {n} : champ « {name} » sans info-bulle /TU"
            key = a.get("/StructParent")
            element = pdf.dict_of(tree.get(key)) if isinstance(key, int) else {}
            if element.get("/S") != "/Form":
                where = f"/StructParent {key}" if isinstance(key, int) else "sans /StructParent"
                yield "forms", f"page {n} : widget « {name} » hors d’un élément Form ({where})"
                continue
            kids = pdf.obj(element.get("/K"))
            kids = kids if isinstance(kids, list) else [kids]
            if not any(pdf.dict_of(k).get("/Type") == "/OBJR" and pdf.dict_of(k).get("/Obj") == ref for k in kids):
                yield "forms", f"page {n} : l’élément Form du widget « {name} » n’a pas d’/OBJR vers lui"
