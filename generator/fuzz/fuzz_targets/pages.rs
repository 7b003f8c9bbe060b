//! A fuzz input as a set of pages, so tables, links, annotations and examples of several pages
//! are mutated together: pages are separated by a NUL byte, and a page whose first line is a
//! bare `resources` or `api` is placed in that folder (the stages read the folder).

pub fn split(data: &[u8]) -> Vec<(String, Vec<u8>)> {
    data.split(|&b| b == 0)
        .take(16)
        .enumerate()
        .map(|(i, bytes)| {
            let (folder, rest) = if let Some(rest) = bytes.strip_prefix(b"api\n") {
                ("api", rest)
            } else if let Some(rest) = bytes.strip_prefix(b"resources\n") {
                ("resources", rest)
            } else {
                (if i % 2 == 0 { "resources" } else { "api" }, bytes)
            };
            (format!("{folder}/page{i}.md"), rest.to_vec())
        })
        .collect()
}

/// Reads the pages and builds their schema, as the builder does.
pub fn schema(pages: &[(String, Vec<u8>)]) -> docgen::schema::Schema {
    let facts: Vec<_> = pages
        .iter()
        .map(|(name, bytes)| docgen::facts::page_facts(docgen::read::read_page(name, bytes).0))
        .collect();
    docgen::schema::build(&facts).0
}
