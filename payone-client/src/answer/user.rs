//! The answer of getuser with `getusertoken=yes` or `type=usertoken`: a token that lets another
//! merchant account of the same merchant copy the debtor
//! (<https://docs.payone.com/integration/channel-server-api/server-api-getuser>).
//!
//! With `type=userdata` the platform answers the debtor's data as JSON instead of
//! `name=value` lines; [`Client::send`](crate::Client::send) cannot read that body and reports a
//! parse error.

use super::typed::{required, unexpected};
use super::{Answer, FromAnswer};
use crate::error::Error;
use crate::fields::Fields;

/// The usertoken answer of a getuser request (`status=APPROVED` or `status=OK`).
#[derive(Clone, PartialEq, Eq)]
pub struct UserAnswer {
    usertoken: String,
    fields: Fields,
}

impl UserAnswer {
    /// `usertoken`: valid for 15 minutes; a preauthorization or authorization of another
    /// merchant account sends it to copy the debtor. Not printed by `Debug`.
    pub fn usertoken(&self) -> &str {
        &self.usertoken
    }

    /// Every field of the answer, unknown ones too.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }
}

impl FromAnswer for UserAnswer {
    fn from_answer(answer: Answer) -> Result<Self, Error> {
        if !matches!(answer, Answer::Approved { .. } | Answer::Ok { .. }) {
            return Err(unexpected("getuser", &answer));
        }
        Ok(UserAnswer {
            usertoken: required(&answer, "usertoken")?,
            fields: answer.into_fields(),
        })
    }
}

impl std::fmt::Debug for UserAnswer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserAnswer")
            .field("usertoken", &payone_types::params::REDACTED)
            .field("fields", &self.fields)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_is_read_and_never_printed() {
        let answer = Answer::parse("status=APPROVED\nusertoken=tok-secret-1\n").unwrap();
        let user = UserAnswer::from_answer(answer).unwrap();
        assert_eq!(user.usertoken(), "tok-secret-1");
        assert!(!format!("{user:?}").contains("tok-secret-1"));
        let answer = Answer::parse("status=OK\n").unwrap();
        assert!(UserAnswer::from_answer(answer).is_err());
    }
}
