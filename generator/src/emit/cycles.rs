//! Which struct fields need a `Box`: a struct that holds itself through plain (non-collection)
//! fields, directly or through other structs (`Drive.owner: User`, `User.drive: Drive`), would
//! have infinite size.

use std::collections::{BTreeMap, BTreeSet};

use crate::schema::{Schema, TypeKind, TypeRef};

#[derive(Debug, Default)]
pub struct Cycles {
    /// Type -> the struct types it holds inline (not in a `Vec`), its own and inherited fields.
    holds: BTreeMap<String, BTreeSet<String>>,
}

impl Cycles {
    pub fn new(schema: &Schema) -> Self {
        let structs: BTreeSet<&str> = schema
            .types
            .iter()
            .filter(|t| t.kind != TypeKind::Enum)
            .map(|t| t.name.as_str())
            .collect();
        let holds = schema
            .types
            .iter()
            .filter(|t| t.kind != TypeKind::Enum)
            .map(|t| {
                let inline = schema
                    .all_properties(t)
                    .into_iter()
                    .filter_map(|p| match &p.ty {
                        TypeRef::Named(n) if structs.contains(n.as_str()) => Some(n.clone()),
                        _ => None,
                    })
                    .collect();
                (t.name.clone(), inline)
            })
            .collect();
        Cycles { holds }
    }

    /// Whether a field of `owner` holding `target` inline closes a cycle back to `owner`.
    pub fn needs_box(&self, owner: &str, target: &str) -> bool {
        let mut seen = BTreeSet::new();
        let mut stack = vec![target];
        while let Some(t) = stack.pop() {
            if t == owner {
                return true;
            }
            if !seen.insert(t) {
                continue;
            }
            if let Some(next) = self.holds.get(t) {
                stack.extend(next.iter().map(String::as_str));
            }
        }
        false
    }
}
