#!/usr/bin/env python3
"""Writes the bundled sample dossiers (samples/*.json) from the real figures of
shared/domain.md. Commune names are real; INSEE codes and per-commune
populations are illustrative, scaled so that totals match the seeds exactly.
Run once; the JSON files are what users read and edit.
"""
import json, pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]

def scale(weights, total):
    s = sum(weights)
    pops = [int(w * total / s) for w in weights]
    pops[0] += total - sum(pops)
    return pops

GTM = [("Granville", "50218", 12700), ("Saint-Pair-sur-Mer", "50532", 4000), ("Donville-les-Bains", "50165", 3300),
       ("Bréhal", "50076", 3200), ("Jullouville", "50066", 2600), ("Yquelon", "50647", 1100),
       ("La Haye-Pesnel", "50236", 1300), ("Saint-Planchers", "50543", 1200), ("Longueville", "50277", 650),
       ("Bréville-sur-Mer", "50079", 800), ("Carolles", "50102", 750), ("Cérences", "50109", 1900),
       ("Coudeville-sur-Mer", "50142", 900), ("Bricqueville-sur-Mer", "50081", 1000), ("Chanteloup", "50120", 400),
       ("Anctoville-sur-Boscq", "50007", 450), ("Saint-Jean-des-Champs", "50495", 1300), ("Folligny", "50188", 800),
       ("Hudimesnil", "50253", 600), ("Saint-Aubin-des-Préaux", "50449", 420), ("Saint-Pierre-Langers", "50540", 550),
       ("Champeaux", "50115", 330), ("La Lucerne-d’Outremer", "50280", 800), ("Équilly", "50172", 220),
       ("Hocquigny", "50247", 150), ("La Meurdraquière", "50339", 200), ("La Mouche", "50362", 250),
       ("Le Loreur", "50279", 150), ("Le Mesnil-Aubert", "50307", 250), ("Les Chambres", "50113", 180),
       ("Saint-Sauveur-la-Pommeraye", "50553", 300), ("Beauchamps", "50038", 400), ("Ver", "50626", 380)]
VI = [("Villedieu-les-Poêles-Rouffigny", "50639", 4000), ("Percy-en-Normandie", "50393", 2500),
      ("Sainte-Cécile", "50456", 650), ("Saint-Pois", "50546", 520), ("Fleury", "50186", 1300),
      ("La Bloutière", "50062", 450), ("Bourguenolles", "50073", 280), ("Champrepus", "50118", 300),
      ("Chérencé-le-Héron", "50130", 430), ("Coulouvray-Boisbenâtre", "50144", 480), ("La Chapelle-Cécelin", "50123", 250),
      ("La Lande-d’Airou", "50262", 650), ("La Trinité", "50606", 450), ("Le Mesnil-Garnier", "50311", 300),
      ("Montbray", "50342", 500), ("Beslon", "50048", 550), ("Margueray", "50290", 150), ("Montabot", "50339b", 190),
      ("Morigny", "50358", 100), ("Saint-Martin-le-Bouillant", "50520", 350), ("Saint-Maur-des-Bois", "50525", 130),
      ("Le Guislain", "50222", 130), ("Maupertuis", "50297", 170), ("Boisyvon", "50064", 90),
      ("Le Tanu", "50589", 400), ("Le Mesnil-Gilbert", "50312", 190), ("Saint-Laurent-de-Cuves", "50506", 400)]
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

