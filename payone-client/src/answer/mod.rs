//! Typed Server API answers. `status=ERROR` is not an answer but an [`Error::Platform`]: a
//! refused request should not be matched like a successful one.
//!
//! [`Answer`] reads the answer of any request by its `status`. The requests whose answers carry
//! more than a transaction ID have their own types, read from an [`Answer`] by [`FromAnswer`]
//! (and sent with [`Client::send_typed`](crate::Client::send_typed)): [`MandateAnswer`]
//! (managemandate), [`GenericPaymentAnswer`] (genericpayment, with the
//! [`InstallmentOption`]s of a secured installment checkout), [`ThreedsCheckAnswer`]
//! (3dscheck), [`AddressCheckAnswer`] (addresscheck), [`ConsumerScoreAnswer`] (consumerscore)
//! and [`UserAnswer`] (getuser). The payment instructions of prepayment and invoice answers are
//! [`Answer::clearing`]. getfile and getinvoice answer with a file, not with fields: see
//! [`Document`].

mod checks;
mod document;
mod generic;
mod installment;
mod mandate;
mod threeds;
mod typed;
mod user;

pub use crate::clearing::Clearing;
pub use checks::{
    AddressCheckAnswer, CheckedAddress, ConsumerScoreAnswer, PersonStatus, Score, SecStatus,
};
pub use document::Document;
pub use generic::{GenericPaymentAnswer, GenericStatus};
pub use installment::InstallmentOption;
pub use mandate::{MandateAnswer, MandateStatus, MandateText};
pub use threeds::{ThreedsChallenge, ThreedsCheckAnswer};
pub use typed::FromAnswer;
pub use user::UserAnswer;

use payone_types::Charset;

use crate::error::{Error, ParseError};
use crate::fields::Fields;
use crate::lines::parse_lines;

/// The `status` of an answer, without its fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Status {
    /// `APPROVED`
    Approved,
    /// `REDIRECT`: the customer must be sent to `redirecturl` (3-D Secure).
    Redirect,
    /// `PENDING`
    Pending,
    /// `VALID` (checks)
    Valid,
    /// `INVALID` (checks)
    Invalid,
    /// `OK`: a management request (updateaccess, updatereminder, some genericpayment actions)
    /// was carried out.
    Ok,
    /// `ENROLLED` (3dscheck): the card takes part in 3-D Secure and the customer must
    /// authenticate at the card issuer first.
    Enrolled,
    /// `ERROR`
    Error,
}

impl Status {
    /// Reads a wire value.
    pub fn parse(s: &str) -> Option<Status> {
        Some(match s {
            "APPROVED" => Status::Approved,
            "REDIRECT" => Status::Redirect,
            "PENDING" => Status::Pending,
            "VALID" => Status::Valid,
            "INVALID" => Status::Invalid,
            "OK" => Status::Ok,
            "ENROLLED" => Status::Enrolled,
            "ERROR" => Status::Error,
            _ => return None,
        })
    }

    /// The wire value.
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Approved => "APPROVED",
            Status::Redirect => "REDIRECT",
            Status::Pending => "PENDING",
            Status::Valid => "VALID",
            Status::Invalid => "INVALID",
            Status::Ok => "OK",
            Status::Enrolled => "ENROLLED",
            Status::Error => "ERROR",
        }
    }
}

/// A Server API answer other than `status=ERROR`.
///
/// Each variant names the fields its status is known for; every field of the answer, unknown
/// ones too, stays available through [`Answer::get`] and [`Answer::fields`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// `status=APPROVED`.
    #[non_exhaustive]
    Approved {
        /// `txid`, the platform's transaction ID.
        txid: Option<String>,
        /// `userid`, the platform's customer ID.
        userid: Option<String>,
        /// Every field of the answer.
        fields: Fields,
    },
    /// `status=REDIRECT`: send the customer to `redirecturl` (3-D Secure); the outcome arrives
    /// by TransactionStatus notification.
    #[non_exhaustive]
    Redirect {
        /// Where to send the customer.
        redirecturl: String,
        /// `txid`.
        txid: Option<String>,
        /// `userid`.
        userid: Option<String>,
        /// Every field of the answer.
        fields: Fields,
    },
    /// `status=PENDING`: the outcome arrives by TransactionStatus notification.
    #[non_exhaustive]
    Pending {
        /// `txid`.
        txid: Option<String>,
        /// `userid`.
        userid: Option<String>,
        /// Every field of the answer.
        fields: Fields,
    },
    /// `status=VALID` (checks).
    #[non_exhaustive]
    Valid {
        /// Every field of the answer.
        fields: Fields,
    },
    /// `status=INVALID` (checks).
    #[non_exhaustive]
    Invalid {
        /// `errorcode`.
        errorcode: Option<String>,
        /// `errormessage`, meant for the merchant.
        errormessage: Option<String>,
        /// `customermessage`, meant for the customer.
        customermessage: Option<String>,
        /// Every field of the answer.
        fields: Fields,
    },
    /// `status=OK`: a management request was carried out.
    #[non_exhaustive]
    Ok {
        /// Every field of the answer.
        fields: Fields,
    },
    /// `status=ENROLLED` (3dscheck): see [`ThreedsCheckAnswer`] for its fields.
    #[non_exhaustive]
    Enrolled {
        /// Every field of the answer.
        fields: Fields,
    },
}

