//! Examples complete the types: a key a response example shows on a known type, which its tables
//! omit, becomes a property typed from the values shown; a key that differs from a documented
//! property only in case is reported as the page's error and adds nothing.

use docgen::diag::Severity;

mod support;

const GIZMO: &str = "---\ntitle: \"gizmo resource type\"\ndoc_type: resourcePageType\n---\n\
# gizmo resource type\n\nNamespace: microsoft.graph\n\nA gizmo.\n\n## Properties\n\n\
|Property|Type|Description|\n|:--|:--|:--|\n|id|String|The identifier.|\n|name|String|The name.|\n\
|part|[gizmoPart](gizmopart.md)|A part.|\n";

const PART: &str = "---\ntitle: \"gizmoPart resource type\"\ndoc_type: resourcePageType\n---\n\
# gizmoPart resource type\n\nNamespace: microsoft.graph\n\nA part.\n\n## Properties\n\n\
|Property|Type|Description|\n|:--|:--|:--|\n|label|String|The label.|\n";

const GET: &str = "---\ntitle: \"Get gizmo\"\ndoc_type: apiPageType\n---\n# Get gizmo\n\n\
Namespace: microsoft.graph\n\nGets a gizmo.\n\n## HTTP request\n<!-- { \"blockType\": \"ignored\" } -->\n\
```http\nGET /gizmos/{id}\n```\n\n## Response\n\nReturns `200 OK` and a [gizmo](../resources/gizmo.md) object.\n\n\
## Examples\n\n<!-- { \"blockType\": \"request\", \"name\": \"get_gizmo\" } -->\n```http\n\
GET https://graph.microsoft.com/v1.0/gizmos/1\n```\n\n\
<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.gizmo\" } -->\n```http\n\
HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\n  \"@odata.context\": \"x\",\n  \"id\": \"1\",\n  \
\"Name\": \"b\",\n  \"deletedDateTime\": \"2020-01-01T00:00:00Z\",\n  \"count\": 3,\n  \"tags\": [\"x\"],\n  \
\"part\": {\"label\": \"l\", \"weight\": 1.5}\n}\n```\n";

#[test]
fn keys_a_response_example_shows_become_typed_properties_and_case_errors_are_reported() {
    let (schema, diags) = support::schema_of_pages(&[
        ("resources/gizmo.md", GIZMO),
        ("resources/gizmopart.md", PART),
        ("api/gizmo-get.md", GET),
    ]);
    let props = |ty: &str| -> Vec<(String, String)> {
        schema
            .type_named(ty)
            .unwrap()
            .properties
            .iter()
            .map(|p| (p.name.clone(), p.ty.to_string()))
            .collect()
    };
    let gizmo = props("microsoft.graph.gizmo");
    for expected in [
        ("deletedDateTime", "Edm.DateTimeOffset"),
        ("count", "Edm.Int32"),
        ("tags", "Collection(Edm.String)"),
    ] {
        assert!(
            gizmo.contains(&(expected.0.to_owned(), expected.1.to_owned())),
            "{expected:?} not in {gizmo:?}"
        );
    }
    assert!(!gizmo.iter().any(|(n, _)| n == "Name"), "{gizmo:?}");
    // Nested objects of a documented struct type are completed too.
    assert!(props("microsoft.graph.gizmoPart").contains(&("weight".into(), "Edm.Double".into())));
    let case_error = diags
        .iter()
        .find(|d| d.message.contains("`Name`"))
        .expect("the case error is reported");
    assert_eq!(
        (case_error.severity, case_error.file.as_str()),
        (Severity::Warning, "api/gizmo-get.md")
    );
    let note = diags
        .iter()
        .find(|d| d.message.contains("`deletedDateTime`"))
        .expect("the added property is noted");
    // At the example's JSON, on its page.
    let json_line = GET.lines().position(|l| l == "{").unwrap() + 1;
    assert_eq!(
        (note.severity, note.file.as_str(), note.line),
        (Severity::Note, "api/gizmo-get.md", json_line)
    );
}

