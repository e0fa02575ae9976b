//! Turning a pending order into a paid one: exactly once, however many confirmations arrive
//! and in whatever order. The same transaction freezes the margin record, queues the
//! confirmation email and empties the cart.

use crate::db::{now_ms, Tx};
use crate::error::{AppError, AppResult};
use crate::orders::record_event;
use crate::AppState;
use app::margins::{LineInput, Margin, MarginInputs, PaymentFee};
use app::money::{Currency, Money};

/// What the payment provider told us.
pub struct Confirmation<'a> {
    pub provider_payment_id: Option<&'a str>,
    /// The processor's actual fee, when it reported one.
    pub actual_fee: Option<Money>,
    /// Tax the provider computed and charged (Stripe Tax), in the order's minor units.
    pub tax: Option<i64>,
    pub actor: &'a str,
}

impl<'a> Confirmation<'a> {
    /// A provider's word that an order is paid; a zero tax means none was computed.
    pub fn provider(payment_id: Option<&'a str>, tax: Option<i64>, actor: &'a str) -> Self {
        Confirmation {
            provider_payment_id: payment_id,
            actual_fee: None,
            tax: tax.filter(|t| *t > 0),
            actor,
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// This call marked the order paid.
    Paid,
    /// It was already paid; nothing changed.
    AlreadyPaid,
    /// Paid after its hold ended and the stock is gone: recorded, left for a refund.
    PaidWithoutStock,
}

/// Marks the order paid if it is not yet. Safe to call concurrently from the webhook and the
/// success page: only the caller whose conditional update wins writes anything.
#[tracing::instrument(skip(state, confirmation), fields(actor = confirmation.actor))]
pub async fn fulfil(
    state: &AppState,
    order_id: i64,
    confirmation: Confirmation<'_>,
) -> AppResult<Outcome> {
    let db = &state.db;
    let now = now_ms();
    let mut tx = db.begin_write().await?;

    let payment = confirmation.provider_payment_id;
    let won = mark_paid(&mut tx, order_id, "pending", payment, now).await?;

    if !won {
        let (status,): (String,) = sqlx::query_as("select status from orders where id = $1")
            .bind(order_id)
            .fetch_one(&mut *tx)
            .await?;
        match status.as_str() {
            "paid" => {
                tx.rollback().await?;
                return Ok(Outcome::AlreadyPaid);
            }
            // Paid after the hold ended: take the stock again if it is still there.
            _ if rehold(&mut tx, order_id).await? => {
                mark_paid(&mut tx, order_id, &status, payment, now).await?;
                record_event(
                    &mut tx,
                    order_id,
                    "stock re-held",
                    confirmation.actor,
                    Some(&status),
                )
                .await?;
            }
            _ => {
                record_event(
                    &mut tx,
                    order_id,
                    "paid without stock: refund due",
                    confirmation.actor,
                    Some(&status),
                )
                .await?;
                tx.commit().await?;
                tracing::error!(
                    order_id,
                    "payment arrived after the hold ended and stock is gone"
                );
                return Ok(Outcome::PaidWithoutStock);
            }
        }
    }

    let (customer_id, number, email, access_token, cart_id): (
        i64,
        String,
        String,
        String,
        Option<String>,
    ) = sqlx::query_as(
        "select customer_id, number, email, access_token, cart_id from orders where id = $1",
    )
    .bind(order_id)
    .fetch_one(&mut *tx)
    .await?;
    let first = sqlx::query(
        "update customers set first_paid_order_id = $1 where id = $2 and first_paid_order_id is null",
    )
    .bind(order_id)
    .bind(customer_id)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    sqlx::query("update orders set first_order = $1 where id = $2")
        .bind(first as i64)
        .bind(order_id)
        .execute(&mut *tx)
        .await?;

    if let Some(tax) = confirmation.tax {
        // Tax is pass-through: it raises what was charged, never revenue.
        sqlx::query(
            "update orders set tax = $1, total = subtotal - discount + shipping + $1 where id = $2",
        )
        .bind(tax)
        .bind(order_id)
        .execute(&mut *tx)
        .await?;
    }
    let margin = freeze_margin(&mut tx, order_id, first, confirmation.actual_fee, now).await?;
    let link = format!("{}/orders/{access_token}", state.config.public_url);
    queue_confirmation(&mut tx, order_id, &number, &email, &link).await?;
    if let Some(cart) = cart_id {
        sqlx::query("delete from cart_lines where cart_id = $1")
            .bind(cart)
            .execute(&mut *tx)
            .await?;
    }
    record_event(&mut tx, order_id, "paid", confirmation.actor, None).await?;
    tx.commit().await?;

    tracing::info!(order = %number, first_order = first, cm2 = margin.cm2.minor, "order paid");
    Ok(Outcome::Paid)
}

/// Moves the order from status `from` to paid; whether this call did it.
async fn mark_paid(
    tx: &mut Tx,
    order_id: i64,
    from: &str,
    payment: Option<&str>,
    now: i64,
) -> AppResult<bool> {
    let changed = sqlx::query(
        "update orders set status = 'paid', paid_at = $1, \
         provider_payment_id = coalesce($2, provider_payment_id) where id = $3 and status = $4",
    )
    .bind(now)
    .bind(payment)
    .bind(order_id)
    .bind(from)
    .execute(&mut **tx)
    .await?;
    Ok(changed.rows_affected() == 1)
}

/// Takes the stock of an ended order again, all lines or none.
async fn rehold(tx: &mut Tx, order_id: i64) -> AppResult<bool> {
    let lines: Vec<(i64, i64)> =
        sqlx::query_as("select variant_id, quantity from order_lines where order_id = $1")
            .bind(order_id)
            .fetch_all(&mut **tx)
            .await?;
    for (variant_id, quantity) in &lines {
        let held =
            sqlx::query("update variants set stock = stock - $1 where id = $2 and stock >= $1")
                .bind(quantity)
                .bind(variant_id)
                .execute(&mut **tx)
                .await?;
        if held.rows_affected() == 0 {
            // Undo the lines already taken; the caller commits only the event.
            for (v, q) in lines.iter().take_while(|(v, _)| v != variant_id) {
                sqlx::query("update variants set stock = stock + $1 where id = $2")
                    .bind(q)
                    .bind(v)
                    .execute(&mut **tx)
                    .await?;
            }
            return Ok(false);
        }
    }
    Ok(true)
}

/// Computes the margin record from the inputs in force now and stores it with the id of every
/// row it used.
async fn freeze_margin(
    tx: &mut Tx,
    order_id: i64,
    first: bool,
    actual_fee: Option<Money>,
    now: i64,
) -> AppResult<Margin> {
    let (currency, discount, shipping, tax, weight_g): (String, i64, i64, i64, i64) =
        sqlx::query_as(
            "select currency, discount, shipping, tax, weight_g from orders where id = $1",
        )
        .bind(order_id)
        .fetch_one(&mut **tx)
        .await?;
    let currency = Currency::parse(&currency)
        .ok_or_else(|| AppError::Internal(format!("currency {currency}")))?;
    let money = |minor| Money { minor, currency };

    // (line id, quantity, unit price, pack size, cost row id, unit cost)
    type LineRow = (i64, i64, i64, i64, Option<i64>, Option<i64>);
    let lines: Vec<LineRow> = sqlx::query_as(
        "select l.id, l.quantity, l.unit_price, l.pack_size, \
         (select c.id from variant_costs c where c.variant_id = l.variant_id and c.effective_from <= $2 \
          order by c.effective_from desc, c.id desc limit 1), \
         (select c.unit_cost_minor from variant_costs c where c.variant_id = l.variant_id and c.effective_from <= $2 \
          order by c.effective_from desc, c.id desc limit 1) \
         from order_lines l where l.order_id = $1 order by l.id",
    )
    .bind(order_id)
    .bind(now)
    .fetch_all(&mut **tx)
    .await?;
    let missing_cost = || {
        AppError::Internal(format!(
            "order {order_id}: a line has no unit cost in force"
        ))
    };

    let rate: Option<(i64, i64, i64, i64, i64, i64)> = sqlx::query_as(
        "select id, packaging_per_order, pick_pack_per_order, pick_pack_per_pack, card_fee_bps, card_fee_fixed \
         from fulfilment_rates where currency = $1 and effective_from <= $2 \
         order by effective_from desc, id desc limit 1",
    )
    .bind(currency.code())
    .bind(now)
    .fetch_optional(&mut **tx)
    .await?;
    let (rate_id, packaging, pick_order, pick_pack, fee_bps, fee_fixed) =
        rate.ok_or_else(|| AppError::Internal("no fulfilment rate in force".into()))?;
    let label: Option<(i64, i64)> = sqlx::query_as(
        "select id, label_cost from shipping_rates where currency = $1 and effective_from <= $2 \
         and max_weight_g >= $3 order by max_weight_g, effective_from desc, id desc limit 1",
    )
    .bind(currency.code())
    .bind(now)
    .bind(weight_g)
    .fetch_optional(&mut **tx)
    .await?;
    let (label_id, label_cost) = label
        .ok_or_else(|| AppError::Internal(format!("no label rate for a {weight_g} g parcel")))?;

    let (fee, fee_source) = match actual_fee {
        Some(fee) => (
            PaymentFee::Actual(fee),
            "processor balance transaction".to_string(),
        ),
        None => (
            PaymentFee::Rule {
                bps: fee_bps,
                fixed: money(fee_fixed),
            },
            format!(
                "rule {}.{:02} % + {} (fulfilment rate #{rate_id})",
                fee_bps / 100,
                fee_bps % 100,
                money(fee_fixed)
            ),
        ),
    };
    let inputs = MarginInputs {
        lines: lines
            .iter()
            .map(|(_, quantity, price, pack_size, _, cost)| {
                Ok(LineInput {
                    unit_price: money(*price),
                    unit_cost: money(cost.ok_or_else(missing_cost)?),
                    quantity: *quantity,
                    packs_per_unit: *pack_size,
                })
            })
            .collect::<AppResult<_>>()?,
        discounts: money(discount),
        shipping_charged: money(shipping),
        tax: money(tax),
        packaging_per_order: money(packaging),
        pick_pack_per_order: money(pick_order),
        pick_pack_per_pack: money(pick_pack),
        shipping_cost: money(label_cost),
        payment_fee: fee,
        // Ad spend and CAC are not recorded yet, so no acquisition cost is attributed.
        acquisition_cost: money(0),
    };
    let m = Margin::compute(&inputs)
        .map_err(|e| AppError::Internal(format!("order {order_id}: {e}")))?;

    let (margin_id,): (i64,) = sqlx::query_as(
        "insert into order_margins (order_id, currency, gross_sales, discounts, shipping_charged, net_revenue, \
         cogs, cm1, packaging, pick_pack, shipping_cost, payment_fee, cm2, acquisition_cost, cm3, first_order, \
         fee_source, fulfilment_rate_id, shipping_rate_id, acquisition_source, created_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21) \
         returning id",
    )
    .bind(order_id)
    .bind(currency.code())
    .bind(m.gross_sales.minor)
    .bind(m.discounts.minor)
    .bind(m.shipping_charged.minor)
    .bind(m.net_revenue.minor)
    .bind(m.cogs.minor)
    .bind(m.cm1.minor)
    .bind(m.packaging.minor)
    .bind(m.pick_pack.minor)
    .bind(m.shipping_cost.minor)
    .bind(m.payment_fee.minor)
    .bind(m.cm2.minor)
    .bind(m.acquisition_cost.minor)
    .bind(m.cm3.minor)
    .bind(first as i64)
    .bind(fee_source)
    .bind(rate_id)
    .bind(label_id)
    .bind("none: no ad spend recorded")
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    for (line_id, quantity, price, _, cost_id, cost) in lines {
        sqlx::query(
            "insert into order_margin_lines (margin_id, order_line_id, quantity, unit_price, unit_cost, \
             cost_row_id, created_at) values ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(margin_id)
        .bind(line_id)
        .bind(quantity)
        .bind(price)
        .bind(cost.ok_or_else(missing_cost)?)
        .bind(cost_id.ok_or_else(missing_cost)?)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    Ok(m)
}

async fn queue_confirmation(
    tx: &mut Tx,
    order_id: i64,
    number: &str,
    email: &str,
    link: &str,
) -> AppResult<()> {
    let lines: Vec<(String, i64, i64, i64)> = sqlx::query_as(
        "select product_name, pack_size, quantity, line_total from order_lines where order_id = $1 order by id",
    )
    .bind(order_id)
    .fetch_all(&mut **tx)
    .await?;
    let (total,): (i64,) = sqlx::query_as("select total from orders where id = $1")
        .bind(order_id)
        .fetch_one(&mut **tx)
        .await?;
    let mut body = format!("Thank you for your order {number}.\n\n");
    for (name, pack, quantity, line_total) in lines {
        body.push_str(&format!(
            "{quantity} × {name} {pack}-pack  {}\n",
            Money::usd(line_total)
        ));
    }
    body.push_str(&format!(
        "\nTotal paid: {}\n\nSee your order: {link}\n",
        Money::usd(total)
    ));
    crate::outbox::enqueue(
        tx,
        &format!("order-confirmation:{order_id}"),
        email,
        &format!("Your Kettlewise order {number}"),
        &body,
    )
    .await
}
