//! The test harness: a real server on a free loopback port with a fresh database per test,
//! on SQLite (a file) or PostgreSQL (a database in the cluster `tests/run.sh` starts), and
//! shoppers with their own cookie jars.

use server::config::Config;
use server::AppState;
use std::net::SocketAddr;
use std::path::PathBuf;

pub mod smtp;
pub mod stripe;

pub use reqwest::StatusCode;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs each listed `async fn name(backend: Backend)` once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    super::$name($crate::Backend::Sqlite).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    super::$name($crate::Backend::Postgres).await
                }
            )*
        }
    };
}

pub struct TestApp {
    pub addr: SocketAddr,
    pub base: String,
    pub state: AppState,
    temp_dir: Option<PathBuf>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(dir) = &self.temp_dir {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

fn unique(prefix: &str) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!(
        "{prefix}_{}_{}_{nanos}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}

/// A fresh PostgreSQL database in the test cluster, from `STORE_TEST_POSTGRES_URL`.
async fn fresh_postgres_database() -> String {
    use sqlx::Connection;
    let admin_url = std::env::var("STORE_TEST_POSTGRES_URL").expect(
        "STORE_TEST_POSTGRES_URL is not set: run the suite with `bash tests/run.sh`, which starts PostgreSQL",
    );
    sqlx::any::install_default_drivers();
    let name = unique("kw");
    let mut conn = sqlx::AnyConnection::connect(&admin_url)
        .await
        .expect("connect to the test cluster");
    sqlx::query(&format!("create database {name}"))
        .execute(&mut conn)
        .await
        .expect("create database");
    conn.close().await.ok();
    let (base, _) = admin_url.rsplit_once('/').expect("URL has a database name");
    format!("{base}/{name}")
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> TestApp {
        Self::spawn_with(backend, |_| {}).await
    }

    /// Starts the store with the demo catalog; `adjust` may change the configuration first.
    pub async fn spawn_with(backend: Backend, adjust: impl FnOnce(&mut Config)) -> TestApp {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().unwrap();
        let (database_url, temp_dir) = match backend {
            Backend::Sqlite => {
                let dir = std::env::temp_dir().join(unique("kettlewise-test"));
                std::fs::create_dir_all(&dir).unwrap();
                (
                    format!("sqlite://{}", dir.join("store.db").display()),
                    Some(dir),
                )
            }
            Backend::Postgres => (fresh_postgres_database().await, None),
        };
        let mut config = test_config(addr, database_url);
        adjust(&mut config);

        let (router, state) = server::build(config).await.expect("build the store");
        server::seed::seed_demo(&state.db)
            .await
            .expect("seed the demo catalog");
        tokio::spawn(server::serve(listener, router));
        TestApp {
            addr,
            base: format!("http://{addr}"),
            state,
            temp_dir,
        }
    }

    /// A new shopper: a browser-like client with its own cookies, following no redirects.
    pub fn shopper(&self) -> Shopper {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Shopper {
            client,
            base: self.base.clone(),
        }
    }

    pub async fn count(&self, sql: &str) -> i64 {
        let (n,): (i64,) = sqlx::query_as(sql)
            .fetch_one(&self.state.db.pool)
            .await
            .expect(sql);
        n
    }

    pub async fn stock(&self, sku: &str) -> i64 {
        let (n,): (i64,) = sqlx::query_as("select stock from variants where sku = $1")
            .bind(sku)
            .fetch_one(&self.state.db.pool)
            .await
            .unwrap();
        n
    }

    pub async fn exec(&self, sql: &str) {
        sqlx::query(sql)
            .execute(&self.state.db.pool)
            .await
            .expect(sql);
    }
}

pub fn test_config(addr: SocketAddr, database_url: String) -> Config {
    let currency = app::money::Currency::Usd;
    Config {
        database_url,
        listen: addr,
        public_url: format!("http://{addr}"),
        currency,
        shipping: app::pricing::ShippingRule {
            flat_rate: app::money::Money::usd(695),
            free_threshold: app::money::Money::usd(4500),
        },
        hold_minutes: 30,
        stripe: None,
        smtp: None,
        site_root: std::env::var("STORE_TEST_SITE_ROOT")
            .unwrap_or_else(|_| "../target/site".into()),
    }
}

pub struct Reply {
    pub status: StatusCode,
    pub location: Option<String>,
    pub body: String,
}

impl Reply {
    /// The text inside the first element whose opening tag contains `marker` (e.g.
    /// `id="cart-total"`), without the hydration markers Leptos leaves between text nodes.
    pub fn text_of(&self, marker: &str) -> Option<String> {
        let start = self.body.find(marker)?;
        let open_end = start + self.body[start..].find('>')? + 1;
        let rest = self.visible_from(open_end);
        Some(rest[..rest.find('<').unwrap_or(rest.len())].to_string())
    }

    /// The body as a browser shows its text runs: hydration markers removed.
    pub fn visible(&self) -> String {
        self.visible_from(0)
    }

    fn visible_from(&self, at: usize) -> String {
        self.body[at..].replace("<!>", "").replace("<!-- -->", "")
    }
}

pub struct Shopper {
    pub client: reqwest::Client,
    pub base: String,
}

impl Shopper {
    pub async fn get(&self, path: &str) -> Reply {
        let r = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("GET");
        reply(r).await
    }

    /// Posts a form the way a browser on the store's own pages does (with its Origin).
    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> Reply {
        let r = self
            .client
            .post(format!("{}{path}", self.base))
            .header("origin", &self.base)
            .form(form)
            .send()
            .await
            .expect("POST");
        reply(r).await
    }

    pub async fn add_to_cart(&self, sku: &str, quantity: i64) -> Reply {
        self.post(
            "/cart/add",
            &[("sku", sku), ("quantity", &quantity.to_string())],
        )
        .await
    }

    /// Checks out with a valid address; returns the reply (a redirect to the payment page).
    pub async fn checkout(&self, email: &str) -> Reply {
        self.post(
            "/checkout",
            &[
                ("email", email),
                ("name", "Ana Test"),
                ("line1", "1 Noodle Way"),
                ("city", "Oakland"),
                ("region", "CA"),
                ("postal_code", "94607"),
            ],
        )
        .await
    }

    /// Adds, checks out and approves the test payment; returns the order page path.
    pub async fn buy(&self, sku: &str, quantity: i64, email: &str) -> String {
        assert_eq!(
            self.add_to_cart(sku, quantity).await.status,
            StatusCode::SEE_OTHER
        );
        let pay = self.checkout(email).await;
        assert_eq!(pay.status, StatusCode::SEE_OTHER, "checkout: {}", pay.body);
        let pay_page = pay.location.unwrap();
        let approved = self.post(&format!("{pay_page}/approve"), &[]).await;
        assert_eq!(
            approved.status,
            StatusCode::SEE_OTHER,
            "approve: {}",
            approved.body
        );
        approved.location.unwrap()
    }
}

async fn reply(r: reqwest::Response) -> Reply {
    let status = r.status();
    let location = r
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string());
    Reply {
        status,
        location,
        body: r.text().await.unwrap_or_default(),
    }
}
