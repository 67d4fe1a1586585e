//! The client's network address, used to throttle sign-in attempts and requests that
//! send email.
//!
//! Behind proxies, `X-Forwarded-For` lists the addresses a request came through, each
//! proxy adding the one it was reached from at the right-hand end. Only those added by
//! the operator's own proxies can be believed: everything to their left was written by
//! the client, who can claim any address. So with `trusted_proxy_hops` proxies of your
//! own in front, the client is the address that many places from the right; with none,
//! the header is ignored and the connection's address is used.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;

use super::AppState;

pub struct ClientAddress(pub String);

/// The client address `X-Forwarded-For` gives when `hops` trusted proxies added to it,
/// or `None` when it should not be used (no trusted proxies, no header, or the entry
/// to use is not an address). `values` are the header's values in the order received.
pub fn forwarded_client(values: &[&str], hops: usize) -> Option<IpAddr> {
    if hops == 0 {
        return None;
    }
    let entries: Vec<&str> =
        values.iter().flat_map(|v| v.split(',')).map(str::trim).filter(|e| !e.is_empty()).collect();
    // With fewer entries than proxies, every entry was still written by a proxy of
    // ours (the request came in nearer the middle), so the left-most is the client.
    let index = entries.len().saturating_sub(hops);
    entries.get(index)?.parse().ok()
}

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let values: Vec<&str> =
            parts.headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).collect();
        if let Some(address) = forwarded_client(&values, state.config.proxy_hops()) {
            return Ok(ClientAddress(address.to_string()));
        }
        let address = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip().to_string())
            .unwrap_or_else(|| "unknown".into());
        Ok(ClientAddress(address))
    }
}

#[cfg(test)]
mod tests {
    use super::forwarded_client;

    fn ip(s: &str) -> Option<std::net::IpAddr> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn without_trusted_proxies_the_header_is_ignored() {
        assert_eq!(forwarded_client(&["203.0.113.7"], 0), None);
    }

    #[test]
    fn behind_one_proxy_the_right_most_address_is_the_client() {
        assert_eq!(forwarded_client(&["198.51.100.1, 203.0.113.7"], 1), ip("203.0.113.7"));
        assert_eq!(forwarded_client(&["198.51.100.1", "203.0.113.7"], 1), ip("203.0.113.7"));
        assert_eq!(forwarded_client(&["203.0.113.7"], 1), ip("203.0.113.7"));
    }

    #[test]
    fn behind_two_proxies_the_second_from_the_right_is_the_client() {
        assert_eq!(forwarded_client(&["1.1.1.1, 203.0.113.7, 10.0.0.2"], 2), ip("203.0.113.7"));
        assert_eq!(forwarded_client(&["203.0.113.7"], 2), ip("203.0.113.7"));
    }

    #[test]
    fn ipv6_and_spacing_are_read() {
        assert_eq!(forwarded_client(&[" 2001:db8::1 ,  2001:db8::2 "], 1), ip("2001:db8::2"));
    }

    #[test]
    fn an_entry_that_is_not_an_address_is_not_used() {
        assert_eq!(forwarded_client(&["1.1.1.1, unknown"], 1), None);
        assert_eq!(forwarded_client(&["1.1.1.1, "], 1), ip("1.1.1.1"));
        assert_eq!(forwarded_client(&[""], 1), None);
        assert_eq!(forwarded_client(&[], 1), None);
    }
}
