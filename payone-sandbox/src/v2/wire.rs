//! The v2 JSON bodies, through the types generated from `spec/v2/`
//! (`payone_types::generated::v2`): requests are read and checked with them, answers and
//! webhooks are built with them, so the sandbox speaks exactly what the spec declares.

use std::fmt;

use payone_types::Currency;
use payone_types::generated::v2::{
    ActionType, Amount, AmountOfMoney, ApiVersion, CancelPaymentRequest, CancelPaymentResponse,
    CaptureOutput, CapturePaymentRequest, CaptureResponse, CardEssentials, CardExpiry,
    CardPaymentMethodSpecificOutput, CreatePaymentRequest, CreatePaymentResponse, Created, Eci,
    EventId, EventType, MaskedCardNumber, MerchantAction, MerchantId, MerchantReference,
    OrderReferences, PaymentDetailsResponse, PaymentId, PaymentOutput, PaymentProductId,
    PaymentResponse, PaymentStatus, RedirectData, RedirectUrl, RefundOutput, RefundRequest,
    RefundResponse, StatusCategory, StatusCode, StatusOutput, ThreeDSecureFlow,
    ThreeDSecureResults, WebhooksEvent,
};
use payone_types::json::{JsonError, JsonObject};
use payone_types::rule::Violation;
use serde_json::Value;

use super::errors::{Kind, V2Error};
use super::store::{Payment, Status};

/// `CreatePaymentRequest`, as far as the sandbox acts on it.
pub(crate) struct CreateInput {
    pub(crate) amount: u64,
    pub(crate) currency: Currency,
    pub(crate) merchant_reference: Option<MerchantReference>,
    pub(crate) card: Option<CardInput>,
    /// A `token` or `hostedTokenizationId` stands in for the card.
    pub(crate) tokenized: bool,
    /// `cardPaymentMethodSpecificInput.token`.
    pub(crate) token: Option<String>,
    /// `hostedTokenizationId`.
    pub(crate) hosted_tokenization_id: Option<String>,
    pub(crate) product_id: Option<PaymentProductId>,
    pub(crate) return_url: Option<String>,
    pub(crate) skip_authentication: bool,
}

/// The card of a create request. `Debug` shows no card data.
pub(crate) struct CardInput {
    pub(crate) number: String,
    pub(crate) expiry: String,
}

impl fmt::Debug for CardInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CardInput")
            .field("number", &"<redacted>")
            .finish_non_exhaustive()
    }
}

/// `CapturePaymentRequest`.
pub(crate) struct CaptureInput {
    pub(crate) amount: Option<u64>,
}

/// `CancelPaymentRequest`: the amount and currency when sent.
pub(crate) struct CancelInput {
    pub(crate) amount: Option<(u64, Currency)>,
}

/// `RefundRequest`.
pub(crate) struct RefundInput {
    pub(crate) amount: u64,
    pub(crate) currency: Currency,
}

/// Reads and checks a body with the generated type: not JSON is 400 `INVALID_JSON` (position
/// only: the body may hold card data), every violation of the table one `ApiError`.
pub(crate) fn read<T: JsonObject>(body: &[u8]) -> Result<T, V2Error> {
    T::from_json_bytes(body).map_err(|e| match e {
        JsonError::Invalid(violations) => V2Error::violations(&violations),
        syntax => V2Error::new(Kind::InvalidJson, syntax.to_string()),
    })
}

/// As [`read`], but an empty body counts as `{}`: capture and cancel need no members.
fn read_or_empty<T: JsonObject>(body: &[u8]) -> Result<T, V2Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        read(b"{}")
    } else {
        read(body)
    }
}

