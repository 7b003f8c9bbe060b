//! Nothing altered on the wire: numbers read from Graph are written back as the same text.
//! serde_json without `float_roundtrip` read `0.024723883718252182` (a recorded response) as
//! `0.024723883718252185`, and an `Edm.Single` of `4.2` went into a `serde_json::Value` as
//! `4.199999809265137`.

use docgen_runtime::Double;
use serde::{Deserialize, Serialize};
use serde_json::json;

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Numbers {
    #[serde(with = "serde_with::As::<Double>")]
    double: f64,
    #[serde(with = "serde_with::As::<Double>")]
    single: f32,
    /// The catch-all every generated struct carries for properties the pages do not list.
    #[serde(flatten)]
    other: serde_json::Map<String, serde_json::Value>,
}

/// Keys in `serde_json::Map`'s (sorted) order, so a `Value` prints them back as they came.
const RECORDED: &str =
    r#"{"double":0.024723883718252182,"extra":0.024723883718252182,"single":4.2}"#;

#[test]
fn a_recorded_double_survives_typed_and_in_the_catch_all() {
    let numbers: Numbers = serde_json::from_str(RECORDED).unwrap();
    assert_eq!(numbers.double.to_string(), "0.024723883718252182");
    assert_eq!(numbers.other["extra"].to_string(), "0.024723883718252182");
    assert_eq!(
        serde_json::to_string(&numbers).unwrap(),
        r#"{"double":0.024723883718252182,"single":4.2,"extra":0.024723883718252182}"#
    );
    // Through a `Value` too (the catch-all and `serde_json::to_value` users).
    let value: serde_json::Value = serde_json::from_str(RECORDED).unwrap();
    assert_eq!(value.to_string(), RECORDED);
    let back: Numbers = serde_json::from_value(value).unwrap();
    assert_eq!(back, numbers);
}

#[test]
fn a_single_is_written_as_its_shortest_text_also_through_a_value() {
    let numbers = Numbers {
        double: 1.0,
        single: 4.2,
        other: serde_json::Map::new(),
    };
    assert_eq!(
        serde_json::to_string(&numbers).unwrap(),
        r#"{"double":1.0,"single":4.2}"#
    );
    let value = serde_json::to_value(&numbers).unwrap();
    assert_eq!(value, json!({"double": 1.0, "single": 4.2}));
    assert_eq!(value.to_string(), r#"{"double":1.0,"single":4.2}"#);
    let back: Numbers = serde_json::from_value(value).unwrap();
    assert_eq!(back.single, 4.2f32);
}

#[test]
fn singles_at_the_edges_of_f32_read_back_exactly() {
    for single in [
        f32::MIN_POSITIVE,
        f32::MAX,
        f32::MIN,
        f32::EPSILON,
        1e-45, // the smallest subnormal
        0.1,
        16_777_217.0,
        -0.0,
    ] {
        let numbers = Numbers {
            double: 0.0,
            single,
            other: serde_json::Map::new(),
        };
        let text = serde_json::to_string(&numbers).unwrap();
        let back: Numbers = serde_json::from_str(&text).unwrap();
        assert_eq!(back.single.to_bits(), single.to_bits(), "{text}");
        let via_value: Numbers =
            serde_json::from_value(serde_json::to_value(&numbers).unwrap()).unwrap();
        assert_eq!(via_value.single.to_bits(), single.to_bits(), "{text}");
    }
}
