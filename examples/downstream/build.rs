//! Generates this crate's models and requests from `docs/` into `OUT_DIR`.

fn main() {
    docgen::Builder::new()
        .input("docs")
        .out_dir(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts"))
        // The runtime's async client as `downstream::client`, with this crate's `client` feature.
        .client_feature("client")
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
}
