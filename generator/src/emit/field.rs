//! The Rust type of a property and the serde adapter that reads it leniently.
//!
//! A field keeps the type a user expects (`i64`, `chrono::DateTime<FixedOffset>`, `Vec<u8>`);
//! where Graph's JSON needs more than serde's default (Int64 as a string, `"NaN"`, base64,
//! seven fractional digits, comma-separated flags), the model's serde table names an adapter of
//! the same shape from `support` for it (`first_seen: "firstSeen" as Option<DateTimeOffset>`).

use proc_macro2::TokenStream;
use quote::quote;

use super::RustNames;
use crate::names::ident;
use crate::schema::TypeRef;

/// A field's type and, when serde's default is not enough, its adapter (same shape: `Vec<Int64>`
/// for `Vec<i64>`).
pub struct FieldType {
    pub rust: TokenStream,
    pub adapter: Option<TokenStream>,
}

impl FieldType {
    fn plain(rust: TokenStream) -> Self {
        FieldType {
            rust,
            adapter: None,
        }
    }

    /// Wraps type and adapter in `Outer<..>` (`Option`, `Vec`, `support::Patch`).
    pub fn wrap(self, outer: TokenStream) -> FieldType {
        let rust = &self.rust;
        let adapter = self.adapter.as_ref().map(|a| quote!(#outer<#a>));
        FieldType {
            rust: quote!(#outer<#rust>),
            adapter,
        }
    }
}

/// The Rust type of an Edm primitive (`crate::schema::rust_primitive`), as tokens.
pub(super) fn primitive_type(edm: &str) -> TokenStream {
    crate::schema::rust_primitive(edm)
        .parse()
        .expect("the primitive table holds valid Rust paths")
}

/// The adapter an Edm primitive needs, if any (`crate::schema::wire_adapter`).
pub(super) fn primitive_adapter(edm: &str) -> Option<TokenStream> {
    let adapter = ident(crate::schema::wire_adapter(edm)?);
    Some(quote!(super::support::#adapter))
}

/// The type of a property holding `ty`. With `holder` (the type whose struct, or update body, the
/// field is in), a struct `boxing` says it must not hold inline is put behind a `Box`; without
/// (collection elements, already on the heap), none is.
pub fn field_type(ty: &TypeRef, names: &RustNames, holder: Option<&str>) -> FieldType {
    match ty {
        TypeRef::Primitive(p) => FieldType {
            rust: primitive_type(p),
            adapter: primitive_adapter(p),
        },
        TypeRef::Named(n) => {
            if let Some(poly) = names.polymorphic(n) {
                let id = ident(poly);
                return FieldType::plain(quote!(#id));
            }
            match names.get(n) {
                Some(rust) if names.is_flags(n) => {
                    let id = ident(rust);
                    FieldType {
                        rust: quote!(::std::vec::Vec<#id>),
                        adapter: Some(quote!(super::support::CommaList)),
                    }
                }
                Some(rust) if holder.is_some_and(|h| names.boxed(h, n)) => {
                    let id = ident(rust);
                    FieldType::plain(quote!(::std::boxed::Box<#id>))
                }
                Some(rust) => {
                    let id = ident(rust);
                    FieldType::plain(quote!(#id))
                }
                None => FieldType::plain(quote!(super::support::serde_json::Value)),
            }
        }
        TypeRef::Collection(inner) => field_type(inner, names, None).wrap(quote!(::std::vec::Vec)),
    }
}
