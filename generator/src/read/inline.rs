//! Inline Markdown (headings, paragraphs, table cells) to `Inline`: plain text, links, code spans.

use std::collections::BTreeMap;

use pulldown_cmark::{BrokenLink, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

use super::page::{Inline, Link};

/// Accumulates the inline events of one heading, paragraph or cell.
#[derive(Default)]
pub struct InlineBuilder {
    text: String,
    links: Vec<Link>,
    code: Vec<String>,
    /// Open links: (text length at start, target, unresolved).
    open_links: Vec<(usize, String, bool)>,
    /// Depth of inline containers (emphasis, strong, link, ...).
    depth: usize,
    top_items: usize,
    first_top_is_strong: bool,
}

impl InlineBuilder {
    /// A builder for inline content of `source_len` bytes of Markdown: its text is no longer
    /// (markup and entities only shorten it), so it is sized once instead of grown.
    pub fn for_source(source_len: usize) -> Self {
        InlineBuilder {
            text: String::with_capacity(source_len),
            ..InlineBuilder::default()
        }
    }

    pub fn event(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(tag) if is_inline_container(tag) => {
                if self.depth == 0 {
                    self.top_items += 1;
                    if self.top_items == 1 {
                        self.first_top_is_strong = matches!(tag, Tag::Strong);
                    }
                }
                self.depth += 1;
                if let Tag::Link {
                    link_type,
                    dest_url,
                    ..
                } = tag
                {
                    let unresolved = is_unknown(*link_type) && dest_url.is_empty();
                    self.open_links
                        .push((self.text.len(), dest_url.to_string(), unresolved));
                }
            }
            Event::End(end) if is_inline_container_end(end) => {
                self.depth = self.depth.saturating_sub(1);
                if matches!(end, TagEnd::Link)
                    && let Some((start, target, unresolved)) = self.open_links.pop()
                {
                    let text = self.text.get(start..).unwrap_or_default();
                    self.links.push(Link {
                        text: collapse_whitespace(text),
                        target,
                        unresolved,
                    });
                }
            }
            Event::Text(t) => self.push_text(t),
            Event::Code(c) => {
                self.push_text(c);
                self.code.push(c.to_string());
            }
            Event::SoftBreak | Event::HardBreak => self.text.push(' '),
            // `<br/>` inside cells separates lines of one description.
            Event::InlineHtml(h) if h.trim_start().starts_with("<br") => self.text.push(' '),
            _ => {}
        }
    }

    fn push_text(&mut self, t: &str) {
        if self.depth == 0 && !t.trim().is_empty() {
            self.top_items += 1;
        }
        self.text.push_str(t);
    }

    pub fn finish(self, source: &str) -> Inline {
        Inline {
            text: collapse_owned(self.text),
            source: source.trim().to_owned(),
            links: self.links,
            code: self.code,
            strong_only: self.top_items == 1 && self.first_top_is_strong,
        }
    }
}

fn is_inline_container(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
    )
}

fn is_inline_container_end(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image
    )
}

fn is_unknown(t: LinkType) -> bool {
    matches!(t, LinkType::ReferenceUnknown | LinkType::CollapsedUnknown)
}

/// [`collapse_whitespace`] of a text already owned: most texts have nothing to collapse, and
/// are kept as they are instead of copied.
pub fn collapse_owned(s: String) -> String {
    if is_collapsed(&s) {
        s
    } else {
        collapse_words(&s)
    }
}