sud_manche = {
    "$schema": "../models/dossier.schema.json",
    "cpts": {
        "nom": "CPTS Sud Manche", "sigle": "CPTS-SM", "forme_juridique": "Association loi 1901",
        "statut_association": "creee", "siret": luhn_siret("9123456780001"), "date_creation": "2024-11-14",
        "adresse": {"ligne1": "12 rue du Port", "code_postal": "50400", "commune": "Granville"},
        "telephone": "02 33 50 12 34", "courriel": "contact@cpts-sudmanche.fr",
        "representant_legal": {"civilite": "Pr", "prenom": "Yves", "nom": "Lebas", "fonction": "Président",
                               "profession": "Médecin généraliste"},
        "contact": {"civilite": "Dr", "prenom": "Anne-Laure", "nom": "Richard", "fonction": "Coordinatrice",
                    "profession": "Pharmacienne", "telephone": "06 12 34 56 78", "courriel": "coordination@cpts-sudmanche.fr"},
    },
    "collectif": {
        "professionnels": [
            pro("Médecin généraliste", "Yves", "Lebas", "Granville", "Cabinet médical du Port", True, civ="Pr"),
            pro("Médecin généraliste", "Étienne", "Sabathier", "Villedieu-les-Poêles-Rouffigny", "MSP de Villedieu", True, civ="Dr"),
            pro("Médecin généraliste", "Agnès", "Hofferer", "Granville", "MSP Granville Centre", True, civ="Dr"),
            pro("Pharmacienne", "Anne-Laure", "Richard", "Granville", "Centre hospitalier Avranches-Granville", True, civ="Dr"),
            pro("Médecin généraliste", "Camille", "Lefranc", "Bréhal", "Maison de santé de Bréhal", False),
            pro("Médecin généraliste", "Hélène", "Dubreuil", "Percy-en-Normandie", "Cabinet de Percy", False, True),
            pro("Infirmière", "Sophie", "Marie", "Saint-Pair-sur-Mer", "Cabinet infirmier Les Hublots", True),
            pro("Infirmier", "Julien", "Letellier", "Villedieu-les-Poêles-Rouffigny", "MSP de Villedieu", False),
            pro("Pharmacienne", "Claire", "Hamel", "Donville-les-Bains", "Pharmacie de la Plage", True),
            pro("Masseur-kinésithérapeute", "Thomas", "Guérin", "Granville", "Cabinet de kinésithérapie du Roc", False),
            pro("Sage-femme", "Élodie", "Pinel", "Jullouville", "Cabinet libéral", False, True),
            pro("Chirurgien-dentiste", "Marc", "Osmont", "La Haye-Pesnel", "Cabinet dentaire", False, True),
            pro("Orthophoniste", "Lucie", "Fauvel", "Granville", "Cabinet d’orthophonie", False),
            pro("Diététicienne", "Inès", "Boulanger", "Villedieu-les-Poêles-Rouffigny", "MSP de Villedieu", False),
            pro("Psychologue", "François", "Lemonnier", "Granville", "Cabinet libéral", False, True),
            pro("Infirmière en pratique avancée", "Maëlle", "Quesnel", "Granville", "MSP Granville Centre", True),
        ],
        "etablissements": [
            {"service": "Centre hospitalier", "nom": "Centre hospitalier Avranches-Granville", "localisation": "Granville",
             "representant": {"prenom": "Bruno", "nom": "Lecoq", "fonction": "Directeur délégué"},
             "gouvernance": True, "participation_incertaine": False},
            {"service": "EHPAD", "nom": "EHPAD Le Cotentin", "localisation": "Villedieu-les-Poêles-Rouffigny",
             "gouvernance": False, "participation_incertaine": False},
            {"service": "Service de soins infirmiers à domicile", "nom": "SSIAD du Pays granvillais", "localisation": "Granville",
             "gouvernance": False, "participation_incertaine": True},
            {"service": "Dispositif d’appui à la coordination", "nom": "DAC Sud Manche", "localisation": "Avranches",
             "representant": {"prenom": "Nathalie", "nom": "Tostain", "fonction": "Directrice"},
             "gouvernance": True, "participation_incertaine": False},
            {"service": "Centre médico-psychologique", "nom": "CMP de Granville", "localisation": "Granville",
             "gouvernance": False, "participation_incertaine": True},
        ],
        "a_associer": ["Les masseurs-kinésithérapeutes du secteur de Gavray", "Le service d’urgences du centre hospitalier",
                       "Les associations de patients (BPCO, insuffisance rénale)", "Le conseil local de santé mentale"],
        "modalites_coordination": [
            "Les deux maisons de santé de Villedieu et de Granville Centre se réunissent chaque mois et partagent des protocoles pluriprofessionnels (plaies chroniques, anticoagulants).",
            "Une messagerie sécurisée de santé est utilisée par la majorité des médecins, infirmiers et pharmaciens ; le DAC Sud Manche anime des réunions de concertation pour les situations complexes.",
        ],
        "communication": "Le projet a été présenté lors de deux soirées ouvertes à tous les professionnels du territoire (Granville, 12 mars 2025 ; Villedieu, 19 mars 2025), relayées par les URPS et la CPAM de la Manche, et par une lettre d’information adressée à 412 professionnels.",
    },
    "territoire": {
        "nom": "Sud Manche (Granville – Villedieu)", "departement": "Manche", "region": "Normandie",
        "description": "Le territoire réunit deux zones de proximité : le littoral granvillais, urbain et touristique, dont la population double l’été, et le bocage de Villedieu, rural et vieillissant.",
        "intercommunalites": [
            {"nom": "Communauté de communes Granville Terre et Mer", "communes": 33, "population": 44464},
            {"nom": "Villedieu Intercom", "communes": 27, "population": 15736}],
        "communes": communes(GTM, 44464) + communes(VI, 15736),
        "population": 60200,
    },
    "diagnostic": {
        "medecin_traitant": [
            "8,9 % des patients de 17 ans et plus n’ont pas de médecin traitant déclaré, dont environ 420 patients en affection de longue durée.",
            "Onze médecins généralistes sur trente-huit ont plus de 60 ans ; trois départs en retraite sont annoncés d’ici 2027 sur le secteur de Villedieu."],
        "soins_non_programmes": [
            "Le service d’urgences de Granville enregistre près de 24 000 passages par an, dont 62 % ne sont pas suivis d’une hospitalisation.",
            "L’afflux estival sature les cabinets du littoral ; aucune organisation partagée des demandes de soins non programmés n’existe aujourd’hui."],
        "parcours": [
            "La bronchopneumopathie chronique obstructive (BPCO) est sous-diagnostiquée : le taux de patients bénéficiant d’une spirométrie annuelle reste faible.",
            "Les patients atteints d’insuffisance rénale chronique sont orientés tardivement vers le néphrologue ; les ruptures de parcours en santé mentale concernent surtout la sortie d’hospitalisation."],
        "prevention": [
            "La couverture vaccinale contre la grippe des plus de 65 ans atteint 54 %, en deçà de l’objectif de 75 %.",
            "La participation au dépistage organisé du cancer colorectal est de 31 % ; la iatrogénie médicamenteuse chez le sujet âgé polymédiqué est un sujet prioritaire pour les pharmaciens."],
        "qualite": ["Les professionnels souhaitent développer des revues de pertinence sur la prescription d’antibiotiques."],
        "accompagnement": ["L’attractivité du territoire pour les jeunes professionnels est un enjeu : accueil des internes, compagnonnage des nouveaux installés."],
    },
    "orientations": [
        {"mission": "acces", "intitule": "Un médecin traitant pour chaque patient fragile",
         "description": "Recenser les patients en ALD et de plus de 70 ans sans médecin traitant et organiser leur prise en charge par les équipes de soins primaires."},
        {"mission": "acces", "intitule": "Organiser les soins non programmés",
         "description": "Mettre en place des plages de rendez-vous non programmés partagées et une régulation territoriale en lien avec le SAS de la Manche, renforcée l’été."},
        {"mission": "parcours", "intitule": "Parcours BPCO et insuffisance rénale chronique",
         "description": "Protocoles ville-hôpital de repérage et de suivi, spirométrie en cabinet, orientation précoce vers la néphrologie."},
        {"mission": "parcours", "intitule": "Santé mentale : sortie d’hospitalisation",
         "description": "Coordination avec le CMP et le conseil local de santé mentale pour éviter les ruptures à la sortie d’hospitalisation."},
        {"mission": "prevention", "intitule": "Vaccination et dépistage des cancers",
         "description": "Campagnes coordonnées médecins – pharmaciens – infirmiers, relance des patients non dépistés."},
        {"mission": "prevention", "intitule": "Iatrogénie médicamenteuse du sujet âgé",
         "description": "Bilans partagés de médication et conciliation médicamenteuse à la sortie d’hospitalisation."},
        {"mission": "crises", "intitule": "Se préparer aux crises sanitaires graves",
         "description": "Plan de réponse de la CPTS (canicule, épidémie, afflux estival) rédigé avec l’ARS, les communes et le centre hospitalier ; annuaire d’astreinte des professionnels."},
        {"mission": "accompagnement", "intitule": "Attirer et accompagner les jeunes professionnels",
         "description": "Accueil des internes et des stagiaires, compagnonnage des nouveaux installés."},
    ],
    "objectifs": {
        "patients": ["Réduire de moitié le nombre de patients en ALD sans médecin traitant en trois ans.",
                     "Obtenir un rendez-vous de soins non programmés dans la journée.",
                     "Atteindre 65 % de couverture vaccinale antigrippale chez les plus de 65 ans."],
        "professionnels": ["Rompre l’isolement par des temps d’échange réguliers.",
                           "Partager des protocoles et des outils communs (messagerie sécurisée, agenda partagé).",
                           "Faciliter l’installation de nouveaux professionnels."]},
    "engagement_missions_socle": True,
    "autres_coordinations": "Deux maisons de santé pluriprofessionnelles (Villedieu, Granville Centre), une équipe de soins primaires à Bréhal et le DAC Sud Manche sont présents ; la CPTS s’appuiera sur eux sans s’y substituer, le DAC restant l’interlocuteur des situations complexes.",
    "coherence_prs_cls": "Le projet s’inscrit dans les priorités du projet régional de santé de Normandie (maladies chroniques, santé mentale, prévention) et dans le contrat local de santé du Pays de la Baie.",
    "redaction_projet": "coordonnateur",
    "calendrier": [
        {"etape": "Dépôt de la lettre d’intention", "date": "2025-04-07"},
        {"etape": "Recrutement de la coordinatrice", "date": "2025-06-02"},
        {"etape": "Ateliers de diagnostic partagé", "date": "2025-09-15"},
        {"etape": "Dépôt du projet de santé", "date": "2026-01-30"},
        {"etape": "Signature du contrat ACI", "date": "2026-04-15"}],
    "budget_amorcage": {
        "charges": [
            {"libelle": "Communication (site, lettre d’information, soirées de présentation)", "montant": 2500},
            {"libelle": "Frais de réunion (location de salles, repas)", "montant": 3000},
            {"libelle": "Rémunération de la coordinatrice (salaire et charges, 6 mois)", "montant": 15500},
            {"libelle": "Indemnisation du temps d’écriture de l’équipe projet", "montant": 4000}],
        "produits": [
            {"libelle": "Subvention d’amorçage (FIR)", "financeur": "ARS Normandie", "montant": 15000},
            {"libelle": "Subvention", "financeur": "Communauté de communes Granville Terre et Mer", "montant": 6000},
            {"libelle": "Cotisations des membres", "montant": 4000}]},
    "lettre_intention": {
        "date": "2025-04-07", "lieu": "Granville",
        "destinataire": {"titre": "Monsieur le Directeur général", "organisme": "Agence régionale de santé de Normandie",
                         "adresse": {"ligne1": "2 place Jean Nouzille", "ligne2": "CS 55035", "code_postal": "14050", "commune": "Caen"}}},
}

# Seed 003: a territory of 73 communes, 105 452 inhabitants (taille 3).
SARTHE = ["La Flèche", "Sablé-sur-Sarthe", "Le Lude", "Malicorne-sur-Sarthe", "Mayet", "Pontvallain", "Parcé-sur-Sarthe",
          "Précigné", "Solesmes", "Juigné-sur-Sarthe", "Louailles", "Vion", "Avoise", "Noyen-sur-Sarthe", "Bazouges-Cré-sur-Loir",
          "Clermont-Créans", "Thorée-les-Pins", "Mareil-sur-Loir", "Crosmières", "Villaines-sous-Malicorne", "Ligron",
          "Courcelles-la-Forêt", "Oizé", "Cérans-Foulletourte", "Yvré-le-Pôlin", "Requeil", "Mansigné", "Coulongé",
          "Sarcé", "Aubigné-Racan", "Vaas", "Château-du-Loir", "Luché-Pringé", "Dissé-sous-le-Lude", "Savigné-sous-le-Lude",
          "Chenu", "Verneil-le-Chétif", "Saint-Jean-de-la-Motte", "Saint-Biez-en-Belin", "Courtillers", "Asnières-sur-Vègre",
          "Auvers-le-Hamon", "Beaumont-Pied-de-Bœuf", "Bouessay", "Dureil", "Fercé-sur-Sarthe", "Fontenay-sur-Vègre",
          "Le Bailleul", "Longnes", "Pincé", "Poillé-sur-Vègre", "Souvigné-sur-Sarthe", "Tassé", "Vallon-sur-Gée",
          "Arthezé", "Bousse", "Courcelles", "Lavernat", "Le Grand-Lucé", "Mézeray", "Saint-Germain-d’Arcé", "Chemiré-le-Gaudin",
          "Fillé", "Guécélard", "La Fontaine-Saint-Martin", "Roëzé-sur-Sarthe", "Spay", "Moncé-en-Belin", "Écommoy",
          "Saint-Gervais-en-Belin", "Marigné-Laillé", "Laigné-en-Belin", "Teloché"]
