//! The storefront in headless Chromium: a 12-pack bought end to end, once with JavaScript
//! (the islands hydrate) and once without it (every form still works).

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use std::time::Duration;
use store_tests::{Backend, TestApp};

async fn browser(javascript: bool) -> Client {
    // reqwest and fantoccini link two rustls crypto providers; name one for the process.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let url = std::env::var("STORE_TEST_WEBDRIVER_URL")
        .expect("STORE_TEST_WEBDRIVER_URL is not set: run the suite with `bash tests/run.sh`, which starts ChromeDriver");
    let profile =
        std::env::temp_dir().join(format!("kw-chrome-{}-{javascript}", std::process::id()));
    let mut options = json!({
        "binary": "/usr/bin/chromium",
        "args": [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--window-size=390,900", format!("--user-data-dir={}", profile.display()),
        ],
    });
    if !javascript {
        options["prefs"] = json!({ "profile.managed_default_content_settings.javascript": 2 });
    }
    let mut caps = serde_json::Map::new();
    caps.insert("goog:chromeOptions".into(), options);
    ClientBuilder::rustls()
        .expect("tls")
        .capabilities(caps)
        .connect(&url)
        .await
        .expect("connect to ChromeDriver")
}

async fn text(c: &Client, css: &str) -> String {
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await
        .expect(css)
        .text()
        .await
        .unwrap()
}

async fn click(c: &Client, css: &str) {
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await
        .expect(css)
        .click()
        .await
        .expect(css);
}

async fn fill(c: &Client, name: &str, value: &str) {
    let field = c
        .find(Locator::Css(&format!("[name='{name}']")))
        .await
        .expect(name);
    field.send_keys(value).await.expect(name);
}

async fn choose(c: &Client, select: &str, value: &str) {
    click(c, &format!("{select} option[value='{value}']")).await;
}

/// Home → product → 12-pack → cart → checkout → approve → paid; then the admin sees CM1/CM2.
async fn buy_a_twelve_pack(app: &TestApp, c: &Client, javascript: bool) {
    c.goto(&format!("{}/", app.base)).await.unwrap();
    click(c, "a[href='/products/creamy-tonkotsu-style']").await;
    assert!(text(c, "h1").await.contains("Creamy Tonkotsu-Style"));
    assert!(text(c, ".nutrition-facts")
        .await
        .contains("Nutrition Facts"));

    // Once hydrated, the running total follows the quantity; without JavaScript it stays put.
    // The choice alternates, since choosing the option already selected fires no change.
    let hydrated = async {
        for (i, (quantity, total)) in [("3", "$162.00"), ("2", "$108.00")]
            .iter()
            .cycle()
            .take(40)
            .enumerate()
        {
            choose(c, "#quantity", quantity).await;
            tokio::time::sleep(Duration::from_millis(if i == 0 { 500 } else { 150 })).await;
            if text(c, ".running-total").await == format!("{quantity} × 12-pack · {total}") {
                return true;
            }
        }
        false
    };
    assert_eq!(hydrated.await, javascript, "running total after choosing 2");
    choose(c, "#quantity", "1").await;
    click(c, "label[for='pack-CTS-12']").await;
    click(c, "button.buy").await;

    assert_eq!(text(c, "#cart-total").await, "$54.00");
    click(c, "a[href='/checkout']").await;
    for (name, value) in [
        ("email", "browser@example.com"),
        ("name", "Bo Rowser"),
        ("line1", "9 Broth St"),
        ("city", "Portland"),
        ("region", "OR"),
        ("postal_code", "97201"),
    ] {
        fill(c, name, value).await;
    }
    click(c, ".checkout-form button[type='submit']").await;

    assert!(text(c, ".test-banner").await.contains("TEST PAYMENT"));
    click(c, "button.buy").await;
    assert_eq!(text(c, ".order-status").await, "Paid");
    let number = text(c, ".order-number").await;

    server::admin::create_admin(
        &app.state.db,
        "owner@kettlewise.test",
        "a long test password",
        "owner",
    )
    .await
    .unwrap();
    c.goto(&format!("{}/admin/login", app.base)).await.unwrap();
    fill(c, "email", "owner@kettlewise.test").await;
    fill(c, "password", "a long test password").await;
    click(c, "form button[type='submit']").await;
    let row = format!("tr[data-order='{number}']");
    assert_eq!(text(c, &format!("{row} .cm1")).await, "$34.80");
    assert_eq!(text(c, &format!("{row} .cm2")).await, "$19.43");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shopper_with_javascript_buys_a_twelve_pack_and_the_admin_sees_its_margin() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let c = browser(true).await;

    buy_a_twelve_pack(&app, &c, true).await;

    c.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shopper_without_javascript_buys_the_same_way() {
    let app = TestApp::spawn(Backend::Postgres).await;
    let c = browser(false).await;

    buy_a_twelve_pack(&app, &c, false).await;

    c.close().await.unwrap();
}
