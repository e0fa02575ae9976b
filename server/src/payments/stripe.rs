//! Stripe Checkout: a Checkout Session per pending order (async-stripe), and the webhook that
//! tells the store what happened to it. Webhooks are the source of truth; the return to the
//! success page only asks Stripe for the same answer and runs the same fulfilment.

use super::signature::{self, SignatureError};
use crate::checkout::PlacedOrder;
use crate::config::StripeKeys;
use crate::db::now_ms;
use crate::error::{AppError, AppResult};
use crate::fulfilment::{fulfil, Confirmation};
use crate::AppState;
use app::orders::OrderStatus;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;
use stripe_checkout::checkout_session::{
    CreateCheckoutSession, CreateCheckoutSessionAutomaticTax, CreateCheckoutSessionLineItems,
    CreateCheckoutSessionLineItemsPriceData, ProductData, RetrieveCheckoutSession,
};
use stripe_checkout::{CheckoutSessionMode, CheckoutSessionPaymentStatus};
use stripe_client_core::{RequestStrategy, StripeRequest};

/// Checkout Sessions must live at least 30 minutes; the store's hold may be shorter.
const MIN_SESSION_SECS: i64 = 31 * 60;

pub fn client(keys: &StripeKeys) -> AppResult<stripe::Client> {
    stripe::ClientBuilder::new(keys.secret_key.clone())
        .url(keys.api_base.clone())
        .build()
        .map_err(|e| AppError::Internal(format!("stripe client: {e}")))
}

fn unavailable(e: impl std::fmt::Display) -> AppError {
    tracing::error!(error = %e, "stripe request failed");
    AppError::Unavailable(
        "The payment provider could not be reached. Nothing was charged; please try again.".into(),
    )
}

/// Creates the Checkout Session for a placed order and returns its URL. Runs outside any
/// database transaction; the idempotency key makes a retry return the same session.
#[tracing::instrument(skip_all, fields(order = %order.number))]
pub async fn start(state: &AppState, keys: &StripeKeys, order: &PlacedOrder) -> AppResult<String> {
    let base = &state.config.public_url;
    let mut items: Vec<CreateCheckoutSessionLineItems> = order
        .lines
        .iter()
        .map(|l| {
            let mut product =
                ProductData::new(format!("{} · {}-pack", l.product_name, l.pack_size));
            product.metadata = Some([("sku".to_string(), l.sku.clone())].into());
            line(l.unit_price.minor, l.quantity as u64, product)
        })
        .collect();
    if order.shipping.minor > 0 {
        items.push(line(order.shipping.minor, 1, ProductData::new("Shipping")));
    }
    let expires = (now_ms() / 1000) + MIN_SESSION_SECS.max(state.config.hold_minutes * 60);

    let request = CreateCheckoutSession::new()
        .mode(CheckoutSessionMode::Payment)
        .line_items(items)
        .client_reference_id(order.number.clone())
        .customer_email(order.email.clone())
        .metadata(
            [("order_id".to_string(), order.id.to_string())]
                .into_iter()
                .collect::<std::collections::HashMap<_, _>>(),
        )
        .expires_at(expires)
        .success_url(format!(
            "{base}/orders/{}?session_id={{CHECKOUT_SESSION_ID}}",
            order.access_token
        ))
        .cancel_url(format!("{base}/cart"));
    let request = if keys.automatic_tax {
        request.automatic_tax(CreateCheckoutSessionAutomaticTax::new(true))
    } else {
        request
    };
    let key =
        stripe_client_core::IdempotencyKey::new(format!("kw-checkout-{}", order.payment_token))
            .map_err(|e| AppError::Internal(format!("idempotency key: {e}")))?;
    let session = request
        .customize()
        .request_strategy(RequestStrategy::Idempotent(key))
        .send(&client(keys)?)
        .await
        .map_err(unavailable)?;

    sqlx::query("update orders set provider_session_id = $1 where id = $2")
        .bind(session.id.as_str())
        .bind(order.id)
        .execute(&state.db.pool)
        .await?;
    session
        .url
        .ok_or_else(|| AppError::Internal("Checkout Session without a URL".into()))
}

fn line(unit_amount: i64, quantity: u64, product: ProductData) -> CreateCheckoutSessionLineItems {
    let mut price = CreateCheckoutSessionLineItemsPriceData::new(stripe_types::Currency::USD);
    price.unit_amount = Some(unit_amount);
    price.product_data = Some(product);
    let mut item = CreateCheckoutSessionLineItems::new();
    item.price_data = Some(price);
    item.quantity = Some(quantity);
    item
}

