//! The JSON examples whose type the schema knows: request bodies (the operation's body type),
//! responses (the annotation's `@odata.type`, else the operation's return type; primitives or
//! enum members in their `{"value": ...}`, one or a page of them, as the operation returns them)
//! and resource representations. The emitter turns each into a round-trip test. A doc
//! placeholder in one (`"String (timestamp)"` for a date) is reported at its line and replaced
//! in the test (`placeholders.rs`).

use memchr::memmem::Finder;
use serde::Serialize;

use super::index::Index;
use super::operations;
use super::placeholders::{self, Placeholder};
use super::request_examples::{self, RequestBody, RequestExample};
use super::{Operation, OperationKind, Schema, TypeKind, TypeRef};
use crate::diag::{Code, Diagnostic, Severity};
use crate::facts::{ExampleMessage, JsonSource, PageFacts};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Example {
    /// A name for the test: the annotation's `name`, else the page's file name, with the role.
    pub name: String,
    /// `file:line` of the JSON's first line in its page.
    pub source: String,
    /// `json` is the page's own text, so a line in it is a line of the page from `source` on.
    pub exact_lines: bool,
    pub role: ExampleRole,
    /// The qualified struct type the JSON holds (each item's type for a collection), or of a
    /// `scalar` one the Edm primitive (`Int32`) or the qualified enum.
    pub ty: String,
    /// `{"value": [...]}`: a collection response.
    pub collection: bool,
    /// `{"value": 42}` (or `{"value": ["a", "b"]}` with `collection`): the primitive or enum
    /// member `ty` an operation returns (a collection of), which its request reads as
    /// `support::Single` (`support::Page`) of it, the value and annotations beside it.
    pub scalar: bool,
    /// A request body of an update: read into the type's PATCH body.
    pub patch: bool,
    /// The JSON as the page writes it, else (when it needed lenient repairs or had placeholders
    /// replaced) pretty-printed.
    pub json: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExampleRole {
    Request,
    Response,
    Resource,
}

/// How `collect` reads an example body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Read {
    /// Into its struct type: an update's (`patch`) into the type's PATCH body; a
    /// `{"value": [...]}` example as a collection where the type does not say (`infer_collection`).
    Struct { patch: bool, infer_collection: bool },
    /// Primitives or enum members in `{"value": ...}`, one or a collection, as the request of
    /// an operation returning them reads them (`super::reads_values`).
    Scalar,
}

/// How many example bodies there are, and why the ones without a test have none (those with
/// one are `Schema::examples`).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ExampleCounts {
    pub bodies: usize,
    pub not_an_object: usize,
    pub type_unknown: usize,
    pub type_not_a_struct: usize,
    pub collection_without_value: usize,
    /// Examples that wrap their one object in `{"value": ...}` (or `{"value": [...]}` where the
    /// operation answers with one object); their tests read the object.
    pub enveloped: usize,
    /// Examples with a test whose doc placeholders were replaced, and how many placeholders.
    pub with_placeholders: usize,
    pub placeholders: usize,
}

