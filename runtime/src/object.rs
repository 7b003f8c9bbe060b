//! How a model is read from and written to a JSON object, without serde's derive: each key a
//! model documents goes straight into its field, every other key into its catch-all map, and
//! writing does the reverse.
//!
//! Why not `#[derive(Deserialize)]` with `#[serde(flatten)]` on the catch-all map: a flattened
//! field makes serde buffer every value of the object before it fills any field, which costs
//! time on every read, and its derive is most of what a generated crate takes to compile (a
//! crate of 1,500 models built in half the time and memory without it). A generated model
//! states its fields once, in a `json_object!` table, and the impls here
//! do the rest.

/// A model read key by key: what `json_object!` implements for a model.
pub trait ReadFields: ::std::default::Default {
    /// Reads the value of `key` into its field, or says the key is none of them (`false`, the
    /// value left unread).
    fn read_field<'de, A: ::serde::de::MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> ::std::result::Result<bool, A::Error>;
    /// The map the keys no field takes go into.
    fn catch_all(&mut self) -> &mut super::PropertyMap;
}

/// A value with a catch-all map: every model, and a polymorphic value (its variant's map). What
/// [`KeepNulls`](super::KeepNulls) keeps a member's `null` in.
pub trait CatchAll {
    /// The map the keys no field takes go into.
    fn rest_mut(&mut self) -> &mut super::PropertyMap;
}

impl<T: ReadFields> CatchAll for T {
    fn rest_mut(&mut self) -> &mut super::PropertyMap {
        self.catch_all()
    }
}

/// A model written field by field: what `json_object!` implements.
pub trait WriteFields {
    /// Writes each field that is not [`Omit::omit`]ted, in declaration order.
    fn write_fields<M: ::serde::ser::SerializeMap>(
        &self,
        map: &mut M,
    ) -> ::std::result::Result<(), M::Error>;
    /// The keys to write after the fields.
    fn catch_all_ref(&self) -> &super::PropertyMap;
}

/// A field value left out of the JSON written: `None` of a model, `Absent` of an update body.
pub trait Omit {
    /// Whether the field is left out.
    fn omit(&self) -> bool;
}

impl<T> Omit for ::std::option::Option<T> {
    fn omit(&self) -> bool {
        self.is_none()
    }
}

impl<T> Omit for super::Patch<T> {
    fn omit(&self) -> bool {
        self.is_absent()
    }
}

/// `Deserialize` for a [`ReadFields`] model: a JSON object, fields absent left at their default.
pub fn read_object<'de, D: ::serde::Deserializer<'de>, T: ReadFields>(
    deserializer: D,
) -> ::std::result::Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor(::std::marker::PhantomData))
}

/// `Serialize` for a [`WriteFields`] model: its fields, then its catch-all map.
pub fn write_object<S: ::serde::Serializer, T: WriteFields>(
    value: &T,
    serializer: S,
) -> ::std::result::Result<S::Ok, S::Error> {
    use ::serde::ser::SerializeMap as _;
    let mut map = serializer.serialize_map(::std::option::Option::None)?;
    value.write_fields(&mut map)?;
    for (key, rest) in value.catch_all_ref() {
        map.serialize_entry(key, rest)?;
    }
    map.end()
}

/// `Serialize` for a derived type's value in a polymorphic enum: [`write_object`], with
/// `@odata.type` (`tag`) first where its catch-all map has none. A value read from JSON keeps
/// the tag it was read by; one built in code gets it, since the service tells a derived type
/// from its base by the tag alone.
pub fn write_tagged<S: ::serde::Serializer, T: WriteFields>(
    value: &T,
    tag: &str,
    serializer: S,
) -> ::std::result::Result<S::Ok, S::Error> {
    use ::serde::ser::SerializeMap as _;
    let mut map = serializer.serialize_map(::std::option::Option::None)?;
    if !value.catch_all_ref().contains_key("@odata.type") {
        map.serialize_entry("@odata.type", tag)?;
    }
    value.write_fields(&mut map)?;
    for (key, rest) in value.catch_all_ref() {
        map.serialize_entry(key, rest)?;
    }
    map.end()
}

/// The next value of `map`, read through the `serde_with` adapter `U` (an Edm adapter).
pub fn next_as<'de, A: ::serde::de::MapAccess<'de>, T, U: ::serde_with::DeserializeAs<'de, T>>(
    map: &mut A,
) -> ::std::result::Result<T, A::Error> {
    map.next_value_seed(AsSeed::<T, U>(::std::marker::PhantomData))
}

/// Writes `value` under `key` through the `serde_with` adapter `U`.
pub fn entry_as<M: ::serde::ser::SerializeMap, T, U: ::serde_with::SerializeAs<T>>(
    map: &mut M,
    key: &str,
    value: &T,
) -> ::std::result::Result<(), M::Error> {
    map.serialize_entry(key, &::serde_with::ser::SerializeAsWrap::<T, U>::new(value))
}

struct ObjectVisitor<T>(::std::marker::PhantomData<fn() -> T>);

impl<'de, T: ReadFields> ::serde::de::Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: ::serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> ::std::result::Result<T, A::Error> {
        let mut value = T::default();
        // Keys go into the catch-all map as they come and are sorted once at the end: an object
        // with many undocumented keys in reverse order must not cost quadratic time.
        while let ::std::option::Option::Some(Key(key)) = map.next_key::<Key<'de>>()? {
            if !value.read_field(&key, &mut map)? {
                let rest: ::serde_json::Value = map.next_value()?;
                value.catch_all().push_unsettled(key, rest);
            }
        }
        value.catch_all().settle();
        ::std::result::Result::Ok(value)
    }
}

