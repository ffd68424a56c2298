#!/usr/bin/env bash
# Sourced by the batch benchmarks: new_avenants DIR writes one more avenant (a follow-up
# meeting, signed 10 January 2028) for 10 of the synthetic dossiers of DIR/avenants. It takes
# the next number of each dossier's series (avenants are numbered 1, 2, 3… without a gap).
new_avenants() {
  local i name n
  for i in $(seq 1 10); do
    name=$(printf "cpts-synthetique-%04d" $(( i * 7 )))
    mkdir -p "$1/avenants/$name"
    n=$(( $(find "$1/avenants/$name" -maxdepth 1 -name '*.json' | wc -l) + 1 ))
    cat > "$1/avenants/$name/$(printf %03d "$n").json" <<JSON
{"numero": $n, "date_signature": "2028-01-10", "date_effet": "2028-01-15", "objet": "Réunion supplémentaire",
 "modifications": [{"op": "add", "path": "/contrat/reunions/-", "value": {"date": "2028-02-01", "objet": "COTECH"}}]}
JSON
  done
}