/// The examples of `facts` whose type `schema` (types and operations, no examples yet) knows.
/// An `overruled` response example (`file:line`) is read as its operation's response, whatever
/// its annotation names (`responses::navigation_responses`).
pub fn collect(
    facts: &[PageFacts],
    index: &Index,
    schema: &Schema,
    overruled: &std::collections::BTreeSet<String>,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Example>, Vec<RequestExample>, ExampleCounts) {
    let opaque = schema.opaque_types();
    let properties = super::PropertyIndex::new(schema);
    let mut out = Vec::new();
    let mut requests = Vec::new();
    let mut counts = ExampleCounts::default();
    let mut push = |counts: &mut ExampleCounts,
                    name: String,
                    (page, at): (&PageFacts, Option<&JsonSource>),
                    role: ExampleRole,
                    ty: Option<&TypeRef>,
                    read: Read,
                    body: &serde_json::Value|
     -> Option<Example> {
        counts.bodies += 1;
        let mut strict = at.and_then(|s| s.strict_text.as_deref());
        let first_line = at.map_or(1, |s| s.line);
        let scalar = (read == Read::Scalar).then_some(ty).flatten();
        let (ty, collection, body) = match (read, ty) {
            // Any JSON, an object or not: the request reads each as its `Single` or `Page`.
            (Read::Scalar, Some(t)) => {
                // An element is never a collection.
                let (TypeRef::Primitive(name) | TypeRef::Named(name)) = t.element() else {
                    return None;
                };
                (name, matches!(t, TypeRef::Collection(_)), body)
            }
            (Read::Scalar, _) => {
                counts.type_not_a_struct += 1;
                return None;
            }
            (
                Read::Struct {
                    infer_collection, ..
                },
                ty,
            ) => {
                let at = (page.path.as_str(), first_line);
                let (ty, collection, held, enveloped) = struct_body(
                    body,
                    ty,
                    (role, infer_collection),
                    &properties,
                    at,
                    counts,
                    diags,
                )?;
                // The envelope's object, printed alone, is no text of the page's.
                if enveloped {
                    strict = None;
                }
                (ty, collection, held)
            }
        };
        let element = if let Some(scalar) = scalar {
            scalar.clone()
        } else if collection {
            TypeRef::collection(TypeRef::Named(ty.clone()))
        } else {
            TypeRef::Named(ty.clone())
        };
        let (replaced, found) = placeholders::replace(
            body,
            &element,
            collection || scalar.is_some(),
            &properties,
            &opaque,
            index,
            &page.namespace,
        );
        if !found.is_empty() {
            counts.with_placeholders += 1;
            counts.placeholders += found.len();
            let indent = at.map_or(0, |s| s.indent);
            report_placeholders(&page.path, &found, strict, (first_line, indent), diags);
        }
        let example = Example {
            name,
            source: format!("{}:{first_line}", page.path),
            exact_lines: strict.is_some() && found.is_empty(),
            role,
            ty: ty.clone(),
            collection,
            scalar: scalar.is_some(),
            patch: matches!(read, Read::Struct { patch: true, .. }),
            json: match strict {
                Some(text) if found.is_empty() => text.trim_end().to_owned(),
                _ => serde_json::to_string_pretty(replaced.as_ref().unwrap_or(body))
                    .unwrap_or_default(),
            },
        };
        // A request's copy is its call's body (`request_example`); no other is asked for.
        let request = (role == ExampleRole::Request).then(|| example.clone());
        out.push(example);
        request
    };

    let ops_by_page = super::page_operations(&schema.operations);
    // Notes on examples that call another page's operation (`push` holds `diags` meanwhile).
    let mut routed = Vec::new();
    // A request to a URL the service handed out has an operation of its own, by its line.
    let url_ops: std::collections::BTreeMap<&str, &Operation> = schema
        .operations
        .iter()
        .filter(|o| o.at_url())
        .map(|o| (o.source.as_str(), o))
        .collect();
    for page in facts {
        if let Some(resource) = &page.resource
            && let Some(json) = &resource.json
        {
            push(
                &mut counts,
                format!(
                    "resource_{}",
                    resource.name.rsplit('.').next().unwrap_or("")
                ),
                (page, resource.json_source.as_ref()),
                ExampleRole::Resource,
                Some(&TypeRef::Named(resource.name.clone())),
                Read::Struct {
                    patch: false,
                    infer_collection: true,
                },
                json,
            );
        }
        let Some(facts) = &page.operation else {
            continue;
        };
        // The operation of the request shown last: a response belongs to it.
        let mut op = None;
        for (example, method_op) in ops_by_page.examples(&page.path, facts) {
            if example.request {
                let at = format!("{}:{}", page.path, example.line);
                op = url_ops.get(at.as_str()).copied().or(method_op);
                if let Some(o) = op {
                    note_elsewhere(page, example, o, &mut routed);
                }
            } else if op.is_none_or(|o| !o.at_url()) {
                op = method_op;
            }
            let base = example
                .names
                .first()
                .cloned()
                .unwrap_or_else(|| facts.stem.clone());
            let source = (page, example.body_source.as_ref());
            if example.request {
                let typed = example.body.as_ref().and_then(|body| {
                    let ty = op.and_then(|o| o.body.as_ref());
                    let patch = op.is_some_and(|o| o.kind == OperationKind::Update);
                    let name = format!("request_{base}");
                    let role = ExampleRole::Request;
                    let read = Read::Struct {
                        patch,
                        infer_collection: true,
                    };
                    push(&mut counts, name, source, role, ty, read, body)
                });
                if let Some(op) = op {
                    requests.extend(request_example(page, example, op, base, typed));
                }
                continue;
            }
            let Some(body) = &example.body else { continue };
            let overruled = overruled.contains(&format!("{}:{}", page.path, example.line));
            let declared = example
                .odata_type
                .as_deref()
                .filter(|_| !overruled)
                .and_then(|t| {
                    let lower = t.to_lowercase();
                    let (inner, collection) = match lower.strip_prefix("collection(") {
                        Some(_) => (t.get("collection(".len()..t.len() - 1)?, true),
                        None => (t, example.is_collection),
                    };
                    let named = operations::annotated_type(inner, index, &page.namespace)?;
                    Some(if collection {
                        TypeRef::collection(named)
                    } else {
                        named
                    })
                });
            // Read as the request's `parse_response` reads it: a collection exactly when the
            // operation returns one, so a `{"value": [...]}` example of an operation typed as one
            // object fails its test (`value` lands in the catch-all) instead of passing as a page;
            // one of exactly one item is read as that item (`push`). Primitives serde reads as
            // they stand, or members of an enum, one or a collection, are read as the request's
            // `support::Single` or `support::Page` of the type the operation returns, whatever the
            // annotation names; ones read through an adapter (Int64, dates, a flags enum's
            // `"a,b"`) have no test.
            let returns = op.and_then(|o| o.return_type.as_ref());
            let values = returns.and_then(|r| {
                super::reads_values(r, |n| {
                    let t = properties.type_named(n)?;
                    (t.kind == TypeKind::Enum).then_some(t.flags)
                })
            });
            let (ty, read) = match returns {
                Some(_) if values.is_some() => (returns.cloned(), Read::Scalar),
                Some(r @ (TypeRef::Named(_) | TypeRef::Collection(_)))
                    if matches!(r.element(), TypeRef::Named(_)) =>
                {
                    let element = declared
                        .as_ref()
                        .map(|d| d.element().clone())
                        .filter(|d| matches!(d, TypeRef::Named(_)))
                        .unwrap_or_else(|| r.element().clone());
                    let ty = match r {
                        TypeRef::Collection(_) => TypeRef::collection(element),
                        _ => element,
                    };
                    let read = Read::Struct {
                        patch: false,
                        infer_collection: false,
                    };
                    (Some(ty), read)
                }
                _ => {
                    let read = Read::Struct {
                        patch: false,
                        infer_collection: true,
                    };
                    (declared.or_else(|| returns.cloned()), read)
                }
            };
            let name = format!("response_{base}");
            let role = ExampleRole::Response;
            push(&mut counts, name, source, role, ty.as_ref(), read, body);
        }
    }
    diags.append(&mut routed);
    out.sort();
    requests.sort();
    (out, requests, counts)
}

