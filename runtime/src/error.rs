//! Errors: a request that cannot be built, and an answer that is not a success.

/// Why a request could not be built.
#[derive(Debug)]
pub enum RequestError {
    /// The body could not be serialized.
    Json(::serde_json::Error),
    /// The method, URI or a header was not valid HTTP.
    Http(::http::Error),
}

impl ::std::fmt::Display for RequestError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self {
            RequestError::Json(e) => write!(f, "cannot serialize the request body: {e}"),
            RequestError::Http(e) => write!(f, "cannot build the HTTP request: {e}"),
        }
    }
}

impl ::std::error::Error for RequestError {
    fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
        match self {
            RequestError::Json(e) => ::std::option::Option::Some(e),
            RequestError::Http(e) => ::std::option::Option::Some(e),
        }
    }
}

impl ::std::convert::From<::serde_json::Error> for RequestError {
    fn from(e: ::serde_json::Error) -> Self {
        RequestError::Json(e)
    }
}

impl ::std::convert::From<::http::Error> for RequestError {
    fn from(e: ::http::Error) -> Self {
        RequestError::Http(e)
    }
}

/// An error Graph answered with, or a success response that is not what the page
/// documents. Displays every field it has. (Boxed inside, so results stay small.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphError {
    inner: ::std::boxed::Box<GraphErrorFields>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct GraphErrorFields {
    status: u16,
    code: ::std::option::Option<::std::string::String>,
    message: ::std::option::Option<::std::string::String>,
    request_id: ::std::option::Option<::std::string::String>,
    client_request_id: ::std::option::Option<::std::string::String>,
    date: ::std::option::Option<::std::string::String>,
    decode_error: ::std::option::Option<::std::string::String>,
    body: ::std::vec::Vec<u8>,
}

impl GraphError {
    /// Reads Graph's error body (`{"error": {"code", "message", "innerError"}}`) and
    /// headers; a body that is not such JSON is kept in [`body`](Self::body) only.
    pub fn from_parts(status: u16, headers: &::http::HeaderMap, body: ::std::vec::Vec<u8>) -> Self {
        let json: ::serde_json::Value =
            ::serde_json::from_slice(&body).unwrap_or(::serde_json::Value::Null);
        let error = json.get("error");
        let text = |value: ::std::option::Option<&::serde_json::Value>| {
            value
                .and_then(::serde_json::Value::as_str)
                .map(::std::borrow::ToOwned::to_owned)
        };
        let inner = error.and_then(|e| e.get("innerError").or_else(|| e.get("innererror")));
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(::std::borrow::ToOwned::to_owned)
        };
        let fields = GraphErrorFields {
            status,
            code: text(error.and_then(|e| e.get("code"))),
            message: text(error.and_then(|e| e.get("message"))),
            request_id: text(inner.and_then(|i| i.get("request-id")))
                .or_else(|| header("request-id")),
            client_request_id: text(inner.and_then(|i| i.get("client-request-id")))
                .or_else(|| header("client-request-id")),
            date: text(inner.and_then(|i| i.get("date"))).or_else(|| header("date")),
            decode_error: ::std::option::Option::None,
            body,
        };
        GraphError {
            inner: ::std::boxed::Box::new(fields),
        }
    }

    /// The error for a non-2xx response.
    pub fn from_response(response: ::http::Response<::std::vec::Vec<u8>>) -> Self {
        let (parts, body) = response.into_parts();
        GraphError::from_parts(parts.status.as_u16(), &parts.headers, body)
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.inner.status
    }

    /// `error.code` (`Request_ResourceNotFound`, `ErrorItemNotFound`, ...).
    pub fn code(&self) -> ::std::option::Option<&str> {
        self.inner.code.as_deref()
    }

    /// `error.message`.
    pub fn message(&self) -> ::std::option::Option<&str> {
        self.inner.message.as_deref()
    }

    /// `error.innerError.request-id`, else the `request-id` header.
    pub fn request_id(&self) -> ::std::option::Option<&str> {
        self.inner.request_id.as_deref()
    }

    /// `error.innerError.client-request-id`, else the `client-request-id` header.
    pub fn client_request_id(&self) -> ::std::option::Option<&str> {
        self.inner.client_request_id.as_deref()
    }

    /// `error.innerError.date`, else the `Date` header.
    pub fn date(&self) -> ::std::option::Option<&str> {
        self.inner.date.as_deref()
    }

    /// Why a 2xx response could not be read as the documented type, when that is the
    /// error.
    pub fn decode_error(&self) -> ::std::option::Option<&str> {
        self.inner.decode_error.as_deref()
    }

    /// This error with why a 2xx body is not the documented type.
    pub(crate) fn with_decode_error(mut self, why: ::std::string::String) -> Self {
        self.inner.decode_error = ::std::option::Option::Some(why);
        self
    }

    /// The response body as received.
    pub fn body(&self) -> &[u8] {
        &self.inner.body
    }
}

/// Bodies longer than this are cut when displayed (they stay whole in `body`).
const DISPLAYED_BODY: usize = 4096;

impl ::std::fmt::Display for GraphError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        let this = &self.inner;
        match &this.decode_error {
            ::std::option::Option::Some(why) => write!(
                f,
                "HTTP {}: the response is not the documented type: {why}",
                this.status
            )?,
            ::std::option::Option::None => write!(f, "HTTP {}", this.status)?,
        }
        if let ::std::option::Option::Some(code) = &this.code {
            write!(f, ": {code}")?;
        }
        if let ::std::option::Option::Some(message) = &this.message {
            write!(f, ": {message}")?;
        }
        let ids = [
            ("request-id", &this.request_id),
            ("client-request-id", &this.client_request_id),
            ("date", &this.date),
        ];
        for (name, value) in ids {
            if let ::std::option::Option::Some(value) = value {
                write!(f, "; {name} {value}")?;
            }
        }
        if !this.body.is_empty() {
            let body = ::std::string::String::from_utf8_lossy(&this.body);
            let mut end = body.len().min(DISPLAYED_BODY);
            while !body.is_char_boundary(end) {
                end -= 1;
            }
            let more = if end < body.len() { "..." } else { "" };
            write!(f, "; body: {}{more}", &body[..end])?;
        }
        ::std::result::Result::Ok(())
    }
}

impl ::std::error::Error for GraphError {}
