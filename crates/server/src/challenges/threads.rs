//! One thread's page, where the organisation's lead answers and marks resolved and
//! the partnership reopens; and asking for changes to a return as a whole.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use time::OffsetDateTime;

use super::access::{Loaded, load};
use super::notify;
use super::reading::{checked_message, write_thread};
use super::store::{self, Move, NewThread, Side};
use super::view::{ThreadView, copy_of, with_messages};
use crate::audit::{self, Change};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::forms::Errors;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::access::Principal;
use osa_core::challenge::{Kind, Step, next};

const WHOLE_RETURN: &str = "the whole return";

#[derive(Template, WebTemplate)]
#[template(path = "challenges/thread.html")]
pub struct ThreadPage {
    page: Page,
    id: i64,
    organisation: String,
    /// The criterion it is about, the whole return, or an action-plan update.
    about: String,
    /// Where "Back" goes: the return, or the action-plan update the thread is on.
    back: (String, &'static str),
    thread: ThreadView,
    may_answer: bool,
    may_resolve: bool,
    may_reopen: bool,
    form: StepForm,
    errors: Errors,
}

#[derive(Debug, Default, Deserialize)]
pub struct StepForm {
    #[serde(default)]
    step: String,
    #[serde(default)]
    answer: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    reason: String,
    /// "organisation" when sent from the organisation's list, to go back there.
    #[serde(default)]
    from: String,
}

/// What the thread is about, in words.
async fn about(
    state: &AppState,
    loaded: &Loaded,
    criterion: Option<&str>,
) -> Result<(String, String), AppError> {
    let (copy, _) = copy_of(state, loaded).await?;
    let about = match criterion {
        None => WHOLE_RETURN.to_owned(),
        Some(code) => copy
            .standards
            .iter()
            .flat_map(|s| &s.criteria)
            .find(|c| c.code == code)
            .map(|c| format!("{} {}", c.code, c.question))
            .unwrap_or_else(|| format!("criterion {code}")),
    };
    Ok((copy.organisation, about))
}

/// What a thread is about, in words, and where its page's back link goes: an
/// action-plan update's thread is about that update, others about the return.
async fn about_thread(
    state: &AppState,
    loaded: &Loaded,
    row: &store::ThreadRow,
) -> Result<(String, String, (String, &'static str)), AppError> {
    let (organisation, about) = about(state, loaded, row.criterion_code.as_deref()).await?;
    let Some(update) = row.plan_update_id else {
        return Ok((organisation, about, (format!("/returns/{}", loaded.id), "Back to the return")));
    };
    let due = crate::plan_updates::store::get(&state.db, update).await?.ok_or(AppError::NotFound)?.due_on;
    let about = format!("{}{}", crate::plan_updates::ABOUT_PREFIX, crate::web::format::date(due));
    Ok((organisation, about, (format!("/plan-updates/{update}"), "Back to the action-plan update")))
}

/// Whether `step` is allowed for this person and from where the thread stands.
fn can(principal: &Principal, loaded: &Loaded, t: &store::ThreadRow, step: Step) -> bool {
    loaded.parties().may_take(principal, step, t.kind(), t.partnership_id).is_allowed()
        && next(t.kind(), t.state(), step).is_ok()
}

async fn thread_page(
    ctx: &Ctx,
    state: &AppState,
    principal: &Principal,
    loaded: &Loaded,
    row: store::ThreadRow,
    form: StepForm,
    errors: Errors,
) -> Result<ThreadPage, AppError> {
    let (organisation, about, back) = about_thread(state, loaded, &row).await?;
    let (may_answer, may_resolve, may_reopen) = (
        can(principal, loaded, &row, Step::Answer),
        can(principal, loaded, &row, Step::Resolve),
        can(principal, loaded, &row, Step::Reopen),
    );
    let title = format!("{} from {}", row.kind().label(), row.partnership_name);
    let thread = with_messages(state, vec![row]).await?.pop().ok_or(AppError::NotFound)?;
    Ok(ThreadPage {
        page: ctx.page(title),
        id: loaded.id,
        organisation,
        about,
        back,
        thread,
        may_answer,
        may_resolve,
        may_reopen,
        form,
        errors,
    })
}

/// The thread, if it is on this return.
async fn find(state: &AppState, return_id: i64, thread: i64) -> Result<store::ThreadRow, AppError> {
    store::get(&state.db, thread).await?.filter(|t| t.return_id == return_id).ok_or(AppError::NotFound)
}

pub async fn show(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, thread)): Path<(i64, i64)>,
) -> Result<ThreadPage, AppError> {
    let (user, loaded) = load(&ctx, &state, id).await?;
    let row = find(&state, id, thread).await?;
    thread_page(&ctx, &state, &user.principal, &loaded, row, StepForm::default(), Errors::default()).await
}

