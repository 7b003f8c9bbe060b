//! What the pages' tables say about a property name, for a key that an example shows with a
//! value that says nothing about its type (`null`, `[]`, an object that names no type).
//!
//! Kinds of evidence, in order, each taken only where every value the examples show fits:
//! - **the same name**: most tables that declare `createdBy` give it one type; or, where no
//!   table declares it, the values other types' examples show for it;
//! - **a sibling it qualifies**: `backupReviewers` holds what the owner's `reviewers` holds;
//! - **the owner's name**: Graph names a type made for one property after its owner and the
//!   property (`chatMessage.policyViolation` is a `chatMessagePolicyViolation`);
//! - **the property's own name**: a type named as the property is, one item of it for an array
//!   (`appliedConditionalAccessPolicies` holds `appliedConditionalAccessPolicy` items);
//! - **the keys its objects show**: the one type (with those derived from it) that has them all;
//! - **the name's ending, then its first word**: the pages' own tables show that names ending in
//!   `DateTime` hold a `DateTimeOffset`, and names starting with `is` a `Boolean` (nearly always).
//!   Learned from the tables, with a floor on how many and how uniformly; a convention the
//!   tables do not show is not used.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{Origin, Property, Schema, TypeDef, TypeKind, TypeRef};

/// A name ending (or first word) must be declared this often ...
const LEARNED_MIN_DECLARED: usize = 20;
/// ... and this share of its declarations must agree (in percent).
const LEARNED_MIN_AGREEING: usize = 90;

/// Types by how often they are given, for one name (or ending, or first word).
type Counts = BTreeMap<TypeRef, usize>;
/// Counts by name; only looked up, never walked, so hashed.
type ByName = foldhash::HashMap<String, Counts>;

/// Declared types by property name and by name ending, counted over every table.
pub struct NameEvidence {
    by_name: ByName,
    by_ending: ByName,
    by_first_word: ByName,
    /// Types that examples' values give a name, on any type.
    by_example: ByName,
}

/// Counts `ty` once more for `name`, copying either only the first time (every property of
/// every type is counted, several times over).
fn count(counts: &mut ByName, name: &str, ty: &TypeRef) {
    if !counts.contains_key(name) {
        counts.insert(name.to_owned(), Counts::new());
    }
    let of_name = counts.get_mut(name).expect("inserted above");
    match of_name.get_mut(ty) {
        Some(n) => *n += 1,
        None => {
            of_name.insert(ty.clone(), 1);
        }
    }
}

impl NameEvidence {
    pub fn new(types: &[TypeDef]) -> Self {
        let mut by_name = ByName::default();
        let mut by_ending = ByName::default();
        let mut by_first_word = ByName::default();
        for p in types.iter().flat_map(|t| &t.properties) {
            count(&mut by_name, &p.name, &p.ty);
            for ending in endings(&p.name) {
                count(&mut by_ending, ending, &p.ty);
            }
            if let Some(word) = first_word(&p.name) {
                count(&mut by_first_word, word, &p.ty);
            }
        }
        NameEvidence {
            by_name,
            by_ending,
            by_first_word,
            by_example: ByName::default(),
        }
    }

    /// The one type every table that declares `name` gives it, if they agree.
    pub fn declared_once(&self, name: &str) -> Option<&TypeRef> {
        match self
            .by_name
            .get(name)?
            .keys()
            .collect::<Vec<_>>()
            .as_slice()
        {
            [only] => Some(*only),
            _ => None,
        }
    }

