//! The build.rs API, in the style of prost-build:
//!
//! ```no_run
//! // build.rs
//! docgen::Builder::new()
//!     .input("docs-input")
//!     .out_dir(std::env::var("OUT_DIR").unwrap())
//!     .generate()
//!     .unwrap_or_else(|e| panic!("{e}"));
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::diag::{self, Diagnostic, Severity};
use crate::emit::{self, OutputFile};
use crate::listing;
use crate::schema::{self, Schema};
use crate::{cache, facts, read, timings};
use std::time::Instant;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("docgen: input `{}` does not exist", .0.display())]
    MissingInput(PathBuf),
    #[error("docgen: the input glob `{0}` matches no file")]
    EmptyGlob(String),
    #[error("docgen: `{pattern}` is not a valid glob: {message}")]
    BadGlob { pattern: String, message: String },
    #[error("docgen: no output directory; call `.out_dir(...)` (in build.rs: `OUT_DIR`)")]
    NoOutDir,
    #[error("docgen: cannot write `{}`: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "docgen: `{}` holds two versions of the same docs: `{}` and `{}` hold {shared} of the \
         same pages (`{example}`, ...), which would be read into one schema; give one of them \
         as the input (`{}`), and the other its own run",
        input.display(),
        roots.0,
        roots.1,
        input.join(&roots.1).display()
    )]
    SeveralVersions {
        input: PathBuf,
        roots: (String, String),
        shared: usize,
        example: String,
    },
    #[error("docgen: {count} error(s) in the pages; nothing was generated\n{rendered}")]
    Pages { count: usize, rendered: String },
}

/// What a run produced: files, the schema behind them, and every diagnostic.
#[derive(Debug)]
pub struct Generated {
    pub files: Vec<OutputFile>,
    pub schema: Schema,
    pub diagnostics: Vec<Diagnostic>,
    /// Page texts by display path, for rendering diagnostics with their source lines.
    pub sources: BTreeMap<String, String>,
    /// The pages read, by display path, sorted.
    pub pages: Vec<String>,
    /// Files whose bytes changed on disk (`generate` only).
    pub written: Vec<String>,
    /// Stale files removed from the output directory (`generate` only).
    pub removed: Vec<String>,
    /// The pages' facts the schema was built from (`analyze` only): kept, not freed, so that a
    /// caller that ends right after with the schema (`docgen schema`, which forgets it) does
    /// not free them one allocation at a time (issue 10).
    facts: Vec<facts::PageFacts>,
}

impl Generated {
    /// Diagnostics rendered like rustc's.
    pub fn render_diagnostics(&self, color: bool) -> String {
        diag::render(
            &self.diagnostics,
            |f| self.sources.get(f).map(String::as_str),
            color,
        )
    }
}

#[derive(Debug, Clone, Default)]
pub struct Builder {
    inputs: Vec<PathBuf>,
    out_dir: Option<PathBuf>,
    cargo_directives: Option<bool>,
    include: Vec<String>,
    exclude: Vec<String>,
    progress: Progress,
    emit: emit::EmitOptions,
    threads: Option<usize>,
}

/// Called with (pages read, pages in all) as reading goes on, from the reading threads.
type ProgressFn = dyn Fn(usize, usize) + Send + Sync;

#[derive(Clone, Default)]
struct Progress(Option<std::sync::Arc<ProgressFn>>);

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() { "Some(..)" } else { "None" })
    }
}

/// `*` and `?` stop at `/`; `**` crosses directories.
const GLOB_OPTIONS: glob::MatchOptions = glob::MatchOptions {
    case_sensitive: true,
    require_literal_separator: true,
    require_literal_leading_dot: false,
};

impl Builder {
    pub fn new() -> Self {
        Self::default()
    }

    /// A page, a directory searched recursively for `.md` pages, or a glob (`docs/api/user-*.md`,
    /// `docs/**/*.md`). Pages are named by their path below the directory, or below the glob's
    /// literal leading directories.
    pub fn input(mut self, path: impl AsRef<Path>) -> Self {
        self.inputs.push(path.as_ref().to_path_buf());
        self
    }

    /// Only the operations and types of pages whose name (path below their input, with `/`)
    /// matches one of the include globs, when there is any (`api/user-*.md`, `resources/**`),
    /// with every type they need: each comes from its own page, as a full generation emits it.
    /// All pages are read either way, so a subset's files are byte-identical to the same files
    /// of the full output and no name depends on the selection.
    pub fn include(mut self, glob: impl Into<String>) -> Self {
        self.include.push(glob.into());
        self
    }

