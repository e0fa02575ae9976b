//! Background work every instance runs: expiring unpaid holds and old sessions. Each step is
//! safe to run on several instances at once, since every change it makes is conditional.

use crate::db::Db;
use crate::sessions::DbSessionStore;
use std::time::Duration;
use tower_sessions::session_store::ExpiredDeletion;

/// Delivers due outbox messages every few seconds, when SMTP is configured.
pub fn spawn_mailer(db: Db, mailer: crate::outbox::Mailer) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(3));
        loop {
            tick.tick().await;
            match crate::outbox::deliver_due(&db, &mailer).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(sent = n, "emails delivered"),
                Err(e) => tracing::error!(error = %e, "email delivery failed"),
            }
        }
    })
}

pub fn spawn(db: Db, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let sessions = DbSessionStore::new(db.clone());
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            match crate::orders::expire_overdue(&db).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(expired = n, "unpaid holds expired"),
                Err(e) => tracing::error!(error = %e, "hold expiry failed"),
            }
            if let Err(e) = sessions.delete_expired().await {
                tracing::error!(error = %e, "session clean-up failed");
            }
        }
    })
}
