//! The fault switch: what the next requests to `/post-gateway/` and `/client-api/` suffer, the
//! DirectLink slow mode, and the `/sandbox/faults` endpoint that sets and shows them.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::app::App;
use crate::config::Faults;

/// What to do with one request after the latency.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Action {
    /// Handle it.
    Pass,
    /// Close the connection without an answer.
    Drop,
    /// Answer this status with an empty body.
    Status(StatusCode),
}

/// The faults in force, shared by all connections.
#[derive(Debug, Default)]
pub(crate) struct FaultSwitch(Mutex<Faults>);

impl FaultSwitch {
    /// A switch set to `faults`.
    pub(crate) fn new(faults: Faults) -> Self {
        FaultSwitch(Mutex::new(faults))
    }

    /// Replaces the faults.
    pub(crate) fn set(&self, faults: Faults) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = faults;
    }

    /// The faults in force.
    pub(crate) fn get(&self) -> Faults {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The latency and the action for one request, counting the action down.
    pub(crate) fn take(&self) -> (Duration, Action) {
        let mut faults = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let action = if faults.drop_next > 0 {
            faults.drop_next -= 1;
            Action::Drop
        } else if let Some((status, count)) = faults.status_next
            && count > 0
        {
            faults.status_next = (count > 1).then_some((status, count - 1));
            Action::Status(
                StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            )
        } else {
            Action::Pass
        };
        (faults.latency, action)
    }
}

/// `GET /sandbox/faults`: the faults in force as `name=value` lines.
pub(crate) async fn show(State(app): State<Arc<App>>) -> Response {
    text(&app.faults.get())
}

/// `POST /sandbox/faults`: replaces the faults with the form's `latency_ms`, `drop_next`,
/// `status`, `status_count` and `directlink_order_delay_ms` (absent fields are zero or none;
/// `status` alone counts 1).
pub(crate) async fn set(State(app): State<Arc<App>>, body: Bytes) -> Response {
    match parse(&body) {
        Ok(faults) => {
            app.faults.set(faults.clone());
            text(&faults)
        }
        Err(message) => (StatusCode::BAD_REQUEST, message).into_response(),
    }
}

fn text(faults: &Faults) -> Response {
    let (status, count) = match faults.status_next {
        Some((status, count)) => (status.to_string(), count),
        None => (String::new(), 0),
    };
    let body = format!(
        "latency_ms={}\ndrop_next={}\nstatus={status}\nstatus_count={count}\n\
         directlink_order_delay_ms={}\n",
        faults.latency.as_millis(),
        faults.drop_next,
        faults.directlink_order_delay.as_millis(),
    );
    ([("content-type", "text/plain; charset=UTF-8")], body).into_response()
}

/// Reads the form of `POST /sandbox/faults`; the error is one line naming the field.
fn parse(body: &[u8]) -> Result<Faults, String> {
    let mut faults = Faults::default();
    let mut status = None;
    let mut status_count = None;
    for (name, value) in form_urlencoded::parse(body) {
        let number = |max: u64| {
            value
                .parse::<u64>()
                .ok()
                .filter(|n| *n <= max)
                .ok_or_else(|| format!("{name}: must be a whole number up to {max}\n"))
        };
        match name.as_ref() {
            "latency_ms" => faults.latency = Duration::from_millis(number(600_000)?),
            "drop_next" => faults.drop_next = number(u32::MAX.into())? as u32,
            "status" if value.is_empty() => {}
            "status" => {
                let code = number(999)?;
                if code < 100 {
                    return Err("status: must be an HTTP status 100..=999\n".to_owned());
                }
                status = Some(code as u16);
            }
            "status_count" => status_count = Some(number(u32::MAX.into())? as u32),
            "directlink_order_delay_ms" => {
                faults.directlink_order_delay = Duration::from_millis(number(600_000)?);
            }
            other => return Err(format!("{other}: not a fault setting\n")),
        }
    }
    faults.status_next = status.map(|s| (s, status_count.unwrap_or(1)));
    Ok(faults)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_come_before_statuses_and_count_down() {
        let switch = FaultSwitch::new(Faults {
            latency: Duration::from_millis(5),
            drop_next: 1,
            status_next: Some((503, 2)),
            ..Faults::default()
        });
        assert_eq!(switch.take(), (Duration::from_millis(5), Action::Drop));
        let unavailable = Action::Status(StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(switch.take().1, unavailable);
        assert_eq!(switch.take().1, unavailable);
        assert_eq!(switch.take().1, Action::Pass);
        assert_eq!(switch.get().status_next, None);
    }

    #[test]
    fn the_form_sets_everything_at_once() {
        let faults = parse(b"latency_ms=250&status=503").unwrap();
        assert_eq!(faults.latency, Duration::from_millis(250));
        assert_eq!(faults.status_next, Some((503, 1)));
        assert_eq!(faults.drop_next, 0);
        assert_eq!(parse(b"").unwrap(), Faults::default());
        let slow = parse(b"directlink_order_delay_ms=1500").unwrap();
        assert_eq!(slow.directlink_order_delay, Duration::from_millis(1500));
        assert_eq!(slow.latency, Duration::ZERO);
        assert_eq!(
            parse(b"status=42").unwrap_err(),
            "status: must be an HTTP status 100..=999\n"
        );
        assert_eq!(
            parse(b"colour=red").unwrap_err(),
            "colour: not a fault setting\n"
        );
    }
}
