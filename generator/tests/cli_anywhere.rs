//! The subcommands that write nothing (`schema`, `inspect`, `diff`) work from a directory that is
//! in no workspace: only the defaults (`docs-input/`, `generated/`) need one.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn docs_input() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input")
}

/// Runs `docgen ARGS` with the current directory `cwd`.
fn docgen(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_docgen"))
        .current_dir(cwd)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("docgen runs")
}

fn stdout_json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

/// A temporary directory outside any workspace, holding a copy of two real pages.
fn outside() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    assert!(
        !dir.path()
            .ancestors()
            .any(|d| d.join("docs-input").is_dir()),
        "the temporary directory must be outside any workspace"
    );
    let pages = dir.path().join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    for name in [
        "resources/hostsecurityprofile.md",
        "api/hostsecurityprofile-get.md",
    ] {
        let to = pages.join(Path::new(name).file_name().unwrap());
        std::fs::copy(docs_input().join(name), to).unwrap();
    }
    dir
}

fn type_names(schema: &serde_json::Value) -> Vec<String> {
    schema["types"]
        .as_array()
        .expect("types")
        .iter()
        .filter_map(|t| t["name"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn schema_of_a_directory_works_outside_a_workspace() {
    let dir = outside();
    let schema = stdout_json(&docgen(dir.path(), &["schema", "pages"]));
    let names = type_names(&schema);
    assert!(
        names.iter().any(|n| n.ends_with("hostSecurityProfile")),
        "{names:?}"
    );
    // A glob too, relative to the current directory.
    let by_glob = stdout_json(&docgen(dir.path(), &["schema", "pages/*.md"]));
    assert_eq!(type_names(&by_glob), names);
}

#[test]
fn inspect_and_diff_work_outside_a_workspace() {
    let dir = outside();
    let page = stdout_json(&docgen(
        dir.path(),
        &["inspect", "pages/hostsecurityprofile.md"],
    ));
    assert!(page["tables"].as_array().is_some_and(|t| !t.is_empty()));

    let out = docgen(dir.path(), &["diff", "pages", "pages", "--format", "json"]);
    let report = stdout_json(&out);
    assert!(report.is_object(), "{report}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("breaking\": true"));
}

#[test]
fn schema_without_inputs_outside_a_workspace_says_what_is_missing() {
    let dir = outside();
    let out = docgen(dir.path(), &["schema"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no inputs given and no `docs-input/`"),
        "{stderr}"
    );
}
