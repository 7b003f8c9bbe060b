//! The support module every generated crate carries: base URLs, the request error, encoding,
//! and the serde side (`runtime/wire.rs`: Edm adapters, `Patch`, `Model`) with the example-test
//! harness (`runtime/testing.rs`). The runtime files are plain Rust, emitted as written.

use proc_macro2::TokenStream;
use quote::quote;

/// A runtime file's items (its `//` comments stay behind; `///` docs are kept).
fn runtime(source: &str) -> TokenStream {
    let file = syn::parse_file(source).expect("docgen's runtime files are valid Rust");
    let items = file.items;
    quote!(#(#items)*)
}

pub fn support() -> TokenStream {
    let wire = runtime(include_str!("runtime/wire.rs"));
    let testing = runtime(include_str!("runtime/testing.rs"));
    quote! {
        #wire

        /// The example tests' harness.
        #[cfg(test)]
        pub mod testing {
            #testing
        }

        /// The Microsoft Graph v1.0 endpoint.
        pub const GRAPH_V1: &str = "https://graph.microsoft.com/v1.0";
        /// The Microsoft Graph beta endpoint.
        pub const GRAPH_BETA: &str = "https://graph.microsoft.com/beta";

        /// Why a request could not be built.
        #[derive(Debug)]
        pub enum RequestError {
            /// The body could not be serialized.
            Json(::serde_json::Error),
            /// The method, URI or a header was not valid HTTP.
            Http(::http::Error),
        }

        impl ::std::fmt::Display for RequestError {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    RequestError::Json(e) => write!(f, "cannot serialize the request body: {e}"),
                    RequestError::Http(e) => write!(f, "cannot build the HTTP request: {e}"),
                }
            }
        }

        impl ::std::error::Error for RequestError {
            fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    RequestError::Json(e) => ::std::option::Option::Some(e),
                    RequestError::Http(e) => ::std::option::Option::Some(e),
                }
            }
        }

        impl ::std::convert::From<::serde_json::Error> for RequestError {
            fn from(e: ::serde_json::Error) -> Self {
                RequestError::Json(e)
            }
        }

        impl ::std::convert::From<::http::Error> for RequestError {
            fn from(e: ::http::Error) -> Self {
                RequestError::Http(e)
            }
        }

        /// Characters left as they are in a path segment: RFC 3986 unreserved ones.
        const SEGMENT: &::percent_encoding::AsciiSet = &::percent_encoding::NON_ALPHANUMERIC
            .remove(b'-')
            .remove(b'.')
            .remove(b'_')
            .remove(b'~');

        /// Percent-encodes one path segment (`/`, `?`, `#`, `%`, spaces and unicode included).
        pub fn encode_segment(segment: &str) -> ::std::string::String {
            ::percent_encoding::utf8_percent_encode(segment, SEGMENT).to_string()
        }
    }
}
