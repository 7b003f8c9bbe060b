//! The `emit` stage: [`Schema`] -> Rust files. The only stage that builds token streams.
//!
//! Files: `mod.rs` (the root, which `include!`s the rest from `OUT_DIR`), `models/<type>.rs`,
//! `requests/<operation>.rs`, `support.rs`. Each is parsed by `syn` and printed by prettyplease,
//! so output never depends on an installed rustfmt and bad tokens are caught here.

mod boxing;
pub mod docs;
mod enums;
mod examples;
pub mod field;
mod layout;
pub mod models;
mod polymorphic;
pub mod requests;
pub mod support;

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;
use serde::Serialize;

use crate::diag::{Code, Diagnostic, Severity};
use crate::names::{NameSet, snake_case};
use crate::schema::{OperationKind, Schema, TypeKind, TypeRef};

/// One generated file, its path relative to the output directory (always `/`-separated).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct OutputFile {
    pub path: String,
    pub contents: String,
}

/// Rust names for schema types and operations, assigned once in sorted order so they are stable.
#[derive(Debug, Default)]
pub struct RustNames {
    types: BTreeMap<String, String>,
    /// Types emitted as structs (entities and complex types, not enums, not opaque ones).
    structs: BTreeSet<String>,
    /// Complex types without a property, a base or a derived type: any JSON
    /// (`microsoft.graph.Json` in the workbook API), emitted as an alias of `serde_json::Value`.
    opaque: BTreeSet<String>,
    /// Enums whose values are comma lists of members.
    flags: BTreeSet<String>,
    /// Base type -> the enum over it and its derived types (`AnyDirectoryObject`), and those
    /// types (qualified, sorted).
    polymorphic: BTreeMap<String, (String, Vec<String>)>,
    /// Type -> its update (PATCH) body (`HostSecurityProfilePatch`), for update operations' bodies.
    patches: BTreeMap<String, String>,
    operations: BTreeMap<String, String>,
    /// Which fields holding a struct box it (cycles, large structs).
    boxing: boxing::Boxing,
}

impl RustNames {
    pub fn new(schema: &Schema) -> Self {
        let derived = polymorphic::derived(schema);
        let opaque: BTreeSet<String> = schema
            .opaque_types()
            .into_iter()
            .map(str::to_owned)
            .collect();
        let structs: BTreeSet<String> = schema
            .types
            .iter()
            .filter(|t| t.kind != TypeKind::Enum && !opaque.contains(&t.name))
            .map(|t| t.name.clone())
            .collect();
        // Names made here must not take a type's name; types keep theirs whatever is added.
        let mut used = NameSet::default();
        for t in &schema.types {
            used.reserve(&t.rust);
        }
        let mut polymorphic = BTreeMap::new();
        for (base, derived) in &derived {
            let rust = schema.type_named(base).map_or("", |t| t.rust.as_str());
            let derived = derived.iter().map(|d| (*d).to_owned()).collect();
            polymorphic.insert(
                (*base).to_owned(),
                (used.unique(format!("Any{rust}")), derived),
            );
        }
        let mut patches = BTreeMap::new();
        for op in &schema.operations {
            if op.kind != OperationKind::Update {
                continue;
            }
            if let Some(TypeRef::Named(n)) = &op.body
                && structs.contains(n)
                && !patches.contains_key(n)
            {
                let rust = schema.type_named(n).map_or("", |t| t.rust.as_str());
                patches.insert(n.clone(), used.unique(format!("{rust}Patch")));
            }
        }
        // Struct -> the structs its fields hold inline (through `Option` or `Patch`).
        let mut holds: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut own = BTreeMap::new();
        for ty in schema.types.iter().filter(|t| structs.contains(&t.name)) {
            let properties = schema.all_properties(ty);
            own.insert(ty.name.clone(), properties.len());
            for p in properties {
                if let TypeRef::Named(n) = &p.ty
                    && structs.contains(n)
                    && !polymorphic.contains_key(n)
                {
                    holds.entry(ty.name.clone()).or_default().push(n.clone());
                }
            }
        }
        let boxing = boxing::Boxing::new(&holds, &own);
        RustNames {
            boxing,
            types: schema
                .types
                .iter()
                .map(|t| (t.name.clone(), t.rust.clone()))
                .collect(),
            structs,
            opaque,
            flags: schema
                .types
                .iter()
                .filter(|t| t.kind == TypeKind::Enum && t.flags)
                .map(|t| t.name.clone())
                .collect(),
            polymorphic,
            patches,
            operations: schema
                .operations
                .iter()
                .map(|o| (o.source.clone(), o.rust.clone()))
                .collect(),
        }
    }

    /// The struct name of a schema type (`microsoft.graph.logonUser` -> `LogonUser`).
    pub fn get(&self, qualified: &str) -> Option<&str> {
        self.types.get(qualified).map(String::as_str)
    }

