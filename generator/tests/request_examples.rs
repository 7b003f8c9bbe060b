//! The example tests can see the failures they guard against: a crate generated from small pages
//! runs its own example tests, and each request example the pages contradict fails with its
//! cause and page line, while the faithful ones are rebuilt exactly (constructor chosen by the
//! URL, arguments, typed query options, a PATCH body with `null` kept).

use std::path::Path;

mod support;

const WIDGET: &str = "---\ntitle: \"widget resource type\"\ndoc_type: resourcePageType\n---\n\
# widget resource type\n\nNamespace: microsoft.graph\n\nA widget.\n\n## Properties\n\n\
|Property|Type|Description|\n|:--|:--|:--|\n|id|String|The identifier. Read-only.|\n\
|name|String|The name.|\n|size|Int32|The size.|\n|note|String|A note.|\n\
|dimensions|[widgetDimensions](widgetdimensions.md)|How large it is.|\n\
|parts|[widgetDimensions](widgetdimensions.md) collection|Its parts' sizes.|\n\
|owner|[widgetOwner](widgetowner.md)|Who owns it: a person or a team.|\n\n\
## JSON representation\n\n<!-- { \"blockType\": \"resource\", \"keyProperty\": \"id\", \
\"@odata.type\": \"microsoft.graph.widget\" } -->\n```json\n{\"id\": \"String\", \"name\": \"String\", \
\"size\": 1024, \"note\": \"String\", \"dimensions\": {\"@odata.type\": \"microsoft.graph.widgetDimensions\"}}\n```\n";

const DIMENSIONS: &str = "---\ntitle: \"widgetDimensions resource type\"\ndoc_type: resourcePageType\n---\n\
# widgetDimensions resource type\n\nNamespace: microsoft.graph\n\nA widget's size.\n\n## Properties\n\n\
|Property|Type|Description|\n|:--|:--|:--|\n|width|Int32|The width.|\n|height|Int32|The height.|\n";

/// A base type with a derived one: a value of it is polymorphic (read by `@odata.type`).
const OWNER: &str = "---\ntitle: \"widgetOwner resource type\"\ndoc_type: resourcePageType\n---\n\
# widgetOwner resource type\n\nNamespace: microsoft.graph\n\nWho owns a widget.\n\n## Properties\n\n\
|Property|Type|Description|\n|:--|:--|:--|\n|name|String|The name.|\n";

const TEAM: &str = "---\ntitle: \"widgetTeam resource type\"\ndoc_type: resourcePageType\n---\n\
# widgetTeam resource type\n\nNamespace: microsoft.graph\n\nA team that owns a widget. Inherits from \
[widgetOwner](widgetowner.md).\n\n## Properties\n\n\
|Property|Type|Description|\n|:--|:--|:--|\n|name|String|The name.|\n|size|Int32|How many are in it.|\n";

/// An api page: its syntax block, its sections between that and the examples, and its examples.
fn api(title: &str, syntax: &str, sections: &str, examples: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndoc_type: apiPageType\n---\n# {title}\n\nNamespace: microsoft.graph\n\n\
{title}.\n\n## HTTP request\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\n{syntax}\n```\n\n\
{sections}\n## Examples\n\n{examples}"
    )
}

fn request(name: &str, http: &str) -> String {
    format!(
        "<!-- {{ \"blockType\": \"request\", \"name\": \"{name}\" }} -->\n```http\n{http}\n```\n\n"
    )
}

/// A response example annotated as a widget.
fn widget_response(name: &str, status: &str, json: &str) -> String {
    format!(
        "<!-- {{ \"blockType\": \"response\", \"name\": \"{name}\", \"@odata.type\": \"microsoft.graph.widget\" }} -->\n\
```http\nHTTP/1.1 {status}\nContent-Type: application/json\n\n{json}\n```\n\n"
    )
}

/// A page of one widget.
const WIDGET_PAGE: &str = "{\"value\": [{\"id\": \"1\", \"name\": \"a\"}]}";

