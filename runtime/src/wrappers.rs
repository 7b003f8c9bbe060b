//! Wrappers that change what a request's response parses into: a cast path's type, and
//! `Prefer: return=representation`.

use super::{BodyResult, GraphRequest, ReadJson, RequestError, RequestParts};

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
    type Read = ReadJson;
    const METHOD: ::http::Method = R::METHOD;
    const SUCCESS_STATUS: u16 = R::SUCCESS_STATUS;

    fn parts(&self) -> &RequestParts {
        self.request.parts()
    }

    fn parts_mut(&mut self) -> &mut RequestParts {
        self.request.parts_mut()
    }

    fn body(&self) -> BodyResult {
        self.request.body()
    }

    fn to_request(
        &self,
        base_url: &str,
    ) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, RequestError> {
        self.request.to_request(base_url)
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
    type Read = ReadJson;
    const METHOD: ::http::Method = R::METHOD;
    const SUCCESS_STATUS: u16 = 200;

    fn parts(&self) -> &RequestParts {
        self.request.parts()
    }

    fn parts_mut(&mut self) -> &mut RequestParts {
        self.request.parts_mut()
    }

    fn body(&self) -> BodyResult {
        self.request.body()
    }

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
}
