//! The `docgen` command line: regenerate, inspect what a page reads as, check committed output.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use docgen::diag::{self, Severity};
use docgen::{Builder, Generated};

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
        /// Pages or directories of pages [default: <workspace>/docs-input]
        inputs: Vec<PathBuf>,
        /// Output directory [default: <workspace>/generated, only without INPUTS]
        #[arg(short, long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Also emit the async client, behind this cargo feature [default without INPUTS:
        /// `client`, as the companion crate's build.rs does]
        #[arg(long, value_name = "FEATURE")]
        client_feature: Option<String>,
    },
    /// Fail (exit 1) when the committed output differs from what the pages generate
    Check {
        /// Pages or directories of pages [default: <workspace>/docs-input]
        inputs: Vec<PathBuf>,
        /// The committed output directory [default: <workspace>/generated]
        #[arg(short, long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// The cargo feature the client was emitted behind [default without INPUTS: `client`]
        #[arg(long, value_name = "FEATURE")]
        client_feature: Option<String>,
    },
    /// Print what the reader saw in one page, as JSON (diagnostics go to stderr)
    Inspect {
        /// The page to read
        page: PathBuf,
    },
    /// Print the inferred schema (types and operations) as JSON
    Schema {
        /// Pages or directories of pages [default: <workspace>/docs-input]
        inputs: Vec<PathBuf>,
    },
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
            client_feature,
        } => {
            // generated/ mirrors docs-input/; other pages must not overwrite it by default.
            if !inputs.is_empty() && out.is_none() {
                bail!("give `--out DIR` when generating from pages other than docs-input/");
            }
            let client_feature = client_default(&inputs, client_feature);
            let (inputs, out) = defaults(inputs, out)?;
            let builder = builder(&inputs, client_feature)
                .out_dir(&out)
                .cargo_directives(false);
            let generated = builder.generate().map_err(anyhow::Error::new)?;
            eprint!("{}", generated.render_diagnostics(color));
            eprintln!(
                "docgen: {} types, {} operations -> {} files in {} ({} written, {} removed); {}",
                generated.schema.types.len(),
                generated.schema.operations.len(),
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
            client_feature,
        } => {
            let client_feature = client_default(&inputs, client_feature);
            let (inputs, out) = defaults(inputs, out)?;
            let generated = builder(&inputs, client_feature).run()?;
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
            eprintln!("refresh it with: cargo run -p docgen -- generate");
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
        Command::Schema { inputs } => {
            let (inputs, _) = defaults(inputs, None)?;
            let generated = builder(&inputs, None).analyze()?;
            eprint!("{}", generated.render_diagnostics(color));
            println!("{}", serde_json::to_string_pretty(&generated.schema)?);
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn builder(inputs: &[PathBuf], client_feature: Option<String>) -> Builder {
    let builder = inputs.iter().fold(Builder::new(), |b, i| b.input(i));
    match client_feature {
        Some(feature) => builder.client_feature(feature),
        None => builder,
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
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let root = cwd
        .ancestors()
        .find(|d| d.join("docs-input").is_dir())
        .map(Path::to_path_buf);
    let inputs = match (inputs.is_empty(), &root) {
        (false, _) => inputs,
        (true, Some(root)) => vec![root.join("docs-input")],
        (true, None) => bail!(
            "no inputs given and no `docs-input/` in {} or above it",
            cwd.display()
        ),
    };
    let out = match (out, &root) {
        (Some(out), _) => out,
        (None, Some(root)) => root.join("generated"),
        (None, None) => bail!(
            "no `--out` given and no workspace with `docs-input/` around {}",
            cwd.display()
        ),
    };
    Ok((inputs, out))
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
