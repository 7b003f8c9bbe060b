//! The catch-all map of a model: what a generated model's `additional_properties` holds.

/// The keys of a JSON object that no field of its model takes, with their values as read:
/// `@odata.*` annotations, properties the pages do not document, an open type's dynamic
/// properties. Written back after the fields, in key order.
///
/// A map like `BTreeMap<String, serde_json::Value>`, with the same order, lookups by `&str` and
/// iteration, held in one vector sized to its keys. Most objects Graph sends carry one such key
/// or none (`@odata.type`), and a `BTreeMap` allocates a node of eleven entries (632 bytes) for
/// its first key, where one entry here takes 56 bytes: reading a 10,000-item collection (docgen's
/// `collection` bench), that node per item took generated models from 0.97-1.05x the time of
/// plain serde structs to 1.05-1.18x. Lookups and inserts are a binary search (an insert after
/// the last key, as keys sent in order are, an append); an insert elsewhere moves the entries
/// after it. OData's own control annotations (`@odata.type`, `@odata.etag`, ...), the keys
/// nearly every catch-all map holds, are kept as static names, without a copy of their own.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct PropertyMap {
    /// Sorted by key, each key once.
    entries: ::std::vec::Vec<(Key, ::serde_json::Value)>,
}

/// A key of a [`PropertyMap`]: one of [`CONTROL_ANNOTATIONS`] as its static name, any other key
/// owned.
type Key = ::std::borrow::Cow<'static, str>;

/// The control information of OData's JSON format (OData JSON Format 4.01, section 4.5): the
/// annotations a service adds to any object, whatever its type.
const CONTROL_ANNOTATIONS: [&str; 15] = [
    "@odata.associationLink",
    "@odata.context",
    "@odata.count",
    "@odata.deltaLink",
    "@odata.editLink",
    "@odata.etag",
    "@odata.id",
    "@odata.mediaContentType",
    "@odata.mediaEditLink",
    "@odata.mediaEtag",
    "@odata.mediaReadLink",
    "@odata.navigationLink",
    "@odata.nextLink",
    "@odata.readLink",
    "@odata.type",
];

/// `key` as a [`Key`]: a control annotation's static name (no copy), else the key itself.
pub(crate) fn key_of(key: ::std::borrow::Cow<'_, str>) -> Key {
    let known = if key.starts_with("@odata.") {
        CONTROL_ANNOTATIONS.iter().find(|name| **name == key)
    } else {
        ::std::option::Option::None
    };
    match known {
        ::std::option::Option::Some(name) => ::std::borrow::Cow::Borrowed(name),
        ::std::option::Option::None => ::std::borrow::Cow::Owned(key.into_owned()),
    }
}

impl PropertyMap {
    /// An empty map; it allocates nothing until a key is inserted.
    pub const fn new() -> Self {
        PropertyMap {
            entries: ::std::vec::Vec::new(),
        }
    }

    /// The number of keys.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no keys.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn find(&self, key: &str) -> ::std::result::Result<usize, usize> {
        self.entries.binary_search_by(|(k, _)| (**k).cmp(key))
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> ::std::option::Option<&::serde_json::Value> {
        self.find(key).ok().map(|i| &self.entries[i].1)
    }

    /// The value of `key`, to change.
    pub fn get_mut(&mut self, key: &str) -> ::std::option::Option<&mut ::serde_json::Value> {
        match self.find(key) {
            ::std::result::Result::Ok(i) => ::std::option::Option::Some(&mut self.entries[i].1),
            ::std::result::Result::Err(_) => ::std::option::Option::None,
        }
    }

    /// Whether `key` is in the map.
    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// Sets `key` to `value`; the value it had, if any.
    pub fn insert(
        &mut self,
        key: ::std::string::String,
        value: ::serde_json::Value,
    ) -> ::std::option::Option<::serde_json::Value> {
        let at = match self.entries.last() {
            // Keys in order (and the first key): no search.
            ::std::option::Option::Some((last, _)) if **last < *key => self.entries.len(),
            ::std::option::Option::None => 0,
            _ => match self.find(&key) {
                ::std::result::Result::Ok(i) => {
                    return ::std::option::Option::Some(::std::mem::replace(
                        &mut self.entries[i].1,
                        value,
                    ));
                }
                ::std::result::Result::Err(i) => i,
            },
        };
        self.grow();
        self.entries
            .insert(at, (key_of(::std::borrow::Cow::Owned(key)), value));
        ::std::option::Option::None
    }

