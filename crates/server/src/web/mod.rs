//! The HTTP side: shared state, the router assembled from every feature, and the
//! layers every request passes through (sessions, CSRF, security headers, limits).

pub mod assets;
pub mod client;
pub mod csrf;
pub mod error;
pub mod format;
pub mod forms;
pub mod page;
pub mod paging;
pub mod path;
pub mod request_id;
pub mod routes;
pub mod session_store;

use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::config::Config;
use crate::db::Db;
use crate::mail::Mailer;
use osa_core::throttle::ThrottlePolicy;
use routes::Routes;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub mailer: Mailer,
    pub throttle: ThrottlePolicy,
    /// Uploaded files, kept outside the database.
    pub files: crate::storage::Storage,
    /// What `/metrics` reports.
    pub metrics: Arc<crate::metrics::Metrics>,
}

/// Every route of the service, from every feature.
pub fn routes() -> Routes {
    let r = Routes::new().get("/assets/{*path}", assets::serve);
    let r = crate::pages::routes(r);
    let r = crate::home::routes(r);
    let r = crate::accounts::routes(r);
    let r = crate::partnerships::routes(r);
    let r = crate::organisations::routes(r);
    let r = crate::users::routes(r);
    let r = crate::frameworks::routes(r);
    let r = crate::assessments::routes(r);
    let r = crate::action_plans::routes(r);
    let r = crate::cycles::routes(r);
    let r = crate::benchmarks::routes(r);
    let r = crate::return_copies::routes(r);
    let r = crate::challenges::routes(r);
    let r = crate::evidence::routes(r);
    let r = crate::workbook::routes(r);
    let r = crate::resources::routes(r);
    let r = crate::surveys::routes(r);
    let r = crate::narratives::routes(r);
    let r = crate::partnership_actions::routes(r);
    let r = crate::partnership_self::routes(r);
    let r = crate::meetings::routes(r);
    let r = crate::plan_updates::routes(r);
    let r = crate::board_reports::routes(r);
    let r = crate::young_peoples_summary::routes(r);
    let r = crate::api::routes(r);
    let r = crate::audit::routes(r);
    let r = crate::metrics::routes(r);
    let r = crate::data_protection::routes(r);
    crate::mail::routes(r)
}

pub const SESSION_IDLE_MINUTES: i64 = 8 * 60;

/// The largest request body accepted at all (file uploads); ordinary forms are held to
/// the much smaller [`csrf::MAX_FORM_BYTES`]. Routes added with
/// [`Routes::post_upload`] set their own limit.
pub const MAX_BODY_BYTES: usize = 3 * 1024 * 1024;

/// The largest body of a route added with [`Routes::upload`]: one file of
/// [`crate::storage::MAX_FILE_BYTES`] and the rest of its form.
pub const MAX_UPLOAD_BYTES: usize = crate::storage::MAX_FILE_BYTES + 1024 * 1024;

pub fn app(state: AppState) -> Router {
    let sessions = SessionManagerLayer::new(session_store::DbSessionStore::new(state.db.clone()))
        .with_name("osa_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.config.secure_cookies())
        .with_expiry(Expiry::OnInactivity(time::Duration::minutes(SESSION_IDLE_MINUTES)));
    let mut headers = vec![
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; \
             form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
        (HeaderName::from_static("permissions-policy"), "camera=(), microphone=(), geolocation=()"),
        (HeaderName::from_static("cross-origin-opener-policy"), "same-origin"),
        // Nothing the service answers is kept by the browser or a proxy unless the
        // handler says otherwise: pages carry the signed-in person's name and their
        // organisation's answers, downloads their data, and even public pages carry a
        // form's CSRF token. Only the static assets (`assets::serve`) say they may be
        // cached, as they are the same for everyone and change only with a release.
        (header::CACHE_CONTROL, "no-store"),
    ];
    if state.config.secure_cookies() {
        headers.push((header::STRICT_TRANSPORT_SECURITY, "max-age=31536000; includeSubDomains"));
    }
    let (routes, uploads) = routes().into_routers();
    let mut router = routes
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .merge(uploads)
        .fallback(error::not_found)
        .layer(axum::middleware::from_fn(csrf::guard))
        .layer(axum::middleware::from_fn_with_state(state.clone(), crate::api::calls::guard))
        .layer(axum::middleware::from_fn_with_state(state.clone(), error::with_signed_in_chrome))
        .layer(sessions)
        .layer(axum::middleware::map_response(explain_too_large))
        .layer(axum::middleware::from_fn_with_state(state.clone(), crate::metrics::track))
        .with_state(state);
    for (name, value) in headers {
        router = router.layer(SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value)));
    }
    router.layer(
        ServiceBuilder::new()
            .layer(axum::middleware::map_request(request_id::drop_unusable))
            .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
            .layer(TraceLayer::new_for_http().make_span_with(request_id::span))
            .layer(PropagateRequestIdLayer::x_request_id())
            .layer(CatchPanicLayer::custom(on_panic)),
    )
}

/// The body-limit layers answer 413 with a bare line of text; people get a page that
/// says what went wrong and what to do, with the service's chrome.
async fn explain_too_large(response: axum::response::Response) -> axum::response::Response {
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if response.status() != axum::http::StatusCode::PAYLOAD_TOO_LARGE || is_html {
        return response;
    }
    error::render_error(
        axum::http::StatusCode::PAYLOAD_TOO_LARGE,
        "The file or form you sent is too large",
        &[
            "Files must be smaller than 20 MB. Nothing you sent has been saved.",
            "Go back, choose a smaller file (or split it into parts) and send it again.",
        ],
    )
}

fn on_panic(_: Box<dyn std::any::Any + Send + 'static>) -> axum::response::Response {
    tracing::error!("a request handler panicked");
    error::render_error(
        axum::http::StatusCode::INTERNAL_SERVER_ERROR,
        "Sorry, there is a problem with the service",
        &["Try again later. What you entered has not been saved."],
    )
}
