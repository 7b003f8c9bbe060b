//! The serde side: how Edm values Graph sends become Rust values and back (`with` adapters,
//! `Patch`, `Decimal`, `Duration`), and the `Model` traits the example tests walk.

/// A model: a struct read from Graph JSON, whose unknown keys land in a catch-all map.
pub trait Model {
    /// The JSON names of the documented properties, inherited ones included.
    fn properties(&self) -> &'static [&'static str];
    /// The keys the schema does not document (and `@odata.*` annotations), kept as read.
    fn additional_properties(&self) -> &super::PropertyMap;
    /// An open type: keys beyond the documented ones are dynamic properties, not missing ones.
    fn is_open(&self) -> bool {
        false
    }
    /// Calls `f` on each model its properties hold (inside `Option`, `Box`, `Vec`, `Patch`),
    /// one level down.
    fn nested_models(&self, f: &mut dyn FnMut(&dyn Model)) {
        let _ = f;
    }
}

/// A value that may hold models: a model, or models inside `Option`, `Box`, `Vec` or `Patch`.
pub trait HoldsModels {
    /// Calls `f` on each model held, not descending into them.
    fn for_each_model(&self, f: &mut dyn FnMut(&dyn Model));
}

impl<T: HoldsModels> HoldsModels for ::std::option::Option<T> {
    fn for_each_model(&self, f: &mut dyn FnMut(&dyn Model)) {
        if let ::std::option::Option::Some(value) = self {
            value.for_each_model(f);
        }
    }
}

impl<T: HoldsModels> HoldsModels for ::std::boxed::Box<T> {
    fn for_each_model(&self, f: &mut dyn FnMut(&dyn Model)) {
        (**self).for_each_model(f);
    }
}

impl<T: HoldsModels> HoldsModels for ::std::vec::Vec<T> {
    fn for_each_model(&self, f: &mut dyn FnMut(&dyn Model)) {
        for value in self {
            value.for_each_model(f);
        }
    }
}

impl<T: HoldsModels> HoldsModels for Patch<T> {
    fn for_each_model(&self, f: &mut dyn FnMut(&dyn Model)) {
        if let Patch::Value(value) = self {
            value.for_each_model(f);
        }
    }
}

/// A property in an update (PATCH) body: left out, sent as `null` (cleared), or set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub enum Patch<T> {
    /// Not sent: the service leaves the property as it is.
    #[default]
    Absent,
    /// Sent as `null`: the service clears the property.
    Null,
    /// Sent with this value.
    Value(T),
}

impl<T> Patch<T> {
    /// Whether the property is left out of the body (for `skip_serializing_if`).
    pub fn is_absent(&self) -> bool {
        matches!(self, Patch::Absent)
    }

    /// The value, if one is set.
    pub fn as_value(&self) -> ::std::option::Option<&T> {
        match self {
            Patch::Value(value) => ::std::option::Option::Some(value),
            _ => ::std::option::Option::None,
        }
    }
}

impl<T> ::std::convert::From<T> for Patch<T> {
    fn from(value: T) -> Self {
        Patch::Value(value)
    }
}

impl<T: ::serde::Serialize> ::serde::Serialize for Patch<T> {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        match self {
            Patch::Value(value) => value.serialize(serializer),
            _ => serializer.serialize_none(),
        }
    }
}

impl<'de, T: ::serde::Deserialize<'de>> ::serde::Deserialize<'de> for Patch<T> {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        // A present key is never `Absent`: absence is the field's `default`.
        let value = <::std::option::Option<T> as ::serde::Deserialize>::deserialize(deserializer)?;
        ::std::result::Result::Ok(value.map_or(Patch::Null, Patch::Value))
    }
}

impl<T, U: ::serde_with::SerializeAs<T>> ::serde_with::SerializeAs<Patch<T>> for Patch<U> {
    fn serialize_as<S: ::serde::Serializer>(
        source: &Patch<T>,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        match source {
            Patch::Value(value) => U::serialize_as(value, serializer),
            _ => serializer.serialize_none(),
        }
    }
}

