//! Pieces shared by several pages.

mod bowl;
mod nutrition_panel;
mod pack_picker;

pub use bowl::BowlArt;
pub use nutrition_panel::{Callouts, NutritionPanel};
pub use pack_picker::PackPicker;

use leptos::prelude::*;

#[component]
pub fn Header() -> impl IntoView {
    view! {
        <a class="skip" href="#main">"Skip to content"</a>
        <header class="site-header">
            <a class="brand" href="/">"Kettlewise"</a>
            <nav aria-label="Main">
                <a href="/shop">"Shop"</a>
                <a href="/cart">"Cart"</a>
            </nav>
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>"Kettlewise fresh ramen · vegan · shelf-stable, no refrigeration"</p>
            <p class="fine">
                "These statements describe food, not medicine. Net carbs are our own figure: "
                "total carbohydrate minus dietary fiber."
            </p>
        </footer>
    }
}

/// The notice that payments run through the built-in test gateway.
#[component]
pub fn TestModeNotice() -> impl IntoView {
    view! {
        <p class="notice test-mode" role="note">
            <strong>"Test mode. "</strong>
            "Payments go through the store's built-in test gateway: no card is asked for and no money moves."
        </p>
    }
}

/// A plain message for a failed load, with the HTTP status already set by the server function.
#[component]
pub fn LoadError(error: ServerFnError) -> impl IntoView {
    let text = match error {
        ServerFnError::ServerError(msg) => msg,
        _ => "Something went wrong. Please try again.".to_string(),
    };
    view! { <p class="notice error" role="alert">{text}</p> }
}
