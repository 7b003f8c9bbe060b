//! Path templates from syntax blocks, parsed once: literal segments, `{id | userPrincipalName}`
//! parameters, function calls `getX(period='{period_value}')`, type casts
//! `/microsoft.graph.group`, `$ref`/`$value`/`$count`, and OneDrive's `root:/{item-path}:`.

use serde::{Deserialize, Serialize};

/// The parameter a relative path takes first: the path of the resource it belongs to.
pub const PARENT_PATH: &str = "parent path";

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PathTemplate {
    /// As written on the page (query string removed).
    pub template: String,
    pub segments: Vec<Segment>,
    /// The page writes the path relative to a parent resource (`/workbook/...`, which its request
    /// examples reach through `/me/drive/items/{id}`): the parent's path comes first.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub relative: bool,
    /// No syntax block lists the path: the request example at this `file:line` calls it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<String>,
    /// No Graph path at all: the request goes to a whole URL the service hands out (an upload
    /// session's `uploadUrl`, a download URL), the one parameter ([`URL_PARAMETER`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub url: bool,
}

/// The parameter of a [`PathTemplate::url`]: the whole URL.
pub const URL_PARAMETER: &str = "url";

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Segment {
    Literal {
        text: String,
    },
    /// `{id}`, `{id | userPrincipalName}`: one value; the names are alternatives.
    Parameter {
        names: Vec<String>,
    },
    /// `name(a='{a}',b={b})` or `name()`.
    Function {
        name: String,
        args: Vec<Argument>,
    },
    /// `items('{id}')` or `items({id})`: a key in parentheses.
    Key {
        collection: String,
        /// The parameter's names, or the key as written when `literal`.
        names: Vec<String>,
        /// In quotes: an OData string literal (`'` doubled inside).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        quoted: bool,
        /// A fixed key (`worksheets('Sheet1')`), not a parameter.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        literal: bool,
    },
    /// `microsoft.graph.group`.
    Cast {
        type_name: String,
    },
    /// `$ref`, `$value`, `$count`.
    System {
        name: String,
    },
    /// `root:/{item-path}:` path addressing, with the path parameter.
    PathAddress {
        base: String,
        names: Vec<String>,
        /// A fixed path (`root:/Documents:`), not a parameter.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        literal: bool,
        /// The base is a parameter itself (`/sites/{hostname}:/{relative-path}`), named `base`.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        base_parameter: bool,
        /// The path is the last thing addressed and no colon closes it
        /// (`/me/drive/root:/{item-path}`, not `.../root:/{item-path}:/content`).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        open: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Argument {
    pub name: String,
    /// The parameter that supplies the value (`{period_value}` -> `period_value`), if any.
    pub parameter: Option<String>,
    /// The value as written when it is not a parameter.
    pub literal: Option<String>,
    /// In quotes (`period='{period_value}'`): an OData string literal (`'` doubled inside).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub quoted: bool,
}

impl PathTemplate {
    pub fn parse(path: &str) -> PathTemplate {
        Self::parse_with_raw(path).0
    }

    /// [`PathTemplate::parse`], with each segment as written (`split_segments` of the
    /// template): a request example's arguments are read from those.
    pub fn parse_with_raw(path: &str) -> (PathTemplate, Vec<String>) {
        let template = strip_all(path.trim(), "https://graph.microsoft.com");
        let template = strip_all(strip_all(template, "/v1.0"), "/beta");
        let template = template
            .split('?')
            .next()
            .unwrap_or(template)
            .trim()
            .to_owned();
        let raw = split_segments(&template);
        let segments = raw.iter().map(|r| segment(r)).collect();
        let parsed = PathTemplate {
            template,
            segments,
            relative: false,
            example: None,
            url: false,
        };
        (parsed, raw)
    }

    /// The path ends in a key (`/users/{id}`, `/sites/{site-id}`, `worksheets('{id}')`): it
    /// addresses one item of a collection.
    pub fn ends_in_key(&self) -> bool {
        matches!(
            self.segments.last(),
            Some(Segment::Parameter { .. } | Segment::Key { .. })
        )
    }

    /// The whole URL a request example at `source` (`file:line`) sends to, as a parameter:
    /// a URL the service handed out, which no Graph path describes.
    pub fn url(source: &str) -> PathTemplate {
        PathTemplate {
            template: format!("{{{URL_PARAMETER}}}"),
            segments: Vec::new(),
            relative: false,
            example: Some(source.to_owned()),
            url: true,
        }
    }

    /// A path as a syntax block documents it, with the values the page filled in made
    /// parameters: every function argument (`columnsAfter(count=n)`,
    /// `range(address='<address>')`, `getActivities(interval='day')`: a function's arguments
    /// are the caller's), and a GUID or a number where a key goes
    /// (`/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/assignments`).
    pub fn documented(path: &str) -> PathTemplate {
        let mut t = Self::parse(path);
        let mut changed = false;
        let mut after_name = false;
        for s in &mut t.segments {
            // `workforceIntegrationId}`: a parameter missing its opening brace.
            if let Segment::Literal { text } = s
                && let Some(name) = half_braced(text)
            {
                *s = Segment::Parameter {
                    names: vec![name.to_owned()],
                };
                changed = true;
            }
            let is_name = matches!(s, Segment::Literal { text } if !is_key_value(text));
            match s {
                Segment::Literal { text } if after_name && is_key_value(text) => {
                    *s = Segment::Parameter {
                        names: vec!["id".to_owned()],
                    };
                    changed = true;
                }
                Segment::Function { args, .. } => {
                    for arg in args.iter_mut().filter(|a| a.parameter.is_none()) {
                        arg.parameter = Some(arg.name.clone());
                        arg.literal = None;
                        changed = true;
                    }
                }
                _ => {}
            }
            after_name = is_name;
        }
        if changed {
            t.template = render(&t.segments);
        }
        t
    }

    /// Every parameter of the path, in order, by its first name.
    pub fn parameters(&self) -> Vec<&str> {
        let mut out = Vec::new();
        if self.url {
            out.push(URL_PARAMETER);
        }
        if self.relative {
            out.push(PARENT_PATH);
        }
        for s in &self.segments {
            match s {
                Segment::Parameter { names }
                | Segment::Key {
                    names,
                    literal: false,
                    ..
                }
                | Segment::PathAddress {
                    names,
                    literal: false,
                    base_parameter: false,
                    ..
                } => {
                    out.extend(names.first().map(String::as_str));
                }
                Segment::PathAddress {
                    base,
                    names,
                    literal,
                    base_parameter: true,
                    ..
                } => {
                    out.extend(base.split(" | ").next());
                    if !literal {
                        out.extend(names.first().map(String::as_str));
                    }
                }
                Segment::Function { args, .. } => {
                    out.extend(args.iter().filter_map(|a| a.parameter.as_deref()));
                }
                _ => {}
            }
        }
        out
    }
}

/// Splits on `/` outside braces, parentheses and quotes, keeping `root:/path:` together: the
/// text of each of `PathTemplate::parse`'s segments.
pub(crate) fn split_segments(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    // The segment being read is `path[start..]` up to the separator; separators are dropped.
    let mut start = 0;
    let (mut braces, mut parens, mut quoted, mut colon_path) = (0i32, 0i32, false, false);
    // Byte by byte: the separators and brackets are ASCII, and no byte of another character
    // is an ASCII byte.
    let bytes = path.as_bytes();
    for (i, &c) in bytes.iter().enumerate() {
        match c {
            b'\'' => quoted = !quoted,
            b'{' if !quoted => braces += 1,
            b'}' if !quoted => braces -= 1,
            b'(' if !quoted => parens += 1,
            b')' if !quoted => parens -= 1,
            // `root:/a/b:` addresses by path; a colon inside a key (`19:abc@thread.v2`) does not.
            b':' if !quoted
                && braces == 0
                && parens == 0
                && (colon_path || bytes.get(i + 1) == Some(&b'/')) =>
            {
                colon_path = !colon_path;
            }
            _ => {}
        }
        if c == b'/' && braces <= 0 && parens <= 0 && !quoted && !colon_path {
            if start < i {
                out.push(path[start..i].to_owned());
            }
            start = i + 1;
        }
    }
    if !path[start..].trim().is_empty() {
        out.push(path[start..].to_owned());
    }
    out
}

fn segment(raw: &str) -> Segment {
    let raw = raw.trim();
    // `{hostname}:/{relative-path}`: a path addressed below a parameter.
    if let Some((base, rest)) = split_at_colon_slash(raw)
        && let Some(base_names) = braced(base)
    {
        let (names, literal) = path_address(rest);
        return Segment::PathAddress {
            base: base_names.join(" | "),
            names,
            literal,
            base_parameter: true,
            open: !rest.ends_with(':'),
        };
    }
    if let Some(names) = braced(raw) {
        return Segment::Parameter { names };
    }
    if raw.starts_with('$') {
        return Segment::System {
            name: raw.to_owned(),
        };
    }
    if raw.ends_with(')')
        && let Some(open) = raw.find('(')
    {
        let name = raw[..open].to_owned();
        let inner = &raw[open + 1..raw.len() - 1];
        if inner.contains('=') || inner.trim().is_empty() {
            let args = inner
                .split(',')
                .filter_map(|a| {
                    let (k, v) = a.split_once('=')?;
                    let v = v.trim();
                    let quoted = v.len() >= 2 && v.starts_with('\'') && v.ends_with('\'');
                    // Only a quoted value loses its quotes (`zone'Iana'` keeps its own).
                    let v = if quoted { &v[1..v.len() - 1] } else { v };
                    let parameter = braced(v).and_then(|n| n.into_iter().next());
                    Some(Argument {
                        name: k.trim().to_owned(),
                        literal: parameter.is_none().then(|| v.to_owned()),
                        parameter,
                        quoted,
                    })
                })
                .collect();
            return Segment::Function { name, args };
        }
        let key = inner.trim();
        let quoted = key.len() >= 2 && key.starts_with('\'') && key.ends_with('\'');
        let key = key.trim_matches('\'');
        let (names, literal) = match braced(key) {
            Some(names) => (names, false),
            None => (vec![key.to_owned()], true),
        };
        return Segment::Key {
            collection: name,
            names,
            quoted,
            literal,
        };
    }
    if let Some((base, rest)) = raw
        .split_once(':')
        .filter(|(_, rest)| rest.starts_with('/'))
    {
        let (names, literal) = path_address(rest.trim_start_matches('/'));
        return Segment::PathAddress {
            base: base.to_owned(),
            names,
            literal,
            base_parameter: false,
            open: !rest.ends_with(':'),
        };
    }
    if raw.contains('.')
        && raw
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
    {
        return Segment::Cast {
            type_name: raw.to_owned(),
        };
    }
    Segment::Literal {
        text: raw.to_owned(),
    }
}

/// The segments of a path as a page's syntax writes it (`/me/settings/?$select=x` -> `me`,
/// `settings`), without the host, the query and empty segments.
pub(crate) fn syntax_segments(path: &str) -> impl Iterator<Item = &str> {
    let path = path.split('?').next().unwrap_or(path);
    strip_all(path, "https://graph.microsoft.com")
        .split('/')
        .filter(|s| !s.is_empty())
}

/// `text` without every copy of `prefix` it starts with (`str::trim_start_matches`, without
/// setting up a substring searcher for each path).
pub(crate) fn strip_all<'t>(mut text: &'t str, prefix: &str) -> &'t str {
    while let Some(rest) = text.strip_prefix(prefix) {
        text = rest;
    }
    text
}

