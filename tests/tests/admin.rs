//! The brand team signs in and sees orders with their margins, and the outbox.

use store_tests::{on_both_backends, Backend, StatusCode, TestApp};

const PASSWORD: &str = "correct horse battery";

async fn signed_in(app: &TestApp) -> store_tests::Shopper {
    server::admin::create_admin(&app.state.db, "owner@kettlewise.test", PASSWORD, "owner")
        .await
        .unwrap();
    let admin = app.shopper();
    let r = admin
        .post(
            "/admin/login",
            &[("email", "owner@kettlewise.test"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.location.as_deref(), Some("/admin"));
    admin
}

async fn admin_pages_need_a_sign_in(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let visitor = app.shopper();

    for path in ["/admin", "/admin/outbox", "/admin/orders/KW-1"] {
        let r = visitor.get(path).await;
        assert!(r.status.is_redirection(), "{path}: {}", r.status);
        assert_eq!(r.location.as_deref(), Some("/admin/login"), "{path}");
    }
}

async fn a_wrong_password_is_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    server::admin::create_admin(&app.state.db, "owner@kettlewise.test", PASSWORD, "owner")
        .await
        .unwrap();
    let visitor = app.shopper();

    let r = visitor
        .post(
            "/admin/login",
            &[
                ("email", "owner@kettlewise.test"),
                ("password", "wrong password!"),
            ],
        )
        .await;

    assert_eq!(r.location.as_deref(), Some("/admin/login?error=1"));
    assert!(visitor.get("/admin").await.status.is_redirection());
}

async fn short_passwords_and_unknown_roles_are_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;

    assert!(
        server::admin::create_admin(&app.state.db, "a@kettlewise.test", "short", "owner")
            .await
            .is_err()
    );
    assert!(
        server::admin::create_admin(&app.state.db, "a@kettlewise.test", PASSWORD, "king")
            .await
            .is_err()
    );
    assert_eq!(app.count("select count(*) from admins").await, 0);
}

async fn the_orders_list_shows_margins_and_the_first_order_flag(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.shopper().buy("CTS-12", 1, "lee@example.com").await;
    let (number,): (String,) = sqlx::query_as("select number from orders")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let admin = signed_in(&app).await;

    let list = admin.get("/admin").await;
    let detail = admin.get(&format!("/admin/orders/{number}")).await;
    let outbox = admin.get("/admin/outbox").await;

    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains(&number));
    assert!(
        list.body.contains(r#"<td class="num cm1">$34.80</td>"#),
        "{}",
        list.body
    );
    assert!(list.body.contains(r#"<td class="num cm2">$19.43</td>"#));
    assert!(list.body.contains("<td>first</td>"));
    assert_eq!(detail.status, StatusCode::OK);
    assert!(detail.body.contains("Payment fee"));
    assert!(detail.body.contains("$1.87"));
    assert!(detail.body.contains("cost row #"));
    assert!(outbox
        .body
        .contains(&format!("Your Kettlewise order {number}")));
}

on_both_backends!(
    admin_pages_need_a_sign_in,
    a_wrong_password_is_refused,
    short_passwords_and_unknown_roles_are_refused,
    the_orders_list_shows_margins_and_the_first_order_flag,
);
