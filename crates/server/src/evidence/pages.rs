//! Adding, downloading and removing evidence files. Every handler first checks the
//! person may read (or answer) the standard the criterion belongs to, exactly as the
//! standard's page does; only then is an upload's body read.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::FileView;
use super::names::{content_disposition, display_name, download_name};
use super::store::{self, EvidenceFile, Upload};
use crate::assessments::access::{self, Loaded};
use crate::assessments::form::slug;
use crate::assessments::standard::{Kept, applicable, has_unsaved_answers, standard_page};
use crate::storage::{FileKind, check_upload};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, Flash, Page};
use crate::web::path::Path;

/// One file chosen in one criterion's file input.
struct Chosen {
    criterion: String,
    name: String,
    bytes: Vec<u8>,
}

/// What the standard page's form sent with "Upload files".
#[derive(Default)]
struct Sent {
    /// The answers and hidden fields, as typed.
    fields: HashMap<String, String>,
    files: Vec<Chosen>,
    /// The criterion whose button was used.
    clicked: Option<String>,
    /// The body broke off part of the way through.
    broke_off: bool,
}

async fn read_sent(request: Request, state: &AppState) -> Sent {
    let mut sent = Sent::default();
    // A body that is not a multipart form is treated as a form with no file chosen.
    let Ok(mut multipart) = Multipart::from_request(request, state).await else { return sent };
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(_) => {
                sent.broke_off = true;
                break;
            }
        };
        let Some(name) = field.name().map(str::to_owned) else { continue };
        if let Some(criterion) = name.strip_prefix("evidence:") {
            let file_name = field.file_name().unwrap_or_default().to_owned();
            match field.bytes().await {
                // A file input left empty still sends a part, with no name and no bytes.
                Ok(bytes) if bytes.is_empty() && file_name.is_empty() => {}
                Ok(bytes) => sent.files.push(Chosen {
                    criterion: criterion.to_owned(),
                    name: file_name,
                    bytes: bytes.into(),
                }),
                Err(_) => {
                    sent.broke_off = true;
                    break;
                }
            }
        } else if let Ok(text) = field.text().await {
            if name == "upload" {
                sent.clicked = Some(text);
            } else {
                sent.fields.insert(name, text);
            }
        } else {
            sent.broke_off = true;
            break;
        }
    }
    sent
}

/// "Added report.pdf to 1.1", or the names of several files.
fn added_message(uploads: &[Upload]) -> String {
    match uploads {
        [one] => format!("Added {} to {}", one.name, one.criterion),
        many => {
            let names: Vec<String> = many.iter().map(|u| format!("{} ({})", u.name, u.criterion)).collect();
            format!("Added {} files: {}", many.len(), names.join(", "))
        }
    }
}

/// Errors by criterion code, each for the criterion's file input.
type FileErrors = HashMap<String, Vec<(&'static str, String)>>;

/// Splits the chosen files into those that may be kept and the errors for the rest.
/// Errors that belong to no one file are shown at the button that was used.
fn sort_out(
    chosen: Vec<Chosen>,
    codes: &[String],
    clicked: Option<&str>,
    broke_off: bool,
) -> (Vec<Upload>, FileErrors) {
    let several = chosen.len() > 1;
    let mut errors = FileErrors::new();
    let mut accepted = Vec::new();
    for file in chosen {
        // Only this standard's criteria can take files through its page.
        if !codes.contains(&file.criterion) {
            continue;
        }
        let name = display_name(&file.name);
        match check_upload(&file.bytes) {
            Ok(kind) => accepted.push(Upload { criterion: file.criterion, name, kind, bytes: file.bytes }),
            Err(why) => {
                let message = if several { format!("{name}: {why}") } else { why.to_string() };
                errors.entry(file.criterion).or_default().push(("evidence", message));
            }
        }
    }
    if let Some(clicked) = clicked {
        let message = if broke_off {
            Some("The upload could not be read to the end. Choose the files again and upload them")
        } else if accepted.is_empty() && errors.is_empty() {
            Some("Select a file to add")
        } else {
            None
        };
        if let Some(message) = message {
            errors.entry(clicked.to_owned()).or_default().push(("evidence", message.to_owned()));
        }
    }
    (accepted, errors)
}

pub async fn upload(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, code)): Path<(i64, String)>,
    request: Request,
) -> Result<Response, AppError> {
    let loaded = access::read(&ctx, &state, id).await?;
    let actor = access::require_answerer(&ctx, &state, &loaded, &code).await?;
    let can_edit = true;
    let standard = access::find_standard(&loaded.framework, &code)?;
    let sent = read_sent(request, &state).await;
    let codes: Vec<String> = applicable(standard, loaded.profile).iter().map(|c| c.code.clone()).collect();
    let clicked = sent.clicked.clone().filter(|c| codes.contains(c)).or_else(|| codes.first().cloned());

    let (mut accepted, mut errors) = sort_out(sent.files, &codes, clicked.as_deref(), sent.broke_off);
    let mut status = StatusCode::UNPROCESSABLE_ENTITY;
    if !accepted.is_empty() {
        // If the files cannot be kept, the page still comes back with what was typed.
        if let Err(err) = store::attach(&state.db, &state.files, id, actor, &accepted).await {
            tracing::error!(error = %err, assessment = id, "evidence files could not be stored");
            for upload in accepted.drain(..) {
                let message = format!("{} could not be stored. Try again later", upload.name);
                errors.entry(upload.criterion).or_default().push(("evidence", message));
            }
            status = StatusCode::INTERNAL_SERVER_ERROR;
        }
    }

    let unsaved = has_unsaved_answers(&loaded, standard, &sent.fields);
    if errors.is_empty() && !unsaved {
        ctx.flash("success", added_message(&accepted)).await?;
        let anchor = accepted.first().map(|u| slug(&u.criterion)).unwrap_or_default();
        return Ok(
            Redirect::to(&format!("/assessments/{id}/standards/{code}#{anchor}-files")).into_response()
        );
    }
    let mut kept = Kept { posted: sent.fields, ..Kept::default() };
    if errors.is_empty() {
        kept.notices.push(Flash { kind: "success".into(), heading: added_message(&accepted) });
        kept.notices.push(Flash {
            kind: "important".into(),
            heading: "Your changes to the answers on this page are not saved yet. Save them with the button at the end of the page.".into(),
        });
        status = StatusCode::OK;
    } else {
        let answers = if unsaved { " Your answers are kept below, not saved yet." } else { "" };
        kept.summary_intro = Some(if accepted.is_empty() {
            format!("No file was added.{answers}")
        } else {
            format!("{}. The files listed here were not added.{answers}", added_message(&accepted))
        });
    }
    kept.errors = errors;
    let page = standard_page(&ctx, &state, &loaded, standard, can_edit, kept).await?;
    Ok((status, page).into_response())
}