    pub fn is_struct(&self, qualified: &str) -> bool {
        self.structs.contains(qualified)
    }

    pub fn is_opaque(&self, qualified: &str) -> bool {
        self.opaque.contains(qualified)
    }

    pub fn is_flags(&self, qualified: &str) -> bool {
        self.flags.contains(qualified)
    }

    /// The enum a value typed as `qualified` is read into, when derived types exist.
    pub fn polymorphic(&self, qualified: &str) -> Option<&str> {
        self.polymorphic
            .get(qualified)
            .map(|(rust, _)| rust.as_str())
    }

    /// The enum over `qualified` and the types derived from it, when there are any.
    pub fn polymorphic_members(&self, qualified: &str) -> Option<(&str, &[String])> {
        self.polymorphic
            .get(qualified)
            .map(|(rust, derived)| (rust.as_str(), derived.as_slice()))
    }

    /// The update body of `qualified`, when an update operation takes it.
    pub fn patch(&self, qualified: &str) -> Option<&str> {
        self.patches.get(qualified).map(String::as_str)
    }

    /// Whether a field of struct `holder` holding struct `held` is a `Box` (see `boxing`).
    pub fn boxed(&self, holder: &str, held: &str) -> bool {
        self.boxing.boxed(holder, held)
    }

    pub fn type_name(&self, qualified: &str) -> &str {
        self.get(qualified).unwrap_or("UnknownType")
    }

    /// Whether a request type takes a name the requests' signatures use from the prelude
    /// (`String`, `Into`, `IntoIterator`): then they spell the std paths in full.
    pub fn requests_shadow_prelude(&self) -> bool {
        self.operations
            .values()
            .any(|n| matches!(n.as_str(), "String" | "Into" | "IntoIterator"))
    }

    /// The request type name of an operation, by its source (`api/x.md:12`).
    pub fn operation_name(&self, source: &str) -> Option<&str> {
        self.operations.get(source).map(String::as_str)
    }
}

/// What to emit beyond models, requests and support, and how to reach the runtime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmitOptions {
    /// Expose the runtime's async client as `client`, behind `#[cfg(feature = "<this>")]`
    /// (the feature should turn on `docgen-runtime/client`).
    pub client_feature: Option<String>,
    /// Where generated code finds the runtime crate (`::docgen_runtime`).
    pub runtime_path: String,
    /// Paste the runtime's source into `support.rs` instead of depending on the crate.
    pub inline_runtime: bool,
    /// Emit `examples.rs`: the pages' examples as tests (`#[cfg(test)]`).
    pub example_tests: bool,
}

impl Default for EmitOptions {
    fn default() -> Self {
        EmitOptions {
            client_feature: None,
            runtime_path: support::DEFAULT_RUNTIME_PATH.to_owned(),
            inline_runtime: false,
            example_tests: false,
        }
    }
}

/// Emits every file for `schema`. `sources` are the page paths named in the headers.
pub fn emit(schema: &Schema, sources: &[String]) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    emit_with(schema, sources, &EmitOptions::default())
}

