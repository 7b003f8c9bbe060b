#!/usr/bin/env bash
# Speed of docgen against the least any tool must do with the same pages (issue 10), in one run:
# a bare pass (generator/examples/bare_pass.rs: pulldown-cmark with tables plus strict serde_json
# over every json block) and docgen's schema and generate stages, each the median of RUNS runs
# (default 3), as wall time, CPU time (user + system) and peak memory. Prints a Markdown table.
# The models' serde speed: `cargo bench --bench collection -- ratio` (at the end, ROUNDS=0 skips).
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
# Issue 10's reading stage (listing, reading and the pages' facts; the schema and the dump are
# left out) by docgen's own stage timings (DOCGEN_TIMINGS) on one thread, where its wall time
# is its CPU time, against the bare pass's CPU time.
reading=()
for _ in $(seq "$runs"); do
  reading+=("$(DOCGEN_THREADS=1 DOCGEN_TIMINGS=1 "$docgen" schema "${three[@]}" 2>&1 >/dev/null |
    awk '/docgen timing: (list pages|read \+ facts) / { ms += $(NF - 4) } END { printf "%.2f\n", ms / 1000 }')")
done
read_s=$(printf '%s\n' "${reading[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
read -r _ bare_cpu _ <<<"$bare3"
awk -v r="$read_s" -v b="$bare_cpu" 'BEGIN { printf "| its reading stage (list + read + facts, one thread: wall = CPU) | %.2f s | %.2f s | | %.2f s CPU | %.1fx CPU |\n", r, r, b, r / b }'
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

# The models' serde speed: the bench `collection` (generated models against hand-written serde
# structs) in its ratio mode: the two sides alternate in one process, ROUNDS rounds (default 21),
# and it prints the median ratio with the rounds' spread. ROUNDS=0 skips it.
rounds=${ROUNDS:-21}
((rounds > 0)) || exit 0
echo
echo "models, 10,000 items (\`benches/collection.rs\`):"
ROUNDS=$rounds cargo bench -q --bench collection -- ratio