assert len(SARTHE) == 73, len(SARTHE)
weights = [15000, 12500, 4000, 2000, 3000, 1700, 2100, 2800, 1300, 1100, 1000, 1500, 500, 2900, 1700, 1300, 800, 600,
           1000, 400, 300, 350, 1000, 3300, 1700, 1200, 1700, 500, 400, 2100, 1800, 5300, 1500, 700, 600, 400, 300, 600, 500,
           900, 300, 1300, 200, 600, 200, 700, 300, 400, 300, 200, 500, 400, 1000, 800, 300, 700, 500, 500, 1800, 1000, 700,
           1000, 1300, 3000, 700, 2500, 3000, 3500, 4800, 2400, 1600, 2100, 3200]
assert len(weights) == 73
pops = scale(weights, 105452)
loir = json.loads(json.dumps(sud_manche))
loir.update({
    "cpts": {
        "nom": "CPTS Vallée du Loir et de la Sarthe", "sigle": "CPTS VLS", "forme_juridique": "Association loi 1901",
        "statut_association": "creee", "siret": luhn_siret("9234567810001"), "date_creation": "2026-04-20",
        "adresse": {"ligne1": "4 boulevard d’Anjou", "code_postal": "72200", "commune": "La Flèche"},
        "telephone": "02 43 94 00 00", "courriel": "projet@cpts-vls.fr",
        "representant_legal": {"civilite": "Dr", "prenom": "Isabelle", "nom": "Chauvin", "fonction": "Présidente",
                               "profession": "Médecin généraliste"},
        "contact": {"civilite": "Mme", "prenom": "Aurélie", "nom": "Besnard", "fonction": "Chargée de projet",
                    "profession": "Infirmière", "telephone": "06 98 76 54 32", "courriel": "a.besnard@cpts-vls.fr"}},
    "territoire": {
        "nom": "Vallée du Loir et de la Sarthe", "departement": "Sarthe", "region": "Pays de la Loire",
        "description": "Un territoire rural organisé autour de deux pôles, La Flèche et Sablé-sur-Sarthe, et de bourgs-centres ; la densité médicale y est inférieure à la moyenne régionale.",
        "communes": [{"nom": n, "code_insee": f"72{100 + i:03d}", "population": p} for i, (n, p) in enumerate(zip(SARTHE, pops))],
        "population": 105452},
})
loir["collectif"]["professionnels"] = [
    pro("Médecin généraliste", "Isabelle", "Chauvin", "La Flèche", "MSP du Pôle santé fléchois", True, civ="Dr"),
    pro("Médecin généraliste", "Rémi", "Gaudin", "Sablé-sur-Sarthe", "Centre de santé municipal", True, civ="Dr"),
    pro("Médecin généraliste", "Nadia", "Benali", "Le Lude", "Cabinet médical", False, True, civ="Dr"),
    pro("Infirmière", "Christelle", "Moreau", "Malicorne-sur-Sarthe", "Cabinet infirmier", True),
    pro("Pharmacien", "Olivier", "Rousseau", "La Flèche", "Pharmacie du Marché", True),
    pro("Masseur-kinésithérapeute", "Damien", "Pasquier", "Sablé-sur-Sarthe", "Cabinet libéral", False),
    pro("Sage-femme", "Laure", "Tessier", "Mayet", "Cabinet libéral", False, True),
    pro("Orthophoniste", "Pauline", "Gohier", "La Flèche", "MSP du Pôle santé fléchois", False),
    pro("Podologue", "Kévin", "Hardouin", "Écommoy", "Cabinet libéral", False),
    pro("Infirmier", "Grzegorz", "Wiśniewski", "Château-du-Loir", "Centre de soins infirmiers", False, True),
]
loir["collectif"]["etablissements"] = [
    {"service": "Pôle santé", "nom": "Pôle santé Sarthe et Loir", "localisation": "Le Bailleul",
     "representant": {"prenom": "Stéphane", "nom": "Perrin", "fonction": "Directeur"}, "gouvernance": True, "participation_incertaine": False},
    {"service": "EHPAD", "nom": "EHPAD Les Tilleuls", "localisation": "Sablé-sur-Sarthe", "gouvernance": False, "participation_incertaine": False},
    {"service": "Hospitalisation à domicile", "nom": "HAD 72", "localisation": "Le Mans", "gouvernance": False, "participation_incertaine": True}]
loir["collectif"]["communication"] = "Une réunion publique s’est tenue dans chacun des deux pôles en février 2026 ; l’URPS des médecins libéraux et la CPAM de la Sarthe ont relayé l’invitation auprès de 530 professionnels."
loir["collectif"]["a_associer"] = ["Les chirurgiens-dentistes du territoire", "Le centre médico-psychologique de Sablé"]
loir["diagnostic"]["medecin_traitant"] = [
    "8,1 % des patients de 17 ans et plus n’ont pas de médecin traitant, contre 9 à 10 % dans le département, la région et en France.",
    "Environ 500 patients en affection de longue durée n’ont pas de médecin traitant."]
# The Sud Manche texts this dossier was copied from name Granville, the littoral
# and the SAS de la Manche: the lettre d'intention parts are rewritten for the
# Sarthe territory of seed 003 (fewer emergency visits and more direct
# admissions than elsewhere, ALD slightly below the region, little precarity).
loir["collectif"]["modalites_coordination"] = [
    "Les maisons de santé de La Flèche, de Sablé-sur-Sarthe et du Lude tiennent chaque mois une réunion de concertation pluriprofessionnelle ; elles ont déjà rédigé ensemble un protocole de prise en charge des plaies chroniques.",
    "Une messagerie sécurisée de santé relie la plupart des médecins, des pharmacies et des cabinets infirmiers au Pôle santé Sarthe et Loir, qui adresse ses comptes rendus de sortie par ce canal."]
loir["diagnostic"]["soins_non_programmes"] = [
    "Les passages aux urgences sont moins nombreux qu’ailleurs et les admissions directes en médecine plus fréquentes : la continuité entre la ville et le Pôle santé Sarthe et Loir est meilleure que dans le reste du département.",
    "Les demandes de soins non programmés restent traitées cabinet par cabinet ; les patients des communes sans médecin se reportent sur La Flèche et Sablé-sur-Sarthe."]
loir["diagnostic"]["parcours"] = [
    "La population en affection de longue durée est légèrement moins nombreuse que dans la région, mais le vieillissement des bourgs ruraux accroît les situations de perte d’autonomie à domicile.",
    "Les sorties d’hospitalisation des personnes âgées vers le domicile sont mal préparées avec les infirmiers et les pharmaciens de ville."]
loir["diagnostic"]["prevention"] = [
    "Le territoire est nettement moins marqué par la précarité qu’ailleurs ; la participation aux dépistages organisés des cancers reste pourtant inférieure à la moyenne régionale.",
    "Les chutes des personnes âgées sont la première cause d’hospitalisation évitable signalée par le Pôle santé."]
