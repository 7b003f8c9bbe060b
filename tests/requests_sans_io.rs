//! The generated requests, sans IO: every example request on the docs-input pages rebuilt
//! through its typed request, percent-encoding of ids and query values, and responses parsed
//! into models, pages, `()` and `GraphError`.

use std::path::Path;

use graph_models::models::{
    AnyEducationOutcomePatch, HostSecurityProfile, HostSecurityProfilePatch,
};

mod common;
use common::canonical_dates;
use graph_models::requests::{
    EducationOutcomeUpdate, HostSecurityProfileDelete, HostSecurityProfileGet,
    HostSecurityProfileUpdate, SecurityListHostSecurityProfiles,
};
use graph_models::support::{self, GRAPH_BETA, GRAPH_V1, GraphError, GraphRequest, Page};
use percent_encoding::percent_decode_str;

/// A request example on a page: annotation name, method, target, JSON body.
struct Example {
    page: String,
    name: String,
    method: String,
    target: String,
    body: Option<serde_json::Value>,
}

fn request_examples() -> Vec<Example> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs-input");
    let mut out = Vec::new();
    for (display, path) in docgen::list_pages(&dir) {
        let (page, _) = docgen::read::read_file(&path, &display);
        let page = page.expect("a docs-input page reads");
        for annotation in &page.annotations {
            if annotation.get_str("blockType") != Some("request") {
                continue;
            }
            let block = &page.blocks[annotation.block.expect("attached to a block")];
            let Some(docgen::read::HttpMessage::Request { lines, .. }) = &block.http else {
                panic!("{display}: a request example that is not an HTTP request");
            };
            out.push(Example {
                page: display.clone(),
                name: annotation.get_str("name").unwrap_or_default().to_owned(),
                method: lines[0].method.clone(),
                target: lines[0].target.clone(),
                body: block.json.as_ref().and_then(|j| j.value.clone()),
            });
        }
    }
    out
}

/// The documented target's path parameter under `{name}` of `template`, percent-decoded.
fn path_param(template: &str, target_path: &str, name: &str) -> String {
    let want = format!("{{{name}}}");
    let position = template
        .split('/')
        .position(|s| s == want)
        .expect("the template has the parameter");
    let raw = target_path
        .split('/')
        .nth(position)
        .expect("the target has the segment");
    percent_decode_str(raw).decode_utf8().unwrap().into_owned()
}

/// Splits `https://graph.microsoft.com/beta/a/b?x=1&y=2` into the path and decoded pairs.
fn split_target(target: &str) -> (String, Vec<(String, String)>) {
    let rest = target
        .strip_prefix(GRAPH_BETA)
        .or_else(|| target.strip_prefix(GRAPH_V1))
        .expect("an absolute Graph URL");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let pairs = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            let decode = |s: &str| percent_decode_str(s).decode_utf8().unwrap().into_owned();
            (decode(k), decode(v))
        })
        .collect();
    (path.to_owned(), pairs)
}

const ONE_PROFILE: &str = "/Security/hostSecurityProfiles/{hostSecurityProfileId}";
const ONE_OUTCOME: &str = "/education/classes/{classId}/assignments/{assignmentId}/submissions/{submissionId}/outcomes/{outcomeId}";

