//! The optional async client (cargo feature `client`): generic over [`GraphRequest`], so the
//! same code sends every generated request. reqwest (rustls) for transport, tokio's timer for
//! retry delays, `futures-util` for the paging stream, `httpdate` for `Retry-After` dates.

use super::{GraphError, GraphRequest, Page, RequestError};

/// Any error, boxed: what a [`TokenProvider`] may fail with.
pub type BoxError =
    ::std::boxed::Box<dyn ::std::error::Error + ::std::marker::Send + ::std::marker::Sync>;

/// A future that is `Send` and boxed, as the token provider returns it.
pub type BoxFuture<'a, T> = ::std::pin::Pin<
    ::std::boxed::Box<dyn ::std::future::Future<Output = T> + ::std::marker::Send + 'a>,
>;

/// Gives the bearer token for each request (and each retry), so it may refresh tokens.
pub trait TokenProvider: ::std::marker::Send + ::std::marker::Sync {
    /// The access token, without the `Bearer ` prefix.
    fn token(&self) -> BoxFuture<'_, ::std::result::Result<::std::string::String, BoxError>>;
}

/// A token that never changes (tests, short scripts).
#[derive(Clone)]
pub struct StaticToken(pub ::std::string::String);

impl ::std::fmt::Debug for StaticToken {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str("StaticToken(..)")
    }
}

impl TokenProvider for StaticToken {
    fn token(&self) -> BoxFuture<'_, ::std::result::Result<::std::string::String, BoxError>> {
        let token = self.0.clone();
        ::std::boxed::Box::pin(async move { ::std::result::Result::Ok(token) })
    }
}

/// When to retry a `429`, `503` or `504`, and how long to wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt; then the last answer is returned as an error.
    pub max_retries: u32,
    /// The wait before the first retry when the answer has no `Retry-After`; doubled for
    /// each retry after it.
    pub initial_backoff: ::std::time::Duration,
    /// No wait is longer than this, whatever `Retry-After` asks.
    pub max_backoff: ::std::time::Duration,
}

impl ::std::default::Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 4,
            initial_backoff: ::std::time::Duration::from_millis(500),
            max_backoff: ::std::time::Duration::from_secs(60),
        }
    }
}

/// Statuses Graph asks clients to retry: throttled, unavailable, gateway timeout.
pub fn is_retryable(status: u16) -> bool {
    matches!(status, 429 | 503 | 504)
}

/// The wait before retry number `attempt` (0 for the first): `Retry-After` in seconds
/// or as an HTTP-date (counted from `now`), else `initial_backoff * 2^attempt`; never
/// more than `max_backoff`.
pub fn retry_delay(
    policy: &RetryPolicy,
    attempt: u32,
    retry_after: ::std::option::Option<&::http::HeaderValue>,
    now: ::std::time::SystemTime,
) -> ::std::time::Duration {
    let asked = retry_after
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .and_then(|v| match v.parse::<u64>() {
            ::std::result::Result::Ok(seconds) => {
                ::std::option::Option::Some(::std::time::Duration::from_secs(seconds))
            }
            ::std::result::Result::Err(_) => ::httpdate::parse_http_date(v)
                .ok()
                .map(|at| at.duration_since(now).unwrap_or_default()),
        });
    let delay = asked.unwrap_or_else(|| {
        policy
            .initial_backoff
            .checked_mul(2u32.saturating_pow(attempt))
            .unwrap_or(policy.max_backoff)
    });
    delay.min(policy.max_backoff)
}

/// Why a request sent by the [`Client`] failed.
#[derive(Debug)]
pub enum ClientError {
    /// The request could not be built.
    Request(RequestError),
    /// Graph answered with an error, or with a body that is not the documented type.
    Graph(GraphError),
    /// The HTTP exchange failed (connection, TLS, timeout).
    Transport(::reqwest::Error),
    /// The token provider failed.
    Token(BoxError),
}

