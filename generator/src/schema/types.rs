//! Types from resource and enum pages: properties typed, bases resolved, entity vs complex.

use std::collections::{BTreeMap, HashSet};

use super::evidence::placeholder_type;
use super::index::Index;
use super::type_cell::{is_type_name, qualify, resolve_type_cell};
use super::{DocLink, Origin, Property, TypeDef, TypeKind, TypeRef};
use crate::diag::{Code, Diagnostic, Severity};
use crate::facts::{PageFacts, PropertyRow, ResourceFacts};

/// The types of the resource and enum pages, and the root entity (the keyed, base-less type
/// most pages name as their base), which base-less entities take as their base.
pub fn build_types(
    facts: &[PageFacts],
    index: &Index,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<TypeDef>, Option<String>) {
    let mut types: BTreeMap<String, TypeDef> = BTreeMap::new();
    // Evidence used after every page is in: (type, key declared, has methods, base evidence).
    let mut keyed: BTreeMap<String, bool> = BTreeMap::new();
    let mut addressable: BTreeMap<String, bool> = BTreeMap::new();
    let mut base_counts: BTreeMap<String, usize> = BTreeMap::new();
    // Types a base's page lists as derived, and bases the text names besides the annotation's.
    let mut derived_from: BTreeMap<String, String> = BTreeMap::new();
    let mut prose_bases: BTreeMap<String, String> = BTreeMap::new();
    // Entity evidence that needs no `id`: relationship targets, types the API addresses itself.
    let mut addressed: BTreeMap<String, bool> = BTreeMap::new();

    for page in facts {
        if let Some(r) = &page.resource {
            let (def, prose) = resource_type(page, r, index, diags);
            *keyed.entry(def.name.clone()).or_default() |= declares_key(r, &def);
            *addressable.entry(def.name.clone()).or_default() |= r.has_methods;
            if r.self_addressed {
                addressed.insert(def.name.clone(), true);
            }
            for link in &r.returned {
                if let Some(t) = index.lookup_link(link) {
                    addressable.insert(t, true);
                }
            }
            for link in &r.derived {
                if let Some(t) = index.lookup_link(link).filter(|t| *t != def.name) {
                    derived_from.entry(t).or_insert_with(|| def.name.clone());
                }
            }
            if let Some(p) = prose.filter(|p| def.base.as_ref() != Some(p)) {
                prose_bases.insert(def.name.clone(), p);
            }
            if let Some(b) = &r.base {
                *base_counts.entry(b.clone()).or_default() += 1;
            }
            merge(&mut types, def, diags);
        }
        for e in &page.enums {
            let name = format!("{}.{}", page.namespace, e.name);
            // A member listed twice (two sections, a repeated row) is one member.
            let members = e.members.iter().fold(Vec::new(), |mut seen, m| {
                if !seen.contains(&m.name) {
                    seen.push(m.name.clone());
                }
                seen
            });
            let source = format!("{}:{}", page.path, e.line);
            let def = TypeDef::enumeration(name, source, members, e.flags, Origin::Page);
            merge(&mut types, def, diags);
        }
    }

    apply_derived_lists(&mut types, &derived_from);
    // A navigation property targets an entity (OData: only entities are navigated to).
    for t in types.values() {
        for p in t.properties.iter().filter(|p| p.navigation) {
            if let TypeRef::Named(target) = p.ty.element()
                && *target != t.name
            {
                addressed.insert(target.clone(), true);
            }
        }
    }
    let root = decide_kinds(
        &mut types,
        &mut keyed,
        &addressable,
        &addressed,
        &base_counts,
    );
    // After the kinds: a base-less entity the text names has taken the root as its base by now.
    prefer_nearer_bases(&mut types, &prose_bases);
    super::alternatives::to_common_bases(facts, index, &mut types, root.as_deref());
    drop_inherited_rows(&mut types);
    (types.into_values().collect(), root)
}

