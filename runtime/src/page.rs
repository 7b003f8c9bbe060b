//! The page of a collection and the GET of the next one.

use super::RequestError;

/// One page of a collection: its items, the link to the next page, and the delta link
/// on the last page of a delta query.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Page<T> {
    /// The items on this page.
    #[serde(default = "::std::vec::Vec::new")]
    pub value: ::std::vec::Vec<T>,
    /// `@odata.nextLink`: the absolute URL of the next page, absent on the last one.
    #[serde(
        rename = "@odata.nextLink",
        default,
        skip_serializing_if = "::std::option::Option::is_none"
    )]
    pub next_link: ::std::option::Option<::std::string::String>,
    /// `@odata.deltaLink`: where to ask for later changes, on the last page of a delta.
    #[serde(
        rename = "@odata.deltaLink",
        default,
        skip_serializing_if = "::std::option::Option::is_none"
    )]
    pub delta_link: ::std::option::Option<::std::string::String>,
    /// `@odata.count`, when `$count=true` asked for it.
    #[serde(
        rename = "@odata.count",
        default,
        skip_serializing_if = "::std::option::Option::is_none"
    )]
    pub count: ::std::option::Option<i64>,
    /// `@odata.context` and anything else beside the items, kept as read.
    #[serde(flatten)]
    pub additional_properties:
        ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>,
}

/// One primitive value as OData sends it (a function returning a String, a Boolean): the
/// value under `value`, beside `@odata.context`.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Single<T> {
    /// The value.
    pub value: T,
    /// `@odata.context` and anything else beside the value, kept as read.
    #[serde(flatten)]
    pub additional_properties:
        ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>,
}

impl<T> Page<T> {
    /// The GET of the next page, or `None` on the last page. The link is absolute and
    /// already encoded, so it is sent as it is.
    pub fn next_request(
        &self,
    ) -> ::std::option::Option<
        ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, RequestError>,
    > {
        let link = self.next_link.as_deref()?;
        ::std::option::Option::Some(
            ::http::Request::builder()
                .method(::http::Method::GET)
                .uri(link)
                .body(::std::vec::Vec::new())
                .map_err(RequestError::from),
        )
    }
}
