//! HTTP messages inside code blocks: syntax blocks (one or more request lines), example requests
//! (request line, headers, body) and responses (status line, headers, body).
//!
//! The pages bend HTTP: stubs put a blank line between an action's request line and its headers
//! and none between response headers and body; a long URL may run onto the next line.

use super::page::{Header, HttpBody, HttpMessage, RequestLine};

const METHODS: [&str; 7] = ["GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS"];

/// Whether the first non-blank line of a block starts an HTTP message.
pub fn looks_like_http(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .is_some_and(|l| request_line_parts(l).is_some() || status_line_parts(l).is_some())
}

/// Parses an HTTP message; `first_line` is the page line of the block's first line.
pub fn parse(text: &str, first_line: usize) -> Option<HttpMessage> {
    let lines = numbered_lines(text, first_line);
    let mut i = lines.iter().position(|(_, l)| !l.trim().is_empty())?;
    let (start_no, start) = lines[i];
    let start = start.trim();

    if let Some((version, status, reason)) = parse_status_line(start) {
        i += 1;
        let headers = read_headers(&lines, &mut i, false);
        return Some(HttpMessage::Response {
            line: start_no,
            version,
            status,
            reason,
            headers,
            body: read_body(text, &lines, i),
        });
    }

    let mut request_lines = vec![parse_request_line(start, start_no)?];
    i += 1;
    loop {
        // A line that is no request line, header or body start continues the URL above it;
        // inside a function call's argument list left open (`batchGet(ids=[`, its collection
        // written one item per line), so does an indented line or one that starts a JSON value,
        // until the list closes.
        let mut joined = 0;
        while let Some(&(_, l)) = lines.get(i) {
            let t = l.trim();
            // `GET /me/memberOf` `or` `GET /users/{id}/memberOf`: prose between alternatives.
            if t.eq_ignore_ascii_case("or") {
                i += 1;
                break;
            }
            let last = request_lines.last_mut().expect("one request line at least");
            let continues = match open_bracket(&last.target) {
                // A JSON body after a path that never closes its `(` (a page's typo:
                // `range(address='<address>'/entireRow`) is the body, not the path's; an
                // object inside an open collection (`queryParams=[`, `{`) is an item.
                Some(open) => joined < MAX_JOINED && !(open == b'(' && t.starts_with('{')),
                None => !starts_body(t) && !l.starts_with([' ', '\t']),
            };
            if t.is_empty() || is_header(t) || request_line_parts(t).is_some() || !continues {
                break;
            }
            last.target.push_str(t);
            joined += 1;
            i += 1;
        }
        // Syntax blocks list alternative paths, sometimes with blank lines between them.
        let next = lines[i..].iter().position(|(_, l)| !l.trim().is_empty());
        match next.and_then(|n| {
            let (no, l) = lines[i + n];
            parse_request_line(l.trim(), no).map(|r| (n, r))
        }) {
            Some((n, line)) => {
                request_lines.push(line);
                i += n + 1;
            }
            None => break,
        }
    }
    let headers = read_headers(&lines, &mut i, true);
    Some(HttpMessage::Request {
        lines: request_lines,
        headers,
        body: read_body(text, &lines, i),
    })
}

/// How many lines an open argument list may take (`open_bracket`): a list that never closes
/// takes no more than this of what follows it.
const MAX_JOINED: usize = 64;

/// The innermost bracket `target` leaves open (`(`, `[` or `{`), outside string literals
/// (OData's `'...'`, and the `"..."` of a collection argument's JSON items).
fn open_bracket(target: &str) -> Option<u8> {
    // Most targets call nothing: their `{id}` braces close where they open.
    memchr::memchr2(b'(', b'[', target.as_bytes())?;
    let (mut open, mut quote) = (Vec::new(), None);
    for b in target.bytes() {
        match (b, quote) {
            (b'\'' | b'"', None) => quote = Some(b),
            (q, Some(open)) if q == open => quote = None,
            (b'(' | b'[' | b'{', None) => open.push(b),
            (b')' | b']' | b'}', None) => {
                open.pop();
            }
            _ => {}
        }
    }
    open.last().copied()
}

