//! The two migration sets describe the same schema.

use std::collections::BTreeSet;
use store_tests::{Backend, TestApp};

async fn columns(app: &TestApp, backend: Backend) -> BTreeSet<(String, String)> {
    let sql = match backend {
        Backend::Sqlite => {
            "select m.name, p.name from sqlite_master m join pragma_table_info(m.name) p \
             where m.type = 'table' and m.name not like 'sqlite_%' and m.name not like '_sqlx%'"
        }
        Backend::Postgres => {
            "select cast(table_name as text), cast(column_name as text) from information_schema.columns \
             where table_schema = 'public' and table_name not like '_sqlx%'"
        }
    };
    sqlx::query_as(sql)
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap()
        .into_iter()
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_and_postgres_migrations_define_the_same_tables_and_columns() {
    let sqlite = TestApp::spawn(Backend::Sqlite).await;
    let postgres = TestApp::spawn(Backend::Postgres).await;

    let (a, b) = (
        columns(&sqlite, Backend::Sqlite).await,
        columns(&postgres, Backend::Postgres).await,
    );

    assert!(a.len() > 100, "only {} columns read", a.len());
    assert_eq!(a, b);
}
