//! Which callouts a nutrition record supports (21 CFR 101.13, 101.54–101.62), and why not.

use super::panel::Panel;
use super::rounding::{self, format_milli};
use super::{Milli, NutritionRecord, ProductClass};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ClaimStatus {
    Allowed,
    Refused(String),
    /// Within one rounding step of its threshold: kept off the storefront until reviewed.
    NeedsReview(String),
}

/// One candidate callout and the validator's verdict on it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CalloutCheck {
    pub nutrient: String,
    pub wording: String,
    /// Text that must stand beside the claim when it is shown (e.g. total fat beside "high fiber").
    pub beside: Option<String>,
    pub status: ClaimStatus,
}

impl CalloutCheck {
    pub fn is_allowed(&self) -> bool {
        self.status == ClaimStatus::Allowed
    }
}

/// The net-carb line, shown outside the panel with its arithmetic.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NetCarbs {
    pub grams: Milli,
    pub line: String,
    pub footnote: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Validation {
    pub panel: Panel,
    pub callouts: Vec<CalloutCheck>,
    pub disclosure: Option<String>,
    pub net_carbs: NetCarbs,
    pub warnings: Vec<String>,
}

impl Validation {
    pub fn allowed(&self) -> impl Iterator<Item = &CalloutCheck> {
        self.callouts.iter().filter(|c| c.is_allowed())
    }
}

/// A threshold test on one per-RACC amount: `Some(true)` passes, `Some(false)` fails,
/// `None` means it is within one rounding step and needs a person to look.
fn at_least(value: Milli, threshold: Milli, step: Milli) -> Option<bool> {
    if (value - threshold).abs() < step {
        None
    } else {
        Some(value >= threshold)
    }
}

fn at_most(value: Milli, threshold: Milli, step: Milli) -> Option<bool> {
    if (value - threshold).abs() < step {
        None
    } else {
        Some(value <= threshold)
    }
}

fn verdict(test: Option<bool>, why_not: impl Into<String>, threshold: &str) -> ClaimStatus {
    match test {
        Some(true) => ClaimStatus::Allowed,
        Some(false) => ClaimStatus::Refused(why_not.into()),
        None => ClaimStatus::NeedsReview(format!("within one rounding step of {threshold}")),
    }
}

struct Claims<'a> {
    n: &'a NutritionRecord,
    out: Vec<CalloutCheck>,
}

impl Claims<'_> {
    fn push(&mut self, nutrient: &'static str, wording: impl Into<String>, status: ClaimStatus) {
        self.out.push(CalloutCheck {
            nutrient: nutrient.to_string(),
            wording: wording.into(),
            beside: None,
            status,
        });
    }

    /// Level claims ("high in", "low") are only ruled for individual foods here.
    fn level(&mut self, nutrient: &'static str, wording: &str, status: ClaimStatus) {
        let status = match self.n.class {
            ProductClass::IndividualFood => status,
            class => ClaimStatus::Refused(format!(
                "no rule in this validator for {} claims on a {}",
                wording.to_lowercase(),
                class.as_str().replace('_', " ")
            )),
        };
        self.push(nutrient, wording, status);
    }

    /// "High in X" at the upper threshold, else "Good source of X" at the lower one. A value
    /// near the upper threshold is flagged, and the lower claim is still judged on its own.
    fn tiered(
        &mut self,
        nutrient: &'static str,
        value: Milli,
        step: Milli,
        high: (Milli, &str),
        good: (Milli, &str),
        why_not: String,
    ) {
        let high_test = at_least(value, high.0, step);
        let high_wording = format!("High in {nutrient}");
        if high_test == Some(true) {
            self.level(nutrient, &high_wording, ClaimStatus::Allowed);
            return;
        }
        if high_test.is_none() {
            self.level(nutrient, &high_wording, verdict(None, "", high.1));
        }
        let good_status = verdict(at_least(value, good.0, step), why_not, good.1);
        self.level(nutrient, &format!("Good source of {nutrient}"), good_status);
    }
}

