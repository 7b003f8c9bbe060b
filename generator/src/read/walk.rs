//! The single pass over pulldown-cmark events that builds a [`Page`].

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem::Finder;
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::inline::{InlineBuilder, normalize_label};
use super::json::{self, JsonMode, JsonParse};
use super::page::*;
use super::{front_matter, http, table};
use crate::diag::{Code, Diagnostic, LineIndex, Severity};

pub struct Walker<'a> {
    path: &'a str,
    text: &'a str,
    lines: LineIndex,
    diags: &'a mut Vec<Diagnostic>,
    page: Page,
    /// The code-sample tab we are in (`# [HTTP](#tab/http)` ... `---`).
    tab: Option<String>,
    /// An annotation waiting for the code block right after it.
    pending_annotation: Option<usize>,
    /// Open headings as (level, index), for parent links.
    heading_stack: Vec<(u8, usize)>,
    /// Empty cells tables may still add to short rows (see [`table::MAX_PADDED_CELLS`]).
    padding_left: usize,
}

/// What the walker is inside of.
enum Capture {
    None,
    Heading(u8, InlineBuilder, usize),
    Paragraph(InlineBuilder, Range<usize>, bool),
    Code(String, Option<String>, Range<usize>, bool),
    Html(String, usize),
    Table(usize),
}

impl<'a> Walker<'a> {
    pub fn new(path: &'a str, text: &'a str, diags: &'a mut Vec<Diagnostic>) -> Self {
        let lines = LineIndex::new(text);
        let line_endings = line_endings(text, &lines);
        Walker {
            path,
            text,
            lines,
            diags,
            page: Page {
                path: path.to_owned(),
                line_endings,
                bom: text.starts_with('\u{feff}'),
                front_matter: None,
                title: None,
                headings: Vec::new(),
                paragraphs: Vec::new(),
                tables: Vec::new(),
                blocks: Vec::new(),
                annotations: Vec::new(),
                includes: Vec::new(),
                link_definitions: BTreeMap::new(),
            },
            tab: None,
            pending_annotation: None,
            heading_stack: Vec::new(),
            padding_left: table::MAX_PADDED_CELLS,
        }
    }

