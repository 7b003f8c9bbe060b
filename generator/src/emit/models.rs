//! Model structs: one per complex or entity type, inherited properties flattened in.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::field::{FieldType, field_type};
use super::{RustNames, docs};
use crate::names::{NameSet, ident, snake_case};
use crate::schema::{Property, Schema, TypeDef, TypeKind, TypeRef};

/// The field that keeps properties the schema does not know, so nothing read is lost.
pub const CATCH_ALL: &str = "additional_properties";

pub fn model(schema: &Schema, ty: &TypeDef, names: &RustNames) -> TokenStream {
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
            pub type #name = super::support::serde_json::Value;
        };
    }
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
    // Structs held by a model are boxed: a model that holds another inline would be as large as
    // everything below it (and infinite on a cycle), on the stack when read.
    let body = catch_all_struct(
        &name,
        &schema.all_properties(ty),
        |t| field_type(t, names, true).wrap(quote!(::std::option::Option)),
        "::std::option::Option::is_none",
        " Properties the pages do not document, and `@odata.*` annotations, kept as read.",
        (ty.open, names),
    );
    let patch = names
        .patch(&ty.name)
        .map(|patch| patch_body(schema, ty, patch, names));
    let polymorphic = super::polymorphic::enumeration(ty, names);
    quote! {
        #description
        #[doc = #type_doc]
        #body
        #patch
        #polymorphic
    }
}

/// A struct of `properties`, each typed by `field_type` and skipped when `skip_if`, with the
/// catch-all map and `support::Model` (its JSON names and its map).
fn catch_all_struct(
    name: &Ident,
    properties: &[&Property],
    field_type: impl Fn(&TypeRef) -> FieldType,
    skip_if: &str,
    catch_all_doc: &str,
    (open, names): (bool, &RustNames),
) -> TokenStream {
    let mut fields_used = NameSet::default();
    fields_used.reserve(CATCH_ALL);
    let field_names: Vec<String> = properties
        .iter()
        .map(|p| fields_used.unique(snake_case(&p.name)))
        .collect();
    let fields = properties
        .iter()
        .zip(&field_names)
        .map(|(p, field)| field_tokens(p, field, &field_type(&p.ty), skip_if, names));
    let json_names = properties.iter().map(|p| p.name.as_str());
    let catch_all = ident(CATCH_ALL);
    // The fields that hold models, for checks that walk a whole value (the example tests').
    let holders: Vec<Ident> = properties
        .iter()
        .zip(&field_names)
        .filter(|(p, _)| holds_models(&p.ty, names))
        .map(|(_, field)| ident(field))
        .collect();
    let nested = (!holders.is_empty()).then(|| {
        quote! {
            fn nested_models(&self, f: &mut dyn FnMut(&dyn super::support::Model)) {
                #(super::support::HoldsModels::for_each_model(&self.#holders, f);)*
            }
        }
    });
    let open = open.then(|| {
        quote! {
            fn is_open(&self) -> bool {
                true
            }
        }
    });
    quote! {
        #[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        pub struct #name {
            #(#fields)*
            #[doc = #catch_all_doc]
            #[serde(flatten)]
            pub #catch_all: ::std::collections::BTreeMap<::std::string::String, super::support::serde_json::Value>,
        }

        impl super::support::Model for #name {
            fn properties(&self) -> &'static [&'static str] {
                &[#(#json_names),*]
            }
            fn additional_properties(&self) -> &::std::collections::BTreeMap<::std::string::String, super::support::serde_json::Value> {
                &self.#catch_all
            }
            #open
            #nested
        }

        impl super::support::HoldsModels for #name {
            fn for_each_model(&self, f: &mut dyn FnMut(&dyn super::support::Model)) {
                f(self);
            }
        }
    }
}

/// Whether a property of type `ty` holds models: a struct or a polymorphic enum, alone or in a
/// collection (not an enum, an opaque type or one no page defines).
fn holds_models(ty: &TypeRef, names: &RustNames) -> bool {
    match ty.element() {
        TypeRef::Named(n) => names.polymorphic(n).is_some() || names.is_struct(n),
        _ => false,
    }
}

/// One field: doc, serde attribute (rename, default, skip, adapter) and type.
fn field_tokens(
    p: &Property,
    field: &str,
    ty: &FieldType,
    skip_if: &str,
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
    let doc = docs::attr(&format!(
        "An update (PATCH) body for [`{target}`]: its writable properties, each left out, \
         cleared (`null`) or set. Read-only properties are not part of it."
    ));
    // A patch is built by hand and short-lived: boxing is only needed for the full model.
    let body = catch_all_struct(
        &name,
        &writable,
        |t| field_type(t, names, false).wrap(quote!(super::support::Patch)),
        "super::support::Patch::is_absent",
        " Further properties to send, as JSON.",
        (ty.open, names),
    );
    quote! {
        #[doc = #doc]
        #body
    }
}