/// `raw.split_once(":/")`, found from the colons (most segments have none).
fn split_at_colon_slash(raw: &str) -> Option<(&str, &str)> {
    let at =
        memchr::memchr_iter(b':', raw.as_bytes()).find(|&at| raw[at + 1..].starts_with('/'))?;
    Some((&raw[..at], &raw[at + 2..]))
}

/// A GUID or a number of three or more digits: a key a page wrote out in a path.
fn is_key_value(text: &str) -> bool {
    let guid = text.len() == 36
        && text.char_indices().all(|(i, c)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                c == '-'
            } else {
                c.is_ascii_hexdigit()
            }
        });
    guid || (text.len() >= 3 && text.bytes().all(|b| b.is_ascii_digit()))
}

/// The path text of `segments`, parameters in braces.
pub fn render(segments: &[Segment]) -> String {
    let mut out = String::new();
    for s in segments {
        out.push('/');
        match s {
            Segment::Literal { text } => out.push_str(text),
            Segment::Parameter { names } => out.push_str(&format!("{{{}}}", names.join(" | "))),
            Segment::Function { name, args } => {
                let args: Vec<String> = args
                    .iter()
                    .map(|a| {
                        let value = match (&a.parameter, &a.literal) {
                            (Some(p), _) => format!("{{{p}}}"),
                            (None, Some(l)) => l.clone(),
                            (None, None) => String::new(),
                        };
                        let q = if a.quoted { "'" } else { "" };
                        format!("{}={q}{value}{q}", a.name)
                    })
                    .collect();
                out.push_str(&format!("{name}({})", args.join(",")));
            }
            Segment::Key {
                collection,
                names,
                quoted,
                literal,
            } => {
                let key = names.join(" | ");
                let key = if *literal { key } else { format!("{{{key}}}") };
                let q = if *quoted { "'" } else { "" };
                out.push_str(&format!("{collection}({q}{key}{q})"));
            }
            Segment::Cast { type_name } => out.push_str(type_name),
            Segment::System { name } => out.push_str(name),
            Segment::PathAddress {
                base,
                names,
                literal,
                base_parameter,
                open,
            } => {
                let at = names.join(" | ");
                let at = if *literal { at } else { format!("{{{at}}}") };
                let base = if *base_parameter {
                    format!("{{{base}}}")
                } else {
                    base.clone()
                };
                let close = if *open { "" } else { ":" };
                out.push_str(&format!("{base}:/{at}{close}"));
            }
        }
    }
    out
}

