//! The request type name of an api page: its file name with the word boundaries the page itself
//! spells (`activitybasedtimeoutpolicy-post-activitybasedtimeoutpolicies` ->
//! `activity-based-timeout-policy-post-activity-based-timeout-policies`, which `pascal_case`
//! makes `ActivityBasedTimeoutPolicyPostActivityBasedTimeoutPolicies`).
//!
//! Only the page is read (its title, paths, parameter and body tables, links and examples), never
//! other pages or a dictionary: adding a page renames nothing.

use crate::facts::OperationFacts;
use crate::names::Spellings;

/// JSON keys read from one page's examples at most (a page of generated examples can be huge).
const MAX_KEYS: usize = 4_000;

/// The page's file name as `-`-separated words, boundaries recovered from the page's spellings.
pub fn readable_stem(op: &OperationFacts) -> String {
    op.readable_stem.get_or_init(|| work_out(op)).to_owned()
}

fn work_out(op: &OperationFacts) -> String {
    let parts: Vec<&str> = op
        .stem
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .collect();
    let spellings = spellings(op, &parts);
    parts
        .iter()
        .flat_map(|part| spellings.split(part))
        .collect::<Vec<_>>()
        .join("-")
}

/// The names the page spells. Of prose only names of several words count: its short words (`in`,
/// `on`) would add splits no name on the page attests.
fn spellings(op: &OperationFacts, parts: &[&str]) -> Spellings {
    let mut s = Spellings::within(parts.iter().map(|p| (*p).to_owned()));
    // Adding a text a second time adds nothing, and pages repeat theirs (a path under each
    // method and example, `String` in every other type cell): each is added once.
    let mut added = foldhash::HashSet::default();
    add_once(&mut s, &mut added, &op.title);
    for prose in [&op.description, &op.body_text, &op.response_text] {
        s.add_names(prose);
    }
    for path in &op.paths {
        add_once(&mut s, &mut added, path);
    }
    for other in &op.other_methods {
        for path in &other.paths {
            add_once(&mut s, &mut added, path);
        }
    }
    for other in &op.other_paths {
        add_once(&mut s, &mut added, &other.target);
    }
    let rows = op
        .path_parameters
        .iter()
        .chain(&op.function_parameters)
        .chain(&op.query_parameters)
        .chain(&op.body_rows)
        .chain(op.value_members.iter().flat_map(|v| &v.rows));
    for row in rows {
        add_once(&mut s, &mut added, &row.name);
        add_once(&mut s, &mut added, &row.type_cell.text);
    }
    for link in op.body_links.iter().chain(&op.response_links) {
        add_once(&mut s, &mut added, &link.text);
    }
    let mut keys = 0;
    for example in &op.examples {
        for text in example.target.iter().chain(&example.odata_type) {
            add_once(&mut s, &mut added, text);
        }
        if let Some(body) = &example.body {
            add_json(&mut s, body, &mut keys, &mut added);
        }
    }
    s
}

/// Adds `text` unless it is in `added` (which it then joins).
fn add_once<'t>(s: &mut Spellings, added: &mut foldhash::HashSet<&'t str>, text: &'t str) {
    if added.insert(text) {
        s.add(text);
    }
}

/// Property names and `@odata.type` values of an example body, breadth first up to [`MAX_KEYS`].
fn add_json<'v>(
    s: &mut Spellings,
    value: &'v serde_json::Value,
    keys: &mut usize,
    added: &mut foldhash::HashSet<&'v str>,
) {
    let mut queue = std::collections::VecDeque::from([value]);
    while let Some(value) = queue.pop_front() {
        match value {
            serde_json::Value::Object(map) => {
                for (key, v) in map {
                    if *keys >= MAX_KEYS {
                        return;
                    }
                    *keys += 1;
                    // Examples repeat their keys: a key adds the same words every time.
                    add_once(s, added, key);
                    if key.ends_with("@odata.type")
                        && let Some(t) = v.as_str()
                    {
                        s.add(t);
                    }
                    queue.push_back(v);
                }
            }
            serde_json::Value::Array(items) => queue.extend(items),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(stem: &str, title: &str, paths: &[&str]) -> OperationFacts {
        let md = format!(
            "---\ntitle: \"{title}\"\n---\n# {title}\n\n## HTTP request\n```http\n{}\n```\n",
            paths
                .iter()
                .map(|p| format!("POST {p}"))
                .collect::<Vec<_>>()
                .join("\n")
        );
        let (page, _) = crate::read::read_page(&format!("api/{stem}.md"), md.as_bytes());
        *crate::facts::page_facts(page)
            .operation
            .expect("an api page")
    }

    #[test]
    fn boundaries_come_from_the_pages_paths_and_title() {
        let page = op(
            "activitybasedtimeoutpolicy-post-activitybasedtimeoutpolicies",
            "Create activityBasedTimeoutPolicy",
            &["/policies/activityBasedTimeoutPolicies"],
        );
        assert_eq!(
            readable_stem(&page),
            "activity-based-timeout-policy-post-activity-based-timeout-policies"
        );
    }

    #[test]
    fn a_run_the_page_does_not_spell_stays_whole() {
        // `hostsecurityprofile` is never spelled with its boundaries here: no guess is made.
        let page = op(
            "hostsecurityprofile-update",
            "Update",
            &["/security/profiles/{id}"],
        );
        assert_eq!(readable_stem(&page), "hostsecurityprofile-update");
        let page = op(
            "hostsecurityprofile-update",
            "Update hostSecurityProfile",
            &["/security/hostSecurityProfiles/{id}"],
        );
        assert_eq!(readable_stem(&page), "host-security-profile-update");
    }
}
