//! The operation rules of "requests that work", each on a small page written for it: every path
//! of the "HTTP request" section, a typed body from any evidence on the page, collections from
//! any evidence, casts, and the `Prefer: return=representation` header. (A file of its own
//! beside `schema_rules.rs`, which holds the type rules.)

use docgen::diag::{Code, Diagnostic};
use docgen::schema::{Operation, OperationKind, Schema};

mod support;

fn schema_and_diagnostics(pages: &[(&str, &str)]) -> (Schema, Vec<Diagnostic>) {
    support::schema_of_pages(pages)
}

fn op_of<'s>(s: &'s Schema, page: &str) -> &'s Operation {
    s.operations
        .iter()
        .find(|o| o.source.split(':').next() == Some(page))
        .unwrap_or_else(|| panic!("no operation from {page}"))
}

/// An api page: `http_request` is the whole section after its heading (blocks and prose).
fn api(title: &str, http_request: &str, body: &str, response: &str, examples: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndoc_type: apiPageType\n---\n# {title}\n\nNamespace: microsoft.graph\n\n\
Does it.\n\n## HTTP request\n{http_request}\n\n## Request body\n{body}\n\n## Response\n\n{response}\n\n\
## Example\n\n{examples}\n"
    )
}

fn resource(name: &str, rows: &str) -> String {
    format!(
        "---\ntitle: \"{name} resource type\"\ndoc_type: resourcePageType\n---\n\n# {name} resource type\n\n\
Namespace: microsoft.graph\n\nA thing.\n\n## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n{rows}\n\
## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\", \"keyProperty\": \"id\" }} -->\n\
```json\n{{}}\n```\n"
    )
}

fn example(kind: &str, name: &str, extra: &str, http: &str) -> String {
    format!(
        "<!-- {{ \"blockType\": \"{kind}\", \"name\": \"{name}\"{extra} }} -->\n```http\n{http}\n```\n"
    )
}

#[test]
fn every_block_of_the_http_request_section_is_a_path_and_another_method_is_a_request_of_its_own() {
    let page = api(
        "Update calendar",
        "<!-- { \"blockType\": \"ignored\" } -->\nA user's default calendar.\n```http\nPATCH /me/calendar\n\
PATCH /users/{id | userPrincipalName}/calendar\n```\nA calendar in the default group.\n```http\n\
PATCH /me/calendars/{id}\n\nPATCH /me/calendarGroup/calendars/{id}\n```\nOr replace it.\n```http\nPUT /me/calendars/{id}\n```",
        "Supply the values of the properties to update.",
        "Returns `200 OK`.",
        "",
    );
    let (s, diags) = schema_and_diagnostics(&[("api/calendar-update.md", &page)]);
    let op = op_of(&s, "api/calendar-update.md");
    assert_eq!(
        op.paths,
        [
            "/me/calendar",
            "/users/{id | userPrincipalName}/calendar",
            "/me/calendars/{id}",
            "/me/calendarGroup/calendars/{id}"
        ]
    );
    assert_eq!(op.path_templates.len(), 4);
    // The PUT line is a request of its own, at its line, named after the page and its method.
    let put = s
        .operations
        .iter()
        .find(|o| o.method == "PUT")
        .expect("the PUT path has a request");
    assert_eq!(put.source, "api/calendar-update.md:26");
    assert_eq!(put.rust, "CalendarUpdatePut");
    assert_eq!(put.paths, ["/me/calendars/{id}"]);
    assert_eq!(put.kind, OperationKind::Update);
    assert!(
        !diags.iter().any(|d| d.code == Code::Skipped),
        "no path is left out: {diags:?}"
    );
}

/// A page documenting two methods (POST a new widget, PATCH an existing one): a request type
/// each, with its own paths, kind, body and examples.
#[test]
fn a_second_method_of_the_syntax_is_a_request_with_its_own_paths_body_and_examples() {
    let widget = resource("widget", "|id|String|x|\n|name|String|x|\n");
    let page = |rows: &str| {
        api(
            "Create or update widget",
            &format!(
                "{SYNTAX}POST /widgets\nPOST /users/{{id}}/widgets\n```\nAn existing one:\n\
```http\nPATCH /widgets/{{id}}\nPATCH /users/{{id}}/widgets/{{id}}\n```"
            ),
            &format!(
                "Supply a JSON representation of a [widget](../resources/widget.md) object.\n\n\
|Property|Type|Description|\n|:--|:--|:--|\n{rows}"
            ),
            "Returns `200 OK`.",
            &[
                example(
                    "request",
                    "create_it",
                    "",
                    "POST https://graph.microsoft.com/v1.0/widgets\nContent-Type: application/json\n\n{\"name\": \"a\"}",
                ),
                example(
                    "request",
                    "update_it",
                    "",
                    "PATCH https://graph.microsoft.com/v1.0/users/u1/widgets/w1\nContent-Type: application/json\n\n{\"name\": \"b\"}",
                ),
                // A method the syntax does not write stays the page's error: the example is
                // rebuilt with the request whose path it calls, and fails on its method.
                example(
                    "request",
                    "delete_it",
                    "",
                    "DELETE https://graph.microsoft.com/v1.0/widgets/w1",
                ),
            ]
            .concat(),
        )
    };
    let (s, diags) = schema_and_diagnostics(&[
        ("resources/widget.md", &widget),
        ("api/widget-upsert.md", &page("|name|String|x|\n")),
        (
            "api/widget-put.md",
            &page("|name|String|x|\n|templateId|String|x|\n"),
        ),
    ]);
    let of = |file: &str, method: &str| {
        s.operations
            .iter()
            .find(|o| o.source.starts_with(file) && o.method == method)
            .unwrap_or_else(|| panic!("no {method} of {file}"))
    };
    let post = of("api/widget-upsert.md:", "POST");
    let patch = of("api/widget-upsert.md:", "PATCH");
    assert_eq!(
        (post.kind, post.rust.as_str(), post.name.as_str()),
        (OperationKind::Create, "WidgetUpsert", "create_it")
    );
    assert_eq!(
        (patch.kind, patch.rust.as_str(), patch.name.as_str()),
        (OperationKind::Update, "WidgetUpsertPatch", "update_it")
    );
    assert_eq!(patch.paths, ["/widgets/{id}", "/users/{id}/widgets/{id}"]);
    assert_eq!(patch.source, "api/widget-upsert.md:19");
    for op in [post, patch] {
        assert_eq!(
            op.body.as_ref().map(ToString::to_string).as_deref(),
            Some("microsoft.graph.widget")
        );
    }
    // Each example is rebuilt with its method's request; the DELETE with the one whose path
    // it calls.
    let calls: Vec<(&str, &str, bool)> = s
        .request_examples
        .iter()
        .filter(|e| e.source.starts_with("api/widget-upsert.md:"))
        .map(|e| (e.name.as_str(), e.operation.as_str(), e.call.is_ok()))
        .collect();
    assert_eq!(
        calls,
        [
            ("request_create_it", post.source.as_str(), true),
            ("request_delete_it", patch.source.as_str(), true),
            ("request_update_it", patch.source.as_str(), true),
        ]
    );
    assert!(
        !diags.iter().any(|d| d.code == Code::Skipped),
        "no path is left out: {diags:?}"
    );
    // Where the create's table makes its body (a row the widget lacks), the PATCH of the same
    // table sends that body too.
    let (post, patch) = (
        of("api/widget-put.md:", "POST"),
        of("api/widget-put.md:", "PATCH"),
    );
    assert_eq!(
        post.body.as_ref().map(ToString::to_string).as_deref(),
        Some("docgen.bodies.WidgetPutBody")
    );
    assert_eq!(post.body, patch.body);
}

fn body_of(s: &Schema, page: &str) -> String {
    op_of(s, page)
        .body
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_else(|| panic!("{page} has no body"))
}

fn return_of(s: &Schema, page: &str) -> String {
    op_of(s, page)
        .return_type
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_else(|| panic!("{page} has no response type"))
}

const SYNTAX: &str = "<!-- { \"blockType\": \"ignored\" } -->\n```http\n";

