//! Issue 14's bound on request files: what every request shares lives in the runtime's
//! `GraphRequest`, so a request file on graph-v1.0-2021 averages at most 45 lines (94 when the
//! skeleton was emitted into each). Skips with a printed reason without the corpus.

mod support;

/// The average this test holds request files to.
const MAX_AVERAGE_LINES: f64 = 45.0;

#[test]
fn request_files_average_at_most_45_lines_on_graph_v1_0_2021() {
    let Some(corpus) = support::corpus() else {
        return;
    };
    let generated = docgen::Builder::new()
        .input(corpus.join("graph-v1.0-2021"))
        .run()
        .unwrap();
    let requests: Vec<usize> = generated
        .files
        .iter()
        .filter(|f| f.path.starts_with("requests/"))
        .map(|f| f.contents.lines().count())
        .collect();
    assert!(requests.len() > 1500, "{} request files", requests.len());
    let average = requests.iter().sum::<usize>() as f64 / requests.len() as f64;
    println!(
        "{} request files, {average:.1} lines on average",
        requests.len()
    );
    assert!(
        average <= MAX_AVERAGE_LINES,
        "request files average {average:.1} lines (bound {MAX_AVERAGE_LINES})"
    );
}
