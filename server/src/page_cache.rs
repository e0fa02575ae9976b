//! A short-lived cache of the pages every visitor sees the same way (home, shop, flavour
//! pages), so a burst of anonymous traffic renders each page once a second instead of once a
//! request. Pages that depend on the visitor (cart, checkout, orders, admin) never pass here.
//! Each instance keeps its own copy; nothing in it outlives `TTL`.

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// How stale a shared page may be: stock shown as "sold out" lags by at most this much.
pub const TTL: Duration = Duration::from_secs(2);

/// Rendered pages are a few tens of KiB; anything larger is served but not kept.
const MAX_PAGE: usize = 512 * 1024;

#[derive(Clone)]
struct Page {
    at: Instant,
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

#[derive(Clone, Default)]
pub struct PageCache {
    pages: Arc<RwLock<HashMap<String, Page>>>,
}

/// Paths whose HTML is the same for every visitor.
fn shared(path: &str) -> bool {
    path == "/"
        || path == "/shop"
        || path
            .strip_prefix("/products/")
            .is_some_and(|s| !s.contains('/'))
}

impl PageCache {
    fn get(&self, path: &str) -> Option<Page> {
        let pages = self.pages.read().ok()?;
        pages.get(path).filter(|p| p.at.elapsed() < TTL).cloned()
    }

    fn put(&self, path: String, page: Page) {
        if let Ok(mut pages) = self.pages.write() {
            pages.retain(|_, p| p.at.elapsed() < TTL);
            pages.insert(path, page);
        }
    }

    /// Drops every page, for changes that must show at once.
    pub fn clear(&self) {
        if let Ok(mut pages) = self.pages.write() {
            pages.clear();
        }
    }
}

fn respond(page: Page) -> Response {
    let mut response = (page.status, page.body).into_response();
    *response.headers_mut() = page.headers;
    response
}

pub async fn serve_shared(
    State(cache): State<PageCache>,
    request: Request,
    next: Next,
) -> Response {
    if request.method() != Method::GET || !shared(request.uri().path()) {
        return next.run(request).await;
    }
    let path = request.uri().path().to_string();
    if let Some(page) = cache.get(&path) {
        return respond(page);
    }

    let response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    let cacheable = matches!(response.status(), StatusCode::OK | StatusCode::NOT_FOUND)
        && is_html
        && !response.headers().contains_key(header::SET_COOKIE);
    if !cacheable {
        return response;
    }
    let (parts, body) = response.into_parts();
    match to_bytes(body, MAX_PAGE).await {
        Ok(body) => {
            let page = Page {
                at: Instant::now(),
                status: parts.status,
                headers: parts.headers,
                body,
            };
            cache.put(path, page.clone());
            respond(page)
        }
        Err(e) => {
            tracing::error!(error = %e, "page too large to cache");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                Body::from("page too large"),
            )
                .into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::shared;

    #[test]
    fn only_pages_alike_for_every_visitor_are_shared() {
        for path in ["/", "/shop", "/products/garlic-shoyu"] {
            assert!(shared(path), "{path}");
        }
        for path in [
            "/cart",
            "/checkout",
            "/orders/abc",
            "/admin",
            "/products/a/b",
            "/pay/test/x",
        ] {
            assert!(!shared(path), "{path}");
        }
    }
}
