//! Hostile and degenerate pages: the reader must read what it can, say what it could not, and
//! never panic, overflow the stack or hang. Every test checks what was read, not only that
//! reading returned. (`generator/fuzz` throws random bytes at the same entry point.)

use docgen::diag::{Code, Diagnostic, Severity};
use docgen::read::{self, HttpMessage, JsonMode, LineEndings, Page, RowRepair};

mod support;

fn read(text: &str) -> (Page, Vec<Diagnostic>) {
    read::read_page("hostile.md", text.as_bytes())
}

/// The diagnostics with `code`, as (severity, line, col).
fn found(diags: &[Diagnostic], code: Code) -> Vec<(Severity, usize, usize)> {
    diags
        .iter()
        .filter(|d| d.code == code)
        .map(|d| (d.severity, d.line, d.col))
        .collect()
}

fn codes(diags: &[Diagnostic]) -> Vec<Code> {
    diags.iter().map(|d| d.code).collect()
}

const FRONT_MATTER: &str =
    "---\ntitle: \"hostile resource type\"\ndescription: \"A page built to be large.\"\n---\n";

// --- Size ---------------------------------------------------------------------------------------

#[test]
fn ten_megabyte_property_table_reads_every_row() {
    const ROWS: usize = 100_000;
    let mut text = format!(
        "{FRONT_MATTER}\n# hostile resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n\
         | Property | Type | Description |\n|:---|:---|:---|\n"
    );
    let header_lines = text.matches('\n').count();
    for i in 0..ROWS {
        text.push_str(&format!(
            "| property{i:06} | [identitySet](identityset.md) collection | Property number {i} of \
             the page; it is read-only. Supports `$filter` (`eq`, `ne`) and `$orderby`. |\n"
        ));
    }
    assert!(text.len() >= 10_000_000, "{} bytes", text.len());

    let (page, diags) = read(&text);
    assert!(diags.is_empty(), "{:?}", &diags[..diags.len().min(5)]);
    assert_eq!(page.title.as_deref(), Some("hostile resource type"));
    assert_eq!(page.tables.len(), 1);
    let table = &page.tables[0];
    assert_eq!(table.header_key(), "property|type|description");
    assert_eq!(table.rows.len(), ROWS);
    let last = &table.rows[ROWS - 1];
    assert_eq!(last.line, header_lines + ROWS);
    assert_eq!(last.cells[0].text, "property099999");
    assert_eq!(last.cells[1].links[0].target, "identityset.md");
    assert_eq!(last.cells[2].code, ["$filter", "eq", "ne", "$orderby"]);
}

#[test]
fn ten_megabyte_paragraph_and_json_response_are_read_whole() {
    const ITEMS: usize = 50_000;
    let sentence = "The response lists every event of the calendar, with its subject and times. ";
    let paragraph = sentence.repeat(5_000_000 / sentence.len());
    let mut body = String::from("{\n  \"value\": [\n");
    for i in 0..ITEMS {
        body.push_str(&format!(
            "    {{\"id\": \"AAMkAGI2TG93AAA{i:08}\", \"subject\": \"Event {i}\", \
             \"start\": {{\"dateTime\": \"2017-04-15T11:00:00.0000000\", \"timeZone\": \"UTC\"}}}},\n"
        ));
    }
    body.push_str("    null\n  ]\n}");
    let text = format!(
        "{FRONT_MATTER}\n# List events\n\n{paragraph}\n\n### Response\n\n\
         <!-- {{ \"blockType\": \"response\", \"truncated\": true }} -->\n\
         ```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{body}\n```\n"
    );
    assert!(text.len() >= 10_000_000, "{} bytes", text.len());

    let (page, diags) = read(&text);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(page.paragraphs.len(), 1);
    assert_eq!(page.paragraphs[0].inline.text, paragraph.trim_end());
    assert_eq!(page.blocks.len(), 1);
    let block = &page.blocks[0];
    assert_eq!(
        block
            .annotation
            .and_then(|a| page.annotations[a].get_str("blockType")),
        Some("response")
    );
    assert!(matches!(
        block.http,
        Some(HttpMessage::Response { status: 200, .. })
    ));
    let json = block.json.as_ref().expect("the response body is JSON");
    assert_eq!(json.mode, JsonMode::Strict);
    assert_eq!(json.line, block.content_line + 3);
    let value = json.value.as_ref().unwrap();
    assert_eq!(value["value"].as_array().unwrap().len(), ITEMS + 1);
    assert_eq!(value["value"][ITEMS - 1]["subject"], "Event 49999");
}

