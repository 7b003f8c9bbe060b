//! Finding `../shared/corpus` for tests that measure docgen on real pages.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The corpus: `$DOCGEN_CORPUS`, else `../shared/corpus` beside the workspace root. `None` (with
/// the reason printed) when it is absent, so a fresh clone without it still passes.
pub fn corpus() -> Option<PathBuf> {
    let dir = match std::env::var_os("DOCGEN_CORPUS") {
        Some(dir) => PathBuf::from(dir),
        None => workspace_root().join("../shared/corpus"),
    };
    if dir.is_dir() {
        Some(dir)
    } else {
        println!(
            "SKIPPED: no corpus at {} (set DOCGEN_CORPUS or put shared/ beside the workspace)",
            dir.display()
        );
        None
    }
}

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every `.md` file below `dir`, sorted, as (path, path relative to `dir` with `/`).
pub fn markdown_files(dir: &Path) -> Vec<(PathBuf, String)> {
    docgen::list_pages(dir)
        .into_iter()
        .map(|(display, path)| (path, display))
        .collect()
}
