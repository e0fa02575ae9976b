//! The Nutrition Facts panel: rounded amounts and %DV from the 2016 Daily Values.

use super::rounding::{self, Rounded};
use super::{Milli, NutritionRecord};
use serde::{Deserialize, Serialize};

/// Daily Values for adults and children 4+, in thousandths of their unit.
pub mod daily_value {
    use super::Milli;
    pub const TOTAL_FAT_G: Milli = 78_000;
    pub const SATURATED_FAT_G: Milli = 20_000;
    pub const CHOLESTEROL_MG: Milli = 300_000;
    pub const SODIUM_MG: Milli = 2_300_000;
    pub const TOTAL_CARBOHYDRATE_G: Milli = 275_000;
    pub const DIETARY_FIBER_G: Milli = 28_000;
    pub const ADDED_SUGARS_G: Milli = 50_000;
    pub const PROTEIN_G: Milli = 50_000;
    pub const VITAMIN_D_MCG: Milli = 20_000;
    pub const CALCIUM_MG: Milli = 1_300_000;
    pub const IRON_MG: Milli = 18_000;
    pub const POTASSIUM_MG: Milli = 4_700_000;
}

/// One line of the panel: the label, the declared amount and its %DV where it has one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PanelLine {
    pub label: String,
    pub amount: String,
    pub dv_percent: Option<i64>,
    /// Indent level on the panel: 0 for a main nutrient, 1 for its sub-line, 2 below that.
    pub indent: u8,
    pub bold: bool,
}

/// A vitamin or mineral line below the thick bar.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DvLine {
    pub label: String,
    pub amount: String,
    pub dv_percent: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Panel {
    pub servings_per_pack: String,
    pub serving_size: String,
    pub calories: i64,
    pub protein_g: Milli,
    pub lines: Vec<PanelLine>,
    pub micros: Vec<DvLine>,
}

fn line(
    label: &'static str,
    amount: Rounded,
    unit: &str,
    dv: Option<i64>,
    indent: u8,
) -> PanelLine {
    PanelLine {
        label: label.to_string(),
        amount: amount.display(unit),
        dv_percent: dv,
        indent,
        bold: indent == 0,
    }
}

fn tenths(v: Milli) -> Milli {
    crate::money::div_round_half_away(v as i128, 100) * 100
}

impl Panel {
    /// Builds the panel. `protein_dv_required` is set when any protein claim is shown, which
    /// makes the protein %DV (on quality-corrected protein) mandatory.
    pub fn build(n: &NutritionRecord, protein_dv_required: bool) -> Panel {
        use daily_value as dv;
        use rounding::{calories, cholesterol, fat, grams, macro_dv, micro_dv, sodium};

        let protein = grams(n.protein_g);
        let protein_dv = protein_dv_required
            .then(|| macro_dv(n.corrected_protein_g(n.protein_g), dv::PROTEIN_G));

        let mut lines = vec![
            line(
                "Total Fat",
                fat(n.total_fat_g),
                " g",
                Some(macro_dv(n.total_fat_g, dv::TOTAL_FAT_G)),
                0,
            ),
            line(
                "Saturated Fat",
                fat(n.saturated_fat_g),
                " g",
                Some(macro_dv(n.saturated_fat_g, dv::SATURATED_FAT_G)),
                1,
            ),
            line("Trans Fat", fat(n.trans_fat_g), " g", None, 1),
            line(
                "Cholesterol",
                cholesterol(n.cholesterol_mg),
                " mg",
                Some(macro_dv(n.cholesterol_mg, dv::CHOLESTEROL_MG)),
                0,
            ),
            line(
                "Sodium",
                sodium(n.sodium_mg),
                " mg",
                Some(macro_dv(n.sodium_mg, dv::SODIUM_MG)),
                0,
            ),
            line(
                "Total Carbohydrate",
                grams(n.total_carbohydrate_g),
                " g",
                Some(macro_dv(n.total_carbohydrate_g, dv::TOTAL_CARBOHYDRATE_G)),
                0,
            ),
            line(
                "Dietary Fiber",
                grams(n.dietary_fiber_g),
                " g",
                Some(macro_dv(n.dietary_fiber_g, dv::DIETARY_FIBER_G)),
                1,
            ),
            line("Total Sugars", grams(n.total_sugars_g), " g", None, 1),
        ];
        let added = grams(n.added_sugars_g);
        lines.push(PanelLine {
            label: format!("Includes {} Added Sugars", added.display(" g")),
            amount: String::new(),
            dv_percent: Some(macro_dv(n.added_sugars_g, dv::ADDED_SUGARS_G)),
            indent: 2,
            bold: false,
        });
        if let Some(sa) = n.sugar_alcohols_g {
            lines.push(line("Sugar Alcohol", grams(sa), " g", None, 1));
        }
        lines.push(line("Protein", protein, " g", protein_dv, 0));

        let micros = vec![
            DvLine {
                label: "Vitamin D".into(),
                amount: format!("{} mcg", rounding::format_milli(tenths(n.vitamin_d_mcg))),
                dv_percent: micro_dv(n.vitamin_d_mcg, dv::VITAMIN_D_MCG),
            },
            DvLine {
                label: "Calcium".into(),
                amount: format!(
                    "{} mg",
                    rounding::format_milli(
                        crate::money::div_round_half_away(n.calcium_mg as i128, 10_000) * 10_000
                    )
                ),
                dv_percent: micro_dv(n.calcium_mg, dv::CALCIUM_MG),
            },
            DvLine {
                label: "Iron".into(),
                amount: format!("{} mg", rounding::format_milli(tenths(n.iron_mg))),
                dv_percent: micro_dv(n.iron_mg, dv::IRON_MG),
            },
            DvLine {
                label: "Potassium".into(),
                amount: sodium(n.potassium_mg).display(" mg"),
                dv_percent: micro_dv(n.potassium_mg, dv::POTASSIUM_MG),
            },
        ];

        Panel {
            servings_per_pack: rounding::format_milli(n.servings_per_pack),
            serving_size: format!("1 pack ({}g)", rounding::format_milli(n.serving_size_g)),
            calories: calories(n.calories_kcal).value() / 1000,
            protein_g: protein.value(),
            lines,
            micros,
        }
    }
}