// --- Depth --------------------------------------------------------------------------------------

const DEPTH: usize = 10_000;

fn deep_array() -> String {
    format!("{}1{}", "[".repeat(DEPTH), "]".repeat(DEPTH))
}

#[test]
fn json_fence_nested_ten_thousand_deep_is_json_invalid_at_its_line() {
    let text = format!("# Deep\n\n```json\n{}\n```\n", deep_array());
    let (page, diags) = read(&text);
    assert_eq!(
        found(&diags, Code::JsonInvalid),
        [(Severity::Warning, 4, 128)]
    );
    let d = diags.iter().find(|d| d.code == Code::JsonInvalid).unwrap();
    assert!(d.message.contains("recursion limit exceeded"), "{d}");
    let json = page.blocks[0].json.as_ref().unwrap();
    assert_eq!(
        (json.mode, json.line, &json.value),
        (JsonMode::Failed, 4, &None)
    );
}

#[test]
fn annotation_nested_ten_thousand_deep_is_annotation_invalid_at_its_line() {
    let text = format!(
        "# Deep\n\nSome text.\n\n<!-- {{\n  \"blockType\": \"request\",\n  \"x\": {}\n}} -->\n\
         ```http\nGET /me\n```\n",
        deep_array()
    );
    let (page, diags) = read(&text);
    let invalid = found(&diags, Code::AnnotationInvalid);
    assert_eq!(invalid.len(), 1, "{diags:?}");
    assert_eq!((invalid[0].0, invalid[0].1), (Severity::Warning, 7));
    assert_eq!(page.annotations.len(), 1);
    let annotation = &page.annotations[0];
    assert_eq!((annotation.line, annotation.mode), (5, JsonMode::Failed));
    // The annotation still belongs to the block after it.
    assert_eq!(annotation.block, Some(0));
    assert!(matches!(
        page.blocks[0].http,
        Some(HttpMessage::Request { .. })
    ));
}

#[test]
fn response_body_nested_ten_thousand_deep_is_json_invalid_at_its_line() {
    let text = format!(
        "# Deep\n\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{{\"value\": {}}}\n```\n",
        deep_array()
    );
    let (page, diags) = read(&text);
    assert_eq!(found(&diags, Code::JsonInvalid).len(), 1, "{diags:?}");
    assert_eq!(found(&diags, Code::JsonInvalid)[0].1, 7);
    let block = &page.blocks[0];
    assert!(matches!(
        block.http,
        Some(HttpMessage::Response { status: 200, .. })
    ));
    let json = block.json.as_ref().unwrap();
    assert_eq!((json.mode, json.line), (JsonMode::Failed, 7));
}

#[test]
fn blockquotes_nested_ten_thousand_deep_keep_their_text() {
    let text = format!("{} deep text\n\n# After\n", ">".repeat(DEPTH));
    let (page, diags) = read(&text);
    assert_eq!(codes(&diags), [Code::FrontMatterMissing]);
    assert_eq!(page.paragraphs.len(), 1);
    assert_eq!(page.paragraphs[0].inline.text, "deep text");
    assert_eq!(page.title.as_deref(), Some("After"));
    assert_eq!(page.headings[0].line, 3);
}

#[test]
fn list_items_nested_ten_thousand_deep_do_not_hide_what_follows() {
    let text = format!(
        "{}item\n\n# After\n\n|a|b|\n|-|-|\n|1|2|\n",
        "- ".repeat(DEPTH)
    );
    let (page, diags) = read(&text);
    assert_eq!(codes(&diags), [Code::FrontMatterMissing]);
    assert_eq!(page.title.as_deref(), Some("After"));
    assert_eq!(page.headings[0].line, 3);
    assert_eq!(page.tables.len(), 1);
    assert_eq!(page.tables[0].rows[0].cells[1].text, "2");
}

