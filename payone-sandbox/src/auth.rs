//! Does a request come from the sandbox's merchant? The account parameters, the Server API
//! `key` and the Frontend / Client API `hash`, compared in constant time.

use payone_types::dynamic::to_params;
use payone_types::sign::{digest_matches, hash_data, hash_hex, server_key};
use payone_types::{HashAlgorithm, KeyDigest, ParamInfo, Rule};

use crate::config::Accounts;
use crate::form::Form;
use crate::refusal::Refusal;

/// Checks that each of `names` (a subset of `mid`, `portalid`, `aid`, in the given order) is
/// present and equals the account's value.
pub(crate) fn check_account(
    form: &Form,
    accounts: &Accounts,
    names: &[&'static str],
) -> Result<(), Refusal> {
    for &name in names {
        let expected = match name {
            "mid" => accounts.mid,
            "portalid" => accounts.portalid,
            _ => accounts.aid,
        };
        match form.non_empty(name) {
            None => return Err(Refusal::faulty(name, Rule::Missing)),
            Some(value) if value != expected.to_string() => {
                return Err(Refusal::AccountMismatch(name));
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// Checks the Server API `key`: md5 or SHA-384 hex of the portal key (both are in use).
pub(crate) fn check_key(form: &Form, accounts: &Accounts) -> Result<(), Refusal> {
    let Some(received) = form.non_empty("key") else {
        return Err(Refusal::faulty("key", Rule::Missing));
    };
    // Both comparisons always run, so the time taken does not tell which digest was close.
    let md5 = digest_matches(&server_key(&accounts.key, KeyDigest::Md5), received);
    let sha384 = digest_matches(&server_key(&accounts.key, KeyDigest::Sha384), received);
    if md5 | sha384 {
        Ok(())
    } else {
        Err(Refusal::KeyIncorrect)
    }
}

/// Checks the `hash` of a Frontend or Client API request against `rows` (its table): the
/// UsedInHash parameters it carries, in natural order, in its charset, under HMAC-SHA384 or md5.
pub(crate) fn check_hash(
    form: &Form,
    rows: &[&ParamInfo],
    accounts: &Accounts,
) -> Result<(), Refusal> {
    let Some(received) = form.non_empty("hash") else {
        return Err(Refusal::faulty("hash", Rule::Missing));
    };
    let params = to_params(rows, &form.pairs);
    let data = hash_data(&params, form.charset);
    let hmac = digest_matches(
        &hash_hex(&data, &accounts.key, HashAlgorithm::HmacSha384),
        received,
    );
    let md5 = digest_matches(
        &hash_hex(&data, &accounts.key, HashAlgorithm::Md5),
        received,
    );
    if hmac | md5 {
        Ok(())
    } else {
        Err(Refusal::HashIncorrect)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use payone_types::{Api, PortalKey};

    fn form(pairs: &[(&str, &str)]) -> Form {
        Form {
            pairs: pairs
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect(),
            charset: payone_types::Charset::Utf8,
        }
    }

    fn accounts(key: &str) -> Accounts {
        Accounts {
            mid: 11111,
            portalid: 3333333,
            aid: 22222,
            key: PortalKey::new(key),
            directlink: Default::default(),
            v2: Default::default(),
        }
    }

    #[test]
    fn the_design_vector_passes_and_a_changed_value_fails() {
        let mut pairs = vec![
            ("aid", "22222"),
            ("api_version", "3.11"),
            ("encoding", "UTF-8"),
            ("mid", "11111"),
            ("mode", "test"),
            ("portalid", "3333333"),
            ("request", "creditcardcheck"),
            ("responsetype", "JSON"),
            ("storecarddata", "yes"),
            ("cardpan", "4111111111111111"),
            (
                "hash",
                "ba5c08f0a3ee380214908e1274411227054923d129109e6f4b4460935a64918e5871842655ea8c02e54fcafa9c029bc0",
            ),
        ];
        let rows = crate::tables::rows(Api::Client, "creditcardcheck").unwrap();
        let accounts = accounts("wurstbrot");
        assert_eq!(check_hash(&form(&pairs), &rows, &accounts), Ok(()));
        pairs[8].1 = "no";
        assert_eq!(
            check_hash(&form(&pairs), &rows, &accounts),
            Err(Refusal::HashIncorrect)
        );
    }

    #[test]
    fn both_key_digests_are_accepted() {
        let accounts = accounts("key");
        let md5 = form(&[("key", "3c6e0b8a9c15224a8228b9a98ca1531d")]);
        assert_eq!(check_key(&md5, &accounts), Ok(()));
        let sha = server_key(&accounts.key, KeyDigest::Sha384);
        assert_eq!(check_key(&form(&[("key", &sha)]), &accounts), Ok(()));
        assert_eq!(
            check_key(&form(&[("key", "00")]), &accounts),
            Err(Refusal::KeyIncorrect)
        );
    }

    #[test]
    fn account_parameters_in_order() {
        let accounts = accounts("key");
        let f = form(&[("mid", "11111"), ("portalid", "1"), ("aid", "2")]);
        assert_eq!(
            check_account(&f, &accounts, &["mid", "portalid", "aid"]),
            Err(Refusal::AccountMismatch("portalid"))
        );
        assert_eq!(
            check_account(&form(&[]), &accounts, &["aid"]),
            Err(Refusal::faulty("aid", Rule::Missing))
        );
    }
}