/// The lines of `text` as `str::lines` gives them, each without its trailing `\r`s, numbered
/// from `first_line`: cut at the line feeds one vectorised scan finds, instead of a search per
/// line.
fn numbered_lines(text: &str, first_line: usize) -> Vec<(usize, &str)> {
    let mut lines = Vec::with_capacity(text.len() / 32 + 1);
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()) {
        lines.push((
            first_line + lines.len(),
            text[start..end].trim_end_matches('\r'),
        ));
        start = end + 1;
    }
    if start < text.len() {
        lines.push((
            first_line + lines.len(),
            text[start..].trim_end_matches('\r'),
        ));
    }
    lines
}

/// `GET /path`, `PATCH https://graph.microsoft.com/beta/x HTTP/1.1`; the target may hold spaces.
fn parse_request_line(line: &str, line_no: usize) -> Option<RequestLine> {
    let (method, target, version) = request_line_parts(line)?;
    Some(RequestLine {
        line: line_no,
        method: method.to_owned(),
        target: target.to_owned(),
        version: version.map(str::to_owned),
    })
}

/// A request line's method, target and version, borrowed: asking whether a line is one costs
/// no allocation.
fn request_line_parts(line: &str) -> Option<(&str, &str, Option<&str>)> {
    let (method, rest) = line.split_once([' ', '\t'])?;
    if !METHODS.contains(&method) {
        return None;
    }
    let rest = rest.trim();
    if rest.is_empty() {
        return None;
    }
    Some(match rest.rsplit_once(' ') {
        Some((t, v)) if v.starts_with("HTTP/") => (method, t.trim_end(), Some(v)),
        _ => (method, rest, None),
    })
}

/// `HTTP/1.1 200 OK`, `HTTP/1.1 204`, `HTTP 200 OK`.
fn parse_status_line(line: &str) -> Option<(String, u16, String)> {
    let (version, status, reason) = status_line_parts(line)?;
    Some((version.to_owned(), status, reason.to_owned()))
}

/// A status line's version, code and reason, borrowed.
fn status_line_parts(line: &str) -> Option<(&str, u16, &str)> {
    let (version, rest) = line.split_once(' ')?;
    if !(version == "HTTP" || version.starts_with("HTTP/")) {
        return None;
    }
    let rest = rest.trim_start();
    let (code, reason) = rest.split_once(' ').unwrap_or((rest, ""));
    if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((version, code.parse().ok()?, reason.trim()))
}

fn is_header(line: &str) -> bool {
    match line.split_once(':') {
        Some((name, _)) => {
            !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        }
        None => false,
    }
}

fn starts_body(line: &str) -> bool {
    line.starts_with(['{', '[', '<', '"'])
}

/// Headers up to a blank line or the body. `skip_blank_first`: stub requests put a blank line
/// between the request line and the headers; it is skipped only when headers follow it.
fn read_headers(lines: &[(usize, &str)], i: &mut usize, skip_blank_first: bool) -> Vec<Header> {
    if skip_blank_first {
        let mut j = *i;
        while lines.get(j).is_some_and(|(_, l)| l.trim().is_empty()) {
            j += 1;
        }
        if lines.get(j).is_some_and(|(_, l)| is_header(l.trim())) {
            *i = j;
        }
    }
    let mut headers = Vec::new();
    while let Some(&(no, l)) = lines.get(*i) {
        let t = l.trim();
        if t.is_empty() || !is_header(t) {
            break;
        }
        let (name, value) = t.split_once(':').expect("is_header checked the colon");
        headers.push(Header {
            line: no,
            name: name.trim().to_owned(),
            value: value.trim().to_owned(),
        });
        *i += 1;
    }
    headers
}

