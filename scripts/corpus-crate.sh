#!/usr/bin/env bash
# Generates a crate from each whole corpus family under target/corpus-crate/ and holds it to the
# bar the companion crate meets: `cargo clippy --all-targets -D warnings` (which type-checks it
# and its example tests), rustdoc -D warnings (the families in $DOC_FAMILIES, default
# graph-v1.0), then runs the example tests and reports them by cause
# (scripts/example-report.py); it fails when a family's request examples rebuilt exactly or its
# response examples read strictly fall below the family's floor (`floors` below; MIN_RATE=0
# reports without failing).
# Also reports the operations on api pages, the request types emitted, every operation skipped
# with its file:line and reason (docgen's `skipped` warnings), and how many doc placeholders the
# example tests read a typed value in place of (`example-placeholder` warnings).
# Usage: scripts/corpus-crate.sh [FAMILY..]   (default: graph-v1.0 graph-v1.0-2021 docstubs-beta
# half:graph-v1.0-2021); `half:FAMILY` is every other page of FAMILY, a partial checkout.
# Needs ../shared (or $DOCGEN_CORPUS); prints SKIPPED and exits 0 without it.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${DOCGEN_CORPUS:-../shared/corpus}
if [ ! -d "$corpus" ]; then
  echo "SKIPPED: no corpus at $corpus"
  exit 0
fi
corpus=$(cd "$corpus" && pwd)
families=("$@")
[ ${#families[@]} -gt 0 ] || families=(graph-v1.0 graph-v1.0-2021 docstubs-beta half:graph-v1.0-2021)
# LINT=0 skips clippy and rustdoc (a quicker look at the example tests while developing).
lint=${LINT:-1}
cargo build -q --release -p docgen
root=$PWD
# The docgen just built, wherever cargo puts it ($CARGO_TARGET_DIR or the workspace's target/).
docgen=$(cargo metadata -q --format-version 1 --no-deps |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')/release/docgen
. scripts/generated-manifest.sh
# Shared with the crates generator/tests build, so the dependencies compile once.
target="$root/target/generated-crates/target"
# The floors each family holds (request rebuilt exactly, response read strictly), just under what
# it measured (2026-12-06, stops 27-28: v1.0 0.974 / 0.964, v1.0-2021 0.980 / 0.960, beta 0.972 /
# 0.999); issue 12 asks 0.97 of both. What keeps each below is listed by cause in the report.
floors() {
  case "$1" in
    graph-v1.0) echo "0.97 0.96" ;;
    graph-v1.0-2021) echo "0.975 0.955" ;;
    docstubs-beta) echo "0.97 0.998" ;;
    # Every other page (2026-12-07, measured 0.964 / 0.956): the examples of types whose page
    # is left out lose what that page documents.
    half-graph-v1.0-2021) echo "0.955 0.945" ;;
    *) echo "0 0" ;;
  esac
}
# A one-shot build of a million lines: incremental state (7 GB for docstubs-beta) and debug info
# only cost disk and link time here; a panic's page:line is in the message, not the debug info.
export CARGO_INCREMENTAL=0 CARGO_PROFILE_DEV_DEBUG=0 CARGO_PROFILE_TEST_DEBUG=0
for spec in "${families[@]}"; do
  family=$spec
  input="$corpus/$family"
  # `half:FAMILY`: every other page of FAMILY (by sorted path, as tests/schema_score.rs takes
  # them), copied under target/: a partial checkout, where a type's page, its base's or its
  # enum's may be missing, still makes a crate that is clippy-clean and reads its examples.
  if [[ $spec == half:* ]]; then
    family="half-${spec#half:}"
    input="$root/target/corpus-crate/$family-pages"
    python3 - "$corpus/${spec#half:}" "$input" <<'PY'
import os, shutil, sys
source, to = sys.argv[1:]
shutil.rmtree(to, ignore_errors=True)
pages = sorted(
    os.path.relpath(os.path.join(d, f), source).replace(os.sep, "/")
    for d, _, files in os.walk(source) for f in files if f.endswith(".md")
)
for page in pages[1::2]:
    os.makedirs(os.path.dirname(os.path.join(to, page)), exist_ok=True)
    shutil.copy(os.path.join(source, page), os.path.join(to, page))
