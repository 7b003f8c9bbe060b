//! Request examples (`"blockType": "request"`), matched to a documented path of their page's
//! operation so the emitter can rebuild each with the generated request type: the constructor
//! of the path the example's URL fits, its arguments read from the URL, the query string as
//! pairs, and the body. Plain data; the tests are tokens only in `emit/examples.rs`.

use serde::Serialize;

use super::path::{PathTemplate, Segment};

/// One request example of an api page.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct RequestExample {
    /// A name for the test: the annotation's `name`, else the page's file name.
    pub name: String,
    /// `file:line` of the request line on its page.
    pub source: String,
    /// The operation's `source`, which names its request type.
    pub operation: String,
    /// The method as the page writes it.
    pub method: String,
    /// Scheme, host and version (`https://graph.microsoft.com/v1.0`); the v1.0 endpoint when
    /// the page writes a bare path.
    pub base_url: String,
    /// The path after the base URL and the query string, as written (`/me/events?$top=5`).
    pub target: String,
    /// The documented path the URL fits and the arguments its parameters take, decoded; or why
    /// none fits.
    pub call: Result<Call, String>,
    /// Query pairs as written, decoded.
    pub query: Vec<(String, String)>,
    /// The JSON body, when the example sends one.
    pub body: Option<RequestBody>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Call {
    /// Index into the operation's `path_templates`.
    pub template: usize,
    /// One value per parameter of that path, in order (a relative path's parent path first).
    pub args: Vec<String>,
    /// The URL reaches the path through a parent resource the page's path leaves out: the
    /// template is relative (`/workbook/...` after `/me/drive/items/{id}`).
    pub through_parent: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct RequestBody {
    /// `file:line` where the JSON starts.
    pub source: String,
    /// `json` is the page's own text, line for line.
    pub exact_lines: bool,
    pub json: String,
}

/// The endpoint of a page that writes a bare path.
pub const V1_BASE: &str = "https://graph.microsoft.com/v1.0";

/// `https://graph.microsoft.com/beta/me/events?$top=5` -> (base URL, `/me/events?$top=5`).
pub fn split_base(target: &str) -> (String, String) {
    let target = target.trim();
    let (origin, rest) = match target.find("://") {
        Some(i) => {
            let after = &target[i + 3..];
            let end = after.find('/').unwrap_or(after.len());
            (&target[..i + 3 + end], &after[end..])
        }
        None => ("https://graph.microsoft.com", target),
    };
    let rest = if rest.starts_with('/') {
        rest.to_owned()
    } else {
        format!("/{rest}")
    };
    for version in ["/v1.0", "/beta"] {
        if let Some(after) = rest.strip_prefix(version)
            && (after.is_empty() || after.starts_with(['/', '?']))
        {
            return (format!("{origin}{version}"), after.to_owned());
        }
    }
    (format!("{origin}/v1.0"), rest)
}

/// The query string's pairs, percent-decoded (`$top=5&$select=a,b`).
pub fn query_pairs(target: &str) -> Vec<(String, String)> {
    let Some((_, query)) = target.split_once('?') else {
        return Vec::new();
    };
    query
        .split('&')
        .filter(|pair| !pair.trim().is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(name.trim()), decode(value.trim()))
        })
        .collect()
}

pub fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// A request's path read once (its query string removed), to match against many templates.
pub struct Target {
    parsed: PathTemplate,
    /// Each segment as written: a `{placeholder}` an example keeps is an argument as it stands.
    raw: Vec<String>,
    /// The path and query as given (`fixes_query` reads the query).
    written: String,
}

impl Target {
    pub fn new(path: &str) -> Result<Target, String> {
        let (parsed, raw) = PathTemplate::parse_with_raw(path.split('?').next().unwrap_or(path));
        if raw.len() != parsed.segments.len() {
            return Err(format!("`{}` cannot be read as a path", parsed.template));
        }
        Ok(Target {
            parsed,
            raw,
            written: path.to_owned(),
        })
    }

    pub fn segments(&self) -> &[Segment] {
        &self.parsed.segments
    }
}

/// The first template `path` fits, with the values its parameters take there. Failing that, the
/// first that fits its end, when the template starts with a name (not a parameter): the page
/// wrote that path relative to the parent resource the URL starts with.
pub fn match_path(templates: &[PathTemplate], path: &str) -> Result<Call, String> {
    match_target(templates, &Target::new(path)?)
}

