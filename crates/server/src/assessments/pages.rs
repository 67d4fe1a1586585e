//! The organisation's pages: its assessments, the task list, a page per standard (and
//! the conflict page when someone saved first), and the history of changes.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::form::{Fields, choices, describe, slug};
use super::requests::{ReturnRequest, return_requests};
use super::store::{self, AssessmentRow, Change, SaveOutcome, Saved};
use crate::db::Db;
use crate::frameworks::store::{self as framework_store, Stored, Summary};
use crate::organisations::store::{self as org_queries, Organisation};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, Flash, Page};
use crate::web::path::Path;
use osa_core::access::Action;
use osa_core::assessment::{StandardProgress, TaskStatus, standard_progress};
use osa_core::framework::{Audience, Criterion, Standard, Standing};
use osa_core::tenancy::{DutyStatus, Sector};

pub(crate) fn org_profile(o: &Organisation) -> (Sector, DutyStatus) {
    (
        Sector::from_code(&o.sector).unwrap_or(Sector::Other),
        DutyStatus::from_code(&o.duty_status).unwrap_or(DutyStatus::Voluntary),
    )
}

pub(crate) struct Loaded {
    pub assessment: AssessmentRow,
    pub organisation: Organisation,
    /// The framework as asked of the organisation, its local questions placed in it.
    pub framework: Stored,
    /// The local questions asked now (`crate::frameworks::asked`), which a sign-off keeps.
    pub local_questions: Vec<osa_core::framework::LocalQuestion>,
    pub can_edit: bool,
    /// The partnership whose own self-assessment this is (`crate::partnership_self`);
    /// `None` for an organisation's.
    pub partnership: Option<i64>,
}

pub(crate) async fn load(ctx: &Ctx, state: &AppState, id: i64, edit: bool) -> Result<Loaded, AppError> {
    ctx.user()?;
    let assessment = store::get(&state.db, id).await?;
    // Existence stays private: someone with no link to the organisation gets 404.
    let organisation_id = assessment.as_ref().map(|a| a.organisation_id).unwrap_or(-1);
    let user = ctx.require(Action::ViewAssessment { organisation: organisation_id })?;
    if edit {
        ctx.require(Action::EditAssessment { organisation: organisation_id })?;
    }
    let assessment = assessment.ok_or(AppError::NotFound)?;
    let can_edit =
        user.principal.decide(Action::EditAssessment { organisation: organisation_id }).is_allowed();
    let mut loaded = load_unchecked(&state.db, assessment).await?.ok_or(AppError::NotFound)?;
    loaded.can_edit = can_edit;
    Ok(loaded)
}

/// The assessment with its organisation and the framework as asked of it, for a
/// caller that has already decided who may read it (`can_edit` is false).
pub(crate) async fn load_unchecked(db: &Db, assessment: AssessmentRow) -> Result<Option<Loaded>, AppError> {
    let Some(organisation) = org_queries::get(db, assessment.organisation_id).await? else { return Ok(None) };
    let Some(mut framework) = framework_store::load(db, assessment.framework_id).await? else {
        return Ok(None);
    };
    // The open cycles it is invited to may ask their partnerships' own questions.
    let local_questions =
        crate::frameworks::asked::asked_of(db, assessment.organisation_id, &framework.framework.key).await?;
    if !local_questions.is_empty() {
        framework.framework =
            osa_core::framework::with_local_questions(&framework.framework, &local_questions);
    }
    let partnership = crate::partnership_self::store::partnership_of(db, assessment.organisation_id).await?;
    Ok(Some(Loaded { assessment, organisation, framework, local_questions, can_edit: false, partnership }))
}

pub struct AssessmentLink {
    pub id: i64,
    pub name: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "assessments/list.html")]
pub struct ListPage {
    page: Page,
    pub organisation: Organisation,
    started: Vec<AssessmentLink>,
    available: Vec<Summary>,
    pub can_edit: bool,
    can_compare: bool,
    requests: Vec<ReturnRequest>,
    /// Open practitioner surveys, for the lead to pass on.
    surveys: Vec<crate::surveys::LeadLink>,
}

