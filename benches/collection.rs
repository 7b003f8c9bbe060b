//! Deserializing a 10,000-item collection response (`{"value": [...]}`) of the seed's
//! `hostSecurityProfile`, and serializing it back: the generated types (catch-all map, lenient Edm
//! adapters, enums with a fallback) against hand-written plain serde structs with the same fields
//! and no catch-all (`None` left out when written, as the generated ones do).
//!
//! Run: `cargo bench --bench collection`. Issue 10's goal: generated <= 1.10x plain, both ways.
//!
//! After criterion's groups it prints the two ratios (generated / hand-written) measured in
//! interleaved rounds in this one process: criterion times each side in its own stretch, and on
//! a shared machine the load moves between stretches by 20% or more, so its two estimates are
//! not comparable run to run. `cargo bench --bench collection -- ratio` prints the ratios alone;
//! `ROUNDS=n` sets the rounds (default 21), `ROUNDS=0` skips them.

use chrono::{DateTime, FixedOffset};
use criterion::{Criterion, Throughput, criterion_group};
use serde::{Deserialize, Serialize};

#[derive(Deserialize, Serialize)]
struct Page<T> {
    value: Vec<T>,
}

/// What a careful user would write by hand for the same JSON: the same fields, no catch-all.
#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
struct PlainHostSecurityProfile {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    azure_subscription_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    azure_tenant_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_seen_date_time: Option<DateTime<FixedOffset>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fqdn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_azure_ad_joined: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_azure_ad_registered: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_hybrid_azure_domain_joined: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_seen_date_time: Option<DateTime<FixedOffset>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    logon_users: Option<Vec<PlainLogonUser>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    net_bios_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    network_interfaces: Option<Vec<PlainNetworkInterface>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    os: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    os_version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent_host: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    related_host_ids: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    risk_score: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tags: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    vendor_information: Option<PlainSecurityVendorInformation>,
}

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
struct PlainLogonUser {
    #[serde(skip_serializing_if = "Option::is_none")]
    account_domain: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    account_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    account_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_seen_date_time: Option<DateTime<FixedOffset>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_seen_date_time: Option<DateTime<FixedOffset>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    logon_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    logon_types: Option<Vec<String>>,
}

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
struct PlainNetworkInterface {
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ip_v4_address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ip_v6_address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    local_ip_v6_address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mac_address: Option<String>,
}

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
struct PlainSecurityVendorInformation {
    #[serde(skip_serializing_if = "Option::is_none")]
    provider: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    provider_version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sub_provider: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    vendor: Option<String>,
}

/// 10,000 profiles shaped like the seed page's example, each with its own id and times.
fn collection_json() -> String {
    let items: Vec<String> = (0..10_000)
        .map(|i| {
            format!(
                r##"{{"@odata.type":"#microsoft.graph.hostSecurityProfile","id":"{i:08x}-7d5c-4f7b-9a6e-2f5d1e0c4b3a","azureSubscriptionId":"sub-{i}","azureTenantId":"tenant","firstSeenDateTime":"2026-10-01T08:{m:02}:00.1234567Z","fqdn":"host{i}.contoso.com","isAzureAdJoined":true,"isAzureAdRegistered":false,"isHybridAzureDomainJoined":true,"lastSeenDateTime":"2026-11-27T17:05:{m:02}.0000000Z","logonUsers":[{{"accountDomain":"CONTOSO","accountName":"user{i}","accountType":"standard","firstSeenDateTime":"2026-10-02T09:00:00Z","lastSeenDateTime":"2026-11-27T10:00:00Z","logonId":"0x{i:x}","logonTypes":["interactive","remoteInteractive"]}}],"netBiosName":"HOST{i}","networkInterfaces":[{{"description":"Ethernet","ipV4Address":"10.0.{a}.{b}","ipV6Address":"fe80::{i:x}","localIpV6Address":"fe80::1","macAddress":"00:15:5d:00:{a:02x}:{b:02x}"}}],"os":"Windows","osVersion":"10.0.22631","parentHost":"hv{a}","relatedHostIds":["{i}-a","{i}-b"],"riskScore":"low","tags":["prod","eu"],"vendorInformation":{{"provider":"Defender","providerVersion":"4.18","subProvider":"MDATP","vendor":"Microsoft"}}}}"##,
                m = i % 60,
                a = i / 256 % 256,
                b = i % 256,
            )
        })
        .collect();
    format!(
        r#"{{"@odata.context":"https://graph.microsoft.com/beta/$metadata#security/hostSecurityProfiles","value":[{}]}}"#,
        items.join(",")
    )
}

fn bench(c: &mut Criterion) {
    let json = collection_json();
    let (generated, plain) = read_both(&json);

    let mut group = c.benchmark_group("deserialize 10,000 hostSecurityProfiles");
    group.throughput(Throughput::Bytes(json.len() as u64));
    group.bench_function("generated", |b| b.iter(|| read_generated(&json)));
    group.bench_function("hand-written", |b| b.iter(|| read_plain(&json)));
    group.finish();

    let mut group = c.benchmark_group("serialize 10,000 hostSecurityProfiles");
    group.throughput(Throughput::Bytes(json.len() as u64));
    group.bench_function("generated", |b| b.iter(|| write(&generated)));
    group.bench_function("hand-written", |b| b.iter(|| write(&plain)));
    group.finish();
}

