//! The `facts` stage: one [`Page`] -> [`PageFacts`], the Graph conventions of a single page.
//!
//! Only what the page itself says; names are not resolved across pages here (that is `schema`).
//! Tables get their meaning from the nearest heading above them, matched case-insensitively and
//! by suffix at a word start ("Request body", "hostSecurityProfile properties").

mod enums;
mod mentions;
mod operation;
mod resource;

use std::collections::BTreeMap;

use serde::Serialize;

pub use self::mentions::PathMention;
pub use self::operation::{
    ExampleMessage, JsonSource, MethodPaths, OperationFacts, ParameterRow, ValueMembers,
};
pub use self::resource::ResourceFacts;
use crate::read::inline::parse_cell;
use crate::read::{Inline, Link, Page, RowKind, Table};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageFacts {
    pub path: String,
    pub kind: PageKind,
    /// The `Namespace: microsoft.graph.callRecords` line, else `microsoft.graph`.
    pub namespace: String,
    /// Boxed, as is `operation`: a page has one of them or none, and the pages' facts are
    /// moved and held in arrays of ten thousand (inline, a page's facts took 1,128 bytes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<Box<ResourceFacts>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub enums: Vec<EnumFacts>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<Box<OperationFacts>>,
    /// Graph paths the page names outside its HTTP syntax blocks (prose, tables, example JSON).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<PathMention>,
    /// JSON blocks annotated as an example of a named type outside the request and response
    /// examples (`"blockType": "example", "@odata.type": "microsoft.graph.commsNotifications"`:
    /// the notifications a call page shows its callback receiving).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub instances: Vec<Instance>,
}

/// A JSON block the page calls an instance of a type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Instance {
    /// The annotation's `@odata.type`, as written.
    pub odata_type: String,
    /// The JSON's first line.
    pub line: usize,
    pub body: serde_json::Value,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    Resource,
    Api,
    Enum,
    Other,
}

/// An enum defined on a page: an enum page's member table, or a `### x values` section.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct EnumFacts {
    /// Unqualified, as written (`clonableTeamParts`).
    pub name: String,
    pub line: usize,
    pub flags: bool,
    pub members: Vec<EnumMember>,
    /// The heading's anchor (`#accesslevel-values`), for `enums.md#x` links.
    pub anchor: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct EnumMember {
    pub name: String,
    pub value: Option<String>,
    pub description: String,
}

/// One row of a property, relationship, parameter or request-body table.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct PropertyRow {
    pub name: String,
    pub type_cell: Inline,
    pub description: Inline,
    pub line: usize,
}

impl PropertyRow {
    /// "Read-only." (any case) in the description: never sent in create or update bodies.
    pub fn read_only(&self) -> bool {
        self.description.text.to_lowercase().contains("read-only")
    }
}

/// The facts of a page, which they take its JSON bodies from (it is read no more).
pub fn page_facts(mut page: Page) -> PageFacts {
    let doc_type = page
        .front_matter
        .as_ref()
        .and_then(|fm| fm.get_str("doc_type"))
        .unwrap_or_default()
        .to_lowercase();
    let title = page.title.as_deref().unwrap_or_default().to_lowercase();
    // What the page's blocks are: a resource's JSON representation, or request examples. A
    // `doc_type` copied from another page (`fido2authenticationmethod.md`, a resource page
    // marked `apiPageType`; `serviceprincipal-update.md`, the reverse) yields to them.
    let annotated = |block_type: &str| {
        page.annotations
            .iter()
            .any(|a| a.get_str("blockType") == Some(block_type))
    };
    let (shows_resource, shows_requests) = (annotated("resource"), annotated("request"));
    let stated = if doc_type.starts_with("resourcepagetype") {
        Some(PageKind::Resource)
    } else if doc_type.starts_with("apipagetype") {
        Some(PageKind::Api)
    } else {
        None
    };
    let kind = if let Some(stated) = stated {
        match (shows_resource, shows_requests) {
            (true, false) => PageKind::Resource,
            (false, true) => PageKind::Api,
            _ => stated,
        }
    } else if doc_type.starts_with("enum") || title.ends_with(" enum type") {
        PageKind::Enum
    } else if doc_type.is_empty() && page.path.contains("resources/") {
        PageKind::Resource
    } else if doc_type.is_empty() && page.path.contains("api/") {
        PageKind::Api
    } else {
        PageKind::Other
    };
    let namespace = namespace(&page);
    let enums = enums::enum_facts(&page, kind);
    let sections = Sections::of(&page);
    let mut resource = (kind == PageKind::Resource)
        .then(|| resource::resource_facts(&page, &namespace, &sections))
        .flatten();
    let mut operation = (kind == PageKind::Api)
        .then(|| operation::operation_facts(&page, &sections))
        .flatten();
    let mentions = mentions::path_mentions(&page);
    let instances = instances(&page);
    if let Some(resource) = &mut resource {
        resource::move_json(resource, &mut page);
    }
    if let Some(operation) = &mut operation {
        operation::move_bodies(operation, &mut page);
    }
    PageFacts {
        path: page.path,
        kind,
        resource: resource.map(Box::new),
        operation: operation.map(Box::new),
        namespace,
        enums,
        mentions,
        instances,
    }
}

