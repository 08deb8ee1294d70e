//! Checking that a notification comes from PAYONE for this account: the `key` (md5 of the
//! portal key, compared in constant time), `portalid`, `aid` and, when configured, the source
//! network.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use ipnet::{IpNet, Ipv4Net};
use payone_types::sign::{digest_matches, server_key};
use payone_types::{Account, KeyDigest, PortalKey};
use secrecy::{ExposeSecret, SecretString};

use super::parse::Notification;

/// The network PAYONE sends notifications from, 185.60.20.0/24. Not checked unless given to
/// [`Verifier::allow_networks`]: a server behind a proxy or load balancer that does not pass
/// the source address on would refuse every notification.
pub const PAYONE_NETWORK: IpNet = IpNet::V4(Ipv4Net::new_assert(Ipv4Addr::new(185, 60, 20, 0), 24));

/// Why a notification was refused. Never contains the received or the expected key.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// The `key` is missing or is not the md5 digest of the portal key.
    #[error("the notification's key does not match the portal key")]
    Key,
    /// The notification is for another portal.
    #[error("the notification is for portal {received}, not {expected}")]
    Portal {
        /// The configured portal ID.
        expected: u32,
        /// The received one.
        received: u32,
    },
    /// The notification is for another sub-account.
    #[error("the notification is for sub-account {received}, not {expected}")]
    SubAccount {
        /// The configured sub-account ID.
        expected: u32,
        /// The received one.
        received: u32,
    },
    /// The sender is outside the allowed networks.
    #[error("the notification came from {0}, which is outside the allowed networks")]
    Network(IpAddr),
    /// A trusted proxy's `X-Forwarded-For` entry is not an IP address.
    #[error("the X-Forwarded-For header holds an entry that is not an IP address")]
    ForwardedFor,
}

impl VerifyError {
    /// Whether the sender failed to authenticate (wrong or missing key), as opposed to being
    /// authenticated for something else or sending from elsewhere: 401 rather than 403.
    pub fn is_unauthenticated(&self) -> bool {
        matches!(self, VerifyError::Key)
    }
}

/// Verifies TransactionStatus notifications for one portal and sub-account.
#[derive(Clone)]
pub struct Verifier {
    /// md5 of the portal key: what PAYONE sends as `key`, so itself a credential.
    expected_key: SecretString,
    portalid: u32,
    aid: u32,
    allowed_networks: Vec<IpNet>,
    trusted_proxies: Vec<IpNet>,
}

impl std::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Verifier")
            .field("expected_key", &"<redacted>")
            .field("portalid", &self.portalid)
            .field("aid", &self.aid)
            .field("allowed_networks", &self.allowed_networks)
            .field("trusted_proxies", &self.trusted_proxies)
            .finish()
    }
}

impl Verifier {
    /// A verifier for `portalid` and `aid` that checks no network.
    pub fn new(key: &PortalKey, portalid: u32, aid: u32) -> Self {
        Verifier {
            expected_key: SecretString::from(server_key(key, KeyDigest::Md5)),
            portalid,
            aid,
            allowed_networks: Vec::new(),
            trusted_proxies: Vec::new(),
        }
    }

    /// A verifier for the portal and sub-account of `account`.
    pub fn for_account(account: &Account) -> Self {
        let id = |name| {
            account
                .param(name)
                .and_then(|v| v.parse().ok())
                .expect("an account always has a numeric portalid and aid")
        };
        Verifier::new(account.key(), id("portalid"), id("aid"))
    }

    /// Accepts notifications only from these networks (for example [`PAYONE_NETWORK`]).
    #[must_use]
    pub fn allow_networks(mut self, networks: impl IntoIterator<Item = IpNet>) -> Self {
        self.allowed_networks.extend(networks);
        self
    }

    /// Reverse proxies in front of the receiver whose `X-Forwarded-For` entries are believed.
    #[must_use]
    pub fn trust_proxies(mut self, proxies: impl IntoIterator<Item = IpNet>) -> Self {
        self.trusted_proxies.extend(proxies);
        self
    }

    /// Checks the source network (when configured), then `key`, `portalid` and `aid`.
    ///
    /// `peer` is the address of the TCP connection; `forwarded_for` the `X-Forwarded-For`
    /// header (several headers joined with `,`), used only when `peer` is a trusted proxy.
    pub fn verify(
        &self,
        notification: &Notification,
        peer: IpAddr,
        forwarded_for: Option<&str>,
    ) -> Result<(), VerifyError> {
        if self.checks_networks() {
            let source = self.source_address(peer, forwarded_for)?;
            if !self.allowed_networks.iter().any(|n| n.contains(&source)) {
                return Err(VerifyError::Network(source));
            }
        }
        let key_ok = notification
            .key()
            .is_some_and(|key| digest_matches(self.expected_key.expose_secret(), key));
        if !key_ok {
            return Err(VerifyError::Key);
        }
        if notification.portalid() != self.portalid {
            return Err(VerifyError::Portal {
                expected: self.portalid,
                received: notification.portalid(),
            });
        }
        if notification.aid() != self.aid {
            return Err(VerifyError::SubAccount {
                expected: self.aid,
                received: notification.aid(),
            });
        }
        Ok(())
    }

    /// The address the notification came from: `peer`, or, when `peer` is a trusted proxy,
    /// the right-most `X-Forwarded-For` entry that is not a trusted proxy. Entries left of it
    /// were written by whoever connected to the proxy and prove nothing.
    pub fn source_address(
        &self,
        peer: IpAddr,
        forwarded_for: Option<&str>,
    ) -> Result<IpAddr, VerifyError> {
        let peer = peer.to_canonical();
        if !self.is_trusted_proxy(peer) {
            return Ok(peer);
        }
        let mut source = peer;
        for entry in forwarded_for.unwrap_or("").rsplit(',').map(str::trim) {
            if entry.is_empty() {
                continue;
            }
            let addr = parse_forwarded(entry).ok_or(VerifyError::ForwardedFor)?;
            source = addr;
            if !self.is_trusted_proxy(addr) {
                break;
            }
        }
        Ok(source)
    }

    /// Whether [`Verifier::verify`] looks at the source address.
    pub fn checks_networks(&self) -> bool {
        !self.allowed_networks.is_empty()
    }

    fn is_trusted_proxy(&self, addr: IpAddr) -> bool {
        self.trusted_proxies.iter().any(|n| n.contains(&addr))
    }
}

/// One `X-Forwarded-For` entry: an address, optionally with a port (`1.2.3.4:5678`,
/// `[2001:db8::1]:443`).
fn parse_forwarded(entry: &str) -> Option<IpAddr> {
    entry
        .parse::<IpAddr>()
        .or_else(|_| entry.parse::<SocketAddr>().map(|s| s.ip()))
        .or_else(|_| entry.trim_matches(['[', ']']).parse::<IpAddr>())
        .ok()
        .map(|ip| ip.to_canonical())
}
