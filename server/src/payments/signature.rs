//! Stripe's webhook signature scheme: `Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=…]`,
//! where each `v1` is HMAC-SHA256 over `"<t>.<raw body>"` keyed with the endpoint secret.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// How old a signed timestamp may be, either way, before the event is refused.
pub const TOLERANCE_SECS: i64 = 300;

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("the Stripe-Signature header is malformed")]
    Malformed,
    #[error("the signed timestamp is outside the tolerance")]
    Stale,
    #[error("no signature matches the body")]
    Mismatch,
}

/// Checks a webhook body against its header at time `now` (Unix seconds).
pub fn verify(secret: &str, header: &str, body: &[u8], now: i64) -> Result<(), SignatureError> {
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", t)) => timestamp = t.parse::<i64>().ok(),
            Some(("v1", sig)) => {
                signatures.push(hex::decode(sig).map_err(|_| SignatureError::Malformed)?)
            }
            _ => {}
        }
    }
    let timestamp = timestamp.ok_or(SignatureError::Malformed)?;
    if signatures.is_empty() {
        return Err(SignatureError::Malformed);
    }
    if (now - timestamp).abs() > TOLERANCE_SECS {
        return Err(SignatureError::Stale);
    }
    let matches = signatures.iter().any(|sig| {
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
            return false;
        };
        mac.update(timestamp.to_string().as_bytes());
        mac.update(b".");
        mac.update(body);
        mac.verify_slice(sig).is_ok()
    });
    if matches {
        Ok(())
    } else {
        Err(SignatureError::Mismatch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sign(secret: &str, t: i64, body: &[u8]) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
        mac.update(format!("{t}.").as_bytes());
        mac.update(body);
        format!("t={t},v1={}", hex::encode(mac.finalize().into_bytes()))
    }

    #[test]
    fn a_body_signed_with_the_secret_verifies() {
        let header = sign("whsec_a", 1_000, b"{}");
        assert_eq!(verify("whsec_a", &header, b"{}", 1_010), Ok(()));
    }

    #[test]
    fn any_of_several_v1_signatures_may_match() {
        let good = sign("whsec_a", 1_000, b"{}");
        let header = format!(
            "t=1000,v1={},{}",
            "00".repeat(32),
            good.split_once(',').unwrap().1
        );
        assert_eq!(verify("whsec_a", &header, b"{}", 1_000), Ok(()));
    }

    #[test]
    fn tampered_bodies_wrong_secrets_and_stale_stamps_are_refused() {
        let header = sign("whsec_a", 1_000, b"{\"amount\":1}");
        assert_eq!(
            verify("whsec_a", &header, b"{\"amount\":2}", 1_000),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify("whsec_b", &header, b"{\"amount\":1}", 1_000),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify("whsec_a", &header, b"{\"amount\":1}", 1_301),
            Err(SignatureError::Stale)
        );
        assert_eq!(
            verify("whsec_a", "v1=abc", b"{}", 1_000),
            Err(SignatureError::Malformed)
        );
        assert_eq!(
            verify("whsec_a", "t=1000", b"{}", 1_000),
            Err(SignatureError::Malformed)
        );
    }
}
