//! The seed page, read end to end: what the foundation issue promises about it.

use std::path::Path;

use docgen::read::{self, HttpMessage, JsonMode, Page};

fn seed() -> Page {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../docs-input/api/hostsecurityprofile-update.md");
    let (page, diags) = read::read_file(&path, "api/hostsecurityprofile-update.md");
    assert!(diags.is_empty(), "the seed reads cleanly: {diags:#?}");
    page.expect("the seed page exists")
}

#[test]
fn seed_title_comes_from_front_matter() {
    assert_eq!(seed().title.as_deref(), Some("Update hostSecurityProfile"));
}

#[test]
fn seed_syntax_block_has_one_patch_path() {
    let page = seed();
    let syntax: Vec<_> = page
        .blocks
        .iter()
        .filter(|b| {
            b.annotation
                .and_then(|a| page.annotations[a].get_str("blockType"))
                == Some("ignored")
        })
        .collect();
    assert_eq!(syntax.len(), 1);
    match &syntax[0].http {
        Some(HttpMessage::Request { lines, .. }) => {
            let lines: Vec<_> = lines
                .iter()
                .map(|l| format!("{} {}", l.method, l.target))
                .collect();
            assert_eq!(
                lines,
                ["PATCH /Security/hostSecurityProfiles/{hostSecurityProfileId}"]
            );
        }
        other => panic!("not a request: {other:?}"),
    }
}

#[test]
fn seed_request_body_table_has_nineteen_rows_with_exact_type_cells() {
    let page = seed();
    let body_section = page
        .headings
        .iter()
        .position(|h| h.text == "Request body")
        .expect("a Request body heading");
    let tables: Vec<_> = page
        .tables
        .iter()
        .filter(|t| t.section == Some(body_section))
        .collect();
    assert_eq!(tables.len(), 1);
    let table = tables[0];
    assert_eq!(table.header_key(), "property|type|description");
    let types: Vec<(&str, &str)> = table
        .rows
        .iter()
        .map(|r| (r.cells[0].text.as_str(), r.cells[1].source.as_str()))
        .collect();
    assert_eq!(
        types,
        [
            ("id", "String"),
            ("azureSubscriptionId", "String"),
            ("azureTenantId", "String"),
            ("firstSeenDateTime", "DateTimeOffset"),
            ("fqdn", "String"),
            ("isAzureAdJoined", "Boolean"),
            ("isAzureAdRegistered", "Boolean"),
            ("isHybridAzureDomainJoined", "Boolean"),
            ("lastSeenDateTime", "DateTimeOffset"),
            (
                "logonUsers",
                "[logonUser](../resources/logonuser.md) collection"
            ),
            ("netBiosName", "String"),
            (
                "networkInterfaces",
                "[networkInterface](../resources/networkinterface.md) collection"
            ),
            ("os", "String"),
            ("osVersion", "String"),
            ("parentHost", "String"),
            ("relatedHostIds", "String collection"),
            ("riskScore", "String"),
            ("tags", "String collection"),
            (
                "vendorInformation",
                "[securityVendorInformation](../resources/securityvendorinformation.md)"
            ),
        ]
    );
    assert_eq!(table.rows[9].cells[1].links[0].text, "logonUser");
}

#[test]
fn seed_request_example_is_named_and_has_nineteen_keys() {
    let page = seed();
    let request = page
        .annotations
        .iter()
        .find(|a| a.get_str("blockType") == Some("request"))
        .expect("a request annotation");
    assert_eq!(request.get_str("name"), Some("update_hostsecurityprofile"));
    let block = &page.blocks[request.block.expect("attached to a block")];
    let json = block.json.as_ref().expect("a JSON body");
    assert_eq!(json.mode, JsonMode::Strict);
    let body = json
        .value
        .as_ref()
        .and_then(|v| v.as_object())
        .expect("an object");
    // The issue text says 17; the page's body has 19 top-level keys: `@odata.type` and 18 of the
    // 19 table properties (all but the inherited `id`). Counted by hand as well.
    assert_eq!(body.len(), 19);
    assert!(body.contains_key("@odata.type") && !body.contains_key("id"));
    match &block.http {
        Some(HttpMessage::Request { lines, headers, .. }) => {
            assert_eq!(lines[0].method, "PATCH");
            assert!(
                lines[0]
                    .target
                    .starts_with("https://graph.microsoft.com/beta/Security/")
            );
            assert_eq!(headers.len(), 2);
        }
        other => panic!("not a request: {other:?}"),
    }
}

#[test]
fn seed_response_example_is_200_truncated_with_parsed_body() {
    let page = seed();
    let response = page
        .annotations
        .iter()
        .find(|a| a.get_str("blockType") == Some("response"))
        .expect("a response annotation");
    let value = response.value.as_ref().unwrap();
    assert_eq!(value["truncated"], serde_json::Value::Bool(true));
    let block = &page.blocks[response.block.expect("attached to a block")];
    match &block.http {
        Some(HttpMessage::Response { status, reason, .. }) => {
            assert_eq!((*status, reason.as_str()), (200, "OK"));
        }
        other => panic!("not a response: {other:?}"),
    }
    let json = block.json.as_ref().expect("a JSON body");
    assert_eq!(json.mode, JsonMode::Strict);
    assert_eq!(json.value.as_ref().unwrap()["fqdn"], "Fqdn value");
}