/// Rebuilds an example through the typed request its annotation names.
fn rebuild(example: &Example) -> http::Request<Vec<u8>> {
    let (path, query) = split_target(&example.target);
    let body = || {
        serde_json::from_value::<HostSecurityProfilePatch>(example.body.clone().expect("a body"))
            .unwrap()
    };
    let request = match example.name.as_str() {
        "update_hostsecurityprofile" => HostSecurityProfileUpdate::new(
            &path_param(ONE_PROFILE, &path, "hostSecurityProfileId"),
            body(),
        )
        .to_request(GRAPH_BETA),
        "get_hostsecurityprofile" => {
            let mut r = HostSecurityProfileGet::new(&path_param(
                ONE_PROFILE,
                &path,
                "hostSecurityProfileId",
            ));
            for (k, v) in query {
                r = match k.as_str() {
                    "$select" => r.select(v.split(',')),
                    _ => r.query_param(k, v),
                };
            }
            r.to_request(GRAPH_BETA)
        }
        // One update, two derived types: each example's body is read by its `@odata.type`.
        "update_educationfeedbackoutcome" | "update_educationpointsoutcome" => {
            let param = |name| path_param(ONE_OUTCOME, &path, name);
            let body: AnyEducationOutcomePatch =
                serde_json::from_value(example.body.clone().expect("a body")).unwrap();
            EducationOutcomeUpdate::new(
                &param("classId"),
                &param("assignmentId"),
                &param("submissionId"),
                &param("outcomeId"),
                body,
            )
            .to_request(GRAPH_V1)
        }
        "delete_hostsecurityprofile" => {
            HostSecurityProfileDelete::new(&path_param(ONE_PROFILE, &path, "hostSecurityProfileId"))
                .to_request(GRAPH_BETA)
        }
        "list_hostsecurityprofiles" => {
            let mut r = SecurityListHostSecurityProfiles::new();
            for (k, v) in query {
                r = match k.as_str() {
                    "$select" => r.select(v.split(',')),
                    "$orderby" => r.orderby(v.split(',')),
                    "$filter" => r.filter(v),
                    "$top" => r.top(v.parse().unwrap()),
                    _ => r.query_param(k, v),
                };
            }
            r.to_request(GRAPH_BETA)
        }
        other => panic!(
            "{}: no typed request for the example `{other}`; add it to this table",
            example.page
        ),
    };
    request.unwrap()
}

#[test]
fn every_docs_input_request_example_is_rebuilt_with_its_method_path_and_body() {
    let examples = request_examples();
    for example in &examples {
        let request = rebuild(example);
        assert_eq!(
            request.method().as_str(),
            example.method,
            "{}",
            example.page
        );
        // Pages write `{placeholders}` raw; as data they are encoded like any other id.
        let expected = example.target.replace('{', "%7B").replace('}', "%7D");
        assert_eq!(request.uri().to_string(), expected, "{}", example.page);
        match &example.body {
            Some(body) => {
                let sent: serde_json::Value = serde_json::from_slice(request.body()).unwrap();
                // One instant may be spelled `+00:00` on the page and `Z` when written back.
                assert_eq!(
                    canonical_dates(&sent),
                    canonical_dates(body),
                    "{}",
                    example.page
                );
                assert_eq!(request.headers()["content-type"], "application/json");
            }
            None => assert!(request.body().is_empty(), "{}", example.page),
        }
    }
    println!(
        "rebuilt {} request examples from docs-input",
        examples.len()
    );
    assert_eq!(
        examples.len(),
        6,
        "one request example per docs-input api page, two on the outcome update"
    );
}

#[test]
fn ids_are_percent_encoded_as_one_path_segment() {
    let cases = [
        ("plain-id_1.2~3", "plain-id_1.2~3"),
        ("a/b", "a%2Fb"),
        ("a?b", "a%3Fb"),
        ("a#b", "a%23b"),
        ("100%", "100%25"),
        ("%2F", "%252F"),
        ("a+b", "a%2Bb"),
        ("a&b", "a%26b"),
        ("o'brien", "o%27brien"),
        ("a=b", "a%3Db"),
        ("a b", "a%20b"),
        ("user@contoso.com", "user%40contoso.com"),
        ("é", "%C3%A9"),
        ("日本", "%E6%97%A5%E6%9C%AC"),
        ("👍", "%F0%9F%91%8D"),
        ("{x}", "%7Bx%7D"),
    ];
    for (id, encoded) in cases {
        let request = HostSecurityProfileGet::new(id)
            .to_request(GRAPH_V1)
            .unwrap();
        assert_eq!(
            request.uri().to_string(),
            format!("https://graph.microsoft.com/v1.0/Security/hostSecurityProfiles/{encoded}"),
            "id {id:?}"
        );
    }
}

