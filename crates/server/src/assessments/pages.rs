//! The organisation's pages: its assessments, the task list, a page per standard (and
//! the conflict page when someone saved first), and the history of changes.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::form::{self, Fields, choices, describe, slug};
use super::store::{self, AssessmentRow, Change, SaveOutcome, Saved};
use crate::frameworks::store::{self as framework_store, Stored, Summary};
use crate::organisations::queries::{self as org_queries, Organisation};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, Page};
use crate::web::paging::{PageParams, Paging};
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
    pub framework: Stored,
    pub can_edit: bool,
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
    let organisation = org_queries::get(&state.db, organisation_id).await?.ok_or(AppError::NotFound)?;
    let framework =
        framework_store::load(&state.db, assessment.framework_id).await?.ok_or(AppError::NotFound)?;
    Ok(Loaded { assessment, organisation, framework, can_edit })
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
}

pub async fn list(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<ListPage, AppError> {
    let user = ctx.require(Action::ViewAssessment { organisation: id })?;
    let can_edit = user.principal.decide(Action::EditAssessment { organisation: id }).is_allowed();
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
    let mut seen = std::collections::HashSet::new();
    let available = versions
        .into_iter()
        .filter(|v| v.is_published() && v.audience != Audience::Partnership.code())
        .filter(|v| seen.insert(v.key.clone()))
        .filter(|v| !assessments.iter().any(|a| a.framework_key == v.key))
        .collect();
    Ok(ListPage {
        page: ctx.page(format!("Self-assessments – {}", organisation.name)),
        organisation,
        started,
        available,
        can_edit,
    })
}

#[derive(Deserialize)]
pub struct StartForm {
    #[serde(default)]
    framework: String,
}

pub async fn start(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(form): Form<StartForm>,
) -> Result<Redirect, AppError> {
    let user = ctx.require(Action::EditAssessment { organisation: id })?;
    org_queries::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let framework_id: i64 = form.framework.parse().map_err(|_| AppError::NotFound)?;
    let summary = framework_store::summary(&state.db, framework_id).await?.ok_or(AppError::NotFound)?;
    if !summary.is_published() || summary.audience == Audience::Partnership.code() {
        return Err(AppError::NotFound);
    }
    let assessment = store::start(&state.db, id, &summary.key, summary.id, user.id).await?;
    Ok(Redirect::to(&format!("/assessments/{assessment}")))
}

pub struct TaskRow {
    pub code: String,
    pub title: String,
    pub progress: StandardProgress,
}

impl TaskRow {
    pub fn status_tag(&self) -> (&'static str, &'static str) {
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
    let tasks: Vec<TaskRow> = f
        .standards
        .iter()
        .map(|s| TaskRow {
            code: s.code.clone(),
            title: s.title.clone(),
            progress: standard_progress(f.standing_rule, s, &answers, sector, duty),
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
    Ok(TaskListPage {
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
    pub choices: Vec<(&'static str, &'static str)>,
    pub errors: Vec<(&'static str, String)>,
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
    /// Resources signposted beside amber and red answers.
    help: crate::resources::signposts::Help,
}

fn applicable<'a>(standard: &'a Standard, org: &Organisation) -> Vec<&'a Criterion> {
    let (sector, duty) = org_profile(org);
    standard.criteria.iter().filter(|c| c.applies_to(sector, duty)).collect()
}

fn find_standard<'a>(stored: &'a Stored, code: &str) -> Result<&'a Standard, AppError> {
    stored.framework.standards.iter().find(|s| s.code == code).ok_or(AppError::NotFound)
}

/// Checks the person may read (and says whether they may answer) one standard.
async fn standard_access(
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
    let saved = store::answers(&state.db, id).await?;
    let applicable = applicable(standard, &loaded.organisation);
    let codes: Vec<&str> = applicable.iter().map(|c| c.code.as_str()).collect();
    let mut offers = super::offers::offers_for(&state.db, &loaded.assessment, &codes).await?;
    let (org, framework) = (loaded.organisation.id, &loaded.framework.framework);
    let help = crate::resources::signposts::for_standard(&state.db, org, framework, standard, &saved).await?;
    let criteria = applicable
        .into_iter()
        .map(|c| CriterionForm {
            id: slug(&c.code),
            fields: Fields::from_saved(saved.get(&c.code)),
            offers: offers.remove(&c.code).unwrap_or_default(),
            choices: choices(c),
            errors: Vec::new(),
            c,
        })
        .collect();
    let page = StandardPage {
        page: ctx.page(format!("{}. {}", standard.code, standard.title)),
        id,
        standard,
        criteria,
        can_edit,
        summary_errors: Vec::new(),
        help,
    };
    Ok(page.into_response())
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

    let mut forms = Vec::new();
    let mut changes = Vec::new();
    for c in &criteria {
        let fields = Fields::from_form(&posted, &c.code);
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
            choices: choices(c),
            errors,
            c,
        });
    }
    if forms.iter().any(|f| !f.errors.is_empty()) {
        let summary_errors = forms
            .iter()
            .flat_map(|f| {
                f.errors
                    .iter()
                    .map(move |(field, m)| (format!("{}-{field}", f.id), format!("{}: {m}", f.c.code)))
            })
            .collect();
        let (org, framework, saved) =
            (loaded.organisation.id, &loaded.framework.framework, store::answers(&state.db, id).await?);
        let help =
            crate::resources::signposts::for_standard(&state.db, org, framework, standard, &saved).await?;
        let page = StandardPage {
            page: ctx.page(format!("{}. {}", standard.code, standard.title)),
            id,
            standard,
            criteria: forms,
            can_edit: true,
            summary_errors,
            help,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }

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
        SaveOutcome::Saved { changed } => {
            let message = if changed == 0 {
                "No changes to save".to_owned()
            } else {
                format!("Saved {}. {}", standard.code, standard.title)
            };
            ctx.flash("success", message).await?;
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

pub struct HistoryView {
    pub code: String,
    pub question: String,
    pub before: String,
    pub after: String,
    pub by: String,
    pub at: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "assessments/history.html")]
pub struct HistoryPage {
    page: Page,
    id: i64,
    pub organisation: Organisation,
    rows: Vec<HistoryView>,
    paging: Paging,
}

fn from_json(value: &str) -> osa_core::assessment::Answer {
    let v: serde_json::Value = serde_json::from_str(value).unwrap_or_default();
    osa_core::assessment::Answer {
        rating: v["rating"].as_str().and_then(osa_core::framework::Rating::from_code),
        yes_no: v["yes_no"].as_bool(),
        number: v["number"].as_f64(),
        text: v["text"].as_str().map(str::to_owned),
        narrative: v["narrative"].as_str().unwrap_or_default().to_owned(),
        improvement_action: v["improvement_action"].as_str().unwrap_or_default().to_owned(),
    }
}

fn summarise(c: Option<&Criterion>, a: &osa_core::assessment::Answer) -> String {
    let main = c.map(|c| describe(c, a)).unwrap_or_else(|| form::value_text(a));
    if a.narrative.is_empty() { main } else { format!("{main}. {}", a.narrative) }
}

pub async fn history(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(params): Query<PageParams>,
) -> Result<HistoryPage, AppError> {
    let loaded = load(&ctx, &state, id, false).await?;
    let paging = Paging::new(&params, format!("/assessments/{id}/history"));
    let mut rows = store::history(&state.db, id, paging.fetch_limit(), paging.offset()).await?;
    let paging = paging.with_rows(&mut rows);
    let f = &loaded.framework.framework;
    let rows = rows
        .into_iter()
        .map(|r| {
            let c = f.find(&r.criterion_code).map(|(_, c)| c);
            HistoryView {
                question: c.map(|c| c.question.clone()).unwrap_or_default(),
                before: r
                    .before
                    .as_deref()
                    .map(|b| summarise(c, &from_json(b)))
                    .unwrap_or_else(|| "No answer".into()),
                after: summarise(c, &from_json(&r.after)),
                by: r.changed_by_name.unwrap_or_else(|| "Unknown".into()),
                at: crate::web::format::datetime(r.changed_at),
                code: r.criterion_code,
            }
        })
        .collect();
    Ok(HistoryPage {
        page: ctx.page("History of changes"),
        id,
        organisation: loaded.organisation,
        rows,
        paging,
    })
}
