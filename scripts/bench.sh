#!/usr/bin/env bash
# Speed of docgen against the least any tool must do with the same pages (issue 10), in one run:
# a bare pass (generator/examples/bare_pass.rs: pulldown-cmark with tables plus strict serde_json
# over every json block) and docgen's schema and generate stages, each the median of RUNS runs
# (default 3), as wall time, CPU time (user + system) and peak memory. Prints a Markdown table.
# The models' serde speed is the criterion bench: `cargo bench --bench collection`.
# With valgrind installed, the schema run is also counted in instructions (INSTRUCTIONS=0 skips).
# Usage: scripts/bench.sh   Needs ../shared (or $DOCGEN_CORPUS) and GNU time (/usr/bin/time).
# DOCGEN=path/to/docgen measures another build (a baseline) against the same bare pass.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${DOCGEN_CORPUS:-../shared/corpus}
[ -d "$corpus" ] || { echo "SKIPPED: no corpus at $corpus"; exit 0; }
[ -x /usr/bin/time ] || { echo "SKIPPED: no GNU time at /usr/bin/time"; exit 0; }
runs=${RUNS:-3}
cargo build -q --release -p docgen --bin docgen --example bare_pass
docgen=${DOCGEN:-target/release/docgen}
bare=target/release/examples/bare_pass
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
three=("$corpus/graph-v1.0" "$corpus/docstubs-beta" "$corpus/docstubs-beta-next")
two=("$corpus/graph-v1.0" "$corpus/docstubs-beta")

