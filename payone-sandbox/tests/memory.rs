//! The sandbox's memory stays flat under load: with a small `max_transactions`, many times
//! that many preauthorizations over loopback leave every store at the cap and the resident
//! set where it was after warm-up.
//!
//! A test binary of its own with one test, so no other test's allocations move the resident
//! set it reads from `/proc/self/status`.

use payone_sandbox::{Config, DEFAULT_KEY, Sandbox};
use payone_types::sign::server_key;
use payone_types::{KeyDigest, PortalKey};

const CAP: usize = 1_000;
const REQUESTS: usize = 20_000;
/// Requests before the resident set is first read: the stores are full and have turned over.
const WARM_UP: usize = 2 * CAP;
/// Growth allowed from warm-up to the end. Without the caps the 18,000 transactions,
/// notifications, references and customers after warm-up need several times this.
const MAX_GROWTH_KIB: u64 = 16 * 1024;

/// `VmRSS` and `VmHWM` of this process, KiB.
fn resident_kib() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let read = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|rest| rest.trim().strip_suffix("kB"))
            .and_then(|kib| kib.trim().parse().ok())
            .unwrap_or_else(|| panic!("no {name} in /proc/self/status"))
    };
    (read("VmRSS:"), read("VmHWM:"))
}

/// A Server API request with the default account.
fn form(pairs: &[(&str, &str)]) -> String {
    let key = server_key(&PortalKey::new(DEFAULT_KEY), KeyDigest::Md5);
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (name, value) in [
        ("mid", "10001"),
        ("portalid", "2000001"),
        ("aid", "10002"),
        ("key", key.as_str()),
        ("api_version", "3.11"),
        ("mode", "test"),
        ("encoding", "UTF-8"),
    ]
    .into_iter()
    .chain(pairs.iter().copied())
    {
        s.append_pair(name, value);
    }
    s.finish()
}

async fn post(http: &reqwest::Client, sandbox: &Sandbox, pairs: &[(&str, &str)]) -> String {
    http.post(format!("{}/post-gateway/", sandbox.base_url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(pairs))
        .send()
        .await
        .expect("answer")
        .text()
        .await
        .expect("text")
}

fn field<'a>(answer: &'a str, name: &str) -> &'a str {
    answer
        .lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix('='))
        .unwrap_or_else(|| panic!("no {name} in {answer}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_times_the_cap_of_preauthorizations_leave_memory_flat() {
    let sandbox = payone_sandbox::start(Config {
        max_transactions: CAP,
        ..Config::default()
    })
    .await
    .expect("sandbox starts");
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let mut first_txid = None;
    let mut last_txid = String::new();
    let mut warm = None;
    for i in 0..REQUESTS {
        if i == WARM_UP {
            warm = Some(resident_kib());
        }
        // Distinct references and customers, so their indices would grow too.
        let (reference, customer) = (format!("ref-{i}"), format!("cust-{i}"));
        let answer = post(
            &http,
            &sandbox,
            &[
                ("request", "preauthorization"),
                ("clearingtype", "cc"),
                ("amount", "1000"),
                ("currency", "EUR"),
                ("reference", &reference),
                ("customerid", &customer),
                ("lastname", "Approved"),
            ],
        )
        .await;
        assert_eq!(field(&answer, "status"), "APPROVED", "{answer}");
        last_txid = field(&answer, "txid").to_owned();
        first_txid.get_or_insert_with(|| last_txid.clone());
        let stored = sandbox.stored();
        assert!(
            stored.transactions <= CAP && stored.notifications <= CAP,
            "after {} requests: {stored:?}",
            i + 1
        );
    }
    let (warm_rss, warm_hwm) = warm.expect("warmed up");
    let (end_rss, end_hwm) = resident_kib();
    eprintln!(
        "VmRSS {warm_rss} KiB after {WARM_UP} requests, {end_rss} KiB after {REQUESTS}; \
         VmHWM {warm_hwm} -> {end_hwm} KiB"
    );
    let stored = sandbox.stored();
    assert_eq!((stored.transactions, stored.notifications), (CAP, CAP));
    assert_eq!(sandbox.notifications().len(), CAP);
    assert!(
        end_rss.saturating_sub(warm_rss) < MAX_GROWTH_KIB,
        "VmRSS grew from {warm_rss} to {end_rss} KiB"
    );
    assert!(
        end_hwm.saturating_sub(warm_hwm) < MAX_GROWTH_KIB,
        "VmHWM grew from {warm_hwm} to {end_hwm} KiB"
    );

    let capture = |txid: &str| {
        vec![
            ("request", "capture"),
            ("txid", txid),
            ("sequencenumber", "1"),
            ("amount", "1000"),
            ("currency", "EUR"),
        ]
        .into_iter()
        .map(|(n, v)| (n, v.to_owned()))
        .collect::<Vec<_>>()
    };
    let call = |pairs: Vec<(&'static str, String)>| {
        let (http, sandbox) = (&http, &sandbox);
        async move {
            let pairs: Vec<(&str, &str)> = pairs.iter().map(|(n, v)| (*n, v.as_str())).collect();
            post(http, sandbox, &pairs).await
        }
    };
    let oldest = call(capture(first_txid.as_deref().unwrap())).await;
    assert_eq!(field(&oldest, "errorcode"), "910", "{oldest}");
    assert_eq!(
        field(&oldest, "errormessage"),
        "Parameter {txid} incorrect: no such transaction"
    );
    let newest = call(capture(&last_txid)).await;
    assert_eq!(field(&newest, "status"), "APPROVED", "{newest}");
    // The oldest reference is free again: its transaction is forgotten.
    let again = call(
        [
            ("request", "preauthorization"),
            ("clearingtype", "cc"),
            ("amount", "1000"),
            ("currency", "EUR"),
            ("reference", "ref-0"),
            ("lastname", "Approved"),
        ]
        .into_iter()
        .map(|(n, v)| (n, v.to_owned()))
        .collect(),
    )
    .await;
    assert_eq!(field(&again, "status"), "APPROVED", "{again}");
    sandbox.shutdown().await;
}
