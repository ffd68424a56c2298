#!/usr/bin/env bash
# Sourced by the batch benchmarks: new_avenants DIR writes a second avenant (a follow-up
# meeting, signed 10 January 2028) for 10 of the synthetic dossiers of DIR/avenants.
new_avenants() {
  local i name
  for i in $(seq 1 10); do
    name=$(printf "cpts-synthetique-%04d" $(( i * 7 )))
    mkdir -p "$1/avenants/$name"
    cat > "$1/avenants/$name/002.json" <<JSON
{"numero": 2, "date_signature": "2028-01-10", "date_effet": "2028-01-15", "objet": "Réunion supplémentaire",
 "modifications": [{"op": "add", "path": "/contrat/reunions/-", "value": {"date": "2028-02-01", "objet": "COTECH"}}]}
JSON
  done
}
