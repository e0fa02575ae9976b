//! FDA panel rounding (21 CFR 101.9), on amounts in thousandths of their unit.

use super::Milli;
use crate::money::div_round_half_away;
use serde::{Deserialize, Serialize};

/// A declared amount as it stands on the panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rounded {
    /// An exact declared amount, in thousandths of the unit.
    Amount(Milli),
    /// "less than N", with N in thousandths of the unit.
    LessThan(Milli),
}

impl Rounded {
    /// The declared amount for arithmetic on the panel; "less than" counts as zero.
    pub fn value(self) -> Milli {
        match self {
            Rounded::Amount(v) => v,
            Rounded::LessThan(_) => 0,
        }
    }

    pub fn display(self, unit: &str) -> String {
        match self {
            Rounded::Amount(v) => format!("{}{unit}", format_milli(v)),
            Rounded::LessThan(v) => format!("less than {}{unit}", format_milli(v)),
        }
    }
}

/// "2.5", "12", "0.3": thousandths written with as few decimals as they need.
pub fn format_milli(v: Milli) -> String {
    let whole = v / 1000;
    let frac = (v % 1000).abs();
    if frac == 0 {
        return whole.to_string();
    }
    let digits = format!("{frac:03}");
    format!("{whole}.{}", digits.trim_end_matches('0'))
}

fn nearest(v: Milli, step: Milli) -> Milli {
    div_round_half_away(v as i128, step as i128) * step
}

pub fn calories(v: Milli) -> Rounded {
    Rounded::Amount(match v {
        v if v < 5_000 => 0,
        v if v <= 50_000 => nearest(v, 5_000),
        v => nearest(v, 10_000),
    })
}

/// Total, saturated and trans fat.
pub fn fat(v: Milli) -> Rounded {
    Rounded::Amount(match v {
        v if v < 500 => 0,
        v if v < 5_000 => nearest(v, 500),
        v => nearest(v, 1_000),
    })
}

pub fn cholesterol(v: Milli) -> Rounded {
    match v {
        v if v < 2_000 => Rounded::Amount(0),
        v if v <= 5_000 => Rounded::LessThan(5_000),
        v => Rounded::Amount(nearest(v, 5_000)),
    }
}

/// Sodium and potassium.
pub fn sodium(v: Milli) -> Rounded {
    Rounded::Amount(match v {
        v if v < 5_000 => 0,
        v if v <= 140_000 => nearest(v, 5_000),
        v => nearest(v, 10_000),
    })
}

/// Carbohydrate, fiber, sugars and protein.
pub fn grams(v: Milli) -> Rounded {
    match v {
        v if v < 500 => Rounded::Amount(0),
        v if v < 1_000 => Rounded::LessThan(1_000),
        v => Rounded::Amount(nearest(v, 1_000)),
    }
}

/// The step the rounding rule uses at this amount, for near-threshold warnings.
pub fn grams_step(v: Milli) -> Milli {
    if v < 1_000 {
        500
    } else {
        1_000
    }
}

pub fn fat_step(v: Milli) -> Milli {
    if v < 5_000 {
        500
    } else {
        1_000
    }
}

pub fn sodium_step(v: Milli) -> Milli {
    if v <= 140_000 {
        5_000
    } else {
        10_000
    }
}

pub fn calories_step(v: Milli) -> Milli {
    if v <= 50_000 {
        5_000
    } else {
        10_000
    }
}

/// %DV of a macronutrient, to the nearest 1 %.
pub fn macro_dv(amount: Milli, daily_value: Milli) -> i64 {
    div_round_half_away(amount as i128 * 100, daily_value as i128)
}

