//! Where names are defined: by page file, by name (case-insensitively), by enum section anchor.

use std::collections::{BTreeMap, BTreeSet};

use crate::facts::PageFacts;
use crate::read::Link;

/// OData's evolvable-enum sentinel member, lower-cased as the index keeps members.
const SENTINEL: &str = "unknownfuturevalue";

#[derive(Debug, Default)]
pub struct Index {
    /// Page file stem -> the types that page defines.
    by_stem: BTreeMap<String, Vec<String>>,
    /// Lower-cased short name -> qualified names. (Hashed: every example object's
    /// `@odata.type` is looked up here; only the sets are iterated.)
    by_short: foldhash::HashMap<String, BTreeSet<String>>,
    /// Lower-cased qualified name -> qualified name.
    by_lower: foldhash::HashMap<String, String>,
    /// Lower-cased namespaces of the defined types (`microsoft.graph`, `microsoft.graph.callrecords`).
    namespaces: BTreeSet<String>,
    /// (page stem, heading anchor) -> enum, for `enums.md#accesslevel-values` links.
    anchors: BTreeMap<(String, String), String>,
    /// Lower-cased names of every documented property and relationship.
    pub property_names: BTreeSet<String>,
    /// Lower-cased names of the collection-valued ones (what a create POSTs to).
    pub collection_property_names: BTreeSet<String>,
    /// The types resource pages define (not their enums).
    resources: BTreeSet<String>,
    /// Lower-cased first segments of documented paths that other paths follow by a property
    /// name but never by a key (`deviceManagement`, `me`, `reports`): singletons, one entity
    /// each, where an entity set (`users`, followed by `{id}`) is a collection.
    pub singletons: BTreeSet<String>,
    /// Sorted lower-cased member names -> the enums with exactly those members.
    enum_sets: BTreeMap<Vec<String>, BTreeSet<String>>,
    /// Lower-cased name of several words -> where its words start, for the names the resource
    /// and enum pages define (types, and the properties and relationships of their tables);
    /// `None` where two of them spell one name with different words (`signInActivity`,
    /// `signinActivity`). See [`Index::name_words`].
    name_words: BTreeMap<String, Option<Vec<usize>>>,
}

/// See [`Index::singletons`]: read from every api page's documented paths.
fn singletons(facts: &[PageFacts]) -> BTreeSet<String> {
    let mut keyed: BTreeSet<String> = BTreeSet::new();
    let mut named: BTreeSet<String> = BTreeSet::new();
    let paths = facts
        .iter()
        .filter_map(|f| f.operation.as_ref())
        .flat_map(|op| &op.paths);
    for path in paths {
        let mut segments = super::path::syntax_segments(path);
        let Some(first) = segments.next() else {
            continue;
        };
        // `users('{id}')`: the key in parentheses.
        if let Some((name, _)) = first.split_once('(') {
            keyed.insert(name.to_lowercase());
            continue;
        }
        match segments.next() {
            Some(next) if next.starts_with('{') => keyed.insert(first.to_lowercase()),
            Some(next) if next.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) => {
                named.insert(first.to_lowercase())
            }
            _ => false,
        };
    }
    named.difference(&keyed).cloned().collect()
}

impl Index {
    pub fn new(facts: &[PageFacts]) -> Self {
        let mut index = Index::default();
        for page in facts {
            let stem = file_stem(&page.path).unwrap_or_default();
            if let Some(r) = &page.resource {
                index.define(&stem, &r.name);
                index.resources.insert(r.name.clone());
                index.spell(r.name.rsplit('.').next().unwrap_or(&r.name));
                for p in r.properties.iter().chain(&r.relationships) {
                    index.spell(&p.name);
                    index.property_names.insert(p.name.to_lowercase());
                    if p.type_cell.text.to_lowercase().contains("collection") {
                        index
                            .collection_property_names
                            .insert(p.name.to_lowercase());
                    }
                }
            }
            for e in &page.enums {
                index.spell(&e.name);
                let name = format!("{}.{}", page.namespace, e.name);
                let mut members: Vec<String> =
                    e.members.iter().map(|m| m.name.to_lowercase()).collect();
                members.sort();
                members.dedup();
                index
                    .enum_sets
                    .entry(members)
                    .or_default()
                    .insert(name.clone());
                index.define(&stem, &name);
                index
                    .anchors
                    .insert((stem.clone(), e.anchor.clone()), name.clone());
                index
                    .anchors
                    .insert((stem.clone(), e.name.to_lowercase()), name);
            }
        }
        index.singletons = singletons(facts);
        index
    }

