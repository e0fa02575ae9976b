//! Checkout (contact and address, then payment) and the built-in test gateway's payment page.

use super::cart::CartLines;
use crate::api::{get_cart, get_test_payment};
use crate::components::{LoadError, TestModeNotice};
use crate::orders::OrderStatus;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn Checkout() -> impl IntoView {
    view! {
        <Title text="Checkout"/>
        <section class="narrow">
            <h1>"Checkout"</h1>
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
                                <CartLines quote=cart.quote.clone() editable=false/>
                                <CheckoutForm test/>
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
fn CheckoutForm(test: bool) -> impl IntoView {
    let pay = if test {
        "Continue to test payment"
    } else {
        "Continue to payment"
    };
    view! {
        <form method="post" action="/checkout" class="checkout-form">
            <fieldset>
                <legend>"Contact"</legend>
                <label for="email">"Email"</label>
                <input id="email" name="email" type="email" autocomplete="email" required/>
            </fieldset>
            <fieldset>
                <legend>"Ship to"</legend>
                <label for="name">"Full name"</label>
                <input id="name" name="name" autocomplete="name" required maxlength="120"/>
                <label for="line1">"Address"</label>
                <input id="line1" name="line1" autocomplete="address-line1" required maxlength="200"/>
                <label for="city">"City"</label>
                <input id="city" name="city" autocomplete="address-level2" required maxlength="100"/>
                <label for="region">"State"</label>
                <input id="region" name="region" autocomplete="address-level1" required maxlength="50"/>
                <label for="postal_code">"ZIP code"</label>
                <input
                    id="postal_code"
                    name="postal_code"
                    autocomplete="postal-code"
                    required
                    maxlength="10"
                    inputmode="numeric"
                />
            </fieldset>
            {test.then(|| view! { <TestModeNotice/> })}
            <button type="submit" class="buy">{pay}</button>
        </form>
    }
}

#[component]
pub fn TestPayment() -> impl IntoView {
    let token = use_params_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    view! {
        <Title text="Test payment"/>
        <section class="narrow test-payment">
            <p class="test-banner" role="note">"TEST PAYMENT — built-in test gateway, no money moves"</p>
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {
                    let token = token.clone();
                    move || {
                        let token = token.clone();
                        Suspend::new(async move {
                            match get_test_payment(token).await {
                                Ok(Some(p)) => {
                                    let approve = format!("/pay/test/{}/approve", p.token);
                                    let decline = format!("/pay/test/{}/decline", p.token);
                                    let order = format!("/orders/{}", p.order_token);
                                    let open = p.status == OrderStatus::Pending;
                                    view! {
                                        <h1>"Approve the test payment"</h1>
                                        <p>
                                            "Order "<strong>{p.order_number.clone()}</strong>" · "
                                            <strong>{p.amount.to_string()}</strong>
                                        </p>
                                        <TestModeNotice/>
                                        {if open {
                                            view! {
                                                <form method="post" action=approve class="inline">
                                                    <button type="submit" class="buy">"Approve payment"</button>
                                                </form>
                                                <form method="post" action=decline class="inline">
                                                    <button type="submit">"Decline payment"</button>
                                                </form>
                                            }
                                                .into_any()
                                        } else {
                                            view! {
                                                <p>
                                                    "This payment is "{p.status.shopper_label().to_lowercase()}". "
                                                    <a href=order>"See the order"</a>
                                                </p>
                                            }
                                                .into_any()
                                        }}
                                    }
                                        .into_any()
                                }
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
