#!/usr/bin/env bash
# trame signer, end to end, as a CPAM and its partners would use it:
#  - the contract and the avenant carry one empty signature field a signatory (qpdf --json:
#    names from the dossier, rectangles inside the page, printable widgets; pdfsig lists them);
#  - a test PKI made here with openssl (a CA, the parties, an expired, a not-yet-valid and
#    a mismatched certificate, a timestamp authority answering on 127.0.0.1);
#  - three parties sign in turn: pdfsig (the CA trusted in a scratch NSS database) reports
#    each signature valid, the earlier ones "not total document signed", the last "total";
#    a changed byte of a signed range makes pdfsig report the signature invalid;
#  - with --tsa the signature carries an RFC 3161 token (B-T), still valid for pdfsig;
#  - every refusal exits with its code and leaves the file byte for byte as it was.
# Usage: sign_test.sh TRAME SOURCE_DIR MISMATCHED_P12_TOOL
set -uo pipefail
trame=$(readlink -f "$1"); src=$(cd "$2" && pwd); mismatched=$(readlink -f "$3")
for tool in openssl pdfsig qpdf certutil python3; do
  command -v $tool >/dev/null || { echo "ÉCHEC : $tool manque (scripts/setup.sh --with-tests)"; exit 1; }
done
T=$(mktemp -d); tsa_pid=""
cleanup() { [ -n "$tsa_pid" ] && kill "$tsa_pid" 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT
fail=0
ok() { echo "ok : $1"; }
ko() { echo "ÉCHEC : $1"; fail=1; }
check() { if eval "$2"; then ok "$1"; else ko "$1"; fi; }

# ---- the documents ----
dossier=$src/samples/sud-manche.json
"$trame" render contrat-aci "$dossier" -f pdf,odt -o "$T/doc" >/dev/null || { ko "trame render contrat-aci"; exit 1; }
"$trame" render avenant "$dossier" --avenants "$src/samples/avenants" -f pdf -o "$T/doc" >/dev/null || ko "trame render avenant"
contract=$(ls "$T"/doc/contrat-aci*.pdf | head -1); avenant=$(ls "$T"/doc/avenant*.pdf 2>/dev/null | head -1)
# The MSA signs too when the dossier says so: a fourth field.
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); d['contrat']['msa']['signataire']=True; json.dump(d,open(sys.argv[2],'w'),ensure_ascii=False)" \
  "$dossier" "$T/msa.json"
"$trame" render contrat-aci "$T/msa.json" -f pdf -o "$T/msa" >/dev/null || ko "trame render contrat-aci (MSA signataire)"

# Fields read back with qpdf: expected names from the dossier (the parties who sign).
fields_ok() {  # fields_ok PDF "CPTS CPAM ARS"
  qpdf --json "$1" > "$T/fields.json" 2>/dev/null || return 1
  pdftotext -bbox "$1" "$T/words.html" || return 1
  python3 - "$T/fields.json" "$T/words.html" "$2" <<'PY'
import json, re, sys
j = json.load(open(sys.argv[1])); words_html = open(sys.argv[2]).read(); want = sys.argv[3].split()
objs = j["qpdf"][1]
def obj(ref): return objs["obj:" + ref]["value"]
form = j["acroform"]
assert form["hasacroform"] and not form["needappearances"]
pages_html = words_html.split("<page ")[1:]
names = []
for f in form["fields"]:
    assert f["fieldtype"] == "/Sig" and f["annotation"]["annotationflags"] == 4 and f["value"] is None, f
    d = obj(f["object"])
    assert d["/Subtype"] == "/Widget" and d["/F"] == 4 and "/N" in d["/AP"] and "/V" not in d, d
    page_ref = j["pages"][f["pageposfrom1"] - 1]["object"]
    page = obj(page_ref)
    assert d["/P"] == page_ref and f["object"] in page["/Annots"], "widget absent des annotations de sa page"
    box, r = page["/MediaBox"], d["/Rect"]
    assert box[0] <= r[0] < r[2] <= box[2] and box[1] <= r[1] < r[3] <= box[3], ("rectangle hors de la page", r)
    assert r[2] - r[0] > 100 and r[3] - r[1] > 30, ("rectangle trop petit", r)
    # Over the party's signature block: its « Pour … » starts at the rectangle's left
    # edge, less than 80 pt above it, and no word is inside the rectangle.
    words = [(float(a), box[3] - float(b), float(c), box[3] - float(e), w) for a, b, c, e, w in
             re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<',
                        pages_html[f["pageposfrom1"] - 1])]
    assert any(w == "Pour" and abs(x0 - r[0]) < 2 and 0 < ybot - r[3] < 80 for x0, ytop, x1, ybot, w in words), ("pas de « Pour » au-dessus", r)
    assert not any(x1 > r[0] and x0 < r[2] and ytop > r[1] and ybot < r[3] for x0, ytop, x1, ybot, w in words), "texte sous le champ"
    names.append(f["fullname"])
