//! What the Server API requests do to the state, once a request has passed the account, key and
//! table checks: the documented outcomes (amount triggers, sequence numbers, open amounts).
//!
//! Every function works on the locked state and returns the answer and the notifications to
//! send, so the rules can be tested without HTTP.

use payone_types::Rule;

use crate::answer::Answer;
use crate::form::Form;
use crate::notify::Event;
use crate::refusal::Refusal;
use crate::state::{Kind, Order, State, TxStatus};
use crate::{checks, financing, generic, management, mandates, transfers};

/// Amount that declines a pre-/authorization (`status=ERROR`, errorcode 2).
pub const AMOUNT_DECLINE: i64 = 9902;
/// Amount that asks for 3-D Secure (`status=REDIRECT`).
pub const AMOUNT_3DS: i64 = 9903;
/// Amount that leaves a pre-/authorization pending (`status=PENDING`).
pub const AMOUNT_PENDING: i64 = 9904;

/// The answer to a request and the notifications it causes.
#[derive(Debug)]
pub(crate) struct Outcome {
    pub(crate) answer: Answer,
    /// The file a getfile request answers with instead of `answer`'s lines.
    pub(crate) file: Option<Vec<u8>>,
    pub(crate) events: Vec<Event>,
}

impl Outcome {
    fn new(answer: Answer) -> Self {
        Outcome {
            answer,
            file: None,
            events: Vec::new(),
        }
    }

    fn file(bytes: Vec<u8>) -> Self {
        Outcome {
            file: Some(bytes),
            ..Outcome::new(Answer::status("APPROVED"))
        }
    }

    fn notify(mut self, event: Event) -> Self {
        self.events.push(event);
        self
    }
}

/// Executes a validated Server API request. `base` is the URL the client reached the sandbox
/// at (for the 3-D Secure `redirecturl`).
pub(crate) fn execute(
    state: &mut State,
    request: &str,
    form: &Form,
    base: &str,
) -> Result<Outcome, Refusal> {
    match request {
        "preauthorization" => authorize(state, Kind::Preauthorization, form, base),
        "authorization" => authorize(state, Kind::Authorization, form, base),
        "capture" => capture(state, form),
        "refund" => refund(state, form),
        "debit" => debit(state, form),
        "createaccess" => open_approved(state, Kind::Createaccess, form),
        "vauthorization" => open_approved(state, Kind::Vauthorization, form),
        "managemandate" => mandates::manage(&mut state.mandates, form).map(Outcome::new),
        "getfile" => mandates::file(&state.mandates, form).map(Outcome::file),
        "genericpayment" => generic::execute(state, form).map(Outcome::new),
        "addresscheck" => Ok(Outcome::new(checks::addresscheck(form))),
        "consumerscore" => Ok(Outcome::new(checks::consumerscore(form))),
        "3dscheck" => Ok(Outcome::new(checks::threedscheck(form))),
        "getuser" => management::getuser(state, form).map(Outcome::new),
        "updateuser" => management::updateuser(state, form).map(Outcome::new),
        "updatereminder" | "updateaccess" => Ok(Outcome::new(management::ok())),
        "getinvoice" => Ok(Outcome::file(management::getinvoice(form))),
        // The tables know no other Server API request; if they grow one, say so plainly.
        other => Err(Refusal::faulty(
            "request",
            format!("the sandbox does not emulate `{other}` yet"),
        )),
    }
}

/// The order a creating request describes.
fn order(kind: Kind, form: &Form) -> Result<Order, Refusal> {
    let text = |name: &str| form.non_empty(name).map(str::to_owned);
    Ok(Order {
        kind,
        amount: match form.non_empty("amount") {
            Some(_) => amount(form)?,
            None => 0,
        },
        currency: text("currency"),
        clearingtype: text("clearingtype"),
        reference: text("reference"),
        customerid: text("customerid"),
        mode: text("mode").unwrap_or_else(|| "test".to_owned()),
        successurl: text("successurl"),
        errorurl: text("errorurl"),
        backurl: text("backurl"),
    })
}

