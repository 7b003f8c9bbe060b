//! A response of one value (`{"value": 42}`: a function returning an Int32, or an enum's member)
//! or of a collection of them (`{"value": ["a", "b"]}`: a String collection) is tested like a
//! struct's: its example is read strictly as the request reads it, `support::Single` or
//! `support::Page` of the primitive or enum, so a value of the wrong JSON type, or a key beside
//! it that is no OData annotation, fails with its cause and page line.

use std::path::Path;

mod support;

/// A function page: its syntax, its Response section naming `edm`, and one request and response
/// example (`annotation`: the response block's `@odata.type`, if any).
fn function_page(title: &str, path: &str, edm: &str, annotation: &str, json: &str) -> String {
    let name = title.replace(' ', "_");
    let odata_type = match annotation {
        "" => String::new(),
        t => format!(", \"@odata.type\": \"{t}\""),
    };
    format!(
        "---\ntitle: \"{title}\"\ndoc_type: apiPageType\n---\n# {title}\n\nNamespace: microsoft.graph\n\n\
{title}.\n\n## HTTP request\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\nGET {path}\n```\n\n\
## Response\n\nIf successful, this function returns a `200 OK` response code and a {edm} in the response body.\n\n\
## Examples\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"{name}\" }} -->\n```http\n\
GET https://graph.microsoft.com/v1.0{path}\n```\n\n\
<!-- {{ \"blockType\": \"response\", \"name\": \"{name}\"{odata_type} }} -->\n```http\n\
HTTP/1.1 200 OK\nContent-Type: application/json\n\n{json}\n```\n"
    )
}

/// A function page's file, title, path, Edm type as the Response section names it, annotation
/// and response JSON.
type Page = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const PAGES: [Page; 6] = [
    // (file, title, path, Edm type, annotation, response JSON)
    (
        "api/workbookchart-count.md",
        "chart count",
        "/me/drive/items/{id}/workbook/worksheets/{id}/charts/count",
        "Int32",
        "edm.int32",
        "{\n  \"@odata.context\": \"https://graph.microsoft.com/v1.0/$metadata#Edm.Int32\",\n  \"value\": 5\n}",
    ),
    // A number where a Boolean belongs.
    (
        "api/device-isready.md",
        "device isReady",
        "/device/isReady",
        "Boolean",
        "",
        "{\n  \"@odata.context\": \"https://graph.microsoft.com/v1.0/$metadata#Edm.Boolean\",\n  \"value\": 1\n}",
    ),
    // A doc placeholder (`"true"` in a Boolean), reported: the test reads `true` in its place.
    (
        "api/device-ismanaged.md",
        "device isManaged",
        "/device/isManaged",
        "Boolean",
        "",
        "{\n  \"value\": \"true\"\n}",
    ),
    // A key beside the value that no response of one value has.
    (
        "api/synchronization-ping.md",
        "synchronization ping",
        "/synchronization/ping",
        "String",
        "Edm.String",
        "{\n  \"value\": \"Ping value\",\n  \"status\": \"ok\"\n}",
    ),
    // An enum's member, named by the annotation.
    (
        "api/device-getstate.md",
        "device getState",
        "/device/getState",
        "deviceState",
        "microsoft.graph.deviceState",
        "{\n  \"value\": \"busy\"\n}",
    ),
    // Int64 may come as a string: its request reads any JSON, which no test could hold.
    (
        "api/device-size.md",
        "device size",
        "/device/size",
        "Int64",
        "",
        "{\n  \"value\": 42\n}",
    ),
];

/// The enum `device-getstate.md` returns.
const DEVICE_STATE: &str = "---\ntitle: \"deviceState enum type\"\ndoc_type: enumPageType\n---\n\n\
# deviceState enum type\n\nNamespace: microsoft.graph\n\n## Members\n|Member|Value|Description|\n\
|:---|:---|:---|\n|ready|0|Ready.|\n|busy|1|Busy.|\n";

