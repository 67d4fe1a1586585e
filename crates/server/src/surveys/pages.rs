//! The partnership's side: a cycle's surveys, opening one, a survey's page with the
//! link of every invited organisation, and closing it.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;

use super::access;
use super::store::{self, NewSurvey, QuestionRow, SurveyRow};
use crate::audit::{self, Change};
use crate::cycles::access::load as load_cycle;
use crate::cycles::pages::today;
use crate::frameworks::store as framework_store;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::forms::{DateParts, Errors};
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::analytics::MIN_SURVEY_RESPONSES;
use osa_core::framework::Framework;
use osa_core::survey::{self, DraftField, MAX_QUESTIONS, QuestionDraft};

/// Field ids of the question rows (the error summary links to them by id).
const CRITERION_IDS: [&str; MAX_QUESTIONS] = [
    "q1-criterion",
    "q2-criterion",
    "q3-criterion",
    "q4-criterion",
    "q5-criterion",
    "q6-criterion",
    "q7-criterion",
    "q8-criterion",
    "q9-criterion",
    "q10-criterion",
    "q11-criterion",
    "q12-criterion",
];
const WORDING_IDS: [&str; MAX_QUESTIONS] = [
    "q1-wording",
    "q2-wording",
    "q3-wording",
    "q4-wording",
    "q5-wording",
    "q6-wording",
    "q7-wording",
    "q8-wording",
    "q9-wording",
    "q10-wording",
    "q11-wording",
    "q12-wording",
];

pub fn status(s: &SurveyRow) -> (&'static str, &'static str) {
    if s.is_open(today()) { ("Open", "govuk-tag--green") } else { ("Closed", "govuk-tag--grey") }
}

#[derive(Template, WebTemplate)]
#[template(path = "surveys/list.html")]
pub struct ListPage {
    page: Page,
    cycle_id: i64,
    cycle_name: String,
    surveys: Vec<SurveyRow>,
    can_manage: bool,
    cycle_closed: bool,
}

