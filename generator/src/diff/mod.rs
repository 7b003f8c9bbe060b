//! Semantic diff of two schemas (`docgen diff OLD NEW`): types, properties, property types, enum
//! members and operations added, removed or changed, each marked breaking or additive for the
//! generated Rust.
//!
//! Types are keyed by qualified name. Operations are keyed by their page (`api/user-update.md`;
//! plus the Rust name when a page holds several): every Graph operation has a page of its own,
//! and the page survives the doc rewrites that change example paths and parameter names. Between
//! two beta snapshots two weeks apart, `method` + first path matched only ~60% of the operations
//! (and is not even unique); the request type's Rust name matched as many as the page but is
//! renumbered (`UpdateAccount5` -> `UpdateAccount6`) when a page with the same name comes or goes,
//! which the page key reports as the rename it is for users.
//!
//! Only what reaches the generated Rust is compared: descriptions, source lines, nullability
//! (every field is an `Option`) and read-only markers are not.

mod render;

#[cfg(feature = "cli")]
pub mod input;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::schema::{Operation, Schema, TypeDef, TypeRef, split_source};

/// Whether code written against the old output still compiles against the new.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    /// Removes or retypes something users can name.
    Breaking,
    /// Adds something, or changes what existing code does not name.
    Additive,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    TypeAdded,
    TypeRemoved,
    TypeKindChanged,
    BaseChanged,
    PropertyAdded,
    PropertyRemoved,
    /// Declared on the type before, inherited from a base now: the Rust struct keeps the field.
    PropertyMovedToBase,
    PropertyTypeChanged,
    EnumMemberAdded,
    EnumMemberRemoved,
    EnumFlagsChanged,
    OperationAdded,
    OperationRemoved,
    /// The request type's Rust name changed.
    OperationRenamed,
    OperationMethodChanged,
    OperationPathChanged,
    OperationBodyChanged,
    OperationReturnChanged,
    OperationStatusChanged,
}

impl ChangeKind {
    /// `property type changed`.
    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::TypeAdded => "type added",
            ChangeKind::TypeRemoved => "type removed",
            ChangeKind::TypeKindChanged => "type kind changed",
            ChangeKind::BaseChanged => "base type changed",
            ChangeKind::PropertyAdded => "property added",
            ChangeKind::PropertyRemoved => "property removed",
            ChangeKind::PropertyMovedToBase => "property moved to a base type",
            ChangeKind::PropertyTypeChanged => "property type changed",
            ChangeKind::EnumMemberAdded => "enum member added",
            ChangeKind::EnumMemberRemoved => "enum member removed",
            ChangeKind::EnumFlagsChanged => "enum flags changed",
            ChangeKind::OperationAdded => "operation added",
            ChangeKind::OperationRemoved => "operation removed",
            ChangeKind::OperationRenamed => "operation renamed",
            ChangeKind::OperationMethodChanged => "operation method changed",
            ChangeKind::OperationPathChanged => "operation path changed",
            ChangeKind::OperationBodyChanged => "operation body changed",
            ChangeKind::OperationReturnChanged => "operation response changed",
            ChangeKind::OperationStatusChanged => "operation success status changed",
        }
    }
}

/// One change. Derives `Ord`: breaking first, then by kind and subject.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Change {
    pub impact: Impact,
    pub kind: ChangeKind,
    /// A type (`microsoft.graph.user`), a property or member (`microsoft.graph.user.displayName`)
    /// or an operation's page (`api/user-update.md`). For operations added or removed, `new` or
    /// `old` is the request type's Rust name.
    pub subject: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new: Option<String>,
    /// Additive, but a `match` over every variant stops compiling (an added enum member).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub breaks_exhaustive_match: bool,
}

/// Every change between two schemas, sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub summary: Summary,
    pub changes: Vec<Change>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub breaking: usize,
    pub additive: usize,
    pub breaks_exhaustive_match: usize,
    /// Counts by kind (`type_added` -> 3), kinds that did not occur left out.
    pub by_kind: BTreeMap<ChangeKind, usize>,
}

impl Report {
    fn new(mut changes: Vec<Change>) -> Report {
        changes.sort();
        changes.dedup();
        let mut summary = Summary::default();
        for c in &changes {
            match c.impact {
                Impact::Breaking => summary.breaking += 1,
                Impact::Additive => summary.additive += 1,
            }
            summary.breaks_exhaustive_match += usize::from(c.breaks_exhaustive_match);
            *summary.by_kind.entry(c.kind).or_default() += 1;
        }
        Report { summary, changes }
    }

