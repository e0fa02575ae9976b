//! The store's server: configuration, storage, HTTP routes, payments and background jobs.

pub mod admin;
pub mod attribution;
mod backend;
pub mod cart;
pub mod catalog;
pub mod checkout;
pub mod config;
pub mod db;
pub mod error;
mod forms;
pub mod fulfilment;
mod guard;
pub mod jobs;
pub mod orders;
pub mod outbox;
pub mod page_cache;
pub mod payments;
mod routes;
pub mod seed;
pub mod sessions;

use axum::extract::FromRef;
use axum::serve::ListenerExt;
use config::Config;
use db::Db;
use leptos::config::LeptosOptions;
use std::sync::Arc;

/// What every handler can reach. It holds no per-visitor state: that lives in the database.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub leptos: LeptosOptions,
    /// Pages every visitor sees alike, kept for a moment (see `page_cache`).
    pub pages: page_cache::PageCache,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}

/// Leptos options for serving, from the store's own configuration. The output name is the one
/// the build used (`.cargo/config.toml` and cargo-leptos both set it).
pub fn leptos_options(config: &Config) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name(option_env!("LEPTOS_OUTPUT_NAME").unwrap_or("store"))
        .site_root(config.site_root.clone())
        .site_pkg_dir("pkg")
        .site_addr(config.listen)
        .build()
}

/// Connects, migrates and builds the router.
pub async fn build(config: Config) -> Result<(axum::Router, AppState), Box<dyn std::error::Error>> {
    // Several crates link rustls; name one crypto provider for the process before any TLS.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let db = Db::connect(&config.database_url).await?;
    db.migrate().await?;
    let leptos = leptos_options(&config);
    let state = AppState {
        db,
        config: Arc::new(config),
        leptos,
        pages: Default::default(),
    };
    Ok((routes::router(state.clone()), state))
}

/// Serves on an already bound listener, with Nagle's algorithm off for streamed pages.
pub async fn serve(listener: tokio::net::TcpListener, router: axum::Router) -> std::io::Result<()> {
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown())
        .await
}

async fn shutdown() {
    let _ = tokio::signal::ctrl_c().await;
}
