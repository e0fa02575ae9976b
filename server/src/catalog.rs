//! Reading the catalog: flavours, their pack sizes and the prices in force now.

use crate::db::{now_ms, Db};
use crate::error::{AppError, AppResult};
use app::catalog::{ProductCard, ProductDetail, ProductStatus, VariantView};
use app::money::{Currency, Money};
use app::nutrition::{self, NutritionRecord};

/// The price row in force at `$1` for the variant in scope, as a correlated sub-query.
pub const PRICE_ROW: &str = "(select p.id from variant_prices p where p.variant_id = v.id \
     and p.effective_from <= $1 order by p.effective_from desc, p.id desc limit 1)";

type ProductRow = (
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    String,
    i64,
    String,
);

const PRODUCT_COLUMNS: &str = "id, slug, name, tagline, description, color, status, ships_on, \
     ingredients, shelf_life_months, nutrition";

async fn variants(db: &Db, product_id: i64, currency: Currency) -> AppResult<Vec<VariantView>> {
    let sql = format!(
        "select v.id, v.sku, v.pack_size, v.stock, \
         (select amount_minor from variant_prices where id = {PRICE_ROW}) \
         from variants v where v.product_id = $2 order by v.pack_size"
    );
    let rows: Vec<(i64, String, i64, i64, Option<i64>)> = sqlx::query_as(&sql)
        .bind(now_ms())
        .bind(product_id)
        .fetch_all(&db.pool)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, sku, pack_size, stock, price)| {
            let price = Money {
                minor: price?,
                currency,
            };
            Some(VariantView {
                id,
                sku,
                pack_size,
                price,
                per_pack: price.per_unit(pack_size),
                available: stock,
            })
        })
        .collect())
}

fn parse_nutrition(json: &str) -> AppResult<NutritionRecord> {
    serde_json::from_str(json).map_err(|e| AppError::Internal(format!("nutrition record: {e}")))
}

/// Flavours shoppers can see, in shop order.
pub async fn cards(db: &Db, currency: Currency) -> AppResult<Vec<ProductCard>> {
    let sql = format!(
        "select {PRODUCT_COLUMNS} from products where status in ('active', 'preorder') order by sort_order, id"
    );
    let rows: Vec<ProductRow> = sqlx::query_as(&sql).fetch_all(&db.pool).await?;
    let mut cards = Vec::with_capacity(rows.len());
    for (id, slug, name, tagline, _, color, status, ships_on, _, shelf_life_months, nutrition) in
        rows
    {
        let variants = variants(db, id, currency).await?;
        let Some(from_per_pack) = variants.iter().map(|v| v.per_pack).min_by_key(|m| m.minor)
        else {
            continue;
        };
        let record = parse_nutrition(&nutrition)?;
        let v = nutrition::validate(&record);
        let allowed_grams = |nutrient: &str| {
            v.allowed()
                .find(|c| c.nutrient == nutrient && c.wording.ends_with(&format!(" g {nutrient}")))
                .and_then(|c| c.wording.split(' ').next()?.parse().ok())
        };
        cards.push(ProductCard {
            slug,
            name,
            tagline,
            color,
            status: ProductStatus::parse(&status).unwrap_or(ProductStatus::Draft),
            ships_on,
            from_per_pack,
            protein_g: allowed_grams("protein"),
            fiber_g: allowed_grams("fiber"),
            net_carbs_g: v.net_carbs.grams / 1000,
            vegan: v.allowed().any(|c| c.wording == "Vegan"),
            shelf_life_months,
        });
    }
    Ok(cards)
}

/// A flavour's page, or `None` when it does not exist or is not for sale.
pub async fn detail(db: &Db, slug: &str, currency: Currency) -> AppResult<Option<ProductDetail>> {
    let sql = format!(
        "select {PRODUCT_COLUMNS} from products where slug = $1 and status in ('active', 'preorder')"
    );
    let row: Option<ProductRow> = sqlx::query_as(&sql)
        .bind(slug)
        .fetch_optional(&db.pool)
        .await?;
    let Some((
        id,
        slug,
        name,
        tagline,
        description,
        color,
        status,
        ships_on,
        ingredients,
        shelf,
        json,
    )) = row
    else {
        return Ok(None);
    };
    let nutrition = parse_nutrition(&json)?;
    let validation = nutrition::validate(&nutrition);
    Ok(Some(ProductDetail {
        slug,
        name,
        tagline,
        description,
        color,
        status: ProductStatus::parse(&status).unwrap_or(ProductStatus::Draft),
        ships_on,
        ingredients,
        shelf_life_months: shelf,
        variants: variants(db, id, currency).await?,
        nutrition,
        validation,
    }))
}

/// A pack size a shopper asked for, with what the cart needs to know about it.
pub struct SellableVariant {
    pub id: i64,
    pub status: ProductStatus,
}

pub async fn variant_by_sku(db: &Db, sku: &str) -> AppResult<SellableVariant> {
    let row: Option<(i64, String)> = sqlx::query_as(
        "select v.id, p.status from variants v join products p on p.id = v.product_id where v.sku = $1",
    )
    .bind(sku)
    .fetch_optional(&db.pool)
    .await?;
    let (id, status) = row.ok_or_else(|| AppError::invalid("That pack size does not exist."))?;
    let status = ProductStatus::parse(&status).unwrap_or(ProductStatus::Draft);
    if !status.is_sellable() {
        return Err(AppError::invalid("That flavour is no longer for sale."));
    }
    Ok(SellableVariant { id, status })
}
