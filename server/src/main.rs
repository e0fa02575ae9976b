//! `server [serve|migrate|seed|create-admin EMAIL [ROLE]]`: the store's one binary.

use server::config::Config;
use server::db::Db;
use std::process::ExitCode;
use std::time::Duration;

const USAGE: &str =
    "usage: server [serve [--seed] | migrate | seed | create-admin EMAIL [owner|editor|analyst]]
  The password for create-admin is read from STORE_ADMIN_PASSWORD, or from standard input.";

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,tower_sessions=warn".into()),
        )
        .init();

    let args: Vec<String> = std::env::args().skip(1).collect();
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("configuration: {e}");
            return ExitCode::from(2);
        }
    };
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        [] | ["serve"] => serve(config, false).await,
        ["serve", "--seed"] => serve(config, true).await,
        ["migrate"] => migrate(&config).await.map(|_| ()),
        ["seed"] => seed(&config).await,
        ["create-admin", email] => create_admin(&config, email, "owner").await,
        ["create-admin", email, role] => create_admin(&config, email, role).await,
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

async fn migrate(config: &Config) -> Result<Db> {
    let db = Db::connect(&config.database_url).await?;
    db.migrate().await?;
    Ok(db)
}

async fn seed(config: &Config) -> Result<()> {
    let db = migrate(config).await?;
    if server::seed::seed_demo(&db).await? {
        println!("Demo catalog loaded.");
    } else {
        println!("The catalog already has products; nothing loaded.");
    }
    Ok(())
}

async fn create_admin(config: &Config, email: &str, role: &str) -> Result<()> {
    let password = match std::env::var("STORE_ADMIN_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            eprintln!(
                "Password (at least {} characters):",
                server::admin::MIN_PASSWORD_LEN
            );
            let mut line = String::new();
            std::io::stdin().read_line(&mut line)?;
            line.trim_end_matches(['\r', '\n']).to_string()
        }
    };
    let db = migrate(config).await?;
    server::admin::create_admin(&db, email, &password, role).await?;
    println!("Admin {email} can now sign in at /admin/login.");
    Ok(())
}

async fn serve(config: Config, with_demo: bool) -> Result<()> {
    let listen = config.listen;
    let public = config.public_url.clone();
    let (router, state) = server::build(config).await?;
    if with_demo && server::seed::seed_demo(&state.db).await? {
        tracing::info!("demo catalog loaded");
    }
    server::jobs::spawn(state.db.clone(), Duration::from_secs(30));
    if let Some(smtp) = &state.config.smtp {
        server::jobs::spawn_mailer(state.db.clone(), server::outbox::Mailer::new(smtp)?);
    }
    let listener = tokio::net::TcpListener::bind(listen).await?;
    tracing::info!(%listen, %public, "store listening");
    server::serve(listener, router).await?;
    Ok(())
}
