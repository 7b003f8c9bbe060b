//! What `docgen diff` compares: a doc tree (a directory, a page or a glob), a schema dump (the
//! JSON `docgen schema` prints), or a git revision of a doc tree (`REV:PATH`, or `REV` for the
//! workspace's `docs-input/`), extracted with `git archive` into a temporary directory.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::Builder;
use crate::schema::Schema;

#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error(
        "`{0}` is not a directory of pages, a page, a schema dump (.json) or a git revision \
         (REV or REV:PATH)"
    )]
    Unknown(String),
    #[error("`{}` is not a schema dump (the JSON `docgen schema` prints): {message}", path.display())]
    Dump { path: PathBuf, message: String },
    #[error("git revision `{rev}`: {message}")]
    Git { rev: String, message: String },
    #[error(
        "`{0}` names a revision but no path, and there is no `docs-input/` around the current directory; use REV:PATH"
    )]
    NoDefaultTree(String),
    #[error("{0}")]
    Pages(#[from] crate::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// A schema and where it came from.
#[derive(Debug)]
pub struct Loaded {
    pub schema: Schema,
    /// Pages read (0 for a dump).
    pub pages: usize,
    /// Diagnostics from reading the pages.
    pub diagnostics: usize,
}

/// Loads one side of a diff. `default_tree` is the doc tree a bare `REV` means (the workspace's
/// `docs-input/`), `configure` adds options (include/exclude) to the builder of a doc tree.
pub fn load(
    arg: &str,
    default_tree: Option<&Path>,
    configure: &dyn Fn(Builder) -> Builder,
) -> Result<Loaded, InputError> {
    let path = Path::new(arg);
    if path.is_file() && is_dump(path) {
        return load_dump(path);
    }
    if path.exists() || arg.contains(['*', '?', '[']) {
        return load_pages(path, configure);
    }
    let (rev, tree) = match arg.split_once(':') {
        Some((rev, tree)) => (rev, Some(tree)),
        None => (arg, None),
    };
    if rev.is_empty()
        || !git_ok(&[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ])
    {
        return Err(InputError::Unknown(arg.to_owned()));
    }
    let git_err = |message: String| InputError::Git {
        rev: rev.to_owned(),
        message,
    };
    let top = git_text(&["rev-parse", "--show-toplevel"]).map_err(git_err)?;
    let top = PathBuf::from(top);
    let tree = match tree.filter(|t| !t.is_empty()) {
        // As in `git show REV:PATH`: from the repository's root, or from here with `./`.
        Some(t) if t.starts_with("./") || t.starts_with("../") => {
            let prefix = git_text(&["rev-parse", "--show-prefix"]).map_err(git_err)?;
            let mut parts: Vec<&str> = prefix.split('/').filter(|p| !p.is_empty()).collect();
            for part in t.split('/') {
                match part {
                    "" | "." => {}
                    ".." => {
                        parts
                            .pop()
                            .ok_or_else(|| git_err(format!("`{t}` leaves the repository")))?;
                    }
                    part => parts.push(part),
                }
            }
            parts.join("/")
        }
        Some(t) => t.to_owned(),
        None => {
            let dir = default_tree.ok_or_else(|| InputError::NoDefaultTree(arg.to_owned()))?;
            let dir = dir.canonicalize()?;
            let top = top.canonicalize()?;
            let rel = dir
                .strip_prefix(&top)
                .map_err(|_| git_err(format!("{} is outside the repository", dir.display())))?;
            rel.to_string_lossy().replace('\\', "/")
        }
    };
    if !git_ok(&["cat-file", "-e", &format!("{rev}:{tree}")]) {
        return Err(git_err(format!("`{tree}` does not exist in it")));
    }
    let tree = if tree.is_empty() {
        ".".to_owned()
    } else {
        tree
    };
    let temp = tempfile::tempdir()?;
    extract(&top, rev, &tree, temp.path()).map_err(git_err)?;
    let loaded = load_pages(&temp.path().join(&tree), configure)?;
    temp.close()?;
    Ok(loaded)
}

fn is_dump(path: &Path) -> bool {
    if path.extension().is_some_and(|e| e == "json") {
        return true;
    }
    std::fs::read(path).is_ok_and(|b| b.iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'{'))
}

fn load_dump(path: &Path) -> Result<Loaded, InputError> {
    let dump_err = |message: String| InputError::Dump {
        path: path.to_path_buf(),
        message,
    };
    let text = std::fs::read_to_string(path).map_err(|e| dump_err(e.to_string()))?;
    let schema: Schema = serde_json::from_str(&text).map_err(|e| dump_err(e.to_string()))?;
    Ok(Loaded {
        schema,
        pages: 0,
        diagnostics: 0,
    })
}

fn load_pages(path: &Path, configure: &dyn Fn(Builder) -> Builder) -> Result<Loaded, InputError> {
    let generated = configure(Builder::new().input(path)).analyze()?;
    Ok(Loaded {
        pages: generated.pages.len(),
        diagnostics: generated.diagnostics.len(),
        schema: generated.schema,
    })
}

fn git_ok(args: &[&str]) -> bool {
    Command::new("git")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn git_text(args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .args(args)
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().to_owned());
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// `git archive REV -- TREE | tar -x -C DEST`.
fn extract(top: &Path, rev: &str, tree: &str, dest: &Path) -> Result<(), String> {
    let mut git = Command::new("git")
        .arg("-C")
        .arg(top)
        .args(["archive", "--format=tar", rev, "--", tree])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run git: {e}"))?;
    let archive = git.stdout.take().ok_or("git archive gave no output")?;
    let tar = Command::new("tar")
        .arg("-x")
        .arg("-C")
        .arg(dest)
        .stdin(archive)
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("cannot run tar: {e}"))?;
    let git = git
        .wait_with_output()
        .map_err(|e| format!("git archive: {e}"))?;
    if !git.status.success() {
        return Err(format!(
            "git archive failed: {}",
            String::from_utf8_lossy(&git.stderr).trim()
        ));
    }
    if !tar.status.success() {
        return Err(format!(
            "tar failed: {}",
            String::from_utf8_lossy(&tar.stderr).trim()
        ));
    }
    Ok(())
}
