use crate::directlink::*;

const ORDER_4: &str = include_str!("fixtures/order_4.xml");
const MAINTENANCE_5_2: &str = include_str!("fixtures/maintenance_5_2.xml");
const QUERY_6_2: &str = include_str!("fixtures/query_6_2.xml");
const QUERY_HOSTED_6_2_1: &str = include_str!("fixtures/query_hosted_6_2_1.xml");
const PRIVACY_7_2_WARNINGS: &str = include_str!("fixtures/privacy_7_2_warnings.xml");
const PRIVACY_7_2_SUCCESS: &str = include_str!("fixtures/privacy_7_2_success.xml");

fn outcome(xml: &str) -> Outcome {
    Outcome::parse(xml.as_bytes()).unwrap()
}

/// The typed fields only, to compare answers whose attributes differ in order or case.
fn typed(r: &NcResponse) -> impl PartialEq + std::fmt::Debug + use<> {
    let s = |v: Option<&str>| v.map(str::to_owned);
    (
        [
            s(r.orderid()),
            s(r.payid()),
            s(r.payidsub()),
            s(r.ncerrorplus()),
            s(r.acceptance()),
            s(r.amount()),
            s(r.currency()),
            s(r.pm()),
            s(r.brand()),
            s(r.cardno()),
            s(r.eci()),
            s(r.ip()),
            s(r.complus()),
            s(r.html_answer()),
        ],
        r.ncstatus(),
        r.ncerror(),
        r.status(),
    )
}

#[test]
fn seed_order_answer_section_4() {
    insta::assert_debug_snapshot!("order_4", outcome(ORDER_4));
}

#[test]
fn seed_maintenance_answer_section_5_2() {
    insta::assert_debug_snapshot!("maintenance_5_2", outcome(MAINTENANCE_5_2));
}

#[test]
fn seed_query_answer_section_6_2() {
    insta::assert_debug_snapshot!("query_6_2", outcome(QUERY_6_2));
}

#[test]
fn seed_query_answer_hosted_page_section_6_2_1() {
    let outcome = outcome(QUERY_HOSTED_6_2_1);
    let attributes = outcome.response().attributes();
    // Unknown attributes are kept, in order, under the names they were sent with.
    assert_eq!(attributes.get("sessionid"), Some("126548354"));
    assert_eq!(attributes.get("SHOPPERID"), Some("73541312"));
    insta::assert_debug_snapshot!("query_hosted_6_2_1", outcome);
}

#[test]
fn seed_privacy_policy_answers_section_7_2() {
    let warnings = PrivacyPolicy::parse(PRIVACY_7_2_WARNINGS.as_bytes()).unwrap();
    assert!(warnings.is_empty());
    assert_eq!(warnings.warnings()[0].code, NoticeCode::NoContent);
    insta::assert_debug_snapshot!("privacy_7_2_warnings", warnings);
    let success = PrivacyPolicy::parse(PRIVACY_7_2_SUCCESS.as_bytes()).unwrap();
    assert_eq!(success.status(), &PrivacyStatus::Success);
    assert!(
        success
            .html()
            .unwrap()
            .starts_with("<ul><li><h2>Title 1</h2>")
    );
    insta::assert_debug_snapshot!("privacy_7_2_success", success);
}

#[test]
fn privacy_policy_error_and_variants() {
    let error = PrivacyPolicy::parse(
        b"<response><status>Error</status><errors><error><code>Unauthorized</code>\
          <message>Wrong credentials</message></error><Error><Code>Teapot</Code></Error></errors>\
          <warnings><warning><code>NoContent</code></warning></warnings></response>",
    )
    .unwrap();
    insta::assert_debug_snapshot!("privacy_error_lower_case", error);
    assert_eq!(
        PrivacyPolicy::parse(b"<Response><Body/></Response>"),
        Err(AnswerError::MissingElement("Status"))
    );
    assert_eq!(
        PrivacyPolicy::parse(b"<ncresponse/>"),
        Err(AnswerError::NoResponse)
    );
}