pub async fn list(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<ListPage, AppError> {
    let loaded = load_cycle(&ctx, &state, id, false).await?;
    let cycle_closed = !crate::cycles::access::is_open_for_changes(&loaded.cycle);
    Ok(ListPage {
        page: ctx.page(format!("Practitioner surveys – {}", loaded.cycle.name)),
        cycle_id: id,
        cycle_name: loaded.cycle.name,
        surveys: store::of_cycle(&state.db, id).await?,
        can_manage: loaded.can_manage,
        cycle_closed,
    })
}

/// One question row of the form, with its field ids.
pub struct Row {
    pub criterion_id: &'static str,
    pub wording_id: &'static str,
    pub draft: QuestionDraft,
}

#[derive(Template, WebTemplate)]
#[template(path = "surveys/new.html")]
pub struct NewPage {
    page: Page,
    cycle_id: i64,
    cycle_name: String,
    title: String,
    closes_on: DateParts,
    rows: Vec<Row>,
    criteria: Vec<(String, String)>,
    errors: Errors,
}

/// The criteria a question may be linked to: (code, code and a short question).
fn criteria_options(framework: &Framework) -> Vec<(String, String)> {
    framework
        .criteria()
        .filter(|(_, c)| survey::is_linkable(c))
        .map(|(_, c)| {
            let mut text: String = c.question.chars().take(90).collect();
            if c.question.chars().count() > 90 {
                text.push('…');
            }
            (c.code.clone(), format!("{} {text}", c.code))
        })
        .collect()
}

fn rows_of(drafts: Vec<QuestionDraft>) -> Vec<Row> {
    let mut drafts = drafts;
    drafts.resize(MAX_QUESTIONS, QuestionDraft::default());
    drafts
        .into_iter()
        .zip(CRITERION_IDS.iter().zip(WORDING_IDS.iter()))
        .map(|(draft, (c, w))| Row { criterion_id: c, wording_id: w, draft })
        .collect()
}

async fn main_framework(state: &AppState, framework_id: i64) -> Result<Framework, AppError> {
    Ok(framework_store::load(&state.db, framework_id).await?.ok_or(AppError::NotFound)?.framework)
}

pub async fn new_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<NewPage, AppError> {
    let loaded = load_cycle(&ctx, &state, id, true).await?;
    let framework = main_framework(&state, loaded.cycle.main_framework_id).await?;
    Ok(NewPage {
        page: ctx.page("Open a practitioner survey"),
        cycle_id: id,
        cycle_name: loaded.cycle.name,
        title: "Practitioner survey".into(),
        closes_on: DateParts::default(),
        rows: rows_of(survey::default_questions(&framework)),
        criteria: criteria_options(&framework),
        errors: Errors::default(),
    })
}

pub async fn create(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(posted): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let loaded = load_cycle(&ctx, &state, id, true).await?;
    let actor = ctx.user()?.id;
    let framework = main_framework(&state, loaded.cycle.main_framework_id).await?;
    let get = |k: &str| posted.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()).unwrap_or_default();
    let title = get("title").trim().to_owned();
    let closes_on =
        DateParts { day: get("closes_on_day"), month: get("closes_on_month"), year: get("closes_on_year") };
    let drafts: Vec<QuestionDraft> = CRITERION_IDS
        .iter()
        .zip(WORDING_IDS.iter())
        .map(|(c, w)| QuestionDraft {
            criterion: get(c).trim().to_owned(),
            wording: get(w).trim().to_owned(),
        })
        .collect();
    let mut errors = Errors::default();
    if !crate::cycles::access::is_open_for_changes(&loaded.cycle) {
        errors.add("title", "This audit cycle is closed, so no survey can be opened in it");
    }
    let closing = if closes_on.is_blank() {
        None
    } else {
        errors.take("closes_on-day", closes_on.parse("closing date"))
    };
    let linkable = |code: &str| framework.find(code).is_some_and(|(_, c)| survey::is_linkable(c));
    for (field, message) in survey::check_draft(&title, closing, today(), &drafts, linkable) {
        let id = match field {
            DraftField::Title => "title",
            DraftField::ClosesOn => "closes_on-day",
            DraftField::Questions => CRITERION_IDS[0],
            DraftField::Criterion(i) => CRITERION_IDS[i],
            DraftField::Wording(i) => WORDING_IDS[i],
        };
        errors.add(id, message);
    }
    if !errors.is_empty() {
        let page = NewPage {
            page: ctx.page("Open a practitioner survey"),
            cycle_id: id,
            cycle_name: loaded.cycle.name,
            title,
            closes_on,
            rows: rows_of(drafts),
            criteria: criteria_options(&framework),
            errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let new = NewSurvey {
        cycle: id,
        title,
        closes_on: closing,
        questions: drafts.into_iter().filter(|d| !d.is_blank()).map(|d| (d.criterion, d.wording)).collect(),
    };
    let mut tx = state.db.begin().await?;
    let survey_id = store::create(&mut tx, actor, &new).await?;
    audit::record(
        &mut tx,
        Change {
            actor: Some(actor),
            action: "open_survey",
            entity: "survey",
            entity_id: survey_id.to_string(),
            before: None,
            after: Some(serde_json::json!({
                "cycle": id, "title": new.title,
                "closes_on": new.closes_on.map(|d| d.to_string()),
                "questions": new.questions.iter().map(|(c, w)| serde_json::json!({"criterion": c, "wording": w})).collect::<Vec<_>>(),
            })),
        },
    )
    .await?;
    tx.commit().await?;
    ctx.flash(
        "success",
        format!(
            "{} is open. Pass each organisation its link: its safeguarding lead issues the response codes.",
            new.title
        ),
    )
    .await?;
    Ok(Redirect::to(&format!("/surveys/{survey_id}")).into_response())
}

/// One organisation's link, as the survey page lists it.
pub struct LinkLine {
    pub organisation: String,
    pub url: String,
    /// Where codes are issued for this organisation.
    pub codes: String,
    /// "12 issued, 9 used" (used as the five-response floor allows).
    pub codes_text: String,
    /// How many have answered, or "Fewer than 5" (no smaller figure is ever shown).
    pub responses: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "surveys/show.html")]
pub struct ShowPage {
    page: Page,
    survey: SurveyRow,
    status: (&'static str, &'static str),
    cycle_name: String,
    questions: Vec<QuestionRow>,
    links: Vec<LinkLine>,
    can_manage: bool,
}

pub async fn show(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<ShowPage, AppError> {
    let (survey, loaded) = access::load(&ctx, &state, id, false).await?;
    if survey.closed_at.is_none() {
        // Organisations invited since the survey was opened get their link now.
        let mut tx = state.db.begin().await?;
        store::add_missing_links(&mut tx, survey.id, survey.cycle_id).await?;
        tx.commit().await?;
    }
    let questions = store::questions(&state.db, id).await?;
    // Everyone answers every question, so the first question's answers count the people.
    let mut respondents: HashMap<i64, i64> = HashMap::new();
    if let Some(first) = questions.first() {
        for (organisation, question, _, n) in store::counts(&state.db, id).await? {
            if question == first.id {
                *respondents.entry(organisation).or_default() += n;
            }
        }
    }
    let codes: HashMap<i64, (i64, i64)> =
        super::codes_store::counts(&state.db, id).await?.into_iter().map(|(o, i, u)| (o, (i, u))).collect();
    let links = store::links(&state.db, id)
        .await?
        .into_iter()
        .map(|l| {
            let n = respondents.get(&l.organisation_id).copied().unwrap_or(0);
            let enough = usize::try_from(n).is_ok_and(|n| n >= MIN_SURVEY_RESPONSES);
            let (issued, used) = codes.get(&l.organisation_id).copied().unwrap_or((0, 0));
            LinkLine {
                codes: format!("/surveys/{id}/organisations/{}/codes", l.organisation_id),
                codes_text: format!("{issued} issued, {} used", super::codes::used_text(used)),
                url: super::link_url(&state, &l.token),
                organisation: l.organisation_name,
                responses: if enough { n.to_string() } else { format!("Fewer than {MIN_SURVEY_RESPONSES}") },
            }
        })
        .collect();
    Ok(ShowPage {
        page: ctx.page(survey.title.clone()),
        status: status(&survey),
        questions,
        survey,
        cycle_name: loaded.cycle.name,
        links,
        can_manage: loaded.can_manage,
    })
}

pub async fn close(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Redirect, AppError> {
    let (survey, _) = access::load(&ctx, &state, id, true).await?;
    let actor = ctx.user()?.id;
    let mut tx = state.db.begin().await?;
    let closed = store::close(&mut tx, id, actor).await?;
    if closed {
        audit::record(
            &mut tx,
            Change {
                actor: Some(actor),
                action: "close_survey",
                entity: "survey",
                entity_id: id.to_string(),
                before: Some(serde_json::json!({"closed": false})),
                after: Some(serde_json::json!({"closed": true})),
            },
        )
        .await?;
    }
    tx.commit().await?;
    let message = if closed {
        format!("{} is closed. Its links no longer take answers.", survey.title)
    } else {
        format!("{} was already closed.", survey.title)
    };
    ctx.flash("success", message).await?;
    Ok(Redirect::to(&format!("/surveys/{id}")))
}
