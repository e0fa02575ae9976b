//! Payment providers behind one entry point: Stripe Checkout when its keys are set, the
//! built-in test gateway otherwise. Both confirm through `fulfilment::fulfil`.

pub mod signature;
pub mod stripe;
pub mod test_gateway;

use crate::checkout::PlacedOrder;
use crate::error::AppResult;
use crate::AppState;
use app::orders::OrderStatus;

/// Starts payment for a placed order and returns where to send the shopper. When the provider
/// cannot be reached the order is ended and its stock released, so nothing stays held.
pub async fn start(state: &AppState, order: &PlacedOrder) -> AppResult<String> {
    let Some(keys) = &state.config.stripe else {
        return Ok(format!("/pay/test/{}", order.payment_token));
    };
    match stripe::start(state, keys, order).await {
        Ok(url) => Ok(url),
        Err(e) => {
            crate::orders::release(
                &state.db,
                order.id,
                OrderStatus::Failed,
                "stripe unavailable",
            )
            .await?;
            Err(e)
        }
    }
}