#[test]
fn a_body_shown_only_by_the_request_example_gets_a_type_made_from_it() {
    let page = api(
        "Create part",
        &format!("{SYNTAX}POST /widgets/{{id}}/parts\n```"),
        "Supply the part.",
        "Returns `201 Created`.",
        &example(
            "request",
            "create_part",
            "",
            "POST https://graph.microsoft.com/v1.0/widgets/1/parts\nContent-Type: application/json\n\n\
{\"label\": \"left\", \"count\": 3}",
        ),
    );
    let (s, _) = schema_and_diagnostics(&[("api/widget-post-parts.md", &page)]);
    let body = body_of(&s, "api/widget-post-parts.md");
    assert_eq!(body, "docgen.bodies.WidgetPostPartsBody");
    let ty = s.type_named(&body).expect("the body type is defined");
    let props: Vec<(&str, String)> = ty
        .properties
        .iter()
        .map(|p| (p.name.as_str(), p.ty.to_string()))
        .collect();
    assert_eq!(
        props,
        [
            ("count", "Edm.Int32".to_owned()),
            ("label", "Edm.String".to_owned())
        ]
    );
}

#[test]
fn an_update_sends_the_resource_that_lists_it_and_refs_and_uploads_send_their_own_bodies() {
    let widget = resource("widget", "|id|String|x|\n|name|String|x|\n").replace(
        "## JSON representation",
        "## Methods\n\n|Method|Return type|Description|\n|:--|:--|:--|\n\
|[Update](../api/widget-update.md)|widget|Updates it.|\n\n## JSON representation",
    );
    let update = api(
        "Update widget",
        &format!("{SYNTAX}PATCH /widgets/{{id}}\n```"),
        "|Property|Type|Description|\n|:--|:--|:--|\n|name|String|The name.|\n",
        "Returns `204 No Content`.",
        "",
    );
    let reference = api(
        "Add owner",
        &format!("{SYNTAX}POST /widgets/{{id}}/owners/$ref\n```"),
        "Supply a reference.",
        "Returns `204 No Content`.",
        "",
    );
    let upload = api(
        "Upload content",
        &format!("{SYNTAX}PUT /widgets/{{id}}/content\n```"),
        "The bytes.",
        "Returns `200 OK`.",
        "",
    );
    let (s, _) = schema_and_diagnostics(&[
        ("resources/widget.md", &widget),
        ("api/widget-update.md", &update),
        ("api/widget-post-owners.md", &reference),
        ("api/widget-put-content.md", &upload),
    ]);
    assert_eq!(
        body_of(&s, "api/widget-update.md"),
        "microsoft.graph.widget"
    );
    assert_eq!(
        body_of(&s, "api/widget-post-owners.md"),
        "docgen.bodies.reference"
    );
    let reference = s.type_named("docgen.bodies.reference").unwrap();
    assert_eq!(reference.properties[0].name, "@odata.id");
    assert_eq!(body_of(&s, "api/widget-put-content.md"), "Edm.Stream");
}

#[test]
fn a_body_link_and_an_example_naming_another_type_are_both_named_in_a_note() {
    let page = api(
        "Create widget",
        &format!("{SYNTAX}POST /widgets\n```"),
        "Supply a JSON representation of a [widget](../resources/widget.md) object.",
        "Returns `201 Created`.",
        &example(
            "request",
            "create_widget",
            "",
            "POST https://graph.microsoft.com/v1.0/widgets\nContent-Type: application/json\n\n\
{\"@odata.type\": \"#microsoft.graph.gadget\", \"name\": \"a\"}",
        ),
    );
    let widget = resource("widget", "|id|String|x|\n|name|String|x|\n");
    let (s, diags) = schema_and_diagnostics(&[
        ("resources/widget.md", &widget),
        ("api/widget-post.md", &page),
    ]);
    assert_eq!(body_of(&s, "api/widget-post.md"), "microsoft.graph.widget");
    let note = diags
        .iter()
        .find(|d| d.code == Code::Conflict && d.file == "api/widget-post.md")
        .expect("a note on the conflict");
    // The example's line, and the Request body section's line in the message.
    assert_eq!(note.line, 28, "{}", note.message);
    assert!(
        note.message.contains("microsoft.graph.gadget")
            && note.message.contains("api/widget-post.md:18"),
        "{}",
        note.message
    );
}

#[test]
fn collections_come_from_prose_alone_and_from_a_value_array_example() {
    let widget = resource("widget", "|id|String|x|\n|name|String|x|\n");
    let prose = api(
        "widget: related",
        &format!("{SYNTAX}GET /widgets/{{id}}/related()\n```"),
        "None.",
        "Returns `200 OK` and a collection of [widget](../resources/widget.md) objects.",
        "",
    );
    let valued = api(
        "widget: lookup",
        &format!("{SYNTAX}POST /widgets/lookup\n```"),
        "None.",
        "Returns `200 OK` and [widget](../resources/widget.md) objects.",
        &example(
            "response",
            "lookup",
            ", \"@odata.type\": \"microsoft.graph.widget\"",
            "HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"value\": [{\"id\": \"1\"}]}",
        ),
    );
    let (s, diags) = schema_and_diagnostics(&[
        ("resources/widget.md", &widget),
        ("api/widget-related.md", &prose),
        ("api/widget-lookup.md", &valued),
    ]);
    assert_eq!(
        return_of(&s, "api/widget-related.md"),
        "Collection(microsoft.graph.widget)"
    );
    assert_eq!(
        return_of(&s, "api/widget-lookup.md"),
        "Collection(microsoft.graph.widget)"
    );
    assert!(
        diags
            .iter()
            .any(|d| d.code == Code::Conflict && d.file == "api/widget-lookup.md"),
        "the annotation's one object against the example's page is reported"
    );
}

#[test]
fn a_get_of_a_property_every_table_gives_one_value_reads_one_item() {
    let widget = resource_navigating(
        "widget",
        "|id|String|x|\n",
        "|overview|[widgetOverview](widgetoverview.md)|x|\n|parts|[widgetOverview](widgetoverview.md) collection|x|\n\
         |spares|[widgetOverview](widgetoverview.md)|x|\n",
    );
    let overview = resource("widgetOverview", "|id|String|x|\n|count|Int32|x|\n");
    // No annotation, as the Intune pages have none: the path and the prose are all there is.
    let get = |segment: &str, example: &str| {
        api(
            &format!("Get {segment}"),
            &format!("{SYNTAX}GET /widgets/{{id}}/{segment}\n```"),
            "None.",
            "Returns `200 OK` and [widgetOverview](../resources/widgetoverview.md) object.",
            example,
        )
    };
    let page_of_one = example(
        "response",
        "spares",
        ", \"@odata.type\": \"microsoft.graph.widgetOverview\"",
        "HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"value\": [{\"id\": \"1\"}]}",
    );
    let (s, _) = schema_and_diagnostics(&[
        ("resources/widget.md", &widget),
        ("resources/widgetoverview.md", &overview),
        ("api/widget-get-overview.md", &get("overview", "")),
        ("api/widget-list-parts.md", &get("parts", "")),
        ("api/widget-list-spares.md", &get("spares", &page_of_one)),
    ]);
    // One value by its table: one item.
    let one = op_of(&s, "api/widget-get-overview.md");
    assert_eq!(one.kind, OperationKind::Get);
    assert_eq!(
        return_of(&s, "api/widget-get-overview.md"),
        "microsoft.graph.widgetOverview"
    );
    // A collection by its table: a list.
    assert_eq!(
        op_of(&s, "api/widget-list-parts.md").kind,
        OperationKind::List
    );
    assert_eq!(
        return_of(&s, "api/widget-list-parts.md"),
        "Collection(microsoft.graph.widgetOverview)"
    );
    // One value by its table, but the page's own example is a page of items: the example wins.
    assert_eq!(
        return_of(&s, "api/widget-list-spares.md"),
        "Collection(microsoft.graph.widgetOverview)"
    );
}

