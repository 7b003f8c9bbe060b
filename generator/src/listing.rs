//! Finding the pages in an input tree, with walkdir, safe on hostile trees.
//!
//! A symlinked directory is followed (docs trees link shared folders in), but every real
//! directory is walked once: a link back to a directory already walked (`ln -s .. api/up`, two
//! folders linking each other) is reported and not entered again, so a tree with loops is read
//! in one pass with each page once. Real paths win over linked ones: links are only followed
//! after the tree they sit in has been walked, and a page reached twice keeps its first name.

use std::collections::{HashMap, HashSet, VecDeque};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// The pages found below an input, and what was left out on the way.
#[derive(Debug, Default)]
pub struct Listing {
    /// (display path below the input with `/`, path), sorted by display path.
    pub pages: Vec<(String, PathBuf)>,
    /// (display path, why it was not read): loops, broken links, unreadable directories.
    pub skipped: Vec<(String, String)>,
}

/// Lists the `.md` pages below `input` (a file is its own page, named by its file name).
/// `descend(dir)` is asked before walking into a directory (named below `input` with `/`), so a
/// glob need not walk parts of the tree it cannot match.
pub fn list(input: &Path, descend: &dyn Fn(&str) -> bool) -> Listing {
    let mut out = Listing::default();
    if input.is_file() {
        let name = input
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.pages.push((name, input.to_path_buf()));
        return out;
    }
    // Canonical paths of the directories walked and the pages taken. Hashed: a path compares
    // component by component, which made a sorted set the listing's main cost.
    let mut dirs_seen = HashSet::new();
    // As bytes: a canonical path has one spelling, and hashing a `Path` parses its components.
    let mut pages_seen: HashSet<OsString> = HashSet::new();
    // Symlinks to directories and to pages, taken after the real tree around them.
    let mut linked_dirs = VecDeque::from([input.to_path_buf()]);
    let mut linked_pages = Vec::new();
    // Canonical paths of the directories being walked, by their path as walked: a plain file's
    // canonical path is its directory's joined with its name, without a `realpath` per page.
    // Keyed by the bytes of the path as walked (a miss only costs a `realpath`).
    let mut real_dirs: HashMap<OsString, PathBuf> = HashMap::new();
    // `real`: the page's canonical path when known, else it is worked out here.
    let mut take = |out: &mut Listing, path: PathBuf, real: Option<PathBuf>| {
        let name = display_below(input, &path);
        let real = real.or_else(|| std::fs::canonicalize(&path).ok());
        // A page that cannot be canonicalized is still read: reading reports the error.
        let first = real.is_none_or(|real| pages_seen.insert(real.into_os_string()));
        if first {
            out.pages.push((name, path));
        } else {
            let why = "the same page is already read under another name";
            out.skipped.push((name, why.into()));
        }
    };
    while let Some(root) = linked_dirs.pop_front() {
        // Two links to one directory: the first walks it, the second is only reported.
        if let Ok(real) = std::fs::canonicalize(&root) {
            if !dirs_seen.insert(real.clone()) {
                out.skipped
                    .push((display_below(input, &root), already_read(&real)));
                continue;
            }
            real_dirs.insert(root.clone().into_os_string(), real);
        }
        let mut walk = WalkDir::new(&root)
            .follow_links(false)
            // By name, as `sort_by_file_name` sorts, but compared as whole paths: siblings share
            // their directory's path, so the order is the same, without parsing each path for
            // its file name at every comparison (that was most of the listing's time).
            .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
            .into_iter();
        while let Some(entry) = walk.next() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let at = e.path().map_or(root.clone(), Path::to_path_buf);
                    out.skipped
                        .push((display_below(input, &at), format!("cannot be listed: {e}")));
                    continue;
                }
            };
            // The walk's root is checked above; walkdir yields a linked root as a link.
            if entry.depth() == 0 {
                continue;
            }
            let path = entry.path();
            let kind = entry.file_type();
            // Pages are named by `take`; directories and links here.
            let name = || display_below(input, path);
            if kind.is_dir() {
                let first = match std::fs::canonicalize(path) {
                    Ok(real) => {
                        real_dirs.insert(path.as_os_str().to_owned(), real.clone());
                        dirs_seen.insert(real)
                    }
                    Err(_) => true,
                };
                if !first || !descend(&name()) {
                    walk.skip_current_dir();
                }
            } else if kind.is_symlink() {
                match std::fs::metadata(path) {
                    Ok(m) if m.is_dir() => match std::fs::canonicalize(path) {
                        Ok(real) if dirs_seen.contains(&real) => {
                            out.skipped.push((name(), already_read(&real)))
                        }
                        Ok(_) if descend(&name()) => linked_dirs.push_back(path.to_path_buf()),
                        Ok(_) => {}
                        Err(e) => out
                            .skipped
                            .push((name(), format!("cannot be followed: {e}"))),
                    },
                    Ok(m) if m.is_file() && is_page(path) => linked_pages.push(path.to_path_buf()),
                    Ok(_) => {}
                    Err(e) => out.skipped.push((name(), format!("a broken link: {e}"))),
                }
            } else if kind.is_file() && is_page(path) {
                let real = path
                    .parent()
                    .and_then(|dir| real_dirs.get(dir.as_os_str()))
                    .zip(path.file_name())
                    .map(|(dir, name)| dir.join(name));
                take(&mut out, path.to_path_buf(), real);
            }
        }
    }
    for path in linked_pages {
        take(&mut out, path, None);
    }
    out.pages.sort();
    out.skipped.sort();
    out.skipped.dedup();
    out
}