    /// Leaves out pages whose name matches the glob: they are not read at all, as if absent
    /// from the input (a type only they define is then made from examples); beats
    /// [`Builder::include`].
    pub fn exclude(mut self, glob: impl Into<String>) -> Self {
        self.exclude.push(glob.into());
        self
    }

    /// Reports reading progress: `f(pages read, pages in all)`, from several threads.
    pub fn progress(mut self, f: impl Fn(usize, usize) + Send + Sync + 'static) -> Self {
        self.progress = Progress(Some(std::sync::Arc::new(f)));
        self
    }

    /// How many threads read pages, emit files and compare them with the output directory
    /// (default: `DOCGEN_THREADS` when set, else every core). Output never depends on it.
    pub fn threads(mut self, threads: usize) -> Self {
        self.threads = Some(threads.max(1));
        self
    }

    fn thread_count(&self) -> usize {
        self.threads
            .unwrap_or_else(crate::parallel::default_threads)
    }

    pub fn out_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Print `cargo:rerun-if-changed` and `cargo:warning` lines. Default: on inside a build
    /// script (when `OUT_DIR` is set), off elsewhere.
    pub fn cargo_directives(mut self, on: bool) -> Self {
        self.cargo_directives = Some(on);
        self
    }

    /// Also expose the runtime's async client as `client`, compiled only with the calling
    /// crate's cargo feature `feature`, which that crate must declare as
    /// `feature = ["docgen-runtime/client"]` (inline: with `reqwest`, `tokio`, `futures-util`
    /// and `httpdate` as its optional dependencies). Off by default.
    pub fn client_feature(mut self, feature: impl Into<String>) -> Self {
        self.emit.client_feature = Some(feature.into());
        self
    }

    /// The path generated code reaches the runtime crate by (default `::docgen_runtime`), as
    /// prost-build's `prost_path`: for a renamed dependency or a re-export of it.
    pub fn runtime_path(mut self, path: impl Into<String>) -> Self {
        self.emit.runtime_path = path.into();
        self
    }

    /// Paste the runtime's source into `support.rs` instead of reexporting the crate (off by
    /// default): for crates that cannot depend on docgen-runtime. They list its dependencies
    /// themselves (`serde_json`, `serde_with`, `chrono`, `uuid`, `http`, `base64`,
    /// `percent-encoding`).
    pub fn inline_runtime(mut self, on: bool) -> Self {
        self.emit.inline_runtime = on;
        self
    }

    /// Emit the pages' examples as tests of the generated crate (`examples.rs`, off by
    /// default): each JSON example read into its type and written back, each request example
    /// rebuilt by its request type.
    pub fn example_tests(mut self, on: bool) -> Self {
        self.emit.example_tests = on;
        self
    }

    fn directives(&self) -> bool {
        self.cargo_directives
            .unwrap_or_else(|| std::env::var_os("OUT_DIR").is_some())
    }

    /// What `generate` prints `cargo:rerun-if-changed` for: each input directory (or a glob's
    /// leading directory, so pages that appear count) and every page read (all of them with
    /// include globs too: a type a selected page needs may come from any page).
    pub fn rerun_if_changed(&self) -> Result<Vec<PathBuf>, Error> {
        let (pages, mut watched, _) = self.pages()?;
        watched.extend(pages.into_iter().map(|(_, path)| path));
        watched.sort();
        watched.dedup();
        Ok(watched)
    }

