//! Checkout: a pending order with a snapshot of every figure, stock held until payment.

use crate::attribution::first_touch;
use crate::cart::{self, cart_id};
use crate::db::now_ms;
use crate::error::{AppError, AppResult};
use crate::forms::{token, Form};
use crate::payments;
use crate::AppState;
use axum::extract::State;
use axum::response::Redirect;
use serde::Deserialize;
use tower_sessions::Session;

/// A normalised email address: trimmed, lower-cased, one `@` with text on both sides and a dot
/// in the domain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Email, AppError> {
        let email = raw.trim().to_lowercase();
        let valid = email.len() <= 254
            && !email
                .chars()
                .any(|c| c.is_whitespace() || c == '<' || c == '>')
            && matches!(email.split_once('@'), Some((local, domain))
                if !local.is_empty() && domain.contains('.') && !domain.starts_with('.')
                    && !domain.ends_with('.') && !domain.contains('@'));
        if valid {
            Ok(Email(email))
        } else {
            Err(AppError::invalid("Please enter a valid email address."))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Deserialize)]
pub struct CheckoutForm {
    email: String,
    name: String,
    line1: String,
    city: String,
    region: String,
    postal_code: String,
}

/// A shipping address whose fields are present and within their lengths.
pub struct Address {
    pub name: String,
    pub line1: String,
    pub city: String,
    pub region: String,
    pub postal_code: String,
}

fn field(value: &str, label: &str, max: usize) -> AppResult<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(AppError::invalid(format!("Please fill in {label}.")));
    }
    if v.chars().count() > max {
        return Err(AppError::invalid(format!(
            "{label} is too long (at most {max} characters)."
        )));
    }
    Ok(v.to_string())
}

impl Address {
    fn parse(f: &CheckoutForm) -> AppResult<Address> {
        let postal_code = field(&f.postal_code, "the ZIP code", 10)?;
        let zip_ok = {
            let (five, rest) = postal_code.split_at(postal_code.len().min(5));
            five.len() == 5
                && five.chars().all(|c| c.is_ascii_digit())
                && (rest.is_empty()
                    || (rest.len() == 5
                        && rest.starts_with('-')
                        && rest[1..].chars().all(|c| c.is_ascii_digit())))
        };
        if !zip_ok {
            return Err(AppError::invalid(
                "Please enter a US ZIP code such as 94110 or 94110-1234.",
            ));
        }
        Ok(Address {
            name: field(&f.name, "your name", 120)?,
            line1: field(&f.line1, "the address", 200)?,
            city: field(&f.city, "the city", 100)?,
            region: field(&f.region, "the state", 50)?,
            postal_code,
        })
    }
}

pub async fn place(
    State(state): State<AppState>,
    session: Session,
    Form(form): Form<CheckoutForm>,
) -> AppResult<Redirect> {
    let email = Email::parse(&form.email)?;
    let address = Address::parse(&form)?;
    let cart = cart_id(&session)
        .await
        .ok_or_else(|| AppError::invalid("Your cart is empty."))?;
    let touch = first_touch(&session).await;

    let placed = place_order(&state, &cart, &email, &address, &touch).await?;
    let url = payments::start(&state, &placed).await?;
    Ok(Redirect::to(&url))
}

/// What the payment step needs from a placed order.
pub struct PlacedOrder {
    pub id: i64,
    pub number: String,
    pub access_token: String,
    pub payment_token: String,
    pub email: String,
    pub total: app::money::Money,
    pub shipping: app::money::Money,
    pub lines: Vec<app::pricing::PricedLine>,
}

