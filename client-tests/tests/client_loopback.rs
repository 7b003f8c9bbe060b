//! `graph_models::client` against a real HTTP/1.1 server on loopback, started by each test: a
//! small hand-written server on `std::net::TcpListener` that answers a script of responses and
//! records the requests it got. Every test is bounded by a timeout; none asserts on timing.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use futures_util::StreamExt;
use graph_models::client::{Client, ClientError, RetryPolicy, StaticToken, retry_delay};
use graph_models::models::HostSecurityProfile;
use graph_models::requests::{
    HostSecurityProfileDelete, HostSecurityProfileGet, SecurityListHostSecurityProfiles,
};

/// What the server saw of one request.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    target: String,
    authorization: Option<String>,
}

/// One scripted answer: status line, extra headers, body. `{base}` in the body becomes the
/// server's own base URL (for next links).
struct Reply {
    status: &'static str,
    headers: Vec<(&'static str, String)>,
    body: String,
}

fn reply(status: &'static str, body: &str) -> Reply {
    Reply {
        status,
        headers: Vec::new(),
        body: body.to_owned(),
    }
}

/// Serves `script` in order, one connection per request, then stops. Returns the base URL
/// (`http://127.0.0.1:PORT/v1.0`) and the requests seen.
fn serve(script: Vec<Reply>) -> (String, Arc<Mutex<Vec<Seen>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}/v1.0", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let (base_for_server, seen_for_server) = (base.clone(), Arc::clone(&seen));
    std::thread::spawn(move || {
        for reply in script {
            let Ok((stream, _)) = listener.accept() else {
                return;
            };
            stream
                .set_read_timeout(Some(Duration::from_secs(10)))
                .unwrap();
            let mut reader = BufReader::new(stream);
            let mut line = String::new();
            if reader.read_line(&mut line).is_err() {
                return;
            }
            let mut parts = line.split_whitespace();
            let (method, target) = (
                parts.next().unwrap_or("").to_owned(),
                parts.next().unwrap_or("").to_owned(),
            );
            let (mut length, mut authorization) = (0usize, None);
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).is_err() || header.trim().is_empty() {
                    break;
                }
                let (name, value) = header.split_once(':').unwrap_or((&header, ""));
                match name.trim().to_ascii_lowercase().as_str() {
                    "content-length" => length = value.trim().parse().unwrap_or(0),
                    "authorization" => authorization = Some(value.trim().to_owned()),
                    _ => {}
                }
            }
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            seen_for_server.lock().unwrap().push(Seen {
                method,
                target,
                authorization,
            });
            let body = reply.body.replace("{base}", &base_for_server);
            let mut head = format!(
                "HTTP/1.1 {}\r\nContent-Length: {}\r\nContent-Type: application/json\r\nConnection: close\r\n",
                reply.status,
                body.len()
            );
            for (k, v) in &reply.headers {
                head.push_str(&format!("{k}: {v}\r\n"));
            }
            head.push_str("\r\n");
            let mut stream = reader.into_inner();
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body.as_bytes());
            let _ = stream.flush();
        }
    });
    (base, seen)
}

/// Fast retries, so a test waits on the server, not on backoff.
fn client(base: &str) -> Client {
    Client::new(base, StaticToken("token-1".into())).with_retry_policy(RetryPolicy {
        max_retries: 3,
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(50),
    })
}

/// Every test is bounded: a hung server or client fails it instead of hanging CI.
async fn bounded<F: std::future::Future>(f: F) -> F::Output {
    tokio::time::timeout(Duration::from_secs(30), f)
        .await
        .expect("the exchange finished within 30 s")
}

#[tokio::test]
async fn a_success_parses_into_the_model_and_sends_the_bearer_token() {
    let (base, seen) = serve(vec![reply(
        "200 OK",
        r#"{"fqdn": "h.contoso.com", "isAzureAdJoined": true}"#,
    )]);
    let request = HostSecurityProfileGet::new("a/b c").select(["fqdn"]);
    let profile: HostSecurityProfile = bounded(client(&base).send(&request)).await.unwrap();
    assert_eq!(profile.fqdn.as_deref(), Some("h.contoso.com"));
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].method, "GET");
    assert_eq!(
        seen[0].target,
        "/v1.0/Security/hostSecurityProfiles/a%2Fb%20c?$select=fqdn"
    );
    assert_eq!(seen[0].authorization.as_deref(), Some("Bearer token-1"));
}

