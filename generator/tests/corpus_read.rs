//! Every page of `../shared/corpus` reads without a panic; prints what the reader saw.

mod support;

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

use docgen::diag::count_by_code;
use docgen::read::{self, JsonMode};

#[derive(Default, Debug)]
struct Tally {
    pages: usize,
    tables: usize,
    rows: usize,
    blocks: usize,
    http: usize,
    annotations: BTreeMap<JsonMode, usize>,
    json: BTreeMap<JsonMode, usize>,
    diagnostics: BTreeMap<String, usize>,
    failed_json: Vec<String>,
    panics: Vec<String>,
}

fn read_family(family: &str) -> Option<Tally> {
    let dir = support::corpus()?.join(family);
    if !dir.is_dir() {
        println!("SKIPPED: {} is absent", dir.display());
        return None;
    }
    let mut tally = Tally::default();
    for (path, rel) in support::markdown_files(&dir) {
        let bytes = std::fs::read(&path).expect("corpus pages are readable");
        let result = catch_unwind(AssertUnwindSafe(|| read::read_page(&rel, &bytes)));
        let Ok((page, diags)) = result else {
            tally.panics.push(rel);
            continue;
        };
        tally.pages += 1;
        tally.tables += page.tables.len();
        tally.rows += page.tables.iter().map(|t| t.rows.len()).sum::<usize>();
        tally.blocks += page.blocks.len();
        tally.http += page.blocks.iter().filter(|b| b.http.is_some()).count();
        for a in &page.annotations {
            *tally.annotations.entry(a.mode).or_default() += 1;
        }
        for b in &page.blocks {
            if let Some(json) = &b.json {
                *tally.json.entry(json.mode).or_default() += 1;
                if json.mode == JsonMode::Failed {
                    tally.failed_json.push(format!("{rel}:{}", json.line));
                }
            }
        }
        for ((severity, code), n) in count_by_code(&diags) {
            *tally
                .diagnostics
                .entry(format!("{severity}[{code}]"))
                .or_default() += n;
        }
    }
    println!("== {family} ==");
    println!(
        "pages {}, tables {} ({} rows), code blocks {} ({} HTTP)",
        tally.pages, tally.tables, tally.rows, tally.blocks, tally.http
    );
    println!("annotations by mode: {:?}", tally.annotations);
    println!("JSON bodies by mode: {:?}", tally.json);
    println!("diagnostics by code: {:#?}", tally.diagnostics);
    println!(
        "JSON bodies not read ({}): {:?}",
        tally.failed_json.len(),
        &tally.failed_json[..tally.failed_json.len().min(40)]
    );
    assert!(
        tally.panics.is_empty(),
        "pages that panicked: {:?}",
        tally.panics
    );
    Some(tally)
}

fn count(map: &BTreeMap<JsonMode, usize>, mode: JsonMode) -> usize {
    map.get(&mode).copied().unwrap_or(0)
}

#[test]
fn docstubs_beta_reads_every_annotation_and_json_body_strictly() {
    let Some(t) = read_family("docstubs-beta") else {
        return;
    };
    assert!(t.pages > 8000, "{} pages", t.pages);
    assert_eq!(count(&t.annotations, JsonMode::Lenient), 0);
    assert_eq!(count(&t.annotations, JsonMode::Failed), 0);
    assert_eq!(count(&t.json, JsonMode::Lenient), 0);
    assert_eq!(count(&t.json, JsonMode::Failed), 0, "{:?}", t.failed_json);
    assert!(count(&t.json, JsonMode::Strict) > 9_000);
}

#[test]
fn docstubs_beta_next_reads_without_panic() {
    let Some(t) = read_family("docstubs-beta-next") else {
        return;
    };
    assert!(t.pages > 7000, "{} pages", t.pages);
}

