//! Every client against answers far larger than its limit, served on 127.0.0.1 by a raw server
//! that generates them as it sends, so that neither side ever needs their size in memory.
//!
//! The process's peak resident memory (`VmHWM`) is measured around each large answer, so the
//! tests of this binary run one at a time (see [`one_at_a_time`]): another test's allocations
//! would count as the client's.

#![cfg(target_os = "linux")]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc;
use std::sync::{Mutex, MutexGuard};
use std::thread;
use std::time::Duration;

use payone_client::Url;
use payone_client::directlink::{
    self, DirectLinkConfig, DirectLinkError, OrderOutcome, Password, QueryPolicy, ShaAlgorithm,
    ShaPassphrase,
};
use payone_client::v2::{self, BaseUrl, SecretString, V2Config, V2Error};
use payone_types::generated::server::{Amount, Capture, Currency, Sequencenumber, Txid};
use payone_types::generated::v2::{AmountOfMoney, CreatePaymentRequest, CurrencyCode, Order};
use payone_types::{Account, PortalKey};

/// The size of the large answers.
const HUGE: u64 = 256 * 1024 * 1024;
/// How much the process's peak memory may grow while a client meets a large answer: a quarter
/// of the answer, and far above the limits (1 and 8 MiB) and the buffers of the HTTP stack.
const MAX_GROWTH: u64 = 64 * 1024 * 1024;
/// The limit of the small cases (exactly at the limit, a stalled answer).
const SMALL_LIMIT: usize = 64 * 1024;
/// How long the server waits for a client to close a connection it no longer reads, so that a
/// client that holds it makes the test fail instead of hanging. The clients' own timeouts are
/// longer, so a client that waited for its timeout would be caught by this.
const SERVER_PATIENCE: Duration = Duration::from_secs(30);
const CLIENT_TIMEOUT: Duration = Duration::from_secs(90);

const SERVER_API_ANSWER: &[u8] = b"status=APPROVED\ntxid=123456789\nuserid=987654321\n";
const DIRECTLINK_ORDER: &[u8] = br#"<?xml version="1.0"?><ncresponse orderID="order-1" PAYID="3014726" NCSTATUS="0" NCERROR="" NCERRORPLUS="" ACCEPTANCE="test123" STATUS="5" amount="15" currency="EUR"/>"#;
const DIRECTLINK_MAINTENANCE: &[u8] = br#"<?xml version="1.0"?><ncresponse orderID="order-1" PAYID="3014726" PAYIDSUB="3" NCSTATUS="0" NCERROR="" NCERRORPLUS="" ACCEPTANCE="12345" STATUS="91" amount="15" currency="EUR"/>"#;
const V2_CREATED: &[u8] = br#"{"payment":{"id":"pay-1","status":"PENDING_CAPTURE","statusOutput":{"statusCode":5,"statusCategory":"PENDING_MERCHANT","isAuthorized":true}}}"#;

/// Serialises the tests of this binary.
fn one_at_a_time() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

// ---------------------------------------------------------------------------------------------
// The server

/// How the body is delimited.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Framing {
    /// `Transfer-Encoding: chunked`, no length announced.
    Chunked,
    /// `Content-Length`.
    Length,
}

/// One answer: `head` first, then `filler` bytes up to `total` bytes of body.
#[derive(Clone)]
struct Plan {
    content_type: &'static str,
    head: &'static [u8],
    filler: u8,
    total: u64,
    framing: Framing,
    /// Stops sending after `total` bytes without ending the body, and waits for the client to
    /// close the connection.
    stall: bool,
}

impl Plan {
    fn new(content_type: &'static str, head: &'static [u8], filler: u8, total: u64) -> Plan {
        Plan {
            content_type,
            head,
            filler,
            total,
            framing: Framing::Chunked,
            stall: false,
        }
    }

    fn framed(self, framing: Framing) -> Plan {
        Plan { framing, ..self }
    }

