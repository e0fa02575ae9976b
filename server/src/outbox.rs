//! The durable email outbox: messages are rows written in the same transaction as the change
//! they announce, and a job delivers them.

use crate::db::{format_ms, now_ms, Db, Tx};
use crate::error::AppResult;
use app::orders::OutboxEntry;
use lettre::message::{header::ContentType, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

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

/// Delivery attempts before a message is marked failed for a person to look at.
pub const MAX_ATTEMPTS: i64 = 8;

/// How long a claimed message is left to its sender before another instance may try it.
const LEASE_MS: i64 = 60_000;

/// Sends outbox messages over SMTP.
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    pub fn new(config: &crate::config::SmtpConfig) -> Result<Mailer, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&config.url)
            .map_err(|e| format!("SMTP_URL: {e}"))?
            .timeout(Some(std::time::Duration::from_secs(20)))
            .build();
        let from = config.from.parse().map_err(|e| format!("SMTP_FROM: {e}"))?;
        Ok(Mailer { transport, from })
    }

    async fn send(&self, to: &str, subject: &str, body: &str) -> Result<(), String> {
        let message = Message::builder()
            .from(self.from.clone())
            .to(to.parse().map_err(|e| format!("recipient: {e}"))?)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body.to_string())
            .map_err(|e| format!("message: {e}"))?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

/// Minutes to wait after the `attempts`-th failure: 1, 2, 4 … capped at an hour.
fn backoff_ms(attempts: i64) -> i64 {
    60_000 * (1_i64 << attempts.clamp(1, 7) as u32 >> 1).min(60)
}

/// Sends every message that is due. Each is claimed with a conditional update first, so
/// instances running this at the same time never send one message twice.
pub async fn deliver_due(db: &Db, mailer: &Mailer) -> AppResult<usize> {
    let now = now_ms();
    let due: Vec<(i64, String, String, String, i64)> = sqlx::query_as(
        "select id, recipient, subject, body, attempts from outbox \
         where status = 'pending' and next_attempt_at <= $1 order by id limit 50",
    )
    .bind(now)
    .fetch_all(&db.pool)
    .await?;

    let mut sent = 0;
    for (id, to, subject, body, attempts) in due {
        let claimed = sqlx::query(
            "update outbox set attempts = attempts + 1, next_attempt_at = $1 \
             where id = $2 and status = 'pending' and attempts = $3",
        )
        .bind(now + LEASE_MS)
        .bind(id)
        .bind(attempts)
        .execute(&db.pool)
        .await?
        .rows_affected()
            == 1;
        if !claimed {
            continue;
        }
        match mailer.send(&to, &subject, &body).await {
            Ok(()) => {
                sqlx::query("update outbox set status = 'sent', sent_at = $1, last_error = null where id = $2")
                    .bind(now_ms())
                    .bind(id)
                    .execute(&db.pool)
                    .await?;
                sent += 1;
            }
            Err(error) => {
                let attempts = attempts + 1;
                let status = if attempts >= MAX_ATTEMPTS {
                    "failed"
                } else {
                    "pending"
                };
                tracing::warn!(outbox_id = id, attempts, %error, "email not delivered");
                sqlx::query("update outbox set status = $1, last_error = $2, next_attempt_at = $3 where id = $4")
                    .bind(status)
                    .bind(error)
                    .bind(now_ms() + backoff_ms(attempts))
                    .bind(id)
                    .execute(&db.pool)
                    .await?;
            }
        }
    }
    Ok(sent)
}

#[cfg(test)]
mod tests {
    use super::backoff_ms;

    #[test]
    fn retries_back_off_up_to_an_hour() {
        let minutes: Vec<i64> = (1..=9).map(|a| backoff_ms(a) / 60_000).collect();
        assert_eq!(minutes, vec![1, 2, 4, 8, 16, 32, 60, 60, 60]);
    }
}