/// [`match_path`] of a path already read.
pub fn match_target(templates: &[PathTemplate], target: &Target) -> Result<Call, String> {
    let (example, raw) = (&target.parsed, &target.raw);
    let whole = templates.iter().enumerate().find_map(|(i, t)| {
        let skip = usize::from(t.relative);
        let args = match_segments(&t.segments, &example.segments, raw)?;
        // A template already relative needs a parent: the whole URL cannot be only its own.
        (skip == 0).then_some(Call {
            template: i,
            args,
            through_parent: false,
        })
    });
    let tail = || {
        templates.iter().enumerate().find_map(|(i, t)| {
            let starts_named = matches!(t.segments.first(), Some(Segment::Literal { .. }));
            let n = t.segments.len();
            if !starts_named || example.segments.len() <= n {
                return None;
            }
            let split = example.segments.len() - n;
            let mut args = vec![parent_path(&raw[..split])];
            args.extend(match_segments(
                &t.segments,
                &example.segments[split..],
                &raw[split..],
            )?);
            Some(Call {
                template: i,
                args,
                through_parent: true,
            })
        })
    };
    whole.or_else(tail).ok_or_else(|| {
        let documented: Vec<&str> = templates.iter().map(|t| t.template.as_str()).collect();
        format!(
            "`{}` fits none of the documented paths ({})",
            example.template,
            documented.join(", ")
        )
    })
}

/// [`match_path`], preferring a template whose documented query (`paths[i]` as written,
/// `?$filter=name eq '{name}'`) the target's query starts like: several paths that differ only
/// in their query are told apart by it.
pub fn match_documented(
    templates: &[PathTemplate],
    paths: &[String],
    target: &str,
) -> Result<Call, String> {
    match_documented_target(templates, paths, &Target::new(target)?)
}

/// [`match_documented`] of a path already read.
pub fn match_documented_target(
    templates: &[PathTemplate],
    paths: &[String],
    target: &Target,
) -> Result<Call, String> {
    let by_query = templates.iter().enumerate().find_map(|(i, t)| {
        if !fixes_query(paths.get(i)?, &target.written) {
            return None;
        }
        let call = match_target(std::slice::from_ref(t), target).ok()?;
        Some(Call {
            template: i,
            ..call
        })
    });
    by_query.map_or_else(|| match_target(templates, target), Ok)
}

/// A path's query as written up to its first value (a quote or a placeholder), decoded, its
/// white space made single, lower-cased: what the documented query fixes (`$filter=name eq`).
fn query_prefix(target: &str) -> Option<String> {
    let (_, query) = target.split_once('?')?;
    let query = decode(query);
    let end = query.find(['\'', '{', '<']).unwrap_or(query.len());
    let words: Vec<&str> = query[..end].split_whitespace().collect();
    Some(words.join(" ").to_lowercase())
}

/// The documented path writes a query, and `target`'s starts as it does.
pub fn fixes_query(documented: &str, target: &str) -> bool {
    query_prefix(documented)
        .is_some_and(|fixed| query_prefix(target).is_some_and(|q| q.starts_with(&fixed)))
}

fn match_segments(
    template: &[Segment],
    example: &[Segment],
    raw: &[String],
) -> Option<Vec<String>> {
    if template.len() != example.len() {
        return None;
    }
    let mut args = Vec::new();
    for ((t, e), raw) in template.iter().zip(example).zip(raw) {
        match t {
            Segment::Parameter { .. } => args.push(decode(raw.trim())),
            _ => match_segment(t, e, raw, &mut args)?,
        }
    }
    Some(args)
}

