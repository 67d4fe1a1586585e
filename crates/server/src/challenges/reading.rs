//! Reading a return in the browser, standard by standard, and one criterion's page
//! with its threads, where partnership staff comment or challenge.

use std::collections::BTreeMap;

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
use super::store::{self, NewThread, ThreadRow};
use super::view::{ThreadView, copy_of, paragraphs, with_messages};
use crate::audit::{self, Change};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::forms::Errors;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::challenge::{Kind, Step};
use osa_core::report::return_copy::{CriterionCopy, ReturnCopy};

/// The longest message accepted, in characters.
pub const MAX_MESSAGE: usize = 5000;

#[derive(Template, WebTemplate)]
#[template(path = "challenges/return.html")]
pub struct ReturnPage {
    page: Page,
    id: i64,
    submitted: bool,
    /// One person both completed and signed off the return.
    same_person: bool,
    copy: ReturnCopy,
    evidence: BTreeMap<String, Vec<String>>,
    threads: Vec<ThreadRow>,
    can_request_changes: bool,
    is_staff: bool,
}

impl ReturnPage {
    fn evidence_of(&self, code: &str) -> &[String] {
        self.evidence.get(code).map(Vec::as_slice).unwrap_or(&[])
    }

    fn threads_on(&self, code: &str) -> Vec<&ThreadRow> {
        self.threads.iter().filter(|t| t.criterion_code.as_deref() == Some(code)).collect()
    }

    fn change_requests(&self) -> Vec<&ThreadRow> {
        self.threads.iter().filter(|t| t.criterion_code.is_none()).collect()
    }
}

pub async fn show(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<ReturnPage, AppError> {
    let (user, loaded) = load(&ctx, &state, id).await?;
    let (copy, evidence) = copy_of(&state, &loaded).await?;
    let threads = store::of_return(&state.db, id).await?;
    let parties = loaded.parties();
    Ok(ReturnPage {
        page: ctx.page(copy.title.clone()),
        id,
        submitted: loaded.record.is_submitted(),
        same_person: loaded.record.same_person,
        can_request_changes: parties.may_raise(&user.principal, Kind::ChangeRequest).is_allowed(),
        is_staff: parties.may_raise(&user.principal, Kind::Comment).is_allowed(),
        copy,
        evidence,
        threads,
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct RaiseForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    message: String,
    /// "yes" when the narrative is flagged as describing activity, not impact.
    #[serde(default)]
    activity_only: String,
}

impl RaiseForm {
    fn flags_activity(&self) -> bool {
        self.activity_only == "yes"
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "challenges/criterion.html")]
pub struct CriterionPage {
    page: Page,
    id: i64,
    organisation: String,
    standard: String,
    criterion: CriterionCopy,
    evidence: Vec<String>,
    threads: Vec<ThreadView>,
    /// The partnership a new thread is raised for, when the person may raise one.
    raise_for: Option<String>,
    is_lead: bool,
    form: RaiseForm,
    errors: Errors,
}

impl CriterionPage {
    fn kind_options(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            (Kind::Challenge.code(), "A challenge: the organisation must answer it"),
            (Kind::Comment.code(), "A comment: no answer is needed"),
        ]
    }

    fn paragraphs<'b>(&self, body: &'b str) -> Vec<&'b str> {
        paragraphs(body)
    }
}

async fn criterion_page(
    ctx: &Ctx,
    state: &AppState,
    user_principal: &osa_core::access::Principal,
    loaded: &Loaded,
    code: &str,
    form: RaiseForm,
    errors: Errors,
) -> Result<CriterionPage, AppError> {
    let (copy, evidence) = copy_of(state, loaded).await?;
    let (standard, criterion) = copy
        .standards
        .iter()
        .find_map(|s| {
            s.criteria
                .iter()
                .find(|c| c.code == code)
                .map(|c| (format!("{}. {}", s.code, s.title), c.clone()))
        })
        .ok_or(AppError::NotFound)?;
    let rows: Vec<ThreadRow> = store::of_return(&state.db, loaded.id)
        .await?
        .into_iter()
        .filter(|t| t.criterion_code.as_deref() == Some(code))
        .collect();
    let parties = loaded.parties();
    let raise_for = parties
        .raising_partnership(user_principal, Kind::Comment)
        .map(|p| loaded.partnership_name(p).to_owned());
    let is_lead = parties.may_take(user_principal, Step::Answer, Kind::Challenge, 0).is_allowed();
    Ok(CriterionPage {
        page: ctx.page(format!("{} {}", criterion.code, criterion.question)),
        id: loaded.id,
        organisation: copy.organisation.clone(),
        standard,
        evidence: evidence.get(code).cloned().unwrap_or_default(),
        criterion,
        threads: with_messages(state, rows).await?,
        raise_for,
        is_lead,
        form,
        errors,
    })
}

