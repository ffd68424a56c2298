#!/usr/bin/env python3
"""A PDF/A-2 (ISO 19005-2) and PDF/UA-1 (ISO 14289-1) checker of the clauses Trame's
files must meet, for want of a validator packaged by Debian. It reads the file as
qpdf parses it (`qpdf --json`, streams decoded) and reports every clause broken:

  header    %PDF-1.x (x <= 7) and a comment of bytes above 127 on the second line
  encrypt   no /Encrypt in the trailer                              (6.1.3)
  id        a trailer /ID of two strings                            (6.1.3)
  xmp       catalog /Metadata: a /Type/Metadata /Subtype/XML stream, not filtered,
            a well-formed xpacket with pdfaid:part 2 and pdfaid:conformance A, B or U
                                                                    (6.6.2, 6.6.4)
  info      Title, Author, Subject, Keywords, Creator, Producer, CreationDate,
            ModDate of the information dictionary equal to their XMP properties (6.6.3)
  extension a property outside the predefined schemas (pdfuaid) is described
            by a pdfaExtension schema                               (6.6.2.3)
  intent    an /OutputIntents entry /S/GTS_PDFA1 whose /DestOutputProfile is an
            RGB ICC profile (/N 3, 'acsp' signature)                 (6.2.3)
  fonts     every font embedded (FontFile, FontFile2 or FontFile3) with a /ToUnicode
            map (conformance A and U)                               (6.2.11.4, 6.2.11.7)
  actions   no JavaScript, no Launch, Sound, Movie, ResetForm, ImportData, Hide,
            SetOCGState, Rendition, Trans, GoTo3DView action; no /AA (6.5)
  annots    every annotation printed (/F has Print, not Hidden, Invisible, NoView),
            of a permitted subtype                                  (6.3.1, 6.3.2)
  transparency  no soft mask, blend mode, constant alpha below 1 or transparency group
            (Trame draws nothing transparent)
  forbidden no LZW filter, no embedded files, no optional-content alternates,
            no PostScript XObject, no /Interpolate true             (6.1.7, 6.2.9, 6.8)
  tagged    conformance A: /MarkInfo /Marked true, /StructTreeRoot with a
            /ParentTree, /Lang; PDF/UA: pdfuaid:part 1, /DisplayDocTitle true and a
            dc:title, every page with annotations has /Tabs /S, every link annotation
            has /Contents and /StructParent                          (6.7; ISO 14289-1 7.1, 7.18)
  figures   every image XObject drawn outside an artifact is marked content (MCID)
            of a /Figure element with a non-empty /Alt and a Layout /BBox; every
            Figure element has both                  (ISO 14289-1 7.3; ISO 32000-1 14.8.5.4)
  forms     every widget annotation has a /StructParent whose parent tree entry is a
            /Form element with an /OBJR back to it, and its field a /TU  (ISO 14289-1 7.18.1, 7.18.4)

Usage: pdfa_check.py FILE.pdf...   prints one line a problem; exit status 1 if any.
"""
import base64
import json
import re
import sys
import xml.etree.ElementTree as ET

from pdf_tools import main, run
from ua_check import check_figures_and_forms

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FORBIDDEN_ACTIONS = {"/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData", "/JavaScript", "/Hide",
                     "/SetOCGState", "/Rendition", "/Trans", "/GoTo3DView"}
FORBIDDEN_ANNOTS = {"/Sound", "/Movie", "/Screen", "/3D", "/RichMedia", "/FileAttachment"}


def load(path):
    out = run(["qpdf", "--json=2", "--json-stream-data=inline", "--decode-level=generalized", path],
              ok_codes=(0, 3), quiet=False)
    return json.loads(out)["qpdf"][1]


