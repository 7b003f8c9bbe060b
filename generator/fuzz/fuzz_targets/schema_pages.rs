//! facts + schema over a set of pages: never panic, overflow the stack or hang.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "pages.rs"]
mod pages;

fuzz_target!(|data: &[u8]| {
    let schema = pages::schema(&pages::split(data));
    // The dump is what `docgen schema` prints: it must serialize too.
    let _ = serde_json::to_string(&schema).expect("a schema serializes");
});
