//! `Model::nested_models` reaches every model a value holds (in `Option`, `Box`, `Vec`, `Patch`
//! and polymorphic enums), so a check over a whole value (the example tests' catch-all check)
//! sees nested objects too. The impls exist in test builds only, so this is a unit test.

use crate::models::{AnyEntity, HostSecurityProfile, HostSecurityProfilePatch};
use crate::support::Model;
use serde_json::json;

/// Each model reachable from `value`, as (depth, its catch-all keys), depth first.
fn walk(value: &dyn Model, depth: usize, out: &mut Vec<(usize, Vec<String>)>) {
    out.push((
        depth,
        value
            .additional_properties()
            .keys()
            .map(str::to_owned)
            .collect(),
    ));
    value.nested_models(&mut |nested| walk(nested, depth + 1, out));
}

fn profile_json() -> serde_json::Value {
    json!({
        "id": "1",
        "logonUsers": [{"accountName": "a"}, {"AccountName": "b"}],
        "vendorInformation": {"provider": "x", "extra": 1},
        "networkInterfaces": []
    })
}

#[test]
fn a_struct_reaches_the_models_in_its_properties() {
    let profile: HostSecurityProfile = serde_json::from_value(profile_json()).unwrap();
    let mut seen = Vec::new();
    walk(&profile, 0, &mut seen);
    assert_eq!(
        seen,
        [
            (0, vec![]),
            (1, vec![]),
            (1, vec!["AccountName".to_owned()]),
            (1, vec!["extra".to_owned()]),
        ],
        "the profile, its two logon users in order, its vendor information"
    );
}

#[test]
fn a_patch_body_and_a_polymorphic_value_reach_them_too() {
    let patch: HostSecurityProfilePatch = serde_json::from_value(profile_json()).unwrap();
    let mut seen = Vec::new();
    walk(&patch, 0, &mut seen);
    assert_eq!(seen.len(), 4, "{seen:?}");

    let mut value = profile_json();
    value["@odata.type"] = json!("#microsoft.graph.hostSecurityProfile");
    let any: AnyEntity = serde_json::from_value(value).unwrap();
    let mut seen = Vec::new();
    walk(&any, 0, &mut seen);
    assert_eq!(seen.len(), 4, "{seen:?}");
    assert_eq!(seen[2], (1, vec!["AccountName".to_owned()]));
    assert!(
        any.properties().contains(&"fqdn"),
        "the derived type's names"
    );
}
