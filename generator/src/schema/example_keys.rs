//! Examples complete the types. A key that a page's request or response example shows on an
//! object of a known type, but that no table of the type or its bases documents
//! (`deletedDateTime`, `creationOptions`), is a property of that type: typed from the values the
//! examples show (as types synthesized from examples are), or from the one type every table that
//! declares that name gives it, with a note at the example's line. A key whose values say nothing
//! (only `null`s) takes what the tables say of its name (`name_evidence`), or is left out.
//! A key that differs from a documented property only in case is the page's error: reported,
//! never a new property. A documented property whose every example value has the other
//! collection-ness than its table gives (an array for one object) takes the examples' shape.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::evidence::from_samples;
use super::index::Index;
use super::name_evidence::NameEvidence;
use super::placeholders::looks_like_placeholder;
use super::{Operation, Property, PropertyIndex, Schema, TypeDef, TypeKind, TypeRef, split_source};
use crate::diag::{Code, Diagnostic, Severity};
use crate::facts::{OperationFacts, PageFacts};

/// Objects, holding only their undocumented keys, with where (`file:line`).
type Objects = Vec<(String, Map<String, Value>)>;
/// Objects by the type they were read as.
type Undocumented = BTreeMap<String, Objects>;
/// Type an object's `@odata.type` names -> type its place declares -> the first example (`file:line`)
/// that shows one in the other's place.
pub type ShownAs = BTreeMap<String, BTreeMap<String, String>>;

pub fn complete_types(
    facts: &[PageFacts],
    index: &Index,
    types: &mut [TypeDef],
    operations: &[Operation],
    overruled: &BTreeSet<String>,
    diags: &mut Vec<Diagnostic>,
) {
    let schema = sorted_schema(types);
    let opaque = schema.opaque_types();
    let mut walk = Walk::new(&schema, &opaque, index, false, diags);
    walk_examples(&mut walk, facts, index, operations, overruled);
    let found = std::mem::take(&mut walk.found);
    collection_ness(types, std::mem::take(&mut walk.shapes), walk.diags);
    // What the examples show, type by type; the types their values give a key on one type are
    // evidence for the same key shown only as `null` or `[]` on another.
    let shown_all: Vec<(String, Objects, TypeDef)> = found
        .into_iter()
        .map(|(name, objects)| {
            let refs: Vec<(&str, &Map<String, Value>)> =
                objects.iter().map(|(s, o)| (s.as_str(), o)).collect();
            let shown = from_samples(&name, &refs, index, walk.diags);
            (name, objects, shown)
        })
        .collect();
    let known = |t: &TypeRef| match t.element() {
        TypeRef::Named(n) => schema.type_named(n).is_some(),
        other => other != &TypeRef::untyped(),
    };
    let mut by_name = NameEvidence::new(types);
    by_name.add_shown(
        shown_all
            .iter()
            .flat_map(|(_, _, shown)| &shown.properties)
            .filter(|p| known(&p.ty)),
    );
    for (name, objects, shown) in shown_all {
        let Some(ty) = types.iter_mut().find(|t| t.name == name) else {
            continue;
        };
        for mut p in shown.properties {
            if ty.properties.iter().any(|q| q.name == p.name) {
                continue;
            }
            // A key a derived type declares belongs to it: the example's items were of that
            // type without saying so (`GET .../deletedItems/microsoft.graph.group`).
            if derived_declare(&schema, &name, &p.name) {
                continue;
            }
            // A value says little (`null`, an object without `@odata.type`); a name every page
            // that declares it gives one type says more, where the values fit that type.
            if let Some(only) = by_name.declared_once(&p.name) {
                let samples = objects.iter().filter_map(|(_, o)| o.get(&p.name));
                if only != &p.ty && samples.clone().all(|v| fits(v, only, &schema)) {
                    p.ty = only.clone();
                }
            }
            // Only `null`s, or objects that name no type the pages define: the values say nothing
            // of the type, though what the tables say of the name may. Where nothing does, the key
            // stays in the catch-all map, where the strict example test reports it: a made-up
            // type is worse than none, and an untyped field would claim a type the service does
            // not have.
            let mut why = String::from("as its values show");
            if !known(&p.ty) {
                let samples: Vec<&Value> =
                    objects.iter().filter_map(|(_, o)| o.get(&p.name)).collect();
                let Some(owner) = schema.type_named(&name) else {
                    continue;
                };
                match by_name.guess(&schema, owner, &p.name, &samples) {
                    Some((guessed, said)) if known(&guessed) => {
                        p.ty = guessed;
                        why = said;
                    }
                    _ => {
                        walk.diags.push(left_out(&p, ty.short_name(), &samples));
                        continue;
                    }
                }
            }
            let (file, line) = split_source(&p.source);
            walk.diags.push(
                Diagnostic::new(Severity::Note, Code::Conflict, file, line, 1)
                    .message(format!(
                        "the example shows `{}` on a `{}`, which the page's tables do not list: \
                         it is a property of type {} ({why})",
                        p.name,
                        ty.short_name(),
                        p.ty
                    ))
                    .help("add the property to the type's table"),
            );
            p.description = format!(
                "Shown by the example at `{}`; not in the type's tables.",
                p.source
            );
            ty.properties.push(p);
        }
    }
}

