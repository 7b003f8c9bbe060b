//! Doc placeholders in examples: a type's name written where a value of that type belongs
//! (`"createdDateTime": "String (timestamp)"`, `"id": "Guid"`, `"datetime-value"`, `1024` in a
//! Byte). Graph never sends them and the generated types rightly refuse them, so left in, the
//! first one fails its example test and hides everything else the example would check. Each is
//! reported as the page's error at its line, and the test reads a valid value of the documented
//! type in its place. Only values that are both invalid for their documented type and spelled
//! like a placeholder are replaced; any other bad value stays and fails its test.

use std::collections::BTreeSet;

use serde_json::Value;

use super::index::Index;
use super::type_cell::primitive;
use super::{PropertyIndex, TypeDef, TypeKind, TypeRef};

/// One placeholder found in an example and the value its test reads instead.
#[derive(Debug, Clone, PartialEq)]
pub struct Placeholder {
    /// The property whose value it is.
    pub key: String,
    /// The documented type, as the page names it (`DateTimeOffset`, `microsoft.graph.identity`).
    pub expected: String,
    pub original: Value,
    pub replacement: Value,
}

/// Finds the placeholders in `body`, an example of `ty` (`wrapped`: held under `value`, as a
/// collection's items or one primitive are), and returns them in the order met, with a copy of
/// `body` that has them replaced (none when there are none: most examples have none, and the
/// copy is the cost). `namespace` resolves `@odata.type`; `opaque` is `schema.opaque_types()`.
pub fn replace(
    body: &Value,
    ty: &TypeRef,
    wrapped: bool,
    properties: &PropertyIndex<'_>,
    opaque: &BTreeSet<&str>,
    index: &Index,
    namespace: &str,
) -> (Option<Value>, Vec<Placeholder>) {
    let walk = Walk {
        properties,
        opaque,
        index,
        namespace,
    };
    let mut found = Vec::new();
    let mut at = Vec::new();
    match body {
        Value::Object(map) if wrapped => {
            if let Some(value) = map.get("value") {
                at.push(Step::Key("value"));
                walk.value(value, ty, "value", &mut at, &mut found);
            }
        }
        // A wrapped value shown bare is no placeholder's to fix: its test fails on it.
        _ if wrapped => {}
        _ => walk.value(body, ty, "", &mut at, &mut found),
    }
    if found.is_empty() {
        return (None, Vec::new());
    }
    let mut replaced = body.clone();
    for (at, p) in &found {
        if let Some(slot) = at.iter().try_fold(&mut replaced, |v, step| match step {
            Step::Key(k) => v.get_mut(*k),
            Step::Item(i) => v.get_mut(*i),
        }) {
            *slot = p.replacement.clone();
        }
    }
    (Some(replaced), found.into_iter().map(|(_, p)| p).collect())
}

/// One step down from a JSON value to a placeholder in it.
#[derive(Clone, Copy)]
enum Step<'v> {
    Key(&'v str),
    Item(usize),
}

/// Where a placeholder is in its body, and the placeholder.
type Found<'v> = (Vec<Step<'v>>, Placeholder);

struct Walk<'a, 's> {
    properties: &'a PropertyIndex<'s>,
    /// `Schema::opaque_types`: any JSON is theirs.
    opaque: &'a BTreeSet<&'a str>,
    index: &'a Index,
    namespace: &'a str,
}

