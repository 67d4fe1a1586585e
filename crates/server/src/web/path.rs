//! The path extractor every handler uses. axum's own answers a malformed path value
//! (`/cycles/abc`) with a plain-text 400; to a person that is just a page that does
//! not exist, so it gets the service's styled 404 like any other unknown address.

use axum::extract::FromRequestParts;
use axum::extract::rejection::PathRejection;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use super::error::AppError;

/// Path parameters, as `axum::extract::Path`, refusing malformed values with 404.
#[derive(Debug)]
pub struct Path<T>(pub T);

impl<S, T> FromRequestParts<S> for Path<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Path(value)),
            // A route whose pattern lacks the parameters its handler asks for is a
            // programming error, not a visitor's typo.
            Err(PathRejection::MissingPathParams(e)) => Err(AppError::Internal(anyhow::anyhow!("{e}"))),
            Err(_) => Err(AppError::NotFound),
        }
    }
}
