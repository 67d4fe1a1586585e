//! Static files compiled into the binary: the GOV.UK Frontend build (vendored from the
//! npm package by scripts/vendor-govuk-frontend.sh) served at `/assets/`, where its CSS
//! expects its fonts and images, and osa's own files under `/assets/osa/`.
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;

use crate::web::path::Path;

#[derive(RustEmbed)]
#[folder = "assets/"]
struct Assets;

pub async fn serve(Path(path): Path<String>) -> Response {
    let key = if path.starts_with("osa/") { path.clone() } else { format!("govuk/{path}") };
    match Assets::get(&key) {
        Some(file) => {
            let mime = mime_guess::from_path(&path).first_or_octet_stream();
            (
                [
                    (header::CONTENT_TYPE, mime.as_ref().to_owned()),
                    (header::CACHE_CONTROL, "public, max-age=3600".to_owned()),
                ],
                file.data.into_owned(),
            )
                .into_response()
        }
        None => (StatusCode::NOT_FOUND, "Not found").into_response(),
    }
}