/// Whether [`collapse_whitespace`] would give `s` back unchanged: ASCII words separated by single
/// spaces. (Text beyond ASCII may hold whitespace `char::is_whitespace` knows: it is collapsed.)
fn is_collapsed(s: &str) -> bool {
    let bytes = s.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    // Long texts (paragraphs, descriptions) are asked with vectorised scans; short ones (names,
    // types, most cells) eight bytes at a time, where a scan's setup would cost more than it
    // saves.
    if bytes.len() >= 64 {
        static DOUBLE_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
            std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"  "));
        return bytes.is_ascii()
            && memchr::memchr3(b'\t', b'\n', b'\r', bytes).is_none()
            && memchr::memchr2(b'\x0b', b'\x0c', bytes).is_none()
            && DOUBLE_SPACE.find(bytes).is_none();
    }
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = ONES * 0x80;
    const LOW: u64 = ONES * 0x7f;
    let mut after_space = false;
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let word = u64::from_le_bytes(word.try_into().expect("chunks of eight"));
        // A byte beyond ASCII or below a space (`\t`, `\n`, ...): byte by byte, as it is rare.
        if word & HIGH != 0 || word.wrapping_sub(ONES * 0x20) & !word & HIGH != 0 {
            return collapsed_bytewise(bytes, false);
        }
        // The high bit of each byte that is a space (exactly: no carry crosses a byte).
        let blank = word ^ (ONES * u64::from(b' '));
        let spaces = !(((blank & LOW) + LOW) | blank) & HIGH;
        if spaces & (spaces >> 8) != 0 || after_space && spaces & 0x80 != 0 {
            return false;
        }
        after_space = spaces >> 63 != 0;
    }
    collapsed_bytewise(words.remainder(), after_space)
}

/// [`is_collapsed`] of bytes after a space (`after_space`) or not, one byte at a time.
fn collapsed_bytewise(bytes: &[u8], mut after_space: bool) -> bool {
    for &b in bytes {
        if !b.is_ascii() || matches!(b, b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r') {
            return false;
        }
        let space = b == b' ';
        if space && after_space {
            return false;
        }
        after_space = space;
    }
    true
}

pub fn collapse_whitespace(s: &str) -> String {
    // Most texts (link texts, names) have nothing to collapse: a copy, after a quick look.
    if is_collapsed(s) {
        s.to_owned()
    } else {
        collapse_words(s)
    }
}

