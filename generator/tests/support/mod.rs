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

/// Writes `files` (docgen's output) as a crate under `target/generated-crates/<name>` and runs
/// `cargo clippy --all-targets -D warnings` on it (offline, with the workspace's lock file and a
/// shared target dir, so dependencies build once). `Err` holds clippy's output.
pub fn clippy_generated_crate(
    name: &str,
    files: &[docgen::emit::OutputFile],
) -> Result<(), String> {
    let dir = write_generated_crate(name, files);
    let output = cargo_in(
        &dir,
        &[
            "clippy",
            "--offline",
            "-q",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    );
    if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}

/// Writes `files` as a crate (as [`clippy_generated_crate`] does) and runs its tests, the
/// example tests among them, one thread, not quiet: stdout and stderr, whatever the outcome.
pub fn test_generated_crate(name: &str, files: &[docgen::emit::OutputFile]) -> String {
    let dir = write_generated_crate(name, files);
    let output = cargo_in(
        &dir,
        &["test", "--offline", "--lib", "--", "--test-threads", "1"],
    );
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The text of the file docgen generated at `path` (`requests/user_get.rs`).
pub fn generated_file<'g>(generated: &'g docgen::Generated, path: &str) -> &'g str {
    &generated
        .files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no generated {path}"))
        .contents
}

/// Holds the example tests of a generated crate (`output`: [`test_generated_crate`]'s) to their
/// outcomes: each of `pass` passes, and each of `fail` fails with a panic that holds its text
/// (`[cause] page:line`).
pub fn assert_example_outcomes(output: &str, pass: &[&str], fail: &[(&str, String)]) {
    let outcome = |test: &str| {
        output
            .lines()
            .find_map(|l| l.strip_prefix(&format!("test examples::{test} ... ")))
            .unwrap_or_else(|| panic!("no outcome for {test} in:\n{output}"))
    };
    for test in pass {
        assert_eq!(outcome(test), "ok", "{test}:\n{output}");
    }
    for (test, cause) in fail {
        assert_eq!(outcome(test), "FAILED", "{test}:\n{output}");
        let panic = output
            .split(&format!("---- examples::{test} stdout ----"))
            .nth(1)
            .unwrap_or_default();
        assert!(
            panic.contains(cause.as_str()),
            "{test} should fail with {cause}:\n{panic}"
        );
    }
}

/// The dependencies of a crate whose `support.rs` is the runtime's source (inline mode): the
/// runtime crate's own, as `runtime/Cargo.toml` lists them.
const INLINE_DEPS: &str = r#"[dependencies]
base64 = "0.22"
chrono = { version = "0.4", default-features = false, features = ["std"] }
http = "1"
percent-encoding = "2"
serde = { version = "1", features = ["derive"] }
serde_json = { version = "1", features = ["float_roundtrip"] }
serde_with = { version = "3", default-features = false, features = ["std"] }
uuid = { version = "1", features = ["serde"] }
"#;

/// Writes `files` (docgen's output) as a crate under `target/generated-crates/<name>`.
fn write_generated_crate(name: &str, files: &[docgen::emit::OutputFile]) -> PathBuf {
    let root = workspace_root();
    let dir = root.join("target/generated-crates").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    for file in files {
        let path = dir.join("gen").join(&file.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &file.contents).unwrap();
    }
    // What a user lists: the runtime and serde; an inline runtime needs the runtime's own
    // dependencies instead.
    let inline = files
        .iter()
        .any(|f| f.path == "support.rs" && !f.contents.contains("pub use ::docgen_runtime::*;"));
    let deps = if inline {
        INLINE_DEPS.to_owned()
    } else {
        format!(
            "[dependencies]\ndocgen-runtime = {{ path = {:?} }}\nserde = {{ version = \"1\", features = [\"derive\"] }}\n",
            root.join("runtime")
        )
    };
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n{deps}\n[workspace]\n"
        ),
    )
    .unwrap();
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("src/lib.rs"),
        "include!(concat!(env!(\"OUT_DIR\"), \"/mod.rs\"));\n",
    )
    .unwrap();
    // The generated root includes its files from OUT_DIR.
    std::fs::write(
        dir.join("build.rs"),
        r#"fn copy(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
fn main() {
    copy(std::path::Path::new("gen"), std::path::Path::new(&std::env::var("OUT_DIR").unwrap()));
    println!("cargo:rerun-if-changed=gen");
}
"#,
    )
    .unwrap();
    dir
}

/// Runs cargo in a crate `write_generated_crate` made, with the target dir they all share.
fn cargo_in(dir: &Path, args: &[&str]) -> std::process::Output {
    let root = workspace_root();
    std::process::Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env(
            "CARGO_TARGET_DIR",
            root.join("target/generated-crates/target"),
        )
        // As scripts/corpus-crate.sh, which shares this target: the crates are built once, so
        // incremental state and debug info would only fill the disk; same settings, shared deps.
        .env("CARGO_INCREMENTAL", "0")
        .env("CARGO_PROFILE_DEV_DEBUG", "0")
        .env("CARGO_PROFILE_TEST_DEBUG", "0")
        .output()
        .unwrap()
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

/// The schema of `pages` (path, text) read through every stage, and the schema stage's
/// diagnostics: how the rule tests read the small pages written for them.
pub fn schema_of_pages(
    pages: &[(&str, &str)],
) -> (docgen::schema::Schema, Vec<docgen::diag::Diagnostic>) {
    let mut diags = Vec::new();
    let facts: Vec<_> = pages
        .iter()
        .map(|(path, text)| {
            docgen::facts::page_facts(docgen::read::read_text(path, text, &mut diags))
        })
        .collect();
    docgen::schema::build(&facts)
}

/// The return type (as the dump writes it) of the operation read from `file` (`api/x.md`).
pub fn return_type_of(schema: &docgen::schema::Schema, file: &str) -> Option<String> {
    let op = schema
        .operations
        .iter()
        .find(|o| o.source.starts_with(file))
        .unwrap_or_else(|| panic!("no operation from {file}"));
    op.return_type.as_ref().map(ToString::to_string)
}