fn resource_type(
    page: &PageFacts,
    r: &ResourceFacts,
    index: &Index,
    diags: &mut Vec<Diagnostic>,
) -> (TypeDef, Option<String>) {
    let ns = &page.namespace;
    let json = r.json.as_ref().and_then(|j| j.as_object());
    let mut properties: Vec<Property> = Vec::new();
    // Names taken so far: a set, so a table of a million rows stays linear.
    let mut taken: HashSet<String> = HashSet::new();
    let rows = r.properties.iter().map(|p| (p, false));
    for (row, navigation) in rows.chain(r.relationships.iter().map(|p| (p, true))) {
        if !taken.insert(row.name.clone()) {
            continue;
        }
        let placeholder = json.and_then(|j| j.get(&row.name));
        let property = row_property(row, navigation, page, index, placeholder, diags);
        // The table wins; a JSON representation that disagrees is worth a note.
        if let Some(shown) = placeholder.and_then(|v| placeholder_type(v, index, ns))
            && disagree(&property.ty, &shown)
        {
            diags.push(
                Diagnostic::new(Severity::Note, Code::Conflict, &page.path, row.line, 1).message(
                    format!(
                        "the table types `{}` as {}, the JSON representation at {}:{} as {}; the table is kept",
                        row.name, property.ty, page.path, r.line, shown
                    ),
                ),
            );
        }
        properties.push(property);
    }
    // Keys of the JSON representation that no table lists are properties too, unless they are
    // data (an open type's `"4e98f8f1-...": {...}`, keyed by a user's id).
    if let Some(json) = json {
        for (key, value) in json {
            if key.starts_with('@') || !super::is_property_name(key) || !taken.insert(key.clone()) {
                continue;
            }
            if let Some(ty) = placeholder_type(value, index, ns) {
                properties.push(Property::shown(
                    key,
                    ty,
                    format!("{}:{}", page.path, r.line),
                ));
            }
        }
    }
    let prose_base = r.base_link.as_ref().and_then(|link| {
        index
            .lookup_link(link)
            .or_else(|| index.lookup(&link.text, ns))
            .or_else(|| unread_page_type(link, ns))
    });
    let row_base = r.inherited_from.as_ref().and_then(|l| index.lookup_link(l));
    let prose = match (prose_base, row_base) {
        // The text links out of the page's namespace, the rows stay in it: trust the rows.
        (Some(p), Some(r)) if namespace_of(&p) != ns && namespace_of(&r) == ns => Some(r),
        (p, r) => p.or(r),
    }
    .filter(|b| *b != r.name);
    let base = r
        .base
        .as_deref()
        .map(|b| index.lookup(b, ns).unwrap_or_else(|| b.to_owned()))
        .or(prose.clone())
        .filter(|b| *b != r.name);
    let def = TypeDef {
        name: r.name.clone(),
        kind: if r.key.is_some() {
            TypeKind::Entity
        } else {
            TypeKind::Complex
        },
        base,
        open: r.open,
        abstract_: r.abstract_,
        rust: String::new(),
        source: format!("{}:{}", page.path, r.line),
        description: r.description.clone(),
        properties,
        members: Vec::new(),
        flags: false,
        update_writes: Default::default(),
        origin: Origin::Page,
    };
    (def, prose)
}

/// The type a link names whose page is not among those read (docgen given some of the pages):
/// its text, when that is a type name and the page's file name, after any prefix
/// (`[agreementFileProperties](agreementfileproperties.md)`,
/// `[mobileLobApp](intune-apps-mobilelobapp.md)`), qualified as a type cell's is.
fn unread_page_type(link: &crate::read::Link, ns: &str) -> Option<String> {
    let text = link.text.trim();
    (is_type_name(text) && super::index::link_names_its_page(link)).then(|| qualify(text, ns))
}

/// A type with no stated base takes the one whose page lists it under "Derived types".
fn apply_derived_lists(
    types: &mut BTreeMap<String, TypeDef>,
    derived_from: &BTreeMap<String, String>,
) {
    for (name, base) in derived_from {
        if let Some(t) = types.get_mut(name)
            && t.base.is_none()
            && t.kind != TypeKind::Enum
        {
            t.base = Some(base.clone());
        }
    }
}