/// The warning for a key an example shows on a type whose tables do not list it, where neither
/// its values nor any table say what it holds: it is no property, so reading the example puts it
/// in the catch-all map. Said at schema time, where a reviewer of the docs sees it, and not only
/// by the example's test.
fn left_out(key: &Property, owner: &str, samples: &[&Value]) -> Diagnostic {
    let shown = if samples.iter().all(|v| v.is_null()) {
        "only `null`"
    } else if samples
        .iter()
        .all(|v| v.is_null() || v.as_array().is_some_and(Vec::is_empty))
    {
        "only `null` or `[]`"
    } else {
        "none names a type the pages define"
    };
    let (file, line) = split_source(&key.source);
    Diagnostic::new(Severity::Warning, Code::Conflict, file, line, 1)
        .message(format!(
            "the example shows `{}` on a `{owner}`, which the page's tables do not list, and its \
             values ({shown}) say nothing of its type: it is no property of the type, and \
             reading the example puts it in the catch-all map",
            key.name
        ))
        .help("add the property to the type's table, or take it out of the example")
}

/// Where the request and response examples show an object whose `@odata.type` names another
/// type than the place it stands in declares (an item of a `directoryObject` collection that is
/// a `#microsoft.graph.user`): OData allows only the declared type or one derived from it there.
/// Read from the types as they stand; the walk's own notes are not kept (`complete_types` walks
/// again and reports them).
pub fn shown_as(
    facts: &[PageFacts],
    index: &Index,
    types: &mut Vec<TypeDef>,
    operations: &[Operation],
    overruled: &BTreeSet<String>,
) -> ShownAs {
    super::with_sorted(types, |schema| {
        let opaque = schema.opaque_types();
        let mut scratch = Vec::new();
        let mut walk = Walk::new(schema, &opaque, index, true, &mut scratch);
        walk_examples(&mut walk, facts, index, operations, overruled);
        walk.shown_as
    })
}