impl<'de, T, U: ::serde_with::DeserializeAs<'de, T>> ::serde_with::DeserializeAs<'de, Patch<T>>
    for Patch<U>
{
    fn deserialize_as<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Patch<T>, D::Error> {
        let value: ::std::option::Option<T> =
            <::std::option::Option<U> as ::serde_with::DeserializeAs<'de, _>>::deserialize_as(
                deserializer,
            )?;
        ::std::result::Result::Ok(value.map_or(Patch::Null, Patch::Value))
    }
}

/// The adapter of an update body's struct-typed value (`Patch<KeepNulls>`): a member the JSON
/// sets to `null` is kept, in the struct's catch-all map, and written back as `null`. In a PATCH
/// a nested `null` clears that property (OData applies PATCH to a complex value member by
/// member), so it must survive being read; in a model read from a response `null` and absent
/// both mean "no value", and the field's `None` says so. One level deep: the members of the
/// value itself (of a polymorphic value, those of the type its `@odata.type` names).
pub struct KeepNulls;

impl<T: ::serde::Serialize> ::serde_with::SerializeAs<T> for KeepNulls {
    fn serialize_as<S: ::serde::Serializer>(
        source: &T,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        source.serialize(serializer)
    }
}

impl<'de, T: super::CatchAll + ::serde::de::DeserializeOwned> ::serde_with::DeserializeAs<'de, T>
    for KeepNulls
{
    fn deserialize_as<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<T, D::Error> {
        let mut value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
        let mut nulls = ::std::vec::Vec::new();
        if let ::serde_json::Value::Object(members) = &mut value {
            members.retain(|key, member| {
                let null = member.is_null();
                if null {
                    nulls.push(key.clone());
                }
                !null
            });
        }
        let mut read: T = ::serde_json::from_value(value).map_err(::serde::de::Error::custom)?;
        // Sorted once with the keys already there, not shifted in one by one.
        read.rest_mut().extend(
            nulls
                .into_iter()
                .map(|key| (key, ::serde_json::Value::Null)),
        );
        ::std::result::Result::Ok(read)
    }
}

/// `Edm.Int64`: a JSON number, or a string (as Graph sends it with `IEEE754Compatible=true`).
pub struct Int64;

impl ::serde_with::SerializeAs<i64> for Int64 {
    fn serialize_as<S: ::serde::Serializer>(
        source: &i64,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.serialize_i64(*source)
    }
}

