//! Adding, editing and removing a partnership's resources: its admins only. A file
//! sent with a form that comes back with errors is kept (in the file store, named in
//! the session), so the person fixes the mistake without choosing the file again.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};

use super::form::{self, LinkChoices, Posted, ResourceForm, SOURCE_FILE, SOURCE_LINK};
use super::pages::{partnership, require_manage};
use super::scope::linkable_frameworks;
use super::store::{self, ResourceRow, Source, StoredFile};
use crate::partnerships::store::Partnership;
use crate::storage::check_upload;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::forms::{Errors, options};
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::signposting::{Link, ResourceKind};

#[derive(Template, WebTemplate)]
#[template(path = "resources/form.html")]
pub struct FormPage {
    page: Page,
    partnership: Partnership,
    /// The resource being edited; `None` when adding one.
    resource: Option<i64>,
    form: ResourceForm,
    kinds: Vec<(&'static str, &'static str)>,
    choices: LinkChoices,
    /// The file the resource has or will have: stored already, or sent on an earlier try.
    file: Option<StoredFile>,
    errors: Errors,
}

impl FormPage {
    pub fn file_note(&self) -> Option<String> {
        let f = self.file.as_ref()?;
        let kind = crate::storage::FileKind::from_mime(&f.mime).map(|k| k.label()).unwrap_or("File");
        Some(format!("{} ({kind}, {})", f.name, super::size_text(f.size)))
    }
}

/// The session key of a file sent with a form that came back with errors, so the
/// person need not choose it again.
const PENDING_UPLOAD: &str = "resource_pending_upload";

#[derive(Serialize, Deserialize)]
struct PendingUpload {
    /// Which form it belongs to: "{partnership}/new" or "{partnership}/{resource}".
    form: String,
    file: StoredFile,
}

fn form_key(partnership: i64, resource: Option<i64>) -> String {
    match resource {
        Some(r) => format!("{partnership}/{r}"),
        None => format!("{partnership}/new"),
    }
}

async fn pending(ctx: &Ctx, form: &str) -> Result<Option<StoredFile>, AppError> {
    let held = ctx.session.get::<PendingUpload>(PENDING_UPLOAD).await?;
    Ok(held.filter(|p| p.form == form).map(|p| p.file))
}

/// Remembers a newly stored upload; an earlier one nobody saved is removed from the store.
async fn hold(ctx: &Ctx, state: &AppState, form: String, file: &StoredFile) -> Result<(), AppError> {
    if let Some(old) = ctx.session.get::<PendingUpload>(PENDING_UPLOAD).await? {
        forget_file(state, &old.file.key).await;
    }
    ctx.session.insert(PENDING_UPLOAD, PendingUpload { form, file: file.clone() }).await?;
    Ok(())
}

/// Removes a file no row points at any more. A failure leaves an unreachable file
/// behind, which is logged rather than shown: the person's change is already saved.
async fn forget_file(state: &AppState, key: &str) {
    if let Err(err) = state.files.delete(key).await {
        tracing::warn!(error = %err, "could not remove a resource file no longer used");
    }
}

async fn form_page(
    ctx: &Ctx,
    state: &AppState,
    partnership: Partnership,
    resource: Option<&ResourceRow>,
    form: ResourceForm,
    file: Option<StoredFile>,
    errors: Errors,
) -> Result<FormPage, AppError> {
    let frameworks = linkable_frameworks(&state.db, &partnership).await?;
    let existing = existing_links(state, resource).await?;
    let title = if resource.is_some() { "Edit a resource" } else { "Add a resource" };
    Ok(FormPage {
        page: ctx.page(title),
        choices: LinkChoices::new(&frameworks, &existing, &form.links),
        partnership,
        resource: resource.map(|r| r.id),
        form,
        kinds: options(ResourceKind::ALL, ResourceKind::code, ResourceKind::label),
        file,
        errors,
    })
}

async fn existing_links(state: &AppState, resource: Option<&ResourceRow>) -> Result<Vec<Link>, AppError> {
    Ok(match resource {
        Some(r) => store::links_of(&state.db, &[r.id]).await?.into_iter().map(|(_, l)| l).collect(),
        None => Vec::new(),
    })
}

pub async fn new_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<FormPage, AppError> {
    require_manage(&ctx, &state, id).await?;
    let partnership = partnership(&state, id).await?;
    let file = pending(&ctx, &form_key(id, None)).await?;
    let form = ResourceForm {
        source: if file.is_some() { SOURCE_FILE } else { SOURCE_LINK }.to_owned(),
        ..ResourceForm::default()
    };
    form_page(&ctx, &state, partnership, None, form, file, Errors::default()).await
}

pub async fn edit_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, resource)): Path<(i64, i64)>,
) -> Result<FormPage, AppError> {
    require_manage(&ctx, &state, id).await?;
    let partnership = partnership(&state, id).await?;
    let row = store::get(&state.db, id, resource).await?.ok_or(AppError::NotFound)?;
    let links = existing_links(&state, Some(&row)).await?;
    // A file sent on an earlier, unfinished try is what saving would use, so show it.
    let held = pending(&ctx, &form_key(id, Some(row.id))).await?;
    let form = ResourceForm {
        kind: row.kind.clone(),
        title: row.title.clone(),
        description: row.description.clone(),
        source: if row.url.is_some() && held.is_none() { SOURCE_LINK } else { SOURCE_FILE }.to_owned(),
        url: row.url.clone().unwrap_or_default(),
        links: links.iter().map(Link::code).collect(),
    };
    let file = held.or_else(|| stored_file(&row));
    form_page(&ctx, &state, partnership, Some(&row), form, file, Errors::default()).await
}

