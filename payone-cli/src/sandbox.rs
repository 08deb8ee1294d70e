//! `payone sandbox`: the local emulation of the platform in the foreground.

use std::net::SocketAddr;
use std::time::Duration;

/// Runs the sandbox until Ctrl-C. The first line printed is `listening on http://ADDR`.
pub fn run(
    listen: Option<SocketAddr>,
    notify_url: Option<String>,
    notify_retry_secs: u64,
    webhook_url: Option<String>,
) -> Result<(), String> {
    let mut config = payone_sandbox::Config::from_env().map_err(|e| e.to_string())?;
    if let Some(listen) = listen {
        config.listen = listen;
    }
    config.notify_url = notify_url;
    config.webhook_url = webhook_url;
    config.notify_retry = Duration::from_secs(notify_retry_secs);
    let runtime = tokio::runtime::Runtime::new().map_err(|e| format!("cannot start tokio: {e}"))?;
    runtime.block_on(async move {
        let sandbox = payone_sandbox::start(config)
            .await
            .map_err(|e| format!("cannot start the sandbox: {e}"))?;
        println!("listening on {}", sandbox.base_url());
        tokio::signal::ctrl_c()
            .await
            .map_err(|e| format!("cannot wait for Ctrl-C: {e}"))?;
        sandbox.shutdown().await;
        Ok(())
    })
}