impl<'de> ::serde_with::DeserializeAs<'de, i64> for Int64 {
    fn deserialize_as<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<i64, D::Error> {
        struct Visitor;
        impl ::serde::de::Visitor<'_> for Visitor {
            type Value = i64;
            fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str("an Int64 as a number or a string")
            }
            fn visit_i64<E: ::serde::de::Error>(self, v: i64) -> ::std::result::Result<i64, E> {
                ::std::result::Result::Ok(v)
            }
            fn visit_u64<E: ::serde::de::Error>(self, v: u64) -> ::std::result::Result<i64, E> {
                i64::try_from(v).map_err(|_| E::custom(format_args!("Int64 out of range: {v}")))
            }
            fn visit_f64<E: ::serde::de::Error>(self, v: f64) -> ::std::result::Result<i64, E> {
                // `1.0` is an integer written as a double; anything else is not an Int64.
                if v.fract() == 0.0 && v.abs() < 9.0e15 {
                    ::std::result::Result::Ok(v as i64)
                } else {
                    ::std::result::Result::Err(E::custom(format_args!("not an Int64: {v}")))
                }
            }
            fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::std::result::Result<i64, E> {
                v.trim()
                    .parse()
                    .map_err(|_| E::custom(format_args!("not an Int64: {v:?}")))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// `Edm.Double` and `Edm.Single`: a JSON number, or `"NaN"`, `"INF"`, `"-INF"` (JSON has no
/// literal for them) or a number in a string; non-finite values are written back as strings.
pub struct Double;

fn non_finite(text: &str) -> ::std::option::Option<f64> {
    match text.trim() {
        "NaN" | "nan" => ::std::option::Option::Some(f64::NAN),
        "INF" | "Infinity" | "+INF" | "inf" => ::std::option::Option::Some(f64::INFINITY),
        "-INF" | "-Infinity" | "-inf" => ::std::option::Option::Some(f64::NEG_INFINITY),
        _ => ::std::option::Option::None,
    }
}

/// Reads a double written as text (`"NaN"`, `"INF"`, `"1.5"`).
pub fn parse_double_text(text: &str) -> ::std::option::Option<f64> {
    non_finite(text).or_else(|| text.trim().parse().ok())
}

fn serialize_double<S: ::serde::Serializer>(
    value: f64,
    serializer: S,
) -> ::std::result::Result<S::Ok, S::Error> {
    if value.is_nan() {
        serializer.serialize_str("NaN")
    } else if value.is_infinite() {
        serializer.serialize_str(if value > 0.0 { "INF" } else { "-INF" })
    } else {
        serializer.serialize_f64(value)
    }
}

struct DoubleVisitor;

impl ::serde::de::Visitor<'_> for DoubleVisitor {
    type Value = f64;
    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str("a number, or \"NaN\", \"INF\" or \"-INF\"")
    }
    fn visit_i64<E: ::serde::de::Error>(self, v: i64) -> ::std::result::Result<f64, E> {
        ::std::result::Result::Ok(v as f64)
    }
    fn visit_u64<E: ::serde::de::Error>(self, v: u64) -> ::std::result::Result<f64, E> {
        ::std::result::Result::Ok(v as f64)
    }
    fn visit_f64<E: ::serde::de::Error>(self, v: f64) -> ::std::result::Result<f64, E> {
        ::std::result::Result::Ok(v)
    }
    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::std::result::Result<f64, E> {
        parse_double_text(v).ok_or_else(|| E::custom(format_args!("not a number: {v:?}")))
    }
}

impl ::serde_with::SerializeAs<f64> for Double {
    fn serialize_as<S: ::serde::Serializer>(
        source: &f64,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        serialize_double(*source, serializer)
    }
}

impl<'de> ::serde_with::DeserializeAs<'de, f64> for Double {
    fn deserialize_as<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<f64, D::Error> {
        deserializer.deserialize_any(DoubleVisitor)
    }
}

impl ::serde_with::SerializeAs<f32> for Double {
    fn serialize_as<S: ::serde::Serializer>(
        source: &f32,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        if source.is_finite() {
            // The shortest text that reads back as this f32 (`4.2`), as the f64 it spells:
            // `serialize_f32` would widen `4.2f32` to `4.199999809265137` on the way into a
            // `serde_json::Value`. Reading the f64 back as f32 gives the same value again.
            let shortest: f64 = source.to_string().parse().unwrap_or(f64::from(*source));
            serializer.serialize_f64(shortest)
        } else {
            serialize_double(f64::from(*source), serializer)
        }
    }
}

impl<'de> ::serde_with::DeserializeAs<'de, f32> for Double {
    fn deserialize_as<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<f32, D::Error> {
        deserializer
            .deserialize_any(DoubleVisitor)
            .map(|v| v as f32)
    }
}

