//! The floor docgen's speed is measured against (`scripts/bench.sh`): the least any tool must do
//! with these pages. It walks the directories given, parses every `.md` file with pulldown-cmark
//! (tables on), and reads every fenced `json` block strictly with serde_json, keeping nothing.
//!
//! `cargo run --release -p docgen --example bare_pass -- DIR..` prints what it saw.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

fn main() {
    let (mut pages, mut events, mut blocks, mut parsed) = (0usize, 0usize, 0usize, 0usize);
    for dir in std::env::args().skip(1) {
        let mut paths: Vec<_> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
            .map(walkdir::DirEntry::into_path)
            .collect();
        paths.sort();
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
                            parsed += usize::from(
                                serde_json::from_str::<serde_json::Value>(&body).is_ok(),
                            );
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    println!("{pages} pages, {events} events, {blocks} json blocks, {parsed} strict JSON");
}
