//! The one error type of the server and its mapping to HTTP replies.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Input that cannot be accepted; the message is shown to the user.
    #[error("{0}")]
    Invalid(String),
    /// Malformed protocol input (webhooks): 400.
    #[error("{0}")]
    BadRequest(String),
    /// An outside service did not answer: 502.
    #[error("{0}")]
    Unavailable(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("request body too large")]
    TooLarge,
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("{0}")]
    Internal(String),
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn invalid(msg: impl Into<String>) -> Self {
        AppError::Invalid(msg.into())
    }

    fn status(&self) -> StatusCode {
        match self {
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Unavailable(_) => StatusCode::BAD_GATEWAY,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Database(e) if is_check_violation(e) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Database(e) if is_unique_violation(e) => StatusCode::CONFLICT,
            AppError::Database(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn public_message(&self) -> String {
        match self {
            AppError::Invalid(m)
            | AppError::NotFound(m)
            | AppError::Conflict(m)
            | AppError::Forbidden(m) => m.clone(),
            AppError::Database(e) if is_check_violation(e) => {
                "That value is outside what is allowed.".into()
            }
            AppError::Database(e) if is_unique_violation(e) => "That already exists.".into(),
            _ => "Something went wrong on our side. Nothing was charged; please try again.".into(),
        }
    }
}

pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}

pub fn is_check_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_check_violation())
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
        } else {
            tracing::info!(status = status.as_u16(), reason = %self, "request refused");
        }
        (status, Html(message_page(status, &self.public_message()))).into_response()
    }
}

/// A small page for refusals of plain form posts, readable without JavaScript.
pub fn message_page(status: StatusCode, message: &str) -> String {
    let message = html_escape(message);
    let title = status.canonical_reason().unwrap_or("Error");
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · Kettlewise</title><link rel=\"stylesheet\" href=\"/pkg/store.css\"></head>\
         <body><main id=\"main\" class=\"narrow\"><h1>{title}</h1>\
         <p class=\"notice error\" role=\"alert\">{message}</p>\
         <p><a class=\"button\" href=\"/cart\">Back to your cart</a> <a href=\"/shop\">Shop</a></p>\
         </main></body></html>"
    )
}

pub fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