/// Creates the pending order and holds its stock in one transaction. Fails with a 409, writing
/// nothing, when any line has less stock left than asked for.
#[tracing::instrument(skip_all, fields(cart = %cart))]
pub async fn place_order(
    state: &AppState,
    cart: &str,
    email: &Email,
    address: &Address,
    touch: &crate::attribution::FirstTouch,
) -> AppResult<PlacedOrder> {
    let currency = state.config.currency;
    let items = cart::items(&state.db, cart, currency).await?;
    if items.is_empty() {
        return Err(AppError::invalid("Your cart is empty."));
    }
    if let Some(gone) = items.iter().find(|i| !i.status.is_sellable()) {
        return Err(AppError::invalid(format!(
            "{} is no longer for sale. Please remove it from your cart.",
            gone.line.product_name
        )));
    }
    let weight_g: i64 = items.iter().map(|i| i.weight_g * i.line.quantity).sum();
    let snapshot: Vec<_> = items
        .iter()
        .map(|i| (i.price_row_id, i.ships_on.clone()))
        .collect();
    let quote = cart::price(
        items.into_iter().map(|i| i.line).collect(),
        &state.config.shipping,
        currency,
    )?;

    let now = now_ms();
    let number = format!("KW-{}", token(8).to_uppercase());
    let access_token = token(32);
    let payment_token = token(32);
    let provider = if state.config.stripe.is_some() {
        "stripe"
    } else {
        "test"
    };

    let mut tx = state.db.begin_write().await?;
    for line in &quote.lines {
        let held =
            sqlx::query("update variants set stock = stock - $1 where id = $2 and stock >= $1")
                .bind(line.quantity)
                .bind(line.variant_id)
                .execute(&mut *tx)
                .await?;
        if held.rows_affected() == 0 {
            tx.rollback().await?;
            let left = crate::orders::stock_of(&state.db, line.variant_id).await?;
            return Err(AppError::Conflict(match left {
                0 => format!(
                    "{} {}-pack just sold out. Please remove it from your cart.",
                    line.product_name, line.pack_size
                ),
                n => format!(
                    "Only {n} of {} {}-pack left. Please lower the quantity.",
                    line.product_name, line.pack_size
                ),
            }));
        }
    }

    sqlx::query(
        "insert into customers (email, created_at) values ($1, $2) on conflict (email) do nothing",
    )
    .bind(email.as_str())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let (customer_id,): (i64,) = sqlx::query_as("select id from customers where email = $1")
        .bind(email.as_str())
        .fetch_one(&mut *tx)
        .await?;

    let (order_id,): (i64,) = sqlx::query_as(
        "insert into orders (number, access_token, customer_id, email, ship_name, ship_line1, ship_city, \
         ship_region, ship_postal_code, status, currency, subtotal, discount, shipping, tax, total, weight_g, \
         cart_id, hold_expires_at, payment_provider, payment_token, channel, utm_source, utm_medium, \
         utm_campaign, utm_content, referral_code, landing_page, touched_at, created_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', $10, $11, $12, $13, $14, $15, $16, $17, $18, \
         $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29) returning id",
    )
    .bind(&number)
    .bind(&access_token)
    .bind(customer_id)
    .bind(email.as_str())
    .bind(&address.name)
    .bind(&address.line1)
    .bind(&address.city)
    .bind(&address.region)
    .bind(&address.postal_code)
    .bind(currency.code())
    .bind(quote.subtotal.minor)
    .bind(quote.discount.minor)
    .bind(quote.shipping.minor)
    .bind(quote.tax.minor)
    .bind(quote.total.minor)
    .bind(weight_g)
    .bind(cart)
    .bind(now + state.config.hold_minutes * 60_000)
    .bind(provider)
    .bind(&payment_token)
    .bind(touch.channel())
    .bind(&touch.utm_source)
    .bind(&touch.utm_medium)
    .bind(&touch.utm_campaign)
    .bind(&touch.utm_content)
    .bind(&touch.referral_code)
    .bind((!touch.landing_page.is_empty()).then_some(&touch.landing_page))
    .bind((touch.at > 0).then_some(touch.at))
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;

    for (line, (price_row_id, ships_on)) in quote.lines.iter().zip(&snapshot) {
        sqlx::query(
            "insert into order_lines (order_id, variant_id, sku, product_name, pack_size, preorder_ships_on, \
             quantity, unit_price, price_row_id, line_total, created_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(order_id)
        .bind(line.variant_id)
        .bind(&line.sku)
        .bind(&line.product_name)
        .bind(line.pack_size)
        .bind(ships_on)
        .bind(line.quantity)
        .bind(line.unit_price.minor)
        .bind(price_row_id)
        .bind(line.line_total.minor)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    crate::orders::record_event(&mut tx, order_id, "placed", "shopper", None).await?;
    tx.commit().await?;

    tracing::info!(order = %number, total = quote.total.minor, "order placed, stock held");
    Ok(PlacedOrder {
        id: order_id,
        number,
        access_token,
        payment_token,
        email: email.as_str().to_string(),
        total: quote.total,
        shipping: quote.shipping,
        lines: quote.lines,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            Email::parse("  Ana@Example.COM ").unwrap().as_str(),
            "ana@example.com"
        );
        for bad in [
            "",
            "ana",
            "ana@",
            "@example.com",
            "ana@example",
            "a b@example.com",
            "ana@@x.com",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }
}
