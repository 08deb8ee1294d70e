//! A TransactionStatus notification read into typed fields; every field received stays
//! available, unknown ones too.
//!
//! The fields and their value lists follow "Parameter for the TransactionStatus query"
//! (<https://docs.payone.com/display/public/PLATFORM/Parameter+for+the+TransactionStatus+query>)
//! and "TransactionStatus Notification"
//! (<https://docs.payone.com/integration/response-handling/transactionstatus-notification>).
//! The fields of particular payment methods and txactions are named as PAYONE's own plugins
//! read them: magento-1 (`lib/Payone/TransactionStatus/Request.php`: the invoicing, dunning,
//! contract, SEPA and `clearing_*` fields) and magento-2 (`Setup/Tables/Transactionstatus.php`:
//! the card, bank account and access fields).

use std::fmt;

use payone_types::Mode;

use super::amount::{AmountError, currency_exponent, to_minor_units};
use super::form::decode_latin1_form;
use super::values::{FailedCause, NotifyVersion, ReasonCode, ReminderLevel, TransactionStatus};
use crate::clearing::Clearing;
use crate::fields::Fields;

/// Why a notification body could not be read. Names the field, never its value.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NotificationError {
    /// A field every notification carries is absent.
    #[error("the notification has no {0} field")]
    Missing(&'static str),
    /// A field has a value of the wrong form.
    #[error("the notification's {field} field is not {expected}")]
    Invalid {
        /// The field.
        field: &'static str,
        /// What it must be.
        expected: &'static str,
    },
}

/// `txaction`: what happened to the transaction. Values this crate does not know yet are kept
/// in [`TxAction::Other`] rather than refused, so a new event is never lost.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TxAction {
    /// `appointed`: the payment was initiated (reserved).
    Appointed,
    /// `capture`
    Capture,
    /// `paid`
    Paid,
    /// `underpaid`
    Underpaid,
    /// `cancelation`
    Cancelation,
    /// `refund`
    Refund,
    /// `debit`
    Debit,
    /// `reminder`: dunning level changed.
    Reminder,
    /// `vauthorization` (billing module).
    Vauthorization,
    /// `vsettlement` (billing module).
    Vsettlement,
    /// `transfer`
    Transfer,
    /// `invoice`
    Invoice,
    /// `failed`
    Failed,
    /// A value not listed here.
    Other(String),
}

impl TxAction {
    /// Reads a wire value.
    pub fn parse(s: &str) -> TxAction {
        match s {
            "appointed" => TxAction::Appointed,
            "capture" => TxAction::Capture,
            "paid" => TxAction::Paid,
            "underpaid" => TxAction::Underpaid,
            "cancelation" => TxAction::Cancelation,
            "refund" => TxAction::Refund,
            "debit" => TxAction::Debit,
            "reminder" => TxAction::Reminder,
            "vauthorization" => TxAction::Vauthorization,
            "vsettlement" => TxAction::Vsettlement,
            "transfer" => TxAction::Transfer,
            "invoice" => TxAction::Invoice,
            "failed" => TxAction::Failed,
            other => TxAction::Other(other.to_owned()),
        }
    }

    /// The wire value.
    pub fn as_str(&self) -> &str {
        match self {
            TxAction::Appointed => "appointed",
            TxAction::Capture => "capture",
            TxAction::Paid => "paid",
            TxAction::Underpaid => "underpaid",
            TxAction::Cancelation => "cancelation",
            TxAction::Refund => "refund",
            TxAction::Debit => "debit",
            TxAction::Reminder => "reminder",
            TxAction::Vauthorization => "vauthorization",
            TxAction::Vsettlement => "vsettlement",
            TxAction::Transfer => "transfer",
            TxAction::Invoice => "invoice",
            TxAction::Failed => "failed",
            TxAction::Other(other) => other,
        }
    }
}

impl fmt::Display for TxAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What identifies one notification: PAYONE sends a notification again until it is answered
/// `TSOK`, so the same event can arrive more than once. Store this key with the event and
/// ignore an event whose key is already stored.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DedupKey {
    /// `txid` (empty when the notification has none).
    pub txid: String,
    /// `sequencenumber` as received (empty when absent).
    pub sequencenumber: String,
    /// `txaction`.
    pub txaction: String,
}

