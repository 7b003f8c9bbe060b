//! Request bodies: what an update, create or action sends, from any evidence on its page.
//!
//! The evidence, strongest first: the "Request body" section's link (`supply a JSON
//! representation of [x](x.md)`), the request example's `@odata.type`, the response type (an
//! update or create answers with what it sent; an update answering `204` may still link it in
//! its Response section), and for an update the one resource page whose Methods table lists it. Where two explicit pieces of evidence name different types, a note
//! names both places. A page that shows a body (a table, an example's JSON, a "JSON
//! representation" sentence) but names no type gets a body type of its own, made from its table
//! or, failing that, from its example JSON (`evidence::synthesize`).

use super::operations::Context;
use super::{BODY_NAMESPACE, OperationKind, TypeRef};
use crate::diag::{Code, Diagnostic, Severity};
use crate::facts::{OperationFacts, PageFacts, PropertyRow};
use crate::names::pascal_case;

/// The reference body of a `$ref` request: `{"@odata.id": "https://graph.microsoft.com/..."}`.
pub const REFERENCE_BODY: &str = "docgen.bodies.reference";

/// What the page shows of a request body: rows of a request-body table, a request example with
/// a JSON object that is not empty, or a sentence asking for a JSON representation.
pub fn shows_body(op: &OperationFacts) -> bool {
    !op.body_rows.is_empty()
        || example_sends_json(op)
        || op
            .body_text
            .to_lowercase()
            .contains("json representation of")
}

/// A request example of `op` sends a JSON object that is not empty.
pub(super) fn example_sends_json(op: &OperationFacts) -> bool {
    op.examples.iter().filter(|e| e.request).any(|e| {
        e.body
            .as_ref()
            .and_then(|b| b.as_object())
            .is_some_and(|o| !o.is_empty())
    })
}

/// One piece of evidence for the body type, with where the page shows it.
struct Evidence {
    ty: String,
    line: usize,
    what: &'static str,
}

