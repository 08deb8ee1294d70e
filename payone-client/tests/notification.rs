//! TransactionStatus notifications: reading a Latin-1 body, verifying the sender, and the
//! de-duplication key.

use payone_client::notification::{
    Notification, NotificationError, PAYONE_NETWORK, TxAction, Verifier, VerifyError,
};
use payone_types::{Mode, PortalKey};

/// md5("portal-key"), the `key` PAYONE sends (computed independently: `printf portal-key | md5sum`).
const KEY: &str = "c31dc42c57660bbc1418c5664645668a";

fn key_digest() -> String {
    payone_types::sign::server_key(&PortalKey::new("portal-key"), payone_types::KeyDigest::Md5)
}

fn body(key: &str, portalid: &str, aid: &str) -> Vec<u8> {
    let mut body = format!(
        "key={key}&txaction=paid&portalid={portalid}&aid={aid}&mode=test&txid=123456789&sequencenumber=2&clearingtype=cc&txtime=1608685709&currency=EUR&price=30.00&receivable=30.00&balance=-0.01&reference=order-4711&userid=987654321&customerid=1234567&"
    )
    .into_bytes();
    // The street as PAYONE sends it: ISO-8859-1, percent-encoded, plus a raw Latin-1 byte.
    body.extend_from_slice(b"street=Hellersbergstra%DFe+14&city=M\xfcnchen&param=x%3Dy");
    body
}

fn verifier() -> Verifier {
    Verifier::new(&PortalKey::new("portal-key"), 1234512, 12345)
}

fn good() -> Notification {
    Notification::parse(&body(&key_digest(), "1234512", "12345")).unwrap()
}

#[test]
fn debug_redacts_sensitive_fields_whatever_the_case_of_their_names() {
    let mut body = body(&key_digest(), "1234512", "12345");
    body.extend_from_slice(
        b"&Key=second-key-value&KEY=third-key-value&CardExpireDate=3112&cardexpiredate=3011\
          &CardPan=4111111111111111&cardtype=V",
    );
    let n = Notification::parse(&body).unwrap();
    assert_eq!(n.get("CardExpireDate"), Some("3112"));
    let debug = format!("{n:?}");
    for secret in [
        key_digest().as_str(),
        "second-key-value",
        "third-key-value",
        "3112",
        "3011",
        "4111111111111111",
    ] {
        assert!(!debug.contains(secret), "{secret} in {debug}");
    }
    assert!(debug.contains("cardtype"), "{debug}");
}

#[test]
fn the_md5_test_vector_is_what_the_tests_use() {
    assert_eq!(key_digest(), KEY);
}

#[test]
fn a_latin1_body_is_read_into_typed_fields() {
    let n = good();
    assert_eq!(n.txaction(), &TxAction::Paid);
    assert_eq!(n.txid(), Some("123456789"));
    assert_eq!(n.sequencenumber(), Some(2));
    assert_eq!((n.portalid(), n.aid()), (1234512, 12345));
    assert_eq!(n.mode(), Some(Mode::Test));
    assert_eq!(n.clearingtype(), Some("cc"));
    assert_eq!(n.txtime(), Some("1608685709"));
    assert_eq!(n.price(), Some("30.00"));
    assert_eq!(n.price_minor_units(), Ok(Some(3000)));
    assert_eq!(n.receivable_minor_units(), Ok(Some(3000)));
    assert_eq!(n.balance_minor_units(), Ok(Some(-1)));
    assert_eq!(n.reference(), Some("order-4711"));
    assert_eq!(n.userid(), Some("987654321"));
    assert_eq!(n.customerid(), Some("1234567"));
    assert_eq!(n.get("street"), Some("Hellersbergstraße 14"));
    assert_eq!(n.get("city"), Some("München"));
    assert_eq!(n.get("param"), Some("x=y"));
    let debug = format!("{n:?}");
    assert!(!debug.contains(&key_digest()), "{debug}");
}

#[test]
fn unknown_txactions_are_kept() {
    let body = format!("key={}&txaction=chargeback&portalid=1&aid=2", key_digest());
    let n = Notification::parse(body.as_bytes()).unwrap();
    assert_eq!(n.txaction(), &TxAction::Other("chargeback".into()));
    assert_eq!(n.txaction().as_str(), "chargeback");
    for action in [
        "appointed",
        "capture",
        "paid",
        "underpaid",
        "cancelation",
        "refund",
        "debit",
        "reminder",
        "vauthorization",
        "vsettlement",
        "transfer",
        "invoice",
        "failed",
    ] {
        let parsed = TxAction::parse(action);
        assert!(!matches!(parsed, TxAction::Other(_)), "{action}");
        assert_eq!(parsed.as_str(), action);
    }
}

#[test]
fn malformed_notifications_name_the_field() {
    assert_eq!(
        Notification::parse(b"portalid=1&aid=2"),
        Err(NotificationError::Missing("txaction"))
    );
    assert_eq!(
        Notification::parse(b"txaction=paid&portalid=12x&aid=2"),
        Err(NotificationError::Invalid {
            field: "portalid",
            expected: "a decimal number"
        })
    );
}

