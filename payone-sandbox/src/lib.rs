//! A local emulation of the PAYONE platform for tests and demos: a real HTTP server on loopback
//! that serves the Server API, the Client API and the hosted Frontend page, so a client only
//! swaps the host. Integrators run it in CI the way stripe-mock serves Stripe users.
//!
//! It validates every request against the same parameter tables as the typed bindings
//! (`payone-types`), checks keys and hashes, keeps transactions in memory and answers with the
//! deterministic outcomes documented below. **This page is the sandbox's contract**: the
//! end-to-end tests rely on it.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let sandbox = payone_sandbox::start(payone_sandbox::Config::default()).await?;
//! let server_api = format!("{}/post-gateway/", sandbox.base_url()); // instead of https://api.pay1.de
//! // ... run the client against it ...
//! assert!(sandbox.notifications().iter().all(|n| n.txaction != "failed"));
//! sandbox.shutdown().await;
//! # Ok(()) }
//! ```
//!
//! # Account
//!
//! One merchant account ([`Accounts`]); defaults, overridden by [`Config::from_env`] from the
//! variables the client reads too:
//!
//! | parameter | variable | default |
//! |---|---|---|
//! | `mid` | `PAYONE_MID` | 10001 |
//! | `portalid` | `PAYONE_PORTALID` | 2000001 |
//! | `aid` | `PAYONE_AID` | 10002 |
//! | portal key | `PAYONE_KEY` | `sandbox-portal-key` |
//!
//! The sandbox binds `127.0.0.1:0` (loopback, a free port) unless told otherwise. Portal keys,
//! card numbers, CVCs and IBANs never appear in its logs, `Debug` output, answers or pages.
//!
//! # Endpoints
//!
//! | method and path | what |
//! |---|---|
//! | `POST /post-gateway/` | Server API (`api.pay1.de/post-gateway/`) |
//! | `GET`, `POST /client-api/` | Client API (`secure.pay1.de/client-api/`) |
//! | `GET`, `POST /frontend/v2/` | Frontend hosted page (`frontend.pay1.de/frontend/v2/`) |
//! | `POST /frontend/v2/pay` | the page's "Pay" button (form field `token`) |
//! | `GET /frontend/v2/cancel?token=` | the page's "Cancel" link |
//! | `GET /sandbox/3ds/{txid}` | 3-D Secure challenge page |
//! | `GET /sandbox/3ds/{txid}/complete?result=ok\|fail` | the challenge's two links |
//! | `GET`, `POST /sandbox/faults` | fault injection (see [Faults](#faults)) |
//! | `GET /sandbox/requests` | Server API requests received: `name=count` lines, sorted |
//! | `GET /` | this list, as text |
//!
//! The paths also work without the trailing slash.
//!
//! # Server API: `POST /post-gateway/`
//!
//! The body is `application/x-www-form-urlencoded`, percent-decoded to bytes and decoded in the
//! charset named by `encoding` (`UTF-8` or `ISO-8859-1`; absent means ISO-8859-1, as on the
//! platform). A byte sequence invalid in that charset is errorcode 1 naming the parameter. The
//! answer is `text/plain; charset=<the request's>`, one `name=value` line per field, each line
//! ending in `\n`, encoded in the request's charset, `status` first.
//!
//! Checks, in this order; the first failure is the answer:
//!
//! 1. `mid`, `portalid`, `aid` present (else 1) and the account's (else 3, 4, 5);
//! 2. `key` present (else 1) and equal to the md5 **or** the SHA-384 hex digest of the portal
//!    key, compared in constant time (else 6, `key incorrect`; the key is never echoed);
//! 3. `request` one of `preauthorization`, `authorization`, `capture`, `refund`, `debit`,
//!    `createaccess`, `vauthorization` (else 1);
//! 4. the request's table (`payone-types`' `dynamic::validate`): the first violation is
//!    errorcode 1 with `errormessage=Parameter {NAME} faulty or missing: RULE`, e.g.
//!    `Parameter {lastname} faulty or missing: must be 2 to 50 characters long`. Unknown
//!    parameters are violations too.
//!
//! `preauthorization` and `authorization` carry the optional `reference` and the 3-D Secure
//! return URLs `successurl`, `errorurl`, `backurl` (rows of `spec/server.toml` with the formats
//! of seeds 004 and 001).
//!
//! Then the request is executed:
//!
//! | request | outcome | answer fields | notification |
//! |---|---|---|---|
//! | `preauthorization`, `authorization` | `reference` used before in the portal (case-insensitive) | `ERROR` 911 | none |
//! | | `amount=9902` | `ERROR` 2 `Authorization declined`, no transaction kept | none |
//! | | `amount=9903` | `REDIRECT`, `redirecturl={base}/sandbox/3ds/{txid}`, `txid`, `userid`; needs `successurl` and `errorurl` or `backurl` (else 1 naming `successurl` or `errorurl`) | after the challenge |
//! | | `amount=9904` | `PENDING`, `txid`, `userid` (stays pending: cannot be captured) | none |
//! | | any other amount | `APPROVED`, `txid`, `userid` | `appointed` |
//! | `capture` | `txid` an approved preauthorization, `sequencenumber` the next one, `currency` the transaction's, `0 <= amount <=` reserved minus captured | `APPROVED`, `txid`, `settleaccount=yes` | `capture` |
//! | `refund` | `txid` an approved pre-/authorization, next `sequencenumber`, same `currency`, **negative** `amount` (`-500` refunds 5.00) with `-amount <=` booked | `APPROVED`, `txid` | `refund` |
//! | `debit` | as refund; negative `amount` credits the customer (up to the booked amount), positive adds a claim, 0 is refused | `APPROVED`, `txid` | `debit` |
//! | `createaccess` | always approved once the checks pass | `APPROVED`, `txid`, `userid`, `accessid` | `appointed` |
//! | `vauthorization` | always approved once the checks pass | `APPROVED`, `txid`, `userid` | `vauthorization` |
//!
//! `{base}` is `http://` plus the request's `Host` header (else [`Sandbox::base_url`]).
//! Identifiers are counters, so a run is reproducible: `txid` from 100000001, `userid` from
//! 200000001 (one per `customerid`; a request naming `userid` must name one the sandbox issued,
//! else 912), `accessid` from 300000001. The sequence number of a transaction starts at 1 for
//! its first capture, refund or debit and goes up by one with each. An authorization books its
//! amount at once; a preauthorization books what is captured.
//!
//! Example, a preauthorization with the defaults (`key` is md5 of `sandbox-portal-key`):
//!
//! ```text
//! POST /post-gateway/
//! mid=10001&portalid=2000001&aid=10002&key=...&api_version=3.11&mode=test&request=preauthorization
//! &encoding=UTF-8&clearingtype=cc&amount=1000&currency=EUR&reference=order-1
//!
//! status=APPROVED
//! txid=100000001
//! userid=200000001
//! ```
//!
//! # Error codes
//!
//! Every error answer carries `status`, `errorcode`, `errormessage` and `customermessage`
//! (a sentence for the shop's customer). Messages name parameters, never their values. 1, 907
//! and 911 follow the platform's documentation; the other codes are the sandbox's own.
//!
//! | errorcode | status | errormessage | when |
//! |---|---|---|---|
//! | 1 | `ERROR` | `Parameter {NAME} faulty or missing: RULE` | missing, unknown, undecodable or malformed parameter; unknown `request` or `encoding` |
//! | 2 | `ERROR` | `Authorization declined` | `amount=9902` |
//! | 3 | `ERROR` | `Parameter {mid} incorrect: not the sandbox account's` | wrong `mid` |
//! | 4 | `ERROR` | `Parameter {portalid} incorrect: not the sandbox account's` | wrong `portalid` |
//! | 5 | `ERROR` | `Parameter {aid} incorrect: not the sandbox account's` | wrong `aid` |
//! | 6 | `ERROR` | `key incorrect` | Server API `key` is neither digest of the portal key |
//! | 7 | `ERROR` | `hash incorrect` | Client API / Frontend `hash` matches neither scheme |
//! | 877 | `INVALID` | `Invalid card number` | `creditcardcheck`: Luhn check fails |
//! | 880 | `INVALID` | `Card type does not match the card number` | `creditcardcheck`: `cardtype` contradicts the number (V 4; M 51-55, 2221-2720; A 34, 37; J 3528-3589) |
//! | 885 | `INVALID` | `Invalid IBAN` | `bankaccountcheck`: mod-97 fails |
//! | 907 | `ERROR` | `Sequence number incorrect` | capture / refund / debit with another `sequencenumber` than the next |
//! | 908 | `ERROR` | `Parameter {amount} incorrect: WHY` | capture above the reserved amount or negative; refund not negative or above the booked amount; debit 0 or crediting more than booked |
//! | 909 | `ERROR` | `Parameter {currency} incorrect: not the currency of the transaction` | capture / refund / debit |
//! | 910 | `ERROR` | `Parameter {txid} incorrect: WHY` | no such transaction; capture of anything but an approved preauthorization; refund / debit of anything but an approved pre-/authorization |
//! | 911 | `ERROR` | `Reference number already exists` | `reference` used before (Server API, Frontend) |
//! | 912 | `ERROR` | `Parameter {userid} incorrect: unknown user` | `userid` not issued by the sandbox |
//!
//! # Client API: `GET`/`POST /client-api/`
//!
//! Parameters from the query and (POST) the form body, decoded as for the Server API. Checks:
//! `mid`, `portalid`, `aid` (1, 3, 4, 5), `request` (`creditcardcheck`, `bankaccountcheck`,
//! else 1), `hash` (missing: 1; else it must equal HMAC-SHA384 or md5 over the UsedInHash
//! parameters of the request's table, compared in constant time, else 7 `hash incorrect`), then
//! the table (1).
//!
//! - `creditcardcheck`: a `cardpan` of 13 to 19 digits (table) passing Luhn, whose range agrees
//!   with `cardtype`, answers `status=VALID`, `pseudocardpan` (`9` and 18 digits derived from
//!   the card number by HMAC-SHA384 under the portal key: the same card gives the same pseudo
//!   number, which does not reveal it; left out with `storecarddata=no`), `truncatedcardpan`
//!   (first 6, `X`s, last 4), `cardtype`, and `cardexpiredate` when sent. The expiry date is not
//!   checked. Otherwise `INVALID` 877 or 880.
//! - `bankaccountcheck`: an `iban` passing mod 97 is `VALID`, failing it `INVALID` 885;
//!   `bankaccount` with `bankcode` and no IBAN is `VALID` unchecked; neither is 1 naming `iban`.
//!
//! `responsetype=JSON`, and every answer that cannot be redirected, is one JSON object of
//! strings (`application/json`). `responsetype=REDIRECT` answers `302` to `successurl`
//! (status `VALID`) or `errorurl` (otherwise), with the answer fields appended as query
//! parameters; without that URL the answer is JSON. The card number is never in an answer.
//!
//! # Frontend: `GET`/`POST /frontend/v2/`
//!
//! Parameters from the query or form body, decoded as above. `portalid` and `aid` must be the
//! account's, `request` one of the Frontend table's, `hash` must match (as for the Client API,
//! over the Frontend table's UsedInHash parameters), the table must hold, and `reference` must
//! be unused. Any failure is **HTTP 400**, an HTML page whose `<p id="error">` reads
//! `Request refused: NAME: RULE` (or `NAME: MESSAGE (errorcode N)`); no parameter values.
//!
//! A valid request shows a page with the reference (`id="reference"`), the amount and currency
//! (`id="amount"`, `id="currency"`, amount written `25.00`), the basket (`de[n]`, `no[n]`,
//! `pr[n]`, `id="items"`), all text escaped, and:
//!
//! - **Pay** (`<button id="pay">`): POSTs a one-time `token` to `/frontend/v2/pay`, which opens
//!   an approved transaction of the request's kind (authorization books at once), sends
//!   `appointed`, and redirects `303` to `successurl` **unchanged** (nothing appended); without
//!   `successurl` it shows `<p id="result">approved</p>` and the txid (`id="txid"`).
//! - **Cancel** (`<a id="cancel">`): forgets the checkout and redirects `303` to `backurl`
//!   (without one: `<p id="result">cancelled</p>`).
//!
//! A used or unknown token is a 400 page. The amount triggers of the Server API do not apply to
//! the Frontend: paying always approves.
//!
//! # 3-D Secure
//!
//! `GET /sandbox/3ds/{txid}` shows two links, `id="authenticate"`
//! (`/sandbox/3ds/{txid}/complete?result=ok`) and `id="fail"` (`?result=fail`). `ok` approves
//! the transaction (capturable if a preauthorization; an authorization books), sends
//! `appointed`, redirects `303` to `successurl`. `fail` marks it failed, sends `failed`,
//! redirects `303` to `errorurl`, else `backurl`. A transaction not waiting for 3-D Secure
//! is a 404 page.
//!
//! # Notifications
//!
//! With `notify_url` set, every event above is POSTed there as
//! `application/x-www-form-urlencoded`, always ISO-8859-1, with: `key` (md5 hex of the portal
//! key), `txaction`, `portalid`, `aid`, `mode` (the creating request's), `txid`,
//! `sequencenumber` (0 for `appointed`/`failed`/`vauthorization`, the request's for capture,
//! refund, debit), `txtime` (Unix seconds), `userid`, then `clearingtype`, `currency`,
//! `reference`, `customerid` when known, and `price` (the creating amount), `receivable` (the
//! booked claim after the event) and `balance` (equal to `receivable`: nothing is ever paid in
//! the sandbox), written as decimals with a dot and two decimals (`1999` is `19.99`, whatever
//! the currency).
//!
//! A delivery counts only when the answer is 2xx with a body of exactly `TSOK` (no whitespace,
//! no BOM). Anything else, a connection error or no answer within 10 s is retried every
//! `notify_retry` (default 2 s) up to `notify_max_attempts` attempts (default 20); then the
//! sandbox gives up. Each transaction's notifications are delivered one after the other, in
//! order; transactions do not wait for each other. [`Sandbox::notifications`] logs every
//! notification with its parameters, attempts and [`Delivery`] state (without `notify_url`
//! they are logged as [`Delivery::NotSent`]).
//!
//! # Faults
//!
//! Faults apply only to `/post-gateway/` and `/client-api/`: per request, first `latency`, then
//! if `drop_next > 0` the connection is closed without any answer (and `drop_next` counts down),
//! else if a status count is left the answer is that HTTP status with an empty body (counting
//! down). Set them with [`Config::faults`], [`Sandbox::set_faults`] or
//! `POST /sandbox/faults` with the form fields `latency_ms`, `drop_next`, `status`,
//! `status_count` (the form replaces all faults; absent fields are 0 or none; `status` alone
//! counts 1). `GET /sandbox/faults` (and the POST's answer) shows them as lines
//! `latency_ms=`, `drop_next=`, `status=`, `status_count=`. Server API requests are counted
//! for `/sandbox/requests` before faults apply, so a dropped request counts.
//!
//! Every wait is bounded: connections that send no request head within 30 s are closed,
//! notifications stop after their attempts, and [`Sandbox::shutdown`] aborts open connections
//! and deliveries.