#[test]
fn brackets_nested_ten_thousand_deep_stay_text() {
    let text = format!("{}x{}\n", "[".repeat(DEPTH), "]".repeat(DEPTH));
    let (page, _) = read(&text);
    assert_eq!(page.paragraphs.len(), 1);
    let inline = &page.paragraphs[0].inline;
    assert!(
        inline.text == text.trim_end(),
        "{} bytes of text",
        inline.text.len()
    );
    assert!(inline.links.is_empty());
    // Ten thousand nested links, each with a target: only the innermost is a link (links do not
    // nest); the others stay text around it.
    let text = format!("{}x{}\n", "[".repeat(DEPTH), "](t.md)".repeat(DEPTH));
    let (page, _) = read(&text);
    let inline = &page.paragraphs[0].inline;
    let want = format!("{}x{}", "[".repeat(DEPTH - 1), "](t.md)".repeat(DEPTH - 1));
    assert!(inline.text == want, "{} bytes of text", inline.text.len());
    assert_eq!(inline.links.len(), 1);
    assert_eq!(
        (
            inline.links[0].text.as_str(),
            inline.links[0].target.as_str()
        ),
        ("x", "t.md")
    );
}

#[test]
fn emphasis_nested_ten_thousand_deep_reads_as_its_text() {
    let stars = "*".repeat(DEPTH);
    let text = format!("{stars}x{stars}\n\n|Property|Type|\n|-|-|\n|{stars}id{stars}|String|\n");
    let (page, diags) = read(&text);
    assert_eq!(codes(&diags), [Code::FrontMatterMissing]);
    assert_eq!(page.paragraphs[0].inline.text, "x");
    assert!(page.paragraphs[0].inline.strong_only);
    let row = &page.tables[0].rows[0];
    assert_eq!(
        (row.cells[0].text.as_str(), row.cells[1].text.as_str()),
        ("id", "String")
    );
}

// --- Encoding and empty pages -------------------------------------------------------------------

#[test]
fn invalid_utf8_on_line_three_is_an_error_there_and_the_rest_is_read() {
    let mut bytes = b"# Broken encoding\n\nBad \xff\xfe bytes.\n\n".to_vec();
    bytes.extend_from_slice(b"|Property|Type|Description|\n|:--|:--|:--|\n|id|String|Key.|\n");
    let (page, diags) = read::read_page("hostile.md", &bytes);
    assert_eq!(found(&diags, Code::InvalidUtf8), [(Severity::Error, 3, 5)]);
    assert_eq!(page.title.as_deref(), Some("Broken encoding"));
    assert_eq!(
        page.paragraphs[0].inline.text,
        "Bad \u{fffd}\u{fffd} bytes."
    );
    assert_eq!(page.tables.len(), 1);
    assert_eq!(page.tables[0].rows.len(), 1);
    assert_eq!(page.tables[0].rows[0].cells[2].text, "Key.");
}

#[test]
fn empty_and_blank_pages_have_no_title_and_only_the_missing_front_matter_note() {
    for text in ["", " ", "\n\n\n", " \t \r\n  \n\t\n"] {
        let (page, diags) = read(text);
        assert_eq!(
            found(&diags, Code::FrontMatterMissing),
            [(Severity::Note, 1, 1)],
            "{text:?}"
        );
        assert_eq!(diags.len(), 1, "{text:?}: {diags:?}");
        assert_eq!(page.title, None);
        assert!(page.front_matter.is_none());
        assert!(page.headings.is_empty() && page.paragraphs.is_empty() && page.blocks.is_empty());
    }
}

#[test]
fn a_lone_rule_is_no_front_matter_and_an_empty_pair_is_empty_front_matter() {
    for text in ["---", "---\n", "---\n\n"] {
        let (page, diags) = read(text);
        assert_eq!(codes(&diags), [Code::FrontMatterMissing], "{text:?}");
        assert_eq!((page.title, page.front_matter), (None, None), "{text:?}");
    }
    let (page, diags) = read("---\n---\n");
    assert!(diags.is_empty(), "{diags:?}");
    assert!(page.front_matter.unwrap().fields.is_empty());
    assert_eq!(page.title, None);
}

// --- Unclosed and odd structures ----------------------------------------------------------------

