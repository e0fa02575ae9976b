//! Brand team accounts: argon2id passwords, sign-in and sign-out.

use crate::checkout::Email;
use crate::db::{now_ms, Db};
use crate::error::{AppError, AppResult};
use crate::forms::Form;
use crate::AppState;
use app::api::ADMIN_KEY;
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use axum::extract::State;
use axum::response::Redirect;
use serde::Deserialize;
use tower_sessions::Session;

pub const MIN_PASSWORD_LEN: usize = 12;

/// Creates an admin, or resets the password of an existing one.
pub async fn create_admin(db: &Db, email: &str, password: &str, role: &str) -> AppResult<()> {
    let email = Email::parse(email)?;
    if password.chars().count() < MIN_PASSWORD_LEN {
        return Err(AppError::invalid(format!(
            "The password needs at least {MIN_PASSWORD_LEN} characters."
        )));
    }
    if !["owner", "editor", "analyst"].contains(&role) {
        return Err(AppError::invalid(
            "The role must be owner, editor or analyst.",
        ));
    }
    let salt = SaltString::generate(&mut OsRng);
    let hash = Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| AppError::Internal(format!("hashing: {e}")))?
        .to_string();
    sqlx::query(
        "insert into admins (email, password_hash, role, created_at) values ($1, $2, $3, $4) \
         on conflict (email) do update set password_hash = excluded.password_hash, role = excluded.role",
    )
    .bind(email.as_str())
    .bind(hash)
    .bind(role)
    .bind(now_ms())
    .execute(&db.pool)
    .await?;
    Ok(())
}

#[derive(Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
}

pub async fn login(
    State(state): State<AppState>,
    session: Session,
    Form(form): Form<LoginForm>,
) -> AppResult<Redirect> {
    let email = form.email.trim().to_lowercase();
    let row: Option<(i64, String)> =
        sqlx::query_as("select id, password_hash from admins where email = $1")
            .bind(&email)
            .fetch_optional(&state.db.pool)
            .await?;
    let verified = row.filter(|(_, hash)| {
        PasswordHash::new(hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(form.password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    });
    let Some((admin_id, _)) = verified else {
        tracing::warn!("admin sign-in refused");
        return Ok(Redirect::to("/admin/login?error=1"));
    };
    session
        .cycle_id()
        .await
        .map_err(|e| AppError::Internal(format!("session: {e}")))?;
    session
        .insert(ADMIN_KEY, admin_id)
        .await
        .map_err(|e| AppError::Internal(format!("session: {e}")))?;
    tracing::info!(admin_id, "admin signed in");
    Ok(Redirect::to("/admin"))
}

pub async fn logout(session: Session) -> AppResult<Redirect> {
    session
        .remove::<i64>(ADMIN_KEY)
        .await
        .map_err(|e| AppError::Internal(format!("session: {e}")))?;
    Ok(Redirect::to("/admin/login"))
}
