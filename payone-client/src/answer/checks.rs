//! The answers of the two checks of the PAYONE Protect module: addresscheck
//! (<https://docs.payone.com/integration/channel-server-api/server-api-addresscheck>) and
//! consumerscore (<https://docs.payone.com/integration/channel-server-api/server-api-consumerscore>).
//! Value lists: personstatus from its definition page
//! (<https://docs.payone.com/display/public/PLATFORM/personstatus+-+definition>); secstatus,
//! score and divergence as PAYONE's magento-1 plugin reads them
//! (`lib/Payone/Api/Enum/AddressCheckSecstatus.php`, `ConsumerscoreScore.php`,
//! `AddressCheckDivergence.php`).

use super::typed::{optional, unexpected};
use super::{Answer, FromAnswer};
use crate::error::Error;
use crate::fields::Fields;

/// The address as the check returns it: corrected where the provider could correct it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CheckedAddress {
    /// `street` (name and number in one field).
    pub street: Option<String>,
    /// `streetname`.
    pub streetname: Option<String>,
    /// `streetnumber`.
    pub streetnumber: Option<String>,
    /// `zip`.
    pub zip: Option<String>,
    /// `city`.
    pub city: Option<String>,
}

impl CheckedAddress {
    fn read(answer: &Answer) -> CheckedAddress {
        CheckedAddress {
            street: optional(answer, "street"),
            streetname: optional(answer, "streetname"),
            streetnumber: optional(answer, "streetnumber"),
            zip: optional(answer, "zip"),
            city: optional(answer, "city"),
        }
    }
}

/// `secstatus`: how the address fared.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SecStatus {
    /// `10`: the address is correct.
    Correct,
    /// `20`: the address was corrected; use the corrected one.
    Corrected,
    /// `30`: the address is wrong and could not be corrected.
    NotCorrectable,
    /// A value this crate does not know, kept as received.
    Other(String),
}

impl SecStatus {
    fn parse(value: &str) -> SecStatus {
        match value {
            "10" => SecStatus::Correct,
            "20" => SecStatus::Corrected,
            "30" => SecStatus::NotCorrectable,
            other => SecStatus::Other(other.to_owned()),
        }
    }
}

/// `personstatus`: what the person check found (addresschecktype PE or PB).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PersonStatus {
    /// `NONE`: no person check was done.
    None,
    /// `PPB`: the person is known at this address.
    PersonKnown,
    /// `PHB`: the last name is known at this address.
    LastNameKnown,
    /// `PAB`: neither first nor last name is known at this address.
    NameUnknown,
    /// `PKI`: name and address are ambiguous.
    Ambiguous,
    /// `PNP`: the address cannot be checked (for example an invented name).
    NotCheckable,
    /// `PNZ`: nothing can be delivered to the person there (any more).
    Undeliverable,
    /// `PPV`: the person is deceased.
    Deceased,
    /// `PPF`: the postal address is wrong.
    AddressWrong,
    /// `PUG`: the postal address is right but the building is unknown.
    BuildingUnknown,
    /// `PUZ`: the person has moved; the address was not corrected.
    Moved,
    /// `UKN`: the provider's answer could not be mapped.
    Unknown,
    /// A value this crate does not know, kept as received.
    Other(String),
}

impl PersonStatus {
    fn parse(value: &str) -> PersonStatus {
        match value {
            "NONE" => PersonStatus::None,
            "PPB" => PersonStatus::PersonKnown,
            "PHB" => PersonStatus::LastNameKnown,
            "PAB" => PersonStatus::NameUnknown,
            "PKI" => PersonStatus::Ambiguous,
            "PNP" => PersonStatus::NotCheckable,
            "PNZ" => PersonStatus::Undeliverable,
            "PPV" => PersonStatus::Deceased,
            "PPF" => PersonStatus::AddressWrong,
            "PUG" => PersonStatus::BuildingUnknown,
            "PUZ" => PersonStatus::Moved,
            "UKN" => PersonStatus::Unknown,
            other => PersonStatus::Other(other.to_owned()),
        }
    }
}

/// `score` of a consumerscore: the traffic light of the customer's creditworthiness.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Score {
    /// `G`: green, no adverse information.
    Green,
    /// `Y`: yellow, some risk.
    Yellow,
    /// `R`: red, high risk.
    Red,
    /// A value this crate does not know, kept as received.
    Other(String),
}

impl Score {
    fn parse(value: &str) -> Score {
        match value {
            "G" => Score::Green,
            "Y" => Score::Yellow,
            "R" => Score::Red,
            other => Score::Other(other.to_owned()),
        }
    }
}

/// The answer of an addresscheck.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AddressCheckAnswer {
    /// `status=VALID`: the address exists, as sent or corrected.
    #[non_exhaustive]
    Valid {
        /// `secstatus`.
        secstatus: Option<SecStatus>,
        /// `personstatus`, for a person check.
        personstatus: Option<PersonStatus>,
        /// The address the check returned.
        address: CheckedAddress,
        /// Every field of the answer.
        fields: Fields,
    },
    /// `status=INVALID`: the address could not be confirmed.
    #[non_exhaustive]
    Invalid {
        /// `errorcode`.
        errorcode: Option<String>,
        /// `customermessage`, meant for the customer.
        customermessage: Option<String>,
        /// `secstatus`.
        secstatus: Option<SecStatus>,
        /// Every field of the answer.
        fields: Fields,
    },
}

