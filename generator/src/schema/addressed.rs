//! What a path addresses, read from the documented operations (`Known`: a list or
//! collection-valued get addresses a collection of its element type, a get an item of its
//! return type, an action or function path's parent its binding type), and from there one step
//! further along a navigation property a resource page's Relationships table documents
//! (`Navigation`: `/teams/{id}/channels/{id}/filesFolder` is a channel's `filesFolder`, a
//! `driveItem`). Nothing is guessed where that does not say exactly one type.

use std::collections::BTreeSet;

use super::{Operation, OperationKind, Property, Segment, TypeDef, TypeRef};

/// What a path prefix addresses: a type, and whether as a collection (`None`: not known,
/// as for the parent of a bound operation's path, bound to an item or to a collection).
pub(crate) type Addressed = (String, Option<bool>);

/// `Collection(x)` -> `x`.
pub(crate) fn element(binding: &str) -> &str {
    binding
        .strip_prefix("Collection(")
        .and_then(|b| b.strip_suffix(')'))
        .unwrap_or(binding)
}

/// A path's segments as compared: lower-cased, every parameter or key `{}`, a call without
/// its arguments.
pub(crate) fn shape(segments: &[Segment]) -> Vec<String> {
    let mut out = Vec::new();
    for s in segments {
        match s {
            Segment::Literal { text } => out.push(text.to_lowercase()),
            Segment::Parameter { .. } => out.push("{}".to_owned()),
            Segment::Function { name, .. } => out.push(format!("{}()", name.to_lowercase())),
            Segment::Key { collection, .. } => {
                out.push(collection.to_lowercase());
                out.push("{}".to_owned());
            }
            Segment::Cast { type_name } => out.push(type_name.to_lowercase()),
            Segment::System { name } => out.push(name.to_lowercase()),
            Segment::PathAddress { base, .. } => out.push(format!("{}:", base.to_lowercase())),
        }
    }
    out
}

/// Path shapes -> what they address. Hashed: asked by shape, and only ever iterated into sets.
type Shapes = foldhash::HashMap<Vec<String>, BTreeSet<Addressed>>;

/// What the documented operations' paths address.
pub(crate) struct Known {
    /// Absolute path shapes.
    absolute: Shapes,
    /// Shapes of paths written relative to a parent resource (`/workbook/...`): they match the
    /// end of a longer path.
    relative: Shapes,
}

impl Known {
    pub(crate) fn new(operations: &[Operation]) -> Self {
        let mut known = Known {
            absolute: Shapes::default(),
            relative: Shapes::default(),
        };
        for op in operations {
            for t in &op.path_templates {
                let mut shape = shape(&t.segments);
                let addressed = match (op.kind, &op.return_type) {
                    (
                        OperationKind::List | OperationKind::Get,
                        Some(TypeRef::Collection(inner)),
                    ) => match inner.as_ref() {
                        TypeRef::Named(n) => (n.clone(), Some(true)),
                        _ => continue,
                    },
                    (OperationKind::Get, Some(TypeRef::Named(n))) => (n.clone(), Some(false)),
                    (OperationKind::Action | OperationKind::Function, _) => {
                        let Some(binding) = &op.binding_type else {
                            continue;
                        };
                        shape.pop();
                        let inner = element(binding);
                        let collection = (inner != binding).then_some(true);
                        (inner.to_owned(), collection)
                    }
                    _ => continue,
                };
                if shape.is_empty() {
                    continue;
                }
                let map = if t.relative {
                    &mut known.relative
                } else {
                    &mut known.absolute
                };
                map.entry(shape).or_default().insert(addressed);
            }
        }
        // A key follows only a collection: where `/chats/{id}` addresses a chat, `/chats` is a
        // collection of chats (and `/chats/{id}` itself one chat).
        for map in [&mut known.absolute, &mut known.relative] {
            let mut collections: Vec<(Vec<String>, Addressed)> = Vec::new();
            for (shape, set) in map.iter_mut() {
                let Some((last, parent)) = shape.split_last() else {
                    continue;
                };
                if last != "{}" || parent.is_empty() {
                    continue;
                }
                let items: BTreeSet<Addressed> = set
                    .iter()
                    .map(|(ty, _)| (ty.clone(), Some(false)))
                    .collect();
                for (ty, _) in &items {
                    collections.push((parent.to_vec(), (ty.clone(), Some(true))));
                }
                *set = items;
            }
            for (shape, addressed) in collections {
                map.entry(shape).or_default().insert(addressed);
            }
        }
        known
    }