impl fmt::Display for DedupKey {
    /// `txid/sequencenumber/txaction`, e.g. `123456789/1/capture`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}/{}", self.txid, self.sequencenumber, self.txaction)
    }
}

/// A TransactionStatus notification.
///
/// `Debug` never prints the `key` nor card or bank account data (`cardpan`, `cardexpiredate`,
/// `iban`, `bic`, `bankaccount`, `bankaccountholder`, `accesscode`, ...): see
/// [`Fields`]. The accessors of the method- and txaction-specific fields return `None` for a
/// field that is absent or sent empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notification {
    fields: Fields,
    txaction: TxAction,
    portalid: u32,
    aid: u32,
    sequencenumber: Option<u32>,
    mode: Option<Mode>,
}

impl Notification {
    /// Reads a notification body (form-urlencoded, ISO-8859-1).
    ///
    /// Requires `txaction`, `portalid` and `aid`; a missing `key` is left to the
    /// [`Verifier`](super::Verifier), which refuses it.
    pub fn parse(body: &[u8]) -> Result<Notification, NotificationError> {
        Notification::from_fields(decode_latin1_form(body))
    }

    /// Types fields decoded elsewhere.
    pub fn from_fields(fields: Fields) -> Result<Notification, NotificationError> {
        let required =
            |name: &'static str| fields.get(name).ok_or(NotificationError::Missing(name));
        let number = |name: &'static str, value: &str| {
            value
                .parse::<u32>()
                .map_err(|_| NotificationError::Invalid {
                    field: name,
                    expected: "a decimal number",
                })
        };
        let txaction = TxAction::parse(required("txaction")?);
        let portalid = number("portalid", required("portalid")?)?;
        let aid = number("aid", required("aid")?)?;
        let sequencenumber = match fields.get("sequencenumber") {
            Some(s) => Some(number("sequencenumber", s)?),
            None => None,
        };
        let mode = match fields.get("mode") {
            None => None,
            Some("test") => Some(Mode::Test),
            Some("live") => Some(Mode::Live),
            Some(_) => {
                return Err(NotificationError::Invalid {
                    field: "mode",
                    expected: "test or live",
                });
            }
        };
        Ok(Notification {
            fields,
            txaction,
            portalid,
            aid,
            sequencenumber,
            mode,
        })
    }

    /// `txaction`.
    pub fn txaction(&self) -> &TxAction {
        &self.txaction
    }

    /// `portalid`.
    pub fn portalid(&self) -> u32 {
        self.portalid
    }

    /// `aid`.
    pub fn aid(&self) -> u32 {
        self.aid
    }

    /// `sequencenumber`.
    pub fn sequencenumber(&self) -> Option<u32> {
        self.sequencenumber
    }

    /// `mode`.
    pub fn mode(&self) -> Option<Mode> {
        self.mode
    }

    /// `txid`.
    pub fn txid(&self) -> Option<&str> {
        self.get("txid")
    }

    /// `clearingtype`.
    pub fn clearingtype(&self) -> Option<&str> {
        self.get("clearingtype")
    }

    /// `txtime` (Unix time, as received).
    pub fn txtime(&self) -> Option<&str> {
        self.get("txtime")
    }

    /// `currency`.
    pub fn currency(&self) -> Option<&str> {
        self.get("currency")
    }

    /// `price` as received (a decimal such as `19.99`).
    pub fn price(&self) -> Option<&str> {
        self.get("price")
    }

    /// `receivable` as received.
    pub fn receivable(&self) -> Option<&str> {
        self.get("receivable")
    }

    /// `balance` as received.
    pub fn balance(&self) -> Option<&str> {
        self.get("balance")
    }

    /// `price` in minor units of `currency` (`19.99` EUR is 1999).
    pub fn price_minor_units(&self) -> Result<Option<i64>, AmountError> {
        self.minor_units(self.price())
    }

    /// `receivable` in minor units of `currency`.
    pub fn receivable_minor_units(&self) -> Result<Option<i64>, AmountError> {
        self.minor_units(self.receivable())
    }

    /// `balance` in minor units of `currency`.
    pub fn balance_minor_units(&self) -> Result<Option<i64>, AmountError> {
        self.minor_units(self.balance())
    }

    fn minor_units(&self, decimal: Option<&str>) -> Result<Option<i64>, AmountError> {
        let exponent = currency_exponent(self.currency().unwrap_or("EUR"));
        decimal.map(|d| to_minor_units(d, exponent)).transpose()
    }

    /// `reference`, the merchant's reference of the payment.
    pub fn reference(&self) -> Option<&str> {
        self.get("reference")
    }

    /// `userid`.
    pub fn userid(&self) -> Option<&str> {
        self.get("userid")
    }

    /// `customerid`.
    pub fn customerid(&self) -> Option<&str> {
        self.get("customerid")
    }

    /// `transaction_status`: whether the reported event is final ([`TransactionStatus`]:
    /// `completed` or `pending`). Absent below notify version 7.4, where every notification
    /// reports a completed event.
    pub fn transaction_status(&self) -> Option<TransactionStatus> {
        self.non_empty("transaction_status")
            .map(TransactionStatus::parse)
    }

    /// Whether the notification reports an event still under way (`transaction_status=pending`):
    /// a notification with `completed` for the same `txaction` follows.
    pub fn is_pending(&self) -> bool {
        self.transaction_status() == Some(TransactionStatus::Pending)
    }

    /// `notify_version`: the notification form the portal is configured for
    /// ([`NotifyVersion`]: `7.3` to `7.6`). Absent means 7.3.
    pub fn notify_version(&self) -> Option<NotifyVersion> {
        self.non_empty("notify_version").map(NotifyVersion::parse)
    }

    /// `reasoncode`: why a pending notification is pending (notify version 7.6;
    /// [`ReasonCode`], e.g. `903` for a timeout at the payment method's provider).
    pub fn reasoncode(&self) -> Option<ReasonCode> {
        self.non_empty("reasoncode").map(ReasonCode::parse)
    }

    /// `failedcause`, with `txaction=failed`: why the payment failed or was reversed
    /// ([`FailedCause`]: `soc`, `cka`, `uan`, `ndd`, `rcl`, `obj`, `ret`, `nelv`, `cbk`,
    /// `ncc`).
    pub fn failedcause(&self) -> Option<FailedCause> {
        self.non_empty("failedcause").map(FailedCause::parse)
    }

    /// `reminderlevel`, with `txaction=reminder` (Collect module): the dunning level reached
    /// ([`ReminderLevel`]: `1` to `5`, `A`, `S`, `M`, `I`).
    pub fn reminderlevel(&self) -> Option<ReminderLevel> {
        self.non_empty("reminderlevel").map(ReminderLevel::parse)
    }

    /// `param`: the merchant's own value sent with the payment request, repeated here.
    pub fn param(&self) -> Option<&str> {
        self.non_empty("param")
    }

    /// The `clearing_*` fields: for prepayment (`vor`) and invoice (`rec`) the account the
    /// customer pays to, the reference to quote and the due date; for a SEPA direct debit
    /// (`elv`) the date (`clearing_date`) and amount (`clearing_amount`) of the debit.
    pub fn clearing(&self) -> Option<Clearing<'_>> {
        Clearing::of(&self.fields)
    }

    /// `mandate_identification`, for a SEPA direct debit (`elv`): the reference of the
    /// mandate the debit is collected under.
    pub fn mandate_identification(&self) -> Option<&str> {
        self.non_empty("mandate_identification")
    }

    /// `creditor_identifier`, for a SEPA direct debit (`elv`): the payee's SEPA creditor ID,
    /// shown on the customer's statement with the mandate reference.
    pub fn creditor_identifier(&self) -> Option<&str> {
        self.non_empty("creditor_identifier")
    }

    /// `iban` of the debited account (`elv`). Sensitive: never printed by `Debug`.
    pub fn iban(&self) -> Option<&str> {
        self.non_empty("iban")
    }

    /// `bic` of the debited account (`elv`). Sensitive: never printed by `Debug`.
    pub fn bic(&self) -> Option<&str> {
        self.non_empty("bic")
    }

    /// `bankcountry` of the debited account (`elv`), ISO 3166 code.
    pub fn bankcountry(&self) -> Option<&str> {
        self.non_empty("bankcountry")
    }

    /// `bankaccount`: the national account number of the debited account, for accounts given
    /// without IBAN. Sensitive: never printed by `Debug`.
    pub fn bankaccount(&self) -> Option<&str> {
        self.non_empty("bankaccount")
    }

    /// `bankcode`: the national bank code of the debited account, for accounts given without
    /// IBAN.
    pub fn bankcode(&self) -> Option<&str> {
        self.non_empty("bankcode")
    }

    /// `bankaccountholder`: the name of the debited account's holder. Sensitive: never
    /// printed by `Debug`.
    pub fn bankaccountholder(&self) -> Option<&str> {
        self.non_empty("bankaccountholder")
    }

    /// `cardtype`, for a card payment (`cc`): the card scheme code of the payment request
    /// pages (for example `V` Visa, `M` Mastercard, `A` American Express).
    pub fn cardtype(&self) -> Option<&str> {
        self.non_empty("cardtype")
    }

    /// `cardexpiredate`, for a card payment (`cc`): the card's expiry, `YYMM`. Sensitive:
    /// never printed by `Debug`.
    pub fn cardexpiredate(&self) -> Option<&str> {
        self.non_empty("cardexpiredate")
    }

    /// `cardpan`, for a card payment (`cc`): the card number as the notification carries it,
    /// normally masked. Treated as sensitive whatever its form: never printed by `Debug`.
    pub fn cardpan(&self) -> Option<&str> {
        self.non_empty("cardpan")
    }

    /// `invoiceid`, with `txaction=invoice` (invoicing module): the number of the invoice the
    /// platform created.
    pub fn invoiceid(&self) -> Option<&str> {
        self.non_empty("invoiceid")
    }

    /// `invoice_grossamount`, with `txaction=invoice`: the invoice total including VAT, a
    /// decimal as received.
    pub fn invoice_grossamount(&self) -> Option<&str> {
        self.non_empty("invoice_grossamount")
    }

    /// `invoice_grossamount` in minor units of `currency`.
    pub fn invoice_grossamount_minor_units(&self) -> Result<Option<i64>, AmountError> {
        self.minor_units(self.invoice_grossamount())
    }

    /// `invoice_date`, with `txaction=invoice`: the invoice's date, as received.
    pub fn invoice_date(&self) -> Option<&str> {
        self.non_empty("invoice_date")
    }

    /// `invoice_deliverydate`, with `txaction=invoice`: the delivery date (or the start of
    /// the delivery period) stated on the invoice, as received.
    pub fn invoice_deliverydate(&self) -> Option<&str> {
        self.non_empty("invoice_deliverydate")
    }

    /// `invoice_deliveryenddate`, with `txaction=invoice`: the end of the delivery period
    /// stated on the invoice, as received.
    pub fn invoice_deliveryenddate(&self) -> Option<&str> {
        self.non_empty("invoice_deliveryenddate")
    }

    /// `productid` (contract module): the product the notification's access belongs to.
    pub fn productid(&self) -> Option<&str> {
        self.non_empty("productid")
    }

    /// `accessid` (contract module): the access a createaccess request set up.
    pub fn accessid(&self) -> Option<&str> {
        self.non_empty("accessid")
    }

    /// `accessname` (contract module): the customer's login name for the access.
    pub fn accessname(&self) -> Option<&str> {
        self.non_empty("accessname")
    }

    /// `accesscode` (contract module): the customer's password for the access. Sensitive:
    /// never printed by `Debug`.
    pub fn accesscode(&self) -> Option<&str> {
        self.non_empty("accesscode")
    }

    fn non_empty(&self, name: &str) -> Option<&str> {
        self.fields.get(name).filter(|value| !value.is_empty())
    }

    /// The received `key`, for the verifier only: it is a credential.
    pub(crate) fn key(&self) -> Option<&str> {
        self.fields.get("key")
    }

    /// The value of the first field called `name`, known to this crate or not.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields.get(name)
    }

    /// Every field received, in order (`Debug` redacts `key`).
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The key to recognise this event when PAYONE sends it again.
    pub fn dedup_key(&self) -> DedupKey {
        DedupKey {
            txid: self.txid().unwrap_or_default().to_owned(),
            sequencenumber: self.get("sequencenumber").unwrap_or_default().to_owned(),
            txaction: self.txaction.as_str().to_owned(),
        }
    }
}
