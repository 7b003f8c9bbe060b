//! Request types: one per operation, building an `http::Request` sans IO.

use proc_macro2::TokenStream;
use quote::quote;

use super::models::rust_type;
use super::{RustNames, docs};
use crate::names::{NameSet, ident, snake_case};
use crate::schema::{Operation, TypeRef};

/// A piece of a path template: literal text or a `{parameter}`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Literal(String),
    Param(String),
}

/// `/Security/hostSecurityProfiles/{hostSecurityProfileId}` -> literal and parameter pieces.
fn path_pieces(path: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        if open > 0 {
            pieces.push(Piece::Literal(rest[..open].to_owned()));
        }
        pieces.push(Piece::Param(rest[open + 1..open + close].trim().to_owned()));
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Literal(rest.to_owned()));
    }
    pieces
}

pub fn request(op: &Operation, names: &RustNames) -> Option<TokenStream> {
    let path = op.paths.first()?;
    let name = ident(names.operation_name(&op.source)?);
    let pieces = path_pieces(path);
    let mut used = NameSet::default();
    used.reserve("body");
    let params: Vec<(String, proc_macro2::Ident)> = pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Param(name) => Some((name.clone(), ident(&used.unique(snake_case(name))))),
            Piece::Literal(_) => None,
        })
        .collect();
    let body_ty = op
        .body
        .as_ref()
        .filter(|t| matches!(t, TypeRef::Named(n) if names.is_struct(n)))
        .map(|t| {
            let ty = rust_type(t, names, false);
            quote!(super::models::#ty)
        });

    let param_idents: Vec<_> = params.iter().map(|(_, id)| id).collect();
    let param_docs = params.iter().map(|(name, _)| {
        docs::attr(&format!(
            "The {} segment of the path.",
            docs::code(&format!("{{{name}}}"))
        ))
    });
    let fields = quote! {
        #( #[doc = #param_docs] pub #param_idents: ::std::string::String, )*
    };
    let body_field = body_ty.as_ref().map(|ty| {
        quote! {
            /// The request body.
            pub body: #ty,
        }
    });
    let body_arg = body_ty.as_ref().map(|ty| quote!(body: #ty));
    let body_init = body_ty.as_ref().map(|_| quote!(body,));

    let mut param_iter = params.iter();
    let push_pieces = pieces.iter().map(|piece| match piece {
        Piece::Literal(text) if text.chars().count() == 1 => {
            let c = text.chars().next().expect("one character");
            quote!(uri.push(#c);)
        }
        Piece::Literal(text) => quote!(uri.push_str(#text);),
        Piece::Param(_) => {
            let (_, id) = param_iter.next().expect("one field per parameter");
            quote!(uri.push_str(&super::support::encode_segment(&self.#id));)
        }
    });
    let method = ident(&op.method);
    let (body_bytes, content_type) = match &body_ty {
        Some(_) => (
            quote!(::serde_json::to_vec(&self.body)?),
            quote!(let builder = builder.header(::http::header::CONTENT_TYPE, "application/json");),
        ),
        None => (quote!(::std::vec::Vec::new()), quote!()),
    };
    // A constructor mirrors the path, however many parameters it has.
    let many_args = (param_idents.len() + usize::from(body_ty.is_some()) > 7)
        .then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let status = proc_macro2::Literal::u16_unsuffixed(op.status.unwrap_or(200));
    let doc = docs::clean(&op.description).map(|d| {
        let d = docs::attr(&d);
        quote!(#[doc = #d])
    });
    let syntax = docs::attr(&format!(
        "{}, read from {}.",
        docs::code(&format!("{} {}", op.method, path)),
        docs::code(&op.source)
    ));
    Some(quote! {
        #doc
        #[doc = ""]
        #[doc = #syntax]
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct #name {
            #fields
            #body_field
        }

        impl #name {
            /// The status code the operation answers with on success.
            pub const SUCCESS_STATUS: u16 = #status;

            /// A request with every path parameter and the body it needs.
            #many_args
            pub fn new(#( #param_idents: impl ::std::convert::Into<::std::string::String>, )* #body_arg) -> Self {
                Self { #( #param_idents: #param_idents.into(), )* #body_init }
            }

            /// Builds the HTTP request against `base_url` (such as
            /// [`GRAPH_BETA`](super::support::GRAPH_BETA)); path parameters are percent-encoded.
            pub fn to_request(
                &self,
                base_url: &str,
            ) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, super::support::RequestError> {
                let mut uri = ::std::string::String::from(base_url.trim_end_matches('/'));
                #( #push_pieces )*
                let body = #body_bytes;
                let builder = ::http::Request::builder().method(::http::Method::#method).uri(uri);
                #content_type
                ::std::result::Result::Ok(builder.body(body)?)
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_templates_split_into_literals_and_parameters() {
        assert_eq!(
            path_pieces("/Security/hostSecurityProfiles/{hostSecurityProfileId}"),
            [
                Piece::Literal("/Security/hostSecurityProfiles/".into()),
                Piece::Param("hostSecurityProfileId".into())
            ]
        );
        assert_eq!(
            path_pieces("/a/{x}/b/{ y }/c"),
            [
                Piece::Literal("/a/".into()),
                Piece::Param("x".into()),
                Piece::Literal("/b/".into()),
                Piece::Param("y".into()),
                Piece::Literal("/c".into())
            ]
        );
        assert_eq!(
            path_pieces("/a/{unclosed"),
            [Piece::Literal("/a/{unclosed".into())]
        );
    }
}
