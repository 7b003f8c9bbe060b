//! Helpers shared by the companion crate's tests.

use graph_models::support::{format_date_time, parse_date_time};

/// `value` with every date-time written the one way docgen writes them (`+00:00` -> `Z`), so
/// two spellings of one instant compare equal.
pub fn canonical_dates(value: &serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::String(s) => match parse_date_time(s) {
            Some(t) => serde_json::Value::String(format_date_time(&t)),
            None => value.clone(),
        },
        serde_json::Value::Array(items) => items.iter().map(canonical_dates).collect(),
        serde_json::Value::Object(map) => map
            .iter()
            .map(|(k, v)| (k.clone(), canonical_dates(v)))
            .collect::<serde_json::Map<_, _>>()
            .into(),
        other => other.clone(),
    }
}