impl FromAnswer for AddressCheckAnswer {
    fn from_answer(answer: Answer) -> Result<Self, Error> {
        let secstatus = optional(&answer, "secstatus").map(|s| SecStatus::parse(&s));
        match answer {
            Answer::Valid { .. } => Ok(AddressCheckAnswer::Valid {
                secstatus,
                personstatus: optional(&answer, "personstatus").map(|s| PersonStatus::parse(&s)),
                address: CheckedAddress::read(&answer),
                fields: answer.into_fields(),
            }),
            Answer::Invalid { .. } => Ok(AddressCheckAnswer::Invalid {
                errorcode: optional(&answer, "errorcode"),
                customermessage: optional(&answer, "customermessage"),
                secstatus,
                fields: answer.into_fields(),
            }),
            other => Err(unexpected("addresscheck", &other)),
        }
    }
}

/// The answer of a consumerscore.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConsumerScoreAnswer {
    /// `status=VALID`: a score was determined.
    #[non_exhaustive]
    Valid {
        /// `score`.
        score: Option<Score>,
        /// `scorevalue`, the provider's numeric score.
        scorevalue: Option<String>,
        /// `secscore`, the provider's own score code.
        secscore: Option<String>,
        /// `divergence`: which of the customer's data differ from the provider's.
        divergence: Option<String>,
        /// `personstatus` of the address check done with the score.
        personstatus: Option<PersonStatus>,
        /// The address the check returned.
        address: CheckedAddress,
        /// Every field of the answer.
        fields: Fields,
    },
    /// `status=INVALID`: no score could be determined.
    #[non_exhaustive]
    Invalid {
        /// `errorcode`.
        errorcode: Option<String>,
        /// `customermessage`, meant for the customer.
        customermessage: Option<String>,
        /// Every field of the answer.
        fields: Fields,
    },
}

impl FromAnswer for ConsumerScoreAnswer {
    fn from_answer(answer: Answer) -> Result<Self, Error> {
        match answer {
            Answer::Valid { .. } => Ok(ConsumerScoreAnswer::Valid {
                score: optional(&answer, "score").map(|s| Score::parse(&s)),
                scorevalue: optional(&answer, "scorevalue"),
                secscore: optional(&answer, "secscore"),
                divergence: optional(&answer, "divergence"),
                personstatus: optional(&answer, "personstatus").map(|s| PersonStatus::parse(&s)),
                address: CheckedAddress::read(&answer),
                fields: answer.into_fields(),
            }),
            Answer::Invalid { .. } => Ok(ConsumerScoreAnswer::Invalid {
                errorcode: optional(&answer, "errorcode"),
                customermessage: optional(&answer, "customermessage"),
                fields: answer.into_fields(),
            }),
            other => Err(unexpected("consumerscore", &other)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_corrected_address_is_returned_with_its_status() {
        let answer = Answer::parse(
            "status=VALID\nsecstatus=20\npersonstatus=PPB\nstreet=Hellersbergstr. 14\nzip=41460\ncity=Neuss\n",
        )
        .unwrap();
        let AddressCheckAnswer::Valid {
            secstatus,
            personstatus,
            address,
            ..
        } = AddressCheckAnswer::from_answer(answer).unwrap()
        else {
            panic!("not valid")
        };
        assert_eq!(secstatus, Some(SecStatus::Corrected));
        assert_eq!(personstatus, Some(PersonStatus::PersonKnown));
        assert_eq!(address.street.as_deref(), Some("Hellersbergstr. 14"));
        assert_eq!(address.city.as_deref(), Some("Neuss"));
        assert_eq!(address.streetname, None);
    }

    #[test]
    fn an_invalid_address_keeps_its_error_and_other_statuses_are_refused() {
        let answer = Answer::parse(
            "status=INVALID\nsecstatus=30\nerrorcode=1001\ncustomermessage=Bitte pruefen\n",
        )
        .unwrap();
        let AddressCheckAnswer::Invalid {
            errorcode,
            secstatus,
            ..
        } = AddressCheckAnswer::from_answer(answer).unwrap()
        else {
            panic!("not invalid")
        };
        assert_eq!(errorcode.as_deref(), Some("1001"));
        assert_eq!(secstatus, Some(SecStatus::NotCorrectable));
        let approved = Answer::parse("status=APPROVED\ntxid=1\n").unwrap();
        assert!(AddressCheckAnswer::from_answer(approved).is_err());
    }

    #[test]
    fn a_score_is_read_and_unknown_codes_are_kept() {
        let answer = Answer::parse(
            "status=VALID\nscore=Y\nscorevalue=512\nsecscore=B\npersonstatus=XYZ\ncity=Neuss\n",
        )
        .unwrap();
        let ConsumerScoreAnswer::Valid {
            score,
            scorevalue,
            personstatus,
            address,
            ..
        } = ConsumerScoreAnswer::from_answer(answer).unwrap()
        else {
            panic!("not valid")
        };
        assert_eq!(score, Some(Score::Yellow));
        assert_eq!(scorevalue.as_deref(), Some("512"));
        assert_eq!(personstatus, Some(PersonStatus::Other("XYZ".to_owned())));
        assert_eq!(address.city.as_deref(), Some("Neuss"));
    }
}
