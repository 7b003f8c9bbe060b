#!/usr/bin/env bash
# What a user pays to compile the crate docgen generates from a whole corpus family (issue 14):
# the generated lines, then a debug `cargo build` of that crate's lib with its dependencies built
# first (not counted), as wall time, user time and peak memory (GNU time's max RSS).
# Usage: scripts/build-cost.sh [FAMILY]   (default graph-v1.0-2021). Needs ../shared (or
# $DOCGEN_CORPUS) and /usr/bin/time. Compare two commits by running it on each, one after the other.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${DOCGEN_CORPUS:-../shared/corpus}
[ -d "$corpus" ] || { echo "SKIPPED: no corpus at $corpus"; exit 0; }
[ -x /usr/bin/time ] || { echo "SKIPPED: no GNU time at /usr/bin/time"; exit 0; }
family=${1:-graph-v1.0-2021}
root=$PWD
. scripts/generated-manifest.sh
cargo build -q --release -p docgen
crate="$root/target/build-cost/$family"
rm -rf "$crate/gen"
mkdir -p "$crate/src"
target/release/docgen generate "$corpus/$family" -o "$crate/gen" >/dev/null 2>&1
generated_manifest build-cost "$root" > "$crate/Cargo.toml"
cp Cargo.lock "$crate/Cargo.lock"
# The build script only copies the generated files into OUT_DIR: docgen's time is not counted.
cat > "$crate/build.rs" <<RS
fn copy(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}
fn main() {
    let out = std::env::var("OUT_DIR").unwrap();
    copy(std::path::Path::new("$crate/gen"), std::path::Path::new(&out));
}
RS
count() { cat "$@" 2>/dev/null | wc -l; }
models=$(ls "$crate/gen/models" | wc -l)
requests=$(ls "$crate/gen/requests" | wc -l)
printf '%s: %s lines (%s model files, %s lines each on average; %s request files, %s lines each)\n' \
  "$family" "$(count "$crate"/gen/*.rs "$crate"/gen/models/*.rs "$crate"/gen/requests/*.rs)" \
  "$models" "$(($(count "$crate"/gen/models/*.rs) / models))" \
  "$requests" "$(($(count "$crate"/gen/requests/*.rs) / requests))"
export CARGO_TARGET_DIR="$crate/target"
# Dependencies first, against an empty lib, so only the generated code is timed.
echo 'include!(concat!(env!("OUT_DIR"), "/mod.rs"));' > "$crate/lib.rs.real"
: > "$crate/src/lib.rs"
(cd "$crate" && cargo build -q)
mv "$crate/lib.rs.real" "$crate/src/lib.rs"
touch "$crate/src/lib.rs"
(cd "$crate" && /usr/bin/time -f "$family: debug build %e s wall, %U s user, peak %M KB" cargo build -q)