pub async fn list(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<ListPage, AppError> {
    let user = ctx.require(Action::ViewAssessment { organisation: id })?;
    let can_edit = user.principal.decide(Action::EditAssessment { organisation: id }).is_allowed();
    refuse_record(&state.db, id).await?;
    let organisation = org_queries::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let assessments = store::of_organisation(&state.db, id).await?;
    let versions = framework_store::list(&state.db).await?;
    let started: Vec<AssessmentLink> = assessments
        .iter()
        .map(|a| AssessmentLink {
            id: a.id,
            name: versions
                .iter()
                .find(|v| v.id == a.framework_id)
                .map(|v| v.name.clone())
                .unwrap_or_else(|| a.framework_key.clone()),
        })
        .collect();
    let requests = return_requests(&state.db, id, &assessments, &versions, can_edit).await?;
    // What is asked for is started from its request above; the list below offers only
    // the other frameworks, so nobody starts the wrong one by mistake.
    let requested: std::collections::HashSet<String> = requests
        .iter()
        .filter_map(|r| r.start.and_then(|v| versions.iter().find(|f| f.id == v)))
        .map(|f| f.key.clone())
        .collect();
    let mut seen = std::collections::HashSet::new();
    let available = versions
        .into_iter()
        .filter(|v| v.is_published() && v.audience != Audience::Partnership.code())
        .filter(|v| seen.insert(v.key.clone()))
        .filter(|v| !assessments.iter().any(|a| a.framework_key == v.key))
        .filter(|v| !requested.contains(&v.key))
        .collect();
    let surveys = if can_edit { crate::surveys::links_for_lead(&state, id).await? } else { Vec::new() };
    Ok(ListPage {
        page: ctx.page(format!("Self-assessments – {}", organisation.name)),
        organisation,
        started,
        available,
        can_edit,
        can_compare: user
            .principal
            .decide(Action::ViewStandard { organisation: id, delegated: false })
            .is_allowed(),
        requests,
        surveys,
    })
}

/// A partnership's record has no organisation's list of assessments: its one
/// assessment is started and reached from the partnership's pages, and only with a
/// framework written for partnerships.
async fn refuse_record(db: &Db, organisation: i64) -> Result<(), AppError> {
    match crate::partnership_self::store::partnership_of(db, organisation).await? {
        Some(_) => Err(AppError::NotFound),
        None => Ok(()),
    }
}

/// The framework chosen to start an assessment with, by an organisation or (in
/// `partnership_self`) a partnership.
#[derive(Deserialize)]
pub struct StartForm {
    #[serde(default)]
    framework: String,
}

impl StartForm {
    /// The published framework version the form names; not found otherwise.
    pub(crate) async fn published(&self, db: &Db) -> Result<Summary, AppError> {
        let framework_id: i64 = self.framework.parse().map_err(|_| AppError::NotFound)?;
        let summary = framework_store::summary(db, framework_id).await?.ok_or(AppError::NotFound)?;
        if summary.is_published() { Ok(summary) } else { Err(AppError::NotFound) }
    }
}

pub async fn start(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(form): Form<StartForm>,
) -> Result<Redirect, AppError> {
    let user = ctx.require(Action::EditAssessment { organisation: id })?;
    refuse_record(&state.db, id).await?;
    org_queries::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let summary = form.published(&state.db).await?;
    if summary.audience == Audience::Partnership.code() {
        return Err(AppError::NotFound);
    }
    let assessment = store::start(&state.db, id, &summary.key, summary.id, user.id).await?;
    Ok(Redirect::to(&format!("/assessments/{assessment}")))
}

pub struct TaskRow {
    pub code: String,
    pub title: String,
    pub progress: StandardProgress,
    /// Carried-forward answers in this standard still to confirm.
    pub to_confirm: usize,
}

impl TaskRow {
    pub fn status_tag(&self) -> (&'static str, &'static str) {
        if self.to_confirm > 0 {
            return ("To confirm", "govuk-tag--yellow");
        }
        match self.progress.status {
            TaskStatus::Completed => ("Completed", ""),
            TaskStatus::InProgress => ("In progress", "govuk-tag--light-blue"),
            TaskStatus::NotStarted => ("Not started", "govuk-tag--blue"),
        }
    }

    pub(crate) fn standing_tag(&self) -> Option<(&'static str, &'static str)> {
        self.progress.standing.map(standing_tag)
    }
}

pub(crate) fn standing_tag(s: Standing) -> (&'static str, &'static str) {
    match s {
        Standing::Green => ("Green", "govuk-tag--green"),
        Standing::Amber => ("Amber", "govuk-tag--orange"),
        Standing::Red => ("Red", "govuk-tag--red"),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "assessments/task_list.html")]
pub struct TaskListPage {
    page: Page,
    id: i64,
    pub organisation: Organisation,
    framework_name: String,
    version: i32,
    tasks: Vec<TaskRow>,
    completed: usize,
    can_edit: bool,
    sees_all: bool,
    to_confirm: usize,
    may_start_round: bool,
    /// Where "back" goes and what it says: the organisation's assessments, or the
    /// partnership's self-assessment page.
    back: (String, String),
    /// A partnership's own self-assessment: signed off, never submitted.
    partnership_record: bool,
}

fn answers_only(saved: &HashMap<String, Saved>) -> HashMap<String, osa_core::assessment::Answer> {
    saved.iter().map(|(k, v)| (k.clone(), v.answer.clone())).collect()
}

pub async fn task_list(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<TaskListPage, AppError> {
    let loaded = load(&ctx, &state, id, false).await?;
    let saved = store::answers(&state.db, id).await?;
    let answers = answers_only(&saved);
    let (sector, duty) = org_profile(&loaded.organisation);
    let f = &loaded.framework.framework;
    let marked = super::rounds::to_confirm(&state.db, id).await?;
    let tasks: Vec<TaskRow> = f
        .standards
        .iter()
        .map(|s| TaskRow {
            code: s.code.clone(),
            title: s.title.clone(),
            progress: standard_progress(f.standing_rule, s, &answers, sector, duty),
            to_confirm: s.criteria.iter().filter(|c| marked.contains(&c.code)).count(),
        })
        .collect();
    // A contributor sees only the standards shared with them.
    let user = ctx.user()?;
    let sees_all = user
        .principal
        .decide(Action::ViewStandard { organisation: loaded.organisation.id, delegated: false })
        .is_allowed();
    let tasks: Vec<TaskRow> = if sees_all {
        tasks
    } else {
        let mine = super::delegation::delegated_to(&state.db, id, user.id).await?;
        tasks.into_iter().filter(|t| mine.contains(&t.code)).collect()
    };
    let completed = tasks.iter().filter(|t| t.progress.status == TaskStatus::Completed).count();
    let to_confirm = tasks.iter().map(|t| t.to_confirm).sum();
    let may_start_round = loaded.can_edit && super::rounds::may_start(&state.db, id).await?;
    let back =
        crate::partnership_self::back_link(&state.db, loaded.organisation.id).await?.unwrap_or_else(|| {
            (
                format!("/organisations/{}/assessments", loaded.organisation.id),
                "All self-assessments".to_owned(),
            )
        });
    Ok(TaskListPage {
        back,
        partnership_record: loaded.partnership.is_some(),
        to_confirm,
        may_start_round,
        can_edit: loaded.can_edit,
        sees_all,
        page: ctx.page(f.name.clone()),
        id,
        framework_name: f.name.clone(),
        version: loaded.framework.summary.version,
        organisation: loaded.organisation,
        tasks,
        completed,
    })
}

/// One criterion on the standard page.
pub struct CriterionForm<'a> {
    pub c: &'a Criterion,
    pub id: String,
    pub fields: Fields,
    pub offers: Vec<super::offers::Offer>,
    /// Evidence files attached to the criterion.
    pub files: Vec<crate::evidence::FileView>,
    pub choices: Vec<(&'static str, &'static str)>,
    pub errors: Vec<(&'static str, String)>,
    /// Carried forward from the last return and not yet confirmed or changed.
    pub to_confirm: bool,
    /// The person ticked "still right" (kept when the page is shown again).
    pub confirming: bool,
}

impl CriterionForm<'_> {
    pub fn error(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| *f == field).map(|(_, m)| m.as_str())
    }

    pub fn is_choice(&self) -> bool {
        !self.choices.is_empty()
    }

    pub fn is_text(&self) -> bool {
        self.c.answer == osa_core::framework::AnswerType::Text
    }

    pub fn is_percentage(&self) -> bool {
        self.c.answer == osa_core::framework::AnswerType::Percentage
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "assessments/standard.html")]
pub struct StandardPage<'a> {
    page: Page,
    id: i64,
    standard: &'a Standard,
    criteria: Vec<CriterionForm<'a>>,
    pub can_edit: bool,
    summary_errors: Vec<(String, String)>,
    /// What the error summary says before listing the errors.
    summary_intro: String,
    /// Resources signposted beside amber and red answers.
    help: crate::resources::signposts::Help,
}

