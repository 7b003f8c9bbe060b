//! Model structs: one per complex or entity type, inherited properties flattened in.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::field::{FieldType, field_type};
use super::{RustNames, docs};
use crate::names::{NameSet, ident, snake_case};
use crate::schema::{Origin, Property, Schema, TypeDef, TypeKind, TypeRef};

/// The field that keeps properties the schema does not know, so nothing read is lost.
pub const CATCH_ALL: &str = "additional_properties";

/// A model file's items, and what only the example tests need of them (compiled in test builds
/// only, in the `model_checks` file).
#[derive(Default)]
pub struct ModelTokens {
    pub file: TokenStream,
    /// `Model` and `HoldsModels` impls.
    pub checks: TokenStream,
    /// The structs the file defines, for the size bound.
    pub structs: Vec<Ident>,
}

pub fn model(schema: &Schema, ty: &TypeDef, names: &RustNames) -> ModelTokens {
    let name = ident(names.type_name(&ty.name));
    if ty.kind == TypeKind::Enum {
        return ModelTokens {
            file: super::enums::enumeration(ty, &name),
            ..ModelTokens::default()
        };
    }
    if names.is_opaque(&ty.name) {
        let doc = docs::attr(&format!(
            "{} (complex type without documented properties: any JSON), read from {}.",
            docs::code(&ty.name),
            docs::code(&ty.source)
        ));
        return ModelTokens {
            file: quote! {
                #[doc = #doc]
                pub type #name = super::support::serde_json::Value;
            },
            ..ModelTokens::default()
        };
    }
    // Where the type comes from: a reviewer should see which types no page documents.
    let read_from = match ty.origin {
        Origin::Page => "read from",
        Origin::Examples => {
            "no page documents it: made from the objects its examples show, first at"
        }
        Origin::BodyTable => "no page documents it: made from the request-body table at",
        Origin::ActionParameters => "the body of the action's parameters, read from",
        Origin::Reference => "the body of a reference request, for",
        Origin::RowValues => "no page defines it: made from the values listed by the row at",
    };
    let type_doc = docs::attr(&format!(
        "{} ({}), {read_from} {}.",
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
    // A struct held inline is boxed only where it closes a cycle or is large (see `boxing`):
    // elsewhere the holder simply contains it, as a hand-written model would.
    let (body, mut checks) = catch_all_struct(
        &name,
        &schema.all_properties(ty),
        |t| field_type(t, names, Some(&ty.name)).wrap(quote!(::std::option::Option)),
        " Properties the pages do not document, and `@odata.*` annotations, kept as read.",
        (ty.open, names),
    );
    let mut structs = vec![name.clone()];
    let patch = names.patch(&ty.name).map(|patch| {
        let (tokens, patch_checks) = patch_body(schema, ty, patch, names);
        checks.extend(patch_checks);
        structs.push(ident(patch));
        tokens
    });
    let patch_enum = super::polymorphic::patch_enumeration(ty, names).map(|(tokens, c)| {
        checks.extend(c);
        tokens
    });
    let polymorphic = super::polymorphic::enumeration(ty, names);
    if let Some((_, poly_checks)) = &polymorphic {
        checks.extend(poly_checks.clone());
    }
    let polymorphic = polymorphic.map(|(tokens, _)| tokens);
    ModelTokens {
        file: quote! {
            #description
            #[doc = #type_doc]
            #body
            #patch
            #patch_enum
            #polymorphic
        },
        checks,
        structs,
    }
}

/// The file of what only the example tests need: every model's `Model` and `HoldsModels` impls,
/// and the bound on model sizes.
pub fn checks_file(models: &[ModelTokens]) -> TokenStream {
    let checks = models.iter().map(|m| &m.checks);
    let structs = models.iter().flat_map(|m| &m.structs);
    let max = proc_macro2::Literal::usize_unsuffixed(MAX_MODEL_SIZE);
    quote! {
        #(#checks)*

        /// The largest a model may be, in bytes. A struct contains the structs it holds inline
        /// (docgen boxes only cycles and large structs), so this bound guards that choice: it
        /// keeps values, and the stack frames that read them, small.
        const MAX_MODEL_SIZE: usize = #max;

        fn size<T>() -> (&'static str, usize) {
            (::std::any::type_name::<T>(), ::std::mem::size_of::<T>())
        }

        #[test]
        fn models_stay_small() {
            let sizes: &[(&str, usize)] = &[#(size::<super::models::#structs>()),*];
            let over: ::std::vec::Vec<&(&str, usize)> =
                sizes.iter().filter(|(_, size)| *size > MAX_MODEL_SIZE).collect();
            assert!(over.is_empty(), "models larger than {MAX_MODEL_SIZE} bytes: {over:?}");
        }
    }
}

/// The bound the generated `models_stay_small` test holds every model to, in bytes. Measured
/// (2026-12-01) on a crate from 92 `graph-v1.0` pages (those `driveItem`, `site`, `user` and
/// `windows10GeneralConfiguration` reach, and four update pages): largest 3,992 (`User`), then
/// 2,632 (`DriveItem`), mean 457, median 120; with every struct field boxed as before: 2,048,
/// mean 236, median 104. Estimated from the schemas (within 10% of those measured): at most
/// 4.6 KiB on `graph-v1.0`/`graph-v1.0-2021` and 6.4 KiB on `docstubs-beta` (its `user`, 2.6 KiB
/// of its own fields), where boxing only cycles would reach 40 to 116 KiB. The bound sits well
/// above the first and far below the second: it catches a chain of inline holds, not a type
/// with many properties.
pub const MAX_MODEL_SIZE: usize = 16384;

/// A struct of `properties`, each typed by `field_type`, with the catch-all map and the serde
/// table (`support::json_object!`) that reads and writes it; and its `support::Model` impls (its JSON names and its map), for the checks.
fn catch_all_struct(
    name: &Ident,
    properties: &[&Property],
    field_type: impl Fn(&TypeRef) -> FieldType,
    catch_all_doc: &str,
    (open, names): (bool, &RustNames),
) -> (TokenStream, TokenStream) {
    let mut fields_used = NameSet::default();
    fields_used.reserve(CATCH_ALL);
    let field_names: Vec<String> = properties
        .iter()
        .map(|p| fields_used.unique(snake_case(&p.name)))
        .collect();
    let types: Vec<FieldType> = properties.iter().map(|p| field_type(&p.ty)).collect();
    let fields = properties
        .iter()
        .zip(&field_names)
        .zip(&types)
        .map(|((p, field), ty)| field_tokens(p, field, ty, names));
    // The serde table: each field's JSON name, and its adapter where it has one.
    let table = properties
        .iter()
        .zip(&field_names)
        .zip(&types)
        .map(|((p, field), ty)| {
            let field = ident(field);
            let json = p.name.as_str();
            match &ty.adapter {
                Some(adapter) => quote!(#field: #json as #adapter;),
                None => quote!(#field: #json;),
            }
        });
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
    let model = quote! {
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct #name {
            #(#fields)*
            #[doc = #catch_all_doc]
            pub #catch_all: super::support::PropertyMap,
        }

        super::support::json_object! {
            #name, #catch_all;
            #(#table)*
        }
    };
    let checks = quote! {
        impl super::support::Model for super::models::#name {
            fn properties(&self) -> &'static [&'static str] {
                &[#(#json_names),*]
            }
            fn additional_properties(&self) -> &super::support::PropertyMap {
                &self.#catch_all
            }
            #open
            #nested
        }

        impl super::support::HoldsModels for super::models::#name {
            fn for_each_model(&self, f: &mut dyn FnMut(&dyn super::support::Model)) {
                f(self);
            }
        }
    };
    (model, checks)
}

/// Whether a property of type `ty` holds models: a struct or a polymorphic enum, alone or in a
/// collection (not an enum, an opaque type or one no page defines).
fn holds_models(ty: &TypeRef, names: &RustNames) -> bool {
    match ty.element() {
        TypeRef::Named(n) => names.polymorphic(n).is_some() || names.is_struct(n),
        _ => false,
    }
}

/// One field: its doc and type (its JSON name and adapter are in the model's serde table).
fn field_tokens(p: &Property, field: &str, ty: &FieldType, names: &RustNames) -> TokenStream {
    let field_ident = ident(field);
    let doc = docs::clean(&p.description).map(|d| {
        let links = p.links.iter().map(|l| (l.text.as_str(), l.target.as_str()));
        let d = docs::attr(&docs::with_links(&d, links, |t| {
            names.get(t).map(str::to_owned)
        }));
        quote!(#[doc = #d])
    });
    let rust = &ty.rust;
    quote! {
        #doc
        pub #field_ident: #rust,
    }
}

/// An update body's field holding a struct (inline, boxed or as array items) reads its members'
/// `null`s into the struct's catch-all map (`support::KeepNulls`): in a PATCH a nested `null`
/// clears that member, and the struct's `None` alone would drop it; a polymorphic value keeps them
/// in its variant's map. (Enums read as they do elsewhere.)
fn keep_nulls(
    schema: &Schema,
    ty: &TypeRef,
    field: FieldType,
    holder: &str,
    names: &RustNames,
) -> FieldType {
    // A struct of its own or a polymorphic value: not a type no page defines or an opaque one
    // (both read as any JSON), nor an enum.
    let is_struct = |n: &str| {
        schema
            .type_named(n)
            .is_some_and(|t| t.kind != TypeKind::Enum)
            && names.get(n).is_some()
            && !names.is_opaque(n)
            && !names.is_flags(n)
    };
    if field.adapter.is_some() {
        return field;
    }
    let keep = quote!(super::support::KeepNulls);
    // Held inline, boxed, or as the items of an array (each item's members too).
    let adapter = match ty {
        TypeRef::Named(n) if is_struct(n) && names.boxed(holder, n) => {
            quote!(::std::boxed::Box<#keep>)
        }
        TypeRef::Named(n) if is_struct(n) => keep,
        TypeRef::Collection(inner) if matches!(&**inner, TypeRef::Named(n) if is_struct(n)) => {
            quote!(::std::vec::Vec<#keep>)
        }
        _ => return field,
    };
    FieldType {
        rust: field.rust,
        adapter: Some(adapter),
    }
}

/// The update (PATCH) body of `ty`: its writable properties, each absent, null or a value.
fn patch_body(
    schema: &Schema,
    ty: &TypeDef,
    patch: &str,
    names: &RustNames,
) -> (TokenStream, TokenStream) {
    let name = ident(patch);
    let target = ident(names.type_name(&ty.name));
    let writable: Vec<&Property> = schema
        .all_properties(ty)
        .into_iter()
        .filter(|p| !p.read_only || ty.update_writes.contains(&p.name))
        .collect();
    let mut doc = format!(
        "An update (PATCH) body for [`{target}`]: its writable properties, each left out, \
         cleared (`null`) or set. Read-only properties are not part of it"
    );
    if ty.update_writes.is_empty() {
        doc.push('.');
    } else {
        let sent: Vec<String> = ty.update_writes.iter().map(|k| docs::code(k)).collect();
        doc.push_str(&format!(
            ", except {}, which the page's update example sends.",
            sent.join(", ")
        ));
    }
    let doc = docs::attr(&doc);
    // A patch holds what its type holds, boxed where the type boxes it, so it is no larger.
    let (body, checks) = catch_all_struct(
        &name,
        &writable,
        |t| {
            keep_nulls(
                schema,
                t,
                field_type(t, names, Some(&ty.name)),
                &ty.name,
                names,
            )
            .wrap(quote!(super::support::Patch))
        },
        " Further properties to send, as JSON.",
        (ty.open, names),
    );
    (
        quote! {
            #[doc = #doc]
            #body
        },
        checks,
    )
}
