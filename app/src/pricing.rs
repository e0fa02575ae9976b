//! What a cart costs: line totals, shipping and tax, computed from server-side prices only.

use crate::money::{Currency, Money};
use serde::{Deserialize, Serialize};

/// The most units of one pack size a single order may hold.
pub const MAX_QUANTITY_PER_LINE: i64 = 10;

/// A validated line quantity (1..=MAX_QUANTITY_PER_LINE).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quantity(i64);

impl Quantity {
    pub fn new(q: i64) -> Result<Self, String> {
        if (1..=MAX_QUANTITY_PER_LINE).contains(&q) {
            Ok(Quantity(q))
        } else {
            Err(format!(
                "Quantity must be between 1 and {MAX_QUANTITY_PER_LINE}."
            ))
        }
    }

    pub fn get(self) -> i64 {
        self.0
    }
}

/// Store-wide shipping settings.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShippingRule {
    pub flat_rate: Money,
    /// Orders whose discounted item total reaches this ship free.
    pub free_threshold: Money,
}

impl ShippingRule {
    pub fn charge(&self, items_after_discount: Money) -> Money {
        if items_after_discount.minor >= self.free_threshold.minor {
            Money::zero(self.flat_rate.currency)
        } else {
            self.flat_rate
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PricedLine {
    pub variant_id: i64,
    pub sku: String,
    pub product_name: String,
    pub pack_size: i64,
    pub unit_price: Money,
    pub quantity: i64,
    pub line_total: Money,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub lines: Vec<PricedLine>,
    pub subtotal: Money,
    pub discount: Money,
    pub shipping: Money,
    pub tax: Money,
    pub total: Money,
    /// How much more would ship the order free, when it does not yet.
    pub to_free_shipping: Option<Money>,
}

/// One line to price: the variant, its price in force now, and the quantity.
pub struct LineToPrice {
    pub variant_id: i64,
    pub sku: String,
    pub product_name: String,
    pub pack_size: i64,
    pub unit_price: Money,
    pub quantity: i64,
}

/// Prices a cart. Tax is zero until a tax provider is configured; no discounts exist yet.
pub fn quote(
    lines: Vec<LineToPrice>,
    shipping: &ShippingRule,
    currency: Currency,
) -> Option<Quote> {
    let zero = Money::zero(currency);
    let priced: Vec<PricedLine> = lines
        .into_iter()
        .map(|l| {
            Some(PricedLine {
                line_total: l.unit_price.times(l.quantity)?,
                variant_id: l.variant_id,
                sku: l.sku,
                product_name: l.product_name,
                pack_size: l.pack_size,
                unit_price: l.unit_price,
                quantity: l.quantity,
            })
        })
        .collect::<Option<_>>()?;
    let subtotal = priced
        .iter()
        .try_fold(zero, |acc, l| acc.checked_add(l.line_total))?;
    let discount = zero;
    let items = subtotal.checked_sub(discount)?;
    let shipping_charge = if priced.is_empty() {
        zero
    } else {
        shipping.charge(items)
    };
    let tax = zero;
    let total = items.checked_add(shipping_charge)?.checked_add(tax)?;
    let to_free_shipping = (shipping_charge.minor > 0)
        .then(|| shipping.free_threshold.checked_sub(items))
        .flatten();

    Some(Quote {
        lines: priced,
        subtotal,
        discount,
        shipping: shipping_charge,
        tax,
        total,
        to_free_shipping,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: ShippingRule = ShippingRule {
        flat_rate: Money::usd(695),
        free_threshold: Money::usd(4500),
    };

    fn line(price: i64, quantity: i64) -> LineToPrice {
        LineToPrice {
            variant_id: 1,
            sku: "X-12".into(),
            product_name: "X".into(),
            pack_size: 12,
            unit_price: Money::usd(price),
            quantity,
        }
    }

    #[test]
    fn small_orders_pay_the_flat_rate_and_learn_what_ships_free() {
        let q = quote(vec![line(2850, 1)], &RULE, Currency::Usd).unwrap();

        assert_eq!(q.shipping, Money::usd(695));
        assert_eq!(q.total, Money::usd(2850 + 695));
        assert_eq!(q.to_free_shipping, Some(Money::usd(1650)));
    }

    #[test]
    fn orders_at_the_threshold_ship_free() {
        let q = quote(vec![line(2250, 2)], &RULE, Currency::Usd).unwrap();

        assert_eq!(q.subtotal, Money::usd(4500));
        assert_eq!(q.shipping, Money::usd(0));
        assert_eq!(q.total, Money::usd(4500));
        assert_eq!(q.to_free_shipping, None);
    }

    #[test]
    fn an_empty_cart_costs_nothing() {
        let q = quote(vec![], &RULE, Currency::Usd).unwrap();
        assert_eq!(q.total, Money::usd(0));
    }

    #[test]
    fn quantities_outside_the_limit_are_refused() {
        assert!(Quantity::new(0).is_err());
        assert!(Quantity::new(MAX_QUANTITY_PER_LINE + 1).is_err());
        assert_eq!(Quantity::new(3).map(Quantity::get), Ok(3));
    }
}
