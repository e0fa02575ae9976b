//! The demo catalog: four vegan flavours in three pack sizes, with prices, landed costs,
//! stock, fulfilment and label rates. Figures are close to the real product; the brand is
//! fictional.

use crate::db::{now_ms, Db};
use app::nutrition::{Allergen, NutritionRecord, ProductClass};

struct Flavour {
    slug: &'static str,
    name: &'static str,
    tagline: &'static str,
    description: &'static str,
    color: &'static str,
    status: &'static str,
    ships_on: Option<&'static str>,
    ingredients: &'static str,
    shelf_life_months: i64,
    /// protein, carbohydrate, fiber, fat, saturated fat (g); sodium, potassium (mg); kcal.
    figures: [i64; 8],
    allergens: &'static [Allergen],
    stock: [i64; 3],
}

const PACKS: [(i64, i64, i64); 3] = [
    // pack size, price (cents), shipping weight (g)
    (6, 2850, 1250),
    (12, 5400, 2450),
    (24, 10200, 4850),
];

/// Landed cost of one pack, in cents.
const LANDED_COST_PER_PACK: i64 = 160;

const FLAVOURS: [Flavour; 4] = [
    Flavour {
        slug: "spicy-beef-style-tantan",
        name: "Spicy Beef-Style Tantan",
        tagline: "Chili-sesame broth, peppery crumbles, a slow burn.",
        description: "A Sichuan-leaning bowl: toasted sesame paste, chili oil and a beef-style savouriness \
                      built from yeast extract and shiitake. Ready in three minutes with boiling water.",
        color: "#c8372d",
        status: "active",
        ships_on: None,
        ingredients: "Noodles (wheat flour, vital wheat gluten, pea protein, oat fiber, water, salt, \
                      potassium carbonate), textured soy protein, soy sauce (water, soybeans, wheat, salt), \
                      sesame paste, chili oil (sunflower oil, chili), yeast extract, shiitake powder, garlic, \
                      sugar, Sichuan pepper.",
        shelf_life_months: 9,
        figures: [38_400, 17_200, 7_400, 13_100, 1_900, 1_690_000, 480_000, 338_000],
        allergens: &[Allergen::Wheat, Allergen::Soy, Allergen::Sesame],
        stock: [400, 300, 150],
    },
    Flavour {
        slug: "creamy-tonkotsu-style",
        name: "Creamy Tonkotsu-Style",
        tagline: "Rich, milky and garlicky — without the pork.",
        description: "The rich, cloudy broth tonkotsu is known for, made with oat and soy milk, roasted \
                      garlic and a touch of miso. Vegan from noodle to broth.",
        color: "#d9a441",
        status: "active",
        ships_on: None,
        ingredients: "Noodles (wheat flour, vital wheat gluten, pea protein, oat fiber, water, salt, \
                      potassium carbonate), soy milk powder (soybeans), oat drink powder (oats), miso \
                      (soybeans, rice, salt), sesame oil, roasted garlic, yeast extract, onion, kombu, salt.",
        shelf_life_months: 8,
        figures: [39_600, 15_800, 7_600, 12_400, 2_300, 1_520_000, 560_000, 332_000],
        allergens: &[Allergen::Wheat, Allergen::Soy, Allergen::Sesame],
        stock: [400, 300, 150],
    },
    Flavour {
        slug: "garlic-shoyu",
        name: "Garlic Shoyu",
        tagline: "Clear soy broth, a lot of garlic, nothing heavy.",
        description: "A clean, deep shoyu broth with fried garlic and scallion oil. The lightest bowl in \
                      the range and the easiest to dress up with greens.",
        color: "#6b4a2f",
        status: "active",
        ships_on: None,
        ingredients: "Noodles (wheat flour, vital wheat gluten, pea protein, oat fiber, water, salt, \
                      potassium carbonate), soy sauce (water, soybeans, wheat, salt), textured soy protein, \
                      fried garlic (garlic, sunflower oil), scallion oil, yeast extract, kombu, sugar.",
        shelf_life_months: 10,
        figures: [37_200, 16_300, 6_800, 11_200, 1_400, 1_780_000, 410_000, 318_000],
        allergens: &[Allergen::Wheat, Allergen::Soy],
        stock: [400, 300, 150],
    },
    Flavour {
        slug: "miso-yuzu",
        name: "White Miso Yuzu",
        tagline: "Sweet white miso brightened with yuzu peel. Coming in spring.",
        description: "Our next flavour: mellow white miso, yuzu peel and a little ginger. Pre-order now; \
                      the first batch is capped and ships on the date shown.",
        color: "#3f7d4e",
        status: "preorder",
        ships_on: Some("2027-03-01"),
        ingredients: "Noodles (wheat flour, vital wheat gluten, pea protein, oat fiber, water, salt, \
                      potassium carbonate), white miso (soybeans, rice, salt), textured soy protein, yuzu \
                      peel, ginger, yeast extract, kombu, sunflower oil, sugar.",
        shelf_life_months: 9,
        figures: [38_100, 16_900, 7_900, 10_800, 1_600, 1_460_000, 520_000, 324_000],
        allergens: &[Allergen::Wheat, Allergen::Soy],
        stock: [120, 80, 40],
    },
];