/// On the return to the success page: asks Stripe about the session and, if it is paid,
/// runs the same fulfilment the webhook runs.
pub async fn confirm_return(
    state: &AppState,
    keys: &StripeKeys,
    access_token: &str,
    session_id: &str,
) -> AppResult<()> {
    let row: Option<(i64, String)> = sqlx::query_as(
        "select id, status from orders where access_token = $1 and provider_session_id = $2",
    )
    .bind(access_token)
    .bind(session_id)
    .fetch_optional(&state.db.pool)
    .await?;
    let Some((order_id, status)) = row else {
        return Ok(());
    };
    if status != "pending" {
        return Ok(());
    }
    let session = RetrieveCheckoutSession::new(session_id)
        .send(&client(keys)?)
        .await
        .map_err(unavailable)?;
    if session.payment_status == CheckoutSessionPaymentStatus::Paid {
        let payment = session.payment_intent.as_ref().map(|p| p.id().to_string());
        let tax = session.total_details.as_ref().map(|t| t.amount_tax);
        let confirmation = Confirmation::provider(payment.as_deref(), tax, "stripe success page");
        fulfil(state, order_id, confirmation).await?;
    }
    Ok(())
}

#[derive(Deserialize)]
struct Event {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    data: EventData,
}

#[derive(Deserialize)]
struct EventData {
    object: SessionObject,
}

#[derive(Deserialize)]
struct TotalDetails {
    amount_tax: Option<i64>,
}

#[derive(Deserialize)]
struct SessionObject {
    id: String,
    /// Present once Stripe has computed totals; carries Stripe Tax's amount when enabled.
    total_details: Option<TotalDetails>,
    client_reference_id: Option<String>,
    payment_status: Option<String>,
    payment_intent: Option<String>,
}

/// `POST /webhooks/stripe`: verifies the signature over the raw body, records the event id
/// once, and applies checkout session events. Every effect is conditional, so a duplicate or
/// a late event changes nothing twice.
pub async fn webhook(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<StatusCode> {
    let Some(keys) = state.config.stripe.clone() else {
        return Err(AppError::NotFound("Stripe is not configured.".into()));
    };
    let header = headers
        .get("stripe-signature")
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| AppError::BadRequest("Missing Stripe-Signature header.".into()))?;
    signature::verify(&keys.webhook_secret, header, &body, now_ms() / 1000).map_err(
        |e: SignatureError| {
            tracing::warn!(reason = %e, "stripe webhook refused");
            AppError::BadRequest(format!("Signature refused: {e}."))
        },
    )?;
    let event: Event = serde_json::from_slice(&body)
        .map_err(|_| AppError::BadRequest("The event is not a checkout session event.".into()))?;

    let seen: Option<(i64,)> =
        sqlx::query_as("select id from webhook_events where provider = 'stripe' and event_id = $1")
            .bind(&event.id)
            .fetch_optional(&state.db.pool)
            .await?;
    if seen.is_some() {
        tracing::info!(event = %event.id, "duplicate stripe event ignored");
        return Ok(StatusCode::OK);
    }
    apply(&state, &event).await?;
    sqlx::query(
        "insert into webhook_events (provider, event_id, kind, created_at) values ('stripe', $1, $2, $3) \
         on conflict (provider, event_id) do nothing",
    )
    .bind(&event.id)
    .bind(&event.kind)
    .bind(now_ms())
    .execute(&state.db.pool)
    .await?;
    Ok(StatusCode::OK)
}

async fn apply(state: &AppState, event: &Event) -> AppResult<()> {
    let session = &event.data.object;
    let row: Option<(i64,)> = sqlx::query_as(
        "select id from orders where payment_provider = 'stripe' and (provider_session_id = $1 or number = $2)",
    )
    .bind(&session.id)
    .bind(session.client_reference_id.as_deref().unwrap_or(""))
    .fetch_optional(&state.db.pool)
    .await?;
    let Some((order_id,)) = row else {
        tracing::info!(event = %event.id, kind = %event.kind, "stripe event for no order of ours");
        return Ok(());
    };
    let tax = session.total_details.as_ref().and_then(|t| t.amount_tax);
    // Stripe's actual fee (the charge's balance transaction) is not fetched yet: the margin
    // record uses the configured fee rule and says so in its fee source.
    let confirmation =
        Confirmation::provider(session.payment_intent.as_deref(), tax, "stripe webhook");
    match event.kind.as_str() {
        "checkout.session.completed" if session.payment_status.as_deref() == Some("paid") => {
            fulfil(state, order_id, confirmation).await?;
        }
        "checkout.session.async_payment_succeeded" => {
            fulfil(state, order_id, confirmation).await?;
        }
        "checkout.session.async_payment_failed" => {
            crate::orders::release(&state.db, order_id, OrderStatus::Failed, "stripe webhook")
                .await?;
        }
        "checkout.session.expired" => {
            crate::orders::release(&state.db, order_id, OrderStatus::Expired, "stripe webhook")
                .await?;
        }
        // Completed but unpaid: an asynchronous method is still settling; wait for its event.
        _ => {}
    }
    Ok(())
}
