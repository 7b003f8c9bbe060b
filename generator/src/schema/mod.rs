//! The `schema` stage: all [`PageFacts`] -> [`Schema`], names resolved across pages.
//!
//! Walking-skeleton depth: resource tables typed through links and Edm primitives, inheritance
//! through `baseType`, entity vs complex through `keyProperty`, and api pages as operations.
//! The schema issue deepens it (enums, JSON evidence, synthesized types, every path shape).

mod type_cell;

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::diag::{Code, Diagnostic, Severity};
use crate::facts::{PageFacts, PropertyRow};
pub use type_cell::resolve_type_cell;

#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Schema {
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
}

impl Schema {
    pub fn type_named(&self, name: &str) -> Option<&TypeDef> {
        self.types.iter().find(|t| t.name == name)
    }

    /// The type's own properties after those of its bases, base first.
    pub fn all_properties<'s>(&'s self, ty: &'s TypeDef) -> Vec<&'s Property> {
        let mut chain = vec![ty];
        let mut seen = vec![ty.name.as_str()];
        while let Some(base) = chain.last().and_then(|t| t.base.as_deref()) {
            match self.type_named(base) {
                Some(b) if !seen.contains(&b.name.as_str()) => {
                    seen.push(&b.name);
                    chain.push(b);
                }
                _ => break,
            }
        }
        let mut props: Vec<&Property> = Vec::new();
        for t in chain.iter().rev() {
            for p in &t.properties {
                if let Some(i) = props.iter().position(|q| q.name == p.name) {
                    props[i] = p;
                } else {
                    props.push(p);
                }
            }
        }
        props
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct TypeDef {
    /// Fully qualified: `microsoft.graph.hostSecurityProfile`.
    pub name: String,
    pub kind: TypeKind,
    pub base: Option<String>,
    pub open: bool,
    #[serde(rename = "abstract")]
    pub abstract_: bool,
    pub source: String,
    /// Declared properties only; inherited ones live on the base.
    pub properties: Vec<Property>,
}

impl TypeDef {
    /// The unqualified name (`hostSecurityProfile`).
    pub fn short_name(&self) -> &str {
        self.name.rsplit('.').next().unwrap_or(&self.name)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeKind {
    Entity,
    Complex,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Property {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: TypeRef,
    pub navigation: bool,
    pub nullable: bool,
    pub description: String,
    pub source: String,
}

/// A property or body type: an Edm primitive, a schema type, or a collection of either.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum TypeRef {
    /// `Edm.String` is `Primitive("String")`; `Untyped` stands for any JSON.
    Primitive(String),
    Named(String),
    Collection(Box<TypeRef>),
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

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Operation {
    pub name: String,
    pub kind: OperationKind,
    pub method: String,
    pub paths: Vec<String>,
    pub body: Option<TypeRef>,
    #[serde(rename = "returnType")]
    pub return_type: Option<TypeRef>,
    pub status: Option<u16>,
    pub description: String,
    pub source: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
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

/// Lower-cased file stem of a link target or page path: `../resources/logonuser.md#x` -> `logonuser`.
pub fn file_stem(target: &str) -> Option<String> {
    let path = target.split(['#', '?']).next()?;
    let file = path.rsplit('/').next()?;
    let stem = file.strip_suffix(".md")?;
    (!stem.is_empty()).then(|| stem.to_lowercase())
}

pub fn build(facts: &[PageFacts]) -> (Schema, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    // Link targets name types by file: `logonuser.md` -> `microsoft.graph.logonUser`.
    let mut by_stem: BTreeMap<String, String> = BTreeMap::new();
    for page in facts {
        if let (Some(resource), Some(stem)) = (&page.resource, file_stem(&page.path)) {
            by_stem.insert(stem, resource.name.clone());
        }
    }
    let mut types: BTreeMap<String, TypeDef> = BTreeMap::new();
    for page in facts {
        let Some(r) = &page.resource else { continue };
        let mut properties = Vec::new();
        let rows = r.properties.iter().map(|p| (p, false));
        for (row, navigation) in rows.chain(r.relationships.iter().map(|p| (p, true))) {
            // "Inherited from [entity](entity.md)": declared on the base, not here.
            if r.base.is_some() && row.description.text.contains("Inherited from") {
                continue;
            }
            if properties.iter().any(|p: &Property| p.name == row.name) {
                continue;
            }
            properties.push(property(row, navigation, &page.path, &by_stem, &mut diags));
        }
        let def = TypeDef {
            name: r.name.clone(),
            kind: TypeKind::Complex,
            base: r.base.clone(),
            open: r.open,
            abstract_: r.abstract_,
            source: format!("{}:{}", page.path, r.line),
            properties,
        };
        types.entry(def.name.clone()).or_insert(def);
    }
    // Entity when the type or a base declares a key (ApiDoctor's rule).
    let keyed: BTreeMap<String, bool> = facts
        .iter()
        .filter_map(|p| p.resource.as_ref())
        .map(|r| (r.name.clone(), r.key.is_some()))
        .collect();
    let names: Vec<String> = types.keys().cloned().collect();
    for name in names {
        let mut current = Some(name.clone());
        let mut depth = 0;
        let mut entity = false;
        while let Some(n) = current.take() {
            if keyed.get(&n).copied().unwrap_or(false) {
                entity = true;
                break;
            }
            depth += 1;
            if depth > 64 {
                break;
            }
            current = types.get(&n).and_then(|t| t.base.clone());
        }
        if let Some(t) = types.get_mut(&name) {
            t.kind = if entity {
                TypeKind::Entity
            } else {
                TypeKind::Complex
            };
        }
    }
    // A base that no page defines cannot be inherited from.
    let known: Vec<String> = types.keys().cloned().collect();
    for t in types.values_mut() {
        if let Some(base) = &t.base
            && !known.contains(base)
        {
            let (file, line) = split_source(&t.source);
            diags.push(
                Diagnostic::new(Severity::Warning, Code::Skipped, file, line, 1).message(format!(
                    "base type `{base}` has no page; its properties are not inherited"
                )),
            );
            t.base = None;
        }
    }

    let mut operations = Vec::new();
    for page in facts {
        let Some(op) = &page.operation else { continue };
        let resolve_link = |targets: &[String]| {
            targets
                .iter()
                .filter_map(|t| by_stem.get(&file_stem(t)?))
                .next()
                .map(|n| TypeRef::Named(n.clone()))
        };
        let kind = match op.method.as_str() {
            "PATCH" | "PUT" => OperationKind::Update,
            "DELETE" => OperationKind::Delete,
            "GET" => OperationKind::Get,
            "POST" => OperationKind::Create,
            _ => OperationKind::Other,
        };
        let body = match kind {
            OperationKind::Update | OperationKind::Create => resolve_link(&op.body_links),
            _ => None,
        };
        operations.push(Operation {
            name: op.name.clone(),
            kind,
            method: op.method.clone(),
            paths: op.paths.clone(),
            body,
            return_type: resolve_link(&op.response_links),
            status: op.status,
            description: op.description.clone().unwrap_or_default(),
            source: format!("{}:{}", page.path, op.line),
        });
    }
    operations.sort();
    operations.dedup_by(|a, b| a.name == b.name);
    (
        Schema {
            types: types.into_values().collect(),
            operations,
        },
        diags,
    )
}

fn property(
    row: &PropertyRow,
    navigation: bool,
    path: &str,
    by_stem: &BTreeMap<String, String>,
    diags: &mut Vec<Diagnostic>,
) -> Property {
    let ty = match resolve_type_cell(&row.type_cell, by_stem) {
        Ok(ty) => ty,
        Err(why) => {
            diags.push(
                Diagnostic::new(Severity::Warning, Code::Skipped, path, row.line, 1)
                    .message(format!(
                        "the type `{}` of `{}` is not understood ({why}); it is kept as any JSON",
                        row.type_cell.source, row.name
                    ))
                    .help("link the type to its resource page, or use an Edm primitive name"),
            );
            TypeRef::Primitive("Untyped".to_owned())
        }
    };
    Property {
        name: row.name.clone(),
        ty,
        navigation,
        nullable: !row.description.text.contains("Not nullable"),
        description: row.description.text.clone(),
        source: format!("{path}:{}", row.line),
    }
}

fn split_source(source: &str) -> (&str, usize) {
    match source.rsplit_once(':') {
        Some((file, line)) => (file, line.parse().unwrap_or(1)),
        None => (source, 1),
    }
}