    /// Reads and infers (no Rust is emitted): the schema and every diagnostic.
    pub fn analyze(&self) -> Result<Generated, Error> {
        let start = Instant::now();
        let (pages, _, mut diagnostics) = self.pages()?;
        timings::stage("list pages", start);

        let start = Instant::now();
        // Gathered in page order (sorted), then built at once rather than inserted one by one.
        let read = read_all(&pages, &self.progress, self.thread_count());
        let mut sources = Vec::with_capacity(read.len());
        let mut all_facts = Vec::with_capacity(read.len());
        for (display, read) in read {
            match read {
                Ok((text, facts, diags)) => {
                    diagnostics.extend(diags);
                    all_facts.push(facts);
                    sources.push((display.clone(), text));
                }
                Err(e) => diagnostics.push(
                    Diagnostic::new(Severity::Error, diag::Code::Io, display, 1, 1)
                        .message(format!("cannot read the page: {e}")),
                ),
            }
        }
        let sources: BTreeMap<String, String> = sources.into_iter().collect();
        timings::stage("read + facts", start);
        let start = Instant::now();
        let (mut schema, diags) = schema::build(&all_facts);
        diagnostics.extend(diags);
        timings::stage("schema", start);
        let mut pages: Vec<String> = pages.into_iter().map(|(d, _)| d).collect();
        if let Some(select) = self.selection()? {
            let kept = schema::keep_closure(&mut schema, &|page| select(page));
            // Diagnostics of pages nothing was kept from are not this subset's concern (an error
            // there does not stop it); those about no read page (a skipped link) stay.
            let read: std::collections::BTreeSet<&String> = pages.iter().collect();
            diagnostics.retain(|d| !read.contains(&d.file) || kept.contains(&d.file));
            pages.retain(|p| kept.contains(p));
        }
        diagnostics.sort();
        diagnostics.dedup();
        Ok(Generated {
            files: Vec::new(),
            schema,
            diagnostics,
            sources,
            pages,
            written: Vec::new(),
            removed: Vec::new(),
            facts: all_facts,
        })
    }

    /// Reads, infers and emits, without writing anything.
    pub fn run(&self) -> Result<Generated, Error> {
        let mut generated = self.analyze()?;
        // Emitting needs the schema only: the facts go before it adds its own memory.
        generated.facts = Vec::new();
        let diags = self.emit_into(&mut generated);
        generated.diagnostics.extend(diags);
        generated.diagnostics.sort();
        generated.diagnostics.dedup();
        Ok(generated)
    }

    /// The emit stage: fills in `generated.files`, returns its diagnostics.
    fn emit_into(&self, generated: &mut Generated) -> Vec<Diagnostic> {
        let start = Instant::now();
        let (files, diags) = emit::emit_threads(
            &generated.schema,
            &generated.pages,
            &self.emit,
            self.thread_count(),
        );
        timings::stage("emit", start);
        generated.files = files;
        diags
    }

