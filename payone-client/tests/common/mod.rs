//! A fake Server API on loopback that answers each connection the way a test tells it to, and
//! keeps what it received.

#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use payone_client::{Client, ClientBuilder, Url};
use payone_types::{Account, PortalKey};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// How the fake platform behaves once it has read a request.
#[derive(Clone)]
pub enum Behaviour {
    /// Answers 200 with this Content-Type and body.
    Answer(&'static str, Vec<u8>),
    /// Answers with this HTTP status and an empty body.
    Status(u16),
    /// Waits this long before answering (to trip the client's timeout).
    Stall(Duration),
    /// Closes the connection without answering.
    Hangup,
}

/// One request as received.
#[derive(Clone, Debug)]
pub struct Received {
    pub head: String,
    pub body: Vec<u8>,
}

pub struct FakePlatform {
    pub url: Url,
    pub received: Arc<Mutex<Vec<Received>>>,
}

impl FakePlatform {
    pub async fn start(behaviour: Behaviour) -> FakePlatform {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let received = Arc::new(Mutex::new(Vec::new()));
        let log = received.clone();
        tokio::spawn(async move {
            loop {
                let Ok((mut stream, _)) = listener.accept().await else {
                    return;
                };
                let behaviour = behaviour.clone();
                let log = log.clone();
                tokio::spawn(async move {
                    let Some(request) = read_request(&mut stream).await else {
                        return;
                    };
                    log.lock().unwrap().push(request);
                    let response = match behaviour {
                        Behaviour::Answer(content_type, body) => response(200, content_type, &body),
                        Behaviour::Status(status) => response(status, "text/plain", b""),
                        Behaviour::Stall(wait) => {
                            tokio::time::sleep(wait).await;
                            response(200, "text/plain", b"status=APPROVED\n")
                        }
                        Behaviour::Hangup => return,
                    };
                    let _ = stream.write_all(&response).await;
                    let _ = stream.shutdown().await;
                });
            }
        });
        FakePlatform {
            url: format!("http://{addr}/post-gateway/").parse().unwrap(),
            received,
        }
    }

    pub fn requests(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

fn response(status: u16, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

async fn read_request(stream: &mut tokio::net::TcpStream) -> Option<Received> {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = stream.read(&mut buf).await.ok()?;
        if n == 0 {
            return None;
        }
        data.extend_from_slice(&buf[..n]);
        if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&data[..end]).into_owned();
            let length: usize = head
                .lines()
                .find_map(|l| {
                    let (name, value) = l.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse().ok())?
                })
                .unwrap_or(0);
            while data.len() < end + 4 + length {
                let n = stream.read(&mut buf).await.ok()?;
                if n == 0 {
                    return None;
                }
                data.extend_from_slice(&buf[..n]);
            }
            return Some(Received {
                head,
                body: data[end + 4..end + 4 + length].to_vec(),
            });
        }
    }
}

/// The account of the tests (a seven-digit portal ID, as the table demands).
pub fn account() -> Account {
    Account::new(23456, 1234512, 12345, PortalKey::new("portal-key")).with_api_version("3.10")
}

pub fn builder(url: &Url) -> ClientBuilder {
    Client::builder(account())
        .server_api_url(url.clone())
        .timeout(Duration::from_millis(500))
        .connect_timeout(Duration::from_millis(500))
}

/// A capture: the smallest valid Server API request.
pub fn capture() -> payone_types::generated::server::Capture {
    use payone_types::generated::server::*;
    Capture::builder()
        .amount(Amount::new(3000))
        .currency(Currency::new("EUR"))
        .txid(Txid::new("123456789"))
        .sequencenumber(Sequencenumber::new("1"))
        .build()
        .unwrap()
}