/// [`emit`] with options (the client).
pub fn emit_with(
    schema: &Schema,
    sources: &[String],
    options: &EmitOptions,
) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let names = RustNames::new(schema);
    let mut diags = Vec::new();
    let mut files = Vec::new();
    let mut file_names = NameSet::default();

    let mut model_files = Vec::new();
    let mut model_checks = Vec::new();
    for ty in &schema.types {
        let file = format!(
            "models/{}.rs",
            file_names.unique(snake_case(names.type_name(&ty.name)))
        );
        let page = ty
            .source
            .rsplit_once(':')
            .map_or(ty.source.as_str(), |(f, _)| f);
        let model = models::model(schema, ty, &names);
        push_file(&mut files, &mut diags, &file, &[page], model.file.clone());
        model_files.push(file);
        model_checks.push(model);
    }
    if options.example_tests {
        push_file(
            &mut files,
            &mut diags,
            "model_checks.rs",
            &[],
            models::checks_file(&model_checks),
        );
    }
    let mut request_files = Vec::new();
    for op in &schema.operations {
        let (file_name, line) = crate::schema::split_source(&op.source);
        let emitted = match requests::request(op, &names) {
            Ok(emitted) => emitted,
            Err(why) => {
                diags.push(
                    Diagnostic::new(Severity::Warning, Code::Skipped, file_name, line, 1)
                        .message(format!("operation `{}` skipped: {why}", op.name))
                        .help("no request type is emitted for it"),
                );
                continue;
            }
        };
        for why in &emitted.dropped_paths {
            diags.push(
                Diagnostic::new(Severity::Note, Code::Skipped, file_name, line, 1)
                    .message(format!("path left out of `{}`: {why}", op.rust)),
            );
        }
        let tokens = emitted.tokens;
        let rust = names.operation_name(&op.source).unwrap_or("operation");
        let file = format!("requests/{}.rs", file_names.unique(snake_case(rust)));
        let page = op
            .source
            .rsplit_once(':')
            .map_or(op.source.as_str(), |(f, _)| f);
        push_file(&mut files, &mut diags, &file, &[page], tokens);
        request_files.push(file);
    }
    let support_tokens = if options.inline_runtime {
        Some(support::inline(
            options.client_feature.as_deref(),
            options.example_tests,
        ))
    } else {
        match syn::parse_str::<syn::Path>(&options.runtime_path) {
            Ok(path) => Some(support::reexport(&path)),
            Err(e) => {
                diags.push(
                    Diagnostic::new(Severity::Error, Code::EmitFailed, "support.rs", 1, 1)
                        .message(format!(
                            "the runtime path `{}` is not a Rust path: {e}",
                            options.runtime_path
                        ))
                        .help("give the crate's path, such as `::docgen_runtime`"),
                );
                None
            }
        }
    };
    if let Some(tokens) = support_tokens {
        push_file(&mut files, &mut diags, "support.rs", &[], tokens);
    }
    if options.example_tests {
        let example_pages: Vec<&str> = schema
            .examples
            .iter()
            .map(|e| crate::schema::split_source(&e.source).0)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        push_file(
            &mut files,
            &mut diags,
            "examples.rs",
            &example_pages,
            examples::examples(schema, &names),
        );
    }

    let include = |file: &String| {
        let path = format!("/{file}");
        quote!(include!(concat!(env!("OUT_DIR"), #path));)
    };
    // The client is the runtime's, re-exported where users of earlier versions found it.
    let client = options.client_feature.as_ref().map(|feature| {
        let doc = format!(
            " An async client for the requests (cargo feature `{feature}`): bearer tokens, \
             retries of `429`/`503`/`504` honouring `Retry-After`, and paging."
        );
        quote! {
            #[doc = #doc]
            #[cfg(feature = #feature)]
            pub use support::client;
        }
    });
    let examples = options.example_tests.then(|| {
        quote! {
            /// What the example tests check of each model (its JSON names, catch-all map and the
            /// models it holds) and the bound on model sizes: test builds only.
            #[cfg(test)]
            mod model_checks {
                include!(concat!(env!("OUT_DIR"), "/model_checks.rs"));
            }
            /// The pages' JSON examples, each read into its type and written back.
            #[cfg(test)]
            mod examples {
                include!(concat!(env!("OUT_DIR"), "/examples.rs"));
            }
        }
    });

    let models = model_files.iter().map(include);
    let requests = request_files.iter().map(include);
    let support = include(&"support.rs".to_owned());
    let root = quote! {
        /// Graph resources: one struct per complex or entity type.
        pub mod models {
            #(#models)*
        }
        /// Graph operations: one request type per operation, sans IO.
        pub mod requests {
            #(#requests)*
        }
        /// The runtime: base URLs, the request trait, errors and encoding shared by the requests;
        /// serde adapters for Edm values; the crates generated code uses (`support::serde_json`).
        pub mod support {
            #support
        }
        #client
        // Last: clippy wants no item after a test module.
        #examples
    };
    let sources: Vec<&str> = sources.iter().map(String::as_str).collect();
    push_file(&mut files, &mut diags, "mod.rs", &sources, root);
    files.sort();
    (files, diags)
}

/// Formats `tokens` into a file with the `@generated` header, or reports why it could not.
fn push_file(
    files: &mut Vec<OutputFile>,
    diags: &mut Vec<Diagnostic>,
    path: &str,
    sources: &[&str],
    tokens: TokenStream,
) {
    match syn::parse2::<syn::File>(tokens) {
        Ok(file) => {
            let mut header = String::from("// @generated by docgen");
            match sources.len() {
                0 => {}
                // The root names every page only while that stays readable.
                1..=8 => {
                    header.push_str(" from ");
                    header.push_str(&sources.join(", "));
                }
                n => header.push_str(&format!(" from {n} pages")),
            }
            // Page paths are text from the file system; keep the header a single comment line.
            let header: String = header.chars().filter(|c| !c.is_control()).collect();
            files.push(OutputFile {
                path: path.to_owned(),
                contents: format!(
                    "{header}\n\n{}",
                    layout::tables(prettyplease::unparse(&file))
                ),
            });
        }
        Err(e) => diags.push(
            Diagnostic::new(Severity::Error, Code::EmitFailed, path, 1, 1)
                .message(format!("docgen produced invalid Rust for this file: {e}"))
                .help("this is a bug in docgen; please report it with the page that caused it"),
        ),
    }
}
