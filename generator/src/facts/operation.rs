//! API pages: the syntax block's request lines, parameter and body tables, the Response section's
//! status and type, and the examples with their annotations.

use serde::Serialize;

use super::{PropertyRow, Sections, header, property_rows, section_links};
use crate::read::{Annotation, HttpMessage, JsonBody, Link, Page, RequestLine};

/// A parameter row (path, function or query parameter) has the property row's shape.
pub type ParameterRow = PropertyRow;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OperationFacts {
    /// The file name without `.md` (`hostsecurityprofile-update`).
    pub stem: String,
    pub title: String,
    pub line: usize,
    /// The operation's method: of several in the syntax, the one the file name names or the
    /// request examples send most, else the first request line's.
    pub method: String,
    /// Every syntax path with that method, as written, from every block of the "HTTP request"
    /// section (prose between blocks allowed).
    pub paths: Vec<String>,
    /// The line of each of `paths`.
    #[serde(skip)]
    pub path_lines: Vec<usize>,
    /// The syntax's paths with each other method (`PATCH` an existing item beside `POST` a new
    /// one): a request of their own each, in the order the syntax first writes them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_methods: Vec<MethodPaths>,
    /// Syntax paths that cannot belong to this operation, with why (reported by the schema).
    pub other_paths: Vec<DroppedPath>,
    pub path_parameters: Vec<ParameterRow>,
    /// Rows of "Function parameters" (and parameter tables under "Parameters").
    pub function_parameters: Vec<ParameterRow>,
    pub query_parameters: Vec<ParameterRow>,
    /// `$select`, `$filter`, ... named in the "Optional query parameters" section.
    pub query_options: Vec<String>,
    pub headers: Vec<String>,
    pub body_rows: Vec<PropertyRow>,
    /// A request-body table that lists the members of the one value the request example sends
    /// (`{"passwordCredential": {...}}` under rows `displayName`, `endDateTime`), not the body's:
    /// its rows are here, not in `body_rows`.
    pub value_members: Option<ValueMembers>,
    /// Links in the "Request body" section's text (`supply a JSON representation of [x](x.md)`).
    pub body_links: Vec<Link>,
    /// The "Request body" section's text and its first paragraph's line (where its links are).
    pub body_text: String,
    pub body_line: Option<usize>,
    /// The success status named in the Response section (`returns a 200 OK response code`).
    pub status: Option<u16>,
    /// Links in the Response section's text (`... an updated [x](x.md) object`).
    pub response_links: Vec<Link>,
    /// The Response section's text, for "collection" and "object" wording.
    pub response_text: String,
    pub description: String,
    pub examples: Vec<ExampleMessage>,
    /// The page offers `Prefer: return=representation` (a header row, its prose or a request
    /// example): the response then carries the entity instead of no content.
    pub prefer_representation: bool,
    /// The file name with the page's own word boundaries (`schema::op_names`), worked out once
    /// (the schema stage asks several times) and early, on the reading threads. The request of
    /// each method of the page's syntax (`own_method`, `with_method`) holds the page's readable
    /// name instead, which `op_names::readable_name` leaves as it is.
    #[serde(skip)]
    pub readable_stem: Memo,
}

/// A text worked out once from the rest of the facts, on first use. It follows from them, so
/// it takes no part in comparing facts.
#[derive(Debug, Clone, Default)]
pub struct Memo(std::sync::OnceLock<String>);

impl Memo {
    /// A memo that already holds `text`.
    pub fn holding(text: String) -> Self {
        let memo = Memo::default();
        let _ = memo.0.set(text);
        memo
    }

    pub fn get_or_init(&self, f: impl FnOnce() -> String) -> &str {
        self.0.get_or_init(f)
    }
}

impl PartialEq for Memo {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// The rows of a request-body table that lists the members of the one value the request example
/// sends (`value_members`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValueMembers {
    /// The one key the request example sends (`passwordCredential`, `value`).
    pub key: String,
    /// Its value is an array of objects with the rows' members, not one.
    pub array: bool,
    /// Where the example's JSON starts.
    pub example_line: usize,
    pub rows: Vec<PropertyRow>,
}

/// Where the request-body table lists not the body's members but those of the one value the
/// request example sends (`{"passwordCredential": {"displayName": ...}}` under a table of
/// `displayName`, `endDateTime`; `{"value": [{"id": ...}]}` under one of `id`): that key, whether
/// its value is an array of such objects, and the example's line. The example names no row
/// itself, and every key of its value (of each item) is a row.
fn value_members(
    rows: &[PropertyRow],
    examples: &[ExampleMessage],
) -> Option<(String, bool, usize)> {
    if rows.is_empty() {
        return None;
    }
    let listed = |key: &str| rows.iter().any(|r| r.name.eq_ignore_ascii_case(key));
    let fits = |object: &serde_json::Map<String, serde_json::Value>| {
        !object.is_empty() && object.keys().all(|k| k.contains('@') || listed(k))
    };
    examples.iter().filter(|e| e.request).find_map(|e| {
        let body = e.body.as_ref()?.as_object()?;
        let mut keys = body.keys().filter(|k| !k.contains('@'));
        let (key, None) = (keys.next()?, keys.next()) else {
            return None;
        };
        if listed(key) {
            return None;
        }
        let array = match &body[key] {
            serde_json::Value::Object(o) => fits(o).then_some(false),
            serde_json::Value::Array(items) => (!items.is_empty()
                && items.iter().all(|i| i.as_object().is_some_and(fits)))
            .then_some(true),
            _ => None,
        }?;
        let line = e.body_source.as_ref().map_or(e.line, |s| s.line);
        Some((key.clone(), array, line))
    })
}