/// `amount` as a number (the table check has passed, so only a missing one fails here).
fn amount(form: &Form) -> Result<i64, Refusal> {
    form.get("amount")
        .and_then(|a| a.parse().ok())
        .ok_or_else(|| Refusal::faulty("amount", Rule::Missing))
}

/// The `userid` the request names, which must be one the sandbox issued.
fn named_user(state: &State, form: &Form) -> Result<Option<u64>, Refusal> {
    match form.non_empty("userid") {
        None => Ok(None),
        Some(userid) => userid
            .parse()
            .ok()
            .filter(|id| state.user_known(*id))
            .map(Some)
            .ok_or(Refusal::UseridIncorrect),
    }
}

/// The user of the request: the named one, else the customer's, else a new one.
fn user(state: &mut State, form: &Form) -> Result<u64, Refusal> {
    match named_user(state, form)? {
        Some(userid) => Ok(userid),
        None => Ok(state.user_for(form.non_empty("customerid"))),
    }
}

/// `preauthorization` / `authorization`: reference check, then the amount decides.
fn authorize(state: &mut State, kind: Kind, form: &Form, base: &str) -> Result<Outcome, Refusal> {
    let order = order(kind, form)?;
    if let Some(reference) = &order.reference
        && state.reference_used(reference)
    {
        return Err(Refusal::ReferenceExists);
    }
    named_user(state, form)?;
    if order.clearingtype.as_deref() == Some("fnc") {
        financing::check_payment(state, form)?;
    }
    // Online bank transfers and wallets send the customer to the provider first, unless the
    // customer approved already in a wallet's express checkout (genericpayment), which the
    // payment names by its `workorderid`.
    let express = form.non_empty("workorderid").is_some();
    let to_provider = match order.clearingtype.as_deref() {
        Some("sb") => true,
        Some("wlt") => !express,
        _ => false,
    };
    let status = match order.amount {
        AMOUNT_DECLINE => return Err(Refusal::Declined),
        AMOUNT_PENDING => TxStatus::Pending,
        amount if amount == AMOUNT_3DS || to_provider => {
            let why = if to_provider {
                "required for a payment that redirects the customer"
            } else {
                "required for 3-D Secure"
            };
            if order.successurl.is_none() {
                return Err(Refusal::faulty("successurl", why));
            }
            if order.errorurl.is_none() && order.backurl.is_none() {
                return Err(Refusal::faulty("errorurl", format!("{why} (or backurl)")));
            }
            TxStatus::Redirect
        }
        _ => TxStatus::Approved,
    };
    // A direct debit needs its mandate before anything is kept.
    let mandate = match order.clearingtype.as_deref() {
        Some("elv") => Some(mandates::for_payment(&mut state.mandates, form)?),
        _ => None,
    };
    let userid = user(state, form)?;
    let tx = state.open(order, userid, status);
    let ids = |status: &str| {
        let answer = Answer::status(status)
            .with("txid", tx.txid)
            .with("userid", tx.userid);
        mandate
            .iter()
            .flatten()
            .fold(answer, |answer, (name, value)| answer.with(*name, value))
    };
    Ok(match status {
        TxStatus::Redirect => {
            let page = if to_provider { "redirect" } else { "3ds" };
            Outcome::new(
                Answer::status("REDIRECT")
                    .with("redirecturl", format!("{base}/sandbox/{page}/{}", tx.txid))
                    .with("txid", tx.txid)
                    .with("userid", tx.userid),
            )
        }
        TxStatus::Pending => Outcome::new(ids("PENDING")),
        _ => {
            let answer = match tx.clearingtype.as_deref() {
                Some("vor" | "rec") => transfers::instructions(ids("APPROVED"), tx),
                _ => ids("APPROVED"),
            };
            Outcome::new(answer).notify(Event::new(tx, "appointed", 0))
        }
    })
}

