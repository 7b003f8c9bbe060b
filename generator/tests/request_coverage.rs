//! How well the schema types what the api pages show of their requests, corpus-wide: the share
//! of updates, creates and actions that show a body and have a typed one, every path of the
//! "HTTP request" sections kept or reported, and list operations whose response example is a
//! `{"value": [...]}` page typed as one object. Prints what it measured.

mod support;

use docgen::diag::Code;
use docgen::facts::{PageFacts, page_facts};
use docgen::read::read_text;
use docgen::schema::{self, OperationKind, TypeRef, shows_body};

fn facts_of(family: &str) -> Option<Vec<PageFacts>> {
    let corpus = support::corpus()?;
    let mut diags = Vec::new();
    Some(
        support::markdown_files(&corpus.join(family))
            .into_iter()
            .map(|(path, display)| {
                let bytes = std::fs::read(&path).unwrap();
                page_facts(read_text(
                    &display,
                    &String::from_utf8_lossy(&bytes),
                    &mut diags,
                ))
            })
            .collect(),
    )
}

fn coverage(family: &str) {
    let Some(facts) = facts_of(family) else {
        return;
    };
    let (schema, diags) = schema::build(&facts);
    let ops = schema::page_operations(&schema.operations);

    let (mut shown, mut typed) = (0, 0);
    let mut untyped = Vec::new();
    let mut undefined = Vec::new();
    let (mut section_paths, mut kept_paths, mut reported_paths) = (0, 0, 0);
    let mut example_paths = 0;
    let (mut value_lists, mut value_lists_single) = (0, 0);
    let mut single = Vec::new();
    for page in &facts {
        let Some(of) = &page.operation else { continue };
        // A request per method of the syntax: each keeps its own paths.
        section_paths += of.paths.len() + of.other_paths.len();
        section_paths += of
            .other_methods
            .iter()
            .map(|m| m.paths.len())
            .sum::<usize>();
        reported_paths += of.other_paths.len();
        for op in ops.all(&page.path) {
            // Paths derived from a request example are added, not documented: not section paths.
            kept_paths += op
                .path_templates
                .iter()
                .filter(|t| t.example.is_none())
                .count();
            example_paths += op
                .path_templates
                .iter()
                .filter(|t| t.example.is_some())
                .count();
            if matches!(
                op.kind,
                OperationKind::Update | OperationKind::Create | OperationKind::Action
            ) && shows_body(of)
            {
                shown += 1;
                if let Some(body) = &op.body {
                    typed += 1;
                    // A named body must be defined, or it is sent as any JSON.
                    if let TypeRef::Named(name) = body
                        && schema.type_named(name).is_none()
                    {
                        undefined.push(op.source.clone());
                    }
                } else {
                    untyped.push(op.source.clone());
                }
            }
        }
        let op = ops.get(&page.path, of).expect("the page's operation");
        // Operations that answer lists (list, function, action) whose every response example
        // with a body is a `{"value": [...]}` page.
        let bodies: Vec<&serde_json::Value> = of
            .examples
            .iter()
            .filter(|e| !e.request)
            .filter_map(|e| e.body.as_ref())
            .collect();
        let value_example = !bodies.is_empty()
            && bodies
                .iter()
                .all(|b| b.get("value").is_some_and(|v| v.is_array()));
        let lists = matches!(
            op.kind,
            OperationKind::List | OperationKind::Function | OperationKind::Action
        );
        if lists && value_example {
            value_lists += 1;
            let own_value = |name: &str| {
                schema
                    .type_named(name)
                    .is_some_and(|t| schema.all_properties(t).iter().any(|p| p.name == "value"))
            };
            match &op.return_type {
                Some(TypeRef::Named(n)) if !own_value(n) => {
                    value_lists_single += 1;
                    single.push(op.source.clone());
                }
                _ => {}
            }
        }
    }
    let path_notes = diags
        .iter()
        .filter(|d| d.code == Code::Skipped && d.message.contains("left out of this operation"))
        .count();
    let share = typed as f64 / shown.max(1) as f64;
    println!(
        "{family}: bodies typed {typed}/{shown} ({share:.4}); paths in HTTP request sections \
         {section_paths}, in the schema {kept_paths}, reported {reported_paths}; paths only a request example \
         calls {example_paths}; list operations \
         with a value-array example {value_lists}, typed as one object {value_lists_single}"
    );
    println!("  untyped bodies: {:?}", &untyped[..untyped.len().min(20)]);
    println!("  bodies typed by an undefined type: {undefined:?}");
    println!("  value lists typed single: {single:?}");
    assert!(share >= 0.995, "{family}: {share:.4} of shown bodies typed");
    assert!(undefined.is_empty(), "{family}: {undefined:?}");
    assert_eq!(
        section_paths,
        kept_paths + reported_paths,
        "{family}: every path kept or reported"
    );
    assert_eq!(
        path_notes, reported_paths,
        "{family}: each left-out path has its note"
    );
    assert_eq!(value_lists_single, 0, "{family}: {single:?}");
}

#[test]
fn graph_v1_0_requests_are_typed() {
    coverage("graph-v1.0");
}

#[test]
fn graph_v1_0_2021_requests_are_typed() {
    coverage("graph-v1.0-2021");
}

#[test]
fn docstubs_beta_requests_are_typed() {
    coverage("docstubs-beta");
}
