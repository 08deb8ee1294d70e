//! `payone hash --api directlink`: the SHA-IN signature of a request or the SHA-OUT signature
//! of feedback parameters (see `payone_types::directlink` for the signing rule).

use payone_client::directlink::{ShaAlgorithm, ShaList, ShaPassphrase, sha_sign, signed_names};

/// Which signature to compute: it decides the list of parameters that take part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// SHA-IN over a request: [`ShaList::sha_in`], every parameter given except `SHASIGN`
    /// (the DirectLink guide prints no narrower SHA-IN list; the client signs and the sandbox
    /// checks the same way).
    In,
    /// SHA-OUT over feedback parameters: [`ShaList::sha_out`], only the parameters on the
    /// platform's published SHA-OUT list, the list `FeedbackVerifier` checks by default.
    Out,
}

impl Direction {
    /// The parameters this direction signs.
    pub fn list(self) -> ShaList {
        match self {
            Direction::In => ShaList::sha_in(),
            Direction::Out => ShaList::sha_out(),
        }
    }
}

/// The lines to print: with `explain` the signed names in order, then the uppercase digest.
pub fn run(
    algorithm: ShaAlgorithm,
    direction: Direction,
    passphrase: &ShaPassphrase,
    pairs: &[(String, String)],
    explain: bool,
) -> Vec<String> {
    let list = direction.list();
    let left_out = left_out(pairs, &list);
    if !left_out.is_empty() {
        // A digest that differs from the naive one must say why.
        eprintln!(
            "payone: note: not on the {} list, so not signed: {}",
            match direction {
                Direction::In => "SHA-IN",
                Direction::Out => "SHA-OUT",
            },
            left_out.join(", ")
        );
    }
    let mut lines = if explain {
        signed_names(pairs, &list)
    } else {
        Vec::new()
    };
    lines.push(sha_sign(pairs, passphrase, algorithm, &list));
    lines
}

/// The names of `pairs` with a value that `list` leaves out (`SHASIGN` itself is not noted).
fn left_out(pairs: &[(String, String)], list: &ShaList) -> Vec<String> {
    pairs
        .iter()
        .filter(|(name, value)| {
            !value.is_empty() && !name.eq_ignore_ascii_case("SHASIGN") && !list.contains(name)
        })
        .map(|(name, _)| name.to_ascii_uppercase())
        .collect()
}
