//! Enums: a variant per documented member and `Unknown(String)` for anything else, so a value
//! Graph adds later is read, kept and written back as it came.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs;
use crate::names::{NameSet, ident, pascal_case};
use crate::schema::{Origin, TypeDef};

/// The fallback variant; a member that would take its name is called `UnknownMember`.
const FALLBACK: &str = "Unknown";

pub fn enumeration(ty: &TypeDef, name: &Ident) -> TokenStream {
    let mut used = NameSet::default();
    used.reserve(FALLBACK);
    let variants: Vec<(Ident, &str)> = ty
        .members
        .iter()
        .map(|m| {
            let mut v = pascal_case(m);
            if v == FALLBACK {
                v.push_str("Member");
            }
            (ident(&used.unique(v)), m.as_str())
        })
        .collect();
    // A reviewer should see which enums no page defines.
    let read_from = match ty.origin {
        Origin::RowValues => "no page defines it: its members are the values listed by the row at",
        _ => "read from",
    };
    let doc = docs::attr(&format!(
        "{} (enum{}), {read_from} {}.",
        docs::code(&ty.name),
        if ty.flags { ", flags" } else { "" },
        docs::code(&ty.source)
    ));
    let fallback = ident(FALLBACK);
    let defs = variants.iter().map(|(v, m)| {
        let d = docs::attr(&docs::code(m));
        quote!(#[doc = #d] #v,)
    });
    let to_str = variants.iter().map(|(v, m)| quote!(Self::#v => #m,));
    let from_str = variants.iter().map(|(v, m)| quote!(#m => Self::#v,));
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum #name {
            #(#defs)*
            /// A value the pages did not list, kept as sent.
            #fallback(::std::string::String),
        }

        impl #name {
            /// The value as Graph writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    Self::#fallback(other) => other,
                }
            }
        }

        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_str)*
                    other => Self::#fallback(::std::string::ToString::to_string(other)),
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                super::support::read_str(deserializer).map(|value| Self::from(&*value))
            }
        }
    }
}