    pub fn run(mut self) -> Page {
        let mut start = if self.page.bom {
            '\u{feff}'.len_utf8()
        } else {
            0
        };
        match front_matter::read(&self.text[start..]) {
            Some(fm) => {
                if let Some((line, message)) = fm.yaml_error {
                    let d = self
                        .diag(Severity::Warning, Code::FrontMatterInvalid, line, 1)
                        .message(format!(
                            "the front matter is not valid YAML ({message}): read it line by line"
                        ))
                        .help("quote values that contain `: ` or start with a special character");
                    self.push(d);
                }
                self.page.front_matter = Some(fm.front_matter);
                start += fm.end;
            }
            None => {
                let d = self
                    .diag(Severity::Note, Code::FrontMatterMissing, 1, 1)
                    .message("the page has no YAML front matter (`---` block)");
                self.push(d);
            }
        }
        self.page.title = self
            .page
            .front_matter
            .as_ref()
            .and_then(|fm| fm.get_str("title"))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned);
        self.walk(start);
        if self.page.title.is_none() {
            self.page.title = self
                .page
                .headings
                .iter()
                .find(|h| h.level == 1)
                .map(|h| h.text.clone());
        }
        self.page
    }

    fn walk(&mut self, base: usize) {
        let text = self.text;
        let body = &text[base..];
        let parser = Parser::new_ext(body, Options::ENABLE_TABLES);
        for (label, def) in parser.reference_definitions().iter() {
            self.page
                .link_definitions
                .insert(normalize_label(label), def.dest.to_string());
        }
        let mut capture = Capture::None;
        for (event, range) in parser.into_offset_iter() {
            let range = range.start + base..range.end + base;
            // The events inside a capture (nearly all) are fed to it in place; the match below
            // takes the starts and ends that change what is captured.
            if self.feed(&mut capture, &event, range.start) {
                continue;
            }
            capture = match (capture, event) {
                (_, Event::Start(Tag::Table(_))) => {
                    self.table(range);
                    Capture::Table(0)
                }
                (_, Event::Start(Tag::Heading { level, .. })) => Capture::Heading(
                    heading_level(level),
                    InlineBuilder::for_source(range.len()),
                    range.start,
                ),
                (Capture::Heading(level, builder, start), Event::End(TagEnd::Heading(_))) => {
                    self.heading(level, builder, start..range.end);
                    Capture::None
                }
                (_, Event::Start(Tag::Paragraph)) => {
                    Capture::Paragraph(InlineBuilder::for_source(range.len()), range, false)
                }
                (Capture::Paragraph(builder, start, keep), Event::End(TagEnd::Paragraph)) => {
                    self.paragraph(builder, start.start..range.end, keep);
                    Capture::None
                }
                (_, Event::Start(Tag::CodeBlock(kind))) => {
                    let (lang, fenced) = match kind {
                        CodeBlockKind::Fenced(info) => (
                            info.split_whitespace().next().map(|w| w.to_lowercase()),
                            true,
                        ),
                        CodeBlockKind::Indented => (None, false),
                    };
                    // The block's source bounds its text: sized once instead of grown.
                    Capture::Code(String::with_capacity(range.len()), lang, range, fenced)
                }
                (Capture::Code(code, lang, start, fenced), Event::End(TagEnd::CodeBlock)) => {
                    self.code_block(code, lang, start.start..range.end, fenced);
                    Capture::None
                }
                (_, Event::Start(Tag::HtmlBlock)) => Capture::Html(String::new(), range.start),
                (Capture::Html(html, start), Event::End(TagEnd::HtmlBlock)) => {
                    // A plain HTML block or comment between an annotation and its fence keeps
                    // the pairing; only headings, paragraphs, tables and rules break it.
                    self.comments(&html, start);
                    Capture::None
                }
                (_, Event::Rule) => {
                    self.tab = None;
                    self.pending_annotation = None;
                    Capture::None
                }
                (c, _) => c,
            };
        }
        // A capture still open at the end (cannot happen with pulldown-cmark, kept for safety).
        if let Capture::Code(code, lang, start, fenced) = capture {
            self.code_block(code, lang, start.start..text.len(), fenced);
        }
    }

    /// Gives an event to the capture it continues, in place: the events inside a paragraph,
    /// heading, code or HTML block or a table (read from its source by `table`), and those
    /// between blocks that start nothing, which are nearly all events. Returns false for the
    /// others (the starts and ends that change what is captured), which `walk` matches on.
    /// Matching there moves the capture, a builder of some hundred bytes, for every event.
    fn feed(&mut self, capture: &mut Capture, event: &Event<'_>, start: usize) -> bool {
        let opens = matches!(
            event,
            Event::Start(Tag::Table(_) | Tag::Heading { .. } | Tag::Paragraph)
        );
        match capture {
            // Tables nest only in pulldown-cmark's tree, not in GFM; counted all the same.
            Capture::Table(depth) => {
                match event {
                    Event::Start(Tag::Table(_)) => *depth += 1,
                    Event::End(TagEnd::Table) => match depth.checked_sub(1) {
                        Some(outer) => *depth = outer,
                        None => *capture = Capture::None,
                    },
                    _ => {}
                }
                true
            }
            Capture::None => !matches!(
                event,
                Event::Start(
                    Tag::Table(_)
                        | Tag::Heading { .. }
                        | Tag::Paragraph
                        | Tag::CodeBlock(_)
                        | Tag::HtmlBlock
                ) | Event::Rule
            ),
            Capture::Heading(_, builder, _)
                if !opens && !matches!(event, Event::End(TagEnd::Heading(_))) =>
            {
                builder.event(event);
                true
            }
            Capture::Paragraph(builder, _, keep)
                if !opens && !matches!(event, Event::End(TagEnd::Paragraph)) =>
            {
                match event {
                    Event::InlineHtml(html) if html.contains("<!--") => {
                        *keep = self.comments(html, start);
                    }
                    _ => {
                        builder.event(event);
                        *keep = false;
                    }
                }
                true
            }
            Capture::Code(code, ..) => match event {
                Event::Text(t) => {
                    code.push_str(t);
                    true
                }
                _ => false,
            },
            Capture::Html(html, _) => match event {
                Event::Html(h) => {
                    html.push_str(h);
                    true
                }
                _ => false,
            },
            _ => false,
        }
    }

    fn line(&self, offset: usize) -> usize {
        self.lines.line(offset)
    }

    fn section(&self) -> Option<usize> {
        self.page.headings.len().checked_sub(1)
    }

    fn diag(&self, severity: Severity, code: Code, line: usize, col: usize) -> Diagnostic {
        Diagnostic::new(severity, code, self.path, line, col)
    }

    fn push(&mut self, diag: Diagnostic) {
        self.diags.push(diag);
    }

    fn heading(&mut self, level: u8, builder: InlineBuilder, range: Range<usize>) {
        let source = self.text.get(range.clone()).unwrap_or_default();
        let inline = builder.finish(source);
        // `# [C#](#tab/csharp)` opens a code-sample tab; it is not part of the heading tree.
        if level == 1 && inline.links.len() == 1 && inline.links[0].target.starts_with("#tab/") {
            self.tab = Some(inline.links[0].text.clone());
            return;
        }
        self.tab = None;
        self.pending_annotation = None;
        while self.heading_stack.last().is_some_and(|&(l, _)| l >= level) {
            self.heading_stack.pop();
        }
        let index = self.page.headings.len();
        self.page.headings.push(Heading {
            level,
            text: inline.text,
            line: self.line(range.start),
            parent: self.heading_stack.last().map(|&(_, i)| i),
        });
        self.heading_stack.push((level, index));
    }

    fn paragraph(&mut self, builder: InlineBuilder, range: Range<usize>, ends_in_annotation: bool) {
        let source = self.text.get(range.clone()).unwrap_or_default();
        let line = self.line(range.start);
        // An include line holds `[!INCLUDE`: one vectorised search spares most paragraphs the
        // line-by-line reading.
        static INCLUDE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("[!INCLUDE"));
        let lines = INCLUDE
            .find(source.as_bytes())
            .map(|_| source.lines())
            .into_iter()
            .flatten();
        for (i, l) in lines.enumerate() {
            if let Some((label, target)) = parse_include(l) {
                self.page.includes.push(Include {
                    line: line + i,
                    label,
                    target,
                    tab: self.tab.clone(),
                });
            }
        }
        if !ends_in_annotation {
            self.pending_annotation = None;
        }
        self.page.paragraphs.push(Paragraph {
            line,
            section: self.section(),
            inline: builder.finish(source),
        });
    }

    fn table(&mut self, range: Range<usize>) {
        self.pending_annotation = None;
        let source = self.text.get(range.clone()).unwrap_or_default();
        let (table, cut) = table::parse(
            source,
            self.line(range.start),
            self.section(),
            &self.page.link_definitions,
            &mut self.padding_left,
        );
        for row in &table.rows {
            for repair in &row.repairs {
                let message = match repair {
                    RowRepair::ContinuationJoined => {
                        "a line without a leading `|` continues this row; it was joined to the last cell"
                    }
                    RowRepair::CodeSpanPipeJoined => {
                        "a `|` inside a code span split this row; the cell was joined again"
                    }
                    RowRepair::ExtraCellsJoined => {
                        "this row has more cells than the header; the extra ones were joined into the last column"
                    }
                    RowRepair::MissingCellsAdded => {
                        "this row has fewer cells than the header; empty cells were added"
                    }
                };
                self.diags.push(
                    Diagnostic::new(
                        Severity::Note,
                        Code::TableRowRepaired,
                        self.path,
                        row.line,
                        1,
                    )
                    .message(message)
                    .help("escape a `|` in text as `\\|`, and keep each row on one line"),
                );
            }
            for cell in &row.cells {
                for link in cell.links.iter().filter(|l| l.unresolved) {
                    self.diags.push(
                        Diagnostic::new(
                            Severity::Warning,
                            Code::LinkUnresolved,
                            self.path,
                            row.line,
                            1,
                        )
                        .message(format!(
                            "the link `{}` has no reference definition on this page",
                            link.text
                        ))
                        .help(format!(
                            "add `[{}]: target.md` at the bottom of the page",
                            link.text
                        )),
                    );
                }
            }
        }
        if let Some(line) = cut {
            let d = self
                .diag(Severity::Warning, Code::Skipped, line, 1)
                .message(format!(
                    "short rows on this page need more than {} empty cells: this table's rows from here on were skipped",
                    table::MAX_PADDED_CELLS
                ))
                .help("give each row as many cells as the header");
            self.push(d);
        }
        self.page.tables.push(table);
    }

    /// Reads every `<!-- ... -->` in an HTML chunk; returns whether one was an annotation.
    fn comments(&mut self, html: &str, start: usize) -> bool {
        // Searchers built once: `str::find` builds one per call, for every HTML block and
        // inline tag of every page.
        static OPEN: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("<!--"));
        static CLOSE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("-->"));
        let mut found = false;
        let mut rest = html;
        let mut offset = start;
        while let Some(open) = OPEN.find(rest.as_bytes()) {
            let inner_start = open + 4;
            let (inner, consumed) = match CLOSE.find(&rest.as_bytes()[inner_start..]) {
                Some(close) => (
                    &rest[inner_start..inner_start + close],
                    inner_start + close + 3,
                ),
                None => (&rest[inner_start..], rest.len()),
            };
            let trimmed = inner.trim_start();
            if trimmed.starts_with('{') {
                let at = offset + inner_start + (inner.len() - trimmed.len());
                self.annotation(trimmed.trim_end(), at);
                found = true;
            }
            offset += consumed;
            rest = &rest[consumed..];
        }
        found
    }

    fn annotation(&mut self, json_text: &str, at: usize) {
        let parsed = json::parse(json_text);
        let line = self.line(at);
        self.report_json(&parsed, json_text, line, 0, true);
        let index = self.page.annotations.len();
        self.page.annotations.push(Annotation {
            line,
            section: self.section(),
            block: None,
            mode: parsed.mode,
            value: parsed.value,
            recoveries: parsed.recoveries,
        });
        self.pending_annotation = Some(index);
    }

    fn code_block(
        &mut self,
        code: String,
        lang: Option<String>,
        range: Range<usize>,
        fenced: bool,
    ) {
        let line = self.line(range.start);
        let content_line = if fenced { line + 1 } else { line };
        let code = if code.contains('\r') {
            code.replace("\r\n", "\n")
        } else {
            code
        };
        let source = self.text.get(range).unwrap_or_default();
        let unclosed = fenced && !closes_fence(source);
        if unclosed {
            let d = self
                .diag(Severity::Warning, Code::FenceUnclosed, line, 1)
                .message("this code fence is never closed: it runs to the end of the page")
                .help("close it with a line of ``` ");
            self.push(d);
        }
        let http = if http::looks_like_http(&code) {
            http::parse(&code, content_line)
        } else {
            None
        };
        let indent = self.block_indent(line, fenced, &code);
        let json = self.block_json(&code, lang.as_deref(), content_line, indent, http.as_ref());
        let index = self.page.blocks.len();
        let annotation = self.pending_annotation.take();
        if let Some(a) = annotation {
            self.page.annotations[a].block = Some(index);
        }
        self.page.blocks.push(CodeBlock {
            line,
            content_line,
            lang,
            fenced,
            unclosed,
            section: self.section(),
            tab: self.tab.clone(),
            annotation,
            text: code,
            http,
            json,
        });
    }

    /// The JSON a block carries: its HTTP body when JSON-typed, else the block itself when it is
    /// a JSON fence or starts like JSON.
    fn block_json(
        &mut self,
        code: &str,
        lang: Option<&str>,
        content_line: usize,
        indent: usize,
        http: Option<&HttpMessage>,
    ) -> Option<JsonBody> {
        let (text, line) = match http {
            Some(HttpMessage::Request { headers, body, .. })
            | Some(HttpMessage::Response { headers, body, .. }) => {
                let body = body.as_ref()?;
                let json_like = body.text.starts_with(['{', '[']);
                match http::content_type(headers) {
                    Some(ct) if ct.contains("json") => {}
                    None if json_like => {}
                    _ => return None,
                }
                (body.text.as_str(), body.line)
            }
            None => {
                let trimmed = code.trim_start();
                if !(lang == Some("json") || trimmed.starts_with(['{', '['])) {
                    return None;
                }
                let skipped = &code[..code.len() - trimmed.len()];
                (trimmed, content_line + skipped.matches('\n').count())
            }
        };
        let parsed = json::parse(text);
        self.report_json(&parsed, text, line, indent, false);
        Some(JsonBody {
            line,
            indent,
            mode: parsed.mode,
            text: text.to_owned(),
            value: parsed.value,
            recoveries: parsed.recoveries,
            error: parsed.error.map(|e| e.message),
        })
    }

    /// How many columns the page indents a code block's lines by beyond its text: a fence's own
    /// indentation (CommonMark strips up to that much from each content line), or for an
    /// indented block what its first line loses.
    fn block_indent(&self, line: usize, fenced: bool, code: &str) -> usize {
        let leading = |s: &str| s.chars().take_while(|c| *c == ' ' || *c == '\t').count();
        let page_line = |n: usize| {
            self.lines
                .line_start(n)
                .and_then(|start| self.text.get(start..))
                .map_or("", |rest| rest.split('\n').next().unwrap_or(""))
        };
        if fenced {
            leading(page_line(line))
        } else {
            leading(page_line(line)).saturating_sub(leading(code.lines().next().unwrap_or("")))
        }
    }

    /// One warning per lenient recovery, one for a failure, located in the page (`indent`:
    /// `block_indent`, added to each column).
    fn report_json(
        &mut self,
        parsed: &JsonParse,
        text: &str,
        first_line: usize,
        indent: usize,
        annotation: bool,
    ) {
        // Most bodies are strict JSON: nothing to locate, no index to build.
        if parsed.recoveries.is_empty() && parsed.mode != JsonMode::Failed {
            return;
        }
        let local = LineIndex::new(text);
        let what = if annotation {
            "annotation"
        } else {
            "JSON body"
        };
        let (recovered, invalid) = if annotation {
            (Code::AnnotationRecovered, Code::AnnotationInvalid)
        } else {
            (Code::JsonRecovered, Code::JsonInvalid)
        };
        // Recoveries come in offset order: count columns on from the previous one on the same
        // line (locating each from its line start is quadratic on a long one-line body).
        let mut last: Option<(usize, usize, usize)> = None;
        for r in &parsed.recoveries {
            let offset = r.offset.min(text.len());
            let (l, c) = match last {
                Some((o, l, c)) if o <= offset && local.line(offset) == l => {
                    let between = text.get(o..offset);
                    (l, c + between.map_or(offset - o, |s| s.chars().count()))
                }
                _ => local.locate(text, offset),
            };
            last = Some((offset, l, c));
            let d = self
                .diag(Severity::Warning, recovered, first_line + l - 1, c + indent)
                .message(format!(
                    "the {what} is not strict JSON: read past {}",
                    r.kind.describe()
                ))
                .help("fix the JSON so that strict readers (and ApiDoctor) accept it")
                .len(1);
            self.push(d);
        }
        if parsed.mode == JsonMode::Failed {
            let (l, c, message) = match &parsed.error {
                Some(e) => {
                    let (l, c) = local.locate(text, e.offset);
                    (l, c, e.message.clone())
                }
                None => (1, 1, "unreadable".to_owned()),
            };
            let d = self
                .diag(Severity::Warning, invalid, first_line + l - 1, c + indent)
                .message(format!("the {what} cannot be read as JSON: {message}"))
                .len(1);
            self.push(d);
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn line_endings(text: &str, lines: &LineIndex) -> LineEndings {
    // The line feeds the index found, each looking at the byte before it.
    let (mut crlf, mut lf) = (0, 0);
    for i in lines.line_feeds() {
        if i > 0 && text.as_bytes()[i - 1] == b'\r' {
            crlf += 1;
        } else {
            lf += 1;
        }
    }
    match (crlf, lf) {
        (0, 0) => LineEndings::None,
        (0, _) => LineEndings::Lf,
        (_, 0) => LineEndings::Crlf,
        _ => LineEndings::Mixed,
    }
}

/// Whether a fenced block's source ends with a closing fence line.
fn closes_fence(source: &str) -> bool {
    let mut lines = source.trim_end().lines();
    let opening = lines.next().unwrap_or_default().trim_start();
    let fence_char = if opening.starts_with('~') { '~' } else { '`' };
    let fence_len = opening.chars().take_while(|&c| c == fence_char).count();
    lines.next_back().is_some_and(|last| {
        let last = last.trim();
        last.chars().take_while(|&c| c == fence_char).count() >= fence_len
            && last.trim_start_matches(fence_char).trim().is_empty()
    })
}

/// `[!INCLUDE [label](target)]` -> (label, target).
fn parse_include(line: &str) -> Option<(String, String)> {
    let rest = line.trim().strip_prefix("[!INCLUDE")?.trim_start();
    let rest = rest.strip_prefix('[')?;
    let (label, rest) = rest.split_once("](")?;
    let (target, _) = rest.split_once(')')?;
    Some((label.trim().to_owned(), target.trim().to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn include_lines_are_read() {
        assert_eq!(
            parse_include("[!INCLUDE [sample-code](../includes/snippets/csharp/get-alert.md)]"),
            Some((
                "sample-code".into(),
                "../includes/snippets/csharp/get-alert.md".into()
            ))
        );
        assert_eq!(parse_include("[!NOTE] x"), None);
    }

    #[test]
    fn fence_closing_is_detected() {
        assert!(closes_fence("```http\nGET /x\n```\n"));
        assert!(closes_fence("````\n```\n````"));
        assert!(!closes_fence("```http\nGET /x\n"));
        assert!(!closes_fence("````\nx\n```"));
    }
}
