//! One error type for every handler. It turns itself into the right page and status:
//! 404 and 403 pages, a redirect to sign-in, or a 500 page that shows nothing of the
//! cause, which is logged once here.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::page::Page;
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
    let body = ErrorPage { page: Page::bare(heading), heading, paragraphs }
        .render()
        .unwrap_or_else(|_| format!("<h1>{heading}</h1>"));
    (status, axum::response::Html(body)).into_response()
}

/// The page for any path no route serves.
pub async fn not_found() -> AppError {
    AppError::NotFound
}
