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

/// Copies a directory tree (tests edit copies of `docs-input/`, never the original).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The `docgen` binary of this build.
pub fn docgen() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_docgen"))
}

/// Runs a command: (exit code, stdout, stderr).
pub fn run(command: &mut std::process::Command) -> (i32, String, String) {
    let out = command.output().expect("the command runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Replaces `from` by `to` in a file, which must contain it.
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no `{from}`", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}
