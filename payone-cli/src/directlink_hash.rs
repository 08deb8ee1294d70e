//! `payone hash --api directlink`: the SHA-IN signature of a request or the SHA-OUT signature
//! of feedback parameters (DESIGN.md section 6).

use payone_client::directlink::{ShaAlgorithm, ShaList, ShaPassphrase, sha_sign, signed_names};

/// The lines to print: with `explain` the signed names in order, then the uppercase digest.
///
/// Seed 002 prints no SHA-IN or SHA-OUT list, so every parameter given takes part except
/// `SHASIGN` itself (`ShaList::All`). SHA-IN and SHA-OUT are computed alike: the direction
/// only decides which passphrase the caller names.
pub fn run(
    algorithm: ShaAlgorithm,
    passphrase: &ShaPassphrase,
    pairs: &[(String, String)],
    explain: bool,
) -> Vec<String> {
    let list = ShaList::All;
    let mut lines = if explain {
        signed_names(pairs, &list)
    } else {
        Vec::new()
    };
    lines.push(sha_sign(pairs, passphrase, algorithm, &list));
    lines
}
