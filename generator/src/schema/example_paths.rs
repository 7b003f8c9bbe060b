//! Paths a page's request examples call that its syntax blocks do not list
//! (`GET /me/ownedObjects` where the syntax has only `/users/{id | userPrincipalName}/...`,
//! `/me/drive/root/children` beside `/me/drive/items/{id}/children`, `usedRange(valuesOnly=true)`
//! for a syntax's bare `usedRange`). The page documents such a path by calling it, so it becomes
//! one more path of the operation, with a warning that names both places.
//!
//! A path is taken from an example only where it shares its end with a documented path (the
//! part that says which operation is called): the documented path's segments stand where the two
//! agree, the example's own segments elsewhere, with the values it fills in (keys, function
//! arguments, item paths) made parameters. Where no documented path shares its end, one that is
//! the example but for a last key is taken too, where the example addresses one item (no list
//! page, no `{"value": [...]}` response): an item of the listed collection, or the whole the
//! syntax's last parameter names a part of; on any page, a documented path cast to a type
//! (`.../transitiveMembers/microsoft.graph.user`), or whose last segment the example calls by
//! its qualified name (`microsoft.graph.security.close`). An example whose end differs otherwise (`/groups/{id}` for `.../members/$ref`, an upload to another host)
//! stays unmatched, and its test says so.

use super::OperationKind;
use super::path::{Argument, PathTemplate, Segment, render, split_segments};
use super::request_examples::{match_path, split_base};
use crate::diag::{Code, Diagnostic, Severity};
use crate::facts::{OperationFacts, PageFacts};

