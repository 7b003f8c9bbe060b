//! The `schema` stage: all [`PageFacts`] -> [`Schema`], names resolved across pages.
//!
//! Evidence is merged in a fixed order (table > resource annotation > resource JSON > example
//! values). Types referenced but defined on no page are synthesized from example objects, or
//! kept as named references when no example shows them. The IR serialized is the schema dump.

mod addressed;
mod alternatives;
mod bodies;
mod closure;
mod elsewhere;
mod enum_rows;
mod evidence;
mod example_bases;
mod example_keys;
mod example_paths;
mod examples;
mod index;
mod mentions;
mod name_evidence;
mod op_names;
mod operations;
mod path;
mod placeholders;
pub mod request_examples;
mod responses;
mod type_cell;
mod types;

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::diag::Diagnostic;
use crate::facts::{ExampleMessage, OperationFacts, PageFacts};
use crate::names::{NameSet, pascal_case};
pub use bodies::{REFERENCE_BODY, shows_body};
pub use closure::keep_closure;
pub use examples::{Example, ExampleCounts, ExampleRole};
pub use index::file_stem;
pub use op_names::{readable_name, readable_stem};
pub use path::{Argument, PARENT_PATH, PathTemplate, Segment, URL_PARAMETER};
pub use type_cell::resolve_type_cell;

#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Schema {
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
    /// The JSON examples whose type is known (not part of the dump).
    #[serde(skip)]
    pub examples: Vec<Example>,
    #[serde(skip)]
    pub example_counts: ExampleCounts,
    /// The request examples, each matched to a path of its operation (not part of the dump).
    #[serde(skip)]
    pub request_examples: Vec<request_examples::RequestExample>,
}

/// Each type's properties ([`Schema::all_properties`]) worked out once, and by name: the
/// example walks ask for the same types thousands of times.
pub struct PropertyIndex<'s> {
    schema: &'s Schema,
    /// The types by name, hashed: the walks look a type up for every value of a named type.
    types: foldhash::HashMap<&'s str, &'s TypeDef>,
    known: std::cell::RefCell<foldhash::HashMap<&'s str, std::rc::Rc<TypeProperties<'s>>>>,
}

/// One type's properties, its bases' included.
pub struct TypeProperties<'s> {
    pub list: Vec<&'s Property>,
    pub by_name: foldhash::HashMap<&'s str, &'s Property>,
}

impl<'s> PropertyIndex<'s> {
    pub fn new(schema: &'s Schema) -> Self {
        let mut types = foldhash::HashMap::default();
        for t in &schema.types {
            types.entry(t.name.as_str()).or_insert(t);
        }
        PropertyIndex {
            schema,
            types,
            known: Default::default(),
        }
    }

    pub fn schema(&self) -> &'s Schema {
        self.schema
    }

    /// [`Schema::type_named`], by hash.
    pub fn type_named(&self, name: &str) -> Option<&'s TypeDef> {
        self.types.get(name).copied()
    }

    pub fn of(&self, def: &'s TypeDef) -> std::rc::Rc<TypeProperties<'s>> {
        if let Some(known) = self.known.borrow().get(def.name.as_str()) {
            return std::rc::Rc::clone(known);
        }
        let list = self.schema.all_properties(def);
        // Names are unique in the list: a derived type's row replaced its base's.
        let by_name = list.iter().map(|p| (p.name.as_str(), *p)).collect();
        let properties = std::rc::Rc::new(TypeProperties { list, by_name });
        self.known
            .borrow_mut()
            .insert(def.name.as_str(), std::rc::Rc::clone(&properties));
        properties
    }
}

impl Schema {
    /// A type by qualified name (`types` is sorted by name, as `build` leaves it).
    pub fn type_named(&self, name: &str) -> Option<&TypeDef> {
        self.types
            .binary_search_by(|t| t.name.as_str().cmp(name))
            .ok()
            .map(|i| &self.types[i])
    }

    /// Bases from the nearest up, stopping at an undefined base or a cycle.
    pub fn ancestors<'s>(&'s self, ty: &'s TypeDef) -> Vec<&'s TypeDef> {
        let mut chain: Vec<&TypeDef> = Vec::new();
        let mut current = ty;
        while let Some(base) = current.base.as_deref().and_then(|b| self.type_named(b)) {
            if base.name == ty.name || chain.iter().any(|t| t.name == base.name) {
                break;
            }
            chain.push(base);
            current = base;
        }
        chain
    }

    /// The type's own properties after those of its bases, base first; a redeclared property
    /// keeps its place and takes the derived declaration.
    pub fn all_properties<'s>(&'s self, ty: &'s TypeDef) -> Vec<&'s Property> {
        let mut chain = self.ancestors(ty);
        chain.reverse();
        chain.push(ty);
        let mut props: Vec<&Property> = Vec::new();
        // Name -> position in `props`: a derived type's own row replaces the inherited one in
        // place, in linear time however many properties a type has.
        let mut at: foldhash::HashMap<&str, usize> = foldhash::HashMap::default();
        for t in chain {
            for p in &t.properties {
                match at.get(p.name.as_str()) {
                    Some(&i) => props[i] = p,
                    None => {
                        at.insert(&p.name, props.len());
                        props.push(p);
                    }
                }
            }
        }
        props
    }