/// Reads a `CreatePaymentRequest`.
pub(crate) fn create_input(body: &[u8]) -> Result<CreateInput, V2Error> {
    let request: CreatePaymentRequest = read(body)?;
    let money = request.order().amount_of_money();
    let input = request.card_payment_method_specific_input();
    let card = input.and_then(|i| i.card()).map(|card| CardInput {
        number: card.card_number().as_str().to_owned(),
        expiry: card.expiry_date().as_str().to_owned(),
    });
    Ok(CreateInput {
        amount: money.amount().get(),
        currency: *money.currency_code(),
        merchant_reference: request
            .order()
            .references()
            .and_then(|r| r.merchant_reference())
            .cloned(),
        card,
        tokenized: input.and_then(|i| i.token()).is_some()
            || request.hosted_tokenization_id().is_some(),
        token: input.and_then(|i| i.token()).map(|t| t.as_str().to_owned()),
        hosted_tokenization_id: request
            .hosted_tokenization_id()
            .map(|h| h.as_str().to_owned()),
        product_id: input.and_then(|i| i.payment_product_id()).copied(),
        return_url: input
            .and_then(|i| i.return_url())
            .map(|u| u.as_str().to_owned()),
        skip_authentication: input
            .and_then(|i| i.three_d_secure())
            .and_then(|t| t.skip_authentication())
            .copied()
            .unwrap_or(false),
    })
}

/// Reads a `CapturePaymentRequest` (an empty body captures everything). `isFinal` is read
/// (and checked) but changes nothing: a payment is captured once.
pub(crate) fn capture_input(body: &[u8]) -> Result<CaptureInput, V2Error> {
    let request: CapturePaymentRequest = read_or_empty(body)?;
    Ok(CaptureInput {
        amount: request.amount().map(|a| a.get()),
    })
}

/// Reads a `CancelPaymentRequest` (an empty body cancels everything).
pub(crate) fn cancel_input(body: &[u8]) -> Result<CancelInput, V2Error> {
    let request: CancelPaymentRequest = read_or_empty(body)?;
    Ok(CancelInput {
        amount: request
            .amount_of_money()
            .map(|m| (m.amount().get(), *m.currency_code())),
    })
}

/// Reads a `RefundRequest`.
pub(crate) fn refund_input(body: &[u8]) -> Result<RefundInput, V2Error> {
    let request: RefundRequest = read(body)?;
    let money = request.amount_of_money();
    Ok(RefundInput {
        amount: money.amount().get(),
        currency: *money.currency_code(),
    })
}

