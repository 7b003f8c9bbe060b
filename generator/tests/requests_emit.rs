//! What docgen emits for operations beyond the seed: a constructor per alternative path, typed
//! query options and headers, bytes for streams, `()` for `204`, and a `skipped` diagnostic with
//! `file:line` for an operation whose paths cannot be built; bodies from any evidence, pages for
//! `{"value": [...]}` responses and `Prefer: return=representation`, in code that compiles; and no
//! request for an operation only another page's path names.

mod support;

use std::path::Path;

fn api_page(title: &str, syntax: &str, extra: &str, response: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndoc_type: apiPageType\n---\n# {title}\n\nNamespace: microsoft.graph\n\n\
Does something.\n\n## HTTP request\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\n{syntax}\n```\n\n{extra}\n\
## Response\n\n{response}\n"
    )
}

fn generate(pages: &[(&str, String)]) -> docgen::Generated {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("requests-{}", pages[0].0.replace('/', "-")));
    let _ = std::fs::remove_dir_all(&dir);
    for (path, text) in pages {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    docgen::Builder::new()
        .input(&dir)
        .example_tests(true)
        .run()
        .unwrap()
}

#[test]
fn alternative_paths_get_a_constructor_each_and_listed_options_get_fields() {
    let page = api_page(
        "Get message",
        "GET /me/messages/{id}\nGET /users/{id | userPrincipalName}/messages/{id}\nGET /me/mailFolders/{id}/messages/{id}",
        "## Optional query parameters\n\nThis method supports `$select` and `$expand`.\n\n\
## Request headers\n\n|Name|Description|\n|:--|:--|\n|Authorization|Bearer {token}.|\n|Prefer|outlook.body-content-type.|\n|ConsistencyLevel|eventual.|\n",
        "Returns `200 OK` and a message object.",
    );
    let generated = generate(&[("api/message-get.md", page)]);
    let code = support::generated_file(&generated, "requests/message_get.rs");
    for expected in [
        "pub fn new(id: &str) -> Self",
        "pub fn at_users(id_or_user_principal_name: &str, id: &str) -> Self",
        "pub fn at_me_mail_folders(",
        "\"/users/{}/messages/{}\",",
        "pub fn select(self, items: impl IntoIterator<Item = impl Into<String>>) -> Self",
        "super::support::GraphRequest::with_list(self, \"$select\", items)",
        "pub fn expand(self, items: impl IntoIterator<Item = impl Into<String>>) -> Self",
        "pub fn prefer(self, value: impl Into<String>) -> Self",
        "super::support::GraphRequest::with_header(self, \"ConsistencyLevel\", value)",
        // What every request shares comes from the runtime, not from this file.
        "parts: super::support::RequestParts,",
        "const METHOD: super::support::http::Method = super::support::http::Method::GET;",
    ] {
        assert!(code.contains(expected), "missing {expected:?} in\n{code}");
    }
    // Authorization is the client's business, not a field.
    assert!(!code.contains("fn authorization"), "{code}");
    assert!(!code.contains("fn to_request"), "{code}");
    assert!(
        generated
            .diagnostics
            .iter()
            .all(|d| d.code != docgen::diag::Code::Skipped)
    );
}

#[test]
fn streams_give_bytes_and_no_content_gives_unit() {
    let photo = api_page(
        "Get photo",
        "GET /me/photo/$value",
        "",
        "Returns `200 OK` and the binary data of the photo.",
    );
    let upload = api_page(
        "Upload content",
        "PUT /me/drive/items/{item-id}/content\nPUT /me/drive/root:/{item-path}:/content",
        "",
        "Returns `201 Created`.",
    );
    let delete = api_page(
        "Delete photo",
        "DELETE /me/photo",
        "",
        "Returns `204 No Content`.",
    );
    let generated = generate(&[
        ("api/photo-get.md", photo),
        ("api/upload-content.md", upload),
        ("api/photo-delete.md", delete),
    ]);
    let photo = support::generated_file(&generated, "requests/photo_get.rs");
    assert!(
        photo.contains("type Response = ::std::vec::Vec<u8>;"),
        "{photo}"
    );
    assert!(
        photo.contains("type Read = super::support::ReadBytes;"),
        "{photo}"
    );
    assert!(
        photo.contains("let path = \"/me/photo/$value\";"),
        "{photo}"
    );
    let upload = support::generated_file(&generated, "requests/upload_content.rs");
    assert!(
        upload.contains("pub body: ::std::vec::Vec<u8>,"),
        "{upload}"
    );
    assert!(
        upload.contains("super::support::Body::bytes(&self.body)"),
        "{upload}"
    );
    assert!(
        upload.contains("super::support::encode_item_path(item_path)"),
        "{upload}"
    );
    assert!(
        upload.contains("const SUCCESS_STATUS: u16 = 201;"),
        "{upload}"
    );
    let delete = support::generated_file(&generated, "requests/photo_delete.rs");
    assert!(delete.contains("type Response = ();"), "{delete}");
    assert!(
        delete.contains("const SUCCESS_STATUS: u16 = 204;"),
        "{delete}"
    );
    assert!(
        delete.contains("impl ::std::default::Default for PhotoDelete"),
        "{delete}"
    );
}