/// [`collapse_whitespace`] by splitting `s` into its words and joining them with one space.
fn collapse_words(s: &str) -> String {
    // Text of every cell, heading and paragraph comes through here: ASCII text (nearly all) is
    // collapsed byte by byte, on the ASCII characters `char::is_whitespace` counts.
    if s.is_ascii() {
        let mut out = String::with_capacity(s.len());
        let mut word_start = None;
        for (i, b) in s.bytes().enumerate() {
            let space = matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r');
            match (space, word_start) {
                (false, None) => word_start = Some(i),
                (true, Some(start)) => {
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    out.push_str(&s[start..i]);
                    word_start = None;
                }
                _ => {}
            }
        }
        if let Some(start) = word_start {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&s[start..]);
        }
        return out;
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Parses one table cell. `\|` becomes `|` first, as GFM does; `[x][]` links resolve against
/// the page's reference definitions (keys lower-cased).
pub fn parse_cell(cell: &str, defs: &BTreeMap<String, String>) -> Inline {
    // Few cells hold a backslash: the others are read as they stand, without a copy.
    let source = if memchr::memchr(b'\\', cell.as_bytes()).is_some() {
        std::borrow::Cow::Owned(cell.replace("\\|", "|"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    };
    if let Some(simple) = simple_links_and_code(&source) {
        return simple;
    }
    parse_cell_with_parser(&source, defs)
}

/// [`parse_cell`] by pulldown-cmark alone, without the shortcuts for simple cells; the test of
/// those shortcuts compares the two on every cell of the corpus.
#[doc(hidden)]
pub fn parse_cell_with_parser(source: &str, defs: &BTreeMap<String, String>) -> Inline {
    let resolve = |link: BrokenLink<'_>| -> Option<(CowStr<'_>, CowStr<'_>)> {
        match link.link_type {
            LinkType::Reference | LinkType::Collapsed => {
                let key = normalize_label(&link.reference);
                let dest = defs.get(&key).cloned().unwrap_or_default();
                Some((dest.into(), "".into()))
            }
            // `[x]` alone is prose far more often than a link.
            _ => None,
        }
    };
    let parser = Parser::new_with_broken_link_callback(source, Options::empty(), Some(resolve));
    let mut builder = InlineBuilder::for_source(source.len());
    for event in parser {
        builder.event(&event);
    }
    builder.finish(source)
}

/// A cell of plain text, inline links (`[text](target)`) and code spans (`` `code` ``), the
/// shapes of most type cells and many descriptions, read without the parser: `None` for
/// anything else. Each piece is kept to what Markdown cannot read another way: it starts no
/// block (a letter, `[` or `` ` `` first, or a number no `.` or `)` follows, after fewer than
/// four spaces); its text opens no inline construct ([`is_text_byte`]), nor does a link's text;
/// a link's target has no space, bracket, quote, entity or escape; a code span holds no
/// backtick and does not start or end with a space.
fn simple_links_and_code(cell: &str) -> Option<Inline> {
    let body = cell.trim_start_matches(' ');
    if body.trim().is_empty() {
        // Spaces only: an empty paragraph.
        return Some(Inline {
            text: String::new(),
            source: String::new(),
            links: Vec::new(),
            code: Vec::new(),
            strong_only: false,
        });
    }
    if cell.len() - body.len() >= 4 {
        return None;
    }
    // `**text**` alone (the doc stubs' `**TODO: ...**` cells): one strong span.
    if let Some(inner) = body
        .trim_end_matches(' ')
        .strip_prefix("**")
        .and_then(|b| b.strip_suffix("**"))
        .filter(|inner| {
            !inner.is_empty()
                && !inner.starts_with(' ')
                && !inner.ends_with(' ')
                && inner.bytes().all(is_text_byte)
        })
    {
        return Some(Inline {
            text: collapse_whitespace(inner),
            source: cell.trim().to_owned(),
            links: Vec::new(),
            code: Vec::new(),
            strong_only: true,
        });
    }
    // A number first starts no list unless `.` or `)` follows it.
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    let starts_well = body.starts_with(|c: char| c.is_ascii_alphabetic() || c == '[' || c == '`')
        || digits > 0 && !matches!(body.as_bytes().get(digits), Some(b'.' | b')'));
    if !starts_well {
        return None;
    }
    let bytes = body.as_bytes();
    // The text is the cell's less its markup: sized once, never grown.
    let mut text = String::with_capacity(body.len());
    let (mut links, mut code) = (Vec::new(), Vec::new());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'[' => {
                let label_len = bytes[i + 1..].iter().position(|&b| !is_text_byte(b))?;
                let label = &body[i + 1..i + 1 + label_len];
                let after = i + 1 + label_len;
                if label.trim().is_empty() || !body[after..].starts_with("](") {
                    return None;
                }
                let target_start = after + 2;
                let target_len = bytes[target_start..]
                    .iter()
                    .position(|&b| !is_target_byte(b))?;
                let target = &body[target_start..target_start + target_len];
                if target.is_empty() || bytes[target_start + target_len] != b')' {
                    return None;
                }
                text.push_str(label);
                links.push(Link {
                    text: collapse_whitespace(label),
                    target: target.to_owned(),
                    unresolved: false,
                });
                i = target_start + target_len + 1;
            }
            b'`' => {
                let len = bytes[i + 1..].iter().position(|&b| b == b'`')?;
                let content = &body[i + 1..i + 1 + len];
                let close = i + 1 + len;
                if content.is_empty()
                    || content.starts_with(' ')
                    || content.ends_with(' ')
                    || !content.bytes().all(|b| (b' '..=b'~').contains(&b))
                    || bytes.get(close + 1) == Some(&b'`')
                {
                    return None;
                }
                text.push_str(content);
                code.push(content.to_owned());
                i = close + 1;
            }
            // A line break inside a cell, as the reader of parsed cells takes it.
            b'<' => {
                let tag = ["<br>", "<br/>", "<br />"]
                    .into_iter()
                    .find(|tag| body[i..].starts_with(tag))?;
                text.push(' ');
                i += tag.len();
            }
            b if is_text_byte(b) => {
                let len = bytes[i..]
                    .iter()
                    .position(|&b| !is_text_byte(b))
                    .unwrap_or(bytes.len() - i);
                text.push_str(&body[i..i + len]);
                i += len;
            }
            _ => return None,
        }
    }
    Some(Inline {
        text: collapse_owned(text),
        source: cell.trim().to_owned(),
        links,
        code,
        strong_only: false,
    })
}

