//! Check and sign off. The senior sign-off signs off only a complete assessment,
//! which freezes it as a snapshot; any later save withdraws the sign-off. The lead
//! then submits that snapshot, unchanged (`submit.rs`), to the partnerships chosen on
//! this page, and is emailed a copy. The assessment itself stays open to improve.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::response::Redirect;
use sea_query::{Expr, ExprTrait, Order, Query};
use serde::Deserialize;
use time::OffsetDateTime;

use super::access::{self, Loaded};
use super::form::slug;
use super::record;
use super::store;
use super::submit::Routing;
use super::task_list::standing_tag;
use crate::db::schema::Returns;
use crate::db::{Db, Tx};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::access::Action;
use osa_core::assessment::sign_off::one_person_did_both;
use osa_core::assessment::{
    Missing, ReturnEvent, ReturnState, missing_answers, standard_progress, transition,
};
use osa_core::report::return_copy::{self, StandardCopy};

const WITHDRAWN: &str = "withdrawn";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReturnRow {
    pub id: i64,
    pub state: String,
    pub signed_off_at: OffsetDateTime,
    pub submitted_at: Option<OffsetDateTime>,
    pub same_person: bool,
}

pub(super) async fn returns_of(db: &Db, assessment: i64) -> Result<Vec<ReturnRow>, sqlx::Error> {
    db.fetch_all(&returns_select(assessment)).await
}

fn returns_select(assessment: i64) -> sea_query::SelectStatement {
    Query::select()
        .columns([
            Returns::Id,
            Returns::State,
            Returns::SignedOffAt,
            Returns::SubmittedAt,
            Returns::SamePerson,
        ])
        .from(Returns::Table)
        .and_where(Expr::col(Returns::AssessmentId).eq(assessment))
        .and_where(Expr::col(Returns::State).ne(WITHDRAWN))
        .order_by(Returns::Id, Order::Desc)
        .limit(100)
        .to_owned()
}

/// The state of the return being prepared: signed off (awaiting submission) or draft.
pub(super) fn pending(returns: &[ReturnRow]) -> (ReturnState, Option<i64>) {
    match returns.iter().find(|r| r.state == ReturnState::SignedOff.code()) {
        Some(r) => (ReturnState::SignedOff, Some(r.id)),
        None => (ReturnState::Draft, None),
    }
}

/// The state of the return being prepared for an assessment.
pub(super) async fn pending_state(db: &Db, assessment: i64) -> Result<ReturnState, sqlx::Error> {
    Ok(pending(&returns_of(db, assessment).await?).0)
}

/// Called by every save that changes an answer: a sign-off no longer matches.
pub async fn withdraw_sign_off(tx: &mut Tx, assessment: i64) -> Result<(), sqlx::Error> {
    tx.execute(
        &Query::update()
            .table(Returns::Table)
            .value(Returns::State, WITHDRAWN)
            .and_where(Expr::col(Returns::AssessmentId).eq(assessment))
            .and_where(Expr::col(Returns::State).eq(ReturnState::SignedOff.code()))
            .to_owned(),
    )
    .await?;
    Ok(())
}

/// Whether the assessment's return waits for its senior sign-off: a draft with every
/// required answer given and no carried-forward answer left to confirm, as the check
/// page requires before it offers the sign-off. For the sign-off's home page; the
/// caller has decided they may see it.
pub async fn ready_for_sign_off(db: &Db, assessment: i64) -> Result<bool, AppError> {
    let Some(row) = store::get(db, assessment).await? else { return Ok(false) };
    if pending(&returns_of(db, assessment).await?).0 != ReturnState::Draft {
        return Ok(false);
    }
    let Some(loaded) = access::load_row(db, row).await? else { return Ok(false) };
    let saved = store::answers(db, assessment).await?;
    let answers = saved.iter().map(|(k, v)| (k.clone(), v.answer.clone())).collect();
    let (sector, duty) = loaded.profile;
    Ok(missing_answers(&loaded.framework.framework, &answers, sector, duty).is_empty()
        && unconfirmed_in(db, &loaded).await?.is_empty())
}

/// Carried-forward answers of applicable criteria still to confirm, in framework order.
pub(super) async fn unconfirmed(state: &AppState, loaded: &Loaded) -> Result<Vec<Missing>, AppError> {
    unconfirmed_in(&state.db, loaded).await
}

async fn unconfirmed_in(db: &Db, loaded: &Loaded) -> Result<Vec<Missing>, AppError> {
    let marked = super::rounds::to_confirm(db, loaded.assessment.id).await?;
    if marked.is_empty() {
        return Ok(Vec::new());
    }
    let (sector, duty) = loaded.profile;
    Ok(loaded
        .framework
        .framework
        .criteria()
        .filter(|(_, c)| marked.contains(&c.code) && c.applies_to(sector, duty))
        .map(|(s, c)| Missing {
            standard_code: s.code.clone(),
            criterion_code: c.code.clone(),
            question: c.question.clone(),
            reason: "carried forward, to confirm",
        })
        .collect())
}

