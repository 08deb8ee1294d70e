//! The merchant account: the parameters every request carries, supplied once by the
//! configuration instead of by each request (mid, portalid, aid, key, mode, api_version, encoding,
//! and the integration parameters integrator_name/_version and solution_name/_version).

use std::borrow::Cow;

use crate::charset::Charset;
use crate::sign::{KeyDigest, PortalKey, server_key};

/// `mode`: test or live transactions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Transactions are simulated.
    #[default]
    Test,
    /// Transactions are performed.
    Live,
}

impl Mode {
    /// The wire value.
    pub const fn as_str(self) -> &'static str {
        match self {
            Mode::Test => "test",
            Mode::Live => "live",
        }
    }
}

/// The account parameters. Their formats are checked against each request's table when the
/// request is encoded, so a wrong portal ID is reported like any other bad parameter.
#[derive(Clone, Debug)]
pub struct Account {
    mid: u32,
    portalid: u32,
    aid: u32,
    key: PortalKey,
    key_digest: KeyDigest,
    mode: Mode,
    api_version: Cow<'static, str>,
    encoding: Charset,
    integrator: Option<(Cow<'static, str>, Cow<'static, str>)>,
    solution: Option<(Cow<'static, str>, Cow<'static, str>)>,
}

impl Account {
    /// An account in test mode, API version 3.11, UTF-8, md5 key digest.
    pub fn new(mid: u32, portalid: u32, aid: u32, key: PortalKey) -> Self {
        Account {
            mid,
            portalid,
            aid,
            key,
            key_digest: KeyDigest::Md5,
            mode: Mode::Test,
            api_version: Cow::Borrowed("3.11"),
            encoding: Charset::Utf8,
            integrator: None,
            solution: None,
        }
    }

    /// Sets `integrator_name` and `integrator_version`: who built the integration ("Integration
    /// Parameters" of the Server API documentation). Sent with every Server API request whose
    /// table has them.
    pub fn with_integrator(
        mut self,
        name: impl Into<Cow<'static, str>>,
        version: impl Into<Cow<'static, str>>,
    ) -> Self {
        self.integrator = Some((name.into(), version.into()));
        self
    }

    /// Sets `solution_name` and `solution_version`: the shop system the integration runs in.
    pub fn with_solution(
        mut self,
        name: impl Into<Cow<'static, str>>,
        version: impl Into<Cow<'static, str>>,
    ) -> Self {
        self.solution = Some((name.into(), version.into()));
        self
    }

    /// Sets `mode`.
    pub fn with_mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }

    /// Sets `api_version`.
    pub fn with_api_version(mut self, version: impl Into<Cow<'static, str>>) -> Self {
        self.api_version = version.into();
        self
    }

    /// Sets `encoding`.
    pub fn with_encoding(mut self, encoding: Charset) -> Self {
        self.encoding = encoding;
        self
    }

    /// Sets how the Server API `key` parameter is derived.
    pub fn with_key_digest(mut self, digest: KeyDigest) -> Self {
        self.key_digest = digest;
        self
    }

    /// The portal key.
    pub fn key(&self) -> &PortalKey {
        &self.key
    }

    /// The declared encoding.
    pub fn encoding(&self) -> Charset {
        self.encoding
    }

    /// The wire value of the account parameter `name`, if the account supplies it.
    pub fn param(&self, name: &str) -> Option<Cow<'static, str>> {
        Some(match name {
            "mid" => Cow::Owned(self.mid.to_string()),
            "portalid" => Cow::Owned(self.portalid.to_string()),
            "aid" => Cow::Owned(self.aid.to_string()),
            "key" => Cow::Owned(server_key(&self.key, self.key_digest)),
            "mode" => Cow::Borrowed(self.mode.as_str()),
            "api_version" => self.api_version.clone(),
            "encoding" => Cow::Borrowed(self.encoding.as_str()),
            "integrator_name" => self.integrator.as_ref()?.0.clone(),
            "integrator_version" => self.integrator.as_ref()?.1.clone(),
            "solution_name" => self.solution.as_ref()?.0.clone(),
            "solution_version" => self.solution.as_ref()?.1.clone(),
            _ => return None,
        })
    }
}

/// Where the account parameters of a request come from: the PAYONE [`Account`], or the
/// credentials of another platform (DirectLink's PSPID, USERID, PSWD).
pub trait AccountParams {
    /// The wire value of the account parameter `name`, if this account supplies it.
    fn param(&self, name: &str) -> Option<Cow<'static, str>>;
    /// The charset the request is encoded in.
    fn encoding(&self) -> Charset;
}

impl AccountParams for Account {
    fn param(&self, name: &str) -> Option<Cow<'static, str>> {
        Account::param(self, name)
    }

    fn encoding(&self) -> Charset {
        Account::encoding(self)
    }
}