const UNSAVED: &str = "Nothing on this page has been saved yet. Your answers are kept below.";

fn summary_errors(forms: &[CriterionForm<'_>]) -> Vec<(String, String)> {
    forms
        .iter()
        .flat_map(|f| {
            f.errors.iter().map(move |(field, m)| (format!("{}-{field}", f.id), format!("{}: {m}", f.c.code)))
        })
        .collect()
}

pub(crate) fn applicable<'a>(standard: &'a Standard, org: &Organisation) -> Vec<&'a Criterion> {
    let (sector, duty) = org_profile(org);
    standard.criteria.iter().filter(|c| c.applies_to(sector, duty)).collect()
}

pub(crate) fn find_standard<'a>(stored: &'a Stored, code: &str) -> Result<&'a Standard, AppError> {
    stored.framework.standards.iter().find(|s| s.code == code).ok_or(AppError::NotFound)
}

/// Checks the person may read (and says whether they may answer) one standard.
pub(crate) async fn standard_access(
    ctx: &Ctx,
    state: &AppState,
    loaded: &Loaded,
    code: &str,
    edit: bool,
) -> Result<bool, AppError> {
    let user = ctx.user()?;
    let delegated = super::delegation::delegated_to(&state.db, loaded.assessment.id, user.id)
        .await?
        .iter()
        .any(|c| c == code);
    let organisation = loaded.organisation.id;
    ctx.require(Action::ViewStandard { organisation, delegated })?;
    if edit {
        ctx.require(Action::EditStandard { organisation, delegated })?;
    }
    Ok(user.principal.decide(Action::EditStandard { organisation, delegated }).is_allowed())
}

