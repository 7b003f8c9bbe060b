//! Model structs: one per complex or entity type, inherited properties flattened in.

use proc_macro2::TokenStream;
use quote::quote;

use super::cycles::Cycles;
use super::{RustNames, docs};
use crate::names::{NameSet, ident, snake_case};
use crate::schema::{Schema, TypeDef, TypeKind, TypeRef};

/// The field that keeps properties the schema does not know, so nothing read is lost.
pub const CATCH_ALL: &str = "additional_properties";

pub fn model(schema: &Schema, ty: &TypeDef, names: &RustNames, cycles: &Cycles) -> TokenStream {
    let name = ident(names.type_name(&ty.name));
    if ty.kind == TypeKind::Enum {
        return super::enums::enumeration(ty, &name);
    }
    let mut fields_used = NameSet::default();
    fields_used.reserve(CATCH_ALL);
    let fields = schema.all_properties(ty).into_iter().map(|p| {
        let field = fields_used.unique(snake_case(&p.name));
        let field_ident = ident(&field);
        let boxed = matches!(&p.ty, TypeRef::Named(t) if cycles.needs_box(&ty.name, t));
        let rust_ty = rust_type(&p.ty, names, boxed);
        let doc = docs::clean(&p.description).map(|d| {
            let d = docs::attr(&d);
            quote!(#[doc = #d])
        });
        let json_name = &p.name;
        let rename = (field != *json_name).then(|| quote!(rename = #json_name,));
        quote! {
            #doc
            #[serde(#rename default, skip_serializing_if = "::std::option::Option::is_none")]
            pub #field_ident: ::std::option::Option<#rust_ty>,
        }
    });
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
    quote! {
        #[doc = #type_doc]
        #[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        pub struct #name {
            #(#fields)*
            /// Properties the pages do not document, and `@odata.*` annotations, kept as read.
            #[serde(flatten)]
            pub #catch_all: ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>,
        }
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
