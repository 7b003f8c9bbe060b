//! The `emit` stage: [`Schema`] -> Rust files. The only stage that builds token streams.
//!
//! Files: `mod.rs` (the root, which `include!`s the rest from `OUT_DIR`), `models/<type>.rs`,
//! `requests/<operation>.rs`, `support.rs`. Each is parsed by `syn` and printed by prettyplease,
//! so output never depends on an installed rustfmt and bad tokens are caught here.

mod client;
mod cycles;
pub mod docs;
mod enums;
mod http_support;
pub mod models;
pub mod requests;
mod support;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;
use serde::Serialize;

use crate::diag::{Code, Diagnostic, Severity};
use crate::names::{NameSet, snake_case};
use crate::schema::Schema;

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
    /// Types emitted as structs (entities and complex types, not enums).
    structs: std::collections::BTreeSet<String>,
    operations: BTreeMap<String, String>,
}

impl RustNames {
    pub fn new(schema: &Schema) -> Self {
        RustNames {
            types: schema
                .types
                .iter()
                .map(|t| (t.name.clone(), t.rust.clone()))
                .collect(),
            structs: schema
                .types
                .iter()
                .filter(|t| t.kind != crate::schema::TypeKind::Enum)
                .map(|t| t.name.clone())
                .collect(),
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

    pub fn type_name(&self, qualified: &str) -> &str {
        self.get(qualified).unwrap_or("UnknownType")
    }

    /// The request type name of an operation, by its source (`api/x.md:12`).
    pub fn operation_name(&self, source: &str) -> Option<&str> {
        self.operations.get(source).map(String::as_str)
    }
}

/// What to emit beyond models, requests and support.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmitOptions {
    /// Emit the async client (`client.rs`) behind `#[cfg(feature = "<this>")]`.
    pub client_feature: Option<String>,
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

    let cycles = cycles::Cycles::new(schema);
    let mut model_files = Vec::new();
    for ty in &schema.types {
        let file = format!(
            "models/{}.rs",
            file_names.unique(snake_case(names.type_name(&ty.name)))
        );
        let page = ty
            .source
            .rsplit_once(':')
            .map_or(ty.source.as_str(), |(f, _)| f);
        push_file(
            &mut files,
            &mut diags,
            &file,
            &[page],
            models::model(schema, ty, &names, &cycles),
        );
        model_files.push(file);
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
    let support_tokens = [support::support(), http_support::http_support()];
    push_file(
        &mut files,
        &mut diags,
        "support.rs",
        &[],
        quote!(#(#support_tokens)*),
    );
    let include = |file: &String| {
        let path = format!("/{file}");
        quote!(include!(concat!(env!("OUT_DIR"), #path));)
    };
    let client = options.client_feature.as_ref().map(|feature| {
        push_file(&mut files, &mut diags, "client.rs", &[], client::client());
        let file = include(&"client.rs".to_owned());
        let doc = format!(
            " An async client for the requests (cargo feature `{feature}`): bearer tokens, \
             retries of `429`/`503`/`504` honouring `Retry-After`, and paging."
        );
        quote! {
            #[doc = #doc]
            #[cfg(feature = #feature)]
            pub mod client {
                #file
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
        /// Base URLs, errors and encoding shared by the requests.
        pub mod support {
            #support
        }
        #client
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
                contents: format!("{header}\n\n{}", prettyplease::unparse(&file)),
            });
        }
        Err(e) => diags.push(
            Diagnostic::new(Severity::Error, Code::EmitFailed, path, 1, 1)
                .message(format!("docgen produced invalid Rust for this file: {e}"))
                .help("this is a bug in docgen; please report it with the page that caused it"),
        ),
    }
}
