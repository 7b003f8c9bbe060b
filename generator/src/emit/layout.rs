//! One line per field in a model's serde table.
//!
//! prettyplease prints the body of a macro it does not know as a flow of tokens, filled to the
//! margin, so a `json_object!` table would read as a paragraph. Its entries are ours (a field
//! name, a string literal, an adapter path), so after formatting each entry is put back on a
//! line of its own, and the spaces prettyplease puts inside generics (`Option < T >`) go.

/// The macro whose body is laid out.
const TABLE: &str = "super::support::json_object! {";

/// `text` (a formatted file) with each `json_object!` table one entry per line.
pub fn tables(text: String) -> String {
    if !text.contains(TABLE) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut lines = text.split_inclusive('\n');
    while let Some(line) = lines.next() {
        out.push_str(line);
        if line.trim_end() != TABLE {
            continue;
        }
        // The body: every line up to the closing brace at the start of a line, joined back
        // into the flow prettyplease broke at its spaces.
        let mut body = String::new();
        let mut close = "}\n";
        for line in lines.by_ref() {
            if line.starts_with('}') {
                close = line;
                break;
            }
            body.push(' ');
            body.push_str(line.trim());
        }
        for entry in entries(&body) {
            out.push_str("    ");
            out.push_str(&entry);
            out.push_str(";\n");
        }
        out.push_str(close);
    }
    out
}

/// The `;`-separated entries of a table body, each trimmed, with generics spaced as Rust is.
fn entries(body: &str) -> Vec<String> {
    let mut entries = Vec::new();
    let mut entry = String::new();
    let mut in_string = false;
    let mut escaped = false;
    for c in body.chars() {
        if in_string {
            entry.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                entry.push(c);
            }
            ';' => entries.push(tidy(&std::mem::take(&mut entry))),
            _ => entry.push(c),
        }
    }
    if !entry.trim().is_empty() {
        entries.push(tidy(&entry));
    }
    entries
}

/// An entry trimmed, `field: "json"` spaced as Rust is, its adapter (the part after the literal's ` as `) without the spaces
/// prettyplease prints around `<` and `>`.
fn tidy(entry: &str) -> String {
    let entry = entry.trim();
    // The adapter follows the string literal: split after its closing quote.
    let Some(close) = literal_end(entry) else {
        return entry.to_owned();
    };
    let (head, adapter) = entry.split_at(close);
    let head = head.replacen(" : ", ": ", 1);
    let adapter = adapter
        .replace(" <", "<")
        .replace("< ", "<")
        .replace(" >", ">")
        .replace(" ,", ",");
    format!("{head}{adapter}")
}

/// The byte index just past the entry's string literal, if it has one.
fn literal_end(entry: &str) -> Option<usize> {
    let start = entry.find('"')?;
    let mut escaped = false;
    for (i, c) in entry[start + 1..].char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(start + 1 + i + 1),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::tables;

    #[test]
    fn a_filled_table_gets_a_line_per_entry() {
        let text = "pub struct A {}\nsuper::support::json_object! {\n    A, rest; b : \"b;\\\"c\"; c_d : \"cD\" as ::std::option::Option <\n    super::support::Int64 >; e: \"e\";\n}\nfn f() {}\n";
        assert_eq!(
            tables(text.to_owned()),
            "pub struct A {}\nsuper::support::json_object! {\n    A, rest;\n    b: \"b;\\\"c\";\n    c_d: \"cD\" as ::std::option::Option<super::support::Int64>;\n    e: \"e\";\n}\nfn f() {}\n"
        );
    }

    #[test]
    fn text_without_a_table_is_unchanged() {
        let text = "fn f() {\n    g! { a; b }\n}\n".to_owned();
        assert_eq!(tables(text.clone()), text);
    }
}