    /// Complex types with no property, no base and no derived type (`microsoft.graph.Json`):
    /// nothing says what their JSON holds, so they stand for any JSON.
    pub fn opaque_types(&self) -> std::collections::BTreeSet<&str> {
        let bases: std::collections::BTreeSet<&str> = self
            .types
            .iter()
            .filter(|t| t.kind != TypeKind::Enum)
            .filter_map(|t| t.base.as_deref().filter(|b| *b != t.name))
            .collect();
        self.types
            .iter()
            .filter(|t| {
                t.kind == TypeKind::Complex
                    && t.base.is_none()
                    && t.properties.is_empty()
                    && !bases.contains(t.name.as_str())
            })
            .map(|t| t.name.as_str())
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TypeDef {
    /// Fully qualified: `microsoft.graph.hostSecurityProfile`.
    pub name: String,
    pub kind: TypeKind,
    pub base: Option<String>,
    pub open: bool,
    #[serde(rename = "abstract")]
    pub abstract_: bool,
    /// The Rust type name.
    pub rust: String,
    pub source: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Declared properties only; inherited ones live on the base.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub properties: Vec<Property>,
    /// Enum members, in declaration order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub flags: bool,
    /// Read-only properties (here or inherited) that an update example of this type sends: its
    /// PATCH body carries them, as the page does.
    #[serde(
        rename = "updateWrites",
        default,
        skip_serializing_if = "std::collections::BTreeSet::is_empty"
    )]
    pub update_writes: std::collections::BTreeSet<String>,
    /// How the type came to be: a page, or synthesized from examples / a body table.
    pub origin: Origin,
}

impl TypeDef {
    /// An enum of `members`, defined at `source` (`file:line`).
    pub fn enumeration(
        name: String,
        source: String,
        members: Vec<String>,
        flags: bool,
        origin: Origin,
    ) -> Self {
        TypeDef {
            name,
            kind: TypeKind::Enum,
            base: None,
            open: false,
            abstract_: false,
            rust: String::new(),
            source,
            description: String::new(),
            properties: Vec::new(),
            members,
            flags,
            update_writes: Default::default(),
            origin,
        }
    }

    /// The unqualified name (`hostSecurityProfile`).
    pub fn short_name(&self) -> &str {
        self.name.rsplit('.').next().unwrap_or(&self.name)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeKind {
    Entity,
    Complex,
    Enum,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    Page,
    /// From an operation's request-body table (the type's own page is not in the input).
    BodyTable,
    /// From example JSON objects (json_typegen-style).
    Examples,
    /// An action's parameter table, as its request body.
    ActionParameters,
    /// Defined by docgen: the body of a `$ref` request.
    Reference,
    /// An enum no page defines, whose members the rows typed by it list in their descriptions.
    RowValues,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Property {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: TypeRef,
    pub navigation: bool,
    pub nullable: bool,
    /// "Read-only." in the description: never sent in create or update bodies.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub read_only: bool,
    /// The Rust field type, for reading the dump (`Option<Vec<LogonUser>>`).
    pub rust: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Links in the description that name a schema type, for intra-doc links.
    #[serde(skip)]
    pub links: Vec<DocLink>,
    pub source: String,
}

impl Property {
    /// A property that examples or a body table show: nullable, not read-only, not a
    /// navigation, with no description yet.
    pub fn shown(name: &str, ty: TypeRef, source: String) -> Self {
        Property {
            name: name.to_owned(),
            ty,
            navigation: false,
            nullable: true,
            read_only: false,
            rust: String::new(),
            description: String::new(),
            links: Vec::new(),
            source,
        }
    }
}

/// A link in a description (its text) to a schema type (qualified).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocLink {
    pub text: String,
    pub target: String,
}

/// A property or body type: an Edm primitive, a schema type, or a collection of either.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeRef {
    /// `Edm.String` is `Primitive("String")`; `Untyped` stands for any JSON.
    Primitive(String),
    /// A qualified type name; it may name a type no page defines (then it is emitted as JSON).
    Named(String),
    Collection(Box<TypeRef>),
}

impl TypeRef {
    pub fn untyped() -> Self {
        TypeRef::Primitive("Untyped".to_owned())
    }

    pub fn collection(inner: TypeRef) -> Self {
        TypeRef::Collection(Box::new(inner))
    }

    /// The element type of a collection, or the type itself.
    pub fn element(&self) -> &TypeRef {
        match self {
            TypeRef::Collection(inner) => inner.element(),
            other => other,
        }
    }
}

impl fmt::Display for TypeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeRef::Primitive(p) => write!(f, "Edm.{p}"),
            TypeRef::Named(n) => f.write_str(n),
            TypeRef::Collection(inner) => write!(f, "Collection({inner})"),
        }
    }
}

impl Serialize for TypeRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl std::str::FromStr for TypeRef {
    type Err = String;

