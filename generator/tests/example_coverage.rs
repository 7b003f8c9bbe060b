//! How many of a corpus's JSON examples get a round-trip test: those whose type the schema
//! knows. Prints the counts by reason for the others and fails below the floors. Checks that
//! each doc placeholder replaced in a test is reported at the page line that holds it.

mod support;

fn coverage(family: &str, floor: f64) {
    let Some(corpus) = support::corpus() else {
        return;
    };
    let analyzed = docgen::Builder::new()
        .input(corpus.join(family))
        .analyze()
        .unwrap();
    let schema = &analyzed.schema;
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

    // Each placeholder's warning marks, on its page's line, the JSON value its message quotes
    // (an object spelled otherwise on the page is marked at its key: no span).
    let placeholders: Vec<_> = analyzed
        .diagnostics
        .iter()
        .filter(|d| d.code == docgen::diag::Code::ExamplePlaceholder)
        .collect();
    assert_eq!(placeholders.len(), counts.placeholders);
    let mut marked = 0;
    for d in &placeholders {
        let text = &analyzed.sources[&d.file];
        let line = text.lines().nth(d.line - 1).unwrap_or("");
        let span: String = line.chars().skip(d.col - 1).take(d.len).collect();
        if d.len == 0 {
            continue;
        }
        assert!(
            serde_json::from_str::<serde_json::Value>(&span).is_ok() && d.message.contains(&span),
            "{}:{}:{}: marks `{span}`, not the value in: {}",
            d.file,
            d.line,
            d.col,
            d.message
        );
        marked += 1;
    }
    println!(
        "{family}: {} placeholders in {} examples, {marked} marked at their value",
        counts.placeholders, counts.with_placeholders
    );
    assert!(
        marked * 100 >= placeholders.len() * 95,
        "{family}: only {marked} of {} placeholders marked at their value",
        placeholders.len()
    );
}

#[test]
fn most_v1_examples_have_a_known_type() {
    coverage("graph-v1.0", 0.90);
}

#[test]
fn most_beta_examples_have_a_known_type() {
    coverage("docstubs-beta", 0.97);
}