impl<'s> Walk<'_, 's> {
    fn value<'v>(
        &self,
        value: &'v Value,
        ty: &TypeRef,
        key: &str,
        at: &mut Vec<Step<'v>>,
        found: &mut Vec<Found<'v>>,
    ) {
        let replacement = match ty {
            TypeRef::Collection(inner) => match value {
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        at.push(Step::Item(i));
                        self.value(item, inner, key, at, found);
                        at.pop();
                    }
                    None
                }
                Value::String(s) if looks_like_placeholder(s) || names_collection(s) => {
                    Some(Value::Array(vec![]))
                }
                _ if is_type_annotation_only(value) => Some(Value::Array(vec![])),
                _ => None,
            },
            TypeRef::Primitive(edm) => primitive_replacement(edm, value),
            TypeRef::Named(name) => {
                let def = self.properties.type_named(name);
                match def.filter(|t| t.kind == TypeKind::Enum) {
                    Some(def) => enum_placeholder(def, value),
                    None => def.and_then(|def| self.struct_value(value, def, at, found)),
                }
            }
        };
        if let Some(replacement) = replacement {
            let placeholder = Placeholder {
                key: key.to_owned(),
                expected: match ty {
                    TypeRef::Collection(_) => "collection".to_owned(),
                    TypeRef::Primitive(edm) => edm.clone(),
                    TypeRef::Named(name) => name.clone(),
                },
                original: value.clone(),
                replacement,
            };
            found.push((at.clone(), placeholder));
        }
    }

    /// A value of the struct `def`: its properties walked, or its name standing for it.
    fn struct_value<'v>(
        &self,
        value: &'v Value,
        def: &'s TypeDef,
        at: &mut Vec<Step<'v>>,
        found: &mut Vec<Found<'v>>,
    ) -> Option<Value> {
        // An opaque type or one no page defines reads any JSON.
        if self.opaque.contains(def.name.as_str()) {
            return None;
        }
        match value {
            Value::Object(map) => {
                // A derived type's properties, when the value names one; a name in a namespace
                // no page has (`#Microsoft.OutlookServices.ItemAttachment`) by its short name,
                // as the generated types read it (`support::odata_tag`).
                let def = map
                    .get("@odata.type")
                    .and_then(Value::as_str)
                    .and_then(|t| {
                        let t = t.trim().trim_start_matches('#');
                        self.index.lookup(t, self.namespace).or_else(|| {
                            let short = t.rsplit('.').next()?;
                            self.index.lookup(short, self.namespace)
                        })
                    })
                    .and_then(|t| self.properties.type_named(&t))
                    .filter(|t| t.kind != TypeKind::Enum)
                    .unwrap_or(def);
                let properties = self.properties.of(def);
                for (k, v) in map {
                    if let Some(p) = properties.by_name.get(k.as_str()) {
                        at.push(Step::Key(k));
                        self.value(v, &p.ty, k, at, found);
                        at.pop();
                    }
                }
                None
            }
            // Only the type's own name: another string where a struct belongs may as well be
            // the schema's error, which a replacement would hide.
            Value::String(s) if names_type(s, def.short_name()) || self.names_kinds(s, def) => {
                Some(Value::Object(serde_json::Map::new()))
            }
            _ => None,
        }
    }

    /// `"message or event entity"` where an `outlookItem` belongs: the names of types the
    /// struct is or derives into, joined by "or", perhaps followed by "entity" or "object".
    fn names_kinds(&self, text: &str, def: &TypeDef) -> bool {
        let mut named = 0;
        for word in text.split_whitespace() {
            if ["or", "entity", "object", "resource"]
                .iter()
                .any(|w| w.eq_ignore_ascii_case(word))
            {
                continue;
            }
            let is_kind = self
                .index
                .lookup(word, self.namespace)
                .and_then(|t| self.properties.type_named(&t))
                .is_some_and(|t| self.derives(t, def));
            if !is_kind {
                return false;
            }
            named += 1;
        }
        named > 0
    }

    /// Whether `ty` is `base` or derives from it.
    fn derives(&self, mut ty: &'s TypeDef, base: &TypeDef) -> bool {
        for _ in 0..32 {
            if ty.name == base.name {
                return true;
            }
            match ty
                .base
                .as_deref()
                .and_then(|b| self.properties.type_named(b))
            {
                Some(next) => ty = next,
                None => return false,
            }
        }
        false
    }
}

/// `{"@odata.type": "microsoft.graph.onenoteUserRole"}` where a member of the enum `def`
/// belongs, or an empty object (`"userRole": {}`, the stub older doc tools wrote for a value
/// they could not make up): its first member. An object never is an enum's value, and an empty
/// one holds nothing a test could check. (An enum reads any other string, as its `Unknown`.)
fn enum_placeholder(def: &TypeDef, value: &Value) -> Option<Value> {
    let named = is_type_annotation_only(value)
        && value["@odata.type"]
            .as_str()
            .is_some_and(|n| names_type(n, def.short_name()));
    let empty = value.as_object().is_some_and(serde_json::Map::is_empty);
    (named || empty).then(|| Value::String(def.members.first().cloned().unwrap_or_default()))
}

