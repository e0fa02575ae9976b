//! The cart: rows keyed by the session's cart id, priced from the database on every read.

use crate::catalog::{variant_by_sku, PRICE_ROW};
use crate::db::{now_ms, Db};
use crate::error::{is_check_violation, AppError, AppResult};
use crate::forms::{token, whole_number, Form};
use crate::AppState;
use app::api::CART_KEY;
use app::catalog::ProductStatus;
use app::money::{Currency, Money};
use app::pricing::{self, LineToPrice, Quantity, Quote, ShippingRule, MAX_QUANTITY_PER_LINE};
use axum::extract::State;
use axum::response::Redirect;
use serde::Deserialize;
use tower_sessions::Session;

/// A cart line with what checkout needs beyond the price.
pub struct CartItem {
    pub line: LineToPrice,
    pub price_row_id: i64,
    pub status: ProductStatus,
    pub ships_on: Option<String>,
    pub weight_g: i64,
}

pub async fn items(db: &Db, cart_id: &str, currency: Currency) -> AppResult<Vec<CartItem>> {
    let sql = format!(
        "select v.id, v.sku, p.name, v.pack_size, l.quantity, pr.id, pr.amount_minor, p.status, \
         p.ships_on, v.weight_g \
         from cart_lines l \
         join variants v on v.id = l.variant_id \
         join products p on p.id = v.product_id \
         join variant_prices pr on pr.id = {PRICE_ROW} \
         where l.cart_id = $2 order by l.id"
    );
    type Row = (
        i64,
        String,
        String,
        i64,
        i64,
        i64,
        i64,
        String,
        Option<String>,
        i64,
    );
    let rows: Vec<Row> = sqlx::query_as(&sql)
        .bind(now_ms())
        .bind(cart_id)
        .fetch_all(&db.pool)
        .await?;
    Ok(rows
        .into_iter()
        .map(
            |(
                variant_id,
                sku,
                name,
                pack_size,
                quantity,
                price_row_id,
                price,
                status,
                ships_on,
                weight_g,
            )| {
                CartItem {
                    line: LineToPrice {
                        variant_id,
                        sku,
                        product_name: name,
                        pack_size,
                        unit_price: Money {
                            minor: price,
                            currency,
                        },
                        quantity,
                    },
                    price_row_id,
                    status: ProductStatus::parse(&status).unwrap_or(ProductStatus::Draft),
                    ships_on,
                    weight_g,
                }
            },
        )
        .collect())
}

pub fn price(
    items: Vec<LineToPrice>,
    shipping: &ShippingRule,
    currency: Currency,
) -> AppResult<Quote> {
    pricing::quote(items, shipping, currency)
        .ok_or_else(|| AppError::invalid("That cart is too large to price."))
}

pub async fn quote(state: &AppState, cart_id: Option<&str>) -> AppResult<Quote> {
    let lines = match cart_id {
        Some(id) => items(&state.db, id, state.config.currency)
            .await?
            .into_iter()
            .map(|i| i.line)
            .collect(),
        None => Vec::new(),
    };
    price(lines, &state.config.shipping, state.config.currency)
}

pub async fn cart_id(session: &Session) -> Option<String> {
    session.get::<String>(CART_KEY).await.ok().flatten()
}

async fn ensure_cart(db: &Db, session: &Session) -> AppResult<String> {
    if let Some(id) = cart_id(session).await {
        return Ok(id);
    }
    let id = token(24);
    let now = now_ms();
    sqlx::query("insert into carts (id, created_at, updated_at) values ($1, $2, $2)")
        .bind(&id)
        .bind(now)
        .execute(&db.pool)
        .await?;
    session
        .insert(CART_KEY, &id)
        .await
        .map_err(|e| AppError::Internal(format!("session: {e}")))?;
    Ok(id)
}

/// A pack size and a quantity, as the add and update forms post them.
#[derive(Deserialize)]
pub struct LineForm {
    sku: String,
    quantity: String,
}

impl LineForm {
    fn quantity(&self) -> AppResult<Quantity> {
        Quantity::new(whole_number(&self.quantity, "Quantity")?).map_err(AppError::invalid)
    }
}

pub async fn add(
    State(state): State<AppState>,
    session: Session,
    Form(form): Form<LineForm>,
) -> AppResult<Redirect> {
    let quantity = form.quantity()?;
    let variant = variant_by_sku(&state.db, form.sku.trim()).await?;
    let cart = ensure_cart(&state.db, &session).await?;

    let added = sqlx::query(
        "insert into cart_lines (cart_id, variant_id, quantity, created_at) values ($1, $2, $3, $4) \
         on conflict (cart_id, variant_id) do update set quantity = cart_lines.quantity + excluded.quantity",
    )
    .bind(&cart)
    .bind(variant.id)
    .bind(quantity.get())
    .bind(now_ms())
    .execute(&state.db.pool)
    .await;
    match added {
        Err(e) if is_check_violation(&e) => Err(AppError::invalid(format!(
            "An order can hold at most {MAX_QUANTITY_PER_LINE} of one pack size."
        ))),
        Err(sqlx::Error::Database(d)) if d.is_foreign_key_violation() => {
            // The session named a cart that no longer exists: start a fresh one.
            let _ = session.remove::<String>(CART_KEY).await;
            Err(AppError::Conflict(
                "Your cart had expired. Please add the pack again.".into(),
            ))
        }
        Err(e) => Err(e.into()),
        Ok(_) => {
            tracing::info!(sku = %form.sku, quantity = quantity.get(), preorder = variant.status == ProductStatus::Preorder, "added to cart");
            Ok(Redirect::to("/cart"))
        }
    }
}

pub async fn update(
    State(state): State<AppState>,
    session: Session,
    Form(form): Form<LineForm>,
) -> AppResult<Redirect> {
    let quantity = form.quantity()?;
    let cart = cart_id(&session)
        .await
        .ok_or_else(|| AppError::invalid("Your cart is empty."))?;
    let changed = sqlx::query(
        "update cart_lines set quantity = $1 \
         where cart_id = $2 and variant_id = (select id from variants where sku = $3)",
    )
    .bind(quantity.get())
    .bind(&cart)
    .bind(form.sku.trim())
    .execute(&state.db.pool)
    .await?;
    if changed.rows_affected() == 0 {
        return Err(AppError::invalid("That pack size is not in your cart."));
    }
    Ok(Redirect::to("/cart"))
}

#[derive(Deserialize)]
pub struct RemoveForm {
    sku: String,
}

pub async fn remove(
    State(state): State<AppState>,
    session: Session,
    Form(form): Form<RemoveForm>,
) -> AppResult<Redirect> {
    let cart = cart_id(&session)
        .await
        .ok_or_else(|| AppError::invalid("Your cart is empty."))?;
    sqlx::query(
        "delete from cart_lines where cart_id = $1 and variant_id = (select id from variants where sku = $2)",
    )
    .bind(&cart)
    .bind(form.sku.trim())
    .execute(&state.db.pool)
    .await?;
    Ok(Redirect::to("/cart"))
}
