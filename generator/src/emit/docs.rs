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
        // A URL may follow an opening bracket, quote or backtick: `(https://graph.microsoft.com/v1.0/).`
        // (A backtick is escaped like any other: the URL inside it would be bare.)
        let start = word.find("https://").or_else(|| word.find("http://"));
        let opener = start.is_some_and(|i| word[..i].chars().all(|c| "([{\"'`".contains(c)));
        let url = start
            .filter(|_| opener)
            .map(|i| (i, without_closers(&word[i..])));
        if let Some((i, trimmed)) = url.filter(|(_, url)| is_url(url)) {
            out.push_str(&escape(&word[..i]));
            out.push('<');
            out.push_str(&escape(trimmed));
            out.push('>');
            out.push_str(&escape(&word[i + trimmed.len()..]));
        } else {
            out.push_str(&escape(word));
        }
    }
    (!out.is_empty()).then_some(out)
}

/// `cleaned` (from [`clean`]) with the first mention of each linked text turned into an
/// intra-doc link to the Rust item (`[logonUser](LogonUser)`). `rust_name` maps a link's
/// qualified type to the item's name in scope, or `None` when no item is emitted for it.
pub fn with_links<'a>(
    cleaned: &str,
    links: impl IntoIterator<Item = (&'a str, &'a str)>,
    rust_name: impl Fn(&str) -> Option<String>,
) -> String {
    let mut out = cleaned.to_owned();
    for (text, target) in links {
        let Some(rust) = rust_name(target) else {
            continue;
        };
        let text = escape(text.trim());
        // A name never needs escaping; anything else would not be a path rustdoc can resolve.
        if text.is_empty()
            || !rust
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == ':')
        {
            continue;
        }
        let Some(at) = mention(&out, &text) else {
            continue;
        };
        let link = if text == rust {
            format!("[{text}]")
        } else {
            format!("[{text}]({rust})")
        };
        out.replace_range(at..at + text.len(), &link);
    }
    out
}

/// The first place `text` stands as a whole word in `doc`, outside `<...>` URLs and links made
/// already.
fn mention(doc: &str, text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = doc[from..].find(text) {
        let at = from + found;
        let before = doc[..at].chars().next_back();
        let after = doc[at + text.len()..].chars().next();
        let word_edge =
            |c: Option<char>| !c.is_some_and(|c| c.is_alphanumeric() || "[(<_/\\".contains(c));
        let in_url = doc[..at].rfind('<') > doc[..at].rfind('>');
        if word_edge(before)
            && !after.is_some_and(|c| c.is_alphanumeric() || c == ']' || c == '(')
            && !in_url
        {
            return Some(at);
        }
        from = at + text.len().max(1);
    }
    None
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

/// `url` without the punctuation that ends the sentence or closes what opened before it: a
/// closing bracket stays when the URL opened it (`.../users/{id}`).
fn without_closers(url: &str) -> &str {
    let mut end = url;
    while let Some(c) = end.chars().last() {
        let trailing = match c {
            ')' => end.matches('(').count() < end.matches(')').count(),
            ']' => end.matches('[').count() < end.matches(']').count(),
            '}' => end.matches('{').count() < end.matches('}').count(),
            _ => matches!(c, '.' | ',' | ';' | '"' | '\'' | '`'),
        };
        if !trailing {
            break;
        }
        end = &end[..end.len() - c.len_utf8()];
    }
    end
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
    fn linked_type_names_become_intra_doc_links() {
        let names = |t: &str| (t == "microsoft.graph.logonUser").then(|| "LogonUser".to_owned());
        let doc = clean("Users who logged on. See logonUser and https://x.com/logonUser.").unwrap();
        assert_eq!(
            with_links(&doc, [("logonUser", "microsoft.graph.logonUser")], names),
            "Users who logged on. See [logonUser](LogonUser) and <https://x.com/logonUser>."
        );
        // Unknown targets, and text that is not a whole word, stay text.
        assert_eq!(
            with_links(
                "a logonUsers b",
                [("logonUser", "microsoft.graph.logonUser")],
                names
            ),
            "a logonUsers b"
        );
        assert_eq!(
            with_links("a x b", [("x", "microsoft.graph.other")], names),
            "a x b"
        );
        assert_eq!(
            with_links(
                "a LogonUser b",
                [("LogonUser", "microsoft.graph.logonUser")],
                names
            ),
            "a [LogonUser] b"
        );
    }

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
            clean("the base URL (https://graph.microsoft.com/v1.0/).").as_deref(),
            Some("the base URL (<https://graph.microsoft.com/v1.0/>).")
        );
        // In a code span, whose backticks are escaped like the rest: linked all the same.
        assert_eq!(
            clean("The URL (`https://graph.microsoft.com/v1.0/users/{id}`).").as_deref(),
            Some("The URL (\\`<https://graph.microsoft.com/v1.0/users/{id}>\\`).")
        );
        assert_eq!(
            clean("a\u{202e}b */ #[x]").as_deref(),
            Some("ab \\*/ \\#\\[x\\]")
        );
    }
}