/// Walks each api page's request and response examples as the type its operation (or the
/// response annotation) declares, and into the values of their documented struct-typed
/// properties.
fn walk_examples(
    walk: &mut Walk,
    facts: &[PageFacts],
    index: &Index,
    operations: &[Operation],
    overruled: &BTreeSet<String>,
) {
    let ops = super::page_operations(operations);
    for page in facts {
        // An instance is read as the type its annotation names, like an example's body.
        for instance in &page.instances {
            let Some(name) = index.lookup(&instance.odata_type, &page.namespace) else {
                continue;
            };
            if let Value::Object(object) = &instance.body
                && (!walk.for_bases || names_a_type(&instance.body))
            {
                walk.object(&name, object, &format!("{}:{}", page.path, instance.line));
            }
        }
        let Some(facts) = &page.operation else {
            continue;
        };
        for (example, op) in ops.examples(&page.path, facts) {
            let Some(op) = op else { continue };
            let Some(body) = &example.body else { continue };
            // The reference body is OData's, not a page's: what a `$ref` page sends besides
            // `@odata.id` is the page's error (`bodies` reports it), never a property or a base
            // of the body every `$ref` request sends.
            if example.request
                && matches!(&op.body, Some(TypeRef::Named(n)) if n == super::REFERENCE_BODY)
            {
                continue;
            }
            // An annotation the operation's path overrules (`responses::navigation_responses`)
            // names no type of this example.
            let overruled = !overruled.is_empty()
                && overruled.contains(&format!("{}:{}", page.path, example.line));
            let declared = example
                .odata_type
                .as_deref()
                .filter(|_| !overruled)
                .filter(|t| !t.to_lowercase().starts_with("collection("))
                .and_then(|t| index.lookup(t, &page.namespace));
            let ty = if example.request {
                op.body.as_ref()
            } else {
                op.return_type.as_ref()
            };
            let declared = declared.map(TypeRef::Named);
            let Some(TypeRef::Named(name)) = declared.as_ref().or(ty.map(TypeRef::element)) else {
                continue;
            };
            let line = example
                .body_source
                .as_ref()
                .map_or(example.line, |s| s.line);
            let source = format!("{}:{line}", page.path);
            // `{"value": ...}` alone is OData's envelope (a collection, or as the doc stubs wrap
            // one entity, the entity), unless the type has a `value` of its own, the object
            // inside does not say it is of the type itself (as `examples` reads it) and the
            // operation answers with one object (a list's `value` array is its page).
            let envelope = body
                .as_object()
                .is_some_and(|o| o.keys().filter(|k| !is_annotation(k)).eq(["value"]))
                && (!walk.has_property(name, "value")
                    || walk.wraps_itself(name, body)
                    || matches!(ty, Some(TypeRef::Collection(_)))
                        && body.get("value").is_some_and(Value::is_array));
            let items: Vec<&Value> = match body.get("value") {
                Some(Value::Array(items)) if envelope => items.iter().collect(),
                Some(item @ Value::Object(_)) if envelope => vec![item],
                Some(_) if envelope => Vec::new(),
                _ => vec![body],
            };
            let read_as_body = example.request && walk.names_other_than_linked(facts, body, op);
            for item in items {
                if let Value::Object(object) = item
                    && (!walk.for_bases || names_a_type(item))
                {
                    if read_as_body {
                        walk.object_as(name, object, &source);
                    } else {
                        walk.object(name, object, &source);
                    }
                }
            }
        }
    }
}

/// A documented property whose example values all have the other collection-ness than its
/// table gives (`"addIns": []` for an `addIn`, `"activity": "Busy"` for a `String collection`)
/// takes the examples' shape: a value the type cannot hold would fail to read, and examples are
/// what the service sent. A note names the table's type and the first example.
fn collection_ness(
    types: &mut [TypeDef],
    shapes: foldhash::HashMap<(&str, &str), Shapes>,
    diags: &mut Vec<Diagnostic>,
) {
    let shapes: BTreeMap<_, _> = shapes.into_iter().collect();
    for ((owner, name), shapes) in shapes {
        if shapes.declared > 0 {
            continue;
        }
        let Some(p) = types
            .iter_mut()
            .find(|t| t.name == owner)
            .and_then(|t| t.properties.iter_mut().find(|p| p.name == name))
        else {
            continue;
        };
        let Some(first) = shapes.flipped.first() else {
            structured_values(p, &shapes.structured, diags);
            continue;
        };
        let shown = flipped(&p.ty);
        let (file, line) = split_source(first);
        diags.push(
            Diagnostic::new(Severity::Note, Code::Conflict, file, line, 1)
                .message(format!(
                    "the example shows `{name}` as {}, the table at {} types it {}: \
                     it is {shown}, as {} example{} show{}",
                    if matches!(shown, TypeRef::Collection(_)) {
                        "an array"
                    } else {
                        "one value"
                    },
                    p.source,
                    p.ty,
                    shapes.flipped.len(),
                    if shapes.flipped.len() == 1 { "" } else { "s" },
                    if shapes.flipped.len() == 1 { "s" } else { "" },
                ))
                .help("correct the table's type or the example"),
        );
        p.ty = shown;
    }
}

