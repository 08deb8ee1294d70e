//! Checking the caller's `(name, value)` list and writing the form body with the account's
//! credentials and the SHA-IN signature.

use std::time::Duration;

use super::config::DirectLinkConfig;
use super::environment::EnvironmentKind;
use super::error::RequestError;
use super::sign::{SHASIGN, sha_sign};

/// The parameters the client adds itself.
const RESERVED: [&str; 4] = ["PSPID", "USERID", "PSWD", SHASIGN];

/// An owned copy of the caller's list.
pub(crate) fn owned<N: AsRef<str>, V: AsRef<str>>(params: &[(N, V)]) -> Vec<(String, String)> {
    params
        .iter()
        .map(|(n, v)| (n.as_ref().to_owned(), v.as_ref().to_owned()))
        .collect()
}

/// Refuses nameless parameters and those the client sets itself.
pub(crate) fn check(params: &[(String, String)]) -> Result<(), RequestError> {
    for (name, _) in params {
        if name.trim().is_empty() {
            return Err(RequestError::EmptyName);
        }
        if let Some(reserved) = RESERVED.iter().find(|r| name.eq_ignore_ascii_case(r)) {
            return Err(RequestError::Reserved(reserved));
        }
    }
    Ok(())
}

/// The values of `name` (any case).
fn values<'a>(params: &'a [(String, String)], name: &'a str) -> impl Iterator<Item = &'a str> {
    params
        .iter()
        .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// The order's one non-empty ORDERID.
pub(crate) fn order_id(params: &[(String, String)]) -> Result<String, RequestError> {
    let mut ids = values(params, "ORDERID").filter(|v| !v.is_empty());
    let id = ids.next().ok_or(RequestError::MissingOrderId)?;
    if ids.next().is_some() {
        return Err(RequestError::DuplicateOrderId);
    }
    Ok(id.to_owned())
}

/// `RTIMEOUT`, when sent, must be a number of seconds shorter than the order timeout: the
/// platform must give up before the client does (DirectLink guide, section 3.2).
pub(crate) fn check_rtimeout(
    params: &[(String, String)],
    timeout: Duration,
) -> Result<(), RequestError> {
    for value in values(params, "RTIMEOUT").filter(|v| !v.is_empty()) {
        let rtimeout: u64 = value
            .trim()
            .parse()
            .map_err(|_| RequestError::InvalidRtimeout)?;
        if Duration::from_secs(rtimeout) >= timeout {
            return Err(RequestError::RtimeoutTooLong { rtimeout, timeout });
        }
    }
    Ok(())
}

/// The form body: PSPID, USERID, PSWD, the caller's parameters in order, then SHASIGN over all
/// of them when `signed`.
pub(crate) fn body<E: EnvironmentKind>(
    config: &DirectLinkConfig<E>,
    params: &[(String, String)],
    signed: bool,
) -> String {
    let mut all: Vec<(&str, &str)> = Vec::with_capacity(params.len() + 4);
    all.push(("PSPID", &config.pspid));
    all.push(("USERID", &config.userid));
    all.push(("PSWD", config.pswd.expose()));
    all.extend(params.iter().map(|(n, v)| (n.as_str(), v.as_str())));
    let signature =
        signed.then(|| sha_sign(&all, &config.sha_in, config.algorithm, &config.sha_in_list));
    let mut form = form_urlencoded::Serializer::new(String::new());
    form.extend_pairs(&all);
    if let Some(signature) = &signature {
        form.append_pair(SHASIGN, signature);
    }
    form.finish()
}
