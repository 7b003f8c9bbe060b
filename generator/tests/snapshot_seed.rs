//! Snapshots of what docgen emits for `docs-input/`, one per file, to read in review. The same
//! files compile in the companion crate (with -D warnings and clippy), so a snapshot that
//! changes is a change users see.

use std::path::Path;

#[test]
fn docs_input_emits_these_files() {
    let input = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input");
    let generated = docgen::Builder::new()
        .input(&input)
        .client_feature("client")
        .example_tests(true)
        .run()
        .unwrap();
    let paths: Vec<&str> = generated.files.iter().map(|f| f.path.as_str()).collect();
    insta::assert_debug_snapshot!("files", paths);
    for file in &generated.files {
        let name = file.path.trim_end_matches(".rs").replace('/', "__");
        insta::assert_snapshot!(name, file.contents);
    }
}
