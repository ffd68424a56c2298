#!/usr/bin/env bash
# bash completion (generator/cli/completion.bash) as bash runs it on <TAB>:
# commands, options, document names, format values. The expected words come
# from the user guide (docs/guide/cli.md and documents.md), not from the program.
# Usage: completion_test.sh TRAME SOURCE_DIR
set -uo pipefail
trame=$(readlink -f "$1"); src=$(cd "$2" && pwd)
fail=0
# As an interactive shell has it: bash-completion's helpers (_init_completion) first.
[ -f /usr/share/bash-completion/bash_completion ] && source /usr/share/bash-completion/bash_completion
source "$src/generator/cli/completion.bash"

complete_line() {  # the words bash would offer after the given words (the last is being typed)
  COMP_WORDS=("$trame" "$@"); COMP_CWORD=$#; COMP_LINE="$trame $*"; COMP_POINT=${#COMP_LINE}
  COMPREPLY=()
  _trame
  printf '%s\n' "${COMPREPLY[@]}" | sort
}
expect() {  # expect "what" "expected words (sorted, one a line)" "actual"
  if [ "$2" != "$3" ]; then
    echo "ÉCHEC : $1"; echo "  attendu : $(echo $2)"; echo "  obtenu  : $(echo $3)"; fail=1
  else echo "ok : $1"; fi
}

commands=$(sed -n 's/^## `trame \([a-z]*\).*/\1/p' "$src/docs/guide/cli.md"; sed -n 's/^## `trame simulate` et `trame \([a-z]*\)`.*/\1/p' "$src/docs/guide/cli.md")
expect "les commandes" "$(echo "$commands" | sort -u)" "$(complete_line '')"
expect "les commandes en p" "pack" "$(complete_line p)"
documents=$(cat "$src/docs/guide/documents.md" "$src/docs/guide/avenants-et-lots.md" | sed -n 's/^## .*(`\([a-z-]*\)`)$/\1/p' | sort -u)
expect "les documents de render" "$documents" "$(complete_line render '')"
expect "les documents de render en co" "$(grep '^co' <<<"$documents")" "$(complete_line render co)"
expect "les formats" "$(printf 'odt\npdf\npdf,odt')" "$(complete_line pack samples/x.json --format '')"
expect "les options de pack" "$(printf -- '--avenants\n--date\n--force\n--format\n--help\n--modeles\n--out\n--projet')" "$(complete_line pack --)"
options=$(complete_line batch --)
for o in --avenants --out --jobs --format --date --force; do
  grep -qx -- "$o" <<<"$options" || { echo "ÉCHEC : batch -- ne propose pas $o"; fail=1; }
done
expect "les champs de signer" "$(printf 'CPAM\nCPTS')" "$(complete_line signer x.pdf --champ CP)"
options=$(complete_line signer --)
for o in --champ --certificat --mot-de-passe-fichier --tsa --out; do
  grep -qx -- "$o" <<<"$options" || { echo "ÉCHEC : signer -- ne propose pas $o"; fail=1; }
done
cd "$src/samples"
expect "les dossiers après le document" "$(ls -d *.json */ | sed 's|/$||' | sort)" "$(complete_line render statuts '')"
exit $fail