/// A byte of text between links and code spans: a plain one, or one of a character beyond ASCII
/// (which opens nothing in Markdown; it only weighs in where emphasis could start, and a cell
/// with `*` or `_` goes to the parser).
fn is_text_byte(b: u8) -> bool {
    TEXT_BYTES[usize::from(b)]
}

/// [`is_text_byte`] of every byte, worked out at compile time: it is asked of nearly every byte
/// of every table cell.
static TEXT_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = is_plain_byte(b as u8) || !(b as u8).is_ascii();
        b += 1;
    }
    table
};

/// A byte of a link's target that Markdown takes as it stands.
fn is_target_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'.' | b'/'
                | b'-'
                | b'_'
                | b'#'
                | b':'
                | b'?'
                | b'='
                | b'%'
                | b'+'
                | b'~'
                | b'@'
                | b','
        )
}

/// A byte of plain text: ASCII letters, digits, spaces and punctuation that opens no inline
/// construct (no emphasis, code, link, HTML, entity or escape character).
const fn is_plain_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b' ' | b','
                | b'.'
                | b';'
                | b':'
                | b'('
                | b')'
                | b'\''
                | b'"'
                | b'/'
                | b'?'
                | b'%'
                | b'@'
                | b'{'
                | b'}'
                | b'$'
                | b'='
                | b'+'
                | b'-'
                | b'#'
                | b'|'
                | b'^'
        )
}

