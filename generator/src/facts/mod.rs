//! The `facts` stage: one [`Page`] -> [`PageFacts`], the Graph conventions of a single page.
//!
//! Only what the page itself says; names are not resolved across pages here (that is `schema`).
//! This is the walking skeleton's depth: resource pages and api pages with their tables,
//! annotations and examples. The schema issue deepens it.

use serde::Serialize;

use std::collections::BTreeMap;

use crate::read::inline::parse_cell;
use crate::read::{HttpMessage, Inline, Page, RowKind, Table};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageFacts {
    pub path: String,
    pub kind: PageKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<ResourceFacts>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<OperationFacts>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    Resource,
    Api,
    Enum,
    Other,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResourceFacts {
    /// `microsoft.graph.hostSecurityProfile` from the resource annotation, else the title's name.
    pub name: String,
    pub line: usize,
    pub base: Option<String>,
    pub key: Option<String>,
    pub open: bool,
    pub abstract_: bool,
    pub properties: Vec<PropertyRow>,
    pub relationships: Vec<PropertyRow>,
}

/// One row of a property, relationship or request-body table.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct PropertyRow {
    pub name: String,
    pub type_cell: Inline,
    pub description: Inline,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OperationFacts {
    /// The request example's annotation `name`, else the page file name.
    pub name: String,
    pub line: usize,
    pub method: String,
    pub paths: Vec<String>,
    /// Links in the "Request body" section's text (`supply a JSON representation of [x](x.md)`).
    pub body_links: Vec<String>,
    pub body_rows: Vec<PropertyRow>,
    /// The success status from the Response section (`returns a 200 OK response code`).
    pub status: Option<u16>,
    /// Links in the Response section's text (`... an updated [x](x.md) object`).
    pub response_links: Vec<String>,
    pub description: Option<String>,
    pub example_request: Option<ExampleRequest>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExampleRequest {
    pub line: usize,
    pub method: String,
    pub target: String,
    pub body: Option<serde_json::Value>,
}

pub fn page_facts(page: &Page) -> PageFacts {
    let doc_type = page
        .front_matter
        .as_ref()
        .and_then(|fm| fm.get_str("doc_type"))
        .unwrap_or_default()
        .to_lowercase();
    let kind = if doc_type.starts_with("resourcepagetype") {
        PageKind::Resource
    } else if doc_type.starts_with("apipagetype") {
        PageKind::Api
    } else if doc_type.starts_with("enum") {
        PageKind::Enum
    } else {
        PageKind::Other
    };
    PageFacts {
        path: page.path.clone(),
        kind,
        resource: (kind == PageKind::Resource)
            .then(|| resource_facts(page))
            .flatten(),
        operation: (kind == PageKind::Api)
            .then(|| operation_facts(page))
            .flatten(),
    }
}

/// The heading text a table or paragraph sits under, lower-cased.
fn section_text(page: &Page, section: Option<usize>) -> String {
    section
        .and_then(|s| page.headings.get(s))
        .map(|h| h.text.trim().to_lowercase())
        .unwrap_or_default()
}

/// Heading match by suffix at a word start: "Request body", "hostSecurityProfile properties".
fn section_is(page: &Page, section: Option<usize>, name: &str) -> bool {
    let text = section_text(page, section);
    text == name || text.ends_with(&format!(" {name}"))
}

fn resource_facts(page: &Page) -> Option<ResourceFacts> {
    let annotation = page
        .annotations
        .iter()
        .find(|a| a.get_str("blockType") == Some("resource"));
    let name = annotation
        .and_then(|a| a.get_str("@odata.type").or_else(|| a.get_str("@type")))
        .map(|n| n.trim_start_matches('#').to_owned())
        .or_else(|| {
            let title = page.title.as_deref()?;
            let word = title.split_whitespace().next()?;
            Some(format!("microsoft.graph.{word}"))
        })?;
    let flag = |key: &str| {
        annotation
            .and_then(|a| a.value.as_ref()?.get(key).cloned())
            .is_some_and(|v| v == true || v == "true")
    };
    let string = |key: &str| {
        annotation
            .and_then(|a| a.get_str(key))
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let rows_under = |heading: &str| -> Vec<PropertyRow> {
        page.tables
            .iter()
            .filter(|t| section_is(page, t.section, heading))
            .flat_map(property_rows)
            .collect()
    };
    Some(ResourceFacts {
        name,
        line: annotation.map_or(1, |a| a.line),
        base: string("baseType"),
        key: string("keyProperty"),
        open: flag("openType"),
        abstract_: flag("abstract"),
        properties: rows_under("properties"),
        relationships: rows_under("relationships"),
    })
}

/// Rows of a `name|type|description`-shaped table; other tables give none.
fn property_rows(table: &Table) -> Vec<PropertyRow> {
    let header: Vec<String> = table
        .header
        .iter()
        .map(|c| c.text.trim().to_lowercase())
        .collect();
    let Some(type_col) = header.iter().position(|h| h == "type") else {
        return Vec::new();
    };
    let desc_col = header.iter().position(|h| h == "description");
    table
        .rows
        .iter()
        .filter(|r| r.kind == RowKind::Data && type_col > 0)
        .filter_map(|r| {
            let name = r.cells[0].text.trim().trim_matches('`').trim().to_owned();
            (!name.is_empty()).then(|| PropertyRow {
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

fn operation_facts(page: &Page) -> Option<OperationFacts> {
    let syntax = page.blocks.iter().find(|b| {
        section_is(page, b.section, "http request")
            && matches!(b.http, Some(HttpMessage::Request { .. }))
    })?;
    let Some(HttpMessage::Request { lines, .. }) = &syntax.http else {
        return None;
    };
    let method = lines.first()?.method.clone();
    let paths = lines
        .iter()
        .filter(|l| l.method == method)
        .map(|l| l.target.clone())
        .collect();
    let request_annotation = page
        .annotations
        .iter()
        .find(|a| a.get_str("blockType") == Some("request") && a.block.is_some());
    let stem = page
        .path
        .rsplit('/')
        .next()
        .unwrap_or(&page.path)
        .trim_end_matches(".md")
        .to_owned();
    let name = request_annotation
        .and_then(|a| a.get_str("name"))
        .map(str::to_owned)
        .unwrap_or(stem);
    let example_request = request_annotation
        .and_then(|a| page.blocks.get(a.block?))
        .and_then(|block| match &block.http {
            Some(HttpMessage::Request { lines, .. }) => Some(ExampleRequest {
                line: lines.first()?.line,
                method: lines.first()?.method.clone(),
                target: lines.first()?.target.clone(),
                body: block.json.as_ref().and_then(|j| j.value.clone()),
            }),
            _ => None,
        });
    let links_under = |heading: &str| -> Vec<String> {
        page.paragraphs
            .iter()
            .filter(|p| section_is(page, p.section, heading))
            .flat_map(|p| p.inline.links.iter().map(|l| l.target.clone()))
            .collect()
    };
    let status = page
        .paragraphs
        .iter()
        .filter(|p| section_is(page, p.section, "response"))
        .flat_map(|p| p.inline.code.iter())
        .find_map(|code| code.split_whitespace().next()?.parse::<u16>().ok());
    let description = page
        .paragraphs
        .iter()
        .find(|p| {
            p.section.is_some_and(|s| page.headings[s].level == 1)
                && !p.inline.text.starts_with("Namespace:")
        })
        .map(|p| p.inline.text.clone());
    Some(OperationFacts {
        name,
        line: lines.first()?.line,
        method,
        paths,
        body_links: links_under("request body"),
        body_rows: page
            .tables
            .iter()
            .filter(|t| section_is(page, t.section, "request body"))
            .flat_map(property_rows)
            .collect(),
        status,
        response_links: links_under("response"),
        description,
        example_request,
    })
}

/// A cell without its `**TODO: Add Description**` placeholders, which describe nothing.
fn without_todo(cell: &Inline) -> Inline {
    if !cell.source.contains("**TODO") {
        return cell.clone();
    }
    let mut source = String::new();
    let mut rest = cell.source.as_str();
    while let Some(start) = rest.find("**TODO") {
        source.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        rest = after.find("**").map_or("", |end| &after[end + 2..]);
    }
    source.push_str(rest);
    // Links were resolved already; the cell's own definitions are not needed again.
    let mut cleaned = parse_cell(&source, &BTreeMap::new());
    cleaned.links.retain(|l| !l.unresolved);
    cleaned
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn todo_placeholders_are_not_descriptions() {
        let cell = parse_cell(
            "**TODO: Add Description** Inherited from [entity](../resources/entity.md)",
            &BTreeMap::new(),
        );
        let cleaned = without_todo(&cell);
        assert_eq!(cleaned.text, "Inherited from entity");
        assert_eq!(cleaned.links[0].target, "../resources/entity.md");
        assert_eq!(
            without_todo(&parse_cell("**TODO: Add Description**", &BTreeMap::new())).text,
            ""
        );
        assert_eq!(
            without_todo(&parse_cell("Plain.", &BTreeMap::new())).text,
            "Plain."
        );
    }
}
