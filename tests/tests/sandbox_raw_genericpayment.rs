//! Every genericpayment action of the tables, spoken as raw HTTP (form bodies written by hand,
//! not through `payone_client`): each valid call answered as the sandbox's contract documents
//! it, the same call without a parameter its action needs refused naming that parameter
//! (errorcode 1), and with a wrong `key` refused (6).

mod common;

use common::*;

/// `(action, a valid body after the account, a line the answer must hold, the parameter to
/// break, how: None removes it, Some(v) replaces its value)`. `{wo}` stands for the workorderid
/// of a checkout opened before.
const CASES: &[(&str, &str, &str, &str, Option<&str>)] = &[
    (
        "installment_options",
        "clearingtype=fnc&financingtype=PIN&add_paydata%5Baction%5D=installment_options\
         &add_paydata%5BbusinessRelation%5D=b2c&amount=20000&currency=EUR",
        "add_paydata[installment_option_id_0]=IOP_",
        "add_paydata[businessRelation]",
        None,
    ),
    (
        "profile",
        "clearingtype=fnc&financingtype=RPV&add_paydata%5Baction%5D=profile\
         &add_paydata%5Bshop_id%5D=88880103&currency=EUR",
        "add_paydata[month-allowed]=3,6,12,24",
        "add_paydata[shop_id]",
        None,
    ),
    (
        "calculation (Ratepay)",
        "clearingtype=fnc&financingtype=RPS&add_paydata%5Baction%5D=calculation\
         &add_paydata%5Bshop_id%5D=88880103&add_paydata%5Bcustomer_allow_credit_inquiry%5D=yes\
         &add_paydata%5Bcalculation_type%5D=calculation-by-time&add_paydata%5Bmonth%5D=12\
         &amount=100000&currency=EUR",
        "add_paydata[number-of-rates]=12",
        "add_paydata[month]",
        None,
    ),
    (
        "pre_check",
        "clearingtype=fnc&financingtype=PYS&add_paydata%5Baction%5D=pre_check\
         &add_paydata%5Bpayment_type%5D=Payolution-Installment&amount=100000&currency=EUR\
         &lastname=Mustermann&birthday=19800101",
        "workorderid=WX",
        "add_paydata[payment_type]",
        None,
    ),
    (
        "calculation (Unzer)",
        "clearingtype=fnc&financingtype=PYS&add_paydata%5Baction%5D=calculation\
         &workorderid={wo}&amount=100000&currency=EUR",
        "add_paydata[PaymentDetails_3_Duration]=12",
        "workorderid",
        None,
    ),
    (
        "createCheckoutSessionPayload",
        "clearingtype=wlt&wallettype=AMP&add_paydata%5Baction%5D=createCheckoutSessionPayload\
         &add_paydata%5Bplatform_id%5D=P-1&amount=4200&currency=EUR",
        "add_paydata[signature]=sandbox-signature-WX",
        "add_paydata[platform_id]",
        None,
    ),
    (
        "getCheckoutSession",
        "clearingtype=wlt&wallettype=AMP&add_paydata%5Baction%5D=getCheckoutSession\
         &add_paydata%5Bplatform_id%5D=P-1&workorderid={wo}",
        "add_paydata[billing_city]=Neuss",
        "add_paydata[platform_id]",
        None,
    ),
    (
        "updateCheckoutSession",
        "clearingtype=wlt&wallettype=AMP&add_paydata%5Baction%5D=updateCheckoutSession\
         &add_paydata%5Bplatform_id%5D=P-1&workorderid={wo}&amount=4500&currency=EUR",
        "workorderid={wo}",
        "add_paydata[platform_id]",
        None,
    ),
    (
        "update_order",
        "clearingtype=wlt&wallettype=PAL&add_paydata%5Baction%5D=update_order\
         &workorderid={wo}&amount=4500&currency=EUR",
        "workorderid={wo}",
        "wallettype",
        None,
    ),
    (
        "getconfiguration",
        "clearingtype=wlt&wallettype=AMZ&add_paydata%5Baction%5D=getconfiguration&currency=EUR",
        "workorderid=WX",
        "wallettype",
        None,
    ),
    (
        "getorderreferencedetails",
        "clearingtype=wlt&wallettype=AMZ&add_paydata%5Baction%5D=getorderreferencedetails\
         &add_paydata%5Bamazon_reference_id%5D=S02-1&add_paydata%5Bamazon_address_token%5D=T-1\
         &workorderid={wo}&currency=EUR",
        "workorderid={wo}",
        "add_paydata[amazon_reference_id]",
        None,
    ),
    (
        "setorderreferencedetails",
        "clearingtype=wlt&wallettype=AMZ&add_paydata%5Baction%5D=setorderreferencedetails\
         &add_paydata%5Bamazon_reference_id%5D=S02-1&workorderid={wo}&amount=4500&currency=EUR",
        "workorderid={wo}",
        "add_paydata[amazon_reference_id]",
        None,
    ),
    (
        "confirmorderreference",
        "clearingtype=wlt&wallettype=AMZ&add_paydata%5Baction%5D=confirmorderreference\
         &add_paydata%5Bamazon_reference_id%5D=S02-1&workorderid={wo}&amount=4500&currency=EUR",
        "workorderid={wo}",
        "add_paydata[amazon_reference_id]",
        None,
    ),
    (
        "cancelorderreference",
        "clearingtype=wlt&wallettype=AMZ&add_paydata%5Baction%5D=cancelorderreference\
         &add_paydata%5Bamazon_reference_id%5D=S02-1&workorderid={wo}",
        "workorderid={wo}",
        "add_paydata[amazon_reference_id]",
        None,
    ),
    (
        "checkout",
        "clearingtype=wlt&wallettype=PDT&add_paydata%5Baction%5D=checkout\
         &add_paydata%5Btype%5D=order\
         &add_paydata%5Bweb_url_shipping_terms%5D=https%3A%2F%2Fs.example%2Fterms\
         &amount=4500&currency=EUR",
        "workorderid=WX",
        "add_paydata[type]",
        None,
    ),
    (
        "register_alias",
        "clearingtype=sb&onlinebanktransfertype=PFF&bankcountry=CH\
         &add_paydata%5Baction%5D=register_alias&currency=CHF",
        "workorderid=WX",
        "clearingtype",
        Some("cash"),
    ),
    (
        "refund_announcement",
        "clearingtype=fnc&financingtype=PYV&add_paydata%5Baction%5D=refund_announcement\
         &txid=100000001&workorderid={wo}&currency=EUR",
        "workorderid={wo}",
        "txid",
        None,
    ),
];