impl Answer {
    /// Reads an answer body that is already text.
    ///
    /// `status=ERROR` becomes [`Error::Platform`]; a body without a status, with an unknown
    /// status or with a line that is not `name=value` becomes [`Error::Parse`].
    pub fn parse(body: &str) -> Result<Answer, Error> {
        Answer::from_fields(parse_lines(body.to_owned())?)
    }

    /// Reads an answer body in `charset`.
    pub fn from_bytes(body: &[u8], charset: Charset) -> Result<Answer, Error> {
        let text = charset
            .decode(body)
            .ok_or(ParseError::Undecodable(charset.as_str()))?;
        Answer::from_fields(parse_lines(text.into_owned())?)
    }

    /// Reads an answer body in `charset`, keeping the body's buffer for the text whenever it
    /// already is that text (UTF-8, or ISO-8859-1 that is all ASCII), so that an answer is not
    /// held twice.
    pub(crate) fn from_vec(body: Vec<u8>, charset: Charset) -> Result<Answer, Error> {
        let text = match charset {
            Charset::Utf8 => {
                String::from_utf8(body).map_err(|_| ParseError::Undecodable(charset.as_str()))?
            }
            Charset::Latin1 if body.is_ascii() => String::from_utf8(body).expect("ASCII is UTF-8"),
            // Bytes above 0x7F take two bytes in UTF-8: one conversion cannot be avoided.
            Charset::Latin1 => charset
                .decode(&body)
                .ok_or(ParseError::Undecodable(charset.as_str()))?
                .into_owned(),
        };
        Answer::from_fields(parse_lines(text)?)
    }

    /// Types the fields of an answer.
    pub fn from_fields(fields: Fields) -> Result<Answer, Error> {
        let status = fields.get("status").ok_or(ParseError::NoStatus)?;
        let status = Status::parse(status).ok_or_else(|| ParseError::unknown_status(status))?;
        let owned = |name: &str| fields.get(name).map(str::to_owned);
        Ok(match status {
            Status::Approved => Answer::Approved {
                txid: owned("txid"),
                userid: owned("userid"),
                fields,
            },
            Status::Redirect => Answer::Redirect {
                redirecturl: owned("redirecturl").ok_or(ParseError::MissingField {
                    status: "REDIRECT",
                    field: "redirecturl",
                })?,
                txid: owned("txid"),
                userid: owned("userid"),
                fields,
            },
            Status::Pending => Answer::Pending {
                txid: owned("txid"),
                userid: owned("userid"),
                fields,
            },
            Status::Valid => Answer::Valid { fields },
            Status::Ok => Answer::Ok { fields },
            Status::Enrolled => Answer::Enrolled { fields },
            Status::Invalid => Answer::Invalid {
                errorcode: owned("errorcode"),
                errormessage: owned("errormessage"),
                customermessage: owned("customermessage"),
                fields,
            },
            Status::Error => {
                return Err(Error::Platform {
                    errorcode: owned("errorcode").unwrap_or_default(),
                    errormessage: owned("errormessage").unwrap_or_default(),
                    customermessage: owned("customermessage"),
                    fields,
                });
            }
        })
    }

    /// The status.
    pub fn status(&self) -> Status {
        match self {
            Answer::Approved { .. } => Status::Approved,
            Answer::Redirect { .. } => Status::Redirect,
            Answer::Pending { .. } => Status::Pending,
            Answer::Valid { .. } => Status::Valid,
            Answer::Invalid { .. } => Status::Invalid,
            Answer::Ok { .. } => Status::Ok,
            Answer::Enrolled { .. } => Status::Enrolled,
        }
    }

    /// Every field of the answer, in the order received.
    pub fn fields(&self) -> &Fields {
        match self {
            Answer::Approved { fields, .. }
            | Answer::Redirect { fields, .. }
            | Answer::Pending { fields, .. }
            | Answer::Valid { fields }
            | Answer::Ok { fields }
            | Answer::Enrolled { fields }
            | Answer::Invalid { fields, .. } => fields,
        }
    }

    /// Every field of the answer, owned.
    pub fn into_fields(self) -> Fields {
        match self {
            Answer::Approved { fields, .. }
            | Answer::Redirect { fields, .. }
            | Answer::Pending { fields, .. }
            | Answer::Valid { fields }
            | Answer::Ok { fields }
            | Answer::Enrolled { fields }
            | Answer::Invalid { fields, .. } => fields,
        }
    }

    /// The payment instructions of a prepayment or invoice answer (`clearing_*`: the account
    /// the customer pays to, the reference to quote), if the answer has any.
    pub fn clearing(&self) -> Option<Clearing<'_>> {
        Clearing::of(self.fields())
    }

    /// `mandate_identification`: the SEPA mandate a direct debit payment used or created.
    pub fn mandate_identification(&self) -> Option<&str> {
        self.get("mandate_identification")
    }

    /// Reads this answer into the type of a request's own answer (see [`FromAnswer`]).
    pub fn into_typed<T: FromAnswer>(self) -> Result<T, Error> {
        T::from_answer(self)
    }

    /// The value of the first field called `name`, known to this crate or not.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields().get(name)
    }

    /// `txid`, when the answer has one.
    pub fn txid(&self) -> Option<&str> {
        self.get("txid")
    }

    /// `userid`, when the answer has one.
    pub fn userid(&self) -> Option<&str> {
        self.get("userid")
    }
}
