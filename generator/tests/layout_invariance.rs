//! Pages docgen has never seen are written by other hands: the same content in another layout.
//! Each family's pages are rewritten in every way Markdown (GFM, as GitHub and the docs site
//! render it) reads the same, and docgen must infer the very same schema from them, and say the
//! same of them. Every rewrite keeps each line where it is, so even the `file:line` sources and
//! diagnostics must match.
//!
//! The rewrites, all at once: CRLF line ends and a byte-order mark; a trailing space on every
//! line; `~~~` fences for backtick ones and tabs for the code's indentation; one level deeper
//! for every heading below the title, with closing `#`s; table cells padded, delimiter rows
//! `:---`, rows without their outer pipes and `X collection` type cells as `Collection(X)`;
//! links to resource pages as the docs site's URLs and links to api pages as reference links;
//! the service root before each path of the syntax blocks (`GET https://graph.microsoft.com/v1.0/me`);
//! status lines without their reason phrase and `application/json; charset=utf-8`.

mod support;

use std::collections::BTreeSet;
use std::path::Path;

use docgen::Builder;

/// A fence opening or closing line: its indent (up to 3 spaces), character and length.
fn fence(line: &str) -> Option<(char, usize)> {
    let body = line.trim_start_matches(' ');
    if line.len() - body.len() > 3 {
        return None;
    }
    let c = body.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let run = body.chars().take_while(|&x| x == c).count();
    (run >= 3).then_some((c, run))
}

/// A table row that can be rewritten safely: outer pipes, two cells or more, and no escaped
/// pipe or code span that could hold one.
fn plain_row(line: &str) -> Option<Vec<&str>> {
    let t = line.trim();
    let inner = t.strip_prefix('|')?.strip_suffix('|')?;
    if t.matches('|').count() < 3 || t.contains(['\\', '`']) {
        return None;
    }
    Some(inner.split('|').collect())
}

fn is_delimiter(cells: &[&str]) -> bool {
    cells.iter().all(|c| {
        let c = c.trim().trim_matches(':');
        !c.is_empty() && c.bytes().all(|b| b == b'-')
    })
}

