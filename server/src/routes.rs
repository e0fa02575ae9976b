//! Every HTTP route of the store, in one place. Page routes are listed in `app::App`.

use crate::guard::{same_origin, AllowedOrigins};
use crate::page_cache;
use crate::payments::{self, test_gateway};
use crate::sessions::DbSessionStore;
use crate::{admin, attribution, backend::StoreBackend, cart, checkout, AppState};
use app::api::BackendContext;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::{middleware, Router};
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::sync::Arc;
use tower_http::compression::CompressionLayer;
use tower_sessions::cookie::{time::Duration as CookieDuration, SameSite};
use tower_sessions::{Expiry, SessionManagerLayer};

/// Largest request body accepted anywhere: forms are a few hundred bytes.
const MAX_BODY: usize = 64 * 1024;

pub fn router(state: AppState) -> Router {
    let backend = BackendContext(Arc::new(StoreBackend(state.clone())));
    let pages = generate_route_list(app::App);
    let leptos = state.leptos.clone();

    let sessions = SessionManagerLayer::new(DbSessionStore::new(state.db.clone()))
        .with_name("kw_session")
        .with_secure(state.config.public_url.starts_with("https://"))
        .with_same_site(SameSite::Lax)
        .with_expiry(Expiry::OnInactivity(CookieDuration::days(30)));
    let origins = AllowedOrigins(vec![
        state.config.public_url.clone(),
        format!("http://{}", state.config.listen),
    ]);

    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/cart/add", post(cart::add))
        .route("/cart/update", post(cart::update))
        .route("/cart/remove", post(cart::remove))
        .route("/checkout", post(checkout::place))
        .route("/pay/test/{token}/approve", post(test_gateway::approve))
        .route("/pay/test/{token}/decline", post(test_gateway::decline))
        .route("/admin/login", post(admin::login))
        .route("/admin/logout", post(admin::logout))
        .route("/webhooks/stripe", post(payments::stripe::webhook))
        .leptos_routes_with_context(
            &state,
            pages,
            move || provide_context(backend.clone()),
            move || app::shell(leptos.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(
            app::shell,
        ))
        .layer(middleware::from_fn_with_state(
            state.pages.clone(),
            page_cache::serve_shared,
        ))
        .layer(middleware::from_fn(attribution::record_first_touch))
        .layer(sessions)
        .layer(middleware::from_fn_with_state(origins, same_origin))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(CompressionLayer::new())
        .with_state(state)
}
