#!/usr/bin/env python3
"""Writes the bundled sample dossiers (samples/*.json) from the real figures of
shared/domain.md, kept as data in scripts/dev/samples_data.json (communes,
dossier texts) and scripts/dev/samples_documents.json (contracts, budgets,
statutes, projets de santé); this script only assembles them. Commune names
are real; INSEE codes and per-commune populations are illustrative, scaled so
that totals match the seeds exactly. Run once; the samples/*.json files are
what users read and edit.
"""
import copy, json, pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = {}
for name in ("samples_data.json", "samples_documents.json"):
    DATA.update(json.loads(pathlib.Path(__file__).with_name(name).read_text(encoding="utf-8")))

def data(*keys):
    """A fresh copy of the data at DATA[keys[0]][keys[1]]..., free to change."""
    d = DATA
    for k in keys:
        d = d[k]
    return copy.deepcopy(d)

def scale(weights, total):
    s = sum(weights)
    pops = [int(w * total / s) for w in weights]
    pops[0] += total - sum(pops)
    return pops

GTM = data("communes", "granville_terre_et_mer")
VI = data("communes", "villedieu_intercom")
assert len(GTM) == 33 and len(VI) == 27

def communes(lst, total, fix=None):
    pops = scale([w for _, _, w in lst], total)
    out = []
    for (name, code, _), pop in zip(lst, pops):
        if not code[-1].isdigit():
            code = code[:-1].replace("339", "340")
        out.append({"nom": name, "code_insee": code, "population": pop})
    return out

def luhn_siret(prefix13):
    for d in range(10):
        s = prefix13 + str(d)
        tot = 0
        for i, ch in enumerate(s):
            v = int(ch)
            if i % 2 == 0:
                v *= 2
                if v > 9: v -= 9
            tot += v
        if tot % 10 == 0:
            return s
    raise ValueError

def pro(cat, prenom, nom, lieu, structure, gouv, incertain=False, civ=None):
    p = {"categorie": cat, "prenom": prenom, "nom": nom, "lieu_exercice": lieu, "structure": structure,
         "gouvernance": gouv, "participation_incertaine": incertain}
    if civ: p["civilite"] = civ
    return p

def fill_in(dossier):
    """The computed parts of a dossier's data: the SIRET's Luhn key, the professionals from their rows."""
    dossier["cpts"]["siret"] = luhn_siret(dossier["cpts"]["siret"])
    collectif = dossier["collectif"]
    collectif["professionnels"] = [pro(*row) for row in collectif["professionnels"]]

sud_manche = data("sud_manche")
fill_in(sud_manche)
gtm_pop, vi_pop = (ic["population"] for ic in sud_manche["territoire"]["intercommunalites"])
sud_manche["territoire"]["communes"] = communes(GTM, gtm_pop) + communes(VI, vi_pop)

# Seed 003: a territory of 73 communes, 105 452 inhabitants (taille 3), copied
# from Sud Manche and rewritten where the data says: whole parts, or the listed
# entries of collectif and diagnostic. The Sud Manche texts name Granville, the
# littoral and the SAS de la Manche: the lettre d'intention parts are rewritten
# for the Sarthe territory of seed 003 (fewer emergency visits and more direct
# admissions than elsewhere, ALD slightly below the region, little precarity).
SARTHE = data("communes", "vallee_du_loir")
assert len(SARTHE) == 73, len(SARTHE)
weights = data("communes", "vallee_du_loir_poids")
assert len(weights) == 73
loir = json.loads(json.dumps(sud_manche))
for key, value in data("vallee_du_loir").items():
    if key in ("collectif", "diagnostic"):
        loir[key].update(value)
    else:
        loir[key] = value
fill_in(loir)
pops = scale(weights, loir["territoire"]["population"])
loir["territoire"]["communes"] = [{"nom": n, "code_insee": f"72{100 + i:03d}", "population": p}
                                  for i, (n, p) in enumerate(zip(SARTHE, pops))]

def ind(id, mission, libelle, nature, pays, source, calcul, ref, cibles, sens, poids=1, unite=None, realise=None):
    d = {"id": id, "mission": mission, "libelle": libelle, "nature": nature, "conditionne_remuneration": pays,
         "source": source, "mode_calcul": calcul, "valeur_reference": ref, "cibles": cibles, "poids": poids, "sens": sens}
    if unite: d["unite"] = unite
    if realise: d["realise"] = realise
    return d

# One dict per national indicator, shared by both contracts.
NATIONAL = [ind(*row) for row in DATA["indicateurs_nationaux"]]

def contrat_sud_manche():
    c = data("contrat_sud_manche")
    c["indicateurs"] = NATIONAL + [ind(*row) for row in c["indicateurs"]]
    return c

def contrat_loir():
    c = contrat_sud_manche()
    c.pop("msa")
    c.update(data("contrat_vallee_du_loir"))
    c["indicateurs"] = [i for i in NATIONAL if i["id"] != "snp_consultations"] + [ind(*row) for row in c["indicateurs"]]
    return c