/// A documented property whose every non-null example value is an object (or an array of
/// objects) where its table gives a primitive type (`"status": {"state": ...}` for a `String`):
/// no primitive's JSON is an object, so the table and the examples disagree, and what the
/// service sent would fail to read. It becomes the type every object names with `@odata.type`
/// (when they all name one the pages define), else untyped (any JSON): a made-up type would be
/// worse. A collection where every example shows an array. A note names both places.
fn structured_values(p: &mut super::Property, shown: &[Structured], diags: &mut Vec<Diagnostic>) {
    let Some(first) = shown.first() else {
        return;
    };
    let named = first
        .named
        .as_ref()
        .filter(|n| shown.iter().all(|s| s.named.as_ref() == Some(*n)));
    let element = named.map_or_else(TypeRef::untyped, |n| TypeRef::Named(n.clone()));
    let ty = if shown.iter().all(|s| s.array) {
        TypeRef::collection(element)
    } else {
        element
    };
    let (file, line) = split_source(&first.source);
    let count = shown.len();
    diags.push(
        Diagnostic::new(Severity::Note, Code::Conflict, file, line, 1)
            .message(format!(
                "the example shows `{}` as {}, the table at {} types it {}, which no object \
                 is: it is {ty}, as {count} example{} show{}",
                p.name,
                if first.array {
                    "objects in an array"
                } else {
                    "an object"
                },
                p.source,
                p.ty,
                if count == 1 { "" } else { "s" },
                if count == 1 { "s" } else { "" },
            ))
            .help("correct the table's type or the example"),
    );
    p.ty = ty;
}

/// The types as a schema (sorted by name, as lookups expect), for its property and base queries.
fn sorted_schema(types: &[TypeDef]) -> Schema {
    let mut sorted = types.to_vec();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    Schema {
        types: sorted,
        ..Schema::default()
    }
}

/// A property the resource's table calls read-only that the page's own update example sends
/// (`"index": 99` in `PATCH .../columns/{id}`) is one the PATCH body carries: the example shows
/// the service taking it. Recorded on the updated type only, with a note at the example.
pub fn update_writes(
    facts: &[PageFacts],
    types: &mut Vec<TypeDef>,
    operations: &[Operation],
    diags: &mut Vec<Diagnostic>,
) {
    let mut writes = super::with_sorted(types, |schema| {
        read_only_writes(facts, schema, operations, diags)
    });
    for ty in types.iter_mut() {
        if let Some(keys) = writes.remove(&ty.name) {
            ty.update_writes.extend(keys);
        }
    }
}