/// A JSON string, borrowed from the input where it can be (serde's own `Cow<str>` always copies):
/// how Edm text values, enum members and object keys are read, without an allocation each.
pub fn read_str<'de, D: ::serde::Deserializer<'de>>(
    deserializer: D,
) -> ::std::result::Result<::std::borrow::Cow<'de, str>, D::Error> {
    struct Text;
    impl<'de> ::serde::de::Visitor<'de> for Text {
        type Value = ::std::borrow::Cow<'de, str>;
        fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str("a string")
        }
        fn visit_borrowed_str<E>(self, v: &'de str) -> ::std::result::Result<Self::Value, E> {
            ::std::result::Result::Ok(::std::borrow::Cow::Borrowed(v))
        }
        fn visit_str<E>(self, v: &str) -> ::std::result::Result<Self::Value, E> {
            ::std::result::Result::Ok(::std::borrow::Cow::Owned(v.to_owned()))
        }
        fn visit_string<E>(
            self,
            v: ::std::string::String,
        ) -> ::std::result::Result<Self::Value, E> {
            ::std::result::Result::Ok(::std::borrow::Cow::Owned(v))
        }
    }
    deserializer.deserialize_str(Text)
}

/// `Edm.DateTimeOffset`: RFC 3339 with any number of fractional digits (Graph writes seven); a
/// value without an offset is read as UTC, a date alone as its midnight UTC. Written back in RFC 3339 with `Z` for UTC.
pub struct DateTimeOffset;

/// Parses an `Edm.DateTimeOffset` the way [`DateTimeOffset`] reads it.
pub fn parse_date_time(
    text: &str,
) -> ::std::option::Option<::chrono::DateTime<::chrono::FixedOffset>> {
    let text = text.trim();
    if let ::std::result::Result::Ok(t) = ::chrono::DateTime::parse_from_rfc3339(text) {
        return ::std::option::Option::Some(t);
    }
    [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
    ]
    .iter()
    .find_map(|format| ::chrono::NaiveDateTime::parse_from_str(text, format).ok())
    .or_else(|| {
        // A date alone is that day's midnight.
        ::chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
    })
    .map(|t| t.and_utc().fixed_offset())
}

/// Writes an `Edm.DateTimeOffset` as Graph does: RFC 3339, `Z` for UTC, and as many fractional
/// digits as the value has (none for whole seconds, seven for Graph's ticks).
pub fn format_date_time(
    value: &::chrono::DateTime<::chrono::FixedOffset>,
) -> ::std::string::String {
    DateTimeText(value).to_string()
}

/// [`format_date_time`] as `Display`, written straight into the output: serializing a model
/// writes many of these, and chrono's `format` parses its pattern and allocates for each.
struct DateTimeText<'a>(&'a ::chrono::DateTime<::chrono::FixedOffset>);

impl ::std::fmt::Display for DateTimeText<'_> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        use ::chrono::{Datelike as _, Timelike as _};
        let value = self.0;
        // Each of chrono's field getters adds the offset again: the local time once.
        let local = value.naive_local();
        let offset = value.offset().local_minus_utc();
        let year = local.year();
        if !(0..=9999).contains(&year) || offset % 60 != 0 {
            return slow_date_time(value, f);
        }
        // The usual case, written into one buffer and handed over in one piece: the serializer
        // escapes each piece it is given, and `write!` with padding costs more than the digits.
        let mut text = [0_u8; 35];
        let mut len = 0;
        let mut push = |digits: u32, width: u32, after: u8| {
            for place in (0..width).rev() {
                text[len] = b'0' + (digits / 10_u32.pow(place) % 10) as u8;
                len += 1;
            }
            if after != 0 {
                text[len] = after;
                len += 1;
            }
        };
        // A leap second is chrono's nanoseconds past 10^9; its second is written as 60.
        let second = local.second() + u32::from(local.nanosecond() >= 1_000_000_000);
        push(year.unsigned_abs(), 4, b'-');
        push(local.month(), 2, b'-');
        push(local.day(), 2, b'T');
        push(local.hour(), 2, b':');
        push(local.minute(), 2, b':');
        push(second, 2, 0);
        if let ::std::option::Option::Some((digits, width)) = fraction(local.nanosecond()) {
            push(0, 0, b'.');
            push(digits, width, 0);
        }
        if offset == 0 {
            push(0, 0, b'Z');
        } else {
            let minutes = offset.unsigned_abs() / 60;
            push(0, 0, if offset < 0 { b'-' } else { b'+' });
            push(minutes / 60, 2, b':');
            push(minutes % 60, 2, 0);
        }
        // Only ASCII digits and punctuation were written.
        f.write_str(::std::str::from_utf8(&text[..len]).map_err(|_| ::std::fmt::Error)?)
    }
}