impl ::std::fmt::Display for ClientError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self {
            ClientError::Request(e) => write!(f, "{e}"),
            ClientError::Graph(e) => write!(f, "{e}"),
            ClientError::Transport(e) => write!(f, "HTTP transport failed: {e}"),
            ClientError::Token(e) => write!(f, "no access token: {e}"),
        }
    }
}

impl ::std::error::Error for ClientError {
    fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
        match self {
            ClientError::Request(e) => ::std::option::Option::Some(e),
            ClientError::Graph(e) => ::std::option::Option::Some(e),
            ClientError::Transport(e) => ::std::option::Option::Some(e),
            ClientError::Token(e) => ::std::option::Option::Some(&**e),
        }
    }
}

impl ::std::convert::From<RequestError> for ClientError {
    fn from(e: RequestError) -> Self {
        ClientError::Request(e)
    }
}

impl ::std::convert::From<GraphError> for ClientError {
    fn from(e: GraphError) -> Self {
        ClientError::Graph(e)
    }
}

impl ::std::convert::From<::reqwest::Error> for ClientError {
    fn from(e: ::reqwest::Error) -> Self {
        ClientError::Transport(e)
    }
}

/// The pages of a collection, in order, as the [`Client`] fetches them.
pub type PageStream<'a, T> = ::std::pin::Pin<
    ::std::boxed::Box<
        dyn ::futures_util::Stream<Item = ::std::result::Result<Page<T>, ClientError>>
            + ::std::marker::Send
            + 'a,
    >,
>;

/// Sends requests to Graph with a bearer token, retrying throttled and unavailable
/// answers, and follows next links.
#[derive(Clone)]
pub struct Client {
    http: ::reqwest::Client,
    base_url: ::std::string::String,
    tokens: ::std::sync::Arc<dyn TokenProvider>,
    retry: RetryPolicy,
}

impl ::std::fmt::Debug for Client {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client for `base_url` (such as [`GRAPH_V1`](super::GRAPH_V1)).
    pub fn new(
        base_url: impl ::std::convert::Into<::std::string::String>,
        tokens: impl TokenProvider + 'static,
    ) -> Self {
        Client {
            http: ::reqwest::Client::new(),
            base_url: base_url.into(),
            tokens: ::std::sync::Arc::new(tokens),
            retry: RetryPolicy::default(),
        }
    }

    /// Uses `http` (timeouts, proxies, ...) instead of a default reqwest client.
    pub fn with_http_client(mut self, http: ::reqwest::Client) -> Self {
        self.http = http;
        self
    }

    /// Replaces the [`RetryPolicy`].
    pub fn with_retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// The base URL requests are built against.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Sends `request` and parses the answer into its response type.
    pub async fn send<R: GraphRequest>(
        &self,
        request: &R,
    ) -> ::std::result::Result<R::Response, ClientError> {
        let request = request.to_request(&self.base_url)?;
        let response = self.execute(request).await?;
        ::std::result::Result::Ok(R::parse_response(response)?)
    }

