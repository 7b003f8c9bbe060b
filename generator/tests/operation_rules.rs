//! The operation rules of "requests that work", each on a small page written for it: every path
//! of the "HTTP request" section, a typed body from any evidence on the page, collections from
//! any evidence, casts, and the `Prefer: return=representation` header. (A file of its own
//! beside `schema_rules.rs`, which holds the type rules.)

use docgen::diag::{Code, Diagnostic};
use docgen::facts::page_facts;
use docgen::read::read_text;
use docgen::schema::{self, Operation, Schema};

fn schema_and_diagnostics(pages: &[(&str, &str)]) -> (Schema, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let facts: Vec<_> = pages
        .iter()
        .map(|(path, text)| page_facts(&read_text(path, text, &mut diags)))
        .collect();
    schema::build(&facts)
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

#[test]
fn every_block_of_the_http_request_section_is_a_path_and_another_method_is_reported() {
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
    let put = diags
        .iter()
        .find(|d| d.code == Code::Skipped && d.message.contains("PUT"))
        .expect("the PUT path is reported, not dropped silently");
    assert_eq!(
        (put.file.as_str(), put.line),
        ("api/calendar-update.md", 26)
    );
}