/// The body of an operation of `kind` (`None`: the page shows none, or the kind sends none).
#[allow(clippy::too_many_arguments)]
pub fn body(
    page: &PageFacts,
    op: &OperationFacts,
    kind: OperationKind,
    last: &str,
    link_type: &dyn Fn(&[crate::read::Link]) -> Option<String>,
    return_type: Option<&TypeRef>,
    context: &Context<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Option<TypeRef> {
    let (index, listed_by) = (context.index, context.listed_by);
    let sends = matches!(op.method.as_str(), "POST" | "PUT" | "PATCH");
    if !sends {
        return None;
    }
    if last == "$ref" {
        report_entity_sent_to_reference(page, op, diags);
        return Some(TypeRef::Named(REFERENCE_BODY.to_owned()));
    }
    if last == "$value" || last.eq_ignore_ascii_case("content") {
        return Some(TypeRef::Primitive("Stream".to_owned()));
    }
    if !matches!(
        kind,
        OperationKind::Create | OperationKind::Update | OperationKind::Action
    ) {
        return None;
    }
    let shown = shows_body(op);
    // Parameters make an action's body (`action_bodies`); without a table, what the page names
    // (a POST the path does not reveal as a create), else a body made from the example.
    let typed_value = op
        .value_members
        .as_ref()
        .is_some_and(|v| super::operations::value_member_type(v, index, &page.namespace).is_some());
    if kind == OperationKind::Action && (!shown || !op.body_rows.is_empty() || typed_value) {
        return None;
    }
    let mut evidence: Vec<Evidence> = Vec::new();
    // The types the section links: the first, or where it names several derived from one base
    // (`an [ipNamedLocation] or [countryNamedLocation] object`), that base.
    let mut linked = op
        .body_links
        .iter()
        .filter_map(|l| link_type(std::slice::from_ref(l)));
    if let Some(first) = linked.next() {
        let ty = common_base(context, kind, first, linked);
        evidence.push(Evidence {
            ty,
            line: op.body_line.unwrap_or(op.line),
            what: "the Request body section links",
        });
    }
    // The request examples' `@odata.type`s, the same way (`room` and `roomList` are `place`s):
    // the body reads and writes any type derived from its base.
    let mut named = op.examples.iter().filter(|e| e.request).filter_map(|ex| {
        let t = ex
            .body
            .as_ref()
            .and_then(|b| b.get("@odata.type"))
            .and_then(|t| t.as_str())
            .map(|t| t.trim().trim_start_matches('#'))
            .filter(|t| !t.is_empty() && !t.contains(['(', ' ']))?;
        Some((
            index
                .lookup(t, &page.namespace)
                .unwrap_or_else(|| t.to_owned()),
            ex.line,
        ))
    });
    if let Some((first, line)) = named.next() {
        let ty = common_base(context, kind, first, named.map(|(t, _)| t));
        evidence.push(Evidence {
            ty,
            line,
            what: "the request example's `@odata.type` is",
        });
    }
    let explicit = evidence.len();
    if kind == OperationKind::Action {
        return Some(
            evidence
                .first()
                .map_or_else(|| own_body(op, index), |e| TypeRef::Named(e.ty.clone())),
        );
    }
    if let Some(TypeRef::Named(ty)) = return_type {
        let line = op
            .examples
            .iter()
            .find(|e| !e.request)
            .map_or(op.line, |e| e.line);
        evidence.push(Evidence {
            ty: ty.clone(),
            line,
            what: "the response is",
        });
    }
    // An update answering `204` may still link its entity (returned with `Prefer:
    // return=representation`).
    if kind == OperationKind::Update
        && return_type.is_none()
        && let Some(ty) = link_type(&op.response_links)
    {
        evidence.push(Evidence {
            ty,
            line: op.line,
            what: "the Response section links",
        });
    }
    if kind == OperationKind::Update
        && let Some([only]) = listed_by.map(Vec::as_slice)
    {
        evidence.push(Evidence {
            ty: only.clone(),
            line: op.line,
            what: "the one resource page whose Methods table lists this page is",
        });
    }
    let Some(chosen) = evidence.first() else {
        return shown.then(|| own_body(op, index));
    };
    // Only explicit evidence can contradict (a response or a listing may be a related type),
    // and a derived type is a value of its base (`fileAttachment` for `attachment`).
    if let Some(other) = evidence[1..explicit.max(1)]
        .iter()
        .find(|e| !context.derives(&e.ty, &chosen.ty))
    {
        diags.push(
            Diagnostic::new(Severity::Note, Code::Conflict, &page.path, other.line, 1).message(
                format!(
                    "{} `{}` here, but {} `{}` at {}:{}: the body is `{}`",
                    other.what, other.ty, chosen.what, chosen.ty, page.path, chosen.line, chosen.ty
                ),
            ),
        );
    }
    if !shown && kind == OperationKind::Create && chosen.what == "the response is" {
        // A create whose page shows no body and names no body type sends none (`POST .../send`
        // pages classified as creates answer with a type but take no input).
        return None;
    }
    Some(TypeRef::Named(chosen.ty.clone()))
}

/// A `$ref` path takes a reference to an entity (`{"@odata.id": "https://..."}`), as OData
/// defines it. A page that sends the entity itself there (the doc stubs'
/// `POST .../accessPackage/$ref` with the package's properties, and a request-body table
/// listing them) contradicts its own path: a warning names the path and what the page shows
/// instead, and the body stays the reference.
fn report_entity_sent_to_reference(
    page: &PageFacts,
    op: &OperationFacts,
    diags: &mut Vec<Diagnostic>,
) {
    // Annotations (`@odata.id`, `@odata.type`, `owner@odata.bind`) belong in a reference body.
    let property = |name: &&str| !name.contains('@');
    let mut shown = Vec::new();
    let sent = op.examples.iter().filter(|e| e.request).find_map(|e| {
        let keys: Vec<&str> = e
            .body
            .as_ref()?
            .as_object()?
            .keys()
            .map(String::as_str)
            .filter(property)
            .collect();
        (!keys.is_empty()).then_some((e.line, keys))
    });
    if let Some((line, keys)) = sent {
        shown.push(format!(
            "the request example at {}:{line} sends {}",
            page.path,
            some_names(&keys)
        ));
    }
    let rows: Vec<&PropertyRow> = op
        .body_rows
        .iter()
        .filter(|r| property(&r.name.as_str()))
        .collect();
    if let Some(first) = rows.first() {
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        shown.push(format!(
            "the request body table at {}:{} lists {}",
            page.path,
            first.line,
            some_names(&names)
        ));
    }
    if shown.is_empty() {
        return;
    }
    diags.push(
        Diagnostic::new(Severity::Warning, Code::Conflict, &page.path, op.line, 1).message(format!(
            "a `$ref` path takes a reference (`{{\"@odata.id\": \"https://graph.microsoft.com/...\"}}`), \
             but {}: the request type sends the reference",
            shown.join(", and ")
        )),
    );
}

/// `` `a`, `b`, `c` and 4 more ``: the first few of `names`.
fn some_names(names: &[&str]) -> String {
    let shown: Vec<String> = names.iter().take(3).map(|n| format!("`{n}`")).collect();
    match names.len() - shown.len() {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

/// The base `first` and `others` share, where the body is read and written as any type derived
/// from its base (an update's then as `Any<Base>Patch`, told apart by the examples'
/// `@odata.type`s: `educationFeedbackOutcome` and `educationPointsOutcome` updates send an
/// `educationOutcome`). An update naming one type sends that type's `<Type>Patch`.
fn common_base(
    context: &Context<'_>,
    kind: OperationKind,
    first: String,
    others: impl Iterator<Item = String>,
) -> String {
    let mut others = others.filter(|t| *t != first).peekable();
    if kind == OperationKind::Update && others.peek().is_none() {
        return first;
    }
    others
        .try_fold(first.clone(), |common, t| context.common_base(&common, &t))
        .unwrap_or(first)
}

/// A body type of the operation's own (`docgen.bodies.UserPostEventsBody`), defined from its
/// request-body table or its request example's JSON by `evidence::synthesize`.
fn own_body(op: &OperationFacts, index: &super::index::Index) -> TypeRef {
    TypeRef::Named(format!(
        "{BODY_NAMESPACE}.{}Body",
        pascal_case(&super::op_names::readable_name(op, index))
    ))
}

/// A create whose request-body table names properties its body type lacks (a create that takes
/// other input than the resource: `password` for a user's invitation, a template id) sends a
/// body type made from the table instead, with a note naming the row and the type's page. Run
/// once the types are built.
pub fn create_bodies(
    facts: &[PageFacts],
    index: &super::index::Index,
    types: &mut Vec<super::TypeDef>,
    operations: &mut [super::Operation],
    diags: &mut Vec<Diagnostic>,
) {
    use std::collections::{BTreeMap, BTreeSet};
    let pages: BTreeMap<&str, &PageFacts> = facts.iter().map(|f| (f.path.as_str(), f)).collect();
    let by_name: BTreeMap<&str, &super::TypeDef> =
        types.iter().map(|t| (t.name.as_str(), t)).collect();
    // Every property name of a type and its bases, lower-cased.
    let names_of = |name: &str| -> Option<(BTreeSet<String>, String)> {
        let mut ty = *by_name.get(name)?;
        let source = ty.source.clone();
        let mut names = BTreeSet::new();
        for _ in 0..32 {
            names.extend(ty.properties.iter().map(|p| p.name.to_lowercase()));
            match ty.base.as_deref().and_then(|b| by_name.get(b)) {
                Some(base) if base.name != ty.name => ty = base,
                _ => break,
            }
        }
        Some((names, source))
    };
    let mut made: Vec<super::TypeDef> = Vec::new();
    // (page, the body type a create's table replaced) -> the table's body: the page's requests
    // of other methods that send that type send the table's body too (`POST` a new message with
    // an extended property, `PATCH` an existing one: one request-body table).
    let mut replaced: BTreeMap<(String, String), String> = BTreeMap::new();
    for op in operations.iter_mut() {
        if op.kind != OperationKind::Create {
            continue;
        }
        let Some(TypeRef::Named(body)) = &op.body else {
            continue;
        };
        if body == REFERENCE_BODY {
            continue;
        }
        let Some((names, type_source)) = names_of(body) else {
            continue;
        };
        let (file, _) = super::split_source(&op.source);
        let Some(page) = pages.get(file) else {
            continue;
        };
        let Some(of) = &page.operation else { continue };
        let Some(row) = of
            .body_rows
            .iter()
            // `@odata.type` rows are annotations every model carries, not properties.
            .find(|r| !r.name.contains('@') && !names.contains(&r.name.to_lowercase()))
        else {
            continue;
        };
        // The request example sends what the table's type lacks, but only properties of the
        // body type (`files` of an agreement, where the table flattens a file's fields into its
        // rows): the example is the request as sent, so the body type stays.
        if let Some(example) = of
            .examples
            .iter()
            .filter(|e| e.request)
            .find(|e| fits_sent(e.body.as_ref(), &names, &of.body_rows))
        {
            diags.push(
                Diagnostic::new(Severity::Note, Code::Conflict, file, row.line, 1).message(
                    format!(
                        "the request body table names `{}`, which `{body}` ({type_source}) does \
                         not have, but the request example at {file}:{} sends only properties \
                         of `{body}`: the body stays `{body}`",
                        row.name, example.line
                    ),
                ),
            );
            continue;
        }
        let name = format!(
            "{BODY_NAMESPACE}.{}Body",
            pascal_case(&super::op_names::readable_name(of, index))
        );
        diags.push(
            Diagnostic::new(Severity::Note, Code::Conflict, file, row.line, 1).message(format!(
                "the request body table names `{}`, which `{body}` ({type_source}) does not have: \
                 the body is `{name}`, made from the table",
                row.name
            )),
        );
        let properties = of
            .body_rows
            .iter()
            .map(|r| super::types::row_property(r, false, page, index, None, diags))
            .collect();
        made.push(super::body_type(
            &name,
            op,
            properties,
            super::Origin::BodyTable,
        ));
        if !of.other_methods.is_empty() {
            replaced.insert((file.to_owned(), body.clone()), name.clone());
        }
        op.body = Some(TypeRef::Named(name));
    }
    for op in operations
        .iter_mut()
        .filter(|o| o.kind != OperationKind::Create)
    {
        let Some(TypeRef::Named(body)) = &op.body else {
            continue;
        };
        let file = super::split_source(&op.source).0.to_owned();
        if let Some(name) = replaced.get(&(file, body.clone())) {
            op.body = Some(TypeRef::Named(name.clone()));
        }
    }
    for def in made {
        if !types.iter().any(|t| t.name == def.name) {
            types.push(def);
        }
    }
}

/// Whether a request example's JSON object sends only properties in `names` (lower-cased;
/// annotations aside) and at least one the table does not list: the example contradicts the
/// table, not the type.
fn fits_sent(
    body: Option<&serde_json::Value>,
    names: &std::collections::BTreeSet<String>,
    rows: &[crate::facts::PropertyRow],
) -> bool {
    let Some(object) = body.and_then(serde_json::Value::as_object) else {
        return false;
    };
    let sent: Vec<String> = object
        .keys()
        .filter(|k| !k.contains('@'))
        .map(|k| k.to_lowercase())
        .collect();
    !sent.is_empty()
        && sent.iter().all(|k| names.contains(k))
        && sent
            .iter()
            .any(|k| !rows.iter().any(|r| r.name.eq_ignore_ascii_case(k)))
}