    /// Properties whose type examples' values show (on whichever type they were shown).
    pub fn add_shown<'p>(&mut self, shown: impl Iterator<Item = &'p Property>) {
        for p in shown {
            count(&mut self.by_example, &p.name, &p.ty);
        }
    }

    /// The type the pages give `name` on `owner`, and why, where the example `samples` (the
    /// values shown for it) all fit that type.
    pub fn guess(
        &self,
        schema: &Schema,
        owner: &TypeDef,
        name: &str,
        samples: &[&Value],
    ) -> Option<(TypeRef, String)> {
        let fit = |ty: &TypeRef| samples.iter().all(|v| fits_keys(v, ty, schema));
        if let Some((ty, n, total)) = self.by_name.get(name).and_then(majority)
            && 2 * n > total
            && fit(&ty)
        {
            return Some((
                ty,
                format!("as {n} of the {total} tables that declare it type it"),
            ));
        }
        if !self.by_name.contains_key(name)
            && let Some((ty, n, total)) = self.by_example.get(name).and_then(majority)
            && 2 * n > total
            && fit(&ty)
        {
            return Some((
                ty,
                format!("as {n} of the {total} types whose examples show it with a value have it"),
            ));
        }
        if let Some((ty, sibling)) = sibling(schema, owner, name).filter(|(t, _)| fit(t)) {
            return Some((ty, format!("as the `{sibling}` it qualifies is")));
        }
        if let Some(ty) = owner_named(schema, owner, name, samples).filter(|t| fit(t)) {
            return Some((
                ty,
                "the type named after its owner and the property".to_owned(),
            ));
        }
        if let Some(ty) = self_named(schema, name, samples).filter(|t| fit(t)) {
            return Some((ty, "the type named as the property".to_owned()));
        }
        if let Some(ty) = holding_every_key(schema, samples) {
            return Some((
                ty,
                "as the one type (with those derived from it) that has every key its examples show"
                    .to_owned(),
            ));
        }
        let learned = endings(name)
            .map(|e| (&self.by_ending, e, "end in"))
            .chain(first_word(name).map(|w| (&self.by_first_word, w, "start with")));
        for (counts, part, place) in learned {
            let Some((ty, n, total)) = counts.get(part).and_then(majority) else {
                continue;
            };
            if total >= LEARNED_MIN_DECLARED && 100 * n >= LEARNED_MIN_AGREEING * total && fit(&ty)
            {
                return Some((
                    ty,
                    format!("as {n} of the {total} properties whose names {place} `{part}` are"),
                ));
            }
        }
        None
    }
}

/// The most frequent type with its count and the total, where no other type ties it.
fn majority(counts: &BTreeMap<TypeRef, usize>) -> Option<(TypeRef, usize, usize)> {
    let total = counts.values().sum();
    let mut ranked: Vec<(&TypeRef, &usize)> = counts.iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    match ranked.as_slice() {
        [(ty, n), (_, m), ..] if n > m => Some(((*ty).clone(), **n, total)),
        [(ty, n)] => Some(((*ty).clone(), **n, total)),
        _ => None,
    }
}

/// The proper endings of a camelCase name made of whole words, longest first:
/// `managerActionDateTime` -> `ActionDateTime`, `DateTime`, `Time`.
fn endings(name: &str) -> impl Iterator<Item = &str> {
    name.char_indices()
        .skip(1)
        .filter(|(_, c)| c.is_ascii_uppercase())
        .map(move |(i, _)| &name[i..])
}

/// The property of `owner` (or an ancestor) that `name` qualifies, with its type: `reviewers`
/// for `backupReviewers` (a name ending in the whole of another, at a word boundary).
fn sibling(schema: &Schema, owner: &TypeDef, name: &str) -> Option<(TypeRef, String)> {
    let properties = schema.all_properties(owner);
    endings(name).find_map(|ending| {
        properties
            .iter()
            .find(|p| p.name.len() == ending.len() && p.name.eq_ignore_ascii_case(ending))
            .map(|p| (p.ty.clone(), p.name.clone()))
    })
}

/// The first word of a camelCase name of several words: `isDeviceOnlyAuthSupported` -> `is`.
fn first_word(name: &str) -> Option<&str> {
    let end = name
        .char_indices()
        .skip(1)
        .find(|(_, c)| c.is_ascii_uppercase())?
        .0;
    Some(&name[..end])
}

/// The one type named `name` (for arrays, also its singular: `policies` -> `policy`).
fn self_named(schema: &Schema, name: &str, samples: &[&Value]) -> Option<TypeRef> {
    let found = item_names(name, samples)
        .iter()
        .find_map(|w| only_type_named(schema, w))?;
    Some(shaped(found, samples))
}

/// The names a type of `name`'s values may have: the name, and for arrays its singular too.
fn item_names(name: &str, samples: &[&Value]) -> Vec<String> {
    let mut names = vec![name.to_owned()];
    if samples.iter().any(|v| v.is_array()) {
        if let Some(stem) = name.strip_suffix("ies") {
            names.push(format!("{stem}y"));
        } else if let Some(stem) = name.strip_suffix('s') {
            names.push(stem.to_owned());
        }
    }
    names
}

/// The one type whose short name is `short` (any case, any namespace).
fn only_type_named(schema: &Schema, short: &str) -> Option<String> {
    let mut matching = schema
        .types
        .iter()
        .filter(|c| c.short_name().eq_ignore_ascii_case(short));
    match (matching.next(), matching.next()) {
        (Some(only), None) => Some(only.name.clone()),
        _ => None,
    }
}

