//! Shoppers read the catalog: validated callouts, the panel, pack prices, a 404 for the unknown.

use app::nutrition::{validate, NutritionRecord};
use store_tests::{on_both_backends, Backend, StatusCode, TestApp};

async fn nutrition_of(app: &TestApp, slug: &str) -> NutritionRecord {
    let (json,): (String,) = sqlx::query_as("select nutrition from products where slug = $1")
        .bind(slug)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    serde_json::from_str(&json).unwrap()
}

async fn home_lists_every_flavour_for_sale(backend: Backend) {
    let app = TestApp::spawn(backend).await;

    let home = app.shopper().get("/").await;

    assert_eq!(home.status, StatusCode::OK);
    for name in [
        "Spicy Beef-Style Tantan",
        "Creamy Tonkotsu-Style",
        "Garlic Shoyu",
        "White Miso Yuzu",
    ] {
        assert!(home.body.contains(name), "home lacks {name}");
    }
    assert!(home.body.contains("Pre-order · ships 2027-03-01"));
}

async fn product_page_shows_only_callouts_the_validator_allows(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let slug = "garlic-shoyu";
    let verdict = validate(&nutrition_of(&app, slug).await);

    let page = app.shopper().get(&format!("/products/{slug}")).await;

    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Nutrition Facts"));
    for c in &verdict.callouts {
        let shown = page.body.contains(&format!("<li>{}", c.wording));
        assert_eq!(
            shown,
            c.is_allowed() && !c.wording.contains(" g "),
            "callout {:?}",
            c.wording
        );
    }
    assert!(!page.body.contains("Low carb"));
    assert!(
        page.body.contains(&verdict.net_carbs.footnote),
        "net-carb footnote missing"
    );
    assert!(
        page.body.contains(verdict.disclosure.as_deref().unwrap()),
        "sodium disclosure missing"
    );
}

async fn product_page_prices_each_pack_with_its_per_pack_price(backend: Backend) {
    let app = TestApp::spawn(backend).await;

    let page = app.shopper().get("/products/creamy-tonkotsu-style").await;

    let text = page.visible();
    for (sku, price, per_pack) in [
        ("CTS-6", "$28.50", "$4.75"),
        ("CTS-12", "$54.00", "$4.50"),
        ("CTS-24", "$102.00", "$4.25"),
    ] {
        let label = &text[text.find(&format!(r#"for="pack-{sku}""#)).expect(sku)..];
        let label = &label[..label.find("</label>").unwrap()];
        assert!(
            label.contains(&format!(r#"pack-price">{price}<"#)),
            "{sku}: {label}"
        );
        assert!(
            label.contains(&format!(r#"per-pack">{per_pack} a pack<"#)),
            "{sku}: {label}"
        );
    }
}

async fn unknown_and_archived_products_are_not_found(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.exec("update products set status = 'archived' where slug = 'garlic-shoyu'")
        .await;
    let shopper = app.shopper();

    assert_eq!(
        shopper.get("/products/no-such-ramen").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        shopper.get("/products/garlic-shoyu").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        shopper.get("/no/such/page").await.status,
        StatusCode::NOT_FOUND
    );
    assert!(!shopper.get("/shop").await.body.contains("Garlic Shoyu"));
}

on_both_backends!(
    home_lists_every_flavour_for_sale,
    product_page_shows_only_callouts_the_validator_allows,
    product_page_prices_each_pack_with_its_per_pack_price,
    unknown_and_archived_products_are_not_found,
);