/// The read-only properties each updated type's update examples send, by type, with a note
/// at the first example that sends each.
fn read_only_writes(
    facts: &[PageFacts],
    schema: &Schema,
    operations: &[Operation],
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<String, BTreeSet<String>> {
    let ops = super::page_operations(operations);
    let mut writes: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for page in facts {
        let Some(facts) = &page.operation else {
            continue;
        };
        for (example, op) in ops.examples(&page.path, facts) {
            let Some(op) = op.filter(|o| o.kind == super::OperationKind::Update) else {
                continue;
            };
            if !example.request {
                continue;
            }
            let Some(TypeRef::Named(name)) = &op.body else {
                continue;
            };
            let Some(def) = schema.type_named(name) else {
                continue;
            };
            let properties = schema.all_properties(def);
            let Some(object) = example.body.as_ref().and_then(Value::as_object) else {
                continue;
            };
            for key in object.keys() {
                if !properties.iter().any(|p| &p.name == key && p.read_only)
                    || !writes.entry(name.clone()).or_default().insert(key.clone())
                {
                    continue;
                }
                let line = example
                    .body_source
                    .as_ref()
                    .map_or(example.line, |s| s.line);
                diags.push(
                    Diagnostic::new(Severity::Note, Code::Conflict, &page.path, line, 1).message(
                        format!(
                            "the update example sends `{key}`, which the {} table calls \
                             read-only: its PATCH body carries it",
                            def.short_name()
                        ),
                    ),
                );
            }
        }
    }
    writes
}

struct Walk<'a> {
    schema: &'a Schema,
    opaque: &'a BTreeSet<&'a str>,
    index: &'a Index,
    found: Undocumented,
    /// (page, key) reported as a case error already.
    case_errors: BTreeSet<(String, String)>,
    /// (declaring type, property) -> how its documented property's values are shaped.
    /// (Hashed while the walk counts; `collection_ness` reads them in order.)
    shapes: foldhash::HashMap<(&'a str, &'a str), Shapes>,
    /// (type, property) -> the type (it or an ancestor) that declares the property.
    owners: foldhash::HashMap<(&'a str, &'a str), &'a str>,
    /// Objects whose `@odata.type` names another type than their place declares.
    shown_as: ShownAs,
    /// The walk is for `shown_as`: it goes into the documented properties of open types too,
    /// and passes by values in which no object names its type.
    for_bases: bool,
    properties: PropertyIndex<'a>,
    diags: &'a mut Vec<Diagnostic>,
}

/// The non-null values examples show for one documented property: how many fit the type its
/// table gives, and where they fit only the other collection-ness (an array for one object, one
/// value for a collection).
#[derive(Default)]
struct Shapes {
    declared: usize,
    flipped: Vec<String>,
    /// Objects (or arrays of them) where the table gives a primitive type.
    structured: Vec<Structured>,
}

/// An example value that is an object, or an array of objects, where a primitive is declared.
struct Structured {
    source: String,
    /// The type the pages define that every object names with `@odata.type`, if they all name
    /// one.
    named: Option<String>,
    array: bool,
}

/// The objects of a value that is an object or a non-empty array of objects only.
fn objects_only(value: &Value) -> Option<Vec<&Map<String, Value>>> {
    match value {
        Value::Object(o) => Some(vec![o]),
        Value::Array(items) if !items.is_empty() => items.iter().map(Value::as_object).collect(),
        _ => None,
    }
}

/// The same type with the other collection-ness: `T` <-> `Collection(T)`.
fn flipped(ty: &TypeRef) -> TypeRef {
    match ty {
        TypeRef::Collection(inner) => (**inner).clone(),
        other => TypeRef::Collection(Box::new(other.clone())),
    }
}

impl<'a> Walk<'a> {
    fn new(
        schema: &'a Schema,
        opaque: &'a BTreeSet<&'a str>,
        index: &'a Index,
        for_bases: bool,
        diags: &'a mut Vec<Diagnostic>,
    ) -> Self {
        Walk {
            schema,
            opaque,
            index,
            found: Undocumented::new(),
            case_errors: BTreeSet::new(),
            shapes: Default::default(),
            owners: Default::default(),
            shown_as: ShownAs::new(),
            for_bases,
            properties: PropertyIndex::new(schema),
            diags,
        }
    }

