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

use super::addressed::{Known, element, shape};
use super::index::Index;
use super::{Operation, OperationKind, Parameter, PathTemplate, Segment, TypeRef};
use crate::facts::{PageFacts, PathMention};
use crate::names::{NameSet, pascal_case};

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
        no_content: false,
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
        body_derived: false,
        unmatched_examples: Vec::new(),
        calls_elsewhere: BTreeMap::new(),
    })
}
