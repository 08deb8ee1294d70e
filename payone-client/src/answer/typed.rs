//! Reading a request's own answer type out of the [`Answer`] every request gets.

use super::Answer;
use crate::error::{Error, ParseError};

/// An answer type that a request's [`Answer`] is read into.
///
/// [`Client::send_typed`](crate::Client::send_typed) sends a request and reads its answer into
/// the type its request names; [`Answer::into_typed`] does the same for
/// an answer already received.
pub trait FromAnswer: Sized {
    /// Reads `answer`. A status the request is never answered with, or a field that its status
    /// always carries and that is missing, is an [`Error::Parse`].
    fn from_answer(answer: Answer) -> Result<Self, Error>;
}

impl FromAnswer for Answer {
    fn from_answer(answer: Answer) -> Result<Self, Error> {
        Ok(answer)
    }
}

/// The error of a status that `request` is never answered with.
pub(super) fn unexpected(request: &'static str, answer: &Answer) -> Error {
    Error::Parse(ParseError::UnexpectedStatus {
        request,
        status: answer.status().as_str(),
    })
}

/// The value of `name`, which the answer's status always carries.
pub(super) fn required(answer: &Answer, field: &'static str) -> Result<String, Error> {
    answer
        .get(field)
        .filter(|value| !value.is_empty())
        .map(str::to_owned)
        .ok_or(Error::Parse(ParseError::MissingField {
            status: answer.status().as_str(),
            field,
        }))
}

/// The value of `name`, if the answer has a non-empty one.
pub(super) fn optional(answer: &Answer, field: &str) -> Option<String> {
    answer
        .get(field)
        .filter(|value| !value.is_empty())
        .map(str::to_owned)
}