/// The fractional second of chrono's `nanosecond` (a leap second's included) as digits without
/// trailing zeros and their count; `None` for a whole second.
fn fraction(nanosecond: u32) -> ::std::option::Option<(u32, u32)> {
    let nanos = nanosecond % 1_000_000_000;
    if nanos == 0 {
        return ::std::option::Option::None;
    }
    let (mut digits, mut width) = (nanos, 9);
    while digits % 10 == 0 {
        digits /= 10;
        width -= 1;
    }
    ::std::option::Option::Some((digits, width))
}

/// [`DateTimeText`] for what its buffer does not take: years of other than four digits, and
/// offsets with seconds.
fn slow_date_time(
    value: &::chrono::DateTime<::chrono::FixedOffset>,
    f: &mut ::std::fmt::Formatter<'_>,
) -> ::std::fmt::Result {
    use ::chrono::Timelike as _;
    let year = ::chrono::Datelike::year(value);
    if (0..=9999).contains(&year) {
        let second = value.second() + u32::from(value.nanosecond() >= 1_000_000_000);
        write!(
            f,
            "{year:04}-{:02}-{:02}T{:02}:{:02}:{second:02}",
            ::chrono::Datelike::month(value),
            ::chrono::Datelike::day(value),
            value.hour(),
            value.minute(),
        )?;
    } else {
        // Years of other than four digits: chrono's own sign and width.
        write!(f, "{}", value.format("%Y-%m-%dT%H:%M:%S"))?;
    }
    if let ::std::option::Option::Some((digits, width)) = fraction(value.nanosecond()) {
        let width = width as usize;
        write!(f, ".{digits:0width$}")?;
    }
    let offset = value.offset().local_minus_utc();
    if offset == 0 {
        return f.write_str("Z");
    }
    if offset % 60 != 0 {
        // An offset with seconds: chrono's `%:z` rounds it to minutes its own way.
        return write!(f, "{}", value.format("%:z"));
    }
    let sign = if offset < 0 { '-' } else { '+' };
    let minutes = offset.unsigned_abs() / 60;
    write!(f, "{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

impl ::serde_with::SerializeAs<::chrono::DateTime<::chrono::FixedOffset>> for DateTimeOffset {
    fn serialize_as<S: ::serde::Serializer>(
        source: &::chrono::DateTime<::chrono::FixedOffset>,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(&DateTimeText(source))
    }
}

impl<'de> ::serde_with::DeserializeAs<'de, ::chrono::DateTime<::chrono::FixedOffset>>
    for DateTimeOffset
{
    fn deserialize_as<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<::chrono::DateTime<::chrono::FixedOffset>, D::Error> {
        let text = read_str(deserializer)?;
        parse_date_time(&text).ok_or_else(|| {
            ::serde::de::Error::custom(format_args!("not an Edm.DateTimeOffset: {text:?}"))
        })
    }
}

/// `Edm.Date`: `2024-05-31` (a full date-time is read as its date).
pub struct Date;

impl ::serde_with::SerializeAs<::chrono::NaiveDate> for Date {
    fn serialize_as<S: ::serde::Serializer>(
        source: &::chrono::NaiveDate,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(&source.format("%Y-%m-%d"))
    }
}

impl<'de> ::serde_with::DeserializeAs<'de, ::chrono::NaiveDate> for Date {
    fn deserialize_as<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<::chrono::NaiveDate, D::Error> {
        let text = read_str(deserializer)?;
        // A date-time where a date belongs (`2001-01-01T00:00:00Z`) gives its date.
        ::chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .ok()
            .or_else(|| parse_date_time(&text).map(|t| t.date_naive()))
            .ok_or_else(|| ::serde::de::Error::custom(format_args!("not an Edm.Date: {text:?}")))
    }
}

/// `Edm.TimeOfDay`: `08:30:00.0000000`, fractional seconds optional.
pub struct TimeOfDay;

/// Parses an `Edm.TimeOfDay` the way [`TimeOfDay`] reads it.
pub fn parse_time_of_day(text: &str) -> ::std::option::Option<::chrono::NaiveTime> {
    ["%H:%M:%S%.f", "%H:%M"]
        .iter()
        .find_map(|format| ::chrono::NaiveTime::parse_from_str(text.trim(), format).ok())
}

impl ::serde_with::SerializeAs<::chrono::NaiveTime> for TimeOfDay {
    fn serialize_as<S: ::serde::Serializer>(
        source: &::chrono::NaiveTime,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(&source.format("%H:%M:%S%.f"))
    }
}

impl<'de> ::serde_with::DeserializeAs<'de, ::chrono::NaiveTime> for TimeOfDay {
    fn deserialize_as<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<::chrono::NaiveTime, D::Error> {
        let text = read_str(deserializer)?;
        parse_time_of_day(&text).ok_or_else(|| {
            ::serde::de::Error::custom(format_args!("not an Edm.TimeOfDay: {text:?}"))
        })
    }
}

/// `Edm.Binary`: base64, standard or URL-safe alphabet, padded or not; written back standard.
pub struct Base64;

/// Decodes base64 in either alphabet, with or without padding.
pub fn decode_base64(text: &str) -> ::std::option::Option<::std::vec::Vec<u8>> {
    use ::base64::Engine as _;
    let config = ::base64::engine::GeneralPurposeConfig::new()
        .with_decode_padding_mode(::base64::engine::DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true);
    let alphabet = if text.contains(['-', '_']) {
        &::base64::alphabet::URL_SAFE
    } else {
        &::base64::alphabet::STANDARD
    };
    ::base64::engine::GeneralPurpose::new(alphabet, config)
        .decode(text.trim())
        .ok()
}

impl ::serde_with::SerializeAs<::std::vec::Vec<u8>> for Base64 {
    fn serialize_as<S: ::serde::Serializer>(
        source: &::std::vec::Vec<u8>,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        use ::base64::Engine as _;
        serializer.serialize_str(&::base64::engine::general_purpose::STANDARD.encode(source))
    }
}

impl<'de> ::serde_with::DeserializeAs<'de, ::std::vec::Vec<u8>> for Base64 {
    fn deserialize_as<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<::std::vec::Vec<u8>, D::Error> {
        let text = read_str(deserializer)?;
        decode_base64(&text)
            .ok_or_else(|| ::serde::de::Error::custom(format_args!("not base64: {text:?}")))
    }
}

/// A flags enum: members joined by commas (`"read,write"`).
pub struct CommaList;

impl<E: ::std::fmt::Display> ::serde_with::SerializeAs<::std::vec::Vec<E>> for CommaList {
    fn serialize_as<S: ::serde::Serializer>(
        source: &::std::vec::Vec<E>,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        let joined: ::std::vec::Vec<::std::string::String> = source
            .iter()
            .map(::std::string::ToString::to_string)
            .collect();
        serializer.serialize_str(&joined.join(","))
    }
}

impl<'de, E: for<'a> ::std::convert::From<&'a str>>
    ::serde_with::DeserializeAs<'de, ::std::vec::Vec<E>> for CommaList
{
    fn deserialize_as<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<::std::vec::Vec<E>, D::Error> {
        let text = read_str(deserializer)?;
        ::std::result::Result::Ok(
            text.split(',')
                .map(str::trim)
                .filter(|member| !member.is_empty())
                .map(E::from)
                .collect(),
        )
    }
}

/// `Edm.Duration`: an ISO 8601 duration (`P1DT2H30M`, `PT0.5S`), kept as its text so it is
/// written back exactly; [`Duration::to_std`] reads it.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, ::serde::Serialize, ::serde::Deserialize,
)]
#[serde(transparent)]
pub struct Duration(pub ::std::string::String);