/// Functions returning a collection of values.
const COLLECTION_PAGES: [Page; 7] = [
    (
        "api/user-getmembergroups.md",
        "user getMemberGroups",
        "/me/getMemberGroups",
        "String collection",
        "Collection(Edm.String)",
        "{\n  \"@odata.context\": \"https://graph.microsoft.com/v1.0/$metadata#Collection(Edm.String)\",\n  \"value\": [\n    \"fee2c45b-915a-4a64-b130-f4eb9e75525e\",\n    \"4fe90ae7-065a-478b-9400-e0a0e1cbd540\"\n  ]\n}",
    ),
    (
        "api/device-getports.md",
        "device getPorts",
        "/device/getPorts",
        "Int32 collection",
        "",
        "{\n  \"value\": [\n    80,\n    443\n  ]\n}",
    ),
    // A doc placeholder (`"true"` in Booleans), reported: the test reads `true` in its place.
    (
        "api/device-getflags.md",
        "device getFlags",
        "/device/getFlags",
        "Boolean collection",
        "",
        "{\n  \"value\": [\n    false,\n    \"true\"\n  ]\n}",
    ),
    // A string where an Int32 belongs.
    (
        "api/device-getchannels.md",
        "device getChannels",
        "/device/getChannels",
        "Int32 collection",
        "",
        "{\n  \"value\": [\n    1,\n    \"6\"\n  ]\n}",
    ),
    // A key beside the items that no page has.
    (
        "api/device-getnames.md",
        "device getNames",
        "/device/getNames",
        "String collection",
        "",
        "{\n  \"value\": [\n    \"primary\"\n  ],\n  \"total\": 1\n}",
    ),
    // An enum's members.
    (
        "api/device-getstates.md",
        "device getStates",
        "/device/getStates",
        "deviceState collection",
        "Collection(microsoft.graph.deviceState)",
        "{\n  \"value\": [\n    \"ready\",\n    \"busy\"\n  ]\n}",
    ),
    // Int64 may come as a string: its request reads any JSON, which no test could hold.
    (
        "api/device-getsizes.md",
        "device getSizes",
        "/device/getSizes",
        "Int64 collection",
        "",
        "{\n  \"value\": [\n    42\n  ]\n}",
    ),
];

/// Writes `pages` and the enum page under `dir`.
fn write_pages(dir: &Path, pages: &[Page]) {
    let _ = std::fs::remove_dir_all(dir);
    let enum_page = dir.join("resources/devicestate.md");
    std::fs::create_dir_all(enum_page.parent().unwrap()).unwrap();
    std::fs::write(enum_page, DEVICE_STATE).unwrap();
    for (file, title, path, edm, annotation, json) in pages {
        let page = dir.join(file);
        std::fs::create_dir_all(page.parent().unwrap()).unwrap();
        std::fs::write(page, function_page(title, path, edm, annotation, json)).unwrap();
    }
}

/// The line of `file` (one of `pages`) that holds `text`, 1-based.
fn line_of(pages: &[Page], file: &str, text: &str) -> usize {
    let (_, title, path, edm, annotation, json) = pages.iter().find(|p| p.0 == file).unwrap();
    let page = function_page(title, path, edm, annotation, json);
    page.lines().position(|l| l.contains(text)).unwrap() + 1
}

/// The response examples of the pages in `dir`, by name and the type they are read as.
fn response_examples(analyzed: &docgen::Generated) -> Vec<(&str, &str, bool)> {
    analyzed
        .schema
        .examples
        .iter()
        .filter(|e| e.role == docgen::schema::ExampleRole::Response)
        .map(|e| (e.name.as_str(), e.ty.as_str(), e.collection))
        .collect()
}

/// Where the doc placeholders of `analyzed`'s examples were reported (`file:line`).
fn placeholders(analyzed: &docgen::Generated) -> Vec<String> {
    analyzed
        .diagnostics
        .iter()
        .filter(|d| d.code == docgen::diag::Code::ExamplePlaceholder)
        .map(|d| format!("{}:{}", d.file, d.line))
        .collect()
}

/// Generates the pages in `dir` with example tests and holds the output to what its tests and
/// requests read: a `testing::{check}::<T>` test for each `T` of `reads`, no `untested` one, and
/// each request file's `type Response` of `responses`. Returns the generated crate's test output.
fn generate_and_test(
    dir: &Path,
    name: &str,
    check: &str,
    reads: &[&str],
    untested: &str,
    responses: &[(&str, &str)],
) -> String {
    let generated = docgen::Builder::new()
        .input(dir)
        .example_tests(true)
        .run()
        .unwrap();
    let examples = support::generated_file(&generated, "examples.rs");
    // prettyplease breaks the turbofish over lines, with a trailing comma.
    let compact = examples
        .split_whitespace()
        .collect::<String>()
        .replace(",>", ">");
    for read in reads {
        assert!(
            compact.contains(&format!("testing::{check}::{read}(")),
            "{read}: {examples}"
        );
    }
    assert!(!examples.contains(untested), "{examples}");
    for (file, response) in responses {
        let request = support::generated_file(&generated, &format!("requests/{file}.rs"));
        assert!(
            request.contains(&format!("type Response = {response};")),
            "{file}: {request}"
        );
    }
    support::test_generated_crate(name, &generated.files)
}

