//! Order emails leave through the durable outbox: sent once over SMTP when it is configured,
//! retried later when the relay is down.

use server::config::SmtpConfig;
use server::outbox::{deliver_due, Mailer};
use store_tests::smtp::FakeSmtp;
use store_tests::{on_both_backends, Backend, TestApp};

fn smtp(url: &str) -> SmtpConfig {
    SmtpConfig {
        url: url.to_string(),
        from: "Kettlewise <orders@kettlewise.test>".into(),
    }
}

async fn a_paid_order_emails_its_confirmation_once(backend: Backend) {
    let relay = FakeSmtp::start().await;
    let app = TestApp::spawn(backend).await;
    app.shopper().buy("CTS-12", 1, "tia@example.com").await;
    let (number,): (String,) = sqlx::query_as("select number from orders")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let mailer = Mailer::new(&smtp(&relay.url)).unwrap();

    let first = deliver_due(&app.state.db, &mailer).await.unwrap();
    let second = deliver_due(&app.state.db, &mailer).await.unwrap();

    assert_eq!((first, second), (1, 0));
    let messages = relay.messages();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].to, vec!["<tia@example.com>".to_string()]);
    assert!(
        messages[0]
            .data
            .contains(&format!("Subject: Your Kettlewise order {number}")),
        "{}",
        messages[0].data
    );
    assert!(messages[0].data.contains("Total paid: $54.00"));
    assert_eq!(
        app.count("select count(*) from outbox where status = 'sent' and sent_at is not null")
            .await,
        1
    );
}

async fn a_relay_that_is_down_leaves_the_message_for_a_later_attempt(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.shopper().buy("CTS-12", 1, "uma@example.com").await;
    // A port nothing listens on: bind one, then let it go.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let mailer = Mailer::new(&smtp(&format!("smtp://{closed}"))).unwrap();

    let sent = deliver_due(&app.state.db, &mailer).await.unwrap();

    assert_eq!(sent, 0);
    let (status, attempts, error, next): (String, i64, Option<String>, i64) =
        sqlx::query_as("select status, attempts, last_error, next_attempt_at from outbox")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!((status.as_str(), attempts), ("pending", 1));
    assert!(error.is_some());
    assert!(next > server::db::now_ms(), "retried later, not now");
    assert_eq!(
        deliver_due(&app.state.db, &mailer).await.unwrap(),
        0,
        "not due yet"
    );
}

on_both_backends!(
    a_paid_order_emails_its_confirmation_once,
    a_relay_that_is_down_leaves_the_message_for_a_later_attempt,
);
