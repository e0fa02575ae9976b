//! Paid orders per second through the built-in test gateway on SQLite: concurrent shoppers
//! each add a 12-pack, check out and approve, over real HTTP on loopback.
//! `cargo bench -p store-tests --bench orders` (BENCH_SECONDS, BENCH_SHOPPERS to adjust).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use store_tests::{Backend, StatusCode, TestApp};

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[tokio::main]
async fn main() {
    let seconds = env("BENCH_SECONDS", 10);
    let shoppers = env("BENCH_SHOPPERS", 32);
    let app = TestApp::spawn(Backend::Sqlite).await;
    app.exec("update variants set stock = 1000000").await;

    let paid = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let workers: Vec<_> = (0..shoppers)
        .map(|w| {
            let (shopper, paid) = (app.shopper(), paid.clone());
            tokio::spawn(async move {
                let mut n = 0;
                while Instant::now() < deadline {
                    n += 1;
                    assert_eq!(
                        shopper.add_to_cart("CTS-12", 1).await.status,
                        StatusCode::SEE_OTHER
                    );
                    let pay = shopper.checkout(&format!("bench{w}-{n}@example.com")).await;
                    let approved = shopper
                        .post(&format!("{}/approve", pay.location.unwrap()), &[])
                        .await;
                    assert_eq!(approved.status, StatusCode::SEE_OTHER);
                    paid.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    for w in workers {
        w.await.unwrap();
    }
    let elapsed = started.elapsed().as_secs_f64();

    let stored = app
        .count("select count(*) from orders where status = 'paid'")
        .await;
    let margins = app.count("select count(*) from order_margins").await;
    let n = paid.load(Ordering::Relaxed);
    assert_eq!((stored, margins), (n as i64, n as i64));
    println!(
        "paid orders through the test gateway on SQLite: {n} in {elapsed:.1}s = {:.0} orders/s ({shoppers} shoppers)",
        n as f64 / elapsed
    );
}