#[test]
fn query_values_are_encoded_and_option_names_keep_their_dollar() {
    let base = "https://graph.microsoft.com/beta/Security/hostSecurityProfiles";
    let cases = [
        ("startswith(fqdn,'a b')", "startswith(fqdn,'a%20b')"),
        ("a&b=c", "a%26b%3Dc"),
        ("x+y#z%", "x%2By%23z%25"),
        ("why?", "why%3F"),
        ("o''brien eq 'é'", "o''brien%20eq%20'%C3%A9'"),
        (
            "riskScore eq '日本'",
            "riskScore%20eq%20'%E6%97%A5%E6%9C%AC'",
        ),
    ];
    for (filter, encoded) in cases {
        let request = SecurityListHostSecurityProfiles::new()
            .filter(filter)
            .to_request(GRAPH_BETA)
            .unwrap();
        assert_eq!(
            request.uri().to_string(),
            format!("{base}?$filter={encoded}"),
            "filter {filter:?}"
        );
    }
    let request = SecurityListHostSecurityProfiles::new()
        .select(["fqdn", "riskScore"])
        .orderby(["fqdn desc"])
        .top(5)
        .filter("isAzureAdJoined eq true")
        .query_param("$skiptoken", "a+b/c")
        .to_request(GRAPH_BETA)
        .unwrap();
    assert_eq!(
        request.uri().to_string(),
        format!(
            "{base}?$filter=isAzureAdJoined%20eq%20true&$orderby=fqdn%20desc\
             &$select=fqdn,riskScore&$top=5&$skiptoken=a%2Bb/c"
        )
    );
}

#[test]
fn requests_build_against_any_base_url() {
    for (base, expected) in [
        (
            GRAPH_V1,
            "https://graph.microsoft.com/v1.0/Security/hostSecurityProfiles/x",
        ),
        (
            GRAPH_BETA,
            "https://graph.microsoft.com/beta/Security/hostSecurityProfiles/x",
        ),
        (
            "https://graph.microsoft.us/v1.0/",
            "https://graph.microsoft.us/v1.0/Security/hostSecurityProfiles/x",
        ),
        (
            "https://microsoftgraph.chinacloudapi.cn/beta",
            "https://microsoftgraph.chinacloudapi.cn/beta/Security/hostSecurityProfiles/x",
        ),
    ] {
        let request = HostSecurityProfileDelete::new("x")
            .to_request(base)
            .unwrap();
        assert_eq!(request.uri().to_string(), expected);
        assert_eq!(request.method(), http::Method::DELETE);
    }
    // A base URL that is no URL is an error, not a panic.
    assert!(
        HostSecurityProfileDelete::new("x")
            .to_request("not a url")
            .is_err()
    );
}

fn response(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (k, v) in headers {
        builder = builder.header(*k, *v);
    }
    builder.body(body.as_bytes().to_vec()).unwrap()
}