/// A key, borrowed from the input where the deserializer allows it.
struct Key<'de>(::std::borrow::Cow<'de, str>);

impl<'de> ::serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
        super::read_str(d).map(Key)
    }
}

struct AsSeed<T, U>(::std::marker::PhantomData<fn() -> (T, U)>);

impl<'de, T, U: ::serde_with::DeserializeAs<'de, T>> ::serde::de::DeserializeSeed<'de>
    for AsSeed<T, U>
{
    type Value = T;

    fn deserialize<D: ::serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> ::std::result::Result<T, D::Error> {
        U::deserialize_as(deserializer)
    }
}

/// `Serialize` and `Deserialize` for a generated model, from its table of fields: each line
/// `field: "jsonName"`, or `field: "jsonName" as Adapter` where the field needs a `serde_with`
/// adapter of its own shape (`Option<DateTimeOffset>` for `Option<DateTime<FixedOffset>>`).
/// The struct's catch-all map comes first, after its name. Absent keys leave a field at its
/// default, a field that [`Omit::omit`]s is not written, and keys no field takes go into (and
/// come back out of) the catch-all map.
///
/// ```ignore
/// super::support::json_object! {
///     LogonUser, additional_properties;
///     account_name: "accountName";
///     first_seen_date_time: "firstSeenDateTime"
///         as ::std::option::Option<super::support::DateTimeOffset>;
/// }
/// ```
///
/// It is for docgen's generated code: the impls reach this crate as `super::support`, the
/// module every generated crate has beside its models (so that the same table works with the
/// runtime pasted inline).
#[doc(hidden)]
#[macro_export]
macro_rules! json_object {
    ($model:ident, $rest:ident; $($field:ident: $json:literal $(as $adapter:ty)?;)*) => {
        impl<'de> ::serde::Deserialize<'de> for $model {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                super::support::read_object(deserializer)
            }
        }

        impl ::serde::Serialize for $model {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                super::support::write_object(self, serializer)
            }
        }

        impl super::support::ReadFields for $model {
            // A model with no field (an update body of read-only properties) leaves `map` unused.
            #[allow(unused_variables)]
            fn read_field<'de, A: ::serde::de::MapAccess<'de>>(
                &mut self,
                key: &str,
                map: &mut A,
            ) -> ::std::result::Result<bool, A::Error> {
                ::std::result::Result::Ok(match key {
                    $($json => {
                        self.$field = super::support::json_object!(@read map $($adapter)?);
                        true
                    })*
                    _ => false,
                })
            }

            fn catch_all(
                &mut self,
            ) -> &mut super::support::PropertyMap {
                &mut self.$rest
            }
        }

        impl super::support::WriteFields for $model {
            #[allow(unused_variables)]
            fn write_fields<M: ::serde::ser::SerializeMap>(
                &self,
                map: &mut M,
            ) -> ::std::result::Result<(), M::Error> {
                $(if !super::support::Omit::omit(&self.$field) {
                    super::support::json_object!(@write map $json, &self.$field $(, $adapter)?);
                })*
                ::std::result::Result::Ok(())
            }

            fn catch_all_ref(
                &self,
            ) -> &super::support::PropertyMap {
                &self.$rest
            }
        }
    };
    (@read $map:ident) => {
        $map.next_value()?
    };
    (@read $map:ident $adapter:ty) => {
        super::support::next_as::<_, _, $adapter>($map)?
    };
    (@write $map:ident $json:literal, $value:expr) => {
        $map.serialize_entry($json, $value)?
    };
    (@write $map:ident $json:literal, $value:expr, $adapter:ty) => {
        super::support::entry_as::<_, _, $adapter>($map, $json, $value)?
    };
}

/// The `@odata.type` of a JSON object as a polymorphic enum matches it: lowercase, without the
/// `#`. A name in a namespace none of the enum's types has (`Microsoft.Teams.GraphSvc.x`,
/// `Microsoft.OutlookServices.x`: service-internal names some responses carry) is read as the
/// same short name in the first of `namespaces` (lowercase), so the value keeps its derived
/// type instead of falling back to the base; so is a name without a namespace
/// (`educationLinkResource`, as some request examples write it). No `@odata.type`: an empty
/// string.
pub fn odata_tag(value: &::serde_json::Value, namespaces: &[&str]) -> ::std::string::String {
    let tag = value
        .get("@odata.type")
        .and_then(::serde_json::Value::as_str)
        .map(|t| t.trim().trim_start_matches('#').to_ascii_lowercase())
        .unwrap_or_default();
    let Some(first) = namespaces.first().filter(|_| !tag.is_empty()) else {
        return tag;
    };
    let short = match tag.rsplit_once('.') {
        ::std::option::Option::Some((namespace, _)) if namespaces.contains(&namespace) => {
            return tag;
        }
        ::std::option::Option::Some((_, short)) => short,
        ::std::option::Option::None => tag.as_str(),
    };
    if first.is_empty() {
        short.to_owned()
    } else {
        ::std::format!("{first}.{short}")
    }
}
