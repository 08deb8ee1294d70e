//! The answer of `privacy-policy.asp` (DirectLink guide, section 7.2): `Response` with `Status`,
//! `Body/Html`, `Errors/Error` and `Warnings/Warning`, read tolerantly like every DirectLink
//! answer.

use super::answer_error::AnswerError;
use super::xml;

/// `Response.Status`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PrivacyStatus {
    /// `Success`: `html` holds the text to show.
    Success,
    /// `SuccessWithWarnings`: see the warnings (`NoContent`: nothing to disclose).
    SuccessWithWarnings,
    /// `Error`: see the errors.
    Error,
    /// A status this crate does not know.
    Other(String),
}

impl PrivacyStatus {
    fn parse(value: &str) -> PrivacyStatus {
        match value.to_ascii_lowercase().as_str() {
            "success" => PrivacyStatus::Success,
            "successwithwarnings" => PrivacyStatus::SuccessWithWarnings,
            "error" => PrivacyStatus::Error,
            _ => PrivacyStatus::Other(value.to_owned()),
        }
    }
}

/// The `Code` of an `Error` or `Warning`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NoticeCode {
    /// `Unauthorized` (error).
    Unauthorized,
    /// `InternalServerError` (error).
    InternalServerError,
    /// `NoContent` (warning): no privacy information needs to be shown.
    NoContent,
    /// A code this crate does not know.
    Other(String),
}

impl NoticeCode {
    fn parse(value: &str) -> NoticeCode {
        match value.to_ascii_lowercase().as_str() {
            "unauthorized" => NoticeCode::Unauthorized,
            "internalservererror" => NoticeCode::InternalServerError,
            "nocontent" => NoticeCode::NoContent,
            _ => NoticeCode::Other(value.to_owned()),
        }
    }
}

/// One `Error` or `Warning`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// `Code`.
    pub code: NoticeCode,
    /// `Message`, when present.
    pub message: Option<String>,
}

/// The privacy information to show the customer before the payment (GDPR articles 12-14).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrivacyPolicy {
    status: PrivacyStatus,
    html: Option<String>,
    errors: Vec<Notice>,
    warnings: Vec<Notice>,
}

impl PrivacyPolicy {
    /// Reads an answer body.
    pub fn parse(body: &[u8]) -> Result<PrivacyPolicy, AnswerError> {
        PrivacyPolicy::parse_with_content_type(body, None)
    }

    /// Reads an answer body whose HTTP `Content-Type` may name its charset.
    pub fn parse_with_content_type(
        body: &[u8],
        content_type: Option<&str>,
    ) -> Result<PrivacyPolicy, AnswerError> {
        let text = xml::decode(body, content_type);
        let roots = xml::parse(&text)?;
        let response = xml::innermost(&roots, "Response").ok_or(AnswerError::NoResponse)?;
        let status = response
            .child("Status")
            .map(|s| PrivacyStatus::parse(s.text.trim()))
            .ok_or(AnswerError::MissingElement("Status"))?;
        let html = response.child("Body").map(|body| {
            body.child("Html")
                .map(|h| h.text.clone())
                .unwrap_or_default()
        });
        Ok(PrivacyPolicy {
            status,
            html,
            errors: notices(response, "Errors", "Error"),
            warnings: notices(response, "Warnings", "Warning"),
        })
    }

    /// `Status`.
    pub fn status(&self) -> &PrivacyStatus {
        &self.status
    }

    /// `Body/Html` as sent (CDATA unwrapped); `None` without a `Body`, empty with
    /// `NoContent`.
    pub fn html(&self) -> Option<&str> {
        self.html.as_deref()
    }

    /// `Errors/Error`, in order.
    pub fn errors(&self) -> &[Notice] {
        &self.errors
    }

    /// `Warnings/Warning`, in order.
    pub fn warnings(&self) -> &[Notice] {
        &self.warnings
    }

    /// Whether there is nothing to show the customer (`NoContent`, or an empty `Html`).
    pub fn is_empty(&self) -> bool {
        self.html.as_deref().is_none_or(|h| h.trim().is_empty())
    }
}

fn notices(response: &xml::Element, list: &str, item: &str) -> Vec<Notice> {
    response
        .children
        .iter()
        .filter(|c| c.is(list))
        .flat_map(|l| l.children.iter().filter(|c| c.is(item)))
        .map(|n| Notice {
            code: NoticeCode::parse(n.child("Code").map_or("", |c| c.text.trim())),
            message: n
                .child("Message")
                .map(|m| m.text.trim().to_owned())
                .filter(|m| !m.is_empty()),
        })
        .collect()
}
