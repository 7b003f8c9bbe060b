//! Microsoft Graph models and requests, generated at build time by docgen from `docs-input/`.
//!
//! Nothing here is written by hand: `build.rs` runs docgen into `OUT_DIR`, and `generated/`
//! holds a committed copy of the same files for review.

include!(concat!(env!("OUT_DIR"), "/mod.rs"));
