//! Endpoints for the tests and the curious: `GET /` (what is served) and
//! `GET /sandbox/requests` (Server API requests received, per `request`, DirectLink requests,
//! per page, and v2 requests, per operation).

use std::sync::Arc;

use axum::extract::State;

use crate::app::App;

/// `GET /`: the endpoints, one per line.
pub(crate) async fn index() -> &'static str {
    "PAYONE sandbox (test emulation, no real payments)\n\
     POST /post-gateway/          Server API\n\
     GET|POST /client-api/        Client API\n\
     GET|POST /frontend/v2/       Frontend hosted page\n\
     GET /sandbox/3ds/{txid}      3-D Secure challenge\n\
     POST /sandbox/acs            3dscheck: the issuer's 3-D Secure page (acsurl)\n\
     POST /sandbox/acs/term       3dscheck: the termurl\n\
     POST /ncol/test/orderdirect.asp        DirectLink new order\n\
     POST /ncol/test/maintenancedirect.asp  DirectLink maintenance\n\
     POST /ncol/test/querydirect.asp        DirectLink status query\n\
     POST /ncol/test/privacy-policy.asp     DirectLink privacy policy\n\
     GET|POST /sandbox/directlink/3ds/{payid}  DirectLink 3-D Secure challenge\n\
     POST /v2/{merchantId}/payments                           v2 CreatePayment\n\
     GET /v2/{merchantId}/payments/{paymentId}/details        v2 GetPaymentDetails\n\
     POST /v2/{merchantId}/payments/{paymentId}/capture|cancel|refund  v2 maintenance\n\
     GET /v2/sandbox/3ds/{paymentId}  v2 3-D Secure challenge\n\
     GET|POST /sandbox/faults     fault injection\n\
     GET /sandbox/requests        requests received per Server API request type, DirectLink page and v2 operation\n"
}

/// `GET /sandbox/requests`: `name=count` lines, sorted by name; dropped and faulted requests
/// count too, since they reached the sandbox.
pub(crate) async fn requests(State(app): State<Arc<App>>) -> String {
    app.request_counts()
        .iter()
        .map(|(name, count)| format!("{name}={count}\n"))
        .collect()
}