/// Where the annotation names a far ancestor (`entity`) and the text a type that derives from
/// it ("This type inherits from [x](x.md)"), the nearer one is the base: both are true, and
/// OData's base is the immediate one.
fn prefer_nearer_bases(
    types: &mut BTreeMap<String, TypeDef>,
    prose_bases: &BTreeMap<String, String>,
) {
    for (name, prose) in prose_bases {
        let Some(stated) = types.get(name).and_then(|t| t.base.clone()) else {
            continue;
        };
        let mut current = types.get(prose).and_then(|t| t.base.clone());
        let mut hops = 0;
        while let Some(b) = current.take() {
            hops += 1;
            if b == stated {
                types.get_mut(name).expect("looked up above").base = Some(prose.clone());
                break;
            }
            if hops > 64 || b == *name {
                break;
            }
            current = types.get(&b).and_then(|t| t.base.clone());
        }
    }
}

/// A table row as a property: the type cell first, the JSON placeholder when the cell says
/// nothing usable.
pub fn row_property(
    row: &PropertyRow,
    navigation: bool,
    page: &PageFacts,
    index: &Index,
    placeholder: Option<&serde_json::Value>,
    diags: &mut Vec<Diagnostic>,
) -> Property {
    let ty = match resolve_type_cell(&row.type_cell, index, &page.namespace) {
        Ok(ty) => spelled_as_shown(ty, placeholder, index, &page.namespace),
        Err(why) => {
            match placeholder.and_then(|v| placeholder_type(v, index, &page.namespace)) {
                Some(ty) => ty,
                None => {
                    diags.push(
                    Diagnostic::new(Severity::Warning, Code::TypeUnknown, &page.path, row.line, 1)
                        .message(format!(
                            "the type `{}` of `{}` is not understood ({why}); it is kept as any JSON",
                            row.type_cell.source, row.name
                        ))
                        .help("link the type to its page, or write an Edm primitive such as `String`"),
                );
                    TypeRef::untyped()
                }
            }
        }
    };
    let ty = enum_from_values(ty, row, index);
    let text = &row.description.text;
    Property {
        name: row.name.clone(),
        ty,
        navigation,
        nullable: !(text.contains("Not nullable") || text.contains("not nullable")),
        read_only: row.read_only(),
        rust: String::new(),
        description: text.clone(),
        links: row
            .description
            .links
            .iter()
            .filter_map(|link| {
                Some(DocLink {
                    text: link.text.clone(),
                    target: index.lookup_link(link)?,
                })
            })
            .collect(),
        source: format!("{}:{}", page.path, row.line),
    }
}

/// A type cell naming a type no page read defines (`[IdentitySet](identityset.md)`, its page
/// left out) takes the spelling the JSON representation's `@odata.type` gives the same name
/// (`microsoft.graph.identitySet`): the link text's case and the linking page's namespace are
/// guesses, the representation names the type.
fn spelled_as_shown(
    ty: TypeRef,
    placeholder: Option<&serde_json::Value>,
    index: &Index,
    ns: &str,
) -> TypeRef {
    let TypeRef::Named(name) = ty.element() else {
        return ty;
    };
    if index.is_defined(name) {
        return ty;
    }
    let shown = placeholder.and_then(|v| placeholder_type(v, index, ns));
    let Some(TypeRef::Named(shown)) = shown.as_ref().map(TypeRef::element) else {
        return ty;
    };
    let short = |n: &str| n.rsplit('.').next().unwrap_or(n).to_ascii_lowercase();
    if short(name) != short(shown) {
        return ty;
    }
    match ty {
        TypeRef::Collection(_) => TypeRef::collection(TypeRef::Named(shown.clone())),
        _ => TypeRef::Named(shown.clone()),
    }
}

