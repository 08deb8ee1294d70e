//! A local emulation of the PAYONE platform for tests and demos: a real HTTP server on loopback
//! that serves the Server API, the Client API, the hosted Frontend page, DirectLink and the v2
//! server-to-server JSON API, so a client only swaps the host. Integrators run it in CI the way stripe-mock serves Stripe users.
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
//! | DirectLink `PSPID` | `PAYONE_PSPID` | `sandboxpspid` |
//! | DirectLink `USERID` | `PAYONE_USERID` | `sandboxapi` |
//! | DirectLink `PSWD` | `PAYONE_PSWD` | `sandbox-password` |
//! | SHA-IN passphrase | `PAYONE_SHA_IN` | `sandbox-sha-in-passphrase!` |
//! | SHA-OUT passphrase | `PAYONE_SHA_OUT` | `sandbox-sha-out-passphrase!` |
//! | SHA algorithm | `PAYONE_SHA_ALGO` | `sha512` (`sha1`, `sha256`, `sha512`, any case, `SHA-256` too) |
//! | v2 `merchantId` | `PAYONE_MERCHANT_ID` | `sandboxmerchant` |
//! | v2 API key | `PAYONE_API_KEY` | `sandbox-api-key` |
//! | v2 API secret | `PAYONE_API_SECRET` | `sandbox-api-secret` |
//! | v2 webhook key id | `PAYONE_WEBHOOK_KEY_ID` | `sandbox-webhook-key` |
//! | v2 webhook secret | `PAYONE_WEBHOOK_SECRET` | `sandbox-webhook-secret` |
//!
//! The sandbox binds `127.0.0.1:0` (loopback, a free port) unless told otherwise. Portal keys,
//! DirectLink passwords and SHA passphrases, v2 API and webhook secrets, card numbers, CVCs
//! and IBANs never appear in its logs, `Debug` output, answers or pages (DirectLink and v2
//! answers carry masked card numbers only).
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
//! | `POST /sandbox/acs` | the issuer's 3-D Secure page of a 3dscheck answered `ENROLLED` (the `acsurl`; form `PaReq`, `TermUrl`, `MD`) |
//! | `GET /sandbox/acs/{n}/complete?result=ok\|fail` | its two links |
//! | `POST /sandbox/acs/term` | the `termurl` (form `PaRes`, `MD`): back to the `exiturl` |
//! | `POST /ncol/test/orderdirect.asp` | DirectLink new order (see [DirectLink](#directlink)) |
//! | `POST /ncol/test/maintenancedirect.asp` | DirectLink maintenance |
//! | `POST /ncol/test/querydirect.asp` | DirectLink status query |
//! | `POST /ncol/test/privacy-policy.asp` | DirectLink privacy policy |
//! | `GET`, `POST /sandbox/directlink/3ds/{payid}` | DirectLink 3-D Secure page (`HTML_ANSWER` posts here) |
//! | `GET /sandbox/directlink/3ds/{payid}/complete?result=ok\|fail` | its two links |
//! | `POST /v2/{merchantId}/payments` | v2 CreatePayment (see [v2](#v2-server-to-server-json-api-v2merchantidpayments)) |
//! | `GET /v2/{merchantId}/payments/{paymentId}/details` | v2 GetPaymentDetails |
//! | `POST /v2/{merchantId}/payments/{paymentId}/capture` | v2 CapturePayment |
//! | `POST /v2/{merchantId}/payments/{paymentId}/cancel` | v2 CancelPayment |
//! | `POST /v2/{merchantId}/payments/{paymentId}/refund` | v2 RefundPayment |
//! | `POST /v2/{merchantId}/hostedtokenizations` | v2 CreateHostedTokenization (see [v2 tokens](#v2-hosted-tokenization-and-tokens)) |
//! | `GET /v2/{merchantId}/hostedtokenizations/{hostedTokenizationId}` | v2 GetHostedTokenization |
//! | `GET /v2/{merchantId}/tokens/{tokenId}` | v2 GetToken |
//! | `DELETE /v2/{merchantId}/tokens/{tokenId}` | v2 DeleteToken |
//! | `GET`, `POST /v2/sandbox/tokenization/{hostedTokenizationId}` | v2 hosted tokenization page (card form) |
//! | `GET /v2/{merchantId}/payments/{paymentId}` | v2 GetPayment (see [v2 follow-up payments](#v2-getpayment-subsequentpayment-completepayment)) |
//! | `POST /v2/{merchantId}/payments/{paymentId}/subsequent` | v2 SubsequentPayment |
//! | `POST /v2/{merchantId}/payments/{paymentId}/complete` | v2 CompletePayment |
//! | `POST /v2/{merchantId}/hostedcheckouts` | v2 CreateHostedCheckout (see [v2 hosted checkout](#v2-hosted-checkout)) |
//! | `GET /v2/{merchantId}/hostedcheckouts/{hostedCheckoutId}` | v2 GetHostedCheckout |
//! | `GET`, `POST /v2/sandbox/hostedcheckout/{hostedCheckoutId}` | v2 hosted checkout page (card form, "Pay") |
//! | `POST /v2/sandbox/hostedcheckout/{hostedCheckoutId}/cancel` | its "Cancel" button |
//! | `POST /v2/{merchantId}/mandates` | v2 CreateMandate (see [v2 mandates](#v2-sepa-direct-debit-mandates)) |
//! | `GET /v2/{merchantId}/mandates/{uniqueMandateReference}` | v2 GetMandate |
//! | `POST /v2/{merchantId}/mandates/{uniqueMandateReference}/block`, `/unblock`, `/revoke` | v2 BlockMandate, UnblockMandate, RevokeMandate |
//! | `POST /v2/{merchantId}/paymentlinks` | v2 CreatePaymentLink (see [v2 payment links](#v2-payment-links)) |
//! | `GET /v2/{merchantId}/paymentlinks/{paymentLinkId}` | v2 GetPaymentLink |
//! | `POST /v2/{merchantId}/paymentlinks/{paymentLinkId}/cancel` | v2 CancelPaymentLink |
//! | `GET`, `POST /v2/sandbox/paymentlink/{paymentLinkId}` | v2 payment link page (card form, "Pay") |
//! | `GET /v2/sandbox/3ds/{paymentId}` | v2 3-D Secure challenge page |
//! | `GET /v2/sandbox/3ds/{paymentId}/complete?result=ok\|fail` | its two links |
//! | `GET`, `POST /sandbox/faults` | fault injection (see [Faults](#faults)) |
//! | `GET /sandbox/requests` | requests received: Server API per `request` (a value the tables do not know counts as `unknown`), DirectLink per page (`directlink.orderdirect`, ...), v2 per operation (`v2.create_payment`, ...): `name=count` lines, sorted (see [Memory](#memory)) |
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
//! 1. `mid`, `portalid`, `aid` present (else 1) and the account's (else 3, 4, 5); getfile and
//!    getinvoice, whose tables have no `aid`, only `mid` and `portalid`;
//! 2. `key` present (else 1) and equal to the md5 **or** the SHA-384 hex digest of the portal
//!    key, compared in constant time (else 6, `key incorrect`; the key is never echoed);
//! 3. `request` one of `preauthorization`, `authorization`, `capture`, `refund`, `debit`,
//!    `createaccess`, `vauthorization`, `managemandate`, `getfile`, `genericpayment`,
//!    `addresscheck`, `consumerscore`, `3dscheck`, `getuser`, `updateuser`, `updatereminder`,
//!    `updateaccess`, `getinvoice`: every request of the tables (else 1);
//! 4. the request's table (`payone-types`' `dynamic::validate`): the first violation is
//!    errorcode 1 with `errormessage=Parameter {NAME} faulty or missing: RULE`, e.g.
//!    `Parameter {lastname} faulty or missing: must be 2 to 50 characters long`. Unknown
//!    parameters are violations too.
//!
//! `preauthorization` and `authorization` carry the optional `reference` and the 3-D Secure
//! return URLs `successurl`, `errorurl`, `backurl` (rows of `spec/server.toml` with the formats
//! of the Frontend parameter page and the Client API page).
//!
//! Then the request is executed:
//!
//! | request | outcome | answer fields | notification |
//! |---|---|---|---|
//! | `preauthorization`, `authorization` | `reference` used before in the portal (case-insensitive) | `ERROR` 911 | none |
//! | | `amount=9902` | `ERROR` 2 `Authorization declined`, no transaction kept | none |
//! | | `amount=9903` | `REDIRECT`, `redirecturl={base}/sandbox/3ds/{txid}`, `txid`, `userid`; needs `successurl` and `errorurl` or `backurl` (else 1 naming `successurl` or `errorurl`) | after the challenge |
//! | | `amount=9904` | `PENDING`, `txid`, `userid` (stays pending: cannot be captured) | none |
//! | | `clearingtype=sb` (online bank transfer) or `wlt` (wallet, but Apple Pay `APL` and Google Pay `GGP`) without `workorderid`, any other amount | `REDIRECT`, `redirecturl={base}/sandbox/redirect/{txid}` (the provider's page), `txid`, `userid`; needs `successurl` and `errorurl` or `backurl` (else 1 naming them) | after the customer's choice, see below |
//! | | `clearingtype=vor` (prepayment) or `rec` (invoice), any other amount | `APPROVED`, `txid`, `userid` and the payment instructions: `clearing_bankaccountholder`, `clearing_bankcountry`, `clearing_bankiban` ([`COLLECTION_IBAN`]), `clearing_bankbic`, `clearing_bankname`, `clearing_bankcity`, `clearing_reference` (`SB` and the txid), `clearing_amount` | `appointed`; `underpaid` / `paid` when the transfer arrives, see below |
//! | | any other amount (a wallet with the `workorderid` of its express checkout included; Apple Pay and Google Pay, whose token fields the table requires: a missing one is 1 naming it) | `APPROVED`, `txid`, `userid` | `appointed` |
//! | `capture` | `txid` an approved preauthorization, `sequencenumber` the next one (the first capture may leave it out: it is then 1), `currency` the transaction's, `0 <= amount <=` reserved minus captured | `APPROVED`, `txid`, `settleaccount=yes` | `capture` |
//! | `refund` | `txid` an approved pre-/authorization, next `sequencenumber`, same `currency`, **negative** `amount` (`-500` refunds 5.00) with `-amount <=` booked | `APPROVED`, `txid` | `refund` |
//! | `debit` | as refund; negative `amount` credits the customer (up to the booked amount), positive adds a claim, 0 is refused | `APPROVED`, `txid` | `debit` |
//! | `createaccess` | always approved once the checks pass | `APPROVED`, `txid`, `userid`, `accessid` | `appointed` |
//! | `vauthorization` | always approved once the checks pass | `APPROVED`, `txid`, `userid` | `vauthorization` |
//! | `managemandate` | `iban` fails mod 97 | `ERROR` 1 naming `iban` | none |
//! | | `iban` is [`IBAN_MANDATE_DECLINED`] (`DE46370400440000009902`) | `ERROR` 2 naming `iban` | none |
//! | | the account has an active mandate | `APPROVED`, its `mandate_identification`, `mandate_status=active`, `creditor_identifier`, `iban`, `bic` | none |
//! | | otherwise | `APPROVED`, a new `mandate_identification` (the request's own, else `PO-` and ten digits from `PO-0000000001`), `mandate_status=pending`, `mandate_text` (URL-encoded HTML naming the holder and the IBAN masked but for its last four characters), `creditor_identifier` ([`CREDITOR_IDENTIFIER`]), `iban`, `bic` | none |
//! | `preauthorization`, `authorization` with `clearingtype=elv` | as above, after the mandate check: `iban` (or `bankcode` and `bankaccount`) valid and not [`IBAN_MANDATE_DECLINED`]; a named `PO-` mandate must exist and be for the same account (else 1 naming `mandate_identification`) and becomes active; without one, the account's active mandate or a new active one | the answer of the amount, plus `mandate_identification` and `creditor_identifier` | as above |
//! | `genericpayment` | `add_paydata[action]=setexpresscheckout` | `REDIRECT`, `redirecturl` = the request's `successurl` (the customer approves at once; 1 naming `successurl` without one), `workorderid` | none |
//! | | `getexpresscheckoutdetails` | `OK`, `workorderid`, `add_paydata[email]` and the `add_paydata[shipping_*]` address of a test buyer | none |
//! | | `start_session` (Klarna) | `OK`, `workorderid`, `add_paydata[client_token]`, `add_paydata[session_id]` | none |
//! | | `installment_options` (PAYONE Secured Installment): `financingtype=PIN`, `add_paydata[businessRelation]=b2c`, a positive `amount`, `currency=EUR` (else 1 naming the parameter, 908 for the amount) | `OK`, `workorderid`, `add_paydata[amount_value]`, `add_paydata[amount_currency]` and three options `n` = 0, 1, 2 (3, 6, 12 payments at 9.00, 11.00, 14.00 % nominal): `add_paydata[installment_option_id_n]` (`IOP_{workorderid}_{n}`), `number_of_payments_n`, `monthly_amount_value_n`, `last_rate_amount_value_n`, `total_amount_value_n` (minor units), their `..._currency_n`, `first_rate_date_n` (`YYYY-MM-DD`, in 30 days), `nominal_interest_rate_n`, `effective_interest_rate_n` (hundredths of a percent) | none |
//! | | `profile` (Ratepay) | `OK`, `workorderid`, the profile: `add_paydata[currency]` `EUR`, `country-code-billing` and `country-code-delivery` `DE`, `tx-limit-invoice-min`/`-max` and `tx-limit-elv-min`/`-max` 10/5000, `tx-limit-installment-min`/`-max` 200/5000, `month-allowed` `3,6,12,24`, `interestrate-default` `9.90`, `payment-firstday` `28`, `service-charge` `0`, `eligibility-ratepay-invoice`/`-elv`/`-installment` `yes` | none |
//! | | `calculation` with `financingtype=RPS`: `add_paydata[shop_id]`, `add_paydata[customer_allow_credit_inquiry]=yes`, `add_paydata[calculation_type]` with `add_paydata[month]` (one of 3, 6, 12, 24) or `add_paydata[rate]` (minor units), a positive `amount` (else 1 naming the parameter) | `OK`, `workorderid`, `add_paydata[amount]`, `number-of-rates` (by rate: the shortest duration whose rate does not exceed it, else 24), `rate`, `last-rate`, `total-amount`, `interest-amount`, `service-charge` (minor units), `interest-rate` `9.90`, `annual-percentage-rate`, `monthly-debit-interest` (percent), `payment-firstday` `28` | none |
//! | | `pre_check` (Unzer) | `lastname` [`LASTNAME_RISK_DECLINED`]: `ERROR` 2 naming `lastname`; otherwise `OK`, `workorderid` | none |
//! | | `calculation` with `financingtype=PYS`: `workorderid` of an earlier genericpayment (else 1 naming it), a positive `amount` | `OK`, the `workorderid`, three plans `n` = 1, 2, 3 (3, 6, 12 months at 14.95 %): `add_paydata[PaymentDetails_n_Duration]`, `_Currency`, `_InterestRate`, `_EffectiveInterestRate`, `_OriginalAmount`, `_TotalAmount`, `_MinimumInstallmentFee`, and per month `m` `_Installment_m_Amount`, `_Installment_m_Due` (decimal amounts, `YYYY-MM-DD` every 30 days) | none |
//! | | `createCheckoutSessionPayload` (Amazon Pay v2) | `OK`, `workorderid`, `add_paydata[payload]`, `add_paydata[signature]` (opaque sandbox strings) | none |
//! | | `getCheckoutSession`: `workorderid` of an earlier genericpayment (else 1 naming it) | `OK`, `workorderid`, `add_paydata[email]`, the `add_paydata[shipping_*]` and `add_paydata[billing_*]` address of the test buyer | none |
//! | | `updateCheckoutSession`: `workorderid` as for getCheckoutSession | `OK`, `workorderid` | none |
//! | | any other action (`update_order`, `getconfiguration`, the Amazon Pay v1 order reference actions, `checkout`, `register_alias`, `refund_announcement`: no source names more of their answers) | `OK`, `workorderid` | none |
//! | `preauthorization`, `authorization` with `clearingtype=fnc` | before the amount decides: `financingtype` PIV, PDD need `businessrelation`, `birthday`, `telephonenumber`, `email`, `ip`, PIN the first three (else 1 naming the first missing), PIN and PDD with `businessrelation=b2c` (else 1 naming it); PIN needs an `add_paydata[installment_option_id]` of an earlier installment_options answer (and, if given, its `workorderid`); RPV, RPS, RPD need `add_paydata[customer_allow_credit_inquiry]=yes`, RPS an `add_paydata[installment_number]` of `month-allowed`; PYS needs the `workorderid` of an earlier genericpayment and an `add_paydata[installment_duration]` of 3, 6, 12 (else 1 naming the parameter); then `lastname` [`LASTNAME_RISK_DECLINED`] for PIV, PIN, PDD, RPV, RPS, RPD, PYV, PYS, PYD | `ERROR` 2 naming `lastname` (the risk check), no transaction kept | none |
//! | | otherwise as above (no payment instructions: the pages of these methods name none) | `APPROVED`, `txid`, `userid` | `appointed` |
//! | `addresscheck` | `zip` [`ZIP_ADDRESS_INVALID`] (`99999`) | `INVALID`, `secstatus=30`, `errorcode` 1010 | none |
//! | | otherwise | `VALID`, `secstatus=10`, `personstatus` (`PPB` for `addresschecktype` PE or PB, else `NONE`), the address as sent | none |
//! | `consumerscore` | `zip` [`ZIP_ADDRESS_INVALID`] | as addresscheck | none |
//! | | otherwise | `VALID`, `score` by `lastname` ([`LASTNAME_SCORE_RED`] `R`, [`LASTNAME_SCORE_YELLOW`] `Y`, else `G`), `scorevalue`, `secstatus=10`, `personstatus=PPB`, the address | none |
//! | `3dscheck` | `cardpan` fails the Luhn check (e.g. [`CARD_3DS_INVALID`], `4111111111111112`) | `INVALID` 877 | none |
//! | | `cardpan` [`CARD_3DS_ENROLLED`] (`4000000000001091`) | `ENROLLED`, `acsurl={base}/sandbox/acs`, `termurl={base}/sandbox/acs/term`, `pareq` (`pareq-` and ten digits), `md` (`md-` and ten digits), `xid` (`SBX3DS` and 14 digits), `truncatedcardpan`, `pseudocardpan` (echoed); see [3-D Secure](#3-d-secure) | none |
//! | | any other card | `VALID`, `truncatedcardpan`, `pseudocardpan` (echoed) | none |
//! | `getuser` | `userid` issued by the sandbox (else 912), or `customerid` | `APPROVED`, `usertoken` | none |
//! | `updateuser` | `userid` issued by the sandbox (else 912) | `OK` | none |
//! | `updatereminder`, `updateaccess` | always | `OK` | none |
//! | `getinvoice` | always | a one-page PDF naming `invoice_title` | none |
//! | `getfile` | `file_reference` a kept mandate (else 1 naming `file_reference`) | the mandate as a one-page PDF (`Content-Type: application/pdf`) naming the holder and the masked IBAN | none |
//!
//! The provider's page `GET /sandbox/redirect/{txid}` has the links `id="pay"` and
//! `id="cancel"` (`/sandbox/redirect/{txid}/complete?result=pay|cancel`, each usable once, else
//! 404): "Pay" approves (notification `appointed`, and for an online bank transfer `paid` right
//! after it) and answers 303 to `successurl`; "Cancel" leaves the payment unapproved (nothing to
//! capture, no notification) and answers 303 to `backurl`, else `errorurl`.
//!
//! The customer's transfer for a prepayment or invoice payment arrives when the test says so:
//! `POST /sandbox/transfers/{txid}?amount=N` (minor units; without `amount`, what is still
//! open), or [`Sandbox::transfer`]. It answers 200 with `paid` (the claim is covered) or
//! `underpaid` (less has arrived; `balance` is what is still open) and queues that
//! notification; 404 for an unknown transaction, 400 for one that is not an approved
//! prepayment or invoice payment or a non-positive amount.
//!
//! `{base}` is `http://` plus the request's `Host` header (else [`Sandbox::base_url`]).
//! Identifiers are counters, so a run is reproducible: `txid` from 100000001, `userid` from
//! 200000001 (one per `customerid`; a request naming `userid` must name one the sandbox issued,
//! else 912), `accessid` from 300000001, `workorderid` from `WX0000000001`. The sequence number of
//! a transaction starts at 1 for its first capture, refund or debit and goes up by one with each.
//! An authorization books its amount at once; a preauthorization books what is captured.
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
//! | 1 | `ERROR` | `Parameter {NAME} faulty or missing: RULE` | missing, unknown, undecodable or malformed parameter; a broken conditional rule of the tables (`NAME` lists its parameters); a capture after the first one without `sequencenumber`; unknown `request` or `encoding` |
//! | 2 | `ERROR` | `Authorization declined` | `amount=9902` |
//! | 2 | `ERROR` | `Declined by the risk check of the financing` | `lastname` [`LASTNAME_RISK_DECLINED`] (secured, Ratepay and Unzer payments, Unzer `pre_check`) |
//! | 2 | `ERROR` | `3-D Secure authentication failed` | a card pre-/authorization naming the `xid` of a 3dscheck whose customer chose "Fail" at the issuer's page |
//! | 2 | `ERROR` | `SEPA mandate declined for this account` | `iban` [`IBAN_MANDATE_DECLINED`] (managemandate, direct debit payments) |
//! | 3 | `ERROR` | `Parameter {mid} incorrect: not the sandbox account's` | wrong `mid` |
//! | 4 | `ERROR` | `Parameter {portalid} incorrect: not the sandbox account's` | wrong `portalid` |
//! | 5 | `ERROR` | `Parameter {aid} incorrect: not the sandbox account's` | wrong `aid` |
//! | 6 | `ERROR` | `key incorrect` | Server API `key` is neither digest of the portal key |
//! | 7 | `ERROR` | `hash incorrect` | Client API / Frontend `hash` matches neither scheme |
//! | 877 | `INVALID` | `Invalid card number` | `creditcardcheck`, `3dscheck`: Luhn check fails |
//! | 880 | `INVALID` | `Card type does not match the card number` | `creditcardcheck`: `cardtype` contradicts the number (V 4; M 51-55, 2221-2720; A 34, 37; J 3528-3589) |
//! | 885 | `INVALID` | `Invalid IBAN` | `bankaccountcheck`: mod-97 fails |
//! | 907 | `ERROR` | `Sequence number incorrect` | capture / refund / debit with another `sequencenumber` than the next |
//! | 908 | `ERROR` | `Parameter {amount} incorrect: WHY` | capture above the reserved amount or negative; refund not negative or above the booked amount; debit 0 or crediting more than booked; an amount not positive for a financing plan (installment_options, calculation) |
//! | 909 | `ERROR` | `Parameter {currency} incorrect: not the currency of the transaction` | capture / refund / debit |
//! | 910 | `ERROR` | `Parameter {txid} incorrect: WHY` | no such transaction; capture of anything but an approved preauthorization; refund / debit of anything but an approved pre-/authorization |
//! | 911 | `ERROR` | `Reference number already exists` | `reference` used before (Server API, Frontend) |
//! | 912 | `ERROR` | `Parameter {userid} incorrect: unknown user` | `userid` not issued by the sandbox |
//!
//! # Client API: `GET`/`POST /client-api/`
//!
//! Parameters from the query and (POST) the form body, decoded as for the Server API. Checks:
//! `mid`, `portalid`, `aid` (1, 3, 4, 5), `request` (`creditcardcheck`, `bankaccountcheck`,
//! `managemandate`, else 1), `hash` (missing: 1; else it must equal HMAC-SHA384 or md5 over the UsedInHash
//! parameters of the request's table, compared in constant time, else 7 `hash incorrect`), then
//! the table (1).
//!
//! - `creditcardcheck`: a `cardpan` of 13 to 19 digits (table) passing Luhn, whose range agrees
//!   with `cardtype`, answers `status=VALID`, `pseudocardpan` (`9` and 18 digits derived from
//!   the card number by HMAC-SHA384 under the portal key: the same card gives the same pseudo
//!   number, which does not reveal it; left out with `storecarddata=no`), `truncatedcardpan`
//!   (first 6, `X`s, last 4), `cardtype`, and `cardexpiredate` when sent. The expiry date is not
//!   checked. Otherwise `INVALID` 877 or 880.
//! - `bankaccountcheck` (the table requires `bankcountry`, as the Client API bankaccountcheck
//!   page does, and accepts `checktype` 0, 1 or 2 and `language`): an `iban` passing mod 97 is
//!   `VALID`, failing it `INVALID` 885 (the check exists to report a mistyped IBAN, so the
//!   table does not refuse it first); `bankaccount` with `bankcode` and no IBAN is `VALID`
//!   unchecked; neither is 1 naming `iban`.
//! - `managemandate` (the table requires `clearingtype=elv`, `currency`, `lastname` and the IBAN
//!   or the German BBAN): answered exactly as the Server API's managemandate above, from the
//!   same mandates (a payment on the Server API may name a mandate created here): an `iban`
//!   failing mod 97 is `ERROR` 1 naming `iban`, [`IBAN_MANDATE_DECLINED`] is `ERROR` 2, an
//!   account with an active mandate gets it back (`mandate_status=active`), any other a new
//!   pending one with its `mandate_text`. For `responsetype=REDIRECT`, `APPROVED` goes to
//!   `successurl`.
//!
//! `responsetype=JSON`, and every answer that cannot be redirected, is one JSON object of
//! strings (`application/json`). `responsetype=REDIRECT` answers `302` to `successurl`
//! (status `VALID` or `APPROVED`) or `errorurl` (otherwise), with the answer fields appended as query
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
//! A 3dscheck answered `ENROLLED` (card [`CARD_3DS_ENROLLED`]) emulates the issuer's access
//! control server and the platform's `termurl`, in the order of the magento-1 plugin's
//! 3dscheck answer (`acsurl`, `termurl`, `pareq`, `md`, `xid`):
//!
//! 1. the customer's browser POSTs `PaReq`, `TermUrl` and `MD` (the answer's `pareq`,
//!    `termurl`, `md`) to `acsurl`; the page names the masked card (`id="card"`) and has the
//!    links `id="authenticate"` and `id="fail"`. A `PaReq` or `MD` the sandbox did not issue,
//!    or a `TermUrl` that is not an http(s) URL of at most 2048 characters, is a 400 page;
//! 2. the link (`/sandbox/acs/{n}/complete?result=ok|fail`) answers a form `id="pares"` that
//!    the page's script submits (button `id="continue"`), posting `PaRes` and `MD` to the
//!    `TermUrl`; `<p id="result">` says `authenticated` or `failed`;
//! 3. `termurl` answers 303 to the 3dscheck's `exiturl`, unchanged.
//!
//! Each step works once and in this order (else a 404 page). The shop then sends the
//! `preauthorization` or `authorization` (`clearingtype=cc`) with `xid` (and, as PAYONE's
//! magento-1 plugin does, `cavv` and `eci`, which the sandbox does not check): after
//! "Authenticate" it goes ahead with the amount rules above, provided `amount` and `currency`
//! are those of the 3dscheck (else 1 naming them); after "Fail" it is `ERROR` 2
//! `3-D Secure authentication failed`; an `xid` not issued, not yet back through `termurl`, or
//! used by a payment already is 1 naming `xid`.
//!
//! # DirectLink: `POST /ncol/test/*.asp`
//!
//! The DirectLink server-to-server API for a test account (section numbers below are those of
//! the platform's DirectLink integration guide): a client points
//! `payone_client::directlink::Endpoints::with_base` at [`Sandbox::base_url`]. Bodies are
//! `application/x-www-form-urlencoded`, UTF-8 (a name or value that is not UTF-8 is NCERROR
//! 50001111 naming it); parameter names are read in any case. Answers are
//! `text/xml; charset=utf-8`, HTTP 200: `<?xml version="1.0"?><ncresponse .../>` with one
//! attribute per line in the guide's spelling and order (`orderID`, `PAYID`, `PAYIDSUB` on
//! maintenance and queries, `NCSTATUS`, `NCERROR`, `NCERRORPLUS`, `ACCEPTANCE`, `STATUS`,
//! ...); `WITHROOT=Y` wraps it in a second `<ncresponse>`. `amount` is written not multiplied by 100 (`1550` is `15.5`). No error
//! is ever an HTTP error: only a wrong method (405) or path (404) is.
//!
//! Checks of every page, in this order; the first failure is the answer (`STATUS` 0, `PAYID` 0,
//! `NCSTATUS` the first digit of `NCERROR`; `NCERRORPLUS` names parameters, never values):
//!
//! 1. a name sent twice: 50001111 `NAME: given more than once` (`BRAND` may repeat on the
//!    privacy page);
//! 2. `PSPID`, `USERID`, `PSWD` present (else 50001111 `NAME: required parameter is missing`)
//!    and the account's: a wrong `PSPID` is 50001119 `PSPID not found or not active`, a wrong
//!    `USERID` or `PSWD` 50001119 `USERID or PSWD incorrect` (the password is compared in
//!    constant time; 50001119 is the sandbox's own code, the DirectLink guide prints none for this
//!    case);
//! 3. `SHASIGN`: SHA-IN (`PAYONE_SHA_IN`, `PAYONE_SHA_ALGO`) over every parameter sent except
//!    `SHASIGN` (`ShaList::All`: upper-cased names in plain byte order, each `NAME=value` followed
//!    by the passphrase), compared in constant time. Required on orders and maintenance: missing is
//!    50001184 `unknown order/0/s`, wrong 50001184 `unknown order/1/s`. Queries and the privacy
//!    page need none (their tables in the guide have no `SHASIGN`), but one that is sent must
//!    match;
//! 4. the parameters: the page's table from `payone_types::generated::REQUESTS`
//!    (`api == Api::Directlink`, the request named `orderdirect`, `maintenancedirect`,
//!    `querydirect`; checked with `payone_types::dynamic::validate`): its first violation is
//!    50001111 `NAME: RULE`, e.g. `CVC: required parameter is missing`. Parameters the table
//!    does not list are accepted (the platform's list is longer for accounts with options, guide
//!    section 3.2: `COMPLUS`, `ALIAS`, `WITHROOT` on queries, ...); the 3-D Secure rows
//!    (`FLAG3D` = `Y`, `WIN3DS` = `MAINW`/`POPUP`/`POPIX`, the `BROWSER*` data, ...) are the
//!    table's group `three_d_secure`; an order without `PM` is
//!    checked as `PM=CreditCard`. The privacy page is not checked against its table. Then, table
//!    or not, what the sandbox needs to execute the request (50001111 as well):
//!    - orders: `ORDERID` (up to 40 characters), `AMOUNT` (1 to 15 digits), `CURRENCY` (3
//!      capital letters), `CARDNO` (up to 21 letters and digits), `ED` (`MM/YY` or `MMYY`),
//!      `CVC` (1 to 5 digits), `OPERATION` `RES`, `PAU` or `SAL` when sent, `PM` `CreditCard` when
//!      sent (the sandbox executes card orders only);
//!    - maintenance: `PAYID` (digits) or `ORDERID`, `OPERATION` one of `REN DEL DES SAL SAS
//!      RFD RFS`, `AMOUNT` digits and `CURRENCY` when sent;
//!    - queries: `PAYID` (digits) or `ORDERID`, `PAYIDSUB` digits when sent.
//!
//! ## `orderdirect.asp`
//!
//! Test data decide the outcome; `OPERATION` defaults to `RES`:
//!
//! | request | `STATUS` | `NCERROR` | answer |
//! |---|---|---|---|
//! | any other card data, `OPERATION=RES` | 5 (authorised) | empty | `orderID`, `PAYID`, `NCSTATUS` 0, `NCERROR`, `NCERRORPLUS` (empty), `ACCEPTANCE` (6 digits), `STATUS`, `ECI` (sent, else 7), `amount`, `currency`, `PM` `CreditCard`, `BRAND` (`BRAND` sent, else from the number: 4 VISA, 51-55/2221-2720 MasterCard, 34/37 American Express, 3528-3589 JCB) |
//! | `OPERATION=SAL` | 9 (payment requested; captured in full) | empty | as above |
//! | `AMOUNT=9902` | 2 (authorisation refused) | 30001001 `Payment refused by the acquirer` | as above, `NCSTATUS` 3, empty `ACCEPTANCE` |
//! | `AMOUNT=9904` | 51 (authorisation waiting; never decided) | empty | as above, empty `ACCEPTANCE` |
//! | `FLAG3D=Y` and `CARDNO=4000000000000002` ([`DIRECTLINK_CARD_3DS`]) | 46 (waiting for identification) | empty | as above plus a child element `<HTML_ANSWER>` (base64, see [3-D Secure](#directlink-3-d-secure)); needs `ACCEPTURL` and `DECLINEURL` (else 50001111 naming the missing one) |
//! | `ORDERID` of an order in any status but 0 and 2 | 0 | 50001113 `This order has already been processed` | guide section 4.1: that order's `PAYID` and `ACCEPTANCE`; nothing new is recorded |
//!
//! The amount triggers come before the 3-D Secure card. A refused order (STATUS 2) does not
//! block its `ORDERID`: sending it again makes a new order. `PAYID`s are counters from
//! [`FIRST_PAYID`] (400000001), one per recorded order.
//!
//! ## `maintenancedirect.asp`
//!
//! The order is `PAYID` when sent, else the latest order of `ORDERID` (unknown: 50001130
//! `unknown payid` / `unknown orderid`, `PAYID` 0, empty `STATUS`). `AMOUNT` (cents) defaults to
//! all that is open for the operation; 0 or more than that is 50001111 `AMOUNT: ...`, a
//! `CURRENCY` other than the order's 50001111 `CURRENCY: ...`. Allowed:
//!
//! | `OPERATION` | allowed when | open amount | answer `STATUS` | order `STATUS` afterwards |
//! |---|---|---|---|---|
//! | `SAL` (partial capture) | status 5, 9 or 8 and capturing not closed | authorised − captured | 91 | 9 |
//! | `SAS` (last capture; closes capturing) | as `SAL` | as `SAL` | 91 | 9 |
//! | `RFD` (partial refund) | status 9 or 8 and refunding not closed | captured − refunded | 81 | 8 |
//! | `RFS` (last refund; closes refunding) | as `RFD` | as `RFD` | 81 | 8 |
//! | `DEL` (delete the authorisation) | status 5, nothing captured | the authorised amount | 61 | 6 (renewable) |
//! | `DES` (delete and close) | as `DEL` | as `DEL` | 61 | 6 (closed) |
//! | `REN` (renew the authorisation) | status 5 with nothing captured, or 6 after `DEL` | the order's original amount (a smaller `AMOUNT` becomes the authorised amount) | 5 | 5 |
//!
//! The answer is guide section 5.2's: `orderID`, `PAYID`, `PAYIDSUB` (the history level this
//! operation created: 1, 2, ...), `NCSTATUS` 0, `NCERROR`, `NCERRORPLUS`, `ACCEPTANCE`,
//! `STATUS`, `amount` (the operation's), `currency`. The answer reports the pending status (91,
//! 81, 61) and the order is settled at once: a query right after sees 9, 8 or 6. Anything not
//! allowed, so also the same maintenance sent twice (guide section 5.3), is NCERROR 50001127
//! `This order is not authorized: STATUS n does not allow this operation`, `STATUS` 0, with
//! the order's `PAYID` and current `PAYIDSUB`. Orders in STATUS 2, 46 or 51 allow nothing.
//!
//! ## `querydirect.asp`
//!
//! By `PAYID` (optionally with `PAYIDSUB`) or by `ORDERID` (its latest order). The answer is guide
//! section 6.2's: `orderID`, `PAYID`, `PAYIDSUB`, `NCSTATUS` 0, `NCERROR` and `NCERRORPLUS`
//! (empty), `ACCEPTANCE`, `STATUS`, `ECI`, `amount`, `currency`, `PM`, `BRAND`, `CARDNO` (masked:
//! `XXXXXXXXXXXX1111`), and `IP` when the order carried `REMOTE_ADDR`. Without `PAYIDSUB` it is
//! the order's current status and amount with the latest `PAYIDSUB`; with one, the status and
//! amount of that history level (0 is the order itself). An order waiting for 3-D Secure is
//! STATUS 46 without `HTML_ANSWER`. Unknown order or level: `orderID` as sent, `PAYID` 0,
//! `NCSTATUS` 5, NCERROR 50001130 (`unknown orderid` / `unknown payid`), empty `STATUS`,
//! `amount` and `currency`.
//!
//! ## `privacy-policy.asp`
//!
//! Answers guide section 7.2's `<Response>` XML (UTF-8). A request refused by the checks above
//! (wrong or missing credentials, a `SHASIGN` that does not match, a name other than `BRAND`
//! sent twice): `Status` `Error` with an `Error` `Code` `Unauthorized` and the `NCERRORPLUS`
//! text as `Message`; a body that is not UTF-8: `Error` `InternalServerError`. Otherwise
//! `BRAND` (any number of times; empty or malformed values, other than letters, digits, space,
//! `-`, `_` up to 40 characters, are ignored) chooses among the account's active brands VISA,
//! MasterCard, American Express (any case); none sent means all of them. If brands were sent
//! but none is active (`iDEAL`), the answer is `SuccessWithWarnings` with a `Warning` `Code`
//! `NoContent` and an empty `<Html/>` (the guide's first example); else `Success` with
//! `<Html><![CDATA[<ul><li><h2>Data controller</h2><p>...</p></li><li><h2>Card payment (VISA,
//! American Express)</h2><p>...</p></li></ul>]]></Html>` (the guide's second example's shape,
//! the chosen brands in the order above). `LANGUAGE=de` (any case) gives the German text,
//! anything else the English one (the account's language).
//!
//! ## DirectLink 3-D Secure
//!
//! The `HTML_ANSWER` of a STATUS 46 answer decodes to a form
//! `<form name="downloadform3D" action="{base}/sandbox/directlink/3ds/{payid}" method="post">`
//! (a hidden `PAYID`, a button inside `<noscript>`, and a script that submits it). That page
//! (`GET` or `POST`) shows two links, `id="authenticate"` and `id="fail"`, to
//! `/sandbox/directlink/3ds/{payid}/complete?result=ok|fail`: `ok` sets the order to STATUS 5
//! (9 with `OPERATION=SAL`) and redirects `303` to `ACCEPTURL`, `fail` sets STATUS 2 and
//! redirects to `DECLINEURL`. The URL gets the query parameters `orderID`, `currency`,
//! `amount`, `PM`, `ACCEPTANCE`, `STATUS`, `CARDNO` (masked), `PAYID`, `NCERROR` (0, or
//! 40001134 after a failure), `BRAND` and `SHASIGN`: SHA-OUT (`PAYONE_SHA_OUT`) over the
//! platform's published SHA-OUT list (`ShaList::sha_out()`, which every one of these parameters
//! is on, so `ShaList::All` gives the same signature), as
//! `payone_client::directlink::FeedbackVerifier` checks by default. Each order completes once; afterwards (or for an order not waiting)
//! the pages answer 404.
//!
//! ## DirectLink NCERROR values
//!
//! | `NCERROR` | `NCSTATUS` | `STATUS` | when |
//! |---|---|---|---|
//! | empty | 0 | 5, 9, 46, 51; 91, 81, 61, 5 (maintenance); any (query) | processed |
//! | 30001001 | 3 | 2 | `AMOUNT=9902` |
//! | 50001111 | 5 | 0 | data validation: a parameter missing, malformed, sent twice, not UTF-8; `AMOUNT` or `CURRENCY` contradicting the order |
//! | 50001113 | 5 | 0 | `ORDERID` already processed (guide section 4.1) |
//! | 50001119 | 5 | 0 | `PSPID`, `USERID` or `PSWD` wrong (sandbox's own code) |
//! | 50001127 | 5 | 0 | maintenance not allowed in the order's status, e.g. sent twice (guide section 5.3) |
//! | 50001130 | 5 | empty | no such order (`PAYID`, `ORDERID` or `PAYIDSUB`) |
//! | 50001184 | 5 | 0 | `SHASIGN` missing or wrong |
//! | 40001134 | - | 2 | only in the 3-D Secure feedback after `result=fail` |
//!
//! ## Slow mode and counters
//!
//! [`Faults::directlink_order_delay`] (`POST /sandbox/faults` field `directlink_order_delay_ms`,
//! shown by `GET /sandbox/faults` as `directlink_order_delay_ms=`) delays every
//! `orderdirect.asp` answer **after** the order has been checked and recorded, so a client that
//! times out finds it with `querydirect.asp` (guide section 6.4). It stays in force until the
//! faults are replaced. The other faults never touch DirectLink. Every request that reaches a
//! DirectLink page is counted, refused ones too, as `directlink.orderdirect`,
//! `directlink.maintenancedirect`, `directlink.querydirect`, `directlink.privacy-policy` in
//! `GET /sandbox/requests` and [`Sandbox::requests`].
//!
//! # v2 server-to-server JSON API: `/v2/{merchantId}/payments...`
//!
//! The v2 server-to-server API (`https://payment.preprod.payone.com/v2/{merchantId}/payments` in
//! test): a client puts [`Sandbox::base_url`] in place of `https://payment.preprod.payone.com`.
//! Bodies are JSON both ways (`application/json`); members the sandbox does not know are accepted.
//!
//! | operation | method and path | body | success |
//! |---|---|---|---|
//! | CreatePayment | `POST /v2/{merchantId}/payments` | `CreatePaymentRequest` | 201 `CreatePaymentResponse` |
//! | GetPaymentDetails | `GET /v2/{merchantId}/payments/{paymentId}/details` | none | 200 `PaymentDetailsResponse` |
//! | CapturePayment | `POST .../payments/{paymentId}/capture` | `CapturePaymentRequest` (may be empty) | 200 `CaptureResponse` |
//! | CancelPayment | `POST .../payments/{paymentId}/cancel` | `CancelPaymentRequest` (may be empty) | 200 `CancelPaymentResponse` |
//! | RefundPayment | `POST .../payments/{paymentId}/refund` | `RefundRequest` | 201 `RefundResponse` |
//!
//! Checks, in this order; the first failure is the answer:
//!
//! 1. `Authorization: GCS v1HMAC:<apiKey>:<signature>` (`payone_types::gcs`): present once, the
//!    account's API key (`PAYONE_API_KEY`), and the signature equal (constant time) to base64
//!    HMAC-SHA256 under `PAYONE_API_SECRET` of the string to sign built from the request as
//!    received: method, `Content-Type` (empty when absent), `Date`, the `X-GCS-*` headers, path and
//!    query. `Date` must be present once and an RFC 1123 date; it is not compared with the clock,
//!    so recorded requests stay valid. Any failure is 401 `MISSING_OR_INVALID_AUTHORIZATION` with a
//!    message naming what is wrong (never the expected signature);
//! 2. the path's `merchantId` is `PAYONE_MERCHANT_ID`, else 403
//!    `ACCESS_TO_MERCHANT_NOT_ALLOWED` (after the signature, so an unsigned caller learns
//!    nothing about merchants);
//! 3. the body: not JSON is 400 `INVALID_JSON` (line and column only); then the operation's
//!    table: **every** violation is one `ApiError` with `propertyName` = its JSON path
//!    (`order.amountOfMoney.currencyCode`) and `message` = the rule broken, `id`
//!    `PARAMETER_NOT_FOUND_IN_REQUEST` when it is missing, else `INVALID_VALUE`; HTTP 400;
//! 4. the payment (`{paymentId}`), else 404 `UNKNOWN_PAYMENT_ID`;
//! 5. the payment's status allows the operation, else 409 `ACTION_NOT_ALLOWED_IN_STATUS`;
//! 6. the operation's own rules (below), 400 `INVALID_VALUE` naming the member.
//!
//! No answer repeats a value of the request: card numbers, CVVs and secrets never appear in
//! errors, pages, logs or webhooks; answers carry the card masked (`************1111`).
//!
//! ## CreatePayment
//!
//! Beyond the table: a `card.cardNumber` must pass the Luhn check (400 naming
//! `cardPaymentMethodSpecificInput.card.cardNumber`); one of `card`, `token` or
//! `hostedTokenizationId` is required (else 400 `PARAMETER_NOT_FOUND_IN_REQUEST` naming the
//! card number); a `returnUrl` must be an absolute `http`/`https` URL. Then the test data
//! decide, the amount first:
//!
//! | request | HTTP | `payment.status` | `statusCode` / `statusCategory` | more |
//! |---|---|---|---|---|
//! | `order.amountOfMoney.amount` 9902 ([`V2_AMOUNT_DECLINED`]), any card | 402 | `REJECTED` | 2 / `UNSUCCESSFUL` | `ErrorResponse` with `errors[0].code` `30511001` and `paymentResult` (the `CreatePaymentResponse`); webhook `payment.rejected`; the payment is kept |
//! | card 4000000000001091 ([`V2_CARD_CHALLENGE`]) | 201 | `REDIRECTED` | 46 / `PENDING_PAYMENT`, `isAuthorized` false | `merchantAction` `{actionType: REDIRECT, redirectData.redirectURL: {base}/v2/sandbox/3ds/{paymentId}}`; needs `cardPaymentMethodSpecificInput.returnUrl` (else 400 naming it); no webhook until the challenge ends |
//! | card 4000000000001000 ([`V2_CARD_FRICTIONLESS`]) | 201 | `PENDING_CAPTURE` | 5 / `PENDING_MERCHANT` | `threeDSecureResults` `{flow: frictionless, eci: "05"}`; no `merchantAction`; webhook `payment.pending_capture` |
//! | 4111111111111111 ([`V2_CARD_NO_3DS`]), any other valid card, a token | 201 | `PENDING_CAPTURE` | 5 / `PENDING_MERCHANT` | no 3-D Secure, no `merchantAction`; webhook `payment.pending_capture` |
//!
//! `threeDSecure.skipAuthentication: true` makes the two 3-D Secure cards behave like any other.
//! `statusOutput` always carries `isAuthorized`, `isCancellable` and `isRefundable` as they
//! stand (`PENDING_CAPTURE`: true, true, false). `paymentOutput` carries `amountOfMoney`,
//! `references` (when sent) and `cardPaymentMethodSpecificOutput` with `paymentProductId`
//! (sent, else by range: Visa 1, American Express 2, Mastercard 3, JCB 125), `card`
//! (`cardNumber` masked, `expiryDate`) and `threeDSecureResults`. Payment ids are counters:
//! `3000000001_0` ([`V2_FIRST_PAYMENT`]), `3000000002_0`, ...; only that spelling finds a
//! payment. `{base}` is as for the Server API (the request's `Host`).
//!
//! ## 3-D Secure challenge
//!
//! `GET /v2/sandbox/3ds/{paymentId}` shows two links, `id="authenticate"` and `id="fail"`, to
//! `/v2/sandbox/3ds/{paymentId}/complete?result=ok|fail`. `ok` makes the payment
//! `PENDING_CAPTURE` (5, `threeDSecureResults` `{flow: challenge, eci: "05"}`, webhook
//! `payment.pending_capture`); `fail` makes it `REJECTED` (2 / `UNSUCCESSFUL`, webhook
//! `payment.rejected`). Both redirect `303` to the create request's `returnUrl` with
//! `paymentId={paymentId}` appended to its query. Each challenge completes once; afterwards,
//! and for a payment not waiting, the pages answer 404.
//!
//! ## Capture, cancel, refund
//!
//! | operation | allowed when (else 409) | amount (else 400 `INVALID_VALUE`) | afterwards | answer | webhook |
//! |---|---|---|---|---|---|
//! | capture | `PENDING_CAPTURE` | `amount` 1 up to the authorised amount; absent: all of it; `isFinal` accepted and ignored (one capture per payment) | `CAPTURED` 9 / `COMPLETED`, `isCancellable` false, `isRefundable` true | `CaptureResponse` `id` `{number}_{n}`, `captureOutput.amountOfMoney` the captured amount | `payment.captured` |
//! | cancel | `isCancellable` (`PENDING_CAPTURE`) | `amountOfMoney`, when sent, must be the authorised amount and currency (no partial cancel) | `CANCELLED` 6 / `UNSUCCESSFUL`, all flags false | `CancelPaymentResponse` with the payment | `payment.cancelled` |
//! | refund | `isRefundable` (`CAPTURED`, or `REFUNDED` with something left) | `amountOfMoney.currencyCode` the payment's; `amount` 1 up to captured − refunded; several partial refunds allowed | `REFUNDED` 8 / `COMPLETED`, `isRefundable` while something is left | `RefundResponse` `id` `{number}_{n}`, `refundOutput.amountOfMoney` the refunded amount, the payment's `status` and `statusOutput` | `payment.refunded` (with `refund`) |
//!
//! `{n}` counts the payment's captures and refunds from 1.
//!
//! ## v2 hosted tokenization and tokens
//!
//! | operation | method and path | body | success |
//! |---|---|---|---|
//! | CreateHostedTokenization | `POST /v2/{merchantId}/hostedtokenizations` | `CreateHostedTokenizationRequest` | 200 `CreateHostedTokenizationResponse` |
//! | GetHostedTokenization | `GET /v2/{merchantId}/hostedtokenizations/{hostedTokenizationId}` | none | 200 `GetHostedTokenizationResponse` |
//! | GetToken | `GET /v2/{merchantId}/tokens/{tokenId}` | none | 200 `TokenResponse` |
//! | DeleteToken | `DELETE /v2/{merchantId}/tokens/{tokenId}` | none | 204, no body |
//!
//! All four are signed and checked like the payment operations. CreateHostedTokenization opens
//! a session: `hostedTokenizationId` is 32 lowercase hex digits counting from
//! `00000000000000000000000000000001`, `hostedTokenizationUrl` is
//! `{base}/v2/sandbox/tokenization/{hostedTokenizationId}` and `partialRedirectUrl` the same
//! without its scheme (`127.0.0.1:{port}/v2/sandbox/tokenization/...`: prefix `http://`).
//! Tokens named in the request's `tokens` (comma separated) that the sandbox does not know come
//! back in `invalidTokens`, those whose card expired before the current month (UTC) in
//! `expiredCardTokens`.
//!
//! The page (`GET`) is a form `id="card"` with the fields `cardNumber`, `expiryDate` (MMYY),
//! `cvv` and `cardholderName` and the button `id="store"`; a `POST` of those fields
//! (`application/x-www-form-urlencoded`) stores the card as a token and answers a page with
//! `<p id="result">stored</p>`. The card number must be 12 to 19 digits passing the Luhn check,
//! the expiry a month not yet past, `cvv` 3 or 4 digits when given, `cardholderName` at most
//! 51 characters; otherwise 400 with a page naming the field (never its value). A session takes
//! one card: the page of a completed or unknown session answers 404.
//!
//! Token ids count from `00000000-0000-4000-8000-000000000001`; only that spelling finds a
//! token. GetHostedTokenization answers `{}` while the page is not completed, then `token`
//! (`id`, `paymentProductId` by the card's range, `isTemporary` false, `card.alias` and
//! `card.data.cardWithoutCvv` with `cardNumber` masked to its last four digits, `expiryDate`,
//! `cardholderName`) and `tokenStatus` `CREATED`. GetToken answers the same `token`.
//! DeleteToken forgets it: a later GetToken, DeleteToken or payment naming it is 404
//! `UNKNOWN_TOKEN`.
//!
//! A CreatePayment with `cardPaymentMethodSpecificInput.token` (or `hostedTokenizationId` of a
//! completed session) and no `card` pays with the stored card: the test cards' outcomes above
//! apply (4000000000001091 asks for the challenge, 9902 declines). A session whose page is not
//! completed is 400 naming `hostedTokenizationId`.
//!
//! ## v2 hosted checkout
//!
//! | operation | method and path | body | success |
//! |---|---|---|---|
//! | CreateHostedCheckout | `POST /v2/{merchantId}/hostedcheckouts` | `CreateHostedCheckoutRequest` | 200 `CreateHostedCheckoutResponse` |
//! | GetHostedCheckout | `GET /v2/{merchantId}/hostedcheckouts/{hostedCheckoutId}` | none | 200 `GetHostedCheckoutResponse` |
//!
//! Both are signed and checked like the payment operations; a
//! `hostedCheckoutSpecificInput.returnUrl` must be an absolute `http`/`https` URL (400 naming
//! it). `hostedCheckoutId` counts from `4000000001` ([`V2_FIRST_HOSTED_CHECKOUT`]); only that
//! spelling finds a checkout (else 404 `UNKNOWN_HOSTED_CHECKOUT_ID`). `redirectUrl` is
//! `{base}/v2/sandbox/hostedcheckout/{hostedCheckoutId}`, `partialRedirectUrl` the same without
//! its scheme, `RETURNMAC` the lowercase hex SHA-256 of `PAYONE_API_SECRET`, `\0RETURNMAC\0` and
//! the id (the same in every run), `merchantReference` the order's when sent.
//!
//! The page (`GET`) shows the amount (`id="amount"`, `id="currency"`), a form `id="card"` with
//! the fields `cardNumber`, `expiryDate` (MMYY) and `cvv` and the button `id="pay"`, and a form
//! with the button `id="cancel"` (`POST .../cancel`). Paying checks the card (12 to 19 digits
//! passing the Luhn check, a month 01 to 12, `cvv` 3 or 4 digits; else 400 with a page naming
//! the field, never its value) and creates a payment: amount 9902 ([`V2_AMOUNT_DECLINED`]) makes
//! it `REJECTED` (webhook `payment.rejected`), anything else `PENDING_CAPTURE` (webhook
//! `payment.pending_capture`); the page stands for the authentication, so no card asks for a
//! challenge and no `threeDSecureResults` are given. With `isRecurring: true` the card stays on
//! file for SubsequentPayment. Paying or cancelling redirects `303` to the `returnUrl` with
//! `hostedCheckoutId` and `RETURNMAC` appended to its query (without a `returnUrl`: a page with
//! `<p id="result">paid</p>` or `cancelled</p>`). A checkout is paid or cancelled once; then its
//! page answers 404.
//!
//! GetHostedCheckout answers `status` `IN_PROGRESS` until then, `CANCELLED_BY_CONSUMER` after
//! "Cancel", and `PAYMENT_CREATED` with `createdPaymentOutput` (`payment` as GetPayment answers
//! it, `paymentStatusCategory` its `statusCategory`) after "Pay".
//!
//! ## v2 GetPayment, SubsequentPayment, CompletePayment
//!
//! | operation | method and path | body | success |
//! |---|---|---|---|
//! | GetPayment | `GET /v2/{merchantId}/payments/{paymentId}` | none | 200 `PaymentResponse` (as GetPaymentDetails) |
//! | SubsequentPayment | `POST .../payments/{paymentId}/subsequent` | `SubsequentPaymentRequest` | 201 `SubsequentPaymentResponse` |
//! | CompletePayment | `POST .../payments/{paymentId}/complete` | `CompletePaymentRequest` | never: 409 |
//!
//! SubsequentPayment charges the card of the payment `{paymentId}` again: that payment must
//! have been authorised (`PENDING_CAPTURE`, `CAPTURED`, `REFUNDED` or `CANCELLED`, else 409
//! `ACTION_NOT_ALLOWED_IN_STATUS`) and its card must be on file, i.e. paid with a `token`, a
//! `hostedTokenizationId` or a hosted checkout with `isRecurring: true` (else 409 saying so). The
//! new payment has its own id, the order's amount, currency and references, the first payment's
//! card and product: `PENDING_CAPTURE` (webhook `payment.pending_capture`), or for amount 9902
//! `REJECTED` with 402 `AUTHORIZATION_DECLINED` and `paymentResult` (webhook
//! `payment.rejected`). It may be captured, cancelled and refunded like any other, and be the
//! first of further subsequent payments.
//!
//! CompletePayment checks the body and the payment (404 for an unknown one); no payment of the
//! sandbox ever waits for completion (the SDKs document no status that does), so a known one
//! is 409 `ACTION_NOT_ALLOWED_IN_STATUS`.
//! ## v2 captures and refunds listed, CreateToken
//!
//! | operation | method and path | body | success |
//! |---|---|---|---|
//! | GetCaptures | `GET /v2/{merchantId}/payments/{paymentId}/captures` | none | 200 `CapturesResponse` |
//! | GetRefunds | `GET /v2/{merchantId}/payments/{paymentId}/refunds` | none | 200 `RefundsResponse` |
//! | CreateToken | `POST /v2/{merchantId}/tokens` | `CreateTokenRequest` | 201 `CreatedTokenResponse`; 200 for a card number stored already |
//!
//! GetCaptures and GetRefunds list the answers CapturePayment and RefundPayment gave for that
//! payment, oldest first (`captures: []` / `refunds: []` when there are none); an unknown payment
//! is 404 `UNKNOWN_PAYMENT_ID`. They are kept as long as the payment is.
//!
//! CreateToken needs `card.data.card` (else 400 `PARAMETER_NOT_FOUND_IN_REQUEST` naming it)
//! and checks the card as the tokenization page does (400 naming
//! `card.data.card.cardNumber`, `.expiryDate`, `.cvv` or `.cardholderName`, never the value).
//! A card number without a token gets a new one (ids as above): `isNewToken` true,
//! `tokenStatus` `CREATED`, HTTP 201. A card number that has a token already (from CreateToken
//! or the tokenization page) answers that token as it is, its stored data unchanged:
//! `isNewToken` false, `tokenStatus` `UNCHANGED`, HTTP 200. `card` is the stored card masked
//! as GetToken shows it; `paymentProductId`, when sent, is kept with the token, else the card's
//! range decides. The token pays in CreatePayment like any other.
//!
//! ## v2 payment products, sessions and services
//!
//! | operation | method and path | body | success |
//! |---|---|---|---|
//! | GetPaymentProducts | `GET /v2/{merchantId}/products?countryCode=..&currencyCode=..&amount=..&isRecurring=..&hide=..&locale=..` | none | 200 `GetPaymentProductsResponse` |
//! | GetPaymentProduct | `GET /v2/{merchantId}/products/{paymentProductId}?...` (the same query) | none | 200 `PaymentProduct` |
//! | CreateSession | `POST /v2/{merchantId}/sessions` | `SessionRequest` | 200 `SessionResponse` |
//! | TestConnection | `GET /v2/{merchantId}/services/testconnection` | none | 200 `{"result":"OK"}` |
//! | GetIINDetails | `POST /v2/{merchantId}/services/getIINdetails` | `GetIinDetailsRequest` | 200 `GetIinDetailsResponse` |
//!
//! The query parameters are checked with the table's `PaymentProductsQuery` (400 naming the
//! parameter: `amount=ten`, `isRecurring=yes`, `hide[0]` for an unknown `hide` value,
//! `countryCode` not ISO 3166-1 alpha-2). The catalogue is fixed, in this display order (ids
//! as "Credit and debit Card Payments",
//! <https://docs.payone.com/pcp/commerce-platform-payment-methods/credit-and-debit-card-payments>,
//! gives them):
//!
//! | `id` | `displayHints.label` | `logo` | `allowsRecurring` | `cvv` length |
//! |---|---|---|---|---|
//! | 1 | Visa | `sandbox/logos/1.svg` | true | 3 |
//! | 3 | Mastercard | `sandbox/logos/3.svg` | true | 3 |
//! | 2 | American Express | `sandbox/logos/2.svg` | true | 4 |
//! | 125 | JCB | `sandbox/logos/125.svg` | false | 3 |
//!
//! Every product has `paymentMethod` `card`, `paymentProductGroup` `cards`,
//! `allowsAuthentication` and `allowsTokenization` true, `usesRedirectionTo3rdParty` false,
//! `displayHints.displayOrder` its row, and the `fields` of CreatePayment's `card`, each with
//! `id`, `type`, `dataRestrictions` (`isRequired`, `validators.length`) and `displayHints`
//! (`displayOrder`, `label`, `mask`, `obfuscate`, `alwaysShow`, `preferredInputType`):
//! `cardNumber` (`numericstring`, required, 12 to 19), `expiryDate` (`expirydate`, required, 4,
//! mask `{{99}}/{{99}}`), `cvv` (`numericstring`, required, the length above, obfuscated),
//! `cardholderName` (`string`, optional, 1 to 51). The query filters: `isRecurring=true` leaves
//! out the products without recurring payments (JCB); `hide=fields` leaves out `fields`,
//! `hide=translations` the labels; `countryCode`, `currencyCode`, `amount`, `locale` and the
//! other `hide` values are checked but leave every product in. GetPaymentProduct answers one
//! row as the list does; an id not in the list for that query (not in the catalogue, `01`,
//! JCB with `isRecurring=true`) is 404 `UNKNOWN_PAYMENT_PRODUCT_ID`.
//!
//! CreateSession answers `clientSessionId` (32 lowercase hex digits counting from
//! `...0001`), `customerId` `sandbox-customer-{n}`, `clientApiUrl` `{base}/v2/sandbox/client`
//! and `assetUrl` `{base}/v2/sandbox/assets` (the sandbox serves no client API and no assets
//! there), and `invalidTokens`: the request's `tokens` that name no stored token. Nothing is
//! kept but the counter.
//!
//! GetIINDetails takes `bin`, 6 to 19 digits (else 400 naming `bin`), and answers by the
//! number range (the ranges of CreatePayment above: 4 Visa 1, 51-55 and 2221-2720 Mastercard 3,
//! 34 and 37 American Express 2, 3528-3589 JCB 125) `paymentProductId`, `countryCode` `99`
//! (the platform's value for an issuer country it does not know) and, when the request has a
//! `paymentContext`, `isAllowedInContext`: whether the catalogue offers the product for that
//! payment (false for JCB with `isRecurring` true). The sandbox knows no co-branded card:
//! `coBrands` is never sent. A BIN of no range above is 404 `UNKNOWN_PAYMENT_PRODUCT_ID`.
//!
//! ## v2 SEPA Direct Debit mandates
//!
//! | operation | method and path | body | success |
//! |---|---|---|---|
//! | CreateMandate | `POST /v2/{merchantId}/mandates` | `CreateMandateRequest` | 201 `CreateMandateResponse` |
//! | GetMandate | `GET /v2/{merchantId}/mandates/{uniqueMandateReference}` | none | 200 `GetMandateResponse` |
//! | BlockMandate | `POST /v2/{merchantId}/mandates/{uniqueMandateReference}/block` | none (any is ignored) | 200 `GetMandateResponse` |
//! | UnblockMandate | `POST /v2/{merchantId}/mandates/{uniqueMandateReference}/unblock` | none (any is ignored) | 200 `GetMandateResponse` |
//! | RevokeMandate | `POST /v2/{merchantId}/mandates/{uniqueMandateReference}/revoke` | none (any is ignored) | 200 `GetMandateResponse` |
//!
//! CreateMandate checks the body with the table (`customer.bankAccountIban.iban` must be 15 to
//! 34 characters with valid ISO 13616 check digits: else 400 `INVALID_VALUE` naming
//! `customer.bankAccountIban.iban`, never the value) and needs `customerReference` and, unless
//! `signatureType` is `AIS`, the IBAN (else 400 `PARAMETER_NOT_FOUND_IN_REQUEST` naming each).
//! The sandbox has no signing page: every mandate is `ACTIVE` at once, whatever
//! `signatureType`, and `merchantAction` is never sent. `uniqueMandateReference` is the
//! request's or, without one, a counter: `SBXMANDATE0000000001` ([`V2_FIRST_MANDATE`]),
//! `SBXMANDATE0000000002`, ...; a reference that is taken is 409
//! `ACTION_NOT_ALLOWED_IN_STATUS`. The answer's `mandate` repeats the request's `customer`,
//! `customerReference` and `recurrenceType`, with `status` and `alias` (the request's, else
//! the IBAN with all but its first four and last four characters replaced by `*`). Test IBAN:
//! `DE46720200700359736690` (valid check digits); `DE00720200700359736690` is refused.
//!
//! | `status` now | BlockMandate | UnblockMandate | RevokeMandate |
//! |---|---|---|---|
//! | `ACTIVE` | `BLOCKED` | 409 | `REVOKED` |
//! | `BLOCKED` | 409 | `ACTIVE` | `REVOKED` |
//! | `REVOKED` | 409 | 409 (`a revoked mandate cannot be unblocked`) | 409 |
//!
//! Each 409 is `ACTION_NOT_ALLOWED_IN_STATUS` whose message names the status and why. A
//! reference of no stored mandate is 404 `UNKNOWN_MANDATE_REFERENCE`. The status values are
//! those the Worldline Connect SDK lists for the same operations (the platform's SDKs give the
//! status as free text).
//!
//! ## v2 payment links
//!
//! | operation | method and path | body | success |
//! |---|---|---|---|
//! | CreatePaymentLink | `POST /v2/{merchantId}/paymentlinks` | `CreatePaymentLinkRequest` | 201 `PaymentLinkResponse` |
//! | GetPaymentLink | `GET /v2/{merchantId}/paymentlinks/{paymentLinkId}` | none | 200 `PaymentLinkResponse` |
//! | CancelPaymentLink | `POST /v2/{merchantId}/paymentlinks/{paymentLinkId}/cancel` | none (any is ignored) | 204, no body |
//!
//! CreatePaymentLink checks the body with the table (`order.amountOfMoney` is needed: else 400
//! `PARAMETER_NOT_FOUND_IN_REQUEST` naming it). `paymentLinkId` counts from `5000000001`
//! ([`V2_FIRST_PAYMENT_LINK`]); only that spelling finds it. The answer: `status` `ACTIVE`,
//! `redirectionUrl` `{base}/v2/sandbox/paymentlink/{paymentLinkId}`, `isReusableLink` (false
//! when not sent), `paymentLinkOrder` (`amount`, and `merchantReference` from
//! `order.references`), `expirationDate` and `recipientName` as sent in
//! `paymentLinkSpecificInput`, `paymentLinkEvents` (`type` `CREATED`, `PAID`, `CANCELLED` with
//! their `dateTime`), and `paymentId` once a payment was made through the link. The sandbox never
//! lets a link expire (`EXPIRED` is never answered).
//!
//! The page of an `ACTIVE` link shows the amount (`id="amount"`, `id="currency"`) and a card
//! form (`id="card"`, fields `cardNumber`, `expiryDate`, `cvv`, button `id="pay"`), checked as
//! the hosted checkout page checks them (400 naming the field, never its value). Paying creates a
//! payment like the hosted checkout's (amount 9902 is declined, any other card is
//! `PENDING_CAPTURE`; webhook as CreatePayment) and shows `<p id="result">paid</p>` (or
//! `declined`). A paid link becomes `PAID` unless `isReusableLink` is true, which keeps it
//! `ACTIVE` with `paymentId` the last payment; a declined payment leaves it `ACTIVE`. The page of
//! a link that is not `ACTIVE` (or unknown) is 404.
//!
//! CancelPaymentLink makes an `ACTIVE` link `CANCELLED` (204). A `PAID` link is 409
//! `ACTION_NOT_ALLOWED_IN_STATUS` (`a paid payment link cannot be cancelled`), a `CANCELLED` one
//! 409 too; an unknown id is 404 `UNKNOWN_PAYMENT_LINK_ID`.
//!
//! ## v2 errors
//!
//! Every non-2xx answer is an `ErrorResponse`: `errorId` (UUID-shaped, counting) and
//! `errors[]` with `code`, `id`, `category`, `httpStatusCode`, `message` and, for field
//! errors, `propertyName`. The codes are the sandbox's own except 9002, 9007 and the decline's
//! 30511001, which follow the platform's.
//!
//! | HTTP | `code` | `id` | `category` | when |
//! |---|---|---|---|---|
//! | 400 | `1000` | `INVALID_JSON` | `PAYMENT_PLATFORM_ERROR` | body not JSON (or above 2 MiB) |
//! | 400 | `1001` | `PARAMETER_NOT_FOUND_IN_REQUEST` | `PAYMENT_PLATFORM_ERROR` | a required member is missing (one error per member) |
//! | 400 | `1002` | `INVALID_VALUE` | `PAYMENT_PLATFORM_ERROR` | a member breaks its format or the operation's rules (one error per member) |
//! | 401 | `9002` | `MISSING_OR_INVALID_AUTHORIZATION` | `DIRECT_PLATFORM_ERROR` | `Authorization` or `Date` missing or malformed, another API key, signature mismatch |
//! | 402 | `30511001` | `AUTHORIZATION_DECLINED` | `PAYMENT_PLATFORM_ERROR` | amount 9902; with `paymentResult` |
//! | 403 | `9007` | `ACCESS_TO_MERCHANT_NOT_ALLOWED` | `DIRECT_PLATFORM_ERROR` | the path names another merchant |
//! | 404 | `1003` | `UNKNOWN_PAYMENT_ID` | `PAYMENT_PLATFORM_ERROR` | no such payment |
//! | 404 | `1005` | `UNKNOWN_TOKEN` | `PAYMENT_PLATFORM_ERROR` | GetToken, DeleteToken or a CreatePayment `token` naming no stored token |
//! | 404 | `1006` | `UNKNOWN_HOSTED_TOKENIZATION_ID` | `PAYMENT_PLATFORM_ERROR` | GetHostedTokenization or a CreatePayment `hostedTokenizationId` naming no session |
//! | 404 | `1007` | `UNKNOWN_HOSTED_CHECKOUT_ID` | `PAYMENT_PLATFORM_ERROR` | GetHostedCheckout naming no hosted checkout |
//! | 404 | `1010` | `UNKNOWN_PAYMENT_PRODUCT_ID` | `PAYMENT_PLATFORM_ERROR` | GetPaymentProduct naming no product for that query, GetIINDetails with a BIN of no known product |
//! | 404 | `1011` | `UNKNOWN_MANDATE_REFERENCE` | `PAYMENT_PLATFORM_ERROR` | GetMandate, BlockMandate, UnblockMandate or RevokeMandate naming no stored mandate |
//! | 404 | `1012` | `UNKNOWN_PAYMENT_LINK_ID` | `PAYMENT_PLATFORM_ERROR` | GetPaymentLink or CancelPaymentLink naming no stored payment link |
//! | 409 | `1004` | `ACTION_NOT_ALLOWED_IN_STATUS` | `PAYMENT_PLATFORM_ERROR` | the payment's (mandate's, payment link's) status does not allow the operation; a CreateMandate whose `uniqueMandateReference` is taken |
//! | 500 | `9998` | `INTERNAL_ERROR` | `IO_ERROR` | the sandbox built an answer its own types refuse (a bug; not expected) |
//! | 500 | `9999` | `SANDBOX_FAULT` | `IO_ERROR` | an injected status (see [Faults](#faults)); HTTP status and `httpStatusCode` are the injected one |
//!
//! ## Webhooks
//!
//! With [`Config::webhook_url`] set (`payone sandbox --webhook-url URL`), every event above is
//! POSTed there as `application/json`: a `WebhooksEvent` with `apiVersion` `v1`, `id`
//! (UUID-shaped, counting), `created` (RFC 3339, UTC), `merchantId`, `type`, `payment` (as
//! GetPaymentDetails would answer right after the event) and, for `payment.refunded`,
//! `refund`. Headers: `X-GCS-Signature` = base64 HMAC-SHA256 of the raw body under
//! `PAYONE_WEBHOOK_SECRET` and `X-GCS-KeyId` = `PAYONE_WEBHOOK_KEY_ID`
//! (`payone_types::gcs::verify_webhook` checks them). A delivery counts with any 2xx answer;
//! anything else, a connection error or no answer within 10 s is retried every
//! `notify_retry` up to `notify_max_attempts` attempts (the notifications' settings). One
//! payment's webhooks arrive one after the other, in order. [`Sandbox::webhooks`] logs each
//! with its body, attempts and [`Delivery`] state ([`Delivery::NotSent`] without a URL).
//!
//! v2 requests are counted per operation in `GET /sandbox/requests` as `v2.create_payment`,
//! `v2.get_payment_details`, `v2.capture_payment`, `v2.cancel_payment`, `v2.refund_payment`,
//! `v2.create_hosted_tokenization`, `v2.get_hosted_tokenization`, `v2.get_token`,
//! `v2.delete_token`, `v2.get_payment`, `v2.complete_payment`, `v2.subsequent_payment`,
//! `v2.create_hosted_checkout`, `v2.get_hosted_checkout`, `v2.get_captures`, `v2.get_refunds`,
//! `v2.create_token`, `v2.get_payment_products`, `v2.get_payment_product`, `v2.create_session`,
//! `v2.test_connection`, `v2.get_iin_details`, `v2.create_mandate`, `v2.get_mandate`,
//! `v2.block_mandate`, `v2.unblock_mandate`, `v2.revoke_mandate`, `v2.create_payment_link`,
//! `v2.get_payment_link`, `v2.cancel_payment_link`
//! (refused and faulted ones too); the challenge, tokenization and checkout pages are not
//! counted, nor is the payment link page.
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
//! Faults apply only to `/post-gateway/`, `/client-api/` and the thirty v2 operations (DirectLink
//! has its own slow mode, see [above](#slow-mode-and-counters)): per request, first `latency`,
//! then if `drop_next > 0` the connection is closed without any answer (and `drop_next` counts
//! down), else if a status count is left the answer is that HTTP status (counting down) with
//! an empty body, or for v2 an `ErrorResponse` `SANDBOX_FAULT` (see [v2
//! errors](#v2-errors)). A faulted or dropped v2 request changes nothing: a dropped create
//! records no payment. Set them with [`Config::faults`], [`Sandbox::set_faults`] or
//! `POST /sandbox/faults` with the form fields `latency_ms`, `drop_next`, `status`,
//! `status_count`, `directlink_order_delay_ms` (the form replaces all faults; absent fields are
//! 0 or none; `status` alone counts 1). `GET /sandbox/faults` (and the POST's answer) shows
//! them as lines `latency_ms=`, `drop_next=`, `status=`, `status_count=`,
//! `directlink_order_delay_ms=`. Server API and v2 requests are counted
//! for `/sandbox/requests` before faults apply, so a dropped request counts.
//!
//! Every wait is bounded: connections that send no request head within 30 s are closed,
//! notifications and webhooks stop after their attempts, and [`Sandbox::shutdown`] aborts open
//! connections and deliveries.
//!
//! # Memory
//!
//! A sandbox can run for as long as a load test wants: what it remembers is capped by
//! [`Config::max_transactions`] (default [`DEFAULT_MAX_TRANSACTIONS`], 100000), once per kind
//! of record. When a kind is full, the oldest record is forgotten to make room for the new one
//! (the order records were made in, whatever was done to them since), and anything naming it
//! gets the answer an unknown one gets. [`Sandbox::stored`] tells how many of each are kept.
//!
//! | record | kept at most | naming a forgotten one |
//! |---|---|---|
//! | `transactions` (Server API, Frontend "Pay") | `max_transactions` | capture / refund / debit: 910 `no such transaction`; 3-D Secure page: 404. Its `reference` may be used again (no 911); a `customerid` whose transactions are all forgotten gets a new `userid` (issued `userid`s stay valid) |
//! | `mandates` (SEPA direct debit) | `max_transactions` | a payment naming it: 1 `no such mandate`; getfile: 1 `no such mandate`; managemandate for its account creates a new pending one |
//! | `checkouts` (Frontend pages not yet paid or cancelled) | `max_transactions` | "Pay" / "Cancel": 400 `token: unknown or already used` |
//! | `threeds_authentications` (3dscheck `ENROLLED`) | `max_transactions` | the access control server's pages: 404; a payment naming its `xid`: 1 naming `xid` |
//! | `directlink_orders` | `max_transactions` | maintenance and query: 50001130; its `ORDERID` is no longer a duplicate (no 50001113); 3-D Secure page: 404 |
//! | `v2_payments` | `max_transactions` | 404 `UNKNOWN_PAYMENT_ID`; 3-D Secure page: 404 |
//! | `v2_hosted_tokenizations` | `max_transactions` | 404 `UNKNOWN_HOSTED_TOKENIZATION_ID`; tokenization page: 404 |
//! | `v2_tokens` | `max_transactions` | 404 `UNKNOWN_TOKEN` |
//! | `v2_hosted_checkouts` | `max_transactions` | 404 `UNKNOWN_HOSTED_CHECKOUT_ID`; checkout page: 404 |
//! | `v2_mandates` | `max_transactions` | 404 `UNKNOWN_MANDATE_REFERENCE`; its `uniqueMandateReference` may be used again |
//! | `v2_payment_links` | `max_transactions` | 404 `UNKNOWN_PAYMENT_LINK_ID`; payment link page: 404 |
//! | the captures and refunds GetCaptures and GetRefunds list (not in [`Sandbox::stored`]) | those of `max_transactions` payments | the payment is forgotten with them: 404 `UNKNOWN_PAYMENT_ID` |
//! | `notifications` ([`Sandbox::notifications`]) | `max_transactions` | not listed any more |
//! | `webhooks` ([`Sandbox::webhooks`]) | `max_transactions` | not listed any more |
//!
//! The notification and webhook logs forget messages whose delivery has ended (confirmed,
//! given up, or not sent without a URL) before any still being delivered. Only when every
//! kept message is still being delivered does the oldest of them go: its delivery stops where
//! it stands, and the sandbox logs a warning (`log full of undelivered messages`). With a
//! receiver that answers, this needs `max_transactions` messages waiting at once.
//!
//! The request counters of `GET /sandbox/requests` ([`Sandbox::requests`]) are bounded by
//! what the sandbox serves: Server API requests are counted under their `request` when the
//! tables know it and every other value under the one counter `unknown`: counting happens
//! before the key is checked, so anyone can send anything. DirectLink pages and v2 operations
//! have fixed names; other paths are not counted.

