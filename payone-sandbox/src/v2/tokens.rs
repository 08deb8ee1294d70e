//! Hosted tokenization and tokens: `POST /v2/{merchantId}/hostedtokenizations` opens a
//! session whose page (`/v2/sandbox/tokenization/{hostedTokenizationId}`) takes a test card by
//! form POST and stores it as a token; `GET .../hostedtokenizations/{id}` answers that token,
//! `GET` and `DELETE /v2/{merchantId}/tokens/{tokenId}` read and delete it, and a CreatePayment
//! naming the token (or the session) pays with its card. Identifiers come from counters, so a
//! run is reproducible; both stores keep at most `cap` entries, the oldest forgotten first.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use payone_types::generated::v2::{
    CardExpiry, CardWithoutCvv, CardholderName, CreateHostedTokenizationRequest,
    CreateHostedTokenizationResponse, CreateTokenRequest, CreatedTokenResponse, ExpiredCardToken,
    GetHostedTokenizationResponse, HostedTokenizationId, HostedTokenizationUrl, InvalidToken,
    MaskedCardNumber, PartialRedirectUrl, PaymentProductId, TokenAlias, TokenCard, TokenCardData,
    TokenId, TokenResponse, TokenStatus,
};

use payone_types::rule::Rule;

use super::card_form::{self, CARD_INPUTS, expiry_month, this_month};
use super::errors::{Kind, V2Error};
use super::wire::{self, CardInput};
use super::{Signed, V2};
use crate::app::App;
use crate::html::{escape, page, refused};

/// The number of the first token; its id is `00000000-0000-4000-8000-000000000001`.
pub const FIRST_TOKEN: u64 = 1;
/// The number of the first hosted tokenization session; its id is 32 lowercase hex digits
/// (`00000000000000000000000000000001`).
pub const FIRST_SESSION: u64 = 1;

const TOKEN_PREFIX: &str = "00000000-0000-4000-8000-";

/// The card of a token, as the customer entered it on the page. `Debug` shows no card data.
#[derive(Clone)]
pub(crate) struct StoredCard {
    number: String,
    expiry: String,
    holder: Option<String>,
}

impl fmt::Debug for StoredCard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StoredCard").finish_non_exhaustive()
    }
}

/// One stored token.
#[derive(Clone, Debug)]
pub(crate) struct Token {
    card: StoredCard,
    product_id: Option<PaymentProductId>,
}

/// One hosted tokenization session: the token its page stored, once the customer sent it.
#[derive(Clone, Debug, Default)]
pub(crate) struct Session {
    token: Option<u64>,
}

/// The sessions and tokens kept: at most `cap` of each.
#[derive(Debug)]
pub(crate) struct Tokens {
    cap: usize,
    next_session: u64,
    sessions: BTreeMap<u64, Session>,
    next_token: u64,
    tokens: BTreeMap<u64, Token>,
}

impl Tokens {
    /// Nothing yet; at most `cap` (at least 1) sessions and as many tokens will be kept.
    pub(crate) fn new(cap: usize) -> Self {
        Tokens {
            cap: cap.max(1),
            next_session: FIRST_SESSION,
            sessions: BTreeMap::new(),
            next_token: FIRST_TOKEN,
            tokens: BTreeMap::new(),
        }
    }

    /// `(sessions, tokens)` kept now.
    pub(crate) fn len(&self) -> (usize, usize) {
        (self.sessions.len(), self.tokens.len())
    }

    fn open_session(&mut self) -> String {
        while self.sessions.len() >= self.cap {
            self.sessions.pop_first();
        }
        let n = self.next_session;
        self.next_session += 1;
        self.sessions.insert(n, Session::default());
        session_id(n)
    }

    fn store_token(&mut self, token: Token) -> u64 {
        while self.tokens.len() >= self.cap {
            self.tokens.pop_first();
        }
        let n = self.next_token;
        self.next_token += 1;
        self.tokens.insert(n, token);
        n
    }