#[test]
fn a_success_the_page_says_has_no_body_reads_nothing() {
    let response = |annotation: &str, http: &str| {
        format!(
            "## Example\n<!-- {{ \"blockType\": \"response\"{annotation} }} -->\n```http\n{http}\n```\n"
        )
    };
    // Said in the Response section.
    let send = api_page(
        "Send mail",
        "POST /me/sendMail",
        "",
        "If successful, this method returns `202 Accepted` response code. It does not return anything in the response body.",
    );
    // Said by the response annotation's type `None`.
    let answer = api_page(
        "Answer call",
        "POST /communications/calls/{id}/answer",
        "",
        &format!(
            "This method returns a `202 Accepted` response code.\n\n{}",
            response(
                ", \"@odata.type\": \"microsoft.graph.None\"",
                "HTTP/1.1 202 Accepted"
            )
        ),
    );
    // Said of an error only; and contradicted by the page's own example: read as any JSON.
    let error_only = api_page(
        "Keep alive",
        "POST /communications/calls/{id}/keepAlive",
        "",
        "Returns `200 OK`. If the call ended, it returns `404 Not Found` and no response body.",
    );
    let contradicted = api_page(
        "Get quota",
        "POST /me/getQuota",
        "",
        &format!(
            "Returns `200 OK`. It does not return anything in the response body.\n\n{}",
            response(
                "",
                "HTTP/1.1 200 OK\nContent-type: application/json\n\n{\"used\": 1}"
            )
        ),
    );
    // Shown by every response example: a status line alone (a `Location` header beside it),
    // where nothing types the response.
    let shown = api_page(
        "Transfer call",
        "POST /communications/calls/{id}/transfer",
        "",
        &format!(
            "This method returns a `202 Accepted` response code.\n\n{}",
            response(
                ", \"truncated\": true",
                "HTTP/1.1 202 Accepted\nLocation: https://graph.microsoft.com/v1.0/operations/1"
            )
        ),
    );
    // An example cut short keeps its `Content-Type`: a body was left out, not absent.
    let cut_short = api_page(
        "Copy notebook",
        "POST /me/onenote/notebooks/{id}/copyNotebook",
        "",
        &format!(
            "This method returns a `202 Accepted` response code.\n\n{}",
            response(
                ", \"truncated\": true",
                "HTTP/1.1 202 Accepted\nContent-type: application/json"
            )
        ),
    );
    let generated = generate(&[
        ("api/user-sendmail.md", send),
        ("api/call-answer.md", answer),
        ("api/call-keepalive.md", error_only),
        ("api/user-getquota.md", contradicted),
        ("api/call-transfer.md", shown),
        ("api/notebook-copynotebook.md", cut_short),
    ]);
    for (path, status) in [
        ("requests/user_send_mail.rs", 202),
        ("requests/call_answer.rs", 202),
        ("requests/call_transfer.rs", 202),
    ] {
        let code = support::generated_file(&generated, path);
        assert!(code.contains("type Response = ();"), "{code}");
        assert!(
            code.contains("type Read = super::support::ReadEmpty;"),
            "{code}"
        );
        assert!(
            code.contains(&format!("const SUCCESS_STATUS: u16 = {status};")),
            "{code}"
        );
    }
    for path in [
        "requests/call_keep_alive.rs",
        "requests/user_get_quota.rs",
        "requests/notebook_copy_notebook.rs",
    ] {
        let code = support::generated_file(&generated, path);
        assert!(
            code.contains("type Response = super::support::serde_json::Value;"),
            "{code}"
        );
    }
    let no_content: Vec<&str> = generated
        .schema
        .operations
        .iter()
        .filter(|o| o.no_content)
        .map(|o| o.source.as_str())
        .collect();
    assert_eq!(
        no_content,
        [
            "api/call-answer.md:14",
            "api/user-sendmail.md:14",
            "api/call-transfer.md:14"
        ]
    );
    let notes: Vec<String> = generated
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("says a success carries no body"))
        .map(|d| format!("{}:{}", d.file, d.line))
        .collect();
    assert_eq!(notes, ["api/user-getquota.md:25"]);
}

