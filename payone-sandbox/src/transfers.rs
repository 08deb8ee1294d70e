//! The customer's bank transfer for a prepayment (`clearingtype=vor`) or an invoice (`rec`),
//! which the sandbox cannot wait for: the shop's test says when it arrives and how much
//! (`POST /sandbox/transfers/{txid}`, or [`Sandbox::transfer`](crate::Sandbox::transfer)). The
//! payment is then settled by a `paid` notification, or `underpaid` while less than the
//! receivable has arrived.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::answer::Answer;
use crate::app::App;
use crate::money::decimal;
use crate::notify::Event;
use crate::state::{Transaction, TxStatus};

/// Why a transfer cannot be booked.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TransferError {
    /// No kept transaction has this `txid`.
    #[error("txid: no such transaction")]
    UnknownTransaction,
    /// The transaction is not an approved prepayment or invoice payment.
    #[error("txid: not an approved prepayment or invoice payment")]
    NotPayable,
    /// The amount is not positive.
    #[error("amount: must be positive (minor units)")]
    Amount,
}

/// Books `amount` (minor units; `None`: what is still open) as received for `txid` and queues
/// `paid` or `underpaid`. Returns the txaction notified.
pub(crate) fn book(
    app: &App,
    txid: u64,
    amount: Option<i64>,
) -> Result<&'static str, TransferError> {
    let mut state = app.state();
    let tx = state
        .transaction_mut(txid)
        .ok_or(TransferError::UnknownTransaction)?;
    if tx.status != TxStatus::Approved || !matches!(tx.clearingtype.as_deref(), Some("vor" | "rec"))
    {
        return Err(TransferError::NotPayable);
    }
    let open = tx.booked.max(tx.amount) - tx.paid;
    let amount = amount.unwrap_or(open);
    if amount <= 0 {
        return Err(TransferError::Amount);
    }
    tx.paid += amount;
    let txaction = if tx.paid >= tx.booked.max(tx.amount) {
        "paid"
    } else {
        "underpaid"
    };
    app.notifier.notify(Event::new(tx, txaction, 0));
    Ok(txaction)
}

/// `POST /sandbox/transfers/{txid}?amount=N`: 200 with the txaction notified, 404 for an
/// unknown transaction, 400 otherwise.
pub(crate) async fn handle(
    State(app): State<Arc<App>>,
    Path(txid): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let Ok(txid) = txid.parse::<u64>() else {
        return (StatusCode::NOT_FOUND, "txid: no such transaction\n").into_response();
    };
    let amount = match query.get("amount").map(|a| a.parse::<i64>()) {
        None => None,
        Some(Ok(amount)) => Some(amount),
        Some(Err(_)) => return (StatusCode::BAD_REQUEST, "amount: not a number\n").into_response(),
    };
    match book(&app, txid, amount) {
        Ok(txaction) => (StatusCode::OK, format!("{txaction}\n")).into_response(),
        Err(error @ TransferError::UnknownTransaction) => {
            (StatusCode::NOT_FOUND, format!("{error}\n")).into_response()
        }
        Err(error) => (StatusCode::BAD_REQUEST, format!("{error}\n")).into_response(),
    }
}

/// The sandbox's collection account that prepayment and invoice answers name.
pub const COLLECTION_IBAN: &str = "DE02100500000024290661";

/// `answer` with the payment instructions of a prepayment or invoice payment: the account the
/// customer pays to, the reference to quote and the amount.
pub(crate) fn instructions(answer: Answer, tx: &Transaction) -> Answer {
    answer
        .with("clearing_bankaccountholder", "PAYONE sandbox")
        .with("clearing_bankcountry", "DE")
        .with("clearing_bankiban", COLLECTION_IBAN)
        .with("clearing_bankbic", "SANDDEX1XXX")
        .with("clearing_bankname", "Sandbox Bank")
        .with("clearing_bankcity", "Kiel")
        .with("clearing_reference", format!("SB{}", tx.txid))
        .with("clearing_amount", decimal(tx.amount))
}