    /// Runs and writes the files into the output directory, touching only files whose bytes
    /// change and removing generated files that are no longer produced.
    pub fn generate(&self) -> Result<Generated, Error> {
        let out_dir = self.out_dir.clone().ok_or(Error::NoOutDir)?;
        let directives = self.directives();
        if directives {
            for path in self.rerun_if_changed()? {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
        let mut generated = self.analyze()?;
        // As in `run`: the facts go before the cache and the emit stage add their own memory.
        generated.facts = Vec::new();
        // The emit cache (see `cache`): the files on disk stand for the emit stage's output when
        // its input and the running code are last run's and the files are as it left them.
        // (Read after the schema is built, not beside it: the page facts are gone by then, and
        // the files read back do not add to the peak memory.)
        let start = Instant::now();
        let threads = self.thread_count();
        let key = cache::enabled()
            .then(|| cache::key(&generated.schema, &generated.pages, &self.emit))
            .flatten();
        timings::stage("emit cache: key", start);
        let start = Instant::now();
        let cached = key
            .as_deref()
            .and_then(|key| cache::load(&out_dir, key, threads));
        timings::stage("emit cache: read back", start);
        let hit = cached.is_some();
        let emit_diags = match cached {
            Some((files, diags)) => {
                generated.files = files;
                diags
            }
            None => self.emit_into(&mut generated),
        };
        generated.diagnostics.extend(emit_diags.iter().cloned());
        generated.diagnostics.sort();
        generated.diagnostics.dedup();
        if directives {
            for d in &generated.diagnostics {
                if d.severity != Severity::Note {
                    println!("cargo:warning={}", d.to_string().replace(['\n', '\r'], " "));
                }
            }
        }
        let errors = generated
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        if errors > 0 {
            let only_errors: Vec<Diagnostic> = generated
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .cloned()
                .collect();
            let rendered = diag::render(
                &only_errors,
                |f| generated.sources.get(f).map(String::as_str),
                false,
            );
            return Err(Error::Pages {
                count: errors,
                rendered,
            });
        }
        let start = Instant::now();
        let (written, removed) = write_files(&out_dir, &generated.files, threads, hit)?;
        timings::stage("compare + write", start);
        if let (Some(key), false) = (&key, hit) {
            let start = Instant::now();
            cache::store(&out_dir, key, &generated.files, &emit_diags, threads);
            timings::stage("emit cache: store", start);
        }
        generated.written = written;
        generated.removed = removed;
        Ok(generated)
    }
}

impl Builder {
    /// The pages to read, as (display path, path), sorted, without the excluded ones (include
    /// globs select after the schema is built, from every page); the directories to
    /// watch for pages coming and going (each input directory, or a glob's leading directory);
    /// and a warning for each link or directory the listing left out (loops, broken links).
    fn pages(&self) -> Result<Listed, Error> {
        // Bad include globs are reported before any page is read.
        self.selection()?;
        let exclude = compile(&self.exclude)?;
        // Each page with the input it was found under (its index), for reporting shadowed pages.
        let mut pages: Vec<(String, PathBuf, usize)> = Vec::new();
        let mut watched = Vec::new();
        let mut skipped = Vec::new();
        let mut empty = Vec::new();
        for (at, input) in self.inputs.iter().enumerate() {
            let found = if is_glob(input) {
                let (base, found) = expand_glob(input)?;
                watched.push(base);
                found
            } else if input.exists() {
                watched.push(input.clone());
                let found = listing::list(input, &|_| true);
                // A directory with no page is most often the wrong one (a checkout's root
                // above `api/`, a typo'd `docs-input`); a glob that matches none is an error,
                // but an empty directory may be a start (`docs-input/` before its first page).
                if found.pages.is_empty() && found.skipped.is_empty() {
                    empty.push(input.display().to_string());
                }
                found
            } else {
                return Err(Error::MissingInput(input.clone()));
            };
            let names: Vec<&str> = found.pages.iter().map(|(name, _)| name.as_str()).collect();
            if let Some(v) = crate::versions::find(&names) {
                return Err(Error::SeveralVersions {
                    input: input.clone(),
                    roots: v.roots,
                    shared: v.shared,
                    example: v.example,
                });
            }
            pages.extend(found.pages.into_iter().map(|(name, path)| (name, path, at)));
            skipped.extend(found.skipped);
        }
        pages.retain(|(name, ..)| !exclude.iter().any(|p| p.matches_with(name, GLOB_OPTIONS)));
        pages.sort();
        let mut warnings: Vec<Diagnostic> = skipped
            .into_iter()
            .map(|(name, why)| {
                Diagnostic::new(Severity::Warning, diag::Code::Skipped, &name, 1, 1)
                    .message(format!("not read: {why}"))
            })
            .collect();
        warnings.extend(empty.into_iter().map(|input| {
            Diagnostic::new(Severity::Warning, diag::Code::Skipped, &input, 1, 1)
                .message("the input holds no Markdown page (`*.md`): nothing is read from it")
        }));
        warnings.extend(shadowed(&mut pages, &self.inputs));
        let pages = pages
            .into_iter()
            .map(|(name, path, _)| (name, path))
            .collect();
        Ok((pages, watched, warnings))
    }
}

impl Builder {
    /// Which pages' operations and types to keep (by display path), or `None` for all of them.
    #[allow(clippy::type_complexity)]
    fn selection(&self) -> Result<Option<Box<dyn Fn(&str) -> bool>>, Error> {
        if self.include.is_empty() {
            return Ok(None);
        }
        let include = compile(&self.include)?;
        Ok(Some(Box::new(move |name: &str| {
            include.iter().any(|p| p.matches_with(name, GLOB_OPTIONS))
        })))
    }
}

fn compile(globs: &[String]) -> Result<Vec<glob::Pattern>, Error> {
    globs
        .iter()
        .map(|g| glob::Pattern::new(g).map_err(|e| bad_glob(g, &e)))
        .collect()
}

/// A page to read: (display path, path).
type Page = (String, PathBuf);

/// Keeps one page of each display path (`pages` sorted): the first by path, whatever the order of
/// the inputs, so that the output does not depend on it. Two inputs that hold the same page path
/// (two versions of the docs) would otherwise lose one page without a word: each pair of inputs
/// gets one warning, with how many of its pages are not read and the first of them.
fn shadowed(pages: &mut Vec<(String, PathBuf, usize)>, inputs: &[PathBuf]) -> Vec<Diagnostic> {
    // (input read, input not read) -> (pages not read, the first of them).
    let mut lost: BTreeMap<(usize, usize), (usize, String)> = BTreeMap::new();
    pages.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        // The same file given twice (a directory and a page in it) loses nothing.
        if same && later.1 != kept.1 {
            let entry = lost
                .entry((kept.2, later.2))
                .or_insert_with(|| (0, later.0.clone()));
            entry.0 += 1;
        }
        same
    });
    lost.into_iter()
        .map(|((read, not_read), (count, first))| {
            let pages = if count == 1 { "page" } else { "pages" };
            Diagnostic::new(Severity::Warning, diag::Code::Skipped, &first, 1, 1)
                .message(format!(
                    "{count} {pages} under `{}` not read: a page of the same path under `{}` \
                     is read instead (this is the first)",
                    inputs[not_read].display(),
                    inputs[read].display(),
                ))
                .help("give each version of the docs its own run to read both")
        })
        .collect()
}

