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
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((path, rel));
            }
        }
    }
    out.sort();
    out
}
