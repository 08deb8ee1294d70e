//! SHA-IN and SHA-OUT signatures over ordered `(name, value)` lists (DirectLink integration
//! guide, section 2.3.2).
//!
//! The functions are pure and live in [`payone_types::directlink`], so that the sandbox can
//! check signatures with the same code without depending on the client; they are re-exported
//! here unchanged (`payone_client::directlink::sha_sign` and so on).

pub use payone_types::directlink::{
    SHA_OUT_PARAMETERS, SHASIGN, ShaAlgorithm, ShaList, ShaOutError, ShaPassphrase,
    UnknownShaAlgorithm, sha_sign, signed_names, verify_sha_in, verify_sha_out,
};