/// `body` with `param` removed or its value replaced.
fn broken(body: &str, param: &str, value: Option<&str>) -> String {
    let encoded: String = form_urlencoded::byte_serialize(param.as_bytes()).collect();
    body.split('&')
        .filter_map(|pair| {
            let name = pair.split('=').next().unwrap_or_default();
            if name != encoded {
                return Some(pair.to_owned());
            }
            value.map(|v| {
                let v: String = form_urlencoded::byte_serialize(v.as_bytes()).collect();
                format!("{name}={v}")
            })
        })
        .collect::<Vec<_>>()
        .join("&")
}

fn text(answer: &[u8]) -> String {
    String::from_utf8_lossy(answer).into_owned()
}

/// The value of `name` in an answer's lines.
fn field<'a>(answer: &'a str, name: &str) -> Option<&'a str> {
    answer
        .lines()
        .find_map(|line| line.strip_prefix(name)?.strip_prefix('='))
}

#[tokio::test]
async fn each_action_is_answered_refused_without_its_parameter_and_for_a_wrong_key() {
    let env = Env::start().await;
    // A checkout to continue: its workorderid is what the later calls repeat.
    let (_, opened) = env
        .post_raw(format!(
            "{}&clearingtype=fnc&financingtype=PYS&add_paydata%5Baction%5D=pre_check\
             &add_paydata%5Bpayment_type%5D=Payolution-Installment&amount=100000&currency=EUR",
            raw_account("genericpayment", "UTF-8")
        ))
        .await;
    let opened = text(&opened);
    let wo = field(&opened, "workorderid")
        .unwrap_or_else(|| panic!("no workorderid: {opened}"))
        .to_owned();
    assert_eq!(wo, "WX0000000001");

    for (action, body, expected, param, value) in CASES {
        let body = body.replace("{wo}", &wo);
        let expected = expected.replace("{wo}", &wo);
        let valid = format!("{}&{body}", raw_account("genericpayment", "UTF-8"));
        let (content_type, answer) = env.post_raw(valid.clone()).await;
        let answer = text(&answer);
        assert!(content_type.starts_with("text/plain"), "{action}");
        assert!(answer.starts_with("status=OK\n"), "{action}: {answer}");
        assert!(
            answer.lines().any(|line| line.starts_with(&expected)),
            "{action}: no `{expected}` in {answer}"
        );

        let (_, refused) = env.post_raw(broken(&valid, param, *value)).await;
        let refused = text(&refused);
        assert!(
            refused.starts_with("status=ERROR\nerrorcode=1\n"),
            "{action} without {param}: {refused}"
        );
        assert!(
            refused.contains(&format!(
                "errormessage=Parameter {{{param}}} faulty or missing"
            )),
            "{action} without {param}: {refused}"
        );

        let (_, wrong_key) = env
            .post_raw(valid.replace(&key_md5(), "0123456789abcdef0123456789abcdef"))
            .await;
        assert!(
            text(&wrong_key).starts_with("status=ERROR\nerrorcode=6\n"),
            "{action} with a wrong key: {}",
            text(&wrong_key)
        );
    }
    env.shutdown().await;
}

