//! Resource pages: the type's name, base, key, flags, property and relationship tables, and the
//! JSON representation.

use serde::Serialize;

use super::{PropertyRow, Sections, contains, find, property_rows};
use crate::read::{Link, Page};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResourceFacts {
    /// Qualified: the resource annotation's `@odata.type`, else the title's name in the page's
    /// namespace.
    pub name: String,
    pub line: usize,
    /// The annotation's `baseType` (qualified).
    pub base: Option<String>,
    /// "Inherits from [x](x.md)" / "Derived from [x](x.md)" in the page's text.
    pub base_link: Option<Link>,
    /// "Inherited from [x](x.md)" in a property row: weaker evidence of the base.
    pub inherited_from: Option<Link>,
    pub key: Option<String>,
    pub open: bool,
    pub abstract_: bool,
    /// The page lists methods (Get, List, Update, ...): the type is addressable.
    pub has_methods: bool,
    /// Targets of the links in the Methods table's first column (the api pages).
    pub method_links: Vec<String>,
    /// Each Methods row whose return type cell links one type: the api page's stem
    /// (`participant-invite`) and that link (`[commsOperation](commsoperation.md)`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub method_returns: Vec<(String, Link)>,
    /// Types a List, Get, Create, Add or Update row of the Methods table returns: such a type is
    /// addressed by a path of its own (this page may list methods of other types).
    pub returned: Vec<Link>,
    /// A Methods row links a CRUD page named after this page (`usersettings-get.md` on
    /// `usersettings.md`): the API addresses the type itself, so it is an entity.
    pub self_addressed: bool,
    /// Types listed under a "Derived types" heading, or named in a sentence about "derived
    /// types", on this (the base's) page.
    pub derived: Vec<Link>,
    pub description: String,
    pub properties: Vec<PropertyRow>,
    pub relationships: Vec<PropertyRow>,
    /// The JSON representation (placeholders such as `"String"` and `1024`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub json: Option<serde_json::Value>,
    #[serde(skip)]
    pub json_source: Option<super::operation::JsonSource>,
}

