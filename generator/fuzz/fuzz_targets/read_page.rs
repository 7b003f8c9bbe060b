//! `read_page` must never panic, overflow the stack or hang, whatever the bytes.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = docgen::read::read_page("fuzz.md", data);
});
