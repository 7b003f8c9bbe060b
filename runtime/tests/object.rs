//! `json_object!` as generated code uses it: a model beside a `support` module, read from and
//! written to JSON with its adapters, its update body's three states and its catch-all map.
//! Warnings are errors here, as in the generated crates' lint runs: the macro is external to
//! this crate, as it is to theirs.
#![deny(warnings)]

mod support {
    pub use docgen_runtime::*;
}

mod models {
    #[derive(Debug, Clone, Default, PartialEq)]
    pub struct Host {
        pub display_name: ::std::option::Option<::std::string::String>,
        pub size: ::std::option::Option<i64>,
        pub seen: ::std::option::Option<
            super::support::chrono::DateTime<super::support::chrono::FixedOffset>,
        >,
        pub tags: ::std::option::Option<::std::vec::Vec<::std::string::String>>,
        pub additional_properties: super::support::PropertyMap,
    }
    super::support::json_object! {
        Host, additional_properties;
        display_name: "displayName";
        size: "size" as ::std::option::Option<super::support::Int64>;
        seen: "seen" as ::std::option::Option<super::support::DateTimeOffset>;
        tags: "@odata;\"tags\"";
    }

    /// An update body of a type whose properties are all read-only: only the catch-all map.
    #[derive(Debug, Clone, Default, PartialEq)]
    pub struct EmptyPatch {
        pub additional_properties: super::support::PropertyMap,
    }
    super::support::json_object! {
        EmptyPatch, additional_properties;
    }

    #[derive(Debug, Clone, Default, PartialEq)]
    pub struct HostPatch {
        pub display_name: super::support::Patch<::std::string::String>,
        pub size: super::support::Patch<i64>,
        pub additional_properties: super::support::PropertyMap,
    }
    super::support::json_object! {
        HostPatch, additional_properties;
        display_name: "displayName";
        size: "size" as super::support::Patch<super::support::Int64>;
    }
}

use models::{EmptyPatch, Host, HostPatch};
use serde_json::json;

#[test]
fn known_keys_fill_fields_through_their_adapters_and_the_rest_is_kept() {
    let json = json!({
        "displayName": "web",
        "size": "9007199254740993",
        "seen": "2026-12-01T06:00:00.1234567Z",
        "@odata;\"tags\"": ["a"],
        "@odata.type": "#microsoft.graph.host",
        "extra": {"nested": [1, 2]},
    });
    let host: Host = serde_json::from_value(json.clone()).expect("reads");
    assert_eq!(host.display_name.as_deref(), Some("web"));
    // Past 2^53: read from a string, not rounded through a double.
    assert_eq!(host.size, Some(9_007_199_254_740_993));
    assert_eq!(
        host.seen.map(|s| s.timestamp_subsec_nanos()),
        Some(123_456_700)
    );
    assert_eq!(host.tags, Some(vec!["a".to_owned()]));
    assert_eq!(
        host.additional_properties.keys().collect::<Vec<_>>(),
        ["@odata.type", "extra"]
    );
    // Written back: the same object (fields through the same adapters, then the rest).
    let written = serde_json::to_value(&host).expect("writes");
    assert_eq!(written["size"], json!(9_007_199_254_740_993_i64));
    assert_eq!(written["extra"], json["extra"]);
    let again: Host = serde_json::from_value(written).expect("reads again");
    assert_eq!(again, host);
}