    /// Whether `body`'s `value` is an object that says it is of `ty` itself, where `ty`'s own
    /// `value` is of another type: the doc stubs' envelope around one object of a type that has
    /// a `value` (`examples::struct_body` reads it the same way).
    fn wraps_itself(&self, ty: &str, body: &Value) -> bool {
        let names_ty = body
            .get("value")
            .and_then(Value::as_object)
            .and_then(super::evidence::odata_type)
            .is_some_and(|t| t.eq_ignore_ascii_case(ty));
        names_ty
            && self.properties.type_named(ty).is_some_and(|def| {
                self.properties
                    .of(def)
                    .by_name
                    .get("value")
                    .is_none_or(|p| p.ty.element() != &TypeRef::Named(ty.to_owned()))
            })
    }

    fn has_property(&self, ty: &str, name: &str) -> bool {
        self.properties
            .type_named(ty)
            .is_some_and(|t| self.properties.of(t).by_name.contains_key(name))
    }

    /// The type that declares `def`'s property `name`: `def`, else its nearest ancestor that
    /// does (`def` when none does).
    fn owner(&mut self, def: &'a TypeDef, name: &'a str) -> &'a str {
        let schema = self.schema;
        self.owners.entry((&def.name, name)).or_insert_with(|| {
            std::iter::once(def)
                .chain(schema.ancestors(def))
                .find(|t| t.properties.iter().any(|q| q.name == name))
                .map_or(def.name.as_str(), |t| t.name.as_str())
        })
    }

    /// Whether a request example's own `@odata.type` names a type that neither is nor derives
    /// from the body type its Request body section links. The body stays the linked type
    /// (`bodies`, whose note names both places), so the example is read as that body: read as
    /// the type it names by mistake, its keys would become that type's properties
    /// (`educationsubmission-post-resources.md`: a submission resource sent as an
    /// `educationResource`).
    fn names_other_than_linked(
        &self,
        facts: &OperationFacts,
        body: &Value,
        op: &Operation,
    ) -> bool {
        let Some(TypeRef::Named(sent)) = op.body.as_ref().map(TypeRef::element) else {
            return false;
        };
        let ns = sent.rsplit_once('.').map_or("", |(ns, _)| ns);
        // Most request bodies name no type: asked first, that spares the link lookup.
        let Some(named) = body
            .get("@odata.type")
            .and_then(Value::as_str)
            .map(|t| t.trim().trim_start_matches('#'))
            .and_then(|t| self.index.lookup(t, ns))
        else {
            return false;
        };
        let unrelated = named != *sent
            && self
                .properties
                .type_named(&named)
                .is_some_and(|def| !self.schema.ancestors(def).iter().any(|a| a.name == *sent));
        let linked = || {
            facts
                .body_links
                .first()
                .and_then(|l| self.index.lookup_link(l))
        };
        unrelated && linked().as_deref() == Some(sent.as_str())
    }

    /// [`Walk::object`] of an object read as `ty`, whatever its own `@odata.type` says.
    fn object_as(&mut self, ty: &str, object: &Map<String, Value>, source: &str) {
        let mut object = object.clone();
        object.remove("@odata.type");
        self.object(ty, &object, source);
    }

    /// Records `object`'s undocumented keys against `ty` (or the known type its `@odata.type`
    /// names) and walks into the values of documented struct-typed properties.
    fn object(&mut self, ty: &str, object: &Map<String, Value>, source: &str) {
        let named = self.named_type(object, ty);
        if let Some(named) = named.as_deref().filter(|n| *n != ty) {
            self.shown_as
                .entry(named.to_owned())
                .or_default()
                .entry(ty.to_owned())
                .or_insert_with(|| source.to_owned());
        }
        let ty = named.as_deref().unwrap_or(ty);
        let Some(def) = self.properties.type_named(ty) else {
            return;
        };
        if def.kind == TypeKind::Enum {
            return;
        }
        // An open type's other keys are dynamic properties, not missing ones (the walk for
        // `shown_as` still goes into its documented ones).
        let open = def.open || self.opaque.contains(def.name.as_str());
        if open && !self.for_bases {
            self.typed_values(object, ty, source);
            return;
        }
        let properties = self.properties.of(def);
        let mut undocumented = Map::new();
        for (key, value) in object {
            if is_annotation(key) || self.for_bases && !names_a_type(value) {
                continue;
            }
            if let Some(&p) = properties.by_name.get(key.as_str()) {
                // `Untyped`, a type no page defines and an opaque one (`Json`) hold any JSON, arrays
                // included.
                let any_json = match p.ty.element() {
                    TypeRef::Named(n) => {
                        self.properties.type_named(n).is_none() || self.opaque.contains(n.as_str())
                    }
                    other => other == &TypeRef::untyped(),
                };
                // Shapes are `complete_types`' business; the walk for bases only goes down.
                if !self.for_bases && !value.is_null() && !any_json {
                    let owner = self.owner(def, &p.name);
                    let shapes = self.shapes.entry((owner, &p.name)).or_default();
                    if fits(value, &p.ty, self.schema) {
                        shapes.declared += 1;
                    } else if fits(value, &flipped(&p.ty), self.schema) {
                        shapes.flipped.push(source.to_owned());
                    } else if matches!(p.ty.element(), TypeRef::Primitive(_))
                        && let Some(objects) = objects_only(value)
                    {
                        let named = self.one_named_type(&objects, ty);
                        let shapes = self.shapes.entry((owner, &p.name)).or_default();
                        shapes.structured.push(Structured {
                            source: source.to_owned(),
                            named,
                            array: value.is_array(),
                        });
                    }
                }
                if let TypeRef::Named(inner) = p.ty.element() {
                    match value {
                        Value::Array(items) => {
                            for item in items {
                                if let Value::Object(o) = item {
                                    self.object(inner, o, source);
                                }
                            }
                        }
                        Value::Object(o) => self.object(inner, o, source),
                        _ => {}
                    }
                }
                continue;
            }
            if self.for_bases {
                continue;
            }
            // No table types the key, but the value may say what it holds.
            self.typed_value(value, ty, source);
            if let Some(p) = properties
                .list
                .iter()
                .find(|p| p.name.eq_ignore_ascii_case(key))
            {
                let (file, line) = split_source(source);
                if self.case_errors.insert((file.to_owned(), key.clone())) {
                    self.diags.push(
                        Diagnostic::new(Severity::Warning, Code::Conflict, file, line, 1)
                            .message(format!(
                                "the example sends `{key}`, the type {} documents `{}`: the page \
                                 spells one of them wrong",
                                def.short_name(),
                                p.name
                            ))
                            .help("JSON names are case-sensitive; Graph's are camelCase"),
                    );
                }
                continue;
            }
            undocumented.insert(key.clone(), value.clone());
        }
        if !undocumented.is_empty() {
            self.found
                .entry(def.name.clone())
                .or_default()
                .push((source.to_owned(), undocumented));
        }
    }
}

