//! The offline workbook's download, its upload page, and the upload itself, which is
//! checked in full and kept for the preview (see `preview.rs`) only when it is valid.
//!
//! Who may do what follows the standard pages exactly: a person downloads the
//! standards they may read, and an upload may change only criteria of the standards
//! they may answer (the lead every standard, a contributor those shared with them).

use std::collections::{HashMap, HashSet};

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

use super::read::{self, MAX_FILE_BYTES};
use super::{sheet, store};
use crate::assessments::access::{self, Loaded};
use crate::assessments::store::{self as answers_store, Saved, fingerprint};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::assessment::Answer;
use osa_core::assessment::workbook::{self, Context, Plan, Problem, SheetRow};
use osa_core::framework::Standard;

pub(super) use crate::assessments::access::StandardRights as Rights;

async fn rights(ctx: &Ctx, state: &AppState, loaded: &Loaded) -> Result<Rights, AppError> {
    access::standard_rights_of(ctx, state, loaded).await
}

/// Loads the assessment for someone who may answer at least one of its standards.
pub(super) async fn load_for_upload(
    ctx: &Ctx,
    state: &AppState,
    id: i64,
) -> Result<(Loaded, Rights), AppError> {
    let loaded = access::read(ctx, state, id).await?;
    let rights = rights(ctx, state, &loaded).await?;
    if rights.writable.is_empty() {
        return Err(AppError::Forbidden);
    }
    Ok((loaded.into_loaded(), rights))
}

pub async fn download(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let loaded = access::read(&ctx, &state, id).await?;
    let rights = rights(&ctx, &state, &loaded).await?;
    let saved = answers_store::answers(&state.db, id).await?;
    let bytes = sheet::build(&sheet::Source {
        organisation: &loaded.organisation.name,
        framework: &loaded.framework.framework,
        profile: loaded.profile,
        readable: &rights.readable,
        writable: &rights.writable,
        saved: &saved,
        upload_url: format!("{}/assessments/{id}/workbook", state.config.public_url),
    })
    .map_err(|e| AppError::Internal(e.into()))?;
    Ok((
        [
            (header::CONTENT_TYPE, XLSX_TYPE.to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"assessment-{id}.xlsx\"")),
        ],
        bytes,
    )
        .into_response())
}

pub const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[derive(Template, WebTemplate)]
#[template(path = "workbook/upload.html")]
pub struct UploadPage {
    page: Page,
    id: i64,
    organisation: String,
    problems: Vec<String>,
}

fn upload_page(ctx: &Ctx, id: i64, loaded: &Loaded, problems: Vec<Problem>) -> UploadPage {
    UploadPage {
        page: ctx.page("Work offline with a spreadsheet"),
        id,
        organisation: loaded.organisation.name.clone(),
        problems: problems.iter().map(ToString::to_string).collect(),
    }
}

pub async fn page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<UploadPage, AppError> {
    let (loaded, _) = load_for_upload(&ctx, &state, id).await?;
    Ok(upload_page(&ctx, id, &loaded, Vec::new()))
}

/// Checks rows against the answers as they stand now.
pub(super) fn check(
    loaded: &Loaded,
    rights: &Rights,
    saved: &HashMap<String, Saved>,
    rows: &[SheetRow],
) -> Result<Plan, Vec<Problem>> {
    let (sector, duty) = loaded.profile;
    let current: HashMap<String, (Answer, i64)> =
        saved.iter().map(|(k, v)| (k.clone(), (v.answer.clone(), v.version))).collect();
    let may_answer = |s: &Standard| rights.writable.contains(&s.code);
    let ctx = Context {
        framework: &loaded.framework.framework,
        sector,
        duty,
        current: &current,
        may_answer: &may_answer,
        fingerprint: &fingerprint,
    };
    workbook::plan(rows, &ctx)
}

/// What was received: the file, or why there is none to read.
#[derive(Default)]
struct Received {
    file_name: String,
    bytes: Vec<u8>,
    problem: Option<Problem>,
    too_large: bool,
}