    /// Room for one more key: for the first key exactly one, then doubling (`Vec`'s own growth
    /// starts at four entries).
    fn grow(&mut self) {
        if self.entries.len() == self.entries.capacity() {
            self.entries.reserve_exact(self.entries.len().max(1));
        }
    }

    /// Adds `key` after the others, in order or not: many keys are read this way, then
    /// [`PropertyMap::settle`]d once. (Inserting each in its place would move the entries after
    /// it: keys sent in reverse order would cost time quadratic in their number.)
    pub(crate) fn push_unsettled(
        &mut self,
        key: ::std::borrow::Cow<'_, str>,
        value: ::serde_json::Value,
    ) {
        self.grow();
        self.entries.push((key_of(key), value));
    }

    /// Sorts keys added by [`PropertyMap::push_unsettled`] into place, once (keys that came in
    /// order, as they nearly always do, are only checked); of a key added twice the later value
    /// stays, as with [`PropertyMap::insert`].
    pub(crate) fn settle(&mut self) {
        if self.entries.windows(2).all(|w| w[0].0 < w[1].0) {
            return;
        }
        // Stable: the entries of one key stay in the order they came, and the last is kept.
        self.entries.sort_by(|a, b| a.0.cmp(&b.0));
        let mut settled: ::std::vec::Vec<(Key, ::serde_json::Value)> =
            ::std::vec::Vec::with_capacity(self.entries.len());
        for (key, value) in self.entries.drain(..) {
            match settled.last_mut() {
                ::std::option::Option::Some(last) if last.0 == key => last.1 = value,
                _ => settled.push((key, value)),
            }
        }
        self.entries = settled;
    }

    /// Takes `key` out of the map; its value, if it was there.
    pub fn remove(&mut self, key: &str) -> ::std::option::Option<::serde_json::Value> {
        self.find(key).ok().map(|i| self.entries.remove(i).1)
    }

    /// Keeps the keys for which `keep` says `true`.
    pub fn retain(&mut self, mut keep: impl FnMut(&str, &mut ::serde_json::Value) -> bool) {
        self.entries.retain_mut(|(k, v)| keep(k, v));
    }

    /// Removes every key.
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// The keys and their values, in key order.
    pub fn iter(&self) -> PropertyIter<'_> {
        PropertyIter(self.entries.iter())
    }

    /// The keys and their values to change, in key order.
    pub fn iter_mut(
        &mut self,
    ) -> impl ::std::iter::DoubleEndedIterator<Item = (&str, &mut ::serde_json::Value)>
    + ::std::iter::ExactSizeIterator {
        self.entries.iter_mut().map(|(k, v)| (&**k, v))
    }

    /// The keys, in order.
    pub fn keys(
        &self,
    ) -> impl ::std::iter::DoubleEndedIterator<Item = &str> + ::std::iter::ExactSizeIterator {
        self.entries.iter().map(|(k, _)| &**k)
    }

    /// The values, in their keys' order.
    pub fn values(
        &self,
    ) -> impl ::std::iter::DoubleEndedIterator<Item = &::serde_json::Value>
    + ::std::iter::ExactSizeIterator {
        self.entries.iter().map(|(_, v)| v)
    }
}

/// The entries of a [`PropertyMap`], in key order.
#[derive(Clone, Debug)]
pub struct PropertyIter<'a>(::std::slice::Iter<'a, (Key, ::serde_json::Value)>);

impl<'a> ::std::iter::Iterator for PropertyIter<'a> {
    type Item = (&'a str, &'a ::serde_json::Value);

    fn next(&mut self) -> ::std::option::Option<Self::Item> {
        self.0.next().map(|(k, v)| (&**k, v))
    }

    fn size_hint(&self) -> (usize, ::std::option::Option<usize>) {
        self.0.size_hint()
    }
}

