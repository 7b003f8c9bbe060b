//! `diff` of two page sets (the input split at the first `\x01`): never panic, and a set
//! compared with itself has no change.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "pages.rs"]
mod pages;

fuzz_target!(|data: &[u8]| {
    let cut = data.iter().position(|&b| b == 1).unwrap_or(data.len());
    let old = pages::schema(&pages::split(&data[..cut]));
    let new = pages::schema(&pages::split(data.get(cut + 1..).unwrap_or_default()));
    let report = docgen::diff::diff(&old, &new);
    let _ = (report.to_text(), report.to_markdown(), report.to_json());
    assert!(
        docgen::diff::diff(&new, &new).is_empty(),
        "a schema differs from itself"
    );
});
