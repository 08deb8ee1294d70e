//! `payone`: hashing, validation and spec tools for the PAYONE APIs (commands and their output:
//! `payone --help` and ARCHITECTURE.md in the repository). Keys and secrets are read from
//! environment variables named on the command line, never from arguments.

mod demo;
mod directlink_hash;
mod gcs;
mod hash;
mod input;
mod lookup;
mod sandbox;
mod spec;
mod validate;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use payone_client::directlink::{ShaAlgorithm, ShaPassphrase};
use payone_types::{HashAlgorithm, PortalKey};

#[derive(Parser)]
#[command(
    name = "payone",
    version,
    about = "Hashing, validation and spec tools for the PAYONE APIs"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum HashApi {
    Frontend,
    Client,
    Directlink,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ValidateApi {
    Frontend,
    Client,
    Server,
    Directlink,
}

/// The kind of documentation page `payone spec import` reads.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum PageLayout {
    /// The Frontend parameter page "FE - Parameters in the request URL" (`--api frontend`).
    FrontendParameters,
    /// The Client API page "General Interface Definitions" (`--api client`).
    ClientDefinitions,
    /// The DirectLink integration guide, German edition (`--api directlink`).
    DirectlinkGuide,
    /// One request's page of the Server API documentation,
    /// docs.payone.com/integration/channel-server-api/... (`--api server`).
    ServerPage,
    /// One request's page of the Client API documentation,
    /// docs.payone.com/integration/channel-client-api/... (`--api client`).
    ClientPage,
}