    fn stalled(self) -> Plan {
        Plan {
            stall: true,
            ..self
        }
    }
}

/// What the server saw of one exchange.
#[derive(Debug)]
struct Served {
    /// Body bytes written to the connection (some may still sit in socket buffers).
    sent: u64,
    /// Whether the client closed the connection before the server was done with it.
    closed_by_client: bool,
}

/// Serves one connection with `plan`; the report arrives once the server is done with it.
fn serve(plan: Plan) -> (String, mpsc::Receiver<Served>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}/", listener.local_addr().unwrap());
    let (report, reports) = mpsc::channel();
    thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let served = answer(stream, &plan);
        let _ = report.send(served);
    });
    (base, reports)
}

fn answer(stream: TcpStream, plan: &Plan) -> Served {
    stream.set_read_timeout(Some(SERVER_PATIENCE)).unwrap();
    stream.set_write_timeout(Some(SERVER_PATIENCE)).unwrap();
    read_request(&stream);
    let mut out = &stream;
    let framing = match plan.framing {
        Framing::Chunked => "Transfer-Encoding: chunked".to_owned(),
        Framing::Length => format!("Content-Length: {}", plan.total),
    };
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {}\r\n{framing}\r\n\r\n",
        plan.content_type
    );
    if out.write_all(head.as_bytes()).is_err() {
        return Served {
            sent: 0,
            closed_by_client: true,
        };
    }
    let mut sent = 0;
    let filler = vec![plan.filler; 64 * 1024];
    while sent < plan.total {
        let piece = if sent < plan.head.len() as u64 {
            &plan.head[sent as usize..]
        } else {
            &filler[..filler.len().min((plan.total - sent) as usize)]
        };
        let piece = &piece[..piece.len().min((plan.total - sent) as usize)];
        let written = match plan.framing {
            Framing::Chunked => write_chunk(out, piece),
            Framing::Length => out.write_all(piece),
        };
        if written.is_err() {
            return Served {
                sent,
                closed_by_client: true,
            };
        }
        sent += piece.len() as u64;
    }
    if plan.stall {
        // Nothing more comes from this side: only the client closing ends the wait.
        let closed = match (&stream).read(&mut [0; 1]) {
            Ok(0) => true,
            Err(e) => e.kind() == std::io::ErrorKind::ConnectionReset,
            Ok(_) => false,
        };
        return Served {
            sent,
            closed_by_client: closed,
        };
    }
    if plan.framing == Framing::Chunked && out.write_all(b"0\r\n\r\n").is_err() {
        return Served {
            sent,
            closed_by_client: true,
        };
    }
    Served {
        sent,
        closed_by_client: false,
    }
}

fn write_chunk(mut out: &TcpStream, piece: &[u8]) -> std::io::Result<()> {
    write!(out, "{:x}\r\n", piece.len())?;
    out.write_all(piece)?;
    out.write_all(b"\r\n")
}

