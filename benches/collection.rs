//! Deserializing a 10,000-item collection response (`{"value": [...]}`) of the seed's
//! `hostSecurityProfile`: the generated types (catch-all map, lenient Edm adapters, enums with a
//! fallback) against hand-written plain serde structs with the same fields.
//!
//! Run: `cargo bench --bench collection`. The issue's goal: generated <= 1.3x plain.

use chrono::{DateTime, FixedOffset};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serde::Deserialize;

#[derive(Deserialize)]
struct Page<T> {
    value: Vec<T>,
}

/// What a careful user would write by hand for the same JSON: the same fields, no catch-all.
#[allow(dead_code)]
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PlainHostSecurityProfile {
    id: Option<String>,
    azure_subscription_id: Option<String>,
    azure_tenant_id: Option<String>,
    first_seen_date_time: Option<DateTime<FixedOffset>>,
    fqdn: Option<String>,
    is_azure_ad_joined: Option<bool>,
    is_azure_ad_registered: Option<bool>,
    is_hybrid_azure_domain_joined: Option<bool>,
    last_seen_date_time: Option<DateTime<FixedOffset>>,
    logon_users: Option<Vec<PlainLogonUser>>,
    net_bios_name: Option<String>,
    network_interfaces: Option<Vec<PlainNetworkInterface>>,
    os: Option<String>,
    os_version: Option<String>,
    parent_host: Option<String>,
    related_host_ids: Option<Vec<String>>,
    risk_score: Option<String>,
    tags: Option<Vec<String>>,
    vendor_information: Option<PlainSecurityVendorInformation>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PlainLogonUser {
    account_domain: Option<String>,
    account_name: Option<String>,
    account_type: Option<String>,
    first_seen_date_time: Option<DateTime<FixedOffset>>,
    last_seen_date_time: Option<DateTime<FixedOffset>>,
    logon_id: Option<String>,
    logon_types: Option<Vec<String>>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PlainNetworkInterface {
    description: Option<String>,
    ip_v4_address: Option<String>,
    ip_v6_address: Option<String>,
    local_ip_v6_address: Option<String>,
    mac_address: Option<String>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PlainSecurityVendorInformation {
    provider: Option<String>,
    provider_version: Option<String>,
    sub_provider: Option<String>,
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
}

criterion_group!(benches, bench);
criterion_main!(benches);