pub async fn step(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, thread)): Path<(i64, i64)>,
    Form(form): Form<StepForm>,
) -> Result<Response, AppError> {
    let (user, loaded) = load(&ctx, &state, id).await?;
    let row = find(&state, id, thread).await?;
    let parties = loaded.parties();
    let (kind, raised_by) = (row.kind(), row.partnership_id);
    // Only the organisation's lead and the raising partnership take steps at all.
    let answer = parties.may_take(&user.principal, Step::Answer, kind, raised_by);
    let reopen = parties.may_take(&user.principal, Step::Reopen, kind, raised_by);
    if !answer.is_allowed() && !reopen.is_allowed() {
        AppError::check(answer)?;
    }
    let mut errors = Errors::default();
    let step = Step::from_code(&form.step).filter(|s| *s != Step::Raise);
    let body = match step {
        None => {
            errors.add("answer", "Choose what to do: answer, mark resolved or reopen");
            None
        }
        Some(step) => {
            AppError::check(parties.may_take(&user.principal, step, kind, raised_by))?;
            let (field, text) = match step {
                Step::Answer => ("answer", checked_message(&form.answer, "Enter your answer")),
                Step::Reopen => ("reason", checked_message(&form.reason, "Enter why you are reopening it")),
                _ if form.note.trim().is_empty() => ("note", Ok(String::new())),
                _ => ("note", checked_message(&form.note, "")),
            };
            let text = errors.take(field, text);
            if let Err(refusal) = next(kind, row.state(), step) {
                errors.add(field, format!("You cannot do that now: {refusal}"));
            }
            text
        }
    };
    let (Some(step), Some(body), true) = (step, body, errors.is_empty()) else {
        let page = thread_page(&ctx, &state, &user.principal, &loaded, row, form, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let to = next(kind, row.state(), step).map_err(|e| AppError::Internal(e.into()))?;
    let side = match step {
        Step::Reopen => Side::Partnership(raised_by),
        _ => Side::Organisation(loaded.record.organisation_id),
    };
    // Read before the write transaction opens, so it holds the database briefly.
    let (organisation, about, _) = about_thread(&state, &loaded, &row).await?;
    let at = OffsetDateTime::now_utc();
    let mut tx = state.db.begin().await?;
    let moved = Move { thread, step, from: row.state(), to, body: &body, by: user.id, side, at };
    if !store::take(&mut tx, &moved).await? {
        drop(tx);
        ctx.flash("important", "Someone else changed this thread meanwhile: read it again before you act")
            .await?;
        return Ok(Redirect::to(&format!("/returns/{id}/threads/{thread}")).into_response());
    }
    audit::record(
        &mut tx,
        Change {
            actor: Some(user.id),
            action: step.code(),
            entity: "return_thread",
            entity_id: thread.to_string(),
            before: Some(serde_json::json!({ "state": row.state.clone() })),
            after: Some(serde_json::json!({ "state": to.map(|s| s.code()), "message": body })),
        },
    )
    .await?;
    match step {
        Step::Answer => notify::answered(&mut tx, &state, &row, &organisation, &body).await?,
        Step::Reopen if kind.needs_answer() => {
            let raised = notify::Raised {
                return_id: id,
                thread,
                organisation: loaded.record.organisation_id,
                partnership: &row.partnership_name,
                kind,
                activity_only: row.activity_only,
                about: &about,
                message: &body,
            };
            notify::raised(&mut tx, &state, &raised).await?;
        }
        _ => {}
    }
    tx.commit().await?;
    let done = match step {
        Step::Answer => "Your answer is sent",
        Step::Resolve => "Marked resolved",
        _ => "Reopened: the organisation is asked to answer again",
    };
    ctx.flash("success", done).await?;
    let back = if form.from == "organisation" {
        format!("/organisations/{}/challenges", loaded.record.organisation_id)
    } else {
        format!("/returns/{id}/threads/{thread}")
    };
    Ok(Redirect::to(&back).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "challenges/request_changes.html")]
pub struct RequestChangesPage {
    page: Page,
    id: i64,
    organisation: String,
    partnership: String,
    reason: String,
    errors: Errors,
}

async fn request_page(
    ctx: &Ctx,
    state: &AppState,
    principal: &Principal,
    loaded: &Loaded,
    reason: String,
    errors: Errors,
) -> Result<RequestChangesPage, AppError> {
    AppError::check(loaded.parties().may_raise(principal, Kind::ChangeRequest))?;
    let partnership =
        loaded.parties().raising_partnership(principal, Kind::ChangeRequest).ok_or(AppError::Forbidden)?;
    let (organisation, _) = about(state, loaded, None).await?;
    Ok(RequestChangesPage {
        page: ctx.page("Request changes to this return"),
        id: loaded.id,
        organisation,
        partnership: loaded.partnership_name(partnership).to_owned(),
        reason,
        errors,
    })
}

pub async fn request_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<RequestChangesPage, AppError> {
    let (user, loaded) = load(&ctx, &state, id).await?;
    request_page(&ctx, &state, &user.principal, &loaded, String::new(), Errors::default()).await
}

#[derive(Debug, Default, Deserialize)]
pub struct RequestForm {
    #[serde(default)]
    reason: String,
}

pub async fn request(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(form): Form<RequestForm>,
) -> Result<Response, AppError> {
    let (user, loaded) = load(&ctx, &state, id).await?;
    AppError::check(loaded.parties().may_raise(&user.principal, Kind::ChangeRequest))?;
    let mut errors = Errors::default();
    let reason = errors.take("reason", checked_message(&form.reason, "Enter what should change, and why"));
    let Some(reason) = reason else {
        let page = request_page(&ctx, &state, &user.principal, &loaded, form.reason, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let partnership = loaded
        .parties()
        .raising_partnership(&user.principal, Kind::ChangeRequest)
        .ok_or(AppError::Forbidden)?;
    let thread = NewThread {
        return_id: id,
        organisation: loaded.record.organisation_id,
        partnership,
        criterion: None,
        plan_update: None,
        kind: Kind::ChangeRequest,
        activity_only: false,
        body: &reason,
        by: user.id,
        at: OffsetDateTime::now_utc(),
    };
    let thread_id = write_thread(&state, &loaded, &thread, WHOLE_RETURN).await?;
    ctx.flash("success", "Your request for changes is sent to the organisation").await?;
    Ok(Redirect::to(&format!("/returns/{id}/threads/{thread_id}")).into_response())
}