/// A valid value of `edm` for `value`, when `value` is a placeholder for it.
fn primitive_replacement(edm: &str, value: &Value) -> Option<Value> {
    let placeholder = match value {
        Value::String(s) => Some(s.as_str()).filter(|s| looks_like_placeholder(s)),
        v if is_type_annotation_only(v) => Some(""),
        _ => None,
    };
    let text = |s: &str| Some(Value::String(s.to_owned()));
    match edm {
        "Boolean" => placeholder.map(|s| Value::Bool(s.eq_ignore_ascii_case("true"))),
        "Byte" | "SByte" | "Int16" | "Int32" | "Int64" => {
            let out_of_range = value.as_i64().is_some_and(|n| {
                let (min, max) = match edm {
                    "Byte" => (0, i64::from(u8::MAX)),
                    "SByte" => (i64::from(i8::MIN), i64::from(i8::MAX)),
                    "Int16" => (i64::from(i16::MIN), i64::from(i16::MAX)),
                    "Int32" => (i64::from(i32::MIN), i64::from(i32::MAX)),
                    _ => (i64::MIN, i64::MAX),
                };
                !(min..=max).contains(&n)
            });
            (placeholder.is_some() || out_of_range).then(|| Value::from(0))
        }
        "Double" | "Single" | "Decimal" => placeholder.map(|_| Value::from(0)),
        "DateTimeOffset" => placeholder.and_then(|_| text("0001-01-01T00:00:00Z")),
        "Date" => placeholder.and_then(|_| text("0001-01-01")),
        "TimeOfDay" => placeholder.and_then(|_| text("00:00:00")),
        "Duration" => placeholder.and_then(|_| text("PT0S")),
        "Guid" => placeholder.and_then(|_| text("00000000-0000-0000-0000-000000000000")),
        "Binary" => placeholder.and_then(|_| text("")),
        // A String, Stream or untyped value reads any JSON string.
        _ => None,
    }
}

/// `{"@odata.type": "Edm.Binary"}` where a value belongs: the type's name as an annotation.
fn is_type_annotation_only(value: &Value) -> bool {
    value
        .as_object()
        .is_some_and(|map| map.len() == 1 && map.contains_key("@odata.type"))
}

/// `text` is OData's spelling of a collection type, in any case (`Collection(String)`,
/// `collection(microsoft.graph.permissionGrantConditionSet)`): a type written where a
/// collection's value belongs. No collection value is a string.
fn names_collection(text: &str) -> bool {
    super::after_collection(text.trim())
        .and_then(|rest| rest.strip_suffix(')'))
        .is_some_and(|inner| !inner.trim().is_empty())
}

/// `text` is the struct's name (`identitySet`, `microsoft.graph.identitySet`), in any case.
fn names_type(text: &str, type_name: &str) -> bool {
    let text = text.trim();
    let short = text.rsplit('.').next().unwrap_or(text);
    short.eq_ignore_ascii_case(type_name)
}

/// A string that names a type or says "a value goes here": `"String (timestamp)"`, `"Guid"`,
/// `"Edm.Int32"`, `"datetime-value"`, `"<id>"`, `"{guid}"`, `"..."`, `""`.
pub fn looks_like_placeholder(text: &str) -> bool {
    // Without ASCII case, and without a lower-cased copy: every example string is asked.
    let text = text.trim();
    let bytes = text.as_bytes();
    let same = |a: &[u8], b: &str| a.eq_ignore_ascii_case(b.as_bytes());
    let has = |part: &str| bytes.windows(part.len()).any(|w| same(w, part));
    let ends = |part: &str| {
        bytes
            .len()
            .checked_sub(part.len())
            .is_some_and(|at| same(&bytes[at..], part))
    };
    let starts = |part: &str| bytes.get(..part.len()).is_some_and(|b| same(b, part));
    if text.is_empty()
        || crate::facts::contains(text, "...")
        || has("-value")
        || ends(" value")
        || ends("_value")
        || starts("base64")
        || text.starts_with('{') && text.ends_with('}')
        || text.starts_with('<') && text.ends_with('>')
    {
        return true;
    }
    // A doc spelling of a primitive (`String`, `Edm.Int32`, `timestamp`), the type_cell table's.
    let word = text
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '.')
        .next()
        .unwrap_or("");
    primitive(word).is_some()
        || ["number", "uuid", "true", "false"]
            .iter()
            .any(|w| w.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::{looks_like_placeholder, names_type};

    #[test]
    fn placeholders_are_type_names_and_value_slots() {
        for text in [
            "String (timestamp)",
            "Guid",
            "Edm.Int32",
            "datetime-value",
            "<id>",
            "{guid}",
            "...",
            "",
            "true",
            "Binary",
        ] {
            assert!(looks_like_placeholder(text), "{text}");
        }
    }

    #[test]
    fn a_struct_placeholder_is_the_structs_name() {
        assert!(names_type("microsoft.graph.identitySet", "identitySet"));
        assert!(names_type("IdentitySet", "identitySet"));
        assert!(!names_type("Check Member Groups value", "identitySet"));
    }

    #[test]
    fn real_values_are_not_placeholders() {
        for text in [
            "2018-10-04T00:58:45.340Z",
            "2018-10-04T00: 58: 45.340Z",
            "a2c4a2d8-8a6a-4a5c-9a7b-3f6b0b3c2a55",
            "PT1H",
            "12345",
            "NaN",
            "INF",
            "aGVsbG8=",
            "Datacenter",
            "Stringent",
        ] {
            assert!(!looks_like_placeholder(text), "{text}");
        }
    }
}