/// `Collection(name)` where the examples show arrays, else `name`.
fn shaped(name: String, samples: &[&Value]) -> TypeRef {
    let one = TypeRef::Named(name);
    if samples.iter().any(|v| v.is_array()) {
        TypeRef::collection(one)
    } else {
        one
    }
}

/// The type named after `owner` (or an ancestor) and `name`: `chatMessage` + `policyViolation`.
fn owner_named(
    schema: &Schema,
    owner: &TypeDef,
    name: &str,
    samples: &[&Value],
) -> Option<TypeRef> {
    let found = item_names(name, samples).iter().find_map(|item| {
        let mut chars = item.chars();
        let first = chars.next()?;
        let tail: String = first.to_uppercase().chain(chars).collect();
        std::iter::once(owner)
            .chain(schema.ancestors(owner))
            .find_map(|t| only_type_named(schema, &format!("{}{tail}", t.short_name())))
    })?;
    Some(shaped(found, samples))
}

/// The type whose properties (its own and inherited) include every key the example objects show,
/// where the types that have them all are that type and types derived from it: an object is
/// evidence of its type where only one family of types can hold it (`{"errorCode": ...,
/// "reason": ..., "recommendedAction": ...}` is a `provisioningErrorInfo`). Keys many unrelated
/// types share (`{"value": 1}`) name none.
/// `Collection(..)` where the examples show arrays. Nothing without an object with a key.
fn holding_every_key(schema: &Schema, samples: &[&Value]) -> Option<TypeRef> {
    let objects = samples
        .iter()
        .flat_map(|v| match v {
            Value::Array(items) => items.iter().collect(),
            one => vec![*one],
        })
        .filter_map(Value::as_object);
    let mut keys: Vec<&str> = objects
        .flat_map(|o| o.keys())
        .map(String::as_str)
        .filter(|k| !k.contains('@'))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    if keys.is_empty() {
        return None;
    }
    let holding: Vec<&TypeDef> = schema
        .types
        .iter()
        // An action's parameters and a `$ref` body are what a request sends, not a value's type.
        .filter(|t| !matches!(t.origin, Origin::ActionParameters | Origin::Reference))
        .filter(|t| t.kind != TypeKind::Enum)
        .filter(|t| {
            let properties = schema.all_properties(t);
            keys.iter().all(|k| properties.iter().any(|p| p.name == *k))
        })
        .collect();
    let root = holding.iter().find(|root| {
        holding
            .iter()
            .all(|t| t.name == root.name || schema.ancestors(t).iter().any(|a| a.name == root.name))
    })?;
    Some(shaped(root.name.clone(), samples))
}

