use reqwest::Url;

use crate::directlink::*;

#[test]
fn official_urls_as_the_seed_gives_them() {
    let test = Endpoints::<Test>::official();
    let urls: Vec<&str> = Endpoint::ALL
        .iter()
        .map(|&e| test.url(e).as_str())
        .collect();
    assert_eq!(
        urls,
        [
            "https://ogone.test.v-psp.com/ncol/test/orderdirect.asp",
            "https://ogone.test.v-psp.com/ncol/test/maintenancedirect.asp",
            "https://ogone.test.v-psp.com/ncol/test/querydirect.asp",
            // Section 7.1.1: on the production host, under /ncol/test/.
            "https://secure.ogone.com/ncol/test/privacy-policy.asp",
        ]
    );
    let prod = Endpoints::<Production>::official();
    let urls: Vec<&str> = Endpoint::ALL
        .iter()
        .map(|&e| prod.url(e).as_str())
        .collect();
    assert_eq!(
        urls,
        [
            "https://secure.ogone.com/ncol/prod/orderdirect.asp",
            "https://secure.ogone.com/ncol/prod/maintenancedirect.asp",
            "https://secure.ogone.com/ncol/prod/querydirect.asp",
            "https://secure.ogone.com/ncol/prod/privacy-policy.asp",
        ]
    );
    assert_eq!(test.environment(), Environment::Test);
    assert_eq!(prod.environment(), Environment::Production);
}

fn base<E: EnvironmentKind>(url: &str) -> Result<String, EndpointError> {
    Endpoints::<E>::with_base(&Url::parse(url).unwrap())
        .map(|e| e.url(Endpoint::Order).as_str().to_owned())
}

#[test]
fn a_custom_base_keeps_the_environment() {
    assert_eq!(
        base::<Test>("http://127.0.0.1:8080").as_deref(),
        Ok("http://127.0.0.1:8080/ncol/test/orderdirect.asp")
    );
    assert_eq!(
        base::<Test>("http://127.0.0.1:8080/sandbox").as_deref(),
        Ok("http://127.0.0.1:8080/sandbox/ncol/test/orderdirect.asp")
    );
    assert_eq!(
        base::<Test>("http://127.0.0.1:8080/ncol/test").as_deref(),
        Ok("http://127.0.0.1:8080/ncol/test/orderdirect.asp")
    );
    assert_eq!(
        base::<Production>("https://proxy.example/ncol/prod/").as_deref(),
        Ok("https://proxy.example/ncol/prod/orderdirect.asp")
    );
    assert_eq!(
        base::<Production>("https://proxy.example/").as_deref(),
        Ok("https://proxy.example/ncol/prod/orderdirect.asp")
    );
}

#[test]
fn a_custom_base_of_the_other_environment_is_refused() {
    let wrong = |expected, found| EndpointError::WrongEnvironment { expected, found };
    let host = |expected, found| EndpointError::WrongHost { expected, found };
    assert_eq!(
        base::<Production>("https://ogone.test.v-psp.com/ncol/test/"),
        Err(host(Environment::Production, Environment::Test))
    );
    assert_eq!(
        base::<Production>("https://secure.ogone.com/ncol/TEST/x/"),
        Err(wrong(Environment::Production, Environment::Test))
    );
    assert_eq!(
        base::<Test>("https://secure.ogone.com/ncol/prod/"),
        Err(host(Environment::Test, Environment::Production))
    );
    assert_eq!(
        base::<Test>("http://127.0.0.1/prod/"),
        Err(wrong(Environment::Test, Environment::Production))
    );
    assert_eq!(
        base::<Test>("http://127.0.0.1/ncol/preprod/"),
        Err(EndpointError::UnexpectedPath(Environment::Test))
    );
    assert_eq!(
        base::<Test>("http://127.0.0.1/ncol/test/x/"),
        Err(EndpointError::UnexpectedPath(Environment::Test))
    );
    assert_eq!(
        base::<Production>("http://127.0.0.1/"),
        Err(EndpointError::ProductionNeedsHttps)
    );
    assert_eq!(
        base::<Test>("ftp://127.0.0.1/"),
        Err(EndpointError::NotHttp)
    );
    assert_eq!(
        base::<Test>("http://127.0.0.1/?a=b"),
        Err(EndpointError::QueryOrFragment)
    );
    assert_eq!(
        wrong(Environment::Production, Environment::Test).to_string(),
        "a production client cannot use a base URL whose path is for the test environment"
    );
    assert_eq!(
        EndpointError::UnexpectedPath(Environment::Test).to_string(),
        "a DirectLink base URL with an /ncol/ segment must end with /ncol/test/"
    );
}

#[test]
fn a_host_of_the_other_environment_is_refused_whatever_the_path() {
    let host = |expected, found| EndpointError::WrongHost { expected, found };
    // The path alone would pass: /ncol/prod/ or no /ncol/ segment at all.
    for url in [
        "https://ogone.test.v-psp.com/",
        "https://ogone.test.v-psp.com/ncol/prod/",
        "https://OGONE.TEST.V-PSP.COM./ncol/prod/",
        "https://payengine.test.v-psp.com/",
        "https://ogone.test.v-psp.com:8443/proxy/",
    ] {
        assert_eq!(
            base::<Production>(url),
            Err(host(Environment::Production, Environment::Test)),
            "{url}"
        );
    }
    for url in [
        "https://secure.ogone.com/",
        "https://secure.ogone.com/ncol/test/",
        "https://Secure.Ogone.com./ncol/test/",
        "http://secure.ogone.com/",
    ] {
        assert_eq!(
            base::<Test>(url),
            Err(host(Environment::Test, Environment::Production)),
            "{url}"
        );
    }
    // The own hosts, and hosts that only look alike, are fine.
    assert_eq!(
        base::<Test>("https://ogone.test.v-psp.com/ncol/test/").as_deref(),
        Ok("https://ogone.test.v-psp.com/ncol/test/orderdirect.asp")
    );
    assert_eq!(
        base::<Production>("https://secure.ogone.com/ncol/prod/").as_deref(),
        Ok("https://secure.ogone.com/ncol/prod/orderdirect.asp")
    );
    assert!(base::<Production>("https://test.v-psp.com.example/").is_ok());
    assert!(base::<Test>("https://notsecure.ogone.com/").is_ok());
    assert_eq!(
        host(Environment::Production, Environment::Test).to_string(),
        "a production client cannot use a base URL on a host of the test environment"
    );
    // The official URLs pass their own environment's check.
    for endpoint in Endpoint::ALL {
        let url = Url::parse(Environment::Production.url(endpoint)).unwrap();
        assert!(!Environment::Test.owns_host(url.host_str().unwrap()));
        let url = Url::parse(Environment::Test.url(endpoint)).unwrap();
        if endpoint != Endpoint::PrivacyPolicy {
            assert!(!Environment::Production.owns_host(url.host_str().unwrap()));
        }
    }
}