class Pdf:
    def __init__(self, path):
        self.path = path
        self.objects = load(path)
        self.trailer = self.objects["trailer"]["value"]

    def obj(self, ref):
        """The value of `ref` ("12 0 R") or the direct value itself; streams as {'dict', 'data'}."""
        if isinstance(ref, str) and re.fullmatch(r"\d+ \d+ R", ref):
            o = self.objects.get("obj:" + ref)
            if o is None:
                return None
            if "stream" in o:
                return o["stream"]
            return o.get("value")
        return ref

    def dict_of(self, ref):
        v = self.obj(ref)
        if isinstance(v, dict) and "dict" in v and ("data" in v or "datafile" in v):
            return v["dict"]
        return v if isinstance(v, dict) else {}

    def stream_data(self, ref):
        v = self.obj(ref)
        if isinstance(v, dict) and "data" in v:
            return base64.b64decode(v["data"])
        return None

    def all_values(self):
        """Every dictionary of the file (streams' dictionaries included), recursively."""
        def walk(v):
            if isinstance(v, dict):
                yield v
                for x in v.values():
                    yield from walk(x)
            elif isinstance(v, list):
                for x in v:
                    yield from walk(x)
        for key, o in self.objects.items():
            if key == "trailer":
                continue
            if "stream" in o:
                yield from walk(o["stream"]["dict"])
            else:
                yield from walk(o.get("value"))


def text(v):
    """A PDF string as qpdf writes it in JSON v2: "u:text" or "b:hex"."""
    if not isinstance(v, str):
        return None
    if v.startswith("u:"):
        return v[2:]
    if v.startswith("b:"):
        raw = bytes.fromhex(v[2:])
        if raw.startswith(b"\xfe\xff"):
            return raw[2:].decode("utf-16-be")
        return raw.decode("latin-1")
    return v


def pdf_date_to_xmp(d):
    """D:20250303000000Z -> 2025-03-03T00:00:00Z (the forms Trame writes; others as given)."""
    m = re.fullmatch(r"D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z", d or "")
    if not m:
        return d
    y, mo, da, h, mi, s = m.groups()
    return f"{y}-{mo}-{da}T{h}:{mi}:{s}Z"