#[test]
fn a_get_of_a_singleton_reads_one_item_and_an_entity_set_a_page() {
    let management = resource("gizmoManagement", "|id|String|x|\n");
    let widget = resource("widget", "|id|String|x|\n");
    let get = |title: &str, path: &str, ty: &str, lower: &str, examples: &str| {
        api(
            title,
            &format!("{SYNTAX}GET {path}\n```"),
            "None.",
            &format!("Returns `200 OK` and [{ty}](../resources/{lower}.md) object."),
            examples,
        )
    };
    // No annotation, as the Intune pages have none.
    let singleton = get(
        "Get gizmoManagement",
        "/gizmoManagement",
        "gizmoManagement",
        "gizmomanagement",
        "",
    );
    let set = get("List widgets", "/widgets", "widget", "widget", "");
    let one_widget = get("Get widget", "/widgets/{id}", "widget", "widget", "");
    let below = get(
        "List managed widgets",
        "/gizmoManagement/widgets",
        "widget",
        "widget",
        "",
    );
    let annotated = get(
        "Get gizmoManagement twice",
        "/gizmoManagement",
        "gizmoManagement",
        "gizmomanagement",
        &example(
            "response",
            "twice",
            ", \"@odata.type\": \"Collection(microsoft.graph.gizmoManagement)\"",
            "HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"value\": [{\"id\": \"1\"}]}",
        ),
    );
    let pages = [
        ("resources/gizmomanagement.md", management.as_str()),
        ("resources/widget.md", &widget),
        ("api/gizmomanagement-get.md", &singleton),
        ("api/widget-list.md", &set),
        ("api/widget-get.md", &one_widget),
        ("api/gizmomanagement-list-widgets.md", &below),
    ];
    let (s, _) = schema_and_diagnostics(&pages);
    // Followed by a name, never by a key: one entity.
    assert_eq!(
        op_of(&s, "api/gizmomanagement-get.md").kind,
        OperationKind::Get
    );
    assert_eq!(
        return_of(&s, "api/gizmomanagement-get.md"),
        "microsoft.graph.gizmoManagement"
    );
    // Followed by a key: a collection.
    assert_eq!(op_of(&s, "api/widget-list.md").kind, OperationKind::List);
    assert_eq!(
        return_of(&s, "api/widget-list.md"),
        "Collection(microsoft.graph.widget)"
    );
    // A page that says a collection there wins, with a note naming the contradiction.
    let mut pages = pages.to_vec();
    pages[2] = ("api/gizmomanagement-get.md", &annotated);
    let (s, diags) = schema_and_diagnostics(&pages);
    assert_eq!(
        return_of(&s, "api/gizmomanagement-get.md"),
        "Collection(microsoft.graph.gizmoManagement)"
    );
    assert!(
        diags.iter().any(|d| d.file == "api/gizmomanagement-get.md"
            && d.message
                .contains("a singleton: no documented path follows it by a key")),
        "{diags:#?}"
    );
}

#[test]
fn a_path_ending_in_a_cast_responds_with_the_cast_type() {
    let object = resource("directoryObject", "|id|String|x|\n");
    let group = resource(
        "group",
        "|id|String|x|\n|deletedItems|[directoryObject](directoryobject.md) collection|x|\n",
    );
    let page = api(
        "List deleted groups",
        &format!("{SYNTAX}GET /directory/deletedItems/microsoft.graph.group\n```"),
        "None.",
        "Returns `200 OK` and a collection of [directoryObject](../resources/directoryobject.md) objects.",
        &example(
            "response",
            "deleted",
            ", \"@odata.type\": \"microsoft.graph.directoryObject\", \"isCollection\": true",
            "HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"value\": [{\"id\": \"1\"}]}",
        ),
    );
    let (s, diags) = schema_and_diagnostics(&[
        ("resources/directoryobject.md", &object),
        ("resources/group.md", &group),
        ("api/directory-deleteditems-list.md", &page),
    ]);
    assert_eq!(
        return_of(&s, "api/directory-deleteditems-list.md"),
        "Collection(microsoft.graph.group)"
    );
    assert!(diags.iter().any(|d| d.code == Code::Conflict
        && d.message.contains("cast `microsoft.graph.group`")));
}

#[test]
fn a_create_table_naming_what_the_resource_lacks_makes_a_create_body() {
    let widget = resource("widget", "|id|String|x|\n|name|String|x|\n");
    let create = |rows: &str| {
        api(
            "Create widget",
            &format!("{SYNTAX}POST /widgets\n```"),
            &format!(
                "Supply a JSON representation of a [widget](../resources/widget.md) object.\n\n\
|Property|Type|Description|\n|:--|:--|:--|\n{rows}"
            ),
            "Returns `201 Created` and a [widget](../resources/widget.md) object.",
            "",
        )
    };
    let (s, diags) = schema_and_diagnostics(&[
        ("resources/widget.md", &widget),
        (
            "api/widget-post.md",
            &create("|name|String|x|\n|templateId|String|The template.|\n"),
        ),
        (
            "api/widget-create.md",
            &create("|name|String|x|\n|@odata.type|String|x|\n"),
        ),
    ]);
    let body = body_of(&s, "api/widget-post.md");
    assert_eq!(body, "docgen.bodies.WidgetPostBody");
    let names: Vec<&str> = s
        .type_named(&body)
        .unwrap()
        .properties
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["name", "templateId"]);
    assert!(diags.iter().any(|d| d.code == Code::Conflict
        && d.file == "api/widget-post.md"
        && d.message.contains("`templateId`")
        && d.message.contains("resources/widget.md")));
    // Rows the resource has (and annotations) keep the resource as the body.
    assert_eq!(
        body_of(&s, "api/widget-create.md"),
        "microsoft.graph.widget"
    );
}

#[test]
fn broken_response_annotations_and_sections_without_blocks_do_not_panic() {
    let odd = api(
        "widget: odd",
        &format!("{SYNTAX}GET /widgets/microsoft.graph.\n```"),
        "None.",
        "Returns a collection of things.",
        &example(
            "response",
            "odd",
            ", \"@odata.type\": \"Collection()\"",
            "HTTP/1.1 200 OK\n\n{\"value\": 3}",
        ),
    );
    let empty = api("Nothing", "No block here.", "", "", "");
    let (s, _) = schema_and_diagnostics(&[("api/odd.md", &odd), ("api/empty.md", &empty)]);
    assert!(
        s.operations
            .iter()
            .all(|o| !o.source.starts_with("api/empty.md"))
    );
    assert_eq!(op_of(&s, "api/odd.md").paths, ["/widgets/microsoft.graph."]);
}

#[test]
fn a_host_name_is_no_cast() {
    let site = resource("site", "|id|String|x|\n");
    let page = api(
        "Get site",
        &format!("{SYNTAX}GET /sites/contoso.sharepoint.com\n```"),
        "None.",
        "Returns `200 OK` and a [site](../resources/site.md) object.",
        "",
    );
    let (s, _) =
        schema_and_diagnostics(&[("resources/site.md", &site), ("api/site-get.md", &page)]);
    assert_eq!(return_of(&s, "api/site-get.md"), "microsoft.graph.site");
}

#[test]
fn a_path_only_the_request_example_calls_becomes_one_more_path_with_a_warning() {
    let call = |target: &str| {
        example(
            "request",
            "list_owned",
            "",
            &format!("GET https://graph.microsoft.com/v1.0{target}"),
        )
    };
    let page = api(
        "List ownedObjects",
        "```http\nGET /users/{id | userPrincipalName}/ownedObjects\n```",
        "Do not supply a request body.",
        "Returns `200 OK` and a collection of directoryObject objects.",
        &[
            call("/me/ownedObjects"),
            // Another operation's end: no path is made from it.
            call("/groups/{id}"),
            // Another host (an upload session's URL): not a Graph path.
            example(
                "request",
                "upload",
                "",
                "GET https://contoso.up.1drv.com/up/fe6987415ace7X4e",
            ),
        ]
        .join("\n"),
    );
    let (s, diags) = schema_and_diagnostics(&[("api/user-list-ownedobjects.md", &page)]);
    let op = op_of(&s, "api/user-list-ownedobjects.md");
    assert_eq!(
        op.paths,
        [
            "/users/{id | userPrincipalName}/ownedObjects",
            "/me/ownedObjects"
        ]
    );
    let from_example = &op.path_templates[1];
    assert!(
        from_example
            .example
            .as_deref()
            .is_some_and(|at| at.starts_with("api/user-list-ownedobjects.md:")),
        "{from_example:?}"
    );
    let warned: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.message.contains("a path no syntax block lists"))
        .collect();
    assert_eq!(warned.len(), 1, "{warned:#?}");
    assert!(warned[0].message.contains("`/me/ownedObjects`"));
    // The example's own call now fits its path; the other two still fit none.
    let calls: Vec<bool> = s
        .request_examples
        .iter()
        .filter(|e| e.operation == op.source)
        .map(|e| e.call.is_ok())
        .collect();
    assert_eq!(calls.iter().filter(|ok| **ok).count(), 1, "{calls:?}");
}

