//! Downloading a copy of a return: who may, and the file they get.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::store::{self, ReturnRecord};
use crate::assessments::access::profile_of;
use crate::exports;
use crate::frameworks::store as framework_store;
use crate::organisations::store as org_queries;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::format::datetime;
use crate::web::page::Ctx;
use crate::web::path::Path;
use osa_core::access::Action;
use osa_core::report::return_copy::{self, ReturnFacts, Submission};
use osa_core::report::{Document, parse_snapshot};

#[derive(Clone, Copy)]
enum Format {
    Pdf,
    Docx,
}

pub async fn pdf(ctx: Ctx, State(state): State<AppState>, Path(id): Path<i64>) -> Result<Response, AppError> {
    download(&ctx, &state, id, Format::Pdf).await
}

pub async fn docx(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    download(&ctx, &state, id, Format::Docx).await
}

/// The organisation's lead and senior sign-off (who read every standard), and the
/// staff of a partnership the return was submitted to. A partnership the
/// organisation joined later did not receive this return and does not get it now.
fn may_download(ctx: &Ctx, record: &ReturnRecord, sent_to: &[(i64, String)]) -> Result<(), AppError> {
    let user = ctx.user()?;
    let own = user
        .principal
        .decide(Action::ViewStandard { organisation: record.organisation_id, delegated: false });
    let recipient = record.is_submitted()
        && sent_to
            .iter()
            .any(|(p, _)| user.principal.decide(Action::ViewPartnership { partnership: *p }).is_allowed());
    if recipient { Ok(()) } else { AppError::check(own) }
}

async fn download(ctx: &Ctx, state: &AppState, id: i64, format: Format) -> Result<Response, AppError> {
    ctx.user()?;
    let record = store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let sent_to = store::sent_to(&state.db, id).await?;
    may_download(ctx, &record, &sent_to)?;
    let (doc, stem) = copy_of(state, &record, sent_to).await?;
    let (body, content_type, extension) = tokio::task::spawn_blocking(move || match format {
        Format::Pdf => Ok::<_, anyhow::Error>((exports::pdf::render(&doc), exports::PDF_TYPE, "pdf")),
        Format::Docx => Ok((exports::docx::render(&doc)?, exports::DOCX_TYPE, "docx")),
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))??;
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{stem}.{extension}\"")),
            // The copy holds what the organisation wrote about its safeguarding.
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        body,
    )
        .into_response())
}

/// The copy as a document, and the file name it goes by.
async fn copy_of(
    state: &AppState,
    record: &ReturnRecord,
    sent_to: Vec<(i64, String)>,
) -> Result<(Document, String), AppError> {
    let organisation =
        org_queries::get(&state.db, record.organisation_id).await?.ok_or(AppError::NotFound)?;
    let mut framework =
        framework_store::load(&state.db, record.framework_id).await?.ok_or(AppError::NotFound)?;
    let snapshot = parse_snapshot(&record.snapshot).map_err(|e| AppError::Internal(e.into()))?;
    // The local questions it was asked, as the snapshot keeps them.
    framework.framework = crate::frameworks::asked::as_returned(
        &state.db,
        &framework.framework,
        &snapshot,
        record.organisation_id,
    )
    .await?;
    let submission = match (record.is_submitted(), record.submitted_by, record.submitted_at) {
        (true, Some(by), Some(at)) => Some(Submission {
            by: store::display_name(&state.db, by).await?,
            at: datetime(at),
            partnerships: sent_to.into_iter().map(|(_, name)| name).collect(),
        }),
        _ => None,
    };
    let facts = ReturnFacts {
        organisation: organisation.name.clone(),
        framework_version: i64::from(framework.summary.version),
        signed_off_by: store::display_name(&state.db, record.signed_off_by).await?,
        signed_off_at: datetime(record.signed_off_at),
        submission,
    };
    let (sector, duty) = profile_of(&organisation)?;
    let copy = return_copy::build(facts, &framework.framework, &snapshot.answers, sector, duty);
    let day = record.submitted_at.unwrap_or(record.signed_off_at).date();
    let stem = return_copy::file_stem(&organisation.name, &framework.framework.name, day);
    Ok((copy.document(), stem))
}
