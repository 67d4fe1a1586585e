//! The API's errors: always JSON, never a page, so a BI tool can read why it was
//! refused. The access functions the API shares with the pages answer `AppError`;
//! it turns into the same status here, as JSON.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use crate::web::error::AppError;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("unauthorized: {0}")]
    Unauthorized(&'static str),
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("too many requests")]
    TooManyRequests { retry_after_seconds: i64 },
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// The body of every error the API answers.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// The HTTP status, repeated for tools that only keep the body.
    pub status: u16,
    /// A short code that does not change: `unauthorized`, `bad_request`,
    /// `not_found`, `forbidden`, `too_many_requests` or `internal`.
    pub error: &'static str,
    /// What went wrong, in a sentence for the person setting up the tool.
    pub message: String,
}

impl From<AppError> for ApiError {
    fn from(err: AppError) -> Self {
        match err {
            AppError::NotFound => ApiError::NotFound,
            AppError::Forbidden | AppError::CsrfRejected => ApiError::Forbidden,
            AppError::SignInRequired { .. } => {
                ApiError::Unauthorized("Send an API token as Authorization: Bearer <token>.")
            }
            AppError::Internal(err) => ApiError::Internal(err),
        }
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(err: sqlx::Error) -> Self {
        ApiError::Internal(err.into())
    }
}

impl ApiError {
    pub fn body(&self) -> (StatusCode, ErrorBody) {
        let (status, error, message) = match self {
            ApiError::Unauthorized(why) => (StatusCode::UNAUTHORIZED, "unauthorized", (*why).to_owned()),
            ApiError::BadRequest(why) => (StatusCode::BAD_REQUEST, "bad_request", why.clone()),
            ApiError::NotFound => (
                StatusCode::NOT_FOUND,
                "not_found",
                "There is nothing at this address that this token may read.".to_owned(),
            ),
            ApiError::Forbidden => (
                StatusCode::FORBIDDEN,
                "forbidden",
                "This token may not read this. API tokens read what the partnership's analysts read."
                    .to_owned(),
            ),
            ApiError::TooManyRequests { retry_after_seconds } => (
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_requests",
                format!(
                    "This token has made too many calls in the last minute. Try again in {retry_after_seconds} seconds."
                ),
            ),
            ApiError::Internal(err) => {
                tracing::error!(error = ?err, "API call failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "Sorry, there is a problem with the service. Try again later.".to_owned(),
                )
            }
        };
        (status, ErrorBody { status: status.as_u16(), error, message })
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body) = self.body();
        let mut response = (status, Json(body)).into_response();
        let headers = response.headers_mut();
        if let ApiError::TooManyRequests { retry_after_seconds } = self
            && let Ok(value) = HeaderValue::from_str(&retry_after_seconds.to_string())
        {
            headers.insert(header::RETRY_AFTER, value);
        }
        if status == StatusCode::UNAUTHORIZED {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}