def bl(compte, libelle, montants, financeur=None, aci=False):
    d = {"compte": compte, "libelle": libelle, "montants": montants}
    if financeur: d["financeur"] = financeur
    if aci: d["aci"] = True
    return d

def budget(b):
    """A budget prévisionnel whose lines are bl() rows. The ACI line of each budget is
    what the contract's schedule pays in that calendar year (annex 4, at full
    achievement): the budget agrees with the contract (warning W339 otherwise)."""
    for key in ("charges", "produits"):
        b[key] = [bl(*row) for row in b[key]]
    for key, rows in b.get("contributions", {}).items():
        b["contributions"][key] = [bl(*row) for row in rows]
    return b

sud_manche["budget_previsionnel"] = budget(data("budget_previsionnel", "sud_manche"))
loir["budget_previsionnel"] = budget(data("budget_previsionnel", "vallee_du_loir"))

def statuts(nom_cpts, ville, date, bureau, signataires, affiliation=None, liberalites=True):
    d = data("statuts", "modele")
    d["objet"][0] = d["objet"][0].format(nom_cpts=nom_cpts)
    d.update(bureau=bureau, liberalites=liberalites, fait_a=ville, fait_le=date, signataires=signataires)
    if affiliation: d["affiliation"] = affiliation
    return d

sud_manche["statuts"] = statuts(**data("statuts", "sud_manche"))
loir["statuts"] = statuts(**data("statuts", "vallee_du_loir"))

def action(id, intitule, missions, finalite, objectif, description, beneficiaires, acteurs, debut, fin, etapes, indicateurs,
           sous_missions=None, liens=None, prs=None, diag=None):
    a = {"id": id, "intitule": intitule, "missions": missions, "finalite": finalite, "objectif_operationnel": objectif,
         "description": description, "beneficiaires": beneficiaires, "acteurs": acteurs,
         "calendrier": {"debut": debut, "fin": fin, "etapes": [{"date": d, "etape": e} for d, e in etapes]},
         "indicateurs": [{"libelle": l, "cible": c} for l, c in indicateurs]}
    if sous_missions: a["sous_missions"] = sous_missions
    if liens: a["liens"] = liens
    if prs: a["objectifs_prs"] = prs
    if diag: a["diagnostic"] = diag
    return a

def projet(p):
    """A projet de santé: the shared model, with the dossier's date, account holder,
    actions and the parts it rewrites ("remplace")."""
    d = data("projet_sante", "modele")
    d["date"] = p["date"]
    d["coordonnees_bancaires"]["titulaire"] = p["titulaire"]
    d["actions"] = [action(**a) for a in p["actions"]]
    d["calendrier"][0]["date"] = p["date"]
    d.update(p.get("remplace", {}))
    return d

sud_manche["projet_sante"] = projet(data("projet_sante", "sud_manche"))
# The Vallée du Loir's own projet (seed 003's Sarthe territory, the orientations of its lettre).
loir["projet_sante"] = projet(data("projet_sante", "vallee_du_loir"))

sud_manche["contrat"] = contrat_sud_manche()
# Year 1 measured (annual review of May 2027): values feed the variable pay. The
# national indicators' dicts are shared, so the Vallée du Loir contract built
# below carries the values of those it keeps too.
measured = DATA["mesures_annee_1"]
for ind_ in sud_manche["contrat"]["indicateurs"]:
    if ind_["id"] in measured:
        ind_["realise"] = [measured[ind_["id"]]]
sud_manche["copils"] = data("copils_sud_manche")
loir["contrat"] = contrat_loir()

def write(name, d):
    p = ROOT / "samples" / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(json.dumps(d, ensure_ascii=False, indent=2) + "\n")

write("sud-manche.json", sud_manche)
write("vallee-du-loir.json", loir)

# Invalid samples used by the tests.
bad_schema = json.loads(json.dumps(sud_manche))
del bad_schema["cpts"]["nom"]
bad_schema["territoire"]["population"] = "60200"
bad_schema["territoire"]["communes"][3]["code_insee"] = "5007"
bad_schema["cpts"]["statut_association"] = "dissoute"
bad_schema["territoire"]["popul"] = 1
write("invalides/schema-invalide.json", bad_schema)

bad_rules = json.loads(json.dumps(sud_manche))
bad_rules["territoire"]["population"] = 60000
bad_rules["territoire"]["intercommunalites"][0]["population"] = 44264
bad_rules["calendrier"][2]["date"] = "2025-05-01"
bad_rules["budget_amorcage"]["produits"][2]["montant"] = 3500
bad_rules["budget_previsionnel"]["produits"][0]["montants"][1] = 224000
write("invalides/regles-invalides.json", bad_rules)

text = json.dumps(sud_manche, ensure_ascii=False, indent=2)
lines = text.split("\n")
# Drop the comma after the CPTS name (line 5): a classic hand-editing mistake.
idx = next(i for i, l in enumerate(lines) if '"nom": "CPTS Sud Manche"' in l)
lines[idx] = lines[idx].rstrip(",")
(ROOT / "samples" / "invalides" / "json-mal-forme.json").write_text("\n".join(lines) + "\n")
