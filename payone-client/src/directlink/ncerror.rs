//! The `NCERROR` of a DirectLink answer.

use std::fmt;

/// A non-zero `NCERROR`. An empty `NCERROR` or `0` means no error and is not represented.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NcError {
    /// 50001113: the order was already processed (a duplicate ORDERID, the DirectLink guide,
    /// section 4.1).
    OrderAlreadyProcessed,
    /// 50001127: the order is not in a correct status for this maintenance (what a maintenance
    /// request sent twice gets, the DirectLink guide, section 5.3).
    OrderNotInCorrectStatus,
    /// 50001111: data validation error.
    DataValidation,
    /// 50001184: the SHA-IN signature does not match.
    ShaMismatch,
    /// Another error code; `NCERRORPLUS` explains it.
    Other(u32),
}

impl NcError {
    /// The error for a numeric `NCERROR`, or `None` for 0 (no error).
    pub const fn from_code(code: u32) -> Option<NcError> {
        Some(match code {
            0 => return None,
            50001113 => NcError::OrderAlreadyProcessed,
            50001127 => NcError::OrderNotInCorrectStatus,
            50001111 => NcError::DataValidation,
            50001184 => NcError::ShaMismatch,
            other => NcError::Other(other),
        })
    }

    /// The numeric `NCERROR`.
    pub const fn code(self) -> u32 {
        match self {
            NcError::OrderAlreadyProcessed => 50001113,
            NcError::OrderNotInCorrectStatus => 50001127,
            NcError::DataValidation => 50001111,
            NcError::ShaMismatch => 50001184,
            NcError::Other(code) => code,
        }
    }

    /// What the error means, in English, or `None` for [`NcError::Other`].
    pub const fn description(self) -> Option<&'static str> {
        Some(match self {
            NcError::OrderAlreadyProcessed => "order already processed",
            NcError::OrderNotInCorrectStatus => "order not in a correct status",
            NcError::DataValidation => "data validation error",
            NcError::ShaMismatch => "SHA-IN signature mismatch",
            NcError::Other(_) => return None,
        })
    }
}

impl fmt::Display for NcError {
    /// `NCERROR 50001113 (order already processed)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.description() {
            Some(description) => write!(f, "NCERROR {} ({description})", self.code()),
            None => write!(f, "NCERROR {}", self.code()),
        }
    }
}
