//! emit over a set of pages: every file parses as Rust, and the pages cannot smuggle in items
//! docgen never emits (`unsafe`, `extern`, `macro_rules!`, `static`, `include!`...) or more
//! types than they define.

#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use proc_macro2::{TokenStream, TokenTree};

#[path = "pages.rs"]
mod pages;

/// Identifiers that may only come from docgen's own runtime, never from a page.
const GUARDED: [&str; 8] = [
    "unsafe",
    "extern",
    "macro_rules",
    "static",
    "include",
    "include_str",
    "include_bytes",
    "env",
];

/// Macros among [`GUARDED`]: their names are no keywords, so a page's property may be called
/// `include` or `env` and become a plain field; only a call (the name, then `!`) is an item.
const MACROS: [&str; 5] = [
    "macro_rules",
    "include",
    "include_str",
    "include_bytes",
    "env",
];

/// Counts the guarded identifiers in `tokens`. `'static` is a lifetime, not an item; a macro's
/// name counts only as a call; `mod.rs` includes each file with
/// `include!(concat!(env!("OUT_DIR"), ..))`, so there those two are docgen's own.
fn count_guarded(tokens: TokenStream, in_mod_rs: bool, counts: &mut [usize; GUARDED.len()]) {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    for (at, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Ident(ident) => {
                let text = ident.to_string();
                let after_quote = at.checked_sub(1).is_some_and(
                    |b| matches!(&trees[b], TokenTree::Punct(p) if p.as_char() == '\''),
                );
                let called =
                    matches!(trees.get(at + 1), Some(TokenTree::Punct(p)) if p.as_char() == '!');
                let ours = (text == "static" && after_quote)
                    || (MACROS.contains(&text.as_str()) && !called)
                    || (in_mod_rs && (text == "include" || text == "env"));
                if let Some(i) = GUARDED.iter().position(|g| *g == text)
                    && !ours
                {
                    counts[i] += 1;
                }
            }
            TokenTree::Group(group) => count_guarded(group.stream(), in_mod_rs, counts),
            _ => {}
        }
    }
}

/// (guarded identifiers, type items) over all files.
fn census(files: &[docgen::emit::OutputFile]) -> ([usize; GUARDED.len()], usize) {
    let mut counts = [0; GUARDED.len()];
    let mut types = 0;
    for file in files {
        let parsed = syn::parse_file(&file.contents)
            .unwrap_or_else(|e| panic!("{} does not parse: {e}\n{}", file.path, file.contents));
        types += parsed
            .items
            .iter()
            .filter(|i| {
                matches!(
                    i,
                    syn::Item::Struct(_) | syn::Item::Enum(_) | syn::Item::Type(_)
                )
            })
            .count();
        let in_mod_rs = file.path == "mod.rs";
        count_guarded(
            file.contents.parse().expect("tokens"),
            in_mod_rs,
            &mut counts,
        );
    }
    (counts, types)
}

/// What emit writes for no page at all: the runtime's own share.
static BASELINE: LazyLock<([usize; GUARDED.len()], usize)> = LazyLock::new(|| {
    let (files, _) = docgen::emit::emit(&pages::schema(&[]), &[]);
    census(&files)
});

fuzz_target!(|data: &[u8]| {
    let pages = pages::split(data);
    let schema = pages::schema(&pages);
    let names: Vec<String> = pages.iter().map(|(n, _)| n.clone()).collect();
    let (files, _) = docgen::emit::emit(&schema, &names);
    let (counts, types) = census(&files);
    let (base_counts, base_types) = *BASELINE;
    assert_eq!(
        counts, base_counts,
        "guarded identifiers {GUARDED:?} beyond the runtime's"
    );
    // Each type brings at most its struct or enum, a patch body and a polymorphic enum; each
    // operation a request and a response type.
    let bound = base_types + 4 * schema.types.len() + 4 * schema.operations.len();
    assert!(
        types <= bound,
        "{types} type items for {} types and {} operations",
        schema.types.len(),
        schema.operations.len()
    );
});