assert names == want, (names, want)
PY
}
check "contrat : un champ CPTS, CPAM, ARS, dans la page" 'fields_ok "$contract" "CPTS CPAM ARS"'
check "contrat, MSA signataire : quatre champs" 'fields_ok "$(ls "$T"/msa/contrat-aci*.pdf)" "CPTS CPAM ARS MSA"'
check "avenant : un champ par signataire" '[ -n "$avenant" ] && fields_ok "$avenant" "CPTS CPAM ARS"'
check "contrat : qpdf --check sans remarque" 'qpdf --check "$contract" >/dev/null 2>&1'
# The ODT keeps its signature lines and has no form.
check "ODT : pas de champ de formulaire" '! unzip -p "$(ls "$T"/doc/contrat-aci*.odt)" content.xml | grep -q "form:"'
pdfsig -nocert "$contract" > "$T/unsigned.txt" 2>&1
check "pdfsig voit les trois champs non signés" '[ "$(grep -c "The signature form field is not signed" "$T/unsigned.txt")" -eq 3 ]'

# ---- the test PKI ----
P=$T/pki; mkdir -p "$P/newcerts"; : > "$P/index.txt"; echo 1000 > "$P/serial"
cat > "$P/ca.cnf" <<CNF
[ ca ]
default_ca = CA_default
[ CA_default ]
dir = $P
database = $P/index.txt
new_certs_dir = $P/newcerts
serial = $P/serial
default_md = sha256
policy = policy_any
unique_subject = no
x509_extensions = party_ext
[ policy_any ]
commonName = supplied
organizationName = optional
[ party_ext ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ tsa_ext ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF
(cd "$P"
 openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 3650 -subj "/O=Trame tests/CN=AC de test" \
   -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
 echo "mot de passe de test" > pw.txt; echo "pas le bon" > wrong.txt
 issue() {  # issue NAME CN [ca options…]
   local name=$1 cn=$2; shift 2
   openssl req -new -newkey rsa:2048 -nodes -keyout $name.key -out $name.csr -subj "/O=Trame tests/CN=$cn" 2>/dev/null
   openssl ca -batch -notext -config ca.cnf -cert ca.pem -keyfile ca.key -in $name.csr -out $name.pem "$@" 2>/dev/null
 }
 issue cpts "Presidente CPTS" -days 365
 issue cpam "Directeur CPAM" -days 365
 issue ars "Directrice ARS" -days 365
 issue expired "Certificat expire" -startdate 20200101000000Z -enddate 20210101000000Z
 issue future "Certificat futur" -startdate 20990101000000Z -enddate 20991231000000Z
 issue tsa "Horodatage de test" -days 365 -extensions tsa_ext
 for n in cpts cpam ars expired future; do
   openssl pkcs12 -export -inkey $n.key -in $n.pem -certfile ca.pem -name $n -passout file:pw.txt -out $n.p12
 done
 "$mismatched" cpam.key cpts.pem "mot de passe de test" mismatch.p12
 echo 01 > tsaserial
 cat > tsa.cnf <<CNF
[ tsa ]
default_tsa = tsa_config1
[ tsa_config1 ]
dir = $P
serial = $P/tsaserial
crypto_device = builtin
signer_cert = $P/tsa.pem
certs = $P/ca.pem
signer_key = $P/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
CNF
)
for f in cpts cpam ars expired future mismatch; do [ -s "$P/$f.p12" ] || ko "PKI de test : $f.p12"; done
# pdfsig trusts the test CA through a scratch NSS database.
mkdir -p "$T/nss"; certutil -N -d "sql:$T/nss" --empty-password && certutil -A -d "sql:$T/nss" -n "AC de test" -t "CT,C,C" -a -i "$P/ca.pem"
sig() { pdfsig -nssdir "sql:$T/nss" "$@" 2>&1; }

last_cms() {  # last_cms PDF OUT.der: the last signature's CMS, its DER length read from its header
  python3 - "$1" "$2" <<'PY'
import re, sys
b = bytes.fromhex(re.findall(rb"/Contents<([0-9A-F]+)>", open(sys.argv[1], "rb").read())[-1].decode())
n = b[1] & 0x7F if b[1] & 0x80 else 0
length = 2 + n + (int.from_bytes(b[2:2 + n], "big") if n else b[1])
open(sys.argv[2], "wb").write(b[:length])
PY
}

sign() {  # sign PDF FIELD P12 [options…] (PASSWORD_FILE: another password file)
  local pdf=$1 field=$2 p12=$3; shift 3
  "$trame" signer "$pdf" --champ "$field" --certificat "$P/$p12" --mot-de-passe-fichier "${PASSWORD_FILE:-$P/pw.txt}" "$@"
}

# ---- three signatures in turn ----
work=$T/contrat.pdf; cp "$contract" "$work"
n=0
for party in CPTS:cpts CPAM:cpam ARS:ars; do
  field=${party%%:*}; p12=${party##*:}; n=$((n + 1))
  out=$(sign "$work" "$field" $p12.p12); rc=$?
  check "signature $n ($field) : code 0" '[ $rc -eq 0 ]'
  sig "$work" > "$T/sig$n.txt"
  check "signature $n : pdfsig, $n signatures valides" '[ "$(grep -c "Signature is Valid" "$T/sig$n.txt")" -eq $n ]'
  check "signature $n : certificats reconnus (AC de test)" '[ "$(grep -c "Certificate is Trusted" "$T/sig$n.txt")" -eq $n ]'
  check "signature $n : la dernière couvre tout le document" '[ "$(grep -c "Total document signed" "$T/sig$n.txt")" -eq 1 ] && [ "$(grep -c "Not total document signed" "$T/sig$n.txt")" -eq $((n - 1)) ]'
  check "signature $n : PAdES (ETSI.CAdES.detached)" '[ "$(grep -c "ETSI.CAdES.detached" "$T/sig$n.txt")" -eq $n ]'
  check "signature $n : qpdf --check sans remarque" 'qpdf --check "$work" >/dev/null 2>&1'
done
check "pdfsig : le champ de chaque partie porte sa signature" \
  'grep -q "Signature Field Name: CPTS" "$T/sig3.txt" && grep -q "Common Name: Directrice ARS" "$T/sig3.txt"'
# The CMS: signed attributes content-type, message-digest, signing-certificate-v2; no signing-time.
last_cms "$work" "$T/cms.der"
openssl cms -cmsout -print -inform DER -in "$T/cms.der" > "$T/cms.txt" 2>/dev/null
check "CMS : attribut signing-certificate-v2" 'grep -q "id-smime-aa-signingCertificateV2" "$T/cms.txt"'
check "CMS : message-digest et content-type" 'grep -q "messageDigest" "$T/cms.txt" && grep -q "contentType" "$T/cms.txt"'
check "CMS : pas d’attribut signing-time (l’heure est dans /M)" '! grep -q "signingTime" "$T/cms.txt"'

# ---- a byte changed in a signed range ----
cp "$work" "$T/altered.pdf"
python3 - "$T/altered.pdf" <<'PY'
import sys
p = sys.argv[1]; b = bytearray(open(p, "rb").read())
i = b.index(b"/Lang(fr-FR)") + 6; b[i] = ord("e")  # fr-FR -> er-FR, inside every signed range
open(p, "wb").write(b)
PY
sig "$T/altered.pdf" > "$T/altered.txt"
check "octet modifié : pdfsig ne déclare plus aucune signature valide" '[ "$(grep -c "Signature is Valid" "$T/altered.txt")" -eq 0 ] && grep -q "Signature is Invalid\|Digest Mismatch" "$T/altered.txt"'

# ---- refusals: exit code, French message, file untouched ----
refuse() {  # refuse WHAT CODE MESSAGE-PART PDF FIELD P12 [options…]
  local what=$1 code=$2 msg=$3 pdf=$4; shift 4
  local before; before=$(sha256sum < "$pdf")
  local err; err=$(sign "$pdf" "$@" 2>&1 >/dev/null); local rc=$?
  if [ $rc -eq "$code" ] && grep -q "$msg" <<<"$err" && [ "$(sha256sum < "$pdf")" = "$before" ]; then ok "$what (code $code)"
  else ko "$what : code $rc (attendu $code), fichier $( [ "$(sha256sum < "$pdf")" = "$before" ] && echo intact || echo MODIFIÉ), message : $err"; fi
}
fresh=$T/frais.pdf; cp "$contract" "$fresh"
PASSWORD_FILE=$P/wrong.txt refuse "mot de passe incorrect" 6 "mot de passe incorrect" "$fresh" CPAM cpam.p12
refuse "certificat expiré" 6 "le certificat a expiré le 01/01/2021" "$fresh" CPAM expired.p12
refuse "certificat pas encore valide" 6 "pas encore valide" "$fresh" CPAM future.p12
refuse "clé et certificat qui ne vont pas ensemble" 6 "la clé privée ne correspond" "$fresh" CPAM mismatch.p12
refuse "champ inconnu" 8 "pas de champ de signature « DGARS »" "$fresh" DGARS cpam.p12
refuse "champ déjà signé" 8 "le champ « CPAM » est déjà signé" "$work" CPAM cpam.p12
# A PDF another tool wrote (qpdf rebuilds the file) and one changed since Trame wrote it.
qpdf --empty --pages "$contract" -- "$T/etranger.pdf"
refuse "PDF non écrit par Trame" 7 "n’a pas été écrit par Trame" "$T/etranger.pdf" CPAM cpam.p12
cp "$contract" "$T/modifie.pdf"
python3 -c "import sys; p=sys.argv[1]; b=open(p,'rb').read(); open(p,'wb').write(b.replace(b'/Lang(fr-FR)', b'/Lang(fr-BE)', 1))" "$T/modifie.pdf"
refuse "PDF modifié depuis son écriture" 7 "modifié depuis que Trame l’a écrit" "$T/modifie.pdf" CPAM cpam.p12
refuse "PDF signé puis modifié" 7 "modifié depuis que Trame l’a écrit" "$T/altered.pdf" CPAM cpam.p12
cp "$contract" "$T/ajout.pdf"; echo "% ajout" >> "$T/ajout.pdf"
refuse "octets ajoutés à la fin" 7 "modifié depuis que Trame l’a écrit" "$T/ajout.pdf" CPAM cpam.p12
refuse "autorité d’horodatage injoignable" 9 "horodatage impossible" "$fresh" CPAM cpam.p12 --tsa http://127.0.0.1:9/tsa
check "le document non signé a gardé ses octets" 'cmp -s "$fresh" "$contract"'
# No password file and no terminal to ask at: a usage error (the password is never an argument).
err=$(setsid -w "$trame" signer "$fresh" --champ CPAM --certificat "$P/cpam.p12" </dev/null 2>&1); rc=$?
check "sans terminal ni fichier de mot de passe : erreur d’utilisation (code 2)" '[ $rc -eq 2 ] && grep -q "mot-de-passe-fichier" <<<"$err"'
# --out: the input stays as it was.
sign "$fresh" CPAM cpam.p12 -o "$T/vers.pdf" >/dev/null
check "--out : le PDF d’origine intact, la copie signée" 'cmp -s "$fresh" "$contract" && [ "$(sig "$T/vers.pdf" | grep -c "Signature is Valid")" -eq 1 ]'

# ---- damaged files: refused (code 7, untouched) or, when the change is only in the
# cross-reference's white space, signed; never an internal error or a crash ----
mkdir -p "$T/mut"
python3 - "$work" "$T/mut" <<'PY'
import random, sys
data = open(sys.argv[1], "rb").read(); rnd = random.Random(13)
for i in range(100):
    b = bytearray(data)
    kind = i % 4
    if kind == 0: b = b[:rnd.randrange(len(b))]                                 # truncated
    elif kind == 1: b[len(b) - 1 - rnd.randrange(4000)] = rnd.randrange(256)     # xref, trailers, last signature
    elif kind == 2: b[rnd.randrange(len(b))] = rnd.randrange(256)               # anywhere
    else:                                                                       # a number of the tables changed
        tail = b.rfind(b"xref"); j = tail + rnd.randrange(len(b) - tail)
        if chr(b[j]).isdigit(): b[j] = ord(str((int(chr(b[j])) + 1) % 10))
    open(f"{sys.argv[2]}/{i}.pdf", "wb").write(bytes(b))
PY
bad=0
for f in "$T"/mut/*.pdf; do
  before=$(sha256sum < "$f")
  sign "$f" ARS ars.p12 >/dev/null 2>"$T/mut.err"; rc=$?
  if [ $rc -eq 7 ] && [ "$(sha256sum < "$f")" = "$before" ]; then :
  elif [ $rc -eq 0 ] || [ $rc -eq 8 ]; then :   # harmless change (white space), or the ARS field found signed
  else bad=$((bad + 1)); echo "  $f : code $rc : $(head -1 "$T/mut.err")"; fi
done
check "100 fichiers abîmés : refusés (code 7) et intacts, jamais d’erreur interne" '[ $bad -eq 0 ]'

# ---- B-T: a timestamp from the loopback authority ----
python3 "$src/tests/sign/tsa_server.py" "$P" "$T/port" & tsa_pid=$!
for _ in $(seq 50); do [ -s "$T/port" ] && break; sleep 0.1; done
bt=$T/horodate.pdf; cp "$contract" "$bt"
sign "$bt" CPTS cpts.p12 --tsa "http://127.0.0.1:$(cat "$T/port")/tsa" >/dev/null; rc=$?
check "B-T : signature horodatée (code 0)" '[ $rc -eq 0 ]'
sign "$bt" CPAM cpam.p12 --tsa "http://127.0.0.1:$(cat "$T/port")/tsa" >/dev/null
check "B-T : deux signatures horodatées valides pour pdfsig" '[ "$(sig "$bt" | grep -c "Signature is Valid")" -eq 2 ]'
last_cms "$bt" "$T/bt.der"
check "B-T : jeton d’horodatage en attribut non signé" \
  'openssl cms -cmsout -print -inform DER -in "$T/bt.der" 2>/dev/null | grep -q "id-smime-aa-timeStampToken"'

exit $fail
