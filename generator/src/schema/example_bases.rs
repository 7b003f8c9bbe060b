//! Bases from polymorphic examples. OData lets a place declared as type `T` (a response, a
//! collection's items, a property) hold a value of `T` or of a type derived from `T`, and the
//! value then says which with `@odata.type`. So an example that shows a
//! `"@odata.type": "#microsoft.graph.x"` object where a `t` is declared says `x` derives from `t`.
//!
//! Only a type whose pages state no nearer base takes such a base: one with no base, or with
//! the root entity (which docgen gives every base-less entity, and which some annotations name
//! for any entity). Where the examples put it in the places of several types, the nearest is
//! the base if it derives from all the others; if two of them are unrelated, the examples
//! contradict each other and the type keeps what it had.
//!
//! The request and response examples are the evidence, not the resource pages' JSON
//! representations: there a property's `{"@odata.type": ...}` is a placeholder that restates the
//! declared type, and where it disagrees with the table it names the table type's base or
//! another type altogether (`"reviewedBy": {"@odata.type": "microsoft.graph.identity"}` for a
//! `userIdentity` row), never a derived value.

use std::collections::{BTreeMap, BTreeSet};

use super::addressed::{Known, Navigation};
use super::example_keys::ShownAs;
use super::index::{Index, file_stem};
use super::path::PathTemplate;
use super::{BODY_NAMESPACE, Operation, Origin, Schema, TypeDef, TypeKind, split_source};
use crate::diag::{Code, Diagnostic, Severity};
use crate::facts::PageFacts;

/// Adds to `shown_as` the response examples whose annotation names another type than the
/// place the response stands in declares: the one type the Response section's text links
/// ("returns ... the [commsOperation](...) created", annotated `"@odata.type":
/// "microsoft.graph.cancelMediaProcessingOperation"`), the type of the navigation the
/// response's `Location` header addresses (`.../calls/{id}/operations/{id}`, a `call`'s
/// `operations`), and the one type other than the annotation's that the Methods rows linking
/// the page give as its return type (`call.md`: `[Invite participants](...) |
/// [commsOperation](...)`): the value stands there as an example's own `@odata.type` does. An
/// annotation the operation's path overrules (`responses::navigation_responses`) names no type
/// of the example.
pub fn response_places(
    facts: &[PageFacts],
    index: &Index,
    types: &[TypeDef],
    operations: &[Operation],
    overruled: &BTreeSet<String>,
    shown_as: &mut ShownAs,
) {
    // Built for the first response with a `Location` header (few have one).
    let known = std::cell::OnceCell::new();
    let navigation = std::cell::OnceCell::new();
    let navigation = || {
        navigation
            .get_or_init(|| Navigation::new(known.get_or_init(|| Known::new(operations)), types))
    };
    // Api page stem -> the types the Methods rows that link it give as its return type.
    let mut listed: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for r in facts.iter().filter_map(|p| p.resource.as_ref()) {
        for (stem, link) in &r.method_returns {
            if let Some(t) = index.lookup_link(link) {
                listed.entry(stem.clone()).or_default().insert(t);
            }
        }
    }
    let one = |set: Option<&BTreeSet<String>>| match set.map(|s| s.iter().collect::<Vec<_>>()) {
        Some(v) if v.len() == 1 => Some(v[0].clone()),
        _ => None,
    };
    for page in facts {
        let Some(op) = &page.operation else { continue };
        let Some(example) = op.examples.iter().find(|e| !e.request) else {
            continue;
        };
        let source = format!("{}:{}", page.path, example.line);
        if overruled.contains(&source) {
            continue;
        }
        let Some(shown) = example.odata_type.as_deref().and_then(|t| {
            let t = t.trim();
            let inner = super::after_collection(t).map_or(t, |rest| rest.trim_end_matches(')'));
            index.lookup(inner, &page.namespace)
        }) else {
            continue;
        };
        let linked: BTreeSet<String> = op
            .response_links
            .iter()
            .filter_map(|l| index.lookup_link(l))
            .collect();
        let linked = one(Some(&linked));
        // Rows that give the annotation's own type say nothing of a place.
        let rows: Option<BTreeSet<String>> = file_stem(&page.path)
            .and_then(|stem| listed.get(&stem))
            .map(|set| set.iter().filter(|t| **t != shown).cloned().collect());
        let row = one(rows.as_ref());
        // Only a Graph path, addressing one item.
        let located = example
            .location
            .as_deref()
            .filter(|l| l.starts_with("https://graph.microsoft.com/") || l.starts_with('/'))
            .and_then(|l| navigation().step(&PathTemplate::documented(l).segments))
            .filter(|n| !n.collection)
            .map(|n| n.ty);
        for declared in linked.into_iter().chain(located).chain(row) {
            if declared != shown {
                shown_as
                    .entry(shown.clone())
                    .or_default()
                    .entry(declared)
                    .or_insert_with(|| source.clone());
            }
        }
    }
}

