//! Orders after checkout: their events, what shoppers and the brand team read of them, and
//! the release of held stock when an order fails or expires.

use crate::db::{format_ms, now_ms, Db, Tx};
use crate::error::AppResult;
use app::margins::Margin;
use app::money::{Currency, Money};
use app::orders::{
    AdminOrderDetail, AdminOrderRow, Attribution, MarginLineView, OrderEvent, OrderStatus,
    OrderTotals, OrderView,
};
use app::pricing::PricedLine;

/// Appends an event row: every state change that matters to money or to a customer has one.
pub async fn record_event(
    tx: &mut Tx,
    order_id: i64,
    kind: &str,
    actor: &str,
    detail: Option<&str>,
) -> AppResult<()> {
    sqlx::query("insert into order_events (order_id, kind, actor, detail, created_at) values ($1, $2, $3, $4, $5)")
        .bind(order_id)
        .bind(kind)
        .bind(actor)
        .bind(detail)
        .bind(now_ms())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn stock_of(db: &Db, variant_id: i64) -> AppResult<i64> {
    let (stock,): (i64,) = sqlx::query_as("select stock from variants where id = $1")
        .bind(variant_id)
        .fetch_one(&db.pool)
        .await?;
    Ok(stock)
}

/// Ends a pending order as failed or expired and gives its held stock back, once.
/// Returns whether this call made the change.
#[tracing::instrument(skip(db))]
pub async fn release(db: &Db, order_id: i64, to: OrderStatus, actor: &str) -> AppResult<bool> {
    let mut tx = db.begin_write().await?;
    let changed = sqlx::query("update orders set status = $1 where id = $2 and status = 'pending'")
        .bind(to.as_str())
        .bind(order_id)
        .execute(&mut *tx)
        .await?;
    if changed.rows_affected() == 0 {
        tx.rollback().await?;
        return Ok(false);
    }
    sqlx::query(
        "update variants set stock = stock + (select cast(sum(l.quantity) as bigint) from order_lines l \
         where l.order_id = $1 and l.variant_id = variants.id) \
         where id in (select variant_id from order_lines where order_id = $1)",
    )
    .bind(order_id)
    .execute(&mut *tx)
    .await?;
    record_event(
        &mut tx,
        order_id,
        to.as_str(),
        actor,
        Some("held stock released"),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(
        order_id,
        status = to.as_str(),
        "order ended unpaid, stock released"
    );
    Ok(true)
}

/// Expires every pending order whose hold has run out.
pub async fn expire_overdue(db: &Db) -> AppResult<usize> {
    let overdue: Vec<(i64,)> =
        sqlx::query_as("select id from orders where status = 'pending' and hold_expires_at < $1 order by id limit 500")
            .bind(now_ms())
            .fetch_all(&db.pool)
            .await?;
    let mut expired = 0;
    for (id,) in overdue {
        if release(db, id, OrderStatus::Expired, "hold expiry").await? {
            expired += 1;
        }
    }
    Ok(expired)
}

#[derive(sqlx::FromRow)]
struct MarginRow {
    id: i64,
    gross_sales: i64,
    discounts: i64,
    shipping_charged: i64,
    net_revenue: i64,
    cogs: i64,
    cm1: i64,
    packaging: i64,
    pick_pack: i64,
    shipping_cost: i64,
    payment_fee: i64,
    cm2: i64,
    acquisition_cost: i64,
    cm3: i64,
    fee_source: String,
    fulfilment_rate_id: i64,
    shipping_rate_id: i64,
}

type OrderRow = (
    i64,
    String,
    String,
    String,
    String,
    i64,
    i64,
    i64,
    i64,
    i64,
    i64,
);

const ORDER_COLUMNS: &str =
    "id, number, status, email, currency, subtotal, discount, shipping, tax, total, created_at";

async fn lines(
    db: &Db,
    order_id: i64,
    currency: Currency,
) -> AppResult<(Vec<PricedLine>, Option<String>)> {
    type LineRow = (i64, String, String, i64, i64, i64, i64, Option<String>);
    let rows: Vec<LineRow> = sqlx::query_as(
        "select variant_id, sku, product_name, pack_size, quantity, unit_price, line_total, preorder_ships_on \
         from order_lines where order_id = $1 order by id",
    )
    .bind(order_id)
    .fetch_all(&db.pool)
    .await?;
    let ships = rows.iter().filter_map(|r| r.7.clone()).max();
    let lines = rows
        .into_iter()
        .map(
            |(variant_id, sku, product_name, pack_size, quantity, unit_price, line_total, _)| {
                PricedLine {
                    variant_id,
                    sku,
                    product_name,
                    pack_size,
                    unit_price: Money {
                        minor: unit_price,
                        currency,
                    },
                    quantity,
                    line_total: Money {
                        minor: line_total,
                        currency,
                    },
                }
            },
        )
        .collect();
    Ok((lines, ships))
}

async fn view(db: &Db, row: OrderRow) -> AppResult<(i64, OrderView)> {
    let (id, number, status, email, currency, subtotal, discount, shipping, tax, total, created_at) =
        row;
    let currency = Currency::parse(&currency).unwrap_or(Currency::Usd);
    let money = |minor| Money { minor, currency };
    let (lines, preorder_ships_on) = lines(db, id, currency).await?;
    Ok((
        id,
        OrderView {
            number,
            status: OrderStatus::parse(&status).unwrap_or(OrderStatus::Pending),
            email,
            lines,
            totals: OrderTotals {
                subtotal: money(subtotal),
                discount: money(discount),
                shipping: money(shipping),
                tax: money(tax),
                total: money(total),
            },
            preorder_ships_on,
            placed_at: format_ms(created_at),
        },
    ))
}

/// The order behind a shopper's private link.
pub async fn by_access_token(db: &Db, token: &str) -> AppResult<Option<OrderView>> {
    let sql = format!("select {ORDER_COLUMNS} from orders where access_token = $1");
    let row: Option<OrderRow> = sqlx::query_as(&sql)
        .bind(token)
        .fetch_optional(&db.pool)
        .await?;
    match row {
        Some(row) => Ok(Some(view(db, row).await?.1)),
        None => Ok(None),
    }
}

pub async fn admin_list(db: &Db) -> AppResult<Vec<AdminOrderRow>> {
    type Row = (
        String,
        String,
        String,
        String,
        i64,
        Option<i64>,
        String,
        Option<i64>,
        Option<i64>,
        i64,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "select o.number, o.status, o.email, o.currency, o.total, o.first_order, o.channel, m.cm1, m.cm2, \
         o.created_at from orders o left join order_margins m on m.order_id = o.id \
         order by o.created_at desc, o.id desc limit 200",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(number, status, email, currency, total, first, channel, cm1, cm2, created_at)| {
                let currency = Currency::parse(&currency).unwrap_or(Currency::Usd);
                let money = |minor| Money { minor, currency };
                AdminOrderRow {
                    number,
                    status: OrderStatus::parse(&status).unwrap_or(OrderStatus::Pending),
                    email,
                    total: money(total),
                    first_order: first.map(|f| f == 1),
                    channel,
                    cm1: cm1.map(money),
                    cm2: cm2.map(money),
                    placed_at: format_ms(created_at),
                }
            },
        )
        .collect())
}

pub async fn admin_detail(db: &Db, number: &str) -> AppResult<Option<AdminOrderDetail>> {
    let sql = format!("select {ORDER_COLUMNS} from orders where number = $1");
    let row: Option<OrderRow> = sqlx::query_as(&sql)
        .bind(number)
        .fetch_optional(&db.pool)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let (id, order) = view(db, row).await?;
    let currency = order.totals.total.currency;
    let money = |minor| Money { minor, currency };

    type AttrRow = (
        Option<i64>,
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<i64>,
    );
    let (first, provider, channel, src, med, camp, content, referral, landing, touched): AttrRow = sqlx::query_as(
        "select first_order, payment_provider, channel, utm_source, utm_medium, utm_campaign, utm_content, \
         referral_code, landing_page, touched_at from orders where id = $1",
    )
    .bind(id)
    .fetch_one(&db.pool)
    .await?;

    let margin: Option<MarginRow> = sqlx::query_as(
        "select id, gross_sales, discounts, shipping_charged, net_revenue, cogs, cm1, packaging, pick_pack, \
         shipping_cost, payment_fee, cm2, acquisition_cost, cm3, fee_source, fulfilment_rate_id, shipping_rate_id \
         from order_margins where order_id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    let (margin, margin_lines, fee_source, rate_source) = match margin {
        None => (None, Vec::new(), None, None),
        Some(r) => {
            let mid = r.id;
            let rows: Vec<(String, i64, i64, i64, i64)> = sqlx::query_as(
                "select l.sku, ml.quantity, ml.unit_price, ml.unit_cost, ml.cost_row_id from order_margin_lines ml \
                 join order_lines l on l.id = ml.order_line_id where ml.margin_id = $1 order by ml.id",
            )
            .bind(mid)
            .fetch_all(&db.pool)
            .await?;
            let lines = rows
                .into_iter()
                .map(|(sku, quantity, price, cost, cost_row_id)| MarginLineView {
                    sku,
                    quantity,
                    unit_price: money(price),
                    unit_cost: money(cost),
                    cost_row_id,
                })
                .collect();
            let m = Margin {
                gross_sales: money(r.gross_sales),
                discounts: money(r.discounts),
                shipping_charged: money(r.shipping_charged),
                net_revenue: money(r.net_revenue),
                cogs: money(r.cogs),
                cm1: money(r.cm1),
                packaging: money(r.packaging),
                pick_pack: money(r.pick_pack),
                shipping_cost: money(r.shipping_cost),
                payment_fee: money(r.payment_fee),
                cm2: money(r.cm2),
                acquisition_cost: money(r.acquisition_cost),
                cm3: money(r.cm3),
            };
            let rates = format!(
                "fulfilment rate #{}, label rate #{}",
                r.fulfilment_rate_id, r.shipping_rate_id
            );
            (Some(m), lines, Some(r.fee_source), Some(rates))
        }
    };

    let events: Vec<(i64, String, String)> = sqlx::query_as(
        "select created_at, kind, actor from order_events where order_id = $1 order by id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;

    Ok(Some(AdminOrderDetail {
        order,
        first_order: first.map(|f| f == 1),
        attribution: Attribution {
            channel,
            utm_source: src,
            utm_medium: med,
            utm_campaign: camp,
            utm_content: content,
            referral_code: referral,
            landing_page: landing,
            touched_at: touched.map(format_ms),
        },
        margin,
        margin_lines,
        fee_source,
        rate_source,
        payment_provider: provider,
        events: events
            .into_iter()
            .map(|(at, kind, actor)| OrderEvent {
                at: format_ms(at),
                kind,
                actor,
            })
            .collect(),
    }))
}
