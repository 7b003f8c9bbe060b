//! A value typed as a base type is read by its `@odata.type` into the derived type, and an
//! unknown derived type falls back to the base with nothing lost.

use graph_models::models::{
    AnyEducationOutcomePatch, AnyEntity, EducationFeedbackOutcomePatch, HostSecurityProfile,
};
use graph_models::support::Patch;
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

/// An update whose examples send several derived types (`docs-input`'s outcome update) takes a
/// patch of any of them: each example's body is read as the type it names, with that type's
/// own properties, and written back as sent.
#[test]
fn an_update_sending_derived_types_reads_each_body_as_the_type_it_names() {
    let points = json!({"@odata.type": "#microsoft.graph.educationPointsOutcome", "points": 90.5});
    let any: AnyEducationOutcomePatch = serde_json::from_value(points.clone()).unwrap();
    let AnyEducationOutcomePatch::EducationPointsOutcome(patch) = &any else {
        panic!("read as {any:?}");
    };
    assert_eq!(patch.points, Patch::Value(90.5));
    assert!(
        patch.additional_properties.keys().eq(["@odata.type"]),
        "only the annotation is left over: {:?}",
        patch.additional_properties
    );
    assert_eq!(serde_json::to_value(&any).unwrap(), points);

    // `null` clears a property of the derived type; an untagged body is the base's patch.
    let cleared =
        json!({"@odata.type": "#microsoft.graph.educationFeedbackOutcome", "feedback": null});
    let any: AnyEducationOutcomePatch = serde_json::from_value(cleared.clone()).unwrap();
    let AnyEducationOutcomePatch::EducationFeedbackOutcome(patch) = &any else {
        panic!("read as {any:?}");
    };
    assert_eq!(patch.feedback, Patch::Null);
    assert_eq!(serde_json::to_value(&any).unwrap(), cleared);
    let untagged: AnyEducationOutcomePatch = serde_json::from_value(json!({})).unwrap();
    assert!(matches!(
        untagged,
        AnyEducationOutcomePatch::EducationOutcome(_)
    ));

    // Built in code, a derived type's patch is sent with the `@odata.type` the service needs.
    let built = AnyEducationOutcomePatch::EducationFeedbackOutcome(Box::new(
        EducationFeedbackOutcomePatch {
            feedback: Patch::Value("Good.".to_owned()),
            ..Default::default()
        },
    ));
    assert_eq!(
        serde_json::to_value(&built).unwrap(),
        json!({"@odata.type": "#microsoft.graph.educationFeedbackOutcome", "feedback": "Good."})
    );
}

#[test]
fn a_derived_value_built_in_code_is_written_with_its_odata_type() {
    let profile = HostSecurityProfile {
        fqdn: Some("host1.contoso.com".to_owned()),
        ..Default::default()
    };
    let any = AnyEntity::HostSecurityProfile(Box::new(profile));
    assert_eq!(
        serde_json::to_value(&any).unwrap(),
        json!({"@odata.type": "#microsoft.graph.hostSecurityProfile", "fqdn": "host1.contoso.com"})
    );
    // The base type needs none: a value without `@odata.type` is read as the base.
    let base = AnyEntity::Entity(Box::default());
    assert_eq!(serde_json::to_value(&base).unwrap(), json!({}));
}
