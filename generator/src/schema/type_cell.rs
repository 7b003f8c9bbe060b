//! Type cells to [`TypeRef`]s: `String`, `` `Int32` ``, `Edm.Guid`, `string (url)`,
//! `[logonUser](logonuser.md) collection`, `Collection([x][])`, `[x](enums.md#x-values)`,
//! `alertStatus` (an unlinked name), `[DateTimeOffset](timestamp.md)` (a primitive behind a link).

use super::TypeRef;
use super::index::Index;
use crate::read::Inline;

/// Edm primitives by lower-cased doc spelling.
const PRIMITIVES: [(&str, &str); 28] = [
    ("string", "String"),
    ("url", "String"),
    ("uri", "String"),
    ("boolean", "Boolean"),
    ("bool", "Boolean"),
    ("byte", "Byte"),
    ("sbyte", "SByte"),
    ("int16", "Int16"),
    ("int32", "Int32"),
    ("int", "Int32"),
    ("integer", "Int32"),
    ("int64", "Int64"),
    ("long", "Int64"),
    ("single", "Single"),
    ("float", "Single"),
    ("double", "Double"),
    ("decimal", "Decimal"),
    ("datetimeoffset", "DateTimeOffset"),
    ("datetime", "DateTimeOffset"),
    ("timestamp", "DateTimeOffset"),
    ("date", "Date"),
    ("timeofday", "TimeOfDay"),
    ("duration", "Duration"),
    ("guid", "Guid"),
    ("binary", "Binary"),
    ("stream", "Stream"),
    ("json", "Untyped"),
    ("untyped", "Untyped"),
];

/// Edm's own primitive names, which a link text uses to mean the primitive itself
/// (`[DateTimeOffset](timestamp.md)` links to an explanation, not to a type).
pub(super) const CANONICAL: [&str; 16] = [
    "String",
    "Boolean",
    "Byte",
    "SByte",
    "Int16",
    "Int32",
    "Int64",
    "Single",
    "Double",
    "Decimal",
    "DateTimeOffset",
    "Date",
    "TimeOfDay",
    "Duration",
    "Guid",
    "Binary",
];

/// An Edm primitive from a doc spelling (`Edm.Int32`, `GUID`, `dateTimeOffset`).
pub fn primitive(word: &str) -> Option<&'static str> {
    let word = word.trim().trim_matches('`');
    // The spellings are ASCII: an ASCII word compares without a lower-cased copy (every
    // example string is asked, `placeholders::looks_like_placeholder`).
    let lower;
    let word = if word.is_ascii() {
        word
    } else {
        lower = word.to_lowercase();
        &lower
    };
    let bare = match word.get(..4) {
        Some(prefix) if prefix.eq_ignore_ascii_case("edm.") => &word[4..],
        _ => word,
    };
    PRIMITIVES
        .iter()
        .find(|(spelling, _)| spelling.eq_ignore_ascii_case(bare))
        .map(|(_, edm)| *edm)
}

/// Resolves a type cell. A link names its type by the target page (and anchor), which beats the
/// link text; an unlinked name is a primitive or a type found by name. A name no page defines is
/// kept as a reference (`Named`), so the dump says what the page says.
pub fn resolve_type_cell(cell: &Inline, index: &Index, namespace: &str) -> Result<TypeRef, String> {
    let text = cell.text.trim().trim_matches('`').trim();
    let (inner, collection) = split_collection(text);
    let element = match cell.links.iter().find(|l| inner.contains(l.text.trim())) {
        Some(link) => {
            let text = link.text.trim().trim_matches(['`', '*']);
            let bare = text.strip_prefix("Edm.").unwrap_or(text);
            if CANONICAL.contains(&bare) {
                TypeRef::Primitive(bare.to_owned())
            } else if let Some(name) = index.lookup_link(link) {
                TypeRef::Named(name)
            } else if let Some(p) = primitive(text) {
                TypeRef::Primitive(p.to_owned())
            } else if let Some(name) = index.lookup(text, namespace) {
                TypeRef::Named(name)
            } else if is_type_name(text) {
                TypeRef::Named(qualify(text, namespace))
            } else {
                return Err(format!("the link text `{text}` is not a type name"));
            }
        }
        None => {
            let word = first_word(inner);
            let canonical = CANONICAL.contains(&word.strip_prefix("Edm.").unwrap_or(word));
            // A page that defines `Json` beats the `Json` spelling of Edm.Untyped.
            if let Some(name) = index
                .defined_exactly(word, namespace)
                .filter(|_| !canonical)
            {
                TypeRef::Named(name)
            } else if let Some(p) = primitive(word) {
                TypeRef::Primitive(p.to_owned())
            } else if !is_type_name(word) {
                return Err(format!("`{inner}` is not a type"));
            } else if let Some(name) = index.lookup(word, namespace) {
                TypeRef::Named(name)
            } else if inner.split_whitespace().count() == 1 {
                // A lone identifier no page defines: a reference kept as written (in the stubs
                // nearly always an enum documented nowhere).
                TypeRef::Named(qualify(word, namespace))
            } else {
                return Err(format!("`{inner}` is prose, not a type"));
            }
        }
    };
    Ok(if collection {
        TypeRef::collection(element)
    } else {
        element
    })
}

