//! Regeneration as a reviewer meets it: `docgen check` names what is stale, `docgen generate`
//! fixes it and touches nothing when nothing changed; include/exclude globs, glob inputs, the
//! summary line, and the build.rs directives.

mod support;

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use support::{copy_dir, docgen, edit, run, workspace_root};

/// A copy of docs-input/ and of the committed generated/ in a temporary directory.
/// `generated/` holds the async client behind the `client` feature and the example tests, as
/// build.rs emits them.
const CLIENT: [&str; 3] = ["--client-feature", "client", "--example-tests"];

fn workspace_copy() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let docs = temp.path().join("docs-input");
    let out = temp.path().join("generated");
    copy_dir(&workspace_root().join("docs-input"), &docs);
    copy_dir(&workspace_root().join("generated"), &out);
    (temp, docs, out)
}

fn mtimes(dir: &Path) -> Vec<(String, SystemTime)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let modified = entry.metadata().unwrap().modified().unwrap();
                out.push((path.display().to_string(), modified));
            }
        }
    }
    out.sort();
    out
}

/// `docgen COMMAND DOCS -o OUT` with the companion crate's options: (exit code, stdout, stderr).
fn docgen_on(command: &str, docs: &Path, out: &Path) -> (i32, String, String) {
    run(docgen()
        .arg(command)
        .arg(docs)
        .arg("-o")
        .arg(out)
        .args(CLIENT))
}

#[test]
fn check_names_the_stale_file_and_generate_refreshes_it_then_writes_nothing() {
    let (_temp, docs, out) = workspace_copy();
    let check = || docgen_on("check", &docs, &out);

    let (code, _, stderr) = check();
    assert_eq!(code, 0, "the committed copy is up to date: {stderr}");

    edit(
        &docs.join("resources/logonuser.md"),
        "|accountName|String|The name of the user account.|",
        "|accountName|String|The name of the user's account on the host.|",
    );
    let (code, _, stderr) = check();
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("changed: models/logon_user.rs"), "{stderr}");
    assert!(
        !stderr.contains("host_security_profile.rs"),
        "only the edited type's file is stale: {stderr}"
    );
    assert!(
        stderr.contains("refresh it with: cargo run -p docgen -- generate"),
        "{stderr}"
    );

    let (code, _, stderr) = run(docgen()
        .arg("generate")
        .arg(&docs)
        .arg("-o")
        .arg(&out)
        .args(CLIENT));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("(1 written, 0 removed)"), "{stderr}");
    let (code, _, stderr) = check();
    assert_eq!(code, 0, "fresh after generate: {stderr}");

    let before = mtimes(&out);
    let (code, _, stderr) = run(docgen()
        .arg("generate")
        .arg(&docs)
        .arg("-o")
        .arg(&out)
        .args(CLIENT));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("(0 written, 0 removed)"), "{stderr}");
    assert_eq!(mtimes(&out), before, "a second generate touched files");
}

#[test]
fn a_file_edited_by_hand_is_rewritten_by_the_next_generate_whatever_the_emit_cache_holds() {
    let (_temp, docs, out) = workspace_copy();
    let generate = || docgen_on("generate", &docs, &out);
    // Twice: the second run finds its own record of the first.
    for _ in 0..2 {
        let (code, _, stderr) = generate();
        assert_eq!(code, 0, "{stderr}");
    }
    assert!(out.join(".docgen-cache").is_file());
    let file = out.join("models/logon_user.rs");
    let committed = std::fs::read_to_string(&file).unwrap();
    // The same length, other bytes: neither the size nor the record's key tells.
    let edited = committed.replacen("pub struct", "pub struck", 1);
    assert_ne!(edited, committed);
    assert_eq!(edited.len(), committed.len());
    std::fs::write(&file, &edited).unwrap();

    let (code, _, stderr) = docgen_on("check", &docs, &out);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("changed: models/logon_user.rs"), "{stderr}");
    let (code, _, stderr) = generate();
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("(1 written, 0 removed)"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), committed);

    // A damaged record is no record.
    std::fs::write(out.join(".docgen-cache"), "{").unwrap();
    std::fs::write(&file, &edited).unwrap();
    let (code, _, stderr) = generate();
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("(1 written, 0 removed)"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), committed);
}

