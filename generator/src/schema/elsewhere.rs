//! A request example that calls a path its own page does not document, but another page does
//! with the same method (`rangeformat-update.md` patching `.../format/fill`, which
//! `rangefill-update.md` documents; `photo-get.md` reading `/photo/$value`, which
//! `profilephoto-get.md` documents), is a call of that other page's operation: the same method
//! and path are the same endpoint. Its body is read as that operation's body, the response shown
//! after it as that operation's response, and its test rebuilds it with that request type.
//! Before, such an example was read as its own page's operation, and its keys were taken for
//! undocumented properties of the wrong type.

use std::cell::OnceCell;

use super::path::{PathTemplate, Segment};
use super::request_examples::{Target, match_documented_target, split_base};
use super::{Operation, page_operations, split_source};
use crate::facts::PageFacts;

/// Records on each page's operations (`Operation::calls_elsewhere`) the request examples that
/// fit no path of the page's operations but one of another page's operation with the method
/// they send. Run once the operations' paths are final; the example walks read it.
pub fn route(facts: &[PageFacts], operations: &mut [Operation]) {
    let mut routes: Vec<(&str, usize, String)> = Vec::new();
    {
        let ops = page_operations(operations);
        let elsewhere = Elsewhere::new(
            operations
                .iter()
                .filter(|o| !o.at_url() && !o.mentioned)
                .collect(),
        );
        for page in facts {
            let Some(of) = &page.operation else { continue };
            let own = ops.all(&page.path);
            if own.is_empty() {
                continue;
            }
            // The names the page's own paths start with (`workbook`).
            let starts: Vec<String> = (own.iter())
                .flat_map(|o| o.path_templates.iter().filter_map(first_name))
                .collect();
            // Only those an operation's paths did not fit (`example_paths::adopt`).
            let unmatched: Vec<usize> = (own.iter())
                .flat_map(|o| o.unmatched_examples.iter().copied())
                .collect();
            if unmatched.is_empty() {
                continue;
            }
            let examples = of.examples.iter().filter(|e| unmatched.contains(&e.line));
            for e in examples.filter(|e| e.request && !e.calls_url()) {
                let (Some(target), Some(method)) = (&e.target, &e.method) else {
                    continue;
                };
                let (base, path) = split_base(target);
                let Ok(read) = Target::new(&path) else {
                    continue;
                };
                let fits = |o: &&Operation| {
                    match_documented_target(&o.path_templates, &o.paths, &read).is_ok()
                };
                if own.iter().any(fits) {
                    continue;
                }
                let own_start = |name: &str| starts.iter().any(|s| s == name);
                if let Some(o) = elsewhere.called(&page.path, (method, &base, &read), own_start) {
                    routes.push((page.path.as_str(), e.line, o.source.clone()));
                }
            }
        }
    }
    if routes.is_empty() {
        return;
    }
    let mut by_page: foldhash::HashMap<&str, Vec<(usize, String)>> = Default::default();
    for (page, line, source) in routes {
        by_page.entry(page).or_default().push((line, source));
    }
    for op in operations
        .iter_mut()
        .filter(|o| !o.at_url() && !o.mentioned)
    {
        if let Some(found) = by_page.get(split_source(&op.source).0) {
            op.calls_elsewhere.extend(found.iter().cloned());
        }
    }
}

/// Every page's operations by method and by what their paths end with, built on first use
/// (only examples that fit none of their page's paths ask).
struct Elsewhere<'o> {
    operations: Vec<&'o Operation>,
    by_end: OnceCell<foldhash::HashMap<(&'o str, String), Vec<&'o Operation>>>,
}

impl<'o> Elsewhere<'o> {
    fn new(operations: Vec<&'o Operation>) -> Self {
        Elsewhere {
            operations,
            by_end: OnceCell::new(),
        }
    }

    /// The operation of a page other than `page` that documents `method` (as the example sends
    /// it) to the path of `target`: of several, one the whole path fits before one reached through
    /// a parent resource, then the first by page and line. `None` for a URL off Graph.
    /// `own_start`: whether the example's page writes a path that starts with a name.
    fn called(
        &self,
        page: &str,
        (method, base, target): (&str, &str, &Target),
        own_start: impl Fn(&str) -> bool,
    ) -> Option<&'o Operation> {
        if !base.starts_with("https://graph.microsoft.com") {
            return None;
        }
        let method = method.trim().to_ascii_uppercase();
        let end = end_of(target.segments())?;
        let by_end = self.by_end.get_or_init(|| self.index());
        let length = target.segments().len();
        [end, String::new()]
            .into_iter()
            .filter_map(|end| by_end.get(&(method.as_str(), end)))
            .flatten()
            // As long as the target, or shorter where reached through a parent.
            .filter(|o| o.path_templates.iter().any(|t| t.segments.len() <= length))
            .filter(|o| split_source(&o.source).0 != page)
            .filter_map(|o| {
                let call = match_documented_target(&o.path_templates, &o.paths, target).ok()?;
                // Reached through a parent only where the example's own page writes its paths
                // from the same first name (`/workbook/...`, which its examples call through
                // `/me/drive/items/{id}`): `/users/{id}` is no end of
                // `/education/schools/{id}/users/{id}`.
                if call.through_parent
                    && !first_name(&o.path_templates[call.template]).is_some_and(|n| own_start(&n))
                {
                    return None;
                }
                // A value with brackets is no key: a segment the target writes as a call
                // (`viewees(viewees=[`) would otherwise stand for another path's `{id}`.
                let parent = usize::from(call.through_parent);
                if call.args[parent..]
                    .iter()
                    .any(|a| a.contains(['(', '[', ']', ')']))
                {
                    return None;
                }
                Some(((call.through_parent, o.source.as_str()), *o))
            })
            .min_by(|a, b| a.0.cmp(&b.0))
            .map(|(_, o)| o)
    }

    fn index(&self) -> foldhash::HashMap<(&'o str, String), Vec<&'o Operation>> {
        let mut by_end: foldhash::HashMap<_, Vec<&Operation>> = Default::default();
        for &op in &self.operations {
            let mut ends: Vec<String> = (op.path_templates.iter())
                .filter_map(|t| end_of(&t.segments))
                .collect();
            ends.sort();
            ends.dedup();
            for end in ends {
                by_end
                    .entry((op.method.as_str(), end))
                    .or_default()
                    .push(op);
            }
        }
        by_end
    }
}

/// The name a path starts with (`workbook`), lower-cased; `None` where it starts with a value.
fn first_name(template: &PathTemplate) -> Option<String> {
    match template.segments.first()? {
        Segment::Literal { text } => Some(text.to_ascii_lowercase()),
        _ => None,
    }
}

/// What a path's last segment names, lower-cased (`fill`, `$value`, `rowsbelow`, the collection
/// of a key); empty where any value may stand (a parameter, an item path). `None` for no path.
fn end_of(segments: &[Segment]) -> Option<String> {
    let end = match segments.last()? {
        Segment::Literal { text } => text,
        Segment::Function { name, .. } | Segment::System { name } => name,
        Segment::Key { collection, .. } => collection,
        Segment::Cast { type_name } => type_name,
        Segment::Parameter { .. } | Segment::PathAddress { .. } => return Some(String::new()),
    };
    Some(end.to_ascii_lowercase())
}