#[test]
fn a_good_notification_verifies() {
    let peer = "185.60.20.10".parse().unwrap();
    assert_eq!(verifier().verify(&good(), peer, None), Ok(()));
    // Hex digits compare case-insensitively.
    let upper =
        Notification::parse(&body(&key_digest().to_uppercase(), "1234512", "12345")).unwrap();
    assert_eq!(verifier().verify(&upper, peer, None), Ok(()));
}

#[test]
fn a_wrong_or_missing_key_is_refused_without_printing_it() {
    let peer = "185.60.20.10".parse().unwrap();
    let wrong = Notification::parse(&body(
        "0123456789abcdef0123456789abcdef",
        "1234512",
        "12345",
    ))
    .unwrap();
    let err = verifier().verify(&wrong, peer, None).unwrap_err();
    assert_eq!(err, VerifyError::Key);
    assert!(err.is_unauthenticated());
    assert!(!format!("{err} {err:?}").contains("0123456789abcdef"));
    let missing = Notification::parse(b"txaction=paid&portalid=1234512&aid=12345").unwrap();
    assert_eq!(
        verifier().verify(&missing, peer, None),
        Err(VerifyError::Key)
    );
    assert!(!format!("{:?}", verifier()).contains(&key_digest()));
}

#[test]
fn another_portal_or_sub_account_is_refused() {
    let peer = "185.60.20.10".parse().unwrap();
    let portal = Notification::parse(&body(&key_digest(), "1234513", "12345")).unwrap();
    assert_eq!(
        verifier().verify(&portal, peer, None),
        Err(VerifyError::Portal {
            expected: 1234512,
            received: 1234513
        })
    );
    let aid = Notification::parse(&body(&key_digest(), "1234512", "54321")).unwrap();
    let err = verifier().verify(&aid, peer, None).unwrap_err();
    assert!(matches!(err, VerifyError::SubAccount { .. }));
    assert!(!err.is_unauthenticated());
}

#[test]
fn the_network_allow_list_is_off_unless_configured() {
    let anywhere = "203.0.113.9".parse().unwrap();
    assert_eq!(verifier().verify(&good(), anywhere, None), Ok(()));
    let strict = verifier().allow_networks([PAYONE_NETWORK]);
    assert_eq!(
        strict.verify(&good(), anywhere, None),
        Err(VerifyError::Network(anywhere))
    );
    assert_eq!(
        strict.verify(&good(), "185.60.20.255".parse().unwrap(), None),
        Ok(())
    );
    // An IPv4 peer seen by an IPv6 socket.
    assert_eq!(
        strict.verify(&good(), "::ffff:185.60.20.1".parse().unwrap(), None),
        Ok(())
    );
}

#[test]
fn x_forwarded_for_counts_only_behind_a_trusted_proxy() {
    let strict = verifier().allow_networks([PAYONE_NETWORK]);
    let attacker = "203.0.113.9".parse().unwrap();
    // Without trusted proxies the header is ignored: anyone can write it.
    assert_eq!(
        strict.verify(&good(), attacker, Some("185.60.20.1")),
        Err(VerifyError::Network(attacker))
    );

    let proxied = strict.trust_proxies(["10.0.0.0/8".parse().unwrap()]);
    let proxy = "10.0.0.2".parse().unwrap();
    // The proxy appended PAYONE's address.
    assert_eq!(proxied.verify(&good(), proxy, Some("185.60.20.1")), Ok(()));
    // Two proxies; the left-most entry was written by the client and proves nothing.
    assert_eq!(
        proxied.verify(&good(), proxy, Some("198.51.100.1, 185.60.20.7, 10.0.0.5")),
        Ok(())
    );
    // A forged entry left of the real client address does not help.
    assert_eq!(
        proxied.verify(&good(), proxy, Some("185.60.20.1, 203.0.113.9")),
        Err(VerifyError::Network(attacker))
    );
    // Ports and IPv6 brackets are understood.
    assert_eq!(
        proxied.source_address(proxy, Some("[2001:db8::1]:443, 185.60.20.2:5678")),
        Ok("185.60.20.2".parse().unwrap())
    );
    // The proxy itself, without a header, is not PAYONE.
    assert_eq!(
        proxied.verify(&good(), proxy, None),
        Err(VerifyError::Network(proxy))
    );
    assert_eq!(
        proxied.verify(&good(), proxy, Some("not-an-address")),
        Err(VerifyError::ForwardedFor)
    );
}

#[test]
fn the_dedup_key_is_stable_and_distinguishes_events() {
    let a = good();
    let again = good();
    assert_eq!(a.dedup_key(), again.dedup_key());
    assert_eq!(a.dedup_key().to_string(), "123456789/2/paid");
    let next = format!(
        "key={}&txaction=paid&portalid=1234512&aid=12345&txid=123456789&sequencenumber=3",
        key_digest()
    );
    let next = Notification::parse(next.as_bytes()).unwrap();
    assert_ne!(a.dedup_key(), next.dedup_key());
}