#[tokio::test]
async fn a_204_gives_unit() {
    let (base, seen) = serve(vec![reply("204 No Content", "")]);
    let request = HostSecurityProfileDelete::new("id-1");
    let () = bounded(client(&base).send(&request)).await.unwrap();
    assert_eq!(seen.lock().unwrap()[0].method, "DELETE");
}

#[tokio::test]
async fn an_error_body_becomes_a_graph_error_with_code_message_and_request_id() {
    let (base, _) = serve(vec![reply(
        "404 Not Found",
        r#"{"error": {"code": "Request_ResourceNotFound", "message": "No such profile.",
            "innerError": {"request-id": "rid-404", "date": "2020-05-18T10:00:00"}}}"#,
    )]);
    let error = bounded(client(&base).send(&HostSecurityProfileGet::new("missing")))
        .await
        .unwrap_err();
    let ClientError::Graph(error) = error else {
        panic!("expected a Graph error, got {error}");
    };
    assert_eq!(error.status(), 404);
    assert_eq!(error.code(), Some("Request_ResourceNotFound"));
    assert_eq!(error.message(), Some("No such profile."));
    assert_eq!(error.request_id(), Some("rid-404"));
    assert_eq!(error.date(), Some("2020-05-18T10:00:00"));
}

#[tokio::test]
async fn throttled_and_unavailable_answers_are_retried_until_success() {
    let retry_after = |status, value: &str| Reply {
        status,
        headers: vec![("Retry-After", value.to_owned())],
        body: r#"{"error": {"code": "TooManyRequests", "message": "Slow down."}}"#.to_owned(),
    };
    let (base, seen) = serve(vec![
        retry_after("429 Too Many Requests", "0"),
        // An HTTP-date already past: retry at once.
        retry_after("503 Service Unavailable", "Wed, 21 Oct 2015 07:28:00 GMT"),
        reply("504 Gateway Timeout", ""),
        reply("200 OK", r#"{"fqdn": "after-retries"}"#),
    ]);
    let profile = bounded(client(&base).send(&HostSecurityProfileGet::new("x")))
        .await
        .unwrap();
    assert_eq!(profile.fqdn.as_deref(), Some("after-retries"));
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 4);
    assert!(
        seen.iter()
            .all(|s| s.authorization.as_deref() == Some("Bearer token-1"))
    );
}