/// The syntax paths of one method other than the operation's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MethodPaths {
    pub method: String,
    /// The line of the first of them.
    pub line: usize,
    /// As written, each once.
    pub paths: Vec<String>,
    /// The line of each of `paths`.
    #[serde(skip)]
    pub lines: Vec<usize>,
}

/// A syntax path left out of the operation, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DroppedPath {
    pub line: usize,
    pub target: String,
    pub reason: String,
}

/// The syntax blocks: every HTTP request block under an "HTTP request" heading (or a heading
/// below one); else the first block annotated `ignored`, for pages whose
/// syntax block sits under another heading.
fn syntax_blocks<'p>(page: &'p Page, sections: &Sections) -> Vec<&'p crate::read::CodeBlock> {
    let under_http_request = |section: Option<usize>| {
        let mut current = section;
        // The heading tree is finite and parents precede children; the bound guards a cycle.
        for _ in 0..page.headings.len().max(1) {
            let Some(s) = current else { return false };
            if sections.is(Some(s), "http request") || names_http_request(sections.text(Some(s))) {
                return true;
            }
            current = page.headings.get(s).and_then(|h| h.parent);
        }
        false
    };
    let block_type = |b: &crate::read::CodeBlock| {
        b.annotation
            .and_then(|a| page.annotations.get(a))
            .and_then(|a| a.get_str("blockType"))
    };
    let requests = || {
        page.blocks
            .iter()
            .filter(|b| matches!(b.http, Some(HttpMessage::Request { .. })))
    };
    // Blocks annotated as request examples count too: some pages (drive-get) show one example
    // per path under each "HTTP request" heading instead of a syntax block.
    let in_section: Vec<_> = requests()
        .filter(|b| under_http_request(b.section))
        .collect();
    if !in_section.is_empty() {
        return in_section;
    }
    // No "HTTP request" heading: the first `ignored` block and, on a page that has one, the
    // blocks without annotation that write relative paths before the first request example
    // (site-get: a heading per way to address a site, "Access a group team site" with
    // `GET /groups/{group-id}/sites/root`). Examples write whole URLs, or follow the first one.
    let first_example = page
        .blocks
        .iter()
        .filter(|b| block_type(b) == Some("request"))
        .map(|b| b.line)
        .min();
    let first_ignored = requests().find(|b| block_type(b) == Some("ignored"));
    let Some(first_ignored) = first_ignored else {
        return Vec::new();
    };
    let relative = |b: &crate::read::CodeBlock| match &b.http {
        Some(HttpMessage::Request { lines, .. }) => lines.iter().all(|l| l.target.starts_with('/')),
        _ => false,
    };
    requests()
        .filter(|b| {
            std::ptr::eq(*b, first_ignored)
                || (b.annotation.is_none()
                    && b.tab.is_none()
                    && relative(b)
                    && first_example.is_none_or(|line| b.line < line))
        })
        .collect()
}

/// "HTTP requests", and "HTTP request (to upload a new file)" beside "HTTP request (to replace an
/// existing item)": a page that splits its syntax by purpose says so after the name.
fn names_http_request(heading: &str) -> bool {
    let rest = heading
        .strip_prefix("http requests")
        .or_else(|| heading.strip_prefix("http request"));
    rest.is_some_and(|rest| rest.is_empty() || rest.starts_with(" (") || rest.starts_with(" for "))
}

/// A request or response example, with its annotation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExampleMessage {
    pub line: usize,
    /// The line of the annotation comment before the example.
    pub annotation_line: usize,
    pub request: bool,
    /// Annotation `name` (a string, or each entry of an array).
    pub names: Vec<String>,
    /// Request method and target, or response status.
    pub method: Option<String>,
    pub target: Option<String>,
    pub status: Option<u16>,
    /// Annotation `@odata.type` (response type), without `#`.
    pub odata_type: Option<String>,
    pub is_collection: bool,
    pub truncated: bool,
    pub body: Option<serde_json::Value>,
    /// Where the body's JSON starts, and its text when it is valid JSON as written.
    #[serde(skip)]
    pub body_source: Option<JsonSource>,
    /// A request that sends a body which is no JSON (`<bytes 0-25 of the file>`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sends_text: bool,
    /// The annotation's `opaqueUrl`: the request goes to a URL the service handed out (an
    /// upload session's `uploadUrl`), not to a Graph path.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub opaque_url: bool,
    /// The request's header names, as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<String>,
    /// A response's `Location` header: the URL of what the request created or started (a
    /// long-running operation), which the response body often is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// A response of a status line and headers alone: no body text, and no `Content-Type`
    /// header announcing one (an example cut short keeps its `Content-Type`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub status_only: bool,
}

