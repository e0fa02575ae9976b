//! Stripe Checkout against a local server speaking Stripe's API, and webhooks signed with
//! Stripe's scheme: valid, tampered, stale, wrong secret, duplicate and out of order.

use server::config::StripeKeys;
use store_tests::stripe::{event, signature, FakeStripe};
use store_tests::{on_both_backends, Backend, StatusCode, TestApp};

const SECRET: &str = "whsec_test_kettlewise";

struct Setup {
    app: TestApp,
    stripe: FakeStripe,
}

async fn setup(backend: Backend) -> Setup {
    setup_with_tax(backend, false).await
}

async fn setup_with_tax(backend: Backend, automatic_tax: bool) -> Setup {
    let stripe = FakeStripe::start().await;
    let base = format!("{}/", stripe.base);
    let app = TestApp::spawn_with(backend, move |c| {
        c.stripe = Some(StripeKeys {
            secret_key: "sk_test_123".into(),
            webhook_secret: SECRET.into(),
            api_base: base,
            automatic_tax,
        });
    })
    .await;
    Setup { app, stripe }
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

impl Setup {
    /// A shopper checks out a 12-pack; returns the shopper and the Checkout Session id.
    async fn checkout(&self, email: &str) -> (store_tests::Shopper, String) {
        let shopper = self.app.shopper();
        shopper.add_to_cart("CTS-12", 1).await;
        let r = shopper.checkout(email).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let url = r.location.unwrap();
        let id = url.rsplit('/').next().unwrap().to_string();
        assert!(
            url.starts_with(&format!("{}/c/pay/cs_test_", self.stripe.base)),
            "{url}"
        );
        (shopper, id)
    }

    async fn send(&self, body: &str, header: Option<String>) -> StatusCode {
        let mut request = reqwest::Client::new()
            .post(format!("{}/webhooks/stripe", self.app.base))
            .body(body.to_string());
        if let Some(h) = header {
            request = request.header("stripe-signature", h);
        }
        request.send().await.unwrap().status()
    }

    async fn deliver(&self, event_id: &str, kind: &str, session: &str) -> StatusCode {
        let body = event(event_id, kind, &self.stripe.session(session));
        self.send(&body, Some(signature(SECRET, now(), &body)))
            .await
    }

    async fn status(&self) -> String {
        let (s,): (String,) = sqlx::query_as("select status from orders")
            .fetch_one(&self.app.state.db.pool)
            .await
            .unwrap();
        s
    }
}

async fn checkout_creates_a_session_from_server_prices(backend: Backend) {
    let s = setup(backend).await;
    let shopper = s.app.shopper();
    shopper
        .post(
            "/cart/add",
            &[("sku", "GS-6"), ("quantity", "2"), ("price", "1")],
        )
        .await;

    let r = shopper.checkout("mo@example.com").await;

    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let calls = s.stripe.calls();
    assert_eq!(calls.len(), 1);
    let call = &calls[0];
    let (number, session, token): (String, String, String) =
        sqlx::query_as("select number, provider_session_id, payment_token from orders")
            .fetch_one(&s.app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(call.authorization.as_deref(), Some("Bearer sk_test_123"));
    assert_eq!(
        call.idempotency_key.as_deref(),
        Some(format!("kw-checkout-{token}").as_str())
    );
    assert_eq!(call.field("mode"), Some("payment"));
    assert_eq!(call.field("client_reference_id"), Some(number.as_str()));
    assert_eq!(
        call.field("line_items[0][price_data][unit_amount]"),
        Some("2850")
    );
    assert_eq!(call.field("line_items[0][quantity]"), Some("2"));
    // 2 × $28.50 = $57.00 ships free, so there is no shipping line.
    assert_eq!(call.field("line_items[1][price_data][unit_amount]"), None);
    assert!(session.starts_with("cs_test_"));
    assert!(r.location.unwrap().ends_with(&session));
}

async fn a_signed_completed_event_pays_once_however_often_it_arrives(backend: Backend) {
    let s = setup(backend).await;
    let (_, session) = s.checkout("ned@example.com").await;
    s.stripe.pay(&session);

    let first = s
        .deliver("evt_1", "checkout.session.completed", &session)
        .await;
    let again = s
        .deliver("evt_1", "checkout.session.completed", &session)
        .await;
    let resent = s
        .deliver("evt_2", "checkout.session.completed", &session)
        .await;

    assert_eq!(
        (first, again, resent),
        (StatusCode::OK, StatusCode::OK, StatusCode::OK)
    );
    assert_eq!(s.status().await, "paid");
    assert_eq!(s.app.count("select count(*) from order_margins").await, 1);
    assert_eq!(s.app.count("select count(*) from outbox").await, 1);
    assert_eq!(s.app.count("select count(*) from webhook_events").await, 2);
    let (pi,): (Option<String>,) = sqlx::query_as("select provider_payment_id from orders")
        .fetch_one(&s.app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(pi, Some(format!("pi_{}", &session[3..])));
}

async fn bad_signatures_are_refused_and_change_nothing(backend: Backend) {
    let s = setup(backend).await;
    let (_, session) = s.checkout("ola@example.com").await;
    s.stripe.pay(&session);
    let body = event(
        "evt_9",
        "checkout.session.completed",
        &s.stripe.session(&session),
    );
    let tampered = body.replace("\"livemode\":false", "\"livemode\":true");

    let statuses = [
        s.send(&tampered, Some(signature(SECRET, now(), &body)))
            .await,
        s.send(&body, Some(signature(SECRET, now() - 600, &body)))
            .await,
        s.send(&body, Some(signature("whsec_someone_else", now(), &body)))
            .await,
        s.send(&body, Some("t=abc,v1=zz".into())).await,
        s.send(&body, None).await,
    ];

    assert_eq!(statuses, [StatusCode::BAD_REQUEST; 5]);
    assert_eq!(s.status().await, "pending");
    assert_eq!(s.app.count("select count(*) from webhook_events").await, 0);
}

async fn completed_before_the_redirect_shows_paid_on_return(backend: Backend) {
    let s = setup(backend).await;
    let (shopper, session) = s.checkout("pia@example.com").await;
    s.stripe.pay(&session);

    assert_eq!(
        s.deliver("evt_3", "checkout.session.completed", &session)
            .await,
        StatusCode::OK
    );
    let success = s.stripe.session(&session)["success_url"]
        .as_str()
        .unwrap()
        .replace("{CHECKOUT_SESSION_ID}", &session);
    let page = shopper.get(success.trim_start_matches(&s.app.base)).await;

    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(r#"data-status="paid""#));
    assert_eq!(s.app.count("select count(*) from order_margins").await, 1);
}

async fn a_return_before_the_webhook_confirms_with_stripe_and_the_webhook_adds_nothing(
    backend: Backend,
) {
    let s = setup(backend).await;
    let (shopper, session) = s.checkout("quin@example.com").await;
    let success = s.stripe.session(&session)["success_url"]
        .as_str()
        .unwrap()
        .replace("{CHECKOUT_SESSION_ID}", &session);
    let path = success.trim_start_matches(&s.app.base).to_string();

    let unpaid = shopper.get(&path).await;
    assert!(
        unpaid.body.contains(r#"data-status="pending""#),
        "still unpaid at Stripe"
    );
    s.stripe.pay(&session);
    let paid = shopper.get(&path).await;
    let late = s
        .deliver("evt_4", "checkout.session.completed", &session)
        .await;

    assert!(paid.body.contains(r#"data-status="paid""#));
    assert_eq!(late, StatusCode::OK);
    assert_eq!(s.app.count("select count(*) from order_margins").await, 1);
    assert_eq!(
        s.app
            .count("select count(*) from order_events where kind = 'paid'")
            .await,
        1
    );
}

async fn expiry_releases_stock_and_a_late_completion_takes_it_again(backend: Backend) {
    let s = setup(backend).await;
    let before = s.app.stock("CTS-12").await;
    let (_, session) = s.checkout("ray@example.com").await;

    assert_eq!(
        s.deliver("evt_5", "checkout.session.expired", &session)
            .await,
        StatusCode::OK
    );
    assert_eq!(
        (s.status().await, s.app.stock("CTS-12").await),
        ("expired".to_string(), before)
    );
    s.stripe.pay(&session);
    assert_eq!(
        s.deliver("evt_6", "checkout.session.completed", &session)
            .await,
        StatusCode::OK
    );
    assert_eq!(
        s.deliver("evt_7", "checkout.session.expired", &session)
            .await,
        StatusCode::OK
    );

    assert_eq!(s.status().await, "paid");
    assert_eq!(s.app.stock("CTS-12").await, before - 1);
}

async fn an_async_payment_failure_ends_the_order(backend: Backend) {
    let s = setup(backend).await;
    let before = s.app.stock("CTS-12").await;
    let (_, session) = s.checkout("sam@example.com").await;

    let r = s
        .deliver("evt_8", "checkout.session.async_payment_failed", &session)
        .await;

    assert_eq!(r, StatusCode::OK);
    assert_eq!(s.status().await, "failed");
    assert_eq!(s.app.stock("CTS-12").await, before);
}

async fn stripe_tax_is_charged_and_kept_apart_from_revenue(backend: Backend) {
    let s = setup_with_tax(backend, true).await;
    let (_, session) = s.checkout("tax@example.com").await;
    assert_eq!(
        s.stripe.calls()[0].field("automatic_tax[enabled]"),
        Some("true")
    );
    s.stripe.pay(&session);

    assert_eq!(
        s.deliver("evt_t", "checkout.session.completed", &session)
            .await,
        StatusCode::OK
    );

    let (tax, total): (i64, i64) = sqlx::query_as("select tax, total from orders")
        .fetch_one(&s.app.state.db.pool)
        .await
        .unwrap();
    let (net, fee): (i64, i64) =
        sqlx::query_as("select net_revenue, payment_fee from order_margins")
            .fetch_one(&s.app.state.db.pool)
            .await
            .unwrap();
    // 8 % of $54.00 = $4.32; the card fee applies to all $58.32 charged: 1.691 + 0.30 → $1.99.
    assert_eq!((tax, total), (432, 5832));
    assert_eq!((net, fee), (5400, 199));
}

on_both_backends!(
    stripe_tax_is_charged_and_kept_apart_from_revenue,
    checkout_creates_a_session_from_server_prices,
    a_signed_completed_event_pays_once_however_often_it_arrives,
    bad_signatures_are_refused_and_change_nothing,
    completed_before_the_redirect_shows_paid_on_return,
    a_return_before_the_webhook_confirms_with_stripe_and_the_webhook_adds_nothing,
    expiry_releases_stock_and_a_late_completion_takes_it_again,
    an_async_payment_failure_ends_the_order,
);
