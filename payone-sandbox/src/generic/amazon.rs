//! Amazon Pay checkout v2 (`clearingtype=wlt`, `wallettype=AMP`)
//! (<https://docs.payone.com/payment-methods/amazon-pay/amazon-pay-checkout-version-2-cv2>).
//!
//! `createCheckoutSessionPayload` answers the button's `add_paydata[payload]` and
//! `add_paydata[signature]`; `getCheckoutSession` the buyer's `add_paydata[email]` and the
//! `add_paydata[shipping_*]` and `add_paydata[billing_*]` addresses: the keys PAYONE's
//! WooCommerce plugin reads (PAYONE-GmbH/woocommerce-3 `src/Payone/Gateway/AmazonPay.php`).
//! The buyer never signs in at Amazon here: the payload and signature are opaque sandbox
//! strings, and the session's buyer is the sandbox's test buyer.

use crate::answer::Answer;
use crate::generic::buyer;

/// `createCheckoutSessionPayload`.
pub(crate) fn checkout_session_payload(workorderid: &str) -> Answer {
    Answer::status("OK")
        .with("workorderid", workorderid)
        .with(
            "add_paydata[payload]",
            format!("sandbox-payload-{workorderid}"),
        )
        .with(
            "add_paydata[signature]",
            format!("sandbox-signature-{workorderid}"),
        )
}

/// `getCheckoutSession`: the test buyer, shipping and billing at the same address.
pub(crate) fn checkout_session(workorderid: &str) -> Answer {
    let answer = Answer::status("OK")
        .with("workorderid", workorderid)
        .with("add_paydata[email]", buyer::EMAIL);
    buyer::address(buyer::address(answer, "shipping"), "billing")
}
