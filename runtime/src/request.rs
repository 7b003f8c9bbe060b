//! The request trait: a generated request gives what differs (method, status, path and query,
//! body, how its response is read) and the trait builds the `http::Request` and reads the
//! `http::Response` from it.

use super::{GraphError, ReadResponse, RequestError, push_query};

/// The Microsoft Graph v1.0 endpoint.
pub const GRAPH_V1: &str = "https://graph.microsoft.com/v1.0";
/// The Microsoft Graph beta endpoint.
pub const GRAPH_BETA: &str = "https://graph.microsoft.com/beta";

/// A Graph operation, sans IO: build its `http::Request`, parse its `http::Response`.
///
/// Every request type implements it, so a client can send any of them. A request type states
/// what differs ([`METHOD`](Self::METHOD), [`SUCCESS_STATUS`](Self::SUCCESS_STATUS),
/// [`parts`](Self::parts), [`body`](Self::body), [`Read`](Self::Read)); building and parsing
/// are the provided methods.
pub trait GraphRequest {
    /// What a successful response parses into: a model, a [`Page`](super::Page) of a
    /// collection, bytes for a stream, `()` when there is no content, or JSON when the page does
    /// not say.
    type Response;
    /// How a 2xx response becomes [`Self::Response`] ([`ReadJson`](super::ReadJson),
    /// [`ReadValue`](super::ReadValue), [`ReadBytes`](super::ReadBytes),
    /// [`ReadEmpty`](super::ReadEmpty)).
    type Read: ReadResponse<Self::Response>;
    /// The HTTP method.
    const METHOD: ::http::Method;
    /// The status code the page documents for success (any 2xx is accepted); a request type
    /// states it only when it is not 200.
    const SUCCESS_STATUS: u16 = 200;

    /// The path (encoded), query pairs and headers.
    fn parts(&self) -> &RequestParts;

    /// The same, to change.
    fn parts_mut(&mut self) -> &mut RequestParts;

    /// Adds a query parameter the page does not list (`$skiptoken`, ...), sent after those set
    /// before.
    fn query_param(
        mut self,
        name: impl ::std::convert::Into<::std::string::String>,
        value: impl ::std::convert::Into<::std::string::String>,
    ) -> Self
    where
        Self: Sized,
    {
        self.parts_mut().push_query(name, value);
        self
    }

    /// Sets query option `name` (`$top`), replacing a value set before: what a request's typed
    /// setters call.
    fn with_option(mut self, name: &str, value: impl ::std::string::ToString) -> Self
    where
        Self: Sized,
    {
        self.parts_mut().set_query(name, value);
        self
    }

    /// Sets list option `name` (`$select`) to `items`, comma-separated; none removes it.
    fn with_list(
        mut self,
        name: &str,
        items: impl ::std::iter::IntoIterator<Item = impl ::std::convert::Into<::std::string::String>>,
    ) -> Self
    where
        Self: Sized,
    {
        self.parts_mut().set_list(name, items);
        self
    }

    /// Sets header `name`, replacing a value set before.
    fn with_header(
        mut self,
        name: &str,
        value: impl ::std::convert::Into<::std::string::String>,
    ) -> Self
    where
        Self: Sized,
    {
        self.parts_mut().set_header(name, value);
        self
    }

    /// The body and its content type; none by default.
    fn body(&self) -> BodyResult {
        ::std::result::Result::Ok(Body::empty())
    }

    /// Builds the HTTP request against `base_url` ([`GRAPH_V1`], [`GRAPH_BETA`] or a
    /// national cloud's endpoint); path parameters and query values are percent-encoded. A
    /// request to a whole URL the service handed out (an upload session's `uploadUrl`) goes
    /// there, whatever `base_url` says.
    fn to_request(
        &self,
        base_url: &str,
    ) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, RequestError> {
        let parts = self.parts();
        let mut uri = if parts.is_url() {
            ::std::string::String::new()
        } else {
            ::std::string::String::from(base_url.trim_end_matches('/'))
        };
        uri.push_str(&parts.path);
        for (name, value) in parts.query() {
            push_query(&mut uri, name, value);
        }
        let body = self.body()?;
        let mut builder = ::http::Request::builder().method(Self::METHOD).uri(uri);
        for (name, value) in &parts.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        if let ::std::option::Option::Some(content_type) = body.content_type {
            builder = builder.header(::http::header::CONTENT_TYPE, content_type);
        }
        ::std::result::Result::Ok(builder.body(body.bytes)?)
    }

    /// Parses a response: a 2xx into [`Self::Response`], anything else into a
    /// [`GraphError`].
    fn parse_response(
        response: ::http::Response<::std::vec::Vec<u8>>,
    ) -> ::std::result::Result<Self::Response, GraphError> {
        <Self::Read as ReadResponse<Self::Response>>::read(response)
    }
}