/// Adds to `templates` (and `paths`) each path a request example of `op` calls that none of
/// them fits, where one can be derived. Returns the lines of the request examples to Graph
/// that still fit none of them, or that send another method (`elsewhere::route` reads them).
pub fn adopt(
    page: &PageFacts,
    op: &OperationFacts,
    kind: OperationKind,
    paths: &mut Vec<String>,
    templates: &mut Vec<PathTemplate>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<usize> {
    let mut unmatched = Vec::new();
    for (i, example) in op.examples.iter().enumerate().filter(|(_, e)| e.request) {
        let (Some(target), Some(method)) = (&example.target, &example.method) else {
            continue;
        };
        if templates.is_empty() {
            unmatched.push(example.line);
            continue;
        }
        // The response shown after it: a `{"value": [...]}` page says the example lists.
        let lists = op.examples[i + 1..]
            .iter()
            .take_while(|e| !e.request)
            .filter_map(|e| e.body.as_ref())
            .any(|b| b.get("value").is_some_and(serde_json::Value::is_array));
        let item = kind != OperationKind::List && !lists;
        // Another operation's example (the page shows a follow-up call), or another service's
        // URL (an upload session's).
        if !method.trim().eq_ignore_ascii_case(&op.method) {
            unmatched.push(example.line);
            continue;
        }
        let (base, target) = split_base(target);
        if !base.starts_with("https://graph.microsoft.com") {
            continue;
        }
        if match_path(templates, &target).is_ok() {
            continue;
        }
        let path = target.split('?').next().unwrap_or(&target);
        let Some(mut derived) = derive(templates, path, item) else {
            unmatched.push(example.line);
            continue;
        };
        let source = format!("{}:{}", page.path, example.line);
        derived.example = Some(source);
        diags.push(
            Diagnostic::new(
                Severity::Warning,
                Code::Conflict,
                &page.path,
                example.line,
                1,
            )
            .message(format!(
                "the request example calls `{path}`, a path no syntax block lists \
                     ({}): the request type offers `{}` too",
                listed(templates),
                derived.template
            ))
            .help("list the path in the HTTP request section, or correct the example"),
        );
        paths.push(derived.template.clone());
        templates.push(derived);
    }
    unmatched
}

/// `they list `/a`, `/b` and 3 more`: the documented paths, the first few.
fn listed(templates: &[PathTemplate]) -> String {
    let shown: Vec<String> = templates
        .iter()
        .take(3)
        .map(|t| format!("`{}`", t.template))
        .collect();
    match templates.len().saturating_sub(shown.len()) {
        0 => format!("they list {}", shown.join(", ")),
        more => format!("they list {} and {more} more", shown.join(", ")),
    }
}

/// The path `example` calls, as a template: aligned with the documented template that shares
/// the longest end with it (and then the longest start).
/// `item`: the example addresses one item (the operation is no list, and the response the page
/// shows after the example is no `{"value": [...]}` page), so a documented path one last key
/// apart from it is the same operation.
pub fn derive(templates: &[PathTemplate], example: &str, item: bool) -> Option<PathTemplate> {
    let parsed = PathTemplate::parse(example);
    if split_segments(&parsed.template).len() != parsed.segments.len() {
        return None;
    }
    let e = &parsed.segments;
    let best = templates
        .iter()
        .filter(|t| !t.relative)
        .filter_map(|t| {
            let (tail, tail_len) = align_end(&t.segments, e);
            if tail_len == 0 {
                return None;
            }
            let t_rest = &t.segments[..t.segments.len() - tail_len];
            let e_rest = &e[..e.len() - tail.len()];
            let head = align_start(t_rest, e_rest);
            Some((tail_len, head.len(), head, tail, e_rest.len()))
        })
        .fold(
            None::<(usize, usize, Vec<Segment>, Vec<Segment>, usize)>,
            |best, c| match &best {
                Some(b) if (b.0, b.1) >= (c.0, c.1) => best,
                _ => Some(c),
            },
        );
    let segments: Vec<Segment> = match best {
        Some((_, _, head, tail, e_rest_len)) => {
            let middle = e[head.len()..e_rest_len].iter().map(own_segment);
            head.into_iter().chain(middle).chain(tail).collect()
        }
        None => cast_of(templates, e)
            .or_else(|| qualified_of(templates, e))
            .or_else(|| item.then(|| one_key_apart(templates, e)).flatten())?,
    };
    if templates.iter().any(|t| t.segments == segments) {
        return None;
    }
    Some(PathTemplate {
        template: render(&segments),
        segments,
        relative: false,
        example: None,
        url: false,
    })
}

/// A documented path the example casts (`/groups/{id}/transitiveMembers/microsoft.graph.user`
/// for `/groups/{id}/transitiveMembers`): the same operation, answering the cast type.
fn cast_of(templates: &[PathTemplate], e: &[Segment]) -> Option<Vec<Segment>> {
    let (last @ Segment::Cast { .. }, rest) = e.split_last()? else {
        return None;
    };
    templates
        .iter()
        .filter(|t| !t.relative && t.segments.len() == rest.len())
        .find_map(|t| {
            let head = align_start(&t.segments, rest);
            (head.len() == rest.len()).then(|| head.into_iter().chain([last.clone()]).collect())
        })
}

/// A documented path whose last segment the example calls by its qualified name
/// (`.../{id}/microsoft.graph.security.close` for `.../{id}/close`,
/// `ns.summary(from=...)` for `summary(from={from})`): OData's form of a bound call, which
/// the service requires outside its default namespace. The example's name, the template's
/// arguments.
fn qualified_of(templates: &[PathTemplate], e: &[Segment]) -> Option<Vec<Segment>> {
    let (last, rest) = e.split_last()?;
    let ends_in = |qualified: &str, bare: &str| {
        qualified
            .rsplit_once('.')
            .is_some_and(|(_, b)| b.eq_ignore_ascii_case(bare))
    };
    templates
        .iter()
        .filter(|t| !t.relative && t.segments.len() == e.len())
        .find_map(|t| {
            let (t_last, t_rest) = t.segments.split_last()?;
            let called = match (t_last, last) {
                (Segment::Literal { text }, Segment::Cast { type_name })
                    if ends_in(type_name, text) =>
                {
                    last.clone()
                }
                (
                    Segment::Function { name, args },
                    Segment::Function {
                        name: qualified, ..
                    },
                ) if ends_in(qualified, name) => Segment::Function {
                    name: qualified.clone(),
                    args: args.clone(),
                },
                _ => return None,
            };
            let head = align_start(t_rest, rest);
            (head.len() == rest.len()).then(|| head.into_iter().chain([called]).collect())
        })
}

/// Where no documented path shares the example's end, one may be the example but for a last
/// key: the syntax leaves out the key the example addresses its item with
/// (`.../swapShiftsChangeRequests` for `.../swapShiftsChangeRequests/{id}`), or the example
/// addresses what the syntax's last parameter is a part of (`/branding` for
/// `/branding/{property name}`).
fn one_key_apart(templates: &[PathTemplate], e: &[Segment]) -> Option<Vec<Segment>> {
    templates.iter().filter(|t| !t.relative).find_map(|t| {
        let t = &t.segments;
        let last = e.last()?;
        let key = match last {
            Segment::Parameter { .. } => true,
            Segment::Literal { text } => looks_like_key(text),
            _ => false,
        };
        if key && e.len() == t.len() + 1 && matches!(t.last(), Some(Segment::Literal { .. })) {
            let head = align_start(t, &e[..t.len()]);
            return (head.len() == t.len())
                .then(|| head.into_iter().chain([own_segment(last)]).collect());
        }
        if e.len() + 1 == t.len() && matches!(t.last(), Some(Segment::Parameter { .. })) {
            let head = align_start(&t[..e.len()], e);
            return (head.len() == e.len()).then_some(head);
        }
        None
    })
}

/// The segments both paths end with, as the template writes them (with the example's function
/// arguments where the template has none), and how many of the template's they cover. A key
/// parameter counts only with its collection (`messages/{id}` against `messages/AAMk=`).
fn align_end(t: &[Segment], e: &[Segment]) -> (Vec<Segment>, usize) {
    let (mut i, mut j) = (t.len(), e.len());
    let mut out = Vec::new();
    while i > 0 && j > 0 {
        if let Segment::Parameter { .. } = &t[i - 1] {
            // A leading parameter (`/{id}/children`) has no collection to check.
            if i < 2 || j < 2 || !same_name(&t[i - 2], &e[j - 2]) {
                break;
            }
            out.push(t[i - 1].clone());
            out.push(t[i - 2].clone());
            i -= 2;
            j -= 2;
            continue;
        }
        match agree(&t[i - 1], &e[j - 1]) {
            Some(s) => out.push(s),
            None => break,
        }
        i -= 1;
        j -= 1;
    }
    out.reverse();
    (out, t.len() - i)
}

/// Like `align_end`, from the start: the segments both paths begin with.
fn align_start(t: &[Segment], e: &[Segment]) -> Vec<Segment> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < t.len() && j < e.len() {
        if let Segment::Parameter { .. } = &t[i] {
            // Only as a key after a collection both name, which the last step took.
            if i == 0 || j == 0 || !same_name(&t[i - 1], &e[j - 1]) {
                break;
            }
            out.push(t[i].clone());
        } else {
            match agree(&t[i], &e[j]) {
                Some(s) => out.push(s),
                None => break,
            }
        }
        i += 1;
        j += 1;
    }
    out
}