#[test]
fn unclosed_code_fence_runs_to_the_end_with_a_warning() {
    let (page, diags) = read("# T\n\n```json\n{\"a\": 1}\n\nmore text\n");
    assert_eq!(
        found(&diags, Code::FenceUnclosed),
        [(Severity::Warning, 3, 1)]
    );
    assert_eq!(page.blocks.len(), 1);
    let block = &page.blocks[0];
    assert!(block.unclosed);
    assert_eq!(block.text, "{\"a\": 1}\n\nmore text\n");
    assert!(page.paragraphs.is_empty());
    // The JSON is followed by prose, so it does not read; it says so at the fence's content.
    assert_eq!(block.json.as_ref().unwrap().mode, JsonMode::Failed);
}

#[test]
fn unclosed_comment_swallows_the_rest_and_is_an_invalid_annotation() {
    let text = "# T\n\n<!-- {\n  \"blockType\": \"request\"\n\n```http\nGET /me\n```\n\nText.\n";
    let (page, diags) = read(text);
    assert_eq!(found(&diags, Code::AnnotationInvalid).len(), 1, "{diags:?}");
    assert_eq!(page.annotations.len(), 1);
    assert_eq!(
        (page.annotations[0].line, page.annotations[0].mode),
        (3, JsonMode::Failed)
    );
    assert!(page.blocks.is_empty() && page.paragraphs.is_empty());
    assert_eq!(page.title.as_deref(), Some("T"));
}

#[test]
fn table_header_without_rows_is_a_table_with_no_rows() {
    let (page, diags) = read("|Property|Type|Description|\n|:--|:--|:--|\n\nAfter.\n");
    assert_eq!(codes(&diags), [Code::FrontMatterMissing]);
    assert_eq!(page.tables.len(), 1);
    assert_eq!(page.tables[0].header_key(), "property|type|description");
    assert!(page.tables[0].rows.is_empty());
    assert_eq!(page.paragraphs[0].inline.text, "After.");
}

#[test]
fn row_with_a_thousand_cells_is_joined_into_the_last_column() {
    let cells: Vec<String> = (0..1000).map(|i| format!("c{i}")).collect();
    let text = format!(
        "|Property|Type|Description|\n|--|--|--|\n|{}|\n",
        cells.join("|")
    );
    let (page, diags) = read(&text);
    assert_eq!(
        found(&diags, Code::TableRowRepaired),
        [(Severity::Note, 3, 1)]
    );
    let row = &page.tables[0].rows[0];
    assert_eq!(row.repairs, [RowRepair::ExtraCellsJoined]);
    assert_eq!(row.cells.len(), 3);
    assert_eq!(row.cells[2].text, cells[2..].join(" | "));

    // A header as wide as the row keeps every cell.
    let dashes = vec!["-"; 1000].join("|");
    let text = format!("|{}|\n|{dashes}|\n|{}|\n", cells.join("|"), cells.join("|"));
    let (page, diags) = read(&text);
    assert_eq!(codes(&diags), [Code::FrontMatterMissing]);
    let table = &page.tables[0];
    assert_eq!(
        (table.header.len(), table.rows[0].cells.len()),
        (1000, 1000)
    );
    assert_eq!(table.rows[0].cells[999].text, "c999");
}

// --- Line endings -------------------------------------------------------------------------------

#[test]
fn bom_and_crlf_page_reads_like_its_lf_twin() {
    let lf = "---\ntitle: \"Get hostSecurityProfile\"\n---\n\n# Get hostSecurityProfile\n\n\
              ## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|id|String|Key\n\
              continued.|\n|**Group**|\n\n<!-- { \"blockType\": \"request\" } -->\n\
              ```http\nGET /security/hostSecurityProfiles/{id}\n```\n";
    let crlf = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
    let (a, a_diags) = read(lf);
    let (b, b_diags) = read(&crlf);
    assert_eq!((a.bom, a.line_endings), (false, LineEndings::Lf));
    assert_eq!((b.bom, b.line_endings), (true, LineEndings::Crlf));
    assert_eq!(a.title.as_deref(), Some("Get hostSecurityProfile"));
    assert_eq!(a.title, b.title);
    assert_eq!(a.front_matter, b.front_matter);
    assert_eq!(a.headings, b.headings);
    assert_eq!(a.tables, b.tables);
    assert_eq!(a.tables[0].rows.len(), 2);
    assert_eq!(a.tables[0].rows[0].cells[2].text, "Key continued.");
    assert_eq!(a.annotations, b.annotations);
    assert_eq!(a.blocks, b.blocks);
    assert_eq!(a_diags, b_diags);
    assert_eq!(
        found(&a_diags, Code::TableRowRepaired),
        [(Severity::Note, 11, 1), (Severity::Note, 13, 1)]
    );
}