/// Validates a record: the panel, every candidate callout with its verdict, disclosures,
/// the net-carb line and near-threshold warnings.
pub fn validate(n: &NutritionRecord) -> Validation {
    let mut c = Claims { n, out: Vec::new() };
    let racc = |v: Milli| n.per_racc(v);

    let protein = rounding::grams(n.protein_g).value();
    let amount_status = if protein >= 1_000 {
        ClaimStatus::Allowed
    } else {
        ClaimStatus::Refused("less than 1 g protein per serving".into())
    };
    c.push(
        "protein",
        format!("{} g protein", format_milli(protein)),
        amount_status,
    );

    let corrected = n.corrected_protein_g(racc(n.protein_g));
    let step = rounding::grams_step(corrected);
    let why = format!(
        "{} g quality-corrected protein per RACC",
        format_milli(corrected)
    );
    c.tiered(
        "protein",
        corrected,
        step,
        (10_000, "10 g corrected protein"),
        (5_000, "5 g corrected protein"),
        why,
    );

    let fiber = rounding::grams(n.dietary_fiber_g).value();
    if fiber >= 1_000 {
        c.push(
            "fiber",
            format!("{} g fiber", format_milli(fiber)),
            ClaimStatus::Allowed,
        );
    }
    let fiber_racc = racc(n.dietary_fiber_g);
    let fstep = rounding::grams_step(fiber_racc);
    let why = format!("{} g fiber per RACC", format_milli(fiber_racc));
    c.tiered(
        "fiber",
        fiber_racc,
        fstep,
        (5_600, "5.6 g fiber"),
        (2_800, "2.8 g fiber"),
        why,
    );
    let low_fat = racc(n.total_fat_g) <= 3_000;
    if !low_fat {
        let fat = rounding::fat(n.total_fat_g).display(" g total fat per serving");
        for check in c
            .out
            .iter_mut()
            .filter(|x| x.nutrient == "fiber" && x.wording.contains("fiber"))
        {
            if check.wording.starts_with("High") || check.wording.starts_with("Good") {
                check.beside = Some(format!("Contains {fat}"));
            }
        }
    }

    let sodium = racc(n.sodium_mg);
    let sstep = rounding::sodium_step(sodium);
    let why = format!("{} mg sodium per RACC", format_milli(sodium));
    let sodium_claim = if sodium < 5_000 {
        ("Sodium free", ClaimStatus::Allowed)
    } else if at_most(sodium, 35_000, sstep) == Some(true) {
        ("Very low sodium", ClaimStatus::Allowed)
    } else {
        (
            "Low sodium",
            verdict(at_most(sodium, 140_000, sstep), why, "140 mg sodium"),
        )
    };
    c.level("sodium", sodium_claim.0, sodium_claim.1);

    let fat = racc(n.total_fat_g);
    let why = format!("{} g fat per RACC", format_milli(fat));
    if fat < 500 {
        c.level("fat", "Fat free", ClaimStatus::Allowed);
    } else {
        c.level(
            "fat",
            "Low fat",
            verdict(at_most(fat, 3_000, rounding::fat_step(fat)), why, "3 g fat"),
        );
    }

    let sat = racc(n.saturated_fat_g);
    let kcal = racc(n.calories_kcal);
    // Saturated fat gives 9 kcal a gram; the share of calories must stay at or below 15 %.
    let sat_share_ok = sat * 9 * 100 <= kcal * 15;
    let low_sat = at_most(sat, 1_000, rounding::fat_step(sat)).map(|ok| ok && sat_share_ok);
    let why = format!("{} g saturated fat per RACC", format_milli(sat));
    c.level(
        "saturated fat",
        "Low saturated fat",
        verdict(low_sat, why, "1 g saturated fat"),
    );

    let why = format!("{} kcal per RACC", format_milli(kcal));
    if kcal < 5_000 {
        c.level("calories", "Calorie free", ClaimStatus::Allowed);
    } else {
        let low = at_most(kcal, 40_000, rounding::calories_step(kcal));
        c.level("calories", "Low calorie", verdict(low, why, "40 kcal"));
    }

    let sugar_free = racc(n.total_sugars_g) < 500 && n.total_sugars_g < 500;
    let status = if sugar_free {
        ClaimStatus::Allowed
    } else {
        ClaimStatus::Refused("0.5 g or more sugars per RACC or per serving".into())
    };
    c.push("sugars", "Sugar free", status);

    c.push(
        "carbohydrate",
        "Low carb",
        ClaimStatus::Refused(
            "FDA defines no carbohydrate content claim; net carbs are shown apart".into(),
        ),
    );

    let vegan_status = match n.allergens.iter().find(|a| a.is_animal()) {
        _ if !n.vegan => ClaimStatus::Refused("not recorded as vegan".into()),
        Some(a) => ClaimStatus::Refused(format!("contains {}", a.label())),
        None => ClaimStatus::Allowed,
    };
    c.push("diet", "Vegan", vegan_status);

    let protein_claimed = c
        .out
        .iter()
        .any(|x| x.nutrient == "protein" && x.is_allowed());
    let panel = Panel::build(n, protein_claimed);
    let disclosure = disclosure(n).filter(|_| c.out.iter().any(|x| x.is_allowed()));
    let net_carbs = net_carbs(n);
    let warnings = c
        .out
        .iter()
        .filter_map(|x| match &x.status {
            ClaimStatus::NeedsReview(why) => Some(format!("{}: {why}", x.wording)),
            _ => None,
        })
        .collect();

    Validation {
        panel,
        callouts: c.out,
        disclosure,
        net_carbs,
        warnings,
    }
}

