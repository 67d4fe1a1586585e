//! One sent update as the partnership and the organisation read it, with its threads:
//! partnership staff comment on or challenge it exactly as they do a return's answer
//! (the same threads, `crate::challenges`); the lead answers from the thread's page.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use time::OffsetDateTime;

use super::access::{Loaded, load};
use super::store::PlanUpdateRow;
use crate::challenges::reading::{checked_message, write_thread};
use crate::challenges::store::{self as threads, NewThread};
use crate::challenges::view::{ThreadView, with_messages};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::format::date;
use crate::web::forms::Errors;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::access::Principal;
use osa_core::challenge::{Kind, Step};
use osa_core::plan_update::Snapshot;

#[derive(Debug, Default, Deserialize)]
pub struct RaiseForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    message: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "plan_updates/show.html")]
pub struct ShowPage {
    page: Page,
    update: PlanUpdateRow,
    /// The organisation goes back to its plan, the partnership to the cycle's list.
    back: (String, &'static str),
    due: String,
    snap: Snapshot,
    sent_to: Vec<String>,
    threads: Vec<ThreadView>,
    /// The partnership a new thread is raised for, when the person may raise one.
    raise_for: Option<String>,
    is_lead: bool,
    form: RaiseForm,
    errors: Errors,
}

impl ShowPage {
    fn kind_options(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            (Kind::Challenge.code(), "A challenge: the organisation must answer it"),
            (Kind::Comment.code(), "A comment: no answer is needed"),
        ]
    }
}

async fn page(
    ctx: &Ctx,
    state: &AppState,
    principal: &Principal,
    loaded: Loaded,
    form: RaiseForm,
    errors: Errors,
) -> Result<ShowPage, AppError> {
    let snap = loaded.update.snapshot().map_err(|e| AppError::Internal(e.into()))?;
    let rows = threads::of_plan_update(&state.db, loaded.update.id).await?;
    let parties = loaded.ret.parties();
    let raise_for = parties
        .raising_partnership(principal, Kind::Comment)
        .map(|p| loaded.ret.partnership_name(p).to_owned());
    let is_lead = parties.may_take(principal, Step::Answer, Kind::Challenge, 0).is_allowed();
    let due = date(loaded.update.due_on);
    let back = if principal.is_org_member(loaded.update.organisation_id) {
        (format!("/assessments/{}/actions", loaded.update.assessment_id), "Back to the action plan")
    } else {
        (
            format!("/cycles/{}/plan-updates", loaded.update.cycle_id),
            "Back to the audit's action-plan updates",
        )
    };
    Ok(ShowPage {
        back,
        page: ctx.page(format!("Action-plan update due {due}")),
        due,
        sent_to: loaded.ret.sent_to.iter().map(|(_, n)| n.clone()).collect(),
        threads: with_messages(state, rows).await?,
        update: loaded.update,
        snap,
        raise_for,
        is_lead,
        form,
        errors,
    })
}

pub async fn show(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<ShowPage, AppError> {
    let (user, loaded) = load(&ctx, &state, id).await?;
    let form = RaiseForm { kind: Kind::Challenge.code().to_owned(), message: String::new() };
    page(&ctx, &state, &user.principal, loaded, form, Errors::default()).await
}

pub async fn raise(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(form): Form<RaiseForm>,
) -> Result<Response, AppError> {
    let (user, loaded) = load(&ctx, &state, id).await?;
    let parties = loaded.ret.parties();
    // Anyone who may raise anything may comment; the kind chosen is checked below.
    AppError::check(parties.may_raise(&user.principal, Kind::Comment))?;
    let mut errors = Errors::default();
    let kind = Kind::from_code(&form.kind).filter(|k| *k != Kind::ChangeRequest);
    if kind.is_none() {
        errors.add("kind", "Choose whether this is a comment or a challenge");
    }
    let message = errors.take("message", checked_message(&form.message, "Enter your comment or challenge"));
    let (Some(kind), Some(message)) = (kind, message) else {
        let page = page(&ctx, &state, &user.principal, loaded, form, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    AppError::check(parties.may_raise(&user.principal, kind))?;
    let partnership = parties.raising_partnership(&user.principal, kind).ok_or(AppError::Forbidden)?;
    let about = format!("{}{}", super::ABOUT_PREFIX, date(loaded.update.due_on));
    let thread = NewThread {
        return_id: loaded.update.return_id,
        organisation: loaded.update.organisation_id,
        partnership,
        criterion: None,
        plan_update: Some(id),
        kind,
        activity_only: false,
        body: &message,
        by: user.id,
        at: OffsetDateTime::now_utc(),
    };
    let thread_id = write_thread(&state, &loaded.ret, &thread, &about).await?;
    ctx.flash("success", format!("Your {} is added", kind.label().to_lowercase())).await?;
    Ok(Redirect::to(&format!("/returns/{}/threads/{thread_id}", loaded.update.return_id)).into_response())
}
