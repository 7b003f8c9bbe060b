//! Generates the companion crate's code from `docs-input/` into `OUT_DIR` with docgen.
//! `generated/` holds the same bytes, committed for review (`docgen check` keeps it honest).

fn main() {
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    if let Err(e) = docgen::Builder::new()
        .input("docs-input")
        .out_dir(out_dir)
        // The async client is the runtime's, exposed with this crate's `client` feature.
        .client_feature("client")
        // The pages' examples become this crate's tests.
        .example_tests(true)
        .generate()
    {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
