//! Protection against cross-site request forgery on every state-changing request.
//!
//! Each session holds a random token; every form carries it in a hidden `csrf_token`
//! field (or a script sends it as `X-CSRF-Token`). This middleware refuses any POST
//! whose token is missing or different, before a handler runs. Form bodies are small,
//! so reading one here to find the field costs little; it is put back for the handler.
//! File uploads (multipart) carry the token in the form's action URL instead, so the
//! file need not be read twice; the referrer policy keeps that URL on this site.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};
use tower_sessions::Session;

use super::error::AppError;
use super::page::SESSION_CSRF;

/// Largest form body read to look for the token; larger bodies are refused.
pub const MAX_FORM_BYTES: usize = 256 * 1024;

pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Compares two tokens without leaking, through timing, how much of them matched.
fn same_token(a: &str, b: &str) -> bool {
    Sha256::digest(a.as_bytes()) == Sha256::digest(b.as_bytes())
}

pub async fn guard(session: Session, request: Request, next: Next) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(request).await;
    }
    let expected = match session.get::<String>(SESSION_CSRF).await {
        Ok(Some(token)) => token,
        Ok(None) => return AppError::CsrfRejected.into_response(),
        Err(err) => return AppError::from(err).into_response(),
    };
    if let Some(sent) = request.headers().get("x-csrf-token").and_then(|v| v.to_str().ok()) {
        if same_token(sent, &expected) {
            return next.run(request).await;
        }
        return AppError::CsrfRejected.into_response();
    }
    let in_query = request.uri().query().and_then(|q| {
        url::form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "csrf_token")
            .map(|(_, v)| v.into_owned())
    });
    if let Some(sent) = in_query {
        if same_token(&sent, &expected) {
            return next.run(request).await;
        }
        return AppError::CsrfRejected.into_response();
    }
    let (parts, body) = request.into_parts();
    let bytes = match to_bytes(body, MAX_FORM_BYTES).await {
        Ok(bytes) => bytes,
        Err(_) => {
            return (axum::http::StatusCode::PAYLOAD_TOO_LARGE, "The form sent was too large.")
                .into_response();
        }
    };
    let sent =
        url::form_urlencoded::parse(&bytes).find(|(k, _)| k == "csrf_token").map(|(_, v)| v.into_owned());
    match sent {
        Some(sent) if same_token(&sent, &expected) => {
            next.run(Request::from_parts(parts, Body::from(bytes))).await
        }
        _ => AppError::CsrfRejected.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_and_unique() {
        let a = new_token();
        assert_eq!(a.len(), 43);
        assert_ne!(a, new_token());
    }

    #[test]
    fn comparison_is_exact() {
        assert!(same_token("abc", "abc"));
        assert!(!same_token("abc", "abd"));
        assert!(!same_token("abc", ""));
    }
}