type Generated = Page<graph_models::models::HostSecurityProfile>;
type Plain = Page<PlainHostSecurityProfile>;

#[inline(never)]
fn read_generated(json: &str) -> Generated {
    serde_json::from_str(std::hint::black_box(json)).unwrap()
}

#[inline(never)]
fn read_plain(json: &str) -> Plain {
    serde_json::from_str(std::hint::black_box(json)).unwrap()
}

fn write<T: Serialize>(page: &T) -> String {
    serde_json::to_string(std::hint::black_box(page)).unwrap()
}

/// The collection read both ways, checked to be the same items.
fn read_both(json: &str) -> (Generated, Plain) {
    // Both read every item, and read the same thing.
    let generated = read_generated(json);
    let plain = read_plain(json);
    assert_eq!(generated.value.len(), 10_000);
    assert_eq!(plain.value.len(), 10_000);
    assert_eq!(
        generated.value[42].first_seen_date_time,
        plain.value[42].first_seen_date_time
    );
    // Nothing lost: the generated model keeps the annotation the plain struct skips.
    assert_eq!(
        generated.value[42].additional_properties["@odata.type"],
        "#microsoft.graph.hostSecurityProfile"
    );
    (generated, plain)
}

/// Generated / hand-written, measured in rounds that alternate the two sides in this process
/// (which side goes first alternates too), so that both see the same load: each round times a
/// few iterations of each side and keeps each side's fastest, and the figure is the median of
/// the rounds' ratios, printed with their spread. Dropping the value read is part of its time,
/// as in criterion's groups.
fn interleaved_ratios(rounds: usize) {
    let json = collection_json();
    let (generated, plain) = read_both(&json);
    println!(
        "generated / hand-written, median of {rounds} interleaved rounds (min-max of the rounds):"
    );
    ratio_line(
        "deserialize",
        rounds,
        || drop(read_generated(&json)),
        || drop(read_plain(&json)),
    );
    ratio_line(
        "serialize",
        rounds,
        || drop(write(&generated)),
        || drop(write(&plain)),
    );
}

fn ratio_line(work: &str, rounds: usize, mut generated: impl FnMut(), mut plain: impl FnMut()) {
    /// Iterations of each side per round; the fastest counts (the others met more load).
    const TRIES: usize = 3;
    let fastest = |f: &mut dyn FnMut()| {
        (0..TRIES)
            .map(|_| {
                let start = std::time::Instant::now();
                f();
                start.elapsed().as_secs_f64()
            })
            .fold(f64::INFINITY, f64::min)
    };
    // One untimed pass each: the heap and caches settle.
    generated();
    plain();
    let mut times = Vec::with_capacity(rounds);
    for round in 0..rounds {
        let (g, p) = if round % 2 == 0 {
            let g = fastest(&mut generated);
            (g, fastest(&mut plain))
        } else {
            let p = fastest(&mut plain);
            (fastest(&mut generated), p)
        };
        times.push((g, p, g / p));
    }
    let median = |mut values: Vec<f64>| {
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    let ratios: Vec<f64> = times.iter().map(|t| t.2).collect();
    let (low, high) = ratios
        .iter()
        .fold((f64::INFINITY, 0.0_f64), |(l, h), &r| (l.min(r), h.max(r)));
    println!(
        "  {work:<11} {:.3}x ({low:.3}-{high:.3})   generated {:.2} ms, hand-written {:.2} ms",
        median(ratios.clone()),
        median(times.iter().map(|t| t.0 * 1e3).collect()),
        median(times.iter().map(|t| t.1 * 1e3).collect()),
    );
}

criterion_group!(benches, bench);

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let filter = positional(&args);
    // As criterion decides: `cargo bench` passes `--bench`; `cargo test --benches` does not, and
    // only checks that each benchmark runs.
    let measuring = args.iter().any(|a| a == "--bench")
        && !args
            .iter()
            .any(|a| matches!(a.as_str(), "--test" | "--list" | "--profile-time"));
    if filter.is_none_or(|f| f != "ratio") {
        benches();
        Criterion::default().configure_from_args().final_summary();
    }
    let rounds = std::env::var("ROUNDS").map_or(21, |r| r.parse().expect("ROUNDS: a number"));
    if measuring && rounds > 0 && filter.is_none_or(|f| f == "ratio") {
        interleaved_ratios(rounds);
    }
}

/// The benchmark filter among criterion's arguments, if one is given.
fn positional(args: &[String]) -> Option<&str> {
    // Criterion's options that take a value.
    const VALUED: &[&str] = &[
        "--color",
        "--save-baseline",
        "--baseline",
        "--baseline-lenient",
        "--load-baseline",
        "--sample-size",
        "--warm-up-time",
        "--measurement-time",
        "--nresamples",
        "--noise-threshold",
        "--confidence-level",
        "--significance-level",
        "--profile-time",
        "--plotting-backend",
        "--output-format",
        "--format",
    ];
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if VALUED.contains(&arg.as_str()) {
            args.next();
        } else if !arg.starts_with('-') {
            return Some(arg);
        }
    }
    None
}
