//! The method- and txaction-specific fields of TransactionStatus notifications, one family of
//! txactions per test, with bodies written for these tests.

use payone_client::notification::{
    FailedCause, Notification, NotifyVersion, ReasonCode, ReminderLevel, TransactionStatus,
    TxAction,
};

/// A notification body: the fields every notification carries, then `extra`.
fn notification(txaction: &str, clearingtype: &str, extra: &str) -> Notification {
    let body = format!(
        "key=0f1e2d3c4b5a69788796a5b4c3d2e1f0&txaction={txaction}&portalid=2034567&aid=54321\
         &mode=live&clearingtype={clearingtype}&txtime=1767225600&currency=EUR&userid=77120034\
         &customerid=K-20931&txid=612345678&reference=SO-88120&sequencenumber=1{extra}"
    );
    Notification::parse(body.as_bytes()).unwrap()
}

#[test]
fn a_card_reservation_carries_the_card_fields() {
    let n = notification(
        "appointed",
        "cc",
        "&transaction_status=completed&notify_version=7.6&price=249.90&balance=0.00\
         &receivable=0.00&cardtype=M&cardexpiredate=2911&cardpan=525599XXXXXX0417",
    );
    assert_eq!(n.txaction(), &TxAction::Appointed);
    assert_eq!(n.transaction_status(), Some(TransactionStatus::Completed));
    assert!(!n.is_pending());
    assert_eq!(n.notify_version(), Some(NotifyVersion::V7_6));
    assert_eq!(n.cardtype(), Some("M"));
    assert_eq!(n.cardexpiredate(), Some("2911"));
    assert_eq!(n.cardpan(), Some("525599XXXXXX0417"));
    assert_eq!(n.price_minor_units(), Ok(Some(24990)));
    assert!(n.clearing().is_none());
    assert_eq!(n.reasoncode(), None);
    assert_eq!(n.iban(), None);
}

#[test]
fn a_pending_wallet_payment_names_its_reason() {
    let n = notification(
        "appointed",
        "wlt",
        "&transaction_status=pending&notify_version=7.6&reasoncode=903&price=12.40\
         &balance=0.00&receivable=0.00",
    );
    assert!(n.is_pending());
    assert_eq!(n.transaction_status(), Some(TransactionStatus::Pending));
    assert_eq!(n.reasoncode(), Some(ReasonCode::ProviderTimeout));
    assert_eq!(n.reasoncode().and_then(|r| r.code()), Some(903));
}

#[test]
fn prepayment_notifications_carry_the_payment_instructions() {
    let instructions = "&clearing_bankaccountholder=Versandhaus+Nord+GmbH\
        &clearing_bankiban=DE40700202700015478301&clearing_bankbic=HYVEDEMMXXX\
        &clearing_bankname=Nordbank&clearing_bankcity=Kiel&clearing_bankcountry=DE\
        &clearing_reference=VN-3381-2207&clearing_duedate=20260115&clearing_amount=89.00";
    let appointed = notification(
        "appointed",
        "vor",
        &format!("&price=89.00&balance=89.00&receivable=89.00{instructions}"),
    );
    let clearing = appointed.clearing().expect("clearing data");
    assert_eq!(clearing.account_holder(), Some("Versandhaus Nord GmbH"));
    assert_eq!(clearing.iban(), Some("DE40700202700015478301"));
    assert_eq!(clearing.bic(), Some("HYVEDEMMXXX"));
    assert_eq!(clearing.bank_name(), Some("Nordbank"));
    assert_eq!(clearing.bank_city(), Some("Kiel"));
    assert_eq!(clearing.bank_country(), Some("DE"));
    assert_eq!(clearing.reference(), Some("VN-3381-2207"));
    assert_eq!(clearing.due_date(), Some("20260115"));
    assert_eq!(clearing.amount(), Some("89.00"));
    // The payee's account is not the customer's: `iban` stays empty.
    assert_eq!(appointed.iban(), None);

    let underpaid = notification(
        "underpaid",
        "vor",
        "&price=89.00&balance=9.00&receivable=89.00",
    );
    assert_eq!(underpaid.txaction(), &TxAction::Underpaid);
    assert_eq!(underpaid.balance_minor_units(), Ok(Some(900)));

    let paid = notification("paid", "vor", "&price=89.00&balance=0.00&receivable=89.00");
    assert_eq!(paid.txaction(), &TxAction::Paid);
    assert_eq!(paid.balance_minor_units(), Ok(Some(0)));
}