/// How much more than the limit is read (and thrown away) so that the browser
/// finishes sending and shows the page saying the file is too large, rather than
/// reporting a broken connection. Past this the server stops reading.
const READ_PAST_LIMIT: usize = 100 * 1024 * 1024;

/// Reads the multipart body as it arrives, keeping at most [`MAX_FILE_BYTES`].
async fn receive(request: Request, state: &AppState) -> Received {
    let mut got = Received::default();
    let Ok(mut form) = Multipart::from_request(request, state).await else {
        got.problem = Some(Problem::file("Select the workbook to upload"));
        return got;
    };
    loop {
        let mut field = match form.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(_) => {
                got.problem = Some(Problem::file("The upload could not be read. Try again"));
                break;
            }
        };
        if field.name() != Some("file") {
            continue;
        }
        got.file_name = field.file_name().unwrap_or_default().chars().take(200).collect();
        let mut seen = 0usize;
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) => {
                    seen += chunk.len();
                    if seen <= MAX_FILE_BYTES {
                        got.bytes.extend_from_slice(&chunk);
                    } else {
                        got.too_large = true;
                        got.bytes = Vec::new();
                        if seen > MAX_FILE_BYTES + READ_PAST_LIMIT {
                            return got;
                        }
                    }
                }
                Ok(None) => break,
                Err(_) => {
                    got.problem = Some(Problem::file("The upload could not be read. Try again"));
                    return got;
                }
            }
        }
    }
    got
}

pub async fn upload(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    request: Request,
) -> Result<Response, AppError> {
    // The body is read only after the access check, so a refused person is told so
    // rather than about the shape of their upload.
    let (loaded, rights) = load_for_upload(&ctx, &state, id).await?;
    let mut got = receive(request, &state).await;
    let refuse = |status, problems| Ok((status, upload_page(&ctx, id, &loaded, problems)).into_response());
    if got.too_large {
        let message = format!("The file must be {} MB or smaller", MAX_FILE_BYTES / (1024 * 1024));
        return refuse(StatusCode::PAYLOAD_TOO_LARGE, vec![Problem::file(message)]);
    }
    if let Some(problem) = got.problem {
        return refuse(StatusCode::UNPROCESSABLE_ENTITY, vec![problem]);
    }
    if got.bytes.is_empty() {
        return refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![Problem::file("Select the workbook to upload")],
        );
    }
    // Unpacking and reading a workbook is CPU work of up to a second or so for a large
    // file: it runs on the blocking pool, so the async workers keep serving others.
    let bytes = std::mem::take(&mut got.bytes);
    let checked = tokio::task::spawn_blocking(move || {
        read::grid(&bytes).map_err(|p| vec![p]).and_then(|grid| workbook::read_rows(&grid))
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?;
    let rows = match checked {
        Ok(rows) => rows,
        Err(problems) => return refuse(StatusCode::UNPROCESSABLE_ENTITY, problems),
    };
    let saved = answers_store::answers(&state.db, id).await?;
    let plan = match check(&loaded, &rights, &saved, &rows) {
        Ok(plan) => plan,
        Err(problems) => return refuse(StatusCode::UNPROCESSABLE_ENTITY, problems),
    };
    if plan.changes.is_empty() && plan.conflicts.is_empty() {
        ctx.flash("important", "Nothing to change: every answer in the workbook is already saved").await?;
        return Ok(Redirect::to(&format!("/assessments/{id}/workbook")).into_response());
    }
    let wanted: HashSet<u32> =
        plan.changes.iter().map(|c| c.row).chain(plan.conflicts.iter().map(|c| c.row)).collect();
    let keep: Vec<SheetRow> = rows.into_iter().filter(|r| wanted.contains(&r.row)).collect();
    let user = ctx.user()?.id;
    let pending = store::keep(&state.db, id, user, &got.file_name, &keep).await?;
    Ok(Redirect::to(&format!("/assessments/{id}/workbook/{pending}")).into_response())
}