#[test]
fn a_response_example_wrapping_its_one_object_in_value_is_reported_and_read_unwrapped() {
    let wrapped = GET
        .replace(
            "{\n  \"@odata.context\": \"x\",\n  \"id\": \"1\",",
            "{\"value\": {\n  \"id\": \"1\",",
        )
        .replace("\"weight\": 1.5}\n}\n```", "\"weight\": 1.5}\n}}\n```");
    let (schema, diags) = support::schema_of_pages(&[
        ("resources/gizmo.md", GIZMO),
        ("resources/gizmopart.md", PART),
        ("api/gizmo-get.md", wrapped.as_str()),
    ]);
    let response = schema
        .examples
        .iter()
        .find(|e| e.name == "response_gizmo-get" || e.source.starts_with("api/gizmo-get.md"))
        .expect("the response example has a test");
    let json: serde_json::Value = serde_json::from_str(&response.json).unwrap();
    assert_eq!(json["id"], "1", "read unwrapped: {json}");
    assert!(json.get("value").is_none());
    assert_eq!(schema.example_counts.enveloped, 1);
    assert!(
        diags
            .iter()
            .any(|d| d.code == docgen::diag::Code::ExampleEnvelope && d.file == "api/gizmo-get.md"),
        "the envelope is reported"
    );
    // `value` is the envelope, not a property the example shows.
    let gizmo = schema.type_named("microsoft.graph.gizmo").unwrap();
    assert!(!gizmo.properties.iter().any(|p| p.name == "value"));
}

#[test]
fn a_get_one_response_example_showing_a_page_of_one_item_is_read_as_that_item() {
    // `GET /gizmos/{id}` answers with one gizmo; the page shows it as `{"value": [gizmo]}`.
    let page_of = |items: usize| {
        let item = "{\n  \"id\": \"1\",\n  \"name\": \"b\",\n  \"part\": {\"label\": \"l\"}\n}";
        let items = vec![item; items].join(",\n");
        let start = GET.find("{\n  \"@odata.context\"").unwrap();
        format!("{}{{\"value\": [\n{items}\n]}}\n```\n", &GET[..start])
    };
    let response_of = |get: &str| {
        let (schema, diags) = support::schema_of_pages(&[
            ("resources/gizmo.md", GIZMO),
            ("resources/gizmopart.md", PART),
            ("api/gizmo-get.md", get),
        ]);
        let response = schema
            .examples
            .iter()
            .find(|e| e.source.starts_with("api/gizmo-get.md") && e.name.starts_with("response"))
            .expect("the response example has a test")
            .clone();
        let envelopes = diags
            .iter()
            .filter(|d| d.code == docgen::diag::Code::ExampleEnvelope)
            .count();
        (response, schema.example_counts.enveloped, envelopes)
    };
    let (one, enveloped, reported) = response_of(&page_of(1));
    let json: serde_json::Value = serde_json::from_str(&one.json).unwrap();
    assert_eq!(json["id"], "1", "read as the item: {json}");
    assert!(json.get("value").is_none());
    assert!(
        !one.collection && one.ty == "microsoft.graph.gizmo",
        "{one:?}"
    );
    assert_eq!((enveloped, reported), (1, 1), "read unwrapped and reported");
    // Two items cannot be the one gizmo the operation answers with: the example stays as the
    // page shows it, and its test fails on `value`.
    let (two, enveloped, reported) = response_of(&page_of(2));
    let json: serde_json::Value = serde_json::from_str(&two.json).unwrap();
    assert_eq!(json["value"].as_array().map(Vec::len), Some(2), "{json}");
    assert_eq!((enveloped, reported), (0, 0));
}

/// A gizmo page whose table says `part` is one gizmoPart and `name` one string, and a get page
/// whose response examples show `body` (the gizmo's JSON, after the `Content-Type` line).
fn shapes(bodies: &[&str]) -> (docgen::schema::Schema, Vec<docgen::diag::Diagnostic>) {
    let gizmo = GIZMO.replace(
        "|name|String|The name.|",
        "|name|String|The name.|\n|aliases|String collection|Other names.|",
    );
    let mut get = GET[..GET.find("<!-- { \"blockType\": \"response\"").unwrap()].to_owned();
    for body in bodies {
        get.push_str(&format!(
            "<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.gizmo\" }} -->\n\
```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{body}\n```\n\n"
        ));
    }
    support::schema_of_pages(&[
        ("resources/gizmo.md", &gizmo),
        ("resources/gizmopart.md", PART),
        ("api/gizmo-get.md", &get),
    ])
}

