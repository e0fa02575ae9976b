//! The per-serving nutrition record of a product, the Nutrition Facts panel built from it, and
//! the validator that decides which callouts the storefront may show.
//!
//! Amounts are stored unrounded in thousandths of their unit (`Milli`), so that rounding happens
//! once, on the panel, by the rules in `rounding`.

mod claims;
mod panel;
mod rounding;

pub use claims::{validate, CalloutCheck, ClaimStatus, Validation};
pub use panel::{DvLine, Panel, PanelLine};
pub use rounding::Rounded;

use serde::{Deserialize, Serialize};

/// Thousandths of a unit (g, mg, mcg or kcal, by the field it sits in).
pub type Milli = i64;

/// How FDA judges nutrient content claims for this kind of food.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProductClass {
    IndividualFood,
    MainDish,
    Meal,
}

impl ProductClass {
    pub fn as_str(self) -> &'static str {
        match self {
            ProductClass::IndividualFood => "individual_food",
            ProductClass::MainDish => "main_dish",
            ProductClass::Meal => "meal",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "individual_food" => Some(ProductClass::IndividualFood),
            "main_dish" => Some(ProductClass::MainDish),
            "meal" => Some(ProductClass::Meal),
            _ => None,
        }
    }
}

/// The nine major allergens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Allergen {
    Milk,
    Egg,
    Fish,
    CrustaceanShellfish,
    TreeNuts,
    Peanuts,
    Wheat,
    Soy,
    Sesame,
}

impl Allergen {
    pub const ALL: [Allergen; 9] = [
        Allergen::Milk,
        Allergen::Egg,
        Allergen::Fish,
        Allergen::CrustaceanShellfish,
        Allergen::TreeNuts,
        Allergen::Peanuts,
        Allergen::Wheat,
        Allergen::Soy,
        Allergen::Sesame,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Allergen::Milk => "milk",
            Allergen::Egg => "egg",
            Allergen::Fish => "fish",
            Allergen::CrustaceanShellfish => "crustacean shellfish",
            Allergen::TreeNuts => "tree nuts",
            Allergen::Peanuts => "peanuts",
            Allergen::Wheat => "wheat",
            Allergen::Soy => "soy",
            Allergen::Sesame => "sesame",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Allergen::ALL.into_iter().find(|a| a.label() == s.trim())
    }

    fn is_animal(self) -> bool {
        matches!(
            self,
            Allergen::Milk | Allergen::Egg | Allergen::Fish | Allergen::CrustaceanShellfish
        )
    }
}

/// Unrounded per-serving amounts and the facts the claim rules need.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NutritionRecord {
    pub serving_size_g: Milli,
    pub servings_per_pack: Milli,
    pub racc_g: Milli,
    pub class: ProductClass,
    /// Protein digestibility-corrected amino acid score in thousandths (0..=1000).
    pub pdcaas: Milli,
    pub pdcaas_source: String,
    pub calories_kcal: Milli,
    pub total_fat_g: Milli,
    pub saturated_fat_g: Milli,
    pub trans_fat_g: Milli,
    pub cholesterol_mg: Milli,
    pub sodium_mg: Milli,
    pub total_carbohydrate_g: Milli,
    pub dietary_fiber_g: Milli,
    pub total_sugars_g: Milli,
    pub added_sugars_g: Milli,
    /// Sugar alcohols and allulose, where recorded.
    pub sugar_alcohols_g: Option<Milli>,
    pub protein_g: Milli,
    pub vitamin_d_mcg: Milli,
    pub calcium_mg: Milli,
    pub iron_mg: Milli,
    pub potassium_mg: Milli,
    pub allergens: Vec<Allergen>,
    pub vegan: bool,
}

impl NutritionRecord {
    /// The amount per reference amount customarily consumed, which claims are judged on.
    fn per_racc(&self, per_serving: Milli) -> Milli {
        if self.serving_size_g <= 0 {
            return 0;
        }
        crate::money::div_round_half_away(
            per_serving as i128 * self.racc_g as i128,
            self.serving_size_g as i128,
        )
    }

    /// Protein corrected for quality (grams × PDCAAS, the score capped at 1.0).
    fn corrected_protein_g(&self, protein: Milli) -> Milli {
        crate::money::div_round_half_away(
            protein as i128 * self.pdcaas.clamp(0, 1000) as i128,
            1000,
        )
    }
}
