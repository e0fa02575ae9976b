//! A local HTTP server speaking the part of Stripe's API the store uses (Checkout Sessions),
//! with object shapes as in Stripe's published fixtures, and a signer for webhook events.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::routing::{get, post};
use axum::{Json, Router};
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// One `POST /v1/checkout/sessions` as the fake received it.
#[derive(Clone, Debug)]
pub struct CreateCall {
    pub form: Vec<(String, String)>,
    pub idempotency_key: Option<String>,
    pub authorization: Option<String>,
}

impl CreateCall {
    pub fn field(&self, name: &str) -> Option<&str> {
        self.form
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Default)]
struct Inner {
    calls: Vec<CreateCall>,
    by_key: HashMap<String, Value>,
    sessions: HashMap<String, Value>,
}

#[derive(Clone)]
pub struct FakeStripe {
    pub base: String,
    inner: Arc<Mutex<Inner>>,
}

impl FakeStripe {
    pub async fn start() -> FakeStripe {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let fake = FakeStripe {
            base,
            inner: Arc::default(),
        };
        let app = Router::new()
            .route("/v1/checkout/sessions", post(create))
            .route("/v1/checkout/sessions/{id}", get(retrieve))
            .with_state(fake.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        fake
    }

    pub fn calls(&self) -> Vec<CreateCall> {
        self.inner.lock().unwrap().calls.clone()
    }

    /// Marks a session paid, as Stripe does once the shopper pays on its page.
    pub fn pay(&self, session_id: &str) {
        let mut inner = self.inner.lock().unwrap();
        let s = inner.sessions.get_mut(session_id).expect("known session");
        s["payment_status"] = json!("paid");
        s["status"] = json!("complete");
        s["payment_intent"] = json!(format!("pi_{}", &session_id[3..]));
    }

    pub fn session(&self, id: &str) -> Value {
        self.inner.lock().unwrap().sessions[id].clone()
    }
}

async fn create(State(fake): State<FakeStripe>, headers: HeaderMap, body: String) -> Json<Value> {
    let form: Vec<(String, String)> = serde_urlencoded::from_str(&body).expect("form body");
    let header = |name: &str| headers.get(name).map(|v| v.to_str().unwrap().to_string());
    let call = CreateCall {
        form: form.clone(),
        idempotency_key: header("idempotency-key"),
        authorization: header("authorization"),
    };
    let mut inner = fake.inner.lock().unwrap();
    inner.calls.push(call.clone());
    if let Some(existing) = call
        .idempotency_key
        .as_ref()
        .and_then(|k| inner.by_key.get(k))
    {
        return Json(existing.clone());
    }

    let n = inner.sessions.len() + 1;
    let id = format!("cs_test_{n:024}");
    let field = |k: &str| {
        form.iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
    };
    let total: i64 = (0..)
        .map_while(|i| {
            let amount = field(&format!("line_items[{i}][price_data][unit_amount]"))?;
            let quantity = field(&format!("line_items[{i}][quantity]"))?;
            Some(amount.parse::<i64>().unwrap() * quantity.parse::<i64>().unwrap())
        })
        .sum();
    // Stripe Tax, when asked for, at a flat 8 % of the items for the test's sake.
    let tax = if field("automatic_tax[enabled]").as_deref() == Some("true") {
        total * 8 / 100
    } else {
        0
    };
    let session = json!({
        "id": id,
        "object": "checkout.session",
        "amount_subtotal": total,
        "amount_total": total + tax,
        "automatic_tax": { "enabled": tax > 0, "liability": null, "provider": null, "status": null },
        "cancel_url": field("cancel_url"),
        "client_reference_id": field("client_reference_id"),
        "created": 1_700_000_000,
        "currency": "usd",
        "custom_fields": [],
        "custom_text": { "after_submit": null, "shipping_address": null, "submit": null, "terms_of_service_acceptance": null },
        "customer_email": field("customer_email"),
        "expires_at": field("expires_at").map(|v| v.parse::<i64>().unwrap()),
        "livemode": false,
        "metadata": { "order_id": field("metadata[order_id]") },
        "mode": "payment",
        "payment_intent": null,
        "payment_method_types": ["card"],
        "payment_status": "unpaid",
        "shipping_options": [],
        "status": "open",
        "success_url": field("success_url"),
        "total_details": { "amount_discount": 0, "amount_shipping": 0, "amount_tax": tax },
        "url": format!("{}/c/pay/{id}", fake.base),
    });
    inner.sessions.insert(id, session.clone());
    if let Some(key) = call.idempotency_key {
        inner.by_key.insert(key, session.clone());
    }
    Json(session)
}

async fn retrieve(State(fake): State<FakeStripe>, Path(id): Path<String>) -> Json<Value> {
    Json(fake.inner.lock().unwrap().sessions[&id].clone())
}

/// A webhook event about a Checkout Session, as Stripe sends it.
pub fn event(id: &str, kind: &str, session: &Value) -> String {
    json!({
        "id": id,
        "object": "event",
        "api_version": "2025-06-30.basil",
        "created": 1_700_000_100,
        "livemode": false,
        "type": kind,
        "data": { "object": session },
    })
    .to_string()
}

/// The `Stripe-Signature` header for `body` signed at `timestamp` with `secret`.
pub fn signature(secret: &str, timestamp: i64, body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{timestamp}.{body}").as_bytes());
    format!(
        "t={timestamp},v1={}",
        hex::encode(mac.finalize().into_bytes())
    )
}
