//! The upload page: a platform admin or partnership admin sends a framework file; it is
//! stored as a draft only if the whole file is valid, otherwise every problem is listed
//! with its line, and nothing is stored.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::import::{self, ImportError};
use crate::partnerships::store as partnership_queries;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, Page, SignedIn};
use osa_core::access::Action;
use osa_core::framework::MAX_FILE_BYTES;

#[derive(Template, WebTemplate)]
#[template(path = "frameworks/import.html")]
pub struct ImportPage {
    page: Page,
    owners: Vec<(String, String)>,
    chosen_owner: String,
    problems: Vec<String>,
}

/// Who a new framework may belong to: the platform (platform admins) or a partnership
/// the person administers.
async fn owners(state: &AppState, user: &SignedIn) -> Result<Vec<(String, String)>, AppError> {
    let mut out = Vec::new();
    if user.principal.platform_admin {
        out.push(("platform".to_owned(), "Shared by every partnership (platform)".to_owned()));
    }
    let administered: Vec<i64> = user.principal.admin_partnerships().collect();
    for p in partnership_queries::all(&state.db).await? {
        if administered.contains(&p.id) {
            out.push((p.id.to_string(), p.name));
        }
    }
    Ok(out)
}

pub async fn form(ctx: Ctx, State(state): State<AppState>) -> Result<ImportPage, AppError> {
    let user = ctx.require(Action::ImportFrameworks)?;
    let owners = owners(&state, user).await?;
    let chosen_owner = owners.first().map(|(c, _)| c.clone()).unwrap_or_default();
    Ok(ImportPage { page: ctx.page("Import a framework file"), owners, chosen_owner, problems: Vec::new() })
}

pub async fn submit(ctx: Ctx, State(state): State<AppState>, request: Request) -> Result<Response, AppError> {
    let user = ctx.require(Action::ImportFrameworks)?;
    // The body is read only after the access check, so a refused person is told so
    // rather than about the shape of their upload.
    // A body that is not a multipart form is treated as an upload with no file.
    let mut multipart = Multipart::from_request(request, &state).await.ok();
    let allowed_owners = owners(&state, user).await?;
    let mut owner_field = String::new();
    let mut file: Option<Vec<u8>> = None;
    let mut problems = Vec::new();
    if multipart.is_none() {
        problems.push("Select a framework file".to_owned());
    }
    while let Some(form) = multipart.as_mut() {
        let field = match form.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(err) => {
                problems.push(format!("The upload could not be read ({err}). Try again."));
                break;
            }
        };
        match field.name() {
            Some("owner") => owner_field = field.text().await.unwrap_or_default(),
            Some("file") => match field.bytes().await {
                Ok(bytes) if bytes.is_empty() => {}
                Ok(bytes) if bytes.len() > MAX_FILE_BYTES => {
                    problems.push("The file must be 2 MB or smaller".to_owned())
                }
                Ok(bytes) => file = Some(bytes.to_vec()),
                Err(_) => problems.push("The file must be 2 MB or smaller".to_owned()),
            },
            _ => {}
        }
    }
    let owner = match allowed_owners.iter().find(|(code, _)| *code == owner_field) {
        Some((code, _)) if code == "platform" => Some(None),
        Some((code, _)) => code.parse::<i64>().ok().map(Some),
        None => None,
    };
    if owner.is_none() {
        problems.push("Select who the framework belongs to".to_owned());
    }
    if file.is_none() && problems.is_empty() {
        problems.push("Select a framework file".to_owned());
    }
    let retry = |problems: Vec<String>| {
        let page = ImportPage {
            page: ctx.page("Import a framework file"),
            owners: allowed_owners.clone(),
            chosen_owner: owner_field.clone(),
            problems,
        };
        (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
    };
    let (Some(owner), Some(file), true) = (owner, file, problems.is_empty()) else {
        return Ok(retry(problems));
    };
    match import::import(&state.db, owner, Some(user.id), user.principal.platform_admin, &file, false).await {
        Ok(done) => {
            ctx.flash(
                "success",
                format!(
                    "Imported {} version {} as a draft: {} standards and {} criteria. Check it, then publish it.",
                    done.key, done.version, done.standards, done.criteria
                ),
            )
            .await?;
            Ok(Redirect::to(&format!("/frameworks/{}", done.id)).into_response())
        }
        Err(ImportError::Invalid(errors)) => Ok(retry(errors.iter().map(ToString::to_string).collect())),
        Err(ImportError::NotOwner { key }) => Ok(retry(vec![format!(
            "The key \"{key}\" belongs to another owner. Give your framework a different key, or ask its owner to publish the change"
        )])),
        Err(ImportError::Storage(err)) => Err(AppError::Internal(err)),
    }
}
