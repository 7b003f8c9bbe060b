//! YAML front matter (`---` ... `---` on the first lines), read with `yaml-rust2`.
//!
//! Hand-edited pages sometimes hold YAML that a strict reader refuses (an unquoted `title: a: b`);
//! those fall back to one `key: value` per line, with a warning, so the title is never lost.

use std::collections::BTreeMap;

use serde_json::Value;
use yaml_rust2::parser::{Event, Parser, Tag};
use yaml_rust2::scanner::TScalarStyle;
use yaml_rust2::{ScanError, Yaml};

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
    read_with(text, parse_fields)
}

/// [`read`] with every front matter read by yaml-rust2 (no [`flat_fields`] shortcut).
#[doc(hidden)]
pub fn read_as_yaml(text: &str) -> Option<FrontMatterRead> {
    read_with(text, parse_fields_as_yaml)
}

type Fields = (BTreeMap<String, Value>, Option<(usize, String)>);

fn read_with(text: &str, parse_fields: fn(&str) -> Fields) -> Option<FrontMatterRead> {
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

fn parse_fields(yaml: &str) -> Fields {
    if let Some(fields) = flat_fields(yaml) {
        return (fields, None);
    }
    parse_fields_as_yaml(yaml)
}

/// [`parse_fields`] by yaml-rust2 alone; a corpus test compares the two on every front matter.
fn parse_fields_as_yaml(yaml: &str) -> Fields {
    if nesting_depth(yaml) > MAX_NESTING {
        return (
            fallback_fields(yaml),
            Some((2, format!("nesting deeper than {MAX_NESTING} levels"))),
        );
    }
    match load(yaml) {
        Loaded::Refused(refused) => (fallback_fields(yaml), Some(refused)),
        Loaded::Docs(docs) => match docs.into_iter().next() {
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
        Loaded::Error(e) => (
            fallback_fields(yaml),
            Some((e.marker().line() + 1, e.info().to_owned())),
        ),
    }
}

/// The front matter most pages have, read without a YAML parser: one `key: value` per line, the
/// key a plain word at the start of the line, the value plain or quoted with nothing to unescape
/// (`title: "Get a user"`, `doc_type: apiPageType`). Keys and plain values resolve as the YAML
/// loader resolves them (`true`, `12`, `~`). `None` for anything else (comments, nesting, lists,
/// escapes, a value YAML could read another way, a repeated key): the YAML parser reads those.
fn flat_fields(yaml: &str) -> Option<BTreeMap<String, Value>> {
    let mut keys: Vec<Yaml> = Vec::new();
    let mut fields = BTreeMap::new();
    for line in yaml.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            continue;
        }
        let (key, value) = line.split_once(':')?;
        let word = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-');
        if !key.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
            || !key.bytes().all(word)
        {
            return None;
        }
        let value = value.strip_prefix(' ')?.trim_matches(' ');
        let node = flat_value(value)?;
        let key = Yaml::from_str(key);
        if keys.contains(&key) {
            return None;
        }
        if let Some(text) = scalar_text(&key) {
            fields.insert(text, to_json(&node, 0));
        }
        keys.push(key);
    }
    Some(fields)
}

