//! Deserializing a 10,000-item collection response (`{"value": [...]}`) of the seed's
//! `hostSecurityProfile`, and serializing it back: the generated types (catch-all map, lenient Edm
//! adapters, enums with a fallback) against hand-written plain serde structs with the same fields
//! and no catch-all (`None` left out when written, as the generated ones do).
//!
//! Run: `cargo bench --bench collection`. Issue 10's goal: generated <= 1.10x plain, both ways.

use chrono::{DateTime, FixedOffset};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
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
    // Both read every item, and read the same thing.
    let generated: Page<graph_models::models::HostSecurityProfile> =
        serde_json::from_str(&json).unwrap();
    let plain: Page<PlainHostSecurityProfile> = serde_json::from_str(&json).unwrap();
    assert_eq!(generated.value.len(), 10_000);
    assert_eq!(plain.value.len(), 10_000);
    assert_eq!(
        generated.value[42].first_seen_date_time,
        plain.value[42].first_seen_date_time
    );

    let mut group = c.benchmark_group("deserialize 10,000 hostSecurityProfiles");
    group.throughput(Throughput::Bytes(json.len() as u64));
    group.bench_function("generated", |b| {
        b.iter(|| {
            serde_json::from_str::<Page<graph_models::models::HostSecurityProfile>>(
                std::hint::black_box(&json),
            )
            .unwrap()
        })
    });
    group.bench_function("hand-written", |b| {
        b.iter(|| {
            serde_json::from_str::<Page<PlainHostSecurityProfile>>(std::hint::black_box(&json))
                .unwrap()
        })
    });
    group.finish();

    let mut group = c.benchmark_group("serialize 10,000 hostSecurityProfiles");
    group.throughput(Throughput::Bytes(json.len() as u64));
    group.bench_function("generated", |b| {
        b.iter(|| serde_json::to_string(std::hint::black_box(&generated)).unwrap())
    });
    group.bench_function("hand-written", |b| {
        b.iter(|| serde_json::to_string(std::hint::black_box(&plain)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