fn type_of(schema: &docgen::schema::Schema, property: &str) -> String {
    let gizmo = schema.type_named("microsoft.graph.gizmo").unwrap();
    let p = gizmo
        .properties
        .iter()
        .find(|p| p.name == property)
        .unwrap();
    p.ty.to_string()
}

#[test]
fn examples_that_all_show_the_other_collection_ness_than_the_table_decide_it() {
    // Every example shows `part` as an array and `aliases` as one string: the examples win.
    let (schema, diags) = shapes(&[
        r#"{"id": "1", "part": [{"label": "a"}], "aliases": "x"}"#,
        r#"{"id": "2", "part": [], "aliases": null}"#,
    ]);
    assert_eq!(
        type_of(&schema, "part"),
        "Collection(microsoft.graph.gizmoPart)"
    );
    assert_eq!(type_of(&schema, "aliases"), "Edm.String");
    assert!(
        diags
            .iter()
            .any(|d| d.message.starts_with(
                "the example shows `part` as an array, the table at resources/gizmo.md:"
            ) && d.message.ends_with("as 2 examples show")),
        "{diags:#?}"
    );
    // One example that fits the table keeps the table's type.
    let (schema, _) = shapes(&[
        r#"{"id": "1", "part": [{"label": "a"}], "aliases": "x"}"#,
        r#"{"id": "2", "part": {"label": "b"}, "aliases": ["y"]}"#,
    ]);
    assert_eq!(type_of(&schema, "part"), "microsoft.graph.gizmoPart");
    assert_eq!(type_of(&schema, "aliases"), "Collection(Edm.String)");
}

#[test]
fn objects_where_the_table_gives_a_primitive_make_the_property_untyped_or_the_type_they_name() {
    // `name` is a String by the table; every example shows an object: no string is one.
    let (schema, diags) = shapes(&[
        r#"{"id": "1", "name": {"first": "a"}}"#,
        r#"{"id": "2", "name": null}"#,
    ]);
    assert_eq!(type_of(&schema, "name"), "Edm.Untyped");
    assert!(
        diags.iter().any(|d| d.message
            == "the example shows `name` as an object, the table at resources/gizmo.md:16 types \
                it Edm.String, which no object is: it is Edm.Untyped, as 1 example shows"),
        "{diags:#?}"
    );
    // Objects that all name a type the pages define are of that type; arrays of them, a
    // collection of it.
    let (schema, _) = shapes(&[
        r##"{"id": "1", "name": [{"@odata.type": "#microsoft.graph.gizmoPart", "label": "a"}]}"##,
    ]);
    assert_eq!(
        type_of(&schema, "name"),
        "Collection(microsoft.graph.gizmoPart)"
    );
    // One example that fits the table keeps the table's type, and says nothing.
    let (schema, diags) = shapes(&[
        r#"{"id": "1", "name": {"first": "a"}}"#,
        r#"{"id": "2", "name": "b"}"#,
    ]);
    assert_eq!(type_of(&schema, "name"), "Edm.String");
    assert!(
        !diags
            .iter()
            .any(|d| d.message.contains("which no object is")),
        "{diags:#?}"
    );
}

/// The schema of a gizmo that has a `value` of its own (a `String`, in place of `name`), its
/// part, and one api page, with the diagnostics.
fn with_own_value(
    (path, page): (&str, &str),
) -> (docgen::schema::Schema, Vec<docgen::diag::Diagnostic>) {
    let gizmo = GIZMO.replace("|name|String|The name.|", "|value|String|The value.|");
    support::schema_of_pages(&[
        ("resources/gizmo.md", &gizmo),
        ("resources/gizmopart.md", PART),
        (path, page),
    ])
}