/// Reads the request's head and body, so that the client is done sending.
fn read_request(stream: &TcpStream) {
    let mut reader = BufReader::new(stream);
    let mut length = 0;
    let mut line = String::new();
    // A request head has a few lines; the bound only keeps a broken client from looping.
    for _ in 0..100 {
        line.clear();
        reader.read_line(&mut line).unwrap();
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap();
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
}

// ---------------------------------------------------------------------------------------------
// Memory

/// A figure of `/proc/self/status`, in bytes.
fn status_bytes(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status
        .lines()
        .find(|l| l.starts_with(field))
        .unwrap_or_else(|| panic!("no {field} in /proc/self/status"));
    let kb: u64 = line[field.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .unwrap();
    kb * 1024
}

/// How much the peak resident memory grew while `f` ran. The peak is reset first where the
/// kernel allows it, so that an earlier peak cannot hide this one's.
fn peak_growth<T>(f: impl FnOnce() -> T) -> (T, u64) {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let before = status_bytes("VmHWM:");
    let result = f();
    let after = status_bytes("VmHWM:");
    (result, after.saturating_sub(before))
}

// ---------------------------------------------------------------------------------------------
// The clients, each reduced to what it made of the answer

/// What a client made of an answer.
#[derive(Debug, PartialEq)]
enum Seen {
    /// A typed answer.
    Accepted,
    /// The size error, with its limit and whether it leaves the outcome open.
    TooLarge { limit: usize, outcome_unknown: bool },
    /// Anything else.
    Other(String),
}

fn account() -> Account {
    Account::new(23456, 1234512, 12345, PortalKey::new("portal-key")).with_api_version("3.10")
}

fn capture() -> Capture {
    Capture::builder()
        .amount(Amount::new(3000))
        .currency(Currency::new("EUR"))
        .txid(Txid::new("123456789"))
        .sequencenumber(Sequencenumber::new("1"))
        .build()
        .unwrap()
}

fn server_api_builder(base: &str, limit: Option<usize>) -> payone_client::ClientBuilder {
    let builder = payone_client::Client::builder(account())
        .server_api_url(format!("{base}post-gateway/").parse().unwrap())
        .timeout(CLIENT_TIMEOUT);
    match limit {
        Some(limit) => builder.max_answer_bytes(limit),
        None => builder,
    }
}

fn server_api_seen(result: Result<payone_client::Answer, payone_client::Error>) -> Seen {
    match result {
        Ok(_) => Seen::Accepted,
        Err(error @ payone_client::Error::AnswerTooLarge { limit }) => Seen::TooLarge {
            limit,
            outcome_unknown: error.outcome_unknown(),
        },
        Err(other) => Seen::Other(other.to_string()),
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn server_api_async(base: &str, limit: Option<usize>) -> Seen {
    let client = server_api_builder(base, limit).build().unwrap();
    server_api_seen(runtime().block_on(client.send(&capture())))
}

fn server_api_blocking(base: &str, limit: Option<usize>) -> Seen {
    let client = server_api_builder(base, limit).build_blocking().unwrap();
    server_api_seen(client.send(&capture()))
}

fn directlink_config(base: &str, limit: Option<usize>) -> DirectLinkConfig<directlink::Test> {
    let config = DirectLinkConfig::<directlink::Test>::new(
        "MyPSPID",
        "apiuser",
        Password::new("api-password"),
        ShaPassphrase::new("sha-in-passphrase"),
        ShaAlgorithm::Sha512,
    )
    .with_endpoints(directlink::Endpoints::with_base(&base.parse::<Url>().unwrap()).unwrap())
    .with_order_timeout(CLIENT_TIMEOUT)
    .with_timeout(CLIENT_TIMEOUT)
    // No query: the order's own error is what is looked at here.
    .with_query_policy(QueryPolicy::new(0, Duration::ZERO, CLIENT_TIMEOUT));
    match limit {
        Some(limit) => config.with_max_answer_bytes(limit),
        None => config,
    }
}

fn directlink_seen(error: DirectLinkError) -> Seen {
    match error {
        DirectLinkError::AnswerTooLarge { limit, .. } => Seen::TooLarge {
            limit,
            outcome_unknown: error.outcome_unknown(),
        },
        other => Seen::Other(other.to_string()),
    }
}

const ORDER: [(&str, &str); 5] = [
    ("ORDERID", "order-1"),
    ("AMOUNT", "1500"),
    ("CURRENCY", "EUR"),
    ("ALIAS", "alias-1"),
    ("OPERATION", "SAL"),
];

/// An order: a too large answer is an unreadable one, so it ends in the fallback (which has no
/// query to send here) with the size error as the order's error.
fn directlink_async(base: &str, limit: Option<usize>) -> Seen {
    let client = directlink::DirectLinkClient::new(directlink_config(base, limit)).unwrap();
    match runtime().block_on(client.order(&ORDER)) {
        Ok(OrderOutcome::Answered(_)) => Seen::Accepted,
        Ok(OrderOutcome::Unknown {
            order_error,
            queries: 0,
            last_query: None,
        }) => directlink_seen(order_error),
        Ok(other) => Seen::Other(format!("{other:?}")),
        Err(error) => Seen::Other(error.to_string()),
    }
}

/// A capture.
fn directlink_blocking(base: &str, limit: Option<usize>) -> Seen {
    let client =
        directlink::blocking::DirectLinkClient::new(directlink_config(base, limit)).unwrap();
    match client.maintenance(&[("PAYID", "3014726"), ("OPERATION", "SAS")]) {
        Ok(_) => Seen::Accepted,
        Err(error) => directlink_seen(error),
    }
}

fn v2_config(base: &str, limit: Option<usize>) -> V2Config<v2::Test> {
    let config = V2Config::<v2::Test>::new("merchant1", "fakeKey", SecretString::from("secret"))
        .unwrap()
        .with_base(BaseUrl::custom(&base.parse().unwrap()).unwrap())
        .with_timeout(CLIENT_TIMEOUT);
    match limit {
        Some(limit) => config.with_max_answer_bytes(limit),
        None => config,
    }
}

fn v2_request() -> CreatePaymentRequest {
    CreatePaymentRequest::new(Order::new(AmountOfMoney::new(
        payone_types::generated::v2::Amount::new(1500),
        CurrencyCode::new("EUR"),
    )))
}

fn v2_seen<T>(result: Result<T, V2Error>) -> Seen {
    match result {
        Ok(_) => Seen::Accepted,
        Err(error @ V2Error::AnswerTooLarge { limit, .. }) => Seen::TooLarge {
            limit,
            outcome_unknown: error.outcome_unknown(),
        },
        Err(other) => Seen::Other(other.to_string()),
    }
}

fn v2_async(base: &str, limit: Option<usize>) -> Seen {
    let client = v2::V2Client::new(v2_config(base, limit)).unwrap();
    v2_seen(runtime().block_on(client.create_payment(&v2_request())))
}

fn v2_blocking(base: &str, limit: Option<usize>) -> Seen {
    let client = v2::blocking::V2Client::new(v2_config(base, limit)).unwrap();
    v2_seen(client.create_payment(&v2_request()))
}

/// One client: its name, how it is called, its default limit and a valid answer to pad.
struct Case {
    name: &'static str,
    call: fn(&str, Option<usize>) -> Seen,
    default_limit: usize,
    content_type: &'static str,
    answer: &'static [u8],
    /// Padding the answer stays valid with.
    filler: u8,
}

const CASES: [Case; 6] = [
    Case {
        name: "Server API async",
        call: server_api_async,
        default_limit: payone_client::config::DEFAULT_MAX_ANSWER_BYTES,
        content_type: "text/plain; charset=UTF-8",
        answer: SERVER_API_ANSWER,
        filler: b'\n',
    },
    Case {
        name: "Server API blocking",
        call: server_api_blocking,
        default_limit: payone_client::config::DEFAULT_MAX_ANSWER_BYTES,
        content_type: "text/plain; charset=UTF-8",
        answer: SERVER_API_ANSWER,
        filler: b'\n',
    },
    Case {
        name: "DirectLink async",
        call: directlink_async,
        default_limit: directlink::DEFAULT_MAX_ANSWER_BYTES,
        content_type: "text/xml",
        answer: DIRECTLINK_ORDER,
        filler: b' ',
    },
    Case {
        name: "DirectLink blocking",
        call: directlink_blocking,
        default_limit: directlink::DEFAULT_MAX_ANSWER_BYTES,
        content_type: "text/xml",
        answer: DIRECTLINK_MAINTENANCE,
        filler: b' ',
    },
    Case {
        name: "v2 async",
        call: v2_async,
        default_limit: v2::DEFAULT_MAX_ANSWER_BYTES,
        content_type: "application/json",
        answer: V2_CREATED,
        filler: b' ',
    },
    Case {
        name: "v2 blocking",
        call: v2_blocking,
        default_limit: v2::DEFAULT_MAX_ANSWER_BYTES,
        content_type: "application/json",
        answer: V2_CREATED,
        filler: b' ',
    },
];

/// A huge answer of `framing`, to each client with its default limit: the size error, an open
/// outcome (every call here changes state), the connection dropped long before the end, and
/// the peak memory far below the answer's size.
fn huge_answers(framing: Framing) {
    let _serial = one_at_a_time();
    let mut figures = Vec::new();
    for case in &CASES {
        let (base, served) =
            serve(Plan::new(case.content_type, case.answer, case.filler, HUGE).framed(framing));
        let (seen, growth) = peak_growth(|| (case.call)(&base, None));
        let served = served.recv().unwrap();
        figures.push(format!(
            "{}: peak grew by {:.1} MiB while {:.1} MiB were sent",
            case.name,
            growth as f64 / (1024.0 * 1024.0),
            served.sent as f64 / (1024.0 * 1024.0)
        ));
        assert!(growth < MAX_GROWTH, "{}", figures.join("\n"));
        assert_eq!(
            seen,
            Seen::TooLarge {
                limit: case.default_limit,
                outcome_unknown: true
            },
            "{}",
            case.name
        );
        assert!(
            served.closed_by_client && served.sent < HUGE,
            "{}: {served:?}",
            case.name
        );
    }
    eprintln!("{framing:?}, {HUGE} bytes:\n{}", figures.join("\n"));
}

#[test]
fn a_huge_chunked_answer_is_refused_while_it_streams() {
    huge_answers(Framing::Chunked);
}

#[test]
fn a_huge_announced_answer_is_refused_before_it_is_read() {
    huge_answers(Framing::Length);
}

#[test]
fn an_answer_exactly_at_the_limit_is_read_and_one_byte_more_is_not() {
    let _serial = one_at_a_time();
    for case in &CASES {
        for framing in [Framing::Chunked, Framing::Length] {
            let at = SMALL_LIMIT as u64;
            let plan = Plan::new(case.content_type, case.answer, case.filler, at).framed(framing);
            let (base, served) = serve(plan.clone());
            let seen = (case.call)(&base, Some(SMALL_LIMIT));
            assert_eq!(seen, Seen::Accepted, "{} {framing:?}", case.name);
            assert_eq!(served.recv().unwrap().sent, at);

            let (base, _served) = serve(Plan {
                total: at + 1,
                ..plan
            });
            let seen = (case.call)(&base, Some(SMALL_LIMIT));
            assert_eq!(
                seen,
                Seen::TooLarge {
                    limit: SMALL_LIMIT,
                    outcome_unknown: true
                },
                "{} {framing:?}",
                case.name
            );
        }
    }
}

#[test]
fn a_stalled_answer_past_the_limit_ends_without_waiting_for_the_rest() {
    let _serial = one_at_a_time();
    for case in &CASES {
        // Past the limit, then nothing more: a client that waited for the rest would wait for
        // its timeout, longer than the server waits for it to close the connection.
        let plan = Plan::new(
            case.content_type,
            case.answer,
            case.filler,
            2 * SMALL_LIMIT as u64,
        )
        .stalled();
        let (base, served) = serve(plan);
        let seen = (case.call)(&base, Some(SMALL_LIMIT));
        assert_eq!(
            seen,
            Seen::TooLarge {
                limit: SMALL_LIMIT,
                outcome_unknown: true
            },
            "{}",
            case.name
        );
        let served = served.recv().unwrap();
        assert!(served.closed_by_client, "{}: {served:?}", case.name);
    }
}