mod acs;
mod answer;
mod app;
mod auth;
mod card;
mod checks;
mod client_api;
mod config;
mod directlink;
mod faults;
mod financing;
mod form;
mod frontend;
mod gate;
mod generic;
mod html;
mod iban;
mod inspect;
mod management;
mod mandates;
mod money;
mod notify;
mod outbox;
mod payments;
mod pdf;
mod provider;
mod redirect;
mod refusal;
mod server;
mod server_api;
mod state;
mod tables;
mod threeds;
mod threeds_check;
mod transfers;
mod v2;

pub use checks::{LASTNAME_SCORE_RED, LASTNAME_SCORE_YELLOW, ZIP_ADDRESS_INVALID};
pub use config::{
    Accounts, Config, ConfigError, DEFAULT_AID, DEFAULT_API_KEY, DEFAULT_API_SECRET, DEFAULT_KEY,
    DEFAULT_MAX_TRANSACTIONS, DEFAULT_MERCHANT_ID, DEFAULT_MID, DEFAULT_PORTALID, DEFAULT_PSPID,
    DEFAULT_PSWD, DEFAULT_SHA_ALGO, DEFAULT_SHA_IN, DEFAULT_SHA_OUT, DEFAULT_USERID,
    DEFAULT_WEBHOOK_KEY_ID, DEFAULT_WEBHOOK_SECRET, DirectLinkAccount, DirectLinkPassword, Faults,
    V2Account,
};
pub use directlink::store::FIRST_PAYID;
pub use directlink::{
    AMOUNT_REFUSED as DIRECTLINK_AMOUNT_REFUSED, AMOUNT_WAITING as DIRECTLINK_AMOUNT_WAITING,
    CARD_3DS as DIRECTLINK_CARD_3DS,
};
pub use financing::LASTNAME_RISK_DECLINED;
pub use mandates::{CREDITOR_IDENTIFIER, IBAN_MANDATE_DECLINED};
pub use notify::{Delivery, SentNotification};
pub use payments::{AMOUNT_3DS, AMOUNT_DECLINE, AMOUNT_PENDING};
pub use server::{Sandbox, Stored, start};
pub use threeds_check::{CARD_3DS_ENROLLED, CARD_3DS_INVALID};
pub use transfers::{COLLECTION_IBAN, TransferError};
pub use v2::hosted_checkout::FIRST_CHECKOUT as V2_FIRST_HOSTED_CHECKOUT;
pub use v2::mandates::FIRST_MANDATE as V2_FIRST_MANDATE;
pub use v2::payment_links::FIRST_PAYMENT_LINK as V2_FIRST_PAYMENT_LINK;
pub use v2::store::FIRST_PAYMENT as V2_FIRST_PAYMENT;
pub use v2::webhooks::SentWebhook;
pub use v2::{
    AMOUNT_DECLINED as V2_AMOUNT_DECLINED, CARD_CHALLENGE as V2_CARD_CHALLENGE,
    CARD_FRICTIONLESS as V2_CARD_FRICTIONLESS, CARD_NO_3DS as V2_CARD_NO_3DS,
};
