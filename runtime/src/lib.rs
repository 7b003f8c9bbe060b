//! The runtime of crates docgen generates: what every generated crate shares, written once.
//!
//! - serde: adapters for Edm values (`Int64`, `Double`, `DateTimeOffset`, `Base64`, ...),
//!   `Patch<T>` for update bodies, `Decimal` and `Duration`;
//! - requests, sans IO: the [`GraphRequest`] trait (a generated request states its method,
//!   path, query, body and response; the trait builds the `http::Request` and reads the
//!   `http::Response`), [`RequestError`], [`GraphError`], [`Page`], percent-encoding;
//! - with the `client` feature, an async client (the `client` module) that sends any request.
//!
//! A generated crate reaches all of it through its `support` module (`pub use
//! ::docgen_runtime::*;`), third-party crates included (`support::serde_json`, ...), so it
//! depends on this crate and serde only. Each module refers to the others through `super::`,
//! so docgen can also paste these files into a crate that cannot add the dependency.

pub use ::chrono;
pub use ::http;
pub use ::serde_json;
pub use ::serde_with;
pub use ::uuid;

mod encode;
mod error;
mod object;
mod page;
mod properties;
mod request;
mod response;
mod wire;
mod wrappers;

pub use encode::*;
pub use error::*;
pub use object::*;
pub use page::*;
pub use properties::*;
pub use request::*;
pub use response::*;
pub use wire::*;
pub use wrappers::*;

#[cfg(feature = "client")]
pub mod client;

#[doc(hidden)]
pub mod testing;