fn stored_file(row: &ResourceRow) -> Option<StoredFile> {
    Some(StoredFile {
        key: row.file_key.clone()?,
        name: row.file_name.clone().unwrap_or_default(),
        mime: row.file_type.clone().unwrap_or_default(),
        size: row.file_size.unwrap_or(0),
    })
}

pub async fn create(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    request: Request,
) -> Result<Response, AppError> {
    // The body is read only after the access check, so a refused person learns
    // nothing about their upload.
    let actor = require_manage(&ctx, &state, id).await?.id;
    let partnership = partnership(&state, id).await?;
    let posted = form::read(request, &state).await;
    save(ctx, state, partnership, None, posted, actor).await
}

pub async fn update(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, resource)): Path<(i64, i64)>,
    request: Request,
) -> Result<Response, AppError> {
    let actor = require_manage(&ctx, &state, id).await?.id;
    let partnership = partnership(&state, id).await?;
    let row = store::get(&state.db, id, resource).await?.ok_or(AppError::NotFound)?;
    let posted = form::read(request, &state).await;
    save(ctx, state, partnership, Some(row), posted, actor).await
}

/// Checks and saves the add or edit form. A file that passes its checks is stored at
/// once and remembered, so when another field is wrong the person fixes only that.
async fn save(
    ctx: Ctx,
    state: AppState,
    partnership: Partnership,
    before: Option<ResourceRow>,
    posted: Posted,
    actor: i64,
) -> Result<Response, AppError> {
    let Posted { form, upload, problem } = posted;
    let key = form_key(partnership.id, before.as_ref().map(|r| r.id));
    let mut file = pending(&ctx, &key).await?.or_else(|| before.as_ref().and_then(stored_file));
    let mut file_problem = problem;
    if let (Some(upload), SOURCE_FILE, None) = (upload, form.source.as_str(), &file_problem) {
        match check_upload(&upload.bytes) {
            Ok(kind) => {
                let stored = StoredFile {
                    key: state.files.put(&upload.bytes).await?,
                    name: form::clean_file_name(&upload.name),
                    mime: kind.mime().to_owned(),
                    size: upload.bytes.len() as i64,
                };
                hold(&ctx, &state, key.clone(), &stored).await?;
                file = Some(stored);
            }
            Err(rejected) => file_problem = Some(rejected.to_string()),
        }
    }
    let frameworks = linkable_frameworks(&state.db, &partnership).await?;
    let existing = existing_links(&state, before.as_ref()).await?;
    let allowed = LinkChoices::allowed(&frameworks, &existing);
    let fields = match form::validate(&form, file.as_ref(), file_problem, &allowed) {
        Ok(fields) => fields,
        Err(errors) => {
            let page = form_page(&ctx, &state, partnership, before.as_ref(), form, file, errors).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let id = partnership.id;
    match &before {
        None => {
            store::create(&state.db, id, Some(actor), &fields).await?;
            ctx.flash("success", format!("Resource added: {}", fields.title)).await?;
        }
        Some(row) => {
            if !store::update(&state.db, id, row.id, actor, row, &fields).await? {
                return Err(AppError::NotFound);
            }
            let kept = matches!(&fields.source, Source::File(f) if Some(&f.key) == row.file_key.as_ref());
            if let (Some(old), false) = (&row.file_key, kept) {
                forget_file(&state, old).await;
            }
            ctx.flash("success", format!("Resource saved: {}", fields.title)).await?;
        }
    }
    // The held file now belongs to the resource (or was not used, when a link was chosen).
    if let Some(held) = ctx.session.remove::<PendingUpload>(PENDING_UPLOAD).await?
        && !matches!(&fields.source, Source::File(f) if f.key == held.file.key)
    {
        forget_file(&state, &held.file.key).await;
    }
    Ok(Redirect::to(&format!("/partnerships/{id}/resources")).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "resources/remove.html")]
pub struct RemovePage {
    page: Page,
    partnership: Partnership,
    resource: ResourceRow,
}

pub async fn remove_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, resource)): Path<(i64, i64)>,
) -> Result<RemovePage, AppError> {
    require_manage(&ctx, &state, id).await?;
    let partnership = partnership(&state, id).await?;
    let resource = store::get(&state.db, id, resource).await?.ok_or(AppError::NotFound)?;
    Ok(RemovePage { page: ctx.page(format!("Remove {}", resource.title)), partnership, resource })
}

pub async fn remove(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, resource)): Path<(i64, i64)>,
) -> Result<Redirect, AppError> {
    let actor = require_manage(&ctx, &state, id).await?.id;
    let Some(removed) = store::delete(&state.db, id, resource, actor).await? else {
        // A second click, or another tab: the resource is already gone.
        ctx.flash("important", "That resource had already been removed").await?;
        return Ok(Redirect::to(&format!("/partnerships/{id}/resources")));
    };
    if let Some(key) = &removed.file_key {
        forget_file(&state, key).await;
    }
    ctx.flash("success", format!("Resource removed: {}", removed.title)).await?;
    Ok(Redirect::to(&format!("/partnerships/{id}/resources")))
}
