//! The built-in test gateway: a page, clearly marked, on which the shopper approves or
//! declines. Approval drives the same fulfilment as a real provider's confirmation.

use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::fulfilment::{fulfil, Confirmation};
use crate::AppState;
use app::money::Money;
use app::orders::{OrderStatus, TestPaymentView};
use axum::extract::{Path, State};
use axum::response::Redirect;

struct TestOrder {
    id: i64,
    access_token: String,
}

async fn find(db: &Db, token: &str) -> AppResult<TestOrder> {
    let row: Option<(i64, String)> = sqlx::query_as(
        "select id, access_token from orders where payment_token = $1 and payment_provider = 'test'",
    )
    .bind(token)
    .fetch_optional(&db.pool)
    .await?;
    row.map(|(id, access_token)| TestOrder { id, access_token })
        .ok_or_else(|| AppError::NotFound("That payment does not exist.".into()))
}

pub async fn view(db: &Db, token: &str) -> AppResult<Option<TestPaymentView>> {
    let row: Option<(String, String, i64, String)> = sqlx::query_as(
        "select number, access_token, total, status from orders \
         where payment_token = $1 and payment_provider = 'test'",
    )
    .bind(token)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(
        |(order_number, order_token, total, status)| TestPaymentView {
            token: token.to_string(),
            order_number,
            order_token,
            amount: Money::usd(total),
            status: OrderStatus::parse(&status).unwrap_or(OrderStatus::Pending),
        },
    ))
}

pub async fn approve(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> AppResult<Redirect> {
    let order = find(&state.db, &token).await?;
    let confirmation = Confirmation::provider(None, None, "test gateway");
    fulfil(&state, order.id, confirmation).await?;
    Ok(Redirect::to(&format!("/orders/{}", order.access_token)))
}

pub async fn decline(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> AppResult<Redirect> {
    let order = find(&state.db, &token).await?;
    crate::orders::release(&state.db, order.id, OrderStatus::Failed, "test gateway").await?;
    Ok(Redirect::to(&format!("/orders/{}", order.access_token)))
}
