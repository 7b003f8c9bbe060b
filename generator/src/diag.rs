//! Diagnostics: collected as data by every stage, rendered like rustc's by `annotate-snippets`.

use std::collections::BTreeMap;
use std::fmt;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        })
    }
}

/// What went wrong, as a stable code users can grep for and tests can count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// The file is not valid UTF-8; it was read with replacement characters.
    InvalidUtf8,
    /// The file could not be read at all.
    Io,
    FrontMatterMissing,
    FrontMatterInvalid,
    /// An annotation comment that is not strict JSON but was recovered.
    AnnotationRecovered,
    AnnotationInvalid,
    /// A JSON body that is not strict JSON but was recovered.
    JsonRecovered,
    JsonInvalid,
    /// A table row was repaired (continuation line, stray `|`, missing cells).
    TableRowRepaired,
    /// A `[x][]` link whose definition is missing from the page.
    LinkUnresolved,
    /// A code fence that is never closed.
    FenceUnclosed,
    /// A code block that looks like HTTP but whose start line could not be read, or a path in
    /// it that was repaired (a parameter missing its opening brace).
    HttpMalformed,
    /// A type cell or value that names no type docgen can find.
    TypeUnknown,
    /// An example gives a type's name (`"String (timestamp)"`) where a value of it belongs.
    ExamplePlaceholder,
    /// An example wraps the one object its operation returns in `{"value": ...}`.
    ExampleEnvelope,
    /// Two sources disagree (two pages define one type differently, table vs example).
    Conflict,
    /// The generated code could not be formatted (a bug in docgen, never the page's fault).
    EmitFailed,
    /// A page or type docgen skipped because it could not understand it.
    Skipped,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::InvalidUtf8 => "invalid-utf8",
            Code::Io => "io",
            Code::FrontMatterMissing => "front-matter-missing",
            Code::FrontMatterInvalid => "front-matter-invalid",
            Code::AnnotationRecovered => "annotation-recovered",
            Code::AnnotationInvalid => "annotation-invalid",
            Code::JsonRecovered => "json-recovered",
            Code::JsonInvalid => "json-invalid",
            Code::TableRowRepaired => "table-row-repaired",
            Code::LinkUnresolved => "link-unresolved",
            Code::FenceUnclosed => "fence-unclosed",
            Code::HttpMalformed => "http-malformed",
            Code::TypeUnknown => "type-unknown",
            Code::ExamplePlaceholder => "example-placeholder",
            Code::ExampleEnvelope => "example-envelope",
            Code::Conflict => "conflict",
            Code::EmitFailed => "emit-failed",
            Code::Skipped => "skipped",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding, located at `file:line:col` (1-based; `col` counts characters).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Diagnostic {
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub severity: Severity,
    pub code: Code,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Length in characters of the marked text on `line` (0 marks a point).
    #[serde(skip)]
    pub len: usize,
}

impl Diagnostic {
    pub fn new(severity: Severity, code: Code, file: &str, line: usize, col: usize) -> Self {
        Diagnostic {
            file: file.to_owned(),
            line,
            col,
            severity,
            code,
            message: String::new(),
            help: None,
            len: 0,
        }
    }

    pub fn message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn len(mut self, len: usize) -> Self {
        self.len = len;
        self
    }
}

impl fmt::Display for Diagnostic {
    /// The one-line form: `file:line:col: warning[json-recovered]: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}[{}]: {}",
            self.file, self.line, self.col, self.severity, self.code, self.message
        )
    }
}

/// Counts by code and severity, for summaries and corpus tests.
pub fn count_by_code(diags: &[Diagnostic]) -> BTreeMap<(Severity, Code), usize> {
    let mut counts = BTreeMap::new();
    for d in diags {
        *counts.entry((d.severity, d.code)).or_insert(0) += 1;
    }
    counts
}

pub fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(|d| d.severity == Severity::Error)
}

/// Maps byte offsets to 1-based lines and character columns.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        // Sized for lines of some 40 bytes (pages' lines are about that long), so that most
        // pages' indexes are not grown and copied.
        let mut starts = Vec::with_capacity(text.len() / 40 + 2);
        starts.push(0);
        // One vectorised scan for the whole text (a search per line costs a call per line).
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }

    /// 1-based line and character column of a byte offset.
    pub fn locate(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.line(offset);
        let start = self.starts[line - 1];
        let col = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        (line, col)
    }

    /// Byte offsets of the text's line feeds, in order.
    pub fn line_feeds(&self) -> impl Iterator<Item = usize> + '_ {
        self.starts.iter().skip(1).map(|s| s - 1)
    }

    /// Byte offset where a 1-based line starts.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line.checked_sub(1)?).copied()
    }
}

