//! The shape of model structs on small pages: plain structs without serde attributes, each field's
//! JSON name stated once in the model's `json_object!` table, a `Box` only on a cycle or around a large struct, and
//! models named like std types (`Option`, `Box`, `Vec`, `String`) that still compile, with the
//! test-only size bound passing.

use std::path::Path;

mod support;

/// A resource page for complex type `name` with `(property, type)` rows; a type that is another
/// page's is written as a link, as the docs do.
fn resource(name: &str, rows: &[(&str, &str)]) -> String {
    let table: String = rows
        .iter()
        .map(|(p, t)| {
            let t = match *t {
                "String" | "Int32" | "Boolean" => (*t).to_owned(),
                other => format!("[{other}]({other}.md)"),
            };
            format!("|{p}|{t}|The {p}.|\n")
        })
        .collect();
    format!(
        "---\ntitle: \"{name} resource type\"\ndoc_type: resourcePageType\n---\n# {name} resource type\n\n\
Namespace: microsoft.graph\n\nA {name}.\n\n## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n{table}\n\
## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\" }} -->\n\
```json\n{{\n  \"@odata.type\": \"#microsoft.graph.{name}\"\n}}\n```\n"
    )
}

fn pages(dir: &Path) {
    let big: Vec<(String, &str)> = (0..40).map(|i| (format!("p{i}"), "String")).collect();
    let big: Vec<(&str, &str)> = big.iter().map(|(p, t)| (p.as_str(), *t)).collect();
    let pages = [
        // Holds itself (a cycle of one) and a small struct.
        (
            "option",
            resource(
                "option",
                &[
                    ("displayName", "String"),
                    ("parent", "option"),
                    ("box", "box"),
                ],
            ),
        ),
        // camelCase gives `value` and `displayName` back, not `homeIPAddress`.
        (
            "box",
            resource(
                "box",
                &[("displayName", "String"), ("homeIPAddress", "String")],
            ),
        ),
        // vec and string hold each other; vec also holds a large and a small struct.
        (
            "vec",
            resource(
                "vec",
                &[("team", "string"), ("big", "big"), ("small", "option")],
            ),
        ),
        ("string", resource("string", &[("lead", "vec")])),
        ("big", resource("big", &big)),
    ];
    std::fs::create_dir_all(dir.join("resources")).unwrap();
    for (name, text) in pages {
        std::fs::write(dir.join(format!("resources/{name}.md")), text).unwrap();
    }
    // An update of vec, so that `VecPatch` exists.
    let update = "---\ntitle: \"Update vec\"\ndoc_type: apiPageType\n---\n# Update vec\n\n\
Namespace: microsoft.graph\n\nUpdate the properties of a [vec](../resources/vec.md) object.\n\n\
## HTTP request\n\n```http\nPATCH /vecs/{vecId}\n```\n\n## Request body\n\n\
In the request body, supply a JSON representation of the [vec](../resources/vec.md) object.\n\n\
## Response\n\nIf successful, this method returns a `204 No Content` response code.\n";
    std::fs::create_dir_all(dir.join("api")).unwrap();
    std::fs::write(dir.join("api/vec-update.md"), update).unwrap();
}

#[test]
fn models_box_only_cycles_and_large_structs_and_name_each_json_key_once() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("model-shape-pages");
    let _ = std::fs::remove_dir_all(&dir);
    pages(&dir);
    // Example tests on: they bring the test-only checks file with the size bound.
    let generated = docgen::Builder::new()
        .input(&dir)
        .example_tests(true)
        .run()
        .unwrap();
    // The text of the file defining struct `name`, without whitespace, so line breaks the
    // printer picks do not matter.
    let model = |name: &str| -> String {
        let head = format!("pub struct {name} {{");
        let found = generated.files.iter().find(|f| f.contents.contains(&head));
        let contents = &found.unwrap_or_else(|| panic!("no {head}")).contents;
        contents.split_whitespace().collect()
    };
    let option = model("Option");
    assert!(option.contains("pubparent:::std::option::Option<::std::boxed::Box<Option>>"));
    assert!(
        option.contains("pubbox_:::std::option::Option<Box>,"),
        "{option}"
    );
    let vec = model("Vec");
    assert!(vec.contains("pubteam:::std::option::Option<::std::boxed::Box<String>>"));
    assert!(vec.contains("pubbig:::std::option::Option<::std::boxed::Box<Big>>"));
    assert!(
        vec.contains("pubsmall:::std::option::Option<Option>,"),
        "{vec}"
    );
    // The update body boxes what its type boxes, no more.
    assert!(vec.contains("pubteam:super::support::Patch<::std::boxed::Box<String>>"));
    assert!(
        vec.contains("pubsmall:super::support::Patch<Option>,"),
        "{vec}"
    );
    assert!(model("String").contains("publead:::std::option::Option<::std::boxed::Box<Vec>>"));

    // No serde attribute: the table names each JSON key, the acronym run as the page spells it.
    let boxed = model("Box");
    assert!(!boxed.contains("#[serde"), "{boxed}");
    assert!(
        boxed.contains("json_object!{Box,additional_properties;display_name:\"displayName\";home_ip_address:\"homeIPAddress\";}"),
        "{boxed}"
    );
    let big = model("Big");
    assert_eq!(big.matches(":\"p").count(), 40, "{big}");
    // The example tests' impls are in the test-only file, not in the models.
    assert!(!generated.files.iter().any(
        |f| f.path.starts_with("models/") && f.contents.contains("impl super::support::Model")
    ));

    if let Err(clippy) = support::clippy_generated_crate("model-shape", &generated.files) {
        panic!("the models do not pass clippy -D warnings:\n{clippy}");
    }
    let tests = support::test_generated_crate("model-shape", &generated.files);
    assert!(tests.contains("models_stay_small ... ok"), "{tests}");
}
