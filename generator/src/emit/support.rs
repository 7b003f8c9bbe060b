//! The `support` module every generated crate has: models, requests and example tests reach the
//! runtime through it (`super::support::...`). By default it re-exports the runtime crate
//! (`pub use ::docgen_runtime::*;`, the path configurable as prost's `prost_path` is); in inline
//! mode it is the runtime's own source files (`runtime/src/*.rs`), pasted for users who cannot
//! add the dependency. The runtime's modules refer to each other through `super::`, so the same
//! files work in both places.

use proc_macro2::TokenStream;
use quote::quote;

/// The runtime crate's root, whose `mod x;` items become the files below.
const LIB: &str = include_str!("../../../runtime/src/lib.rs");

/// The runtime's modules by name.
const MODULES: &[(&str, &str)] = &[
    ("client", include_str!("../../../runtime/src/client.rs")),
    ("encode", include_str!("../../../runtime/src/encode.rs")),
    ("error", include_str!("../../../runtime/src/error.rs")),
    ("object", include_str!("../../../runtime/src/object.rs")),
    ("page", include_str!("../../../runtime/src/page.rs")),
    (
        "properties",
        include_str!("../../../runtime/src/properties.rs"),
    ),
    ("request", include_str!("../../../runtime/src/request.rs")),
    ("response", include_str!("../../../runtime/src/response.rs")),
    ("testing", include_str!("../../../runtime/src/testing.rs")),
    ("wire", include_str!("../../../runtime/src/wire.rs")),
    ("wrappers", include_str!("../../../runtime/src/wrappers.rs")),
];

/// The default path of the runtime crate.
pub const DEFAULT_RUNTIME_PATH: &str = "::docgen_runtime";

/// `support.rs` re-exporting the runtime at `path` (a Rust path such as `::docgen_runtime`).
pub fn reexport(path: &syn::Path) -> TokenStream {
    quote!(pub use #path::*;)
}

/// `support.rs` holding the runtime's source: the client module only behind `client_feature`
/// (left out without one), the example tests' harness only in test builds with `testing`.
pub fn inline(client_feature: Option<&str>, testing: bool) -> TokenStream {
    let lib = syn::parse_file(LIB).expect("docgen's runtime files are valid Rust");
    let mut out = TokenStream::new();
    for item in lib.items {
        let syn::Item::Mod(module) = item else {
            out.extend(quote!(#item));
            continue;
        };
        let name = module.ident.to_string();
        let Some((_, source)) = MODULES.iter().find(|(n, _)| *n == name) else {
            continue;
        };
        let file = syn::parse_file(source).expect("docgen's runtime files are valid Rust");
        let items: Vec<syn::Item> = file.items.into_iter().flat_map(crate_local_macro).collect();
        let id = &module.ident;
        let vis = &module.vis;
        // The runtime's own `cfg`s name its features; here they become the user's choices.
        let attrs = match name.as_str() {
            "client" => match client_feature {
                Some(feature) => quote!(#[cfg(feature = #feature)]),
                None => continue,
            },
            "testing" if testing => quote!(#[cfg(test)]),
            "testing" => continue,
            _ => {
                let attrs = &module.attrs;
                quote!(#(#attrs)*)
            }
        };
        out.extend(quote! {
            #attrs
            #vis mod #id {
                #(#items)*
            }
        });
    }
    out
}

/// A runtime item as it is pasted. An exported macro (`#[macro_export]`, at the runtime crate's
/// root) would land at the root of the user's crate, outside `support`; pasted, it stays in its
/// module and is reached by path (`super::support::json_object!`) through a `use` of its own.
fn crate_local_macro(item: syn::Item) -> Vec<syn::Item> {
    let syn::Item::Macro(mut mac) = item else {
        return vec![item];
    };
    let exported = mac.attrs.iter().any(|a| a.path().is_ident("macro_export"));
    let Some(name) = mac.ident.clone().filter(|_| exported) else {
        return vec![syn::Item::Macro(mac)];
    };
    mac.attrs.retain(|a| !a.path().is_ident("macro_export"));
    vec![
        syn::Item::Macro(mac),
        syn::parse_quote!(pub(crate) use #name;),
    ]
}
