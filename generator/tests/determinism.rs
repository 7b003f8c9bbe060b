//! Output is byte-identical whatever the order the inputs come in, and from one run to the next.

mod support;

use std::path::PathBuf;

use docgen::Builder;
use docgen::emit::OutputFile;
use support::workspace_root;

fn files(inputs: &[PathBuf], include: Option<&str>) -> Vec<OutputFile> {
    let builder = inputs.iter().fold(Builder::new(), |b, i| b.input(i));
    let builder = match include {
        Some(glob) => builder.include(glob),
        None => builder,
    };
    builder.run().unwrap().files
}

#[test]
fn docs_input_generates_the_same_bytes_in_any_input_order_and_every_run() {
    let docs = workspace_root().join("docs-input");
    let dirs = [docs.join("resources"), docs.join("api")];
    let forward = files(&dirs, None);
    let backward = files(&[dirs[1].clone(), dirs[0].clone()], None);
    assert!(!forward.is_empty());
    assert_eq!(forward, backward);
    assert_eq!(files(&dirs, None), forward, "a second run");

    let pages: Vec<PathBuf> = docgen::list_pages(&docs)
        .into_iter()
        .map(|(_, p)| p)
        .collect();
    let mut reversed = pages.clone();
    reversed.reverse();
    let mut rotated = pages.clone();
    rotated.rotate_left(3);
    let by_page = files(&pages, None);
    assert_eq!(files(&reversed, None), by_page);
    assert_eq!(files(&rotated, None), by_page);
}

#[test]
fn corpus_slice_generates_the_same_bytes_in_any_input_order() {
    let Some(corpus) = support::corpus() else {
        return;
    };
    let beta = corpus.join("docstubs-beta");
    let dirs = [beta.join("api"), beta.join("resources")];
    // Pages whose names start with a-c: about a fifth of the corpus, enough to share types.
    let forward = files(&dirs, Some("[a-c]*"));
    let backward = files(&[dirs[1].clone(), dirs[0].clone()], Some("[a-c]*"));
    println!("{} files from docstubs-beta [a-c]*", forward.len());
    assert!(forward.len() > 100);
    assert!(forward == backward, "input order changed the output");
    assert!(files(&dirs, Some("[a-c]*")) == forward, "two runs differ");
}

/// Every file and diagnostic of a run on `threads` threads.
fn on_threads(builder: Builder, threads: usize) -> (Vec<OutputFile>, Vec<String>) {
    let generated = builder.threads(threads).run().unwrap();
    let diags = generated
        .diagnostics
        .iter()
        .map(|d| d.to_string())
        .collect();
    (generated.files, diags)
}

#[test]
fn one_thread_and_several_generate_the_same_files_and_diagnostics() {
    // With the example tests: their files (`examples.rs`, `model_checks.rs`) are made apart.
    let docs = Builder::new()
        .input(workspace_root().join("docs-input"))
        .example_tests(true)
        .client_feature("client");
    let one = on_threads(docs.clone(), 1);
    assert!(one.0.iter().any(|f| f.path == "model_checks.rs"));
    for threads in [2, 3, 16] {
        assert!(
            on_threads(docs.clone(), threads) == one,
            "{threads} threads"
        );
    }

    let Some(corpus) = support::corpus() else {
        return;
    };
    // Pages of graph-v1.0 whose names start with a to d: skipped operations and dropped paths
    // among them, whose diagnostics and file names depend on the order files are made in.
    let v1 = corpus.join("graph-v1.0");
    let slice = Builder::new()
        .input(v1.join("api/[a-d]*.md"))
        .input(v1.join("resources/[a-d]*.md"));
    let one = on_threads(slice.clone(), 1);
    println!(
        "{} files, {} diagnostics from graph-v1.0 [a-d]*",
        one.0.len(),
        one.1.len()
    );
    assert!(one.0.len() > 100);
    assert!(on_threads(slice, 4) == one, "4 threads differ from 1");
}