impl Duration {
    /// The duration as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The duration as a [`std::time::Duration`], for days, hours, minutes and seconds (years and
    /// months have no fixed length); `None` when negative, calendar-based or not ISO 8601.
    pub fn to_std(&self) -> ::std::option::Option<::std::time::Duration> {
        let rest = self.0.trim().strip_prefix('P')?;
        let (days, time) = match rest.split_once('T') {
            ::std::option::Option::Some((days, time)) => (days, time),
            ::std::option::Option::None => (rest, ""),
        };
        let mut seconds = 0f64;
        for (part, units) in [
            (days, &[('W', 604_800.0), ('D', 86_400.0)][..]),
            (time, &[('H', 3_600.0), ('M', 60.0), ('S', 1.0)][..]),
        ] {
            let mut number = ::std::string::String::new();
            for c in part.chars() {
                if c.is_ascii_digit() || c == '.' || c == ',' {
                    number.push(if c == ',' { '.' } else { c });
                } else {
                    let (_, scale) = units.iter().find(|(unit, _)| *unit == c)?;
                    seconds += number.parse::<f64>().ok()? * scale;
                    number.clear();
                }
            }
            if !number.is_empty() {
                return ::std::option::Option::None;
            }
        }
        ::std::time::Duration::try_from_secs_f64(seconds).ok()
    }
}