#[test]
fn reordered_attributes_read_the_same() {
    let reordered = r#"<?xml version="1.0"?><ncresponse BRAND="VISA" PM="CreditCard" currency="EUR" amount="125" ECI="7" STATUS="5" ACCEPTANCE="12345" NCERRORPLUS="" NCERROR="" NCSTATUS="0" PAYID="1111111" orderID="99999"/>"#;
    let a = outcome(ORDER_4);
    let b = outcome(reordered);
    assert_eq!(typed(a.response()), typed(b.response()));
    let names: Vec<&str> = b.response().attributes().iter().map(|(n, _)| n).collect();
    assert_eq!(names[..3], ["BRAND", "PM", "currency"]);
}

#[test]
fn attribute_names_in_any_case() {
    let upper = r#"<NCRESPONSE ORDERID="99999" PAYID="1111111" NCSTATUS="0" NCERROR="" NCERRORPLUS="" ACCEPTANCE="12345" STATUS="5" ECI="7" AMOUNT="125" CURRENCY="EUR" PM="CreditCard" BRAND="VISA"></NCRESPONSE>"#;
    let lower = r#"<ncresponse orderid="99999" payid="1111111" ncstatus="0" ncerror="" ncerrorplus="" acceptance="12345" status="5" eci="7" amount="125" currency="EUR" pm="CreditCard" brand="VISA"/>"#;
    let mixed = r#"<NcResponse OrderId='99999' PayId='1111111' NcStatus='0' NcError='0' Acceptance='12345' Status='5' Eci='7' Amount='125' Currency='EUR' Pm='CreditCard' Brand='VISA'/>"#;
    let reference = typed(outcome(ORDER_4).response());
    for xml in [upper, lower, mixed] {
        assert_eq!(typed(outcome(xml).response()), reference, "{xml}");
    }
}

#[test]
fn unknown_attributes_are_kept_in_order() {
    let xml = r#"<ncresponse SCORING="3" orderID="7" PAYID="42" NCERROR="0" STATUS="9" SCO_CATEGORY="G" CREDITDEBIT="CREDIT" amount="1.5"/>"#;
    let outcome = outcome(xml);
    insta::assert_debug_snapshot!("unknown_attributes", outcome);
    let attributes: Vec<(&str, &str)> = outcome.response().attributes().iter().collect();
    assert_eq!(attributes.len(), 8);
    assert_eq!(attributes[0], ("SCORING", "3"));
    assert_eq!(attributes[5], ("SCO_CATEGORY", "G"));
    assert_eq!(
        outcome.response().attributes().get("creditdebit"),
        Some("CREDIT")
    );
}

#[test]
fn root_element_declaration_and_whitespace() {
    let reference = typed(outcome(ORDER_4).response());
    let variants = [
        // WITHROOT=Y: the answer inside a root element (named ncresponse or anything else).
        format!(
            "<?xml version=\"1.0\"?><ncresponse>{}</ncresponse>",
            &ORDER_4[22..]
        ),
        format!("<root>\n  {}\n</root>", &ORDER_4[22..]),
        // No declaration, a BOM, newlines and tabs between the attributes.
        format!("\u{feff}{}", ORDER_4[22..].replace("\" ", "\"\n\t ")),
        // Spaces around `=`, a closing tag instead of `/>`.
        ORDER_4
            .replace("=\"", " = \"")
            .replace("/>", "></ncresponse>"),
        format!("<!-- answer -->\r\n{ORDER_4}\r\n"),
    ];
    for xml in &variants {
        assert_eq!(typed(outcome(xml).response()), reference, "{xml}");
    }
}