// --- Regressions: inputs that once crashed the reader --------------------------------------------

#[test]
fn front_matter_nested_ten_thousand_deep_in_block_style_falls_back_to_lines() {
    // The YAML loader recursed once per `- ` and overflowed the stack.
    let text = format!(
        "---\ntitle: Deep\nx:\n  {}y\n---\n# H\n",
        "- ".repeat(DEPTH)
    );
    let (page, diags) = read(&text);
    assert_eq!(
        found(&diags, Code::FrontMatterInvalid),
        [(Severity::Warning, 4, 1)]
    );
    assert!(
        diags[0].message.contains("nesting deeper than 64 levels"),
        "{}",
        diags[0]
    );
    assert_eq!(page.title.as_deref(), Some("Deep"));
    assert_eq!(page.headings[0].line, 6);
    // The same at the top level, with `?` keys instead of `-` items.
    let (page, diags) = read(&format!("---\n{}y\n---\n# H\n", "? ".repeat(DEPTH)));
    assert_eq!(
        found(&diags, Code::FrontMatterInvalid),
        [(Severity::Warning, 2, 1)]
    );
    assert_eq!(page.title.as_deref(), Some("H"));
}

#[test]
fn front_matter_aliases_are_not_expanded() {
    // Nine anchors of nine aliases each: 9^9 copies of "x" when expanded (out of memory).
    let mut text = String::from("---\ntitle: Laughs\na0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for i in 1..9 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    text.push_str("---\n");
    let (page, diags) = read(&text);
    assert_eq!(
        found(&diags, Code::FrontMatterInvalid),
        [(Severity::Warning, 4, 1)]
    );
    assert!(diags[0].message.contains("aliases"), "{}", diags[0]);
    let front_matter = page.front_matter.unwrap();
    assert_eq!(front_matter.get_str("title"), Some("Laughs"));
    // Read line by line instead, values as written.
    let a1 = format!("&a1 [{}]", ["*a0"; 9].join(", "));
    assert_eq!(front_matter.get_str("a1"), Some(a1.as_str()));
}

#[test]
fn wide_header_over_many_short_rows_stops_padding_at_the_page_limit() {
    // 3,000 columns over 3,000 one-cell rows asked for 9 million empty cells from 21 kB.
    const WIDTH: usize = 3_000;
    let text = format!(
        "|{}\n|{}\n{}",
        "a|".repeat(WIDTH),
        "-|".repeat(WIDTH),
        "|b\n".repeat(WIDTH)
    );
    let (page, diags) = read(&text);
    let table = &page.tables[0];
    let kept = read::table::MAX_PADDED_CELLS / (WIDTH - 1);
    assert_eq!(table.rows.len(), kept);
    assert!(
        table
            .rows
            .iter()
            .all(|r| r.cells.len() == WIDTH && r.cells[0].text == "b")
    );
    assert_eq!(
        found(&diags, Code::Skipped),
        [(Severity::Warning, 3 + kept, 1)]
    );
    // The limit is the page's: two tables that each stay under it (as pulldown-cmark counts, per
    // table) share it, and the second one ends where it runs out.
    const COLUMNS: usize = 201;
    const ROWS: usize = 1_000;
    let table = format!(
        "|{}\n|{}\n{}",
        "a|".repeat(COLUMNS),
        "-|".repeat(COLUMNS),
        "|b\n".repeat(ROWS)
    );
    let (page, diags) = read(&format!("{table}\n{table}"));
    assert_eq!(page.tables.len(), 2);
    assert_eq!(page.tables[0].rows.len(), ROWS);
    let kept = (read::table::MAX_PADDED_CELLS - ROWS * (COLUMNS - 1)) / (COLUMNS - 1);
    assert_eq!(page.tables[1].rows.len(), kept);
    let second_header = ROWS + 4;
    assert_eq!(
        found(&diags, Code::Skipped),
        [(Severity::Warning, second_header + 2 + kept, 1)]
    );
}

#[test]
fn one_line_json_with_a_hundred_thousand_repairs_reports_each_at_its_column() {
    // Each repair was located from the start of its line: quadratic on one long line.
    const ITEMS: usize = 100_000;
    let text = format!("# T\n\n```json\n[{}'a']\n```\n", "'a',".repeat(ITEMS));
    let (page, diags) = read(&text);
    let repairs = found(&diags, Code::JsonRecovered);
    assert_eq!(repairs.len(), ITEMS + 1);
    assert_eq!(repairs[0], (Severity::Warning, 4, 2));
    assert_eq!(repairs[ITEMS], (Severity::Warning, 4, 2 + 4 * ITEMS));
    assert!(
        repairs
            .iter()
            .zip(1..)
            .all(|(&(_, line, col), i)| line == 4 && col == 4 * i - 2)
    );
    let json = page.blocks[0].json.as_ref().unwrap();
    assert_eq!(json.mode, JsonMode::Lenient);
    assert_eq!(
        json.value.as_ref().unwrap().as_array().unwrap().len(),
        ITEMS + 1
    );
}

// --- Hostile sizes through every stage (read, facts, schema, emit) -------------------------------
// Each ends with a result or a clear diagnostic. A watchdog fails a run that has not returned
// after a generous bound: a hang guard, not a timing test (each takes seconds in a debug build).

/// Runs `stages` (`Builder::run`: every stage, nothing written; or `analyze`) over `dir` on
/// another thread, failing after `secs` seconds.
fn within(
    dir: &std::path::Path,
    secs: u64,
    stages: fn(&docgen::Builder) -> Result<docgen::Generated, docgen::Error>,
) -> docgen::Generated {
    let builder = docgen::Builder::new().input(dir);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(stages(&builder));
    });
    rx.recv_timeout(std::time::Duration::from_secs(secs))
        .unwrap_or_else(|_| panic!("the pipeline did not end in {secs} s"))
        .expect("the pages are read")
}

