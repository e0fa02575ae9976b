//! Payment providers behind one entry point. Today that is the built-in test gateway; Stripe
//! Checkout is refused at start-up until its adapter exists (see `Config::from_env`).

pub mod test_gateway;

use crate::checkout::PlacedOrder;
use crate::error::AppResult;
use crate::AppState;

/// Starts payment for a placed order and returns where to send the shopper.
pub async fn start(_state: &AppState, order: &PlacedOrder) -> AppResult<String> {
    Ok(format!("/pay/test/{}", order.payment_token))
}
