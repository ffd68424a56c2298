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

# A marked-content operator with its tag and properties, an end, or an XObject drawn.
# (Trame's properties are one flat dictionary; its text is in hex strings, free of these.)
TOKENS = re.compile(rb"/([A-Za-z0-9_.]+)\s*(<<[^>]*>>)?\s*(BDC|BMC)\b|\b(EMC)\b|/([A-Za-z0-9_.]+)\s+Do\b")


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
        for m in TOKENS.finditer(data):
            if m.group(3):
                mcid = re.search(rb"/MCID\s+(\d+)", m.group(2) or b"")
                stack.append((m.group(1).decode(), int(mcid.group(1)) if mcid else None))
            elif m.group(4):
                if stack:
                    stack.pop()
            else:
                name = "/" + m.group(5).decode()
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
