#!/usr/bin/env python3
"""Writes models/dossier.schema.json (JSON Schema draft-07).

Kept as a script because the schema repeats shapes (addresses, persons) that
are easier to keep consistent in code. Each property has a French title and
description (shown by editors); "x-erreur" is trame's French message for a
pattern mismatch. Run: python3 scripts/dev/gen_dossier_schema.py
"""
import json, pathlib

# Limits (docs/guide/limites-et-erreurs.md): every text, list and number has a
# bound, so that no value can make a document unreadable, a layout slow or a
# sum overflow. Generous beside any real dossier (the samples' longest text is
# under 400 characters, their longest list 73 communes).
MAX_TEXT = 5000        # characters of one text (a paragraph)
MAX_SHORT_TEXT = 200   # characters of a name printed in running heads and titles
MAX_ITEMS = 1000       # elements of one list
MAX_AMOUNT = 100000000 # euros (100 millions)
MAX_POPULATION = 10000000

def s(title, desc=None, **kw):
    d = {"type": "string", "title": title}
    if desc: d["description"] = desc
    d.update(kw)
    if "minLength" not in d and "enum" not in d and "pattern" not in d: d["minLength"] = 1
    if "enum" not in d and "maxLength" not in d: d["maxLength"] = MAX_TEXT
    return d