/// Matches one segment; parameters take the example's text there (decoded, and unquoted where
/// the template quotes them). Literal text compares without ASCII case, as Graph reads it.
fn match_segment(t: &Segment, e: &Segment, raw: &str, args: &mut Vec<String>) -> Option<()> {
    let same = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
    match (t, e) {
        (Segment::Literal { text: a }, Segment::Literal { text: b })
        | (Segment::Cast { type_name: a }, Segment::Cast { type_name: b })
        | (Segment::System { name: a }, Segment::System { name: b }) => {
            same(a, b).then_some(())?;
        }
        (
            Segment::Key {
                collection: a,
                names,
                quoted,
                literal,
            },
            Segment::Key {
                collection: b,
                names: value,
                quoted: value_quoted,
                ..
            },
        ) => {
            same(a, b).then_some(())?;
            let value = &written_key(raw, value)?;
            let value = match (*quoted, *value_quoted) {
                (true, true) => value.replace("''", "'"),
                (false, true) => format!("'{value}'"),
                _ => value.clone(),
            };
            if *literal {
                (names.first().map(String::as_str) == Some(value.trim_matches('\''))
                    && quoted == value_quoted)
                    .then_some(())?;
            } else {
                args.push(decode(&value));
            }
        }
        (Segment::Function { name: a, args: ta }, Segment::Function { name: b, args: ea }) => {
            same(a, b).then_some(())?;
            if ta.len() != ea.len() {
                return None;
            }
            let written = written_args(raw);
            for arg in ta {
                let given = ea.iter().find(|x| same(&x.name, &arg.name))?;
                // As the example writes it: a placeholder (`{n}`, `<row>`) is passed as it stands.
                let value = written
                    .iter()
                    .find(|(n, _)| same(n, &given.name))
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default();
                // A value the template quotes is an OData string (`''` is one quote); one the
                // template leaves bare but the example quotes keeps its quotes.
                let value = match (arg.quoted, given.quoted) {
                    (true, true) => value.replace("''", "'"),
                    (false, true) => format!("'{value}'"),
                    _ => value,
                };
                match (&arg.parameter, &arg.literal) {
                    (Some(_), _) => args.push(decode(&value)),
                    (None, Some(l)) => (*l == value).then_some(())?,
                    (None, None) => value.is_empty().then_some(())?,
                }
            }
        }
        (
            Segment::PathAddress {
                base: a,
                names,
                literal,
                base_parameter,
                ..
            },
            Segment::PathAddress { base: b, .. },
        ) => {
            if *base_parameter {
                // The base as the example writes it (`contoso.sharepoint.com`, `{hostname}`).
                let written = raw.split_once(":/").map_or(raw, |(base, _)| base);
                args.push(decode(written.trim()));
            } else {
                same(a, b).then_some(())?;
            }
            // The item path as the example writes it (a placeholder kept as it stands).
            let inner = raw.split_once(":/").map_or("", |(_, r)| r);
            let value = decode(inner.trim_end_matches(':'));
            if value.is_empty() {
                return None;
            }
            if *literal {
                (names.first() == Some(&value)).then_some(())?;
            } else {
                args.push(value);
            }
        }
        _ => return None,
    }
    Some(())
}

/// A key segment's value as the example writes it (`items('{id}')` -> `'{id}'` unquoted:
/// `{id}`), so a placeholder the example keeps is passed as it stands.
fn written_key(raw: &str, names: &[String]) -> Option<String> {
    let inner = raw
        .split_once('(')
        .and_then(|(_, r)| r.strip_suffix(')'))
        .map(str::trim);
    match inner {
        Some(v) if v.len() >= 2 && v.starts_with('\'') && v.ends_with('\'') => {
            Some(v[1..v.len() - 1].to_owned())
        }
        Some(v) => Some(v.to_owned()),
        None => names.first().cloned(),
    }
}

/// A function segment's arguments as written, quotes of a quoted value removed
/// (`cell(row=<row>, column='B')` -> `[("row", "<row>"), ("column", "B")]`).
fn written_args(raw: &str) -> Vec<(String, String)> {
    let Some(inner) = raw
        .split_once('(')
        .and_then(|(_, r)| r.trim_end().strip_suffix(')'))
    else {
        return Vec::new();
    };
    inner
        .split(',')
        .filter_map(|a| {
            let (k, v) = a.split_once('=')?;
            let v = v.trim();
            let v = if v.len() >= 2 && v.starts_with('\'') && v.ends_with('\'') {
                &v[1..v.len() - 1]
            } else {
                v
            };
            Some((k.trim().to_owned(), v.to_owned()))
        })
        .collect()
}