    /// Whether `id` names a stored token.
    pub(crate) fn knows(&self, id: &str) -> bool {
        self.token(id).is_some()
    }

    /// The token of the card with this number, if one is stored.
    fn token_of_number(&self, number: &str) -> Option<u64> {
        self.tokens
            .iter()
            .find(|(_, token)| token.card.number == number)
            .map(|(n, _)| *n)
    }

    fn session_mut(&mut self, id: &str) -> Option<&mut Session> {
        self.sessions.get_mut(&session_number(id)?)
    }

    fn token(&self, id: &str) -> Option<&Token> {
        self.tokens.get(&token_number(id)?)
    }

    /// The card a CreatePayment names by `token` or `hostedTokenizationId`.
    pub(crate) fn card_for(
        &mut self,
        token: Option<&str>,
        hosted_tokenization_id: Option<&str>,
    ) -> Result<Option<CardInput>, V2Error> {
        let number = match (token, hosted_tokenization_id) {
            (Some(token), _) => token_number(token)
                .filter(|n| self.tokens.contains_key(n))
                .ok_or_else(unknown_token)?,
            (None, Some(id)) => self
                .session_mut(id)
                .ok_or_else(unknown_session)?
                .token
                .ok_or_else(|| {
                    V2Error::member(
                        "hostedTokenizationId",
                        "the customer has not completed the tokenization page",
                    )
                })?,
            (None, None) => return Ok(None),
        };
        let token = self.tokens.get(&number).ok_or_else(unknown_token)?;
        Ok(Some(CardInput {
            number: token.card.number.clone(),
            expiry: token.card.expiry.clone(),
        }))
    }
}

/// `00000000-0000-4000-8000-000000000001`.
pub(crate) fn token_id(n: u64) -> String {
    format!("{TOKEN_PREFIX}{n:012}")
}

/// `00000000000000000000000000000001`.
pub(crate) fn session_id(n: u64) -> String {
    format!("{n:032x}")
}

/// Only the canonical spelling names a token.
fn token_number(id: &str) -> Option<u64> {
    let digits = id.strip_prefix(TOKEN_PREFIX)?;
    if digits.len() != 12 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Only the canonical spelling (32 lowercase hex digits) names a session.
fn session_number(id: &str) -> Option<u64> {
    if id.len() != 32 || !id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return None;
    }
    u64::from_str_radix(id, 16).ok()
}

/// 404: no token has that id.
fn unknown_token() -> V2Error {
    V2Error::new(Kind::UnknownToken, "no token with this id")
}

/// 404: no hosted tokenization session has that id.
fn unknown_session() -> V2Error {
    V2Error::new(
        Kind::UnknownHostedTokenization,
        "no hosted tokenization with this id",
    )
}

fn internal(what: impl fmt::Display) -> V2Error {
    V2Error::new(
        Kind::Internal,
        format!("the sandbox built an invalid answer: {what}"),
    )
}

/// `TokenResponse` of token `n`: the card masked to its last four digits.
fn token_response(n: u64, token: &Token) -> Result<TokenResponse, V2Error> {
    let card = &token.card;
    let shown = card.number.len().saturating_sub(4);
    let masked = format!("{}{}", "*".repeat(shown), &card.number[shown..]);
    let mut data = CardWithoutCvv::new()
        .with_card_number(MaskedCardNumber::try_new(masked.clone()).map_err(internal)?)
        .with_expiry_date(CardExpiry::try_new(card.expiry.clone()).map_err(internal)?);
    if let Some(holder) = &card.holder {
        data =
            data.with_cardholder_name(CardholderName::try_new(holder.clone()).map_err(internal)?);
    }
    let mut answer = TokenResponse::new()
        .with_id(TokenId::try_new(token_id(n)).map_err(internal)?)
        .with_is_temporary(false)
        .with_card(
            TokenCard::new()
                .with_alias(TokenAlias::try_new(masked).map_err(internal)?)
                .with_data(TokenCardData::new().with_card_without_cvv(data)),
        );
    if let Some(product) = token.product_id {
        answer = answer.with_payment_product_id(product);
    }
    Ok(answer)
}

