//! Response types: the element type and whether the response is a collection.
//!
//! The element comes from a cast segment ending the path (`/directory/deletedItems/
//! microsoft.graph.group` answers groups, whatever the annotation's base type), else the
//! response annotation's `@odata.type`, else the Response section's link, else a primitive it
//! names ("a String collection in the response body"). The response is a
//! collection when any evidence says so: the annotation (`isCollection`, `Collection(...)`),
//! "collection of" in the Response section, or a path that addresses a collection property.
//! (`{"value": [...]}` examples are weighed in `mod.rs`, once the types' own properties are known.)
//! Where the annotation names one object and other evidence a collection, a note says so.

use super::index::Index;
use super::operations::annotated_type;
use super::{OperationKind, TypeRef};
use crate::diag::{Code, Diagnostic, Severity};
use crate::facts::{ExampleMessage, OperationFacts, PageFacts};

pub fn return_type(
    page: &PageFacts,
    op: &OperationFacts,
    kind: OperationKind,
    segments: &[&str],
    link_type: &dyn Fn(&[crate::read::Link]) -> Option<String>,
    index: &Index,
    diags: &mut Vec<Diagnostic>,
) -> Option<TypeRef> {
    let ns = page.namespace.as_str();
    let response = op.examples.iter().find(|e| !e.request);
    let last = segments.last().copied().unwrap_or_default();
    // Only a read is a cast: a POST to `/users/{id}/microsoft.graph.x` calls the action `x`.
    // Every path must end in the same cast: `deletedItems/microsoft.graph.group` and
    // `.../microsoft.graph.user` on one page share the annotation's base type instead.
    let same_cast = op.paths.iter().all(|p| {
        let p = p.split('?').next().unwrap_or(p).trim_end_matches('/');
        p.rsplit('/').next() == Some(last)
    });
    let cast = (op.method == "GET" && same_cast)
        .then(|| cast_type(last, index, ns))
        .flatten()
        .map(TypeRef::Named);
    // (element, the annotation says a collection, the annotation's line)
    let annotated = response.and_then(|e| {
        let t = e.odata_type.as_deref()?;
        // `Collection(x)` in any case; a bare `collection(` (nothing inside) is no type.
        let (inner, coll) = match super::after_collection(t) {
            Some(rest) => (rest.strip_suffix(')').unwrap_or(rest), true),
            None => (t, e.is_collection),
        };
        if inner.trim().is_empty() || names_none(inner, index, ns) {
            return None;
        }
        let named =
            annotated_type(inner, index, ns).unwrap_or_else(|| TypeRef::Named(inner.to_owned()));
        Some((named, coll, e.line))
    });
    let linked = || link_type(&op.response_links).map(TypeRef::Named);
    let element = match (&cast, &annotated) {
        (Some(c), Some((a, _, line))) if !same(a, c) => {
            diags.push(
                Diagnostic::new(Severity::Note, Code::Conflict, &page.path, *line, 1).message(
                    format!(
                        "the response annotation names `{a}`, but the path at {}:{} ends in the \
                         cast `{last}`: the response is `{c}`",
                        page.path, op.line
                    ),
                ),
            );
            c.clone()
        }
        (Some(c), _) => c.clone(),
        (None, Some((a, _, _))) => a.clone(),
        (None, None) => linked()
            .or_else(|| prose_primitive(&op.response_text))
            .or_else(|| example_primitive(response?))?,
    };

    // The response example's shape: a single object contradicts "collection" prose.
    let example_single = response
        .and_then(|e| e.body.as_ref()?.as_object())
        .map(|o| !o.get("value").is_some_and(|v| v.is_array()));
    let mut reasons: Vec<String> = Vec::new();
    if annotated.as_ref().is_some_and(|(_, coll, _)| *coll) {
        reasons.push("the response annotation".to_owned());
    }
    let prose = op.response_text.to_lowercase();
    // With nothing but a link, any "collection" names what the link's objects come in, as
    // "a list of [teamsApp] objects" does.
    let says_collection = if annotated.is_some() {
        prose.contains("collection of")
    } else {
        prose.contains("collection") || prose.contains("list of")
    };
    if says_collection {
        match (example_single, response) {
            (Some(true), Some(e)) => diags.push(
                Diagnostic::new(Severity::Note, Code::Conflict, &page.path, e.line, 1).message(
                    format!(
                        "the Response section says a collection (the operation at {}:{}), but \
                         this example is one object: the response is one `{element}`",
                        page.path, op.line
                    ),
                ),
            ),
            _ => reasons.push("the Response section's \"collection\"".to_owned()),
        }
    }
    // The collection a path addresses: a collection property last, or before a cast. Names are
    // matched across all types, so this is weak: only where no annotation or example says more.
    let addressed = if cast.is_some() {
        segments.len().checked_sub(2).map(|i| segments[i])
    } else {
        Some(last)
    };
    let collection_path = kind == OperationKind::List || cast.is_some();
    if collection_path
        && annotated.is_none()
        && example_single != Some(true)
        && let Some(seg) = addressed
        && !seg.starts_with(['{', '$'])
        && !seg.ends_with([')', '}'])
        && index
            .collection_property_names
            .contains(&seg.to_lowercase())
    {
        reasons.push(format!("the path, whose `{seg}` is a collection"));
    }
    if reasons.is_empty()
        && annotated.is_none()
        && example_single != Some(true)
        && kind == OperationKind::List
    {
        // Nothing but the link: a list of what it links.
        reasons.push("the list kind".to_owned());
    }
    if reasons.is_empty() {
        return Some(element);
    }
    if let Some((_, false, line)) = &annotated {
        diags.push(
            Diagnostic::new(Severity::Note, Code::Conflict, &page.path, *line, 1).message(format!(
                "the response annotation names one `{element}`, but {} says a collection \
                     (the operation at {}:{}): the response is a collection",
                reasons.join(" and "),
                page.path,
                op.line
            )),
        );
    } else if kind == OperationKind::Get
        && op.method == "GET"
        && cast.is_none()
        && last.starts_with(|c: char| c.is_ascii_alphabetic())
        // Not a call, nor a key written in the path (`/sites/contoso.sharepoint.com`).
        && !last.contains(['(', '.'])
    {
        // The path ends in a singleton or a property no table declares a collection: the
        // service answers one entity there, yet the page says a collection.
        let said = match &annotated {
            Some(_) => "the response annotation".to_owned(),
            None => reasons.join(" and "),
        };
        let one = if segments.len() == 1 {
            "a singleton: no documented path follows it by a key"
        } else {
            "a property no table declares a collection"
        };
        diags.push(
            Diagnostic::new(Severity::Note, Code::Conflict, &page.path, op.line, 1).message(
                format!(
                    "the path ends in `{last}`, {one} (one `{element}`), but {said} says a \
                     collection: the response is a collection"
                ),
            ),
        );
    }
    Some(TypeRef::collection(element))
}