#[test]
fn one_primitive_is_read_in_its_value_wrapper() {
    let page = |title: &str, path: &str, edm: &str| {
        api_page(
            title,
            &format!("GET {path}"),
            "",
            &format!(
                "If successful, this function returns a `200 OK` response code and a {edm} in the response body."
            ),
        )
    };
    let generated = generate(&[
        (
            "api/synchronization-ping.md",
            page("ping", "/synchronization/ping", "String"),
        ),
        (
            "api/device-isready.md",
            page("isReady", "/device/isReady", "Boolean"),
        ),
        ("api/device-size.md", page("size", "/device/size", "Int64")),
        // Shown by the response example alone (`{"value": true}`), nothing else typing it.
        (
            "api/policy-removegroup.md",
            api_page(
                "removeGroup",
                "POST /policies/{id}/removeGroup",
                "",
                "If the group was removed, a `true` value is returned.\n\n## Example\n\
<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n\
{\"@odata.context\": \"https://graph.microsoft.com/v1.0/$metadata#Edm.Boolean\", \"value\": true}\n```\n",
            ),
        ),
    ]);
    for (path, response) in [
        (
            "requests/synchronization_ping.rs",
            "super::support::Single<::std::string::String>",
        ),
        (
            "requests/device_is_ready.rs",
            "super::support::Single<bool>",
        ),
        // Int64 may come as a string: read by an adapter, which a bare value has not.
        (
            "requests/device_size.rs",
            "super::support::serde_json::Value",
        ),
        (
            "requests/policy_remove_group.rs",
            "super::support::Single<bool>",
        ),
    ] {
        let code = support::generated_file(&generated, path);
        assert!(
            code.contains(&format!("type Response = {response};")),
            "{code}"
        );
    }
}

#[test]
fn an_operation_without_a_buildable_path_is_skipped_with_its_file_and_line() {
    // A `}` without its `{` is repaired (`operation_rules.rs`); a `"` in a path is not.
    let broken = api_page(
        "Get thing",
        "GET /things/thing\"Id",
        "",
        "Returns `200 OK`.",
    );
    let generated = generate(&[("api/thing-get.md", broken)]);
    assert!(
        !generated
            .files
            .iter()
            .any(|f| f.path.starts_with("requests/"))
    );
    let skipped: Vec<_> = generated
        .diagnostics
        .iter()
        .filter(|d| d.code == docgen::diag::Code::Skipped)
        .collect();
    assert_eq!(skipped.len(), 1, "{skipped:#?}");
    // The line of the request in the syntax block.
    assert_eq!(
        (skipped[0].file.as_str(), skipped[0].line),
        ("api/thing-get.md", 14)
    );
    assert!(
        skipped[0]
            .message
            .contains("`thing\"Id` is neither a name nor a `{parameter}`"),
        "{}",
        skipped[0].message
    );
}