/// The page's [`Instance`]s: `example` blocks whose annotation names a type and whose JSON
/// could be read. (Copied: they are few, and no other fact takes them.)
fn instances(page: &Page) -> Vec<Instance> {
    page.annotations
        .iter()
        .filter(|a| a.get_str("blockType") == Some("example"))
        .filter_map(|a| {
            let odata_type = a.get_str("@odata.type")?.trim();
            let json = page.blocks.get(a.block?)?.json.as_ref()?;
            Some(Instance {
                odata_type: (!odata_type.is_empty()).then(|| odata_type.to_owned())?,
                line: json.line,
                body: json.value.clone()?,
            })
        })
        .collect()
}

/// `Namespace: microsoft.graph.callRecords` under the H1.
fn namespace(page: &Page) -> String {
    page.paragraphs
        .iter()
        .find_map(|p| {
            let rest = p.inline.text.trim().strip_prefix("Namespace:")?;
            let ns = rest.split_whitespace().next()?;
            ns.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
                .then(|| ns.to_owned())
        })
        .unwrap_or_else(|| "microsoft.graph".to_owned())
}

/// The heading text a table or paragraph sits under, lower-cased and trimmed.
fn section_text(page: &Page, section: Option<usize>) -> String {
    section
        .and_then(|s| page.headings.get(s))
        .map(|h| h.text.trim().trim_end_matches(':').to_lowercase())
        .unwrap_or_default()
}

/// The heading text of every section ([`section_text`]), worked out once per page: each table
/// and paragraph asks about its section several times.
struct Sections(Vec<String>);

impl Sections {
    fn of(page: &Page) -> Self {
        Sections(
            (0..page.headings.len())
                .map(|s| section_text(page, Some(s)))
                .collect(),
        )
    }

    /// [`section_text`] of a table or paragraph's section.
    fn text(&self, section: Option<usize>) -> &str {
        section
            .and_then(|s| self.0.get(s))
            .map_or("", String::as_str)
    }

    /// Heading match by suffix at a word start: "Request body", "hostSecurityProfile
    /// properties".
    fn is(&self, section: Option<usize>, name: &str) -> bool {
        heading_is(self.text(section), name)
    }
}

fn heading_is(text: &str, name: &str) -> bool {
    text == name
        || text
            .strip_suffix(name)
            .is_some_and(|rest| rest.ends_with(' '))
}

/// What the page says it documents: the first paragraph of its introduction (under the title,
/// before the first section) that is not boilerplate: the `Namespace:` line, an include, a
/// callout (`> **Note:** The Microsoft Graph API for Intune requires an active Intune
/// license`, on every Intune page), a placeholder (the doc stubs' `**TODO: Add Description**`,
/// "Not yet documented"). (The front matter's `description` is no fallback: where the
/// introduction says nothing, it says "Here is a JSON representation of the resource".)
pub(crate) fn introduction(page: &Page) -> String {
    const CALLOUTS: [&str; 5] = ["Note:", "Important:", "Caution:", "Tip:", "Warning:"];
    // The text is read without its markup: `**TODO: ...**` is `TODO: ...` here.
    let placeholder = |t: &str| {
        t.starts_with("TODO:")
            || t.trim_end_matches('.')
                .eq_ignore_ascii_case("not yet documented")
    };
    page.paragraphs
        .iter()
        .filter(|p| p.section.is_none_or(|s| page.headings[s].level == 1))
        .map(|p| p.inline.text.trim())
        .find(|t| {
            !t.is_empty()
                && !t.starts_with("Namespace:")
                && !t.starts_with("Inherits from")
                && !t.starts_with("> ")
                && !t.starts_with("[!")
                && !CALLOUTS.iter().any(|c| t.starts_with(c))
                && !placeholder(t)
        })
        .unwrap_or_default()
        .to_owned()
}

/// Lower-cased header cells of a table.
fn header(table: &Table) -> Vec<String> {
    table
        .header
        .iter()
        .map(|c| c.text.trim().to_lowercase())
        .collect()
}

/// Whether a header cell is `name` (lower case) as [`header`] reads it; an ASCII cell (nearly
/// all) is compared without lower-casing a copy.
fn header_is(cell: &Inline, name: &str) -> bool {
    let text = cell.text.trim();
    if text.is_ascii() {
        text.eq_ignore_ascii_case(name)
    } else {
        text.to_lowercase() == name
    }
}

