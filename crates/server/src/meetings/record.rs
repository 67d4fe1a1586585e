//! The changes made on a meeting's page. Each checks who may make it, then whether the
//! meeting's state allows it (a refusal says why, on the page, with 409), then writes
//! it in one audited transaction that claims the meeting from the state it was read in.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;

use super::access::{Loaded, load_for};
use super::notify;
use super::pages::{Typed, show_page};
use super::store::{self, Recorded};
use crate::action_plans::store::Fields;
use crate::assessments::store as assessment_store;
use crate::cycles::store as cycle_store;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::forms::{DateParts, Errors};
use crate::web::page::{Ctx, SignedIn};
use crate::web::path::Path;
use osa_core::assessment::ActionStatus;
use osa_core::meeting::{Change, MeetingState, Outcome, QuestionSource, agenda_items, check};

/// The longest question, answer, comment or action accepted, in characters.
pub const MAX_TEXT: usize = 5000;
/// The longest agenda or notes accepted, in characters.
pub const MAX_LONG_TEXT: usize = 50_000;

type Posted = Form<Vec<(String, String)>>;

fn get(posted: &[(String, String)], key: &str) -> String {
    posted.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default()
}

fn date_of(posted: &[(String, String)], id: &str) -> DateParts {
    DateParts {
        day: get(posted, &format!("{id}_day")),
        month: get(posted, &format!("{id}_month")),
        year: get(posted, &format!("{id}_year")),
    }
}

/// The text trimmed, or the message for an empty or too long one.
fn text(value: &str, empty: &str, max: usize) -> Result<String, String> {
    let value = value.trim();
    if value.is_empty() {
        Err(empty.to_owned())
    } else if value.chars().count() > max {
        Err(format!("This must be {max} characters or fewer"))
    } else {
        Ok(value.to_owned())
    }
}

fn back(id: i64, anchor: &str) -> Response {
    Redirect::to(&format!("/meetings/{id}#{anchor}")).into_response()
}

/// The page again, with what was typed and why it was refused.
async fn refused(
    ctx: &Ctx,
    state: &AppState,
    user: &SignedIn,
    loaded: Loaded,
    status: StatusCode,
    typed: Typed,
    errors: Errors,
) -> Result<Response, AppError> {
    let page = show_page(ctx, state, user, loaded, Some(typed), errors).await?;
    Ok((status, page).into_response())
}

/// Loads for `change` and checks the state allows it; `Err(response)` is the page
/// saying why not.
async fn ready<'c>(
    ctx: &'c Ctx,
    state: &AppState,
    id: i64,
    change: Change,
    field: &'static str,
) -> Result<Result<(&'c SignedIn, Loaded), Response>, AppError> {
    let (user, loaded) = load_for(ctx, state, id, change).await?;
    if let Err(refusal) = check(loaded.meeting.state(), change) {
        let mut errors = Errors::default();
        errors.add(field, format!("You cannot do that now: {refusal}"));
        return Ok(Err(
            refused(ctx, state, user, loaded, StatusCode::CONFLICT, Typed::default(), errors).await?
        ));
    }
    Ok(Ok((user, loaded)))
}

/// When the meeting moved meanwhile (someone finalised it, say): say so and go back.
async fn moved(ctx: &Ctx, id: i64) -> Result<Response, AppError> {
    ctx.flash("important", "The meeting changed meanwhile: nothing was saved. Read it again before you act")
        .await?;
    Ok(back(id, "top"))
}

fn allowed_states(change: Change) -> Vec<MeetingState> {
    MeetingState::ALL.iter().copied().filter(|s| check(*s, change).is_ok()).collect()
}

