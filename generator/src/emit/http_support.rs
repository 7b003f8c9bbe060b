//! The sans-IO half of the `support` module: the `GraphRequest` trait every request type
//! implements, `GraphError`, the `Page` of a collection, response parsing, and the encoding of
//! path pieces and query values. Appended to `support.rs` after the base URLs and
//! `RequestError` (see `support::support`).

use proc_macro2::TokenStream;
use quote::quote;

pub fn http_support() -> TokenStream {
    quote! {
        /// A Graph operation, sans IO: build its `http::Request`, parse its `http::Response`.
        ///
        /// Every request type implements it, so a client can send any of them.
        pub trait GraphRequest {
            /// What a successful response parses into: a model, a [`Page`] of a collection,
            /// bytes for a stream, `()` when there is no content, or JSON when the page does not
            /// say.
            type Response;
            /// The status code the page documents for success (any 2xx is accepted).
            const SUCCESS_STATUS: u16;
            /// Builds the HTTP request against `base_url` ([`GRAPH_V1`], [`GRAPH_BETA`] or a
            /// national cloud's endpoint); path parameters and query values are percent-encoded.
            fn to_request(
                &self,
                base_url: &str,
            ) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, RequestError>;
            /// Parses a response: a 2xx into [`Self::Response`], anything else into a
            /// [`GraphError`].
            fn parse_response(
                response: ::http::Response<::std::vec::Vec<u8>>,
            ) -> ::std::result::Result<Self::Response, GraphError>;
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
            pub fn from_parts(
                status: u16,
                headers: &::http::HeaderMap,
                body: ::std::vec::Vec<u8>,
            ) -> Self {
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

        /// The status and body of a 2xx response, or the [`GraphError`] of any other.
        fn success(
            response: ::http::Response<::std::vec::Vec<u8>>,
        ) -> ::std::result::Result<(u16, ::std::vec::Vec<u8>), GraphError> {
            if response.status().is_success() {
                let status = response.status().as_u16();
                ::std::result::Result::Ok((status, response.into_body()))
            } else {
                ::std::result::Result::Err(GraphError::from_response(response))
            }
        }

        /// A 2xx response's JSON body as `T`.
        pub fn parse_json<T: ::serde::de::DeserializeOwned>(
            response: ::http::Response<::std::vec::Vec<u8>>,
        ) -> ::std::result::Result<T, GraphError> {
            let headers = response.headers().clone();
            let (status, body) = success(response)?;
            ::serde_json::from_slice(&body).map_err(|e| {
                // Name the JSON path of the value: serde_json's position is the end of the
                // enclosing object once a flattened catch-all is involved.
                let message = match error_path::<T>(&body) {
                    ::std::option::Option::Some(path) => format!("{e}, at {path}"),
                    ::std::option::Option::None => e.to_string(),
                };
                let mut error = GraphError::from_parts(status, &headers, body);
                error.inner.decode_error = ::std::option::Option::Some(message);
                error
            })
        }

        /// A 2xx response's body as JSON of any shape; an empty body is `null`.
        pub fn parse_value(
            response: ::http::Response<::std::vec::Vec<u8>>,
        ) -> ::std::result::Result<::serde_json::Value, GraphError> {
            if response.status().is_success() && response.body().is_empty() {
                return ::std::result::Result::Ok(::serde_json::Value::Null);
            }
            parse_json(response)
        }

        /// A 2xx response's body as bytes (`$value`, `/content`).
        pub fn parse_bytes(
            response: ::http::Response<::std::vec::Vec<u8>>,
        ) -> ::std::result::Result<::std::vec::Vec<u8>, GraphError> {
            success(response).map(|(_, body)| body)
        }

        /// A 2xx response whose body, if any, carries nothing (`204 No Content`).
        pub fn parse_empty(
            response: ::http::Response<::std::vec::Vec<u8>>,
        ) -> ::std::result::Result<(), GraphError> {
            success(response).map(|_| ())
        }

        /// Characters left as they are in a query value: RFC 3986 unreserved ones and the
        /// OData punctuation that means nothing to a query string (`,` `'` `(` `)` `:` `@` `/`
        /// `*` `!` `$` `;`). `&`, `=`, `+`, `#`, `%`, `?`, spaces and unicode are encoded.
        const QUERY_VALUE: &::percent_encoding::AsciiSet = &::percent_encoding::NON_ALPHANUMERIC
            .remove(b'-')
            .remove(b'.')
            .remove(b'_')
            .remove(b'~')
            .remove(b',')
            .remove(b'\'')
            .remove(b'(')
            .remove(b')')
            .remove(b':')
            .remove(b'@')
            .remove(b'/')
            .remove(b'*')
            .remove(b'!')
            .remove(b'$')
            .remove(b';');

        /// Percent-encodes a query value (`$filter=startswith(displayName,'a b')`).
        pub fn encode_query_value(value: &str) -> ::std::string::String {
            ::percent_encoding::utf8_percent_encode(value, QUERY_VALUE).to_string()
        }

        /// An OData string literal inside a key or function call (`items('{id}')`): quotes
        /// doubled, then encoded as a path segment.
        pub fn encode_literal(value: &str) -> ::std::string::String {
            encode_segment(&value.replace('\'', "''"))
        }

        /// An item path (`root:/{item-path}:`): each `/`-separated part encoded, the `/` kept;
        /// a leading `/` is dropped.
        pub fn encode_item_path(path: &str) -> ::std::string::String {
            path.trim_start_matches('/')
                .split('/')
                .map(encode_segment)
                .collect::<::std::vec::Vec<_>>()
                .join("/")
        }

        /// Appends `name=value` to `uri`: `?` before the first, `&` after. Both are encoded as
        /// query values, so `$select` keeps its `$`.
        pub fn push_query(uri: &mut ::std::string::String, name: &str, value: &str) {
            uri.push(if uri.contains('?') { '&' } else { '?' });
            uri.push_str(&encode_query_value(name));
            uri.push('=');
            uri.push_str(&encode_query_value(value));
        }
    }
}

/// The runtime's wrappers that change what a request's response parses into:
/// `Prefer: return=representation`, and a cast path's type (separate items, so that the request
/// runtime above is left as it is).
pub fn response_wrappers() -> TokenStream {
    quote! {
        /// A request whose response is read as `T`: made by a request's `as_<type>()` where its
        /// paths end in different casts (`/directory/deletedItems/microsoft.graph.group`), so
        /// that items without `@odata.type` are read as the cast type, not the base.
        pub struct Retyped<R, T> {
            request: R,
            response: ::std::marker::PhantomData<fn() -> T>,
        }

        impl<R, T> Retyped<R, T> {
            /// Wraps `request`, sent unchanged.
            pub fn new(request: R) -> Self {
                Self {
                    request,
                    response: ::std::marker::PhantomData,
                }
            }

            /// The wrapped request.
            pub fn request(&self) -> &R {
                &self.request
            }

            /// Changes the wrapped request (`|r| r.top(10)`).
            pub fn map(self, f: impl ::std::ops::FnOnce(R) -> R) -> Self {
                Self::new(f(self.request))
            }

            /// The wrapped request back.
            pub fn into_request(self) -> R {
                self.request
            }
        }

        impl<R: ::std::fmt::Debug, T> ::std::fmt::Debug for Retyped<R, T> {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct("Retyped")
                    .field("request", &self.request)
                    .finish()
            }
        }

        impl<R: ::std::clone::Clone, T> ::std::clone::Clone for Retyped<R, T> {
            fn clone(&self) -> Self {
                Self::new(self.request.clone())
            }
        }

        impl<R: ::std::cmp::PartialEq, T> ::std::cmp::PartialEq for Retyped<R, T> {
            fn eq(&self, other: &Self) -> bool {
                self.request == other.request
            }
        }

        impl<R: GraphRequest, T: ::serde::de::DeserializeOwned> GraphRequest for Retyped<R, T> {
            type Response = T;
            const SUCCESS_STATUS: u16 = R::SUCCESS_STATUS;

            fn to_request(
                &self,
                base_url: &str,
            ) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, RequestError> {
                self.request.to_request(base_url)
            }

            fn parse_response(
                response: ::http::Response<::std::vec::Vec<u8>>,
            ) -> ::std::result::Result<Self::Response, GraphError> {
                parse_json(response)
            }
        }

        /// A request sent with `Prefer: return=representation`: where the page documents it,
        /// Graph answers with the entity (`200 OK`) instead of no content. Made by a request's
        /// `return_representation()`.
        pub struct ReturnRepresentation<R, T> {
            request: R,
            response: ::std::marker::PhantomData<fn() -> T>,
        }

        impl<R, T> ReturnRepresentation<R, T> {
            /// Wraps `request`; its own headers, query and body are sent unchanged.
            pub fn new(request: R) -> Self {
                Self {
                    request,
                    response: ::std::marker::PhantomData,
                }
            }

            /// The wrapped request.
            pub fn request(&self) -> &R {
                &self.request
            }

            /// The wrapped request back, to send without the preference.
            pub fn into_request(self) -> R {
                self.request
            }
        }

        impl<R: ::std::fmt::Debug, T> ::std::fmt::Debug for ReturnRepresentation<R, T> {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct("ReturnRepresentation")
                    .field("request", &self.request)
                    .finish()
            }
        }

        impl<R: ::std::clone::Clone, T> ::std::clone::Clone for ReturnRepresentation<R, T> {
            fn clone(&self) -> Self {
                Self::new(self.request.clone())
            }
        }

        impl<R: ::std::cmp::PartialEq, T> ::std::cmp::PartialEq for ReturnRepresentation<R, T> {
            fn eq(&self, other: &Self) -> bool {
                self.request == other.request
            }
        }

        impl<R: GraphRequest, T: ::serde::de::DeserializeOwned> GraphRequest
            for ReturnRepresentation<R, T>
        {
            type Response = T;
            const SUCCESS_STATUS: u16 = 200;

            fn to_request(
                &self,
                base_url: &str,
            ) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, RequestError> {
                let mut request = self.request.to_request(base_url)?;
                // Appended, so a `Prefer` the request already sets (`outlook.timezone`) stays.
                request.headers_mut().append(
                    ::http::header::HeaderName::from_static("prefer"),
                    ::http::header::HeaderValue::from_static("return=representation"),
                );
                ::std::result::Result::Ok(request)
            }

            fn parse_response(
                response: ::http::Response<::std::vec::Vec<u8>>,
            ) -> ::std::result::Result<Self::Response, GraphError> {
                parse_json(response)
            }
        }
    }
}