/// Rows of a `name|type|description`-shaped table; other tables give none. Some pages head
/// the type column `Value` (`| Name | Value | Description |`, the OneDrive pages' request
/// bodies and parameters: `| parentReference | [ItemReference](...) | ... |`): it is the type
/// column of a table whose first column names and that has no `Type` column.
fn property_rows(table: &Table) -> Vec<PropertyRow> {
    let names_first = table.header.first().is_some_and(|h| {
        ["name", "parameter", "parameter name", "property"]
            .iter()
            .any(|n| header_is(h, n))
    });
    let type_col = table
        .header
        .iter()
        .position(|h| header_is(h, "type"))
        .or_else(|| {
            let value = table.header.iter().position(|h| header_is(h, "value"));
            value.filter(|_| names_first)
        });
    let Some(type_col) = type_col else {
        return Vec::new();
    };
    if type_col == 0 {
        return Vec::new();
    }
    let desc_col = table
        .header
        .iter()
        .position(|h| header_is(h, "description"));
    table
        .rows
        .iter()
        .filter(|r| r.kind == RowKind::Data)
        .filter_map(|r| {
            let name = property_name(&r.cells[0])?;
            Some(PropertyRow {
                name,
                type_cell: r.cells[type_col].clone(),
                description: desc_col
                    .map(|c| without_todo(&r.cells[c]))
                    .unwrap_or_default(),
                line: r.line,
            })
        })
        .collect()
}

/// The name in a first cell: `**id**`, `` `id` ``, `id (deprecated)` -> `id`; prose -> `None`.
fn property_name(cell: &Inline) -> Option<String> {
    let text = cell.text.trim();
    // Up to the first space or parenthesis, found by byte (both are ASCII).
    let end = text
        .bytes()
        .position(|b| b == b' ' || b == b'(')
        .unwrap_or(text.len());
    let word = text[..end].trim_matches(['`', '*', '\'', '"']);
    // Any JSON key is a name; the emitter makes identifiers of them. Prose has spaces.
    let valid = !word.is_empty() && !word.chars().any(|c| c.is_control() || c.is_whitespace());
    valid.then(|| word.to_owned())
}

/// A cell without its `**TODO: Add Description**` placeholders, which describe nothing.
fn without_todo(cell: &Inline) -> Inline {
    if !contains(&cell.source, "**TODO") {
        return cell.clone();
    }
    let mut source = String::new();
    let mut rest = cell.source.as_str();
    while let Some(start) = find(rest, "**TODO") {
        source.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        rest = find(after, "**").map_or("", |end| &after[end + 2..]);
    }
    source.push_str(rest);
    // Placeholders only (most of the stubs' descriptions): blank text reads as an empty cell.
    if source.trim().is_empty() {
        return Inline::default();
    }
    // Links were resolved already; the cell's own definitions are not needed again.
    let mut cleaned = parse_cell(&source, &BTreeMap::new());
    cleaned.links.retain(|l| !l.unresolved);
    cleaned
}

/// `text.contains(needle)` for a short, non-empty `needle`, found from the places of its first
/// byte: every cell and example string is asked, and a substring searcher set up for each
/// costs more than most of them are long.
pub(crate) fn contains(text: &str, needle: &str) -> bool {
    find(text, needle).is_some()
}

/// `text.find(needle)`, as [`contains`] finds it.
pub(crate) fn find(text: &str, needle: &str) -> Option<usize> {
    let Some(&first) = needle.as_bytes().first() else {
        return Some(0);
    };
    let text = text.as_bytes();
    memchr::memchr_iter(first, text).find(|&at| text[at..].starts_with(needle.as_bytes()))
}