#[test]
fn a_hundred_thousand_pages_are_each_read_once() {
    const PAGES: usize = 100_000;
    let dir = tempfile::tempdir().unwrap();
    // 100 folders of 1000 pages: a directory of 100k entries is legal but slow on some systems.
    for folder in 0..PAGES / 1000 {
        let folder_dir = dir.path().join(format!("f{folder:03}"));
        std::fs::create_dir(&folder_dir).unwrap();
        for page in 0..1000 {
            std::fs::write(folder_dir.join(format!("p{page:04}.md")), "# p\n").unwrap();
        }
    }
    let generated = within(dir.path(), 600, docgen::Builder::run);
    assert_eq!(generated.pages.len(), PAGES);
    assert_eq!(generated.pages[PAGES - 1], "f099/p0999.md");
    assert!(generated.schema.types.is_empty());
}

#[test]
fn a_million_row_table_is_read_whole() {
    let mut table = format!(
        "{FRONT_MATTER}\n# hostile resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n\
         | Property | Type | Description |\n|:---|:---|:---|\n"
    );
    for i in 0..1_000_000 {
        table.push_str(&format!("| p{i} | String | Property {i}. |\n"));
    }
    let (page, diags) = read(&table);
    assert!(diags.is_empty(), "{:?}", &diags[..diags.len().min(5)]);
    assert_eq!(page.tables[0].rows.len(), 1_000_000);
    assert_eq!(page.tables[0].rows[999_999].cells[0].text, "p999999");
}

/// A page whose table lists `rows` String properties `p0`, `p1`, ...
fn wide_resource(rows: usize) -> String {
    let mut page = format!(
        "{FRONT_MATTER}\n# hostile resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n\
         | Property | Type | Description |\n|:---|:---|:---|\n"
    );
    for i in 0..rows {
        page.push_str(&format!("| p{i} | String | Property {i}. |\n"));
    }
    page
}

