//! Why a DirectLink answer could not be read. Messages name attributes and elements, never
//! their values.

/// Why a DirectLink answer could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AnswerError {
    /// The body is not XML that can be read, even tolerantly.
    #[error("the answer is not well-formed XML (near byte {position})")]
    Malformed {
        /// The byte offset where reading failed.
        position: u64,
    },
    /// Elements nest deeper than the platform's answers ever do.
    #[error("the answer nests elements deeper than {limit} levels")]
    TooDeep {
        /// The deepest nesting read.
        limit: usize,
    },
    /// More elements than the platform's answers ever carry.
    #[error("the answer has more than {limit} elements")]
    TooManyElements {
        /// The most elements read.
        limit: usize,
    },
    /// The body ends before every element is closed.
    #[error("the answer ends before its XML elements are closed")]
    Incomplete,
    /// No `<ncresponse>` element.
    #[error("the answer has no ncresponse element")]
    NoNcResponse,
    /// No `<Response>` element (privacy policy).
    #[error("the answer has no Response element")]
    NoResponse,
    /// A required element is missing (privacy policy `Status`).
    #[error("the answer has no {0} element")]
    MissingElement(&'static str),
    /// Neither `STATUS` nor `NCERROR`: nothing tells what happened.
    #[error("the answer has neither a STATUS nor an NCERROR")]
    NoStatus,
    /// A numeric attribute that is not a number.
    #[error("the answer's {0} attribute is not a number")]
    NotANumber(&'static str),
    /// `HTML_ANSWER` that is not base64.
    #[error("the answer's HTML_ANSWER is not valid base64")]
    HtmlAnswer,
}