/// `createaccess` (answer with `accessid`, notification `appointed`) and `vauthorization`
/// (notification `vauthorization`): always approved.
fn open_approved(state: &mut State, kind: Kind, form: &Form) -> Result<Outcome, Refusal> {
    let order = order(kind, form)?;
    let userid = user(state, form)?;
    let accessid = (kind == Kind::Createaccess).then(|| state.new_accessid());
    let tx = state.open(order, userid, TxStatus::Approved);
    let mut answer = Answer::status("APPROVED")
        .with("txid", tx.txid)
        .with("userid", tx.userid);
    if let Some(accessid) = accessid {
        answer = answer.with("accessid", accessid);
    }
    let txaction = match kind {
        Kind::Vauthorization => "vauthorization",
        _ => "appointed",
    };
    Ok(Outcome::new(answer).notify(Event::new(tx, txaction, 0)))
}

/// The transaction a capture, refund or debit names, checked for the kinds and state it needs,
/// then its `sequencenumber` (907) and `currency`. A capture may leave `sequencenumber` out
/// while nothing has followed the preauthorization (the first capture: the number is then the
/// next one, 1); a later capture without it is refused naming the parameter (the capture page,
/// <https://docs.payone.com/integration/channel-server-api/server-api-capture>).
fn follow_up<'s>(
    state: &'s mut State,
    form: &Form,
    kinds: &[Kind],
    wrong_kind: &'static str,
    capture: bool,
) -> Result<(&'s mut crate::state::Transaction, u32), Refusal> {
    let tx = form
        .get("txid")
        .and_then(|t| t.parse::<u64>().ok())
        .and_then(|txid| state.transaction_mut(txid))
        .ok_or(Refusal::TxidIncorrect("no such transaction"))?;
    if !kinds.contains(&tx.kind) {
        return Err(Refusal::TxidIncorrect(wrong_kind));
    }
    if tx.status != TxStatus::Approved {
        return Err(Refusal::TxidIncorrect("the transaction is not approved"));
    }
    let sequence = match form.get("sequencenumber") {
        None if capture && tx.next_sequence == 1 => tx.next_sequence,
        None if capture => {
            return Err(Refusal::faulty(
                "sequencenumber",
                "required parameter is missing: every capture after the first one of a payment carries it",
            ));
        }
        given => given
            .and_then(|s| s.parse::<u32>().ok())
            .filter(|s| *s == tx.next_sequence)
            .ok_or(Refusal::SequenceIncorrect)?,
    };
    if form.get("currency") != tx.currency.as_deref() {
        return Err(Refusal::CurrencyIncorrect);
    }
    Ok((tx, sequence))
}

/// `capture`: books up to the reserved amount of an approved preauthorization.
fn capture(state: &mut State, form: &Form) -> Result<Outcome, Refusal> {
    let amount = amount(form)?;
    let (tx, sequence) = follow_up(
        state,
        form,
        &[Kind::Preauthorization],
        "not a preauthorization",
        true,
    )?;
    if amount < 0 {
        return Err(Refusal::AmountIncorrect("must not be negative"));
    }
    if amount > tx.amount - tx.captured {
        return Err(Refusal::AmountIncorrect("exceeds the reserved amount"));
    }
    tx.captured += amount;
    tx.booked += amount;
    tx.next_sequence += 1;
    let answer = Answer::status("APPROVED")
        .with("txid", tx.txid)
        .with("settleaccount", "yes");
    Ok(Outcome::new(answer).notify(Event::new(tx, "capture", sequence)))
}

/// `refund`: a negative amount (`-500` refunds 5.00) up to the booked amount.
fn refund(state: &mut State, form: &Form) -> Result<Outcome, Refusal> {
    let amount = amount(form)?;
    let (tx, sequence) = follow_up(state, form, PAYMENTS, "not a payment", false)?;
    if amount >= 0 {
        return Err(Refusal::AmountIncorrect(
            "must be negative (amount=-500 refunds 5.00)",
        ));
    }
    if -amount > tx.booked {
        return Err(Refusal::AmountIncorrect("exceeds the booked amount"));
    }
    tx.booked += amount;
    tx.next_sequence += 1;
    let answer = Answer::status("APPROVED").with("txid", tx.txid);
    Ok(Outcome::new(answer).notify(Event::new(tx, "refund", sequence)))
}