#[test]
fn sepa_direct_debits_carry_mandate_and_account() {
    let n = notification(
        "capture",
        "elv",
        "&transaction_status=completed&notify_version=7.5&price=42.15&balance=42.15\
         &receivable=42.15&mandate_identification=PO-1129384756\
         &creditor_identifier=DE98ZZZ09999999999&iban=DE61830654080004103312\
         &bic=GENODEF1SLR&bankcountry=DE&clearing_date=20260109&clearing_amount=42.15",
    );
    assert_eq!(n.txaction(), &TxAction::Capture);
    assert_eq!(n.mandate_identification(), Some("PO-1129384756"));
    assert_eq!(n.creditor_identifier(), Some("DE98ZZZ09999999999"));
    assert_eq!(n.iban(), Some("DE61830654080004103312"));
    assert_eq!(n.bic(), Some("GENODEF1SLR"));
    assert_eq!(n.bankcountry(), Some("DE"));
    let clearing = n.clearing().expect("the debit's date and amount");
    assert_eq!(clearing.date(), Some("20260109"));
    assert_eq!(clearing.amount(), Some("42.15"));
    assert_eq!(clearing.iban(), None);
}

#[test]
fn an_old_direct_debit_carries_the_national_account() {
    let n = notification(
        "appointed",
        "elv",
        "&bankcountry=AT&bankaccount=00234573201&bankcode=20111\
         &bankaccountholder=Ilse+Steinbauer",
    );
    assert_eq!(n.bankaccount(), Some("00234573201"));
    assert_eq!(n.bankcode(), Some("20111"));
    assert_eq!(n.bankaccountholder(), Some("Ilse Steinbauer"));
    assert_eq!(n.bankcountry(), Some("AT"));
}

#[test]
fn failed_payments_name_their_cause() {
    let returned = notification(
        "failed",
        "elv",
        "&transaction_status=completed&notify_version=7.5&failedcause=rcl&price=42.15\
         &balance=42.15&receivable=0.00",
    );
    assert_eq!(returned.txaction(), &TxAction::Failed);
    assert_eq!(returned.failedcause(), Some(FailedCause::Recall));

    let chargeback = notification("failed", "cc", "&failedcause=cbk");
    assert_eq!(chargeback.failedcause(), Some(FailedCause::CardChargeback));
    let unknown = notification("failed", "cc", "&failedcause=zzz");
    assert_eq!(
        unknown.failedcause(),
        Some(FailedCause::Other("zzz".into()))
    );
    let empty = notification("failed", "elv", "&failedcause=");
    assert_eq!(empty.failedcause(), None);
}

#[test]
fn reminders_carry_the_dunning_level() {
    let second = notification("reminder", "rec", "&reminderlevel=2&price=310.00");
    assert_eq!(second.txaction(), &TxAction::Reminder);
    assert_eq!(second.reminderlevel(), Some(ReminderLevel::Level2));
    assert_eq!(second.reminderlevel().and_then(|l| l.level()), Some(2));

    let handed_over = notification("reminder", "rec", "&reminderlevel=5");
    assert_eq!(handed_over.reminderlevel(), Some(ReminderLevel::Encashment));
    let ended = notification("reminder", "rec", "&reminderlevel=A");
    assert_eq!(ended.reminderlevel(), Some(ReminderLevel::Ended));
}

#[test]
fn invoice_notifications_carry_the_invoice() {
    let n = notification(
        "invoice",
        "rec",
        "&invoiceid=RE-2026-000417&invoice_grossamount=310.00&invoice_date=20260104\
         &invoice_deliverydate=20260102&invoice_deliveryenddate=20260103\
         &clearing_bankiban=DE40700202700015478301&clearing_reference=RE-2026-000417",
    );
    assert_eq!(n.txaction(), &TxAction::Invoice);
    assert_eq!(n.invoiceid(), Some("RE-2026-000417"));
    assert_eq!(n.invoice_grossamount(), Some("310.00"));
    assert_eq!(n.invoice_grossamount_minor_units(), Ok(Some(31000)));
    assert_eq!(n.invoice_date(), Some("20260104"));
    assert_eq!(n.invoice_deliverydate(), Some("20260102"));
    assert_eq!(n.invoice_deliveryenddate(), Some("20260103"));
    assert_eq!(
        n.clearing().and_then(|c| c.reference()),
        Some("RE-2026-000417")
    );
}

