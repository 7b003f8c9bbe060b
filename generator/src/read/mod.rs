//! The `read` stage: Markdown bytes -> [`Page`], with diagnostics.
//!
//! One pulldown-cmark pass with source offsets finds headings, paragraphs, tables, code blocks and
//! HTML comments; tables, HTTP messages and JSON are then read by their own modules. Nothing here
//! panics on any input, and nothing recurses on input depth.

pub mod front_matter;
pub mod http;
pub mod inline;
pub mod json;
pub mod page;
pub mod table;

mod walk;

use std::path::Path;

use crate::diag::{Code, Diagnostic, LineIndex, Severity};
pub use page::*;

/// Reads a page from disk. `display` is the path used in the page and its diagnostics.
pub fn read_file(path: &Path, display: &str) -> (Option<Page>, Vec<Diagnostic>) {
    match std::fs::read(path) {
        Ok(bytes) => {
            let (page, diags) = read_page(display, &bytes);
            (Some(page), diags)
        }
        Err(e) => (
            None,
            vec![
                Diagnostic::new(Severity::Error, Code::Io, display, 1, 1)
                    .message(format!("cannot read the page: {e}")),
            ],
        ),
    }
}

/// Reads one page from its bytes. Invalid UTF-8 is replaced (and reported where it starts).
pub fn read_page(path: &str, bytes: &[u8]) -> (Page, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            let (line, col) = LineIndex::new(valid).locate(valid, valid.len());
            diags.push(
                Diagnostic::new(Severity::Error, Code::InvalidUtf8, path, line, col)
                    .message("the page is not valid UTF-8; invalid bytes were replaced with U+FFFD")
                    .help("save the page as UTF-8"),
            );
            String::from_utf8_lossy(bytes)
        }
    };
    let page = read_text(path, &text, &mut diags);
    (page, diags)
}

/// Reads one page from text.
pub fn read_text(path: &str, text: &str, diags: &mut Vec<Diagnostic>) -> Page {
    let text = tabs_in_table_rows_as_spaces(text);
    walk::Walker::new(path, &text, diags).run()
}

/// GFM refuses a delimiter row with tabs (`|---\t|`), which hand-edited pages have and
/// GitHub renders as a table. Tabs on lines that start with `|`, and on delimiter rows written
/// without the outer pipes (`---\t| ---`), become spaces: one byte for one, so every offset
/// and column stays true to the file.
fn tabs_in_table_rows_as_spaces(text: &str) -> std::borrow::Cow<'_, str> {
    let in_row = |line: &str| {
        let line = line.trim_start_matches([' ', '\t']);
        line.starts_with('|')
            || (line.starts_with(['-', ':'])
                && line.contains('|')
                && line
                    .bytes()
                    .all(|b| matches!(b, b'-' | b':' | b'|' | b' ' | b'\t' | b'\r' | b'\n')))
    };
    // Most pages have no tab at all, or none in a table row: vectorised scans from one tab's
    // line to the next tab say so, each line looked at once.
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut tab_in_row = false;
    while let Some(found) = memchr::memchr(b'\t', &bytes[at..]) {
        let tab = at + found;
        let start = memchr::memrchr(b'\n', &bytes[..tab]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[tab..]).map_or(bytes.len(), |i| tab + i);
        if in_row(&text[start..end]) {
            tab_in_row = true;
            break;
        }
        at = end;
    }
    if !tab_in_row {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if in_row(line) {
            out.extend(line.chars().map(|c| if c == '\t' { ' ' } else { c }));
        } else {
            out.push_str(line);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::tabs_in_table_rows_as_spaces;
    use std::borrow::Cow;

    #[test]
    fn tabs_become_spaces_only_on_table_rows() {
        // Tabs in code and prose, none on a row: the text is kept as it is.
        let text = "\tcode\nprose\twith a tab |\n| a | b |\n";
        assert!(matches!(tabs_in_table_rows_as_spaces(text), Cow::Borrowed(t) if t == text));
        // A row's tabs (after lines with tabs of their own, and indented by one) go, byte for
        // byte; other lines keep theirs.
        let text = "\tx\ty\n \t| a\t| b |\n|---\t|---|\nz\t\n";
        assert_eq!(
            tabs_in_table_rows_as_spaces(text),
            "\tx\ty\n  | a | b |\n|--- |---|\nz\t\n"
        );
        assert!(matches!(tabs_in_table_rows_as_spaces("|\t"), Cow::Owned(t) if t == "| "));
        // A delimiter row without the outer pipes is a row too; a rule of dashes is not.
        let text = "a\t| b\n---\t\t| :--\r\n-\t-\t-\n";
        assert_eq!(
            tabs_in_table_rows_as_spaces(text),
            "a\t| b\n---  | :--\r\n-\t-\t-\n"
        );
    }
}