pub async fn criterion(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, code)): Path<(i64, String)>,
) -> Result<CriterionPage, AppError> {
    let (user, loaded) = load(&ctx, &state, id).await?;
    let form = RaiseForm { kind: Kind::Challenge.code().to_owned(), ..RaiseForm::default() };
    criterion_page(&ctx, &state, &user.principal, &loaded, &code, form, Errors::default()).await
}

/// A message as typed, trimmed, or the error to show for it.
pub fn checked_message(text: &str, empty: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() {
        Err(empty.to_owned())
    } else if text.chars().count() > MAX_MESSAGE {
        Err(format!("Your message must be {MAX_MESSAGE} characters or fewer"))
    } else {
        Ok(text.to_owned())
    }
}

pub async fn raise(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, code)): Path<(i64, String)>,
    Form(form): Form<RaiseForm>,
) -> Result<Response, AppError> {
    let (user, loaded) = load(&ctx, &state, id).await?;
    let parties = loaded.parties();
    // Anyone who may raise anything may comment; the kind chosen is checked below.
    AppError::check(parties.may_raise(&user.principal, Kind::Comment))?;
    let mut errors = Errors::default();
    let kind = Kind::from_code(&form.kind).filter(|k| *k != Kind::ChangeRequest);
    if kind.is_none() {
        errors.add("kind", "Choose whether this is a comment or a challenge");
    }
    // The flag asks the organisation to show impact, so it needs an answer: a challenge.
    if form.flags_activity() && kind == Some(Kind::Comment) {
        errors.add(
            "activity_only",
            "Choose a challenge to say the narrative describes activity, not impact, so the organisation answers it",
        );
    }
    let message = errors.take("message", checked_message(&form.message, "Enter your comment or challenge"));
    let (Some(kind), Some(message), true) = (kind, message, errors.is_empty()) else {
        let page = criterion_page(&ctx, &state, &user.principal, &loaded, &code, form, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    AppError::check(parties.may_raise(&user.principal, kind))?;
    let partnership = parties.raising_partnership(&user.principal, kind).ok_or(AppError::Forbidden)?;
    let (copy, _) = copy_of(&state, &loaded).await?;
    let question = copy
        .standards
        .iter()
        .flat_map(|s| &s.criteria)
        .find(|c| c.code == code)
        .map(|c| format!("{} {}", c.code, c.question))
        .ok_or(AppError::NotFound)?;
    let thread = NewThread {
        return_id: id,
        organisation: loaded.record.organisation_id,
        partnership,
        criterion: Some(&code),
        plan_update: None,
        kind,
        activity_only: form.flags_activity(),
        body: &message,
        by: user.id,
        at: OffsetDateTime::now_utc(),
    };
    let thread_id = write_thread(&state, &loaded, &thread, &question).await?;
    ctx.flash("success", format!("Your {} is added", kind.label().to_lowercase())).await?;
    Ok(Redirect::to(&format!("/returns/{id}/threads/{thread_id}")).into_response())
}

/// Writes a new thread, its audit record and the email to the organisation's leads
/// in one transaction.
pub async fn write_thread(
    state: &AppState,
    loaded: &Loaded,
    thread: &NewThread<'_>,
    about: &str,
) -> Result<i64, AppError> {
    let mut tx = state.db.begin().await?;
    let thread_id = store::raise(&mut tx, thread).await?;
    audit::record(
        &mut tx,
        Change {
            actor: Some(thread.by),
            action: "raise_thread",
            entity: "return_thread",
            entity_id: thread_id.to_string(),
            before: None,
            after: Some(serde_json::json!({
                "return": thread.return_id,
                "partnership": thread.partnership,
                "criterion": thread.criterion,
                "kind": thread.kind.code(),
                "activity_only": thread.activity_only,
                "message": thread.body,
            })),
        },
    )
    .await?;
    if thread.kind.needs_answer() {
        let raised = notify::Raised {
            return_id: thread.return_id,
            thread: thread_id,
            organisation: thread.organisation,
            partnership: loaded.partnership_name(thread.partnership),
            kind: thread.kind,
            activity_only: thread.activity_only,
            about,
            message: thread.body,
        };
        notify::raised(&mut tx, state, &raised).await?;
    }
    tx.commit().await?;
    Ok(thread_id)
}
