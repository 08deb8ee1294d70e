//! Headless Chromium through ChromeDriver for the browser tests: Debian's `chromium` and
//! `chromium-driver` (`.ci/run` installs them). A test using this is `#[ignore]`d with the
//! reason, and fails (never skips) when the binaries are missing.

#![allow(dead_code)]

use std::net::{Ipv4Addr, TcpListener};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
pub const CHROMIUM: &str = "/usr/bin/chromium";

/// The ChromeDriver process; killed and reaped when dropped.
pub struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// Fails the test, naming what to install, unless both binaries are there.
pub fn require_browser() {
    let present =
        std::path::Path::new(CHROMEDRIVER).exists() && std::path::Path::new(CHROMIUM).exists();
    assert!(
        present,
        "{CHROMEDRIVER} and {CHROMIUM} are needed (apt-get install chromium chromium-driver)"
    );
}

/// Starts ChromeDriver on a free loopback port and opens a headless Chromium session; keep the
/// [`Driver`] alive as long as the session.
pub async fn browser() -> (Driver, fantoccini::Client) {
    require_browser();
    let port = free_port();
    let driver = Driver(
        Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts"),
    );
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".to_owned(),
        serde_json::json!({
            "binary": CHROMIUM,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
        }),
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    let client = loop {
        // ChromeDriver speaks plain HTTP on loopback: no TLS stack needed.
        match ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(client) => break client,
            Err(e) => {
                assert!(
                    Instant::now() < deadline,
                    "chromedriver did not answer within 20 s: {e}"
                );
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
    };
    (driver, client)
}

/// The text of the first element matching `css`, waiting for it at most 15 s.
pub async fn wait_for_text(client: &fantoccini::Client, css: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Ok(element) = client.find(Locator::Css(css)).await {
            return element.text().await.expect("text");
        }
        assert!(
            Instant::now() < deadline,
            "`{css}` did not appear within 15 s"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Clicks the element with `id`.
pub async fn click(client: &fantoccini::Client, id: &str) {
    client
        .find(Locator::Id(id))
        .await
        .unwrap_or_else(|e| panic!("no element `{id}`: {e}"))
        .click()
        .await
        .expect("click");
}
