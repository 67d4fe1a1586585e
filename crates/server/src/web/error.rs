//! One error type for every handler. It turns itself into the right page and status:
//! 404 and 403 pages, a redirect to sign-in, or a 500 page that shows nothing of the
//! cause, which is logged once here.

use askama::Template;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use super::AppState;
use super::page::{Ctx, Page};
use osa_core::access::Decision;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("sign-in required")]
    SignInRequired { next: String },
    #[error("the form's security token did not match")]
    CsrfRejected,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        AppError::Internal(err.into())
    }
}

impl From<askama::Error> for AppError {
    fn from(err: askama::Error) -> Self {
        AppError::Internal(err.into())
    }
}

impl From<tower_sessions::session::Error> for AppError {
    fn from(err: tower_sessions::session::Error) -> Self {
        AppError::Internal(err.into())
    }
}

impl AppError {
    /// Turns an access decision into a result handlers can `?`.
    pub fn check(decision: Decision) -> Result<(), AppError> {
        match decision {
            Decision::Allow => Ok(()),
            Decision::Forbidden => Err(AppError::Forbidden),
            Decision::NotFound => Err(AppError::NotFound),
        }
    }
}

#[derive(Template)]
#[template(path = "web/error.html")]
struct ErrorPage {
    page: Page,
    heading: &'static str,
    paragraphs: &'static [&'static str],
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, heading, paragraphs): (StatusCode, &'static str, &'static [&'static str]) = match &self {
            AppError::SignInRequired { next } => {
                let target = format!(
                    "/sign-in?next={}",
                    url::form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>()
                );
                return Redirect::to(&target).into_response();
            }
            AppError::NotFound => (
                StatusCode::NOT_FOUND,
                "Page not found",
                &[
                    "If you typed the web address, check it is correct.",
                    "If you pasted the web address, check you copied the entire address.",
                ],
            ),
            AppError::Forbidden => (
                StatusCode::FORBIDDEN,
                "You do not have permission to see this page",
                &[
                    "Your account does not have the role this page needs. Ask your safeguarding lead or partnership business unit if you think it should.",
                ],
            ),
            AppError::CsrfRejected => (
                StatusCode::FORBIDDEN,
                "Your form could not be sent",
                &[
                    "This can happen when a page has been open for a long time or you signed out in another tab. Go back, refresh the page and try again. Nothing you typed has been saved.",
                ],
            ),
            AppError::Internal(err) => {
                tracing::error!(error = ?err, "request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Sorry, there is a problem with the service",
                    &[
                        "Try again later. What you entered has not been saved.",
                        "If the problem continues, contact your partnership business unit.",
                    ],
                )
            }
        };
        render_error(status, heading, paragraphs)
    }
}

pub fn render_error(
    status: StatusCode,
    heading: &'static str,
    paragraphs: &'static [&'static str],
) -> Response {
    let mut response =
        (status, axum::response::Html(error_html(Page::bare(heading), heading, paragraphs))).into_response();
    response.extensions_mut().insert(ErrorContent { heading, paragraphs });
    response
}

fn error_html(page: Page, heading: &'static str, paragraphs: &'static [&'static str]) -> String {
    ErrorPage { page, heading, paragraphs }.render().unwrap_or_else(|_| format!("<h1>{heading}</h1>"))
}

/// What an error page says, kept on its response so [`with_signed_in_chrome`] can draw
/// it again inside the signed-in person's navigation.
#[derive(Debug, Clone, Copy)]
struct ErrorContent {
    heading: &'static str,
    paragraphs: &'static [&'static str],
}

/// Draws "page not found" and "no permission" pages with the navigation of the person
/// signed in, so someone who followed a stale link still sees where they can go.
/// Errors are rendered where no request context exists (extractor rejections, the
/// fallback), so the context is read here, only once a response is such a page.
pub async fn with_signed_in_chrome(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let mut kept = copy_of(&parts);
    let response = next.run(Request::from_parts(parts, body)).await;
    let Some(content) = response.extensions().get::<ErrorContent>().copied() else {
        return response;
    };
    if !matches!(response.status(), StatusCode::NOT_FOUND | StatusCode::FORBIDDEN) {
        return response;
    }
    let ctx = match Ctx::from_request_parts(&mut kept, &state).await {
        Ok(ctx) if ctx.user.is_some() => ctx,
        _ => return response,
    };
    let html = error_html(ctx.page(content.heading), content.heading, content.paragraphs);
    let (mut response_parts, _) = response.into_parts();
    response_parts.headers.remove(axum::http::header::CONTENT_LENGTH);
    Response::from_parts(response_parts, axum::body::Body::from(html))
}

/// The request's method, address, headers and extensions (the session among them),
/// without its body.
fn copy_of(parts: &Parts) -> Parts {
    let (mut copy, ()) = Request::new(()).into_parts();
    copy.method = parts.method.clone();
    copy.uri = parts.uri.clone();
    copy.version = parts.version;
    copy.headers = parts.headers.clone();
    copy.extensions = parts.extensions.clone();
    copy
}

/// The page for any path no route serves.
pub async fn not_found() -> AppError {
    AppError::NotFound
}
