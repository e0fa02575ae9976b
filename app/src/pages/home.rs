//! The home page (the promise and the numbers) and the shop page (every flavour).

use crate::api::list_products;
use crate::catalog::{ProductCard, ProductStatus};
use crate::components::{BowlArt, LoadError};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn Home() -> impl IntoView {
    view! {
        <Title text="High-protein vegan ramen"/>
        <Meta
            name="description"
            content="Fresh vegan ramen noodles, vacuum-sealed and shelf-stable for months, high in plant protein."
        />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match list_products().await {
                    Ok(products) => {
                        view! {
                            <Promise products=products.clone()/>
                            <Grid products/>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <LoadError error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// "37–40 g" from the lowest and highest of the validated figures; nothing when none is allowed.
fn range(values: impl Iterator<Item = i64> + Clone, unit: &str) -> Option<String> {
    let lo = values.clone().min()?;
    let hi = values.max()?;
    Some(if lo == hi {
        format!("{lo} {unit}")
    } else {
        format!("{lo}–{hi} {unit}")
    })
}

/// The promise strip, built only from figures every listed flavour's validator allowed.
#[component]
fn Promise(products: Vec<ProductCard>) -> impl IntoView {
    let all = |f: fn(&ProductCard) -> Option<i64>| -> Option<Vec<i64>> {
        products.iter().map(f).collect()
    };
    let protein = all(|p| p.protein_g).and_then(|v| range(v.into_iter(), "g"));
    let fiber = all(|p| p.fiber_g).and_then(|v| range(v.into_iter(), "g"));
    let net = range(products.iter().map(|p| p.net_carbs_g), "g");
    let shelf = range(products.iter().map(|p| p.shelf_life_months), "mo");
    let vegan = !products.is_empty() && products.iter().all(|p| p.vegan);

    let item = |num: Option<String>, what: &'static str| {
        num.map(|n| view! { <li><span class="num">{n}</span><span class="what">{what}</span></li> })
    };
    view! {
        <section class="hero">
            <h1>"Ramen that eats like a meal."</h1>
            <p class="lede">
                "Fresh noodles, vacuum-sealed so they keep for months without a fridge. "
                "Protein from wheat and soy, a savoury broth from yeast extracts, nothing from animals."
            </p>
            <ul class="promise">
                {item(protein, "plant protein a pack")}
                {item(net, "net carbs*")}
                {item(fiber, "fiber")}
                {item(vegan.then(|| "Vegan".to_string()), "every flavour")}
                {item(shelf, "shelf life, no refrigeration")}
            </ul>
            <p class="fine">
                "*Net carbs = total carbohydrate − dietary fiber. Each flavour's page shows its arithmetic."
            </p>
            <p><a class="button" href="/shop">"Shop the flavours"</a></p>
        </section>
    }
}

#[component]
pub fn Shop() -> impl IntoView {
    view! {
        <Title text="Shop"/>
        <section class="narrow">
            <h1>"All flavours"</h1>
            <p>"Bigger packs cost less a pack."</p>
        </section>
        <Suspense fallback=|| view! { <p>"Loading flavours…"</p> }>
            {move || Suspend::new(async move {
                match list_products().await {
                    Ok(products) => view! { <Grid products/> }.into_any(),
                    Err(error) => view! { <LoadError error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Grid(products: Vec<ProductCard>) -> impl IntoView {
    let cards = products
        .into_iter()
        .map(|p| view! { <Card p/> })
        .collect_view();
    view! { <ul class="grid">{cards}</ul> }
}

#[component]
fn Card(p: ProductCard) -> impl IntoView {
    let href = format!("/products/{}", p.slug);
    let badge = match (p.status, p.ships_on) {
        (ProductStatus::Preorder, Some(date)) => Some(format!("Pre-order · ships {date}")),
        (ProductStatus::Preorder, None) => Some("Pre-order".to_string()),
        _ => None,
    };
    let style = format!("--flavour: {}", p.color);
    let protein = p.protein_g.map(|g| view! { <span>{g}" g protein"</span> });
    view! {
        <li class="card" style=style>
            <a href=href>
                <BowlArt color=p.color.clone() label=format!("A bowl of {}", p.name) size=160/>
                <h2>{p.name}</h2>
                <p class="tagline">{p.tagline}</p>
                <p class="card-numbers">
                    {protein}
                    <span>{p.net_carbs_g}" g net carbs*"</span>
                </p>
                <p class="from">"From "{p.from_per_pack.to_string()}" a pack"</p>
                {badge.map(|b| view! { <p class="badge">{b}</p> })}
            </a>
        </li>
    }
}