#[test]
fn check_reports_missing_and_extra_files() {
    let (_temp, docs, out) = workspace_copy();
    std::fs::remove_file(out.join("models/entity.rs")).unwrap();
    std::fs::write(out.join("models/leftover.rs"), "// old\n").unwrap();
    let (code, _, stderr) = run(docgen()
        .arg("check")
        .arg(&docs)
        .arg("-o")
        .arg(&out)
        .args(CLIENT));
    assert_eq!(code, 1);
    assert!(stderr.contains("missing: models/entity.rs"), "{stderr}");
    assert!(stderr.contains("extra: models/leftover.rs"), "{stderr}");
}

#[test]
fn summary_counts_pages_types_operations_and_diagnostics() {
    let (_temp, docs, out) = workspace_copy();
    let (code, _, stderr) = run(docgen()
        .arg("generate")
        .arg(&docs)
        .arg("-o")
        .arg(&out)
        .args(CLIENT));
    assert_eq!(code, 0, "{stderr}");
    let summary = stderr.lines().last().unwrap();
    let analyzed = docgen::Builder::new().input(&docs).analyze().unwrap();
    let expected = format!(
        "docgen: {} pages, {} types, {} operations -> {} files",
        docgen::list_pages(&docs).len(),
        analyzed.schema.types.len(),
        // Those only other pages' paths name have no request (and are counted apart).
        analyzed
            .schema
            .operations
            .iter()
            .filter(|o| !o.mentioned)
            .count(),
        // docgen's files; not the emit cache's record beside them.
        mtimes(&out)
            .iter()
            .filter(|(path, _)| path.ends_with(".rs"))
            .count()
    );
    assert!(
        summary.starts_with(&expected),
        "{summary}\nexpected: {expected}"
    );
    assert!(
        summary.ends_with("0 errors, 0 warnings, 0 notes"),
        "{summary}"
    );
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let (_temp, docs, out) = workspace_copy();
    let (_, _, stderr) = run(docgen()
        .arg("generate")
        .arg(&docs)
        .arg("-o")
        .arg(&out)
        .args(CLIENT));
    assert!(!stderr.contains('\r'), "{stderr:?}");
    assert!(!stderr.contains("pages read"), "{stderr:?}");
    assert_eq!(stderr.lines().count(), 1, "only the summary: {stderr:?}");
}

#[test]
fn include_and_exclude_select_pages_by_their_path_below_the_input() {
    let docs = workspace_root().join("docs-input");
    let pages = |b: docgen::Builder| b.input(&docs).analyze().unwrap().pages;
    let all = docgen::list_pages(&docs);
    assert_eq!(pages(docgen::Builder::new()).len(), all.len());
    let resources: Vec<String> = all
        .iter()
        .map(|(p, _)| p.clone())
        .filter(|p| p.starts_with("resources/"))
        .collect();
    // The selected types, and the updates that send the profile and the outcome: their files
    // define the patch bodies, as in the full output.
    let mut with_patch = resources.clone();
    with_patch.insert(0, "api/hostsecurityprofile-update.md".to_owned());
    with_patch.insert(0, "api/educationoutcome-update.md".to_owned());
    assert_eq!(
        pages(docgen::Builder::new().include("resources/**")),
        with_patch
    );
    // Excluded pages are not read at all.
    assert_eq!(
        pages(docgen::Builder::new().exclude("api/*")),
        resources,
        "exclude is the complement"
    );
    assert_eq!(
        pages(
            docgen::Builder::new()
                .include("resources/logon*.md")
                .include("resources/security*.md")
                .exclude("**/logon*")
        ),
        ["resources/securityvendorinformation.md"].map(String::from),
        "exclude beats include"
    );
    // `*` stops at `/`.
    assert!(pages(docgen::Builder::new().include("*.md")).is_empty());
}

