#!/usr/bin/env bash
# The Debian package as a user gets it: `cpack -G DEB` from the build tree,
# unpacked into a scratch root (dpkg -x), its dependencies read back, and the
# installed trame run from there on a sample. Usage: package_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(cd "$1" && pwd); src=$(cd "$2" && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail() { echo "ÉCHEC : $*" >&2; exit 1; }

(cd "$build" && cpack -G DEB -B "$work/pkg" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack -G DEB"; }
deb=$(ls "$work"/pkg/trame_*.deb)

# Depends: every shared library trame is linked with (dpkg-shlibdeps), and the
# data it reads from other packages at run time.
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for p in libharfbuzz-subset0 libharfbuzz0b libdeflate0 libxml2 libzip4 libicu libhyphen0 libssl3 libstdc++6 hyphen-fr fonts-liberation2 fonts-dejavu-core icc-profiles-free; do
  grep -q "\b$p" <<<"$depends" || fail "Depends ne nomme pas $p"
done
# Each library trame names (NEEDED), found by the dynamic linker, belongs to a
# package that Depends names (dpkg knows a file under /lib or under /usr/lib).
for soname in $(readelf -d "$build/generator/cli/trame" | sed -n 's/.*NEEDED.*\[\(.*\)\]/\1/p'); do
  lib=$(ldd "$build/generator/cli/trame" | awk -v s="$soname" '$1 == s {print $3}')
  pkg=$( (dpkg -S "$lib" || dpkg -S "$(readlink -f "$lib")") 2>/dev/null | cut -d: -f1 | head -1)
  [ -n "$pkg" ] || fail "$soname : aucun paquet Debian ne le fournit"
  grep -q "\b$pkg\b" <<<"$depends" || fail "$soname ($pkg) manque dans Depends"
done

dpkg -x "$deb" "$work/root"
r=$work/root/usr
for f in bin/trame share/trame/templates/lettre-intention.xml share/trame/templates/theme.json \
         share/trame/templates/partials share/trame/models/dossier.schema.json share/trame/models/template.rng \
         share/trame/models/aci \
         share/man/man1/trame.1.gz share/bash-completion/completions/trame share/doc/trame/exemples/sud-manche.json; do
  [ -e "$r/$f" ] || fail "absent du paquet : /usr/$f"
done
# The man page is French and documents the commands of --help.
man=$(zcat "$r/share/man/man1/trame.1.gz")  # grep below reads variables, never a pipe
grep -q '^\.SH NOM' <<<"$man" || fail "page de manuel sans section NOM"
grep -q 'Codes de sortie' <<<"$man" || fail "page de manuel sans les codes de sortie"
grep -q 'pack' <<<"$man" || fail "page de manuel sans la commande pack"

# The installed copy, run from elsewhere, with no variable pointing at the sources.
cd "$work"
env -u TRAME_DATA_DIR -u TRAME_MODELES XDG_CONFIG_HOME="$work/config" \
  "$r/bin/trame" pack "$src/samples/sud-manche.json" --out "$work/installed" >/dev/null
for doc in lettre-intention projet-sante budget-previsionnel statuts contrat-aci; do
  for ext in pdf odt; do [ -s "$work/installed/$doc.$ext" ] || fail "$doc.$ext non produit"; done
done
text=$(pdftotext -layout "$work/installed/contrat-aci.pdf" -)
grep -q "CPTS Sud Manche" <<<"$text" || fail "le contrat ne nomme pas la CPTS"
grep -q "Caisse primaire d’assurance maladie de la Manche" <<<"$text" || fail "le contrat ne nomme pas la CPAM"
# (Read into variables first: grep -q closing the pipe early would fail the pipeline.)
lettre=$(pdftotext "$work/installed/lettre-intention.pdf" -)
grep -q "CPTS Sud Manche" <<<"$lettre" || fail "lettre sans la CPTS"
fonts=$(pdffonts "$work/installed/contrat-aci.pdf")
grep -q "LiberationSans" <<<"$fonts" || fail "police non incorporée"

# Same bytes as the copy in the build tree (the installed data are the same files).
env -u TRAME_DATA_DIR -u TRAME_MODELES XDG_CONFIG_HOME="$work/config" \
  "$build/generator/cli/trame" pack "$src/samples/sud-manche.json" --out "$work/built" >/dev/null
for f in "$work"/built/*; do cmp -s "$f" "$work/installed/$(basename "$f")" || fail "$(basename "$f") diffère de la copie compilée"; done

# It reads its data from /usr/share/trame of the scratch root, not from the sources.
rm "$r/share/trame/models/dossier.schema.json"
if err=$(env -u TRAME_DATA_DIR "$r/bin/trame" validate "$src/samples/sud-manche.json" 2>&1); then
  fail "trame installé marche sans son schéma : il lit les sources"
fi
grep -q "$work/root/usr/bin/../share/trame/models/dossier.schema.json\|$work/root/usr/share/trame/models/dossier.schema.json" <<<"$err" ||
  fail "le message ne nomme pas le schéma installé : $err"
echo "paquet $(basename "$deb") : installé et vérifié"
