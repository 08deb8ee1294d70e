//! Helpers: starting a sandbox, raw requests, keys and hashes.

use payone_sandbox::{Config, DEFAULT_KEY, Sandbox};
use payone_types::dynamic::to_params;
use payone_types::generated::REQUESTS;
use payone_types::sign::{hash_data, hash_hex, server_key};
use payone_types::{Api, Charset, HashAlgorithm, KeyDigest, PortalKey};

/// A sandbox with the default account.
pub async fn sandbox() -> Sandbox {
    payone_sandbox::start(Config::default())
        .await
        .expect("sandbox starts")
}

/// A client that neither follows redirects nor uses a proxy from the environment.
pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .build()
        .expect("client")
}

/// The Server API `key`: md5 hex of the default portal key.
pub fn key_md5() -> String {
    server_key(&PortalKey::new(DEFAULT_KEY), KeyDigest::Md5)
}

/// The account parameters of the default account (Server API), UTF-8.
pub fn account() -> Vec<(&'static str, String)> {
    vec![
        ("mid", "10001".into()),
        ("portalid", "2000001".into()),
        ("aid", "10002".into()),
        ("key", key_md5()),
        ("api_version", "3.11".into()),
        ("mode", "test".into()),
        ("encoding", "UTF-8".into()),
    ]
}

/// `pairs` form-encoded as UTF-8.
pub fn form(pairs: &[(&str, String)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (n, v) in pairs {
        s.append_pair(n, v);
    }
    s.finish()
}

/// A Server API request: the account, `request`, then `extra`.
pub fn server_form(request: &str, extra: &[(&str, &str)]) -> String {
    let mut pairs = account();
    pairs.push(("request", request.to_owned()));
    pairs.extend(extra.iter().map(|(n, v)| (*n, (*v).to_owned())));
    form(&pairs)
}

/// POSTs a raw body to `/post-gateway/`; returns the content type and the body bytes.
pub async fn post_raw(sandbox: &Sandbox, body: impl Into<reqwest::Body>) -> (String, Vec<u8>) {
    let response = http()
        .post(format!("{}/post-gateway/", sandbox.base_url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), 200);
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    (content_type, response.bytes().await.unwrap().to_vec())
}

/// POSTs a UTF-8 Server API request; returns the answer text.
pub async fn server(sandbox: &Sandbox, request: &str, extra: &[(&str, &str)]) -> String {
    let (content_type, body) = post_raw(sandbox, server_form(request, extra)).await;
    assert_eq!(content_type, "text/plain; charset=UTF-8");
    String::from_utf8(body).expect("UTF-8 answer")
}

/// The value of `name` in a lines answer.
pub fn field<'a>(answer: &'a str, name: &str) -> &'a str {
    answer
        .lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix('='))
        .unwrap_or_else(|| panic!("no {name} in {answer}"))
}

/// The `hash` of `pairs` for a request of `api`, as a shop computes it.
pub fn hash(api: Api, pairs: &[(&str, String)], algorithm: HashAlgorithm) -> String {
    let request = pairs
        .iter()
        .find(|(n, _)| *n == "request")
        .map(|(_, v)| v.as_str())
        .expect("request");
    let entry = REQUESTS
        .iter()
        .find(|e| e.api == api && e.name == request)
        .expect("a known request");
    let rows = (entry.params)();
    let owned: Vec<(String, String)> = pairs
        .iter()
        .map(|(n, v)| ((*n).to_owned(), v.clone()))
        .collect();
    let params = to_params(&rows, &owned);
    hash_hex(
        &hash_data(&params, Charset::Utf8),
        &PortalKey::new(DEFAULT_KEY),
        algorithm,
    )
}

/// `pairs` plus their HMAC-SHA384 `hash`.
pub fn signed(api: Api, mut pairs: Vec<(&'static str, String)>) -> Vec<(&'static str, String)> {
    let hash = hash(api, &pairs, HashAlgorithm::HmacSha384);
    pairs.push(("hash", hash));
    pairs
}

/// Waits (bounded) until `done` holds.
pub async fn eventually(what: &str, mut done: impl FnMut() -> bool) {
    for _ in 0..200 {
        if done() {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("{what} did not happen within 5 s");
}
