//! Buying: server-side prices, held stock, one paid order with its frozen margin, however the
//! confirmations arrive.

use server::fulfilment::{fulfil, Confirmation, Outcome};
use store_tests::{on_both_backends, Backend, StatusCode, TestApp};

const TWELVE: &str = "CTS-12";

async fn order_id(app: &TestApp, email: &str) -> i64 {
    let (id,): (i64,) =
        sqlx::query_as("select id from orders where email = $1 order by id desc limit 1")
            .bind(email)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    id
}

async fn a_paid_twelve_pack_freezes_its_margin_to_the_cent(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let shopper = app.shopper();
    let stock_before = app.stock(TWELVE).await;

    let order_page = shopper.buy(TWELVE, 1, "ana@example.com").await;

    let page = shopper.get(&order_page).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(r#"data-status="paid""#), "{}", page.body);
    assert_eq!(app.stock(TWELVE).await, stock_before - 1);

    type Row = (i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64);
    let m: Row = sqlx::query_as(
        "select m.net_revenue, m.cogs, m.cm1, m.packaging, m.pick_pack, m.shipping_cost, m.payment_fee, m.cm2, \
         m.cm3, m.first_order, o.total from order_margins m join orders o on o.id = m.order_id",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    // $54.00 ships free. COGS 12 × $1.60; box $1.50, pick & pack $2.50, 2.45 kg label $9.50;
    // fee 2.9 % × $54.00 + $0.30 = $1.866 → $1.87.
    assert_eq!(
        m,
        (5400, 1920, 3480, 150, 250, 950, 187, 1943, 1943, 1, 5400)
    );
    assert_eq!(
        app.count("select count(*) from order_margin_lines").await,
        1
    );
    assert_eq!(
        app.count("select count(*) from outbox where recipient = 'ana@example.com'")
            .await,
        1
    );
    assert_eq!(
        app.count("select count(*) from cart_lines").await,
        0,
        "the cart empties once paid"
    );
}

async fn a_small_order_pays_flat_shipping(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let shopper = app.shopper();

    shopper.buy("GS-6", 1, "ben@example.com").await;

    let (total, shipping): (i64, i64) = sqlx::query_as("select total, shipping from orders")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!((total, shipping), (2850 + 695, 695));
}

async fn the_price_sent_by_the_browser_is_ignored(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let shopper = app.shopper();

    let added = shopper
        .post(
            "/cart/add",
            &[
                ("sku", TWELVE),
                ("quantity", "1"),
                ("price", "1"),
                ("unit_price", "1"),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    let cart = shopper.get("/cart").await;

    assert_eq!(
        cart.text_of(r#"id="cart-total""#).as_deref(),
        Some("$54.00")
    );
}

async fn a_second_order_by_the_same_email_is_a_repeat(backend: Backend) {
    let app = TestApp::spawn(backend).await;

    app.shopper().buy(TWELVE, 1, "Cy@Example.com").await;
    app.shopper().buy(TWELVE, 1, "cy@example.com").await;

    let flags: Vec<(i64,)> = sqlx::query_as("select first_order from orders order by id")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(flags, vec![(1,), (0,)]);
}

async fn fulfilment_run_twice_at_once_pays_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let shopper = app.shopper();
    shopper.add_to_cart(TWELVE, 2).await;
    assert_eq!(
        shopper.checkout("dee@example.com").await.status,
        StatusCode::SEE_OTHER
    );
    let id = order_id(&app, "dee@example.com").await;

    let confirm = |actor| Confirmation {
        provider_payment_id: None,
        actual_fee: None,
        tax: None,
        actor,
    };
    let (a, b) = tokio::join!(
        fulfil(&app.state, id, confirm("webhook")),
        fulfil(&app.state, id, confirm("success page"))
    );

    let mut outcomes = vec![a.unwrap(), b.unwrap()];
    outcomes.sort_by_key(|o| format!("{o:?}"));
    assert_eq!(outcomes, vec![Outcome::AlreadyPaid, Outcome::Paid]);
    assert_eq!(app.count("select count(*) from order_margins").await, 1);
    assert_eq!(app.count("select count(*) from outbox").await, 1);
    assert_eq!(
        app.count("select count(*) from order_events where kind = 'paid'")
            .await,
        1
    );
}

async fn fifty_buyers_for_the_last_five_units_make_five_orders(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.exec("update variants set stock = 5 where sku = 'CTS-12'")
        .await;

    let buyers = (0..50).map(|i| {
        let shopper = app.shopper();
        async move {
            shopper.add_to_cart(TWELVE, 1).await;
            let pay = shopper.checkout(&format!("buyer{i}@example.com")).await;
            if pay.status != StatusCode::SEE_OTHER {
                return pay.status;
            }
            shopper
                .post(&format!("{}/approve", pay.location.unwrap()), &[])
                .await
                .status
        }
    });
    let statuses = futures_join_all(buyers).await;

    let bought = statuses
        .iter()
        .filter(|s| **s == StatusCode::SEE_OTHER)
        .count();
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::CONFLICT)
        .count();
    assert_eq!((bought, refused), (5, 45), "{statuses:?}");
    assert_eq!(
        app.count("select count(*) from orders where status = 'paid'")
            .await,
        5
    );
    assert_eq!(app.stock(TWELVE).await, 0);
}

async fn futures_join_all<F: std::future::Future<Output = StatusCode> + Send + 'static>(
    futures: impl Iterator<Item = F>,
) -> Vec<StatusCode> {
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}

async fn a_declined_payment_gives_the_stock_back(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let shopper = app.shopper();
    let before = app.stock(TWELVE).await;
    shopper.add_to_cart(TWELVE, 3).await;
    let pay = shopper.checkout("eve@example.com").await.location.unwrap();
    assert_eq!(
        app.stock(TWELVE).await,
        before - 3,
        "checkout holds the stock"
    );

    let declined = shopper.post(&format!("{pay}/decline"), &[]).await;
    let again = shopper.post(&format!("{pay}/decline"), &[]).await;

    assert_eq!(declined.status, StatusCode::SEE_OTHER);
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert_eq!(app.stock(TWELVE).await, before, "released exactly once");
    let order = shopper.get(&declined.location.unwrap()).await;
    assert!(order.body.contains(r#"data-status="failed""#));
    assert_eq!(app.count("select count(*) from order_margins").await, 0);
}

async fn an_expired_hold_releases_stock_and_a_late_approval_takes_it_again(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let shopper = app.shopper();
    let before = app.stock(TWELVE).await;
    shopper.add_to_cart(TWELVE, 1).await;
    let pay = shopper.checkout("fay@example.com").await.location.unwrap();
    app.exec("update orders set hold_expires_at = 0").await;

    let expired = server::orders::expire_overdue(&app.state.db).await.unwrap();
    assert_eq!(expired, 1);
    assert_eq!(app.stock(TWELVE).await, before);

    let approved = shopper.post(&format!("{pay}/approve"), &[]).await;
    assert_eq!(approved.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.count("select count(*) from orders where status = 'paid'")
            .await,
        1
    );
    assert_eq!(app.stock(TWELVE).await, before - 1);
}

async fn a_late_approval_without_stock_is_recorded_for_refund(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let shopper = app.shopper();
    shopper.add_to_cart(TWELVE, 1).await;
    let pay = shopper.checkout("gil@example.com").await.location.unwrap();
    app.exec("update orders set hold_expires_at = 0").await;
    server::orders::expire_overdue(&app.state.db).await.unwrap();
    app.exec("update variants set stock = 0 where sku = 'CTS-12'")
        .await;

    shopper.post(&format!("{pay}/approve"), &[]).await;

    assert_eq!(
        app.count("select count(*) from orders where status = 'paid'")
            .await,
        0
    );
    assert_eq!(
        app.count(
            "select count(*) from order_events where kind = 'paid without stock: refund due'"
        )
        .await,
        1
    );
    assert_eq!(app.stock(TWELVE).await, 0);
}

async fn utm_first_touch_is_carried_onto_the_order(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let shopper = app.shopper();
    shopper
        .get("/products/garlic-shoyu?utm_source=Meta&utm_medium=paid_social&utm_campaign=launch")
        .await;
    shopper.get("/?utm_source=google").await;

    shopper.buy(TWELVE, 1, "hal@example.com").await;

    let (channel, campaign, landing): (String, Option<String>, Option<String>) =
        sqlx::query_as("select channel, utm_campaign, landing_page from orders")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(channel, "meta / paid_social");
    assert_eq!(campaign.as_deref(), Some("launch"));
    assert_eq!(landing.as_deref(), Some("/products/garlic-shoyu"));
}

on_both_backends!(
    a_paid_twelve_pack_freezes_its_margin_to_the_cent,
    a_small_order_pays_flat_shipping,
    the_price_sent_by_the_browser_is_ignored,
    a_second_order_by_the_same_email_is_a_repeat,
    fulfilment_run_twice_at_once_pays_once,
    fifty_buyers_for_the_last_five_units_make_five_orders,
    a_declined_payment_gives_the_stock_back,
    an_expired_hold_releases_stock_and_a_late_approval_takes_it_again,
    a_late_approval_without_stock_is_recorded_for_refund,
    utm_first_touch_is_carried_onto_the_order,
);