impl ::std::iter::DoubleEndedIterator for PropertyIter<'_> {
    fn next_back(&mut self) -> ::std::option::Option<Self::Item> {
        self.0.next_back().map(|(k, v)| (&**k, v))
    }
}

impl ::std::iter::ExactSizeIterator for PropertyIter<'_> {}

impl<'a> ::std::iter::IntoIterator for &'a PropertyMap {
    type Item = (&'a str, &'a ::serde_json::Value);
    type IntoIter = PropertyIter<'a>;

    fn into_iter(self) -> PropertyIter<'a> {
        self.iter()
    }
}

impl ::std::iter::IntoIterator for PropertyMap {
    type Item = (::std::string::String, ::serde_json::Value);
    type IntoIter = PropertyIntoIter;

    fn into_iter(self) -> PropertyIntoIter {
        PropertyIntoIter(self.entries.into_iter())
    }
}

/// The entries of a [`PropertyMap`] taken out of it, in key order.
#[derive(Debug)]
pub struct PropertyIntoIter(::std::vec::IntoIter<(Key, ::serde_json::Value)>);

impl ::std::iter::Iterator for PropertyIntoIter {
    type Item = (::std::string::String, ::serde_json::Value);

    fn next(&mut self) -> ::std::option::Option<Self::Item> {
        self.0.next().map(|(k, v)| (k.into_owned(), v))
    }

    fn size_hint(&self) -> (usize, ::std::option::Option<usize>) {
        self.0.size_hint()
    }
}

impl ::std::iter::DoubleEndedIterator for PropertyIntoIter {
    fn next_back(&mut self) -> ::std::option::Option<Self::Item> {
        self.0.next_back().map(|(k, v)| (k.into_owned(), v))
    }
}

impl ::std::iter::ExactSizeIterator for PropertyIntoIter {}

impl ::std::iter::Extend<(::std::string::String, ::serde_json::Value)> for PropertyMap {
    fn extend<I: ::std::iter::IntoIterator<Item = (::std::string::String, ::serde_json::Value)>>(
        &mut self,
        iter: I,
    ) {
        for (key, value) in iter {
            self.push_unsettled(::std::borrow::Cow::Owned(key), value);
        }
        self.settle();
    }
}

impl ::std::iter::FromIterator<(::std::string::String, ::serde_json::Value)> for PropertyMap {
    fn from_iter<
        I: ::std::iter::IntoIterator<Item = (::std::string::String, ::serde_json::Value)>,
    >(
        iter: I,
    ) -> Self {
        let mut map = PropertyMap::new();
        map.extend(iter);
        map
    }
}

impl ::std::convert::From<::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>>
    for PropertyMap
{
    fn from(map: ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>) -> Self {
        // Already sorted, each key once.
        PropertyMap {
            entries: map
                .into_iter()
                .map(|(k, v)| (key_of(::std::borrow::Cow::Owned(k)), v))
                .collect(),
        }
    }
}

impl ::std::convert::From<PropertyMap>
    for ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>
{
    fn from(map: PropertyMap) -> Self {
        map.into_iter().collect()
    }
}

impl ::std::ops::Index<&str> for PropertyMap {
    type Output = ::serde_json::Value;

    /// The value of `key`; panics when it is not in the map, as `BTreeMap`'s does.
    fn index(&self, key: &str) -> &::serde_json::Value {
        self.get(key).expect("no entry found for key")
    }
}

impl ::std::fmt::Debug for PropertyMap {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl ::serde::Serialize for PropertyMap {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de> ::serde::Deserialize<'de> for PropertyMap {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        struct Entries;
        impl<'de> ::serde::de::Visitor<'de> for Entries {
            type Value = PropertyMap;
            fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: ::serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> ::std::result::Result<PropertyMap, A::Error> {
                let mut out = PropertyMap::new();
                while let ::std::option::Option::Some((key, value)) =
                    map.next_entry::<::std::string::String, ::serde_json::Value>()?
                {
                    out.push_unsettled(::std::borrow::Cow::Owned(key), value);
                }
                out.settle();
                ::std::result::Result::Ok(out)
            }
        }
        deserializer.deserialize_map(Entries)
    }
}
