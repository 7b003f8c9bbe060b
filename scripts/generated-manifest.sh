# Sourced by the scripts that build a crate from generated code (corpus-crate.sh, build-cost.sh).
# generated_manifest NAME ROOT: the Cargo.toml such a crate has, what a user of docgen lists.
generated_manifest() {
  cat <<TOML
[package]
name = "$1"
version = "0.0.0"
edition = "2024"
publish = false

# What a user of docgen lists: the runtime (which re-exports the rest) and serde.
[dependencies]
docgen-runtime = { path = "$2/runtime" }
serde = "1"

[workspace]
TOML
}