/// %DV of a vitamin or mineral: ≤ 10 % to 2 %, 10–50 % to 5 %, above 50 % to 10 %.
pub fn micro_dv(amount: Milli, daily_value: Milli) -> i64 {
    // Work in thousandths of a percent so that the band is chosen on the unrounded figure.
    let milli_pct = div_round_half_away(amount as i128 * 100_000, daily_value as i128);
    let step = match milli_pct {
        p if p <= 10_000 => 2_000,
        p if p <= 50_000 => 5_000,
        _ => 10_000,
    };
    nearest(milli_pct, step) / 1000
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calories_follow_the_three_bands() {
        assert_eq!(calories(4_900), Rounded::Amount(0));
        assert_eq!(calories(47_400), Rounded::Amount(45_000));
        assert_eq!(calories(47_500), Rounded::Amount(50_000));
        assert_eq!(calories(50_000), Rounded::Amount(50_000));
        assert_eq!(calories(384_000), Rounded::Amount(380_000));
        assert_eq!(calories(385_000), Rounded::Amount(390_000));
    }

    #[test]
    fn fat_rounds_to_half_grams_below_five_and_grams_above() {
        assert_eq!(fat(490), Rounded::Amount(0));
        assert_eq!(fat(500), Rounded::Amount(500));
        assert_eq!(fat(2_740), Rounded::Amount(2_500));
        assert_eq!(fat(2_750), Rounded::Amount(3_000));
        assert_eq!(fat(4_990), Rounded::Amount(5_000));
        assert_eq!(fat(12_400), Rounded::Amount(12_000));
    }

    #[test]
    fn cholesterol_below_five_reads_less_than_five() {
        assert_eq!(cholesterol(1_900), Rounded::Amount(0));
        assert_eq!(cholesterol(2_000), Rounded::LessThan(5_000));
        assert_eq!(cholesterol(5_000), Rounded::LessThan(5_000));
        assert_eq!(cholesterol(7_600), Rounded::Amount(10_000));
        assert_eq!(
            cholesterol(Rounded::LessThan(5_000).value()),
            Rounded::Amount(0)
        );
    }

    #[test]
    fn sodium_rounds_to_five_then_ten_milligrams() {
        assert_eq!(sodium(4_000), Rounded::Amount(0));
        assert_eq!(sodium(137_000), Rounded::Amount(135_000));
        assert_eq!(sodium(140_000), Rounded::Amount(140_000));
        assert_eq!(sodium(1_234_000), Rounded::Amount(1_230_000));
        assert_eq!(sodium(1_235_000), Rounded::Amount(1_240_000));
    }

    #[test]
    fn grams_below_one_read_less_than_one() {
        assert_eq!(grams(400), Rounded::Amount(0));
        assert_eq!(grams(600), Rounded::LessThan(1_000));
        assert_eq!(grams(37_400), Rounded::Amount(37_000));
        assert_eq!(grams(37_500), Rounded::Amount(38_000));
        assert_eq!(Rounded::LessThan(1_000).display(" g"), "less than 1 g");
    }

    #[test]
    fn macro_dv_rounds_to_whole_percent() {
        assert_eq!(macro_dv(37_000, 50_000), 74);
        assert_eq!(macro_dv(1_240_000, 2_300_000), 54);
    }

    #[test]
    fn vitamin_and_mineral_dv_use_their_bands() {
        // 1.9 mg iron of 18 mg = 10.6 % → nearest 5 % = 10 %
        assert_eq!(micro_dv(1_900, 18_000), 10);
        // 1.5 mcg vitamin D of 20 = 7.5 % → nearest 2 % = 8 %
        assert_eq!(micro_dv(1_500, 20_000), 8);
        // 620 mg potassium of 4,700 = 13.2 % → 15 %
        assert_eq!(micro_dv(620_000, 4_700_000), 15);
        // 1,000 mg calcium of 1,300 = 76.9 % → 80 %
        assert_eq!(micro_dv(1_000_000, 1_300_000), 80);
    }

    #[test]
    fn thousandths_print_with_the_decimals_they_need() {
        assert_eq!(format_milli(2_500), "2.5");
        assert_eq!(format_milli(12_000), "12");
        assert_eq!(format_milli(1_250), "1.25");
    }
}
