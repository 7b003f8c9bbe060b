//! Tables, re-split from their source lines.
//!
//! pulldown-cmark finds where a table is, but GFM row splitting loses text the pages really hold:
//! an unescaped `|` in a description or a code span makes extra cells that GFM drops. So each row
//! line is split here, repaired against the header's width, and each cell's inline Markdown is
//! parsed on its own (with the page's reference-link definitions).

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::inline;
use super::page::{Inline, Row, RowKind, RowRepair, Table};

/// How many empty cells one page may add to short rows. Padding is the only place where a few
/// bytes make many cells (a 3,000-column header over 3,000 one-cell rows is 9 million), so it is
/// bounded like pulldown-cmark bounds its own.
pub const MAX_PADDED_CELLS: usize = 1 << 18;

/// Splits a table (its source text starting at the header line) into header and rows.
///
/// `padding_left` is what remains of the page's [`MAX_PADDED_CELLS`]; a row that needs more ends
/// the table, and its line is returned with the table (the rows from there on are not read).
pub fn parse(
    source: &str,
    first_line: usize,
    section: Option<usize>,
    defs: &BTreeMap<String, String>,
    padding_left: &mut usize,
) -> (Table, Option<usize>) {
    let mut lines = source
        .split('\n')
        .map(|l| l.trim_end_matches('\r'))
        .enumerate()
        .map(|(i, l)| (first_line + i, l))
        .filter(|(_, l)| !l.trim().is_empty());
    let header_cells = lines
        .next()
        .map(|(_, l)| split_row(l, 4))
        .unwrap_or_default();
    let width = header_cells.len().max(1);
    let header: Vec<Inline> = header_cells
        .iter()
        .map(|c| inline::parse_cell(c, defs))
        .collect();
    lines.next(); // the delimiter row

    let mut raw_rows: Vec<(usize, Vec<Cow<'_, str>>, Vec<RowRepair>)> = Vec::new();
    let mut cut = None;
    for (line_no, line) in lines {
        let mut cells = split_row(line, width);
        // A line with no leading `|` and one cell at most continues the previous row's text.
        if !line.trim_start().starts_with('|')
            && cells.len() == 1
            && let Some((_, prev, repairs)) = raw_rows.last_mut()
        {
            let last = prev
                .last_mut()
                .expect("rows have at least one cell")
                .to_mut();
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(&cells[0]);
            if !repairs.contains(&RowRepair::ContinuationJoined) {
                repairs.push(RowRepair::ContinuationJoined);
            }
            continue;
        }
        let missing = width.saturating_sub(cells.len());
        if missing > *padding_left {
            cut = Some(line_no);
            break;
        }
        *padding_left -= missing;
        let repairs = fit_to_width(&mut cells, width);
        raw_rows.push((line_no, cells, repairs));
    }

    let rows = raw_rows
        .into_iter()
        .map(|(line, cells, repairs)| {
            let cells: Vec<Inline> = cells.iter().map(|c| inline::parse_cell(c, defs)).collect();
            let label = cells.first().is_some_and(|c| c.strong_only)
                && cells.iter().skip(1).all(|c| c.source.is_empty());
            Row {
                line,
                kind: if label {
                    RowKind::GroupLabel
                } else {
                    RowKind::Data
                },
                cells,
                repairs,
            }
        })
        .collect();
    let table = Table {
        line: first_line,
        section,
        header,
        rows,
    };
    (table, cut)
}

/// Splits on unescaped `|`, dropping the optional outer pipes. Cells keep `\|` as written; they
/// borrow the line until a repair changes them. `cells` is how many a row usually has (the
/// header's), to size the list once.
fn split_row(line: &str, cells: usize) -> Vec<Cow<'_, str>> {
    let mut line = line.trim();
    if let Some(rest) = line.strip_prefix('|') {
        line = rest;
    }
    if line.ends_with('|') && !line.ends_with("\\|") {
        line = &line[..line.len() - 1];
    }
    // `|` and `\` are single bytes in UTF-8: cells are cut between bytes, on char boundaries.
    // Only those two bytes matter, so the scan jumps from one to the next; a backslash escapes
    // the byte after it (a `|`, or another backslash, which then escapes nothing).
    let mut cells = Vec::with_capacity(cells);
    let bytes = line.as_bytes();
    let (mut start, mut at) = (0, 0);
    while let Some(found) = memchr::memchr2(b'|', b'\\', &bytes[at..]) {
        let i = at + found;
        if bytes[i] == b'|' {
            cells.push(Cow::Borrowed(line[start..i].trim()));
            start = i + 1;
            at = i + 1;
        } else {
            at = (i + 2).min(bytes.len());
        }
    }
    cells.push(Cow::Borrowed(line[start..].trim()));
    cells
}

