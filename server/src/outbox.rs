//! The durable email outbox: messages are rows written in the same transaction as the change
//! they announce, and a job delivers them.

use crate::db::{format_ms, now_ms, Db, Tx};
use crate::error::AppResult;
use app::orders::OutboxEntry;

/// Queues a message once per `dedupe_key`; a second call with the same key changes nothing.
pub async fn enqueue(
    tx: &mut Tx,
    dedupe_key: &str,
    to: &str,
    subject: &str,
    body: &str,
) -> AppResult<()> {
    let now = now_ms();
    sqlx::query(
        "insert into outbox (dedupe_key, recipient, subject, body, status, next_attempt_at, created_at) \
         values ($1, $2, $3, $4, 'pending', $5, $5) on conflict (dedupe_key) do nothing",
    )
    .bind(dedupe_key)
    .bind(to)
    .bind(subject)
    .bind(body)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn recent(db: &Db) -> AppResult<Vec<OutboxEntry>> {
    let rows: Vec<(i64, String, String, String, String, i64)> = sqlx::query_as(
        "select id, recipient, subject, body, status, created_at from outbox order by id desc limit 100",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, to, subject, body, status, created_at)| OutboxEntry {
            id,
            to,
            subject,
            body,
            status,
            created_at: format_ms(created_at),
        })
        .collect())
}
