//! The serde adapters every generated crate carries (`support`), on the spellings Graph and its
//! pages really use: each reads what the issue lists and writes back what Graph accepts.

use docgen_runtime::{
    Base64, CommaList, Date, DateTimeOffset, Decimal, Double, Duration, Int64, Patch, TimeOfDay,
};
use serde::{Deserialize, Serialize};
use serde_json::json;

#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
struct Wire {
    #[serde(default, with = "serde_with::As::<Option<Int64>>")]
    int64: Option<i64>,
    #[serde(default, with = "serde_with::As::<Option<Double>>")]
    double: Option<f64>,
    #[serde(default, with = "serde_with::As::<Option<Vec<Double>>>")]
    singles: Option<Vec<f32>>,
    #[serde(default, with = "serde_with::As::<Option<DateTimeOffset>>")]
    at: Option<chrono::DateTime<chrono::FixedOffset>>,
    #[serde(default, with = "serde_with::As::<Option<Date>>")]
    day: Option<chrono::NaiveDate>,
    #[serde(default, with = "serde_with::As::<Option<TimeOfDay>>")]
    time: Option<chrono::NaiveTime>,
    #[serde(default, with = "serde_with::As::<Option<Base64>>")]
    bytes: Option<Vec<u8>>,
    #[serde(default)]
    decimal: Option<Decimal>,
    #[serde(default)]
    duration: Option<Duration>,
    #[serde(default, with = "serde_with::As::<Option<CommaList>>")]
    flags: Option<Vec<String>>,
}

fn read(value: serde_json::Value) -> Wire {
    serde_json::from_value(value).unwrap()
}

fn write(wire: &Wire) -> serde_json::Value {
    serde_json::to_value(wire).unwrap()
}

#[test]
fn int64_reads_numbers_and_strings() {
    for (input, expected) in [
        (json!(9007199254740993i64), 9007199254740993),
        (json!("9007199254740993"), 9007199254740993),
        (json!("-42"), -42),
        (json!(3.0), 3),
    ] {
        assert_eq!(
            read(json!({ "int64": input })).int64,
            Some(expected),
            "{input}"
        );
    }
    assert!(serde_json::from_value::<Wire>(json!({"int64": 1.5})).is_err());
    assert!(serde_json::from_value::<Wire>(json!({"int64": "many"})).is_err());
    assert!(serde_json::from_value::<Wire>(json!({"int64": u64::MAX})).is_err());
}

#[test]
fn doubles_read_nan_and_infinities_and_write_them_back_as_strings() {
    let wire = read(json!({"double": "NaN", "singles": ["INF", "-INF", 1.5, "2.5"]}));
    assert!(wire.double.unwrap().is_nan());
    assert_eq!(
        wire.singles,
        Some(vec![f32::INFINITY, f32::NEG_INFINITY, 1.5, 2.5])
    );
    let back = write(&wire);
    assert_eq!(back["double"], "NaN");
    assert_eq!(back["singles"], json!(["INF", "-INF", 1.5, 2.5]));
}

#[test]
fn date_times_keep_seven_fractional_digits_and_read_what_pages_write() {
    for (input, written) in [
        (
            "2016-12-31T23:56:26.9196629+00:00",
            "2016-12-31T23:56:26.9196629Z",
        ),
        (
            "2016-12-31T23:56:26.9196629Z",
            "2016-12-31T23:56:26.9196629Z",
        ),
        ("2016-12-31T23:56:26Z", "2016-12-31T23:56:26Z"),
        ("2016-12-31T23:56:26.5-08:00", "2016-12-31T23:56:26.5-08:00"),
        ("2016-12-31T23:56:26", "2016-12-31T23:56:26Z"),
        ("1974-07-22", "1974-07-22T00:00:00Z"),
    ] {
        let wire = read(json!({ "at": input }));
        assert_eq!(write(&wire)["at"], written, "{input}");
    }
    assert!(serde_json::from_value::<Wire>(json!({"at": "String (timestamp)"})).is_err());
}

#[test]
fn dates_and_times_of_day() {
    let wire = read(json!({"day": "2001-01-01T00:00:00Z", "time": "17:00:00.0000000"}));
    assert_eq!(wire.day, chrono::NaiveDate::from_ymd_opt(2001, 1, 1));
    assert_eq!(wire.time, chrono::NaiveTime::from_hms_opt(17, 0, 0));
    let back = write(&wire);
    assert_eq!(back["day"], "2001-01-01");
    assert_eq!(back["time"], "17:00:00");
    assert_eq!(
        read(json!({"time": "08:30"})).time,
        chrono::NaiveTime::from_hms_opt(8, 30, 0)
    );
}

#[test]
fn binary_reads_both_base64_alphabets_padded_or_not() {
    // 0xfb 0xff 0xbf: `+`/`/` in the standard alphabet, `-`/`_` in the URL-safe one.
    for input in ["+/+/", "-_-_", "+/+/AA==", "+/+/AA", "-_-_AA"] {
        let wire = read(json!({ "bytes": input }));
        assert_eq!(
            wire.bytes.as_deref().unwrap()[..3],
            [0xfb, 0xff, 0xbf],
            "{input}"
        );
    }
    assert_eq!(write(&read(json!({"bytes": "-_-_"})))["bytes"], "+/+/");
    assert!(serde_json::from_value::<Wire>(json!({"bytes": "not base64!"})).is_err());
}

#[test]
fn decimals_stay_exact_and_durations_keep_their_text() {
    let wire =
        read(json!({"decimal": "12345678901234567890.123456789", "duration": "P1DT2H30M0.5S"}));
    assert_eq!(
        wire.decimal.as_ref().unwrap().as_str(),
        "12345678901234567890.123456789"
    );
    let back = write(&wire);
    assert_eq!(back["decimal"], "12345678901234567890.123456789");
    assert_eq!(back["duration"], "P1DT2H30M0.5S");
    assert_eq!(
        wire.duration.unwrap().to_std(),
        Some(std::time::Duration::from_secs_f64(86_400.0 + 9_000.0 + 0.5))
    );
    assert_eq!(
        Duration("P1M".into()).to_std(),
        None,
        "months have no fixed length"
    );
    assert_eq!(
        write(&read(json!({"decimal": 12.5})))["decimal"],
        json!(12.5)
    );
    assert!(serde_json::from_value::<Wire>(json!({"decimal": "twelve"})).is_err());
}

#[test]
fn flags_are_comma_lists() {
    let wire = read(json!({"flags": "read, write,admin"}));
    assert_eq!(
        wire.flags,
        Some(vec![
            "read".to_owned(),
            "write".to_owned(),
            "admin".to_owned()
        ])
    );
    assert_eq!(write(&wire)["flags"], "read,write,admin");
}

#[test]
fn patch_reads_null_as_null_and_a_value_as_a_value() {
    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    struct Body {
        #[serde(default, skip_serializing_if = "Patch::is_absent")]
        name: Patch<String>,
        #[serde(
            default,
            skip_serializing_if = "Patch::is_absent",
            with = "serde_with::As::<Patch<Int64>>"
        )]
        size: Patch<i64>,
    }
    let body: Body = serde_json::from_value(json!({"name": null, "size": "7"})).unwrap();
    assert_eq!(body.name, Patch::Null);
    assert_eq!(body.size, Patch::Value(7));
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({"name": null, "size": 7})
    );
    let empty: Body = serde_json::from_value(json!({})).unwrap();
    assert!(empty.name.is_absent() && empty.size.is_absent());
    assert_eq!(serde_json::to_value(&empty).unwrap(), json!({}));
}
