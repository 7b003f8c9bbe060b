//! One input that holds several versions of the same docs: a checkout's root above
//! `api-reference/v1.0/` and `api-reference/beta/`. Read as one, the two versions' pages of a
//! type would be merged into one schema (`user` from beta beside `group` from v1.0), so the
//! builder stops and names a version to give instead.
//!
//! A doc root is the directory above a page's `api/` or `resources/` folder. Two roots are two
//! versions when they hold the same page paths below them (two at least, and a tenth of the
//! smaller one's: hand-edited v1.0 pages of 2021 and the beta doc stubs share 1,000 of 3,341):
//! docs split by topic (`teams/api/`, `mail/api/`) share none, or a page or so, and are read
//! together.

use std::collections::{BTreeMap, BTreeSet};

/// Two doc roots of one input that are versions of the same docs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Versions {
    /// The roots, below the input (`api-reference/beta`, `api-reference/v1.0`), in name order.
    pub roots: (String, String),
    /// How many page paths both hold, and the first of them (`api/user-get.md`).
    pub shared: usize,
    pub example: String,
}

/// The two roots among the display paths of one input's pages (`/`-separated, below the input)
/// that share the most page paths, when they are versions of the same docs.
pub fn find(pages: &[&str]) -> Option<Versions> {
    // Root -> the page paths below it (from its `api/` or `resources/` on).
    let mut roots: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for page in pages {
        if let Some((root, below)) = split_root(page) {
            roots.entry(root).or_default().insert(below);
        }
    }
    let roots: Vec<(&str, BTreeSet<&str>)> = roots.into_iter().collect();
    let mut best: Option<Versions> = None;
    for (i, (a, a_pages)) in roots.iter().enumerate() {
        for (b, b_pages) in &roots[i + 1..] {
            let mut shared = a_pages.intersection(b_pages);
            let Some(example) = shared.next() else {
                continue;
            };
            let count = 1 + shared.count();
            let versions = count >= 2 && count * 10 >= a_pages.len().min(b_pages.len());
            if versions && best.as_ref().is_none_or(|v| count > v.shared) {
                best = Some(Versions {
                    roots: ((*a).to_owned(), (*b).to_owned()),
                    shared: count,
                    example: (*example).to_owned(),
                });
            }
        }
    }
    best
}

/// `api-reference/beta/api/user-get.md` -> (`api-reference/beta`, `api/user-get.md`): split at
/// the last `api` or `resources` folder; `None` for a page in neither.
fn split_root(page: &str) -> Option<(&str, &str)> {
    let mut at = None;
    let mut start = 0;
    for segment in page.split('/') {
        let end = start + segment.len();
        // A folder, not the page's own file name.
        if end < page.len() && matches!(segment, "api" | "resources") {
            at = Some(start);
        }
        start = end + 1;
    }
    let at = at?;
    Some((page[..at].trim_end_matches('/'), &page[at..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_root_is_the_folder_above_api_or_resources() {
        assert_eq!(
            split_root("api-reference/beta/api/user-get.md"),
            Some(("api-reference/beta", "api/user-get.md"))
        );
        assert_eq!(split_root("api/user-get.md"), Some(("", "api/user-get.md")));
        assert_eq!(split_root("concepts/api.md"), None);
        assert_eq!(
            split_root("v1/resources/api/x.md"),
            Some(("v1/resources", "api/x.md"))
        );
    }

    #[test]
    fn roots_sharing_their_pages_are_versions_and_topics_are_not() {
        let pages = [
            "api-reference/beta/api/user-get.md",
            "api-reference/beta/api/group-get.md",
            "api-reference/beta/resources/user.md",
            "api-reference/v1.0/api/user-get.md",
            "api-reference/v1.0/resources/user.md",
            "concepts/overview.md",
        ];
        assert_eq!(
            find(&pages),
            Some(Versions {
                roots: ("api-reference/beta".into(), "api-reference/v1.0".into()),
                shared: 2,
                example: "api/user-get.md".into(),
            })
        );
        let topics = [
            "teams/api/team-get.md",
            "teams/resources/team.md",
            "mail/api/message-get.md",
            "mail/resources/message.md",
        ];
        assert_eq!(find(&topics), None);
        // One root, as `docs-input/` is.
        assert_eq!(find(&["api/a.md", "resources/b.md"]), None);
    }
}
