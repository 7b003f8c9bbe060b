//! The request trait's provided methods on a hand-written request, as generated ones are:
//! the URI from base URL, path and query (typed options by name, then extra pairs in order),
//! headers, the body with its content type, and reading by the `Read` kind.

use docgen_runtime::{
    Body, BodyResult, GraphRequest, Page, ReadBytes, ReadEmpty, ReadJson, ReadValue, RequestParts,
    ReturnRepresentation, Retyped, Single, encode_segment, http,
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
struct Widget {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
struct WidgetUpdate {
    parts: RequestParts,
    body: Widget,
}

impl WidgetUpdate {
    fn new(id: &str, body: Widget) -> Self {
        let path = format!("/widgets/{}", encode_segment(id));
        Self {
            parts: path.into(),
            body,
        }
    }
    fn select(self, items: impl IntoIterator<Item = impl Into<String>>) -> Self {
        GraphRequest::with_list(self, "$select", items)
    }
    fn top(self, value: u32) -> Self {
        GraphRequest::with_option(self, "$top", value)
    }
    fn prefer(self, value: impl Into<String>) -> Self {
        GraphRequest::with_header(self, "Prefer", value)
    }
}

impl GraphRequest for WidgetUpdate {
    type Response = Widget;
    type Read = ReadJson;
    const METHOD: http::Method = http::Method::PATCH;
    // What Graph's updates answer without `Prefer: return=representation`.
    const SUCCESS_STATUS: u16 = 204;
    fn parts(&self) -> &RequestParts {
        &self.parts
    }
    fn parts_mut(&mut self) -> &mut RequestParts {
        &mut self.parts
    }
    fn body(&self) -> BodyResult {
        Body::json(&self.body)
    }
}

fn response(status: u16, body: &str) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(status)
        .body(body.as_bytes().to_vec())
        .unwrap()
}

#[test]
fn to_request_joins_base_path_options_by_name_then_extra_pairs_in_order() {
    let body = Widget {
        name: Some("a".into()),
    };
    let request = WidgetUpdate::new("a/b c", body)
        .query_param("z", "1")
        .top(5)
        .select(["name", "id"])
        .top(7)
        .query_param("a", "x&y")
        .prefer("outlook.timezone=\"UTC\"");
    let sent = request
        .to_request("https://graph.microsoft.com/v1.0/")
        .unwrap();
    assert_eq!(sent.method(), http::Method::PATCH);
    assert_eq!(
        sent.uri().to_string(),
        "https://graph.microsoft.com/v1.0/widgets/a%2Fb%20c?$select=name,id&$top=7&z=1&a=x%26y"
    );
    assert_eq!(sent.headers()["content-type"], "application/json");
    assert_eq!(sent.headers()["prefer"], "outlook.timezone=\"UTC\"");
    assert_eq!(sent.body(), br#"{"name":"a"}"#);
    // An empty list removes the option.
    let none = request.select(Vec::<String>::new());
    assert_eq!(
        none.parts().query().collect::<Vec<_>>(),
        [("$top", "7"), ("z", "1"), ("a", "x&y")]
    );
}

#[test]
fn a_header_value_http_refuses_is_a_request_error_not_a_panic() {
    let request = WidgetUpdate::new("1", Widget::default()).prefer("a\nb");
    let err = request.to_request("https://x").unwrap_err();
    assert!(err.to_string().contains("HTTP request"), "{err}");
}

#[test]
fn responses_are_read_by_the_read_kind() {
    let widget = WidgetUpdate::parse_response(response(200, r#"{"name":"w"}"#)).unwrap();
    assert_eq!(widget.name.as_deref(), Some("w"));
    let err = WidgetUpdate::parse_response(response(404, r#"{"error":{"code":"NotFound"}}"#))
        .unwrap_err();
    assert_eq!((err.status(), err.code()), (404, Some("NotFound")));
    let bad = WidgetUpdate::parse_response(response(200, r#"{"name":1}"#)).unwrap_err();
    assert!(bad.decode_error().is_some(), "{bad}");

    use docgen_runtime::ReadResponse;
    assert_eq!(
        <ReadValue as ReadResponse<_>>::read(response(200, "")).unwrap(),
        serde_json::Value::Null
    );
    assert_eq!(
        <ReadBytes as ReadResponse<_>>::read(response(200, "raw")).unwrap(),
        b"raw"
    );
    <ReadEmpty as ReadResponse<()>>::read(response(204, "")).unwrap();
    // One primitive, as a function returns it: the value, its context kept beside it.
    let single: Single<String> = <ReadJson as ReadResponse<_>>::read(response(
        200,
        r#"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#Edm.String","value":"Ping"}"#,
    ))
    .unwrap();
    assert_eq!(single.value, "Ping");
    assert_eq!(
        serde_json::to_value(&single).unwrap(),
        serde_json::json!({
            "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#Edm.String",
            "value": "Ping"
        })
    );
    let not_a_bool =
        <ReadJson as ReadResponse<Single<bool>>>::read(response(200, r#"{"value":"yes"}"#));
    assert!(not_a_bool.unwrap_err().decode_error().is_some());
}

#[test]
fn wrappers_send_the_same_request_and_read_their_own_type() {
    let request = WidgetUpdate::new("1", Widget::default());
    let plain = request.to_request("https://x").unwrap();
    let retyped: Retyped<_, Page<Widget>> = Retyped::new(request.clone());
    let sent = retyped.to_request("https://x").unwrap();
    assert_eq!(
        (sent.uri(), sent.body(), sent.headers()),
        (plain.uri(), plain.body(), plain.headers())
    );
    let page = Retyped::<WidgetUpdate, Page<Widget>>::parse_response(response(
        200,
        r#"{"value":[{"name":"w"}]}"#,
    ))
    .unwrap();
    assert_eq!(page.value.len(), 1);
    // A cast keeps the wrapped request's status; the wrapper says which it is.
    assert_eq!(Retyped::<WidgetUpdate, Page<Widget>>::SUCCESS_STATUS, 204);
    assert!(format!("{retyped:?}").starts_with("Retyped {"));

    let represented: ReturnRepresentation<_, Widget> =
        ReturnRepresentation::new(request.prefer("outlook.timezone=\"UTC\""));
    let sent = represented.to_request("https://x").unwrap();
    let prefer: Vec<_> = sent.headers().get_all("prefer").iter().collect();
    assert_eq!(prefer.len(), 2, "{prefer:?}");
    assert_eq!(prefer[1], "return=representation");
    assert_eq!(
        ReturnRepresentation::<WidgetUpdate, Widget>::SUCCESS_STATUS,
        200
    );
    assert!(format!("{represented:?}").starts_with("ReturnRepresentation {"));
}
