//! The `docgen` command line: regenerate, inspect what a page reads as, check committed output.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use docgen::diag::{self, Severity};
use docgen::{Builder, Generated};

// Every stage allocates many small strings, vectors and token trees, and with glibc's malloc a
// quarter of a run went to allocating and freeing (issue 10's profile).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "docgen",
    version,
    about = "Turns Microsoft Graph reference pages (Markdown) into typed Rust",
    long_about = "Turns Microsoft Graph reference pages (Markdown) into typed Rust: serde models \
                  and sans-IO request types.\n\nWith no arguments, `docgen generate` regenerates \
                  `generated/` from `docs-input/` in the workspace that holds the current directory."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate Rust from pages (default: docs-input/ -> generated/)
    Generate {
        /// Pages, directories of pages or globs [default: <workspace>/docs-input]
        inputs: Vec<PathBuf>,
        /// Output directory [default: <workspace>/generated, only without INPUTS]
        #[arg(short, long, value_name = "DIR")]
        out: Option<PathBuf>,
        #[command(flatten)]
        select: Select,
        /// Also emit the async client, behind this cargo feature [default without INPUTS:
        /// `client`, as the companion crate's build.rs does]
        #[arg(long, value_name = "FEATURE")]
        client_feature: Option<String>,
        #[command(flatten)]
        runtime: Runtime,
    },
    /// Fail (exit 1) when the committed output differs from what the pages generate
    Check {
        /// Pages, directories of pages or globs [default: <workspace>/docs-input]
        inputs: Vec<PathBuf>,
        /// The committed output directory [default: <workspace>/generated]
        #[arg(short, long, value_name = "DIR")]
        out: Option<PathBuf>,
        #[command(flatten)]
        select: Select,
        /// The cargo feature the client was emitted behind [default without INPUTS: `client`]
        #[arg(long, value_name = "FEATURE")]
        client_feature: Option<String>,
        #[command(flatten)]
        runtime: Runtime,
    },
    /// Print what the reader saw in one page, as JSON (diagnostics go to stderr)
    Inspect {
        /// The page to read
        page: PathBuf,
    },
    /// Print the inferred schema (types and operations) as JSON
    Schema {
        /// Pages, directories of pages or globs [default: <workspace>/docs-input]
        inputs: Vec<PathBuf>,
        #[command(flatten)]
        select: Select,
    },
    /// Semantic changes between two doc trees, git revisions or schema dumps
    #[command(
        long_about = "Semantic changes between two versions of the docs: types, \
                            properties, property types, enum members and operations added, \
                            removed or changed, each marked breaking or additive.\n\n\
                            OLD and NEW are each a directory of pages (or a page, or a glob), a \
                            schema dump (the JSON `docgen schema` prints), or a git revision: \
                            `REV:PATH` (PATH from the repository root, or from here with `./`) \
                            or `REV` alone for the workspace's docs-input/."
    )]
    Diff {
        /// The old version
        old: String,
        /// The new version
        new: String,
        /// text for a terminal, markdown for a pull-request comment, json for tools
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Exit 1 when a change is breaking
        #[arg(long)]
        exit_code: bool,
        #[command(flatten)]
        select: Select,
    },
}

/// Which pages of the inputs to use.
#[derive(clap::Args, Clone, Default)]
struct Select {
    /// Only the operations and types of pages whose path below their input matches GLOB
    /// (`api/user-*.md`, `resources/**`), with every type they need from its own page; the
    /// files are those of a full generation; repeatable
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,
    /// Do not read pages whose path below their input matches GLOB; repeatable, beats --include
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
}

impl Select {
    fn apply(&self, builder: Builder) -> Builder {
        let builder = self.include.iter().fold(builder, |b, g| b.include(g));
        self.exclude.iter().fold(builder, |b, g| b.exclude(g))
    }
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Markdown,
    Json,
}

/// serde_json's `PrettyFormatter` (two spaces a level), byte for byte, writing each line's
/// newline and indentation at once instead of one write per level: a whole tree's dump has
/// hundreds of thousands of lines (issue 10).
#[derive(Default)]
struct DumpFormatter {
    depth: usize,
    has_value: bool,
}

