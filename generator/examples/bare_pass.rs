//! The floor docgen's speed is measured against (`scripts/bench.sh`): the least any tool must do
//! with these pages. It walks the directories given, parses every `.md` file with pulldown-cmark
//! (tables on), and reads every fenced `json` block strictly with serde_json, keeping nothing.
//!
//! `cargo run --release -p docgen --example bare_pass -- DIR..` prints what it saw.
//! With `--distinct` first, a page path found under several directories (two versions of the
//! docs) is read once, from the first directory by path, as docgen reads it.

use std::path::PathBuf;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

fn main() {
    let (mut pages, mut events, mut blocks, mut parsed) = (0usize, 0usize, 0usize, 0usize);
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let distinct = args.first().is_some_and(|a| a == "--distinct");
    if distinct {
        args.remove(0);
    }
    let paths = if distinct {
        distinct_pages(&args)
    } else {
        args.iter().flat_map(|dir| md_files(dir)).collect()
    };
    for path in paths {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        pages += 1;
        let mut json: Option<String> = None;
        for event in Parser::new_ext(&text, Options::ENABLE_TABLES) {
            events += 1;
            match event {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang)))
                    if lang.trim().eq_ignore_ascii_case("json") =>
                {
                    json = Some(String::new());
                }
                Event::Text(t) => {
                    if let Some(body) = json.as_mut() {
                        body.push_str(&t);
                    }
                }
                Event::End(TagEnd::CodeBlock) => {
                    if let Some(body) = json.take() {
                        blocks += 1;
                        parsed +=
                            usize::from(serde_json::from_str::<serde_json::Value>(&body).is_ok());
                    }
                }
                _ => {}
            }
        }
    }
    println!("{pages} pages, {events} events, {blocks} json blocks, {parsed} strict JSON");
}

/// The `.md` files under `dir`, sorted.
fn md_files(dir: &str) -> Vec<PathBuf> {
    let mut paths: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    paths.sort();
    paths
}

/// The `.md` files under `dirs`, a path below its directory once: the first by path.
fn distinct_pages(dirs: &[String]) -> Vec<PathBuf> {
    let mut all: Vec<(PathBuf, PathBuf)> = dirs
        .iter()
        .flat_map(|dir| {
            md_files(dir)
                .into_iter()
                .map(move |p| (p.strip_prefix(dir).unwrap_or(&p).to_path_buf(), p))
        })
        .collect();
    all.sort();
    all.dedup_by(|later, kept| later.0 == kept.0);
    all.into_iter().map(|(_, path)| path).collect()
}