impl Walk<'_> {
    /// [`Walk::typed_value`] of each of an open type's values.
    fn typed_values(&mut self, object: &Map<String, Value>, ty: &str, source: &str) {
        for (key, value) in object {
            if !is_annotation(key) {
                self.typed_value(value, ty, source);
            }
        }
    }

    /// Walks a value no table types (an undocumented key's, an open type's dynamic property)
    /// where it is an object, or an array of objects, whose `@odata.type` names a type the
    /// pages define: OData's instance annotation gives the object's type wherever it stands
    /// (`resourceData` of a notification holding a `#microsoft.graph.call`), so its keys are
    /// evidence of that type's properties like those of an object in a typed place.
    fn typed_value(&mut self, value: &Value, ty: &str, source: &str) {
        match value {
            Value::Object(object) => self.typed_object(object, ty, source),
            Value::Array(items) => {
                for item in items {
                    if let Value::Object(object) = item {
                        self.typed_object(object, ty, source);
                    }
                }
            }
            _ => {}
        }
    }

    /// [`Walk::object`] of an object whose `@odata.type` names a type the pages define;
    /// nothing for any other.
    fn typed_object(&mut self, object: &Map<String, Value>, ty: &str, source: &str) {
        if let Some(named) = self.named_type(object, ty) {
            self.object(&named, object, source);
        }
    }

    /// The struct type the pages define that each of `objects` names with `@odata.type`, when
    /// they all name the same one.
    fn one_named_type(&self, objects: &[&Map<String, Value>], ty: &str) -> Option<String> {
        let mut named = objects.iter().map(|o| self.named_type(o, ty));
        let first = named.next()??;
        let is_struct = self
            .properties
            .type_named(&first)
            .is_some_and(|t| t.kind != TypeKind::Enum);
        (is_struct && named.all(|n| n.as_deref() == Some(first.as_str()))).then_some(first)
    }

    /// The type the pages define that `object`'s `@odata.type` names (resolved from the
    /// namespace of `ty`, the type of the place it stands in or near).
    fn named_type(&self, object: &Map<String, Value>, ty: &str) -> Option<String> {
        let named = object.get("@odata.type")?.as_str()?;
        let namespace = ty.rsplit_once('.').map_or("", |(ns, _)| ns);
        self.index
            .lookup(named.trim().trim_start_matches('#'), namespace)
            .filter(|t| self.properties.type_named(t).is_some())
    }
}