/// The struct type a body is read into, whether as a collection of it, and the JSON the test
/// reads: the body, or (`true` last) the one object a `{"value": ...}` envelope wraps, reported.
/// `None`, counted by why, for a body that holds no struct.
fn struct_body<'a>(
    body: &'a serde_json::Value,
    ty: Option<&'a TypeRef>,
    (role, infer_collection): (ExampleRole, bool),
    properties: &super::PropertyIndex<'_>,
    (path, first_line): (&str, usize),
    counts: &mut ExampleCounts,
    diags: &mut Vec<Diagnostic>,
) -> Option<(&'a String, bool, &'a serde_json::Value, bool)> {
    let Some(object) = body.as_object() else {
        counts.not_an_object += 1;
        return None;
    };
    let (ty, collection) = match ty {
        Some(TypeRef::Collection(inner)) => (inner.as_ref(), true),
        Some(t) => (t, false),
        None => {
            counts.type_unknown += 1;
            return None;
        }
    };
    let TypeRef::Named(ty) = ty else {
        counts.type_not_a_struct += 1;
        return None;
    };
    let Some(def) = properties
        .type_named(ty)
        .filter(|t| t.kind != TypeKind::Enum)
    else {
        counts.type_not_a_struct += 1;
        return None;
    };
    let value_array = object.get("value").is_some_and(serde_json::Value::is_array);
    // `{"value": [...]}` and annotations only: a collection, whatever the annotation says,
    // unless the type has a `value` property of its own (an extended property, an action's
    // `value` parameter): then it is one object.
    let own_value = properties.of(def).by_name.get("value").copied();
    let collection = collection
        || infer_collection
            && value_array
            && own_value.is_none()
            && object.keys().all(|k| k == "value" || k.contains('@'));
    if collection && !value_array {
        counts.collection_without_value += 1;
        return None;
    }
    // `{"value": {...}}` for one object (the doc stubs' template for a GET), or a response
    // page of exactly one item `{"value": [{...}]}` where the operation answers with one
    // object (a get whose path ends in a key): the page's error, reported; the test reads
    // the object, as the service sends it, so its keys are still held to the type.
    let inner = match object.get("value") {
        Some(v @ serde_json::Value::Object(_)) => Some((v, false)),
        Some(serde_json::Value::Array(items)) => match items.as_slice() {
            [item @ serde_json::Value::Object(_)] if role == ExampleRole::Response => {
                Some((item, true))
            }
            _ => None,
        },
        _ => None,
    };
    // A type with a `value` of its own (`workbookFunctionResult`) is still wrapped when the
    // object inside says it is of the type itself, unless that is what its `value` holds.
    let wraps_itself = |inner: &serde_json::Value| {
        inner
            .as_object()
            .and_then(super::evidence::odata_type)
            .is_some_and(|t| t.eq_ignore_ascii_case(ty))
            && own_value.is_none_or(|p| p.ty.element() != &TypeRef::Named(ty.clone()))
    };
    let (body, enveloped) = match inner {
        Some((inner, in_array))
            if !collection
                && (own_value.is_none() || wraps_itself(inner))
                && object.keys().all(|k| k == "value" || k.contains('@')) =>
        {
            counts.enveloped += 1;
            let short = ty.rsplit('.').next().unwrap_or(ty);
            let envelope = if in_array { "[...]" } else { "..." };
            diags.push(
                Diagnostic::new(
                    Severity::Warning,
                    Code::ExampleEnvelope,
                    path,
                    first_line,
                    1,
                )
                .message(format!(
                    "the example wraps the one {short} it shows in `{{\"value\": {envelope}}}`"
                ))
                .help("the service sends the object itself; its test reads the object"),
            );
            (inner, true)
        }
        _ => (body, false),
    };
    Some((ty, collection, body, enveloped))
}