#[test]
fn values_a_syntax_block_writes_out_are_parameters_the_example_fills() {
    let page = api(
        "workbookRange: rowsAbove",
        "```http\nGET /me/drive/items/{id}/workbook/worksheets/{id}/range/rowsAbove(count=n)\n\
GET /education/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/range/rowsAbove(count=n)\n```",
        "Do not supply a request body.",
        "Returns `200 OK`.",
        &[
            example(
                "request",
                "rows_above",
                "",
                "GET https://graph.microsoft.com/v1.0/me/drive/items/01AB/workbook/worksheets/Sheet1/range/rowsAbove(count=2)",
            ),
            example(
                "request",
                "rows_above_class",
                "",
                "GET https://graph.microsoft.com/v1.0/education/classes/11e1a3b2-0000-4e71-b1e9-6d9810ab1793/range/rowsAbove(count=3)",
            ),
        ]
        .join("\n"),
    );
    let (s, _) = schema_and_diagnostics(&[("api/workbookrange-rowsabove.md", &page)]);
    let op = op_of(&s, "api/workbookrange-rowsabove.md");
    let templates: Vec<&str> = op
        .path_templates
        .iter()
        .map(|t| t.template.as_str())
        .collect();
    assert_eq!(
        templates,
        [
            "/me/drive/items/{id}/workbook/worksheets/{id}/range/rowsAbove(count={count})",
            "/education/classes/{id}/range/rowsAbove(count={count})"
        ]
    );
    let args: Vec<Vec<String>> = s
        .request_examples
        .iter()
        .map(|e| e.call.as_ref().expect("each example fits").args.clone())
        .collect();
    assert_eq!(
        args,
        [
            vec!["01AB".to_owned(), "Sheet1".into(), "2".into()],
            vec![
                "11e1a3b2-0000-4e71-b1e9-6d9810ab1793".to_owned(),
                "3".into()
            ]
        ]
    );
}

#[test]
fn a_read_only_property_the_update_example_sends_is_part_of_the_patch_body() {
    let column = resource(
        "workbookTableColumn",
        "|id|String|Read-only.|\n|index|Int32|Zero-indexed. Read-only.|\n|name|String|The name.|\n",
    );
    let page = api(
        "Update tablecolumn",
        "```http\nPATCH /workbook/tables/{id}/columns/{id}\n```",
        "In the request body, supply the values for relevant fields that should be updated.",
        "Returns `200 OK` and an updated [workbookTableColumn](../resources/workbooktablecolumn.md) object.",
        &example(
            "request",
            "update_tablecolumn",
            "",
            "PATCH https://graph.microsoft.com/v1.0/workbook/tables/1/columns/2\nContent-type: application/json\n\n{\n  \"name\": \"n\",\n  \"index\": 99\n}",
        ),
    );
    let (s, diags) = schema_and_diagnostics(&[
        ("resources/workbooktablecolumn.md", &column),
        ("api/tablecolumn-update.md", &page),
    ]);
    let ty = s
        .type_named("microsoft.graph.workbookTableColumn")
        .expect("the resource");
    assert_eq!(ty.update_writes.iter().collect::<Vec<_>>(), ["index"]);
    assert!(
        diags.iter().any(|d| d
            .message
            .contains("sends `index`, which the workbookTableColumn table calls read-only")),
        "{diags:#?}"
    );
}

#[test]
fn a_function_whose_example_sends_its_body_table_gets_a_body_of_its_parameters() {
    let page = |example_body: &str| {
        api(
            "Range: BoundingRect",
            &format!("{SYNTAX}GET /workbook/names/{{name}}/range/boundingRect\n```"),
            "In the request body, provide a JSON object with the following parameters.\n\n\
|Parameter|Type|Description|\n|:---|:---|:---|\n|anotherRange|string|The range object or address.|\n",
            "Returns `200 OK` and a [workbookRange](../resources/workbookrange.md) object.",
            &example(
                "request",
                "range_boundingrect",
                ", \"isComposable\": true",
                &format!(
                    "GET https://graph.microsoft.com/v1.0/workbook/names/n/range/boundingRect\n\
Content-type: application/json\n\n{example_body}"
                ),
            ),
        )
    };
    let range = resource("workbookRange", "|address|String|The address.|\n");
    let sent = page("{\"anotherRange\": \"A1:B2\"}");
    let (s, _) = schema_and_diagnostics(&[
        ("resources/workbookrange.md", &range),
        ("api/range-boundingrect.md", &sent),
    ]);
    let op = op_of(&s, "api/range-boundingrect.md");
    assert_eq!(op.kind, docgen::schema::OperationKind::Function);
    let body = body_of(&s, "api/range-boundingrect.md");
    assert_eq!(body, "docgen.bodies.RangeBoundingRectBody");
    let props: Vec<String> = s
        .type_named(&body)
        .expect("the body type is defined")
        .properties
        .iter()
        .map(|p| format!("{}: {}", p.name, p.ty))
        .collect();
    assert_eq!(props, ["anotherRange: Edm.String"]);

    // The table alone, without an example sending it, leaves the function without a body.
    let unsent = page("");
    let (s, _) = schema_and_diagnostics(&[
        ("resources/workbookrange.md", &range),
        ("api/range-boundingrect.md", &unsent),
    ]);
    assert_eq!(op_of(&s, "api/range-boundingrect.md").body, None);
}

#[test]
fn a_create_linking_or_showing_several_derived_types_sends_their_base() {
    let derived = |name: &str, base: &str| {
        resource(name, "|id|String|x|\n").replace(
            "A thing.",
            &format!(
                "A thing.\n\nInherits from [{base}]({}.md).",
                base.to_lowercase()
            ),
        )
    };
    let page = |links: &str| {
        api(
            "Create widget",
            &format!("{SYNTAX}POST /widgets\n```"),
            &format!("In the request body, supply a JSON representation of {links} object."),
            "Returns `201 Created`.",
            &example(
                "request",
                "create_widget",
                "",
                "POST https://graph.microsoft.com/v1.0/widgets\nContent-Type: application/json\n\n\
{\"@odata.type\": \"#microsoft.graph.ipWidget\", \"name\": \"a\"}",
            ),
        )
    };
    let resources = [
        ("resources/entity.md", resource("entity", "|id|String|x|\n")),
        ("resources/widget.md", derived("widget", "entity")),
        ("resources/ipwidget.md", derived("ipWidget", "widget")),
        (
            "resources/countrywidget.md",
            derived("countryWidget", "widget"),
        ),
        ("resources/gadget.md", derived("gadget", "entity")),
    ];
    let body = |links: &str| {
        let page = page(links);
        let mut pages: Vec<(&str, &str)> =
            resources.iter().map(|(p, t)| (*p, t.as_str())).collect();
        pages.push(("api/widget-post.md", &page));
        body_of(&schema_and_diagnostics(&pages).0, "api/widget-post.md")
    };
    assert_eq!(
        body(
            "an [ipWidget](../resources/ipwidget.md) or [countryWidget](../resources/countrywidget.md)"
        ),
        "microsoft.graph.widget"
    );
    // Types that share only the root every entity derives from: the first.
    assert_eq!(
        body("an [ipWidget](../resources/ipwidget.md) or [gadget](../resources/gadget.md)"),
        "microsoft.graph.ipWidget"
    );
}