fn same_name(t: &Segment, e: &Segment) -> bool {
    matches!((t, e), (Segment::Literal { text: a }, Segment::Literal { text: b })
        if a.eq_ignore_ascii_case(b))
}

/// One segment both paths have, as the derived path writes it; `None` where they differ.
fn agree(t: &Segment, e: &Segment) -> Option<Segment> {
    let same = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
    match (t, e) {
        (Segment::Literal { text: a }, Segment::Literal { text: b })
        | (Segment::Cast { type_name: a }, Segment::Cast { type_name: b })
        | (Segment::System { name: a }, Segment::System { name: b })
            if same(a, b) =>
        {
            Some(t.clone())
        }
        // A function the syntax writes bare, or with other arguments: the example's arguments;
        // one the example calls bare (its parameters left to their defaults): bare.
        (Segment::Literal { text: a }, Segment::Function { name: b, .. }) if same(a, b) => {
            Some(own_segment(e))
        }
        (Segment::Function { name: a, .. }, Segment::Literal { text: b }) if same(a, b) => {
            Some(e.clone())
        }
        (Segment::Function { name: a, args: ta }, Segment::Function { name: b, args: ea })
            if same(a, b) =>
        {
            let names = |args: &[Argument]| {
                let mut n: Vec<String> = args.iter().map(|a| a.name.to_lowercase()).collect();
                n.sort();
                n
            };
            Some(if names(ta) == names(ea) {
                t.clone()
            } else {
                own_segment(e)
            })
        }
        (Segment::Key { collection: a, .. }, Segment::Key { collection: b, .. })
        | (Segment::PathAddress { base: a, .. }, Segment::PathAddress { base: b, .. })
            if same(a, b) =>
        {
            Some(t.clone())
        }
        _ => None,
    }
}

