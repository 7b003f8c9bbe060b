//! Hostile input trees: symlink loops and links to one directory twice are read in one pass,
//! each page once under its real name, and each link left out is reported. (Before walkdir,
//! one `ln -s .. api/up` read every page ~40 times and two such links did not end in 30 s.)
#![cfg(unix)]

use std::os::unix::fs::symlink;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use docgen::diag::{Code, Severity};

/// Runs `f` on another thread and fails if it has not returned after a generous bound: a hang
/// guard (the work takes milliseconds), not a timing test.
fn within_a_minute<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(60))
        .expect("listing a tree with symlink loops did not end in 60 s")
}

fn page(path: &Path, title: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, format!("---\ntitle: \"{title}\"\n---\n\n# {title}\n")).unwrap();
}

/// api/{a,b}.md, resources/r.md and nested/deep/n.md, with two loops (`api/up -> ..`,
/// `nested/deep/back -> ../..`), two folders linking each other (`api/res -> ../resources`,
/// `resources/api -> ../api`), a second name for a page and a broken link.
fn looping_tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    page(&root.join("api/a.md"), "a");
    page(&root.join("api/b.md"), "b");
    page(&root.join("resources/r.md"), "r");
    page(&root.join("nested/deep/n.md"), "n");
    symlink("..", root.join("api/up")).unwrap();
    symlink("../..", root.join("nested/deep/back")).unwrap();
    symlink("../resources", root.join("api/res")).unwrap();
    symlink("../api", root.join("resources/api")).unwrap();
    symlink("a.md", root.join("api/alias.md")).unwrap();
    symlink("missing", root.join("api/broken")).unwrap();
    dir
}

const REAL_PAGES: [&str; 4] = ["api/a.md", "api/b.md", "nested/deep/n.md", "resources/r.md"];

#[test]
fn symlink_loops_list_each_page_once_under_its_real_name() {
    let dir = looping_tree();
    let root = dir.path().to_path_buf();
    let pages = within_a_minute(move || docgen::list_pages(&root));
    let names: Vec<&str> = pages.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, REAL_PAGES);
}

#[test]
fn builder_reads_a_looping_tree_once_and_warns_about_each_link_left_out() {
    let dir = looping_tree();
    let root = dir.path().to_path_buf();
    let generated = within_a_minute(move || docgen::Builder::new().input(&root).analyze())
        .expect("the tree is read");
    assert_eq!(generated.pages, REAL_PAGES);
    let skipped: Vec<(&str, Severity)> = generated
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::Skipped)
        .map(|d| (d.file.as_str(), d.severity))
        .collect();
    assert_eq!(
        skipped,
        [
            ("api/alias.md", Severity::Warning),
            ("api/broken", Severity::Warning),
            ("api/res", Severity::Warning),
            ("api/up", Severity::Warning),
            ("nested/deep/back", Severity::Warning),
            ("resources/api", Severity::Warning),
        ]
    );
    let rendered = generated.render_diagnostics(false);
    assert!(
        rendered.contains("a directory already read: not followed again"),
        "{rendered}"
    );
    assert!(rendered.contains("a broken link"), "{rendered}");
}

#[test]
fn a_recursive_glob_over_a_looping_tree_matches_each_page_once() {
    let dir = looping_tree();
    let pattern = dir.path().join("**/*.md");
    let generated = within_a_minute(move || docgen::Builder::new().input(&pattern).analyze())
        .expect("the glob matches");
    assert_eq!(generated.pages, REAL_PAGES);
}

#[test]
fn a_glob_takes_matched_pages_and_the_pages_of_matched_directories_only() {
    let dir = looping_tree();
    let pages = |pattern: &str| {
        docgen::Builder::new()
            .input(dir.path().join(pattern))
            .analyze()
            .map(|g| g.pages)
            .map_err(|e| e.to_string())
    };
    assert_eq!(pages("api/?.md").unwrap(), ["a.md", "b.md"]);
    assert_eq!(pages("n*").unwrap(), ["nested/deep/n.md"]);
    assert_eq!(pages("*/r.md").unwrap(), ["resources/r.md"]);
    let none = pages("api/z*.md").unwrap_err();
    assert!(none.contains("matches no file"), "{none}");
}

#[test]
fn a_directory_linked_from_outside_the_tree_is_read_through_its_link() {
    let shared = tempfile::tempdir().unwrap();
    page(&shared.path().join("common.md"), "common");
    let dir = tempfile::tempdir().unwrap();
    page(&dir.path().join("own.md"), "own");
    symlink(shared.path(), dir.path().join("shared")).unwrap();
    symlink(shared.path(), dir.path().join("shared-again")).unwrap();
    let names: Vec<String> = docgen::list_pages(dir.path())
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    assert_eq!(names, ["own.md", "shared/common.md"]);
}