#[test]
fn fields_left_out_stay_default_and_are_not_written() {
    let host: Host = serde_json::from_str(r#"{"displayName": null}"#).expect("reads");
    assert_eq!(host, Host::default());
    assert_eq!(serde_json::to_string(&host).expect("writes"), "{}");
    // Keys in the order of the struct, then the catch-all map's.
    let host = Host {
        tags: Some(vec![]),
        display_name: Some("x".into()),
        additional_properties: [("a".to_owned(), json!(1))].into_iter().collect(),
        ..Host::default()
    };
    assert_eq!(
        serde_json::to_string(&host).expect("writes"),
        r#"{"displayName":"x","@odata;\"tags\"":[],"a":1}"#
    );
}

#[test]
fn an_update_body_tells_absent_null_and_set_apart() {
    let patch: HostPatch =
        serde_json::from_str(r#"{"displayName": null, "size": "7"}"#).expect("reads");
    assert_eq!(patch.display_name, docgen_runtime::Patch::Null);
    assert_eq!(patch.size, docgen_runtime::Patch::Value(7));
    let absent = HostPatch::default();
    assert_eq!(absent.size, docgen_runtime::Patch::Absent);
    assert_eq!(
        serde_json::to_string(&patch).expect("writes"),
        r#"{"displayName":null,"size":7}"#
    );
    assert_eq!(serde_json::to_string(&absent).expect("writes"), "{}");
}

#[test]
fn a_value_of_the_wrong_shape_is_an_error_not_a_default() {
    let err = serde_json::from_str::<Host>(r#"{"size": "x"}"#).expect_err("not a number");
    assert!(err.to_string().contains("line 1"), "{err}");
    serde_json::from_str::<Host>("[1]").expect_err("not an object");
    serde_json::from_str::<Host>(r#"{"displayName": 3}"#).expect_err("not a string");
}

#[test]
fn a_model_without_fields_keeps_every_key() {
    let empty: EmptyPatch = serde_json::from_str(r#"{"a": 1, "b": [true]}"#).expect("reads");
    assert_eq!(empty.additional_properties.len(), 2);
    assert_eq!(
        serde_json::to_string(&empty).expect("writes"),
        r#"{"a":1,"b":[true]}"#
    );
}

#[test]
fn odata_tags_in_a_namespace_the_enum_lacks_or_in_none_take_its_first() {
    use docgen_runtime::odata_tag;
    let namespaces = ["microsoft.graph", "microsoft.graph.callrecords"];
    let tag = |t: &str| odata_tag(&serde_json::json!({ "@odata.type": t }), &namespaces);
    assert_eq!(tag("#microsoft.graph.group"), "microsoft.graph.group");
    assert_eq!(
        tag("#microsoft.graph.callRecords.session"),
        "microsoft.graph.callrecords.session"
    );
    assert_eq!(
        tag("Microsoft.Teams.GraphSvc.aadUserNotificationRecipient"),
        "microsoft.graph.aadusernotificationrecipient"
    );
    // Without a namespace (`"@odata.type": "educationLinkResource"` in a request example).
    assert_eq!(tag("group"), "microsoft.graph.group");
    assert_eq!(odata_tag(&serde_json::json!({}), &namespaces), "");
    // Types in no namespace keep their tags.
    assert_eq!(
        odata_tag(&serde_json::json!({ "@odata.type": "#Group" }), &[""]),
        "group"
    );
}

/// Undocumented keys in reverse order, one twice: the catch-all map holds each key once, the
/// last value, in key order; and many of them are read in one pass, not one shift of the map
/// per key (400,000 keys in reverse took three minutes so). The bound is a hang guard, far above the
/// time the read takes, not a timing test.
#[test]
fn undocumented_keys_in_any_order_are_read_in_one_pass_each_key_once() {
    let mut text = String::from("{\"displayName\":\"web\"");
    for i in (0..400_000).rev() {
        text.push_str(&format!(",\"k{i:06}\":{i}"));
    }
    text.push_str(",\"k000007\":\"again\"}");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(serde_json::from_str::<Host>(&text));
    });
    let host = rx
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("400,000 keys were not read in 60 s")
        .expect("reads");
    assert_eq!(host.display_name.as_deref(), Some("web"));
    let rest = &host.additional_properties;
    assert_eq!(rest.len(), 400_000);
    assert!(rest.keys().zip(rest.keys().skip(1)).all(|(a, b)| a < b));
    assert_eq!(rest["k000007"], json!("again"));
    assert_eq!(rest["k399999"], json!(399_999));
}
