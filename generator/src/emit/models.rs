//! Model structs: one per complex or entity type, inherited properties flattened in.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::field::{FieldType, field_type};
use super::{RustNames, docs};
use crate::names::{NameSet, ident, snake_case};
use crate::schema::{Property, Schema, TypeDef, TypeKind, TypeRef};

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
    // A struct held inline is boxed only where it closes a cycle or is large (see `boxing`):
    // elsewhere the holder simply contains it, as a hand-written model would.
    let (body, mut checks) = catch_all_struct(
        &name,
        &schema.all_properties(ty),
        |t| field_type(t, names, Some(&ty.name)).wrap(quote!(::std::option::Option)),
        "::std::option::Option::is_none",
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

/// The JSON name serde's `rename_all = "camelCase"` gives a field (serde_derive's rule: each `_`
/// drops and upper-cases the next character, then the first character is lower-cased).
fn serde_camel_case(field: &str) -> String {
    let mut pascal = String::with_capacity(field.len());
    let mut capitalize = true;
    for c in field.chars() {
        if c == '_' {
            capitalize = true;
        } else if capitalize {
            pascal.push(c.to_ascii_uppercase());
            capitalize = false;
        } else {
            pascal.push(c);
        }
    }
    let mut chars = pascal.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_ascii_lowercase().to_string() + chars.as_str()
    })
}

/// A struct of `properties`, each typed by `field_type` and skipped when `skip_if`, with the
/// catch-all map; and its `support::Model` impls (its JSON names and its map), for the checks.
fn catch_all_struct(
    name: &Ident,
    properties: &[&Property],
    field_type: impl Fn(&TypeRef) -> FieldType,
    skip_if: &str,
    catch_all_doc: &str,
    (open, names): (bool, &RustNames),
) -> (TokenStream, TokenStream) {
    let mut fields_used = NameSet::default();
    fields_used.reserve(CATCH_ALL);
    let field_names: Vec<String> = properties
        .iter()
        .map(|p| fields_used.unique(snake_case(&p.name)))
        .collect();
    // `rename_all` where it names at least one field right that would otherwise need a
    // `rename`; the fields it does not name right keep their own.
    let rename_all = properties
        .iter()
        .zip(&field_names)
        .any(|(p, f)| *f != p.name && serde_camel_case(f) == p.name);
    let fields = properties.iter().zip(&field_names).map(|(p, field)| {
        let serde_name = if rename_all {
            serde_camel_case(field)
        } else {
            field.clone()
        };
        let rename = (serde_name != p.name).then_some(p.name.as_str());
        field_tokens(p, field, rename, &field_type(&p.ty), skip_if, names)
    });
    let container = if rename_all {
        quote!(#[serde(rename_all = "camelCase", default)])
    } else {
        quote!(#[serde(default)])
    };
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
        #[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #container
        pub struct #name {
            #(#fields)*
            #[doc = #catch_all_doc]
            #[serde(flatten)]
            pub #catch_all: ::std::collections::BTreeMap<::std::string::String, super::support::serde_json::Value>,
        }
    };
    let checks = quote! {
        impl super::support::Model for super::models::#name {
            fn properties(&self) -> &'static [&'static str] {
                &[#(#json_names),*]
            }
            fn additional_properties(&self) -> &::std::collections::BTreeMap<::std::string::String, super::support::serde_json::Value> {
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

/// One field: doc, serde attribute (rename where the container's rule does not give the JSON
/// name, skip, adapter) and type.
fn field_tokens(
    p: &Property,
    field: &str,
    rename: Option<&str>,
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
    let rename = rename.map(|json_name| quote!(rename = #json_name,));
    let with = ty.serde_with();
    let rust = &ty.rust;
    quote! {
        #doc
        #[serde(#rename skip_serializing_if = #skip_if #with)]
        pub #field_ident: #rust,
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
        .filter(|p| !p.read_only)
        .collect();
    let doc = docs::attr(&format!(
        "An update (PATCH) body for [`{target}`]: its writable properties, each left out, \
         cleared (`null`) or set. Read-only properties are not part of it."
    ));
    // A patch holds what its type holds, boxed where the type boxes it, so it is no larger.
    let (body, checks) = catch_all_struct(
        &name,
        &writable,
        |t| field_type(t, names, Some(&ty.name)).wrap(quote!(super::support::Patch)),
        "super::support::Patch::is_absent",
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

#[cfg(test)]
mod tests {
    use super::serde_camel_case;

    /// The names serde itself gives these fields under `rename_all = "camelCase"`.
    #[derive(serde::Serialize, Default)]
    #[serde(rename_all = "camelCase")]
    struct Names {
        net_bios_name: u8,
        ip_v4_address: u8,
        type_: u8,
        field_1a: u8,
        odata_type_2: u8,
        id: u8,
        x: u8,
    }

    #[test]
    fn camel_case_is_serdes() {
        let json = serde_json::to_value(Names::default()).expect("serializes");
        let mut keys: Vec<&String> = json.as_object().expect("an object").keys().collect();
        keys.sort();
        let fields = [
            "field_1a",
            "id",
            "ip_v4_address",
            "net_bios_name",
            "odata_type_2",
            "type_",
            "x",
        ];
        let mut ours: Vec<String> = fields.iter().map(|f| serde_camel_case(f)).collect();
        ours.sort();
        assert_eq!(keys, ours.iter().collect::<Vec<_>>());
        assert_eq!(serde_camel_case("net_bios_name"), "netBiosName");
        assert_eq!(serde_camel_case("type_"), "type");
        assert_eq!(serde_camel_case(""), "");
    }
}
