//! The brand team's first pages: sign-in, orders with their margins, one order, the outbox.

use crate::api::{admin_order, admin_orders, admin_outbox};
use crate::components::LoadError;
use crate::money::Money;
use crate::orders::AdminOrderDetail;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn money(m: Option<Money>) -> String {
    m.map(|m| m.to_string()).unwrap_or_else(|| "—".into())
}

fn first(f: Option<bool>) -> &'static str {
    match f {
        Some(true) => "first",
        Some(false) => "repeat",
        None => "—",
    }
}

#[component]
pub fn AdminLogin() -> impl IntoView {
    let failed = use_query_map().read_untracked().get("error").is_some();
    view! {
        <Title text="Sign in"/>
        <section class="narrow">
            <h1>"Brand team sign-in"</h1>
            {failed.then(|| view! { <p class="notice error" role="alert">"That email and password do not match."</p> })}
            <form method="post" action="/admin/login" class="checkout-form">
                <label for="email">"Email"</label>
                <input id="email" name="email" type="email" autocomplete="username" required/>
                <label for="password">"Password"</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required/>
                <button type="submit">"Sign in"</button>
            </form>
        </section>
    }
}

#[component]
fn AdminNav() -> impl IntoView {
    view! {
        <nav class="admin-nav" aria-label="Back office">
            <a href="/admin">"Orders"</a>
            <a href="/admin/outbox">"Outbox"</a>
            <form method="post" action="/admin/logout" class="inline">
                <button type="submit" class="link">"Sign out"</button>
            </form>
        </nav>
    }
}

