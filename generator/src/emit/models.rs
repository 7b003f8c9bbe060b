//! Model structs: one per complex or entity type, inherited properties flattened in.

use proc_macro2::TokenStream;
use quote::quote;

use std::collections::BTreeSet;

use super::field::{FieldType, field_type};
use super::{RustNames, docs};
use crate::names::{NameSet, ident, snake_case};
use crate::schema::{Property, Schema, TypeDef, TypeKind, TypeRef};

/// The field that keeps properties the schema does not know, so nothing read is lost.
pub const CATCH_ALL: &str = "additional_properties";

pub fn model(
    schema: &Schema,
    ty: &TypeDef,
    names: &RustNames,
    derived: Option<&BTreeSet<&str>>,
) -> TokenStream {
    let name = ident(names.type_name(&ty.name));
    if ty.kind == TypeKind::Enum {
        return super::enums::enumeration(ty, &name);
    }
    if names.is_opaque(&ty.name) {
        let doc = docs::attr(&format!(
            "{} (complex type without documented properties: any JSON), read from {}.",
            docs::code(&ty.name),
            docs::code(&ty.source)
        ));
        return quote! {
            #[doc = #doc]
            pub type #name = ::serde_json::Value;
        };
    }
    let properties = schema.all_properties(ty);
    let mut fields_used = NameSet::default();
    fields_used.reserve(CATCH_ALL);
    let fields = properties.iter().map(|p| {
        let field = fields_used.unique(snake_case(&p.name));
        // Structs held by a model are boxed: a model that holds another inline would be as
        // large as everything below it (and infinite on a cycle), on the stack when read.
        let ty = field_type(&p.ty, names, true).wrap(quote!(::std::option::Option));
        field_tokens(
            p,
            &field,
            &ty,
            quote!("::std::option::Option::is_none"),
            names,
        )
    });
    let json_names: Vec<&str> = properties.iter().map(|p| p.name.as_str()).collect();
    let catch_all = ident(CATCH_ALL);
    let type_doc = docs::attr(&format!(
        "{} ({}), read from {}.",
        docs::code(&ty.name),
        match ty.kind {
            TypeKind::Entity => "entity",
            TypeKind::Complex | TypeKind::Enum => "complex type",
        },
        docs::code(&ty.source)
    ));
    let description = docs::clean(&ty.description).map(|d| {
        let d = docs::attr(&d);
        quote!(#[doc = #d] #[doc = ""])
    });
    let patch = names
        .patch(&ty.name)
        .map(|patch| patch_body(schema, ty, patch, names));
    let polymorphic = derived.and_then(|d| super::polymorphic::enumeration(ty, d, names));
    let model_impl = model_impl(&name, &json_names);
    quote! {
        #description
        #[doc = #type_doc]
        #[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        pub struct #name {
            #(#fields)*
            /// Properties the pages do not document, and `@odata.*` annotations, kept as read.
            #[serde(flatten)]
            pub #catch_all: ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>,
        }

        #model_impl

        #patch
        #polymorphic
    }
}

/// `support::Model` for a struct with the catch-all map: its JSON names and its map.
fn model_impl(name: &proc_macro2::Ident, json_names: &[&str]) -> TokenStream {
    let catch_all = ident(CATCH_ALL);
    quote! {
        impl super::support::Model for #name {
            fn properties(&self) -> &'static [&'static str] {
                &[#(#json_names),*]
            }
            fn additional_properties(&self) -> &::std::collections::BTreeMap<::std::string::String, ::serde_json::Value> {
                &self.#catch_all
            }
        }
    }
}

/// One field: doc, serde attribute (rename, default, skip, adapter) and type.
fn field_tokens(
    p: &Property,
    field: &str,
    ty: &FieldType,
    skip_if: TokenStream,
    names: &RustNames,
) -> TokenStream {
    let field_ident = ident(field);
    let doc = docs::clean(&p.description).map(|d| {
        let links = p.links.iter().map(|l| (l.text.as_str(), l.target.as_str()));
        let d = docs::attr(&docs::with_links(&d, links, |t| {
            names.get(t).map(str::to_owned)
        }));
        quote!(#[doc = #d])
    });
    let json_name = &p.name;
    let rename = (field != json_name).then(|| quote!(rename = #json_name,));
    let with = ty.serde_with();
    let rust = &ty.rust;
    quote! {
        #doc
        #[serde(#rename default, skip_serializing_if = #skip_if #with)]
        pub #field_ident: #rust,
    }
}

/// The update (PATCH) body of `ty`: its writable properties, each absent, null or a value.
fn patch_body(schema: &Schema, ty: &TypeDef, patch: &str, names: &RustNames) -> TokenStream {
    let name = ident(patch);
    let target = ident(names.type_name(&ty.name));
    let writable: Vec<&Property> = schema
        .all_properties(ty)
        .into_iter()
        .filter(|p| !p.read_only)
        .collect();
    let mut fields_used = NameSet::default();
    fields_used.reserve(CATCH_ALL);
    let fields = writable.iter().map(|p| {
        let field = fields_used.unique(snake_case(&p.name));
        // A patch is built by hand and short-lived: boxing is only needed for the full model.
        let ty = field_type(&p.ty, names, false).wrap(quote!(super::support::Patch));
        field_tokens(
            p,
            &field,
            &ty,
            quote!("super::support::Patch::is_absent"),
            names,
        )
    });
    let json_names: Vec<&str> = writable.iter().map(|p| p.name.as_str()).collect();
    let model_impl = model_impl(&name, &json_names);
    let catch_all = ident(CATCH_ALL);
    let doc = docs::attr(&format!(
        "An update (PATCH) body for [`{target}`]: its writable properties, each left out, \
         cleared (`null`) or set. Read-only properties are not part of it."
    ));
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        pub struct #name {
            #(#fields)*
            /// Further properties to send, as JSON.
            #[serde(flatten)]
            pub #catch_all: ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>,
        }

        #model_impl
    }
}

/// The Rust type of a property, fully qualified so no page name can shadow std; `boxed` puts a
/// struct behind a `Box` (see `cycles::Cycles`).
pub fn rust_type(ty: &TypeRef, names: &RustNames, boxed: bool) -> TokenStream {
    match ty {
        TypeRef::Primitive(p) => crate::schema::rust_primitive(p)
            .parse()
            .expect("the primitive table holds valid Rust paths"),
        TypeRef::Named(n) => match names.get(n) {
            Some(rust) if boxed => {
                let id = ident(rust);
                quote!(::std::boxed::Box<#id>)
            }
            Some(rust) => {
                let id = ident(rust);
                quote!(#id)
            }
            None => quote!(::serde_json::Value),
        },
        TypeRef::Collection(inner) => {
            let inner = rust_type(inner, names, false);
            quote!(::std::vec::Vec<#inner>)
        }
    }
}
