//! The order status page a shopper lands on after paying.

use super::cart::CartLines;
use crate::api::get_order;
use crate::components::LoadError;
use crate::orders::{OrderStatus as Status, OrderView};
use crate::pricing::Quote;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn OrderStatus() -> impl IntoView {
    let token = use_params_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let session_id = use_query_map().read_untracked().get("session_id");
    view! {
        <Title text="Your order"/>
        <section class="narrow">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {
                    let token = token.clone();
                    move || {
                        let (token, session_id) = (token.clone(), session_id.clone());
                        Suspend::new(async move {
                            match get_order(token, session_id).await {
                                Ok(Some(o)) => view! { <OrderBody o/> }.into_any(),
                                Ok(None) => view! { <super::NotFound/> }.into_any(),
                                Err(error) => view! { <LoadError error/> }.into_any(),
                            }
                        })
                    }
                }
            </Suspense>
        </section>
    }
}

#[component]
fn OrderBody(o: OrderView) -> impl IntoView {
    let heading = match o.status {
        Status::Paid => "Thank you, your order is paid",
        Status::Pending => "We're confirming your payment",
        Status::Failed => "Your payment did not go through",
        Status::Expired => "This order expired before payment",
    };
    // The page re-reads what the database knows while payment is being confirmed.
    let refresh =
        (o.status == Status::Pending).then(|| view! { <Meta http_equiv="refresh" content="3"/> });
    let quote = Quote {
        lines: o.lines.clone(),
        subtotal: o.totals.subtotal,
        discount: o.totals.discount,
        shipping: o.totals.shipping,
        tax: o.totals.tax,
        total: o.totals.total,
        to_free_shipping: None,
    };
    let ships = o.preorder_ships_on.clone().map(
        |d| view! { <p class="notice preorder">"Includes a pre-order: it ships from "{d}"."</p> },
    );

    view! {
        {refresh}
        <h1>{heading}</h1>
        <p>
            "Order "<strong class="order-number">{o.number.clone()}</strong>" · status: "
            <strong class="order-status" data-status=o.status.as_str()>{o.status.shopper_label()}</strong>
        </p>
        <p class="muted">"Placed "{o.placed_at.clone()}" · confirmation to "{o.email.clone()}</p>
        {ships}
        <CartLines quote editable=false/>
    }
}