    /// The dump's spelling back: `Edm.String`, `Collection(X)`, a qualified name.
    fn from_str(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if let Some(inner) = text
            .strip_prefix("Collection(")
            .and_then(|rest| rest.strip_suffix(')'))
        {
            return Ok(TypeRef::collection(inner.parse()?));
        }
        if text.is_empty() || text.contains(['(', ')', ' ']) {
            return Err(format!("`{text}` is not a type reference"));
        }
        Ok(match text.strip_prefix("Edm.") {
            Some(primitive) => TypeRef::Primitive(primitive.to_owned()),
            None => TypeRef::Named(text.to_owned()),
        })
    }
}

impl<'de> Deserialize<'de> for TypeRef {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Operation {
    /// The action or function name (`assignLicense`), else the request example's name, else the
    /// page's file name.
    pub name: String,
    pub kind: OperationKind,
    pub method: String,
    pub paths: Vec<String>,
    /// The paths parsed: literals, parameters (with alternatives), calls, casts.
    #[serde(rename = "pathTemplates")]
    pub path_templates: Vec<PathTemplate>,
    #[serde(rename = "bindingType")]
    pub binding_type: Option<String>,
    pub parameters: Vec<Parameter>,
    pub body: Option<TypeRef>,
    #[serde(rename = "returnType")]
    pub return_type: Option<TypeRef>,
    pub status: Option<u16>,
    /// The Response section says a success carries no body, though `status` is not `204`
    /// ("returns `202 Accepted` response code. It does not return anything in the response
    /// body"): the request reads nothing.
    #[serde(
        rename = "noContent",
        default,
        skip_serializing_if = "std::ops::Not::not"
    )]
    pub no_content: bool,
    /// What the response carries when the request says `Prefer: return=representation`, where
    /// the page offers it and the plain response carries nothing (planner updates: `204`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub representation: Option<TypeRef>,
    /// Where paths end in different casts (`deletedItems/microsoft.graph.group`, `.../user`):
    /// the cast type -> what a path ending in it responds with. (One cast on every path is the
    /// return type itself.)
    #[serde(
        rename = "castResponses",
        default,
        skip_serializing_if = "std::collections::BTreeMap::is_empty"
    )]
    pub cast_responses: std::collections::BTreeMap<String, TypeRef>,
    #[serde(
        rename = "queryOptions",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub query_options: Vec<String>,
    /// Request headers the page lists (`Authorization`, `Prefer`, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<String>,
    /// The request type's Rust name, from the page's file name (stable when other pages come and go).
    pub rust: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub source: String,
    /// Named only by a path another page mentions (`source` is where): no page documents its
    /// request or response, so it is in the dump and no request type is emitted for it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub mentioned: bool,
    /// An update whose request examples send values of types derived from its body type (their
    /// `@odata.type`): the body is any of them (`Any<Base>Patch`), not only the base's patch.
    #[serde(
        rename = "bodyDerived",
        default,
        skip_serializing_if = "std::ops::Not::not"
    )]
    pub body_derived: bool,
    /// The lines of the request examples to Graph that fit none of the paths, or send another
    /// method (`example_paths::adopt`): those `elsewhere::route` looks at.
    #[serde(skip)]
    pub unmatched_examples: Vec<usize>,
    /// The page's request examples (by line) that call another page's operation (its `source`):
    /// a path that page documents and this one does not (`elsewhere::route`). Read by the
    /// example walks; not part of the dump, whose request examples name the operation.
    #[serde(skip)]
    pub calls_elsewhere: BTreeMap<usize, String>,
}

impl Operation {
    /// The request goes to a whole URL the service hands out (`operations::url_operations`),
    /// not to a Graph path: it is not the operation its page documents.
    pub fn at_url(&self) -> bool {
        self.path_templates.iter().any(|t| t.url)
    }
}

/// Each api page's own operation, by page: not a request to a URL the service hands out that
/// the page also shows, nor one that only another page's path names.
pub fn page_operations(operations: &[Operation]) -> PageOperations<'_> {
    let mut by_page: foldhash::HashMap<&str, Vec<&Operation>> = Default::default();
    for op in operations.iter().filter(|o| !o.at_url() && !o.mentioned) {
        by_page
            .entry(split_source(&op.source).0)
            .or_default()
            .push(op);
    }
    PageOperations(by_page)
}

/// The operations of the api pages by page (file): one per method of a page's syntax, without
/// those to URLs the service hands out and those only paths mention. Hashed: asked by page,
/// never listed (several passes build it, each for every operation).
pub struct PageOperations<'o>(foldhash::HashMap<&'o str, Vec<&'o Operation>>);