loir["diagnostic"]["qualite"] = ["Les professionnels souhaitent développer des revues de pertinence sur la prescription d’antibiotiques."]
loir["diagnostic"]["accompagnement"] = ["Quatre médecins généralistes sur dix ont plus de 60 ans : l’accueil des internes et l’installation des jeunes professionnels sont un enjeu pour les deux pôles."]
loir["orientations"] = [
    {"mission": "acces", "intitule": "Un médecin traitant pour chaque patient en ALD",
     "description": "Recenser avec la CPAM de la Sarthe les quelque 500 patients en ALD sans médecin traitant et organiser leur prise en charge par les maisons de santé."},
    {"mission": "acces", "intitule": "Organiser les soins non programmés",
     "description": "Créneaux partagés entre cabinets des deux pôles, régulés avec le SAS de la Sarthe, pour les communes sans médecin."},
    {"mission": "parcours", "intitule": "Sortie d’hospitalisation de la personne âgée",
     "description": "Protocole ville – Pôle santé Sarthe et Loir : appel du médecin traitant, visite infirmière et bilan de médication dans les 72 heures."},
    {"mission": "prevention", "intitule": "Dépistage des cancers et prévention des chutes",
     "description": "Relance des patients non dépistés par les pharmaciens et les infirmiers ; ateliers d’équilibre avec les masseurs-kinésithérapeutes."},
    {"mission": "crises", "intitule": "Se préparer aux crises sanitaires graves",
     "description": "Plan de réponse de la CPTS (canicule, épidémie) rédigé avec l’ARS, les communes et le Pôle santé ; annuaire d’astreinte des professionnels."},
    {"mission": "qualite", "intitule": "Pertinence des prescriptions d’antibiotiques",
     "description": "Groupes de pairs pluriprofessionnels et retours d’expérience sur les prescriptions."}]
loir["objectifs"] = {
    "patients": ["Trouver un médecin traitant à la moitié des patients en ALD qui n’en ont pas, en trois ans.",
                 "Obtenir un rendez-vous de soins non programmés dans la journée, y compris dans les communes sans médecin.",
                 "Préparer chaque sortie d’hospitalisation d’une personne âgée avec son équipe de ville."],
    "professionnels": ["Rompre l’isolement par des temps d’échange réguliers entre les deux pôles.",
                       "Partager des protocoles et des outils communs (messagerie sécurisée, agenda partagé).",
                       "Faciliter l’installation de nouveaux professionnels."]}
loir["autres_coordinations"] = "Trois maisons de santé, un centre de santé municipal et le DAC de la Sarthe ; une plateforme de télésanté est en projet avec le pôle santé."
loir["coherence_prs_cls"] = "Le projet rejoint les priorités du PRS des Pays de la Loire et le contrat local de santé du Pays Vallée du Loir."
loir["redaction_projet"] = "groupe_professionnels"
loir["calendrier"] = [
    {"etape": "Dépôt de la lettre d’intention", "date": "2026-03-02"},
    {"etape": "Création de l’association", "date": "2026-04-20"},
    {"etape": "Dépôt du projet de santé", "date": "2026-12-15"}]
loir["budget_amorcage"] = {
    "charges": [{"libelle": "Communication", "montant": 3000}, {"libelle": "Frais de réunion", "montant": 4500},
                {"libelle": "Indemnisation du temps d’écriture de l’équipe projet", "montant": 12500}],
    "produits": [{"libelle": "Subvention d’amorçage (FIR)", "financeur": "ARS Pays de la Loire", "montant": 20000}]}
loir["lettre_intention"] = {
    "date": "2026-03-02", "lieu": "La Flèche",
    "destinataire": {"titre": "Madame la Directrice générale", "organisme": "Agence régionale de santé des Pays de la Loire",
                     "adresse": {"ligne1": "17 boulevard Gaston Doumergue", "ligne2": "CS 56233", "code_postal": "44262", "commune": "Nantes"}}}

def ind(id, mission, libelle, nature, pays, source, calcul, ref, cibles, sens, poids=1, unite=None, realise=None):
    d = {"id": id, "mission": mission, "libelle": libelle, "nature": nature, "conditionne_remuneration": pays,
         "source": source, "mode_calcul": calcul, "valeur_reference": ref, "cibles": cibles, "poids": poids, "sens": sens}
    if unite: d["unite"] = unite
    if realise: d["realise"] = realise
    return d

NATIONAL = [
    ind("mt_patients", "acces", "Patients ayant un médecin traitant sur le territoire", "resultats", True,
        "Assurance Maladie (SNDS)", "Nombre de patients de 17 ans et plus ayant déclaré un médecin traitant exerçant sur le territoire",
        51200, [51600, 52000, 52400, 52800, 53200], "hausse", 2, "patients"),
    ind("mt_ald", "acces", "Patients en ALD sans médecin traitant", "resultats", True,
        "Assurance Maladie (SNDS)", "Nombre de patients en affection de longue durée sans médecin traitant déclaré",
        420, [380, 330, 280, 240, 210], "baisse", 2, "patients"),
    ind("mt_70", "acces", "Patients de 70 ans et plus sans médecin traitant", "resultats", False,
        "Assurance Maladie (SNDS)", "Part des patients de 70 ans et plus sans médecin traitant", 4.2, [3.9, 3.6, 3.3, 3.0, 2.8], "baisse", 1, "%"),
    ind("mt_css", "acces", "Patients bénéficiaires de la CSS sans médecin traitant", "resultats", False,
        "Assurance Maladie (SNDS)", "Part des bénéficiaires de la complémentaire santé solidaire sans médecin traitant",
        11.5, [11, 10.5, 10, 9.5, 9], "baisse", 1, "%"),
    ind("urg_sans_hospit", "acces", "Passages aux urgences non suivis d’hospitalisation", "resultats", False,
        "PMSI / RPU", "Taux de passages aux urgences non suivis d’hospitalisation", 62, [61, 60, 59, 58, 57], "baisse", 1, "%"),
    ind("admissions_directes", "acces", "Admissions directes en médecine", "resultats", False,
        "PMSI", "Part des hospitalisations en médecine sans passage par les urgences", 38, [39, 40, 41, 42, 43], "hausse", 1, "%"),
    ind("snp_consultations", "acces", "Consultations de soins non programmés via l’organisation territoriale", "moyens", True,
        "Outil de régulation de la CPTS", "Nombre de consultations réalisées sur les créneaux territoriaux de soins non programmés",
        0, [1500, 3000, 4500, 5500, 6000], "hausse", 2, "consultations"),
]

def contrat_sud_manche():
    return {
        "signature": {"date": "2026-04-15", "lieu": "Saint-Lô"},
        "projet_sante_valide_le": "2026-03-20",
        "cpam": {"nom": "Caisse primaire d’assurance maladie de la Manche",
                 "adresse": {"ligne1": "Place du Champ de Mars", "code_postal": "50000", "commune": "Saint-Lô"},
                 "directeur": {"civilite": "Mme", "prenom": "Claire", "nom": "Duval", "fonction": "Directrice"}},
        "ars": {"nom": "Agence régionale de santé de Normandie",
                "adresse": {"ligne1": "2 place Jean Nouzille", "ligne2": "CS 55035", "code_postal": "14050", "commune": "Caen"},
                "directeur_general": {"civilite": "M.", "prenom": "Paul", "nom": "Roux", "fonction": "Directeur général"}},
        "msa": {"nom": "Caisse de MSA Côtes Normandes",
                "adresse": {"ligne1": "37 rue Maréchal Leclerc", "code_postal": "50300", "commune": "Avranches"},
                "directeur": {"civilite": "M.", "prenom": "Hervé", "nom": "Letourneur", "fonction": "Directeur général"},
                "signataire": False},
        "missions": [
            {"id": "acces", "debut": "2026-04-15", "volets": ["mt", "snp"],
             "description": "Recensement des patients sans médecin traitant avec la CPAM, orientation vers les équipes de soins primaires ; plages de soins non programmés partagées et régulation territoriale avec le SAS de la Manche, renforcée l’été."},
            {"id": "parcours", "debut": "2026-10-01",
             "description": "Parcours BPCO et insuffisance rénale chronique (protocoles ville-hôpital, spirométrie en cabinet) ; santé mentale à la sortie d’hospitalisation."},
            {"id": "prevention", "debut": "2026-10-01",
             "description": "Vaccination antigrippale et dépistage des cancers ; iatrogénie médicamenteuse du sujet âgé."},
            {"id": "accompagnement", "debut": "2027-01-01",
             "description": "Accueil des internes et compagnonnage des nouveaux installés."},
        ],
        "indicateurs": NATIONAL + [
            ind("bpco_protocoles", "parcours", "Protocoles pluriprofessionnels BPCO et IRC formalisés", "moyens", True,
                "CPTS", "Nombre de protocoles validés et diffusés", 0, [1, 2, 3, 3, 3], "hausse", 1, "protocoles"),
            ind("bpco_spirometrie", "parcours", "Patients BPCO ayant eu une spirométrie dans l’année", "resultats", True,
                "Assurance Maladie (SNDS)", "Part des patients BPCO du territoire ayant eu une spirométrie dans l’année",
                22, [25, 30, 35, 40, 45], "hausse", 2, "%"),
            ind("grippe_65", "prevention", "Couverture vaccinale antigrippale des 65 ans et plus", "resultats", True,
                "Assurance Maladie (SNDS)", "Part des 65 ans et plus vaccinés contre la grippe", 54, [57, 60, 62, 64, 65], "hausse", 2, "%"),
            ind("bilans_medication", "prevention", "Bilans partagés de médication réalisés", "moyens", True,
                "Assurance Maladie", "Nombre de bilans partagés de médication facturés par les pharmacies du territoire",
                40, [80, 120, 160, 200, 240], "hausse", 1, "bilans"),
            ind("internes_accueillis", "accompagnement", "Internes et stagiaires accueillis", "moyens", True,
                "CPTS", "Nombre d’internes et de stagiaires accueillis dans l’année", 2, [3, 4, 5, 6, 6], "hausse", 1),
        ],
        "reunions": [{"date": "2026-10-15", "objet": "Comité de pilotage : lancement des missions parcours et prévention"}, {"date": "2027-01-14", "objet": "Comité de pilotage : point d’étape de la première année"}, {"date": "2027-05-20", "objet": "Réunion annuelle de suivi de la première année"}, {"date": "2027-11-18", "objet": "Comité de pilotage d’automne"}, {"date": "2028-05-17", "objet": "Réunion annuelle de suivi de la deuxième année"}, {"date": "2028-11-16", "objet": "Comité de pilotage d’automne"}, {"date": "2029-05-16", "objet": "Réunion annuelle de suivi de la troisième année"}, {"date": "2029-11-15", "objet": "Comité de pilotage d’automne"}, {"date": "2030-05-16", "objet": "Réunion annuelle de suivi de la quatrième année"}, {"date": "2030-11-14", "objet": "Comité de pilotage d’automne"}, {"date": "2031-05-15", "objet": "Réunion annuelle de suivi de la cinquième année"}],
    }