/// Makes a row exactly `width` cells wide, saying how.
fn fit_to_width(cells: &mut Vec<Cow<'_, str>>, width: usize) -> Vec<RowRepair> {
    let mut repairs = Vec::new();
    if cells.len() > width && join_split_code_spans(cells) {
        repairs.push(RowRepair::CodeSpanPipeJoined);
    }
    if cells.len() > width {
        // The extra `|` is almost always in the free text of the last column.
        let tail = cells.split_off(width - 1).join(" | ");
        cells.push(Cow::Owned(tail));
        repairs.push(RowRepair::ExtraCellsJoined);
    }
    if cells.len() < width {
        cells.resize(width, Cow::Borrowed(""));
        repairs.push(RowRepair::MissingCellsAdded);
    }
    repairs
}

/// Joins neighbouring cells while a code span is open (an odd number of backticks so far).
fn join_split_code_spans(cells: &mut Vec<Cow<'_, str>>) -> bool {
    let mut joined = false;
    let mut out: Vec<Cow<'_, str>> = Vec::with_capacity(cells.len());
    let mut open = false;
    for cell in cells.drain(..) {
        let ticks = cell.matches('`').count();
        if open {
            let last = out
                .last_mut()
                .expect("open implies a previous cell")
                .to_mut();
            last.push('|');
            last.push_str(&cell);
            joined = true;
        } else {
            out.push(cell);
        }
        if ticks % 2 == 1 {
            open = !open;
        }
    }
    *cells = out;
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(src: &str) -> Table {
        let mut padding_left = MAX_PADDED_CELLS;
        let (table, cut) = parse(src, 1, None, &BTreeMap::new(), &mut padding_left);
        assert_eq!(cut, None);
        table
    }

    fn texts(row: &Row) -> Vec<&str> {
        row.cells.iter().map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn plain_rows_keep_links_and_code() {
        let t = table(
            "|Property|Type|Description|\n|:---|:---|:---|\n|logonUsers|[logonUser](../resources/logonuser.md) collection|Users. Supports `$filter`.|\n",
        );
        assert_eq!(t.header_key(), "property|type|description");
        let row = &t.rows[0];
        assert_eq!(
            texts(row),
            [
                "logonUsers",
                "logonUser collection",
                "Users. Supports $filter."
            ]
        );
        assert_eq!(row.cells[1].links[0].target, "../resources/logonuser.md");
        assert_eq!(row.cells[2].code, ["$filter"]);
        assert_eq!(row.line, 3);
    }

    #[test]
    fn continuation_line_joins_the_previous_description() {
        let t = table(
            "|Name|Type|Description|\n|:--|:--|:--|\n|id|String|First part\nsecond part|\nthird part\n|x|Int32|y|\n",
        );
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].cells[2].text, "First part second part third part");
        assert_eq!(t.rows[0].repairs, [RowRepair::ContinuationJoined]);
    }

    #[test]
    fn pipe_in_code_span_and_in_text_are_kept() {
        let t = table(
            "|Property|Type|Description|\n|---|---|---|\n|a|String|Use `x|y` here|\n|b|String|Either a | b|\n",
        );
        assert_eq!(t.rows[0].cells[2].code, ["x|y"]);
        assert_eq!(t.rows[0].repairs, [RowRepair::CodeSpanPipeJoined]);
        assert_eq!(t.rows[1].cells[2].text, "Either a | b");
        assert_eq!(t.rows[1].repairs, [RowRepair::ExtraCellsJoined]);
    }

    #[test]
    fn a_backslash_escapes_only_the_byte_after_it() {
        // `\\|`: the first backslash escapes the second, so the pipe splits; `\|` does not.
        assert_eq!(
            split_row("| a \\\\| b \\| c | d\\", 2),
            ["a \\\\", "b \\| c", "d\\"]
        );
        assert_eq!(split_row("|x|\\", 2), ["x", "\\"]);
    }

    #[test]
    fn escaped_pipe_group_labels_and_missing_cells() {
        let t = table(
            "|Property|Type|Description|\n|---|---|---|\n|**Calendar**|\n| **Logging** | | |\n|a|String|one \\| two|\nb|Int32\n",
        );
        assert_eq!(t.rows[0].kind, RowKind::GroupLabel);
        assert_eq!(t.rows[0].repairs, [RowRepair::MissingCellsAdded]);
        assert_eq!(t.rows[1].kind, RowKind::GroupLabel);
        assert!(t.rows[1].repairs.is_empty());
        assert_eq!(t.rows[2].cells[2].text, "one | two");
        assert_eq!(texts(&t.rows[3]), ["b", "Int32", ""]);
        assert_eq!(t.rows[3].kind, RowKind::Data);
    }
}
