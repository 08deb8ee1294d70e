//! `payone demo`: a whole checkout against an embedded sandbox, step by step: credit-card
//! check, preauthorization with a 3-D Secure redirect followed, capture, partial refund, a
//! credentials-on-file subsequent payment, the TransactionStatus notifications received and
//! answered, the Frontend URL, refused input; then the other payment methods ([`methods`]: SEPA
//! direct debit, PayPal, Sofort, prepayment), DirectLink ([`directlink`]) and the v2 JSON API
//! ([`v2`]). Secrets, card data and IBANs never appear in the output.

mod directlink;
mod methods;
mod v2;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use payone_client::client_api::HostedCreditcardcheck;
use payone_client::cof::{Card, Customer, SubsequentPayment};
use payone_client::notification::axum::notification_router;
use payone_client::notification::{Notification, Verifier};
use payone_client::{Answer, Client, Endpoints, Url};
use payone_types::dynamic::validate;
use payone_types::generated::{client, frontend, server};
use payone_types::{Account, PortalKey, Request};

/// The card the customer types into the hosted iFrame (a public test number).
const TEST_CARD: (&str, &str, &str) = ("4111111111111111", "V", "3012");

type Received = Arc<Mutex<Vec<Notification>>>;

fn step(number: u32, title: &str) {
    println!("\n== {number}. {title}");
}

fn show(answer: &Answer) {
    for (name, value) in answer.fields().iter() {
        println!("   {name}={value}");
    }
}

/// The shop's TransactionStatus endpoint: stores each notification once and answers `TSOK`.
async fn notification_receiver(
    account: &Account,
    received: Received,
) -> Result<SocketAddr, String> {
    let app = notification_router(Verifier::for_account(account), move |n: Notification| {
        let received = received.clone();
        async move {
            let mut all = received
                .lock()
                .map_err(|_| "the store is poisoned".to_owned())?;
            if !all.iter().any(|seen| seen.dedup_key() == n.dedup_key()) {
                all.push(n);
            }
            Ok::<(), String>(())
        }
    });
    serve_on_loopback("the notification receiver", app).await
}

/// Serves `app` on a free loopback port (with the peer address, which the notification
/// verifier may check); its address.
async fn serve_on_loopback(what: &str, app: axum::Router) -> Result<SocketAddr, String> {
    let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .await
        .map_err(|e| format!("cannot bind {what}: {e}"))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    tokio::spawn(async move {
        let _ = axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await;
    });
    Ok(addr)
}

/// The customer's browser opens the sandbox's 3-D Secure challenge at `page` and follows its
/// "Authenticate" link `complete`; where the sandbox sends the customer back to.
async fn pass_challenge(
    http: &reqwest::Client,
    page: &str,
    complete: &str,
) -> Result<String, String> {
    let shown = http.get(page).send().await.map_err(|e| e.to_string())?;
    println!(
        "   customer opens the challenge {page}: HTTP {}",
        shown.status().as_u16()
    );
    let done = http.get(complete).send().await.map_err(|e| e.to_string())?;
    done.headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .ok_or_else(|| "the challenge did not send the customer back".to_owned())
}