/// Whether `value` can be a value of `ty`, an object only where every key it shows is a property
/// of the type: an object is evidence of which type it is.
fn fits_keys(value: &Value, ty: &TypeRef, schema: &Schema) -> bool {
    match (value, ty) {
        (Value::Array(items), TypeRef::Collection(inner)) => {
            items.iter().all(|v| fits_keys(v, inner, schema))
        }
        // The value may be of a derived type (OData values are polymorphic).
        (Value::Object(object), TypeRef::Named(n)) => schema.type_named(n).is_some_and(|t| {
            t.kind != TypeKind::Enum
                && schema
                    .types
                    .iter()
                    .filter(|d| {
                        d.name == t.name || schema.ancestors(d).iter().any(|a| a.name == t.name)
                    })
                    .any(|d| {
                        let properties = schema.all_properties(d);
                        object
                            .keys()
                            .filter(|k| !k.contains('@'))
                            .all(|k| properties.iter().any(|p| &p.name == k))
                    })
        }),
        _ => super::example_keys::fits(value, ty, schema),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn prop(name: &str, ty: TypeRef) -> Property {
        Property::shown(name, ty, String::new())
    }

    fn ty(name: &str, kind: TypeKind, properties: Vec<Property>) -> TypeDef {
        TypeDef {
            name: format!("microsoft.graph.{name}"),
            kind,
            base: None,
            open: false,
            abstract_: false,
            rust: String::new(),
            source: String::new(),
            description: String::new(),
            properties,
            members: Vec::new(),
            flags: false,
            update_writes: Default::default(),
            origin: crate::schema::Origin::Page,
        }
    }

    fn prim(p: &str) -> TypeRef {
        TypeRef::Primitive(p.to_owned())
    }

    fn schema(types: Vec<TypeDef>) -> Schema {
        let mut types = types;
        types.sort_by(|a, b| a.name.cmp(&b.name));
        Schema {
            types,
            ..Schema::default()
        }
    }

    #[test]
    fn a_name_ending_most_tables_agree_on_types_a_null() {
        let mut props: Vec<Property> = (0..19)
            .map(|i| prop(&format!("p{i}DateTime"), prim("DateTimeOffset")))
            .collect();
        props.push(prop("startDateTime", prim("String")));
        let owner = ty("shift", TypeKind::Entity, props.clone());
        let s = schema(vec![owner.clone()]);
        let evidence = NameEvidence::new(&s.types);
        // 19 of 20 agree, 95%: taken.
        let (t, why) = evidence
            .guess(&s, &owner, "managerActionDateTime", &[&Value::Null])
            .unwrap();
        assert_eq!(t, prim("DateTimeOffset"));
        assert!(why.contains("`DateTime`"), "{why}");
        // A value that does not fit is not retyped.
        assert!(
            evidence
                .guess(&s, &owner, "managerActionDateTime", &[&json!(true)])
                .is_none()
        );
        // Too few declarations: nothing.
        let few = ty("shift", TypeKind::Entity, props[..10].to_vec());
        let s = schema(vec![few.clone()]);
        let evidence = NameEvidence::new(&s.types);
        assert!(
            evidence
                .guess(&s, &few, "managerActionDateTime", &[&Value::Null])
                .is_none()
        );
    }

    #[test]
    fn the_type_named_after_owner_and_property_needs_the_keys_to_fit() {
        let owner = ty("chatMessage", TypeKind::Entity, vec![]);
        let violation = ty(
            "chatMessagePolicyViolation",
            TypeKind::Complex,
            vec![prop("justificationText", prim("String"))],
        );
        let s = schema(vec![owner.clone(), violation]);
        let evidence = NameEvidence::new(&s.types);
        let named = TypeRef::Named("microsoft.graph.chatMessagePolicyViolation".into());
        assert_eq!(
            evidence
                .guess(&s, &owner, "policyViolation", &[&Value::Null])
                .map(|g| g.0),
            Some(named)
        );
        let shown = json!({"justificationText": "x"});
        assert!(
            evidence
                .guess(&s, &owner, "policyViolation", &[&shown])
                .is_some()
        );
        let other = json!({"dlpAction": "x"});
        assert!(
            evidence
                .guess(&s, &owner, "policyViolation", &[&other])
                .is_none()
        );
    }

    #[test]
    fn the_same_name_takes_the_majority_of_its_tables_and_no_tie() {
        let identity = ty("identitySet", TypeKind::Complex, vec![]);
        let a = ty(
            "a",
            TypeKind::Entity,
            vec![prop("createdBy", TypeRef::Named(identity.name.clone()))],
        );
        let b = ty(
            "b",
            TypeKind::Entity,
            vec![prop("createdBy", TypeRef::Named(identity.name.clone()))],
        );
        let c = ty(
            "c",
            TypeKind::Entity,
            vec![prop("createdBy", prim("String"))],
        );
        let owner = ty("app", TypeKind::Entity, vec![]);
        let s = schema(vec![identity.clone(), a, b, c.clone(), owner.clone()]);
        let evidence = NameEvidence::new(&s.types);
        let (t, _) = evidence
            .guess(&s, &owner, "createdBy", &[&Value::Null])
            .unwrap();
        assert_eq!(t, TypeRef::Named(identity.name.clone()));
        let s = schema(vec![identity.clone(), c, owner.clone()]);
        let tie = NameEvidence::new(&[
            ty(
                "x",
                TypeKind::Entity,
                vec![prop("createdBy", prim("String"))],
            ),
            ty(
                "y",
                TypeKind::Entity,
                vec![prop("createdBy", TypeRef::Named(identity.name))],
            ),
        ]);
        assert!(
            tie.guess(&s, &owner, "createdBy", &[&Value::Null])
                .is_none()
        );
    }

    #[test]
    fn a_type_named_as_the_property_one_item_for_arrays() {
        let owner = ty("signIn", TypeKind::Entity, vec![]);
        let policy = ty(
            "appliedConditionalAccessPolicy",
            TypeKind::Complex,
            vec![prop("id", prim("String"))],
        );
        let s = schema(vec![owner.clone(), policy]);
        let evidence = NameEvidence::new(&s.types);
        let items = json!([{"id": "1"}]);
        let (t, why) = evidence
            .guess(&s, &owner, "appliedConditionalAccessPolicies", &[&items])
            .unwrap();
        assert_eq!(
            t,
            TypeRef::collection(TypeRef::Named(
                "microsoft.graph.appliedConditionalAccessPolicy".into()
            ))
        );
        assert!(why.contains("named as the property"), "{why}");
        // One object is no collection of the singular (its keys alone may still name its type).
        let (t, why) = evidence
            .guess(
                &s,
                &owner,
                "appliedConditionalAccessPolicies",
                &[&json!({"id": "1"})],
            )
            .unwrap();
        assert_eq!(
            t,
            TypeRef::Named("microsoft.graph.appliedConditionalAccessPolicy".into())
        );
        assert!(why.contains("every key"), "{why}");
    }

    #[test]
    fn an_object_fits_a_type_where_a_derived_type_has_its_keys() {
        let owner = ty("teamsAppDefinition", TypeKind::Entity, vec![]);
        let base = ty(
            "identitySet",
            TypeKind::Complex,
            vec![prop("user", prim("String"))],
        );
        let mut derived = ty(
            "chatMessageFromIdentitySet",
            TypeKind::Complex,
            vec![prop("conversation", prim("String"))],
        );
        derived.base = Some(base.name.clone());
        let holders: Vec<TypeDef> = (0..3)
            .map(|i| {
                ty(
                    &format!("t{i}"),
                    TypeKind::Entity,
                    vec![prop("createdBy", TypeRef::Named(base.name.clone()))],
                )
            })
            .collect();
        let mut all = vec![owner.clone(), base.clone(), derived];
        all.extend(holders);
        let s = schema(all);
        let evidence = NameEvidence::new(&s.types);
        let shown = json!({"user": null, "conversation": null});
        assert_eq!(
            evidence
                .guess(&s, &owner, "createdBy", &[&shown])
                .map(|g| g.0),
            Some(TypeRef::Named(base.name))
        );
        let foreign = json!({"user": null, "device": null});
        assert!(
            evidence
                .guess(&s, &owner, "createdBy", &[&foreign])
                .is_none()
        );
    }

    #[test]
    fn a_first_word_most_tables_agree_on() {
        let props: Vec<Property> = (b'A'..b'U')
            .map(|c| prop(&format!("is{}x", c as char), prim("Boolean")))
            .collect();
        let owner = ty("application", TypeKind::Entity, props);
        let s = schema(vec![owner.clone()]);
        let evidence = NameEvidence::new(&s.types);
        let (t, why) = evidence
            .guess(&s, &owner, "isDeviceOnlyAuthSupported", &[&Value::Null])
            .unwrap();
        assert_eq!(t, prim("Boolean"));
        assert!(why.contains("start with `is`"), "{why}");
        assert_eq!(first_word("isDeviceOnly"), Some("is"));
        assert_eq!(first_word("metadata"), None);
    }

    #[test]
    fn a_name_qualifying_a_sibling_holds_what_it_holds() {
        let scope = ty(
            "accessReviewReviewerScope",
            TypeKind::Complex,
            vec![prop("query", prim("String"))],
        );
        let scopes = TypeRef::collection(TypeRef::Named(scope.name.clone()));
        let owner = ty(
            "accessReviewScheduleDefinition",
            TypeKind::Entity,
            vec![prop("reviewers", scopes.clone())],
        );
        let s = schema(vec![owner.clone(), scope]);
        let evidence = NameEvidence::new(&s.types);
        let shown = json!([{"query": "/users"}]);
        let (t, why) = evidence
            .guess(&s, &owner, "backupReviewers", &[&shown])
            .unwrap();
        assert_eq!(t, scopes);
        assert!(why.contains("`reviewers`"), "{why}");
        // Not within a word: `previewers` qualifies nothing (though its keys alone may name
        // the type of its items).
        let (_, why) = evidence.guess(&s, &owner, "previewers", &[&shown]).unwrap();
        assert!(!why.contains("`reviewers`"), "{why}");
    }

    #[test]
    fn a_name_no_table_declares_takes_what_other_examples_show() {
        let owner = ty("teamsAppDefinition", TypeKind::Entity, vec![]);
        let s = schema(vec![owner.clone()]);
        let mut evidence = NameEvidence::new(&s.types);
        assert!(
            evidence
                .guess(&s, &owner, "permissions", &[&json!([])])
                .is_none()
        );
        let strings = TypeRef::collection(prim("String"));
        evidence.add_shown([prop("permissions", strings.clone())].iter());
        assert_eq!(
            evidence
                .guess(&s, &owner, "permissions", &[&json!([])])
                .map(|g| g.0),
            Some(strings)
        );
    }

    #[test]
    fn endings_are_whole_words_longest_first() {
        assert_eq!(
            endings("managerActionDateTime").collect::<Vec<_>>(),
            ["ActionDateTime", "DateTime", "Time"]
        );
        assert_eq!(endings("metadata").count(), 0);
    }
}