#[component]
pub fn AdminOrders() -> impl IntoView {
    view! {
        <Title text="Orders"/>
        <section class="wide">
            <AdminNav/>
            <h1>"Orders"</h1>
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match admin_orders().await {
                        Ok(rows) => {
                            let rows = rows
                                .into_iter()
                                .map(|r| {
                                    let href = format!("/admin/orders/{}", r.number);
                                    view! {
                                        <tr data-order=r.number.clone()>
                                            <td><a href=href>{r.number.clone()}</a></td>
                                            <td>{r.placed_at}</td>
                                            <td>{r.status.as_str()}</td>
                                            <td>{r.email}</td>
                                            <td class="num">{r.total.to_string()}</td>
                                            <td>{first(r.first_order)}</td>
                                            <td>{r.channel}</td>
                                            <td class="num cm1">{money(r.cm1)}</td>
                                            <td class="num cm2">{money(r.cm2)}</td>
                                        </tr>
                                    }
                                })
                                .collect_view();
                            view! {
                                <table class="admin-table">
                                    <thead>
                                        <tr>
                                            <th scope="col">"Order"</th>
                                            <th scope="col">"Placed"</th>
                                            <th scope="col">"Status"</th>
                                            <th scope="col">"Customer"</th>
                                            <th scope="col">"Total"</th>
                                            <th scope="col">"First?"</th>
                                            <th scope="col">"Channel"</th>
                                            <th scope="col">"CM1"</th>
                                            <th scope="col">"CM2"</th>
                                        </tr>
                                    </thead>
                                    <tbody>{rows}</tbody>
                                </table>
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

#[component]
pub fn AdminOrder() -> impl IntoView {
    let number = use_params_map()
        .read_untracked()
        .get("number")
        .unwrap_or_default();
    view! {
        <Title text="Order"/>
        <section class="wide">
            <AdminNav/>
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {
                    let number = number.clone();
                    move || {
                        let number = number.clone();
                        Suspend::new(async move {
                            match admin_order(number).await {
                                Ok(Some(d)) => view! { <OrderDetail d/> }.into_any(),
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
fn OrderDetail(d: AdminOrderDetail) -> impl IntoView {
    let o = d.order;
    let a = d.attribution;
    let margin = d.margin.map(|m| {
        let row = |label: &'static str, v: Money, class: &'static str| {
            view! { <tr class=class><th scope="row">{label}</th><td class="num">{v.to_string()}</td></tr> }
        };
        view! {
            <h2>"Margin (frozen at payment)"</h2>
            <table class="admin-table margin">
                <tbody>
                    {row("Gross item sales", m.gross_sales, "")}
                    {row("Discounts", m.discounts, "")}
                    {row("Shipping charged", m.shipping_charged, "")}
                    {row("Net revenue", m.net_revenue, "total")}
                    {row("COGS", m.cogs, "")}
                    {row("CM1", m.cm1, "total cm1")}
                    {row("Packaging", m.packaging, "")}
                    {row("Pick & pack", m.pick_pack, "")}
                    {row("Shipping cost", m.shipping_cost, "")}
                    {row("Payment fee", m.payment_fee, "")}
                    {row("CM2", m.cm2, "total cm2")}
                    {row("Attributed acquisition cost", m.acquisition_cost, "")}
                    {row("CM3", m.cm3, "total")}
                </tbody>
            </table>
        }
    });
    let inputs = d
        .margin_lines
        .into_iter()
        .map(|l| {
            view! {
                <tr>
                    <td>{l.sku}</td>
                    <td class="num">{l.quantity}</td>
                    <td class="num">{l.unit_price.to_string()}</td>
                    <td class="num">{l.unit_cost.to_string()}</td>
                    <td>"cost row #"{l.cost_row_id}</td>
                </tr>
            }
        })
        .collect_view();
    let events = d
        .events
        .into_iter()
        .map(|e| view! { <li>{e.at}" · "{e.kind}" · "{e.actor}</li> })
        .collect_view();
    let opt = |v: Option<String>| v.unwrap_or_else(|| "—".into());

    view! {
        <h1>"Order "{o.number.clone()}</h1>
        <p>
            "Status "<strong>{o.status.as_str()}</strong>" · "{o.totals.total.to_string()}" · "
            {o.email.clone()}" · "{first(d.first_order)}" order · paid through "{d.payment_provider}
        </p>
        {margin}
        <h2>"Margin inputs"</h2>
        <table class="admin-table">
            <thead>
                <tr>
                    <th scope="col">"SKU"</th>
                    <th scope="col">"Qty"</th>
                    <th scope="col">"Unit price"</th>
                    <th scope="col">"Unit cost"</th>
                    <th scope="col">"Source"</th>
                </tr>
            </thead>
            <tbody>{inputs}</tbody>
        </table>
        <p class="muted">"Fee: "{opt(d.fee_source)}" · Rates: "{opt(d.rate_source)}</p>
        <h2>"Attribution"</h2>
        <p>
            "Channel "<strong>{a.channel}</strong>" · source "{opt(a.utm_source)}" · medium "
            {opt(a.utm_medium)}" · campaign "{opt(a.utm_campaign)}" · content "{opt(a.utm_content)}
            " · referral "{opt(a.referral_code)}" · landing "{opt(a.landing_page)}" · at "{opt(a.touched_at)}
        </p>
        <h2>"History"</h2>
        <ul class="events">{events}</ul>
    }
}

#[component]
pub fn AdminOutbox() -> impl IntoView {
    view! {
        <Title text="Outbox"/>
        <section class="wide">
            <AdminNav/>
            <h1>"Email outbox"</h1>
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match admin_outbox().await {
                        Ok(outbox) => {
                            let notice = outbox
                                .outbox_only
                                .then(|| {
                                    view! {
                                        <p class="notice test-mode" role="note">
                                            "No SMTP relay is configured (SMTP_URL): messages are kept here and not sent."
                                        </p>
                                    }
                                });
                            let mails = outbox
                                .entries
                                .into_iter()
                                .map(|m| {
                                    view! {
                                        <article class="mail">
                                            <h2>{m.subject}</h2>
                                            <p class="muted">
                                                "To "{m.to}" · "{m.created_at}" · "{m.status}
                                            </p>
                                            <pre>{m.body}</pre>
                                        </article>
                                    }
                                })
                                .collect_view();
                            view! {
                                {notice}
                                {mails}
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