impl PageLayout {
    fn layout(self) -> payone_spec::import::Layout {
        use payone_spec::import::Layout;
        match self {
            PageLayout::FrontendParameters => Layout::FrontendParameters,
            PageLayout::ClientDefinitions => Layout::ClientDefinitions,
            PageLayout::DirectlinkGuide => Layout::DirectlinkGuide,
            PageLayout::ServerPage => Layout::ServerPage,
            PageLayout::ClientPage => Layout::ClientPage,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Algo {
    Sha384,
    Md5,
    Sha1,
    Sha256,
    Sha512,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Direction {
    In,
    Out,
}

#[derive(Subcommand)]
enum Command {
    /// Hash stdin `name=value` lines: the Frontend / Client API `hash`, or DirectLink's SHA-IN /
    /// SHA-OUT signature.
    Hash {
        /// The platform whose table says which parameters are hashed.
        #[arg(long, value_enum)]
        api: HashApi,
        /// Frontend / Client API: sha384 (HMAC-SHA384, the default) or md5 (legacy);
        /// DirectLink: sha1, sha256 or sha512 (required).
        #[arg(long, value_enum)]
        algo: Option<Algo>,
        /// Name of the environment variable holding the portal key (DirectLink: the SHA-IN or
        /// SHA-OUT passphrase).
        #[arg(long)]
        key_env: String,
        /// DirectLink: sign a request (in, the default: every parameter but SHASIGN) or
        /// feedback parameters (out: only those on the platform's published SHA-OUT list).
        #[arg(long, value_enum)]
        direction: Option<Direction>,
        /// Print the hashed parameter names, in hash order, before the digest.
        #[arg(long)]
        explain: bool,
    },
    /// Check stdin `name=value` lines against the request's table; one line per violation.
    Validate {
        /// The platform.
        #[arg(long, value_enum)]
        api: ValidateApi,
    },
    /// Work with the parameter tables in spec/.
    Spec {
        #[command(subcommand)]
        command: SpecCommand,
    },
    /// Run the local sandbox of the platform in the foreground (until Ctrl-C).
    Sandbox {
        /// Address to listen on (loopback and a free port by default).
        #[arg(long)]
        listen: Option<SocketAddr>,
        /// Where TransactionStatus notifications are POSTed.
        #[arg(long)]
        notify_url: Option<String>,
        /// Seconds between two attempts of a notification not answered `TSOK` (or of a v2
        /// webhook not answered 2xx).
        #[arg(long, default_value_t = 2)]
        notify_retry_secs: u64,
        /// Where v2 webhooks (signed `WebhooksEvent` JSON) are POSTed.
        #[arg(long)]
        webhook_url: Option<String>,
    },
    /// A whole checkout against an embedded sandbox, printing each step.
    Demo,
    /// The v2 JSON API's `Authorization: GCS v1HMAC:<apiKey>:<base64>` value of a request.
    /// Only `X-GCS-*` headers are signed; other `--header`s are ignored.
    GcsSign {
        /// The HTTP method (upper-cased).
        #[arg(long)]
        method: String,
        /// The `Content-Type` as sent; leave out for a request without a body.
        #[arg(long)]
        content_type: Option<String>,
        /// The `Date` header as sent, e.g. `Fri, 06 Jun 2014 13:39:43 GMT`.
        #[arg(long)]
        date: String,
        /// A header `Name: value`, repeatable; only `X-GCS-*` names take part.
        #[arg(long = "header")]
        headers: Vec<String>,
        /// The path and query as sent, e.g. `/v2/1/payments`.
        #[arg(long)]
        path: String,
        /// The API key id (not secret).
        #[arg(long)]
        api_key: String,
        /// Name of the environment variable holding the API secret.
        #[arg(long)]
        secret_env: String,
        /// Print the string to sign before the Authorization value.
        #[arg(long)]
        explain: bool,
    },
    /// Check a v2 webhook's `X-GCS-Signature` over the raw body on stdin: exit 0 when valid,
    /// 1 with the reason when not.
    WebhookVerify {
        /// The `X-GCS-KeyId` the webhook names.
        #[arg(long)]
        key_id: String,
        /// Name of the environment variable holding that key's secret.
        #[arg(long)]
        secret_env: String,
        /// The `X-GCS-Signature` value (base64).
        #[arg(long)]
        signature: String,
    },
}

#[derive(Subcommand)]
enum SpecCommand {
    /// One line per parameter: api, request, name, required, UsedInHash, format.
    List {
        /// Only this platform.
        #[arg(long)]
        api: Option<String>,
        /// Only this request.
        #[arg(long)]
        request: Option<String>,
        /// Read this spec directory instead of the tables built into the binary.
        #[arg(long, conflicts_with = "file")]
        spec: Option<PathBuf>,
        /// Read this one spec file (any api) instead.
        #[arg(long)]
        file: Option<PathBuf>,
    },
    /// Changes between two spec files or directories, each with its semver impact.
    Diff {
        /// The old spec file or directory.
        old: PathBuf,
        /// The new spec file or directory.
        new: PathBuf,
        /// One JSON document instead of text lines.
        #[arg(long)]
        json: bool,
    },
    /// Import an exported documentation page (the Frontend parameter page, the Client API page
    /// "General Interface Definitions", the DirectLink guide, or one request's page of the Server
    /// API or Client API documentation), or a v2 request body's JSON Schema, plus the maintainer
    /// overlay, if any, into a spec file.
    Import {
        /// The exported page (text), or for `--api v2` the request body's JSON Schema (files
        /// that its `$ref`s name are read relative to it).
        #[arg(long)]
        from: PathBuf,
        /// The table the page belongs to: `frontend`, `client`, `directlink` or `server`; or
        /// `v2` for a JSON Schema of a request body of the E-Payment API
        /// (<https://developer.payone.com/en/api-reference>).
        #[arg(long)]
        api: String,
        /// The kind of page (default: `frontend-parameters` for `--api frontend`,
        /// `client-definitions` for `client`, `directlink-guide` for `directlink`, `server-page`
        /// for `server`).
        #[arg(long, value_enum)]
        layout: Option<PageLayout>,
        /// Write only this request (its groups and their rows), named as the overlay's
        /// `[[request]]` names it (`authorization`, `creditcardcheck`, `orderdirect`).
        #[arg(long)]
        request: Option<String>,
        /// The overlay (default: `spec/overlay/<api>.toml` for the frontend-parameters,
        /// client-definitions and directlink-guide pages when it exists; none for a request
        /// page). Without one the page imports on its own words.
        #[arg(long, conflicts_with = "no_overlay")]
        overlay: Option<PathBuf>,
        /// Import without any overlay, even where `spec/overlay/<api>.toml` exists.
        #[arg(long)]
        no_overlay: bool,
        /// The spec file to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// Regenerate payone-types/src/generated/ from spec/.
    Generate {
        /// The spec directory.
        #[arg(long, default_value = "spec")]
        spec: PathBuf,
        /// The generated-code directory.
        #[arg(long, default_value = "payone-types/src/generated")]
        out: PathBuf,
    },
    /// Fail when payone-types/src/generated/ is not what spec/ generates.
    Check {
        /// The spec directory.
        #[arg(long, default_value = "spec")]
        spec: PathBuf,
        /// The generated-code directory.
        #[arg(long, default_value = "payone-types/src/generated")]
        out: PathBuf,
    },
}

/// Prints lines to stdout; a closed pipe (`payone spec list | head`) ends the output quietly.
fn print_lines<I: IntoIterator<Item = S>, S: std::fmt::Display>(lines: I) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    for line in lines {
        if writeln!(out, "{line}").is_err() {
            return;
        }
    }
}

fn secret_text_from_env(var: &str) -> Result<String, String> {
    match std::env::var(var) {
        Ok(key) if !key.is_empty() => Ok(key),
        Ok(_) => Err(format!("environment variable {var} is empty")),
        Err(_) => Err(format!("environment variable {var} is not set")),
    }
}

fn secret_from_env(var: &str) -> Result<PortalKey, String> {
    secret_text_from_env(var).map(PortalKey::new)
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Hash {
            api,
            algo,
            key_env,
            direction,
            explain,
        } => {
            let pairs = input::read_params()?;
            let lines = match api {
                HashApi::Directlink => {
                    let algorithm = match algo {
                        Some(Algo::Sha1) => ShaAlgorithm::Sha1,
                        Some(Algo::Sha256) => ShaAlgorithm::Sha256,
                        Some(Algo::Sha512) => ShaAlgorithm::Sha512,
                        Some(_) => {
                            return Err(
                                "--api directlink takes --algo sha1, sha256 or sha512".into()
                            );
                        }
                        None => {
                            return Err(
                                "--api directlink needs --algo sha1, sha256 or sha512".into()
                            );
                        }
                    };
                    let direction = match direction {
                        Some(Direction::In) | None => directlink_hash::Direction::In,
                        Some(Direction::Out) => directlink_hash::Direction::Out,
                    };
                    let passphrase = ShaPassphrase::new(secret_text_from_env(&key_env)?);
                    directlink_hash::run(algorithm, direction, &passphrase, &pairs, explain)
                }
                HashApi::Frontend | HashApi::Client => {
                    if direction.is_some() {
                        return Err("--direction applies to --api directlink only".into());
                    }
                    let algorithm = match algo {
                        Some(Algo::Sha384) | None => HashAlgorithm::HmacSha384,
                        Some(Algo::Md5) => HashAlgorithm::Md5,
                        Some(_) => {
                            return Err(
                                "the Frontend / Client API hash takes --algo sha384 or md5".into(),
                            );
                        }
                    };
                    let key = secret_from_env(&key_env)?;
                    let api = if api == HashApi::Frontend {
                        "frontend"
                    } else {
                        "client"
                    };
                    hash::run(api, algorithm, &key, &pairs, explain)?
                }
            };
            print_lines(lines);
            Ok(ExitCode::SUCCESS)
        }
        Command::Validate { api } => {
            let pairs = input::read_params()?;
            let api = match api {
                ValidateApi::Frontend => "frontend",
                ValidateApi::Client => "client",
                ValidateApi::Server => "server",
                ValidateApi::Directlink => "directlink",
            };
            let lines = validate::run(api, &pairs);
            print_lines(&lines);
            Ok(if lines.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Command::Spec { command } => match command {
            SpecCommand::List {
                api,
                request,
                spec,
                file,
            } => {
                let source = match (&spec, &file) {
                    (_, Some(file)) => spec::Source::File(file),
                    (Some(dir), None) => spec::Source::Dir(dir),
                    (None, None) => spec::Source::Embedded,
                };
                print_lines(spec::list(source, api.as_deref(), request.as_deref())?);
                Ok(ExitCode::SUCCESS)
            }
            SpecCommand::Diff { old, new, json } => {
                print_lines(spec::diff(&old, &new, json)?);
                Ok(ExitCode::SUCCESS)
            }
            SpecCommand::Import {
                from,
                api,
                layout,
                request,
                overlay,
                no_overlay,
                out,
            } => {
                let overlay = match (overlay, no_overlay) {
                    (_, true) => spec::OverlayChoice::None,
                    (Some(path), false) => spec::OverlayChoice::File(path),
                    (None, false) => spec::OverlayChoice::Default,
                };
                print_lines(spec::import(
                    &from,
                    &api,
                    layout.map(PageLayout::layout),
                    request.as_deref(),
                    &overlay,
                    &out,
                )?);
                Ok(ExitCode::SUCCESS)
            }
            SpecCommand::Generate { spec, out } => {
                print_lines(spec::generate(&spec, &out)?);
                Ok(ExitCode::SUCCESS)
            }
            SpecCommand::Check { spec, out } => {
                spec::check(&spec, &out).map(|()| ExitCode::SUCCESS)
            }
        },
        Command::Sandbox {
            listen,
            notify_url,
            notify_retry_secs,
            webhook_url,
        } => sandbox::run(listen, notify_url, notify_retry_secs, webhook_url)
            .map(|()| ExitCode::SUCCESS),
        Command::Demo => demo::run().map(|()| ExitCode::SUCCESS),
        Command::GcsSign {
            method,
            content_type,
            date,
            headers,
            path,
            api_key,
            secret_env,
            explain,
        } => {
            let secret = secret_text_from_env(&secret_env)?.into();
            let args = gcs::SignArgs {
                method: &method,
                content_type: content_type.as_deref(),
                date: &date,
                headers: &headers,
                path: &path,
                api_key: &api_key,
                explain,
            };
            print_lines(gcs::sign(&args, secret)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::WebhookVerify {
            key_id,
            secret_env,
            signature,
        } => gcs::verify(
            &key_id,
            secret_text_from_env(&secret_env)?.into(),
            &signature,
        ),
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("payone: {message}");
            ExitCode::from(2)
        }
    }
}
