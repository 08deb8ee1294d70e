//! The notification endpoint served over loopback, as PAYONE would reach it.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use payone_client::notification::axum::notification_router;
use payone_client::notification::{DedupKey, Notification, PAYONE_NETWORK, Verifier};
use payone_types::{KeyDigest, PortalKey};

fn verifier() -> Verifier {
    Verifier::new(&PortalKey::new("portal-key"), 1234512, 12345)
}

fn body(portalid: &str, key: Option<&str>) -> Vec<u8> {
    let digest = payone_types::sign::server_key(&PortalKey::new("portal-key"), KeyDigest::Md5);
    let key = key.map(str::to_owned).unwrap_or(digest);
    let mut body = format!(
        "key={key}&txaction=appointed&portalid={portalid}&aid=12345&txid=42&sequencenumber=0&"
    )
    .into_bytes();
    body.extend_from_slice(b"street=Hellersbergstra%DFe+14");
    body
}

type Seen = Arc<Mutex<Vec<(DedupKey, String)>>>;

/// Serves the router on loopback; the callback records each notification and fails when the
/// street says so.
async fn serve(verifier: Verifier, connect_info: bool) -> (String, Seen) {
    let seen: Seen = Arc::default();
    let log = seen.clone();
    let router = axum::Router::new().nest(
        "/payone/status",
        notification_router(verifier, move |n: Notification| {
            let log = log.clone();
            async move {
                if n.get("fail").is_some() {
                    return Err("database unavailable");
                }
                let street = n.get("street").unwrap_or_default().to_owned();
                log.lock().unwrap().push((n.dedup_key(), street));
                Ok(())
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        if connect_info {
            axum::serve(
                listener,
                router.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await
        } else {
            axum::serve(listener, router).await
        }
    });
    (format!("http://{addr}/payone/status"), seen)
}

async fn post(url: &str, body: Vec<u8>, forwarded_for: Option<&str>) -> (u16, String, String) {
    let mut request = reqwest::Client::new()
        .post(url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body);
    if let Some(xff) = forwarded_for {
        request = request.header("x-forwarded-for", xff);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let bytes = response.bytes().await.unwrap();
    (
        status,
        content_type,
        String::from_utf8(bytes.to_vec()).unwrap(),
    )
}

#[tokio::test]
async fn answers_exactly_tsok_after_the_callback_succeeded() {
    let (url, seen) = serve(verifier(), true).await;
    let (status, content_type, text) = post(&url, body("1234512", None), None).await;
    assert_eq!((status, text.as_str()), (200, "TSOK"));
    assert_eq!(content_type, "text/plain");
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].0.to_string(), "42/0/appointed");
    assert_eq!(seen[0].1, "Hellersbergstraße 14");
}

#[tokio::test]
async fn verification_failures_are_401_and_403_and_never_reach_the_callback() {
    let (url, seen) = serve(verifier(), true).await;
    let wrong_key = body("1234512", Some("0123456789abcdef0123456789abcdef"));
    assert_eq!(post(&url, wrong_key, None).await.0, 401);
    assert_eq!(post(&url, body("7654321", None), None).await.0, 403);
    assert_eq!(post(&url, b"hello".to_vec(), None).await.0, 400);
    assert!(seen.lock().unwrap().is_empty());
}

#[tokio::test]
async fn a_failed_callback_is_500_so_payone_sends_again() {
    let (url, seen) = serve(verifier(), true).await;
    let mut failing = body("1234512", None);
    failing.extend_from_slice(b"&fail=1");
    let (status, _, text) = post(&url, failing, None).await;
    assert_eq!(status, 500);
    assert_ne!(text, "TSOK");
    assert!(seen.lock().unwrap().is_empty());
}

#[tokio::test]
async fn the_network_check_uses_the_peer_and_trusted_proxies() {
    let (url, _) = serve(verifier().allow_networks([PAYONE_NETWORK]), true).await;
    // The test's own address, 127.0.0.1, is not PAYONE's; a header from it is not believed.
    assert_eq!(
        post(&url, body("1234512", None), Some("185.60.20.1"))
            .await
            .0,
        403
    );

    let behind_proxy = verifier()
        .allow_networks([PAYONE_NETWORK])
        .trust_proxies(["127.0.0.0/8".parse().unwrap()]);
    let (url, seen) = serve(behind_proxy, true).await;
    let (status, _, text) = post(&url, body("1234512", None), Some("185.60.20.1")).await;
    assert_eq!((status, text.as_str()), (200, "TSOK"));
    assert_eq!(
        post(&url, body("1234512", None), Some("203.0.113.9"))
            .await
            .0,
        403
    );
    assert_eq!(seen.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn without_connect_info_a_network_check_is_a_500_not_a_pass() {
    let (url, _) = serve(verifier().allow_networks([PAYONE_NETWORK]), false).await;
    assert_eq!(post(&url, body("1234512", None), None).await.0, 500);
    // Without a network check the peer address is not needed.
    let (url, _) = serve(verifier(), false).await;
    assert_eq!(post(&url, body("1234512", None), None).await.0, 200);
}
