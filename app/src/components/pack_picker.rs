//! Choosing a pack size and quantity: a plain form that posts without JavaScript, and shows the
//! running price once hydrated.

use crate::catalog::VariantView;
use crate::pricing::MAX_QUANTITY_PER_LINE;
use leptos::prelude::*;

#[island]
pub fn PackPicker(variants: Vec<VariantView>, preorder: bool) -> impl IntoView {
    let default = variants
        .iter()
        .position(|v| v.pack_size == 12 && v.available > 0)
        .or_else(|| variants.iter().position(|v| v.available > 0))
        .unwrap_or(0);
    let (chosen, set_chosen) = signal(default);
    let (quantity, set_quantity) = signal(1_i64);
    let all = variants.clone();
    let summary = move || {
        all.get(chosen.get()).and_then(|v| {
            let total = v.price.times(quantity.get())?;
            Some(format!(
                "{} × {}-pack · {}",
                quantity.get(),
                v.pack_size,
                total
            ))
        })
    };
    let sold_out = variants.iter().all(|v| v.available <= 0);
    let button = if preorder { "Pre-order" } else { "Add to cart" };

    let options = variants
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            let id = format!("pack-{}", v.sku);
            let out = v.available <= 0;
            let label_for = id.clone();
            view! {
                <label class="pack" for=label_for class:sold-out=out>
                    <input
                        type="radio"
                        name="sku"
                        id=id
                        value=v.sku.clone()
                        checked=i == default
                        disabled=out
                        on:change=move |_| set_chosen.set(i)
                    />
                    <span class="pack-size">{v.pack_size}" packs"</span>
                    <span class="pack-price">{v.price.to_string()}</span>
                    <span class="per-pack">{v.per_pack.to_string()}" a pack"</span>
                    {out.then(|| view! { <span class="pack-out">"Sold out"</span> })}
                </label>
            }
        })
        .collect_view();
    let quantities = (1..=MAX_QUANTITY_PER_LINE)
        .map(|q| view! { <option value=q.to_string()>{q}</option> })
        .collect_view();

    view! {
        <form class="pack-picker" method="post" action="/cart/add">
            <fieldset>
                <legend>"Pack size"</legend>
                {options}
            </fieldset>
            <label class="qty" for="quantity">"Quantity"</label>
            <select
                id="quantity"
                name="quantity"
                on:change=move |ev| {
                    set_quantity.set(event_target_value(&ev).parse().unwrap_or(1))
                }
            >
                {quantities}
            </select>
            <p class="running-total" aria-live="polite">{summary}</p>
            <button type="submit" class="buy" disabled=sold_out>{button}</button>
        </form>
    }
}
