//! Reading a typical APPROVED Server API answer of ten lines with the crate's parser (lines,
//! status, typed variant, every field kept in order), next to a naive baseline that only splits
//! the lines into a borrowed `HashMap` and types nothing.

use std::collections::HashMap;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use payone_client::Answer;
use payone_types::Charset;

const BODY: &str = "status=APPROVED\r\n\
txid=123456789\r\n\
userid=987654321\r\n\
clearing_bankaccountholder=PAYONE GmbH\r\n\
clearing_bankcountry=DE\r\n\
clearing_bankaccount=0012345678\r\n\
clearing_bankcode=21070020\r\n\
clearing_bankiban=DE00210700200012345678\r\n\
clearing_bankbic=DEUTDEHH210\r\n\
clearing_bankname=Deutsche Bank Kiel\r\n";

fn baseline(body: &str) -> Option<HashMap<&str, &str>> {
    body.lines().map(|l| l.split_once('=')).collect()
}

fn bench(c: &mut Criterion) {
    assert_eq!(Answer::parse(BODY).unwrap().txid(), Some("123456789"));
    assert_eq!(baseline(BODY).unwrap()["txid"], "123456789");
    let mut group = c.benchmark_group("answer");
    group.bench_function("payone_client Answer::parse", |b| {
        b.iter(|| Answer::parse(black_box(BODY)))
    });
    group.bench_function("payone_client Answer::from_bytes (UTF-8 check)", |b| {
        b.iter(|| Answer::from_bytes(black_box(BODY.as_bytes()), Charset::Utf8))
    });
    group.bench_function("baseline lines+split_once into HashMap", |b| {
        b.iter(|| baseline(black_box(BODY)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
