#!/usr/bin/env python3
"""Writes N synthetic but plausible dossiers (and avenants) for tests and the benchmark.

  python3 bench/gen_synthetic.py N OUTDIR

Each dossier derives from a bundled sample with another name, SIRET, size
class (the four ACI sizes in turn: communes' populations rescaled, totals kept
exact), a varied set of missions and volets, and shifted dates. Every fifth
dossier gets an avenant (OUTDIR/avenants/<name>/001.json). Deterministic.
"""
import json, pathlib, sys

root = pathlib.Path(__file__).resolve().parents[1]
n, out = int(sys.argv[1]), pathlib.Path(sys.argv[2])
bases = [json.loads((root / "samples" / f).read_text()) for f in ("sud-manche.json", "vallee-du-loir.json")]
sizes = [31500, 60200, 105452, 212000]

def luhn(prefix13):
    for d in range(10):
        s = prefix13 + str(d)
        tot = 0
        for i, ch in enumerate(s):
            v = int(ch) * (2 if i % 2 == 0 else 1)
            tot += v - 9 if v > 9 else v
        if tot % 10 == 0:
            return s

(out / "dossiers").mkdir(parents=True, exist_ok=True)
for i in range(n):
    d = json.loads(json.dumps(bases[i % 2]))
    name = f"cpts-synthetique-{i + 1:04d}"
    d["cpts"]["nom"] = f"CPTS synthétique n° {i + 1}"
    d["cpts"]["siret"] = luhn(f"8{i:08d}0001")
    pop = sizes[i % 4] + (i * 37) % 900
    communes = d["territoire"]["communes"]
    total = sum(c["population"] for c in communes)
    for c in communes:
        c["population"] = c["population"] * pop // total
    communes[0]["population"] += pop - sum(c["population"] for c in communes)
    d["territoire"]["population"] = pop
    d["territoire"].pop("intercommunalites", None)
    c = d["contrat"]
    c.pop("fonctionnement", None)
    for m in c["missions"]:
        m.pop("montants", None)
    optional = [m for m in c["missions"] if m["id"] in ("qualite", "accompagnement")]
    if i % 3 == 0:
        c["missions"] = [m for m in c["missions"] if m not in optional]
    if i % 2 == 0:
        for m in c["missions"]:
            if m["id"] == "acces":
                m["volets"] = ["mt", "snp"] if i % 4 == 0 else ["mt"]
    kept = {m["id"] for m in c["missions"]}
    c["indicateurs"] = [x for x in c["indicateurs"] if x["mission"] in kept]
    (out / "dossiers" / f"{name}.json").write_text(json.dumps(d, ensure_ascii=False, indent=1) + "\n")
    if i % 5 == 0:
        av = out / "avenants" / name
        av.mkdir(parents=True, exist_ok=True)
        (av / "001.json").write_text(json.dumps({
            "numero": 1, "date_signature": "2027-09-01", "date_effet": "2027-09-15",
            "objet": "Réunion de suivi supplémentaire",
            "modifications": [{"op": "add", "path": "/contrat/reunions/-",
                               "value": {"date": "2027-10-15", "objet": "Comité de pilotage d’automne"}}]},
            ensure_ascii=False, indent=1) + "\n")