impl<'o> PageOperations<'o> {
    /// The page's operation with `method` (of several, the one at the earliest line: the one
    /// whose paths the syntax writes first).
    pub fn with_method(&self, page: &str, method: &str) -> Option<&'o Operation> {
        self.0
            .get(page)?
            .iter()
            .copied()
            .filter(|o| o.method == method)
            .min_by_key(|o| split_source(&o.source).1)
    }

    /// The operation `of` (the page's facts) describes: its method's.
    pub fn get(&self, page: &str, of: &OperationFacts) -> Option<&'o Operation> {
        self.with_method(page, &of.method)
    }

    /// Every operation of the page, one per method (and per kind of answer).
    pub fn all(&self, page: &str) -> &[&'o Operation] {
        self.0.get(page).map_or(&[], Vec::as_slice)
    }

    /// The page's operation a request sent with `method` to `target` calls: of several with
    /// the method, the one with a path the target fits (by its documented query first); where
    /// none with the method has such a path, one of another method that does (the page sends
    /// the wrong method to that path: its test says so); else the method's. A request example
    /// (at `line`) that calls another page's operation (`Operation::calls_elsewhere`) calls that.
    fn called(
        &self,
        page: &str,
        method: &str,
        (target, line): (Option<&str>, usize),
    ) -> Option<&'o Operation> {
        let first = self.with_method(page, method);
        let Some(target) = target else {
            return first;
        };
        if let Some(elsewhere) = self.elsewhere(page, line) {
            return Some(elsewhere);
        }
        let [_, _, ..] = self.all(page) else {
            return first;
        };
        let path = request_examples::split_base(target).1;
        let fits = |o: &&Operation, by_query: bool| {
            let call = request_examples::match_documented(&o.path_templates, &o.paths, &path);
            // A template whose documented query the target's starts like, else any.
            call.is_ok_and(|c| {
                !by_query
                    || o.paths
                        .get(c.template)
                        .is_some_and(|p| request_examples::fixes_query(p, &path))
            })
        };
        let with_method = || {
            self.all(page)
                .iter()
                .copied()
                .filter(move |o| o.method == method)
        };
        with_method()
            .find(|o| fits(o, true))
            .or_else(|| with_method().find(|o| fits(o, false)))
            .or_else(|| self.all(page).iter().copied().find(|o| fits(o, false)))
            .or(first)
    }

    /// The other page's operation the request example at `page:line` calls, if it calls one.
    fn elsewhere(&self, page: &str, line: usize) -> Option<&'o Operation> {
        let source = self.all(page).first()?.calls_elsewhere.get(&line)?;
        let file = split_source(source).0;
        self.all(file).iter().copied().find(|o| &o.source == source)
    }

    /// Each example of the page with the operation it belongs to: a request's by its method
    /// (`OperationFacts::example_methods`) and path, a response's the request's before it.
    pub fn examples<'f>(
        &self,
        page: &'f str,
        of: &'f OperationFacts,
    ) -> impl Iterator<Item = (&'f ExampleMessage, Option<&'o Operation>)> + use<'f, 'o, '_> {
        let mut current = None;
        let mut started = false;
        of.example_methods().map(move |(e, method)| {
            if e.request || !started {
                let target = e.target.as_deref().filter(|_| e.request);
                current = self.called(page, method, (target, e.line));
                started = true;
            }
            (e, current)
        })
    }

    /// The examples of the page that belong to `op` (`examples`), without the requests to
    /// URLs the service hands out and the responses after them.
    pub fn examples_of<'f>(
        &self,
        page: &'f str,
        of: &'f OperationFacts,
        op: &'f Operation,
    ) -> impl Iterator<Item = &'f ExampleMessage> + use<'f, 'o, '_> {
        let mut own = true;
        self.examples(page, of).filter_map(move |(e, belongs)| {
            if e.request {
                own = !e.calls_url();
            }
            (own && belongs.is_some_and(|b| std::ptr::eq(b, op))).then_some(e)
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Parameter {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: TypeRef,
    pub source: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OperationKind {
    List,
    Get,
    Create,
    Update,
    Delete,
    Action,
    Function,
    Other,
}

/// Builds the schema of a set of pages.
pub fn build(facts: &[PageFacts]) -> (Schema, Vec<Diagnostic>) {
    use crate::timings::stage;
    let mut diags = Vec::new();
    let t = std::time::Instant::now();
    let index = index::Index::new(facts);
    stage("schema: index", t);
    let t = std::time::Instant::now();
    let (mut types, root) = types::build_types(facts, &index, &mut diags);
    enum_rows::define_listed(facts, &index, &mut types, &mut diags);
    enum_rows::apply(facts, &index, &mut types, &mut diags);
    stage("schema: types", t);
    let t = std::time::Instant::now();
    let mut operations = operations::build_operations(facts, &index, &types, &mut diags);
    let overruled = responses::navigation_responses(facts, &types, &mut operations, &mut diags);
    elsewhere::route(facts, &mut operations);
    // Defined before any page's table or example can define a type of its name: a `$ref`
    // page showing an entity's table would otherwise make the one reference body every `$ref`
    // request sends.
    reference_body(&operations, &mut types);
    stage("schema: operations", t);
    let t = std::time::Instant::now();
    evidence::synthesize(facts, &index, &mut types, &mut operations, &mut diags);
    stage("schema: evidence", t);
    let t = std::time::Instant::now();
    bodies::create_bodies(facts, &index, &mut types, &mut operations, &mut diags);
    action_bodies(&mut operations, &mut types);
    stage("schema: bodies", t);
    let t = std::time::Instant::now();
    let mut shown_as = example_keys::shown_as(facts, &index, &mut types, &operations, &overruled);
    example_bases::response_places(
        facts,
        &index,
        &types,
        &operations,
        &overruled,
        &mut shown_as,
    );
    example_bases::bases_from_examples(&mut types, root.as_deref(), &shown_as, &mut diags);
    stage("schema: example bases", t);
    let t = std::time::Instant::now();
    example_keys::complete_types(
        facts,
        &index,
        &mut types,
        &operations,
        &overruled,
        &mut diags,
    );
    example_keys::update_writes(facts, &mut types, &operations, &mut diags);
    stage("schema: example keys", t);
    let t = std::time::Instant::now();
    types.sort_by(|a, b| a.name.cmp(&b.name));
    drop_inherited_json_keys(&mut types);
    assign_rust_names(&mut types, &mut operations);
    operations.sort();
    let mut schema = Schema {
        types,
        operations,
        ..Schema::default()
    };
    stage("schema: names", t);
    let t = std::time::Instant::now();
    responses::value_array_collections(facts, &mut schema, &mut diags);
    stage("schema: responses", t);
    let t = std::time::Instant::now();
    (
        schema.examples,
        schema.request_examples,
        schema.example_counts,
    ) = examples::collect(facts, &index, &schema, &overruled, &mut diags);
    stage("schema: examples", t);
    mark_relative_paths(&mut schema);
    mark_derived_bodies(facts, &index, &mut schema);
    let t = std::time::Instant::now();
    let mentioned = mentions::mentioned_operations(facts, &index, &schema.operations);
    schema.operations.extend(mentioned);
    schema.operations.sort();
    stage("schema: mentioned operations", t);
    (schema, diags)
}

/// A name OData allows for a property (a SimpleIdentifier: a letter or `_`, then letters, digits
/// and `_`, at most 128). A JSON key that is not one (`4e98f8f1-bb03-...`, a user's id keying an
/// open type's dynamic property; `String-value`) is data, never a property of the type.
pub fn is_property_name(key: &str) -> bool {
    let mut chars = key.chars();
    key.len() <= 128
        && chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// What follows a leading `Collection(` in any case (`collection(microsoft.graph.x)` ->
/// `microsoft.graph.x)`): OData's spelling of a collection type, as annotations and examples
/// write it.
pub(crate) fn after_collection(text: &str) -> Option<&str> {
    text.get(..11)
        .filter(|p| p.eq_ignore_ascii_case("collection("))
        .map(|_| &text[11..])
}

/// Runs `f` on `types` as a schema (sorted by name, as its lookups expect) without copying
/// them: they are sorted in place, moved in, and moved back. (The passes after `bodies` do not
/// depend on the order of the types; `build` sorts them by name in the end.)
fn with_sorted<R>(types: &mut Vec<TypeDef>, f: impl FnOnce(&Schema) -> R) -> R {
    types.sort_by(|a, b| a.name.cmp(&b.name));
    let schema = Schema {
        types: std::mem::take(types),
        ..Schema::default()
    };
    let out = f(&schema);
    *types = schema.types;
    out
}

/// A resource's JSON representation lists inherited properties too, with placeholder values
/// (`10` for a Double). Where a base declares such a key, the base's declaration (a table row)
/// stands; the derived type's placeholder-typed copy goes. Keys taken from the JSON carry the
/// representation's line as their source, which is the type's own.
fn drop_inherited_json_keys(types: &mut Vec<TypeDef>) {
    let mut schema = Schema {
        types: std::mem::take(types),
        ..Schema::default()
    };
    // Decided on the schema as it stands, then applied: one type's removals do not change
    // what another inherits.
    let drops: Vec<Vec<usize>> = schema
        .types
        .iter()
        .map(|ty| {
            let inherited: std::collections::HashSet<&str> = schema
                .ancestors(ty)
                .iter()
                .flat_map(|b| b.properties.iter().map(|q| q.name.as_str()))
                .collect();
            ty.properties
                .iter()
                .enumerate()
                .filter(|(_, p)| p.source == ty.source && inherited.contains(p.name.as_str()))
                .map(|(i, _)| i)
                .collect()
        })
        .collect();
    for (ty, drop) in schema.types.iter_mut().zip(drops) {
        let drop: std::collections::HashSet<usize> = drop.into_iter().collect();
        let mut i = 0;
        ty.properties.retain(|_| {
            i += 1;
            !drop.contains(&(i - 1))
        });
    }
    *types = schema.types;
}

/// A documented path that the page's request examples reach through a parent resource
/// (`/me/drive/items/{id}` + `/workbook/...`) is relative to it: its constructor takes the
/// parent's path first.
fn mark_relative_paths(schema: &mut Schema) {
    for example in &schema.request_examples {
        let Ok(call) = &example.call else { continue };
        if !call.through_parent {
            continue;
        }
        let op = schema
            .operations
            .iter_mut()
            .find(|o| o.source == example.operation);
        if let Some(template) = op.and_then(|o| o.path_templates.get_mut(call.template)) {
            template.relative = true;
        }
    }
}

/// An update whose page's request examples name (`@odata.type`) a type derived from its body
/// type sends any of them (`Operation::body_derived`): `educationoutcome-update.md` sends a
/// feedback, a points and a rubric outcome to one `educationOutcome` update.
fn mark_derived_bodies(facts: &[PageFacts], index: &index::Index, schema: &mut Schema) {
    let pages: foldhash::HashMap<&str, &PageFacts> =
        facts.iter().map(|f| (f.path.as_str(), f)).collect();
    let ops = page_operations(&schema.operations);
    let derived_from = |tag: &str, page: &PageFacts, base: &str| {
        let tag = tag.trim().trim_start_matches('#');
        index
            .lookup(tag, &page.namespace)
            .and_then(|t| schema.type_named(&t))
            .is_some_and(|t| schema.ancestors(t).iter().any(|a| a.name == base))
    };
    let marked: Vec<usize> = (schema.operations.iter().enumerate())
        .filter(|(_, op)| op.kind == OperationKind::Update)
        .filter_map(|(i, op)| {
            let Some(TypeRef::Named(base)) = &op.body else {
                return None;
            };
            let page = *pages.get(split_source(&op.source).0)?;
            let of = page.operation.as_ref()?;
            let tags = ops
                .examples_of(&page.path, of, op)
                .filter(|e| e.request)
                .filter_map(|e| e.body.as_ref()?.get("@odata.type")?.as_str());
            tags.into_iter()
                .any(|tag| derived_from(tag, page, base))
                .then_some(i)
        })
        .collect();
    for i in marked {
        schema.operations[i].body_derived = true;
    }
}

/// Namespace of the body types docgen makes for actions from their parameter tables.
pub const BODY_NAMESPACE: &str = "docgen.bodies";

/// An action's request-body table lists its parameters; the body is a type made of them, named
/// after the page (`user-assignlicense` -> `docgen.bodies.UserAssignlicenseBody`).
fn action_bodies(operations: &mut [Operation], types: &mut Vec<TypeDef>) {
    for op in operations.iter_mut() {
        let name = parameters_body_name(&op.rust);
        // An action without a body of another type, or a function that sends its parameters
        // as a body (`operations::operation` names it).
        let sends_parameters = match op.kind {
            OperationKind::Action => op.body.is_none(),
            OperationKind::Function => op.body == Some(TypeRef::Named(name.clone())),
            _ => false,
        };
        if !sends_parameters {
            continue;
        }
        if op.parameters.is_empty() {
            // No parameter type could be read: nothing to send.
            if op.kind == OperationKind::Function {
                op.body = None;
            }
            continue;
        }
        if types.iter().any(|t| t.name == name) {
            continue;
        }
        let properties = op
            .parameters
            .iter()
            .map(|p| Property::shown(&p.name, p.ty.clone(), p.source.clone()))
            .collect();
        types.push(body_type(&name, op, properties, Origin::ActionParameters));
        op.body = Some(TypeRef::Named(name));
    }
}

/// The body type docgen makes of an operation's parameters (`docgen.bodies.RangeBoundingRectBody`).
pub(crate) fn parameters_body_name(rust: &str) -> String {
    format!("{BODY_NAMESPACE}.{}Body", pascal_case(rust))
}

/// A request body type docgen makes for `op` (from its parameters or its body table).
fn body_type(name: &str, op: &Operation, properties: Vec<Property>, origin: Origin) -> TypeDef {
    TypeDef {
        name: name.to_owned(),
        kind: TypeKind::Complex,
        base: None,
        open: false,
        abstract_: false,
        rust: String::new(),
        source: op.source.clone(),
        description: format!("The request body of `{}`.", op.name),
        properties,
        members: Vec::new(),
        flags: false,
        update_writes: Default::default(),
        origin,
    }
}

/// The body `$ref` requests send, defined once when an operation sends it.
fn reference_body(operations: &[Operation], types: &mut Vec<TypeDef>) {
    let reference = TypeRef::Named(REFERENCE_BODY.to_owned());
    let Some(first) = operations
        .iter()
        .filter(|o| o.body.as_ref() == Some(&reference))
        .map(|o| &o.source)
        .min()
    else {
        return;
    };
    if types.iter().any(|t| t.name == REFERENCE_BODY) {
        return;
    }
    types.push(TypeDef {
        name: REFERENCE_BODY.to_owned(),
        kind: TypeKind::Complex,
        base: None,
        open: false,
        abstract_: false,
        rust: String::new(),
        source: first.clone(),
        description: "A reference to an entity, by its URL: the body of a `$ref` request."
            .to_owned(),
        properties: vec![Property {
            name: "@odata.id".to_owned(),
            ty: TypeRef::Primitive("String".to_owned()),
            navigation: false,
            nullable: false,
            read_only: false,
            rust: String::new(),
            description:
                "The entity's URL (`https://graph.microsoft.com/v1.0/directoryObjects/{id}`)."
                    .to_owned(),
            links: Vec::new(),
            source: first.clone(),
        }],
        members: Vec::new(),
        flags: false,
        update_writes: Default::default(),
        origin: Origin::Reference,
    });
}

/// Rust names, assigned in name order so they do not depend on input order.
fn assign_rust_names(types: &mut [TypeDef], operations: &mut [Operation]) {
    let mut used = NameSet::default();
    let candidates = type_name_candidates(types);
    for (t, candidate) in types.iter_mut().zip(candidates) {
        t.rust = used.unique(candidate);
    }
    // Worked out on the types as named, then assigned: the names are borrowed, not copied.
    let by_name: std::collections::BTreeMap<&str, &str> = types
        .iter()
        .map(|t| (t.name.as_str(), t.rust.as_str()))
        .collect();
    let rust: Vec<Vec<String>> = types
        .iter()
        .map(|t| {
            t.properties
                .iter()
                .map(|p| format!("Option<{}>", rust_type_text(&p.ty, &by_name)))
                .collect()
        })
        .collect();
    for (t, rust) in types.iter_mut().zip(rust) {
        for (p, rust) in t.properties.iter_mut().zip(rust) {
            p.rust = rust;
        }
    }
    // Two pages may read alike (`mobileapp-update-relationships`, `mobileapp-updaterelationships`):
    // the one whose file name already spells the words keeps the name, the other gets `2`.
    let mut used = NameSet::default();
    let mut named: Vec<(String, usize, &mut Operation)> = operations
        .iter_mut()
        .map(|op| (pascal_case(&op.rust), recovered_boundaries(op), op))
        .collect();
    named.sort_by(|a, b| (&a.0, a.1, &a.2.source).cmp(&(&b.0, b.1, &b.2.source)));
    for (candidate, _, op) in named {
        op.rust = used.unique(candidate);
    }
}

/// Each type's Rust name before collisions are settled: its short name, in PascalCase. Types of
/// several namespaces that share it (`microsoft.graph.mediaStream`,
/// `microsoft.graph.callRecords.mediaStream`) are told apart by their namespaces: each is named
/// with the segments its namespace adds to the namespace they all share (`MediaStream`,
/// `CallRecordsMediaStream`). So the type of the shared namespace keeps its name when pages of
/// another namespace come (a `MediaStream2` by name order would rename it), and a name says
/// where its type belongs. The rest (one namespace spelling a name twice) is `NameSet`'s.
fn type_name_candidates(types: &[TypeDef]) -> Vec<String> {
    fn namespace(t: &TypeDef) -> &str {
        t.name.rsplit_once('.').map_or("", |(ns, _)| ns)
    }
    let names: Vec<String> = types.iter().map(|t| pascal_case(t.short_name())).collect();
    // By name within a family of namespaces (their first segment): docgen's own `docgen.bodies`
    // and the pages' `microsoft.graph...` are not one family.
    let mut groups: std::collections::BTreeMap<(&str, &str), Vec<usize>> = Default::default();
    for (i, name) in names.iter().enumerate() {
        let family = namespace(&types[i]).split('.').next().unwrap_or("");
        groups.entry((family, name)).or_default().push(i);
    }
    let mut prefixes = vec![String::new(); types.len()];
    for members in groups.values().filter(|m| m.len() > 1) {
        let mut shared: Vec<&str> = namespace(&types[members[0]]).split('.').collect();
        for &i in &members[1..] {
            let common = shared
                .iter()
                .zip(namespace(&types[i]).split('.'))
                .take_while(|(a, b)| *a == b)
                .count();
            shared.truncate(common);
        }
        for &i in members {
            let added = namespace(&types[i]).split('.').skip(shared.len());
            prefixes[i] = added.map(pascal_case).collect();
        }
    }
    prefixes
        .into_iter()
        .zip(names)
        .map(|(prefix, name)| prefix + &name)
        .collect()
}

/// How many word boundaries of an operation's name its page's file name does not write.
fn recovered_boundaries(op: &Operation) -> usize {
    let file = split_source(&op.source).0;
    let stem = file.rsplit('/').next().unwrap_or(file);
    let words = |s: &str| {
        s.split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .count()
    };
    words(&op.rust).saturating_sub(words(stem.trim_end_matches(".md")))
}

/// The Rust type of an Edm primitive, as emitted in a module beside `support`: the one mapping
/// the dump and the emitter share (the emitter adds the serde adapters, `emit::field`).
pub fn rust_primitive(edm: &str) -> &'static str {
    match edm {
        "String" => "::std::string::String",
        "Boolean" => "bool",
        "Byte" => "u8",
        "SByte" => "i8",
        "Int16" => "i16",
        "Int32" => "i32",
        "Int64" => "i64",
        "Single" => "f32",
        "Double" => "f64",
        "Decimal" => "super::support::Decimal",
        "DateTimeOffset" => "super::support::chrono::DateTime<super::support::chrono::FixedOffset>",
        "Date" => "super::support::chrono::NaiveDate",
        "TimeOfDay" => "super::support::chrono::NaiveTime",
        "Duration" => "super::support::Duration",
        "Guid" => "super::support::uuid::Uuid",
        "Binary" => "::std::vec::Vec<u8>",
        _ => "super::support::serde_json::Value",
    }
}

/// How the request of an operation returning values that are no structs reads its response, and
/// so how its examples are tested: the one rule the emitter's requests and the example
/// collection go by (`reads_values`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValuesRead {
    /// One value in `{"value": ...}`: `support::Single` of it.
    Single,
    /// A collection of them in `{"value": [...]}`: `support::Page` of it.
    Page,
}

/// How a response of `ty` is read when it holds values serde reads as they stand, which OData
/// wraps in `{"value": ...}`: a primitive without a wire adapter, or a member of an enum that is
/// no flags enum (`enum_flags`: `Some(flags)` for an enum), one (`Single`) or a collection of
/// them (`Page`). `None` for any other response: a struct, or values read through an adapter
/// (Int64's string form, dates, base64, a flags enum's `"a,b"`), whose examples have no test
/// (the request reads primitives of an adapter as any JSON).
pub fn reads_values(ty: &TypeRef, enum_flags: impl Fn(&str) -> Option<bool>) -> Option<ValuesRead> {
    let plain = |ty: &TypeRef| match ty {
        TypeRef::Primitive(p) => p != "Stream" && wire_adapter(p).is_none(),
        TypeRef::Named(n) => enum_flags(n) == Some(false),
        TypeRef::Collection(_) => false,
    };
    match ty {
        TypeRef::Collection(item) => plain(item).then_some(ValuesRead::Page),
        _ => plain(ty).then_some(ValuesRead::Single),
    }
}

/// The runtime's serde adapter (`support::Int64`) an Edm primitive is read and written through,
/// where serde does not take its wire form as it stands (an Int64 as a string, `"NaN"`, dates,
/// base64): the one list the emitter's fields and requests and the example tests go by.
pub fn wire_adapter(edm: &str) -> Option<&'static str> {
    Some(match edm {
        "Int64" => "Int64",
        "Single" | "Double" => "Double",
        "DateTimeOffset" => "DateTimeOffset",
        "Date" => "Date",
        "TimeOfDay" => "TimeOfDay",
        "Binary" => "Base64",
        _ => return None,
    })
}

/// The Rust type as the dump shows it (`Vec<LogonUser>`, `String`, `serde_json::Value`).
fn rust_type_text(ty: &TypeRef, names: &std::collections::BTreeMap<&str, &str>) -> String {
    match ty {
        TypeRef::Primitive(p) => rust_primitive_text(p).to_owned(),
        TypeRef::Named(n) => (*names.get(n.as_str()).unwrap_or(&"serde_json::Value")).to_owned(),
        TypeRef::Collection(inner) => format!("Vec<{}>", rust_type_text(inner, names)),
    }
}

/// [`rust_primitive`] as the dump shows it (`chrono::NaiveDate`, `Vec<u8>`): worked out once
/// per primitive from the one mapping, not per property.
fn rust_primitive_text(edm: &str) -> &'static str {
    static TEXTS: std::sync::LazyLock<Vec<(&'static str, String)>> =
        std::sync::LazyLock::new(|| {
            type_cell::CANONICAL
                .iter()
                .map(|edm| (*edm, dump_path(rust_primitive(edm))))
                .collect()
        });
    // Every other name (`Stream`, `Untyped`) is the mapping's default.
    static OTHER: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| dump_path(rust_primitive("Untyped")));
    TEXTS
        .iter()
        .find(|(known, _)| *known == edm)
        .map_or(OTHER.as_str(), |(_, text)| text.as_str())
}

/// A path of [`rust_primitive`] as the dump shows it: the `::std` and `super::support`
/// prefixes dropped.
fn dump_path(path: &str) -> String {
    path.replace("::std::string::", "")
        .replace("::std::vec::", "")
        .replace("super::support::chrono::", "chrono::")
        .replace("super::support::uuid::", "uuid::")
        .replace("super::support::serde_json::", "serde_json::")
        .replace("super::support::", "support::")
        .trim_start_matches("::")
        .to_owned()
}

/// `api/x.md:12` -> (`api/x.md`, 12).
pub fn split_source(source: &str) -> (&str, usize) {
    match source.rsplit_once(':') {
        Some((file, line)) => (file, line.parse().unwrap_or(1)),
        None => (source, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::rust_primitive_text;

    #[test]
    fn dump_texts_of_primitives_are_their_paths_without_prefixes() {
        for (edm, text) in [
            ("String", "String"),
            ("Boolean", "bool"),
            ("Int64", "i64"),
            ("Decimal", "support::Decimal"),
            ("DateTimeOffset", "chrono::DateTime<chrono::FixedOffset>"),
            ("Date", "chrono::NaiveDate"),
            ("Guid", "uuid::Uuid"),
            ("Binary", "Vec<u8>"),
            ("Stream", "serde_json::Value"),
            ("Untyped", "serde_json::Value"),
        ] {
            assert_eq!(rust_primitive_text(edm), text, "{edm}");
        }
    }
}