fn pages(dir: &Path) {
    let returns_widget =
        "## Response\n\nReturns `200 OK` and a [widget](../resources/widget.md) object.\n";
    let get = api(
        "Get widget",
        "GET /widgets/{id}\nGET /users/{id | userPrincipalName}/widgets/{id}",
        &format!("## Optional query parameters\n\nSupports `$select`, `$filter` and `$top`.\n\n{returns_widget}"),
        &[
            request(
                "get_widget_faithful",
                "GET https://graph.microsoft.com/v1.0/users/a%40b.com/widgets/w%201?$select=name,size&$filter=startswith(name, 'a b')&$top=5&$skiptoken=x",
            ),
            request("get_widget_wrong_path", "GET https://graph.microsoft.com/v1.0/gadgets/1"),
            request("get_widget_wrong_method", "POST https://graph.microsoft.com/v1.0/widgets/1"),
            request(
                "get_widget_body_not_taken",
                "GET https://graph.microsoft.com/v1.0/widgets/1\nContent-Type: application/json\n\n{\"name\": \"x\"}",
            ),
        ]
        .concat(),
    );
    let update = api(
        "Update widget",
        "PATCH /widgets/{id}",
        &format!(
            "## Request body\n\nSupply a JSON representation of [widget](../resources/widget.md).\n\n{returns_widget}"
        ),
        &[
            request(
                "update_widget_faithful",
                "PATCH https://graph.microsoft.com/beta/widgets/1\nContent-Type: application/json\n\n{\"name\": \"new\", \"note\": null}",
            ),
            // In a PATCH a nested `null` clears that member: it is sent as the page sends it.
            request(
                "update_widget_nested_null",
                "PATCH https://graph.microsoft.com/v1.0/widgets/1\nContent-Type: application/json\n\n{\"dimensions\": {\"width\": 2, \"height\": null}, \"parts\": [{\"width\": 1, \"height\": null}]}",
            ),
            // The same inside a polymorphic value: its variant keeps the `null`.
            request(
                "update_widget_polymorphic_nested_null",
                "PATCH https://graph.microsoft.com/v1.0/widgets/1\nContent-Type: application/json\n\n{\"owner\": {\"@odata.type\": \"#microsoft.graph.widgetTeam\", \"name\": \"a\", \"size\": null}}",
            ),
            // A call of the path another page documents: rebuilt with that page's request.
            request(
                "update_widget_dimensions_elsewhere",
                "PATCH https://graph.microsoft.com/v1.0/widgets/1/dimensions\nContent-Type: application/json\n\n{\"width\": 3}",
            ),
            request(
                "update_widget_key_in_other_case",
                "PATCH https://graph.microsoft.com/v1.0/widgets/1\nContent-Type: application/json\n\n{\"Name\": \"new\"}",
            ),
        ]
        .concat(),
    );
    let update_dimensions = api(
        "Update widgetDimensions",
        "PATCH /widgets/{id}/dimensions",
        "## Request body\n\nSupply a JSON representation of [widgetDimensions](../resources/widgetdimensions.md).\n\n\
## Response\n\nReturns `200 OK` and a [widgetDimensions](../resources/widgetdimensions.md) object.\n",
        "",
    );
    // Two methods in the syntax: a request type each, and each example rebuilt with its
    // method's (a PATCH of an existing widget sends the PATCH body, its `null` kept).
    let upsert = api(
        "Create or update widget",
        "POST /widgets\nPATCH /widgets/{id}\nPATCH /users/{id}/widgets/{id}",
        &format!(
            "## Request body\n\nSupply a JSON representation of [widget](../resources/widget.md).\n\n{returns_widget}"
        ),
        &[
            request(
                "upsert_widget_create",
                "POST https://graph.microsoft.com/v1.0/widgets\nContent-Type: application/json\n\n{\"name\": \"a\"}",
            ),
            request(
                "upsert_widget_update",
                "PATCH https://graph.microsoft.com/v1.0/users/u1/widgets/w1\nContent-Type: application/json\n\n{\"name\": \"b\", \"note\": null}",
            ),
            // A method the syntax does not write, to a path it does: the page's error.
            request(
                "upsert_widget_wrong_method",
                "DELETE https://graph.microsoft.com/v1.0/widgets/w1",
            ),
        ]
        .concat(),
    );
    // A `$filter` path without the key the other path has, whose example answers a page: a
    // request of its own, whose response is read as a page (strictly, `value` included).
    let lookup = api(
        "Look up widget",
        "GET /widgets/{id}\nGET /widgets?$filter=name%20eq%20'{name}'",
        returns_widget,
        &[
            request(
                "lookup_widget_by_name",
                "GET https://graph.microsoft.com/v1.0/widgets?$filter=name%20eq%20'a'",
            ),
            widget_response("lookup_widget_by_name", "200 OK", WIDGET_PAGE),
        ]
        .concat(),
    );
    let report = api(
        "Get widget report",
        "GET /reports/getWidgetCounts(period='{period_value}')",
        "## Response\n\nReturns `200 OK` and a report.\n",
        &request(
            "get_widget_counts_faithful",
            "GET https://graph.microsoft.com/v1.0/reports/getWidgetCounts(period='D7')",
        ),
    );
    // A function's arguments the parameter table types as a number or a Boolean are passed as
    // those types (`2i32`, `true`, `True` being OData's `true`), the table's row found by the
    // argument's name whatever its placeholder (`column={n}`); a placeholder where a number
    // belongs cannot be one, and fails with its cause.
    let cell = api(
        "Get widget cell",
        "GET /widgets/{id}/cell(row={row},column={n},visibleOnly={visibleOnly})",
        "## Function parameters

|Parameter|Type|Description|
|:--|:--|:--|
|row|Int32|The row.|
|column|Int64|The column.|
|visibleOnly|Boolean|Visible cells only.|

## Response

Returns `200 OK` and a [widget](../resources/widget.md) object.
",
        &[
            request(
                "get_widget_cell_faithful",
                "GET https://graph.microsoft.com/v1.0/widgets/1/cell(row=2,column=-5,visibleOnly=True)",
            ),
            request(
                "get_widget_cell_placeholder",
                "GET https://graph.microsoft.com/v1.0/widgets/1/cell(row=<row>,column=5,visibleOnly=false)",
            ),
        ]
        .concat(),
    );
    // The service hands out an upload URL; the page shows the calls to it (`opaqueUrl`, or a
    // host other than Graph's), each with the response shown after it.
    let opaque = |name: &str, http: &str| {
        format!(
            "<!-- {{ \"blockType\": \"request\", \"opaqueUrl\": true, \"name\": \"{name}\" }} -->\n```http\n{http}\n```\n\n"
        )
    };
    let upload = api(
        "Create widget upload session",
        "POST /widgets/{id}/createUploadSession",
        "## Response\n\nReturns `200 OK` and a [widget](../resources/widget.md) object.\n",
        &[
            request(
                "create_widget_upload_session",
                "POST https://graph.microsoft.com/v1.0/widgets/1/createUploadSession",
            ),
            // The page's own operation answers a collection; the upload's response below is one
            // widget, read as one only where it is paired with the upload request before it.
            widget_response("create_widget_upload_session", "200 OK", WIDGET_PAGE),
            opaque(
                "upload-widget-piece",
                "PUT https://up.example.net/up/a1b2?tempauth=x%2By\nContent-Length: 4\nContent-Range: bytes 0-3/8\n\n<bytes 0-3 of the file>",
            ),
            "<!-- { \"blockType\": \"response\", \"name\": \"upload-widget-piece\", \"@odata.type\": \"microsoft.graph.widget\" } -->\n\
```http\nHTTP/1.1 201 Created\nContent-Type: application/json\n\n{\"id\": \"1\", \"name\": \"uploaded\"}\n```\n\n"
                .to_owned(),
            request(
                "download_widget_elsewhere",
                "GET https://files.example.net/d/z9?download=1",
            ),
        ]
        .concat(),
    );
    // A `$ref` path takes a reference to an entity. A page sending the entity there (the doc
    // stubs' shape: its table and example list the owner's properties) contradicts its path.
    let add_owner = api(
        "Add widget owner",
        "POST /widgets/{id}/owners/$ref",
        "## Request body\n\nSupply a JSON representation of a [widgetOwner](../resources/widgetowner.md).\n\n\
|Property|Type|Description|\n|:--|:--|:--|\n|name|String|The name.|\n\n\
## Response\n\nReturns `204 No Content`.\n",
        &[
            request(
                "add_widget_owner_faithful",
                "POST https://graph.microsoft.com/v1.0/widgets/1/owners/$ref\nContent-Type: application/json\n\n{\"@odata.id\": \"https://graph.microsoft.com/v1.0/users/2\"}",
            ),
            request(
                "add_widget_owner_entity",
                "POST https://graph.microsoft.com/v1.0/widgets/1/owners/$ref\nContent-Type: application/json\n\n{\"@odata.type\": \"#microsoft.graph.widgetOwner\", \"name\": \"a\"}",
            ),
        ]
        .concat(),
    );
    // A single-valued navigation's reference is set with `PUT`: the reference whole, no patch.
    let set_manager = api(
        "Set widget manager",
        "PUT /widgets/{id}/manager/$ref",
        "## Request body\n\nSupply a reference to the manager.\n\n## Response\n\nReturns `204 No Content`.\n",
        &request(
            "set_widget_manager_faithful",
            "PUT https://graph.microsoft.com/v1.0/widgets/1/manager/$ref\nContent-Type: application/json\n\n{\"@odata.id\": \"https://graph.microsoft.com/v1.0/users/2\"}",
        ),
    );
    for (path, text) in [
        ("api/widget-put-manager.md", set_manager),
        ("api/widget-post-owners.md", add_owner),
        ("api/widget-createuploadsession.md", upload),
        ("resources/widget.md", WIDGET.to_owned()),
        ("resources/widgetdimensions.md", DIMENSIONS.to_owned()),
        ("resources/widgetowner.md", OWNER.to_owned()),
        ("resources/widgetteam.md", TEAM.to_owned()),
        ("api/widget-get.md", get),
        ("api/widget-update.md", update),
        ("api/widgetdimensions-update.md", update_dimensions),
        ("api/widget-upsert.md", upsert),
        ("api/widget-lookup.md", lookup),
        ("api/report-getwidgetcounts.md", report),
        ("api/widget-cell.md", cell),
    ] {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

#[test]
fn request_examples_are_rebuilt_exactly_and_contradictions_fail_with_their_cause() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("request-examples-pages");
    let _ = std::fs::remove_dir_all(&dir);
    pages(&dir);
    let generated = docgen::Builder::new()
        .input(&dir)
        .example_tests(true)
        .run()
        .unwrap();
    // The reference every `$ref` request sends: its URL, typed, and nothing the page's table
    // lists in its place.
    let reference = generated
        .files
        .iter()
        .find(|f| f.path == "models/reference.rs")
        .expect("a reference model");
    assert!(
        reference.contents.contains("pub odata_id:")
            && !reference.contents.contains("pub name:")
            && !reference.contents.contains("ReferencePatch"),
        "{}",
        reference.contents
    );
    // Typed by the function's parameter table, written as OData literals.
    let cell = generated
        .files
        .iter()
        .find(|f| f.path == "requests/widget_cell.rs")
        .expect("a request type for the cell function");
    assert!(
        cell.contents
            .contains("pub fn new(id: &str, row: i32, n: i64, visible_only: bool) -> Self")
            && cell
                .contents
                .contains("super::support::encode_segment(id), row, n, visible_only"),
        "{}",
        cell.contents
    );
    let output = support::test_generated_crate("request-examples", &generated.files);
    let pass = [
        "request_get_widget_faithful",
        "request_update_widget_faithful",
        "request_update_widget_nested_null",
        "request_update_widget_polymorphic_nested_null",
        "request_update_widget_dimensions_elsewhere",
        "request_get_widget_counts_faithful",
        "request_get_widget_cell_faithful",
        "request_add_widget_owner_faithful",
        "request_set_widget_manager_faithful",
        // The second method's example, by its own request type.
        "request_upsert_widget_create",
        "request_upsert_widget_update",
        // The `$filter` path's request type, and its page read as one.
        "request_lookup_widget_by_name",
        "response_lookup_widget_by_name",
        // Sent to the URL as it stands: a request built on the Graph endpoint fails
        // [request-path].
        "request_upload_widget_piece",
        "request_download_widget_elsewhere",
        // Read as the request before it answers, not as the page's operation.
        "response_upload_widget_piece",
        "response_create_widget_upload_session",
    ];
    let fail = [
        (
            "request_get_widget_wrong_path",
            "request-path",
            "api/widget-get.md:",
        ),
        (
            "request_get_widget_wrong_method",
            "request-method",
            "api/widget-get.md:",
        ),
        (
            "request_get_widget_body_not_taken",
            "request-body",
            "api/widget-get.md:",
        ),
        (
            "request_upsert_widget_wrong_method",
            "request-method",
            "api/widget-upsert.md:",
        ),
        (
            "request_update_widget_key_in_other_case",
            "catch-all",
            "api/widget-update.md:",
        ),
        (
            "request_add_widget_owner_entity",
            "request-body",
            "api/widget-post-owners.md:",
        ),
        (
            "request_get_widget_cell_placeholder",
            "request-path",
            "api/widget-cell.md:",
        ),
    ]
    .map(|(test, cause, page)| (test, format!("[{cause}] {page}")));
    support::assert_example_outcomes(&output, &pass, &fail);
}
