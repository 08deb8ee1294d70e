//! What every handler shares: the account, the state, the notifier, the fault switch, the
//! request counter, the v2 payments, and the routes that lead to the handlers.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use axum::Router;
use axum::http::HeaderMap;
use axum::routing::{get, post};

use crate::config::Accounts;
use crate::directlink::{self, store::Store as DirectLinkStore};
use crate::faults::FaultSwitch;
use crate::notify::Notifier;
use crate::state::State;
use crate::v2::{self, V2};
use crate::{acs, client_api, faults, frontend, inspect, provider, server_api, threeds, transfers};

/// The shared part of one sandbox.
pub(crate) struct App {
    pub(crate) accounts: Accounts,
    pub(crate) notifier: Notifier,
    pub(crate) faults: FaultSwitch,
    /// `http://127.0.0.1:PORT`: for links when a request carries no usable `Host`.
    pub(crate) base_url: String,
    /// The v2 JSON API: its account, payments and webhooks.
    pub(crate) v2: V2,
    state: Mutex<State>,
    /// DirectLink orders.
    directlink: Mutex<DirectLinkStore>,
    /// Server API requests received, per `request` value, DirectLink requests per page
    /// (`directlink.orderdirect`, ...) and v2 requests per operation (`v2.create_payment`, ...).
    /// Names are the sandbox's own, never the caller's text, so the map cannot outgrow the
    /// list of requests it serves.
    requests: Mutex<BTreeMap<&'static str, u64>>,
}

impl App {
    /// A fresh sandbox behind `base_url`, keeping at most `cap` records of each kind.
    pub(crate) fn new(
        accounts: Accounts,
        notifier: Notifier,
        webhooks: v2::webhooks::Webhooks,
        faults: FaultSwitch,
        base_url: String,
        cap: usize,
    ) -> Self {
        App {
            v2: V2::new(accounts.v2.clone(), webhooks, cap),
            accounts,
            notifier,
            faults,
            base_url,
            state: Mutex::new(State::new(cap)),
            directlink: Mutex::new(DirectLinkStore::new(cap)),
            requests: Mutex::new(BTreeMap::new()),
        }
    }

    /// The state, locked. Never held across an `.await`.
    pub(crate) fn state(&self) -> MutexGuard<'_, State> {
        // Handlers change the state in single steps; a panic cannot leave half an update.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The DirectLink orders, locked. Never held across an `.await`.
    pub(crate) fn directlink(&self) -> MutexGuard<'_, DirectLinkStore> {
        self.directlink
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// How many records of each kind are kept now.
    pub(crate) fn stored(&self) -> crate::server::Stored {
        let (transactions, checkouts) = self.state().kept();
        let (v2_hosted_tokenizations, v2_tokens) = self.v2.tokens().len();
        crate::server::Stored {
            transactions,
            checkouts,
            threeds_authentications: self.state().threeds.len(),
            directlink_orders: self.directlink().len(),
            v2_payments: self.v2.store().len(),
            v2_hosted_tokenizations,
            v2_tokens,
            v2_hosted_checkouts: self.v2.checkouts().len(),
            v2_mandates: self.v2.mandates().len(),
            v2_payment_links: self.v2.payment_links().len(),
            notifications: self.notifier.len(),
            webhooks: self.v2.webhooks.len(),
        }
    }

    /// Counts one Server API request (by its `request`), DirectLink request (by its page) or
    /// v2 request (by its operation).
    pub(crate) fn count_request(&self, name: &'static str) {
        let mut counts = self.requests.lock().unwrap_or_else(PoisonError::into_inner);
        *counts.entry(name).or_default() += 1;
    }

    /// Requests received so far, per Server API `request` value, DirectLink page and v2
    /// operation.
    pub(crate) fn request_counts(&self) -> BTreeMap<String, u64> {
        self.requests
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .map(|(name, count)| ((*name).to_owned(), *count))
            .collect()
    }

