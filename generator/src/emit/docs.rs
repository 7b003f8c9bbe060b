//! Doc comments from page descriptions: cleaned, escaped for rustdoc, never a doctest.

/// Cleans a description for a `#[doc]` attribute. `None` when nothing is left.
///
/// The text is plain (links already reduced to their text by the reader), so every character
/// rustdoc would read as Markdown structure is escaped: brackets (broken intra-doc links),
/// angle brackets (HTML tags), backticks (a fence would become a doctest), and bare URLs are
/// wrapped so rustdoc links them instead of warning.
pub fn clean(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if is_url(word) {
            let trimmed = word.trim_end_matches(['.', ',', ';', ')']);
            out.push('<');
            out.push_str(&escape(trimmed));
            out.push('>');
            out.push_str(&escape(&word[trimmed.len()..]));
        } else {
            out.push_str(&escape(word));
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Text for a `#[doc]` attribute: a leading space so it prints as `/// text`.
pub fn attr(text: &str) -> String {
    format!(" {text}")
}

/// An inline code span around page-derived text (a path, a name), safe whatever it holds.
pub fn code(text: &str) -> String {
    let text: String = text
        .chars()
        .filter(|c| {
            !c.is_control() && !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

fn is_url(word: &str) -> bool {
    (word.starts_with("https://") || word.starts_with("http://"))
        && word
            .chars()
            .all(|c| c.is_ascii_graphic() && !matches!(c, '<' | '>' | '`' | '[' | ']'))
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '[' | ']' | '`' | '*' | '_' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            // Bidi controls could make the code read differently from how it compiles.
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_hold_any_text() {
        assert_eq!(code("a.md:3"), "`a.md:3`");
        assert_eq!(code("x`y"), "``x`y``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(code("a\nb\u{202e}"), "`ab`");
    }

    #[test]
    fn markdown_and_html_are_escaped_and_urls_linked() {
        assert_eq!(
            clean("Use [x] <b>now</b> ```rust").as_deref(),
            Some("Use \\[x\\] &lt;b&gt;now&lt;/b&gt; \\`\\`\\`rust")
        );
        assert_eq!(
            clean("See https://aka.ms/x.").as_deref(),
            Some("See <https://aka.ms/x>.")
        );
        assert_eq!(
            clean("a\u{202e}b */ #[x]").as_deref(),
            Some("ab \\*/ \\#\\[x\\]")
        );
    }
}
