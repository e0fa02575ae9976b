//! Configuration from environment variables, each with a working default (see `.env.example`).

use app::money::{Currency, Money};
use app::pricing::ShippingRule;
use std::net::SocketAddr;

#[derive(Clone, Debug)]
pub struct Config {
    /// `sqlite://path` (default `sqlite://data/store.db`) or `postgres://…`.
    pub database_url: String,
    pub listen: SocketAddr,
    /// The origin shoppers reach the store at; POSTs from any other origin are refused.
    pub public_url: String,
    pub currency: Currency,
    pub shipping: ShippingRule,
    /// Minutes a checkout holds stock before the order expires.
    pub hold_minutes: i64,
    /// Stripe Checkout when both keys are set; the built-in test gateway otherwise.
    pub stripe: Option<StripeKeys>,
    pub smtp: Option<SmtpConfig>,
    /// Where built assets (`/pkg`) are served from.
    pub site_root: String,
}

#[derive(Clone, Debug)]
pub struct StripeKeys {
    pub secret_key: String,
    pub webhook_secret: String,
    /// Ends with `/`; Stripe's own unless `STRIPE_API_BASE` points elsewhere.
    pub api_base: String,
    /// Stripe Tax computes tax on the Checkout Session (`STRIPE_AUTOMATIC_TAX=true`).
    pub automatic_tax: bool,
}

#[derive(Clone, Debug)]
pub struct SmtpConfig {
    /// `smtp://host:port` (plain, for a local relay), `smtp://…?tls=required` or `smtps://…`.
    pub url: String,
    pub from: String,
}

#[derive(Debug, thiserror::Error)]
#[error("{name}: {problem}")]
pub struct ConfigError {
    name: &'static str,
    problem: String,
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn parsed<T: std::str::FromStr>(name: &'static str, default: T) -> Result<T, ConfigError> {
    match var(name) {
        None => Ok(default),
        Some(v) => v.parse().map_err(|_| ConfigError {
            name,
            problem: format!("cannot read {v:?}"),
        }),
    }
}

impl Config {
    pub fn from_env() -> Result<Config, ConfigError> {
        let listen: SocketAddr = match var("LEPTOS_SITE_ADDR") {
            Some(v) => v.parse().map_err(|_| ConfigError {
                name: "LEPTOS_SITE_ADDR",
                problem: v,
            })?,
            None => parsed(
                "STORE_LISTEN",
                "127.0.0.1:3000".parse().expect("literal address"),
            )?,
        };
        let public_url = var("STORE_PUBLIC_URL").unwrap_or_else(|| format!("http://{listen}"));
        let currency = Currency::parse(&var("STORE_CURRENCY").unwrap_or_else(|| "USD".into()))
            .ok_or(ConfigError {
                name: "STORE_CURRENCY",
                problem: "only USD is supported".into(),
            })?;
        let shipping = ShippingRule {
            flat_rate: Money {
                minor: parsed("STORE_SHIPPING_FLAT_CENTS", 695)?,
                currency,
            },
            free_threshold: Money {
                minor: parsed("STORE_FREE_SHIPPING_FROM_CENTS", 4500)?,
                currency,
            },
        };
        let stripe = match (var("STRIPE_SECRET_KEY"), var("STRIPE_WEBHOOK_SECRET")) {
            (Some(secret_key), Some(webhook_secret)) => Some(StripeKeys {
                secret_key,
                webhook_secret,
                api_base: format!(
                    "{}/",
                    var("STRIPE_API_BASE")
                        .unwrap_or_else(|| "https://api.stripe.com".into())
                        .trim_end_matches('/')
                ),
                automatic_tax: parsed("STRIPE_AUTOMATIC_TAX", false)?,
            }),
            (None, None) => None,
            _ => {
                return Err(ConfigError {
                    name: "STRIPE_SECRET_KEY",
                    problem: "set both STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET, or neither"
                        .into(),
                })
            }
        };
        let smtp = var("SMTP_URL").map(|url| SmtpConfig {
            url,
            from: var("SMTP_FROM").unwrap_or_else(|| "Kettlewise <orders@kettlewise.test>".into()),
        });

        Ok(Config {
            database_url: var("DATABASE_URL").unwrap_or_else(|| "sqlite://data/store.db".into()),
            listen,
            public_url: public_url.trim_end_matches('/').to_string(),
            currency,
            shipping,
            hold_minutes: parsed("STORE_HOLD_MINUTES", 30)?,
            stripe,
            smtp,
            site_root: var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()),
        })
    }
}