#[test]
fn a_path_named_in_prose_binds_an_operation_to_the_collection_it_follows() {
    let widget = resource(
        "widget",
        "|id|String|x|\n|parts|[part](part.md) collection|x|\n",
    );
    let list = api(
        "List widgets",
        &format!("{SYNTAX}GET /widgets\n```"),
        "None.",
        "Returns `200 OK` and a collection of [widget](../resources/widget.md) objects.",
        "",
    );
    let polish = api(
        "widget: polish",
        &format!("{SYNTAX}POST /widgets/{{id}}/polish\n```"),
        "None.",
        "Returns `204 No Content`.",
        "",
    );
    // Line 5: a name after the collection; lines 9-13: a navigation the pages document, a key,
    // a cast, an unknown name after one item; line 17: a call with arguments in a JSON URL.
    let overview = "---\ntitle: \"Widget notifications\"\n---\n\n\
Subscribe to `/widgets/getAllParts` for every part of every widget.\n\n\
|Resource|Path|\n|:--|:--|\n\
|parts|`/widgets/parts`|\n|one widget|`/widgets/{id}`|\n|big ones|`/widgets/microsoft.graph.bigWidget`|\n\
|gadgets|`/widgets/{id}/gadgets`|\n|polish|`POST /widgets/{id}/polish`|\n\n\
```json\n{\n  \"resourceLocation\": \"https://graph.microsoft.com/v1.0/widgets/{id}/summary(kind='{kind}')\"\n}\n```\n";
    let (s, _) = schema_and_diagnostics(&[
        ("resources/widget.md", &widget),
        ("api/widget-list.md", &list),
        ("api/widget-polish.md", &polish),
        ("concepts/widget-notifications.md", overview),
    ]);
    let mentioned: Vec<(&str, OperationKind, &str, &str, Vec<&str>)> = s
        .operations
        .iter()
        .filter(|o| o.mentioned)
        .map(|o| {
            (
                o.name.as_str(),
                o.kind,
                o.binding_type.as_deref().unwrap_or_default(),
                o.source.as_str(),
                o.parameters.iter().map(|p| p.name.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        mentioned,
        [
            (
                "getAllParts",
                OperationKind::Function,
                "Collection(microsoft.graph.widget)",
                "concepts/widget-notifications.md:5",
                vec![]
            ),
            (
                "summary",
                OperationKind::Function,
                "microsoft.graph.widget",
                "concepts/widget-notifications.md:17",
                vec!["kind"]
            ),
        ]
    );
    // The documented action is not named twice.
    let polishes = s.operations.iter().filter(|o| o.name == "polish").count();
    assert_eq!(polishes, 1);
}

/// A resource page with a Relationships table after its properties.
fn resource_navigating(name: &str, rows: &str, relationships: &str) -> String {
    resource(name, rows).replace(
        "## JSON representation",
        &format!(
            "## Relationships\n\n|Relationship|Type|Description|\n|:---|:---|:---|\n{relationships}\n\
## JSON representation"
        ),
    )
}

/// The schema of `page` at `path` beside [`team_pages`].
fn with_team_pages(path: &str, page: &str) -> (Schema, Vec<Diagnostic>) {
    let pages = team_pages();
    let mut pages: Vec<(&str, &str)> = pages.iter().map(|(p, t)| (*p, t.as_str())).collect();
    pages.push((path, page));
    schema_and_diagnostics(&pages)
}

/// Teams with channels, channels with a files folder (a driveItem), and `GET /teams/{id}`
/// annotated as a team: where a path that starts at a team leads.
fn team_pages() -> Vec<(&'static str, String)> {
    let team = resource_navigating(
        "team",
        "|id|String|x|\n|displayName|String|x|\n",
        "|channels|[channel](channel.md) collection|x|\n",
    );
    let channel = resource_navigating(
        "channel",
        "|id|String|x|\n|email|String|x|\n",
        "|filesFolder|[driveItem](driveitem.md)|x|\n",
    );
    let item = resource(
        "driveItem",
        "|id|String|x|\n|name|String|x|\n|parentReference|String|x|\n",
    );
    let get_team = api(
        "Get team",
        &format!("{SYNTAX}GET /teams/{{id}}\n```"),
        "None.",
        "Returns `200 OK` and a [team](../resources/team.md) object.",
        &example(
            "response",
            "get_team",
            ", \"@odata.type\": \"microsoft.graph.team\"",
            "HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"id\": \"1\"}",
        ),
    );
    vec![
        ("resources/team.md", team),
        ("resources/channel.md", channel),
        ("resources/driveitem.md", item),
        ("api/team-get.md", get_team),
    ]
}

#[test]
fn a_response_annotation_naming_a_type_the_path_does_not_navigate_to_yields_to_the_navigation() {
    // The page's annotation names the team, where its path reaches a channel's files folder.
    let files_folder = api(
        "Get filesFolder",
        &format!("{SYNTAX}GET /teams/{{id}}/channels/{{id}}/filesFolder\n```"),
        "None.",
        "Returns `200 OK` and a driveItem.",
        &example(
            "response",
            "get_files_folder",
            ", \"@odata.type\": \"microsoft.graph.team\"",
            "HTTP/1.1 200 OK\nContent-Type: application/json\n\n\
{\"id\": \"2\", \"name\": \"General\", \"parentReference\": \"drive\"}",
        ),
    );
    let (s, diags) = with_team_pages("api/channel-get-filesfolder.md", &files_folder);
    assert_eq!(
        return_of(&s, "api/channel-get-filesfolder.md"),
        "microsoft.graph.driveItem"
    );
    let conflict = diags
        .iter()
        .find(|d| d.code == Code::Conflict && d.message.contains("channel.filesFolder"))
        .expect("the contradiction is reported, not decided silently");
    // The annotation's line, and the Relationships row that types the navigation.
    assert_eq!(
        (conflict.file.as_str(), conflict.line),
        ("api/channel-get-filesfolder.md", 26),
        "{}",
        conflict.message
    );
    assert!(
        conflict.message.contains("resources/channel.md:23"),
        "{}",
        conflict.message
    );
    // The example's test reads the folder, and its keys are the folder's, not the team's.
    let tested = s
        .examples
        .iter()
        .find(|e| e.source.starts_with("api/channel-get-filesfolder.md"))
        .expect("the response example is tested");
    assert_eq!(tested.ty, "microsoft.graph.driveItem");
    let team = s.type_named("microsoft.graph.team").expect("team");
    let names: Vec<&str> = team.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["id", "displayName", "channels"]);
}

#[test]
fn a_create_annotated_with_the_parent_type_creates_an_item_of_the_collection_it_posts_to() {
    let create = api(
        "Create channel",
        &format!("{SYNTAX}POST /teams/{{id}}/channels\n```"),
        "A channel.",
        "Returns `201 Created` and a channel.",
        &example(
            "response",
            "create_channel",
            ", \"@odata.type\": \"microsoft.graph.team\"",
            "HTTP/1.1 201 Created\nContent-Type: application/json\n\n{\"id\": \"3\", \"email\": \"a@b\"}",
        ),
    );
    let (s, diags) = with_team_pages("api/channel-post.md", &create);
    assert_eq!(
        return_of(&s, "api/channel-post.md"),
        "microsoft.graph.channel"
    );
    assert!(
        diags
            .iter()
            .any(|d| d.file == "api/channel-post.md" && d.message.contains("team.channels")),
        "the contradiction is reported"
    );
    // The team's own read, annotated as what its path addresses: no contradiction.
    assert!(
        !diags
            .iter()
            .any(|d| d.file == "api/team-get.md" && d.code == Code::Conflict),
        "{diags:?}"
    );
}

/// A read of one item whose syntax also writes paths without a key (a `$filter` query): where
/// the response after a request to such a path is a `{"value": [...]}` page, those paths (and
/// the keyless ones with the same name and query) are a request of their own answering a
/// collection; a keyless path whose own example is one object stays with the item.
#[test]
fn keyless_paths_whose_example_answers_a_page_are_a_list_request_of_their_own() {
    let widget = resource("widget", "|id|String|x|\n|name|String|x|\n");
    let response = |body: &str| {
        format!(
            "<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.widget\" }} -->\n\
```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{body}\n```\n"
        )
    };
    let page = |list_body: &str| {
        api(
            "Get widget",
            &format!(
                "{SYNTAX}GET /widgets/{{id}}\nGET /users/{{id}}/widgets/{{id}}\n```\nBy code:\n\
```http\nGET /widgets/?$filter=code%20eq%20'{{code}}'\n```\nBy name:\n```http\n\
GET /widgets?$filter=name%20eq%20'{{name}}'\nGET /users/{{id}}/widgets?$filter=name%20eq%20'{{name}}'\n```"
            ),
            "None.",
            "Returns `200 OK` and a [widget](../resources/widget.md) object.",
            &[
                example(
                    "request",
                    "by_id",
                    "",
                    "GET https://graph.microsoft.com/v1.0/widgets/w1",
                ),
                response("{\"id\": \"w1\"}"),
                example(
                    "request",
                    "by_code",
                    "",
                    "GET https://graph.microsoft.com/v1.0/widgets/?$filter=code%20eq%20'7'",
                ),
                response("{\"id\": \"w2\"}"),
                example(
                    "request",
                    "by_name",
                    "",
                    "GET https://graph.microsoft.com/v1.0/widgets?$filter=name%20eq%20'a'",
                ),
                response(list_body),
            ]
            .concat(),
        )
    };
    let (s, diags) = schema_and_diagnostics(&[
        ("resources/widget.md", &widget),
        (
            "api/widget-get.md",
            &page("{\"value\": [{\"id\": \"w3\"}]}"),
        ),
        ("api/widget-find.md", &page("{\"id\": \"w3\"}")),
    ]);
    let ops: Vec<&Operation> = s
        .operations
        .iter()
        .filter(|o| o.source.starts_with("api/widget-get.md:"))
        .collect();
    let [get, list] = ops[..] else {
        panic!("two requests: {ops:?}")
    };
    let (get, list) = if get.kind == OperationKind::Get {
        (get, list)
    } else {
        (list, get)
    };
    assert_eq!(
        get.paths,
        [
            "/widgets/{id}",
            "/users/{id}/widgets/{id}",
            "/widgets/?$filter=code%20eq%20'{code}'"
        ]
    );
    assert_eq!(
        get.return_type.as_ref().unwrap().to_string(),
        "microsoft.graph.widget"
    );
    assert_eq!(list.kind, OperationKind::List);
    assert_eq!(
        (list.rust.as_str(), list.source.as_str(), list.name.as_str()),
        ("WidgetGetList", "api/widget-get.md:23", "by_name")
    );
    assert_eq!(
        list.paths,
        [
            "/widgets?$filter=name%20eq%20'{name}'",
            "/users/{id}/widgets?$filter=name%20eq%20'{name}'"
        ]
    );
    assert_eq!(
        list.return_type.as_ref().unwrap().to_string(),
        "Collection(microsoft.graph.widget)"
    );
    // Each request example goes to the request whose path it calls, and the page example is
    // read as a page.
    let called: Vec<(&str, &str)> = s
        .request_examples
        .iter()
        .filter(|e| e.source.starts_with("api/widget-get.md:"))
        .map(|e| (e.name.as_str(), e.operation.as_str()))
        .collect();
    assert_eq!(
        called,
        [
            ("request_by_code", get.source.as_str()),
            ("request_by_id", get.source.as_str()),
            ("request_by_name", list.source.as_str())
        ]
    );
    let pages: Vec<&str> = s
        .examples
        .iter()
        .filter(|e| e.source.starts_with("api/widget-get.md:") && e.collection)
        .map(|e| e.source.as_str())
        .collect();
    assert_eq!(pages, ["api/widget-get.md:67"]);
    assert!(
        !diags
            .iter()
            .any(|d| d.file == "api/widget-get.md" && d.code == Code::Conflict),
        "{diags:?}"
    );
    // Without a page shown, the paths stay with the item.
    let find: Vec<&Operation> = s
        .operations
        .iter()
        .filter(|o| o.source.starts_with("api/widget-find.md:"))
        .collect();
    assert_eq!(find.len(), 1);
    assert_eq!(find[0].paths.len(), 5);
}

#[test]
fn a_post_sending_and_answering_one_type_to_a_segment_naming_it_creates_one() {
    let widget = resource(
        "widget",
        "|id|String|x|\n|name|String|x|\n|parts|String collection|x|\n",
    );
    // No page documents the collection: the path alone would read as an action `widgets`.
    let post = |path: &str, rows: &str, example_body: &str| {
        api(
            "Post widget",
            &format!("{SYNTAX}POST {path}\n```"),
            &format!(
                "Supply a JSON representation of a [widget](../resources/widget.md) object.\n\n\
|Property|Type|Description|\n|:--|:--|:--|\n{rows}"
            ),
            "Returns `201 Created` and a [widget](../resources/widget.md) object.",
            &example(
                "request",
                "post_widget",
                "",
                &format!(
                    "POST https://graph.microsoft.com/v1.0{path}\nContent-type: application/json\n\n\
{example_body}"
                ),
            ),
        )
    };
    // The table flattens a part's fields into its rows; the example sends a widget.
    let create = post(
        "/shelf/widgets",
        "|name|String|x|\n|partName|String|x|\n",
        "{\"name\": \"a\", \"parts\": [\"p\"]}",
    );
    let session = post(
        "/shelf/createSession",
        "|name|String|x|\n",
        "{\"name\": \"a\"}",
    );
    let (s, diags) = schema_and_diagnostics(&[
        ("resources/widget.md", &widget),
        ("api/shelf-post-widgets.md", &create),
        ("api/shelf-createsession.md", &session),
    ]);
    let op = op_of(&s, "api/shelf-post-widgets.md");
    assert_eq!(op.kind, OperationKind::Create);
    assert_eq!(op.name, "post_widget");
    assert_eq!(
        body_of(&s, "api/shelf-post-widgets.md"),
        "microsoft.graph.widget"
    );
    assert!(diags.iter().any(|d| {
        d.code == Code::Conflict
            && d.file == "api/shelf-post-widgets.md"
            && d.message.contains("`partName`")
            && d.message
                .contains("the body stays `microsoft.graph.widget`")
    }));
    // `createSession` names no widgets: an action, whose body is its parameters.
    let op = op_of(&s, "api/shelf-createsession.md");
    assert_eq!(op.kind, OperationKind::Action);
    assert_eq!(op.name, "createSession");
}

#[test]
fn a_path_parameter_missing_its_opening_brace_is_read_as_one_with_a_warning() {
    let page = api(
        "Get widget",
        &format!("{SYNTAX}GET /teamwork/widgets/widgetId}}\n```"),
        "Do not supply a request body.",
        "Returns `200 OK` and a [widget](../resources/widget.md) object.",
        "",
    );
    let widget = resource("widget", "|id|String|x|\n");
    let (s, diags) = schema_and_diagnostics(&[
        ("resources/widget.md", &widget),
        ("api/widget-get.md", &page),
    ]);
    let op = op_of(&s, "api/widget-get.md");
    assert_eq!(
        op.path_templates[0].template,
        "/teamwork/widgets/{widgetId}"
    );
    assert_eq!(op.path_templates[0].parameters(), ["widgetId"]);
    let warnings: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.code == Code::HttpMalformed)
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(
        (warnings[0].file.as_str(), warnings[0].line),
        ("api/widget-get.md", 14)
    );
    assert!(warnings[0].message.contains("`widgetId}`"));
}

#[test]
fn an_update_whose_examples_send_derived_types_says_so_in_the_schema() {
    // docs-input's outcome update sends a feedback and a points outcome to one
    // `educationOutcome` update; the seed's host security profile update sends the profile.
    let docs = support::workspace_root().join("docs-input");
    let pages: Vec<(String, String)> = support::markdown_files(&docs)
        .into_iter()
        .map(|(path, display)| (display, std::fs::read_to_string(path).unwrap()))
        .collect();
    let borrowed: Vec<(&str, &str)> = pages
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let (schema, _) = schema_and_diagnostics(&borrowed);
    let outcome = op_of(&schema, "api/educationoutcome-update.md");
    assert_eq!(
        (
            outcome.kind,
            outcome.body.as_ref().map(ToString::to_string),
            outcome.body_derived
        ),
        (
            OperationKind::Update,
            Some("microsoft.graph.educationOutcome".to_owned()),
            true
        )
    );
    let profile = op_of(&schema, "api/hostsecurityprofile-update.md");
    assert_eq!(
        (profile.kind, profile.body_derived),
        (OperationKind::Update, false)
    );
}

#[test]
fn a_ref_page_sending_an_entity_leaves_the_reference_body_alone_and_is_warned_about() {
    // The doc stubs' shape: a `$ref` path, but a table of the entity's properties and an
    // example sending the entity. The one reference body every `$ref` request sends must not
    // take them, whichever page comes first.
    let stub = api(
        "Create widget",
        &format!("{SYNTAX}POST /gadgets/{{id}}/widget/$ref\n```"),
        "Supply a JSON representation of the [widget](../resources/widget.md) object.\n\n\
|Property|Type|Description|\n|:--|:--|:--|\n|name|String|The name.|\n|size|Int32|The size.|\n",
        "Returns `204 No Content`.",
        &example(
            "request",
            "create_widget_from_gadget",
            "",
            "POST https://graph.microsoft.com/beta/gadgets/1/widget/$ref\nContent-Type: application/json\n\n\
{\"@odata.type\": \"#microsoft.graph.widget\", \"name\": \"a\", \"size\": 1}",
        ),
    );
    let clean = api(
        "Add owner",
        &format!("{SYNTAX}POST /widgets/{{id}}/owners/$ref\n```"),
        "Supply a reference.",
        "Returns `204 No Content`.",
        &example(
            "request",
            "add_owner",
            "",
            "POST https://graph.microsoft.com/beta/widgets/1/owners/$ref\nContent-Type: application/json\n\n\
{\"@odata.id\": \"https://graph.microsoft.com/beta/users/2\"}",
        ),
    );
    let widget = resource("widget", "|id|String|x|\n|name|String|x|\n|size|Int32|x|\n");
    let (s, diags) = schema_and_diagnostics(&[
        ("api/gadget-post-widget.md", &stub),
        ("api/widget-post-owners.md", &clean),
        ("resources/widget.md", &widget),
    ]);
    for page in ["api/gadget-post-widget.md", "api/widget-post-owners.md"] {
        assert_eq!(body_of(&s, page), "docgen.bodies.reference", "{page}");
    }
    let reference = s.type_named("docgen.bodies.reference").unwrap();
    let names: Vec<&str> = reference
        .properties
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["@odata.id"]);
    assert_eq!(reference.base, None);
    let syntax_line = op_of(&s, "api/gadget-post-widget.md").source.clone();
    let warned: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.code == Code::Conflict && d.message.contains("`$ref` path"))
        .collect();
    assert_eq!(warned.len(), 1, "{diags:#?}");
    let d = warned[0];
    assert_eq!(format!("{}:{}", d.file, d.line), syntax_line);
    // It names what the page shows instead, each where it is: the example and the table.
    assert!(
        d.message
            .contains("the request example at api/gadget-post-widget.md:")
            && d.message.contains("sends `name`, `size`")
            && d.message
                .contains("the request body table at api/gadget-post-widget.md:")
            && d.message.contains("lists `name`, `size`"),
        "{}",
        d.message
    );
}

