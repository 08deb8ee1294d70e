//! The payment-method part of `payone demo`: a SEPA direct debit with its mandate, a PayPal and
//! a Sofort payment through the provider's page, and a prepayment settled by the customer's
//! transfer. IBANs are printed masked.

use payone_client::answer::MandateAnswer;
use payone_client::{Answer, Client};
use payone_sandbox::Sandbox;
use payone_types::generated::server;

use super::{Received, arrived, step};

/// The customer's account (a public test IBAN).
const IBAN: &str = "DE02120300000000202051";
const SHOP: &str = "https://shop.example/checkout";

/// `iban` with all but its last four characters masked.
fn masked(iban: &str) -> String {
    let keep = iban.len().saturating_sub(4);
    iban.char_indices()
        .map(|(i, c)| if i < keep { '*' } else { c })
        .collect()
}

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// An authorization of `amount` with `clearingtype` and the shop's return URLs.
fn authorization(
    clearingtype: server::Clearingtype,
    amount: i64,
    reference: &str,
) -> Result<server::Authorization, String> {
    server::Authorization::builder()
        .clearingtype(clearingtype)
        .amount(server::Amount::new(amount))
        .currency(server::Currency::new("EUR"))
        .reference(server::Reference::try_new(reference.to_owned()).map_err(err)?)
        .lastname(server::Lastname::new("Müller"))
        .country(server::Country::new("DE"))
        .successurl(server::Successurl::try_new(format!("{SHOP}/success")).map_err(err)?)
        .errorurl(server::Errorurl::try_new(format!("{SHOP}/error")).map_err(err)?)
        .backurl(server::Backurl::try_new(format!("{SHOP}/back")).map_err(err)?)
        .build()
        .map_err(err)
}

/// The customer at the provider's page chooses "Pay"; where they are sent back to.
async fn pay_at_provider(http: &reqwest::Client, answer: &Answer) -> Result<String, String> {
    let Answer::Redirect { redirecturl, .. } = answer else {
        return Err(format!("expected REDIRECT, got {:?}", answer.status()));
    };
    let page = http.get(redirecturl).send().await.map_err(err)?;
    println!(
        "   customer opens the provider's page {redirecturl}: HTTP {}",
        page.status().as_u16()
    );
    let done = http
        .get(format!("{redirecturl}/complete?result=pay"))
        .send()
        .await
        .map_err(err)?;
    done.headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .ok_or_else(|| "the provider's page did not send the customer back".to_owned())
}

