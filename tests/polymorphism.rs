//! A value typed as a base type is read by its `@odata.type` into the derived type, and an
//! unknown derived type falls back to the base with nothing lost.

use graph_models::models::{AnyEntity, HostSecurityProfile};
use serde_json::json;

#[test]
fn odata_type_picks_the_derived_struct_in_any_case_with_or_without_hash() {
    for tag in [
        "#microsoft.graph.hostSecurityProfile",
        "microsoft.graph.hostsecurityprofile",
    ] {
        let value = json!({"@odata.type": tag, "id": "1", "fqdn": "host1.contoso.com"});
        let any: AnyEntity = serde_json::from_value(value.clone()).unwrap();
        let AnyEntity::HostSecurityProfile(profile) = &any else {
            panic!("{tag} read as {any:?}");
        };
        assert_eq!(profile.fqdn.as_deref(), Some("host1.contoso.com"));
        assert_eq!(profile.id.as_deref(), Some("1"));
        assert_eq!(serde_json::to_value(&any).unwrap(), value);
    }
}

#[test]
fn an_unknown_or_missing_type_is_the_base_with_its_own_keys_kept() {
    let value =
        json!({"@odata.type": "#microsoft.graph.somethingNew", "id": "2", "colour": "teal"});
    let any: AnyEntity = serde_json::from_value(value.clone()).unwrap();
    let AnyEntity::Entity(entity) = &any else {
        panic!("read as {any:?}");
    };
    assert_eq!(entity.id.as_deref(), Some("2"));
    assert_eq!(entity.additional_properties["colour"], "teal");
    assert_eq!(serde_json::to_value(&any).unwrap(), value);

    let untagged: AnyEntity = serde_json::from_value(json!({"id": "3"})).unwrap();
    assert!(matches!(untagged, AnyEntity::Entity(_)));
}

#[test]
fn a_derived_value_that_does_not_fit_its_type_is_an_error_not_a_silent_fallback() {
    let bad =
        json!({"@odata.type": "#microsoft.graph.hostSecurityProfile", "isAzureAdJoined": "yes"});
    let err = serde_json::from_value::<AnyEntity>(bad).unwrap_err();
    assert!(err.to_string().contains("invalid type"), "{err}");
    // The struct itself reads the same JSON the same way.
    assert!(
        serde_json::from_value::<HostSecurityProfile>(json!({"isAzureAdJoined": "yes"})).is_err()
    );
}
