#!/usr/bin/env bash
# A second `cargo build` with nothing changed must not rerun docgen's build scripts (the
# companion crate's and the downstream example's): rerun-if-changed covers every input, and
# docgen writes nothing when the bytes are the same. Touching a page must rerun it (so this check
# can fail).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(graph-models downstream)
pkg_args=()
for p in "${packages[@]}"; do pkg_args+=(-p "$p"); done

build() { cargo build -vv "${pkg_args[@]}" 2>&1; }
ran_build_script() { grep -E "Running \`.*/build/$1-[0-9a-f]+/build-script-build" <<<"$2" >/dev/null; }

build >/dev/null
out=$(build)
for p in "${packages[@]}"; do
    if ran_build_script "$p" "$out" || ! grep -q "Fresh $p " <<<"$out"; then
        echo "FAIL: the build script of $p ran again with nothing changed:" >&2
        grep -E "$p" <<<"$out" >&2
        exit 1
    fi
    echo "ok: $p is Fresh and its build script did not run"
done

touch docs-input/resources/entity.md examples/downstream/docs/resources/enums.md
out=$(build)
for p in "${packages[@]}"; do
    ran_build_script "$p" "$out" || { echo "FAIL: touching a page of $p did not rerun its build script" >&2; exit 1; }
    echo "ok: touching a page of $p reran its build script"
done
out=$(build)
for p in "${packages[@]}"; do
    ! ran_build_script "$p" "$out" || { echo "FAIL: $p's build script ran twice after one touch" >&2; exit 1; }
done
echo "ok: fresh again afterwards"