#[test]
fn responses_parse_into_the_documented_types() {
    assert_eq!(HostSecurityProfileDelete::SUCCESS_STATUS, 204);
    assert_eq!(HostSecurityProfileGet::SUCCESS_STATUS, 200);
    HostSecurityProfileDelete::parse_response(response(204, &[], "")).unwrap();

    let profile = HostSecurityProfileGet::parse_response(response(
        200,
        &[],
        r#"{"fqdn": "h.contoso.com", "isAzureAdJoined": true}"#,
    ))
    .unwrap();
    assert_eq!(profile.fqdn.as_deref(), Some("h.contoso.com"));

    let page: Page<HostSecurityProfile> =
        SecurityListHostSecurityProfiles::parse_response(response(
            200,
            &[],
            r#"{"@odata.context": "ctx", "@odata.count": 3,
            "@odata.nextLink": "https://graph.microsoft.com/beta/x?$skiptoken=2",
            "value": [{"fqdn": "a"}, {"fqdn": "b"}]}"#,
        ))
        .unwrap();
    assert_eq!(page.value.len(), 2);
    assert_eq!(page.count, Some(3));
    assert_eq!(page.delta_link, None);
    assert_eq!(page.additional_properties["@odata.context"], "ctx");
    let next = page.next_request().unwrap().unwrap();
    assert_eq!(next.method(), http::Method::GET);
    assert_eq!(
        next.uri().to_string(),
        "https://graph.microsoft.com/beta/x?$skiptoken=2"
    );

    let last: Page<HostSecurityProfile> = SecurityListHostSecurityProfiles::parse_response(response(
        200,
        &[],
        r#"{"@odata.deltaLink": "https://graph.microsoft.com/beta/x?$deltatoken=9", "value": []}"#,
    ))
    .unwrap();
    assert!(last.next_request().is_none());
    assert_eq!(
        last.delta_link.as_deref(),
        Some("https://graph.microsoft.com/beta/x?$deltatoken=9")
    );

    assert_eq!(
        support::parse_bytes(response(200, &[], "\u{0}raw")).unwrap(),
        b"\0raw"
    );
    assert_eq!(
        support::parse_value(response(200, &[], "")).unwrap(),
        serde_json::Value::Null
    );
}

#[test]
fn graph_error_bodies_give_status_code_message_request_id_and_date() {
    let body = r#"{"error": {"code": "Request_ResourceNotFound",
        "message": "Resource 'x' does not exist.",
        "innerError": {"request-id": "rid-1", "client-request-id": "crid-1",
                       "date": "2020-05-18T10:00:00"}}}"#;
    let error = HostSecurityProfileGet::parse_response(response(404, &[], body)).unwrap_err();
    assert_eq!(error.status(), 404);
    assert_eq!(error.code(), Some("Request_ResourceNotFound"));
    assert_eq!(error.message(), Some("Resource 'x' does not exist."));
    assert_eq!(error.request_id(), Some("rid-1"));
    assert_eq!(error.client_request_id(), Some("crid-1"));
    assert_eq!(error.date(), Some("2020-05-18T10:00:00"));
    assert_eq!(error.body(), body.as_bytes());
    let shown = error.to_string();
    for part in [
        "404",
        "Request_ResourceNotFound",
        "Resource 'x' does not exist.",
        "request-id rid-1",
        "client-request-id crid-1",
        "date 2020-05-18T10:00:00",
        "innerError",
    ] {
        assert!(shown.contains(part), "{part:?} missing from {shown}");
    }

    // Not JSON: the headers still give the ids, the body is kept.
    let error = HostSecurityProfileDelete::parse_response(response(
        502,
        &[
            ("request-id", "rid-2"),
            ("date", "Mon, 18 May 2020 10:00:00 GMT"),
        ],
        "<html>Bad gateway</html>",
    ))
    .unwrap_err();
    assert_eq!((error.status(), error.code()), (502, None));
    assert_eq!(error.request_id(), Some("rid-2"));
    assert_eq!(error.date(), Some("Mon, 18 May 2020 10:00:00 GMT"));
    assert!(error.to_string().contains("<html>Bad gateway</html>"));

    // A long body is cut in the message, on a character boundary, and kept whole.
    let long = "é".repeat(5000);
    let error = GraphError::from_parts(500, &http::HeaderMap::new(), long.clone().into_bytes());
    assert!(error.to_string().ends_with("..."));
    assert!(error.to_string().len() < 4200);
    assert_eq!(error.body().len(), long.len());
}

#[test]
fn a_success_that_is_not_the_documented_type_is_a_decode_error() {
    let error = HostSecurityProfileGet::parse_response(response(
        200,
        &[("request-id", "rid-3")],
        "not json",
    ))
    .unwrap_err();
    assert_eq!(error.status(), 200);
    assert!(error.decode_error().is_some());
    assert_eq!(error.request_id(), Some("rid-3"));
    assert!(error.to_string().contains("not the documented type"));
    assert!(error.to_string().contains("not json"));
}
