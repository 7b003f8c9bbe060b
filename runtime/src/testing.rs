//! The example tests' harness (public for generated crates' tests; not an API): an example
//! from the pages is read into its generated type, checked for documented keys left in the
//! catch-all map, written back and compared with the original JSON. Doc placeholders
//! (`"String (timestamp)"` in a date) never reach it: docgen reports them and puts a value of
//! the documented type in their place.

/// A collection response: `{"value": [...]}` beside `@odata.*` annotations.
#[derive(::serde::Serialize, ::serde::Deserialize)]
struct Collection<T> {
    value: ::std::vec::Vec<T>,
    #[serde(flatten)]
    rest: ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>,
}

/// Round-trips one example through `T`; panics with the cause. `source` is the page and line
/// where the JSON starts; `exact` says `json` is the page's own text, line for line.
pub fn round_trip<T>(source: &str, exact: bool, json: &str)
where
    T: super::Model + ::serde::Serialize + ::serde::de::DeserializeOwned,
{
    let value: T = read(source, exact, json);
    check_catch_all(source, &value);
    compare(source, json, &value);
}

/// Round-trips a collection response whose items are `T`.
pub fn round_trip_collection<T>(source: &str, exact: bool, json: &str)
where
    T: super::Model + ::serde::Serialize + ::serde::de::DeserializeOwned,
{
    let value: Collection<T> = read(source, exact, json);
    for item in &value.value {
        check_catch_all(source, item);
    }
    compare(source, json, &value);
}

/// Round-trips a response of one primitive (`{"value": 42}`) as its request reads it, a
/// [`Single<T>`](super::Single): the value must be a `T`, and nothing but OData annotations may
/// stand beside it (`[undocumented]` otherwise).
pub fn round_trip_single<T>(source: &str, exact: bool, json: &str)
where
    T: ::serde::Serialize + ::serde::de::DeserializeOwned,
{
    let value: super::Single<T> = read(source, exact, json);
    check_annotations_only(
        source,
        &value.additional_properties,
        "a response of one value",
    );
    compare(source, json, &value);
}

/// Round-trips a response of primitives or enum members (`{"value": ["a", "b"]}`) as its request
/// reads it, a [`Page<T>`](super::Page): each item must be a `T`, and nothing but OData
/// annotations may stand beside `value` (`[undocumented]` otherwise).
pub fn round_trip_page<T>(source: &str, exact: bool, json: &str)
where
    T: ::serde::Serialize + ::serde::de::DeserializeOwned,
{
    let value: super::Page<T> = read(source, exact, json);
    check_annotations_only(source, &value.additional_properties, "a page of values");
    compare(source, json, &value);
}

/// Fails `[undocumented]` where a key beside the `value` of `what` (a response of values) is no
/// OData annotation.
fn check_annotations_only(
    source: &str,
    beside: &::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>,
    what: &str,
) {
    if let ::std::option::Option::Some(key) = beside.keys().find(|key| !is_annotation(key)) {
        panic!(
            "[undocumented] {source}: `{key}` is no part of {what}: it fell into the catch-all map"
        );
    }
}

fn read<T: ::serde::de::DeserializeOwned>(source: &str, exact: bool, json: &str) -> T {
    match ::serde_json::from_str(json) {
        ::std::result::Result::Ok(value) => value,
        ::std::result::Result::Err(e) => {
            let line = json
                .lines()
                .nth(e.line().saturating_sub(1))
                .unwrap_or("")
                .trim();
            // serde_json's message ends with its own position in `json`; the page's is ours.
            let message = e.to_string();
            let message = message
                .rsplit_once(" at line ")
                .map_or(message.as_str(), |(m, _)| m);
            let at = locate(source, exact, e.line());
            // The line is where serde_json stopped (the end of a flattened object); the path
            // is the value's own place.
            match super::error_path::<T>(json.as_bytes()) {
                ::std::option::Option::Some(path) => {
                    panic!("[deserialize] {at}: {message} at {path}: `{line}`")
                }
                ::std::option::Option::None => panic!("[deserialize] {at}: {message}: `{line}`"),
            }
        }
    }
}