#[test]
fn a_value_column_types_a_body_table_and_a_table_of_one_values_members_types_that_value() {
    let item_reference = resource("itemReference", "|driveId|String|x|\n|id|String|x|\n");
    let action = |title: &str, path: &str, table: &str, sent: &str| {
        api(
            title,
            &format!("{SYNTAX}POST {path}\n```"),
            &format!("In the request body, provide the following.\n\n{table}"),
            "Returns `200 OK`.",
            &example(
                "request",
                title,
                "",
                &format!(
                    "POST https://graph.microsoft.com/v1.0{path}\nContent-Type: application/json\n\n{sent}"
                ),
            ),
        )
    };
    // The OneDrive pages head the type column `Value`.
    let copy = action(
        "copy",
        "/drive/items/1/copy",
        "| Name | Value | Description |\n|:--|:--|:--|\n\
| parentReference | [ItemReference](../resources/itemreference.md) | Where. |\n| name | string | The new name. |\n",
        r#"{"parentReference": {"driveId": "d", "id": "i"}, "name": "x"}"#,
    );
    // The table lists the members of the one object the example sends, which names a type.
    let add = action(
        "addReference",
        "/drive/items/1/addReference",
        "| Property | Type | Description |\n|:--|:--|:--|\n| driveId | String | x |\n| id | String | x |\n",
        r#"{"itemReference": {"driveId": "d"}}"#,
    );
    // ... of the items of the one array it sends, which names no type: the example makes the body.
    let follow = action(
        "follow",
        "/drive/items/1/follow",
        "| Name | Value | Description |\n|:--|:--|:--|\n| id | string | The item's id. |\n",
        r#"{"value": [{"id": "a"}, {"id": "b"}]}"#,
    );
    let (s, diags) = schema_and_diagnostics(&[
        ("resources/itemreference.md", &item_reference),
        ("api/driveitem-copy.md", &copy),
        ("api/driveitem-addreference.md", &add),
        ("api/driveitem-follow.md", &follow),
    ]);
    let params = |page: &str| -> Vec<(String, String)> {
        op_of(&s, page)
            .parameters
            .iter()
            .map(|p| (p.name.clone(), p.ty.to_string()))
            .collect()
    };
    let pair = |n: &str, t: &str| (n.to_owned(), t.to_owned());
    assert_eq!(
        params("api/driveitem-copy.md"),
        [
            pair("parentReference", "microsoft.graph.itemReference"),
            pair("name", "Edm.String")
        ]
    );
    assert_eq!(
        params("api/driveitem-addreference.md"),
        [pair("itemReference", "microsoft.graph.itemReference")]
    );
    assert!(params("api/driveitem-follow.md").is_empty());
    let members = |page: &str| -> Vec<String> {
        let body = body_of(&s, page);
        let ty = s.type_named(&body).expect("the body type is defined");
        ty.properties.iter().map(|p| p.name.clone()).collect()
    };
    assert_eq!(members("api/driveitem-addreference.md"), ["itemReference"]);
    assert_eq!(members("api/driveitem-follow.md"), ["value"]);
    let notes: Vec<String> = diags
        .iter()
        .filter(|d| d.code == Code::Conflict && d.message.contains("lists the members of"))
        .map(|d| format!("{}:{} {}", d.file, d.line, d.message))
        .collect();
    // At the first row, naming the example's line: the table's two rows, the example after.
    assert_eq!(
        notes,
        [
            "api/driveitem-addreference.md:22 the request-body table lists the members of \
             `itemReference`, the one value the request example at line 37 sends: the body \
             sends `itemReference` as microsoft.graph.itemReference",
            "api/driveitem-follow.md:22 the request-body table lists the members of `value`, \
             the one value the request example at line 36 sends: the body is read from the \
             example"
        ]
    );
}