/// Links in the paragraphs of one section.
fn section_links<'p>(page: &'p Page, sections: &Sections, name: &str) -> Vec<&'p Link> {
    page.paragraphs
        .iter()
        .filter(|p| sections.is(p.section, name))
        .flat_map(|p| p.inline.links.iter())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::read_text;

    pub(super) fn facts(text: &str, path: &str) -> PageFacts {
        let mut diags = Vec::new();
        page_facts(read_text(path, text, &mut diags))
    }

    #[test]
    fn the_introduction_passes_over_callouts_and_placeholders() {
        let api = |intro: &str| {
            format!(
                "---\ntitle: x\ndescription: \"Here is a JSON representation\"\ndoc_type: apiPageType\n---\n\
# Update widget\n\nNamespace: microsoft.graph\n\n{intro}\n\n## HTTP request\n\n```http\nPATCH /widgets/{{id}}\n```\n"
            )
        };
        let described = |intro: &str| {
            let facts = facts(&api(intro), "api/widget-update.md");
            facts.operation.expect("an api page").description
        };
        assert_eq!(
            described(
                "> **Note:** The Microsoft Graph API for Intune requires an [active Intune license](https://x) for the tenant.\n\n\
> **Important:** APIs under the /beta version are subject to change.\n\n\
Update the properties of a [widget](../resources/widget.md) object."
            ),
            "Update the properties of a widget object."
        );
        // A placeholder says nothing, and the front matter is no fallback.
        assert_eq!(described("**TODO: Add Description**"), "");
        assert_eq!(described("Not yet documented"), "");
        // A note further on is part of the description it follows.
        assert_eq!(
            described("Updates a widget.\n\n> **Note:** Widgets are blue."),
            "Updates a widget."
        );
    }

    #[test]
    fn contains_and_find_find_what_the_str_methods_find() {
        let texts = [
            "",
            "*",
            "**TODO",
            "a **TODO: x**",
            "* **TOD",
            "....",
            "a..b...",
            "Inherited from [entity]",
            "é**TODO",
            "Inherited fro",
        ];
        for text in texts {
            for needle in ["**TODO", "**", "...", "Inherited from", "a", "é", ""] {
                assert_eq!(
                    contains(text, needle),
                    text.contains(needle),
                    "{text:?} {needle:?}"
                );
                assert_eq!(find(text, needle), text.find(needle), "{text:?} {needle:?}");
            }
        }
    }

    #[test]
    fn todo_placeholders_are_not_descriptions() {
        let cell = parse_cell(
            "**TODO: Add Description** Inherited from [entity](../resources/entity.md)",
            &BTreeMap::new(),
        );
        let cleaned = without_todo(&cell);
        assert_eq!(cleaned.text, "Inherited from entity");
        assert_eq!(cleaned.links[0].target, "../resources/entity.md");
        // Exactly the empty cell a blank one reads as.
        assert_eq!(
            without_todo(&parse_cell("**TODO: Add Description** ", &BTreeMap::new())),
            parse_cell(" ", &BTreeMap::new())
        );
        assert_eq!(
            without_todo(&parse_cell("Plain.", &BTreeMap::new())).text,
            "Plain."
        );
    }

    #[test]
    fn property_names_lose_markup_and_prose_is_refused() {
        let name = |s: &str| property_name(&parse_cell(s, &BTreeMap::new()));
        assert_eq!(name("**id**").as_deref(), Some("id"));
        assert_eq!(name("`displayName`").as_deref(), Some("displayName"));
        assert_eq!(name("size (deprecated)").as_deref(), Some("size"));
        assert_eq!(name("@odata.type").as_deref(), Some("@odata.type"));
        assert_eq!(name(""), None);
        assert_eq!(name("[link](x.md)").as_deref(), Some("link"));
    }

    #[test]
    fn namespace_line_is_read() {
        let f = facts(
            "---\ndoc_type: resourcePageType\n---\n# callRecord resource type\n\nNamespace: microsoft.graph.callRecords\n",
            "resources/callrecords-callrecord.md",
        );
        assert_eq!(f.namespace, "microsoft.graph.callRecords");
        assert_eq!(
            f.resource.unwrap().name,
            "microsoft.graph.callRecords.callRecord"
        );
    }

    #[test]
    fn a_doc_type_copied_from_another_kind_of_page_yields_to_its_blocks() {
        let resource = "# gizmo resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n\
|Property|Type|Description|\n|:--|:--|:--|\n|id|String|Id.|\n\n## JSON representation\n\n\
<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.gizmo\" } -->\n\
```json\n{\"id\": \"String\"}\n```\n";
        let api = "# Update gizmo\n\nNamespace: microsoft.graph\n\n## HTTP request\n\n\
<!-- { \"blockType\": \"ignored\" } -->\n```http\nPATCH /gizmos/{id}\n```\n\n## Example\n\n\
<!-- { \"blockType\": \"request\", \"name\": \"update_gizmo\" } -->\n\
```http\nPATCH https://graph.microsoft.com/v1.0/gizmos/1\n```\n";
        for (doc_type, body, path, kind) in [
            (
                "apiPageType",
                resource,
                "resources/gizmo.md",
                PageKind::Resource,
            ),
            (
                "resourcePageType",
                resource,
                "resources/gizmo.md",
                PageKind::Resource,
            ),
            (
                "resourcePageType",
                api,
                "api/gizmo-update.md",
                PageKind::Api,
            ),
            ("apiPageType", api, "api/gizmo-update.md", PageKind::Api),
        ] {
            let f = facts(&format!("---\ndoc_type: {doc_type}\n---\n{body}"), path);
            assert_eq!(f.kind, kind, "{doc_type} on {path}");
            // And read as that kind: the resource's type, or the operation.
            match kind {
                PageKind::Resource => assert_eq!(
                    f.resource.map(|r| r.name).as_deref(),
                    Some("microsoft.graph.gizmo")
                ),
                _ => assert!(f.operation.is_some(), "{doc_type} on {path}"),
            }
        }
    }
}
