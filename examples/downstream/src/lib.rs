//! A library-loans API, generated at build time by docgen from the pages in `docs/`.

include!(concat!(env!("OUT_DIR"), "/mod.rs"));