#[tokio::test]
async fn a_continued_checkout_needs_a_workorderid_the_sandbox_issued() {
    let env = Env::start().await;
    for action in ["getCheckoutSession", "updateCheckoutSession"] {
        let body = format!(
            "{}&clearingtype=wlt&wallettype=AMP&add_paydata%5Baction%5D={action}\
             &add_paydata%5Bplatform_id%5D=P-1&workorderid=WX0000000099",
            raw_account("genericpayment", "UTF-8")
        );
        let (_, answer) = env.post_raw(body).await;
        let answer = text(&answer);
        assert!(
            answer.contains(
                "errormessage=Parameter {workorderid} faulty or missing: not a workorderid of an earlier genericpayment"
            ),
            "{action}: {answer}"
        );
    }
    let (_, answer) = env
        .post_raw(format!(
            "{}&clearingtype=fnc&financingtype=PYS&add_paydata%5Baction%5D=calculation\
             &amount=100000&currency=EUR",
            raw_account("genericpayment", "UTF-8")
        ))
        .await;
    assert!(
        text(&answer)
            .contains("Parameter {workorderid} faulty or missing: required parameter is missing"),
        "{}",
        text(&answer)
    );
    env.shutdown().await;
}

#[tokio::test]
async fn financing_plans_refuse_what_their_providers_refuse() {
    let env = Env::start().await;
    let account = raw_account("genericpayment", "UTF-8");
    let refusals = [
        (
            "clearingtype=fnc&financingtype=PIN&add_paydata%5Baction%5D=installment_options\
             &add_paydata%5BbusinessRelation%5D=b2b&amount=20000&currency=EUR",
            "errorcode=1\nerrormessage=Parameter {add_paydata[businessRelation]} faulty or missing: must be b2c",
        ),
        (
            "clearingtype=fnc&financingtype=PIN&add_paydata%5Baction%5D=installment_options\
             &add_paydata%5BbusinessRelation%5D=b2c&amount=20000&currency=CHF",
            "errormessage=Parameter {currency} faulty or missing: PAYONE Secured Installment is offered in EUR only",
        ),
        (
            "clearingtype=fnc&financingtype=PIN&add_paydata%5Baction%5D=installment_options\
             &add_paydata%5BbusinessRelation%5D=b2c&amount=0&currency=EUR",
            "errorcode=908\n",
        ),
        (
            "clearingtype=fnc&financingtype=RPS&add_paydata%5Baction%5D=calculation\
             &add_paydata%5Bshop_id%5D=88880103&add_paydata%5Bcustomer_allow_credit_inquiry%5D=no\
             &add_paydata%5Bcalculation_type%5D=calculation-by-time&add_paydata%5Bmonth%5D=12\
             &amount=100000&currency=EUR",
            "Parameter {add_paydata[customer_allow_credit_inquiry]} faulty or missing: must be yes",
        ),
        (
            "clearingtype=fnc&financingtype=RPS&add_paydata%5Baction%5D=calculation\
             &add_paydata%5Bshop_id%5D=88880103&add_paydata%5Bcustomer_allow_credit_inquiry%5D=yes\
             &add_paydata%5Bcalculation_type%5D=calculation-by-time&add_paydata%5Bmonth%5D=7\
             &amount=100000&currency=EUR",
            "Parameter {add_paydata[month]} faulty or missing: not a duration",
        ),
        (
            "clearingtype=fnc&financingtype=PYV&add_paydata%5Baction%5D=pre_check\
             &add_paydata%5Bpayment_type%5D=Payolution-Invoicing&amount=100000&currency=EUR\
             &lastname=Declined",
            "errorcode=2\nerrormessage=Declined by the risk check of the financing",
        ),
    ];
    for (body, expected) in refusals {
        let (_, answer) = env.post_raw(format!("{account}&{body}")).await;
        let answer = text(&answer);
        assert!(answer.starts_with("status=ERROR\n"), "{body}: {answer}");
        assert!(answer.contains(expected), "{body}: {answer}");
    }
    // A Ratepay plan by rate takes the shortest duration whose rate fits the wish.
    let (_, answer) = env
        .post_raw(format!(
            "{account}&clearingtype=fnc&financingtype=RPS&add_paydata%5Baction%5D=calculation\
             &add_paydata%5Bshop_id%5D=88880103&add_paydata%5Bcustomer_allow_credit_inquiry%5D=yes\
             &add_paydata%5Bcalculation_type%5D=calculation-by-rate&add_paydata%5Brate%5D=20000\
             &amount=100000&currency=EUR"
        ))
        .await;
    let answer = text(&answer);
    assert_eq!(
        field(&answer, "add_paydata[number-of-rates]"),
        Some("6"),
        "{answer}"
    );
    let rate: i64 = field(&answer, "add_paydata[rate]")
        .unwrap()
        .parse()
        .unwrap();
    let last: i64 = field(&answer, "add_paydata[last-rate]")
        .unwrap()
        .parse()
        .unwrap();
    let total: i64 = field(&answer, "add_paydata[total-amount]")
        .unwrap()
        .parse()
        .unwrap();
    assert!(rate <= 20000, "{answer}");
    assert_eq!(rate * 5 + last, total, "{answer}");
    env.shutdown().await;
}