/// The primitive the Response section names as the body, by Edm's own name, which pages
/// never link: "returns a `200 OK` response code and a String collection in the response body",
/// "... and a Stream in the response body". (Whether it is a collection is the section's
/// "collection", read with the rest of the evidence.)
fn prose_primitive(text: &str) -> Option<TypeRef> {
    let before = &text[..text.find(" in the response body")?];
    let before = before.strip_suffix(" collection").unwrap_or(before);
    let mut words = before.rsplit(' ');
    let (name, article) = (words.next()?, words.next()?);
    let edm = name == "Stream" || super::type_cell::CANONICAL.contains(&name);
    (edm && matches!(article, "a" | "an")).then(|| TypeRef::Primitive(name.to_owned()))
}

/// The primitive a response example shows alone, where nothing else types the response:
/// `{"value": true}` (beside OData's own `@odata.context`), the shape in which OData sends one
/// primitive. A number is `Int32` where it fits, else `Int64`, with a fraction `Double`.
fn example_primitive(example: &ExampleMessage) -> Option<TypeRef> {
    let body = example.body.as_ref()?.as_object()?;
    let mut others = body.keys().filter(|k| !k.starts_with("@odata."));
    if others.next().map(String::as_str) != Some("value") || others.next().is_some() {
        return None;
    }
    let edm = match body.get("value")? {
        serde_json::Value::Bool(_) => "Boolean",
        serde_json::Value::String(_) => "String",
        serde_json::Value::Number(n) if n.is_f64() => "Double",
        serde_json::Value::Number(n) => match n.as_i64().map(i32::try_from) {
            Some(Ok(_)) => "Int32",
            _ => "Int64",
        },
        _ => return None,
    };
    Some(TypeRef::Primitive(edm.to_owned()))
}