    /// Records where the words of `name` start, when it has several.
    fn spell(&mut self, name: &str) {
        if !name.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return;
        }
        let mut starts = Vec::new();
        crate::names::word_starts(name.as_bytes(), &mut starts);
        if starts.len() < 2 {
            return;
        }
        let entry = self
            .name_words
            .entry(name.to_ascii_lowercase())
            .or_insert_with(|| Some(starts.clone()));
        if entry.as_ref().is_some_and(|known| *known != starts) {
            *entry = None;
        }
    }

    /// Where the words of `run` (a lower-cased name) start, as the one name of its letters
    /// that the resource and enum pages define spells them (`accesspackageassignmentpolicy`
    /// -> 0, 6, 13, 23); `None` for a name they do not define, define in one word, or spell
    /// in two ways.
    pub fn name_words(&self, run: &str) -> Option<&[usize]> {
        self.name_words.get(run)?.as_deref()
    }

    fn define(&mut self, stem: &str, name: &str) {
        let defined = self.by_stem.entry(stem.to_owned()).or_default();
        if !defined.iter().any(|n| n == name) {
            defined.push(name.to_owned());
        }
        let short = name.rsplit('.').next().unwrap_or(name).to_lowercase();
        self.by_short
            .entry(short)
            .or_default()
            .insert(name.to_owned());
        self.by_lower.insert(name.to_lowercase(), name.to_owned());
        if let Some((ns, _)) = name.rsplit_once('.') {
            with_lower(ns, |lower| {
                if !self.namespaces.contains(lower) {
                    self.namespaces.insert(lower.to_owned());
                }
            });
        }
    }

    /// The one documented enum whose members are exactly `values` (ignoring case, as pages
    /// write `NotStarted` and `notStarted` for one member), if there is exactly one; or `values`
    /// and `unknownFutureValue`.
    pub fn enum_with_members(&self, values: &[String]) -> Option<String> {
        let mut values: Vec<String> = values.iter().map(|v| v.to_lowercase()).collect();
        values.sort();
        values.dedup();
        let exactly = |values: &Vec<String>| match self.enum_sets.get(values) {
            Some(names) if names.len() == 1 => names.iter().next().cloned(),
            _ => None,
        };
        // `unknownFutureValue` is OData's sentinel of an evolvable enum: descriptions list the
        // values a client may send and leave it out.
        exactly(&values).or_else(|| {
            if values.iter().any(|v| v == SENTINEL) {
                return None;
            }
            let mut with = values.clone();
            with.push(SENTINEL.to_owned());
            with.sort();
            exactly(&with)
        })
    }

    /// A type defined under exactly this (case-sensitive) short name, such as `Json`: the one
    /// in `namespace` where several namespaces define it (as [`Index::lookup`] prefers), so an
    /// unlinked `modality` on a `microsoft.graph` page is not `microsoft.graph.callRecords`'.
    pub fn defined_exactly(&self, short: &str, namespace: &str) -> Option<String> {
        let mut exact = self
            .by_short
            .get(&short.to_lowercase())?
            .iter()
            .filter(|n| n.rsplit('.').next() == Some(short));
        let first = exact.next()?;
        let in_namespace = |n: &&String| n.rsplit_once('.').is_some_and(|(ns, _)| ns == namespace);
        Some(
            std::iter::once(first)
                .chain(exact)
                .find(in_namespace)
                .unwrap_or(first)
                .clone(),
        )
    }

    pub fn is_defined(&self, name: &str) -> bool {
        with_lower(name, |lower| self.by_lower.contains_key(lower))
    }

    /// A type by name: qualified exactly or case-insensitively, else by short name, preferring
    /// the given namespace, then `microsoft.graph`.
    pub fn lookup(&self, name: &str, namespace: &str) -> Option<String> {
        let name = name.trim().trim_start_matches('#');
        if let Some(n) = with_lower(name, |lower| self.by_lower.get(lower)) {
            return Some(n.clone());
        }
        let short = name.rsplit('.').next().unwrap_or(name);
        let candidates = with_lower(short, |lower| self.by_short.get(lower))?;
        if let Some((ns, _)) = name.rsplit_once('.') {
            let ns = ns.to_lowercase();
            // A qualified name in another namespace must match the namespace too, unless no
            // page uses that namespace: the old service names examples still write
            // (`#Microsoft.OutlookServices.ConversationThread`) name the one documented type of
            // that short name.
            if !self.namespaces.contains(&ns) {
                let mut only = candidates.iter();
                return match (only.next(), only.next()) {
                    (Some(one), None) => Some(one.clone()),
                    _ => None,
                };
            }
            return candidates
                .iter()
                .find(|c| {
                    c.rsplit_once('.')
                        .is_some_and(|(n, _)| n.eq_ignore_ascii_case(&ns))
                })
                .cloned();
        }
        let in_ns = |ns: &str| {
            candidates
                .iter()
                .find(|c| c.rsplit_once('.').is_some_and(|(n, _)| n == ns))
                .cloned()
        };
        in_ns(namespace)
            .or_else(|| in_ns("microsoft.graph"))
            .or_else(|| candidates.iter().next().cloned())
    }

    /// The type a link points at: by its target page (and anchor), which beats the link text.
    pub fn lookup_link(&self, link: &Link) -> Option<String> {
        let stem = file_stem(&link.target)?;
        let anchor = link
            .target
            .split_once('#')
            .map(|(_, a)| a.trim().to_lowercase());
        if let Some(anchor) = anchor {
            if let Some(name) = self.anchors.get(&(stem.clone(), anchor.clone())) {
                return Some(name.clone());
            }
            let bare = anchor.trim_end_matches("-values").to_owned();
            if let Some(name) = self.anchors.get(&(stem.clone(), bare)) {
                return Some(name.clone());
            }
        }
        match self.by_stem.get(&stem).map(Vec::as_slice) {
            Some([only]) => Some(only.clone()),
            // A resource page that also defines enums: the type the link text names, else the
            // page's resource type, defined first (`[teamsCatalogApp](teamsapp.md)`, an old
            // name, links the teamsApp page, which defines teamsAppDistributionMethod too).
            Some(several) => several
                .iter()
                .find(|n| {
                    n.rsplit('.')
                        .next()
                        .is_some_and(|s| s.eq_ignore_ascii_case(&link.text))
                })
                .or_else(|| self.resources.contains(&several[0]).then(|| &several[0]))
                .cloned(),
            None => None,
        }
    }
}

