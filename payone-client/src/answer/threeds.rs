//! The answer of 3dscheck: whether the card takes part in 3-D Secure and, if it does, what to
//! post to the card issuer's access control server. Field names as PAYONE's magento-1 plugin
//! reads them (`lib/Payone/Api/Response/3dsCheck/Enrolled.php`, `Valid.php`, `Invalid.php`);
//! the request is on <https://docs.payone.com/integration/channel-server-api/server-api-3dscheck>.

use super::typed::{optional, required, unexpected};
use super::{Answer, FromAnswer};
use crate::error::Error;
use crate::fields::Fields;

/// What the customer's browser posts to the issuer's access control server (`status=ENROLLED`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ThreedsChallenge {
    /// `acsurl`: where the browser posts the form.
    pub acsurl: String,
    /// `pareq`: the payer authentication request, posted as `PaReq`.
    pub pareq: Option<String>,
    /// `termurl`: where the server sends the customer back, posted as `TermUrl`.
    pub termurl: Option<String>,
    /// `md`: merchant data, posted as `MD`.
    pub md: Option<String>,
    /// `xid`: the 3-D Secure transaction ID.
    pub xid: Option<String>,
}

/// The answer of a 3dscheck request.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ThreedsCheckAnswer {
    /// `status=ENROLLED`: the customer must authenticate at the issuer first.
    Enrolled {
        /// The form to post.
        challenge: ThreedsChallenge,
        /// Every field of the answer.
        fields: Fields,
    },
    /// `status=VALID`: no authentication is needed; the payment may go ahead.
    Valid {
        /// `pseudocardpan`, when the check stored the card.
        pseudocardpan: Option<String>,
        /// `truncatedcardpan`: the masked card number.
        truncatedcardpan: Option<String>,
        /// Every field of the answer.
        fields: Fields,
    },
    /// `status=INVALID`: the card failed the check.
    Invalid {
        /// `errorcode`.
        errorcode: Option<String>,
        /// `customermessage`, meant for the customer.
        customermessage: Option<String>,
        /// Every field of the answer.
        fields: Fields,
    },
}

impl FromAnswer for ThreedsCheckAnswer {
    fn from_answer(answer: Answer) -> Result<Self, Error> {
        match answer {
            Answer::Enrolled { .. } => Ok(ThreedsCheckAnswer::Enrolled {
                challenge: ThreedsChallenge {
                    acsurl: required(&answer, "acsurl")?,
                    pareq: optional(&answer, "pareq"),
                    termurl: optional(&answer, "termurl"),
                    md: optional(&answer, "md"),
                    xid: optional(&answer, "xid"),
                },
                fields: answer.into_fields(),
            }),
            Answer::Valid { .. } => Ok(ThreedsCheckAnswer::Valid {
                pseudocardpan: optional(&answer, "pseudocardpan"),
                truncatedcardpan: optional(&answer, "truncatedcardpan"),
                fields: answer.into_fields(),
            }),
            Answer::Invalid { .. } => Ok(ThreedsCheckAnswer::Invalid {
                errorcode: optional(&answer, "errorcode"),
                customermessage: optional(&answer, "customermessage"),
                fields: answer.into_fields(),
            }),
            other => Err(unexpected("3dscheck", &other)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_enrolled_card_gets_the_form_to_post() {
        let answer = Answer::parse(
            "status=ENROLLED\nacsurl=https://acs.example.test/pareq\npareq=eJxVUt\n\
             termurl=https://shop.example.test/3ds\nmd=MD-1\nxid=X-1\n",
        )
        .unwrap();
        let ThreedsCheckAnswer::Enrolled { challenge, .. } =
            ThreedsCheckAnswer::from_answer(answer).unwrap()
        else {
            panic!("not enrolled")
        };
        assert_eq!(challenge.acsurl, "https://acs.example.test/pareq");
        assert_eq!(challenge.pareq.as_deref(), Some("eJxVUt"));
        assert_eq!(challenge.md.as_deref(), Some("MD-1"));
    }

    #[test]
    fn enrolled_without_acsurl_is_a_parse_error_and_valid_goes_ahead() {
        let answer = Answer::parse("status=ENROLLED\npareq=x\n").unwrap();
        let err = ThreedsCheckAnswer::from_answer(answer).unwrap_err();
        assert!(
            err.to_string()
                .contains("the ENROLLED answer has no acsurl"),
            "{err}"
        );
        let answer = Answer::parse(
            "status=VALID\npseudocardpan=9410010000000000001\ntruncatedcardpan=411111XXXXXX1111\n",
        )
        .unwrap();
        assert!(matches!(
            ThreedsCheckAnswer::from_answer(answer).unwrap(),
            ThreedsCheckAnswer::Valid {
                pseudocardpan: Some(_),
                ..
            }
        ));
    }
}