/// An annotation's type `None` (`"@odata.type": "microsoft.graph.None"`, in any case) that no
/// page defines: the pages' way to say that the response has no type, as its example has no body.
fn names_none(name: &str, index: &Index, ns: &str) -> bool {
    let short = name.rsplit('.').next().unwrap_or(name);
    short.trim().eq_ignore_ascii_case("none") && index.lookup(name, ns).is_none()
}

/// Whether the response example's annotation names the type `None` ([`names_none`]).
pub fn annotated_none(op: &OperationFacts, index: &Index, ns: &str) -> bool {
    let response = op.examples.iter().find(|e| !e.request);
    response
        .and_then(|e| e.odata_type.as_deref())
        .is_some_and(|t| names_none(t, index, ns))
}

/// Whether the Response section says a success carries no body: a sentence that puts a
/// negation among the few words before "response body" ("It does not return anything in the
/// response body", "... and an empty response body", "... but not a response body"). A
/// sentence about an error ("... returns `400 Bad Request` and no response body") says nothing
/// of a success.
pub fn says_no_body(text: &str) -> bool {
    const NEGATIONS: [&str; 6] = ["no", "not", "nothing", "empty", "without", "never"];
    let lower = text.to_lowercase();
    lower.split(". ").any(|sentence| {
        let Some(at) = sentence.find("response body") else {
            return false;
        };
        let error = sentence.contains("error")
            || sentence
                .split(|c: char| !c.is_ascii_digit())
                .any(|n| n.len() == 3 && matches!(n.as_bytes()[0], b'4' | b'5'));
        let words = sentence[..at].split_whitespace().rev().take(6);
        let negated = words
            .map(|w| w.trim_matches(|c: char| !c.is_ascii_alphabetic() && c != '\''))
            .any(|w| NEGATIONS.contains(&w) || w.ends_with("n't"));
        negated && !error
    })
}

fn same(a: &TypeRef, b: &TypeRef) -> bool {
    a.to_string().eq_ignore_ascii_case(&b.to_string())
}

/// The type a cast segment names: one the pages define, or one in the page's namespace (a host
/// name such as `contoso.sharepoint.com` is a key, not a cast).
pub fn cast_type(segment: &str, index: &Index, ns: &str) -> Option<String> {
    if !is_cast(segment) {
        return None;
    }
    let in_namespace = segment
        .rsplit_once('.')
        .is_some_and(|(prefix, _)| prefix.eq_ignore_ascii_case(ns));
    index
        .lookup(segment, ns)
        .or_else(|| in_namespace.then(|| segment.to_owned()))
}