/// Whether `target` is a whole URL (`https://...`) rather than a path after a base URL: what a
/// request to a URL the service hands out is built from, and how docgen tells such a request
/// example from one to Graph.
pub fn is_whole_url(target: &str) -> bool {
    let target = target.trim_start();
    target.starts_with("https://") || target.starts_with("http://")
}

/// What every request carries beside its body: the path after the base URL (parameters
/// already encoded), the query and the headers (names and values as given; encoded when the
/// request is built). Typed options are sent first, by name, so the URI does not depend on the
/// order the setters were called in; pairs the page does not list follow, in their order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct RequestParts {
    path: ::std::string::String,
    options: ::std::collections::BTreeMap<::std::string::String, ::std::string::String>,
    query: ::std::vec::Vec<(::std::string::String, ::std::string::String)>,
    headers: ::std::vec::Vec<(::std::string::String, ::std::string::String)>,
}

impl RequestParts {
    /// Parts for `path`, which must already be encoded (see [`encode_segment`](super::encode_segment)),
    /// or for a whole URL (`https://...`) the service handed out, sent to as it stands.
    pub fn new(path: impl ::std::convert::Into<::std::string::String>) -> Self {
        RequestParts {
            path: path.into(),
            ..RequestParts::default()
        }
    }

    /// The path after the base URL, parameters percent-encoded; or a whole URL.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The path is a whole URL (`https://...`), not a path after the base URL.
    pub fn is_url(&self) -> bool {
        is_whole_url(&self.path)
    }

    /// The query pairs in the order they are sent, not yet encoded.
    pub fn query(&self) -> impl ::std::iter::Iterator<Item = (&str, &str)> {
        let options = self.options.iter();
        let extra = self.query.iter().map(|(n, v)| (n, v));
        options.chain(extra).map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// The headers in the order they are sent.
    pub fn headers(&self) -> &[(::std::string::String, ::std::string::String)] {
        &self.headers
    }

    /// Sets query option `name` (`$filter`) to `value`, replacing a value set before.
    pub fn set_query(&mut self, name: &str, value: impl ::std::string::ToString) {
        self.options.insert(name.to_owned(), value.to_string());
    }

    /// Sets a list option (`$select`) to `items` comma-separated; no item removes it.
    pub fn set_list<I: ::std::convert::Into<::std::string::String>>(
        &mut self,
        name: &str,
        items: impl ::std::iter::IntoIterator<Item = I>,
    ) {
        let items: ::std::vec::Vec<::std::string::String> =
            items.into_iter().map(::std::convert::Into::into).collect();
        if items.is_empty() {
            self.options.remove(name);
        } else {
            self.set_query(name, items.join(","));
        }
    }

    /// Adds a query pair the page does not list (`$skiptoken`, ...), after those set before.
    pub fn push_query(
        &mut self,
        name: impl ::std::convert::Into<::std::string::String>,
        value: impl ::std::convert::Into<::std::string::String>,
    ) {
        self.query.push((name.into(), value.into()));
    }

    /// Sets header `name`, replacing a value set before (names compare without case).
    pub fn set_header(
        &mut self,
        name: &str,
        value: impl ::std::convert::Into<::std::string::String>,
    ) {
        let value = value.into();
        match self
            .headers
            .iter_mut()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            ::std::option::Option::Some(pair) => pair.1 = value,
            ::std::option::Option::None => self.headers.push((name.to_owned(), value)),
        }
    }
}

impl ::std::convert::From<::std::string::String> for RequestParts {
    /// Parts for an encoded path, as [`RequestParts::new`].
    fn from(path: ::std::string::String) -> Self {
        RequestParts::new(path)
    }
}

impl ::std::convert::From<&str> for RequestParts {
    /// Parts for an encoded path, as [`RequestParts::new`].
    fn from(path: &str) -> Self {
        RequestParts::new(path)
    }
}

/// A request body and its content type (none for an empty body).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    /// The `Content-Type` header, when there is a body.
    pub content_type: ::std::option::Option<&'static str>,
    /// The bytes sent.
    pub bytes: ::std::vec::Vec<u8>,
}

/// What [`GraphRequest::body`] returns: a JSON body may fail to serialize.
pub type BodyResult = ::std::result::Result<Body, RequestError>;

impl Body {
    /// No body.
    pub fn empty() -> Self {
        Body::default()
    }

    /// `value` as JSON (`application/json`).
    pub fn json<T: ::serde::Serialize + ?Sized>(value: &T) -> BodyResult {
        ::std::result::Result::Ok(Body {
            content_type: ::std::option::Option::Some("application/json"),
            bytes: ::serde_json::to_vec(value)?,
        })
    }

    /// Bytes as they are (`application/octet-stream`).
    pub fn bytes(bytes: &[u8]) -> BodyResult {
        ::std::result::Result::Ok(Body {
            content_type: ::std::option::Option::Some("application/octet-stream"),
            bytes: bytes.to_vec(),
        })
    }
}
