//! A type cell that names alternatives (`[appHostedMediaConfig](…) or [serviceHostedMediaConfig](…)`)
//! types its property as what the alternatives have in common: their nearest common base. OData
//! declares one type per property, and a value of any type derived from it may stand there, so
//! the declared type is the base both alternatives derive from (`mediaConfig`), not the first.
//! Where they share no base below the pages' root entity, the first alternative stays.

use std::collections::BTreeMap;

use super::index::Index;
use super::{TypeDef, TypeKind, TypeRef};
use crate::facts::{PageFacts, PropertyRow};

/// The types a row's type cell names as alternatives: two or more links, and besides them only
/// `or`, commas and `collection` (the collection-ness the cell was read with). `None` for any
/// other cell.
fn named_alternatives(row: &PropertyRow, index: &Index) -> Option<Vec<String>> {
    let cell = &row.type_cell;
    if cell.links.len() < 2 {
        return None;
    }
    // What the cell says besides its links, link by link in order.
    let mut rest = cell.text.as_str();
    let mut between = String::new();
    for link in &cell.links {
        let at = rest.find(link.text.as_str())?;
        between.push_str(&rest[..at]);
        between.push(' ');
        rest = &rest[at + link.text.len()..];
    }
    between.push_str(rest);
    let separators_only = between.split([' ', ',']).all(|word| {
        word.is_empty()
            || ["or", "collection"]
                .iter()
                .any(|w| word.eq_ignore_ascii_case(w))
    });
    if !separators_only {
        return None;
    }
    cell.links.iter().map(|l| index.lookup_link(l)).collect()
}

/// `name`, its base, its base's base, ... (a cycle or an undefined base ends the chain).
fn ancestors(types: &BTreeMap<String, TypeDef>, name: &str) -> Vec<String> {
    let mut chain = vec![name.to_owned()];
    while let Some(base) = types
        .get(chain.last().expect("not empty"))
        .and_then(|t| t.base.clone())
    {
        if chain.contains(&base) || chain.len() > 64 {
            break;
        }
        chain.push(base);
    }
    chain
}

/// The nearest type every one of `names` is or derives from, short of the root of the entities
/// (`root`, or an entity with no base): that every entity derives from it says nothing.
fn common_base(
    types: &BTreeMap<String, TypeDef>,
    names: &[String],
    root: Option<&str>,
) -> Option<String> {
    let (first, others) = names.split_first()?;
    let chains: Vec<Vec<String>> = others.iter().map(|n| ancestors(types, n)).collect();
    let is_root = |t: &str| {
        Some(t) == root
            || types
                .get(t)
                .is_some_and(|d| d.kind == TypeKind::Entity && d.base.is_none())
    };
    ancestors(types, first)
        .into_iter()
        .take_while(|t| !is_root(t))
        .find(|t| chains.iter().all(|c| c.contains(t)))
}

/// `ty`, read from `row`'s type cell, as the common base of the alternatives the cell names
/// (`common` gives the nearest common base of two types, short of the root), where it is still
/// the first alternative; its collection-ness stays. Any other `ty` is returned as it is.
pub fn in_common(
    row: &PropertyRow,
    index: &Index,
    ty: TypeRef,
    common: impl Fn(&str, &str) -> Option<String>,
) -> TypeRef {
    let Some(alternatives) = named_alternatives(row, index) else {
        return ty;
    };
    if ty.element() != &TypeRef::Named(alternatives[0].clone()) {
        return ty;
    }
    let base = alternatives[1..]
        .iter()
        .try_fold(alternatives[0].clone(), |base, other| common(&base, other));
    match (base, &ty) {
        (Some(base), TypeRef::Collection(_)) => TypeRef::collection(TypeRef::Named(base)),
        (Some(base), _) => TypeRef::Named(base),
        (None, _) => ty,
    }
}

/// Retypes each page property whose type cell names alternatives ([`in_common`]), once the
/// bases are known.
pub fn to_common_bases(
    facts: &[PageFacts],
    index: &Index,
    types: &mut BTreeMap<String, TypeDef>,
    root: Option<&str>,
) {
    for page in facts {
        let Some(r) = &page.resource else { continue };
        for row in r.properties.iter().chain(&r.relationships) {
            if row.type_cell.links.len() < 2 {
                continue;
            }
            let Some(ty) = types
                .get(&r.name)
                .and_then(|t| t.properties.iter().find(|p| p.name == row.name))
                .map(|p| p.ty.clone())
            else {
                continue;
            };
            let ty = in_common(row, index, ty, |a, b| {
                common_base(types, &[a.to_owned(), b.to_owned()], root)
            });
            if let Some(p) = types
                .get_mut(&r.name)
                .and_then(|t| t.properties.iter_mut().find(|p| p.name == row.name))
            {
                p.ty = ty;
            }
        }
    }
}