/// A note where a request example calls another page's operation (`PageOperations::called`):
/// its path is one that page documents, and this page's syntax does not list.
fn note_elsewhere(
    page: &PageFacts,
    example: &ExampleMessage,
    op: &Operation,
    diags: &mut Vec<Diagnostic>,
) {
    let (file, line) = super::split_source(&op.source);
    if file == page.path {
        return;
    }
    let target = example.target.as_deref().unwrap_or_default();
    let path = request_examples::split_base(target).1;
    diags.push(
        Diagnostic::new(
            Severity::Note,
            Code::Conflict,
            &page.path,
            example.line,
            1,
        )
        .message(format!(
            "the request example calls `{} {}`, which `{file}:{line}` documents and this page's \
             syntax does not: it is read, and its test rebuilt, as that page's request",
            op.method,
            path.split('?').next().unwrap_or(&path)
        ))
        .help("list the path in the HTTP request section, or show the example on that page"),
    );
}

/// A request example as a call of `op`'s request type; its body is the typed example's JSON
/// (placeholders replaced) where there is one, else the page's JSON.
fn request_example(
    page: &PageFacts,
    example: &ExampleMessage,
    op: &Operation,
    base: String,
    typed: Option<Example>,
) -> Option<RequestExample> {
    let written = example.target.as_deref()?.trim();
    // A URL the service handed out is the constructor's one argument, as written; the
    // endpoint the test builds against is not part of it.
    let (base_url, target, call) = if op.at_url() {
        let url = written.split('?').next().unwrap_or(written).to_owned();
        let call = request_examples::Call {
            template: 0,
            args: vec![url],
            through_parent: false,
        };
        (
            request_examples::V1_BASE.to_owned(),
            written.to_owned(),
            Ok(call),
        )
    } else {
        let (base_url, target) = request_examples::split_base(written);
        let call = request_examples::match_path(&op.path_templates, &target);
        (base_url, target, call)
    };
    let body = match (typed, &example.body) {
        (Some(typed), _) => Some(RequestBody {
            source: typed.source,
            exact_lines: typed.exact_lines,
            json: typed.json,
        }),
        (None, Some(body)) => {
            let at = example.body_source.as_ref();
            let strict = at.and_then(|s| s.strict_text.as_deref());
            Some(RequestBody {
                source: format!("{}:{}", page.path, at.map_or(example.line, |s| s.line)),
                exact_lines: strict.is_some(),
                json: match strict {
                    Some(text) => text.trim_end().to_owned(),
                    None => serde_json::to_string_pretty(body).unwrap_or_default(),
                },
            })
        }
        (None, None) => None,
    };
    Some(RequestExample {
        name: format!("request_{base}"),
        source: format!("{}:{}", page.path, example.line),
        operation: op.source.clone(),
        method: example.method.clone().unwrap_or_default(),
        base_url,
        call,
        query: request_examples::query_pairs(&target),
        target,
        body,
    })
}

