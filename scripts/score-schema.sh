#!/usr/bin/env bash
# Scores `docgen schema` on each corpus against the official CSDL (a test oracle only: docgen
# never reads it). Usage: scripts/score-schema.sh [OUT_DIR]   (default: target/score)
# Needs python3 and ../shared (or $DOCGEN_CORPUS, with tools/ beside it).
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${DOCGEN_CORPUS:-../shared/corpus}
tools="$corpus/../tools"
out=${1:-target/score}
mkdir -p "$out"
cargo build -q --release -p docgen
for pair in "graph-v1.0:graph-v1.0" "docstubs-beta:graph-beta" "graph-v1.0-2021:graph-v1.0-2021"; do
  family=${pair%%:*}; csdl=${pair##*:}
  python3 "$tools/csdl2json.py" "$corpus/csdl/$csdl.xml" -o "$out/gt-$csdl.json" >/dev/null
  start=$(python3 -c "import time; print(time.time())")
  ./target/release/docgen schema "$corpus/$family" > "$out/dump-$family.json" 2> "$out/diagnostics-$family.txt"
  end=$(python3 -c "import time; print(time.time())")
  python3 "$tools/score_schema.py" --corpus-dir "$corpus/$family" --csdl-json "$out/gt-$csdl.json" \
    --dump "$out/dump-$family.json" --json "$out/metrics-$family.json" > "$out/score-$family.txt"
  printf '%s (schema in %.2fs): %s\n' "$family" "$(python3 -c "print($end - $start)")" "$(tail -1 "$out/score-$family.txt")"
done
