//! Bad input gets a clear message and a 4xx, and writes nothing.

use store_tests::{on_both_backends, Backend, StatusCode, TestApp};

async fn nothing_written(app: &TestApp) {
    assert_eq!(app.count("select count(*) from cart_lines").await, 0);
    assert_eq!(app.count("select count(*) from orders").await, 0);
}

async fn quantities_outside_the_limit_are_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let shopper = app.shopper();

    for quantity in ["0", "11", "-1", "abc", "1.5", "", "99999999999999999999"] {
        let r = shopper
            .post("/cart/add", &[("sku", "CTS-12"), ("quantity", quantity)])
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "quantity {quantity:?}"
        );
        assert!(
            r.body.contains("Quantity must"),
            "quantity {quantity:?}: {}",
            r.body
        );
    }
    nothing_written(&app).await;
}

async fn adding_past_the_per_order_limit_is_refused_and_keeps_the_line(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let shopper = app.shopper();
    assert_eq!(
        shopper.add_to_cart("CTS-12", 8).await.status,
        StatusCode::SEE_OTHER
    );

    let r = shopper.add_to_cart("CTS-12", 3).await;

    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("at most 10"), "{}", r.body);
    assert_eq!(app.count("select quantity from cart_lines").await, 8);
}

async fn unknown_skus_and_archived_products_are_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.exec("update products set status = 'archived' where slug = 'garlic-shoyu'")
        .await;
    let shopper = app.shopper();

    let unknown = shopper.add_to_cart("NOPE-12", 1).await;
    let archived = shopper.add_to_cart("GS-12", 1).await;

    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.body.contains("does not exist"));
    assert_eq!(archived.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(archived.body.contains("no longer for sale"));
    nothing_written(&app).await;
}

async fn a_product_archived_after_it_was_added_cannot_be_checked_out(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let shopper = app.shopper();
    shopper.add_to_cart("GS-12", 1).await;
    app.exec("update products set status = 'archived' where slug = 'garlic-shoyu'")
        .await;

    let r = shopper.checkout("ivy@example.com").await;

    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("no longer for sale"));
    assert_eq!(app.count("select count(*) from orders").await, 0);
}

async fn malformed_and_oversized_bodies_are_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let shopper = app.shopper();
    let url = format!("{}/cart/add", app.base);
    let post = |body: Vec<u8>, content_type: &'static str| {
        shopper
            .client
            .post(&url)
            .header("origin", &app.base)
            .header("content-type", content_type)
            .body(body)
            .send()
    };

    let missing = post(b"sku=CTS-12".to_vec(), "application/x-www-form-urlencoded")
        .await
        .unwrap();
    let json = post(
        b"{\"sku\": \"CTS-12\", \"quantity\":".to_vec(),
        "application/json",
    )
    .await
    .unwrap();
    let garbage = post(
        vec![0xff, 0xfe, 0x00, 0x26],
        "application/x-www-form-urlencoded",
    )
    .await
    .unwrap();
    let huge = post(
        format!("sku=CTS-12&quantity=1&pad={}", "x".repeat(200_000)).into_bytes(),
        "application/x-www-form-urlencoded",
    )
    .await
    .unwrap();

    for r in [&missing, &json, &garbage, &huge] {
        assert!(
            r.status().is_client_error(),
            "{} for {}",
            r.status(),
            r.url()
        );
    }
    assert_eq!(huge.status(), StatusCode::PAYLOAD_TOO_LARGE);
    nothing_written(&app).await;
}

async fn a_cross_site_post_is_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let shopper = app.shopper();
    let url = format!("{}/cart/add", app.base);

    let foreign = shopper
        .client
        .post(&url)
        .header("origin", "https://evil.example")
        .form(&[("sku", "CTS-12"), ("quantity", "1")])
        .send()
        .await
        .unwrap();
    let fetch_meta = shopper
        .client
        .post(&url)
        .header("sec-fetch-site", "cross-site")
        .form(&[("sku", "CTS-12"), ("quantity", "1")])
        .send()
        .await
        .unwrap();

    assert_eq!(foreign.status(), StatusCode::FORBIDDEN);
    assert_eq!(fetch_meta.status(), StatusCode::FORBIDDEN);
    assert!(foreign.text().await.unwrap().contains("another site"));
    nothing_written(&app).await;
}

async fn state_changing_routes_refuse_get(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let shopper = app.shopper();

    for path in [
        "/cart/add",
        "/cart/update",
        "/cart/remove",
        "/pay/test/x/approve",
        "/admin/logout",
    ] {
        let r = shopper.get(path).await;
        assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED, "GET {path}");
    }
    nothing_written(&app).await;
}

async fn checkout_refuses_a_bad_address_or_email_and_holds_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let shopper = app.shopper();
    shopper.add_to_cart("CTS-12", 1).await;
    let stock = app.stock("CTS-12").await;
    let good = [
        ("email", "jo@example.com"),
        ("name", "Jo"),
        ("line1", "1 Road"),
        ("city", "Reno"),
        ("region", "NV"),
        ("postal_code", "89501"),
    ];

    for (field, bad) in [
        ("email", "not-an-email"),
        ("name", "  "),
        ("postal_code", "ABCDE"),
        ("city", &"c".repeat(101)),
    ] {
        let form: Vec<(&str, &str)> = good
            .iter()
            .map(|&(k, v)| if k == field { (k, bad) } else { (k, v) })
            .collect();
        let r = shopper.post("/checkout", &form).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}={bad:?}"
        );
    }
    assert_eq!(app.count("select count(*) from orders").await, 0);
    assert_eq!(app.stock("CTS-12").await, stock);
}

async fn an_empty_cart_cannot_check_out(backend: Backend) {
    let app = TestApp::spawn(backend).await;

    let r = app.shopper().checkout("kim@example.com").await;

    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("cart is empty"));
}

async fn unknown_payment_pages_are_not_found(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let shopper = app.shopper();

    assert_eq!(
        shopper.get("/pay/test/nope").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        shopper.post("/pay/test/nope/approve", &[]).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        shopper.get("/orders/nope").await.status,
        StatusCode::NOT_FOUND
    );
}

on_both_backends!(
    quantities_outside_the_limit_are_refused,
    adding_past_the_per_order_limit_is_refused_and_keeps_the_line,
    unknown_skus_and_archived_products_are_refused,
    a_product_archived_after_it_was_added_cannot_be_checked_out,
    malformed_and_oversized_bodies_are_refused,
    a_cross_site_post_is_refused,
    state_changing_routes_refuse_get,
    checkout_refuses_a_bad_address_or_email_and_holds_nothing,
    an_empty_cart_cannot_check_out,
    unknown_payment_pages_are_not_found,
);