#[test]
fn status_46_carries_the_html_answer() {
    let html = "<form name=\"downloadform3D\" action=\"https://acs.example/\" method=\"post\">\
                <input type=\"hidden\" name=\"PaReq\" value=\"abc\"></form>";
    let encoded = base64_encode(html.as_bytes());
    // As the platform sends it: a child element, line-wrapped.
    let wrapped: String = encoded
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    let xml = format!(
        "<?xml version=\"1.0\"?><ncresponse orderID=\"1234\" PAYID=\"3014726\" NCSTATUS=\"5\" \
         NCERROR=\"0\" NCERRORPLUS=\"!\" ACCEPTANCE=\"\" STATUS=\"46\" amount=\"15\" \
         currency=\"EUR\">\n<HTML_ANSWER>\n{wrapped}\n</HTML_ANSWER></ncresponse>"
    );
    let outcome = outcome(&xml);
    match &outcome {
        Outcome::Identification { html_answer, .. } => assert_eq!(html_answer, html),
        other => panic!("not Identification: {other:?}"),
    }
    insta::assert_debug_snapshot!("status_46_html_answer", outcome);
    // A query about such an order has STATUS 46 and no HTML_ANSWER.
    let queried = Outcome::parse(br#"<ncresponse PAYID="3014726" NCERROR="0" STATUS="46"/>"#);
    assert!(matches!(
        queried,
        Ok(Outcome::Processed {
            status: Status::WaitingForIdentification,
            ..
        })
    ));
}

#[test]
fn status_46_with_an_undecodable_html_answer_keeps_the_payment() {
    let xml = "<ncresponse orderID=\"1234\" PAYID=\"3014726\" NCERROR=\"0\" STATUS=\"46\" \
               amount=\"15\" currency=\"EUR\" CARDNO=\"4111111111111111\" IP=\"192.0.2.7\">\
               <html_answer>*not base64*</html_answer></ncresponse>";
    let outcome = outcome(xml);
    match &outcome {
        Outcome::IdentificationUnavailable { reason, response } => {
            assert_eq!(*reason, AnswerError::HtmlAnswer);
            assert_eq!(response.payid(), Some("3014726"));
            assert_eq!(response.status(), Some(Status::WaitingForIdentification));
            assert_eq!(response.html_answer(), None);
            assert_eq!(response.problems(), [AnswerError::HtmlAnswer]);
            assert_eq!(
                response.problem_with("html_answer"),
                Some(&AnswerError::HtmlAnswer)
            );
        }
        other => panic!("not IdentificationUnavailable: {other:?}"),
    }
    let debug = format!("{outcome:?}");
    for secret in ["4111111111111111", "192.0.2.7", "not base64"] {
        assert!(!debug.contains(secret), "{debug}");
    }
    insta::assert_debug_snapshot!("status_46_undecodable_html_answer", outcome);
    // The same as an attribute.
    let attribute = Outcome::parse(
        br#"<ncresponse PAYID="3014726" NCERROR="0" STATUS="46" HTML_ANSWER="%%%"/>"#,
    )
    .unwrap();
    assert!(matches!(
        attribute,
        Outcome::IdentificationUnavailable {
            reason: AnswerError::HtmlAnswer,
            ..
        }
    ));
    assert_eq!(
        attribute.response().attributes().get("html_answer"),
        Some("%%%")
    );
}

#[test]
fn one_unreadable_attribute_does_not_cost_the_others() {
    let xml = r#"<ncresponse orderID="o-1" PAYID="30x14" PAYIDSUB="1" NCSTATUS="0" NCERROR="0" STATUS="5" amount="1O.5" currency="EUR" PM="CreditCard" BRAND="VISA" CARDNO="XXXXXXXXXXXX1111" CN="Erika Mustermann" ED="1230" IP="192.0.2.7"/>"#;
    let outcome = outcome(xml);
    assert_eq!(outcome.status(), Some(Status::Authorised));
    let response = outcome.response();
    assert_eq!(response.payid(), None);
    assert_eq!(response.amount(), None);
    assert_eq!(
        response.problems(),
        [
            AnswerError::NotANumber("PAYID"),
            AnswerError::NotANumber("amount")
        ]
    );
    // The raw values are kept.
    assert_eq!(response.attributes().get("payid"), Some("30x14"));
    assert_eq!(response.attributes().get("AMOUNT"), Some("1O.5"));
    assert_eq!(response.orderid(), Some("o-1"));
    assert_eq!(response.payidsub(), Some("1"));
    assert_eq!(response.currency(), Some("EUR"));
    assert_eq!(response.cardno(), Some("XXXXXXXXXXXX1111"));
    let debug = format!("{outcome:?}");
    for secret in ["Erika", "1230", "192.0.2.7"] {
        assert!(!debug.contains(secret), "{debug}");
    }
    insta::assert_debug_snapshot!("unreadable_payid_and_amount", outcome);

    // Amounts as the platform writes them read.
    for amount in ["15", "15.5", "0.01", "-1.00"] {
        let xml = format!(r#"<ncresponse STATUS="9" amount="{amount}"/>"#);
        assert_eq!(outcome_amount(&xml), Some(amount.to_owned()), "{amount}");
    }
    for amount in ["1,5", "15.", ".5", "1e3"] {
        let xml = format!(r#"<ncresponse STATUS="9" amount="{amount}"/>"#);
        assert_eq!(outcome_amount(&xml), None, "{amount}");
    }
}

fn outcome_amount(xml: &str) -> Option<String> {
    outcome(xml).response().amount().map(str::to_owned)
}

#[test]
fn an_unreadable_status_or_ncerror_leaves_the_outcome_unknown_not_the_payid() {
    let body = br#"<ncresponse orderID="o-2" PAYID="3014726" NCERROR="0" STATUS="five"/>"#;
    assert_eq!(Outcome::parse(body), Err(AnswerError::NotANumber("STATUS")));
    let response = NcResponse::parse(body).unwrap();
    assert_eq!(response.payid(), Some("3014726"));
    assert_eq!(response.status(), None);
    assert_eq!(response.problems(), [AnswerError::NotANumber("STATUS")]);

    // NCERROR decides the outcome whatever STATUS says.
    let body = br#"<ncresponse PAYID="3014726" NCERROR="5000l111" STATUS="5"/>"#;
    assert_eq!(
        Outcome::parse(body),
        Err(AnswerError::NotANumber("NCERROR"))
    );
    assert_eq!(NcResponse::parse(body).unwrap().payid(), Some("3014726"));

    // A readable NCERROR explains the answer without its STATUS.
    let rejected =
        Outcome::parse(br#"<ncresponse PAYID="0" NCERROR="50001111" STATUS="?"/>"#).unwrap();
    assert!(matches!(
        rejected,
        Outcome::Rejected {
            error: NcError::DataValidation,
            ..
        }
    ));
    assert_eq!(
        rejected.response().problems(),
        [AnswerError::NotANumber("STATUS")]
    );
}

fn base64_encode(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[test]
fn duplicate_order_section_4_1() {
    let xml = r#"<?xml version="1.0"?><ncresponse orderID="1234" PAYID="3014726" NCSTATUS="5" NCERROR="50001113" NCERRORPLUS="This order has already been processed" ACCEPTANCE="test123" STATUS="0" amount="15" currency="EUR" PM="CreditCard" BRAND="VISA"/>"#;
    let outcome = outcome(xml);
    assert!(matches!(&outcome, Outcome::DuplicateOrder { payid, .. } if payid == "3014726"));
    insta::assert_debug_snapshot!("duplicate_order", outcome);
}

#[test]
fn duplicate_maintenance_section_5_3() {
    let xml = r#"<ncresponse orderID="99999" PAYID="1111111" PAYIDSUB="3" NCSTATUS="5" NCERROR="50001127" NCERRORPLUS="This order is not authorized" ACCEPTANCE="" STATUS="0" amount="125" currency="EUR"/>"#;
    let outcome = outcome(xml);
    assert!(matches!(outcome, Outcome::DuplicateMaintenance { .. }));
    insta::assert_debug_snapshot!("duplicate_maintenance", outcome);
}

#[test]
fn other_errors_are_typed() {
    let rejected = |code: &str| match outcome(&format!(
        r#"<ncresponse orderID="1" PAYID="0" NCSTATUS="5" NCERROR="{code}" NCERRORPLUS="text" STATUS="0"/>"#
    )) {
        Outcome::Rejected { error, .. } => error,
        other => panic!("not Rejected: {other:?}"),
    };
    assert_eq!(rejected("50001111"), NcError::DataValidation);
    assert_eq!(rejected("50001184"), NcError::ShaMismatch);
    assert_eq!(rejected("30001001"), NcError::Other(30001001));
    assert_eq!(
        NcError::ShaMismatch.to_string(),
        "NCERROR 50001184 (SHA-IN signature mismatch)"
    );
    // 50001113 without a PAYID cannot name the existing payment.
    assert_eq!(rejected("50001113"), NcError::OrderAlreadyProcessed);
    assert_eq!(NcError::from_code(0), None);
}

#[test]
fn unreadable_answers() {
    assert_eq!(
        Outcome::parse(b"<ncresponse orderID=\"1\" NCERROR=\"\"/>"),
        Err(AnswerError::NoStatus)
    );
    assert_eq!(
        Outcome::parse(b"<ncresponse STATUS=\"five\"/>"),
        Err(AnswerError::NotANumber("STATUS"))
    );
    assert_eq!(
        Outcome::parse(b"<html><body>Service unavailable</body></html>"),
        Err(AnswerError::NoNcResponse)
    );
    assert_eq!(
        Outcome::parse(b"<ncresponse STATUS=\"5\"><HTML_ANSWER>"),
        Err(AnswerError::Incomplete)
    );
    assert!(matches!(
        Outcome::parse(b"<ncresponse STATUS=\"5\""),
        Err(AnswerError::Malformed { .. })
    ));
    assert_eq!(
        AnswerError::NotANumber("STATUS").to_string(),
        "the answer's STATUS attribute is not a number"
    );
}

/// `depth` elements, the innermost an `<ncresponse>` with STATUS 5.
fn nested_answer(depth: usize) -> String {
    "<a>".repeat(depth - 1)
        + r#"<ncresponse orderID="7" PAYID="42" NCERROR="0" STATUS="5"/>"#
        + &"</a>".repeat(depth - 1)
}

#[test]
fn a_deeply_nested_answer_is_refused_without_exhausting_the_stack() {
    let results = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(|| {
            let body = nested_answer(300_000);
            (
                NcResponse::parse_with_content_type(body.as_bytes(), Some("text/xml")),
                Outcome::parse(body.as_bytes()),
                PrivacyPolicy::parse(body.as_bytes()),
            )
        })
        .unwrap()
        .join()
        .expect("the parser returns");
    let too_deep = AnswerError::TooDeep { limit: 64 };
    assert_eq!(results.0, Err(too_deep.clone()));
    assert_eq!(results.1, Err(too_deep.clone()));
    assert_eq!(results.2.unwrap_err(), too_deep);
    assert_eq!(
        too_deep.to_string(),
        "the answer nests elements deeper than 64 levels"
    );
}

#[test]
fn answers_at_the_depth_limit_are_read() {
    let at_limit = Outcome::parse(nested_answer(64).as_bytes()).unwrap();
    assert_eq!(at_limit.status(), Some(Status::Authorised));
    assert_eq!(at_limit.response().payid(), Some("42"));
    assert_eq!(
        Outcome::parse(nested_answer(65).as_bytes()),
        Err(AnswerError::TooDeep { limit: 64 })
    );
}

#[test]
fn answers_with_too_many_elements_are_refused() {
    let with_elements = |count: usize| {
        format!(
            r#"<root><ncresponse PAYID="42" STATUS="5"/>{}</root>"#,
            "<x/>".repeat(count - 2)
        )
    };
    let at_limit = Outcome::parse(with_elements(10_000).as_bytes()).unwrap();
    assert_eq!(at_limit.response().payid(), Some("42"));
    let error = Outcome::parse(with_elements(10_001).as_bytes()).unwrap_err();
    assert_eq!(error, AnswerError::TooManyElements { limit: 10_000 });
    assert_eq!(error.to_string(), "the answer has more than 10000 elements");
}

#[test]
fn iso_8859_1_answers() {
    let body = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><ncresponse PAYID=\"1\" STATUS=\"2\" NCERROR=\"30001001\" NCERRORPLUS=\"Karte abgelehnt: Pr\xFCfung\"/>";
    let outcome = Outcome::parse(body).unwrap();
    assert_eq!(
        outcome.response().ncerrorplus(),
        Some("Karte abgelehnt: Prüfung")
    );
    let response = NcResponse::parse_with_content_type(
        b"<ncresponse NCERRORPLUS=\"\xE9\"/>",
        Some("text/xml; charset=iso-8859-1"),
    )
    .unwrap();
    assert_eq!(response.ncerrorplus(), Some("é"));
}

/// A direct-debit answer (DirectLink guide, sections 8.1.2 and 8.1.3: these fields can be
/// returned in the DirectLink XML answer): CARDNO carries the IBAN, unmasked.
const DIRECT_DEBIT: &str = r#"<?xml version="1.0"?><ncresponse orderID="dd-1" PAYID="3014" NCSTATUS="0" NCERROR="" NCERRORPLUS="" ACCEPTANCE="" STATUS="5" amount="12" currency="EUR" PM="Direct Debits DE" BRAND="Direct Debits DE" CARDNO="DE89370400440532013000" MANDATEID="MANDATE-4711/X" ED="9999" CN="Erika Mustermann" IP="192.0.2.10" SessionID="s-1"/>"#;

#[test]
fn debug_of_answers_and_outcomes_hides_account_data() {
    let secrets = [
        "DE89370400440532013000",
        "MANDATE-4711/X",
        "Erika Mustermann",
        "192.0.2.10",
        "9999",
    ];
    let answered = outcome(DIRECT_DEBIT);
    // The accessors still give the values.
    assert_eq!(answered.response().cardno(), Some("DE89370400440532013000"));
    assert_eq!(
        answered.response().attributes().get("mandateid"),
        Some("MANDATE-4711/X")
    );
    let order = OrderOutcome::Answered(answered.clone());
    let unknown = OrderOutcome::Unknown {
        order_error: DirectLinkError::Timeout {
            endpoint: Endpoint::Order,
            after: std::time::Duration::from_secs(30),
            delivery: crate::Delivery::MaybeProcessed,
        },
        queries: 1,
        last_query: Some(Ok(answered.response().clone())),
    };
    for text in [
        format!("{:?}", answered.response()),
        format!("{:#?}", answered),
        format!("{order:?}"),
        format!("{unknown:?}"),
        format!("{:?}", answered.response().attributes()),
    ] {
        for secret in secrets {
            assert!(!text.contains(secret), "{secret} shown in {text}");
        }
        assert!(text.contains("MANDATEID"), "names stay visible: {text}");
        assert!(text.contains("s-1"), "other values stay visible: {text}");
    }
    insta::assert_debug_snapshot!("direct_debit_redacted", answered);
    // A masked card number is shown as the platform sent it.
    let masked = outcome(QUERY_6_2);
    assert!(format!("{masked:?}").contains("XXXXXXXXXXXX1111"));
}

#[test]
fn sensitive_attributes_are_redacted_whatever_the_case_of_their_names() {
    let xml = r#"<ncresponse STATUS="5" Cn="Erika Mustermann" eD="0931" Iban="DE89370400440532013000" mandateId="MANDATE-4711" cardNo="4111111111111111" Ip="192.0.2.10" cvc="737"/>"#;
    let outcome = outcome(xml);
    assert_eq!(
        outcome.response().attributes().get("CN"),
        Some("Erika Mustermann")
    );
    let debug = format!("{outcome:?}");
    for secret in [
        "Erika",
        "0931",
        "DE89370400440532013000",
        "MANDATE-4711",
        "4111111111111111",
        "192.0.2.10",
        "737",
    ] {
        assert!(!debug.contains(secret), "{secret} in {debug}");
    }
    assert!(debug.contains("\"eD\": <redacted>"), "{debug}");
}

#[test]
fn a_refusal_becomes_an_error_on_request_and_duplicates_stay_outcomes() {
    fn capture_status(xml: &str) -> Result<Option<Status>, Box<dyn std::error::Error>> {
        Ok(Outcome::parse(xml.as_bytes())?.into_accepted()?.status())
    }
    let refused = capture_status(
        r#"<ncresponse orderID="1" PAYID="0" NCSTATUS="5" NCERROR="50001111" NCERRORPLUS="Some of the data entered is incorrect" STATUS="0"/>"#,
    )
    .unwrap_err();
    assert_eq!(
        refused.to_string(),
        "DirectLink refused the request: NCERROR 50001111 (data validation error)"
    );
    let rejection = refused.downcast_ref::<Rejection>().expect("a Rejection");
    assert_eq!(
        rejection.response().ncerrorplus(),
        Some("Some of the data entered is incorrect")
    );
    let duplicate = r#"<ncresponse orderID="1234" PAYID="3014726" NCSTATUS="5" NCERROR="50001113" NCERRORPLUS="This order has already been processed" ACCEPTANCE="test123" STATUS="0"/>"#;
    assert!(matches!(
        outcome(duplicate).into_accepted(),
        Ok(Outcome::DuplicateOrder { .. })
    ));
    assert_eq!(
        capture_status(r#"<ncresponse orderID="1" PAYID="3014726" NCERROR="0" STATUS="9"/>"#)
            .unwrap(),
        Some(Status::PaymentRequested)
    );
}
