//! Generates this crate's models and requests from `docs/` into `OUT_DIR`.

fn main() {
    docgen::Builder::new()
        .input("docs")
        .out_dir(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts"))
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
}
