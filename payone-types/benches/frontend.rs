//! Build + validate + hash + form-encode a Frontend authorization with 12 basket items, next to
//! a hand-written baseline that builds the same strings, sorts the hashed names the same way
//! and computes the same HMAC-SHA384 without any validation.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use hmac::{Hmac, KeyInit, Mac};
use payone_types::generated::frontend::*;
use payone_types::{Account, HashAlgorithm, PortalKey, Request, natural_cmp};
use sha2::Sha384;

const ITEMS: u32 = 12;

fn typed(account: &Account) -> String {
    let items = (1..=ITEMS)
        .map(|n| {
            Item::builder()
                .it(It::Goods)
                .id(Id::try_new(format!("SKU-{n}")).expect("valid"))
                .pr(Pr::new(1250))
                .no(No::new(1))
                .de(De::try_new(format!("Wanderschuhe Größe {n}")).expect("valid"))
                .va(Va::new(19))
                .build()
        })
        .collect();
    let request = Authorization::builder()
        .clearingtype(Clearingtype::Cc(None))
        .reference(Reference::new("order-4711"))
        .amount(Amount::new(1250 * i64::from(ITEMS)))
        .currency(Currency::new("EUR"))
        .items(items)
        .firstname(Firstname::new("Jürgen"))
        .lastname(Lastname::new("Müller"))
        .build()
        .expect("valid");
    let params = request
        .to_signed_params(account, HashAlgorithm::HmacSha384)
        .expect("valid");
    params.form_encode(account.encoding()).expect("UTF-8")
}

fn baseline(key: &[u8]) -> String {
    let mut pairs: Vec<(String, String, bool)> = vec![
        ("aid".into(), "10002".into(), true),
        ("portalid".into(), "2000001".into(), true),
        ("api_version".into(), "3.11".into(), true),
        ("mode".into(), "test".into(), true),
        ("encoding".into(), "UTF-8".into(), true),
        ("request".into(), "authorization".into(), true),
        ("clearingtype".into(), "cc".into(), true),
        ("reference".into(), "order-4711".into(), true),
        ("amount".into(), (1250 * ITEMS).to_string(), true),
        ("currency".into(), "EUR".into(), true),
    ];
    for n in 1..=ITEMS {
        pairs.push((format!("it[{n}]"), "goods".into(), true));
        pairs.push((format!("id[{n}]"), format!("SKU-{n}"), true));
        pairs.push((format!("pr[{n}]"), "1250".into(), true));
        pairs.push((format!("no[{n}]"), "1".into(), true));
        pairs.push((format!("de[{n}]"), format!("Wanderschuhe Größe {n}"), true));
        pairs.push((format!("va[{n}]"), "19".into(), true));
    }
    pairs.push(("firstname".into(), "Jürgen".into(), false));
    pairs.push(("lastname".into(), "Müller".into(), false));
    let mut hashed: Vec<&(String, String, bool)> = pairs.iter().filter(|p| p.2).collect();
    hashed.sort_by(|a, b| natural_cmp(&a.0, &b.0));
    let mut mac = Hmac::<Sha384>::new_from_slice(key).expect("any key length");
    for (_, value, _) in hashed {
        mac.update(value.as_bytes());
    }
    let hash = hex::encode(mac.finalize().into_bytes());
    let mut form = form_urlencoded::Serializer::new(String::new());
    for (name, value, _) in &pairs {
        form.append_pair(name, value);
    }
    form.append_pair("hash", &hash);
    form.finish()
}

fn frontend_authorization(c: &mut Criterion) {
    let account = Account::new(10001, 2000001, 10002, PortalKey::new("portal key"));
    // Both produce the same hash over the same values: the comparison is like for like.
    let typed_hash = typed(&account)
        .rsplit_once("hash=")
        .map(|(_, h)| h.to_owned());
    let baseline_hash = baseline(b"portal key")
        .rsplit_once("hash=")
        .map(|(_, h)| h.to_owned());
    assert_eq!(typed_hash, baseline_hash);

    let mut group = c.benchmark_group("frontend_authorization_12_items");
    group.bench_function("typed: build + validate + hash + encode", |b| {
        b.iter(|| typed(black_box(&account)))
    });
    group.bench_function("baseline: hand-written strings + HMAC", |b| {
        b.iter(|| baseline(black_box(b"portal key")))
    });
    group.finish();
}

criterion_group!(benches, frontend_authorization);
criterion_main!(benches);