    /// The one type a path shape addresses, with whether as a collection; `None` where the
    /// documented operations say nothing or disagree on the type.
    pub(crate) fn addressed(&self, shape: &[String]) -> Option<(String, Option<bool>)> {
        let found: BTreeSet<&Addressed> = match self.absolute.get(shape) {
            Some(set) => set.iter().collect(),
            None => self
                .relative
                .iter()
                .filter(|(tail, _)| shape.ends_with(tail))
                .flat_map(|(_, set)| set)
                .collect(),
        };
        let types: BTreeSet<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        let [ty] = types.into_iter().collect::<Vec<_>>()[..] else {
            return None;
        };
        let said: BTreeSet<bool> = found.iter().filter_map(|(_, c)| *c).collect();
        let collection = match said.into_iter().collect::<Vec<_>>()[..] {
            [one] => Some(one),
            _ => None,
        };
        Some((ty.to_owned(), collection))
    }
}

/// A path's last step along a documented navigation property.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Navigated {
    /// The type the path addresses (the property's element type, or a cast's type after it).
    pub ty: String,
    /// Whether the path addresses the property's collection (not one item of it).
    pub collection: bool,
    /// The type the property is declared on.
    pub owner: String,
    pub property: String,
    /// The `file:line` of the property's row.
    pub source: String,
}

/// Paths followed along documented navigation properties from what [`Known`] addresses.
pub(crate) struct Navigation<'a> {
    known: &'a Known,
    /// Lower-cased qualified name -> the type (hashed: asked, never listed).
    types: foldhash::HashMap<String, &'a TypeDef>,
}

impl<'a> Navigation<'a> {
    pub(crate) fn new(known: &'a Known, types: &'a [TypeDef]) -> Self {
        let types = types.iter().map(|t| (t.name.to_lowercase(), t)).collect();
        Navigation { known, types }
    }

    /// The type named `name` (any case), if a page or an example defines it.
    pub(crate) fn type_named(&self, name: &str) -> Option<&'a TypeDef> {
        self.types.get(&name.to_lowercase()).copied()
    }

    /// `derived` is `base` or inherits from it (any case; an undefined base or a cycle ends
    /// the walk).
    pub(crate) fn derives(&self, derived: &str, base: &str) -> bool {
        let mut current = derived.to_lowercase();
        for _ in 0..32 {
            if current == base.to_lowercase() {
                return true;
            }
            match self.types.get(&current).and_then(|t| t.base.as_deref()) {
                Some(next) => current = next.to_lowercase(),
                None => return false,
            }
        }
        false
    }

    /// Where the path's last step follows a navigation property: the navigation the last
    /// name takes from what the rest addresses, one item of it after a key, or a cast of it.
    /// `None` where the last step is no documented navigation, or what the rest of the path
    /// addresses is not one known type.
    pub(crate) fn step(&self, segments: &[Segment]) -> Option<Navigated> {
        let (last, prefix) = segments.split_last()?;
        if prefix.is_empty() {
            return None;
        }
        match last {
            Segment::Literal { text } => self.follow(prefix, text),
            Segment::Key {
                collection,
                literal: false,
                ..
            } => Some(Navigated {
                collection: false,
                ..self.follow(prefix, collection)?
            }),
            // A key after a collection navigation: one item of it.
            Segment::Parameter { .. } => {
                let n = self.step(prefix)?;
                n.collection.then_some(Navigated {
                    collection: false,
                    ..n
                })
            }
            Segment::Cast { type_name } => {
                let n = self.step(prefix)?;
                let cast = self.type_named(type_name)?;
                Some(Navigated {
                    ty: cast.name.clone(),
                    ..n
                })
            }
            _ => None,
        }
    }

    /// The navigation property `name` of the one item `prefix` addresses.
    fn follow(&self, prefix: &[Segment], name: &str) -> Option<Navigated> {
        let (ty, collection) = self.addressed(prefix)?;
        // After a collection only a key, a cast or a bound operation follows.
        if collection == Some(true) {
            return None;
        }
        let property = self.navigation_property(&ty, name)?;
        let (element, collection) = match &property.ty {
            TypeRef::Collection(inner) => (inner.as_ref(), true),
            other => (other, false),
        };
        let TypeRef::Named(target) = element else {
            return None;
        };
        Some(Navigated {
            ty: target.clone(),
            collection,
            owner: self.type_named(&ty).map_or(ty, |t| t.name.clone()),
            property: property.name.clone(),
            source: property.source.clone(),
        })
    }

    /// What `segments` address: as the documented operations say, else by navigation.
    fn addressed(&self, segments: &[Segment]) -> Option<Addressed> {
        self.known
            .addressed(&shape(segments))
            .or_else(|| self.step(segments).map(|n| (n.ty, Some(n.collection))))
    }

    /// The navigation property `name` (any case) of `ty` or a base of it.
    fn navigation_property(&self, ty: &str, name: &str) -> Option<&'a Property> {
        let mut current = self.type_named(ty)?;
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        loop {
            if let Some(p) = current
                .properties
                .iter()
                .find(|p| p.navigation && p.name.eq_ignore_ascii_case(name))
            {
                return Some(p);
            }
            if !seen.insert(current.name.as_str()) {
                return None;
            }
            current = self.type_named(current.base.as_deref()?)?;
        }
    }
}
