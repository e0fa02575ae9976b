//! A flavour: pack sizes with unit prices, callouts, the full panel, ingredients and allergens.

use crate::api::get_product;
use crate::catalog::{ProductDetail, ProductStatus};
use crate::components::{BowlArt, Callouts, LoadError, NutritionPanel, PackPicker};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn Product() -> impl IntoView {
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();

    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {
                let slug = slug.clone();
                move || {
                    let slug = slug.clone();
                    Suspend::new(async move {
                        match get_product(slug).await {
                            Ok(Some(p)) => view! { <ProductView p/> }.into_any(),
                            Ok(None) => view! { <super::NotFound/> }.into_any(),
                            Err(error) => view! { <LoadError error/> }.into_any(),
                        }
                    })
                }
            }
        </Suspense>
    }
}

#[component]
fn ProductView(p: ProductDetail) -> impl IntoView {
    let preorder = p.status == ProductStatus::Preorder;
    let ship_note = match (preorder, p.ships_on.clone()) {
        (true, Some(date)) => Some(format!(
            "Pre-order: ships from {date}. You pay now; we ship when it is ready."
        )),
        (true, None) => Some("Pre-order: you pay now; we ship when it is ready.".to_string()),
        _ => None,
    };
    let allergens = p
        .nutrition
        .allergens
        .iter()
        .map(|a| a.label())
        .collect::<Vec<_>>()
        .join(", ");
    let style = format!("--flavour: {}", p.color);
    let description = format!("{}: {}", p.name, p.tagline);

    view! {
        <Title text=p.name.clone()/>
        <Meta name="description" content=description/>
        <article class="product" style=style>
            <div class="product-art">
                <BowlArt color=p.color.clone() label=format!("A prepared bowl of {}", p.name) size=320/>
            </div>
            <div class="product-main">
                <h1>{p.name.clone()}</h1>
                <p class="tagline">{p.tagline.clone()}</p>
                <Callouts validation=p.validation.clone()/>
                {ship_note.map(|n| view! { <p class="notice preorder">{n}</p> })}
                <PackPicker variants=p.variants.clone() preorder/>
                <p class="description">{p.description.clone()}</p>
            </div>
            <div class="product-facts">
                <NutritionPanel validation=p.validation.clone()/>
                <section class="label-text">
                    <h2>"Ingredients"</h2>
                    <p>{p.ingredients.clone()}</p>
                    <h2>"Allergens"</h2>
                    <p>"Contains: "{allergens}"."</p>
                    <h2>"Storage"</h2>
                    <p>
                        "Shelf-stable for "{p.shelf_life_months}" months from packing. "
                        "No refrigeration needed; keep sealed in a cool, dry place."
                    </p>
                </section>
            </div>
        </article>
    }
}