/// Two pages defining one type: the first (in path order) wins; the others add what it lacks.
pub fn merge(types: &mut BTreeMap<String, TypeDef>, def: TypeDef, diags: &mut Vec<Diagnostic>) {
    match types.get_mut(&def.name) {
        None => {
            types.insert(def.name.clone(), def);
        }
        Some(existing) => {
            if existing.kind == TypeKind::Enum && def.kind != TypeKind::Enum
                || existing.kind != TypeKind::Enum && def.kind == TypeKind::Enum
            {
                let (file, line) = super::split_source(&def.source);
                diags.push(
                    Diagnostic::new(Severity::Warning, Code::Conflict, file, line, 1).message(format!(
                        "`{}` is defined here as {} and at {} as {}; the first definition is kept",
                        def.name,
                        kind_word(def.kind),
                        existing.source,
                        kind_word(existing.kind)
                    )),
                );
                return;
            }
            let mut members: HashSet<_> = existing.members.iter().cloned().collect();
            for m in def.members {
                if members.insert(m.clone()) {
                    existing.members.push(m);
                }
            }
            let mut names: HashSet<String> =
                existing.properties.iter().map(|q| q.name.clone()).collect();
            for p in def.properties {
                if names.insert(p.name.clone()) {
                    existing.properties.push(p);
                }
            }
            existing.base = existing.base.take().or(def.base);
            existing.open |= def.open;
            existing.abstract_ |= def.abstract_;
            existing.flags |= def.flags;
            if def.kind == TypeKind::Entity {
                existing.kind = TypeKind::Entity;
            }
            if existing.description.is_empty() {
                existing.description = def.description;
            }
        }
    }
}

fn kind_word(kind: TypeKind) -> &'static str {
    match kind {
        TypeKind::Entity => "an entity",
        TypeKind::Complex => "a complex type",
        TypeKind::Enum => "an enum",
    }
}

/// Entity when the type or a base declares a key (ApiDoctor's rule); when it has no base and
/// the pages show it addressable with an `id` (methods of its own, or a List/Get/Create row of
/// some page's Methods table returning it); or when it has no base and a relationship targets it
/// (OData navigates only to entities) or its page links CRUD pages named after it
/// (`usersettings-get.md`). An entity with no declared base inherits from the root
/// entity: the keyed, base-less type most pages name as their base. Among some of the pages
/// only, the root's own page may be missing: a base no page defines is the root when entities
/// (by their own pages' key, or addressed by methods) name it, and it is keyed, as the root is.
fn decide_kinds(
    types: &mut BTreeMap<String, TypeDef>,
    keyed: &mut BTreeMap<String, bool>,
    addressable: &BTreeMap<String, bool>,
    addressed: &BTreeMap<String, bool>,
    base_counts: &BTreeMap<String, usize>,
) -> Option<String> {
    let says = |map: &BTreeMap<String, bool>, name: &str| map.get(name).copied().unwrap_or(false);
    let root = base_counts
        .iter()
        .filter(|(name, _)| match types.get(*name) {
            Some(t) => t.base.is_none() && says(keyed, name),
            None => types.values().any(|t| {
                t.base.as_ref() == Some(*name)
                    && (says(keyed, &t.name) || says(addressable, &t.name))
            }),
        })
        .max_by_key(|(name, count)| (**count, std::cmp::Reverse((*name).clone())))
        .map(|(name, _)| name.clone());
    if let Some(root) = root.as_ref().filter(|r| !types.contains_key(*r)) {
        keyed.insert(root.clone(), true);
    }

    let names: Vec<String> = types.keys().cloned().collect();
    for name in &names {
        if types[name].kind == TypeKind::Enum {
            continue;
        }
        let mut current = Some(name.clone());
        let mut seen = Vec::new();
        let mut entity = false;
        while let Some(n) = current.take() {
            if seen.contains(&n) {
                break;
            }
            if keyed.get(&n).copied().unwrap_or(false) {
                entity = true;
                break;
            }
            current = types.get(&n).and_then(|t| t.base.clone());
            seen.push(n);
        }
        let t = &types[name];
        let has_id = t.properties.iter().any(|p| p.name == "id");
        let addressable_with_id = addressable.get(name).copied().unwrap_or(false) && has_id;
        let addressed = addressed.get(name).copied().unwrap_or(false);
        // A base whose page is not read says nothing of the kind; the type's own evidence does.
        let base_says_kind = t.base.as_ref().is_some_and(|b| types.contains_key(b));
        entity |= (addressable_with_id || addressed) && !base_says_kind;
        // An entity with an `id` and no declared base inherits the root entity's key.
        let adopt_root = entity && t.base.is_none() && root.as_deref() != Some(name);
        let t = types.get_mut(name).expect("listed above");
        if adopt_root {
            t.base = root.clone();
        }
        t.kind = if entity {
            TypeKind::Entity
        } else {
            TypeKind::Complex
        };
    }
    root
}

