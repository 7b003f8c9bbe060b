//! A response Graph sends that the models cannot read names the JSON path of the offending
//! value. serde_json alone said `invalid type: sequence, expected a string at line 1 column N`
//! with N the end of the enclosing object (every model flattens a catch-all map).

use graph_models::models::HostSecurityProfile;
use graph_models::support::{Page, error_path, parse_json};

/// Two profiles; the second's first logon user has a list where a string belongs.
fn body() -> String {
    let good = r#"{"id": "a", "fqdn": "a.contoso.com", "logonUsers": [{"accountName": "ann"}],
        "networkInterfaces": [{"description": "eth0", "macAddress": "00:00"}]}"#;
    let bad = r#"{"id": "b", "tags": ["x"], "logonUsers": [{"accountName": ["not", "text"],
        "logonId": "1"}, {"accountName": "bob"}], "riskScore": "3"}"#;
    format!(r#"{{"@odata.context": "https://graph/$metadata", "value": [{good}, {bad}]}}"#)
}

#[test]
fn graph_error_names_the_path_of_the_value_it_cannot_read() {
    let response = http::Response::builder()
        .status(200)
        .body(body().into_bytes())
        .unwrap();
    let error = parse_json::<Page<HostSecurityProfile>>(response).unwrap_err();
    let message = error.decode_error().expect("a decode error");
    assert!(
        message.contains("invalid type: sequence, expected a string"),
        "{message}"
    );
    assert!(
        message.ends_with(", at $.value[1].logonUsers[0].accountName"),
        "{message}"
    );
    assert!(
        error
            .to_string()
            .contains("$.value[1].logonUsers[0].accountName")
    );
}

#[test]
fn error_path_quotes_keys_that_are_not_words_and_is_none_for_readable_json() {
    let path = error_path::<Page<HostSecurityProfile>>(
        br#"{"value": [{"id": "a", "logonUsers": [{"logonId": 7}]}], "@odata.nextLink": 5}"#,
    );
    // Two errors: the one serde meets first (keys in sorted order: `@` before `v`) is named.
    assert_eq!(path.as_deref(), Some(r#"$["@odata.nextLink"]"#));
    let path = error_path::<Page<HostSecurityProfile>>(
        br#"{"value": [{"id": "a", "logonUsers": [{"logonId": 7}]}]}"#,
    );
    assert_eq!(path.as_deref(), Some("$.value[0].logonUsers[0].logonId"));
    assert_eq!(
        error_path::<Page<HostSecurityProfile>>(
            body().replace("[\"not\", \"text\"]", "\"x\"").as_bytes()
        ),
        None
    );
    assert_eq!(error_path::<Page<HostSecurityProfile>>(b"{not json"), None);
}