/// Renders diagnostics like rustc does, with the source line when `source_of` knows the file.
pub fn render<'s>(
    diags: &[Diagnostic],
    source_of: impl Fn(&str) -> Option<&'s str>,
    color: bool,
) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    let mut lines: Option<(&str, LineIndex)> = None;
    for d in diags {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        };
        let title = level.primary_title(d.message.as_str()).id(d.code.as_str());
        let line_text = source_of(&d.file).and_then(|src| {
            // A file's diagnostics come together: its lines are indexed once for all of them,
            // not searched from its start for each.
            if lines
                .as_ref()
                .is_none_or(|(file, _)| *file != d.file.as_str())
            {
                lines = Some((d.file.as_str(), LineIndex::new(src)));
            }
            let (_, index) = lines.as_ref()?;
            indexed_line(src, index, d.line)
        });
        let mut report = Vec::new();
        match line_text {
            Some(text) => {
                let (start, end) = char_span(text, d.col, d.len);
                report.push(
                    Group::with_title(title).element(
                        Snippet::source(text)
                            .line_start(d.line)
                            .path(d.file.as_str())
                            .annotation(AnnotationKind::Primary.span(start..end)),
                    ),
                );
            }
            None => report.push(
                Group::with_title(title).element(
                    annotate_snippets::Origin::path(d.file.as_str())
                        .line(d.line)
                        .char_column(d.col),
                ),
            ),
        }
        if let Some(help) = &d.help {
            report.push(Group::with_title(
                Level::HELP.secondary_title(help.as_str()),
            ));
        }
        out.push_str(&renderer.render(&report));
        out.push('\n');
    }
    out
}

/// The text of a 1-based line, without its line ending; long lines are cut so output stays sane.
#[cfg(test)]
fn source_line(src: &str, line: usize) -> Option<&str> {
    indexed_line(src, &LineIndex::new(src), line)
}

/// [`source_line`], with the line's start from `index`, the [`LineIndex`] of `src`.
fn indexed_line<'s>(src: &'s str, index: &LineIndex, line: usize) -> Option<&'s str> {
    let start = index.line_start(line)?;
    let rest = &src[start..];
    let text = &rest[..memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len())];
    let text = text.strip_suffix('\r').unwrap_or(text);
    const MAX: usize = 400;
    if text.len() <= MAX {
        return Some(text);
    }
    let mut cut = MAX;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    Some(&text[..cut])
}

/// Byte range in `text` for a 1-based character column and a length in characters.
fn char_span(text: &str, col: usize, len: usize) -> (usize, usize) {
    let byte_at = |chars: usize| {
        text.char_indices()
            .nth(chars)
            .map_or(text.len(), |(i, _)| i)
    };
    let start = byte_at(col.saturating_sub(1));
    let end = byte_at(col.saturating_sub(1) + len.max(1)).max(start);
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_lines_are_the_lines_between_line_feeds() {
        for src in ["", "a", "a\n", "a\r\nb\r\n\nc", "\n\nx\ny"] {
            for line in 0..7_usize {
                let split = line
                    .checked_sub(1)
                    .and_then(|n| src.split('\n').nth(n))
                    .map(|t| t.strip_suffix('\r').unwrap_or(t));
                assert_eq!(source_line(src, line), split, "{src:?} line {line}");
            }
        }
        let long = format!("x\n{}é", "a".repeat(399));
        assert_eq!(source_line(&long, 2), Some("a".repeat(399).as_str()));
    }

    #[test]
    fn line_index_locates_lines_and_character_columns() {
        let text = "ab\r\nçd\nx";
        let idx = LineIndex::new(text);
        assert_eq!(idx.locate(text, 0), (1, 1));
        assert_eq!(idx.locate(text, 4), (2, 1));
        assert_eq!(idx.locate(text, 6), (2, 2)); // after the two-byte ç
        assert_eq!(idx.locate(text, 8), (3, 1));
        assert_eq!(idx.locate(text, 999), (3, 2));
    }

    #[test]
    fn rendering_shows_code_location_source_and_help() {
        let d = Diagnostic::new(Severity::Warning, Code::JsonRecovered, "a.md", 2, 5)
            .message("trailing comma")
            .help("remove the comma")
            .len(1);
        let out = render(&[d], |_| Some("{\n  1,]\n"), false);
        assert!(
            out.contains("warning[json-recovered]: trailing comma"),
            "{out}"
        );
        assert!(out.contains("a.md:2:5"), "{out}");
        assert!(out.contains("1,]"), "{out}");
        assert!(out.contains("help: remove the comma"), "{out}");
    }

    #[test]
    fn rendering_without_source_still_names_the_place() {
        let d = Diagnostic::new(Severity::Error, Code::Io, "gone.md", 1, 1).message("not found");
        let out = render(&[d], |_| None, false);
        assert!(out.contains("error[io]: not found"), "{out}");
        // rustc's form, columns from 1: `gone.md:1:1`, as with a source line.
        assert!(out.contains("--> gone.md:1:1"), "{out}");
    }
}