/// `[x](../resources/x.md)` -> the docs site's URL; `[y](y-get.md)` on an api page and
/// `[y](../api/y-get.md)` -> a reference link, defined in `refs`.
fn relink(line: &str, page_dir: &str, refs: &mut Vec<String>) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find("](") {
        let (before, after) = rest.split_at(at);
        let target_end = after[2..].find([')', ' ']).map(|i| i + 2);
        let Some(end) = target_end.filter(|&e| after.as_bytes()[e] == b')') else {
            out.push_str(before);
            out.push_str("](");
            rest = &after[2..];
            continue;
        };
        let target = &after[2..end];
        let (file, fragment) = target.split_once('#').unwrap_or((target, ""));
        let dir = match file.rsplit_once('/') {
            Some((dir, _)) => dir.rsplit('/').next().unwrap_or(dir),
            None => page_dir,
        };
        let stem = file.rsplit('/').next().unwrap_or(file).strip_suffix(".md");
        out.push_str(before);
        match (stem, dir) {
            (Some(stem), "resources") if !file.contains("://") => {
                let fragment = if fragment.is_empty() {
                    String::new()
                } else {
                    format!("#{fragment}")
                };
                out.push_str(&format!(
                    "](https://learn.microsoft.com/en-us/graph/api/resources/{stem}?view=graph-rest-1.0{fragment})"
                ));
            }
            (Some(_), "api") if !file.contains("://") => {
                refs.push(target.to_owned());
                out.push_str(&format!("][docgen-ref-{}]", refs.len()));
            }
            _ => out.push_str(&after[..=end]),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The page in another layout, line for line (see the module's doc).
fn rewrite(text: &str, page_dir: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines: Vec<String> = Vec::new();
    let mut open: Option<(char, usize)> = None;
    // The syntax blocks: `http` fences under an "HTTP request" heading.
    let mut in_syntax_section = false;
    let mut syntax_block = false;
    let mut type_column: Option<usize> = None;
    let mut refs = Vec::new();
    let mut front_matter = text.starts_with("---");
    let raw: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    for (n, &line) in raw.iter().enumerate() {
        if front_matter {
            front_matter = n == 0 || line.trim_end() != "---";
            lines.push(line.to_owned());
            continue;
        }
        if let Some((c, len)) = open {
            match fence(line) {
                Some((d, run)) if d == c && run >= len && line.trim().chars().all(|x| x == c) => {
                    open = None;
                    lines.push(line.replace('`', "~"));
                }
                _ if syntax_block && line.starts_with(['G', 'P', 'D']) && line.contains(" /") => {
                    lines.push(line.replacen(" /", " https://graph.microsoft.com/v1.0/", 1));
                }
                // A status line without its reason phrase (`HTTP/1.1 200`), and JSON declared
                // with its charset.
                _ if line.starts_with("HTTP/1.1 ") && line.len() > 12 => {
                    lines.push(line[..12].trim_end().to_owned());
                }
                _ if line.eq_ignore_ascii_case("content-type: application/json") => {
                    lines.push(format!("{line}; charset=utf-8"));
                }
                _ => {
                    let body = line.trim_start_matches(' ');
                    let indent = line.len() - body.len();
                    lines.push(format!(
                        "{}{}{body}",
                        "\t".repeat(indent / 2),
                        " ".repeat(indent % 2)
                    ));
                }
            }
            continue;
        }
        if let Some((c, len)) = fence(line) {
            open = Some((c, len));
            syntax_block = in_syntax_section && line.trim().trim_start_matches(c).trim() == "http";
            // A backtick fence's info string cannot hold a backtick; a tilde fence's can.
            lines.push(line.replace('`', "~"));
            continue;
        }
        let mut line = if let Some(cells) = plain_row(line) {
            if is_delimiter(&cells) {
                cells.iter().map(|_| ":---").collect::<Vec<_>>().join(" | ")
            } else {
                let next = raw.get(n + 1).and_then(|l| plain_row(l));
                if next.is_some_and(|next| is_delimiter(&next)) {
                    type_column = cells
                        .iter()
                        .position(|c| c.trim().eq_ignore_ascii_case("type"));
                }
                let cells: Vec<String> = cells
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let c = c.trim();
                        match c.strip_suffix(" collection") {
                            Some(item) if Some(i) == type_column && !item.is_empty() => {
                                format!("Collection({})", item.trim())
                            }
                            _ => c.to_owned(),
                        }
                    })
                    .collect();
                // The outer pipes go only where no edge cell is empty (GFM would drop it).
                let edges_full = !cells[0].is_empty() && !cells[cells.len() - 1].is_empty();
                let inner = cells.join("  |  ");
                if edges_full {
                    inner
                } else {
                    format!("|  {inner}  |")
                }
            }
        } else {
            if !line.trim_start().starts_with('|') {
                type_column = None;
            }
            if line.starts_with('#') {
                in_syntax_section = line.to_lowercase().contains("http request");
            }
            match line.strip_prefix("##") {
                Some(rest) if rest.starts_with(['#', ' ']) && !rest.starts_with("####") => {
                    let hashes = 3 + rest.bytes().take_while(|&b| b == b'#').count();
                    format!(
                        "{}{} {}",
                        "#".repeat(hashes),
                        rest.trim_start_matches('#'),
                        "#".repeat(hashes)
                    )
                }
                _ => line.to_owned(),
            }
        };
        line = relink(&line, page_dir, &mut refs);
        if !line.trim().is_empty() {
            line.push(' ');
        }
        lines.push(line);
    }
    if !refs.is_empty() && open.is_none() {
        lines.push(String::new());
        for (i, target) in refs.iter().enumerate() {
            lines.push(format!("[docgen-ref-{}]: {target}", i + 1));
        }
    }
    format!("\u{feff}{}", lines.join("\r\n"))
}

/// Each rewrite and a mark only it leaves in the pages.
const REWRITE_MARKS: [(&str, &str); 9] = [
    ("CRLF", "\r\n"),
    ("tilde fences", "~~~"),
    ("closed headings", " ### \r\n"),
    ("delimiter rows", ":--- | :---"),
    ("Collection(X) cells", "Collection("),
    (
        "site URLs",
        "learn.microsoft.com/en-us/graph/api/resources/",
    ),
    ("reference links", "][docgen-ref-"),
    (
        "service root on syntax paths",
        " https://graph.microsoft.com/v1.0/",
    ),
    ("charset", "; charset=utf-8"),
];

/// The schema as JSON, and each diagnostic's severity, code and `file:line` (its column and
/// message may quote the rewritten text).
fn schema_json(dir: &Path) -> (String, Vec<String>) {
    let generated = Builder::new().input(dir).analyze().unwrap();
    let mut diagnostics: Vec<String> = generated
        .diagnostics
        .iter()
        .map(|d| format!("{:?} {:?} {}:{}", d.severity, d.code, d.file, d.line))
        .collect();
    diagnostics.sort();
    (
        serde_json::to_string_pretty(&generated.schema).unwrap(),
        diagnostics,
    )
}

fn same_schema_in_another_layout(family: &str) {
    let Some(corpus) = support::corpus() else {
        return;
    };
    let original = corpus.join(family);
    let rewritten = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("layout")
        .join(family);
    let _ = std::fs::remove_dir_all(&rewritten);
    // How often each rewrite's mark occurs in the pages, before and after: a rewrite that
    // stopped applying would leave the schema the same and prove nothing.
    let mut marks = [0isize; REWRITE_MARKS.len()];
    let count = |text: &str, marks: &mut [isize], sign: isize| {
        for (m, (_, mark)) in marks.iter_mut().zip(REWRITE_MARKS) {
            *m += sign * text.matches(mark).count() as isize;
        }
    };
    for (path, relative) in support::markdown_files(&original) {
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        let page_dir = relative.split('/').rev().nth(1).unwrap_or_default();
        let to = rewritten.join(&relative);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        let new = rewrite(&text, page_dir);
        count(&text, &mut marks, -1);
        count(&new, &mut marks, 1);
        std::fs::write(&to, new).unwrap();
    }
    let applied: Vec<(&str, isize)> = REWRITE_MARKS
        .iter()
        .zip(marks)
        .map(|((what, _), n)| (*what, n))
        .collect();
    println!("{family}: rewrites applied {applied:?}");
    assert!(
        applied.iter().all(|(_, n)| *n > 0),
        "{family}: a rewrite no longer applies: {applied:?}"
    );
    let ((before, said_before), (after, said_after)) =
        (schema_json(&original), schema_json(&rewritten));
    if said_before != said_after {
        let (on_pages, on_rewritten): (BTreeSet<&String>, BTreeSet<&String>) =
            (said_before.iter().collect(), said_after.iter().collect());
        panic!(
            "{family}: {} diagnostics on the pages, {} on the rewritten ones; only on the pages: \
             {:#?}; only on the rewritten: {:#?}",
            said_before.len(),
            said_after.len(),
            on_pages
                .difference(&on_rewritten)
                .take(10)
                .collect::<Vec<_>>(),
            on_rewritten
                .difference(&on_pages)
                .take(10)
                .collect::<Vec<_>>(),
        );
    }
    let differ: Vec<(usize, &str, &str)> = before
        .lines()
        .zip(after.lines())
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .map(|(n, (a, b))| (n + 1, a, b))
        .take(10)
        .collect();
    assert!(
        before == after,
        "{family}: the rewritten pages (under {}) give another schema; first lines that differ \
         (dump line, original, rewritten): {differ:#?}",
        rewritten.display()
    );
}

#[test]
fn graph_v1_2021_reads_the_same_in_another_layout() {
    same_schema_in_another_layout("graph-v1.0-2021");
}

#[test]
fn graph_v1_reads_the_same_in_another_layout() {
    same_schema_in_another_layout("graph-v1.0");
}

#[test]
fn rewrites_keep_lines_and_change_the_layout() {
    let page = "---\ntitle: x\n---\n# x\n\n## HTTP request\n\n```http\nGET /x\n```\n\n## Properties\n\n| Property | Type | Description |\n|---|---|---|\n\
|tags|[tag](../resources/tag.md) collection|See [get](../api/x-get.md).|\n\n```json\n{\n  \"a\": 1\n}\n```\n\n\
```http\nHTTP/1.1 200 OK\nContent-type: application/json\n```\n";
    let out = rewrite(page, "resources");
    // Line for line, then the reference links' definitions after the page.
    assert_eq!(
        out,
        "\u{feff}---\r\ntitle: x\r\n---\r\n# x \r\n\r\n### HTTP request ### \r\n\r\n~~~http\r\nGET https://graph.microsoft.com/v1.0/x\r\n~~~\r\n\r\n### Properties ### \r\n\r\n\
Property  |  Type  |  Description \r\n:--- | :--- | :--- \r\n\
tags  |  Collection([tag](https://learn.microsoft.com/en-us/graph/api/resources/tag?view=graph-rest-1.0))  |  See [get][docgen-ref-1]. \r\n\
\r\n~~~json\r\n{\r\n\t\"a\": 1\r\n}\r\n~~~\r\n\r\n\
~~~http\r\nHTTP/1.1 200\r\nContent-type: application/json; charset=utf-8\r\n~~~\r\n\r\n\r\n[docgen-ref-1]: ../api/x-get.md"
    );
}

#[test]
fn docstubs_beta_reads_the_same_in_another_layout() {
    same_schema_in_another_layout("docstubs-beta");
}