#[test]
fn a_string_function_parameter_is_quoted_where_the_syntax_leaves_it_bare() {
    let page = api(
        "user: reminderView",
        &format!(
            "{SYNTAX}GET /me/reminderView(startDateTime={{startDateTime}},endDateTime={{endDateTime}},top={{top}})\n```\n\n\
## Function parameters\n\n| Parameter | Type | Description |\n|:--|:--|:--|\n\
| startDateTime | String | The start. |\n| endDateTime | String | The end. |\n| top | Int32 | How many. |\n"
        ),
        "Do not supply a request body for this method.",
        "Returns `200 OK`.",
        &example(
            "request",
            "user_reminderview",
            "",
            "GET https://graph.microsoft.com/v1.0/me/reminderView(startDateTime='2017-06-05T10:00:00',endDateTime='it''s',top=5)",
        ),
    );
    let (s, _) = schema_and_diagnostics(&[("api/user-reminderview.md", &page)]);
    let op = op_of(&s, "api/user-reminderview.md");
    assert_eq!(
        op.path_templates[0].template,
        "/me/reminderView(startDateTime='{startDateTime}',endDateTime='{endDateTime}',top={top})"
    );
    // The example's values, as a caller passes them: the strings without their quotes.
    let args = &s.request_examples[0]
        .call
        .as_ref()
        .expect("the example fits")
        .args;
    assert_eq!(args, &["2017-06-05T10:00:00", "it's", "5"]);
}

/// `api(..)` in the `microsoft.graph.security` namespace.
fn security_api(title: &str, http_request: &str, response: &str, examples: &str) -> String {
    api(title, http_request, "None.", response, examples).replace(
        "Namespace: microsoft.graph\n",
        "Namespace: microsoft.graph.security\n",
    )
}