impl ExampleMessage {
    /// A request to a URL the service handed out rather than to a Graph path: its annotation
    /// says so (`"opaqueUrl": true`), or it names another host.
    pub fn calls_url(&self) -> bool {
        let Some(target) = self.target.as_deref().map(str::trim) else {
            return false;
        };
        self.request
            && docgen_runtime::is_whole_url(target)
            && (self.opaque_url || !target.starts_with("https://graph.microsoft.com/"))
    }
}

impl OperationFacts {
    /// The page's examples of its own operation: without the requests to a URL the service
    /// hands out (operations of their own) and the responses shown after them.
    pub fn own_examples(&self) -> impl Iterator<Item = &ExampleMessage> {
        let mut own = true;
        self.examples.iter().filter(move |e| {
            if e.request {
                own = !e.calls_url();
            }
            own
        })
    }

    /// The method of the operation a request example sent with `sent` belongs to: one of the
    /// syntax's other methods when it is that, else the operation's (an example sending a
    /// method the syntax does not write is the page's error, read as the operation's).
    pub fn method_sent(&self, sent: Option<&str>) -> &str {
        sent.and_then(|sent| {
            self.other_methods
                .iter()
                .find(|m| m.method.eq_ignore_ascii_case(sent.trim()))
        })
        .map_or(self.method.as_str(), |m| m.method.as_str())
    }

    /// For each example, the method of the operation it belongs to: a request's by
    /// [`OperationFacts::method_sent`], a response that of the request shown before it.
    pub fn example_methods(&self) -> impl Iterator<Item = (&ExampleMessage, &str)> {
        let mut current = self.method.as_str();
        self.examples.iter().map(move |e| {
            if e.request {
                current = self.method_sent(e.method.as_deref());
            }
            (e, current)
        })
    }

    /// The examples of the operation with `method` ([`OperationFacts::example_methods`]).
    pub fn examples_of<'a>(&'a self, method: &'a str) -> impl Iterator<Item = &'a ExampleMessage> {
        self.example_methods()
            .filter(move |(_, m)| *m == method)
            .map(|(e, _)| e)
    }

    /// The facts of the request with the syntax's other method `other`: its paths and line,
    /// its examples only; the page's tables and prose stay, as they describe both. `stem` is
    /// the page's readable file name, which the other request shares.
    pub fn with_method(&self, other: &MethodPaths, stem: String) -> Self {
        OperationFacts {
            line: other.line,
            method: other.method.clone(),
            paths: other.paths.clone(),
            path_lines: other.lines.clone(),
            other_methods: Vec::new(),
            other_paths: Vec::new(),
            examples: self.examples_of(&other.method).cloned().collect(),
            readable_stem: Memo::holding(stem),
            ..self.clone()
        }
    }

    /// The facts of the operation's own method, without the examples of the syntax's other
    /// methods ([`OperationFacts::with_method`] has those).
    pub fn own_method(&self, stem: String) -> Self {
        OperationFacts {
            examples: self.examples_of(&self.method).cloned().collect(),
            readable_stem: Memo::holding(stem),
            ..self.clone()
        }
    }

    /// [`OperationFacts::own_examples`] of the operation with `method`
    /// ([`OperationFacts::example_methods`]).
    pub fn own_examples_of<'a>(
        &'a self,
        method: &'a str,
    ) -> impl Iterator<Item = &'a ExampleMessage> {
        let mut own = true;
        self.example_methods()
            .filter(move |(e, m)| {
                if e.request {
                    own = !e.calls_url();
                }
                own && *m == method
            })
            .map(|(e, _)| e)
    }

    /// The same facts with only [`OperationFacts::own_examples`].
    pub fn without_url_requests(&self) -> Self {
        OperationFacts {
            examples: self.own_examples().cloned().collect(),
            ..self.clone()
        }
    }
}

/// A JSON body's first line on its page and, when it parses as written, its text: an example
/// test that embeds that text reports a failure at the page's own line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonSource {
    pub line: usize,
    /// `JsonBody::indent`: a column in the text plus this is the page's.
    pub indent: usize,
    pub strict_text: Option<String>,
}

impl JsonSource {
    /// The source of `json`, its text moved out of the page unless `shared` (another example
    /// reads the same block).
    pub fn take(json: &mut JsonBody, shared: bool) -> Self {
        let strict = json.mode == crate::read::JsonMode::Strict;
        JsonSource {
            line: json.line,
            indent: json.indent,
            strict_text: strict.then(|| {
                if shared {
                    json.text.clone()
                } else {
                    std::mem::take(&mut json.text)
                }
            }),
        }
    }
}

/// Moves the JSON of the page's examples into `op`, the facts [`operation_facts`] read from
/// the page, which is read no more: copying every body was much of the cost of reading an api
/// page. A block that two annotations describe is copied for all but the last.
pub fn move_bodies(op: &mut OperationFacts, page: &mut Page) {
    let blocks: Vec<usize> = example_blocks(page).map(|(_, _, b)| b).collect();
    for (k, (example, &block)) in op.examples.iter_mut().zip(&blocks).enumerate() {
        let shared = blocks[k + 1..].contains(&block);
        let Some(json) = page.blocks[block].json.as_mut() else {
            continue;
        };
        example.body_source = Some(JsonSource::take(json, shared));
        example.body = if shared {
            json.value.clone()
        } else {
            json.value.take()
        };
    }
    // With the bodies in place, the table can be weighed against what the examples send.
    if let Some((key, array, example_line)) = value_members(&op.body_rows, &op.examples) {
        op.value_members = Some(ValueMembers {
            key,
            array,
            example_line,
            rows: std::mem::take(&mut op.body_rows),
        });
    }
}

