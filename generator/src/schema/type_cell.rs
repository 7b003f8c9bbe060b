//! Type cells (`String`, `[logonUser](logonuser.md) collection`, `Collection(Edm.Int32)`) to
//! [`TypeRef`]s.

use std::collections::BTreeMap;

use super::{TypeRef, file_stem};
use crate::read::Inline;

/// Edm primitives by lower-cased doc spelling.
const PRIMITIVES: [(&str, &str); 20] = [
    ("string", "String"),
    ("boolean", "Boolean"),
    ("bool", "Boolean"),
    ("byte", "Byte"),
    ("sbyte", "SByte"),
    ("int16", "Int16"),
    ("int32", "Int32"),
    ("int", "Int32"),
    ("int64", "Int64"),
    ("single", "Single"),
    ("double", "Double"),
    ("decimal", "Decimal"),
    ("datetimeoffset", "DateTimeOffset"),
    ("date", "Date"),
    ("timeofday", "TimeOfDay"),
    ("duration", "Duration"),
    ("guid", "Guid"),
    ("binary", "Binary"),
    ("stream", "Stream"),
    ("json", "Untyped"),
];

/// Resolves a type cell. A link names its type by the target file (`by_stem`), which beats
/// the link text; unlinked text must be an Edm primitive.
pub fn resolve_type_cell(
    cell: &Inline,
    by_stem: &BTreeMap<String, String>,
) -> Result<TypeRef, String> {
    let text = cell.text.trim();
    let lower = text.to_lowercase();
    let (inner, collection) = if let Some(rest) = lower.strip_suffix(" collection") {
        (rest.trim().to_owned(), true)
    } else if let Some(rest) = lower
        .strip_prefix("collection(")
        .and_then(|r| r.strip_suffix(')'))
    {
        (rest.trim().to_owned(), true)
    } else {
        (lower.clone(), false)
    };
    let element = if let Some(link) = cell.links.first() {
        let stem = file_stem(&link.target).ok_or("the link does not point at a page")?;
        let name = by_stem
            .get(&stem)
            .ok_or_else(|| format!("no page defines `{stem}.md`"))?;
        TypeRef::Named(name.clone())
    } else {
        let bare = inner.trim_matches('`').trim_start_matches("edm.");
        let edm = PRIMITIVES
            .iter()
            .find(|(spelling, _)| *spelling == bare)
            .map(|(_, edm)| *edm)
            .ok_or_else(|| format!("`{bare}` is not an Edm primitive"))?;
        TypeRef::Primitive(edm.to_owned())
    };
    Ok(if collection {
        TypeRef::Collection(Box::new(element))
    } else {
        element
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::inline::parse_cell;

    fn resolve(cell: &str) -> Result<String, String> {
        let mut by_stem = BTreeMap::new();
        by_stem.insert(
            "logonuser".to_owned(),
            "microsoft.graph.logonUser".to_owned(),
        );
        resolve_type_cell(&parse_cell(cell, &BTreeMap::new()), &by_stem).map(|t| t.to_string())
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
    }

    #[test]
    fn links_resolve_by_target_file_not_text() {
        assert_eq!(
            resolve("[LogonUser](../resources/LogonUser.md) collection").unwrap(),
            "Collection(microsoft.graph.logonUser)"
        );
        assert!(
            resolve("[x](../resources/missing.md)")
                .unwrap_err()
                .contains("missing.md")
        );
        assert!(resolve("alertStatus").is_err());
    }
}
