//! One module per page; `crate::App` lists their routes.

mod admin;
mod cart;
mod checkout;
mod home;
mod order;
mod product;

pub use admin::{AdminLogin, AdminOrder, AdminOrders, AdminOutbox};
pub use cart::Cart;
pub use checkout::{Checkout, TestPayment};
pub use home::{Home, Shop};
pub use order::OrderStatus;
pub use product::Product;

use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::api::set_status(404);
    view! {
        <Title text="Not found"/>
        <NotFoundBody/>
    }
}

#[component]
fn NotFoundBody() -> impl IntoView {
    view! {
        <section class="narrow">
            <h1>"We couldn't find that page"</h1>
            <p>"It may have moved, or the link may be mistyped."</p>
            <p><a class="button" href="/shop">"See all flavours"</a></p>
        </section>
    }
}
