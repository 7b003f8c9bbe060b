//! Reading a response: a 2xx into the documented type, anything else into a `GraphError`.

use super::{GraphError, error_path};

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
        GraphError::from_parts(status, &headers, body).with_decode_error(message)
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

/// How a 2xx response is read into `T` (a request's [`GraphRequest::Read`](super::GraphRequest::Read)).
pub trait ReadResponse<T> {
    /// Reads `response`: a 2xx into `T`, anything else into a [`GraphError`].
    fn read(
        response: ::http::Response<::std::vec::Vec<u8>>,
    ) -> ::std::result::Result<T, GraphError>;
}

/// Reads the JSON body as the documented type ([`parse_json`]).
#[derive(Debug, Clone, Copy)]
pub struct ReadJson;

impl<T: ::serde::de::DeserializeOwned> ReadResponse<T> for ReadJson {
    fn read(
        response: ::http::Response<::std::vec::Vec<u8>>,
    ) -> ::std::result::Result<T, GraphError> {
        parse_json(response)
    }
}

/// Reads a body of any JSON shape, an empty one as `null` ([`parse_value`]).
#[derive(Debug, Clone, Copy)]
pub struct ReadValue;

impl ReadResponse<::serde_json::Value> for ReadValue {
    fn read(
        response: ::http::Response<::std::vec::Vec<u8>>,
    ) -> ::std::result::Result<::serde_json::Value, GraphError> {
        parse_value(response)
    }
}

/// Reads the body as bytes ([`parse_bytes`]).
#[derive(Debug, Clone, Copy)]
pub struct ReadBytes;

impl ReadResponse<::std::vec::Vec<u8>> for ReadBytes {
    fn read(
        response: ::http::Response<::std::vec::Vec<u8>>,
    ) -> ::std::result::Result<::std::vec::Vec<u8>, GraphError> {
        parse_bytes(response)
    }
}

/// Reads nothing from a success ([`parse_empty`]).
#[derive(Debug, Clone, Copy)]
pub struct ReadEmpty;

impl ReadResponse<()> for ReadEmpty {
    fn read(
        response: ::http::Response<::std::vec::Vec<u8>>,
    ) -> ::std::result::Result<(), GraphError> {
        parse_empty(response)
    }
}
