//! JSON evidence: placeholders in resource JSON (`"String (timestamp)"`, `1024`,
//! `{"@odata.type": "microsoft.graph.x"}`), values in examples, and types synthesized from
//! example objects when no page defines them (json_typegen-style: a key missing in one sample is
//! optional, which every property is; conflicting samples make the property any JSON).

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use serde_json::{Map, Value};

use super::index::Index;
use super::type_cell::primitive;
use super::types::{merge, row_property};
use super::{Operation, Origin, Property, TypeDef, TypeKind, TypeRef, split_source};
use crate::diag::{Code, Diagnostic, Severity};
use crate::facts::PageFacts;

/// The type a resource-JSON placeholder stands for.
pub fn placeholder_type(value: &Value, index: &Index, namespace: &str) -> Option<TypeRef> {
    match value {
        Value::String(s) => {
            let lower = s.trim().to_lowercase();
            if let Some(rest) = s.trim().strip_prefix("@odata.type:") {
                let name = rest.trim().trim_start_matches('#');
                return Some(TypeRef::Named(
                    index
                        .lookup(name, namespace)
                        .unwrap_or_else(|| name.to_owned()),
                ));
            }
            // `"a | b | c"`: the values of an enum; it is that enum if exactly one has them.
            if s.contains(" | ") {
                let values: Vec<String> = s.split('|').map(|v| v.trim().to_owned()).collect();
                if let Some(e) = index.enum_with_members(&values) {
                    return Some(TypeRef::Named(e));
                }
                return Some(TypeRef::Primitive("String".to_owned()));
            }
            if lower.starts_with("string") {
                let timestamp = ["timestamp", "date-time", "datetime"]
                    .iter()
                    .any(|w| lower.contains(w));
                return Some(TypeRef::Primitive(
                    if timestamp {
                        "DateTimeOffset"
                    } else {
                        "String"
                    }
                    .to_owned(),
                ));
            }
            let word = lower.split([' ', '(']).next().unwrap_or_default();
            if let Some(p) = primitive(word) {
                return Some(TypeRef::Primitive(p.to_owned()));
            }
            value_type(value, index, namespace)
        }
        _ => value_type(value, index, namespace),
    }
}

/// The type an example value shows. Objects without `@odata.type` have no name here (`None`).
pub fn value_type(value: &Value, index: &Index, namespace: &str) -> Option<TypeRef> {
    Some(match value {
        Value::Bool(_) => TypeRef::Primitive("Boolean".to_owned()),
        Value::Number(n) if n.is_i64() || n.is_u64() => {
            let fits = n.as_i64().is_some_and(|i| i32::try_from(i).is_ok());
            TypeRef::Primitive(if fits { "Int32" } else { "Int64" }.to_owned())
        }
        Value::Number(_) => TypeRef::Primitive("Double".to_owned()),
        Value::String(s) if is_date_time(s) => TypeRef::Primitive("DateTimeOffset".to_owned()),
        Value::String(_) => TypeRef::Primitive("String".to_owned()),
        Value::Object(o) => {
            let name = odata_type(o)?;
            TypeRef::Named(index.lookup(&name, namespace).unwrap_or(name))
        }
        Value::Array(items) => {
            TypeRef::collection(items.iter().find_map(|v| value_type(v, index, namespace))?)
        }
        Value::Null => return None,
    })
}