#[tokio::test]
async fn retries_stop_at_the_policy_limit_with_the_last_answer() {
    let throttled = || Reply {
        status: "429 Too Many Requests",
        headers: vec![("Retry-After", "0".to_owned())],
        body: r#"{"error": {"code": "TooManyRequests", "message": "Slow down."}}"#.to_owned(),
    };
    let (base, seen) = serve(vec![throttled(), throttled()]);
    let client = client(&base).with_retry_policy(RetryPolicy {
        max_retries: 1,
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(10),
    });
    let error = bounded(client.send(&HostSecurityProfileGet::new("x")))
        .await
        .unwrap_err();
    let ClientError::Graph(error) = error else {
        panic!("expected a Graph error, got {error}");
    };
    assert_eq!(
        (error.status(), error.code()),
        (429, Some("TooManyRequests"))
    );
    assert_eq!(seen.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn paging_follows_next_links_across_three_pages_and_yields_the_delta_link() {
    let (base, seen) = serve(vec![
        reply(
            "200 OK",
            r#"{"value": [{"fqdn": "1"}, {"fqdn": "2"}], "@odata.nextLink": "{base}/Security/hostSecurityProfiles?$skiptoken=p2"}"#,
        ),
        reply(
            "200 OK",
            r#"{"value": [{"fqdn": "3"}], "@odata.nextLink": "{base}/Security/hostSecurityProfiles?$skiptoken=p3"}"#,
        ),
        reply(
            "200 OK",
            r#"{"value": [{"fqdn": "4"}], "@odata.deltaLink": "{base}/Security/hostSecurityProfiles?$deltatoken=d1"}"#,
        ),
    ]);
    let client = client(&base);
    let request = SecurityListHostSecurityProfiles::new().top(2);
    let pages: Vec<_> = bounded(client.pages(&request).collect::<Vec<_>>()).await;
    let pages: Vec<_> = pages.into_iter().map(Result::unwrap).collect();
    assert_eq!(pages.len(), 3);
    let fqdns: Vec<String> = pages
        .iter()
        .flat_map(|p| p.value.iter().filter_map(|v| v.fqdn.clone()))
        .collect();
    assert_eq!(fqdns, ["1", "2", "3", "4"]);
    assert_eq!(
        pages[2].delta_link.as_deref(),
        Some(format!("{base}/Security/hostSecurityProfiles?$deltatoken=d1").as_str())
    );
    let seen = seen.lock().unwrap().clone();
    let targets: Vec<&str> = seen.iter().map(|s| s.target.as_str()).collect();
    assert_eq!(
        targets,
        [
            "/v1.0/Security/hostSecurityProfiles?$top=2",
            "/v1.0/Security/hostSecurityProfiles?$skiptoken=p2",
            "/v1.0/Security/hostSecurityProfiles?$skiptoken=p3"
        ]
    );
    // Next links on the base URL's origin get the token too.
    assert!(
        seen.iter()
            .all(|s| s.authorization.as_deref() == Some("Bearer token-1"))
    );
}

#[tokio::test]
async fn all_collects_every_item_and_the_delta_link() {
    let (base, _) = serve(vec![
        reply(
            "200 OK",
            r#"{"value": [{"fqdn": "1"}], "@odata.nextLink": "{base}/next"}"#,
        ),
        reply(
            "200 OK",
            r#"{"value": [{"fqdn": "2"}], "@odata.deltaLink": "{base}/delta"}"#,
        ),
    ]);
    let (items, delta) = bounded(client(&base).all(&SecurityListHostSecurityProfiles::new()))
        .await
        .unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(delta, Some(format!("{base}/delta")));
}

#[tokio::test]
async fn a_failing_page_ends_the_stream_with_its_error() {
    let (base, _) = serve(vec![
        reply(
            "200 OK",
            r#"{"value": [{"fqdn": "1"}], "@odata.nextLink": "{base}/next"}"#,
        ),
        reply(
            "500 Internal Server Error",
            r#"{"error": {"code": "generalException", "message": "Boom."}}"#,
        ),
    ]);
    let client = client(&base);
    let request = SecurityListHostSecurityProfiles::new();
    let pages: Vec<_> = bounded(client.pages(&request).collect::<Vec<_>>()).await;
    assert_eq!(pages.len(), 2);
    assert!(pages[0].is_ok());
    assert!(
        matches!(&pages[1], Err(ClientError::Graph(e)) if e.code() == Some("generalException"))
    );
}

#[test]
fn retry_after_in_seconds_or_as_a_date_is_honoured_and_capped() {
    let policy = RetryPolicy {
        max_retries: 5,
        initial_backoff: Duration::from_millis(100),
        max_backoff: Duration::from_secs(60),
    };
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480); // 2015-10-21 07:28:00
    let header = |v: &str| http::HeaderValue::from_str(v).unwrap();
    let delay =
        |attempt, v: Option<&str>| retry_delay(&policy, attempt, v.map(header).as_ref(), now);
    assert_eq!(delay(0, Some("7")), Duration::from_secs(7));
    assert_eq!(delay(0, Some(" 7 ")), Duration::from_secs(7));
    assert_eq!(
        delay(0, Some("Wed, 21 Oct 2015 07:28:30 GMT")),
        Duration::from_secs(30)
    );
    assert_eq!(
        delay(0, Some("Wed, 21 Oct 2015 07:27:00 GMT")),
        Duration::ZERO
    );
    assert_eq!(delay(0, Some("3600")), Duration::from_secs(60), "capped");
    // Without (or with an unreadable) Retry-After: exponential backoff, capped.
    assert_eq!(delay(0, None), Duration::from_millis(100));
    assert_eq!(delay(3, None), Duration::from_millis(800));
    assert_eq!(delay(2, Some("soon")), Duration::from_millis(400));
    assert_eq!(delay(40, None), Duration::from_secs(60));
    assert_eq!(delay(u32::MAX, None), Duration::from_secs(60));
}