/// `X collection`, `Collection(X)`, `collection of X` -> (X, true).
fn split_collection(text: &str) -> (&str, bool) {
    // ASCII lower case keeps every byte where it was: offsets into it are offsets into `text`.
    let lower = text.to_ascii_lowercase();
    for suffix in [" collection", " collection."] {
        if lower.ends_with(suffix) {
            let inner = text.get(..text.len() - suffix.len()).unwrap_or_default();
            return (inner.trim(), true);
        }
    }
    if lower.starts_with("collection(") && lower.ends_with(')') {
        let inner = text
            .get("collection(".len()..text.len() - 1)
            .unwrap_or_default();
        return (inner.trim(), true);
    }
    if lower.starts_with("collection of ") {
        return (text["collection of ".len()..].trim(), true);
    }
    // `[x](x.md) collection. Holds grades...`: the type, then prose after the full stop.
    if let Some(i) = lower.find(" collection. ") {
        return (text[..i].trim(), true);
    }
    // `[itemAnalytics][] resource`, `[identitySet] object`.
    for suffix in [" resource", " object", " entity"] {
        if lower.ends_with(suffix) {
            return (text[..text.len() - suffix.len()].trim(), false);
        }
    }
    (text, false)
}

/// `string (url)`, `String, maximum size 20`, `Int32 (nullable)` -> the type word.
fn first_word(text: &str) -> &str {
    text.split([' ', '(', ',', ';'])
        .next()
        .unwrap_or(text)
        .trim_matches(['`', '*', '.'])
}

pub(super) fn is_type_name(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

pub(super) fn qualify(name: &str, namespace: &str) -> String {
    if name.contains('.') {
        name.to_owned()
    } else {
        format!("{namespace}.{name}")
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::facts::page_facts;
    use crate::read::inline::parse_cell;
    use crate::read::read_text;

    #[test]
    fn a_collection_cell_with_letters_that_lower_case_longer_splits_where_it_is_written() {
        // `İ` lower-cases to three bytes from two: an offset found in a Unicode-lower-cased copy
        // would cut the cell in the wrong place, or inside a character.
        let name = "İ".repeat(14);
        for after in ["é é é é é é", "grades"] {
            let cell = format!("{name} collection. {after}");
            assert_eq!(split_collection(&cell), (name.as_str(), true));
        }
    }

    fn index() -> Index {
        let mut diags = Vec::new();
        let pages = [
            (
                "resources/logonuser.md",
                "---\ndoc_type: resourcePageType\ntitle: logonUser resource type\n---\n# logonUser resource type\n",
            ),
            (
                "resources/enums.md",
                "---\ndoc_type: enumTypes\n---\n### alertStatus values\n\n|Member|\n|--|\n|new|\n",
            ),
        ];
        let facts: Vec<_> = pages
            .iter()
            .map(|(path, text)| page_facts(read_text(path, text, &mut diags)))
            .collect();
        Index::new(&facts)
    }

    fn resolve(cell: &str) -> Result<String, String> {
        resolve_type_cell(
            &parse_cell(cell, &BTreeMap::new()),
            &index(),
            "microsoft.graph",
        )
        .map(|t| t.to_string())
    }

    #[test]
    fn primitives_in_doc_spellings() {
        assert_eq!(resolve("String").unwrap(), "Edm.String");
        assert_eq!(resolve("`DateTimeOffset`").unwrap(), "Edm.DateTimeOffset");
        assert_eq!(resolve("Edm.Int32").unwrap(), "Edm.Int32");
        assert_eq!(
            resolve("String collection").unwrap(),
            "Collection(Edm.String)"
        );
        assert_eq!(
            resolve("Collection(Edm.Guid)").unwrap(),
            "Collection(Edm.Guid)"
        );
        assert_eq!(resolve("string (url)").unwrap(), "Edm.String");
        assert_eq!(resolve("String, maximum size 20").unwrap(), "Edm.String");
        assert_eq!(resolve("GUID").unwrap(), "Edm.Guid");
        assert_eq!(
            resolve("[DateTimeOffset](../resources/timestamp.md)").unwrap(),
            "Edm.DateTimeOffset"
        );
    }

    #[test]
    fn links_resolve_by_target_file_not_text() {
        assert_eq!(
            resolve("[LogonUser](../resources/LogonUser.md) collection").unwrap(),
            "Collection(microsoft.graph.logonUser)"
        );
        assert_eq!(
            resolve("[status](enums.md#alertstatus-values)").unwrap(),
            "microsoft.graph.alertStatus"
        );
        assert_eq!(
            resolve("[x](../resources/missing.md)").unwrap(),
            "microsoft.graph.x"
        );
        assert_eq!(
            resolve("[logonUser](logonuser.md) collection. Users who logged on.").unwrap(),
            "Collection(microsoft.graph.logonUser)"
        );
    }

    #[test]
    fn unlinked_names_resolve_case_insensitively_or_stay_references() {
        assert_eq!(
            resolve("AlertStatus").unwrap(),
            "microsoft.graph.alertStatus"
        );
        assert_eq!(
            resolve("logonUser collection").unwrap(),
            "Collection(microsoft.graph.logonUser)"
        );
        assert_eq!(
            resolve("alertFeedback").unwrap(),
            "microsoft.graph.alertFeedback"
        );
        assert!(resolve("").is_err());
    }
}