pub async fn standard_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, code)): Path<(i64, String)>,
) -> Result<Response, AppError> {
    let loaded = load(&ctx, &state, id, false).await?;
    let can_edit = standard_access(&ctx, &state, &loaded, &code, false).await?;
    let standard = find_standard(&loaded.framework, &code)?;
    let page = standard_page(&ctx, &state, &loaded, standard, can_edit, Kept::default()).await?;
    Ok(page.into_response())
}

/// What a standard page shows again after a request that saved no answers (an
/// upload): the answers as posted, errors by criterion code, the error summary's
/// lead-in, and notices.
#[derive(Default)]
pub(crate) struct Kept {
    pub posted: HashMap<String, String>,
    pub errors: HashMap<String, Vec<(&'static str, String)>>,
    pub summary_intro: Option<String>,
    pub notices: Vec<Flash>,
}

/// The standard page: saved answers, or those kept from the request.
pub(crate) async fn standard_page<'a>(
    ctx: &Ctx,
    state: &AppState,
    loaded: &'a Loaded,
    standard: &'a Standard,
    can_edit: bool,
    mut kept: Kept,
) -> Result<StandardPage<'a>, AppError> {
    let id = loaded.assessment.id;
    let saved = store::answers(&state.db, id).await?;
    let applicable = applicable(standard, &loaded.organisation);
    let codes: Vec<&str> = applicable.iter().map(|c| c.code.as_str()).collect();
    let mut offers = super::offers::offers_for(&state.db, &loaded.assessment, &codes).await?;
    let to_confirm = super::rounds::to_confirm(&state.db, id).await?;
    let mut files = crate::evidence::views_by_criterion(&state.db, id, &codes).await?;
    let (org, framework) = (loaded.organisation.id, &loaded.framework.framework);
    let help = crate::resources::signposts::for_standard(&state.db, org, framework, standard, &saved).await?;
    let criteria: Vec<CriterionForm> = applicable
        .into_iter()
        .map(|c| CriterionForm {
            id: slug(&c.code),
            fields: if kept.posted.contains_key(&format!("version:{}", c.code)) {
                Fields::from_form(&kept.posted, &c.code)
            } else {
                Fields::from_saved(saved.get(&c.code))
            },
            offers: offers.remove(&c.code).unwrap_or_default(),
            files: files.remove(&c.code).unwrap_or_default(),
            choices: choices(c),
            errors: kept.errors.remove(&c.code).unwrap_or_default(),
            to_confirm: to_confirm.contains(&c.code),
            confirming: kept.posted.get(&format!("confirm:{}", c.code)).is_some_and(|v| v == "yes"),
            c,
        })
        .collect();
    let mut page = ctx.page(format!("{}. {}", standard.code, standard.title));
    page.flash.extend(kept.notices);
    Ok(StandardPage {
        page,
        id,
        standard,
        summary_errors: summary_errors(&criteria),
        criteria,
        can_edit,
        summary_intro: kept.summary_intro.unwrap_or_else(|| UNSAVED.to_owned()),
        help,
    })
}