/// Runs the payment-method steps from `first` on; the number of the next step.
pub(super) async fn run(
    client: &Client,
    sandbox: &Sandbox,
    http: &reqwest::Client,
    received: &Received,
    first: u32,
) -> Result<u32, String> {
    let before = received.lock().map(|r| r.len()).unwrap_or_default();

    step(
        first,
        "SEPA direct debit: the mandate, the payment, the signed mandate",
    );
    let account = server::DirectDebit::builder()
        .iban(server::Iban::try_new(IBAN.to_owned()).map_err(err)?)
        .build();
    let managemandate = server::Managemandate::builder()
        .clearingtype(server::ManagemandateClearingtype::Elv(Some(account)))
        .currency(server::Currency::new("EUR"))
        .lastname(server::Lastname::new("Müller"))
        .country(server::Country::new("DE"))
        .build()
        .map_err(err)?;
    let mandate: MandateAnswer = client.send_typed(&managemandate).await.map_err(err)?;
    println!(
        "   managemandate for IBAN {}: mandate {} {}, {} characters of mandate text to confirm",
        masked(IBAN),
        mandate.mandate_identification(),
        mandate.status().as_str(),
        mandate.text().map(|t| t.html().len()).unwrap_or_default()
    );
    let direct_debit = server::DirectDebit::builder()
        .iban(server::Iban::try_new(IBAN.to_owned()).map_err(err)?)
        .mandate_identification(
            server::MandateIdentification::try_new(mandate.mandate_identification().to_owned())
                .map_err(err)?,
        )
        .build();
    let answer = client
        .send(&authorization(
            server::Clearingtype::Elv(Some(direct_debit)),
            4990,
            "demo-sepa-1",
        )?)
        .await
        .map_err(err)?;
    println!(
        "   authorization of 49.90 EUR: {:?} txid={} mandate={}",
        answer.status(),
        answer.txid().unwrap_or("-"),
        answer.mandate_identification().unwrap_or("-")
    );
    let getfile = server::Getfile::builder()
        .file_format(server::FileFormat::Pdf)
        .file_type(server::FileType::SepaMandate)
        .file_reference(
            server::FileReference::try_new(mandate.mandate_identification().to_owned())
                .map_err(err)?,
        )
        .build()
        .map_err(err)?;
    let pdf = client.fetch_document(&getfile).await.map_err(err)?;
    println!(
        "   getfile: the signed mandate, {} bytes of PDF",
        pdf.bytes().len()
    );

    step(
        first + 1,
        "PayPal: the customer approves at the wallet's page",
    );
    let wallet = server::EWallet::builder()
        .wallettype(server::Wallettype::Ppe(None))
        .build();
    let answer = client
        .send(&authorization(
            server::Clearingtype::Wlt(wallet),
            2500,
            "demo-paypal-1",
        )?)
        .await
        .map_err(err)?;
    println!(
        "   authorization of 25.00 EUR: {:?} txid={}",
        answer.status(),
        answer.txid().unwrap_or("-")
    );
    let back = pay_at_provider(http, &answer).await?;
    println!("   the customer returns to {back}");

    step(first + 2, "Sofort: the customer pays in their online bank");
    let bank = server::OnlineBankTransfer::builder()
        .onlinebanktransfertype(server::Onlinebanktransfertype::Pnt)
        .bankcountry(server::Bankcountry::new("DE"))
        .build();
    let answer = client
        .send(&authorization(
            server::Clearingtype::Sb(bank),
            1990,
            "demo-sofort-1",
        )?)
        .await
        .map_err(err)?;
    println!(
        "   authorization of 19.90 EUR: {:?} txid={}",
        answer.status(),
        answer.txid().unwrap_or("-")
    );
    let back = pay_at_provider(http, &answer).await?;
    println!("   the customer returns to {back}");

    step(
        first + 3,
        "Prepayment: the payment instructions, then the customer's transfer",
    );
    let answer = client
        .send(&authorization(
            server::Clearingtype::Vor,
            7500,
            "demo-prepay-1",
        )?)
        .await
        .map_err(err)?;
    let txid = answer.txid().unwrap_or_default().to_owned();
    let clearing = answer
        .clearing()
        .ok_or("prepayment: the answer has no payment instructions")?;
    println!(
        "   pay {} EUR to {} (IBAN {}, BIC {}) quoting {}",
        clearing.amount().unwrap_or("-"),
        clearing.account_holder().unwrap_or("-"),
        masked(clearing.iban().unwrap_or_default()),
        clearing.bic().unwrap_or("-"),
        clearing.reference().unwrap_or("-")
    );
    let txid: u64 = txid.parse().map_err(|_| "prepayment: no txid".to_owned())?;
    let settled = sandbox.transfer(txid, None).map_err(err)?;
    println!("   the customer's transfer arrives: {settled}");

    step(
        first + 4,
        "Their TransactionStatus notifications, answered TSOK",
    );
    // appointed (SEPA), appointed (PayPal), appointed + paid (Sofort), appointed + paid
    // (prepayment)
    arrived("notifications", before + 6, || {
        received.lock().map(|r| r.len()).unwrap_or_default()
    })
    .await?;
    for n in received
        .lock()
        .map_err(|_| "the store is poisoned".to_owned())?
        .iter()
        .skip(before)
    {
        println!(
            "   {:<10} txid={} clearingtype={} balance={}",
            n.txaction().as_str(),
            n.txid().unwrap_or("-"),
            n.clearingtype().unwrap_or("-"),
            n.balance().unwrap_or("-")
        );
    }
    Ok(first + 5)
}
