//! `payone demo`: a checkout built with the typed API, step by step. Every value printed is the
//! wire form the platform would receive; secrets and card data appear only as `<redacted>`.

use payone_types::dynamic::validate;
use payone_types::generated::{client, frontend, server};
use payone_types::{Account, Charset, HashAlgorithm, PortalKey, Request};

/// The demo account: the sandbox defaults, overridable by `PAYONE_MID`, `PAYONE_PORTALID`,
/// `PAYONE_AID` and `PAYONE_KEY` (DESIGN.md section 5).
fn account() -> Result<Account, String> {
    fn number(var: &str, default: u32) -> Result<u32, String> {
        match std::env::var(var) {
            Ok(text) => text.parse().map_err(|_| format!("{var} is not a number")),
            Err(_) => Ok(default),
        }
    }
    let key = std::env::var("PAYONE_KEY").unwrap_or_else(|_| "sandbox-portal-key".to_owned());
    Ok(Account::new(
        number("PAYONE_MID", 10001)?,
        number("PAYONE_PORTALID", 2000001)?,
        number("PAYONE_AID", 10002)?,
        PortalKey::new(key),
    ))
}

fn step(number: u32, title: &str) {
    println!("\n== {number}. {title}");
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("   {l}\n")).collect()
}

fn basket() -> Result<Vec<frontend::Item>, String> {
    let products = [
        ("SKU-1", "Wanderschuhe Größe 43", 8900, 1),
        ("SKU-2", "Socken (3 Paar)", 1299, 2),
        ("SHIP", "Versand", 495, 1),
    ];
    products
        .iter()
        .map(|&(id, description, price, count)| {
            let it = if id == "SHIP" {
                frontend::It::Shipment
            } else {
                frontend::It::Goods
            };
            Ok(frontend::Item::builder()
                .it(it)
                .id(frontend::Id::try_new(id).map_err(|e| format!("id: {e}"))?)
                .pr(frontend::Pr::new(price))
                .no(frontend::No::new(count))
                .de(frontend::De::try_new(description).map_err(|e| format!("de: {e}"))?)
                .va(frontend::Va::new(19))
                .build())
        })
        .collect()
}

/// Runs the demo, printing each step.
pub fn run() -> Result<(), String> {
    let account = account()?;
    println!("payone demo: a checkout built with the typed API (offline: nothing is sent)");

    step(
        1,
        "Frontend authorization: typed request, 3 basket items, personal data",
    );
    let items = basket()?;
    let total: i64 = items
        .iter()
        .map(|i| i.pr().get() as i64 * i64::from(i.no().get()))
        .sum();
    let request = frontend::Authorization::builder()
        .clearingtype(frontend::Clearingtype::Cc(None))
        .reference(frontend::Reference::new("demo-0001"))
        .amount(frontend::Amount::try_new(total).map_err(|e| format!("amount: {e}"))?)
        .currency(frontend::Currency::new("EUR"))
        .items(items)
        .firstname(frontend::Firstname::new("Jürgen"))
        .lastname(frontend::Lastname::new("Müller"))
        .street(frontend::Street::new("Hellersbergstraße 14"))
        .zip(frontend::Zip::new("41460"))
        .city(frontend::City::new("Neuss"))
        .country(frontend::Country::new("DE"))
        .build()
        .map_err(|v| v.to_string())?;
    let params = request
        .to_signed_params(&account, HashAlgorithm::HmacSha384)
        .map_err(|v| v.to_string())?;
    print!("{}", indent(&params.redacted_lines()));
    let query = params
        .form_encode(account.encoding())
        .map_err(|v| v.to_string())?;
    println!("   Frontend URL: https://frontend.pay1.de/frontend/v2/?{query}");

    step(
        2,
        "The same request from untrusted input: every violation at once",
    );
    let rows = frontend::Authorization::params_info();
    let untrusted: Vec<(String, String)> = [
        ("request", "authorization"),
        ("aid", "10002"),
        ("portalid", "2000001"),
        ("api_version", "3.11"),
        ("mode", "test"),
        ("clearingtype", "cc"),
        ("reference", "demo 0001!"),
        ("amount", "12.50"),
        ("currency", "EURO"),
        ("cardpan", "4111 1111 1111 1111"),
        ("it[1]", "goods"),
        ("id[1]", "SKU-1"),
        ("pr[1]", "1250"),
        ("no[1]", "1"),
        ("de[1]", "Wanderschuhe"),
    ]
    .iter()
    .map(|(n, v)| (n.to_string(), v.to_string()))
    .collect();
    for violation in validate(&rows, &untrusted).iter() {
        println!("   {violation}");
    }

    step(
        3,
        "Client API creditcardcheck: the signed fields for the hosted iFrame",
    );
    let check = client::Creditcardcheck::builder()
        .responsetype(client::Responsetype::Json)
        .cardpan(client::Cardpan::new("4111111111111111"))
        .cardtype(client::Cardtype::V)
        .storecarddata(client::Storecarddata::new("yes"))
        .build()
        .map_err(|v| v.to_string())?;
    let params = check
        .to_signed_params(&account, HashAlgorithm::HmacSha384)
        .map_err(|v| v.to_string())?;
    print!("{}", indent(&params.redacted_lines()));

    step(
        4,
        "Server API authorization: a credentials-on-file recurring payment (seed 003)",
    );
    let recurring = server::Authorization::builder()
        .clearingtype(server::Clearingtype::Cc(Some(
            server::CreditCard::builder()
                .pseudocardpan(server::Pseudocardpan::new("9410010000012345678"))
                .build(),
        )))
        .recurrence(server::Recurrence::Recurring)
        .customer_is_present(server::CustomerIsPresent::No)
        .amount(server::Amount::new(1999))
        .currency(server::Currency::new("EUR"))
        .build()
        .map_err(|v| v.to_string())?;
    let params = recurring.to_params(&account).map_err(|v| v.to_string())?;
    print!("{}", indent(&params.redacted_lines()));

    step(
        5,
        "ISO-8859-1: a character the charset cannot carry is an error, never a `?`",
    );
    let latin1 = account.clone().with_encoding(Charset::Latin1);
    let euro = frontend::Authorization::builder()
        .clearingtype(frontend::Clearingtype::Rec)
        .reference(frontend::Reference::new("demo-0002"))
        .amount(frontend::Amount::new(100))
        .currency(frontend::Currency::new("EUR"))
        .items(basket()?)
        .lastname(frontend::Lastname::new("Ça coûte 5 €"))
        .build()
        .map_err(|v| v.to_string())?;
    match euro.to_params(&latin1) {
        Ok(_) => return Err("a `€` passed as ISO-8859-1".to_owned()),
        Err(violations) => println!("   {violations}"),
    }
    println!("\ndone: the demo finished every step");
    Ok(())
}