/// An example's segment in a derived path: the values it fills in become parameters.
fn own_segment(e: &Segment) -> Segment {
    match e {
        Segment::Literal { text } if looks_like_key(text) => Segment::Parameter {
            names: vec!["id".to_owned()],
        },
        Segment::Function { name, args } => Segment::Function {
            name: name.clone(),
            args: args
                .iter()
                .map(|a| Argument {
                    name: a.name.clone(),
                    parameter: Some(a.parameter.clone().unwrap_or_else(|| a.name.clone())),
                    literal: None,
                    quoted: a.quoted,
                })
                .collect(),
        },
        Segment::Key {
            collection,
            names,
            quoted,
            literal: true,
        } => Segment::Key {
            collection: collection.clone(),
            names: if names.iter().any(|n| looks_like_key(n)) || names.is_empty() {
                vec!["id".to_owned()]
            } else {
                names.clone()
            },
            quoted: *quoted,
            literal: false,
        },
        Segment::PathAddress {
            base,
            literal: true,
            base_parameter,
            open,
            ..
        } => Segment::PathAddress {
            base: base.clone(),
            names: vec!["item-path".to_owned()],
            literal: false,
            base_parameter: *base_parameter,
            open: *open,
        },
        other => other.clone(),
    }
}

/// A segment that is a value, not a name: Graph's names are camelCase words (`oauth2Grants`,
/// `b2xUserFlows`); keys carry separators (`B2X_1_Partner`, `19:abc@thread.v2`, base64 `=`),
/// digit runs (`TSP228082938`) or GUIDs.
fn looks_like_key(text: &str) -> bool {
    let digits = text.bytes().filter(u8::is_ascii_digit).count();
    text.contains(['-', '_', '=', '@', ':', '%', '!', '~', ' '])
        || digits >= 3
        || (digits > 0 && text.starts_with(|c: char| c.is_ascii_uppercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn derived(documented: &[&str], example: &str) -> Option<String> {
        let templates: Vec<PathTemplate> = documented
            .iter()
            .map(|p| PathTemplate::documented(p))
            .collect();
        derive(&templates, example, true).map(|t| t.template)
    }

    #[test]
    fn another_parent_keeps_the_documented_end() {
        assert_eq!(
            derived(
                &["/users/{id | userPrincipalName}/ownedObjects"],
                "/me/ownedObjects"
            )
            .as_deref(),
            Some("/me/ownedObjects")
        );
        assert_eq!(
            derived(
                &["/users/{id|userPrincipalName}/messages/{id}/extensions/{extensionId}"],
                "/me/messages/AAMkAGE1M2I===/extensions/Com.Contoso.Referral"
            )
            .as_deref(),
            Some("/me/messages/{id}/extensions/{extensionId}")
        );
        assert_eq!(
            derived(
                &["/me/drive/items/{parent-item-id}/children"],
                "/me/drive/root/children"
            )
            .as_deref(),
            Some("/me/drive/root/children")
        );
    }

    #[test]
    fn a_last_key_the_syntax_leaves_out_or_adds_is_the_only_difference_taken() {
        let swaps = ["/teams/{teamId}/schedule/swapShiftsChangeRequests"];
        let by_key =
            "/teams/{teamId}/schedule/swapShiftsChangeRequests/{swapShiftsChangeRequestId}";
        assert_eq!(
            derived(&swaps, by_key).as_deref(),
            Some("/teams/{teamId}/schedule/swapShiftsChangeRequests/{swapShiftsChangeRequestId}")
        );
        assert_eq!(
            derived(
                &["/communications/presences"],
                "/communications/presences/dc74d9bb-6afe-433d-8eaa-e39d80d3a647"
            )
            .as_deref(),
            Some("/communications/presences/{id}")
        );
        // A list operation's example of one item is another operation.
        let templates = [PathTemplate::documented(swaps[0])];
        assert_eq!(derive(&templates, by_key, false), None);
        assert_eq!(
            derived(
                &["/organization/{tenant id}/branding/{property name}"],
                "/organization/d69179bf-f4a4-41a9-a9de-249c0f2efb1d/branding"
            )
            .as_deref(),
            Some("/organization/{tenant id}/branding")
        );
        // A cast of a documented path, on any page.
        let members = [PathTemplate::documented("/groups/{id}/transitiveMembers")];
        let cast = "/groups/{id}/transitivemembers/microsoft.graph.group";
        assert_eq!(
            derive(&members, cast, false).map(|t| t.template).as_deref(),
            Some("/groups/{id}/transitiveMembers/microsoft.graph.group")
        );
        // A name where the key would go, or a parent two segments up, is no such example.
        assert_eq!(
            derived(
                &swaps,
                "/teams/{teamId}/schedule/swapShiftsChangeRequests/count"
            ),
            None
        );
        assert_eq!(
            derived(&["/groups/{id}/members/{id}"], "/groups/{id}"),
            None
        );
    }

    #[test]
    fn values_the_example_fills_in_become_parameters() {
        assert_eq!(
            derived(
                &["/identity/b2xUserFlows/{id}/languages/{id}/overridesPages/$value"],
                "/identity/b2xUserFlows/B2X_1_Partner/languages/en/overridesPages/selfasserted1_1/$value"
            )
            .as_deref(),
            Some("/identity/b2xUserFlows/{id}/languages/{id}/overridesPages/{id}/$value")
        );
        assert_eq!(
            derived(
                &["/workbook/worksheets/{id|name}/usedRange"],
                "/me/drive/items/{id}/workbook/worksheets/{id|name}/usedRange(valuesOnly=true)"
            )
            .as_deref(),
            Some(
                "/me/drive/items/{id}/workbook/worksheets/{id | name}/usedRange(valuesOnly={valuesOnly})"
            )
        );
    }

    #[test]
    fn an_example_whose_end_differs_gives_no_path() {
        assert_eq!(
            derived(&["/groups/{id}/members/$ref"], "/groups/{id}"),
            None
        );
        assert_eq!(
            derived(
                &["/devices/{id}/registeredOwners/$ref"],
                "/devices/{id}/registeredOwners"
            ),
            None
        );
        assert_eq!(
            derived(
                &["/me/drive/items/{id}/createUploadSession"],
                "/up/fe6987415ace7X4e"
            ),
            None
        );
    }

    #[test]
    fn values_a_syntax_block_fills_in_are_parameters() {
        let t = PathTemplate::documented(
            "/education/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/assignments/cf6005fc-9e13-44a2-a6ac-a53322006454",
        );
        assert_eq!(t.template, "/education/classes/{id}/assignments/{id}");
        let t = PathTemplate::documented(
            "/me/drive/root/workbook/worksheets/{id}/range/columnsAfter(count=n)",
        );
        assert_eq!(
            t.template,
            "/me/drive/root/workbook/worksheets/{id}/range/columnsAfter(count={count})"
        );
        let t = PathTemplate::documented("/chats/19:d657@thread.v2/tabs");
        assert_eq!(t.template, "/chats/19:d657@thread.v2/tabs");
    }
}