/// The path a path address names (`{item-path}:` or `Documents/a.txt:`): its parameter's names,
/// or the fixed path (`true`).
fn path_address(rest: &str) -> (Vec<String>, bool) {
    let inner = rest.trim_end_matches(':');
    match braced(inner) {
        Some(names) => (names, false),
        None => (vec![inner.to_owned()], true),
    }
}

/// `{id | userPrincipalName}` -> `["id", "userPrincipalName"]`; `<address>` counts too.
/// The name of a segment written `name}`: a parameter whose opening brace the page left out.
fn half_braced(segment: &str) -> Option<&str> {
    let name = segment.strip_suffix('}')?;
    let mut chars = name.chars();
    (chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_')))
    .then_some(name)
}

/// The first segment of a syntax path written `name}` (read as `{name}` by
/// [`PathTemplate::documented`]), for a warning at the page.
pub fn half_braced_segment(path: &str) -> Option<String> {
    split_segments(path.split('?').next().unwrap_or(path))
        .into_iter()
        .find(|s| half_braced(s).is_some())
}

fn braced(s: &str) -> Option<Vec<String>> {
    let inner = s
        .strip_prefix('{')
        .and_then(|r| r.strip_suffix('}'))
        .or_else(|| s.strip_prefix('<').and_then(|r| r.strip_suffix('>')))?;
    let names: Vec<String> = inner
        .split('|')
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty())
        .collect();
    (!names.is_empty()).then_some(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `split_segments` as first written, by characters.
    fn split_by_chars(path: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut start = 0;
        let (mut braces, mut parens, mut quoted, mut colon_path) = (0i32, 0i32, false, false);
        let mut chars = path.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            match c {
                '\'' => quoted = !quoted,
                '{' if !quoted => braces += 1,
                '}' if !quoted => braces -= 1,
                '(' if !quoted => parens += 1,
                ')' if !quoted => parens -= 1,
                ':' if !quoted
                    && braces == 0
                    && parens == 0
                    && (colon_path || chars.peek().map(|(_, c)| *c) == Some('/')) =>
                {
                    colon_path = !colon_path;
                }
                _ => {}
            }
            if c == '/' && braces <= 0 && parens <= 0 && !quoted && !colon_path {
                if start < i {
                    out.push(path[start..i].to_owned());
                }
                start = i + 1;
            }
        }
        if !path[start..].trim().is_empty() {
            out.push(path[start..].to_owned());
        }
        out
    }

    #[test]
    fn byte_shortcuts_read_paths_as_the_str_methods_do() {
        let paths = [
            "",
            "/",
            "https://graph.microsoft.comhttps://graph.microsoft.com/v1.0/v1.0/beta/me",
            "/v1.0/users/{id | userPrincipalName}/getMemberGroups",
            "/me/drive/root:/{item-path}:/content",
            "/sites/{hostname}:/{relative-path}:/lists",
            "/chats/19:abc@thread.v2/messages",
            "/workbook/worksheets('Sheet/1')/range(address='A1:/B2')",
            "/drives/{id}/root:/Dokumente/Übersicht.docx:",
            "/ä:/ö/{x:/y}/é(:/)",
            "/a:",
            ":/",
        ];
        for path in paths {
            assert_eq!(split_segments(path), split_by_chars(path), "{path}");
            for prefix in ["https://graph.microsoft.com", "/v1.0", "/beta"] {
                assert_eq!(
                    strip_all(path, prefix),
                    path.trim_start_matches(prefix),
                    "{path}"
                );
            }
            assert_eq!(split_at_colon_slash(path), path.split_once(":/"), "{path}");
        }
    }

    fn kinds(path: &str) -> Vec<Segment> {
        PathTemplate::parse(path).segments
    }

    #[test]
    fn alternatives_functions_casts_and_system_segments() {
        let t = PathTemplate::parse("/users/{id | userPrincipalName}/getMemberGroups");
        assert_eq!(t.parameters(), ["id"]);
        assert_eq!(
            t.segments[1],
            Segment::Parameter {
                names: vec!["id".into(), "userPrincipalName".into()]
            }
        );
        let f = kinds("/reports/getEmailActivityUserDetail(period='{period_value}')");
        assert_eq!(
            f[1],
            Segment::Function {
                name: "getEmailActivityUserDetail".into(),
                args: vec![Argument {
                    name: "period".into(),
                    parameter: Some("period_value".into()),
                    literal: None,
                    quoted: true
                }]
            }
        );
        assert_eq!(
            kinds("/directory/deletedItems/microsoft.graph.group")[2],
            Segment::Cast {
                type_name: "microsoft.graph.group".into()
            }
        );
        assert_eq!(
            kinds("/groups/{id}/members/$ref")[3],
            Segment::System {
                name: "$ref".into()
            }
        );
    }

    #[test]
    fn path_addressing_keys_and_query_strings() {
        let chat = kinds("/chats/19:d657@thread.v2/tabs");
        assert_eq!(chat.len(), 3, "{chat:?}");
        assert!(matches!(&chat[1], Segment::Literal { text } if text == "19:d657@thread.v2"));
        let t = PathTemplate::parse("/me/drive/root:/{item-path}:/content?format={format}");
        assert_eq!(t.template, "/me/drive/root:/{item-path}:/content");
        assert_eq!(
            t.segments[2],
            Segment::PathAddress {
                base: "root".into(),
                names: vec!["item-path".into()],
                literal: false,
                base_parameter: false,
                open: false,
            }
        );
        assert_eq!(
            t.segments[3],
            Segment::Literal {
                text: "content".into()
            }
        );
        let k = kinds(
            "https://graph.microsoft.com/v1.0/me/drive/items/{id}/workbook/worksheets('{name}')/range(address='A1:B2')",
        );
        assert_eq!(
            k[5],
            Segment::Key {
                collection: "worksheets".into(),
                names: vec!["name".into()],
                quoted: true,
                literal: false
            }
        );
        assert!(
            matches!(&k[6], Segment::Function { name, args } if name == "range" && args[0].literal.as_deref() == Some("A1:B2"))
        );
    }

    #[test]
    fn templates_read_back_from_the_dump_whatever_their_flags() {
        // Flags left out of the dump when false must read back as false (`docgen diff` reads
        // dumps of whole corpora).
        for path in [
            "/reports/getEmailActivity(period='{period_value}')",
            "/drives/{id}/items/{id}/workbook/worksheets('Sheet1')/range(address={a})",
            "/me/drive/root:/Documents:/children",
            "/users/{id}/calendarView(startDateTime=x)",
        ] {
            let template = PathTemplate::parse(path);
            let json = serde_json::to_string(&template).unwrap();
            let back: PathTemplate = serde_json::from_str(&json).unwrap();
            assert_eq!(back, template, "{json}");
        }
    }
}