/// A file of this assessment, and whether the person may read (and change) its
/// criterion's answer: the rights of the standard it belongs to.
async fn file_of(
    ctx: &Ctx,
    state: &AppState,
    loaded: &Loaded,
    file_id: i64,
    edit: bool,
) -> Result<EvidenceFile, AppError> {
    let file = store::get(&state.db, file_id)
        .await?
        .filter(|f| f.assessment_id == loaded.assessment.id)
        .ok_or(AppError::NotFound)?;
    // A criterion no longer in the framework belongs to no standard anyone was given.
    let standard = loaded
        .framework
        .framework
        .find(&file.criterion_code)
        .map(|(s, _)| s.code.clone())
        .unwrap_or_default();
    if edit {
        access::require_answerer(ctx, state, loaded, &standard).await?;
    } else {
        access::may_answer(ctx, state, loaded, &standard).await?;
    }
    Ok(file)
}

pub async fn download(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, file_id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let loaded = access::read(&ctx, &state, id).await?;
    let file = file_of(&ctx, &state, &loaded, file_id, false).await?;
    let Some(bytes) = state.files.get(&file.storage_key).await? else {
        tracing::error!(file = file.id, "an evidence file's bytes are missing from the file store");
        return Err(AppError::NotFound);
    };
    let kind = file.kind();
    let media_type = kind.map(FileKind::mime).unwrap_or("application/octet-stream");
    let name = kind.map(|k| download_name(&file.file_name, k)).unwrap_or_else(|| file.file_name.clone());
    let disposition = HeaderValue::from_str(&content_disposition(&name))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(media_type)),
            (header::CONTENT_DISPOSITION, disposition),
            (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
            // Evidence may be sensitive: no shared or lasting copies.
            (header::CACHE_CONTROL, HeaderValue::from_static("private, no-store")),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "evidence/delete.html")]
pub struct RemovePage {
    page: Page,
    id: i64,
    file: FileView,
    criterion: String,
    question: String,
    back: String,
    error: Option<&'static str>,
}

fn back_to(file: &EvidenceFile, loaded: &Loaded) -> String {
    let standard = loaded
        .framework
        .framework
        .find(&file.criterion_code)
        .map(|(s, _)| s.code.clone())
        .unwrap_or_default();
    format!("/assessments/{}/standards/{standard}#{}-files", loaded.assessment.id, slug(&file.criterion_code))
}

fn remove_page(ctx: &Ctx, loaded: &Loaded, file: &EvidenceFile, error: Option<&'static str>) -> RemovePage {
    let question = loaded
        .framework
        .framework
        .find(&file.criterion_code)
        .map(|(_, c)| c.question.clone())
        .unwrap_or_default();
    RemovePage {
        page: ctx.page(format!("Do you want to remove {}?", file.file_name)),
        id: loaded.assessment.id,
        file: FileView::from(file),
        criterion: file.criterion_code.clone(),
        question,
        back: back_to(file, loaded),
        error,
    }
}

pub async fn confirm_removal(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, file_id)): Path<(i64, i64)>,
) -> Result<RemovePage, AppError> {
    let loaded = access::read(&ctx, &state, id).await?;
    let file = file_of(&ctx, &state, &loaded, file_id, true).await?;
    Ok(remove_page(&ctx, &loaded, &file, None))
}

#[derive(Deserialize)]
pub struct RemoveForm {
    #[serde(default)]
    confirm: String,
}

pub async fn remove(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, file_id)): Path<(i64, i64)>,
    Form(form): Form<RemoveForm>,
) -> Result<Response, AppError> {
    let loaded = access::read(&ctx, &state, id).await?;
    let file = file_of(&ctx, &state, &loaded, file_id, true).await?;
    let back = back_to(&file, &loaded);
    match form.confirm.as_str() {
        "yes" => {
            let actor = ctx.user()?.id;
            if store::remove(&state.db, &state.files, actor, &file).await? {
                ctx.flash("success", format!("Removed {} from {}", file.file_name, file.criterion_code))
                    .await?;
            }
            Ok(Redirect::to(&back).into_response())
        }
        "no" => Ok(Redirect::to(&back).into_response()),
        _ => {
            let page = remove_page(&ctx, &loaded, &file, Some("Select yes if you want to remove the file"));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}
