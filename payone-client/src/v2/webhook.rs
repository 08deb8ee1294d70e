//! v2 webhooks: the signature is verified over the raw body (`X-GCS-Signature`:
//! base64 HMAC-SHA256 under the secret of `X-GCS-KeyId`) before anything of the body is read.

use payone_types::gcs::{self, KeyId, WebhookKeys};
use payone_types::generated::v2::{PaymentResponse, RefundResponse, TokenResponse, WebhooksEvent};
use payone_types::json::{JsonError, JsonObject};
use reqwest::header::HeaderMap;

/// Why a webhook was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// The signature headers are missing, duplicated, unknown or do not match the body.
    #[error("the webhook was refused: {0}")]
    Verification(#[from] gcs::WebhookError),
    /// Signed, but not a `WebhooksEvent`.
    #[error("the signed webhook is not an event: {0}")]
    Body(#[from] JsonError),
}

impl WebhookError {
    /// Whether the sender could not prove it holds a webhook key (answer 401).
    pub fn is_unauthenticated(&self) -> bool {
        matches!(self, WebhookError::Verification(_))
    }
}

/// `type` of a webhook event.
///
/// The names from `payment.created` to `payment.capture_requested` are those of the platform's
/// webhook documentation (<https://support.direct.ingenico.com/documentation/api/webhooks>);
/// `payment.captured`, `payment.rejected`, `payment.cancelled` and `payment.refunded` are named
/// after the payment statuses of the same names. Any other name arrives as
/// [`WebhookEventType::Other`] with the whole event.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum WebhookEventType {
    /// `payment.created`: the payment exists, nothing has happened to it yet.
    PaymentCreated,
    /// `payment.redirected`: the customer is at a third party (the 3-D Secure challenge).
    PaymentRedirected,
    /// `payment.authorization_requested`: the authorisation waits for an asynchronous answer.
    PaymentAuthorizationRequested,
    /// `payment.pending_approval`: waiting for the merchant's approval.
    PaymentPendingApproval,
    /// `payment.pending_completion`: waiting for the merchant to complete it.
    PaymentPendingCompletion,
    /// `payment.pending_capture`: authorised, waiting for a capture.
    PaymentPendingCapture,
    /// `payment.capture_requested`: queued for capture.
    PaymentCaptureRequested,
    /// `payment.captured`.
    PaymentCaptured,
    /// `payment.paid`: the type the platform SDKs' webhook tests send
    /// (wl-online-payments-direct/sdk-nodejs `__tests__/unit/webhooks/webhooks.test.ts`).
    PaymentPaid,
    /// `payment.rejected`.
    PaymentRejected,
    /// `payment.cancelled`.
    PaymentCancelled,
    /// `payment.refunded`.
    PaymentRefunded,
    /// Any other type, as sent.
    Other(String),
}

impl WebhookEventType {
    /// Reads a `type` value.
    pub fn parse(value: &str) -> Self {
        match value {
            "payment.created" => WebhookEventType::PaymentCreated,
            "payment.redirected" => WebhookEventType::PaymentRedirected,
            "payment.authorization_requested" => WebhookEventType::PaymentAuthorizationRequested,
            "payment.pending_approval" => WebhookEventType::PaymentPendingApproval,
            "payment.pending_completion" => WebhookEventType::PaymentPendingCompletion,
            "payment.pending_capture" => WebhookEventType::PaymentPendingCapture,
            "payment.capture_requested" => WebhookEventType::PaymentCaptureRequested,
            "payment.captured" => WebhookEventType::PaymentCaptured,
            "payment.paid" => WebhookEventType::PaymentPaid,
            "payment.rejected" => WebhookEventType::PaymentRejected,
            "payment.cancelled" => WebhookEventType::PaymentCancelled,
            "payment.refunded" => WebhookEventType::PaymentRefunded,
            other => WebhookEventType::Other(other.to_owned()),
        }
    }

    /// The value as sent.
    pub fn as_str(&self) -> &str {
        match self {
            WebhookEventType::PaymentCreated => "payment.created",
            WebhookEventType::PaymentRedirected => "payment.redirected",
            WebhookEventType::PaymentAuthorizationRequested => "payment.authorization_requested",
            WebhookEventType::PaymentPendingApproval => "payment.pending_approval",
            WebhookEventType::PaymentPendingCompletion => "payment.pending_completion",
            WebhookEventType::PaymentPendingCapture => "payment.pending_capture",
            WebhookEventType::PaymentCaptureRequested => "payment.capture_requested",
            WebhookEventType::PaymentCaptured => "payment.captured",
            WebhookEventType::PaymentPaid => "payment.paid",
            WebhookEventType::PaymentRejected => "payment.rejected",
            WebhookEventType::PaymentCancelled => "payment.cancelled",
            WebhookEventType::PaymentRefunded => "payment.refunded",
            WebhookEventType::Other(other) => other,
        }
    }
}

/// A verified webhook event.
#[derive(Clone, Debug, PartialEq)]
pub struct WebhookEvent {
    event: WebhooksEvent,
    event_type: WebhookEventType,
    key_id: KeyId,
}

