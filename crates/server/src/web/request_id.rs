//! Request ids: every request carries one in `x-request-id`, in the tracing span of
//! its log lines and in its response, so a person's report of a failure ("the page
//! said…", with the id from the response) leads to the log lines of that request.
//! A proxy in front may have given the request an id already; osa keeps it when it
//! is usable, so the proxy's logs and osa's share one id, and makes a new one if not.

use axum::extract::Request;
use axum::http::HeaderName;
use tracing::Span;

pub const HEADER: HeaderName = HeaderName::from_static("x-request-id");

/// The longest incoming id kept: enough for a UUID, a trace id or a proxy's own
/// format, short enough that a log line cannot be padded out by a client.
const MAX_LEN: usize = 128;

/// An id is kept only if it is short and made of letters, digits and `-_.:`; anything
/// else (control characters, spaces, quotes that could forge a log field) is dropped
/// and replaced with one osa makes.
pub fn usable(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_LEN
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
}

/// Removes an incoming `x-request-id` that is not [`usable`] (or is sent twice), so
/// the layer after this one makes a fresh id.
pub async fn drop_unusable(mut request: Request) -> Request {
    let headers = request.headers_mut();
    let values: Vec<_> = headers.get_all(&HEADER).iter().collect();
    let keep = values.len() == 1 && values[0].to_str().is_ok_and(usable);
    if !keep {
        headers.remove(&HEADER);
    }
    request
}

/// The span each request's log lines are written in: its method, its path (not the
/// query, which may hold a person's search) and its id.
pub fn span(request: &Request) -> Span {
    let id = request.headers().get(&HEADER).and_then(|v| v.to_str().ok()).unwrap_or("");
    tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id = %id)
}

#[cfg(test)]
mod tests {
    use super::usable;

    #[test]
    fn ordinary_ids_from_proxies_are_kept() {
        assert!(usable("0f8fad5b-d9cb-469f-a165-70867728950e"));
        assert!(usable("1-67891233-abcdef012345678912345678"));
        assert!(!usable("Root=1"), "= is not among the characters kept");
        assert!(usable("req_42.a:b"));
    }

    #[test]
    fn ids_that_could_forge_or_flood_a_log_line_are_refused() {
        assert!(!usable(""));
        assert!(!usable("abc def"));
        assert!(!usable("abc\"level\":\"error"));
        assert!(!usable("line\nbreak"));
        assert!(!usable(&"a".repeat(129)));
        assert!(usable(&"a".repeat(128)));
    }
}
