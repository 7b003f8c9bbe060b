//! A response of one value (`{"value": 42}`: a function returning an Int32, or an enum's member)
//! is tested like a struct's: its example is read strictly as the request reads it,
//! `support::Single` of the primitive or enum, so a value of the wrong JSON type, or a key beside
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

const PAGES: [(&str, &str, &str, &str, &str, &str); 6] = [
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

fn write_pages(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
    let enum_page = dir.join("resources/devicestate.md");
    std::fs::create_dir_all(enum_page.parent().unwrap()).unwrap();
    std::fs::write(enum_page, DEVICE_STATE).unwrap();
    for (file, title, path, edm, annotation, json) in PAGES {
        let page = dir.join(file);
        std::fs::create_dir_all(page.parent().unwrap()).unwrap();
        std::fs::write(page, function_page(title, path, edm, annotation, json)).unwrap();
    }
}

/// The page line that holds `text`, 1-based.
fn line_of(file: &str, text: &str) -> usize {
    let (_, title, path, edm, annotation, json) = PAGES.iter().find(|p| p.0 == file).unwrap();
    let page = function_page(title, path, edm, annotation, json);
    page.lines().position(|l| l.contains(text)).unwrap() + 1
}

#[test]
fn a_response_example_of_one_value_is_read_as_the_requests_single_value() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("single-value-responses");
    write_pages(&dir);
    let analyzed = docgen::Builder::new().input(&dir).analyze().unwrap();
    let responses: Vec<(&str, &str)> = analyzed
        .schema
        .examples
        .iter()
        .filter(|e| e.role == docgen::schema::ExampleRole::Response)
        .map(|e| (e.name.as_str(), e.ty.as_str()))
        .collect();
    // Each response example, typed by what its operation returns; not the Int64 one, whose
    // request reads any JSON.
    assert_eq!(
        responses,
        [
            ("response_chart_count", "Int32"),
            ("response_device_getState", "microsoft.graph.deviceState"),
            ("response_device_isManaged", "Boolean"),
            ("response_device_isReady", "Boolean"),
            ("response_synchronization_ping", "String"),
        ]
    );

    // The placeholder is the page's error, reported at its line.
    let placeholders: Vec<String> = analyzed
        .diagnostics
        .iter()
        .filter(|d| d.code == docgen::diag::Code::ExamplePlaceholder)
        .map(|d| format!("{}:{}", d.file, d.line))
        .collect();
    let managed = "api/device-ismanaged.md";
    assert_eq!(
        placeholders,
        [format!(
            "{managed}:{}",
            line_of(managed, "\"value\": \"true\"")
        )]
    );

    let generated = docgen::Builder::new()
        .input(&dir)
        .example_tests(true)
        .run()
        .unwrap();
    let examples = support::generated_file(&generated, "examples.rs");
    // prettyplease breaks the turbofish over lines, with a trailing comma.
    let compact = examples
        .split_whitespace()
        .collect::<String>()
        .replace(",>", ">");
    let reads = [
        "<i32>",
        "<bool>",
        "<::std::string::String>",
        "<super::models::DeviceState>",
    ];
    for read in reads {
        assert!(
            compact.contains(&format!("testing::round_trip_single::{read}(")),
            "{read}: {examples}"
        );
    }
    assert!(!examples.contains("fn response_device_size("), "{examples}");
    // The request reads what its test reads.
    let state = support::generated_file(&generated, "requests/device_get_state.rs");
    assert!(
        state.contains("type Response = super::support::Single<super::models::DeviceState>;"),
        "{state}"
    );
    let output = support::test_generated_crate("single-value-responses", &generated.files);
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
            format!("[deserialize] {ready}:{}", line_of(ready, "\"value\": 1")),
        ),
        (
            "response_synchronization_ping",
            format!(
                "[undocumented] {ping}:{}",
                line_of(ping, "\"value\": \"Ping value\"") - 1
            ),
        ),
    ];
    support::assert_example_outcomes(&output, &pass, &fail);
}
