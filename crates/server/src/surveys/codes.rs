//! Issuing response codes: an organisation's safeguarding lead (or an admin of a
//! partnership running the survey) asks for N codes, sees them once in a list made
//! for printing, with the link for each, and sees how many were issued and used.
//! The codes are not kept readable anywhere (see `codes_store`), so this page is the
//! only time they are shown; more can always be issued.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Form;

use super::codes_store;
use super::store::{self, LinkRow, SurveyRow};
use crate::audit::{self, Change};
use crate::cycles::access as cycle_access;
use crate::cycles::pages::today;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::forms::Errors;
use crate::web::page::{Ctx, Page};
use crate::web::path::Path;
use osa_core::access::{Action, Decision};
use osa_core::analytics::MIN_SURVEY_RESPONSES;
use osa_core::survey_codes::{self, MAX_CODES_AT_ONCE};

/// How many codes have been used, as every survey page shows it: below the
/// five-response floor only "fewer than 5", as for the answers themselves.
pub fn used_text(used: i64) -> String {
    if usize::try_from(used).is_ok_and(|n| n >= MIN_SURVEY_RESPONSES) {
        used.to_string()
    } else {
        format!("fewer than {MIN_SURVEY_RESPONSES}")
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "surveys/codes.html")]
pub struct CodesPage {
    page: Page,
    survey: SurveyRow,
    open: bool,
    organisation: String,
    action: String,
    back: (String, String),
    issued: i64,
    used: String,
    how_many: String,
    max: usize,
    errors: Errors,
}

pub struct IssuedCode {
    pub code: String,
    pub url: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "surveys/codes_issued.html")]
pub struct IssuedPage {
    page: Page,
    survey: SurveyRow,
    organisation: String,
    survey_url: String,
    codes: Vec<IssuedCode>,
    action: String,
    back: (String, String),
}

struct Loaded {
    survey: SurveyRow,
    link: LinkRow,
    /// Where "Back" goes, and what it says.
    back: (String, String),
}

/// The organisation's lead, or an admin of a partnership taking part in the survey's
/// cycle; other people of the organisation are refused, and anyone else is told the
/// page does not exist. So is an organisation not invited to the cycle.
async fn load(ctx: &Ctx, state: &AppState, id: i64, organisation: i64) -> Result<Loaded, AppError> {
    let user = ctx.user()?;
    let survey = store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let back = match user.principal.decide(Action::EditAssessment { organisation }) {
        Decision::Allow => {
            (format!("/organisations/{organisation}/assessments"), "Back to your self-assessments".to_owned())
        }
        Decision::Forbidden => return Err(AppError::Forbidden),
        Decision::NotFound => {
            cycle_access::load(ctx, state, survey.cycle_id, true).await?;
            (format!("/surveys/{id}"), format!("Back to {}", survey.title))
        }
    };
    let link = store::link_of(&state.db, id, organisation).await?.ok_or(AppError::NotFound)?;
    Ok(Loaded { survey, link, back })
}

fn path(id: i64, organisation: i64) -> String {
    format!("/surveys/{id}/organisations/{organisation}/codes")
}

async fn codes_page(
    ctx: &Ctx,
    state: &AppState,
    loaded: Loaded,
    how_many: String,
    errors: Errors,
) -> Result<CodesPage, AppError> {
    let organisation = loaded.link.organisation_id;
    let (issued, used) = codes_store::counts_of(&state.db, loaded.survey.id, organisation).await?;
    Ok(CodesPage {
        page: ctx.page(format!("Response codes – {}", loaded.survey.title)),
        open: loaded.survey.is_open(today()),
        action: path(loaded.survey.id, organisation),
        survey: loaded.survey,
        organisation: loaded.link.organisation_name,
        back: loaded.back,
        issued,
        used: used_text(used),
        how_many,
        max: MAX_CODES_AT_ONCE,
        errors,
    })
}

pub async fn page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, organisation)): Path<(i64, i64)>,
) -> Result<CodesPage, AppError> {
    let loaded = load(&ctx, &state, id, organisation).await?;
    codes_page(&ctx, &state, loaded, String::new(), Errors::default()).await
}

#[derive(serde::Deserialize)]
pub struct IssueForm {
    #[serde(default)]
    how_many: String,
}

pub async fn issue(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, organisation)): Path<(i64, i64)>,
    Form(form): Form<IssueForm>,
) -> Result<Response, AppError> {
    let loaded = load(&ctx, &state, id, organisation).await?;
    let actor = ctx.user()?.id;
    let mut errors = Errors::default();
    let how_many = if loaded.survey.is_open(today()) {
        errors.take("how_many", survey_codes::parse_how_many(&form.how_many))
    } else {
        errors.add("how_many", "This survey is closed, so no more codes can be issued");
        None
    };
    let Some(n) = how_many else {
        let page = codes_page(&ctx, &state, loaded, form.how_many, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let mut tx = state.db.begin().await?;
    let codes = codes_store::issue(&mut tx, id, organisation, n).await?;
    audit::record(
        &mut tx,
        Change {
            actor: Some(actor),
            action: "issue_survey_codes",
            entity: "survey",
            entity_id: id.to_string(),
            before: None,
            // How many, never the codes themselves.
            after: Some(serde_json::json!({"organisation": organisation, "codes": n})),
        },
    )
    .await?;
    tx.commit().await?;
    let survey_url = super::link_url(&state, &loaded.link.token);
    Ok(IssuedPage {
        page: ctx.page(format!("Response codes – {}", loaded.survey.title)),
        codes: codes
            .into_iter()
            .map(|code| IssuedCode { url: format!("{survey_url}/{code}"), code })
            .collect(),
        survey_url,
        action: path(id, organisation),
        survey: loaded.survey,
        organisation: loaded.link.organisation_name,
        back: loaded.back,
    }
    .into_response())
}