/// POST: the date and agenda, until the meeting is held.
pub async fn details(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(posted): Posted,
) -> Result<Response, AppError> {
    let (user, loaded) = match ready(&ctx, &state, id, Change::EditDetails, "held_on-day").await? {
        Ok(ready) => ready,
        Err(page) => return Ok(page),
    };
    let typed =
        Typed { held_on: date_of(&posted, "held_on"), agenda: get(&posted, "agenda"), ..Default::default() };
    let mut errors = Errors::default();
    let held_on = errors.take("held_on-day", typed.held_on.parse("date of the meeting"));
    let items = agenda_items(&typed.agenda);
    if items.is_empty() {
        errors.add("agenda", "Enter the agenda: one item a line");
    } else if typed.agenda.chars().count() > MAX_LONG_TEXT {
        errors.add("agenda", format!("The agenda must be {MAX_LONG_TEXT} characters or fewer"));
    }
    let (Some(held_on), true) = (held_on, errors.is_empty()) else {
        return refused(&ctx, &state, user, loaded, StatusCode::UNPROCESSABLE_ENTITY, typed, errors).await;
    };
    let mut tx = state.db.begin().await?;
    if !store::update_details(&mut tx, user.id, &loaded.meeting, held_on, &items.join("\n")).await? {
        drop(tx);
        return moved(&ctx, id).await;
    }
    tx.commit().await?;
    ctx.flash("success", "Date and agenda saved").await?;
    Ok(back(id, "agenda"))
}

/// POST: a question from the panel or from learning from a review.
pub async fn add_question(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(posted): Posted,
) -> Result<Response, AppError> {
    let (user, loaded) = match ready(&ctx, &state, id, Change::AddQuestion, "question").await? {
        Ok(ready) => ready,
        Err(page) => return Ok(page),
    };
    let typed =
        Typed { source: get(&posted, "source"), question: get(&posted, "question"), ..Default::default() };
    let mut errors = Errors::default();
    let source =
        QuestionSource::from_code(&typed.source).filter(|s| *s != QuestionSource::ChildrenAndYoungPeople);
    if source.is_none() {
        errors.add("source", "Select where the question comes from");
    }
    let question = errors.take("question", text(&typed.question, "Enter the question", MAX_TEXT));
    let (Some(source), Some(question)) = (source, question) else {
        return refused(&ctx, &state, user, loaded, StatusCode::UNPROCESSABLE_ENTITY, typed, errors).await;
    };
    let mut tx = state.db.begin().await?;
    if !store::claim(&mut tx, id, &allowed_states(Change::AddQuestion)).await? {
        drop(tx);
        return moved(&ctx, id).await;
    }
    store::add_question(&mut tx, user.id, id, source, &question, None).await?;
    tx.commit().await?;
    ctx.flash("success", "Question added").await?;
    Ok(back(id, "questions"))
}

/// POST: questions from children and young people chosen for this meeting.
pub async fn choose_cyp(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(posted): Posted,
) -> Result<Response, AppError> {
    let (user, loaded) = match ready(&ctx, &state, id, Change::AddQuestion, "cyp").await? {
        Ok(ready) => ready,
        Err(page) => return Ok(page),
    };
    let list = store::cyp_questions(&state.db, loaded.meeting.partnership_id).await?;
    let asked: Vec<i64> =
        store::questions(&state.db, id).await?.iter().filter_map(|q| q.cyp_question_id).collect();
    let mut chosen = Vec::new();
    let mut errors = Errors::default();
    for value in posted.iter().filter(|(k, _)| k == "cyp").map(|(_, v)| v) {
        match list.iter().find(|c| c.id.to_string() == *value) {
            Some(c)
                if !asked.contains(&c.id)
                    && !chosen.iter().any(|d: &&store::CypQuestionRow| d.id == c.id) =>
            {
                chosen.push(c)
            }
            Some(_) => {}
            None => errors.add("cyp", "Select questions from the list"),
        }
    }
    if chosen.is_empty() && errors.is_empty() {
        errors.add("cyp", "Select the questions from children and young people to ask");
    }
    if !errors.is_empty() {
        return refused(
            &ctx,
            &state,
            user,
            loaded,
            StatusCode::UNPROCESSABLE_ENTITY,
            Typed::default(),
            errors,
        )
        .await;
    }
    let mut tx = state.db.begin().await?;
    if !store::claim(&mut tx, id, &allowed_states(Change::AddQuestion)).await? {
        drop(tx);
        return moved(&ctx, id).await;
    }
    for c in &chosen {
        store::add_question(
            &mut tx,
            user.id,
            id,
            QuestionSource::ChildrenAndYoungPeople,
            &c.question,
            Some(c.id),
        )
        .await?;
    }
    tx.commit().await?;
    let added =
        if chosen.len() == 1 { "1 question".to_owned() } else { format!("{} questions", chosen.len()) };
    ctx.flash("success", format!("{added} from children and young people added")).await?;
    Ok(back(id, "questions"))
}

