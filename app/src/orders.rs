//! What shoppers and the brand team see of orders, payments and the email outbox.

use crate::margins::Margin;
use crate::money::Money;
use crate::pricing::PricedLine;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrderStatus {
    /// Awaiting payment, stock held.
    Pending,
    Paid,
    /// Payment declined or failed; stock released.
    Failed,
    /// The hold ran out before payment; stock released.
    Expired,
}

impl OrderStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::Pending => "pending",
            OrderStatus::Paid => "paid",
            OrderStatus::Failed => "failed",
            OrderStatus::Expired => "expired",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "pending" => Some(OrderStatus::Pending),
            "paid" => Some(OrderStatus::Paid),
            "failed" => Some(OrderStatus::Failed),
            "expired" => Some(OrderStatus::Expired),
            _ => None,
        }
    }

    pub fn shopper_label(self) -> &'static str {
        match self {
            OrderStatus::Pending => "Waiting for payment",
            OrderStatus::Paid => "Paid",
            OrderStatus::Failed => "Payment failed",
            OrderStatus::Expired => "Expired",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrderTotals {
    pub subtotal: Money,
    pub discount: Money,
    pub shipping: Money,
    pub tax: Money,
    pub total: Money,
}

/// An order as its shopper sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrderView {
    pub number: String,
    pub status: OrderStatus,
    pub email: String,
    pub lines: Vec<PricedLine>,
    pub totals: OrderTotals,
    pub preorder_ships_on: Option<String>,
    pub placed_at: String,
}

/// The built-in test gateway's payment page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TestPaymentView {
    pub token: String,
    pub order_number: String,
    pub order_token: String,
    pub amount: Money,
    pub status: OrderStatus,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminOrderRow {
    pub number: String,
    pub status: OrderStatus,
    pub email: String,
    pub total: Money,
    pub first_order: Option<bool>,
    pub channel: String,
    pub cm1: Option<Money>,
    pub cm2: Option<Money>,
    pub placed_at: String,
}

/// One input line of a frozen margin record, with the cost row it used.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MarginLineView {
    pub sku: String,
    pub quantity: i64,
    pub unit_price: Money,
    pub unit_cost: Money,
    pub cost_row_id: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrderEvent {
    pub at: String,
    pub kind: String,
    pub actor: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    pub channel: String,
    pub utm_source: Option<String>,
    pub utm_medium: Option<String>,
    pub utm_campaign: Option<String>,
    pub utm_content: Option<String>,
    pub referral_code: Option<String>,
    pub landing_page: Option<String>,
    pub touched_at: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminOrderDetail {
    pub order: OrderView,
    pub first_order: Option<bool>,
    pub attribution: Attribution,
    pub margin: Option<Margin>,
    pub margin_lines: Vec<MarginLineView>,
    pub fee_source: Option<String>,
    pub rate_source: Option<String>,
    pub payment_provider: String,
    pub events: Vec<OrderEvent>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutboxEntry {
    pub id: i64,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub status: String,
    pub created_at: String,
}