/// `page:line` of line `json_line` (1-based) of an example that starts at `source`.
fn locate(source: &str, exact: bool, json_line: usize) -> ::std::string::String {
    match source.rsplit_once(':') {
        ::std::option::Option::Some((page, first)) if exact => match first.parse::<usize>() {
            ::std::result::Result::Ok(first) => format!("{page}:{}", first + json_line.max(1) - 1),
            ::std::result::Result::Err(_) => source.to_owned(),
        },
        _ => format!("{source} (line {json_line} of the example as re-printed)"),
    }
}

/// Fails when a key of `value`, or of a model nested in it at any depth, fell into a catch-all
/// map: `[catch-all]` where a documented property has that name in other case, `[undocumented]`
/// for any other key that is not an OData annotation (nor a dynamic property of an open type).
fn check_catch_all(source: &str, value: &dyn super::Model) {
    check_catch_all_at(source, value, 0);
}

fn check_catch_all_at(source: &str, value: &dyn super::Model, depth: usize) {
    let documented = value.properties();
    let nested = if depth > 0 { " of a nested object" } else { "" };
    for (key, member) in value.additional_properties() {
        // A documented member set to `null`, spelled as documented: an update body's nested
        // clear, which only `KeepNulls` puts here (a model read elsewhere takes a documented
        // key's `null` into its field).
        if member.is_null() && documented.contains(&key) {
            continue;
        }
        if let ::std::option::Option::Some(property) =
            documented.iter().find(|p| p.eq_ignore_ascii_case(key))
        {
            panic!(
                "[catch-all] {source}: `{key}` fell into the catch-all map{nested}, though `{property}` is documented"
            );
        }
        if !is_annotation(key) && !value.is_open() {
            panic!(
                "[undocumented] {source}: `{key}`{nested} is no documented property: it fell into the catch-all map"
            );
        }
    }
    value.nested_models(&mut |model| check_catch_all_at(source, model, depth + 1));
}

/// OData annotations and advertised operations: what a catch-all map may hold in a strict test
/// (`@odata.type`, `owner@odata.bind`, `@microsoft.graph.downloadUrl`, `#microsoft.graph.restore`).
fn is_annotation(key: &str) -> bool {
    key.contains('@') || key.starts_with('#')
}

/// Checks every model `value` holds (a body, an update body, a polymorphic value) as
/// [`round_trip`] does: no key but an annotation in a catch-all map, at any depth.
pub fn check_models(source: &str, value: &dyn super::HoldsModels) {
    value.for_each_model(&mut |model| check_catch_all(source, model));
}

/// Reads a request example's body into the request's body type; panics `[deserialize]` where it
/// does not fit.
pub fn read_body<T: ::serde::de::DeserializeOwned>(source: &str, exact: bool, json: &str) -> T {
    read(source, exact, json)
}

/// A request example that cannot be rebuilt: panics with the cause.
pub fn unbuilt(source: &str, cause: &str, detail: &str) -> ! {
    panic!("[{cause}] {source}: {detail}")
}