#[test]
fn an_operation_only_another_page_names_is_in_the_schema_and_gets_no_request() {
    let polish = api_page(
        "widget: polish",
        "POST /widgets/{id}/polish",
        "",
        "Returns `204 No Content`.",
    );
    let overview = "---\ntitle: \"Widget notifications\"\n---\n\n\
Subscribe to `/widgets/getAllParts` for every part of every widget.\n"
        .to_owned();
    let widget = "---\ntitle: \"widget resource type\"\ndoc_type: resourcePageType\n---\n\n\
# widget resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n\
|Property|Type|Description|\n|:---|:---|:---|\n|id|String|The id.|\n"
        .to_owned();
    let generated = generate(&[
        ("api/widget-polish.md", polish),
        ("concepts/widget-notifications.md", overview),
        ("resources/widget.md", widget),
    ]);
    let mentioned: Vec<&str> = generated
        .schema
        .operations
        .iter()
        .filter(|o| o.mentioned)
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(mentioned, ["getAllParts"]);
    let requests: Vec<&str> = generated
        .files
        .iter()
        .filter(|f| f.path.starts_with("requests/"))
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(
        requests.len(),
        1,
        "only the polish page's request: {requests:?}"
    );
    assert!(
        generated
            .files
            .iter()
            .all(|f| !f.contents.to_lowercase().contains("getallparts")),
        "no emitted file names the mentioned operation"
    );
    // Left out by design, not skipped as a request that failed.
    let skipped: Vec<_> = generated
        .diagnostics
        .iter()
        .filter(|d| d.code == docgen::diag::Code::Skipped)
        .collect();
    assert!(skipped.is_empty(), "{skipped:#?}");
}

#[test]
fn bodies_pages_casts_and_the_representation_preference_reach_the_request_code_that_compiles() {
    let task = "---\ntitle: \"plannerTask resource type\"\ndoc_type: resourcePageType\n---\n\
# plannerTask resource type\n\nNamespace: microsoft.graph\n\nA task.\n\n## Properties\n\n\
|Property|Type|Description|\n|:---|:---|:---|\n|id|String|Read-only.|\n|title|String|The title.|\n\n\
## JSON representation\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.plannerTask\", \"keyProperty\": \"id\" } -->\n\
```json\n{\"id\": \"String\", \"title\": \"String\"}\n```\n";
    let update = api_page(
        "Update plannertask",
        "PATCH /planner/tasks/{id}",
        "## Request headers\n\n|Name|Description|\n|:--|:--|\n|Prefer|return=representation. Optional.|\n\n\
## Request body\n\n|Property|Type|Description|\n|:--|:--|:--|\n|title|String|The title.|\n",
        "If successful, this method returns `204 No Content`. With `Prefer: return=representation` it returns \
`200 OK` and the updated [plannerTask](../resources/plannertask.md) object.",
    );
    let create = api_page(
        "Create note",
        "POST /planner/tasks/{id}/notes",
        "## Request body\n\nSupply the note.\n\n## Example\n\n<!-- { \"blockType\": \"request\", \"name\": \"create_note\" } -->\n\
```http\nPOST https://graph.microsoft.com/v1.0/planner/tasks/1/notes\nContent-Type: application/json\n\n\
{\"text\": \"hello\", \"pinned\": true}\n```\n",
        "Returns `201 Created`.",
    );
    let add_ref = api_page(
        "Add assignee",
        "POST /planner/tasks/{id}/assignees/$ref",
        "",
        "Returns `204 No Content`.",
    );
    let lookup = api_page(
        "plannerTask: lookup",
        "POST /planner/tasks/lookup",
        "## Example\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.plannerTask\" } -->\n\
```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"value\": [{\"id\": \"1\"}]}\n```\n",
        "Returns `200 OK` and [plannerTask](../resources/plannertask.md) objects.",
    );
    let resource = |name: &str, base: &str| {
        task.replace("plannerTask", name).replace(
            "\"keyProperty\": \"id\"",
            &format!("\"keyProperty\": \"id\"{base}"),
        )
    };
    let deleted = api_page(
        "List deleted items",
        "GET /directory/deletedItems/microsoft.graph.group\nGET /directory/deletedItems/microsoft.graph.user",
        "",
        "Returns `200 OK` and a collection of [directoryObject](../resources/directoryobject.md) objects.",
    );
    let generated = generate(&[
        ("api/directory-deleteditems-list.md", deleted),
        (
            "resources/directoryobject.md",
            resource("directoryObject", ""),
        ),
        (
            "resources/group.md",
            resource(
                "group",
                ", \"baseType\": \"microsoft.graph.directoryObject\"",
            ),
        ),
        (
            "resources/user.md",
            resource(
                "user",
                ", \"baseType\": \"microsoft.graph.directoryObject\"",
            ),
        ),
        ("api/plannertask-update.md", update),
        ("api/plannertask-post-notes.md", create),
        ("api/plannertask-post-assignees.md", add_ref),
        ("api/plannertask-lookup.md", lookup),
        ("resources/plannertask.md", task.to_owned()),
    ]);
    let update = support::generated_file(&generated, "requests/planner_task_update.rs");
    for expected in [
        "pub body: super::models::PlannerTaskPatch,",
        "type Response = ();",
        "pub fn return_representation(\n        self,\n    ) -> super::support::ReturnRepresentation<Self, super::models::PlannerTask>",
    ] {
        assert!(
            update.contains(expected),
            "missing {expected:?} in\n{update}"
        );
    }
    let create = support::generated_file(&generated, "requests/planner_task_post_notes.rs");
    assert!(
        create.contains("pub body: super::models::PlannerTaskPostNotesBody,"),
        "{create}"
    );
    let add_ref = support::generated_file(&generated, "requests/planner_task_post_assignees.rs");
    assert!(
        add_ref.contains("pub body: super::models::Reference,"),
        "{add_ref}"
    );
    let lookup = support::generated_file(&generated, "requests/planner_task_lookup.rs");
    assert!(
        lookup.contains("type Response = super::support::Page<super::models::PlannerTask>;"),
        "{lookup}"
    );
    let deleted = support::generated_file(&generated, "requests/directory_deleted_items_list.rs");
    for expected in [
        "type Response = super::support::Page<super::models::AnyDirectoryObject>;",
        "pub fn as_group(\n        self,\n    ) -> super::support::Retyped<Self, super::support::Page<super::models::Group>>",
        "pub fn as_user(",
    ] {
        assert!(
            deleted.contains(expected),
            "missing {expected:?} in\n{deleted}"
        );
    }
    if let Err(clippy) = support::clippy_generated_crate("requests", &generated.files) {
        panic!("the request code does not pass clippy:\n{clippy}");
    }
}