    /// The base URL the client used (its `Host` header), for links it must be able to follow;
    /// `base_url` when the header is missing or holds more than a host and port.
    pub(crate) fn public_base(&self, headers: &HeaderMap) -> String {
        let host = headers
            .get(axum::http::header::HOST)
            .and_then(|h| h.to_str().ok())
            .filter(|h| {
                !h.is_empty()
                    && h.chars()
                        .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
            });
        match host {
            Some(host) => format!("http://{host}"),
            None => self.base_url.clone(),
        }
    }
}

/// Every route of the sandbox.
pub(crate) fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(inspect::index))
        .route("/post-gateway/", post(server_api::handle))
        .route("/post-gateway", post(server_api::handle))
        .route(
            "/client-api/",
            get(client_api::handle).post(client_api::handle),
        )
        .route(
            "/client-api",
            get(client_api::handle).post(client_api::handle),
        )
        .route("/frontend/v2/", get(frontend::page).post(frontend::page))
        .route("/frontend/v2", get(frontend::page).post(frontend::page))
        .route("/frontend/v2/pay", post(frontend::pay))
        .route("/frontend/v2/cancel", get(frontend::cancel))
        .route("/sandbox/3ds/{txid}", get(threeds::page))
        .route("/sandbox/3ds/{txid}/complete", get(threeds::complete))
        .route("/sandbox/acs", post(acs::page))
        .route("/sandbox/acs/term", post(acs::term))
        .route("/sandbox/acs/{n}/complete", get(acs::complete))
        .route("/sandbox/redirect/{txid}", get(provider::page))
        .route("/sandbox/redirect/{txid}/complete", get(provider::complete))
        .route("/sandbox/transfers/{txid}", post(transfers::handle))
        .route("/sandbox/faults", get(faults::show).post(faults::set))
        .route("/sandbox/requests", get(inspect::requests))
        .route(
            "/ncol/test/orderdirect.asp",
            post(directlink::order::handle),
        )
        .route(
            "/ncol/test/maintenancedirect.asp",
            post(directlink::maintenance::handle),
        )
        .route(
            "/ncol/test/querydirect.asp",
            post(directlink::query::handle),
        )
        .route(
            "/ncol/test/privacy-policy.asp",
            post(directlink::privacy::handle),
        )
        .route(
            "/sandbox/directlink/3ds/{payid}",
            get(directlink::threeds::page).post(directlink::threeds::page),
        )
        .route(
            "/sandbox/directlink/3ds/{payid}/complete",
            get(directlink::threeds::complete),
        )
        .route("/v2/{merchantId}/payments", post(v2::create::handle))
        .route(
            "/v2/{merchantId}/payments/{paymentId}/details",
            get(v2::details::handle),
        )
        .route(
            "/v2/{merchantId}/payments/{paymentId}/capture",
            post(v2::capture::handle),
        )
        .route(
            "/v2/{merchantId}/payments/{paymentId}/cancel",
            post(v2::cancel::handle),
        )
        .route(
            "/v2/{merchantId}/payments/{paymentId}/refund",
            post(v2::refund::handle),
        )
        .route(
            "/v2/{merchantId}/hostedtokenizations",
            post(v2::tokens::create),
        )
        .route(
            "/v2/{merchantId}/hostedtokenizations/{hostedTokenizationId}",
            get(v2::tokens::get_session),
        )
        .route(
            "/v2/{merchantId}/tokens/{tokenId}",
            get(v2::tokens::get_token).delete(v2::tokens::delete_token),
        )
        .route("/v2/{merchantId}/tokens", post(v2::tokens::create_token))
        .route(
            "/v2/{merchantId}/payments/{paymentId}/captures",
            get(v2::lists::captures),
        )
        .route(
            "/v2/{merchantId}/payments/{paymentId}/refunds",
            get(v2::lists::refunds),
        )
        .route("/v2/{merchantId}/products", get(v2::products::list))
        .route(
            "/v2/{merchantId}/products/{paymentProductId}",
            get(v2::products::one),
        )
        .route("/v2/{merchantId}/mandates", post(v2::mandates::create))
        .route(
            "/v2/{merchantId}/mandates/{uniqueMandateReference}",
            get(v2::mandates::get),
        )
        .route(
            "/v2/{merchantId}/mandates/{uniqueMandateReference}/block",
            post(v2::mandates::block),
        )
        .route(
            "/v2/{merchantId}/mandates/{uniqueMandateReference}/unblock",
            post(v2::mandates::unblock),
        )
        .route(
            "/v2/{merchantId}/mandates/{uniqueMandateReference}/revoke",
            post(v2::mandates::revoke),
        )
        .route(
            "/v2/{merchantId}/paymentlinks",
            post(v2::payment_links::create),
        )
        .route(
            "/v2/{merchantId}/paymentlinks/{paymentLinkId}",
            get(v2::payment_links::get),
        )
        .route(
            "/v2/{merchantId}/paymentlinks/{paymentLinkId}/cancel",
            post(v2::payment_links::cancel),
        )
        .route(
            "/v2/sandbox/paymentlink/{paymentLinkId}",
            get(v2::payment_links::form).post(v2::payment_links::pay),
        )
        .route("/v2/{merchantId}/sessions", post(v2::sessions::create))
        .route(
            "/v2/{merchantId}/services/testconnection",
            get(v2::services::test_connection),
        )
        .route(
            "/v2/{merchantId}/services/getIINdetails",
            post(v2::services::iin_details),
        )
        .route(
            "/v2/sandbox/tokenization/{hostedTokenizationId}",
            get(v2::tokens::form).post(v2::tokens::submit),
        )
        .route(
            "/v2/{merchantId}/payments/{paymentId}",
            get(v2::follow_up::get),
        )
        .route(
            "/v2/{merchantId}/payments/{paymentId}/complete",
            post(v2::follow_up::complete),
        )
        .route(
            "/v2/{merchantId}/payments/{paymentId}/subsequent",
            post(v2::follow_up::subsequent),
        )
        .route(
            "/v2/{merchantId}/hostedcheckouts",
            post(v2::hosted_checkout::create),
        )
        .route(
            "/v2/{merchantId}/hostedcheckouts/{hostedCheckoutId}",
            get(v2::hosted_checkout::get),
        )
        .route(
            "/v2/sandbox/hostedcheckout/{hostedCheckoutId}",
            get(v2::hosted_checkout::form).post(v2::hosted_checkout::pay),
        )
        .route(
            "/v2/sandbox/hostedcheckout/{hostedCheckoutId}/cancel",
            post(v2::hosted_checkout::cancel),
        )
        .route("/v2/sandbox/3ds/{paymentId}", get(v2::three_ds::page))
        .route(
            "/v2/sandbox/3ds/{paymentId}/complete",
            get(v2::three_ds::complete),
        )
        .with_state(app)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Faults;
    use axum::http::HeaderValue;

    #[test]
    fn links_follow_the_host_the_client_used() {
        let notifier = Notifier::new(None, Default::default(), 1, 10, Accounts::default()).unwrap();
        let webhooks =
            v2::webhooks::Webhooks::new(None, Default::default(), 1, 10, &Default::default())
                .unwrap();
        let app = App::new(
            Accounts::default(),
            notifier,
            webhooks,
            FaultSwitch::new(Faults::default()),
            "http://127.0.0.1:1".into(),
            10,
        );
        let mut headers = HeaderMap::new();
        assert_eq!(app.public_base(&headers), "http://127.0.0.1:1");
        headers.insert("host", HeaderValue::from_static("sandbox:8080"));
        assert_eq!(app.public_base(&headers), "http://sandbox:8080");
        headers.insert("host", HeaderValue::from_static("evil/\"><script>"));
        assert_eq!(app.public_base(&headers), "http://127.0.0.1:1");
    }
}