impl ::std::fmt::Display for Duration {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// `Edm.Decimal`: kept as its decimal text, never rounded through a binary float once read from
/// a string (Graph sends decimals as strings with `IEEE754Compatible=true`). A JSON number is read
/// through `f64`, so it is exact up to 15 significant digits.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Decimal(pub ::std::string::String);

impl Decimal {
    /// The decimal as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl ::std::fmt::Display for Decimal {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl ::serde::Serialize for Decimal {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        // Written as a JSON number where that loses nothing, else as the exact string.
        if let ::std::result::Result::Ok(v) = self.0.parse::<i64>() {
            return serializer.serialize_i64(v);
        }
        match self.0.parse::<f64>() {
            ::std::result::Result::Ok(v) if v.is_finite() && v.to_string() == self.0 => {
                serializer.serialize_f64(v)
            }
            _ => serializer.serialize_str(&self.0),
        }
    }
}

impl<'de> ::serde::Deserialize<'de> for Decimal {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        struct Visitor;
        impl ::serde::de::Visitor<'_> for Visitor {
            type Value = Decimal;
            fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str("a decimal as a number or a string")
            }
            fn visit_i64<E: ::serde::de::Error>(self, v: i64) -> ::std::result::Result<Decimal, E> {
                ::std::result::Result::Ok(Decimal(v.to_string()))
            }
            fn visit_u64<E: ::serde::de::Error>(self, v: u64) -> ::std::result::Result<Decimal, E> {
                ::std::result::Result::Ok(Decimal(v.to_string()))
            }
            fn visit_f64<E: ::serde::de::Error>(self, v: f64) -> ::std::result::Result<Decimal, E> {
                ::std::result::Result::Ok(Decimal(v.to_string()))
            }
            fn visit_str<E: ::serde::de::Error>(
                self,
                v: &str,
            ) -> ::std::result::Result<Decimal, E> {
                let v = v.trim();
                if v.parse::<f64>().is_ok_and(f64::is_finite) {
                    ::std::result::Result::Ok(Decimal(v.to_owned()))
                } else {
                    ::std::result::Result::Err(E::custom(format_args!("not an Edm.Decimal: {v:?}")))
                }
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// Where in `json` sits the value `T` cannot read, as a JSON path
/// (`$.value[0].owners[0].otherMails`); `None` when `T` reads it or it is not JSON.
///
/// serde loses the path inside a `#[serde(flatten)]` struct (every model has its catch-all),
/// and serde_json's position is then the end of the enclosing object. So the path is found by
/// taking parts of the document away: a part whose removal changes the error holds the value.
/// Halving the parts each time costs about depth x log2(width) reads, on the error path only.
pub fn error_path<T: ::serde::de::DeserializeOwned>(
    json: &[u8],
) -> ::std::option::Option<::std::string::String> {
    let document: ::serde_json::Value = ::serde_json::from_slice(json).ok()?;
    let error = |v: &::serde_json::Value| {
        ::serde_json::from_value::<T>(v.clone())
            .err()
            .map(|e| e.to_string())
    };
    let target = error(&document)?;
    let same =
        |v: &::serde_json::Value| error(v).as_deref() == ::std::option::Option::Some(&*target);
    let mut path: ::std::vec::Vec<PathStep> = ::std::vec::Vec::new();
    loop {
        let mut candidates = match step_to(&document, &path) {
            ::std::option::Option::Some(::serde_json::Value::Object(map)) => map
                .keys()
                .cloned()
                .map(PathStep::Key)
                .collect::<::std::vec::Vec<_>>(),
            ::std::option::Option::Some(::serde_json::Value::Array(items)) => {
                (0..items.len()).map(PathStep::Index).collect()
            }
            _ => break,
        };
        while candidates.len() > 1 {
            let second = candidates.split_off(candidates.len() / 2);
            // The error outlives the first half's removal: the value is in the second half.
            if same(&without(&document, &path, &candidates)) {
                candidates = second;
            }
        }
        match candidates.pop() {
            ::std::option::Option::Some(step)
                if !same(&without(&document, &path, ::std::slice::from_ref(&step))) =>
            {
                path.push(step)
            }
            _ => break,
        }
    }
    let mut text = ::std::string::String::from("$");
    for step in &path {
        match step {
            PathStep::Index(i) => text.push_str(&format!("[{i}]")),
            PathStep::Key(key)
                if !key.is_empty()
                    && !key.starts_with(|c: char| c.is_ascii_digit())
                    && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') =>
            {
                text.push('.');
                text.push_str(key);
            }
            PathStep::Key(key) => {
                text.push_str(&format!("[{}]", ::serde_json::Value::from(key.as_str())))
            }
        }
    }
    ::std::option::Option::Some(text)
}

enum PathStep {
    Key(::std::string::String),
    Index(usize),
}

fn step_to<'v>(
    value: &'v ::serde_json::Value,
    path: &[PathStep],
) -> ::std::option::Option<&'v ::serde_json::Value> {
    path.iter().try_fold(value, |v, step| match step {
        PathStep::Key(k) => v.get(k.as_str()),
        PathStep::Index(i) => v.get(*i),
    })
}

/// `document` with the children `gone` of the value at `path` taken away.
fn without(
    document: &::serde_json::Value,
    path: &[PathStep],
    gone: &[PathStep],
) -> ::serde_json::Value {
    let mut copy = document.clone();
    let mut node = &mut copy;
    for step in path {
        let next = match step {
            PathStep::Key(k) => node.get_mut(k.as_str()),
            PathStep::Index(i) => node.get_mut(*i),
        };
        match next {
            ::std::option::Option::Some(next) => node = next,
            ::std::option::Option::None => return copy,
        }
    }
    match node {
        ::serde_json::Value::Object(map) => {
            for step in gone {
                if let PathStep::Key(k) = step {
                    map.remove(k.as_str());
                }
            }
        }
        ::serde_json::Value::Array(items) => {
            let mut i = 0;
            items.retain(|_| {
                i += 1;
                !gone
                    .iter()
                    .any(|s| matches!(s, PathStep::Index(g) if *g == i - 1))
            });
        }
        _ => {}
    }
    copy
}
