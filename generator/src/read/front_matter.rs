//! YAML front matter (`---` ... `---` on the first lines), read with `yaml-rust2`.
//!
//! Hand-edited pages sometimes hold YAML that a strict reader refuses (an unquoted `title: a: b`);
//! those fall back to one `key: value` per line, with a warning, so the title is never lost.

use std::collections::BTreeMap;

use serde_json::Value;
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::{Yaml, YamlLoader};

use super::page::FrontMatter;

/// Where the front matter ends and what it held.
pub struct FrontMatterRead {
    pub front_matter: FrontMatter,
    /// Byte offset (in the text given) just past the closing `---` line.
    pub end: usize,
    /// A YAML error that forced the line-by-line fallback: (line within the page, message).
    pub yaml_error: Option<(usize, String)>,
}

/// Nesting deeper than this is not front matter; it is refused before the YAML loader sees it
/// (the loader recurses once per level).
const MAX_NESTING: usize = 64;

/// Reads front matter at the start of `text` (BOM already removed). `None` when there is none.
pub fn read(text: &str) -> Option<FrontMatterRead> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let body_start = first.len();
    let mut offset = body_start;
    for line in lines {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let yaml = &text[body_start..offset];
            let (fields, yaml_error) = parse_fields(yaml);
            return Some(FrontMatterRead {
                front_matter: FrontMatter { line: 1, fields },
                end: offset + line.len(),
                yaml_error,
            });
        }
        offset += line.len();
    }
    // An opening `---` that is never closed is a thematic break, not front matter.
    None
}

fn parse_fields(yaml: &str) -> (BTreeMap<String, Value>, Option<(usize, String)>) {
    if nesting_depth(yaml) > MAX_NESTING {
        return (
            fallback_fields(yaml),
            Some((2, format!("nesting deeper than {MAX_NESTING} levels"))),
        );
    }
    if let Some(refused) = refuse_shape(yaml) {
        return (fallback_fields(yaml), Some(refused));
    }
    match YamlLoader::load_from_str(yaml) {
        Ok(docs) => match docs.into_iter().next() {
            Some(Yaml::Hash(hash)) => {
                let mut fields = BTreeMap::new();
                for (k, v) in hash {
                    if let Some(key) = scalar_text(&k) {
                        fields.insert(key, to_json(&v, 0));
                    }
                }
                (fields, None)
            }
            None | Some(Yaml::Null) => (BTreeMap::new(), None),
            Some(_) => (
                fallback_fields(yaml),
                Some((2, "the front matter is not a key/value mapping".to_owned())),
            ),
        },
        // yaml-rust2 counts lines from 1 within the YAML; the YAML starts on page line 2.
        Err(e) => (
            fallback_fields(yaml),
            Some((e.marker().line() + 1, e.info().to_owned())),
        ),
    }
}

/// One `key: value` per line, values unquoted; used when the YAML is not valid.
fn fallback_fields(yaml: &str) -> BTreeMap<String, Value> {
    let mut fields = BTreeMap::new();
    for line in yaml.lines() {
        if line.starts_with([' ', '\t', '#', '-']) {
            continue;
        }
        if let Some((key, value)) = line.split_once(':') {
            let value = value.trim();
            let value = value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
                .unwrap_or(value);
            fields
                .entry(key.trim().to_owned())
                .or_insert_with(|| Value::String(value.to_owned()));
        }
    }
    fields
}

/// Walks the YAML events (the event parser does not recurse) for what the loader cannot take:
/// block nesting deeper than [`MAX_NESTING`] (`- - - x`, which the bracket count misses) and
/// aliases, which the loader expands by copying (`&a [*b, *b]` chains grow exponentially).
/// A syntax error is left for the loader to report.
fn refuse_shape(yaml: &str) -> Option<(usize, String)> {
    let mut parser = Parser::new_from_str(yaml);
    let mut depth = 0usize;
    while let Ok((event, mark)) = parser.next_token() {
        // yaml-rust2 counts lines from 1 within the YAML; the YAML starts on page line 2.
        let line = mark.line() + 1;
        match event {
            Event::StreamEnd => break,
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some((line, format!("nesting deeper than {MAX_NESTING} levels")));
                }
            }
            Event::SequenceEnd | Event::MappingEnd => depth = depth.saturating_sub(1),
            Event::Alias(_) => {
                return Some((line, "aliases (`*name`) are not expanded".to_owned()));
            }
            _ => {}
        }
    }
    None
}

fn nesting_depth(text: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    for b in text.bytes() {
        match b {
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

fn scalar_text(y: &Yaml) -> Option<String> {
    match y {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

fn to_json(y: &Yaml, depth: usize) -> Value {
    if depth > MAX_NESTING {
        return Value::Null;
    }
    match y {
        Yaml::String(s) => Value::String(s.clone()),
        // Keep reals as written: `1.10` must not become `1.1`.
        Yaml::Real(s) => Value::String(s.clone()),
        Yaml::Integer(i) => Value::from(*i),
        Yaml::Boolean(b) => Value::Bool(*b),
        Yaml::Array(items) => Value::Array(items.iter().map(|v| to_json(v, depth + 1)).collect()),
        Yaml::Hash(hash) => Value::Object(
            hash.iter()
                .filter_map(|(k, v)| Some((scalar_text(k)?, to_json(v, depth + 1))))
                .collect(),
        ),
        Yaml::Null | Yaml::Alias(_) | Yaml::BadValue => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_stub_front_matter_and_keeps_todo_text() {
        let text = "---\r\ntitle: \"Update hostSecurityProfile\"\r\nauthor: \"**TODO: Provide Github Name. See [topic-level metadata](https://github.com/microsoftgraph/microsoft-graph-docs/blob/master/CONTRIBUTING.md) for details.**\"\r\ndoc_type: apiPageType\r\n---\r\n# H\r\n";
        let fm = read(text).unwrap();
        assert_eq!(
            fm.front_matter.get_str("title"),
            Some("Update hostSecurityProfile")
        );
        assert!(
            fm.front_matter
                .get_str("author")
                .unwrap()
                .starts_with("**TODO")
        );
        assert_eq!(fm.front_matter.get_str("doc_type"), Some("apiPageType"));
        assert_eq!(&text[fm.end..], "# H\r\n");
        assert!(fm.yaml_error.is_none());
    }

    #[test]
    fn invalid_yaml_falls_back_to_lines_and_reports_the_line() {
        let text = "---\ntitle: Update: the thing\ndoc_type: apiPageType\n---\n";
        let fm = read(text).unwrap();
        assert_eq!(fm.front_matter.get_str("title"), Some("Update: the thing"));
        assert_eq!(fm.front_matter.get_str("doc_type"), Some("apiPageType"));
        let (line, _) = fm.yaml_error.unwrap();
        assert_eq!(line, 2);
    }

    #[test]
    fn no_front_matter_or_unclosed_is_none() {
        assert!(read("# Title\n").is_none());
        assert!(read("---\ntitle: x\n").is_none());
        assert!(read("").is_none());
    }

    #[test]
    fn deep_nesting_is_refused_before_the_yaml_parser() {
        let text = format!("---\nx: {}\n---\n", "[".repeat(10_000));
        let fm = read(&text).unwrap();
        assert!(fm.yaml_error.unwrap().1.contains("nesting"));
    }
}