pub struct StandardLine {
    pub code: String,
    pub title: String,
    pub status: &'static str,
    pub standing: Option<(&'static str, &'static str)>,
}

pub struct MissingLine {
    pub m: Missing,
    pub anchor: String,
}

pub struct SubmittedLine {
    pub id: i64,
    pub signed_off: String,
    pub submitted: String,
    pub same_person: bool,
}

/// Who asked for sign-off and when, in words.
pub struct RequestLine {
    pub name: String,
    pub at: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "assessments/check.html")]
pub struct CheckPage {
    page: Page,
    id: i64,
    organisation: String,
    standards: Vec<StandardLine>,
    /// Every criterion asked of the organisation, standard by standard, in words.
    answers: Vec<StandardCopy>,
    missing: Vec<MissingLine>,
    unconfirmed: Vec<MissingLine>,
    state: ReturnState,
    /// The return signed off and awaiting submission, for its copy.
    signed_off_return: Option<i64>,
    can_sign_off: bool,
    /// The person about to sign off also completed the return: they are warned.
    same_person_warning: bool,
    /// The signed-off return awaiting submission was completed and signed off by one person.
    signed_off_by_same_person: bool,
    can_request: bool,
    requests: Vec<RequestLine>,
    can_submit: bool,
    submitted: Vec<SubmittedLine>,
    /// A partnership's own self-assessment: signing off keeps it, nothing is submitted.
    partnership_record: bool,
    /// Where the return will go: the submit step's checkboxes (empty unless it can be submitted).
    routing: Routing,
}

impl CheckPage {
    fn slug(&self, code: &str) -> String {
        slug(code)
    }

    fn paragraphs<'b>(&self, text: &'b str) -> Vec<&'b str> {
        crate::challenges::view::paragraphs(text)
    }
}

async fn may_see_everything(ctx: &Ctx, loaded: &Loaded) -> Result<(), AppError> {
    ctx.require(Action::ViewStandard { organisation: loaded.organisation.id, delegated: false })?;
    Ok(())
}

