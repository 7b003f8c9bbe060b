#!/usr/bin/env bash
# Short fuzz passes over every stage (generator/fuzz): read_page, schema_pages, emit_pages and
# diff_pages, each for FUZZ_SECONDS (default 45), seeded with a few hundred small real pages
# copied at run time from ../shared/corpus (never committed). Needs the nightly toolchain; prints
# SKIPPED without it. Installs cargo-fuzz (--locked) when missing. A crash fails the script and
# leaves its input in $FUZZ_WORK/artifacts/TARGET/: make it a regression test.
#
# Long runs: FUZZ_SECONDS=1800 nice -n 19 bash scripts/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${FUZZ_SECONDS:-45}"
work="${FUZZ_WORK:-${TMPDIR:-/tmp}/docgen-fuzz}"
corpus="${DOCGEN_CORPUS:-../shared/corpus}"
targets=(read_page schema_pages emit_pages diff_pages)

if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    echo "SKIPPED: fuzzing needs the nightly toolchain (rustup toolchain install nightly)"
    exit 0
fi
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

# Seeds: small real pages from each corpus family; schema/emit/diff split an input into pages
# at NUL (and diff into two sets at \x01), so their seeds join a few pages that link each other.
mkdir -p "$work"
for target in "${targets[@]}"; do
    mkdir -p "$work/corpus/$target" "$work/artifacts/$target"
done
# Only what this run finds fails it: artifacts of earlier runs (of any checkout) are kept.
stamp="$work/run-start"
touch "$stamp"
# A page of our own for the emit and schema targets: properties named like macros and keywords
# (a page may name a property `include`: it is a field, never a call).
for target in schema_pages emit_pages; do
    printf 'resources\n---\ntitle: "gadget resource type"\ndoc_type: resourcePageType\n---\n# gadget resource type\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|include|Boolean|Named like a macro.|\n|env|String|Named like one too.|\n|static|Int32|A keyword.|\n' \
        >"$work/corpus/$target/seed-names"
done
if [ -d "$corpus" ]; then
    find "$corpus" -name '*.md' -size -3k | sort | awk 'NR % 37 == 0' | head -300 >"$work/seeds.txt"
    i=0
    while read -r page; do
        cp "$page" "$work/corpus/read_page/seed-$i.md"
        i=$((i + 1))
    done <"$work/seeds.txt"
    # Groups of three neighbouring pages (a resource and its operations sort together).
    mapfile -t pages <"$work/seeds.txt"
    for ((g = 0; g + 2 < ${#pages[@]}; g += 3)); do
        for target in schema_pages emit_pages; do
            { cat "${pages[g]}"; printf '\0'; cat "${pages[g + 1]}"; printf '\0'; cat "${pages[g + 2]}"; } \
                >"$work/corpus/$target/seed-$g"
        done
        { cat "${pages[g]}"; printf '\0'; cat "${pages[g + 1]}"; printf '\1'; cat "${pages[g]}"; printf '\0'; cat "${pages[g + 2]}"; } \
            >"$work/corpus/diff_pages/seed-$g"
    done
else
    echo "note: no corpus at $corpus; fuzzing from empty corpora"
fi

cd generator
cargo +nightly fuzz build -s none
for target in "${targets[@]}"; do
    echo "-- fuzz $target for ${seconds}s"
    # Every target reads pages: the page tokens help each of them.
    dict=(-dict=fuzz/read_page.dict)
    cargo +nightly fuzz run -s none "$target" "$work/corpus/$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$work/artifacts/$target/" "${dict[@]}" 2>&1 |
        grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|Done|==[0-9]+==|thread|SUMMARY)' || true
    # crash-, timeout-, oom- and leak- inputs fail; slow-unit- ones (> 10 s, under the timeout)
    # are only reported.
    if find "$work/artifacts/$target" -type f -newer "$stamp" ! -name 'slow-unit-*' | grep -q .; then
        echo "fuzz $target: crash inputs in $work/artifacts/$target" >&2
        exit 1
    fi
done