#[test]
fn an_object_saying_it_is_of_the_type_itself_in_value_is_an_envelope_not_a_value() {
    // The doc stubs wrap one object in `{"value": ...}` even where the type has a `value`.
    let mut get = GET[..GET.find("<!-- { \"blockType\": \"response\"").unwrap()].to_owned();
    get.push_str(
        "<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.gizmo\" } -->\n\
```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n\
{\"value\": {\"@odata.type\": \"microsoft.graph.gizmo\", \"id\": \"1\"}}\n```\n",
    );
    let (schema, diags) = with_own_value(("api/gizmo-get.md", &get));
    assert_eq!(type_of(&schema, "value"), "Edm.String");
    assert!(
        !diags
            .iter()
            .any(|d| d.message.contains("which no object is")),
        "{diags:#?}"
    );
}

#[test]
fn a_page_of_items_of_a_type_with_its_own_value_completes_the_items_type() {
    // A list answers `{"value": [...]}` whatever the type holds: its items are gizmos, even
    // where a gizmo has a `value` of its own.
    let list = "---\ntitle: \"List gizmos\"\ndoc_type: apiPageType\n---\n# List gizmos\n\n\
Namespace: microsoft.graph\n\nLists gizmos.\n\n## HTTP request\n<!-- { \"blockType\": \"ignored\" } -->\n\
```http\nGET /gizmos\n```\n\n## Response\n\nReturns `200 OK` and a collection of \
[gizmo](../resources/gizmo.md) objects.\n\n## Examples\n\n\
<!-- { \"blockType\": \"request\", \"name\": \"list_gizmos\" } -->\n```http\n\
GET https://graph.microsoft.com/v1.0/gizmos\n```\n\n\
<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.gizmo\", \"isCollection\": true } -->\n\
```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n\
{\"value\": [{\"id\": \"1\", \"value\": \"x\", \"weight\": 2}]}\n```\n";
    let (schema, _) = with_own_value(("api/gizmo-list.md", list));
    assert_eq!(type_of(&schema, "weight"), "Edm.Int32");
    assert_eq!(type_of(&schema, "value"), "Edm.String");
}

const WIDGET: &str = "---\ntitle: \"gizmoWidget resource type\"\ndoc_type: resourcePageType\n---\n\
# gizmoWidget resource type\n\nNamespace: microsoft.graph\n\nA widget.\n\n## Properties\n\n\
|Property|Type|Description|\n|:--|:--|:--|\n|size|Int32|The size.|\n";

/// The gizmo's property types (by name) when its get page's example shows `keys` (JSON members,
/// each ending in a comma) beside the documented ones, with the diagnostics.
fn gizmo_showing(
    keys: &str,
) -> (
    impl Fn(&str) -> Option<String>,
    Vec<docgen::diag::Diagnostic>,
) {
    let get = GET.replace("\"count\": 3,", keys);
    let (schema, diags) = support::schema_of_pages(&[
        ("resources/gizmo.md", GIZMO),
        ("resources/gizmopart.md", PART),
        ("resources/gizmowidget.md", WIDGET),
        ("api/gizmo-get.md", &get),
    ]);
    let gizmo = schema.type_named("microsoft.graph.gizmo").unwrap().clone();
    let ty = move |name: &str| {
        gizmo
            .properties
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.ty.to_string())
    };
    (ty, diags)
}

#[test]
fn a_key_shown_only_as_null_takes_what_the_tables_say_of_its_name_or_stays_out() {
    let (ty, diags) = gizmo_showing("\"widget\": null,\n  \"part2\": null,\n  \"mystery\": null,");
    // The type named after its owner and the property.
    assert_eq!(ty("widget").as_deref(), Some("microsoft.graph.gizmoWidget"));
    let note = diags
        .iter()
        .find(|d| d.message.contains("`widget`"))
        .expect("the added property is noted");
    assert!(
        note.message.contains("named after its owner"),
        "{}",
        note.message
    );
    // Nothing says what `mystery` or `part2` hold: they stay in the catch-all map, and the page's
    // contradiction (an example key its tables do not list) is a warning at the example's line.
    assert_eq!(ty("mystery"), None);
    assert_eq!(ty("part2"), None);
    for key in ["mystery", "part2"] {
        assert_left_out(&diags, key, "only `null`");
    }
}

