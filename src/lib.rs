//! Microsoft Graph models and requests, generated at build time by docgen from `docs-input/`.
//!
//! Nothing here is written by hand but one unit test: `build.rs` runs docgen into `OUT_DIR`, and
//! `generated/` holds a committed copy of the same files for review.

include!(concat!(env!("OUT_DIR"), "/mod.rs"));

/// The example tests' model walk (`support::Model`): its impls exist in test builds only, so it is
/// tested here rather than in `tests/`.
#[cfg(test)]
mod nested_models;
