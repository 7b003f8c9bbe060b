//! The request type name of an api page: its file name with the word boundaries the page itself
//! spells (`activitybasedtimeoutpolicy-post-activitybasedtimeoutpolicies` ->
//! `activity-based-timeout-policy-post-activity-based-timeout-policies`, which `pascal_case`
//! makes `ActivityBasedTimeoutPolicyPostActivityBasedTimeoutPolicies`).
//!
//! The page is read first (its title, paths, parameter and body tables, links and examples).
//! Where it leaves a run's words unsplit, the names the resource pages define (types, properties,
//! enums) complete the split: a stub that lost its only path (`** Collection URI for ... not
//! found` in docstubs-beta-next) keeps `AccessPackageAssignmentPolicy...` instead of becoming
//! `AccessPackageAssignmentpolicy...`, a rename of 218 of 7,746 request types that the docs did
//! not change. Those names only ever refine the page's split (they never undo a boundary the page
//! spells), so a page that spells its words is named by them alone.

use super::index::Index;
use crate::facts::OperationFacts;
use crate::names::Spellings;

/// JSON keys read from one page's examples at most (a page of generated examples can be huge).
const MAX_KEYS: usize = 4_000;

/// The page's file name as `-`-separated words, boundaries recovered from the page's spellings.
pub fn readable_stem(op: &OperationFacts) -> String {
    op.readable_stem.get_or_init(|| work_out(op)).to_owned()
}

/// [`readable_stem`] with each run split further where a name the pages define spells the whole
/// run with more words, and with every boundary the page's split has: with
/// `accessPackageAssignmentPolicy` defined, the page's `access`, `package`, `assignmentpolicy`
/// become `access`, `package`, `assignment`, `policy`. Idempotent: a stem it gave stays as it is.
pub fn readable_name(op: &OperationFacts, index: &Index) -> String {
    let stem = readable_stem(op);
    let mut words = stem.split('-').filter(|w| !w.is_empty());
    let mut out: Vec<&str> = Vec::new();
    for run in runs(&op.stem) {
        // The page's words of this run: the readable stem holds each run's words in order.
        let mut pieces: Vec<&str> = Vec::new();
        let mut length = 0;
        while length < run.len() {
            let Some(word) = words.next() else {
                // Not the stem's runs (cannot happen: the split keeps every letter in its run).
                return readable_stem(op);
            };
            length += word.len();
            pieces.push(word);
        }
        if length != run.len() {
            return readable_stem(op);
        }
        let refined = index.name_words(run).filter(|starts| {
            // Every boundary of the page's split is one of the name's, and the name has more.
            let mut at = 0;
            starts.len() > pieces.len()
                && pieces.iter().all(|p| {
                    let starts_here = starts.contains(&at);
                    at += p.len();
                    starts_here
                })
        });
        match refined {
            Some(starts) => {
                let ends = starts.iter().skip(1).copied().chain([run.len()]);
                out.extend(starts.iter().zip(ends).map(|(&s, e)| &run[s..e]));
            }
            None => out.extend(pieces),
        }
    }
    if words.next().is_some() {
        return readable_stem(op);
    }
    out.join("-")
}

/// The runs of letters and digits of a file name (`accesspackage-list-accesspackages` ->
/// `accesspackage`, `list`, `accesspackages`): what the page's spellings split.
fn runs(stem: &str) -> impl Iterator<Item = &str> {
    stem.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|run| !run.is_empty())
}

fn work_out(op: &OperationFacts) -> String {
    let parts: Vec<&str> = runs(&op.stem).collect();
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

    /// The facts of a resource page defining `name` with one property, `property`.
    fn resource(name: &str, property: &str) -> crate::facts::PageFacts {
        let md = format!(
            "---\ndoc_type: resourcePageType\n---\n# {name} resource type\n\n## Properties\n\n\
             |Property|Type|Description|\n|:--|:--|:--|\n|{property}|String|x|\n"
        );
        let path = format!("resources/{}.md", name.to_lowercase());
        crate::facts::page_facts(crate::read::read_page(&path, md.as_bytes()).0)
    }

    #[test]
    fn the_names_resource_pages_define_split_what_the_page_leaves_whole() {
        // A stub that lost its path spells only its title's `accessPackage`: each run's words
        // after it stay together.
        let page = op(
            "accesspackageassignmentpolicy-delete-accesspackageresourcerolescopes",
            "Remove accessPackage",
            &["** Collection URI for microsoft.graph.accessPackage not found"],
        );
        let alone = Index::new(&[]);
        assert_eq!(
            readable_name(&page, &alone),
            "access-package-assignmentpolicy-delete-access-package-resourcerolescopes"
        );
        let pages = [
            resource(
                "accessPackageAssignmentPolicy",
                "accessPackageResourceRoleScopes",
            ),
            resource("accessPackage", "id"),
        ];
        let index = Index::new(&pages);
        let named = readable_name(&page, &index);
        assert_eq!(
            named,
            "access-package-assignment-policy-delete-access-package-resource-role-scopes"
        );
        // A stem it gave is left as it is.
        let again = page.own_method(named.clone());
        assert_eq!(readable_name(&again, &index), named);
    }

    #[test]
    fn a_defined_name_never_undoes_a_boundary_the_page_spells() {
        // The page spells `oAuth2PermissionGrants`; a property `oauth2PermissionGrants` of a
        // resource page has fewer words and the page's split stays.
        let page = op(
            "user-list-oauth2permissiongrants",
            "List oAuth2PermissionGrants",
            &["/users/{id}/oAuth2PermissionGrants"],
        );
        let index = Index::new(&[resource("user", "oauth2PermissionGrants")]);
        assert_eq!(
            readable_name(&page, &index),
            "user-list-o-auth2-permission-grants"
        );
        // `resourcescope` where the page spells `resources` and `cope`: the defined
        // `accessPackageResourceScope` splits elsewhere, so the page's split stays.
        let page = op(
            "accesspackageresourcescope-get",
            "Get accessPackageResources",
            &["/cope/accessPackageResources"],
        );
        assert_eq!(readable_stem(&page), "access-package-resources-cope-get");
        let index = Index::new(&[resource("accessPackageResourceScope", "id")]);
        assert_eq!(
            readable_name(&page, &index),
            "access-package-resources-cope-get"
        );
    }
}