/// The type an example value stands for when it is a type placeholder rather than a value:
/// `"Boolean"`, `"Integer"`, `"String (timestamp)"`, `["String"]`. Newer doc snapshots write
/// these where older ones wrote `true`, `1`, `"2017-01-01T00:00:00Z"`; reading them as strings
/// retyped every such property. Only the doc stubs' own spellings count, whole and
/// case-sensitive: `"Long description"` or `"single"` are strings.
pub fn example_placeholder(value: &Value) -> Option<TypeRef> {
    const SPELLINGS: [(&str, &str); 17] = [
        ("Boolean", "Boolean"),
        ("Integer", "Int32"),
        ("Byte", "Byte"),
        ("Int16", "Int16"),
        ("Int32", "Int32"),
        ("Int64", "Int64"),
        ("Single", "Single"),
        ("Double", "Double"),
        ("Decimal", "Decimal"),
        ("DateTimeOffset", "DateTimeOffset"),
        ("Date", "Date"),
        ("TimeOfDay", "TimeOfDay"),
        ("Duration", "Duration"),
        ("Guid", "Guid"),
        ("Binary", "Binary"),
        ("Stream", "Stream"),
        ("String", "String"),
    ];
    const NOTES: [(&str, &str); 3] = [
        ("timestamp", "DateTimeOffset"),
        ("duration", "Duration"),
        ("time of day", "TimeOfDay"),
    ];
    match value {
        Value::String(s) => {
            let edm = match s.strip_prefix("String (").and_then(|r| r.strip_suffix(')')) {
                Some(note) => NOTES
                    .iter()
                    .find(|(n, _)| *n == note)
                    .map_or("String", |(_, edm)| *edm),
                None => SPELLINGS
                    .iter()
                    .find(|(w, _)| w == s)
                    .map(|(_, edm)| *edm)?,
            };
            Some(TypeRef::Primitive(edm.to_owned()))
        }
        Value::Array(items) => {
            let first = items.iter().find(|v| !v.is_null())?;
            Some(TypeRef::collection(example_placeholder(first)?))
        }
        _ => None,
    }
}

/// `2016-12-31T23:56:26.9196629+00:00`, `2017-01-01T00:00:00Z`.
fn is_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 16
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
}

/// `"@odata.type": "#microsoft.graph.logonUser"` -> `microsoft.graph.logonUser`.
pub(super) fn odata_type(o: &Map<String, Value>) -> Option<String> {
    let t = o
        .get("@odata.type")?
        .as_str()?
        .trim()
        .trim_start_matches('#');
    let valid = !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
        && !t.to_lowercase().starts_with("collection");
    valid.then(|| {
        if t.contains('.') {
            t.to_owned()
        } else {
            format!("microsoft.graph.{t}")
        }
    })
}

/// Example objects, with where they were seen.
type Objects<'f> = Vec<(&'f str, &'f Map<String, Value>)>;
/// Example objects by the type they show.
type Samples<'f> = BTreeMap<String, Objects<'f>>;