def contrat_loir():
    c = contrat_sud_manche()
    c["signature"] = {"date": "2027-01-18", "lieu": "Le Mans"}
    c["projet_sante_valide_le"] = "2027-01-11"  # deposited 15 December 2026, validated by the ARS before signature
    c.pop("msa")
    c["cpam"] = {"nom": "Caisse primaire d’assurance maladie de la Sarthe",
                 "adresse": {"ligne1": "178 avenue Bollée", "code_postal": "72033", "commune": "Le Mans"},
                 "directeur": {"civilite": "M.", "prenom": "Jérôme", "nom": "Hervouet", "fonction": "Directeur"}}
    c["ars"] = {"nom": "Agence régionale de santé des Pays de la Loire",
                "adresse": {"ligne1": "17 boulevard Gaston Doumergue", "ligne2": "CS 56233", "code_postal": "44262", "commune": "Nantes"},
                "directeur_general": {"civilite": "Mme", "prenom": "Sophie", "nom": "Lambert", "fonction": "Directrice générale"}}
    c["fonctionnement"] = {"montant": 70000}
    c["missions"] = [
        {"id": "acces", "debut": "2027-01-18", "volets": ["mt"]},
        {"id": "parcours", "debut": "2027-06-01"},
        {"id": "prevention", "debut": "2027-09-01", "montants": {"fixe": 15000}},
        {"id": "qualite", "debut": "2028-01-01"},
    ]
    c["indicateurs"] = [i for i in NATIONAL if i["id"] != "snp_consultations"] + [
        ind("irc_depistage", "parcours", "Patients diabétiques ou hypertendus ayant eu un dosage de créatininémie et de microalbuminurie",
            "resultats", True, "Assurance Maladie (SNDS)", "Part des patients concernés dépistés dans l’année", 31, [35, 40, 45, 50, 55], "hausse", 1, "%"),
        ind("depistage_colorectal", "prevention", "Participation au dépistage organisé du cancer colorectal", "resultats", True,
            "Centre régional de coordination des dépistages", "Taux de participation des 50-74 ans", 31, [33, 35, 37, 39, 40], "hausse", 1, "%"),
        ind("groupes_pairs", "qualite", "Groupes de pairs pluriprofessionnels sur la pertinence des antibiotiques", "moyens", True,
            "CPTS", "Nombre de séances tenues dans l’année", 0, [2, 4, 4, 4, 4], "hausse", 1, "séances"),
    ]
    c["reunions"] = [{"date": "2027-06-15", "objet": "Comité de pilotage : lancement de la mission parcours"}, {"date": "2027-11-16", "objet": "Comité de pilotage d’automne"}, {"date": "2028-03-10", "objet": "Réunion annuelle de suivi de la première année"}, {"date": "2028-10-12", "objet": "Comité de pilotage d’automne"}, {"date": "2029-03-08", "objet": "Réunion annuelle de suivi de la deuxième année"}, {"date": "2029-10-11", "objet": "Comité de pilotage d’automne"}, {"date": "2030-03-07", "objet": "Réunion annuelle de suivi de la troisième année"}, {"date": "2030-10-10", "objet": "Comité de pilotage d’automne"}, {"date": "2031-03-06", "objet": "Réunion annuelle de suivi de la quatrième année"}, {"date": "2031-10-09", "objet": "Comité de pilotage d’automne"}, {"date": "2032-03-11", "objet": "Réunion annuelle de suivi de la cinquième année"}]
    return c

def bl(compte, libelle, montants, financeur=None):
    d = {"compte": compte, "libelle": libelle, "montants": montants}
    if financeur: d["financeur"] = financeur
    return d

# The ACI line of each budget is what the contract's schedule pays in that calendar year
# (annex 4, at full achievement): the budget agrees with the contract (warning W339 otherwise).
ACI_SUD_MANCHE = [127011.98, 217960.62, 267000]
ACI_LOIR = [114393.84, 218839.03]

sud_manche["budget_previsionnel"] = {
    "date": "2026-01-30",
    "annees": [2026, 2027, 2028],
    "charges": [
        bl("604", "Prestations de services (formation, animation de réunions)", [8000, 10000, 10000]),
        bl("606", "Fournitures", [2000, 2000, 2000]),
        bl("613", "Locations", [6000, 6000, 6000]),
        bl("616", "Assurance", [800, 800, 800]),
        bl("622", "Honoraires (expert-comptable, commissaire aux comptes)", [3000, 3000, 3000]),
        bl("6226", "Indemnisation des professionnels de santé (temps de coordination)", [23811.98, 79760.62, 126800]),
        bl("623", "Publicité, publication", [2500, 2000, 2000]),
        bl("625", "Déplacements, missions", [4000, 5000, 5000]),
        bl("641", "Rémunération de la coordination", [70000, 85000, 87000]),
        bl("645", "Charges sociales", [30000, 36000, 37000]),
        bl("681", "Dotation aux amortissements (matériel informatique)", [1500, 1500, 1500]),
    ],
    "charges_indirectes": [
        {"nature": "fonctionnement", "libelle": "quote-part des locaux et du secrétariat de la maison de santé de Granville",
         "montants": [3000, 3000, 3000]},
        {"nature": "frais_financiers", "montants": [200, 200, 200]},
    ],
    "produits": [
        dict(bl("7411", "Accord conventionnel interprofessionnel", ACI_SUD_MANCHE, "CPAM de la Manche"), aci=True),
        bl("7412", "Fonds d’intervention régional", [20000, 10000, 10000], "ARS Normandie"),
        bl("7414", "Subvention de fonctionnement", [3000, 3000, 3000], "Communauté de communes Granville Terre et Mer"),
        bl("756", "Cotisations des membres", [4800, 3300, 4300]),
    ],
    "contributions": {
        "emplois": [bl("860", "Mise à disposition gratuite de locaux", [3000, 3000, 3000]),
                    bl("864", "Personnel bénévole", [12000, 12000, 12000])],
        "ressources": [bl("870", "Prestations en nature (locaux de la communauté de communes)", [3000, 3000, 3000]),
                       bl("875", "Bénévolat", [12000, 12000, 12000])],
    },
}
loir["budget_previsionnel"] = {
    "annees": [2027, 2028],
    "charges": [
        bl("606", "Fournitures", [2500, 2500]), bl("613", "Locations", [7000, 7000]),
        bl("622", "Honoraires", [3500, 3500]), bl("623", "Publicité, publication", [3000, 2000]),
        bl("625", "Déplacements, missions", [6000, 7000]),
        bl("6226", "Indemnisation des professionnels de santé", [30000, 92500]),
        bl("641", "Rémunération de la coordination", [60000, 85000]), bl("645", "Charges sociales", [32393.84, 38339.03])],
    "produits": [
        dict(bl("7411", "Accord conventionnel interprofessionnel", ACI_LOIR, "CPAM de la Sarthe"), aci=True),
        bl("7412", "Fonds d’intervention régional", [25000, 15000], "ARS Pays de la Loire"),
        bl("756", "Cotisations des membres", [5000, 4000])],
}

