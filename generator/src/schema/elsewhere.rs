//! A request example that calls a path its own page does not document, but another page does
//! with the same method (`rangeformat-update.md` patching `.../format/fill`, which
//! `rangefill-update.md` documents; `photo-get.md` reading `/photo/$value`, which
//! `profilephoto-get.md` documents), is a call of that other page's operation: the same method
//! and path are the same endpoint. Its body is read as that operation's body, the response shown
//! after it as that operation's response, and its test rebuilds it with that request type.
//! Before, such an example was read as its own page's operation, and its keys were taken for
//! undocumented properties of the wrong type.

use std::cell::OnceCell;

use super::Operation;
use super::path::{PathTemplate, Segment};
use super::request_examples::{match_documented, split_base};

/// Every page's operations by method and by what their paths end with, built on first use
/// (only examples that fit none of their page's paths ask).
#[derive(Default)]
pub struct Elsewhere<'o> {
    operations: Vec<&'o Operation>,
    by_end: OnceCell<foldhash::HashMap<(&'o str, String), Vec<&'o Operation>>>,
}

impl<'o> Elsewhere<'o> {
    pub fn new(operations: Vec<&'o Operation>) -> Self {
        Elsewhere {
            operations,
            by_end: OnceCell::new(),
        }
    }

    /// The operation of a page other than `page` that documents `method` (as the example sends
    /// it) to the path of `target`: of several, one the whole path fits before one reached through
    /// a parent resource, then the first by page and line. `None` for a URL off Graph.
    /// `own_start`: whether the example's page writes a path that starts with a name.
    pub fn called(
        &self,
        page: &str,
        (method, target): (&str, &str),
        own_start: impl Fn(&str) -> bool,
    ) -> Option<&'o Operation> {
        let (base, path) = split_base(target);
        if !base.starts_with("https://graph.microsoft.com") {
            return None;
        }
        let method = method.trim().to_ascii_uppercase();
        let end = end_of(&PathTemplate::parse(
            path.split('?').next().unwrap_or(&path),
        ))?;
        let by_end = self.by_end.get_or_init(|| self.index());
        [end, String::new()]
            .into_iter()
            .filter_map(|end| by_end.get(&(method.as_str(), end)))
            .flatten()
            .filter(|o| super::split_source(&o.source).0 != page)
            .filter_map(|o| {
                let call = match_documented(&o.path_templates, &o.paths, &path).ok()?;
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
            let mut ends: Vec<String> = op.path_templates.iter().filter_map(end_of).collect();
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
pub fn first_name(template: &PathTemplate) -> Option<String> {
    match template.segments.first()? {
        Segment::Literal { text } => Some(text.to_ascii_lowercase()),
        _ => None,
    }
}

/// What a path's last segment names, lower-cased (`fill`, `$value`, `rowsbelow`, the collection
/// of a key); empty where any value may stand (a parameter, an item path). `None` for no path.
fn end_of(template: &PathTemplate) -> Option<String> {
    let end = match template.segments.last()? {
        Segment::Literal { text } => text,
        Segment::Function { name, .. } | Segment::System { name } => name,
        Segment::Key { collection, .. } => collection,
        Segment::Cast { type_name } => type_name,
        Segment::Parameter { .. } | Segment::PathAddress { .. } => return Some(String::new()),
    };
    Some(end.to_ascii_lowercase())
}