    /// Sends a built request, with the bearer token when it goes to the base URL's
    /// origin, retrying `429`, `503` and `504` as the [`RetryPolicy`] says. Any status
    /// is returned as a response; only transport and token failures are errors.
    pub async fn execute(
        &self,
        request: ::http::Request<::std::vec::Vec<u8>>,
    ) -> ::std::result::Result<::http::Response<::std::vec::Vec<u8>>, ClientError> {
        let (parts, body) = request.into_parts();
        let authorize = same_origin(&parts.uri, &self.base_url);
        let mut attempt = 0u32;
        loop {
            let mut outgoing = ::http::Request::new(body.clone());
            *outgoing.method_mut() = parts.method.clone();
            *outgoing.uri_mut() = parts.uri.clone();
            *outgoing.headers_mut() = parts.headers.clone();
            if authorize {
                let token = self.tokens.token().await.map_err(ClientError::Token)?;
                let value = ::http::HeaderValue::try_from(::std::format!("Bearer {token}"))
                    .map_err(|e| ClientError::Token(::std::boxed::Box::new(e)))?;
                outgoing
                    .headers_mut()
                    .insert(::http::header::AUTHORIZATION, value);
            }
            let outgoing = ::reqwest::Request::try_from(outgoing)?;
            let response = self.http.execute(outgoing).await?;
            let status = response.status();
            if is_retryable(status.as_u16()) && attempt < self.retry.max_retries {
                let delay = retry_delay(
                    &self.retry,
                    attempt,
                    response.headers().get(::http::header::RETRY_AFTER),
                    ::std::time::SystemTime::now(),
                );
                drop(response);
                ::tokio::time::sleep(delay).await;
                attempt += 1;
                continue;
            }
            let headers = response.headers().clone();
            let version = response.version();
            let bytes = response.bytes().await?;
            let mut out = ::http::Response::new(bytes.to_vec());
            *out.status_mut() = status;
            *out.headers_mut() = headers;
            *out.version_mut() = version;
            return ::std::result::Result::Ok(out);
        }
    }

    /// Every page of a collection, following next links to the last page, whose
    /// `delta_link` is set for a delta query. The stream ends after the first error.
    pub fn pages<'a, R, T>(&'a self, request: &R) -> PageStream<'a, T>
    where
        R: GraphRequest<Response = Page<T>>,
        T: ::serde::de::DeserializeOwned + ::std::marker::Send + 'a,
    {
        let first = request.to_request(&self.base_url);
        let state = ::std::option::Option::Some(first);
        ::std::boxed::Box::pin(::futures_util::stream::unfold(
            state,
            move |state| async move {
                let request = match state? {
                    ::std::result::Result::Ok(request) => request,
                    ::std::result::Result::Err(e) => {
                        return ::std::option::Option::Some((
                            ::std::result::Result::Err(ClientError::Request(e)),
                            ::std::option::Option::None,
                        ));
                    }
                };
                let page = match self.execute(request).await {
                    ::std::result::Result::Ok(response) => {
                        super::parse_json::<Page<T>>(response).map_err(ClientError::Graph)
                    }
                    ::std::result::Result::Err(e) => ::std::result::Result::Err(e),
                };
                let next = match &page {
                    ::std::result::Result::Ok(page) => page.next_request(),
                    ::std::result::Result::Err(_) => ::std::option::Option::None,
                };
                ::std::option::Option::Some((page, next))
            },
        ))
    }

    /// Every item of a collection across its pages, and the last page's delta link.
    pub async fn all<R, T>(
        &self,
        request: &R,
    ) -> ::std::result::Result<
        (
            ::std::vec::Vec<T>,
            ::std::option::Option<::std::string::String>,
        ),
        ClientError,
    >
    where
        R: GraphRequest<Response = Page<T>>,
        T: ::serde::de::DeserializeOwned + ::std::marker::Send,
    {
        use ::futures_util::StreamExt as _;
        let mut pages = self.pages(request);
        let mut items = ::std::vec::Vec::new();
        let mut delta = ::std::option::Option::None;
        while let ::std::option::Option::Some(page) = pages.next().await {
            let page = page?;
            items.extend(page.value);
            delta = page.delta_link;
        }
        ::std::result::Result::Ok((items, delta))
    }
}

/// Whether `uri` has the scheme, host and port of `base_url`: only there does the
/// bearer token go (a next link elsewhere is fetched without it).
fn same_origin(uri: &::http::Uri, base_url: &str) -> bool {
    match base_url.parse::<::http::Uri>() {
        ::std::result::Result::Ok(base) => {
            uri.scheme() == base.scheme() && uri.authority() == base.authority()
        }
        ::std::result::Result::Err(_) => false,
    }
}
