//! One Server API round trip against an in-process sandbox over loopback: `Client::send` of a
//! preauthorization (validation, charset encoding, POST, answer decoding and typing) next to a
//! hand-written baseline that POSTs the same body, form-encoded once before the benchmark, with
//! a plain reqwest client and only reads the answer's bytes.
//!
//! Every iteration is a valid request for the sandbox: a preauthorization of 10.00 without
//! `reference` is always approved. The difference between the two is the client's own cost
//! per request; the rest is HTTP over loopback and the sandbox.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use payone_client::{Answer, Client, Endpoints, Url};
use payone_sandbox::{Config, DEFAULT_AID, DEFAULT_KEY, DEFAULT_MID, DEFAULT_PORTALID};
use payone_types::generated::server::*;
use payone_types::{Account, Charset, PortalKey, Request};
use reqwest::header::CONTENT_TYPE;

fn request() -> Preauthorization {
    Preauthorization::builder()
        .recurrence(Recurrence::Recurring)
        .customer_is_present(CustomerIsPresent::No)
        .clearingtype(Clearingtype::Cc(Some(
            CreditCard::builder()
                .cardtype(Cardtype::M)
                .cardexpiredate(Cardexpiredate::new("2110"))
                .pseudocardpan(Pseudocardpan::new("9911192220202920292"))
                .cardholder(Cardholder::new("Testperson Approved"))
                .build(),
        )))
        .amount(Amount::new(1000))
        .currency(Currency::new("EUR"))
        .lastname(Lastname::new("Approved"))
        .firstname(Firstname::new("Testperson"))
        .street(Street::new("Hellersbergstraße 14"))
        .city(City::new("Musterstadt"))
        .zip(Zip::new("12345"))
        .build()
        .expect("a valid request")
}

/// A runtime with a fresh sandbox, the client of its account and the baseline's pieces.
struct Fixture {
    runtime: tokio::runtime::Runtime,
    sandbox: payone_sandbox::Sandbox,
    client: Client,
    http: reqwest::Client,
    server_api: Url,
    body: String,
}

impl Fixture {
    /// Each benchmark gets its own sandbox: the sandbox keeps every transaction and
    /// notification in memory, and a sandbox already grown by the first benchmark would slow
    /// the second one down.
    fn new(request: &Preauthorization) -> Fixture {
        // One thread for client and sandbox: `block_on` drives the sandbox's tasks too, so an
        // iteration costs the CPU time of both ends, without cross-thread wake-ups adding noise.
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        let sandbox = runtime
            .block_on(payone_sandbox::start(Config::default()))
            .expect("the sandbox starts");
        let base: Url = sandbox.base_url().parse().expect("a URL");
        let endpoints = Endpoints::under(&base).expect("endpoints");
        let account = Account::new(
            DEFAULT_MID,
            DEFAULT_PORTALID,
            DEFAULT_AID,
            PortalKey::new(DEFAULT_KEY),
        );
        let client = Client::builder(account.clone())
            .endpoints(endpoints.clone())
            .build()
            .expect("a client");
        // The baseline: the same parameters, encoded once.
        let body = request
            .to_params(&account)
            .expect("valid")
            .form_encode(Charset::Utf8)
            .expect("encodable");
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("an HTTP client");
        Fixture {
            runtime,
            sandbox,
            client,
            http,
            server_api: endpoints.server_api,
            body,
        }
    }

    fn send(&self, request: &Preauthorization) -> Answer {
        self.runtime
            .block_on(self.client.send(request))
            .expect("approved")
    }

    fn raw(&self) -> impl AsRef<[u8]> + std::fmt::Debug + use<> {
        self.runtime.block_on(async {
            self.http
                .post(self.server_api.clone())
                .header(
                    CONTENT_TYPE,
                    "application/x-www-form-urlencoded; charset=UTF-8",
                )
                .body(self.body.clone())
                .send()
                .await
                .expect("an answer")
                .bytes()
                .await
                .expect("a body")
        })
    }

    fn shutdown(self) {
        self.runtime.block_on(self.sandbox.shutdown());
    }
}

fn bench(c: &mut Criterion) {
    let request = request();
    let client = Fixture::new(&request);
    let answer = client.send(&request);
    assert!(matches!(answer, Answer::Approved { .. }), "{answer:?}");
    let baseline = Fixture::new(&request);
    let answer = baseline.raw();
    assert!(
        answer.as_ref().starts_with(b"status=APPROVED\n"),
        "{answer:?}"
    );

    let mut group = c.benchmark_group("send");
    group.bench_function("payone_client Client::send preauthorization", |b| {
        b.iter(|| client.send(black_box(&request)))
    });
    group.bench_function("baseline reqwest POST of the pre-encoded body", |b| {
        b.iter(|| baseline.raw())
    });
    group.finish();
    client.shutdown();
    baseline.shutdown();
}

criterion_group!(benches, bench);
criterion_main!(benches);
