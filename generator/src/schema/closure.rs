//! A subset of the schema: the operations and types of the selected pages, and everything the
//! Rust emitted for them needs, each as the whole schema defines it.
//!
//! The schema is built from every page first and cut afterwards, so names, bodies and types are
//! those of a full generation: a subset's files are byte-identical to the same files of the full
//! output. What a type's file holds decides what else is kept:
//! - its base and the types of its properties;
//! - the types derived from it, which its `Any<Type>` enum lists (and which fields of the type
//!   are read into);
//! - the update operations that send its `<Type>Patch` body, which its file defines.
//!
//! An operation needs the types of its body, parameters and responses.

use std::collections::{BTreeMap, BTreeSet};

use super::{Operation, OperationKind, Schema, TypeRef, split_source};

/// Keeps the operations and types whose page `selected` accepts, and their closure; returns the
/// pages the kept items come from (sorted).
pub fn keep_closure(schema: &mut Schema, selected: &dyn Fn(&str) -> bool) -> BTreeSet<String> {
    let derived = derived(schema);
    let page = |source: &str| split_source(source).0.to_owned();
    let mut types: BTreeSet<String> = BTreeSet::new();
    let mut ops: BTreeSet<usize> = BTreeSet::new();
    let mut work: Vec<String> = schema
        .types
        .iter()
        .filter(|t| selected(&page(&t.source)))
        .map(|t| t.name.clone())
        .collect();
    for (i, op) in schema.operations.iter().enumerate() {
        if selected(&page(&op.source)) {
            ops.insert(i);
            work.extend(operation_types(op));
        }
    }
    // Update operations by the type they send: its file defines their patch body.
    let mut updates: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, op) in schema.operations.iter().enumerate() {
        if let (OperationKind::Update, Some(TypeRef::Named(n))) = (op.kind, &op.body) {
            updates.entry(n.as_str()).or_default().push(i);
        }
    }
    while let Some(name) = work.pop() {
        let Some(ty) = schema.type_named(&name) else {
            continue;
        };
        if !types.insert(name.clone()) {
            continue;
        }
        work.extend(ty.base.iter().cloned());
        for p in &ty.properties {
            work.extend(named(&p.ty).map(str::to_owned));
        }
        if let Some(below) = derived.get(name.as_str()) {
            work.extend(below.iter().cloned());
        }
        for &i in updates.get(name.as_str()).into_iter().flatten() {
            if ops.insert(i) {
                work.extend(operation_types(&schema.operations[i]));
            }
        }
    }
    let mut index = 0;
    schema.operations.retain(|_| {
        index += 1;
        ops.contains(&(index - 1))
    });
    schema.types.retain(|t| types.contains(&t.name));
    let kept_ops: BTreeSet<String> = schema.operations.iter().map(|o| o.source.clone()).collect();
    let pages: BTreeSet<String> = schema
        .types
        .iter()
        .map(|t| page(&t.source))
        .chain(kept_ops.iter().map(|o| page(o)))
        .collect();
    // The examples of the kept pages that show a kept type; the request examples of the kept
    // operations.
    schema
        .examples
        .retain(|e| types.contains(&e.ty) && pages.contains(split_source(&e.source).0));
    schema
        .request_examples
        .retain(|e| kept_ops.contains(&e.operation));
    pages
}

/// Base -> every type derived from it, directly or not.
fn derived(schema: &Schema) -> BTreeMap<&str, Vec<String>> {
    let mut out: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for ty in &schema.types {
        for base in schema.ancestors(ty) {
            out.entry(base.name.as_str())
                .or_default()
                .push(ty.name.clone());
        }
    }
    out
}

/// The types an operation's request and response name.
fn operation_types(op: &Operation) -> Vec<String> {
    let refs = op
        .body
        .iter()
        .chain(&op.return_type)
        .chain(&op.representation)
        .chain(op.parameters.iter().map(|p| &p.ty))
        .chain(op.cast_responses.values());
    refs.filter_map(named)
        .chain(op.cast_responses.keys().map(String::as_str))
        .map(str::to_owned)
        .collect()
}

/// The named type a reference holds, through collections.
fn named(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Named(n) => Some(n),
        TypeRef::Collection(inner) => named(inner),
        TypeRef::Primitive(_) => None,
    }
}