def statuts(nom_cpts, ville, date, bureau, signataires, affiliation=None, liberalites=True):
    d = {
        "objet": [
            f"L’association a pour objet de porter la communauté professionnelle territoriale de santé « {nom_cpts} », au sens de l’article L. 1434-12 du code de la santé publique, et de mettre en œuvre son projet de santé.",
            "À ce titre, elle organise l’amélioration de l’accès aux soins (accès à un médecin traitant, soins non programmés), les parcours pluriprofessionnels autour du patient, les actions territoriales de prévention, la réponse aux crises sanitaires graves et, selon ses choix, la qualité et la pertinence des soins et l’accompagnement des professionnels de santé du territoire.",
            "Elle peut conclure tout contrat, notamment le contrat prévu par l’accord conventionnel interprofessionnel, et recevoir les financements correspondants."],
        "duree": "illimitée",
        "transfert_siege": "conseil",
        "colleges": [
            {"nom": "Collège des professionnels de santé libéraux", "composition": "les professionnels de santé exerçant à titre libéral sur le territoire, quelle que soit leur profession"},
            {"nom": "Collège des professionnels de santé salariés", "composition": "les professionnels de santé salariés exerçant sur le territoire, en centre de santé, en établissement ou dans un service, quelle que soit leur profession"},
            {"nom": "Collège des structures d’exercice coordonné", "composition": "les maisons et centres de santé, équipes de soins primaires et de soins spécialisés du territoire", "personnes_morales": True},
            {"nom": "Collège des établissements et services", "composition": "les établissements de santé, sociaux et médico-sociaux et les services du territoire", "personnes_morales": True},
            {"nom": "Collège des partenaires et usagers", "composition": "les associations d’usagers, collectivités et autres partenaires qui soutiennent le projet"}],
        "admission": {"ouverte_toutes_categories": True, "agrement": "bureau"},
        "cotisation": {"montant_annuel": 20, "fixee_par": "assemblee"},
        "ressources": ["les cotisations des membres", "les subventions de l’État, de l’agence régionale de santé, des collectivités territoriales et de leurs établissements", "les financements de l’Assurance Maladie au titre de l’accord conventionnel interprofessionnel", "toute autre ressource autorisée par la loi"],
        "ag_ordinaire": {"mois": "juin", "convocation_jours": 15, "quorum": {"fraction": "quart", "representes": True}, "majorite": {"type": "simple", "base": "presents_representes"}},
        "ag_extraordinaire": {"quorum": {"fraction": "moitie", "representes": True}, "majorite": {"type": "deux_tiers", "base": "presents_representes"}},
        "conseil": {"membres": 12, "duree_mandat_ans": 3, "renouvellement": "par tiers chaque année", "reunions": "au moins une fois tous les six mois"},
        "bureau": bureau,
        "reglement_interieur": True,
        "dissolution": {"beneficiaire": "une ou plusieurs associations poursuivant un but similaire sur le territoire"},
        "liberalites": liberalites,
        "fait_a": ville, "fait_le": date,
        "signataires": signataires}
    if affiliation: d["affiliation"] = affiliation
    return d

sud_manche["statuts"] = statuts("CPTS Sud Manche", "Granville", "2024-11-14",
    [{"role": "president", "civilite": "Pr", "prenom": "Yves", "nom": "Lebas", "profession": "Médecin généraliste"},
     {"role": "vice_president", "civilite": "Dr", "prenom": "Étienne", "nom": "Sabathier", "profession": "Médecin généraliste"},
     {"role": "secretaire", "prenom": "Sophie", "nom": "Marie", "profession": "Infirmière"},
     {"role": "tresorier", "prenom": "Claire", "nom": "Hamel", "profession": "Pharmacienne"}],
    [{"civilite": "Pr", "prenom": "Yves", "nom": "Lebas", "fonction": "Président"},
     {"prenom": "Claire", "nom": "Hamel", "fonction": "Trésorière"},
     {"prenom": "Sophie", "nom": "Marie", "fonction": "Secrétaire"}],
    affiliation="L’association peut adhérer à la Fédération des communautés professionnelles territoriales de santé et à toute fédération régionale poursuivant des buts similaires, par décision du conseil d’administration.")
loir["statuts"] = statuts("CPTS Vallée du Loir et de la Sarthe", "La Flèche", "2026-04-20",
    [{"role": "president", "civilite": "Dr", "prenom": "Isabelle", "nom": "Chauvin", "profession": "Médecin généraliste"},
     {"role": "secretaire", "prenom": "Christelle", "nom": "Moreau", "profession": "Infirmière"},
     {"role": "tresorier", "prenom": "Olivier", "nom": "Rousseau", "profession": "Pharmacien"}],
    [{"civilite": "Dr", "prenom": "Isabelle", "nom": "Chauvin", "fonction": "Présidente"},
     {"prenom": "Olivier", "nom": "Rousseau", "fonction": "Trésorier"}],
    affiliation=None, liberalites=False)

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

