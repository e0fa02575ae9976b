//! The cart: lines priced by the server, quantity changes and removal as plain forms.

use crate::api::get_cart;
use crate::components::{LoadError, TestModeNotice};
use crate::pricing::{Quote, MAX_QUANTITY_PER_LINE};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Cart() -> impl IntoView {
    view! {
        <Title text="Cart"/>
        <section class="narrow">
            <h1>"Your cart"</h1>
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match get_cart().await {
                        Ok(cart) if cart.quote.lines.is_empty() => {
                            view! {
                                <p>"Your cart is empty."</p>
                                <p><a class="button" href="/shop">"Shop the flavours"</a></p>
                            }
                                .into_any()
                        }
                        Ok(cart) => {
                            let test = cart.modes.test_payments;
                            view! {
                                <CartLines quote=cart.quote.clone() editable=true/>
                                {test.then(|| view! { <TestModeNotice/> })}
                                <p><a class="button buy" href="/checkout">"Check out"</a></p>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <LoadError error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The priced lines and totals; with `editable`, each line gets quantity and remove forms.
#[component]
pub fn CartLines(quote: Quote, editable: bool) -> impl IntoView {
    let lines = quote
        .lines
        .into_iter()
        .map(|l| {
            let qty_id = format!("qty-{}", l.sku);
            let options = (1..=MAX_QUANTITY_PER_LINE)
                .map(
                    |q| view! { <option value=q.to_string() selected=q == l.quantity>{q}</option> },
                )
                .collect_view();
            let controls = editable.then(|| {
                view! {
                    <form method="post" action="/cart/update" class="inline">
                        <input type="hidden" name="sku" value=l.sku.clone()/>
                        <label for=qty_id.clone()>"Quantity"</label>
                        <select id=qty_id name="quantity">{options}</select>
                        <button type="submit">"Update"</button>
                    </form>
                    <form method="post" action="/cart/remove" class="inline">
                        <input type="hidden" name="sku" value=l.sku.clone()/>
                        <button type="submit" class="link">"Remove"</button>
                    </form>
                }
            });
            view! {
                <li class="cart-line" data-sku=l.sku.clone()>
                    <div>
                        <strong>{l.product_name.clone()}</strong>
                        " · "{l.pack_size}"-pack"
                        <span class="muted">" · "{l.unit_price.to_string()}" each"</span>
                    </div>
                    <div class="line-qty">
                        {(!editable).then(|| format!("× {}", l.quantity))}
                        {controls}
                    </div>
                    <div class="line-total">{l.line_total.to_string()}</div>
                </li>
            }
        })
        .collect_view();
    let shipping = if quote.shipping.minor == 0 {
        "Free".to_string()
    } else {
        quote.shipping.to_string()
    };
    let free_hint = quote
        .to_free_shipping
        .map(|m| view! { <p class="muted">"Add "{m.to_string()}" more to ship free."</p> });

    view! {
        <ul class="cart-lines">{lines}</ul>
        <dl class="totals">
            <dt>"Subtotal"</dt>
            <dd>{quote.subtotal.to_string()}</dd>
            <dt>"Shipping"</dt>
            <dd>{shipping}</dd>
            <dt>"Tax"</dt>
            <dd>{quote.tax.to_string()}</dd>
            <dt class="grand">"Total"</dt>
            <dd class="grand" id="cart-total">{quote.total.to_string()}</dd>
        </dl>
        {free_hint}
    }
}
