//! A meeting's page, where the admin edits the agenda, adds questions, records the
//! meeting and finalises it, panel members prepare, and the organisation's lead reads
//! the agenda and (once held) the record; the confirmation before finalising; and an
//! organisation's list of its meetings.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;

use super::access::{Loaded, load, load_for};
use super::store::{self, AgreedAction, CommentRow, CypQuestionRow, MeetingRow, PanelRow, QuestionRow};
use crate::organisations::store as org_queries;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::forms::{DateParts, Errors};
use crate::web::page::{Ctx, Page, SignedIn};
use crate::web::path::Path;
use osa_core::access::Decision;
use osa_core::meeting::{Change, Outcome, Parties, QuestionSource};
use osa_core::tenancy::OrgRole;

/// What was typed into the page's forms, kept when one is refused.
#[derive(Debug, Default)]
pub struct Typed {
    pub held_on: DateParts,
    pub agenda: String,
    pub source: String,
    pub question: String,
    pub what: String,
    pub lead: String,
    pub target: DateParts,
    pub comment: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "meetings/show.html")]
pub struct ShowPage {
    pub page: Page,
    pub m: MeetingRow,
    pub panel: Vec<PanelRow>,
    pub questions: Vec<QuestionRow>,
    pub comments: Vec<CommentRow>,
    pub actions: Vec<AgreedAction>,
    /// The partnership's questions from children and young people not yet chosen.
    pub cyp_choices: Vec<CypQuestionRow>,
    pub show_record: bool,
    pub can_edit: bool,
    pub can_add_question: bool,
    pub can_mark_held: bool,
    pub can_record: bool,
    pub can_finalise: bool,
    pub can_comment: bool,
    /// The organisation's action plan, linked for its lead.
    pub plan_link: Option<String>,
    pub sources: Vec<(&'static str, &'static str)>,
    pub outcomes: &'static [Outcome],
    pub typed: Typed,
    pub errors: Errors,
}

impl ShowPage {
    fn chosen(&self, q: &QuestionRow, outcome: &Outcome) -> bool {
        q.outcome() == Some(*outcome)
    }

    fn is_addendum(&self, c: &CommentRow) -> bool {
        self.m.finalised_at.is_some_and(|at| c.created_at >= at)
    }
}

fn is_lead(user: &SignedIn, organisation: i64) -> bool {
    user.principal.org_roles_in(organisation).any(|r| r == OrgRole::SafeguardingLead)
}

pub async fn show_page(
    ctx: &Ctx,
    state: &AppState,
    user: &SignedIn,
    loaded: Loaded,
    typed: Option<Typed>,
    errors: Errors,
) -> Result<ShowPage, AppError> {
    let db = &state.db;
    let m = &loaded.meeting;
    let show_record = loaded.parties().may_read_record(&user.principal, m.state());
    let questions = store::questions(db, m.id).await?;
    let (comments, actions) = if show_record {
        (store::comments(db, m.id).await?, store::agreed_actions(db, m.id).await?)
    } else {
        (Vec::new(), Vec::new())
    };
    let can = |change| loaded.can(user, change);
    let can_add_question = can(Change::AddQuestion);
    let cyp_choices = if can_add_question {
        let asked: Vec<i64> = questions.iter().filter_map(|q| q.cyp_question_id).collect();
        store::cyp_questions(db, m.partnership_id)
            .await?
            .into_iter()
            .filter(|c| !asked.contains(&c.id))
            .collect()
    } else {
        Vec::new()
    };
    let plan_link = if is_lead(user, m.organisation_id) {
        actions.first().map(|a| format!("/assessments/{}/actions", a.assessment_id))
    } else {
        None
    };
    let typed = typed.unwrap_or_else(|| Typed {
        held_on: DateParts::from_date(m.held_on),
        agenda: m.agenda.clone(),
        ..Default::default()
    });
    Ok(ShowPage {
        page: ctx.page(format!("Assurance meeting with {}", m.organisation_name)),
        can_edit: can(Change::EditDetails),
        can_add_question,
        can_mark_held: can(Change::MarkHeld),
        can_record: can(Change::Record) && can(Change::AgreeAction),
        can_finalise: can(Change::Finalise),
        can_comment: show_record && can(Change::Comment),
        m: loaded.meeting,
        panel: loaded.panel,
        questions,
        comments,
        actions,
        cyp_choices,
        show_record,
        plan_link,
        sources: [QuestionSource::Panel, QuestionSource::ReviewLearning]
            .iter()
            .map(|s| (s.code(), s.label()))
            .collect(),
        outcomes: Outcome::ALL,
        typed,
        errors,
    })
}

pub async fn show(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<ShowPage, AppError> {
    let (user, loaded) = load(&ctx, &state, id).await?;
    show_page(&ctx, &state, user, loaded, None, Errors::default()).await
}

#[derive(Template, WebTemplate)]
#[template(path = "meetings/finalise.html")]
pub struct FinalisePage {
    page: Page,
    m: MeetingRow,
    unanswered: usize,
}

/// GET: asks the admin to confirm, saying what finalising means.
pub async fn finalise_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<FinalisePage, AppError> {
    let (_, loaded) = load_for(&ctx, &state, id, Change::Finalise).await?;
    let unanswered = store::questions(&state.db, id).await?.iter().filter(|q| q.outcome().is_none()).count();
    Ok(FinalisePage { page: ctx.page("Finalise the record"), m: loaded.meeting, unanswered })
}

#[derive(Template, WebTemplate)]
#[template(path = "meetings/organisation.html")]
pub struct OrganisationPage {
    page: Page,
    organisation: org_queries::Organisation,
    meetings: Vec<MeetingRow>,
}

/// An organisation's meetings: for its lead, and for the staff of the partnerships it
/// serves (who see their own partnership's meetings).
pub async fn organisation(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<OrganisationPage, AppError> {
    let user = ctx.user()?;
    let p = &user.principal;
    let areas = org_queries::area_ids(&state.db, id).await?;
    let decision =
        if p.platform_admin || is_lead(user, id) || areas.iter().any(|a| p.is_partnership_staff(*a)) {
            Decision::Allow
        } else if p.is_org_member(id) {
            Decision::Forbidden
        } else {
            Decision::NotFound
        };
    AppError::check(decision)?;
    let organisation = org_queries::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let meetings = store::of_organisation(&state.db, id)
        .await?
        .into_iter()
        .filter(|m| {
            Parties { partnership: m.partnership_id, organisation: m.organisation_id, panel: &[] }
                .may_read(p)
                .is_allowed()
        })
        .collect();
    Ok(OrganisationPage {
        page: ctx.page(format!("Assurance meetings – {}", organisation.name)),
        organisation,
        meetings,
    })
}
