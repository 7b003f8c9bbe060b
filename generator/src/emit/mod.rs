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
use crate::schema::{Operation, OperationKind, Schema, TypeDef, TypeKind, TypeRef};

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
    /// Base type -> the update body over its and its derived types' patches
    /// (`AnyEducationOutcomePatch`), and those types, where an update's request examples send
    /// derived types of its body.
    polymorphic_patches: BTreeMap<String, (String, Vec<String>)>,
    operations: BTreeMap<String, String>,
    /// Whether a request type takes a prelude name (see `requests_shadow_prelude`), found once:
    /// every request asks.
    shadow_prelude: bool,
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
        let mut polymorphic: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
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
            // A `PUT .../manager/$ref` sets the reference whole: a patch's absent, `null` and
            // set mean nothing for its one URL.
            if let Some(TypeRef::Named(n)) = &op.body
                && structs.contains(n)
                && !patches.contains_key(n)
                && n != crate::schema::REFERENCE_BODY
            {
                let rust = schema.type_named(n).map_or("", |t| t.rust.as_str());
                patches.insert(n.clone(), used.unique(format!("{rust}Patch")));
            }
        }
        // An update whose body has derived types and whose request examples send one of them
        // (`"@odata.type": "#microsoft.graph.educationPointsOutcome"` to an `educationOutcome`
        // update) sends any of them: a patch of each, and the enum over them.
        let mut polymorphic_patches = BTreeMap::new();
        for op in &schema.operations {
            let Some(TypeRef::Named(base)) = &op.body else {
                continue;
            };
            let Some((_, derived)) = polymorphic.get(base) else {
                continue;
            };
            if op.kind != OperationKind::Update
                || polymorphic_patches.contains_key(base)
                || !op.body_derived
            {
                continue;
            }
            let derived: Vec<String> = derived
                .iter()
                .filter(|d| structs.contains(*d))
                .cloned()
                .collect();
            for d in &derived {
                if !patches.contains_key(d) {
                    let rust = schema.type_named(d).map_or("", |t| t.rust.as_str());
                    patches.insert(d.clone(), used.unique(format!("{rust}Patch")));
                }
            }
            let rust = schema.type_named(base).map_or("", |t| t.rust.as_str());
            polymorphic_patches.insert(
                base.clone(),
                (used.unique(format!("Any{rust}Patch")), derived),
            );
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
        let operations: BTreeMap<String, String> = schema
            .operations
            .iter()
            .filter(|o| !o.mentioned)
            .map(|o| (o.source.clone(), o.rust.clone()))
            .collect();
        let shadow_prelude = operations
            .values()
            .any(|n| matches!(n.as_str(), "String" | "Into" | "IntoIterator"));
        RustNames {
            shadow_prelude,
            operations,
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
            polymorphic_patches,
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

    /// A type emitted as an enum of its members: a known type that is no struct and no opaque
    /// JSON.
    pub fn is_enum(&self, qualified: &str) -> bool {
        self.types.contains_key(qualified)
            && !self.structs.contains(qualified)
            && !self.opaque.contains(qualified)
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

    /// The update body over `qualified`'s and its derived types' patches, where an update's
    /// examples send derived types (see [`Self::polymorphic_patch_members`]).
    pub fn polymorphic_patch(&self, qualified: &str) -> Option<&str> {
        self.polymorphic_patches
            .get(qualified)
            .map(|(rust, _)| rust.as_str())
    }

    /// That enum's name and the derived types it holds besides `qualified`.
    pub fn polymorphic_patch_members(&self, qualified: &str) -> Option<(&str, &[String])> {
        self.polymorphic_patches
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
        self.shadow_prelude
    }

    /// The request type name of an operation, by its source (`api/x.md:12`).
    pub fn operation_name(&self, source: &str) -> Option<&str> {
        self.operations.get(source).map(String::as_str)
    }
}

/// What to emit beyond models, requests and support, and how to reach the runtime.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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
    emit_threads(schema, sources, options, crate::parallel::default_threads())
}

/// One file's worth of work, independent of every other: each builds its tokens and formats
/// them on whichever thread takes it (token streams cannot cross threads, text can).
enum Job<'s> {
    Model(&'s TypeDef),
    /// `model_checks.rs`: what the example tests check of every model.
    ModelChecks,
    Request(&'s Operation),
    Support,
    Examples,
}

/// What a job made: a formatted file (or why formatting failed), with the diagnostics met on
/// the way, or no file at all.
enum Made {
    File {
        notes: Vec<Diagnostic>,
        contents: Result<String, String>,
    },
    NoFile(Diagnostic),
}

/// [`emit_with`] on `threads` threads. Files are made in parallel and named afterwards, in the
/// schema's order, so names, bytes and diagnostics are the same on any number of threads.
pub fn emit_threads(
    schema: &Schema,
    sources: &[String],
    options: &EmitOptions,
    threads: usize,
) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let start = std::time::Instant::now();
    let names = RustNames::new(schema);
    crate::timings::stage("emit: names", start);

    let mut jobs: Vec<Job> = schema.types.iter().map(Job::Model).collect();
    if options.example_tests {
        jobs.push(Job::ModelChecks);
    }
    // A mentioned operation has no documented request to emit (`Operation::mentioned`).
    jobs.extend(
        schema
            .operations
            .iter()
            .filter(|o| !o.mentioned)
            .map(Job::Request),
    );
    jobs.push(Job::Support);
    if options.example_tests {
        jobs.push(Job::Examples);
    }
    let start = std::time::Instant::now();
    let made =
        crate::parallel::map_in_order(&jobs, threads, |job| make(job, schema, &names, options));
    crate::timings::stage("emit: tokens + format (wall)", start);
    if crate::timings::on() {
        let (build, format) = made.iter().fold(Default::default(), |(b, f), (m, _)| {
            let (mb, mf): (std::time::Duration, std::time::Duration) = *m;
            (b + mb, f + mf)
        });
        crate::timings::total("emit: tokens (summed over threads)", build);
        crate::timings::total("emit: format (summed over threads)", format);
    }

    // Names are given in the order the files were always made: models, then the requests that
    // were not skipped.
    let mut diags = Vec::new();
    let mut files = Vec::new();
    let mut file_names = NameSet::default();
    let mut model_files = Vec::new();
    let mut request_files = Vec::new();
    for (job, (_, made)) in jobs.iter().zip(made) {
        let path = match job {
            Job::Model(ty) => {
                let file = format!(
                    "models/{}.rs",
                    file_names.unique(snake_case(names.type_name(&ty.name)))
                );
                model_files.push(file.clone());
                file
            }
            Job::Request(op) => {
                if matches!(made, Made::NoFile(_)) {
                    String::new()
                } else {
                    let rust = names.operation_name(&op.source).unwrap_or("operation");
                    let file = format!("requests/{}.rs", file_names.unique(snake_case(rust)));
                    request_files.push(file.clone());
                    file
                }
            }
            Job::ModelChecks => "model_checks.rs".to_owned(),
            Job::Support => "support.rs".to_owned(),
            Job::Examples => "examples.rs".to_owned(),
        };
        match made {
            Made::File { notes, contents } => {
                diags.extend(notes);
                add_file(&mut files, &mut diags, path, contents);
            }
            Made::NoFile(diag) => diags.push(diag),
        }
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
    let root = format_file(&sources, root);
    add_file(&mut files, &mut diags, "mod.rs".to_owned(), root);
    files.sort();
    (files, diags)
}

/// Builds and formats one job's file, with the time each half took (for `DOCGEN_TIMINGS`).
fn make(
    job: &Job,
    schema: &Schema,
    names: &RustNames,
    options: &EmitOptions,
) -> ((std::time::Duration, std::time::Duration), Made) {
    let start = std::time::Instant::now();
    let page_of = |source: &'_ str| -> String {
        source
            .rsplit_once(':')
            .map_or(source, |(f, _)| f)
            .to_owned()
    };
    let mut notes = Vec::new();
    let (tokens, pages): (TokenStream, Vec<String>) = match job {
        Job::Model(ty) => (
            models::model(schema, ty, names).file,
            vec![page_of(&ty.source)],
        ),
        Job::ModelChecks => {
            // The checks of every model, built again here: token streams cannot come back from
            // the threads that made the models, and this file exists only for example tests.
            let checks: Vec<_> = schema
                .types
                .iter()
                .map(|ty| models::model(schema, ty, names))
                .collect();
            (models::checks_file(&checks), Vec::new())
        }
        Job::Request(op) => {
            let (file_name, line) = crate::schema::split_source(&op.source);
            let emitted = match requests::request(op, names) {
                Ok(emitted) => emitted,
                Err(why) => {
                    let skipped =
                        Diagnostic::new(Severity::Warning, Code::Skipped, file_name, line, 1)
                            .message(format!("operation `{}` skipped: {why}", op.name))
                            .help("no request type is emitted for it");
                    return (Default::default(), Made::NoFile(skipped));
                }
            };
            for why in &emitted.dropped_paths {
                notes.push(
                    Diagnostic::new(Severity::Note, Code::Skipped, file_name, line, 1)
                        .message(format!("path left out of `{}`: {why}", op.rust)),
                );
            }
            (emitted.tokens, vec![page_of(&op.source)])
        }
        Job::Support => {
            let tokens = if options.inline_runtime {
                support::inline(options.client_feature.as_deref(), options.example_tests)
            } else {
                match syn::parse_str::<syn::Path>(&options.runtime_path) {
                    Ok(path) => support::reexport(&path),
                    Err(e) => {
                        let diag =
                            Diagnostic::new(Severity::Error, Code::EmitFailed, "support.rs", 1, 1)
                                .message(format!(
                                    "the runtime path `{}` is not a Rust path: {e}",
                                    options.runtime_path
                                ))
                                .help("give the crate's path, such as `::docgen_runtime`");
                        return (Default::default(), Made::NoFile(diag));
                    }
                }
            };
            (tokens, Vec::new())
        }
        Job::Examples => {
            let pages: BTreeSet<&str> = schema
                .examples
                .iter()
                .map(|e| crate::schema::split_source(&e.source).0)
                .collect();
            (
                examples::examples(schema, names),
                pages.into_iter().map(str::to_owned).collect(),
            )
        }
    };
    let built = start.elapsed();
    let start = std::time::Instant::now();
    let pages: Vec<&str> = pages.iter().map(String::as_str).collect();
    let contents = format_file(&pages, tokens);
    ((built, start.elapsed()), Made::File { notes, contents })
}

/// Formats `tokens` into a file with the `@generated` header naming `sources`, or says why the
/// tokens are not a Rust file.
fn format_file(sources: &[&str], tokens: TokenStream) -> Result<String, String> {
    let file = syn::parse2::<syn::File>(tokens).map_err(|e| e.to_string())?;
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
    Ok(format!(
        "{header}\n\n{}",
        layout::tables(prettyplease::unparse(&file))
    ))
}

/// Adds a formatted file, or the error that it could not be formatted.
fn add_file(
    files: &mut Vec<OutputFile>,
    diags: &mut Vec<Diagnostic>,
    path: String,
    contents: Result<String, String>,
) {
    match contents {
        Ok(contents) => files.push(OutputFile { path, contents }),
        Err(e) => diags.push(
            Diagnostic::new(Severity::Error, Code::EmitFailed, &path, 1, 1)
                .message(format!("docgen produced invalid Rust for this file: {e}"))
                .help("this is a bug in docgen; please report it with the page that caused it"),
        ),
    }
}