/// Defines the types the pages reference but no page defines: from an operation's request-body
/// table first, then from example objects. Repeats while new types bring new references.
pub fn synthesize(
    facts: &[PageFacts],
    index: &Index,
    types: &mut Vec<TypeDef>,
    operations: &mut [Operation],
    diags: &mut Vec<Diagnostic>,
) {
    let mut defined: BTreeMap<String, TypeDef> =
        types.drain(..).map(|t| (t.name.clone(), t)).collect();

    let pages: BTreeMap<&str, &PageFacts> = facts.iter().map(|f| (f.path.as_str(), f)).collect();
    // 1. Body tables of operations whose body type has no page.
    for op in operations.iter() {
        let Some(TypeRef::Named(name)) = &op.body else {
            continue;
        };
        if defined.contains_key(name) {
            continue;
        }
        let (path, _) = split_source(&op.source);
        let Some(page) = pages.get(path) else {
            continue;
        };
        let Some(of) = &page.operation else { continue };
        if of.body_rows.is_empty() {
            continue;
        }
        let properties: Vec<Property> = of
            .body_rows
            .iter()
            .map(|row| row_property(row, false, page, index, None, diags))
            .collect();
        let base = of
            .body_rows
            .iter()
            .filter(|r| r.description.text.contains("Inherited from"))
            .find_map(|r| {
                let link = r.description.links.first()?;
                Some(
                    index
                        .lookup_link(link)
                        .unwrap_or_else(|| format!("{}.{}", page.namespace, link.text.trim())),
                )
            });
        let entity = properties.iter().any(|p| p.name == "id");
        merge(
            &mut defined,
            TypeDef {
                name: name.clone(),
                kind: if entity {
                    TypeKind::Entity
                } else {
                    TypeKind::Complex
                },
                base,
                open: false,
                abstract_: false,
                rust: String::new(),
                source: op.source.clone(),
                description: String::new(),
                properties,
                members: Vec::new(),
                flags: false,
                update_writes: Default::default(),
                origin: Origin::BodyTable,
            },
            diags,
        );
    }

    // 2. Example objects, by `@odata.type` and by the typed property they sit in.
    let mut bodies = example_bodies(facts, operations);
    let mut annotations = Annotations::default();
    // Each body's samples, in walk order. A round walks again only the bodies that showed
    // samples of a type the round before defined: nothing else a walk asks changes.
    let mut shown: Vec<Shown<'_>> = vec![Vec::new(); bodies.len()];
    let mut added: BTreeSet<String> = BTreeSet::new();
    for round in 0..8 {
        let mut known = Known::new(&defined, index);
        for (body, shown) in bodies.iter().zip(&mut shown) {
            if round > 0 && !shown.iter().any(|(name, _)| added.contains(name)) {
                continue;
            }
            shown.clear();
            let mut walk = SampleWalk {
                known: &mut known,
                annotations: &mut annotations,
                index,
                shown,
            };
            walk.collect(body.ty.as_ref(), body.shown(), 0);
        }
        let mut samples: Samples<'_> = BTreeMap::new();
        for (body, shown) in bodies.iter().zip(&shown) {
            for (name, o) in shown {
                sample(&mut samples, name, (&body.source, o));
            }
        }
        added.clear();
        let mut respelled: BTreeMap<String, String> = BTreeMap::new();
        for name in referenced(&defined, operations) {
            if defined.contains_key(&name) || index.is_defined(&name) {
                continue;
            }
            let Some((spelling, objects)) = shown_as(&samples, &name) else {
                continue;
            };
            if spelling != name {
                respelled.insert(name.clone(), spelling.to_owned());
            }
            if defined.contains_key(spelling) {
                continue;
            }
            let def = from_samples(spelling, objects, index, diags);
            defined.insert(spelling.to_owned(), def);
            added.insert(spelling.to_owned());
        }
        if !respelled.is_empty() {
            respell(&respelled, &mut defined, operations, diags);
            for body in &mut bodies {
                if let Some(ty) = &mut body.ty {
                    respell_ref(ty, &respelled);
                }
            }
            // The bodies that showed objects under the old name walk again, under the new.
            added.extend(respelled.into_keys());
        }
        if added.is_empty() {
            break;
        }
    }
    types.extend(defined.into_values());
}

/// The samples of an undefined type, under its name or, where no object shows that name, under
/// the one spelling that differs from it in case alone (the most shown, the first in order
/// among equals): the doc stubs name a response's type in lower case
/// (`microsoft.graph.office365groupsactivityfilecounts`) where the objects' `@odata.type`, the
/// service's own, spells it `office365GroupsActivityFileCounts`.
fn shown_as<'s, 'f>(samples: &'s Samples<'f>, name: &str) -> Option<(&'s str, &'s Objects<'f>)> {
    if let Some((spelling, objects)) = samples.get_key_value(name) {
        return Some((spelling.as_str(), objects));
    }
    let mut best: Option<(&String, &Objects<'f>)> = None;
    for (spelling, objects) in samples {
        if spelling.eq_ignore_ascii_case(name) && best.is_none_or(|(_, b)| objects.len() > b.len())
        {
            best = Some((spelling, objects));
        }
    }
    best.map(|(s, o)| (s.as_str(), o))
}

/// `t`, or its element, under the new spelling, if `respelled` has one; the old name.
fn respell_ref<'r>(t: &mut TypeRef, respelled: &'r BTreeMap<String, String>) -> Option<&'r str> {
    let mut t = t;
    while let TypeRef::Collection(inner) = t {
        t = inner;
    }
    let TypeRef::Named(n) = t else { return None };
    let (old, new) = respelled.get_key_value(n.as_str())?;
    *n = new.clone();
    Some(old)
}