/// `debit`: a negative amount credits the customer (up to the booked amount), a positive one
/// is an additional claim.
fn debit(state: &mut State, form: &Form) -> Result<Outcome, Refusal> {
    let amount = amount(form)?;
    let (tx, sequence) = follow_up(state, form, PAYMENTS, "not a payment", false)?;
    if amount == 0 {
        return Err(Refusal::AmountIncorrect("must not be zero"));
    }
    if -amount > tx.booked {
        return Err(Refusal::AmountIncorrect("exceeds the booked amount"));
    }
    tx.booked += amount;
    tx.next_sequence += 1;
    let answer = Answer::status("APPROVED").with("txid", tx.txid);
    Ok(Outcome::new(answer).notify(Event::new(tx, "debit", sequence)))
}

/// The transactions refund and debit apply to.
const PAYMENTS: &[Kind] = &[Kind::Preauthorization, Kind::Authorization];

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Form {
        Form {
            pairs: pairs
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect(),
            charset: payone_types::Charset::Utf8,
        }
    }

    fn run(state: &mut State, request: &str, pairs: &[(&str, &str)]) -> Result<Answer, Refusal> {
        execute(state, request, &form(pairs), "http://sandbox").map(|o| o.answer)
    }

    fn preauthorize(state: &mut State, amount: &str) -> String {
        let a = run(
            state,
            "preauthorization",
            &[("amount", amount), ("currency", "EUR")],
        )
        .unwrap();
        a.get("txid").unwrap().to_owned()
    }

    #[test]
    fn amounts_decide_the_outcome() {
        let mut s = State::default();
        let base = [("currency", "EUR"), ("reference", "r1")];
        let with = |amount: &'static str| {
            let mut p = base.to_vec();
            p.push(("amount", amount));
            p
        };
        assert_eq!(
            run(&mut s, "authorization", &with("9902")),
            Err(Refusal::Declined)
        );
        assert!(!s.reference_used("r1"), "a decline keeps no transaction");
        assert_eq!(
            run(&mut s, "authorization", &with("9903")),
            Err(Refusal::faulty("successurl", "required for 3-D Secure"))
        );
        let a = run(&mut s, "authorization", &with("9904")).unwrap();
        assert_eq!(a.get("status"), Some("PENDING"));
        assert_eq!(
            run(&mut s, "authorization", &with("1000")),
            Err(Refusal::ReferenceExists)
        );
    }

    #[test]
    fn three_d_secure_redirects_to_the_sandbox_page() {
        let mut s = State::default();
        let a = run(
            &mut s,
            "preauthorization",
            &[
                ("amount", "9903"),
                ("currency", "EUR"),
                ("successurl", "https://shop/ok"),
                ("backurl", "https://shop/back"),
            ],
        )
        .unwrap();
        assert_eq!(a.get("status"), Some("REDIRECT"));
        assert_eq!(
            a.get("redirecturl"),
            Some("http://sandbox/sandbox/3ds/100000001")
        );
    }

    #[test]
    fn only_the_first_capture_may_leave_out_the_sequencenumber() {
        let mut s = State::default();
        let txid = preauthorize(&mut s, "1000");
        let without = [
            ("txid", txid.as_str()),
            ("amount", "300"),
            ("currency", "EUR"),
        ];
        // The first capture: the number is the next one, 1.
        let first = run(&mut s, "capture", &without).unwrap();
        assert_eq!(first.get("status"), Some("APPROVED"));
        // The second: refused naming the parameter, nothing captured.
        assert_eq!(
            run(&mut s, "capture", &without),
            Err(Refusal::faulty(
                "sequencenumber",
                "required parameter is missing: every capture after the first one of a payment carries it"
            ))
        );
        let with = [
            ("txid", txid.as_str()),
            ("sequencenumber", "2"),
            ("amount", "700"),
            ("currency", "EUR"),
        ];
        assert_eq!(
            run(&mut s, "capture", &with).unwrap().get("status"),
            Some("APPROVED"),
            "the first capture without a number took 1, so the second is 2 and all 1000 were open"
        );
        // Refunds and debits always carry it.
        let refund = [
            ("txid", txid.as_str()),
            ("amount", "-100"),
            ("currency", "EUR"),
        ];
        assert_eq!(
            run(&mut s, "refund", &refund),
            Err(Refusal::SequenceIncorrect)
        );
    }

    #[test]
    fn capture_refund_and_debit_follow_sequence_and_amounts() {
        let mut s = State::default();
        let txid = preauthorize(&mut s, "1000");
        let req = |seq: &'static str, amount: &'static str| {
            vec![
                ("txid", txid.clone()),
                ("sequencenumber", seq.to_owned()),
                ("amount", amount.to_owned()),
                ("currency", "EUR".to_owned()),
            ]
        };
        let call = |s: &mut State, request: &str, p: Vec<(&str, String)>| {
            let p: Vec<(&str, &str)> = p.iter().map(|(n, v)| (*n, v.as_str())).collect();
            run(s, request, &p)
        };
        assert_eq!(
            call(&mut s, "capture", req("2", "100")),
            Err(Refusal::SequenceIncorrect)
        );
        assert_eq!(
            call(&mut s, "capture", req("1", "1001")),
            Err(Refusal::AmountIncorrect("exceeds the reserved amount"))
        );
        let a = call(&mut s, "capture", req("1", "600")).unwrap();
        assert_eq!(a.get("settleaccount"), Some("yes"));
        assert_eq!(
            call(&mut s, "refund", req("2", "500")),
            Err(Refusal::AmountIncorrect(
                "must be negative (amount=-500 refunds 5.00)"
            ))
        );
        assert_eq!(
            call(&mut s, "refund", req("2", "-601")),
            Err(Refusal::AmountIncorrect("exceeds the booked amount"))
        );
        call(&mut s, "refund", req("2", "-500")).unwrap();
        call(&mut s, "debit", req("3", "200")).unwrap();
        call(&mut s, "debit", req("4", "-300")).unwrap();
        assert_eq!(
            call(&mut s, "debit", req("5", "-1")),
            Err(Refusal::AmountIncorrect("exceeds the booked amount"))
        );
        let mut wrong_currency = req("5", "100");
        wrong_currency[3].1 = "USD".into();
        assert_eq!(
            call(&mut s, "debit", wrong_currency),
            Err(Refusal::CurrencyIncorrect)
        );
    }

    #[test]
    fn only_approved_preauthorizations_are_captured() {
        let mut s = State::default();
        let pending = preauthorize(&mut s, "9904");
        let p = [
            ("txid", pending.as_str()),
            ("sequencenumber", "1"),
            ("amount", "1"),
            ("currency", "EUR"),
        ];
        assert_eq!(
            run(&mut s, "capture", &p),
            Err(Refusal::TxidIncorrect("the transaction is not approved"))
        );
        let auth = run(
            &mut s,
            "authorization",
            &[("amount", "5"), ("currency", "EUR")],
        )
        .unwrap();
        let p = [
            ("txid", auth.get("txid").unwrap()),
            ("sequencenumber", "1"),
            ("amount", "1"),
            ("currency", "EUR"),
        ];
        assert_eq!(
            run(&mut s, "capture", &p),
            Err(Refusal::TxidIncorrect("not a preauthorization"))
        );
        let p = [
            ("txid", "1"),
            ("sequencenumber", "1"),
            ("amount", "1"),
            ("currency", "EUR"),
        ];
        assert_eq!(
            run(&mut s, "capture", &p),
            Err(Refusal::TxidIncorrect("no such transaction"))
        );
    }

    #[test]
    fn users_and_access_ids() {
        let mut s = State::default();
        let a = run(
            &mut s,
            "createaccess",
            &[("customerid", "c-1"), ("clearingtype", "cc")],
        )
        .unwrap();
        assert_eq!(a.get("accessid"), Some("300000001"));
        let b = run(
            &mut s,
            "vauthorization",
            &[("customerid", "c-1"), ("amount", "5"), ("currency", "EUR")],
        )
        .unwrap();
        assert_eq!(a.get("userid"), b.get("userid"));
        assert_eq!(
            run(&mut s, "vauthorization", &[("userid", "42")]),
            Err(Refusal::UseridIncorrect)
        );
    }
}