/// The pages to read, the directories to watch, and warnings about what was left out.
type Listed = (Vec<Page>, Vec<PathBuf>, Vec<Diagnostic>);

fn bad_glob(pattern: &str, e: &glob::PatternError) -> Error {
    Error::BadGlob {
        pattern: pattern.to_owned(),
        message: e.msg.to_owned(),
    }
}

fn is_glob(path: &Path) -> bool {
    path.to_string_lossy().contains(['*', '?', '['])
}

/// A glob's leading directories without wildcards, and the pages it matches named below them
/// (a matched directory brings its pages). The tree below the leading directories is walked
/// like any input (each page once, loops reported), only into directories the rest of the
/// pattern can still match.
fn expand_glob(pattern: &Path) -> Result<(PathBuf, listing::Listing), Error> {
    let text = pattern.to_string_lossy().into_owned();
    let base: PathBuf = pattern
        .components()
        .take_while(|c| !is_glob(Path::new(c.as_os_str())))
        .collect();
    let rest: Vec<String> = pattern
        .components()
        .skip(base.components().count())
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let compile = |g: &str| glob::Pattern::new(g).map_err(|e| bad_glob(&text, &e));
    let whole = compile(&rest.join("/"))?;
    let parts = rest
        .iter()
        .map(|c| compile(c))
        .collect::<Result<Vec<_>, _>>()?;
    // A page is taken when its name or one of its directories matches the whole pattern.
    let within = |name: &str| {
        let mut prefixes = name.match_indices('/').map(|(i, _)| &name[..i]);
        whole.matches_with(name, GLOB_OPTIONS)
            || prefixes.any(|dir| whole.matches_with(dir, GLOB_OPTIONS))
    };
    // A directory can hold a match when its components match the pattern's so far (any
    // component once a `**` is reached).
    let may_hold = |dir: &str| {
        for (i, component) in dir.split('/').enumerate() {
            match parts.get(i) {
                Some(p) if p.as_str() == "**" => return true,
                Some(p) if p.matches_with(component, GLOB_OPTIONS) => {}
                _ => return false,
            }
        }
        true
    };
    let base = if base.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        base
    };
    let mut found = if base.is_dir() {
        listing::list(&base, &|dir| within(dir) || may_hold(dir))
    } else {
        listing::Listing::default()
    };
    found.pages.retain(|(name, _)| within(name));
    if found.pages.is_empty() {
        return Err(Error::EmptyGlob(text));
    }
    Ok((base, found))
}

/// A page's text (invalid UTF-8 replaced), facts and diagnostics.
type PageRead = std::io::Result<(String, facts::PageFacts, Vec<Diagnostic>)>;

/// Reads pages and their facts on every core; results come back in the pages' order.
fn read_all<'p>(
    pages: &'p [(String, PathBuf)],
    progress: &Progress,
    threads: usize,
) -> Vec<(&'p String, PageRead)> {
    let done = std::sync::atomic::AtomicUsize::new(0);
    let read_one = |(display, path): &(String, PathBuf)| -> PageRead {
        let read = std::fs::read(path).map(|bytes| {
            // UTF-8 (the usual case) is checked once, here: the text is kept for rendering
            // diagnostics as it stands.
            let (text, page, diags) = match String::from_utf8(bytes) {
                Ok(text) => {
                    let mut diags = Vec::new();
                    let page = read::read_text(display, &text, &mut diags);
                    (text, page, diags)
                }
                Err(e) => {
                    let (page, diags) = read::read_page(display, e.as_bytes());
                    (
                        String::from_utf8_lossy(e.as_bytes()).into_owned(),
                        page,
                        diags,
                    )
                }
            };
            let facts = facts::page_facts(page);
            // Per page and costly: done here, in parallel, rather than in the serial schema stage.
            if let Some(op) = &facts.operation {
                schema::readable_stem(op);
            }
            (text, facts, diags)
        });
        if let Some(f) = &progress.0 {
            let done = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            f(done, pages.len());
        }
        read
    };
    let read = crate::parallel::map_in_order(pages, threads, read_one);
    pages.iter().map(|(d, _)| d).zip(read).collect()
}

