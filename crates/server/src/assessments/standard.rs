//! The page of one standard: its applicable criteria as a form, with saved answers,
//! offers of answers given elsewhere, evidence files and signposted help; and the
//! conflict page shown when someone else saved first.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

use super::access::{self, Loaded};
use super::form::{Fields, choices, slug};
use super::store;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, Flash, Page};
use crate::web::path::Path;
use osa_core::framework::{Criterion, Standard};
use osa_core::tenancy::{DutyStatus, Sector};

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
    pub(super) page: Page,
    pub(super) id: i64,
    pub(super) standard: &'a Standard,
    pub(super) criteria: Vec<CriterionForm<'a>>,
    pub can_edit: bool,
    pub(super) summary_errors: Vec<(String, String)>,
    /// What the error summary says before listing the errors.
    pub(super) summary_intro: String,
    /// Resources signposted beside amber and red answers.
    pub(super) help: crate::resources::signposts::Help,
}

pub(super) const UNSAVED: &str = "Nothing on this page has been saved yet. Your answers are kept below.";

pub(super) fn summary_errors(forms: &[CriterionForm<'_>]) -> Vec<(String, String)> {
    forms
        .iter()
        .flat_map(|f| {
            f.errors.iter().map(move |(field, m)| (format!("{}-{field}", f.id), format!("{}: {m}", f.c.code)))
        })
        .collect()
}

/// The criteria of `standard` that apply to an organisation of this profile.
pub(crate) fn applicable(standard: &Standard, profile: (Sector, DutyStatus)) -> Vec<&Criterion> {
    standard.criteria.iter().filter(|c| c.applies_to(profile.0, profile.1)).collect()
}

pub async fn standard_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, code)): Path<(i64, String)>,
) -> Result<Response, AppError> {
    let loaded = access::read(&ctx, &state, id).await?;
    let can_edit = access::may_answer(&ctx, &state, &loaded, &code).await?;
    let standard = access::find_standard(&loaded.framework, &code)?;
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
    let applicable = applicable(standard, loaded.profile);
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
    applicable(standard, loaded.profile).into_iter().any(|c| {
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
    pub(super) page: Page,
    pub(super) id: i64,
    pub(super) standard: &'a Standard,
    pub(super) clashes: Vec<Clash<'a>>,
    /// Every field to post again if the person keeps their answers.
    pub(super) resend: Vec<(String, String)>,
}
