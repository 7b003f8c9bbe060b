//! How many of a corpus's JSON examples get a round-trip test: those whose type the schema
//! knows. Prints the counts by reason for the others and fails below the floors.

mod support;

fn coverage(family: &str, floor: f64) {
    let Some(corpus) = support::corpus() else {
        return;
    };
    let schema = docgen::Builder::new()
        .input(corpus.join(family))
        .analyze()
        .unwrap()
        .schema;
    let counts = &schema.example_counts;
    println!("{family}: {counts:?}");
    let typed = schema.examples.len();
    assert_eq!(
        counts.bodies,
        typed
            + counts.not_an_object
            + counts.type_unknown
            + counts.type_not_a_struct
            + counts.collection_without_value,
        "every body is counted once"
    );
    let share = typed as f64 / counts.bodies as f64;
    assert!(
        share >= floor,
        "{family}: {share:.3} of the JSON bodies have a known struct type (floor {floor})"
    );
    // Each example names its page and line, and each test name is unique once emitted.
    assert!(schema.examples.iter().all(|e| e.source.contains(".md:")));
}

#[test]
fn most_v1_examples_have_a_known_type() {
    coverage("graph-v1.0", 0.90);
}

#[test]
fn most_beta_examples_have_a_known_type() {
    coverage("docstubs-beta", 0.97);
}