#[test]
fn bookings_after_the_payment_are_typed() {
    for (txaction, expected, price) in [
        ("capture", TxAction::Capture, "249.90"),
        ("refund", TxAction::Refund, "-20.00"),
        ("debit", TxAction::Debit, "-20.00"),
        ("cancelation", TxAction::Cancelation, "0.00"),
        ("transfer", TxAction::Transfer, "249.90"),
    ] {
        let n = notification(
            txaction,
            "cc",
            &format!("&transaction_status=completed&notify_version=7.4&price={price}"),
        );
        assert_eq!(n.txaction(), &expected);
        assert_eq!(n.notify_version(), Some(NotifyVersion::V7_4));
        assert_eq!(n.price(), Some(price));
        assert_eq!(n.dedup_key().to_string(), format!("612345678/1/{txaction}"));
    }
}

#[test]
fn contract_notifications_carry_the_access() {
    let n = notification(
        "vauthorization",
        "cc",
        "&productid=3301&accessid=4417702&accessname=reader-4417&accesscode=kW9-pL2x\
         &param=plan-basic",
    );
    assert_eq!(n.txaction(), &TxAction::Vauthorization);
    assert_eq!(n.productid(), Some("3301"));
    assert_eq!(n.accessid(), Some("4417702"));
    assert_eq!(n.accessname(), Some("reader-4417"));
    assert_eq!(n.accesscode(), Some("kW9-pL2x"));
    assert_eq!(n.param(), Some("plan-basic"));

    let settled = notification("vsettlement", "cc", "&accessid=4417702");
    assert_eq!(settled.txaction(), &TxAction::Vsettlement);
    assert_eq!(settled.accessid(), Some("4417702"));
}

#[test]
fn a_notification_without_version_fields_is_of_version_7_3() {
    let n = notification("paid", "cc", "&price=5.00");
    assert_eq!(n.transaction_status(), None);
    assert_eq!(n.notify_version(), None);
    assert!(!n.is_pending());
}

#[test]
fn an_unknown_txaction_keeps_every_field_and_its_typed_accessors() {
    let n = notification(
        "chargeback_reversal",
        "cc",
        "&transaction_status=completed&notify_version=7.9&failedcause=cbk\
         &cardtype=V&mandate_identification=PO-1&future_field=42",
    );
    assert_eq!(n.txaction(), &TxAction::Other("chargeback_reversal".into()));
    assert_eq!(n.transaction_status(), Some(TransactionStatus::Completed));
    assert_eq!(n.notify_version(), Some(NotifyVersion::Other("7.9".into())));
    assert_eq!(n.failedcause(), Some(FailedCause::CardChargeback));
    assert_eq!(n.cardtype(), Some("V"));
    assert_eq!(n.get("future_field"), Some("42"));
    assert_eq!(n.fields().len(), 19);
    assert_eq!(n.dedup_key().to_string(), "612345678/1/chargeback_reversal");
}

#[test]
fn debug_never_prints_account_card_or_key_data() {
    let n = notification(
        "appointed",
        "elv",
        "&iban=DE61830654080004103312&bic=GENODEF1SLR&cardexpiredate=2911\
         &cardpan=525599XXXXXX0417&bankaccount=00234573201&bankaccountholder=Ilse+Steinbauer\
         &accesscode=kW9-pL2x&mandate_identification=PO-1129384756",
    );
    let debug = format!("{n:?}");
    for secret in [
        "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
        "DE61830654080004103312",
        "GENODEF1SLR",
        "2911",
        "525599XXXXXX0417",
        "00234573201",
        "Steinbauer",
        "kW9-pL2x",
    ] {
        assert!(!debug.contains(secret), "{secret} in {debug}");
    }
    // What is not sensitive still shows, so the redaction is not of everything.
    assert!(debug.contains("PO-1129384756"), "{debug}");
    assert!(debug.contains("SO-88120"), "{debug}");
    // The clearing view prints the same redacted fields.
    let clearing = notification(
        "appointed",
        "vor",
        "&clearing_amount=1.00&iban=DE61830654080004103312",
    );
    let debug = format!("{:?}", clearing.clearing().unwrap());
    assert!(!debug.contains("DE61830654080004103312"), "{debug}");
}
