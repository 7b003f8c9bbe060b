//! Wrappers that change what a request's response parses into: a cast path's type
//! ([`Retyped`]), and `Prefer: return=representation` ([`ReturnRepresentation`]). Both are one
//! struct, [`Reread`], told apart by what they do to the request ([`RereadMode`]).

use super::{BodyResult, GraphRequest, ReadJson, RequestError, RequestParts};

/// A request whose response is read as `T`: made by a request's `as_<type>()` where its
/// paths end in different casts (`/directory/deletedItems/microsoft.graph.group`), so
/// that items without `@odata.type` are read as the cast type, not the base.
pub type Retyped<R, T> = Reread<R, T, AsCast>;

/// A request sent with `Prefer: return=representation`: where the page documents it,
/// Graph answers with the entity (`200 OK`) instead of no content. Made by a request's
/// `return_representation()`.
pub type ReturnRepresentation<R, T> = Reread<R, T, Representation>;

/// What a [`Reread`] changes in the request it wraps, beside the response type.
pub trait RereadMode {
    /// The name its `Debug` output shows.
    const NAME: &'static str;
    /// The success status, when it differs from the wrapped request's.
    const SUCCESS_STATUS: ::std::option::Option<u16>;
    /// Changes the built request.
    fn finish(request: &mut ::http::Request<::std::vec::Vec<u8>>);
}

/// [`Retyped`]: the request is sent unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AsCast {}

impl RereadMode for AsCast {
    const NAME: &'static str = "Retyped";
    const SUCCESS_STATUS: ::std::option::Option<u16> = ::std::option::Option::None;
    fn finish(_: &mut ::http::Request<::std::vec::Vec<u8>>) {}
}

/// [`ReturnRepresentation`]: `Prefer: return=representation` is added, and success is `200`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Representation {}

impl RereadMode for Representation {
    const NAME: &'static str = "ReturnRepresentation";
    const SUCCESS_STATUS: ::std::option::Option<u16> = ::std::option::Option::Some(200);
    fn finish(request: &mut ::http::Request<::std::vec::Vec<u8>>) {
        // Appended, so a `Prefer` the request already sets (`outlook.timezone`) stays.
        request.headers_mut().append(
            ::http::header::HeaderName::from_static("prefer"),
            ::http::header::HeaderValue::from_static("return=representation"),
        );
    }
}

/// A request `R` whose response is read as JSON into `T`, changed as mode `M` says.
pub struct Reread<R, T, M> {
    request: R,
    response: ::std::marker::PhantomData<fn() -> (T, M)>,
}

impl<R, T, M> Reread<R, T, M> {
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

    /// Changes the wrapped request (`|r| r.top(10)`).
    pub fn map(self, f: impl ::std::ops::FnOnce(R) -> R) -> Self {
        Self::new(f(self.request))
    }

    /// The wrapped request back.
    pub fn into_request(self) -> R {
        self.request
    }
}

impl<R: ::std::fmt::Debug, T, M: RereadMode> ::std::fmt::Debug for Reread<R, T, M> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct(M::NAME)
            .field("request", &self.request)
            .finish()
    }
}

impl<R: ::std::clone::Clone, T, M> ::std::clone::Clone for Reread<R, T, M> {
    fn clone(&self) -> Self {
        Self::new(self.request.clone())
    }
}

impl<R: ::std::cmp::PartialEq, T, M> ::std::cmp::PartialEq for Reread<R, T, M> {
    fn eq(&self, other: &Self) -> bool {
        self.request == other.request
    }
}

impl<R: GraphRequest, T: ::serde::de::DeserializeOwned, M: RereadMode> GraphRequest
    for Reread<R, T, M>
{
    type Response = T;
    type Read = ReadJson;
    const METHOD: ::http::Method = R::METHOD;
    const SUCCESS_STATUS: u16 = match M::SUCCESS_STATUS {
        ::std::option::Option::Some(status) => status,
        ::std::option::Option::None => R::SUCCESS_STATUS,
    };

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
        M::finish(&mut request);
        ::std::result::Result::Ok(request)
    }
}