ACTIONS_SM = [
    action("A1", "Un médecin traitant pour chaque patient fragile", ["acces"],
           "Garantir l’accès à un médecin traitant aux patients en ALD et de plus de 70 ans qui n’en ont pas.",
           "Réduire de moitié en trois ans le nombre de patients en ALD sans médecin traitant.",
           ["Chaque trimestre, la CPAM transmet à la coordination la liste anonymisée des patients concernés par commune ; la coordinatrice les oriente vers les équipes de soins primaires volontaires, qui se répartissent les prises en charge selon leur capacité.",
            "Une consultation longue d’entrée dans la patientèle est proposée, avec un bilan partagé infirmier pour les patients polymédiqués."],
           "Patients en ALD, de plus de 70 ans ou bénéficiaires de la CSS sans médecin traitant",
           ["Médecins généralistes", "Infirmiers en pratique avancée", "CPAM de la Manche", "Coordination de la CPTS"],
           "2026-05-01", "2028-12-31", [("2026-06-15", "Première liste transmise par la CPAM"), ("2027-05-20", "Bilan annuel")],
           [("Patients en ALD sans médecin traitant", "210 fin 2028 (420 en 2025)"), ("Médecins volontaires", "25")],
           sous_missions=["medecin_traitant"], liens=["A2"], prs=["Accès aux soins de premier recours"],
           diag=["8,9 % des patients de 17 ans et plus sans médecin traitant", "420 patients en ALD sans médecin traitant"]),
    action("A2", "Organisation territoriale des soins non programmés", ["acces"],
           "Répondre dans la journée aux demandes de soins non programmés et désengorger les urgences.",
           "Ouvrir 40 créneaux partagés par semaine, 80 l’été, régulés avec le SAS de la Manche.",
           ["Les médecins volontaires réservent des créneaux dans un agenda partagé ; la régulation du SAS et les pharmacies y orientent les patients.",
            "L’été, une permanence renforcée est organisée sur le littoral avec les médecins remplaçants."],
           "Patients du territoire et estivants",
           ["Médecins généralistes", "SAS de la Manche", "Pharmacies", "Centre hospitalier Avranches-Granville"],
           "2026-06-01", "2027-12-31", [("2026-07-01", "Ouverture de l’agenda partagé"), ("2027-06-15", "Dispositif estival renforcé")],
           [("Consultations réalisées sur les créneaux territoriaux", "3 000 par an"), ("Passages aux urgences non suivis d’hospitalisation", "60 %")],
           sous_missions=["soins_non_programmes"], liens=["A1"], prs=["Soins non programmés"]),
    action("A3", "Parcours BPCO et insuffisance rénale chronique", ["parcours"],
           "Repérer plus tôt et suivre ensemble les patients BPCO et insuffisants rénaux.",
           "Formaliser deux protocoles ville-hôpital et porter à 40 % la part des patients BPCO ayant une spirométrie annuelle.",
           ["Spirométrie en cabinet par des médecins et infirmiers formés ; orientation précoce vers la néphrologie sur critères partagés.",
            "Éducation thérapeutique en lien avec le centre hospitalier."],
           "Patients atteints de BPCO ou d’insuffisance rénale chronique",
           ["Médecins généralistes", "Pneumologues et néphrologues du centre hospitalier", "Infirmiers", "Masseurs-kinésithérapeutes"],
           "2026-10-01", "2029-03-31", [("2027-03-31", "Protocole BPCO validé"), ("2027-09-30", "Protocole IRC validé")],
           [("Protocoles validés et diffusés", "2"), ("Patients BPCO avec spirométrie annuelle", "40 % en 2029")],
           prs=["Maladies chroniques"], diag=["BPCO sous-diagnostiquée", "Orientation tardive vers la néphrologie"]),
    action("A4", "Santé mentale : sortir de l’hôpital sans rupture", ["parcours"],
           "Éviter les ruptures de parcours à la sortie d’hospitalisation psychiatrique.",
           "Un rendez-vous de ville dans les sept jours pour chaque sortie signalée.",
           ["Fiche de liaison entre le CMP, le médecin traitant et le pharmacien ; réunions mensuelles de concertation pour les situations complexes avec le DAC."],
           "Patients suivis en psychiatrie", ["CMP de Granville", "Médecins généralistes", "Pharmaciens", "DAC Sud Manche"],
           "2027-01-01", "2028-12-31", [], [("Sorties suivies d’un rendez-vous sous 7 jours", "80 %")], liens=["A3"]),
    action("A5", "Vaccination, dépistage des cancers et iatrogénie", ["prevention"],
           "Améliorer la couverture vaccinale et le dépistage, réduire la iatrogénie du sujet âgé.",
           "Atteindre 65 % de couverture antigrippale chez les 65 ans et plus et 240 bilans partagés de médication par an.",
           ["Campagnes coordonnées médecins – pharmaciens – infirmiers ; relance des patients non dépistés ; bilans partagés de médication en pharmacie et conciliation à la sortie d’hospitalisation."],
           "Patients de 65 ans et plus, population cible des dépistages", ["Pharmacies", "Infirmiers", "Médecins généralistes", "Centre régional de coordination des dépistages"],
           "2026-10-01", "2030-12-31", [("2026-10-15", "Première campagne antigrippale coordonnée")],
           [("Couverture antigrippale des 65 ans et plus", "65 %"), ("Bilans partagés de médication", "240 par an")],
           prs=["Prévention et promotion de la santé"]),
]

def projet(actions, date, titulaire):
    return {
        "date": date,
        "coordonnees_bancaires": {"titulaire": titulaire, "iban": "FR76 1234 5678 9012 3456 7890 123", "bic": "AGRIFRPP866"},
        "offre_existante": {
            "soins": ["38 médecins généralistes, 120 infirmiers libéraux, 26 pharmacies, 45 masseurs-kinésithérapeutes ; un centre hospitalier avec service d’urgences."],
            "medico_social": ["Six EHPAD, deux SSIAD, un service d’aide à domicile."],
            "social": ["Un centre communal d’action sociale dans chaque ville-centre."],
            "institutionnel": ["CPAM, MSA, ARS (délégation départementale), communautés de communes."],
            "coordination": ["Deux maisons de santé pluriprofessionnelles, une équipe de soins primaires, un dispositif d’appui à la coordination."]},
        "gouvernance": ["L’association est administrée par un conseil de douze membres élus par collège ; un bureau de quatre membres assure la gestion courante. Des groupes de travail par mission associent tout professionnel volontaire."],
        "actions": actions,
        "telemedecine": ["Téléexpertise dermatologie et cardiologie avec le centre hospitalier ; télésoin infirmier pour le suivi des plaies chroniques."],
        "mise_en_oeuvre": {
            "acces": ["Actions A1 (médecin traitant) et A2 (soins non programmés), avec la CPAM et le SAS."],
            "parcours": ["Actions A3 (BPCO, insuffisance rénale) et A4 (santé mentale)."],
            "prevention": ["Action A5 (vaccination, dépistage, iatrogénie)."],
            "accompagnement": ["Accueil des internes et des stagiaires, compagnonnage des nouveaux installés, à partir de 2027."],
            "crises": ["Un plan de réponse aux crises sanitaires graves sera rédigé la première année avec l’ARS et les communes."]},
        "calendrier": [{"etape": "Dépôt du projet de santé", "date": date},
                       {"etape": "Validation du projet de santé par l’ARS", "date": "2026-03-20"},
                       {"etape": "Signature du contrat ACI", "date": "2026-04-15"},
                       {"etape": "Lancement des missions parcours et prévention", "date": "2026-10-01"}],
        "coherence": ["Le projet s’articule avec le DAC, les MSP et le contrat local de santé ; il ne se substitue à aucun dispositif existant."],
        "evaluation": {"quantitatifs": ["Indicateurs de chaque fiche action", "Indicateurs du contrat ACI"],
                       "qualitatifs": ["Satisfaction des professionnels (enquête annuelle)", "Retours des usagers"]},
        "systeme_information": ["Messagerie sécurisée de santé, agenda partagé pour les soins non programmés, espace numérique de coordination régional."],
        "perennite": ["Le financement ACI assure le fonctionnement et la coordination ; les cotisations et les subventions des collectivités complètent le budget."]}

