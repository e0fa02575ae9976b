//! The storefront and back office: pages, components, server functions and the domain rules
//! that both the browser and the server use.

pub mod api;
pub mod catalog;
mod components;
pub mod margins;
pub mod money;
pub mod nutrition;
pub mod orders;
mod pages;
pub mod pricing;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// The HTML document every page is rendered into.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#f6f1e7"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// Every page route of the store, in one place.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();

    view! {
        <Stylesheet id="store" href="/pkg/store.css"/>
        <Title formatter=|t: String| format!("{t} · Kettlewise")/>
        <Router>
            <components::Header/>
            <main id="main">
                <Routes fallback=pages::NotFound>
                    <Route path=path!("") view=pages::Home ssr=SsrMode::Async/>
                    <Route path=path!("shop") view=pages::Shop ssr=SsrMode::Async/>
                    <Route path=path!("products/:slug") view=pages::Product ssr=SsrMode::Async/>
                    <Route path=path!("cart") view=pages::Cart ssr=SsrMode::Async/>
                    <Route path=path!("checkout") view=pages::Checkout ssr=SsrMode::Async/>
                    <Route path=path!("pay/test/:token") view=pages::TestPayment ssr=SsrMode::Async/>
                    <Route path=path!("orders/:token") view=pages::OrderStatus ssr=SsrMode::Async/>
                    <Route path=path!("admin/login") view=pages::AdminLogin ssr=SsrMode::Async/>
                    <Route path=path!("admin") view=pages::AdminOrders ssr=SsrMode::Async/>
                    <Route
                        path=path!("admin/orders/:number")
                        view=pages::AdminOrder
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("admin/outbox") view=pages::AdminOutbox ssr=SsrMode::Async/>
                </Routes>
            </main>
            <components::Footer/>
        </Router>
    }
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