/// POST: the meeting took place; the record can now be written.
pub async fn mark_held(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (user, _) = match ready(&ctx, &state, id, Change::MarkHeld, "held").await? {
        Ok(ready) => ready,
        Err(page) => return Ok(page),
    };
    let mut tx = state.db.begin().await?;
    if !store::advance(&mut tx, user.id, id, MeetingState::Scheduled, MeetingState::Held).await? {
        drop(tx);
        return moved(&ctx, id).await;
    }
    tx.commit().await?;
    ctx.flash("success", "Marked as held: record the notes, answers and outcomes").await?;
    Ok(back(id, "record"))
}

/// POST: notes, and each question's answer and outcome.
pub async fn record(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(posted): Posted,
) -> Result<Response, AppError> {
    let (user, loaded) = match ready(&ctx, &state, id, Change::Record, "notes").await? {
        Ok(ready) => ready,
        Err(page) => return Ok(page),
    };
    let mut errors = Errors::default();
    let notes = get(&posted, "notes").trim().to_owned();
    if notes.chars().count() > MAX_LONG_TEXT {
        errors.add("notes", format!("The notes must be {MAX_LONG_TEXT} characters or fewer"));
    }
    let mut answers = Vec::new();
    for q in store::questions(&state.db, id).await? {
        let answer = get(&posted, &format!("answer-{}", q.id)).trim().to_owned();
        let outcome = get(&posted, &format!("outcome-{}", q.id));
        if answer.chars().count() > MAX_TEXT {
            errors.add("notes", format!("Each answer must be {MAX_TEXT} characters or fewer"));
        }
        let outcome = match outcome.as_str() {
            "" => None,
            code => match Outcome::from_code(code) {
                Some(o) => Some(o),
                None => {
                    errors.add("notes", "Select an outcome from the list for each question");
                    None
                }
            },
        };
        answers.push(Recorded { question: q.id, answer, outcome });
    }
    if !errors.is_empty() {
        return refused(
            &ctx,
            &state,
            user,
            loaded,
            StatusCode::UNPROCESSABLE_ENTITY,
            Typed::default(),
            errors,
        )
        .await;
    }
    let mut tx = state.db.begin().await?;
    if !store::record(&mut tx, user.id, id, &notes, &answers).await? {
        drop(tx);
        return moved(&ctx, id).await;
    }
    tx.commit().await?;
    ctx.flash("success", "Record saved").await?;
    Ok(back(id, "record"))
}