/// `POST /v2/{merchantId}/hostedtokenizations`.
pub(crate) async fn create(State(app): State<Arc<App>>, signed: Signed) -> Response {
    app.v2
        .answer(create_session(&app, &signed.body, &signed.headers))
}

fn create_session(
    app: &App,
    body: &[u8],
    headers: &HeaderMap,
) -> Result<(StatusCode, CreateHostedTokenizationResponse), V2Error> {
    let request: CreateHostedTokenizationRequest = wire::read(body)?;
    let url_base = app.public_base(headers);
    let mut tokens = app.v2.tokens();
    let (mut expired, mut invalid) = (Vec::new(), Vec::new());
    if let Some(offered) = request.tokens() {
        let this_month = this_month();
        for id in offered.as_str().split(',').map(str::trim) {
            match tokens.token(id) {
                None if !id.is_empty() => {
                    invalid.push(InvalidToken::try_new(id.to_owned()).map_err(internal)?)
                }
                Some(token) if expiry_month(&token.card.expiry).is_some_and(|m| m < this_month) => {
                    expired.push(ExpiredCardToken::try_new(id.to_owned()).map_err(internal)?)
                }
                _ => {}
            }
        }
    }
    let id = tokens.open_session();
    drop(tokens);
    let url = format!("{url_base}/v2/sandbox/tokenization/{id}");
    let partial = url.split_once("://").map_or(url.as_str(), |(_, rest)| rest);
    let mut answer = CreateHostedTokenizationResponse::new()
        .with_hosted_tokenization_id(HostedTokenizationId::try_new(id).map_err(internal)?)
        .with_hosted_tokenization_url(
            HostedTokenizationUrl::try_new(url.clone()).map_err(internal)?,
        )
        .with_partial_redirect_url(
            PartialRedirectUrl::try_new(partial.to_owned()).map_err(internal)?,
        );
    if !expired.is_empty() {
        answer = answer.with_expired_card_tokens(expired);
    }
    if !invalid.is_empty() {
        answer = answer.with_invalid_tokens(invalid);
    }
    Ok((StatusCode::OK, answer))
}

/// `GET /v2/{merchantId}/hostedtokenizations/{hostedTokenizationId}`.
pub(crate) async fn get_session(
    State(app): State<Arc<App>>,
    Path((_, id)): Path<(String, String)>,
    _signed: Signed,
) -> Response {
    let result = (|| {
        let mut tokens = app.v2.tokens();
        let session = tokens.session_mut(&id).ok_or_else(unknown_session)?;
        let mut answer = GetHostedTokenizationResponse::new();
        if let Some(n) = session.token
            && let Some(token) = tokens.tokens.get(&n)
        {
            answer = answer
                .with_token(token_response(n, token)?)
                .with_token_status(TokenStatus::Created);
        }
        Ok((StatusCode::OK, answer))
    })();
    app.v2.answer(result)
}

/// `POST /v2/{merchantId}/tokens` (CreateToken): stores the card as a token, 201 with
/// `isNewToken` true; a card number that has a token already answers that token unchanged,
/// 200 with `isNewToken` false.
pub(crate) async fn create_token(State(app): State<Arc<App>>, signed: Signed) -> Response {
    app.v2.answer(store_card(&app, &signed.body))
}

