//! Server functions the pages read through, and the `Backend` the server crate implements.

use crate::catalog::{ProductCard, ProductDetail};
use crate::orders::{AdminOrderDetail, AdminOrderRow, OrderView, OutboxEntry, TestPaymentView};
use crate::pricing::Quote;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Which outside services are live, so pages can say honestly what is local.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoreModes {
    pub test_payments: bool,
    pub email_outbox_only: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CartView {
    pub quote: Quote,
    pub modes: StoreModes,
}

#[cfg(feature = "ssr")]
pub use backend::*;

#[cfg(feature = "ssr")]
mod backend {
    use super::*;

    /// A failure inside the backend; its cause is logged by the server, never shown.
    #[derive(Debug)]
    pub struct BackendError;

    pub type BackendResult<T> = Result<T, BackendError>;

    /// The reads the pages need. The server crate implements it over its database.
    #[async_trait::async_trait]
    pub trait Backend: Send + Sync + 'static {
        fn modes(&self) -> StoreModes;
        async fn products(&self) -> BackendResult<Vec<ProductCard>>;
        async fn product(&self, slug: &str) -> BackendResult<Option<ProductDetail>>;
        async fn cart(&self, cart_id: Option<&str>) -> BackendResult<Quote>;
        /// The order behind a shopper's link; `session_id` is the provider's return parameter.
        async fn order(
            &self,
            token: &str,
            session_id: Option<&str>,
        ) -> BackendResult<Option<OrderView>>;
        async fn test_payment(&self, token: &str) -> BackendResult<Option<TestPaymentView>>;
        async fn admin_orders(&self) -> BackendResult<Vec<AdminOrderRow>>;
        async fn admin_order(&self, number: &str) -> BackendResult<Option<AdminOrderDetail>>;
        async fn outbox(&self) -> BackendResult<Vec<OutboxEntry>>;
    }

    /// What the server provides to every render.
    #[derive(Clone)]
    pub struct BackendContext(pub std::sync::Arc<dyn Backend>);

    /// Session keys shared by the pages and the server's handlers.
    pub const CART_KEY: &str = "cart_id";
    pub const ADMIN_KEY: &str = "admin_id";

    pub(crate) fn backend() -> Result<std::sync::Arc<dyn Backend>, ServerFnError> {
        use_context::<BackendContext>()
            .map(|c| c.0)
            .ok_or_else(|| ServerFnError::new("backend missing"))
    }

    pub(crate) fn failed(_: BackendError) -> ServerFnError {
        ServerFnError::new("Something went wrong on our side. Please try again.")
    }

    pub(crate) async fn session() -> Result<tower_sessions::Session, ServerFnError> {
        leptos_axum::extract::<tower_sessions::Session>()
            .await
            .map_err(|_| ServerFnError::new("no session"))
    }

    /// Sets the HTTP status of the page being rendered.
    pub(crate) fn set_status(code: u16) {
        if let (Some(opts), Ok(status)) = (
            use_context::<leptos_axum::ResponseOptions>(),
            http::StatusCode::from_u16(code),
        ) {
            opts.set_status(status);
        }
    }

    /// Stops an admin page for a visitor who is not signed in. Roles are stored with each
    /// admin but not yet told apart here: every role sees the same pages.
    pub(crate) async fn require_admin() -> Result<(), ServerFnError> {
        let signed_in = session()
            .await?
            .get::<i64>(ADMIN_KEY)
            .await
            .ok()
            .flatten()
            .is_some();
        if signed_in {
            Ok(())
        } else {
            leptos_axum::redirect("/admin/login");
            set_status(303);
            Err(ServerFnError::new("Please sign in."))
        }
    }
}

#[server]
pub async fn list_products() -> Result<Vec<ProductCard>, ServerFnError> {
    backend()?.products().await.map_err(failed)
}

#[server]
pub async fn get_product(slug: String) -> Result<Option<ProductDetail>, ServerFnError> {
    let found = backend()?.product(&slug).await.map_err(failed)?;
    if found.is_none() {
        set_status(404);
    }
    Ok(found)
}

#[server]
pub async fn get_cart() -> Result<CartView, ServerFnError> {
    let backend = backend()?;
    let cart_id = session()
        .await?
        .get::<String>(CART_KEY)
        .await
        .ok()
        .flatten();
    let quote = backend.cart(cart_id.as_deref()).await.map_err(failed)?;
    Ok(CartView {
        quote,
        modes: backend.modes(),
    })
}

#[server]
pub async fn get_order(
    token: String,
    session_id: Option<String>,
) -> Result<Option<OrderView>, ServerFnError> {
    let found = backend()?
        .order(&token, session_id.as_deref())
        .await
        .map_err(failed)?;
    if found.is_none() {
        set_status(404);
    }
    Ok(found)
}

#[server]
pub async fn get_test_payment(token: String) -> Result<Option<TestPaymentView>, ServerFnError> {
    let found = backend()?.test_payment(&token).await.map_err(failed)?;
    if found.is_none() {
        set_status(404);
    }
    Ok(found)
}

#[server]
pub async fn admin_orders() -> Result<Vec<AdminOrderRow>, ServerFnError> {
    require_admin().await?;
    backend()?.admin_orders().await.map_err(failed)
}

#[server]
pub async fn admin_order(number: String) -> Result<Option<AdminOrderDetail>, ServerFnError> {
    require_admin().await?;
    let found = backend()?.admin_order(&number).await.map_err(failed)?;
    if found.is_none() {
        set_status(404);
    }
    Ok(found)
}

/// The outbox and whether anything delivers it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutboxView {
    pub entries: Vec<OutboxEntry>,
    pub outbox_only: bool,
}

#[server]
pub async fn admin_outbox() -> Result<OutboxView, ServerFnError> {
    require_admin().await?;
    let backend = backend()?;
    let entries = backend.outbox().await.map_err(failed)?;
    Ok(OutboxView {
        entries,
        outbox_only: backend.modes().email_outbox_only,
    })
}