/// "Inherited from [entity](entity.md)" rows are declared on the base; a derived type lists
/// only what it declares, when the base is defined and has the property.
pub(super) fn drop_inherited_rows(types: &mut BTreeMap<String, TypeDef>) {
    let inherited: BTreeMap<String, Vec<String>> = types
        .values()
        .map(|t| {
            let mut names = Vec::new();
            let mut base = t.base.clone();
            let mut hops = 0;
            while let Some(b) = base.take() {
                hops += 1;
                let Some(bt) = types.get(&b) else { break };
                if hops > 64 {
                    break;
                }
                names.extend(bt.properties.iter().map(|p| p.name.clone()));
                base = bt.base.clone();
            }
            (t.name.clone(), names)
        })
        .collect();
    for t in types.values_mut() {
        let from_bases = &inherited[&t.name];
        t.properties.retain(|p| {
            !(p.description.contains("Inherited from") && from_bases.contains(&p.name))
        });
    }
}

/// The annotation's `keyProperty`, unless nothing else on the page bears it out: a key is one
/// of the type's properties (OData), its own or a base's, and keyed types are addressed through
/// methods. A base-less type without the property or methods carries an annotation copied from
/// another page (a settings object embedded in an entity).
fn declares_key(r: &ResourceFacts, def: &TypeDef) -> bool {
    let Some(key) = r.key.as_deref() else {
        return false;
    };
    let has_key = key
        .split(',')
        .any(|k| def.properties.iter().any(|p| p.name == k.trim()));
    has_key || def.base.is_some() || r.has_methods
}

/// A `String` whose description lists "Possible values" that are exactly the members of one
/// documented enum is that enum (strong evidence; a partial match is not).
fn enum_from_values(ty: TypeRef, row: &PropertyRow, index: &Index) -> TypeRef {
    let is_string = |t: &TypeRef| matches!(t, TypeRef::Primitive(p) if p == "String");
    let stringy = match &ty {
        TypeRef::Collection(inner) => is_string(inner),
        t => is_string(t),
    };
    if !stringy
        || !row
            .description
            .text
            .to_lowercase()
            .contains("possible values")
    {
        return ty;
    }
    let values: Vec<String> = row
        .description
        .code
        .iter()
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_'))
        .collect();
    if values.len() < 2 {
        return ty;
    }
    match (index.enum_with_members(&values), ty) {
        (Some(e), TypeRef::Collection(_)) => TypeRef::collection(TypeRef::Named(e)),
        (Some(e), _) => TypeRef::Named(e),
        (None, ty) => ty,
    }
}

fn namespace_of(name: &str) -> &str {
    name.rsplit_once('.').map_or("", |(ns, _)| ns)
}

/// Two primitive types of different kinds (truth value, number, time). Within a kind there is
/// no disagreement (`1024` stands for any integer), and `"String"` is the placeholder pages use
/// loosely (for GUIDs, enums and dates alike), so it disagrees with nothing.
fn disagree(table: &TypeRef, shown: &TypeRef) -> bool {
    fn kind(p: &str) -> Option<u8> {
        match p {
            "Boolean" => Some(0),
            "Byte" | "SByte" | "Int16" | "Int32" | "Int64" | "Single" | "Double" | "Decimal" => {
                Some(1)
            }
            "DateTimeOffset" | "Date" | "TimeOfDay" | "Duration" => Some(2),
            _ => None,
        }
    }
    match (table.element(), shown.element()) {
        (TypeRef::Primitive(a), TypeRef::Primitive(b)) => {
            matches!((kind(a), kind(b)), (Some(x), Some(y)) if x != y)
        }
        _ => false,
    }
}
