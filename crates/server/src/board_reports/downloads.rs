//! The report as files: Word (DOCX) and tagged PDF from the shared exporters, and a
//! standalone accessible HTML page for the partnership's website. All three are laid
//! out from the same `Document`, so they hold the same words and figures.

use std::sync::LazyLock;

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64_STANDARD;
use sha2::{Digest, Sha256};

use super::access::load;
use super::view::{self, View};
use crate::exports::{DOCX_TYPE, PDF_TYPE, docx, pdf};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::Ctx;
use crate::web::path::Path;

fn file(body: Vec<u8>, content_type: &str, disposition: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            // A draft names organisations' standings: keep it out of shared caches.
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}

fn name(id: i64, ext: &str) -> String {
    format!("cycle-{id}-board-report.{ext}")
}

pub async fn docx(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let loaded = load(&ctx, &state, id, false).await?;
    let doc = loaded.document(&ctx, &state).await?;
    let body = docx::render(&doc)?;
    Ok(file(body, DOCX_TYPE, format!("attachment; filename=\"{}\"", name(id, "docx"))))
}

pub async fn pdf(ctx: Ctx, State(state): State<AppState>, Path(id): Path<i64>) -> Result<Response, AppError> {
    let loaded = load(&ctx, &state, id, false).await?;
    let doc = loaded.document(&ctx, &state).await?;
    Ok(file(pdf::render(&doc), PDF_TYPE, format!("attachment; filename=\"{}\"", name(id, "pdf"))))
}

/// A page complete in itself (no service header, no scripts, styles inline), ready
/// to be saved and published.
#[derive(Template)]
#[template(path = "board_reports/published.html")]
pub struct PublishedPage {
    style: &'static str,
    title: String,
    language: String,
    blocks: Vec<View>,
}

pub async fn html(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let loaded = load(&ctx, &state, id, false).await?;
    let doc = loaded.document(&ctx, &state).await?;
    let page = PublishedPage {
        style: PUBLISHED_STYLE,
        title: doc.title.clone(),
        language: doc.language.clone(),
        blocks: view::blocks(&doc),
    };
    let body = page.render()?.into_bytes();
    let mut response =
        file(body, "text/html; charset=utf-8", format!("inline; filename=\"{}\"", name(id, "html")));
    response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, published_policy());
    Ok(response)
}

/// The standalone page's own styles, inlined so the saved file needs nothing else.
const PUBLISHED_STYLE: &str = include_str!("published.css");

/// The service's policy allows only its own style sheets; the standalone page must
/// carry its styles inline, so its response names exactly that one style block by
/// its hash (nothing else inline may run) and is otherwise stricter still: it loads
/// nothing at all, its charts being inline SVG.
#[allow(clippy::expect_used, reason = "the policy is built from ASCII text and base64")]
fn published_policy() -> HeaderValue {
    static POLICY: LazyLock<HeaderValue> = LazyLock::new(|| {
        let hash = BASE64_STANDARD.encode(Sha256::digest(PUBLISHED_STYLE.as_bytes()));
        let policy = format!(
            "default-src 'none'; style-src 'sha256-{hash}'; img-src data:; form-action 'none'; \
             frame-ancestors 'none'; base-uri 'none'"
        );
        HeaderValue::from_str(&policy).expect("a policy is plain ASCII")
    });
    POLICY.clone()
}