#[test]
fn of_several_links_to_one_directory_the_first_by_name_is_read() {
    let shared = tempfile::tempdir().unwrap();
    page(&shared.path().join("common.md"), "common");
    let dir = tempfile::tempdir().unwrap();
    // Created out of order; `L` sorts first byte by byte (and `l-10` before `l-9`, `l.0` last).
    for link in ["l.0", "l-9", "l-10", "L"] {
        symlink(shared.path(), dir.path().join(link)).unwrap();
    }
    let names: Vec<String> = docgen::list_pages(dir.path())
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    assert_eq!(names, ["L/common.md"]);
}

/// Two versions of the docs given together: a page path both hold is read once, from the same
/// input whatever the order they are given in, and the other input's pages of that path are
/// reported (one warning per pair of inputs, with the count), not dropped without a word.
#[test]
fn a_page_path_under_two_inputs_is_read_once_and_the_other_is_reported() {
    let (old, new) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for (dir, title) in [(&old, "old"), (&new, "new")] {
        page(&dir.path().join("api/a.md"), title);
        page(&dir.path().join("api/b.md"), title);
    }
    page(&new.path().join("api/only-new.md"), "new");
    // Whichever is given first, the same input's pages are read (the one first by path).
    let (first, second) = if old.path() < new.path() {
        (&old, &new)
    } else {
        (&new, &old)
    };
    for order in [[&old, &new], [&new, &old]] {
        let generated = docgen::Builder::new()
            .input(order[0].path())
            .input(order[1].path())
            .analyze()
            .expect("both inputs are read");
        assert_eq!(generated.pages, ["api/a.md", "api/b.md", "api/only-new.md"]);
        let read = first.path().join("api/a.md");
        assert_eq!(
            generated.sources["api/a.md"],
            std::fs::read_to_string(&read).unwrap(),
            "api/a.md is read from {}",
            first.path().display()
        );
        let skipped: Vec<(&str, &str)> = generated
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::Skipped)
            .map(|d| (d.file.as_str(), d.message.as_str()))
            .collect();
        assert_eq!(skipped.len(), 1, "{skipped:?}");
        assert_eq!(skipped[0].0, "api/a.md");
        assert!(
            skipped[0].1.starts_with(&format!(
                "2 pages under `{}` not read: a page of the same path under `{}` is read",
                second.path().display(),
                first.path().display()
            )),
            "{}",
            skipped[0].1
        );
    }
    // One directory given twice loses nothing, and says nothing.
    let twice = docgen::Builder::new()
        .input(old.path())
        .input(old.path())
        .analyze()
        .unwrap();
    assert_eq!(twice.pages, ["api/a.md", "api/b.md"]);
    assert!(twice.diagnostics.iter().all(|d| d.code != Code::Skipped));
}

#[test]
fn one_input_holding_two_versions_of_the_docs_is_refused_and_topics_are_read_together() {
    // A docs checkout's root: `api-reference/v1.0` and `api-reference/beta` share page paths.
    let checkout = tempfile::tempdir().unwrap();
    for version in ["v1.0", "beta"] {
        let root = checkout.path().join("api-reference").join(version);
        page(&root.join("api/user-get.md"), "Get user");
        page(&root.join("resources/user.md"), "user resource type");
    }
    page(&checkout.path().join("concepts/overview.md"), "Overview");
    let err = docgen::Builder::new()
        .input(checkout.path())
        .analyze()
        .expect_err("two versions in one input");
    let message = err.to_string();
    assert!(
        matches!(&err, docgen::Error::SeveralVersions { shared: 2, .. })
            && message
                .contains("`api-reference/beta` and `api-reference/v1.0` hold 2 of the same pages")
            && message.contains(&format!(
                "(`{}`)",
                checkout.path().join("api-reference/v1.0").display()
            )),
        "{message}"
    );
    // Each version given alone is read.
    let v1 = checkout.path().join("api-reference/v1.0");
    let generated = docgen::Builder::new().input(&v1).analyze().unwrap();
    assert_eq!(generated.pages, ["api/user-get.md", "resources/user.md"]);
    // Docs split by topic hold no page twice: one input.
    let topics = tempfile::tempdir().unwrap();
    page(&topics.path().join("teams/api/team-get.md"), "Get team");
    page(
        &topics.path().join("teams/resources/team.md"),
        "team resource type",
    );
    page(
        &topics.path().join("mail/api/message-get.md"),
        "Get message",
    );
    let generated = docgen::Builder::new()
        .input(topics.path())
        .analyze()
        .unwrap();
    assert_eq!(generated.pages.len(), 3);
}
