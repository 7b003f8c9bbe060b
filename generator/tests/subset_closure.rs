//! `--include` selects operations and types; every type they need comes from its own page in the
//! full input, so each file a subset emits is byte-identical to the full generation's file of
//! the same name, and no type is duplicated (`Contact2`) or made up from an example.

mod support;

use std::collections::BTreeMap;

fn files(generated: &docgen::Generated) -> BTreeMap<&str, &str> {
    generated
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.contents.as_str()))
        .collect()
}

/// `(subset files under models/ and requests/, those identical to the full output's)`, and the
/// names of the files that differ.
fn compare(subset: &docgen::Generated, full: &docgen::Generated) -> (usize, usize, Vec<String>) {
    let full = files(full);
    let mut compared = 0;
    let mut differ = Vec::new();
    for (path, contents) in files(subset) {
        if !(path.starts_with("models/") || path.starts_with("requests/")) {
            continue;
        }
        compared += 1;
        if full.get(path) != Some(&contents) {
            differ.push(path.to_owned());
        }
    }
    (compared, compared - differ.len(), differ)
}

/// Types whose name is another type's with a number after it (`Contact2` beside `Contact`).
fn numbered_duplicates(generated: &docgen::Generated) -> Vec<String> {
    let names: Vec<&str> = generated
        .schema
        .types
        .iter()
        .map(|t| t.rust.as_str())
        .collect();
    names
        .iter()
        .filter(|n| {
            let stem = n.trim_end_matches(|c: char| c.is_ascii_digit());
            stem.len() < n.len() && names.contains(&stem)
        })
        .map(|n| (*n).to_owned())
        .collect()
}

#[test]
fn a_user_subset_of_graph_v1_is_the_full_generation_cut_to_its_closure() {
    let Some(corpus) = support::corpus() else {
        return;
    };
    let dir = corpus.join("graph-v1.0");
    if !dir.is_dir() {
        println!("SKIPPED: {} is absent", dir.display());
        return;
    }
    let full = docgen::Builder::new().input(&dir).run().expect("full");
    let subset = docgen::Builder::new()
        .input(&dir)
        .include("api/user-*")
        .include("resources/user.md")
        .run()
        .expect("subset");
    let (compared, identical, differ) = compare(&subset, &full);
    let count = |g: &docgen::Generated, dir: &str| {
        g.files.iter().filter(|f| f.path.starts_with(dir)).count()
    };
    println!(
        "graph-v1.0 subset: {} files ({} models of {} in full, {} requests of {}), {} pages; \
         {identical} of {compared} model and request files identical to the full generation's",
        subset.files.len(),
        count(&subset, "models/"),
        count(&full, "models/"),
        count(&subset, "requests/"),
        count(&full, "requests/"),
        subset.pages.len(),
    );
    assert!(
        differ.is_empty(),
        "files that differ from the full output: {differ:?}"
    );
    let duplicates = numbered_duplicates(&subset);
    assert!(duplicates.is_empty(), "numbered duplicates: {duplicates:?}");
    // Every type keeps the name and the page it has in the full schema.
    for ty in &subset.schema.types {
        let whole = full
            .schema
            .type_named(&ty.name)
            .expect("a type of the full schema");
        assert_eq!((&ty.rust, &ty.source), (&whole.rust, &whole.source));
    }
    // The selected operations are all there.
    let users = full
        .schema
        .operations
        .iter()
        .filter(|o| o.source.starts_with("api/user-"))
        .count();
    let kept_users = subset
        .schema
        .operations
        .iter()
        .filter(|o| o.source.starts_with("api/user-"))
        .count();
    assert!(users > 30 && kept_users == users, "{kept_users} of {users}");
    assert!(subset.schema.type_named("microsoft.graph.user").is_some());
}

fn docs_input() -> std::path::PathBuf {
    support::workspace_root().join("docs-input")
}

fn paths(generated: &docgen::Generated, dir: &str) -> Vec<String> {
    generated
        .files
        .iter()
        .filter(|f| f.path.starts_with(dir))
        .map(|f| f.path.clone())
        .collect()
}

#[test]
fn an_operation_brings_its_types_their_bases_and_the_update_that_defines_a_patch() {
    let full = docgen::Builder::new().input(docs_input()).run().unwrap();
    let subset = docgen::Builder::new()
        .input(docs_input())
        .include("api/hostsecurityprofile-get.md")
        .run()
        .unwrap();
    let (compared, identical, differ) = compare(&subset, &full);
    assert!(differ.is_empty() && identical == compared, "{differ:?}");
    // The profile's file defines `HostSecurityProfilePatch`, so the update that sends it comes
    // along, and so does the outcome's update (`AnyEntity` holds the outcomes, whose file
    // defines `AnyEducationOutcomePatch`); the list and the delete do not.
    assert_eq!(
        paths(&subset, "requests/"),
        [
            "requests/education_outcome_update.rs",
            "requests/host_security_profile_get.rs",
            "requests/host_security_profile_update.rs"
        ]
    );
    // Every type the profile needs, from its own page: all of docs-input's types.
    assert_eq!(paths(&subset, "models/"), paths(&full, "models/"));
    assert!(subset.pages.len() < full.pages.len(), "{:?}", subset.pages);
}

#[test]
fn a_type_alone_brings_only_what_its_properties_name() {
    let full = docgen::Builder::new().input(docs_input()).run().unwrap();
    let subset = docgen::Builder::new()
        .input(docs_input())
        .include("resources/logonuser.md")
        .run()
        .unwrap();
    let (_, _, differ) = compare(&subset, &full);
    assert!(differ.is_empty(), "{differ:?}");
    assert_eq!(
        paths(&subset, "models/"),
        [
            "models/logon_type.rs",
            "models/logon_user.rs",
            "models/user_account_security_type.rs"
        ]
    );
    assert!(paths(&subset, "requests/").is_empty());
    assert_eq!(
        subset.pages,
        ["resources/enums.md", "resources/logonuser.md"]
    );
}

#[test]
fn an_include_that_matches_nothing_emits_no_model_and_a_bad_glob_is_an_error() {
    let subset = docgen::Builder::new()
        .input(docs_input())
        .include("api/nothing-*")
        .run()
        .unwrap();
    assert!(paths(&subset, "models/").is_empty() && paths(&subset, "requests/").is_empty());
    let bad = docgen::Builder::new()
        .input(docs_input())
        .include("api/[")
        .run();
    assert!(matches!(bad, Err(docgen::Error::BadGlob { .. })), "{bad:?}");
}

#[test]
fn a_subset_crate_passes_clippy_and_its_example_tests() {
    let subset = docgen::Builder::new()
        .input(docs_input())
        .example_tests(true)
        .include("api/hostsecurityprofile-get.md")
        .run()
        .unwrap();
    if let Err(clippy) = support::clippy_generated_crate("subset", &subset.files) {
        panic!("clippy on the subset crate:\n{clippy}");
    }
    let output = support::test_generated_crate("subset", &subset.files);
    assert!(
        output.contains("test result: ok.") && !output.contains("FAILED"),
        "{output}"
    );
    // The examples of the profile's pages are there, those of the list and delete pages not.
    let examples = files(&subset)["examples.rs"];
    assert!(
        examples.contains("hostsecurityprofile-get.md"),
        "{examples}"
    );
    assert!(!examples.contains("security-list-hostsecurityprofiles.md"));
}