#[test]
fn generate_with_include_writes_only_that_part_of_the_api() {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("out");
    let docs = workspace_root().join("docs-input");
    let (code, _, stderr) = run(docgen()
        .arg("generate")
        .arg(&docs)
        .args(["-o"])
        .arg(&out)
        .args(["--include", "resources/**"]));
    assert_eq!(code, 0, "{stderr}");
    // The nine resource pages and the two updates whose patch bodies their types' files define.
    assert!(stderr.contains("11 pages"), "{stderr}");
    assert!(stderr.contains("2 operations"), "{stderr}");
    assert!(out.join("models/logon_user.rs").is_file());
    assert!(
        out.join("requests/host_security_profile_update.rs")
            .is_file()
    );
    assert!(!out.join("requests/host_security_profile_get.rs").exists());
}

#[test]
fn bad_globs_and_inputs_are_clear_errors() {
    let docs = workspace_root().join("docs-input");
    let (code, _, stderr) = run(docgen().arg("schema").arg(&docs).args(["--include", "a[b"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("`a[b` is not a valid glob"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");

    let err = docgen::Builder::new()
        .input(docs.join("nothing-*.md"))
        .analyze()
        .unwrap_err();
    assert!(err.to_string().contains("matches no file"), "{err}");
    let err = docgen::Builder::new()
        .input(docs.join("absent"))
        .analyze()
        .unwrap_err();
    assert!(err.to_string().contains("does not exist"), "{err}");
}

#[test]
fn an_input_directory_without_pages_is_a_warning_naming_it() {
    let empty = tempfile::tempdir().unwrap();
    std::fs::write(empty.path().join("notes.txt"), "not a page").unwrap();
    let docs = workspace_root().join("docs-input");
    let read = docgen::Builder::new()
        .input(empty.path())
        .input(&docs)
        .analyze()
        .unwrap();
    let warned: Vec<_> = read
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("holds no Markdown page"))
        .collect();
    assert_eq!(warned.len(), 1, "{:?}", read.diagnostics);
    assert_eq!(warned[0].file, empty.path().display().to_string());
    assert_eq!(warned[0].severity, docgen::diag::Severity::Warning);
    // The other input's pages are read as ever, and a directory with pages draws no warning.
    assert!(!read.pages.is_empty());
    let docs_only = docgen::Builder::new().input(&docs).analyze().unwrap();
    assert!(
        !docs_only
            .diagnostics
            .iter()
            .any(|d| d.message.contains("holds no Markdown page"))
    );
}

#[test]
fn a_glob_input_names_pages_below_its_literal_directories() {
    let docs = workspace_root().join("docs-input");
    let by_dir = docgen::Builder::new().input(&docs).run().unwrap();
    let by_glob = docgen::Builder::new()
        .input(docs.join("**/*.md"))
        .run()
        .unwrap();
    assert_eq!(by_glob.pages, by_dir.pages);
    assert_eq!(by_glob.files, by_dir.files, "the same bytes either way");
    let some = docgen::Builder::new()
        .input(docs.join("resources/*on*.md"))
        .analyze()
        .unwrap();
    assert_eq!(
        some.pages,
        [
            "educationfeedbackoutcome.md",
            "educationoutcome.md",
            "educationpointsoutcome.md",
            "logonuser.md",
            "securityvendorinformation.md"
        ]
    );
}

#[test]
fn rerun_if_changed_covers_each_input_directory_and_every_page() {
    let docs = workspace_root().join("docs-input");
    let watched = docgen::Builder::new()
        .input(&docs)
        .rerun_if_changed()
        .unwrap();
    assert!(
        watched.contains(&docs),
        "the directory, for pages that appear"
    );
    for (_, page) in docgen::list_pages(&docs) {
        assert!(watched.contains(&page), "{}", page.display());
    }
    let globbed = docgen::Builder::new()
        .input(docs.join("resources/*.md"))
        .rerun_if_changed()
        .unwrap();
    assert!(globbed.contains(&docs.join("resources")), "{globbed:?}");
    assert_eq!(globbed.len(), 1 + 9);
}