/// A syntax line's target as a path of the service: the service root and version some pages
/// write (`GET https://graph.microsoft.com/v1.0/sites/{site-id}/lists`) go, and a path written
/// without its leading `/` (`GET policies/claimsMappingPolicies`) gains it. A URL of another
/// host (an upload URL the service hands out) stays whole.
fn syntax_path(target: &str) -> String {
    let path = super::mentions::without_service_root(target.trim());
    // Only what reads as a path: not a URL, nor the stubs' `** Collection URI ... not found`.
    let bare_path = path.starts_with(|c: char| c.is_ascii_alphanumeric())
        && !path.contains(char::is_whitespace)
        && !docgen_runtime::is_whole_url(path);
    if bare_path || path.is_empty() {
        format!("/{path}")
    } else {
        path.to_owned()
    }
}

pub fn operation_facts(page: &Page, sections: &Sections) -> Option<OperationFacts> {
    let syntax = syntax_blocks(page, sections);
    let request_lines = |b: &&crate::read::CodeBlock| match &b.http {
        Some(HttpMessage::Request { lines, .. }) => Some(
            lines
                .iter()
                .map(|l| RequestLine {
                    target: syntax_path(&l.target),
                    ..l.clone()
                })
                .collect::<Vec<_>>(),
        ),
        _ => None,
    };
    let lines: Vec<RequestLine> = syntax.iter().filter_map(request_lines).flatten().collect();
    let first = lines.first()?;
    let stem = page
        .path
        .rsplit('/')
        .next()
        .unwrap_or(&page.path)
        .trim_end_matches(".md")
        .to_owned();
    let examples = examples(page);
    let method = named_method(&lines, &stem)
        .or_else(|| sent_method(&lines, &examples))
        .unwrap_or_else(|| first.method.clone());
    let mut paths: Vec<String> = Vec::new();
    let mut path_lines: Vec<usize> = Vec::new();
    let mut other_paths: Vec<DroppedPath> = Vec::new();
    // One request type has one method; a page documenting two (POST a new item, PATCH an
    // existing one) has a request of each, the operation's method first.
    let mut other_methods: Vec<MethodPaths> = Vec::new();
    for line in &lines {
        if line.method == method {
            if !paths.contains(&line.target) {
                paths.push(line.target.clone());
                path_lines.push(line.line);
            }
            continue;
        }
        let at = match other_methods.iter().position(|m| m.method == line.method) {
            Some(at) => at,
            None => {
                other_methods.push(MethodPaths {
                    method: line.method.clone(),
                    line: line.line,
                    paths: Vec::new(),
                    lines: Vec::new(),
                });
                other_methods.len() - 1
            }
        };
        let other = &mut other_methods[at];
        if !other.paths.contains(&line.target) {
            other.paths.push(line.target.clone());
            other.lines.push(line.line);
        }
    }
    // The operation's line is its own method's first.
    let line = lines
        .iter()
        .find(|l| l.method == method)
        .map_or(first.line, |l| l.line);
    if let Some(renamed) = named_by_example(&paths, &stem, &examples) {
        for (line, target) in lines
            .iter()
            .filter(|l| l.method == method)
            .map(|l| (l.line, &l.target))
        {
            other_paths.push(DroppedPath {
                line,
                target: target.clone(),
                reason: format!(
                    "the page's file name and its request example call `{}`, not `{}`: the \
                     operation calls this path with `{0}`",
                    last_segment(&renamed[0]),
                    last_segment(target),
                ),
            });
        }
        paths = renamed;
    }
    let rows_under = |names: &[&str]| -> Vec<PropertyRow> {
        page.tables
            .iter()
            .filter(|t| names.iter().any(|n| sections.is(t.section, n)))
            .flat_map(property_rows)
            .collect()
    };
    let headers = page
        .tables
        .iter()
        .filter(|t| sections.text(t.section).contains("header"))
        .filter(|t| {
            header(t)
                .first()
                .is_some_and(|h| h == "name" || h == "header")
        })
        .flat_map(|t| t.rows.iter().map(|r| r.cells[0].text.trim().to_owned()))
        .filter(|h| !h.is_empty())
        .collect();
    let query_options = query_options(page, sections);
    let response_text = page
        .paragraphs
        .iter()
        .filter(|p| sections.is(p.section, "response"))
        .map(|p| p.inline.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let body_paragraphs: Vec<_> = page
        .paragraphs
        .iter()
        .filter(|p| sections.is(p.section, "request body"))
        .collect();
    let body_text = body_paragraphs
        .iter()
        .map(|p| p.inline.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let body_line = body_paragraphs.first().map(|p| p.line);
    let status = page
        .paragraphs
        .iter()
        .filter(|p| sections.is(p.section, "response"))
        .flat_map(|p| p.inline.code.iter())
        .find_map(|code| {
            let n = code.split_whitespace().next()?;
            (n.len() == 3).then(|| n.parse::<u16>().ok()).flatten()
        });
    Some(OperationFacts {
        readable_stem: Memo::default(),
        title: page.title.clone().unwrap_or_default(),
        line,
        method,
        paths,
        path_lines,
        other_methods,
        other_paths,
        path_parameters: rows_under(&["path parameters"]),
        function_parameters: rows_under(&["function parameters", "parameters"]),
        query_parameters: rows_under(&["query parameters"]),
        query_options,
        headers,
        body_rows: rows_under(&["request body"]),
        value_members: None,
        body_links: section_links(page, sections, "request body")
            .into_iter()
            .cloned()
            .collect(),
        body_text,
        body_line,
        status,
        response_links: section_links(page, sections, "response")
            .into_iter()
            .cloned()
            .collect(),
        response_text,
        description: super::introduction(page),
        examples,
        prefer_representation: offers_representation(page),
        stem,
    })
}

/// The action an api page's file name names: its last word (`driveitem-unfollow` -> `unfollow`,
/// `nameditem-addformulalocal` -> `addformulalocal`), lower-cased.
fn stem_action(stem: &str) -> String {
    stem.rsplit('-').next().unwrap_or(stem).to_lowercase()
}

/// A path's last segment without its query or call arguments (`.../range(address='A1')` ->
/// `range`).
fn last_segment(target: &str) -> &str {
    let path = target
        .split('?')
        .next()
        .unwrap_or(target)
        .trim_end_matches('/');
    let last = path.rsplit('/').next().unwrap_or(path);
    last.split('(').next().unwrap_or(last)
}

/// A syntax block with several methods is read as the method of the lines that call the action
/// the page's file name names, where the first method's lines do not
/// (`driveitem-unfollow`: `DELETE /me/drive/following/{item-id}` and
/// `POST /me/drive/items/{item-id}/unfollow`: the page is about `unfollow`).
fn named_method(lines: &[RequestLine], stem: &str) -> Option<String> {
    let action = stem_action(stem);
    let names_it = |l: &&RequestLine| last_segment(&l.target).eq_ignore_ascii_case(&action);
    let first = &lines.first()?.method;
    let by_first = lines
        .iter()
        .filter(|l| &l.method == first)
        .any(|l| names_it(&l));
    if by_first {
        return None;
    }
    lines.iter().find(names_it).map(|l| l.method.clone())
}

/// Of a syntax block's several methods (`PATCH` and `PUT /me/photo/$value`), the one the page's
/// request examples send most, where they send one of them and it is not the first: what the
/// page shows being done. Ties keep the earlier method in the block.
fn sent_method(lines: &[RequestLine], examples: &[ExampleMessage]) -> Option<String> {
    let mut methods: Vec<(&str, usize)> = Vec::new();
    for line in lines {
        if !methods.iter().any(|(m, _)| *m == line.method) {
            methods.push((&line.method, 0));
        }
    }
    if methods.len() < 2 {
        return None;
    }
    for sent in examples.iter().filter_map(|e| e.method.as_deref()) {
        if let Some((_, n)) = methods
            .iter_mut()
            .find(|(m, _)| m.eq_ignore_ascii_case(sent))
        {
            *n += 1;
        }
    }
    let most = methods.iter().map(|(_, n)| *n).max()?;
    let (method, _) = methods.iter().find(|(_, n)| *n == most)?;
    (most > 0).then(|| (*method).to_owned())
}

/// Syntax paths that all call one action while the page's file name and its first request
/// example call another, in the same place (`nameditem-addformulalocal`: syntax
/// `.../names/add`, example `.../names/addFormulaLocal`): the syntax was copied from the sibling
/// page, and the paths with the example's action are the page's.
fn named_by_example(
    paths: &[String],
    stem: &str,
    examples: &[ExampleMessage],
) -> Option<Vec<String>> {
    let action = stem_action(stem);
    let example = examples.iter().find(|e| e.request)?.target.as_deref()?;
    let example_path = example
        .split('?')
        .next()
        .unwrap_or(example)
        .trim_end_matches('/');
    let called = last_segment(example_path);
    let plain = |s: &str| s.chars().all(|c| c.is_ascii_alphanumeric());
    let raw_last = example_path.rsplit('/').next().unwrap_or(example_path);
    if !called.eq_ignore_ascii_case(&action) || !plain(called) || raw_last != called {
        return None;
    }
    let parent = |p: &str| {
        let p = p.split('?').next().unwrap_or(p).trim_end_matches('/');
        let before = p.rsplit_once('/')?.0;
        Some(before.rsplit('/').next().unwrap_or(before).to_owned())
    };
    let example_parent = parent(example_path)?;
    let syntax_action = last_segment(paths.first()?);
    let same_action = paths.iter().all(|p| {
        last_segment(p) == syntax_action
            && !p.contains('?')
            && !p.trim_end_matches('/').ends_with(')')
    });
    let same_place = paths
        .iter()
        .all(|p| parent(p).as_deref() == Some(example_parent.as_str()));
    if !same_action
        || !same_place
        || !plain(syntax_action)
        || syntax_action.eq_ignore_ascii_case(called)
    {
        return None;
    }
    Some(
        paths
            .iter()
            .map(|p| {
                let p = p.trim_end_matches('/');
                format!("{}/{called}", &p[..p.len() - syntax_action.len() - 1])
            })
            .collect(),
    )
}

/// `return=representation` anywhere the page can offer it: a table cell, a paragraph or a block.
fn offers_representation(page: &Page) -> bool {
    const PREFERENCE: &str = "return=representation";
    // Asked of every cell of every api page: one searcher for all of them.
    let finder = memchr::memmem::Finder::new(PREFERENCE);
    let has = |text: &str| finder.find(text.as_bytes()).is_some();
    page.tables
        .iter()
        .flat_map(|t| &t.rows)
        .flat_map(|r| &r.cells)
        .any(|c| has(&c.text))
        || page.paragraphs.iter().any(|p| has(&p.inline.text))
        || page.blocks.iter().any(|b| match &b.http {
            Some(HttpMessage::Request { headers, .. }) => headers
                .iter()
                .any(|h| h.name.eq_ignore_ascii_case("prefer") && h.value.contains(PREFERENCE)),
            _ => false,
        })
}

/// `$select`, `$filter`, ... in the query-parameter section's text and tables.
fn query_options(page: &Page, sections: &Sections) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let in_section = |s: Option<usize>| sections.text(s).contains("query parameters");
    let mut add = |word: &str| {
        let word = word.trim_matches(|c: char| !(c.is_ascii_alphanumeric() || c == '$'));
        if word.starts_with('$') && word.len() > 1 && !out.iter().any(|o| o == word) {
            out.push(word.to_owned());
        }
    };
    for p in page.paragraphs.iter().filter(|p| in_section(p.section)) {
        for code in &p.inline.code {
            add(code);
        }
        for word in p.inline.text.split_whitespace() {
            add(word);
        }
    }
    for t in page.tables.iter().filter(|t| in_section(t.section)) {
        for r in &t.rows {
            add(&r.cells[0].text);
        }
    }
    out.sort();
    out
}

/// The annotated request and response blocks of a page, in page order: (annotation, whether it
/// is a request, the block's index).
fn example_blocks(page: &Page) -> impl Iterator<Item = (&Annotation, bool, usize)> {
    page.annotations.iter().filter_map(|annotation| {
        let request = match annotation.get_str("blockType") {
            Some("request") => true,
            Some("response") => false,
            _ => return None,
        };
        let block = annotation.block.filter(|&b| b < page.blocks.len())?;
        Some((annotation, request, block))
    })
}

/// The examples without their JSON, which [`move_bodies`] brings.
fn examples(page: &Page) -> Vec<ExampleMessage> {
    let mut out = Vec::new();
    for (annotation, request, block) in example_blocks(page) {
        let block = &page.blocks[block];
        let value = annotation.value.as_ref();
        let names = match value.and_then(|v| v.get("name")) {
            Some(serde_json::Value::String(s)) => vec![s.clone()],
            Some(serde_json::Value::Array(a)) => a
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            _ => Vec::new(),
        };
        let truthy = |key: &str| {
            value
                .and_then(|v| v.get(key))
                .is_some_and(|v| v == true || v == "true")
        };
        let (method, target, status) = match &block.http {
            Some(HttpMessage::Request { lines, .. }) => (
                lines.first().map(|l| l.method.clone()),
                lines.first().map(|l| l.target.clone()),
                None,
            ),
            Some(HttpMessage::Response { status, .. }) => (None, None, Some(*status)),
            None => (None, None, None),
        };
        let no_body = block.json.as_ref().and_then(|j| j.value.as_ref()).is_none();
        let (headers, sends_text) = match &block.http {
            Some(HttpMessage::Request {
                headers,
                body: text,
                ..
            }) if request => (
                headers.iter().map(|h| h.name.clone()).collect(),
                no_body && text.as_ref().is_some_and(|b| !b.text.trim().is_empty()),
            ),
            _ => (Vec::new(), false),
        };
        let location = match &block.http {
            Some(HttpMessage::Response { headers, .. }) => headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case("location"))
                .map(|h| h.value.trim().to_owned())
                .filter(|v| !v.is_empty()),
            _ => None,
        };
        let status_only = match &block.http {
            Some(HttpMessage::Response { headers, body, .. }) => {
                body.as_ref().is_none_or(|b| b.text.trim().is_empty())
                    && !headers
                        .iter()
                        .any(|h| h.name.eq_ignore_ascii_case("content-type"))
            }
            _ => false,
        };
        out.push(ExampleMessage {
            line: block.content_line,
            annotation_line: annotation.line,
            request,
            names,
            method,
            target,
            status,
            odata_type: annotation
                .get_str("@odata.type")
                .or_else(|| annotation.get_str("@type"))
                .map(|t| t.trim_start_matches('#').to_owned()),
            is_collection: truthy("isCollection"),
            truncated: truthy("truncated"),
            body: None,
            body_source: None,
            sends_text,
            opaque_url: truthy("opaqueUrl"),
            headers,
            location,
            status_only,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::facts;

    #[test]
    fn seed_like_page_gives_method_paths_body_and_response() {
        let page = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../docs-input/api/hostsecurityprofile-update.md"),
        )
        .unwrap();
        let op = facts(&page, "api/hostsecurityprofile-update.md")
            .operation
            .unwrap();
        assert_eq!(op.stem, "hostsecurityprofile-update");
        assert_eq!(op.method, "PATCH");
        assert_eq!(
            op.paths,
            ["/Security/hostSecurityProfiles/{hostSecurityProfileId}"]
        );
        assert_eq!(op.body_rows.len(), 19);
        assert_eq!(op.status, Some(200));
        assert_eq!(
            op.response_links[0].target,
            "../resources/hostsecurityprofile.md"
        );
        assert_eq!(op.headers, ["Authorization"]);
        assert_eq!(op.examples.len(), 2);
        assert_eq!(op.examples[0].names, ["update_hostsecurityprofile"]);
        assert!(op.examples[1].truncated && op.examples[1].status == Some(200));
    }

    #[test]
    fn examples_that_share_a_block_each_get_its_body() {
        let page = "# Update gizmo\n\n## HTTP request\n```http\nPATCH /gizmos/{id}\n```\n\n\
                    ## Example\n<!-- { \"blockType\": \"request\", \"name\": \"a\" } -->\n\
                    <!-- { \"blockType\": \"request\", \"name\": \"b\" } -->\n\
                    ```http\nPATCH https://graph.microsoft.com/v1.0/gizmos/1\n\
                    Content-type: application/json\n\n{\"size\": 1}\n```\n";
        // The reader gives a block one annotation; a page whose two annotations describe one
        // block is made by hand.
        let mut page = crate::read::read_text("api/gizmo-update.md", page, &mut Vec::new());
        let block = page.annotations.iter().find_map(|a| a.block);
        for annotation in &mut page.annotations {
            annotation.block = block;
        }
        let op = super::super::page_facts(page).operation.unwrap();
        let bodies: Vec<_> = op.examples.iter().map(|e| e.body.clone()).collect();
        assert_eq!(
            bodies,
            [
                Some(serde_json::json!({"size": 1})),
                Some(serde_json::json!({"size": 1}))
            ]
        );
        assert!(op.examples.iter().all(|e| e.body_source.is_some()));
    }

    #[test]
    fn syntax_paths_lose_the_service_root_and_gain_a_missing_leading_slash() {
        let page = "# List lists\n\n## HTTP request\n\n```http\n\
                    GET https://graph.microsoft.com/v1.0/sites/{site-id}/lists\n\
                    GET https://graph.microsoft.com/beta/sites/{site-id}/lists?expand=columns\n\
                    GET sites/root/lists\n\
                    GET /beta/me\n\
                    GET https://graph.microsoft.com/v1.0\n\
                    GET https://sn3302.up.1drv.com/up/fe698\n\
                    GET ** Collection URI for microsoft.graph.list not found\n```\n";
        let op = facts(page, "api/list-list.md").operation.unwrap();
        assert_eq!(
            op.paths,
            [
                "/sites/{site-id}/lists",
                "/sites/{site-id}/lists?expand=columns",
                "/sites/root/lists",
                "/me",
                "/",
                "https://sn3302.up.1drv.com/up/fe698",
                "** Collection URI for microsoft.graph.list not found",
            ]
        );
    }

    #[test]
    fn without_an_http_request_heading_the_unannotated_paths_before_the_examples_are_syntax() {
        let page = "# Get a site\n\n## Get the root site\n\n<!-- { \"blockType\": \"ignored\" } -->\n\
                    ```http\nGET /sites/root\n```\n\n## Access a group team site\n\n\
                    ```http\nGET /groups/{group-id}/sites/root\n```\n\n## Example\n\n\
                    <!-- { \"blockType\": \"request\", \"name\": \"get_site\" } -->\n\
                    ```http\nGET /sites/{site-id}\n```\n\n\
                    ```http\nGET /sites/{site-id}/drive\n```\n\n\
                    ```http\nGET https://graph.microsoft.com/v1.0/sites/root\n```\n";
        let op = facts(page, "api/site-get.md").operation.unwrap();
        // Not the example's path, nor a block after it, nor a whole URL.
        assert_eq!(op.paths, ["/sites/root", "/groups/{group-id}/sites/root"]);
    }

    #[test]
    fn http_request_headings_that_say_what_for_are_each_syntax() {
        let page = "# Upload content\n\n## HTTP request (to replace an existing item)\n\n\
                    <!-- { \"blockType\": \"ignored\" } -->\n\
                    ```http\nPUT /me/drive/items/{item-id}/content\n```\n\n\
                    ## HTTP request (to upload a new file)\n\n\
                    <!-- { \"blockType\": \"ignored\" } -->\n\
                    ```http\nPUT /me/drive/items/{parent-id}:/{filename}:/content\n```\n\n\
                    ## HTTP requests\n\n```http\nPUT /drives/{drive-id}/items/{item-id}/content\n```\n\n\
                    ## HTTP request headers\n\n```http\nPUT /not/a/syntax/path\n```\n";
        let op = facts(page, "api/driveitem-put-content.md")
            .operation
            .unwrap();
        assert_eq!(
            op.paths,
            [
                "/me/drive/items/{item-id}/content",
                "/me/drive/items/{parent-id}:/{filename}:/content",
                "/drives/{drive-id}/items/{item-id}/content"
            ]
        );
    }

    #[test]
    fn the_method_calling_the_action_the_file_name_names_is_the_operations() {
        let page = "# Unfollow drive item\n\n## HTTP request\n```http\n\
                    DELETE /me/drive/following/{item-id}\n\
                    POST /me/drive/items/{item-id}/unfollow\n```\n";
        let op = facts(page, "api/driveitem-unfollow.md").operation.unwrap();
        assert_eq!(op.method, "POST");
        assert_eq!(op.paths, ["/me/drive/items/{item-id}/unfollow"]);
        assert_eq!(op.other_methods[0].method, "DELETE");
        assert_eq!(op.other_methods[0].paths, ["/me/drive/following/{item-id}"]);
        // The operation's line is its own method's first.
        assert_eq!((op.line, op.other_methods[0].line), (6, 5));
        assert!(op.other_paths.is_empty());
        // Where the first method's lines call it (or none does), the first method stays.
        let op = facts(page, "api/driveitem-delete.md").operation.unwrap();
        assert_eq!(op.method, "DELETE");
    }

    #[test]
    fn of_several_methods_the_one_the_request_examples_send_most_is_the_operations() {
        let page = |sent: &[&str]| {
            let mut text = String::from(
                "# Update photo\n\n## HTTP request\n```http\n\
                 PATCH /me/photo/$value\nPUT /me/photo/$value\n```\n\n## Example\n",
            );
            for (i, method) in sent.iter().enumerate() {
                text.push_str(&format!(
                    "<!-- {{ \"blockType\": \"request\", \"name\": \"x{i}\" }} -->\n\
                     ```http\n{method} https://graph.microsoft.com/v1.0/me/photo/$value\n```\n"
                ));
            }
            facts(&text, "api/profilephoto-update.md")
                .operation
                .unwrap()
        };
        let op = page(&["PUT"]);
        assert_eq!(op.method, "PUT");
        assert_eq!(
            op.other_methods[0].method, "PATCH",
            "the PATCH line is kept"
        );
        assert_eq!(page(&["PUT", "PATCH", "PATCH"]).method, "PATCH");
        // A tie, or no example, keeps the first method.
        assert_eq!(page(&["PUT", "PATCH"]).method, "PATCH");
        assert_eq!(page(&[]).method, "PATCH");
    }

    #[test]
    fn each_example_belongs_to_the_method_it_sends_and_a_response_to_the_request_before_it() {
        let exchange = |method: &str| {
            format!(
                "<!-- {{ \"blockType\": \"request\", \"name\": \"{method}\" }} -->\n```http\n\
                 {method} https://graph.microsoft.com/v1.0/widgets/1\n```\n\
                 <!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 200 OK\n```\n"
            )
        };
        let page = format!(
            "# Widget\n\n## HTTP request\n```http\nPOST /widgets\nPATCH /widgets/{{id}}\n```\n\n\
             ## Example\n{}{}{}",
            exchange("PATCH"),
            exchange("POST"),
            exchange("DELETE")
        );
        let op = facts(&page, "api/widget-upsert.md").operation.unwrap();
        assert_eq!(op.method, "POST");
        let methods: Vec<&str> = op.example_methods().map(|(_, m)| m).collect();
        // A method the syntax does not write is the operation's (the page's error).
        assert_eq!(methods, ["PATCH", "PATCH", "POST", "POST", "POST", "POST"]);
        let patch = op.with_method(&op.other_methods[0], "widget-upsert".to_owned());
        assert_eq!((patch.method.as_str(), patch.line), ("PATCH", 6));
        assert_eq!(patch.paths, ["/widgets/{id}"]);
        assert_eq!(patch.examples.len(), 2);
        assert_eq!(op.own_method("widget-upsert".to_owned()).examples.len(), 4);
    }

    #[test]
    fn the_action_the_file_name_and_the_example_call_replaces_a_copied_syntax() {
        let page = |stem: &str| {
            let text = "# Add named item formulaLocal\n\n## HTTP request\n\
                        <!-- { \"blockType\": \"ignored\" } -->\n```http\n\
                        POST /workbook/names/add\n\
                        POST /workbook/worksheets/{id|name}/names/add\n```\n\n\
                        ## Example\n<!-- { \"blockType\": \"request\", \"name\": \"x\" } -->\n\
                        ```http\nPOST https://graph.microsoft.com/v1.0/workbook/names/addFormulaLocal\n```\n";
            facts(text, &format!("api/{stem}.md")).operation.unwrap()
        };
        let op = page("nameditem-addformulalocal");
        assert_eq!(
            op.paths,
            [
                "/workbook/names/addFormulaLocal",
                "/workbook/worksheets/{id|name}/names/addFormulaLocal"
            ]
        );
        assert_eq!(op.other_paths.len(), 2);
        // A file name that names neither keeps the syntax.
        let op = page("nameditem-add");
        assert_eq!(op.paths[0], "/workbook/names/add");
        assert!(op.other_paths.is_empty());
    }
}
