//! What the storefront shows of products and pack sizes.

use crate::money::Money;
use crate::nutrition::{NutritionRecord, Validation};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProductStatus {
    Draft,
    Preorder,
    Active,
    Archived,
}

impl ProductStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ProductStatus::Draft => "draft",
            ProductStatus::Preorder => "preorder",
            ProductStatus::Active => "active",
            ProductStatus::Archived => "archived",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "draft" => Some(ProductStatus::Draft),
            "preorder" => Some(ProductStatus::Preorder),
            "active" => Some(ProductStatus::Active),
            "archived" => Some(ProductStatus::Archived),
            _ => None,
        }
    }

    /// Whether shoppers can put it in a cart.
    pub fn is_sellable(self) -> bool {
        matches!(self, ProductStatus::Preorder | ProductStatus::Active)
    }
}

/// A flavour on the shop page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProductCard {
    pub slug: String,
    pub name: String,
    pub tagline: String,
    pub color: String,
    pub status: ProductStatus,
    pub ships_on: Option<String>,
    /// The lowest per-pack price across its pack sizes.
    pub from_per_pack: Money,
    /// Whole grams, present only where the validator allows the callout.
    pub protein_g: Option<i64>,
    pub fiber_g: Option<i64>,
    pub net_carbs_g: i64,
    pub vegan: bool,
    pub shelf_life_months: i64,
}

/// One pack size of a flavour.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VariantView {
    pub id: i64,
    pub sku: String,
    pub pack_size: i64,
    pub price: Money,
    pub per_pack: Money,
    pub available: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProductDetail {
    pub slug: String,
    pub name: String,
    pub tagline: String,
    pub description: String,
    pub color: String,
    pub status: ProductStatus,
    pub ships_on: Option<String>,
    pub ingredients: String,
    pub shelf_life_months: i64,
    pub variants: Vec<VariantView>,
    pub nutrition: NutritionRecord,
    pub validation: Validation,
}