/// "See nutrition information for … content" when the food crosses a disclosure level per RACC.
fn disclosure(n: &NutritionRecord) -> Option<String> {
    // Individual foods are judged per RACC; main dishes and meals per labelled serving.
    let (amount, fat, sat, chol, sodium): (Milli, Milli, Milli, Milli, Milli) = match n.class {
        ProductClass::IndividualFood => (1, 13_000, 4_000, 60_000, 480_000),
        ProductClass::MainDish => (0, 19_500, 6_000, 90_000, 720_000),
        ProductClass::Meal => (0, 26_000, 8_000, 120_000, 960_000),
    };
    let basis = |v: Milli| if amount == 1 { n.per_racc(v) } else { v };
    let over: Vec<&str> = [
        ("fat", basis(n.total_fat_g) > fat),
        ("saturated fat", basis(n.saturated_fat_g) > sat),
        ("cholesterol", basis(n.cholesterol_mg) > chol),
        ("sodium", basis(n.sodium_mg) > sodium),
    ]
    .into_iter()
    .filter_map(|(name, crossed)| crossed.then_some(name))
    .collect();

    match over.as_slice() {
        [] => None,
        [one] => Some(format!("See nutrition information for {one} content")),
        [init @ .., last] => Some(format!(
            "See nutrition information for {} and {last} content",
            init.join(", ")
        )),
    }
}

fn net_carbs(n: &NutritionRecord) -> NetCarbs {
    let total = rounding::grams(n.total_carbohydrate_g);
    let fiber = rounding::grams(n.dietary_fiber_g);
    let alcohols = n.sugar_alcohols_g.map(rounding::grams);
    let net = (total.value() - fiber.value() - alcohols.map_or(0, |a| a.value())).max(0);

    let mut footnote = format!(
        "*{} total carbohydrate − {} dietary fiber",
        total.display(" g"),
        fiber.display(" g")
    );
    if let Some(a) = alcohols {
        footnote.push_str(&format!(
            " − {} sugar alcohols and allulose",
            a.display(" g")
        ));
    }
    NetCarbs {
        grams: net,
        line: format!("{} g net carbs*", format_milli(net)),
        footnote,
    }
}

#[cfg(test)]
mod tests {
    use super::super::Allergen;
    use super::*;