/// Gives the types `shown_as` shows in other types' places the nearest of those as their base,
/// with a note at the first example that shows it.
pub fn bases_from_examples(
    types: &mut Vec<TypeDef>,
    root: Option<&str>,
    shown_as: &ShownAs,
    diags: &mut Vec<Diagnostic>,
) {
    // Decided on the types as they stand, then applied: one type's new base does not change
    // what the evidence says of another.
    let chosen = super::with_sorted(types, |schema| choose(schema, root, shown_as, diags));
    if chosen.is_empty() {
        return;
    }
    for t in types.iter_mut() {
        if let Some((base, kind)) = chosen.get(&t.name) {
            t.base = Some(base.clone());
            // A type derived from an entity is one (it inherits the key).
            if *kind == TypeKind::Entity {
                t.kind = TypeKind::Entity;
            }
        }
    }
    // Rows "Inherited from" the new base are the base's.
    let mut by_name: BTreeMap<String, TypeDef> =
        types.iter().map(|t| (t.name.clone(), t.clone())).collect();
    super::types::drop_inherited_rows(&mut by_name);
    for t in types.iter_mut().filter(|t| chosen.contains_key(&t.name)) {
        t.properties = by_name[&t.name].properties.clone();
    }
}

/// Each type `shown_as` shows in other types' places, and the base it takes: the nearest of
/// those places (its name and kind).
fn choose(
    schema: &Schema,
    root: Option<&str>,
    shown_as: &ShownAs,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<String, (String, TypeKind)> {
    let opaque = schema.opaque_types();
    let mut chosen: BTreeMap<String, (String, TypeKind)> = BTreeMap::new();
    for (shown, places) in shown_as {
        let Some(def) = schema.type_named(shown) else {
            continue;
        };
        let unstated = match def.base.as_deref() {
            None => true,
            Some(b) => Some(b) == root,
        };
        if def.kind == TypeKind::Enum || !unstated || Some(shown.as_str()) == root {
            continue;
        }
        let ancestors = |t: &TypeDef| -> Vec<String> {
            schema.ancestors(t).iter().map(|a| a.name.clone()).collect()
        };
        let has: BTreeSet<&str> = schema
            .all_properties(def)
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        let candidates: Vec<(&TypeDef, Vec<String>, &String)> = places
            .iter()
            .filter_map(|(declared, source)| {
                let t = schema.type_named(declared)?;
                let up = ancestors(t);
                let fits = t.kind != TypeKind::Enum
                    // Docgen's own types (request bodies) are no types of the service.
                    && matches!(t.origin, Origin::Page | Origin::BodyTable)
                    && !declared.starts_with(&format!("{BODY_NAMESPACE}."))
                    // A place for any JSON (`Json`) says nothing of the value's type.
                    && !opaque.contains(declared.as_str())
                    // A derived type has every property of its base, and its page lists them;
                    // the base's tables say what it declares (its JSON representation may show
                    // more, as optional keys).
                    && std::iter::once(t)
                        .chain(schema.ancestors(t))
                        .flat_map(|a| a.properties.iter().filter(|p| p.source != a.source))
                        .all(|p| has.contains(p.name.as_str()))
                    && Some(declared.as_str()) != root
                    // A type derived from the shown one is no base of it (the example's error).
                    && !up.contains(shown)
                    // The base it has (the root) stays an ancestor.
                    && def.base.as_ref().is_none_or(|b| up.contains(b));
                fits.then_some((t, up, source))
            })
            .collect();
        let nearest = candidates.iter().find(|(t, up, _)| {
            candidates
                .iter()
                .all(|(other, _, _)| other.name == t.name || up.contains(&other.name))
        });
        let Some((base, _, source)) = nearest else {
            continue;
        };
        let (file, line) = split_source(source);
        diags.push(
            Diagnostic::new(Severity::Note, Code::Conflict, file, line, 1)
                .message(format!(
                    "the example shows a `{}` value where `{}` is declared: {} derives from {}{}",
                    def.short_name(),
                    base.short_name(),
                    def.short_name(),
                    base.short_name(),
                    if candidates.len() > 1 {
                        format!(
                            " (the nearest of {} types whose places the examples show it in)",
                            candidates.len()
                        )
                    } else {
                        String::new()
                    }
                ))
                .help("state the base on the type's page (\"Inherits from ...\")"),
        );
        chosen.insert(shown.clone(), (base.name.clone(), base.kind));
    }
    chosen
}