#[test]
fn a_get_the_page_answers_with_a_redirect_reads_the_bytes_it_leads_to() {
    let report = "---\ntitle: \"report resource type\"\ndoc_type: resourcePageType\n---\n\
# report resource type\n\nNamespace: microsoft.graph\n\nA report.\n\n## Properties\n\n\
|Property|Type|Description|\n|:--|:--|:--|\n|content|Stream|The report.|\n";
    let counts = |status: &str| {
        api_page(
            "reportRoot: getCounts",
            "GET /reports/getCounts(period='{period_value}')",
            "",
            &format!(
                "If successful, this method returns a `{status}` response that redirects to a \
preauthenticated download URL for the report.\n\n## Example\n\n\
<!-- {{ \"blockType\": \"request\", \"name\": \"reportroot_getcounts\" }} -->\n```http\n\
GET https://graph.microsoft.com/v1.0/reports/getCounts(period='D7')\n```\n\n\
<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.report\" }} -->\n```http\n\
HTTP/1.1 {status}\nLocation: https://reports.office.com/data/download/x\n```\n"
            ),
        )
    };
    let request = |status: &str| {
        let generated = generate(&[
            ("api/reportroot-getcounts.md", counts(status)),
            ("resources/report.md", report.to_owned()),
        ]);
        let file = generated
            .files
            .iter()
            .find(|f| f.path.starts_with("requests/") && f.contents.contains("getCounts"))
            .expect("the request is emitted");
        file.contents.clone()
    };
    // The client follows `302 Found` to the CSV: no JSON of the annotated `report` comes back.
    let redirect = request("302 Found");
    assert!(
        redirect.contains("type Response = ::std::vec::Vec<u8>;")
            && redirect.contains("type Read = super::support::ReadBytes;"),
        "{redirect}"
    );
    assert!(
        redirect.contains("/// The page answers `302`, a redirect"),
        "{redirect}"
    );
    assert!(!redirect.contains("SUCCESS_STATUS"), "{redirect}");
    // The same page answering `200 OK` reads the report it names.
    let ok = request("200 OK");
    assert!(
        ok.contains("type Response = super::models::Report;"),
        "{ok}"
    );
    assert!(!ok.contains("a redirect"), "{ok}");
}
