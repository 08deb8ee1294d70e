//! The blocking client (feature `blocking`) against a sandbox that runs on its own tokio
//! runtime: a plain `#[test]` with no async context, as a synchronous program uses it.

mod common;

use common::*;
use payone_client::{Answer, Error, Status};
use payone_sandbox::Config;
use payone_types::Charset;

#[test]
fn the_blocking_client_preauthorizes_captures_and_gets_typed_errors() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let sandbox = runtime
        .block_on(payone_sandbox::start(Config::default()))
        .unwrap();
    let base = sandbox.base_url().parse().unwrap();
    let client = builder(&base, account(Charset::Latin1))
        .build_blocking()
        .unwrap();

    let answer = client.send(&preauthorization(1000)).unwrap();
    assert!(
        matches!(&answer, Answer::Approved { txid: Some(t), userid: Some(u), .. }
            if t == "100000001" && u == "200000001"),
        "{answer:?}"
    );
    let answer = client.send(&capture("100000001", 1, 1000)).unwrap();
    assert_eq!(answer.status(), Status::Approved);
    assert_eq!(answer.get("settleaccount"), Some("yes"));

    let err = client.send(&capture("100000001", 1, 1)).unwrap_err();
    assert!(
        matches!(&err, Error::Platform { errorcode, .. } if errorcode == "907"),
        "{err:?}"
    );

    // Same configuration, same signed browser parameters as the async client.
    let async_client = builder(&base, account(Charset::Latin1)).build().unwrap();
    let check = payone_client::client_api::HostedBankaccountcheck::new(
        payone_types::generated::client::Responsetype::Json,
    );
    assert_eq!(
        client.client_api_params(&check).unwrap(),
        async_client.client_api_params(&check).unwrap()
    );

    assert_eq!(sandbox.requests().values().sum::<u64>(), 3);
    runtime.block_on(sandbox.shutdown());
}