#[test]
fn graph_v1_reads_at_least_99_percent_of_json_bodies() {
    let Some(t) = read_family("graph-v1.0") else {
        return;
    };
    assert!(t.pages > 2400, "{} pages", t.pages);
    let read = count(&t.json, JsonMode::Strict) + count(&t.json, JsonMode::Lenient);
    let total = read + count(&t.json, JsonMode::Failed);
    let share = read as f64 / total as f64;
    println!("graph-v1.0 JSON bodies read: {read}/{total} = {share:.4}");
    assert!(share >= 0.99, "only {share:.4} of JSON bodies read");
    let annotations_read =
        count(&t.annotations, JsonMode::Strict) + count(&t.annotations, JsonMode::Lenient);
    println!(
        "graph-v1.0 annotations read: {annotations_read}/{}",
        annotations_read + count(&t.annotations, JsonMode::Failed)
    );
    assert_eq!(count(&t.annotations, JsonMode::Failed), 0);
}

/// Every table cell of the corpus reads the same with the reader's shortcuts for
/// simple cells (plain text; text, inline links and code spans) as with pulldown-cmark alone.
#[test]
fn table_cells_read_as_the_parser_reads_them() {
    use docgen::read::inline::{parse_cell, parse_cell_with_parser};
    for family in ["graph-v1.0", "graph-v1.0-2021", "docstubs-beta"] {
        let Some(dir) = support::corpus().map(|c| c.join(family)) else {
            return;
        };
        let (mut cells, mut linked) = (0usize, 0usize);
        let mut differ = Vec::new();
        for (path, rel) in support::markdown_files(&dir) {
            let bytes = std::fs::read(&path).expect("corpus pages are readable");
            let (page, _) = read::read_page(&rel, &bytes);
            let defs = &page.link_definitions;
            for table in &page.tables {
                let rows = table.rows.iter().map(|r| (r.line, &r.cells));
                for (line, row) in std::iter::once((table.line, &table.header)).chain(rows) {
                    for cell in row {
                        cells += 1;
                        let quick = parse_cell(&cell.source, defs);
                        linked += usize::from(!quick.links.is_empty());
                        if quick != parse_cell_with_parser(&cell.source, defs) {
                            differ.push(format!("{rel}:{line}: {}", cell.source));
                        }
                    }
                }
            }
        }
        println!(
            "{family}: {cells} cells, {linked} with links, {} differ",
            differ.len()
        );
        assert!(cells > 10_000 && linked > 1_000, "too few cells to tell");
        assert!(differ.is_empty(), "{family}: {differ:#?}");
    }
}

/// Every front matter of the corpus reads the same with the shortcut for flat `key: value` front
/// matter as with yaml-rust2 alone.
#[test]
fn front_matter_reads_as_yaml_reads_it() {
    use docgen::read::front_matter::{read, read_as_yaml};
    for family in [
        "graph-v1.0",
        "graph-v1.0-2021",
        "docstubs-beta",
        "docstubs-beta-next",
    ] {
        let Some(dir) = support::corpus().map(|c| c.join(family)) else {
            return;
        };
        let (mut read_any, mut differ) = (0usize, Vec::new());
        for (path, rel) in support::markdown_files(&dir) {
            let bytes = std::fs::read(&path).expect("corpus pages are readable");
            let text = String::from_utf8_lossy(&bytes);
            let text = text.trim_start_matches('\u{feff}');
            let (quick, yaml) = (read(text), read_as_yaml(text));
            read_any += usize::from(quick.is_some());
            let same = match (&quick, &yaml) {
                (Some(a), Some(b)) => {
                    a.front_matter.fields == b.front_matter.fields
                        && a.yaml_error == b.yaml_error
                        && a.end == b.end
                }
                (a, b) => a.is_none() && b.is_none(),
            };
            if !same {
                differ.push(rel);
            }
        }
        println!(
            "{family}: {read_any} front matters, {} differ",
            differ.len()
        );
        assert!(read_any > 1_000, "too few front matters to tell");
        assert!(differ.is_empty(), "{family}: {differ:#?}");
    }
}