/// `a` or `an` before a type's name, by its first letter (`an Int32`, `a DateTimeOffset`).
fn article(name: &str) -> &'static str {
    match name.chars().next().map(|c| c.to_ascii_lowercase()) {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ => "a",
    }
}

/// A warning per placeholder at its page line: the `n`th placeholder with a given key and value
/// is on the `n`th line holding both (else the value alone; else the example's first line,
/// when the JSON needed repairs and its text is not the page's).
fn report_placeholders(
    page: &str,
    found: &[Placeholder],
    strict: Option<&str>,
    (first_line, indent): (usize, usize),
    diags: &mut Vec<Diagnostic>,
) {
    let lines: Vec<&str> = strict.map_or_else(Vec::new, |t| t.lines().collect());
    let mut seen: std::collections::BTreeMap<(&str, String), usize> = Default::default();
    let mut located = Vec::new();
    for p in found {
        let value = p.original.to_string();
        let key = format!("\"{}\"", p.key);
        let nth = seen.entry((&p.key, value.clone())).or_insert(0);
        // The value's line, by its text and key; else (an object, spelled otherwise on the
        // page) where the key's value starts.
        let nth_line = |matches: &dyn Fn(&str) -> bool| {
            lines
                .iter()
                .enumerate()
                .filter(|(_, l)| matches(l))
                .nth(*nth)
                .map(|(i, l)| (i, *l))
        };
        // Searchers set up once for all the lines.
        let (find_value, find_key) = (Finder::new(&value), Finder::new(&key));
        let has_value = |l: &str| find_value.find(l.as_bytes());
        let has_key = |l: &str| find_key.find(l.as_bytes());
        let at_value = nth_line(&|l| has_value(l).is_some() && has_key(l).is_some())
            .or_else(|| nth_line(&|l| has_value(l).is_some()))
            .map(|(i, l)| (i, has_value(l).unwrap_or(0), l, value.chars().count()));
        let at_key = || {
            nth_line(&|l| has_key(l).is_some()).map(|(i, l)| {
                let after = has_key(l).unwrap_or(0) + key.len();
                let rest = &l[after..];
                let start = rest.len() - rest.trim_start_matches([':', ' ', '\t']).len();
                (i, after + start, l, 0)
            })
        };
        let (line, col, len) = match at_value.or_else(at_key) {
            Some((i, at, text, len)) => {
                (first_line + i, indent + text[..at].chars().count() + 1, len)
            }
            None => (first_line, 1, 0),
        };
        *nth += 1;
        located.push(
            Diagnostic::new(Severity::Warning, Code::ExamplePlaceholder, page, line, col)
                .len(len)
                .message(format!(
                    "the example gives `{}` the placeholder {value} where {} {} belongs",
                    p.key,
                    article(&p.expected),
                    p.expected
                ))
                .help(format!(
                    "its test reads {} in its place; the page should give a real value",
                    p.replacement
                )),
        );
    }
    // In page order (they were found in key order).
    located.sort_by_key(|d| (d.line, d.col));
    diags.extend(located);
}