/// Every reference to a type under a name its examples spell otherwise now uses their spelling,
/// with a note at the first operation or type that used the page's.
fn respell(
    respelled: &BTreeMap<String, String>,
    defined: &mut BTreeMap<String, TypeDef>,
    operations: &mut [Operation],
    diags: &mut Vec<Diagnostic>,
) {
    let mut first: BTreeMap<&str, String> = BTreeMap::new();
    let mut fix = |t: &mut TypeRef, source: &str| {
        if let Some(old) = respell_ref(t, respelled) {
            first.entry(old).or_insert_with(|| source.to_owned());
        }
    };
    for op in operations.iter_mut() {
        let source = op.source.clone();
        let refs = op.body.iter_mut().chain(op.return_type.iter_mut());
        let refs = refs
            .chain(op.representation.iter_mut())
            .chain(op.cast_responses.values_mut());
        for t in refs {
            fix(t, &source);
        }
        for p in &mut op.parameters {
            fix(&mut p.ty, &source);
        }
    }
    for def in defined.values_mut() {
        for p in &mut def.properties {
            fix(&mut p.ty, &p.source);
        }
    }
    for (old, source) in first {
        let (file, line) = split_source(&source);
        let new = &respelled[old];
        diags.push(
            Diagnostic::new(Severity::Note, Code::Conflict, file, line, 1)
                .message(format!(
                    "no page defines `{old}`; the examples' objects spell it `{new}` (their \
                     `@odata.type`): the type is made from them under that name"
                ))
                .help("link the type to its page, spelled as the service spells it"),
        );
    }
}

/// A JSON body of a page, with the type it is known to have.
struct Body<'f> {
    /// `file:line`.
    source: String,
    ty: Option<TypeRef>,
    value: &'f Value,
    response: bool,
}

impl<'f> Body<'f> {
    /// The value whose objects are samples: a response's one object, where the example wraps
    /// it in `{"value": {...}}` (the doc stubs' template; the service sends the object
    /// itself) and the object says it is of the response's type, else the whole body.
    /// Without this, the envelope was made a type of its own, holding the object in `value`.
    fn shown(&self) -> &'f Value {
        if let (true, Some(TypeRef::Named(ty)), Value::Object(o)) =
            (self.response, &self.ty, self.value)
            && o.keys().all(|k| k == "value" || k.contains('@'))
            && let Some(Value::Object(inner)) = o.get("value")
            && odata_type(inner).is_some_and(|t| t.eq_ignore_ascii_case(ty))
        {
            return &o["value"];
        }
        self.value
    }
}

/// Every JSON body with the type it is known to have (request bodies and single responses).
fn example_bodies<'f>(facts: &'f [PageFacts], operations: &[Operation]) -> Vec<Body<'f>> {
    let by_page = super::page_operations(operations);
    let mut out = Vec::new();
    for page in facts {
        if let Some(r) = &page.resource
            && let Some(json) = &r.json
        {
            out.push(Body {
                source: format!("{}:{}", page.path, r.line),
                ty: None,
                value: json,
                response: false,
            });
        }
        let Some(of) = &page.operation else { continue };
        for (ex, op) in by_page.examples(&page.path, of) {
            let Some(body) = &ex.body else { continue };
            let ty = op.and_then(|o| {
                if ex.request {
                    o.body.clone()
                } else {
                    o.return_type.clone()
                }
            });
            out.push(Body {
                source: format!("{}:{}", page.path, ex.line),
                ty,
                value: body,
                response: !ex.request,
            });
        }
    }
    out
}

/// What the walk asks of a type by name, worked out once a round (the walk asks thousands of
/// times): a defined type's property types by key (the first row of a name standing), or
/// whether the type's objects are samples `synthesize` may use.
struct Known<'d> {
    defined: &'d BTreeMap<String, TypeDef>,
    index: &'d Index,
    by_name: foldhash::HashMap<String, Rc<KnownType<'d>>>,
}

enum KnownType<'d> {
    Defined(foldhash::HashMap<&'d str, &'d TypeRef>),
    /// Neither defined nor documented: its example objects are samples.
    Sampled,
    /// A page documents it (`Index::is_defined`): never made from samples.
    Documented,
}

