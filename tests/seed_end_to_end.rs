//! The companion crate, built from docs-input/ by build.rs, against the seed page itself.

use std::path::Path;

use graph_models::models::{HostSecurityProfile, HostSecurityProfilePatch, LogonUser};
use graph_models::requests::HostSecurityProfileUpdate;
use graph_models::support::{GRAPH_BETA, GraphRequest, Patch, encode_segment, format_date_time};

mod common;
use common::canonical_dates;

fn seed_request_example() -> (String, String, serde_json::Value) {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs-input/api/hostsecurityprofile-update.md");
    let (page, _) = docgen::read::read_file(&path, "api/hostsecurityprofile-update.md");
    let page = page.expect("the seed page reads");
    let annotation = page
        .annotations
        .iter()
        .find(|a| a.get_str("blockType") == Some("request"))
        .expect("a request example");
    let block = &page.blocks[annotation.block.expect("attached")];
    let Some(docgen::read::HttpMessage::Request { lines, .. }) = &block.http else {
        panic!("the request example is an HTTP request");
    };
    let body = block
        .json
        .as_ref()
        .and_then(|j| j.value.clone())
        .expect("a JSON body");
    (lines[0].method.clone(), lines[0].target.clone(), body)
}

#[test]
fn seed_example_body_deserializes_into_the_generated_model_and_back() {
    let (_, _, body) = seed_request_example();
    let profile: HostSecurityProfile = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(profile.fqdn.as_deref(), Some("Fqdn value"));
    assert_eq!(profile.is_azure_ad_joined, Some(true));
    let users: &Vec<LogonUser> = profile.logon_users.as_ref().unwrap();
    assert_eq!(users[0].account_name.as_deref(), Some("Account Name value"));
    // Only the `@odata.type` annotation is left for the catch-all map.
    let extra: Vec<&str> = profile.additional_properties.keys().collect();
    assert_eq!(extra, ["@odata.type"]);
    // Seven fractional digits survive; `+00:00` is written `Z`.
    let first_seen = profile.first_seen_date_time.unwrap();
    assert_eq!(
        format_date_time(&first_seen),
        "2016-12-31T23:56:26.9196629Z"
    );
    assert_eq!(
        canonical_dates(&serde_json::to_value(&profile).unwrap()),
        canonical_dates(&body)
    );
}

#[test]
fn seed_update_request_reproduces_the_documented_method_path_and_body() {
    let (method, target, body) = seed_request_example();
    let patch: HostSecurityProfilePatch = serde_json::from_value(body.clone()).unwrap();
    let request = HostSecurityProfileUpdate::new("{hostSecurityProfileId}", patch)
        .to_request(GRAPH_BETA)
        .unwrap();
    assert_eq!(request.method().as_str(), method);
    // The documented target holds the template literally; the request encodes it as data.
    let expected = target.replace(
        "{hostSecurityProfileId}",
        &encode_segment("{hostSecurityProfileId}"),
    );
    assert_eq!(request.uri().to_string(), expected);
    assert_eq!(request.headers()["content-type"], "application/json");
    let sent: serde_json::Value = serde_json::from_slice(request.body()).unwrap();
    assert_eq!(canonical_dates(&sent), canonical_dates(&body));
    assert_eq!(HostSecurityProfileUpdate::SUCCESS_STATUS, 200);
}

#[test]
fn patch_bodies_tell_absent_null_and_value_apart() {
    let patch = HostSecurityProfilePatch {
        fqdn: Patch::Value("host1.contoso.com".to_owned()),
        os: Patch::Null,
        ..Default::default()
    };
    let json = serde_json::to_value(&patch).unwrap();
    // Absent properties are left out; a cleared one is sent as null.
    assert_eq!(
        json,
        serde_json::json!({"fqdn": "host1.contoso.com", "os": null})
    );
    let back: HostSecurityProfilePatch = serde_json::from_value(json).unwrap();
    assert_eq!(back, patch);
    assert!(back.os_version.is_absent());
}

#[test]
fn path_parameters_are_percent_encoded() {
    let request =
        HostSecurityProfileUpdate::new("a/b?c#d e%é", HostSecurityProfilePatch::default())
            .to_request("https://graph.microsoft.com/v1.0/")
            .unwrap();
    assert_eq!(
        request.uri().to_string(),
        "https://graph.microsoft.com/v1.0/Security/hostSecurityProfiles/a%2Fb%3Fc%23d%20e%25%C3%A9"
    );
}

#[test]
fn committed_generated_dir_is_byte_identical_to_build_output() {
    let out_dir = Path::new(env!("OUT_DIR"));
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("generated");
    let generated = docgen::Builder::new()
        .input(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs-input"))
        .client_feature("client")
        .example_tests(true)
        .run()
        .unwrap();
    assert!(generated.files.len() >= 8);
    let stale = docgen::stale_files(&generated.files, &committed);
    assert!(
        stale.is_empty(),
        "generated/ is stale: {stale:?}; refresh it with `cargo run -p docgen -- generate`"
    );
    assert!(docgen::stale_files(&generated.files, out_dir).is_empty());
}

#[test]
fn enums_read_known_members_and_keep_unknown_values_as_sent() {
    use graph_models::models::{LogonType, UserAccountSecurityType};
    let user: LogonUser = serde_json::from_value(serde_json::json!({
        "accountType": "administrator",
        "logonTypes": ["remoteInteractive", "somethingNew"]
    }))
    .unwrap();
    assert_eq!(
        user.account_type,
        Some(UserAccountSecurityType::Administrator)
    );
    let types = user.logon_types.as_ref().unwrap();
    assert_eq!(types[0], LogonType::RemoteInteractive);
    assert_eq!(types[1], LogonType::Unknown("somethingNew".into()));
    // The member called `unknown` is not the fallback.
    assert_eq!(
        UserAccountSecurityType::from("unknown"),
        UserAccountSecurityType::UnknownMember
    );
    assert_eq!(
        serde_json::to_value(&user).unwrap(),
        serde_json::json!({"accountType": "administrator", "logonTypes": ["remoteInteractive", "somethingNew"]})
    );
}

#[test]
fn seed_example_placeholder_in_an_enum_field_round_trips_as_unknown() {
    use graph_models::models::UserAccountSecurityType;
    let (_, _, body) = seed_request_example();
    let profile: HostSecurityProfile = serde_json::from_value(body).unwrap();
    let user = &profile.logon_users.as_ref().unwrap()[0];
    // The page's example holds the placeholder "String" where a member belongs.
    assert_eq!(
        user.account_type,
        Some(UserAccountSecurityType::Unknown("String".into()))
    );
}