fn store_card(app: &App, body: &[u8]) -> Result<(StatusCode, CreatedTokenResponse), V2Error> {
    const CARD: &str = "card.data.card";
    let request: CreateTokenRequest = wire::read(body)?;
    let Some(card) = request.card().and_then(|c| c.data()).and_then(|d| d.card()) else {
        return Err(V2Error::member(CARD, Rule::Missing));
    };
    let card = read_card(
        Some(card.card_number().as_str().to_owned()),
        Some(card.expiry_date().as_str().to_owned()),
        card.cvv().map(|c| c.as_str().to_owned()),
        card.cardholder_name().map(|h| h.as_str().to_owned()),
    )
    // The page's reasons start with the member's name: `cardNumber: ...`.
    .map_err(|reason| match reason.split_once(": ") {
        Some((member, rule)) => V2Error::member(format!("{CARD}.{member}"), rule),
        None => V2Error::member(CARD, reason),
    })?;
    let product_id = request.payment_product_id().copied().or_else(|| {
        super::create::product_id(&CardInput {
            number: card.number.clone(),
            expiry: card.expiry.clone(),
        })
    });
    // Looked up and stored under one lock: the same card sent twice at once stores one token.
    let mut tokens = app.v2.tokens();
    let (n, created) = match tokens.token_of_number(&card.number) {
        Some(n) => (n, false),
        None => (tokens.store_token(Token { card, product_id }), true),
    };
    let token = tokens.tokens.get(&n).ok_or_else(unknown_token)?;
    let stored = token_response(n, token)?;
    drop(tokens);
    let mut answer = CreatedTokenResponse::new()
        .with_token(TokenId::try_new(token_id(n)).map_err(internal)?)
        .with_is_new_token(created)
        .with_token_status(if created {
            TokenStatus::Created
        } else {
            TokenStatus::Unchanged
        });
    if let Some(masked) = stored
        .card()
        .and_then(|c| c.data())
        .and_then(|d| d.card_without_cvv())
    {
        answer = answer.with_card(masked.clone());
    }
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, answer))
}

/// `GET /v2/{merchantId}/tokens/{tokenId}`.
pub(crate) async fn get_token(
    State(app): State<Arc<App>>,
    Path((_, id)): Path<(String, String)>,
    _signed: Signed,
) -> Response {
    let result = (|| {
        let tokens = app.v2.tokens();
        let n = token_number(&id).ok_or_else(unknown_token)?;
        let token = tokens.tokens.get(&n).ok_or_else(unknown_token)?;
        Ok((StatusCode::OK, token_response(n, token)?))
    })();
    app.v2.answer(result)
}

/// `DELETE /v2/{merchantId}/tokens/{tokenId}`: `204 No Content`.
pub(crate) async fn delete_token(
    State(app): State<Arc<App>>,
    Path((_, id)): Path<(String, String)>,
    _signed: Signed,
) -> Response {
    let removed = token_number(&id).and_then(|n| app.v2.tokens().tokens.remove(&n));
    match removed {
        Some(_) => StatusCode::NO_CONTENT.into_response(),
        None => app.v2.error(&unknown_token()),
    }
}

/// `GET /v2/sandbox/tokenization/{hostedTokenizationId}`: the card form of an open session.
pub(crate) async fn form(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    if !open(&app.v2, &id) {
        return not_open();
    }
    let path = escape(&format!("/v2/sandbox/tokenization/{id}"));
    let body = format!(
        "<form id=\"card\" method=\"post\" action=\"{path}\">\n{CARD_INPUTS}\
         <p><label>Name on the card <input name=\"cardholderName\" autocomplete=\"cc-name\"></label></p>\n\
         <p><button id=\"store\" type=\"submit\">Store card</button></p>\n</form>"
    );
    page(StatusCode::OK, "Card details", &body)
}

/// `POST /v2/sandbox/tokenization/{hostedTokenizationId}` (form fields `cardNumber`,
/// `expiryDate`, `cvv`, `cardholderName`): stores the card as a token of the session.
pub(crate) async fn submit(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let field = |name: &str| card_form::field(&body, name);
    let card = match read_card(
        field("cardNumber"),
        field("expiryDate"),
        field("cvv"),
        field("cardholderName"),
    ) {
        Ok(card) => card,
        Err(reason) => return refused(StatusCode::BAD_REQUEST, reason),
    };
    let product_id = super::create::product_id(&CardInput {
        number: card.number.clone(),
        expiry: card.expiry.clone(),
    });
    // Checked and changed under one lock: two submissions cannot both store a token.
    let mut tokens = app.v2.tokens();
    if tokens.session_mut(&id).is_none_or(|s| s.token.is_some()) {
        return not_open();
    }
    let n = tokens.store_token(Token { card, product_id });
    if let Some(session) = tokens.session_mut(&id) {
        session.token = Some(n);
    }
    drop(tokens);
    page(
        StatusCode::OK,
        "Card details",
        "<p id=\"result\">stored</p>",
    )
}