impl<'d> Known<'d> {
    fn new(defined: &'d BTreeMap<String, TypeDef>, index: &'d Index) -> Self {
        Known {
            defined,
            index,
            by_name: Default::default(),
        }
    }

    fn get(&mut self, name: &str) -> Rc<KnownType<'d>> {
        if let Some(known) = self.by_name.get(name) {
            return Rc::clone(known);
        }
        let known = Rc::new(match self.defined.get(name) {
            Some(def) => {
                let mut by_key = foldhash::HashMap::default();
                for p in &def.properties {
                    by_key.entry(p.name.as_str()).or_insert(&p.ty);
                }
                KnownType::Defined(by_key)
            }
            None if self.index.is_defined(name) => KnownType::Documented,
            None => KnownType::Sampled,
        });
        self.by_name.insert(name.to_owned(), Rc::clone(&known));
        known
    }
}

/// `@odata.type` values as `collect` resolves them, by the text: the same few hundred types
/// are named in thousands of objects, round after round.
type Annotations = foldhash::HashMap<String, Option<String>>;

/// One example body's walk for samples (`collect`).
struct SampleWalk<'w, 'f, 'd> {
    known: &'w mut Known<'d>,
    annotations: &'w mut Annotations,
    index: &'d Index,
    shown: &'w mut Shown<'f>,
}

/// One body's samples: each object with the type it shows.
type Shown<'f> = Vec<(String, &'f Map<String, Value>)>;

impl<'f> SampleWalk<'_, 'f, '_> {
    /// Adds `value` (and the objects inside it) as samples of the types they show. Only the
    /// samples of types neither defined nor documented are kept: no other is asked for.
    fn collect(&mut self, ty: Option<&TypeRef>, value: &'f Value, depth: usize) {
        if depth > 32 {
            return;
        }
        match value {
            Value::Array(items) => {
                let inner = ty.map(TypeRef::element);
                for item in items {
                    self.collect(inner, item, depth + 1);
                }
            }
            Value::Object(o) => {
                // A collection response: `{"value": [...]}` holds the elements.
                if let (Some(TypeRef::Collection(inner)), Some(v)) = (ty, o.get("value")) {
                    self.collect(Some(inner), v, depth + 1);
                    return;
                }
                let annotated = annotated(self.annotations, self.index, o);
                let name = match (annotated, ty) {
                    (Some(name), _) => name,
                    (None, Some(TypeRef::Named(name))) => name.as_str(),
                    _ => return,
                };
                let known = self.known.get(name);
                if matches!(*known, KnownType::Sampled) {
                    self.shown.push((name.to_owned(), o));
                }
                let props = match &*known {
                    KnownType::Defined(props) => Some(props),
                    _ => None,
                };
                for (key, v) in o {
                    let pty = props.and_then(|p| p.get(key.as_str()).copied());
                    if pty.is_some() || matches!(v, Value::Object(_) | Value::Array(_)) {
                        self.collect(pty, v, depth + 1);
                    }
                }
            }
            _ => {}
        }
    }
}

/// The type an object's `@odata.type` names (as `odata_type` and the index resolve it).
fn annotated<'a>(
    annotations: &'a mut Annotations,
    index: &Index,
    o: &Map<String, Value>,
) -> Option<&'a str> {
    let text = o.get("@odata.type")?.as_str()?;
    if !annotations.contains_key(text) {
        let name = odata_type(o).map(|n| index.lookup(&n, "microsoft.graph").unwrap_or(n));
        annotations.insert(text.to_owned(), name);
    }
    annotations[text].as_deref()
}

fn sample<'f>(samples: &mut Samples<'f>, name: &str, seen: (&'f str, &'f Map<String, Value>)) {
    match samples.get_mut(name) {
        Some(objects) => objects.push(seen),
        None => {
            samples.insert(name.to_owned(), vec![seen]);
        }
    }
}

