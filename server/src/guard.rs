//! Refuses state-changing requests that come from another site (checked by `Origin`, falling
//! back to `Sec-Fetch-Site`), and GETs to paths that only accept POST.

use crate::error::AppError;
use axum::extract::{Request, State};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The origins a form may be posted from: the public URL, and the listen address itself.
#[derive(Clone)]
pub struct AllowedOrigins(pub Vec<String>);

pub async fn same_origin(
    State(allowed): State<AllowedOrigins>,
    request: Request,
    next: Next,
) -> Response {
    let unsafe_method = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    // Payment providers post from their own servers and sign what they send.
    let exempt = request.uri().path().starts_with("/webhooks/");
    if unsafe_method && !exempt {
        let headers = request.headers();
        let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
        let cross_site = match origin {
            Some("null") => true,
            Some(origin) => !allowed.0.iter().any(|a| a == origin),
            None => {
                headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) == Some("cross-site")
            }
        };
        if cross_site {
            tracing::warn!(
                origin = origin.unwrap_or("-"),
                path = request.uri().path(),
                "cross-site post refused"
            );
            return AppError::Forbidden(
                "This form was sent from another site, so it was refused.".into(),
            )
            .into_response();
        }
    }
    next.run(request).await
}