pub async fn check(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<CheckPage, AppError> {
    check_page(&ctx, &state, id, None).await
}

/// The check page; `routing` is the submit step's choice as the lead sent it, when
/// it was refused (otherwise the defaults are ticked).
pub(super) async fn check_page(
    ctx: &Ctx,
    state: &AppState,
    id: i64,
    routing: Option<Routing>,
) -> Result<CheckPage, AppError> {
    let loaded = access::read(ctx, state, id).await?;
    may_see_everything(ctx, &loaded).await?;
    let user = ctx.user()?;
    let saved = store::answers(&state.db, id).await?;
    let answers = saved.iter().map(|(k, v)| (k.clone(), v.answer.clone())).collect();
    let (sector, duty) = loaded.profile;
    let f = &loaded.framework.framework;
    let answers_in_words = return_copy::standards(f, &answers, sector, duty);
    let standards = f
        .standards
        .iter()
        .map(|s| {
            let p = standard_progress(f.standing_rule, s, &answers, sector, duty);
            StandardLine {
                code: s.code.clone(),
                title: s.title.clone(),
                status: p.status.label(),
                standing: p.standing.map(standing_tag),
            }
        })
        .collect();
    let missing: Vec<MissingLine> = missing_answers(f, &answers, sector, duty)
        .into_iter()
        .map(|m| MissingLine {
            anchor: format!(
                "/assessments/{id}/standards/{}#{}-value",
                m.standard_code,
                slug(&m.criterion_code)
            ),
            m,
        })
        .collect();
    let unconfirmed: Vec<MissingLine> = unconfirmed(state, &loaded)
        .await?
        .into_iter()
        .map(|m| MissingLine {
            anchor: format!(
                "/assessments/{id}/standards/{}#{}-heading",
                m.standard_code,
                slug(&m.criterion_code)
            ),
            m,
        })
        .collect();
    let returns = returns_of(&state.db, id).await?;
    let (return_state, signed_off_return) = pending(&returns);
    let organisation = loaded.organisation.id;
    let can_sign_off = missing.is_empty()
        && unconfirmed.is_empty()
        && return_state == ReturnState::Draft
        && user.principal.decide(Action::SignOffReturn { organisation }).is_allowed();
    let open = super::sign_off::open_requests(&state.db, id).await?;
    let requesters: Vec<i64> = open.iter().map(|r| r.requested_by).collect();
    let same_person_warning =
        can_sign_off && one_person_did_both(user.id, user.principal.org_roles_in(organisation), &requesters);
    let can_request = missing.is_empty()
        && unconfirmed.is_empty()
        && return_state == ReturnState::Draft
        && loaded.may_edit()
        && !requesters.contains(&user.id)
        && loaded.partnership.is_none();
    let requests = open
        .iter()
        .map(|r| RequestLine { name: r.name.clone(), at: crate::web::format::datetime(r.requested_at) })
        .collect();
    let signed_off_by_same_person = returns.iter().any(|r| Some(r.id) == signed_off_return && r.same_person);
    let can_submit =
        return_state == ReturnState::SignedOff && loaded.may_edit() && loaded.partnership.is_none();
    let routing = match routing {
        Some(routing) => routing,
        None if can_submit => super::submit::first_routing(&state.db, &loaded).await?,
        None => Routing::default(),
    };
    let submitted = submitted_lines(&returns);
    Ok(CheckPage {
        page: ctx.page("Check your answers"),
        id,
        organisation: loaded.organisation.name.clone(),
        standards,
        answers: answers_in_words,
        missing,
        unconfirmed,
        state: return_state,
        signed_off_return,
        can_sign_off,
        same_person_warning,
        signed_off_by_same_person,
        can_request,
        requests,
        can_submit,
        submitted,
        partnership_record: loaded.partnership.is_some(),
        routing,
    })
}

/// The returns submitted so far, newest first, for their copies.
fn submitted_lines(returns: &[ReturnRow]) -> Vec<SubmittedLine> {
    returns
        .iter()
        .filter(|r| r.state == ReturnState::Submitted.code())
        .map(|r| SubmittedLine {
            id: r.id,
            signed_off: crate::web::format::datetime(r.signed_off_at),
            submitted: r.submitted_at.map(crate::web::format::datetime).unwrap_or_default(),
            same_person: r.same_person,
        })
        .collect()
}

#[derive(Deserialize)]
pub struct SignOffForm {
    #[serde(default)]
    declaration: Option<String>,
}

pub async fn sign_off(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(form): Form<SignOffForm>,
) -> Result<Redirect, AppError> {
    let loaded = access::read(&ctx, &state, id).await?;
    let user = ctx.require(Action::SignOffReturn { organisation: loaded.organisation.id })?;
    let back = Redirect::to(&format!("/assessments/{id}/check"));
    let (sector, duty) = loaded.profile;
    let evidence = serde_json::to_value(crate::evidence::store::snapshot(&state.db, id).await?)
        .map_err(|e| AppError::Internal(e.into()))?;
    let organisation = loaded.organisation.id;
    let at = OffsetDateTime::now_utc();
    let asked: Vec<i64> =
        super::sign_off::open_requests(&state.db, id).await?.iter().map(|r| r.requested_by).collect();
    let mut tx = state.db.begin().await?;
    // The checks that guard the sign-off read the answers and the return's state inside
    // its own write, after taking the assessment's lock: several presses at once then
    // record one return (the others see it and are refused), and the snapshot holds
    // exactly the answers that were checked.
    store::lock(&mut tx, id).await?;
    let answers: std::collections::HashMap<_, _> =
        store::answers_in(&mut tx, id).await?.into_iter().map(|(k, v)| (k, v.answer)).collect();
    let (current, _) = pending(&tx.fetch_all(&returns_select(id)).await?);
    let refusal = if !missing_answers(&loaded.framework.framework, &answers, sector, duty).is_empty() {
        Some("Every required answer must be given before the return can be signed off".to_owned())
    } else if !unconfirmed(&state, &loaded).await?.is_empty() {
        Some("Confirm or change every carried-forward answer before the return is signed off".to_owned())
    } else if form.declaration.is_none() {
        Some("Confirm the declaration to sign off the return".to_owned())
    } else {
        transition(current, ReturnEvent::SignOff).err().map(|err| err.to_string())
    };
    if let Some(message) = refusal {
        // Release the lock before the flash writes the session.
        tx.rollback().await?;
        ctx.flash("important", message).await?;
        return Ok(back);
    }
    let same_person = one_person_did_both(user.id, user.principal.org_roles_in(organisation), &asked);
    let return_id = record::sign_off(
        &mut tx,
        &record::SignOff {
            assessment: id,
            framework_id: loaded.assessment.framework_id,
            framework: &loaded.framework.framework,
            local_questions: &loaded.local_questions,
            answers: &answers,
            evidence,
            sector,
            duty,
            by: user.id,
            at,
            same_person,
        },
    )
    .await?;
    let requesters = super::sign_off::close_requests(&mut tx, id, return_id, at).await?;
    if loaded.partnership.is_some() {
        // A partnership's own self-assessment goes to nobody: signed off, it is kept
        // at once as submitted to no partnership, so a later change leaves it standing
        // (as a submitted return does) instead of withdrawing it.
        let key = &loaded.assessment.framework_key;
        record::submit(&mut tx, return_id, organisation, key, &[], user.id, at).await?;
        tx.commit().await?;
        ctx.flash("success", "The partnership's self-assessment is signed off and kept below.").await?;
        return Ok(back);
    }
    super::sign_off::tell_leads(
        &state,
        &mut tx,
        (organisation, &loaded.organisation.name),
        id,
        &loaded.framework.framework.name,
        (user.id, &user.name),
        &requesters,
    )
    .await?;
    tx.commit().await?;
    ctx.flash("success", "The return is signed off. The safeguarding lead can now submit it.").await?;
    Ok(back)
}