#[test]
fn a_type_of_two_hundred_thousand_properties_goes_through_every_stage_whole() {
    // Each stage once looked a property up by scanning the ones before it: quadratic, so a
    // type of 40,000 rows took seconds and one of a million did not end.
    const ROWS: usize = 200_000;
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("resources")).unwrap();
    std::fs::write(dir.path().join("resources/hostile.md"), wide_resource(ROWS)).unwrap();
    let generated = within(dir.path(), 600, docgen::Builder::run);
    let ty = generated
        .schema
        .type_named("microsoft.graph.hostile")
        .expect("the type is read");
    assert_eq!(ty.properties.len(), ROWS);
    assert_eq!(ty.properties[ROWS - 1].name, format!("p{}", ROWS - 1));
    let model = generated
        .files
        .iter()
        .find(|f| f.path.starts_with("models/"))
        .expect("the type is emitted");
    // Every row is a field, in table order.
    let fields: Vec<&str> = model
        .contents
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub p"))
        .collect();
    assert_eq!(fields.len(), ROWS);
    assert!(
        fields[ROWS - 1].starts_with(&format!("{}:", ROWS - 1)),
        "{}",
        fields[ROWS - 1]
    );
}

#[test]
fn a_fifty_megabyte_page_ends_in_a_result_through_every_stage() {
    let dir = tempfile::tempdir().unwrap();
    let mut big = format!("{FRONT_MATTER}\n# big\n\n");
    while big.len() < 50_000_000 {
        big.push_str("All work and no play makes a large page. ");
    }
    std::fs::write(dir.path().join("big.md"), &big).unwrap();
    let generated = within(dir.path(), 600, docgen::Builder::run);
    assert_eq!(generated.pages, ["big.md"]);
    assert_eq!(generated.sources["big.md"].len(), big.len());
}

#[test]
fn json_nested_a_hundred_thousand_deep_is_invalid_json_through_every_stage() {
    let dir = tempfile::tempdir().unwrap();
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let page = format!(
        "{FRONT_MATTER}\n# deep\n\nNamespace: microsoft.graph\n\n## Response\n\n\
         <!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.deep\" }} -->\n\
         ```json\n{deep}\n```\n"
    );
    std::fs::write(dir.path().join("deep.md"), page).unwrap();
    let generated = within(dir.path(), 120, docgen::Builder::run);
    let invalid = found(&generated.diagnostics, Code::JsonInvalid);
    assert_eq!(invalid.len(), 1, "{:?}", generated.diagnostics);
    assert_eq!(invalid[0].1, 14, "the JSON's line");
}

// --- Letters that lower-case longer --------------------------------------------------------------

#[test]
fn letters_that_lower_case_to_more_bytes_before_a_phrase_move_nothing() {
    // `İ` lower-cases to three bytes from two. An offset found in a lower-cased copy of the text
    // and used in the text itself cuts it in the wrong place, or inside a character (a panic).
    let i = "İ".repeat(16);
    let gadget = format!(
        "---\ntitle: \"gadget resource type\"\n---\n# gadget resource type\n\nNamespace: microsoft.graph\n\n\
         {i} Inherits from [widget](widget.md). ééééé\n\n\
         {i} Derived types are [smallGadget](smallgadget.md). ééééé\n\n\
         ## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n\
         |parts|{i} [widget](widget.md) collection. é é é é é é é é é é|The parts.|\n\
         |mode|gadgetMode|{i} Possible values are: `on`, `off`. ééééé|\n"
    );
    let widget = "---\ntitle: \"widget resource type\"\n---\n# widget resource type\n\nNamespace: microsoft.graph\n\n\
         ## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|id|String|The id.|\n";
    let (schema, _) = support::schema_of_pages(&[
        ("resources/gadget.md", &gadget),
        ("resources/widget.md", widget),
    ]);
    let gadget = schema
        .type_named("microsoft.graph.gadget")
        .expect("the gadget is read");
    assert_eq!(gadget.base.as_deref(), Some("microsoft.graph.widget"));
    let mode = schema
        .type_named("microsoft.graph.gadgetMode")
        .expect("the listed enum");
    assert_eq!(mode.members, ["on", "off"]);
    let parts = gadget
        .properties
        .iter()
        .find(|p| p.name == "parts")
        .unwrap();
    assert_eq!(parts.ty.to_string(), "Collection(microsoft.graph.widget)");
}
