//! What a path addresses, read from the documented operations (`Known`: a list or
//! collection-valued get addresses a collection of its element type, a get an item of its
//! return type, an action or function path's parent its binding type). Nothing is guessed where
//! that does not say exactly one type.

use std::collections::{BTreeMap, BTreeSet};

use super::{Operation, OperationKind, Segment, TypeRef};

/// What a path prefix addresses: a type, and whether as a collection (`None`: not known,
/// as for the parent of a bound operation's path, bound to an item or to a collection).
pub(crate) type Addressed = (String, Option<bool>);

/// `Collection(x)` -> `x`.
pub(crate) fn element(binding: &str) -> &str {
    binding
        .strip_prefix("Collection(")
        .and_then(|b| b.strip_suffix(')'))
        .unwrap_or(binding)
}

/// A path's segments as compared: lower-cased, every parameter or key `{}`, a call without
/// its arguments.
pub(crate) fn shape(segments: &[Segment]) -> Vec<String> {
    let mut out = Vec::new();
    for s in segments {
        match s {
            Segment::Literal { text } => out.push(text.to_lowercase()),
            Segment::Parameter { .. } => out.push("{}".to_owned()),
            Segment::Function { name, .. } => out.push(format!("{}()", name.to_lowercase())),
            Segment::Key { collection, .. } => {
                out.push(collection.to_lowercase());
                out.push("{}".to_owned());
            }
            Segment::Cast { type_name } => out.push(type_name.to_lowercase()),
            Segment::System { name } => out.push(name.to_lowercase()),
            Segment::PathAddress { base, .. } => out.push(format!("{}:", base.to_lowercase())),
        }
    }
    out
}

/// What the documented operations' paths address.
pub(crate) struct Known {
    /// Absolute path shapes.
    absolute: BTreeMap<Vec<String>, BTreeSet<Addressed>>,
    /// Shapes of paths written relative to a parent resource (`/workbook/...`): they match the
    /// end of a longer path.
    relative: BTreeMap<Vec<String>, BTreeSet<Addressed>>,
}

impl Known {
    pub(crate) fn new(operations: &[Operation]) -> Self {
        let mut known = Known {
            absolute: BTreeMap::new(),
            relative: BTreeMap::new(),
        };
        for op in operations {
            for t in &op.path_templates {
                let mut shape = shape(&t.segments);
                let addressed = match (op.kind, &op.return_type) {
                    (
                        OperationKind::List | OperationKind::Get,
                        Some(TypeRef::Collection(inner)),
                    ) => match inner.as_ref() {
                        TypeRef::Named(n) => (n.clone(), Some(true)),
                        _ => continue,
                    },
                    (OperationKind::Get, Some(TypeRef::Named(n))) => (n.clone(), Some(false)),
                    (OperationKind::Action | OperationKind::Function, _) => {
                        let Some(binding) = &op.binding_type else {
                            continue;
                        };
                        shape.pop();
                        let inner = element(binding);
                        let collection = (inner != binding).then_some(true);
                        (inner.to_owned(), collection)
                    }
                    _ => continue,
                };
                if shape.is_empty() {
                    continue;
                }
                let map = if t.relative {
                    &mut known.relative
                } else {
                    &mut known.absolute
                };
                map.entry(shape).or_default().insert(addressed);
            }
        }
        // A key follows only a collection: where `/chats/{id}` addresses a chat, `/chats` is a
        // collection of chats (and `/chats/{id}` itself one chat).
        for map in [&mut known.absolute, &mut known.relative] {
            let mut collections: Vec<(Vec<String>, Addressed)> = Vec::new();
            for (shape, set) in map.iter_mut() {
                let Some((last, parent)) = shape.split_last() else {
                    continue;
                };
                if last != "{}" || parent.is_empty() {
                    continue;
                }
                let items: BTreeSet<Addressed> = set
                    .iter()
                    .map(|(ty, _)| (ty.clone(), Some(false)))
                    .collect();
                for (ty, _) in &items {
                    collections.push((parent.to_vec(), (ty.clone(), Some(true))));
                }
                *set = items;
            }
            for (shape, addressed) in collections {
                map.entry(shape).or_default().insert(addressed);
            }
        }
        known
    }

    /// The one type a path shape addresses, with whether as a collection; `None` where the
    /// documented operations say nothing or disagree on the type.
    pub(crate) fn addressed(&self, shape: &[String]) -> Option<(String, Option<bool>)> {
        let found: BTreeSet<&Addressed> = match self.absolute.get(shape) {
            Some(set) => set.iter().collect(),
            None => self
                .relative
                .iter()
                .filter(|(tail, _)| shape.ends_with(tail))
                .flat_map(|(_, set)| set)
                .collect(),
        };
        let types: BTreeSet<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        let [ty] = types.into_iter().collect::<Vec<_>>()[..] else {
            return None;
        };
        let said: BTreeSet<bool> = found.iter().filter_map(|(_, c)| *c).collect();
        let collection = match said.into_iter().collect::<Vec<_>>()[..] {
            [one] => Some(one),
            _ => None,
        };
        Some((ty.to_owned(), collection))
    }
}