def check(path):
    problems = []

    def bad(clause, message):
        problems.append(f"{path}: [{clause}] {message}")

    with open(path, "rb") as f:
        head = f.read(64)
    lines = head.split(b"\n")
    if not re.fullmatch(rb"%PDF-1\.[0-7]", lines[0].rstrip(b"\r")):
        bad("header", f"en-tête {lines[0][:10]!r}")
    if len(lines) < 2 or not lines[1].startswith(b"%") or sum(1 for c in lines[1][1:5] if c > 127) < 4:
        bad("header", "pas de commentaire binaire en deuxième ligne")

    pdf = Pdf(path)
    trailer = pdf.trailer
    if "/Encrypt" in trailer:
        bad("encrypt", "fichier chiffré")
    ident = trailer.get("/ID")
    if not (isinstance(ident, list) and len(ident) == 2 and all(isinstance(x, str) for x in ident)):
        bad("id", "pas d’identifiant /ID dans le trailer")
    catalog = pdf.dict_of(trailer.get("/Root"))
    info = pdf.dict_of(trailer.get("/Info")) if "/Info" in trailer else {}

    # XMP metadata
    xmp_ref = catalog.get("/Metadata")
    root = None
    if not xmp_ref:
        bad("xmp", "pas de /Metadata dans le catalogue")
    else:
        md = pdf.dict_of(xmp_ref)
        if md.get("/Type") != "/Metadata" or md.get("/Subtype") != "/XML":
            bad("xmp", "le flux /Metadata n’est pas /Type/Metadata /Subtype/XML")
        if "/Filter" in md:
            bad("xmp", "le flux /Metadata est compressé (/Filter)")
        data = pdf.stream_data(xmp_ref) or b""
        if not data.startswith(b"<?xpacket begin=") or b"<?xpacket end=" not in data:
            bad("xmp", "pas d’enveloppe xpacket")
        try:
            root = ET.fromstring(data)
        except ET.ParseError as e:
            bad("xmp", f"XMP mal formé : {e}")
    props = {}
    if root is not None:
        def first(path_):
            e = root.find(".//" + path_, NS)
            return e
        for name in ("pdfaid:part", "pdfaid:conformance", "pdfuaid:part", "xmp:CreatorTool", "xmp:CreateDate",
                     "xmp:ModifyDate", "pdf:Producer", "pdf:Keywords"):
            e = first(name)
            if e is not None:
                props[name] = (e.text or "").strip()
        for name in ("dc:title", "dc:description"):
            e = first(name + "/rdf:Alt/rdf:li")
            if e is not None:
                if e.get(XML_LANG) != "x-default":
                    bad("xmp", f"{name} sans entrée x-default")
                props[name] = e.text or ""
        creators = root.findall(".//dc:creator/rdf:Seq/rdf:li", NS)
        if creators:
            props["dc:creator"] = creators[0].text or ""
            if len(creators) != 1:
                bad("info", "dc:creator a plusieurs entrées alors que /Author est une seule chaîne")
        if props.get("pdfaid:part") != "2":
            bad("xmp", f"pdfaid:part vaut {props.get('pdfaid:part')!r} au lieu de 2")
        if props.get("pdfaid:conformance") not in ("A", "B", "U"):
            bad("xmp", f"pdfaid:conformance vaut {props.get('pdfaid:conformance')!r}")
        if "pdfuaid:part" in props:
            prefixes = [(e.text or "").strip() for e in root.findall(".//pdfaSchema:prefix", NS)]
            if "pdfuaid" not in prefixes:
                bad("extension", "pdfuaid utilisé sans schéma d’extension pdfaExtension")

        # Information dictionary and XMP agree
        pairs = [("/Title", "dc:title", text), ("/Author", "dc:creator", text), ("/Subject", "dc:description", text),
                 ("/Keywords", "pdf:Keywords", text), ("/Creator", "xmp:CreatorTool", text),
                 ("/Producer", "pdf:Producer", text),
                 ("/CreationDate", "xmp:CreateDate", lambda v: pdf_date_to_xmp(text(v))),
                 ("/ModDate", "xmp:ModifyDate", lambda v: pdf_date_to_xmp(text(v)))]
        for key, prop, conv in pairs:
            if key in info:
                if prop not in props:
                    bad("info", f"{key} sans {prop} dans le XMP")
                elif conv(info[key]) != props[prop]:
                    bad("info", f"{key} = {conv(info[key])!r} mais {prop} = {props[prop]!r}")
            elif prop in props and key not in ("/Title",):
                bad("info", f"{prop} dans le XMP sans {key} dans /Info")

    # Output intent
    intents = catalog.get("/OutputIntents")
    intents = pdf.obj(intents) if intents else None
    profiles = []
    for it in intents or []:
        d = pdf.dict_of(it)
        if d.get("/S") == "/GTS_PDFA1" and "/DestOutputProfile" in d:
            profiles.append(d["/DestOutputProfile"])
    if not profiles:
        bad("intent", "pas d’OutputIntent /GTS_PDFA1 avec /DestOutputProfile")
    for p in profiles:
        icc = pdf.stream_data(p) or b""
        if pdf.dict_of(p).get("/N") != 3 or icc[36:40] != b"acsp" or icc[16:20] != b"RGB ":
            bad("intent", "le profil de l’OutputIntent n’est pas un profil ICC RVB")
    if len(set(profiles)) > 1:
        bad("intent", "plusieurs profils d’OutputIntent différents")

    conformance = props.get("pdfaid:conformance")
    # Fonts, actions, annotations, transparency, forbidden features
    for d in pdf.all_values():
        t = d.get("/Type")
        # A CIDFont is checked through the Type0 font that uses it (which carries /ToUnicode).
        if t == "/Font" and d.get("/Subtype") not in ("/Type3", "/CIDFontType0", "/CIDFontType2"):
            if d.get("/Subtype") == "/Type0":
                desc = pdf.dict_of((pdf.obj(d.get("/DescendantFonts")) or [None])[0])
                fd = pdf.dict_of(desc.get("/FontDescriptor"))
            else:
                fd = pdf.dict_of(d.get("/FontDescriptor"))
            name = d.get("/BaseFont")
            if not any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                bad("fonts", f"police {name} non incorporée")
            if conformance in ("A", "U") and "/ToUnicode" not in d:
                bad("fonts", f"police {name} sans /ToUnicode")
        if "/JS" in d or d.get("/S") in FORBIDDEN_ACTIONS:
            bad("actions", f"action interdite {d.get('/S')}")
        if "/AA" in d:
            bad("actions", "actions additionnelles /AA")
        if t == "/Annot" or ("/Subtype" in d and "/Rect" in d):
            flags = d.get("/F", 0)
            if not isinstance(flags, int) or not flags & 4 or flags & (1 | 2 | 32):
                bad("annots", f"annotation {d.get('/Subtype')} non imprimée (/F {flags})")
            if d.get("/Subtype") in FORBIDDEN_ANNOTS:
                bad("annots", f"annotation interdite {d.get('/Subtype')}")
            # A link is tagged unless the file claims level b, the one that asks for no tags.
            if conformance != "B" and d.get("/Subtype") == "/Link" and (
                    "/Contents" not in d or "/StructParent" not in d):
                bad("tagged", "lien sans /Contents ou /StructParent")
        # An image's /SMask (a PNG's alpha) is transparency meant, which PDF/A-2 allows with an output intent.
        soft_mask = "/SMask" in d and d["/SMask"] != "/None" and d.get("/Subtype") != "/Image"
        if soft_mask or d.get("/BM") not in (None, "/Normal", "/Compatible"):
            bad("transparency", "masque ou mode de fusion de transparence")
        for k in ("/CA", "/ca"):
            if k in d and d[k] != 1:
                bad("transparency", f"opacité {k} {d[k]}")
        g = pdf.dict_of(d.get("/Group")) if "/Group" in d else {}
        if g.get("/S") == "/Transparency":
            bad("transparency", "groupe de transparence")
        if d.get("/Filter") == "/LZWDecode" or (isinstance(d.get("/Filter"), list) and "/LZWDecode" in d["/Filter"]):
            bad("forbidden", "filtre LZW")
        if "/EmbeddedFiles" in d or "/AlternatePresentations" in d or "/Alternates" in d:
            bad("forbidden", "fichiers incorporés ou présentations alternatives")
        if d.get("/Subtype") == "/PS" or d.get("/Interpolate") is True:
            bad("forbidden", "XObject PostScript ou /Interpolate")
    if "/AA" in catalog or "/JavaScript" in str(catalog.get("/Names", "")):
        bad("actions", "JavaScript ou actions dans le catalogue")

    # Tagged PDF (conformance A) and PDF/UA
    if conformance == "A" or "pdfuaid:part" in props:
        mark = pdf.dict_of(catalog.get("/MarkInfo"))
        if mark.get("/Marked") is not True:
            bad("tagged", "pas de /MarkInfo /Marked true")
        st = pdf.dict_of(catalog.get("/StructTreeRoot"))
        if st.get("/Type") != "/StructTreeRoot" or "/ParentTree" not in st:
            bad("tagged", "pas d’arbre de structure avec /ParentTree")
        if not text(catalog.get("/Lang")):
            bad("tagged", "pas de /Lang")
    if "pdfuaid:part" in props:
        if props["pdfuaid:part"] != "1":
            bad("tagged", "pdfuaid:part différent de 1")
        if pdf.dict_of(catalog.get("/ViewerPreferences")).get("/DisplayDocTitle") is not True:
            bad("tagged", "pas de /DisplayDocTitle true")
        if not props.get("dc:title"):
            bad("tagged", "pas de dc:title")
        for key, o in pdf.objects.items():
            v = o.get("value") if isinstance(o, dict) else None
            if isinstance(v, dict) and v.get("/Type") == "/Page":
                if "/StructParents" not in v:
                    bad("tagged", f"page {key} sans /StructParents")
                if v.get("/Annots") and v.get("/Tabs") != "/S":
                    bad("tagged", f"page {key} avec annotations sans /Tabs /S")
    if conformance == "A" or "pdfuaid:part" in props:
        for clause, message in check_figures_and_forms(pdf, text):
            bad(clause, message)
    return problems


if __name__ == "__main__":
    sys.exit(main(sys.argv, check, __doc__))