/// `f` of `name` lower-cased; a short ASCII name (nearly every one) is lower-cased on the
/// stack, as the example walks look up thousands.
fn with_lower<R>(name: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 128];
    match buf.get_mut(..name.len()) {
        Some(lower) if name.is_ascii() => {
            lower.copy_from_slice(name.as_bytes());
            lower.make_ascii_lowercase();
            f(std::str::from_utf8(lower).expect("ASCII stays UTF-8"))
        }
        _ => f(&name.to_lowercase()),
    }
}

/// Lower-cased file stem of a link target or page path: `../resources/logonuser.md#x` -> `logonuser`.
/// A full URL names one of the pages only as the docs site publishes them
/// (`https://learn.microsoft.com/en-us/graph/api/resources/logonuser?view=graph-rest-1.0`):
/// any other site's `a.md` is not a page of these docs.
pub fn file_stem(target: &str) -> Option<String> {
    if crate::facts::contains(target, "://") && !crate::facts::contains(target, "/graph/api/") {
        return None;
    }
    // Cut at the first `#` or `?` by byte (no pattern searcher for each of the many links).
    let end = target
        .bytes()
        .position(|b| b == b'#' || b == b'?')
        .unwrap_or(target.len());
    let path = &target[..end];
    let file = path.rsplit('/').next()?;
    let stem = file.strip_suffix(".md").unwrap_or(file);
    (!stem.is_empty() && !stem.contains(':')).then(|| stem.to_lowercase())
}

