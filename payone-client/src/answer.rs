//! Typed Server API answers. `status=ERROR` is not an answer but an [`Error::Platform`]: a
//! refused request should not be matched like a successful one.

use payone_types::Charset;

use crate::error::{Error, ParseError};
use crate::fields::Fields;
use crate::lines::parse_lines;

/// The `status` of an answer, without its fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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
        }
    }

    /// Every field of the answer, in the order received.
    pub fn fields(&self) -> &Fields {
        match self {
            Answer::Approved { fields, .. }
            | Answer::Redirect { fields, .. }
            | Answer::Pending { fields, .. }
            | Answer::Valid { fields }
            | Answer::Invalid { fields, .. } => fields,
        }
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
