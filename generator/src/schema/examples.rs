//! The JSON examples whose type the schema knows: request bodies (the operation's body type),
//! responses (the annotation's `@odata.type`, else the operation's return type) and resource
//! representations. The emitter turns each into a round-trip test.

use serde::Serialize;

use super::index::Index;
use super::{Operation, OperationKind, TypeDef, TypeKind, TypeRef, split_source};
use crate::facts::{JsonSource, PageFacts};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Example {
    /// A name for the test: the annotation's `name`, else the page's file name, with the role.
    pub name: String,
    /// `file:line` of the JSON's first line in its page.
    pub source: String,
    /// `json` is the page's own text, so a line in it is a line of the page from `source` on.
    pub exact_lines: bool,
    pub role: ExampleRole,
    /// The qualified struct type the JSON holds (each item's type for a collection).
    pub ty: String,
    /// `{"value": [...]}`: a collection response.
    pub collection: bool,
    /// A request body of an update: read into the type's PATCH body.
    pub patch: bool,
    /// The JSON as the page writes it, else (when it needed lenient repairs) pretty-printed.
    pub json: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExampleRole {
    Request,
    Response,
    Resource,
}

/// How many example bodies there are, and why the ones without a test have none (those with
/// one are `Schema::examples`).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ExampleCounts {
    pub bodies: usize,
    pub not_an_object: usize,
    pub type_unknown: usize,
    pub type_not_a_struct: usize,
    pub collection_without_value: usize,
}

pub fn collect(
    facts: &[PageFacts],
    index: &Index,
    types: &[TypeDef],
    operations: &[Operation],
) -> (Vec<Example>, ExampleCounts) {
    let is_struct = |name: &str| {
        types
            .binary_search_by(|t| t.name.as_str().cmp(name))
            .is_ok_and(|i| types[i].kind != TypeKind::Enum)
    };
    let mut out = Vec::new();
    let mut counts = ExampleCounts::default();
    let mut push = |counts: &mut ExampleCounts,
                    name: String,
                    (page, at): (&str, Option<&JsonSource>),
                    role: ExampleRole,
                    ty: Option<&TypeRef>,
                    patch: bool,
                    body: &serde_json::Value| {
        counts.bodies += 1;
        let Some(object) = body.as_object() else {
            counts.not_an_object += 1;
            return;
        };
        let (ty, collection) = match ty {
            Some(TypeRef::Collection(inner)) => (inner.as_ref(), true),
            Some(t) => (t, false),
            None => {
                counts.type_unknown += 1;
                return;
            }
        };
        let TypeRef::Named(ty) = ty else {
            counts.type_not_a_struct += 1;
            return;
        };
        if !is_struct(ty) {
            counts.type_not_a_struct += 1;
            return;
        }
        let value_array = object.get("value").is_some_and(serde_json::Value::is_array);
        // `{"value": [...]}` and annotations only: a collection, whatever the annotation says.
        let collection =
            collection || value_array && object.keys().all(|k| k == "value" || k.contains('@'));
        if collection && !value_array {
            counts.collection_without_value += 1;
            return;
        }
        let strict = at.and_then(|s| s.strict_text.as_deref());
        out.push(Example {
            name,
            source: format!("{page}:{}", at.map_or(1, |s| s.line)),
            exact_lines: strict.is_some(),
            role,
            ty: ty.clone(),
            collection,
            patch,
            json: match strict {
                Some(text) => text.trim_end().to_owned(),
                None => serde_json::to_string_pretty(body).unwrap_or_default(),
            },
        });
    };

    let ops_by_page: std::collections::BTreeMap<&str, &Operation> = operations
        .iter()
        .map(|o| (split_source(&o.source).0, o))
        .collect();
    for page in facts {
        if let Some(resource) = &page.resource
            && let Some(json) = &resource.json
        {
            push(
                &mut counts,
                format!(
                    "{}_resource",
                    resource.name.rsplit('.').next().unwrap_or("")
                ),
                (&page.path, resource.json_source.as_ref()),
                ExampleRole::Resource,
                Some(&TypeRef::Named(resource.name.clone())),
                false,
                json,
            );
        }
        let Some(facts) = &page.operation else {
            continue;
        };
        let op = ops_by_page.get(page.path.as_str());
        for example in &facts.examples {
            let Some(body) = &example.body else { continue };
            let base = example
                .names
                .first()
                .cloned()
                .unwrap_or_else(|| facts.stem.clone());
            let source = (page.path.as_str(), example.body_source.as_ref());
            if example.request {
                let ty = op.and_then(|o| o.body.as_ref());
                let patch = op.is_some_and(|o| o.kind == OperationKind::Update);
                let name = format!("{base}_request");
                push(
                    &mut counts,
                    name,
                    source,
                    ExampleRole::Request,
                    ty,
                    patch,
                    body,
                );
            } else {
                let declared = example.odata_type.as_deref().and_then(|t| {
                    let lower = t.to_lowercase();
                    let (inner, collection) = match lower.strip_prefix("collection(") {
                        Some(_) => (&t["collection(".len()..t.len().saturating_sub(1)], true),
                        None => (t, example.is_collection),
                    };
                    let named = TypeRef::Named(index.lookup(inner, &page.namespace)?);
                    Some(if collection {
                        TypeRef::collection(named)
                    } else {
                        named
                    })
                });
                let ty = declared.or_else(|| op.and_then(|o| o.return_type.clone()));
                let name = format!("{base}_response");
                push(
                    &mut counts,
                    name,
                    source,
                    ExampleRole::Response,
                    ty.as_ref(),
                    false,
                    body,
                );
            }
        }
    }
    out.sort();
    (out, counts)
}
