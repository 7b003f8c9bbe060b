//! The dependencies generated code needs are listed once, in `scripts/generated-deps.toml`
//! (which the corpus and hostile-page crates use); every crate in this repository that includes
//! generated code must list each of them the same way.

mod support;

#[test]
fn crates_including_generated_code_list_its_runtime_dependencies() {
    let root = support::workspace_root();
    let deps = std::fs::read_to_string(root.join("scripts/generated-deps.toml")).unwrap();
    let lines: Vec<&str> = deps
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with('[') && l.contains(" = "))
        .collect();
    assert!(lines.len() >= 8, "{lines:?}");
    for manifest in ["Cargo.toml", "examples/downstream/Cargo.toml"] {
        let text = std::fs::read_to_string(root.join(manifest)).unwrap();
        for line in &lines {
            assert!(
                text.lines().any(|l| l.trim() == *line),
                "{manifest} lacks `{line}` (scripts/generated-deps.toml)"
            );
        }
    }
}
