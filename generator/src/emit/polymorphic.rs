//! Polymorphism: a value typed as a base type may hold any type derived from it, told apart by
//! `@odata.type`. Each base with derived types in the schema gets an enum (`AnyDirectoryObject`)
//! with a boxed variant per type; values of the base type are read into it. A value whose
//! `@odata.type` names no type in the schema (or has none) is read as the base type, so its extra
//! properties land in the catch-all map and nothing is lost.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use super::{RustNames, docs};
use crate::names::ident;
use crate::schema::{Schema, TypeDef, TypeKind};

/// Struct types -> the struct types derived from them (directly or not), for bases with any.
pub fn derived(schema: &Schema) -> BTreeMap<&str, BTreeSet<&str>> {
    let mut out: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for ty in schema.types.iter().filter(|t| t.kind != TypeKind::Enum) {
        for base in schema.ancestors(ty) {
            if base.kind != TypeKind::Enum {
                out.entry(base.name.as_str())
                    .or_default()
                    .insert(ty.name.as_str());
            }
        }
    }
    out
}

/// The enum over `base` and the types derived from it, with serde by `@odata.type`, and its
/// `Model` impls for the example tests' checks; `None` when no type derives from `base`.
pub fn enumeration(base: &TypeDef, names: &RustNames) -> Option<(TokenStream, TokenStream)> {
    let (name, derived) = names.polymorphic_members(&base.name)?;
    let doc = format!(
        "A {} or any type derived from it, told apart by `@odata.type`; an unknown derived type \
         is read as [`{}`], its own properties kept in the catch-all map.",
        docs::code(&base.name),
        names.type_name(&base.name)
    );
    Some(enumeration_of(name, base, derived, &doc, names, |m| {
        Some(names.type_name(m))
    }))
}

/// The update body over `base`'s and its derived types' (`AnyEducationOutcomePatch`: a
/// `<Type>Patch` each), where an update's examples send several of them; `None` for others.
pub fn patch_enumeration(base: &TypeDef, names: &RustNames) -> Option<(TokenStream, TokenStream)> {
    let (name, derived) = names.polymorphic_patch_members(&base.name)?;
    let doc = format!(
        "An update (PATCH) body for a {} or any type derived from it: the `@odata.type` of the \
         value sent says which; a value naming no known type is read as [`{}`].",
        docs::code(&base.name),
        names.patch(&base.name).unwrap_or_default()
    );
    Some(enumeration_of(name, base, derived, &doc, names, |m| {
        names.patch(m)
    }))
}

/// The enum `name` over `base` and `derived`, a boxed `payload` of each member (members without
/// one are left out), with serde by `@odata.type` and `Model` impls for the checks.
fn enumeration_of<'n>(
    name: &str,
    base: &TypeDef,
    derived: &[String],
    doc: &str,
    names: &'n RustNames,
    payload: impl Fn(&str) -> Option<&'n str>,
) -> (TokenStream, TokenStream) {
    let name = ident(name);
    let members: Vec<(&str, &str)> = std::iter::once(base.name.as_str())
        .chain(derived.iter().map(String::as_str))
        .filter_map(|m| Some((m, payload(m)?)))
        .collect();
    // Tags are compared without case; two types that differ only in case share the first's.
    let mut tags = BTreeSet::new();
    let variants: Vec<(proc_macro2::Ident, proc_macro2::Ident, Option<String>)> = members
        .iter()
        .map(|(m, payload)| {
            let tag = m.to_lowercase();
            (
                ident(names.type_name(m)),
                ident(payload),
                tags.insert(tag.clone()).then_some(tag),
            )
        })
        .collect();
    let base_variant = &variants[0].0;
    // The namespaces the members are in, the base's first: a tag in any other is read as the
    // same short name in the base's (`support::odata_tag`).
    let mut namespaces: Vec<String> = Vec::new();
    for (m, _) in &members {
        let namespace = m.rsplit_once('.').map_or("", |(ns, _)| ns).to_lowercase();
        if !namespaces.contains(&namespace) {
            namespaces.push(namespace);
        }
    }
    let defs = variants.iter().map(|(v, payload, _)| {
        let d = docs::attr(&format!("A [`{payload}`]."));
        quote!(#[doc = #d] #v(::std::boxed::Box<#payload>),)
    });
    let reads = variants.iter().skip(1).filter_map(|(v, _, tag)| {
        let tag = tag.as_ref()?;
        Some(quote! {
            #tag => super::support::serde_json::from_value(value).map(|v| Self::#v(::std::boxed::Box::new(v))),
        })
    });
    let arms = |body: TokenStream| {
        let arms = variants.iter().map(move |(v, _, _)| {
            let body = body.clone();
            quote!(Self::#v(value) => #body,)
        });
        quote!(#(#arms)*)
    };
    // A derived type's value carries its `@odata.type` (added where it was built in code).
    let write = members
        .iter()
        .zip(&variants)
        .enumerate()
        .map(|(i, ((m, _), (v, _, _)))| {
            if i == 0 {
                quote!(Self::#v(value) => ::serde::Serialize::serialize(&**value, serializer),)
            } else {
                let tag = format!("#{m}");
                quote!(Self::#v(value) => super::support::write_tagged(&**value, #tag, serializer),)
            }
        });
    let write = quote!(#(#write)*);
    let properties = arms(quote!(super::support::Model::properties(&**value)));
    let additional = arms(quote!(super::support::Model::additional_properties(
        &**value
    )));
    let nested = arms(quote!(super::support::Model::nested_models(&**value, f)));
    let rest = arms(quote!(super::support::CatchAll::rest_mut(&mut **value)));
    let open = arms(quote!(super::support::Model::is_open(&**value)));
    let doc = docs::attr(doc);
    let enumeration = quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#defs)*
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    #write
                }
            }
        }

        impl super::support::CatchAll for #name {
            fn rest_mut(&mut self) -> &mut super::support::PropertyMap {
                match self {
                    #rest
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <super::support::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                let tag = super::support::odata_tag(&value, &[#(#namespaces),*]);
                let read = match tag.as_str() {
                    #(#reads)*
                    _ => super::support::serde_json::from_value(value).map(|v| Self::#base_variant(::std::boxed::Box::new(v))),
                };
                read.map_err(<D::Error as ::serde::de::Error>::custom)
            }
        }
    };
    let checks = quote! {
        impl super::support::Model for super::models::#name {
            fn properties(&self) -> &'static [&'static str] {
                match self {
                    #properties
                }
            }
            fn additional_properties(&self) -> &super::support::PropertyMap {
                match self {
                    #additional
                }
            }
            fn is_open(&self) -> bool {
                match self {
                    #open
                }
            }
            fn nested_models(&self, f: &mut dyn FnMut(&dyn super::support::Model)) {
                match self {
                    #nested
                }
            }
        }

        impl super::support::HoldsModels for super::models::#name {
            fn for_each_model(&self, f: &mut dyn FnMut(&dyn super::support::Model)) {
                f(self);
            }
        }
    };
    (enumeration, checks)
}