/// Whether a link's text (`mobileLobApp`, `microsoft.graph.x`: its last dotted part) is the
/// file name of the page it targets, after any prefix (`intune-apps-mobilelobapp.md`): the link
/// names that page's type even where the page is not read.
pub fn link_names_its_page(link: &crate::read::Link) -> bool {
    let Some(stem) = file_stem(&link.target) else {
        return false;
    };
    let lower = link.text.trim().to_ascii_lowercase();
    let short = lower.rsplit('.').next().unwrap_or(&lower);
    stem == short
        || stem
            .strip_suffix(short)
            .is_some_and(|prefix| prefix.ends_with('-'))
}

#[cfg(test)]
mod tests {
    use super::Index;

    #[test]
    fn file_stems_cut_targets_as_the_str_patterns_do() {
        let by_patterns = |target: &str| {
            if target.contains("://") && !target.contains("/graph/api/") {
                return None;
            }
            let path = target.split(['#', '?']).next()?;
            let file = path.rsplit('/').next()?;
            let stem = file.strip_suffix(".md").unwrap_or(file);
            (!stem.is_empty() && !stem.contains(':')).then(|| stem.to_lowercase())
        };
        for target in [
            "../resources/logonuser.md#x",
            "user.md?view=graph-rest-1.0",
            "https://example.com/a.md",
            "https://learn.microsoft.com/en-us/graph/api/resources/logonUser?view=graph-rest-1.0",
            "https://docs.microsoft.com/graph/api/user-get?view=graph-rest-1.0#request",
            "#anchor",
            "",
            "a/b/",
            "dir/ü:x.md",
            "../Resources/LogonUser.MD",
            "x.md.md#y?z",
        ] {
            assert_eq!(super::file_stem(target), by_patterns(target), "{target}");
        }
        // The docs site's URL of a page names it; another site's `.md` names none.
        let stem = |t: &str| super::file_stem(t);
        assert_eq!(
            stem("https://learn.microsoft.com/en-us/graph/api/resources/logonUser?view=graph-rest-1.0")
                .as_deref(),
            Some("logonuser")
        );
        assert_eq!(stem("https://example.com/resources/logonuser.md"), None);
    }

    #[test]
    fn names_are_found_without_case_however_long_or_spelled() {
        let mut index = Index::default();
        let long = format!("microsoft.graph.{}", "veryLongName".repeat(12));
        for name in [
            "microsoft.graph.logonUser",
            long.as_str(),
            "microsoft.graph.Ünïcode",
        ] {
            index.define("page", name);
        }
        let upper = long.to_uppercase();
        assert_eq!(index.lookup(&upper, "x").as_deref(), Some(long.as_str()));
        assert!(index.is_defined("MICROSOFT.GRAPH.LOGONUSER"));
        assert_eq!(
            index.lookup("#LogonUser", "microsoft.graph").as_deref(),
            Some("microsoft.graph.logonUser")
        );
        assert_eq!(
            index.lookup("ÜNÏCODE", "microsoft.graph").as_deref(),
            Some("microsoft.graph.Ünïcode")
        );
        assert!(index.lookup("missing", "microsoft.graph").is_none());
    }

    #[test]
    fn a_namespace_no_page_uses_names_the_one_type_of_its_short_name() {
        let mut index = Index::default();
        for name in [
            "microsoft.graph.conversationThread",
            "microsoft.graph.session",
            "microsoft.graph.callRecords.session",
        ] {
            index.define("page", name);
        }
        // An old service's namespace in an example's `@odata.type`.
        assert_eq!(
            index
                .lookup(
                    "#Microsoft.OutlookServices.ConversationThread",
                    "microsoft.graph"
                )
                .as_deref(),
            Some("microsoft.graph.conversationThread")
        );
        // Two documented types of that short name: none is guessed.
        assert!(
            index
                .lookup("Other.Service.session", "microsoft.graph")
                .is_none()
        );
        // A namespace pages use must match.
        assert!(
            index
                .lookup(
                    "microsoft.graph.callRecords.conversationThread",
                    "microsoft.graph"
                )
                .is_none()
        );
        assert_eq!(
            index
                .lookup("microsoft.graph.callRecords.session", "microsoft.graph")
                .as_deref(),
            Some("microsoft.graph.callRecords.session")
        );
    }
}
