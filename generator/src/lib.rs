//! docgen: turns Microsoft Graph reference pages (Markdown) into typed Rust.
//!
//! The stages are modules: [`read`] (Markdown -> `Page`), [`facts`] (one page's Graph
//! conventions), [`schema`] (all pages -> types and operations), [`emit`] (schema -> Rust files).
//! [`Builder`] drives them from a `build.rs`; the `docgen` binary drives them from the shell.
//! [`diff`] compares two schemas for review.

pub mod diag;
pub mod diff;
pub mod emit;
pub mod facts;
pub mod names;
pub mod read;
pub mod schema;

mod builder;
mod cache;
mod listing;
mod parallel;
mod timings;
mod versions;

pub use builder::{Builder, Error, Generated, Stale, list_pages, stale_files};