/// A type-cast segment: a qualified name (`microsoft.graph.group`), not a call or a key.
pub fn is_cast(segment: &str) -> bool {
    let s = segment.trim_start_matches('#');
    s.contains('.')
        && !s.starts_with('.')
        && !s.ends_with('.')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
        && s.split('.')
            .all(|w| w.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
}

/// A response example `{"value": [...]}` makes the response a collection of the element type,
/// unless that type has a `value` property of its own (then the example is one object). Run
/// once the types' properties are known.
pub fn value_array_collections(
    facts: &[PageFacts],
    schema: &mut super::Schema,
    diags: &mut Vec<Diagnostic>,
) {
    let pages: std::collections::BTreeMap<&str, &PageFacts> =
        facts.iter().map(|f| (f.path.as_str(), f)).collect();
    let mut changes: Vec<(usize, TypeRef)> = Vec::new();
    let page_ops = super::page_operations(&schema.operations);
    for (i, op) in schema.operations.iter().enumerate() {
        let Some(element @ (TypeRef::Named(_) | TypeRef::Primitive(_))) = &op.return_type else {
            continue;
        };
        // Its response is the one shown after its own example, not the page's.
        if op.at_url() {
            continue;
        }
        if let TypeRef::Named(name) = element
            && let Some(ty) = schema.type_named(name)
            && schema.all_properties(ty).iter().any(|p| p.name == "value")
        {
            continue;
        }
        let (file, _) = super::split_source(&op.source);
        let Some(of) = pages.get(file).and_then(|p| p.operation.as_ref()) else {
            continue;
        };
        // The response examples shown with the operation's own requests.
        let responses = || {
            page_ops
                .examples_of(file, of, op)
                .filter(|e| !e.request)
                .filter_map(|e| Some((e, e.body.as_ref()?.as_object()?)))
        };
        let page_example = responses()
            .find(|(_, o)| o.get("value").is_some_and(|v| v.is_array()))
            .map(|(e, _)| e);
        let Some(example) = page_example else {
            continue;
        };
        // Another example of one object (`GET /onlineMeetings/{id}` beside a `$filter` query's
        // page): the page shows both; the operation keeps one object, and says so.
        let single = responses()
            .find(|(_, o)| !o.contains_key("value") && !o.is_empty())
            .map(|(e, _)| e);
        if op.kind == OperationKind::Get && op.path_templates.iter().all(|t| t.ends_in_key()) {
            // The path ends in a key: one item. The page contradicts itself; say so.
            diags.push(
                Diagnostic::new(Severity::Note, Code::Conflict, file, example.line, 1).message(
                    format!(
                        "this response example is a `{{\"value\": [...]}}` page, but the path at \
                         {} addresses one item: the response stays one `{element}`",
                        op.source
                    ),
                ),
            );
            continue;
        }
        if let Some(single) = single {
            diags.push(
                Diagnostic::new(Severity::Note, Code::Conflict, file, example.line, 1).message(
                    format!(
                        "this response example is a `{{\"value\": [...]}}` page, but the one at \
                         {file}:{} is one `{element}`: the response stays one object",
                        single.line
                    ),
                ),
            );
            continue;
        }
        diags.push(
            Diagnostic::new(Severity::Note, Code::Conflict, file, example.line, 1).message(
                format!(
                    "this response example is a `{{\"value\": [...]}}` page, where the rest of the \
                     page names one `{element}` (the operation at {}): the response is a collection",
                    op.source
                ),
            ),
        );
        changes.push((i, TypeRef::collection(element.clone())));
    }
    for (i, ty) in changes {
        schema.operations[i].return_type = Some(ty);
    }
}

/// For paths that end in different casts, what each cast's paths respond with: the cast type,
/// a collection of it where the operation responds with a collection.
pub fn cast_responses(
    op: &OperationFacts,
    paths: &[String],
    return_type: Option<&TypeRef>,
    index: &Index,
    ns: &str,
) -> std::collections::BTreeMap<String, TypeRef> {
    let mut out = std::collections::BTreeMap::new();
    let Some(return_type) = return_type else {
        return out;
    };
    if op.method != "GET" {
        return out;
    }
    for path in paths {
        let path = path.split('?').next().unwrap_or(path).trim_end_matches('/');
        let last = path.rsplit('/').next().unwrap_or_default();
        let Some(cast) = cast_type(last, index, ns) else {
            continue;
        };
        let named = TypeRef::Named(cast.clone());
        if return_type.element() == &named {
            continue;
        }
        let ty = match return_type {
            TypeRef::Collection(_) => TypeRef::collection(named),
            _ => named,
        };
        out.insert(cast, ty);
    }
    out
}

/// A read whose path follows a documented navigation property (`/teams/{id}/channels/{id}/
/// filesFolder`: a channel's `filesFolder`, a `driveItem`) responds with the property's type,
/// and a create that POSTs to a collection-valued one with an item of it. Every path of the
/// operation must follow a navigation, all to one type.
/// Where the response annotation (or the Response section's link) names a type that is neither
/// that type, nor derives from it, nor is a base of it, the page contradicts its own resource
/// pages: the navigation's type decides, and a warning names both places. Run once the types'
/// own properties are known, before examples complete them (the example then completes the
/// type it shows, not the one the annotation names by mistake).
pub fn navigation_responses(
    facts: &[PageFacts],
    types: &[super::TypeDef],
    operations: &mut [super::Operation],
    diags: &mut Vec<Diagnostic>,
) -> std::collections::BTreeSet<String> {
    use super::addressed::{Known, Navigation};
    let mut overruled = std::collections::BTreeSet::new();
    let pages: std::collections::BTreeMap<&str, &PageFacts> =
        facts.iter().map(|f| (f.path.as_str(), f)).collect();
    let known = Known::new(operations);
    let navigation = Navigation::new(&known, types);
    let mut changes: Vec<(usize, TypeRef)> = Vec::new();
    for (i, op) in operations.iter().enumerate() {
        // A read answers what its path addresses; a create (a POST to a collection) one item
        // of it.
        let create = op.kind == OperationKind::Create && op.method == "POST";
        let read =
            matches!(op.kind, OperationKind::Get | OperationKind::List) && op.method == "GET";
        if !(read || create) || op.mentioned || op.at_url() {
            continue;
        }
        let Some(TypeRef::Named(answered)) = op.return_type.as_ref().map(TypeRef::element) else {
            continue;
        };
        // Every path must follow a navigation, and all to one type: a page that reads
        // several resources (`/me/messages/{id}`, `/me/events/{id}`, ...) or one by a path no
        // documented navigation reaches says nothing against its annotation.
        let navigated: Option<std::collections::BTreeSet<_>> = op
            .path_templates
            .iter()
            .map(|t| navigation.step(&t.segments))
            .collect();
        let Some(navigated) = navigated else {
            continue;
        };
        let mut types_named = navigated.iter().map(|n| n.ty.to_lowercase());
        let Some(first) = types_named.next() else {
            continue;
        };
        if types_named.any(|t| t != first) {
            continue;
        }
        let nav = navigated.first().expect("one navigation at least");
        if create && !navigated.iter().all(|n| n.collection) {
            continue;
        }
        // A name no page or example defines says nothing of how it relates.
        if navigation.type_named(answered).is_none()
            || navigation.derives(answered, &nav.ty)
            || navigation.derives(&nav.ty, answered)
        {
            continue;
        }
        let (file, op_line) = super::split_source(&op.source);
        let annotation = pages
            .get(file)
            .and_then(|p| p.operation.as_ref())
            .and_then(|of| {
                of.own_examples_of(&op.method)
                    .find(|e| !e.request)
                    .filter(|e| e.odata_type.is_some())
            });
        let (line, evidence) = match annotation {
            Some(e) => (e.annotation_line, "the response annotation".to_owned()),
            None => (op_line, "the Response section".to_owned()),
        };
        let path = op
            .path_templates
            .iter()
            .find(|t| navigation.step(&t.segments).as_ref() == Some(nav))
            .map_or(String::new(), |t| t.template.clone());
        let decided = match op.return_type.as_ref() {
            Some(TypeRef::Collection(_)) => TypeRef::collection(TypeRef::Named(nav.ty.clone())),
            _ => TypeRef::Named(nav.ty.clone()),
        };
        diags.push(
            Diagnostic::new(Severity::Warning, Code::Conflict, file, line, 1).message(format!(
                "{evidence} names `{answered}`, but the path `{path}` (the operation at {}) \
                 follows `{}.{}`, typed `{}` at {}: `{answered}` is neither that type nor \
                 derived from it nor its base, so the response is `{decided}`",
                op.source, nav.owner, nav.property, nav.ty, nav.source
            )),
        );
        changes.push((i, decided));
        let names_answered = |t: &str| {
            let t = t.trim_start_matches('#');
            let t = super::after_collection(t).map_or(t, |rest| rest.trim_end_matches(')'));
            answered.eq_ignore_ascii_case(t)
                || answered
                    .to_lowercase()
                    .ends_with(&format!(".{}", t.to_lowercase()))
        };
        if let Some(of) = pages.get(file).and_then(|p| p.operation.as_ref()) {
            overruled.extend(
                of.own_examples_of(&op.method)
                    .filter(|e| !e.request && e.odata_type.as_deref().is_some_and(names_answered))
                    .map(|e| format!("{file}:{}", e.line)),
            );
        }
    }
    for (i, ty) in changes {
        operations[i].return_type = Some(ty);
    }
    overruled
}

#[cfg(test)]
mod tests {
    use super::says_no_body;

    #[test]
    fn a_negation_before_response_body_says_a_success_has_none() {
        for said in [
            "If successful, this method returns `202 Accepted` response code. It does not return anything in the response body.",
            "If successful, this method returns a `200 OK` response code and an empty response body.",
            "This method returns `204 No Content` response code and no response body.",
            "It doesn't return anything in the response body.",
            "The response includes only a response code but not a response body.",
        ] {
            assert!(says_no_body(said), "{said}");
        }
        for not_said in [
            "If successful, this method returns a `200 OK` response code and a response body.",
            "If successful, this method returns `200 OK` and a user object in the response body.",
            // About an error, not a success.
            "Returns `200 OK` and the widget. If the request is malformed, it returns `400 Bad Request` and no response body.",
            "On an error the response body is not a widget.",
            // The negation is far from the body: it says something else.
            "If the property is not set, the service returns its default value, with the whole object in the response body.",
            "",
        ] {
            assert!(!says_no_body(not_said), "{not_said}");
        }
    }
}