/// A TEXT member from a value the sandbox made. TEXT only refuses the empty string, which the
/// sandbox never makes; should it, the answer is a 500 `ErrorResponse` rather than a panic.
fn text<T>(
    make: fn(std::borrow::Cow<'static, str>) -> Result<T, Violation>,
    value: impl Into<String>,
) -> Result<T, V2Error> {
    make(std::borrow::Cow::Owned(value.into())).map_err(|violation| {
        V2Error::new(
            Kind::Internal,
            format!("the sandbox built an invalid answer: {violation}"),
        )
    })
}

fn amount_of_money(amount: u64, currency: Currency) -> Result<AmountOfMoney, V2Error> {
    let amount = Amount::try_new(amount).map_err(|rule| {
        V2Error::new(
            Kind::Internal,
            format!("the sandbox built an invalid amount: {rule}"),
        )
    })?;
    Ok(AmountOfMoney::new(amount, currency))
}

/// `statusOutput` of `payment` as it is now.
fn status_output(p: &Payment) -> StatusOutput {
    StatusOutput::new()
        .with_status_code(StatusCode::new(p.status.code()))
        .with_status_category(StatusCategory::new(p.status.category()))
        .with_is_authorized(p.is_authorized())
        .with_is_cancellable(p.is_cancellable())
        .with_is_refundable(p.is_refundable())
}

fn references(p: &Payment) -> Option<OrderReferences> {
    p.merchant_reference
        .clone()
        .map(|r| OrderReferences::new().with_merchant_reference(r))
}

/// The members shared by `PaymentResponse` and `PaymentDetailsResponse`.
struct PaymentParts {
    id: PaymentId,
    status: PaymentStatus,
    status_output: StatusOutput,
    output: PaymentOutput,
}

fn payment_parts(p: &Payment) -> Result<PaymentParts, V2Error> {
    let mut card_output = CardPaymentMethodSpecificOutput::new();
    if let Some(id) = p.product_id {
        card_output = card_output.with_payment_product_id(id);
    }
    if let Some(card) = &p.card {
        card_output = card_output.with_card(
            CardEssentials::new()
                .with_card_number(text(MaskedCardNumber::try_new, card.masked.as_str())?)
                .with_expiry_date(text(CardExpiry::try_new, card.expiry.as_str())?),
        );
    }
    if let Some(flow) = p.three_ds {
        card_output = card_output.with_three_d_secure_results(
            ThreeDSecureResults::new()
                .with_eci(Eci::new("05"))
                .with_flow(ThreeDSecureFlow::new(flow.name())),
        );
    }
    let mut output = PaymentOutput::new()
        .with_amount_of_money(amount_of_money(p.amount, p.currency)?)
        .with_card_payment_method_specific_output(card_output);
    if let Some(references) = references(p) {
        output = output.with_references(references);
    }
    Ok(PaymentParts {
        id: text(PaymentId::try_new, p.id())?,
        status: PaymentStatus::new(p.status.name()),
        status_output: status_output(p),
        output,
    })
}

/// `PaymentResponse`: the payment as it is now.
pub(crate) fn payment(p: &Payment) -> Result<PaymentResponse, V2Error> {
    let parts = payment_parts(p)?;
    Ok(PaymentResponse::new(parts.id)
        .with_status(parts.status)
        .with_status_output(parts.status_output)
        .with_payment_output(parts.output))
}

/// `PaymentDetailsResponse` (GetPaymentDetails): the same members as `PaymentResponse`.
pub(crate) fn details(p: &Payment) -> Result<PaymentDetailsResponse, V2Error> {
    let parts = payment_parts(p)?;
    Ok(PaymentDetailsResponse::new(parts.id)
        .with_status(parts.status)
        .with_status_output(parts.status_output)
        .with_payment_output(parts.output))
}

/// `CreatePaymentResponse`; `redirect` is the challenge page's URL, used for a `REDIRECTED`
/// payment only.
pub(crate) fn create_response(
    p: &Payment,
    redirect: &str,
) -> Result<CreatePaymentResponse, V2Error> {
    let mut answer = CreatePaymentResponse::new().with_payment(payment(p)?);
    if p.status == Status::Redirected {
        answer = answer.with_merchant_action(
            MerchantAction::new()
                .with_action_type(ActionType::new("REDIRECT"))
                .with_redirect_data(
                    RedirectData::new().with_redirect_url(text(RedirectUrl::try_new, redirect)?),
                ),
        );
    }
    Ok(answer)
}

/// `CaptureResponse` of the capture `id` of `amount`.
pub(crate) fn capture_response(
    p: &Payment,
    id: &str,
    amount: u64,
) -> Result<CaptureResponse, V2Error> {
    let mut output =
        CaptureOutput::new().with_amount_of_money(amount_of_money(amount, p.currency)?);
    if let Some(references) = references(p) {
        output = output.with_references(references);
    }
    Ok(CaptureResponse::new(text(PaymentId::try_new, id)?)
        .with_status(PaymentStatus::new(p.status.name()))
        .with_status_output(status_output(p))
        .with_capture_output(output))
}

/// `CancelPaymentResponse`.
pub(crate) fn cancel_response(p: &Payment) -> Result<CancelPaymentResponse, V2Error> {
    Ok(CancelPaymentResponse::new().with_payment(payment(p)?))
}

/// `RefundResponse` of the refund `id` of `amount`.
pub(crate) fn refund_response(
    p: &Payment,
    id: &str,
    amount: u64,
) -> Result<RefundResponse, V2Error> {
    Ok(RefundResponse::new(text(PaymentId::try_new, id)?)
        .with_status(PaymentStatus::new(p.status.name()))
        .with_status_output(status_output(p))
        .with_refund_output(
            RefundOutput::new().with_amount_of_money(amount_of_money(amount, p.currency)?),
        ))
}

/// The `WebhooksEvent` `event_type` about `p` (and `refund`) as JSON.
pub(crate) fn webhook_event(
    id: &str,
    created: &str,
    merchant_id: &str,
    event_type: &'static str,
    p: &Payment,
    refund: Option<RefundResponse>,
) -> Result<Value, V2Error> {
    let mut event = WebhooksEvent::new(text(EventId::try_new, id)?, EventType::new(event_type))
        .with_api_version(ApiVersion::new("v1"))
        .with_created(text(Created::try_new, created)?)
        .with_merchant_id(text(MerchantId::try_new, merchant_id)?)
        .with_payment(payment(p)?);
    if let Some(refund) = refund {
        event = event.with_refund(refund);
    }
    Ok(event.to_json_value())
}
