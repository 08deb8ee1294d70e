//! 3-D Secure: amount 9903 redirects to the sandbox's challenge page.

use crate::common::{field, http, sandbox, server};

async fn redirect(sandbox: &payone_sandbox::Sandbox, reference: &str) -> String {
    server(
        sandbox,
        "preauthorization",
        &[
            ("clearingtype", "cc"),
            ("lastname", "Approved"),
            ("amount", "9903"),
            ("currency", "EUR"),
            ("reference", reference),
            ("successurl", "https://shop.example/ok"),
            ("errorurl", "https://shop.example/error"),
            ("backurl", "https://shop.example/back"),
        ],
    )
    .await
}

#[tokio::test]
async fn authenticate_approves_and_returns_to_successurl() {
    let sandbox = sandbox().await;
    let answer = redirect(&sandbox, "3ds-1").await;
    let base = sandbox.base_url();
    assert_eq!(
        answer,
        format!(
            "status=REDIRECT\nredirecturl={base}/sandbox/3ds/100000001\ntxid=100000001\nuserid=200000001\n"
        )
    );
    let page = http()
        .get(field(&answer, "redirecturl"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    assert!(
        page.contains("id=\"authenticate\" href=\"/sandbox/3ds/100000001/complete?result=ok\""),
        "{page}"
    );
    assert!(page.contains("id=\"fail\""));

    // Not capturable before the challenge.
    let capture = [
        ("txid", "100000001"),
        ("sequencenumber", "1"),
        ("amount", "9903"),
        ("currency", "EUR"),
    ];
    assert_eq!(
        field(&server(&sandbox, "capture", &capture).await, "errorcode"),
        "910"
    );

    let done = http()
        .get(format!("{base}/sandbox/3ds/100000001/complete?result=ok"))
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 303);
    assert_eq!(done.headers()["location"], "https://shop.example/ok");
    assert_eq!(sandbox.notifications()[0].txaction, "appointed");
    assert_eq!(
        server(&sandbox, "capture", &capture).await,
        "status=APPROVED\ntxid=100000001\nsettleaccount=yes\n"
    );
    // The challenge is over.
    let again = http()
        .get(format!("{base}/sandbox/3ds/100000001"))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 404);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn fail_returns_to_errorurl() {
    let sandbox = sandbox().await;
    redirect(&sandbox, "3ds-2").await;
    let done = http()
        .get(format!(
            "{}/sandbox/3ds/100000001/complete?result=fail",
            sandbox.base_url()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 303);
    assert_eq!(done.headers()["location"], "https://shop.example/error");
    assert_eq!(sandbox.notifications()[0].txaction, "failed");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn without_return_urls_there_is_no_challenge() {
    let sandbox = sandbox().await;
    let answer = server(
        &sandbox,
        "authorization",
        &[
            ("clearingtype", "cc"),
            ("lastname", "Approved"),
            ("amount", "9903"),
            ("currency", "EUR"),
        ],
    )
    .await;
    assert_eq!(
        field(&answer, "errormessage"),
        "Parameter {successurl} faulty or missing: required for 3-D Secure"
    );
    sandbox.shutdown().await;
}
