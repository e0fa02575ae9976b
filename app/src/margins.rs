//! The margin record of one order (see UNIT_ECONOMICS): pure arithmetic on frozen inputs.

use crate::money::{div_round_half_away, Money};
use serde::{Deserialize, Serialize};

/// The processor's fee: an actual figure when known, else a percentage-plus-fixed rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PaymentFee {
    Actual(Money),
    Rule { bps: i64, fixed: Money },
}

/// One order line as the margin record sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LineInput {
    pub unit_price: Money,
    pub unit_cost: Money,
    pub quantity: i64,
    /// Sellable packs inside one unit (a 12-pack is 12), for the per-unit pick & pack rate.
    pub packs_per_unit: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MarginInputs {
    pub lines: Vec<LineInput>,
    pub discounts: Money,
    pub shipping_charged: Money,
    /// Tax collected: pass-through, kept apart from revenue but charged through the processor.
    pub tax: Money,
    pub packaging_per_order: Money,
    pub pick_pack_per_order: Money,
    pub pick_pack_per_pack: Money,
    pub shipping_cost: Money,
    pub payment_fee: PaymentFee,
    pub acquisition_cost: Money,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Margin {
    pub gross_sales: Money,
    pub discounts: Money,
    pub shipping_charged: Money,
    pub net_revenue: Money,
    pub cogs: Money,
    pub cm1: Money,
    pub packaging: Money,
    pub pick_pack: Money,
    pub shipping_cost: Money,
    pub payment_fee: Money,
    pub cm2: Money,
    pub acquisition_cost: Money,
    pub cm3: Money,
}

#[derive(Debug, thiserror::Error, PartialEq)]
#[error("margin inputs overflow or mix currencies")]
pub struct MarginError;

fn sum(items: impl IntoIterator<Item = Option<Money>>, zero: Money) -> Result<Money, MarginError> {
    items.into_iter().try_fold(zero, |acc, m| {
        acc.checked_add(m.ok_or(MarginError)?).ok_or(MarginError)
    })
}

impl Margin {
    pub fn compute(i: &MarginInputs) -> Result<Margin, MarginError> {
        let zero = Money::zero(i.shipping_charged.currency);
        let sub = |a: Money, b: Money| a.checked_sub(b).ok_or(MarginError);

        let gross_sales = sum(i.lines.iter().map(|l| l.unit_price.times(l.quantity)), zero)?;
        let net_revenue = sub(gross_sales, i.discounts)?
            .checked_add(i.shipping_charged)
            .ok_or(MarginError)?;
        let cogs = sum(i.lines.iter().map(|l| l.unit_cost.times(l.quantity)), zero)?;
        let cm1 = sub(net_revenue, cogs)?;

        let packs: i64 = i.lines.iter().map(|l| l.quantity * l.packs_per_unit).sum();
        let pick_pack = i
            .pick_pack_per_order
            .checked_add(i.pick_pack_per_pack.times(packs).ok_or(MarginError)?)
            .ok_or(MarginError)?;
        let charged = net_revenue.checked_add(i.tax).ok_or(MarginError)?;
        let payment_fee = match &i.payment_fee {
            PaymentFee::Actual(fee) => *fee,
            PaymentFee::Rule { bps, fixed } => charged
                .percent_bps(*bps)
                .checked_add(*fixed)
                .ok_or(MarginError)?,
        };
        let fulfilment = sum(
            [
                Some(i.packaging_per_order),
                Some(pick_pack),
                Some(i.shipping_cost),
                Some(payment_fee),
            ],
            zero,
        )?;
        let cm2 = sub(cm1, fulfilment)?;
        let cm3 = sub(cm2, i.acquisition_cost)?;

        Ok(Margin {
            gross_sales,
            discounts: i.discounts,
            shipping_charged: i.shipping_charged,
            net_revenue,
            cogs,
            cm1,
            packaging: i.packaging_per_order,
            pick_pack,
            shipping_cost: i.shipping_cost,
            payment_fee,
            cm2,
            acquisition_cost: i.acquisition_cost,
            cm3,
        })
    }

    /// Break-even ROAS (1 ÷ CM2 %) in hundredths; `None` when CM2 is not positive.
    pub fn breakeven_roas_hundredths(&self) -> Option<i64> {
        (self.cm2.minor > 0).then(|| {
            div_round_half_away(self.net_revenue.minor as i128 * 100, self.cm2.minor as i128)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn worked_example() -> MarginInputs {
        MarginInputs {
            lines: vec![LineInput {
                unit_price: Money::usd(5400),
                unit_cost: Money::usd(1920),
                quantity: 1,
                packs_per_unit: 12,
            }],
            discounts: Money::usd(810),
            shipping_charged: Money::usd(0),
            tax: Money::usd(0),
            packaging_per_order: Money::usd(150),
            pick_pack_per_order: Money::usd(250),
            pick_pack_per_pack: Money::usd(0),
            shipping_cost: Money::usd(950),
            payment_fee: PaymentFee::Rule {
                bps: 290,
                fixed: Money::usd(30),
            },
            acquisition_cost: Money::usd(3500),
        }
    }

    #[test]
    fn worked_example_matches_to_the_cent() {
        let m = Margin::compute(&worked_example()).unwrap();

        assert_eq!(m.net_revenue, Money::usd(4590));
        assert_eq!(m.cogs, Money::usd(1920));
        assert_eq!(m.cm1, Money::usd(2670));
        assert_eq!(
            m.packaging.minor + m.pick_pack.minor + m.shipping_cost.minor,
            1350
        );
        assert_eq!(m.payment_fee, Money::usd(163));
        assert_eq!(m.cm2, Money::usd(1157));
        assert_eq!(m.cm3, Money::usd(-2343));
        assert_eq!(m.breakeven_roas_hundredths(), Some(397));
    }

    #[test]
    fn an_actual_fee_replaces_the_rule() {
        let mut inputs = worked_example();
        inputs.payment_fee = PaymentFee::Actual(Money::usd(171));

        let m = Margin::compute(&inputs).unwrap();

        assert_eq!(m.payment_fee, Money::usd(171));
        assert_eq!(m.cm2, Money::usd(2670 - 1350 - 171));
    }

    #[test]
    fn a_single_pack_loses_almost_ten_percent_to_the_card_fee() {
        let mut inputs = worked_example();
        inputs.lines = vec![LineInput {
            unit_price: Money::usd(450),
            unit_cost: Money::usd(160),
            quantity: 1,
            packs_per_unit: 1,
        }];
        inputs.discounts = Money::usd(0);

        let m = Margin::compute(&inputs).unwrap();

        // 2.9 % × 4.50 + 0.30 = 0.4305 → 0.43, i.e. 9.6 % of the price.
        assert_eq!(m.payment_fee, Money::usd(43));
        assert!(m.cm2.minor < 0);
        assert_eq!(m.breakeven_roas_hundredths(), None);
    }

    #[test]
    fn pick_and_pack_per_pack_scales_with_packs_shipped() {
        let mut inputs = worked_example();
        inputs.pick_pack_per_pack = Money::usd(5);
        inputs.lines[0].quantity = 2;

        let m = Margin::compute(&inputs).unwrap();

        assert_eq!(m.pick_pack, Money::usd(250 + 24 * 5));
    }
}
