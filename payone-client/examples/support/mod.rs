//! Where the examples find PAYONE. Not part of what a shop copies: a shop builds its clients
//! with `Client::from_env()`, `DirectLinkConfig::from_env()` or `V2Config::from_env()` and
//! nothing else.
//!
//! Each example asks the environment first, through the variables those constructors read
//! (`PAYONE_SERVER_API_URL` with `PAYONE_MID`, `PAYONE_PORTALID`, `PAYONE_AID`, `PAYONE_KEY`;
//! `PAYONE_DIRECTLINK_URL` with `PAYONE_PSPID`, ...; `PAYONE_V2_URL` with
//! `PAYONE_MERCHANT_ID`, ...), so that it can run against a `payone sandbox` in another
//! terminal or against a PAYONE test account. When the endpoint variable is unset it starts the
//! sandbox in its own process on 127.0.0.1, so `cargo run --example NAME` needs no network.

#![allow(dead_code)] // every example uses only the part for its platform

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use payone_client::directlink::{
    self, DirectLinkClient, DirectLinkConfig, Password, ShaPassphrase,
};
use payone_client::v2::{BaseUrl, SecretString, V2Client, V2Config};
use payone_client::{Client, Endpoints, Url};
use payone_sandbox::Sandbox;
use payone_types::Account;

/// What an example returns: any error ends it with a message and exit code 1.
pub type Result<T, E = Box<dyn std::error::Error>> = std::result::Result<T, E>;

/// The sandbox started for an example, when it started one. Dropping it stops the sandbox.
pub type Embedded = Option<Sandbox>;

/// A Server API / Client API / Frontend client: from the environment when `endpoint_var`
/// (such as `PAYONE_SERVER_API_URL`) is set, else for a sandbox started with `config`.
pub async fn client(
    endpoint_var: &str,
    config: payone_sandbox::Config,
) -> Result<(Client, Embedded)> {
    if std::env::var_os(endpoint_var).is_some() {
        println!("PAYONE endpoints from the environment ({endpoint_var} is set)");
        return Ok((Client::from_env()?, None));
    }
    let accounts = config.accounts.clone();
    let sandbox = start(config).await?;
    let account = Account::new(accounts.mid, accounts.portalid, accounts.aid, accounts.key);
    let client = Client::builder(account)
        .endpoints(Endpoints::under(&base_url(&sandbox)?)?)
        .build()?;
    Ok((client, Some(sandbox)))
}

/// A DirectLink client for the test environment: from the environment when
/// `PAYONE_DIRECTLINK_URL` is set, else for an embedded sandbox with its default account.
pub async fn directlink_client() -> Result<(DirectLinkClient<directlink::Test>, Embedded)> {
    if std::env::var_os(directlink::PAYONE_DIRECTLINK_URL).is_some() {
        println!("DirectLink endpoints from the environment (PAYONE_DIRECTLINK_URL is set)");
        let config = DirectLinkConfig::from_env()?;
        return Ok((DirectLinkClient::new(config)?, None));
    }
    let sandbox = start(payone_sandbox::Config::default()).await?;
    let config = DirectLinkConfig::new(
        payone_sandbox::DEFAULT_PSPID,
        payone_sandbox::DEFAULT_USERID,
        Password::new(payone_sandbox::DEFAULT_PSWD),
        ShaPassphrase::new(payone_sandbox::DEFAULT_SHA_IN),
        payone_sandbox::DEFAULT_SHA_ALGO,
    )
    .with_endpoints(directlink::Endpoints::with_base(&base_url(&sandbox)?)?);
    Ok((DirectLinkClient::new(config)?, Some(sandbox)))
}

/// A v2 client for the test environment (preprod): from the environment when `PAYONE_V2_URL`
/// is set, else for an embedded sandbox with its default account.
pub async fn v2_client() -> Result<(V2Client<payone_client::v2::Test>, Embedded)> {
    if std::env::var_os(payone_client::v2::PAYONE_V2_URL).is_some() {
        println!("v2 endpoint from the environment (PAYONE_V2_URL is set)");
        return Ok((V2Client::new(V2Config::from_env()?)?, None));
    }
    let sandbox = start(payone_sandbox::Config::default()).await?;
    let config = V2Config::new(
        payone_sandbox::DEFAULT_MERCHANT_ID,
        payone_sandbox::DEFAULT_API_KEY,
        SecretString::from(payone_sandbox::DEFAULT_API_SECRET),
    )?
    .with_base(BaseUrl::custom(&base_url(&sandbox)?)?);
    Ok((V2Client::new(config)?, Some(sandbox)))
}

async fn start(config: payone_sandbox::Config) -> Result<Sandbox> {
    let sandbox = payone_sandbox::start(config).await?;
    println!(
        "no endpoint in the environment: sandbox started on {}",
        sandbox.base_url()
    );
    Ok(sandbox)
}

fn base_url(sandbox: &Sandbox) -> Result<Url> {
    Ok(Url::parse(&sandbox.base_url())?)
}

/// An order number no earlier run used: the platforms refuse a `reference` or `ORDERID` they
/// have seen, and a `payone sandbox` in another terminal remembers earlier runs.
pub fn order_number(prefix: &str) -> String {
    let millis = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_millis();
    // 10 digits: unique for months at one run per millisecond, and short enough for the
    // Server API's 20 characters of `reference`.
    format!("{prefix}-{:010}", millis % 10_000_000_000)
}

/// Waits until `done` holds, checking every 50 ms for at most 10 s; fails naming `what`.
/// The examples never wait longer: a flow that breaks ends them quickly.
pub async fn within_10s(what: &str, done: impl Fn() -> bool) -> Result<()> {
    let give_up = tokio::time::Instant::now() + Duration::from_secs(10);
    while !done() {
        if tokio::time::Instant::now() > give_up {
            return Err(format!("{what} did not happen within 10 s").into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Ok(())
}
