//! The bounds of the safe timeout fallback (DirectLink guide, section 6.4): when `orderdirect.asp`
//! does not answer in time, the order is never sent again; `querydirect.asp` is asked for it
//! instead, a bounded number of times.

use std::time::Duration;

use super::response::NcResponse;
use super::status::Status;

/// The most queries one order may cost, whatever the policy asks: the guide asks to use
/// `querydirect.asp` sparingly, or access to it may be blocked.
pub const MAX_QUERIES: u32 = 10;

/// How [`DirectLinkClient::order`](super::DirectLinkClient::order) looks for an order whose
/// answer did not arrive.
///
/// The first query goes out right after the order's timeout; each further one `delay` after
/// the previous one ended; each may take `timeout`. So an order returns at the latest after
/// the order timeout + `max_queries` × `timeout` + (`max_queries` − 1) × `delay`.
///
/// The defaults follow the DirectLink guide, section 6.4: a query should answer within 10 s and may
/// be repeated every 30 s; at most 3 queries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QueryPolicy {
    max_queries: u32,
    delay: Duration,
    timeout: Duration,
}

impl Default for QueryPolicy {
    /// 3 queries, 30 s apart, 10 s each.
    fn default() -> Self {
        QueryPolicy {
            max_queries: 3,
            delay: Duration::from_secs(30),
            timeout: Duration::from_secs(10),
        }
    }
}

impl QueryPolicy {
    /// A policy of at most `max_queries` queries (capped at [`MAX_QUERIES`]; 0 sends none and
    /// leaves the outcome unknown), `delay` apart, each limited to `timeout`.
    pub const fn new(max_queries: u32, delay: Duration, timeout: Duration) -> Self {
        QueryPolicy {
            max_queries: if max_queries > MAX_QUERIES {
                MAX_QUERIES
            } else {
                max_queries
            },
            delay,
            timeout,
        }
    }

    /// The most queries sent for one order.
    pub const fn max_queries(&self) -> u32 {
        self.max_queries
    }

    /// The pause between two queries.
    pub const fn delay(&self) -> Duration {
        self.delay
    }

    /// The time limit of one query.
    pub const fn timeout(&self) -> Duration {
        self.timeout
    }
}

/// Whether a query answer settles what became of the order: it names a payment (a `PAYID`
/// other than 0) and is not STATUS 88 (the query itself failed). An answer without a payment
/// (an unknown ORDERID, perhaps not arrived yet) does not.
pub(crate) fn settles(answer: &NcResponse) -> bool {
    answer.has_payment() && answer.status() != Some(Status::QueryFailed)
}