fn already_read(real: &Path) -> String {
    format!(
        "a link to `{}`, a directory already read: not followed again",
        real.display()
    )
}

fn is_page(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "md")
}

/// `base/api/x.md` -> `api/x.md`.
pub fn display_below(base: &Path, path: &Path) -> String {
    // The walk's paths are the base joined with plain names: their text after the base's is the
    // name already, without parsing either path into components (once per page, it was a good
    // part of the listing's time). Anything else takes the general way below.
    if let Some(rest) = plain_below(base, path) {
        return rest.to_owned();
    }
    components_below(base, path)
}

/// The text of `path` after `base`'s and a `/`, where it is UTF-8 names joined by single `/`s
/// (no `.`, `..`, empty or `\`-holding part), which is what the component-wise way gives too.
fn plain_below<'p>(base: &Path, path: &'p Path) -> Option<&'p str> {
    let (base, path) = (base.to_str()?, path.to_str()?);
    let rest = path.strip_prefix(base)?;
    let rest = if base.ends_with('/') {
        rest
    } else {
        rest.strip_prefix('/')?
    };
    let plain =
        |name: &str| !name.is_empty() && name != "." && name != ".." && !name.contains('\\');
    rest.split('/').all(plain).then_some(rest)
}

/// [`display_below`] component by component.
fn components_below(base: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_paths_are_named_as_their_components_are() {
        let cases = [
            ("docs", "docs/api/x.md"),
            ("docs/", "docs/api/x.md"),
            ("docs", "docs/x.md"),
            ("./docs", "./docs/api/x.md"),
            ("/abs/docs", "/abs/docs/resources/sub/y.md"),
            ("docs", "docs//api/x.md"),
            ("docs", "docs/./api/x.md"),
            ("docs", "docs/api/../x.md"),
            ("docs", "docs/api/"),
            ("docs", "docsx/api/x.md"),
            ("docs", "other/api/x.md"),
            ("docs", "docs/a\\b.md"),
            ("docs", "docs/é/ü.md"),
        ];
        for (base, path) in cases {
            let (base, path) = (Path::new(base), Path::new(path));
            assert_eq!(
                display_below(base, path),
                components_below(base, path),
                "{base:?} {path:?}"
            );
        }
        // The shortcut is taken where it can be, and refused where the components differ.
        assert_eq!(
            plain_below(Path::new("docs"), Path::new("docs/api/x.md")),
            Some("api/x.md")
        );
        assert_eq!(
            plain_below(Path::new("docs"), Path::new("docs//api/x.md")),
            None
        );
        assert_eq!(
            plain_below(Path::new("docs"), Path::new("docsx/api/x.md")),
            None
        );
    }
}
