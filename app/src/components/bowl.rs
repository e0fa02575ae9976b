//! The illustrated bowl that stands in for product photography.

use leptos::prelude::*;

/// A prepared bowl in the flavour's signature colour, drawn at a fixed size.
#[component]
pub fn BowlArt(
    #[prop(into)] color: String,
    #[prop(into)] label: String,
    size: u32,
) -> impl IntoView {
    view! {
        <svg
            class="bowl"
            width=size
            height=size
            viewBox="0 0 200 200"
            role="img"
            aria-label=label
        >
            <circle cx="100" cy="100" r="96" fill=color.clone() opacity="0.18"></circle>
            <ellipse cx="100" cy="112" rx="78" ry="22" fill="#2b2420" opacity="0.15"></ellipse>
            <path d="M24 96 h152 a76 70 0 0 1 -152 0z" fill="#fffaf2" stroke="#2b2420" stroke-width="3"></path>
            <ellipse cx="100" cy="96" rx="76" ry="20" fill=color></ellipse>
            <path
                d="M44 96 q14 -16 28 0 t28 0 t28 0 t28 0"
                fill="none"
                stroke="#f3d98b"
                stroke-width="5"
                stroke-linecap="round"
            ></path>
            <path
                d="M52 104 q12 -12 24 0 t24 0 t24 0 t24 0"
                fill="none"
                stroke="#f7e4a6"
                stroke-width="4"
                stroke-linecap="round"
            ></path>
            <circle cx="70" cy="88" r="9" fill="#7a5a3a"></circle>
            <circle cx="132" cy="90" r="8" fill="#7a5a3a"></circle>
            <circle cx="112" cy="84" r="3" fill="#4f8a3c"></circle>
            <circle cx="90" cy="82" r="3" fill="#4f8a3c"></circle>
            <circle cx="100" cy="92" r="3" fill="#4f8a3c"></circle>
            <circle cx="120" cy="98" r="2.5" fill="#c0392b"></circle>
            <circle cx="80" cy="100" r="2.5" fill="#c0392b"></circle>
        </svg>
    }
}
