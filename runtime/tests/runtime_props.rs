//! Property tests over the runtime every generated crate carries (default case counts): what
//! the adapters write reads back as the same value, and a path segment survives encoding.

use docgen_runtime::{Base64, DateTimeOffset, Double, Duration, Int64, Patch, encode_segment};
use proptest::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, PartialEq, Serialize, Deserialize)]
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

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Wire {
    #[serde(with = "serde_with::As::<Int64>")]
    int64: i64,
    #[serde(with = "serde_with::As::<Double>")]
    single: f32,
    #[serde(with = "serde_with::As::<Double>")]
    double: f64,
    #[serde(with = "serde_with::As::<Base64>")]
    bytes: Vec<u8>,
}

fn patch<T: std::fmt::Debug + Clone>(
    value: impl Strategy<Value = T>,
) -> impl Strategy<Value = Patch<T>> {
    prop_oneof![
        Just(Patch::Absent),
        Just(Patch::Null),
        value.prop_map(Patch::Value),
    ]
}

/// The same bits, with every NaN alike (NaN is written as `"NaN"`).
fn same_f64(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

/// What `format_date_time` wrote when it was chrono's `format` (its reference).
fn chrono_text(value: &chrono::DateTime<chrono::FixedOffset>) -> String {
    use chrono::Timelike as _;
    let mut text = value.format("%Y-%m-%dT%H:%M:%S").to_string();
    let nanos = value.nanosecond() % 1_000_000_000;
    if nanos != 0 {
        text.push('.');
        text.push_str(format!("{nanos:09}").trim_end_matches('0'));
    }
    if value.offset().local_minus_utc() == 0 {
        text.push('Z');
    } else {
        text.push_str(&value.format("%:z").to_string());
    }
    text
}

proptest! {
    #[test]
    fn date_times_are_written_as_chrono_formats_them(
        secs in -400_000_000_000_i64..400_000_000_000,
        nanos in prop_oneof![Just(0_u32), 0_u32..2_000_000_000, (0_u32..1000).prop_map(|n| n * 1_000_000)],
        offset in prop_oneof![Just(0_i32), -86_399_i32..86_400, (-24_i32..25).prop_map(|h| h * 3600)],
    ) {
        let Some(utc) = chrono::DateTime::from_timestamp(secs, nanos) else { return Ok(()) };
        let Some(offset) = chrono::FixedOffset::east_opt(offset) else { return Ok(()) };
        let value = utc.with_timezone(&offset);
        prop_assert_eq!(docgen_runtime::format_date_time(&value), chrono_text(&value));
    }

    #[test]
    fn patch_three_states_round_trip(name in patch(any::<String>()), size in patch(any::<i64>())) {
        let body = Body { name, size };
        let text = serde_json::to_string(&body).unwrap();
        // Absent is left out, Null is `null`: the three states stay apart on the wire.
        prop_assert_eq!(text.contains("\"name\""), !matches!(body.name, Patch::Absent));
        let back: Body = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(back, body);
    }

    #[test]
    fn numbers_and_bytes_round_trip_exactly(
        int64 in any::<i64>(),
        single in any::<f32>(),
        double in any::<f64>(),
        bytes in proptest::collection::vec(any::<u8>(), 0..64),
    ) {
        let wire = Wire { int64, single, double, bytes };
        for back in [
            serde_json::from_str::<Wire>(&serde_json::to_string(&wire).unwrap()).unwrap(),
            serde_json::from_value::<Wire>(serde_json::to_value(&wire).unwrap()).unwrap(),
        ] {
            prop_assert_eq!(back.int64, int64);
            prop_assert!(same_f64(f64::from(back.single), f64::from(single)), "{} {}", back.single, single);
            prop_assert!(same_f64(back.double, double), "{} {}", back.double, double);
            prop_assert_eq!(&back.bytes, &wire.bytes);
        }
    }

    #[test]
    fn int64_reads_as_string_and_as_number(n in any::<i64>()) {
        #[derive(Deserialize)]
        struct One(#[serde(with = "serde_with::As::<Int64>")] i64);
        prop_assert_eq!(serde_json::from_str::<One>(&format!("{n}")).unwrap().0, n);
        prop_assert_eq!(serde_json::from_str::<One>(&format!("\"{n}\"")).unwrap().0, n);
    }

    #[test]
    fn base64_reads_both_alphabets(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        use base64::Engine;
        #[derive(Deserialize)]
        struct One(#[serde(with = "serde_with::As::<Base64>")] Vec<u8>);
        for engine in [&base64::engine::general_purpose::STANDARD, &base64::engine::general_purpose::URL_SAFE_NO_PAD] {
            let text = serde_json::to_string(&engine.encode(&bytes)).unwrap();
            prop_assert_eq!(&serde_json::from_str::<One>(&text).unwrap().0, &bytes);
        }
    }

    #[test]
    fn date_times_with_0_to_7_fraction_digits_and_offsets_read_exactly(
        secs in 0i64..4_000_000_000,
        digits in 0usize..=7,
        fraction in 0u32..10_000_000,
        offset_minutes in -840i32..=840,
    ) {
        #[derive(Deserialize)]
        struct One(#[serde(with = "serde_with::As::<DateTimeOffset>")] chrono::DateTime<chrono::FixedOffset>);
        let fraction = fraction % 10u32.pow(digits as u32);
        let offset = chrono::FixedOffset::east_opt(offset_minutes * 60).unwrap();
        let utc = chrono::DateTime::from_timestamp(secs, 0).unwrap();
        let local = utc.with_timezone(&offset);
        let mut text = local.format("%Y-%m-%dT%H:%M:%S").to_string();
        if digits > 0 {
            text.push_str(&format!(".{fraction:0digits$}"));
        }
        text.push_str(&local.format("%:z").to_string());
        let read = serde_json::from_str::<One>(&format!("\"{text}\"")).unwrap().0;
        let nanos = u64::from(fraction) * 10u64.pow(9 - digits as u32);
        prop_assert_eq!(read.timestamp(), secs, "{}", text);
        prop_assert_eq!(u64::from(read.timestamp_subsec_nanos()), nanos, "{}", text);
        prop_assert_eq!(read.offset().local_minus_utc(), offset_minutes * 60, "{}", text);
    }

    #[test]
    fn durations_are_written_back_as_read_and_measure_their_parts(
        weeks in 0u64..5,
        days in 0u64..400,
        hours in 0u64..48,
        minutes in 0u64..120,
        seconds in 0u64..100_000,
        millis in 0u64..1000,
        present in 1u8..32,
        comma in any::<bool>(),
    ) {
        // Which of W, D, H, M, S (with a fraction) the text has; at least one.
        let has = |bit: u8| present & (1 << bit) != 0;
        let mut text = String::from("P");
        let mut total_ms = 0u64;
        if has(0) {
            text.push_str(&format!("{weeks}W"));
            total_ms += weeks * 604_800_000;
        }
        if has(1) {
            text.push_str(&format!("{days}D"));
            total_ms += days * 86_400_000;
        }
        if has(2) || has(3) || has(4) {
            text.push('T');
        }
        if has(2) {
            text.push_str(&format!("{hours}H"));
            total_ms += hours * 3_600_000;
        }
        if has(3) {
            text.push_str(&format!("{minutes}M"));
            total_ms += minutes * 60_000;
        }
        if has(4) {
            let point = if comma { ',' } else { '.' };
            text.push_str(&format!("{seconds}{point}{millis:03}S"));
            total_ms += seconds * 1000 + millis;
        }
        let json = format!("\"{text}\"");
        let read: Duration = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(serde_json::to_string(&read).unwrap(), json);
        let measured = read.to_std().unwrap();
        let expected = std::time::Duration::from_millis(total_ms);
        let off = measured.abs_diff(expected);
        prop_assert!(off < std::time::Duration::from_micros(1), "{} read as {:?}", text, measured);
        // Negative and calendar durations have no fixed length.
        prop_assert_eq!(Duration(format!("-{text}")).to_std(), None);
        prop_assert_eq!(Duration(format!("P{}Y", weeks + 1)).to_std(), None);
    }

    #[test]
    fn any_string_is_one_path_segment_that_decodes_to_itself(segment in any::<String>()) {
        let encoded = encode_segment(&segment);
        prop_assert!(!encoded.contains(['/', '?', '#', ' ']), "{}", encoded);
        let uri: http::Uri = format!("https://graph.microsoft.com/v1.0/users/{encoded}/x").parse().unwrap();
        let parts: Vec<&str> = uri.path().split('/').collect();
        prop_assert_eq!(parts.len(), 5);
        let decoded = percent_encoding::percent_decode_str(parts[3]).decode_utf8().unwrap();
        prop_assert_eq!(decoded, segment);
    }
}

/// One change to a catch-all map: insert (key, number) or remove key.
#[derive(Debug, Clone)]
enum Change {
    Insert(String, i64),
    Remove(String),
}

fn change() -> impl Strategy<Value = Change> {
    // Few short keys, so that inserts replace and removes hit; and OData's control annotations,
    // which the map keeps as static names, beside keys that only start like them.
    let key = prop_oneof![
        4 => "[a-d@.]{0,3}".boxed(),
        1 => proptest::sample::select(vec!["@odata.type", "@odata.id", "@odata.etag", "@odata.typ", "@odata.types", "@odata."])
            .prop_map(str::to_owned)
            .boxed(),
    ];
    prop_oneof![
        3 => (key.clone(), any::<i64>()).prop_map(|(k, v)| Change::Insert(k, v)),
        1 => key.prop_map(Change::Remove),
    ]
}

proptest! {
    /// The catch-all map behaves as the `BTreeMap` it stands for: the same answers to every
    /// change, the same keys in the same order, the same JSON written and read back.
    #[test]
    fn property_map_behaves_as_a_btree_map(changes in proptest::collection::vec(change(), 0..40)) {
        let mut map = docgen_runtime::PropertyMap::new();
        let mut oracle = std::collections::BTreeMap::<String, serde_json::Value>::new();
        for change in changes {
            match change {
                Change::Insert(k, v) => {
                    prop_assert_eq!(map.insert(k.clone(), v.into()), oracle.insert(k, v.into()));
                }
                Change::Remove(k) => prop_assert_eq!(map.remove(&k), oracle.remove(&k)),
            }
            prop_assert_eq!(map.len(), oracle.len());
        }
        prop_assert!(map.iter().eq(oracle.iter().map(|(k, v)| (k.as_str(), v))));
        prop_assert!(map.keys().eq(oracle.keys()));
        for key in oracle.keys() {
            prop_assert_eq!(map.get(key), oracle.get(key));
            prop_assert!(map.contains_key(key));
        }
        prop_assert!(!map.contains_key("not a key"));
        let json = serde_json::to_string(&map).unwrap();
        prop_assert_eq!(&json, &serde_json::to_string(&oracle).unwrap());
        let back: docgen_runtime::PropertyMap = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &map);
        prop_assert_eq!(docgen_runtime::PropertyMap::from(oracle.clone()), map.clone());
        prop_assert_eq!(std::collections::BTreeMap::from(map), oracle);
    }
}

proptest! {
    /// Keys read in any order, some more than once (JSON allows it): the map holds what a
    /// `BTreeMap` filled in the same order holds, the last value of each key, whether read from
    /// JSON text or collected from pairs.
    #[test]
    fn property_map_reads_keys_in_any_order_as_a_btree_map(
        entries in proptest::collection::vec(("[a-d@.]{0,3}", any::<i64>()), 0..40)
    ) {
        let mut oracle = std::collections::BTreeMap::<String, serde_json::Value>::new();
        for (k, v) in &entries {
            oracle.insert(k.clone(), (*v).into());
        }
        let collected: docgen_runtime::PropertyMap =
            entries.iter().map(|(k, v)| (k.clone(), (*v).into())).collect();
        prop_assert_eq!(std::collections::BTreeMap::from(collected), oracle.clone());
        // Written by hand, in the order given (a `serde_json::Value` would sort the keys).
        let pairs: Vec<String> = entries
            .iter()
            .map(|(k, v)| format!("{}:{v}", serde_json::to_string(k).unwrap()))
            .collect();
        let text = format!("{{{}}}", pairs.join(","));
        let read: docgen_runtime::PropertyMap = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(std::collections::BTreeMap::from(read), oracle);
    }
}
