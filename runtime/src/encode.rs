//! Percent-encoding of path pieces and query values (RFC 3986), as Graph reads them.

/// Characters left as they are in a path segment: RFC 3986 unreserved ones.
const SEGMENT: &::percent_encoding::AsciiSet = &::percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes one path segment (`/`, `?`, `#`, `%`, spaces and unicode included).
pub fn encode_segment(segment: &str) -> ::std::string::String {
    ::percent_encoding::utf8_percent_encode(segment, SEGMENT).to_string()
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
