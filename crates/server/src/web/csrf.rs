//! Protection against cross-site request forgery on every state-changing request.
//!
//! Each session holds a random token; every form carries it in a hidden `csrf_token`
//! field (or a script sends it as `X-CSRF-Token`). This middleware refuses any POST
//! whose token is missing or different, before a handler runs. Form bodies are small,
//! so reading one here to find the field costs little; it is put back for the handler.
//!
//! The token never travels in an address (addresses end up in logs, history and
//! proxies). File uploads (multipart) carry it as the form's first field: browsers
//! send fields in the order of the form, so the guard reads only the start of the body
//! (at most [`MAX_FIRST_PART_BYTES`]) to find it, and hands those bytes on in front of
//! the rest of the stream, so the file is neither read twice nor held in memory here.
//! A multipart body whose first field is not the token is refused.

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
    if let Some(boundary) = multipart_boundary(&request) {
        return match first_field_checked(request, &boundary, &expected).await {
            Ok(request) => next.run(request).await,
            Err(refused) => refused,
        };
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

/// The most of a multipart body read to find the token in its first field.
pub const MAX_FIRST_PART_BYTES: usize = 8 * 1024;

/// The boundary of a `multipart/form-data` request, if it is one.
fn multipart_boundary(request: &Request) -> Option<String> {
    let content_type = request.headers().get(axum::http::header::CONTENT_TYPE)?.to_str().ok()?;
    let mut params = content_type.split(';').map(str::trim);
    if !params.next()?.eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("boundary"))
        .map(|(_, v)| v.trim().trim_matches('"').to_owned())
        .filter(|b| !b.is_empty())
}

#[derive(Debug, PartialEq, Eq)]
enum FirstField {
    /// Not enough of the body yet.
    NeedMore,
    /// The first field's name and value.
    Field(String, Vec<u8>),
    /// Not a multipart body this guard can read.
    Invalid,
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The first field of a multipart body, from as much of the body as has arrived.
fn first_field(buf: &[u8], boundary: &str) -> FirstField {
    let opening = format!("--{boundary}\r\n");
    if buf.len() < opening.len() {
        return if opening.as_bytes().starts_with(buf) { FirstField::NeedMore } else { FirstField::Invalid };
    }
    if !buf.starts_with(opening.as_bytes()) {
        return FirstField::Invalid;
    }
    let rest = &buf[opening.len()..];
    let Some(head_end) = find(rest, b"\r\n\r\n") else { return FirstField::NeedMore };
    let Ok(head) = std::str::from_utf8(&rest[..head_end]) else { return FirstField::Invalid };
    let value = &rest[head_end + 4..];
    let Some(end) = find(value, format!("\r\n--{boundary}").as_bytes()) else { return FirstField::NeedMore };
    let name = head
        .split("\r\n")
        .filter_map(|line| line.split_once(':'))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("content-disposition"))
        .and_then(|(_, v)| {
            v.split(';')
                .filter_map(|p| p.trim().split_once('='))
                .find(|(k, _)| *k == "name")
                .map(|(_, n)| n.trim_matches('"').to_owned())
        });
    match name {
        Some(name) => FirstField::Field(name, value[..end].to_vec()),
        None => FirstField::Invalid,
    }
}

/// Reads a multipart body up to the end of its first field, checks that it is the
/// session's token, and gives back the request with its whole body.
async fn first_field_checked(request: Request, boundary: &str, expected: &str) -> Result<Request, Response> {
    use futures_util::StreamExt;
    let (parts, body) = request.into_parts();
    let mut stream = body.into_data_stream();
    let mut read: Vec<u8> = Vec::new();
    loop {
        match first_field(&read, boundary) {
            FirstField::Field(name, value) => {
                let sent = String::from_utf8_lossy(&value);
                if name != "csrf_token" || !same_token(&sent, expected) {
                    return Err(AppError::CsrfRejected.into_response());
                }
                break;
            }
            FirstField::Invalid => return Err(AppError::CsrfRejected.into_response()),
            FirstField::NeedMore if read.len() > MAX_FIRST_PART_BYTES => {
                return Err(AppError::CsrfRejected.into_response());
            }
            FirstField::NeedMore => match stream.next().await {
                Some(Ok(chunk)) => read.extend_from_slice(&chunk),
                Some(Err(_)) | None => return Err(AppError::CsrfRejected.into_response()),
            },
        }
    }
    let already =
        futures_util::stream::once(async move { Ok::<_, axum::Error>(axum::body::Bytes::from(read)) });
    Ok(Request::from_parts(parts, Body::from_stream(already.chain(stream))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_field_of_a_multipart_body_is_read_as_it_arrives() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\nabc\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.xlsx\"\r\n\r\nDATA\r\n--XyZ--\r\n";
        let whole = first_field(body, "XyZ");
        assert_eq!(whole, FirstField::Field("csrf_token".into(), b"abc".to_vec()));
        for cut in [0, 3, 10, 50, 60] {
            assert_eq!(first_field(&body[..cut], "XyZ"), FirstField::NeedMore, "{cut}");
        }
        assert_eq!(first_field(b"--Other\r\n", "XyZ"), FirstField::Invalid);
        let file_first =
            b"--XyZ\r\nContent-Disposition: form-data; filename=\"x\"; name=\"file\"\r\n\r\nDATA\r\n--XyZ";
        assert_eq!(first_field(file_first, "XyZ"), FirstField::Field("file".into(), b"DATA".to_vec()));
    }

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