sud_manche["projet_sante"] = projet(ACTIONS_SM, "2026-01-30", "Association CPTS Sud Manche")
# The Vallée du Loir's own projet (seed 003's Sarthe territory, the orientations of its lettre).
ACTIONS_LOIR = [
    action("A1", "Un médecin traitant pour chaque patient en ALD", ["acces"],
           "Trouver un médecin traitant aux patients en affection de longue durée qui n’en ont pas.",
           "Réduire de moitié en trois ans le nombre des quelque 500 patients en ALD sans médecin traitant.",
           ["Chaque trimestre, la CPAM de la Sarthe transmet à la coordination la liste anonymisée des patients concernés par commune ; les maisons de santé volontaires se répartissent leur prise en charge."],
           "Patients en ALD sans médecin traitant",
           ["Médecins généralistes", "Maisons de santé du territoire", "CPAM de la Sarthe", "Coordination de la CPTS"],
           "2027-01-18", "2029-12-31", [("2027-03-15", "Première liste transmise par la CPAM"), ("2028-03-10", "Bilan annuel")],
           [("Patients en ALD sans médecin traitant", "250 fin 2029 (500 en 2026)")],
           sous_missions=["medecin_traitant"], liens=["A2"], prs=["Accès aux soins de premier recours"],
           diag=["8,1 % des patients de 17 ans et plus sans médecin traitant", "Environ 500 patients en ALD sans médecin traitant"]),
    action("A2", "Soins non programmés dans les communes sans médecin", ["acces"],
           "Répondre dans la journée aux demandes de soins non programmés des communes sans médecin.",
           "Ouvrir 30 créneaux partagés par semaine entre les cabinets des deux pôles, régulés avec le SAS de la Sarthe.",
           ["Les médecins volontaires de La Flèche et de Sablé-sur-Sarthe réservent des créneaux dans un agenda partagé ; la régulation du SAS et les pharmacies y orientent les patients."],
           "Patients des communes sans médecin",
           ["Médecins généralistes", "SAS de la Sarthe", "Pharmacies"],
           "2027-03-01", "2028-12-31", [("2027-04-01", "Ouverture de l’agenda partagé")],
           [("Consultations réalisées sur les créneaux partagés", "2 000 par an")],
           sous_missions=["soins_non_programmes"], liens=["A1"], prs=["Soins non programmés"]),
    action("A3", "Sortie d’hospitalisation de la personne âgée", ["parcours"],
           "Préparer chaque sortie d’hospitalisation d’une personne âgée avec son équipe de ville.",
           "Appliquer le protocole de sortie à 80 % des sorties signalées par le Pôle santé en 2029.",
           ["Protocole ville – Pôle santé Sarthe et Loir : appel du médecin traitant, visite infirmière et bilan de médication dans les 72 heures."],
           "Personnes âgées sortant d’hospitalisation vers le domicile",
           ["Pôle santé Sarthe et Loir", "Médecins généralistes", "Infirmiers", "Pharmaciens"],
           "2027-06-01", "2029-12-31", [("2027-12-15", "Protocole de sortie validé")],
           [("Sorties préparées selon le protocole", "80 % en 2029")],
           prs=["Parcours des personnes âgées"], diag=["Sorties d’hospitalisation des personnes âgées mal préparées avec la ville"]),
    action("A4", "Dépistage des cancers et prévention des chutes", ["prevention"],
           "Rapprocher la participation aux dépistages organisés de la moyenne régionale et prévenir les chutes des personnes âgées.",
           "Porter à 40 % la participation au dépistage du cancer colorectal et organiser dix ateliers d’équilibre par an.",
           ["Relance des patients non dépistés par les pharmaciens et les infirmiers ; ateliers d’équilibre avec les masseurs-kinésithérapeutes."],
           "Patients de 50 à 74 ans, personnes âgées vivant à domicile",
           ["Pharmaciens", "Infirmiers", "Masseurs-kinésithérapeutes", "Centre régional de coordination des dépistages"],
           "2027-09-01", "2031-12-31", [("2027-10-01", "Première campagne de relance")],
           [("Participation au dépistage organisé du cancer colorectal", "40 % en 2031"), ("Ateliers d’équilibre", "10 par an")],
           prs=["Prévention et promotion de la santé"],
           diag=["Participation aux dépistages inférieure à la moyenne régionale", "Chutes des personnes âgées, première cause d’hospitalisation évitable"]),
    action("A5", "Pertinence des prescriptions d’antibiotiques", ["qualite"],
           "Améliorer la pertinence des prescriptions d’antibiotiques sur le territoire.",
           "Réunir quatre fois par an des groupes de pairs pluriprofessionnels à partir de 2028.",
           ["Groupes de pairs pluriprofessionnels et retours d’expérience sur les prescriptions."],
           "Patients du territoire", ["Médecins généralistes", "Pharmaciens", "Infirmiers"],
           "2028-01-01", "2031-12-31", [], [("Séances de groupes de pairs", "4 par an")]),
]
loir["projet_sante"] = projet(ACTIONS_LOIR, "2026-12-15", "Association CPTS Vallée du Loir et de la Sarthe")
loir["projet_sante"]["offre_existante"] = {
    "soins": ["Une soixantaine de médecins généralistes, dont quatre sur dix ont plus de 60 ans, des infirmiers, pharmaciens et masseurs-kinésithérapeutes libéraux ; le Pôle santé Sarthe et Loir, avec service d’urgences."],
    "medico_social": ["Des EHPAD dans chaque pôle, des services de soins infirmiers à domicile, l’HAD 72."],
    "social": ["Les centres communaux d’action sociale de La Flèche et de Sablé-sur-Sarthe."],
    "institutionnel": ["CPAM de la Sarthe, MSA, ARS (délégation départementale de la Sarthe), communautés de communes."],
    "coordination": ["Trois maisons de santé, un centre de santé municipal, le DAC de la Sarthe."]}
loir["projet_sante"]["gouvernance"] = ["L’association est administrée par un conseil de douze membres élus par collège ; un bureau de trois membres assure la gestion courante. Des groupes de travail par mission associent tout professionnel volontaire."]
loir["projet_sante"]["telemedecine"] = ["Téléexpertise avec le Pôle santé Sarthe et Loir ; une plateforme de télésanté est en projet avec le pôle santé."]
loir["projet_sante"]["mise_en_oeuvre"] = {
    "acces": ["Actions A1 (médecin traitant) et A2 (soins non programmés), avec la CPAM et le SAS de la Sarthe."],
    "parcours": ["Action A3 (sortie d’hospitalisation de la personne âgée)."],
    "prevention": ["Action A4 (dépistage des cancers, prévention des chutes)."],
    "qualite": ["Action A5 (pertinence des prescriptions d’antibiotiques), à partir de 2028."],
    "crises": ["Un plan de réponse aux crises sanitaires graves (canicule, épidémie) sera rédigé la première année avec l’ARS, les communes et le Pôle santé."]}
loir["projet_sante"]["calendrier"] = [{"etape": "Dépôt du projet de santé", "date": "2026-12-15"},
                                      {"etape": "Validation du projet de santé par l’ARS", "date": "2027-01-11"},
                                      {"etape": "Signature du contrat ACI", "date": "2027-01-18"},
                                      {"etape": "Lancement de la mission parcours", "date": "2027-06-01"}]
loir["projet_sante"]["coherence"] = ["Le projet s’articule avec le DAC de la Sarthe, les maisons de santé et le contrat local de santé du Pays Vallée du Loir ; il ne se substitue à aucun dispositif existant."]
loir["projet_sante"]["systeme_information"] = ["Messagerie sécurisée de santé, agenda partagé des créneaux de soins non programmés, plateforme de télésanté du pôle santé."]

sud_manche["contrat"] = contrat_sud_manche()
# Year 1 measured (annual review of May 2027): values feed the variable pay.
for ind_ in sud_manche["contrat"]["indicateurs"]:
    measured = {"mt_patients": 51500, "mt_ald": 395, "snp_consultations": 1200, "bpco_protocoles": 1,
                "bpco_spirometrie": 24, "grippe_65": 58, "bilans_medication": 70, "internes_accueillis": 3,
                "mt_70": 4.0, "urg_sans_hospit": 61.5}
    if ind_["id"] in measured:
        ind_["realise"] = [measured[ind_["id"]]]
sud_manche["copils"] = [{
    "date": "2027-05-20", "lieu": "CPAM de la Manche, Saint-Lô", "annee_revue": 1,
    "participants": [
        {"institution": "CPTS", "civilite": "Pr", "prenom": "Yves", "nom": "Lebas", "fonction": "Président"},
        {"institution": "CPTS", "civilite": "Dr", "prenom": "Anne-Laure", "nom": "Richard", "fonction": "Coordinatrice"},
        {"institution": "ARS", "civilite": "Mme", "prenom": "Hélène", "nom": "Vautier", "fonction": "Déléguée départementale"},
        {"institution": "CPAM", "civilite": "Mme", "prenom": "Claire", "nom": "Duval", "fonction": "Directrice"},
        {"institution": "CPAM", "civilite": "M.", "prenom": "Thierry", "nom": "Gosselin", "fonction": "Référent des organisations coordonnées (ROC)"},
        {"institution": "ELSM", "civilite": "Dr", "prenom": "Pascale", "nom": "Hue", "fonction": "Médecin-conseil"},
        {"institution": "MSA", "civilite": "M.", "prenom": "Hervé", "nom": "Letourneur", "fonction": "Directeur général"}],
    "ordre_du_jour": ["Bilan de la première année du contrat", "Revue des indicateurs et validation de la rémunération variable",
                      "Engagement de la mission qualité et pertinence (avenant n° 1)", "Arbitrages du COTECH"],
    "decisions": [
        {"type": "versement_variable", "texte": "La rémunération variable de la première année est validée aux taux d’atteinte présentés ci-dessus."},
        {"type": "nouvelle_mission", "texte": "La CPTS engage la mission qualité et pertinence des soins à compter du 15 avril 2027 ; la CPAM s’engage financièrement sur la part fixe correspondante."},
        {"type": "avenant", "texte": "L’avenant n° 1, signé le 30 mars 2027, est présenté ; il relève aussi l’objectif de couverture antigrippale."},
        {"type": "arbitrage_cotech", "texte": "Le COTECH propose de renforcer les créneaux de soins non programmés l’été ; le COPIL valide."}],
    "actions": [
        {"action": "Transmettre la liste actualisée des patients en ALD sans médecin traitant", "responsable": "CPAM de la Manche", "echeance": "2027-06-30"},
        {"action": "Présenter le protocole insuffisance rénale chronique", "responsable": "CPTS (groupe parcours)", "echeance": "2027-09-30"}],
    "prochaine_reunion": {"date": "2027-11-18", "lieu": "Granville"}}]
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
