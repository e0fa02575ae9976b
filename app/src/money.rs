//! Money as integer minor units with a currency, and the one rounding rule the store uses.

use serde::{Deserialize, Serialize};
use std::fmt;

/// ISO 4217 currencies the store can price in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Currency {
    Usd,
}

impl Currency {
    pub fn code(self) -> &'static str {
        match self {
            Currency::Usd => "USD",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code.to_ascii_uppercase().as_str() {
            "USD" => Some(Currency::Usd),
            _ => None,
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Currency::Usd => "$",
        }
    }
}

/// An amount in minor units (cents) of one currency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    pub minor: i64,
    pub currency: Currency,
}

impl Money {
    pub const fn usd(minor: i64) -> Self {
        Money {
            minor,
            currency: Currency::Usd,
        }
    }

    pub const fn zero(currency: Currency) -> Self {
        Money { minor: 0, currency }
    }

    /// Adds two amounts of the same currency; `None` when currencies differ or it overflows.
    pub fn checked_add(self, other: Money) -> Option<Money> {
        (self.currency == other.currency)
            .then(|| self.minor.checked_add(other.minor))
            .flatten()
            .map(|minor| Money {
                minor,
                currency: self.currency,
            })
    }

    pub fn checked_sub(self, other: Money) -> Option<Money> {
        self.checked_add(Money {
            minor: other.minor.checked_neg()?,
            currency: other.currency,
        })
    }

    pub fn times(self, quantity: i64) -> Option<Money> {
        self.minor.checked_mul(quantity).map(|minor| Money {
            minor,
            currency: self.currency,
        })
    }

    /// This amount scaled by `bps` basis points (1 bps = 0.01 %), rounded half away from zero.
    pub fn percent_bps(self, bps: i64) -> Money {
        Money {
            minor: div_round_half_away(self.minor as i128 * bps as i128, 10_000),
            ..self
        }
    }

    /// The amount per unit when `self` buys `units`, rounded half away from zero.
    pub fn per_unit(self, units: i64) -> Money {
        Money {
            minor: div_round_half_away(self.minor as i128, units.max(1) as i128),
            ..self
        }
    }
}

/// Integer division rounding half away from zero: the single rounding rule for money.
pub fn div_round_half_away(numerator: i128, denominator: i128) -> i64 {
    debug_assert!(denominator > 0);
    let half = denominator / 2;
    let rounded = if numerator >= 0 {
        (numerator + half) / denominator
    } else {
        (numerator - half) / denominator
    };
    rounded as i64
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.minor < 0 { "−" } else { "" };
        let abs = self.minor.unsigned_abs();
        write!(
            f,
            "{sign}{}{}.{:02}",
            self.currency.symbol(),
            abs / 100,
            abs % 100
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_fee_on_the_worked_example_rounds_to_the_cent() {
        let net = Money::usd(4590);

        let fee = net.percent_bps(290).checked_add(Money::usd(30)).unwrap();

        assert_eq!(fee, Money::usd(163));
    }

    #[test]
    fn halves_round_away_from_zero() {
        assert_eq!(div_round_half_away(5, 10), 1);
        assert_eq!(div_round_half_away(-5, 10), -1);
        assert_eq!(div_round_half_away(4, 10), 0);
        assert_eq!(div_round_half_away(15, 10), 2);
    }

    #[test]
    fn per_unit_price_of_a_pack() {
        assert_eq!(Money::usd(5400).per_unit(12), Money::usd(450));
        assert_eq!(Money::usd(2599).per_unit(6), Money::usd(433));
    }

    #[test]
    fn display_uses_symbol_and_two_decimals() {
        assert_eq!(Money::usd(5400).to_string(), "$54.00");
        assert_eq!(Money::usd(-2343).to_string(), "−$23.43");
        assert_eq!(Money::usd(5).to_string(), "$0.05");
    }
}