    pub fn is_breaking(&self) -> bool {
        self.summary.breaking > 0
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

/// The changes from `old` to `new`.
pub fn diff(old: &Schema, new: &Schema) -> Report {
    let mut changes = Vec::new();
    let old_types: BTreeMap<&str, &TypeDef> =
        old.types.iter().map(|t| (t.name.as_str(), t)).collect();
    let new_types: BTreeMap<&str, &TypeDef> =
        new.types.iter().map(|t| (t.name.as_str(), t)).collect();
    for (name, t) in &old_types {
        match new_types.get(name) {
            None => changes.push(change(Impact::Breaking, ChangeKind::TypeRemoved, name)),
            Some(n) => diff_type((old, t), (new, n), &mut changes),
        }
    }
    for name in new_types.keys().filter(|n| !old_types.contains_key(*n)) {
        changes.push(change(Impact::Additive, ChangeKind::TypeAdded, name));
    }

    let old_ops = operations_by_key(old);
    let new_ops = operations_by_key(new);
    for (key, op) in &old_ops {
        match new_ops.get(key) {
            None => changes.push(Change {
                old: Some(op.rust.clone()),
                ..change(Impact::Breaking, ChangeKind::OperationRemoved, key)
            }),
            Some(n) => diff_operation(key, op, n, &mut changes),
        }
    }
    for (key, op) in new_ops.iter().filter(|(k, _)| !old_ops.contains_key(*k)) {
        changes.push(Change {
            new: Some(op.rust.clone()),
            ..change(Impact::Additive, ChangeKind::OperationAdded, key)
        });
    }
    Report::new(changes)
}

/// Operations by page; by page and Rust name where a page holds several, and for a request to
/// a URL the service hands out (so a page that gains one keeps its own operation's key). A
/// mentioned operation has no request type (`Operation::mentioned`), so no API of the crate to
/// compare.
fn operations_by_key(schema: &Schema) -> BTreeMap<String, &Operation> {
    let page = |o: &Operation| split_source(&o.source).0.to_owned();
    let requests = || schema.operations.iter().filter(|o| !o.mentioned);
    let mut per_page: BTreeMap<String, usize> = BTreeMap::new();
    for o in requests().filter(|o| !o.at_url()) {
        *per_page.entry(page(o)).or_default() += 1;
    }
    requests()
        .map(|o| {
            let page = page(o);
            let key = if o.at_url() || per_page[&page] > 1 {
                format!("{page}#{}", o.rust)
            } else {
                page
            };
            (key, o)
        })
        .collect()
}

fn change(impact: Impact, kind: ChangeKind, subject: &str) -> Change {
    Change {
        impact,
        kind,
        subject: subject.to_owned(),
        old: None,
        new: None,
        breaks_exhaustive_match: false,
    }
}

fn changed(kind: ChangeKind, subject: &str, old: String, new: String) -> Change {
    Change {
        old: Some(old),
        new: Some(new),
        ..change(Impact::Breaking, kind, subject)
    }
}

fn diff_type(
    (old_schema, old): (&Schema, &TypeDef),
    (new_schema, new): (&Schema, &TypeDef),
    out: &mut Vec<Change>,
) {
    let name = old.name.as_str();
    if old.kind != new.kind {
        out.push(changed(
            ChangeKind::TypeKindChanged,
            name,
            kind_text(old),
            kind_text(new),
        ));
    }
    if old.base != new.base {
        let text = |b: &Option<String>| b.clone().unwrap_or_else(|| "(none)".to_owned());
        out.push(changed(
            ChangeKind::BaseChanged,
            name,
            text(&old.base),
            text(&new.base),
        ));
    }
    let new_props: BTreeMap<&str, &TypeRef> = new
        .properties
        .iter()
        .map(|p| (p.name.as_str(), &p.ty))
        .collect();
    let old_props: BTreeMap<&str, &TypeRef> = old
        .properties
        .iter()
        .map(|p| (p.name.as_str(), &p.ty))
        .collect();
    // What the generated struct has: declared and inherited fields.
    let new_all: BTreeMap<&str, &TypeRef> = new_schema
        .all_properties(new)
        .into_iter()
        .map(|p| (p.name.as_str(), &p.ty))
        .collect();
    for (prop, ty) in &old_props {
        let subject = format!("{name}.{prop}");
        match (new_props.get(prop), new_all.get(prop)) {
            (Some(new_ty), _) if new_ty != ty => out.push(changed(
                ChangeKind::PropertyTypeChanged,
                &subject,
                ty.to_string(),
                new_ty.to_string(),
            )),
            (Some(_), _) => {}
            (None, Some(inherited)) if inherited == ty => out.push(change(
                Impact::Additive,
                ChangeKind::PropertyMovedToBase,
                &subject,
            )),
            (None, Some(inherited)) => out.push(changed(
                ChangeKind::PropertyTypeChanged,
                &subject,
                ty.to_string(),
                inherited.to_string(),
            )),
            (None, None) => out.push(Change {
                old: Some(ty.to_string()),
                ..change(Impact::Breaking, ChangeKind::PropertyRemoved, &subject)
            }),
        }
    }
    // A property now declared that the old struct inherited is no change to the struct.
    let old_all: BTreeSet<&str> = old_schema
        .all_properties(old)
        .into_iter()
        .map(|p| p.name.as_str())
        .collect();
    for (prop, ty) in &new_props {
        if !old_props.contains_key(prop) && !old_all.contains(prop) {
            out.push(Change {
                new: Some(ty.to_string()),
                ..change(
                    Impact::Additive,
                    ChangeKind::PropertyAdded,
                    &format!("{name}.{prop}"),
                )
            });
        }
    }

    let old_members: BTreeSet<&str> = old.members.iter().map(String::as_str).collect();
    let new_members: BTreeSet<&str> = new.members.iter().map(String::as_str).collect();
    for member in old_members.difference(&new_members) {
        out.push(change(
            Impact::Breaking,
            ChangeKind::EnumMemberRemoved,
            &format!("{name}.{member}"),
        ));
    }
    for member in new_members.difference(&old_members) {
        out.push(Change {
            breaks_exhaustive_match: true,
            ..change(
                Impact::Additive,
                ChangeKind::EnumMemberAdded,
                &format!("{name}.{member}"),
            )
        });
    }
    if old.flags != new.flags {
        out.push(changed(
            ChangeKind::EnumFlagsChanged,
            name,
            old.flags.to_string(),
            new.flags.to_string(),
        ));
    }
}

fn kind_text(t: &TypeDef) -> String {
    serde_json::to_value(t.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn diff_operation(key: &str, old: &Operation, new: &Operation, out: &mut Vec<Change>) {
    if old.rust != new.rust {
        out.push(changed(
            ChangeKind::OperationRenamed,
            key,
            old.rust.clone(),
            new.rust.clone(),
        ));
    }
    if old.method != new.method {
        out.push(changed(
            ChangeKind::OperationMethodChanged,
            key,
            old.method.clone(),
            new.method.clone(),
        ));
    }
    // The request type is built from the first path: its parameters are the struct's fields.
    let (old_path, new_path) = (old.paths.first(), new.paths.first());
    if old_path != new_path {
        let params = |op: &Operation| {
            op.path_templates
                .first()
                .map(|t| {
                    t.parameters()
                        .into_iter()
                        .map(str::to_owned)
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        };
        let text = |p: Option<&String>| p.cloned().unwrap_or_else(|| "(none)".to_owned());
        let mut c = changed(
            ChangeKind::OperationPathChanged,
            key,
            text(old_path),
            text(new_path),
        );
        if params(old) == params(new) {
            c.impact = Impact::Additive;
        }
        out.push(c);
    }
    let text = |t: &Option<TypeRef>| {
        t.as_ref()
            .map_or_else(|| "(none)".to_owned(), ToString::to_string)
    };
    if old.body != new.body {
        out.push(changed(
            ChangeKind::OperationBodyChanged,
            key,
            text(&old.body),
            text(&new.body),
        ));
    }
    // A success said to carry no body reads nothing (`()`), one of no known type any JSON.
    let response = |o: &Operation| match &o.return_type {
        None if o.no_content => "(no body)".to_owned(),
        t => text(t),
    };
    if (&old.return_type, old.no_content) != (&new.return_type, new.no_content) {
        out.push(changed(
            ChangeKind::OperationReturnChanged,
            key,
            response(old),
            response(new),
        ));
    }
    if old.status != new.status {
        let text = |s: Option<u16>| s.map_or_else(|| "(none)".to_owned(), |s| s.to_string());
        out.push(Change {
            impact: Impact::Additive,
            ..changed(
                ChangeKind::OperationStatusChanged,
                key,
                text(old.status),
                text(new.status),
            )
        });
    }
}