/// Rebuilds a request example: `request` must send `method` to `target` (path and query as the
/// page writes them after `base_url`) with `body` (the page's JSON). Path segments compare
/// percent-decoded and without ASCII case, as Graph reads them; query pairs decoded, in any
/// order, option names without case; the body as JSON, where in an update body (`patch`)
/// `null` (clear) and absent (leave alone) differ. Panics `[request-method]`, `[request-path]`,
/// `[request-query]` or `[request-body]`.
pub fn check_request<R: super::GraphRequest>(
    source: &str,
    request: &R,
    base_url: &str,
    method: &str,
    target: &str,
    body: ::std::option::Option<&str>,
    patch: bool,
) {
    let sent = match request.to_request(base_url) {
        ::std::result::Result::Ok(sent) => sent,
        ::std::result::Result::Err(e) => panic!("[request-build] {source}: {e}"),
    };
    if !sent.method().as_str().eq_ignore_ascii_case(method.trim()) {
        panic!(
            "[request-method] {source}: the page sends {method}, the request type {}",
            sent.method()
        );
    }
    let uri = sent.uri().to_string();
    // A page that writes a whole URL the service handed out (an upload session's) is compared
    // with the whole URL sent; any other with what follows the endpoint.
    let whole = super::is_whole_url(target);
    let built = match uri.strip_prefix(base_url.trim_end_matches('/')) {
        ::std::option::Option::Some(rest) if !whole => rest,
        _ => &uri,
    };
    let (built_path, built_query) = built.split_once('?').unwrap_or((built, ""));
    let (page_path, page_query) = target.split_once('?').unwrap_or((target, ""));
    // A function call's arguments compare without the spaces a page puts after commas
    // (`resizedRange(deltaRows=1, deltaColumns=2)`), which URLs do not carry.
    let segments = |path: &str| -> ::std::vec::Vec<::std::string::String> {
        path.split('/')
            .filter(|s| !s.is_empty())
            .map(|s| {
                let s = decode(s).to_ascii_lowercase();
                if s.contains('(') {
                    s.split(',')
                        .map(str::trim)
                        .collect::<::std::vec::Vec<_>>()
                        .join(",")
                } else {
                    s
                }
            })
            .collect()
    };
    if segments(built_path) != segments(page_path.trim()) {
        panic!(
            "[request-path] {source}: the page requests `{page_path}`, the request type `{built_path}`"
        );
    }
    let pairs = |query: &str| {
        let mut pairs: ::std::vec::Vec<(::std::string::String, ::std::string::String)> = query
            .split('&')
            .filter(|p| !p.trim().is_empty())
            .map(|p| {
                let (name, value) = p.split_once('=').unwrap_or((p, ""));
                (
                    decode(name.trim()).to_ascii_lowercase(),
                    decode(value.trim()),
                )
            })
            .collect();
        pairs.sort();
        pairs
    };
    if pairs(built_query) != pairs(page_query) {
        panic!(
            "[request-query] {source}: the page sends `?{page_query}`, the request type `?{built_query}`"
        );
    }
    let sent_body = sent.body();
    let empty = |bytes: &[u8]| {
        let text = ::std::string::String::from_utf8_lossy(bytes);
        let text = text.trim();
        text.is_empty() || text == "{}" || text == "null"
    };
    match body {
        ::std::option::Option::None if empty(sent_body) => {}
        ::std::option::Option::None => panic!(
            "[request-body] {source}: the page sends no body, the request type sends {}",
            ::std::string::String::from_utf8_lossy(sent_body)
        ),
        ::std::option::Option::Some(json) => {
            let page: ::serde_json::Value =
                ::serde_json::from_str(json).expect("the example was read once already");
            let written: ::serde_json::Value = match ::serde_json::from_slice(sent_body) {
                ::std::result::Result::Ok(written) => written,
                ::std::result::Result::Err(_) if sent_body == json.as_bytes() => return,
                ::std::result::Result::Err(e) => {
                    panic!("[request-body] {source}: the request type sends no JSON body: {e}")
                }
            };
            if let ::std::option::Option::Some(difference) = differ_as(&page, &written, "$", patch)
            {
                panic!("[request-body] {source}: {difference}");
            }
        }
    }
}