    /// A fresh-noodle ramen pack close to the real product: 400 g prepared on a 245 g RACC.
    fn ramen() -> NutritionRecord {
        NutritionRecord {
            serving_size_g: 400_000,
            servings_per_pack: 1_000,
            racc_g: 245_000,
            class: ProductClass::IndividualFood,
            pdcaas: 900,
            pdcaas_source: "supplier certificate".into(),
            calories_kcal: 384_000,
            total_fat_g: 9_200,
            saturated_fat_g: 1_300,
            trans_fat_g: 0,
            cholesterol_mg: 0,
            sodium_mg: 1_480_000,
            total_carbohydrate_g: 16_200,
            dietary_fiber_g: 7_800,
            total_sugars_g: 2_100,
            added_sugars_g: 1_000,
            sugar_alcohols_g: None,
            protein_g: 37_300,
            vitamin_d_mcg: 0,
            calcium_mg: 120_000,
            iron_mg: 6_100,
            potassium_mg: 620_000,
            allergens: vec![Allergen::Wheat, Allergen::Soy],
            vegan: true,
        }
    }

    fn status<'a>(v: &'a Validation, wording: &str) -> &'a ClaimStatus {
        &v.callouts
            .iter()
            .find(|c| c.wording == wording)
            .expect(wording)
            .status
    }

    #[test]
    fn protein_callout_uses_the_panel_number_and_makes_protein_dv_mandatory() {
        let v = validate(&ramen());

        assert_eq!(status(&v, "37 g protein"), &ClaimStatus::Allowed);
        let protein = v.panel.lines.iter().find(|l| l.label == "Protein").unwrap();
        assert_eq!(protein.amount, "37 g");
        // 37.3 g × 0.9 PDCAAS = 33.57 g of 50 g → 67 %
        assert_eq!(protein.dv_percent, Some(67));
    }

    #[test]
    fn protein_claims_are_judged_per_racc_after_pdcaas() {
        let mut n = ramen();
        let v = validate(&n);
        // 37.3 × 245/400 = 22.8 g, × 0.9 = 20.6 g corrected: high.
        assert_eq!(status(&v, "High in protein"), &ClaimStatus::Allowed);

        n.protein_g = 12_000;
        n.pdcaas = 700;
        // 12 × 245/400 = 7.35 g × 0.7 = 5.1 g: within a step of 5 g.
        let v = validate(&n);
        assert!(matches!(
            status(&v, "Good source of protein"),
            ClaimStatus::NeedsReview(_)
        ));

        n.protein_g = 6_000;
        let v = validate(&n);
        assert!(matches!(
            status(&v, "Good source of protein"),
            ClaimStatus::Refused(_)
        ));
    }

    #[test]
    fn high_fiber_on_a_food_that_is_not_low_fat_states_its_fat() {
        let mut n = ramen();
        n.dietary_fiber_g = 12_000;
        let v = validate(&n);

        let high = v
            .callouts
            .iter()
            .find(|c| c.wording == "High in fiber")
            .unwrap();
        assert_eq!(high.status, ClaimStatus::Allowed);
        assert_eq!(
            high.beside.as_deref(),
            Some("Contains 9 g total fat per serving")
        );
    }

    #[test]
    fn fiber_near_its_threshold_is_flagged_not_allowed() {
        // 7.8 g × 245/400 = 4.78 g per RACC: good source, high needs 5.6 g.
        let v = validate(&ramen());
        assert!(matches!(
            status(&v, "High in fiber"),
            ClaimStatus::NeedsReview(_)
        ));
        assert!(v.warnings.iter().any(|w| w.starts_with("High in fiber")));
        assert!(v.allowed().all(|c| c.wording != "High in fiber"));
    }

    #[test]
    fn carbohydrate_claims_are_never_allowed() {
        let mut n = ramen();
        n.total_carbohydrate_g = 1_000;
        let v = validate(&n);
        assert!(matches!(status(&v, "Low carb"), ClaimStatus::Refused(_)));
    }

    #[test]
    fn net_carbs_show_their_arithmetic() {
        let v = validate(&ramen());
        assert_eq!(v.net_carbs.line, "8 g net carbs*");
        assert_eq!(
            v.net_carbs.footnote,
            "*16 g total carbohydrate − 8 g dietary fiber"
        );
    }

    #[test]
    fn net_carbs_subtract_sugar_alcohols_where_recorded() {
        let mut n = ramen();
        n.sugar_alcohols_g = Some(2_000);
        let v = validate(&n);
        assert_eq!(v.net_carbs.line, "6 g net carbs*");
        assert!(v
            .net_carbs
            .footnote
            .ends_with("− 2 g sugar alcohols and allulose"));
    }

    #[test]
    fn sodium_levels_follow_their_limits() {
        let mut n = ramen();
        n.serving_size_g = n.racc_g;
        for (mg, wording, allowed) in [
            (4_000, "Sodium free", true),
            (30_000, "Very low sodium", true),
            (120_000, "Low sodium", true),
            (200_000, "Low sodium", false),
        ] {
            n.sodium_mg = mg;
            let v = validate(&n);
            assert_eq!(
                status(&v, wording) == &ClaimStatus::Allowed,
                allowed,
                "{mg} → {wording}"
            );
        }
    }

    #[test]
    fn fat_and_calorie_levels_follow_their_limits() {
        let mut n = ramen();
        n.serving_size_g = n.racc_g;
        n.total_fat_g = 300;
        n.saturated_fat_g = 100;
        n.calories_kcal = 30_000;
        let v = validate(&n);
        assert_eq!(status(&v, "Fat free"), &ClaimStatus::Allowed);
        assert_eq!(status(&v, "Low saturated fat"), &ClaimStatus::Allowed);
        assert_eq!(status(&v, "Low calorie"), &ClaimStatus::Allowed);

        n.total_fat_g = 2_000;
        let v = validate(&n);
        assert_eq!(status(&v, "Low fat"), &ClaimStatus::Allowed);

        n.total_fat_g = 9_000;
        n.calories_kcal = 380_000;
        let v = validate(&n);
        assert!(matches!(status(&v, "Low fat"), ClaimStatus::Refused(_)));
        assert!(matches!(status(&v, "Low calorie"), ClaimStatus::Refused(_)));
    }

    #[test]
    fn low_saturated_fat_also_needs_fifteen_percent_of_calories_or_less() {
        let mut n = ramen();
        n.serving_size_g = n.racc_g;
        n.saturated_fat_g = 0;
        n.calories_kcal = 30_000;
        assert_eq!(
            status(&validate(&n), "Low saturated fat"),
            &ClaimStatus::Allowed
        );
        // 0 g would pass the gram limit; at 2 kcal total, even 0.1 g is over 15 % of calories.
        n.saturated_fat_g = 100;
        n.calories_kcal = 2_000;
        assert!(matches!(
            status(&validate(&n), "Low saturated fat"),
            ClaimStatus::Refused(_)
        ));
    }

    #[test]
    fn sugar_free_needs_under_half_a_gram_per_racc_and_serving() {
        let mut n = ramen();
        n.total_sugars_g = 400;
        assert_eq!(status(&validate(&n), "Sugar free"), &ClaimStatus::Allowed);
        n.total_sugars_g = 600;
        assert!(matches!(
            status(&validate(&n), "Sugar free"),
            ClaimStatus::Refused(_)
        ));
    }

    #[test]
    fn high_sodium_brings_the_disclosure_beside_every_claim() {
        // 1,480 mg × 245/400 = 906 mg per RACC, above 480 mg.
        let v = validate(&ramen());
        assert_eq!(
            v.disclosure.as_deref(),
            Some("See nutrition information for sodium content")
        );
    }

    #[test]
    fn vegan_is_refused_when_an_animal_allergen_is_recorded() {
        let mut n = ramen();
        assert_eq!(status(&validate(&n), "Vegan"), &ClaimStatus::Allowed);
        n.allergens.push(Allergen::Egg);
        assert_eq!(
            status(&validate(&n), "Vegan"),
            &ClaimStatus::Refused("contains egg".into())
        );
    }

    #[test]
    fn main_dishes_get_no_level_claims_the_validator_has_no_rule_for() {
        let mut n = ramen();
        n.class = ProductClass::MainDish;
        let v = validate(&n);
        assert_eq!(status(&v, "37 g protein"), &ClaimStatus::Allowed);
        assert!(
            matches!(status(&v, "High in protein"), ClaimStatus::Refused(r) if r.contains("main dish"))
        );
    }
}
