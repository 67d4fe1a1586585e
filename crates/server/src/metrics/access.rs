//! Who may read `/metrics`. It is not a person's page: a scraper reads it, holding
//! either the token set in `metrics_token_file` or a place on the network that reaches
//! `metrics_bind`. A session grants nothing here, not even a platform admin's, so the
//! decision is made from the token alone and never through `Principal::decide`.

use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use subtle::ConstantTimeEq;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scrape {
    Allow,
    /// No token is set, so the main address does not serve metrics at all.
    NotServed,
    /// A token is set and the request did not carry it.
    NoToken,
}

impl IntoResponse for Scrape {
    fn into_response(self) -> Response {
        match self {
            Scrape::Allow => StatusCode::NO_CONTENT.into_response(),
            Scrape::NotServed => crate::web::error::AppError::NotFound.into_response(),
            Scrape::NoToken => (
                StatusCode::UNAUTHORIZED,
                [(header::WWW_AUTHENTICATE, "Bearer realm=\"osa metrics\"")],
                "send the metrics token as Authorization: Bearer <token>\n",
            )
                .into_response(),
        }
    }
}

/// On the main address: a token must be set and sent.
pub fn main_address(token: Option<&str>, headers: &HeaderMap) -> Scrape {
    match token {
        None => Scrape::NotServed,
        Some(token) => carries(token, headers),
    }
}

/// On the metrics address: open, unless a token is set, which is then asked for too.
pub fn own_address(token: Option<&str>, headers: &HeaderMap) -> Scrape {
    match token {
        None => Scrape::Allow,
        Some(token) => carries(token, headers),
    }
}

/// Compares the sent token with the set one in constant time, so the time taken
/// does not tell an attacker how many leading characters they guessed right.
fn carries(token: &str, headers: &HeaderMap) -> Scrape {
    let sent = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    match sent {
        Some(sent) if bool::from(sent.as_bytes().ct_eq(token.as_bytes())) => Scrape::Allow,
        _ => Scrape::NoToken,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(authorization: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::AUTHORIZATION, authorization.parse().unwrap());
        headers
    }

    #[test]
    fn without_a_token_the_main_address_does_not_serve_metrics() {
        assert_eq!(main_address(None, &HeaderMap::new()), Scrape::NotServed);
        assert_eq!(main_address(None, &with("Bearer anything")), Scrape::NotServed);
    }

    #[test]
    fn the_main_address_asks_for_the_exact_token() {
        assert_eq!(main_address(Some("abc"), &with("Bearer abc")), Scrape::Allow);
        assert_eq!(main_address(Some("abc"), &with("Bearer abcd")), Scrape::NoToken);
        assert_eq!(main_address(Some("abc"), &with("Bearer ab")), Scrape::NoToken);
        assert_eq!(main_address(Some("abc"), &with("Basic abc")), Scrape::NoToken);
        assert_eq!(main_address(Some("abc"), &HeaderMap::new()), Scrape::NoToken);
    }

    #[test]
    fn the_metrics_address_is_open_unless_a_token_is_set() {
        assert_eq!(own_address(None, &HeaderMap::new()), Scrape::Allow);
        assert_eq!(own_address(Some("abc"), &HeaderMap::new()), Scrape::NoToken);
        assert_eq!(own_address(Some("abc"), &with("Bearer abc")), Scrape::Allow);
    }
}