fn decode(text: &str) -> ::std::string::String {
    ::percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

fn compare<T: ::serde::Serialize>(source: &str, json: &str, value: &T) {
    let original: ::serde_json::Value =
        ::serde_json::from_str(json).expect("the example was read once already");
    let written = match ::serde_json::to_value(value) {
        ::std::result::Result::Ok(written) => written,
        ::std::result::Result::Err(e) => panic!("[serialize] {source}: {e}"),
    };
    if let ::std::option::Option::Some(difference) = differ(&original, &written, "$") {
        panic!("[mismatch] {source}: {difference}");
    }
}

/// Where `a` (read) and `b` (written back) differ, ignoring key order, `null` against an absent
/// key, and equivalent spellings of numbers, date-times, GUIDs and base64.
pub fn differ(
    a: &::serde_json::Value,
    b: &::serde_json::Value,
    path: &str,
) -> ::std::option::Option<::std::string::String> {
    differ_as(a, b, path, false)
}

/// [`differ`], where `nulls` says whether `null` and an absent key differ.
fn differ_as(
    a: &::serde_json::Value,
    b: &::serde_json::Value,
    path: &str,
    nulls: bool,
) -> ::std::option::Option<::std::string::String> {
    use ::serde_json::Value;
    match (a, b) {
        (Value::Object(a), Value::Object(b)) => {
            let keys: ::std::collections::BTreeSet<&::std::string::String> =
                a.keys().chain(b.keys()).collect();
            keys.into_iter().find_map(|key| {
                let path = format!("{path}.{key}");
                match (a.get(key), b.get(key)) {
                    (::std::option::Option::Some(x), ::std::option::Option::Some(y)) => {
                        differ_as(x, y, &path, nulls)
                    }
                    (::std::option::Option::Some(Value::Null), ::std::option::Option::None)
                    | (::std::option::Option::None, ::std::option::Option::Some(Value::Null))
                        if !nulls =>
                    {
                        ::std::option::Option::None
                    }
                    (::std::option::Option::Some(x), ::std::option::Option::None) => {
                        ::std::option::Option::Some(format!("{path}: {x} was lost"))
                    }
                    (_, y) => ::std::option::Option::Some(format!(
                        "{path}: {} appeared",
                        y.unwrap_or(&Value::Null)
                    )),
                }
            })
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (x, y))| differ_as(x, y, &format!("{path}[{i}]"), nulls)),
        _ if a == b || equivalent(a, b) => ::std::option::Option::None,
        _ => ::std::option::Option::Some(format!("{path}: {a} became {b}")),
    }
}

fn equivalent(a: &::serde_json::Value, b: &::serde_json::Value) -> bool {
    use ::serde_json::Value;
    let number = |v: &Value| match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => super::parse_double_text(s),
        _ => ::std::option::Option::None,
    };
    match (a, b) {
        (Value::String(x), Value::String(y)) => {
            let x = x.trim();
            let y = y.trim();
            x == y
                || super::parse_date_time(x)
                    .is_some_and(|t| super::parse_date_time(y) == ::std::option::Option::Some(t))
                || ::uuid::Uuid::parse_str(x).is_ok_and(|u| {
                    ::uuid::Uuid::parse_str(y).ok() == ::std::option::Option::Some(u)
                })
                || (x.contains(',') && {
                    let x: ::std::vec::Vec<&str> = x.split(',').map(str::trim).collect();
                    let y: ::std::vec::Vec<&str> = y.split(',').map(str::trim).collect();
                    x == y
                })
                || super::parse_time_of_day(x)
                    .is_some_and(|t| super::parse_time_of_day(y) == ::std::option::Option::Some(t))
                || super::decode_base64(x)
                    .is_some_and(|d| super::decode_base64(y) == ::std::option::Option::Some(d))
                || number(a).is_some_and(|n| number(b).is_some_and(|m| same_number(n, m)))
        }
        _ => number(a).is_some_and(|n| number(b).is_some_and(|m| same_number(n, m))),
    }
}

fn same_number(a: f64, b: f64) -> bool {
    a == b || (a.is_nan() && b.is_nan()) || (a - b).abs() <= f64::EPSILON * a.abs().max(b.abs())
}