/// The one warning that the example's `key` is left out of the gizmo, with why.
fn assert_left_out(diags: &[docgen::diag::Diagnostic], key: &str, shown: &str) {
    let said: Vec<_> = diags
        .iter()
        .filter(|d| d.message.contains(&format!("`{key}`")))
        .collect();
    assert_eq!(said.len(), 1, "{said:#?}");
    let d = said[0];
    assert_eq!(d.severity, docgen::diag::Severity::Warning);
    assert_eq!(d.file, "api/gizmo-get.md");
    assert!(
        d.message.contains("on a `gizmo`")
            && d.message.contains(&format!("({shown})"))
            && d.message.contains("catch-all map"),
        "{}",
        d.message
    );
}

#[test]
fn a_key_whose_objects_only_one_family_of_types_can_hold_is_of_that_type() {
    let (ty, diags) = gizmo_showing(
        "\"fault\": {\"label\": \"x\"},\n  \"spares\": [{\"label\": \"y\"}],\n  \
         \"mixed\": {\"label\": \"x\", \"size\": 1},\n  \"bare\": {},",
    );
    // Only a gizmoPart has `label`: one object, and the items of an array.
    assert_eq!(ty("fault").as_deref(), Some("microsoft.graph.gizmoPart"));
    assert_eq!(
        ty("spares").as_deref(),
        Some("Collection(microsoft.graph.gizmoPart)")
    );
    let note = diags
        .iter()
        .find(|d| d.message.contains("`fault`"))
        .expect("the added property is noted");
    assert!(note.message.contains("has every key"), "{}", note.message);
    // No type has both `label` and `size`, and an empty object shows no key: they stay out.
    assert_eq!(ty("mixed"), None);
    assert_eq!(ty("bare"), None);
    for key in ["mixed", "bare"] {
        assert_left_out(&diags, key, "none names a type the pages define");
    }
}

#[test]
fn an_example_block_naming_its_type_and_the_typed_objects_under_undocumented_keys_complete_types() {
    // A call page's notification: an `example` block (no request, no response) naming its
    // type, an open one whose dynamic `resourceData` holds a gizmo (naming its type), whose
    // undocumented `holder` holds an object that names its own type.
    let note_page = "---\ntitle: \"gizmoNote resource type\"\ndoc_type: resourcePageType\n---\n\
# gizmoNote resource type\n\nNamespace: microsoft.graph\n\nA notification.\n\n## Properties\n\n\
|Property|Type|Description|\n|:--|:--|:--|\n|changeType|String|What changed.|\n\n\
## JSON representation\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \
\"microsoft.graph.gizmoNote\", \"openType\": true} -->\n```json\n{\"changeType\": \"String\"}\n```\n";
    let notification = format!(
        "{GET}\n### Notification\n\n\
<!-- {{ \"blockType\": \"example\", \"@odata.type\": \"microsoft.graph.gizmoNote\" }} -->\n```json\n\
{{\n  \"changeType\": \"updated\",\n  \"resourceData\": {{\"@odata.type\": \"#microsoft.graph.gizmo\",\n  \
\"id\": \"2\",\n  \"holder\": {{\"@odata.type\": \"#microsoft.graph.gizmoPart\", \
\"label\": \"h\", \"size\": 4}}}}\n}}\n```\n"
    );
    let (schema, diags) = support::schema_of_pages(&[
        ("resources/gizmo.md", GIZMO),
        ("resources/gizmopart.md", PART),
        ("resources/gizmonote.md", note_page),
        ("api/gizmo-get.md", &notification),
    ]);
    let ty = |owner: &str, name: &str| {
        schema
            .type_named(owner)
            .unwrap()
            .properties
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.ty.to_string())
    };
    // Only the example block shows `holder`; its object, which no table types, shows `size`.
    assert_eq!(
        ty("microsoft.graph.gizmo", "holder").as_deref(),
        Some("microsoft.graph.gizmoPart")
    );
    assert_eq!(
        ty("microsoft.graph.gizmoPart", "size").as_deref(),
        Some("Edm.Int32")
    );
    // The open type's dynamic property is no property of it.
    assert_eq!(ty("microsoft.graph.gizmoNote", "resourceData"), None);
    // At the block's JSON (its `{`, after the annotation and the fence), on its page.
    let lines: Vec<&str> = notification.lines().collect();
    let annotation = lines
        .iter()
        .position(|l| l.contains("\"example\""))
        .unwrap();
    assert_eq!(lines[annotation + 2], "{");
    let json_line = annotation + 3; // 1-based
    let note = diags
        .iter()
        .find(|d| d.message.contains("`holder`"))
        .expect("the added property is noted");
    assert_eq!(
        (note.file.as_str(), note.line),
        ("api/gizmo-get.md", json_line)
    );
}

