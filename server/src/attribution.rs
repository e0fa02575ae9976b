//! The first touch: UTM parameters and referral code of a visitor's arrival, kept in the session
//! and carried onto the order.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

pub const TOUCH_KEY: &str = "first_touch";

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FirstTouch {
    pub utm_source: Option<String>,
    pub utm_medium: Option<String>,
    pub utm_campaign: Option<String>,
    pub utm_content: Option<String>,
    pub referral_code: Option<String>,
    pub landing_page: String,
    pub at: i64,
}

impl FirstTouch {
    /// The channel an order is attributed to: the referral, else the UTM source and medium,
    /// else direct / organic.
    pub fn channel(&self) -> String {
        if self.referral_code.is_some() {
            return "referral".into();
        }
        match (&self.utm_source, &self.utm_medium) {
            (Some(s), Some(m)) => format!("{s} / {m}"),
            (Some(s), None) => s.clone(),
            _ => "direct".into(),
        }
    }

    fn from_query(path: &str, query: &str, at: i64) -> Option<FirstTouch> {
        let mut touch = FirstTouch {
            landing_page: path.chars().take(200).collect(),
            at,
            ..Default::default()
        };
        for (key, value) in serde_urlencoded::from_str::<Vec<(String, String)>>(query).ok()? {
            let value: String = value.trim().chars().take(100).collect();
            if value.is_empty() {
                continue;
            }
            match key.as_str() {
                "utm_source" => touch.utm_source = Some(value.to_lowercase()),
                "utm_medium" => touch.utm_medium = Some(value.to_lowercase()),
                "utm_campaign" => touch.utm_campaign = Some(value),
                "utm_content" => touch.utm_content = Some(value),
                "ref" => touch.referral_code = Some(value),
                _ => {}
            }
        }
        let tagged = touch.utm_source.is_some()
            || touch.referral_code.is_some()
            || touch.utm_campaign.is_some();
        tagged.then_some(touch)
    }
}

/// Records the first tagged arrival of a session. Untagged visits are left alone, so an
/// anonymous browse creates no session row; they count as direct unless tagged later.
pub async fn record_first_touch(session: Session, request: Request, next: Next) -> Response {
    if let Some(query) = request.uri().query() {
        if let Some(touch) =
            FirstTouch::from_query(request.uri().path(), query, crate::db::now_ms())
        {
            let known = session
                .get::<FirstTouch>(TOUCH_KEY)
                .await
                .ok()
                .flatten()
                .is_some();
            if !known {
                if let Err(e) = session.insert(TOUCH_KEY, touch).await {
                    tracing::warn!(error = %e, "first touch not stored");
                }
            }
        }
    }
    next.run(request).await
}

pub async fn first_touch(session: &Session) -> FirstTouch {
    session
        .get::<FirstTouch>(TOUCH_KEY)
        .await
        .ok()
        .flatten()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utm_parameters_make_a_channel() {
        let t = FirstTouch::from_query(
            "/",
            "utm_source=Meta&utm_medium=paid_social&utm_campaign=launch",
            1,
        )
        .unwrap();
        assert_eq!(t.channel(), "meta / paid_social");
        assert_eq!(t.utm_campaign.as_deref(), Some("launch"));
    }

    #[test]
    fn a_referral_code_wins_over_utm() {
        let t = FirstTouch::from_query("/shop", "ref=AB12&utm_source=google", 1).unwrap();
        assert_eq!(t.channel(), "referral");
        assert_eq!(t.landing_page, "/shop");
    }

    #[test]
    fn untagged_visits_record_nothing() {
        assert_eq!(FirstTouch::from_query("/", "page=2", 1), None);
        assert_eq!(FirstTouch::default().channel(), "direct");
    }
}