/// A newline and the indentation of 64 levels, cut to what a line needs.
const NEWLINE_INDENT: [u8; 129] = {
    let mut line = [b' '; 129];
    line[0] = b'\n';
    line
};

impl DumpFormatter {
    #[inline]
    fn newline<W: ?Sized + Write>(&self, w: &mut W) -> std::io::Result<()> {
        match NEWLINE_INDENT.get(..1 + 2 * self.depth) {
            Some(line) => w.write_all(line),
            None => {
                w.write_all(b"\n")?;
                (0..self.depth).try_for_each(|_| w.write_all(b"  "))
            }
        }
    }

    /// `[` or `{`: one level deeper, nothing in it yet.
    #[inline]
    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    /// `]` or `}`, on a line of its own after a value.
    #[inline]
    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.newline(w)?;
        }
        w.write_all(bracket)
    }

    /// Before an item or key: a comma after the one before, and a new line.
    #[inline]
    fn item<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        self.newline(w)
    }
}

impl serde_json::ser::Formatter for DumpFormatter {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let color = std::io::stderr().is_terminal();
    match cli.command {
        Command::Generate {
            inputs,
            out,
            select,
            client_feature,
            runtime,
        } => {
            // generated/ mirrors docs-input/; other pages must not overwrite it by default.
            if !inputs.is_empty() && out.is_none() {
                bail!("give `--out DIR` when generating from pages other than docs-input/");
            }
            let client_feature = client_default(&inputs, client_feature);
            let companion = inputs.is_empty();
            let (inputs, out) = defaults(inputs, out)?;
            let mut builder = select
                .apply(runtime.apply(companion, builder(&inputs, client_feature)))
                .out_dir(&out)
                .cargo_directives(false);
            let bar = color.then(progress_bar);
            if let Some(bar) = &bar {
                let bar = bar.clone();
                builder = builder.progress(move |done, total| {
                    bar.set_length(total as u64);
                    bar.set_position(done as u64);
                    if done == total {
                        bar.set_message("- inferring types, emitting Rust");
                    }
                });
            }
            let generated = builder.generate();
            if let Some(bar) = bar {
                bar.finish_and_clear();
            }
            let generated = generated.map_err(anyhow::Error::new)?;
            eprint!("{}", generated.render_diagnostics(color));
            // Operations with a request type; those only other pages' paths name are schema only.
            let ops = &generated.schema.operations;
            let mentioned_count = ops.iter().filter(|o| o.mentioned).count();
            let mentioned = match mentioned_count {
                0 => String::new(),
                n => format!(" (and {n} that only other pages' paths name, schema only)"),
            };
            eprintln!(
                "docgen: {} pages, {} types, {} operations{mentioned} -> {} files in {} ({} written, {} removed); {}",
                generated.pages.len(),
                generated.schema.types.len(),
                ops.len() - mentioned_count,
                generated.files.len(),
                out.display(),
                generated.written.len(),
                generated.removed.len(),
                summary(&generated),
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Check {
            inputs,
            out,
            select,
            client_feature,
            runtime,
        } => {
            let client_feature = client_default(&inputs, client_feature);
            let companion = inputs.is_empty();
            let (inputs, out) = defaults(inputs, out)?;
            let generated = select
                .apply(runtime.apply(companion, builder(&inputs, client_feature)))
                .run()?;
            let stale = docgen::stale_files(&generated.files, &out);
            if stale.is_empty() {
                eprintln!(
                    "docgen: {} is up to date ({} files)",
                    out.display(),
                    generated.files.len()
                );
                return Ok(ExitCode::SUCCESS);
            }
            eprintln!("docgen: {} is stale:", out.display());
            for line in &stale {
                eprintln!("  {line}");
            }
            eprintln!(
                "refresh it with: {}",
                refresh_command(&inputs, &out, &select)
            );
            Ok(ExitCode::from(1))
        }
        Command::Inspect { page } => {
            let display = page.to_string_lossy().into_owned();
            let (read, diags) = docgen::read::read_file(&page, &display);
            let source = std::fs::read(&page)
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default();
            eprint!("{}", diag::render(&diags, |_| Some(source.as_str()), color));
            let Some(read) = read else {
                bail!("cannot read {}", page.display());
            };
            println!("{}", serde_json::to_string_pretty(&read)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema { inputs, select } => {
            let inputs = default_inputs(inputs)?;
            let generated = select.apply(builder(&inputs, None)).analyze()?;
            eprint!("{}", generated.render_diagnostics(color));
            // Streamed: the dump of a whole docs tree is tens of MB. In 1 MB writes: stdout's
            // own line buffer passes 8 KB chunks on as two writes each (4,000 system calls).
            let mut out = std::io::BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
            let mut json =
                serde_json::Serializer::with_formatter(&mut out, DumpFormatter::default());
            serde::Serialize::serialize(&generated.schema, &mut json)?;
            writeln!(out)?;
            out.flush()?;
            // The process ends here: freeing the schema, the pages' text and every diagnostic one
            // allocation at a time would cost more than the dump (issue 10).
            std::mem::forget(generated);
            Ok(ExitCode::SUCCESS)
        }
        Command::Diff {
            old,
            new,
            format,
            exit_code,
            select,
        } => {
            let default_tree = workspace_root().map(|r| r.join("docs-input"));
            let load = |arg: &str| {
                let loaded =
                    docgen::diff::input::load(arg, default_tree.as_deref(), &|b| select.apply(b))
                        .with_context(|| format!("cannot read `{arg}`"))?;
                if loaded.pages > 0 {
                    eprintln!(
                        "docgen: {arg}: {} pages, {} types, {} operations, {} diagnostics",
                        loaded.pages,
                        loaded.schema.types.len(),
                        loaded.schema.operations.len(),
                        loaded.diagnostics
                    );
                }
                anyhow::Ok(loaded.schema)
            };
            let report = docgen::diff::diff(&load(&old)?, &load(&new)?);
            print!(
                "{}",
                match format {
                    Format::Text => report.to_text(),
                    Format::Markdown => report.to_markdown(),
                    Format::Json => report.to_json(),
                }
            );
            Ok(if exit_code && report.is_breaking() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}

/// A bar on stderr while pages are read (only called when stderr is a terminal).
fn progress_bar() -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} pages read {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

/// The command that regenerates `out` as `check` was asked to compare it.
fn refresh_command(inputs: &[PathBuf], out: &Path, select: &Select) -> String {
    let is_default = workspace_root()
        .is_some_and(|root| inputs == [root.join("docs-input")] && out == root.join("generated"));
    let mut command = "cargo run -p docgen -- generate".to_owned();
    if !is_default {
        for input in inputs {
            command.push_str(&format!(" {}", shell_word(&input.to_string_lossy())));
        }
        command.push_str(&format!(" -o {}", shell_word(&out.to_string_lossy())));
    }
    for glob in &select.include {
        command.push_str(&format!(" --include {}", shell_word(glob)));
    }
    for glob in &select.exclude {
        command.push_str(&format!(" --exclude {}", shell_word(glob)));
    }
    command
}

/// Quotes a word for a POSIX shell when it needs it.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@".contains(c));
    if plain {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// The nearest directory at or above the current one that holds `docs-input/`.
fn workspace_root() -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    cwd.ancestors()
        .find(|d| d.join("docs-input").is_dir())
        .map(Path::to_path_buf)
}

fn builder(inputs: &[PathBuf], client_feature: Option<String>) -> Builder {
    let builder = inputs.iter().fold(Builder::new(), |b, i| b.input(i));
    match client_feature {
        Some(feature) => builder.client_feature(feature),
        None => builder,
    }
}

/// How generated code reaches the runtime, and whether the examples become tests.
#[derive(clap::Args, Clone, Default)]
struct Runtime {
    /// The path generated code reaches the runtime crate by [default: ::docgen_runtime]
    #[arg(long, value_name = "PATH", conflicts_with = "inline_runtime")]
    runtime_path: Option<String>,
    /// Paste the runtime's source into support.rs instead of depending on docgen-runtime
    #[arg(long)]
    inline_runtime: bool,
    /// Emit the pages' examples as tests (examples.rs) [default without INPUTS: on, as the
    /// companion crate's build.rs does]
    #[arg(long)]
    example_tests: bool,
}

impl Runtime {
    /// `companion`: no INPUTS were given, so the output is the companion crate's `generated/`.
    fn apply(&self, companion: bool, mut builder: Builder) -> Builder {
        if let Some(path) = &self.runtime_path {
            builder = builder.runtime_path(path);
        }
        builder
            .inline_runtime(self.inline_runtime)
            .example_tests(self.example_tests || companion)
    }
}

/// The companion crate's build.rs emits the client behind its `client` feature, so `generated/`
/// (the default output, without INPUTS) holds it too.
fn client_default(inputs: &[PathBuf], given: Option<String>) -> Option<String> {
    given.or_else(|| inputs.is_empty().then(|| "client".to_owned()))
}

/// Fills in `docs-input/` and `generated/` of the workspace around the current directory.
fn defaults(inputs: Vec<PathBuf>, out: Option<PathBuf>) -> Result<(Vec<PathBuf>, PathBuf)> {
    if let (false, Some(out)) = (inputs.is_empty(), &out) {
        return Ok((inputs, out.clone()));
    }
    let inputs = default_inputs(inputs)?;
    let out = match (out, workspace_root()) {
        (Some(out), _) => out,
        (None, Some(root)) => root.join("generated"),
        (None, None) => bail!(
            "no `--out` given and no workspace with `docs-input/` around {}",
            current_dir()?.display()
        ),
    };
    Ok((inputs, out))
}

/// The inputs given, or the workspace's `docs-input/` without any. Commands that write nothing
/// (`schema`) need no workspace when given their inputs, so they work from any directory.
fn default_inputs(inputs: Vec<PathBuf>) -> Result<Vec<PathBuf>> {
    if !inputs.is_empty() {
        return Ok(inputs);
    }
    match workspace_root() {
        Some(root) => Ok(vec![root.join("docs-input")]),
        None => bail!(
            "no inputs given and no `docs-input/` in {} or above it",
            current_dir()?.display()
        ),
    }
}

fn current_dir() -> Result<PathBuf> {
    std::env::current_dir().context("cannot read the current directory")
}

/// `2 warnings, 0 errors` and friends.
fn summary(generated: &Generated) -> String {
    let count = |s| {
        generated
            .diagnostics
            .iter()
            .filter(|d| d.severity == s)
            .count()
    };
    format!(
        "{} errors, {} warnings, {} notes",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note)
    )
}

#[cfg(test)]
mod tests {
    use super::DumpFormatter;

    fn dumped(value: &serde_json::Value) -> String {
        let mut out = Vec::new();
        let mut json = serde_json::Serializer::with_formatter(&mut out, DumpFormatter::default());
        serde::Serialize::serialize(value, &mut json).expect("a value serializes");
        String::from_utf8(out).expect("JSON is UTF-8")
    }

    #[test]
    fn the_dump_formatter_writes_what_serde_json_pretty_prints() {
        // Empty and filled arrays and objects, strings to escape, and nesting beyond the 64
        // levels the formatter indents at once.
        let mut deep = serde_json::json!({"leaf": [1, {}]});
        for level in 0..70 {
            deep = serde_json::json!({"level": level, "inner": [deep, [], "a\"b\n"]});
        }
        let values = [
            serde_json::json!([]),
            serde_json::json!({}),
            serde_json::json!({"a": [], "b": {}, "c": [1, 2.5, null, true], "d": {"e": "f"}}),
            deep,
        ];
        for value in &values {
            let expected = serde_json::to_string_pretty(value).expect("a value serializes");
            assert_eq!(dumped(value), expected);
        }
    }
}
