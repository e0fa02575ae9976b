//! The pages' reads (`app::api::Backend`) answered from the database.

use crate::error::AppError;
use crate::{cart, catalog, orders, outbox, payments, AppState};
use app::api::{Backend, BackendError, BackendResult, StoreModes};
use app::catalog::{ProductCard, ProductDetail};
use app::orders::{AdminOrderDetail, AdminOrderRow, OrderView, OutboxEntry, TestPaymentView};
use app::pricing::Quote;

pub struct StoreBackend(pub AppState);

/// Logs the cause once, here; the page only learns that the read failed.
fn logged<T>(result: Result<T, AppError>) -> BackendResult<T> {
    result.map_err(|e| {
        tracing::error!(error = %e, "page read failed");
        BackendError
    })
}

#[async_trait::async_trait]
impl Backend for StoreBackend {
    fn modes(&self) -> StoreModes {
        StoreModes {
            test_payments: self.0.config.stripe.is_none(),
            email_outbox_only: self.0.config.smtp.is_none(),
        }
    }

    async fn products(&self) -> BackendResult<Vec<ProductCard>> {
        logged(catalog::cards(&self.0.db, self.0.config.currency).await)
    }

    async fn product(&self, slug: &str) -> BackendResult<Option<ProductDetail>> {
        logged(catalog::detail(&self.0.db, slug, self.0.config.currency).await)
    }

    async fn cart(&self, cart_id: Option<&str>) -> BackendResult<Quote> {
        logged(cart::quote(&self.0, cart_id).await)
    }

    async fn order(
        &self,
        token: &str,
        session_id: Option<&str>,
    ) -> BackendResult<Option<OrderView>> {
        if let (Some(keys), Some(session_id)) = (&self.0.config.stripe, session_id) {
            // Best effort: the webhook is the source of truth; the page still shows the order.
            if let Err(e) = payments::stripe::confirm_return(&self.0, keys, token, session_id).await
            {
                tracing::warn!(error = %e, "stripe return not confirmed");
            }
        }
        logged(orders::by_access_token(&self.0.db, token).await)
    }

    async fn test_payment(&self, token: &str) -> BackendResult<Option<TestPaymentView>> {
        logged(payments::test_gateway::view(&self.0.db, token).await)
    }

    async fn admin_orders(&self) -> BackendResult<Vec<AdminOrderRow>> {
        logged(orders::admin_list(&self.0.db).await)
    }

    async fn admin_order(&self, number: &str) -> BackendResult<Option<AdminOrderDetail>> {
        logged(orders::admin_detail(&self.0.db, number).await)
    }

    async fn outbox(&self) -> BackendResult<Vec<OutboxEntry>> {
        logged(outbox::recent(&self.0.db).await)
    }
}
