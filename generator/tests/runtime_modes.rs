//! How generated code reaches the runtime: a re-export of the runtime crate at a configurable
//! path (the default), or the runtime's source pasted into `support.rs` (inline mode); and
//! example tests only when asked for. The crates in this repository that include generated code
//! list the runtime and serde, nothing else.

mod support;

use std::path::Path;

fn generate(builder: docgen::Builder) -> docgen::Generated {
    let docs = support::workspace_root().join("docs-input");
    builder.input(docs).run().unwrap()
}

fn file<'g>(generated: &'g docgen::Generated, path: &str) -> Option<&'g str> {
    generated
        .files
        .iter()
        .find(|f| f.path == path)
        .map(|f| f.contents.as_str())
}

#[test]
fn support_reexports_the_runtime_at_the_path_given() {
    let default = generate(docgen::Builder::new());
    let support = file(&default, "support.rs").unwrap();
    assert!(
        support.contains("pub use ::docgen_runtime::*;"),
        "{support}"
    );
    assert!(support.lines().count() < 5, "{support}");

    let renamed = generate(docgen::Builder::new().runtime_path("::graph_runtime"));
    let support = file(&renamed, "support.rs").unwrap();
    assert!(support.contains("pub use ::graph_runtime::*;"), "{support}");
    // Models and requests are the same bytes whatever the path: they go through `support`.
    for f in &default.files {
        if f.path.starts_with("models/") || f.path.starts_with("requests/") {
            assert_eq!(
                file(&renamed, &f.path),
                Some(f.contents.as_str()),
                "{}",
                f.path
            );
            assert!(!f.contents.contains("docgen_runtime"), "{}", f.path);
        }
    }
}

#[test]
fn a_runtime_path_that_is_no_rust_path_is_an_error_not_a_crash() {
    let generated = generate(docgen::Builder::new().runtime_path("not a path!"));
    let error = generated
        .diagnostics
        .iter()
        .find(|d| d.severity == docgen::diag::Severity::Error)
        .expect("an error diagnostic");
    assert!(error.message.contains("`not a path!`"), "{}", error.message);
    assert!(file(&generated, "support.rs").is_none());
}

#[test]
fn generated_code_names_no_third_party_crate_but_serde() {
    let generated = generate(docgen::Builder::new().example_tests(true));
    for f in &generated.files {
        for krate in [
            "serde_json",
            "serde_with",
            "chrono",
            "uuid",
            "http",
            "base64",
            "percent_encoding",
        ] {
            let direct = format!(" ::{krate}::");
            let direct_attr = format!("\"::{krate}::");
            assert!(
                !f.contents.contains(&direct) && !f.contents.contains(&direct_attr),
                "{} names ::{krate} directly",
                f.path
            );
        }
    }
}

#[test]
fn example_tests_are_emitted_only_when_asked_for() {
    let off = generate(docgen::Builder::new());
    assert!(file(&off, "examples.rs").is_none());
    assert!(!file(&off, "mod.rs").unwrap().contains("mod examples"));
    let on = generate(docgen::Builder::new().example_tests(true));
    assert!(file(&on, "examples.rs").unwrap().contains("#[test]"));
    assert!(file(&on, "mod.rs").unwrap().contains("mod examples"));
}

#[test]
fn an_inline_runtime_crate_compiles_and_lints_clean_with_its_example_tests() {
    let generated = generate(
        docgen::Builder::new()
            .inline_runtime(true)
            .example_tests(true),
    );
    let support = file(&generated, "support.rs").unwrap();
    // The runtime's own files, module by module; no client without a feature to put it behind.
    for module in [
        "pub mod testing",
        "mod request",
        "mod wire",
        "pub use request::*;",
    ] {
        assert!(support.contains(module), "no `{module}` in support.rs");
    }
    assert!(!support.contains("mod client"));
    assert!(!support.contains("docgen_runtime"));
    if let Err(clippy) = support::clippy_generated_crate("inline-runtime", &generated.files) {
        panic!("the inline-runtime crate does not lint clean:\n{clippy}");
    }
}

#[test]
fn the_inline_dependency_list_is_the_runtime_crates_own() {
    // tests/support writes an inline crate's dependencies; they must be what the runtime uses.
    let root = support::workspace_root();
    let manifest = std::fs::read_to_string(root.join("runtime/Cargo.toml")).unwrap();
    let helper = std::fs::read_to_string(root.join("generator/tests/support/mod.rs")).unwrap();
    let deps = manifest
        .split("[dependencies]")
        .nth(1)
        .and_then(|s| s.split("\n[").next())
        .unwrap();
    let required: Vec<&str> = deps
        .lines()
        .filter(|l| l.contains(" = ") && !l.starts_with('#') && !l.contains("optional = true"))
        .collect();
    assert!(required.len() >= 8, "{required:?}");
    for line in required {
        assert!(
            helper.lines().any(|l| l.trim() == line),
            "tests/support lacks `{line}`"
        );
    }
}

#[test]
fn crates_including_generated_code_list_the_runtime_and_serde_only() {
    let root = support::workspace_root();
    for manifest in ["Cargo.toml", "examples/downstream/Cargo.toml"] {
        let text = std::fs::read_to_string(root.join(manifest)).unwrap();
        let deps: Vec<&str> = text
            .split("\n[dependencies]\n")
            .nth(1)
            .and_then(|s| s.split("\n[").next())
            .unwrap()
            .lines()
            .filter(|l| l.contains(" = ") && !l.starts_with('#'))
            .map(|l| l.split(" = ").next().unwrap())
            .collect();
        assert_eq!(deps, ["docgen-runtime", "serde"], "{manifest}");
        assert!(
            text.contains("client = [\"docgen-runtime/client\"]"),
            "{manifest}: the client feature turns on the runtime's"
        );
    }
    assert!(!Path::new(&root.join("scripts/generated-deps.toml")).exists());
}

#[test]
fn the_cli_flags_choose_the_runtime_and_the_example_tests() {
    let docs = support::workspace_root().join("docs-input");
    let temp = tempfile::tempdir().unwrap();
    let generate = |name: &str, flags: &[&str]| {
        let out = temp.path().join(name);
        let (code, _, stderr) = support::run(
            support::docgen()
                .arg("generate")
                .arg(&docs)
                .arg("-o")
                .arg(&out)
                .args(flags),
        );
        assert_eq!(code, 0, "{stderr}");
        let support = std::fs::read_to_string(out.join("support.rs")).unwrap();
        (support, out.join("examples.rs").exists())
    };
    let (plain, examples) = generate("plain", &[]);
    assert!(plain.contains("pub use ::docgen_runtime::*;") && !examples);
    let (renamed, _) = generate("renamed", &["--runtime-path", "::graph_runtime"]);
    assert!(renamed.contains("pub use ::graph_runtime::*;"), "{renamed}");
    let (inline, examples) = generate("inline", &["--inline-runtime", "--example-tests"]);
    assert!(inline.contains("mod request {") && examples);
}