/// Pages under `input` as (display path, path), display paths relative to `input` with `/`,
/// sorted; each page once, symlink loops not followed (the `listing` module walks them). A file
/// is its own page, displayed by its file name.
pub fn list_pages(input: &Path) -> Vec<(String, PathBuf)> {
    listing::list(input, &|_| true).pages
}

/// Writes changed files; removes `.rs` files docgen no longer produces. `read_back`: the files
/// were just read from `out_dir` (an emit cache hit), so none can differ.
fn write_files(
    out_dir: &Path,
    files: &[OutputFile],
    threads: usize,
    read_back: bool,
) -> Result<(Vec<String>, Vec<String>), Error> {
    let write_err = |path: &Path, source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    // Comparing is most of the work when little changed: on every core.
    let on_disk = if read_back {
        vec![OnDisk::Same; files.len()]
    } else {
        crate::parallel::map_in_order(files, threads, |f| {
            on_disk(&out_dir.join(&f.path), f.contents.as_bytes())
        })
    };
    let mut written = Vec::new();
    for (file, on_disk) in files.iter().zip(on_disk) {
        if on_disk == OnDisk::Same {
            continue;
        }
        let path = out_dir.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| write_err(parent, e))?;
        }
        std::fs::write(&path, &file.contents).map_err(|e| write_err(&path, e))?;
        written.push(file.path.clone());
    }
    let produced: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let mut removed = Vec::new();
    for rel in owned_files(out_dir) {
        if !produced.contains(rel.as_str()) {
            let path = out_dir.join(&rel);
            std::fs::remove_file(&path).map_err(|e| write_err(&path, e))?;
            removed.push(rel);
        }
    }
    removed.sort();
    Ok((written, removed))
}

/// How a file on disk compares with what should be there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OnDisk {
    Same,
    Changed,
    /// Absent, or not a readable file.
    Missing,
}

/// Compares `path` with `contents`, the size first: a changed file of another length is told
/// without reading it.
fn on_disk(path: &Path, contents: &[u8]) -> OnDisk {
    let Ok(meta) = std::fs::metadata(path) else {
        return OnDisk::Missing;
    };
    if meta.is_file() && meta.len() != contents.len() as u64 {
        return OnDisk::Changed;
    }
    match std::fs::read(path) {
        Ok(bytes) if bytes == contents => OnDisk::Same,
        Ok(_) => OnDisk::Changed,
        Err(_) => OnDisk::Missing,
    }
}

/// The `.rs` files docgen owns in an output directory (root, `models/`, `requests/`), sorted.
fn owned_files(out_dir: &Path) -> Vec<String> {
    let mut owned = Vec::new();
    for sub in ["", "models", "requests"] {
        let Ok(entries) = std::fs::read_dir(out_dir.join(sub)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".rs") && entry.path().is_file() {
                owned.push(if sub.is_empty() {
                    name
                } else {
                    format!("{sub}/{name}")
                });
            }
        }
    }
    owned.sort();
    owned
}

/// How a committed file differs from what the pages generate.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stale {
    Changed(String),
    Missing(String),
    /// A file docgen no longer generates.
    Extra(String),
}

impl std::fmt::Display for Stale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stale::Changed(p) => write!(f, "changed: {p}"),
            Stale::Missing(p) => write!(f, "missing: {p}"),
            Stale::Extra(p) => write!(f, "extra: {p}"),
        }
    }
}

/// Compares generated files with a directory's contents; empty when it is up to date.
pub fn stale_files(files: &[OutputFile], out_dir: &Path) -> Vec<Stale> {
    let on_disk = crate::parallel::map_in_order(files, crate::parallel::default_threads(), |f| {
        on_disk(&out_dir.join(&f.path), f.contents.as_bytes())
    });
    let mut stale = Vec::new();
    for (file, on_disk) in files.iter().zip(on_disk) {
        match on_disk {
            OnDisk::Same => {}
            OnDisk::Changed => stale.push(Stale::Changed(file.path.clone())),
            OnDisk::Missing => stale.push(Stale::Missing(file.path.clone())),
        }
    }
    let produced: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for rel in owned_files(out_dir) {
        if !produced.contains(rel.as_str()) {
            stale.push(Stale::Extra(rel));
        }
    }
    stale.sort();
    stale
}
