//! Reading form posts: a bad body becomes a plain 4xx message, never a 500.

use crate::error::AppError;
use axum::extract::{FromRequest, Request};
use rand::distributions::{Alphanumeric, DistString};
use serde::de::DeserializeOwned;

/// `axum::Form` with the store's refusal page instead of axum's plain-text rejection.
pub struct Form<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Form<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Form::<T>::from_request(req, state).await {
            Ok(axum::Form(value)) => Ok(Form(value)),
            Err(rejection) if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
                Err(AppError::TooLarge)
            }
            Err(rejection) => {
                tracing::info!(%rejection, "form refused");
                Err(AppError::invalid(
                    "The form was incomplete or malformed. Please go back and try again.",
                ))
            }
        }
    }
}

/// A random token of letters and digits, for cart ids, order links and payment pages.
pub fn token(len: usize) -> String {
    Alphanumeric.sample_string(&mut rand::thread_rng(), len)
}

/// Parses a whole number typed into a form, with a message naming the field.
pub fn whole_number(value: &str, field: &str) -> Result<i64, AppError> {
    value
        .trim()
        .parse()
        .map_err(|_| AppError::invalid(format!("{field} must be a whole number.")))
}