/// A create whose Request body section links `gizmoPart` but whose example says
/// `"@odata.type": "microsoft.graph.gizmo"`, a type neither it nor derived from it.
fn post_part(odata_type: &str) -> String {
    format!(
        "---\ntitle: \"Create gizmoPart\"\ndoc_type: apiPageType\n---\n# Create gizmoPart\n\n\
Namespace: microsoft.graph\n\nAdds a part.\n\n## HTTP request\n<!-- {{ \"blockType\": \"ignored\" }} -->\n\
```http\nPOST /gizmos/{{id}}/parts\n```\n\n## Request body\n\nIn the request body, supply a JSON \
representation of a [gizmoPart](../resources/gizmopart.md) object.\n\n## Response\n\nReturns `201 Created` \
and a [gizmoPart](../resources/gizmopart.md) object.\n\n## Examples\n\n\
<!-- {{ \"blockType\": \"request\", \"name\": \"create_gizmopart\" }} -->\n```http\n\
POST https://graph.microsoft.com/v1.0/gizmos/1/parts\nContent-Type: application/json\n\n\
{{\n  \"label\": \"l\",\n  \"weight\": 2.5,\n  \"@odata.type\": \"{odata_type}\"\n}}\n```\n"
    )
}

#[test]
fn a_request_example_naming_a_type_its_linked_body_is_not_is_read_as_the_body() {
    let props = |odata_type: &str, ty: &str| -> Vec<String> {
        let (schema, _) = support::schema_of_pages(&[
            ("resources/gizmo.md", GIZMO),
            ("resources/gizmopart.md", PART),
            ("api/gizmopart-post.md", &post_part(odata_type)),
        ]);
        let def = schema.type_named(ty).unwrap();
        def.properties.iter().map(|p| p.name.clone()).collect()
    };
    // Read as the part it is sent as: `weight` completes the part, and the gizmo it names by
    // mistake gains neither key.
    let gizmo = props("microsoft.graph.gizmo", "microsoft.graph.gizmo");
    assert!(
        !gizmo.iter().any(|n| n == "label" || n == "weight"),
        "{gizmo:?}"
    );
    let part = props("microsoft.graph.gizmo", "microsoft.graph.gizmoPart");
    assert!(part.iter().any(|n| n == "weight"), "{part:?}");
    // Naming the body's own type changes nothing.
    let part = props("microsoft.graph.gizmoPart", "microsoft.graph.gizmoPart");
    assert!(part.iter().any(|n| n == "weight"), "{part:?}");
}