/// POST: an action agreed at the meeting, put into the organisation's action plan.
pub async fn agree_action(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(posted): Posted,
) -> Result<Response, AppError> {
    let (user, loaded) = match ready(&ctx, &state, id, Change::AgreeAction, "what").await? {
        Ok(ready) => ready,
        Err(page) => return Ok(page),
    };
    let typed = Typed {
        what: get(&posted, "what"),
        lead: get(&posted, "lead"),
        target: date_of(&posted, "target"),
        ..Default::default()
    };
    let mut errors = Errors::default();
    let what = errors.take("what", text(&typed.what, "Enter what will be done", MAX_TEXT));
    let lead = errors.take("lead", text(&typed.lead, "Enter who leads it", 200));
    let target = errors.take("target-day", typed.target.parse("target date"));
    let (Some(what), Some(lead), Some(target)) = (what, lead, target) else {
        return refused(&ctx, &state, user, loaded, StatusCode::UNPROCESSABLE_ENTITY, typed, errors).await;
    };
    // The plan is the organisation's living assessment on the framework it was asked
    // to complete for this cycle; one is started if it has none yet, as the plan
    // belongs to it whether or not it has begun answering.
    let m = &loaded.meeting;
    let invitation = cycle_store::invitations(&state.db, m.cycle_id)
        .await?
        .into_iter()
        .find(|i| i.organisation_id == m.organisation_id);
    let Some(invitation) = invitation else {
        errors.add("what", "The organisation is no longer invited to this cycle, so it has no plan for it");
        return refused(&ctx, &state, user, loaded, StatusCode::CONFLICT, typed, errors).await;
    };
    let assessment = assessment_store::start(
        &state.db,
        m.organisation_id,
        &invitation.framework_key,
        invitation.framework_id,
        user.id,
    )
    .await?;
    let fields = Fields {
        what,
        responsible_lead: lead,
        target_date: Some(target),
        expected_outcome: String::new(),
        impact_measure: String::new(),
        status: ActionStatus::NotStarted,
    };
    let mut tx = state.db.begin().await?;
    if !store::claim(&mut tx, id, &allowed_states(Change::AgreeAction)).await? {
        drop(tx);
        return moved(&ctx, id).await;
    }
    store::agree_action(&mut tx, user.id, m, assessment, &fields).await?;
    tx.commit().await?;
    ctx.flash("success", format!("Action agreed and added to the action plan of {}", m.organisation_name))
        .await?;
    Ok(back(id, "actions"))
}

/// POST: finalise the record (after the confirmation page).
pub async fn finalise(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(posted): Posted,
) -> Result<Response, AppError> {
    let (user, loaded) = match ready(&ctx, &state, id, Change::Finalise, "finalise").await? {
        Ok(ready) => ready,
        Err(page) => return Ok(page),
    };
    if get(&posted, "confirm") != "yes" {
        let mut errors = Errors::default();
        errors.add("finalise", "Confirm that the record is complete before finalising it");
        return refused(
            &ctx,
            &state,
            user,
            loaded,
            StatusCode::UNPROCESSABLE_ENTITY,
            Typed::default(),
            errors,
        )
        .await;
    }
    let m = &loaded.meeting;
    let mut tx = state.db.begin().await?;
    if !store::advance(&mut tx, user.id, id, MeetingState::Held, MeetingState::Finalised).await? {
        drop(tx);
        return moved(&ctx, id).await;
    }
    notify::finalised(&mut tx, &state, id, m.organisation_id, &m.partnership_name, m.held_on).await?;
    tx.commit().await?;
    ctx.flash("success", "Record finalised: the organisation's safeguarding lead has been emailed").await?;
    Ok(back(id, "top"))
}

/// POST: a comment or addendum, once the meeting is held (and after it is finalised).
pub async fn comment(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(posted): Posted,
) -> Result<Response, AppError> {
    let (user, loaded) = match ready(&ctx, &state, id, Change::Comment, "comment").await? {
        Ok(ready) => ready,
        Err(page) => return Ok(page),
    };
    let typed = Typed { comment: get(&posted, "comment"), ..Default::default() };
    let mut errors = Errors::default();
    let Some(body) = errors.take("comment", text(&typed.comment, "Enter your comment", MAX_TEXT)) else {
        return refused(&ctx, &state, user, loaded, StatusCode::UNPROCESSABLE_ENTITY, typed, errors).await;
    };
    let mut tx = state.db.begin().await?;
    if !store::claim(&mut tx, id, &allowed_states(Change::Comment)).await? {
        drop(tx);
        return moved(&ctx, id).await;
    }
    store::add_comment(&mut tx, user.id, id, &body).await?;
    tx.commit().await?;
    ctx.flash("success", "Comment added").await?;
    Ok(back(id, "comments"))
}
