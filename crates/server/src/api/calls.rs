//! How a call to `/api/v1/…` is let in, limited and recorded. One layer in front of
//! every API route reads the bearer token, refuses a token that is unknown, expired
//! or revoked (401), holds the token to its call limit (429 with Retry-After), hands
//! the handler the principal the token acts as ([`Caller`]), and records the call
//! with the status it got.
//!
//! Calls are recorded in `api_calls`, not in the audit log: a BI tool refreshing every
//! few minutes makes tens of thousands of calls a month, which would bury the changes
//! people make that the audit log exists to show. `api_calls` is append-only like the
//! audit log, keeps who (the token), when, what (method, path and query) and the
//! answer, and also serves the limit and a token's "last used". A call that cannot be
//! recorded is answered with an error instead of its data, so nothing is read
//! unrecorded. The audit log still records every token created and revoked.

use axum::extract::{FromRequestParts, Request, State};
use axum::http::header;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use super::error::ApiError;
use super::store::{self, Call};
use crate::web::AppState;
use osa_core::access::Principal;
use osa_core::api::{CallDecision, CallLimit, TOKEN_PREFIX, is_usable, reader_for};

/// Where every route of the API lives.
pub const API_PREFIX: &str = "/api/v1/";

/// A token allowed in for this call: the partnership it acts for and the principal
/// every access decision of the call is made as (`osa_core::api::reader_for`).
#[derive(Debug, Clone)]
pub struct Caller {
    pub token: i64,
    pub partnership: i64,
    pub principal: Principal,
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    /// Only [`guard`] puts a caller on a request, so a route reached without it (no
    /// token) is refused rather than served as nobody.
    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, Self::Rejection> {
        parts.extensions.get::<Caller>().cloned().ok_or(ApiError::Unauthorized(NO_TOKEN))
    }
}

const NO_TOKEN: &str = "Send an API token as Authorization: Bearer <token>. A partnership admin creates tokens on the partnership's API tokens page.";
const UNKNOWN_TOKEN: &str =
    "This API token is not known. Check it was copied whole, or ask a partnership admin for a new one.";
const DEAD_TOKEN: &str = "This API token has expired or been revoked. Ask a partnership admin for a new one.";

/// A new secret: the prefix and 32 random bytes (256 bits) from the operating system's
/// generator, URL-safe base64 so it pastes into any tool's settings.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    format!("{TOKEN_PREFIX}{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// What is stored of a secret. A plain SHA-256 suffices here, unlike for passwords:
/// the secret carries 256 random bits, so there is nothing to guess from a list of
/// likely values, and a slow hash (argon2) would only slow every API call down. A
/// copy of the database still cannot be turned back into a working token.
pub fn digest(secret: &str) -> String {
    Sha256::digest(secret.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The layer in front of every route (it passes anything outside [`API_PREFIX`]).
pub async fn guard(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with(API_PREFIX) {
        return next.run(request).await;
    }
    let presented =
        request.headers().get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let caller = match authenticate(&state, presented.as_deref()).await {
        Ok(caller) => caller,
        Err(err) => return err.into_response(),
    };
    let method = request.method().as_str().to_owned();
    let path = request.uri().path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_default();
    let now = OffsetDateTime::now_utc();
    let limit = CallLimit::per_minute(state.config.api_calls_per_minute);
    // Two calls at the same moment may both pass at the last place: the limit is for
    // a tool's steady use, not a hard ceiling, so it is not worth a lock.
    let response = match store::counted_calls_since(&state.db, caller.token, limit.window_start(now)).await {
        Err(err) => ApiError::from(err).into_response(),
        Ok(earlier) => match limit.decide(now, &earlier) {
            CallDecision::Wait { seconds } => {
                ApiError::TooManyRequests { retry_after_seconds: seconds }.into_response()
            }
            CallDecision::Allow => {
                request.extensions_mut().insert(caller.clone());
                as_json(next.run(request).await)
            }
        },
    };
    let call = Call {
        token: caller.token,
        at: now,
        method: &method,
        path: &path,
        status: response.status().as_u16(),
    };
    match store::record_call(&state.db, &call).await {
        Ok(()) => response,
        Err(err) => ApiError::from(err).into_response(),
    }
}

/// `presented` is the Authorization header, if it was sent and is text.
async fn authenticate(state: &AppState, presented: Option<&str>) -> Result<Caller, ApiError> {
    let secret = presented
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|s| s.starts_with(TOKEN_PREFIX))
        .ok_or(ApiError::Unauthorized(NO_TOKEN))?;
    let found = store::find_by_hash(&state.db, &digest(secret))
        .await?
        .ok_or(ApiError::Unauthorized(UNKNOWN_TOKEN))?;
    if !is_usable(found.expires_on, found.revoked_at.is_some(), OffsetDateTime::now_utc().date()) {
        return Err(ApiError::Unauthorized(DEAD_TOKEN));
    }
    Ok(Caller {
        token: found.id,
        partnership: found.partnership_id,
        principal: reader_for(found.partnership_id),
    })
}

/// An answer that is not JSON (the service's 404 page for an address no route serves,
/// or for a path that is not a number) becomes the API's JSON error of the same status.
fn as_json(response: Response) -> Response {
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json || response.status().is_success() {
        return response;
    }
    match response.status().as_u16() {
        404 => ApiError::NotFound.into_response(),
        403 => ApiError::Forbidden.into_response(),
        400 | 422 => {
            ApiError::BadRequest("The request's address or query could not be read.".into()).into_response()
        }
        _ => ApiError::Internal(anyhow::anyhow!("API route answered {}", response.status())).into_response(),
    }
}