/// Waits, at most 10 s, until `count` reaches `expected` of `what`.
async fn arrived(what: &str, expected: usize, count: impl Fn() -> usize) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let count = count();
        if count >= expected {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(format!(
                "only {count} of {expected} {what} arrived within 10 s"
            ));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn approved(answer: &Answer, what: &str) -> Result<String, String> {
    match answer {
        Answer::Approved { .. } => answer
            .txid()
            .map(str::to_owned)
            .ok_or_else(|| format!("{what}: APPROVED without txid")),
        other => Err(format!(
            "{what}: expected APPROVED, got {:?}",
            other.status()
        )),
    }
}

/// Runs the demo, printing each step.
pub fn run() -> Result<(), String> {
    let runtime = tokio::runtime::Runtime::new().map_err(|e| format!("cannot start tokio: {e}"))?;
    runtime.block_on(checkout())
}

async fn checkout() -> Result<(), String> {
    println!("payone demo: a checkout against the embedded sandbox (nothing leaves this machine)");
    let defaults = payone_sandbox::Config::default();
    let accounts = &defaults.accounts;
    let account = Account::new(
        accounts.mid,
        accounts.portalid,
        accounts.aid,
        accounts.key.clone(),
    );

    let received: Received = Arc::default();
    let receiver = notification_receiver(&account, received.clone()).await?;
    let webhooks = v2::Events::default();
    let webhook_url = v2::webhook_receiver(webhooks.clone()).await?;
    let sandbox = payone_sandbox::start(
        payone_sandbox::Config {
            notify_url: Some(format!("http://{receiver}/")),
            notify_retry: Duration::from_millis(200),
            ..defaults.clone()
        }
        .with_webhook_url(webhook_url.clone()),
    )
    .await
    .map_err(|e| format!("cannot start the sandbox: {e}"))?;
    let base = Url::parse(&sandbox.base_url()).map_err(|e| e.to_string())?;
    let client = Client::builder(account.clone())
        .endpoints(Endpoints::under(&base).map_err(|e| e.to_string())?)
        .build()
        .map_err(|e| e.to_string())?;
    println!(
        "sandbox listening on {base}, notifications to http://{receiver}/, v2 webhooks to {webhook_url}"
    );
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| e.to_string())?;

    step(
        1,
        "Client API creditcardcheck: the signed fields for the hosted iFrame",
    );
    let check = HostedCreditcardcheck::new(client::Responsetype::Json)
        .storecarddata(client::Storecarddata::Yes);
    let signed = client
        .client_api_params(&check)
        .map_err(|e| e.to_string())?;
    for (name, value) in &signed.fields {
        println!("   {name}={value}");
    }
    // The iFrame adds the card data in the customer's browser; the shop never sees the number.
    let (pan, cardtype, expiry) = TEST_CARD;
    let mut query: Vec<(String, String)> = signed.fields.clone();
    query.extend([
        ("cardpan".to_owned(), pan.to_owned()),
        ("cardtype".to_owned(), cardtype.to_owned()),
        ("cardexpiredate".to_owned(), expiry.to_owned()),
    ]);
    let body = http
        .get(signed.endpoint.clone())
        .query(&query)
        .send()
        .await
        .map_err(|e| format!("creditcardcheck: {e}"))?
        .bytes()
        .await
        .map_err(|e| format!("creditcardcheck answer: {e}"))?;
    let answer: serde_json::Value =
        serde_json::from_slice(&body).map_err(|e| format!("creditcardcheck answer: {e}"))?;
    let field = |name: &str| {
        answer
            .get(name)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_owned()
    };
    println!(
        "   answer: status={} truncatedcardpan={} pseudocardpan={}",
        field("status"),
        field("truncatedcardpan"),
        field("pseudocardpan")
    );
    if field("status") != "VALID" {
        return Err(format!(
            "creditcardcheck: expected VALID, got {}",
            field("status")
        ));
    }
    let pseudocardpan = field("pseudocardpan");
    let card = || {
        Card::new(
            server::Cardtype::V,
            server::Cardexpiredate::new(expiry),
            server::Pseudocardpan::try_new(pseudocardpan.clone())
                .expect("the sandbox's pseudocardpan"),
        )
    };

    step(
        2,
        "Server API preauthorization of 99.03 EUR: 3-D Secure redirect, followed",
    );
    let shop = "https://shop.example/checkout";
    let preauthorization = server::Preauthorization::builder()
        .clearingtype(server::Clearingtype::Cc(Some(
            server::CreditCard::builder()
                .cardtype(server::Cardtype::V)
                .cardexpiredate(server::Cardexpiredate::new(expiry))
                .pseudocardpan(
                    server::Pseudocardpan::try_new(pseudocardpan.clone())
                        .map_err(|e| e.to_string())?,
                )
                .build(),
        )))
        .amount(server::Amount::new(payone_sandbox::AMOUNT_3DS))
        .currency(server::Currency::new("EUR"))
        .reference(server::Reference::new("demo-0001"))
        .lastname(server::Lastname::new("Müller"))
        .street(server::Street::new("Hellersbergstraße 14"))
        .successurl(
            server::Successurl::try_new(format!("{shop}/success")).map_err(|e| e.to_string())?,
        )
        .errorurl(server::Errorurl::try_new(format!("{shop}/error")).map_err(|e| e.to_string())?)
        .backurl(server::Backurl::try_new(format!("{shop}/back")).map_err(|e| e.to_string())?)
        .build()
        .map_err(|e| e.to_string())?;
    let answer = client
        .send(&preauthorization)
        .await
        .map_err(|e| e.to_string())?;
    show(&answer);
    let Answer::Redirect { redirecturl, .. } = &answer else {
        return Err(format!(
            "preauthorization: expected REDIRECT, got {:?}",
            answer.status()
        ));
    };
    let txid = answer.txid().unwrap_or_default().to_owned();
    let back_to = pass_challenge(
        &http,
        redirecturl.as_str(),
        &format!(
            "{}/sandbox/3ds/{txid}/complete?result=ok",
            sandbox.base_url()
        ),
    )
    .await?;
    println!("   customer authenticates and returns to {back_to}");

    step(3, "Server API capture of 60.00 EUR (sequencenumber 1)");
    let capture = server::Capture::builder()
        .txid(server::Txid::try_new(txid.clone()).map_err(|e| e.to_string())?)
        .sequencenumber(server::Sequencenumber::new("1"))
        .amount(server::Amount::new(6000))
        .currency(server::Currency::new("EUR"))
        .build()
        .map_err(|e| e.to_string())?;
    let answer = client.send(&capture).await.map_err(|e| e.to_string())?;
    show(&answer);
    approved(&answer, "capture")?;

    step(
        4,
        "Server API partial refund of 15.00 EUR (sequencenumber 2)",
    );
    let refund = server::Refund::builder()
        .txid(server::Txid::try_new(txid.clone()).map_err(|e| e.to_string())?)
        .sequencenumber(server::Sequencenumber::new("2"))
        .amount(server::Amount::new(-1500))
        .currency(server::Currency::new("EUR"))
        .build()
        .map_err(|e| e.to_string())?;
    let answer = client.send(&refund).await.map_err(|e| e.to_string())?;
    show(&answer);
    approved(&answer, "refund")?;

    step(
        5,
        "Credentials on file: a subsequent recurring payment of 19.99 EUR (customer not present)",
    );
    let subsequent = SubsequentPayment::new(
        server::Amount::new(1999),
        server::Currency::new("EUR"),
        card().into(),
    )
    // The customer is named as in the credentials-on-file page's samples: the tables' rule
    // `lastname_or_company` refuses a payment that names no customer.
    .customer(Customer::new().lastname(server::Lastname::new("Approved")))
    .authorization()
    .map_err(|e| e.to_string())?;
    let params = subsequent.to_params(&account).map_err(|e| e.to_string())?;
    println!(
        "   sent: {}",
        params
            .iter()
            .map(|p| p.name.as_ref())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let answer = client.send(&subsequent).await.map_err(|e| e.to_string())?;
    show(&answer);
    approved(&answer, "subsequent payment")?;

    step(
        6,
        "TransactionStatus notifications received, verified and answered TSOK",
    );
    // appointed (3-D Secure passed), capture, refund, appointed (subsequent)
    arrived("notifications", 4, || {
        received.lock().map(|r| r.len()).unwrap_or_default()
    })
    .await?;
    for n in received
        .lock()
        .map_err(|_| "the store is poisoned".to_owned())?
        .iter()
    {
        println!(
            "   {:<10} txid={} sequencenumber={} receivable={} (dedup key {})",
            n.txaction().as_str(),
            n.txid().unwrap_or("-"),
            n.sequencenumber()
                .map(|s| s.to_string())
                .unwrap_or_default(),
            n.receivable().unwrap_or("-"),
            n.dedup_key()
        );
    }
    // The receiver stores a notification before its `TSOK` reaches the sandbox: wait, bounded,
    // until the sandbox has seen every answer.
    let deadline = Instant::now() + Duration::from_secs(10);
    while let Some(open) = sandbox.notifications().into_iter().find(|n| !n.tsok()) {
        if Instant::now() > deadline {
            return Err(format!(
                "notification {} was not answered TSOK within 10 s",
                open.txaction
            ));
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    step(7, "Frontend: the signed URL of the hosted payment page");
    let item = frontend::Item::builder()
        .it(frontend::It::Goods)
        .id(frontend::Id::new("SKU-1"))
        .pr(frontend::Pr::new(8900))
        .no(frontend::No::new(1))
        .de(frontend::De::new("Wanderschuhe Größe 43"))
        .build();
    let page = frontend::Authorization::builder()
        .clearingtype(frontend::Clearingtype::Cc(None))
        .reference(frontend::Reference::new("demo-0002"))
        .amount(frontend::Amount::new(8900))
        .currency(frontend::Currency::new("EUR"))
        .items(vec![item])
        .successurl(
            frontend::Successurl::try_new(format!("{shop}/success")).map_err(|e| e.to_string())?,
        )
        .backurl(frontend::Backurl::try_new(format!("{shop}/back")).map_err(|e| e.to_string())?)
        .build()
        .map_err(|e| e.to_string())?;
    let url = client.frontend_url(&page).map_err(|e| e.to_string())?;
    println!("   {url}");
    let shown = http
        .get(url.as_str())
        .send()
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "   the hosted page answers HTTP {}",
        shown.status().as_u16()
    );
    if !shown.status().is_success() {
        return Err("the hosted page refused the signed URL".to_owned());
    }

    step(
        8,
        "Untrusted input is checked before sending: every violation at once",
    );
    let rows = frontend::Authorization::params_info();
    let untrusted: Vec<(String, String)> = [
        ("request", "authorization"),
        ("aid", "10002"),
        ("portalid", "2000001"),
        ("api_version", "3.11"),
        ("mode", "test"),
        ("clearingtype", "cc"),
        ("reference", "demo 0003!"),
        ("amount", "12.50"),
        ("currency", "EURO"),
        ("cardpan", "4111 1111 1111 1111"),
        ("cardtype", "V"),
        ("cardexpireyear", "2030"),
        ("cardexpiremonth", "13"),
        ("it[1]", "goods"),
        ("id[1]", "SKU-1"),
        ("pr[1]", "1250"),
        ("no[1]", "1"),
        ("de[1]", ""),
    ]
    .iter()
    .map(|(n, v)| (n.to_string(), v.to_string()))
    .collect();
    for violation in validate(
        &rows,
        <frontend::Authorization as Request>::RULES,
        &untrusted,
    )
    .iter()
    {
        println!("   {violation}");
    }
    let wrong_key = Client::builder(Account::new(
        accounts.mid,
        accounts.portalid,
        accounts.aid,
        PortalKey::new("not the portal key"),
    ))
    .endpoints(Endpoints::under(&base).map_err(|e| e.to_string())?)
    .build()
    .map_err(|e| e.to_string())?;
    match wrong_key.send(&capture).await {
        Err(e) => println!("   a wrong portal key: {e}"),
        Ok(_) => return Err("the sandbox accepted a wrong key".to_owned()),
    }

    let next = methods::run(&client, &sandbox, &http, &received, 9).await?;
    let next = directlink::run(&base, next).await?;
    v2::run(&base, &http, &webhooks, next).await?;

    sandbox.shutdown().await;
    println!(
        "\ndone: checkout, capture, refund, subsequent payment and notifications all succeeded, \
         and so did SEPA, PayPal, Sofort, the prepayment, the DirectLink order, the v2 payment \
         with a hosted tokenization token and the v2 hosted checkout"
    );
    Ok(())
}