impl WebhookEvent {
    /// `type`.
    pub fn event_type(&self) -> &WebhookEventType {
        &self.event_type
    }

    /// `id`: the platform may send an event more than once, so store events under it and
    /// ignore ones already stored.
    pub fn id(&self) -> &str {
        self.event.id().as_str()
    }

    /// `payment`, for payment events.
    pub fn payment(&self) -> Option<&PaymentResponse> {
        self.event.payment()
    }

    /// `refund`, for refund events.
    pub fn refund(&self) -> Option<&RefundResponse> {
        self.event.refund()
    }

    /// `token`, for token events (the platform SDK's `WebhooksEvent.token`).
    pub fn token(&self) -> Option<&TokenResponse> {
        self.event.token()
    }

    /// The key the signature was made with.
    pub fn key_id(&self) -> &KeyId {
        &self.key_id
    }

    /// The whole event.
    pub fn event(&self) -> &WebhooksEvent {
        &self.event
    }

    /// The whole event, owned.
    pub fn into_event(self) -> WebhooksEvent {
        self.event
    }
}

/// Verifies a webhook's signature with one of `keys` and only then reads its body.
///
/// Every header of the request may be passed; `X-GCS-Signature` and `X-GCS-KeyId` must each be
/// there exactly once. Keep the previous key in `keys` while the platform rotates keys.
///
/// ```
/// use payone_client::v2::{WebhookEventType, parse_webhook_pairs};
/// use payone_types::gcs::{SecretString, WebhookKeys, webhook_signature};
///
/// let secret = SecretString::from("webhook-secret");
/// let keys = WebhookKeys::new().with("key-1", secret.clone());
/// let body = br#"{"apiVersion":"v1","id":"ev-1","type":"payment.captured","payment":{"id":"p-1"}}"#;
/// let signature = webhook_signature(&secret, body);
/// let headers = [("X-GCS-Signature", signature.as_str()), ("X-GCS-KeyId", "key-1")];
/// let event = parse_webhook_pairs(&headers, body, &keys)?;
/// assert_eq!(event.event_type(), &WebhookEventType::PaymentCaptured);
/// assert_eq!(event.payment().map(|p| p.id().as_str()), Some("p-1"));
/// # Ok::<(), payone_client::v2::WebhookError>(())
/// ```
pub fn parse_webhook_pairs<N: AsRef<str>, V: AsRef<str>>(
    headers: &[(N, V)],
    body: &[u8],
    keys: &WebhookKeys,
) -> Result<WebhookEvent, WebhookError> {
    let key_id = gcs::verify_webhook(headers, body, keys)?;
    let event = WebhooksEvent::from_json_bytes(body)?;
    let event_type = WebhookEventType::parse(event.r#type().as_str());
    Ok(WebhookEvent {
        event,
        event_type,
        key_id,
    })
}

/// [`parse_webhook_pairs`] with the headers of an HTTP request (`http::HeaderMap`, as reqwest
/// and axum have them). A header value that is not text cannot match and is refused.
pub fn parse_webhook(
    headers: &HeaderMap,
    body: &[u8],
    keys: &WebhookKeys,
) -> Result<WebhookEvent, WebhookError> {
    let pairs: Vec<(&str, &str)> = headers
        .iter()
        .map(|(name, value)| (name.as_str(), value.to_str().unwrap_or("\u{fffd}")))
        .collect();
    parse_webhook_pairs(&pairs, body, keys)
}

#[cfg(test)]
mod tests {
    use super::*;
    use payone_types::gcs::{SecretString, webhook_signature};

    #[test]
    fn known_types_round_trip_and_unknown_ones_are_kept() {
        for value in [
            "payment.created",
            "payment.redirected",
            "payment.authorization_requested",
            "payment.pending_approval",
            "payment.pending_completion",
            "payment.pending_capture",
            "payment.capture_requested",
            "payment.captured",
            "payment.paid",
            "payment.rejected",
            "payment.cancelled",
            "payment.refunded",
        ] {
            let parsed = WebhookEventType::parse(value);
            assert!(!matches!(parsed, WebhookEventType::Other(_)), "{value}");
            assert_eq!(parsed.as_str(), value);
        }
        let other = WebhookEventType::parse("payout.created");
        assert_eq!(other, WebhookEventType::Other("payout.created".into()));
        assert_eq!(other.as_str(), "payout.created");
    }

    #[test]
    fn a_token_event_carries_the_token() {
        let secret = SecretString::from("webhook-secret");
        let keys = WebhookKeys::new().with("key-1", secret.clone());
        let body =
            br#"{"apiVersion":"v1","id":"ev-2","type":"token.created","token":{"id":"tok-1"}}"#;
        let signature = webhook_signature(&secret, body);
        let headers = [
            ("X-GCS-Signature", signature.as_str()),
            ("X-GCS-KeyId", "key-1"),
        ];
        let event = parse_webhook_pairs(&headers, body, &keys).unwrap();
        assert_eq!(
            event.event_type(),
            &WebhookEventType::Other("token.created".into())
        );
        assert_eq!(
            event.token().and_then(|t| t.id()).map(|i| i.as_str()),
            Some("tok-1")
        );
        assert!(event.payment().is_none());
    }
}
