//! The Nutrition Facts panel and the callouts the validator allows.

use crate::nutrition::{ClaimStatus, Validation};
use leptos::prelude::*;

/// The panel as it stands on the pack, from the validator's rounded figures.
#[component]
pub fn NutritionPanel(validation: Validation) -> impl IntoView {
    let p = validation.panel;
    let lines = p
        .lines
        .into_iter()
        .map(|l| {
            let class = format!(
                "nf-line indent-{}{}",
                l.indent,
                if l.bold { " bold" } else { "" }
            );
            let dv = l.dv_percent.map(|d| format!("{d}%")).unwrap_or_default();
            view! {
                <tr class=class>
                    <th scope="row">{l.label}" "<span class="amt">{l.amount}</span></th>
                    <td>{dv}</td>
                </tr>
            }
        })
        .collect_view();
    let micros = p
        .micros
        .into_iter()
        .map(|m| {
            view! {
                <tr class="nf-line">
                    <th scope="row">{m.label}" "<span class="amt">{m.amount}</span></th>
                    <td>{format!("{}%", m.dv_percent)}</td>
                </tr>
            }
        })
        .collect_view();

    view! {
        <section class="nutrition-facts" aria-labelledby="nf-title">
            <h2 id="nf-title">"Nutrition Facts"</h2>
            <p class="nf-servings">{p.servings_per_pack}" serving per pack"</p>
            <p class="nf-size">
                <strong>"Serving size"</strong>
                <strong>{p.serving_size}</strong>
            </p>
            <p class="nf-calories">
                <span>"Calories"</span>
                <span class="nf-kcal">{p.calories}</span>
            </p>
            <table>
                <thead>
                    <tr>
                        <th scope="col" class="sr-only">"Nutrient"</th>
                        <th scope="col">"% Daily Value*"</th>
                    </tr>
                </thead>
                <tbody>{lines}</tbody>
                <tbody class="nf-micros">{micros}</tbody>
            </table>
            <p class="nf-foot">
                "* The % Daily Value (DV) tells you how much a nutrient in a serving of food "
                "contributes to a daily diet. 2,000 calories a day is used for general nutrition advice."
            </p>
        </section>
    }
}

/// The big numbers and claims: only those the validator allows, with their disclosures.
#[component]
pub fn Callouts(validation: Validation, #[prop(optional)] compact: bool) -> impl IntoView {
    let disclosure = validation.disclosure.clone();
    let net = validation.net_carbs.clone();
    let allowed: Vec<_> = validation
        .callouts
        .into_iter()
        .filter(|c| c.status == ClaimStatus::Allowed)
        .collect();
    let big = allowed
        .iter()
        .filter(|c| c.wording.contains(" g "))
        .map(|c| {
            let (num, rest) = c.wording.split_once(' ').unwrap_or((&c.wording, ""));
            view! {
                <li class="big-number">
                    <span class="num">{num.to_string()}</span>
                    <span class="what">{rest.to_string()}</span>
                </li>
            }
        })
        .collect_view();
    let claims = allowed
        .iter()
        .filter(|c| !c.wording.contains(" g ") && !compact)
        .map(|c| {
            let beside = c
                .beside
                .clone()
                .map(|b| view! { <span class="beside">" ("{b}")"</span> });
            view! { <li>{c.wording.clone()}{beside}</li> }
        })
        .collect_view();
    let (net_num, _) = net
        .line
        .split_once(' ')
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .unwrap_or_default();

    view! {
        <div class="callouts">
            <ul class="big-numbers">
                {big}
                <li class="big-number">
                    <span class="num">{net_num}</span>
                    <span class="what">"g net carbs*"</span>
                </li>
            </ul>
            <ul class="claims">{claims}</ul>
            <p class="fine net-carbs-note">{net.footnote}</p>
            {disclosure.map(|d| view! { <p class="fine disclosure">{d}"."</p> })}
        </div>
    }
}
