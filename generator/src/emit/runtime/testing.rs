// The example tests' harness, emitted as `support::testing` (compiled only for tests): an example
// from the pages is read into its generated type, checked for documented keys left in the
// catch-all map, written back and compared with the original JSON. Doc placeholders
// (`"String (timestamp)"` in a date) never reach it: docgen reports them and puts a value of the
// documented type in their place.

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

fn read<T: ::serde::de::DeserializeOwned>(source: &str, exact: bool, json: &str) -> T {
    match ::serde_json::from_str(json) {
        ::std::result::Result::Ok(value) => value,
        ::std::result::Result::Err(e) => {
            let line = json.lines().nth(e.line().saturating_sub(1)).unwrap_or("").trim();
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
/// map though a documented property has that name in other case.
fn check_catch_all(source: &str, value: &dyn super::Model) {
    check_catch_all_at(source, value, 0);
}

fn check_catch_all_at(source: &str, value: &dyn super::Model, depth: usize) {
    let documented = value.properties();
    for key in value.additional_properties().keys() {
        if let ::std::option::Option::Some(property) =
            documented.iter().find(|p| p.eq_ignore_ascii_case(key))
        {
            let nested = if depth > 0 { " of a nested object" } else { "" };
            panic!(
                "[catch-all] {source}: `{key}` fell into the catch-all map{nested}, though `{property}` is documented"
            );
        }
    }
    value.nested_models(&mut |model| check_catch_all_at(source, model, depth + 1));
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
    use ::serde_json::Value;
    match (a, b) {
        (Value::Object(a), Value::Object(b)) => {
            let keys: ::std::collections::BTreeSet<&::std::string::String> =
                a.keys().chain(b.keys()).collect();
            keys.into_iter().find_map(|key| {
                let path = format!("{path}.{key}");
                match (a.get(key), b.get(key)) {
                    (::std::option::Option::Some(x), ::std::option::Option::Some(y)) => {
                        differ(x, y, &path)
                    }
                    (::std::option::Option::Some(Value::Null), ::std::option::Option::None)
                    | (::std::option::Option::None, ::std::option::Option::Some(Value::Null)) => {
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
            .find_map(|(i, (x, y))| differ(x, y, &format!("{path}[{i}]"))),
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
                || super::parse_date_time(x).is_some_and(|t| super::parse_date_time(y) == ::std::option::Option::Some(t))
                || ::uuid::Uuid::parse_str(x).is_ok_and(|u| ::uuid::Uuid::parse_str(y).ok() == ::std::option::Option::Some(u))
                || (x.contains(',') && {
                    let x: ::std::vec::Vec<&str> = x.split(',').map(str::trim).collect();
                    let y: ::std::vec::Vec<&str> = y.split(',').map(str::trim).collect();
                    x == y
                })
                || super::parse_time_of_day(x).is_some_and(|t| super::parse_time_of_day(y) == ::std::option::Option::Some(t))
                || super::decode_base64(x).is_some_and(|d| super::decode_base64(y) == ::std::option::Option::Some(d))
                || number(a).is_some_and(|n| number(b).is_some_and(|m| same_number(n, m)))
        }
        _ => number(a).is_some_and(|n| number(b).is_some_and(|m| same_number(n, m))),
    }
}

fn same_number(a: f64, b: f64) -> bool {
    a == b || (a.is_nan() && b.is_nan()) || (a - b).abs() <= f64::EPSILON * a.abs().max(b.abs())
}