#[test]
fn a_call_by_its_namespace_qualified_name_is_the_action_or_function_the_page_names() {
    let case = resource("ediscoveryCase", "|id|String|x|\n")
        .replace(
            "Namespace: microsoft.graph\n",
            "Namespace: microsoft.graph.security\n",
        )
        .replace("graph.ediscoveryCase", "graph.security.ediscoveryCase");
    let close = security_api(
        "ediscoveryCase: close",
        &format!(
            "{SYNTAX}POST /security/cases/ediscoveryCases/{{ediscoveryCaseId}}/microsoft.graph.security.close\n```"
        ),
        "Returns `204 No Content`.",
        "",
    );
    let summary = security_api(
        "Get a summary",
        &format!(
            "{SYNTAX}GET /security/cases/ediscoveryCases/{{ediscoveryCaseId}}/microsoft.graph.security.summary(from={{from}})\n```\n\n\
             ## Function parameters\n|Parameter|Type|Description|\n|:--|:--|:--|\n|from|DateTimeOffset|Since when.|\n"
        ),
        "Returns `200 OK` and a String.",
        "",
    );
    // The syntax writes the bare name, the example the qualified one the service requires.
    let reopen = security_api(
        "ediscoveryCase: reopen",
        &format!("{SYNTAX}POST /security/cases/ediscoveryCases/{{ediscoveryCaseId}}/reopen\n```"),
        "Returns `204 No Content`.",
        &example(
            "request",
            "reopen_case",
            "",
            "POST https://graph.microsoft.com/v1.0/security/cases/ediscoveryCases/7/microsoft.graph.security.reopen",
        ),
    );
    let (s, diags) = schema_and_diagnostics(&[
        ("resources/security-ediscoverycase.md", &case),
        ("api/security-ediscoverycase-close.md", &close),
        ("api/security-ediscoverycase-summary.md", &summary),
        ("api/security-ediscoverycase-reopen.md", &reopen),
    ]);
    let close = op_of(&s, "api/security-ediscoverycase-close.md");
    assert_eq!(
        (close.kind, close.name.as_str()),
        (OperationKind::Action, "close"),
        "named by the title"
    );
    assert_eq!(
        close.binding_type.as_deref(),
        Some("microsoft.graph.security.ediscoveryCase")
    );
    assert_eq!(
        close.paths,
        ["/security/cases/ediscoveryCases/{ediscoveryCaseId}/microsoft.graph.security.close"]
    );
    let summary = op_of(&s, "api/security-ediscoverycase-summary.md");
    assert_eq!(
        (summary.kind, summary.name.as_str()),
        (OperationKind::Function, "summary"),
        "named by the file"
    );
    let parameters: Vec<String> = summary
        .parameters
        .iter()
        .map(|p| format!("{}: {}", p.name, p.ty))
        .collect();
    assert_eq!(parameters, ["from: Edm.DateTimeOffset"]);
    let reopen = op_of(&s, "api/security-ediscoverycase-reopen.md");
    assert_eq!(
        (reopen.kind, reopen.name.as_str()),
        (OperationKind::Action, "reopen")
    );
    assert_eq!(
        reopen.paths,
        [
            "/security/cases/ediscoveryCases/{ediscoveryCaseId}/reopen",
            "/security/cases/ediscoveryCases/{ediscoveryCaseId}/microsoft.graph.security.reopen"
        ],
        "the example's qualified call is a path too"
    );
    assert!(
        diags.iter().any(|d| d.code == Code::Conflict
            && d.file == "api/security-ediscoverycase-reopen.md"
            && d.message.contains("a path no syntax block lists")),
        "{diags:?}"
    );
}

#[test]
fn a_collection_addressed_by_an_alternate_key_is_one_item_and_a_call_the_page_names_stays_a_call() {
    let application = resource(
        "application",
        "|id|String|x|\n|appId|String|x|\n|uniqueName|String|x|\n|startDateTime|DateTimeOffset|x|\n",
    );
    let get = api(
        "Get application",
        &format!("{SYNTAX}GET /applications(appId='{{appId}}')\nGET /applications/{{id}}\n```"),
        "None.",
        "Returns `200 OK` and an [application](../resources/application.md) object.",
        "",
    );
    let upsert = api(
        "Upsert application",
        &format!("{SYNTAX}PATCH /applications(uniqueName='{{uniqueName}}')\n```"),
        "In the request body, supply a JSON representation of an [application](../resources/application.md) object.",
        "Returns `201 Created` and an [application](../resources/application.md) object.",
        "",
    );
    // A function whose parameter is also a property's name, named by the page.
    let view = api(
        "application: reminderView",
        &format!("{SYNTAX}GET /applications/{{id}}/reminderView(startDateTime='{{start}}')\n```"),
        "None.",
        "Returns `200 OK` and a String.",
        "",
    );
    let (s, _) = schema_and_diagnostics(&[
        ("resources/application.md", &application),
        ("api/application-get.md", &get),
        ("api/application-upsert.md", &upsert),
        ("api/application-reminderview.md", &view),
    ]);
    let get = op_of(&s, "api/application-get.md");
    assert_eq!(get.kind, OperationKind::Get);
    assert_eq!(
        return_of(&s, "api/application-get.md"),
        "microsoft.graph.application"
    );
    let upsert = op_of(&s, "api/application-upsert.md");
    assert_eq!(upsert.kind, OperationKind::Update);
    assert_eq!(
        body_of(&s, "api/application-upsert.md"),
        "microsoft.graph.application"
    );
    let view = op_of(&s, "api/application-reminderview.md");
    assert_eq!(
        (view.kind, view.name.as_str()),
        (OperationKind::Function, "reminderView")
    );
}

#[test]
fn a_segment_no_page_read_documents_is_a_list_get_or_create_where_the_page_names_its_items() {
    // A partial checkout: neither `deviceManagement` nor `deviceCategory` has its page here.
    // The links name prefixed pages (`intune-onboarding-devicecategory.md`).
    let link = "[deviceCategory](../resources/intune-onboarding-devicecategory.md)";
    let list = api(
        "List deviceCategories",
        &format!("{SYNTAX}GET /deviceManagement/deviceCategories\n```"),
        "Do not supply a request body for this method.",
        &format!("Returns `200 OK` and a collection of {link} objects."),
        "",
    );
    let get = api(
        "Get deviceCategorySettings",
        &format!("{SYNTAX}GET /deviceManagement/deviceCategory\n```"),
        "None.",
        &format!("Returns `200 OK` and a {link} object."),
        "",
    );
    let create = api(
        "Create deviceCategory",
        &format!("{SYNTAX}POST /deviceManagement/deviceCategories\n```"),
        "In the request body, supply a JSON representation for the deviceCategory object.",
        &format!("Returns a `201 Created` response code and a {link} object."),
        "",
    );
    // Named by the page as its call, or answering what the segment does not name: calls.
    let all = api(
        "deviceManagement: allCategories",
        &format!("{SYNTAX}GET /deviceManagement/allCategories\n```"),
        "None.",
        &format!("Returns `200 OK` and a collection of {link} objects."),
        "",
    );
    let kinds = api(
        "List kinds",
        &format!("{SYNTAX}GET /deviceManagement/availableKinds\n```"),
        "None.",
        "Returns `200 OK` and a String collection.",
        "",
    );
    let (s, _) = schema_and_diagnostics(&[
        ("api/intune-devicecategory-list.md", &list),
        ("api/intune-devicecategory-get.md", &get),
        ("api/intune-devicecategory-create.md", &create),
        ("api/devicemanagement-allcategories.md", &all),
        ("api/devicemanagement-availablekinds.md", &kinds),
    ]);
    let kind = |page: &str| op_of(&s, page).kind;
    assert_eq!(
        kind("api/intune-devicecategory-list.md"),
        OperationKind::List
    );
    assert_eq!(
        return_of(&s, "api/intune-devicecategory-list.md"),
        "Collection(microsoft.graph.deviceCategory)",
        "the link names its page after the prefix"
    );
    assert_eq!(kind("api/intune-devicecategory-get.md"), OperationKind::Get);
    assert_eq!(
        kind("api/intune-devicecategory-create.md"),
        OperationKind::Create
    );
    assert_eq!(
        kind("api/devicemanagement-allcategories.md"),
        OperationKind::Function
    );
    assert_eq!(
        kind("api/devicemanagement-availablekinds.md"),
        OperationKind::Function
    );
}