/// The body: the lines from `i` on, without blank lines around them, joined by `\n`. `lines`
/// are [`numbered_lines`] of `text`.
fn read_body(text: &str, lines: &[(usize, &str)], i: usize) -> Option<HttpBody> {
    let start = i + lines[i.min(lines.len())..]
        .iter()
        .position(|(_, l)| !l.trim().is_empty())?;
    let end = lines.len() - lines.iter().rev().position(|(_, l)| !l.trim().is_empty())?;
    // Lines cut from `text` at single line feeds: where no `\r` was dropped, the joined lines
    // are the text from the first's start to the last's end, copied once.
    let at = |l: &str| l.as_ptr() as usize - text.as_ptr() as usize;
    let (first, last) = (lines[start].1, lines[end - 1].1);
    let span = &text[at(first)..at(last) + last.len()];
    let body = if span.contains('\r') {
        let text: Vec<&str> = lines[start..end].iter().map(|(_, l)| *l).collect();
        text.join("\n")
    } else {
        span.to_owned()
    };
    Some(HttpBody {
        line: lines[start].0,
        text: body,
    })
}

/// The body's media type from `Content-Type`, lower-cased without parameters.
pub fn content_type(headers: &[Header]) -> Option<String> {
    headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("content-type"))
        .map(|h| {
            h.value
                .split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_lowercase()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_bodies_are_cut_as_str_lines_cuts_them() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\nb",
            "a\r\nb\r\n",
            "a\r\r\nb\r",
            "\n\na\n\n",
            "POST /x\r\nContent-type: application/json\r\n\r\n{\r\n  \"a\": 1\r\n}\r\n",
            "HTTP/1.1 200 OK\n\n{\n  \"a\": \"x\ry\"\n}\n\n",
        ] {
            let expected: Vec<(usize, &str)> = text
                .lines()
                .enumerate()
                .map(|(i, l)| (7 + i, l.trim_end_matches('\r')))
                .collect();
            let lines = numbered_lines(text, 7);
            assert_eq!(lines, expected, "{text:?}");
            for i in 0..=lines.len() {
                let joined = (|| {
                    let start = i + lines[i.min(lines.len())..]
                        .iter()
                        .position(|(_, l)| !l.trim().is_empty())?;
                    let end =
                        lines.len() - lines.iter().rev().position(|(_, l)| !l.trim().is_empty())?;
                    let parts: Vec<&str> = lines[start..end].iter().map(|(_, l)| *l).collect();
                    Some(parts.join("\n"))
                })();
                assert_eq!(
                    read_body(text, &lines, i).map(|b| b.text),
                    joined,
                    "{text:?} from {i}"
                );
            }
        }
    }

    fn request(msg: HttpMessage) -> (Vec<RequestLine>, Vec<Header>, Option<HttpBody>) {
        match msg {
            HttpMessage::Request {
                lines,
                headers,
                body,
            } => (lines, headers, body),
            other => panic!("not a request: {other:?}"),
        }
    }

    #[test]
    fn syntax_block_lists_every_path_even_with_blank_lines() {
        let msg = parse("GET /me/events\nGET /users/{id | userPrincipalName}/events\n\nGET /groups/{id}/events\n", 10).unwrap();
        let (lines, headers, body) = request(msg);
        let targets: Vec<_> = lines.iter().map(|l| (l.line, l.target.as_str())).collect();
        assert_eq!(
            targets,
            [
                (10, "/me/events"),
                (11, "/users/{id | userPrincipalName}/events"),
                (13, "/groups/{id}/events")
            ]
        );
        assert!(headers.is_empty() && body.is_none());
    }

    #[test]
    fn stub_request_with_blank_line_before_headers() {
        let text = "POST https://graph.microsoft.com/beta/x/act\r\n\r\nContent-type: application/json\r\nContent-length: 2\r\n\r\n{\r\n}\r\n";
        let (lines, headers, body) = request(parse(text, 1).unwrap());
        assert_eq!(lines[0].method, "POST");
        assert_eq!(headers.len(), 2);
        assert_eq!(content_type(&headers).as_deref(), Some("application/json"));
        let body = body.unwrap();
        assert_eq!((body.line, body.text.as_str()), (6, "{\n}"));
    }

    #[test]
    fn response_without_blank_line_before_body() {
        let msg = parse(
            "HTTP/1.1 201 Created\nContent-type: application/json\n{\n  \"a\": 1\n}",
            5,
        )
        .unwrap();
        match msg {
            HttpMessage::Response {
                line,
                status,
                reason,
                headers,
                body,
                ..
            } => {
                assert_eq!((line, status, reason.as_str()), (5, 201, "Created"));
                assert_eq!(headers.len(), 1);
                assert_eq!(body.unwrap().line, 7);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn url_running_over_two_lines_is_joined() {
        let text = "GET https://graph.microsoft.com/v1.0/me/calendarView?startDateTime=2017-01-01T19:00:00-08:00&\nendDateTime=2017-01-07T19:00:00-08:00\n";
        let (lines, _, _) = request(parse(text, 1).unwrap());
        assert_eq!(lines.len(), 1);
        assert!(
            lines[0]
                .target
                .ends_with("&endDateTime=2017-01-07T19:00:00-08:00")
        );
    }

    #[test]
    fn an_argument_list_left_open_runs_on_until_it_closes() {
        // The targets read, how many headers, and whether a body follows.
        let read = |text: &str| {
            let (lines, headers, body) = request(parse(text, 1).unwrap());
            let targets: Vec<String> = lines.into_iter().map(|l| l.target).collect();
            (targets, headers.len(), body.is_some())
        };
        // Items one per line, a `(` inside a JSON string opening nothing.
        assert_eq!(
            read(
                "GET /decoratedProfiles/batchGet(ids=[\n  \"String\",\n  \"x(\"\n])\nAuthorization: Bearer x\n"
            ),
            (
                vec!["/decoratedProfiles/batchGet(ids=[\"String\",\"x(\"])".to_owned()],
                1,
                false
            )
        );
        // Objects as a collection argument's items.
        assert_eq!(
            read(
                "GET /graph/query(queryId='q',queryParams=[\n  {\n    \"@odata.type\": \"x\"\n  }\n])\n"
            ),
            (
                vec!["/graph/query(queryId='q',queryParams=[{\"@odata.type\": \"x\"}])".to_owned()],
                0,
                false
            )
        );
        // A `(` inside an OData string literal opens nothing: the body stays the body.
        assert_eq!(
            read("GET /users?$filter=startswith(displayName,'a(')\n\n{\"a\": 1}\n"),
            (
                vec!["/users?$filter=startswith(displayName,'a(')".to_owned()],
                0,
                true
            )
        );
        // A path that never closes its `(` takes no request line, and no body, after it.
        assert_eq!(
            read("GET /workbook/range(address='a'/entireRow\nGET /workbook/tables/{id}/range\n"),
            (
                vec![
                    "/workbook/range(address='a'/entireRow".to_owned(),
                    "/workbook/tables/{id}/range".to_owned()
                ],
                0,
                false
            )
        );
        assert_eq!(
            read("PATCH /workbook/range(address='a'\n{\"a\": 1}\n"),
            (vec!["/workbook/range(address='a'".to_owned()], 0, true)
        );
    }

    #[test]
    fn an_or_between_alternative_paths_is_no_part_of_either() {
        let text = "GET /me/memberOf\nor\nGET /users/{id | userPrincipalName}/memberOf\n";
        let (lines, _, _) = request(parse(text, 1).unwrap());
        let targets: Vec<&str> = lines.iter().map(|l| l.target.as_str()).collect();
        assert_eq!(
            targets,
            ["/me/memberOf", "/users/{id | userPrincipalName}/memberOf"]
        );
    }

    #[test]
    fn target_keeps_spaces_and_drops_the_version() {
        let (lines, _, _) = request(
            parse(
                "GET /security/alerts?$filter={property} eq '{property-value}' HTTP/1.1",
                1,
            )
            .unwrap(),
        );
        assert_eq!(
            lines[0].target,
            "/security/alerts?$filter={property} eq '{property-value}'"
        );
        assert_eq!(lines[0].version.as_deref(), Some("HTTP/1.1"));
    }

    #[test]
    fn not_http() {
        assert!(!looks_like_http("{\"a\": 1}"));
        assert!(!looks_like_http("GETTER /x"));
        assert!(!looks_like_http(""));
        assert!(parse("HTTP/1.1 2000 OK", 1).is_none());
        assert!(looks_like_http("\n  HTTP/1.1 204 No Content\n"));
    }
}