pub fn resource_facts(page: &Page, namespace: &str, sections: &Sections) -> Option<ResourceFacts> {
    let annotation = page
        .annotations
        .iter()
        .find(|a| a.get_str("blockType") == Some("resource"));
    let qualify = |name: &str| {
        let name = name.trim().trim_start_matches('#');
        if name.contains('.') {
            name.to_owned()
        } else {
            format!("{namespace}.{name}")
        }
    };
    let name = annotation
        .and_then(|a| a.get_str("@odata.type").or_else(|| a.get_str("@type")))
        .filter(|n| !n.trim().is_empty())
        .map(qualify)
        .or_else(|| title_name(page).map(|n| qualify(&n)))?;
    let flag = |key: &str| {
        annotation
            .and_then(|a| a.value.as_ref()?.get(key).cloned())
            .is_some_and(|v| v == true || v == "true")
    };
    let string = |key: &str| {
        annotation
            .and_then(|a| a.get_str(key))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let tables_under = |names: &[&str]| -> Vec<PropertyRow> {
        page.tables
            .iter()
            .filter(|t| names.iter().any(|n| sections.is(t.section, n)))
            .flat_map(property_rows)
            .collect()
    };
    let properties = tables_under(&["properties", "property", "instance attributes"]);
    let inherited_from = properties
        .iter()
        .filter(|p| contains(&p.description.text, "Inherited from"))
        .find_map(|p| p.description.links.first().cloned());
    Some(ResourceFacts {
        line: annotation.map_or(1, |a| a.line),
        base: string("baseType").map(|b| qualify(&b)),
        base_link: base_link(page),
        inherited_from,
        key: string("keyProperty"),
        open: flag("openType"),
        abstract_: flag("abstract"),
        has_methods: page
            .tables
            .iter()
            .any(|t| sections.is(t.section, "methods") && !t.rows.is_empty()),
        method_links: page
            .tables
            .iter()
            .filter(|t| sections.is(t.section, "methods"))
            .flat_map(|t| t.rows.iter())
            .filter_map(|r| Some(r.cells.first()?.links.first()?.target.clone()))
            .collect(),
        method_returns: method_returns(page, sections),
        returned: returned_types(page, sections),
        self_addressed: self_addressed(page, sections),
        derived: derived_types(page, sections),
        description: super::introduction(page),
        properties,
        relationships: tables_under(&["relationships", "relationship"]),
        json: None,
        json_source: None,
        name,
    })
}

/// Moves the JSON representation into `resource`, the facts [`resource_facts`] read from the
/// page, which is read no more (a copy would cost as much as reading it).
pub fn move_json(resource: &mut ResourceFacts, page: &mut Page) {
    let block = page
        .annotations
        .iter()
        .find(|a| a.get_str("blockType") == Some("resource"))
        .and_then(|a| a.block);
    let Some(json) = block
        .and_then(|b| page.blocks.get_mut(b))
        .and_then(|b| b.json.as_mut())
    else {
        return;
    };
    resource.json_source = Some(super::operation::JsonSource::take(json, false));
    resource.json = json.value.take();
}

/// `hostSecurityProfile resource type`, `Chart resource`, `drive` -> the type's name.
fn title_name(page: &Page) -> Option<String> {
    let title = page.title.as_deref()?;
    let mut words = title.split_whitespace();
    let first = words.next()?.trim_matches('`');
    let rest: Vec<&str> = words.collect();
    let suffix_ok = rest.is_empty()
        || matches!(
            rest.join(" ").to_lowercase().as_str(),
            "resource type" | "resource" | "complex type" | "entity type" | "type" | "object"
        );
    let valid = first
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
    (suffix_ok && valid && !first.is_empty()).then(|| first.to_owned())
}

/// "Inherits from [deviceConfiguration](...)", "Derived from [attachment](attachment.md).",
/// "The following properties are inherited from **[baseItem][]**.", "x derives from [y](y.md)",
/// "A subclass of [y](y.md)", "creates a subclass from [y](y.md)".
fn base_link(page: &Page) -> Option<Link> {
    page.paragraphs.iter().find_map(|p| {
        // ASCII lower case keeps every byte where it was: `at` is an offset into the text too.
        let text = p.inline.text.to_ascii_lowercase();
        let at = [
            "inherits from",
            "derived from",
            "derives from",
            "properties are inherited from",
            "subclass of",
            "subclass from",
        ]
        .iter()
        .find_map(|phrase| text.find(phrase).map(|i| i + phrase.len()))?;
        // The link must follow the phrase closely: "Inherits from [x](x.md)".
        let after = &p.inline.text[at.min(p.inline.text.len())..];
        // The whole link text: `teamsApp` is not the link in "from teamsAppInstallation".
        let first = p.inline.links.iter().find(|l| {
            after.find(&l.text).is_some_and(|i| {
                let next = after[i + l.text.len()..].chars().next();
                // "Inherits from base class [x]", "from the abstract [x] type".
                let between = after[..i].trim_matches(['*', ' ', ':']).to_lowercase();
                let filler = between.split_whitespace().all(|w| {
                    matches!(
                        w,
                        "the" | "a" | "an" | "base" | "class" | "type" | "abstract"
                    )
                });
                filler && !next.is_some_and(|c| c.is_alphanumeric())
            })
        })?;
        Some(first.clone())
    })
}

/// The return-type links of the Methods rows that read, create or change one addressable item
/// or list them (`[List members](...) | [user](user.md) collection`), by the row's first word
/// and its api page's name. An action can start with the same word (`Create session`), but its
/// page is named after the action (`workbook-createsession.md`), not `x-get.md`/`x-list-y.md`.
fn returned_types(page: &Page, sections: &Sections) -> Vec<Link> {
    const CRUD: [&str; 5] = ["list", "get", "create", "add", "update"];
    page.tables
        .iter()
        .filter(|t| sections.is(t.section, "methods"))
        .flat_map(|t| t.rows.iter())
        .filter(|r| {
            r.cells.first().is_some_and(|c| {
                let first = c.text.split_whitespace().next().unwrap_or_default();
                let crud_page = c.links.first().is_some_and(|l| crud_page(&l.target));
                CRUD.contains(&first.to_lowercase().as_str()) && crud_page
            })
        })
        .filter_map(|r| r.cells.get(1))
        .filter_map(|c| c.links.first().cloned())
        .collect()
}

/// The Methods rows whose return type cell links one type, by the stem of the api page the
/// row's first cell links.
fn method_returns(page: &Page, sections: &Sections) -> Vec<(String, Link)> {
    page.tables
        .iter()
        .filter(|t| sections.is(t.section, "methods"))
        .flat_map(|t| t.rows.iter())
        .filter_map(|r| {
            let api = r.cells.first()?.links.first()?;
            let [returned] = r.cells.get(1)?.links.as_slice() else {
                return None;
            };
            Some((page_stem(&api.target), returned.clone()))
        })
        .collect()
}

/// `x-get.md`, `x-update.md`, `x-delete.md`, `x-list-y.md`, `x-post-y.md` linked from the
/// Methods table of `x.md`.
fn self_addressed(page: &Page, sections: &Sections) -> bool {
    let own = page_stem(&page.path);
    page.tables
        .iter()
        .filter(|t| sections.is(t.section, "methods"))
        .flat_map(|t| t.rows.iter())
        .filter_map(|r| r.cells.first()?.links.first())
        .any(|l| {
            let stem = page_stem(&l.target);
            stem.strip_prefix(&own)
                .and_then(|rest| rest.strip_prefix('-'))
                .and_then(|rest| rest.split('-').next())
                .is_some_and(|verb| matches!(verb, "get" | "update" | "delete" | "list" | "post"))
        })
}

/// `../api/user-get.md#x` -> `user-get`.
fn page_stem(target: &str) -> String {
    // By byte and `strip_suffix`: no pattern searcher set up for each of a page's links.
    let end = target
        .bytes()
        .position(|b| b == b'#' || b == b'?')
        .unwrap_or(target.len());
    let file = &target[..end];
    let name = file.rsplit('/').next().unwrap_or_default().to_lowercase();
    let mut stem = name.as_str();
    while let Some(rest) = stem.strip_suffix(".md") {
        stem = rest;
    }
    stem.to_owned()
}

/// `user-list-manager.md`, `team-get.md`, `group-post-members.md`: a page of the api's CRUD
/// methods, by a file-name segment that is the verb alone.
fn crud_page(target: &str) -> bool {
    page_stem(target)
        .split('-')
        .skip(1)
        .any(|seg| matches!(seg, "get" | "list" | "post" | "create" | "add" | "update"))
}

/// `## Derived types` with a table or list of links, or a sentence such as "the derived types
/// are [a](a.md) and [b](b.md)": the base's page naming its subtypes.
fn derived_types(page: &Page, sections: &Sections) -> Vec<Link> {
    let mut out: Vec<Link> = page
        .tables
        .iter()
        .filter(|t| sections.is(t.section, "derived types"))
        .flat_map(|t| t.rows.iter())
        .filter_map(|r| r.cells.first()?.links.first().cloned())
        .collect();
    for p in &page.paragraphs {
        let in_section = sections.is(p.section, "derived types");
        // ASCII lower case, so that `i` is an offset into the text too.
        let text = p.inline.text.to_ascii_lowercase();
        let said = find(&text, "derived types are").map(|i| &p.inline.text[i..]);
        match (in_section, said) {
            (true, _) => out.extend(p.inline.links.iter().cloned()),
            (false, Some(after)) => out.extend(
                p.inline
                    .links
                    .iter()
                    .filter(|l| after.contains(&l.text))
                    .cloned(),
            ),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::facts;

    #[test]
    fn page_stems_are_the_link_targets_file_names() {
        let by_patterns = |target: &str| {
            let file = target.split(['#', '?']).next().unwrap_or_default();
            let name = file.rsplit('/').next().unwrap_or_default().to_lowercase();
            name.trim_end_matches(".md").to_owned()
        };
        for target in [
            "../api/user-get.md#x",
            "user-list-manager.md?view=graph",
            "x.md.md",
            "../api/Team-Get.MD",
            "#anchor",
            "",
            "a/b/",
            "dir/ü-get.md?x#y",
        ] {
            assert_eq!(super::page_stem(target), by_patterns(target), "{target}");
        }
    }

    const PAGE: &str = "---\ntitle: \"Chart resource type\"\ndoc_type: resourcePageType\n---\n\
# Chart resource type\n\nNamespace: microsoft.graph\n\nRepresents a chart.\n\n\
Inherits from [entity](entity.md).\n\n## Methods\n\n|Method|Return Type|Description|\n|:--|:--|:--|\n\
|[Get](../api/chart-get.md)|[chart](chart.md)|Get it.|\n\n## Properties\n\n\
|Property|Type|Description|\n|:--|:--|:--|\n|height|Double|The height. Read-only.|\n\
|id|String|Inherited from [entity](entity.md).|\n\n## Relationships\n\n\
|Relationship|Type|Description|\n|:--|:--|:--|\n|axes|[chartAxes](chartaxes.md)|Axes.|\n\n\
## JSON representation\n\n<!-- {\"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.workbookChart\", \"openType\": true} -->\n\
```json\n{\"height\": 1024}\n```\n";

    #[test]
    fn annotation_names_the_type_before_the_title() {
        let r = facts(PAGE, "resources/chart.md").resource.unwrap();
        assert_eq!(r.name, "microsoft.graph.workbookChart");
        assert!(r.open && !r.abstract_ && r.has_methods);
        assert_eq!(r.description, "Represents a chart.");
        assert_eq!(r.base_link.unwrap().target, "entity.md");
        assert_eq!(r.inherited_from.unwrap().text, "entity");
        assert_eq!(r.properties.len(), 2);
        assert!(r.properties[0].read_only());
        assert_eq!(r.relationships[0].name, "axes");
        assert_eq!(r.json.unwrap()["height"], 1024);
    }

    #[test]
    fn title_names_the_type_without_an_annotation() {
        let page = PAGE.replace("\"@odata.type\": \"microsoft.graph.workbookChart\", ", "");
        let r = facts(&page, "resources/chart.md").resource.unwrap();
        assert_eq!(r.name, "microsoft.graph.Chart");
    }
}