def date(title, desc=None):
    return s(title, desc, pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", **{"x-erreur": "date au format AAAA-MM-JJ attendue (ex. 2025-03-01)"})

def integer(title, desc=None, minimum=0, maximum=None):
    assert maximum is not None, title  # every number has a bound
    d = {"type": "integer", "title": title, "minimum": minimum, "maximum": maximum}
    if desc: d["description"] = desc
    return d

def money(title, desc=None):
    d = {"type": "number", "title": title, "minimum": 0, "maximum": MAX_AMOUNT}
    if desc: d["description"] = desc
    return d

def boolean(title, desc=None):
    d = {"type": "boolean", "title": title}
    if desc: d["description"] = desc
    return d

def obj(title, props, required, desc=None):
    d = {"type": "object", "title": title, "properties": props, "required": required, "additionalProperties": False}
    if desc: d["description"] = desc
    return d

def arr(title, items, desc=None, min_items=None):
    d = {"type": "array", "title": title, "items": items}
    if desc: d["description"] = desc
    if min_items is not None: d["minItems"] = min_items
    d["maxItems"] = MAX_ITEMS
    return d

def paragraphs(title, desc=None):
    return arr(title, s("Paragraphe"), desc)

REF = lambda name: {"$ref": f"#/definitions/{name}"}

def titled(title, schema, desc=None):
    """A property that reuses a definition with its own French title (draft-07
    ignores the keywords beside a $ref, so the reference goes into an allOf)."""
    d = {"title": title}
    if desc: d["description"] = desc
    if "$ref" in schema:
        d["allOf"] = [schema]
    else:
        d.update(schema)
    return d

definitions = {
    "adresse": obj("Adresse postale", {
        "ligne1": s("Adresse (ligne 1)", "Numéro et voie"),
        "ligne2": s("Adresse (ligne 2)", "Complément d’adresse"),
        "code_postal": s("Code postal", pattern=r"^[0-9]{5}$", **{"x-erreur": "code postal à 5 chiffres attendu"}),
        "commune": s("Commune"),
    }, ["ligne1", "code_postal", "commune"]),
    "civilite": {"type": "string", "title": "Civilité", "enum": ["M.", "Mme", "Dr", "Pr"]},
    "personne": obj("Personne", {
        "civilite": titled("Civilité", REF("civilite"), "M., Mme, Dr ou Pr"),
        "prenom": s("Prénom"), "nom": s("Nom"),
        "fonction": s("Fonction", "Par exemple Président, Directrice générale"),
        "profession": s("Profession"),
        "telephone": s("Téléphone"), "courriel": s("Courriel", pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", **{"x-erreur": "adresse électronique attendue (ex. contact@cpts.fr)"}),
    }, ["prenom", "nom"]),
    "mission": {"type": "string", "title": "Mission ACI",
                "description": "acces (accès aux soins), parcours (parcours pluriprofessionnels autour du patient), prevention (actions territoriales de prévention), qualite (qualité et pertinence des soins), accompagnement (accompagnement des professionnels de santé), crises (crises sanitaires graves)",
                "enum": ["acces", "parcours", "prevention", "qualite", "accompagnement", "crises"]},
}

personne_complete = {"allOf": [REF("personne"), {"required": ["civilite", "fonction"]}]}

cpts = obj("La CPTS et son porteur", {
    "nom": s("Nom de la CPTS", "Par exemple « CPTS Sud Manche »", maxLength=MAX_SHORT_TEXT),
    "sigle": s("Sigle", maxLength=MAX_SHORT_TEXT),
    "forme_juridique": s("Forme juridique", "En général « Association loi 1901 »"),
    "statut_association": {"type": "string", "title": "Association support", "enum": ["creee", "en_cours", "non_creee"],
                           "description": "creee : association déclarée ; en_cours : en cours de création ; non_creee : pas encore créée"},
    "siret": s("SIRET", "14 chiffres, obligatoire si l’association est créée", pattern=r"^[0-9]{14}$", **{"x-erreur": "numéro SIRET à 14 chiffres attendu"}),
    "date_creation": date("Date de création de l’association"),
    "adresse": titled("Adresse du siège", REF("adresse")),
    "telephone": s("Téléphone"),
    "courriel": s("Courriel", pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", **{"x-erreur": "adresse électronique attendue (ex. contact@cpts.fr)"}),
    "representant_legal": titled("Représentant légal", personne_complete,
                                 "Le président ou la présidente de l’association (ou du collectif), signataire de la lettre"),
    "contact": titled("Personne à contacter", {"allOf": [REF("personne"), {"required": ["civilite", "fonction", "telephone", "courriel"]}]},
                      "Coordinateur ou chargé de projet ; téléphone et courriel obligatoires"),
}, ["nom", "forme_juridique", "statut_association", "adresse", "telephone", "courriel", "representant_legal", "contact"])

professionnel = obj("Professionnel de santé", {
    "categorie": s("Catégorie", "Par exemple Médecin généraliste, Infirmier, Pharmacien"),
    "civilite": titled("Civilité", REF("civilite"), "M., Mme, Dr ou Pr"),
    "prenom": s("Prénom"), "nom": s("Nom"),
    "lieu_exercice": s("Lieu d’exercice"),
    "structure": s("Structure d’appartenance", "MSP, centre de santé, cabinet…"),
    "gouvernance": boolean("Participe à la gouvernance"),
    "participation_incertaine": boolean("Participation encore incertaine"),
}, ["categorie", "prenom", "nom", "lieu_exercice", "structure", "gouvernance", "participation_incertaine"])

etablissement = obj("Établissement ou service", {
    "service": s("Service ou type d’établissement"),
    "nom": s("Nom"),
    "localisation": s("Localisation"),
    "representant": titled("Représentant de l’établissement", REF("personne")),
    "gouvernance": boolean("Participe à la gouvernance"),
    "participation_incertaine": boolean("Participation encore incertaine"),
}, ["service", "nom", "localisation", "gouvernance", "participation_incertaine"])

collectif = obj("Le collectif", {
    "professionnels": arr("Professionnels de santé impliqués", professionnel, min_items=1),
    "etablissements": arr("Établissements et services impliqués", etablissement),
    "a_associer": arr("Acteurs à associer par la suite", s("Acteur")),
    "modalites_coordination": paragraphs("Modalités de travail existantes", "Réunions communes, protocoles, messagerie sécurisée…"),
    "communication": s("Communication du projet à tous les professionnels du territoire"),
}, ["professionnels", "modalites_coordination", "communication"])

commune = obj("Commune", {
    "nom": s("Nom de la commune"),
    "code_insee": s("Code INSEE", pattern=r"^([0-9]{2}|2A|2B)[0-9]{3}$", **{"x-erreur": "code INSEE à 5 caractères attendu (ex. 50218, 2A004)"}),
    "population": integer("Population municipale", maximum=MAX_POPULATION),
}, ["nom", "code_insee", "population"])

territoire = obj("Le territoire", {
    "nom": s("Nom du territoire"),
    "departement": s("Département"), "region": s("Région"),
    "description": s("Description"),
    "intercommunalites": arr("Intercommunalités", obj("Intercommunalité", {
        "nom": s("Nom"), "communes": integer("Nombre de communes", minimum=1, maximum=MAX_ITEMS),
        "population": integer("Population", maximum=MAX_POPULATION)},
        ["nom", "communes", "population"])),
    "communes": arr("Communes du territoire", commune, min_items=1),
    "population": integer("Population totale", "Somme des populations des communes", minimum=1, maximum=MAX_POPULATION),
}, ["nom", "communes", "population"])

diagnostic = obj("Premiers éléments de diagnostic, par thème", {
    "medecin_traitant": paragraphs("Accès à un médecin traitant"),
    "soins_non_programmes": paragraphs("Urgences et soins non programmés"),
    "parcours": paragraphs("Ruptures de parcours"),
    "prevention": paragraphs("Prévention"),
    "qualite": paragraphs("Qualité et pertinence"),
    "accompagnement": paragraphs("Accompagnement des professionnels"),
    "autres": paragraphs("Autres thématiques"),
}, ["medecin_traitant", "soins_non_programmes", "parcours", "prevention"])

orientation = obj("Orientation du futur projet de santé", {
    "mission": titled("Mission ACI", REF("mission")), "intitule": s("Intitulé"), "description": s("Description")},
    ["mission", "intitule", "description"])

ligne = obj("Ligne budgétaire", {"libelle": s("Libellé"), "financeur": s("Financeur"), "montant": money("Montant (euros)")},
            ["libelle", "montant"])

destinataire = obj("Destinataire", {
    "titre": s("Titre d’appel", "Par exemple « Monsieur le Directeur général »"),
    "organisme": s("Organisme"), "adresse": titled("Adresse du destinataire", REF("adresse"))}, ["titre", "organisme", "adresse"])

organisme = lambda title, chef_key, chef_title: obj(title, {
    "nom": s("Nom de l’organisme"), "adresse": titled("Adresse de l’organisme", REF("adresse")),
    chef_key: {"allOf": [REF("personne"), {"required": ["civilite", "fonction"]}], "title": chef_title}},
    ["nom", "adresse", chef_key])

indicateur = obj("Indicateur", {
    "id": s("Identifiant", pattern=r"^[a-z0-9_\-]+$", **{"x-erreur": "identifiant en minuscules sans espace attendu (ex. mt_ald)"}),
    "mission": titled("Mission ACI", REF("mission")),
    "libelle": s("Libellé"),
    "nature": {"type": "string", "title": "Nature", "enum": ["moyens", "resultats"]},
    "conditionne_remuneration": boolean("Conditionne la rémunération", "false : indicateur de suivi seulement"),
    "source": s("Source des données"),
    "mode_calcul": s("Mode de calcul"),
    "unite": s("Unité (facultatif)"),
    "valeur_reference": {"type": "number", "title": "Valeur de référence (situation de départ)", "minimum": -1000000000, "maximum": 1000000000},
    "cibles": arr("Objectifs par année du contrat", {"type": ["number", "null"], "minimum": -1000000000, "maximum": 1000000000}, "5 valeurs, une par année ; null si aucun objectif cette année-là"),
    "realise": arr("Valeurs constatées par année", {"type": ["number", "null"], "minimum": -1000000000, "maximum": 1000000000}, "null tant qu’elles ne sont pas mesurées"),
    "poids": {"type": "number", "title": "Poids dans le taux d’atteinte de la mission", "exclusiveMinimum": 0, "maximum": 1000},
    "sens": {"type": "string", "title": "Sens de l’amélioration", "enum": ["hausse", "baisse"]},
}, ["id", "mission", "libelle", "nature", "conditionne_remuneration", "source", "mode_calcul", "valeur_reference",
    "cibles", "poids", "sens"])
indicateur["properties"]["cibles"]["maxItems"] = 5
indicateur["properties"]["cibles"]["minItems"] = 1
indicateur["properties"]["realise"]["maxItems"] = 5

montants = obj("Montants négociés (inférieurs aux maximums de l’accord)", {
    "fixe": money("Part fixe"), "variable": money("Part variable"), "mt": money("Volet médecin traitant"),
    "snp": money("Volet soins non programmés")}, [])

def budget_line(title, pattern, err, extra=None):
    props = {
        "compte": s("Compte", pattern=pattern, **{"x-erreur": err}),
        "libelle": s("Libellé"),
        "financeur": s("Financeur (comptes 74)"),
        "montants": arr("Montant par année (euros), dans l’ordre des années", money("Montant"), min_items=1)}
    props.update(extra or {})
    return obj(title, props, ["compte", "libelle", "montants"])

# Charges indirectes of the model budget (seed 002): three rows, no account number.
charge_indirecte = obj("Charge indirecte", {
    "nature": {"type": "string", "title": "Nature", "enum": ["fonctionnement", "frais_financiers", "autres"],
               "description": "fonctionnement (charges fixes de fonctionnement) ; frais_financiers (frais financiers) ; autres (autres charges indirectes)"},
    "libelle": s("Précision", "Facultatif : ce que recouvre la ligne (ex. quote-part des locaux de la maison de santé)"),
    "montants": arr("Montant par année (euros), dans l’ordre des années", money("Montant"), min_items=1)},
    ["nature", "montants"])

budget_previsionnel = obj("Budget prévisionnel du projet (une colonne par année)", {
    "date": date("Date du budget"),
    "annees": arr("Années couvertes", {"type": "integer", "minimum": 2000, "maximum": 2100}, min_items=1),
    "charges": arr("Charges (comptes 60 à 68)", budget_line("Charge", r"^6[0-8][0-9]*$", "compte de charge 60 à 68 attendu (ex. 604, 6411)"), min_items=1),
    "charges_indirectes": arr("Charges indirectes (charges fixes de fonctionnement, frais financiers, autres)", charge_indirecte,
                              "Comprises dans le total des charges, à côté des charges directes (comptes 60 à 68)"),
    "produits": arr("Produits (comptes 70 à 78)", budget_line("Produit", r"^7[0-8][0-9]*$", "compte de produit 70 à 78 attendu (ex. 741)", {
        "aci": boolean("Versements du contrat ACI", "Vrai pour la ligne qui reçoit les versements de l’accord conventionnel interprofessionnel : Trame la compare à l’échéancier du contrat, année par année")}), min_items=1),
    "contributions": obj("Contributions volontaires en nature", {
        "emplois": arr("Emplois (comptes 86)", budget_line("Emploi", r"^86[0-9]*$", "compte 86 attendu (ex. 864)")),
        "ressources": arr("Contributions (comptes 87)", budget_line("Contribution", r"^87[0-9]*$", "compte 87 attendu (ex. 875)"))},
        ["emplois", "ressources"]),
}, ["annees", "charges", "produits"])

membre_bureau = obj("Membre du bureau", {
    "role": {"type": "string", "title": "Rôle", "enum": ["president", "vice_president", "secretaire", "secretaire_adjoint",
                                                        "tresorier", "tresorier_adjoint"]},
    "civilite": titled("Civilité", REF("civilite"), "M., Mme, Dr ou Pr"), "prenom": s("Prénom"), "nom": s("Nom"), "profession": s("Profession")},
    ["role", "prenom", "nom"])

# Quorum and majority of a general assembly, as data: the statutes' template
# builds the sentence (« ne délibère valablement que si le quart au moins des
# membres est présent ou représenté ; les décisions sont prises à la majorité
# des deux tiers des voix des membres présents ou représentés »).
quorum = obj("Quorum", {
    "fraction": {"type": "string", "title": "Part des membres qui doit être présente ou représentée",
                 "enum": ["aucun", "quart", "tiers", "moitie", "deux_tiers"],
                 "description": "aucun : pas de quorum ; quart (le quart) ; tiers (le tiers) ; moitie (la moitié) ; deux_tiers (les deux tiers)"},
    "representes": boolean("Les membres représentés comptent", "Vrai : présents ou représentés ; faux : présents seulement")},
    ["fraction", "representes"],
    "Conditions de présence pour que l’assemblée délibère valablement")
majorite = obj("Majorité", {
    "type": {"type": "string", "title": "Majorité requise", "enum": ["simple", "deux_tiers", "trois_quarts"],
             "description": "simple (la majorité) ; deux_tiers (la majorité des deux tiers) ; trois_quarts (la majorité des trois quarts)"},
    "base": {"type": "string", "title": "Calculée sur", "enum": ["presents_representes", "presents", "suffrages_exprimes"],
             "description": "presents_representes (les voix des membres présents ou représentés) ; presents (les voix des membres présents) ; suffrages_exprimes (les suffrages exprimés)"}},
    ["type", "base"], "Majorité des décisions de l’assemblée")

statuts = obj("Statuts de l’association (modèle du ministère, adapté aux CPTS)", {
    "objet": paragraphs("Article 2 — Objet (les missions de la CPTS)"),
    "duree": s("Article 4 — Durée", "Par exemple « illimitée »"),
    "transfert_siege": {"type": "string", "title": "Transfert du siège décidé par", "enum": ["conseil", "assemblee"]},
    "colleges": arr("Article 5 — Composition : collèges", obj("Collège", {
        "nom": s("Nom du collège"), "composition": s("Qui en est membre"),
        "personnes_morales": boolean("Membres personnes morales, représentées par une personne désignée")},
        ["nom", "composition"]), min_items=1),
    "admission": obj("Article 6 — Admission", {
        "ouverte_toutes_categories": boolean("Ouverte à tout professionnel de santé du territoire, quel que soit son mode d’exercice"),
        "agrement": {"type": "string", "title": "Agrément des demandes", "enum": ["aucun", "bureau", "conseil"]}},
        ["ouverte_toutes_categories", "agrement"]),
    "cotisation": obj("Article 7 — Cotisation", {
        "montant_annuel": money("Montant annuel (euros)"), "fixee_par": {"type": "string", "enum": ["assemblee", "conseil"],
                                                                       "title": "Fixée par"}}, ["fixee_par"]),
    "affiliation": s("Article 9 — Affiliation (facultatif : article omis si absent)"),
    "ressources": arr("Article 10 — Ressources", s("Ressource"), min_items=1),
    "ag_ordinaire": obj("Article 11 — Assemblée générale ordinaire", {
        "mois": s("Mois de réunion"), "convocation_jours": integer("Délai de convocation (jours)", minimum=1, maximum=365),
        "quorum": quorum, "majorite": majorite}, ["mois", "convocation_jours", "quorum", "majorite"]),
    "ag_extraordinaire": obj("Article 12 — Assemblée générale extraordinaire", {
        "quorum": quorum, "majorite": majorite}, ["quorum", "majorite"]),
    "conseil": obj("Article 13 — Conseil d’administration", {
        "membres": integer("Nombre de membres", minimum=3, maximum=1000),
        "duree_mandat_ans": integer("Durée du mandat (ans)", minimum=1, maximum=20),
        "renouvellement": s("Renouvellement"), "reunions": s("Fréquence des réunions")},
        ["membres", "duree_mandat_ans", "renouvellement", "reunions"]),
    "bureau": arr("Article 14 — Bureau", membre_bureau, min_items=2),
    "reglement_interieur": boolean("Article 16 — Un règlement intérieur sera établi"),
    "dissolution": obj("Article 17 — Dissolution", {"beneficiaire": s("Bénéficiaire de l’actif")}, ["beneficiaire"]),
    "liberalites": boolean("Article 18 — Libéralités (facultatif : article omis si false ou absent)"),
    "fait_a": s("Fait à"), "fait_le": date("Fait le"),
    "signataires": arr("Signataires (au moins deux)", obj("Signataire", {
        "civilite": titled("Civilité", REF("civilite"), "M., Mme, Dr ou Pr"), "prenom": s("Prénom"), "nom": s("Nom"), "fonction": s("Fonction")},
        ["prenom", "nom", "fonction"]), min_items=1),
}, ["objet", "duree", "colleges", "admission", "cotisation", "ressources", "ag_ordinaire", "ag_extraordinaire", "conseil",
    "bureau", "reglement_interieur", "dissolution", "fait_a", "fait_le", "signataires"])

fiche_action = obj("Fiche action", {
    "id": s("Identifiant de l’action", "Par exemple A1", pattern=r"^[A-Za-z0-9_\-]+$", **{"x-erreur": "identifiant sans espace attendu (ex. A1)"}),
    "intitule": s("Intitulé"),
    "missions": arr("Missions ACI servies", REF("mission"), min_items=1),
    "sous_missions": arr("Sous-missions de l’accès aux soins", {"type": "string", "enum": ["medecin_traitant", "soins_non_programmes"]}),
    "objectifs_prs": arr("Objectifs du PRS servis", s("Objectif")),
    "diagnostic": arr("Principaux éléments du diagnostic", s("Élément")),
    "finalite": s("Finalité (objectif général)"),
    "objectif_operationnel": s("Objectif opérationnel"),
    "description": paragraphs("Description de l’action"),
    "liens": arr("Liens avec d’autres actions (identifiants)", s("Identifiant")),
    "beneficiaires": s("Bénéficiaires"),
    "acteurs": arr("Acteurs", s("Acteur"), min_items=1),
    "calendrier": obj("Calendrier", {
        "debut": date("Début"), "fin": date("Fin prévue"),
        "etapes": arr("Étapes clés", obj("Étape", {"date": date("Date"), "etape": s("Étape")}, ["date", "etape"]))},
        ["debut", "fin"]),
    "indicateurs": arr("Indicateurs et cibles", obj("Indicateur", {"libelle": s("Indicateur"), "cible": s("Cible")},
                                                    ["libelle", "cible"]), min_items=1),
}, ["id", "intitule", "missions", "finalite", "objectif_operationnel", "description", "beneficiaires", "acteurs",
    "calendrier", "indicateurs"])

projet_sante = obj("Projet de santé (modèle de l’annexe 4)", {
    "date": date("Date du projet"),
    "coordonnees_bancaires": obj("Coordonnées bancaires", {"titulaire": s("Titulaire"), "iban": s("IBAN"), "bic": s("BIC")},
                                 ["titulaire", "iban", "bic"]),
    "offre_existante": obj("1.3 Offre existante", {
        "soins": paragraphs("Offre de soins"), "medico_social": paragraphs("Offre médico-sociale"),
        "social": paragraphs("Offre sociale"), "institutionnel": paragraphs("Acteurs institutionnels"),
        "coordination": paragraphs("Dispositifs de coordination")}, ["soins", "medico_social", "coordination"]),
    "gouvernance": paragraphs("1.5 Gouvernance"),
    "actions": arr("2.2 Actions (une fiche action chacune)", fiche_action, min_items=1),
    "telemedecine": paragraphs("Télémédecine et télésoin"),
    "mise_en_oeuvre": obj("Mise en œuvre des missions", {
        "acces": paragraphs("Accès aux soins"), "parcours": paragraphs("Parcours pluriprofessionnels"),
        "prevention": paragraphs("Prévention"), "crises": paragraphs("Crises sanitaires graves"),
        "qualite": paragraphs("Qualité et pertinence"), "accompagnement": paragraphs("Accompagnement des professionnels")},
        ["acces", "parcours", "prevention"]),
    "calendrier": arr("Calendrier de mise en œuvre", obj("Étape", {"etape": s("Étape"), "date": date("Date")}, ["etape", "date"]), min_items=1),
    "coherence": paragraphs("2.3 Cohérence avec les acteurs et projets existants"),
    "evaluation": obj("2.4 Évaluation", {"quantitatifs": arr("Indicateurs quantitatifs", s("Indicateur"), min_items=1),
                                          "qualitatifs": arr("Indicateurs qualitatifs", s("Indicateur"), min_items=1)},
                      ["quantitatifs", "qualitatifs"]),
    "systeme_information": paragraphs("2.5 Système d’information"),
    "perennite": paragraphs("3.2 Pérennité à moyen terme"),
}, ["date", "offre_existante", "gouvernance", "actions", "mise_en_oeuvre", "calendrier", "coherence", "evaluation",
    "systeme_information", "perennite"])

copil = obj("Réunion du comité de pilotage (COPIL)", {
    "date": date("Date de la réunion"), "lieu": s("Lieu"),
    "annee_revue": integer("Année du contrat dont les indicateurs sont revus (1 à 5)", minimum=1, maximum=5),
    "participants": arr("Participants", obj("Participant", {
        "institution": {"type": "string", "title": "Institution", "enum": ["CPTS", "ARS", "CPAM", "ELSM", "MSA", "autre"]},
        "civilite": titled("Civilité", REF("civilite"), "M., Mme, Dr ou Pr"), "prenom": s("Prénom"), "nom": s("Nom"), "fonction": s("Fonction ou rôle")},
        ["institution", "prenom", "nom", "fonction"]), min_items=2),
    "ordre_du_jour": arr("Ordre du jour", s("Point"), min_items=1),
    "decisions": arr("Décisions", obj("Décision", {
        "type": {"type": "string", "title": "Nature", "enum": ["nouvelle_mission", "versement_variable", "avenant",
                                                               "arbitrage_cotech", "autre"]},
        "texte": s("Décision")}, ["type", "texte"])),
    "actions": arr("Actions à mener", obj("Action", {"action": s("Action"), "responsable": s("Responsable"),
                                                      "echeance": date("Échéance")}, ["action", "responsable", "echeance"])),
    "prochaine_reunion": obj("Prochaine réunion", {"date": date("Date"), "lieu": s("Lieu")}, ["date"]),
}, ["date", "lieu", "participants", "ordre_du_jour"])
copil["properties"]["annee_revue"]["maximum"] = 5

contrat = obj("Contrat ACI", {
    "table_aci": s("Version du tableau de l’accord (facultatif)", "Par défaut, celui en vigueur à la date de signature"),
    "signature": obj("Signature", {"date": date("Date de signature"), "lieu": s("Lieu de signature")}, ["date", "lieu"]),
    "nb_exemplaires": integer("Nombre d’exemplaires originaux", minimum=1, maximum=20),
    "projet_sante_valide_le": date("Date de validation du projet de santé"),
    "president": {"allOf": [REF("personne"), {"required": ["civilite", "fonction"]}], "title": "Président(e) signataire (par défaut le représentant légal)"},
    "cpam": organisme("Caisse primaire d’assurance maladie", "directeur", "Directeur ou directrice"),
    "ars": organisme("Agence régionale de santé", "directeur_general", "Directeur ou directrice générale"),
    "msa": {**organisme("Caisse de MSA (facultatif)", "directeur", "Directeur ou directrice"),
            "properties": {**organisme("", "directeur", "")["properties"], "signataire": boolean("La MSA signe le contrat")}},
    "fonctionnement": obj("Fonctionnement", {"montant": money("Montant annuel négocié")}, ["montant"]),
    "missions": arr("Missions retenues", obj("Mission retenue", {
        "id": titled("Mission", REF("mission")), "debut": date("Date de début"),
        "volets": arr("Volets supplémentaires (mission accès)", {"type": "string", "enum": ["mt", "snp"]}),
        "montants": montants, "description": s("Modalités de mise en œuvre")}, ["id", "debut"]), min_items=1),
    "indicateurs": arr("Objectifs et indicateurs", indicateur),
    "reunions": arr("Réunions de suivi prévues", obj("Réunion", {"date": date("Date"), "objet": s("Objet")}, ["date", "objet"])),
}, ["signature", "cpam", "ars", "missions"])

schema = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "$id": "https://trame.example/models/dossier.schema.json",
    "title": "Dossier d’une CPTS (Trame)",
    "description": "Données d’une CPTS à partir desquelles Trame produit ses documents. Voir docs/guide/dossier.md.",
    "type": "object",
    "additionalProperties": False,
    "definitions": definitions,
    "properties": {
        "$schema": {"type": "string", "title": "Schéma (pour l’éditeur)"},
        "cpts": cpts,
        "collectif": collectif,
        "territoire": territoire,
        "diagnostic": diagnostic,
        "orientations": arr("Orientations du futur projet de santé", orientation, min_items=1),
        "objectifs": obj("Objectifs visés", {
            "patients": arr("En faveur des patients", s("Objectif"), min_items=1),
            "professionnels": arr("En faveur des professionnels", s("Objectif"), min_items=1)},
            ["patients", "professionnels"]),
        "engagement_missions_socle": boolean("Engagement explicite sur les missions socles",
                                             "Doit valoir true : l’ACI l’exige dès la lettre d’intention"),
        "autres_coordinations": s("Autres formes de coordination sur le territoire et articulation"),
        "coherence_prs_cls": s("Cohérence avec le PRS et les CLS"),
        "redaction_projet": {"type": "string", "title": "Rédaction du projet de santé",
                             "enum": ["coordonnateur", "prestataire", "groupe_professionnels"]},
        "calendrier": arr("Calendrier prévisionnel", obj("Étape", {"etape": s("Étape"), "date": date("Date")},
                                                          ["etape", "date"]), min_items=1),
        "budget_amorcage": obj("Budget prévisionnel de la phase d’amorçage", {
            "charges": arr("Charges", ligne, min_items=1), "produits": arr("Produits", ligne, min_items=1)},
            ["charges", "produits"]),
        "projet_sante": projet_sante,
        "budget_previsionnel": budget_previsionnel,
        "statuts": statuts,
        "contrat": contrat,
        "copils": arr("Comptes rendus de COPIL (un document par réunion)", copil),
        "lettre_intention": obj("Lettre d’intention", {
            "date": date("Date de la lettre"), "lieu": s("Lieu"), "destinataire": destinataire,
            "objet": s("Objet (facultatif)")}, ["date", "lieu", "destinataire"]),
    },
    "required": ["cpts", "collectif", "territoire", "diagnostic", "orientations", "objectifs",
                 "engagement_missions_socle", "autres_coordinations", "coherence_prs_cls", "redaction_projet",
                 "calendrier", "budget_amorcage"],
}

out = pathlib.Path(__file__).resolve().parents[2] / "models" / "dossier.schema.json"
out.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n")
