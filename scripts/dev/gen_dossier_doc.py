#!/usr/bin/env python3
"""Prints the field table of docs/guide/dossier.md from models/dossier.schema.json."""
import json, pathlib
root = pathlib.Path(__file__).resolve().parents[2]
schema = json.loads((root / "models/dossier.schema.json").read_text())
defs = schema["definitions"]

def deref(s):
    while "$ref" in s and "allOf" not in s:
        s = defs[s["$ref"].split("/")[-1]]
    if "allOf" in s:
        merged = {k: v for k, v in s.items() if k != "allOf"}
        for part in s["allOf"]:
            p = deref(part)
            for k, v in p.items():
                if k == "required":
                    merged.setdefault("required", []).extend(v)
                else:
                    merged.setdefault(k, v)
        return merged
    return s

def typ(s):
    s = deref(s)
    t = s.get("type", "")
    if isinstance(t, list):
        t = " ou ".join("nombre" if x == "number" else x for x in t)
        return t
    if "enum" in s:
        return "choix : " + ", ".join(f"`{v}`" for v in s["enum"])
    return {"string": "texte", "integer": "entier", "number": "nombre", "boolean": "oui/non (true/false)",
            "array": "liste", "object": "objet"}.get(t, t)

rows = []
def walk(s, path, required):
    s = deref(s)
    desc = s.get("title", "")
    if s.get("description"):
        desc += " — " + s["description"]
    if path:
        rows.append((path, typ(s), "oui" if required else "non", desc))
    if s.get("type") == "object":
        req = s.get("required", [])
        for k, v in s.get("properties", {}).items():
            if k == "$schema":
                continue
            walk(v, f"{path}.{k}" if path else k, k in req)
    elif s.get("type") == "array":
        walk(s["items"], path + "[]", True)

walk(schema, "", True)
print("| champ | type | obligatoire | description |")
print("|---|---|---|---|")
for r in rows:
    print("| `" + r[0] + "` | " + r[1] + " | " + r[2] + " | " + r[3].replace("|", "\\|") + " |")