/// Whether the posted answers differ from those the page showed when it was loaded
/// (or cannot be read as answers): saving them would change something.
pub(crate) fn has_unsaved_answers(
    loaded: &Loaded,
    standard: &Standard,
    posted: &HashMap<String, String>,
) -> bool {
    applicable(standard, &loaded.organisation).into_iter().any(|c| {
        if !posted.contains_key(&format!("orig:{}", c.code)) {
            return false;
        }
        let fields = Fields::from_form(posted, &c.code);
        fields.parse(c).map(|answer| store::fingerprint(&answer) != fields.orig).unwrap_or(true)
    })
}

/// A criterion someone else saved after this page was loaded.
pub struct Clash<'a> {
    pub c: &'a Criterion,
    pub theirs: String,
    pub theirs_narrative: String,
    pub by: String,
    pub at: String,
    pub yours: String,
    pub yours_narrative: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "assessments/conflict.html")]
pub struct ConflictPage<'a> {
    page: Page,
    id: i64,
    standard: &'a Standard,
    clashes: Vec<Clash<'a>>,
    /// Every field to post again if the person keeps their answers.
    resend: Vec<(String, String)>,
}

#[allow(
    clippy::too_many_lines,
    reason = "one form save: parse, check versions, save, then answer the page; to split with the access guards of issue 16"
)]
pub async fn standard_save(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, code)): Path<(i64, String)>,
    Form(posted): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let loaded = load(&ctx, &state, id, false).await?;
    standard_access(&ctx, &state, &loaded, &code, true).await?;
    let actor = ctx.user()?.id;
    let standard = find_standard(&loaded.framework, &code)?;
    let posted: HashMap<String, String> = posted.into_iter().collect();
    let criteria = applicable(standard, &loaded.organisation);
    let to_confirm = super::rounds::to_confirm(&state.db, id).await?;

    let mut forms = Vec::new();
    let mut changes = Vec::new();
    let mut confirmed = Vec::new();
    for c in &criteria {
        let fields = Fields::from_form(&posted, &c.code);
        let confirming = posted.get(&format!("confirm:{}", c.code)).is_some_and(|v| v == "yes");
        if confirming && to_confirm.contains(&c.code) {
            confirmed.push(c.code.clone());
        }
        let mut errors = Vec::new();
        match fields.parse(c) {
            Ok(answer) if store::fingerprint(&answer) != fields.orig => {
                changes.push(Change { code: c.code.clone(), answer, based_on: fields.version })
            }
            Ok(_) => {}
            Err(list) => errors = list,
        }
        forms.push(CriterionForm {
            id: slug(&c.code),
            fields,
            offers: Vec::new(),
            files: Vec::new(),
            choices: choices(c),
            errors,
            to_confirm: to_confirm.contains(&c.code),
            confirming,
            c,
        });
    }
    if forms.iter().any(|f| !f.errors.is_empty()) {
        let codes: Vec<&str> = criteria.iter().map(|c| c.code.as_str()).collect();
        let mut files = crate::evidence::views_by_criterion(&state.db, id, &codes).await?;
        for f in &mut forms {
            f.files = files.remove(&f.c.code).unwrap_or_default();
        }
        let (org, framework, saved) =
            (loaded.organisation.id, &loaded.framework.framework, store::answers(&state.db, id).await?);
        let help =
            crate::resources::signposts::for_standard(&state.db, org, framework, standard, &saved).await?;
        let page = StandardPage {
            page: ctx.page(format!("{}. {}", standard.code, standard.title)),
            id,
            standard,
            summary_errors: summary_errors(&forms),
            criteria: forms,
            can_edit: true,
            summary_intro: UNSAVED.to_owned(),
            help,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }

    // A file chosen on the page travels only with "Upload files"; "Save" sends its name.
    let files_left_behind = posted.iter().any(|(k, v)| k.starts_with("evidence:") && !v.is_empty());
    let org = org_profile(&loaded.organisation);
    match store::save_standard(
        &state.db,
        &loaded.assessment,
        actor,
        &loaded.framework.framework,
        standard,
        org,
        changes,
    )
    .await?
    {
        SaveOutcome::Saved { changed, .. } => {
            if !confirmed.is_empty() {
                let mut tx = state.db.begin().await?;
                super::rounds::settle(&mut tx, id, &confirmed).await?;
                tx.commit().await?;
            }
            let message = match (changed, confirmed.len()) {
                (0, 0) => "Your answers are saved: nothing had changed since the last save".to_owned(),
                (0, n) => format!(
                    "Confirmed {} in {}. {}",
                    crate::web::format::count(n, "answer", "answers"),
                    standard.code,
                    standard.title
                ),
                _ => format!("Saved {}. {}", standard.code, standard.title),
            };
            ctx.flash("success", message).await?;
            if files_left_behind {
                ctx.flash(
                    "important",
                    format!(
                        "The files you chose were not added: saving keeps your answers only. To add a file, open {} again, choose the file and select \u{2018}Upload files\u{2019} under its question.",
                        standard.code
                    ),
                )
                .await?;
            }
            Ok(Redirect::to(&format!("/assessments/{id}")).into_response())
        }
        SaveOutcome::Conflict { stale } => {
            let current = store::answers(&state.db, id).await?;
            let mut resend: Vec<(String, String)> =
                posted.into_iter().filter(|(k, _)| k != "csrf_token").collect();
            let mut clashes = Vec::new();
            for f in forms.iter().filter(|f| stale.contains(&f.c.code)) {
                let theirs = current.get(&f.c.code);
                let yours = f.fields.parse(f.c).unwrap_or_default();
                // Keeping your answer means saving it over the version now stored.
                for (key, value) in resend.iter_mut() {
                    if *key == format!("version:{}", f.c.code) {
                        *value = theirs.map(|t| t.version).unwrap_or(0).to_string();
                    }
                    if *key == format!("orig:{}", f.c.code) {
                        *value = theirs.map(|t| store::fingerprint(&t.answer)).unwrap_or_default();
                    }
                }
                clashes.push(Clash {
                    c: f.c,
                    theirs: theirs.map(|t| describe(f.c, &t.answer)).unwrap_or_else(|| "No answer".into()),
                    theirs_narrative: theirs.map(|t| t.answer.narrative.clone()).unwrap_or_default(),
                    by: theirs.and_then(|t| t.updated_by.clone()).unwrap_or_else(|| "someone".into()),
                    at: theirs.map(|t| crate::web::format::datetime(t.updated_at)).unwrap_or_default(),
                    yours: describe(f.c, &yours),
                    yours_narrative: yours.narrative.clone(),
                });
            }
            let page = ConflictPage {
                page: ctx.page("Someone else saved these answers"),
                id,
                standard,
                clashes,
                resend,
            };
            Ok((StatusCode::CONFLICT, page).into_response())
        }
    }
}
