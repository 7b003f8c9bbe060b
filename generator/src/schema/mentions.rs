//! Bound operations that no page of their own documents, read from the paths other pages name
//! (`/teams/getAllMessages` in a table of subscription resources, a `resourceLocation` URL ending
//! in `workbook/sessionInfoResource(key='{key}')`).
//!
//! OData URL conventions decide what a path's last segment is. After a collection only a key,
//! a cast, `$count`/`$ref`-style system segments or a bound operation may follow; so a plain
//! name there that is no documented property (nor a type) names an operation bound to that
//! collection. After any resource, `name(p='...')` with named arguments is a function call
//! (a key in parentheses has no `=`). What a path prefix addresses is read from the documented
//! operations only: a list or collection-valued get addresses a collection of its element
//! type, a get an item of its return type, and an action or function path's parent its binding
//! type. Nothing is guessed where that does not say exactly one type.
//!
//! Such operations are in the dump with the `file:line` that names them, and marked
//! `mentioned`: no page gives their request or response, so no request type is emitted.

use std::collections::{BTreeMap, BTreeSet};

use super::index::Index;
use super::{Operation, OperationKind, Parameter, PathTemplate, Segment, TypeRef};
use crate::facts::{PageFacts, PathMention};
use crate::names::{NameSet, pascal_case};

/// What a path prefix addresses: a type, and whether as a collection (`None`: not known,
/// as for the parent of a bound operation's path, bound to an item or to a collection).
type Addressed = (String, Option<bool>);

/// The operations the pages' path mentions name, beyond those `operations` already holds.
pub fn mentioned_operations(
    facts: &[PageFacts],
    index: &Index,
    operations: &[Operation],
) -> Vec<Operation> {
    let known = Known::new(operations);
    let mut have: BTreeSet<(String, String)> = operations
        .iter()
        .filter(|o| matches!(o.kind, OperationKind::Action | OperationKind::Function))
        .map(|o| {
            let binding = o.binding_type.as_deref().map(element).unwrap_or_default();
            (o.name.to_lowercase(), binding.to_lowercase())
        })
        .collect();
    let mut mentions: Vec<(&PageFacts, &PathMention)> = facts
        .iter()
        .flat_map(|p| p.mentions.iter().map(move |m| (p, m)))
        .collect();
    // Page order: where several mentions name one operation, the first on its page is its source.
    mentions.sort_by(|a, b| {
        (a.0.path.as_str(), a.1.line, &a.1.path).cmp(&(b.0.path.as_str(), b.1.line, &b.1.path))
    });
    let mut out = Vec::new();
    for (page, mention) in mentions {
        let Some(op) = operation(page, mention, index, &known) else {
            continue;
        };
        let binding = op.binding_type.as_deref().map(element).unwrap_or_default();
        if have.insert((op.name.to_lowercase(), binding.to_lowercase())) {
            out.push(op);
        }
    }
    name_requests(operations, &mut out);
    out
}

/// Rust names for the dump, none taken from a documented operation (whose names stay as they
/// are whatever other pages mention).
fn name_requests(operations: &[Operation], mentioned: &mut [Operation]) {
    let mut used = NameSet::default();
    for op in operations {
        used.reserve(&op.rust);
    }
    for op in mentioned.iter_mut() {
        op.rust = used.unique(pascal_case(&op.rust));
    }
}

/// `Collection(x)` -> `x`.
fn element(binding: &str) -> &str {
    binding
        .strip_prefix("Collection(")
        .and_then(|b| b.strip_suffix(')'))
        .unwrap_or(binding)
}

/// The operation one mention names, if its last segment names one by the rules above.
fn operation(
    page: &PageFacts,
    mention: &PathMention,
    index: &Index,
    known: &Known,
) -> Option<Operation> {
    let template = PathTemplate::documented(&mention.path);
    let (last, prefix) = template.segments.split_last()?;
    if prefix.is_empty() {
        return None;
    }
    let (name, args) = match last {
        Segment::Literal { text } => (text.as_str(), None),
        Segment::Function { name, args } => (name.as_str(), Some(args)),
        _ => return None,
    };
    let is_name = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    // A documented property or relationship is a navigation; a type name, a cast.
    if !is_name
        || index.property_names.contains(&name.to_lowercase())
        || index.lookup(name, &page.namespace).is_some()
    {
        return None;
    }
    let (ty, collection) = known.addressed(&shape(prefix))?;
    let collection = collection == Some(true);
    // After an item, only a call with arguments in parentheses: a bare unknown name there may
    // be a navigation no page documents.
    if args.is_none() && !collection {
        return None;
    }
    // OData addresses a function by GET (and with arguments in parentheses); an action is
    // only invoked by POST. A path named as a resource (a subscription's resource, a URL in a
    // response) is one a client reads: a function, unless the page writes POST before it.
    let kind = match (mention.method.as_deref(), args) {
        (None | Some("GET"), _) => OperationKind::Function,
        (Some("POST"), None) => OperationKind::Action,
        _ => return None,
    };
    let source = format!("{}:{}", page.path, mention.line);
    let parameters = args
        .into_iter()
        .flatten()
        .map(|a| Parameter {
            name: a.name.clone(),
            ty: TypeRef::Primitive("String".to_owned()),
            source: source.clone(),
        })
        .collect();
    let binding = if collection {
        format!("Collection({ty})")
    } else {
        ty.clone()
    };
    let short = ty.rsplit('.').next().unwrap_or(&ty);
    Some(Operation {
        name: name.to_owned(),
        kind,
        method: if kind == OperationKind::Action {
            "POST"
        } else {
            "GET"
        }
        .to_owned(),
        paths: vec![template.template.clone()],
        path_templates: vec![template.clone()],
        binding_type: Some(binding),
        parameters,
        body: None,
        return_type: None,
        status: None,
        representation: None,
        cast_responses: BTreeMap::new(),
        query_options: Vec::new(),
        headers: Vec::new(),
        rust: format!("{short}-{name}-mentioned"),
        description: format!(
            "Named by the path `{}`; no page documents its request.",
            template.template
        ),
        source,
        mentioned: true,
    })
}

/// A path's segments as compared: lower-cased, every parameter or key `{}`, a call without
/// its arguments.
fn shape(segments: &[Segment]) -> Vec<String> {
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
struct Known {
    /// Absolute path shapes.
    absolute: BTreeMap<Vec<String>, BTreeSet<Addressed>>,
    /// Shapes of paths written relative to a parent resource (`/workbook/...`): they match the
    /// end of a longer path.
    relative: BTreeMap<Vec<String>, BTreeSet<Addressed>>,
}

impl Known {
    fn new(operations: &[Operation]) -> Self {
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
    fn addressed(&self, shape: &[String]) -> Option<(String, Option<bool>)> {
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
