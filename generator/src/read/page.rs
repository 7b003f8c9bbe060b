//! The `Page` IR: what one Markdown page says, structurally, with source lines.
//!
//! Plain data only. Nothing here knows Graph conventions (that is `facts`); it records what the
//! Markdown contains so that later stages never look at raw text again.

use std::collections::BTreeMap;

use serde::Serialize;

pub use super::json::{JsonMode, Recovery, RecoveryKind};

/// One page, as the reader saw it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page {
    /// The path the page was read from, as given by the caller (used in diagnostics).
    pub path: String,
    pub line_endings: LineEndings,
    pub bom: bool,
    /// YAML front matter; `None` when the page has none.
    pub front_matter: Option<FrontMatter>,
    /// The front matter `title`, else the first H1.
    pub title: Option<String>,
    /// Every heading, in order; `parent` links make the tree. Tab markers are not headings.
    pub headings: Vec<Heading>,
    pub paragraphs: Vec<Paragraph>,
    pub tables: Vec<Table>,
    /// Fenced and indented code blocks, with the annotation before them and the parsed HTTP/JSON.
    pub blocks: Vec<CodeBlock>,
    /// Every `<!-- { ... } -->` comment, attached to a block or standing alone (page annotations).
    pub annotations: Vec<Annotation>,
    /// `[!INCLUDE [label](target)]` lines (code samples in other languages, shared snippets).
    pub includes: Vec<Include>,
    /// Reference-style link definitions (`[identitySet]: identityset.md`), keyed by lower-cased label.
    pub link_definitions: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineEndings {
    Lf,
    Crlf,
    Mixed,
    /// A page of one line (or none) has no line endings to speak of.
    None,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FrontMatter {
    pub line: usize,
    /// Top-level keys with their values, strings kept as written (`"**TODO: ...**"` included).
    pub fields: BTreeMap<String, serde_json::Value>,
}

impl FrontMatter {
    /// A top-level string field (`title`, `doc_type`, ...).
    pub fn get_str(&self, key: &str) -> Option<&str> {
        self.fields.get(key).and_then(|v| v.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Heading {
    pub level: u8,
    /// Plain text: inline markup removed, code spans kept without backticks.
    pub text: String,
    pub line: usize,
    /// Index into `Page::headings` of the nearest heading above with a smaller level.
    pub parent: Option<usize>,
}

/// Inline content: plain text plus the links and code spans it contains.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Inline {
    /// Text with markup removed (code spans keep their content, links keep their text).
    pub text: String,
    /// The Markdown source, trimmed, with `\|` unescaped in table cells.
    pub source: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub code: Vec<String>,
    /// True when the whole content is one strong span (`**Calendar**`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub strong_only: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Link {
    pub text: String,
    /// The destination as written, reference-style links resolved against the page's definitions.
    pub target: String,
    /// True for `[x][]`/`[x][ref]` links whose definition the page does not contain.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unresolved: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Paragraph {
    pub line: usize,
    /// Index of the nearest heading above.
    pub section: Option<usize>,
    pub inline: Inline,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Table {
    pub line: usize,
    pub section: Option<usize>,
    pub header: Vec<Inline>,
    pub rows: Vec<Row>,
}

impl Table {
    /// Header cells lower-cased and trimmed, for matching (`property|type|description`).
    pub fn header_key(&self) -> String {
        let names: Vec<String> = self
            .header
            .iter()
            .map(|c| c.text.trim().to_lowercase())
            .collect();
        names.join("|")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Row {
    pub line: usize,
    pub kind: RowKind,
    /// Always as many cells as the header has; repairs are listed in `repairs`.
    pub cells: Vec<Inline>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub repairs: Vec<RowRepair>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    Data,
    /// `|**Calendar**|` or `| **Logging Operations** | | |`: a label for the rows below it.
    GroupLabel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowRepair {
    /// Lines without a `|` that continue the previous row's last cell were joined to it.
    ContinuationJoined,
    /// A `|` inside a code span split a cell; the pieces were joined again.
    CodeSpanPipeJoined,
    /// More cells than the header: the extra ones were joined into the last column.
    ExtraCellsJoined,
    /// Fewer cells than the header: empty cells were added.
    MissingCellsAdded,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CodeBlock {
    /// Line of the opening fence (or of the first line of an indented block).
    pub line: usize,
    /// Line of the first content line.
    pub content_line: usize,
    /// The first word of the info string, lower-cased (`http`, `json`, `msgraph-interactive`).
    pub lang: Option<String>,
    pub fenced: bool,
    /// The fence was never closed and runs to the end of the page.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unclosed: bool,
    pub section: Option<usize>,
    /// The code-sample tab the block sits in (`HTTP`, `C#`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tab: Option<String>,
    /// Index into `Page::annotations` of the annotation right before the block.
    pub annotation: Option<usize>,
    pub text: String,
    /// An HTTP request or response, when the block holds one (in any fence language).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http: Option<HttpMessage>,
    /// The JSON the block carries: the whole block, or the body of its HTTP message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub json: Option<JsonBody>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JsonBody {
    pub line: usize,
    /// Columns the page indents the JSON's lines by (a fence's own indentation, which CommonMark
    /// strips from its content): a column in `text` plus this is the page's.
    #[serde(skip)]
    pub indent: usize,
    pub mode: JsonMode,
    /// The JSON as written on the page (its value is `value`; not repeated in `inspect`).
    #[serde(skip)]
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub recoveries: Vec<Recovery>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum HttpMessage {
    Request {
        /// One or more request lines (syntax blocks list every alternative path).
        lines: Vec<RequestLine>,
        headers: Vec<Header>,
        #[serde(skip_serializing_if = "Option::is_none")]
        body: Option<HttpBody>,
    },
    Response {
        line: usize,
        version: String,
        status: u16,
        reason: String,
        headers: Vec<Header>,
        #[serde(skip_serializing_if = "Option::is_none")]
        body: Option<HttpBody>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct RequestLine {
    pub line: usize,
    pub method: String,
    /// The target as written, joined when it ran over several lines.
    pub target: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Header {
    pub line: usize,
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct HttpBody {
    pub line: usize,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Annotation {
    pub line: usize,
    pub section: Option<usize>,
    /// Index into `Page::blocks` of the code block this annotation describes.
    pub block: Option<usize>,
    pub mode: JsonMode,
    /// The parsed object (`None` when it could not be read at all).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub recoveries: Vec<Recovery>,
}

impl Annotation {
    /// A top-level string field (`blockType`, `@odata.type`, ...).
    pub fn get_str(&self, key: &str) -> Option<&str> {
        self.value.as_ref()?.get(key)?.as_str()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Include {
    pub line: usize,
    pub label: String,
    pub target: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tab: Option<String>,
}