/// Named types referenced by properties, bases and operations, sorted. (Gathered borrowed and
/// hashed, then sorted once: every round asks, and most names are referenced many times.)
fn referenced<'a>(
    defined: &'a BTreeMap<String, TypeDef>,
    operations: &'a [Operation],
) -> Vec<String> {
    let mut out: foldhash::HashSet<&'a str> = Default::default();
    let mut add = |t: &'a TypeRef| {
        if let TypeRef::Named(n) = t.element() {
            out.insert(n);
        }
    };
    for t in defined.values() {
        for p in &t.properties {
            add(&p.ty);
        }
    }
    for op in operations {
        op.body.iter().chain(&op.return_type).for_each(&mut add);
        op.parameters.iter().for_each(|p| add(&p.ty));
    }
    let mut out: Vec<String> = out.into_iter().map(str::to_owned).collect();
    out.sort_unstable();
    out
}

pub fn from_samples(
    name: &str,
    objects: &[(&str, &Map<String, Value>)],
    index: &Index,
    diags: &mut Vec<Diagnostic>,
) -> TypeDef {
    let namespace = name
        .rsplit_once('.')
        .map_or("microsoft.graph", |(ns, _)| ns);
    let mut properties: Vec<Property> = Vec::new();
    // Keys whose samples disagreed: any JSON from then on, reported once.
    let mut conflicted: BTreeSet<&str> = BTreeSet::new();
    // Type placeholders (`"Boolean"`) by key: weaker than values, used where no value says more.
    let mut placeholders: BTreeMap<&str, BTreeSet<TypeRef>> = BTreeMap::new();
    for (source, o) in objects {
        for (key, value) in o.iter() {
            if key.contains('@')
                || conflicted.contains(key.as_str())
                || !super::is_property_name(key)
            {
                continue;
            }
            let ty = match example_placeholder(value) {
                Some(shown) => {
                    placeholders.entry(key).or_default().insert(shown);
                    None
                }
                None => value_type(value, index, namespace),
            };
            match properties.iter_mut().find(|p| &p.name == key) {
                None => properties.push(Property::shown(
                    key,
                    ty.unwrap_or_else(TypeRef::untyped),
                    (*source).to_owned(),
                )),
                Some(p) => match ty {
                    // A null sample left the type open; a later one fills it.
                    Some(t) if p.ty == TypeRef::untyped() => p.ty = t,
                    Some(t) if t != p.ty && !(is_number(&t) && is_number(&p.ty)) => {
                        let (file, line) = split_source(source);
                        diags.push(
                            Diagnostic::new(Severity::Warning, Code::Conflict, file, line, 1).message(
                                format!(
                                    "`{name}.{key}` is {t} here but {} at {}; it is kept as any JSON",
                                    p.ty, p.source
                                ),
                            ),
                        );
                        p.ty = TypeRef::untyped();
                        p.description = "Examples disagree on this property's type.".into();
                        conflicted.insert(key);
                    }
                    _ => {}
                },
            }
        }
    }
    for p in &mut properties {
        if p.ty != TypeRef::untyped() || conflicted.contains(p.name.as_str()) {
            continue;
        }
        if let Some(shown) = placeholders.get(p.name.as_str()) {
            // Placeholders that disagree are still all strings.
            p.ty = match shown.iter().collect::<Vec<_>>().as_slice() {
                [one] => (*one).clone(),
                _ => TypeRef::Primitive("String".to_owned()),
            };
        }
    }
    TypeDef {
        name: name.to_owned(),
        kind: TypeKind::Complex,
        base: None,
        open: false,
        abstract_: false,
        rust: String::new(),
        source: objects
            .first()
            .map(|(s, _)| (*s).to_owned())
            .unwrap_or_default(),
        description: String::new(),
        properties,
        members: Vec::new(),
        flags: false,
        update_writes: Default::default(),
        origin: Origin::Examples,
    }
}

fn is_number(t: &TypeRef) -> bool {
    matches!(t, TypeRef::Primitive(p) if matches!(p.as_str(), "Int32" | "Int64" | "Double"))
}
