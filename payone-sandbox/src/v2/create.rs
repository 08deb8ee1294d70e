//! `POST /v2/{merchantId}/payments` (CreatePayment): checks the body, decides the outcome from
//! the test data, records the payment and announces it by webhook.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use payone_types::generated::v2::{CreatePaymentResponse, PaymentProductId};

use super::errors::{Kind, V2Error};
use super::store::{CardSummary, Flow, Payment, Status};
use super::wire::{self, CardInput, CreateInput};
use super::{AMOUNT_DECLINED, CARD_CHALLENGE, CARD_FRICTIONLESS, Signed};
use crate::app::App;

const CARD_NUMBER: &str = "cardPaymentMethodSpecificInput.card.cardNumber";
const RETURN_URL: &str = "cardPaymentMethodSpecificInput.returnUrl";

/// The handler.
pub(crate) async fn handle(State(app): State<Arc<App>>, signed: Signed) -> Response {
    app.v2.answer(create(&app, &signed.body, &signed.headers))
}

fn create(
    app: &App,
    body: &[u8],
    headers: &HeaderMap,
) -> Result<(StatusCode, CreatePaymentResponse), V2Error> {
    let mut input = wire::create_input(body)?;
    if input.card.is_none() {
        // A token (or the session that stored one) pays with the card it stands for, so the
        // card outcomes below apply to it as well.
        input.card = app.v2.tokens().card_for(
            input.token.as_deref(),
            input.hosted_tokenization_id.as_deref(),
        )?;
    }
    let outcome = outcome(&input)?;
    let payment = Payment {
        number: 0,
        status: outcome.status,
        amount: input.amount,
        currency: input.currency,
        merchant_reference: input.merchant_reference,
        product_id: input
            .product_id
            .or_else(|| input.card.as_ref().and_then(product_id)),
        card: input.card.as_ref().map(summary),
        three_ds: outcome.flow,
        return_url: input.return_url,
        captured: 0,
        refunded: 0,
        ops: 0,
        stored_card: input.tokenized,
    };
    let base = app.public_base(headers);
    let mut store = app.v2.store();
    let payment = store.insert(payment);
    let redirect = format!("{base}/v2/sandbox/3ds/{}", payment.id());
    let body = wire::create_response(payment, &redirect)?;
    if payment.status != Status::Redirected {
        app.v2
            .webhooks
            .send(payment.status.event_type(), payment, None);
    }
    if payment.status == Status::Rejected {
        let mut declined = V2Error::new(Kind::Declined, "the acquirer declined the payment");
        declined.payment_result = Some(Box::new(body));
        return Err(declined);
    }
    Ok((StatusCode::CREATED, body))
}

/// What a create request leads to.
struct Outcome {
    status: Status,
    flow: Option<Flow>,
}

/// The documented outcome, after the checks the table cannot express: a valid card number
/// (Luhn), something to pay with, and a `returnUrl` for the challenge.
fn outcome(input: &CreateInput) -> Result<Outcome, V2Error> {
    if let Some(card) = &input.card
        && !crate::card::luhn(&card.number)
    {
        return Err(V2Error::member(
            CARD_NUMBER,
            "is not a card number (Luhn check)",
        ));
    }
    if input.card.is_none() && !input.tokenized {
        return Err(V2Error::member(CARD_NUMBER, payone_types::Rule::Missing));
    }
    if let Some(url) = &input.return_url
        && !reqwest::Url::parse(url).is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
    {
        return Err(V2Error::member(
            RETURN_URL,
            "must be an absolute http(s) URL",
        ));
    }
    if input.amount == AMOUNT_DECLINED {
        return Ok(Outcome {
            status: Status::Rejected,
            flow: None,
        });
    }
    let number = input.card.as_ref().map(|c| c.number.as_str());
    let three_ds = !input.skip_authentication;
    Ok(match number {
        Some(CARD_FRICTIONLESS) if three_ds => Outcome {
            status: Status::PendingCapture,
            flow: Some(Flow::Frictionless),
        },
        Some(CARD_CHALLENGE) if three_ds => {
            if input.return_url.is_none() {
                return Err(V2Error::member(
                    RETURN_URL,
                    "required parameter is missing (3-D Secure challenge)",
                ));
            }
            Outcome {
                status: Status::Redirected,
                flow: None,
            }
        }
        _ => Outcome {
            status: Status::PendingCapture,
            flow: None,
        },
    })
}

/// The card as kept: `************1111` and the expiry date.
pub(crate) fn summary(card: &CardInput) -> CardSummary {
    let shown = card.number.len().saturating_sub(4);
    CardSummary {
        masked: format!("{}{}", "*".repeat(shown), &card.number[shown..]),
        expiry: card.expiry.clone(),
    }
}

/// `paymentProductId` by the card's range: Visa 1, American Express 2, Mastercard 3, JCB 125.
pub(crate) fn product_id(card: &CardInput) -> Option<PaymentProductId> {
    Some(PaymentProductId::new(
        match crate::card::detect_type(&card.number)? {
            "V" => 1,
            "A" => 2,
            "M" => 3,
            "J" => 125,
            _ => return None,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cards_are_masked_to_the_last_four_digits() {
        let card = CardInput {
            number: "4111111111111111".into(),
            expiry: "1230".into(),
        };
        assert_eq!(summary(&card).masked, "************1111");
        assert_eq!(product_id(&card).map(PaymentProductId::get), Some(1));
        let debug = format!("{card:?}");
        assert!(!debug.contains("4111"), "{debug}");
    }
}