/// An api page for `method path`, sending a JSON representation of `body` (a resource page's
/// name), with one request example.
fn api_page(title: &str, (method, path): (&str, &str), body: &str, example: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndoc_type: apiPageType\n---\n# {title}\n\n\
Namespace: microsoft.graph\n\n{title}.\n\n## HTTP request\n<!-- {{ \"blockType\": \"ignored\" }} -->\n\
```http\n{method} {path}\n```\n\n## Request body\n\nIn the request body, supply a JSON \
representation of a [{body}](../resources/{lower}.md) object.\n\n## Response\n\nReturns `200 OK` \
and a [{body}](../resources/{lower}.md) object.\n\n## Examples\n\n\
<!-- {{ \"blockType\": \"request\", \"name\": \"{title}\" }} -->\n```http\n{example}\n```\n",
        lower = body.to_lowercase()
    )
}

#[test]
fn a_request_example_calling_a_path_another_page_documents_is_that_pages_request() {
    // The gizmo update shows a call of the part's own update, which another page documents.
    let update_gizmo = api_page(
        "Update gizmo",
        ("PATCH", "/gizmos/{id}"),
        "gizmo",
        "PATCH https://graph.microsoft.com/v1.0/gizmos/1/part\nContent-Type: application/json\n\n\
{\n  \"label\": \"new\"\n}",
    );
    let update_part = api_page(
        "Update gizmoPart",
        ("PATCH", "/gizmos/{id}/part"),
        "gizmoPart",
        "PATCH https://graph.microsoft.com/v1.0/gizmos/2/part\nContent-Type: application/json\n\n\
{\n  \"label\": \"l\"\n}",
    );
    // A path whose end another page documents, but which that end does not make a call of it:
    // this page writes no path from `/gizmos`, so `/gizmos/{id}` is no part of its URL.
    let update_thing = api_page(
        "Update thing",
        ("PATCH", "/things/{id}"),
        "gizmo",
        "PATCH https://graph.microsoft.com/v1.0/things/1/gizmos/2\nContent-Type: application/json\n\n\
{\n  \"name\": \"n\"\n}",
    );
    let (schema, diags) = support::schema_of_pages(&[
        ("resources/gizmo.md", GIZMO),
        ("resources/gizmopart.md", PART),
        ("api/gizmo-update.md", &update_gizmo),
        ("api/gizmopart-update.md", &update_part),
        ("api/thing-update.md", &update_thing),
    ]);
    // Read as the part's update: the gizmo gains no `label`.
    let gizmo = schema.type_named("microsoft.graph.gizmo").unwrap();
    assert!(
        !gizmo.properties.iter().any(|p| p.name == "label"),
        "{:?}",
        gizmo.properties
    );
    let example = |page: &str| {
        schema
            .request_examples
            .iter()
            .find(|e| e.source.starts_with(page))
            .unwrap_or_else(|| panic!("no request example of {page}"))
    };
    let routed = example("api/gizmo-update.md:");
    assert!(
        routed.operation.starts_with("api/gizmopart-update.md:"),
        "{routed:?}"
    );
    let call = routed.call.as_ref().expect("the part's path fits");
    assert_eq!(call.args, ["1"]);
    let note = diags
        .iter()
        .find(|d| d.file == "api/gizmo-update.md" && d.message.contains("gizmopart-update.md"))
        .expect("the call of another page's operation is noted");
    assert_eq!(
        (note.severity, note.line, &routed.source),
        (
            Severity::Note,
            update_gizmo
                .lines()
                .position(|l| l.starts_with("PATCH https"))
                .unwrap()
                + 1,
            &format!("api/gizmo-update.md:{}", note.line)
        )
    );
    // Not taken through a parent its page does not write.
    let unrouted = example("api/thing-update.md:");
    assert!(
        unrouted.operation.starts_with("api/thing-update.md:") && unrouted.call.is_err(),
        "{unrouted:?}"
    );
}

/// A doc-stub action page of a type no page defines: the annotation names it in lower case, the
/// example's object (wrapped in `{"value": ...}`) spells it as the service does.
fn stub_action(name: &str, annotated: &str, body: &str) -> String {
    format!(
        "---\ntitle: \"gizmo: {name}\"\ndoc_type: apiPageType\n---\n# {name}\n\n\
Namespace: microsoft.graph\n\n## HTTP request\n<!-- {{ \"blockType\": \"ignored\" }} -->\n\
```http\nPOST /gizmos/{{id}}/{name}\n```\n\n## Response\n\nIf successful, this action returns a \
`200 OK` response code and a [thing](../resources/thing.md) in the response body.\n\n\
## Examples\n\n### Request\n<!-- {{ \"blockType\": \"request\", \"name\": \"gizmo_{name}\" }} -->\n\
```http\nPOST https://graph.microsoft.com/beta/gizmos/1/{name}\n```\n\n### Response\n\
<!-- {{ \"blockType\": \"response\", \"truncated\": true, \"@odata.type\": \"{annotated}\" }} -->\n\
```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{body}\n```\n"
    )
}

#[test]
fn a_type_no_page_defines_takes_its_objects_spelling_and_its_one_object_is_not_an_envelope_type() {
    let one = stub_action(
        "evaluate",
        "microsoft.graph.gizmoresult",
        "{\n  \"value\": {\n    \"@odata.type\": \"#microsoft.graph.gizmoResult\",\n    \
         \"error\": \"Error value\",\n    \"value\": 3\n  }\n}",
    );
    let list = stub_action(
        "counts",
        "Collection(microsoft.graph.gizmocounts)",
        "{\n  \"value\": [\n    {\n      \"@odata.type\": \"#microsoft.graph.gizmoCounts\",\n      \
         \"total\": 5,\n      \"reportDate\": \"2020-01-01T00:00:00Z\"\n    }\n  ]\n}",
    );
    let (schema, diags) = support::schema_of_pages(&[
        ("resources/gizmo.md", GIZMO),
        ("resources/gizmopart.md", PART),
        ("api/gizmo-evaluate.md", one.as_str()),
        ("api/gizmo-counts.md", list.as_str()),
    ]);
    let returns = |file: &str| support::return_type_of(&schema, file);
    assert_eq!(
        returns("api/gizmo-evaluate.md").as_deref(),
        Some("microsoft.graph.gizmoResult")
    );
    assert_eq!(
        returns("api/gizmo-counts.md").as_deref(),
        Some("Collection(microsoft.graph.gizmoCounts)")
    );
    let props = |ty: &str| -> Vec<(String, String)> {
        let def = schema
            .type_named(ty)
            .unwrap_or_else(|| panic!("{ty} is made from its examples"));
        def.properties
            .iter()
            .map(|p| (p.name.clone(), p.ty.to_string()))
            .collect()
    };
    // The object itself, not an envelope type holding it in `value`.
    assert_eq!(
        props("microsoft.graph.gizmoResult"),
        [
            ("error".to_owned(), "Edm.String".to_owned()),
            ("value".to_owned(), "Edm.Int32".to_owned())
        ]
    );
    assert_eq!(
        props("microsoft.graph.gizmoCounts"),
        [
            ("reportDate".to_owned(), "Edm.DateTimeOffset".to_owned()),
            ("total".to_owned(), "Edm.Int32".to_owned())
        ]
    );
    for lower in ["microsoft.graph.gizmoresult", "microsoft.graph.gizmocounts"] {
        assert!(schema.type_named(lower).is_none(), "{lower} is no type");
        let note = diags
            .iter()
            .find(|d| d.message.contains(&format!("`{lower}`")))
            .unwrap_or_else(|| panic!("the respelling of {lower} is noted"));
        assert_eq!(note.severity, Severity::Note);
    }
    // The example's test reads the one object, as the service sends it, though the type has a
    // `value` of its own; the envelope is reported.
    let test = schema
        .examples
        .iter()
        .find(|e| e.source.starts_with("api/gizmo-evaluate.md") && e.name.starts_with("response"))
        .expect("the response example has a test");
    let json: serde_json::Value = serde_json::from_str(&test.json).unwrap();
    assert_eq!(
        (&json["error"], &json["value"]),
        (&"Error value".into(), &3.into()),
        "{json}"
    );
    assert!(diags.iter().any(|d| {
        d.code == docgen::diag::Code::ExampleEnvelope && d.file == "api/gizmo-evaluate.md"
    }));
    // The model says no page documents it, and where it was made from; a page's type says its page.
    let (files, _) = docgen::emit::emit(&schema, &[]);
    let model = |path: &str| {
        files
            .iter()
            .find(|f| f.path == path)
            .unwrap_or_else(|| panic!("{path} is emitted"))
            .contents
            .clone()
    };
    let made = model("models/gizmo_result.rs");
    assert!(
        made.contains(
            "/// `microsoft.graph.gizmoResult` (complex type), no page documents it: made from the \
             objects its examples show, first at `api/gizmo-evaluate.md:"
        ),
        "{made}"
    );
    let documented = model("models/gizmo_part.rs");
    assert!(
        documented.contains("(complex type), read from `resources/gizmopart.md:"),
        "{documented}"
    );
}