/// Link labels match case-insensitively with whitespace collapsed (CommonMark).
pub fn normalize_label(label: &str) -> String {
    collapse_whitespace(label).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_links_resolve_against_page_definitions() {
        let mut defs = BTreeMap::new();
        defs.insert(
            "identityset".to_owned(),
            "../resources/identityset.md".to_owned(),
        );
        let cell = parse_cell("[identitySet][] collection", &defs);
        assert_eq!(cell.text, "identitySet collection");
        assert_eq!(cell.links[0].target, "../resources/identityset.md");
        assert!(!cell.links[0].unresolved);
        let cell = parse_cell("[**driveItem**][missing]", &defs);
        assert_eq!(cell.links[0].text, "driveItem");
        assert!(cell.links[0].unresolved);
    }

    #[test]
    fn short_texts_are_collapsed_as_byte_by_byte() {
        // Every text of up to 20 bytes from a few telling bytes, and some longer ones: the
        // eight-at-a-time reading agrees with the byte-by-byte one.
        const BYTES: [u8; 6] = [b'a', b' ', b'\t', b'\x01', b'~', b'\x0c'];
        let mut dice = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..200_000 {
            dice ^= dice << 13;
            dice ^= dice >> 7;
            dice ^= dice << 17;
            let len = (dice % 21) as usize;
            let bytes: Vec<u8> = (0..len)
                .map(|i| BYTES[(dice >> (3 * i % 60)) as usize % BYTES.len()])
                .collect();
            let text = std::str::from_utf8(&bytes).expect("ASCII");
            let edges = !text.starts_with(' ') && !text.ends_with(' ');
            assert_eq!(
                is_collapsed(text),
                edges && collapsed_bytewise(text.as_bytes(), false),
                "{text:?}"
            );
        }
        for text in [
            "abcdefg h",
            "abcdefgh  ij",
            "abcdefg  hij",
            "a b c d e f g h i j k",
        ] {
            assert_eq!(
                is_collapsed(text),
                collapsed_bytewise(text.as_bytes(), false)
            );
        }
    }

    #[test]
    fn strong_only_cells_are_marked() {
        assert!(parse_cell("**Calendar**", &BTreeMap::new()).strong_only);
        assert!(!parse_cell("**Calendar** events", &BTreeMap::new()).strong_only);
        assert!(!parse_cell("String", &BTreeMap::new()).strong_only);
    }

    /// The parser's reading of a cell, without the plain-text shortcut.
    fn parsed(cell: &str) -> Inline {
        let mut builder = InlineBuilder::default();
        for event in Parser::new_ext(cell, Options::empty()) {
            builder.event(&event);
        }
        builder.finish(cell)
    }

    #[test]
    fn plain_cells_read_as_the_parser_reads_them() {
        let plain = [
            "String",
            "  Collection(microsoft.graph.user)  ",
            "The user's display name. Supports $filter (eq, ne, not, ge, le, in, startsWith).",
            "Read-only; nullable: true. Max 64 characters = {id} / 100% + 2 #tags a|b ^x \"q\"",
            "Edm.Int32   spaces   inside",
        ];
        for cell in plain {
            let quick = simple_links_and_code(cell).expect("plain text takes the shortcut");
            assert_eq!(quick, parsed(cell), "{cell}");
        }
        // Blocks, emphasis, entities, escapes and line breaks go through the parser.
        let not_plain = [
            "# heading",
            "- item",
            "1. item",
            "    indented code",
            "\ttab",
            "> quote",
            "a *b*",
            "a _b_",
            "a &amp; b",
            "a \\ b",
            "line\nbreak",
            "---",
        ];
        for cell in not_plain {
            assert!(simple_links_and_code(cell).is_none(), "{cell}");
        }
    }

    #[test]
    fn simple_cells_read_as_the_parser_reads_them() {
        let defs = BTreeMap::from([("x".to_owned(), "x.md".to_owned())]);
        let cells = [
            "[hostSecurityProfile](hostsecurityprofile.md)",
            "[user](user.md) collection",
            "  [ a   b ](../resources/a_b.md#c-d) and `code` (read-only)",
            "`String` collection; see [x](https://example.com/a?b=c%20d)",
            "Nullable. `a  b` `c`",
            "[x][] collection",
            "[x] (y.md)",
            "[x](y z)",
            "[x](<y>)",
            "[x](y.md \"t\")",
            "[](y.md)",
            "[x](y.md",
            "` a `",
            "`a``",
            "``a``",
            "`a",
            "[`x`](y.md)",
            "![x](y.png)",
            "[x](y&amp;z)",
            "[**x**](y.md)",
            "    [x](y.md)",
            "`*not emphasis*` and [a](b)(c)",
            "Größe – “quoted” <br/> [naïve](y.md)<br>next<br />line",
            "a <BR> b",
            "<br>a",
            "a <b>bold</b>",
            "",
            "   ",
            "**TODO: Provide applicable permissions.**",
            "**Calendar**  ",
            "** x**",
            "**x **",
            "**a*b**",
            "**x** y",
            "1",
            "400 Bad Request",
            "1. item",
            "2) item",
            "2.0",
        ];
        for cell in cells {
            let quick = parse_cell(cell, &defs);
            assert_eq!(quick, parse_cell_with_parser(cell, &defs), "{cell}");
        }
        assert!(simple_links_and_code("[user](user.md) collection").is_some());
        assert!(simple_links_and_code("[x](y z)").is_none());
        assert!(simple_links_and_code("`a``").is_none());
        assert!(simple_links_and_code("Größe <br/> [naïve](y.md)").is_some());
    }

    #[test]
    fn ascii_text_collapses_on_the_whitespace_split_whitespace_knows() {
        for text in [
            "",
            "  a  b\t\tc\r\n",
            "a\x0bb\x0cc",
            "\u{a0}a b\u{2003}c ",
            "one",
        ] {
            let words: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(collapse_whitespace(text), words.join(" "), "{text:?}");
        }
    }

    #[test]
    fn owned_text_is_kept_only_when_already_collapsed() {
        for text in [
            "", "one", "a b", " a", "a ", "a  b", "a\tb", "a\nb", "a\x0bb", "a\u{a0}b", "é b",
        ] {
            assert_eq!(
                collapse_owned(text.to_owned()),
                collapse_whitespace(text),
                "{text:?}"
            );
            // The same inside a text long enough for the vectorised check.
            let long = format!("{} {text} {}", "word ".repeat(20).trim(), "x".repeat(70));
            assert!(long.len() >= 64);
            assert_eq!(
                collapse_owned(long.clone()),
                collapse_whitespace(&long),
                "{long:?}"
            );
        }
    }

    #[test]
    fn cell_text_collapses_whitespace_and_breaks() {
        let cell = parse_cell("  first<br/>second   `code`  ", &BTreeMap::new());
        assert_eq!(cell.text, "first second code");
        assert_eq!(cell.code, ["code"]);
    }
}