mod answer;
mod app;
mod auth;
mod card;
mod client_api;
mod config;
mod directlink;
mod faults;
mod form;
mod frontend;
mod gate;
mod html;
mod iban;
mod inspect;
mod money;
mod notify;
mod payments;
mod redirect;
mod refusal;
mod server;
mod server_api;
mod state;
mod tables;
mod threeds;

pub use config::{
    Accounts, Config, ConfigError, DEFAULT_AID, DEFAULT_KEY, DEFAULT_MID, DEFAULT_PORTALID,
    DEFAULT_PSPID, DEFAULT_PSWD, DEFAULT_SHA_ALGO, DEFAULT_SHA_IN, DEFAULT_SHA_OUT, DEFAULT_USERID,
    DirectLinkAccount, DirectLinkPassword, Faults,
};
pub use directlink::store::FIRST_PAYID;
pub use directlink::{
    AMOUNT_REFUSED as DIRECTLINK_AMOUNT_REFUSED, AMOUNT_WAITING as DIRECTLINK_AMOUNT_WAITING,
    CARD_3DS as DIRECTLINK_CARD_3DS,
};
pub use notify::{Delivery, SentNotification};
pub use payments::{AMOUNT_3DS, AMOUNT_DECLINE, AMOUNT_PENDING};
pub use server::{Sandbox, start};