/// A value of [`flat_fields`]: quoted with no quote or escape inside, or plain with nothing YAML
/// reads as structure (an indicator first, `: `, ` #`, a tab).
fn flat_value(value: &str) -> Option<Yaml> {
    let quoted = |q: char| {
        let inner = value.strip_prefix(q)?.strip_suffix(q)?;
        (!inner.contains([q, '\\'])).then(|| Yaml::String(inner.to_owned()))
    };
    if value.starts_with('"') {
        return quoted('"');
    }
    if value.starts_with('\'') {
        return quoted('\'');
    }
    let plain = !value.is_empty()
        && !value.starts_with([
            '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '%', '@', '`',
        ])
        && !value.ends_with(':')
        && !value.contains(": ")
        && !value.contains(" #")
        && !value.contains('\t');
    plain.then(|| Yaml::from_str(value))
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

/// What [`load`] made of the YAML.
enum Loaded {
    /// A shape the loader must not take: (line within the page, why).
    Refused((usize, String)),
    /// What `YamlLoader::load_from_str` would return.
    Docs(Vec<Yaml>),
    Error(ScanError),
}

/// `YamlLoader::load_from_str` in one pass over the event parser (which does not recurse, where
/// the loader does), refusing what the loader cannot take: block nesting deeper than
/// [`MAX_NESTING`] (`- - - x`, which the bracket count misses) and aliases, which the loader
/// expands by copying (`&a [*b, *b]` chains grow exponentially). A refusal anywhere before a
/// syntax error wins; then the syntax error; then a duplicated key; as when the events were
/// walked for refusals first and the loader ran after. The nodes are built as the loader builds
/// them (its `on_event`), so the front matter reads the same, at half the cost.
fn load(yaml: &str) -> Loaded {
    let mut parser = Parser::new_from_str(yaml);
    let mut depth = 0usize;
    let mut docs = Vec::new();
    // (node, key waiting for its value where the node is a mapping)
    let mut stack: Vec<(Yaml, Option<Yaml>)> = Vec::new();
    let mut duplicate: Option<ScanError> = None;
    loop {
        let (event, mark) = match parser.next_token() {
            Ok(next) => next,
            Err(e) => return Loaded::Error(e),
        };
        // yaml-rust2 counts lines from 1 within the YAML; the YAML starts on page line 2.
        let line = mark.line() + 1;
        let node = match event {
            Event::StreamEnd => break,
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                depth += 1;
                if depth > MAX_NESTING {
                    let why = format!("nesting deeper than {MAX_NESTING} levels");
                    return Loaded::Refused((line, why));
                }
                let node = if matches!(event, Event::MappingStart(..)) {
                    Yaml::Hash(Default::default())
                } else {
                    Yaml::Array(Vec::new())
                };
                stack.push((node, None));
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                depth = depth.saturating_sub(1);
                match stack.pop() {
                    Some((node, _)) => node,
                    None => continue,
                }
            }
            Event::Alias(_) => {
                return Loaded::Refused((line, "aliases (`*name`) are not expanded".to_owned()));
            }
            Event::DocumentEnd => {
                if duplicate.is_none() {
                    docs.push(stack.pop().map_or(Yaml::BadValue, |(node, _)| node));
                }
                stack.clear();
                continue;
            }
            Event::Scalar(value, style, _, tag) => scalar(value, style, tag),
            _ => continue,
        };
        if duplicate.is_some() {
            continue;
        }
        match stack.last_mut() {
            None => stack.push((node, None)),
            Some((Yaml::Array(items), _)) => items.push(node),
            Some((Yaml::Hash(hash), key)) => match key.take() {
                None => *key = Some(node),
                Some(k) => {
                    if hash.insert(k, node).is_some()
                        && let Some((inserted, _)) = hash.back()
                    {
                        // The loader's words, with the key as it prints it.
                        let message = format!("{inserted:?}: duplicated key in mapping");
                        duplicate = Some(ScanError::new_string(mark, message));
                    }
                }
            },
            Some(_) => {}
        }
    }
    match duplicate {
        Some(e) => Loaded::Error(e),
        None => Loaded::Docs(docs),
    }
}

/// A scalar as the loader reads it: quoted is text; plain is resolved (`true`, `12`, `~`),
/// unless a core-schema tag says what it is.
fn scalar(value: String, style: TScalarStyle, tag: Option<Tag>) -> Yaml {
    if style != TScalarStyle::Plain {
        return Yaml::String(value);
    }
    let Some(Tag { handle, suffix }) = tag else {
        return Yaml::from_str(&value);
    };
    if handle != "tag:yaml.org,2002:" {
        return Yaml::String(value);
    }
    match suffix.as_str() {
        "bool" => match value.as_str() {
            "true" | "True" | "TRUE" => Yaml::Boolean(true),
            "false" | "False" | "FALSE" => Yaml::Boolean(false),
            _ => Yaml::BadValue,
        },
        "int" => value.parse::<i64>().map_or(Yaml::BadValue, Yaml::Integer),
        "float" if is_f64(&value) => Yaml::Real(value),
        "float" => Yaml::BadValue,
        "null" => match value.as_str() {
            "~" | "null" => Yaml::Null,
            _ => Yaml::BadValue,
        },
        _ => Yaml::String(value),
    }
}

/// Whether the loader reads `v` as a float (its `parse_f64`).
fn is_f64(v: &str) -> bool {
    matches!(
        v,
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" | "-.inf" | "-.Inf" | "-.INF"
    ) || matches!(v, ".nan" | ".NaN" | ".NAN")
        || v.bytes().any(|b| b.is_ascii_digit()) && v.parse::<f64>().is_ok()
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

    #[test]
    fn one_pass_loader_reads_as_yaml_rust2_loader() {
        use yaml_rust2::YamlLoader;
        let cases = [
            "title: \"x\"\nms.date: 09/10/2019\n",
            "a: 1\nb: 1.10\nc: true\nd: ~\ne: 0x1f\nf: +3\ng: .inf\nh: 'q'\n",
            "a: !!int 7\nb: !!float 1\nc: !!bool True\nd: !!null ~\ne: !!str 5\nf: !x y\n",
            "a: !!int x\nb: !!bool maybe\n",
            "list:\n  - a\n  - [b, c]\n  - {d: e}\nnested:\n  k: {x: [1, 2]}\n",
            "a: 1\na: 2\n",
            "{x: 1, x: 2}\n",
            "a: 1\nb: [\n",
            "a: 1\na: 2\nb: [\n",
            "- a\n- b\n",
            "",
            "# only a comment\n",
            "just text\n",
            "a: &anchor 1\nb: 2\n",
            "a: 1\n---\nb: 2\n",
            "title: a: b\n",
        ];
        for yaml in cases {
            let ours = match load(yaml) {
                Loaded::Docs(docs) => Ok(docs),
                Loaded::Error(e) => Err((e.marker().line(), e.info().to_owned())),
                Loaded::Refused(r) => panic!("{yaml:?} refused: {r:?}"),
            };
            let theirs = YamlLoader::load_from_str(yaml)
                .map_err(|e| (e.marker().line(), e.info().to_owned()));
            assert_eq!(ours, theirs, "{yaml:?}");
        }
        for refused in ["a: &b 1\nc: *b\n", "a: &q 1\nz: *q\nw: [\n"] {
            assert!(matches!(load(refused), Loaded::Refused(_)), "{refused:?}");
        }
    }

    #[test]
    fn flat_front_matter_reads_as_yaml_reads_it() {
        let cases = [
            "title: \"Get a user\"\ndoc_type: apiPageType\r\nms.date: 09/10/2019\n",
            "description:  two spaces first   \nn: 12\nr: 1.10\nb: True\nz: ~\nh: 0x1F\n",
            "t: 'single # not a comment'\nu: https://example.com/a?b=c\n",
            "a: it's\nb: 'it''s'\nc: \"a\\\"b\"\n",
            "a: 1\n1: 2\n0x1: 3\n",
            "null: x\ntrue: y\n",
            "a: b # comment\n",
            "a: b: c\n",
            "a: [x, y]\n",
            "a: -1\nb: - x\n",
            "a:\n  nested: 1\n",
            "a: x\n  continued\n",
            "'quoted key': v\n",
            "a: *alias\n",
            "a: \"unclosed\n",
            "tab:\tvalue\n",
        ];
        for yaml in cases {
            let text = format!("---\n{yaml}---\n");
            let (quick, full) = (read(&text).unwrap(), read_as_yaml(&text).unwrap());
            assert_eq!(
                quick.front_matter.fields, full.front_matter.fields,
                "{yaml:?}"
            );
            assert_eq!(quick.yaml_error, full.yaml_error, "{yaml:?}");
        }
        assert!(flat_fields("title: \"Get a user\"\ndoc_type: apiPageType\n").is_some());
        assert!(flat_fields("a: 1\n1: 2\n0x1: 3\n").is_none());
    }
}