# measure LABEL CMD..: the median run's "wall cpu peak_mb" (by wall time) into $result.
measure() {
  local samples=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %U %S %M" -o "$out/time" "$@" >/dev/null 2>"$out/stderr" ||
      { echo "failed: $*"; tail -5 "$out/stderr"; exit 1; }
    samples+=("$(awk '{printf "%.2f %.2f %.0f\n", $1, $2 + $3, $4 / 1024}' "$out/time")")
  done
  result=$(printf '%s\n' "${samples[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
}
row() { # row WORK "docgen" "bare"
  read -r dw dc dm <<<"$2"
  if [ -n "${3:-}" ]; then
    read -r bw bc _ <<<"$3"
    ratio=$(awk -v a="$dw" -v b="$bw" -v c="$dc" -v d="$bc" 'BEGIN { printf "%.1fx wall, %.1fx CPU", a / b, c / d }')
    printf '| %s | %s s | %s s | %s MB | %s s / %s s | %s |\n' "$1" "$dw" "$dc" "$dm" "$bw" "$bc" "$ratio"
  else
    printf '| %s | %s s | %s s | %s MB | | |\n' "$1" "$dw" "$dc" "$dm"
  fi
}

label=${DOCGEN:+$DOCGEN}
echo "docgen ${label:-$(git rev-parse --short HEAD)}, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), median of $runs runs"
echo
# docgen reads a page path found under two inputs once (docstubs-beta-next repeats most of
# docstubs-beta, and graph-v1.0 some): the bare pass reads every file, or with --distinct the
# pages docgen reads. The first row is issue 10's measure; the second compares the same pages.
all_pages=$("$bare" "${three[@]}" | cut -d' ' -f1)
distinct_pages=$("$bare" --distinct "${three[@]}" | cut -d' ' -f1)
echo "The three corpora hold $all_pages pages; docgen reads the $distinct_pages distinct page paths among them."
echo
echo "| work | wall | CPU | peak | bare pass (wall / CPU) | ratio |"
echo "|---|---|---|---|---|---|"
measure "$bare" "${three[@]}"; bare3=$result
measure "$bare" --distinct "${three[@]}"; bare3d=$result
measure "$docgen" schema "${three[@]}"
row "\`docgen schema\` graph-v1.0 + docstubs-beta + docstubs-beta-next (bare pass: all $all_pages pages)" "$result" "$bare3"
row "the same (bare pass: the $distinct_pages pages docgen reads)" "$result" "$bare3d"
# The same work counted in instructions (valgrind's cachegrind, single-threaded): unlike CPU time,
# the count does not drift with the machine's load, so a change is seen even on a busy machine.
# IPC differs (docgen chases more pointers than the bare pass), so the CPU ratio is the bar.
if command -v valgrind >/dev/null && [ "${INSTRUCTIONS:-1}" != 0 ]; then
  count() {
    DOCGEN_THREADS=1 valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$@" \
      2>&1 >/dev/null | awk '/I *refs/ { gsub(",", "", $NF); print $NF }'
  }
  ir_docgen=$(count "$docgen" schema "${three[@]}") ir_bare=$(count "$bare" "${three[@]}")
  ir_distinct=$(count "$bare" --distinct "${three[@]}")
  awk -v d="$ir_docgen" -v b="$ir_bare" 'BEGIN { printf "| the same, in instructions (bare pass: all pages) | %.2f G | | | %.2f G | %.2fx |\n", d / 1e9, b / 1e9, d / b }'
  awk -v d="$ir_docgen" -v b="$ir_distinct" 'BEGIN { printf "| the same, in instructions (bare pass: the pages docgen reads) | %.2f G | | | %.2f G | %.2fx |\n", d / 1e9, b / 1e9, d / b }'
fi
measure "$bare" "$corpus/docstubs-beta"; bare_beta=$result
# A fresh write first (reported on its own: writing ~10k files costs seconds of system time
# whatever writes them), then the same again with nothing to write.
rm -rf "$out/beta"
/usr/bin/time -f "%e %U %S %M" -o "$out/time" "$docgen" generate "$corpus/docstubs-beta" -o "$out/beta" \
  >/dev/null 2>&1
fresh=$(awk '{printf "%.2f %.2f %.0f\n", $1, $2 + $3, $4 / 1024}' "$out/time")
row "\`docgen generate\` docstubs-beta, fresh write" "$fresh"
measure "$docgen" generate "$corpus/docstubs-beta" -o "$out/beta"
row "\`docgen generate\` docstubs-beta, nothing to write" "$result" "$bare_beta"
measure "$bare" "${two[@]}"; bare2=$result
"$docgen" generate "${two[@]}" -o "$out/two" >/dev/null 2>&1
measure "$docgen" generate "${two[@]}" -o "$out/two"
row "\`docgen generate\` graph-v1.0 + docstubs-beta, nothing to write" "$result" "$bare2"
# The same without the emit cache (README): every file built and formatted again.
measure env DOCGEN_CACHE=off "$docgen" generate "${two[@]}" -o "$out/two"
row "\`docgen generate\` graph-v1.0 + docstubs-beta, nothing to write, \`DOCGEN_CACHE=off\`" "$result" "$bare2"
"$docgen" generate "$corpus/graph-v1.0" -o "$out/v1" >/dev/null 2>&1
measure "$docgen" generate "$corpus/graph-v1.0" -o "$out/v1"
row "\`docgen generate\` graph-v1.0, nothing to write" "$result"

# The models' serde speed: the criterion bench `collection` (generated models against hand-written
# serde structs). One criterion run of both sides drifts by 20% or more on this machine (heap
# state, page faults, other load), so each side runs alone, the two alternately, ROUNDS times
# (default 5), and the ratio printed is the median of the rounds' ratios. ROUNDS=0 skips it.
rounds=${ROUNDS:-5}
((rounds > 0)) || exit 0
collection=$(cargo bench --bench collection --no-run 2>&1 | sed -n 's/.*Executable .*(\(.*\)).*/\1/p' | tail -1)
[ -x "$collection" ] || { echo "no collection bench binary"; exit 1; }
# estimate GROUP SIDE: criterion's estimate of one iteration, in ms.
estimate() {
  "$collection" --bench "^$1 10,000 hostSecurityProfiles/$2\$" --warm-up-time 1 --measurement-time 3 2>/dev/null |
    awk '!done { for (i = 1; i < NF; i++) if ($i == "time:") { v = $(i + 3); u = $(i + 4); done = 1 } }
      END { printf "%.3f\n", v * (u == "s" ? 1000 : u == "ms" ? 1 : u == "µs" ? 0.001 : 0.000001) }'
}
echo
echo "| models, 10,000 items (\`benches/collection.rs\`) | generated | hand-written | ratio (median of $rounds rounds) |"
echo "|---|---|---|---|"
for group in deserialize serialize; do
  ratios=() gens=() plains=()
  for round in $(seq "$rounds"); do
    # Each side runs in a process of its own; which runs first alternates, so a drift in the
    # machine's load does not always fall on the same side.
    if ((round % 2)); then
      g=$(estimate "$group" generated) p=$(estimate "$group" hand-written)
    else
      p=$(estimate "$group" hand-written) g=$(estimate "$group" generated)
    fi
    gens+=("$g") plains+=("$p")
    ratios+=("$(awk -v g="$g" -v p="$p" 'BEGIN { printf "%.3f", g / p }')")
  done
  median() { printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"; }
  printf '| %s | %s ms | %s ms | %sx (rounds: %s) |\n' "$group" "$(median "${gens[@]}")" \
    "$(median "${plains[@]}")" "$(median "${ratios[@]}")" "$(printf '%s ' "${ratios[@]}" | sed 's/ $//')"
done
