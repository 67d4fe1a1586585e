//! Pages that belong to no single feature: the start page, the statutory pages every
//! public-sector service publishes, and the health check. The signed-in home page is
//! `crate::home`.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::web::AppState;
use crate::web::page::{Ctx, Page};
use crate::web::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    r.get("/", start)
        .get("/accessibility", accessibility)
        .get("/privacy", privacy)
        .get("/cookies", cookies)
        .get("/healthz", healthz)
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/start.html")]
pub struct StartPage {
    page: Page,
}

async fn start(ctx: Ctx) -> StartPage {
    StartPage { page: ctx.page("Organisational Safeguarding Assessment") }
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/accessibility.html")]
pub struct AccessibilityPage {
    page: Page,
}

async fn accessibility(ctx: Ctx) -> AccessibilityPage {
    AccessibilityPage { page: ctx.page("Accessibility statement") }
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/privacy.html")]
pub struct PrivacyPage {
    page: Page,
    /// This deployment's retention periods, so the notice says what is really done.
    retention: osa_core::retention::RetentionPeriods,
}

async fn privacy(ctx: Ctx, State(state): State<AppState>) -> PrivacyPage {
    PrivacyPage { page: ctx.page("Privacy notice"), retention: state.config.retention() }
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/cookies.html")]
pub struct CookiesPage {
    page: Page,
}

async fn cookies(ctx: Ctx) -> CookiesPage {
    CookiesPage { page: ctx.page("Cookies") }
}

/// 200 when the database answers, 503 when it does not. No session, no page chrome.
async fn healthz(State(state): State<AppState>) -> Response {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(err) => {
            tracing::warn!(error = %err, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response()
        }
    }
}