#[test]
fn a_response_example_of_one_value_is_read_as_the_requests_single_value() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("single-value-responses");
    write_pages(&dir, &PAGES);
    let analyzed = docgen::Builder::new().input(&dir).analyze().unwrap();
    // Each response example, typed by what its operation returns; not the Int64 one, whose
    // request reads any JSON.
    assert_eq!(
        response_examples(&analyzed),
        [
            ("response_chart_count", "Int32", false),
            (
                "response_device_getState",
                "microsoft.graph.deviceState",
                false
            ),
            ("response_device_isManaged", "Boolean", false),
            ("response_device_isReady", "Boolean", false),
            ("response_synchronization_ping", "String", false),
        ]
    );

    // The placeholder is the page's error, reported at its line.
    let managed = "api/device-ismanaged.md";
    assert_eq!(
        placeholders(&analyzed),
        [format!(
            "{managed}:{}",
            line_of(&PAGES, managed, "\"value\": \"true\"")
        )]
    );

    let output = generate_and_test(
        &dir,
        "single-value-responses",
        "round_trip_single",
        &[
            "<i32>",
            "<bool>",
            "<::std::string::String>",
            "<super::models::DeviceState>",
        ],
        "fn response_device_size(",
        &[(
            "device_get_state",
            "super::support::Single<super::models::DeviceState>",
        )],
    );
    let pass = [
        "response_chart_count",
        "response_device_is_managed",
        "response_device_get_state",
    ];
    // A value of the wrong type fails at its line; a key beside it at the example's first.
    let ready = "api/device-isready.md";
    let ping = "api/synchronization-ping.md";
    let fail = [
        (
            "response_device_is_ready",
            format!(
                "[deserialize] {ready}:{}",
                line_of(&PAGES, ready, "\"value\": 1")
            ),
        ),
        (
            "response_synchronization_ping",
            format!(
                "[undocumented] {ping}:{}",
                line_of(&PAGES, ping, "\"value\": \"Ping value\"") - 1
            ),
        ),
    ];
    support::assert_example_outcomes(&output, &pass, &fail);
}

#[test]
fn a_response_example_of_a_collection_of_values_is_read_as_the_requests_page() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("value-page-responses");
    write_pages(&dir, &COLLECTION_PAGES);
    let analyzed = docgen::Builder::new().input(&dir).analyze().unwrap();
    // Each response example, a collection of what its operation returns; not the Int64 one,
    // whose request reads any JSON.
    assert_eq!(
        response_examples(&analyzed),
        [
            ("response_device_getChannels", "Int32", true),
            ("response_device_getFlags", "Boolean", true),
            ("response_device_getNames", "String", true),
            ("response_device_getPorts", "Int32", true),
            (
                "response_device_getStates",
                "microsoft.graph.deviceState",
                true
            ),
            ("response_user_getMemberGroups", "String", true),
        ]
    );

    let flags = "api/device-getflags.md";
    assert_eq!(
        placeholders(&analyzed),
        [format!(
            "{flags}:{}",
            line_of(&COLLECTION_PAGES, flags, "\"true\"")
        )]
    );

    // The request reads what its test reads; one of Int64s any JSON, as one Int64.
    let output = generate_and_test(
        &dir,
        "value-page-responses",
        "round_trip_page",
        &[
            "<i32>",
            "<bool>",
            "<::std::string::String>",
            "<super::models::DeviceState>",
        ],
        "fn response_device_get_sizes(",
        &[
            ("device_get_ports", "super::support::Page<i32>"),
            (
                "device_get_states",
                "super::support::Page<super::models::DeviceState>",
            ),
            ("device_get_sizes", "super::support::serde_json::Value"),
        ],
    );
    let pass = [
        "response_user_get_member_groups",
        "response_device_get_ports",
        "response_device_get_states",
        "response_device_get_flags",
    ];
    // An item of the wrong type fails at its line; a key beside the items at the example's
    // first.
    let channels = "api/device-getchannels.md";
    let names = "api/device-getnames.md";
    let fail = [
        (
            "response_device_get_channels",
            format!(
                "[deserialize] {channels}:{}",
                line_of(&COLLECTION_PAGES, channels, "\"6\"")
            ),
        ),
        (
            "response_device_get_names",
            format!(
                "[undocumented] {names}:{}",
                line_of(&COLLECTION_PAGES, names, "\"value\": [") - 1
            ),
        ),
    ];
    support::assert_example_outcomes(&output, &pass, &fail);
}