fn nutrition(f: &Flavour) -> NutritionRecord {
    let [protein, carbs, fiber, fat, sat, sodium, potassium, kcal] = f.figures;
    NutritionRecord {
        serving_size_g: 190_000,
        servings_per_pack: 1_000,
        racc_g: 245_000,
        class: ProductClass::IndividualFood,
        pdcaas: 850,
        pdcaas_source: "wheat-pea-soy blend, supplier certificate".into(),
        calories_kcal: kcal,
        total_fat_g: fat,
        saturated_fat_g: sat,
        trans_fat_g: 0,
        cholesterol_mg: 0,
        sodium_mg: sodium,
        total_carbohydrate_g: carbs,
        dietary_fiber_g: fiber,
        total_sugars_g: 2_400,
        added_sugars_g: 1_500,
        sugar_alcohols_g: None,
        protein_g: protein,
        vitamin_d_mcg: 0,
        calcium_mg: 90_000,
        iron_mg: 5_200,
        potassium_mg: potassium,
        allergens: f.allergens.to_vec(),
        vegan: true,
    }
}

/// Loads the demo catalog unless products already exist. Returns whether it loaded.
pub async fn seed_demo(db: &Db) -> Result<bool, sqlx::Error> {
    let (count,): (i64,) = sqlx::query_as("select count(*) from products")
        .fetch_one(&db.pool)
        .await?;
    if count > 0 {
        return Ok(false);
    }

    let now = now_ms();
    let mut tx = db.begin_write().await?;
    for (order, f) in FLAVOURS.iter().enumerate() {
        let nutrition = serde_json::to_string(&nutrition(f)).expect("nutrition serialises");
        let (product_id,): (i64,) = sqlx::query_as(
            "insert into products (slug, name, tagline, description, color, status, ships_on, \
             ingredients, shelf_life_months, nutrition, sort_order, created_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id",
        )
        .bind(f.slug)
        .bind(f.name)
        .bind(f.tagline)
        .bind(f.description)
        .bind(f.color)
        .bind(f.status)
        .bind(f.ships_on)
        .bind(f.ingredients)
        .bind(f.shelf_life_months)
        .bind(nutrition)
        .bind(order as i64)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;

        for ((pack, price, weight), stock) in PACKS.iter().zip(f.stock) {
            let sku = format!("{}-{pack}", sku_stem(f.slug));
            let (variant_id,): (i64,) = sqlx::query_as(
                "insert into variants (product_id, sku, pack_size, weight_g, stock, created_at) \
                 values ($1, $2, $3, $4, $5, $6) returning id",
            )
            .bind(product_id)
            .bind(&sku)
            .bind(pack)
            .bind(weight)
            .bind(stock)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query(
                "insert into variant_prices (variant_id, amount_minor, currency, effective_from, created_at) \
                 values ($1, $2, 'USD', 0, $3)",
            )
            .bind(variant_id)
            .bind(price)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "insert into variant_costs (variant_id, unit_cost_minor, currency, effective_from, created_at) \
                 values ($1, $2, 'USD', 0, $3)",
            )
            .bind(variant_id)
            .bind(LANDED_COST_PER_PACK * pack)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
    }
    seed_rates(&mut tx, now).await?;
    tx.commit().await?;
    Ok(true)
}

/// Box $1.50 and pick & pack $2.50 an order, US card fee 2.9 % + 30¢, and label costs by weight.
async fn seed_rates(tx: &mut crate::db::Tx, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into fulfilment_rates (currency, packaging_per_order, pick_pack_per_order, \
         pick_pack_per_pack, card_fee_bps, card_fee_fixed, effective_from, created_at) \
         values ('USD', 150, 250, 0, 290, 30, 0, $1)",
    )
    .bind(now)
    .execute(&mut **tx)
    .await?;
    for (max_weight, cost) in [(1_500, 750), (3_000, 950), (6_000, 1_350), (20_000, 2_400)] {
        sqlx::query(
            "insert into shipping_rates (currency, max_weight_g, label_cost, effective_from, created_at) \
             values ('USD', $1, $2, 0, $3)",
        )
        .bind(max_weight)
        .bind(cost)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// "spicy-beef-style-tantan" → "SPIC": a short, stable SKU stem.
fn sku_stem(slug: &str) -> String {
    slug.split('-')
        .map(|w| w[..1].to_ascii_uppercase())
        .collect::<String>()
}