/// Whether an object in `value` (it or one inside) says its type with `@odata.type`.
fn names_a_type(value: &Value) -> bool {
    match value {
        Value::Object(o) => o.contains_key("@odata.type") || o.values().any(names_a_type),
        Value::Array(items) => items.iter().any(names_a_type),
        _ => false,
    }
}

fn is_annotation(key: &str) -> bool {
    key.contains('@') || key.starts_with('#')
}

/// Whether an example value can be a value of `ty` (`null` fits anything).
pub(super) fn fits(value: &Value, ty: &TypeRef, schema: &Schema) -> bool {
    let is_enum = |n: &str| {
        schema
            .type_named(n)
            .is_some_and(|t| t.kind == TypeKind::Enum)
    };
    match (value, ty) {
        (Value::Null, _) => true,
        (Value::Array(items), TypeRef::Collection(inner)) => {
            items.iter().all(|v| fits(v, inner, schema))
        }
        (Value::Object(_), TypeRef::Named(n)) => !is_enum(n),
        (Value::String(_), TypeRef::Named(n)) => is_enum(n),
        (Value::Bool(_), TypeRef::Primitive(p)) => p == "Boolean",
        (Value::Number(_), TypeRef::Primitive(p)) => matches!(
            p.as_str(),
            "Byte" | "SByte" | "Int16" | "Int32" | "Int64" | "Single" | "Double" | "Decimal"
        ),
        // A doc placeholder (`"datetime-value"`, `"String (timestamp)"`) stands for any scalar.
        (Value::String(s), TypeRef::Primitive(_)) if looks_like_placeholder(s) => true,
        (Value::String(s), TypeRef::Primitive(p)) => match p.as_str() {
            "DateTimeOffset" | "Date" => {
                s.len() >= 10 && s.as_bytes()[..4].iter().all(u8::is_ascii_digit)
            }
            "Guid" => s.len() == 36 && s.matches('-').count() == 4,
            other => matches!(
                other,
                "String" | "TimeOfDay" | "Duration" | "Binary" | "Int64"
            ),
        },
        _ => false,
    }
}

/// Whether a type derived from `base` (at any depth) declares `property`.
fn derived_declare(schema: &Schema, base: &str, property: &str) -> bool {
    schema.types.iter().any(|t| {
        t.name != base
            && t.properties.iter().any(|p| p.name == property)
            && schema.ancestors(t).iter().any(|a| a.name == base)
    })
}