fn open(v2: &V2, id: &str) -> bool {
    v2.tokens()
        .session_mut(id)
        .is_some_and(|s| s.token.is_none())
}

fn not_open() -> Response {
    refused(
        StatusCode::NOT_FOUND,
        "hostedTokenizationId: no tokenization waiting for card details",
    )
}

/// The page's checks; the reasons name fields, never values.
fn read_card(
    number: Option<String>,
    expiry: Option<String>,
    cvv: Option<String>,
    holder: Option<String>,
) -> Result<StoredCard, &'static str> {
    let number = card_form::card_number(number)?;
    let (expiry, month) = card_form::expiry_date(expiry)?;
    if month < this_month() {
        return Err("expiryDate: the card has expired");
    }
    if let Some(cvv) = &cvv
        && !card_form::digits(cvv, 3..=4)
    {
        return Err("cvv: not 3 or 4 digits");
    }
    if holder.as_ref().is_some_and(|h| h.chars().count() > 51) {
        return Err("cardholderName: longer than 51 characters");
    }
    Ok(StoredCard {
        number,
        expiry,
        holder,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card() -> StoredCard {
        StoredCard {
            number: "4111111111111111".into(),
            expiry: "1299".into(),
            holder: Some("Max Mustermann".into()),
        }
    }

    #[test]
    fn ids_are_counters_and_only_the_canonical_spelling_finds_them() {
        let mut tokens = Tokens::new(10);
        let session = tokens.open_session();
        assert_eq!(session, "00000000000000000000000000000001");
        let n = tokens.store_token(Token {
            card: card(),
            product_id: None,
        });
        assert_eq!(token_id(n), "00000000-0000-4000-8000-000000000001");
        assert!(tokens.token(&token_id(n)).is_some());
        for other in [
            "00000000-0000-4000-8000-1",
            "00000000-0000-4000-8000-00000000000x",
            "x",
        ] {
            assert!(tokens.token(other).is_none(), "{other}");
        }
        assert!(tokens.session_mut(&session).is_some());
        assert!(tokens.session_mut(&session[1..]).is_none());
        assert!(session_number("0000000000000000000000000000000A").is_none());
        assert_eq!(session_number("0000000000000000000000000000000a"), Some(10));
        assert!(tokens.session_mut("1").is_none());
    }

    #[test]
    fn the_oldest_are_forgotten_first() {
        let mut tokens = Tokens::new(2);
        let first = tokens.open_session();
        tokens.open_session();
        tokens.open_session();
        for _ in 0..3 {
            tokens.store_token(Token {
                card: card(),
                product_id: None,
            });
        }
        assert_eq!(tokens.len(), (2, 2));
        assert!(tokens.session_mut(&first).is_none());
        assert!(tokens.token(&token_id(1)).is_none());
        assert!(tokens.token(&token_id(3)).is_some());
    }

    #[test]
    fn the_page_checks_the_card_and_debug_shows_none_of_it() {
        let some = |s: &str| Some(s.to_owned());
        assert!(read_card(some("4111111111111111"), some("1299"), some("123"), None).is_ok());
        assert!(read_card(some("4111111111111112"), some("1299"), None, None).is_err());
        assert!(read_card(some("4111111111111111"), some("1399"), None, None).is_err());
        assert!(read_card(some("4111111111111111"), some("0100"), None, None).is_err());
        assert!(read_card(some("4111111111111111"), some("1299"), some("12"), None).is_err());
        let debug = format!(
            "{:?}",
            Token {
                card: card(),
                product_id: None
            }
        );
        for secret in ["4111", "1299", "Mustermann"] {
            assert!(!debug.contains(secret), "{debug}");
        }
    }
}
