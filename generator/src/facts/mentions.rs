//! Graph paths a page names outside any HTTP syntax block: URL-shaped code spans in prose and
//! tables (`/teams/getAllMessages`, `GET /users/delta`), and `https://graph.microsoft.com/...`
//! strings inside example JSON (`"resourceLocation": ".../workbook/sessionInfoResource(key='{key}')"`).
//!
//! Only the page's own text is read; what the paths address is decided in `schema`.

use serde::Serialize;

use crate::read::{Inline, Page, RowKind};

/// The service root a page may write before a path.
pub(crate) const SERVICE_ROOT: &str = "https://graph.microsoft.com";

/// A path a page names, as written (service root and version removed, query kept out).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct PathMention {
    /// `/teams/getAllMessages`.
    pub path: String,
    /// The method written before the path (`GET /users/delta`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    pub line: usize,
}

/// Every path the page names in prose, tables and example JSON strings, in page order.
pub fn path_mentions(page: &Page) -> Vec<PathMention> {
    let mut out = Vec::new();
    for p in &page.paragraphs {
        spans(&p.inline, p.line, &mut out);
    }
    for table in &page.tables {
        for row in table.rows.iter().filter(|r| r.kind == RowKind::Data) {
            for cell in &row.cells {
                spans(cell, row.line, &mut out);
            }
        }
    }
    for block in &page.blocks {
        // JSON strings only: a block's request line is the operation's own path, and code
        // samples in other languages build URLs out of pieces.
        let json = matches!(block.lang.as_deref(), Some("json" | "http")) || block.http.is_some();
        if json {
            json_urls(&block.text, block.content_line, &mut out);
        }
    }
    out
}

/// The URL-shaped code spans of one inline, each at the line the span starts on.
fn spans(inline: &Inline, line: usize, out: &mut Vec<PathMention>) {
    let mut from = 0;
    for code in &inline.code {
        // The span's place in the source gives its line; a span the source spells otherwise
        // (escapes) counts from the last one found.
        let found = super::find(&inline.source[from..], code).map(|i| from + i);
        let at = found.unwrap_or(from);
        let line = line + inline.source[..at].matches('\n').count();
        if found.is_some() {
            from = at + code.len();
        }
        let text = code.trim();
        let (method, target) = match text.split_once(' ') {
            Some((m, rest)) if is_method(m) => (Some(m.to_owned()), rest.trim()),
            _ => (None, text),
        };
        if let Some(path) = graph_path(target) {
            out.push(PathMention { path, method, line });
        }
    }
}

/// Finds the opening quote of a string on the service root: built once, since every JSON
/// block of every page is searched.
static QUOTED_ROOT: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| {
        memchr::memmem::Finder::new(&format!("\"{SERVICE_ROOT}/")).into_owned()
    });

/// `"https://graph.microsoft.com/v1.0/..."` string literals of a JSON text.
fn json_urls(text: &str, first_line: usize, out: &mut Vec<PathMention>) {
    // The line of a string: line feeds are counted on from the last string's start.
    let (mut from, mut line, mut counted) = (0, first_line, 0);
    while let Some(i) = QUOTED_ROOT.find(&text.as_bytes()[from..]) {
        let start = from + i + 1;
        let end = text[start..]
            .find(['"', '\n'])
            .map_or(text.len(), |e| start + e);
        from = end;
        if text[end..].starts_with('\n') {
            continue;
        }
        line += memchr::memchr_iter(b'\n', &text.as_bytes()[counted..start]).count();
        counted = start;
        if let Some(path) = graph_path(&text[start..end]) {
            out.push(PathMention {
                path,
                method: None,
                line,
            });
        }
    }
}

fn is_method(word: &str) -> bool {
    matches!(word, "GET" | "POST" | "PATCH" | "PUT" | "DELETE")
}

/// `target` without the service root and the API version a page may write before a path
/// (`https://graph.microsoft.com/v1.0/me?$top=2` -> `/me?$top=2`, `/beta/me` -> `/me`);
/// anything else as it is.
pub(crate) fn without_service_root(target: &str) -> &str {
    let rest = target.strip_prefix(SERVICE_ROOT).unwrap_or(target);
    ["/v1.0", "/beta"]
        .iter()
        .find_map(|v| {
            rest.strip_prefix(v)
                .filter(|r| r.is_empty() || r.starts_with(['/', '?']))
        })
        .unwrap_or(rest)
}

/// A Graph path (`/a/b`, or a URL on the service root) without root, version and query; `None`
/// for anything else (a file path with spaces, a relative name, another host).
fn graph_path(text: &str) -> Option<String> {
    let path = without_service_root(text);
    if !path.starts_with('/') || path.starts_with("//") {
        return None;
    }
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let path = path.trim_end_matches('/');
    let shaped = path.len() > 1
        && !path.contains(char::is_whitespace)
        && !path.contains("//")
        && !path.ends_with(".md");
    shaped.then(|| path.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_urls_are_found_at_their_lines() {
        let text = "{\n  \"a\": \"https://graph.microsoft.com/v1.0/me/x\",\n\n  \
                    \"b\": \"https://graph.microsoft.com/beta/users/y?$top=1\",\n  \
                    \"c\": \"https://graph.microsoft.com/v1.0/cut\n\"\n}";
        let mut out = Vec::new();
        json_urls(text, 10, &mut out);
        let found: Vec<_> = out.iter().map(|m| (m.path.as_str(), m.line)).collect();
        assert_eq!(found, [("/me/x", 11), ("/users/y", 13)]);
    }

    #[test]
    fn a_path_loses_root_version_and_query() {
        assert_eq!(
            graph_path("https://graph.microsoft.com/v1.0/me/messages?$top=2").as_deref(),
            Some("/me/messages")
        );
        assert_eq!(
            graph_path("/teams/getAllMessages").as_deref(),
            Some("/teams/getAllMessages")
        );
        assert_eq!(graph_path("https://contoso.com/a"), None);
        assert_eq!(graph_path("https://graph.microsoft.com/v1.0"), None);
        assert_eq!(graph_path("/beta/me/").as_deref(), Some("/me"));
        assert_eq!(graph_path("teams"), None);
        assert_eq!(graph_path("/"), None);
    }
}