/// The parent resource's path as the URL writes it, each segment decoded.
fn parent_path(raw: &[String]) -> String {
    raw.iter()
        .map(|s| format!("/{}", decode(s.trim())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn templates(paths: &[&str]) -> Vec<PathTemplate> {
        paths.iter().map(|p| PathTemplate::parse(p)).collect()
    }

    #[test]
    fn base_url_and_target_split_at_the_version() {
        assert_eq!(
            split_base("https://graph.microsoft.com/beta/me/events?$top=5"),
            (
                "https://graph.microsoft.com/beta".to_owned(),
                "/me/events?$top=5".to_owned()
            )
        );
        assert_eq!(
            split_base("me/events"),
            (
                "https://graph.microsoft.com/v1.0".to_owned(),
                "/me/events".to_owned()
            )
        );
        assert_eq!(
            query_pairs("/users?$filter=startswith(displayName,'a b')&$top=5&$count"),
            [
                ("$filter".into(), "startswith(displayName,'a b')".into()),
                ("$top".into(), "5".into()),
                ("$count".into(), String::new())
            ]
        );
    }

    #[test]
    fn paths_that_differ_in_their_query_alone_are_told_apart_by_it() {
        let paths = [
            "/widgets/?$filter=code%20eq%20'{code}'".to_owned(),
            "/widgets?$filter=name%20eq%20'{name}'".to_owned(),
        ];
        let t = templates(&[&paths[0], &paths[1]]);
        let call = |target: &str| match_documented(&t, &paths, target).unwrap().template;
        assert_eq!(call("/widgets?$filter=name%20eq%20'a'"), 1);
        assert_eq!(call("/widgets?$filter=Code eq '7'"), 0);
        // No documented query fits: the first path that does.
        assert_eq!(call("/widgets?$top=1"), 0);
        assert_eq!(
            match_path(&t, "/widgets?$filter=name%20eq%20'a'")
                .unwrap()
                .template,
            0
        );
    }

    #[test]
    fn the_first_path_that_fits_gives_the_arguments() {
        let t = templates(&[
            "/me/messages/{id}",
            "/users/{id | userPrincipalName}/messages/{id}",
        ]);
        let call = match_path(&t, "/users/a%40b.com/Messages/AAMk=").unwrap();
        assert_eq!(call.template, 1);
        assert_eq!(call.args, ["a@b.com", "AAMk="]);
        assert!(match_path(&t, "/me/events/1").is_err());
    }

    #[test]
    fn keys_functions_and_item_paths_give_their_values() {
        let t = templates(&[
            "/me/drive/items/{id}/workbook/worksheets('{name}')/range(address='{address}')",
            "/reports/getTeamsUserActivityCounts(period='{period_value}')",
            "/me/drive/root:/{item-path}:/content",
        ]);
        let call = match_path(
            &t,
            "/me/drive/items/01AB/workbook/worksheets('It''s')/range(address='A1:B2')",
        )
        .unwrap();
        assert_eq!(call.args, ["01AB", "It's", "A1:B2"]);
        let call = match_path(&t, "/reports/getTeamsUserActivityCounts(period='D7')").unwrap();
        assert_eq!((call.template, call.args), (1, vec!["D7".to_owned()]));
        // Quoted where the template writes the value bare: passed with its quotes.
        let bare = templates(&["/reports/getYammerDetail(date={date_value})"]);
        let call = match_path(&bare, "/reports/getYammerDetail(date='2018-03-05')").unwrap();
        assert_eq!(call.args, ["'2018-03-05'"]);
        let call = match_path(&t, "/me/drive/root:/folder/file.txt:/content").unwrap();
        assert_eq!(call.args, ["folder/file.txt"]);
        let sites = templates(&["/sites/{hostname}:/{relative-path}"]);
        let call = match_path(&sites, "/sites/contoso.sharepoint.com:/teams/hr").unwrap();
        assert_eq!(call.args, ["contoso.sharepoint.com", "teams/hr"]);
        assert_eq!(
            sites[0].parameters(),
            ["hostname", "relative-path"],
            "{:?}",
            sites[0].segments
        );
        assert_eq!(sites[0].template, "/sites/{hostname}:/{relative-path}");
    }

    #[test]
    fn a_path_the_url_reaches_through_a_parent_is_relative_to_it() {
        let t = templates(&["/workbook/worksheets/{id|name}/charts/{name}/setData"]);
        let call = match_path(
            &t,
            "/me/drive/items/{id}/workbook/worksheets/Sheet%201/charts/c1/setData",
        )
        .unwrap();
        assert!(call.through_parent);
        assert_eq!(call.args, ["/me/drive/items/{id}", "Sheet 1", "c1"]);
        // A placeholder the example keeps is passed as written.
        let call = match_path(
            &t,
            "/me/drive/items/{id}/workbook/worksheets/{id|name}/charts/{name}/setData",
        )
        .unwrap();
        assert_eq!(call.args, ["/me/drive/items/{id}", "{id|name}", "{name}"]);
        // A path that starts with a parameter is no relative path.
        let t = templates(&["/{id}/children"]);
        assert!(match_path(&t, "/me/drive/items/1/children").is_err());
    }
}