PY
  fi
  crate="target/corpus-crate/$family"
  mkdir -p "$crate/src"
  generated_manifest "corpus-$(echo "$family" | tr '.' '-')" "$root" > "$crate/Cargo.toml"
  cp Cargo.lock "$crate/Cargo.lock"
  echo 'include!(concat!(env!("OUT_DIR"), "/mod.rs"));' > "$crate/src/lib.rs"
  # The generated root includes from OUT_DIR, so a build script puts the files there.
  cat > "$crate/build.rs" <<RS
fn main() {
    let out = std::env::var("OUT_DIR").unwrap();
    let status = std::process::Command::new("$docgen")
        .args(["generate", "$input", "-o", &out, "--example-tests"])
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "docgen generate failed");
    println!("cargo:rerun-if-changed=$docgen");
}
RS
  start=$(python3 -c "import time; print(time.time())")
  if [ "$lint" = 1 ]; then
    (cd "$crate" && CARGO_TARGET_DIR="$target" cargo clippy -q --offline --all-targets -- -D warnings)
  fi
  end=$(python3 -c "import time; print(time.time())")
  # The same output once more, outside cargo, for its counts and diagnostics (a build script's
  # OUT_DIR is one of several, whichever build ran last: not where to count).
  report="target/corpus-crate/$family-diagnostics.txt"
  out_dir="target/corpus-crate/$family-check"
  "$docgen" generate "$input" -o "$out_dir" >/dev/null 2>"$report"
  # A family of resource pages alone has no requests/ folder (nor one of models without them).
  count() { find "$out_dir/$1" -name '*.rs' 2>/dev/null | wc -l; }
  printf '%s: %s model files, %s request files, %s lines; clippy -D warnings clean in %.0fs\n' "$family" \
    "$(count models)" "$(count requests)" \
    "$(find "$out_dir" -name '*.rs' -exec cat {} + | wc -l)" \
    "$(python3 -c "print($end - $start)")"
  # rustdoc -D warnings on the hand-edited family, whose descriptions carry the links, URLs and
  # markup the doc comments must escape (docstubs-beta's would add minutes for little).
  if [ "$lint" = 1 ] && [[ " ${DOC_FAMILIES:-graph-v1.0} " == *" $family "* ]]; then
    start=$(python3 -c "import time; print(time.time())")
    (cd "$crate" && CARGO_TARGET_DIR="$target" RUSTDOCFLAGS="-D warnings" \
      cargo doc -q --offline --no-deps)
    end=$(python3 -c "import time; print(time.time())")
    printf '%s: rustdoc -D warnings clean in %.0fs\n' "$family" "$(python3 -c "print($end - $start)")"
  fi
  operations=$(sed -n 's/^docgen: .* types, \([0-9]*\) operations.*/\1/p' "$report")
  skipped=$(grep -c '^warning\[skipped\]: operation' "$report" || true)
  printf '%s: %s operations on api pages, %s request types emitted, %s skipped:\n' "$family" \
    "$operations" "$(count requests)" "$skipped"
  grep -A1 '^warning\[skipped\]: operation' "$report" | grep -v '^--$' | sed 's/^/  /' || true
  placeholders=$(grep -c '^warning\[example-placeholder\]' "$report" || true)
  placeholder_pages=$({ grep -A1 '^warning\[example-placeholder\]' "$report" || true; } \
    | sed -n 's/^ *--> \([^:]*\):.*/\1/p' | sort -u | wc -l)
  printf '%s: %s doc placeholders on %s pages replaced in the example tests by a value of their type (each a warning[example-placeholder] in %s)\n' \
    "$family" "$placeholders" "$placeholder_pages" "$report"
  # Example tests: each panics with `[cause] page:line: detail`.
  log="target/corpus-crate/$family-examples.log"
  start=$(python3 -c "import time; print(time.time())")
  (cd "$crate" && CARGO_TARGET_DIR="$target" \
    cargo test --offline --lib -- --test-threads 2 >"$root/$log" 2>&1) || true
  end=$(python3 -c "import time; print(time.time())")
  printf '%s: example tests built and run in %.0fs (log: %s)\n' "$family" "$(python3 -c "print($end - $start)")" "$log"
  read -r min_request min_response <<<"$(floors "$family")"
  [ "${MIN_RATE:-}" != 0 ] || { min_request=0; min_response=0; }
  python3 scripts/example-report.py "$log" --min-request "$min_request" \
    --min-response "$min_response" || {
    echo "disk and memory at the failure:"; df -h "$target" | sed 's/^/  /'; free -m | sed 's/^/  /'
    exit 1
  }
done
